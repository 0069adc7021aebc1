// Consultation (R9, R10) and governance rotation (R20) through the API,
// against the real server: statutory consultees, contacts, the public
// response form, tagging, the dispatch register and closing a round.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, userClient, isoDay as day, Client, responseId, openRound, signIn, ADMIN_PASSWORD, publishPlan as publishPlanFor } from '../support/server.mjs';

const cj = {};

function fieldsOf(res) {
  return (res.json?.errors ?? []).map((e) => e.field);
}

// Each round consults on years of its own unless told otherwise, since
// only one open round consults on a year at a time.
let nextYear = 2050;
function round(overrides = {}) {
  nextYear += 2;
  return {
    title: 'Joint inspection programme consultation',
    first_year: nextYear,
    years: 2,
    opens_on: day(-10),
    deadline: day(20),
    sections: [
      { title: 'Core inspections', questions: ['Are these the right areas?', 'What should change?'] },
      { title: 'Thematic inspections', questions: ['Which themes matter most?'] },
    ],
    ...overrides,
  };
}

const reps = {};  // code -> client of that inspectorate's representative

const ctx = useServer(async (ctx) => {
  const all = await ctx.admin.get('/api/v1/inspectorates?limit=100');
  for (const i of all.json.items) {
    if (i.kind === 'criminal_justice' && i.closed_year === null) cj[i.code] = i.id;
  }
  for (const code of Object.keys(cj)) {
    reps[code] = await userClient(ctx.server, ctx.admin, `dg.${code.toLowerCase()}@example.gov.uk`,
      ['dg_representative'], { inspectorate_id: cj[code] });
  }
});

test('R9_statutory_consultees_are_proposed_and_dropped_only_with_a_reason', async () => {
  const created = await ctx.admin.post('/api/v1/consultations', round({ owner_inspectorate_id: cj.HMIPROBATION }));
  assert.equal(created.status, 201, created.text);
  const names = created.json.consultees.map((c) => c.organisation).sort();
  assert.deepEqual(names, ['Auditor General for Wales', 'CJ Ministers', 'CQC', 'HIW', 'HMCPSI', 'HMI Prisons', 'HMICFRS', 'Ofsted']);
  assert.ok(created.json.consultees.every((c) => c.statutory));
  const hiw = created.json.consultees.find((c) => c.organisation === 'HIW');
  const bare = await ctx.admin.post(`/api/v1/consultees/${hiw.id}/drop`, {});
  assert.equal(bare.status, 400);
  assert.equal(bare.json.errors[0].rule, 'R9');
  const dropped = await ctx.admin.post(`/api/v1/consultees/${hiw.id}/drop`, { reason: 'No Welsh work in these years' });
  assert.equal(dropped.json.dropped, true);
});

test('R9_a_round_opens_only_once_every_consultee_it_consults_can_be_reached', async () => {
  const created = await ctx.admin.post('/api/v1/consultations', round({ title: 'Unreachable round', first_year: 2033 }));
  assert.equal(created.status, 201, created.text);
  const id = created.json.id;
  assert.ok(created.json.consultees.some((c) => !c.contact_id), 'no earlier round gave them contact details');
  const refused = await ctx.admin.post(`/api/v1/consultations/${id}/open`);
  assert.equal(refused.status, 409, refused.text);
  assert.equal(refused.json.rule, 'R9');
  assert.match(refused.json.detail, /HIW/);
  assert.equal((await ctx.admin.get(`/api/v1/consultations/${id}`)).json.state, 'draft', 'nothing opened');
  // One that need not be consulted is dropped with the reason; the rest
  // are given contact details.
  const hiw = created.json.consultees.find((c) => c.organisation === 'HIW');
  assert.equal((await ctx.admin.post(`/api/v1/consultees/${hiw.id}/drop`, { reason: 'No Welsh work in these years' })).status, 200);
  const opened = await openRound(ctx.admin, id);
  assert.equal(opened.status, 200, opened.text);
  assert.equal(opened.json.consultees.find((c) => c.id === hiw.id).contact_id ?? null, null, 'the dropped one needs none');
});

test('dates in bodies are strict YYYY-MM-DD and each bad one is named with the other problems', async () => {
  const bad = await ctx.admin.post('/api/v1/consultations', round({ title: '', opens_on: '2030-02-30', deadline: 'soon' }));
  assert.equal(bad.status, 400);
  assert.deepEqual(fieldsOf(bad), ['title', 'opens_on', 'deadline']);
  assert.deepEqual(bad.json.errors.slice(1).map((e) => e.rule), ['date', 'date']);
  const created = await ctx.admin.post('/api/v1/consultations', round({ title: 'Dated round' }));
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.opens_on, day(-10));
  const noDate = await ctx.admin.post(`/api/v1/consultations/${created.json.id}/responses`, { name: 'By post', channel: 'post', received_on: '2030-13-01', answers: { 1: 'Yes' } });
  assert.equal(noDate.status, 400);
  assert.deepEqual(fieldsOf(noDate), ['received_on']);
  const nothingRight = await ctx.admin.post(`/api/v1/consultations/${created.json.id}/responses`, { name: '', channel: 'post', received_on: 'yesterday', answers: {} });
  assert.equal(nothingRight.status, 400);
  assert.deepEqual(fieldsOf(nothingRight), ['received_on', 'name', 'answers'], 'every error at once');
});

test('contacts are one per e-mail address and need contact details', async () => {
  const a = await ctx.admin.post('/api/v1/contacts', { name: 'Victims\' Commissioner', organisation: 'Office of the Victims\' Commissioner', email: 'Commissioner@Example.org', type: 'user_representative' });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.json.email, 'commissioner@example.org');
  const again = await ctx.admin.post('/api/v1/contacts', { name: 'Someone else', organisation: 'Elsewhere', email: 'commissioner@example.org', type: 'academic' });
  assert.equal(again.status, 409);
  assert.deepEqual(fieldsOf(again), ['email']);
  const none = await ctx.admin.post('/api/v1/contacts', { name: 'No address', organisation: 'Somewhere', type: 'academic' });
  assert.equal(none.status, 400);
  assert.deepEqual(fieldsOf(none), ['email']);
});

test('a contact can be corrected and deleted, and a stale version says what changed since', async () => {
  const made = await ctx.admin.post('/api/v1/contacts', { name: 'Chief Executive', organisation: 'A Charity', email: 'ce@charity.example.org', type: 'voluntary_sector' });
  assert.equal(made.status, 201, made.text);
  const id = made.json.id;
  const fixed = await ctx.admin.patch(`/api/v1/contacts/${id}`, { version: 1, name: '  Chief Executive Officer ', email: 'CEO@Charity.example.org' });
  assert.equal(fixed.status, 200, fixed.text);
  assert.equal(fixed.json.name, 'Chief Executive Officer');
  assert.equal(fixed.json.email, 'ceo@charity.example.org');
  assert.equal(fixed.json.organisation, 'A Charity', 'fields not sent are kept');
  assert.equal(fixed.json.version, 2);
  const same = await ctx.admin.patch(`/api/v1/contacts/${id}`, { version: 2, name: 'Chief Executive Officer' });
  assert.equal(same.json.version, 2, 'a change that changes nothing writes nothing');
  const stale = await ctx.admin.patch(`/api/v1/contacts/${id}`, { version: 1, organisation: 'Another' });
  assert.equal(stale.status, 409);
  assert.equal(stale.json.current.name, 'Chief Executive Officer');
  assert.deepEqual(stale.json.changes_since_your_version.map((c) => c.fields.sort()), [['email', 'name']]);
  const bad = await ctx.admin.patch(`/api/v1/contacts/${id}`, { version: 2, name: '', email: 'not an address', type: 'pirate', phone: '1', id: 7 });
  assert.equal(bad.status, 400);
  assert.deepEqual(fieldsOf(bad).sort(), ['email', 'id', 'name', 'phone', 'type']);
  const noVersion = await ctx.admin.patch(`/api/v1/contacts/${id}`, { name: 'X' });
  assert.deepEqual(fieldsOf(noVersion), ['version']);
  const taken = await ctx.admin.post('/api/v1/contacts', { name: 'Other', organisation: 'Other', email: 'other@charity.example.org', type: 'academic' });
  const clash = await ctx.admin.patch(`/api/v1/contacts/${taken.json.id}`, { version: 1, email: 'ceo@charity.example.org' });
  assert.equal(clash.status, 409);
  assert.deepEqual(fieldsOf(clash), ['email']);
  assert.equal((await ctx.admin.delete(`/api/v1/contacts/${id}`)).status, 400, 'a delete names the version it read');
  assert.equal((await ctx.admin.delete(`/api/v1/contacts/${id}?version=1`)).status, 409);
  assert.equal((await ctx.admin.delete(`/api/v1/contacts/${id}?version=2`)).status, 204);
  assert.equal((await ctx.admin.get(`/api/v1/contacts/${id}`)).status, 404);
});

test('a contact that is a consultee of a round cannot be deleted', async () => {
  const created = await ctx.admin.post('/api/v1/consultations', round({ title: 'Round with a contact' }));
  const contact = await ctx.admin.post('/api/v1/contacts', { name: 'Policy Lead', organisation: 'A Think Tank', email: 'policy@thinktank.example.org', type: 'academic' });
  const added = await ctx.admin.post(`/api/v1/consultations/${created.json.id}/consultees`, { contact_id: contact.json.id, category: 'stakeholder' });
  assert.equal(added.status, 201, added.text);
  const refused = await ctx.admin.delete(`/api/v1/contacts/${contact.json.id}?version=1`);
  assert.equal(refused.status, 409);
  assert.equal(refused.json.rule, 'contact-in-use');
  // The page that asks says so before anything is pressed, and offers to
  // change the contact's details instead.
  const { client: staff } = await signIn(ctx.server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  const asked = await staff.get(`/contacts/${contact.json.id}/delete`);
  assert.equal(asked.status, 200, asked.text);
  assert.match(asked.text, /Policy Lead cannot be deleted/);
  assert.match(asked.text, /is a consultee of 1 consultation round/);
  assert.doesNotMatch(asked.text, /Delete contact/);
  assert.match(asked.text, new RegExp(`href="/contacts/${contact.json.id}/edit"[^>]*>Change the contact's details<`));
  const spare = await ctx.admin.post('/api/v1/contacts', { name: 'Spare Person', organisation: 'Nobody', email: 'spare@example.org', type: 'academic' });
  assert.match((await staff.get(`/contacts/${spare.json.id}/delete`)).text, /Delete contact<\/button>/, 'one that is no consultee is offered');
});

test('staff_recording_a_response_are_told_of_the_respondent_and_the_public_of_themselves', async () => {
  const created = await ctx.admin.post('/api/v1/consultations', round({ title: 'Recorded round' }));
  await openRound(ctx.admin, created.json.id);
  const message = (res, field) => res.json.errors.find((e) => e.field === field)?.message;
  const recorded = await ctx.admin.post(`/api/v1/consultations/${created.json.id}/responses`, {
    name: '', channel: 'post', received_on: day(0), answers: {},
  });
  assert.equal(recorded.status, 400);
  assert.equal(message(recorded, 'name'), "Enter the respondent's name", recorded.text);
  assert.equal(message(recorded, 'answers'), 'Enter their answer to at least one question');
  const online = await new Client(ctx.server.base).post(`/api/v1/public/consultations/${created.json.id}/responses`, { name: '', answers: {} });
  assert.equal(online.status, 400);
  assert.equal(message(online, 'name'), 'Enter your name');
  assert.equal(message(online, 'answers'), 'Answer at least one question');
});

test('R10_the_public_form_takes_responses_without_sign_in_and_reveals_nothing_else', async () => {
  const created = await ctx.admin.post('/api/v1/consultations', round({ title: 'Public form round' }));
  const id = created.json.id;
  const anonymous = new Client(ctx.server.base);
  assert.equal((await anonymous.get(`/api/v1/public/consultations/${id}`)).status, 404, 'a draft is not public');
  assert.equal((await anonymous.post(`/api/v1/public/consultations/${id}/responses`, { name: 'X', answers: { 1: 'Y' } })).status, 404);
  await openRound(ctx.admin, id);
  const shown = await anonymous.get(`/api/v1/public/consultations/${id}`);
  assert.equal(shown.status, 200);
  assert.deepEqual(Object.keys(shown.json).sort(), ['deadline', 'first_year', 'id', 'opens_on', 'sections', 'state', 'title', 'years']);
  assert.equal((await anonymous.get(`/api/v1/consultations/${id}/responses`)).status, 401);
  const answer = { name: 'A Respondent', organisation: 'A Charity', on_behalf_of: 'Our members', consent_to_publish: true, answers: { 1: 'Yes, broadly', 3: 'Victims of fraud' } };
  const sent = await anonymous.post(`/api/v1/public/consultations/${id}/responses`, answer);
  assert.equal(sent.status, 201, sent.text);
  assert.deepEqual(Object.keys(sent.json).sort(), ['received', 'reference']);
  const twice = await anonymous.post(`/api/v1/public/consultations/${id}/responses`, answer);
  assert.equal(twice.status, 409);
  const oversized = await anonymous.post(`/api/v1/public/consultations/${id}/responses`, { name: 'B', answers: { 1: 'x'.repeat(20001) } });
  assert.equal(oversized.status, 400);
  assert.deepEqual(fieldsOf(oversized), ['answers.1']);
  assert.equal(oversized.json.errors[0].message,
    'Your answer to question 1, Are these the right areas?, must be 20,000 characters or fewer', 'the error names the question');
  const unknown = await anonymous.post(`/api/v1/public/consultations/${id}/responses`, { name: 'C', answers: { 9: 'Hello' } });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.json.errors[0].rule, 'unknown-question');
  const malformed = await anonymous.post(`/api/v1/public/consultations/${id}/responses`, '{"name": ', { 'Content-Type': 'application/json' });
  assert.equal(malformed.status, 400);
  const listed = await ctx.admin.get(`/api/v1/consultations/${id}/responses`);
  assert.equal(listed.json.total, 1);
  assert.equal(listed.json.items[0].channel, 'online');
  assert.equal(listed.json.items[0].late, false);
});

test('a round is not started with its deadline past, and one open round at a time consults on a year', async () => {
  // Late responses and a round closing on its own are tested on a fake clock
  // (R10_responses_after_the_deadline_are_refused_online_and_recorded_as_late).
  const past = await ctx.admin.post('/api/v1/consultations', round({ title: 'Past deadline', opens_on: day(-30), deadline: day(-1) }));
  assert.equal(past.status, 400, past.text);
  assert.deepEqual(past.json.errors.map((e) => [e.field, e.rule]), [['deadline', 'deadline-passed']]);
  const first = await ctx.admin.post('/api/v1/consultations', round({ title: 'First on 2045-46', first_year: 2045, years: 1 }));
  assert.equal((await openRound(ctx.admin, first.json.id)).status, 200);
  const second = await ctx.admin.post('/api/v1/consultations', round({ title: 'Second on 2045-46', first_year: 2044, years: 2 }));
  assert.equal(second.status, 201, 'drawn up while the first is open');
  const overlapping = await openRound(ctx.admin, second.json.id);
  assert.equal(overlapping.status, 409, overlapping.text);
  assert.equal(overlapping.json.rule, 'one-open-round-a-year');
  assert.match(overlapping.json.detail, /“First on 2045-46” already consults on 2045-46/);
  assert.equal((await ctx.admin.post(`/api/v1/consultations/${first.json.id}/close`)).status, 200);
  const opened = await openRound(ctx.admin, second.json.id);
  assert.equal(opened.status, 200, opened.text);
  assert.equal(opened.json.state, 'open');
});

test('responses tagged to a proposal show against it', async () => {
  const created = await ctx.admin.post('/api/v1/consultations', round({ title: 'Tagging round' }));
  const proposal = await ctx.admin.post('/api/v1/proposals', {
    title: 'Fraud victims', type: 'joint_thematic', duration_quarters: 2,
    participants: [{ inspectorate_id: cj.HMICFRS, involvement: 'lead', effort_days: 50 }, { inspectorate_id: cj.HMCPSI, involvement: 'support', effort_days: 20 }],
  });
  const r = await ctx.admin.post(`/api/v1/consultations/${created.json.id}/responses`, { name: 'Fraud charity', channel: 'email', received_on: day(0), answers: { 3: 'Please look at fraud' } });
  const tagged = await ctx.admin.put(`/api/v1/consultation-responses/${r.json.id}/tags`, { proposals: [proposal.json.id], topics: ['victims', 'fraud'] });
  assert.equal(tagged.status, 200, tagged.text);
  const unknown = await ctx.admin.put(`/api/v1/consultation-responses/${r.json.id}/tags`, { proposals: [999999] });
  assert.equal(unknown.status, 400);
  // Ids of the wrong type are refused, not dropped, each named by its place.
  for (const [proposals, field] of [[[String(proposal.json.id)], 'proposals[0]'], [[proposal.json.id, 1.5], 'proposals[1]'],
    [[0], 'proposals[0]'], ['all', 'proposals']]) {
    const wrong = await ctx.admin.put(`/api/v1/consultation-responses/${r.json.id}/tags`, { proposals });
    assert.equal(wrong.status, 400, JSON.stringify(proposals));
    assert.deepEqual(wrong.json.errors.map((e) => e.field), [field]);
  }
  const wrongAtEntry = await ctx.admin.post(`/api/v1/consultations/${created.json.id}/responses`,
    { name: 'Another charity', channel: 'email', received_on: day(0), answers: { 3: 'Fraud again' }, proposals: [String(proposal.json.id)] });
  assert.equal(wrongAtEntry.status, 400);
  assert.deepEqual(wrongAtEntry.json.errors.map((e) => e.field), ['proposals[0]']);
  const about = await ctx.admin.get(`/api/v1/proposals/${proposal.json.id}/consultation-responses`);
  assert.equal(about.json.total, 1);
  assert.equal(about.json.items[0].answers['3'], 'Please look at fraud');
  assert.deepEqual(about.json.items[0].topics, ['victims', 'fraud']);
});

const publishPlan = (firstYear) => publishPlanFor(ctx.admin, reps, cj, firstYear);

test('R9_the_final_programme_is_sent_once_published_and_never_holds_the_round_open', async () => {
  const created = await ctx.admin.post('/api/v1/consultations', round({ title: 'Dispatch round', first_year: 2031 }));
  const id = created.json.id;
  await openRound(ctx.admin, id);
  const [first, ...rest] = created.json.consultees;
  const sendTo = (ids, method = 'email') => ctx.admin.post(`/api/v1/consultations/${id}/dispatches`, { consultee_ids: ids, sent_on: day(0), method, what: 'Business plan and framework' });
  for (const [n, c] of created.json.consultees.entries()) {
    const contact = await ctx.admin.post('/api/v1/contacts', { name: `Office ${n}`, organisation: c.organisation, email: `office${n}.${id}@example.gov.uk`, type: 'government' });
    assert.equal((await ctx.admin.patch(`/api/v1/consultees/${c.id}`, { contact_id: contact.json.id })).status, 200);
  }
  // There is no final programme yet: nothing can be recorded as sent.
  const early = await sendTo([first.id]);
  assert.equal(early.status, 409, early.text);
  assert.equal(early.json.rule, 'R9');
  assert.match(early.json.detail, /2031-32 is not published/);
  // The round closes whatever the register says.
  const closed = await ctx.admin.post(`/api/v1/consultations/${id}/close`);
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.json.state, 'closed');
  assert.match(closed.json.closed_on, /^\d{4}-\d{2}-\d{2}$/, 'the day it was closed by hand is kept');
  assert.equal(closed.json.not_yet_sent.length, created.json.consultees.length, 'everyone is still owed a copy');
  const anonymous = new Client(ctx.server.base);
  const after = await anonymous.post(`/api/v1/public/consultations/${id}/responses`, { name: 'After', answers: { 1: 'x' } });
  assert.equal(after.status, 409);

  const plan = await publishPlan(2031);
  assert.deepEqual(fieldsOf(await sendTo([])), ['consultee_ids']);
  const other = await ctx.admin.post('/api/v1/consultations', round({ title: 'Another round', first_year: 2031 }));
  assert.ok(other.json.consultees.every((c) => c.contact_id), 'a new round starts with the contact details of the last');
  const mixed = await sendTo([first.id, other.json.consultees[0].id]);
  assert.equal(mixed.status, 400, 'a consultee of another round is refused');
  const wrongType = await sendTo([first.id, String(rest[0].id)]);
  assert.deepEqual(fieldsOf(wrongType), ['consultee_ids[1]'], 'ids of the wrong type are refused, not dropped');
  assert.equal((await ctx.admin.get(`/api/v1/consultations/${id}`)).json.dispatches.length, 0, 'nothing half-saved');
  const sent = await sendTo([first, ...rest.slice(0, -1)].map((c) => c.id));
  assert.equal(sent.status, 201, sent.text);
  assert.equal(sent.json.total, rest.length);
  assert.ok(sent.json.items.every((d) => d.plan_id === plan), 'recorded against the published plan');
  const view = await ctx.admin.get(`/api/v1/consultations/${id}`);
  assert.deepEqual(view.json.not_yet_sent, [rest.at(-1).id]);
  assert.equal((await sendTo([rest.at(-1).id], 'post')).status, 201);
  assert.deepEqual((await ctx.admin.get(`/api/v1/consultations/${id}`)).json.not_yet_sent, []);
});

test('R20_the_chair_rotates_in_the_agreed_order_and_a_rotation_may_not_skip_an_inspectorate', async () => {
  assert.equal((await ctx.admin.get('/api/v1/governance/rotation')).status, 409);
  const skipping = await ctx.admin.put('/api/v1/governance/rotation', { order: [cj.HMIPRISONS, cj.HMICFRS, cj.HMIPROBATION], first_year: 2020, reason: 'CJCIG 12 March' });
  assert.equal(skipping.status, 400);
  assert.equal(skipping.json.errors[0].rule, 'R20');
  assert.match(skipping.json.errors[0].detail ?? skipping.json.errors[0].message, /skips HMCPSI/);
  const noReason = await ctx.admin.put('/api/v1/governance/rotation', { order: [cj.HMIPRISONS, cj.HMICFRS, cj.HMIPROBATION, cj.HMCPSI], first_year: 2020, reason: '' });
  assert.equal(noReason.status, 400);
  const everything = await ctx.admin.put('/api/v1/governance/rotation', { order: [cj.HMIPRISONS, cj.HMICFRS, cj.HMIPROBATION], first_year: 2020, reason: '' });
  assert.equal(everything.status, 400);
  assert.deepEqual(fieldsOf(everything), ['reason', 'order'], 'every error at once');
  const set = await ctx.admin.put('/api/v1/governance/rotation', { order: [cj.HMIPRISONS, cj.HMICFRS, cj.HMIPROBATION, cj.HMCPSI], first_year: 2020, reason: 'Agreed at CJCIG, 12 March 2020' });
  assert.equal(set.status, 200, set.text);
  for (const from of ['twenty', '1999', '2099']) {
    const bad = await ctx.admin.get(`/api/v1/governance/rotation?from=${from}`);
    assert.equal(bad.status, 400, from);
    assert.deepEqual(bad.json.errors.map((e) => e.field), ['from']);
  }
  const shown = await ctx.admin.get('/api/v1/governance/rotation?from=2023');
  assert.deepEqual(shown.json.years.slice(0, 3).map((y) => y.cjcig_chair), [cj.HMCPSI, cj.HMIPRISONS, cj.HMICFRS]);
  assert.ok(shown.json.years.every((y) => y.development_group_chair === y.cjcig_chair && y.secretariat === y.cjcig_chair));
});

test('R10_you_said_we_did_is_published_after_the_round_closes_and_quotes_only_those_who_consented', async () => {
  const created = await ctx.admin.post('/api/v1/consultations', round({ title: 'Summary round' }));
  const id = created.json.id;
  await openRound(ctx.admin, id);
  const anonymous = new Client(ctx.server.base);
  const quoted = await anonymous.post(`/api/v1/public/consultations/${id}/responses`, { name: 'Quoted Person', organisation: 'Open Charity', consent_to_publish: true, answers: { 3: 'Look at youth diversion' } });
  assert.equal(quoted.status, 201, quoted.text);
  const secret = await anonymous.post(`/api/v1/public/consultations/${id}/responses`, { name: 'Private Person', answers: { 3: 'Something confidential' } });
  assert.equal(secret.status, 201, secret.text);

  const draft = await ctx.admin.get(`/api/v1/consultations/${id}/summary`);
  assert.equal(draft.status, 200);
  assert.equal(draft.json.can_publish, false);
  assert.equal(draft.json.questions[2].answers, 2);
  assert.deepEqual(draft.json.questions[2].said.map((s) => s.who), ['Quoted Person, Open Charity']);
  assert.doesNotMatch(draft.text, /confidential|Private Person/);
  assert.equal(draft.json.not_quoted, 1);
  assert.equal((await anonymous.get(`/api/v1/public/consultations/${id}/summary`)).status, 404, 'unpublished');

  const open = await ctx.admin.post(`/api/v1/consultations/${id}/summary/publish`);
  assert.equal(open.status, 409);
  assert.match(open.json.detail, /closed/);
  // Close it: nothing else is needed (the dispatch register follows the
  // final programme, R9).
  assert.equal((await ctx.admin.post(`/api/v1/consultations/${id}/close`)).status, 200);

  const unanswered = await ctx.admin.post(`/api/v1/consultations/${id}/summary/publish`);
  assert.equal(unanswered.status, 409);
  assert.match(unanswered.json.detail, /2 responses/);
  for (const r of [quoted, secret]) {
    const tagged = await ctx.admin.put(`/api/v1/consultation-responses/${await responseId(ctx.admin, id, r.json.reference)}/tags`, { proposals: [], topics: ['youth'], our_response: 'Youth diversion is in the 2031-32 programme' });
    assert.equal(tagged.status, 200, tagged.text);
  }
  const tooLong = await ctx.admin.put(`/api/v1/consultation-responses/${await responseId(ctx.admin, id, quoted.json.reference)}/tags`, { proposals: [], our_response: 'x'.repeat(5001) });
  assert.equal(tooLong.status, 400);
  const published = await ctx.admin.post(`/api/v1/consultations/${id}/summary/publish`);
  assert.equal(published.status, 200, published.text);
  const pub = await anonymous.get(`/api/v1/public/consultations/${id}/summary`);
  assert.equal(pub.status, 200);
  assert.equal(pub.json.published_on, day(0), 'the published summary shows when it was published');
  assert.equal(pub.json.questions[2].said[0].our_response, 'Youth diversion is in the 2031-32 programme');
  assert.doesNotMatch(pub.text, /confidential|Private Person/);
  assert.deepEqual(pub.json.by_proposal, []);
  // What it reports is fixed once published: no response recorded, answered
  // or set aside afterwards.
  const after = await ctx.admin.post(`/api/v1/consultations/${id}/responses`, {
    name: 'Came later', channel: 'post', received_on: day(0), consent_to_publish: true, answers: { 3: 'Too late' },
  });
  assert.equal(after.status, 409, after.text);
  assert.equal(after.json.rule, 'summary-published');
  const quotedId = await responseId(ctx.admin, id, quoted.json.reference);
  const retag = await ctx.admin.put(`/api/v1/consultation-responses/${quotedId}/tags`, { proposals: [], our_response: 'Changed our minds' });
  assert.equal(retag.status, 409, retag.text);
  assert.equal(retag.json.rule, 'summary-published');
  assert.equal((await anonymous.get(`/api/v1/public/consultations/${id}/summary`)).text, pub.text, 'the summary is as published');
  // The public start page leads to it.
  const start = await anonymous.get('/');
  assert.match(start.text, new RegExp(`href="/consultations/${id}/summary"`));
});

test('public pages lead to public things: the open consultations, the published summaries, and sign-in for staff', async () => {
  const created = await ctx.admin.post('/api/v1/consultations', round({ title: 'Public landing round' }));
  const id = created.json.id;
  const anonymous = new Client(ctx.server.base);
  const links = (html) => [...html.matchAll(/<main[\s\S]*<\/main>/g)].join('').match(/href="[^"]*"/g).map((h) => h.slice(6, -1));
  const publicPath = (href) => /^\/(#\w+)?$|^\/consultations\/\d+\/(respond|summary)|^\/inspections-in-progress|^\/sign-in$/.test(href) ||
    /^\/(business-plans|joint-inspection-framework|open-consultations|you-said-we-did|search)$/.test(href);
  assert.doesNotMatch((await anonymous.get('/')).text, new RegExp(`/consultations/${id}/respond`), 'not open yet');
  assert.equal((await openRound(ctx.admin, id)).status, 200);
  const start = await anonymous.get('/');
  assert.equal(start.status, 200);
  assert.match(start.text, new RegExp(`href="/consultations/${id}/respond">Public landing round</a>`));
  assert.match(start.text, /href="\/sign-in"/);
  for (const href of links(start.text)) assert.ok(publicPath(href), `the start page links to ${href}`);
  const sent = await anonymous.get(`/consultations/${id}/respond`);
  for (const href of links(sent.text)) assert.ok(publicPath(href), `the form links to ${href}`);
  const thanks = await anonymous.get(`/consultations/${id}/respond/received?reference=ABCD-1234`);
  assert.equal(thanks.status, 200);
  assert.ok(links(thanks.text).includes('/#consultations'), 'the thank-you page leads to the other consultations');
  for (const href of links(thanks.text)) assert.ok(publicPath(href), `the thank-you page links to ${href}`);
  assert.equal((await ctx.admin.post(`/api/v1/consultations/${id}/close`)).status, 200);
  const closed = await anonymous.get(`/consultations/${id}/respond`);
  assert.match(closed.text, /href="\/#consultations"/);
  for (const href of links(closed.text)) assert.ok(publicPath(href), `the closed page links to ${href}`);
});

test('the consultation document, covering letter and summary download as DOCX and PDF', async () => {
  const created = await ctx.admin.post('/api/v1/consultations', round({ title: 'Documents round' }));
  for (const which of ['document', 'letter', 'summary']) {
    const docx = await ctx.admin.request('GET', `/api/v1/consultations/${created.json.id}/${which}.docx`);
    assert.equal(docx.status, 200, which);
    assert.match(docx.headers.get('content-type'), /wordprocessingml/);
    assert.equal(docx.text.slice(0, 2), 'PK');
    const pdf = await ctx.admin.request('GET', `/api/v1/consultations/${created.json.id}/${which}.pdf`);
    assert.equal(pdf.status, 200, which);
    assert.equal(pdf.text.slice(0, 5), '%PDF-');
  }
  assert.equal((await new Client(ctx.server.base).request('GET', `/api/v1/consultations/${created.json.id}/letter.pdf`)).status, 401);
});

test('a response set aside as spam, a duplicate or withdrawn is kept, left out of the summary, and does not block publishing it', async () => {
  const created = await ctx.admin.post('/api/v1/consultations', round({ title: 'Round with spam' }));
  const id = created.json.id;
  await openRound(ctx.admin, id);
  const received = (name, text) => ctx.admin.post(`/api/v1/consultations/${id}/responses`, { name, channel: 'email', received_on: day(0), consent_to_publish: true, answers: { 1: text } });
  const real = await received('Real Person', 'A real answer');
  const spam = await received('Cheap Watches', 'Buy now');
  assert.equal(spam.status, 201, spam.text);
  const mark = `/api/v1/consultation-responses/${spam.json.id}/mark`;
  const before = await ctx.admin.get(mark);
  assert.deepEqual(before.json, { id: spam.json.id, status: 'counted', note: '', version: 1 });
  const noReason = await ctx.admin.patch(mark, { version: 1, status: 'spam' });
  assert.equal(noReason.status, 400);
  assert.deepEqual(fieldsOf(noReason), ['note']);
  assert.deepEqual(fieldsOf(await ctx.admin.patch(mark, { version: 1, status: 'rubbish', note: 'x' })), ['status']);
  const marked = await ctx.admin.patch(mark, { version: 1, status: 'spam', note: 'Advertising, not an answer' });
  assert.equal(marked.status, 200, marked.text);
  assert.equal(marked.json.version, 2);
  const stale = await ctx.admin.patch(mark, { version: 1, status: 'counted' });
  assert.equal(stale.status, 409);
  assert.deepEqual(stale.json.changes_since_your_version[0].fields.sort(), ['note', 'status']);

  const summary = (await ctx.admin.get(`/api/v1/consultations/${id}/summary`)).json;
  assert.equal(summary.responses, 1);
  assert.equal(summary.set_aside, 1);
  assert.doesNotMatch(JSON.stringify(summary), /Cheap Watches|Buy now/);
  const listed = (await ctx.admin.get(`/api/v1/consultations/${id}/responses`)).json.items;
  assert.equal(listed.find((r) => r.id === spam.json.id).status, 'spam', 'kept in the register');

  assert.equal((await ctx.admin.post(`/api/v1/consultations/${id}/close`)).status, 200);
  await ctx.admin.put(`/api/v1/consultation-responses/${real.json.id}/tags`, { proposals: [], our_response: 'Noted' });
  const published = await ctx.admin.post(`/api/v1/consultations/${id}/summary/publish`);
  assert.equal(published.status, 200, 'the spam needs no "what we did"');
});

test('responses whose authors did not consent to publication are read only by those who work on the consultation', async () => {
  const created = await ctx.admin.post('/api/v1/consultations', round({ title: 'Private answers round' }));
  const id = created.json.id;
  await openRound(ctx.admin, id);
  const anonymous = new Client(ctx.server.base);
  const open = await anonymous.post(`/api/v1/public/consultations/${id}/responses`, { name: 'Open Author', consent_to_publish: true, answers: { 1: 'Quote me' } });
  const closed = await anonymous.post(`/api/v1/public/consultations/${id}/responses`, { name: 'Private Author', consent_to_publish: false, answers: { 1: 'Do not quote me' } });
  assert.equal(closed.status, 201, closed.text);
  const proposal = (await ctx.admin.get('/api/v1/proposals')).json.items[0];
  if (proposal) {
    for (const r of [open, closed]) {
      await ctx.admin.put(`/api/v1/consultation-responses/${await responseId(ctx.admin, id, r.json.reference)}/tags`, { proposals: [proposal.id], topics: [] });
    }
  }
  const reader = await userClient(ctx.server, ctx.admin, 'reader.private@example.gov.uk', ['read_only']);
  const inspector = await userClient(ctx.server, ctx.admin, 'inspector.private@example.gov.uk', ['inspector']);
  for (const who of [reader, inspector]) {
    const listed = await who.get(`/api/v1/consultations/${id}/responses`);
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(listed.json.items.map((r) => r.name), ['Open Author']);
    assert.doesNotMatch(listed.text, /Private Author|Do not quote me/);
    if (proposal) {
      const about = await who.get(`/api/v1/proposals/${proposal.id}/consultation-responses`);
      assert.doesNotMatch(about.text, /Private Author/);
    }
  }
  const all = await ctx.admin.get(`/api/v1/consultations/${id}/responses`);
  assert.deepEqual(all.json.items.map((r) => r.name).sort(), ['Open Author', 'Private Author'], 'the secretariat reads them all');
});

test('what was received or sent is never dated in the future', async () => {
  const created = await ctx.admin.post('/api/v1/consultations', round({ title: 'Future dates round' }));
  const id = created.json.id;
  const future = await ctx.admin.post(`/api/v1/consultations/${id}/responses`, { name: 'By post', channel: 'post', received_on: day(3), answers: { 1: 'Yes' } });
  assert.equal(future.status, 400, future.text);
  assert.deepEqual(future.json.errors.map((e) => [e.field, e.rule]), [['received_on', 'future-date']]);
  const today = await ctx.admin.post(`/api/v1/consultations/${id}/responses`, { name: 'By post', channel: 'post', received_on: day(0), answers: { 1: 'Yes' } });
  assert.equal(today.status, 201, today.text);
  const sent = await ctx.admin.post(`/api/v1/consultations/${id}/dispatches`, { consultee_ids: [created.json.consultees[0].id], sent_on: day(2), method: 'email', what: 'Plan' });
  assert.equal(sent.status, 400, sent.text);
  assert.ok(sent.json.errors.some((e) => e.field === 'sent_on' && e.rule === 'future-date'));
});

test('a public reference counts nothing, and the public form links to the document and draft programme it consults on', async () => {
  const anonymous = new Client(ctx.server.base);
  const first = await ctx.admin.post('/api/v1/consultations', round({ title: 'Reference round one', first_year: 2041, years: 1 }));
  const second = await ctx.admin.post('/api/v1/consultations', round({ title: 'Reference round two', first_year: 2042 }));
  const draft = await ctx.admin.post('/api/v1/consultations', round({ title: 'Reference round draft', first_year: 2043 }));
  for (const r of [first, second]) await openRound(ctx.admin, r.json.id);
  const references = [];
  for (const [n, r] of [first, first, second].entries()) {
    const sent = await anonymous.post(`/api/v1/public/consultations/${r.json.id}/responses`, { name: `Reference ${n}`, answers: { 1: `Answer ${n}` } });
    assert.equal(sent.status, 201, sent.text);
    assert.match(sent.json.reference, /^[0-9A-F]{4}-[0-9A-F]{4}$/, 'a reference, not a count');
    assert.deepEqual(Object.keys(sent.json).sort(), ['received', 'reference'], 'no id is given away');
    references.push(sent.json.reference);
  }
  assert.equal(new Set(references).size, 3);
  const staff = await ctx.admin.get(`/api/v1/consultations/${first.json.id}/responses`);
  assert.deepEqual(staff.json.items.map((r) => r.reference).sort(), references.slice(0, 2).sort(), 'the secretariat finds a response by its reference');

  const page = await fetch(`${ctx.server.base}/consultations/${first.json.id}/respond`);
  const html = await page.text();
  const documentLink = `/consultations/${first.json.id}/respond/consultation-document.pdf`;
  assert.ok(html.includes(documentLink), 'the form links to the consultation document');
  assert.ok(!html.includes('draft-programme.pdf'), 'no link to a draft programme that does not exist');
  const pdf = await fetch(ctx.server.base + documentLink);
  assert.equal(pdf.status, 200);
  assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 4).toString(), '%PDF');
  assert.equal((await fetch(`${ctx.server.base}/consultations/${draft.json.id}/respond/consultation-document.pdf`)).status, 404, 'a draft is not public');
  assert.equal((await fetch(`${ctx.server.base}/consultations/${first.json.id}/respond/draft-programme.pdf`)).status, 404);

  // The form is released as the round opens: a round opened on a year
  // with a plan links to its draft programme.
  await ctx.admin.post('/api/v1/plans', { first_year: 2038 });
  const planned = await ctx.admin.post('/api/v1/consultations', round({ title: 'Reference round with a plan', first_year: 2038, years: 1 }));
  await openRound(ctx.admin, planned.json.id);
  const withPlan = await (await fetch(`${ctx.server.base}/consultations/${planned.json.id}/respond`)).text();
  const programmeLink = `/consultations/${planned.json.id}/respond/draft-programme.pdf`;
  assert.ok(withPlan.includes(programmeLink), 'the form links to the draft programme');
  const programme = await fetch(ctx.server.base + programmeLink);
  assert.equal(programme.status, 200);
  assert.equal(Buffer.from(await programme.arrayBuffer()).subarray(0, 4).toString(), '%PDF');
});

// "22 November 2026", as pages and errors write a day.
const inWords = (iso) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

test('received_after_opening_a_response_is_not_recorded_as_received_before_the_consultation_opened', async () => {
  const created = await ctx.admin.post('/api/v1/consultations', round({ title: 'Responses after opening', opens_on: day(-10) }));
  assert.equal(created.status, 201, created.text);
  const id = created.json.id;
  const record = (received_on, name = 'By post') => ctx.admin.post(`/api/v1/consultations/${id}/responses`,
    { name, channel: 'post', received_on, answers: { 1: 'Yes' } });
  // Every error at once: the day before it opened, with the others.
  const early = await record(day(-11), '');
  assert.equal(early.status, 400, early.text);
  assert.deepEqual(early.json.errors.map((e) => [e.field, e.rule]).sort(), [['name', 'required'], ['received_on', 'received-after-opening']]);
  assert.equal(early.json.errors.find((e) => e.field === 'received_on').message,
    `Date received must be on or after ${inWords(day(-10))}, when the consultation opened`);
  const future = await record(day(1));
  assert.equal(future.status, 400, future.text);
  assert.deepEqual(future.json.errors.map((e) => [e.field, e.rule, e.message]), [['received_on', 'future-date', 'Date received must be today or earlier']]);
  // The page's form says every problem at once, how it came too.
  const { client } = await signIn(ctx.server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  const page = await client.undocumented('the record-a-response form').post(`/consultations/${id}/responses/new`,
    new URLSearchParams({ name: '', channel: '', received_on: day(-11), answer_1: 'Yes' }).toString(),
    { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(page.status, 400);
  for (const message of ['Choose whether it came by email or by post', "Enter the respondent&#39;s name",
    `Date received must be on or after ${inWords(day(-10))}, when the consultation opened`]) {
    assert.ok(page.text.includes(`Error:</span> ${message}`), `${message} at its field`);
  }
  assert.equal((await record(day(-10))).status, 201, 'received the day it opened');
  assert.equal((await record(day(0), 'Today')).status, 201, 'received today');
});
