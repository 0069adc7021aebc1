// Stage 5 of a joint thematic inspection through the API (R17, R18, R11):
// the emerging-findings meeting counts only with every participating
// inspectorate present, the report structure it records is agreed by every
// inspectorate and lapses when it changes, and every inspectorate agrees
// that the quality assurance of the evidence is done, on the register as it
// is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
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
  const second = await people.police_lead.post(`/api/v1/inspections/${i.id}/report-sections`, { position: 2, title: 'Charging', contributor_id: cj.HMCPSI });
  assert.equal(second.status, 201, second.text);
  const first = await people.police_lead.post(`/api/v1/inspections/${i.id}/report-sections`, { position: 1, title: 'Introduction' });
  assert.equal(first.status, 201, first.text);
  assert.equal(first.json.contributor_id, null, 'no contributor: every inspectorate jointly');
  let v = await view(i.id);
  assert.deepEqual(v.report_sections.map((s) => s.title), ['Introduction', 'Charging'], 'in report order');
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
