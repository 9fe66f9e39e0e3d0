// Tenants and API tokens (issue 16) in Debian's Chromium against a running Axion: the admin makes a tenant with a
// quota on the tenants page and adds a user of its own as an operator member; that user sees only the tenant's (empty)
// instance list and its quota card, makes a read token on the tokens page, whose secret (shown once) works as a
// Bearer until it is revoked in the console, after which the same request is refused within a second.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, apiClient, createUser, eventually, inNewTab, launch, login, shot, uniqueName } from './lib.mjs';

/** GET /api/v1/tokens with the secret as the Bearer, as a script would send it. */
const withToken = (secret) => fetch(`${BASE_URL}/api/v1/tokens`, { headers: { Authorization: `Bearer ${secret}` } });

describe('Tenants and API tokens', { concurrency: false }, () => {
  let browser;
  let api;
  const tenant = uniqueName('e2e-ten');
  const username = uniqueName('e2e-member');
  const password = `Member-${Date.now().toString(36)}-pw`;
  const tokenName = `script-${Date.now().toString(36)}`;

  before(async () => {
    browser = await launch();
    api = await apiClient();
    await createUser(api, username, password);
  });

  after(async () => {
    // The user first: their deletion drops their memberships (and tokens), and an empty tenant can go.
    if (api) {
      await api.del(`/api/v1/users/${username}`).catch(() => undefined);
      await api.del(`/api/v1/tenants/${tenant}`).catch(() => undefined);
    }
    await browser?.close();
  });

  test('an admin makes a tenant with a quota and an operator member, who sees only that tenant', () =>
    inNewTab(browser.context, 'tenant-admin', async (page) => {
      await login(page);
      await page.getByTestId('instance-table').waitFor();
      await page.getByRole('link', { name: 'Tenants', exact: true }).click();
      await page.getByRole('heading', { name: 'New tenant' }).waitFor();
      await page.getByLabel('Name', { exact: true }).fill(tenant);
      await page.getByLabel('Instances', { exact: true }).fill('2');
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      const card = page.getByTestId(`tenant-${tenant}`);
      await card.getByText('0 / 2').waitFor();

      await card.getByLabel('Username').fill(username);
      await card.getByLabel('Role').selectOption('operator');
      await card.getByRole('button', { name: 'Add member' }).click();
      await card.getByText(`${username} (operator)`).waitFor();
      await shot(page, '40-tenant-with-member');
      const details = await (await api.get(`/api/v1/tenants/${tenant}`)).json();
      assert.deepEqual(details.quota.instances, 2);
      assert.deepEqual(details.members.map((m) => [m.username, m.role]), [[username, 'operator']]);
      // The admin's tenant switcher: acting in the new tenant, every request names it and its list is empty.
      await page.getByRole('link', { name: 'Instances', exact: true }).click();
      await page.getByTestId('instance-table').waitFor();
      const scoped = page.waitForRequest((r) => r.method() === 'GET' && new URL(r.url()).pathname === '/api/v1/instances' && r.headers()['axion-tenant'] === tenant);
      await page.getByTestId('tenant-switcher').selectOption(tenant);
      await scoped;
      await page.getByTestId('instance-counts').filter({ hasText: '0 instances' }).waitFor();
      await shot(page, '40b-admin-in-tenant');
      // Back to every tenant (the choice is kept in localStorage, which later flows' tabs share).
      const unscoped = page.waitForRequest((r) => r.method() === 'GET' && new URL(r.url()).pathname === '/api/v1/instances' && !r.headers()['axion-tenant']);
      await page.getByTestId('tenant-switcher').selectOption('');
      await unscoped;
      // New users join `default` too, which would come first by name: the member is made to belong to this one only.
      const left = await api.del(`/api/v1/tenants/default/members/${username}`);
      assert.equal(left.status, 204, `leaving default: ${await left.text()}`);
    }));

  test("the member sees the tenant's empty list and quota, and a token of theirs works until revoked", () =>
    inNewTab(browser.context, 'tenant-member', async (page) => {
      await login(page, password, username);
      await page.getByTestId('instance-table').waitFor();
      await page.getByTestId('instance-counts').filter({ hasText: '0 instances' }).waitFor();
      const quota = page.getByTestId('tenant-quota');
      await quota.filter({ hasText: `Tenant ${tenant}` }).waitFor();
      await quota.getByTestId('tenant-quota-instances').filter({ hasText: '0 / 2' }).waitFor();
      // One tenant only: nothing to switch between.
      assert.equal(await page.getByTestId('tenant-switcher').count(), 0);
      await shot(page, '41-tenant-member-dashboard');

      await page.getByRole('link', { name: 'API tokens', exact: true }).click();
      await page.getByRole('heading', { name: 'New token' }).waitFor();
      await page.getByTestId('token-name').fill(tokenName);
      assert.equal(await page.getByTestId('token-scope-read').isChecked(), true);
      assert.equal(await page.getByTestId('token-scope-admin').count(), 0, 'no scope above the operator role');
      await page.getByTestId('token-tenant').selectOption(tenant);
      await page.getByTestId('token-create').click();
      const secretShown = page.getByTestId('token-secret');
      await secretShown.waitFor();
      const secret = await secretShown.getAttribute('data-secret');
      assert.match(secret, /^axn_/);
      await page.getByTestId('token-created').getByText('it will not be shown again').waitFor();
      const row = page.locator(`[data-testid="token-row"][data-name="${tokenName}"]`);
      await row.getByText(tenant).waitFor();
      await shot(page, '42-token-created');

      const working = await withToken(secret);
      // The body is read once: the message of assert.equal is built before the comparison.
      const listed = await working.text();
      assert.equal(working.status, 200, `the new token as a Bearer: ${listed}`);
      assert.ok(JSON.parse(listed).some((t) => t.name === tokenName && t.owner === username));

      // Once done with, the secret is gone from the page for good.
      await page.getByTestId('token-created-done').click();
      assert.equal(await page.getByTestId('token-secret').count(), 0);

      await row.getByRole('button', { name: `Revoke token ${tokenName}` }).click();
      const dialog = page.getByTestId('confirm-dialog');
      await dialog.getByText('This cannot be undone').waitFor();
      await shot(page, '43-token-revoke-confirm');
      const revoked = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes('/api/v1/tokens/'));
      await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
      assert.equal((await revoked).status(), 204);
      // Refused within a second of the revoke's answer (at once, on every node: the docs' promise).
      await eventually(async () => (await withToken(secret)).status === 401, { timeout: 1_000, interval: 50, what: 'the revoked token refused' });
      await row.waitFor({ state: 'detached' });
      await shot(page, '44-token-revoked');
    }));
});
