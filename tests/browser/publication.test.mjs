// Stage 7's publication in Chromium (M 41-47; R11, R21), on an inspection
// taken through stage 6's final sign-off: the lead inspector tries the date
// and time of publication (the form empty, with bad values, with 20,000
// characters, in the past, with nobody named for the Attorney General's
// Office's embargoed copy), names recipients for it (the form empty, bad,
// 20,000 characters), revokes one after a page that asks first, then sets
// the time (less than five days ahead refused, thirty days saved, and saved
// again unchanged); the publication is then brought to a few seconds ahead
// in the database (as the API test does), the embargoed link is sent,
// opened and logged, someone named late is sent theirs at once, and once
// published the page says so, links to the public report and the link no
// longer opens. Another inspectorate's lead sees where it stands but no
// form. axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage, fillDate } from '../support/browser.mjs';
import { startServer } from '../support/server.mjs';
import { startSmtpSink } from '../support/smtp_sink.mjs';
import { day } from '../support/inspection_journey.mjs';
import { stageSevenPeople, stageSeven } from '../support/stage_seven.mjs';
import { bringPublicationTo } from '../support/sql.mjs';

let server;
let sink;
let browser;
let who;
let inspection;
let path;

before(async () => {
  sink = await startSmtpSink();
  server = await startServer({ extraArgs: ['--smtp-url', sink.url, '--mail-from', 'jointly@example.gov.uk'] });
  who = await stageSevenPeople(server, 'publication-browser.test');
  inspection = await stageSeven(who).stageSeven();
  path = `/inspections/${inspection.id}/publication`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.close();
});

async function as(key) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  await p.goto(server.base + '/sign-in');
  await p.fill('#email', `${key}@publication-browser.test`);
  await p.fill('#password', who.people[key].password);
  await p.click('button:has-text("Sign in")');
  await p.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  await p.goto(server.base + path);
  return p;
}
const summaryOf = (p) => p.locator('.govuk-error-summary li').allInnerTexts();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const inSeconds = (seconds) => new Date(Math.ceil(Date.now() / 1000) * 1000 + seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
const longDay = (iso) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

async function setTime(p, iso, hour, minute) {
  if (iso === null) {
    for (const id of ['publish_on', 'publish_on-month', 'publish_on-year']) await p.fill(`#${id}`, '');
  } else {
    await fillDate(p, 'publish_on', iso);
  }
  await p.fill('#publish_time', hour);
  await p.fill('#publish_time-minute', minute);
  await p.click('button:has-text("time of publication")');
}

test('R21_the_lead_sets_the_time_names_recipients_revokes_one_and_the_report_is_published', async () => {
  const lead = await as('police_lead');
  await checkPage(lead, 'p01-publication');
  assert.equal(await lead.locator('#publication-state').innerText(), 'Not set yet');
  assert.match(await lead.locator('main').innerText(), /Attorney General's Office, for HMCPSI/);

  // The stage's task list leads here.
  await lead.goto(server.base + `/inspections/${inspection.id}`);
  assert.equal(await lead.locator(`a.govuk-task-list__link[href="${path}"]`).count(), 3);
  await lead.goto(server.base + path);

  // Empty: both the date and the time named.
  await setTime(lead, null, '', '');
  await checkPage(lead, 'p02-time-empty');
  assert.deepEqual(await summaryOf(lead), ['Enter the date of publication', 'Enter the time of publication']);
  // Not a real date, not a time of day; what was typed is kept exactly.
  await fillDate(lead, 'publish_on', '2027-02-30');
  await lead.fill('#publish_time', '25');
  await lead.fill('#publish_time-minute', ' 7x');
  await lead.click('button:has-text("time of publication")');
  await checkPage(lead, 'p03-time-bad');
  assert.equal((await summaryOf(lead)).length, 2, (await summaryOf(lead)).join(' | '));
  assert.equal(await lead.inputValue('#publish_on'), '30');
  assert.equal(await lead.inputValue('#publish_time-minute'), ' 7x');
  // 20,000 characters in each box.
  const long = '9'.repeat(20000);
  await lead.fill('#publish_on-year', long);
  await lead.fill('#publish_time', long);
  await lead.click('button:has-text("time of publication")');
  await checkPage(lead, 'p04-time-long');
  assert.equal((await summaryOf(lead)).length, 2);
  assert.equal((await lead.inputValue('#publish_on-year')).length, 20000);
  assert.equal((await lead.inputValue('#publish_time')).length, 20000);
  // In the past, and nobody named for the Attorney General's Office:
  // both refused at once, at the date.
  const noRecipient = /Name who receives the embargoed copy for the Attorney General's Office \(for HMCPSI\) first: it goes five days before publication \(R21\)/;
  await setTime(lead, day(-1), '10', '00');
  await checkPage(lead, 'p05-time-past');
  const past = await summaryOf(lead);
  assert.equal(past.length, 2, past.join(' | '));
  assert.equal(past[0], 'The time of publication must be in the future');
  assert.match(past[1], noRecipient);
  assert.equal(await lead.getAttribute('.govuk-error-summary a', 'href'), '#publish_on');
  // R21: thirty days ahead is refused while nobody is named; the
  // department says so, and no copy is said to have gone.
  const on = day(30);
  await setTime(lead, on, '10', '0');
  await checkPage(lead, 'p06-time-no-recipient');
  assert.match((await summaryOf(lead)).join(' | '), noRecipient);
  assert.equal(await lead.locator('#publication-state').innerText(), 'Not set yet');
  assert.match(await lead.locator('#embargo-departments').innerText(), /Nobody named/);
  assert.doesNotMatch(await lead.locator('main').innerText(), /Embargoed copies went out/);

  // Recipients of embargoed copies: empty, bad, 20,000 characters.
  await lead.click('summary:has-text("Name a recipient")');
  await lead.click('button:has-text("Name the recipient")');
  await checkPage(lead, 'p07-recipient-empty');
  assert.equal((await summaryOf(lead)).length, 2, (await summaryOf(lead)).join(' | '));
  await lead.fill('#name', 'x'.repeat(20000));
  await lead.fill('#email', 'not an address');
  await lead.click('button:has-text("Name the recipient")');
  await checkPage(lead, 'p08-recipient-bad');
  assert.equal((await summaryOf(lead)).length, 2, (await summaryOf(lead)).join(' | '));
  assert.equal((await lead.inputValue('#name')).length, 20000);
  assert.equal(await lead.inputValue('#email'), 'not an address');
  for (const [name, email] of [['Omar Other', 'omar.other@example.gov.uk'], ['Jane Embargo', 'jane.embargo@example.gov.uk']]) {
    await lead.fill('#name', name);
    await lead.fill('#email', email);
    await lead.selectOption('#department', "Attorney General's Office");
    await lead.click('button:has-text("Name the recipient")');
    await lead.waitForURL(/#embargo/);
    if (!(await lead.locator('details:has-text("Name a recipient")').getAttribute('open'))) {
      await lead.click('summary:has-text("Name a recipient")');
    }
  }
  await checkPage(lead, 'p09-recipients');
  assert.match(await lead.locator('.govuk-notification-banner').innerText(), /personal link is e-mailed to them when the embargoed copies go out/);
  assert.match(await lead.locator('#embargo-departments').innerText(), /Not sent yet/);
  assert.equal(await lead.locator('tr:has-text("Jane Embargo") td').nth(2).innerText(), 'Not sent yet');

  // Revoke: a page asks first; Cancel leads back; Revoke says it is done.
  await lead.click('a:has-text("Revoke the link of Omar Other")');
  await checkPage(lead, 'p10-revoke-ask');
  assert.match(await lead.locator('h1').innerText(), /Are you sure you want to revoke the link of Omar Other \(Attorney General's Office\)\?/);
  await lead.click('button:has-text("Revoke the link")');
  await lead.waitForURL(/#embargo/);
  await checkPage(lead, 'p11-revoked');
  assert.match(await lead.locator('.govuk-notification-banner').innerText(), /The link has been revoked/);
  assert.match(await lead.locator('tr:has-text("Omar Other")').innerText(), /Revoked/);
  assert.equal(await lead.locator('a:has-text("Revoke the link of Omar Other")').count(), 0);

  // R21: less than five days ahead is refused at the date.
  await setTime(lead, day(2), '10', '00');
  await checkPage(lead, 'p11b-time-too-soon');
  assert.deepEqual(await summaryOf(lead), ['The time of publication must be at least five days from now: the embargoed copies go to the sponsoring departments five days before publication (R21)']);
  // Saved: thirty days ahead at 10:00 UTC, in words.
  await setTime(lead, on, '10', '0');
  await lead.waitForURL(/publication/);
  await checkPage(lead, 'p11c-time-set');
  assert.match(await lead.locator('.govuk-notification-banner').innerText(), /date and time of publication have been set/);
  assert.equal(await lead.locator('#publication-state').innerText(), 'Scheduled');
  assert.match(await lead.locator('#publication-words').innerText(), new RegExp(`Scheduled for 10:00 on ${longDay(on)} \\(UTC\\)`));
  assert.match(await lead.locator('main').innerText(), new RegExp(`The links are sent at 09:00 on ${longDay(day(25))}`));
  // The form shows what was saved; saved again unchanged, it stays.
  assert.deepEqual([await lead.inputValue('#publish_on'), await lead.inputValue('#publish_on-month'),
    await lead.inputValue('#publish_on-year'), await lead.inputValue('#publish_time'), await lead.inputValue('#publish_time-minute')],
  [String(Number(on.slice(8))), String(Number(on.slice(5, 7))), on.slice(0, 4), '10', '00']);
  await lead.click('button:has-text("Change the time of publication")');
  await lead.waitForURL(/publication/);
  assert.match(await lead.locator('#publication-words').innerText(), new RegExp(`10:00 on ${longDay(on)}`));

  // Another inspectorate sees where it stands, and no form.
  const cps = await as('cps_lead');
  await checkPage(cps, 'p12-publication-other');
  assert.equal(await cps.locator('#publication-state').innerText(), 'Scheduled');
  assert.equal(await cps.locator('form[action$="/publication"]').count(), 0);
  assert.equal(await cps.locator('summary:has-text("Name a recipient")').count(), 0);

  // Brought to a few seconds ahead in the database (as the API test
  // does): the copies go at once, so Jane's link is sent, and Omar,
  // revoked, gets none.
  const already = sink.messages.length;
  const at = inSeconds(12);
  bringPublicationTo(server, inspection.id, at);
  const mails = (await sink.waitFor(already + 1)).slice(already);
  assert.deepEqual(mails.map((m) => m.envelope.rcptTo[0].address), ['jane.embargo@example.gov.uk']);
  const mail = mails[0];
  const token = mail.parsed.text.match(/\/embargoed\/(\d+)/)[1];
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`${server.base}/embargoed/${token}`);
  assert.match(await reader.locator('main').innerText(), /Jane Embargo/);
  await lead.goto(server.base + path);
  await checkPage(lead, 'p13-sent-and-opened');
  const jane = await lead.locator('tr:has-text("Jane Embargo")').innerText();
  assert.match(jane, /Sent at \d\d:\d\d on/);
  assert.match(jane, /the report's page/);
  assert.equal(await lead.locator('form[action$="/publication"]').count(), 0, 'the time is fixed once the links are out');
  // Sent seconds before publication, not five days: the page says so.
  assert.match(await lead.locator('#embargo-departments').innerText(), /Sent late/);
  assert.match(await lead.locator('main').innerText(), /Embargoed copies went out from/);
  // Someone named now is sent their link at once.
  await lead.click('summary:has-text("Name a recipient")');
  assert.match(await lead.locator('details:has-text("Name a recipient")').innerText(), /someone named now is sent their personal link by e-mail at once/);
  await lead.fill('#name', 'Lena Late');
  await lead.fill('#email', 'lena.late@example.gov.uk');
  await lead.click('button:has-text("Name the recipient")');
  await lead.waitForURL(/#embargo/);
  const lena = (await sink.waitFor(already + 2)).slice(already + 1);
  assert.deepEqual(lena.map((m) => m.envelope.rcptTo[0].address), ['lena.late@example.gov.uk']);
  await lead.goto(server.base + path);
  await checkPage(lead, 'p13b-named-late');
  assert.match(await lead.locator('tr:has-text("Lena Late")').innerText(), /Sent at \d\d:\d\d on/);

  // Published at its moment: the page says so and links to the report.
  while (Date.now() < Date.parse(at) + 2500) await sleep(250);
  await lead.goto(server.base + path);
  await checkPage(lead, 'p14-published');
  assert.equal(await lead.locator('#publication-state').innerText(), 'Published');
  assert.match(await lead.locator('main').innerText(), /these links no longer open/);
  assert.equal(await lead.getAttribute('a:has-text("Read the published report")', 'href'), `/reports/${inspection.id}`);
  assert.equal(await lead.locator('summary:has-text("Name a recipient")').count(), 0);
  const gone = await reader.goto(`${server.base}/embargoed/${token}`);
  assert.notEqual(gone.status(), 200);
  await lead.goto(`${server.base}/reports/${inspection.id}`);
  await checkPage(lead, 'p15-public-report');
  // The retention schedules count from the day it was published: shown,
  // not asked for.
  await lead.goto(server.base + `/inspections/${inspection.id}/retention`);
  await checkPage(lead, 'p16-retention-dated');
  assert.match(await lead.locator('main dl').first().innerText(), new RegExp(`${longDay(at.slice(0, 10))}: the day the report was published`));
  assert.equal(await lead.locator('#published_on').count(), 0);
});
