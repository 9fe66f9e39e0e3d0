// Installs the console's npm dependencies with the machine's own npm (no Node download):
// `npm ci` when package-lock.json exists, `npm install` otherwise. A node_modules tree already
// installed from the same lock file is kept, so repeated Maven builds don't reinstall everything.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const lock = `${root}package-lock.json`;
const installed = `${root}node_modules/.package-lock.json`;

const hasLock = existsSync(lock);
if (hasLock && existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs && !process.env.AXION_NPM_CI) {
  console.log('[axion-console] node_modules is up to date with package-lock.json; skipping npm ci');
  process.exit(0);
}
const args = hasLock ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
console.log(`[axion-console] npm ${args.join(' ')}`);
const result = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
