import { defineConfig } from '@playwright/test';
import { launchOptions } from './chromium';

// The first-load measurement (`scripts/first-load.sh`): real Chromium with a phone profile,
// bytes on the wire from the browser's own network log. Its own server on its own port, so it
// never shares a database or a cache with the journeys.
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
