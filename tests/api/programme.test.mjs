// Programme planning through the API (R1-R8): proposals, qualifying tests,
// criteria and scores, the optimiser, joint decisions, Ministers' comments
// and the business plan files, against the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useServer, userClient, startServer, adminClient, scratchDir, isoDay as day, openRound, signIn, ADMIN_PASSWORD } from '../support/server.mjs';

const cj = {};  // code -> inspectorate id
const reps = {};  // code -> client of that inspectorate's representative
let partner;  // a partner inspectorate's id (CQC)
let plan;

function fieldsOf(res) {
  return (res.json?.errors ?? []).map((e) => e.field);
}

function proposal(overrides = {}) {
  return {
    title: 'Joint thematic on remand',
    summary: 'How well police, CPS and prisons manage remand.',
    scope_and_purpose: 'Remand decisions and their outcomes in four areas.',
    main_question: 'Are remand decisions timely and fair?',
    type: 'joint_thematic',
    participants: [
      { inspectorate_id: cj.HMICFRS, involvement: 'lead', effort_days: 120 },
      { inspectorate_id: cj.HMCPSI, involvement: 'support', effort_days: 40 },
    ],
    focus: ['bringing_offenders_to_justice', 'victim_and_witness_experience'],
    duration_quarters: 2,
    contributes_to_improvement: true,
    outcome_focused: true,
    user_perspective: true,
    ...overrides,
  };
}

async function waitForRun(client, id) {
  for (let i = 0; i < 300; ++i) {
    const run = await client.get(`/api/v1/optimiser-runs/${id}`);
    if (run.json.state === 'finished' || run.json.state === 'failed') return run.json;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the optimiser run did not finish');
}

async function agreeAll(id, codes = ['HMICFRS', 'HMCPSI', 'HMIPROBATION', 'HMIPRISONS']) {
  let last;
  for (const code of codes) {
    last = await reps[code].post(`/api/v1/decisions/${id}/responses`, { agree: true });
    assert.equal(last.status, 201, last.text);
  }
  return last.json;
}

const ctx = useServer(async (ctx) => {
  const all = await ctx.admin.get('/api/v1/inspectorates?limit=100');
  for (const i of all.json.items) {
    if (i.kind === 'criminal_justice' && i.closed_year === null) cj[i.code] = i.id;
    if (i.code === 'CQC') partner = i.id;
  }
  for (const code of Object.keys(cj)) {
    reps[code] = await userClient(ctx.server, ctx.admin, `dg.${code.toLowerCase()}@example.gov.uk`,
      ['dg_representative'], { inspectorate_id: cj[code] });
  }
  const created = await ctx.admin.post('/api/v1/plans', {
    first_year: 2030,
    introduction: 'Our joint programme.',
    min_process_coverage: 0,
    capacity: Object.values(cj).map((id) => ({ inspectorate_id: id, days_per_quarter: 100 })),
  });
  assert.equal(created.status, 201, created.text);
  plan = created.json;
});

test('R2_R4_criteria_sets_ship_as_data_and_weights_must_sum_to_one', async () => {
  const sets = await ctx.admin.get('/api/v1/criteria-sets');
  const framework = sets.json.items.find((s) => s.code === 'framework');
  const probation = sets.json.items.find((s) => s.code === 'probation-thematic');
  assert.ok(framework && probation);
  assert.equal(probation.inspectorate_id, cj.HMIPROBATION);
  for (const s of [framework, probation]) {
    const sum = s.criteria.reduce((a, c) => a + c.weight, 0);
    assert.ok(Math.abs(sum - 1) < 1e-9, `${s.code} weights sum to ${sum}`);
  }
  assert.ok(framework.criteria.some((c) => c.name === 'Added value of joint working'));
  assert.ok(probation.criteria.some((c) => c.name === 'Time since last inspection'));

  const bad = await ctx.admin.post('/api/v1/criteria-sets', {
    code: 'bad', name: 'Bad', criteria: [{ name: 'A', weight: 0.5 }, { name: 'B', weight: 0.2 }],
  });
  assert.equal(bad.status, 400);
  assert.ok(fieldsOf(bad).includes('weights'), bad.text);
  const ahp = await ctx.admin.post('/api/v1/criteria-sets', {
    code: 'ahp-test', name: 'Pairwise', criteria: [{ name: 'Risk' }, { name: 'Impact' }, { name: 'Cost' }],
    pairwise: [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]],
  });
  assert.equal(ahp.status, 201, ahp.text);
  assert.equal(ahp.json.method, 'pairwise');
  assert.ok(ahp.json.consistency_ratio < 0.1 && ahp.json.consistent);
  assert.ok(ahp.json.criteria[0].weight > ahp.json.criteria[1].weight);
  const rep = await reps.HMICFRS.post('/api/v1/criteria-sets', { code: 'x', name: 'X', criteria: [{ name: 'A', weight: 1 }] });
  assert.equal(rep.status, 403);
});

test('bad proposals are refused naming the field, and nothing is saved', async () => {
  const before = (await ctx.admin.get('/api/v1/proposals')).json.total;
  const negative = await ctx.admin.post('/api/v1/proposals', proposal({
    participants: [{ inspectorate_id: cj.HMICFRS, involvement: 'lead', effort_days: -5 }],
  }));
  assert.equal(negative.status, 400);
  assert.deepEqual(fieldsOf(negative), ['participants[0].effort_days']);
  const absurd = await ctx.admin.post('/api/v1/proposals', proposal({
    participants: [{ inspectorate_id: cj.HMICFRS, involvement: 'lead', effort_days: 9999999 }],
  }));
  assert.equal(absurd.status, 400);
  const unknownLead = await ctx.admin.post('/api/v1/proposals', proposal({
    participants: [{ inspectorate_id: 999999, involvement: 'lead', effort_days: 10 }],
  }));
  assert.equal(unknownLead.status, 400);
  assert.equal(unknownLead.json.errors[0].rule, 'unknown-inspectorate');
  const noLead = await ctx.admin.post('/api/v1/proposals', proposal({
    participants: [{ inspectorate_id: cj.HMICFRS, involvement: 'support', effort_days: 10 }],
  }));
  assert.equal(noLead.status, 400);
  assert.ok(fieldsOf(noLead).includes('participants'));
  const badType = await ctx.admin.post('/api/v1/proposals', proposal({ type: 'audit' }));
  assert.equal(badType.status, 400);
  assert.deepEqual(fieldsOf(badType), ['type']);
  assert.equal((await ctx.admin.get('/api/v1/proposals')).json.total, before);
});

test('R1_qualifying_tests_show_which_test_fails_and_apply_only_to_joint_cj_inspections', async () => {
  const single = await ctx.admin.post('/api/v1/proposals', proposal({
    title: 'Single inspectorate idea',
    participants: [{ inspectorate_id: cj.HMICFRS, involvement: 'lead', effort_days: 20 }, { inspectorate_id: partner, involvement: 'support', effort_days: 5 }],
  }));
  assert.equal(single.status, 201, single.text);
  const view = await ctx.admin.get(`/api/v1/proposals/${single.json.id}`);
  assert.equal(view.json.qualifies, false);
  const failed = view.json.qualifying_tests.filter((t) => !t.passed).map((t) => t.test);
  assert.deepEqual(failed, ['two_or_more_cj_inspectorates']);
  assert.match(view.json.qualifying_tests[0].reason, /1 CJ inspectorate/);

  const collaborative = await ctx.admin.post('/api/v1/proposals', proposal({
    title: 'Partner-led collaboration', type: 'collaborative',
    participants: [{ inspectorate_id: partner, involvement: 'lead', effort_days: 20 }, { inspectorate_id: cj.HMIPRISONS, involvement: 'contribute', effort_days: 10 }],
  }));
  const c = await ctx.admin.get(`/api/v1/proposals/${collaborative.json.id}`);
  assert.equal(c.json.part, 'collaborative_work');
  assert.ok(c.json.qualifying_tests.every((t) => t.applies === false));
  assert.equal(c.json.qualifies, true);
});

test('each representative scores for their own inspectorate; combined score and spread are shown', async () => {
  const p = await ctx.admin.post('/api/v1/proposals', proposal({ title: 'Scored proposal' }));
  const set = (await ctx.admin.get(`/api/v1/criteria-sets/${plan.criteria_set_id}`)).json;
  const all = (v) => Object.fromEntries(set.criteria.map((c) => [String(c.id), v]));
  const a = await reps.HMICFRS.put(`/api/v1/proposals/${p.json.id}/scores`, { scores: all(5) });
  assert.equal(a.status, 200, a.text);
  const b = await reps.HMCPSI.put(`/api/v1/proposals/${p.json.id}/scores`, { scores: all(2) });
  assert.equal(b.json.count, 2);
  assert.equal(b.json.combined, 70);
  assert.equal(b.json.spread, 60);
  const unknown = await reps.HMCPSI.put(`/api/v1/proposals/${p.json.id}/scores`, { scores: { ...all(3), 999999: 4 } });
  assert.equal(unknown.status, 400);
  assert.ok(fieldsOf(unknown).includes('scores.999999'));
  assert.equal(unknown.json.errors.find((e) => e.field === 'scores.999999').rule, 'unknown-criterion');
  const outOfRange = await reps.HMCPSI.put(`/api/v1/proposals/${p.json.id}/scores`, { scores: all(7) });
  assert.equal(outOfRange.status, 400);
  assert.equal((await ctx.admin.put(`/api/v1/proposals/${p.json.id}/scores`, { scores: all(3) })).status, 403);
  const filtered = await ctx.admin.get('/api/v1/proposals?min_score=60&type=joint_thematic');
  assert.ok(filtered.json.items.some((x) => x.id === p.json.id));
  assert.ok(filtered.json.items.every((x) => x.scoring.combined >= 60));
  const badFilter = await ctx.admin.get('/api/v1/proposals?colour=red');
  assert.equal(badFilter.status, 400);
});

test('R6_the_optimiser_schedules_explains_and_an_adopted_run_needs_every_inspectorate', async () => {
  const set = (await ctx.admin.get(`/api/v1/criteria-sets/${plan.criteria_set_id}`)).json;
  const all = (v) => Object.fromEntries(set.criteria.map((c) => [String(c.id), v]));
  // Two big proposals that cannot both run in the same quarters.
  const high = await ctx.admin.post('/api/v1/proposals', proposal({ title: 'High priority', duration_quarters: 8,
    participants: [{ inspectorate_id: cj.HMIPRISONS, involvement: 'lead', effort_days: 640 }, { inspectorate_id: cj.HMIPROBATION, involvement: 'support', effort_days: 80 }] }));
  const low = await ctx.admin.post('/api/v1/proposals', proposal({ title: 'Low priority', duration_quarters: 8,
    participants: [{ inspectorate_id: cj.HMIPRISONS, involvement: 'lead', effort_days: 480 }, { inspectorate_id: cj.HMIPROBATION, involvement: 'support', effort_days: 80 }] }));
  await reps.HMIPRISONS.put(`/api/v1/proposals/${high.json.id}/scores`, { scores: all(5) });
  await reps.HMIPRISONS.put(`/api/v1/proposals/${low.json.id}/scores`, { scores: all(1) });

  const started = await ctx.admin.post(`/api/v1/plans/${plan.id}/optimiser-runs`, { time_limit_seconds: 20 });
  assert.equal(started.status, 202, started.text);
  const run = await waitForRun(ctx.admin, started.json.id);
  assert.equal(run.state, 'finished', JSON.stringify(run));
  assert.equal(run.result.proven_optimal, true);
  assert.ok(run.result.total_priority >= run.result.greedy_total_priority - 1e-6);
  // Proven at once: nothing left to improve, and stopping is refused.
  assert.equal(run.improving, false);
  const stop = await ctx.admin.post(`/api/v1/optimiser-runs/${run.id}/stop-improving`);
  assert.equal(stop.status, 409, stop.text);
  assert.match(stop.text, /no longer improving/);
  const chosen = run.result.chosen.map((c) => c.proposal_id);
  assert.ok(chosen.includes(high.json.id));
  assert.ok(!chosen.includes(low.json.id));
  const why = run.result.excluded.find((e) => e.proposal_id === low.json.id);
  assert.ok(why.reasons.some((r) => /HMI Prisons/.test(r)), JSON.stringify(why));
  assert.ok(why.displaced_by.some((d) => d.proposal_id === high.json.id));
  const prisons = run.result.capacity.find((c) => c.inspectorate_id === cj.HMIPRISONS);
  assert.equal(prisons.quarters.length, 8);
  assert.equal(prisons.quarters[0].capacity, 100);
  assert.ok(run.result.changes.some((c) => c.kind === 'added' && c.proposal_id === high.json.id));

  // Adopting it is a joint decision of every CJ inspectorate.
  const decision = await ctx.admin.post(`/api/v1/optimiser-runs/${run.id}/adopt`);
  assert.equal(decision.status, 201, decision.text);
  assert.equal(decision.json.concerned.length, 4);
  const again = await ctx.admin.post(`/api/v1/optimiser-runs/${run.id}/adopt`);
  assert.equal(again.status, 409);
  const mine = await reps.HMCPSI.get('/api/v1/decisions?awaiting=mine');
  assert.ok(mine.json.items.some((d) => d.id === decision.json.id));
  await agreeAll(decision.json.id, ['HMICFRS', 'HMCPSI', 'HMIPROBATION']);
  let current = await ctx.admin.get(`/api/v1/plans/${plan.id}`);
  assert.equal(current.json.state, 'draft');
  assert.equal(current.json.items.length, 0);
  const twice = await reps.HMICFRS.post(`/api/v1/decisions/${decision.json.id}/responses`, { agree: true });
  assert.equal(twice.status, 409);
  const last = await reps.HMIPRISONS.post(`/api/v1/decisions/${decision.json.id}/responses`, { agree: true });
  assert.equal(last.json.state, 'agreed');
  current = await ctx.admin.get(`/api/v1/plans/${plan.id}`);
  assert.equal(current.json.state, 'agreed');
  assert.deepEqual(current.json.items.map((i) => i.proposal_id).sort(), chosen.sort());

  // In-year: a newly commissioned item; work in progress stays where it is.
  await ctx.admin.patch(`/api/v1/proposals/${high.json.id}`, { version: (await ctx.admin.get(`/api/v1/proposals/${high.json.id}`)).json.version, status: 'in_progress' });
  const commissioned = await ctx.admin.post('/api/v1/proposals', proposal({ title: 'Commissioned by the Home Secretary', origin: 'commissioned_by_minister', duration_quarters: 1,
    participants: [{ inspectorate_id: cj.HMICFRS, involvement: 'lead', effort_days: 30 }, { inspectorate_id: cj.HMCPSI, involvement: 'support', effort_days: 10 }] }));
  await reps.HMICFRS.put(`/api/v1/proposals/${commissioned.json.id}/scores`, { scores: all(4) });
  const rerun = await waitForRun(ctx.admin, (await ctx.admin.post(`/api/v1/plans/${plan.id}/optimiser-runs`, {})).json.id);
  assert.equal(rerun.state, 'finished', JSON.stringify(rerun));
  assert.ok(rerun.result.changes.some((c) => c.kind === 'added' && c.proposal_id === commissioned.json.id));
  assert.ok(!rerun.result.changes.some((c) => c.proposal_id === high.json.id), 'work in progress did not move');
});

test('R3_forcing_a_proposal_needs_a_reason_and_every_concerned_inspectorate', async () => {
  const p = await ctx.admin.post('/api/v1/proposals', proposal({ title: 'To be forced out' }));
  const noReason = await ctx.admin.post(`/api/v1/proposals/${p.json.id}/force`, { forced: 'out' });
  assert.equal(noReason.status, 400);
  assert.equal(noReason.json.errors[0].field, 'reason');
  assert.equal(noReason.json.errors[0].rule, 'R3');
  const d = await ctx.admin.post(`/api/v1/proposals/${p.json.id}/force`, { forced: 'out', reason: 'Covered by a single-agency inspection this year' });
  const tooLong = await ctx.admin.post(`/api/v1/proposals/${p.json.id}/force`, { forced: 'out', reason: 'r'.repeat(20000) });
  assert.equal(tooLong.status, 400);
  assert.deepEqual(tooLong.json.errors.map((e) => [e.field, e.rule]), [['reason', 'max-length']]);
  assert.equal(d.status, 201, d.text);
  assert.deepEqual(d.json.concerned.sort(), [cj.HMICFRS, cj.HMCPSI].sort());
  // The decision says why it was asked for, and who asked.
  assert.equal(d.json.reason, 'Covered by a single-agency inspection this year');
  const me = await ctx.admin.get('/api/v1/me');
  assert.equal(d.json.raised_by, me.json.user?.id ?? me.json.id, d.text);
  const outsider = await reps.HMIPRISONS.post(`/api/v1/decisions/${d.json.id}/responses`, { agree: true });
  assert.equal(outsider.status, 403);
  await reps.HMICFRS.post(`/api/v1/decisions/${d.json.id}/responses`, { agree: true });
  assert.equal((await ctx.admin.get(`/api/v1/proposals/${p.json.id}`)).json.forced, 'none');
  await reps.HMCPSI.post(`/api/v1/decisions/${d.json.id}/responses`, { agree: true });
  const after = await ctx.admin.get(`/api/v1/proposals/${p.json.id}`);
  assert.equal(after.json.forced, 'out');
  assert.equal(after.json.forced_reason, 'Covered by a single-agency inspection this year');
  // Editing the proposal cannot lift the override.
  const edit = await ctx.admin.patch(`/api/v1/proposals/${p.json.id}`, { version: after.json.version, forced: 'none' });
  assert.equal(edit.status, 400);
});

test('R11_the_inspectorate_that_asks_has_agreed_by_asking', async () => {
  const p = await ctx.admin.post('/api/v1/proposals', proposal({ title: 'Forced in by its lead' }));
  const d = await reps.HMICFRS.post(`/api/v1/proposals/${p.json.id}/force`, { forced: 'in', reason: 'Ministerial priority' });
  assert.equal(d.status, 201, d.text);
  // HMICFRS asked, so it is not asked again; HMCPSI still is.
  assert.deepEqual(d.json.awaiting, [cj.HMCPSI], JSON.stringify(d.json));
  const mine = await reps.HMICFRS.get('/api/v1/decisions?awaiting=mine');
  assert.ok(!mine.json.items.some((x) => x.id === d.json.id), 'not awaiting the one who asked');
  const again = await reps.HMICFRS.post(`/api/v1/decisions/${d.json.id}/responses`, { agree: true });
  assert.equal(again.status, 409);
  const last = await reps.HMCPSI.post(`/api/v1/decisions/${d.json.id}/responses`, { agree: true });
  assert.equal(last.json.state, 'agreed', last.text);
  assert.equal((await ctx.admin.get(`/api/v1/proposals/${p.json.id}`)).json.forced, 'in');
});

test('R1_R2_a_proposal_that_does_not_yet_qualify_may_be_scored_and_its_scoring_page_says_why', async () => {
  const unready = await ctx.admin.post('/api/v1/proposals', proposal({ title: 'Not yet scoped', scope_and_purpose: '', outcome_focused: false }));
  assert.equal(unready.status, 201, unready.text);
  const { client: rep } = await signIn(ctx.server.base, 'dg.hmicfrs@example.gov.uk', reps.HMICFRS.password);
  const page = await rep.get(`/programme/proposals/${unready.json.id}/score`);
  assert.equal(page.status, 200, page.text);
  assert.match(page.text, /does not yet qualify for the long-list/);
  assert.match(page.text, /Add the scope and purpose/);
  assert.match(page.text, /its scores count once it qualifies/);
  const ready = await ctx.admin.post('/api/v1/proposals', proposal({ title: 'Scoped' }));
  assert.doesNotMatch((await rep.get(`/programme/proposals/${ready.json.id}/score`)).text, /does not yet qualify/);
});

test('Joint_decision_needs_every_inspectorate_and_any_can_decline_with_a_reason', async () => {
  const p = await ctx.admin.post('/api/v1/proposals', proposal({ title: 'To be forced in' }));
  const d = await ctx.admin.post(`/api/v1/proposals/${p.json.id}/force`, { forced: 'in', reason: 'Ministerial priority' });
  const bare = await reps.HMCPSI.post(`/api/v1/decisions/${d.json.id}/responses`, { agree: false });
  assert.equal(bare.status, 400);
  assert.equal(bare.json.errors[0].field, 'reason');
  const declined = await reps.HMCPSI.post(`/api/v1/decisions/${d.json.id}/responses`, { agree: false, reason: 'No capacity this year' });
  assert.equal(declined.json.state, 'declined');
  const late = await reps.HMICFRS.post(`/api/v1/decisions/${d.json.id}/responses`, { agree: true });
  assert.equal(late.status, 409);
  assert.equal((await ctx.admin.get(`/api/v1/proposals/${p.json.id}`)).json.forced, 'none');
  const secretariat = await ctx.admin.post(`/api/v1/decisions/${d.json.id}/responses`, { agree: true });
  assert.equal(secretariat.status, 403);
});

test('declined_decision_says_who_declined_and_why_that_others_need_not_answer_and_where_to_ask_again', async () => {
  const p = await ctx.admin.post('/api/v1/proposals', proposal({ title: 'Declined when forced in' }));
  const d = await ctx.admin.post(`/api/v1/proposals/${p.json.id}/force`, { forced: 'in', reason: 'Ministerial priority' });
  assert.equal(d.status, 201, d.text);
  const declined = await reps.HMCPSI.post(`/api/v1/decisions/${d.json.id}/responses`, { agree: false, reason: 'No capacity this year' });
  assert.equal(declined.json.state, 'declined');
  const { client } = await signIn(ctx.server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  const pages = client.undocumented('the decision, proposal and home pages');
  const who = /[^<>]+ declined for HMCPSI: No capacity this year/;
  const unescape = (text) => text.replaceAll('&#x2F;', '/');
  const decisions = unescape((await pages.get('/decisions')).text);
  const card = decisions.slice(decisions.indexOf(`id="decision-${d.json.id}"`));
  const cardText = card.slice(0, card.indexOf('</div>\n</div>'));
  assert.match(cardText, who);
  assert.doesNotMatch(cardText, /Awaiting/);
  assert.match(cardText, /Need not answer/);
  assert.match(cardText, new RegExp(`href="/programme/proposals/${p.json.id}">Change it and ask again`));
  const proposalPage = (await pages.get(`/programme/proposals/${p.json.id}`)).text;
  assert.match(proposalPage, /id="declined-force"/);
  assert.match(proposalPage, who);
  const home = unescape((await pages.get('/')).text);
  assert.match(home, new RegExp(`href="/programme/proposals/${p.json.id}">Change it and ask again`));
  assert.doesNotMatch(home, /An inspectorate declined/);
});

test('an infeasible programme names the conflicting commitments', async () => {
  const tight = await ctx.admin.post('/api/v1/plans', {
    first_year: 2040, capacity: [{ inspectorate_id: cj.HMCPSI, days_per_quarter: 10 }],
  });
  const commitment = (title) => proposal({ title, origin: 'pre_existing_commitment', earliest_start: '2040-41 Q1', duration_quarters: 8,
    participants: [{ inspectorate_id: cj.HMCPSI, involvement: 'lead', effort_days: 64 }, { inspectorate_id: cj.HMICFRS, involvement: 'support', effort_days: 0 }] });
  const a = await ctx.admin.post('/api/v1/proposals', commitment('Commitment A'));
  const b = await ctx.admin.post('/api/v1/proposals', commitment('Commitment B'));
  const run = await waitForRun(ctx.admin, (await ctx.admin.post(`/api/v1/plans/${tight.json.id}/optimiser-runs`, {})).json.id);
  assert.equal(run.state, 'failed');
  assert.equal(run.result.outcome, 'infeasible');
  const names = run.result.detail.commitments.map((c) => c.title).sort();
  assert.deepEqual(names, ['Commitment A', 'Commitment B']);
  assert.deepEqual(run.result.detail.capacities, ['HMCPSI']);
  assert.match(run.error, /Commitment A/);
  // Not part of later plans' business.
  for (const id of [a.json.id, b.json.id]) {
    const v = (await ctx.admin.get(`/api/v1/proposals/${id}`)).json;
    await ctx.admin.patch(`/api/v1/proposals/${id}`, { version: v.version, status: 'withdrawn' });
  }
});

test('R8_R10_the_plan_is_published_only_after_ministers_comments_are_answered_and_its_consultation_closed', async () => {
  const early = await ctx.admin.post(`/api/v1/plans/${plan.id}/publish`);
  assert.equal(early.status, 409);
  assert.equal(early.json.rule, 'R8');
  const sent = await ctx.admin.post(`/api/v1/plans/${plan.id}/send-to-ministers`);
  assert.equal(sent.status, 200, sent.text);
  assert.equal(sent.json.state, 'with_ministers');
  const notADay = await ctx.admin.post(`/api/v1/plans/${plan.id}/minister-comments`, {
    minister: 'Minister of State for Policing', received_on: '2030-02-30', comment: 'Please include rural crime.',
  });
  assert.equal(notADay.status, 400);
  assert.deepEqual(notADay.json.errors.map((e) => [e.field, e.rule]), [['received_on', 'date']]);
  let comment = await ctx.admin.post(`/api/v1/plans/${plan.id}/minister-comments`, {
    minister: 'Minister of State for Policing', received_on: day(1), comment: 'Please include rural crime.',
  });
  assert.equal(comment.status, 400, 'not received yet');
  assert.deepEqual(comment.json.errors.map((e) => [e.field, e.rule]), [['received_on', 'not-in-future']]);
  // Nor before the draft went to Ministers (today), with the other errors.
  const beforeSent = await ctx.admin.post(`/api/v1/plans/${plan.id}/minister-comments`, {
    minister: 'Minister of State for Policing', received_on: day(-1), comment: ' ',
  });
  assert.equal(beforeSent.status, 400, beforeSent.text);
  assert.deepEqual(beforeSent.json.errors.map((e) => [e.field, e.rule]).sort(), [['comment', 'required'], ['received_on', 'received-after-sent']]);
  const sentDay = new Date(`${day(0)}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const earliest = `on or after ${sentDay}, when the draft went to CJ Ministers`;
  assert.equal(beforeSent.json.errors.find((e) => e.field === 'received_on').message, `Date received must be ${earliest}`);
  // The form's hint gives the same earliest day, and so does its error.
  const { client: signedIn } = await signIn(ctx.server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  const pages = signedIn.undocumented('the plan page and its comment form');
  const hint = `id="received_on-hint">O${earliest.slice(1)}, and not after today. For example, ${day(0).split('-').map(Number).reverse().join(' ')}<`;
  assert.ok((await pages.get(`/plans/${plan.id}`)).text.includes(hint), 'the hint names the day it was sent');
  const refused = await pages.post(`/plans/${plan.id}/comments`,
    new URLSearchParams({ minister: 'Minister of State for Policing', received_on: day(-1), comment: 'Early' }).toString(),
    { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(refused.status, 400, refused.text.slice(0, 200));
  assert.ok(refused.text.includes(hint), 'the hint again');
  assert.ok(refused.text.includes(`Date received must be ${earliest}`), 'the error names the same day');
  comment = await ctx.admin.post(`/api/v1/plans/${plan.id}/minister-comments`, {
    minister: 'Minister of State for Policing', received_on: day(0), comment: 'Please include rural crime.',
  });
  assert.equal(comment.status, 201, comment.text);
  for (const received_on of ['2030-02-30', '2030-13-01', '2030-3-01', 'yesterday']) {
    const impossible = await ctx.admin.post(`/api/v1/plans/${plan.id}/minister-comments`, {
      minister: 'Minister of State for Policing', received_on, comment: 'Again.',
    });
    assert.equal(impossible.status, 400, `${received_on} is not a date`);
    assert.deepEqual(impossible.json.errors.map((e) => e.field), ['received_on']);
  }
  assert.equal((await ctx.admin.get(`/api/v1/plans/${plan.id}/minister-comments`)).json.total, 1);
  const unanswered = await ctx.admin.post(`/api/v1/plans/${plan.id}/publish`);
  assert.equal(unanswered.status, 409);
  assert.match(unanswered.json.detail, /no response/);
  // Too long and empty are told apart, the length said.
  const long = await ctx.admin.put(`/api/v1/plans/${plan.id}/minister-comments/${comment.json.id}/response`, { response: 'x'.repeat(20000), version: 1 });
  assert.equal(long.status, 400, long.text);
  assert.deepEqual(long.json.errors.map((e) => [e.field, e.rule]), [['response', 'max-length']]);
  assert.match(long.json.errors[0].message, /^Shorten the response to 10,000 characters or fewer \(it has 20,000\)$/);
  const empty = await ctx.admin.put(`/api/v1/plans/${plan.id}/minister-comments/${comment.json.id}/response`, { response: ' ', version: 1 });
  assert.deepEqual(empty.json.errors.map((e) => [e.field, e.rule, e.message]), [['response', 'required', 'Enter the response']]);
  const answered = await ctx.admin.put(`/api/v1/plans/${plan.id}/minister-comments/${comment.json.id}/response`, { response: 'Considered for next year.', version: 1 });
  assert.equal(answered.status, 200, answered.text);
  assert.equal(answered.json.version, 2);
  // Someone who read version 1 does not overwrite the answer unseen.
  const stale = await ctx.admin.put(`/api/v1/plans/${plan.id}/minister-comments/${comment.json.id}/response`, { response: 'Overwritten unseen.', version: 1 });
  assert.equal(stale.status, 409, stale.text);
  assert.equal(stale.json.rule, 'stale-version');
  assert.equal(stale.json.current.response, 'Considered for next year.');
  assert.equal(stale.json.current.version, 2);
  assert.deepEqual(stale.json.changes_since_your_version.map((c) => [c.version, c.fields]), [[2, ['response']]]);
  // R10: not before anyone has been consulted on its year ...
  const unconsulted = await ctx.admin.post(`/api/v1/plans/${plan.id}/publish`);
  assert.equal(unconsulted.status, 409, unconsulted.text);
  assert.equal(unconsulted.json.rule, 'R10');
  assert.match(unconsulted.json.detail, /Nobody has been consulted on 2030-31/);
  // ... nor while the consultation on its year still takes responses.
  const round = await ctx.admin.post('/api/v1/consultations', {
    title: 'Joint inspection programme 2030-31', first_year: 2030, years: 1, opens_on: day(-1), deadline: day(20),
    sections: [{ title: 'Priorities', questions: ['What should we inspect?'] }],
  });
  assert.equal(round.status, 201, round.text);
  await openRound(ctx.admin, round.json.id);
  const open = await ctx.admin.post(`/api/v1/plans/${plan.id}/publish`);
  assert.equal(open.status, 409, open.text);
  assert.equal(open.json.rule, 'R10');
  assert.match(open.json.detail, /takes responses until the end of/);
  assert.equal((await ctx.admin.get(`/api/v1/plans/${plan.id}`)).json.state, 'with_ministers');
  assert.equal((await ctx.admin.post(`/api/v1/consultations/${round.json.id}/close`)).status, 200);
  const published = await ctx.admin.post(`/api/v1/plans/${plan.id}/publish`);
  assert.equal(published.status, 200, published.text);
  assert.equal(published.json.state, 'published');
});

test("answers to Ministers' comments are frozen once the plan is published", async () => {
  const [comment] = (await ctx.admin.get(`/api/v1/plans/${plan.id}/minister-comments`)).json.items;
  assert.equal(comment.version, 2);
  const late = await ctx.admin.put(`/api/v1/plans/${plan.id}/minister-comments/${comment.id}/response`, { response: 'Changed after publication.', version: 2 });
  assert.equal(late.status, 409, late.text);
  assert.equal(late.json.rule, 'published-plan-frozen');
  const after = (await ctx.admin.get(`/api/v1/plans/${plan.id}/minister-comments`)).json.items[0];
  assert.equal(after.response, 'Considered for next year.');
});

// The words of a PDF, which is compared by what it says: its file also
// carries the moment it was made.
function pdfText(bytes) {
  const file = join(scratchDir('plan'), 'plan.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

test('published_plan_frozen_nothing_changes_a_published_plans_programme_or_text', async () => {
  const round = await ctx.admin.post('/api/v1/consultations', {
    title: 'Joint inspection programme 2091-92', first_year: 2091, years: 1, opens_on: day(-1), deadline: day(20),
    sections: [{ title: 'Priorities', questions: ['What should we inspect?'] }],
  });
  assert.equal(round.status, 201, round.text);
  await openRound(ctx.admin, round.json.id);
  const made = await ctx.admin.post('/api/v1/plans', {
    first_year: 2091, introduction: 'Our programme for 2091-92.', min_process_coverage: 0,
    capacity: Object.values(cj).map((id) => ({ inspectorate_id: id, days_per_quarter: 400 })),
  });
  assert.equal(made.status, 201, made.text);
  const id = made.json.id;
  const work = await ctx.admin.post('/api/v1/proposals', proposal({ title: 'Remand in 2091', earliest_start: '2091-92 Q1' }));
  assert.equal(work.status, 201, work.text);
  const set = (await ctx.admin.get(`/api/v1/criteria-sets/${made.json.criteria_set_id}`)).json;
  await reps.HMICFRS.put(`/api/v1/proposals/${work.json.id}/scores`, { scores: Object.fromEntries(set.criteria.map((c) => [String(c.id), 5])) });
  const runOnce = async () => {
    const started = await ctx.admin.post(`/api/v1/plans/${id}/optimiser-runs`, { time_limit_seconds: 5 });
    assert.equal(started.status, 202, started.text);
    const run = await waitForRun(ctx.admin, started.json.id);
    assert.equal(run.state, 'finished', JSON.stringify(run));
    return run;
  };
  const adopted = await runOnce();
  await agreeAll((await ctx.admin.post(`/api/v1/optimiser-runs/${adopted.id}/adopt`)).json.id);
  // A question asked before publication, answered after it.
  const pending = await ctx.admin.post(`/api/v1/optimiser-runs/${(await runOnce()).id}/adopt`);
  assert.equal(pending.status, 201, pending.text);
  for (const code of ['HMICFRS', 'HMCPSI', 'HMIPROBATION']) {
    assert.equal((await reps[code].post(`/api/v1/decisions/${pending.json.id}/responses`, { agree: true })).status, 201);
  }
  // And the proposal forced out, asked and partly agreed before publication.
  const forcing = await ctx.admin.post(`/api/v1/proposals/${work.json.id}/force`, { forced: 'out', reason: 'Covered by a single-agency inspection' });
  assert.equal(forcing.status, 201, forcing.text);
  assert.equal((await reps.HMICFRS.post(`/api/v1/decisions/${forcing.json.id}/responses`, { agree: true })).status, 201);
  const later = await runOnce();
  assert.equal((await ctx.admin.post(`/api/v1/plans/${id}/send-to-ministers`)).status, 200);
  assert.equal((await ctx.admin.post(`/api/v1/consultations/${round.json.id}/close`)).status, 200);
  const published = await ctx.admin.post(`/api/v1/plans/${id}/publish`);
  assert.equal(published.status, 200, published.text);

  const snapshot = async () => ({
    plan: (await ctx.admin.get(`/api/v1/plans/${id}`)).json,
    pdf: pdfText((await ctx.admin.request('GET', `/api/v1/plans/${id}/business-plan.pdf`)).bytes),
    docx: (await ctx.admin.request('GET', `/api/v1/plans/${id}/business-plan.docx`)).text,
    released: await (await fetch(`${ctx.server.base}/business-plans/${id}`)).text(),
  });
  const before = await snapshot();
  assert.match(before.released, /Remand in 2091/);
  assert.match(before.pdf, /Remand in 2091/);
  const frozen = (res, what) => {
    assert.equal(res.status, 409, `${what}: ${res.text}`);
    assert.equal(res.json.rule, 'published-plan-frozen', what);
    assert.match(res.json.detail, /The 2091-92 business plan was published on \d{1,2} [A-Z][a-z]+ \d{4}/, what);
    assert.match(res.json.detail, /plan further work in the 2092-93 business plan/, what);
  };
  frozen(await ctx.admin.patch(`/api/v1/plans/${id}`, { version: before.plan.version, introduction: 'Rewritten.' }), 'the texts');
  frozen(await ctx.admin.patch(`/api/v1/plans/${id}`, { version: before.plan.version, capacity: [] }), 'the capacity');
  frozen(await ctx.admin.post(`/api/v1/plans/${id}/optimiser-runs`, { time_limit_seconds: 5 }), 'a new run');
  frozen(await ctx.admin.post(`/api/v1/optimiser-runs/${later.id}/adopt`), 'asking to adopt a run');
  frozen(await ctx.admin.post(`/api/v1/optimiser-runs/${later.id}/use-as-draft`), 'a run as the draft');
  frozen(await reps.HMIPRISONS.post(`/api/v1/decisions/${pending.json.id}/responses`, { agree: true }), 'the last agreement');
  frozen(await reps.HMCPSI.post(`/api/v1/decisions/${forcing.json.id}/responses`, { agree: true }), 'the last agreement to force it out');
  frozen(await ctx.admin.post(`/api/v1/proposals/${work.json.id}/force`, { forced: 'in', reason: 'Asked after publication' }), 'forcing it in');
  const p = (await ctx.admin.get(`/api/v1/proposals/${work.json.id}`)).json;
  const renamed = await ctx.admin.patch(`/api/v1/proposals/${work.json.id}`, {
    version: p.version, title: 'Renamed after publication', duration_quarters: 3,
  });
  frozen(renamed, 'the proposal');
  assert.deepEqual(renamed.json.errors.map((e) => [e.field, e.rule]), [['title', 'published-plan-frozen'], ['duration_quarters', 'published-plan-frozen']]);
  // What the plan does not publish still changes.
  const skills = await ctx.admin.patch(`/api/v1/proposals/${work.json.id}`, { version: p.version, specialist_skills: 'Custody experts' });
  assert.equal(skills.status, 200, skills.text);
  const after = await snapshot();
  assert.deepEqual(after.plan, before.plan);
  assert.equal(after.pdf, before.pdf);
  assert.equal(after.docx, before.docx);
  assert.equal(after.released, before.released);
  assert.equal((await ctx.admin.get(`/api/v1/decisions/${pending.json.id}`)).json.state, 'awaiting');
  // The pages offer none of it, and say why.
  const { client } = await signIn(ctx.server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  const pages = client.undocumented('the plan and run pages');
  const planPage = (await pages.get(`/plans/${id}`)).text;
  assert.doesNotMatch(planPage, /Run the optimiser|\/plans\/\d+\/edit/);
  assert.match(planPage, /id="plan-frozen">The 2091-92 business plan was published on/);
  const runPage = (await pages.get(`/runs/${later.id}`)).text;
  assert.doesNotMatch(runPage, /Make this the draft programme|Ask every inspectorate to agree this programme/);
  assert.match(runPage, /id="plan-frozen">The 2091-92 business plan was published on/);
  // The run whose programme was published says so, and shows no difference.
  const publishedRun = (await pages.get(`/runs/${adopted.id}`)).text;
  assert.match(publishedRun, /This run&#39;s programme is the published programme of the 2091-92 business plan|This run's programme is the published programme of the 2091-92 business plan/);
  assert.doesNotMatch(publishedRun, /Difference from/);
  // The address of asking for agreement, opened, leads to where it is asked.
  const approval = await pages.get(`/plans/${id}/approval`);
  assert.equal(approval.status, 303, approval.text);
  assert.equal(approval.headers.get('location'), `/plans/${id}#agreement`);
  assert.match(planPage, /id="agreement"/);
});

test('the business plan downloads as DOCX and PDF, the programme as XLSX and CSV', async () => {
  const docx = await ctx.admin.request('GET', `/api/v1/plans/${plan.id}/business-plan.docx`);
  assert.equal(docx.status, 200);
  assert.match(docx.headers.get('content-type'), /wordprocessingml/);
  assert.match(docx.headers.get('content-disposition'), /business-plan-2030-31\.docx/);
  assert.equal(docx.text.slice(0, 2), 'PK');
  assert.ok(docx.text.includes('word/document.xml'));
  const pdf = await ctx.admin.request('GET', `/api/v1/plans/${plan.id}/business-plan.pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.text.slice(0, 5), '%PDF-');
  const xlsx = await ctx.admin.request('GET', `/api/v1/plans/${plan.id}/programme.xlsx`);
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.text.slice(0, 2), 'PK');
  const csv = await ctx.admin.request('GET', `/api/v1/plans/${plan.id}/programme.csv`);
  assert.equal(csv.text.charCodeAt(0), 0xfeff);
  assert.match(csv.text, /Part,Subject,Type,Lead inspectorate,Others involved,Timing,Description/);
  assert.match(csv.text, /High priority/);
});

test('R7_the_demo_2017_18_plan_lists_the_seeds_work_streams_leads_and_others', async () => {
  const demo = await startServer({ extraArgs: ['--demo'] });
  try {
    const admin = await adminClient(demo);
    const plans = await admin.get('/api/v1/plans');
    const p2017 = plans.json.items.find((p) => p.first_year === 2017);
    assert.ok(p2017);
    const full = await admin.get(`/api/v1/plans/${p2017.id}`);
    assert.equal(full.json.items.length, 17);
    const csv = (await admin.request('GET', `/api/v1/plans/${p2017.id}/programme.csv`)).text;
    assert.match(csv, /Continuing commitments,Police and UK Borders Authority custody inspections,Core \(rolling\) inspection,HMICFRS & HMI Prisons,CQC/);
    assert.match(csv, /Continuing commitments,Joint targeted area inspections of child protection,[^,]+,Ofsted,"CQC, HMICFRS and HMI Probation"/);
    assert.match(csv, /Scoping,Domestic Abuse: Evidence-led prosecutions,[^,]+,HMCPSI,HMICFRS/);
    assert.match(csv, /Other programmes of work,Shared training,[^,]+,CJJI Development Group,/);
    const pdf = await admin.request('GET', `/api/v1/plans/${p2017.id}/business-plan.pdf`);
    assert.equal(pdf.status, 200);
  } finally {
    await demo.stop();
  }
});

test('R10_the_demo_2017_18_plan_can_be_published_as_its_consultation_is_history_and_a_new_round_reaches_every_statutory_consultee', async () => {
  const demo = await startServer({ extraArgs: ['--demo'] });
  try {
    const admin = await adminClient(demo);
    // The consultation on 2017-18 was held before that year began: closed,
    // its responses answered and its summary published.
    const rounds = (await admin.get('/api/v1/consultations')).json.items;
    const held = rounds.find((r) => r.first_year === 2017);
    assert.ok(held, 'the demo holds the 2017-18 consultation');
    assert.equal(held.state, 'closed');
    assert.ok(held.opens_on < '2017-04-01', held.opens_on);
    const summary = await admin.get(`/api/v1/public/consultations/${held.id}/summary`);
    assert.equal(summary.status, 200, summary.text);
    const round = (await admin.get(`/api/v1/consultations/${held.id}`)).json;
    assert.ok(round.consultees.length > 5);
    for (const c of round.consultees) assert.ok(c.contact_id, `${c.organisation} has contact details`);
    // The README journey: every inspectorate agrees the programme, it goes
    // to CJ Ministers, and it is published.
    const all = await admin.get('/api/v1/inspectorates?limit=100');
    const demoReps = {};
    for (const i of all.json.items) {
      if (i.kind !== 'criminal_justice' || i.closed_year !== null) continue;
      demoReps[i.code] = await userClient(demo, admin, `dg2.${i.code.toLowerCase()}@example.gov.uk`, ['dg_representative'], { inspectorate_id: i.id });
    }
    const p2017 = (await admin.get('/api/v1/plans')).json.items.find((p) => p.first_year === 2017);
    const asked = await demoReps.HMICFRS.post(`/api/v1/plans/${p2017.id}/approval`);
    assert.equal(asked.status, 201, asked.text);
    // While the question is open the plan's page shows it, and does not
    // offer to ask again.
    const { client } = await signIn(demo.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
    const planPage = (await client.undocumented('the plan page').get(`/plans/${p2017.id}`)).text;
    assert.doesNotMatch(planPage, /Ask every inspectorate to agree this programme/);
    assert.match(planPage, /id="open-approval"[\s\S]*Awaiting answers[\s\S]*href="\/decisions#decision-\d+"/);
    for (const [code, rep] of Object.entries(demoReps)) {
      if (code === 'HMICFRS') continue;
      const agreed = await rep.post(`/api/v1/decisions/${asked.json.id}/responses`, { agree: true });
      assert.equal(agreed.status, 201, agreed.text);
    }
    assert.equal((await admin.post(`/api/v1/plans/${p2017.id}/send-to-ministers`)).status, 200);
    const published = await admin.post(`/api/v1/plans/${p2017.id}/publish`);
    assert.equal(published.status, 200, published.text);
    assert.equal(published.json.state, 'published');
    // A new round starts with the contact details its statutory consultees
    // had, so it opens at once.
    const next = await admin.post('/api/v1/consultations', {
      title: 'Joint inspection programme 2040-41', first_year: 2040, years: 1, opens_on: day(0), deadline: day(30),
      sections: [{ title: 'Priorities', questions: ['What should we inspect?'] }],
    });
    assert.equal(next.status, 201, next.text);
    const opened = await admin.post(`/api/v1/consultations/${next.json.id}/open`);
    assert.equal(opened.status, 200, opened.text);
  } finally {
    await demo.stop();
  }
});

test('R6_a_new_years_plan_carries_over_capacity_and_work_still_running', async () => {
  const base = await ctx.admin.post('/api/v1/plans', {
    first_year: 2050, capacity: [{ inspectorate_id: cj.HMCPSI, days_per_quarter: 80 }],
  });
  const long = await ctx.admin.post('/api/v1/proposals', proposal({ title: 'Two-year thematic', duration_quarters: 8, earliest_start: '2050-51 Q1' }));
  const short = await ctx.admin.post('/api/v1/proposals', proposal({ title: 'One-quarter scoping', duration_quarters: 1, earliest_start: '2050-51 Q1' }));
  const set = (await ctx.admin.get(`/api/v1/criteria-sets/${base.json.criteria_set_id}`)).json;
  const all = Object.fromEntries(set.criteria.map((c) => [String(c.id), 4]));
  await reps.HMICFRS.put(`/api/v1/proposals/${long.json.id}/scores`, { scores: all });
  await reps.HMICFRS.put(`/api/v1/proposals/${short.json.id}/scores`, { scores: all });
  const run = await waitForRun(ctx.admin, (await ctx.admin.post(`/api/v1/plans/${base.json.id}/optimiser-runs`, {})).json.id);
  assert.equal(run.state, 'finished', JSON.stringify(run));
  const chosen = run.result.chosen.map((c) => c.proposal_id);
  assert.ok(chosen.includes(long.json.id) && chosen.includes(short.json.id));
  const d = await ctx.admin.post(`/api/v1/optimiser-runs/${run.id}/adopt`);
  await agreeAll(d.json.id);
  const next = await ctx.admin.post('/api/v1/plans', { first_year: 2051 });
  assert.equal(next.status, 201, next.text);
  assert.deepEqual(next.json.capacity, [{ inspectorate_id: cj.HMCPSI, days_per_quarter: 80 }]);
  const carried = next.json.items.map((i) => i.proposal_id);
  assert.ok(carried.includes(long.json.id), 'the two-year work stream carries over');
  assert.ok(!carried.includes(short.json.id), 'finished work does not');
  // Once its inspection starts, the next year's run keeps it where its own
  // plan started it and carries only its last four quarters.
  const started = await ctx.admin.post('/api/v1/inspections', { proposal_id: long.json.id });
  assert.equal(started.status, 201, started.text);
  const nextRun = await waitForRun(ctx.admin, (await ctx.admin.post(`/api/v1/plans/${next.json.id}/optimiser-runs`, {})).json.id);
  assert.equal(nextRun.state, 'finished', JSON.stringify(nextRun));
  const kept = nextRun.result.chosen.find((c) => c.proposal_id === long.json.id);
  assert.ok(kept, JSON.stringify(nextRun.result));
  assert.equal(kept.start, '2050-51 Q1');
  assert.equal(kept.end, '2051-52 Q4');
  assert.equal(kept.continues_from, '2050-51');
  assert.equal(kept.length, 4);
});

test('the plan texts are editable per year, guarded by version and permission', async () => {
  const created = await ctx.admin.post('/api/v1/plans', { first_year: 2060 });
  const id = created.json.id;
  const edited = await ctx.admin.patch(`/api/v1/plans/${id}`, {
    version: created.json.version, introduction: 'Our first paragraph.\n\nOur second <paragraph> & more.',
  });
  assert.equal(edited.status, 200, edited.text);
  assert.equal((await ctx.admin.get(`/api/v1/plans/${id}`)).json.introduction, 'Our first paragraph.\n\nOur second <paragraph> & more.');
  const stale = await ctx.admin.patch(`/api/v1/plans/${id}`, { version: created.json.version, context: 'Lost?' });
  assert.equal(stale.status, 409);
  const bad = await ctx.admin.patch(`/api/v1/plans/${id}`, { version: edited.json.version, min_process_coverage: 50 });
  assert.equal(bad.status, 400);
  assert.deepEqual(fieldsOf(bad), ['min_process_coverage']);
  const csvRows = await ctx.admin.request('GET', `/api/v1/plans/${id}/programme.csv`);
  assert.equal(csvRows.status, 200);
  const docx = await ctx.admin.request('GET', `/api/v1/plans/${id}/business-plan.docx`);
  assert.equal(docx.status, 200);
  const missing = await ctx.admin.request('GET', '/api/v1/plans/999999/business-plan.pdf');
  assert.equal(missing.status, 404);
  const rep = await reps.HMCPSI.patch(`/api/v1/plans/${id}`, { version: edited.json.version, context: 'A rep may edit' });
  assert.equal(rep.status, 200, 'Development Group representatives edit the programme with the secretariat');
  const reader = await userClient(ctx.server, ctx.admin, 'reader.plans@example.gov.uk', ['read_only']);
  assert.equal((await reader.patch(`/api/v1/plans/${id}`, { version: rep.json.version, context: 'No' })).status, 403);
  assert.equal((await reader.post(`/api/v1/plans/${id}/optimiser-runs`, {})).status, 403);
  assert.equal((await reader.get(`/api/v1/plans/${id}`)).status, 200);
});

test('the list of plans does not look like empty plans: their programme and capacity are on each plan', async () => {
  const list = await ctx.admin.get('/api/v1/plans');
  assert.equal(list.status, 200);
  const listed = list.json.items.find((p) => p.id === plan.id);
  assert.ok(listed);
  assert.equal(listed.items, undefined);
  assert.equal(listed.capacity, undefined);
  const one = await ctx.admin.get(`/api/v1/plans/${plan.id}`);
  assert.equal(one.json.capacity.length, Object.keys(cj).length);
  assert.equal(listed.version, one.json.version);
});

test('R1_non_cj_led_joint_work_is_treated_as_collaborative and collaborative work without a CJ inspectorate is refused', async () => {
  const ofsted = (await ctx.admin.get('/api/v1/inspectorates?limit=100')).json.items.find((i) => i.code === 'OFSTED').id;
  const led = await ctx.admin.post('/api/v1/proposals', proposal({
    title: 'Ofsted-led joint work', type: 'joint_thematic',
    participants: [{ inspectorate_id: ofsted, involvement: 'lead', effort_days: 40 },
      { inspectorate_id: cj.HMICFRS, involvement: 'support', effort_days: 20 },
      { inspectorate_id: cj.HMIPROBATION, involvement: 'support', effort_days: 20 }],
  }));
  assert.equal(led.status, 201, led.text);
  const shown = await ctx.admin.get(`/api/v1/proposals/${led.json.id}`);
  assert.equal(shown.json.qualifies, true, 'not left out by R1');
  assert.ok(shown.json.qualifying_tests.every((t) => t.applies === false));

  const none = await ctx.admin.post('/api/v1/proposals', proposal({
    title: 'Partners only', type: 'collaborative',
    participants: [{ inspectorate_id: ofsted, involvement: 'lead', effort_days: 40 }, { inspectorate_id: partner, involvement: 'support', effort_days: 10 }],
  }));
  assert.equal(none.status, 400, none.text);
  assert.deepEqual(none.json.errors.map((e) => [e.field, e.rule]), [['participants', 'collaborative-cj']]);
});

test('R1_the_run_lists_every_proposal_it_did_not_consider_with_why', async () => {
  const single = await ctx.admin.post('/api/v1/proposals', proposal({
    title: 'One inspectorate only',
    participants: [{ inspectorate_id: cj.HMCPSI, involvement: 'lead', effort_days: 20 }, { inspectorate_id: partner, involvement: 'support', effort_days: 5 }],
  }));
  const late = await ctx.admin.post('/api/v1/proposals', proposal({ title: 'Far in the future', earliest_start: '2045-46 Q1' }));
  assert.equal(late.status, 201, late.text);
  // The 2030-31 plan is published by now, so a plan of its own.
  const own = await ctx.admin.post('/api/v1/plans', {
    first_year: 2031, min_process_coverage: 0,
    capacity: Object.values(cj).map((id) => ({ inspectorate_id: id, days_per_quarter: 100 })),
  });
  assert.equal(own.status, 201, own.text);
  const run = await waitForRun(ctx.admin, (await ctx.admin.post(`/api/v1/plans/${own.json.id}/optimiser-runs`, {})).json.id);
  const listed = run.result.not_considered;
  assert.ok(Array.isArray(listed), JSON.stringify(run.result));
  const why = (id) => listed.find((n) => n.proposal_id === id)?.reason ?? '';
  assert.match(why(single.json.id), /does not qualify as a joint CJ inspection: Only 1 CJ inspectorate/);
  assert.match(why(late.json.id), /2045-46 Q1, is after the years this plan covers/);
  const chosenOrExcluded = [...run.result.chosen, ...run.result.excluded].map((c) => c.proposal_id);
  assert.ok(!chosenOrExcluded.includes(single.json.id));
  for (const n of listed) assert.ok(!chosenOrExcluded.includes(n.proposal_id), `${n.title} is both considered and not`);
});

test('the long-list is paged by offset and by keyset alike, with no duplicates or gaps', async () => {
  for (let i = 0; i < 11; ++i) {
    const made = await ctx.admin.post('/api/v1/proposals', proposal({ title: `Paged proposal ${i}` }));
    assert.equal(made.status, 201, made.text);
  }
  const all = await ctx.admin.get('/api/v1/proposals?search=paged%20proposal&limit=100');
  assert.equal(all.json.total, 11);
  const expected = all.json.items.map((v) => v.id);
  const byOffset = [];
  const byKeyset = [];
  let after = 0;
  for (let offset = 0; offset < 15; offset += 4) {
    const page = await ctx.admin.get(`/api/v1/proposals?search=paged%20proposal&limit=4&offset=${offset}`);
    byOffset.push(...page.json.items.map((v) => v.id));
    const next = await ctx.admin.get(`/api/v1/proposals?search=paged%20proposal&limit=4${after ? `&after=${after}` : ''}`);
    assert.equal(next.status, 200, next.text);
    assert.equal(next.json.total, 11);
    assert.ok(next.json.items.length <= 4);
    byKeyset.push(...next.json.items.map((v) => v.id));
    if (next.json.items.length) after = next.json.items.at(-1).id;
  }
  assert.deepEqual(byOffset, expected);
  assert.deepEqual(byKeyset, expected);
  assert.equal((await ctx.admin.get('/api/v1/proposals?after=0')).status, 400);
});

test('a_refused_answer_to_a_ministers_comment_is_shown_at_an_address_that_leads_back_to_the_comment_when_reloaded', async () => {
  const [comment] = (await ctx.admin.get(`/api/v1/plans/${plan.id}/minister-comments`)).json.items;
  const { client } = await signIn(ctx.server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  const page = client.undocumented('the plan page, not the API');
  // Refused (empty): the plan's page is shown at the address it was sent to.
  const refused = await page.post(`/plans/${plan.id}/comments/${comment.id}/response`, `response=&version=${comment.version}`, { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.ok(refused.status >= 400 && refused.status < 500, String(refused.status));
  // Opening that address again leads to the comment on the plan's page.
  for (const path of [`/plans/${plan.id}/comments/${comment.id}/response`, `/plans/${plan.id}/comments`]) {
    const reloaded = await page.get(path);
    assert.equal(reloaded.status, 303, path);
    assert.match(reloaded.headers.get('location'), new RegExp(`^/plans/${plan.id}#(comment-${comment.id}|ministers)$`));
  }
  const shown = await page.get(`/plans/${plan.id}`);
  assert.match(shown.text, new RegExp(`id="comment-${comment.id}"`));
});

test('R3_a_proposal_forced_in_by_joint_decision_is_labelled_so_in_the_run_not_as_a_commitment', async () => {
  const p = await ctx.admin.post('/api/v1/proposals', proposal({ title: 'Forced in by the Chief Inspectors' }));
  assert.equal(p.status, 201, p.text);
  const d = await reps.HMICFRS.post(`/api/v1/proposals/${p.json.id}/force`, { forced: 'in', reason: 'The Chief Inspectors want it this year' });
  assert.equal(d.status, 201, d.text);
  await reps.HMCPSI.post(`/api/v1/decisions/${d.json.id}/responses`, { agree: true });
  assert.equal((await ctx.admin.get(`/api/v1/proposals/${p.json.id}`)).json.forced, 'in');
  const later = await ctx.admin.post('/api/v1/plans', {
    first_year: 2070, min_process_coverage: 0,
    capacity: Object.values(cj).map((id) => ({ inspectorate_id: id, days_per_quarter: 400 })),
  });
  assert.equal(later.status, 201, later.text);
  const started = await ctx.admin.post(`/api/v1/plans/${later.json.id}/optimiser-runs`, { time_limit_seconds: 10 });
  assert.equal(started.status, 202, started.text);
  const run = await waitForRun(ctx.admin, started.json.id);
  assert.equal(run.state, 'finished', JSON.stringify(run));
  const forced = run.result.chosen.find((c) => c.proposal_id === p.json.id);
  assert.ok(forced, 'the forced proposal is in the programme');
  assert.equal(forced.held, 'Forced in by joint decision');
  const { client } = await signIn(ctx.server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  const page = (await client.undocumented('the run page').get(`/runs/${run.id}`)).text;
  assert.match(page, /Forced in by the Chief Inspectors<\/a> <span class="govuk-body-s">\(Forced in by joint decision\)<\/span>/);
  assert.doesNotMatch(page, /\(committed\)/);
});

test('R6_R3_a_runs_programme_becomes_the_draft_as_a_new_version_with_what_was_forced_in_and_agreement_to_the_earlier_draft_lapses', async () => {
  const draftPlan = await ctx.admin.post('/api/v1/plans', {
    first_year: 2080, min_process_coverage: 0,
    capacity: Object.values(cj).map((id) => ({ inspectorate_id: id, days_per_quarter: 400 })),
  });
  assert.equal(draftPlan.status, 201, draftPlan.text);
  const runOnce = async () => {
    const started = await ctx.admin.post(`/api/v1/plans/${draftPlan.json.id}/optimiser-runs`, { time_limit_seconds: 10 });
    assert.equal(started.status, 202, started.text);
    const run = await waitForRun(ctx.admin, started.json.id);
    assert.equal(run.state, 'finished', JSON.stringify(run));
    return run;
  };
  const first = await runOnce();
  const used = await ctx.admin.post(`/api/v1/optimiser-runs/${first.id}/use-as-draft`);
  assert.equal(used.status, 200, used.text);
  assert.equal(used.json.state, 'draft');
  assert.ok(used.json.version > draftPlan.json.version, 'a new version of the plan');
  assert.deepEqual(used.json.items.map((i) => i.proposal_id).sort(), first.result.chosen.map((c) => c.proposal_id).sort());
  // The inspectorates are asked about this draft; two agree.
  const asked = await reps.HMICFRS.post(`/api/v1/plans/${draftPlan.json.id}/approval`);
  assert.equal(asked.status, 201, asked.text);
  assert.equal((await reps.HMCPSI.post(`/api/v1/decisions/${asked.json.id}/responses`, { agree: true })).status, 201);
  // A proposal forced in meanwhile reaches the draft through a new run.
  const p = await ctx.admin.post('/api/v1/proposals', proposal({ title: 'Forced in after the draft was asked about' }));
  const force = await reps.HMICFRS.post(`/api/v1/proposals/${p.json.id}/force`, { forced: 'in', reason: 'Commissioned jointly' });
  assert.equal((await reps.HMCPSI.post(`/api/v1/decisions/${force.json.id}/responses`, { agree: true })).status, 201);
  const second = await runOnce();
  const again = await ctx.admin.post(`/api/v1/optimiser-runs/${second.id}/use-as-draft`);
  assert.equal(again.status, 200, again.text);
  assert.ok(again.json.items.some((i) => i.proposal_id === p.json.id), 'the forced proposal is in the draft');
  // Agreement to the earlier draft no longer counts.
  const stale = await reps.HMIPROBATION.post(`/api/v1/decisions/${asked.json.id}/responses`, { agree: true });
  assert.equal(stale.status, 409, stale.text);
  assert.equal(stale.json.rule, 'stale-subject');
  // Asked again, about the newest draft: the earlier question lapses.
  const askedAgain = await reps.HMICFRS.post(`/api/v1/plans/${draftPlan.json.id}/approval`);
  assert.equal(askedAgain.status, 201, askedAgain.text);
  const earlier = await ctx.admin.get(`/api/v1/decisions/${asked.json.id}`);
  assert.ok(earlier.json.lapsed_at, JSON.stringify(earlier.json));
  // Once with CJ Ministers, the draft no longer changes.
  await agreeAll(askedAgain.json.id, ['HMCPSI', 'HMIPROBATION', 'HMIPRISONS']);
  assert.equal((await ctx.admin.post(`/api/v1/plans/${draftPlan.json.id}/send-to-ministers`)).status, 200);
  const late = await ctx.admin.post(`/api/v1/optimiser-runs/${second.id}/use-as-draft`);
  assert.equal(late.status, 409, late.text);
  assert.equal(late.json.rule, 'R8');
});

test('proposal_page_edit_without_version_is_refused_and_never_empties_fields', async () => {
  const made = await ctx.admin.post('/api/v1/proposals', proposal({ title: 'Remand kept whole', specialist_skills: 'Custody experts' }));
  assert.equal(made.status, 201, made.text);
  const id = made.json.id;
  const { client } = await signIn(ctx.server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  const pages = client.undocumented('the proposal edit page');
  const form = (fields) => pages.request('POST', `/programme/proposals/${id}/edit`,
    new URLSearchParams(fields).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
  const read = async () => (await ctx.admin.get(`/api/v1/proposals/${id}`)).json.proposal ?? (await ctx.admin.get(`/api/v1/proposals/${id}`)).json;
  const before = await read();
  // Without the version: refused, as the API refuses it, and nothing changes.
  const unversioned = await form([['title', 'Remand kept whole'], ['type', 'joint_thematic'], ['duration_quarters', '2']]);
  assert.equal(unversioned.status, 400, unversioned.text.slice(0, 500));
  assert.match(unversioned.text, /sent without the version of the proposal/);
  assert.deepEqual(await read(), before);
  const api = await ctx.admin.patch(`/api/v1/proposals/${id}`, { title: 'Remand kept whole' });
  assert.equal(api.status, 400, api.text);
  // With it: only what was sent changes; a field sent empty is emptied.
  const partial = await form([['version', String(before.version)], ['main_question', 'Is remand used only where needed?'], ['specialist_skills', '']]);
  assert.equal(partial.status, 303, partial.text.slice(0, 500));
  const after = await read();
  assert.equal(after.main_question, 'Is remand used only where needed?');
  assert.equal(after.specialist_skills, '');
  for (const kept of ['title', 'summary', 'scope_and_purpose', 'type', 'duration_quarters', 'focus', 'participants',
    'contributes_to_improvement', 'outcome_focused', 'user_perspective']) {
    assert.deepEqual(after[kept], before[kept], kept);
  }
  // Unticked boxes the form sent (its hidden empty value) are cleared.
  const unticked = await form([['version', String(after.version)], ['outcome_focused', ''], ['focus', '']]);
  assert.equal(unticked.status, 303, unticked.text.slice(0, 500));
  const cleared = await read();
  assert.equal(cleared.outcome_focused, false);
  assert.deepEqual(cleared.focus, []);
  assert.equal(cleared.user_perspective, true);
});

test('audit_trail_names_plans_and_comments_by_title_and_actions_in_the_past_tense', async () => {
  const demo = await startServer({ extraArgs: ['--demo'] });
  try {
    await adminClient(demo);
    const { client } = await signIn(demo.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
    const pages = client.undocumented('the audit trail page');
    const actions = new Set();
    const records = [];
    let total = 600;
    for (let offset = 0; offset < Math.min(600, total); offset += 50) {
      const page = await pages.get(`/audit?limit=50&offset=${offset}`);
      assert.equal(page.status, 200);
      total = Number(page.text.match(/of ([\d,]+) entries/)[1].replaceAll(',', ''));
      for (const row of page.text.split('<tr class="govuk-table__row">').slice(2)) {
        const cells = [...row.matchAll(/<td class="govuk-table__cell">([\s\S]*?)<\/td>/g)].map((m) => m[1].replace(/<[^>]+>/g, '').trim());
        actions.add(cells[3]);
        records.push(cells[4]);
      }
    }
    assert.ok(records.includes('Plan: 2017-18 business plan'), records.filter((r) => /Plan/.test(r)).join(' | '));
    for (const r of records) assert.doesNotMatch(r, /^(Plan|Minister comment):? \d+$/, r);
    for (const a of actions) {
      assert.doesNotMatch(a, /_|^(Agree|Raise|Review|Join|Answer|Respond|Send|Start|Tag|Record|Publish|Change)\b/, `an action as a code word: ${a}`);
    }
  } finally {
    await demo.stop();
  }
});
