// Smoothness with 500 instances: against the mock (MOCK_INSTANCES=500), counts long tasks (> 50 ms) and
// frames while telemetry updates every second and the table scrolls, and how many rows are in the DOM.
// dev/perf-list.mjs measures the same, and more, against any Axion (a real one included).
import { launch, newPage, login, shot } from '../e2e/lib.mjs';
import { scrollTable } from './perf-measure.mjs';

const { context, close } = await launch();
try {
  const { page } = await newPage(context);
  await login(page);
  await page.locator('[data-testid="instance-row"]').first().waitFor();
  await page.waitForTimeout(2000);
  const scrolled = await scrollTable(page, 10_000);
  const { frames: _frames, ...result } = scrolled;
  result.total = await page.getByTestId('instance-counts').textContent();
  console.log(JSON.stringify(result));
  await shot(page, 'perf-500');
} finally {
  await close();
}
