// Several servers on one database. SQLite is served by one server at a
// time: a second `serve` on the same file refuses to start, while other
// commands still work on it. On PostgreSQL, two servers work together:
// throttles are shared and survive a restart, and each queued optimiser
// run is carried out by exactly one of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { startServer, adminClient, signIn, Client } from '../support/server.mjs';

const backend = process.env.JOINTLY_TEST_BACKEND;

// Runs `jointly ARGS...` to its end (at most `ms`), with what it printed.
function run(args, ms = 20000) {
  return new Promise((resolve) => {
    const child = spawn(process.env.JOINTLY_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, out }); });
  });
}

test('single-instance: a second server on one SQLite file refuses to start; other commands still work',
  { skip: backend !== 'sqlite' && 'SQLite only' }, async () => {
    const first = await startServer();
    try {
      const second = await run(['--db', first.db, 'serve', '--port', '0']);
      assert.equal(second.code, 1, second.out);
      assert.match(second.out, /Another jointly server is already serving/);
      assert.match(second.out, /use PostgreSQL to run several servers/);
      const verify = await run(['--db', first.db, 'audit', 'verify']);
      assert.equal(verify.code, 0, verify.out);
      assert.equal((await fetch(first.base + '/healthz')).status, 200, 'the first server still serves');
    } finally {
      await first.stop();
    }
  });

const onPostgres = { skip: backend !== 'postgres' && 'PostgreSQL only' };

test('two servers on one PostgreSQL database share throttles, and a restart keeps them', onPostgres, async () => {
  const a = await startServer();
  let b = await startServer({ db: a.db });
  try {
    const admin = await adminClient(a);
    const created = await admin.post('/api/v1/users', { email: 'guessed@example.gov.uk', name: 'Guessed', roles: ['inspector'] });
    assert.equal(created.status, 201, created.text);
    const password = created.json.one_time_password;
    for (let i = 0; i < 5; ++i) {
      const { res } = await signIn(a.base, 'guessed@example.gov.uk', 'wrong guess ' + i);
      assert.equal(res.status, 401, res.text);
    }
    const onB = (await signIn(b.base, 'guessed@example.gov.uk', password)).res;
    assert.equal(onB.status, 429, 'the other server sees the failures');
    assert.equal(onB.json.rule, 'throttle');
    await b.stop();
    b = await startServer({ db: a.db });
    const restarted = (await signIn(b.base, 'guessed@example.gov.uk', password)).res;
    assert.equal(restarted.status, 429, 'a restarted server still sees them');
  } finally {
    await b.stop();
    await a.stop();
  }
});

test('two servers on one PostgreSQL database carry out each queued optimiser run once', onPostgres, async () => {
  const a = await startServer();
  const b = await startServer({ db: a.db });
  try {
    const admin = await adminClient(a);
    const onB = new Client(b.base, { token: admin.token });
    const inspectorates = (await admin.get('/api/v1/inspectorates')).json.items;
    const plan = await admin.post('/api/v1/plans', {
      first_year: 2031,
      introduction: 'Shared by two servers.',
      min_process_coverage: 0,
      capacity: inspectorates.slice(0, 2).map((i) => ({ inspectorate_id: i.id, days_per_quarter: 100 })),
    });
    assert.equal(plan.status, 201, plan.text);
    const ids = [];
    for (let i = 0; i < 6; ++i) {
      const client = i % 2 ? onB : admin;
      const started = await client.post(`/api/v1/plans/${plan.json.id}/optimiser-runs`, { time_limit_seconds: 1 });
      assert.equal(started.status, 202, started.text);
      ids.push(started.json.id);
    }
    for (const id of ids) {
      let run;
      for (let i = 0; i < 300 && run?.state !== 'finished' && run?.state !== 'failed'; ++i) {
        if (i > 0) await new Promise((r) => setTimeout(r, 100));
        run = (await admin.get(`/api/v1/optimiser-runs/${id}`)).json;
      }
      // Carried out: an empty plan cannot meet R5, so the run ends failed
      // with the optimiser's answer, which is all this test needs.
      assert.ok(run.state === 'finished' || run.state === 'failed', JSON.stringify(run));
      assert.ok(run.result.outcome || run.result.chosen, JSON.stringify(run));
    }
    // Each server says which runs it carried out: each run once, by one.
    const done = (server) => [...server.stderr().matchAll(/optimiser run (\d+) carried out/g)].map((m) => Number(m[1]));
    const all = [...done(a), ...done(b)].sort((x, y) => x - y);
    assert.deepEqual(all, [...ids].sort((x, y) => x - y));
  } finally {
    await b.stop();
    await a.stop();
  }
});
