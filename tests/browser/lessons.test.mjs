// Stage 5's evaluation of how the joint inspection worked (R17; M 29,
// M 32) and the lessons-learned register (principle 10) in Chromium, on
// the demo's inspection of hate crime: the lead inspector and a
// Development Group representative evaluate it (the form empty, with
// 20,000 characters, then as it should be), the evaluation saved
// unchanged keeps every field; the lead records a lesson (empty, too long,
// then right) and saves it unchanged; the register lists, filters and
// offers downloads; a new inspection's terms of reference show the lesson.
// axe-core on every page.
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

const summaryOf = (p) => p.locator('.govuk-error-summary li').allInnerTexts();

async function fieldsOn(p, ids) {
  const out = {};
  for (const id of ids) out[id] = await p.inputValue(`#${id}`);
  return out;
}

test('R17_the_evaluation_and_its_lessons_through_the_pages_and_the_register', async () => {
  const { p: lead } = await demoPerson(browser, server, admin, 'lead.hmicfrs@jointly.invalid');
  const page = `${server.base}/inspections/${demo.id}/evaluation`;
  await lead.goto(page);
  await checkPage(lead, 'l01-evaluation');
  assert.match(await lead.locator('#evaluation-status').innerText(), /Not done yet/);

  // Empty, then too long (what was typed kept), then right.
  await lead.click('summary:has-text("Give your evaluation")');
  await lead.selectOption('#theme', 'fieldwork');
  await lead.click('button:has-text("Give the evaluation")');
  await checkPage(lead, 'l02-evaluation-empty');
  assert.deepEqual(await summaryOf(lead), ['Say what worked, what did not, or both']);
  await lead.fill('#worked', 'x'.repeat(20001));
  await lead.fill('#not_worked', 'Evidence reached HMCPSI late');
  await lead.click('button:has-text("Give the evaluation")');
  await checkPage(lead, 'l03-evaluation-too-long');
  assert.equal((await summaryOf(lead)).length, 1);
  assert.equal(await lead.inputValue('#not_worked'), 'Evidence reached HMCPSI late', 'what was typed is kept');
  assert.equal(await lead.inputValue('#theme'), 'fieldwork');
  await lead.fill('#worked', 'Joint pairs at every force');
  await lead.click('button:has-text("Give the evaluation")');
  await lead.waitForURL(/#evaluations/);
  await checkPage(lead, 'l04-evaluation-given');
  assert.match(await lead.locator('main').innerText(), /Fieldwork[\s\S]*Inspection team[\s\S]*Joint pairs at every force/);

  // Changed and saved unchanged: nothing moves.
  await lead.click('a[href*="/evaluations/"]:has-text("Change")');
  await checkPage(lead, 'l05-evaluation-change');
  const ids = ['theme', 'worked', 'not_worked'];
  const before = await fieldsOn(lead, ids);
  await lead.click('button:has-text("Save the evaluation")');
  await lead.waitForURL(/#evaluations/);
  await lead.click('a[href*="/evaluations/"]:has-text("Change")');
  assert.deepEqual(await fieldsOn(lead, ids), before);

  // A Development Group representative evaluates as such.
  const { p: dg } = await demoPerson(browser, server, admin, 'dg.hmcpsi@jointly.invalid');
  await dg.goto(page);
  await dg.click('summary:has-text("Give your evaluation")');
  assert.match(await dg.locator('main').innerText(), /You evaluate as: Development Group/);
  await dg.selectOption('#theme', 'communication');
  await dg.fill('#not_worked', 'Too many separate e-mail chains');
  await dg.click('button:has-text("Give the evaluation")');
  await dg.waitForURL(/#evaluations/);
  await checkPage(dg, 'l06-dg-evaluation');

  // The lead records a lesson: empty, too long, then right.
  await lead.goto(page);
  await lead.click('a:has-text("Record a lesson")');
  await checkPage(lead, 'l07-lesson-new');
  await lead.click('button:has-text("Record the lesson")');
  await checkPage(lead, 'l08-lesson-empty');
  assert.equal((await summaryOf(lead)).length, 2, (await summaryOf(lead)).join(' | '));
  await lead.selectOption('#theme', 'evidence');
  await lead.selectOption('#stage', 'fieldwork');
  await lead.fill('#learned', 'y'.repeat(20001));
  await lead.fill('#differently', 'Share the evidence register daily during fieldwork');
  await lead.click('button:has-text("Record the lesson")');
  await checkPage(lead, 'l09-lesson-too-long');
  assert.equal((await summaryOf(lead)).length, 1);
  assert.equal(await lead.inputValue('#stage'), 'fieldwork');
  await lead.fill('#learned', 'HMCPSI saw evidence a week after it was gathered');
  await lead.click('button:has-text("Record the lesson")');
  await lead.waitForURL(/#lessons/);
  await checkPage(lead, 'l10-lessons');
  assert.match(await lead.locator('#evaluation-status').innerText(), /Done/);
  await lead.click('a[href*="/lessons/"]:has-text("Change")');
  await checkPage(lead, 'l11-lesson-change');
  const lessonIds = ['theme', 'stage', 'learned', 'differently'];
  const lesson = await fieldsOn(lead, lessonIds);
  await lead.click('button:has-text("Save the lesson")');
  await lead.waitForURL(/#lessons/);
  await lead.click('a[href*="/lessons/"]:has-text("Change")');
  assert.deepEqual(await fieldsOn(lead, lessonIds), lesson);

  // The register, filtered.
  await lead.goto(`${server.base}/lessons`);
  await checkPage(lead, 'l12-register');
  assert.match(await lead.locator('main').innerText(), /HMCPSI saw evidence a week after it was gathered/);
  await lead.selectOption('#theme', 'timetable');
  await lead.click('button:has-text("Show the lessons")');
  assert.doesNotMatch(await lead.locator('main').innerText(), /HMCPSI saw evidence a week after/);
  await lead.goto(`${server.base}/lessons?stage=stage9`);
  await checkPage(lead, 'l13-register-bad-filter');
  assert.deepEqual(await summaryOf(lead), ['Choose a stage from the list']);

  // A new inspection, scoped, sees it on its terms of reference.
  const all = await admin.get('/api/v1/inspectorates?limit=100');
  const code = (c) => all.json.items.find((i) => i.code === c).id;
  const made = await admin.post('/api/v1/inspections', {
    title: 'Victims in the courts', lead_inspectorate_id: code('HMICFRS'), participating: [code('HMICFRS'), code('HMCPSI')],
  });
  assert.equal(made.status, 201, made.text);
  // HMCPSI's representative sees it: HMCPSI takes part.
  await dg.goto(`${server.base}/inspections/${made.json.id}/terms`);
  await checkPage(dg, 'l14-new-terms');
  assert.match(await dg.locator('#earlier-lessons ~ .govuk-summary-card').first().innerText(),
    /HMCPSI saw evidence a week after it was gathered|Hate crime/);
});
