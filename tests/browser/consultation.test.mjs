// Consultation in Chromium on the demo programme: the public response form
// (no sign-in, GOV.UK errors, confirmation), and the secretariat's journey
// from starting a round to closing it, recording copies of the final
// programme sent once it is published, and publishing "you said, we did". axe-core checks each page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage, fillDate } from '../support/browser.mjs';
import { startServer, adminClient, userClient, isoDay as day, workingDay, ADMIN_PASSWORD, Client, openRound } from '../support/server.mjs';

let server;
let browser;
let page;
let roundId;
let admin;
let rep;
const reps = {};  // a representative of each CJ inspectorate, by code

before(async () => {
  server = await startServer({ extraArgs: ['--demo'] });
  admin = await adminClient(server);
  const all = await admin.get('/api/v1/inspectorates?limit=100');
  const probation = all.json.items.find((i) => i.code === 'HMIPROBATION');
  rep = await userClient(server, admin, 'rep.consult@example.gov.uk', ['dg_representative'], { inspectorate_id: probation.id });
  reps.HMIPROBATION = rep;
  for (const code of ['HMICFRS', 'HMCPSI', 'HMIPRISONS']) {
    const inspectorate = all.json.items.find((i) => i.code === code);
    reps[code] = await userClient(server, admin, `rep.${code.toLowerCase()}@example.gov.uk`, ['dg_representative'], { inspectorate_id: inspectorate.id });
  }
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
  await openRound(admin, roundId);
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
  assert.equal(await page.locator('a[href*="/api/"]').count(), 0, 'the public pages do not point to the API');
  assert.match(await page.locator('main').innerText(), /Respond by the end of \w+day \d+ \w+ \d{4}/, 'the deadline in words');
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
  await page.waitForURL(/\/respond\/received\?reference=[0-9A-F]{4}-[0-9A-F]{4}$/);
  await checkPage(page, 'c03-consultation-thanks');
  assert.equal(await page.locator(`a[href="/consultations/${roundId}/respond/consultation-document.pdf"]`).count(), 1,
    'the thank-you page leads on');
  assert.match(await page.locator('main').innerText(), /What happens next[\s\S]*closes at the end of/);
  // Reloading the thank-you page sends nothing again.
  const count = async () => (await admin.get(`/api/v1/consultations/${roundId}/responses`)).json.total;
  const before = await count();
  await page.reload();
  await page.locator('.govuk-panel--confirmation').waitFor();
  assert.equal(await count(), before);
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
  await staff.fill('#first_year', '2017-18');  // as the business plan names it
  await staff.fill('#deadline', 'soon');  // the day's box
  await staff.click('button:has-text("Start consultation")');
  await staff.locator('.govuk-error-summary').waitFor();
  assert.match(await staff.locator('.govuk-error-summary').innerText(), /title[\s\S]*date/i);
  await checkPage(staff, 'c12-consultation-form-errors');
  await staff.fill('#title', 'Consultation on the joint inspection programme 2017-18');
  await staff.check('#years');
  // It opened before 2017-18 began, as a consultation on that year must.
  await fillDate(staff, 'opens_on', '2016-12-01');
  await fillDate(staff, 'deadline', workingDay(28));
  await staff.click('button:has-text("Start consultation")');
  await staff.waitForURL(/\/consultations\/\d+\?done=consultation-started$/);
  assert.match(await staff.locator('#notice').innerText(), /The consultation has been started as a draft/);
  const id = Number(new URL(staff.url()).pathname.split('/').pop());
  assert.match(await staff.locator('#consultees ~ table').innerText(), /CJ Ministers[\s\S]*Auditor General for Wales/);
  assert.equal(await staff.locator('#pack-gaps').count(), 0, 'the demo secretariat signs and takes email');
  // Without an email address in the directory, the page says so before the letters go.
  const all = (await admin.get('/api/v1/inspectorates?limit=100')).json.items;
  const secretariat = all.find((i) => i.code === 'JOINT-SECRETARIAT');
  assert.ok(secretariat.head_name && secretariat.email, 'the demo fills in the secretariat');
  const cleared = await admin.patch(`/api/v1/inspectorates/${secretariat.id}`, { email: '', version: secretariat.version });
  assert.equal(cleared.status, 200, JSON.stringify(cleared.json));
  await staff.reload();
  const gaps = await staff.locator('#pack-gaps').innerText();
  assert.match(gaps, /will not be told how to respond by email/);
  assert.doesNotMatch(gaps, /signed by/);
  assert.equal(await staff.locator(`#pack-gaps a[href="/inspectorates/${secretariat.id}/edit"]`).count(), 1);
  await checkPage(staff, 'c13a-consultation-pack-gaps');
  await admin.patch(`/api/v1/inspectorates/${secretariat.id}`, { email: secretariat.email, version: cleared.json.version });
  await staff.reload();
  await checkPage(staff, 'c13-consultation');

  // Its statutory consultees kept the contact details they had in the
  // round before (R9's refusal to open without them is tested in the API
  // and service tests, on a round whose consultees have none).
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
  // With a 19,000-letter word in it, which must not widen any page it is shown on.
  await publicPage.fill('#answer_2', 'Please prioritise the inspection of victims and witnesses. ' + 'w'.repeat(19000));
  await publicPage.check('#consent_to_publish');
  await publicPage.click('button:has-text("Send response")');
  await publicPage.locator('.govuk-panel--confirmation').waitFor();

  // Until what was done is recorded, the summary names the response that
  // holds it back, with a link to it.
  await staff.goto(`${server.base}/consultations/${id}/summary`);
  assert.match(await staff.locator('#unanswered').innerText(), /Pat Respondent, Victims First/);
  assert.match(await staff.locator('#unanswered a').first().getAttribute('href'), new RegExp(`/consultations/${id}/responses#response-\\d+$`));

  // The secretariat tags it to a proposal and records what was done.
  await staff.goto(`${server.base}/consultations/${id}/responses`);
  await checkPage(staff, 'c14-responses');
  // A proposal of the 2017-18 programme the consultation is on.
  const proposals = (await admin.get('/api/v1/proposals')).json.items;
  const year2017 = (await admin.get('/api/v1/plans')).json.items.find((p) => p.first_year === 2017);
  const consultedOn = (await admin.get(`/api/v1/plans/${year2017.id}`)).json.items.map((i) => i.proposal_id);
  const target = proposals.find((p) => consultedOn.includes(p.id));
  assert.ok(target, 'the demo programme has proposals');
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

  // The register shows who is owed a copy of the final programme, which
  // does not exist yet; it does not hold the round open (R9).
  await staff.goto(`${server.base}/consultations/${id}`);
  assert.match(await staff.locator('#owed').innerText(), /CJ Ministers[\s\S]*Auditor General for Wales/);
  assert.match(await staff.locator('#dispatch ~ .govuk-inset-text').innerText(), /final programme for 2017-18 is not published yet/);
  assert.equal(await staff.locator('button:has-text("Record what was sent")').count(), 0, 'nothing to record before the programme is final');
  // Closing early asks first, and Cancel changes nothing.
  await staff.click('a:has-text("Close the consultation now")');
  await staff.waitForURL(/\/close$/);
  assert.match(await staff.locator('main').innerText(), /stops taking responses at once/);
  await checkPage(staff, 'c17a-close-confirm');
  await staff.click('main a:has-text("Cancel")');
  await staff.locator('.govuk-tag:has-text("Open")').waitFor();
  await staff.click('a:has-text("Close the consultation now")');
  await staff.click('button:has-text("Close the consultation now")');
  await staff.locator('.govuk-tag:has-text("Closed")').waitFor();
  assert.match(await staff.locator('main').innerText(), /Closed early on \w+ \d+ \w+ \d{4} \(the last day had been/);
  await checkPage(staff, 'c17-closed');

  // Once the 2017-18 programme is published, copies sent are recorded
  // against it: nothing ticked or filled in for the user.
  const plan2017 = (await admin.get('/api/v1/plans')).json.items.find((p) => p.first_year === 2017);
  const approval = await admin.post(`/api/v1/plans/${plan2017.id}/approval`);
  assert.equal(approval.status, 201, approval.text);
  for (const code of Object.keys(reps)) {
    const agreed = await reps[code].post(`/api/v1/decisions/${approval.json.id}/responses`, { agree: true });
    assert.equal(agreed.status, 201, agreed.text);
  }
  assert.equal((await admin.post(`/api/v1/plans/${plan2017.id}/send-to-ministers`)).status, 200);
  assert.equal((await admin.post(`/api/v1/plans/${plan2017.id}/publish`)).status, 200);
  await staff.reload();
  assert.equal(await staff.locator('input[name=consultee_ids]:checked').count(), 0, 'nobody pre-ticked');
  for (const field of ['#sent_on', '#sent_on-month', '#sent_on-year', '#method', '#what']) assert.equal(await staff.inputValue(field), '', `${field} is not pre-filled`);
  await staff.click('button:has-text("Record what was sent")');
  await staff.locator('.govuk-error-summary').waitFor();
  assert.match(await staff.locator('.govuk-error-summary').innerText(), /consultee[\s\S]*date[\s\S]*how[\s\S]*what/i, 'every error at once');
  await checkPage(staff, 'c16-dispatch-refused');
  for (const box of await staff.locator('input[name=consultee_ids]').all()) await box.check();
  await fillDate(staff, 'sent_on', day(0));
  await staff.fill('#method', 'email');
  await staff.fill('#what', 'Joint business plan 2017-18 and the inspection framework');
  await staff.click('button:has-text("Record what was sent")');
  await staff.waitForURL(/#dispatch$/);
  assert.match(await staff.locator('#notice').innerText(), /What was sent has been recorded/);
  assert.match(await staff.locator('#owed').innerText(), /Every statutory consultee has been sent a copy/);

  // "You said, we did", published for everyone.
  await staff.goto(`${server.base}/consultations/${id}/summary`);
  const fits = (p) => p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  assert.ok(await fits(staff), 'a long word wraps on the summary');
  await checkPage(staff, 'c18-summary-draft');
  const before = await new Client(server.base).get(`/consultations/${id}/summary`);
  assert.equal(before.status, 404, 'an unpublished summary is not shown to the public');
  await staff.click('a:has-text("Publish the summary")');
  await staff.waitForURL(/\/summary\/publish$/);
  await checkPage(staff, 'c18a-summary-publish-confirm');
  await staff.click('button:has-text("Publish the summary")');
  await staff.waitForURL(/\?done=summary-published$/);
  assert.match(await staff.locator('main').innerText(), /Published on \d+ \w+ \d{4}/);
  assert.match(await staff.locator('#notice').innerText(), /The summary of responses has been published/);
  await checkPage(staff, 'c18b-summary-published-notice');
  await publicPage.goto(`${server.base}/consultations/${id}/summary`);
  const text = await publicPage.locator('main').innerText();
  assert.match(text, /Pat Respondent, Victims First[\s\S]*We kept this work/);
  // What was done is said once for each question, under its own heading.
  assert.doesNotMatch(text, /We did:/);
  assert.match(text, /What we did\s+We kept this work/);
  for (const question of text.split(/\n(?=\d+\. )/)) {
    assert.ok((question.match(/What we did/g) ?? []).length <= 1, `once per question: ${question.slice(0, 300)}`);
  }
  // Responses about each proposal of the programme consulted on are
  // counted for everyone, without a link to a staff page.
  assert.equal(await publicPage.locator('#by-proposal').innerText(), `${target.title}: 1`);
  assert.equal(await publicPage.locator('main a[href^="/programme/"]').count(), 0, 'no link to a staff page');
  assert.ok(await fits(publicPage), 'a long word wraps on the public summary');
  await checkPage(publicPage, 'c19-summary-published');
  // The closed form is no dead end: it leads to the summary and the document.
  await publicPage.goto(`${server.base}/consultations/${id}/respond`);
  assert.match(await publicPage.locator('main').innerText(), /closed/i);
  assert.equal(await publicPage.locator(`a[href="/consultations/${id}/summary"]`).count(), 1);
  assert.equal(await publicPage.locator(`a[href="/consultations/${id}/respond/consultation-document.pdf"]`).count(), 1);
  await checkPage(publicPage, 'c19a-closed-form');
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
  await staff.waitForURL(/\/contacts\?done=contact-added$/);
  assert.match(await staff.locator('#notice').innerText(), /The contact has been added/);
  const made = (await admin.get('/api/v1/contacts?limit=100')).json.items.find((c) => c.email === 'a.researcher@university.example.ac.uk');
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

test('every consultee\'s contact details can be changed once all have them: unchanged, empty, very long', async () => {
  const view = (await admin.get(`/api/v1/consultations/${roundId}`)).json;
  const contacts = [];
  for (const [n, c] of view.consultees.entries()) {
    const made = await admin.post('/api/v1/contacts', { name: `Desk ${n}`, organisation: c.organisation, email: `desk${n}@example.gov.uk`, type: 'government' });
    assert.equal(made.status, 201, made.text);
    contacts.push(made.json.id);
    if (!c.dropped) assert.equal((await admin.patch(`/api/v1/consultees/${c.id}`, { contact_id: made.json.id })).status, 200);
  }
  const spare = await admin.post('/api/v1/contacts', { name: 'New Desk', organisation: 'Elsewhere', email: 'new.desk@example.gov.uk', type: 'government' });
  const staff = await signInAs('admin@jointly.invalid', ADMIN_PASSWORD);
  await staff.goto(`${server.base}/consultations/${roundId}`);
  assert.equal(await staff.locator('#without-contact').count(), 0, 'nothing is missing');
  const consulted = view.consultees.filter((c) => !c.dropped);
  const links = staff.locator('#consultees ~ table a:has-text("Change")');
  assert.equal(await links.count(), consulted.length, 'a Change link for every consultee');
  const first = consulted[0];
  const firstContact = contacts[view.consultees.indexOf(first)];
  await links.first().click();
  await staff.waitForURL(new RegExp(`\\?consultee=${first.id}#contact-form$`));
  assert.equal(await staff.inputValue('#attach_consultee_id'), String(first.id), 'the consultee is chosen');
  assert.equal(await staff.inputValue('#attach_contact_id'), String(firstContact), 'with its contact as it is');
  await checkPage(staff, 'c30-change-contact');

  // Saved unchanged: the same contact, and nothing else changes.
  const beforeSave = (await admin.get(`/api/v1/consultations/${roundId}`)).json.consultees;
  await staff.click('button:has-text("Save contact details")');
  await staff.waitForURL(/done=contact-attached#consultees$/);
  assert.deepEqual((await admin.get(`/api/v1/consultations/${roundId}`)).json.consultees, beforeSave);
  assert.equal(beforeSave.find((c) => c.id === first.id).contact_id, firstContact);

  // Changed to another contact.
  await links.first().click();
  await staff.selectOption('#attach_contact_id', String(spare.json.id));
  await staff.click('button:has-text("Save contact details")');
  await staff.waitForURL(/done=contact-attached#consultees$/);
  assert.match(await staff.locator('#consultees ~ table tbody tr').first().innerText(), /New Desk/);
  const changed = (await admin.get(`/api/v1/consultations/${roundId}`)).json.consultees.find((c) => c.id === first.id);
  assert.equal(changed.contact_id, spare.json.id);

  // Empty: both errors' fields are there to fix.
  await staff.selectOption('#attach_consultee_id', '');
  await staff.selectOption('#attach_contact_id', '');
  await staff.click('button:has-text("Save contact details")');
  await staff.locator('.govuk-error-summary').waitFor();
  assert.match(await staff.locator('.govuk-error-summary').innerText(), /Choose the consultee[\s\S]*Choose their contact details/);
  await checkPage(staff, 'c31-change-contact-empty');

  // 20,000 characters where a choice belongs: refused in words, nothing changed.
  await staff.evaluate(() => {
    const select = document.getElementById('attach_contact_id');
    const long = document.createElement('option');
    long.value = 'x'.repeat(20000);
    long.textContent = 'Very long';
    select.append(long);
  });
  await staff.selectOption('#attach_consultee_id', String(first.id));
  await staff.selectOption('#attach_contact_id', 'x'.repeat(20000));
  await staff.click('button:has-text("Save contact details")');
  await staff.locator('.govuk-error-summary').waitFor();
  assert.match(await staff.locator('.govuk-error-summary').innerText(), /Choose their contact details/);
  assert.equal(await staff.inputValue('#attach_consultee_id'), String(first.id), 'the choice is kept');
  await checkPage(staff, 'c32-change-contact-long');
  const after = (await admin.get(`/api/v1/consultations/${roundId}`)).json.consultees.find((c) => c.id === first.id);
  assert.equal(after.contact_id, spare.json.id);
  await staff.context().close();
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

test('staff_recording_a_response_are_asked_for_the_respondents_name_and_answers_not_their_own', async () => {
  const created = await admin.post('/api/v1/consultations', {
    title: 'Consultation recorded by staff', first_year: 2040, opens_on: day(-1), deadline: day(30),
    sections: [{ title: 'Priorities', questions: ['What should we inspect?'] }],
  });
  assert.equal(created.status, 201, created.text);
  assert.equal((await openRound(admin, created.json.id)).status, 200);
  const staff = await signInAs('admin@jointly.invalid', ADMIN_PASSWORD);
  await staff.goto(`${server.base}/consultations/${created.json.id}/responses`);
  assert.equal((await staff.locator('label[for=name]').innerText()).trim(), "Respondent's name");
  assert.match(await staff.locator('label[for=organisation]').innerText(), /Their organisation/);
  await staff.fill('#name', '   ');
  await staff.fill('#on_behalf_of', 'A\u0007B');
  await staff.click('button:has-text("Record response")');
  await staff.locator('.govuk-error-summary').waitFor();
  const errors = await staff.locator('.govuk-error-summary').innerText();
  assert.match(errors, /Enter the respondent's name/);
  assert.match(errors, /Enter their answer to at least one question/);
  assert.match(errors, /Remove line breaks and unusual characters from the name of those they responded for/);
  assert.doesNotMatch(errors, /\byour?\b/i, 'the form speaks of the respondent, not the person recording it');
  assert.match(await staff.locator('#name-error').innerText(), /Enter the respondent's name/);
  await checkPage(staff, 'c42-record-response-errors');
});

test('contacts_and_consultation_pages_fit_a_phone_375_pixels_wide', async () => {
  const staff = await signInAs('admin@jointly.invalid', ADMIN_PASSWORD);
  await staff.setViewportSize({ width: 375, height: 800 });
  const demo = (await admin.get('/api/v1/consultations')).json.items.find((r) => r.first_year === 2017);
  const pages = [['/contacts', 'c50-contacts-375'], [`/consultations/${demo.id}`, 'c51-consultation-375'],
    [`/consultations/${demo.id}/responses`, 'c52-responses-375'], [`/consultations/${demo.id}/summary`, 'c53-summary-375'],
    [`/consultations/${roundId}`, 'c54-open-consultation-375'], ['/consultations', 'c55-consultations-375']];
  for (const [path, name] of pages) {
    await staff.goto(server.base + path);
    const [width, inner] = await staff.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(width <= inner, `${path} is ${width} pixels wide on a ${inner}-pixel phone`);
    await checkPage(staff, name);
  }
  await staff.context().close();
});

// "22 November 2026", as pages write a day.
const inWords = (iso) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

test('a_response_recorded_as_received_before_the_round_opened_is_refused_at_the_date_naming_the_day_it_opened', async () => {
  const created = await admin.post('/api/v1/consultations', {
    title: 'Consultation that opened five days ago', first_year: 2044, opens_on: day(-5), deadline: day(30),
    sections: [{ title: 'Priorities', questions: ['What should we inspect?'] }],
  });
  assert.equal(created.status, 201, created.text);
  assert.equal((await openRound(admin, created.json.id)).status, 200);
  const staff = await signInAs('admin@jointly.invalid', ADMIN_PASSWORD);
  await staff.goto(`${server.base}/consultations/${created.json.id}/responses`);
  const earliest = `on or after ${inWords(day(-5))}, when the consultation opened`;
  assert.match(await staff.locator('#received_on-hint').innerText(), new RegExp(`^On ${earliest.slice(3)}, and not after today`));
  await staff.fill('#name', 'Pat Post');
  await staff.selectOption('#channel', 'post');
  await fillDate(staff, 'received_on', day(-6));
  await staff.fill('#answer_1', 'Courts, please.');
  await staff.click('button:has-text("Record response")');
  await staff.locator('.govuk-error-summary').waitFor();
  assert.match(await staff.locator('.govuk-error-summary').innerText(), new RegExp(`Date received must be ${earliest}`));
  assert.match(await staff.locator('#received_on-error').innerText(), new RegExp(`Date received must be ${earliest}`));
  // What was typed is kept.
  const [y, m, d] = day(-6).split('-');
  assert.deepEqual([await staff.inputValue('#received_on'), await staff.inputValue('#received_on-month'), await staff.inputValue('#received_on-year')],
    [String(Number(d)), String(Number(m)), y]);
  assert.equal(await staff.inputValue('#name'), 'Pat Post');
  assert.equal(await staff.inputValue('#answer_1'), 'Courts, please.');
  await checkPage(staff, 'c60-record-response-before-opening');
  // Nor on a day still to come.
  await fillDate(staff, 'received_on', day(2));
  await staff.click('button:has-text("Record response")');
  await staff.locator('#received_on-error').waitFor();
  assert.match(await staff.locator('#received_on-error').innerText(), /Date received must be today or earlier/);
  await staff.context().close();
});

test('the_public_form_names_the_question_whose_answer_is_too_long_in_the_summary_and_at_the_answer', async () => {
  const anonymous = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await anonymous.goto(`${server.base}/consultations/${roundId}/respond`);
  const long = 'x'.repeat(20001);
  await anonymous.fill('#name', 'A Long Respondent');
  await anonymous.fill('#answer_2', long);
  await anonymous.click('button:has-text("Send response")');
  await anonymous.locator('.govuk-error-summary').waitFor();
  const message = 'Your answer to question 2, Which themes should we inspect?, must be 20,000 characters or fewer';
  assert.match(await anonymous.locator('.govuk-error-summary').innerText(), new RegExp(message.replace(/[?,]/g, '\\$&')));
  assert.equal(await anonymous.locator('.govuk-error-summary a[href="#answer_2"]').count(), 1);
  assert.match(await anonymous.locator('#answer_2-error').innerText(), new RegExp(message.replace(/[?,]/g, '\\$&')));
  assert.equal((await anonymous.inputValue('#answer_2')).length, long.length, 'the answer is kept as typed');
  await checkPage(anonymous, 'c61-consultation-form-answer-too-long');
  await anonymous.context().close();
});

test('consultee_contact_options_name_each_contact_with_their_organisation_once', async () => {
  const staff = await signInAs('admin@jointly.invalid', ADMIN_PASSWORD);
  await staff.goto(`${server.base}/consultations/${roundId}`);
  const options = (await staff.locator('#contact_id option').allTextContents()).map((o) => o.trim());
  assert.ok(options.some((o) => /^Office of the Chief Inspector, HMCPSI \(/.test(o)), options.join('\n'));
  for (const o of options) assert.doesNotMatch(o, /, ([^,(]+), \1 \(/, 'the organisation is said once');
  await staff.context().close();
});
