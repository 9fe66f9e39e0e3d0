// Two-factor login (issue 16) in Debian's Chromium against a running Axion: a user of its own turns TOTP on in the
// account page, reading the key off the page and computing codes as an authenticator app would (RFC 6238 with
// node:crypto below), then logs out and in again with a code, and once with a recovery code.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { apiClient, createUser, inNewTab, launch, login, shot, uniqueName } from './lib.mjs';

/** RFC 4648 Base32 (no padding) to bytes. */
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = [];
  let buffer = 0;
  let bits = 0;
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    const value = alphabet.indexOf(c);
    if (value < 0) throw new Error(`not Base32: ${c}`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** The RFC 6238 code (HMAC-SHA1, 6 digits, 30 s) of `secret` at `time` (ms since the epoch). */
export function totp(secret, time = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(time / 30_000)));
  const hmac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0x0f;
  const value = (hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

// RFC 6238's test vector (appendix B, cut to 6 digits): the code helper itself is right.
assert.equal(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000), '287082');

describe('Two-factor login', { concurrency: false }, () => {
  let browser;
  let api;
  const username = uniqueName('e2e-totp');
  const password = `Totp-${Date.now().toString(36)}-pw`;

  before(async () => {
    browser = await launch();
    api = await apiClient();
    await createUser(api, username, password);
  });

  after(async () => {
    if (api) await api.del(`/api/v1/users/${username}`).catch(() => undefined);
    await browser?.close();
  });

  test('a user turns TOTP on in the account page, then logs in with a code and with a recovery code', () =>
    inNewTab(browser.context, 'totp', async (page) => {
      const dashboard = () => page.getByTestId('instance-table').waitFor();
      const logOutAndIn = async () => {
        await page.getByRole('button', { name: 'Log out' }).click();
        await login(page, password, username);
        await page.getByTestId('login-code').waitFor();
      };
      await login(page, password, username);
      await dashboard();
      await page.goto('/account');
      await page.getByRole('heading', { name: 'Two-factor login' }).waitFor();
      await page.getByTestId('totp-enrol').click();
      await page.getByTestId('totp-qr').waitFor();
      const secret = await page.getByTestId('totp-secret').getAttribute('data-secret');
      assert.match(secret, /^[A-Z2-7]{32}$/);
      assert.equal((await page.getByTestId('totp-secret').innerText()).replace(/\s/g, ''), secret);
      await shot(page, '30-totp-enrol');

      // The current step's code confirms; that step is then used up, so the login takes the next one (within skew).
      const now = Date.now();
      await page.getByTestId('totp-confirm-code').fill(totp(secret, now));
      await page.getByTestId('totp-confirm').click();
      const list = page.getByTestId('totp-recovery-codes');
      await list.waitFor();
      const recovery = (await list.locator('li').allInnerTexts()).map((c) => c.trim());
      assert.equal(recovery.length, 10);
      await shot(page, '31-totp-recovery-codes');
      await page.getByTestId('totp-recovery-done').click();
      await page.getByTestId('totp-state').filter({ hasText: 'on' }).waitFor();

      await logOutAndIn();
      await shot(page, '32-totp-login-code');
      await page.getByTestId('login-code').fill(totp(secret, now + 30_000));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await dashboard();
      assert.ok((await page.getByTestId('current-user').innerText()).startsWith(username));

      await logOutAndIn();
      await page.getByTestId('login-code').fill(recovery[0]);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await dashboard();
      const state = await api.get(`/api/v1/users/${username}`);
      assert.equal((await state.json()).totp, true);
    }));
});
