// The console's acceptance flows (issue 8) in Debian's Chromium against a running Axion:
//   AXION_URL=http://127.0.0.1:8080 AXION_ADMIN_PASSWORD=... npm run e2e
// Screenshots of every page go to target/screenshots/. The flows share one instance, created by the
// wizard and deleted at the end (and by the API in `after`, should a flow fail half-way).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ADMIN_PASSWORD, BASE_URL, IMAGE, SCREENSHOTS, apiClient, eventually, launch, login, newPage, shot, uniqueName } from './lib.mjs';

const NAME = uniqueName('e2e');
/** The bulk flow's three instances, made through the API, stopped and deleted from the dashboard. */
const BULK_PREFIX = uniqueName('e2e-bulk');
const BULK = [1, 2, 3].map((i) => `${BULK_PREFIX}-${i}`);
const WORK_DIR = process.env.AXION_E2E_DIR ?? '/tmp';
const FORWARD_HOST = process.env.AXION_FORWARD_HOST ?? new URL(BASE_URL).hostname;
const HOST_PORT = 20000 + Math.floor(Math.random() * 30000);
const CONTAINER_PORT = 8000;
const CREATE_TIMEOUT = Number(process.env.AXION_E2E_CREATE_TIMEOUT_MS ?? 120_000);

let browser;
let page;
let errors;
let api;
let image;

const row = () => page.locator(`[data-testid="instance-row"][data-name="${NAME}"]`);
const toast = (text) => page.locator('[data-testid="toast"]', { hasText: text });
const filePath = (name) => `${WORK_DIR === '/' ? '' : WORK_DIR}/${name}`;
const filesUrl = (path) => `/api/v1/instances/${NAME}/files?path=${encodeURIComponent(path)}`;

async function readFile(path) {
  const res = await api.get(filesUrl(path));
  assert.equal(res.status, 200, `GET ${path}`);
  return res.text();
}

async function typeInTerminal(text) {
  await page.locator('[data-testid="terminal"] .xterm').click();
  await page.keyboard.type(text, { delay: 15 });
  await page.keyboard.press('Enter');
}

async function openTerminal() {
  await page.goto(`/instances/${NAME}/terminal`);
  await page.getByTestId('terminal-state').filter({ hasText: 'Connected' }).waitFor();
}

function terminalText() {
  return page.locator('[data-testid="terminal"] .xterm-rows').innerText();
}

/**
 * One flow: on failure, a screenshot of the page as it was (FAILED-<flow>.png), then a fresh dashboard, so that one
 * broken flow does not leave a drawer or dialog open over the next ones.
 */
function flow(name, fn) {
  test(name, async (t) => {
    try {
      await fn(t);
    } catch (error) {
      const slug = name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 60);
      await page?.screenshot({ path: join(SCREENSHOTS, `FAILED-${slug}.png`) }).catch(() => undefined);
      await page?.goto('/').catch(() => undefined);
      throw error;
    }
  });
}

describe('Axion console', { concurrency: false }, () => {
  before(async () => {
    assert.ok(ADMIN_PASSWORD, 'set AXION_ADMIN_PASSWORD');
    browser = await launch();
    api = await apiClient();
    if (IMAGE) image = IMAGE;
    else {
      const images = await (await api.get('/api/v1/images')).json();
      assert.ok(images.length > 0, 'LXD needs at least one image (or set AXION_E2E_IMAGE)');
      const aliases = (i) => (i.aliases ?? []).map((a) => (typeof a === 'string' ? a : a.name));
      // The test machines' small NIC-less image when LXD has it, else the first image.
      const chosen = images.find((i) => aliases(i).includes('axion/busybox')) ?? images[0];
      image = aliases(chosen).includes('axion/busybox') ? 'axion/busybox' : (aliases(chosen)[0] ?? chosen.fingerprint);
    }
    ({ page, errors } = await newPage(browser.context));
  });

  after(async () => {
    for (const name of [NAME, ...BULK]) {
      const res = await api?.get(`/api/v1/instances/${name}`);
      if (res?.status === 200) await api.del(`/api/v1/instances/${name}`);
    }
    await browser?.close();
    assert.deepEqual(errors?.map((e) => e.message) ?? [], [], 'the page threw no uncaught errors');
  });

  flow('a wrong password shows an error', async () => {
    await login(page, 'certainly-not-the-password');
    await page.getByTestId('login-error').waitFor();
    assert.match(await page.getByTestId('login-error').innerText(), /wrong username or password|too many/i);
    assert.equal(new URL(page.url()).pathname, '/login');
    await shot(page, '01-login-error');
  });

  flow('logging in shows the dashboard with live quota', async () => {
    await login(page);
    await page.getByRole('heading', { name: 'Instances' }).waitFor();
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    await page.getByTestId('gauge-memory').waitFor();
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return nav ? Math.round(nav.loadEventEnd - nav.startTime) : null;
    });
    console.log(`# first load of the console in Chromium over ${new URL(BASE_URL).host}: ${timing} ms`);
    assert.equal(await page.evaluate(() => location.href.includes('token')), false, 'no token in the URL');
    await shot(page, '02-dashboard');
  });

  flow('the wizard creates an instance that runs', async () => {
    await page.getByRole('link', { name: '+ Create instance' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Bad_Name');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('may contain only lowercase letters').or(page.getByText('must start with a lowercase letter')).first().waitFor();
    await shot(page, '03-wizard-invalid-name');
    await page.getByLabel('Name', { exact: true }).fill(NAME);
    await page.getByLabel('Image', { exact: true }).selectOption(image);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('CPU (cores)', { exact: true }).fill('1');
    await page.getByLabel('Memory (MiB)', { exact: true }).fill('64');
    await shot(page, '04-wizard-resources');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByTestId('code-editor').locator('.monaco-editor').waitFor();
    await page.getByRole('button', { name: 'Insert an example' }).click();
    await page.getByTestId('code-editor').getByText('#cloud-config').waitFor();
    await shot(page, '05-wizard-cloud-init');
    // The flows' image may have no cloud-init: create without user-data.
    await page.getByTestId('code-editor').locator('.monaco-editor').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Delete');
    await page.getByRole('button', { name: 'Next' }).click();
    assert.equal(await page.getByRole('switch').isChecked(), true, 'start is on by default');
    await shot(page, '06-wizard-review');
    await page.getByRole('button', { name: 'Create instance' }).click();
    await row().waitFor({ timeout: CREATE_TIMEOUT });
    await page.locator(`[data-testid="instance-row"][data-name="${NAME}"][data-status="Running"]`).waitFor({ timeout: CREATE_TIMEOUT });
    await toast(`${NAME} created`).first().waitFor({ timeout: CREATE_TIMEOUT });
    await shot(page, '07-created');
  });

  flow('the terminal runs a command and shows its output, and follows the window size', async () => {
    await openTerminal();
    await typeInTerminal('echo $((6*7))');
    await eventually(async () => /^42\s*$/m.test(await terminalText()), { timeout: 15_000, what: '42 in the terminal' });
    const size = async (marker) => {
      await typeInTerminal(`echo ${marker} $(stty size)`);
      const match = await eventually(async () => (await terminalText()).match(new RegExp(`^${marker} (\\d+) (\\d+)\\s*$`, 'm')), {
        timeout: 10_000,
        what: `${marker} in the terminal`,
      });
      return `${match[1]}x${match[2]}`;
    };
    const wide = await size('size-wide');
    await page.setViewportSize({ width: 1000, height: 700 });
    await eventually(async () => (await size(`size-${Date.now()}`)) !== wide, { timeout: 10_000, what: 'the pty to follow the window' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await shot(page, '08-terminal');
  });

  flow('CPU and memory figures move live', async () => {
    // An idle busybox shows flat figures: a short workload in the instance (it outlives the terminal: setsid)
    // burns a little CPU and grows the page cache each second.
    await openTerminal();
    await typeInTerminal(
      "setsid sh -c 'i=1; while [ $i -le 15 ]; do head -c 2000000 /dev/urandom | md5sum >/dev/null; " +
        "head -c $((i*1048576)) /dev/zero > /tmp/e2e-load; i=$((i+1)); sleep 1; done; rm -f /tmp/e2e-load' " +
        '</dev/null >/dev/null 2>&1 & echo load-started',
    );
    await eventually(async () => /^load-started/m.test(await terminalText()), { timeout: 10_000, what: 'the workload' });
    await page.goto(`/?q=${NAME}`);
    const seen = { cpu: new Set(), memory: new Set() };
    await eventually(
      async () => {
        seen.cpu.add(await row().getByTestId('cpu-value').getAttribute('data-value'));
        seen.memory.add(await row().getByTestId('memory-value').getAttribute('data-value'));
        return seen.cpu.size >= 3 && seen.memory.size >= 3;
      },
      { timeout: 20_000, interval: 500, what: `changing telemetry figures (seen ${JSON.stringify({ cpu: [...seen.cpu], memory: [...seen.memory] })})` },
    );
    await shot(page, '09-live-usage');
    await page.goto(`/instances/${NAME}`);
    await page.getByTestId('cpu-value').first().waitFor();
    await shot(page, '09b-instance-overview');
  });

  flow('a port forward serves what the instance serves', async () => {
    await openTerminal();
    await api.put(`${filesUrl(filePath('www'))}&type=directory`, new Uint8Array(0));
    const page_ = `hello from ${NAME}\n`;
    assert.equal((await api.put(filesUrl(filePath('www/index.html')), page_)).status, 204);
    await typeInTerminal(`ip link set lo up 2>/dev/null; busybox httpd -p 127.0.0.1:${CONTAINER_PORT} -h ${filePath('www')} && echo httpd-started`);
    await eventually(async () => (await terminalText()).includes('httpd-started'), { timeout: 10_000, what: 'httpd in the instance' });
    await page.goto(`/instances/${NAME}?drawer=forwards`);
    const drawer = page.getByTestId('forwards-drawer');
    await drawer.getByLabel('Host port', { exact: true }).fill(String(HOST_PORT));
    await drawer.getByLabel('Container port', { exact: true }).fill(String(CONTAINER_PORT));
    await drawer.getByRole('button', { name: 'Add forward' }).click();
    await drawer.locator(`[data-testid="forward-row"][data-host-port="${HOST_PORT}"]`).waitFor({ timeout: 30_000 });
    await shot(page, '10-forwards');
    const body = await eventually(
      async () => {
        const res = await fetch(`http://${FORWARD_HOST}:${HOST_PORT}/`);
        return res.ok ? res.text() : null;
      },
      { timeout: 15_000, what: `a page through ${FORWARD_HOST}:${HOST_PORT}` },
    );
    assert.equal(body, page_);
    await page.keyboard.press('Escape');
  });

  flow('a file edited in Monaco reads back through the API', async () => {
    const path = filePath('e2e-notes.txt');
    assert.equal((await api.put(filesUrl(path), 'written by the API\n')).status, 204);
    await page.goto(`/instances/${NAME}?drawer=files`);
    const drawer = page.getByTestId('files-drawer');
    await drawer.getByLabel('Path', { exact: true }).fill(WORK_DIR);
    await drawer.getByRole('button', { name: 'Go', exact: true }).click();
    await drawer.locator('[data-testid="file-row"][data-name="e2e-notes.txt"]').getByRole('button', { name: 'e2e-notes.txt', exact: true }).click();
    const editor = drawer.locator('.monaco-editor');
    await editor.waitFor();
    await shot(page, '11-files-editor-before');
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('edited in Monaco\nsecond line\n');
    await drawer.getByTestId('save-file').click();
    await toast(`Saved ${path}`).first().waitFor();
    assert.equal(await readFile(path), 'edited in Monaco\nsecond line\n');
    await shot(page, '12-files-saved');
    await drawer.getByRole('button', { name: /Back to/ }).click();
    await drawer.getByTestId('files-table').waitFor();
    await shot(page, '13-files-browser');
    await page.keyboard.press('Escape');
  });

  flow('snapshot, then restore rolls a file back', async () => {
    const path = filePath('e2e-notes.txt');
    await page.goto(`/instances/${NAME}?drawer=snapshots`);
    const drawer = page.getByTestId('snapshots-drawer');
    await drawer.getByLabel('New snapshot name', { exact: true }).fill('e2e-snap');
    await drawer.getByRole('button', { name: 'Create snapshot' }).click();
    await drawer.locator('[data-testid="snapshot-row"][data-name="e2e-snap"]').waitFor({ timeout: 60_000 });
    await api.put(filesUrl(path), 'written after the snapshot\n');
    await drawer.locator('[data-testid="snapshot-row"][data-name="e2e-snap"]').getByRole('button', { name: 'Restore' }).click();
    const confirm = page.getByTestId('confirm-dialog').filter({ hasText: 'Restoring stops the instance' });
    await confirm.waitFor();
    await shot(page, '14-restore-warning');
    await confirm.getByRole('button', { name: 'Restore' }).click();
    await toast(`${NAME} restored to e2e-snap`).first().waitFor({ timeout: 120_000 });
    assert.equal(await readFile(path), 'edited in Monaco\nsecond line\n');
    await shot(page, '15-restored');
    await page.keyboard.press('Escape');
  });

  flow('the activity log shows the jobs', async () => {
    await page.getByRole('link', { name: 'Activity' }).click();
    await page.getByTestId('activity-log').getByText(NAME).first().waitFor();
    await shot(page, '16-activity');
  });

  flow('the admin pages show users, quota and the audit log', async () => {
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByTestId('user-row').first().waitFor();
    await shot(page, '17-admin-users');
    await page.getByRole('link', { name: 'Quota' }).click();
    await page.getByTestId('gauge-memory').waitFor();
    await shot(page, '18-admin-quota');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByTestId('audit-table').waitFor();
    await shot(page, '19-admin-audit');
    await page.getByRole('link', { name: 'Health' }).click();
    await page.getByTestId('health').waitFor();
    await shot(page, '20-health');
  });

  flow('a user changes their own password, and an admin sets a forgotten one', async () => {
    // A throwaway operator in a tab of its own: each tab has its own sessionStorage, so the admin's tab stays logged in.
    const username = uniqueName('e2e-user');
    const stamp = Date.now().toString(36);
    const [first, changed, reset] = [`Start-${stamp}-pw`, `Changed-${stamp}-pw`, `Reset-${stamp}-pw`];
    const created = await api.post('/api/v1/users', { username, password: first, role: 'operator' });
    assert.equal(created.status, 201, `creating ${username}: ${await created.text()}`);
    const { page: userPage, errors: userErrors } = await newPage(browser.context);
    const userToast = (text) => userPage.locator('[data-testid="toast"]', { hasText: text });
    const dashboard = () => userPage.getByTestId('instance-table').waitFor();
    try {
      await login(userPage, first, username);
      await dashboard();
      await userPage.getByTestId('current-user').click();
      await userPage.getByRole('heading', { name: 'Your account' }).waitFor();
      await userPage.getByTestId('password-current').fill(first);
      await userPage.getByTestId('password-new').fill(changed);
      await userPage.getByTestId('password-again').fill(changed);
      await userPage.getByTestId('password-submit').click();
      await userToast('Password changed').first().waitFor();
      await shot(userPage, '20b-account-password-changed');

      // The server refuses the old token from now on: fresh requests in this tab, then after a reload, must carry the new one.
      await userPage.getByRole('link', { name: 'Activity', exact: true }).click();
      await userPage.locator('section[aria-labelledby="jobs-title"] table').waitFor();
      await userPage.getByRole('link', { name: 'Instances', exact: true }).click();
      await dashboard();
      await userPage.reload();
      await dashboard();
      await userPage.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
      assert.equal(new URL(userPage.url()).pathname, '/');

      await userPage.getByRole('button', { name: 'Log out' }).click();
      await login(userPage, first, username);
      await userPage.getByTestId('login-error').waitFor();
      assert.match(await userPage.getByTestId('login-error').innerText(), /wrong username or password/i);
      await login(userPage, changed, username);
      await dashboard();

      await page.goto('/admin/users');
      await page.locator(`[data-testid="user-row"][data-username="${username}"]`).getByTestId('user-set-password').click();
      const dialog = page.getByTestId('set-password-dialog');
      await dialog.getByTestId('set-password-new').fill(reset);
      await dialog.getByTestId('set-password-again').fill(reset);
      await shot(page, '20c-admin-set-password');
      await dialog.getByTestId('set-password-submit').click();
      await toast(`Password of ${username} set`).first().waitFor();
      await dialog.getByTestId('set-password-new').waitFor({ state: 'detached' });

      // The reset ended the user's session: the tab is back at the login page by its next request at the latest.
      await userPage.reload();
      await userPage.getByRole('button', { name: 'Sign in' }).waitFor();
      await login(userPage, reset, username);
      await dashboard();
      assert.ok((await userPage.getByTestId('current-user').innerText()).startsWith(username));
      assert.deepEqual(userErrors.map((e) => e.message), [], "the user's tab threw no uncaught errors");
      assert.equal((await api.del(`/api/v1/users/${username}`)).status, 204, `deleting ${username}`);
    } catch (error) {
      await userPage.screenshot({ path: join(SCREENSHOTS, 'FAILED-password-user-tab.png') }).catch(() => undefined);
      if ((await api.get(`/api/v1/users/${username}`).catch(() => null))?.status === 200) await api.del(`/api/v1/users/${username}`);
      throw error;
    } finally {
      await userPage.close().catch(() => undefined);
    }
  });

  flow('delete from the dashboard, behind a confirmation', async () => {
    await page.goto(`/?q=${NAME}`);
    await row().getByRole('button', { name: `Delete ${NAME}` }).click();
    const confirm = page.getByTestId('confirm-dialog').filter({ hasText: 'cannot be undone' });
    await confirm.waitFor();
    await shot(page, '21-delete-confirm');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await row().waitFor({ state: 'detached', timeout: 60_000 });
    assert.equal((await api.get(`/api/v1/instances/${NAME}`)).status, 404);
    await shot(page, '22-deleted');
  });

  flow('select many, then bulk stop and bulk delete, each followed in one progress panel', async () => {
    for (const name of BULK) {
      const res = await api.post('/api/v1/instances', { name, image, cpu: 1, memoryMiB: 64, start: true });
      assert.equal(res.status, 202, `creating ${name}: ${await res.text()} (the quota must leave room for three one-core instances)`);
    }
    await page.goto(`/?q=${BULK_PREFIX}`);
    const rows = (status = '') => page.locator(`[data-testid="instance-row"][data-name^="${BULK_PREFIX}-"]${status ? `[data-status="${status}"]` : ''}`);
    await eventually(async () => (await rows('Running').count()) === 3, { timeout: CREATE_TIMEOUT, what: 'three running instances' });

    // The header box takes every instance the filter lets through.
    await page.getByRole('checkbox', { name: 'Select all 3 shown' }).check();
    const bar = page.getByTestId('bulk-bar');
    await bar.getByTestId('selection-count').filter({ hasText: '3 selected' }).waitFor();
    await shot(page, '22b-bulk-selected');

    await bar.getByRole('button', { name: 'Stop the 3 instances selected' }).click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Stop 3 instances' }).click();
    const stopping = page.locator('[data-testid="bulk-progress"][data-action="stop"]');
    await stopping.getByTestId('bulk-completed').filter({ hasText: /^3$/ }).waitFor({ timeout: 120_000 });
    assert.equal(await stopping.getByTestId('bulk-failed').innerText(), '0');
    assert.equal(await stopping.getByTestId('bulk-total').innerText(), '3');
    await stopping.getByRole('heading', { name: 'Stopped 3 instances' }).waitFor();
    await eventually(async () => (await rows('Stopped').count()) === 3, { timeout: 30_000, what: 'three stopped rows' });
    await shot(page, '22c-bulk-stopped');
    await stopping.getByTestId('bulk-dismiss').click();
    await stopping.waitFor({ state: 'detached' });

    // The selection outlived the stop (and the list refreshes that came with it).
    await bar.getByRole('button', { name: 'Delete the 3 instances selected' }).click();
    const confirm = page.getByTestId('confirm-dialog').filter({ hasText: 'Delete the 3 instances selected for good' });
    await confirm.getByRole('button', { name: 'Delete 3 instances' }).click();
    const deleting = page.locator('[data-testid="bulk-progress"][data-action="delete"]');
    await deleting.getByTestId('bulk-completed').filter({ hasText: /^3$/ }).waitFor({ timeout: 120_000 });
    await rows().first().waitFor({ state: 'detached', timeout: 30_000 });
    // The deleted instances left the selection with the list: no bar, no selection of things that are gone.
    await bar.waitFor({ state: 'detached' });
    for (const name of BULK) assert.equal((await api.get(`/api/v1/instances/${name}`)).status, 404, `${name} is gone`);
    await shot(page, '22d-bulk-deleted');
    await deleting.getByTestId('bulk-dismiss').click();
  });

  flow('a phone-sized screen gets the card layout and the menu', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    await page.getByRole('button', { name: 'Menu' }).waitFor();
    await shot(page, '23-phone-dashboard');
    await page.getByRole('button', { name: 'Menu' }).click();
    await shot(page, '24-phone-menu');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  flow('a session the server no longer accepts returns to login with a message', async () => {
    await page.evaluate(() => {
      const s = JSON.parse(sessionStorage.getItem('axion.session'));
      s.token = 'tampered.token.value';
      sessionStorage.setItem('axion.session', JSON.stringify(s));
    });
    await page.reload();
    await page.getByTestId('login-notice').waitFor();
    assert.match(await page.getByTestId('login-notice').innerText(), /expired/i);
    await shot(page, '25-session-expired');
  });
});
