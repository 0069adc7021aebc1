// The public website in Chromium, as a member of the public with no
// account: home, the business plans, a plan, search, a result, and the
// feeds; the framework, consultations, accessibility and privacy pages.
// axe-core on every page, at 1280 and 375 pixels wide.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage } from '../support/browser.mjs';
import { startServer, adminClient, userClient, publishPlan, openRound, isoDay as day } from '../support/server.mjs';

let server;
let browser;
let planId;

before(async () => {
  server = await startServer({ extraArgs: ['--demo'] });
  const admin = await adminClient(server);
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
