// Stage 6's approval chain through the API (M 37-40; R11): each step is
// bound to the version of the report (sections, findings, recommendations)
// it was submitted on and lapses when any of them changes; the steps go in
// order; the submitter does not approve for their own inspectorate; an
// approval of a version not the newest is refused with nothing saved;
// critical readers are named, asked, given a deadline, and every response
// answered before the final sign-off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signIn } from '../support/server.mjs';
import { journeyPeople, journey, day } from '../support/inspection_journey.mjs';

const ctx = {};
let steps;
before(async () => {
  ctx.server = await startServer();
  ctx.who = await journeyPeople(ctx.server, {
    domain: 'approvals.test',
    extra: [
      ['police_rep2', 'HMICFRS', ['dg_representative']],
      ['police_hmi', 'HMICFRS', ['hm_inspector']],
      ['police_chief', 'HMICFRS', ['chief_inspector']],
      ['cps_chief', 'HMCPSI', ['chief_inspector']],
    ],
  });
  steps = journey(ctx.who);
  const bodies = await ctx.who.admin.get('/api/v1/bodies?type=national_agency&limit=100');
  ctx.homeOffice = bodies.json.items.find((b) => b.name === 'Home Office');
});
after(async () => ctx.server?.stop());

const fieldsOf = (res) => (res.json?.errors ?? []).map((e) => e.field);
const view = async (id) => (await ctx.who.people.police_lead.get(`/api/v1/inspections/${id}`)).json;
const chain = async (id) => ok(await ctx.who.people.police_lead.get(`/api/v1/inspections/${id}/approvals`), 200);
function ok(res, status = 201) {
  assert.equal(res.status, status, res.text);
  return res.json;
}

// An inspection in stage 6 with its one section drafted, a finding on the
// evidence and a recommendation answering it.
async function drafted() {
  const { people } = ctx.who;
  const lead = people.police_lead;
  const i = await steps.start();
  await steps.throughFieldwork(i.id);
  await steps.throughFindings(i.id);
  const v = await view(i.id);
  ok(await lead.post(`/api/v1/report-sections/${v.report_sections[0].id}/drafts`, { based_on: 0, text: 'Hostility is rarely evidenced.' }));
  const finding = ok(await lead.post(`/api/v1/inspections/${i.id}/findings`, { statement: 'Hostility is rarely evidenced in files', evidence_ids: v.evidence.map((e) => e.id) }));
  const rec = ok(await lead.post(`/api/v1/inspections/${i.id}/recommendations`, {
    kind: 'recommendation', owner_id: ctx.homeOffice.id, action: 'Flag hate crime', measure: 'Audit of files', due_on: day(200), finding_ids: [finding.id],
  }));
  return { i, finding, rec, section: v.report_sections[0] };
}

const submit = (client, i, step) => client.post(`/api/v1/inspections/${i.id}/approval-steps`, { step });
const approve = (client, i, step, version) => client.post(`/api/v1/inspections/${i.id}/approvals`, { step, version });

test('R11_approvals_are_bound_to_the_version', async () => {
  const { people } = ctx.who;
  const { i, finding, rec, section } = await drafted();
  const before = await chain(i.id);
  assert.equal(before.steps[0].state, 'not_submitted');
  const submitted = ok(await submit(people.police_rep, i, 'agreement'));
  assert.equal(submitted.content_version, before.version);
  // A version that is not the newest: refused, naming the rule, nothing saved.
  const stale = await approve(people.cps_rep, i, 'agreement', before.version + 1);
  assert.equal(stale.status, 409, stale.text);
  assert.equal(stale.json.rule, 'R11');
  assert.equal((await chain(i.id)).steps[0].approvals.length, 0);
  ok(await approve(people.cps_rep, i, 'agreement', before.version));
  // A change to a finding lapses it: shown lapsed with what changed.
  ok(await people.police_lead.patch(`/api/v1/findings/${finding.id}`, { statement: 'Hostility is seldom evidenced in files', version: finding.version }), 200);
  let now = await chain(i.id);
  assert.notEqual(now.version, before.version);
  assert.equal(now.steps[0].state, 'lapsed');
  assert.deepEqual(now.steps[0].changes_since, [{ item: 'finding', id: finding.id, change: 'changed' }]);
  const lapsed = await approve(people.police_rep2, i, 'agreement', now.version);
  assert.equal(lapsed.status, 409);
  assert.equal(lapsed.json.rule, 'R11');
  // Asked again on the new version; then a change to the recommendation
  // and to a section's text lapse it too.
  ok(await submit(people.police_rep, i, 'agreement'));
  assert.equal((await chain(i.id)).steps[0].state, 'awaiting');
  ok(await people.police_lead.patch(`/api/v1/recommendations/${rec.id}`, { measure: 'An audit of 100 files', version: rec.version }), 200);
  now = await chain(i.id);
  assert.equal(now.steps[0].state, 'lapsed');
  assert.equal(now.steps[0].changes_since[0].item, 'recommendation');
  ok(await submit(people.police_rep, i, 'agreement'));
  ok(await people.police_lead.post(`/api/v1/report-sections/${section.id}/drafts`, { based_on: 1, text: 'Hostility is seldom evidenced.' }));
  now = await chain(i.id);
  assert.equal(now.steps[0].state, 'lapsed');
  assert.deepEqual(now.steps[0].changes_since, [{ item: 'section', id: section.id, change: 'changed' }]);
});

test('submitter_cannot_approve_alone', async () => {
  const { people } = ctx.who;
  const { i } = await drafted();
  ok(await submit(people.police_rep, i, 'agreement'));
  const { version } = await chain(i.id);
  const own = await approve(people.police_rep, i, 'agreement', version);
  assert.equal(own.status, 403, own.text);
  assert.equal(own.json.rule, 'submitter-cannot-approve-alone');
  // Another representative of the same inspectorate approves it.
  ok(await approve(people.police_rep2, i, 'agreement', version));
  const twice = await approve(people.police_rep2, i, 'agreement', version);
  assert.equal(twice.json.rule, 'already-approved');
});

test('M37_M38_M39_M40_the_chain_goes_in_order_to_the_final_sign_off', async () => {
  const { people } = ctx.who;
  const { i } = await drafted();
  const lead = people.police_lead;
  // Nothing before the representatives agree.
  const early = await submit(lead, i, 'approval');
  assert.equal(early.status, 409);
  assert.equal(early.json.rule, 'R18');
  ok(await submit(lead, i, 'agreement'));
  let { version } = await chain(i.id);
  // Only a Development Group representative agrees (M 37).
  const chief = await approve(people.cps_chief, i, 'agreement', version);
  assert.equal(chief.status, 403);
  assert.equal(chief.json.rule, 'approver-role');
  ok(await approve(people.police_rep, i, 'agreement', version));
  assert.equal((await submit(lead, i, 'approval')).json.rule, 'R18');
  ok(await approve(people.cps_rep, i, 'agreement', version));
  ok(await submit(lead, i, 'approval'));
  // Only an HM Inspector or Chief Inspector approves (M 38); readers not
  // yet sent the report.
  assert.equal((await approve(people.police_rep, i, 'approval', version)).json.rule, 'approver-role');
  ok(await approve(people.police_hmi, i, 'approval', version));
  const reader = ok(await lead.post(`/api/v1/inspections/${i.id}/critical-readers`, {
    name: 'Dr Ada Reader', organisation: 'University of Leeds', scope: 'more', asked: 'Whether the recommendations can be achieved', deadline: day(14), outcome: 'none',
  }));
  assert.equal((await submit(lead, i, 'critical_reading')).json.rule, 'R18');
  const tooSoon = await lead.patch(`/api/v1/critical-readers/${reader.id}`, { response: 'Fine', version: reader.version });
  assert.equal(tooSoon.status, 409, tooSoon.text);
  assert.equal(tooSoon.json.rule, 'R18');
  ok(await approve(people.cps_chief, i, 'approval', version));
  ok(await submit(lead, i, 'critical_reading'));
  // Every response answered before the final sign-off (M 39).
  assert.equal((await submit(lead, i, 'sign_off')).json.rule, 'R18');
  const responded = ok(await lead.patch(`/api/v1/critical-readers/${reader.id}`, { response: 'March is too soon', version: reader.version }), 200);
  assert.equal((await submit(lead, i, 'sign_off')).json.rule, 'R18');
  const noReason = await lead.patch(`/api/v1/critical-readers/${reader.id}`, { outcome: 'not_accepted', version: responded.version });
  assert.equal(noReason.status, 400);
  assert.deepEqual(fieldsOf(noReason), ['reason']);
  ok(await lead.patch(`/api/v1/critical-readers/${reader.id}`, { outcome: 'not_accepted', reason: 'The owner agreed March in writing', version: responded.version }), 200);
  ok(await submit(lead, i, 'sign_off'));
  ({ version } = await chain(i.id));
  ok(await approve(people.police_chief, i, 'sign_off', version));
  let v = await view(i.id);
  assert.equal(v.stages[5].checks.find((c) => /^Final sign-off/.test(c.label)).done, false);
  ok(await approve(people.cps_chief, i, 'sign_off', version));
  const done = await chain(i.id);
  assert.equal(done.steps_complete, 4);
  assert.deepEqual(done.steps.map((s) => s.state), ['complete', 'complete', 'complete', 'complete']);
  v = await view(i.id);
  assert.equal(v.stages[5].checks.find((c) => /^Final sign-off/.test(c.label)).done, true);
});

test('a_report_awaiting_an_inspectorates_approval_is_on_the_home_page_of_those_who_give_it', async () => {
  const { people } = ctx.who;
  const { i } = await drafted();
  const { title } = (await view(i.id)).inspection;
  // Each person's home page, as they see it signed in.
  const pages = {};
  const awaits = async (client) => {
    const key = Object.keys(people).find((k) => people[k] === client);
    pages[key] ??= (await signIn(ctx.server.base, `${key}@approvals.test`, client.password)).client;
    const home = await pages[key].get('/');
    assert.equal(home.status, 200);
    const at = home.text.indexOf('Reports awaiting your approval');
    return at >= 0 && home.text.indexOf(title, at) >= 0;
  };
  assert.equal(await awaits(people.police_rep), false);
  ok(await submit(people.police_lead, i, 'agreement'));
  // The representatives of both inspectorates agree; nobody else.
  assert.equal(await awaits(people.police_rep), true);
  assert.equal(await awaits(people.cps_rep), true);
  assert.equal(await awaits(people.police_hmi), false);
  const { version } = await chain(i.id);
  ok(await approve(people.police_rep, i, 'agreement', version));
  assert.equal(await awaits(people.police_rep), false);
  assert.equal(await awaits(people.police_rep2), false);
  assert.equal(await awaits(people.cps_rep), true);
  ok(await approve(people.cps_rep, i, 'agreement', version));
  ok(await submit(people.police_lead, i, 'approval'));
  assert.equal(await awaits(people.cps_rep), false);
  assert.equal(await awaits(people.police_hmi), true);
  assert.equal(await awaits(people.cps_chief), true);
});

test('approvals_bad_input_is_refused_every_field_named', async () => {
  const { people } = ctx.who;
  const { i } = await drafted();
  const lead = people.police_lead;
  const none = await lead.post(`/api/v1/inspections/${i.id}/approval-steps`, {});
  assert.equal(none.status, 400);
  assert.deepEqual(fieldsOf(none), ['step']);
  assert.equal((await submit(lead, i, 'publish')).status, 400);
  const bad = await lead.post(`/api/v1/inspections/${i.id}/approvals`, { step: 'critical_reading', version: 'x' });
  assert.equal(bad.status, 400);
  assert.deepEqual(fieldsOf(bad).sort(), ['step', 'version']);
  // A reader: empty, bad, and 20,000 characters.
  const empty = await lead.post(`/api/v1/inspections/${i.id}/critical-readers`, { name: '', scope: 'more', asked: '', deadline: '', outcome: 'none' });
  assert.equal(empty.status, 400, empty.text);
  assert.deepEqual(fieldsOf(empty).sort(), ['asked', 'deadline', 'name']);
  const wrong = await lead.post(`/api/v1/inspections/${i.id}/critical-readers`, { name: 'A', scope: 'all', deadline: '2026-02-30', outcome: 'none' });
  assert.deepEqual(fieldsOf(wrong).sort(), ['deadline', 'scope']);
  const long = await lead.post(`/api/v1/inspections/${i.id}/critical-readers`, { name: 'A', scope: 'more', asked: 'x'.repeat(20001), deadline: day(10), outcome: 'none' });
  assert.deepEqual(fieldsOf(long), ['asked']);
  const longest = ok(await lead.post(`/api/v1/inspections/${i.id}/critical-readers`, { name: 'A', scope: 'more', asked: 'x'.repeat(20000), deadline: day(10), outcome: 'none' }));
  // Saved unchanged: the same version.
  const same = ok(await lead.patch(`/api/v1/critical-readers/${longest.id}`, { name: 'A', version: longest.version }), 200);
  assert.equal(same.version, longest.version);
  // Only the lead's team names readers; others of a participating
  // inspectorate read them.
  assert.equal((await people.cps_lead.post(`/api/v1/inspections/${i.id}/critical-readers`, { name: 'B', scope: 'factual_accuracy', deadline: day(10), outcome: 'none' })).status, 403);
  assert.equal((await people.cps_lead.get(`/api/v1/critical-readers/${longest.id}`)).status, 200);
  // Someone of an inspectorate not taking part neither submits nor approves.
  assert.equal((await submit(people.probation_rep, i, 'agreement')).status, 404);
});
