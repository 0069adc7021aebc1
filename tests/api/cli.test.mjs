// The command line as an administrator uses it, beside a running server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useServer, signIn } from '../support/server.mjs';

const ctx = useServer();

// Run without blocking, so the test's idle keep-alive connections to the
// server are closed in time rather than found dead after a long command.
function jointly(...args) {
  return new Promise((resolve) => {
    const child = spawn(process.env.JOINTLY_BIN, ['--db', ctx.server.db, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

test('user add, list, reset-password and disable', async () => {
  const added = await jointly('user', 'add', '--email', 'cli.person@example.gov.uk', '--name', 'CLI Person',
    '--role', 'inspector', '--role', 'dg_representative', '--inspectorate', 'HMIPRISONS');
  assert.equal(added.status, 0, added.stderr);
  const password = added.stdout.match(/One-time password: (\S+)/)[1];
  const { res } = await signIn(ctx.server.base, 'cli.person@example.gov.uk', password);
  assert.equal(res.status, 201);
  assert.equal(res.json.user.must_change_password, true);

  const list = await jointly('user', 'list');
  assert.match(list.stdout, /cli\.person@example\.gov\.uk.*active.*inspector/);

  const badRole = await jointly('user', 'add', '--email', 'x@example.gov.uk', '--name', 'X', '--role', 'emperor');
  assert.equal(badRole.status, 1);
  assert.match(badRole.stderr, /"emperor" is not a role/);

  const reset = await jointly('user', 'reset-password', 'cli.person@example.gov.uk');
  assert.equal(reset.status, 0, reset.stderr);
  const fresh = reset.stdout.match(/: (\S+)$/m)[1];
  assert.equal((await signIn(ctx.server.base, 'cli.person@example.gov.uk', password)).res.status, 401);
  assert.equal((await signIn(ctx.server.base, 'cli.person@example.gov.uk', fresh)).res.status, 201);

  assert.equal((await jointly('user', 'disable', 'cli.person@example.gov.uk')).status, 0);
  assert.equal((await signIn(ctx.server.base, 'cli.person@example.gov.uk', fresh)).res.status, 401);
  assert.equal((await jointly('user', 'disable', 'nobody@example.gov.uk')).status, 1);
});

test('audit verify reports an intact chain', async () => {
  const verified = await jointly('audit', 'verify');
  assert.equal(verified.status, 0, verified.stderr);
  assert.match(verified.stdout, /The audit trail is intact: \d+ entries checked/);
});

test('audit head prints SEQ:HASH and audit verify --expect-head catches a log wound back to before it', async () => {
  const head = await jointly('audit', 'head');
  assert.equal(head.status, 0, head.stderr);
  assert.match(head.stdout, /^\d+:[0-9a-f]{64}\n$/);
  const anchor = head.stdout.trim();
  const [seq] = anchor.split(':');
  assert.equal((await jointly('audit', 'verify', '--expect-head', anchor)).status, 0);
  // Later entries keep the anchor valid.
  await ctx.admin.post('/api/v1/bodies', { code: 'PDU-ANCHOR', name: 'Anchor PDU', type: 'probation_delivery_unit', nation: 'england' });
  const later = await jointly('audit', 'verify', '--expect-head', anchor);
  assert.equal(later.status, 0, later.stdout + later.stderr);
  assert.match(later.stdout, new RegExp(`holds entry ${seq} as expected`));
  // A different hash, or an entry the log never reached, fails.
  const wrongHash = await jointly('audit', 'verify', '--expect-head', `${seq}:${'0'.repeat(64)}`);
  assert.equal(wrongHash.status, 1);
  assert.match(wrongHash.stdout, new RegExp(`broken at entry ${seq}: .*not the one the expected head names`));
  const ahead = await jointly('audit', 'verify', '--expect-head', `${Number(seq) + 1000}:${'a'.repeat(64)}`);
  assert.equal(ahead.status, 1);
  assert.match(ahead.stdout, /behind the expected head/);
  assert.notEqual((await jointly('audit', 'verify', '--expect-head', 'the newest')).status, 0);
  if (process.env.JOINTLY_TEST_BACKEND === 'postgres') return;
  // Someone with the database file deletes the newest entries and winds the
  // head back: the checkpoint of the last verification catches it...
  const file = ctx.server.db.replace(/^sqlite:/, '');
  const back = Number(seq) - 2;
  execFileSync('sqlite3', [file, `DROP TRIGGER audit_log_no_delete;
    DELETE FROM audit_log WHERE seq > ${back};
    UPDATE audit_head SET seq = ${back}, hash = (SELECT hash FROM audit_log WHERE seq = ${back});`]);
  const checkpointed = await jointly('audit', 'verify');
  assert.equal(checkpointed.status, 1);
  assert.match(checkpointed.stdout, new RegExp(`the log ends at entry ${back} but entries up to \\d+ were verified before`));
  // ... unless they wind that back too: the chain alone still verifies, the
  // anchor kept outside the database does not.
  execFileSync('sqlite3', [file, `UPDATE audit_checkpoint SET seq = ${back}, hash = (SELECT hash FROM audit_log WHERE seq = ${back});`]);
  assert.equal((await jointly('audit', 'verify')).status, 0, 'the wound-back chain is consistent in itself');
  const caught = await jointly('audit', 'verify', '--expect-head', anchor);
  assert.equal(caught.status, 1);
  assert.match(caught.stdout, new RegExp(`the log ends at entry ${back}, behind the expected head ${seq}`));
});

test('demo --scale adds made-up bodies, scored proposals, audit entries and published reports', async () => {
  const head = Number((await jointly('audit', 'head')).stdout.split(':')[0]);
  const added = await jointly('demo', '--bodies', '30', '--proposals', '4', '--audit-entries', String(head + 100),
    '--reports', '25');
  assert.equal(added.status, 0, added.stdout + added.stderr);
  assert.match(added.stdout, /Added 30 bodies, 4 proposals and 25 published reports/);
  // Published and found, twenty to a page.
  const page = async (path) => (await fetch(`${ctx.server.base}${path}`)).text();
  const found = await page('/search?q=scale+review');
  assert.match(found, /25 results/);
  assert.equal([...found.matchAll(/<li class="govuk-!-margin-bottom-6">/g)].length, 20);
  assert.match(found, /rel="next"/, 'a link to the next page');
  const second = await page('/search?q=scale+review&offset=20');
  assert.equal([...second.matchAll(/<li class="govuk-!-margin-bottom-6">/g)].length, 5);
  assert.match(await page('/reports'), /govuk-pagination/);
  assert.equal((await ctx.admin.get('/api/v1/bodies?search=scale')).json.total, 30);
  // On top of the demo programme, which it loads first if need be.
  assert.ok((await ctx.admin.get('/api/v1/proposals?limit=1')).json.total >= 17 + 4);
  const proposals = await ctx.admin.get('/api/v1/proposals?search=Scale%20');
  assert.equal(proposals.json.total, 4);
  assert.ok(proposals.json.items.every((p) => p.title.startsWith('Scale ') && p.scoring.count > 0), 'every one scored');
  assert.ok(Number((await jointly('audit', 'head')).stdout.split(':')[0]) >= head + 100);
  const verified = await jointly('audit', 'verify');
  assert.equal(verified.status, 0, verified.stdout);
});

test('backup copies the database while the server runs', async () => {
  // Keep writing through the API while the copy is taken.
  const writes = (async () => {
    for (let i = 0; i < 20; i++) {
      await ctx.admin.post('/api/v1/bodies', { code: `PDU-B${i}`, name: `Backup PDU ${i}`, type: 'probation_delivery_unit', nation: 'england' });
    }
  })();
  const dir = mkdtempSync(join(tmpdir(), 'jointly-backup-'));
  try {
    const file = join(dir, 'copy.db');
    const backup = await jointly('backup', file);
    await writes;
    if (process.env.JOINTLY_TEST_BACKEND === 'postgres') {
      assert.equal(backup.status, 1);
      assert.match(backup.stderr, /pg_dump/);
      return;
    }
    assert.equal(backup.status, 0, backup.stderr);
    const check = spawnSync(process.env.JOINTLY_BIN, ['--db', `sqlite:${file}`, 'audit', 'verify'], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    const count = execFileSync('sqlite3', [file, 'PRAGMA integrity_check; SELECT count(*) FROM bodies;'], { encoding: 'utf8' });
    assert.match(count, /^ok\n\d+\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('peak-leave export gives the periods in force to edit, and import loads them year by year', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jointly-peak-leave-'));
  try {
    const exported = await jointly('peak-leave', 'export', '--year', '2027');
    assert.equal(exported.status, 0, exported.stderr);
    assert.equal(exported.stdout,
      '\ufeffname,first_day,last_day\r\nEaster 2027,2027-03-20,2027-04-04\r\n'
      + 'Summer 2027,2027-07-20,2027-08-31\r\nChristmas 2027,2027-12-20,2028-01-02\r\n');
    const file = join(dir, 'peak.csv');
    writeFileSync(file, exported.stdout.replace('Summer 2027,2027-07-20', 'Summer 2027,2027-07-16')
      + 'Half term 2027,2027-10-25,2027-10-29\r\n');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'name,first_day,last_day\nSummer 2027,2027-09-01,2027-07-20\n');
    const refused = await jointly('peak-leave', 'import', bad);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /line 2: last_day: Line 2: the last day must be on or after the first day/);

    const loaded = await jointly('peak-leave', 'import', file);
    assert.equal(loaded.status, 0, loaded.stderr);
    assert.match(loaded.stdout, /Loaded 4 peak leave periods for 2027/);
    const listed = await jointly('peak-leave', 'list', '--year', '2027');
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /^2027-07-16  2027-08-31  loaded +Summer 2027$/m);
    assert.match(listed.stdout, /^2027-10-25  2027-10-29  loaded +Half term 2027$/m);
    assert.match((await jointly('peak-leave', 'list', '--year', '2026')).stdout, /^2026-07-20  2026-08-31  shipped +Summer 2026$/m);
    assert.equal((await jointly('peak-leave', 'list', '--year', '2050')).status, 1);
    assert.equal((await jointly('audit', 'verify')).status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('holidays import loads a year all or nothing, and list shows it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jointly-holidays-'));
  try {
    const days = ['2041-01-01', '2041-04-12', '2041-04-22', '2041-05-06', '2041-05-27', '2041-08-26', '2041-12-25', '2041-12-26'];
    const good = 'date,name\n' + days.map((d) => `${d},Holiday on ${d}\n`).join('');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, good + '2041-02-29,Not a day\n');
    const refused = await jointly('holidays', 'import', bad);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /line 10: date: .*"2041-02-29" is not a real date/);
    const missing = await jointly('holidays', 'list', '--year', '2041');
    assert.equal(missing.status, 1);
    assert.match(missing.stdout, /No bank holidays are known for 2041/);

    const file = join(dir, 'holidays.csv');
    writeFileSync(file, good);
    const loaded = await jointly('holidays', 'import', file);
    assert.equal(loaded.status, 0, loaded.stderr);
    assert.match(loaded.stdout, /Loaded 8 bank holidays for 2041/);
    const listed = await jointly('holidays', 'list', '--year', '2041');
    assert.equal(listed.status, 0, listed.stderr);
    assert.equal(listed.stdout.trim().split('\n').length, 8);
    assert.match(listed.stdout, /^2041-01-01 +Tuesday 1 January 2041 +loaded +Holiday on 2041-01-01$/m);
    const shipped = await jointly('holidays', 'list', '--year', '2020');
    assert.match(shipped.stdout, /^2020-05-08 +Friday 8 May 2020 +shipped +Early May bank holiday \(VE Day\)$/m);
    assert.equal((await jointly('audit', 'verify')).status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('R21_tracker_import_puts_single_inspectorate_recommendations_on_the_tracker_all_or_nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jointly-cli-tracker-'));
  // The demo, loaded by an earlier test, has its own on the tracker.
  const before = (await ctx.admin.get('/api/v1/tracker')).json.total;
  try {
    const header = 'inspectorate,report,published_on,number,kind,owner,text,measure,target,findings\r\n';
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, header + 'HMIPRISONS,Prisons report,2024-02-01,1,concern,NOBODY,Reduce waiting times,,2024-13-01,\r\n');
    const refused = await jointly('tracker', 'import', bad);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /line 2: owner: "NOBODY" is not the code of a body/);
    assert.match(refused.stderr, /line 2: target/);
    assert.equal((await ctx.admin.get('/api/v1/tracker')).json.total, before);
    const good = join(dir, 'good.csv');
    writeFileSync(good, header + 'HMIPRISONS,Prisons report,2024-02-01,1,concern,DEPT-HOME-OFFICE,Reduce waiting times,,2024-12-01,\r\n');
    const imported = await jointly('tracker', 'import', good);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /1 put on the tracker/);
    const [concern] = (await ctx.admin.get('/api/v1/tracker?limit=100')).json.items.filter((t) => t.report_title === 'Prisons report');
    assert.equal(concern.kind, 'concern');
    assert.equal(concern.report_title, 'Prisons report');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
