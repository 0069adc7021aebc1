// The write benchmark: starts jointly on SQLite (or PostgreSQL with
// JOINTLY_TEST_BACKEND=postgres under tests/support/with-postgres.sh), then
// runs wrk at 16 connections, each request adding an inspected body through
// POST /api/v1/bodies, and prints requests/s and the latency percentiles:
// the tail shows how writers wait for the database's write lock. First it
// imports a CSV file of 10,000 new bodies and, meanwhile, adds bodies one
// after another, printing how long the import took and the longest wait
// of a write sent during it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, adminClient } from '../tests/support/server.mjs';

const seconds = Number(process.env.BENCH_SECONDS || 5);
const server = await startServer();
const dir = mkdtempSync(join(tmpdir(), 'jointly-writes-'));
try {
  const admin = await adminClient(server);
  await importWhileWriting(admin);
  const script = join(dir, 'post.lua');
  writeFileSync(script, `
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
local n = 0
function request()
  n = n + 1
  local body = '{"code":"W-' .. tid .. '-' .. n .. '","name":"Write benchmark ' .. n .. '","type":"prison","nation":"england"}'
  return wrk.format("POST", "/api/v1/bodies", {["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer ${admin.token}"}, body)
end
`);
  const out = execFileSync('wrk', ['-t', '2', '-c', '16', '-d', `${seconds}s`, '--latency', '-s', script,
    server.base + '/api/v1/bodies'], { encoding: 'utf8' });
  const unit = (v, u) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 }[u] ?? 1);
  const p = (q) => { const m = out.match(new RegExp(`\\s${q}%\\s+([\\d.]+)(us|ms|s)`)); return m ? unit(m[1], m[2]) : NaN; };
  const errors = out.match(/Non-2xx or 3xx responses: (\d+)/);
  console.log(`POST /api/v1/bodies at 16 connections: ${Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]).toFixed(0)} req/s, ` +
    `p50 ${p(50).toFixed(2)} ms, p90 ${p(90).toFixed(2)} ms, p99 ${p(99).toFixed(2)} ms, non-2xx ${errors ? errors[1] : 0}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  await server.stop();
}

async function importWhileWriting(admin) {
  const lines = ['code,name,type,region,nation'];
  for (let i = 0; i < 10000; ++i) lines.push(`IMPORT-${i},Imported body ${i},prison,North West,england`);
  let done = 0;
  const started = performance.now();
  const importing = admin.post('/api/v1/bodies/import', lines.join('\n') + '\n', { 'Content-Type': 'text/csv' })
    .then((res) => { done = performance.now(); return res; });
  const waits = [];
  for (let n = 0; !done; ++n) {
    const sent = performance.now();
    const res = await admin.post('/api/v1/bodies', { code: `DURING-${n}`, name: `During ${n}`, type: 'prison', nation: 'england' });
    if (res.status !== 201) throw new Error(`write during the import: ${res.status} ${res.text}`);
    waits.push(performance.now() - sent);
  }
  const res = await importing;
  if (res.status !== 200) throw new Error(`import: ${res.status} ${res.text}`);
  console.log(`CSV import of 10,000 bodies: ${(done - started).toFixed(0)} ms; ${waits.length} writes sent meanwhile, ` +
    `the longest waited ${Math.max(...waits).toFixed(1)} ms`);
}
