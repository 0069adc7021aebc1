// Stage 5's evaluation of how the joint inspection worked through the API
// (R17; M 29, M 32) and the lessons-learned register across inspections
// (principle 10): the team and the Development Group representatives
// evaluate, once per heading, each changing only their own; the lead's
// team records the lessons; the stage 5 check is done once both have
// evaluated and a lesson is recorded; the register is read, filtered and
// paged by the people of the four inspectorates and the secretariat only,
// and downloaded as CSV and XLSX; every change is audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, userClient } from '../support/server.mjs';
import { journeyPeople, journey } from '../support/inspection_journey.mjs';

const ctx = {};
let steps;
before(async () => {
  ctx.server = await startServer();
  ctx.who = await journeyPeople(ctx.server, { domain: 'lessons.test' });
  steps = journey(ctx.who);
});
after(async () => ctx.server?.stop());

const fieldsOf = (res) => (res.json?.errors ?? []).map((e) => e.field).sort();

async function inStageFive() {
  const i = await steps.start();
  await steps.throughFieldwork(i.id);
  return i;
}

function evaluationCheck(view) {
  const five = view.stages.find((s) => s.number === 5);
  return five.checks.find((c) => c.label === 'Evaluation of how the joint inspection worked');
}

test('R17_the_team_and_the_development_group_evaluate_and_the_lead_records_lessons', async () => {
  const { people } = ctx.who;
  const i = await inStageFive();
  const base = `/api/v1/inspections/${i.id}/evaluations`;
  const mine = await people.police_director.post(base, {
    theme: 'joint_working', worked: 'Joint pairs at every site', not_worked: 'Evidence shared late',
  });
  assert.equal(mine.status, 201, mine.text);
  assert.equal(mine.json.capacity, 'team');
  assert.equal(mine.json.evaluator_id, people.police_director.id);
  assert.equal(mine.json.inspectorate_id, ctx.who.cj.HMICFRS);
  const dg = await people.cps_rep.post(base, { theme: 'communication', not_worked: 'Too many e-mails' });
  assert.equal(dg.status, 201, dg.text);
  assert.equal(dg.json.capacity, 'development_group');
  // Not on the team and not a representative of an inspectorate taking part.
  const outsider = await people.probation_rep.post(base, { theme: 'joint_working', worked: 'x' });
  assert.equal(outsider.status, 404, outsider.text);
  // Once per heading; something said; the limits kept; every error at once.
  const twice = await people.police_director.post(base, { theme: 'joint_working', worked: 'Again' });
  assert.equal(twice.status, 400, twice.text);
  assert.deepEqual(fieldsOf(twice), ['theme']);
  assert.equal(twice.json.errors[0].rule, 'already-evaluated');
  const empty = await people.police_director.post(base, { theme: 'timetable' });
  assert.equal(empty.status, 400, empty.text);
  assert.deepEqual(fieldsOf(empty), ['worked']);
  const long = await people.police_director.post(base, { theme: 'timetable', worked: 'x'.repeat(20001), not_worked: 'y'.repeat(20001) });
  assert.equal(long.status, 400, long.text);
  assert.deepEqual(fieldsOf(long), ['not_worked', 'worked']);
  const bad = await people.police_director.post(base, { theme: 'weather', worked: 'x' });
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(fieldsOf(bad), ['theme']);
  // Only whoever gave it changes or removes it; a stale version is refused.
  const other = await people.cps_rep.patch(`/api/v1/evaluations/${mine.json.id}`, { worked: 'Mine now', version: mine.json.version });
  assert.equal(other.status, 403, other.text);
  assert.equal(other.json.rule, 'own-evaluation');
  const changed = await people.police_director.patch(`/api/v1/evaluations/${mine.json.id}`, { worked: 'Joint pairs at most sites', version: mine.json.version });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.json.not_worked, 'Evidence shared late');
  const stale = await people.police_director.patch(`/api/v1/evaluations/${mine.json.id}`, { worked: 'Stale', version: mine.json.version });
  assert.equal(stale.status, 409, stale.text);

  let listed = await people.cps_lead.get(base);
  assert.equal(listed.status, 200, listed.text);
  assert.equal(listed.json.evaluations.length, 2);
  assert.equal(listed.json.evaluated, false);
  assert.deepEqual(listed.json.still_to_do, ['No lesson has been recorded from the evaluation yet']);

  // The lead's team records the lessons; another inspectorate does not.
  const lesson = { theme: 'evidence', stage: 'fieldwork', learned: 'Evidence reached HMCPSI a week late', differently: 'Share the register daily during fieldwork' };
  const notLead = await people.cps_lead.post(`/api/v1/inspections/${i.id}/lessons`, lesson);
  assert.equal(notLead.status, 403, notLead.text);
  const missing = await people.police_lead.post(`/api/v1/inspections/${i.id}/lessons`, { theme: 'evidence', stage: 'stage9' });
  assert.equal(missing.status, 400, missing.text);
  assert.deepEqual(fieldsOf(missing), ['differently', 'learned', 'stage']);
  const recorded = await people.police_lead.post(`/api/v1/inspections/${i.id}/lessons`, lesson);
  assert.equal(recorded.status, 201, recorded.text);
  listed = await people.cps_lead.get(base);
  assert.equal(listed.json.evaluated, true);
  assert.deepEqual(listed.json.still_to_do, []);
  const view = await people.cps_lead.get(`/api/v1/inspections/${i.id}`);
  assert.equal(evaluationCheck(view.json).done, true);
  assert.equal(evaluationCheck(view.json).rule ?? '', '');

  // Changed unchanged: every field comes back as it was.
  const same = await people.police_lead.patch(`/api/v1/lessons/${recorded.json.id}`, { ...lesson, version: recorded.json.version });
  assert.equal(same.status, 200, same.text);
  for (const k of Object.keys(lesson)) assert.equal(same.json[k], lesson[k], k);

  // Every change is in the audit trail.
  const trail = await ctx.who.admin.get(`/api/v1/audit/entries?entity_type=lesson&entity_id=${recorded.json.id}`);
  assert.equal(trail.status, 200, trail.text);
  assert.ok(trail.json.total >= 1, trail.text);
  const evaluations = await ctx.who.admin.get(`/api/v1/audit/entries?entity_type=evaluation&entity_id=${mine.json.id}`);
  assert.ok(evaluations.json.total >= 2, evaluations.text);

  // A removal, by whoever gave it.
  const gone = await people.cps_rep.delete(`/api/v1/evaluations/${dg.json.id}?version=${dg.json.version}`);
  assert.equal(gone.status, 204, gone.text);
  listed = await people.cps_lead.get(base);
  assert.equal(listed.json.evaluated, false);
});

test('R17_no_evaluation_before_stage_5_opens', async () => {
  const { people } = ctx.who;
  const i = await steps.start();
  await steps.stageOne(i.id);
  const early = await people.police_director.post(`/api/v1/inspections/${i.id}/evaluations`, { theme: 'joint_working', worked: 'x' });
  assert.equal(early.status, 409, early.text);
  assert.equal(early.json.rule, 'stage-order');
});

test('lessons-readers: the register is read, filtered and paged by the four inspectorates and the secretariat only', async () => {
  const { people, admin } = ctx.who;
  const i = await inStageFive();
  const post = (body) => people.police_lead.post(`/api/v1/inspections/${i.id}/lessons`, body);
  const a = (await post({ theme: 'timetable', stage: 'planning', learned: 'Fieldwork clashed with summer leave', differently: 'Check peak leave first' })).json;
  const b = (await post({ theme: 'timetable', stage: 'report', learned: 'Critical readers had too little time', differently: 'Allow three weeks' })).json;
  const c = (await post({ theme: 'report', stage: 'report', learned: 'Red lines were found late', differently: 'Agree red lines at scoping' })).json;
  const reader = people.cps_deputy;
  const all = await reader.get('/api/v1/lessons?limit=100');
  assert.equal(all.status, 200, all.text);
  const ids = all.json.items.map((x) => x.lesson.id);
  assert.ok(ids.indexOf(c.id) < ids.indexOf(b.id) && ids.indexOf(b.id) < ids.indexOf(a.id), 'newest first');
  const found = all.json.items.find((x) => x.lesson.id === a.id);
  assert.equal(found.inspection_title, i.title);
  const timetable = await reader.get('/api/v1/lessons?theme=timetable&limit=100');
  assert.ok(timetable.json.items.every((x) => x.lesson.theme === 'timetable'));
  assert.ok(timetable.json.items.some((x) => x.lesson.id === a.id));
  const both = await reader.get('/api/v1/lessons?theme=timetable&stage=report&limit=100');
  assert.deepEqual(both.json.items.filter((x) => x.lesson.inspection_id === i.id).map((x) => x.lesson.id), [b.id]);
  const paged = await reader.get('/api/v1/lessons?limit=1&offset=1');
  assert.equal(paged.json.items.length, 1);
  assert.equal(paged.json.offset, 1);
  assert.ok(paged.json.total >= 3);
  const one = await reader.get(`/api/v1/lessons/${a.id}`);
  assert.equal(one.status, 200, one.text);
  assert.equal(one.json.learned, 'Fieldwork clashed with summer leave');
  // Bad filters are refused, each named.
  const bad = await reader.get('/api/v1/lessons?theme=weather&stage=');
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(fieldsOf(bad), ['stage', 'theme']);
  // The secretariat reads it; a partner inspectorate's people, someone
  // speaking for no inspectorate and the public do not.
  const secretariat = await userClient(ctx.server, admin, 'secretariat@lessons.test', ['secretariat']);
  assert.equal((await secretariat.get('/api/v1/lessons')).status, 200);
  const partners = await admin.get('/api/v1/inspectorates?limit=100');
  const ofsted = partners.json.items.find((x) => x.kind !== 'criminal_justice');
  const partner = await userClient(ctx.server, admin, 'partner@lessons.test', ['inspector'], { inspectorate_id: ofsted.id });
  const refused = await partner.get('/api/v1/lessons');
  assert.equal(refused.status, 403, refused.text);
  assert.equal(refused.json.rule, 'lessons-readers');
  assert.equal((await partner.get(`/api/v1/lessons/${a.id}`)).status, 403);
  assert.equal((await partner.get('/api/v1/lessons.csv')).status, 403);
  // CSV and XLSX, filtered as the list is.
  const csv = await reader.get('/api/v1/lessons.csv?theme=report');
  assert.equal(csv.status, 200, csv.text);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.ok(csv.text.includes('Red lines were found late'));
  assert.ok(!csv.text.includes('Fieldwork clashed with summer leave'));
  const xlsx = await reader.get('/api/v1/lessons.xlsx');
  assert.equal(xlsx.status, 200);
  assert.equal(String.fromCharCode(xlsx.bytes[0], xlsx.bytes[1]), 'PK');
});
