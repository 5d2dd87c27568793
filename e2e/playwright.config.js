// Playwright e2e in Debian Chromium (never a downloaded browser), against
// tools/serve.mjs with COOP/COEP headers.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 18080);

export default defineConfig({
  testDir: '.',
  timeout: 60_000,
  workers: 1,
  reporter: [['list'], ['json']],
  outputDir: '../build/e2e-artifacts',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `node tools/serve.mjs --port ${port} --admin`,
    cwd: '..',
    url: `http://127.0.0.1:${port}/health`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
