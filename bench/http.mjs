// The HTTP benchmark: starts jointly on SQLite, imports 10,000 bodies,
// makes an API token, then runs wrk at 1, 16 and 64 connections against
// GET /api/v1/bodies?limit=20 and against /bench/fixed (a fixed 2 KB JSON
// body from the same server), and prints requests/s, p50, p99 and the
// server's peak RSS. Loopback only; every run is bounded in time.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startServer, adminClient } from '../tests/support/server.mjs';

const seconds = Number(process.env.BENCH_SECONDS || 5);
const server = await startServer({ extraArgs: ['--bench-endpoints'] });
try {
  const admin = await adminClient(server);
  let csv = 'code,name,type,region,nation,in_london,active\n';
  const types = ['police_force', 'prison', 'probation_delivery_unit', 'youth_offending_service'];
  for (let i = 0; i < 10000; i++) {
    csv += `BENCH-${i},Benchmark body ${String(i).padStart(5, '0')},${types[i % 4]},Region ${i % 12},england,no,yes\n`;
  }
  const imported = await admin.post('/api/v1/bodies/import', csv, { 'Content-Type': 'text/csv' });
  if (imported.status !== 200) throw new Error(imported.text);

  const parse = (out) => {
    const unit = (v, u) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 }[u] ?? 1);
    const p = (q) => { const m = out.match(new RegExp(`\\s${q}%\\s+([\\d.]+)(us|ms|s)`)); return m ? unit(m[1], m[2]) : NaN; };
    const rps = Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]);
    const errors = out.match(/Non-2xx or 3xx responses: (\d+)/);
    return { rps, p50: p(50), p99: p(99), errors: errors ? Number(errors[1]) : 0 };
  };
  const run = (path, connections) => {
    const out = execFileSync('wrk', ['-t', String(Math.min(2, connections)), '-c', String(connections),
      '-d', `${seconds}s`, '--latency', '-H', `Authorization: Bearer ${admin.token}`, server.base + path],
    { encoding: 'utf8' });
    return parse(out);
  };
  run('/api/v1/bodies?limit=20', 16);  // warm up
  console.log('connections  endpoint                    req/s   p50 ms   p99 ms  non-2xx');
  const results = {};
  for (const c of [1, 16, 64]) {
    for (const [name, path] of [['bodies?limit=20', '/api/v1/bodies?limit=20'], ['fixed 2 KB', '/bench/fixed']]) {
      const r = run(path, c);
      results[`${name}@${c}`] = r;
      console.log(`${String(c).padStart(11)}  ${name.padEnd(22)} ${r.rps.toFixed(0).padStart(9)} ${r.p50.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)} ${String(r.errors).padStart(8)}`);
    }
  }
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const hwm = Number(status.match(/VmHWM:\s+(\d+) kB/)[1]);
  for (const c of [1, 16, 64]) {
    const ratio = results[`bodies?limit=20@${c}`].rps / results[`fixed 2 KB@${c}`].rps;
    console.log(`ratio bodies/fixed at ${c} connections: ${ratio.toFixed(2)}`);
  }
  console.log(`server peak RSS: ${(hwm / 1024).toFixed(1)} MB`);
  console.log('targets: p99 < 10 ms at 64 connections; ratio >= 0.5; peak RSS < 60 MB');
} finally {
  await server.stop();
}
