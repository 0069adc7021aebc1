// The HTTP benchmark: starts jointly on SQLite, imports 10,000 bodies and
// the demo programme, makes an API token, then runs wrk at 1, 16 and 64
// connections against GET /api/v1/bodies?limit=20, against /bench/fixed (a
// fixed 2 KB JSON body from the same server) and against the long-list
// page GET /programme signed in, and prints requests/s, p50, p99 and the
// server's peak RSS; then holds 1,000 idle keep-alive connections and
// prints the server's RSS while a normal client is answered. Loopback only;
// every run is bounded in time.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { startServer, adminClient, signIn, ADMIN_PASSWORD } from '../tests/support/server.mjs';

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
  // A year's programme for the long-list page (the server reads it from the
  // same file; nothing else writes meanwhile). Not synchronously: node must
  // see the server close its idle keep-alive connections meanwhile.
  await promisify(execFile)(process.env.JOINTLY_BIN, ['--db', server.db, 'demo']);
  const { client: pages } = await signIn(server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);

  const parse = (out) => {
    const unit = (v, u) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 }[u] ?? 1);
    const p = (q) => { const m = out.match(new RegExp(`\\s${q}%\\s+([\\d.]+)(us|ms|s)`)); return m ? unit(m[1], m[2]) : NaN; };
    const rps = Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]);
    const errors = out.match(/Non-2xx or 3xx responses: (\d+)/);
    return { rps, p50: p(50), p99: p(99), errors: errors ? Number(errors[1]) : 0 };
  };
  const run = (path, connections) => {
    const who = path.startsWith('/api/') || path.startsWith('/bench/')
      ? `Authorization: Bearer ${admin.token}` : `Cookie: ${pages.cookie}`;
    const out = execFileSync('wrk', ['-t', String(Math.min(2, connections)), '-c', String(connections),
      '-d', `${seconds}s`, '--latency', '-H', who, server.base + path],
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
  const memory = (field) =>
    Number(readFileSync(`/proc/${server.pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+) kB`))[1]) / 1024;
  const hwm = memory('VmHWM');
  // Pages render far more than an API answer; their memory is told apart.
  for (const c of [1, 16, 64]) {
    const r = run('/programme', c);
    console.log(`${String(c).padStart(11)}  ${'/programme page'.padEnd(22)} ${r.rps.toFixed(0).padStart(9)} ${r.p50.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)} ${String(r.errors).padStart(8)}`);
  }
  for (const c of [1, 16, 64]) {
    const ratio = results[`bodies?limit=20@${c}`].rps / results[`fixed 2 KB@${c}`].rps;
    console.log(`ratio bodies/fixed at ${c} connections: ${ratio.toFixed(2)}`);
  }
  console.log(`server peak RSS over the API runs: ${hwm.toFixed(1)} MB; after the pages: ${memory('VmHWM').toFixed(1)} MB`);
  const before = memory('VmRSS');
  const idle = await holdIdle(server, 1000);
  console.log(`1,000 idle keep-alive connections: ${idle.held} held, server RSS ${before.toFixed(1)} MB before, ` +
    `${idle.rss.toFixed(1)} MB while held; ` +
    `a normal request meanwhile answered ${idle.status} in ${idle.ms.toFixed(1)} ms`);
  console.log('targets: p99 < 10 ms at 64 connections; ratio >= 0.5; peak RSS < 60 MB; ' +
    '1,000 idle connections under 80 MB');
} finally {
  await server.stop();
}

// Opens `count` connections (from 127.0.0.2, so the per-address limit of
// the benchmark's own client is not theirs), makes one keep-alive request
// on each, and measures the server while they all sit idle, well within
// its keep-alive time.
async function holdIdle(server, count) {
  const { port } = new URL(server.base);
  const sockets = [];
  const answered = (socket) => new Promise((resolve, reject) => {
    let got = '';
    socket.setEncoding('latin1');
    const onData = (d) => {
      got += d;
      if (got.includes('\r\n\r\n')) { socket.off('data', onData); resolve(got.slice(9, 12)); }
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
  try {
    let held = 0;
    for (let i = 0; i < count; i += 100) {
      const batch = [];
      for (let j = i; j < Math.min(count, i + 100); j++) {
        const socket = net.connect({ host: '127.0.0.1', port: Number(port), localAddress: '127.0.0.2' });
        sockets.push(socket);
        socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
        batch.push(answered(socket));
      }
      for (const status of await Promise.all(batch)) if (status === '200') held++;
    }
    const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
    const rss = Number(status.match(/VmRSS:\s+(\d+) kB/)[1]) / 1024;
    const t0 = performance.now();
    const res = await fetch(server.base + '/healthz');
    await res.text();
    return { held, rss, status: res.status, ms: performance.now() - t0 };
  } finally {
    for (const socket of sockets) socket.destroy();
  }
}
