import { expect, type BrowserContext, type Page, type Request } from "@playwright/test";

export const HELLO = "Hello from Server using Tidings!";
export const HELLO_EVENT = "messages.hello";

export interface Frame {
  id: string;
  event: string;
  data: string;
}

export const isStreamUrl = (url: URL) => url.pathname === "/api/stream";
const isStreamRequest = (request: Request) => isStreamUrl(new URL(request.url()));

function parseBlock(block: string): Frame | null {
  const field = (name: string) => new RegExp(`^${name}: ?(.*)$`, "m").exec(block)?.[1];
  const id = field("id");
  const data = field("data");
  return id === undefined || data === undefined
    ? null
    : { id, event: field("event") ?? "message", data };
}

/** Reads the real stream from the test process until `enough` says so: the ground truth. */
export async function readStream(
  url: string,
  enough: (frames: readonly Frame[]) => boolean,
): Promise<Frame[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 15_000);
  const frames: Frame[] = [];
  try {
    const response = await fetch(url, { signal: abort.signal });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    while (!enough(frames)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      // One chunk may hold several frames: stop at the first that is enough.
      for (
        let end = buffer.indexOf("\n\n");
        end >= 0 && !enough(frames);
        end = buffer.indexOf("\n\n")
      ) {
        const frame = parseBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (frame) frames.push(frame);
      }
    }
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return frames;
}

/** Every /api/stream request of a browser context, and which of them are still open. */
export function trackStreams(context: BrowserContext) {
  const all: Request[] = [];
  const ended = new Set<Request>();
  context.on("request", (request) => {
    if (isStreamRequest(request)) all.push(request);
  });
  context.on("requestfinished", (request) => ended.add(request));
  context.on("requestfailed", (request) => ended.add(request));
  const open = () => all.filter((r) => !ended.has(r) && !r.frame().page().isClosed());
  return { all, open };
}

export function headerStatus(page: Page) {
  return page.getByRole("banner").getByRole("status");
}

/** The message ids a page shows, newest first. */
export function messageIds(page: Page): Promise<string[]> {
  return page
    .getByRole("log", { name: "Latest messages" })
    .getByRole("listitem")
    .evaluateAll((items) => items.map((li) => li.getAttribute("data-message-id") ?? ""));
}

/** Compares decimal ids as BigInt: the log's ids only grow. */
export const byId = (a: string, b: string) =>
  BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0;
