import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { ConnectionStatusProvider } from "@/components/connection-status-provider";
import { SiteHeader } from "@/components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Tidings", template: "%s · Tidings" },
  description: "Live dashboards for news, notifications, markets and system health.",
  applicationName: "Tidings",
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-zinc-50 font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <a
          href="#main"
          className="sr-only rounded-md bg-indigo-600 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:px-4 focus:py-2 focus:shadow-lg"
        >
          Skip to content
        </a>
        <ConnectionStatusProvider>
          <SiteHeader />
          <main
            id="main"
            tabIndex={-1}
            className="mx-auto max-w-5xl px-4 py-8 outline-none sm:px-6 sm:py-12"
          >
            {children}
          </main>
        </ConnectionStatusProvider>
      </body>
    </html>
  );
}
