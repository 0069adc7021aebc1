// Stage 7's publication through the API (M 41-47; R11, R21): the lead sets
// the date and time once every inspectorate has signed the report off;
// nothing of the report reaches any public surface (pages, files, search,
// feeds, sitemap, the inspections in progress) a second before its time,
// and all of it at that moment; embargoed copies go out five days before
// to the sponsoring departments' recipients, each a personal link that
// names them, logged at every opening, that stops at publication.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Client } from '../support/server.mjs';
import { startSmtpSink } from '../support/smtp_sink.mjs';
import { bringPublicationTo } from '../support/sql.mjs';
import { journeyPeople, journey, day } from '../support/inspection_journey.mjs';

const ctx = {};
let steps;
before(async () => {
  ctx.sink = await startSmtpSink();
  ctx.server = await startServer({ extraArgs: ['--smtp-url', ctx.sink.url, '--mail-from', 'jointly@example.gov.uk'] });
  ctx.who = await journeyPeople(ctx.server, {
    domain: 'publication.test',
    extra: [
      ['police_hmi', 'HMICFRS', ['hm_inspector']],
      ['police_chief', 'HMICFRS', ['chief_inspector']],
      ['cps_chief', 'HMCPSI', ['chief_inspector']],
    ],
  });
  steps = journey(ctx.who);
  const bodies = await ctx.who.admin.get('/api/v1/bodies?type=national_agency&limit=100');
  ctx.homeOffice = bodies.json.items.find((b) => b.name === 'Home Office');
  ctx.dir = mkdtempSync(join(tmpdir(), 'jointly-publication-'));
});
after(async () => {
  await ctx.server?.stop();
  await ctx.sink?.close();
  if (ctx.dir) rmSync(ctx.dir, { recursive: true, force: true });
});

function ok(res, status = 201) {
  assert.equal(res.status, status, res.text);
  return res.json;
}
const fieldsOf = (res) => (res.json?.errors ?? []).map((e) => e.field);
const view = async (id) => (await ctx.who.people.police_lead.get(`/api/v1/inspections/${id}`)).json;
const chain = async (id) => ok(await ctx.who.people.police_lead.get(`/api/v1/inspections/${id}/approvals`), 200);
const submit = (client, i, step) => client.post(`/api/v1/inspections/${i.id}/approval-steps`, { step });
const approve = (client, i, step, version) => client.post(`/api/v1/inspections/${i.id}/approvals`, { step, version });
// A UTC time `seconds` from now, to the second; six days from now, past
// the five days embargoed copies need (R21).
const inSixDays = () => inSeconds(6 * 86400);
const AGO = "Attorney General's Office";
const nameRecipient = (i, name, email) => ctx.who.people.police_lead.post(`/api/v1/inspections/${i.id}/embargo-recipients`, { department: AGO, name, email });
const stage7 = async (id) => Object.fromEntries((await view(id)).stages[6].checks.map((c) => [c.label, c.done]));
// A UTC time `seconds` from now, to the second.
const inSeconds = (seconds) => new Date(Math.ceil(Date.now() / 1000) * 1000 + seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// An inspection in stage 6 with its report drafted, a finding and a
// recommendation, its words unique to it (`word`).
async function drafted(word) {
  const { people } = ctx.who;
  const lead = people.police_lead;
  const i = await steps.start(`Joint case building ${word}`);
  await steps.throughFieldwork(i.id);
  await steps.throughFindings(i.id);
  const v = await view(i.id);
  ok(await lead.post(`/api/v1/report-sections/${v.report_sections[0].id}/drafts`, { based_on: 0, text: `Hostility is rarely evidenced ${word}.` }));
  const finding = ok(await lead.post(`/api/v1/inspections/${i.id}/findings`, { statement: 'Hostility is rarely evidenced in files', evidence_ids: v.evidence.map((e) => e.id) }));
  ok(await lead.post(`/api/v1/inspections/${i.id}/recommendations`, {
    kind: 'recommendation', owner_id: ctx.homeOffice.id, action: 'Flag hate crime', measure: 'Audit of files', due_on: day(200), finding_ids: [finding.id],
  }));
  return i;
}

// Then through the approval chain to the final sign-off (M 37-40).
async function signedOff(word) {
  const { people } = ctx.who;
  const lead = people.police_lead;
  const i = await drafted(word);
  ok(await submit(lead, i, 'agreement'));
  const { version } = await chain(i.id);
  ok(await approve(people.police_rep, i, 'agreement', version));
  ok(await approve(people.cps_rep, i, 'agreement', version));
  ok(await submit(lead, i, 'approval'));
  ok(await approve(people.police_hmi, i, 'approval', version));
  ok(await approve(people.cps_chief, i, 'approval', version));
  const reader = ok(await lead.post(`/api/v1/inspections/${i.id}/critical-readers`, {
    name: 'Dr Ada Reader', organisation: 'University of Leeds', scope: 'factual_accuracy', deadline: day(14), outcome: 'none',
  }));
  ok(await submit(lead, i, 'critical_reading'));
  const responded = ok(await lead.patch(`/api/v1/critical-readers/${reader.id}`, { response: 'Accurate', version: reader.version }), 200);
  ok(await lead.patch(`/api/v1/critical-readers/${reader.id}`, { outcome: 'accepted', reason: 'Noted', version: responded.version }), 200);
  ok(await submit(lead, i, 'sign_off'));
  ok(await approve(people.police_chief, i, 'sign_off', version));
  ok(await approve(people.cps_chief, i, 'sign_off', version));
  assert.equal((await chain(i.id)).steps_complete, 4);
  return i;
}

// What every public surface shows of inspection `i` (its report's unique
// `word`), asked anonymously.
async function publicly(i, word) {
  const anyone = new Client(ctx.server.base);
  const get = (path) => anyone.get(path);
  const list = await get('/reports');
  const page = await get(`/reports/${i.id}`);
  const pdf = await get(`/reports/${i.id}/report.pdf`);
  const docx = await get(`/reports/${i.id}/report.docx`);
  const search = await get(`/search?q=${word}`);
  const feed = await get('/feeds/reports.atom');
  const sitemap = await get('/sitemap.xml');
  const terms = await get(`/inspections-in-progress/${i.id}`);
  return {
    listed: list.text.includes(`/reports/${i.id}"`),
    page: page.status,
    pdf: pdf.status,
    docx: docx.status,
    found: search.text.includes(`/reports/${i.id}"`),
    fed: feed.text.includes(`/reports/${i.id}<`),
    mapped: sitemap.text.includes(`/reports/${i.id}<`),
    completed: terms.text.includes('This inspection is completed'),
    pageText: page.text,
    pdfBytes: pdf.bytes,
  };
}

test('R21_publication_is_refused_before_final_sign_off_with_nothing_saved', async () => {
  const { people } = ctx.who;
  const i = await drafted('unsigned');
  const early = await people.police_lead.put(`/api/v1/inspections/${i.id}/publication`, { publish_at: inSeconds(3600) });
  assert.equal(early.status, 409, early.text);
  assert.equal(early.json.rule, 'R21');
  const v = ok(await people.police_lead.get(`/api/v1/inspections/${i.id}/publication`), 200);
  assert.equal(v.publication, null);
  assert.equal(v.signed_off, false);
  // R21: HMCPSI takes part, so its sponsor receives embargoed copies; HMICFRS's does not.
  assert.deepEqual(v.embargo_departments, [{ name: "Attorney General's Office", for_inspectorates: ['HMCPSI'] }]);
});

test('publication_bad_input_is_refused_every_field_named', async () => {
  const { people } = ctx.who;
  const i = await signedOff('refusals');
  const lead = people.police_lead;
  const none = await lead.put(`/api/v1/inspections/${i.id}/publication`, {});
  assert.equal(none.status, 400);
  assert.deepEqual(fieldsOf(none), ['publish_at']);
  for (const publish_at of ['tomorrow', '2027-02-30T09:00:00Z', 'x'.repeat(20000), inSeconds(-60)]) {
    const bad = await lead.put(`/api/v1/inspections/${i.id}/publication`, { publish_at });
    assert.equal(bad.status, 400, `${publish_at.slice(0, 30)}: ${bad.text}`);
    // Every error at once: a time in the past is also named for the
    // embargo's recipient nobody has named yet (R21), all at the time.
    assert.deepEqual([...new Set(fieldsOf(bad))], ['publish_at']);
  }
  // R11: the lead inspectorate manages publication.
  const other = await people.cps_lead.put(`/api/v1/inspections/${i.id}/publication`, { publish_at: inSeconds(3600) });
  assert.equal(other.status, 403, other.text);
  assert.equal(other.json.rule, 'R11');
  // Recipients: empty, bad, too long; a department that receives none.
  const empty = await lead.post(`/api/v1/inspections/${i.id}/embargo-recipients`, { department: '', name: '', email: '' });
  assert.equal(empty.status, 400, empty.text);
  assert.deepEqual(fieldsOf(empty).sort(), ['department', 'email', 'name']);
  const home = await lead.post(`/api/v1/inspections/${i.id}/embargo-recipients`, { department: 'Home Office', name: 'A', email: 'not an address' });
  assert.deepEqual(fieldsOf(home).sort(), ['department', 'email']);
  assert.equal(home.json.errors.find((e) => e.field === 'department').rule, 'R21');
  const long = await lead.post(`/api/v1/inspections/${i.id}/embargo-recipients`, { department: "Attorney General's Office", name: 'x'.repeat(20000), email: 'a@example.gov.uk' });
  assert.equal(long.status, 400);
  assert.deepEqual(fieldsOf(long), ['name']);
  assert.equal(ok(await lead.get(`/api/v1/inspections/${i.id}/publication`), 200).publication, null);
});

test('R21_the_report_is_published_at_its_moment_on_every_public_surface_and_not_before', async () => {
  const { people } = ctx.who;
  const word = 'Zanzibarian';
  const i = await signedOff(word);
  const lead = people.police_lead;
  const recipient = ok(await lead.post(`/api/v1/inspections/${i.id}/embargo-recipients`, {
    department: "Attorney General's Office", name: 'Jane Embargo', email: 'jane.embargo@example.gov.uk',
  }));
  const other = ok(await lead.post(`/api/v1/inspections/${i.id}/embargo-recipients`, {
    department: "Attorney General's Office", name: 'Omar Other', email: 'omar.other@example.gov.uk',
  }));
  const set = ok(await lead.put(`/api/v1/inspections/${i.id}/publication`, { publish_at: inSixDays() }), 200);
  assert.equal(set.state, 'scheduled');
  assert.equal((await stage7(i.id))['Embargoed copies sent'], false);
  // Six days on, as the database is moved to seconds before publication:
  // the copies go out at once, each recipient a personal link by e-mail.
  const at = inSeconds(10);
  bringPublicationTo(ctx.server, i.id, at);
  const messages = await ctx.sink.waitFor(2);
  const linkOf = (address) => {
    const m = messages.find((x) => x.envelope.rcptTo[0].address === address);
    assert.ok(m, address);
    return m.parsed.text.match(/\/embargoed\/(\d+)/)[1];
  };
  const janeToken = linkOf('jane.embargo@example.gov.uk');
  const omarToken = linkOf('omar.other@example.gov.uk');
  const anyone = new Client(ctx.server.base);
  // Before publication: nothing public; the embargoed copy names its reader.
  const before = await publicly(i, word);
  assert.deepEqual([before.listed, before.page, before.pdf, before.docx, before.found, before.fed, before.mapped, before.completed],
    [false, 404, 404, 404, false, false, false, false]);
  const janePage = await anyone.get(`/embargoed/${janeToken}`);
  assert.equal(janePage.status, 200, janePage.text);
  assert.ok(janePage.text.includes("Embargoed copy for Jane Embargo, Attorney General&#39;s Office") || janePage.text.includes('Embargoed copy for Jane Embargo'));
  assert.ok(!janePage.text.includes('Omar Other'));
  const omarPage = await anyone.get(`/embargoed/${omarToken}`);
  assert.ok(omarPage.text.includes('Omar Other') && !omarPage.text.includes('Jane Embargo'));
  assert.equal((await anyone.get(`/embargoed/${'1'.repeat(48)}`)).status, 404);
  const pdf = await anyone.get(`/embargoed/${janeToken}/report.pdf`);
  assert.equal(pdf.status, 200);
  const file = join(ctx.dir, 'embargoed.pdf');
  writeFileSync(file, Buffer.from(pdf.bytes));
  const pages = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim() !== '');
  for (const page of pages) assert.match(page, /EMBARGOED UNTIL PUBLICATION: copy for Jane Embargo/);
  // Every opening is logged and shown to the team.
  const log = ok(await lead.get(`/api/v1/inspections/${i.id}/publication`), 200);
  assert.deepEqual(log.embargo_openings.filter((o) => o.recipient_id === recipient.id).map((o) => o.what), ['page', 'pdf']);
  assert.ok(log.publication.embargo_sent_at);
  // Moving it once embargoed copies went out is refused.
  const moved = await lead.put(`/api/v1/inspections/${i.id}/publication`, { publish_at: inSeconds(3600) });
  assert.equal(moved.status, 409);
  assert.equal(moved.json.rule, 'R21');
  // A revoked link no longer opens.
  ok(await lead.post(`/api/v1/embargo-recipients/${other.id}/revoke`, { version: log.embargo_recipients.find((r) => r.id === other.id).version }), 200);
  assert.equal((await anyone.get(`/embargoed/${omarToken}`)).status, 409);
  // R21: someone named after the copies went is sent their link at once.
  const late = ok(await nameRecipient(i, 'Lena Late', 'lena.late@example.gov.uk'));
  const lenaMessages = await ctx.sink.waitFor(3);
  const lenaToken = lenaMessages.find((x) => x.envelope.rcptTo[0].address === 'lena.late@example.gov.uk').parsed.text.match(/\/embargoed\/(\d+)/)[1];
  assert.equal((await anyone.get(`/embargoed/${lenaToken}`)).status, 200);
  const named = ok(await lead.get(`/api/v1/inspections/${i.id}/publication`), 200).embargo_recipients.find((r) => r.id === late.id);
  assert.ok(named.sent_at);
  // Still nothing public a moment before its time.
  while (Date.now() < Date.parse(at) - 1500) await sleep(200);
  const almost = await publicly(i, word);
  assert.deepEqual([almost.listed, almost.page, almost.found, almost.fed, almost.mapped, almost.completed], [false, 404, false, false, false, false]);
  // At its time: everything at once.
  let after;
  for (let tries = 0; tries < 40; ++tries) {
    await sleep(250);
    after = await publicly(i, word);
    if (after.page === 200) break;
  }
  assert.deepEqual([after.listed, after.page, after.pdf, after.docx, after.found, after.fed, after.mapped, after.completed],
    [true, 200, 200, 200, true, true, true, true]);
  assert.ok(after.pageText.includes('Flag hate crime'));
  assert.ok(after.pageText.includes('Home Office'));
  const publicFile = join(ctx.dir, 'public.pdf');
  writeFileSync(publicFile, Buffer.from(after.pdfBytes));
  const publicText = execFileSync('pdftotext', [publicFile, '-'], { encoding: 'utf8' });
  assert.ok(!publicText.includes('OFFICIAL-SENSITIVE'), 'no protective marking on the public version');
  assert.ok(!publicText.includes('EMBARGOED'));
  assert.ok(publicText.includes(`Hostility is rarely evidenced ${word}.`));
  // The embargoed link now points to the public report.
  const closed = await anyone.get(`/embargoed/${janeToken}`);
  assert.equal(closed.status, 409);
  assert.match(closed.text, new RegExp(`reports(/|&#x2F;|&#47;)${i.id}\\b`));
  const done = ok(await lead.get(`/api/v1/inspections/${i.id}/publication`), 200);
  assert.equal(done.publication.state, 'published');
  const stage = (await view(i.id)).stages[6];
  // After the media checks (tests/api/media.test.mjs), publication's own:
  // the copies went seconds before publication, not five days, so R21's
  // check is not done (tests/unit/service shows one kept).
  assert.deepEqual(stage.checks.slice(-3).map((c) => [c.label, c.done]),
    [['Publication date and time set', true], ['Embargoed copies sent', false], ['Published', true]]);
  // Published once, audited once.
  const again = await lead.put(`/api/v1/inspections/${i.id}/publication`, { publish_at: inSeconds(3600) });
  assert.equal(again.status, 409);
  assert.equal(again.json.rule, 'already-published');
});

test('R21_two_servers_on_one_postgresql_database_publish_the_report_exactly_once',
  { skip: process.env.JOINTLY_TEST_BACKEND !== 'postgres' && 'PostgreSQL only' }, async () => {
    const { people, admin } = ctx.who;
    const word = 'Quixotical';
    const i = await signedOff(word);
    const second = await startServer({ db: ctx.server.db });
    try {
      ok(await nameRecipient(i, 'Paula Twice', 'paula.twice@example.gov.uk'));
      ok(await people.police_lead.put(`/api/v1/inspections/${i.id}/publication`, { publish_at: inSixDays() }), 200);
      const at = inSeconds(4);
      bringPublicationTo(ctx.server, i.id, at);
      while (Date.now() < Date.parse(at) + 4000) await sleep(250);
      const done = ok(await people.police_lead.get(`/api/v1/inspections/${i.id}/publication`), 200);
      assert.equal(done.publication.state, 'published');
      const audit = ok(await admin.get(`/api/v1/audit/entries?entity_type=inspection_publication&entity_id=${i.id}&limit=100`), 200);
      assert.equal(audit.items.filter((e) => e.action === 'publish').length, 1, JSON.stringify(audit.items));
      // Both servers show the one report.
      for (const base of [ctx.server.base, second.base]) {
        const page = await new Client(base).get(`/reports/${i.id}`);
        assert.equal(page.status, 200);
      }
    } finally {
      await second.stop();
    }
  });

test('smart_a_recommendations_date_comes_after_publication_once_it_is_set', async () => {
  const { people } = ctx.who;
  const lead = people.police_lead;
  const i = await signedOff('Quetzalcoatlian');
  ok(await nameRecipient(i, 'Quentin Reader', 'quentin.reader@example.gov.uk'));
  const publishOn = day(30);
  ok(await lead.put(`/api/v1/inspections/${i.id}/publication`, { publish_at: `${publishOn}T10:00:00Z` }), 200);
  const [rec] = ok(await lead.get(`/api/v1/inspections/${i.id}/recommendations`), 200).items;
  // In the future but not after the publication: refused at the date,
  // naming the day of publication; nothing saved.
  const early = await lead.patch(`/api/v1/recommendations/${rec.id}`, { due_on: day(20), version: rec.version });
  assert.equal(early.status, 400, early.text);
  assert.deepEqual(fieldsOf(early), ['due_on']);
  assert.equal(early.json.errors[0].rule, 'smart');
  assert.match(early.json.errors[0].message, /after the report is published/);
  const [same] = ok(await lead.get(`/api/v1/inspections/${i.id}/recommendations`), 200).items;
  assert.deepEqual([same.version, same.due_on], [rec.version, rec.due_on]);
  // The day after publication is accepted.
  const later = ok(await lead.patch(`/api/v1/recommendations/${rec.id}`, { due_on: day(31), version: rec.version }), 200);
  assert.equal(later.due_on, day(31));
});

test('R21_publication_is_refused_until_every_department_has_a_recipient_and_five_days_are_left', async () => {
  const lead = ctx.who.people.police_lead;
  const i = await signedOff('Embargoless');
  const put = (publish_at) => lead.put(`/api/v1/inspections/${i.id}/publication`, { publish_at });
  // An hour ahead and nobody named for the Attorney General's Office
  // (HMCPSI takes part): both at once, at the time, naming R21.
  const soon = await put(inSeconds(3600));
  assert.equal(soon.status, 400, soon.text);
  assert.deepEqual(soon.json.errors.map((e) => [e.field, e.rule]), [['publish_at', 'R21'], ['publish_at', 'R21']]);
  assert.match(soon.json.errors[0].message, /at least five days/);
  assert.match(soon.json.errors[1].message, /Attorney General's Office/);
  // Far enough ahead, still nobody named.
  const unnamed = await put(inSixDays());
  assert.deepEqual(unnamed.json.errors.map((e) => e.rule), ['R21']);
  // A revoked recipient is nobody.
  const gone = ok(await nameRecipient(i, 'Rex Revoked', 'rex.revoked@example.gov.uk'));
  ok(await lead.post(`/api/v1/embargo-recipients/${gone.id}/revoke`, { version: gone.version }), 200);
  assert.deepEqual((await put(inSixDays())).json.errors.map((e) => e.rule), ['R21']);
  ok(await nameRecipient(i, 'Nadia Named', 'nadia.named@example.gov.uk'));
  const short = await put(inSeconds(5 * 86400 - 120));
  assert.deepEqual(short.json.errors.map((e) => [e.field, e.rule]), [['publish_at', 'R21']]);
  assert.equal(ok(await lead.get(`/api/v1/inspections/${i.id}/publication`), 200).publication, null);
  // Set five days and more ahead: scheduled, no copy sent yet, and
  // stage 7's check of the copies not done.
  const set = ok(await put(inSixDays()), 200);
  assert.equal(set.embargo_sent_at, null);
  const checks = await stage7(i.id);
  assert.equal(checks['Publication date and time set'], true);
  assert.equal(checks['Embargoed copies sent'], false);
  const recipients = ok(await lead.get(`/api/v1/inspections/${i.id}/embargo-recipients`), 200).items;
  assert.ok(recipients.every((r) => r.sent_at === null));
});

test('smart_publication_is_refused_naming_every_recommendation_due_by_its_day', async () => {
  const lead = ctx.who.people.police_lead;
  const i = await signedOff('Overdueish');
  // The recommendation is due in 200 days; publication on that day or
  // after is refused at once with the embargo's error, each named.
  const [rec] = ok(await lead.get(`/api/v1/inspections/${i.id}/recommendations`), 200).items;
  const late = await lead.put(`/api/v1/inspections/${i.id}/publication`, { publish_at: `${rec.due_on}T09:00:00Z` });
  assert.equal(late.status, 400, late.text);
  assert.deepEqual(late.json.errors.map((e) => [e.field, e.rule]), [['publish_at', 'R21'], ['publish_at', 'smart']]);
  assert.match(late.json.errors[1].message, /^Recommendation 1 \("Flag hate crime"\)/);
  ok(await nameRecipient(i, 'Sam Smart', 'sam.smart@example.gov.uk'));
  const still = await lead.put(`/api/v1/inspections/${i.id}/publication`, { publish_at: `${day(201)}T09:00:00Z` });
  assert.deepEqual(still.json.errors.map((e) => e.rule), ['smart']);
  assert.equal(ok(await lead.get(`/api/v1/inspections/${i.id}/publication`), 200).publication, null);
  ok(await lead.put(`/api/v1/inspections/${i.id}/publication`, { publish_at: `${day(199)}T09:00:00Z` }), 200);
});

test('published_settled_and_publication_dated_once_published', async () => {
  const { people } = ctx.who;
  const lead = people.police_lead;
  const i = await signedOff('Settledness');
  ok(await nameRecipient(i, 'Sara Settled', 'sara.settled@example.gov.uk'));
  const publishAt = inSixDays();
  ok(await lead.put(`/api/v1/inspections/${i.id}/publication`, { publish_at: publishAt }), 200);
  // publication-dated: the retention schedules count from the day set;
  // another date is refused at its field.
  const retention = ok(await lead.get(`/api/v1/inspections/${i.id}/retention`), 200);
  assert.equal(retention.published_on, publishAt.slice(0, 10));
  const other = await lead.put(`/api/v1/inspections/${i.id}/retention`, { published_on: day(60), version: retention.version });
  assert.equal(other.status, 400, other.text);
  assert.deepEqual(other.json.errors.map((e) => [e.field, e.rule]), [['published_on', 'publication-dated']]);
  ok(await lead.put(`/api/v1/inspections/${i.id}/retention`, { published_on: '', version: retention.version }), 200);
  const at = inSeconds(3);
  bringPublicationTo(ctx.server, i.id, at);
  let done;
  for (let tries = 0; tries < 40; ++tries) {
    await sleep(250);
    done = ok(await lead.get(`/api/v1/inspections/${i.id}/publication`), 200);
    if (done.publication.state === 'published') break;
  }
  assert.equal(done.publication.state, 'published');
  // The day it was published, whatever was typed or set before.
  const after = ok(await lead.get(`/api/v1/inspections/${i.id}/retention`), 200);
  assert.equal(after.published_on, done.publication.published_at.slice(0, 10));
  // published-settled: stages 5 to 7 stand as published; each change is
  // refused naming the rule, nothing saved, and no stage reopens.
  const before = (await view(i.id)).stages.map((s) => s.progress);
  const { findings_meeting: meeting } = await view(i.id);
  const attempts = [
    await lead.patch(`/api/v1/inspections/${i.id}/findings-meeting`, { dg_involvement: 'Changed after', version: meeting.version }),
    await lead.post(`/api/v1/inspections/${i.id}/report-sections`, { position: 1, title: 'Afterthoughts' }),
    await lead.post(`/api/v1/inspections/${i.id}/approval-steps`, { step: 'agreement' }),
    await lead.post(`/api/v1/inspections/${i.id}/factual-accuracy`, { body_id: ctx.homeOffice.id, extracts: 'Chapter 2', sent_on: day(0), due_on: day(10) }),
  ];
  for (const res of attempts) {
    assert.equal(res.status, 409, res.text);
    assert.equal(res.json.rule, 'published-settled');
  }
  assert.deepEqual((await view(i.id)).stages.map((s) => s.progress), before);
  assert.equal((await view(i.id)).findings_meeting.version, meeting.version);
  // Post-publication activity is what happens after: still recorded.
  ok(await people.cps_lead.post(`/api/v1/inspections/${i.id}/activities`, { activity: 'launch_event', held_on: day(10), led_by: 'HM Chief Inspector of the CPS' }));
});
