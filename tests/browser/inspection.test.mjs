// Running a joint inspection in Chromium, stage 1: the demo's inspection of
// hate crime, then a new one started from the programme, its team named,
// its terms of reference drafted (every error at once, what was typed
// kept, a very long background, saved unchanged), a method, the timetable
// and the public page. axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage } from '../support/browser.mjs';
import { startServer, adminClient, ADMIN_PASSWORD } from '../support/server.mjs';

let server;
let browser;
let page;

before(async () => {
  server = await startServer({ extraArgs: ['--demo'] });
  await adminClient(server);
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(server.base + '/sign-in');
  await page.fill('#email', 'admin@jointly.invalid');
  await page.fill('#password', ADMIN_PASSWORD);
  await page.click('button:has-text("Sign in")');
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
});

// Chooses the option whose words match `pattern`.
async function choose(select, pattern) {
  const labels = await page.locator(`${select} option`).allInnerTexts();
  const label = labels.find((l) => pattern.test(l));
  assert.ok(label, `no option like ${pattern} in ${select}`);
  await page.selectOption(select, { label });
}

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
    ['Timetable', 'i05-timetable', /Fieldwork: first three forces/],
    ['Project plan', 'i06-plan', /Send commissioning letters/],
  ]) {
    await page.click(`nav[aria-label="Parts of this inspection"] a:has-text("${link}")`);
    await checkPage(page, name);
    assert.match(await page.locator('main').innerText(), expect);
  }
});

test('a new inspection: team first, then terms of reference with every error at once', async () => {
  await page.goto(server.base + '/inspections');
  await page.click('button:has-text("Start the inspection")');
  await page.locator('.govuk-error-summary').waitFor();
  await checkPage(page, 'i07-start-error');
  await choose('#proposal_id', /^Modern slavery/);
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
    await page.waitForURL(/\/team$/);
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
  await page.fill('#question', 'Q'.repeat(2001));
  await page.click('button:has-text("Save the terms of reference")');
  await page.locator('.govuk-error-summary').waitFor();
  await checkPage(page, 'i10-terms-error');
  assert.equal(await page.locator('#background').inputValue(), long, 'what was typed is kept');
  assert.match(await page.locator('#question-error').innerText(), /2,000|2000/);
  await page.fill('#question', 'How well is modern slavery tackled?');
  await page.click('button:has-text("Save the terms of reference")');
  await page.waitForURL(/\/terms$/);
  assert.equal(await page.locator('#background').inputValue(), long);
  // Saved unchanged, nothing changes: the same version.
  const version = await page.locator('input[name=version]').first().inputValue();
  await page.click('button:has-text("Save the terms of reference")');
  await page.waitForURL(/\/terms$/);
  assert.equal(await page.locator('input[name=version]').first().inputValue(), version);
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
  await page.waitForURL(/#methods$/);
  assert.match(await page.locator('#methods ~ .govuk-summary-card').first().innerText(), /Interviews/);

  // Sign-off refused while the terms are incomplete, naming what is missing.
  await page.click('button:has-text("Ask every inspectorate to sign off")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator(".govuk-error-summary").innerText(), /fieldwork sites/);
  await checkPage(page, 'i11-sign-off-refused');

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
  await page.waitForURL(/\/timetable$/);
  assert.match(await page.locator('main').innerText(), /bank holiday/i);
  await checkPage(page, 'i12-timetable');

  // A site and its letter; sending waits for every inspectorate's authority (R14).
  await page.click('nav[aria-label="Parts of this inspection"] a:has-text("Sites and letters")');
  await page.click('summary:has-text("Add a fieldwork site")');
  await page.click('button:has-text("Add the site")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.ok(await page.locator('.govuk-error-summary li').count() >= 2, 'every error at once');
  await checkPage(page, 'i13-site-error');
  await choose('#body_id', /Kent/);
  await page.fill('#fieldwork_starts_on', '1');
  await page.fill('#fieldwork_starts_on-month', '3');
  await page.fill('#fieldwork_starts_on-year', String(new Date().getUTCFullYear() + 1));
  await page.click('button:has-text("Add the site")');
  await page.waitForURL(/\/sites$/);
  await page.click('summary:has-text("Write a letter")');
  await choose('#site_id', /Kent/);
  await page.fill('#addressee', 'Chief Constable, Kent Police');
  await page.fill('#signed_by', 'Senior responsible officer, HMICFRS');
  await page.fill('#body', 'We will inspect your force.');
  await page.click('button:has-text("Save the letter")');
  await page.waitForURL(/#letters$/);
  await page.click('button:has-text("Ask every inspectorate to authorise")');
  await page.waitForURL(/#letters$/);
  assert.match(await page.locator('#letters ~ .govuk-summary-card').first().innerText(), /Awaiting agreement/);
  assert.equal((await page.locator('label[for=site_id]').textContent()).trim(), 'Fieldwork site');
  // The notice of what awaits links to the decision on the decisions page.
  await page.click('.govuk-inset-text a:has-text("See the decision")');
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
  assert.doesNotMatch(text, /Modern slavery/, 'not signed off: not public');
  await pub.click('a:has-text("Joint inspection of Hate crime")');
  await checkPage(pub, 'i16-public-terms');
  assert.match(await pub.locator('main').innerText(), /The inspection question/);
});
