import { expect, test } from "@playwright/test";
import {
  headerStatus,
  HELLO_EVENT,
  isStreamUrl,
  messageIds,
  readStream,
  type Frame,
} from "./support/stream";

// These journeys script the stream with page.route so each connection state is reached on purpose.

function frame(id: number | string, data: string, event = HELLO_EVENT): string {
  return `id: ${id}\nevent: ${event}\ndata: ${data}\n\n`;
}

function message(id: number): string {
  const timestamp = new Date(Date.UTC(2026, 0, 2, 3, 0, id)).toISOString();
  return frame(id, JSON.stringify({ message: `Message ${id}`, timestamp }));
}

const replay = (frames: readonly Frame[]) =>
  frames.map((f) => `id: ${f.id}\nevent: ${f.event}\ndata: ${f.data}\n\n`).join("");

const sse = (body: string) => ({
  status: 200,
  headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  body,
});

/** Real events from the server's log, so a scripted stream can hand over to the real one. */
async function liveMessages(baseURL: string | undefined, count: number): Promise<Frame[]> {
  const frames = await readStream(
    `${baseURL}/api/stream?topics=messages`,
    (list) => list.length >= count,
  );
  return frames.slice(0, count);
}

test("keeps the latest 50, newest first, skipping duplicates, unknown and malformed events", async ({
  page,
}) => {
  let body = "retry: 60000\n\n";
  for (let id = 1; id <= 60; id++) {
    body += message(id);
    if (id % 10 === 0) body += message(id - 1); // a replayed duplicate
  }
  body += frame(61, "not json") + frame(62, '{"message":1}') + frame(63, '{"message":"x"}');
  body += frame(64, '{"message":"bad date","timestamp":"yesterday"}') + "data: {}\n\n";
  body += frame(65, '{"message":"other","timestamp":"2026-01-02T03:04:05Z"}', "messages.other");
  await page.route(isStreamUrl, (route) => route.fulfill(sse(body)));

  await page.goto("/");
  const items = page.getByRole("log", { name: "Latest messages" }).getByRole("listitem");
  await expect(items).toHaveCount(50);
  await expect(items.first()).toContainText("Message 60");
  await expect(items.last()).toContainText("Message 11");
  const ids = await messageIds(page);
  expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => String(60 - i)));
  await expect(page.getByText("Showing 50 of the latest 50")).toBeVisible();
});

test("shows reconnecting while the stream is down, then resumes after the last id", async ({
  page,
  baseURL,
}) => {
  const [older, newer] = await liveMessages(baseURL, 2);
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let requests = 0;
  await page.route(isStreamUrl, async (route) => {
    requests += 1;
    // First connection: two real events, then the stream ends (as when a server restarts).
    if (requests === 1) return route.fulfill(sse("retry: 100\n\n" + replay([older!, newer!])));
    await held;
    await route.continue(); // the real server resumes after the browser's Last-Event-ID
  });

  await page.goto("/");
  await expect.poll(() => messageIds(page)).toEqual([newer!.id, older!.id]);
  await expect(headerStatus(page)).toHaveAttribute("data-status", "reconnecting");
  await expect(headerStatus(page)).toHaveText("Connection status: Reconnecting…");

  release();
  await expect(headerStatus(page)).toHaveAttribute("data-status", "live");
  await expect.poll(async () => (await messageIds(page)).length).toBeGreaterThan(3);
  const ids = (await messageIds(page)).reverse();
  expect(ids.slice(0, 2)).toEqual([older!.id, newer!.id]);
  // Everything the log holds after `newer`, in order: the reconnect lost nothing, repeated nothing.
  const truth = await readStream(
    `${baseURL}/api/stream?topics=messages&lastEventId=${newer!.id}`,
    (frames) => frames.some((f) => f.id === ids.at(-1)),
  );
  expect(ids.slice(2)).toEqual(truth.filter((f) => f.event === HELLO_EVENT).map((f) => f.id));
});

test("shows offline when the server refuses the stream, and resumes on Reconnect", async ({
  page,
  baseURL,
}) => {
  const [first] = await liveMessages(baseURL, 1);
  const urls: URL[] = [];
  await page.route(isStreamUrl, async (route) => {
    urls.push(new URL(route.request().url()));
    if (urls.length === 1) return route.fulfill(sse("retry: 100\n\n" + replay([first!])));
    if (urls.length === 2) return route.fulfill({ status: 503, body: "unavailable" });
    await route.continue();
  });

  await page.goto("/");
  await expect(headerStatus(page)).toHaveAttribute("data-status", "offline");
  await expect(headerStatus(page)).toHaveText("Connection status: Offline");
  expect(await messageIds(page)).toEqual([first!.id]);

  await page.getByRole("button", { name: "Reconnect" }).click();
  await expect(headerStatus(page)).toHaveAttribute("data-status", "live");
  expect(urls[2]?.searchParams.get("topics")).toBe("messages");
  expect(urls[2]?.searchParams.get("lastEventId")).toBe(first!.id);
  await expect.poll(async () => (await messageIds(page)).length).toBeGreaterThan(1);
  const ids = await messageIds(page);
  expect(ids.at(-1)).toBe(first!.id);
  expect(new Set(ids).size).toBe(ids.length);
  await expect(page.getByRole("button", { name: "Reconnect" })).toBeHidden();
});

test("a reset from the server clears the messages and refreshes the page's data", async ({
  page,
}) => {
  const reset = 'id: 3\nevent: reset\ndata: {"reason":"pruned","latestId":"3"}\n\n';
  await page.route(isStreamUrl, (route) =>
    route.fulfill(sse("retry: 60000\n\n" + message(1) + message(2) + reset + message(4))),
  );
  const refresh = page.waitForRequest(
    (request) => request.headers()["rsc"] === "1" && !request.headers()["next-router-prefetch"],
  );
  await page.goto("/");
  await refresh;
  await expect.poll(() => messageIds(page)).toEqual(["4"]);
});
