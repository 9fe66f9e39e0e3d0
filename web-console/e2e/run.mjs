// `npm run e2e`: the Playwright flows against a running Axion. In the Maven build, itests' ConsoleIT boots the
// distribution and runs this with AXION_URL, AXION_ADMIN_PASSWORD and AXION_E2E_SCREENSHOTS set.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`e2e: ${chromium} is missing (apt-get install chromium), or set CHROMIUM_PATH`);
  process.exit(2);
}
if (!process.env.AXION_ADMIN_PASSWORD) {
  console.error('e2e: set AXION_URL (default http://127.0.0.1:8080) and AXION_ADMIN_PASSWORD');
  process.exit(2);
}
// Every e2e/*.test.mjs by default (the console's flows first), one file after the other; or the files named.
const named = process.argv.slice(2);
const all = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.test.mjs'))
  .sort((a, b) => (a === 'console.test.mjs' ? -1 : b === 'console.test.mjs' ? 1 : a.localeCompare(b)))
  .map((f) => `e2e/${f}`);
const files = named.length ? named : all;
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
  cwd: new URL('..', import.meta.url).pathname,
});
process.exit(result.status ?? 1);
