// Each person's home page in Chromium: what to do next for an administrator,
// a Development Group representative and a lead inspector, and the menu of
// core areas on one row at desktop width and behind "Menu" on a phone.
// axe-core on every page, at 1280 and 375 pixels wide.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage } from '../support/browser.mjs';
import { startServer, adminClient, userClient, isoDay as day, ADMIN_PASSWORD, openRound } from '../support/server.mjs';

let server;
let browser;
let admin;
const people = {};
const made = {};

before(async () => {
  server = await startServer({ extraArgs: ['--demo'] });
  admin = await adminClient(server);
  browser = await launchBrowser();
  const all = (await admin.get('/api/v1/inspectorates?limit=100')).json.items;
  const id = (code) => all.find((i) => i.code === code).id;
  const rep = await userClient(server, admin, 'home.rep@example.gov.uk', ['dg_representative'], { inspectorate_id: id('HMICFRS') });
  const lead = await userClient(server, admin, 'home.lead@example.gov.uk', ['lead_inspector'], { inspectorate_id: id('HMICFRS') });
  people.rep = { email: 'home.rep@example.gov.uk', password: rep.password };
  people.lead = { email: 'home.lead@example.gov.uk', password: lead.password };
  people.admin = { email: 'admin@jointly.invalid', password: ADMIN_PASSWORD };

  // A proposal nobody has scored, and a joint decision on it awaiting the
  // representative's inspectorate.
  const proposal = await admin.post('/api/v1/proposals', {
    title: 'Home page proposal on remand', type: 'joint_thematic', duration_quarters: 2,
    participants: [{ inspectorate_id: id('HMICFRS'), involvement: 'lead', effort_days: 40 },
      { inspectorate_id: id('HMCPSI'), involvement: 'support', effort_days: 20 }],
  });
  assert.equal(proposal.status, 201, proposal.text);
  made.proposal = proposal.json.id;
  const forced = await admin.post(`/api/v1/proposals/${made.proposal}/force`, { forced: 'in', reason: 'CJ Ministers asked for it' });
  assert.ok(forced.status < 300, forced.text);

  // Another the administrator asked to force in, which the representative's
  // inspectorate declined.
  const refused = await admin.post('/api/v1/proposals', {
    title: 'Home page proposal on youth custody', type: 'joint_thematic', duration_quarters: 2,
    participants: [{ inspectorate_id: id('HMICFRS'), involvement: 'lead', effort_days: 40 },
      { inspectorate_id: id('HMCPSI'), involvement: 'support', effort_days: 20 }],
  });
  const asked = await admin.post(`/api/v1/proposals/${refused.json.id}/force`, { forced: 'in', reason: 'A Minister asked for it' });
  assert.ok(asked.status < 300, asked.text);
  const no = await rep.post(`/api/v1/decisions/${asked.json.id}/responses`, { agree: false, reason: 'Our inspectors are committed to the custody review.' });
  assert.equal(no.status, 201, no.text);

  // A consultation closing in ten days.
  const round = await admin.post('/api/v1/consultations', {
    title: 'Home page consultation', first_year: 2036, years: 2, opens_on: day(-1), deadline: day(10),
    sections: [{ title: 'Core', questions: ['Right areas?'] }],
  });
  await openRound(admin, round.json.id);

  // A task due on the demo inspection, with the lead inspector on its team.
  const inspection = (await admin.get('/api/v1/inspections')).json.items.find((i) => /Hate crime/.test(i.title));
  const users = (await admin.get('/api/v1/users?limit=100')).json.items;
  const leadId = users.find((u) => u.email === people.lead.email).id;
  const appointed = await admin.post(`/api/v1/inspections/${inspection.id}/team`, { user_id: leadId, inspectorate_id: id('HMICFRS'), role: 'team_member' });
  assert.equal(appointed.status, 201, appointed.text);
  // Theirs; another owned by someone else on the team.
  const task = await admin.post(`/api/v1/inspections/${inspection.id}/tasks`, { title: 'Brief the fieldwork team', owner_user_id: leadId, due_on: day(5) });
  assert.equal(task.status, 201, task.text);
  const cpsLead = users.find((u) => u.email === 'lead.hmcpsi@jointly.invalid').id;
  const others = await admin.post(`/api/v1/inspections/${inspection.id}/tasks`, { title: 'Book the rooms in Kent', owner_user_id: cpsLead, due_on: day(4) });
  assert.equal(others.status, 201, others.text);

  // A governance action due in three days.
  const meeting = await admin.post('/api/v1/meetings', { body: 'cjcig', held_on: day(0), title: 'Home page meeting', agenda: [{ title: 'Programme' }] });
  const action = await admin.post(`/api/v1/meetings/${meeting.json.id}/actions`, { text: 'Circulate the draft programme', owner: 'Secretariat', due_on: day(3) });
  assert.equal(action.status, 201, action.text);
  // The representative sits on the Development Group under the name the
  // minutes use, not the one they signed up with; an action names them so.
  const member = await admin.post('/api/v1/governance/members', { body: 'development_group', inspectorate_id: id('HMICFRS'), name: 'Priya Homerep', role: 'Head of Joint Work', email: 'Home.Rep@example.gov.uk' });
  assert.equal(member.status, 201, member.text);
  const theirs = await admin.post(`/api/v1/meetings/${meeting.json.id}/actions`, { text: 'Brief the HMICFRS board on remand', owner: ' priya homerep ', due_on: day(6) });
  assert.equal(theirs.status, 201, theirs.text);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function homeOf(who, width) {
  const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
  await page.goto(server.base + '/sign-in');
  await page.fill('#email', people[who].email);
  await page.fill('#password', people[who].password);
  await page.click('button:has-text("Sign in")');
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await page.goto(server.base + '/');
  return page;
}

// The menu's items all sit on one row (desktop), or the menu is folded
// behind its toggle (phone).
async function menuFits(page, width) {
  const tops = await page.locator('.govuk-service-navigation__item').evaluateAll(
    (items) => items.filter((i) => i.offsetParent !== null).map((i) => Math.round(i.getBoundingClientRect().top)));
  if (width >= 1000) {
    assert.ok(tops.length >= 6, `every core area is in the menu: ${tops.length}`);
    assert.equal(new Set(tops).size, 1, `the menu is on one row: ${tops}`);
  } else {
    assert.ok(await page.locator('.govuk-service-navigation__toggle').isVisible(), 'the menu folds behind its toggle on a phone');
  }
}

for (const width of [1280, 375]) {
  test(`the administrator's home says what to do next and leads to every area (${width} px)`, async () => {
    const page = await homeOf('admin', width);
    const main = await page.locator('main').innerText();
    assert.match(main, /What to do next/);
    assert.match(main, /Governance actions due[\s\S]*Circulate the draft programme/);
    // What the administrator asked that was declined: what, who and why.
    assert.match(main, /What you asked that was declined\s+Declined: Force into the programme: Home page proposal on youth custody\s+Test home\.rep@example\.gov\.uk declined for HMICFRS: Our inspectors are committed to the custody review\.\s+Change it and ask again/);
    assert.match(main, /Home page consultation[\s\S]*Closing soon/);
    assert.match(main, /Closes at the end of [A-Z][a-z]+ \d{1,2} [A-Z][a-z]+ \d{4}/, 'dates in words');
    for (const area of ['Long-list', 'Plans', 'Inspections', 'Decisions', 'Consultations', 'Governance', 'Users', 'Audit trail', 'Inspected bodies']) {
      assert.ok(await page.locator(`main a:has-text("${area}")`).count() > 0, `a route to ${area}`);
    }
    await menuFits(page, width);
    await checkPage(page, `h01-home-administrator-${width}`);
    await page.context().close();
  });

  test(`a representative's home lists the decisions awaiting their inspectorate and what it has not scored (${width} px)`, async () => {
    const page = await homeOf('rep', width);
    const main = await page.locator('main').innerText();
    assert.match(main, /Development Group representative for HMICFRS/);
    assert.match(main, /Decisions awaiting your inspectorate[\s\S]*Home page proposal on remand/);
    assert.match(main, /Score Home page proposal on remand/);
    assert.match(main, /Your governance actions\s+Brief the HMICFRS board on remand/, 'action_owner_matches_a_member_by_the_name_recorded_with_their_e_mail');
    assert.doesNotMatch(main, /Governance actions due|Users/, 'only what the role does');
    await menuFits(page, width);
    await checkPage(page, `h02-home-representative-${width}`);
    if (width === 1280) {
      await page.click('a:has-text("Score Home page proposal on remand")');
      assert.match(page.url(), new RegExp(`/programme/proposals/${made.proposal}/score$`));
    }
    await page.context().close();
  });

  test(`a lead inspector's home lists their own inspection tasks due, and others' apart (${width} px)`, async () => {
    const page = await homeOf('lead', width);
    const main = await page.locator('main').innerText();
    // Their own task under their tasks; another's apart, with its owner.
    assert.match(main, /Your inspection tasks due\s+Brief the fieldwork team/);
    assert.doesNotMatch(main, /Your inspection tasks due[^]*Book the rooms in Kent[^]*Others' tasks due/);
    assert.match(main, /Others' tasks due on your inspections[\s\S]*Book the rooms in Kent[\s\S]*owner HMCPSI lead inspector \(HMCPSI\)/);
    assert.match(main, /Hate crime/);
    // The demo's published report: the one recommendation whose owner has
    // not responded is overdue for their inspectorate, the others are not.
    assert.match(main, /Recommendation 1 of Joint inspection of Modern slavery and human trafficking\s+Response overdue\s+Home Office; due (Tuesday )?10 April 2018/);
    assert.doesNotMatch(main, /Recommendation [23] of Joint inspection of Modern slavery/);
    assert.doesNotMatch(main, /Decisions awaiting your inspectorate|not scored/);
    await menuFits(page, width);
    await checkPage(page, `h03-home-lead-inspector-${width}`);
    if (width === 1280) {
      await page.click('a:has-text("Brief the fieldwork team")');
      assert.match(page.url(), /\/inspections\/\d+\/plan$/);
    }
    await page.context().close();
  });
}

test('the demo report of modern slavery is on the public website, and its three recommendations on the lead inspector\'s tracker', async () => {
  const pub = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await pub.goto(server.base + '/reports');
  await pub.click('a:has-text("Joint inspection of Modern slavery and human trafficking")');
  const report = await pub.locator('main').innerText();
  assert.match(report, /published on 13 February 2018/);
  assert.match(report, /Recommendation 1[\s\S]*Recommendation 2[\s\S]*Recommendation 3/);
  await checkPage(pub, 'h04-demo-published-report');
  await pub.context().close();

  const page = await homeOf('lead', 1280);
  await page.click('a:has-text("Recommendation 1 of Joint inspection of Modern slavery")');
  const item = await page.locator('main').innerText();
  assert.match(item, /Home Office/);
  await checkPage(page, 'h05-demo-overdue-recommendation');
  await page.goto(server.base + '/tracker');
  const tracker = await page.locator('main').innerText();
  for (const owner of ['Home Office', 'West Yorkshire Police', 'CPS Yorkshire and Humberside']) {
    assert.match(tracker, new RegExp(owner), owner);
  }
  await checkPage(page, 'h06-demo-tracker');
  await page.context().close();
});
