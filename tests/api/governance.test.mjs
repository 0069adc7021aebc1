// Governance through the API (R20, R10): members, meetings with decisions
// and actions, Development Group referrals tracked until CJCIG decides,
// and external reference groups.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, isoDay as day, userClient, signIn, ADMIN_PASSWORD } from '../support/server.mjs';

const cj = {};

function fieldsOf(res) {
  return (res.json?.errors ?? []).map((e) => e.field);
}

const ctx = useServer(async (ctx) => {
  const all = await ctx.admin.get('/api/v1/inspectorates?limit=100');
  for (const i of all.json.items) {
    if (i.kind === 'criminal_justice' && i.closed_year === null) cj[i.code] = i.id;
  }
});

function meeting(body, overrides = {}) {
  return ctx.admin.post('/api/v1/meetings', {
    body, held_on: day(0), title: `${body} meeting`,
    agenda: [{ title: 'Draft programme', paper: 'Paper 1' }, { title: 'Any other business' }],
    ...overrides,
  });
}

test('due_after_meeting_a_meeting_to_come_is_recorded_with_its_agenda_and_its_actions_fall_due_after_it', async () => {
  const ahead = await meeting('cjcig', { held_on: day(3), agenda: [] });
  assert.equal(ahead.status, 400, ahead.text);
  assert.deepEqual(ahead.json.errors.map((e) => [e.field, e.rule]), [['agenda', 'count']], 'a date to come is no error');
  const toCome = await meeting('cjcig', { held_on: day(3) });
  assert.equal(toCome.status, 201, toCome.text);
  assert.equal(toCome.json.held_on, day(3));
  const held = await meeting('development_group', { held_on: day(0) });
  assert.equal(held.status, 201, held.text);
  const early = await ctx.admin.post(`/api/v1/meetings/${held.json.id}/actions`, { text: 'Too early', owner: 'HMI Probation', due_on: day(-1) });
  assert.deepEqual(early.json.errors.map((e) => [e.field, e.rule]), [['due_on', 'due-after-meeting']]);
  const onTheDay = await ctx.admin.post(`/api/v1/meetings/${held.json.id}/actions`, { text: 'On the day', owner: 'HMI Probation', due_on: day(0) });
  assert.equal(onTheDay.status, 201, onTheDay.text);
  const moved = await ctx.admin.patch(`/api/v1/actions/${onTheDay.json.id}`, { version: onTheDay.json.version, due_on: day(-1) });
  assert.equal(moved.status, 400, 'nor moved before it');
  const later = await ctx.admin.patch(`/api/v1/meetings/${held.json.id}`, { version: held.json.version, held_on: day(1) });
  assert.equal(later.status, 400, 'nor the meeting moved after its actions fall due');
  assert.deepEqual(later.json.errors.map((e) => [e.field, e.rule]), [['held_on', 'due-after-meeting']]);
});

test('minutes_once_held_a_meeting_to_come_takes_no_minutes_or_attendance_until_its_day', async () => {
  const sitting = await ctx.admin.post('/api/v1/governance/members', { body: 'cjcig', inspectorate_id: cj.HMIPROBATION, name: 'Sat On CJCIG' });
  const other = await ctx.admin.post('/api/v1/governance/members', { body: 'development_group', inspectorate_id: cj.HMIPROBATION, name: 'Sat On DG' });
  const m = await meeting('cjcig', { held_on: day(5) });
  assert.equal(m.status, 201, m.text);
  const early = await ctx.admin.patch(`/api/v1/meetings/${m.json.id}`, { version: m.json.version, minutes: 'Agreed', attended: [sitting.json.id], title: '' });
  assert.equal(early.status, 400, early.text);
  assert.deepEqual(early.json.errors.map((e) => [e.field, e.rule]).sort(), [['attended', 'minutes-once-held'], ['minutes', 'minutes-once-held'], ['title', 'required']], 'every error at once');
  const atCreation = await meeting('cjcig', { held_on: day(5), minutes: 'Agreed' });
  assert.deepEqual(atCreation.json.errors.map((e) => [e.field, e.rule]), [['minutes', 'minutes-once-held']]);
  // Once its day has come (moved to today), the minutes and attendance are taken.
  const minutes = 'Minutes.\n' + 'x'.repeat(19990);
  const held = await ctx.admin.patch(`/api/v1/meetings/${m.json.id}`, { version: m.json.version, held_on: day(0), minutes, attended: [sitting.json.id] });
  assert.equal(held.status, 200, held.text);
  assert.equal(held.json.minutes, minutes);
  assert.deepEqual(held.json.attended, [sitting.json.id]);
  assert.equal(held.json.version, m.json.version + 1);
  const tooLong = await ctx.admin.patch(`/api/v1/meetings/${m.json.id}`, { version: held.json.version, minutes: 'x'.repeat(20001) });
  assert.deepEqual(fieldsOf(tooLong), ['minutes']);
  const stranger = await ctx.admin.patch(`/api/v1/meetings/${m.json.id}`, { version: held.json.version, attended: [sitting.json.id, other.json.id] });
  assert.equal(stranger.status, 400, stranger.text);
  assert.deepEqual(stranger.json.errors.map((e) => [e.field, e.rule]), [['attended', 'attended-a-member']]);
});

test('a meeting is changed in every field, saved unchanged stays unchanged, and a stale change is refused', async () => {
  const m = await meeting('cjcig', { held_on: day(-2) });
  const change = {
    version: m.json.version, body: 'secretariat', held_on: day(-1), title: 'Secretariat catch-up',
    agenda: [{ title: 'Plan', paper: 'Paper 9' }], minutes: 'Nothing to report', attended: [],
  };
  const changed = await ctx.admin.patch(`/api/v1/meetings/${m.json.id}`, change);
  assert.equal(changed.status, 200, changed.text);
  const read = (await ctx.admin.get(`/api/v1/meetings/${m.json.id}`)).json;
  for (const key of ['body', 'held_on', 'title', 'agenda', 'minutes', 'attended']) {
    assert.deepEqual(read[key], change[key], key);
  }
  const same = await ctx.admin.patch(`/api/v1/meetings/${m.json.id}`, { ...change, version: read.version });
  assert.equal(same.status, 200, same.text);
  assert.equal(same.json.version, read.version, 'saved unchanged, no new version');
  const stale = await ctx.admin.patch(`/api/v1/meetings/${m.json.id}`, { version: m.json.version, title: 'Old' });
  assert.equal(stale.status, 409, stale.text);
  const bad = await ctx.admin.patch(`/api/v1/meetings/${m.json.id}`, { version: read.version, body: 'board', held_on: '2027-02-30', agenda: [] });
  assert.deepEqual(fieldsOf(bad).sort(), ['agenda', 'body', 'held_on']);
  const reader = await userClient(ctx.server, ctx.admin, 'meeting.reader@example.gov.uk', ['read_only']);
  assert.equal((await reader.patch(`/api/v1/meetings/${m.json.id}`, { version: read.version, title: 'x' })).status, 403);
});

test('members sit on a body for an inspectorate and can stand down, on the day they left', async () => {
  const added = await ctx.admin.post('/api/v1/governance/members', { body: 'development_group', inspectorate_id: cj.HMIPROBATION, name: 'A Member', role: 'Head of Joint Work' });
  assert.equal(added.status, 201, added.text);
  const bad = await ctx.admin.post('/api/v1/governance/members', { body: 'board', inspectorate_id: 999999, name: '' });
  assert.equal(bad.status, 400);
  assert.deepEqual(fieldsOf(bad).sort(), ['body', 'name'], 'every bad field at once');
  const unknown = await ctx.admin.post('/api/v1/governance/members', { body: 'cjcig', inspectorate_id: 999999, name: 'X' });
  assert.deepEqual(fieldsOf(unknown), ['inspectorate_id']);
  // Leaving needs the day they left; a current member has none.
  const undated = await ctx.admin.patch(`/api/v1/governance/members/${added.json.id}`, { version: added.json.version, active: false });
  assert.equal(undated.status, 400, undated.text);
  assert.deepEqual(undated.json.errors.map((e) => [e.field, e.rule]), [['left_on', 'leaving-date']]);
  const dated = await ctx.admin.patch(`/api/v1/governance/members/${added.json.id}`, { version: added.json.version, left_on: '2026-10-31' });
  assert.equal(dated.status, 400, dated.text);
  assert.deepEqual(dated.json.errors.map((e) => [e.field, e.rule]), [['left_on', 'leaving-date']]);
  // Not on a day still to come, with any other error at once.
  const ahead = await ctx.admin.patch(`/api/v1/governance/members/${added.json.id}`, { version: added.json.version, active: false, left_on: day(3), name: '' });
  assert.equal(ahead.status, 400, ahead.text);
  assert.deepEqual(ahead.json.errors.map((e) => [e.field, e.rule]).sort(), [['left_on', 'not-in-future'], ['name', 'required']]);
  const off = await ctx.admin.patch(`/api/v1/governance/members/${added.json.id}`, { version: added.json.version, active: false, left_on: '2026-10-31' });
  assert.equal(off.status, 200, off.text);
  assert.equal(off.json.active, false);
  assert.equal(off.json.left_on, '2026-10-31');
  // A change made from an older version is refused, not laid over this one.
  const stale = await ctx.admin.patch(`/api/v1/governance/members/${added.json.id}`, { version: added.json.version, role: 'Chief Inspector' });
  assert.equal(stale.status, 409, stale.text);
  assert.equal((await ctx.admin.get(`/api/v1/governance/members/${added.json.id}`)).json.role, 'Head of Joint Work');
  const all = await ctx.admin.get('/api/v1/governance');
  assert.ok(all.json.members.some((m) => m.name === 'A Member' && !m.active));
});

test('meetings keep agenda, papers, decisions linked to the programme, and actions with owners and dates', async () => {
  const empty = await meeting('cjcig', { agenda: [], held_on: '2027-02-30' });
  assert.equal(empty.status, 400);
  assert.deepEqual(fieldsOf(empty).sort(), ['agenda', 'held_on']);
  const m = await meeting('cjcig', { held_on: day(-7) });
  assert.equal(m.status, 201, m.text);
  assert.equal(m.json.agenda[0].paper, 'Paper 1');
  const proposal = await ctx.admin.post('/api/v1/proposals', {
    title: 'Youth diversion', type: 'joint_thematic', duration_quarters: 2,
    participants: [{ inspectorate_id: cj.HMIPROBATION, involvement: 'lead', effort_days: 40 }],
  });
  const decided = await ctx.admin.post(`/api/v1/meetings/${m.json.id}/decisions`, { text: 'Keep youth diversion in the programme', proposal_id: proposal.json.id });
  assert.equal(decided.status, 201, decided.text);
  const dangling = await ctx.admin.post(`/api/v1/meetings/${m.json.id}/decisions`, { text: 'x', proposal_id: 999999, joint_decision_id: 999999 });
  assert.deepEqual(fieldsOf(dangling).sort(), ['joint_decision_id', 'proposal_id']);
  const action = await ctx.admin.post(`/api/v1/meetings/${m.json.id}/actions`, { text: 'Write the scoping paper', owner: 'HMI Probation', due_on: day(-1) });
  assert.equal(action.status, 201, action.text);
  const beforeIt = await ctx.admin.post(`/api/v1/meetings/${m.json.id}/actions`, { text: 'Too early', owner: 'HMI Probation', due_on: day(-8) });
  assert.equal(beforeIt.status, 400, beforeIt.text);
  assert.deepEqual(beforeIt.json.errors.map((e) => [e.field, e.rule]), [['due_on', 'due-after-meeting']]);
  const noOwner = await ctx.admin.post(`/api/v1/meetings/${m.json.id}/actions`, { text: 'x', owner: '', due_on: 'tomorrow' });
  assert.deepEqual(fieldsOf(noOwner).sort(), ['due_on', 'owner']);
  let overview = await ctx.admin.get('/api/v1/governance');
  assert.ok(overview.json.open_actions.some((a) => a.id === action.json.id));
  const done = await ctx.admin.patch(`/api/v1/actions/${action.json.id}`, { status: 'done', version: action.json.version });
  assert.equal(done.status, 200, done.text);
  const stale = await ctx.admin.patch(`/api/v1/actions/${action.json.id}`, { status: 'open', version: action.json.version });
  assert.equal(stale.status, 409);
  overview = await ctx.admin.get('/api/v1/governance');
  assert.ok(!overview.json.open_actions.some((a) => a.id === action.json.id));
  const view = await ctx.admin.get(`/api/v1/meetings/${m.json.id}`);
  assert.equal(view.json.decisions[0].proposal_id, proposal.json.id);
  assert.equal(view.json.actions[0].status, 'done');
});

test('R20_a_development_group_referral_is_tracked_until_cjcig_decides', async () => {
  const dg = await meeting('development_group');
  const cjcig = await meeting('cjcig');
  const wrong = await ctx.admin.post(`/api/v1/meetings/${cjcig.json.id}/referrals`, { subject: 'Capacity for 2031-32' });
  assert.equal(wrong.status, 409, 'only the Development Group refers');
  const referred = await ctx.admin.post(`/api/v1/meetings/${dg.json.id}/referrals`, { subject: 'Capacity for 2031-32', detail: 'Demand exceeds capacity' });
  assert.equal(referred.status, 201, referred.text);
  assert.equal(referred.json.state, 'open');
  const atDg = await ctx.admin.post(`/api/v1/referrals/${referred.json.id}/decision`, { meeting_id: dg.json.id, decision: 'Agreed' });
  assert.equal(atDg.status, 409, 'only CJCIG decides');
  const blank = await ctx.admin.post(`/api/v1/referrals/${referred.json.id}/decision`, { meeting_id: cjcig.json.id, decision: ' ' });
  assert.equal(blank.status, 400);
  const earlier = await meeting('cjcig', { held_on: day(-5) });
  const tooEarly = await ctx.admin.post(`/api/v1/referrals/${referred.json.id}/decision`, { meeting_id: earlier.json.id, decision: 'Agreed' });
  assert.equal(tooEarly.status, 409, 'a CJCIG meeting held before the referral does not decide it');
  assert.equal(tooEarly.json.rule, 'referral');
  let tracked = (await ctx.admin.get('/api/v1/governance')).json.referrals.find((r) => r.id === referred.json.id);
  assert.equal(tracked.state, 'open');
  const decided = await ctx.admin.post(`/api/v1/referrals/${referred.json.id}/decision`, { meeting_id: cjcig.json.id, decision: 'Defer one thematic to 2032-33' });
  assert.equal(decided.status, 200, decided.text);
  tracked = (await ctx.admin.get('/api/v1/governance')).json.referrals.find((r) => r.id === referred.json.id);
  assert.equal(tracked.state, 'decided');
  assert.equal(tracked.decided_at_meeting_id, cjcig.json.id);
  const again = await ctx.admin.post(`/api/v1/referrals/${referred.json.id}/decision`, { meeting_id: cjcig.json.id, decision: 'Changed our mind' });
  assert.equal(again.status, 409);
  const view = await ctx.admin.get(`/api/v1/meetings/${cjcig.json.id}`);
  assert.equal(view.json.decided_referrals[0].decision, 'Defer one thematic to 2032-33');
});

test('R10_an_external_reference_group_advises_a_work_stream', async () => {
  const proposal = await ctx.admin.post('/api/v1/proposals', {
    title: 'Victims of fraud', type: 'joint_thematic', duration_quarters: 2,
    participants: [{ inspectorate_id: cj.HMICFRS, involvement: 'lead', effort_days: 40 }],
  });
  const bad = await ctx.admin.post('/api/v1/reference-groups', { proposal_id: 999999, name: 'Group', members: [{ name: 'A' }] });
  assert.equal(bad.status, 400);
  assert.deepEqual(fieldsOf(bad), ['members[0].organisation']);
  const group = await ctx.admin.post('/api/v1/reference-groups', { proposal_id: proposal.json.id, name: 'Fraud reference group', members: [{ name: 'A Person', organisation: 'Victim Support' }] });
  assert.equal(group.status, 201, group.text);
  const member = await ctx.admin.post(`/api/v1/reference-groups/${group.json.id}/members`, { name: 'B Person', organisation: 'A university' });
  assert.equal(member.json.members.length, 2);
  const advice = await ctx.admin.post(`/api/v1/reference-groups/${group.json.id}/advice`, { met_on: day(0), advice: 'Include online fraud' });
  assert.equal(advice.status, 201, advice.text);
  assert.equal(advice.json.advice[0].advice, 'Include online fraud');
  const noDate = await ctx.admin.post(`/api/v1/reference-groups/${group.json.id}/advice`, { met_on: 'last week', advice: 'x' });
  assert.deepEqual(fieldsOf(noDate), ['met_on']);
});

test('only the secretariat and its like change governance; everyone signed in reads it', async () => {
  const reader = await userClient(ctx.server, ctx.admin, 'gov.reader@example.gov.uk', ['read_only']);
  assert.equal((await reader.get('/api/v1/governance')).status, 200);
  assert.equal((await reader.post('/api/v1/meetings', { body: 'cjcig', held_on: day(0), title: 'x', agenda: [{ title: 'y' }] })).status, 403);
});

test("an action's owner marks it done, audited as them; anyone else is told there is no such action", async () => {
  const owner = await userClient(ctx.server, ctx.admin, 'action.owner@example.gov.uk', ['read_only']);
  const other = await userClient(ctx.server, ctx.admin, 'not.the.owner@example.gov.uk', ['read_only']);
  const m = await meeting('cjcig', { held_on: day(0) });
  const byName = await ctx.admin.post(`/api/v1/meetings/${m.json.id}/actions`, { text: 'Draft the letter', owner: ' test action.owner@example.gov.uk ', due_on: day(7) });
  assert.equal(byName.status, 201, byName.text);
  const theirs = await ctx.admin.post(`/api/v1/meetings/${m.json.id}/actions`, { text: 'Someone else\'s', owner: 'HMI Probation', due_on: day(7) });
  const byAddress = await ctx.admin.post(`/api/v1/meetings/${m.json.id}/actions`, { text: 'Book the room', owner: ' Action.Owner@example.gov.uk', due_on: day(7) });
  assert.equal(byAddress.status, 201, byAddress.text);
  // People read an owner written as an address by the name of whose it is.
  const { client: signedIn } = await signIn(ctx.server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  const pages = signedIn.undocumented('the governance pages, not the API');
  for (const path of [`/governance/meetings/${m.json.id}`, '/governance']) {
    const row = (await pages.get(path)).text.split('<tr').find((r) => r.includes('Book the room'));
    assert.ok(row, path);
    assert.match(row, /Test action\.owner@example\.gov\.uk/, path);
    assert.doesNotMatch(row, /Action\.Owner@/, path);
  }
  const refused = await other.post(`/api/v1/actions/${byName.json.id}/done`, { version: byName.json.version });
  assert.equal(refused.status, 404, refused.text);
  assert.equal((await owner.post(`/api/v1/actions/${theirs.json.id}/done`, { version: theirs.json.version })).status, 404, 'nor another\'s action');
  assert.equal((await owner.patch(`/api/v1/actions/${byName.json.id}`, { version: byName.json.version, text: 'Changed' })).status, 403, 'and changes nothing else of it');
  const done = await owner.post(`/api/v1/actions/${byName.json.id}/done`, { version: byName.json.version });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.status, 'done');
  assert.equal(done.json.text, 'Draft the letter');
  const again = await owner.post(`/api/v1/actions/${byName.json.id}/done`, { version: byName.json.version });
  assert.equal(again.status, 409, 'a stale version is a conflict');
  const audit = await ctx.admin.get(`/api/v1/audit/entries?entity_type=action&entity_id=${byName.json.id}&limit=100`);
  assert.equal(audit.status, 200, audit.text);
  const change = audit.json.items.find((e) => e.action === 'update');
  assert.ok(change, audit.text);
  assert.equal(change.actor, 'action.owner@example.gov.uk', 'audited as the owner');
  // The secretariat still marks any action done.
  const bySecretariat = await ctx.admin.post(`/api/v1/actions/${theirs.json.id}/done`, { version: theirs.json.version });
  assert.equal(bySecretariat.status, 200, bySecretariat.text);
});
