// The owners' portal and the quarterly tracker in Chromium (R21): a person
// of Kent Police, invited in the demo, signs in, sees only Kent Police's
// recommendation, responds (the form empty, then a partial acceptance
// checked before it is sent) and gives an update; a member of the public
// reads the published tracker; the secretariat's pages. axe-core on every
// page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage, fillDate, adminPage } from '../support/browser.mjs';
import { startServer, adminClient } from '../support/server.mjs';

let server;
let browser;
let owner;
let admin;
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
const summary = (p) => p.locator('.govuk-error-summary li').allInnerTexts();

before(async () => {
  server = await startServer({ extraArgs: ['--demo'] });
  admin = await adminClient(server);
  browser = await launchBrowser();
  // The demo's Kent Police person, with a password the administrator resets.
  const users = (await admin.get('/api/v1/users?limit=200')).json.items;
  const kent = users.find((u) => u.email === 'owner.kent@jointly.invalid');
  const reset = await admin.post(`/api/v1/users/${kent.id}/password-reset`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  owner = await context.newPage();
  await owner.goto(server.base + '/sign-in');
  await owner.fill('#email', 'owner.kent@jointly.invalid');
  await owner.fill('#password', reset.json.one_time_password);
  await owner.click('button:has-text("Sign in")');
  await owner.waitForURL(/\/account\/password/);
  await owner.fill('#new_password', 'a Kent passphrase of their own');
  await owner.click('button:has-text("Save your password")');
  await owner.waitForURL(/\/your-recommendations/);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('R21_owner_response_is_recorded as an owner in the browser', async () => {
  const list = await owner.locator('main').innerText();
  assert.match(list, /Kent Police/);
  assert.match(list, /Response due by \d{1,2} [A-Z][a-z]+ \d{4}/);
  assert.doesNotMatch(list, /Home Office|Ministry of Justice/);
  assert.equal(await owner.locator('a:has-text("Long-list")').count(), 0, 'nothing else of Jointly');
  await checkPage(owner, 'ow01-your-recommendations');
  await owner.click('#recommendations a');
  await checkPage(owner, 'ow02-recommendation');
  await owner.click('a:has-text("Respond")');
  await checkPage(owner, 'ow03-respond');
  await owner.click('button:has-text("Continue")');
  await owner.locator('.govuk-error-summary').waitFor();
  assert.deepEqual(await summary(owner), ['Choose whether the recommendation is accepted']);
  await checkPage(owner, 'ow04-respond-empty');
  // A partial acceptance without its part or actions: every error at once.
  await owner.check('#answer-partly-accepted');
  await owner.click('button:has-text("Continue")');
  await owner.locator('.govuk-error-summary').waitFor();
  const errors = await summary(owner);
  assert.equal(errors.length, 3, errors.join(' | '));
  await checkPage(owner, 'ow05-respond-partly-errors');
  await owner.fill('#accepted_part', 'Reviewing files sent for a charging decision');
  await owner.fill('#reason', 'The national file standard is for the CPS to change');
  await owner.fill('#action-1-what', 'Review every file against the standard');
  await fillDate(owner, 'action-1-by', day(90));
  await owner.click('button:has-text("Continue")');
  await owner.locator('h1:has-text("Check your response")').waitFor();
  assert.match(await owner.locator('#answers').innerText(), /Partly accepted[\s\S]*Review every file/);
  await checkPage(owner, 'ow06-check-response');
  // Back to the form with every answer as typed, then on again.
  await owner.click('nav[aria-label="Back"] button');
  await owner.locator('#action-1-what').waitFor();
  assert.equal(await owner.inputValue('#action-1-what'), 'Review every file against the standard');
  assert.equal(await owner.inputValue('#accepted_part'), 'Reviewing files sent for a charging decision');
  await owner.click('button:has-text("Continue")');
  await owner.locator('h1:has-text("Check your response")').waitFor();
  await owner.click('button:has-text("Send response")');
  await owner.locator('.govuk-panel--confirmation').waitFor();
  await checkPage(owner, 'ow07-response-sent');
  await owner.click('a:has-text("See the recommendation")');
  assert.match(await owner.locator('#answer').innerText(), /Partly accepted/);
  await owner.click('a:has-text("Give an update")');
  await owner.click('button:has-text("Continue")');
  await owner.locator('.govuk-error-summary').waitFor();
  await checkPage(owner, 'ow08-update-empty');
  await owner.fill('#text', 'Two hundred files reviewed; training booked');
  await owner.click('button:has-text("Continue")');
  await checkPage(owner, 'ow09-check-update');
  await owner.click('button:has-text("Send update")');
  await owner.locator('.govuk-panel--confirmation').waitFor();
  await owner.click('a:has-text("See the recommendation")');
  assert.match(await owner.locator('#events').innerText(), /Progress update: Two hundred files reviewed/);
  await checkPage(owner, 'ow10-recommendation-answered');
});

test('R21_the_quarterly_tracker_is_public_with_its_files_feed_and_sitemap in the browser', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  await p.goto(server.base + '/trackers');
  await checkPage(p, 'ow11-public-trackers');
  await p.click('#trackers a');
  const text = await p.locator('main').innerText();
  assert.match(text, /Understanding the difference: hate crime follow-up/);
  // The published inspection's recommendations are on it too, the Home
  // Office's still unanswered.
  assert.match(text, /Joint inspection of Modern slavery and human trafficking/);
  assert.match(text, /Download the tracker as CSV/);
  await checkPage(p, 'ow12-public-tracker');
  await context.close();
});

test('the secretariat publishes the tracker and invites owners', async () => {
  const staff = await adminPage(browser, server);
  await staff.goto(server.base + '/quarterly-trackers');
  await checkPage(staff, 'ow13-quarterly-trackers');
  await staff.goto(server.base + '/owner-people');
  assert.match(await staff.locator('#owner-people').innerText(), /Kent Police/);
  await checkPage(staff, 'ow14-owner-people');
  await staff.click('a:has-text("Invite someone")');
  await staff.click('button:has-text("Send the invitation")');
  await staff.locator('.govuk-error-summary').waitFor();
  const errors = await summary(staff);
  assert.equal(errors.length, 3, errors.join(' | '));
  await checkPage(staff, 'ow15-invite-empty');
});
