// An optimiser run that goes on improving its programme after its first
// answer, in Chromium: 160 proposals competing for little capacity, the
// run page with the best programme so far, the chart of its progress and
// the same figures as a table, then Stop improving. axe-core checks every
// page; screenshots are kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchBrowser, checkPage, shots } from '../support/browser.mjs';
import { startServer, adminClient, userClient, ADMIN_PASSWORD } from '../support/server.mjs';

let server;
let browser;
let admin;
let runId;

// A small deterministic generator, so every run of the test asks the same.
function generator(seed) {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

before(async () => {
  server = await startServer();
  admin = await adminClient(server);
  const cj = {};
  const all = await admin.get('/api/v1/inspectorates?limit=100');
  for (const i of all.json.items) {
    if (i.kind === 'criminal_justice' && i.closed_year === null) cj[i.code] = i.id;
  }
  const codes = Object.keys(cj);
  const reps = {};
  for (const code of codes) {
    reps[code] = await userClient(server, admin, `rep.${code.toLowerCase()}@example.gov.uk`,
      ['dg_representative'], { inspectorate_id: cj[code] });
  }
  const created = await admin.post('/api/v1/plans', {
    first_year: 2030,
    introduction: 'Our joint programme.',
    min_process_coverage: 0,
    capacity: codes.map((code) => ({ inspectorate_id: cj[code], days_per_quarter: 500 })),
  });
  assert.equal(created.status, 201, created.text);
  const plan = created.json;
  const set = (await admin.get(`/api/v1/criteria-sets/${plan.criteria_set_id}`)).json;
  const random = generator(2017);
  for (let n = 1; n <= 160; ++n) {
    const lead = codes[random(codes.length)];
    const support = codes[(codes.indexOf(lead) + 1 + random(codes.length - 1)) % codes.length];
    const p = await admin.post('/api/v1/proposals', {
      title: `Joint inspection ${n}`,
      summary: 'How well the agencies work together.',
      scope_and_purpose: 'Joint working in four areas.',
      main_question: 'Do the agencies work well together?',
      type: 'joint_thematic',
      participants: [
        { inspectorate_id: cj[lead], involvement: 'lead', effort_days: 37 + 7 * random(31) },
        { inspectorate_id: cj[support], involvement: 'support', effort_days: 13 + 3 * random(29) },
      ],
      focus: ['bringing_offenders_to_justice', 'victim_and_witness_experience'],
      duration_quarters: 1 + random(4),
      contributes_to_improvement: true,
      outcome_focused: true,
      user_perspective: true,
    });
    assert.equal(p.status, 201, p.text);
    const scores = Object.fromEntries(set.criteria.map((c) => [String(c.id), 1 + random(5)]));
    const scored = await reps[lead].put(`/api/v1/proposals/${p.json.id}/scores`, { scores });
    assert.ok(scored.status < 300, scored.text);
  }
  const started = await admin.post(`/api/v1/plans/${plan.id}/optimiser-runs`, { time_limit_seconds: 1 });
  assert.equal(started.status, 202, started.text);
  runId = started.json.id;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function runNow() {
  return (await admin.get(`/api/v1/optimiser-runs/${runId}`)).json;
}

test('a run not proven optimal keeps improving, shows its progress and stops when asked', async () => {
  let run = await runNow();
  for (let i = 0; i < 300 && run.state !== 'finished'; ++i) {
    await new Promise((r) => setTimeout(r, 100));
    run = await runNow();
  }
  assert.equal(run.state, 'finished', JSON.stringify(run).slice(0, 400));
  assert.equal(run.result.proven_optimal, false, JSON.stringify({ n: run.result.candidates, chosen: run.result.chosen.length, total: run.result.total_priority, nc: run.result.not_considered.slice(0, 2), p: run.result.chosen.slice(0, 3).map((c) => c.priority) }));
  assert.equal(run.improving, true);
  assert.ok(run.result.progress.length >= 1);
  assert.ok(run.result.progress[0].best_bound >= run.result.progress[0].total_priority);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.base + '/sign-in');
  await page.fill('#email', 'admin@jointly.invalid');
  await page.fill('#password', ADMIN_PASSWORD);
  await page.click('button:has-text("Sign in")');
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await page.goto(`${server.base}/runs/${runId}`);
  const body = () => page.locator('main').innerText();
  assert.match(await body(), /Still improving: this is the best programme found so far/);
  assert.match(await body(), /Not proven optimal yet: within [\d.]+% of the best possible/);
  const chart = page.locator('svg[role="img"]');
  assert.equal(await chart.count(), 1);
  assert.match(await chart.locator('title').textContent(), /Best total priority found and the most possible/);
  assert.match(await chart.locator('desc').textContent(), /rose from [\d.]+ to [\d.]+/);
  assert.match(await page.locator('table caption', { hasText: 'Best total priority and bound over time' }).innerText(), /over time/);
  // Stop from a second tab at once (the improving page stays as it was
  // shown for axe), since improving lasts a couple of minutes at most.
  const second = await context.newPage();
  await second.goto(`${server.base}/runs/${runId}`);
  await second.click('button:has-text("Stop improving")');
  await second.waitForURL(/\/runs\/\d+\?done=improving-stopped$/);
  assert.match(await second.locator('#notice').innerText(), /will stop improving/);
  await checkPage(page, 'o01-run-improving');
  await page.locator('h2:has-text("How the search went")').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'o01b-run-progress.png') });
  for (let i = 0; i < 600 && run.improving; ++i) {
    await new Promise((r) => setTimeout(r, 100));
    run = await runNow();
  }
  assert.equal(run.improving, false);
  assert.equal(run.result.improving, false);
  await page.goto(`${server.base}/runs/${runId}`);
  assert.doesNotMatch(await body(), /Still improving/);
  assert.equal(await page.locator('button:has-text("Stop improving")').count(), 0);
  assert.match(await body(), /Proven optimal|within the time allowed/);
  await checkPage(page, 'o03-run-stopped');
  // Asking again is refused in words.
  const again = await admin.post(`/api/v1/optimiser-runs/${runId}/stop-improving`);
  assert.equal(again.status, 409);
  await context.close();
});
