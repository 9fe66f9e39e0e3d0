// What the perf scripts measure in the page, in one place: long tasks (> 50 ms, Chromium's Long Tasks API) and
// frames while the instance table scrolls, and how many rows the virtualiser keeps in the DOM.

/** Collects every long task from the page's start, in window.__longTasks (call before the first navigation). */
export async function recordLongTasks(page) {
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__longTasks.push({ start: e.startTime, ms: e.duration })))
      .observe({ type: 'longtask', buffered: true });
  });
}

/** The long tasks recorded since `since` (performance.now() of the page): how many, and the longest. */
export async function longTasksSince(page, since) {
  return page.evaluate((from) => {
    const tasks = (window.__longTasks ?? []).filter((t) => t.start >= from);
    return { count: tasks.length, longestMs: Math.round(Math.max(0, ...tasks.map((t) => t.ms))) };
  }, since);
}

export const pageNow = (page) => page.evaluate(() => performance.now());

/**
 * Scrolls the table by 400 px every 50 ms for `ms`, wrapping at the end, counting frames (requestAnimationFrame)
 * and the longest gap between two, and the long tasks meanwhile.
 */
export async function scrollTable(page, ms = 10_000) {
  return page.evaluate(async (duration) => {
    const long = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => long.push(e.duration)));
    observer.observe({ type: 'longtask', buffered: false });
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
    while (performance.now() - start < duration) {
      scroller.scrollTop = (scroller.scrollTop + 400) % Math.max(1, scroller.scrollHeight);
      await new Promise((r) => setTimeout(r, 50));
    }
    running = false;
    observer.disconnect();
    const seconds = (performance.now() - start) / 1000;
    return {
      rowsInDom: document.querySelectorAll('[data-testid="instance-row"]').length,
      frames,
      fps: Math.round(frames / seconds),
      worstFrameMs: Math.round(worst),
      longTasks: long.length,
      longestTaskMs: Math.round(Math.max(0, ...long)),
    };
  }, ms);
}
