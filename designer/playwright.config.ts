import { defineConfig, devices } from '@playwright/test';

/**
 * A fixed port of its own, so a developer's engine on :3000 is never touched;
 * LIUYUN_E2E_PORT moves it when several checkouts run their browser tests at once.
 */
const PORT = Number(process.env.LIUYUN_E2E_PORT ?? 3199);
const baseURL = `http://127.0.0.1:${PORT}`;

/**
 * Browser tests against the real engine (which serves the built designer from
 * `designer/dist`): build first with `pnpm --filter @liuyun/designer run build`.
 * Chromium is Debian's; Playwright never downloads a browser here.
 */
export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'en-US',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    {
      name: 'desktop',
      testIgnore: /\.phone\.spec\.ts$/,
      use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 900 } },
    },
    {
      name: 'phone',
      testMatch: /\.phone\.spec\.ts$/,
      use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    },
  ],
  webServer: {
    // A fresh data folder per run (created and removed by the script); DATABASE_URL, when
    // set, is passed through and then demo users must be asked for explicitly.
    command: 'node e2e/serve-engine.mjs',
    env: { PORT: String(PORT), LIUYUN_DEMO: '1' },
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    stderr: 'pipe',
  },
});
