// The draft report as a document in Chromium: the demo's inspection of
// hate crime offers it from its Report tab as a page to print, a DOCX and
// a PDF, each downloaded under a name in words; the page to print is
// marked OFFICIAL-SENSITIVE, names the inspectorates with the lead first
// and prints only the report. axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage, adminPage, demoInspection } from '../support/browser.mjs';
import { startServer, adminClient } from '../support/server.mjs';

let server;
let browser;
let page;
let admin;
let url;

before(async () => {
  server = await startServer({ extraArgs: ['--demo'] });
  admin = await adminClient(server);
  browser = await launchBrowser();
  page = await adminPage(browser, server);
  const demo = await demoInspection(admin);
  url = `${server.base}/inspections/${demo.id}`;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the_report_tab_offers_the_draft_report_to_print_and_to_download', async () => {
  await page.goto(`${url}/report`);
  await checkPage(page, 'rd01-report-tab');
  const links = await page.locator('#document ~ ul a').allInnerTexts();
  assert.deepEqual(links, ['View the draft report to print',
    'Download the draft report as a Word document (DOCX)', 'Download the draft report as a PDF']);
  for (const [text, extension] of [['Word document', 'docx'], ['as a PDF', 'pdf']]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`a:has-text("${text}")`)]);
    assert.match(download.suggestedFilename(), new RegExp(`^Draft report, version \\d+, Joint inspection of Hate crime\\.${extension}$`));
    assert.equal(await download.failure(), null);
  }
  await page.click('a:has-text("View the draft report to print")');
  await checkPage(page, 'rd02-report-document');
  const text = await page.locator('main').innerText();
  assert.match(text, /^[\s\S]*OFFICIAL-SENSITIVE[\s\S]*DRAFT[\s\S]*Joint inspection of Hate crime/);
  assert.match(text, /A joint inspection by HM Inspectorate of Constabulary[^\n]*, led by HM Inspectorate of Constabulary/);
  assert.match(text, /Contents[\s\S]*Findings[\s\S]*Recommendations/);
  assert.match(text, /Identifying hate crime and supporting victims/);
  assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/, 'dates in words');
  // On paper only the report is printed.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.govuk-template__header').isVisible(), false);
  assert.equal(await page.locator('.jointly-no-print').isVisible(), false);
  assert.equal(await page.locator('article.jointly-report').isVisible(), true);
  await page.emulateMedia({ media: 'screen' });
  await page.click('a:has-text("Back to the report")');
  assert.match(page.url(), /\/report$/);
});

test('the_draft_report_of_an_inspection_not_seen_is_not_found', async () => {
  const res = await page.goto(`${server.base}/inspections/999999/report/document`);
  assert.equal(res.status(), 404);
  await checkPage(page, 'rd03-not-found');
});
