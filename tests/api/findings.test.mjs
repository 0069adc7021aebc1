// Stage 5 of a joint thematic inspection through the API (R17, R18, R11):
// the emerging-findings meeting counts only with every participating
// inspectorate present, the report structure it records is agreed by every
// inspectorate and lapses when it changes, and every inspectorate agrees
// that the quality assurance of the evidence is done, on the register as it
// is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signIn } from '../support/server.mjs';
import { journeyPeople, journey, day } from '../support/inspection_journey.mjs';

const ctx = {};
let steps;
before(async () => {
  ctx.server = await startServer();
  ctx.who = await journeyPeople(ctx.server);
  steps = journey(ctx.who);
});
after(async () => ctx.server?.stop());

const fieldsOf = (res) => (res.json?.errors ?? []).map((e) => e.field);
const view = async (id) => (await ctx.who.people.police_lead.get(`/api/v1/inspections/${id}`)).json;
const stage5 = (v) => v.stages[4];

test('stage_order_the_emerging_findings_meeting_waits_for_stage_four', async () => {
  const { people } = ctx.who;
  const i = await steps.start();
  await steps.stageOne(i.id);
  const early = await people.police_lead.patch(`/api/v1/inspections/${i.id}/findings-meeting`, { held_on: day(0), version: 1 });
  assert.equal(early.status, 409, early.text);
  assert.equal(early.json.rule, 'stage-order');
  assert.match(early.json.detail, /quality-assured by every inspectorate/);
  assert.equal(stage5(await view(i.id)).progress, 'cannot_start_yet');
});

test('R17_the_emerging_findings_meeting_counts_only_with_every_inspectorate_present', async () => {
  const { people, cj } = ctx.who;
  const i = await steps.start();
  await steps.throughFieldwork(i.id);
  let v = await view(i.id);
  assert.equal(stage5(v).progress, 'not_started');
  assert.equal(v.findings_meeting, null, 'not recorded yet: saved the first time at version 1');
  // Only the lead records the meeting (R11); bad values are named at once.
  const notLead = await people.cps_lead.patch(`/api/v1/inspections/${i.id}/findings-meeting`, { held_on: day(0), version: 1 });
  assert.equal(notLead.status, 403);
  const bad = await people.police_lead.patch(`/api/v1/inspections/${i.id}/findings-meeting`, {
    held_on: '31 June', sharing: 'shared', shared: '', version: 1,
  });
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(fieldsOf(bad).sort(), ['held_on', 'shared'], 'every error at once');
  const what = await people.police_lead.patch(`/api/v1/inspections/${i.id}/findings-meeting`, { sharing: 'shared', version: 1 });
  assert.equal(what.status, 400, what.text);
  assert.equal(what.json.errors[0].rule, 'shared-what');
  const long = await people.police_lead.patch(`/api/v1/inspections/${i.id}/findings-meeting`, { sharing: 'shared', shared: 'x'.repeat(20001), version: 1 });
  assert.deepEqual(fieldsOf(long), ['shared']);
  const saved = await people.police_lead.patch(`/api/v1/inspections/${i.id}/findings-meeting`, {
    held_on: day(0), dg_involvement: 'Both representatives took part', sharing: 'shared', shared: 'x'.repeat(20000), version: 1,
  });
  assert.equal(saved.status, 200, saved.text);
  // HMICFRS alone present: the meeting does not count (R17), and the
  // structure cannot go for agreement, every missing part named.
  const police = await people.police_lead.post(`/api/v1/inspections/${i.id}/meeting-attendance`, { inspectorate_id: cj.HMICFRS, attendees: 'Lead inspector and representative' });
  assert.equal(police.status, 201, police.text);
  // Each inspectorate records its own presence; the others' is refused.
  const forOther = await people.cps_lead.post(`/api/v1/inspections/${i.id}/meeting-attendance`, { inspectorate_id: cj.HMICFRS, attendees: 'Them' });
  assert.equal(forOther.status, 403);
  const outsider = await people.police_lead.post(`/api/v1/inspections/${i.id}/meeting-attendance`, { inspectorate_id: cj.HMIPROBATION, attendees: 'Someone' });
  assert.deepEqual(fieldsOf(outsider), ['inspectorate_id']);
  const twice = await people.police_lead.post(`/api/v1/inspections/${i.id}/meeting-attendance`, { inspectorate_id: cj.HMICFRS, attendees: 'Again' });
  assert.equal(twice.json.errors[0].rule, 'already-recorded');
  v = await view(i.id);
  assert.deepEqual(v.meeting_absent, [cj.HMCPSI]);
  const held = () => stage5(v).checks.find((c) => c.rule === 'R17');
  assert.equal(held().done, false);
  const refused = await people.police_lead.post(`/api/v1/inspections/${i.id}/report-structure-agreement`);
  assert.equal(refused.status, 409, refused.text);
  assert.equal(refused.json.rule, 'R17');
  assert.deepEqual(fieldsOf(refused), ['attendance', 'sections']);
  assert.match(refused.json.detail, /record HMCPSI at the meeting/);
  // HMCPSI records itself present: the meeting counts.
  const cps = await people.cps_lead.post(`/api/v1/inspections/${i.id}/meeting-attendance`, { inspectorate_id: cj.HMCPSI, attendees: 'Lead inspector' });
  assert.equal(cps.status, 201, cps.text);
  v = await view(i.id);
  assert.deepEqual(v.meeting_absent, []);
  assert.equal(held().done, true);
  assert.equal(stage5(v).progress, 'in_progress');
  // Neither can see or touch another's meeting from outside the inspection.
  assert.equal((await people.probation_rep.get(`/api/v1/inspections/${i.id}`)).status, 404);
  assert.equal((await people.probation_rep.delete(`/api/v1/meeting-attendance/${cps.json.id}?version=1`)).status, 404);
});

test('R11_the_report_structure_is_agreed_by_every_inspectorate_and_lapses_when_it_changes', async () => {
  const { people, cj } = ctx.who;
  const i = await steps.start();
  await steps.throughFieldwork(i.id);
  await people.police_lead.patch(`/api/v1/inspections/${i.id}/findings-meeting`, {
    held_on: day(0), dg_involvement: 'Both representatives', sharing: 'nothing', version: 1,
  });
  for (const code of ['HMICFRS', 'HMCPSI']) {
    const rep = code === 'HMICFRS' ? people.police_rep : people.cps_rep;
    assert.equal((await rep.post(`/api/v1/inspections/${i.id}/meeting-attendance`, { inspectorate_id: cj[code], attendees: 'Representative' })).status, 201);
  }
  // Sections: the lead's; a contributor must take part; errors all at once.
  const empty = await people.police_lead.post(`/api/v1/inspections/${i.id}/report-sections`, {});
  assert.equal(empty.status, 400);
  assert.deepEqual(fieldsOf(empty).sort(), ['position', 'title']);
  const other = await people.police_lead.post(`/api/v1/inspections/${i.id}/report-sections`, { position: 1, title: 'Probation', contributor_id: cj.HMIPROBATION });
  assert.deepEqual(fieldsOf(other), ['contributor_id']);
  assert.equal(other.json.errors[0].rule, 'not-participating');
  assert.equal((await people.cps_lead.post(`/api/v1/inspections/${i.id}/report-sections`, { position: 1, title: 'Charging' })).status, 403);
  // The first section comes first; one added before it moves it down.
  const gap = await people.police_lead.post(`/api/v1/inspections/${i.id}/report-sections`, { position: 2, title: 'Charging', contributor_id: cj.HMCPSI });
  assert.deepEqual(fieldsOf(gap), ['position']);
  let second = await people.police_lead.post(`/api/v1/inspections/${i.id}/report-sections`, { position: 1, title: 'Charging', contributor_id: cj.HMCPSI });
  assert.equal(second.status, 201, second.text);
  const first = await people.police_lead.post(`/api/v1/inspections/${i.id}/report-sections`, { position: 1, title: 'Introduction' });
  assert.equal(first.status, 201, first.text);
  assert.equal(first.json.contributor_id, null, 'no contributor: every inspectorate jointly');
  let v = await view(i.id);
  assert.deepEqual(v.report_sections.map((s) => `${s.position} ${s.title}`), ['1 Introduction', '2 Charging'], 'in report order');
  second = { json: v.report_sections.find((s) => s.title === 'Charging') };
  const asked = await people.police_lead.post(`/api/v1/inspections/${i.id}/report-structure-agreement`);
  assert.equal(asked.status, 201, asked.text);
  await steps.agreeAll(asked.json.id);
  v = await view(i.id);
  assert.equal(v.structure_agreement, 'agreed');
  // A changed section lapses the agreement.
  const changed = await people.police_lead.patch(`/api/v1/report-sections/${second.json.id}`, { title: 'Charging decisions', version: second.json.version });
  assert.equal(changed.status, 200, changed.text);
  v = await view(i.id);
  assert.equal(v.structure_agreement, 'lapsed');
  const check = stage5(v).checks.find((c) => c.rule === 'R11');
  assert.equal(check.done, false);
  assert.equal(check.agreement, 'lapsed');
  // Answering a decision on a version since changed is refused.
  const again = await people.police_lead.post(`/api/v1/inspections/${i.id}/report-structure-agreement`);
  assert.equal(again.status, 201, again.text);
  await people.police_lead.delete(`/api/v1/report-sections/${first.json.id}?version=${first.json.version}`);
  const late = await people.police_rep.post(`/api/v1/decisions/${again.json.id}/responses`, { agree: true });
  assert.notEqual(late.status, 201, 'an agreement binds to the version asked');
});

test('R18_every_inspectorate_agrees_the_quality_assurance_of_the_evidence_as_the_register_is', async () => {
  const { people } = ctx.who;
  const i = await steps.start();
  await steps.throughFieldwork(i.id);
  assert.equal((await people.cps_lead.post(`/api/v1/inspections/${i.id}/evidence-assurance-agreement`)).status, 403, 'the lead asks');
  const asked = await people.police_lead.post(`/api/v1/inspections/${i.id}/evidence-assurance-agreement`);
  assert.equal(asked.status, 201, asked.text);
  await steps.agreeAll(asked.json.id);
  let v = await view(i.id);
  assert.equal(v.assurance_agreement, 'agreed');
  assert.equal(stage5(v).checks.find((c) => c.rule === 'R18').done, true);
  // A new item not yet quality-assured: the agreement lapses, and asking
  // again is refused until every inspectorate agrees the item (R15).
  // (The meeting is begun, so stage 5 stays open while the item waits.)
  const begun = await people.police_lead.patch(`/api/v1/inspections/${i.id}/findings-meeting`, { dg_involvement: 'Both representatives', version: 1 });
  assert.equal(begun.status, 200, begun.text);
  const item = await people.cps_lead.post(`/api/v1/inspections/${i.id}/evidence`, { method: 'document_review', gathered_on: day(0), summary: 'A late file' });
  assert.equal(item.status, 201, item.text);
  v = await view(i.id);
  assert.equal(v.assurance_agreement, 'lapsed');
  const early = await people.police_lead.post(`/api/v1/inspections/${i.id}/evidence-assurance-agreement`);
  assert.equal(early.status, 409, early.text);
  assert.equal(early.json.rule, 'R15');
});

// The meeting recorded in full, both inspectorates present, so the report
// structure may go for agreement once it has a section.
async function meetingHeld(i) {
  const { people, cj } = ctx.who;
  const saved = await people.police_lead.patch(`/api/v1/inspections/${i.id}/findings-meeting`, {
    held_on: day(0), dg_involvement: 'Both representatives', sharing: 'nothing', version: 1,
  });
  assert.equal(saved.status, 200, saved.text);
  const present = {};
  for (const [code, rep] of [['HMICFRS', people.police_rep], ['HMCPSI', people.cps_rep]]) {
    const res = await rep.post(`/api/v1/inspections/${i.id}/meeting-attendance`, { inspectorate_id: cj[code], attendees: 'Representative' });
    assert.equal(res.status, 201, res.text);
    present[code] = res.json;
  }
  return present;
}

const order = async (i) => (await view(i.id)).report_sections.map((s) => `${s.position} ${s.title}`);

test('section_order_report_sections_stay_numbered_one_to_n_as_they_are_added_moved_and_removed', async () => {
  const { people } = ctx.who;
  const lead = people.police_lead;
  const i = await steps.start();
  await steps.throughFieldwork(i.id);
  await meetingHeld(i);
  const add = async (position, title) => {
    const res = await lead.post(`/api/v1/inspections/${i.id}/report-sections`, { position, title });
    assert.equal(res.status, 201, res.text);
    return res.json;
  };
  await add(1, 'Introduction');
  await add(2, 'Findings');
  await add(3, 'Conclusions');
  // Inserting at a position shifts the rest down one.
  const context = await add(2, 'Context');
  assert.deepEqual(await order(i), ['1 Introduction', '2 Context', '3 Findings', '4 Conclusions']);
  // Past the end is refused at its field, with every other error at once.
  const past = await lead.post(`/api/v1/inspections/${i.id}/report-sections`, { position: 6, title: '' });
  assert.equal(past.status, 400, past.text);
  assert.deepEqual(fieldsOf(past).sort(), ['position', 'title']);
  assert.equal(past.json.errors.find((e) => e.field === 'position').rule, 'section-order');
  assert.match(past.json.errors.find((e) => e.field === 'position').message, /from 1 to 5/);
  // Agreed, then moved: the others shift, and the agreement lapses (R11).
  await steps.agreeAll((await lead.post(`/api/v1/inspections/${i.id}/report-structure-agreement`)).json.id);
  assert.equal((await view(i.id)).structure_agreement, 'agreed');
  const findings = (await view(i.id)).report_sections.find((s) => s.title === 'Findings');
  const moved = await lead.patch(`/api/v1/report-sections/${findings.id}`, { position: 1, version: findings.version });
  assert.equal(moved.status, 200, moved.text);
  assert.deepEqual(await order(i), ['1 Findings', '2 Introduction', '3 Context', '4 Conclusions']);
  assert.equal((await view(i.id)).structure_agreement, 'lapsed');
  // A section moved by another's change is a new version of it: a form
  // read before that is stale.
  const stale = await lead.patch(`/api/v1/report-sections/${context.id}`, { title: 'Background', version: context.version });
  assert.equal(stale.status, 409, stale.text);
  const beyond = await lead.patch(`/api/v1/report-sections/${findings.id}`, { position: 5, version: moved.json.version });
  assert.deepEqual(fieldsOf(beyond), ['position']);
  // Removing one closes the gap.
  const intro = (await view(i.id)).report_sections.find((s) => s.title === 'Introduction');
  assert.equal((await lead.delete(`/api/v1/report-sections/${intro.id}?version=${intro.version}`)).status, 204);
  assert.deepEqual(await order(i), ['1 Findings', '2 Context', '3 Conclusions']);
});

test('every_form_error_at_once_a_report_section_form_with_a_position_in_words_names_the_empty_title_too', async () => {
  const { people } = ctx.who;
  const i = await steps.start();
  await steps.throughFieldwork(i.id);
  await meetingHeld(i);
  const { client } = await signIn(ctx.server.base, 'police_lead@journey.test', people.police_lead.password);
  const pages = client.undocumented('the emerging findings page');
  const long = 'c'.repeat(20001);
  const sent = await pages.request('POST', `/inspections/${i.id}/findings/section`,
    new URLSearchParams([['position', 'abc'], ['title', ''], ['contributor_id', ''], ['covers', long]]).toString(),
    { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(sent.status, 400, sent.text.slice(0, 500));
  const summary = [...sent.text.matchAll(/<a href="#(position|title|covers)">([^<]*)<\/a>/g)].map((m) => m[1]);
  assert.deepEqual(summary, ['position', 'title', 'covers'], 'every error at once, each once');
  assert.match(sent.text, /Enter the position in the report as a whole number/);
  assert.ok(sent.text.includes('value="abc"') && sent.text.includes(long), 'what was typed kept');
  assert.equal((await view(i.id)).report_sections.length, 0, 'nothing added');
});

test('own-inspectorate: only the inspectorate present removes its presence at the meeting, the lead too only its own', async () => {
  const { people } = ctx.who;
  const i = await steps.start();
  await steps.throughFieldwork(i.id);
  const present = await meetingHeld(i);
  const cps = present.HMCPSI;
  const byLead = await people.police_lead.delete(`/api/v1/meeting-attendance/${cps.id}?version=${cps.version}`);
  assert.equal(byLead.status, 403, byLead.text);
  assert.equal(byLead.json.rule, 'own-inspectorate');
  assert.deepEqual((await view(i.id)).meeting_absent, []);
  const police = present.HMICFRS;
  assert.equal((await people.police_lead.delete(`/api/v1/meeting-attendance/${police.id}?version=${police.version}`)).status, 204);
  assert.equal((await people.cps_lead.delete(`/api/v1/meeting-attendance/${cps.id}?version=${cps.version}`)).status, 204);
  assert.equal((await view(i.id)).meeting_absent.length, 2);
});
