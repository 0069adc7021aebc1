// What a security review asked of sign-in, sessions, tokens and input:
// credentials that end when they should, throttles that nobody can turn
// against an account's owner, changes accepted only from this site's own
// pages, links that do not come from the request, and no NUL in any text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useServer, userClient, signIn, startServer, adminClient, isoDay as day, ADMIN_PASSWORD } from '../support/server.mjs';

const ctx = useServer();
const execFileAsync = promisify(execFile);

// A request sent from the loopback address `from` (127.0.0.2 and so on),
// with headers of our own choosing (Host included); resolves to
// { status, headers, body } with the body as a Buffer.
function raw(base, method, path, { from = '127.0.0.1', headers = {}, body } = {}) {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, localAddress: from, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function signInFrom(base, from, email, password) {
  const body = JSON.stringify({ email, password });
  return raw(base, 'POST', '/api/v1/session', { from, body, headers: { 'Content-Type': 'application/json' } });
}

// A session as a browser holds it: the cookie and the page's CSRF token.
async function session(email, password) {
  const { res, client } = await signIn(ctx.server.base, email, password);
  assert.equal(res.status, 201, res.text);
  return client;
}

// A url-encoded form posted to a page with the session's cookie.
function postForm(client, path, fields, headers = {}) {
  return raw(ctx.server.base, 'POST', path, {
    body: new URLSearchParams(fields).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: client.cookie, ...headers },
  });
}

test('a password reset and disabling an account revoke its API tokens as well as its sessions', async () => {
  const reset = await userClient(ctx.server, ctx.admin, 'reset.tokens@example.gov.uk', ['inspector']);
  const resetSession = await session('reset.tokens@example.gov.uk', reset.password);
  assert.equal((await reset.get('/api/v1/me')).status, 200);
  const users = (await ctx.admin.get('/api/v1/users?limit=200')).json.items;
  const resetId = users.find((u) => u.email === 'reset.tokens@example.gov.uk').id;
  const done = await ctx.admin.post(`/api/v1/users/${resetId}/password-reset`);
  assert.equal(done.status, 200, done.text);
  assert.equal((await reset.get('/api/v1/me')).status, 401, 'the token is revoked');
  assert.equal((await resetSession.get('/api/v1/me')).status, 401, 'the session ended');

  const leaver = await userClient(ctx.server, ctx.admin, 'leaver.tokens@example.gov.uk', ['inspector']);
  const me = (await leaver.get('/api/v1/me')).json;
  const disabled = await ctx.admin.patch(`/api/v1/users/${me.id}`, { version: me.version, active: false });
  assert.equal(disabled.status, 200, disabled.text);
  const again = await ctx.admin.patch(`/api/v1/users/${me.id}`, { version: disabled.json.version, active: true });
  assert.equal(again.status, 200, again.text);
  assert.equal((await leaver.get('/api/v1/me')).status, 401, 'enabling the account again does not bring its tokens back');
});

test('changing your own password ends your other sessions and keeps this one', async () => {
  const person = await userClient(ctx.server, ctx.admin, 'two.sessions@example.gov.uk', ['inspector']);
  const here = await session('two.sessions@example.gov.uk', person.password);
  const elsewhere = await session('two.sessions@example.gov.uk', person.password);
  const changed = await here.post('/api/v1/account/password', {
    current_password: person.password, new_password: 'a brand new passphrase for me',
  });
  assert.equal(changed.status, 204, changed.text);
  assert.equal((await here.get('/api/v1/me')).status, 200, 'the session that changed it goes on');
  assert.equal((await elsewhere.get('/api/v1/me')).status, 401, 'the other session ended');
  assert.equal((await person.get('/api/v1/me')).status, 200, 'API tokens the person made stay theirs');
});

test('Foundation_sign_in_throttled_after_repeated_failures, but never the owner from another address', async () => {
  const target = await userClient(ctx.server, ctx.admin, 'lockout@example.gov.uk', ['inspector']);
  for (let i = 0; i < 5; i++) {
    const res = await signInFrom(ctx.server.base, '127.0.0.2', 'lockout@example.gov.uk', 'wrong password ' + i);
    assert.equal(res.status, 401);
  }
  const attacker = await signInFrom(ctx.server.base, '127.0.0.2', 'lockout@example.gov.uk', target.password);
  assert.equal(attacker.status, 429, 'the guessing address is throttled');
  assert.equal(JSON.parse(attacker.body).rule, 'throttle');
  const owner = await signInFrom(ctx.server.base, '127.0.0.1', 'lockout@example.gov.uk', target.password);
  assert.equal(owner.status, 201, 'the owner signs in from their own address');
});

test('account_lock_an_administrator_sees_a_locked_account_and_unlocks_it', async () => {
  const target = await userClient(ctx.server, ctx.admin, 'locked.out@example.gov.uk', ['inspector']);
  const users = await ctx.admin.get('/api/v1/users?limit=200');
  const id = users.json.items.find((u) => u.email === 'locked.out@example.gov.uk').id;
  const notLocked = await ctx.admin.post(`/api/v1/users/${id}/unlock`);
  assert.equal(notLocked.status, 409, notLocked.text);
  assert.equal(notLocked.json.rule, 'account-lock');
  for (let i = 0; i < 5; i++) {
    await signInFrom(ctx.server.base, '127.0.0.3', 'locked.out@example.gov.uk', 'wrong password ' + i);
  }
  assert.equal((await signInFrom(ctx.server.base, '127.0.0.3', 'locked.out@example.gov.uk', target.password)).status, 429);
  // The users page says until when, in words.
  const { client: signedIn } = await signIn(ctx.server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  const pages = signedIn.undocumented('the users pages, not the API');
  const page = await pages.get('/users');
  const row = page.text.split('<tr').find((r) => r.includes('locked.out@example.gov.uk'));
  assert.match(row, /Locked until \d\d:\d\d UTC on \d{1,2} [A-Z][a-z]+ \d{4}</);
  assert.doesNotMatch(row, /\d{4}-\d\d-\d\dT/);
  const userPage = await pages.get(`/users/${id}/edit`);
  assert.match(userPage.text, /Locked until \d\d:\d\d UTC on \d{1,2} [A-Z][a-z]+ \d{4}, after too many wrong passwords/);
  assert.match(userPage.text, /action="\/users\/\d+\/unlock"/);
  const reader = await userClient(ctx.server, ctx.admin, 'not.an.admin@example.gov.uk', ['read_only']);
  assert.equal((await reader.post(`/api/v1/users/${id}/unlock`)).status, 403);
  const unlocked = await ctx.admin.post(`/api/v1/users/${id}/unlock`);
  assert.equal(unlocked.status, 204, unlocked.text);
  assert.equal((await signInFrom(ctx.server.base, '127.0.0.3', 'locked.out@example.gov.uk', target.password)).status, 201, 'signs in again at once');
  const after = (await pages.get('/users')).text.split('<tr').find((r) => r.includes('locked.out@example.gov.uk'));
  assert.doesNotMatch(after, /Locked until/);
  const audit = await ctx.admin.get(`/api/v1/audit/entries?entity_type=user&entity_id=${id}&limit=100`);
  assert.ok(audit.json.items.some((e) => e.action === 'unlock' && e.actor === 'admin@jointly.invalid'), audit.text);
});

test('the current-password check of a password change is throttled', async () => {
  const person = await userClient(ctx.server, ctx.admin, 'guessed@example.gov.uk', ['inspector']);
  const stolen = await session('guessed@example.gov.uk', person.password);
  for (let i = 0; i < 5; i++) {
    const wrong = await stolen.post('/api/v1/account/password', {
      current_password: 'a guess at it ' + i, new_password: 'the thief wants this one',
    });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.rule, 'current-password');
  }
  const throttled = await stolen.post('/api/v1/account/password', {
    current_password: person.password, new_password: 'the thief wants this one',
  });
  assert.equal(throttled.status, 429, throttled.text);
  assert.equal(throttled.json.rule, 'throttle');
});

test('next= after sign-in accepts only a path on this site', async () => {
  const person = await userClient(ctx.server, ctx.admin, 'next.path@example.gov.uk', ['inspector']);
  const page = await raw(ctx.server.base, 'GET', '/sign-in');
  const pre = page.headers['set-cookie'][0].split(';')[0];
  const token = pre.split('=')[1];
  const cases = [
    ['/%09/evil.example', '/'], ['/\t/evil.example', '/'], ['//evil.example', '/'], ['/\\evil.example', '/'],
    ['https://evil.example/', '/'], ['/\n/evil.example', '/'], ['javascript:alert(1)', '/'], ['/plans/1', '/plans/1'],
  ];
  for (const [next, expected] of cases) {
    const decoded = decodeURIComponent(next);
    const res = await raw(ctx.server.base, 'POST', '/sign-in', {
      body: new URLSearchParams({ email: 'next.path@example.gov.uk', password: person.password, next: decoded, csrf_token: token }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: pre },
    });
    assert.equal(res.status, 303, JSON.stringify(next));
    assert.equal(res.headers.location, expected, JSON.stringify(next));
  }
  const form = await raw(ctx.server.base, 'GET', '/sign-in?next=/%09/evil.example');
  assert.doesNotMatch(form.body.toString(), /evil\.example/);
});

test('same-origin: a change made with a session cookie must come from this site', async () => {
  const person = await userClient(ctx.server, ctx.admin, 'origin@example.gov.uk', ['inspector']);
  const browser = await session('origin@example.gov.uk', person.password);
  const foreign = await browser.post('/api/v1/tokens', { name: 'from elsewhere' }, { Origin: 'https://evil.example' });
  assert.equal(foreign.status, 403);
  assert.equal(foreign.json.rule, 'same-origin');
  const referred = await browser.post('/api/v1/tokens', { name: 'from elsewhere' }, { Referer: 'https://evil.example/page' });
  assert.equal(referred.status, 403);
  assert.equal(referred.json.rule, 'same-origin');
  const opaque = await browser.post('/api/v1/tokens', { name: 'from a sandbox' }, { Origin: 'null' });
  assert.equal(opaque.status, 403);
  const own = await browser.post('/api/v1/tokens', { name: 'from here' }, { Origin: ctx.server.base });
  assert.equal(own.status, 201, own.text);
  const ownPage = await browser.post('/api/v1/tokens', { name: 'from a page here' }, { Referer: ctx.server.base + '/account' });
  assert.equal(ownPage.status, 201, ownPage.text);
  // A page's form too.
  const signOut = await postForm(browser, '/sign-out', { csrf_token: browser.csrf }, { Origin: 'https://evil.example' });
  assert.equal(signOut.status, 403);
  assert.equal((await browser.get('/api/v1/me')).status, 200, 'still signed in');
});

test('the CSRF token is never taken from the query string', async () => {
  const person = await userClient(ctx.server, ctx.admin, 'query.csrf@example.gov.uk', ['inspector']);
  const browser = await session('query.csrf@example.gov.uk', person.password);
  const inQuery = await raw(ctx.server.base, 'POST', '/sign-out?csrf_token=' + encodeURIComponent(browser.csrf), {
    headers: { Cookie: browser.cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, body: '',
  });
  assert.equal(inQuery.status, 403);
  assert.match(inQuery.body.toString(), /did not come from this service/);
  assert.equal((await browser.get('/api/v1/me')).status, 200, 'still signed in');
  const inForm = await postForm(browser, '/sign-out', { csrf_token: browser.csrf });
  assert.equal(inForm.status, 303);
  assert.equal((await browser.get('/api/v1/me')).status, 401);
});

test('nul: text holding U+0000 is refused in JSON bodies and in forms', async () => {
  const body = await ctx.admin.post('/api/v1/bodies', { code: 'NUL-1', name: 'Nul\u0000Body', type: 'prison', nation: 'england' });
  assert.equal(body.status, 400);
  assert.deepEqual(body.json.errors.map((e) => [e.field, e.rule]), [['name', 'nul']]);
  const nested = await ctx.admin.post('/api/v1/proposals', {
    title: 'A title\u0000', participants: [{ inspectorate_id: 1, involvement: 'lead\u0000' }],
  });
  assert.equal(nested.status, 400);
  const nul = nested.json.errors.filter((e) => e.rule === 'nul').map((e) => e.field);
  assert.deepEqual(nul.sort(), ['participants[0].involvement', 'title']);
  const round = await ctx.admin.post('/api/v1/consultations', {
    title: 'Round\u0000', first_year: 2030, years: 2, opens_on: day(-1), deadline: day(20),
    sections: [{ title: 'S', questions: ['Q?'] }],
  });
  assert.equal(round.status, 400);
  assert.deepEqual(round.json.errors.filter((e) => e.rule === 'nul').map((e) => e.field), ['title']);

  const person = await userClient(ctx.server, ctx.admin, 'nul.form@example.gov.uk', ['administrator']);
  const browser = await session('nul.form@example.gov.uk', person.password);
  const form = await postForm(browser, '/bodies/new', {
    csrf_token: browser.csrf, code: 'NUL-2', name: 'Form\u0000Body', type: 'prison', nation: 'england',
  });
  assert.equal(form.status, 400);
  assert.match(form.body.toString(), /NUL/);
  const listed = await ctx.admin.get('/api/v1/bodies?search=NUL-');
  assert.equal(listed.status, 200, listed.text);
  assert.equal(listed.json.total, 0, 'nothing was stored');
});

test('links in documents come from --public-url, never from the Host header', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jointly-letter-'));
  const letterText = async (server, admin, headers = {}) => {
    const created = await admin.post('/api/v1/consultations', {
      title: 'Letter links', first_year: 2031, years: 2, opens_on: day(-1), deadline: day(20),
      sections: [{ title: 'S', questions: ['Q?'] }],
    });
    assert.equal(created.status, 201, created.text);
    const res = await raw(server.base, 'GET', `/api/v1/consultations/${created.json.id}/letter.docx`, {
      headers: { Authorization: `Bearer ${admin.token}`, ...headers },
    });
    assert.equal(res.status, 200);
    const file = join(dir, `letter-${created.json.id}.docx`);
    writeFileSync(file, res.body);
    return { id: created.json.id, xml: execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' }) };
  };
  const configured = await startServer({ extraArgs: ['--public-url', 'https://jointly.example.gov.uk/'] });
  try {
    const forged = await letterText(ctx.server, ctx.admin, { Host: 'evil.example' });
    assert.doesNotMatch(forged.xml, /evil\.example/);
    assert.match(forged.xml, new RegExp(`${ctx.server.base.replace(/\./g, '\\.')}/consultations/${forged.id}/respond`));

    const admin = await adminClient(configured);
    const letter = await letterText(configured, admin, { Host: 'evil.example' });
    assert.match(letter.xml, new RegExp(`https://jointly\\.example\\.gov\\.uk/consultations/${letter.id}/respond`));
    assert.doesNotMatch(letter.xml, /evil\.example|127\.0\.0\.1/);
    // With a public URL, a browser's change must come from it.
    const { client } = await signIn(configured.base, 'admin@jointly.invalid', 'an administrator passphrase');
    const here = await client.post('/api/v1/tokens', { name: 'proxied' }, { Origin: 'https://jointly.example.gov.uk' });
    assert.equal(here.status, 201, here.text);
    const direct = await client.post('/api/v1/tokens', { name: 'direct' }, { Origin: configured.base });
    assert.equal(direct.status, 403);
  } finally {
    await configured.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

// Run without blocking, so the clients' idle connections see the server
// close them rather than being reused after it has.
test('serve refuses a --public-url that is not an http(s) address', async () => {
  for (const bad of ['jointly.example.gov.uk', 'ftp://x.example', 'https://', 'https://a.example/?x=1']) {
    let failed;
    try {
      await execFileAsync(process.env.JOINTLY_BIN, ['--db', 'sqlite::memory:', 'serve', '--port', '0', '--public-url', bad], { timeout: 10000 });
    } catch (e) {
      failed = e;
    }
    assert.ok(failed, bad);
    assert.ok(Number.isInteger(failed.code) && failed.code !== 0, bad);
    assert.match(failed.stderr.toString(), /public-url/, bad);
  }
});

test('a consultation page changes only its own consultees: one of another round is not found', async () => {
  const make = (title) => ctx.admin.post('/api/v1/consultations', {
    title, first_year: 2034, years: 1, opens_on: day(-1), deadline: day(20),
    sections: [{ title: 'Core', questions: ['Right areas?'] }],
  });
  const mine = await make('This round');
  const other = await make('Another round');
  assert.equal(other.status, 201, other.text);
  const contact = await ctx.admin.post('/api/v1/contacts', {
    name: 'Office', organisation: 'Elsewhere', email: 'two.rounds@example.gov.uk', type: 'government',
  });
  assert.equal(contact.status, 201, contact.text);
  const staff = await userClient(ctx.server, ctx.admin, 'two.rounds.staff@example.gov.uk', ['secretariat']);
  const browser = await session('two.rounds.staff@example.gov.uk', staff.password);
  const theirs = other.json.consultees[0];
  const before = (await ctx.admin.get(`/api/v1/consultations/${other.json.id}`)).json.consultees;

  const attach = await postForm(browser, `/consultations/${mine.json.id}/contact`,
    { csrf_token: browser.csrf, attach_consultee_id: theirs.id, attach_contact_id: contact.json.id });
  assert.equal(attach.status, 404, attach.body.toString());
  const drop = await postForm(browser, `/consultations/${mine.json.id}/drop`,
    { csrf_token: browser.csrf, drop_consultee_id: theirs.id, reason: 'Not needed' });
  assert.equal(drop.status, 404, drop.body.toString());
  assert.deepEqual((await ctx.admin.get(`/api/v1/consultations/${other.json.id}`)).json.consultees, before,
    'the other round is unchanged');

  // Its own consultee, through its own page, is changed.
  const own = await postForm(browser, `/consultations/${mine.json.id}/contact`,
    { csrf_token: browser.csrf, attach_consultee_id: mine.json.consultees[0].id, attach_contact_id: contact.json.id });
  assert.equal(own.status, 303, own.body.toString());
  const after = (await ctx.admin.get(`/api/v1/consultations/${mine.json.id}`)).json.consultees;
  assert.equal(after.find((c) => c.id === mine.json.consultees[0].id).contact_id, contact.json.id);
});
