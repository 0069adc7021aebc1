// Stage 6's approval chain in Chromium (M 37-40; R11), on the demo's
// inspection of hate crime: the lead inspector submits each step on the
// report page; each inspectorate's Development Group representative agrees
// it, an HM Inspector of each approves it; the submitter is offered no
// approval of their own; critical readers are named (the form empty, bad
// and with 20,000 characters), the report sent to them, a response not
// accepted refused without a reason; then the final sign-off by each.
// axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage, demoPerson as demoPersonIn, demoInspection, fillDate } from '../support/browser.mjs';
import { startServer, adminClient } from '../support/server.mjs';

let server;
let browser;
let admin;
let path;

before(async () => {
  server = await startServer({ extraArgs: ['--demo'] });
  admin = await adminClient(server);
  browser = await launchBrowser();
  const demo = await demoInspection(admin);
  path = `/inspections/${demo.id}/report`;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const people = {};
async function as(email) {
  if (!people[email]) people[email] = (await demoPersonIn(browser, server, admin, email)).p;
  const p = people[email];
  await p.goto(server.base + path);
  return p;
}
const summaryOf = (p) => p.locator('.govuk-error-summary li').allInnerTexts();
const stepText = (p, step) => p.locator(`#step-${step}`).innerText();

// What each step's button says, in a sentence's own capitals.
const submitWords = {
  agreement: "Submit for Development Group representatives' agreement",
  approval: 'Submit for approval by HM Inspectors and Chief Inspectors',
  critical_reading: 'Send to the critical readers',
  sign_off: 'Submit for final sign-off',
};

async function submit(p, step, shot) {
  assert.equal(await p.locator(`#step-${step} form[action$="/approval-steps"] button`).innerText(), submitWords[step]);
  await p.click(`#step-${step} form[action$="/approval-steps"] button`);
  await p.waitForURL(/#approval/);
  assert.doesNotMatch(await p.locator('#notice').innerText(), /Your changes have been saved/);
  await checkPage(p, shot);
  assert.match(await stepText(p, step), /Awaiting approvals|Submitted on/);
}

async function approve(email, step, shot) {
  const p = await as(email);
  await p.click(`#step-${step} button:has-text("Approve for your inspectorate")`);
  await p.waitForURL(/#approval/);
  await checkPage(p, shot);
  // The banner says what happened: which submission (when, in words, not
  // the version's number), for whom, at which step.
  const said = await p.locator('#notice').innerText();
  assert.match(said, /^You approved the report as submitted on \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2} for [^:]+: /, said);
  assert.doesNotMatch(said, /\d{6,}/, said);
  assert.match(said, { agreement: /Development Group representatives' agreement\.$/, approval: /: approval by HM Inspectors and Chief Inspectors\.$/, sign_off: /: final sign-off\.$/ }[step], said);
}

test('M37_M38_M39_M40_the_demo_report_walks_the_approval_chain', async () => {
  const lead = await as('lead.hmicfrs@jointly.invalid');
  await checkPage(lead, 'a01-report-chain');
  const text = await lead.locator('main').innerText();
  assert.match(text, /Approval of the report/);
  assert.match(text, /Development Group representatives' agreement \(M 37\)\s+Not submitted/);
  assert.match(text, /never by whoever submitted it/);
  assert.equal(await lead.locator('#step-approval button').count(), 0, 'not before M 37');
  await submit(lead, 'agreement', 'a02-agreement-submitted');
  // The submitter is offered no approval.
  assert.equal(await lead.locator('#step-agreement button:has-text("Approve")').count(), 0);
  await approve('dg.hmicfrs@jointly.invalid', 'agreement', 'a03-police-agrees');
  await approve('dg.hmcpsi@jointly.invalid', 'agreement', 'a04-cps-agrees');
  await lead.goto(server.base + path);
  assert.match(await stepText(lead, 'agreement'), /Complete[\s\S]*HMICFRS: Approved by[\s\S]*HMCPSI: Approved by/);
  await submit(lead, 'approval', 'a05-approval-submitted');
  await approve('director.hmicfrs@jointly.invalid', 'approval', 'a06-police-approves');
  await approve('deputy.hmcpsi@jointly.invalid', 'approval', 'a07-cps-approves');

  // Critical readers: empty, bad, too long, then named.
  await lead.goto(server.base + path);
  await lead.click('summary:has-text("Name a critical reader")');
  await lead.selectOption('#scope', 'more');
  await lead.click('button:has-text("Name the critical reader")');
  await checkPage(lead, 'a08-reader-empty');
  const empty = await summaryOf(lead);
  assert.ok(empty.some((e) => /critical reader's name/.test(e)), empty.join(' | '));
  assert.ok(empty.some((e) => /what more than factual accuracy/i.test(e)), empty.join(' | '));
  assert.ok(empty.some((e) => /deadline/.test(e)), empty.join(' | '));
  await lead.fill('#name', 'Dr Ada Reader');
  await lead.fill('#asked', 'x'.repeat(20001));
  await fillDate(lead, 'deadline', '2026-02-30');
  await lead.click('button:has-text("Name the critical reader")');
  await checkPage(lead, 'a09-reader-bad');
  assert.equal(await lead.inputValue('#name'), 'Dr Ada Reader', 'what was typed is kept');
  const bad = await summaryOf(lead);
  assert.equal(bad.length, 2, bad.join(' | '));
  await lead.fill('#asked', 'x'.repeat(19950) + ' Whether the recommendations can be achieved');
  await fillDate(lead, 'deadline', '2026-12-24');
  await lead.fill('#organisation', 'University of Leeds');
  await lead.click('button:has-text("Name the critical reader")');
  await lead.waitForURL(/#critical-readers/);
  await checkPage(lead, 'a10-reader-named');
  assert.match(await lead.locator('main').innerText(), /Dr Ada Reader, University of Leeds[\s\S]*24 December 2026/);

  await submit(lead, 'critical_reading', 'a11-sent-to-readers');
  assert.equal(await lead.locator('#step-sign_off button').count(), 0, 'not before every response is answered');
  // Saved empty: refused at the response, not reported as saved.
  await lead.locator('.govuk-summary-card', { hasText: 'Dr Ada Reader' }).locator('button:has-text("Save the response")').click();
  await checkPage(lead, 'a11b-response-empty');
  const emptyResponse = await summaryOf(lead);
  assert.deepEqual(emptyResponse, ["Enter the critical reader's response"]);
  assert.equal(await lead.locator('#notice').count(), 0);
  // Not accepted, with neither a response nor a reason: both at once.
  await lead.locator('.govuk-summary-card', { hasText: 'Dr Ada Reader' }).locator('select[id^="outcome-"]').selectOption('not_accepted');
  await lead.locator('.govuk-summary-card', { hasText: 'Dr Ada Reader' }).locator('button:has-text("Save the response")').click();
  await lead.locator('.govuk-error-summary').waitFor();
  assert.equal((await summaryOf(lead)).length, 2, (await summaryOf(lead)).join(' | '));
  const reader = lead.locator('.govuk-summary-card', { hasText: 'Dr Ada Reader' });
  await reader.locator('textarea[id^="response-"]').fill('March is too soon for the first recommendation.');
  await reader.locator('select[id^="outcome-"]').selectOption('not_accepted');
  await reader.locator('button:has-text("Save the response")').click();
  await checkPage(lead, 'a12-response-no-reason');
  const noReason = await summaryOf(lead);
  assert.ok(noReason.some((e) => /why the response was not accepted/.test(e)), noReason.join(' | '));
  const again = lead.locator('.govuk-summary-card', { hasText: 'Dr Ada Reader' });
  assert.equal(await again.locator('textarea[id^="response-"]').inputValue(), 'March is too soon for the first recommendation.');
  await again.locator('textarea[id^="reason-"]').fill('The Home Office agreed March in writing.');
  await again.locator('button:has-text("Save the response")').click();
  await lead.waitForURL(/#critical-readers/);
  await checkPage(lead, 'a13-response-answered');
  assert.match(await stepText(lead, 'critical_reading'), /Complete/);

  await submit(lead, 'sign_off', 'a14-sign-off-submitted');
  await approve('chief.hmicfrs@jointly.invalid', 'sign_off', 'a15-police-signs-off');
  await approve('deputy.hmcpsi@jointly.invalid', 'sign_off', 'a16-cps-signs-off');
  await lead.goto(server.base + path);
  assert.match(await stepText(lead, 'sign_off'), /Final sign-off \(M 40\)\s+Complete/);
  await lead.goto(server.base + path.replace(/\/report$/, ''));
  await checkPage(lead, 'a17-overview');
  assert.match(await lead.locator('main').innerText(), /Final sign-off by every inspectorate/);
});
