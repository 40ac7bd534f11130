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
  // Live event path (lib/realtime): see README → Configuration.
  REALTIME_MODE: z.enum(["listen", "poll"]).default("listen"),
  REALTIME_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  STREAM_MAX_LIFETIME_MS: z.coerce.number().int().min(0).max(86_400_000).default(1_800_000),
  STREAM_RETRY_MS: z.coerce.number().int().min(100).max(600_000).default(3000),
  STREAM_QUEUE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(1000),
  EVENT_RETENTION_DAYS: z.coerce.number().min(0).max(3650).default(7),
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
