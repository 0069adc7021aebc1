// The API as a script would use it, against the real server, on SQLite or
// PostgreSQL (JOINTLY_TEST_BACKEND). Each rule the foundation enforces has
// a test named after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useServer, userClient, signIn, Client, ADMIN_PASSWORD } from '../support/server.mjs';

const ctx = useServer();

function fieldsOf(res) {
  return (res.json?.errors ?? []).map((e) => e.field);
}

test('the OpenAPI document is served, passes Redocly lint, and every documented operation is routed', async () => {
  const served = await new Client(ctx.server.base).get('/api/v1/openapi.json');
  assert.equal(served.status, 200);
  const source = served.json;
  const anonymous = new Client(ctx.server.base);
  for (const [path, item] of Object.entries(source.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      if (!item[method]) continue;
      const concrete = '/api/v1' + path.replace(/\{[a-z_]+\}/g, '1');
      const res = await anonymous.request(method.toUpperCase(), concrete);
      // Anything but "no such route": 200, 400 (no body), 401 (signed out).
      assert.notEqual(res.json?.detail, 'There is no page at this address', `${method} ${path} is not routed`);
    }
  }
  // Asynchronously, so the client's idle connections are closed as they
  // expire while the lint runs.
  const dir = mkdtempSync(join(tmpdir(), 'jointly-openapi-'));
  const file = join(dir, 'openapi.json');
  writeFileSync(file, served.text);
  try {
    await promisify(execFile)('npx', ['--no-install', 'redocly', 'lint', '--format=stylish', file], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    });
  } catch (e) {
    assert.fail(`Redocly lint of the served document failed:\n${e.stdout}\n${e.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Foundation_access_denied_by_default', async () => {
  const anonymous = new Client(ctx.server.base);
  for (const path of ['/api/v1/bodies', '/api/v1/inspectorates', '/api/v1/users', '/api/v1/me', '/api/v1/audit/verify', '/api/v1/audit/entries']) {
    const res = await anonymous.get(path);
    assert.equal(res.status, 401, path);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
  }
  const reader = await userClient(ctx.server, ctx.admin, 'reader@example.gov.uk', ['read_only']);
  assert.equal((await reader.get('/api/v1/bodies')).status, 200);
  assert.equal((await reader.post('/api/v1/bodies', { code: 'X-1', name: 'X', type: 'prison', nation: 'england' })).status, 403);
  assert.equal((await reader.get('/api/v1/users')).status, 403);
  assert.equal((await reader.get('/api/v1/audit/verify')).status, 403);
  const garbage = new Client(ctx.server.base, { token: 'jly_not-a-real-token' });
  assert.equal((await garbage.get('/api/v1/bodies')).status, 401);
});

test('directory reference data is shipped', async () => {
  const forces = await ctx.admin.get('/api/v1/bodies?type=police_force&limit=100');
  assert.equal(forces.json.total, 44);
  const cps = await ctx.admin.get('/api/v1/bodies?type=cps_area');
  assert.equal(cps.json.total, 14);
  const regions = await ctx.admin.get('/api/v1/bodies?type=probation_region&nation=wales');
  assert.equal(regions.json.total, 1);
  const inspectorates = await ctx.admin.get('/api/v1/inspectorates?limit=100');
  const prisons = inspectorates.json.items.find((i) => i.code === 'HMIPRISONS');
  assert.equal(prisons.findings, 'concerns');
  const hmica = inspectorates.json.items.find((i) => i.code === 'HMICA');
  assert.equal(hmica.closed_year, 2010);
});

test('lists are paged and filters are checked', async () => {
  const page = await ctx.admin.get('/api/v1/bodies?limit=5&offset=5');
  assert.equal(page.status, 200);
  assert.equal(page.json.items.length, 5);
  assert.equal(page.json.limit, 5);
  assert.equal(page.json.offset, 5);
  const bad = await ctx.admin.get('/api/v1/bodies?limit=101&type=spaceship&in_london=maybe');
  assert.equal(bad.status, 400);
  assert.deepEqual(fieldsOf(bad).sort(), ['in_london', 'limit', 'type']);
  // Yes or no, as documented: not the CSV file's other words.
  for (const word of ['true', '1', 'Y']) {
    const lenient = await ctx.admin.get(`/api/v1/bodies?in_london=${word}`);
    assert.equal(lenient.status, 400, word);
    assert.deepEqual(fieldsOf(lenient), ['in_london']);
  }
  assert.equal((await ctx.admin.get('/api/v1/bodies?in_london=yes&active=no')).status, 200);
});

test('keyset-paging: bodies are paged by offset and by keyset alike, in a stable order with no duplicates or gaps', async () => {
  const all = await ctx.admin.get('/api/v1/bodies?limit=100&type=police_force');
  assert.ok(all.json.total > 20 && all.json.total <= 100, `${all.json.total} forces`);
  const expected = all.json.items.map((b) => b.id);
  const byOffset = [];
  const byKeyset = [];
  let after = 0;
  for (let offset = 0; offset < all.json.total + 7; offset += 7) {
    const page = await ctx.admin.get(`/api/v1/bodies?type=police_force&limit=7&offset=${offset}`);
    assert.ok(page.json.items.length <= 7);
    byOffset.push(...page.json.items.map((b) => b.id));
    const next = await ctx.admin.get(`/api/v1/bodies?type=police_force&limit=7${after ? `&after=${after}` : ''}`);
    assert.equal(next.status, 200, next.text);
    assert.equal(next.json.total, all.json.total);
    byKeyset.push(...next.json.items.map((b) => b.id));
    if (next.json.items.length) after = next.json.items.at(-1).id;
  }
  assert.deepEqual(byOffset, expected);
  assert.deepEqual(byKeyset, expected);
  // A search is ranked, so it pages by offset only; an unknown id is refused.
  const search = await ctx.admin.get(`/api/v1/bodies?search=police&after=${expected[0]}`);
  assert.equal(search.status, 400);
  assert.deepEqual(fieldsOf(search), ['after']);
  assert.deepEqual(fieldsOf(await ctx.admin.get('/api/v1/bodies?after=nine')), ['after']);
  assert.deepEqual(fieldsOf(await ctx.admin.get('/api/v1/bodies?after=99999999')), ['after']);
  // The page's next link starts after the page's last body, at its place.
  const { client: staff } = await signIn(ctx.server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  const first = await staff.get('/bodies?type=police_force');
  assert.equal(first.status, 200);
  const href = (page) => page.text.match(/href="([^"]+)" rel="next"/)?.[1]?.replaceAll('&amp;', '&').replaceAll('&#x2F;', '/');
  const nextHref = href(first);
  // It names where the page ended, so that a rename meanwhile does not move the next page.
  const start = (i) => `after=${expected[i]}&after_name=${encodeURIComponent(all.json.items[i].name)}`;
  assert.equal(nextHref, `/bodies?offset=20&${start(19)}&type=police_force`);
  const twentieth = all.json.items[19];
  const renamed = await ctx.admin.patch(`/api/v1/bodies/${twentieth.id}`, { version: twentieth.version, name: 'Zzz renamed force' });
  assert.equal(renamed.status, 200, renamed.text);
  try {
    const second = await staff.get(nextHref);
    assert.equal(second.status, 200);
    assert.ok(second.text.includes(`/bodies/${expected[20]}"`), 'the 21st force leads the second page');
    assert.ok(!second.text.includes(`/bodies/${expected[19]}"`), 'the 20th is not on the second page');
    assert.equal(href(second),
      all.json.total > 40 ? `/bodies?offset=40&${start(39)}&type=police_force` : undefined);
  } finally {
    const back = await ctx.admin.patch(`/api/v1/bodies/${twentieth.id}`, { version: renamed.json.version, name: twentieth.name });
    assert.equal(back.status, 200, back.text);
  }
  // A page size chosen in the address is kept on the next page.
  const sized = await staff.get('/bodies?type=police_force&limit=10');
  assert.equal(href(sized), `/bodies?offset=10&${start(9)}&limit=10&type=police_force`);
  // An address past the end leads to the last page, keeping the filters.
  const beyond = await staff.get('/bodies?type=police_force&offset=5000');
  assert.equal(beyond.status, 303);
  assert.equal(beyond.headers.get('location'), `/bodies?offset=${Math.floor((all.json.total - 1) / 20) * 20}&type=police_force`);
});

test('every operation refuses query parameters it does not document', async () => {
  for (const path of ['/api/v1/bodies?colour=red', '/api/v1/inspectorates?colour=red', '/api/v1/users?colour=red',
    '/api/v1/tokens?colour=red', '/api/v1/audit/verify?colour=red', '/api/v1/me?colour=red',
    '/api/v1/decisions?colour=red', '/api/v1/plans?colour=red', '/api/v1/consultations?colour=red',
    '/api/v1/inspectorates/1/history?colour=red&limit=5', '/api/v1/contacts?colour=red']) {
    const res = await ctx.admin.get(path);
    assert.equal(res.status, 400, path);
    assert.equal(res.json.errors.find((e) => e.field === 'colour')?.rule, 'unknown-parameter', path);
  }
  const body = await ctx.admin.post('/api/v1/tokens?colour=red', { name: 'never made' });
  assert.equal(body.status, 400);
  assert.ok(!(await ctx.admin.get('/api/v1/tokens')).json.items.some((t) => t.name === 'never made'));
  const documented = await ctx.admin.get('/api/v1/inspectorates?limit=3&offset=1');
  assert.equal(documented.status, 200);
  assert.equal(documented.json.items.length, 3);
});

test('a body can be added, read, changed and its history seen', async () => {
  const created = await ctx.admin.post('/api/v1/bodies', {
    code: 'HMP-BERWYN', name: 'HMP Berwyn', type: 'prison', region: 'Wales', nation: 'wales',
  });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.version, 1);
  const id = created.json.id;
  const changed = await ctx.admin.patch(`/api/v1/bodies/${id}`, { version: 1, name: 'HMP & YOI Berwyn' });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.json.version, 2);
  const history = await ctx.admin.get(`/api/v1/bodies/${id}/history`);
  assert.equal(history.json.items.length, 2);
  assert.equal(history.json.items[1].before.name, 'HMP Berwyn');
  assert.equal(history.json.items[1].after.name, 'HMP & YOI Berwyn');
  const duplicate = await ctx.admin.post('/api/v1/bodies', { code: 'HMP-BERWYN', name: 'Again', type: 'prison', nation: 'wales' });
  assert.equal(duplicate.status, 400);
  assert.deepEqual(fieldsOf(duplicate), ['code']);
});

test('Foundation_stale_version_refused', async () => {
  const created = await ctx.admin.post('/api/v1/bodies', { code: 'YOS-CARDIFF', name: 'Cardiff YOS', type: 'youth_offending_service', nation: 'wales' });
  const id = created.json.id;
  const secretariat = await userClient(ctx.server, ctx.admin, 'sec@example.gov.uk', ['secretariat']);
  assert.equal((await secretariat.patch(`/api/v1/bodies/${id}`, { version: 1, region: 'Wales' })).status, 200);
  const stale = await ctx.admin.patch(`/api/v1/bodies/${id}`, { version: 1, name: 'Cardiff Youth Justice Service' });
  assert.equal(stale.status, 409);
  assert.equal(stale.json.current.region, 'Wales');
  assert.equal(stale.json.changes_since_your_version[0].by, 'sec@example.gov.uk');
  assert.deepEqual(stale.json.changes_since_your_version[0].fields, ['region']);
  const now = await ctx.admin.get(`/api/v1/bodies/${id}`);
  assert.equal(now.json.name, 'Cardiff YOS');
});

test('bad input is refused with every field named and nothing changed', async () => {
  const before = (await ctx.admin.get('/api/v1/bodies?limit=1')).json.total;
  const missing = await ctx.admin.post('/api/v1/bodies', {});
  assert.equal(missing.status, 400);
  assert.deepEqual(fieldsOf(missing).sort(), ['code', 'name', 'nation', 'type']);
  const types = await ctx.admin.post('/api/v1/bodies', { code: 7, name: ['x'], type: 'prison', nation: 'england', in_london: 'yes' });
  assert.deepEqual(fieldsOf(types).sort(), ['code', 'in_london', 'name']);
  const long = await ctx.admin.post('/api/v1/bodies', { code: 'LONG', name: 'x'.repeat(201), type: 'prison', nation: 'england' });
  assert.equal(long.json.errors[0].rule, 'max-length');
  const malformed = await ctx.admin.post('/api/v1/bodies', '{"code": "A",', { 'Content-Type': 'application/json' });
  assert.equal(malformed.status, 400);
  assert.equal(malformed.json.errors[0].rule, 'json');
  const badUtf8 = await ctx.admin.post('/api/v1/bodies', new Uint8Array([0x7b, 0x22, 0x63, 0xff, 0x22, 0x3a, 0x31, 0x7d]), { 'Content-Type': 'application/json' });
  assert.equal(badUtf8.status, 400);
  assert.equal(badUtf8.json.errors[0].rule, 'utf8');
  const notJson = await ctx.admin.post('/api/v1/bodies', 'code=A', { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(notJson.status, 415);
  assert.equal(notJson.json.status, 415, 'the problem body agrees with the response');
  const huge = await ctx.admin.post('/api/v1/bodies', JSON.stringify({ name: 'x'.repeat(1100000) }), { 'Content-Type': 'application/json' });
  assert.equal(huge.status, 413);
  assert.equal(huge.json.status, 413, 'the problem body agrees with the response');
  assert.equal((await ctx.admin.get('/api/v1/bodies/999999')).status, 404);
  assert.equal((await ctx.admin.patch('/api/v1/bodies/999999', { version: 1 })).status, 404);
  assert.equal((await ctx.admin.get('/api/v1/bodies/99999999999999999999999')).status, 404);
  assert.equal((await ctx.admin.get('/api/v1/bodies?search=%FF')).status, 400);
  assert.equal((await ctx.admin.get('/api/v1/bodies?limit=1')).json.total, before);
  assert.equal((await new Client(ctx.server.base).get('/healthz')).status, 200);
});

test('Foundation_csv_import_all_or_nothing', async () => {
  const before = (await ctx.admin.get('/api/v1/bodies?limit=1')).json.total;
  const bad = await ctx.admin.post('/api/v1/bodies/import',
    'code,name,type,region,nation\nPDU-ONE,PDU One,probation_delivery_unit,Wales,wales\nPDU-TWO,PDU Two,spaceship,Wales,wales\nbad code,PDU Three,probation_delivery_unit,Wales,wales\n',
    { 'Content-Type': 'text/csv' });
  assert.equal(bad.status, 400);
  assert.deepEqual(fieldsOf(bad), ['line 3: type', 'line 4: code']);
  assert.equal((await ctx.admin.get('/api/v1/bodies?limit=1')).json.total, before);
  const good = await ctx.admin.post('/api/v1/bodies/import',
    'code,name,type,region,nation\nPDU-ONE,PDU One,probation_delivery_unit,Wales,wales\nPDU-TWO,PDU Two,probation_delivery_unit,Wales,wales\n',
    { 'Content-Type': 'text/csv' });
  assert.equal(good.status, 200, good.text);
  assert.deepEqual(good.json, { created: 2, updated: 0, unchanged: 0 });
  const csv = await ctx.admin.get('/api/v1/bodies/export.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.ok(csv.text.startsWith('\uFEFFcode,name,type,region,nation,in_london,active\r\n'));
  assert.ok(csv.text.includes('PDU-TWO,PDU Two,probation_delivery_unit,Wales,wales,no,yes'));
});

test('Foundation_sign_in_throttled_after_repeated_failures', async () => {
  const target = await userClient(ctx.server, ctx.admin, 'throttle@example.gov.uk', ['inspector']);
  for (let i = 0; i < 5; i++) {
    const { res } = await signIn(ctx.server.base, 'throttle@example.gov.uk', 'wrong password ' + i);
    assert.equal(res.status, 401);
  }
  const { res } = await signIn(ctx.server.base, 'throttle@example.gov.uk', target.password);
  assert.equal(res.status, 429);
  assert.equal(res.json.rule, 'throttle');
});

test('sessions need the CSRF token for changes; tokens can be revoked', async () => {
  const { client } = await signIn(ctx.server.base, 'admin@jointly.invalid', 'an administrator passphrase');
  const noCsrf = new Client(ctx.server.base, { cookie: client.cookie });
  const refused = await noCsrf.post('/api/v1/tokens', { name: 'sneaky' });
  assert.equal(refused.status, 403);
  assert.equal(refused.json.rule, 'csrf');
  const token = await client.post('/api/v1/tokens', { name: 'short-lived' });
  assert.equal(token.status, 201);
  const bearer = new Client(ctx.server.base, { token: token.json.secret });
  assert.equal((await bearer.get('/api/v1/me')).status, 200);
  assert.equal((await client.delete(`/api/v1/tokens/${token.json.token.id}`)).status, 204);
  assert.equal((await bearer.get('/api/v1/me')).status, 401);
  assert.equal((await client.delete('/api/v1/session')).status, 204);
  assert.equal((await client.get('/api/v1/me')).status, 401);
});

test('users: added with a one-time password, roles changed, disabled', async () => {
  const created = await ctx.admin.post('/api/v1/users', { email: 'New.Person@Example.gov.uk', name: 'New Person', roles: ['inspector', 'lead_inspector'] });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.user.email, 'new.person@example.gov.uk');
  assert.equal(created.json.user.must_change_password, true);
  const again = await ctx.admin.post('/api/v1/users', { email: 'new.person@example.gov.uk', name: 'Again', roles: ['inspector'] });
  assert.deepEqual(fieldsOf(again), ['email']);
  const badRole = await ctx.admin.post('/api/v1/users', { email: 'x@example.gov.uk', name: 'X', roles: ['emperor'] });
  assert.equal(badRole.status, 400);
  const id = created.json.user.id;
  const { client } = await signIn(ctx.server.base, 'new.person@example.gov.uk', created.json.one_time_password);
  assert.equal((await client.get('/api/v1/bodies')).status, 409, 'must change the one-time password first');
  assert.equal((await client.post('/api/v1/tokens', { name: 'first' })).status, 409);
  assert.equal((await client.get('/api/v1/openapi.json')).status, 200, 'public operations need no password change');
  const disabled = await ctx.admin.patch(`/api/v1/users/${id}`, { version: 1, active: false });
  assert.equal(disabled.status, 200, disabled.text);
  assert.equal((await client.get('/api/v1/me')).status, 401);
});

test('representative_inspectorate_a_development_group_representative_speaks_for_an_inspectorate', async () => {
  const none = await ctx.admin.post('/api/v1/users', { email: 'rep.none@example.gov.uk', name: 'Rep for none', roles: ['dg_representative'] });
  assert.equal(none.status, 400, none.text);
  assert.deepEqual(none.json.errors.map((e) => [e.field, e.rule]), [['inspectorate_id', 'representative-inspectorate']]);
  assert.equal((await ctx.admin.get('/api/v1/users?limit=200')).json.items.some((u) => u.email === 'rep.none@example.gov.uk'), false);
  // Every error at once: a taken e-mail address, no name and an unknown
  // inspectorate together.
  const all = await ctx.admin.post('/api/v1/users', { email: 'admin@jointly.invalid', name: ' ', roles: ['dg_representative'], inspectorate_id: 999999 });
  assert.equal(all.status, 400, all.text);
  assert.deepEqual(all.json.errors.map((e) => [e.field, e.rule]).sort(), [['email', 'unique-email'], ['inspectorate_id', 'unknown-inspectorate'], ['name', 'required']]);
});

test('a large bodies import is saved a batch at a time: writes sent meanwhile are answered before it ends', async () => {
  const lines = ['code,name,type,region,nation'];
  for (let i = 0; i < 10000; ++i) lines.push(`BULK-${i},Bulk body ${i},prison,North West,england`);
  const csv = lines.join('\n') + '\n';
  const before = (await ctx.admin.get('/api/v1/bodies?limit=1')).json.total;
  let done = 0;
  const started = Date.now();
  const importing = ctx.admin.post('/api/v1/bodies/import', csv, { 'Content-Type': 'text/csv' })
    .then((res) => { done = Date.now(); return res; });
  // Writes one after another while the import runs; those answered before
  // it ends were not held up for its whole length.
  const answered = [];
  let written = 0;
  for (let n = 0; !done && n < 2000; ++n, ++written) {
    const w = await ctx.admin.post('/api/v1/bodies', { code: `DURING-${n}`, name: `Written during the import ${n}`, type: 'prison', nation: 'england' });
    assert.equal(w.status, 201, w.text);
    if (!done) answered.push(Date.now() - started);
  }
  const res = await importing;
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json, { created: 10000, updated: 0, unchanged: 0 });
  assert.ok(answered.length >= 2, `${answered.length} writes answered during an import of ${done - started} ms`);
  const total = (await ctx.admin.get('/api/v1/bodies?limit=1')).json.total;
  assert.equal(total, before + 10000 + written);
  const found = await ctx.admin.get('/api/v1/bodies?search=BULK-9999');
  assert.equal(found.json.items[0]?.name, 'Bulk body 9999');
  // The same file again changes nothing; the audit trail is intact.
  const again = await ctx.admin.post('/api/v1/bodies/import', csv, { 'Content-Type': 'text/csv' });
  assert.deepEqual(again.json, { created: 0, updated: 0, unchanged: 10000 });
  const changed = await ctx.admin.post('/api/v1/bodies/import', 'code,name,type,region,nation\nBULK-7,Bulk body seven,prison,North West,england\nBULK-NEW,Bulk body new,prison,North West,england\n', { 'Content-Type': 'text/csv' });
  assert.deepEqual(changed.json, { created: 1, updated: 1, unchanged: 0 });
  const history = await ctx.admin.get(`/api/v1/audit/entries?limit=2`);
  assert.deepEqual(history.json.items.map((e) => e.action), ['import', 'import']);
  const verify = await ctx.admin.get('/api/v1/audit/verify');
  assert.equal(verify.json.ok, true, verify.json.reason);
});

test('the audit verify endpoint reports an intact chain, then checks only what is new', async () => {
  const res = await ctx.admin.get('/api/v1/audit/verify');
  assert.equal(res.status, 200);
  assert.equal(res.json.ok, true, res.json.reason);
  assert.ok(res.json.checked + res.json.checkpoint > 70);
  const head = res.json.checkpoint + res.json.checked;
  const body = await ctx.admin.post('/api/v1/bodies', { code: 'AUDIT-CHK', name: 'Audit check body', type: 'prison', nation: 'england' });
  assert.equal(body.status, 201, body.text);
  const again = await ctx.admin.get('/api/v1/audit/verify');
  assert.equal(again.json.ok, true, again.json.reason);
  assert.equal(again.json.checkpoint, head, 'the intact chain is the checkpoint');
  assert.ok(again.json.checked >= 1 && again.json.checked < 5, `${again.json.checked} entries checked again`);
});

test('searching bodies finds words by their start, ranked, and any text typed is answered', async () => {
  const found = await ctx.admin.get('/api/v1/bodies?search=gwent%20pol');
  assert.equal(found.status, 200, found.text);
  assert.equal(found.json.items[0].name, 'Gwent Police');
  const byCode = await ctx.admin.get(`/api/v1/bodies?search=${encodeURIComponent(found.json.items[0].code)}`);
  assert.equal(byCode.json.items[0].code, found.json.items[0].code, 'an exact code comes first');
  for (const text of ['"', '"gwent', 'gwent"', '*', 'gwe*', 'NEAR(gwent police)', 'gwent OR dyfed', 'NOT gwent', 'name:gwent',
    "'; DROP TABLE bodies; --", 'a & !b | c:* <-> d', '\\', '\u{1F600}', 'e\u0301', '\u202e\u200b\ufeff', '\u65e5\u672c\u8a9e',
    'x'.repeat(100), '*'.repeat(100), '"'.repeat(100), '\u00e9'.repeat(100)]) {
    const res = await ctx.admin.get(`/api/v1/bodies?search=${encodeURIComponent(text)}&limit=100`);
    assert.equal(res.status, 200, `${JSON.stringify(text)}: ${res.text}`);
    assert.ok(res.json.items.length <= 100 && res.json.items.length <= res.json.total, JSON.stringify(text));
  }
  assert.equal((await ctx.admin.get(`/api/v1/bodies?search=${'x'.repeat(101)}`)).status, 400, 'too long');
});

test('the audit trail is listed a page at a time, newest first, with filters', async () => {
  const first = await ctx.admin.get('/api/v1/audit/entries?limit=7');
  assert.equal(first.status, 200, first.text);
  assert.equal(first.json.items.length, 7);
  assert.ok(first.json.total > 70);
  const seqs = [];
  for (let offset = 0; offset < first.json.total; offset += 25) {
    const page = await ctx.admin.get(`/api/v1/audit/entries?limit=25&offset=${offset}`);
    assert.ok(page.json.items.length <= 25);
    seqs.push(...page.json.items.map((e) => e.seq));
  }
  assert.equal(seqs.length, first.json.total, 'no gaps or duplicates across pages');
  assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'newest first');
  assert.equal(new Set(seqs).size, seqs.length);
  const system = await ctx.admin.get('/api/v1/audit/entries?actor=system&entity_type=inspectorate&limit=100');
  assert.equal(system.status, 200, system.text);
  assert.ok(system.json.total > 0);
  assert.ok(system.json.items.every((e) => e.actor === 'system' && e.entity_type === 'inspectorate'));
  const one = system.json.items[0];
  const record = await ctx.admin.get(`/api/v1/audit/entries?entity_type=inspectorate&entity_id=${one.entity_id}`);
  assert.ok(record.json.items.every((e) => e.entity_id === one.entity_id));
  const day = one.at.slice(0, 10);
  const onTheDay = await ctx.admin.get(`/api/v1/audit/entries?from=${day}&to=${day}&limit=1`);
  assert.ok(onTheDay.json.total > 0);
  const later = await ctx.admin.get('/api/v1/audit/entries?from=2999-01-01');
  assert.equal(later.json.total, 0);
  for (const bad of ['from=yesterday', 'entity_id=3', 'entity_type=Body%3B', 'limit=101', 'actor=', 'colour=red']) {
    assert.equal((await ctx.admin.get(`/api/v1/audit/entries?${bad}`)).status, 400, bad);
  }
});

test('version-required: the inspectorate, body and user edit pages refuse a form without its version and keep every field they were not sent', async () => {
  const { client } = await signIn(ctx.server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  const pages = client.undocumented('the edit pages of the directory and the users');
  const form = (path, fields) => pages.request('POST', path, new URLSearchParams(fields).toString(),
    { 'Content-Type': 'application/x-www-form-urlencoded' });
  const inspectorate = (await ctx.admin.get('/api/v1/inspectorates?limit=100')).json.items.find((i) => i.code === 'HMCPSI');
  const body = await ctx.admin.post('/api/v1/bodies', {
    code: 'HMP-KEPT', name: 'HMP Kept', type: 'prison', region: 'North West', nation: 'england', address: '1 Gaol Lane', in_london: false,
  });
  assert.equal(body.status, 201, body.text);
  const user = await ctx.admin.post('/api/v1/users', {
    email: 'kept.fields@example.gov.uk', name: 'Kept Fields', roles: ['dg_representative', 'inspector'], inspectorate_id: inspectorate.id,
  });
  assert.equal(user.status, 201, user.text);
  const cases = [
    ['inspectorate', `/inspectorates/${inspectorate.id}/edit`, `/api/v1/inspectorates/${inspectorate.id}`, ['head_name', 'A new Chief Inspector']],
    ['body', `/bodies/${body.json.id}/edit`, `/api/v1/bodies/${body.json.id}`, ['region', 'Wales']],
    ['user', `/users/${user.json.user.id}/edit`, `/api/v1/users/${user.json.user.id}`, ['name', 'Kept Fields (renamed)']],
  ];
  for (const [what, page, api, [field, value]] of cases) {
    const read = async () => (await ctx.admin.get(api)).json;
    const before = await read();
    // Without the version: refused at the field, and nothing changes.
    const unversioned = await form(page, [[field, value]]);
    assert.equal(unversioned.status, 400, `${what}: ${unversioned.text.slice(0, 300)}`);
    assert.match(unversioned.text, new RegExp(`sent without the version of the ${what}`), what);
    assert.deepEqual(await read(), before, `${what}: nothing changed`);
    // With it, one field: that field changes and every other is kept.
    const one = await form(page, [['version', String(before.version)], [field, value]]);
    assert.equal(one.status, 303, `${what}: ${one.text.slice(0, 300)}`);
    const after = await read();
    assert.equal(after[field], value, what);
    for (const [k, v] of Object.entries(before)) {
      if (![field, 'version', 'updated_at'].includes(k)) assert.deepEqual(after[k], v, `${what} keeps ${k}`);
    }
  }
  // A user saved unchanged is not changed at all: the same version, nothing recorded.
  const userApi = `/api/v1/users/${user.json.user.id}`;
  const kept = (await ctx.admin.get(userApi)).json;
  const unchanged = await form(`/users/${user.json.user.id}/edit`, [['version', String(kept.version)]]);
  assert.equal(unchanged.status, 303, unchanged.text.slice(0, 300));
  assert.equal((await ctx.admin.get(userApi)).json.version, kept.version, 'saved unchanged, the same version');
});
