// Quick look at every page against a running server (the mock or the real one): screenshots only.
import { launch, newPage, login, shot, BASE_URL } from '../e2e/lib.mjs';

const { context, close } = await launch();
try {
  for (const [label, viewport] of [['desk', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
    const { page, errors } = await newPage(context, viewport);
    await page.goto('/login');
    await shot(page, `${label}-login`);
    await login(page);
    await page.getByRole('heading', { name: 'Instances' }).waitFor();
    await page.waitForTimeout(3000);
    await shot(page, `${label}-dashboard`);
    for (const path of ['/instances/new', '/instances/demo-001', '/instances/demo-001/terminal', '/activity', '/health', '/admin/users', '/admin/quota', '/admin/audit']) {
      await page.goto(path);
      await page.waitForTimeout(1500);
      await shot(page, `${label}${path.replace(/\//g, '-')}`);
    }
    for (const d of ['snapshots', 'forwards', 'files']) {
      await page.goto(`/instances/demo-001?drawer=${d}`);
      await page.waitForTimeout(1200);
      await shot(page, `${label}-drawer-${d}`);
    }
    console.log(label, 'page errors:', errors.map((e) => e.message));
  }
} finally {
  await close();
}
console.log('screenshots for', BASE_URL);
