// Running a joint inspection in Chromium, stages 1 to 4: the demo's
// inspection of hate crime, then a new one started from the programme, its
// team named, its terms of reference drafted (every error at once, what was
// typed kept, a very long background, saved unchanged), a method, the
// timetable, a site and its letter, the fieldwork page and the shared
// evidence register as an inspector on the team, the public page, and
// sites proposed from data and the data imported to propose them from.
// axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage, fillDate, demoPerson as demoPersonIn, adminPage, demoInspection } from '../support/browser.mjs';
import { startServer, adminClient, userClient } from '../support/server.mjs';

let server;
let browser;
let page;
let admin;

before(async () => {
  server = await startServer({ extraArgs: ['--demo'] });
  admin = await adminClient(server);
  browser = await launchBrowser();
  page = await adminPage(browser, server);
});

// Chooses the option whose words match `pattern` (on `on`, the
// administrator's page unless said).
async function choose(select, pattern, on = page) {
  const labels = await on.locator(`${select} option`).allInnerTexts();
  const label = labels.find((l) => pattern.test(l));
  assert.ok(label, `no option like ${pattern} in ${select}`);
  await on.selectOption(select, { label });
}

// A new inspector (of HMICFRS unless `code` says), named to the demo
// inspection's team and signed in on a page of their own; `inspector` is
// their API client.
async function inspectorOnTheDemoTeam(email, code = 'HMICFRS') {
  const inspectorates = await admin.get('/api/v1/inspectorates?limit=100');
  const police = inspectorates.json.items.find((i) => i.code === code);
  const inspector = await userClient(server, admin, email, ['inspector'], { inspectorate_id: police.id });
  const me = await inspector.get('/api/v1/me');
  const demo = await demoInspection(admin);
  const named = await admin.post(`/api/v1/inspections/${demo.id}/team`, { user_id: me.json.id, inspectorate_id: police.id, role: 'team_member' });
  assert.equal(named.status, 201, named.text);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  await p.goto(server.base + '/sign-in');
  await p.fill('#email', email);
  await p.fill('#password', inspector.password);
  await p.click('button:has-text("Sign in")');
  await p.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return { context, p, url: `${server.base}/inspections/${demo.id}`, demo, inspector };
}

const demoPerson = (email) => demoPersonIn(browser, server, admin, email);

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the demo inspection shows its stages, team, terms, timetable and plan', async () => {
  await page.goto(server.base + '/inspections');
  await checkPage(page, 'i01-inspections');
  await page.click('a:has-text("Hate crime")');
  await checkPage(page, 'i02-overview');
  const main = await page.locator('main').innerText();
  assert.match(main, /Planning, scope and methodology/);
  assert.match(main, /Agreed by every inspectorate/);
  for (const [link, name, expect] of [
    ['Team', 'i03-team', /HMCPSI lead inspector/],
    ['Terms of reference', 'i04-terms', /judges the CPS's decisions as a whole/],
    ['Timetable', 'i05-timetable', /Fieldwork: South Wales Police/],
    ['Project plan', 'i06-plan', /Send commissioning letters/],
  ]) {
    await page.click(`nav[aria-label="Parts of this inspection"] a:has-text("${link}")`);
    await checkPage(page, name);
    assert.match(await page.locator('main').innerText(), expect);
  }
});

test('the project plan\'s task form: every error at once, the owner chosen from the team, saved unchanged keeps every field', async () => {
  await page.goto(server.base + '/inspections');
  await page.click('a:has-text("Hate crime")');
  await page.click('nav[aria-label="Parts of this inspection"] a:has-text("Project plan")');
  const plan = page.url();
  // The demo's tasks are owned by a person, shown with their inspectorate.
  assert.match(await page.locator('main table').innerText(), /Send commissioning letters\s+HMICFRS lead inspector \(HMICFRS\)/);
  await page.fill('#title', 'Book the debrief rooms');
  await page.click('button:has-text("Add the task")');
  await page.locator('.govuk-error-summary').waitFor();
  const errors = await page.locator('.govuk-error-summary li').allInnerTexts();
  assert.ok(errors.some((e) => /Choose who owns the task/.test(e)), errors.join());
  assert.ok(errors.some((e) => /when it is due/i.test(e)), errors.join());
  assert.equal(await page.locator('#title').inputValue(), 'Book the debrief rooms', 'what was typed is kept');
  // Only people on the team are offered, each with their inspectorate.
  const offered = await page.locator('#owner_user_id option').allInnerTexts();
  assert.ok(offered.includes('HMCPSI lead inspector (HMCPSI)'), offered.join());
  assert.ok(!offered.some((o) => /^Administrator/.test(o)), offered.join());
  await checkPage(page, 'i06b-plan-task-error');
  await choose('#owner_user_id', /^HMCPSI lead inspector \(HMCPSI\)$/);
  await fillDate(page, 'due_on', '2027-03-15');
  await page.click('button:has-text("Add the task")');
  await page.waitForURL(/\/plan(\?done=[\w-]+)?$/);
  const row = page.locator('tr', { hasText: 'Book the debrief rooms' });
  assert.match(await row.innerText(), /HMCPSI lead inspector \(HMCPSI\)\s+(\w+ )?15 March 2027/);
  // Its own page: saved unchanged, every field stays and the version too.
  await row.locator('a:has-text("Change")').click();
  await page.waitForURL(/\/tasks\/\d+$/);
  await checkPage(page, 'i06c-task-change');
  const fields = async () => ({
    title: await page.locator('#title').inputValue(),
    owner: await page.locator('#owner_user_id').inputValue(),
    day: await page.locator('#due_on').inputValue(),
    month: await page.locator('#due_on-month').inputValue(),
    year: await page.locator('#due_on-year').inputValue(),
    status: await page.locator('#status').inputValue(),
    version: await page.locator('input[name=version]').inputValue(),
  });
  const before = await fields();
  assert.equal(before.title, 'Book the debrief rooms');
  assert.notEqual(before.owner, '');
  const taskPage = page.url();
  await page.click('button:has-text("Save the task")');
  await page.waitForURL(/\/plan(\?done=[\w-]+)?$/);
  assert.match(await page.locator('#notice').innerText(), /You made no changes/);
  await page.goto(taskPage);
  assert.deepEqual(await fields(), before, 'saved unchanged: every field and the version stay');
  // Sent empty and with a date that does not exist: every error at once, at its field, what was typed kept.
  await page.fill('#title', '');
  await page.selectOption('#owner_user_id', '');
  await page.fill('#due_on', '31');
  await page.fill('#due_on-month', '2');
  await page.fill('#due_on-year', '2027');
  await page.click('button:has-text("Save the task")');
  await page.locator('.govuk-error-summary').waitFor();
  const changeErrors = await page.locator('.govuk-error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const field of ['#title', '#owner_user_id', '#due_on']) assert.ok(changeErrors.includes(field), `${field} in ${changeErrors}`);
  assert.equal(await page.locator('#due_on').inputValue(), '31');
  assert.equal(await page.locator('#due_on-month').inputValue(), '2');
  await checkPage(page, 'i06d-task-change-errors');
  // 20,000 characters: refused at the title, kept whole.
  const long = 'a'.repeat(20000);
  await page.fill('#title', long);
  await page.click('button:has-text("Save the task")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /characters or fewer/);
  assert.equal((await page.locator('#title').inputValue()).length, 20000);
  await page.goto(taskPage);
  assert.deepEqual(await fields(), before, 'nothing refused was saved');
  // Handed to someone else on the team and marked in progress.
  await choose('#owner_user_id', /^HMICFRS lead inspector \(HMICFRS\)$/);
  await page.selectOption('#status', 'in_progress');
  await page.click('button:has-text("Save the task")');
  await page.waitForURL(plan.replace(/[?#].*$/, '') + '?done=task-saved');
  assert.match(await page.locator('tr', { hasText: 'Book the debrief rooms' }).innerText(), /HMICFRS lead inspector \(HMICFRS\)/);
});

test('not_on_team_the_demo_legal_inspector_whose_evidence_is_on_the_inspection_finds_it_on_the_list_and_opens_it', async () => {
  const { context, p } = await demoPerson('inspector.hmcpsi@jointly.invalid');
  await p.goto(server.base + '/inspections');
  const list = await p.locator('main').innerText();
  assert.doesNotMatch(list, /No inspection you can see/);
  await checkPage(p, 'i00-inspections-as-demo-inspector');
  await p.click('a:has-text("Hate crime")');
  assert.match(await p.locator('h1').innerText(), /Hate crime/);
  await p.goto(p.url().replace(/\/?$/, '') + '/team');
  assert.match(await p.locator('main').innerText(), /HMCPSI legal inspector/);
  await context.close();
});

test('the demo HMCPSI lead\'s home lists the HMICFRS lead\'s tasks apart from what is theirs to do next', async () => {
  const { context, p } = await demoPerson('lead.hmcpsi@jointly.invalid');
  const main = await p.locator('main').innerText();
  assert.doesNotMatch(main, /Your inspection tasks due/);
  assert.match(main, /Others' tasks due on your inspections[\s\S]*owner HMICFRS lead inspector \(HMICFRS\)/);
  await checkPage(p, 'i00-home-demo-hmcpsi-lead');
  await context.close();
  // The HMICFRS lead's own, as the person who owns them.
  const police = await demoPerson('lead.hmicfrs@jointly.invalid');
  assert.match(await police.p.locator('main').innerText(), /Your inspection tasks due/);
  await police.context.close();
});

test('a new inspection: team first, then terms of reference with every error at once', async () => {
  await page.goto(server.base + '/inspections');
  await page.click('button:has-text("Start the inspection")');
  await page.locator('.govuk-error-summary').waitFor();
  await checkPage(page, 'i07-start-error');
  await choose('#proposal_id', /^Review of National Crime Agency/);
  await page.click('button:has-text("Start the inspection")');
  await page.waitForURL(/\/team$/);
  const url = page.url().replace(/\/team$/, '');

  // The terms wait for the leads (R12).
  await page.goto(url + '/terms');
  assert.match(await page.locator('main').innerText(), /once every participating inspectorate has named/);
  await page.goto(url + '/team');
  await page.click('button:has-text("Name to the team")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.equal(await page.locator('.govuk-error-summary li').count(), 1);
  for (const [who, role] of [
    ['HMICFRS lead inspector', 'lead_inspector'],
    ['HMICFRS Portfolio Director', 'senior_overseer'],
    ['HMCPSI lead inspector', 'lead_inspector'],
    ['HMCPSI Deputy Chief Inspector', 'senior_overseer'],
  ]) {
    await choose('#user_id', new RegExp(`^${who}`));
    await page.selectOption('#role', role);
    await page.click('button:has-text("Name to the team")');
    await page.waitForURL(/\/team(\?done=[\w-]+)?$/);
  }
  await checkPage(page, 'i08-team-named');
  // Replacing a lead without a reason is refused, the choice kept.
  await choose('#user_id', /^HMCPSI Development Group/);
  await page.selectOption('#role', 'lead_inspector');
  await page.click('button:has-text("Name to the team")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('#reason-error').innerText(), /Say why/);
  assert.equal(await page.locator('#role').inputValue(), 'lead_inspector');
  await checkPage(page, 'i09-team-reason');

  await page.goto(url + '/terms');
  const long = 'Why now. '.repeat(2222).slice(0, 20000);
  await page.fill('#background', long);
  await page.fill('#question', 'Q'.repeat(20001));
  await page.click('button:has-text("Save the terms of reference")');
  await page.locator('.govuk-error-summary').waitFor();
  await checkPage(page, 'i10-terms-error');
  assert.equal(await page.locator('#background').inputValue(), long, 'what was typed is kept');
  assert.match(await page.locator('#question-error').innerText(), /Shorten the main inspection question to 20,000 characters or fewer/);
  await page.fill('#question', 'How well is modern slavery tackled?');
  await page.click('button:has-text("Save the terms of reference")');
  await page.waitForURL(/\/terms(\?done=[\w-]+)?$/);
  assert.equal(await page.locator('#background').inputValue(), long);
  // Saved unchanged, nothing changes: the same version.
  const version = await page.locator('input[name=version]').first().inputValue();
  await page.click('button:has-text("Save the terms of reference")');
  await page.waitForURL(/\/terms(\?done=[\w-]+)?$/);
  assert.equal(await page.locator('input[name=version]').first().inputValue(), version);
  assert.match(await page.locator('#notice').innerText(), /You made no changes/);
  assert.equal(await page.locator('#question').inputValue(), 'How well is modern slavery tackled?');

  // A method: every error at once.
  await page.click('summary:has-text("Add a method")');
  await page.click('button:has-text("Add the method")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.ok(await page.locator('.govuk-error-summary li').count() >= 2);
  await page.selectOption('#method', 'interviews');
  await page.fill('#value_added', 'Hears from those who do the work');
  await page.fill('#presentation', 'Quotations in each chapter');
  await page.click('button:has-text("Add the method")');
  await page.waitForURL(/(\?done=[\w-]+)?#methods$/);
  assert.match(await page.locator('#methods ~ .govuk-summary-card').first().innerText(), /Interviews/);

  // Not offered for sign-off while the terms are incomplete: the page says
  // what is missing, linked to it.
  assert.equal(await page.locator('button:has-text("Ask every inspectorate to sign off")').count(), 0);
  assert.match(await page.locator('#terms-missing').innerText(), /Add the fieldwork sites before sign-off/);
  await checkPage(page, 'i11-sign-off-not-offered');

  // The timetable: a bad date, then one that warns.
  await page.goto(url + '/timetable');
  await page.fill('#title', 'Fieldwork in Kent');
  await page.fill('#starts_on', '30');
  await page.fill('#starts_on-month', '2');
  await page.fill('#starts_on-year', '2027');
  await page.click('button:has-text("Add to the timetable")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.equal(await page.locator('#title').inputValue(), 'Fieldwork in Kent');
  assert.equal(await page.locator('#starts_on').inputValue(), '30', 'the day as typed');
  await page.fill('#starts_on', '26');
  await page.fill('#starts_on-month', '4');
  await page.fill('#ends_on', '7');
  await page.fill('#ends_on-month', '5');
  await page.fill('#ends_on-year', '2027');
  await page.click('button:has-text("Add to the timetable")');
  await page.waitForURL(/\/timetable(\?done=[\w-]+)?$/);
  assert.match(await page.locator('main').innerText(), /bank holiday/i);
  await checkPage(page, 'i12-timetable');

  // A key date changed on its own page: saved unchanged, every field and
  // the version stay; every error at once; then a real change.
  await page.locator('tr', { hasText: 'Fieldwork in Kent' }).locator('a:has-text("Change")').click();
  await page.waitForURL(/\/key-dates\/\d+$/);
  await checkPage(page, 'i12b-key-date-change');
  const keyDatePage = page.url();
  const dateFields = async () => Object.fromEntries(await Promise.all(
    ['#kind', '#title', '#starts_on', '#starts_on-month', '#starts_on-year', '#ends_on', '#ends_on-month', '#ends_on-year', '#place', 'input[name=version]']
      .map(async (f) => [f, await page.locator(f).inputValue()])));
  const dateBefore = await dateFields();
  assert.deepEqual([dateBefore['#title'], dateBefore['#starts_on'], dateBefore['#ends_on-month']], ['Fieldwork in Kent', '26', '5']);
  await page.click('button:has-text("Save the date")');
  await page.waitForURL(/\/timetable(\?done=[\w-]+)?$/);
  assert.match(await page.locator('#notice').innerText(), /You made no changes/);
  await page.goto(keyDatePage);
  assert.deepEqual(await dateFields(), dateBefore, 'saved unchanged: every field and the version stay');
  await page.fill('#title', '');
  await page.fill('#starts_on', '32');
  await page.fill('#starts_on-month', '13');
  await page.click('button:has-text("Save the date")');
  await page.locator('.govuk-error-summary').waitFor();
  const dateErrors = await page.locator('.govuk-error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(dateErrors, ['#title', '#starts_on'], 'every error at once');
  assert.equal(await page.locator('#starts_on').inputValue(), '32', 'the day as typed');
  await checkPage(page, 'i12c-key-date-change-errors');
  await page.goto(keyDatePage);
  await page.fill('#place', 'Maidstone');
  await page.click('button:has-text("Save the date")');
  await page.waitForURL(/\/timetable\?done=key-date-saved$/);
  assert.match(await page.locator('tr', { hasText: 'Fieldwork in Kent' }).innerText(), /Maidstone/);

  // Stage 2 waits for stage 1's rules: the sites page says what is missing.
  await page.click('nav[aria-label="Parts of this inspection"] a:has-text("Sites and letters")');
  assert.match(await page.locator('.govuk-inset-text').first().innerText(), /cannot start until:[\s\S]*Terms of reference signed off by every inspectorate/);
  assert.equal(await page.locator('summary:has-text("Add a fieldwork site")').count(), 0);

  // A site and its letter on the demo inspection, through stage 1;
  // sending waits for every inspectorate's authority (R14).
  await page.goto(server.base + '/inspections');
  await page.click('a:has-text("Hate crime")');
  await page.click('nav[aria-label="Parts of this inspection"] a:has-text("Sites and letters")');
  await page.click('summary:has-text("Add a fieldwork site")');
  await page.click('button:has-text("Add the site")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.ok(await page.locator('.govuk-error-summary li').count() >= 2, 'every error at once');
  await checkPage(page, 'i13-site-error');
  await choose('#body_id', /^Essex/);
  await page.fill('#fieldwork_starts_on', '1');
  await page.fill('#fieldwork_starts_on-month', '3');
  await page.fill('#fieldwork_starts_on-year', String(new Date().getUTCFullYear() + 1));
  await page.click('button:has-text("Add the site")');
  await page.waitForURL(/\/sites(\?done=[\w-]+)?$/);
  await page.click('summary:has-text("Write a letter")');
  await page.click('button:has-text("Save the letter")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.ok(await page.locator('.govuk-error-summary li').count() >= 4, 'the site and every field at once');
  await choose('#site_id', /^Essex/);
  await page.fill('#addressee', 'Chief Constable, Essex Police');
  await page.fill('#signed_by', 'Senior responsible officer, HMICFRS');
  await page.fill('#body', 'We will inspect your force.');
  await page.click('button:has-text("Save the letter")');
  await page.waitForURL(/(\?done=[\w-]+)?#letters$/);
  const essex = page.locator('#letters ~ .govuk-summary-card', { hasText: 'Essex Police' });
  await essex.locator('button:has-text("Ask every inspectorate to authorise")').click();
  await page.waitForURL(/(\?done=[\w-]+)?#letters$/);
  assert.match(await essex.innerText(), /Awaiting agreement/);
  assert.equal((await page.locator('label[for=site_id]').textContent()).trim(), 'Fieldwork site');
  // The notice of what awaits links to the decision on the decisions page.
  await page.locator('.govuk-inset-text a:has-text("See the decision")').first().click();
  await page.waitForURL(/\/decisions#decision-\d+$/);
  assert.equal(await page.locator('h1').first().innerText() !== 'Page not found', true);
  await checkPage(page, 'i14-letters');
});

test('the public page shows only signed-off terms of reference', async () => {
  const pub = await (await browser.newContext()).newPage();
  await pub.goto(server.base + '/inspections-in-progress');
  await checkPage(pub, 'i15-public-list');
  const text = await pub.locator('main').innerText();
  assert.match(text, /Hate crime/);
  assert.doesNotMatch(text, /National Crime Agency/, 'not signed off: not public');
  await pub.click('a:has-text("Joint inspection of Hate crime")');
  await checkPage(pub, 'i16-public-terms');
  assert.match(await pub.locator('main').innerText(), /The inspection question/);
});

test('fieldwork and the shared evidence register, as an inspector on the team', async () => {
  // An HMICFRS inspector joins the demo inspection's team.
  const { context, p, url } = await inspectorOnTheDemoTeam('inspector.fieldwork@example.gov.uk');

  // The demo is part-way through stage 3: arrangements agreed, an IT access awaited.
  await p.goto(url + '/fieldwork');
  const fieldwork = await p.locator('main').innerText();
  assert.match(fieldwork, /Agreed by every inspectorate/);
  assert.match(fieldwork, /does not hold Access to IT systems \(Kent Police crime recording system\)/);
  assert.match(fieldwork, /By HMCPSI alone: The interview covers prosecutors' decisions/);
  await checkPage(p, 'i20-fieldwork');

  // R16: one inspectorate alone needs a reason; every error at once, what was typed kept.
  await p.click('a:has-text("Plan an interview or focus group")');
  await p.fill('#with_whom', 'Hate crime lead, Essex Police');
  await p.selectOption('#staffing', 'single');
  await p.click('button:has-text("Save the interview")');
  await p.locator('.govuk-error-summary').waitFor();
  const summary = await p.locator('.govuk-error-summary').innerText();
  assert.match(summary, /say why this one is conducted by one inspectorate alone/);
  assert.match(summary, /Choose the inspectorate that conducts it alone/);
  assert.equal(await p.locator('#with_whom').inputValue(), 'Hate crime lead, Essex Police');
  await checkPage(p, 'i21-interview-errors');
  await p.fill('#held_on', '5');
  await p.fill('#held_on-month', '10');
  await p.fill('#held_on-year', '2017');
  await p.selectOption('#staffing', 'joint');
  await p.click('button:has-text("Save the interview")');
  await p.waitForURL(/\/fieldwork\?done=interview-recorded#interview-list$/);
  assert.match(await p.locator('.govuk-notification-banner').innerText(), /The interview or focus group has been recorded/);
  assert.match(await p.locator('main').innerText(), /Hate crime lead, Essex Police/);

  // The evidence register: empty, then a very long finding kept whole.
  await p.click('nav[aria-label="Parts of this inspection"] a:has-text("Evidence")');
  await checkPage(p, 'i22-evidence');
  assert.match(await p.locator('main').innerText(), /Kent Police's hate crime policy/);
  await p.click('summary:has-text("Record evidence")');
  await p.click('button:has-text("Record the evidence")');
  await p.locator('.govuk-error-summary').waitFor();
  assert.ok(await p.locator('.govuk-error-summary li').count() >= 3, 'every error at once');
  const long = 'The force control room did not flag the hostility. '.repeat(400).slice(0, 20000);
  await p.selectOption('#method', 'reality_checks');
  await p.fill('#gathered_on', '4');
  await p.fill('#gathered_on-month', '10');
  await p.fill('#gathered_on-year', '2017');
  await p.fill('#summary', long);
  await p.click('button:has-text("Record the evidence")');
  await p.waitForURL(/\/evidence\/\d+(\?done=[\w-]+)?$/);
  assert.equal((await p.locator('dd.jointly-pre-line').first().innerText()).length, long.trimEnd().length);
  await checkPage(p, 'i23-evidence-item');

  // Saved unchanged, nothing changes: the version stays the same.
  const version = async () => (await p.locator('dt:has-text("Version") + dd').innerText()).trim();
  const before = await version();
  await p.click('summary:has-text("Change the evidence item")');
  await p.click('button:has-text("Save the changes")');
  await p.waitForURL(/\/evidence\/\d+(\?done=[\w-]+)?$/);
  assert.equal(await version(), before);
  assert.match(await p.locator('#notice').innerText(), /You made no changes/);

  // A query says what it asks (R15).
  await p.check('#state-query');
  await p.click('button:has-text("Save the quality assurance")');
  await p.locator('.govuk-error-summary').waitFor();
  assert.match(await p.locator('.govuk-error-summary').innerText(), /Say what the query asks/);
  await p.check('#state');
  await p.fill('#comment', 'Checked against the control room log');
  await p.click('button:has-text("Save the quality assurance")');
  await p.waitForURL(/\/evidence\/\d+(\?done=[\w-]+)?$/);
  assert.match(await p.locator('#assurance ~ ul').first().innerText(), /HMICFRS: Agreed/);

  // An attachment keeps its SHA-256; a renamed program is refused.
  await p.setInputFiles('#file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Control room log, 4 October 2017\n') });
  await p.click('button:has-text("Attach the file")');
  await p.waitForURL(/\/evidence\/\d+(\?done=[\w-]+)?$/);
  assert.match(await p.locator('main').innerText(), /notes\.txt[\s\S]*SHA-256 [0-9a-f]{64}/);
  await p.setInputFiles('#file', { name: 'policy.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf') });
  await p.click('button:has-text("Attach the file")');
  await p.locator('.govuk-error-summary').waitFor();
  assert.match(await p.locator('.govuk-error-summary').innerText(), /must be a PDF, Word, Excel/);
  await checkPage(p, 'i24-attachment-refused');
  await context.close();
});

test('the clearance, live-case and fieldwork arrangements forms: empty, bad values, very long text, saved unchanged', async () => {
  const { context, p, url, demo } = await inspectorOnTheDemoTeam('inspector.forms@example.gov.uk');
  const errors = async () => (await p.locator('.govuk-error-summary').innerText());
  const marked = async (id) => (await p.locator(`.govuk-form-group--error:has(#${id})`).count()) === 1;
  const setDate = async (id, d, m, y) => {
    await p.fill(`#${id}`, d);
    await p.fill(`#${id}-month`, m);
    await p.fill(`#${id}-year`, y);
  };

  // A clearance: empty, every error at once and each field marked.
  await p.goto(url + '/fieldwork/clearance');
  await p.click('button:has-text("Add the clearance")');
  await p.locator('.govuk-error-summary').waitFor();
  assert.ok(await p.locator('.govuk-error-summary li').count() >= 2, await errors());
  assert.ok(await marked('user_id') && await marked('detail'), 'the person and what is needed are marked');
  await checkPage(p, 'i30-clearance-empty');
  // Bad values: a date that is not one and 20,000 characters, kept as typed.
  const long = 'Vetting to non-police personnel level two. '.repeat(500).slice(0, 20000);
  await p.selectOption('#user_id', { index: 1 });
  await p.fill('#detail', long);
  await p.check('#held');
  await setDate('expires_on', '31', '2', '2027');
  await p.click('button:has-text("Add the clearance")');
  await p.locator('.govuk-error-summary').waitFor();
  const clearanceErrors = await errors();
  assert.match(clearanceErrors, /300 characters or fewer/);
  assert.match(clearanceErrors, /real date/i);
  assert.ok(await marked('detail') && await marked('expires_on'));
  assert.equal((await p.inputValue('#detail')).length, 20000, 'the long text kept whole');
  assert.equal(await p.inputValue('#expires_on'), '31');
  await checkPage(p, 'i31-clearance-bad');
  // Someone who is not on the team: refused against the person.
  await p.evaluate(() => {
    const select = document.querySelector('#user_id');
    select.add(new Option('Not on the team', '999999'));
    select.value = '999999';
  });
  await p.fill('#detail', 'Police vetting level 2');
  await setDate('expires_on', '31', '3', '2027');
  await p.click('button:has-text("Add the clearance")');
  await p.locator('.govuk-error-summary').waitFor();
  assert.match(await errors(), /Choose someone on the team/);
  assert.ok(await marked('user_id'));
  // Awaited, recorded; a second record of it refused; then changed to held.
  const mine = async () => {
    await p.goto(url + '/fieldwork/clearance');
    await choose('#user_id', /inspector\.forms@example\.gov\.uk/, p);
    await p.selectOption('#kind', 'it_access');
    await p.fill('#detail', 'Niche, Essex Police');
  };
  await mine();
  await p.click('button:has-text("Add the clearance")');
  await p.waitForURL(/\/fieldwork\?done=clearance-recorded#clearance-list$/);
  assert.match(await p.locator('.govuk-notification-banner').innerText(), /The clearance has been recorded/);
  await mine();
  await p.check('#held');
  await p.click('button:has-text("Add the clearance")');
  await p.locator('.govuk-error-summary').waitFor();
  assert.match(await errors(), /already has a record of access to IT systems \(Niche, Essex Police\): change that record/);
  assert.ok(await marked('kind'));
  await p.goto(url + '/fieldwork');
  const row = p.locator('#clearance-list ~ table tr', { hasText: 'Niche, Essex Police' });
  assert.match(await row.innerText(), /Awaited/);
  await row.locator('a:has-text("Change")').click();
  await checkPage(p, 'i31a-clearance-change');
  await p.check('#held');
  await setDate('expires_on', '31', '12', '2099');
  await p.click('button:has-text("Save the clearance")');
  await p.waitForURL(/\/fieldwork\?done=clearance-saved#clearance-list$/);
  assert.match(await p.locator('.govuk-notification-banner').innerText(), /The clearance has been saved/);
  const changed = await p.locator('#clearance-list ~ table tr', { hasText: 'Niche, Essex Police' }).innerText();
  assert.match(changed, /Held/);
  assert.match(changed, /31 December 2099/);
  assert.doesNotMatch(await p.locator('main').innerText(), /does not hold Access to IT systems \(Niche, Essex Police\)/);

  // An issue in a live case: empty, then bad values, then saved.
  await p.goto(url + '/fieldwork/live-case');
  await p.click('button:has-text("Save the issue")');
  await p.locator('.govuk-error-summary').waitFor();
  assert.ok(await p.locator('.govuk-error-summary li').count() >= 5, await errors());
  for (const id of ['found_on', 'case_reference', 'issue', 'action', 'action_by']) assert.ok(await marked(id), id);
  await checkPage(p, 'i32-live-case-empty');
  const longIssue = 'The victim was not told the suspect had been bailed. '.repeat(400).slice(0, 20001);
  await setDate('found_on', '40', '10', '2017');
  await p.fill('#case_reference', '01KH0999917');
  await p.fill('#issue', longIssue);
  await p.fill('#action', 'Raised with the duty inspector');
  await p.fill('#action_by', 'HMICFRS lead inspector');
  await p.click('button:has-text("Save the issue")');
  await p.locator('.govuk-error-summary').waitFor();
  const liveErrors = await errors();
  assert.match(liveErrors, /real date/i);
  assert.match(liveErrors, /Shorten the issue to 20,000 characters or fewer/);
  assert.equal((await p.inputValue('#issue')).length, 20001, 'the long text kept whole');
  assert.equal(await p.inputValue('#case_reference'), '01KH0999917');
  await checkPage(p, 'i33-live-case-bad');
  await setDate('found_on', '4', '10', '2017');
  await p.fill('#issue', 'The victim was not told the suspect had been bailed.');
  await p.click('button:has-text("Save the issue")');
  await p.waitForURL(/\/fieldwork(\?done=[\w-]+)?#live-case-list$/);
  assert.match(await p.locator('main').innerText(), /01KH0999917/);

  // The arrangements: saved unchanged, then with 20,000 characters, then too many.
  const arrangements = async () => (await admin.get(`/api/v1/inspections/${demo.id}`)).json.arrangements;
  const before = await arrangements();
  await p.goto(url + '/fieldwork');
  await p.click('summary:has-text("Change the fieldwork arrangements")');
  await p.click('button:has-text("Save the arrangements")');
  await p.waitForURL(/\/fieldwork(\?done=[\w-]+)?#arrangements$/);
  assert.deepEqual(await arrangements(), before, 'saved unchanged: the record and its version stay');
  assert.match(await p.locator('#notice').innerText(), /You made no changes/);
  const longDebriefs = 'A team debrief at the end of each day. '.repeat(600).slice(0, 20000);
  const openForm = async () => {
    if (await p.locator('details:has(#debriefs)').getAttribute('open') === null) {
      await p.click('summary:has-text("Change the fieldwork arrangements")');
    }
  };
  await openForm();
  await p.fill('#debriefs', longDebriefs + 'x');
  await p.fill('#updates', 'A call each Friday');
  await p.click('button:has-text("Save the arrangements")');
  await p.locator('.govuk-error-summary').waitFor();
  assert.match(await errors(), /20,?000 characters or fewer/);
  assert.ok(await marked('debriefs'));
  assert.equal((await p.inputValue('#debriefs')).length, 20001, 'what was typed kept whole');
  assert.equal(await p.inputValue('#updates'), 'A call each Friday');
  assert.deepEqual(await arrangements(), before, 'nothing half-saved');
  await checkPage(p, 'i34-arrangements-too-long');
  await openForm();
  await p.fill('#debriefs', longDebriefs);
  await p.click('button:has-text("Save the arrangements")');
  await p.waitForURL(/\/fieldwork(\?done=[\w-]+)?#arrangements$/);
  const after = await arrangements();
  assert.equal(after.debriefs.length, 20000);
  assert.equal(after.version, before.version + 1);
  assert.ok((await p.locator('main').innerText()).includes(longDebriefs.trim().slice(-60)));
  await checkPage(p, 'i35-arrangements-long');
  await context.close();
});

test('fieldwork visits: the form sent empty, with bad values, outside the site\'s dates and with 20,000 characters; joint pairs named', async () => {
  const { context, p, url } = await inspectorOnTheDemoTeam('visits.inspector@hmicfrs.invalid');
  const errors = async () => (await p.locator('.govuk-error-summary').innerText());
  const marked = async (id) => (await p.locator(`.govuk-form-group--error:has(#${id})`).count()) === 1;
  const setDate = async (id, d, m, y) => {
    await p.fill(`#${id}`, d);
    await p.fill(`#${id}-month`, m);
    await p.fill(`#${id}-year`, y);
  };
  // The demo's visit: its joint pair, and the clearance it still waits for.
  await p.goto(url + '/fieldwork');
  const demoVisit = p.locator('#visit-list ~ .govuk-summary-card', { hasText: /Kent Police, \w+ 3 October 2017/ }).first();
  assert.match(await demoVisit.innerText(), /\(HMICFRS\) and .* \(HMCPSI\)\s*Joint pair/);
  assert.match(await demoVisit.innerText(), /does not hold Access to IT systems/);
  await checkPage(p, 'i36-fieldwork-visits');

  await p.goto(url + '/fieldwork/visit');
  await p.click('button:has-text("Save the visit")');
  await p.locator('.govuk-error-summary').waitFor();
  for (const id of ['site_id', 'visit_on', 'activities']) assert.ok(await marked(id), id);
  await checkPage(p, 'i37-visit-empty');
  const long = 'Reality checks in the custody suite. '.repeat(600).slice(0, 20001);
  await p.selectOption('#site_id', { label: 'Kent Police' });
  await setDate('visit_on', '40', '10', '2017');
  await p.fill('#activities', long);
  await p.click('button:has-text("Save the visit")');
  await p.locator('.govuk-error-summary').waitFor();
  assert.match(await errors(), /real date/i);
  assert.match(await errors(), /20,000 characters or fewer/);
  assert.equal((await p.inputValue('#activities')).length, 20001, 'the long text kept whole');
  assert.equal(await p.inputValue('#visit_on'), '40');
  await checkPage(p, 'i38-visit-bad');
  await setDate('visit_on', '10', '10', '2017');
  await p.fill('#activities', 'File examination with the force');
  await p.click('button:has-text("Save the visit")');
  await p.locator('.govuk-error-summary').waitFor();
  assert.match(await errors(), /within the site's fieldwork, from 2 October 2017 to 4 October 2017/);
  assert.ok(await marked('visit_on'));
  await setDate('visit_on', '4', '10', '2017');
  await p.selectOption('#mode', { label: 'Remote' });
  await p.click('button:has-text("Save the visit")');
  await p.waitForURL(/\/fieldwork(\?done=[\w-]+)?#visit-list$/);
  const card = p.locator('#visit-list ~ .govuk-summary-card', { hasText: /Kent Police, \w+ 4 October 2017 \(Remote\)/ });
  assert.match(await card.innerText(), /No one yet/);

  // Its team: empty, two of one inspectorate, then a joint pair.
  await card.locator('a:has-text("Add to the team")').click();
  await p.click('button:has-text("Add to the team")');
  await p.locator('.govuk-error-summary').waitFor();
  assert.ok(await marked('user_id'));
  const options = await p.locator('#user_id option').allInnerTexts();
  const police = options.filter((o) => /\(HMICFRS\)$/.test(o));
  const cps = options.filter((o) => /\(HMCPSI\)$/.test(o));
  await p.selectOption('#user_id', { label: police[0] });
  await p.selectOption('#partner_id', { label: police[1] });
  await p.click('button:has-text("Add to the team")');
  await p.locator('.govuk-error-summary').waitFor();
  assert.match(await errors(), /A joint pair is two inspectors of different inspectorates/);
  assert.ok(await marked('partner_id'));
  assert.equal(await p.locator('#user_id option:checked').innerText(), police[0], 'what was chosen kept');
  await checkPage(p, 'i39-visit-team-same-inspectorate');
  await p.selectOption('#partner_id', { label: cps[0] });
  await p.click('button:has-text("Add to the team")');
  await p.waitForURL(/\/fieldwork(\?done=[\w-]+)?#visit-list$/);
  assert.match(await card.innerText(), new RegExp(`${police[0].replace(/[()]/g, '\\$&')} and ${cps[0].replace(/[()]/g, '\\$&')}\\s*Joint pair`));
  await context.close();
});

test('sites proposed from data: the data imported, the proposal in words, every error at once, the ticked sites added, their agreement asked again', async () => {
  // The import page: empty, then a file with bad lines, each named.
  await page.goto(server.base + '/bodies');
  await page.click('a:has-text("Import indicators or inspections")');
  await page.click('button:has-text("Check and import")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.equal(await page.locator('.govuk-error-summary li').count(), 2, 'what the file holds and the file');
  await page.check('#kind');
  await page.setInputFiles('#csv_file', {
    name: 'indicators.csv', mimeType: 'text/csv',
    buffer: Buffer.from('body_code,performance,performance_measure,size,size_measure\nPOL-NOWHERE,splendid,,lots,staff\n'),
  });
  await page.click('button:has-text("Check and import")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /line 2: body_code[\s\S]*line 2: performance[\s\S]*line 2: size/);
  assert.ok(await page.locator('#kind').isChecked(), 'the choice is kept');
  await checkPage(page, 'i40-site-data-errors');

  // The demo inspection's sites page leads to the proposal.
  await page.goto(server.base + '/inspections');
  await page.click('a:has-text("Hate crime")');
  await page.click('nav[aria-label="Parts of this inspection"] a:has-text("Sites and letters")');
  await page.click('a:has-text("Propose sites from data")');
  await page.fill('#count', 'lots');
  await page.click('button:has-text("Propose sites")');
  await page.locator('.govuk-error-summary').waitFor();
  // No type is assumed: it is chosen, and both errors are named at once.
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Choose the type of body to visit[\s\S]*number of sites from 1 to 20/);
  assert.equal(await page.locator('#type').inputValue(), '', 'no type chosen for them');
  assert.equal(await page.locator('#count').inputValue(), 'lots', 'what was typed is kept');
  await checkPage(page, 'i41-proposal-error');
  await choose('#type', /^Police force/);
  await page.fill('#count', '3');
  await page.click('button:has-text("Propose sites")');
  const cards = page.locator('.govuk-summary-card');
  await cards.first().waitFor();
  const main = await page.locator('main').innerText();
  assert.match(main, /Why proposed/);
  assert.match(main, /Why not proposed/);
  assert.match(main, /in Wales|in London/);
  assert.match(main, /Bodies with no data/);
  assert.ok(!/Kent Police \(near miss\)|Add Kent Police/.test(main), 'a site already chosen is not proposed again');
  assert.equal(await page.locator('input[name=body_id]:checked').count(), 3, 'the proposal is ticked');
  await checkPage(page, 'i42-proposal');

  // Ticked with no fieldwork dates: an error for each, nothing added.
  await page.click('button:has-text("Add the ticked sites")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.equal(await page.locator('.govuk-error-summary li').count(), 3, 'every error at once');
  await checkPage(page, 'i43-proposal-add-errors');
  // The leads choose: only the first, with its dates and a longer why.
  const boxes = page.locator('input[name=body_id]');
  const first = await boxes.first().getAttribute('value');
  for (let k = 1; k < await boxes.count(); ++k) await boxes.nth(k).uncheck();
  await fillDate(page, `starts-${first}`, `${new Date().getUTCFullYear() + 1}-04-12`);
  const why = await page.locator(`#why-${first}`).inputValue();
  assert.match(why, /^Performs|^In|^Large|^Small/, 'the why is filled from the reason');
  await page.fill(`#why-${first}`, why + '; chosen by both leads');
  await page.click('button:has-text("Add the ticked sites")');
  await page.waitForURL(/\/sites\?done=sites-added$/);
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /sites you chose have been added/);
  assert.match(await page.locator('main').innerText(), /chosen by both leads/);
  // A site added lapses the agreement of the set; the lead asks again (R11).
  assert.match(await page.locator('main').innerText(), /Agreement of the sites\s+Lapsed/);
  await page.click('button:has-text("Ask every inspectorate to agree the sites")');
  await page.waitForURL(/\/sites\?done=inspection-asked$/);
  assert.match(await page.locator('main').innerText(), /Agreement of the sites\s+Awaiting agreement/);
  assert.match(await page.locator('.govuk-inset-text').first().innerText(), /Agreement of the fieldwork sites awaits/);
  await checkPage(page, 'i44-sites-agreement-asked');
});

test('the site proposal names the body in each date error, empty and bad, and keeps what was typed', async () => {
  const demo = await demoInspection(admin);
  await page.goto(`${server.base}/inspections/${demo.id}/sites/propose?type=police_force&count=2`);
  const boxes = page.locator('input[name=body_id]:checked');
  assert.equal(await boxes.count(), 2, 'two proposed, ticked');
  const ids = [await boxes.nth(0).getAttribute('value'), await boxes.nth(1).getAttribute('value')];
  const names = [];
  for (const id of ids) names.push((await page.locator(`label[for="pick-${id}"]`).innerText()).replace(/^Add\s+/, '').replace(/\s+as a fieldwork site$/, '').trim());
  const summary = async () => page.locator('.govuk-error-summary li').allInnerTexts();
  // Empty: an error for each site, each naming its body, linked to its box.
  await page.click('button:has-text("Add the ticked sites")');
  await page.locator('.govuk-error-summary').waitFor();
  let errors = await summary();
  assert.equal(errors.length, 2, errors.join('\n'));
  for (const [k, id] of ids.entries()) {
    assert.ok(errors.some((e) => e.startsWith(`${names[k]}:`)), `${names[k]} in ${errors.join(' | ')}`);
    assert.equal(await page.locator(`.govuk-error-summary a[href="#starts-${id}"]`).count(), 1);
    assert.match(await page.locator(`#starts-${id}-error`).innerText(), new RegExp(names[k]));
  }
  await checkPage(page, 'i45-proposal-dates-empty');
  // Bad: a day that is not a date, and an end before the start.
  const year = new Date().getUTCFullYear() + 1;
  await page.fill(`#starts-${ids[0]}`, '31');
  await page.fill(`#starts-${ids[0]}-month`, '2');
  await page.fill(`#starts-${ids[0]}-year`, String(year));
  await fillDate(page, `starts-${ids[1]}`, `${year}-05-10`);
  await fillDate(page, `ends-${ids[1]}`, `${year}-05-03`);
  await page.click('button:has-text("Add the ticked sites")');
  await page.locator('.govuk-error-summary').waitFor();
  errors = await summary();
  assert.equal(errors.length, 2, errors.join('\n'));
  assert.ok(errors.some((e) => e.startsWith(`${names[0]}:`) && /real date/i.test(e)), errors.join(' | '));
  assert.ok(errors.some((e) => e.startsWith(`${names[1]}:`) && /end on or after/i.test(e)), errors.join(' | '));
  assert.equal(await page.locator(`.govuk-error-summary a[href="#ends-${ids[1]}"]`).count(), 1);
  assert.equal(await page.inputValue(`#starts-${ids[0]}`), '31', 'what was typed is kept');
  assert.equal(await page.inputValue(`#ends-${ids[1]}`), '3');
  await checkPage(page, 'i46-proposal-dates-bad');
  // Nothing was added.
  const view = (await admin.get(`/api/v1/inspections/${demo.id}`)).json;
  assert.ok(!view.sites.some((x) => ids.includes(String(x.body_id))));
});

test('R23_the_delegation_form: empty, bad values, very long text, then the list shows the delegation and its revocation', async () => {
  const demo = await demoInspection(admin);
  const url = `${server.base}/inspections/${demo.id}`;
  // The demo's delegation: an HMCPSI inspector examining police files for HMICFRS.
  await page.goto(url + '/team');
  const listed = await page.locator('#delegations ~ .govuk-summary-card').first().innerText();
  assert.match(listed, /Fieldwork and evidence gathering: HMCPSI legal inspector \(HMCPSI\) for HMICFRS/);
  assert.match(listed, /HM Chief Inspector of Constabulary, \w+ 11 September 2017/);
  await page.goto(url + '/evidence');
  assert.match(await page.locator('table').first().innerText(), /HMICFRS\s*under delegation/);

  const errors = async () => (await page.locator('.govuk-error-summary').innerText());
  const marked = async (id) => (await page.locator(`.govuk-form-group--error:has(#${id})`).count()) === 1;
  await page.goto(url + '/delegations');
  await checkPage(page, 'i60-delegation');
  // Empty: every error at once.
  await page.click('button:has-text("Delegate")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.ok(await marked('delegating_inspectorate_id') && await marked('user_id') && await marked('scope'), await errors());
  await checkPage(page, 'i61-delegation-empty');
  // Bad values: one character over the 20,000 allowed and a date that is not one, kept as typed.
  const long = 'Examining the police prosecution teams\' files. '.repeat(500).slice(0, 20001);
  await choose('#delegating_inspectorate_id', /^HMICFRS$/);
  await choose('#receiving_inspectorate_id', /^HMCPSI$/);
  await choose('#user_id', /HMCPSI lead inspector/);
  await page.fill('#scope', long);
  await page.fill('#ends_on', '31');
  await page.fill('#ends_on-month', '2');
  await page.fill('#ends_on-year', '2027');
  await page.click('button:has-text("Delegate")');
  await page.locator('.govuk-error-summary').waitFor();
  const bad = await errors();
  assert.match(bad, /20,000 characters or fewer/);
  assert.match(bad, /real date/i);
  assert.equal((await page.inputValue('#scope')).length, 20001, 'the long text kept whole');
  assert.equal(await page.inputValue('#ends_on'), '31');
  await checkPage(page, 'i62-delegation-bad');
  // To both an inspectorate and a body: refused under its rule.
  await page.fill('#scope', 'Quality assurance of the police file examinations');
  await page.fill('#ends_on', '');
  await page.fill('#ends_on-month', '');
  await page.fill('#ends_on-year', '');
  await choose('#function', /Quality assurance/);
  await page.selectOption('#receiving_body_id', { index: 1 });
  await page.click('button:has-text("Delegate")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await errors(), /either the inspectorate or the other public authority/);
  assert.ok(await marked('receiving_inspectorate_id'));
  // Then as it should be: saved, and the list shows it.
  await page.selectOption('#receiving_body_id', { index: 0 });
  await page.click('button:has-text("Delegate")');
  await page.waitForURL(/\/team/);
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /delegation has been recorded/);
  const card = page.locator('#delegations ~ .govuk-summary-card', { hasText: 'Quality assurance of evidence: HMCPSI lead inspector' });
  assert.match(await card.innerText(), /In force/);
  await checkPage(page, 'i63-delegation-listed');
  await card.locator('button:has-text("Revoke")').click();
  await page.waitForURL(/\/team/);
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /revoked from today/);
  assert.match(await page.locator('#delegations ~ .govuk-summary-card', { hasText: 'Quality assurance of evidence' }).innerText(), /Revoked on/);
});

test('R23_a_delegate_of_fieldwork_records_reads_and_changes_live_cases_and_clearances_for_the_delegating_inspectorate_on_the_fieldwork_page', async () => {
  const demo = await demoInspection(admin);
  const url = `${server.base}/inspections/${demo.id}`;
  const inspectorates = (await admin.get('/api/v1/inspectorates?limit=100')).json.items;
  const code = (c) => inspectorates.find((i) => i.code === c).id;
  // An HMCPSI inspector, not on the team, to whom HMICFRS delegates fieldwork.
  const email = 'fieldwork.delegate@example.gov.uk';
  const delegate = await userClient(server, admin, email, ['inspector'], { inspectorate_id: code('HMCPSI') });
  const me = (await delegate.get('/api/v1/me')).json;
  const made = await admin.post(`/api/v1/inspections/${demo.id}/delegations`, {
    delegating_inspectorate_id: code('HMICFRS'), receiving_inspectorate_id: code('HMCPSI'), function: 'fieldwork',
    user_id: me.id, scope: 'Examining the police prosecution teams\' live cases',
  });
  assert.equal(made.status, 201, made.text);
  // HMICFRS's team's clearance, which the delegate may change, and HMCPSI's, which they may not.
  const clearance = async (email, inspectorate) => {
    const { context: c, inspector } = await inspectorOnTheDemoTeam(email, inspectorate);
    await c.close();
    const who = (await inspector.get('/api/v1/me')).json.id;
    const made = await inspector.post(`/api/v1/inspections/${demo.id}/clearances`, { user_id: who, kind: 'it_access', detail: 'Case files of the police prosecution team' });
    assert.equal(made.status, 201, made.text);
    return made.json;
  };
  const policeClearance = await clearance('delegation.police@example.gov.uk', 'HMICFRS');
  const cpsClearance = await clearance('delegation.cps@example.gov.uk', 'HMCPSI');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  await p.goto(server.base + '/sign-in');
  await p.fill('#email', email);
  await p.fill('#password', delegate.password);
  await p.click('button:has-text("Sign in")');
  await p.waitForURL((u) => !u.pathname.startsWith('/sign-in'));

  // The fieldwork page offers them what they may record.
  await p.goto(url + '/fieldwork');
  await checkPage(p, 'i80-delegate-fieldwork');
  assert.equal(await p.locator('a:has-text("Record an issue in a live case")').count(), 1);
  assert.equal(await p.locator('a:has-text("Add a clearance")').count(), 1);
  assert.equal(await p.locator('a:has-text("Plan a fieldwork visit")').count(), 0, 'visits stay the team\'s to plan');
  // An issue in a live case: every error at once, then saved.
  await p.click('a:has-text("Record an issue in a live case")');
  await p.fill('#case_reference', '01KH0777717');
  await p.click('button:has-text("Save the issue")');
  await p.locator('.govuk-error-summary').waitFor();
  assert.ok(await p.locator('.govuk-error-summary li').count() >= 4);
  assert.equal(await p.inputValue('#case_reference'), '01KH0777717', 'what was typed is kept');
  await checkPage(p, 'i81-delegate-live-case-errors');
  await fillDate(p, 'found_on', '2017-10-05');
  await p.fill('#issue', 'No record of the victim being told of the charge');
  await p.fill('#action', 'Raised with the unit head');
  await p.fill('#action_by', 'The unit head');
  await p.click('button:has-text("Save the issue")');
  await p.waitForURL(/\/fieldwork(\?done=[\w-]+)?#live-case-list$/);
  // They read it afterwards, saying it was recorded by them under the delegation.
  const card = p.locator('.govuk-summary-card', { hasText: '01KH0777717' });
  assert.match(await card.innerText(), new RegExp(`Recorded by ${me.name} for HMICFRS under delegation from HMICFRS to HMCPSI`));
  await card.locator('a:has-text("Change")').click();
  await p.waitForURL(/\/fieldwork\/live-cases\/\d+$/);
  await checkPage(p, 'i82-delegate-live-case-change');
  await p.fill('#action', 'Escalated to the Area');
  await p.click('button:has-text("Save the issue")');
  await p.waitForURL(/\/fieldwork(\?done=[\w-]+)?#live-case-list$/);
  assert.match(await p.locator('.govuk-notification-banner').innerText(), /issue in a live case has been saved/);
  assert.match(await p.locator('.govuk-summary-card', { hasText: '01KH0777717' }).innerText(), /Escalated to the Area/);
  // An HMICFRS person's clearance is theirs to change; an HMCPSI person's is not.
  assert.equal(await p.locator(`a[href$="/fieldwork/clearances/${cpsClearance.id}"]`).count(), 0);
  await p.click(`a[href$="/fieldwork/clearances/${policeClearance.id}"]`);
  await checkPage(p, 'i83-delegate-clearance-change');
  await p.check('#held');
  await p.click('button:has-text("Save the clearance")');
  await p.waitForURL(/\/fieldwork(\?done=[\w-]+)?#clearance-list$/);
  assert.match(await p.locator('#clearance-list ~ table').innerText(), new RegExp(`Recorded by ${me.name} for HMICFRS under delegation`));
  await checkPage(p, 'i84-delegate-fieldwork-after');
  // The audit trail says so too.
  // (As HMICFRS's team would, the delegate reads it; an administrator, not on the team, does not.)
  const recorded = (await delegate.get(`/api/v1/inspections/${demo.id}`)).json.live_case_issues.find((x) => x.case_reference === '01KH0777717');
  const audit = await admin.get(`/api/v1/audit/entries?entity_type=live_case_issue&entity_id=${recorded.id}`);
  assert.equal(audit.json.items.length, 2, 'recorded, then changed');
  for (const entry of audit.json.items) {
    assert.match(entry.after.acting_as, /^for HMICFRS under delegation from HMICFRS to HMCPSI/);
    assert.equal(entry.after.recorded_by, me.id);
  }
  await context.close();
  const revoked = await admin.post(`/api/v1/delegations/${made.json.id}/revocation`, { version: made.json.version });
  assert.equal(revoked.status, 200, revoked.text);
});

test('a stale save of an evidence item says what changed in words, keeps what was typed and saves on the newest version', async () => {
  const { context, p, url, demo, inspector } = await inspectorOnTheDemoTeam('inspector.stale@example.gov.uk');
  const item = await inspector.post(`/api/v1/inspections/${demo.id}/evidence`, {
    method: 'document_review', gathered_on: '2017-10-04', summary: 'The force\'s policy is dated 2014',
  });
  assert.equal(item.status, 201, item.text);
  await p.goto(`${url}/evidence/${item.json.id}`);
  await p.click('summary:has-text("Change the evidence item")');
  await p.fill('#summary', 'The force\'s policy is dated 2014 and was never reviewed');
  // Someone else saves first.
  const first = await inspector.patch(`/api/v1/evidence/${item.json.id}`, { summary: 'The force\'s policy is dated 2015', version: item.json.version });
  assert.equal(first.status, 200, first.text);
  await p.click('button:has-text("Save the changes")');
  await p.locator('.govuk-error-summary').waitFor();
  const summary = await p.locator('.govuk-error-summary').innerText();
  assert.match(summary, /This was changed while you were editing it\./);
  assert.match(summary, /changed it on \d{1,2} \w+ \d{4}.*: What was found: The force's policy is dated 2014 → The force's policy is dated 2015\./);
  assert.equal(await p.inputValue('#summary'), 'The force\'s policy is dated 2014 and was never reviewed');
  await checkPage(p, 'i70-evidence-stale');
  // Saved again, on the newest version, it is kept.
  await p.click('button:has-text("Save the changes")');
  await p.waitForURL(/\/evidence\/\d+(\?done=[\w-]+)?$/);
  assert.match(await p.locator('main').innerText(), /dated 2014 and was never reviewed/);
  await context.close();
});

test('the query answer form: empty, 20,000 characters kept whole, then answered', async () => {
  const { context, p, url, demo, inspector } = await inspectorOnTheDemoTeam('inspector.answers@example.gov.uk');
  const cps = await inspectorOnTheDemoTeam('cps.queries@example.gov.uk', 'HMCPSI');
  await cps.context.close();
  const item = await inspector.post(`/api/v1/inspections/${demo.id}/evidence`, {
    method: 'document_review', gathered_on: '2017-10-04', summary: 'The charging advice log is incomplete',
  });
  assert.equal(item.status, 201, item.text);
  const query = await cps.inspector.post(`/api/v1/evidence/${item.json.id}/reviews`, { version: item.json.version, state: 'query_raised', comment: 'Which months are missing?' });
  assert.equal(query.status, 201, query.text);
  await p.goto(`${url}/evidence/${item.json.id}`);
  await checkPage(p, 'i71-query-to-answer');
  const answer = `#answer-${query.json.id}`;
  const group = p.locator(`.govuk-form-group:has(${answer})`);
  // Empty: the error at the field and in the summary, linked to it.
  await p.click('button:has-text("Answer the query")');
  await p.locator('.govuk-error-summary').waitFor();
  assert.match(await p.locator('.govuk-error-summary').innerText(), /answer/i);
  assert.equal(await p.locator(`.govuk-error-summary a[href="${answer}"]`).count(), 1);
  assert.ok(await group.evaluate((e) => e.classList.contains('govuk-form-group--error')));
  assert.match(await group.locator('.govuk-error-message').innerText(), /answer/i);
  await checkPage(p, 'i72-answer-empty');
  // One character over the 20,000 allowed: refused by its limit, kept whole as typed.
  const long = 'The log has no entries for June, July or August. '.repeat(500).slice(0, 20001);
  await p.fill(answer, long);
  await p.click('button:has-text("Answer the query")');
  await p.locator('.govuk-error-summary').waitFor();
  assert.match(await p.locator('.govuk-error-summary').innerText(), /20,000 characters or fewer/);
  assert.equal((await p.inputValue(answer)).length, 20001, 'the long answer kept whole');
  await checkPage(p, 'i73-answer-long');
  // Then answered: the answer is shown at its query.
  await p.fill(answer, 'June, July and August');
  await p.click('button:has-text("Answer the query")');
  await p.waitForURL(/\/evidence\/\d+(\?done=[\w-]+)?(#[\w-]+)?$/);
  assert.match(await p.locator(`#review-${query.json.id}`).innerText(), /Answer\s+June, July and August/);
  await checkPage(p, 'i74-answered');
  await context.close();
});

test('after a letter is withdrawn the page says what to do next, and a letter to a body with no address is warned of', async () => {
  const { context, p } = await demoPerson('lead.hmicfrs@jointly.invalid');
  const demo = await demoInspection(admin);
  await p.goto(`${server.base}/inspections/${demo.id}/sites`);
  // The letter written earlier to Essex Police goes by post, and the directory has no address for it.
  assert.match(await p.locator('#site-warnings').innerText(), /goes by post, but the directory has no postal address for Essex Police/);
  const kent = p.locator('#letters ~ .govuk-summary-card', { hasText: 'Chief Constable, Kent Police' });
  await kent.locator('a:has-text("Withdraw the letter")').click();
  await p.fill('#reason', 'Fieldwork at Kent Police moves to the spring');
  await p.click('button:has-text("Withdraw the letter")');
  await p.waitForURL(/\/sites\?withdrawn=\d+&done=letter-withdrawn#letters$/);
  const banner = await p.locator('.govuk-notification-banner').innerText();
  assert.match(banner, /The letter is withdrawn[\s\S]*What to do next:[\s\S]*Write a new letter to Kent Police/);
  await checkPage(p, 'i17-letter-withdrawn');
  await p.click('.govuk-notification-banner a:has-text("Write a new letter to Kent Police")');
  await p.waitForURL(/\/sites\?write=\d+#write-letter$/);
  assert.ok(await p.locator('#write-letter').evaluate((e) => e.open), 'the form is open');
  assert.equal((await p.locator('#site_id option:checked').innerText()).trim(), 'Kent Police');
  await checkPage(p, 'i18-new-letter-after-withdrawal');
  await context.close();
});

test('every_remove_asks_first_someone_on_the_team_a_method_a_red_line_a_key_date_a_site_and_a_clearance_each_ask_and_cancel_keeps_the_record', async () => {
  const lead = await demoPerson('lead.hmicfrs@jointly.invalid');
  const demo = await demoInspection(admin);
  const url = `${server.base}/inspections/${demo.id}`;
  // A site of the demo inspection with no letter yet, to remove.
  const bodies = await admin.get('/api/v1/bodies?type=police_force&limit=5');
  const body = bodies.json.items.at(-1);
  const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
  const site = await admin.post(`/api/v1/inspections/${demo.id}/sites`, { body_id: body.id, fieldwork_starts_on: day(70), fieldwork_ends_on: day(71) });
  assert.equal(site.status, 201, site.text);
  // Someone on the team who is not a lead, to remove.
  const police = (await admin.get('/api/v1/inspectorates?limit=100')).json.items.find((i) => i.code === 'HMICFRS');
  const member = await userClient(server, admin, 'removable@inspection.test', ['inspector'], { inspectorate_id: police.id });
  const memberId = (await member.get('/api/v1/me')).json.id;
  const named = await admin.post(`/api/v1/inspections/${demo.id}/team`, { user_id: memberId, inspectorate_id: police.id, role: 'team_member' });
  assert.equal(named.status, 201, named.text);
  const removals = [
    ['/team', 'team', /^Are you sure you want to remove .+ \(HMICFRS\) from the team\?$/, /\/team$/],
    ['/terms', 'methods', /^Are you sure you want to remove the method “[^”]+”\?$/, /\/terms#methods$/],
    ['/terms', 'red-lines', /^Are you sure you want to remove HMICFRS's red line “[^”]+”\?$/, /\/terms#red-lines$/],
    ['/timetable', 'key-dates', /^Are you sure you want to remove the key date “[^”]+” \((\w+ )?\d+ \w+ \d{4}\)\?$/, /\/timetable$/],
    ['/sites', 'sites', /^Are you sure you want to remove the fieldwork site .+\?$/, /\/sites$/],
  ];
  for (const [tab, kind, question, back] of removals) {
    await lead.p.goto(url + tab);
    const links = lead.p.locator(`main a[href*="/${kind}/"][href$="/${kind === 'team' ? 'leave' : 'delete'}"]`);
    const before = await links.count();
    assert.ok(before > 0, `a Remove of ${kind} on ${tab}`);
    await links.last().click();
    await lead.p.waitForURL(new RegExp(`/${kind}/\\d+/(delete|leave)$`));
    assert.match(await lead.p.locator('h1').innerText(), question);
    assert.equal(await lead.p.locator('h1').count(), 1);
    await checkPage(lead.p, `i40-remove-${kind}`);
    await lead.p.click('main a:has-text("Cancel")');
    await lead.p.waitForURL(back);
    assert.equal(await links.count(), before, `Cancel keeps the ${kind}`);
  }
  // A clearance is removed from its change page, asking first.
  await lead.p.goto(url + '/fieldwork');
  await lead.p.locator('main a[href*="/fieldwork/clearances/"]').first().click();
  await lead.p.click('main a:has-text("Remove this clearance")');
  await lead.p.waitForURL(/\/clearances\/\d+\/delete$/);
  assert.match(await lead.p.locator('h1').innerText(), /^Are you sure you want to remove the .+ of .+\?$/);
  await checkPage(lead.p, 'i40-remove-clearance');
  await lead.p.click('main a:has-text("Cancel")');
  await lead.p.waitForURL(/\/fieldwork#clearance-list$/);
  // Remove removes: the site goes.
  await lead.p.goto(url + '/sites');
  await lead.p.locator(`main a[href$="/sites/${site.json.id}/delete"]`).click();
  await lead.p.click('main button:has-text("Remove")');
  await lead.p.waitForURL(/\/sites\?done=site-removed/);
  assert.equal(await lead.p.locator(`main a[href$="/sites/${site.json.id}/delete"]`).count(), 0);
  await lead.context.close();
});
