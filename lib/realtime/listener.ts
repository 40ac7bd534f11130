import pg from "pg";
import { NOTIFY_CHANNEL } from "@/lib/realtime/log";

export const LISTEN_APPLICATION_NAME = "tidings-hub-listen";

export interface ListenerOptions {
  databaseUrl: string;
  /** Called on every NOTIFY and after every (re)connect, since notifications may have been missed. */
  onWake: () => void;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  log?: (message: string) => void;
}

/** The hub's one dedicated LISTEN connection; reconnects with exponential backoff until closed. */
export class Listener {
  private client: pg.Client | undefined;
  private closed = false;
  private backoffMs: number;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Backend pid of the current connection (tests terminate it); undefined while reconnecting. */
  pid: number | undefined;
  connects = 0;

  constructor(private readonly options: ListenerOptions) {
    this.backoffMs = options.minBackoffMs ?? 100;
  }

  /** Connects; any failure (now or later) reconnects in the background while the poll covers. */
  async start(): Promise<void> {
    await this.connect().catch((error: Error) => {
      const client = this.client;
      if (client) this.lost(client, error);
      else this.scheduleReconnect();
    });
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      application_name: LISTEN_APPLICATION_NAME,
      keepAlive: true,
    });
    client.on("notification", (message) => {
      if (message.channel === NOTIFY_CHANNEL) this.options.onWake();
    });
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client));
    this.client = client;
    await client.connect();
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    if (this.closed) return void (await client.end().catch(() => {}));
    this.pid = rows[0]?.pid;
    this.connects++;
    this.backoffMs = this.options.minBackoffMs ?? 100;
    this.options.onWake();
  }

  private lost(client: pg.Client, error?: Error) {
    if (client !== this.client || this.closed) return;
    this.client = undefined;
    this.pid = undefined;
    this.options.log?.(`LISTEN connection lost${error ? `: ${error.message}` : ""}; reconnecting`);
    client.end().catch(() => {});
    this.scheduleReconnect();
  }

  private scheduleReconnect() {
    if (this.closed || this.retryTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(delay * 2, this.options.maxBackoffMs ?? 5000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.start();
    }, delay);
    this.retryTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}
