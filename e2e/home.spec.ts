import { expect, test } from "@playwright/test";
import { HELLO, isStreamUrl } from "./support/stream";
const SECTIONS = ["Overview", "News", "Notifications", "Markets", "System"];

test("shows the header and the connection goes live on /api/stream", async ({ page }) => {
  const stream = page.waitForRequest((request) => isStreamUrl(new URL(request.url())));
  await page.goto("/");
  expect(new URL((await stream).url()).searchParams.get("topics")).toBe("messages");
  await expect(page).toHaveTitle("Messages from server · Tidings");
  await expect(page.getByRole("heading", { level: 1, name: "Messages from server" })).toBeVisible();

  const banner = page.getByRole("banner");
  await expect(banner.getByRole("link", { name: "Tidings" })).toHaveAttribute("href", "/");
  const nav = banner.getByRole("navigation", { name: "Sections" });
  await expect(nav.getByRole("listitem")).toHaveText(
    SECTIONS.map((s) => new RegExp(`^${s}\\W*coming soon`)),
  );
  // Placeholders must not pose as links.
  await expect(nav.getByRole("link")).toHaveCount(0);

  const status = banner.getByRole("status");
  await expect(status).toHaveAttribute("data-status", "live");
  await expect(status).toHaveText("Connection status: Live");
});

test.describe("in the viewer's locale", () => {
  test.use({ locale: "de-DE", timezoneId: "Europe/Berlin" });

  test("messages arrive newest first with <time> timestamps", async ({ page }) => {
    await page.goto("/");
    const log = page.getByRole("log", { name: "Latest messages" });
    await expect(log).toHaveAttribute("aria-live", "polite");
    const items = log.getByRole("listitem");
    await expect(items).not.toHaveCount(0);
    await expect(items.nth(1)).toBeVisible();

    const rows = await items.evaluateAll((elements) =>
      elements.map((li) => ({
        id: li.getAttribute("data-message-id"),
        text: li.querySelector("p")?.textContent,
        dateTime: li.querySelector("time")?.getAttribute("datetime") ?? "",
        shown: li.querySelector("time")?.textContent,
      })),
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row.text).toBe(HELLO);
      expect(new Date(row.dateTime).toISOString()).toBe(row.dateTime);
      const expected = await page.evaluate(
        (iso) =>
          new Intl.DateTimeFormat("de-DE", {
            dateStyle: "medium",
            timeStyle: "medium",
            timeZone: "Europe/Berlin",
          }).format(new Date(iso)),
        row.dateTime,
      );
      expect(row.shown).toBe(expected);
    }
    const [newest, older] = rows;
    expect(Date.parse(newest!.dateTime)).toBeGreaterThan(Date.parse(older!.dateTime));
    expect(Number(newest!.id)).toBeGreaterThan(Number(older!.id));
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });
});

test("the skip link is the first tab stop and moves focus to the content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  expect((await skip.boundingBox())?.width).toBeGreaterThan(40);

  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  await expect(page).toHaveURL(/#main$/);
});

test("unknown addresses get the not-found page inside the app shell", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle("Page not found · Tidings");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("status")).toHaveAttribute("data-status", "none");

  await page.getByRole("link", { name: "Back to Tidings" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("banner").getByRole("status")).toHaveAttribute("data-status", "live");
});
