// A stand-in for the Axion server, for developing and screenshotting the console before the real
// backend exists: it follows shared/API.md in memory (instances, jobs, quota, snapshots, forwards,
// files, users, audit, capabilities, /ws/events with 1 Hz telemetry, /ws/terminal with a toy shell).
// Never used by the Maven build or the real e2e run. Usage:
//   AXION_ADMIN_PASSWORD=secret PORT=18080 MOCK_INSTANCES=500 node dev/mock-axion.mjs
// A pretend cluster, for trying the console's node failover: run one mock per node, each naming the others
// (their tokens are signed with a shared secret, and they answer cross-origin requests as a real cluster must):
//   PORT=18081 MOCK_NODE=node-1 MOCK_PEERS=node-2=http://127.0.0.1:18082 node dev/mock-axion.mjs
//   PORT=18082 MOCK_NODE=node-2 MOCK_PEERS=node-1=http://127.0.0.1:18081 node dev/mock-axion.mjs
import http from 'node:http';
import { createHmac, randomUUID, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { WebSocketServer } from 'ws';

const PORT = Number(process.env.PORT ?? 18080);
const ADMIN_PASSWORD = process.env.AXION_ADMIN_PASSWORD ?? 'admin-password';
const DIST = new URL('../dist/', import.meta.url).pathname;
const CAPS = (process.env.MOCK_CAPABILITIES ?? 'instances,quota,network,snapshot,files,auth,telemetry,jobs,lxd').split(',');
const TOKEN_TTL_MS = Number(process.env.MOCK_TOKEN_TTL_MS ?? 3_600_000);
const now = () => new Date().toISOString();
const NODE = process.env.MOCK_NODE ?? 'node-1';
const PEERS = (process.env.MOCK_PEERS ?? '').split(',').filter(Boolean).map((p) => { const [name, url] = p.split('='); return { name, url }; });
const CLUSTER_SECRET = process.env.MOCK_CLUSTER_SECRET ?? 'mock-cluster';

// ---------- state ----------
const users = new Map([['admin', { username: 'admin', role: 'admin', password: ADMIN_PASSWORD }]]);
const tokens = new Map(); // token -> {username, expires}
const tickets = new Map(); // ticket -> expires
const instances = new Map();
const jobs = [];
const audit = [];
const quota = { cpu: { limit: 32, physical: 16 }, memoryMiB: { limit: 49152, physical: 49152 }, cpuOvercommit: 2 };
const images = [
  { fingerprint: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90', aliases: ['busybox'], description: 'BusyBox (tiny)', size: 1_048_576, architecture: 'x86_64' },
  { fingerprint: 'f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f', aliases: ['debian/12'], description: 'Debian 12 with cloud-init', size: 91_226_112, architecture: 'x86_64' },
];
const forwardServers = new Map(); // hostPort -> http.Server

// One node owning two LXD hosts (shared/API.md's /api/v1/cluster shape).
const STARTED = now();
const hosts = new Map([
  ['lxd-1', { name: 'lxd-1', owner: NODE, state: 'online', since: STARTED, home: NODE, url: null, socket: '/var/snap/lxd/common/lxd/unix.socket', project: 'default', capacity: { cpu: 16, memoryMiB: 32768 } }],
  ['lxd-2', { name: 'lxd-2', owner: NODE, state: 'online', since: STARTED, home: NODE, url: 'https://lxd-2.example:8443', socket: null, project: 'default', capacity: { cpu: 8, memoryMiB: 16384 } }],
]);
let placed = 0;
const placeHost = () => [...hosts.keys()][placed++ % hosts.size];

function makeInstance(name, extra = {}) {
  return {
    name, status: 'Running', image: 'busybox', cpu: 1, memoryMiB: 256, diskGiB: null, host: extra.host ?? placeHost(), node: NODE, createdAt: now(),
    usage: { cpuPercent: 0, memoryBytes: 20 * 1024 * 1024 }, forwards: [], snapshots: [],
    files: new Map([['/', 'dir'], ['/root', 'dir'], ['/tmp', 'dir'], ['/etc', 'dir'], ['/etc/hostname', Buffer.from(`${name}\n`)], ['/root/notes.txt', Buffer.from('hello\n')]]),
    config: { 'limits.cpu': '1', 'limits.memory': '256MiB', 'image.description': 'BusyBox (tiny)' },
    ...extra,
  };
}
for (let i = 0; i < Number(process.env.MOCK_INSTANCES ?? 3); i++) {
  const name = `demo-${String(i + 1).padStart(3, '0')}`;
  instances.set(name, makeInstance(name, { status: i % 4 === 3 ? 'Stopped' : 'Running', cpu: 1 + (i % 2), memoryMiB: [256, 512, 1024][i % 3], image: i % 2 ? 'debian/12' : 'busybox' }));
}
// Room for a few more instances whatever MOCK_INSTANCES is (above it, the allocation shows over the limit).
{
  let cpu = 0, mem = 0;
  for (const i of instances.values()) { cpu += i.cpu; mem += i.memoryMiB; }
  if (cpu + 8 > quota.cpu.limit) { quota.cpu.limit = cpu + 8; quota.cpu.physical = Math.ceil(quota.cpu.limit / 2); }
  if (mem + 8192 > quota.memoryMiB.limit) { quota.memoryMiB.limit = quota.memoryMiB.physical = mem + 8192; }
}
const allocated = () => {
  let cpu = 0, mem = 0;
  for (const i of instances.values()) { cpu += i.cpu; mem += i.memoryMiB; }
  return { cpu, mem };
};
const hostView = (h) => {
  const on = [...instances.values()].filter((i) => i.host === h.name);
  return { ...h, allocated: { cpu: on.reduce((n, i) => n + i.cpu, 0), memoryMiB: on.reduce((n, i) => n + i.memoryMiB, 0), instances: on.length } };
};
const view = (i) => ({ name: i.name, status: i.status, image: i.image, cpu: i.cpu, memoryMiB: i.memoryMiB, diskGiB: i.diskGiB, host: i.host, node: i.node, createdAt: i.createdAt, usage: i.usage, forwards: i.forwards });

// ---------- events ----------
const eventClients = new Set();
function publish(channel, type, data) {
  const text = JSON.stringify({ channel, type, data, at: now() });
  for (const c of eventClients) if (!c.channels || c.channels.has(channel)) c.ws.send(text);
}
let sweeps = 0;
setInterval(() => {
  const samples = [];
  for (const i of instances.values()) {
    if (i.status !== 'Running') { i.usage = { cpuPercent: 0, memoryBytes: 0 }; continue; }
    const cpu = Math.max(0, Math.min(100, (i.usage.cpuPercent || 5) + (Math.random() - 0.5) * 12));
    const mem = Math.max(8e6, Math.min(i.memoryMiB * 1048576, (i.usage.memoryBytes || 2e7) + (Math.random() - 0.5) * 4e6));
    i.usage = { cpuPercent: Math.round(cpu * 10) / 10, memoryBytes: Math.round(mem) };
    samples.push({ name: i.name, ...i.usage });
  }
  // axion-telemetry's usage frame
  publish('telemetry', 'usage', { node: NODE, seq: ++sweeps, intervalMs: 1000, hostCpuThreads: 8, instances: samples });
}, 1000);

// ---------- jobs ----------
function startJob(type, instance, effect, { fail } = {}) {
  const job = { id: randomUUID(), type, instance, state: 'PENDING', attempts: 0, maxAttempts: 3, error: null, createdAt: now(), startedAt: null, finishedAt: null, node: NODE };
  jobs.unshift(job);
  if (jobs.length > 1000) jobs.pop();
  const step = (change) => { Object.assign(job, change); publish('jobs', 'job-' + job.state.toLowerCase(), { ...job }); };
  setTimeout(() => step({ state: 'IN_PROGRESS', attempts: 1, startedAt: now() }), 250);
  setTimeout(() => {
    try {
      if (fail) throw new Error(fail);
      effect?.();
      step({ state: 'COMPLETED', finishedAt: now() });
    } catch (e) {
      step({ state: 'FAILED', finishedAt: now(), error: e.message });
    }
  }, 900);
  return job;
}
const lifecycle = (name, action) => publish('instances', 'lifecycle', { instance: name, action });

// ---------- http helpers ----------
const send = (res, status, body, headers = {}) => {
  const isBuf = Buffer.isBuffer(body);
  res.writeHead(status, { 'Content-Type': isBuf ? 'application/octet-stream' : 'application/json', ...headers });
  res.end(body === undefined ? undefined : isBuf ? body : JSON.stringify(body));
};
const problem = (res, status, slug, detail, extra = {}) =>
  send(res, status, { type: `https://axion.dev/problems/${slug}`, title: slug.replace(/-/g, ' '), status, detail, ...extra }, { 'Content-Type': 'application/problem+json', ...(extra.headers ?? {}) });
const readBody = (req) => new Promise((resolve) => { const chunks = []; req.on('data', (c) => chunks.push(c)); req.on('end', () => resolve(Buffer.concat(chunks))); });
const json = async (req) => { const b = await readBody(req); try { return b.length ? JSON.parse(b.toString()) : {}; } catch { return Symbol.for('bad'); } };
const NAME = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const failures = new Map();

function authUser(req, url) {
  if (!CAPS.includes('auth')) return { username: 'anonymous', role: 'admin' };
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : null;
  const t = token && (tokens.get(token) ?? signedToken(token));
  if (t && t.expires > Date.now() && users.has(t.username)) return users.get(t.username);
  return null;
}
// In a pretend cluster a token is valid on every node, as Axion's are: signed with the shared secret.
const sign = (payload) => createHmac('sha256', CLUSTER_SECRET).update(payload).digest('base64url');
function signedToken(token) {
  if (!PEERS.length) return null;
  const [payload, mac] = token.split('.');
  if (!payload || !mac || mac.length !== sign(payload).length || !timingSafeEqual(Buffer.from(mac), Buffer.from(sign(payload)))) return null;
  try { return JSON.parse(Buffer.from(payload, 'base64url').toString()); } catch { return null; }
}
function issueToken(user) {
  const payload = Buffer.from(JSON.stringify({ username: user.username, expires: Date.now() + TOKEN_TTL_MS })).toString('base64url');
  const token = PEERS.length ? `${payload}.${sign(payload)}` : randomBytes(24).toString('base64url');
  const expires = Date.now() + TOKEN_TTL_MS;
  tokens.set(token, { username: user.username, expires });
  return { token, expiresAt: new Date(expires).toISOString(), user: { username: user.username, role: user.role } };
}
function revokeTokens(username) {
  for (const [token, t] of tokens) if (t.username === username) tokens.delete(token);
}
// axion-auth's Credentials rules with its default minimum.
function weakPassword(password, username) {
  if (typeof password !== 'string' || !password) return 'is required';
  const chars = [...password];
  if (chars.length < 10) return 'must be at least 10 characters long';
  if (chars.length > 256) return 'must be at most 256 characters long';
  if (new Set(chars).size < 4) return 'must use at least 4 different characters';
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return 'must not contain the username';
  return null;
}
const invalid = (res, field, message) => problem(res, 422, 'validation', `${field}: ${message}`, { errors: [{ field, message }] });
// Entries in axion-auth's shape: {id, at, user, action, method, path, address, status}.
let auditId = 0;
function record(user, action, status, req) {
  const path = new URL(req.url, 'http://mock').pathname;
  audit.unshift({ id: ++auditId, at: now(), user: user?.username ?? null, action, method: req.method, path, address: req.socket.remoteAddress, status });
  if (audit.length > 2000) audit.pop();
}
function accepted(res, job) { send(res, 202, job, { Location: `/api/v1/jobs/${job.id}` }); }

function normalPath(p) {
  if (!p || !p.startsWith('/') || p.includes('\0') || p.split('/').includes('..') || (p !== '/' && (p.endsWith('/') || p.includes('//') || p.split('/').includes('.')))) return null;
  return p;
}

// ---------- routes ----------
async function api(req, res, url) {
  const path = url.pathname;
  const method = req.method;
  if (path === '/api/v1/health' && method === 'GET') return send(res, 200, { status: 'ok', version: '0.1.0-SNAPSHOT (mock)', node: NODE, lxd: { reachable: true, serverVersion: '5.0.2' }, cluster: { members: [NODE, ...PEERS.map((p) => p.name)] }, checks: ['boot', 'cluster', 'lxd', 'routes', 'store'].map((name) => ({ name, status: 'ok', detail: 'mock', durationMs: 0 })) });
  if (path === '/api/v1/auth/login' && method === 'POST') {
    const body = await json(req);
    if (typeof body !== 'object') return problem(res, 400, 'bad-request', 'Unparseable JSON');
    const n = failures.get(body.username) ?? 0;
    if (n >= 10) return problem(res, 429, 'too-many-attempts', 'Too many failed logins; wait 30 s.', { headers: { 'Retry-After': '30' } });
    const user = users.get(body.username);
    if (!user || user.password !== body.password) { failures.set(body.username, n + 1); record({ username: body.username }, 'login-failed', 401, req); return problem(res, 401, 'unauthorized', 'Wrong username or password.'); }
    failures.delete(body.username);
    record(user, 'login', 200, req);
    return send(res, 200, issueToken(user));
  }
  if (path === '/api/v1/capabilities' && method === 'GET' && !CAPS.includes('auth')) return send(res, 200, { capabilities: CAPS });
  const user = authUser(req, url);
  if (!user) return problem(res, 401, 'unauthorized', 'Log in first.');
  const mutating = method !== 'GET';
  const admin = user.role === 'admin';
  if (path === '/api/v1/auth/password' && method === 'POST') {
    const b = await json(req);
    if (!b.currentPassword) return invalid(res, 'currentPassword', 'is required');
    const weak = weakPassword(b.newPassword, user.username);
    if (weak) return invalid(res, 'newPassword', weak);
    if (b.newPassword === b.currentPassword) return invalid(res, 'newPassword', 'must differ from the current password');
    if (b.currentPassword !== user.password) return invalid(res, 'currentPassword', 'is wrong');
    user.password = b.newPassword;
    revokeTokens(user.username);
    record(user, 'request', 200, req);
    return send(res, 200, issueToken(user));
  }
  if (mutating && user.role === 'viewer' && path !== '/api/v1/auth/ws-ticket') return problem(res, 403, 'forbidden', 'Viewers cannot change anything.');

  if (path === '/api/v1/capabilities') return send(res, 200, { capabilities: CAPS });
  if (path === '/api/v1/auth/me') return send(res, 200, { username: user.username, role: user.role });
  if (path === '/api/v1/auth/ws-ticket' && method === 'POST') {
    const ticket = randomBytes(16).toString('hex');
    tickets.set(ticket, Date.now() + 30_000);
    return send(res, 200, { ticket, expiresAt: new Date(Date.now() + 30_000).toISOString() });
  }
  if (path === '/api/v1/images') return send(res, 200, images);
  if (path === '/api/v1/quota') {
    const a = allocated();
    if (method === 'PUT') {
      if (!admin) return problem(res, 403, 'forbidden', 'Admins only.');
      const b = await json(req);
      if (b.memoryMiB > quota.memoryMiB.physical) return problem(res, 422, 'invalid-quota', `memoryMiB: above the physical memory (${quota.memoryMiB.physical} MiB)`);
      if (b.cpu > quota.cpu.physical * quota.cpuOvercommit) return problem(res, 422, 'invalid-quota', 'cpu: above physical cores × cpuOvercommit');
      if (b.cpu < a.cpu || b.memoryMiB < a.mem) return problem(res, 422, 'invalid-quota', 'below what is allocated');
      quota.cpu.limit = b.cpu; quota.memoryMiB.limit = b.memoryMiB;
      record(user, 'request', 200, req);
    }
    return send(res, 200, { cpu: { ...quota.cpu, allocated: a.cpu }, memoryMiB: { ...quota.memoryMiB, allocated: a.mem }, cpuOvercommit: quota.cpuOvercommit });
  }
  if (path === '/api/v1/jobs') {
    let list = jobs;
    const inst = url.searchParams.get('instance'); const state = url.searchParams.get('state');
    if (inst) list = list.filter((j) => j.instance === inst);
    if (state) list = list.filter((j) => j.state === state);
    return send(res, 200, list.slice(0, Number(url.searchParams.get('limit') ?? 100)));
  }
  let m;
  if ((m = path.match(/^\/api\/v1\/jobs\/([^/]+)$/))) { const j = jobs.find((x) => x.id === m[1]); return j ? send(res, 200, j) : problem(res, 404, 'not-found', 'No such job'); }
  if (path === '/api/v1/users') {
    if (!admin) return problem(res, 403, 'forbidden', 'Admins only.');
    if (method === 'POST') {
      const b = await json(req);
      if (!b.username || !b.password || !['admin', 'operator', 'viewer'].includes(b.role)) return problem(res, 422, 'invalid-user', 'username, password and role are required');
      if (users.has(b.username)) return problem(res, 409, 'conflict', `User ${b.username} exists`);
      users.set(b.username, { username: b.username, role: b.role, password: b.password });
      record(user, 'request', 201, req);
      return send(res, 201, { username: b.username, role: b.role });
    }
    return send(res, 200, [...users.values()].map((u) => ({ username: u.username, role: u.role })));
  }
  if ((m = path.match(/^\/api\/v1\/users\/([^/]+)\/password$/)) && method === 'PUT') {
    if (!admin) return problem(res, 403, 'forbidden', 'Admins only.');
    const target = users.get(decodeURIComponent(m[1]));
    if (!target) return problem(res, 404, 'not-found', `No user ${decodeURIComponent(m[1])}`);
    const b = await json(req);
    const weak = weakPassword(b.password, target.username);
    if (weak) return invalid(res, 'password', weak);
    target.password = b.password;
    revokeTokens(target.username);
    record(user, 'request', 204, req);
    return send(res, 204);
  }
  if ((m = path.match(/^\/api\/v1\/users\/([^/]+)$/)) && method === 'DELETE') {
    if (!admin) return problem(res, 403, 'forbidden', 'Admins only.');
    const name = decodeURIComponent(m[1]);
    if (!users.delete(name)) return problem(res, 404, 'not-found', `No user ${name}`);
    record(user, 'request', 204, req);
    return send(res, 204);
  }
  if (path === '/api/v1/audit') { if (!admin) return problem(res, 403, 'forbidden', 'Admins only.'); return send(res, 200, audit.slice(0, Number(url.searchParams.get('limit') ?? 200))); }

  if ((m = path.match(/^\/api\/v1\/(?:instances\/[^/]+|hosts\/[^/]+|cluster)\/stats$/)) && method === 'GET') {
    // Made-up history in the server's tiers (docs/API.md, "Statistics"): a slow wave with some noise.
    const metric = url.searchParams.get('metric') ?? 'cpu';
    if (!['cpu', 'memory', 'diskRead', 'diskWrite', 'netRx', 'netTx'].includes(metric)) return problem(res, 400, 'bad-request', `metric: '${metric}'`);
    const rel = /^-(\d+)([smhdwy])$/.exec(url.searchParams.get('from') ?? '-1h');
    const unit = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
    const span = rel ? Number(rel[1]) * unit[rel[2]] : 3600;
    const step = span <= 600 ? 1 : span <= 86400 ? 10 : span <= 604800 ? 60 : span <= 2592000 ? 600 : 3600;
    const now = Math.floor(Date.now() / 1000 / step) * step;
    const scale = metric === 'cpu' ? 60 : metric === 'memory' ? 256 * 1024 * 1024 : 2 * 1024 * 1024;
    const points = [];
    for (let t = now - Math.floor(span / step) * step; t <= now; t += step) {
      const avg = scale * (0.5 + 0.4 * Math.sin(t / (span / 6)) + 0.05 * Math.sin(t / 97));
      points.push({ t: new Date(t * 1000).toISOString(), min: avg * 0.8, avg, max: avg * 1.25 });
    }
    return send(res, 200, { metric, step, points });
  }
  if (path === '/api/v1/cluster' && method === 'GET') {
    const running = jobs.filter((j) => j.state === 'IN_PROGRESS').length;
    return send(res, 200, {
      node: NODE, placement: 'most-free-capacity',
      nodes: [
        { name: NODE, address: '127.0.0.1:5701', state: 'up', since: STARTED, local: true, hosts: [...hosts.values()].filter((h) => h.owner === NODE).map((h) => h.name), jobsRunning: running, url: `http://127.0.0.1:${PORT}` },
        ...PEERS.map((p, i) => ({ name: p.name, address: `127.0.0.1:${5702 + i}`, state: 'up', since: STARTED, local: false, hosts: [], jobsRunning: 0, url: p.url })),
      ].sort((a, b) => a.name.localeCompare(b.name)),
      hosts: [...hosts.values()].map((h) => { const { url: _u, socket: _s, project: _p, ...rest } = hostView(h); return rest; }),
    });
  }
  if (path === '/api/v1/hosts') {
    if (!admin) return problem(res, 403, 'forbidden', 'Admins only.');
    if (method === 'GET') return send(res, 200, [...hosts.values()].map(hostView));
    const b = await json(req);
    if (!NAME.test(b.name ?? '')) return invalid(res, 'name', 'must match ^[a-z][a-z0-9-]{0,61}[a-z0-9]$');
    if (!b.project) return invalid(res, 'project', 'is required');
    if (!b.url && !b.socket) return invalid(res, 'url', 'a url (https://host:8443) or a socket is required');
    if (hosts.has(b.name)) return problem(res, 409, 'host-exists', `A host named ${b.name} exists`);
    const host = { name: b.name, owner: NODE, state: 'online', since: now(), home: NODE, url: b.url ?? null, socket: b.url ? null : b.socket, project: b.project, capacity: { cpu: 4, memoryMiB: 8192 } };
    hosts.set(b.name, host);
    publish('cluster', 'host-updated', hostView(host));
    record(user, 'request', 201, req);
    return send(res, 201, hostView(host), { Location: `/api/v1/hosts/${b.name}` });
  }
  if ((m = path.match(/^\/api\/v1\/hosts\/([^/]+)$/))) {
    if (!admin) return problem(res, 403, 'forbidden', 'Admins only.');
    const host = hosts.get(decodeURIComponent(m[1]));
    if (!host) return problem(res, 404, 'not-found', `No host ${decodeURIComponent(m[1])}`);
    if (method === 'GET') return send(res, 200, hostView(host));
    if (method !== 'DELETE') return problem(res, 405, 'method-not-allowed', `${method} ${path}`);
    const using = hostView(host).allocated.instances;
    if (using) return problem(res, 409, 'host-in-use', `Host '${host.name}' still has ${using} instance(s)`);
    hosts.delete(host.name);
    publish('cluster', 'host-removed', { name: host.name });
    record(user, 'request', 204, req);
    return send(res, 204);
  }
  if (path === '/api/v1/instances') {
    if (method === 'GET') {
      const only = url.searchParams.get('host');
      return send(res, 200, [...instances.values()].filter((i) => !only || i.host === only).map(view));
    }
    const b = await json(req);
    if (typeof b !== 'object') return problem(res, 400, 'bad-request', 'Unparseable JSON');
    if (!NAME.test(b.name ?? '')) return problem(res, 422, 'invalid-name', 'name: must match ^[a-z][a-z0-9-]{0,61}[a-z0-9]$');
    if (instances.has(b.name)) return problem(res, 409, 'conflict', `An instance named ${b.name} exists`);
    const a = allocated();
    if (a.cpu + b.cpu > quota.cpu.limit) return problem(res, 422, 'quota-exceeded', `cpu: ${b.cpu} asked, ${quota.cpu.limit - a.cpu} left`);
    if (a.mem + b.memoryMiB > quota.memoryMiB.limit) return problem(res, 422, 'quota-exceeded', `memoryMiB: ${b.memoryMiB} asked, ${quota.memoryMiB.limit - a.mem} left`);
    if (b.host !== undefined && hosts.get(b.host)?.state !== 'online') return invalid(res, 'host', `no online host ${b.host}`);
    const inst = makeInstance(b.name, { status: 'Stopped', image: b.image, cpu: b.cpu, memoryMiB: b.memoryMiB, diskGiB: b.diskGiB ?? null, usage: { cpuPercent: 0, memoryBytes: 0 }, ...(b.host ? { host: b.host } : {}) });
    record(user, 'request', 202, req);
    const job = startJob('create', b.name, () => { instances.set(b.name, inst); lifecycle(b.name, 'instance-created'); if (hosts.has(inst.host)) publish('cluster', 'host-updated', hostView(hosts.get(inst.host))); if (b.start !== false) { inst.status = 'Running'; lifecycle(b.name, 'instance-started'); } }, { fail: images.some((i) => i.aliases.includes(b.image) || i.fingerprint === b.image) ? undefined : `Image ${b.image} not found` });
    return accepted(res, job);
  }
  if (!(m = path.match(/^\/api\/v1\/instances\/([^/]+)(\/.*)?$/))) return problem(res, 404, 'not-found', `No route ${method} ${path}`);
  const name = decodeURIComponent(m[1]);
  const rest = m[2] ?? '';
  const inst = instances.get(name);
  if (!inst) return problem(res, 404, 'not-found', `No instance ${name}`);
  if (rest === '') {
    if (method === 'GET') return send(res, 200, { ...view(inst), config: inst.config, snapshots: inst.snapshots });
    if (method === 'PATCH') {
      const b = await json(req);
      const a = allocated();
      if (b.cpu && a.cpu - inst.cpu + b.cpu > quota.cpu.limit) return problem(res, 422, 'quota-exceeded', 'cpu: not enough left under the quota');
      if (b.memoryMiB && a.mem - inst.memoryMiB + b.memoryMiB > quota.memoryMiB.limit) return problem(res, 422, 'quota-exceeded', 'memoryMiB: not enough left under the quota');
      return accepted(res, startJob('resize', name, () => { if (b.cpu) inst.cpu = b.cpu; if (b.memoryMiB) inst.memoryMiB = b.memoryMiB; inst.config['limits.cpu'] = String(inst.cpu); inst.config['limits.memory'] = `${inst.memoryMiB}MiB`; lifecycle(name, 'instance-updated'); }));
    }
    if (method === 'DELETE') return accepted(res, startJob('delete', name, () => { for (const f of inst.forwards) closeForward(f.hostPort); instances.delete(name); lifecycle(name, 'instance-deleted'); }));
  }
  if (rest === '/start' && method === 'POST') return accepted(res, startJob('start', name, () => { inst.status = 'Running'; lifecycle(name, 'instance-started'); }));
  if (rest === '/stop' && method === 'POST') return accepted(res, startJob('stop', name, () => { inst.status = 'Stopped'; lifecycle(name, 'instance-stopped'); }));
  if (rest === '/restart' && method === 'POST') return accepted(res, startJob('restart', name, () => { inst.status = 'Running'; lifecycle(name, 'instance-restarted'); }));
  if (rest === '/snapshots') {
    if (method === 'GET') return send(res, 200, inst.snapshots);
    const b = await json(req);
    if (!NAME.test(b.name ?? '')) return problem(res, 422, 'invalid-name', 'name: not a valid snapshot name');
    if (inst.snapshots.some((s) => s.name === b.name)) return problem(res, 409, 'conflict', `Snapshot ${b.name} exists`);
    return accepted(res, startJob('snapshot-create', name, () => inst.snapshots.push({ name: b.name, createdAt: now(), stateful: false, files: new Map(inst.files) })));
  }
  if ((m = rest.match(/^\/snapshots\/([^/]+)(\/restore)?$/))) {
    const snap = inst.snapshots.find((s) => s.name === decodeURIComponent(m[1]));
    if (!snap) return problem(res, 404, 'not-found', 'No such snapshot');
    if (m[2] && method === 'POST') return accepted(res, startJob('snapshot-restore', name, () => { inst.files = new Map(snap.files); lifecycle(name, 'instance-restored'); }));
    if (!m[2] && method === 'DELETE') return accepted(res, startJob('snapshot-delete', name, () => { inst.snapshots = inst.snapshots.filter((s) => s !== snap); }));
  }
  if (rest === '/forwards') {
    if (method === 'GET') return send(res, 200, inst.forwards);
    const b = await json(req);
    const protocol = b.protocol ?? 'tcp';
    if (!(b.hostPort >= 10000 && b.hostPort <= 60000)) return problem(res, 422, 'invalid-forward', 'hostPort: must be in 10000-60000');
    if (!(b.containerPort >= 1 && b.containerPort <= 65535)) return problem(res, 422, 'invalid-forward', 'containerPort: must be in 1-65535');
    if ([...instances.values()].some((i) => i.forwards.some((f) => f.hostPort === b.hostPort))) return problem(res, 409, 'port-in-use', `Port ${b.hostPort} is already forwarded`);
    try { await openForward(b.hostPort, name); } catch { return problem(res, 409, 'port-in-use', `A host process listens on ${b.hostPort}`); }
    const f = { hostPort: b.hostPort, containerPort: b.containerPort, protocol };
    inst.forwards.push(f);
    return send(res, 201, f);
  }
  if ((m = rest.match(/^\/forwards\/(\d+)$/)) && method === 'DELETE') {
    const port = Number(m[1]);
    if (!inst.forwards.some((f) => f.hostPort === port)) return problem(res, 404, 'not-found', 'No such forward');
    inst.forwards = inst.forwards.filter((f) => f.hostPort !== port);
    closeForward(port);
    return send(res, 204);
  }
  if (rest === '/files') {
    const p = normalPath(url.searchParams.get('path'));
    if (!p) return problem(res, 422, 'invalid-path', 'path: must be absolute and normalised');
    if (method === 'GET') {
      const node = inst.files.get(p);
      if (node === undefined) return problem(res, 404, 'not-found', `No such file ${p}`);
      if (node === 'dir') {
        const prefix = p === '/' ? '/' : p + '/';
        const entries = [...inst.files.entries()].filter(([k]) => k !== p && k.startsWith(prefix) && !k.slice(prefix.length).includes('/'))
          .map(([k, v]) => ({ name: k.slice(prefix.length), type: v === 'dir' ? 'directory' : 'file', size: v === 'dir' ? 4096 : v.length, mode: v === 'dir' ? 0o755 : 0o644, uid: 0, gid: 0 }));
        return send(res, 200, { type: 'directory', entries });
      }
      return send(res, 200, node);
    }
    const parent = p.slice(0, p.lastIndexOf('/')) || '/';
    if (method === 'PUT') {
      if (inst.files.get(parent) !== 'dir') return problem(res, 404, 'not-found', `Parent ${parent} does not exist`);
      const body = await readBody(req);
      inst.files.set(p, url.searchParams.get('type') === 'directory' ? 'dir' : body);
      return send(res, 204);
    }
    if (method === 'DELETE') { if (!inst.files.delete(p)) return problem(res, 404, 'not-found', `No such file ${p}`); return send(res, 204); }
  }
  return problem(res, 405, 'method-not-allowed', `${method} ${path}`);
}

function openForward(port, instance) {
  return new Promise((resolve, reject) => {
    // Stands in for a web server in the instance: serves the instance's /tmp/www, like `busybox httpd -h /tmp/www`.
    const server = http.createServer((req, res) => {
      const file = instances.get(instance)?.files.get(`/tmp/www${req.url === '/' ? '/index.html' : req.url}`);
      if (!Buffer.isBuffer(file)) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'Content-Type': 'text/html' }); res.end(file);
    });
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => { forwardServers.set(port, server); resolve(); });
  });
}
function closeForward(port) { forwardServers.get(port)?.close(); forwardServers.delete(port); }

// ---------- static console ----------
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.json': 'application/json' };
function serveStatic(res, pathname) {
  let file = normalize(join(DIST, decodeURIComponent(pathname)));
  if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) file = join(DIST, 'index.html');
  if (!existsSync(file)) return send(res, 404, { error: 'run npm run build first' });
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': file.includes('/assets/') ? 'max-age=31536000, immutable' : 'no-cache' });
  res.end(readFileSync(file));
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  // A pretend cluster answers the console served by another node (another origin), as a real one must.
  if (PEERS.length && req.headers.origin && url.pathname.startsWith('/api/')) {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After, Location');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE', 'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept', 'Access-Control-Max-Age': '600' });
      return res.end();
    }
  }
  if (url.pathname.startsWith('/api/')) return api(req, res, url).catch((e) => problem(res, 500, 'internal', String(e)));
  serveStatic(res, url.pathname);
});

// ---------- websockets ----------
const wss = new WebSocketServer({ noServer: true });
server.on('upgrade', (req, socket, head) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  const ticket = url.searchParams.get('ticket');
  const valid = !CAPS.includes('auth') || (ticket && tickets.get(ticket) > Date.now());
  tickets.delete(ticket);
  if (!valid) { socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n'); return; }
  wss.handleUpgrade(req, socket, head, (ws) => {
    if (url.pathname === '/ws/events') {
      const client = { ws, channels: null };
      eventClients.add(client);
      ws.on('message', (m) => { try { const s = JSON.parse(m.toString()).subscribe; if (Array.isArray(s)) client.channels = new Set(s); } catch { /* ignore */ } });
      ws.on('close', () => eventClients.delete(client));
      return;
    }
    const t = url.pathname.match(/^\/ws\/terminal\/(.+)$/);
    if (t && instances.get(decodeURIComponent(t[1]))?.status === 'Running') return toyShell(ws, decodeURIComponent(t[1]));
    ws.close(4404, 'no such running instance');
  });
});

function toyShell(ws, name) {
  let line = '';
  let size = { cols: 80, rows: 24 };
  const out = (s) => ws.send(Buffer.from(s));
  const arith = (s) => s.replace(/\$\(\((\d+)\s*([*+-])\s*(\d+)\)\)/g, (_, a, op, b) => String(op === '*' ? a * b : op === '+' ? +a + +b : a - b));
  const run = (cmd) => {
    const [word] = cmd.split(' ');
    if (word === 'echo') { out(arith(cmd.slice(5)) + '\r\n'); return true; }
    if (word === 'hostname') { out(`${name}\r\n`); return true; }
    if (word === 'stty') { out(`${size.rows} ${size.cols}\r\n`); return true; }
    if (['ip', 'busybox', 'mkdir', 'true', 'cd'].includes(word)) return true;
    out(`sh: ${word}: not found\r\n`);
    return false;
  };
  out(`Welcome to ${name} (mock shell)\r\n# `);
  ws.on('message', (data, isBinary) => {
    if (!isBinary) { try { size = JSON.parse(data.toString()).resize ?? size; } catch { /* ignore */ } return; }
    for (const ch of data.toString()) {
      if (ch === '\r') {
        out('\r\n');
        for (const part of line.split(';')) {
          const chain = part.split('&&').map((c) => c.replace(/2>\/dev\/null|\|\|.*$/g, '').trim()).filter(Boolean);
          for (const c of chain) if (!run(c)) break;
        }
        line = '';
        out('# ');
      } else if (ch === '\x7f') { if (line) { line = line.slice(0, -1); out('\b \b'); } }
      else { line += ch; out(ch); }
    }
  });
}

server.listen(PORT, '127.0.0.1', () => console.log(`mock Axion ${NODE} on http://127.0.0.1:${PORT} (admin / ${ADMIN_PASSWORD === 'admin-password' ? 'admin-password' : '***'})${PEERS.length ? `, peers ${PEERS.map((p) => p.name).join(', ')}` : ''}`));
