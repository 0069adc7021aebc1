// The programme journey in Chromium, on the 2017-18 demo: the long-list,
// adding a proposal (with errors first), scoring it as a representative,
// running the optimiser, adopting the programme as every inspectorate, and
// the business plan. axe-core checks every page; screenshots are kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, checkPage, shots } from '../support/browser.mjs';
import { startServer, adminClient, userClient, ADMIN_PASSWORD } from '../support/server.mjs';

let server;
let browser;
let page;
const reps = {};  // code -> { email, password }

before(async () => {
  server = await startServer({ extraArgs: ['--demo'] });
  const admin = await adminClient(server);
  const all = await admin.get('/api/v1/inspectorates?limit=100');
  for (const i of all.json.items) {
    if (i.kind !== 'criminal_justice' || i.closed_year !== null) continue;
    const email = `rep.${i.code.toLowerCase()}@example.gov.uk`;
    const client = await userClient(server, admin, email, ['dg_representative'], { inspectorate_id: i.id });
    reps[i.code] = { email, password: client.password };
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function check(name) {
  await checkPage(page, name);
}

async function signInAs(email, password) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await page.goto(server.base + '/sign-in');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button:has-text("Sign in")');
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

test('the long-list shows the 2017-18 programme with scores and filters', async () => {
  await signInAs('admin@jointly.invalid', ADMIN_PASSWORD);
  await page.goto(server.base + '/programme');
  assert.match(await page.locator('caption').first().innerText(), /17 proposals/);
  // At 1280 pixels no heading, number or word is broken across lines.
  const broken = await page.evaluate(() => {
    const out = [];
    for (const cell of document.querySelectorAll('table th, table td.govuk-table__cell--numeric')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent;
        for (const m of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size > 1) out.push(m[0]);
        }
      }
    }
    return out;
  });
  assert.deepEqual(broken, [], 'words broken across lines');
  await check('p01-long-list');
  await page.selectOption('#type', 'scoping_study');
  await page.click('button:has-text("Filter")');
  assert.match(await page.locator('caption').first().innerText(), /3 proposals/);
  await page.click('a:has-text("See the prioritisation criteria")');
  assert.match(await page.locator('body').innerText(), /HMI Probation thematic topic criteria/);
  await check('p01b-criteria');
  await page.goto(server.base + '/programme?min_score=abc');
  await page.locator('.govuk-error-summary').waitFor();
  await check('p02-long-list-error');
});

test('adding a proposal shows GOV.UK errors, then saves', async () => {
  await page.goto(server.base + '/programme/proposals/new');
  await check('p03-proposal-form');
  await page.fill('#title', 'Rural crime');
  await page.fill('#duration_quarters', '2');
  await page.click('button:has-text("Add proposal")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /lead/);
  await check('p04-proposal-form-errors');
  const ids = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('select[id^=involvement_]')]
    .map((s) => [s.closest('tr').querySelector('th').firstChild.textContent.trim(), s.id.replace('involvement_', '')])));
  await page.selectOption(`#involvement_${ids.HMICFRS}`, 'lead');
  await page.fill(`#effort_${ids.HMICFRS}`, '-4');
  await page.selectOption(`#involvement_${ids.HMCPSI}`, 'support');
  await page.fill(`#effort_${ids.HMCPSI}`, '30');
  await page.click('button:has-text("Add proposal")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter HM Inspectorate of Constabulary and Fire & Rescue Services' effort as a whole number of inspector-days, from 0/);
  await page.fill(`#effort_${ids.HMICFRS}`, '60');
  await page.fill('#scope_and_purpose', 'How police and CPS deal with rural crime in four areas.');
  await page.fill('#main_question', 'Do rural communities get the same service?');
  await page.check('#focus-community_safety');
  await page.check('#focus-victim_and_witness_experience');
  await page.check('#contributes_to_improvement');
  await page.check('#outcome_focused');
  await page.check('#user_perspective');
  await page.click('button:has-text("Add proposal")');
  await page.waitForURL(/\/programme\/proposals\/\d+\?done=proposal-added$/);
  assert.match(await page.locator('#notice').innerText(), /The proposal has been added to the long-list/);
  assert.match(await page.locator('#tests ~ p').first().innerText(), /Qualifies/);
  await check('p05-proposal');
});

test('a representative scores it; the proposal shows each score and the spread', async () => {
  const proposalUrl = page.url().replace(/[?#].*$/, '');
  await signInAs(reps.HMICFRS.email, reps.HMICFRS.password);
  await page.goto(proposalUrl + '/score');
  await check('p06-score-form');
  await page.click('button:has-text("Save scores")');
  await page.locator('.govuk-error-summary').waitFor();
  await check('p07-score-form-errors');
  const groups = await page.locator('fieldset').count();
  const criterion = (await page.locator('fieldset legend').first().innerText()).replace(/\s*\(weight[^)]*\)\s*$/, '').trim();
  for (let i = 0; i < groups; ++i) {
    await page.locator('fieldset').nth(i).locator('input[value="5"]').check();
  }
  await page.click('button:has-text("Save scores")');
  await page.waitForURL(/\/programme\/proposals\/\d+\?done=scores-saved#scores$/);
  assert.match(await page.locator('#notice').innerText(), /Your scores have been saved/);
  assert.match(await page.locator('#scores ~ table').first().innerText(), /HMICFRS\s+100\.0/);
  // The history names the criteria and writes numbers as people do.
  const history = await page.locator('#history ~ table').innerText();
  assert.ok(history.includes(criterion), `the history names the criterion "${criterion}": ${history}`);
  assert.match(history, /Weighted score: 100\b/);
  assert.doesNotMatch(history, /\d\.0\b|\d\.\d{3,}|Criterion \d|Inspectorate: \d/, 'no raw floats or ids');
  assert.match(history, /Who leads and who takes part/, 'the proposal form\'s words for its fields');
});

test('the optimiser runs with progress and explains its programme', async () => {
  await signInAs('admin@jointly.invalid', ADMIN_PASSWORD);
  await page.goto(server.base + '/plans');
  await check('p08-plans');
  await page.click('a:has-text("Business plan 2017-18")');
  assert.match(await page.locator('main').innerText(), /from 2017-18 Q1 to 2018-19 Q4/);
  await check('p09-plan');
  await page.fill('#time_limit_seconds', '20');
  await page.click('button:has-text("Run the optimiser")');
  await page.waitForURL(/\/runs\/\d+\?done=run-started$/);
  await page.locator('h2:has-text("The chosen programme")').waitFor({ timeout: 30000 });
  assert.match(await page.locator('.govuk-summary-list').innerText(), /Proven optimal/);
  assert.match(await page.locator('body').innerText(), /Added\s+Rural crime/);
  // R6: the hate crime inspection is under way, so it keeps its start.
  assert.doesNotMatch(await page.locator('body').innerText(), /Moved\s+Hate crime/);
  await check('p10-run');
  await page.click('button:has-text("Ask every inspectorate to agree this programme")');
  await page.waitForURL(/\/decisions/);
  assert.match(await page.locator('#notice').innerText(), /Every inspectorate concerned has been asked to agree/);
  await check('p11-decisions');
});

test('every inspectorate agrees, one after another, and the plan takes effect', async () => {
  const codes = Object.keys(reps);
  for (const [n, code] of codes.entries()) {
    await signInAs(reps[code].email, reps[code].password);
    await page.goto(server.base + '/decisions');
    const card = page.locator('.govuk-summary-card', { hasText: 'Agree the programme of optimiser run' }).first();
    if (n === 0) {
      await card.locator('button:has-text("Send answer")').click();
      await page.locator('.govuk-error-summary').waitFor();
      await check('p12-decision-error');
      continue;
    }
    await card.locator('input[value="agree"]').check();
    await card.locator('button:has-text("Send answer")').click();
    await page.waitForURL(/\/decisions/);
  }
  // The first one, who tried to send nothing, agrees last.
  await signInAs(reps[codes[0]].email, reps[codes[0]].password);
  await page.goto(server.base + '/decisions');
  const card = page.locator('.govuk-summary-card', { hasText: 'Agree the programme of optimiser run' }).first();
  await card.locator('input[value="agree"]').check();
  await card.locator('button:has-text("Send answer")').click();
  await page.waitForURL(/\/decisions/);
  assert.match(await page.locator('#notice').innerText(), /Your inspectorate's agreement has been recorded/);
  assert.match(await page.locator('body').innerText(), /Agreed: in effect/);
  await page.goto(server.base + '/plans');
  await page.click('a:has-text("Business plan 2017-18")');
  assert.match(await page.locator('.govuk-caption-l').innerText(), /Agreed by every inspectorate/);
  assert.match(await page.locator('table').first().innerText(), /Rural crime/);
});

test('the business plan reads on the page and downloads as DOCX and PDF', async () => {
  await page.click('a:has-text("Read the business plan on this site")');
  assert.match(await page.locator('h1').innerText(), /Joint inspection business plan 2017-18/);
  assert.match(await page.locator('body').innerText(), /Police and UK Borders Authority custody inspections[^\t]*\tHMICFRS & HMI Prisons\tCQC/);
  await check('p13-business-plan');
  const docx = await page.request.get(server.base + page.url().replace(/.*\/plans\/(\d+).*/, '/api/v1/plans/$1/business-plan.docx'));
  assert.equal(docx.status(), 200);
  const bytes = await docx.body();
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  writeFileSync(join(shots, 'business-plan-2017-18.docx'), bytes);
  const pdf = await page.request.get(server.base + page.url().replace(/.*\/plans\/(\d+).*/, '/api/v1/plans/$1/business-plan.pdf'));
  writeFileSync(join(shots, 'business-plan-2017-18.pdf'), await pdf.body());
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
});

test('every page below the top level has a back link to the page above, and forms a Cancel', async () => {
  await page.goto(server.base + '/plans');
  assert.equal(await page.locator('.govuk-back-link').count(), 0, 'a top-level page has none');
  await page.click('a:has-text("Business plan 2017-18")');
  const plan = new URL(page.url()).pathname;
  assert.equal(await page.locator('.govuk-back-link').getAttribute('href'), '/plans');
  await page.goto(server.base + plan + '/edit');
  assert.equal(await page.locator('.govuk-back-link').getAttribute('href'), plan);
  assert.equal(await page.locator('a:has-text("Cancel")').getAttribute('href'), plan);
  await page.goto(server.base + '/programme');
  await page.locator('table a').first().click();
  assert.equal(await page.locator('.govuk-back-link').getAttribute('href'), '/programme');
  // A proposal the signed-in representative's inspectorate takes part in:
  // only those offer Edit.
  await page.goto(server.base + '/programme');
  const links = await page.locator('table a[href^="/programme/proposals/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  let proposal;
  for (const href of links) {
    await page.goto(server.base + href);
    if (await page.locator('a:has-text("Edit proposal")').count() > 0) { proposal = href; break; }
  }
  assert.ok(proposal, 'a proposal this representative may change');
  await page.goto(server.base + proposal + '/edit');
  assert.equal(await page.locator('.govuk-back-link').getAttribute('href'), proposal);
  assert.equal(await page.locator('a:has-text("Cancel")').getAttribute('href'), proposal);
  await check('p14-proposal-edit-back-link');
  await page.goto(server.base + plan);
  const run = await page.locator('a[href^="/runs/"]').first().getAttribute('href');
  await page.goto(server.base + run);
  assert.equal(await page.locator('.govuk-back-link').getAttribute('href'), plan, 'a run goes back to its plan');
});

test('the long-list, a plan and a run fit a phone 375 pixels wide', async () => {
  const phone = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
  await phone.goto(server.base + '/sign-in');
  await phone.fill('#email', 'admin@jointly.invalid');
  await phone.fill('#password', ADMIN_PASSWORD);
  await phone.click('button:has-text("Sign in")');
  await phone.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await phone.goto(server.base + '/plans');
  await phone.click('a:has-text("Business plan 2017-18")');
  const plan = new URL(phone.url()).pathname;
  const run = await phone.locator('a[href^="/runs/"]').first().getAttribute('href');
  const inspection = await phone.evaluate(async () => (await (await fetch('/api/v1/inspections')).json()).items[0].id);
  for (const [path, name] of [['/programme', 'p20-long-list-375'], [plan, 'p21-plan-375'], [run, 'p22-run-375'], ['/audit', 'p23-audit-375'],
    ['/users', 'p23b-users-375'], [`/inspections/${inspection}/plan`, 'p23c-project-plan-375'], [`/inspections/${inspection}/timetable`, 'p23d-timetable-375']]) {
    await phone.goto(server.base + path);
    await phone.waitForLoadState('load');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `${path} is ${width} pixels wide on a 375-pixel phone`);
    // A cell's label says something of its own: never an empty cell's
    // ("Inspectorate:" and nothing), nor a link's own words ("Change: Change").
    const odd = await phone.evaluate(() => [...document.querySelectorAll('main table td[data-label]')].map((td) => {
      const seen = td.cloneNode(true);
      seen.querySelectorAll('.govuk-visually-hidden').forEach((e) => e.remove());
      return [td.dataset.label, seen.textContent.trim()];
    }).filter(([label, text]) => !text || text.startsWith(label)).map(([label, text]) => `${label}: ${text}`));
    assert.deepEqual(odd, [], path);
    await checkPage(phone, name);
  }
  const labelled = await phone.evaluate(() => document.querySelector('main table td[data-label]')?.dataset.label);
  assert.ok(labelled, 'table cells are labelled by their column on a phone');
});

test('recording that the draft went to CJ Ministers says what the button said', async () => {
  await signInAs('admin@jointly.invalid', ADMIN_PASSWORD);
  await page.goto(server.base + '/plans');
  await page.click('a:has-text("Business plan 2017-18")');
  const button = page.locator('button:has-text("Record that the draft programme went to CJ Ministers")');
  await button.click();
  await page.waitForURL(/done=plan-sent/);
  assert.match(await page.locator('#notice').innerText(), /recorded that the draft programme went to CJ Ministers/);
  assert.match(await page.locator('.govuk-caption-l').innerText(), /With CJ Ministers/);
  await check('p24-with-ministers');
  // The audit trail names the record and its fields in words.
  await page.goto(server.base + '/audit?entity_type=plan');
  const audit = await page.locator('main table').innerText();
  assert.doesNotMatch(audit, /\d\.0\b|\d\.\d{3,}|Criteria set: \d|Proposal: \d/, `no raw floats or ids: ${audit.slice(0, 2000)}`);
  await page.goto(server.base + '/audit?entity_type=proposal');
  const proposals = await page.locator('main table').innerText();
  assert.match(proposals, /Proposal: Rural crime/, 'a proposal is named by its title');
  assert.doesNotMatch(proposals, /\d\.0\b|\d\.\d{3,}|Criterion \d/, 'no raw floats or criterion numbers');
  await check('p25-audit-proposals');
});

test("an answer to a Minister's comment that is too long comes back as typed, saying how long it is", async () => {
  await signInAs('admin@jointly.invalid', ADMIN_PASSWORD);
  await page.goto(server.base + '/plans');
  await page.click('a:has-text("Business plan 2017-18")');
  await page.fill('#minister', 'Minister of State for Policing');
  // Received once the draft went to CJ Ministers: today.
  const [year, month, date] = new Date().toISOString().slice(0, 10).split('-');
  await page.fill('#received_on', String(Number(date)));
  await page.fill('#received_on-month', String(Number(month)));
  await page.fill('#received_on-year', year);
  await page.fill('#comment', 'Please include rural crime.');
  await page.click('button:has-text("Record comment")');
  await page.waitForURL(/done=comment-recorded/);
  const box = page.locator('textarea[name=response]').first();
  const id = await box.getAttribute('id');
  const typed = 'Considered. '.repeat(1666) + 'Yes, agreed';  // 20,003 characters
  await box.fill(typed);
  await page.click('button:has-text("Record response")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.equal(await page.inputValue(`#${id}`), typed, 'the answer comes back exactly as typed');
  assert.match(await page.locator(`#${id}-error`).innerText(), /Shorten the response to 10,000 characters or fewer \(it has 20,003\)/);
  assert.equal(await page.locator('.govuk-error-summary a').first().getAttribute('href'), `#${id}`);
  await check('p26-ministers-answer-too-long');
  await page.fill(`#${id}`, '');
  await page.click('button:has-text("Record response")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator(`#${id}-error`).innerText(), /Enter the response/);
  assert.doesNotMatch(await page.locator(`#${id}-error`).innerText(), /10,000/, 'an empty answer is told only that it is empty');
});

test('a published plan offers nothing that would change it, and says when it was published', async () => {
  await signInAs('admin@jointly.invalid', ADMIN_PASSWORD);
  await page.goto(server.base + '/plans');
  await page.click('a:has-text("Business plan 2017-18")');
  const plan = new URL(page.url()).pathname;
  // Saved with nothing changed, the plan says so rather than that it was saved.
  await page.goto(server.base + plan + '/edit');
  await page.click('button:has-text("Save")');
  await page.waitForURL(/done=plan-unchanged/);
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /You made no changes, so the plan is as it was/);
  await page.locator('textarea[name=response]').first().fill('Rural crime is in the programme.');
  await page.click('button:has-text("Record response")');
  await page.waitForURL(/done=comment-answered/);
  await page.click('a:has-text("Publish the business plan")');
  await page.click('button:has-text("Publish the business plan")');
  await page.waitForURL(/done=plan-published/);
  const frozen = await page.locator('#plan-frozen').innerText();
  assert.match(frozen, /^The 2017-18 business plan was published on \d{1,2} [A-Z][a-z]+ \d{4} and cannot change; plan further work in the 2018-19 business plan\.$/);
  assert.equal(await page.locator('button:has-text("Run the optimiser")').count(), 0);
  assert.equal(await page.locator(`a[href="${plan}/edit"]`).count(), 0);
  await check('p27-published-plan');
  await page.locator('a[href^="/runs/"]').first().click();
  await page.waitForURL(/\/runs\/\d+$/);
  assert.equal(await page.locator('button:has-text("Make this the draft programme")').count(), 0);
  assert.equal(await page.locator('button:has-text("Ask every inspectorate to agree this programme")').count(), 0);
  assert.match(await page.locator('#plan-frozen').innerText(), /cannot change; plan further work in the 2018-19 business plan\. This run's programme cannot become the plan's\.$/);
  await check('p28-published-plan-run');
  // Its edit page is not reached: it says why and leads back.
  const edit = await page.goto(server.base + plan + '/edit');
  assert.equal(edit.status(), 409);
  assert.match(await page.locator('h1').innerText(), /^The 2017-18 business plan cannot be edited$/);
  assert.match(await page.locator('main').innerText(), /was published on \d{1,2} [A-Z][a-z]+ \d{4} and cannot change/);
  assert.equal(await page.locator('main input:not([type=hidden]), main textarea').count(), 0);
  await check('p29-published-plan-edit');
  await page.click('a:has-text("Go back to the 2017-18 business plan")');
  await page.waitForURL((u) => u.pathname === plan);
});

test('published_plan_frozen_a_proposal_in_its_programme_says_so_and_offers_only_what_may_change', async () => {
  await page.goto(server.base + '/plans');
  await page.click('a:has-text("Business plan 2017-18")');
  await page.locator('table a[href^="/programme/proposals/"]').first().click();
  await page.waitForURL(/\/programme\/proposals\/\d+$/);
  const proposal = new URL(page.url()).pathname;
  const title = await page.locator('h1').innerText();
  // The plan's own words, then what cannot change and that the rest can.
  const held = await page.locator('.jointly-held').innerText();
  assert.match(held, /^The 2017-18 business plan was published on \d{1,2} [A-Z][a-z]+ \d{4} and cannot change; plan further work in the 2018-19 business plan\. This proposal is in its programme: its title, summary, type of work, .* cannot change, and its other details can still be edited\.$/);
  assert.equal(await page.locator('form[action$="/force"]').count(), 0, 'no force in or out');
  assert.doesNotMatch(await page.locator('main').innerText(), /Ask the inspectorates to agree/);
  await check('p30-published-proposal');
  // The edit form offers only what may change; the rest is shown, not asked.
  await page.click('a:has-text("Edit proposal")');
  await page.waitForURL(new RegExp(proposal + '/edit$'));
  assert.equal(await page.locator('.jointly-held').innerText(), held);
  for (const id of ['title', 'summary', 'type', 'part', 'duration_quarters']) {
    assert.equal(await page.locator(`#${id}`).count(), 0, `${id} is not offered`);
  }
  assert.equal(await page.locator('select[name^="involvement_"]').count(), 0, 'who takes part is not offered');
  assert.match(await page.locator('#fixed').innerText(), new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await check('p31-published-proposal-edit');
  // What may change, changes; a bad value comes back as typed, at its field.
  await page.fill('#specialist_skills', 'Rural policing');
  await page.fill('#earliest_start', 'next spring');
  await page.click('button:has-text("Save changes")');
  await page.locator('.govuk-error-summary').waitFor();
  assert.equal(await page.inputValue('#earliest_start'), 'next spring');
  assert.equal(await page.inputValue('#specialist_skills'), 'Rural policing');
  assert.equal(await page.locator('.govuk-error-summary a').first().getAttribute('href'), '#earliest_start');
  await page.fill('#earliest_start', '');
  await page.click('button:has-text("Save changes")');
  await page.waitForURL(/done=proposal-saved/);
  assert.match(await page.locator('main').innerText(), /Rural policing/);
  assert.equal(await page.locator('h1').innerText(), title);
});
