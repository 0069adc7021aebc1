// Stage 6 of a joint thematic inspection through the API, drafting the
// report (R18): no drafting before the emerging-findings meeting and the
// quality assurance of the evidence; every save of a section a new
// version by its author, a stale save refused; the difference between any
// two versions; comments and suggested edits answered by the author and
// seen by every participating inspectorate; and every inspectorate's
// confirmation that its red lines are respected, lapsed by a later save.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { journeyPeople, journey, day } from '../support/inspection_journey.mjs';

const ctx = {};
let steps;
before(async () => {
  ctx.server = await startServer();
  ctx.who = await journeyPeople(ctx.server, { domain: 'report.test' });
  steps = journey(ctx.who);
});
after(async () => ctx.server?.stop());

const fieldsOf = (res) => (res.json?.errors ?? []).map((e) => e.field);
const view = async (id) => (await ctx.who.people.police_lead.get(`/api/v1/inspections/${id}`)).json;
const stage6 = (v) => v.stages[5];
const redLines = (v) => stage6(v).checks.find((c) => /^Red lines/.test(c.label));

function ok(res, status = 201) {
  assert.equal(res.status, status, res.text);
  return res.json;
}

// Through fieldwork, with the report structure recorded: an introduction
// written jointly and a section on charging that HMCPSI contributes.
async function withStructure() {
  const { people } = ctx.who;
  const i = await steps.start();
  await steps.throughFieldwork(i.id);
  const lead = people.police_lead;
  ok(await lead.post(`/api/v1/inspections/${i.id}/report-sections`, { position: 1, title: 'Introduction' }));
  ok(await lead.post(`/api/v1/inspections/${i.id}/report-sections`, { position: 2, title: 'Charging', contributor_id: ctx.who.cj.HMCPSI }));
  const sections = (await view(i.id)).report_sections;
  return { i, intro: sections[0], charging: sections[1] };
}

// The emerging-findings meeting held with both inspectorates present.
async function meetingHeld(i) {
  const { people, cj } = ctx.who;
  const version = (await view(i.id)).findings_meeting?.version ?? 1;
  ok(await people.police_lead.patch(`/api/v1/inspections/${i.id}/findings-meeting`, {
    held_on: day(0), dg_involvement: 'Both representatives', sharing: 'nothing', version,
  }), 200);
  for (const [code, rep] of [['HMICFRS', people.police_rep], ['HMCPSI', people.cps_rep]]) {
    ok(await rep.post(`/api/v1/inspections/${i.id}/meeting-attendance`, { inspectorate_id: cj[code], attendees: 'Representative' }));
  }
}

async function assured(i) {
  await steps.agreeAll(ok(await ctx.who.people.police_lead.post(`/api/v1/inspections/${i.id}/evidence-assurance-agreement`)).id);
}

// Stage 5 done: the meeting held, the structure and the QA agreed.
async function drafting() {
  const s = await withStructure();
  await meetingHeld(s.i);
  await steps.agreeAll(ok(await ctx.who.people.police_lead.post(`/api/v1/inspections/${s.i.id}/report-structure-agreement`)).id);
  await assured(s.i);
  return s;
}

const save = (client, section, based_on, text) =>
  client.post(`/api/v1/report-sections/${section.id}/drafts`, { based_on, text });

test('R18_drafting_waits_for_the_emerging_findings_meeting_and_the_quality_assurance_of_evidence', async () => {
  const { people } = ctx.who;
  const { i, intro } = await withStructure();
  let v = await view(i.id);
  assert.equal(v.drafting_open, false);
  assert.equal(stage6(v).progress, 'cannot_start_yet');
  // Nothing held, nothing assured: refused naming the rule and every part.
  const early = await save(people.police_lead, intro, 0, 'Our findings');
  assert.equal(early.status, 409, early.text);
  assert.equal(early.json.rule, 'R18');
  assert.deepEqual(fieldsOf(early), ['held_on', 'attendance', 'assurance']);
  assert.match(early.json.detail, /quality assurance of the evidence/);
  // The meeting held; the QA not yet agreed: still refused, at that one.
  await meetingHeld(i);
  const unassured = await save(people.police_lead, intro, 0, 'Our findings');
  assert.equal(unassured.status, 409, unassured.text);
  assert.deepEqual(fieldsOf(unassured), ['assurance']);
  assert.equal((await ctx.who.people.police_lead.get(`/api/v1/report-sections/${intro.id}/drafts`)).json.versions.length, 0, 'nothing half-saved');
  await assured(i);
  v = await view(i.id);
  assert.equal(v.drafting_open, true);
  assert.deepEqual(v.drafting_missing, []);
  const saved = ok(await save(people.police_lead, intro, 0, 'Our findings'));
  assert.equal(saved.number, 1);
  assert.equal(stage6(await view(i.id)).checks[0].label, 'Draft every section');
});

test('R18_every_save_of_a_section_is_a_new_version_by_its_author_and_a_stale_save_is_refused', async () => {
  const { people } = ctx.who;
  const { i, intro, charging } = await drafting();
  // HMCPSI contributes the charging section: HMICFRS's team may not write it.
  const notAuthor = await save(people.police_lead, charging, 0, 'Charging was slow');
  assert.equal(notAuthor.status, 403, notAuthor.text);
  assert.equal(notAuthor.json.rule, 'section-author');
  // A Development Group representative is not on the team: not an author.
  assert.equal((await save(people.cps_rep, charging, 0, 'x')).status, 403);
  // Every error of the text at once, at its field.
  assert.deepEqual(fieldsOf(await save(people.cps_lead, charging, 0, '')), ['text']);
  assert.deepEqual(fieldsOf(await save(people.cps_lead, charging, 0, 'x'.repeat(20001))), ['text']);
  const bad = await people.cps_lead.post(`/api/v1/report-sections/${charging.id}/drafts`, { based_on: -1 });
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(fieldsOf(bad).sort(), ['based_on', 'text']);
  const one = ok(await save(people.cps_lead, charging, 0, 'x'.repeat(20000)));
  const two = ok(await save(people.cps_deputy, charging, 1, 'Charging decisions were made late.'));
  assert.deepEqual([one.number, two.number], [1, 2]);
  // A save from version 1 after version 2: refused, nothing saved.
  const stale = await save(people.cps_lead, charging, 1, 'My text');
  assert.equal(stale.status, 409, stale.text);
  assert.equal(stale.json.rule, 'stale-version');
  // A jointly written section: any participating inspectorate's team.
  ok(await save(people.cps_lead, intro, 0, 'This inspection looked at hate crime.'));
  ok(await save(people.police_lead, intro, 1, 'This joint inspection looked at hate crime.'));
  const history = ok(await people.cps_rep.get(`/api/v1/report-sections/${charging.id}/drafts`), 200);
  assert.deepEqual(history.versions.map((d) => d.number), [2, 1], 'newest first');
  let v = await view(i.id);
  assert.equal(v.report_drafts.length, 2);
  assert.equal(stage6(v).checks[0].done, true);
  // Outsiders see nothing of it.
  assert.equal((await people.probation_rep.get(`/api/v1/report-sections/${charging.id}/drafts`)).status, 404);
  assert.equal((await save(people.probation_rep, charging, 2, 'x')).status, 404);
  // A drafted section stays in the report.
  const gone = await people.police_lead.delete(`/api/v1/report-sections/${charging.id}?version=${v.report_sections[1].version}`);
  assert.equal(gone.status, 409, gone.text);
  assert.equal(gone.json.rule, 'section-drafted');
});

test('R18_the_difference_between_any_two_versions_of_a_section_word_by_word', async () => {
  const { people } = ctx.who;
  const { intro } = await drafting();
  ok(await save(people.police_lead, intro, 0, 'The police record hate crime well.'));
  ok(await save(people.police_lead, intro, 1, 'The police record hate crime inconsistently.'));
  ok(await save(people.police_lead, intro, 2, 'Forces record hate crime inconsistently.'));
  const diff = ok(await people.cps_rep.get(`/api/v1/report-sections/${intro.id}/difference?from=1&to=3`), 200);
  assert.deepEqual(diff.parts, [
    { kind: 'removed', text: 'The police' },
    { kind: 'added', text: 'Forces' },
    { kind: 'same', text: 'record hate crime' },
    { kind: 'removed', text: 'well.' },
    { kind: 'added', text: 'inconsistently.' },
  ]);
  const back = ok(await people.cps_rep.get(`/api/v1/report-sections/${intro.id}/difference?from=3&to=2`), 200);
  assert.deepEqual(back.parts.map((p) => p.kind), ['removed', 'added', 'same']);
  const bad = await people.cps_rep.get(`/api/v1/report-sections/${intro.id}/difference?from=9&to=x`);
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(fieldsOf(bad), ['from', 'to']);
  // Paragraphs stay paragraphs: a break kept, one added, blank lines no change.
  ok(await save(people.police_lead, intro, 3, 'Forces record hate crime.\n\nVictims are not told why.'));
  ok(await save(people.police_lead, intro, 4, 'Forces record hate crime.\nVictims are\nnot told why.'));
  const paragraphs = ok(await people.cps_rep.get(`/api/v1/report-sections/${intro.id}/difference?from=4&to=5`), 200);
  assert.deepEqual(paragraphs.parts, [
    { kind: 'same', text: 'Forces record hate crime.\nVictims are' },
    { kind: 'added', text: '\n' },
    { kind: 'same', text: 'not told why.' },
  ]);
});

test('R18_comments_and_suggested_edits_are_seen_by_every_inspectorate_and_answered_by_the_author', async () => {
  const { people } = ctx.who;
  const { i, charging } = await drafting();
  const comment = (client, body) => client.post(`/api/v1/report-sections/${charging.id}/comments`, body);
  assert.equal((await comment(people.police_rep, { kind: 'comment', text: 'Too early' })).status, 409, 'nothing drafted yet');
  ok(await save(people.cps_lead, charging, 0, 'Charging decisions were made late in most cases.'));
  // Any participating inspectorate comments, its representative too.
  const made = ok(await comment(people.police_rep, { kind: 'comment', text: 'Say how late' }));
  assert.equal(made.state, 'open');
  assert.equal(made.inspectorate_id, ctx.who.cj.HMICFRS);
  const empty = await comment(people.police_rep, { kind: 'comment', text: '' });
  assert.deepEqual(fieldsOf(empty), ['text']);
  const missing = await comment(people.police_lead, { kind: 'suggestion', replace: 'in all cases', with: 'x' });
  assert.equal(missing.status, 400, missing.text);
  assert.equal(missing.json.errors[0].rule, 'suggestion-not-found');
  const edit = ok(await comment(people.police_lead, { kind: 'suggestion', replace: 'most cases', with: 'two in three cases', text: 'As the file review found' }));
  const other = ok(await comment(people.police_lead, { kind: 'suggestion', replace: 'late', with: 'slowly' }));
  assert.equal((await comment(people.probation_rep, { kind: 'comment', text: 'x' })).status, 404);
  // HMCPSI sees what HMICFRS said.
  const seen = ok(await people.cps_rep.get(`/api/v1/report-sections/${charging.id}/drafts`), 200);
  assert.equal(seen.comments.length, 3);
  assert.equal((await view(i.id)).open_comments, 3);
  // Only the section's author answers.
  const byOther = await people.police_lead.post(`/api/v1/section-comments/${edit.id}/answer`, { state: 'accepted' });
  assert.equal(byOther.status, 403, byOther.text);
  const accepted = ok(await people.cps_lead.post(`/api/v1/section-comments/${edit.id}/answer`, { state: 'accepted' }), 200);
  assert.equal(accepted.state, 'accepted');
  const history = ok(await people.cps_lead.get(`/api/v1/report-sections/${charging.id}/drafts`), 200);
  assert.equal(history.versions[0].number, 2);
  assert.equal(history.versions[0].text, 'Charging decisions were made late in two in three cases.');
  // Declined with a reason, every error at once; a comment is resolved.
  const noReason = await people.cps_lead.post(`/api/v1/section-comments/${other.id}/answer`, { state: 'declined', reason: '' });
  assert.deepEqual(fieldsOf(noReason), ['reason']);
  ok(await people.cps_lead.post(`/api/v1/section-comments/${other.id}/answer`, { state: 'declined', reason: 'Late is what the standard says' }), 200);
  ok(await people.cps_deputy.post(`/api/v1/section-comments/${made.id}/answer`, { state: 'resolved' }), 200);
  const twice = await people.cps_lead.post(`/api/v1/section-comments/${made.id}/answer`, { state: 'resolved' });
  assert.equal(twice.status, 409, twice.text);
  assert.equal((await view(i.id)).open_comments, 0);
});

test('R18_a_save_after_red_lines_are_confirmed_lapses_the_confirmation', async () => {
  const { people } = ctx.who;
  const { i, intro, charging } = await drafting();
  ok(await save(people.police_lead, intro, 0, 'Introduction'));
  const early = await people.police_lead.post(`/api/v1/inspections/${i.id}/red-lines-confirmation`);
  assert.equal(early.status, 409, early.text);
  assert.equal(early.json.rule, 'R18');
  ok(await save(people.cps_lead, charging, 0, 'Charging'));
  assert.equal((await people.cps_lead.post(`/api/v1/inspections/${i.id}/red-lines-confirmation`)).status, 403, 'the lead asks');
  await steps.agreeAll(ok(await people.police_lead.post(`/api/v1/inspections/${i.id}/red-lines-confirmation`)).id);
  let v = await view(i.id);
  assert.equal(v.red_lines_confirmation, 'agreed');
  assert.equal(redLines(v).done, true);
  // A later save of any section lapses it.
  ok(await save(people.cps_lead, charging, 1, 'Charging, changed'));
  v = await view(i.id);
  assert.equal(v.red_lines_confirmation, 'lapsed');
  const check = redLines(v);
  assert.equal(check.done, false);
  assert.equal(check.agreement, 'lapsed');
});
