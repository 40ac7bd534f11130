import { expect, test, type Page } from "@playwright/test";
import {
  byId,
  headerStatus,
  HELLO_EVENT,
  isStreamUrl,
  messageIds,
  readStream,
  trackStreams,
} from "./support/stream";

async function openHome(page: Page, minimum = 1): Promise<void> {
  await page.goto("/");
  await expect(headerStatus(page)).toHaveAttribute("data-status", "live");
  await expect.poll(async () => (await messageIds(page)).length).toBeGreaterThanOrEqual(minimum);
}

test("two tabs share one stream and show the same live messages", async ({ context }) => {
  const streams = trackStreams(context);
  const leader = await context.newPage();
  await openHome(leader);
  const follower = await context.newPage();
  await openHome(follower, 2);

  // Both show the same newest message, and everything the follower shows the leader shows too.
  await expect
    .poll(async () => {
      const [follows, leads] = [await messageIds(follower), await messageIds(leader)];
      return follows[0] === leads[0] && follows.every((id) => leads.includes(id));
    })
    .toBe(true);

  expect(streams.all).toHaveLength(1);
  expect(streams.all[0]!.frame().page()).toBe(leader);
  expect(new URL(streams.all[0]!.url()).searchParams.get("topics")).toBe("messages");
  expect(streams.open()).toHaveLength(1);
});

test("closing the leader hands over without a lost or repeated event", async ({
  context,
  baseURL,
}) => {
  const streams = trackStreams(context);
  const leader = await context.newPage();
  await openHome(leader);
  const follower = await context.newPage();
  await openHome(follower, 2);

  // Nothing reaches the follower while its own stream is pending: its ids are stable here.
  let takeover: (seen: { url: URL; shown: string[] }) => void = () => {};
  const tookOver = new Promise<{ url: URL; shown: string[] }>((resolve) => (takeover = resolve));
  await follower.route(isStreamUrl, async (route) => {
    takeover({ url: new URL(route.request().url()), shown: await messageIds(follower) });
    await route.continue();
  });
  await leader.close();
  const { url, shown: shownAtTakeover } = await tookOver;
  expect(url.searchParams.get("topics")).toBe("messages");
  expect(url.searchParams.get("lastEventId")).toBe(shownAtTakeover[0]);
  expect(streams.all).toHaveLength(2);
  expect(streams.all[1]!.frame().page()).toBe(follower);

  // Three more messages on the follower's own stream, then compare with the log itself.
  await expect
    .poll(async () => (await messageIds(follower)).length)
    .toBeGreaterThanOrEqual(shownAtTakeover.length + 3);
  await expect(headerStatus(follower)).toHaveAttribute("data-status", "live");
  const shown = (await messageIds(follower)).sort(byId);
  const first = BigInt(shown[0]!);
  const newest = shown.at(-1)!;
  const truth = await readStream(
    `${baseURL}/api/stream?topics=messages&lastEventId=${first - 1n}`,
    (frames) => frames.some((f) => f.id === newest),
  );
  const expected = truth.filter((f) => f.event === HELLO_EVENT).map((f) => f.id);
  expect(shown).toEqual(expected);
  expect(streams.open()).toHaveLength(1);
});

test.describe("without Web Locks", () => {
  test.beforeEach(async ({ context }) => {
    await context.addInitScript(() => {
      delete (Navigator.prototype as { locks?: unknown }).locks;
    });
  });

  test("each tab opens its own stream and still goes live", async ({ context }) => {
    const streams = trackStreams(context);
    const first = await context.newPage();
    await openHome(first, 2);
    const second = await context.newPage();
    await openHome(second, 2);
    expect(await first.evaluate(() => "locks" in navigator)).toBe(false);
    expect(streams.all).toHaveLength(2);
    expect(streams.all[0]!.frame().page()).toBe(first);
    expect(streams.all[1]!.frame().page()).toBe(second);
    expect(streams.open()).toHaveLength(2);
  });
});
