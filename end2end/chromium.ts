// Debian's Chromium, never a downloaded browser; quiet flags for a machine with no internet.
// Shared by the journeys (playwright.config.ts) and the first-load measurement (perf.config.ts).
export const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
};
