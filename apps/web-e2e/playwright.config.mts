import { defineConfig, devices } from '@playwright/test';
import { nxE2EPreset } from '@nx/playwright/preset';
import { workspaceRoot } from '@nx/devkit';

/**
 * The specs drive Debian's Chromium against the real api, which also serves the built web app.
 * Build both first (`nx run-many -t build -p api web`); set BASE_URL to test a running deployment.
 */
const PORT = '3100';
const baseURL = process.env['BASE_URL'] ?? `http://127.0.0.1:${PORT}`;

export default defineConfig({
  ...nxE2EPreset(import.meta.dirname, { testDir: './src' }),
  timeout: 90_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: 'node dist/apps/api/main.js',
    url: `http://127.0.0.1:${PORT}/api/health/ready`,
    env: {
      PORT,
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${PORT}`,
      // A throw-away embedded database, and no mail server: invitations show their accept link.
      DATA_DIR: 'memory://e2e',
      SMTP_URL: '',
      WEB_DIST_PATH: 'dist/apps/web/browser',
      LOG_LEVEL: 'warn',
    },
    reuseExistingServer: !process.env['CI'],
    cwd: workspaceRoot,
    timeout: 120_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
          ],
        },
      },
    },
  ],
});
