// Stage 7 of a joint thematic inspection through the API (M 41-47; R11,
// R21): factual accuracy checks with those inspected and each correction
// decided by the section's author or the lead; each inspectorate's
// distribution list, cross-referenced so an address on two lists is sent
// to once, with the lists as CSV and XLSX; the media plan, whose press
// notice must name every participating inspectorate's Chief Inspector or
// HM Inspector, as DOCX; post-publication activity; and the stage opening
// only once stage 6's final sign-off is done.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { day } from '../support/inspection_journey.mjs';
import { stageSevenPeople, stageSeven as stageSevenSteps } from '../support/stage_seven.mjs';

const ctx = {};
let published;
let signedOff;
let stageSeven;
before(async () => {
  ctx.server = await startServer();
  ctx.who = await stageSevenPeople(ctx.server, 'media.test');
  ({ published, signedOff, stageSeven } = stageSevenSteps(ctx.who));
  const bodies = await ctx.who.admin.get('/api/v1/bodies?type=national_agency&limit=100');
  ctx.homeOffice = bodies.json.items.find((b) => b.name === 'Home Office');
});
after(async () => ctx.server?.stop());

const fieldsOf = (res) => (res.json?.errors ?? []).map((e) => e.field);
function ok(res, status = 201) {
  assert.equal(res.status, status, res.text);
  return res.json;
}
const view = async (id) => ok(await ctx.who.people.police_lead.get(`/api/v1/inspections/${id}`), 200);

test('stage_7_opens_once_the_final_sign_off_is_done', async () => {
  const { people } = ctx.who;
  const i = await published();
  const early = await people.police_lead.post(`/api/v1/inspections/${i.id}/factual-accuracy`, {
    body_id: ctx.homeOffice.id, extracts: 'Chapter 2', sent_on: day(0), due_on: day(10),
  });
  assert.equal(early.status, 409, early.text);
  assert.equal(early.json.rule, 'stage-order');
  await signedOff(i);
  const v = await view(i.id);
  assert.equal(v.stages[6].progress, 'not_started');
  assert.deepEqual(v.stages[6].checks.map((c) => c.rule), ['R21', 'R21', 'R21', 'R11', 'R21', 'R21', 'R21']);
  ok(await people.police_lead.post(`/api/v1/inspections/${i.id}/factual-accuracy`, {
    body_id: ctx.homeOffice.id, extracts: 'Chapter 2', sent_on: day(0), due_on: day(10),
  }));
});

test('R21_factual_accuracy_corrections_decided_by_the_sections_author_or_the_lead', async () => {
  const { people } = ctx.who;
  const i = await stageSeven();
  const lead = people.police_lead;
  const v = await view(i.id);
  const section = v.report_sections[0];
  // Every bad field at once; due before sent; 20,000 characters and one more.
  const empty = await lead.post(`/api/v1/inspections/${i.id}/factual-accuracy`, {});
  assert.equal(empty.status, 400);
  assert.deepEqual(fieldsOf(empty).sort(), ['body_id', 'due_on', 'extracts', 'sent_on']);
  const backwards = await lead.post(`/api/v1/inspections/${i.id}/factual-accuracy`, {
    body_id: ctx.homeOffice.id, extracts: 'x'.repeat(20001), sent_on: day(5), due_on: day(1),
  });
  assert.equal(backwards.status, 400);
  assert.deepEqual(fieldsOf(backwards).sort(), ['due_on', 'extracts']);
  const check = ok(await lead.post(`/api/v1/inspections/${i.id}/factual-accuracy`, {
    body_id: ctx.homeOffice.id, extracts: 'x'.repeat(20000), sent_on: day(0), due_on: day(10),
  }));
  // Only the lead records checks.
  const cpsCheck = await people.cps_lead.post(`/api/v1/inspections/${i.id}/factual-accuracy`, {
    body_id: ctx.homeOffice.id, extracts: 'Chapter 1', sent_on: day(0), due_on: day(10),
  });
  assert.equal(cpsCheck.status, 403, cpsCheck.text);
  const correction = ok(await lead.post(`/api/v1/factual-checks/${check.id}/corrections`, {
    section_id: section.id, received_on: day(0), correction: 'There were 41 files, not 40.', decision: 'undecided',
  }));
  let list = ok(await lead.get(`/api/v1/inspections/${i.id}/factual-accuracy`), 200);
  assert.equal(list.decided, false);
  assert.equal(list.items[0].corrections[0].id, correction.id);
  // Not accepted needs a reason.
  const noReason = await people.cps_lead.patch(`/api/v1/factual-corrections/${correction.id}`, { decision: 'not_accepted', version: correction.version });
  assert.equal(noReason.status, 400, noReason.text);
  assert.deepEqual(fieldsOf(noReason), ['reason']);
  // HMCPSI wrote the section: its people decide, and only the decision.
  const decided = ok(await people.cps_lead.patch(`/api/v1/factual-corrections/${correction.id}`, {
    decision: 'not_accepted', reason: 'The sample was 40 files', correction: 'rewritten', version: correction.version,
  }), 200);
  assert.equal(decided.decision, 'not_accepted');
  assert.equal(decided.correction, 'There were 41 files, not 40.');
  assert.equal(decided.decided_by, people.cps_lead.id);
  list = ok(await lead.get(`/api/v1/inspections/${i.id}/factual-accuracy`), 200);
  assert.equal(list.decided, true);
  const after = await view(i.id);
  assert.equal(after.stages[6].checks[0].done, true);
});

test('R21_a_correction_on_the_leads_section_is_not_decided_by_another_inspectorate', async () => {
  const { people } = ctx.who;
  const i = await stageSeven();
  const lead = people.police_lead;
  const check = ok(await lead.post(`/api/v1/inspections/${i.id}/factual-accuracy`, {
    body_id: ctx.homeOffice.id, extracts: 'The summary', sent_on: day(0), due_on: day(10),
  }));
  const correction = ok(await lead.post(`/api/v1/factual-checks/${check.id}/corrections`, {
    received_on: day(0), correction: 'The date is wrong', decision: 'undecided',
  }));
  const refused = await people.cps_lead.patch(`/api/v1/factual-corrections/${correction.id}`, { decision: 'accepted', version: correction.version });
  assert.equal(refused.status, 403, refused.text);
  assert.equal(refused.json.rule, 'R21');
  const accepted = ok(await lead.patch(`/api/v1/factual-corrections/${correction.id}`, { decision: 'accepted', reason: 'Date corrected', version: correction.version }), 200);
  assert.equal(accepted.decided_by, lead.id);
});

test('R21_distribution_lists_cross_referenced_each_address_sent_to_once', async () => {
  const { people, cj } = ctx.who;
  const i = await stageSeven();
  const base = `/api/v1/inspections/${i.id}/distribution-lists`;
  const empty = await people.police_lead.post(base, {});
  assert.equal(empty.status, 400);
  assert.deepEqual(fieldsOf(empty).sort(), ['email', 'organisation', 'recipient_name']);
  const bad = await people.police_lead.post(base, { recipient_name: 'x'.repeat(20000), organisation: 'Home Office', email: 'not an address' });
  assert.equal(bad.status, 400);
  assert.deepEqual(fieldsOf(bad).sort(), ['email', 'recipient_name']);
  ok(await people.police_lead.post(base, { recipient_name: 'Policing minister', organisation: 'Home Office', email: 'minister@homeoffice.example' }));
  const twice = await people.police_lead.post(base, { recipient_name: 'Minister', organisation: 'Home Office', email: 'MINISTER@homeoffice.example' });
  assert.equal(twice.status, 400);
  assert.equal(twice.json.errors[0].rule, 'already-on-list');
  // The same address on HMCPSI's list: flagged and sent to once.
  const shared = ok(await people.cps_lead.post(base, { recipient_name: 'The minister', organisation: 'Home Office', email: 'Minister@HomeOffice.example' }));
  assert.equal(shared.inspectorate_id, cj.HMCPSI);
  ok(await people.cps_lead.post(base, { recipient_name: 'Director of Public Prosecutions', organisation: 'CPS', email: 'dpp@cps.example' }));
  const lists = ok(await people.cps_lead.get(base), 200);
  assert.equal(lists.sent_to, 2);
  assert.deepEqual(lists.lists.map((l) => l.inspectorate_id), [cj.HMICFRS, cj.HMCPSI]);
  const dup = lists.lists[1].recipients.find((r) => r.id === shared.id);
  assert.equal(dup.duplicate, true);
  assert.deepEqual(dup.also_on, [cj.HMICFRS]);
  assert.equal(lists.lists[0].recipients[0].duplicate, false);
  // Each inspectorate its own list.
  const theirs = await people.police_lead.patch(`/api/v1/distribution-recipients/${shared.id}`, { organisation: 'HO', version: shared.version });
  assert.equal(theirs.status, 403, theirs.text);
  assert.equal(theirs.json.rule, 'R21');
  const csv = await people.police_lead.get(`${base}.csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.match(csv.text, /No: a duplicate/);
  const xlsx = await people.police_lead.get(`${base}.xlsx`);
  assert.equal(xlsx.status, 200);
  assert.match(xlsx.headers.get('content-type'), /spreadsheetml/);
  ok(await people.cps_lead.delete(`/api/v1/distribution-recipients/${shared.id}?version=${shared.version}`), 204);
});

test('R11_the_press_notice_names_every_inspectorates_chief_inspector_or_hmi', async () => {
  const { people, cj } = ctx.who;
  const i = await stageSeven();
  const lead = people.police_lead;
  const media = `/api/v1/inspections/${i.id}/media`;
  let m = ok(await lead.get(media), 200);
  assert.equal(m.approach, 'soft_launch');
  assert.equal(m.plan, null);
  assert.equal(m.version, 0);
  const nameOf = Object.fromEntries(m.may_speak.map((s) => [s.user_id, s.name]));
  ok(await lead.post(`${media}/spokespeople`, { user_id: people.police_chief.id }));
  const notice = `${nameOf[people.police_chief.id]} said the police must do better.`;
  const refused = await lead.put(media, { sender: 'lead', interview_bids: 'shared', press_notice: notice, version: 0 });
  assert.equal(refused.status, 409, refused.text);
  assert.equal(refused.json.rule, 'R11');
  assert.match(refused.json.detail ?? refused.json.title ?? refused.text, /HMCPSI/);
  // HMCPSI names its own; a spokesperson for another is the lead's to name.
  const notTheirs = await people.cps_lead.post(`${media}/spokespeople`, { user_id: people.police_hmi.id });
  assert.equal(notTheirs.status, 403, notTheirs.text);
  ok(await people.cps_lead.post(`${media}/spokespeople`, { user_id: people.cps_chief.id }));
  const both = `${notice} ${nameOf[people.cps_chief.id]} said prosecutors must do better.`;
  const early = await lead.get(`${media}/press-notice.docx`);
  assert.equal(early.status, 409);
  assert.equal(early.json.rule, 'no-press-notice');
  // Only the lead saves the plan.
  const cps = await people.cps_lead.put(media, { sender: 'lead', interview_bids: 'shared', press_notice: both, version: 0 });
  assert.equal(cps.status, 403, cps.text);
  m = ok(await lead.put(media, { sender: 'lead', interview_bids: 'shared', press_notice: both, version: 0 }), 200);
  assert.equal(m.names_every_inspectorate, true);
  assert.equal(m.plan.press_notice, both);
  const stale = await lead.put(media, { sender: 'each_inspectorate', interview_bids: 'shared', press_notice: both, version: 0 });
  assert.equal(stale.status, 409);
  const docx = await lead.get(`${media}/press-notice.docx`);
  assert.equal(docx.status, 200);
  assert.match(docx.headers.get('content-type'), /wordprocessingml/);
  const v = await view(i.id);
  assert.equal(v.stages[6].checks[2].done, true);
  assert.equal(v.stages[6].checks[3].done, true);
  // Removing a spokesperson the notice names leaves it short again.
  const hmcpsi = m.spokespeople.find((s) => s.inspectorate_id === cj.HMCPSI);
  ok(await people.cps_lead.delete(`/api/v1/spokespeople/${hmcpsi.id}?version=${hmcpsi.version}`), 204);
  m = ok(await lead.get(media), 200);
  assert.deepEqual(m.missing, ['HMCPSI']);
  assert.deepEqual(m.without_spokesperson, ['HMCPSI']);
  assert.equal((await lead.get(`${media}/press-notice.docx`)).status, 409);
  // Bad values, every field named; 20,000 characters and one more.
  const bad = await lead.put(media, { sender: 'nobody', interview_bids: 'x', press_notice: 'x'.repeat(20001), version: m.version });
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(fieldsOf(bad).sort(), ['interview_bids', 'press_notice', 'sender']);
});

test('R11_spokespeople_are_chief_inspectors_or_hmis_chosen_from_the_people_one_per_inspectorate', async () => {
  const { people, cj, admin } = ctx.who;
  const i = await stageSeven();
  const lead = people.police_lead;
  const media = `/api/v1/inspections/${i.id}/media`;
  let m = ok(await lead.get(media), 200);
  // Who may be chosen: the Chief Inspectors and HM Inspectors of the two
  // inspectorates taking part, each in the role the people record.
  const mine = (s) => [people.police_hmi.id, people.police_chief.id, people.cps_chief.id].includes(s.user_id);
  assert.deepEqual(m.may_speak.filter(mine).map((s) => [s.user_id, s.role, s.inspectorate_id]).sort(), [
    [people.police_hmi.id, 'hm_inspector', cj.HMICFRS],
    [people.police_chief.id, 'chief_inspector', cj.HMICFRS],
    [people.cps_chief.id, 'chief_inspector', cj.HMCPSI],
  ].sort());
  assert.ok(m.may_speak.every((s) => [cj.HMICFRS, cj.HMCPSI].includes(s.inspectorate_id)), JSON.stringify(m.may_speak));
  assert.ok(!m.may_speak.some((s) => s.user_id === people.cps_lead.id));
  assert.deepEqual(m.without_spokesperson, ['HMICFRS', 'HMCPSI']);
  // The plan is refused while an inspectorate has no spokesperson, each
  // named, even before there is a press notice.
  const none = await lead.put(media, { sender: 'lead', interview_bids: 'shared', press_notice: '', version: 0 });
  assert.equal(none.status, 409, none.text);
  assert.equal(none.json.rule, 'R11');
  assert.deepEqual(fieldsOf(none), ['spokespeople']);
  assert.match(none.json.detail, /HMICFRS and HMCPSI/);
  // Nobody, a name typed in, someone unknown, a lead inspector, a Chief
  // Inspector of an inspectorate not taking part: each refused at user_id.
  const probation = ok(await admin.post('/api/v1/users', {
    email: `probation_chief_${i.id}@media.test`, name: 'HM Chief Inspector of Probation', roles: ['chief_inspector'], inspectorate_id: cj.HMIPROBATION,
  }));
  const spoke = `${media}/spokespeople`;
  for (const [body, rule] of [
    [{}, 'required'],
    [{ user_id: 999999 }, 'unknown-user'],
    [{ user_id: people.cps_lead.id }, 'R11'],
    [{ user_id: probation.user.id }, 'not-participating'],
  ]) {
    const r = await lead.post(spoke, body);
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(fieldsOf(r), ['user_id'], r.text);
    assert.equal(r.json.errors[0].rule, rule, r.text);
  }
  const typed = await lead.post(spoke, { inspectorate_id: cj.HMCPSI, spokesperson: 'HM Inspector', role: 'hm_inspector' });
  assert.equal(typed.status, 400, typed.text);
  // Chosen: the name, role and inspectorate are the person's.
  const chief = ok(await lead.post(spoke, { user_id: people.police_chief.id }));
  assert.equal(chief.inspectorate_id, cj.HMICFRS);
  assert.equal(chief.role, 'chief_inspector');
  assert.equal(chief.spokesperson, m.may_speak.find((s) => s.user_id === people.police_chief.id).name);
  const twice = await lead.post(spoke, { user_id: people.police_chief.id });
  assert.equal(twice.status, 400, twice.text);
  assert.equal(twice.json.errors[0].rule, 'already-named');
  const cpsChief = ok(await lead.post(spoke, { user_id: people.cps_chief.id }));
  m = ok(await lead.get(media), 200);
  assert.deepEqual(m.without_spokesperson, []);
  assert.ok(m.spokespeople.every((s) => s.counts));
  m = ok(await lead.put(media, { sender: 'lead', interview_bids: 'shared', press_notice: '', version: 0 }), 200);
  // Someone who is no longer HMCPSI's Chief Inspector speaks for it no
  // longer: the plan is short of HMCPSI again until they are.
  const before = ok(await admin.get(`/api/v1/users/${people.cps_chief.id}`), 200);
  const demoted = ok(await admin.patch(`/api/v1/users/${people.cps_chief.id}`, { roles: ['inspector'], version: before.version }), 200);
  try {
    m = ok(await lead.get(media), 200);
    assert.deepEqual(m.without_spokesperson, ['HMCPSI']);
    assert.equal(m.spokespeople.find((s) => s.id === cpsChief.id).counts, false);
    const short = await lead.put(media, { sender: 'each_inspectorate', interview_bids: 'shared', press_notice: '', version: m.version });
    assert.equal(short.status, 409, short.text);
    assert.match(short.json.detail, /HMCPSI/);
  } finally {
    ok(await admin.patch(`/api/v1/users/${people.cps_chief.id}`, { roles: ['chief_inspector'], version: demoted.version }), 200);
  }
  m = ok(await lead.get(media), 200);
  assert.deepEqual(m.without_spokesperson, []);
});

test('M47_post_publication_activity_recorded_by_the_team', async () => {
  const { people } = ctx.who;
  const i = await stageSeven();
  const base = `/api/v1/inspections/${i.id}/activities`;
  const empty = await people.cps_lead.post(base, {});
  assert.equal(empty.status, 400);
  assert.deepEqual(fieldsOf(empty).sort(), ['activity', 'held_on', 'led_by']);
  const made = ok(await people.cps_lead.post(base, { activity: 'round_table', held_on: day(40), led_by: 'HM Chief Inspector of the CPS', details: 'x'.repeat(20000) }));
  const changed = ok(await people.cps_lead.patch(`/api/v1/publication-activities/${made.id}`, { activity: 'launch_event', version: made.version }), 200);
  assert.equal(changed.activity, 'launch_event');
  assert.equal(changed.details.length, 20000);
  const list = ok(await people.police_lead.get(base), 200);
  assert.equal(list.total, 1);
  const outsider = await people.probation_rep.get(base);
  assert.equal(outsider.status, 404, outsider.text);
});
