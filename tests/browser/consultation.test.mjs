// Consultation in Chromium on the demo programme: the public response form
// (no sign-in, GOV.UK errors, confirmation), and the secretariat's journey
// from starting a round to closing it with the dispatch register complete
// and publishing "you said, we did". axe-core checks each page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage } from '../support/browser.mjs';
import { startServer, adminClient, userClient, isoDay as day, ADMIN_PASSWORD, Client } from '../support/server.mjs';

let server;
let browser;
let page;
let roundId;
let admin;
let rep;

before(async () => {
  server = await startServer({ extraArgs: ['--demo'] });
  admin = await adminClient(server);
  const all = await admin.get('/api/v1/inspectorates?limit=100');
  const probation = all.json.items.find((i) => i.code === 'HMIPROBATION');
  rep = await userClient(server, admin, 'rep.consult@example.gov.uk', ['dg_representative'], { inspectorate_id: probation.id });
  const created = await admin.post('/api/v1/consultations', {
    title: 'Joint inspection programme 2030-31 and 2031-32',
    first_year: 2030,
    opens_on: day(-1),
    deadline: day(30),
    sections: [
      { title: 'Core inspections', questions: ['Are these the right areas for core inspection?'] },
      { title: 'Thematic inspections', questions: ['Which themes should we inspect?', 'Anything else?'] },
    ],
  });
  roundId = created.json.id;
  await admin.post(`/api/v1/consultations/${roundId}/open`);
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('anyone can respond through the public form, with GOV.UK errors first', async () => {
  await page.goto(`${server.base}/consultations/${roundId}/respond`);
  assert.match(await page.locator('h1').innerText(), /Joint inspection programme 2030-31/);
  await checkPage(page, 'c01-consultation-form');
  await page.click('button:has-text("Send response")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter your name[\s\S]*Answer at least one question/);
  await checkPage(page, 'c02-consultation-form-errors');
  await page.fill('#name', 'A Respondent');
  await page.fill('#organisation', 'A Victims\' Charity');
  await page.fill('#answer_2', 'Support for victims of fraud.');
  await page.check('#consent_to_publish');
  await page.click('button:has-text("Send response")');
  await page.locator('.govuk-panel--confirmation').waitFor();
  await checkPage(page, 'c03-consultation-thanks');
});

test('a consultation that is not open is not found', async () => {
  const res = await page.goto(`${server.base}/consultations/999/respond`);
  assert.equal(res.status(), 404);
});

async function signInAs(email, password) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  await p.goto(server.base + '/sign-in');
  await p.fill('#email', email);
  await p.fill('#password', password);
  await p.click('button:has-text("Sign in")');
  await p.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return p;
}

test('the secretariat runs a consultation on the demo programme from start to close', async () => {
  const staff = await signInAs('admin@jointly.invalid', ADMIN_PASSWORD);
  await staff.goto(server.base + '/consultations');
  await checkPage(staff, 'c10-consultations');
  await staff.click('a:has-text("Start a consultation")');
  await checkPage(staff, 'c11-consultation-form');
  await staff.fill('#first_year', '2017');
  await staff.fill('#deadline', 'soon');
  await staff.click('button:has-text("Start consultation")');
  await staff.locator('.govuk-error-summary').waitFor();
  assert.match(await staff.locator('.govuk-error-summary').innerText(), /title[\s\S]*date/i);
  await checkPage(staff, 'c12-consultation-form-errors');
  await staff.fill('#title', 'Consultation on the joint inspection programme 2017-18');
  await staff.check('#years');
  await staff.fill('#opens_on', day(0));
  await staff.fill('#deadline', day(28));
  await staff.click('button:has-text("Start consultation")');
  await staff.waitForURL(/\/consultations\/\d+$/);
  const id = Number(new URL(staff.url()).pathname.split('/').pop());
  assert.match(await staff.locator('#consultees ~ table').innerText(), /CJ Ministers[\s\S]*Auditor General for Wales/);
  await checkPage(staff, 'c13-consultation');

  // Contact details: one through the page, the rest through the API.
  const view = (await admin.get(`/api/v1/consultations/${id}`)).json;
  const contacts = [];
  for (const [n, c] of view.consultees.entries()) {
    const made = await admin.post('/api/v1/contacts', { name: `Office ${n}`, organisation: c.organisation, email: `office${n}@example.gov.uk`, type: 'government' });
    contacts.push(made.json.id);
  }
  await staff.reload();
  await staff.selectOption('#attach_consultee_id', String(view.consultees[0].id));
  await staff.selectOption('#attach_contact_id', String(contacts[0]));
  await staff.click('button:has-text("Save contact details")');
  await staff.waitForURL(/#consultees$/);
  assert.match(await staff.locator('#consultees ~ table').innerText(), /Office 0/);
  for (const [n, c] of view.consultees.entries()) {
    if (n > 0) await admin.patch(`/api/v1/consultees/${c.id}`, { contact_id: contacts[n] });
  }
  await staff.click('button:has-text("Open the consultation")');
  await staff.locator('a:has-text("the public response form")').waitFor();

  // Someone answers through the public form.
  const publicPage = await (await browser.newContext()).newPage();
  await publicPage.goto(`${server.base}/consultations/${id}/respond`);
  await publicPage.fill('#name', 'Pat Respondent');
  await publicPage.fill('#organisation', 'Victims First');
  await publicPage.fill('#answer_2', 'Please prioritise the inspection of victims and witnesses.');
  await publicPage.check('#consent_to_publish');
  await publicPage.click('button:has-text("Send response")');
  await publicPage.locator('.govuk-panel--confirmation').waitFor();

  // The secretariat tags it to a proposal and records what was done.
  await staff.goto(`${server.base}/consultations/${id}/responses`);
  await checkPage(staff, 'c14-responses');
  const proposals = (await admin.get('/api/v1/proposals')).json.items;
  const target = proposals[0];
  const card = staff.locator('.govuk-summary-card', { hasText: 'Pat Respondent' });
  await card.locator('summary:has-text("Tag this response")').click();
  await card.locator(`input[name=proposals][value="${target.id}"]`).check();
  await card.locator('input[name=topics]').fill('victims, witnesses');
  await card.locator('textarea[name=our_response]').fill('We kept this work in the programme.');
  await card.locator('button:has-text("Save")').click();
  await staff.waitForURL(/#response-\d+$/);
  assert.match(await staff.locator('.govuk-summary-card', { hasText: 'Pat Respondent' }).innerText(), /We kept this work/);

  // A Development Group representative sees it while scoring.
  const scorer = await signInAs('rep.consult@example.gov.uk', rep.password);
  await scorer.goto(`${server.base}/programme/proposals/${target.id}/score`);
  assert.match(await scorer.locator('main').innerText(), /What consultees said[\s\S]*prioritise the inspection of victims/);
  await checkPage(scorer, 'c15-scoring-with-responses');

  // Closing needs the dispatch register complete (R9).
  await staff.goto(`${server.base}/consultations/${id}`);
  await staff.click('button:has-text("Close the consultation")');
  await staff.locator('.govuk-error-summary').waitFor();
  assert.match(await staff.locator('.govuk-error-summary').innerText(), /not yet|sent/i);
  await checkPage(staff, 'c16-close-refused');
  await staff.click('button:has-text("Record what was sent")');
  await staff.waitForURL(/#dispatch$/);
  assert.match(await staff.locator('#dispatch + p').innerText(), /^When the programme[\s\S]* 0 statutory consultees/);
  await staff.click('button:has-text("Close the consultation")');
  await staff.locator('.govuk-tag:has-text("closed")').waitFor();
  await checkPage(staff, 'c17-closed');

  // "You said, we did", published for everyone.
  await staff.goto(`${server.base}/consultations/${id}/summary`);
  await checkPage(staff, 'c18-summary-draft');
  const before = await new Client(server.base).get(`/consultations/${id}/summary`);
  assert.equal(before.status, 404, 'an unpublished summary is not shown to the public');
  await staff.click('button:has-text("Publish the summary")');
  await publicPage.goto(`${server.base}/consultations/${id}/summary`);
  const text = await publicPage.locator('main').innerText();
  assert.match(text, /Pat Respondent, Victims First[\s\S]*We kept this work/);
  assert.doesNotMatch(text, new RegExp(target.title), 'the public summary names no proposal');
  await checkPage(publicPage, 'c19-summary-published');
});

test('contacts are added, changed and deleted: empty, bad, very long and unchanged forms', async () => {
  const staff = await signInAs('admin@jointly.invalid', ADMIN_PASSWORD);
  await staff.goto(server.base + '/contacts');
  await staff.click('button:has-text("Add contact")');
  await staff.locator('.govuk-error-summary').waitFor();
  const empty = await staff.locator('.govuk-error-summary').innerText();
  assert.match(empty, /name[\s\S]*organisation[\s\S]*email/i, 'every error at once');
  await checkPage(staff, 'c30-contacts-empty');
  const long = 'x'.repeat(20000);
  await staff.fill('#name', long);
  await staff.fill('#organisation', 'A Research Centre');
  await staff.fill('#email', 'not an address');
  await staff.click('button:has-text("Add contact")');
  await staff.locator('.govuk-error-summary').waitFor();
  assert.match(await staff.locator('.govuk-error-summary').innerText(), /200 characters[\s\S]*email/i);
  assert.equal(await staff.inputValue('#name'), long, 'what was typed is kept exactly');
  assert.equal(await staff.inputValue('#email'), 'not an address');
  await checkPage(staff, 'c31-contacts-bad');
  await staff.fill('#name', 'Professor A Researcher');
  await staff.fill('#email', 'a.researcher@university.example.ac.uk');
  await staff.selectOption('#type', 'academic');
  await staff.click('button:has-text("Add contact")');
  await staff.waitForURL(/\/contacts$/);
  const made = (await admin.get('/api/v1/contacts')).json.items.find((c) => c.email === 'a.researcher@university.example.ac.uk');
  assert.equal(made.type, 'academic');

  // Saved unchanged: every field round-trips.
  await staff.click(`a[href="/contacts/${made.id}/edit"]`);
  await checkPage(staff, 'c32-contact-edit');
  await staff.click('button:has-text("Save changes")');
  await staff.waitForURL(/\/contacts\?saved=1$/);
  const after = (await admin.get(`/api/v1/contacts/${made.id}`)).json;
  assert.deepEqual({ ...after, version: 0 }, { ...made, version: 0 }, 'an unchanged form changes nothing');
  await checkPage(staff, 'c33-contact-saved');

  // A bad change keeps what was typed and saves nothing.
  await staff.goto(`${server.base}/contacts/${made.id}/edit`);
  await staff.fill('#organisation', '');
  await staff.fill('#email', 'still not one');
  await staff.click('button:has-text("Save changes")');
  await staff.locator('.govuk-error-summary').waitFor();
  assert.match(await staff.locator('.govuk-error-summary').innerText(), /organisation[\s\S]*email/i);
  assert.equal(await staff.inputValue('#email'), 'still not one');
  assert.equal((await admin.get(`/api/v1/contacts/${made.id}`)).json.organisation, 'A Research Centre');

  // Someone else saves first: the page says what they changed and keeps
  // what was typed; saving again puts it over theirs.
  await staff.goto(`${server.base}/contacts/${made.id}/edit`);
  const theirs = await admin.patch(`/api/v1/contacts/${made.id}`, { version: after.version, organisation: 'Their Centre' });
  assert.equal(theirs.status, 200, theirs.text);
  await staff.fill('#name', 'Professor A Researcher OBE');
  await staff.click('button:has-text("Save changes")');
  await staff.locator('.govuk-error-summary').waitFor();
  assert.match(await staff.locator('.govuk-error-summary').innerText(), /changed this contact[\s\S]*Organisation/);
  assert.equal(await staff.inputValue('#name'), 'Professor A Researcher OBE', 'what was typed is kept');
  assert.equal(await staff.inputValue('#organisation'), 'A Research Centre');
  await staff.click('button:has-text("Save changes")');
  await staff.waitForURL(/\/contacts\?saved=1$/);
  const kept = (await admin.get(`/api/v1/contacts/${made.id}`)).json;
  assert.deepEqual([kept.name, kept.organisation], ['Professor A Researcher OBE', 'A Research Centre']);

  await staff.goto(`${server.base}/contacts/${made.id}/delete`);
  await checkPage(staff, 'c34-contact-delete');
  await staff.click('button:has-text("Delete contact")');
  await staff.waitForURL(/\/contacts\?deleted=1$/);
  assert.match(await staff.locator('.govuk-notification-banner').innerText(), /deleted/);
  assert.equal((await admin.get(`/api/v1/contacts/${made.id}`)).status, 404);
});

test('the secretariat sets a response aside as spam, with a reason, and it leaves the summary', async () => {
  const staff = await signInAs('admin@jointly.invalid', ADMIN_PASSWORD);
  const sent = await admin.post(`/api/v1/consultations/${roundId}/responses`, { name: 'Cheap Watches Ltd', channel: 'email', received_on: day(0), answers: { 1: 'Buy now' } });
  assert.equal(sent.status, 201, sent.text);
  const id = sent.json.id;
  await staff.goto(`${server.base}/consultations/${roundId}/responses`);
  const card = staff.locator(`#response-${id}`);
  await card.locator('summary:has-text("Set this response aside")').click();
  await staff.selectOption(`#status-${id}`, 'spam');
  await card.locator('button:has-text("Confirm whether it counts")').click();
  await staff.locator('.govuk-error-summary').waitFor();
  assert.match(await staff.locator('.govuk-error-summary').innerText(), /why the response is set aside/);
  assert.equal(await staff.inputValue(`#status-${id}`), 'spam', 'the choice made is kept');
  await checkPage(staff, 'c40-response-set-aside-error');
  await staff.fill(`#note-${id}`, 'Advertising, not an answer to the consultation');
  await staff.locator(`#response-${id} button:has-text("Confirm whether it counts")`).click();
  await staff.waitForURL(new RegExp(`#response-${id}$`));
  assert.match(await staff.locator(`#response-${id}`).innerText(), /Set aside: Spam[\s\S]*Advertising/);
  await checkPage(staff, 'c41-response-set-aside');
  const summary = (await admin.get(`/api/v1/consultations/${roundId}/summary`)).json;
  assert.equal(summary.set_aside, 1);
  assert.doesNotMatch(JSON.stringify(summary), /Cheap Watches/);
});
