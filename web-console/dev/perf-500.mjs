// Smoothness with 500 instances: against the mock (MOCK_INSTANCES=500), counts long tasks (> 50 ms) and
// frames while telemetry updates every second and the table scrolls, and how many rows are in the DOM.
import { launch, newPage, login, shot } from '../e2e/lib.mjs';

const { context, close } = await launch();
try {
  const { page } = await newPage(context);
  await login(page);
  await page.locator('[data-testid="instance-row"]').first().waitFor();
  await page.waitForTimeout(2000);
  const result = await page.evaluate(async () => {
    const long = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => long.push(e.duration))).observe({ type: 'longtask', buffered: false });
    let frames = 0;
    let worst = 0;
    let last = performance.now();
    let running = true;
    const tick = (t) => {
      frames++;
      worst = Math.max(worst, t - last);
      last = t;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const scroller = document.querySelector('.tbody-scroll');
    const start = performance.now();
    while (performance.now() - start < 10_000) {
      scroller.scrollTop = (scroller.scrollTop + 400) % scroller.scrollHeight;
      await new Promise((r) => setTimeout(r, 50));
    }
    running = false;
    const seconds = (performance.now() - start) / 1000;
    return {
      rowsInDom: document.querySelectorAll('[data-testid="instance-row"]').length,
      fps: Math.round(frames / seconds),
      worstFrameMs: Math.round(worst),
      longTasks: long.length,
      longestTaskMs: Math.round(Math.max(0, ...long)),
      total: document.querySelector('[data-testid="instance-counts"]').textContent,
    };
  });
  console.log(JSON.stringify(result));
  await shot(page, 'perf-500');
} finally {
  await close();
}
