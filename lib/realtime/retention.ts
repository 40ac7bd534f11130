import { pruneOlderThan } from "@/lib/realtime/log";
import type { LogClient } from "@/lib/realtime/sql";

const DAY_MS = 86_400_000;

/** Prunes events older than `days` now and every `everyMs`; returns a stop function. 0 days keeps all. */
export function scheduleRetention(
  client: LogClient,
  days: number,
  everyMs: number,
  log: (message: string) => void,
): () => void {
  if (days <= 0) return () => {};
  const prune = () =>
    pruneOlderThan(new Date(Date.now() - days * DAY_MS), client)
      .then((count) => count > 0 && log(`Pruned ${count} events older than ${days} days`))
      .catch((error: Error) => log(`Event retention failed: ${error.message}`));
  void prune();
  const timer = setInterval(() => void prune(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
