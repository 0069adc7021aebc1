// Every page of stages 5 to 8 of the demo's inspection of hate crime, and
// every page they link to on the inspection (a report section, a finding's
// and a section's change pages, a correction, the destruction of an
// evidence item, what retention is due), visited as the lead inspector and
// as HMCPSI's: each one's GOV.UK Back link is followed and answers a page,
// never "Page not found". (checkPage() asks every page the other browser
// tests reach the same of its Back link.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage, demoPerson, demoInspection } from '../support/browser.mjs';
import { startServer, adminClient } from '../support/server.mjs';

let server;
let browser;
let admin;
let demo;

before(async () => {
  server = await startServer({ extraArgs: ['--demo'] });
  admin = await adminClient(server);
  browser = await launchBrowser();
  demo = await demoInspection(admin);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const stages = ['findings', 'evaluation', 'report', 'recommendations', 'media', 'publication', 'retention'];

// The pages on this inspection (and the retention due) that `p`'s page
// links to: addresses of pages, not files, forms or other inspections.
async function linksOn(p) {
  const hrefs = await p.$$eval('main a[href]', (as) => as.map((a) => a.getAttribute('href')));
  return hrefs
    .map((h) => h.split('#')[0])
    .filter((h) => h.startsWith(`/inspections/${demo.id}/`) || h.startsWith('/retention-due'))
    .filter((h) => !/\.(docx|pdf|csv|xlsx|ics)(\?|$)/.test(h) && !h.includes('/attachments/'));
}

// Visits `path`, follows its Back link and answers where it led.
async function followBack(p, path) {
  const res = await p.goto(server.base + path);
  assert.equal(res.status(), 200, `${path} answers ${res.status()}`);
  const back = p.locator('a.govuk-back-link');
  assert.equal(await back.count(), 1, `${path} has one Back link`);
  const href = await back.getAttribute('href');
  const [arrived] = await Promise.all([p.waitForNavigation(), back.click()]);
  assert.equal(arrived.status(), 200, `the Back link on ${path} (${href}) answers ${arrived.status()}`);
  assert.doesNotMatch(await p.title(), /not found/i, `the Back link on ${path} (${href})`);
  return href;
}

for (const email of ['lead.hmicfrs@jointly.invalid', 'lead.hmcpsi@jointly.invalid']) {
  test(`every stage 5 to 8 page and the pages it links to go Back to a page, as ${email}`, async () => {
    const { p } = await demoPerson(browser, server, admin, email);
    const seen = new Set();
    const backs = {};
    for (const stage of stages) {
      const path = `/inspections/${demo.id}/${stage}`;
      await p.goto(server.base + path);
      const links = await linksOn(p);
      backs[path] = await followBack(p, path);
      seen.add(path);
      for (const link of links) {
        if (seen.has(link)) continue;
        seen.add(link);
        backs[link] = await followBack(p, link);
      }
    }
    const reached = Object.keys(backs);
    if (email.startsWith('lead.hmicfrs')) {
      // The pages the fresh-eyes walk found going back nowhere are among them.
      // (The demo has no correction received and nothing due for destruction:
      // media.test.mjs and retention.test.mjs reach those pages, and
      // checkPage() follows their Back links.)
      for (const kind of [/\/report\/sections\/\d+$/, /\/recommendations\/findings\/\d+$/,
        /^\/inspections\/\d+\/sections\/\d+$/, /^\/retention-due/]) {
        assert.ok(reached.some((r) => kind.test(r)), `no page like ${kind} was reached: ${reached.join(' ')}`);
      }
      const backOf = (kind) => backs[reached.find((r) => kind.test(r))];
      assert.equal(backOf(/\/report\/sections\/\d+$/), `/inspections/${demo.id}/report`);
      assert.equal(backOf(/\/recommendations\/findings\/\d+$/), `/inspections/${demo.id}/recommendations#findings`);
      assert.equal(backOf(/^\/inspections\/\d+\/sections\/\d+$/), `/inspections/${demo.id}/findings#structure`);
      assert.equal(backOf(/^\/retention-due/), '/inspections');
    }
    // The overview's words: what is left of an earlier stage said once, and
    // the Development Group with its capitals.
    await p.goto(server.base + `/inspections/${demo.id}`);
    const overview = await p.locator('main').innerText();
    assert.ok((overview.match(/Still to do in stage/g) ?? []).length <= 1, overview);
    assert.doesNotMatch(overview, /development Group|Final sign-off by every inspectorate[^\n]*Submit for Final/);
    await p.goto(server.base + '/retention-due');
    await checkPage(p, `back-retention-due-${email.split('@')[0]}`);
    await p.context().close();
  });
}
