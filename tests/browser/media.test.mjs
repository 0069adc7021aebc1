// Stage 7 in Chromium (M 41-47; R11, R21), on an inspection taken through
// stage 6's final sign-off: the lead inspector records a factual accuracy
// check (the form empty, with bad values and with 20,000 characters) and a
// correction on HMCPSI's section, which HMCPSI's lead inspector decides,
// refused without a reason; each inspectorate adds to its own distribution
// list and the address on both is flagged; spokespeople are chosen from
// the people, each inspectorate's Chief Inspector or an HM Inspector, and
// the media plan is refused while HMCPSI has none and its press notice
// does not name them, then saved; the media plan's form shows what was
// saved. axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage, fillDate } from '../support/browser.mjs';
import { startServer } from '../support/server.mjs';
import { day } from '../support/inspection_journey.mjs';
import { stageSevenPeople, stageSeven } from '../support/stage_seven.mjs';

let server;
let browser;
let who;
let path;

before(async () => {
  server = await startServer();
  who = await stageSevenPeople(server, 'media-browser.test');
  const i = await stageSeven(who).stageSeven();
  path = `/inspections/${i.id}/media`;
  // The Chief Inspectors as the people of Jointly name them.
  for (const [key, name] of [['police_chief', 'Andy Cooke'], ['cps_chief', 'Anthony Rogers']]) {
    const id = who.people[key].id;
    const { version } = (await who.admin.get(`/api/v1/users/${id}`)).json;
    const renamed = await who.admin.patch(`/api/v1/users/${id}`, { name, version });
    assert.equal(renamed.status, 200, renamed.text);
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function as(key) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  await p.goto(server.base + '/sign-in');
  await p.fill('#email', `${key}@media-browser.test`);
  await p.fill('#password', who.people[key].password);
  await p.click('button:has-text("Sign in")');
  await p.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  await p.goto(server.base + path);
  return p;
}
const summaryOf = (p) => p.locator('.govuk-error-summary li').allInnerTexts();


test('R21_R11_stage_7_pages_as_the_lead_and_as_another_inspectorate', async () => {
  const lead = await as('police_lead');
  await checkPage(lead, 'm01-media');
  assert.match(await lead.locator('main').innerText(), /Factual accuracy checks[\s\S]*Distribution lists[\s\S]*Media strategy/);

  // A factual accuracy check: empty, bad, 20,000 characters, then saved.
  await lead.click('summary:has-text("Record a factual accuracy check")');
  await lead.click('button:has-text("Record the check")');
  await checkPage(lead, 'm02-check-empty');
  assert.equal((await summaryOf(lead)).length, 4, (await summaryOf(lead)).join(' | '));
  await lead.selectOption('#body_id', { label: 'Home Office' });
  await lead.fill('#extracts', 'x'.repeat(20001));
  await fillDate(lead, 'sent_on', '2027-02-30');
  await fillDate(lead, 'due_on', day(10));
  await lead.click('button:has-text("Record the check")');
  await checkPage(lead, 'm03-check-bad');
  assert.equal((await summaryOf(lead)).length, 2, (await summaryOf(lead)).join(' | '));
  assert.equal((await lead.inputValue('#extracts')).length, 20001, 'what was typed is kept');
  await lead.fill('#extracts', 'x'.repeat(19990) + ' Chapter 2');
  await fillDate(lead, 'sent_on', day(0));
  await lead.click('button:has-text("Record the check")');
  await lead.waitForURL(/#factual-accuracy/);
  await checkPage(lead, 'm04-check-recorded');
  assert.match(await lead.locator('.govuk-notification-banner').innerText(), /factual accuracy check has been recorded/);

  // A correction on HMCPSI's section.
  await lead.click('summary:has-text("Record a correction received")');
  await lead.selectOption('#check_id', { index: 1 });
  await lead.selectOption('#section_id', { index: 1 });
  await fillDate(lead, 'received_on', day(0));
  await lead.fill('#correction', 'There were 41 files, not 40.');
  await lead.click('button:has-text("Record the correction")');
  await lead.waitForURL(/#factual-accuracy/);
  assert.match(await lead.locator('main').innerText(), /Not decided yet/);

  // HMCPSI wrote the section: its lead inspector decides, with a reason.
  const cps = await as('cps_lead');
  await checkPage(cps, 'm05-media-as-hmcpsi');
  await cps.click('a:has-text("Decide")');
  await checkPage(cps, 'm06-correction');
  assert.match(await cps.locator('a.govuk-back-link').getAttribute('href'), /^\/inspections\/\d+\/media#factual-accuracy$/);
  await cps.selectOption('#decision', 'not_accepted');
  await cps.click('button:has-text("Save the decision")');
  await checkPage(cps, 'm07-correction-no-reason');
  assert.ok((await summaryOf(cps)).some((e) => /why the correction was not accepted/.test(e)));
  assert.equal(await cps.inputValue('#decision'), 'not_accepted', 'what was chosen is kept');
  await cps.fill('#reason', 'The sample was 40 files; the 41st was excluded.');
  await cps.click('button:has-text("Save the decision")');
  await cps.waitForURL(/#factual-accuracy/);
  await checkPage(cps, 'm08-correction-decided');
  assert.match(await cps.locator('main').innerText(), /Not accepted by Test cps_lead@media-browser.test \(HMCPSI\)/);

  // Distribution lists: each its own; the address on both flagged.
  for (const [p, name] of [[lead, 'Policing minister'], [cps, 'The minister']]) {
    await p.goto(server.base + path);
    await p.click('summary:has-text("Add someone to")');
    await p.fill('#recipient_name', name);
    await p.fill('#organisation', 'Home Office');
    await p.fill('#email', 'minister@homeoffice.example');
    await p.click('button:has-text("Add to the list")');
    await p.waitForURL(/#distribution/);
  }
  await checkPage(cps, 'm09-lists');
  assert.match(await cps.locator('#distribution ~ table').nth(1).innerText(), /Duplicate/);
  assert.match(await cps.locator('main').innerText(), /The report goes to 1 address\./);
  assert.doesNotMatch(await cps.locator('main').innerText(), /\bSent (once )?by /, 'nothing is sent before publication');
  await lead.goto(server.base + path);
  assert.match(await lead.locator('main').innerText(), /To be sent (once )?by /, 'nothing is sent before publication');

  // Spokespeople are chosen from the people: each inspectorate's Chief
  // Inspector or an HM Inspector (R11). Nobody chosen is refused.
  await lead.goto(server.base + path);
  assert.match(await lead.locator('main').innerText(), /No spokesperson is named for HMICFRS and HMCPSI yet/);
  await lead.click('summary:has-text("Name a spokesperson")');
  await lead.click('button:has-text("Name the spokesperson")');
  await checkPage(lead, 'm10-spokesperson-empty');
  assert.deepEqual(await summaryOf(lead), ['Choose the spokesperson']);
  const offered = await lead.locator('#user_id option').allInnerTexts();
  assert.ok(offered.includes('Andy Cooke, Chief Inspector, HMICFRS'), offered.join(' | '));
  assert.ok(offered.includes('Anthony Rogers, Chief Inspector, HMCPSI'), offered.join(' | '));
  assert.ok(!offered.some((o) => /police_lead|cps_lead/.test(o)), offered.join(' | '));
  await lead.selectOption('#user_id', { label: 'Andy Cooke, Chief Inspector, HMICFRS' });
  await lead.click('button:has-text("Name the spokesperson")');
  await lead.waitForURL(/#spokespeople/);
  // Saved empty: nothing decided, refused naming what to decide. Then the
  // plan is refused while HMCPSI has no spokesperson and the notice does
  // not name one, every error at once, what was typed kept.
  await lead.click('summary:has-text("Change the media plan")');
  await lead.click('button:has-text("Save the media plan")');
  await checkPage(lead, 'm10a-plan-empty');
  const emptyPlan = await summaryOf(lead);
  for (const e of ['Choose who sends the report to stakeholders', 'Choose who takes bids for interview']) {
    assert.ok(emptyPlan.includes(e), emptyPlan.join(' | '));
  }
  assert.equal(await lead.locator('#notice').count(), 0, 'not reported as saved');
  // 20,001 characters of press notice: refused naming the limit, kept as typed.
  await lead.fill('#press_notice', 'Andy Cooke said so. '.repeat(1001).slice(0, 20001));
  await lead.click('button:has-text("Save the media plan")');
  await lead.locator('.govuk-error-summary').waitFor();
  assert.ok((await summaryOf(lead)).some((e) => /press notice to 20,000 characters/.test(e)), (await summaryOf(lead)).join(' | '));
  assert.equal((await lead.inputValue('#press_notice')).length, 20001);
  await lead.selectOption('#sender', 'each_inspectorate');
  await lead.selectOption('#interview_bids', 'shared');
  await lead.fill('#press_notice', 'Andy Cooke said the police must do better.');
  await lead.click('button:has-text("Save the media plan")');
  await checkPage(lead, 'm11-plan-refused');
  const refusedPlan = await summaryOf(lead);
  assert.equal(refusedPlan.length, 2, refusedPlan.join(' | '));
  assert.ok(refusedPlan.every((e) => /HMCPSI/.test(e)), refusedPlan.join(' | '));
  assert.equal(await lead.inputValue('#press_notice'), 'Andy Cooke said the police must do better.');
  // HMCPSI chooses its own, and is offered nobody of HMICFRS.
  await cps.goto(server.base + path);
  await cps.click('summary:has-text("Name a spokesperson")');
  const own = await cps.locator('#user_id option').allInnerTexts();
  assert.ok(!own.some((o) => /HMICFRS/.test(o)), own.join(' | '));
  await cps.selectOption('#user_id', { label: 'Anthony Rogers, Chief Inspector, HMCPSI' });
  await cps.click('button:has-text("Name the spokesperson")');
  await cps.waitForURL(/#spokespeople/);
  await checkPage(cps, 'm12-spokespeople');
  assert.doesNotMatch(await cps.locator('main').innerText(), /No spokesperson is named/);
  await lead.fill('#press_notice', 'Andy Cooke and Anthony Rogers said both must do better.');
  await lead.click('button:has-text("Save the media plan")');
  await lead.waitForURL(/#media/);
  await checkPage(lead, 'm13-notice-saved');
  assert.match(await lead.locator('main').innerText(), /Download the press notice \(DOCX\)/);
  // The form round-trips what was saved.
  await lead.click('summary:has-text("Change the media plan")');
  assert.equal(await lead.inputValue('#sender'), 'each_inspectorate');
  assert.equal(await lead.inputValue('#interview_bids'), 'shared');
  assert.equal(await lead.inputValue('#press_notice'), 'Andy Cooke and Anthony Rogers said both must do better.');
  await lead.click('button:has-text("Save the media plan")');
  await lead.waitForURL(/#media/);
  assert.match(await lead.locator('.govuk-notification-banner').innerText(), /no changes|saved/);
  // HMCPSI is offered no media plan form.
  await cps.goto(server.base + path);
  assert.equal(await cps.locator('summary:has-text("Change the media plan")').count(), 0);

});
