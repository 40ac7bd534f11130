/** Bare node:http SSE broadcaster: the baseline Tidings is compared with (same wire format). */
import http from "node:http";

const TOPIC = /^[a-z][a-z0-9._-]{0,63}$/;
const RETRY = Buffer.from("retry: 3000\n\n");
const PING = Buffer.from(": ping\n\n");
const MAX_BODY = 8 * 1024 * 1024;

interface Logged {
  id: number;
  topic: string;
  frame: Buffer;
}

const byTopic = new Map<string, Set<http.ServerResponse>>();
// In-memory event log so `lastEventId` replays work like Tidings' (bounded by the run's length).
const log: Logged[] = [];
let nextId = 1;

function frame(id: number, topic: string, type: string, payload: unknown): Buffer {
  return Buffer.from(`id: ${id}\nevent: ${topic}.${type}\ndata: ${JSON.stringify(payload)}\n\n`);
}

function subscribe(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
  const topics = (url.searchParams.get("topics") ?? "").split(",").filter(Boolean);
  if (topics.length === 0 || !topics.every((t) => TOPIC.test(t))) {
    res
      .writeHead(400, { "Content-Type": "application/json" })
      .end('{"error":{"code":"bad_topics"}}');
    return;
  }
  res.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache, no-transform",
    "X-Accel-Buffering": "no",
    Connection: "keep-alive",
  });
  res.write(RETRY);
  const raw = req.headers["last-event-id"] ?? url.searchParams.get("lastEventId");
  const after = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : undefined;
  if (after !== undefined) {
    const wanted = new Set(topics);
    const frames = log.filter((e) => e.id > after && wanted.has(e.topic)).map((e) => e.frame);
    if (frames.length) res.write(Buffer.concat(frames));
  }
  for (const topic of topics) {
    let set = byTopic.get(topic);
    if (!set) byTopic.set(topic, (set = new Set()));
    set.add(res);
  }
  res.on("close", () => {
    for (const topic of topics) byTopic.get(topic)?.delete(res);
  });
}

function publish(body: string, res: http.ServerResponse): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    res.writeHead(400).end();
    return;
  }
  const items = (Array.isArray(parsed) ? parsed : [parsed]) as {
    topic: string;
    type: string;
    payload: unknown;
  }[];
  const ids: string[] = [];
  const perTopic = new Map<string, Buffer[]>();
  for (const { topic, type, payload } of items) {
    const id = nextId++;
    const bytes = frame(id, topic, type, payload);
    log.push({ id, topic, frame: bytes });
    ids.push(String(id));
    perTopic.set(topic, [...(perTopic.get(topic) ?? []), bytes]);
  }
  // Encode once per batch and topic, share the bytes with every subscriber.
  for (const [topic, frames] of perTopic) {
    const bytes = frames.length === 1 ? frames[0] : Buffer.concat(frames);
    for (const sub of byTopic.get(topic) ?? []) sub.write(bytes);
  }
  res.writeHead(202, { "Content-Type": "application/json" }).end(JSON.stringify({ ids }));
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (req.method === "GET" && url.pathname === "/api/stream") return subscribe(req, res, url);
  if (req.method === "POST" && url.pathname === "/api/events") {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > MAX_BODY) res.writeHead(413).end();
      else publish(Buffer.concat(chunks).toString("utf8"), res);
    });
    return;
  }
  res.writeHead(404).end();
});

// One shared heartbeat timer for every stream.
setInterval(() => {
  for (const set of byTopic.values()) for (const sub of set) sub.write(PING);
}, 15_000).unref();

const port = Number(process.argv[2] ?? 0);
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : port}`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  process.exit(0);
});
