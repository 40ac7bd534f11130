import pg from "pg";
import { HELLO_MESSAGE } from "@/lib/messages/hello-stream";
import { publish } from "@/lib/realtime/log";

export const MESSAGES_TOPIC = "messages";
export const HELLO_TYPE = "hello";
/** Session advisory lock: the instance holding it is the one ticker of the database. */
export const TICKER_LOCK_KEY = 0x74696b72;

export interface TickerOptions {
  databaseUrl: string;
  intervalMs: number;
  now?: () => Date;
  log?: (message: string) => void;
}

export interface Ticker {
  /** Whether this process currently holds the ticker lock. */
  readonly leading: boolean;
  stop(): Promise<void>;
}

/**
 * Publishes `messages.hello` every `intervalMs` into the log. With several instances on one
 * database only the holder of a session advisory lock ticks; when it dies another takes over.
 */
export function startMessageTicker(options: TickerOptions): Ticker {
  const { databaseUrl, intervalMs, now = () => new Date(), log = console.warn } = options;
  let client: pg.Client | undefined;
  let leading = false;
  let stopped = false;

  const drop = (error: Error) => {
    if (!stopped) log(`[realtime] message ticker: ${error.message}`);
    const old = client;
    client = undefined;
    leading = false;
    void old?.end().catch(() => {});
  };

  const tick = async () => {
    if (!client) {
      const next = new pg.Client({
        connectionString: databaseUrl,
        application_name: "tidings-ticker",
      });
      next.on("error", (error) => client === next && drop(error));
      client = next;
      await next.connect();
    }
    if (!leading) {
      const { rows } = await client.query<{ ok: boolean }>(
        "SELECT pg_try_advisory_lock($1) AS ok",
        [TICKER_LOCK_KEY],
      );
      leading = rows[0]?.ok === true;
    }
    if (leading && !stopped) {
      const payload = { message: HELLO_MESSAGE, timestamp: now().toISOString() };
      await publish(client, [{ topic: MESSAGES_TOPIC, type: HELLO_TYPE, payload }]);
    }
  };

  let running: Promise<void> | undefined;
  // A slow tick (connecting, a busy database) skips the next one instead of bunching them up.
  const run = () => {
    running ??= tick()
      .catch(drop)
      .finally(() => (running = undefined));
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();

  return {
    get leading() {
      return leading;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await client?.end().catch(() => {});
    },
  };
}
