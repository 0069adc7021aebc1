// The recommendations tracker through the API (M 46, R21): a joint
// report's recommendations go on the tracker in the transaction that
// publishes it, and only then; the register is filtered and paged by the
// database; the inspectorate that made a recommendation (or the
// secretariat) records its owner's response, progress, the status the
// owner reports beside the one it verified, each change with its reason,
// and target dates that never move silently.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, userClient, signIn } from '../support/server.mjs';
import { day } from '../support/inspection_journey.mjs';
import { publishIn } from '../support/sql.mjs';
import { stageSevenPeople, stageSeven as stageSevenSteps } from '../support/stage_seven.mjs';

const ctx = {};
let steps;
before(async () => {
  ctx.server = await startServer();
  ctx.who = await stageSevenPeople(ctx.server, 'tracker.test');
  steps = stageSevenSteps(ctx.who);
  const bodies = await ctx.who.admin.get('/api/v1/bodies?type=national_agency&limit=100');
  ctx.homeOffice = bodies.json.items.find((b) => b.name === 'Home Office');
  ctx.readOnly = await userClient(ctx.server, ctx.who.admin, 'reader@tracker.test', ['read_only'],
    { inspectorate_id: ctx.who.cj.HMICFRS });
  // One report published for the tests that record on its recommendation.
  ctx.published = await publishedReport();
});
after(async () => ctx.server?.stop());

const fieldsOf = (res) => (res.json?.errors ?? []).map((e) => e.field).sort();
function ok(res, status = 201) {
  assert.equal(res.status, status, res.text);
  return res.json;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const publication = async (i) => ok(await ctx.who.people.police_lead.get(`/api/v1/inspections/${i.id}/publication`), 200);
const trackedOf = async (title) => {
  const all = ok(await ctx.who.people.police_lead.get('/api/v1/tracker?limit=100'), 200);
  return all.items.filter((t) => t.report_title === `Joint inspection of ${title}`);
};

// A signed-off report published a few seconds from now, and its tracked
// recommendation once it is.
async function publishedReport() {
  const i = await steps.stageSeven();
  const { title } = ok(await ctx.who.people.police_lead.get(`/api/v1/inspections/${i.id}`), 200).inspection;
  await publishIn(ctx.server, ctx.who.people.police_lead, i, 2);
  for (let tries = 0; tries < 60; ++tries) {
    await sleep(250);
    if ((await publication(i)).publication.state === 'published') break;
  }
  assert.equal((await publication(i)).publication.state, 'published');
  const tracked = await trackedOf(title);
  assert.equal(tracked.length, 1);
  return { i, title, tracked: tracked[0] };
}

// The police lead signed in for pages.
const leadPages = async () => (await signIn(ctx.server.base, 'police_lead@tracker.test',
  ctx.who.people.police_lead.password)).client.undocumented('the tracker\'s pages');

const get = async (id) => ok(await ctx.who.people.police_lead.get(`/api/v1/tracker/${id}`), 200);

test('R21_published_recommendations_are_tracked', async () => {
  const { tracked: t } = ctx.published;
  const { cj } = ctx.who;
  assert.equal(t.number, 1);
  assert.equal(t.kind, 'recommendation');
  assert.equal(t.inspectorate_id, cj.HMICFRS);
  assert.equal(t.owner_id, ctx.homeOffice.id);
  assert.equal(t.text, 'Flag hate crime');
  assert.equal(t.measure, 'Audit of files');
  assert.deepEqual(t.findings, ['Hostility is rarely evidenced in files']);
  assert.equal(t.target, day(200));
  assert.equal(t.first_target, day(200));
  assert.equal(t.published_on, day(0));
  assert.equal(t.answer, 'none');
  assert.deepEqual([t.reported, t.verified], ['open', 'open']);
  assert.ok(t.recommendation_id > 0);
  const v = await get(t.id);
  assert.equal(v.owner, 'Home Office');
  assert.equal(v.inspectorate, 'HMICFRS');
  assert.deepEqual(v.next_due, { what: 'response', due_on: new Date(Date.parse(day(0)) + 56 * 86400000).toISOString().slice(0, 10) });
  assert.equal(v.overdue, false);
  // Filters and paging, by the database.
  const lead = ctx.who.people.police_lead;
  const mine = ok(await lead.get(`/api/v1/tracker?owner_id=${ctx.homeOffice.id}&inspectorate_id=${cj.HMICFRS}&verified=open`), 200);
  assert.ok(mine.items.some((x) => x.id === t.id));
  assert.equal(ok(await lead.get(`/api/v1/tracker?inspectorate_id=${cj.HMCPSI}`), 200).total, 0);
  assert.equal(ok(await lead.get('/api/v1/tracker?verified=implemented'), 200).total, 0);
  // Just published: nothing is overdue yet.
  assert.equal(ok(await lead.get('/api/v1/tracker?overdue=yes'), 200).total, 0);
  const paged = ok(await lead.get('/api/v1/tracker?limit=1&offset=0'), 200);
  assert.equal(paged.items.length, 1);
  assert.equal(paged.limit, 1);
  // Anyone signed in reads it; nobody anonymous.
  assert.equal((await ctx.readOnly.get(`/api/v1/tracker/${t.id}`)).status, 200);
  // Bad filters are named.
  const bad = await lead.get('/api/v1/tracker?verified=done&overdue=maybe&owner_id=x');
  assert.equal(bad.status, 400);
  assert.deepEqual(fieldsOf(bad), ['overdue', 'owner_id', 'verified']);
  const unknown = await lead.get('/api/v1/tracker?colour=red');
  assert.equal(unknown.status, 400);
  assert.deepEqual(fieldsOf(unknown), ['colour']);
  // Downloads open in Excel.
  const csv = await lead.get(`/api/v1/tracker.csv?owner_id=${ctx.homeOffice.id}`);
  assert.equal(csv.status, 200);
  assert.match(csv.text, /Flag hate crime/);
  assert.match(csv.text, /Home Office/);
  const xlsx = await lead.get('/api/v1/tracker.xlsx');
  assert.equal(xlsx.status, 200);
  assert.equal(Buffer.from(xlsx.bytes).subarray(0, 2).toString(), 'PK');
  assert.equal((await lead.get('/api/v1/tracker/999999')).status, 404);
});

test('R21_a_publication_held_for_a_changed_report_tracks_nothing', async () => {
  const { people } = ctx.who;
  const i = await steps.stageSeven();
  const v = ok(await people.police_lead.get(`/api/v1/inspections/${i.id}`), 200);
  const [rec] = ok(await people.police_lead.get(`/api/v1/inspections/${i.id}/recommendations`), 200).items;
  await publishIn(ctx.server, people.police_lead, i, 2);
  // Changed after the final sign-off: the publication job holds it.
  ok(await people.police_lead.patch(`/api/v1/recommendations/${rec.id}`,
    { measure: 'An audit of 100 files', version: rec.version }), 200);
  await sleep(4000);
  assert.equal((await publication(i)).publication.state, 'scheduled');
  assert.deepEqual(await trackedOf(v.inspection.title), []);
});

test('R21_owner_response_is_recorded', async () => {
  const lead = ctx.who.people.police_lead;
  const { id } = ctx.published.tracked;
  let { version } = await get(id).then((v) => v.item);
  const url = `/api/v1/tracker/${id}/response`;
  // Empty: every missing part at once.
  const empty = await lead.post(url, { version, responded_on: day(0) });
  assert.equal(empty.status, 400);
  assert.deepEqual(fieldsOf(empty), ['answer']);
  const partly = await lead.post(url, { version, answer: 'partly-accepted', responded_on: day(1) });
  assert.equal(partly.status, 400);
  assert.deepEqual(fieldsOf(partly), ['accepted_part', 'actions', 'reason', 'responded_on']);
  assert.ok(partly.json.errors.every((e) => ['response', 'not-in-future'].includes(e.rule)), partly.text);
  const long = await lead.post(url, {
    version, answer: 'not-accepted', reason: 'x'.repeat(20001), responded_on: day(0),
  });
  assert.equal(long.status, 400);
  assert.deepEqual(fieldsOf(long), ['reason']);
  const badAction = await lead.post(url, {
    version, answer: 'accepted', responded_on: day(0), actions: [{ what: '', by: '2027-02-30' }],
  });
  assert.equal(badAction.status, 400);
  assert.deepEqual(fieldsOf(badAction), ['actions.0.by', 'actions.0.what']);
  // Nothing was saved.
  assert.equal((await get(id)).item.version, version);
  const saved = ok(await lead.post(url, {
    version, answer: 'partly-accepted', accepted_part: 'Flagging in new files', reason: 'Old files are archived',
    actions: [{ what: 'Train call handlers', by: day(90) }], responded_on: day(0),
  }), 200);
  assert.equal(saved.answer, 'partly-accepted');
  assert.deepEqual(saved.actions, [{ what: 'Train call handlers', by: day(90) }]);
  // Recorded again as it stands: nothing is saved and no event is added.
  const same = ok(await lead.post(url, {
    version: saved.version, answer: 'partly-accepted', accepted_part: 'Flagging in new files', reason: 'Old files are archived',
    actions: [{ what: 'Train call handlers', by: day(90) }], responded_on: day(0),
  }), 200);
  assert.equal(same.version, saved.version);
  assert.equal((await get(id)).events.length, 1);
  version = saved.version;
  // The secretariat's or the inspectorate's own only; a stale version is refused.
  const other = await ctx.who.people.cps_lead.post(url, { version, answer: 'accepted', responded_on: day(0), actions: [{ what: 'x', by: day(9) }] });
  assert.equal(other.status, 403);
  assert.equal(other.json.rule, 'reporting-inspectorate');
  assert.equal((await ctx.readOnly.post(url, { version, answer: 'accepted' })).status, 403);
  const stale = await lead.post(url, { version: version - 1, answer: 'accepted', responded_on: day(0), actions: [{ what: 'x', by: day(9) }] });
  assert.equal(stale.status, 409);
  const update = ok(await lead.post(`/api/v1/tracker/${id}/updates`, { version, text: 'Training begun in two forces', on: day(0) }), 200);
  assert.equal(update.last_update_on, day(0));
  const badUpdate = await lead.post(`/api/v1/tracker/${id}/updates`, { version: update.version, text: ' ', on: day(3) });
  assert.equal(badUpdate.status, 400);
  assert.deepEqual(fieldsOf(badUpdate), ['on', 'text']);
  const backdated = await lead.post(`/api/v1/tracker/${id}/updates`, { version: update.version, text: 'Old news', on: '2001-01-01' });
  assert.equal(backdated.status, 400);
  assert.deepEqual(fieldsOf(backdated), ['on']);
  const v = await get(id);
  assert.deepEqual(v.events.map((e) => e.kind), ['response', 'update']);
  assert.equal(v.events[0].to, 'partly-accepted');
  assert.equal(v.next_due.what, 'update');
});

test('R21_status_change_needs_a_reason', async () => {
  const lead = ctx.who.people.police_lead;
  const { id } = ctx.published.tracked;
  const { version } = (await get(id)).item;
  const url = `/api/v1/tracker/${id}/status`;
  const none = await lead.post(url, { version, which: 'verified', to: 'implemented' });
  assert.equal(none.status, 400);
  assert.deepEqual(fieldsOf(none), ['evidence', 'reason']);
  assert.ok(none.json.errors.every((e) => e.rule === 'status-change'));
  const same = await lead.post(url, { version, which: 'reported', to: 'open', reason: 'No change' });
  assert.equal(same.status, 400);
  assert.deepEqual(fieldsOf(same), ['to']);
  const shape = await lead.post(url, { version, which: 'both', to: 'done' });
  assert.equal(shape.status, 400);
  assert.deepEqual(fieldsOf(shape), ['to', 'which']);
  const self = await lead.post(url, { version, which: 'verified', to: 'superseded', reason: 'Replaced', evidence: 'Report', superseded_by: id });
  assert.equal(self.status, 400);
  assert.deepEqual(fieldsOf(self), ['superseded_by']);
  // The owner reports it implemented (no evidence needed); the inspectorate
  // verifies it partly addressed, with its evidence.
  const reported = ok(await lead.post(url, { version, which: 'reported', to: 'implemented', reason: 'Training done' }), 200);
  assert.deepEqual([reported.reported, reported.verified], ['implemented', 'open']);
  const verified = ok(await lead.post(url, {
    version: reported.version, which: 'verified', to: 'partly-addressed', reason: 'Two forces of four', evidence: 'File audit of May',
  }), 200);
  assert.deepEqual([verified.reported, verified.verified], ['implemented', 'partly-addressed']);
  const v = await get(id);
  const changes = v.events.filter((e) => e.kind === 'reported' || e.kind === 'verified');
  assert.deepEqual(changes.map((e) => [e.kind, e.from, e.to, e.reason, e.evidence]), [
    ['reported', 'open', 'implemented', 'Training done', ''],
    ['verified', 'open', 'partly-addressed', 'Two forces of four', 'File audit of May'],
  ]);
  assert.ok(changes.every((e) => e.recorded_by === ctx.who.people.police_lead.id));
});

test('R21_target_date_moves_keep_history', async () => {
  const lead = ctx.who.people.police_lead;
  const { id } = ctx.published.tracked;
  let { version } = (await get(id)).item;
  const url = `/api/v1/tracker/${id}/target`;
  const silent = await lead.post(url, { version, to: day(300) });
  assert.equal(silent.status, 400);
  assert.deepEqual(fieldsOf(silent), ['reason']);
  assert.equal(silent.json.errors[0].rule, 'target-date');
  const bad = await lead.post(url, { version, to: '2027-13-01', reason: 'x'.repeat(20001) });
  assert.equal(bad.status, 400);
  assert.deepEqual(fieldsOf(bad), ['reason', 'to']);
  const early = await lead.post(url, { version, to: '2001-01-31', reason: 'Backdated' });
  assert.equal(early.status, 400);
  assert.deepEqual(fieldsOf(early), ['to']);
  assert.match(early.json.errors[0].message, /must not be before the report's publication/);
  const first = ok(await lead.post(url, { version, to: day(300), reason: 'Staff shortages' }), 200);
  const second = ok(await lead.post(url, { version: first.version, to: day(400), reason: 'New system late' }), 200);
  assert.equal(second.target, day(400));
  assert.equal(second.first_target, day(200));
  const v = await get(id);
  assert.equal(v.target_history.length, 3);
  assert.deepEqual(v.events.filter((e) => e.kind === 'target').map((e) => [e.from, e.to, e.reason]),
    [[day(200), day(300), 'Staff shortages'], [day(300), day(400), 'New system late']]);
  version = second.version;
  assert.ok(version > 0);
});

test('R21_single_inspectorate_recommendations_are_imported_all_or_nothing', async () => {
  const { people } = ctx.who;
  const code = ctx.homeOffice.code;
  const header = 'inspectorate,report,published_on,number,kind,owner,text,measure,target,findings\r\n';
  const csv = { 'Content-Type': 'text/csv' };
  const bad = await people.police_lead.post('/api/v1/tracker/import',
    header + `HMICFRS,Hate crime,2019-05-01,1,,${code},,,2019-13-01,\r\nHMCPSI,Hate crime,2019-05-01,x,advice,NOBODY,Flag it,,2020-01-31,\r\n`, csv);
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(bad.json.errors.map((e) => e.field), [
    'line 2: text', 'line 2: target', 'line 3: number', 'line 3: kind', 'line 3: inspectorate', 'line 3: owner',
  ]);
  assert.equal(bad.json.errors.find((e) => e.field === 'line 3: inspectorate').rule, 'reporting-inspectorate');
  const before = ok(await people.police_lead.get('/api/v1/tracker'), 200).total;
  // An earlier recommendation to the same owner, in nearly the same words.
  const good = ok(await people.police_lead.post('/api/v1/tracker/import',
    header + `HMICFRS,Hate crime: an inspection,2019-05-01,4,recommendation,${code},"Flag hate crime, always",File audit,2020-01-31,"Flags are missed"\r\n`, csv), 200);
  assert.deepEqual(good, { imported: 1 });
  assert.equal(ok(await people.police_lead.get('/api/v1/tracker'), 200).total, before + 1);
  // The joint report's recommendation now shows it was made before.
  const v = await get(ctx.published.tracked.id);
  assert.equal(v.alike.length, 1, JSON.stringify(v.alike));
  assert.equal(v.alike[0].item.report_title, 'Hate crime: an inspection');
  assert.equal(v.alike[0].item.recommendation_id, null);
  assert.ok(v.alike[0].similarity >= 0.5);
  // Not for the secretariat's read-only people; not twice.
  assert.equal((await ctx.readOnly.post('/api/v1/tracker/import', header, csv)).status, 403);
  const again = await people.police_lead.post('/api/v1/tracker/import',
    header + `HMICFRS,Hate crime: an inspection,2019-05-01,4,recommendation,${code},Flag it,,2020-01-31,\r\n`, csv);
  assert.equal(again.status, 400);
  assert.deepEqual(again.json.errors.map((e) => [e.field, e.rule]), [['line 2: number', 'tracked']]);
  // Every problem of the header at once; a line may leave off the optional
  // findings at its end; the template names the columns.
  const header2 = await people.police_lead.post('/api/v1/tracker/import',
    'inspectorate,report,colour,number,owner,text,target,size\r\nHMICFRS,x,y,1,z,t,2020-01-01,1\r\n', csv);
  assert.equal(header2.status, 400);
  // R19 and dates: a concern only from HMI Prisons; no publication in the
  // future; an empty kind is what the inspectorate raises.
  const later = new Date(Date.now() + 40 * 86400000).toISOString().slice(0, 10);
  const r19 = await people.police_lead.post('/api/v1/tracker/import',
    header + `HMICFRS,Custody,2024-05-01,1,concern,${code},Check cells,,2025-01-31\r\nHMICFRS,Custody,${later},2,,${code},Check cells,,2099-01-31\r\n`, csv);
  assert.equal(r19.status, 400);
  assert.deepEqual(r19.json.errors.map((e) => [e.field, e.rule]), [['line 2: kind', 'R19'], ['line 3: published_on', 'not-in-future']]);
  assert.deepEqual(header2.json.errors.map((e) => e.field), ['line 1: colour', 'line 1: size', 'line 1: published_on']);
  ok(await people.police_lead.post('/api/v1/tracker/import',
    header + `HMICFRS,Hate crime: an inspection,2019-05-01,5,,${code},Audit the flags,,2020-01-31\r\n`, csv), 200);
  const template = await (await leadPages()).get('/tracker/import-template.csv');
  assert.equal(template.status, 200);
  assert.match(template.headers.get('content-disposition'), /tracker-import-template\.csv/);
  assert.equal(template.text.replace(/^\uFEFF/, '').trim(), header.trim());
});

test('R21_a_superseded_recommendation_names_a_later_one_to_the_same_owner', async () => {
  const lead = ctx.who.people.police_lead;
  const joint = await get(ctx.published.tracked.id);
  const earlier = joint.alike.find((a) => a.item.report_title === 'Hate crime: an inspection').item;
  // The joint report's recommendation is not superseded by one made before it.
  const back = await lead.post(`/api/v1/tracker/${joint.item.id}/status`, {
    version: joint.item.version, which: 'verified', to: 'superseded', reason: 'Replaced', evidence: 'Report', superseded_by: earlier.id,
  });
  assert.equal(back.status, 400);
  assert.deepEqual(fieldsOf(back), ['superseded_by']);
  // Its form offers only later recommendations to the same owner.
  const pages = await leadPages();
  const offered = async (id) => [...(await pages.get(`/tracker/${id}/verified`)).text
    .matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1]));
  assert.ok(!(await offered(joint.item.id)).includes(earlier.id));
  assert.ok((await offered(earlier.id)).includes(joint.item.id));
  const superseded = ok(await lead.post(`/api/v1/tracker/${earlier.id}/status`, {
    version: earlier.version, which: 'verified', to: 'superseded', reason: 'Made again in the joint report', evidence: 'The joint report', superseded_by: joint.item.id,
  }), 200);
  assert.equal(superseded.superseded_by, joint.item.id);
});

test('R21_publication_is_not_held_by_a_recommendation_already_imported_under_its_report', async () => {
  const { people } = ctx.who;
  const i = await steps.stageSeven();
  const { title } = ok(await people.police_lead.get(`/api/v1/inspections/${i.id}`), 200).inspection;
  const header = 'inspectorate,report,published_on,number,kind,owner,text,measure,target,findings\r\n';
  ok(await people.police_lead.post('/api/v1/tracker/import',
    header + `HMICFRS,Joint inspection of ${title},${day(0)},1,,${ctx.homeOffice.code},Flag hate crime,,${day(200)},\r\n`,
    { 'Content-Type': 'text/csv' }), 200);
  await publishIn(ctx.server, people.police_lead, i, 2);
  for (let tries = 0; tries < 60; ++tries) {
    await sleep(250);
    if ((await publication(i)).publication.state === 'published') break;
  }
  assert.equal((await publication(i)).publication.state, 'published');
  const tracked = await trackedOf(title);
  assert.equal(tracked.length, 1);
  assert.equal(tracked[0].recommendation_id, null);
});

test('an_invitation_not_emailed_shows_its_password_once_and_a_reload_invites_nobody_again', async () => {
  // This server sends no e-mail.
  const pages = await leadPages();
  const form = new URLSearchParams({ csrf_token: pages.csrf, name: 'Kim Owner', email: 'kim@owner.example.gov.uk', owner_id: String(ctx.homeOffice.id) });
  const sent = await pages.post('/owner-people/new', form.toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(sent.status, 303, sent.text.slice(0, 300));
  const to = sent.headers.get('location');
  assert.match(to, /^\/owner-people\/\d+\/invited\?unconfigured=1$/);
  const cookie = sent.headers.get('set-cookie').split(';')[0];
  const withCookie = { ...pages, cookie: `${pages.cookie}; ${cookie}` };
  const shown = await Object.assign(Object.create(Object.getPrototypeOf(pages)), withCookie).get(to);
  assert.equal(shown.status, 200);
  assert.match(shown.text, /E-mail is not set up on this service/);
  assert.match(shown.text, /id="one-time-password">[^<]{8,}</);
  assert.equal(shown.headers.get('cache-control'), 'no-store');
  // Shown once: the page again says so, and invites nobody.
  const again = await pages.get(to);
  assert.doesNotMatch(again.text, /id="one-time-password"/);
  assert.match(again.text, /shown once and is not shown again/);
  const people = ok(await ctx.who.people.police_lead.get('/api/v1/owner-people'), 200);
  assert.equal(people.items.filter((u) => u.email === 'kim@owner.example.gov.uk').length, 1);
});
