// Prints the size of the production bundle (raw and gzip) after `vite build`, so every build shows it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const files = walk(dist).map((file) => {
  const bytes = readFileSync(file);
  return { file: relative(dist, file), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const total = files.reduce((acc, f) => ({ raw: acc.raw + f.raw, gzip: acc.gzip + f.gzip }), { raw: 0, gzip: 0 });

// What the first page load fetches: index.html plus the entry chunks and CSS it references directly.
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = files.filter((f) => f.file === 'index.html' || html.includes(`/${f.file}`));
const first = initial.reduce((acc, f) => ({ raw: acc.raw + f.raw, gzip: acc.gzip + f.gzip }), { raw: 0, gzip: 0 });

console.log('\nAxion console production bundle');
for (const f of files.sort((a, b) => b.raw - a.raw).slice(0, 15)) {
  console.log(`  ${f.file.padEnd(56)} ${kib(f.raw).padStart(12)} ${kib(f.gzip).padStart(12)} gz`);
}
if (files.length > 15) console.log(`  … and ${files.length - 15} smaller files`);
console.log(`  total: ${files.length} files, ${kib(total.raw)} (${kib(total.gzip)} gzip)`);
console.log(`  first load (index.html + entry assets): ${kib(first.raw)} (${kib(first.gzip)} gzip)\n`);
