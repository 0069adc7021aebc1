// The public website in Chromium, as a member of the public with no
// account: home, the business plans, a plan, search, a result, and the
// feeds; the framework, consultations, accessibility and privacy pages.
// axe-core on every page, at 1280 and 375 pixels wide.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage, demoPerson } from '../support/browser.mjs';
import { startServer, adminClient, userClient, publishPlan, openRound, isoDay as day } from '../support/server.mjs';

let server;
let browser;
let planId;
let admin;

before(async () => {
  server = await startServer({ extraArgs: ['--demo'] });
  admin = await adminClient(server);
  browser = await launchBrowser();
  const cj = {};
  const reps = {};
  for (const i of (await admin.get('/api/v1/inspectorates?limit=100')).json.items) {
    if (i.kind === 'criminal_justice' && i.closed_year === null) cj[i.code] = i.id;
  }
  for (const code of Object.keys(cj)) {
    reps[code] = await userClient(server, admin, `public.${code.toLowerCase()}@example.gov.uk`,
      ['dg_representative'], { inspectorate_id: cj[code] });
  }
  // R10: its year is consulted on first (publishing closes the round).
  const round = await admin.post('/api/v1/consultations', {
    title: 'Consultation on the 2040-41 programme', first_year: 2040, years: 1, opens_on: day(-1), deadline: day(20),
    sections: [{ title: 'Priorities', questions: ['What should we inspect?'] }],
  });
  if ((await openRound(admin, round.json.id)).status !== 200) throw new Error('the round did not open');
  planId = await publishPlan(admin, reps, cj, 2040);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

for (const width of [1280, 375]) {
  test(`the public journey: home, plans, a plan, search, a result and the feeds, at ${width} pixels`, async () => {
    const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
    await page.goto(server.base + '/');
    await checkPage(page, `w01-public-home-${width}`);
    await page.click('#sections a[href="/business-plans"]');
    assert.equal(await page.textContent('h1'), 'Joint inspection business plans');
    await checkPage(page, `w02-public-plans-${width}`);
    await page.click(`a[href="/business-plans/${planId}"]`);
    assert.match(await page.textContent('h1'), /Joint inspection business plan 2040-41/);
    assert.match(await page.textContent('main'), /Joint thematic for 2040/);
    assert.ok(await page.isVisible(`a[href="/business-plans/${planId}/business-plan.pdf"]`), 'the plan as a PDF');
    await checkPage(page, `w03-public-plan-${width}`);
    await page.goto(server.base + '/search');
    await checkPage(page, `w04-public-search-${width}`);
    await page.fill('#q', 'hate crime');
    await page.click('main button[type=submit]');
    assert.match(await page.textContent('#result-count'), /result/);
    assert.ok(await page.isVisible('#results mark'), 'the words found are marked');
    await checkPage(page, `w05-public-search-results-${width}`);
    await page.click('#results a');
    assert.match(await page.textContent('h1'), /Joint inspection of/);
    await checkPage(page, `w06-public-search-result-${width}`);
    for (const [path, name] of [['/joint-inspection-framework', 'framework'], ['/open-consultations', 'consultations'],
      ['/you-said-we-did', 'summaries'], ['/accessibility', 'accessibility'], ['/privacy', 'privacy']]) {
      await page.goto(server.base + path);
      await checkPage(page, `w07-public-${name}-${width}`);
    }
    // Too long a search is refused in words, what was typed kept.
    await page.goto(server.base + '/search?q=' + 'x'.repeat(300));
    assert.match(await page.textContent('.govuk-error-summary'), /Search for 200 characters or fewer/);
    assert.equal(await page.inputValue('#q'), 'x'.repeat(300));
    await checkPage(page, `w08-public-search-too-long-${width}`);
    // A search with no word in it says so at the field, what was typed kept.
    await page.goto(server.base + '/search?q=' + encodeURIComponent('* "'));
    assert.match(await page.textContent('.govuk-error-summary'), /Enter a word to search for/);
    assert.match(await page.textContent('#q-error'), /Enter a word to search for/);
    assert.equal(await page.inputValue('#q'), '* "');
    await checkPage(page, `w09-public-search-no-word-${width}`);
    // The feeds and the sitemap are well-formed XML whose addresses are absolute.
    const paths = ['/sitemap.xml'];
    for (const feed of ['business-plans', 'inspections-in-progress', 'consultations', 'you-said-we-did']) {
      const res = await page.request.get(`${server.base}/feeds/${feed}.atom`);
      assert.equal(res.status(), 200);
      assert.match(res.headers()['content-type'], /application\/atom\+xml/);
      paths.push(`/feeds/${feed}.atom`);
    }
    for (const path of paths) {
      const xml = await (await page.request.get(server.base + path)).text();
      const read = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        const values = [...doc.querySelectorAll('loc, id')].map((e) => e.textContent)
          .concat([...doc.querySelectorAll('link')].map((e) => e.getAttribute('href')));
        return { errors: doc.getElementsByTagName('parsererror').length, values };
      }, xml);
      assert.equal(read.errors, 0, `${path} is well-formed`);
      for (const value of read.values) assert.ok(value.startsWith(server.base + '/'), `${path}: ${value}`);
    }
    await page.context().close();
  });
}

// Rule welsh-released-with-english: the demo's published report of modern
// slavery carries a Welsh version. Its page offers "Cymraeg"; the Welsh page
// marks its words lang="cy" and offers "English"; a report without one
// offers no switch. Then the lead inspector's form for the Welsh version.
test('welsh_released_with_english_the_public_page_switches_language', async () => {
  const page = await (await browser.newContext({ viewport: { width: 375, height: 900 } })).newPage();
  await page.goto(server.base + '/reports');
  await page.click('a:has-text("Modern slavery")');
  const english = new URL(page.url()).pathname;
  const id = english.split('/').pop();
  const toWelsh = page.locator('.jointly-language-switch a[hreflang="cy"]');
  assert.equal(await toWelsh.getAttribute('lang'), 'cy');
  assert.equal(await page.textContent('.jointly-language-switch [aria-current="true"]'), 'English');
  await checkPage(page, 'w10-public-report-with-welsh-375');
  await toWelsh.click();
  await page.waitForURL((u) => u.pathname === `/cy/reports/${id}`);
  assert.equal(await page.getAttribute('main div[lang="cy"]', 'lang'), 'cy');
  assert.match(await page.textContent('main div[lang="cy"] h1'), /Arolygiad ar y cyd o gaethwasiaeth fodern/);
  assert.equal(await page.getAttribute('.jointly-language-switch a[hreflang="en"]', 'lang'), 'en');
  assert.equal(await page.getAttribute('.jointly-language-switch [aria-current="true"]', 'lang'), 'cy');
  await checkPage(page, 'w11-public-report-in-welsh-375');
  await page.click('.jointly-language-switch a[hreflang="en"]');
  await page.waitForURL((u) => u.pathname === english);
  // Search finds the Welsh words, linking to the Welsh page.
  await page.goto(server.base + '/search?q=gaethwasiaeth');
  const hit = page.locator(`#results a[href="/cy/reports/${id}"]`);
  assert.equal(await hit.getAttribute('lang'), 'cy');
  await checkPage(page, 'w12-public-search-welsh-375');
  // A page without a Welsh version has no switch.
  await page.goto(server.base + '/business-plans');
  assert.equal(await page.locator('.jointly-language-switch').count(), 0);
  await page.context().close();
  // The lead inspector: every error at once, what was typed kept, then saved
  // and published at once (the English report is published).
  const { context, p } = await demoPerson(browser, server, admin, 'lead.hmicfrs@jointly.invalid');
  await p.goto(`${server.base}/welsh-versions/report/${id}`);
  assert.match(await p.textContent('main'), /Published: read it on the public website/);
  await checkPage(p, 'w13-welsh-version-form');
  const title = await p.inputValue('#title');
  await p.fill('#title', '');
  await p.fill('#summary', '');
  await p.click('button:has-text("Save and publish the Welsh version")');
  const summary = await p.textContent('.govuk-error-summary');
  assert.match(summary, /title in Welsh/i);
  assert.match(summary, /summary in Welsh/i);
  assert.equal(await p.inputValue('#title'), '');
  await checkPage(p, 'w14-welsh-version-errors');
  await p.fill('#title', `${title} (diwygiwyd)`);
  await p.fill('#summary', 'Crynodeb o’r adroddiad.');
  await p.click('button:has-text("Save and publish the Welsh version")');
  assert.match(await p.textContent('.govuk-notification-banner'), /saved and published/);
  await checkPage(p, 'w15-welsh-version-saved');
  await context.close();
  const res = await fetch(`${server.base}/cy/reports/${id}`);
  assert.match(await res.text(), /\(diwygiwyd\)/);
});
