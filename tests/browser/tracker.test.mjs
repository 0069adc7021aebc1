// The recommendations tracker in Chromium (M 46, R21), on a joint report
// just published: the register with its filters kept in the address; a
// recommendation's page; each form (the owner's response, a progress
// update, the status the owner reports and the one verified, a target
// date moved) empty, with bad values, with 20,000 characters, and saved,
// with its confirmation; the page then shows both statuses with their
// history and every target date. axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage, fillDate } from '../support/browser.mjs';
import { startServer } from '../support/server.mjs';
import { day } from '../support/inspection_journey.mjs';
import { stageSevenPeople, stageSeven } from '../support/stage_seven.mjs';
import { publishIn } from '../support/sql.mjs';

let server;
let browser;
let who;
let tracked;
let inspectionId;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

before(async () => {
  server = await startServer();
  who = await stageSevenPeople(server, 'tracker-browser.test');
  const i = await stageSeven(who).stageSeven();
  inspectionId = i.id;
  const lead = who.people.police_lead;
  await publishIn(server, lead, i, 2);
  for (let tries = 0; tries < 60 && !tracked; ++tries) {
    await sleep(250);
    tracked = (await lead.get('/api/v1/tracker')).json.items[0];
  }
  assert.ok(tracked, 'the published recommendation is on the tracker');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function as(key, path) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  await p.goto(server.base + '/sign-in');
  await p.fill('#email', `${key}@tracker-browser.test`);
  await p.fill('#password', who.people[key].password);
  await p.click('button:has-text("Sign in")');
  await p.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  await p.goto(server.base + path);
  return p;
}
const summaryOf = (p) => p.locator('.govuk-error-summary li').allInnerTexts();
const banner = (p) => p.locator('.govuk-notification-banner').innerText();

test('R21_the_register_is_filtered_in_the_address_and_downloaded', async () => {
  const p = await as('police_lead', '/tracker');
  await checkPage(p, 't01-register');
  const main = await p.locator('main').innerText();
  assert.match(main, /Recommendation 1|recommendation 1/);
  assert.match(main, /Home Office/);
  assert.match(main, /No response yet/);
  await p.selectOption('#owner_id', { label: 'Home Office' });
  await p.selectOption('#verified', { label: 'Open' });
  await p.check('#overdue');
  await p.click('button:has-text("Apply filters")');
  await p.waitForURL(/overdue=yes/);
  assert.match(p.url(), /owner_id=\d+/);
  assert.match(p.url(), /verified=open/);
  await checkPage(p, 't02-register-filtered');
  assert.match(await p.locator('main').innerText(), /Nothing on the tracker matches/);
  assert.equal(await p.locator('#verified').inputValue(), 'open', 'the filter stays chosen');
  await p.goto(server.base + '/tracker?verified=done');
  await checkPage(p, 't03-register-bad-filter');
  assert.equal((await summaryOf(p)).length, 1);
  const csv = await p.request.get(server.base + '/tracker.csv');
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), /Flag hate crime/);
  const xlsx = await p.request.get(server.base + '/tracker.xlsx');
  assert.equal(xlsx.status(), 200);
});

test('R21_a_recommendation_page_and_its_forms', async () => {
  const path = `/tracker/${tracked.id}`;
  const p = await as('police_lead', path);
  await checkPage(p, 't04-item');
  let main = await p.locator('main').innerText();
  assert.match(main, /Flag hate crime/);
  assert.match(main, /Audit of files/);
  assert.match(main, /Hostility is rarely evidenced in files/);
  assert.match(main, /What the owner reports[\s\S]*What the inspectorate verified/);
  assert.match(main, /Response due by/);

  // The owner's response: empty, bad, 20,000 characters, saved.
  await p.click('a:has-text("Record the owner\'s response")');
  await checkPage(p, 't05-response-form');
  await p.click('button:has-text("Record the response")');
  await checkPage(p, 't06-response-empty');
  assert.equal((await summaryOf(p)).length, 2, (await summaryOf(p)).join(' | '));
  await p.check('#answer-partly-accepted');
  await p.fill('#reason', 'x'.repeat(20001));
  await p.fill('#action_what_0', 'Train call handlers');
  await fillDate(p, 'action_by_0', '2027-02-30');
  await fillDate(p, 'responded_on', day(3));
  await p.click('button:has-text("Record the response")');
  await checkPage(p, 't07-response-bad');
  assert.deepEqual((await summaryOf(p)).length, 4, (await summaryOf(p)).join(' | '));
  assert.equal((await p.inputValue('#reason')).length, 20001, 'what was typed is kept');
  assert.equal(await p.inputValue('#action_what_0'), 'Train call handlers');
  assert.equal(await p.inputValue('#action_by_0'), '30');
  assert.ok(await p.isChecked('#answer-partly-accepted'));
  await p.fill('#accepted_part', 'Flagging in new files');
  await p.fill('#reason', 'Old files are archived');
  await fillDate(p, 'action_by_0', day(90));
  await fillDate(p, 'responded_on', day(0));
  await p.click('button:has-text("Record the response")');
  await p.waitForURL((u) => u.pathname === path);
  await checkPage(p, 't08-response-recorded');
  assert.match(await banner(p), /owner's response has been recorded/);
  main = await p.locator('main').innerText();
  assert.match(main, /Partly accepted/);
  assert.match(main, /Train call handlers/);
  // Saved unchanged: the form shows what was saved, and saving it again
  // records nothing and says so.
  await p.goto(server.base + path + '/response');
  assert.ok(await p.isChecked('#answer-partly-accepted'));
  assert.equal(await p.inputValue('#accepted_part'), 'Flagging in new files');
  assert.equal(await p.inputValue('#action_what_0'), 'Train call handlers');
  await p.click('button:has-text("Record the response")');
  await p.waitForURL((u) => u.pathname === path);
  assert.match(await banner(p), /You made no changes, so the response is as it was/);

  // A progress update.
  await p.goto(server.base + path + '/update');
  await p.click('button:has-text("Record the update")');
  await checkPage(p, 't09-update-empty');
  assert.equal((await summaryOf(p)).length, 2, (await summaryOf(p)).join(' | '));
  await p.fill('#text', 'x'.repeat(20001));
  await fillDate(p, 'on', day(0));
  await p.click('button:has-text("Record the update")');
  assert.equal((await summaryOf(p)).length, 1);
  assert.equal((await p.inputValue('#text')).length, 20001);
  await p.fill('#text', 'Training begun in two forces');
  await p.click('button:has-text("Record the update")');
  await p.waitForURL((u) => u.pathname === path);
  assert.match(await banner(p), /progress update has been recorded/);
});

// Run after the response above is recorded: a visitor reads it on the
// published report's page, beside its recommendation, and nothing of the
// progress update.
test('R21_public_report_shows_owner_responses', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  await p.goto(`${server.base}/reports/${inspectionId}`);
  await checkPage(p, 't08b-public-report-with-response');
  const main = await p.locator('main').innerText();
  assert.match(main, /Owner's response\s+Partly accepted on \d+ \w+ \d{4}/);
  assert.match(main, /Part accepted\s+Flagging in new files/);
  assert.match(main, /Why not accepted in full\s+Old files are archived/);
  assert.match(main, /Actions planned\s+Train call handlers, by \d+ \w+ \d{4}/);
  assert.match(main, /Status reported by the owner\s+Open/);
  assert.doesNotMatch(main, /Training begun in two forces/);
  await context.close();
});

test('R21_status_changes_and_target_dates_on_the_page', async () => {
  const path = `/tracker/${tracked.id}`;
  const p = await as('police_lead', path + '/verified');
  await checkPage(p, 't10-verified-form');
  // Unchanged: the same status, no reason, no evidence.
  await p.click('button:has-text("Record the status")');
  await checkPage(p, 't11-verified-empty');
  assert.equal((await summaryOf(p)).length, 3, (await summaryOf(p)).join(' | '));
  await p.selectOption('#to', { label: 'Partly addressed' });
  await p.fill('#reason', 'Two forces of four');
  await p.fill('#evidence', 'y'.repeat(20001));
  await p.click('button:has-text("Record the status")');
  await checkPage(p, 't12-verified-bad');
  assert.equal((await summaryOf(p)).length, 1);
  assert.equal((await p.inputValue('#evidence')).length, 20001);
  assert.equal(await p.locator('#to').inputValue(), 'partly-addressed');
  await p.fill('#evidence', 'File audit of May');
  await p.click('button:has-text("Record the status")');
  await p.waitForURL((u) => u.pathname === path);
  assert.match(await banner(p), /status the inspectorate verified has been recorded/);

  await p.goto(server.base + path + '/reported');
  await p.selectOption('#to', { label: 'Implemented' });
  await p.click('button:has-text("Record the status")');
  assert.equal((await summaryOf(p)).length, 1, 'a reason is needed');
  await p.fill('#reason', 'Training done');
  await p.click('button:has-text("Record the status")');
  await p.waitForURL((u) => u.pathname === path);

  await p.goto(server.base + path + '/target');
  await checkPage(p, 't13-target-form');
  // Saved unchanged: the same date, no reason.
  await p.click('button:has-text("Move the target date")');
  await checkPage(p, 't14-target-unchanged');
  assert.equal((await summaryOf(p)).length, 2, (await summaryOf(p)).join(' | '));
  await fillDate(p, 'to', '2027-13-01');
  await p.fill('#reason', 'z'.repeat(20001));
  await p.click('button:has-text("Move the target date")');
  assert.equal((await summaryOf(p)).length, 2, (await summaryOf(p)).join(' | '));
  assert.equal(await p.inputValue('#to-month'), '13');
  await fillDate(p, 'to', day(300));
  await p.fill('#reason', 'Staff shortages');
  await p.click('button:has-text("Move the target date")');
  await p.waitForURL((u) => u.pathname === path);
  await checkPage(p, 't15-item-after');
  assert.match(await banner(p), /target date has been moved/);
  const main = await p.locator('main').innerText();
  assert.match(main, /Staff shortages/);
  assert.match(await p.locator('#verified-status').innerText(), /Partly addressed[\s\S]*Two forces of four[\s\S]*File audit of May/);
  assert.match(await p.locator('#reported-status').innerText(), /Implemented[\s\S]*Training done/);

  // Another inspectorate reads it but records nothing on it.
  const cps = await as('cps_lead', path);
  await checkPage(cps, 't16-item-other-inspectorate');
  assert.equal(await cps.locator('a:has-text("Move the target date")').count(), 0);
  const refused = await cps.goto(server.base + path + '/target');
  assert.equal(refused.status(), 403);
});

test('R21_import_page_then_repeats_and_overdue_on_the_home_page', async () => {
  const p = await as('police_lead', '/tracker/import');
  await checkPage(p, 't17-import');
  await p.click('button:has-text("Check and import")');
  await checkPage(p, 't18-import-empty');
  assert.equal((await summaryOf(p)).length, 1);
  const bodies = (await who.admin.get('/api/v1/bodies?type=national_agency&limit=100')).json.items;
  const code = bodies.find((b) => b.name === 'Home Office').code;
  const header = 'inspectorate,report,published_on,number,kind,owner,text,measure,target,findings\r\n';
  const upload = (text) => p.setInputFiles('#csv_file', { name: 'tracker.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await upload(header + 'HMCPSI,Hate crime: an inspection,2019-05-01,x,,NOBODY,,,2020-01-31,\r\n');
  await p.click('button:has-text("Check and import")');
  await checkPage(p, 't19-import-bad');
  const errors = await summaryOf(p);
  assert.equal(errors.length, 4, errors.join(' | '));
  assert.match(errors.join(' | '), /line 2: number/);
  // R19: HMICFRS raises recommendations, not concerns; a line that does not
  // say takes its inspectorate's.
  const lines = (kind) => header + `HMICFRS,Hate crime: an inspection,2019-05-01,4,recommendation,${code},"Flag hate crime, always",File audit,2020-01-31,\r\n`
    + `HMICFRS,Hate crime: an inspection,2019-05-01,5,${kind},${code},Count hostility,,2020-01-31,\r\n`;
  await upload(lines('concern'));
  await p.click('button:has-text("Check and import")');
  assert.deepEqual(await summaryOf(p), ['line 3: kind: HMICFRS raises recommendations, not concerns (R19)']);
  await upload(lines(''));
  await p.click('button:has-text("Check and import")');
  await p.waitForURL((u) => u.pathname === '/tracker');
  assert.match(await banner(p), /imported onto the tracker/);
  assert.match(await p.locator('main').innerText(), /Hate crime: an inspection \(2019\), recommendation 5/);

  // The joint report's recommendation was made before to the same owner.
  await p.goto(server.base + `/tracker/${tracked.id}`);
  await checkPage(p, 't20-item-made-before');
  assert.match(await p.locator('#made-before').innerText(), /Made before in 2019 to the same owner: Open/);

  // Never answered since 2019: overdue on the home page of the inspectorate that made it.
  await p.goto(server.base + '/');
  await checkPage(p, 't21-home-overdue');
  const overdue = await p.locator('main').innerText();
  assert.match(overdue, /Recommendations overdue[\s\S]*Recommendation 4 of Hate crime: an inspection[\s\S]*Response overdue/);
  const cps = await as('cps_lead', '/');
  assert.doesNotMatch(await cps.locator('main').innerText(), /Recommendations overdue/);
});
