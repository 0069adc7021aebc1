// What the benchmarks share: a server on a database, and a database filled
// with `jointly demo` for a first administrator with a known password.
import { execFileSync, spawn } from 'node:child_process';
import { signIn, ADMIN_PASSWORD } from '../tests/support/server.mjs';

// `binary` serving `db` on a free port with 16 workers.
export function serve(binary, db) {
  const child = spawn(binary, ['--db', db, 'serve', '--port', '0', '--threads', '16'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  // Read, or a server writing much to it would wait on a full pipe; the
  // last of it says why one stopped.
  let err = '';
  child.stderr.on('data', (d) => { err = (err + d).slice(-4000); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 120000);
    child.stdout.on('data', (d) => {
      out += d;
      const port = out.match(/serving on http:\/\/127\.0\.0\.1:(\d+)/);
      if (port) {
        clearTimeout(timer);
        resolve({ base: `http://127.0.0.1:${port[1]}`, pid: child.pid, out: () => out, err: () => err,
          stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}${err}`)));
  });
}

// A first administrator (admin@jointly.invalid, ADMIN_PASSWORD) with an API
// token, then the data; the token and how long the data took, in seconds.
export async function prepare(binary, db, bodies, proposals, audit) {
  const first = await serve(binary, db);
  const password = first.out().match(/^  password: (\S+)/m)[1];
  const { client } = await signIn(first.base, 'admin@jointly.invalid', password);
  await client.post('/api/v1/account/password', { current_password: password, new_password: ADMIN_PASSWORD });
  const token = (await client.post('/api/v1/tokens', { name: 'bench' })).json.secret;
  await first.stop();
  const t0 = Date.now();
  execFileSync(binary, ['--db', db, 'demo', '--bodies', String(bodies), '--proposals', String(proposals),
    '--audit-entries', String(audit)], { stdio: ['ignore', 'ignore', 'ignore'] });
  return { token, seconds: (Date.now() - t0) / 1000 };
}
