// The public website's benchmark: starts jointly on SQLite with the demo
// (its joint inspection's terms of reference are published), then runs wrk
// at 16 connections, with no sign-in, against a released page, the lists,
// a search, a feed and the sitemap, and prints requests/s, p50 and p99;
// then again for searches and lists with 500 more published reports.
// Loopback only; every run is bounded in time.
import { execFileSync } from 'node:child_process';
import { startServer } from '../tests/support/server.mjs';

const seconds = Number(process.env.BENCH_SECONDS || 5);
const server = await startServer({ extraArgs: ['--demo'] });
try {
  const list = await (await fetch(`${server.base}/api/v1/public/inspections-in-progress`)).json();
  const inspection = list.items[0]?.inspection_id;
  if (!inspection) throw new Error('the demo published no terms of reference');
  const parse = (out) => {
    const unit = (v, u) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 }[u] ?? 1);
    const p = (q) => { const m = out.match(new RegExp(`\\s${q}%\\s+([\\d.]+)(us|ms|s)`)); return m ? unit(m[1], m[2]) : NaN; };
    const errors = out.match(/Non-2xx or 3xx responses: (\d+)/);
    return { rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]), p50: p(50), p99: p(99), errors: errors ? Number(errors[1]) : 0 };
  };
  const run = (path, connections = 16, script = []) => parse(execFileSync('wrk', ['-t', String(Math.min(2, connections)), '-c',
    String(connections), '-d', `${seconds}s`, '--latency', ...script, server.base + path], { encoding: 'utf8' }));
  const line = (what, r) => console.log(`${what.padEnd(40)} ${r.rps.toFixed(0).padStart(9)} ${r.p50.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)} ${String(r.errors).padStart(8)}`);
  run(`/inspections-in-progress/${inspection}`);  // warm up
  console.log('endpoint (16 connections, no sign-in)      req/s   p50 ms   p99 ms  non-2xx');
  for (const path of [`/inspections-in-progress/${inspection}`, '/inspections-in-progress', '/business-plans',
    '/search?q=hate+crime', '/feeds/inspections-in-progress.atom', '/sitemap.xml', '/']) {
    line(path, run(path));
  }
  // Ten years of published joint reports: 500, with 20 recommendations each,
  // added to the same database while it serves.
  const reports = Number(process.env.BENCH_REPORTS || 500);
  execFileSync(process.env.JOINTLY_BIN || 'build/release/jointly',
    ['--db', server.db, 'demo', '--bodies', '0', '--proposals', '0', '--audit-entries', '0', '--reports', String(reports)],
    { stdio: 'ignore' });
  console.log(`\nwith ${reports} more published reports (${reports * 20} recommendations)`);
  for (const path of ['/search?q=hate+crime', '/search?q=youth+justice+review+Durham', '/search?q=Home+Office',
    '/search?q=%22case+files%22', '/reports', '/feeds/reports.atom']) {
    line(path, run(path));
  }
  // Searches no rendering answers: each one different (bench/search.lua).
  const script = ['-s', new URL('search.lua', import.meta.url).pathname];
  for (const connections of [1, 2, 16]) {
    line(`a different search each, ${connections} connection${connections > 1 ? 's' : ''}`,
      run('/search', connections, script));
  }
} finally {
  await server.stop();
}
