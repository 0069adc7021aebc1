// Governance in Chromium: the rotation (R20), members, a Development Group
// meeting that refers an issue, CJCIG deciding it, actions and a reference
// group. GOV.UK errors first; axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage, fillDate } from '../support/browser.mjs';
import { startServer, adminClient, signIn, isoDay as day, ADMIN_PASSWORD } from '../support/server.mjs';

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

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the secretariat agrees the rotation, records meetings, refers an issue and CJCIG decides it', async () => {
  await page.goto(server.base + '/governance');
  await checkPage(page, 'g01-governance');

  // R20: a rotation that skips an inspectorate is refused, then one is agreed.
  await page.click('summary:has-text("Change the agreed order")');
  const positions = await page.locator('select[id^=order_]').count();
  assert.equal(positions, 4);
  const names = ['HMI Prisons', 'HMICFRS', 'HMI Probation'];
  for (let p = 1; p <= positions; ++p) {
    await page.selectOption(`#order_${p}`, { label: names[p === 4 ? 0 : p - 1] });
  }
  await page.fill('#reason', 'CJCIG meeting, March');
  await page.click('button:has-text("Save the order")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /HMCPSI/);
  await checkPage(page, 'g02-rotation-error');
  await page.selectOption('#order_4', { label: 'HMCPSI' });
  await page.click('button:has-text("Save the order")');
  await page.waitForURL(/#rotation$/);
  assert.match(await page.locator('#rotation + table').innerText(), /HMI Prisons[\s\S]*HMICFRS[\s\S]*HMI Probation[\s\S]*HMCPSI/);
  // Saved again unchanged, every field comes back as it was and it saves.
  await page.goto(server.base + '/governance');
  await page.click('summary:has-text("Change the agreed order")');
  assert.equal(await page.inputValue('#reason'), 'CJCIG meeting, March');
  await page.click('button:has-text("Save the order")');
  await page.waitForURL(/done=rotation-saved/);
  assert.equal(await page.locator('.govuk-error-summary').count(), 0);

  // A member.
  await page.click('summary:has-text("Add a member")');
  await page.selectOption('#body', 'development_group');
  await page.selectOption('#inspectorate_id', { label: 'HMI Probation' });
  await page.fill('#name', 'Dana Member');
  await page.click('button:has-text("Add member")');
  await page.waitForURL(/#members$/);
  assert.match(await page.locator('main').innerText(), /Dana Member/);

  // A Development Group meeting, errors first.
  await page.click('summary:has-text("Record a meeting")');
  await page.selectOption('#meeting_body', 'development_group');
  await page.fill('#title', 'Development Group, spring');
  await fillDate(page, 'held_on', '2027-02-30');
  await page.click('button:has-text("Record meeting")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /date[\s\S]*agenda/i);
  await checkPage(page, 'g03-meeting-errors');
  assert.equal(await page.inputValue('#held_on'), '30', 'the impossible day is shown as typed');
  await fillDate(page, 'held_on', day(0));
  await page.fill('#agenda', 'Draft programme | Paper 1\nCapacity');
  await page.click('button:has-text("Record meeting")');
  await page.waitForURL(/\/governance\/meetings\/\d+\?done=meeting-recorded$/);
  assert.match(await page.locator('main').innerText(), /Draft programme \(Paper 1\)/);
  await page.click('summary:has-text("Record an action")');
  await page.fill('#action_text', 'Draft the capacity paper');
  await page.fill('#owner', 'Secretariat');
  await fillDate(page, 'due_on', day(7));
  await page.click('button:has-text("Record action")');
  await page.waitForURL(/#actions$/);
  await page.fill('#subject', 'Capacity for the second year');
  await page.click('button:has-text("Refer to CJCIG")');
  await page.waitForURL(/#referrals$/);
  assert.match(await page.locator('main').innerText(), /Capacity for the second year: Awaiting CJCIG/);
  await checkPage(page, 'g04-dg-meeting');

  // CJCIG decides it.
  await page.goto(server.base + '/governance');
  await page.click('summary:has-text("Record a meeting")');
  await page.selectOption('#meeting_body', 'cjcig');
  await page.fill('#title', 'CJCIG, spring');
  await fillDate(page, 'held_on', day(0));
  await page.fill('#agenda', 'Referral from the Development Group');
  await page.click('button:has-text("Record meeting")');
  await page.waitForURL(/\/governance\/meetings\/\d+\?done=meeting-recorded$/);
  await page.click('button:has-text("Record CJCIG\'s decision")');
  await page.locator('.govuk-error-summary').waitFor();
  await checkPage(page, 'g05-cjcig-decision-error');
  await page.locator('textarea[name=decision]').fill('Defer one thematic inspection');
  await page.click('button:has-text("Record CJCIG\'s decision")');
  await page.waitForURL(/#referrals$/);
  assert.match(await page.locator('main').innerText(), /Decided here: Capacity for the second year: Defer one thematic/);
  await checkPage(page, 'g06-cjcig-meeting');

  // A reference group for a work stream, with advice.
  await page.goto(server.base + '/governance');
  await page.click('summary:has-text("Set up a reference group")');
  await page.selectOption('#proposal_id', { index: 1 });
  await page.fill('#group_name', 'Practitioners');
  // Members without an organisation are each named.
  await page.fill('#group_members', 'A Person\nB Person');
  await page.click('button:has-text("Set up group")');
  await page.locator('.govuk-error-summary').waitFor();
  const said = await page.locator('.govuk-error-summary').innerText();
  assert.match(said, /organisation of member 1 \(A Person\)/);
  assert.match(said, /organisation of member 2 \(B Person\)/);
  await page.fill('#group_members', 'A Person, Victim Support\nB Person, A university');
  await page.click('button:has-text("Set up group")');
  await page.waitForURL(/#reference-groups$/);
  const card = page.locator('.govuk-summary-card', { hasText: 'Practitioners' });
  const [year, month, date] = day(0).split('-');
  await card.locator('input[name=met_on-day]').fill(String(Number(date)));
  await card.locator('input[name=met_on-month]').fill(String(Number(month)));
  await card.locator('input[name=met_on-year]').fill(year);
  // Advice too long comes back in its own group's form, as typed.
  const long = 'Online harm. '.repeat(1600);
  await card.locator('textarea[name=advice]').fill(long);
  await card.locator('button:has-text("Record advice")').click();
  await page.locator('.govuk-error-summary').waitFor();
  const refused = page.locator('.govuk-summary-card', { hasText: 'Practitioners' });
  assert.equal(await refused.locator('textarea[name=advice]').inputValue(), long);
  assert.equal(await refused.locator('input[name=met_on-year]').inputValue(), year);
  assert.match(await refused.locator('.govuk-error-message').innerText(), /advice/i);
  const href = await page.locator('.govuk-error-summary a').first().getAttribute('href');
  assert.equal(href, '#' + await refused.locator('textarea[name=advice]').getAttribute('id'));
  await checkPage(page, 'g07a-advice-refused');
  await refused.locator('textarea[name=advice]').fill('Include online harm');
  await refused.locator('button:has-text("Record advice")').click();
  await page.waitForURL(/#reference-groups$/);
  const text = await page.locator('main').innerText();
  assert.match(text, /Include online harm/);
  assert.match(text, /Draft the capacity paper/);
  assert.match(text, /Capacity for the second year: Decided/);
  await checkPage(page, 'g07-governance-filled');
});

test('a member is changed on a page of their own, errors all at once as typed, and recorded as having left', async () => {
  await page.goto(server.base + '/governance');
  await page.click('summary:has-text("Add a member")');
  await page.selectOption('#body', 'cjcig');
  await page.selectOption('#inspectorate_id', { label: 'HMCPSI' });
  await page.fill('#name', 'Sam Changing');
  await page.fill('#role', 'Chief Inspector');
  await page.fill('#email', 'sam.changing@example.gov.uk');
  await page.click('button:has-text("Add member")');
  await page.waitForURL(/#members$/);
  await page.click('a:has-text("Change Sam Changing")');
  await page.waitForURL(/\/governance\/members\/\d+\/edit$/);
  await checkPage(page, 'g08-member-change');
  assert.equal(await page.locator('.govuk-back-link').count(), 1, 'a back link');
  assert.equal(await page.inputValue('#role'), 'Chief Inspector', 'the form shows the member as stored');
  assert.equal(await page.inputValue('#email'), 'sam.changing@example.gov.uk', 'the e-mail given when added');

  // Every error at once, and what was typed kept exactly.
  const long = 'x'.repeat(20000);
  await page.fill('#name', '');
  await page.fill('#role', long);
  await page.fill('#email', 'not an address');
  await page.click('button:has-text("Save changes")');
  await page.locator('.govuk-error-summary').waitFor();
  const summary = await page.locator('.govuk-error-summary').innerText();
  assert.match(summary, /name/i);
  assert.match(summary, /role/i);
  assert.match(summary, /email/i);
  assert.equal(await page.inputValue('#role'), long);
  assert.equal(await page.inputValue('#email'), 'not an address');
  await checkPage(page, 'g09-member-change-refused');

  // They leave: still listed, as a former member.
  await page.fill('#name', 'Sam Changed');
  await page.fill('#role', 'Deputy Chief Inspector');
  await page.fill('#email', 'sam@example.gov.uk');
  await page.uncheck('#active');
  // Leaving without the day is refused at the date, what was typed kept.
  await page.click('button:has-text("Save changes")');
  await page.locator('#left_on-error').waitFor();
  assert.match(await page.locator('#left_on-error').innerText(), /Enter the day .* left/);
  assert.equal(await page.isChecked('#active'), false);
  // Nor on a day still to come.
  await fillDate(page, 'left_on', day(3));
  await page.click('button:has-text("Save changes")');
  await page.locator('#left_on-error').waitFor();
  assert.match(await page.locator('#left_on-error').innerText(), /today or in the past/);
  assert.equal(await page.inputValue('#left_on-year'), day(3).slice(0, 4), 'the date as typed');
  await checkPage(page, 'g09a-member-leaving-in-future');
  await page.fill('#left_on', '31');
  await page.fill('#left_on-month', '10');
  await page.fill('#left_on-year', '2026');
  await page.click('button:has-text("Save changes")');
  await page.waitForURL(/done=member-saved/);
  const row = page.locator('tr', { hasText: 'Sam Changed' });
  assert.match(await row.innerText(), /Former[\s\S]*Left on 31 October 2026[\s\S]*HMCPSI[\s\S]*Deputy Chief Inspector/);
  assert.equal(await page.locator('text=Sam Changing').count(), 0);
});

test("an open governance action is on its owner's home page, with when it is due and a link", async () => {
  await page.goto(server.base + '/governance');
  await page.click('summary:has-text("Record a meeting")');
  await page.selectOption('#meeting_body', 'cjcig');
  await page.fill('#title', 'CJCIG, actions');
  await fillDate(page, 'held_on', day(0));
  await page.fill('#agenda', 'Actions');
  await page.click('button:has-text("Record meeting")');
  await page.waitForURL(/\/governance\/meetings\/\d+\?done=meeting-recorded$/);
  const meeting = new URL(page.url()).pathname;
  await page.click('summary:has-text("Record an action")');
  await page.fill('#action_text', 'Write to the Ministers about capacity');
  await page.fill('#owner', 'admin@jointly.invalid');
  await fillDate(page, 'due_on', day(60));
  await page.click('button:has-text("Record action")');
  await page.waitForURL(/#actions$/);
  await page.goto(server.base + '/');
  const mine = page.locator('#my-actions + ul');
  const text = await mine.innerText();
  assert.match(text, /Write to the Ministers about capacity/);
  const [y, m, d] = day(60).split('-');
  const month = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  assert.match(text, new RegExp(`Due ${Number(d)} ${month} ${y}`));
  assert.equal(await mine.locator('a').first().getAttribute('href'), `${meeting}#actions`);
  await checkPage(page, 'g10-home-my-action');
});

test('a meeting to come is recorded with its agenda, changed, and given minutes and attendance once held', async () => {
  const { client: admin } = await signIn(server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  const member = await admin.post('/api/v1/governance/members', { body: 'secretariat', inspectorate_id: (await admin.get('/api/v1/inspectorates?limit=100')).json.items.find((i) => i.code === 'HMIPROBATION').id, name: 'Priya Attending', role: 'Secretary' });
  assert.equal(member.status, 201, member.text);
  await page.goto(server.base + '/governance');
  await page.click('summary:has-text("Record a meeting")');
  await page.selectOption('#meeting_body', 'secretariat');
  await page.fill('#title', 'Secretariat, ahead');
  await fillDate(page, 'held_on', day(10));
  await page.fill('#agenda', 'Forward look | Paper 4');
  await page.click('button:has-text("Record meeting")');
  await page.waitForURL(/\/governance\/meetings\/\d+\?done=meeting-recorded$/);
  const meeting = new URL(page.url()).pathname;
  assert.match(await page.locator('main').innerText(), /To come/);
  await page.click('a:has-text("Change the meeting")');
  assert.equal(await page.locator('#minutes').count(), 0, 'no minutes for a meeting to come');
  assert.match(await page.locator('main').innerText(), /recorded from the day of the meeting/);
  await checkPage(page, 'g11-meeting-to-come-change');
  // Errors all at once, as typed; then it is moved to today and its minutes recorded.
  await page.fill('#title', '');
  await page.fill('#agenda', '');
  await page.click('button:has-text("Save changes")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /title[\s\S]*agenda/i);
  await page.fill('#title', 'Secretariat, held');
  await page.fill('#agenda', 'Forward look | Paper 4\nAny other business');
  await fillDate(page, 'held_on', day(0));
  await page.click('button:has-text("Save changes")');
  await page.waitForURL(/done=meeting-saved/);
  await page.click('a:has-text("Change the meeting")');
  await page.fill('#minutes', 'The forward look was agreed.\nNo other business.');
  await page.check('label:has-text("Priya Attending, Secretary")');
  await checkPage(page, 'g12-meeting-minutes');
  await page.click('button:has-text("Save changes")');
  await page.waitForURL(/done=meeting-saved/);
  assert.equal(new URL(page.url()).pathname, meeting);
  const text = await page.locator('main').innerText();
  assert.match(text, /Who attended\s+Priya Attending/);
  assert.match(text, /The forward look was agreed\.\nNo other business\./);
  assert.match(text, /Any other business/);
  await checkPage(page, 'g13-meeting-held');

  // An owner no one who uses Jointly goes by is warned of, not refused.
  await page.click('summary:has-text("Record an action")');
  await page.fill('#action_text', 'Circulate the forward look');
  await page.fill('#owner', 'Nobody Signed Up');
  await fillDate(page, 'due_on', day(14));
  await page.click('button:has-text("Record action")');
  await page.waitForURL(/done=action-recorded-owner-unknown/);
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /No one of that name uses Jointly: they will not see it on their home page/);
  const row = page.locator('tr', { hasText: 'Circulate the forward look' });
  assert.match(await row.innerText(), /No one of that name uses Jointly/);
  await checkPage(page, 'g14-action-owner-unknown');
});
