// Welsh versions of what the public website shows about bodies in Wales
// (rules welsh-needs-english, welsh-only-for-wales,
// welsh-released-with-english): entered by the staff who may edit the
// record, published with the English one by the same step and never
// before it, offered by a language switch and found by search.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, openRound, userClient } from '../support/server.mjs';
import { journey, day } from '../support/inspection_journey.mjs';
import { stageSevenPeople, stageSeven } from '../support/stage_seven.mjs';
import { publishIn } from '../support/sql.mjs';

const ctx = {};
before(async () => {
  ctx.server = await startServer();
  ctx.who = await stageSevenPeople(ctx.server, 'welsh.test');
  ctx.steps = journey(ctx.who);
  ctx.seven = stageSeven(ctx.who);
});
after(async () => ctx.server?.stop());

function ok(res, status = 200) {
  assert.equal(res.status, status, res.text);
  return res.json;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const visit = async (path) => {
  const res = await fetch(`${ctx.server.base}${path}`, { redirect: 'manual' });
  return { status: res.status, text: await res.text() };
};
const welsh = (word) => ({
  title: `Arolygiad ar y cyd ${word}`,
  summary: `Crynodeb o’r adroddiad ${word}.`,
  text: `Paragraff cyntaf ${word}.\n\nAil baragraff gydag ŵ ac ŷ.`,
});
const rulesOf = (json) => (json.errors ?? []).map((e) => `${e.field}:${e.rule}`);

async function publish(i) {
  const lead = ctx.who.people.police_lead;
  await publishIn(ctx.server, lead, i, 2);
  let state;
  for (let tries = 0; tries < 60 && state !== 'published'; ++tries) {
    await sleep(250);
    state = ok(await lead.get(`/api/v1/inspections/${i.id}/publication`)).publication.state;
  }
  assert.equal(state, 'published');
}

test('welsh_only_for_wales_a_record_not_about_bodies_in_wales_is_refused', async () => {
  const lead = ctx.who.people.police_lead;
  // Terms of reference written and published; its one site a force in England.
  const i = await ctx.steps.start('Joint inspection of custody in England');
  await ctx.steps.stageOne(i.id);
  await ctx.steps.stageTwo(i.id);
  const path = `/api/v1/welsh-versions/terms-of-reference/${i.id}`;
  const v = ok(await lead.get(path));
  assert.equal(v.about_wales, false);
  assert.equal(v.english_written, true);
  assert.equal(v.version, 0);
  const refused = await lead.put(path, { version: 0, ...welsh('Lloegr') });
  assert.equal(refused.status, 400, refused.text);
  assert.deepEqual(rulesOf(refused.json), ['record:welsh-only-for-wales']);
  assert.equal(ok(await lead.get(path)).version, 0, 'nothing saved');
});

test('welsh_needs_english_a_welsh_version_before_its_english_one_is_refused', async () => {
  const lead = ctx.who.people.police_lead;
  // An inspection whose report's owner is the Home Office (England and
  // Wales), before any section of its report is drafted.
  const i = await ctx.steps.start('Joint inspection before a word is written');
  await ctx.steps.stageOne(i.id);
  const path = `/api/v1/welsh-versions/report/${i.id}`;
  const v = ok(await lead.get(path));
  assert.equal(v.english_written, false);
  const refused = await lead.put(path, { version: 0, ...welsh('heb Saesneg') });
  assert.equal(refused.status, 400, refused.text);
  assert.ok(rulesOf(refused.json).includes('text:welsh-needs-english'), refused.text);
  assert.match(refused.json.errors.find((e) => e.rule === 'welsh-needs-english').message, /write the English report first/);
});

test('welsh_version_form_checks_every_field_at_once_and_keeps_what_was_saved', async () => {
  const lead = ctx.who.people.police_lead;
  const i = await ctx.seven.published();
  const path = `/api/v1/welsh-versions/report/${i.id}`;
  // Empty: every field named at once.
  const empty = await lead.put(path, {});
  assert.equal(empty.status, 400);
  for (const field of ['version', 'title', 'summary', 'text']) {
    assert.ok(empty.json.errors.some((e) => e.field === field), `${field}: ${empty.text}`);
  }
  const blank = await lead.put(path, { version: 0, title: ' ', summary: '', text: '' });
  assert.equal(blank.status, 400);
  assert.deepEqual(blank.json.errors.map((e) => e.field).sort(), ['summary', 'text', 'title']);
  // Too long a title; 20,000 characters of text are kept whole.
  const long = await lead.put(path, { version: 0, ...welsh('hir'), title: 'a'.repeat(20000) });
  assert.equal(long.status, 400);
  assert.deepEqual(long.json.errors.map((e) => e.field), ['title']);
  const text = `${'Testun hir. '.repeat(1666)}diwedd`;
  const saved = ok(await lead.put(path, { version: 0, ...welsh('hir'), text }));
  assert.equal(saved.version, 1);
  assert.equal(saved.text, text);
  assert.equal(saved.english_released, false);
  assert.equal(saved.welsh_released, false);
  // Saved unchanged: the same version; a stale version is refused.
  const again = ok(await lead.put(path, { version: 1, title: saved.title, summary: saved.summary, text }));
  assert.equal(again.version, 1);
  const stale = await lead.put(path, { version: 0, ...welsh('hen') });
  assert.equal(stale.status, 409, stale.text);
  assert.equal(stale.json.rule, 'stale-version');
  // Not for someone outside the inspection, nor signed out.
  const outsider = await userClient(ctx.server, ctx.who.admin, 'outsider@welsh.test', ['inspector'], { inspectorate_id: ctx.who.cj.HMCPSI });
  assert.equal((await outsider.get(path)).status, 404);
  assert.equal((await outsider.put(path, { version: 1, ...welsh('x') })).status, 404);
  assert.equal((await fetch(`${ctx.server.base}${path}`)).status, 401);
  // An unknown record.
  assert.equal((await lead.get('/api/v1/welsh-versions/report/999999')).status, 404);
});

test('welsh_released_with_english_published_by_the_same_step_switch_and_search', async () => {
  const { people } = ctx.who;
  const lead = people.police_lead;
  const i = await ctx.seven.published();
  await ctx.seven.signedOff(i);
  const path = `/api/v1/welsh-versions/report/${i.id}`;
  const word = 'Cyhoeddedigcymraeg';
  const saved = ok(await lead.put(path, { version: 0, ...welsh(word) }));
  assert.equal(saved.about_wales, true);
  assert.equal(saved.welsh_page, `/cy/reports/${i.id}`);
  // Nothing public before the English one.
  assert.equal((await visit(`/cy/reports/${i.id}`)).status, 404);
  assert.ok(!(await visit(`/search?q=${word}`)).text.includes(`/cy/reports/${i.id}`));
  assert.ok(!(await visit('/sitemap.xml')).text.includes(`/cy/reports/${i.id}`));
  await publish(i);
  const view = ok(await lead.get(path));
  assert.equal(view.english_released, true);
  assert.equal(view.welsh_released, true);
  // The Welsh page: its words marked Welsh, a switch to the English one.
  const cy = await visit(`/cy/reports/${i.id}`);
  assert.equal(cy.status, 200);
  assert.match(cy.text, /<div lang="cy">/);
  // A page in Welsh, the service's own header and footer marked English.
  assert.match(cy.text, /<html lang="cy"/);
  assert.match(cy.text, /<header class="govuk-template__header" lang="en">/);
  assert.match(cy.text, /<footer class="govuk-footer" lang="en">/);
  assert.ok(cy.text.includes(`Arolygiad ar y cyd ${word}`));
  assert.ok(cy.text.includes('Ail baragraff gydag ŵ ac ŷ.'));
  assert.match(cy.text, new RegExp(`href="/reports/${i.id}" hreflang="en" lang="en"`));
  // The English page offers Cymraeg; a report without one does not.
  const en = await visit(`/reports/${i.id}`);
  assert.match(en.text, new RegExp(`href="/cy/reports/${i.id}" hreflang="cy" lang="cy"`));
  assert.match(en.text, /aria-current="true">English</);
  assert.match(en.text, /<html lang="en"/);
  // Search finds the Welsh words and links to the Welsh page.
  const found = await visit(`/search?q=${word}`);
  assert.ok(found.text.includes(`href="/cy/reports/${i.id}" hreflang="cy" lang="cy"`), found.text);
  const paragraph = await visit('/search?q=baragraff');
  assert.ok(paragraph.text.includes(`/cy/reports/${i.id}`));
  assert.ok((await visit('/sitemap.xml')).text.includes(`/cy/reports/${i.id}`));
  // The feed lists the report once, in English.
  const feed = (await visit('/feeds/reports.atom')).text;
  assert.ok(!feed.includes('/cy/reports/'));
  // Once published, a member of the team who may not publish it may not
  // change the Welsh version; the lead may, which publishes it at once.
  const refused = await people.cps_lead.put(path, { version: view.version, ...welsh('newid') });
  assert.equal(refused.status, 403, refused.text);
  assert.equal(refused.json.rule, 'welsh-released-with-english');
  assert.ok(!(await visit(`/cy/reports/${i.id}`)).text.includes('newid'));
  const changed = ok(await lead.put(path, { version: view.version, ...welsh('Diweddarwyd') }));
  assert.equal(changed.welsh_released, true);
  assert.ok((await visit(`/cy/reports/${i.id}`)).text.includes('Arolygiad ar y cyd Diweddarwyd'));
  const audit = ok(await ctx.who.admin.get(`/api/v1/audit/entries?entity_type=welsh_version&entity_id=${i.id}`));
  const actions = audit.items.map((e) => e.action);
  assert.ok(actions.includes('release'), JSON.stringify(audit).slice(0, 400));
});

test('welsh_only_for_wales_a_consultation_sent_to_welsh_statutory_consultees_has_one', async () => {
  const a = ctx.who.admin;
  const round = ok(await a.post('/api/v1/consultations', {
    title: 'Consultation on the joint programme', first_year: 2081, years: 1, opens_on: day(-1), deadline: day(20),
    sections: [{ title: 'Priorities', questions: ['What should we inspect?'] }],
  }), 201);
  const path = `/api/v1/welsh-versions/consultation/${round.id}`;
  const v = ok(await a.get(path));
  assert.equal(v.about_wales, true, 'HIW and the Auditor General for Wales are statutory consultees');
  ok(await a.put(path, { version: 0, ...welsh('Ymgynghorcymraeg') }));
  assert.equal((await visit(`/cy/consultations/${round.id}`)).status, 404);
  ok(await openRound(a, round.id));
  const cy = await visit(`/cy/consultations/${round.id}`);
  assert.equal(cy.status, 200);
  assert.ok(cy.text.includes(`href="/consultations/${round.id}/respond"`));
  const en = await visit(`/consultations/${round.id}/respond`);
  assert.match(en.text, new RegExp(`href="/cy/consultations/${round.id}" hreflang="cy"`));
  assert.ok((await visit('/search?q=Ymgynghorcymraeg')).text.includes(`/cy/consultations/${round.id}`));
  // Those who do not run consultations may not enter one.
  assert.equal((await ctx.who.people.police_lead.put(path, { version: 1, ...welsh('x') })).status, 403);
});
