import { defineConfig } from '@playwright/test';

// The first-load measurement (`scripts/first-load.sh`): real Chromium with a phone profile,
// bytes on the wire from the browser's own network log. Its own server on its own port, so it
// never shares a database or a cache with the journeys.
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
};
const port = Number(process.env.PORTAL_E2E_PORT ?? 3200);
// Read by the helpers (the survey mail) in the worker processes, which inherit this env.
process.env.PORTAL_E2E_MAIL_DIR ??= '/tmp/portal-perf-mail';

export default defineConfig({
  testDir: './perf',
  timeout: 300_000,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { baseURL: `http://127.0.0.1:${port}`, launchOptions, locale: 'en-US' },
  webServer: {
    command: `PORTAL_E2E_PORT=${port} bash ./start-server.sh`,
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 40 * 60 * 1000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
