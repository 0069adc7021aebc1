// Stage 6 of a joint thematic inspection through the API (R18, R19, M 36):
// findings rest on the evidence register and say how triangulated they
// are; recommendations are SMART, every missing part named at once; an
// inspection led by HMI Prisons raises concerns, not recommendations; each
// engagement with an owner is recorded on its recommendation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { journeyPeople, journey, day } from '../support/inspection_journey.mjs';

const ctx = {};
let steps;
before(async () => {
  ctx.server = await startServer();
  ctx.who = await journeyPeople(ctx.server, { domain: 'recommendations.test' });
  steps = journey(ctx.who);
  const bodies = await ctx.who.admin.get('/api/v1/bodies?type=national_agency&limit=100');
  ctx.homeOffice = bodies.json.items.find((b) => b.name === 'Home Office');
  assert.ok(ctx.homeOffice, 'the Home Office is in the directory');
});
after(async () => ctx.server?.stop());

const fieldsOf = (res) => (res.json?.errors ?? []).map((e) => e.field);
const view = async (id) => (await ctx.who.people.police_lead.get(`/api/v1/inspections/${id}`)).json;
const stage6 = (v) => v.stages[5];

// An inspection through stage 5, with a second evidence item gathered by
// the other inspectorate by another method.
async function inStageSix() {
  const { people } = ctx.who;
  const i = await steps.start();
  await steps.throughFieldwork(i.id);
  const second = await people.police_lead.post(`/api/v1/inspections/${i.id}/evidence`, {
    method: 'data', gathered_on: day(0), summary: 'Hate crime flags in half the records',
  });
  assert.equal(second.status, 201, second.text);
  for (const rep of [people.police_rep, people.cps_rep]) {
    const r = await rep.post(`/api/v1/evidence/${second.json.id}/reviews`, { version: second.json.version, state: 'agreed' });
    assert.equal(r.status, 201, r.text);
  }
  await steps.throughFindings(i.id);
  const evidence = (await view(i.id)).evidence.map((e) => e.id);
  return { i, evidence };
}

test('findings_a_finding_rests_on_evidence_and_one_on_a_single_source_is_flagged', async () => {
  const { people } = ctx.who;
  const lead = people.police_lead;
  const early = await steps.start();
  await steps.stageOne(early.id);
  const refused = await lead.post(`/api/v1/inspections/${early.id}/findings`, { statement: 'Too soon', evidence_ids: [1] });
  assert.equal(refused.status, 409, refused.text);
  assert.equal(refused.json.rule, 'stage-order');

  const { i, evidence } = await inStageSix();
  assert.equal(stage6(await view(i.id)).progress, 'not_started');
  // Every error at once: no statement, no evidence.
  const empty = await lead.post(`/api/v1/inspections/${i.id}/findings`, { statement: '', evidence_ids: [] });
  assert.equal(empty.status, 400, empty.text);
  assert.deepEqual(fieldsOf(empty).sort(), ['evidence_ids', 'statement']);
  assert.equal(empty.json.errors.find((e) => e.field === 'evidence_ids').rule, 'findings-evidence');
  const missing = await lead.post(`/api/v1/inspections/${i.id}/findings`, { statement: 'x' });
  assert.deepEqual(fieldsOf(missing), ['evidence_ids']);
  const stranger = await lead.post(`/api/v1/inspections/${i.id}/findings`, { statement: 'x', evidence_ids: [999999] });
  assert.equal(stranger.json.errors[0].rule, 'not-in-register');
  const long = await lead.post(`/api/v1/inspections/${i.id}/findings`, { statement: 'x'.repeat(20001), evidence_ids: [evidence[0]] });
  assert.deepEqual(fieldsOf(long), ['statement']);
  // Only the lead's team records findings.
  const other = await people.cps_lead.post(`/api/v1/inspections/${i.id}/findings`, { statement: 'x', evidence_ids: [evidence[0]] });
  assert.equal(other.status, 403);

  const single = await lead.post(`/api/v1/inspections/${i.id}/findings`, { statement: 'x'.repeat(20000), evidence_ids: [evidence[0]] });
  assert.equal(single.status, 201, single.text);
  const both = await lead.post(`/api/v1/inspections/${i.id}/findings`, { statement: 'Hostility is rarely evidenced in files', evidence_ids: evidence });
  assert.equal(both.status, 201, both.text);
  const list = (await lead.get(`/api/v1/inspections/${i.id}/findings`)).json;
  assert.equal(list.total, 2);
  const [one, two] = list.items;
  assert.deepEqual([one.single_source, one.methods, one.inspectorates], [true, 1, 1]);
  assert.deepEqual([two.single_source, two.methods, two.inspectorates], [false, 2, 2]);
  assert.deepEqual([...two.evidence_ids].sort(), [...evidence].sort());
  // Every finding rests on evidence: stage 6's first check is done.
  const checks = stage6(await view(i.id)).checks;
  assert.equal(checks.find((c) => c.label === 'Findings linked to evidence').done, true);
  assert.equal(checks.find((c) => c.label === 'Recommendations SMART').done, false);
  // Changed, and saved unchanged.
  const changed = await lead.patch(`/api/v1/findings/${two.id}`, { statement: 'Hostility is seldom evidenced', version: two.version });
  assert.equal(changed.status, 200, changed.text);
  const same = await lead.patch(`/api/v1/findings/${two.id}`, { statement: 'Hostility is seldom evidenced', version: changed.json.version });
  assert.equal(same.json.version, changed.json.version);
});

test('R18_a_recommendation_missing_an_owner_a_measure_or_a_date_is_refused_naming_each', async () => {
  const lead = ctx.who.people.police_lead;
  const { i, evidence } = await inStageSix();
  const finding = (await lead.post(`/api/v1/inspections/${i.id}/findings`, { statement: 'Flags are missed', evidence_ids: evidence })).json;
  const empty = await lead.post(`/api/v1/inspections/${i.id}/recommendations`, { kind: 'recommendation', finding_ids: [] });
  assert.equal(empty.status, 400, empty.text);
  assert.deepEqual(fieldsOf(empty).sort(), ['action', 'due_on', 'finding_ids', 'measure', 'owner_id']);
  for (const e of empty.json.errors) assert.equal(e.rule, 'smart', e.field);
  const past = await lead.post(`/api/v1/inspections/${i.id}/recommendations`, {
    kind: 'recommendation', owner_id: ctx.homeOffice.id, action: 'Act', measure: 'Measured', due_on: day(0), finding_ids: [finding.id],
  });
  assert.deepEqual(fieldsOf(past), ['due_on']);
  const bad = await lead.post(`/api/v1/inspections/${i.id}/recommendations`, {
    kind: 'recommendation', owner_id: 999999, action: 'x'.repeat(20001), measure: 'Measured', due_on: '2027-02-30', finding_ids: [999999],
  });
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(fieldsOf(bad).sort(), ['action', 'due_on', 'finding_ids[0]', 'owner_id'], 'every error at once');
  assert.equal(bad.json.errors.find((e) => e.field === 'finding_ids[0]').rule, 'not-a-finding');
  const made = await lead.post(`/api/v1/inspections/${i.id}/recommendations`, {
    kind: 'recommendation', owner_id: ctx.homeOffice.id, action: 'Publish joint guidance on flagging hate crime',
    measure: 'Guidance published; flags audited in a year', due_on: day(180), finding_ids: [finding.id],
  });
  assert.equal(made.status, 201, made.text);
  // A change that blanks a part is refused too.
  const blanked = await lead.patch(`/api/v1/recommendations/${made.json.id}`, { measure: ' ', version: made.json.version });
  assert.equal(blanked.status, 400, blanked.text);
  assert.equal(blanked.json.errors[0].rule, 'smart');
  // Engagement with its owner on the wording (M 36).
  const future = await lead.post(`/api/v1/recommendations/${made.json.id}/engagements`, { engaged_on: day(3), who: 'Policing minister\'s office' });
  assert.deepEqual(fieldsOf(future), ['engaged_on']);
  const none = await lead.post(`/api/v1/recommendations/${made.json.id}/engagements`, {});
  assert.deepEqual(fieldsOf(none).sort(), ['engaged_on', 'who']);
  const met = await lead.post(`/api/v1/recommendations/${made.json.id}/engagements`, {
    engaged_on: day(0), who: 'Head of hate crime policy', how: 'A meeting', said: 'Agrees, asks for twelve months',
  });
  assert.equal(met.status, 201, met.text);
  const list = (await lead.get(`/api/v1/inspections/${i.id}/recommendations`)).json;
  assert.equal(list.raises, 'recommendation');
  assert.deepEqual(list.items[0].finding_ids, [finding.id]);
  assert.equal(list.items[0].engagements[0].who, 'Head of hate crime policy');
  assert.equal(stage6(await view(i.id)).checks.find((c) => c.label === 'Recommendations SMART').done, true);
});

test('R19_an_inspection_led_by_hmi_prisons_raises_concerns_not_recommendations', async () => {
  const { admin, cj } = ctx.who;
  const lead = ctx.who.people.police_lead;
  const { i, evidence } = await inStageSix();
  const finding = (await lead.post(`/api/v1/inspections/${i.id}/findings`, { statement: 'Flags are missed', evidence_ids: evidence })).json;
  // The lead inspectorate writes concerns, as HMI Prisons does.
  const style = async (findings) => {
    const now = (await admin.get(`/api/v1/inspectorates/${cj.HMICFRS}`)).json;
    const res = await admin.patch(`/api/v1/inspectorates/${cj.HMICFRS}`, { findings, version: now.version });
    assert.equal(res.status, 200, res.text);
  };
  await style('concerns');
  try {
    const smart = {
      owner_id: ctx.homeOffice.id, action: 'Act', measure: 'Measured', due_on: day(90), finding_ids: [finding.id],
    };
    const asRecommendation = await lead.post(`/api/v1/inspections/${i.id}/recommendations`, { ...smart, kind: 'recommendation' });
    assert.equal(asRecommendation.status, 400, asRecommendation.text);
    assert.deepEqual(fieldsOf(asRecommendation), ['kind']);
    assert.equal(asRecommendation.json.errors[0].rule, 'R19');
    assert.match(asRecommendation.json.errors[0].message, /concerns, not recommendations/);
    const missing = await lead.post(`/api/v1/inspections/${i.id}/recommendations`, { kind: 'concern', finding_ids: [finding.id] });
    assert.match(missing.json.errors.find((e) => e.field === 'owner_id').message, /owns the concern/);
    const concern = await lead.post(`/api/v1/inspections/${i.id}/recommendations`, { ...smart, kind: 'concern' });
    assert.equal(concern.status, 201, concern.text);
    assert.equal((await lead.get(`/api/v1/inspections/${i.id}/recommendations`)).json.raises, 'concern');
    assert.ok(stage6(await view(i.id)).checks.some((c) => c.label === 'Concerns SMART'));
  } finally {
    await style('recommendations');
  }
  // And the other way: a concern where the lead makes recommendations.
  const asConcern = await lead.post(`/api/v1/inspections/${i.id}/recommendations`, {
    kind: 'concern', owner_id: ctx.homeOffice.id, action: 'Act', measure: 'Measured', due_on: day(90), finding_ids: [finding.id],
  });
  assert.equal(asConcern.json.errors[0].rule, 'R19');
});
