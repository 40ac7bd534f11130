import { expect, test, type Page } from "@playwright/test";

// These journeys script the stream with page.route so each connection state is reached on purpose.
const isStream = (url: URL) => url.pathname === "/events";

function frame(id: number | string, data: string): string {
  return `id: ${id}\ndata: ${data}\n\n`;
}

function message(id: number): string {
  const timestamp = new Date(Date.UTC(2026, 0, 2, 3, 0, id)).toISOString();
  return frame(id, JSON.stringify({ message: `Message ${id}`, timestamp }));
}

const sse = (body: string) => ({
  status: 200,
  headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  body,
});

function headerStatus(page: Page) {
  return page.getByRole("banner").getByRole("status");
}

function messageIds(page: Page) {
  return page
    .getByRole("log", { name: "Latest messages" })
    .getByRole("listitem")
    .evaluateAll((items) => items.map((li) => li.getAttribute("data-message-id")));
}

test("keeps the latest 50, newest first, skipping duplicates and malformed frames", async ({
  page,
}) => {
  let body = "retry: 60000\n\n";
  for (let id = 1; id <= 60; id++) {
    body += message(id);
    if (id % 10 === 0) body += message(id - 1); // a replayed duplicate
  }
  body += frame(61, "not json") + frame(62, '{"message":1}') + frame(63, '{"message":"x"}');
  body += frame(64, '{"message":"bad date","timestamp":"yesterday"}') + "data: {}\n\n";
  await page.route(isStream, (route) => route.fulfill(sse(body)));

  await page.goto("/");
  const items = page.getByRole("log", { name: "Latest messages" }).getByRole("listitem");
  await expect(items).toHaveCount(50);
  await expect(items.first()).toContainText("Message 60");
  await expect(items.last()).toContainText("Message 11");
  const ids = await messageIds(page);
  expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => String(60 - i)));
  await expect(page.getByText("Showing 50 of the latest 50")).toBeVisible();
});

test("shows reconnecting while the stream is down, then live again without duplicates", async ({
  page,
}) => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let requests = 0;
  await page.route(isStream, async (route) => {
    requests += 1;
    // First connection: two messages, then the stream ends (as when a server restarts).
    if (requests === 1) return route.fulfill(sse("retry: 100\n\n" + message(1) + message(2)));
    await held;
    await route.continue(); // the real server resumes after the browser's Last-Event-ID
  });

  await page.goto("/");
  await expect.poll(() => messageIds(page)).toEqual(["2", "1"]);
  await expect(headerStatus(page)).toHaveAttribute("data-status", "reconnecting");
  await expect(headerStatus(page)).toHaveText("Connection status: Reconnecting…");

  release();
  await expect(headerStatus(page)).toHaveAttribute("data-status", "live");
  await expect.poll(async () => (await messageIds(page)).slice(-3)).toEqual(["3", "2", "1"]);
  const ids = await messageIds(page);
  expect(new Set(ids).size).toBe(ids.length);
});

test("shows offline when the server refuses the stream, and resumes on Reconnect", async ({
  page,
}) => {
  const urls: URL[] = [];
  await page.route(isStream, async (route) => {
    urls.push(new URL(route.request().url()));
    if (urls.length === 1) return route.fulfill(sse("retry: 100\n\n" + message(7)));
    if (urls.length === 2) return route.fulfill({ status: 503, body: "unavailable" });
    await route.continue();
  });

  await page.goto("/");
  await expect(headerStatus(page)).toHaveAttribute("data-status", "offline");
  await expect(headerStatus(page)).toHaveText("Connection status: Offline");
  expect(await messageIds(page)).toEqual(["7"]);

  await page.getByRole("button", { name: "Reconnect" }).click();
  await expect(headerStatus(page)).toHaveAttribute("data-status", "live");
  expect(urls[2]?.searchParams.get("lastEventId")).toBe("7");
  await expect.poll(async () => (await messageIds(page)).slice(-2)).toEqual(["8", "7"]);
  await expect(page.getByRole("button", { name: "Reconnect" })).toBeHidden();
});
