import { defineConfig, devices } from "@playwright/test";

// E2E_PORT lets two checkouts on one machine run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? "line" : "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          // The system (Debian) Chromium: browsers are never downloaded here.
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          headless: true,
          // Root in a container: no sandbox; the rest keeps Chromium quiet and offline.
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: {
    // Production `next start` with a throwaway embedded PostgreSQL (lib/cli/serve.ts).
    command: "npm run start -- --ephemeral",
    url: baseURL,
    env: { PORT: String(PORT), MESSAGE_INTERVAL_MS: "1000" },
    reuseExistingServer: false,
    timeout: 120_000,
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});
