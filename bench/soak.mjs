// The memory benchmark: a server on ten years of data under an hour of
// mixed use (lists, searches, deep pages, records, the long-list, the audit
// trail and its check, pages, exports and writes), printing the server's
// resident memory every few minutes and, last, after 15 s of rest.
//
//   BENCH_SOAK_MINUTES=60        how long
//   BENCH_SOAK_CLIENTS=4         requests in flight at once
//   BENCH_SOAK_SIZE=100000:5000:1000000   bodies:proposals:audit entries
//                                of the SQLite database it fills first, or
//   BENCH_SOAK_DB=sqlite:FILE    a database filled already (it is written
//                                to: use a copy), with
//   BENCH_SOAK_TOKEN=...         an administrator's API token on it and
//   BENCH_SOAK_PASSWORD=...      admin@jointly.invalid's password
// Loopback only.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, signIn, ADMIN_PASSWORD } from '../tests/support/server.mjs';
import { prepare, serve } from './support.mjs';

const bin = process.env.JOINTLY_BIN || 'build/release/jointly';
const minutes = Number(process.env.BENCH_SOAK_MINUTES || 60);
const clients = Number(process.env.BENCH_SOAK_CLIENTS || 4);
let { BENCH_SOAK_DB: db, BENCH_SOAK_TOKEN: token, BENCH_SOAK_PASSWORD: password } = process.env;
let dir;
if (!db) {
  dir = mkdtempSync(join(tmpdir(), 'jointly-soak-'));
  db = `sqlite:${join(dir, 'soak.db')}`;
  const [bodies, proposals, audit] = (process.env.BENCH_SOAK_SIZE || '100000:5000:1000000').split(':').map(Number);
  ({ token } = await prepare(bin, db, bodies, proposals, audit));
  password = ADMIN_PASSWORD;
}
if (!token || !password) {
  console.error('BENCH_SOAK_DB needs BENCH_SOAK_TOKEN and BENCH_SOAK_PASSWORD');
  process.exit(2);
}

const server = await serve(bin, db);
const base = server.base;

function rssMb() {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const kb = (name) => Number(status.match(new RegExp(`${name}:\\s+(\\d+) kB`))[1]);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const api = new Client(base, { token }).undocumented('a benchmark');
const { client: browser } = await signIn(base, 'admin@jointly.invalid', password);
const page = browser.undocumented('a benchmark');
const bodies = (await api.get('/api/v1/bodies?limit=1')).json.total;
const entries = (await api.get('/api/v1/audit/entries?limit=1')).json.total;
const proposal = (await api.get('/api/v1/proposals?limit=1')).json.items[0].id;
const plans = (await api.get('/api/v1/plans')).json.items;
const words = ['carlisle', 'police', 'prison', 'north', 'youth offending', 'court', 'manchester pol', '"west"'];
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const deep = (n) => Math.floor(Math.random() * Math.max(n - 20, 1));

// One request of the mix, by weight.
const mix = [
  [30, 'bodies page', () => api.get(`/api/v1/bodies?limit=20&offset=${deep(bodies)}`)],
  [15, 'body search', () => api.get(`/api/v1/bodies?search=${encodeURIComponent(pick(words))}&limit=20`)],
  [10, 'bodies by type', () => api.get('/api/v1/bodies?type=prison&limit=20')],
  [10, 'long-list page', () => api.get(`/api/v1/proposals?limit=100&offset=${deep(500)}`)],
  [10, 'one proposal', () => api.get(`/api/v1/proposals/${proposal}`)],
  [8, 'audit entries', () => api.get(`/api/v1/audit/entries?limit=50&offset=${deep(entries)}`)],
  [5, '/programme page', () => page.get(`/programme?offset=${deep(500)}`)],
  [5, '/audit page', () => page.get('/audit')],
  [3, '/bodies search page', () => page.get(`/bodies?search=${encodeURIComponent(pick(words))}`)],
  [2, 'audit check', () => api.get('/api/v1/audit/verify')],
  [1, 'programme spreadsheet', () => (plans.length ? api.get(`/api/v1/plans/${plans[0].id}/programme.xlsx`) : api.get('/api/v1/plans'))],
  [1, 'new body', () => api.post('/api/v1/bodies', { code: `SOAK-${Date.now()}-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
    name: 'A body added while soaking', type: 'prison', nation: 'england' })],
];
const weight = mix.reduce((s, [w]) => s + w, 0);
function one() {
  let r = Math.random() * weight;
  for (const [w, name, f] of mix) {
    if ((r -= w) < 0) return [name, f()];
  }
  return [mix[0][1], mix[0][2]()];
}

const start = Date.now();
const end = start + minutes * 60000;
let requests = 0;
let failures = 0;
const failed = new Map();  // what failed, how often
console.log(`${bodies} bodies, ${entries} audit entries; ${clients} clients for ${minutes} min`);
console.log(`minute  requests  failures  RSS MB  peak MB`);
const report = () => {
  const { rss, peak } = rssMb();
  console.log(`${String(Math.round((Date.now() - start) / 60000)).padStart(6)}  ${String(requests).padStart(8)}  ` +
    `${String(failures).padStart(8)}  ${rss.toFixed(0).padStart(6)}  ${peak.toFixed(0).padStart(7)}`);
};
report();
const timer = setInterval(report, Math.max(1, Math.min(5, minutes / 4)) * 60000);
await Promise.all(Array.from({ length: clients }, async () => {
  while (Date.now() < end) {
    const [f, pending] = one();
    try {
      const res = await pending;
      if (res.status >= 400) {
        ++failures;
        failed.set(`${res.status} ${f}`, (failed.get(`${res.status} ${f}`) ?? 0) + 1);
      }
    } catch (e) {
      ++failures;
      failed.set(`${e.message} ${f}`, (failed.get(`${e.message} ${f}`) ?? 0) + 1);
    }
    ++requests;
  }
}));
clearInterval(timer);
// Idle for a little more than the server's release of freed memory.
await new Promise((r) => setTimeout(r, 15000));
report();
for (const [what, n] of failed) console.log(`failed ${n} times: ${what}`);
await server.stop();
if (dir) rmSync(dir, { recursive: true, force: true });
