// Stage 6 of a joint inspection in Chromium: the demo's inspection of hate
// crime on its findings and recommendations page (each finding with its
// evidence and triangulation, one flagged as resting on a single source;
// two recommendations with their owners' engagement); the finding and
// recommendation forms empty, with bad values and with 20,000 characters,
// every error at once and what was typed kept; an engagement recorded; a
// finding and a recommendation changed on their own pages, every field
// (the evidence, the findings answered) round-tripped when saved
// unchanged. axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage, fillDate, adminPage, demoInspection } from '../support/browser.mjs';
import { startServer, adminClient } from '../support/server.mjs';

let server;
let browser;
let page;
let url;

before(async () => {
  server = await startServer({ extraArgs: ['--demo'] });
  const admin = await adminClient(server);
  browser = await launchBrowser();
  page = await adminPage(browser, server);
  const demo = await demoInspection(admin);
  url = `${server.base}/inspections/${demo.id}`;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const summary = () => page.locator('.govuk-error-summary li').allInnerTexts();
const main = () => page.locator('main').innerText();
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

test('findings_the_demo_shows_its_findings_with_their_evidence_and_one_on_a_single_source_flagged', async () => {
  await page.goto(url);
  await page.click('nav[aria-label="Parts of this inspection"] a:has-text("Findings and recommendations")');
  await checkPage(page, 'r01-report');
  const text = await main();
  assert.match(text, /Finding 1\s[\s\S]*Triangulation\s+\d+ methods?, 2 inspectorates/);
  assert.match(text, /Finding 2 Rests on a single source/);
  assert.match(text, /Recommendation 1\s[\s\S]*Owner\s+Home Office/);
  assert.match(text, /Recommendation 2\s[\s\S]*Owner\s+Ministry of Justice/);
  assert.match(text, /By when\s+\d{1,2} [A-Z][a-z]+ \d{4}/);
  assert.match(text, /Engagement with the owner\s+\d{1,2} [A-Z][a-z]+ \d{4}: Head of hate crime policy \(A meeting on the proposed wording\)/);
  assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/, 'dates in words');
});

test('the finding form: empty, 20,000 characters, then added', async () => {
  await page.goto(url + '/recommendations');
  await page.click('summary:has-text("Add a finding")');
  await page.click('button:has-text("Add the finding")');
  await page.locator('.govuk-error-summary').waitFor();
  let errors = await summary();
  assert.equal(errors.length, 2, errors.join(' | '));
  assert.match(errors[0], /finding/);
  assert.equal(errors[1], 'Choose at least one evidence item the finding rests on');
  await checkPage(page, 'r02-finding-empty');
  // Too long, with no evidence ticked: both named, what was typed kept.
  await page.fill('#statement', 'x'.repeat(20001));
  await page.click('button:has-text("Add the finding")');
  await page.locator('.govuk-error-summary').waitFor();
  errors = await summary();
  assert.match(errors.join(' | '), /20000|20,000/);
  assert.equal((await page.inputValue('#statement')).length, 20001);
  // No evidence ticked: refused at the list.
  await page.fill('#statement', 'y'.repeat(20000));
  await page.click('button:has-text("Add the finding")');
  await page.locator('.govuk-error-summary').waitFor();
  errors = await summary();
  assert.deepEqual(errors, ['Choose at least one evidence item the finding rests on']);
  assert.equal((await page.inputValue('#statement')).length, 20000);
  await checkPage(page, 'r03-finding-no-evidence');
  await page.fill('#statement', 'Victims were rarely told how their case ended');
  await page.locator('input[name="evidence_ids"][type="checkbox"]').first().check();
  await page.click('button:has-text("Add the finding")');
  await page.waitForURL(/done=finding-added/);
  assert.match(await main(), /Finding 3 Rests on a single source\s[\s\S]*Victims were rarely told/);
});

test('R18_the_recommendation_form_names_every_missing_part_at_once', async () => {
  await page.goto(url + '/recommendations');
  await page.click('summary:has-text("Add a recommendation")');
  await page.click('button:has-text("Add the recommendation")');
  await page.locator('.govuk-error-summary').waitFor();
  let errors = await summary();
  assert.deepEqual(errors, [
    'Choose who owns the recommendation', 'Say what must be done', 'Say how it will be measured',
    'Enter the date by when it must be done', 'Choose at least one finding the recommendation answers',
  ]);
  await checkPage(page, 'r04-recommendation-empty');
  // A date already past, 20,000 characters kept.
  await page.selectOption('#owner_id', { label: 'HM Prison and Probation Service' });
  await page.fill('#action', 'a'.repeat(20000));
  await page.fill('#measure', 'Measured by an audit');
  await fillDate(page, 'due_on', day(-1));
  await page.locator('input[name="finding_ids"][type="checkbox"]').first().check();
  await page.click('button:has-text("Add the recommendation")');
  await page.locator('.govuk-error-summary').waitFor();
  errors = await summary();
  assert.deepEqual(errors, ['The date by when it must be done must be in the future']);
  assert.equal((await page.inputValue('#action')).length, 20000);
  assert.equal(await page.locator('input[name="finding_ids"][type="checkbox"]').first().isChecked(), true);
  await checkPage(page, 'r05-recommendation-past');
  await fillDate(page, 'due_on', day(200));
  await page.click('button:has-text("Add the recommendation")');
  await page.waitForURL(/done=recommendation-added/);
  assert.match(await main(), /Recommendation 3\s[\s\S]*Owner\s+HM Prison and Probation Service[\s\S]*Not engaged yet/);
});

test('engagement_with_an_owner_is_recorded_on_its_recommendation', async () => {
  await page.goto(url + '/recommendations');
  await page.click('summary:has-text("Record engagement with an owner")');
  await page.click('button:has-text("Record the engagement")');
  await page.locator('.govuk-error-summary').waitFor();
  const errors = await summary();
  assert.equal(errors.length, 3, errors.join(' | '));
  await checkPage(page, 'r06-engagement-empty');
  await page.selectOption('#recommendation_id', { index: 3 });
  await fillDate(page, 'engaged_on', day(0));
  await page.fill('#who', 'Director of probation policy');
  await page.fill('#said', 'Will respond formally within a month');
  await page.click('button:has-text("Record the engagement")');
  await page.waitForURL(/done=engagement-recorded/);
  assert.match(await main(), /Recommendation 3\s[\s\S]*Director of probation policy[\s\S]*Will respond formally/);
  await checkPage(page, 'r07-engaged');
});

// Every field of an edit form, as the page shows it.
const formValues = (selector) => page.locator(selector).evaluate((form) => {
  const out = {};
  for (const el of form.querySelectorAll('input, textarea, select')) {
    if (el.type === 'hidden' && el.name !== 'version') continue;
    if (el.type === 'checkbox') out[`${el.name}:${el.value}`] = el.checked;
    else out[el.name] = el.value;
  }
  return out;
});

test('findings_a_finding_is_changed_its_evidence_with_it_and_saved_unchanged_stays_as_it_was', async () => {
  await page.goto(url + '/recommendations');
  await page.click('a:has-text("Change Finding 1")');
  await checkPage(page, 'r08-finding-change');
  const form = 'main form:has(#statement)';
  const shown = await formValues(form);
  assert.ok(Object.entries(shown).some(([k, v]) => k.startsWith('evidence_ids:') && v), 'its evidence is ticked');
  // Saved unchanged: every field the same, the version with it.
  await page.click('button:has-text("Save the finding")');
  await page.waitForURL(/done=finding-saved/);
  await page.click('a:has-text("Change Finding 1")');
  assert.deepEqual(await formValues(form), shown);
  // Empty and with no evidence: both named; 20,000 characters kept.
  await page.fill('#statement', '');
  for (const box of await page.locator('input[name="evidence_ids"][type="checkbox"]').all()) await box.uncheck();
  await page.click('button:has-text("Save the finding")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.equal((await summary()).length, 2, (await summary()).join(' | '));
  await checkPage(page, 'r09-finding-change-empty');
  await page.fill('#statement', 's'.repeat(20000));
  await page.click('button:has-text("Save the finding")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.equal((await page.inputValue('#statement')).length, 20000);
  // Changed: a new statement resting on the last item of the register only.
  await page.fill('#statement', 'Hostility is rarely evidenced in case files');
  await page.locator('input[name="evidence_ids"][type="checkbox"]').last().check();
  await page.click('button:has-text("Save the finding")');
  await page.waitForURL(/done=finding-saved/);
  assert.match(await main(), /Finding 1\s[\s\S]*Hostility is rarely evidenced in case files/);
  await page.click('a:has-text("Change Finding 1")');
  const after = await formValues(form);
  assert.equal(Object.entries(after).filter(([k, v]) => k.startsWith('evidence_ids:') && v).length, 1);
});

test('smart_a_recommendation_is_changed_every_field_round_trips_and_a_past_date_is_refused', async () => {
  await page.goto(url + '/recommendations');
  await page.click('a:has-text("Change Recommendation 1")');
  await checkPage(page, 'r10-recommendation-change');
  const form = 'main form:has(#due_on)';
  const shown = await formValues(form);
  assert.ok(shown.owner_id && shown.action && shown.measure && shown['due_on-year'], JSON.stringify(shown));
  await page.click('button:has-text("Save the recommendation")');
  await page.waitForURL(/done=recommendation-saved/);
  await page.click('a:has-text("Change Recommendation 1")');
  assert.deepEqual(await formValues(form), shown, 'saved unchanged, every field is as it was');
  // Bad: no owner, a date past, no finding; what was typed kept.
  await page.selectOption('#owner_id', '');
  await page.fill('#measure', 'm'.repeat(20000));
  await fillDate(page, 'due_on', day(-3));
  for (const box of await page.locator('input[name="finding_ids"][type="checkbox"]').all()) await box.uncheck();
  await page.click('button:has-text("Save the recommendation")');
  await page.locator('.govuk-error-summary').waitFor();
  const errors = await summary();
  assert.ok(errors.includes('The date by when it must be done must be in the future'), errors.join(' | '));
  assert.ok(errors.some((e) => /owns/.test(e)) && errors.some((e) => /finding/.test(e)), errors.join(' | '));
  assert.equal((await page.inputValue('#measure')).length, 20000);
  await checkPage(page, 'r11-recommendation-change-bad');
  // Changed: another owner, the second finding answered too.
  await page.selectOption('#owner_id', { label: 'Ministry of Justice' });
  await page.fill('#measure', 'An audit of 100 files');
  await fillDate(page, 'due_on', day(300));
  for (const box of await page.locator('input[name="finding_ids"][type="checkbox"]').all()) await box.check();
  await page.click('button:has-text("Save the recommendation")');
  await page.waitForURL(/done=recommendation-saved/);
  assert.match(await main(), /Recommendation 1\s[\s\S]*Owner\s+Ministry of Justice[\s\S]*An audit of 100 files/);
  await page.click('a:has-text("Change Recommendation 1")');
  const boxes = page.locator('input[name="finding_ids"][type="checkbox"]');
  assert.equal(await page.locator('input[name="finding_ids"][type="checkbox"]:checked').count(), await boxes.count());
});
