import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "DATABASE_URL must be a postgresql:// URL" })
    .optional(),
  TIDINGS_DATA_DIR: z.string().min(1).default(".data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  MESSAGE_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5000),
  HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(15_000),
});

export type Env = z.infer<typeof schema>;

/** Validates configuration; exported for tests, everything else uses `env`. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset, so `PORT= npm run dev` falls back to the default.
  const set = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = schema.safeParse(set);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${problems.join("\n")}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);
