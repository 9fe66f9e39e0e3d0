// The HPC scheduler's pages (issue 15) in Debian's Chromium against a running Axion with the feature
// `axion-hpc-scheduler` installed (ConsoleIT installs it at runtime before this file and removes it after; the
// default `e2e/run.mjs` does not run this folder). On this 2-core host: a gang of two dedicated one-core members made
// on the Gangs page takes both cores, a batch run of `hostname` shows each member's name and exit code, the core map
// shows the two pins, a dedicated create that may wait shows on the Queue page and is cancelled there, and deleting
// the gang in the console removes its members.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IMAGE, apiClient, eventually, inNewTab, launch, login, shot, uniqueName } from '../lib.mjs';

/** Member creation and a start each take a few seconds here, two at a time on two cores. */
const GANG_TIMEOUT = 120_000;

describe('HPC scheduler pages', { concurrency: false }, () => {
  let browser;
  let api;
  const gang = uniqueName('e2e-gang');
  const waiting = uniqueName('e2e-queued');
  const members = [`${gang}-0`, `${gang}-1`];

  before(async () => {
    assert.ok(IMAGE, 'set AXION_E2E_IMAGE to an image alias LXD has (ConsoleIT passes axion/busybox)');
    browser = await launch();
    api = await apiClient();
    const gangs = await api.get('/api/v1/gangs');
    assert.equal(gangs.status, 200, 'the axion-hpc-scheduler feature is installed (GET /api/v1/gangs)');
  });

  after(async () => {
    if (api) {
      await api.del(`/api/v1/gangs/${gang}`).catch(() => undefined);
      const queue = await api.get('/api/v1/queue').then((r) => r.json()).catch(() => []);
      for (const entry of queue.filter((e) => e.name === waiting)) await api.del(`/api/v1/queue/${entry.id}`).catch(() => undefined);
    }
    await browser?.close();
  });

  test('a dedicated gang made on the Gangs page runs hostname in each member, and the core map shows its pins', () =>
    inNewTab(browser.context, 'hpc-gang', async (page) => {
      await login(page);
      await page.getByTestId('instance-table').waitFor();
      await page.getByRole('link', { name: 'Gangs', exact: true }).click();
      const form = page.getByRole('region', { name: 'New gang' });
      await form.getByLabel('Name', { exact: true }).fill(gang);
      await form.getByLabel('Members', { exact: true }).fill('2');
      await form.getByLabel('Image', { exact: true }).fill(IMAGE);
      await form.getByLabel('CPU', { exact: true }).fill('1');
      await form.getByLabel('Memory (MiB)', { exact: true }).fill('64');
      await form.locator('select').first().selectOption('dedicated');
      // One host here: "one host each" would need two.
      await form.locator('select').nth(1).selectOption('pack');
      await form.getByRole('button', { name: 'Create gang' }).click();

      const row = page.locator(`[data-testid="gang-row"][data-name="${gang}"]`);
      await row.getByText('running', { exact: true }).waitFor({ timeout: GANG_TIMEOUT });
      for (const member of members) await row.getByText(member, { exact: false }).waitFor();
      await shot(page, '50-gang-running');

      await row.getByLabel(`Command for ${gang}`).fill('hostname');
      await row.getByRole('button', { name: 'Run', exact: true }).click();
      const panel = page.getByTestId('run-panel');
      await panel.getByTestId('run-state').filter({ hasText: 'succeeded' }).waitFor({ timeout: 60_000 });
      for (const member of members) {
        const output = panel.locator(`[data-testid="member-run"][data-name="${member}"]`);
        await output.getByText('exit 0').waitFor();
        assert.equal((await output.locator('pre').first().textContent()).trim(), member, `${member}'s stdout`);
      }
      await shot(page, '51-gang-run');

      await page.getByRole('link', { name: 'Core map', exact: true }).click();
      const cores = page.getByTestId('core');
      await eventually(async () => (await cores.filter({ hasText: gang }).count()) === 2, { what: 'both cores pinned to the gang' });
      const pinnedTo = (await cores.filter({ hasText: gang }).allTextContents()).map((t) => t.replace(/^CPU \d+: /, '')).sort();
      assert.deepEqual(pinnedTo, [...members].sort(), 'each core pinned to one member');
      await shot(page, '52-core-map');
    }));

  test('a dedicated create that may wait is on the Queue page and is cancelled there; the gang is deleted in the console', () =>
    inNewTab(browser.context, 'hpc-queue', async (page) => {
      // Both cores are the gang's: this create waits rather than being refused.
      const queued = await api.post('/api/v1/instances', {
        name: waiting, image: IMAGE, cpu: 1, memoryMiB: 64, cpuPolicy: 'dedicated', queue: true, start: false,
      });
      const entry = await queued.json();
      assert.equal(queued.status, 202, JSON.stringify(entry));
      assert.equal(entry.state, 'queued');

      await login(page);
      await page.getByTestId('instance-table').waitFor();
      await page.getByRole('link', { name: 'Queue', exact: true }).click();
      const row = page.locator(`[data-testid="queue-row"][data-name="${waiting}"]`);
      await row.getByText('1 dedicated').waitFor();
      await shot(page, '53-queue');
      await row.getByRole('button', { name: `Cancel ${waiting}` }).click();
      await row.waitFor({ state: 'detached' });
      const left = await (await api.get('/api/v1/queue')).json();
      assert.equal(left.filter((e) => e.name === waiting).length, 0, 'the entry is gone from the queue');
      assert.equal((await api.get(`/api/v1/instances/${waiting}`)).status, 404, 'nothing was made');

      await page.getByRole('link', { name: 'Gangs', exact: true }).click();
      await page.getByRole('button', { name: `Delete gang ${gang}` }).click();
      await page.locator(`[data-testid="gang-row"][data-name="${gang}"]`).waitFor({ state: 'detached', timeout: GANG_TIMEOUT });
      await eventually(async () => {
        const names = (await (await api.get('/api/v1/instances')).json()).map((i) => i.name);
        return members.every((m) => !names.includes(m));
      }, { timeout: GANG_TIMEOUT, what: "the gang's members deleted" });
      await shot(page, '54-gang-deleted');
    }));
});
