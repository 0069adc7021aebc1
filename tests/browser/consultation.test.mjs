// The public consultation response form in Chromium: no sign-in, GOV.UK
// errors, the confirmation, and axe-core on each page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage } from '../support/browser.mjs';
import { startServer, adminClient, isoDay as day } from '../support/server.mjs';

let server;
let browser;
let page;
let roundId;

before(async () => {
  server = await startServer();
  const admin = await adminClient(server);
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
