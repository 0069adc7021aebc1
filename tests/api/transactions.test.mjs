// A page is one view: its GET reads in one transaction (plus the session
// check), a form's POST reads the form first and makes one write. The
// server, started with --count-transactions on the demo programme, says in
// X-Jointly-Transactions how many transactions each request opened; this
// test holds the main pages to the figures below, which are ceilings: a
// page may do better, never worse.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, userClient, signIn, Client, isoDay as day, workingDay, ADMIN_PASSWORD, responseId, openRound, giveContacts } from '../support/server.mjs';

// Ceilings, not targets: a request may open fewer transactions than its
// figure, never more; lower a figure when a page gets better. Each counts
// the session check (one read). The aim: a GET, the session and one view;
// a form's POST, the session and one write (refused: one read to show the
// form again).
const CEILINGS = {
  'GET /programme': { reads: 2, writes: 0 },
  'GET /programme filtered': { reads: 2, writes: 0 },
  'GET /programme/proposals/{id}': { reads: 2, writes: 0 },
  'GET /programme/proposals/{id}/score': { reads: 2, writes: 0 },
  'POST /programme/proposals/{id}/score': { reads: 1, writes: 1 },
  'POST /programme/proposals/{id}/score refused': { reads: 2, writes: 0 },
  'GET /plans/{id}': { reads: 2, writes: 0 },
  'GET /runs/{id}': { reads: 2, writes: 0 },
  // The proposal form reads its view before the form: the participants
  // are read in the inspectorates' order and errors name them.
  'GET /programme/proposals/new': { reads: 2, writes: 0 },
  'POST /programme/proposals/new': { reads: 2, writes: 1 },
  'POST /programme/proposals/new refused': { reads: 2, writes: 0 },
  'GET /programme/proposals/{id}/edit': { reads: 2, writes: 0 },
  'GET /plans/{id}/edit': { reads: 2, writes: 0 },
  'GET /decisions': { reads: 2, writes: 0 },
  // Consultation. A refusal found by the write (a rule that needs what is
  // stored) opens that write, then the one read that shows the page again.
  'GET /consultations': { reads: 2, writes: 0 },
  'GET /consultations/new': { reads: 2, writes: 0 },
  'POST /consultations/new': { reads: 1, writes: 1 },
  'POST /consultations/new refused': { reads: 2, writes: 0 },
  'GET /consultations/{id}': { reads: 2, writes: 0 },
  'POST /consultations/{id}/open': { reads: 1, writes: 1 },
  'POST /consultations/{id}/close': { reads: 1, writes: 1 },
  // Only an open round closes, which the write reads.
  'POST /consultations/{id}/close refused': { reads: 2, writes: 1 },
  'POST /consultations/{id}/consultees': { reads: 1, writes: 1 },
  'POST /consultations/{id}/consultees refused': { reads: 2, writes: 0 },
  'POST /consultations/{id}/contact': { reads: 1, writes: 1 },
  'POST /consultations/{id}/drop': { reads: 1, writes: 1 },
  'POST /consultations/{id}/dispatches': { reads: 1, writes: 1 },
  'POST /consultations/{id}/dispatches refused': { reads: 2, writes: 0 },
  'GET /consultations/{id}/responses': { reads: 2, writes: 0 },
  'POST /consultations/{id}/responses/new': { reads: 1, writes: 1 },
  // A refused recording is checked against its round in the write, which
  // rolls back, so every error is found at once; then the page is shown.
  'POST /consultations/{id}/responses/new refused': { reads: 2, writes: 1 },
  'POST /consultations/{id}/responses/{id}/tags': { reads: 1, writes: 1 },
  'POST /consultations/{id}/responses/{id}/tags refused': { reads: 2, writes: 0 },
  'POST /consultations/{id}/responses/{id}/mark': { reads: 1, writes: 1 },
  // The marking is checked against the stored response, in the write.
  'POST /consultations/{id}/responses/{id}/mark refused': { reads: 2, writes: 1 },
  'GET /consultations/{id}/summary': { reads: 2, writes: 0 },
  'POST /consultations/{id}/summary/publish': { reads: 1, writes: 1 },
  // Anyone, without signing in: no session to check.
  'GET /consultations/{id}/summary public': { reads: 1, writes: 0 },
  'GET /consultations/{id}/respond': { reads: 1, writes: 0 },
  // The start page: the consultations open and the summaries published.
  'GET / public': { reads: 1, writes: 0 },
  // The public website: each page one read of the released store.
  'GET /business-plans': { reads: 1, writes: 0 },
  'GET /open-consultations': { reads: 1, writes: 0 },
  'GET /you-said-we-did': { reads: 1, writes: 0 },
  'GET /inspections-in-progress': { reads: 1, writes: 0 },
  'GET /reports': { reads: 1, writes: 0 },
  'GET /search': { reads: 1, writes: 0 },
  'GET /feeds/{section}.atom': { reads: 1, writes: 0 },
  'GET /sitemap.xml': { reads: 1, writes: 0 },
  'POST /consultations/{id}/respond': { reads: 0, writes: 1 },
  // The answers are checked against the round's questions, in the write.
  'POST /consultations/{id}/respond refused': { reads: 1, writes: 1 },
  'GET /contacts': { reads: 2, writes: 0 },
  'POST /contacts': { reads: 1, writes: 1 },
  'POST /contacts refused': { reads: 2, writes: 0 },
  'GET /contacts/{id}/edit': { reads: 2, writes: 0 },
  'POST /contacts/{id}/edit': { reads: 1, writes: 1 },
  // The form is applied to the stored contact in the write, which gives
  // back what was typed.
  'POST /contacts/{id}/edit refused': { reads: 1, writes: 1 },
  // Someone else saved first: the conflict's detail (what they changed)
  // is the one read that shows the form again.
  'POST /contacts/{id}/edit stale': { reads: 2, writes: 1 },
  'GET /contacts/{id}/delete': { reads: 2, writes: 0 },
  'POST /contacts/{id}/delete': { reads: 1, writes: 1 },
  // Whether a round uses it is read in the write.
  'POST /contacts/{id}/delete refused': { reads: 2, writes: 1 },
  // Governance.
  'GET /governance': { reads: 2, writes: 0 },
  'POST /governance/rotation': { reads: 1, writes: 1 },
  // A refused rotation is checked against the inspectorates (one read),
  // then the page is shown with every error.
  'POST /governance/rotation refused': { reads: 3, writes: 0 },
  'POST /governance/members': { reads: 1, writes: 1 },
  'POST /governance/members refused': { reads: 2, writes: 0 },
  'GET /governance/members/{id}/edit': { reads: 2, writes: 0 },
  'POST /governance/members/{id}/edit': { reads: 1, writes: 1 },
  'POST /governance/members/{id}/edit refused': { reads: 2, writes: 1 },
  // A stale save reads what changed meanwhile, then the page to show again.
  'POST /governance/members/{id}/edit stale': { reads: 3, writes: 1 },
  'POST /governance/meetings': { reads: 1, writes: 1 },
  // A meeting is checked in the write against what is stored: its body's
  // members on its day (who attended) and its actions' due dates.
  'POST /governance/meetings refused': { reads: 2, writes: 1 },
  'POST /governance/reference-groups': { reads: 1, writes: 1 },
  'POST /governance/reference-groups refused': { reads: 2, writes: 0 },
  'POST /governance/reference-groups/{id}/advice': { reads: 1, writes: 1 },
  'POST /governance/reference-groups/{id}/advice refused': { reads: 2, writes: 0 },
  'GET /governance/meetings/{id}': { reads: 2, writes: 0 },
  'POST /governance/meetings/{id}/decisions': { reads: 1, writes: 1 },
  'POST /governance/meetings/{id}/decisions refused': { reads: 2, writes: 0 },
  // The owner's name is looked up among the people who use Jointly, to
  // warn of an owner no one goes by.
  'POST /governance/meetings/{id}/actions': { reads: 2, writes: 1 },
  'POST /governance/meetings/{id}/actions refused': { reads: 2, writes: 0 },
  'POST /governance/meetings/{id}/actions/{id}/done': { reads: 1, writes: 1 },
  // A stale version reads what changed since (the conflict's detail, as
  // the API answers it) before the page is shown again.
  'POST /governance/meetings/{id}/actions/{id}/done stale': { reads: 3, writes: 1 },
  'POST /governance/meetings/{id}/referrals': { reads: 1, writes: 1 },
  // Only a Development Group meeting refers: the meeting is read in the write.
  'POST /governance/meetings/{id}/referrals refused': { reads: 2, writes: 1 },
  'POST /governance/meetings/{id}/referrals/{id}/decision': { reads: 1, writes: 1 },
  'POST /governance/meetings/{id}/referrals/{id}/decision refused': { reads: 2, writes: 1 },
  // An inspection's sites and letters.
  // The lead team's form to add a site reads the bodies to choose from on
  // its own, after the view (a directory of any size is not read for
  // those who cannot add one).
  'GET /inspections/{id}/sites': { reads: 3, writes: 0 },
  'GET /inspections/{id}/letters/{id}/withdraw': { reads: 2, writes: 0 },
  // A withdrawal is checked before the addressee is e-mailed (one read),
  // then checked again and recorded in the write.
  'POST /inspections/{id}/letters/{id}/withdraw': { reads: 2, writes: 1 },
  'POST /inspections/{id}/letters/{id}/withdraw refused': { reads: 3, writes: 0 },
  'GET /inspections/{id}/sites/{id}': { reads: 2, writes: 0 },
  'POST /inspections/{id}/sites/{id}': { reads: 1, writes: 1 },
  // The change is checked by the write (what is stored decides it), then
  // the page is read to show again.
  'POST /inspections/{id}/sites/{id} refused': { reads: 2, writes: 1 },
  // Stage 5: the emerging-findings page and the meeting's form.
  'GET /inspections/{id}/findings': { reads: 2, writes: 0 },
  // Stage 5's evaluation, and the lessons-learned register.
  'GET /inspections/{id}/evaluation': { reads: 2, writes: 0 },
  'GET /inspections/{id}/lessons/new': { reads: 2, writes: 0 },
  'POST /inspections/{id}/lessons refused': { reads: 2, writes: 0 },
  'GET /lessons': { reads: 2, writes: 0 },
  'GET /lessons.csv': { reads: 2, writes: 0 },
  // The draft report: one view of the inspection, whatever its form.
  'GET /inspections/{id}/report/document': { reads: 2, writes: 0 },
  'GET /inspections/{id}/report/report.docx': { reads: 2, writes: 0 },
  'GET /inspections/{id}/report/report.pdf': { reads: 2, writes: 0 },
  'GET /api/v1/inspections/{id}/report.docx': { reads: 2, writes: 0 },
  // Stage 8: the retention page, its agreement form, and what is due for
  // an inspectorate across inspections (one view of each).
  'GET /inspections/{id}/retention': { reads: 2, writes: 0 },
  'POST /inspections/{id}/retention/agreement': { reads: 1, writes: 1 },
  'POST /inspections/{id}/retention/agreement refused': { reads: 2, writes: 0 },
  'GET /retention-due': { reads: 2, writes: 0 },
  'POST /inspections/{id}/findings/meeting': { reads: 1, writes: 1 },
  'POST /inspections/{id}/findings/meeting refused': { reads: 2, writes: 1 },
  // Stage 7: one page, its lists as files; a form refused by the write
  // (the stage is not open) reads the page again.
  'GET /inspections/{id}/media': { reads: 2, writes: 0 },
  'GET /inspections/{id}/distribution-lists.csv': { reads: 2, writes: 0 },
  'GET /api/v1/inspections/{id}/distribution-lists': { reads: 2, writes: 0 },
  'POST /inspections/{id}/media/activity refused': { reads: 2, writes: 1 },
};

let server;
let admin;  // bearer, for setting up
let secretariat;  // the administrator's session, as a browser has it
let representative;  // HMICFRS's representative's session
let visitor;  // nobody signed in, as the public form has them (a pre-session cookie)
const ids = {};

function countsOf(res) {
  const header = res.headers.get('x-jointly-transactions');
  assert.ok(header, 'the server sends X-Jointly-Transactions under --count-transactions');
  const m = header.match(/^reads=(\d+) writes=(\d+)$/);
  assert.ok(m, header);
  return { reads: Number(m[1]), writes: Number(m[2]) };
}

function form(fields) {
  return [new URLSearchParams(fields).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' }];
}

async function waitForRun(id) {
  for (let i = 0; i < 300; ++i) {
    const run = await admin.get(`/api/v1/optimiser-runs/${id}`);
    if (run.json.state === 'finished' || run.json.state === 'failed') return run.json;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the optimiser run did not finish');
}

before(async () => {
  server = await startServer({ extraArgs: ['--demo', '--count-transactions'] });
  admin = await adminClient(server);
  secretariat = (await signIn(server.base, 'admin@jointly.invalid', ADMIN_PASSWORD)).client;
  const all = await admin.get('/api/v1/inspectorates?limit=100');
  const hmicfrs = all.json.items.find((i) => i.code === 'HMICFRS');
  ids.hmicfrs = hmicfrs.id;
  ids.hmcpsi = all.json.items.find((i) => i.code === 'HMCPSI').id;
  const rep = await userClient(server, admin, 'rep.hmicfrs@example.gov.uk', ['dg_representative'], { inspectorate_id: hmicfrs.id });
  representative = (await signIn(server.base, 'rep.hmicfrs@example.gov.uk', rep.password)).client;

  const proposals = await admin.get('/api/v1/proposals');
  ids.proposal = proposals.json.items[0].id;
  const plans = await admin.get('/api/v1/plans');
  ids.plan = plans.json.items[0].id;
  const set = await admin.get(`/api/v1/criteria-sets/${plans.json.items[0].criteria_set_id}`);
  ids.criteria = set.json.criteria.map((c) => c.id);
  const run = await admin.post(`/api/v1/plans/${ids.plan}/optimiser-runs`, { time_limit_seconds: 5 });
  assert.equal(run.status, 202, run.text);
  ids.run = (await waitForRun(run.json.id)).id;

  const round = await admin.post('/api/v1/consultations', {
    title: 'Joint inspection programme consultation', first_year: 2030, years: 2,
    opens_on: day(-10), deadline: day(20),
    sections: [{ title: 'Thematic inspections', questions: ['Which themes matter most?'] }],
  });
  assert.equal(round.status, 201, round.text);
  ids.consultation = round.json.id;
  const response = await admin.post(`/api/v1/consultations/${ids.consultation}/responses`,
    { name: 'A charity', channel: 'email', received_on: day(0), answers: { 1: 'Victims first' } });
  assert.equal(response.status, 201, response.text);
  await admin.put(`/api/v1/consultation-responses/${response.json.id}/tags`, { proposals: [ids.proposal], topics: ['victims'] });

  const meeting = await admin.post('/api/v1/meetings', {
    body: 'cjcig', held_on: day(0), title: 'CJCIG meeting',
    agenda: [{ title: 'Draft programme', paper: 'Paper 1' }],
  });
  assert.equal(meeting.status, 201, meeting.text);
  ids.meeting = meeting.json.id;
  await admin.post(`/api/v1/meetings/${ids.meeting}/decisions`, { text: 'Keep it', proposal_id: ids.proposal });
  const action = await admin.post(`/api/v1/meetings/${ids.meeting}/actions`, { text: 'Write the paper', owner: 'HMICFRS', due_on: day(7) });
  assert.equal(action.status, 201, action.text);
  ids.action = action.json.id;

  // For the consultation's forms: contacts, the round's consultees and the
  // response it has.
  ids.cj = Object.fromEntries(all.json.items.map((i) => [i.code, i.id]));
  ids.consultees = round.json.consultees.map((c) => c.id);
  ids.response = response.json.id;
  const contact = await admin.post('/api/v1/contacts', { name: 'Policy Lead', organisation: 'A Think Tank', email: 'policy@thinktank.example.org', type: 'academic' });
  assert.equal(contact.status, 201, contact.text);
  ids.contact = contact.json.id;
  const spare = await admin.post('/api/v1/contacts', { name: 'Spare', organisation: 'Nobody', email: 'spare@example.org', type: 'academic' });
  ids.spareContact = spare.json.id;
  visitor = new Client(server.base, { cookie: 'jointly_presession=transactions-test', csrf: 'transactions-test' });

  // A round ready to close, once the page does: its one response answered.
  const summary = await admin.post('/api/v1/consultations', {
    title: 'Summary consultation', first_year: 2032, years: 2, opens_on: day(-10), deadline: day(20),
    sections: [{ title: 'Everything', questions: ['Anything?'] }],
  });
  ids.summary = summary.json.id;
  await openRound(admin, ids.summary);
  const said = await visitor.post(`/api/v1/public/consultations/${ids.summary}/responses`,
    { name: 'Quoted Person', consent_to_publish: true, answers: { 1: 'Look at youth diversion' } });
  assert.equal(said.status, 201, said.text);
  await admin.put(`/api/v1/consultation-responses/${await responseId(admin, ids.summary, said.json.reference)}/tags`, { proposals: [], topics: [], our_response: 'It is in the programme' });

  // The final programme for the round's first year, published (R8), so
  // that what was sent to consultees can be recorded (R9).
  const reps = { HMICFRS: rep };
  for (const code of ['HMCPSI', 'HMIPROBATION', 'HMIPRISONS']) {
    reps[code] = await userClient(server, admin, `rep.${code.toLowerCase()}@example.gov.uk`, ['dg_representative'], { inspectorate_id: ids.cj[code] });
  }
  const final = await admin.post('/api/v1/plans', {
    first_year: 2030, introduction: 'Our joint programme.', min_process_coverage: 0,
    capacity: ['HMICFRS', 'HMCPSI', 'HMIPROBATION', 'HMIPRISONS'].map((code) => ({ inspectorate_id: ids.cj[code], days_per_quarter: 100 })),
  });
  assert.equal(final.status, 201, final.text);
  const work = await admin.post('/api/v1/proposals', {
    title: 'Joint thematic for 2030', summary: 'Remand.', scope_and_purpose: 'Remand in four areas.',
    main_question: 'Is remand fair?', type: 'joint_thematic', duration_quarters: 2,
    participants: [{ inspectorate_id: ids.cj.HMICFRS, involvement: 'lead', effort_days: 50 }, { inspectorate_id: ids.cj.HMCPSI, involvement: 'support', effort_days: 20 }],
    focus: ['bringing_offenders_to_justice', 'victim_and_witness_experience'],
    contributes_to_improvement: true, outcome_focused: true, user_perspective: true,
  });
  assert.equal(work.status, 201, work.text);
  const finalSet = (await admin.get(`/api/v1/criteria-sets/${final.json.criteria_set_id}`)).json;
  await rep.put(`/api/v1/proposals/${work.json.id}/scores`, { scores: Object.fromEntries(finalSet.criteria.map((c) => [String(c.id), 5])) });
  const finalRun = await waitForRun((await admin.post(`/api/v1/plans/${final.json.id}/optimiser-runs`, { time_limit_seconds: 20 })).json.id);
  const adopt = await admin.post(`/api/v1/optimiser-runs/${finalRun.id}/adopt`);
  assert.equal(adopt.status, 201, adopt.text);
  for (const code of Object.keys(reps)) await reps[code].post(`/api/v1/decisions/${adopt.json.id}/responses`, { agree: true });
  await admin.post(`/api/v1/plans/${final.json.id}/send-to-ministers`);
  // Its year was consulted on first (R10).
  const consulted = await admin.post('/api/v1/consultations', {
    title: 'Consultation on 2030-31', first_year: 2030, years: 1, opens_on: day(0), deadline: day(20),
    sections: [{ title: 'Everything', questions: ['Anything?'] }],
  });
  assert.equal(consulted.status, 201, consulted.text);
  assert.equal((await admin.post(`/api/v1/consultations/${consulted.json.id}/open`)).status, 200);
  assert.equal((await admin.post(`/api/v1/consultations/${consulted.json.id}/close`)).status, 200);
  const publishedPlan = await admin.post(`/api/v1/plans/${final.json.id}/publish`);
  assert.equal(publishedPlan.status, 200, publishedPlan.text);

  // For governance: a Development Group meeting to refer from, a reference group.
  const dg = await admin.post('/api/v1/meetings', {
    body: 'development_group', held_on: day(0), title: 'Development Group meeting',
    agenda: [{ title: 'Capacity', paper: '' }],
  });
  assert.equal(dg.status, 201, dg.text);
  ids.dgMeeting = dg.json.id;
  const group = await admin.post('/api/v1/reference-groups', { proposal_id: ids.proposal, name: 'Victims reference group', members: [{ name: 'A Person', organisation: 'Victim Support' }] });
  assert.equal(group.status, 201, group.text);
  ids.group = group.json.id;
});

after(async () => {
  await server?.stop();
});

// Requests `path` as `client`, checks the status and holds the request to
// its ceiling.
async function check(name, client, method, path, status, body, headers) {
  const res = await client.request(method, path, body, headers);
  assert.equal(res.status, status, `${name}: ${res.text.slice(0, 500)}`);
  const counts = countsOf(res);
  const ceiling = CEILINGS[name];
  assert.ok(ceiling, `${name} has no ceiling`);
  process.stdout.write(`# ${name}: reads=${counts.reads} writes=${counts.writes}\n`);
  assert.ok(counts.reads <= ceiling.reads && counts.writes <= ceiling.writes,
    `${name} opened ${counts.reads} read and ${counts.writes} write transactions; ` +
    `its ceiling is ${ceiling.reads} and ${ceiling.writes}`);
  return res;
}

test('the main pages read in one transaction and forms write in one', async () => {
  await check('GET /programme', secretariat, 'GET', '/programme', 200);
  await check('GET /programme filtered', secretariat, 'GET', '/programme?type=joint_thematic&min_score=10&search=a', 200);
  await check('GET /programme/proposals/{id}', secretariat, 'GET', `/programme/proposals/${ids.proposal}`, 200);
  const score = `/programme/proposals/${ids.proposal}/score`;
  await check('GET /programme/proposals/{id}/score', representative, 'GET', score, 200);
  const scores = Object.fromEntries(ids.criteria.map((id) => [`score_${id}`, '3']));
  await check('POST /programme/proposals/{id}/score', representative, 'POST', score, 303, ...form(scores));
  await check('POST /programme/proposals/{id}/score refused', representative, 'POST', score, 400,
    ...form({ ...scores, [`score_${ids.criteria[0]}`]: '9' }));
  await check('GET /plans/{id}', secretariat, 'GET', `/plans/${ids.plan}`, 200);
  await check('GET /runs/{id}', secretariat, 'GET', `/runs/${ids.run}`, 200);
  await check('GET /programme/proposals/new', secretariat, 'GET', '/programme/proposals/new', 200);
  const proposal = { title: 'Rural crime', type: 'joint_thematic', origin: 'inspectorate', duration_quarters: '2',
    [`involvement_${ids.hmicfrs}`]: 'lead', [`effort_${ids.hmicfrs}`]: '40',
    [`involvement_${ids.hmcpsi}`]: 'support', [`effort_${ids.hmcpsi}`]: '20' };
  await check('POST /programme/proposals/new', secretariat, 'POST', '/programme/proposals/new', 303, ...form(proposal));
  await check('POST /programme/proposals/new refused', secretariat, 'POST', '/programme/proposals/new', 400,
    ...form({ ...proposal, title: '', duration_quarters: 'two' }));
  await check('GET /programme/proposals/{id}/edit', secretariat, 'GET', `/programme/proposals/${ids.proposal}/edit`, 200);
  await check('GET /plans/{id}/edit', secretariat, 'GET', `/plans/${ids.plan}/edit`, 200);
  await check('GET /decisions', secretariat, 'GET', '/decisions', 200);
});

// The id at the end of a redirect's address ("...#response-12" gives 12).
function redirectedId(res) {
  return Number(res.headers.get('location').match(/(\d+)$/)[1]);
}

test('the consultation pages read in one transaction and their forms write in one', async () => {
  const round = `/consultations/${ids.consultation}`;
  await check('GET /consultations', secretariat, 'GET', '/consultations', 200);
  await check('GET /consultations/new', secretariat, 'GET', '/consultations/new', 200);
  const newRound = { title: 'A second consultation', first_year: '2031', years: '2', owner: '', opens_on: day(0),
    deadline: workingDay(30), section_1: 'Thematic inspections', questions_1: 'Which themes?' };
  await check('POST /consultations/new', secretariat, 'POST', '/consultations/new', 303, ...form(newRound));
  await check('POST /consultations/new refused', secretariat, 'POST', '/consultations/new', 400,
    ...form({ ...newRound, title: '', first_year: 'soon' }));
  await check('GET /consultations/{id}', secretariat, 'GET', round, 200);

  await check('POST /consultations/{id}/consultees', secretariat, 'POST', `${round}/consultees`, 303,
    ...form({ contact_id: ids.contact, category: 'stakeholder' }));
  await check('POST /consultations/{id}/consultees refused', secretariat, 'POST', `${round}/consultees`, 400,
    ...form({ contact_id: '', category: 'stakeholder' }));
  await check('POST /consultations/{id}/contact', secretariat, 'POST', `${round}/contact`, 303,
    ...form({ attach_consultee_id: ids.consultees[0], attach_contact_id: ids.contact }));
  const stakeholder = (await admin.get(`/api/v1/consultations/${ids.consultation}`)).json.consultees
    .find((c) => c.category === 'stakeholder');
  await check('POST /consultations/{id}/drop', secretariat, 'POST', `${round}/drop`, 303,
    ...form({ drop_consultee_id: stakeholder.id, reason: 'Asked to be left out' }));
  const sending = { sent_on: day(0), method: 'email', what: 'The business plan' };
  await check('POST /consultations/{id}/dispatches', secretariat, 'POST', `${round}/dispatches`, 303,
    ...form({ ...sending, consultee_ids: ids.consultees[0] }));
  await check('POST /consultations/{id}/dispatches refused', secretariat, 'POST', `${round}/dispatches`, 400,
    ...form(sending));
  await check('POST /consultations/{id}/close refused', secretariat, 'POST', `${round}/close`, 409, ...form({}));
  await giveContacts(admin, ids.consultation);
  await check('POST /consultations/{id}/open', secretariat, 'POST', `${round}/open`, 303, ...form({}));

  await check('GET /consultations/{id}/responses', secretariat, 'GET', `${round}/responses`, 200);
  const byPost = { name: 'By post', organisation: 'A charity', channel: 'post', received_on: day(0), answer_1: 'More on victims' };
  const recorded = await check('POST /consultations/{id}/responses/new', secretariat, 'POST', `${round}/responses/new`, 303,
    ...form(byPost));
  await check('POST /consultations/{id}/responses/new refused', secretariat, 'POST', `${round}/responses/new`, 400,
    ...form({ ...byPost, received_on: 'soon' }));
  const tags = `${round}/responses/${ids.response}/tags`;
  await check('POST /consultations/{id}/responses/{id}/tags', secretariat, 'POST', tags, 303,
    ...form({ proposals: ids.proposal, topics: 'victims, youth', our_response: 'It is in the programme' }));
  await check('POST /consultations/{id}/responses/{id}/tags refused', secretariat, 'POST', tags, 400,
    ...form({ topics: Array.from({ length: 21 }, (_, i) => `topic ${i}`).join(', ') }));
  const duplicate = redirectedId(recorded);
  const mark = `${round}/responses/${duplicate}/mark`;
  await check('POST /consultations/{id}/responses/{id}/mark', secretariat, 'POST', mark, 303,
    ...form({ version: '1', status: 'duplicate', note: 'Repeats the e-mail' }));
  const marked = (await admin.get(`/api/v1/consultations/${ids.consultation}/responses`)).json.items
    .find((r) => r.id === duplicate);
  await check('POST /consultations/{id}/responses/{id}/mark refused', secretariat, 'POST', mark, 400,
    ...form({ version: String(marked.version), status: 'spam', note: '' }));

  await check('GET /consultations/{id}/summary', secretariat, 'GET', `${round}/summary`, 200);
  const summary = `/consultations/${ids.summary}`;
  await check('POST /consultations/{id}/close', secretariat, 'POST', `${summary}/close`, 303, ...form({}));
  await check('POST /consultations/{id}/summary/publish', secretariat, 'POST', `${summary}/summary/publish`, 303, ...form({}));
  await check('GET /consultations/{id}/summary public', visitor, 'GET', `${summary}/summary`, 200);

  await check('GET /consultations/{id}/respond', visitor, 'GET', `${round}/respond`, 200);
  await check('GET / public', visitor, 'GET', '/', 200);
  for (const path of ['/business-plans', '/open-consultations', '/you-said-we-did', '/inspections-in-progress',
    '/reports', '/sitemap.xml']) {
    await check(`GET ${path}`, visitor, 'GET', path, 200);
  }
  await check('GET /search', visitor, 'GET', '/search?q=joint+inspection', 200);
  await check('GET /feeds/{section}.atom', visitor, 'GET', '/feeds/consultations.atom', 200);
  await check('POST /consultations/{id}/respond', visitor, 'POST', `${round}/respond`, 303,
    ...form({ name: 'A member of the public', answer_1: 'Victims first, always' }));
  await check('POST /consultations/{id}/respond refused', visitor, 'POST', `${round}/respond`, 400,
    ...form({ name: '', answer_1: '' }));
});

test('the contact pages read in one transaction and their forms write in one', async () => {
  await check('GET /contacts', secretariat, 'GET', '/contacts', 200);
  const added = { name: 'Another Lead', organisation: 'A University', email: 'lead@university.example.org', type: 'academic' };
  await check('POST /contacts', secretariat, 'POST', '/contacts', 303, ...form(added));
  await check('POST /contacts refused', secretariat, 'POST', '/contacts', 400,
    ...form({ ...added, email: 'not an address' }));
  const edit = `/contacts/${ids.contact}/edit`;
  await check('GET /contacts/{id}/edit', secretariat, 'GET', edit, 200);
  const current = (await admin.get(`/api/v1/contacts/${ids.contact}`)).json;
  const changed = { name: 'Head of Policy', organisation: current.organisation, email: current.email, type: current.type };
  await check('POST /contacts/{id}/edit', secretariat, 'POST', edit, 303,
    ...form({ ...changed, version: String(current.version) }));
  await check('POST /contacts/{id}/edit refused', secretariat, 'POST', edit, 400,
    ...form({ ...changed, name: '', version: String(current.version + 1) }));
  await check('POST /contacts/{id}/edit stale', secretariat, 'POST', edit, 409,
    ...form({ ...changed, organisation: 'Elsewhere', version: String(current.version) }));
  await check('GET /contacts/{id}/delete', secretariat, 'GET', `/contacts/${ids.spareContact}/delete`, 200);
  await check('POST /contacts/{id}/delete', secretariat, 'POST', `/contacts/${ids.spareContact}/delete`, 303,
    ...form({ version: '1' }));
  await check('POST /contacts/{id}/delete refused', secretariat, 'POST', `/contacts/${ids.contact}/delete`, 409,
    ...form({ version: String(current.version + 1) }));
});

test('the governance pages read in one transaction and their forms write in one', async () => {
  await check('GET /governance', secretariat, 'GET', '/governance', 200);
  const rotation = { order_1: ids.cj.HMIPRISONS, order_2: ids.cj.HMICFRS, order_3: ids.cj.HMIPROBATION,
    order_4: ids.cj.HMCPSI, first_year: '2030', reason: 'Agreed at CJCIG' };
  await check('POST /governance/rotation', secretariat, 'POST', '/governance/rotation', 303, ...form(rotation));
  await check('POST /governance/rotation refused', secretariat, 'POST', '/governance/rotation', 400,
    ...form({ ...rotation, reason: '' }));
  const member = { body: 'cjcig', inspectorate_id: ids.hmicfrs, name: 'A Member', role: 'Chief Inspector' };
  await check('POST /governance/members', secretariat, 'POST', '/governance/members', 303, ...form(member));
  await check('POST /governance/members refused', secretariat, 'POST', '/governance/members', 400,
    ...form({ ...member, name: '' }));
  const sitting = (await admin.get('/api/v1/governance')).json.members.find((m) => m.name === 'A Member');
  const memberEdit = `/governance/members/${sitting.id}/edit`;
  await check('GET /governance/members/{id}/edit', secretariat, 'GET', memberEdit, 200);
  const changedMember = { ...member, role: 'Deputy Chief Inspector', active: 'yes' };
  await check('POST /governance/members/{id}/edit', secretariat, 'POST', memberEdit, 303,
    ...form({ ...changedMember, version: String(sitting.version) }));
  await check('POST /governance/members/{id}/edit refused', secretariat, 'POST', memberEdit, 400,
    ...form({ ...changedMember, name: '', version: String(sitting.version + 1) }));
  await check('POST /governance/members/{id}/edit stale', secretariat, 'POST', memberEdit, 409,
    ...form({ ...changedMember, version: String(sitting.version) }));
  const meeting = { meeting_body: 'cjcig', title: 'Another CJCIG meeting', held_on: day(0), agenda: 'Draft programme | Paper 2' };
  await check('POST /governance/meetings', secretariat, 'POST', '/governance/meetings', 303, ...form(meeting));
  await check('POST /governance/meetings refused', secretariat, 'POST', '/governance/meetings', 400,
    ...form({ ...meeting, title: '' }));
  const group = { proposal_id: ids.proposal, group_name: 'Youth reference group', group_members: 'A Person, A charity' };
  await check('POST /governance/reference-groups', secretariat, 'POST', '/governance/reference-groups', 303, ...form(group));
  await check('POST /governance/reference-groups refused', secretariat, 'POST', '/governance/reference-groups', 400,
    ...form({ ...group, group_name: '' }));
  const advice = `/governance/reference-groups/${ids.group}/advice`;
  await check('POST /governance/reference-groups/{id}/advice', secretariat, 'POST', advice, 303,
    ...form({ met_on: day(0), advice: 'Include online fraud' }));
  await check('POST /governance/reference-groups/{id}/advice refused', secretariat, 'POST', advice, 400,
    ...form({ met_on: day(0), advice: '' }));

  const cjcig = `/governance/meetings/${ids.meeting}`;
  const dg = `/governance/meetings/${ids.dgMeeting}`;
  await check('GET /governance/meetings/{id}', secretariat, 'GET', cjcig, 200);
  await check('POST /governance/meetings/{id}/decisions', secretariat, 'POST', `${cjcig}/decisions`, 303,
    ...form({ text: 'Keep it again', proposal_id: ids.proposal }));
  await check('POST /governance/meetings/{id}/decisions refused', secretariat, 'POST', `${cjcig}/decisions`, 400,
    ...form({ text: '' }));
  const action = { action_text: 'Write another paper', owner: 'HMCPSI', due_on: day(14) };
  await check('POST /governance/meetings/{id}/actions', secretariat, 'POST', `${cjcig}/actions`, 303, ...form(action));
  await check('POST /governance/meetings/{id}/actions refused', secretariat, 'POST', `${cjcig}/actions`, 400,
    ...form({ ...action, action_text: '' }));
  const done = `${cjcig}/actions/${ids.action}/done`;
  await check('POST /governance/meetings/{id}/actions/{id}/done', secretariat, 'POST', done, 303, ...form({ version: '1' }));
  await check('POST /governance/meetings/{id}/actions/{id}/done stale', secretariat, 'POST', done, 409, ...form({ version: '1' }));
  const referral = { subject: 'Capacity for 2031-32', detail: 'Demand exceeds capacity' };
  await check('POST /governance/meetings/{id}/referrals', secretariat, 'POST', `${dg}/referrals`, 303, ...form(referral));
  await check('POST /governance/meetings/{id}/referrals refused', secretariat, 'POST', `${cjcig}/referrals`, 409, ...form(referral));
  const referred = (await admin.get(`/api/v1/meetings/${ids.dgMeeting}`)).json.referred[0].id;
  const decision = `${cjcig}/referrals/${referred}/decision`;
  await check('POST /governance/meetings/{id}/referrals/{id}/decision refused', secretariat, 'POST', decision, 400,
    ...form({ decision: ' ' }));
  await check('POST /governance/meetings/{id}/referrals/{id}/decision', secretariat, 'POST', decision, 303,
    ...form({ decision: 'Defer one thematic' }));
});

test('the sites pages read in one transaction and their forms write in one', async () => {
  const demo = (await admin.get('/api/v1/inspections')).json.items.find((i) => i.title === 'Hate crime');
  const view = (await admin.get(`/api/v1/inspections/${demo.id}`)).json;
  const kent = view.letters.find((l) => l.addressee === 'Chief Constable, Kent Police');
  const site = view.sites.find((x) => x.id === kent.site_id);
  const base = `/inspections/${demo.id}`;
  await check('GET /inspections/{id}/sites', secretariat, 'GET', `${base}/sites`, 200);
  const withdraw = `${base}/letters/${kent.id}/withdraw`;
  await check('GET /inspections/{id}/letters/{id}/withdraw', secretariat, 'GET', withdraw, 200);
  await check('POST /inspections/{id}/letters/{id}/withdraw refused', secretariat, 'POST', withdraw, 400, ...form({ reason: '' }));
  await check('POST /inspections/{id}/letters/{id}/withdraw', secretariat, 'POST', withdraw, 303, ...form({ reason: 'Fieldwork moves' }));
  const change = `${base}/sites/${site.id}`;
  await check('GET /inspections/{id}/sites/{id}', secretariat, 'GET', change, 200);
  const typed = {
    version: String(site.version), body_id: String(site.body_id), why: site.why,
    'fieldwork_starts_on-day': '9', 'fieldwork_starts_on-month': '10', 'fieldwork_starts_on-year': '2017',
    'fieldwork_ends_on-day': '', 'fieldwork_ends_on-month': '', 'fieldwork_ends_on-year': '',
  };
  await check('POST /inspections/{id}/sites/{id} refused', secretariat, 'POST', change, 400,
    ...form({ ...typed, 'fieldwork_starts_on-day': '31', 'fieldwork_starts_on-month': '2' }));
  await check('POST /inspections/{id}/sites/{id}', secretariat, 'POST', change, 303, ...form(typed));
});

test('the emerging-findings page reads in one transaction and its form writes in one', async () => {
  const demo = (await admin.get('/api/v1/inspections')).json.items.find((i) => i.title === 'Hate crime');
  const view = (await admin.get(`/api/v1/inspections/${demo.id}`)).json;
  const base = `/inspections/${demo.id}`;
  await check('GET /inspections/{id}/findings', secretariat, 'GET', `${base}/findings`, 200);
  await check('GET /inspections/{id}/evaluation', secretariat, 'GET', `${base}/evaluation`, 200);
  await check('GET /inspections/{id}/lessons/new', secretariat, 'GET', `${base}/lessons/new`, 200);
  await check('POST /inspections/{id}/lessons refused', secretariat, 'POST', `${base}/lessons`, 400,
    ...form({ theme: 'evidence', stage: 'fieldwork', learned: '', differently: '' }));
  await check('GET /lessons', secretariat, 'GET', '/lessons?theme=evidence', 200);
  await check('GET /lessons.csv', secretariat, 'GET', '/lessons.csv', 200);
  const m = view.findings_meeting;
  const [year, month, dayOf] = m.held_on.split('-');
  const typed = {
    version: String(m.version), 'held_on-day': String(Number(dayOf)), 'held_on-month': String(Number(month)),
    'held_on-year': year, dg_involvement: m.dg_involvement, sharing: m.sharing, shared: m.shared,
  };
  await check('POST /inspections/{id}/findings/meeting refused', secretariat, 'POST', `${base}/findings/meeting`, 400,
    ...form({ ...typed, 'held_on-day': '31', 'held_on-month': '2' }));
  await check('POST /inspections/{id}/findings/meeting', secretariat, 'POST', `${base}/findings/meeting`, 303, ...form(typed));
});

test('the draft report reads in one transaction, as a page or a file', async () => {
  const demo = (await admin.get('/api/v1/inspections')).json.items.find((i) => i.title === 'Hate crime');
  const base = `/inspections/${demo.id}/report`;
  await check('GET /inspections/{id}/report/document', secretariat, 'GET', `${base}/document`, 200);
  await check('GET /inspections/{id}/report/report.docx', secretariat, 'GET', `${base}/report.docx`, 200);
  await check('GET /inspections/{id}/report/report.pdf', secretariat, 'GET', `${base}/report.pdf`, 200);
  await check('GET /api/v1/inspections/{id}/report.docx', admin, 'GET', `/api/v1/inspections/${demo.id}/report.docx`, 200);
});

test('the retention page reads in one transaction and its form writes in one', async () => {
  const demo = (await admin.get('/api/v1/inspections')).json.items.find((i) => i.title === 'Hate crime');
  const lead = (await admin.get(`/api/v1/inspections/${demo.id}`)).json.inspection.lead_inspectorate_id;
  const base = `/inspections/${demo.id}/retention`;
  await check('GET /inspections/{id}/retention', secretariat, 'GET', base, 200);
  const typed = { version: '0', 'published_on-day': '31', 'published_on-month': '2', 'published_on-year': '2027' };
  await check('POST /inspections/{id}/retention/agreement refused', secretariat, 'POST', `${base}/agreement`, 400, ...form(typed));
  await check('POST /inspections/{id}/retention/agreement', secretariat, 'POST', `${base}/agreement`, 303,
    ...form({ ...typed, 'published_on-day': '1', 'published_on-month': '3' }));
  await check('GET /retention-due', secretariat, 'GET', `/retention-due?inspectorate=${lead}&limit=5`, 200);
});

test('the publication and media page reads in one transaction', async () => {
  const demo = (await admin.get('/api/v1/inspections')).json.items.find((i) => i.title === 'Hate crime');
  const base = `/inspections/${demo.id}`;
  await check('GET /inspections/{id}/media', secretariat, 'GET', `${base}/media`, 200);
  await check('GET /inspections/{id}/distribution-lists.csv', secretariat, 'GET', `${base}/distribution-lists.csv`, 200);
  await check('GET /api/v1/inspections/{id}/distribution-lists', admin, 'GET', `/api/v1/inspections/${demo.id}/distribution-lists`, 200);
  await check('POST /inspections/{id}/media/activity refused', secretariat, 'POST', `${base}/media/activity`, 409,
    ...form({ activity: 'launch_event', 'held_on-day': '1', 'held_on-month': '6', 'held_on-year': '2027', led_by: 'HM Chief Inspector', details: '' }));
});

test('without --count-transactions the server sends no count', async () => {
  const plain = await startServer();
  try {
    const res = await fetch(plain.base + '/programme', { redirect: 'manual' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('x-jointly-transactions'), null);
  } finally {
    await plain.stop();
  }
});
