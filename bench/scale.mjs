// The ten-years benchmark: fills a database with `jointly demo` (bodies,
// scored proposals, audit entries), then measures with wrk (16
// connections) the lists, searches and pages that grow with the data, and
// `jointly audit verify` (time and peak memory). Prints one table a size,
// SQLite and PostgreSQL side by side.
//
//   BENCH_SIZES="1000:17:10000 10000:500:100000 100000:5000:1000000"
//                        bodies:proposals:audit entries
//   BENCH_SECONDS=5      each wrk run
//   JOINTLY_TEST_POSTGRES_URL=postgresql://...   also PostgreSQL (a throwaway
//                        server: tests/support/with-postgres.sh sets it; its
//                        database is emptied first)
//   BENCH_BASELINE_BIN=path      also run an older binary on the same data
//                                (SQLite; the newer migrations' rows are removed from a copy)
// Loopback only; every run is bounded in time.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, signIn, ADMIN_PASSWORD } from '../tests/support/server.mjs';
import { prepare, serve } from './support.mjs';

const bin = process.env.JOINTLY_BIN || 'build/release/jointly';
const seconds = Number(process.env.BENCH_SECONDS || 5);
const sizes = (process.env.BENCH_SIZES || '1000:17:10000 10000:500:100000 100000:5000:1000000').split(/\s+/)
  .map((s) => s.split(':').map(Number));

// wrk at 16 connections, as `header` (a bearer token or a session cookie).
function wrk(base, header, path) {
  const out = execFileSync('wrk', ['-t', '2', '-c', '16', '-d', `${seconds}s`, '--latency',
    '-H', header, base + path], { encoding: 'utf8' });
  const unit = (v, u) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 }[u] ?? 1);
  const p = (q) => { const m = out.match(new RegExp(`\\s${q}%\\s+([\\d.]+)(us|ms|s)`)); return m ? unit(m[1], m[2]) : NaN; };
  const errors = out.match(/Non-2xx or 3xx responses: (\d+)/);
  return { rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]), p50: p(50), p99: p(99),
    errors: errors ? Number(errors[1]) : 0 };
}

// One GET; once more if the server had just closed the idle connection
// it went out on (it closes those after a few seconds, while wrk runs).
async function get(base, token, path) {
  const client = () => new Client(base, { token }).undocumented('the baseline serves an older document');
  try {
    return await client().get(path);
  } catch {
    return client().get(path);
  }
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return [Number(status.match(/VmRSS:\s+(\d+) kB/)[1]) / 1024, Number(status.match(/VmHWM:\s+(\d+) kB/)[1]) / 1024];
}

// `jointly audit verify`: seconds and peak memory (kB), from time(1).
function verifyCli(binary, db, dir) {
  const file = join(dir, 'time.txt');
  let out = '';
  try {
    out = execFileSync('/usr/bin/time', ['-o', file, '-f', '%e %M', binary, '--db', db, 'audit', 'verify'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) { out = `${e.stdout}${e.stderr}`; }
  const [seconds, kb] = readFileSync(file, 'utf8').trim().split('\n').pop().split(' ');
  return { seconds: Number(seconds), mb: Number(kb) / 1024, out: out.trim() };
}

// `skip`: endpoints not to load (a baseline that would take the machine down).
async function measure(binary, db, token, ids, dir, skip = new Set()) {
  const server = await serve(binary, db);
  const rows = [];
  try {
    // The body just before the page at 90%, where the page by keyset starts.
    const before = await get(server.base, token, `/api/v1/bodies?limit=1&offset=${Math.floor(ids.bodies * 0.9) - 1}`);
    const after = before.json?.items?.[0]?.id;
    const endpoints = [
      ['bodies, first page', '/api/v1/bodies?limit=20'],
      ['bodies, type filter', '/api/v1/bodies?type=prison&limit=20'],
      ['bodies, search', '/api/v1/bodies?search=carlisle%20pol&limit=20'],
      ['bodies, page at 90%', `/api/v1/bodies?limit=20&offset=${Math.floor(ids.bodies * 0.9)}`],
      ['bodies, 90% by keyset', after ? `/api/v1/bodies?limit=20&after=${after}` : null],
      ['long-list API', '/api/v1/proposals'],
      ['long-list API, filter', '/api/v1/proposals?type=joint_thematic&status=long_list'],
      ['one proposal', `/api/v1/proposals/${ids.proposal}`],
      ['audit verify API', '/api/v1/audit/verify'],
      ['audit entries, halfway', `/api/v1/audit/entries?limit=20&offset=${Math.floor(ids.audit / 2)}`],
    ];
    wrk(server.base, `Authorization: Bearer ${token}`, '/api/v1/bodies?limit=20');  // warm up
    for (const [name, path] of endpoints) {
      if (skip.has(name)) { rows.push([name, 'skipped']); continue; }
      if (!path) { rows.push([name, null]); continue; }
      const probe = await get(server.base, token, path);
      if (probe.status !== 200) { rows.push([name, null]); continue; }
      rows.push([name, wrk(server.base, `Authorization: Bearer ${token}`, path)]);
    }
    // Pages need a session: cookie and all.
    const { client } = await signIn(server.base, 'admin@jointly.invalid', ADMIN_PASSWORD)
      .catch(() => signIn(server.base, 'admin@jointly.invalid', ADMIN_PASSWORD));
    for (const [name, path] of [['/programme page', '/programme'], ['/audit page', '/audit']]) {
      if (skip.has(name)) { rows.push([name, 'skipped']); continue; }
      rows.push([name, wrk(server.base, `Cookie: ${client.cookie}`, path)]);
    }
    const [rss, hwm] = rssMb(server.pid);
    rows.push(['server RSS after, MB', { text: `${rss.toFixed(0)} (peak ${hwm.toFixed(0)})` }]);
  } finally {
    await server.stop();
  }
  const v = verifyCli(binary, db, dir);
  rows.push(['jointly audit verify', { text: `${v.seconds.toFixed(2)} s, ${v.mb.toFixed(0)} MB` }]);
  return rows;
}

function cell(r) {
  if (r === 'skipped') return 'skipped'.padStart(30);
  if (!r) return 'n/a (not served)'.padStart(30);
  if (r.text) return r.text.padStart(30);
  return `${r.rps.toFixed(0).padStart(8)} ${r.p50.toFixed(2).padStart(7)} ${r.p99.toFixed(2).padStart(7)}${r.errors ? ` !${r.errors}` : '    '}`;
}

// One table: a row an endpoint, a column group a backend (or binary).
function print(columns) {
  const names = columns[0].rows.map(([name]) => name);
  console.log(`${''.padEnd(24)} ${columns.map((c) => c.label.padStart(30)).join(' ')}`);
  console.log(`${'endpoint'.padEnd(24)} ${columns.map(() => '   req/s  p50 ms  p99 ms    ').join(' ')}`);
  for (const name of names) {
    console.log(`${name.padEnd(24)} ${columns.map((c) => cell(c.rows.find(([n]) => n === name)?.[1])).join(' ')}`);
  }
}

const postgres = process.env.JOINTLY_TEST_POSTGRES_URL;
for (const [bodies, proposals, audit] of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'jointly-scale-'));
  try {
    const ids = { bodies, audit, proposal: 1 };
    const columns = [];
    const generated = [];
    const backends = [['SQLite', `sqlite:${join(dir, 'scale.db')}`]];
    if (postgres) backends.push(['PostgreSQL', postgres]);
    for (const [label, db] of backends) {
      if (label === 'PostgreSQL') {
        execFileSync('psql', [db, '-q', '-c', 'SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public;']);
      }
      const { token, seconds: took } = await prepare(bin, db, bodies, proposals, audit);
      // Measured as a server that has been running: statistics gathered
      // and the new rows' visibility settled, not while autovacuum catches
      // up with the bulk load.
      if (label === 'PostgreSQL') execFileSync('psql', [db, '-q', '-c', 'VACUUM ANALYZE']);
      generated.push(`${label} ${took.toFixed(0)} s`);
      columns.push({ label, rows: await measure(bin, db, token, ids, dir) });
      if (label === 'SQLite' && process.env.BENCH_BASELINE_BIN) {
        const copy = join(dir, 'baseline.db');
        copyFileSync(db.replace(/^sqlite:/, ''), copy);
        execFileSync('sqlite3', [copy, 'DELETE FROM schema_migrations WHERE version > 9;']);
        // An older server loads the whole log for these: at a million entries
        // that is seconds and gigabytes a request, 16 at a time.
        const skip = new Set(audit > 200000 ? ['audit verify API', '/audit page'] : []);
        columns.push({ label: 'SQLite, baseline',
          rows: await measure(process.env.BENCH_BASELINE_BIN, `sqlite:${copy}`, token, ids, dir, skip) });
      }
    }
    console.log(`\n== ${bodies} bodies, ${proposals} proposals, ${audit} audit entries (generated in ${generated.join(', ')})`);
    print(columns);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
