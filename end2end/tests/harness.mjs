// Starts a real thingdata server on a free loopback port and a headless Chromium.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const repo = resolve(import.meta.dirname, '..', '..');

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
    srv.on('error', fail);
  });
}

export const PASSWORD = 'e2e password 123';

/// Starts a server whose database already has these users: [[name, role], …], and
/// the demo data when `demo` is set.
export async function startServer(users = [], { demo = false } = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'thingdata-e2e-'));
  const bin = process.env.THINGDATA_BIN || join(repo, 'target', 'release', 'thingdata');
  const base = `http://127.0.0.1:${port}`;
  for (const [name, role] of users) {
    execFileSync(bin, ['users', 'create', name, '--role', role, '--password-stdin'], {
      cwd: repo,
      env: { ...process.env, THINGDATA_DATA_DIR: dataDir, RUST_LOG: 'error' },
      input: `${PASSWORD}\n`,
    });
  }
  if (demo) {
    execFileSync(bin, ['demo'], {
      cwd: repo,
      env: { ...process.env, THINGDATA_DATA_DIR: dataDir, THINGDATA_BIND: `127.0.0.1:${port}`, RUST_LOG: 'error' },
    });
  }
  const proc = spawn(bin, ['serve'], {
    cwd: repo,
    env: {
      ...process.env,
      THINGDATA_BIND: `127.0.0.1:${port}`,
      THINGDATA_DATA_DIR: dataDir,
      THINGDATA_SITE_ROOT: join(repo, 'target', 'site'),
      RUST_LOG: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/health`);
      if (r.ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    base,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/// Resolves once the client bundle has made the page's islands interactive.
export async function hydrated(page) {
  await page.waitForSelector('html[data-hydrated="true"]', { timeout: 15000 });
}

/// Signs the page's browser context in through the real sign-in form.
export async function signIn(page, base, name) {
  await page.goto(`${base}/login`);
  await hydrated(page);
  await page.fill('#login-username', name);
  await page.fill('#login-password', PASSWORD);
  // The form's submit button, whatever the page's language.
  await page.locator('form.entity-form button[type=submit]').click();
  await page.waitForSelector('a[href="/account"]');
}
