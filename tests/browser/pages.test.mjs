// Every page as a person uses it, in Debian's Chromium: sign in, walk the
// directory, make and break forms, and check each page with axe-core (no
// serious or critical violations). Screenshots go to JOINTLY_SCREENSHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage } from '../support/browser.mjs';
import { startServer } from '../support/server.mjs';

let server;
let browser;
let page;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function check(name) {
  await checkPage(page, name);
}

async function go(path) {
  const res = await page.goto(server.base + path);
  return res.status();
}

test('the start page is public and accessible', async () => {
  assert.equal(await go('/'), 200);
  // It leads the public to public things; signing in is for staff, below.
  assert.match(await page.locator('main').innerText(), /Have your say[\s\S]*What people said and what was done[\s\S]*sign in/);
  assert.equal(await page.locator('main a[href="/inspections-in-progress"]').count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Sign in' }).count(), 0, 'signing in is not the page\'s one action');
  await page.locator('#sign-in').waitFor();
  await check('01-start');
  await page.click('#sign-in');
  await page.waitForURL(/\/sign-in$/);
  await page.goBack();
});

test('signed-out visitors are sent to sign in', async () => {
  await go('/bodies');
  assert.match(page.url(), /\/sign-in\?next=%2Fbodies/);
  await check('02-sign-in');
});

test('a wrong password shows the error summary', async () => {
  await page.fill('#email', 'admin@jointly.invalid');
  await page.fill('#password', 'not the password');
  await page.click('button:has-text("Sign in")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /correct email address and password/);
  assert.match(await page.title(), /^Error:/);
  await check('03-sign-in-error');
});

test('first sign-in forces a new password, then goes home', async () => {
  await page.fill('#email', 'admin@jointly.invalid');
  await page.fill('#password', server.firstPassword);
  await page.click('button:has-text("Sign in")');
  await page.waitForURL(/\/account\/password/);
  await check('04-choose-password');
  // Signing in proved the one-time password: it is not asked again.
  assert.equal(await page.locator('#current_password').count(), 0);
  await page.fill('#new_password', 'short');
  await page.click('button:has-text("Save your password")');
  await page.locator('#new_password-error').waitFor();
  await check('05-password-error');
  await page.fill('#new_password', server.firstPassword);
  await page.click('button:has-text("Save your password")');
  assert.match(await page.locator('#new_password-error').innerText(), /differ from the one-time password/);
  await page.fill('#new_password', 'a perfectly good passphrase');
  await page.click('button:has-text("Save your password")');
  // The first password chosen leads home, not to the account page.
  await page.waitForURL((url) => url.pathname === '/' && url.search === '?done=password-chosen');
  assert.match(await page.locator('#notice').innerText(), /You have chosen your password and are signed in/);
  await check('07-home');
  await go('/account');
  await check('06-account');
});

test('inspectorates show R12, R19 and R21 facts', async () => {
  await go('/inspectorates');
  const text = await page.locator('main').innerText();
  assert.match(text, /HM Inspectorate of Prisons\s+concerns\s+Yes, 5 days before\s+Team Leader/);
  assert.match(text, /Closed 2010/);
  await check('08-inspectorates');
  await page.click('text=HM Inspectorate of Probation');
  await page.locator('h1:has-text("HM Inspectorate of Probation")').waitFor();
  await check('09-inspectorate');
});

test('bodies: filter, page, open, edit with errors, save and see history', async () => {
  await go('/bodies');
  await check('10-bodies');
  await page.selectOption('#type', 'cps_area');
  await page.click('button:has-text("Apply filters")');
  await page.waitForURL(/type=cps_area/);
  assert.match(await page.locator('#result-count').innerText(), /of 14 bodies/);
  await go('/bodies?offset=20');
  await page.locator('.govuk-pagination__item--current:has-text("2")').waitFor();
  await go('/bodies?search=gwent');
  await page.click('text=Gwent Police');
  await page.locator('h1:has-text("Gwent Police")').waitFor();
  await check('11-body');
  await page.click('text=Change');
  await page.fill('#name', '');
  await page.fill('#code', 'not valid');
  await page.click('button:has-text("Save changes")');
  await page.locator('.govuk-error-summary').waitFor();
  const summary = await page.locator('.govuk-error-summary').innerText();
  assert.match(summary, /Enter a name/);
  assert.match(summary, /capital letters/);
  await check('12-body-errors');
  await page.fill('#code', 'POL-GWENT');
  await page.fill('#name', 'Heddlu Gwent Police');
  await page.click('button:has-text("Save changes")');
  await page.waitForURL(/saved=1/);
  const history = await page.locator('#history ~ table').innerText();
  assert.match(history, /Gwent Police → Heddlu Gwent Police/);
  const latest = await page.locator('#history ~ table tbody tr').last().innerText();
  assert.doesNotMatch(latest, /active/, 'only the name was edited');
  assert.match(await page.locator('.govuk-summary-list').innerText(), /Status\s+Active/);
  await check('13-body-saved');
});

test('adding a body and importing a CSV, with every bad line listed', async () => {
  await go('/bodies/new');
  await check('14-body-new');
  await page.fill('#code', 'HMP-PARC');
  await page.fill('#name', 'HMP Parc');
  await page.selectOption('#type', 'prison');
  await page.fill('#region', 'Wales');
  await page.selectOption('#nation', 'wales');
  await page.click('button:has-text("Add body")');
  await page.waitForURL(/\/bodies\/\d+\?saved=1/);
  await go('/bodies/import');
  await check('15-import');
  await page.setInputFiles('#csv_file', {
    name: 'bodies.csv', mimeType: 'text/csv',
    buffer: Buffer.from('code,name,type,region,nation\nYOS-A,YOS A,youth_offending_service,Wales,wales\nYOS-B,YOS B,robot,Wales,wales\n'),
  });
  await page.click('button:has-text("Check and import")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /line 3: type/);
  await check('16-import-errors');
  await page.setInputFiles('#csv_file', {
    name: 'bodies.csv', mimeType: 'text/csv',
    buffer: Buffer.from('code,name,type,region,nation\nYOS-A,YOS A,youth_offending_service,Wales,wales\n'),
  });
  await page.click('button:has-text("Check and import")');
  await page.waitForURL(/done=bodies-imported/);
  assert.match(await page.locator('#notice').innerText(), /The file was imported/);
  assert.equal(await page.locator('.govuk-error-summary').count(), 0, 'the notice is not taken for a filter');
  await check('17-imported');
});

test('users: add one, see the one-time password, change roles', async () => {
  await go('/users');
  await check('18-users');
  await go('/users/new');
  await page.click('button:has-text("Add user")');
  await page.locator('.govuk-error-summary').waitFor();
  await check('19-user-errors');
  await page.fill('#email', 'lead.inspector@example.gov.uk');
  await page.fill('#name', 'Lead Inspector');
  await page.selectOption('#inspectorate_id', { label: 'HMI Probation' });
  await page.check('#role-lead_inspector');
  await page.click('button:has-text("Add user")');
  await page.locator('#one-time-password').waitFor();
  assert.match(page.url(), /\/users\/\d+\/one-time-password\?added=1$/, 'shown after a redirect');
  await check('20-user-created');
  // Reloading neither adds the person again nor shows the password again.
  await page.reload();
  await page.locator('#shown-already').waitFor();
  assert.equal(await page.locator('.govuk-error-summary').count(), 0);
  await go('/users');
  await page.click('text=Lead Inspector');
  await page.check('#role-inspector');
  await page.click('button:has-text("Save changes")');
  await page.waitForURL(/\/users\?user=\d+&done=user-saved/);
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Your changes to the user have been saved/);
  assert.match(await page.locator('main').innerText(), /Lead inspector\s*Inspector/);
  await page.click('text=Lead Inspector');
  assert.match(await page.locator('#history ~ table tbody tr').last().innerText(), /Changed\s+Roles: /, 'the history in words');
  await check('20b-user-history');
});

test('account_lock_a_locked_account_is_shown_in_words_and_unlocked_with_a_confirmation', async () => {
  for (let i = 0; i < 5; i++) {
    await fetch(server.base + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'lead.inspector@example.gov.uk', password: 'not the password ' + i }) });
  }
  await go('/users');
  const row = page.locator('tr', { hasText: 'lead.inspector@example.gov.uk' });
  assert.match(await row.innerText(), /Locked until \d\d:\d\d/);
  await check('20c-users-locked');
  await page.click('text=Lead Inspector');
  assert.match(await page.locator('main').innerText(), /Locked until \d\d:\d\d UTC on \d{1,2} [A-Z][a-z]+ \d{4}, after too many wrong passwords/);
  await check('20d-user-locked');
  await page.click('button:has-text("Unlock")');
  await page.waitForURL(/done=account-unlocked/);
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /The account has been unlocked/);
  assert.equal(await page.locator('button:has-text("Unlock")').count(), 0);
  assert.match(await page.locator('#history ~ table tbody tr').last().innerText(), /Unlocked the account/);
  await check('20e-user-unlocked');
});

test('API tokens are shown once and can be revoked', async () => {
  await go('/account');
  await page.fill('#token_name', 'weekly export');
  await page.click('button:has-text("Create token")');
  await page.locator('#token-secret').waitFor();
  assert.match(await page.locator('#token-secret').innerText(), /^jly_/);
  await check('21-token');
  await go('/account');
  await page.click('button:has-text("Revoke")');
  await page.waitForURL(/revoked=1/);
  assert.match(await page.locator('main').innerText(), /Revoked/);
});

test('the audit trail page verifies the chain', async () => {
  await go('/audit');
  assert.match(await page.locator('main').innerText(), /The audit trail is intact/);
  await go('/audit');  // checked again: only what is new since the first check
  const verified = await page.locator('.govuk-panel__body').innerText();
  assert.match(verified, /Entries 1 to [\d,]+ were found intact by an earlier check, and (the [\d,]+ entr(y|ies) added since were checked now|none has been added since)\. None has been changed or deleted\./);
  await check('22-audit');
  // Filtered by who, a page at a time; the filter stays in the links.
  await page.fill('#actor', 'system');
  await page.click('button:has-text("Apply filters")');
  await page.waitForURL(/actor=system/);
  assert.match(await page.locator('#result-count').innerText(), /Showing 1 to 50 of \d+ entries/);
  await page.click('.govuk-pagination__next a');
  await page.waitForURL(/offset=50&before=\d+&actor=system/);
  assert.match(await page.locator('#result-count').innerText(), /Showing 51 to/);
  const actors = await page.locator('tbody tr td:nth-child(3)').allInnerTexts();
  // The system's own acts are shown as Jointly's.
  assert.ok(actors.length > 0 && actors.every((a) => a === 'Jointly'), actors.join());

  // Dates are typed as day, month and year; an impossible one is refused
  // with the boxes kept as typed.
  await go('/audit');
  await page.fill('#from', '31');
  await page.fill('#from-month', '2');
  await page.fill('#from-year', '2026');
  await page.click('button:has-text("Apply filters")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('#from-error').innerText(), /From must be a real date, such as 27 3 2027/);
  // The hints give the example the message gives.
  assert.equal(await page.locator('#from-hint').innerText(), 'For example, 27 3 2027');
  assert.equal(await page.locator('#to-hint').innerText(), 'For example, 27 3 2027');
  assert.deepEqual([await page.inputValue('#from'), await page.inputValue('#from-month'), await page.inputValue('#from-year')], ['31', '2', '2026']);
  assert.doesNotMatch(await page.locator('main').innerText(), /YYYY/);
  assert.equal(await page.locator('tbody tr').count(), 0, 'a refused filter lists nothing');
  await check('22a-audit-date-error');
  // From after To is refused at To.
  await page.fill('#from', '2');
  await page.fill('#from-month', '3');
  await page.fill('#to', '1');
  await page.fill('#to-month', '3');
  await page.fill('#to-year', '2026');
  await page.click('button:has-text("Apply filters")');
  await page.locator('#to-error').waitFor();
  assert.match(await page.locator('#to-error').innerText(), /To must be the same as or after From/);
  await page.fill('#from', '1');
  await page.fill('#from-month', '1');
  await page.fill('#from-year', '2000');
  for (const box of ['#to', '#to-month', '#to-year']) await page.fill(box, '');
  await page.click('button:has-text("Apply filters")');
  await page.waitForURL(/from-day=1&from-month=1&from-year=2000/);
  assert.match(await page.locator('#result-count').innerText(), /Showing 1 to \d+ of \d+ entries/);
});

test('unknown pages get a GOV.UK error page; signing out ends the session', async () => {
  assert.equal(await go('/no-such-page'), 404);
  await check('23-not-found');
  await go('/');
  await page.click('button:has-text("Sign out")');
  await page.waitForURL(/\/sign-in/);
  assert.match(await page.locator('#notice').innerText(), /You have signed out/);
  await go('/users');
  assert.match(page.url(), /\/sign-in/);
});
