// Running a joint thematic inspection through the API, stages 1 to 4 (R11
// to R16): starting one, naming its team, drafting and signing off its
// terms of reference, publishing them, its timetable and project plan,
// sites and letters, fieldwork arrangements, the shared evidence register
// and interviews, and who may see and change what.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, userClient, signIn, Client, scratchDir, ADMIN_PASSWORD } from '../support/server.mjs';
import { startSmtpSink } from '../support/smtp_sink.mjs';
import { parseICalendar } from '../support/icalendar.mjs';
import { journeyPeople, journey } from '../support/inspection_journey.mjs';

const cj = {};
const people = {};
let steps;
let serial = 0;

function fieldsOf(res) {
  return (res.json?.errors ?? []).map((e) => e.field);
}

// A signed-in browser session as one of `people`, to read pages.
const sessions = {};
async function pagesAs(who) {
  sessions[who] ??= (await signIn(ctx.server.base, `${who}@inspection.test`, people[who].password)).client;
  return sessions[who];
}

const ctx = {};
after(async () => {
  await ctx.server?.stop();
  await ctx.sink?.close();
});

before(async () => {
  // Letters with an e-mail address go through a local SMTP sink.
  ctx.sink = await startSmtpSink();
  ctx.server = await startServer({ extraArgs: ['--smtp-url', ctx.sink.url, '--mail-from', 'jointly@example.gov.uk'] });
  // The people of the stage-by-stage journey, and a few more.
  const who = await journeyPeople(ctx.server, {
    domain: 'inspection.test',
    extra: [
      ['cps_other', 'HMCPSI', ['inspector']],
      ['police_chief', 'HMICFRS', ['chief_inspector']],
      ['cps_delegate', 'HMCPSI', ['inspector']],
      ['probation_chief', 'HMIPROBATION', ['chief_inspector']],
      ['probation_lead', 'HMIPROBATION', ['lead_inspector']],
      ['probation_overseer', 'HMIPROBATION', ['inspector']],
    ],
  });
  ctx.admin = who.admin;
  Object.assign(cj, who.cj);
  Object.assign(people, who.people);
  steps = journey(who);
  // The forces most tests visit have postal addresses for their posted letters.
  const forces = await ctx.admin.get('/api/v1/bodies?type=police_force&limit=3');
  for (const [n, force] of forces.json.items.entries()) {
    const addressed = await ctx.admin.patch(`/api/v1/bodies/${force.id}`, { address: `${n + 1} Station Road, Testtown TE1 9ZZ`, version: force.version });
    assert.equal(addressed.status, 200, addressed.text);
  }
});

// An inspection commissioned in the year, led by HMICFRS with HMCPSI.
const start = (title) => steps.start(title);

async function nameLeads(id) {
  const as = [
    [people.police_rep, 'police_lead', 'HMICFRS', 'lead_inspector'],
    [people.police_rep, 'police_director', 'HMICFRS', 'senior_overseer'],
    [people.cps_rep, 'cps_lead', 'HMCPSI', 'lead_inspector'],
    [people.cps_rep, 'cps_deputy', 'HMCPSI', 'senior_overseer'],
  ];
  for (const [client, who, code, role] of as) {
    const named = await client.post(`/api/v1/inspections/${id}/team`, { user_id: people[who].id, inspectorate_id: cj[code], role });
    assert.equal(named.status, 201, named.text);
  }
}

const complete = {
  background: 'Why we look at case building now',
  aims: 'To assess how police and CPS build cases together',
  question: 'How well do the police and the CPS build cases together?',
  criteria: 'Is there a shared understanding?\nAre files right first time?',
  sites: 'Six police forces and their CPS Areas',
  methodology: 'File examination, interviews and focus groups',
  timetable: 'Fieldwork in spring; publication in the autumn',
  report_structure: 'Four chapters: strategy, files, charging, outcomes',
  audience: 'Forces, CPS Areas and the public',
  publication: 'soft_launch',
};

async function draft(id) {
  const view = await people.police_lead.get(`/api/v1/inspections/${id}`);
  const saved = await people.police_lead.patch(`/api/v1/inspections/${id}/terms`, { ...complete, version: view.json.terms.version });
  assert.equal(saved.status, 200, saved.text);
  const method = await people.police_lead.post(`/api/v1/inspections/${id}/methods`, {
    method: 'file_examination', value_added: 'Shows what happens in cases', presentation: 'Figures beside findings',
  });
  assert.equal(method.status, 201, method.text);
  return method.json;
}

// With HMI Probation taking part as well (`withProbation`), it agrees too.
let withProbation = false;
const agreeAll = async (decisionId) => {
  const last = await steps.agreeAll(decisionId);
  if (!withProbation) return last;
  const agreed = await people.probation_rep.post(`/api/v1/decisions/${decisionId}/responses`, { agree: true });
  assert.equal(agreed.status, 201, agreed.text);
  return agreed.json;
};

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

// Stage 1 done: leads named, terms signed off and published, timetable agreed.
// `named`: the leads are named already.
async function throughStageOne(id, { named = false } = {}) {
  if (!named) await nameLeads(id);
  await draft(id);
  const signOff = await people.police_lead.post(`/api/v1/inspections/${id}/sign-off`);
  assert.equal(signOff.status, 201, signOff.text);
  await agreeAll(signOff.json.id);
  const date = await people.police_lead.post(`/api/v1/inspections/${id}/key-dates`, {
    kind: 'fieldwork', title: 'Fieldwork', starts_on: day(60), ends_on: day(80),
  });
  assert.equal(date.status, 201, date.text);
  const timetable = await people.police_lead.post(`/api/v1/inspections/${id}/timetable-agreement`);
  assert.equal(timetable.status, 201, timetable.text);
  await agreeAll(timetable.json.id);
}

// Every participating inspectorate agrees the set of sites as it is now.
async function agreeSites(id) {
  const asked = await people.police_lead.post(`/api/v1/inspections/${id}/sites-agreement`);
  assert.equal(asked.status, 201, asked.text);
  await agreeAll(asked.json.id);
}

// Stage 2 done as well: one site, agreed, its letter authorised and posted.
async function throughStageTwo(id, options) {
  await throughStageOne(id, options);
  const bodies = await ctx.admin.get('/api/v1/bodies?type=police_force&limit=1');
  const site = await people.police_lead.post(`/api/v1/inspections/${id}/sites`, {
    body_id: bodies.json.items[0].id, fieldwork_starts_on: day(60), fieldwork_ends_on: day(62),
  });
  assert.equal(site.status, 201, site.text);
  await agreeSites(id);
  const letter = await people.police_lead.post(`/api/v1/inspections/${id}/letters`, {
    site_id: site.json.id, addressee: 'Chief Constable', signed_by: 'Senior responsible officer', body: 'We will inspect.',
  });
  assert.equal(letter.status, 201, letter.text);
  const asked = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/authorisation`);
  await agreeAll(asked.json.id);
  const sent = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/sendings`);
  assert.equal(sent.status, 201, sent.text);
  return site.json;
}

test('R12_leads_before_scope', async () => {
  const i = await start();
  const view = await people.police_lead.get(`/api/v1/inspections/${i.id}`);
  assert.equal(view.status, 404, 'not yet on the team, and not a representative: sees nothing');
  const early = await ctx.admin.patch(`/api/v1/inspections/${i.id}/terms`, { aims: 'x', version: 1 });
  assert.equal(early.status, 409, early.text);
  assert.equal(early.json.rule, 'R12');
  assert.match(early.json.detail, /HMCPSI's lead inspector/);
  await nameLeads(i.id);
  // Each inspectorate names its own people.
  const other = await people.police_rep.post(`/api/v1/inspections/${i.id}/team`, { user_id: people.cps_other.id, inspectorate_id: cj.HMCPSI, role: 'team_member' });
  assert.equal(other.status, 403);
  // A change of lead needs its reason, and the one before stays on record.
  const noReason = await people.cps_rep.post(`/api/v1/inspections/${i.id}/team`, { user_id: people.cps_other.id, inspectorate_id: cj.HMCPSI, role: 'lead_inspector' });
  assert.equal(noReason.status, 400);
  assert.deepEqual(fieldsOf(noReason), ['reason']);
  const changed = await people.cps_rep.post(`/api/v1/inspections/${i.id}/team`, { user_id: people.cps_other.id, inspectorate_id: cj.HMCPSI, role: 'lead_inspector', reason: 'Promoted' });
  assert.equal(changed.status, 201, changed.text);
  const team = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json.team;
  const before = team.find((m) => m.user_id === people.cps_lead.id);
  assert.ok(before.left_on, 'the lead before has left, and is still listed');
  const saved = await people.police_lead.patch(`/api/v1/inspections/${i.id}/terms`, { aims: 'Now it can be drafted', version: 1 });
  assert.equal(saved.status, 200, saved.text);
});

test('R11_only_the_lead_inspectorate_proposes_and_others_agree', async () => {
  const i = await start();
  await nameLeads(i.id);
  const cps = await people.cps_lead.patch(`/api/v1/inspections/${i.id}/terms`, { aims: 'Ours', version: 1 });
  assert.equal(cps.status, 403);
  assert.equal(cps.json.rule, 'R11');
  // Each participating inspectorate records its own red lines.
  const line = await people.cps_lead.post(`/api/v1/inspections/${i.id}/red-lines`, { text: 'No judgement on individual prosecutors' });
  assert.equal(line.status, 201, line.text);
  assert.equal(line.json.inspectorate_id, cj.HMCPSI);
  const liaison = await people.cps_rep.post(`/api/v1/inspections/${i.id}/liaison`, { held_on: '2026-11-02', with_whom: 'CPS Director of Legal Services', summary: 'Wants charging covered' });
  assert.equal(liaison.status, 201, liaison.text);
  const badLiaison = await people.cps_rep.post(`/api/v1/inspections/${i.id}/liaison`, { held_on: '2026-02-30', with_whom: '', summary: '' });
  assert.deepEqual(fieldsOf(badLiaison).sort(), ['held_on', 'summary', 'with_whom']);
  // Outsiders see nothing of it.
  for (const who of [people.probation_rep, people.cps_other]) {
    assert.equal((await who.get(`/api/v1/inspections/${i.id}`)).status, 404);
    const listed = await who.get('/api/v1/inspections');
    assert.ok(!listed.json.items.some((x) => x.id === i.id));
  }
});

test('R11_key_decisions_lapse_when_the_agreed_version_changes', async () => {
  const i = await start();
  await nameLeads(i.id);
  const method = await draft(i.id);
  const asked = await people.police_lead.post(`/api/v1/inspections/${i.id}/sign-off`);
  assert.equal(asked.status, 201, asked.text);
  // A representative of an inspectorate that does not take part cannot agree.
  const outsider = await people.probation_rep.post(`/api/v1/decisions/${asked.json.id}/responses`, { agree: true });
  assert.equal(outsider.status, 404, 'it does not know of the decision');
  await agreeAll(asked.json.id);
  let view = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(view.terms_agreement, 'agreed');
  assert.equal(view.published.terms_version, view.terms.version);
  const agreedVersion = view.terms.version;
  // A method changes after sign-off: the sign-off lapses and says so; the
  // public page keeps the version that was agreed.
  const changed = await people.police_lead.patch(`/api/v1/inspection-methods/${method.id}`, { presentation: 'Tables in an annex', version: method.version });
  assert.equal(changed.status, 200, changed.text);
  view = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(view.terms_agreement, 'lapsed');
  assert.ok(view.terms.version > agreedVersion);
  const pub = await new Client(ctx.server.base).get(`/api/v1/public/inspections-in-progress/${i.id}`);
  assert.equal(pub.json.terms_version, agreedVersion);
  // A sign-off asked about an older version can no longer be agreed.
  const again = await people.police_lead.post(`/api/v1/inspections/${i.id}/sign-off`);
  assert.equal(again.status, 201);
  await people.police_lead.patch(`/api/v1/inspections/${i.id}/terms`, { audience: 'Also Parliament', version: view.terms.version });
  const stale = await people.police_rep.post(`/api/v1/decisions/${again.json.id}/responses`, { agree: true });
  assert.equal(stale.status, 409);
  assert.equal(stale.json.rule, 'stale-subject');
});

test('a decision on an inspection is known only to those who see the inspection, and links to what is agreed', async () => {
  const i = await start('Decisions kept within the team');
  await nameLeads(i.id);
  await draft(i.id);
  const asked = await people.police_lead.post(`/api/v1/inspections/${i.id}/sign-off`);
  assert.equal(asked.status, 201, asked.text);
  assert.equal(asked.json.subject_page, `/inspections/${i.id}/terms`);
  for (const who of ['probation_rep', 'cps_other']) {
    assert.equal((await people[who].get(`/api/v1/decisions/${asked.json.id}`)).status, 404);
    const listed = (await people[who].get('/api/v1/decisions')).json.items;
    assert.ok(!listed.some((d) => d.id === asked.json.id), 'not in the list of decisions');
    const page = await (await pagesAs(who)).get('/decisions');
    assert.equal(page.status, 200);
    assert.ok(!page.text.includes('Decisions kept within the team'), 'not on the decisions page');
  }
  const page = await (await pagesAs('cps_rep')).get('/decisions');
  const card = page.text.slice(page.text.indexOf(`id="decision-${asked.json.id}"`)).replaceAll('&#x2F;', '/');
  assert.ok(card.includes(`href="/inspections/${i.id}/terms"`), card.slice(0, 3000));
  assert.ok(page.text.includes('See the terms of reference'));
  assert.equal((await people.cps_rep.get(`/api/v1/decisions/${asked.json.id}`)).status, 200);
});

test('R13_nothing_published_before_sign_off', async () => {
  const anonymous = new Client(ctx.server.base);
  const i = await start('Disability hate crime');
  await nameLeads(i.id);
  const incomplete = await people.police_lead.post(`/api/v1/inspections/${i.id}/sign-off`);
  assert.equal(incomplete.status, 400);
  assert.deepEqual(fieldsOf(incomplete).sort(), ['aims', 'background', 'methodology', 'methods', 'question', 'report_structure', 'sites', 'timetable']);
  await draft(i.id);
  const asked = await people.police_lead.post(`/api/v1/inspections/${i.id}/sign-off`);
  assert.equal(asked.status, 201, asked.text);
  const twice = await people.police_lead.post(`/api/v1/inspections/${i.id}/sign-off`);
  assert.equal(twice.status, 409, 'one question at a time');
  // One inspectorate has signed off: nothing public yet.
  await people.police_rep.post(`/api/v1/decisions/${asked.json.id}/responses`, { agree: true });
  assert.equal((await anonymous.get(`/api/v1/public/inspections-in-progress/${i.id}`)).status, 404);
  const list = await anonymous.get('/api/v1/public/inspections-in-progress');
  assert.ok(!list.json.items.some((p) => p.inspection_id === i.id));
  assert.equal((await anonymous.get(`/inspections-in-progress/${i.id}`)).status, 404);
  await people.cps_rep.post(`/api/v1/decisions/${asked.json.id}/responses`, { agree: true });
  const pub = await anonymous.get(`/api/v1/public/inspections-in-progress/${i.id}`);
  assert.equal(pub.status, 200, pub.text);
  assert.equal(pub.json.terms.question, complete.question);
  assert.deepEqual(pub.json.methods, ['File examination']);
  const page = await anonymous.get(`/inspections-in-progress/${i.id}`);
  assert.match(page.text, /How well do the police and the CPS build cases together\?/);
  // The lead is named once; the others are listed in words ("A, B and C").
  const others = pub.json.inspectorates.filter((name) => name !== pub.json.lead);
  assert.ok(others.length > 0);
  const inWords = others.length === 1 ? others[0] : `${others.slice(0, -1).join(', ')} and ${others.at(-1)}`;
  const escaped = (text) => text.replaceAll('&', '&amp;').replaceAll("'", '&#39;');
  assert.ok(page.text.includes(`Led by ${escaped(pub.json.lead)}, with ${escaped(inWords)}, published on`),
    page.text.match(/Led by[^<]*/)?.[0]);
  assert.doesNotMatch(page.text, /No judgement|red line/i, 'working material stays private');
  for (const format of ['docx', 'pdf']) {
    const file = await anonymous.get(`/inspections-in-progress/${i.id}/terms-of-reference.${format}`);
    assert.equal(file.status, 200);
  }
});

test('the timetable is the lead inspectorate\'s, warns of bank holidays and is agreed by all', async () => {
  const i = await start();
  await nameLeads(i.id);
  const backwards = await people.police_lead.post(`/api/v1/inspections/${i.id}/key-dates`, { kind: 'fieldwork', title: 'Fieldwork', starts_on: '2027-05-10', ends_on: '2027-05-01' });
  assert.equal(backwards.status, 400);
  assert.deepEqual(fieldsOf(backwards), ['ends_on']);
  const notDate = await people.police_lead.post(`/api/v1/inspections/${i.id}/key-dates`, { kind: 'holiday', title: '', starts_on: 'next week' });
  assert.deepEqual(fieldsOf(notDate).sort(), ['kind', 'starts_on', 'title']);
  const early = await people.police_lead.post(`/api/v1/inspections/${i.id}/timetable-agreement`);
  assert.equal(early.status, 409);
  const fieldwork = await people.police_lead.post(`/api/v1/inspections/${i.id}/key-dates`, { kind: 'fieldwork', title: 'Fieldwork in Kent', starts_on: '2027-04-26', ends_on: '2027-05-07', place: 'Kent' });
  assert.equal(fieldwork.status, 201, fieldwork.text);
  const cps = await people.cps_lead.post(`/api/v1/inspections/${i.id}/key-dates`, { kind: 'other', title: 'Ours', starts_on: '2027-06-01' });
  assert.equal(cps.status, 403);
  let view = (await people.cps_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.ok(view.warnings.some((w) => /bank holiday/i.test(w)), JSON.stringify(view.warnings));
  const asked = await people.police_lead.post(`/api/v1/inspections/${i.id}/timetable-agreement`);
  assert.equal(asked.status, 201, asked.text);
  await agreeAll(asked.json.id);
  view = (await people.cps_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(view.timetable_agreement, 'agreed');
  const moved = await people.police_lead.patch(`/api/v1/key-dates/${fieldwork.json.id}`, { starts_on: '2027-04-27', version: fieldwork.json.version });
  assert.equal(moved.status, 200, moved.text);
  const stale = await people.police_lead.patch(`/api/v1/key-dates/${fieldwork.json.id}`, { starts_on: '2027-04-28', version: fieldwork.json.version });
  assert.equal(stale.status, 409);
  view = (await people.cps_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(view.timetable_agreement, 'lapsed');
  const ics = await people.cps_lead.get(`/api/v1/inspections/${i.id}/timetable.ics`);
  assert.equal(ics.status, 200);
  assert.match(ics.headers.get('content-type'), /^text\/calendar/);
  const calendar = parseICalendar(ics.text);
  const kent = calendar.events.find((e) => e.summary === 'Fieldwork in Kent');
  assert.ok(kent, ics.text);
  assert.equal(kent.location, 'Kent');
  assert.equal((await people.probation_rep.get(`/api/v1/inspections/${i.id}/timetable.ics`)).status, 404);
  const task = await people.police_lead.post(`/api/v1/inspections/${i.id}/tasks`, { title: 'Request IT access', owner_user_id: people.police_lead.id, due_on: '2027-03-01' });
  assert.equal(task.status, 201, task.text);
  const done = await people.police_lead.patch(`/api/v1/project-tasks/${task.json.id}`, { status: 'done', version: task.json.version });
  assert.equal(done.json.status, 'done');
});

test('task_owner_is_someone_on_the_inspection_s_team_every_error_at_once_and_the_owner_round_trips', async () => {
  const i = await start();
  await nameLeads(i.id);
  const lead = people.police_lead;
  // No owner, no title and a bad date: every error at its field.
  const bare = await lead.post(`/api/v1/inspections/${i.id}/tasks`, { title: '', due_on: 'soon' });
  assert.equal(bare.status, 400, bare.text);
  assert.deepEqual(fieldsOf(bare).sort(), ['due_on', 'owner_user_id', 'title']);
  // Someone not on the team: refused at the field, what was sent kept out.
  const outsider = await lead.post(`/api/v1/inspections/${i.id}/tasks`, { title: 'Book rooms', owner_user_id: people.probation_rep.id, due_on: '2027-03-01' });
  assert.equal(outsider.status, 400, outsider.text);
  assert.deepEqual(outsider.json.errors.map((e) => [e.field, e.rule]), [['owner_user_id', 'owner-on-team']]);
  assert.match(outsider.json.errors[0].message, /someone on the inspection's team/);
  // Someone on the team, of another inspectorate: saved, read back as sent.
  const made = await lead.post(`/api/v1/inspections/${i.id}/tasks`, { title: 'Book rooms', owner_user_id: people.cps_lead.id, due_on: '2027-03-01' });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.owner_user_id, people.cps_lead.id);
  assert.equal(made.json.owner_name, '');
  const read = (await lead.get(`/api/v1/inspections/${i.id}`)).json.tasks.find((t) => t.id === made.json.id);
  assert.equal(read.owner_user_id, people.cps_lead.id);
  // Handing it to someone off the team is refused; to another on it, saved.
  const away = await lead.patch(`/api/v1/project-tasks/${made.json.id}`, { owner_user_id: people.cps_rep.id, version: read.version });
  assert.equal(away.status, 400, away.text);
  assert.deepEqual(fieldsOf(away), ['owner_user_id']);
  const handed = await lead.patch(`/api/v1/project-tasks/${made.json.id}`, { owner_user_id: people.police_director.id, version: read.version });
  assert.equal(handed.status, 200, handed.text);
  assert.equal(handed.json.owner_user_id, people.police_director.id);
  // The words an owner was once written as are the system's to keep.
  const words = await lead.patch(`/api/v1/project-tasks/${made.json.id}`, { owner_name: 'Someone', version: handed.json.version });
  assert.equal(words.status, 400, words.text);
});

test('task_owner_status_whoever_owns_a_task_marks_where_it_stands_and_changes_nothing_else', async () => {
  const i = await start();
  await nameLeads(i.id);
  // The HMCPSI lead inspector owns a task of the HMICFRS-led inspection.
  const made = await people.police_lead.post(`/api/v1/inspections/${i.id}/tasks`, { title: 'Send the CPS file list', owner_user_id: people.cps_lead.id, due_on: '2027-03-01' });
  assert.equal(made.status, 201, made.text);
  const marked = await people.cps_lead.patch(`/api/v1/project-tasks/${made.json.id}`, { status: 'in_progress', version: made.json.version });
  assert.equal(marked.status, 200, marked.text);
  assert.equal(marked.json.status, 'in_progress');
  // Nothing else of the task is the owner's to change.
  const retitled = await people.cps_lead.patch(`/api/v1/project-tasks/${made.json.id}`, { title: 'Something else', version: marked.json.version });
  assert.equal(retitled.status, 403, retitled.text);
  assert.equal(retitled.json.rule, 'task-owner-status');
  // Someone else of a participating inspectorate, who does not own it, marks nothing.
  const other = await people.cps_deputy.patch(`/api/v1/project-tasks/${made.json.id}`, { status: 'done', version: marked.json.version });
  assert.equal(other.status, 403, other.text);
  // The page offers the owner the status form, through which it is done.
  const pages = await pagesAs('cps_lead');
  const plan = await pages.get(`/inspections/${i.id}/plan`);
  assert.ok(plan.text.includes(`/tasks/${made.json.id}/status`), 'the owner is offered where it stands');
  const done = await pages.post(`/inspections/${i.id}/tasks/${made.json.id}/status`,
    new URLSearchParams({ status: 'done', version: String(marked.json.version) }).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(done.status, 303, done.text);
  const after = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json.tasks.find((t) => t.id === made.json.id);
  assert.equal(after.status, 'done');
  const theirs = await (await pagesAs('cps_deputy')).get(`/inspections/${i.id}/plan`);
  assert.ok(!theirs.text.includes(`/tasks/${made.json.id}/status`), 'others are shown where it stands, with no form');
});

test('timetable_warnings_a_date_other_than_fieldwork_on_a_bank_holiday_or_a_weekend_is_warned_of', async () => {
  const i = await start();
  await nameLeads(i.id);
  const add = async (kind, title, starts_on, ends_on) => {
    const made = await people.police_lead.post(`/api/v1/inspections/${i.id}/key-dates`, { kind, title, starts_on, ...(ends_on ? { ends_on } : {}) });
    assert.equal(made.status, 201, made.text);
  };
  await add('publication', 'Publication', '2027-08-30');
  await add('reference_group', 'Reference group', '2027-06-05');
  await add('critical_readers', 'Critical readers', '2027-06-07', '2027-06-11');
  const view = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.deepEqual(view.warnings, [
    'Reference group falls on a weekend, Saturday 5 June 2027: choose a working day',
    'Publication falls on Summer bank holiday, Monday 30 August 2027, a bank holiday: choose a working day',
  ]);
  const page = unescaped((await (await pagesAs('police_lead')).get(`/inspections/${i.id}/timetable`)).text);
  assert.ok(page.includes('Publication falls on Summer bank holiday, Monday 30 August 2027'), 'the timetable page warns');
});

test('timetable_calendar_event_uids_name_the_configured_public_address_whatever_host_is_asked', async () => {
  // A server reached as jointly.example.gov.uk, asked under other names.
  const instance = await startServer({ extraArgs: ['--public-url', 'https://jointly.example.gov.uk/'] });
  try {
    const admin = await adminClient(instance);
    const inspectorates = (await admin.get('/api/v1/inspectorates?limit=100')).json.items;
    const [hmicfrs, hmcpsi] = ['HMICFRS', 'HMCPSI'].map((code) => inspectorates.find((x) => x.code === code).id);
    const made = await admin.post('/api/v1/inspections', { title: 'Calendar', lead_inspectorate_id: hmicfrs, participating: [hmicfrs, hmcpsi] });
    assert.equal(made.status, 201, made.text);
    const date = await admin.post(`/api/v1/inspections/${made.json.id}/key-dates`, { kind: 'publication', title: 'Publication', starts_on: '2027-09-01' });
    assert.equal(date.status, 201, date.text);
    const { request } = await import('node:http');
    const uids = [];
    for (const host of [undefined, 'elsewhere.invalid']) {
      const text = await new Promise((resolve, reject) => {
        const req = request(instance.base + `/api/v1/inspections/${made.json.id}/timetable.ics`, {
          headers: { Authorization: `Bearer ${admin.token}`, ...(host ? { Host: host } : {}) },
        }, (res) => {
          let body = '';
          res.on('data', (d) => { body += d; });
          res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`${res.statusCode} ${body}`))));
        });
        req.on('error', reject);
        req.end();
      });
      uids.push(parseICalendar(text).events[0].uid);
    }
    assert.deepEqual(uids, Array(2).fill(`inspection-${made.json.id}-date-${date.json.id}@jointly.example.gov.uk`));
  } finally {
    await instance.stop();
  }
});

test('every_form_error_at_once_a_method_chosen_twice_with_an_over_long_value_names_both_on_the_page_and_the_api', async () => {
  const i = await start();
  await nameLeads(i.id);
  const first = await people.police_lead.post(`/api/v1/inspections/${i.id}/methods`, { method: 'interviews', value_added: 'Voices', presentation: 'Quotes' });
  assert.equal(first.status, 201, first.text);
  const long = 'v'.repeat(20001);
  const api = await people.police_lead.post(`/api/v1/inspections/${i.id}/methods`, { method: 'interviews', value_added: long, presentation: 'Quotes' });
  assert.equal(api.status, 400, api.text);
  assert.deepEqual(api.json.errors.map((e) => [e.field, e.rule]), [['method', 'unique'], ['value_added', 'max-length']]);
  const pages = await pagesAs('police_lead');
  const sent = await pages.request('POST', `/inspections/${i.id}/methods`,
    new URLSearchParams([['method', 'interviews'], ['value_added', long], ['presentation', '']]).toString(),
    { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(sent.status, 400, sent.text.slice(0, 500));
  const summary = [...sent.text.matchAll(/<a href="#(method|value_added|presentation)">/g)].map((m) => m[1]);
  assert.deepEqual(summary, ['method', 'value_added', 'presentation'], 'every error at once, each once');
  assert.ok(sent.text.includes(long), 'what was typed kept');
  assert.equal((await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json.methods.length, 1, 'nothing added');
});

test('version-required: an inspection edit page refuses a form without its version and keeps every field it was not sent', async () => {
  const i = await start();
  await nameLeads(i.id);
  const lead = people.police_lead;
  const made = await lead.post(`/api/v1/inspections/${i.id}/key-dates`, { kind: 'fieldwork', title: 'Fieldwork in Kent', starts_on: '2027-04-26', ends_on: '2027-05-07', place: 'Maidstone' });
  assert.equal(made.status, 201, made.text);
  const read = async () => (await lead.get(`/api/v1/inspections/${i.id}`)).json.key_dates.find((k) => k.id === made.json.id);
  const pages = await pagesAs('police_lead');
  const form = (fields) => pages.request('POST', `/inspections/${i.id}/key-dates/${made.json.id}`,
    new URLSearchParams(fields).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
  const before = await read();
  const unversioned = await form([['place', 'Canterbury']]);
  assert.equal(unversioned.status, 400, unversioned.text.slice(0, 500));
  assert.match(unversioned.text, /sent without the version of the key date/);
  assert.deepEqual(await read(), before, 'nothing changed');
  const one = await form([['version', String(before.version)], ['place', 'Canterbury']]);
  assert.equal(one.status, 303, one.text.slice(0, 500));
  const after = await read();
  assert.deepEqual({ ...after, version: before.version }, { ...before, place: 'Canterbury' }, 'only the place changed');
  assert.equal(after.version, before.version + 1);
});

test('text_limits_an_inspection_s_short_texts_take_300_characters_and_its_long_texts_20_000_each_refusal_naming_both', async () => {
  const i = await start();
  await nameLeads(i.id);
  const lead = people.police_lead;
  const long = 'L'.repeat(20000);
  const short = 'S'.repeat(300);
  const view = (await lead.get(`/api/v1/inspections/${i.id}`)).json;
  // [path, method, fields that fit, the field made too long, its limit]
  const forms = [
    [`/api/v1/inspections/${i.id}/terms`, 'patch', { question: long, background: long, version: view.terms.version }, 'question', 20000],
    [`/api/v1/inspections/${i.id}/methods`, 'post', { method: 'interviews', value_added: long, presentation: long }, 'value_added', 20000],
    [`/api/v1/inspections/${i.id}/red-lines`, 'post', { text: long }, 'text', 20000],
    [`/api/v1/inspections/${i.id}/liaison`, 'post', { held_on: '2026-11-02', with_whom: short, summary: long }, 'with_whom', 300],
    [`/api/v1/inspections/${i.id}/key-dates`, 'post', { kind: 'other', title: short, starts_on: '2027-06-01', place: short }, 'title', 300],
    [`/api/v1/inspections/${i.id}/tasks`, 'post', { title: short, owner_user_id: lead.id, due_on: '2027-03-01' }, 'title', 300],
  ];
  for (const [path, method, fits, field, limit] of forms) {
    const over = { ...fits, [field]: 'x'.repeat(limit + 1) };
    const refused = await lead[method](path, over);
    assert.equal(refused.status, 400, `${path}: ${refused.text}`);
    assert.deepEqual(refused.json.errors.map((e) => [e.field, e.rule]), [[field, 'max-length']], path);
    assert.match(refused.json.errors[0].message, new RegExp(`^Shorten .+ to ${limit.toLocaleString('en-GB')} characters or fewer \\(it has ${(limit + 1).toLocaleString('en-GB')}\\)$`), path);
    const saved = await lead[method](path, method === 'patch' ? { ...fits, version: (await lead.get(`/api/v1/inspections/${i.id}`)).json.terms.version } : fits);
    assert.ok(saved.status === 200 || saved.status === 201, `${path}: ${saved.text}`);
    for (const [k, v] of Object.entries(fits)) if (typeof v === 'string' && v.length >= 300) assert.equal(saved.json[k], v, `${path} keeps ${k} whole`);
  }
});

test('an inspection is started by its lead inspectorate from the programme or in the year', async () => {
  const bad = await ctx.admin.post('/api/v1/inspections', { title: '', lead_inspectorate_id: cj.HMICFRS, participating: [cj.HMICFRS] });
  assert.equal(bad.status, 400);
  assert.deepEqual(fieldsOf(bad).sort(), ['participating', 'title']);
  const notLead = await people.cps_rep.post('/api/v1/inspections', { title: 'Theirs', lead_inspectorate_id: cj.HMICFRS, participating: [cj.HMICFRS, cj.HMCPSI] });
  assert.equal(notLead.status, 403);
  const proposal = await ctx.admin.post('/api/v1/proposals', {
    title: 'Not yet programmed', type: 'joint_thematic', duration_quarters: 2,
    participants: [{ inspectorate_id: cj.HMICFRS, involvement: 'lead', effort_days: 40 }, { inspectorate_id: cj.HMCPSI, involvement: 'support', effort_days: 20 }],
  });
  const fromLongList = await ctx.admin.post('/api/v1/inspections', { proposal_id: proposal.json.id });
  assert.equal(fromLongList.status, 409);
  assert.equal(fromLongList.json.rule, 'not-programmed');
  const unknown = await ctx.admin.post('/api/v1/inspections', { proposal_id: 999999 });
  assert.deepEqual(fieldsOf(unknown), ['proposal_id']);
});

test('R11_a_lead_inspector_who_starts_an_inspection_leads_it_and_an_inspector_starts_none', async () => {
  const body = { title: 'Started by its lead inspector', lead_inspectorate_id: cj.HMICFRS, participating: [cj.HMICFRS, cj.HMCPSI] };
  const inspector = await people.police_director.post('/api/v1/inspections', body);
  assert.equal(inspector.status, 403, inspector.text);
  assert.equal(inspector.json.rule, 'R11');
  assert.deepEqual(fieldsOf(inspector), ['lead_inspectorate_id']);
  const made = await people.police_lead.post('/api/v1/inspections', body);
  assert.equal(made.status, 201, made.text);
  // They see what they started, and lead it for their inspectorate.
  const view = await people.police_lead.get(`/api/v1/inspections/${made.json.id}`);
  assert.equal(view.status, 200, view.text);
  const lead = view.json.team.find((m) => m.user_id === people.police_lead.id);
  assert.ok(lead, view.text);
  assert.equal(lead.role, 'lead_inspector');
  assert.equal(lead.inspectorate_id, cj.HMICFRS);
  const listed = await people.police_lead.get('/api/v1/inspections');
  assert.ok(listed.json.items.some((x) => x.id === made.json.id));
});

test('R6_a_work_stream_whose_inspection_has_started_is_in_progress_and_keeps_its_start', async () => {
  const made = await ctx.admin.post('/api/v1/proposals', {
    title: 'Programmed and started', type: 'joint_thematic', duration_quarters: 2,
    participants: [{ inspectorate_id: cj.HMICFRS, involvement: 'lead', effort_days: 40 }, { inspectorate_id: cj.HMCPSI, involvement: 'support', effort_days: 20 }],
  });
  assert.equal(made.status, 201, made.text);
  const programmed = await ctx.admin.patch(`/api/v1/proposals/${made.json.id}`, { status: 'programmed', version: made.json.version });
  assert.equal(programmed.status, 200, programmed.text);
  const started = await people.police_rep.post('/api/v1/inspections', { proposal_id: made.json.id });
  assert.equal(started.status, 201, started.text);
  const after = (await ctx.admin.get(`/api/v1/proposals/${made.json.id}`)).json;
  assert.equal(after.status, 'in_progress', 'the optimiser now keeps its start (R6)');
  const again = await ctx.admin.post('/api/v1/inspections', { proposal_id: made.json.id });
  assert.equal(again.status, 409);
  assert.equal(again.json.rule, 'already-started');
  const history = await ctx.admin.get(`/api/v1/audit/entries?entity_type=proposal&entity_id=${made.json.id}`);
  assert.ok(history.json.items.some((e) => e.after?.status === 'in_progress'), 'the change is in the audit trail');
});

test('stage_order_sites_wait_for_stage_one', async () => {
  const i = await start();
  await nameLeads(i.id);
  const bodies = await ctx.admin.get('/api/v1/bodies?type=police_force&limit=1');
  const early = await people.police_lead.post(`/api/v1/inspections/${i.id}/sites`, { body_id: bodies.json.items[0].id, fieldwork_starts_on: day(60) });
  assert.equal(early.status, 409, early.text);
  assert.equal(early.json.rule, 'stage-order');
  assert.match(early.json.detail, /Terms of reference signed off by every inspectorate/);
  // Fieldwork waits for stage 2: evidence cannot be recorded before the letters go.
  const evidence = await people.cps_lead.post(`/api/v1/inspections/${i.id}/evidence`, { method: 'document_review', gathered_on: day(0), summary: 'Too early' });
  assert.equal(evidence.status, 409, evidence.text);
  assert.equal(evidence.json.rule, 'stage-order');
});

test('R14_letters_need_six_weeks_notice_and_every_authorisation', async () => {
  const i = await start();
  await throughStageOne(i.id);
  const bodies = await ctx.admin.get('/api/v1/bodies?type=police_force&limit=3');
  const body = bodies.json.items[0];
  const soon = await people.police_lead.post(`/api/v1/inspections/${i.id}/sites`, { body_id: body.id, fieldwork_starts_on: day(30), why: 'Large force with a rising trend' });
  assert.equal(soon.status, 201, soon.text);
  const again = await people.police_lead.post(`/api/v1/inspections/${i.id}/sites`, { body_id: body.id, fieldwork_starts_on: day(60) });
  assert.deepEqual(fieldsOf(again), ['body_id']);
  const later = await people.police_lead.post(`/api/v1/inspections/${i.id}/sites`, { body_id: bodies.json.items[1].id, fieldwork_starts_on: day(50) });
  const cpsSite = await people.cps_lead.post(`/api/v1/inspections/${i.id}/sites`, { body_id: bodies.json.items[2].id, fieldwork_starts_on: day(50) });
  assert.equal(cpsSite.status, 403, 'sites are the lead inspectorate\'s to propose');
  await agreeSites(i.id);
  const letter = async (site) => {
    const made = await people.police_lead.post(`/api/v1/inspections/${i.id}/letters`, {
      site_id: site.id, addressee: `Chief Constable, ${body.name}`, email: 'chief@force.invalid',
      signed_by: 'Senior responsible officer, HMICFRS', body: 'We will inspect your force.',
    });
    assert.equal(made.status, 201, made.text);
    return made.json;
  };
  const late = await letter(soon.json);
  const onTime = await letter(later.json);
  // Not authorised: refused, naming the rule.
  let sent = await people.police_lead.post(`/api/v1/commissioning-letters/${onTime.id}/sendings`);
  assert.equal(sent.status, 409);
  assert.equal(sent.json.rule, 'R14');
  assert.match(sent.json.detail, /authorises this version/);
  // One inspectorate's authority is not enough.
  const asked = await people.police_lead.post(`/api/v1/commissioning-letters/${onTime.id}/authorisation`);
  assert.equal(asked.status, 201, asked.text);
  await people.police_rep.post(`/api/v1/decisions/${asked.json.id}/responses`, { agree: true });
  sent = await people.police_lead.post(`/api/v1/commissioning-letters/${onTime.id}/sendings`);
  assert.equal(sent.status, 409);
  await people.cps_rep.post(`/api/v1/decisions/${asked.json.id}/responses`, { agree: true });
  // A change after authority needs authority again.
  const changed = await people.police_lead.patch(`/api/v1/commissioning-letters/${onTime.id}`, { body: 'We will inspect your force in the spring.', version: onTime.version });
  assert.equal(changed.status, 200, changed.text);
  sent = await people.police_lead.post(`/api/v1/commissioning-letters/${onTime.id}/sendings`);
  assert.equal(sent.status, 409);
  const again2 = await people.police_lead.post(`/api/v1/commissioning-letters/${onTime.id}/authorisation`);
  await agreeAll(again2.json.id);
  sent = await people.police_lead.post(`/api/v1/commissioning-letters/${onTime.id}/sendings`);
  assert.equal(sent.status, 201, sent.text);
  assert.equal(sent.json.letter_version, changed.json.version);
  const [mail] = await ctx.sink.waitFor(1);
  assert.equal(mail.envelope.rcptTo[0].address, 'chief@force.invalid');
  assert.match(mail.parsed.subject, /Joint inspection of/);
  assert.match(mail.parsed.text, /in the spring/, 'the authorised version is what is sent');
  // Authorised but too late: six weeks before fieldwork has passed, and
  // the refusal says by when it was needed and what fieldwork date works now.
  const askLate = await people.police_lead.post(`/api/v1/commissioning-letters/${late.id}/authorisation`);
  await agreeAll(askLate.json.id);
  sent = await people.police_lead.post(`/api/v1/commissioning-letters/${late.id}/sendings`);
  assert.equal(sent.status, 409);
  assert.equal(sent.json.rule, 'R14');
  assert.match(sent.json.detail, /had to be sent by .* could start on .* at the earliest/);
  const view = (await people.cps_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(view.sendings.length, 1);
  assert.equal(ctx.sink.messages.length, 1, 'nothing refused was e-mailed');
  assert.equal(view.letters.find((l) => l.id === onTime.id).authorisation, 'agreed');
});

test('letter_sent_a_version_is_sent_once_and_only_by_the_inspectorate_that_wrote_it', async () => {
  const i = await start();
  await throughStageOne(i.id);
  const bodies = await ctx.admin.get('/api/v1/bodies?type=police_force&limit=1');
  const site = await people.police_lead.post(`/api/v1/inspections/${i.id}/sites`, { body_id: bodies.json.items[0].id, fieldwork_starts_on: day(60) });
  const letter = await people.police_lead.post(`/api/v1/inspections/${i.id}/letters`, {
    site_id: site.json.id, addressee: 'Chief Constable', signed_by: 'Senior responsible officer', body: 'We will inspect.',
  });
  await agreeSites(i.id);
  const asked = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/authorisation`);
  // Two letters to "Chief Constable" are told apart by the force each goes to.
  assert.ok(asked.json.subject.startsWith(`Authorise the commissioning letter to Chief Constable, ${bodies.json.items[0].name} for`), asked.json.subject);
  await agreeAll(asked.json.id);
  const notTheirs = await people.cps_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/sendings`);
  assert.equal(notTheirs.status, 403);
  assert.equal(notTheirs.json.detail, 'A letter is sent by the inspectorate that wrote it');
  const sent = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/sendings`);
  assert.equal(sent.status, 201, sent.text);
  const sitesPage = async () => (await (await pagesAs('police_lead')).get(`/inspections/${i.id}/sites`)).text;
  assert.doesNotMatch(await sitesPage(), /Record that it was posted/, 'sent: no longer offered');
  const again = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/sendings`);
  assert.equal(again.status, 409);
  assert.equal(again.json.rule, 'letter-sent');
  const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  assert.equal(again.json.detail, `This version of the letter was already sent to Chief Constable, ${bodies.json.items[0].name} (by post) on ${today}. To send it again, change it and have every inspectorate authorise the new version`);
  // A changed version, authorised again, may go.
  const changed = await people.police_lead.patch(`/api/v1/commissioning-letters/${letter.json.id}`, { body: 'We will inspect in the spring.', version: letter.json.version });
  assert.equal(changed.status, 200, changed.text);
  await agreeAll((await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/authorisation`)).json.id);
  assert.match(await sitesPage(), /Record that it was posted/);
  const second = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/sendings`);
  assert.equal(second.status, 201, second.text);
  assert.equal(second.json.letter_version, changed.json.version);
});

test('site_in_use_a_site_with_a_letter_sent_is_kept', async () => {
  const i = await start();
  const site = await throughStageTwo(i.id);
  const removeButton = `href="/inspections/${i.id}/sites/${site.id}/delete"`;
  const page = (await (await pagesAs('police_lead')).get(`/inspections/${i.id}/sites`)).text.replaceAll('&#x2F;', '/');
  assert.ok(!page.includes(removeButton), 'Remove is not offered for a site in use');
  const refused = await people.police_lead.delete(`/api/v1/fieldwork-sites/${site.id}?version=${site.version}`);
  assert.equal(refused.status, 409, refused.text);
  assert.equal(refused.json.rule, 'site-in-use');
  assert.match(refused.json.detail, /cannot be removed while the inspection's record names it: it has a letter sent on \d{1,2} \w+ \d{4}\. Withdraw the letter first to remove the site$/);
  // A site nothing names yet is removed.
  const bodies = await ctx.admin.get('/api/v1/bodies?type=police_force&limit=2');
  const spare = await people.police_lead.post(`/api/v1/inspections/${i.id}/sites`, { body_id: bodies.json.items[1].id, fieldwork_starts_on: day(70) });
  assert.equal(spare.status, 201, spare.text);
  const after = (await (await pagesAs('police_lead')).get(`/inspections/${i.id}/sites`)).text.replaceAll('&#x2F;', '/');
  assert.ok(after.includes(`href="/inspections/${i.id}/sites/${spare.json.id}/delete"`));
  const removed = await people.police_lead.delete(`/api/v1/fieldwork-sites/${spare.json.id}?version=${spare.json.version}`);
  assert.equal(removed.status, 204, removed.text);
});

// A page's text with the entities the templates write turned back into characters.
const unescaped = (html) => html.replace(/&#x27;|&#39;/g, "'").replace(/&#x2F;/g, '/').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

test('letter_withdrawal_a_sent_letter_is_withdrawn_with_a_reason_and_its_site_may_then_change_or_go', async () => {
  const i = await start();
  await throughStageOne(i.id);
  const bodies = await ctx.admin.get('/api/v1/bodies?type=police_force&limit=3');
  const [body, other] = bodies.json.items;
  const site = await people.police_lead.post(`/api/v1/inspections/${i.id}/sites`, { body_id: body.id, fieldwork_starts_on: day(60), fieldwork_ends_on: day(62) });
  const spare = await people.police_lead.post(`/api/v1/inspections/${i.id}/sites`, { body_id: other.id, fieldwork_starts_on: day(61) });
  await agreeSites(i.id);
  const letter = await people.police_lead.post(`/api/v1/inspections/${i.id}/letters`, {
    site_id: site.json.id, addressee: `Chief Constable, ${body.name}`, email: 'withdrawn.chief@force.invalid',
    signed_by: 'Joanna Pelham, Senior responsible officer', body: 'We will inspect your force.',
  });
  // A letter never sent is not withdrawn.
  const unsent = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/withdrawal`, { reason: 'Too early' });
  assert.equal(unsent.status, 409, unsent.text);
  assert.equal(unsent.json.rule, 'letter-withdrawal');
  const asked = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/authorisation`);
  assert.equal(asked.status, 201, asked.text);
  // The question names the body as well as the addressee.
  assert.ok(asked.json.subject.includes(`letter to Chief Constable, ${body.name} for the joint inspection`), asked.json.subject);
  await agreeAll(asked.json.id);
  const sent = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/sendings`);
  assert.equal(sent.status, 201, sent.text);
  const siteNow = site.json;
  // While the letter stands, the site is neither changed nor removed, even by an administrator.
  for (const who of [people.police_lead, ctx.admin]) {
    const moved = await who.patch(`/api/v1/fieldwork-sites/${site.json.id}`, { fieldwork_starts_on: day(90), version: siteNow.version });
    assert.equal(moved.status, 409, moved.text);
    assert.equal(moved.json.rule, 'site-in-use');
    assert.match(moved.json.detail, /Withdraw the letter first, then change the site$/);
  }
  // Withdrawn only with a reason, by the inspectorate that wrote it.
  const noReason = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/withdrawal`, { reason: '  ' });
  assert.equal(noReason.status, 400, noReason.text);
  assert.deepEqual(fieldsOf(noReason), ['reason']);
  assert.equal(noReason.json.errors[0].rule, 'required');
  const tooLong = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/withdrawal`, { reason: 'x'.repeat(20001) });
  assert.equal(tooLong.status, 400);
  assert.deepEqual(fieldsOf(tooLong), ['reason']);
  const notTheirs = await people.cps_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/withdrawal`, { reason: 'Not ours' });
  assert.equal(notTheirs.status, 403);
  const before = ctx.sink.messages.length;
  const withdrawn = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/withdrawal`, { reason: 'Fieldwork moves to the spring' });
  assert.equal(withdrawn.status, 200, withdrawn.text);
  assert.equal(withdrawn.json.withdrawn, true);
  assert.equal(withdrawn.json.withdrawal_reason, 'Fieldwork moves to the spring');
  assert.equal(withdrawn.json.withdrawn_by, people.police_lead.id);
  // The body is told by e-mail, marked as the letter is.
  const mails = await ctx.sink.waitFor(before + 1);
  const told = mails.slice(before).find((m) => m.envelope.rcptTo[0].address === 'withdrawn.chief@force.invalid');
  assert.ok(told, 'the withdrawal was e-mailed');
  assert.match(told.parsed.subject, /^Withdrawn: joint inspection of/);
  assert.match(told.parsed.text, /^OFFICIAL\n/);
  assert.match(told.parsed.text, /Dear Chief Constable,/);
  assert.match(told.parsed.text, /is withdrawn[\s\S]*Why it is withdrawn: Fieldwork moves to the spring/);
  assert.match(told.parsed.text, /OFFICIAL\n*$/);
  // Recorded, and audited.
  const view = (await people.cps_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(view.sendings.find((x) => x.letter_id === letter.json.id).withdrawn, true);
  const audit = await ctx.admin.get(`/api/v1/audit/entries?entity_type=commissioning_letter&entity_id=${letter.json.id}`);
  const entry = audit.json.items.find((e) => e.action === 'withdraw');
  assert.ok(entry, 'the withdrawal is in the audit trail');
  assert.equal(entry.after.withdrawal_reason, 'Fieldwork moves to the spring');
  const again = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/withdrawal`, { reason: 'Twice' });
  assert.equal(again.status, 409);
  assert.equal(again.json.rule, 'letter-withdrawal');
  // The sites page says so, and offers to change the site again.
  const page = (await (await pagesAs('police_lead')).get(`/inspections/${i.id}/sites`)).text.replaceAll('&#x2F;', '/');
  assert.match(page, /withdrawn on (\w+ )?\d{1,2} \w+ \d{4}: Fieldwork moves to the spring/);
  assert.ok(page.includes(`href="/inspections/${i.id}/sites/${site.json.id}"`), 'Change is offered');
  // Now the site's fieldwork moves, and the set of sites is to be agreed again.
  const moved = await people.police_lead.patch(`/api/v1/fieldwork-sites/${site.json.id}`, { fieldwork_starts_on: day(100), fieldwork_ends_on: day(101), version: siteNow.version });
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.json.fieldwork_starts_on, day(100));
  assert.equal(moved.json.body_id, body.id);
  assert.equal((await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json.sites_agreement, 'lapsed');
  // And a site whose letter was withdrawn is removed with its letters.
  const removed = await people.police_lead.delete(`/api/v1/fieldwork-sites/${site.json.id}?version=${moved.json.version}`);
  assert.equal(removed.status, 204, removed.text);
  const after = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.ok(!after.letters.some((l) => l.id === letter.json.id), 'its letter went with it');
  assert.ok(!after.sendings.some((x) => x.letter_id === letter.json.id));
  assert.equal(spare.status, 201);
  // The letter's authorisation stays among the joint decisions, and the
  // decisions page still shows every decision.
  for (const who of ['police_lead', 'cps_rep']) {
    const decisions = await (await pagesAs(who)).get('/decisions');
    assert.equal(decisions.status, 200, `${who}: ${decisions.text.slice(0, 200)}`);
  }
  const listed = await people.police_lead.get('/api/v1/decisions');
  assert.equal(listed.status, 200, listed.text);
});

test('R14_a_site_whose_letter_can_no_longer_go_in_time_warns_when_added_agreed_and_authorised', async () => {
  const i = await start();
  await throughStageOne(i.id);
  const bodies = await ctx.admin.get('/api/v1/bodies?type=police_force&limit=1');
  const body = bodies.json.items[0];
  const site = await people.police_lead.post(`/api/v1/inspections/${i.id}/sites`, { body_id: body.id, fieldwork_starts_on: day(30), fieldwork_ends_on: day(31) });
  assert.equal(site.status, 201, site.text);
  const words = (iso) => {
    const d = new Date(`${iso}T00:00:00Z`);
    const weekday = d.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
    return `${weekday} ${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}`;
  };
  const expected = `The commissioning letter to ${body.name} had to be sent by ${words(day(-12))}, six weeks before fieldwork there starts on ${words(day(30))}, so it cannot be sent now. Move fieldwork at ${body.name} to ${words(day(42))} or later`;
  const warned = async () => {
    const view = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
    assert.ok(view.site_warnings.find((w) => w.site_id === site.json.id).warnings.includes(expected), JSON.stringify(view.site_warnings));
    const page = unescaped((await (await pagesAs('police_lead')).get(`/inspections/${i.id}/sites`)).text);
    assert.match(page, /govuk-warning-text/);
    assert.ok(page.includes(expected), 'the sites page warns in words');
  };
  await warned();  // when added
  await agreeSites(i.id);
  await warned();  // when agreed
  const letter = await people.police_lead.post(`/api/v1/inspections/${i.id}/letters`, {
    site_id: site.json.id, addressee: 'Chief Constable', signed_by: 'Senior responsible officer', body: 'We will inspect.',
  });
  await agreeAll((await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/authorisation`)).json.id);
  await warned();  // when authorised
  // Authorised but too late: not offered to be posted; the letter says why and links to moving fieldwork.
  const page = unescaped((await (await pagesAs('police_lead')).get(`/inspections/${i.id}/sites`)).text);
  const card = page.slice(page.indexOf(`id="letter-${letter.json.id}"`));
  assert.doesNotMatch(card, /Record that it was posted/);
  assert.match(card, new RegExp(`It cannot be sent now\\. A commissioning letter goes out at least six weeks before onsite fieldwork: for fieldwork starting on ${words(day(30))} it had to be sent by ${words(day(-12))}`));
  assert.ok(card.includes(`<a class="govuk-link" href="/inspections/${i.id}/sites/${site.json.id}">Change fieldwork at ${body.name}</a>, then send the letter.`), card.slice(0, 3000));
  // Still refused when sent (R14).
  const sent = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/sendings`);
  assert.equal(sent.status, 409);
  assert.equal(sent.json.rule, 'R14');
  // Moving fieldwork late enough ends the warning.
  const now = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json.sites.find((x) => x.id === site.json.id);
  const moved = await people.police_lead.patch(`/api/v1/fieldwork-sites/${site.json.id}`, { fieldwork_starts_on: day(65), fieldwork_ends_on: day(66), version: now.version });
  assert.equal(moved.status, 200, moved.text);
  const view = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(view.site_warnings.find((w) => w.site_id === site.json.id), undefined);
});

test('site_warnings_fieldwork_in_peak_leave_or_outside_the_timetable_warns_without_refusing', async () => {
  const i = await start();
  await throughStageOne(i.id);  // fieldwork on the timetable: day(60) to day(80)
  const bodies = await ctx.admin.get('/api/v1/bodies?type=police_force&limit=2');
  const [inside, outside] = bodies.json.items;
  const year = new Date().getUTCFullYear() + 1;
  const ok = await people.police_lead.post(`/api/v1/inspections/${i.id}/sites`, { body_id: inside.id, fieldwork_starts_on: day(61), fieldwork_ends_on: day(62) });
  const christmas = await people.police_lead.post(`/api/v1/inspections/${i.id}/sites`, { body_id: outside.id, fieldwork_starts_on: `${year}-12-27`, fieldwork_ends_on: `${year}-12-28` });
  assert.equal(christmas.status, 201, 'a warning, not a refusal');
  const view = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  const of = (id) => view.site_warnings.find((w) => w.site_id === id)?.warnings ?? [];
  assert.deepEqual(of(ok.json.id), [], 'within the timetable, out of peak leave: nothing to say');
  const warnings = of(christmas.json.id);
  assert.ok(warnings.some((w) => w.startsWith(`Fieldwork at ${outside.name} falls in a peak leave period of those inspected: Christmas ${year}`)), JSON.stringify(warnings));
  assert.ok(warnings.includes(`Fieldwork at ${outside.name} falls outside the fieldwork dates on the inspection's timetable`));
  const page = unescaped((await (await pagesAs('police_lead')).get(`/inspections/${i.id}/sites`)).text);
  assert.ok(page.includes(`Fieldwork at ${outside.name} falls outside the fieldwork dates on the inspection's timetable`));
});

test('R14_a_letter_names_the_Chief_Inspectors_as_they_were_when_it_was_authorised_and_its_body_s_address', async () => {
  const i = await start();
  await throughStageOne(i.id);
  const bodies = await ctx.admin.get('/api/v1/bodies?type=police_force&limit=1');
  const body = bodies.json.items[0];
  const addressed = await ctx.admin.patch(`/api/v1/bodies/${body.id}`, { address: '9 Letter Lane, Maidstone ME14 9ZZ', version: body.version });
  assert.equal(addressed.status, 200, addressed.text);
  assert.equal(addressed.json.address, '9 Letter Lane, Maidstone ME14 9ZZ');
  const site = await people.police_lead.post(`/api/v1/inspections/${i.id}/sites`, { body_id: body.id, fieldwork_starts_on: day(60) });
  await agreeSites(i.id);
  const write = async () => (await people.police_lead.post(`/api/v1/inspections/${i.id}/letters`, {
    site_id: site.json.id, addressee: `Chief Constable, ${body.name}`, email: 'heading.chief@force.invalid',
    signed_by: 'Joanna Pelham, Senior responsible officer', body: 'We will inspect your force.',
  })).json;
  const first = await write();
  const { execFileSync } = await import('node:child_process');
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const dir = scratchDir('heading');
  const text = async (letter) => {
    const raw = await fetch(ctx.server.base + `/api/v1/commissioning-letters/${letter.id}/letter.pdf`, { headers: { Authorization: `Bearer ${people.police_lead.token}` } });
    const file = join(dir, `letter-${letter.id}-${Date.now()}.pdf`);
    writeFileSync(file, Buffer.from(await raw.arrayBuffer()));
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  };
  const hmicfrs = (await ctx.admin.get(`/api/v1/inspectorates/${cj.HMICFRS}`)).json;
  const then = hmicfrs.head_name;
  assert.ok((await text(first)).includes(`Chief Constable, ${body.name} 9 Letter Lane, Maidstone ME14 9ZZ`), 'the address under the addressee');
  await agreeAll((await people.police_lead.post(`/api/v1/commissioning-letters/${first.id}/authorisation`)).json.id);
  // A new Chief Inspector later: the authorised letter keeps the one it was authorised under.
  const changed = await ctx.admin.patch(`/api/v1/inspectorates/${cj.HMICFRS}`, { head_name: 'Alex Newname', version: hmicfrs.version });
  assert.equal(changed.status, 200, changed.text);
  try {
    const kept = await text(first);
    assert.ok(kept.includes(`${then}, ${hmicfrs.head_title}`), kept);
    assert.ok(!kept.includes('Alex Newname'));
    // Sent, the e-mail carries the same heading, greets the addressee and is marked OFFICIAL at top and bottom.
    const before = ctx.sink.messages.length;
    assert.equal((await people.police_lead.post(`/api/v1/commissioning-letters/${first.id}/sendings`)).status, 201);
    const mail = (await ctx.sink.waitFor(before + 1)).slice(before).find((m) => m.envelope.rcptTo[0].address === 'heading.chief@force.invalid');
    assert.match(mail.parsed.text, /^OFFICIAL\n/);
    assert.match(mail.parsed.text, /OFFICIAL\n*$/);
    assert.ok(mail.parsed.text.includes(`${then}, ${hmicfrs.head_title}`));
    assert.ok(mail.parsed.text.includes(`Chief Constable, ${body.name}\n9 Letter Lane, Maidstone ME14 9ZZ\n\nDear Chief Constable,\n`));
    // A letter not yet authorised names today's.
    const second = await write();
    assert.ok((await text(second)).includes(`Alex Newname, ${hmicfrs.head_title}`));
  } finally {
    const now = (await ctx.admin.get(`/api/v1/inspectorates/${cj.HMICFRS}`)).json;
    await ctx.admin.patch(`/api/v1/inspectorates/${cj.HMICFRS}`, { head_name: then, version: now.version });
  }
});

// The text of a letter as its PDF prints it, on one line.
async function letterText(letter) {
  const { execFileSync } = await import('node:child_process');
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const raw = await fetch(ctx.server.base + `/api/v1/commissioning-letters/${letter.id}/letter.pdf`, { headers: { Authorization: `Bearer ${people.police_lead.token}` } });
  const file = join(scratchDir('letter'), 'letter.pdf');
  writeFileSync(file, Buffer.from(await raw.arrayBuffer()));
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

test('letter_address_a_posted_letter_needs_its_body_s_postal_address_and_always_names_the_body', async () => {
  const i = await start();
  await throughStageOne(i.id);
  // A force beyond those given addresses: the directory has none for it.
  const body = (await ctx.admin.get('/api/v1/bodies?type=police_force&limit=6')).json.items[5];
  assert.equal(body.address, '');
  const site = await people.police_lead.post(`/api/v1/inspections/${i.id}/sites`, { body_id: body.id, fieldwork_starts_on: day(60) });
  await agreeSites(i.id);
  const letter = (await people.police_lead.post(`/api/v1/inspections/${i.id}/letters`, {
    site_id: site.json.id, addressee: 'Chief Constable', signed_by: 'Senior responsible officer', body: 'We will inspect.',
  })).json;
  // Warned of as soon as it is written, before anyone is asked to authorise it.
  const warning = `The letter to Chief Constable, ${body.name} goes by post, but the directory has no postal address for ${body.name}. Add the address on the body's page in the directory, or give the letter an email address`;
  const warnings = async () => ((await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json.site_warnings.find((w) => w.site_id === site.json.id)?.warnings ?? []);
  assert.ok((await warnings()).includes(warning), JSON.stringify(await warnings()));
  assert.ok(unescaped((await (await pagesAs('police_lead')).get(`/inspections/${i.id}/sites`)).text).includes(warning), 'the sites page warns');
  // The letter names the body even though its addressee does not.
  assert.ok((await letterText(letter)).includes(`By post Chief Constable, ${body.name}`), await letterText(letter));
  await agreeAll((await people.police_lead.post(`/api/v1/commissioning-letters/${letter.id}/authorisation`)).json.id);
  // Authorised, it is not offered to be recorded as posted, and the page says why.
  const page = unescaped((await (await pagesAs('police_lead')).get(`/inspections/${i.id}/sites`)).text);
  assert.doesNotMatch(page, /Record that it was posted/);
  assert.ok(page.includes(`It cannot be sent now. ${warning}.`), 'says why');
  assert.ok(page.includes(`href="/bodies/${body.id}"`), 'links to the body in the directory');
  // Recorded as posted anyway: refused, naming the field, nothing recorded.
  const refused = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.id}/sendings`);
  assert.equal(refused.status, 409, refused.text);
  assert.equal(refused.json.rule, 'letter-address');
  assert.deepEqual(fieldsOf(refused), ['address']);
  assert.deepEqual((await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json.sendings.filter((x) => x.letter_id === letter.id), []);
  // With an address in the directory, the warning goes and the letter is posted to the body, named.
  const now = (await ctx.admin.get(`/api/v1/bodies/${body.id}`)).json;
  assert.equal((await ctx.admin.patch(`/api/v1/bodies/${body.id}`, { address: '7 Post Road, Anytown AN1 9ZZ', version: now.version })).status, 200);
  try {
    assert.ok(!(await warnings()).includes(warning));
    const sent = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.id}/sendings`);
    assert.equal(sent.status, 201, sent.text);
    assert.equal(sent.json.sent_to, `Chief Constable, ${body.name} (by post)`);
    assert.ok((await letterText(letter)).includes(`Chief Constable, ${body.name} 7 Post Road, Anytown AN1 9ZZ`));
  } finally {
    const after = (await ctx.admin.get(`/api/v1/bodies/${body.id}`)).json;
    await ctx.admin.patch(`/api/v1/bodies/${body.id}`, { address: '', version: after.version });
  }
});

test('letter_withdrawal_the_page_then_says_what_to_do_next_change_the_site_then_write_a_new_letter', async () => {
  const i = await start();
  const site = await throughStageTwo(i.id);
  const letter = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json.letters[0];
  const pages = await pagesAs('police_lead');
  const withdrawn = await pages.request('POST', `/inspections/${i.id}/letters/${letter.id}/withdraw`,
    new URLSearchParams({ reason: 'Fieldwork moves to the spring' }).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(withdrawn.status, 303, withdrawn.text);
  const next = withdrawn.headers.get('location');
  assert.equal(next, `/inspections/${i.id}/sites?withdrawn=${letter.id}&done=letter-withdrawn#letters`);
  const page = unescaped((await pages.get(next.replace(/#.*/, ''))).text);
  const banner = page.slice(page.indexOf('govuk-notification-banner'), page.indexOf('</ol>'));
  assert.match(banner, /The letter is withdrawn/);
  const name = (await ctx.admin.get(`/api/v1/bodies/${site.body_id}`)).json.name;
  assert.ok(banner.includes(`<a class="govuk-notification-banner__link" href="/inspections/${i.id}/sites/${site.id}">Change fieldwork at ${name} if the plans for it changed</a>`), banner);
  assert.ok(banner.includes(`href="/inspections/${i.id}/sites?write=${site.id}#write-letter">Write a new letter to ${name}`), banner);
  // The link to write one opens the form with the site chosen.
  const write = unescaped((await pages.get(`/inspections/${i.id}/sites?write=${site.id}`)).text);
  assert.match(write, /<details class="govuk-details" id="write-letter" open>/);
  assert.ok(write.includes(`<option value="${site.id}" selected>${name}</option>`));
  // The next steps come only after a withdrawal, of a letter of this inspection.
  assert.doesNotMatch(unescaped((await pages.get(`/inspections/${i.id}/sites?withdrawn=999999&done=letter-withdrawn`)).text), /What to do next/);
});

test('letter_sent_a_sending_says_how_it_went', async () => {
  const i = await start();
  await throughStageTwo(i.id);
  const view = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.deepEqual(view.sendings.map((x) => [x.method, x.withdrawn]), [['post', false]]);
});

test('R15_every_participating_inspectorate_sees_and_quality_assures_all_evidence', async () => {
  const i = await start();
  const site = await throughStageTwo(i.id);
  // The HMCPSI team records evidence for HMCPSI.
  const recorded = await people.cps_lead.post(`/api/v1/inspections/${i.id}/evidence`, {
    method: 'file_examination', gathered_on: day(0), site_id: site.id,
    summary: 'The charging decision was recorded late', answers: 'Q1: No\nQ2: Yes',
  });
  assert.deepEqual(fieldsOf(recorded), ['case_reference'], 'a file examination names its case');
  const item = await people.cps_lead.post(`/api/v1/inspections/${i.id}/evidence`, {
    method: 'file_examination', gathered_on: day(0), site_id: site.id, case_reference: '01KN0123456',
    summary: 'The charging decision was recorded late', answers: 'Q1: No\nQ2: Yes',
  });
  assert.equal(item.status, 201, item.text);
  assert.equal(item.json.recorded_for, cj.HMCPSI);
  // Every participating inspectorate sees it, the team and the representatives alike;
  // an inspectorate that does not take part sees nothing.
  for (const who of [people.police_lead, people.police_rep, people.cps_rep]) {
    const view = await who.get(`/api/v1/inspections/${i.id}`);
    assert.equal(view.status, 200);
    assert.deepEqual(view.json.evidence.map((e) => e.id), [item.json.id]);
  }
  assert.equal((await people.probation_rep.get(`/api/v1/inspections/${i.id}`)).status, 404);
  assert.equal((await people.probation_rep.post(`/api/v1/evidence/${item.json.id}/reviews`, { version: 1, state: 'agreed' })).status, 404);
  // HMICFRS queries it; a query says what it asks; HMCPSI answers.
  const bare = await people.police_lead.post(`/api/v1/evidence/${item.json.id}/reviews`, { version: 1, state: 'query_raised' });
  assert.equal(bare.status, 400);
  assert.equal(bare.json.errors[0].rule, 'query-comment');
  const query = await people.police_lead.post(`/api/v1/evidence/${item.json.id}/reviews`, { version: 1, state: 'query_raised', comment: 'Which policy applied?' });
  assert.equal(query.status, 201, query.text);
  const notTheirs = await people.police_lead.post(`/api/v1/evidence-reviews/${query.json.id}/answer`, { answer: 'Ours' });
  assert.equal(notTheirs.status, 403);
  const answered = await people.cps_lead.post(`/api/v1/evidence-reviews/${query.json.id}/answer`, { answer: 'The 2016 charging standard' });
  assert.equal(answered.status, 200, answered.text);
  assert.equal(answered.json.answer, 'The 2016 charging standard');
  // Only the recording inspectorate changes the item; a change asks everyone again.
  assert.equal((await people.police_lead.patch(`/api/v1/evidence/${item.json.id}`, { summary: 'Changed', version: 1 })).status, 403);
  await people.cps_rep.post(`/api/v1/evidence/${item.json.id}/reviews`, { version: 1, state: 'agreed' });
  const changed = await people.cps_lead.patch(`/api/v1/evidence/${item.json.id}`, { summary: 'The charging decision was recorded nine days late', version: 1 });
  assert.equal(changed.status, 200, changed.text);
  const stale = await people.police_lead.post(`/api/v1/evidence/${item.json.id}/reviews`, { version: 1, state: 'agreed' });
  assert.equal(stale.status, 409);
  assert.ok(stale.json.changes_since_your_version?.length >= 1, stale.text);
  let view = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  const by = view.quality_assurance[0].by_inspectorate;
  assert.deepEqual([by[cj.HMICFRS], by[cj.HMCPSI]], ['not_reviewed', 'not_reviewed']);
  const fieldworkCheck = () => view.stages[3].checks.find((c) => /quality-assured/.test(c.label));
  assert.equal(fieldworkCheck().done, false);
  for (const rep of [people.police_rep, people.cps_rep]) {
    const agreed = await rep.post(`/api/v1/evidence/${item.json.id}/reviews`, { version: 2, state: 'agreed' });
    assert.equal(agreed.status, 201, agreed.text);
  }
  view = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(fieldworkCheck().done, true);
  assert.equal(fieldworkCheck().rule, 'R15');
});

test('official_sensitive_evidence_stays_with_the_team', async () => {
  const i = await start();
  await throughStageTwo(i.id);
  const item = await people.cps_lead.post(`/api/v1/inspections/${i.id}/evidence`, {
    method: 'interviews', gathered_on: day(0), summary: 'A victim named in interview', classification: 'official_sensitive',
  });
  assert.equal(item.status, 201, item.text);
  const team = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(team.evidence.length, 1);
  // A representative who is not on the team sees the inspection but not the item.
  const rep = (await people.police_rep.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(rep.evidence.length, 0);
  assert.equal(rep.evidence_withheld, 1);
  const review = await people.police_rep.post(`/api/v1/evidence/${item.json.id}/reviews`, { version: 1, state: 'agreed' });
  assert.equal(review.status, 403);
  assert.equal(review.json.rule, 'official-sensitive');
});

function multipart(name, filename, bytes) {
  const boundary = 'jointly-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const body = Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(tail)]);
  return [new Uint8Array(body), { 'Content-Type': `multipart/form-data; boundary=${boundary}` }];
}

test('attachments_keep_their_hash_and_refuse_what_they_are_not', async () => {
  const i = await start();
  await throughStageTwo(i.id);
  const item = await people.cps_lead.post(`/api/v1/inspections/${i.id}/evidence`, {
    method: 'document_review', gathered_on: day(0), summary: 'The Area hate crime plan',
  });
  const notes = 'Interview notes: the plan was last reviewed in 2015.\n';
  const attached = await people.cps_lead.post(`/api/v1/evidence/${item.json.id}/attachments`, ...multipart('file', 'notes é.txt', notes));
  assert.equal(attached.status, 201, attached.text);
  const { createHash } = await import('node:crypto');
  assert.equal(attached.json.sha256, createHash('sha256').update(notes).digest('hex'));
  assert.equal(attached.json.content_type, 'text/plain');
  // A file added is a change: the item moves to a new version, to be quality-assured again.
  const afterAttach = (await people.cps_lead.get(`/api/v1/inspections/${i.id}`)).json.evidence[0];
  assert.equal(afterAttach.version, item.json.version + 1);
  const file = await people.police_rep.get(`/api/v1/attachments/${attached.json.id}`);
  assert.equal(file.status, 200);
  assert.equal(file.text, notes);
  assert.match(file.headers.get('content-disposition'), /^attachment; filename="notes __.txt"; filename\*=UTF-8''notes%20%C3%A9.txt$/);
  const renamed = await people.cps_lead.post(`/api/v1/evidence/${item.json.id}/attachments`, ...multipart('file', 'policy.pdf', 'MZ\x90\x00program'));
  assert.equal(renamed.status, 400);
  assert.equal(renamed.json.errors[0].rule, 'attachment-type');
  const big = await people.cps_lead.post(`/api/v1/evidence/${item.json.id}/attachments`, ...multipart('file', 'big.txt', 'a'.repeat(5 * 1024 * 1024 + 1)));
  assert.equal(big.status, 400);
  assert.equal(big.json.errors[0].rule, 'attachment-size');
  // Another inspectorate's item takes no attachments from HMICFRS.
  assert.equal((await people.police_lead.post(`/api/v1/evidence/${item.json.id}/attachments`, ...multipart('file', 'a.txt', 'x'))).status, 403);
  assert.equal((await people.probation_rep.get(`/api/v1/attachments/${attached.json.id}`)).status, 404);
});

test('R16_a_single_inspectorate_interview_needs_a_reason', async () => {
  const i = await start();
  const site = await throughStageTwo(i.id);
  const single = await people.cps_lead.post(`/api/v1/inspections/${i.id}/interviews`, {
    kind: 'interview', held_on: day(61), with_whom: 'Chief Crown Prosecutor', staffing: 'single', site_id: site.id,
  });
  assert.equal(single.status, 400);
  assert.deepEqual(fieldsOf(single).sort(), ['single_inspectorate', 'single_reason']);
  assert.ok(single.json.errors.every((e) => e.rule === 'R16'));
  const outsider = await people.cps_lead.post(`/api/v1/inspections/${i.id}/interviews`, {
    kind: 'interview', held_on: day(61), with_whom: 'Chief Crown Prosecutor', staffing: 'single',
    single_inspectorate: cj.HMIPROBATION, single_reason: 'Probation matter',
  });
  assert.equal(outsider.status, 400);
  assert.equal(outsider.json.errors[0].rule, 'not-participating');
  const joint = await people.cps_lead.post(`/api/v1/inspections/${i.id}/interviews`, {
    kind: 'focus_group', held_on: day(61), with_whom: 'Hate crime leads', plan: 'What changed since 2015?',
  });
  assert.equal(joint.status, 201, joint.text);
  assert.equal(joint.json.staffing, 'joint');
  const reasoned = await people.cps_lead.post(`/api/v1/inspections/${i.id}/interviews`, {
    kind: 'interview', held_on: day(61), with_whom: 'Chief Crown Prosecutor', staffing: 'single',
    single_inspectorate: cj.HMCPSI, single_reason: 'Prosecution decisions in live cases are for HMCPSI alone',
  });
  assert.equal(reasoned.status, 201, reasoned.text);
});

test('fieldwork arrangements are the lead\'s to propose, complete before agreement, and lapse on change', async () => {
  const i = await start();
  await throughStageTwo(i.id);
  let view = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  const early = await people.police_lead.post(`/api/v1/inspections/${i.id}/fieldwork-agreement`);
  assert.equal(early.status, 400);
  assert.equal(early.json.rule, 'arrangements-incomplete');
  assert.equal(early.json.errors.length, 9, 'every missing part named at once');
  const parts = {
    onsite_and_remote: 'File examination remote; interviews onsite', drafting: 'each_lead',
    inspectors_per_visit: 'Two per visit, a joint pair', security: 'Police vetting for all',
    shared_before: 'Force data pack, shared by the lead', evidence_recording: 'In Jointly, by each inspector',
    debriefs: 'Daily at 5pm', live_cases: 'Raise with the lead at once', interviews: 'question_list',
  };
  const notLead = await people.cps_lead.patch(`/api/v1/inspections/${i.id}/fieldwork-arrangements`, { ...parts, version: view.arrangements.version });
  assert.equal(notLead.status, 403);
  const saved = await people.police_lead.patch(`/api/v1/inspections/${i.id}/fieldwork-arrangements`, { ...parts, version: view.arrangements.version });
  assert.equal(saved.status, 200, saved.text);
  const asked = await people.police_lead.post(`/api/v1/inspections/${i.id}/fieldwork-agreement`);
  assert.equal(asked.status, 201, asked.text);
  await agreeAll(asked.json.id);
  view = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(view.arrangements_agreement, 'agreed');
  assert.equal(view.stages[3].progress, 'not_started');
  await people.police_lead.patch(`/api/v1/inspections/${i.id}/fieldwork-arrangements`, { debriefs: 'Daily at 4pm', version: saved.json.version });
  view = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(view.arrangements_agreement, 'lapsed');
  // Saved on a version since changed: refused, saying what changed since.
  const stale = await people.police_lead.patch(`/api/v1/inspections/${i.id}/fieldwork-arrangements`, { debriefs: 'Daily at 3pm', version: saved.json.version });
  assert.equal(stale.status, 409);
  assert.equal(stale.json.detail, `This set of fieldwork arrangements was changed by someone else since you opened it (you had version ${saved.json.version}, it is now version ${saved.json.version + 1}); reload it and make your change again. Changed since your version: debriefs`);
  assert.deepEqual(stale.json.changes_since_your_version.map((c) => c.fields), [['debriefs']]);
  assert.equal(stale.json.current.debriefs, 'Daily at 4pm');
  // Clearances: each for someone on the team; one not yet held warns.
  const clearance = await people.police_lead.post(`/api/v1/inspections/${i.id}/clearances`, {
    user_id: people.cps_lead.id, kind: 'it_access', detail: 'Kent Police crime system', held: false,
  });
  assert.equal(clearance.status, 201, clearance.text);
  const outsider = await people.police_lead.post(`/api/v1/inspections/${i.id}/clearances`, {
    user_id: people.probation_rep.id, kind: 'security_vetting', detail: 'Vetting',
  });
  assert.deepEqual(fieldsOf(outsider), ['user_id']);
  view = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(view.clearance_warnings.length, 1);
  assert.match(view.clearance_warnings[0], /does not hold Access to IT systems/);
});

test('a clearance past its expiry date is shown expired and counts as not held', async () => {
  const i = await start();
  await throughStageTwo(i.id);
  const expired = await people.police_lead.post(`/api/v1/inspections/${i.id}/clearances`, {
    user_id: people.police_lead.id, kind: 'security_vetting', detail: 'Police vetting level 2',
    held: true, expires_on: day(-1),
  });
  assert.equal(expired.status, 201, expired.text);
  const view = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(view.clearance_warnings.length, 1);
  assert.match(view.clearance_warnings[0], /Security clearance \(Police vetting level 2\) expired on .*: it is not held until it is renewed/);
  const check = view.stages[2].checks.find((c) => /Security clearance/.test(c.label));
  assert.equal(check.done, false);
  const page = await (await pagesAs('police_lead')).get(`/inspections/${i.id}/fieldwork`);
  assert.match(page.text, /govuk-tag--red">Expired</);
  assert.doesNotMatch(page.text, /govuk-tag--green">Held</);
});

test('an inspection with no one on its team says so, and what to do next', async () => {
  const i = await start();
  const empty = await (await pagesAs('police_rep')).get(`/inspections/${i.id}/team`);
  assert.equal(empty.status, 200, empty.text);
  assert.match(empty.text, /No one is on the team yet\./);
  assert.match(empty.text, /href="#appoint"/);
  assert.doesNotMatch(empty.text, /<table class="govuk-table">/);
  await nameLeads(i.id);
  const named = await (await pagesAs('police_rep')).get(`/inspections/${i.id}/team`);
  assert.doesNotMatch(named.text, /No one is on the team yet/);
  assert.match(named.text, /<table class="govuk-table">/);
});

test('fieldwork forms are offered only to those the inspection lets record fieldwork', async () => {
  const i = await start();
  await throughStageTwo(i.id);
  const forms = {
    clearance: `action="/inspections/${i.id}/fieldwork/clearance"`,
    interview: `action="/inspections/${i.id}/fieldwork/interview"`,
    'live-case': `action="/inspections/${i.id}/fieldwork/live-case"`,
  };
  // The lead inspectorate's representative, not on the team, reads them only.
  const rep = await (await pagesAs('police_rep')).get(`/inspections/${i.id}/fieldwork`);
  assert.equal(rep.status, 200);
  assert.doesNotMatch(rep.text, /Add a clearance|Plan an interview|Record an issue in a live case/);
  const repEvidence = await (await pagesAs('police_rep')).get(`/inspections/${i.id}/evidence`);
  assert.doesNotMatch(repEvidence.text, new RegExp(`action="/inspections/${i.id}/evidence"`));
  for (const [path, action] of Object.entries(forms)) {
    const page = await (await pagesAs('police_rep')).get(`/inspections/${i.id}/fieldwork/${path}`);
    assert.equal(page.status, 200, path);
    assert.ok(!page.text.includes(action), `no ${path} form for the representative`);
    assert.match(page.text, /Only the inspection's team records this/);
    const refused = await people.police_rep.post(`/api/v1/inspections/${i.id}/clearances`, {
      user_id: people.police_lead.id, kind: 'it_access', detail: 'Crime system',
    });
    assert.equal(refused.status, 403, 'and the service refuses it');
  }
  // Someone on the team is offered every one.
  const lead = await (await pagesAs('police_lead')).get(`/inspections/${i.id}/fieldwork`);
  assert.match(lead.text, /Add a clearance/);
  for (const [path, action] of Object.entries(forms)) {
    const page = await (await pagesAs('police_lead')).get(`/inspections/${i.id}/fieldwork/${path}`);
    assert.ok(page.text.includes(action), `the ${path} form for the team`);
  }
});

test('the home page lists evidence to quality-assure and answered queries, in words, for an inspector on the team, and the register tags an answered query as awaiting review', async () => {
  const i = await start();
  const site = await throughStageTwo(i.id);
  const summary = `Victims were not told of the outcome ${++serial}`;
  const item = await people.cps_lead.post(`/api/v1/inspections/${i.id}/evidence`, {
    method: 'document_review', gathered_on: day(0), site_id: site.id, summary,
  });
  assert.equal(item.status, 201, item.text);
  const link = `href="/inspections/${i.id}/evidence/${item.json.id}"`;
  const section = (html, heading) => {
    const text = html.replaceAll('&#x2F;', '/');
    const start = text.indexOf(heading);
    if (start < 0) return '';
    const end = text.indexOf('</ul>', start);
    return text.slice(start, end);
  };
  const toAssure = 'Evidence for your inspectorate to quality-assure';
  const answeredHeading = 'Your queries that have been answered';
  let home = (await (await pagesAs('police_lead')).get('/')).text;
  assert.ok(section(home, toAssure).includes(link), 'awaiting HMICFRS quality assurance');
  assert.ok(section(home, toAssure).includes(summary));
  // The representative, not on the team, is not asked on the home page.
  assert.ok(!section((await (await pagesAs('police_rep')).get('/')).text, toAssure).includes(link));
  const query = await people.police_lead.post(`/api/v1/evidence/${item.json.id}/reviews`, {
    version: item.json.version, state: 'query_raised', comment: 'Which letters were checked?',
  });
  assert.equal(query.status, 201, query.text);
  home = (await (await pagesAs('police_lead')).get('/')).text;
  assert.ok(!section(home, toAssure).includes(link), 'queried: no longer awaiting');
  assert.ok(!section(home, answeredHeading).includes(link), 'not answered yet');
  const answered = await people.cps_lead.post(`/api/v1/evidence-reviews/${query.json.id}/answer`, { answer: 'Twenty letters from the last quarter' });
  assert.equal(answered.status, 200, answered.text);
  home = (await (await pagesAs('police_lead')).get('/')).text;
  const answers = section(home, answeredHeading);
  assert.ok(answers.includes(link), 'the answered query, linked');
  assert.match(answers, /Which letters were checked\?/);
  assert.match(answers, /Answered \d{1,2} \w+ \d{4} at \d\d:\d\d: Twenty letters from the last quarter/);
  // The evidence register says the answer awaits the inspectorate that asked.
  const register = async (who) => (await (await pagesAs(who)).get(`/inspections/${i.id}/evidence`)).text;
  assert.match(await register('police_lead'), /HMICFRS: <strong class="govuk-tag govuk-tag--yellow">Query answered: awaiting your review/);
  assert.match(await register('cps_lead'), /HMICFRS: <strong class="govuk-tag govuk-tag--yellow">Query answered: awaiting its review/);
  // Looked at again and agreed: nothing left for HMICFRS.
  await people.police_lead.post(`/api/v1/evidence/${item.json.id}/reviews`, { version: item.json.version, state: 'agreed' });
  home = (await (await pagesAs('police_lead')).get('/')).text;
  assert.ok(!section(home, toAssure).includes(link));
  assert.ok(!section(home, answeredHeading).includes(link));
});

test('R11_an_open_decision_lapses_when_a_newer_version_is_asked', async () => {
  const i = await start();
  await throughStageOne(i.id);
  // The timetable changes while a new agreement is being asked: the question
  // about the older version is closed when the newer one is asked.
  const date = await people.police_lead.post(`/api/v1/inspections/${i.id}/key-dates`, {
    kind: 'reference_group', title: 'Reference group', starts_on: day(30),
  });
  assert.equal(date.status, 201, date.text);
  const first = await people.police_lead.post(`/api/v1/inspections/${i.id}/timetable-agreement`);
  assert.equal(first.status, 201, first.text);
  await people.police_rep.post(`/api/v1/decisions/${first.json.id}/responses`, { agree: true });
  const later = await people.police_lead.post(`/api/v1/inspections/${i.id}/key-dates`, {
    kind: 'critical_readers', title: 'Critical readers', starts_on: day(90),
  });
  assert.equal(later.status, 201, later.text);
  const second = await people.police_lead.post(`/api/v1/inspections/${i.id}/timetable-agreement`);
  assert.equal(second.status, 201, second.text);
  const old = await people.cps_rep.get(`/api/v1/decisions/${first.json.id}`);
  assert.equal(old.json.state, 'lapsed');
  assert.equal(old.json.superseded_by, second.json.id);
  assert.ok(old.json.lapsed_at);
  const mine = await people.cps_rep.get('/api/v1/decisions?awaiting=mine');
  assert.ok(!mine.json.items.some((d) => d.id === first.json.id), 'nobody is asked about it');
  const answer = await people.cps_rep.post(`/api/v1/decisions/${first.json.id}/responses`, { agree: false, reason: 'Superseded' });
  assert.equal(answer.status, 409);
  assert.equal(answer.json.rule, 'decided');
  const page = await (await pagesAs('cps_rep')).get('/decisions');
  const at = page.text.indexOf(`id="decision-${first.json.id}"`);
  assert.ok(at > 0);
  const card = page.text.slice(at, at + 3000);
  assert.match(card, /govuk-tag--grey">Lapsed<\/strong>/);
  assert.match(card, /This lapsed on \d{1,2} \w+ \d{4} at \d\d:\d\d, before every inspectorate had answered: a newer version was put to them in its place/);
  assert.ok(card.includes(`href="#decision-${second.json.id}"`));
  await agreeAll(second.json.id);
  assert.equal((await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json.timetable_agreement, 'agreed');
});

test('R14_the_commissioning_letter_is_a_document_for_the_team_and_goes_with_the_email', async () => {
  const i = await start(`Joint letters ${++serial}`);
  await throughStageOne(i.id);
  const bodies = await ctx.admin.get('/api/v1/bodies?type=police_force&limit=1');
  const site = await people.police_lead.post(`/api/v1/inspections/${i.id}/sites`, { body_id: bodies.json.items[0].id, fieldwork_starts_on: day(60) });
  const letter = await people.police_lead.post(`/api/v1/inspections/${i.id}/letters`, {
    site_id: site.json.id, addressee: `Chief Constable, ${bodies.json.items[0].name}`, email: 'chief.constable@force.invalid',
    signed_by: 'Joanna Pelham, Senior responsible officer, HMICFRS', body: 'We will inspect how your force builds cases.',
  });
  assert.equal(letter.status, 201, letter.text);
  const path = `/api/v1/commissioning-letters/${letter.json.id}/letter`;
  // The Word file opens and holds the Annex 2 letter, classification first.
  const docx = await people.cps_lead.get(`${path}.docx`);
  assert.equal(docx.status, 200);
  const { execFileSync } = await import('node:child_process');
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const file = join(scratchDir('letter'), 'letter.docx');
  const raw = await fetch(ctx.server.base + `${path}.docx`, { headers: { Authorization: `Bearer ${people.cps_lead.token}` } });
  writeFileSync(file, Buffer.from(await raw.arrayBuffer()));
  const words = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' }).replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
  const lines = words.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines[0], 'OFFICIAL');
  assert.equal(lines[1], 'Criminal Justice Joint Inspection');
  assert.ok(lines.includes('By email'));
  assert.ok(lines.includes('Dear Chief Constable,'));
  assert.ok(lines.includes('We will inspect how your force builds cases.'));
  assert.deepEqual(lines.slice(-3), ['Yours sincerely', 'Joanna Pelham', 'Senior responsible officer, HMICFRS']);
  // The PDF too, to the page's link as well.
  const pdf = await fetch(ctx.server.base + `${path}.pdf`, { headers: { Authorization: `Bearer ${people.police_rep.token}` } });
  assert.equal(pdf.status, 200);
  const bytes = Buffer.from(await pdf.arrayBuffer());
  assert.equal(bytes.subarray(0, 4).toString(), '%PDF');
  const pdfFile = file.replace(/docx$/, 'pdf');
  writeFileSync(pdfFile, bytes);
  const text = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' });
  assert.match(text, new RegExp(`Chief Constable, ${bodies.json.items[0].name}`));
  assert.match(text, /OFFICIAL/);
  const page = (await (await pagesAs('police_lead')).get(`/inspections/${i.id}/sites`)).text.replaceAll('&#x2F;', '/');
  assert.ok(page.includes(`href="/inspections/${i.id}/letters/${letter.json.id}.pdf"`));
  assert.match(page, /How HMICFRS commissions: Once the HMI Board agrees, the senior responsible officer writes to the Chief Constable/, 'M 15, per inspectorate');
  assert.equal((await (await pagesAs('police_lead')).get(`/inspections/${i.id}/letters/${letter.json.id}.pdf`)).status, 200);
  // Outsiders: no such letter.
  assert.equal((await people.probation_rep.get(`${path}.pdf`)).status, 404);
  assert.equal((await people.probation_rep.get(`${path}.docx`)).status, 404);
  // Sent by e-mail, the PDF goes with it.
  await agreeSites(i.id);
  await agreeAll((await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/authorisation`)).json.id);
  const before = ctx.sink.messages.length;
  const sent = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/sendings`);
  assert.equal(sent.status, 201, sent.text);
  const mails = await ctx.sink.waitFor(before + 1);
  const mail = mails.find((m) => m.envelope.rcptTo[0].address === 'chief.constable@force.invalid');
  assert.ok(mail, 'the letter arrived');
  assert.deepEqual(mail.parsed.attachments.map((a) => [a.filename, a.contentType]), [[`commissioning-letter-${letter.json.id}.pdf`, 'application/pdf']]);
  assert.equal(mail.parsed.attachments[0].content.subarray(0, 4).toString(), '%PDF');
});

test('joint_pair_visits_keep_to_their_site_window_name_joint_pairs_and_warn_of_clearances', async () => {
  const i = await start(`Joint visits ${++serial}`);
  const site = await throughStageTwo(i.id);  // fieldwork from day(60) to day(62)
  const visits = `/api/v1/inspections/${i.id}/visits`;
  // Empty: every error at once.
  const empty = await people.police_lead.post(visits, {});
  assert.equal(empty.status, 400);
  assert.deepEqual(fieldsOf(empty).sort(), ['activities', 'site_id', 'visit_on']);
  // A day outside the site's fieldwork: refused, saying the window.
  const outside = await people.police_lead.post(visits, { site_id: site.id, visit_on: day(70), activities: 'Reality checks' });
  assert.equal(outside.status, 400);
  assert.equal(outside.json.errors[0].rule, 'visit-window');
  assert.match(outside.json.errors[0].message, /within the site's fieldwork, from \d{1,2} \w+ \d{4} to \d{1,2} \w+ \d{4}/);
  // Long text is kept whole.
  const long = 'Reality checks in custody. '.repeat(200).trim().slice(0, 5000);
  const visit = await people.cps_lead.post(visits, { site_id: site.id, visit_on: day(61), mode: 'remote', activities: long });
  assert.equal(visit.status, 201, visit.text);
  assert.equal(visit.json.activities, long);
  const places = `/api/v1/fieldwork-visits/${visit.json.id}/places`;
  // Two inspectors of one inspectorate are no joint pair.
  const samePair = await people.police_lead.post(places, { user_id: people.police_lead.id, partner_id: people.police_director.id });
  assert.equal(samePair.status, 400);
  assert.deepEqual(samePair.json.errors.map((e) => [e.field, e.rule]), [['partner_id', 'joint-pair']]);
  const outsider = await people.police_lead.post(places, { user_id: people.probation_rep.id });
  assert.deepEqual(outsider.json.errors.map((e) => [e.field, e.rule]), [['user_id', 'not-on-team']]);
  const pair = await people.police_lead.post(places, { user_id: people.police_lead.id, partner_id: people.cps_lead.id });
  assert.equal(pair.status, 201, pair.text);
  const twice = await people.police_lead.post(places, { user_id: people.cps_lead.id });
  assert.deepEqual(twice.json.errors.map((e) => [e.field, e.rule]), [['user_id', 'already-on-visit']]);
  // A clearance that runs out before the visit is warned about, on the visit.
  const clearance = await people.cps_lead.post(`/api/v1/inspections/${i.id}/clearances`, {
    user_id: people.cps_lead.id, kind: 'security_vetting', detail: 'Police vetting', held: true, expires_on: day(50),
  });
  assert.equal(clearance.status, 201, clearance.text);
  const view = (await people.police_rep.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(view.visits.length, 1);
  assert.deepEqual(view.visits[0].team.map((p) => [p.user_id, p.partner_id]), [[people.police_lead.id, people.cps_lead.id]]);
  assert.equal(view.visits[0].clearance_warnings.length, 1);
  assert.match(view.visits[0].clearance_warnings[0], /Police vetting\) expires on .*, before the visit on /);
  // The fieldwork page shows the pair, tagged, and the warning.
  const page = (await (await pagesAs('police_lead')).get(`/inspections/${i.id}/fieldwork`)).text;
  assert.match(page, /Test police_lead@inspection\.test \(HMICFRS\) and Test cps_lead@inspection\.test \(HMCPSI\) <strong class="govuk-tag govuk-tag--blue">Joint pair<\/strong>/);
  assert.match(page, /Not everyone on this visit is cleared for it/);
  // Outsiders see none of it and add nothing.
  assert.equal((await people.probation_rep.post(visits, { site_id: site.id, visit_on: day(61), activities: 'x' })).status, 404);
  assert.equal((await people.probation_rep.post(places, { user_id: people.probation_rep.id })).status, 404);
  // Removing a visit removes its team.
  const removed = await people.police_lead.delete(`/api/v1/fieldwork-visits/${visit.json.id}?version=${visit.json.version}`);
  assert.equal(removed.status, 204, removed.text);
  assert.equal((await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json.visits.length, 0);
});

// Made-up youth offending services with indicators, for proposing sites.
async function siteData(tag) {
  const code = (n) => `YOS-${tag}-${n}`;
  const bodies = [
    [1, 'Northtown', 'North West', 'england', 'no', 'good', 900],
    [2, 'Southtown', 'South East', 'england', 'no', 'good', 950],
    [3, 'Capital', 'London', 'england', 'yes', 'requires improvement', 2400],
    [4, 'Valleys', 'Wales', 'wales', 'no', 'adequate', 600],
    [5, 'Midtown', 'West Midlands', 'england', 'no', 'inadequate', 1500],
    [6, 'Nodata', 'East Midlands', 'england', 'no', '', 0],
  ];
  const directory = await ctx.admin.post('/api/v1/bodies/import',
    'code,name,type,region,nation,in_london\n' +
    bodies.map(([n, name, region, nation, london]) =>
      `${code(n)},${tag} ${name} Youth Justice Service,youth_offending_service,${region},${nation},${london}`).join('\n') + '\n',
    { 'Content-Type': 'text/csv' });
  assert.equal(directory.status, 200, directory.text);
  const indicators = await ctx.admin.post('/api/v1/bodies/indicators/import',
    'body_code,performance,performance_measure,size,size_measure\n' +
    bodies.filter((b) => b[5]).map(([n, , , , , perf, size]) => `${code(n)},${perf},,${size},caseload`).join('\n') + '\n',
    { 'Content-Type': 'text/csv' });
  assert.equal(indicators.status, 200, indicators.text);
  assert.deepEqual(indicators.json, { created: 5, updated: 0, unchanged: 0 });
  // Southtown, like Northtown but inspected three times lately.
  const past = await ctx.admin.post('/api/v1/bodies/inspections/import',
    'body_code,inspectorate,date,title\n' +
    [day(-300), day(-200), day(-100)].map((d) => `${code(2)},HMIPROBATION,${d},Youth justice inspection`).join('\n') + '\n',
    { 'Content-Type': 'text/csv' });
  assert.equal(past.status, 200, past.text);
  assert.deepEqual(past.json, { created: 3, updated: 0, unchanged: 0 });
  const ids = {};
  for (const [n] of bodies) {
    const found = await ctx.admin.get(`/api/v1/bodies?search=${code(n)}`);
    ids[n] = found.json.items[0].id;
  }
  return ids;
}

test('R14_sites_proposed_from_data_cover_variation_and_keep_the_burden_low', async () => {
  const ids = await siteData('P');
  const i = await start();
  await throughStageOne(i.id);
  const path = `/api/v1/inspections/${i.id}/site-proposal?type=youth_offending_service&count=4`;
  const p = await people.police_lead.get(path);
  assert.equal(p.status, 200, p.text);
  const picked = p.json.sites.map((s) => s.body_id);
  assert.equal(picked.length, 4);
  for (const n of [1, 3, 4, 5]) assert.ok(picked.includes(ids[n]), `body ${n} is proposed`);
  assert.ok(!picked.includes(ids[2]), 'the body inspected three times lately is not proposed');
  const miss = p.json.near_misses.find((m) => m.body_id === ids[2]);
  assert.match(miss.reason, /inspected 3 times/);
  assert.equal(miss.burden, 3);
  assert.ok(p.json.no_data.some((b) => b.body_id === ids[6]), 'a body with no data is listed');
  for (const s of p.json.sites) assert.ok(s.reason.length > 0);
  assert.match(p.json.sites.find((s) => s.body_id === ids[3]).reason, /in London/);
  assert.match(p.json.sites.find((s) => s.body_id === ids[4]).reason, /in Wales/);
  // The same facts give the same proposal.
  const again = await people.police_lead.get(path);
  assert.deepEqual(again.json, p.json);
  // Only the lead inspectorate proposes; a bad ask names each field.
  const other = await people.cps_lead.get(path);
  assert.equal(other.status, 403, other.text);
  const bad = await people.police_lead.get(`/api/v1/inspections/${i.id}/site-proposal?type=spaceship&count=0`);
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(fieldsOf(bad), ['type', 'count']);
  // A site already chosen is no longer a candidate.
  const site = await people.police_lead.post(`/api/v1/inspections/${i.id}/sites`, {
    body_id: ids[3], fieldwork_starts_on: day(60),
  });
  assert.equal(site.status, 201, site.text);
  const after = await people.police_lead.get(path);
  assert.ok(!after.json.sites.some((s) => s.body_id === ids[3]));
});

test('site data imports are all or nothing and name every bad line', async () => {
  const bad = await ctx.admin.post('/api/v1/bodies/indicators/import',
    'body_code,performance,performance_measure,size,size_measure\nPOL-KENT,good,,3400,staff\nPOL-NOWHERE,splendid,,lots,staff\n',
    { 'Content-Type': 'text/csv' });
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(fieldsOf(bad), ['line 3: body_code', 'line 3: performance', 'line 3: size']);
  const good = await ctx.admin.post('/api/v1/bodies/indicators/import',
    'body_code,performance,performance_measure,size,size_measure\nPOL-KENT,good,,3400,staff\n',
    { 'Content-Type': 'text/csv' });
  assert.deepEqual(good.json, { created: 1, updated: 0, unchanged: 0 }, 'nothing of the bad file was saved');
  const past = await ctx.admin.post('/api/v1/bodies/inspections/import',
    'body_code,inspectorate,date,title\nPOL-KENT,HMX,2017-02-30,Visit\n',
    { 'Content-Type': 'text/csv' });
  assert.equal(past.status, 400, past.text);
  assert.deepEqual(fieldsOf(past), ['line 2: inspectorate', 'line 2: date']);
  const notAllowed = await people.police_lead.post('/api/v1/bodies/indicators/import',
    'body_code,performance\nPOL-KENT,good\n', { 'Content-Type': 'text/csv' });
  assert.equal(notAllowed.status, 403, notAllowed.text);
});

test('the sites page proposes sites from data and adds those the leads tick, all or none', async () => {
  const ids = await siteData('Q');
  const i = await start();
  await throughStageOne(i.id);
  const pages = await pagesAs('police_lead');
  // The form starts with no type chosen, and asking without one is refused rather than assumed.
  const blank = await pages.get(`/inspections/${i.id}/sites/propose`);
  assert.doesNotMatch(blank.text, /<option value="police_force" selected/);
  const untyped = await pages.get(`/inspections/${i.id}/sites/propose?type=&count=2`);
  assert.equal(untyped.status, 400, untyped.text);
  assert.match(untyped.text, /href="#type">Choose the type of body to visit/);
  assert.doesNotMatch(untyped.text, /sites proposed/);
  const page = await pages.get(`/inspections/${i.id}/sites/propose?type=youth_offending_service&count=2`);
  assert.equal(page.status, 200, page.text);
  assert.match(page.text, /Why proposed/);
  assert.match(page.text, /Why not proposed/);
  assert.match(page.text, /Bodies with no data/);
  const form = (fields) => pages.request('POST', `/inspections/${i.id}/sites/propose`,
    new URLSearchParams(fields).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
  // Ticked with no dates: every error at once, nothing added.
  const empty = await form([['type', 'youth_offending_service'], ['count', '2'], ['body_id', ids[3]], ['body_id', ids[4]], [`why-${ids[3]}`, 'x'.repeat(20000)]]);
  assert.equal(empty.status, 400, empty.text);
  assert.ok(empty.text.includes(`href="#starts-${ids[3]}"`));
  assert.ok(empty.text.includes(`href="#starts-${ids[4]}"`));
  assert.ok(empty.text.includes('x'.repeat(20000)), 'what was typed is kept');
  let view = await people.police_lead.get(`/api/v1/inspections/${i.id}`);
  assert.equal(view.json.sites.length, 0);
  // Nothing ticked.
  const none = await form([['type', 'youth_offending_service'], ['count', '2']]);
  assert.equal(none.status, 400, none.text);
  const added = await form([
    ['type', 'youth_offending_service'], ['count', '2'], ['body_id', ids[3]],
    [`starts-${ids[3]}-day`, '1'], [`starts-${ids[3]}-month`, '3'], [`starts-${ids[3]}-year`, '2030'],
    [`why-${ids[3]}`, 'Performs poorly; in London'],
  ]);
  assert.equal(added.status, 303, added.text);
  assert.match(added.headers.get('location'), /\/sites\?done=sites-added/);
  view = await people.police_lead.get(`/api/v1/inspections/${i.id}`);
  assert.deepEqual(view.json.sites.map((s) => [s.body_id, s.fieldwork_starts_on, s.why]),
    [[ids[3], '2030-03-01', 'Performs poorly; in London']]);
  const cps = await (await pagesAs('cps_lead')).get(`/inspections/${i.id}/sites/propose?type=youth_offending_service&count=2`);
  assert.equal(cps.status, 403);
});

test('sites-agreed: letters wait until every inspectorate agrees the set of sites, and a change lapses it (R11)', async () => {
  const i = await start();
  await throughStageOne(i.id);
  const bodies = await ctx.admin.get('/api/v1/bodies?type=police_force&limit=2');
  const early = await people.police_lead.post(`/api/v1/inspections/${i.id}/sites-agreement`);
  assert.equal(early.status, 409, early.text);
  assert.equal(early.json.rule, 'sites-incomplete');
  const site = await people.police_lead.post(`/api/v1/inspections/${i.id}/sites`, {
    body_id: bodies.json.items[0].id, fieldwork_starts_on: day(60),
  });
  assert.equal(site.status, 201, site.text);
  const letter = await people.police_lead.post(`/api/v1/inspections/${i.id}/letters`, {
    site_id: site.json.id, addressee: 'Chief Constable', signed_by: 'Senior responsible officer', body: 'We will inspect.',
  });
  const authority = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/authorisation`);
  await agreeAll(authority.json.id);
  // Authorised, six weeks ahead, but the sites are not agreed.
  let sent = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/sendings`);
  assert.equal(sent.status, 409, sent.text);
  assert.equal(sent.json.rule, 'sites-agreed');
  // Only the lead asks; every participating inspectorate agrees.
  const notLead = await people.cps_lead.post(`/api/v1/inspections/${i.id}/sites-agreement`);
  assert.equal(notLead.status, 403, notLead.text);
  const asked = await people.police_lead.post(`/api/v1/inspections/${i.id}/sites-agreement`);
  assert.equal(asked.status, 201, asked.text);
  await people.police_rep.post(`/api/v1/decisions/${asked.json.id}/responses`, { agree: true });
  let view = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(view.sites_agreement, 'awaiting');
  assert.ok(view.pending_decisions.some((p) => p.kind === 'inspection_sites'));
  await people.cps_rep.post(`/api/v1/decisions/${asked.json.id}/responses`, { agree: true });
  view = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(view.sites_agreement, 'agreed');
  // Adding a site lapses the agreement, and sending waits again.
  const second = await people.police_lead.post(`/api/v1/inspections/${i.id}/sites`, {
    body_id: bodies.json.items[1].id, fieldwork_starts_on: day(70),
  });
  assert.equal(second.status, 201, second.text);
  view = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(view.sites_agreement, 'lapsed');
  assert.equal(view.inspection.sites_version, 3, "one version for each site added");
  sent = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/sendings`);
  assert.equal(sent.json.rule, 'sites-agreed');
  await agreeSites(i.id);
  // Removing one lapses it too.
  const removed = await people.police_lead.delete(`/api/v1/fieldwork-sites/${second.json.id}?version=${second.json.version}`);
  assert.equal(removed.status, 204, removed.text);
  view = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(view.sites_agreement, 'lapsed');
  await agreeSites(i.id);
  sent = await people.police_lead.post(`/api/v1/commissioning-letters/${letter.json.id}/sendings`);
  assert.equal(sent.status, 201, sent.text);
  // The sites page says where the agreement stands.
  const page = await (await pagesAs('police_lead')).get(`/inspections/${i.id}/sites`);
  assert.match(page.text, /Agreement of the sites/);
});

test('R23_the_delegation_form_offers_only_the_inspectorates_the_caller_may_delegate_for', async () => {
  const i = await start();
  await nameLeads(i.id);
  const offered = async (client) => {
    const page = await client.get(`/inspections/${i.id}/delegations`);
    assert.equal(page.status, 200, page.text);
    const select = page.text.match(/<select[^>]*id="delegating_inspectorate_id"[^>]*>([\s\S]*?)<\/select>/);
    assert.ok(select, 'the page has the choice');
    return [...select[1].matchAll(/<option value="(\d*)"/g)].map((m) => m[1]).filter(Boolean).map(Number);
  };
  // HMICFRS's Chief Inspector: HMICFRS alone, not HMCPSI, though both take part.
  assert.deepEqual(await offered(await pagesAs('police_chief')), [cj.HMICFRS]);
  // An administrator may record a delegation for any inspectorate taking part.
  const admin = (await signIn(ctx.server.base, 'admin@jointly.invalid', ADMIN_PASSWORD)).client;
  assert.deepEqual((await offered(admin)).sort(), [cj.HMICFRS, cj.HMCPSI].sort());
});

test('R23_delegated_acts_are_for_the_delegating_inspectorate_on_that_inspection_only_and_say_so', async () => {
  const i = await start();
  await throughStageTwo(i.id);
  const other = await start();
  const delegate = people.cps_delegate;
  // Not on the team: the inspection does not exist for them.
  assert.equal((await delegate.get(`/api/v1/inspections/${i.id}`)).status, 404);
  const valid = {
    delegating_inspectorate_id: cj.HMICFRS, receiving_inspectorate_id: cj.HMCPSI, function: 'fieldwork',
    user_id: delegate.id, scope: 'Examining the police prosecution teams\' case files', ends_on: day(90),
  };
  // Only HMICFRS's Chief Inspector delegates HMICFRS's functions.
  const byLead = await people.police_lead.post(`/api/v1/inspections/${i.id}/delegations`, valid);
  assert.equal(byLead.status, 403, byLead.text);
  assert.equal(byLead.json.rule, 'R23');
  // Bad input: every field named with its rule, nothing saved.
  const empty = await people.police_chief.post(`/api/v1/inspections/${i.id}/delegations`, {});
  assert.equal(empty.status, 400, empty.text);
  assert.ok(fieldsOf(empty).includes('user_id') && fieldsOf(empty).includes('scope'), empty.text);
  const long = await people.police_chief.post(`/api/v1/inspections/${i.id}/delegations`, { ...valid, scope: 'x'.repeat(20001) });
  assert.equal(long.status, 400, long.text);
  assert.deepEqual(long.json.errors.map((e) => [e.field, e.rule]), [['scope', 'max-length']]);
  const bad = await people.police_chief.post(`/api/v1/inspections/${i.id}/delegations`, {
    ...valid, receiving_body_id: 1, user_id: people.police_lead.id, ends_on: day(-1),
  });
  assert.equal(bad.status, 400, bad.text);
  const rules = Object.fromEntries(bad.json.errors.map((e) => [e.field, e.rule]));
  assert.equal(rules.receiving_inspectorate_id, 'receiving-authority');
  assert.equal(rules.user_id, 'delegate');
  assert.equal(rules.ends_on, 'date-order');
  assert.equal((await ctx.admin.get(`/api/v1/inspections/${i.id}`)).json.delegations.length, 0);
  // A joint body holds no inspection powers: nothing is delegated to it.
  const all = (await ctx.admin.get('/api/v1/inspectorates?limit=100')).json.items;
  const group = all.find((x) => x.code === 'DEVELOPMENT-GROUP').id;
  const toGroup = await people.police_chief.post(`/api/v1/inspections/${i.id}/delegations`, { ...valid, receiving_inspectorate_id: group });
  assert.equal(toGroup.status, 400, toGroup.text);
  assert.deepEqual(toGroup.json.errors.find((e) => e.field === 'receiving_inspectorate_id')?.rule, 'receiving-authority', toGroup.text);
  assert.match(toGroup.json.errors.find((e) => e.field === 'receiving_inspectorate_id').message, /CJJI Development Group holds no inspection powers/);
  const form = await (await pagesAs('police_chief')).get(`/inspections/${i.id}/delegations`);
  assert.equal(form.status, 200);
  const offered = form.text.match(/<select[^>]*name="receiving_inspectorate_id"[\s\S]*?<\/select>/)[0];
  assert.ok(offered.includes(`value="${cj.HMCPSI}"`), offered);
  assert.ok(!offered.includes(`value="${group}"`), 'the form does not offer a joint body');

  const made = await people.police_chief.post(`/api/v1/inspections/${i.id}/delegations`, valid);
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.authorised_by, people.police_chief.id);
  assert.equal(made.json.authorised_on, day(0));

  // The delegate now sees the inspection and records evidence as HMICFRS's.
  assert.equal((await delegate.get(`/api/v1/inspections/${i.id}`)).status, 200);
  const item = await delegate.post(`/api/v1/inspections/${i.id}/evidence`, {
    method: 'file_examination', gathered_on: day(0), case_reference: '01KH0601217',
    summary: 'The file did not carry the evidence of hostility',
  });
  assert.equal(item.status, 201, item.text);
  assert.equal(item.json.recorded_for, cj.HMICFRS);
  assert.equal(item.json.delegation_id, made.json.id);
  assert.match(item.json.acting_as, new RegExp(`^for HMICFRS under delegation from HMICFRS to HMCPSI \\(delegation ${made.json.id}, authorised on `));
  // Its audit entry says so too.
  const audit = await ctx.admin.get(`/api/v1/audit/entries?entity_type=evidence&entity_id=${item.json.id}`);
  assert.match(audit.json.items.at(-1).after.acting_as, /^for HMICFRS under delegation/);
  // Quality assurance was not delegated to them.
  const review = await delegate.post(`/api/v1/evidence/${item.json.id}/reviews`, { version: 1, state: 'agreed' });
  assert.equal(review.status, 403, review.text);
  // Someone of HMCPSI on the team still records for HMCPSI.
  const own = await people.cps_lead.post(`/api/v1/inspections/${i.id}/evidence`, {
    method: 'document_review', gathered_on: day(0), summary: 'The CPS Area\'s hate crime policy',
  });
  assert.equal(own.json.recorded_for, cj.HMCPSI);
  assert.equal(own.json.acting_as, '');

  // Nowhere else: another inspection stays unseen, even naming the delegation.
  assert.equal((await delegate.get(`/api/v1/inspections/${other.id}`)).status, 404);
  const elsewhere = await delegate.post(`/api/v1/inspections/${other.id}/evidence`, {
    method: 'document_review', gathered_on: day(0), summary: 'Elsewhere', delegation_id: made.json.id,
  });
  assert.equal(elsewhere.status, 404, elsewhere.text);

  // Revoked from today: only by the Chief Inspector, and then it ends.
  const notChief = await people.police_lead.post(`/api/v1/delegations/${made.json.id}/revocation`, { version: 1 });
  assert.equal(notChief.status, 403, notChief.text);
  assert.equal(notChief.json.rule, 'R23');
  const revoked = await people.police_chief.post(`/api/v1/delegations/${made.json.id}/revocation`, { version: 1 });
  assert.equal(revoked.status, 200, revoked.text);
  assert.equal(revoked.json.revoked_on, day(0));
  assert.equal((await delegate.get(`/api/v1/inspections/${i.id}`)).status, 404);
  const again = await people.police_chief.post(`/api/v1/delegations/${made.json.id}/revocation`, { version: 2 });
  assert.equal(again.json.rule, 'revoked');
  // What was done under it keeps saying so.
  const view = (await ctx.admin.get(`/api/v1/inspections/${i.id}`)).json;
  assert.match(view.evidence.find((e) => e.id === item.json.id).acting_as, /under delegation from HMICFRS to HMCPSI/);
  assert.equal(view.delegations[0].revoked_by, people.police_chief.id);
});

test('R23_people_named_by_one_delegation_record_interviews_visit_in_pairs_and_answer_queries_under_it', async () => {
  const i = await start();
  const site = await throughStageTwo(i.id);
  const made = await people.police_chief.post(`/api/v1/inspections/${i.id}/delegations`, {
    delegating_inspectorate_id: cj.HMICFRS, receiving_inspectorate_id: cj.HMCPSI, function: 'fieldwork',
    user_id: people.cps_delegate.id, scope: 'Interviews with the police prosecution teams',
  });
  assert.equal(made.status, 201, made.text);
  const under = new RegExp(`for HMICFRS under delegation from HMICFRS to HMCPSI \\(delegation ${made.json.id}, authorised on `);
  // The delegation names a second person of HMCPSI: by whoever may delegate,
  // someone of the receiving authority, once.
  const named = `/api/v1/delegations/${made.json.id}/people`;
  assert.equal((await people.police_lead.post(named, { user_id: people.cps_other.id })).status, 403);
  const empty = await people.police_chief.post(named, {});
  assert.deepEqual(empty.json.errors.map((e) => [e.field, e.rule]), [['user_id', 'required']]);
  const ofPolice = await people.police_chief.post(named, { user_id: people.police_director.id });
  assert.deepEqual(ofPolice.json.errors.map((e) => [e.field, e.rule]), [['user_id', 'delegate']]);
  const again = await people.police_chief.post(named, { user_id: people.cps_delegate.id });
  assert.deepEqual(again.json.errors.map((e) => [e.field, e.rule]), [['user_id', 'already-named']]);
  const second = await people.police_chief.post(named, { user_id: people.cps_other.id });
  assert.equal(second.status, 201, second.text);
  assert.equal(second.json.delegation_id, made.json.id);
  const other = people.cps_other;
  const view = await other.get(`/api/v1/inspections/${i.id}`);
  assert.equal(view.status, 200, view.text);
  assert.deepEqual(view.json.delegates.map((x) => [x.delegation_id, x.user_id]), [[made.json.id, other.id]]);

  // An interview or focus group recorded under it says so.
  const interview = await other.post(`/api/v1/inspections/${i.id}/interviews`, {
    kind: 'focus_group', held_on: day(61), with_whom: 'Police prosecution team', site_id: site.id,
  });
  assert.equal(interview.status, 201, interview.text);
  assert.equal(interview.json.delegation_id, made.json.id);
  assert.match(interview.json.acting_as, under);
  // On a visit they are one of a joint pair, for HMICFRS, never alone.
  const visit = await people.cps_lead.post(`/api/v1/inspections/${i.id}/visits`, { site_id: site.id, visit_on: day(61), activities: 'Reality checks' });
  assert.equal(visit.status, 201, visit.text);
  const places = `/api/v1/fieldwork-visits/${visit.json.id}/places`;
  const alone = await other.post(places, { user_id: other.id });
  assert.deepEqual(alone.json.errors.map((e) => [e.field, e.rule]), [['partner_id', 'R23']]);
  const pair = await other.post(places, { user_id: other.id, partner_id: people.cps_lead.id });
  assert.equal(pair.status, 201, pair.text);
  assert.match(pair.json.acting_as, under);
  // Queries on HMICFRS's evidence are answered under it; HMCPSI's are not theirs to answer.
  const evidence = `/api/v1/inspections/${i.id}/evidence`;
  const policeItem = await people.police_lead.post(evidence, { method: 'document_review', gathered_on: day(0), summary: 'The force\'s charging files' });
  const cpsItem = await people.cps_lead.post(evidence, { method: 'document_review', gathered_on: day(0), summary: 'The Area\'s charging files' });
  const query = await people.cps_lead.post(`/api/v1/evidence/${policeItem.json.id}/reviews`, { version: 1, state: 'query_raised', comment: 'Which files?' });
  const cpsQuery = await people.police_lead.post(`/api/v1/evidence/${cpsItem.json.id}/reviews`, { version: 1, state: 'query_raised', comment: 'Which files?' });
  const answered = await other.post(`/api/v1/evidence-reviews/${query.json.id}/answer`, { answer: 'Twenty files from the last quarter' });
  assert.equal(answered.status, 200, answered.text);
  assert.match(answered.json.answered_as, under);
  const notTheirs = await other.post(`/api/v1/evidence-reviews/${cpsQuery.json.id}/answer`, { answer: 'Ours' });
  assert.equal(notTheirs.status, 403, notTheirs.text);
  assert.equal(notTheirs.json.rule, 'own-inspectorate');
  // Revoked: the second person loses it too.
  const revoked = await people.police_chief.post(`/api/v1/delegations/${made.json.id}/revocation`, { version: 1 });
  assert.equal(revoked.status, 200, revoked.text);
  assert.equal((await other.get(`/api/v1/inspections/${i.id}`)).status, 404);
  const late = await people.police_chief.post(named, { user_id: people.cps_rep.id });
  assert.equal(late.status, 409, late.text);
});

test('R23_a_delegate_of_fieldwork_records_issues_in_live_cases_and_clearances_for_the_delegating_inspectorate', async () => {
  const i = await start();
  const site = await throughStageTwo(i.id);
  const delegate = people.cps_delegate;
  const issue = {
    found_on: day(0), case_reference: '01KH0601217', site_id: site.id,
    issue: 'The victim was not told of the decision to charge', action: 'Raised with the unit head', action_by: 'The unit head',
  };
  const vetting = { user_id: people.police_lead.id, kind: 'security_vetting', detail: 'Police vetting level 2' };
  // Before any delegation they are not on it at all.
  assert.equal((await delegate.post(`/api/v1/inspections/${i.id}/live-case-issues`, issue)).status, 404);
  const made = await people.police_chief.post(`/api/v1/inspections/${i.id}/delegations`, {
    delegating_inspectorate_id: cj.HMICFRS, receiving_inspectorate_id: cj.HMCPSI, function: 'fieldwork',
    user_id: delegate.id, scope: 'Examining the police prosecution teams\' live cases',
  });
  assert.equal(made.status, 201, made.text);
  const under = new RegExp(`^for HMICFRS under delegation from HMICFRS to HMCPSI \\(delegation ${made.json.id}, authorised on `);
  // An issue in a live case, recorded under it, says so, as does its audit entry.
  const live = await delegate.post(`/api/v1/inspections/${i.id}/live-case-issues`, issue);
  assert.equal(live.status, 201, live.text);
  assert.equal(live.json.delegation_id, made.json.id);
  assert.match(live.json.acting_as, under);
  const audit = await ctx.admin.get(`/api/v1/audit/entries?entity_type=live_case_issue&entity_id=${live.json.id}`);
  assert.match(audit.json.items.at(-1).after.acting_as, under);
  // Clearances: of HMICFRS's people and their own, for HMICFRS; HMCPSI's are HMCPSI's to record.
  const theirs = await delegate.post(`/api/v1/inspections/${i.id}/clearances`, vetting);
  assert.equal(theirs.status, 201, theirs.text);
  assert.equal(theirs.json.delegation_id, made.json.id);
  assert.match(theirs.json.acting_as, under);
  const own = await delegate.post(`/api/v1/inspections/${i.id}/clearances`, { ...vetting, user_id: delegate.id });
  assert.equal(own.status, 201, own.text);
  assert.match(own.json.acting_as, under);
  const cps = await delegate.post(`/api/v1/inspections/${i.id}/clearances`, { ...vetting, user_id: people.cps_lead.id });
  assert.equal(cps.status, 403, cps.text);
  assert.equal(cps.json.rule, 'own-inspectorate');
  // The team records for its own inspectorate, saying nothing of a delegation.
  const team = await people.cps_lead.post(`/api/v1/inspections/${i.id}/live-case-issues`, { ...issue, case_reference: '01KH0601218' });
  assert.equal(team.status, 201, team.text);
  assert.equal(team.json.acting_as, '');
  assert.equal(team.json.delegation_id, null);
  // Revoked, it records nothing more, and what was recorded keeps saying so.
  const revoked = await people.police_chief.post(`/api/v1/delegations/${made.json.id}/revocation`, { version: 1 });
  assert.equal(revoked.status, 200, revoked.text);
  assert.equal((await delegate.post(`/api/v1/inspections/${i.id}/live-case-issues`, issue)).status, 404);
  // (The team sees the issue: it is OFFICIAL-SENSITIVE.)
  const view = (await people.cps_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.match(view.live_case_issues.find((x) => x.id === live.json.id).acting_as, under);
  assert.match(view.clearances.find((x) => x.id === theirs.json.id).acting_as, under);
});

test('R23_a_delegate_of_fieldwork_reads_and_changes_the_live_cases_and_clearances_of_the_delegating_inspectorate_on_that_inspection_only', async () => {
  const i = await start();
  const site = await throughStageTwo(i.id);
  const delegate = people.cps_delegate;
  const issue = (case_reference) => ({
    found_on: day(0), case_reference, site_id: site.id,
    issue: 'The victim was not told of the decision to charge', action: 'Raised with the unit head', action_by: 'The unit head',
  });
  const made = await people.police_chief.post(`/api/v1/inspections/${i.id}/delegations`, {
    delegating_inspectorate_id: cj.HMICFRS, receiving_inspectorate_id: cj.HMCPSI, function: 'fieldwork',
    user_id: delegate.id, scope: 'Examining the police prosecution teams\' live cases',
  });
  assert.equal(made.status, 201, made.text);
  const under = new RegExp(`^for HMICFRS under delegation from HMICFRS to HMCPSI \\(delegation ${made.json.id}, authorised on `);
  // HMICFRS's team, HMCPSI's team and the delegate each record an issue.
  const police = await people.police_lead.post(`/api/v1/inspections/${i.id}/live-case-issues`, issue('P1'));
  assert.equal(police.status, 201, police.text);
  assert.equal(police.json.recorded_for, cj.HMICFRS);
  const cps = await people.cps_lead.post(`/api/v1/inspections/${i.id}/live-case-issues`, issue('C1'));
  assert.equal(cps.status, 201, cps.text);
  const own = await delegate.post(`/api/v1/inspections/${i.id}/live-case-issues`, issue('D1'));
  assert.equal(own.status, 201, own.text);
  assert.equal(own.json.recorded_for, cj.HMICFRS);
  assert.equal(own.json.recorded_by, delegate.id);
  // The delegate reads what they and HMICFRS recorded, as HMICFRS's team would; not HMCPSI's.
  let seen = (await delegate.get(`/api/v1/inspections/${i.id}`)).json.live_case_issues.map((x) => x.case_reference).sort();
  assert.deepEqual(seen, ['D1', 'P1']);
  // They change HMICFRS's issue, which then says it was changed under the delegation, as its audit entry does.
  const changed = await delegate.patch(`/api/v1/live-case-issues/${police.json.id}`, { action: 'Escalated to the Area', version: police.json.version });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.json.delegation_id, made.json.id);
  assert.equal(changed.json.recorded_by, delegate.id);
  assert.match(changed.json.acting_as, under);
  const audit = await ctx.admin.get(`/api/v1/audit/entries?entity_type=live_case_issue&entity_id=${police.json.id}`);
  const entry = audit.json.items.find((e) => e.after?.action === 'Escalated to the Area');
  assert.equal(entry.after.recorded_by, delegate.id);
  assert.match(entry.after.acting_as, under);
  // HMCPSI's issue is not theirs to change.
  const notTheirs = await delegate.patch(`/api/v1/live-case-issues/${cps.json.id}`, { action: 'Changed', version: cps.json.version });
  assert.equal(notTheirs.status, 403, notTheirs.text);
  assert.equal(notTheirs.json.rule, 'R23');
  // Clearances: an HMICFRS person's is changed under the delegation; an HMCPSI person's is refused.
  const vetting = { kind: 'security_vetting', detail: 'Police vetting level 2' };
  const policeVetting = await people.police_lead.post(`/api/v1/inspections/${i.id}/clearances`, { ...vetting, user_id: people.police_lead.id });
  assert.equal(policeVetting.status, 201, policeVetting.text);
  const cpsVetting = await people.cps_lead.post(`/api/v1/inspections/${i.id}/clearances`, { ...vetting, user_id: people.cps_lead.id });
  assert.equal(cpsVetting.status, 201, cpsVetting.text);
  const held = await delegate.patch(`/api/v1/clearances/${policeVetting.json.id}`, { held: true, version: policeVetting.json.version });
  assert.equal(held.status, 200, held.text);
  assert.match(held.json.acting_as, under);
  assert.equal(held.json.recorded_by, delegate.id);
  const cpsHeld = await delegate.patch(`/api/v1/clearances/${cpsVetting.json.id}`, { held: true, version: cpsVetting.json.version });
  assert.equal(cpsHeld.status, 403, cpsHeld.text);
  assert.equal(cpsHeld.json.rule, 'R23');
  // The team changes what was recorded under the delegation, which keeps saying so.
  const team = await people.police_lead.patch(`/api/v1/live-case-issues/${own.json.id}`, { action_by: 'The Area lead', version: own.json.version });
  assert.equal(team.status, 200, team.text);
  assert.match(team.json.acting_as, under);

  // On another inspection, the same person under a delegation of quality
  // assurance only neither reads nor changes an issue in a live case.
  const other = await start();
  const otherSite = await throughStageTwo(other.id);
  const elsewhere = await people.police_lead.post(`/api/v1/inspections/${other.id}/live-case-issues`, { ...issue('E1'), site_id: otherSite.id });
  assert.equal(elsewhere.status, 201, elsewhere.text);
  const change = { action: 'Changed', version: elsewhere.json.version };
  assert.equal((await delegate.patch(`/api/v1/live-case-issues/${elsewhere.json.id}`, change)).status, 404, 'not seen without a delegation there');
  const qa = await people.police_chief.post(`/api/v1/inspections/${other.id}/delegations`, {
    delegating_inspectorate_id: cj.HMICFRS, receiving_inspectorate_id: cj.HMCPSI, function: 'quality_assurance',
    user_id: delegate.id, scope: 'Quality assurance of the police file examinations',
  });
  assert.equal(qa.status, 201, qa.text);
  const otherFunction = await delegate.patch(`/api/v1/live-case-issues/${elsewhere.json.id}`, change);
  assert.equal(otherFunction.status, 403, otherFunction.text);
  assert.equal(otherFunction.json.rule, 'R23');
  seen = (await delegate.get(`/api/v1/inspections/${other.id}`)).json.live_case_issues.map((x) => x.case_reference);
  assert.deepEqual(seen, []);
  // Once revoked, the first delegation reads and changes nothing more.
  const revoked = await people.police_chief.post(`/api/v1/delegations/${made.json.id}/revocation`, { version: 1 });
  assert.equal(revoked.status, 200, revoked.text);
  assert.equal((await delegate.patch(`/api/v1/live-case-issues/${police.json.id}`, { action: 'Again', version: changed.json.version })).status, 404);
});

test('R23_an_interview_recorded_under_a_delegation_is_changed_by_the_team_or_by_its_recorder_while_the_delegation_is_in_force_saying_so', async () => {
  const i = await start();
  const site = await throughStageTwo(i.id);
  const delegate = people.cps_delegate;
  const made = await people.police_chief.post(`/api/v1/inspections/${i.id}/delegations`, {
    delegating_inspectorate_id: cj.HMICFRS, receiving_inspectorate_id: cj.HMCPSI, function: 'fieldwork',
    user_id: delegate.id, scope: 'Interviews with the police prosecution teams',
  });
  assert.equal(made.status, 201, made.text);
  const second = await people.police_chief.post(`/api/v1/delegations/${made.json.id}/people`, { user_id: people.cps_other.id });
  assert.equal(second.status, 201, second.text);
  const under = new RegExp(`^for HMICFRS under delegation from HMICFRS to HMCPSI \\(delegation ${made.json.id}, authorised on `);
  const interview = await delegate.post(`/api/v1/inspections/${i.id}/interviews`, {
    kind: 'interview', held_on: day(61), with_whom: 'The unit head', site_id: site.id,
  });
  assert.equal(interview.status, 201, interview.text);
  assert.equal(interview.json.recorded_by, delegate.id);
  // The delegate who recorded it changes it, and the change says it was made under the delegation.
  const changed = await delegate.patch(`/api/v1/interviews/${interview.json.id}`, { with_whom: 'The unit head and deputy', version: interview.json.version });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.json.delegation_id, made.json.id);
  assert.equal(changed.json.recorded_by, delegate.id);
  assert.match(changed.json.acting_as, under);
  const audit = await ctx.admin.get(`/api/v1/audit/entries?entity_type=interview&entity_id=${interview.json.id}`);
  const entry = audit.json.items.find((e) => e.after?.with_whom === 'The unit head and deputy');
  assert.match(entry.after.acting_as, under);
  // Someone else under the same delegation did not record it: theirs to leave.
  const other = await people.cps_other.patch(`/api/v1/interviews/${interview.json.id}`, { with_whom: 'Someone else', version: changed.json.version });
  assert.equal(other.status, 403, other.text);
  assert.equal(other.json.rule, 'R23');
  // The team changes it too, and it keeps saying who recorded it and under what.
  const team = await people.police_lead.patch(`/api/v1/interviews/${interview.json.id}`, { plan: 'Charging decisions', version: changed.json.version });
  assert.equal(team.status, 200, team.text);
  assert.equal(team.json.recorded_by, delegate.id);
  assert.match(team.json.acting_as, under);
  // Once the delegation is revoked, the delegate changes it no more.
  const revoked = await people.police_chief.post(`/api/v1/delegations/${made.json.id}/revocation`, { version: 1 });
  assert.equal(revoked.status, 200, revoked.text);
  const late = await delegate.patch(`/api/v1/interviews/${interview.json.id}`, { with_whom: 'Late', version: team.json.version });
  assert.equal(late.status, 404, late.text);
});

test('R23_a_delegate_whose_delegation_is_no_longer_in_force_is_told_so_with_its_date_and_offered_nothing', async () => {
  const i = await start();
  await throughStageTwo(i.id);
  const made = await people.police_chief.post(`/api/v1/inspections/${i.id}/delegations`, {
    delegating_inspectorate_id: cj.HMICFRS, receiving_inspectorate_id: cj.HMCPSI, function: 'fieldwork',
    user_id: people.cps_delegate.id, scope: 'Interviews with the police prosecution teams',
  });
  assert.equal(made.status, 201, made.text);
  const pages = await pagesAs('cps_delegate');
  assert.equal((await pages.get(`/inspections/${i.id}/fieldwork`)).status, 200);
  const revoked = await people.police_chief.post(`/api/v1/delegations/${made.json.id}/revocation`, { version: 1 });
  assert.equal(revoked.status, 200, revoked.text);
  const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  for (const path of [`/inspections/${i.id}`, `/inspections/${i.id}/fieldwork`, `/inspections/${i.id}/fieldwork/interview`]) {
    const page = await pages.get(path);
    assert.equal(page.status, 403, path);
    assert.match(page.text, /<h1[^>]*>Your delegation is not in force<\/h1>/);
    assert.ok(page.text.includes(`Your delegation of fieldwork and evidence gathering from HMICFRS on ${i.title} was revoked on ${today}.`), page.text);
    assert.doesNotMatch(page.text, /<form[^>]*action="\/inspections\//);
  }
  // Someone never named by a delegation is not told the inspection exists.
  assert.equal((await (await pagesAs('cps_other')).get(`/inspections/${i.id}`)).status, 404);
});

test('R23_someone_with_delegations_from_two_inspectorates_acts_for_the_one_they_choose_or_the_one_the_record_is_of_and_each_act_names_it', async () => {
  withProbation = true;
  try {
    const made = await ctx.admin.post('/api/v1/inspections', {
      title: `Joint case building with probation ${++serial}`, lead_inspectorate_id: cj.HMICFRS,
      participating: [cj.HMICFRS, cj.HMCPSI, cj.HMIPROBATION],
    });
    assert.equal(made.status, 201, made.text);
    const id = made.json.id;
    await nameLeads(id);
    for (const [who, role] of [['probation_lead', 'lead_inspector'], ['probation_overseer', 'senior_overseer']]) {
      const named = await people.probation_chief.post(`/api/v1/inspections/${id}/team`, { user_id: people[who].id, inspectorate_id: cj.HMIPROBATION, role });
      assert.equal(named.status, 201, named.text);
    }
    const site = await throughStageTwo(id, { named: true });
    const delegate = people.cps_delegate;
    const delegation = async (chief, from) => {
      const d = await chief.post(`/api/v1/inspections/${id}/delegations`, {
        delegating_inspectorate_id: from, receiving_inspectorate_id: cj.HMCPSI, function: 'fieldwork',
        user_id: delegate.id, scope: 'Fieldwork with the police prosecution teams',
      });
      assert.equal(d.status, 201, d.text);
      return d.json;
    };
    const police = await delegation(people.police_chief, cj.HMICFRS);
    const probation = await delegation(people.probation_chief, cj.HMIPROBATION);
    const forProbation = new RegExp(`^for HMI Probation under delegation from HMI Probation to HMCPSI \\(delegation ${probation.id}, `);
    const forPolice = new RegExp(`^for HMICFRS under delegation from HMICFRS to HMCPSI \\(delegation ${police.id}, `);
    // Chosen: an issue in a live case for HMI Probation.
    const issue = {
      found_on: day(0), case_reference: 'PR1', site_id: site.id,
      issue: 'No risk assessment on file', action: 'Raised with the manager', action_by: 'The manager',
    };
    const chosen = await delegate.post(`/api/v1/inspections/${id}/live-case-issues`, { ...issue, delegation_id: probation.id });
    assert.equal(chosen.status, 201, chosen.text);
    assert.equal(chosen.json.recorded_for, cj.HMIPROBATION);
    assert.match(chosen.json.acting_as, forProbation);
    // Not chosen: the first, for HMICFRS.
    const first = await delegate.post(`/api/v1/inspections/${id}/live-case-issues`, { ...issue, case_reference: 'PO1' });
    assert.equal(first.status, 201, first.text);
    assert.match(first.json.acting_as, forPolice);
    // Inferred from the record: a clearance of HMI Probation's lead is recorded for HMI Probation.
    const vetting = await delegate.post(`/api/v1/inspections/${id}/clearances`, { user_id: people.probation_lead.id, kind: 'security_vetting', detail: 'Level 2' });
    assert.equal(vetting.status, 201, vetting.text);
    assert.equal(vetting.json.delegation_id, probation.id);
    assert.match(vetting.json.acting_as, forProbation);
    // ...and an interview HMI Probation conducts alone, for HMI Probation.
    const interview = await delegate.post(`/api/v1/inspections/${id}/interviews`, {
      kind: 'interview', held_on: day(61), with_whom: 'The probation manager', site_id: site.id,
      staffing: 'single', single_inspectorate: cj.HMIPROBATION, single_reason: 'Only probation staff attend',
    });
    assert.equal(interview.status, 201, interview.text);
    assert.equal(interview.json.delegation_id, probation.id);
    assert.match(interview.json.acting_as, forProbation);
    // The fieldwork page lets them choose whom they record for.
    const page = await (await pagesAs('cps_delegate')).get(`/inspections/${id}/fieldwork/interview`);
    assert.equal(page.status, 200, page.text);
    assert.match(page.text, new RegExp(`<option value="${probation.id}">HMI Probation, under delegation ${probation.id}</option>`));
    assert.match(page.text, new RegExp(`<option value="${police.id}" selected>HMICFRS, under delegation ${police.id}</option>`));
  } finally {
    withProbation = false;
  }
});

test('R23_quality_assurance_delegated_is_given_for_the_delegating_inspectorate', async () => {
  const i = await start();
  await throughStageTwo(i.id);
  const made = await people.police_chief.post(`/api/v1/inspections/${i.id}/delegations`, {
    delegating_inspectorate_id: cj.HMICFRS, receiving_inspectorate_id: cj.HMCPSI, function: 'quality_assurance',
    user_id: people.cps_delegate.id, scope: 'Quality assurance of the police file examinations',
  });
  assert.equal(made.status, 201, made.text);
  const item = await people.cps_lead.post(`/api/v1/inspections/${i.id}/evidence`, {
    method: 'document_review', gathered_on: day(0), summary: 'The CPS Area\'s policy',
  });
  const review = await people.cps_delegate.post(`/api/v1/evidence/${item.json.id}/reviews`, { version: 1, state: 'agreed' });
  assert.equal(review.status, 201, review.text);
  assert.equal(review.json.inspectorate_id, cj.HMICFRS);
  assert.match(review.json.acting_as, /^for HMICFRS under delegation from HMICFRS to HMCPSI/);
  // They may not record evidence: fieldwork was not delegated.
  const record = await people.cps_delegate.post(`/api/v1/inspections/${i.id}/evidence`, {
    method: 'document_review', gathered_on: day(0), summary: 'Not theirs to record',
  });
  assert.equal(record.status, 403, record.text);
});

test('not_on_team_an_inspector_finds_an_inspection_on_the_list_once_named_to_its_team_and_a_delegate_while_the_delegation_is_in_force', async () => {
  const i = await start();
  await nameLeads(i.id);
  const listed = async (client) => (await client.get('/api/v1/inspections')).json.items.some((x) => x.id === i.id);
  const opens = async (client) => (await client.get(`/api/v1/inspections/${i.id}`)).status;
  const inspector = await userClient(ctx.server, ctx.admin, `seen.${i.id}@inspection.test`, ['inspector'], { inspectorate_id: cj.HMCPSI });
  inspector.id = (await inspector.get('/api/v1/me')).json.id;
  // Of a participating inspectorate, but not on the team: neither.
  assert.equal(await listed(inspector), false);
  assert.equal(await opens(inspector), 404);
  const named = await people.cps_rep.post(`/api/v1/inspections/${i.id}/team`, { user_id: inspector.id, inspectorate_id: cj.HMCPSI, role: 'team_member' });
  assert.equal(named.status, 201, named.text);
  assert.equal(await listed(inspector), true);
  assert.equal(await opens(inspector), 200);

  // A delegate outside the team: on the list while the delegation is in force.
  const delegate = await userClient(ctx.server, ctx.admin, `delegate.${i.id}@inspection.test`, ['inspector'], { inspectorate_id: cj.HMCPSI });
  delegate.id = (await delegate.get('/api/v1/me')).json.id;
  assert.equal(await listed(delegate), false);
  const made = await people.police_chief.post(`/api/v1/inspections/${i.id}/delegations`, {
    delegating_inspectorate_id: cj.HMICFRS, receiving_inspectorate_id: cj.HMCPSI, function: 'fieldwork',
    user_id: delegate.id, scope: 'Examining the police prosecution teams\' case files', ends_on: day(90),
  });
  assert.equal(made.status, 201, made.text);
  assert.equal(await opens(delegate), 200);
  assert.equal(await listed(delegate), true);
});

test('one_clearance_each_an_awaited_clearance_is_changed_to_held_and_the_warnings_and_stage_read_it', async () => {
  const i = await start();
  await throughStageTwo(i.id);
  const lead = people.police_lead;
  const awaited = await lead.post(`/api/v1/inspections/${i.id}/clearances`, {
    user_id: lead.id, kind: 'it_access', detail: 'Niche records system', held: false,
  });
  assert.equal(awaited.status, 201, awaited.text);
  const clearanceCheck = (view) => view.stages[2].checks.find((c) => /Security clearance/.test(c.label));
  let view = (await lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.match(view.clearance_warnings.join(' '), /does not hold Access to IT systems \(Niche records system\) yet/);
  assert.equal(clearanceCheck(view).done, false);

  // A second record for the same person and kind is refused: change the first.
  const second = await lead.post(`/api/v1/inspections/${i.id}/clearances`, {
    user_id: lead.id, kind: 'it_access', detail: 'Niche records system', held: true,
  });
  assert.equal(second.status, 400, second.text);
  assert.deepEqual(second.json.errors.map((e) => [e.field, e.rule]), [['kind', 'one-clearance-each']]);
  assert.match(second.json.errors[0].message, /already has a record of access to IT systems \(Niche records system\): change that record/);
  // Another kind for the same person is a record of its own.
  const vetting = await lead.post(`/api/v1/inspections/${i.id}/clearances`, {
    user_id: lead.id, kind: 'security_vetting', detail: 'Police vetting level 2', held: true,
  });
  assert.equal(vetting.status, 201, vetting.text);
  // Nor can a change make one kind a second record of the other.
  const clash = await lead.patch(`/api/v1/clearances/${vetting.json.id}`, { kind: 'it_access', version: vetting.json.version });
  assert.equal(clash.status, 400, clash.text);
  assert.equal(clash.json.errors[0].rule, 'one-clearance-each');

  // The fieldwork page offers to change it; the change page, sent empty,
  // keeps what was typed and names the field.
  const pages = await pagesAs('police_lead');
  const fieldwork = await pages.get(`/inspections/${i.id}/fieldwork`);
  assert.ok(fieldwork.text.includes(`href="/inspections/${i.id}/fieldwork/clearances/${awaited.json.id}"`), 'a Change link');
  const form = (fields) => pages.request('POST', `/inspections/${i.id}/fieldwork/clearances/${awaited.json.id}`,
    new URLSearchParams(fields).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
  const page = await pages.get(`/inspections/${i.id}/fieldwork/clearances/${awaited.json.id}`);
  assert.equal(page.status, 200, page.text);
  assert.match(page.text, /access to IT systems/);
  const empty = await form([['version', String(awaited.json.version)], ['detail', ''], ['held', 'yes'], ['expires_on-day', '31'], ['expires_on-month', '2'], ['expires_on-year', '2031']]);
  assert.equal(empty.status, 400, empty.text);
  assert.ok(empty.text.includes('href="#detail"') && empty.text.includes('href="#expires_on"'), 'every error at once');
  assert.ok(empty.text.includes('value="31"'), 'the date kept as typed');
  const long = await form([['version', String(awaited.json.version)], ['detail', 'y'.repeat(20000)], ['held', 'yes']]);
  assert.equal(long.status, 400, long.text);
  assert.ok(long.text.includes('y'.repeat(20000)), 'the long text kept');
  // Now held, expiring before the last day of fieldwork: saved, and questioned.
  const held = await form([['version', String(awaited.json.version)], ['detail', 'Niche records system'], ['held', 'yes'],
    ['expires_on-day', day(61).slice(8)], ['expires_on-month', day(61).slice(5, 7)], ['expires_on-year', day(61).slice(0, 4)]]);
  assert.equal(held.status, 303, held.text);
  view = (await lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(view.clearances.filter((c) => c.kind === 'it_access').length, 1);
  assert.equal(view.clearance_warnings.length, 1, view.clearance_warnings.join('\n'));
  assert.match(view.clearance_warnings[0], /Access to IT systems \(Niche records system\) expires on .*, before onsite fieldwork ends/);
  assert.equal(clearanceCheck(view).done, false);
  // Renewed to outlast fieldwork: no warning, and stage 3's check is met.
  const current = view.clearances.find((c) => c.kind === 'it_access');
  const renewed = await lead.patch(`/api/v1/clearances/${current.id}`, { expires_on: day(400), version: current.version });
  assert.equal(renewed.status, 200, renewed.text);
  view = (await lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.deepEqual(view.clearance_warnings, []);
  assert.equal(clearanceCheck(view).done, true);
  // Saved unchanged: said so.
  const same = await form([['version', String(renewed.json.version)], ['detail', 'Niche records system'], ['held', 'yes'],
    ['expires_on-day', day(400).slice(8)], ['expires_on-month', day(400).slice(5, 7)], ['expires_on-year', day(400).slice(0, 4)]]);
  assert.equal(same.status, 303, same.text);
  assert.match(same.headers.get('location'), /done=inspection-unchanged/);
});

test('R13_a_draft_with_the_question_missing_is_kept_but_not_offered_for_sign_off_and_the_page_says_what_is_missing', async () => {
  const i = await start();
  await nameLeads(i.id);
  await draft(i.id);
  const pages = await pagesAs('police_lead');
  let page = await pages.get(`/inspections/${i.id}/terms`);
  assert.match(page.text, /Ask every inspectorate to sign off version/);
  // The question emptied: saved as a draft, as arrangements are.
  const view = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  const saved = await people.police_lead.patch(`/api/v1/inspections/${i.id}/terms`, { question: '   ', version: view.terms.version });
  assert.equal(saved.status, 200, saved.text);
  // Not offered for sign-off; the page lists what is missing, linked to it.
  page = await pages.get(`/inspections/${i.id}/terms`);
  assert.doesNotMatch(page.text, /Ask every inspectorate to sign off/);
  assert.match(page.text, /is a draft\. Before asking every inspectorate to sign it off:/);
  assert.ok(page.text.includes('<a class="govuk-link" href="#question">Add the inspection question before sign-off</a>'), page.text.match(/terms-missing[\s\S]{0,600}/)?.[0]);
  // Asked anyway through the API: refused at the field, under R13.
  const asked = await people.police_lead.post(`/api/v1/inspections/${i.id}/sign-off`);
  assert.equal(asked.status, 400, asked.text);
  assert.deepEqual(asked.json.errors.map((e) => [e.field, e.rule]), [['question', 'R13']]);
  // Completed again: offered.
  const again = await people.police_lead.patch(`/api/v1/inspections/${i.id}/terms`, { question: complete.question, version: saved.json.version });
  assert.equal(again.status, 200, again.text);
  page = await pages.get(`/inspections/${i.id}/terms`);
  assert.match(page.text, /Ask every inspectorate to sign off version/);
  assert.doesNotMatch(page.text, /terms-missing/);
});

test('R16_an_interview_conducted_jointly_is_refused_with_a_lone_inspectorate_or_reason_never_dropping_them', async () => {
  const i = await start();
  const site = await throughStageTwo(i.id);
  const base = { kind: 'interview', held_on: day(61), with_whom: 'Chief Crown Prosecutor', staffing: 'joint', site_id: site.id };
  const both = await people.cps_lead.post(`/api/v1/inspections/${i.id}/interviews`, {
    ...base, single_inspectorate: cj.HMCPSI, single_reason: 'Prosecution decisions are for HMCPSI',
  });
  assert.equal(both.status, 400, both.text);
  assert.deepEqual(both.json.errors.map((e) => [e.field, e.rule]).sort(), [['single_inspectorate', 'R16'], ['single_reason', 'R16']]);
  assert.match(both.json.errors[0].message, /conducted jointly, so it has no inspectorate conducting it alone/);
  assert.notEqual(both.json.errors[0].message, both.json.errors[1].message, 'each field its own words');
  const reasonOnly = await people.cps_lead.post(`/api/v1/inspections/${i.id}/interviews`, { ...base, single_reason: 'Because' });
  assert.equal(reasonOnly.status, 400, reasonOnly.text);
  assert.deepEqual(fieldsOf(reasonOnly), ['single_reason']);
  assert.equal((await people.cps_lead.get(`/api/v1/inspections/${i.id}`)).json.interviews.length, 0, 'nothing saved');
  // On the page: refused at both fields, what was typed kept.
  const pages = await pagesAs('cps_lead');
  const sent = await pages.request('POST', `/inspections/${i.id}/fieldwork/interview`, new URLSearchParams([
    ['kind', 'interview'], ['held_on-day', day(61).slice(8)], ['held_on-month', day(61).slice(5, 7)], ['held_on-year', day(61).slice(0, 4)],
    ['with_whom', 'Chief Crown Prosecutor'], ['site_id', String(site.id)], ['staffing', 'joint'],
    ['single_inspectorate', String(cj.HMCPSI)], ['single_reason', 'Prosecution decisions are for HMCPSI'],
  ]).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(sent.status, 400, sent.text);
  assert.ok(sent.text.includes('href="#single_inspectorate"') && sent.text.includes('href="#single_reason"'));
  const said = [...sent.text.matchAll(/<a href="#single_(?:inspectorate|reason)">([^<]*)<\/a>/g)].map((m) => m[1]);
  assert.equal(new Set(said).size, 2, `the summary never says one thing twice: ${said.join(' | ')}`);
  assert.ok(sent.text.includes('Prosecution decisions are for HMCPSI'), 'the reason kept as typed');
  // Jointly with neither: saved.
  const joint = await people.cps_lead.post(`/api/v1/inspections/${i.id}/interviews`, base);
  assert.equal(joint.status, 201, joint.text);
});

test('R11_a_timetable_changed_after_fieldwork_began_is_agreed_again_while_stage_one_stays_completed', async () => {
  const i = await start();
  // Every expectation of stages 1 and 2 met.
  await nameLeads(i.id);
  const line = await people.cps_lead.post(`/api/v1/inspections/${i.id}/red-lines`, { text: 'No judgement on individual prosecutors' });
  assert.equal(line.status, 201, line.text);
  const liaison = await people.cps_rep.post(`/api/v1/inspections/${i.id}/liaison`, { held_on: day(-3), with_whom: 'CPS Director of Legal Services', summary: 'Wants charging covered' });
  assert.equal(liaison.status, 201, liaison.text);
  const task = await people.police_lead.post(`/api/v1/inspections/${i.id}/tasks`, { title: 'Request IT access', owner_user_id: people.police_lead.id, due_on: day(30) });
  assert.equal(task.status, 201, task.text);
  await throughStageTwo(i.id, { named: true });
  const lead = people.police_lead;
  // Stage 3 begins.
  const held = await lead.post(`/api/v1/inspections/${i.id}/clearances`, {
    user_id: lead.id, kind: 'security_vetting', detail: 'Police vetting level 2', held: true,
  });
  assert.equal(held.status, 201, held.text);
  let view = (await lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.deepEqual(view.stages.slice(0, 3).map((s) => s.progress), ['completed', 'completed', 'in_progress']);
  // A key date added: the timetable's agreement lapses.
  const added = await lead.post(`/api/v1/inspections/${i.id}/key-dates`, {
    kind: 'critical_readers', title: 'Critical readers', starts_on: day(120), ends_on: day(125),
  });
  assert.equal(added.status, 201, added.text);
  view = (await lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(view.timetable_agreement, 'lapsed');
  assert.deepEqual(view.stages.slice(0, 3).map((s) => s.progress), ['completed', 'completed', 'in_progress']);
  const timetableCheck = view.stages[0].checks.find((c) => /Timetable agreed/.test(c.label));
  assert.deepEqual([timetableCheck.done, timetableCheck.agreement, timetableCheck.again], [false, 'lapsed', true]);
  const pages = await pagesAs('police_lead');
  let overview = await pages.get(`/inspections/${i.id}`);
  const version = view.inspection.timetable_version;
  assert.ok(overview.text.includes(`The timetable changed after it was agreed: ask every inspectorate to agree version ${version}`), overview.text.match(/agree-again[\s\S]{0,500}/)?.[0]);
  assert.match(overview.text, /1\. [^<]*<strong class="govuk-tag[^"]*">Completed</);
  // Asked: it waits on every inspectorate; agreed: nothing to agree again.
  const asked = await lead.post(`/api/v1/inspections/${i.id}/timetable-agreement`);
  assert.equal(asked.status, 201, asked.text);
  overview = await pages.get(`/inspections/${i.id}`);
  assert.ok(overview.text.includes(`every inspectorate has been asked to agree version ${version}`));
  await agreeAll(asked.json.id);
  overview = await pages.get(`/inspections/${i.id}`);
  assert.doesNotMatch(overview.text, /agree-again/);
});
