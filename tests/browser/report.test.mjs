// Stage 6 of a joint inspection in Chromium, drafting the report (R18):
// the demo's inspection of hate crime on its report page (two sections
// drafted, one twice, with a comment and a suggested edit open) and a
// section's page with its versions and the words added and removed
// between two; the section's form empty, with 20,000 characters, saved
// unchanged and saved from a stale version with what was typed kept; a
// suggested edit refused at its fields, then accepted by the section's
// author, and a comment resolved. axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage, demoPerson as demoPersonIn, adminPage, demoInspection } from '../support/browser.mjs';
import { startServer, adminClient } from '../support/server.mjs';

let server;
let browser;
let page;
let admin;
let url;
let api;

before(async () => {
  server = await startServer({ extraArgs: ['--demo'] });
  admin = await adminClient(server);
  browser = await launchBrowser();
  page = await adminPage(browser, server);
  const demo = await demoInspection(admin);
  url = `${server.base}/inspections/${demo.id}`;
  api = `/api/v1/inspections/${demo.id}`;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const demoPerson = (email) => demoPersonIn(browser, server, admin, email);
const summaryOf = (p) => p.locator('.govuk-error-summary li').allInnerTexts();
const sectionNamed = async (title) => (await admin.get(api)).json.report_sections.find((s) => s.title === title);
const newest = async (section) => (await admin.get(`/api/v1/report-sections/${section.id}/drafts`)).json.versions[0];

test('R18_the_demo_report_shows_its_drafted_sections_their_versions_and_comments', async () => {
  await page.goto(url);
  await page.click('nav[aria-label="Parts of this inspection"] a:has-text("Report")');
  await checkPage(page, 'r01-report');
  const text = await page.locator('main').innerText();
  assert.match(text, /Identifying hate crime and supporting victims\s[\s\S]*HMICFRS\s+Version 2, saved on [A-Z][a-z]+ \d{1,2} [A-Z][a-z]+ \d{4} by /);
  assert.match(text, /Introduction and context\s[\s\S]*Not drafted yet/);
  assert.match(text, /2 comments or suggested edits are waiting/);
  // Each section says what awaits its author, each kind in its own words.
  assert.match(text, /1 open comment and 1 suggested edit/);
  assert.match(text, /Red lines[\s\S]*Confirmation:\s+Not asked yet/);
  assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}|report_red_lines/, 'words, not codes');
  await page.click('a:has-text("Identifying hate crime and supporting victims")');
  await checkPage(page, 'r02-section');
  // The two newest versions are offered for comparison.
  assert.equal(await page.inputValue('#from'), '1');
  assert.equal(await page.inputValue('#to'), '2');
  await page.click('button:has-text("Compare")');
  await page.waitForURL(/from=1&to=2/);
  const section = await page.locator('main').innerText();
  assert.match(section, /From version 1 to version 2/);
  assert.match(section, /Suggested edit by [\s\S]*Replace “few were told why” with “few were told what support was available”/);
  // The words added and removed, marked for everyone, screen readers too.
  assert.equal(await page.locator('#difference-text ins').first().textContent(), 'added: inconsistently, so the investigating officer often did not know.');
  assert.equal(await page.locator('#difference-text del').first().textContent(), 'removed: inconsistently.');
  // Compare the other way round.
  await page.selectOption('#from', '2');
  await page.selectOption('#to', '1');
  await page.click('button:has-text("Compare")');
  await page.waitForURL(/from=2&to=1/);
  assert.match(await page.locator('main').innerText(), /From version 2 to version 1/);
  await checkPage(page, 'r03-compare');
});

test('the section form: empty, 20,000 characters, saved unchanged, and a stale save keeps what was typed', async () => {
  const lead = await demoPerson('lead.hmicfrs@jointly.invalid');
  const p = lead.p;
  const s = await sectionNamed('Identifying hate crime and supporting victims');
  await p.goto(`${url}/report/sections/${s.id}`);
  // Empty: refused at the field.
  await p.fill('#text', '');
  await p.click('button:has-text("Save as a new version")');
  await p.locator('.govuk-error-summary').waitFor();
  let errors = await summaryOf(p);
  assert.equal(errors.length, 1, errors.join(' | '));
  assert.match(errors[0], /Enter the text of the section/);
  await checkPage(p, 'r04-section-empty');
  // 20,000 characters are kept whole, as version 3.
  const long = 'Victims were supported. '.repeat(834).slice(0, 20000);
  await p.fill('#text', long);
  await p.click('button:has-text("Save as a new version")');
  await p.waitForURL(/\?done=section-drafted/);
  await checkPage(p, 'r05-section-long');
  let saved = await newest(s);
  assert.equal(saved.number, 3);
  assert.equal(saved.text, long);
  // Saved unchanged: no new version, and said so.
  await p.click('button:has-text("Save as a new version")');
  await p.waitForURL(/\?done=inspection-unchanged/);
  assert.match(await p.locator('main').innerText(), /You made no changes/);
  assert.equal((await newest(s)).number, 3);
  // Someone saves in another window; this one's save is refused, its text kept.
  const other = await lead.context.newPage();
  await other.goto(`${url}/report/sections/${s.id}`);
  await other.fill('#text', 'Victims were rarely referred to specialist support.');
  await other.click('button:has-text("Save as a new version")');
  await other.waitForURL(/\?done=section-drafted/);
  await p.fill('#text', 'My own words');
  await p.click('button:has-text("Save as a new version")');
  await p.locator('.govuk-error-summary').waitFor();
  errors = await summaryOf(p);
  assert.match(errors.join(' '), /Someone saved this section since you opened it/);
  assert.equal(await p.inputValue('#text'), 'My own words');
  await checkPage(p, 'r06-section-stale');
  saved = await newest(s);
  assert.equal(saved.number, 4);
  await lead.context.close();
});

test('R18_a_suggested_edit_is_accepted_by_the_author_and_a_comment_resolved', async () => {
  const rep = await demoPerson('dg.hmcpsi@jointly.invalid');
  const s = await sectionNamed('Building and prosecuting the case');
  await rep.p.goto(`${url}/report/sections/${s.id}`);
  // A representative comments but does not write the section.
  assert.equal(await rep.p.locator('button:has-text("Save as a new version")').count(), 0);
  await rep.p.click('summary:has-text("Comment or suggest an edit")');
  await rep.p.selectOption('#kind', 'suggestion');
  await rep.p.fill('#replace', 'words the section does not have');
  await rep.p.fill('#with', 'other words');
  await rep.p.click('button:has-text("Add")');
  await rep.p.locator('.govuk-error-summary').waitFor();
  const errors = await summaryOf(rep.p);
  assert.equal(errors.length, 1, errors.join(' | '));
  assert.match(errors[0], /exactly as the newest version of the section has them/);
  assert.equal(await rep.p.inputValue('#replace'), 'words the section does not have', 'what was typed is kept');
  await checkPage(rep.p, 'r07-suggestion-bad');
  await rep.p.fill('#replace', 'under half');
  await rep.p.fill('#with', 'fewer than half');
  await rep.p.click('button:has-text("Add")');
  await rep.p.waitForURL(/\?done=section-commented/);
  await rep.context.close();
  // HMCPSI's lead inspector, the author, declines without a reason, then accepts.
  const cps = await demoPerson('lead.hmcpsi@jointly.invalid');
  await cps.p.goto(`${url}/report/sections/${s.id}`);
  const card = cps.p.locator('.govuk-summary-card', { hasText: 'fewer than half' });
  await card.locator('button:has-text("Decline the edit")').click();
  await cps.p.locator('.govuk-error-summary').waitFor();
  assert.match((await summaryOf(cps.p)).join(' '), /Say why you decline the suggested edit/);
  await checkPage(cps.p, 'r08-decline-no-reason');
  await cps.p.locator('.govuk-summary-card', { hasText: 'fewer than half' }).locator('button:has-text("Accept the edit as a new version")').click();
  await cps.p.waitForURL(/\?done=section-comment-answered/);
  assert.match((await newest(s)).text, /fewer than half of the cases we read/);
  await checkPage(cps.p, 'r09-accepted');
  await cps.context.close();
  // HMICFRS's lead resolves the comment on its own section.
  const police = await demoPerson('lead.hmicfrs@jointly.invalid');
  const mine = await sectionNamed('Identifying hate crime and supporting victims');
  await police.p.goto(`${url}/report/sections/${mine.id}`);
  await police.p.locator('.govuk-summary-card', { hasText: 'how many of the cases' }).locator('button:has-text("Mark as resolved")').click();
  await police.p.waitForURL(/\?done=section-comment-answered/);
  assert.equal((await admin.get(api)).json.open_comments, 1);
  // ... and declines the suggested edit on it, with its reason.
  const suggested = police.p.locator('.govuk-summary-card', { has: police.p.locator('button:has-text("Decline the edit")') });
  await suggested.locator('textarea').fill('Not our wording');
  await suggested.locator('button:has-text("Decline the edit")').click();
  await police.p.waitForURL(/\?done=section-comment-answered/);
  assert.match(await police.p.locator('main').innerText(), /Declined: Not our wording/);
  assert.equal((await admin.get(api)).json.open_comments, 0);
  await police.context.close();
});
