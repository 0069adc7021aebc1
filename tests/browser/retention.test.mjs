// Stage 8 in Chromium (M 48, R22), on the demo's inspection of hate crime:
// the lead team agrees the retention schedules with the publication date
// (the form empty, with a date that is not one, then tomorrow), which
// makes HMCPSI's evidence due today; HMICFRS places a legal hold (the form
// empty, with 20,000 characters, then a reason; the agreement saved
// unchanged keeps its date); HMCPSI may neither
// destroy under it nor lift it; HMICFRS lifts it; HMICFRS is refused the
// destruction of HMCPSI's item; HMCPSI destroys it, asked first, and the
// certificate is listed and the evidence register says how it went; what
// is due for HMCPSI is listed. axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage, demoPerson as demoPersonIn, demoInspection, fillDate } from '../support/browser.mjs';
import { startServer, adminClient } from '../support/server.mjs';

let server;
let browser;
let admin;
let demo;

before(async () => {
  server = await startServer({ extraArgs: ['--demo'] });
  admin = await adminClient(server);
  browser = await launchBrowser();
  demo = await demoInspection(admin);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const people = {};
async function as(email, path = `/inspections/${demo.id}/retention`) {
  if (!people[email]) people[email] = (await demoPersonIn(browser, server, admin, email)).p;
  const p = people[email];
  await p.goto(server.base + path);
  return p;
}
const summaryOf = (p) => p.locator('.govuk-error-summary').innerText();
const notice = (p) => p.locator('#notice').innerText();
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

// Posts a form as the page's own forms do (its CSRF token), answering the
// status and the page.
async function postAs(p, action, fields) {
  return p.evaluate(async ({ action, fields }) => {
    const body = new URLSearchParams(fields);
    body.set('csrf_token', document.querySelector('input[name="csrf_token"]').value);
    const res = await fetch(action, { method: 'POST', body, redirect: 'manual' });
    return { status: res.status, text: await res.text() };
  }, { action, fields });
}

test('R22_stage_8_walked_as_the_owner_and_as_another_inspectorate', async () => {
  const base = `/inspections/${demo.id}/retention`;
  const lead = await as('lead.hmicfrs@jointly.invalid');
  await checkPage(lead, 'r01-retention');
  const text = await lead.locator('main').innerText();
  assert.match(text, /Each inspectorate's schedule/);
  assert.match(text, /Electronic evidence: destroyed the day before publication\./);
  assert.match(text, /Not agreed yet/);

  // Agreeing: a date that is not one is refused, what was typed kept.
  await lead.click('summary:has-text("Agree the retention schedules")');
  await lead.fill('#published_on', '31');
  await lead.fill('#published_on-month', '2');
  await lead.fill('#published_on-year', '2027');
  await lead.click('button:has-text("Agree the schedules")');
  await checkPage(lead, 'r02-agreement-bad-date');
  assert.match(await summaryOf(lead), /publication date/i);
  assert.equal(await lead.inputValue('#published_on'), '31');
  // Empty: agreed, with no publication date yet.
  await lead.fill('#published_on', '');
  await lead.fill('#published_on-month', '');
  await lead.fill('#published_on-year', '');
  await lead.click('button:has-text("Agree the schedules")');
  await lead.waitForURL(/#agreement/);
  assert.match(await notice(lead), /retention schedules have been agreed for the inspection, with no publication date: what counts from publication counts from the day the report is published/);
  assert.match(await lead.locator('main').innerText(), /Publication date the schedules count from\s+Not set yet/);
  // Empty again: nothing changed, and it says so rather than "agreed" again.
  await lead.click('summary:has-text("Change the publication date")');
  await lead.click('button:has-text("Save the publication date")');
  await lead.waitForURL(/#agreement/);
  assert.match(await notice(lead), /You made no changes/);
  // Tomorrow: HMCPSI's evidence is due today.
  await lead.click('summary:has-text("Change the publication date")');
  await fillDate(lead, 'published_on', day(1));
  await lead.click('button:has-text("Save the publication date")');
  await lead.waitForURL(/#agreement/);
  await checkPage(lead, 'r03-agreed');
  assert.match(await lead.locator('#due-now').innerText(), /due for review or destruction/);
  // Saved unchanged: the form shows the date as stored, and keeps it.
  const published = await lead.locator('main dl').first().innerText();
  await lead.click('summary:has-text("Change the publication date")');
  assert.equal(await lead.inputValue('#published_on-year'), day(1).slice(0, 4));
  assert.equal(await lead.inputValue('#published_on'), String(Number(day(1).slice(8))));
  await lead.click('button:has-text("Save the publication date")');
  await lead.waitForURL(/#agreement/);
  assert.match(await notice(lead), /You made no changes/);
  assert.equal(await lead.locator('main dl').first().innerText(), published);

  // A legal hold: empty and 20,000 characters refused, what was typed kept.
  await lead.click('summary:has-text("Place a legal hold for HMICFRS")');
  await lead.click('button:has-text("Place the hold")');
  await checkPage(lead, 'r04-hold-empty');
  assert.match(await summaryOf(lead), /reason/i);
  const long = 'x'.repeat(20000);
  await lead.fill('#reason', long);
  await lead.click('button:has-text("Place the hold")');
  await checkPage(lead, 'r05-hold-long');
  assert.match(await summaryOf(lead), /reason/i);
  assert.equal((await lead.inputValue('#reason')).length, 20000);
  await lead.fill('#reason', 'Judicial review of the findings');
  await lead.click('button:has-text("Place the hold")');
  await lead.waitForURL(/#holds/);
  await checkPage(lead, 'r06-held');
  assert.match(await notice(lead), /legal hold has been placed/);

  // HMCPSI: nothing to destroy while held, and the hold is not theirs to lift.
  const cps = await as('lead.hmcpsi@jointly.invalid');
  await checkPage(cps, 'r07-held-as-hmcpsi');
  const held = await cps.locator('main').innerText();
  assert.match(held, /Only HMICFRS, which placed it, can lift it/);
  assert.match(held, /Due, held/);
  assert.equal(await cps.locator('a:has-text("Destroy evidence item")').count(), 0);
  // What is due for HMCPSI across inspections says who holds it.
  await cps.click('a:has-text("What is due for HMCPSI across inspections")');
  await checkPage(cps, 'r07b-due-held');
  const dueRows = await cps.locator('table').innerText();
  assert.match(dueRows, /Hate crime/);
  assert.match(dueRows, /Destroy on/);
  assert.match(dueRows, /HMICFRS/);
  const hid = (await lead.locator('[id^="hold-"]').first().getAttribute('id')).slice('hold-'.length);
  const notTheirs = await postAs(cps, `${base}/holds/${hid}/lift`, { [`lift_reason-${hid}`]: 'Over' });
  assert.equal(notTheirs.status, 403, notTheirs.text.slice(0, 300));
  assert.match(notTheirs.text, /Only HMICFRS, which placed this legal hold, can lift it \(R22\)/);

  // HMICFRS lifts it: a reason is required.
  await lead.goto(server.base + base);
  await lead.click(`#hold-${hid} button:has-text("Lift the hold")`);
  await checkPage(lead, 'r08-lift-empty');
  assert.match(await summaryOf(lead), /reason/i);
  await lead.fill(`#lift_reason-${hid}`, long);
  await lead.click(`#hold-${hid} button:has-text("Lift the hold")`);
  await checkPage(lead, 'r08b-lift-long');
  assert.match(await summaryOf(lead), /reason/i);
  assert.equal((await lead.inputValue(`#lift_reason-${hid}`)).length, 20000);
  await lead.fill(`#lift_reason-${hid}`, 'The review was withdrawn');
  await lead.click(`#hold-${hid} button:has-text("Lift the hold")`);
  await lead.waitForURL(/#holds/);
  assert.match(await notice(lead), /legal hold has been lifted/);

  // HMICFRS is refused the destruction of HMCPSI's item.
  await cps.goto(server.base + base);
  const destroy = cps.locator('a:has-text("Destroy evidence item")').first();
  const href = await destroy.getAttribute('href');
  const eid = href.match(/evidence\/(\d+)\/destroy/)[1];
  await lead.goto(server.base + href);
  await checkPage(lead, 'r09-destroy-not-owner');
  assert.match(await lead.locator('main').innerText(), /Only the inspectorate that owns this item approves its destruction/);
  assert.equal(await lead.locator('button:has-text("Destroy for good")').count(), 0);
  const refused = await postAs(lead, href, {});
  assert.equal(refused.status, 403, refused.text.slice(0, 300));

  // HMCPSI destroys it, asked first.
  await destroy.click();
  await checkPage(cps, 'r10-destroy-confirm');
  assert.equal(await cps.locator('a.govuk-back-link').getAttribute('href'), `/inspections/${demo.id}/retention#items`);
  assert.match(await cps.locator('h1').innerText(), new RegExp(`destroy evidence item ${eid} for good`));
  assert.match(await cps.locator('main').innerText(), /This cannot be undone/);
  await cps.click('button:has-text("Destroy for good")');
  await cps.waitForURL(/#certificates/);
  await checkPage(cps, 'r11-destroyed');
  assert.match(await notice(cps), /destroyed for good/);
  const card = await cps.locator('[id^="certificate-"]').first().innerText();
  assert.match(card, new RegExp(`Evidence item ${eid}`));
  assert.match(card, /HMCPSI's schedule: Destroyed the day before publication/);
  assert.match(card, /[0-9a-f]{64}/);
  assert.match(card, new RegExp(`^Evidence item ${eid} destroyed on \\d{1,2} [A-Z][a-z]+ \\d{4} at \\d{2}:\\d{2}`));
  assert.doesNotMatch(card, /Certificate \d+/, 'no audit sequence number shown to people');
  assert.match(await cps.locator(`#item-${eid}`).innerText(), /Destroyed on .+ under HMCPSI's schedule; its destruction certificate is in the audit trail/);

  // The evidence register says how it went, and its page offers nothing.
  await cps.goto(server.base + `/inspections/${demo.id}/evidence`);
  await checkPage(cps, 'r12-register');
  assert.match(await cps.locator('main').innerText(), /Destroyed on .+ under HMCPSI's schedule; its destruction certificate is in the audit trail/);
  await cps.goto(server.base + `/inspections/${demo.id}/evidence/${eid}`);
  await checkPage(cps, 'r13-destroyed-item');
  assert.match(await cps.locator('#destroyed').innerText(), /cannot be changed, reviewed, attached to/);
  assert.equal(await cps.locator('button:has-text("Save the changes")').count(), 0);
  assert.equal(await cps.locator('button:has-text("Attach the file")').count(), 0);
  const edit = await postAs(cps, `/inspections/${demo.id}/evidence/${eid}`, { summary: 'Again', version: '1' });
  assert.match(edit.text, /\(R22\)/);

  // What is due for HMCPSI across inspections; the task list's stage 8.
  await cps.goto(server.base + '/retention-due');
  await checkPage(cps, 'r14-due');
  assert.match(await cps.locator('h1').innerText(), /Retention due for HMCPSI/);
  await cps.goto(server.base + `/inspections/${demo.id}`);
  await checkPage(cps, 'r15-overview');
  const overview = await cps.locator('main').innerText();
  assert.match(overview, /8\. Retention and destruction/);
  assert.match(overview, /Retention schedules agreed \(R22, needed in stage 8\)/);
});
