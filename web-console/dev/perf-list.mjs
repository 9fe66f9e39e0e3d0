// The instance list's smoothness against any Axion, a real one with 1,000 instances included (or the mock):
//   AXION_URL=http://127.0.0.1:8080 AXION_USER=admin AXION_PASSWORD=... node dev/perf-list.mjs
// It only looks and selects, never acts: it logs in, times the first row, lets telemetry flow, scrolls the table for
// PERF_SCROLL_MS (10 s) counting frames and long tasks (> 50 ms), then times "select all" and typing a filter, and
// clears both. It prints one line, `console: key=value ...` (ms unless named otherwise; n/a where the user may not
// select, as a viewer):
//   rows         instances listed            rowsInDom     rows the virtualiser kept in the DOM while scrolling
//   firstRowMs   "Sign in" to the first row  frames, fps   frames during the scroll, and per second
//   worstFrameMs longest gap between frames  longTasks, longestTaskMs   long tasks during the scroll
//   selectAllMs  header box clicked to the selection painted
//   filterMs     first key of the filter to the list showing only matches (typing included), filterLagMs from the
//                last key; filterLongestTaskMs the longest task meanwhile
// Exit status 1 when something failed (the line then says error=...). Screenshot: AXION_E2E_SCREENSHOTS/perf-list.png.
import { BASE_URL, launch, newPage, shot } from '../e2e/lib.mjs';
import { longTasksSince, pageNow, recordLongTasks, scrollTable } from './perf-measure.mjs';

const USER = process.env.AXION_USER ?? process.env.AXION_ADMIN_USER ?? 'admin';
const PASSWORD = process.env.AXION_PASSWORD ?? process.env.AXION_ADMIN_PASSWORD ?? '';
const SCROLL_MS = Number(process.env.PERF_SCROLL_MS ?? 10_000);
const TIMEOUT_MS = Number(process.env.PERF_TIMEOUT_MS ?? 60_000);

if (!PASSWORD) {
  console.error('perf-list: set AXION_URL (default http://127.0.0.1:8080), AXION_USER (default admin) and AXION_PASSWORD');
  process.exit(2);
}

const ROW = '[data-testid="instance-row"]';
const figures = {};
const line = () => `console: ${Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(' ')}`;

const { context, close } = await launch();
let failed = false;
try {
  const { page } = await newPage(context);
  page.setDefaultTimeout(TIMEOUT_MS);
  await recordLongTasks(page);

  await page.goto('/login');
  await page.getByLabel('Username', { exact: true }).fill(USER);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  const signIn = Date.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator(ROW).first().waitFor();
  figures.firstRowMs = Date.now() - signIn;
  figures.rows = Number(((await page.getByTestId('instance-counts').textContent()) ?? '').match(/^\d+/)?.[0] ?? NaN);

  // Telemetry flows while everything below is measured, as it would for someone watching.
  await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
  await page.waitForTimeout(2000);
  const scrolled = await scrollTable(page, SCROLL_MS);
  Object.assign(figures, {
    rowsInDom: scrolled.rowsInDom,
    frames: scrolled.frames,
    fps: scrolled.fps,
    worstFrameMs: scrolled.worstFrameMs,
    longTasks: scrolled.longTasks,
    longestTaskMs: scrolled.longestTaskMs,
  });
  await page.evaluate(() => (document.querySelector('.tbody-scroll').scrollTop = 0));

  figures.selectAllMs = await selectAll(page);
  Object.assign(figures, await typeFilter(page));
  await clear(page);
  await shot(page, 'perf-list');
} catch (error) {
  failed = true;
  figures.error = JSON.stringify(String(error?.message ?? error).split('\n')[0]);
} finally {
  figures.url = BASE_URL;
  console.log(line());
  await close();
}
process.exit(failed ? 1 : 0);

/** Clicks the header's "select all" and waits for the next frame after the bar shows the whole list selected. */
async function selectAll(page) {
  if ((await page.getByTestId('select-all').count()) === 0) return 'n/a';
  return page.evaluate(async (rows) => {
    const box = document.querySelector('[data-testid="select-all"]');
    const start = performance.now();
    box.click();
    while (document.querySelector('[data-testid="selection-count"] strong')?.textContent !== String(rows)) {
      if (performance.now() - start > 10_000) throw new Error(`select all: the bar never said ${rows} selected`);
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return Math.round(performance.now() - start);
  }, figures.rows);
}

/**
 * Types a filter key by key (as a quick typist: 40 ms apart) that matches some rows: the first row's name
 * but its last character. Done when every row in the DOM matches and the count says "x of y shown".
 */
async function typeFilter(page) {
  const first = await page.locator(ROW).first().getAttribute('data-name');
  const query = first.length > 3 ? first.slice(0, -1) : first;
  const since = await pageNow(page);
  const start = Date.now();
  await page.locator('#instance-search').pressSequentially(query, { delay: 40 });
  const typed = Date.now();
  await page.waitForFunction(
    (q) => {
      const rows = [...document.querySelectorAll('[data-testid="instance-row"]')];
      const count = document.querySelector('.toolbar-count')?.textContent ?? '';
      return rows.length > 0 && rows.every((r) => r.textContent.toLowerCase().includes(q)) && (count.includes(' of ') || count.endsWith(' shown'));
    },
    query.toLowerCase(),
    { polling: 'raf' },
  );
  const settled = Date.now();
  const tasks = await longTasksSince(page, since);
  return { filterMs: settled - start, filterLagMs: settled - typed, filterLongestTaskMs: tasks.longestMs };
}

async function clear(page) {
  const clearButton = page.getByRole('button', { name: 'Clear selection' });
  if (await clearButton.count()) await clearButton.click();
  await page.locator('#instance-search').fill('');
}
