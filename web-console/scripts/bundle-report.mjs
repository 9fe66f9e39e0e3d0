// Prints the size of the production bundle (raw and gzip) after `vite build`, so every build shows it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createServer } from 'node:http';

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

// First load over loopback: serve dist/ on 127.0.0.1 (gzip, as a browser would ask) and fetch what a
// first visit fetches — index.html, then its entry script, styles and preloaded chunks in parallel.
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const server = createServer((req, res) => {
  const path = req.url === '/' ? 'index.html' : decodeURIComponent(req.url.slice(1).split('?')[0]);
  const file = files.find((f) => f.file === path);
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  const body = readFileSync(join(dist, file.file));
  const ext = file.file.slice(file.file.lastIndexOf('.'));
  res.writeHead(200, { 'Content-Type': TYPES[ext] ?? 'application/octet-stream', 'Content-Encoding': 'gzip' });
  res.end(gzipSync(body, { level: 6 }));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const runs = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  const page = await (await fetch(`${base}/`)).text();
  const refs = [...page.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((m) => m[1]);
  await Promise.all(refs.map(async (r) => (await fetch(`${base}/${r}`)).arrayBuffer()));
  runs.push(performance.now() - start);
}
server.close();
runs.sort((a, b) => a - b);
console.log(`  first-load time over loopback (HTML + entry assets, gzip, median of 5): ${runs[2].toFixed(1)} ms\n`);
