import { env, type Env } from "@/lib/env";
import { Hub, type HubOptions } from "@/lib/realtime/hub";

// One hub per process, shared by the launcher's node:http adapter and Next's route handler.
const store = globalThis as unknown as { tidingsHub?: Hub };

/** Hub settings from the validated environment (lib/env.ts). */
export function hubOptionsFromEnv(config: Env, databaseUrl: string): HubOptions {
  return {
    databaseUrl,
    mode: config.REALTIME_MODE,
    pollMs: config.REALTIME_POLL_MS,
    heartbeatMs: config.HEARTBEAT_INTERVAL_MS,
    maxLifetimeMs: config.STREAM_MAX_LIFETIME_MS,
    retryMs: config.STREAM_RETRY_MS,
    queueLimit: config.STREAM_QUEUE_LIMIT,
    retentionDays: config.EVENT_RETENTION_DAYS,
  };
}

/** Creates and starts the process's hub (the launcher calls this after migrating). */
export async function startHub(options: HubOptions): Promise<Hub> {
  const hub = (store.tidingsHub ??= new Hub(options));
  await hub.start();
  return hub;
}

/** The process's hub, created from the environment on first use (started lazily by the adapters). */
export function getHub(): Hub {
  if (store.tidingsHub) return store.tidingsHub;
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set");
  return (store.tidingsHub = new Hub(hubOptionsFromEnv(env, env.DATABASE_URL)));
}

/** Open streams per topic in this process. */
export function getPresence(): Map<string, number> {
  return store.tidingsHub?.presence() ?? new Map<string, number>();
}

/** Ends every stream and releases the hub's connections (SIGTERM). */
export async function closeHub(): Promise<void> {
  const hub = store.tidingsHub;
  store.tidingsHub = undefined;
  await hub?.close();
}
