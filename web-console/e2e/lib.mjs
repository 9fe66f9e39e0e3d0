// Shared helpers of the e2e specs: Debian's Chromium through playwright-core (no browser download),
// the console's base URL and admin password from the environment, screenshots under target/.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BASE_URL = (process.env.AXION_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
export const ADMIN_USER = process.env.AXION_ADMIN_USER ?? 'admin';
export const ADMIN_PASSWORD = process.env.AXION_ADMIN_PASSWORD ?? '';
export const IMAGE = process.env.AXION_E2E_IMAGE ?? '';
/** Where screenshots go: AXION_E2E_SCREENSHOTS (the itest passes one under itests/target), else target/screenshots/. */
export const SCREENSHOTS = process.env.AXION_E2E_SCREENSHOTS ?? new URL('../target/screenshots/', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch() {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'axion-e2e-'));
  // A fresh, empty profile per run (Playwright takes it as userDataDir rather than as a flag).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    baseURL: BASE_URL,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

/** A new tab: its sessionStorage starts empty, so every tab is a fresh, logged-out console. */
export async function newPage(context, viewport = { width: 1280, height: 800 }) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.setDefaultTimeout(Number(process.env.AXION_E2E_TIMEOUT_MS ?? 20_000));
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  return { page, errors };
}

/**
 * Runs {@code flow} in a new tab that is closed afterwards; on failure, a screenshot of the tab as it was
 * (FAILED-<name>.png) before the error goes on. Then asserts that the tab threw no uncaught errors.
 */
export async function inNewTab(context, name, flow) {
  const { page, errors } = await newPage(context);
  try {
    await flow(page);
    assert.deepEqual(errors.map((e) => e.message), [], 'the tab threw no uncaught errors');
  } catch (error) {
    await page.screenshot({ path: join(SCREENSHOTS, `FAILED-${name}.png`) }).catch(() => undefined);
    throw error;
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** A user made through the API (as an admin), failing the flow with the server's answer if it is refused. */
export async function createUser(api, username, password, role = 'operator') {
  const created = await api.post('/api/v1/users', { username, password, role });
  assert.equal(created.status, 201, `creating ${username}: ${await created.text()}`);
}

export async function shot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

export async function login(page, password = ADMIN_PASSWORD, username = ADMIN_USER) {
  await page.goto('/login');
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The API as the tests' own client (to check what the console did), with a token of its own. */
export async function apiClient(password = ADMIN_PASSWORD, username = ADMIN_USER) {
  const res = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login for the API client failed: ${res.status}`);
  const { token } = await res.json();
  const call = async (method, path, body, raw = false) => {
    const r = await fetch(`${BASE_URL}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body !== undefined && !raw ? { 'Content-Type': 'application/json' } : {}) },
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
    return r;
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body, true),
    del: (path) => call('DELETE', path),
  };
}

/** Polls a condition with a deadline (Playwright's own waits are used where they fit). */
export async function eventually(check, { timeout = 30_000, interval = 250, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

export function uniqueName(prefix = 'e2e') {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;
}
