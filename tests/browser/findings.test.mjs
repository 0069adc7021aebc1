// Stage 5 of a joint inspection in Chromium: the demo's inspection of hate
// crime on its emerging-findings page (the meeting held with both
// inspectorates present, the report structure agreed), the meeting's form
// empty, with a bad date, with 20,000 characters and saved unchanged, and a
// section added after every error at once (one too long), which lapses the structure's
// agreement; a section changed, moved and removed, the structure kept in
// order; the agreement not offered while an inspectorate is absent. axe-core
// on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage, fillDate, demoPerson as demoPersonIn, adminPage, demoInspection } from '../support/browser.mjs';
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

const demoPerson = (email) => demoPersonIn(browser, server, admin, email);

const sectionsNow = async () => (await admin.get(api)).json.report_sections;
const orderNow = async () => (await sectionsNow()).map((s) => `${s.position} ${s.title}`);

after(async () => {
  await browser?.close();
  await server?.stop();
});

const summary = () => page.locator('.govuk-error-summary li').allInnerTexts();
const main = () => page.locator('main').innerText();

test('R17_the_demo_inspection_shows_its_emerging_findings_meeting_and_agreed_report_structure', async () => {
  await page.goto(url);
  assert.match(await main(), /Evaluation and emerging findings/);
  await page.click('nav[aria-label="Parts of this inspection"] a:has-text("Emerging findings")');
  await checkPage(page, 'f01-findings');
  const text = await main();
  assert.match(text, /Development Group representatives involved\s+Both Development Group representatives/);
  assert.doesNotMatch(text, /Not yet recorded as present/);
  assert.match(text, /Report structure[\s\S]*Agreement:\s+Agreed by every inspectorate/);
  assert.match(text, /Building and prosecuting the case\s[\s\S]*HMCPSI/);
  assert.match(text, /Quality assurance of the evidence[\s\S]*Agreement:\s+Agreed by every inspectorate/);
});

test('the emerging-findings meeting form: empty, bad, 20,000 characters, then saved unchanged', async () => {
  await page.goto(url + '/findings');
  await page.click('summary:has-text("Record the meeting")');
  // Empty: the date cleared and something shared without saying what.
  await page.fill('#held_on', '');
  await page.fill('#held_on-month', '');
  await page.fill('#held_on-year', '');
  await page.selectOption('#sharing', 'shared');
  await page.fill('#shared', '');
  await page.click('button:has-text("Save the meeting")');
  await page.locator('.govuk-error-summary').waitFor();
  let errors = await summary();
  assert.equal(errors.length, 2, errors.join(' | '));
  assert.match(errors[0], /Enter the date of the meeting: a meeting recorded as held keeps its date/);
  assert.match(errors[1], /Say what is shared/);
  await checkPage(page, 'f02-meeting-empty');
  // Bad: a date that is not one, nothing said of what is shared and the
  // representatives' part too long: every error at once, what was typed kept.
  await fillDate(page, 'held_on', '2017-02-28');
  await page.fill('#held_on', '31');
  await page.fill('#dg_involvement', 'Both took part. '.repeat(1251).slice(0, 20001));
  await page.click('button:has-text("Save the meeting")');
  await page.locator('.govuk-error-summary').waitFor();
  errors = await summary();
  assert.equal(errors.length, 3, errors.join(' | '));
  assert.match(errors[0], /real date|date/i);
  assert.match(errors[1], /Development Group representatives involved to 20,000 characters/);
  assert.match(errors[2], /Say what is shared/);
  assert.equal((await page.inputValue('#dg_involvement')).length, 20001);
  await checkPage(page, 'f03-meeting-every-error');
  const dg = (await admin.get(url.replace(server.base, '/api/v1'))).json.findings_meeting.dg_involvement ?? '';
  await page.fill('#dg_involvement', dg);
  await page.fill('#shared', 'The emerging findings, at each debrief');
  await page.click('button:has-text("Save the meeting")');
  await page.locator('.govuk-error-summary').waitFor();
  errors = await summary();
  assert.equal(errors.length, 1, errors.join(' | '));
  assert.match(errors[0], /real date|date/i);
  assert.equal(await page.inputValue('#held_on'), '31');
  assert.equal(await page.inputValue('#shared'), 'The emerging findings, at each debrief');
  await checkPage(page, 'f03-meeting-bad');
  // 20,000 characters are kept whole.
  const long = 'Findings shared. '.repeat(1177).slice(0, 20000);
  await fillDate(page, 'held_on', '2017-10-19');
  await page.fill('#shared', long);
  await page.click('button:has-text("Save the meeting")');
  await page.waitForURL(/\/findings\?done=inspection-saved/);
  await checkPage(page, 'f04-meeting-long');
  const view = (await admin.get(url.replace(server.base, '/api/v1'))).json;
  assert.equal(view.findings_meeting.shared, long);
  assert.equal(view.structure_agreement, 'lapsed', 'a change to the meeting lapses the structure agreed');
  // Saved unchanged: said so.
  await page.click('summary:has-text("Record the meeting")');
  await page.click('button:has-text("Save the meeting")');
  await page.waitForURL(/\/findings\?done=inspection-unchanged/);
  assert.match(await main(), /You made no changes/);
  // Back to a short summary, so the pages after this one are of a usual length.
  const now = (await admin.get(url.replace(server.base, '/api/v1'))).json.findings_meeting;
  const reset = await admin.patch(url.replace(server.base, '/api/v1') + '/findings-meeting', { shared: 'A summary, at each debrief', version: now.version });
  assert.equal(reset.status, 200, reset.text);
});

test('a section of the report structure: every error at once, then added and the agreement asked again', async () => {
  await page.goto(url + '/findings');
  await page.click('summary:has-text("Add a section")');
  await page.fill('#position', '0');
  await page.fill('#title', '');
  // One character over what a section's summary may hold, as every long
  // text of an inspection.
  await page.fill('#covers', 'What it covers. '.repeat(1251).slice(0, 20001));
  await page.click('button:has-text("Add the section")');
  await page.locator('.govuk-error-summary').waitFor();
  const errors = await summary();
  assert.equal(errors.length, 3, errors.join(' | '));
  assert.equal((await page.inputValue('#covers')).length, 20001, 'what was typed is kept');
  await checkPage(page, 'f05-section-errors');
  await page.fill('#position', '5');
  await page.fill('#title', 'Annex: methodology');
  await page.fill('#covers', 'How the evidence was gathered');
  await page.click('button:has-text("Add the section")');
  await page.waitForURL(/\/findings\?done=inspection-saved/);
  assert.match(await main(), /Annex: methodology[\s\S]*Every inspectorate jointly/);
  await page.click('button:has-text("Ask every inspectorate to agree the report structure")');
  await page.waitForURL(/\/findings\?done=inspection-asked/);
  assert.match(await main(), /Agreement:\s+Awaiting/);
  await checkPage(page, 'f06-structure-asked');
});

test('a section of the report structure: its change form saved unchanged leaves the record as it was', async () => {
  const before = (await sectionsNow()).find((s) => s.title === 'Building and prosecuting the case');
  await page.goto(url + '/findings');
  await page.click('a:has-text("Change Building and prosecuting the case")');
  await page.waitForURL(/\/sections\/\d+$/);
  await checkPage(page, 'f07-section-change');
  assert.equal(await page.inputValue('#position'), String(before.position));
  assert.equal(await page.inputValue('#title'), before.title);
  assert.equal(await page.inputValue('#contributor_id'), String(before.contributor_id));
  assert.equal(await page.inputValue('#covers'), before.covers);
  await page.click('button:has-text("Save the section")');
  await page.waitForURL(/\/findings\?done=inspection-unchanged/);
  assert.match(await main(), /You made no changes/);
  const after = (await sectionsNow()).find((s) => s.id === before.id);
  assert.deepEqual(after, before, 'saved unchanged: the record is unchanged');
});

test('section_order_sections_changed_moved_and_removed_on_the_page_stay_numbered_in_order', async () => {
  assert.deepEqual((await orderNow()).slice(3), ['4 Conclusions and recommendations', '5 Annex: methodology']);
  await page.goto(url + '/findings');
  await page.click('a:has-text("Change Annex: methodology")');
  // Every error at once, what was typed kept.
  await page.fill('#position', '7');
  await page.fill('#title', '');
  await page.click('button:has-text("Save the section")');
  await page.locator('.govuk-error-summary').waitFor();
  const errors = await summary();
  assert.equal(errors.length, 2, errors.join(' | '));
  assert.match(errors.join(' '), /Choose a position from 1 to 5/);
  assert.equal(await page.inputValue('#position'), '7');
  await checkPage(page, 'f08-section-change-errors');
  // Moved to the front: the rest shift down one.
  await page.fill('#position', '1');
  await page.fill('#title', 'Annex: methodology');
  await page.click('button:has-text("Save the section")');
  await page.waitForURL(/\/findings\?done=section-saved/);
  assert.deepEqual((await orderNow()).slice(0, 2), ['1 Annex: methodology', '2 Introduction and context']);
  await page.click('button:has-text("Move down Annex: methodology")');
  await page.waitForURL(/\/findings\?done=section-moved/);
  assert.deepEqual((await orderNow()).slice(0, 2), ['1 Introduction and context', '2 Annex: methodology']);
  await page.click('button:has-text("Move up Conclusions and recommendations")');
  await page.waitForURL(/\/findings\?done=section-moved/);
  await checkPage(page, 'f09-section-moved');
  assert.deepEqual((await orderNow()).slice(3), ['4 Conclusions and recommendations', '5 Building and prosecuting the case']);
  // Removing asks first; Cancel keeps it.
  await page.click('a:has-text("Remove Annex: methodology")');
  await page.waitForURL(/\/sections\/\d+\/delete$/);
  assert.equal(await page.locator('#removal').innerText(), 'Are you sure you want to remove the section “Annex: methodology”?');
  await checkPage(page, 'f09b-section-remove-confirm');
  await page.click('main a:has-text("Cancel")');
  await page.waitForURL(/\/findings#structure$/);
  assert.deepEqual((await orderNow()).slice(1, 2), ['2 Annex: methodology']);
  // Removed: the banner names it, and the gap closes.
  await page.click('a:has-text("Remove Annex: methodology")');
  await page.click('main button:has-text("Remove")');
  await page.waitForURL(/\/findings\?done=section-removed/);
  assert.match(await main(), /The section has been removed from the report structure/);
  assert.deepEqual(await orderNow(), [
    '1 Introduction and context', '2 Identifying hate crime and supporting victims',
    '3 Conclusions and recommendations', '4 Building and prosecuting the case',
  ]);
  assert.equal((await admin.get(api)).json.structure_agreement, 'lapsed');
});

test('R17_the_structure_is_not_offered_for_agreement_while_an_inspectorate_is_absent_and_says_what_is_missing', async () => {
  // The administrator speaks for no inspectorate: no presence of theirs to remove.
  await page.goto(url + '/findings');
  assert.equal(await page.locator('table:has(caption:has-text("Inspectorates present")) a:has-text("Remove")').count(), 0);
  const cps = await demoPerson('lead.hmcpsi@jointly.invalid');
  await cps.p.goto(url + '/findings');
  // Someone of another inspectorate is told what falls to them here.
  assert.match(await cps.p.locator('#what-you-do').innerText(),
    /HMICFRS leads this inspection[\s\S]*Each inspectorate records its own presence[\s\S]*joint decisions/);
  // HMCPSI removes its own presence, and only its own.
  assert.equal(await cps.p.locator('a:has-text("Remove HMICFRS")').count(), 0);
  await cps.p.click('a:has-text("Remove HMCPSI")');
  await cps.p.waitForURL(/\/attendance\/\d+\/delete$/);
  assert.equal(await cps.p.locator('#removal').innerText(), "Are you sure you want to remove HMCPSI's attendance?");
  await checkPage(cps.p, 'f10a-attendance-remove-confirm');
  await cps.p.click('main button:has-text("Remove")');
  await cps.p.waitForURL(/\/findings\?done=attendance-removed/);
  assert.match(await cps.p.locator('main').innerText(), /Your inspectorate's presence at the emerging-findings meeting has been removed/);
  await checkPage(cps.p, 'f10-attendance-removed');
  // The lead is not offered the agreement, and is told what is missing.
  await page.goto(url + '/findings');
  assert.equal(await page.locator('button:has-text("Ask every inspectorate to agree the report structure")').count(), 0);
  assert.match(await main(), /can go to every inspectorate for agreement once:\s+Every participating inspectorate must be present: record HMCPSI at the meeting/);
  await checkPage(page, 'f11-structure-missing');
  // HMCPSI records itself present again: the agreement is offered.
  await cps.p.click('summary:has-text("Record an inspectorate as present")');
  await cps.p.selectOption('#inspectorate_id', { label: 'HMCPSI' });
  await cps.p.fill('#attendees', 'Lead inspector');
  await cps.p.click('button:has-text("Record as present")');
  await cps.p.waitForURL(/\/findings\?done=/);
  await cps.context.close();
  await page.goto(url + '/findings');
  assert.doesNotMatch(await main(), /can go to every inspectorate for agreement once/);
  await page.click('button:has-text("Ask every inspectorate to agree the report structure")');
  await page.waitForURL(/\/findings\?done=inspection-asked/);
});

test('a declined report structure says who declined it and why, on the findings page, the decisions page and the asker\'s home', async () => {
  const cps = await demoPerson('dg.hmcpsi@jointly.invalid');
  await cps.p.goto(server.base + '/decisions');
  const card = cps.p.locator('.govuk-summary-card', { hasText: 'Agree the report structure of the joint inspection of Hate crime' }).first();
  // The subject says which structure in words, not by a version number.
  assert.match(await card.innerText(), /Hate crime, as it stood on \d{1,2} [A-Z][a-z]+ \d{4}/);
  assert.doesNotMatch(await card.innerText(), /\(version \d+\)/);
  await card.locator('input[value="decline"]').check();
  await card.locator('textarea[name="reason"]').fill('The case-building section needs the CPS view first.');
  await card.locator('button:has-text("Send answer")').click();
  await cps.p.waitForURL(/done=decision-declined/);
  const declined = cps.p.locator('.govuk-summary-card', { hasText: 'Agree the report structure of the joint inspection of Hate crime' }).first();
  assert.match(await declined.innerText(), /HMCPSI: Declined by [^,\n]+, because: The case-building section needs the CPS view first\./);
  await cps.context.close();
  // The findings page shows who declined and why beside the agreement.
  await page.goto(url + '/findings');
  assert.match(await main(), /Agreement:\s+Declined\s+[^\n]+ declined for HMCPSI: The case-building section needs the CPS view first\./);
  await checkPage(page, 'f12-structure-declined');
  // The administrator asked: their home lists what was declined.
  await page.goto(server.base + '/');
  assert.match(await main(), /What you asked that was declined\s+Declined: Agree the report structure of the joint inspection of Hate crime[^\n]*\n+[^\n]+ declined for HMCPSI: The case-building section needs the CPS view first\./);
  await checkPage(page, 'f13-home-declined');
});

test('audit_trail_in_words_the_audit_page_names_people_inspectorates_records_and_fields', async () => {
  for (const kind of ['joint_decision', 'report_section', 'meeting_attendance']) {
    await page.goto(`${server.base}/audit?entity_type=${kind}&limit=100`);
    const rows = await page.locator('main table').allInnerTexts();
    const text = rows.join('\n');
    assert.doesNotMatch(text, /\b[a-z]+_[a-z_]+\b/, `${kind}: no field or choice written as code`);
    assert.doesNotMatch(text, /By user|Mine to answer|Subject page|Raised by/, `${kind}: fields by their labels`);
    assert.doesNotMatch(text, /(Awaiting an answer from|Inspectorates concerned|Answered by|Asked by): [\d; →]+(\n|,|$)/, `${kind}: inspectorates and people by name`);
    assert.doesNotMatch(text, /(Report section|Joint decision|Attendance at the emerging-findings meeting) \d+(\t|\n|$)/, `${kind}: records by their titles`);
    assert.ok(rows.length > 0 && text.length > 0, `${kind}: the audit trail lists them`);
  }
  await checkPage(page, 'f14-audit-in-words');
});
