// The HTTP transport as an attacker and an unusual client meet it: slow
// headers do not stop others being answered, bodies over the limit are
// refused while being read (chunked too) without the server's memory
// growing, large page forms are accepted, pipelined and keep-alive requests
// are answered in order, malformed requests get 400, a client may vanish
// mid-body, refusals under /api/v1 are problem+json, and static files are
// compressed once and cached; X-Real-IP is believed from a trusted proxy
// alone; short reads answered on the I/O threads and writes on the workers
// interleave, each read seeing the writes made before it. Loopback only;
// every wait is bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { get as httpGet } from 'node:http';
import { readFileSync } from 'node:fs';
import { useServer, startServer, signIn, adminClient, ADMIN_PASSWORD } from '../support/server.mjs';

const ctx = useServer();

function port() {
  return Number(new URL(ctx.server.base).port);
}

function rssMiB() {
  const status = readFileSync(`/proc/${ctx.server.pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+) kB/)[1]) / 1024;
}

function open() {
  return new Promise((resolve, reject) => {
    const socket = connect(port(), '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

// Sends `data` on a new connection and collects what comes back until
// `done(text)` says enough, the server closes, or `ms` pass.
async function exchange(data, { done = () => false, ms = 5000 } = {}) {
  const socket = await open();
  return new Promise((resolve) => {
    let text = '';
    const finish = () => { clearTimeout(timer); socket.destroy(); resolve(text); };
    const timer = setTimeout(finish, ms);
    socket.on('data', (d) => { text += d.toString('latin1'); if (done(text)) finish(); });
    socket.on('close', finish);
    socket.on('error', finish);
    socket.write(data);
  });
}

const count = (text, what) => text.split(what).length - 1;
const statusOf = (text) => Number(text.match(/^HTTP\/1\.1 (\d{3})/)?.[1]);
const bodyOf = (text) => text.slice(text.indexOf('\r\n\r\n') + 4);

test('200 connections sending their headers slowly do not stop others being answered', async () => {
  const slow = [];
  try {
    for (let i = 0; i < 200; i++) {
      const s = await open();
      s.on('error', () => {});
      s.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');  // and never the blank line
      slow.push(s);
    }
    // Every one accepted and waiting, and each keeps sending a little.
    await new Promise((r) => setTimeout(r, 300));
    const drip = setInterval(() => { for (const s of slow) s.write('X-Slow: 1\r\n'); }, 100);
    slow.drip = drip;
    let worst = 0;
    for (let i = 0; i < 20; i++) {
      // A new connection each time, as a new visitor has.
      const started = performance.now();
      const res = await exchange('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', { ms: 2000 });
      assert.equal(statusOf(res), 200);
      worst = Math.max(worst, performance.now() - started);
    }
    assert.ok(worst < 500, `slowest answer took ${worst.toFixed(0)} ms`);
    const api = await ctx.admin.get('/api/v1/bodies?limit=1');
    assert.equal(api.status, 200);
  } finally {
    clearInterval(slow.drip);
    for (const s of slow) s.destroy();
  }
});

test('a chunked body over the limit is refused with 413 while it is read, and memory stays flat', async () => {
  const before = rssMiB();
  const socket = await open();
  const answer = await new Promise((resolve) => {
    let text = '';
    let stop = false;
    const timer = setTimeout(() => { stop = true; socket.destroy(); resolve(text); }, 15000);
    socket.on('data', (d) => {
      text += d.toString('latin1');
      if (text.includes('\r\n\r\n') && !stop) { stop = true; clearTimeout(timer); socket.destroy(); resolve(text); }
    });
    socket.on('error', () => { stop = true; clearTimeout(timer); resolve(text); });
    socket.on('close', () => { stop = true; clearTimeout(timer); resolve(text); });
    socket.write('POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      'Transfer-Encoding: chunked\r\n\r\n');
    const chunk = `10000\r\n${'x'.repeat(0x10000)}\r\n`;
    let sent = 0;
    const pump = () => {
      // Up to 64 MiB: far over the 1 MiB limit.
      while (!stop && sent < 1024) {
        sent++;
        if (!socket.write(chunk)) { socket.once('drain', pump); return; }
      }
    };
    pump();
  });
  assert.equal(statusOf(answer), 413, answer.slice(0, 200));
  assert.match(answer, /application\/problem\+json/);
  const grew = rssMiB() - before;
  assert.ok(grew < 20, `the server grew by ${grew.toFixed(1)} MiB`);
  assert.equal((await fetch(ctx.server.base + '/healthz')).status, 200);
});

test('a page form of 20 KB is read whole, and one over the limit is refused with a page', async () => {
  const { client } = await signIn(ctx.server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  const page = client.undocumented('a page form, not the API');
  const long = 'x'.repeat(20000);
  const form = new URLSearchParams({ name: long, organisation: 'A Research Centre', email: 'not an address', type: 'academic' });
  const res = await page.post('/contacts', form.toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.notEqual(res.status, 413, 'a 20 KB form is not refused as too large');
  assert.match(res.text, /200 characters/, 'the form was read: the long name is refused by its rule');
  assert.ok(res.text.includes(long), 'what was typed is kept');

  const huge = new URLSearchParams({ name: 'x'.repeat(1100000) });
  const over = await page.post('/contacts', huge.toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(over.status, 413);
  assert.match(over.headers.get('content-type'), /text\/html/, 'people see a page, not JSON');
  assert.match(over.text, /over 1 MiB/);
});

test('pipelined requests are answered in order, and a kept-alive connection serves several', async () => {
  const two = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' +
    'GET /api/v1/no-such-thing HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' +
    'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n';
  const text = await exchange(two);
  const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
  assert.deepEqual(statuses, [200, 404, 200]);

  const socket = await open();
  try {
    let text2 = '';
    socket.on('data', (d) => { text2 += d.toString('latin1'); });
    for (let i = 1; i <= 3; i++) {
      socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      const deadline = Date.now() + 3000;
      while (count(text2, 'HTTP/1.1 200') < i && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      assert.equal(count(text2, 'HTTP/1.1 200'), i, `answer ${i} on the same connection`);
    }
    assert.match(text2, /\r\nDate: [A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT\r\n/);
  } finally {
    socket.destroy();
  }
});

test('malformed request lines and headers are answered 400, and the server carries on', async () => {
  const cases = [
    'GET\r\n\r\n',
    'GET /healthz HTTP/9\r\n\r\n',
    'G@T /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET /healthz HTTP/1.1\r\nHost x\r\n\r\n',
    'GET /healthz HTTP/1.1\r\nBad Name: y\r\n\r\n',
    'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 12x\r\n\r\n',
    'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    'GET healthz HTTP/1.1\r\nHost: x\r\n\r\n',
    '\x00\x01\x02\x03\r\n\r\n',
  ];
  for (const c of cases) {
    const text = await exchange(c, { done: (t) => t.includes('\r\n\r\n') });
    assert.equal(statusOf(text), 400, JSON.stringify(c) + ' -> ' + text.slice(0, 80));
  }
  const api = await exchange('POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab');
  assert.equal(statusOf(api), 400);
  assert.match(api, /application\/problem\+json/);
  assert.equal((await fetch(ctx.server.base + '/healthz')).status, 200);
});

test('a client that disconnects mid-body leaves the server answering', async () => {
  for (let i = 0; i < 20; i++) {
    const s = await open();
    s.on('error', () => {});
    s.write('POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"email":');
    await new Promise((r) => setTimeout(r, 5));
    s.destroy();
  }
  assert.equal((await fetch(ctx.server.base + '/healthz')).status, 200);
  assert.equal((await ctx.admin.get('/api/v1/bodies?limit=1')).status, 200);
});

test('an address or headers too long are refused with 414 and 431, as problem+json under /api/v1', async () => {
  const long = await exchange(`GET /api/v1/${'a'.repeat(20000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
  assert.equal(statusOf(long), 414);
  assert.match(long, /Content-Type: application\/problem\+json/);
  assert.equal(JSON.parse(bodyOf(long)).status, 414);
  const headers = await exchange(`GET /api/v1/bodies HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20000)}\r\n\r\n`);
  assert.equal(statusOf(headers), 431);
  assert.equal(JSON.parse(bodyOf(headers)).status, 431);
  const page = await exchange(`GET /${'a'.repeat(20000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
  assert.equal(statusOf(page), 414);
  assert.match(page, /Content-Type: text\/html/);
});

test('static files are compressed once and served with an ETag and long caching', async () => {
  const css = ctx.server.base + '/govuk/govuk-frontend.min.css';
  const gz = await fetch(css, { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(gz.status, 200);
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  assert.match(gz.headers.get('cache-control'), /public, max-age=\d{5,}/);
  const etag = gz.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]+-gz"$/);
  assert.match(await gz.text(), /govuk-/, 'fetch undoes the gzip');
  const again = await fetch(css, { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  const plain = await exchange('GET /govuk/govuk-frontend.min.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(statusOf(plain), 200);
  assert.doesNotMatch(plain, /Content-Encoding/);
  assert.doesNotMatch(plain, /no-store/);
  const outside = await exchange('GET /govuk/../../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(statusOf(outside), 404);
  const encoded = await exchange('GET /assets/%2e%2e/%2e%2e/package.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(statusOf(encoded), 404);
});

// Fails to sign in 21 times (20 is the limit for one address), each as
// another person, claiming to come from `realIps(i)`; returns the statuses.
async function failSignIns(base, realIps) {
  const statuses = [];
  for (let i = 0; i < 21; i++) {
    const res = await fetch(base + '/api/v1/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Real-IP': realIps(i) },
      body: JSON.stringify({ email: `nobody${i}@example.gov.uk`, password: 'wrong' }),
    });
    await res.text();
    statuses.push(res.status);
  }
  return statuses;
}

test('the client address comes from X-Real-IP only when the connection is from the trusted proxy', async () => {
  const proxied = await startServer({ extraArgs: ['--trusted-proxy', '127.0.0.1'] });
  try {
    const one = await failSignIns(proxied.base, () => '192.0.2.1');
    assert.equal(one.at(-1), 429, 'the address behind the proxy is throttled');
    const other = await failSignIns(proxied.base, () => '192.0.2.2');
    assert.equal(other[0], 401, 'another address behind the same proxy is not');
  } finally {
    await proxied.stop();
  }
  // Without --trusted-proxy the header is the client's word: ignored.
  const spoofed = await failSignIns(ctx.server.base, (i) => `198.51.100.${i}`);
  assert.equal(spoofed.at(-1), 429);
});

// GET `path` on a connection of its own: status, headers and body; the
// promise fails if no answer comes within `ms`.
function getAlone(base, path, ms = 20000, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = httpGet(base + path, { agent: false, timeout: ms, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer to ${path} within ${ms} ms`)));
    req.on('error', reject);
  });
}

test('a full worker queue is answered 503 with Retry-After: problem+json under /api/v1, a page elsewhere', async () => {
  // Two workers and one place in the queue: three slow requests fill them.
  const busy = await startServer({ threads: 2, extraArgs: ['--queue', '1', '--bench-endpoints'] });
  try {
    const bearer = { Authorization: `Bearer ${(await adminClient(busy)).token}` };
    // On a loaded machine the slow requests may reach the server after a
    // probe (an I/O thread still busy starting): a probe then takes a
    // place and waits, or is answered; the next probe is refused. If none
    // is, the whole attempt is made again, at most three times.
    let slow;
    let api;
    for (let attempt = 0; attempt < 3 && api?.status !== 503; ++attempt) {
      if (slow) await Promise.all(slow);
      slow = [0, 1, 2].map(() => getAlone(busy.base, '/bench/slow?ms=8000').then((r) => r.status));
      await new Promise((r) => setTimeout(r, 1500));
      for (let i = 0; i < 5 && api?.status !== 503; ++i) {
        api = await getAlone(busy.base, '/api/v1/openapi.json', 1000).catch(() => undefined);
      }
    }
    const started = Date.now();
    assert.equal(api?.status, 503);
    assert.equal(api.headers['retry-after'], '1');
    assert.match(api.headers['content-type'], /^application\/problem\+json/);
    assert.equal(JSON.parse(api.body).status, 503);
    const page = await getAlone(busy.base, '/sign-in', 1000);
    assert.equal(page.status, 503);
    assert.equal(page.headers['retry-after'], '1');
    assert.match(page.headers['content-type'], /^text\/html/);
    assert.match(page.body, /Sorry, the service is busy/);
    assert.match(page.body, /govuk-template/);
    assert.ok(Date.now() - started < 1000, 'refused at once, not after waiting for a worker');
    // On SQLite a short read is answered on the I/O thread, busy workers or
    // not; on PostgreSQL it waits for a worker like everything else.
    const read = await getAlone(busy.base, '/api/v1/bodies?limit=1', 1000, bearer);
    if (process.env.JOINTLY_TEST_BACKEND === 'postgres') {
      assert.equal(read.status, 503);
    } else {
      assert.equal(read.status, 200, read.body);
      assert.equal(JSON.parse(read.body).items.length, 1);
      // A search by words ranks every match: not short, so it waits for a
      // worker, and there is no room.
      const search = await getAlone(busy.base, '/api/v1/bodies?limit=1&search=police', 1000, bearer);
      assert.equal(search.status, 503);
    }
    // What was taken is answered (the third slow request may have come
    // after a probe took the queue's place: then it was refused), and then
    // the server takes work again.
    const answered = await Promise.all(slow);
    assert.ok(answered.every((status) => status === 200 || status === 503), String(answered));
    assert.ok(answered.filter((status) => status === 200).length >= 2, String(answered));
    assert.equal((await getAlone(busy.base, '/api/v1/openapi.json')).status, 200);
  } finally {
    await busy.stop();
  }
});

test('short reads on the I/O threads and writes on the workers interleave: all answered, each read seeing the writes before it', async () => {
  const { admin } = ctx;
  const bodies = [];
  for (let i = 0; i < 4; i++) {
    const created = await admin.post('/api/v1/bodies', {
      code: `INTERLEAVE-${i}`, name: `Interleaved body ${i}`, type: 'prison', nation: 'england',
    });
    assert.equal(created.status, 201, created.text);
    bodies.push(created.json);
  }
  const before = (await admin.get('/api/v1/bodies?limit=1')).json.total;
  const statuses = new Map();
  const answered = (status) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  let writing = true;
  // Each writer changes its own body and adds one, and after each change
  // reads it back on whichever connection is free: the read, served
  // inline on another thread's own connection, must see the change.
  const writers = bodies.map(async (body, w) => {
    let { version } = body;
    for (let n = 0; n < 12; n++) {
      const changed = await admin.patch(`/api/v1/bodies/${body.id}`, { version, name: `Interleaved body ${w} change ${n}` });
      answered(changed.status);
      assert.equal(changed.status, 200, changed.text);
      version = changed.json.version;
      const read = await admin.get(`/api/v1/bodies/${body.id}`);
      answered(read.status);
      assert.equal(read.json.version, version, 'a read after a change sees it');
      assert.equal(read.json.name, `Interleaved body ${w} change ${n}`);
    }
    const added = await admin.post('/api/v1/bodies', {
      code: `INTERLEAVE-ADDED-${w}`, name: `Interleaved addition ${w}`, type: 'prison', nation: 'england',
    });
    answered(added.status);
  });
  // Meanwhile readers ask for pages and records as fast as they are answered.
  const readers = Array.from({ length: 24 }, async (_, r) => {
    for (let n = 0; writing || n < 3; n++) {
      const path = r % 2 ? `/api/v1/bodies?limit=20&offset=${r}` : `/api/v1/bodies/${bodies[r % 4].id}`;
      const read = await admin.get(path);
      answered(read.status);
      if (read.status === 200 && r % 2) assert.ok(read.json.total >= before, 'no page misses a body');
    }
  });
  try {
    await Promise.all(writers);
  } finally {
    writing = false;
    await Promise.all(readers);
  }
  const seen = Object.fromEntries(statuses);
  assert.deepEqual(Object.keys(seen).sort(), ['200', '201'], JSON.stringify(seen));
  assert.ok(seen[200] > 4 * 24, JSON.stringify(seen));
  assert.equal((await admin.get('/api/v1/bodies?limit=1')).json.total, before + 4, 'every addition is seen');
});
