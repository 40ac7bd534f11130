import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, afterEach, expect } from "vitest";
import type { Hub, HubOptions } from "@/lib/realtime/hub";
import { handleNodeStream } from "@/lib/realtime/node-adapter";
import type { PgQueryable } from "@/lib/realtime/sql";
import type { Viewer } from "@/lib/realtime/types";

// Helpers for the realtime integration tests: a node:http server and a tiny SSE client.

export interface Frame {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
  comment?: string;
}

/** Parses complete SSE frames out of `buffer`; returns them and the unparsed rest. */
export function parseFrames(buffer: string): { frames: Frame[]; rest: string } {
  const parts = buffer.split("\n\n");
  const rest = parts.pop() ?? "";
  const frames = parts.map((part) => {
    const frame: Frame = {};
    for (const line of part.split("\n")) {
      if (line.startsWith(":")) frame.comment = line.slice(1).trim();
      const match = /^(id|event|data|retry): ?(.*)$/.exec(line);
      if (match) frame[match[1] as "id" | "event" | "data" | "retry"] = match[2];
    }
    return frame;
  });
  return { frames, rest };
}

export interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  frames: Frame[];
  /** Frames with an id that are topic events (not reset). */
  events(): Frame[];
  ids(): bigint[];
  ended: Promise<void>;
  isEnded(): boolean;
  body(): string;
  close(): void;
}

/** Opens `url` (path + query on `base`) and collects frames; resolves once headers arrive. */
export function openSse(base: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<SseClient>((resolve, reject) => {
    const request = http.get(new URL(path, base), { headers }, (response) => {
      const frames: Frame[] = [];
      let raw = "";
      let rest = "";
      let ended = false;
      const done = new Promise<void>((resolveEnd) => {
        const finish = () => {
          ended = true;
          resolveEnd();
        };
        response.on("end", finish);
        response.on("close", finish);
        response.on("error", finish);
      });
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        raw += chunk;
        const parsed = parseFrames(rest + chunk);
        rest = parsed.rest;
        frames.push(...parsed.frames);
      });
      const events = () => frames.filter((f) => f.id !== undefined && f.event !== "reset");
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        frames,
        events,
        ids: () => events().map((f) => BigInt(f.id!)),
        ended: done,
        isEnded: () => ended,
        body: () => raw,
        close: () => request.destroy(),
      });
    });
    request.on("error", reject);
  });
}

/** A node:http server on 127.0.0.1 with the node adapter; `x-test-user`/`x-test-roles` set the viewer. */
export async function startStreamServer(hub: Hub) {
  const server = http.createServer((req, res) => {
    const userId = req.headers["x-test-user"];
    const roles = req.headers["x-test-roles"];
    const viewer: Viewer = {
      userId: typeof userId === "string" ? userId : undefined,
      roles: typeof roles === "string" ? roles.split(",") : [],
    };
    handleNodeStream(hub, req, res, viewer);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Waits until `check` holds (polling), failing with its last value after `timeout` ms. */
export async function until(check: () => boolean, timeout = 10_000): Promise<void> {
  await expect.poll(check, { timeout, interval: 10 }).toBe(true);
}

/** A pg pool that counts the statements run through it. */
export function countingPool(url: string): PgQueryable & { count: number; end(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  const counter = {
    count: 0,
    query(text: string, values?: unknown[]) {
      counter.count++;
      return pool.query(text, values);
    },
    end: () => pool.end(),
  };
  return counter;
}

export const quietLog = () => {};

/** An event on `topic` of type "tick" carrying `{ n }`. */
export const tick = (topic: string, n: number, extra: object = {}) => ({
  topic,
  type: "tick",
  payload: { n },
  ...extra,
});

/**
 * A test file's hubs: a pg pool on `databaseUrl`, and `hubWithServer()` starting a Hub (the class is
 * passed in, imported after the test database is set up) with its node:http server, both closed
 * after each test, like anything given to `afterTest()`.
 */
export function streamHarness(
  HubClass: typeof Hub,
  databaseUrl: string,
  defaults: Partial<HubOptions> = {},
) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanup.splice(0).map((close) => close()));
  });
  afterAll(() => pool.end());

  async function hubWithServer(options: Partial<HubOptions> = {}) {
    const hub = new HubClass({ databaseUrl, log: quietLog, ...defaults, ...options });
    await hub.start();
    const server = await startStreamServer(hub);
    cleanup.push(
      () => server.close(),
      () => hub.close(),
    );
    return { hub, server };
  }
  /** Runs `close` after the current test, with the hubs and servers. */
  const afterTest = (close: () => Promise<unknown>) => void cleanup.push(close);
  return { pool, hubWithServer, afterTest };
}
