// End-to-end tests: the real app in browser mode, driven in Debian's Chromium (never a
// downloaded browser), plus the Electron shell where its binary exists.
import { defineConfig } from '@playwright/test';

export const CHROMIUM = process.env.TAGDESK_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 360, height: 640 },
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
    },
  },
  projects: [
    { name: 'browser-mode', testMatch: /.*\.e2e\.ts$/ },
    { name: 'electron', testMatch: /.*\.electron\.ts$/ },
  ],
});
