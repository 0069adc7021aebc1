// Rule public-reads-released-only, on every public surface at once: staff
// record, through the API, one of every kind of thing the public must not
// see, each with a marker word of its own (a draft business plan, a
// consultation not yet open and a response its respondent did not let us
// quote, terms of reference not signed off, reports drafted, approved and
// scheduled with their embargo recipients named, OFFICIAL-SENSITIVE
// evidence, recommendations and progress on the tracker, a lesson). Then an
// anonymous visitor crawls everything public: the home page and every
// same-site link from it, search for each marker and for odd queries,
// every feed, the sitemap, every public file (the Word file's XML, the
// PDF's text), error pages and addresses guessed one by one. No marker
// may appear anywhere, and nothing answers 500.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, openRound, signIn } from '../support/server.mjs';
import { journeyPeople, journey, day } from '../support/inspection_journey.mjs';
import { publishIn } from '../support/sql.mjs';

const PREFIX = 'Qvleak';
const MARKS = {
  draftPlan: `${PREFIX}draftplan`,
  secondPlan: `${PREFIX}secondplan`,
  unopened: `${PREFIX}unopened`,
  unquoted: `${PREFIX}unquoted`,
  terms: `${PREFIX}unsignedterms`,
  drafted: `${PREFIX}draftedreport`,
  approved: `${PREFIX}approvedreport`,
  scheduled: `${PREFIX}scheduledreport`,
  recipient: `${PREFIX}embargorecipient`,
  sensitive: `${PREFIX}officialsensitive`,
  tracked: `${PREFIX}trackedimport`,
  progress: `${PREFIX}trackerprogress`,
  lesson: `${PREFIX}lessonlearned`,
  welsh: `${PREFIX}welshdraft`,
  welshRound: `${PREFIX}welshround`,
};

const ctx = {};
let steps;
before(async () => {
  ctx.server = await startServer();
  ctx.who = await journeyPeople(ctx.server, {
    domain: 'leaks.test',
    extra: [
      ['police_hmi', 'HMICFRS', ['hm_inspector']],
      ['police_chief', 'HMICFRS', ['chief_inspector']],
      ['cps_chief', 'HMCPSI', ['chief_inspector']],
    ],
  });
  steps = journey(ctx.who);
  const bodies = await ctx.who.admin.get('/api/v1/bodies?type=national_agency&limit=100');
  ctx.homeOffice = bodies.json.items.find((b) => b.name === 'Home Office');
  ctx.dir = mkdtempSync(join(tmpdir(), 'jointly-leaks-'));
});
after(async () => {
  await ctx.server?.stop();
  if (ctx.dir) rmSync(ctx.dir, { recursive: true, force: true });
});

function ok(res, status = 201) {
  assert.equal(res.status, status, res.text);
  return res.json;
}
const inSeconds = (seconds) => new Date(Math.ceil(Date.now() / 1000) * 1000 + seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// An inspection with its report drafted (a section, a finding, a
// recommendation), each in words holding `word`.
async function drafted(word) {
  const { people } = ctx.who;
  const lead = people.police_lead;
  // The title is public once the terms are signed off: no marker in it.
  const i = await steps.start(`Joint case building ${word.replace(PREFIX, 'in ')}`);
  await steps.throughFieldwork(i.id);
  await steps.throughFindings(i.id);
  const v = ok(await lead.get(`/api/v1/inspections/${i.id}`), 200);
  ok(await lead.post(`/api/v1/report-sections/${v.report_sections[0].id}/drafts`, { based_on: 0, text: `Hostility is rarely evidenced ${word}.` }));
  const finding = ok(await lead.post(`/api/v1/inspections/${i.id}/findings`, { statement: `Files miss it ${word}`, evidence_ids: v.evidence.map((e) => e.id) }));
  ok(await lead.post(`/api/v1/inspections/${i.id}/recommendations`, {
    kind: 'recommendation', owner_id: ctx.homeOffice.id, action: `Flag hate crime ${word}`, measure: `Audit ${word}`, due_on: day(200), finding_ids: [finding.id],
  }));
  return i;
}

// Then through every approval to the final sign-off.
async function signedOff(word) {
  const { people } = ctx.who;
  const lead = people.police_lead;
  const i = await drafted(word);
  const step = async (name) => ok(await lead.post(`/api/v1/inspections/${i.id}/approval-steps`, { step: name }));
  const approve = async (client, name) => {
    const { version } = ok(await lead.get(`/api/v1/inspections/${i.id}/approvals`), 200);
    ok(await client.post(`/api/v1/inspections/${i.id}/approvals`, { step: name, version }));
  };
  await step('agreement');
  await approve(people.police_rep, 'agreement');
  await approve(people.cps_rep, 'agreement');
  await step('approval');
  await approve(people.police_hmi, 'approval');
  await approve(people.cps_chief, 'approval');
  const reader = ok(await lead.post(`/api/v1/inspections/${i.id}/critical-readers`, {
    name: 'Dr Ada Reader', organisation: 'University of Leeds', scope: 'factual_accuracy', deadline: day(14), outcome: 'none',
  }));
  await step('critical_reading');
  const responded = ok(await lead.patch(`/api/v1/critical-readers/${reader.id}`, { response: 'Accurate', version: reader.version }), 200);
  ok(await lead.patch(`/api/v1/critical-readers/${reader.id}`, { outcome: 'accepted', reason: 'Noted', version: responded.version }), 200);
  await step('sign_off');
  await approve(people.police_chief, 'sign_off');
  await approve(people.cps_chief, 'sign_off');
  return i;
}

async function seedBusinessAndConsultations() {
  const a = ctx.who.admin;
  for (const [first, mark] of [[2071, MARKS.draftPlan], [2073, MARKS.secondPlan]]) {
    ok(await a.post('/api/v1/plans', { first_year: first, introduction: `Intro ${mark}` }));
  }
  const round = (title, firstYear, mark) => ({
    title, first_year: firstYear, years: 1, opens_on: day(-1), deadline: day(20),
    sections: [{ title: `Section ${mark}`, questions: [`Question ${mark}?`] }],
  });
  const unopened = ok(await a.post('/api/v1/consultations', round(`Draft consultation ${MARKS.unopened}`, 2075, MARKS.unopened)));
  // Its Welsh version waits for it to open.
  ok(await a.put(`/api/v1/welsh-versions/consultation/${unopened.id}`, {
    version: 0, title: `Ymgynghoriad ${MARKS.welshRound}`, summary: `Crynodeb ${MARKS.welshRound}`, text: `Testun ${MARKS.welshRound}`,
  }), 200);
  const open = ok(await a.post('/api/v1/consultations', {
    ...round('Open consultation on joint priorities', 2077, 'x'),
    sections: [{ title: 'Priorities', questions: ['What should we inspect?'] }],
  }));
  ok(await openRound(a, open.id), 200);
  const response = await fetch(`${ctx.server.base}/api/v1/public/consultations/${open.id}/responses`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Respondent ${MARKS.unquoted}`, organisation: `Org ${MARKS.unquoted}`, email: 'someone@example.org',
      answers: { 1: `An answer ${MARKS.unquoted}` }, may_quote: false }),
  });
  assert.ok([201, 400].includes(response.status), await response.text());
}

async function seedInspections() {
  const { people } = ctx.who;
  const lead = people.police_lead;
  // Terms of reference drafted, not signed off.
  const unsigned = await steps.start(`Joint inspection ${MARKS.terms}`);
  for (const [client, who, code, role] of [[people.police_rep, 'police_lead', 'HMICFRS', 'lead_inspector'],
    [people.police_rep, 'police_director', 'HMICFRS', 'senior_overseer'],
    [people.cps_rep, 'cps_lead', 'HMCPSI', 'lead_inspector'], [people.cps_rep, 'cps_deputy', 'HMCPSI', 'senior_overseer']]) {
    ok(await client.post(`/api/v1/inspections/${unsigned.id}/team`, { user_id: people[who].id, inspectorate_id: ctx.who.cj[code], role }));
  }
  const v = ok(await lead.get(`/api/v1/inspections/${unsigned.id}`), 200);
  ok(await lead.patch(`/api/v1/inspections/${unsigned.id}/terms`, {
    background: `Why ${MARKS.terms}`, aims: `Aims ${MARKS.terms}`, question: 'How well?', sites: 'Forces',
    methodology: 'Files', timetable: 'Spring', report_structure: 'Chapters', audience: 'The public',
    publication: 'soft_launch', version: v.terms.version,
  }), 200);
  // OFFICIAL-SENSITIVE evidence on an inspection whose terms are public.
  const sensitive = await steps.start('Joint inspection of custody');
  await steps.stageOne(sensitive.id);
  await steps.stageTwo(sensitive.id);
  ok(await people.cps_lead.post(`/api/v1/inspections/${sensitive.id}/evidence`, {
    method: 'interviews', gathered_on: day(0), summary: `A victim named ${MARKS.sensitive}`, classification: 'official_sensitive',
  }));
  // Reports: drafted; approved (signed off); scheduled a month ahead with
  // its embargo recipient named.
  const draftedOne = await drafted(MARKS.drafted);
  // A lesson learned.
  ok(await lead.post(`/api/v1/inspections/${draftedOne.id}/lessons`, {
    theme: 'evidence', stage: 'fieldwork', learned: `Evidence late ${MARKS.lesson}`, differently: `Share daily ${MARKS.lesson}`,
  }));
  // A Welsh version of a drafted report (its owner the Home Office, of
  // England and Wales): kept until the English one is published.
  ok(await lead.put(`/api/v1/welsh-versions/report/${draftedOne.id}`, {
    version: 0, title: `Adroddiad ${MARKS.welsh}`, summary: `Crynodeb ${MARKS.welsh}`, text: `Testun ${MARKS.welsh}`,
  }), 200);
  await signedOff(MARKS.approved);
  const scheduled = await signedOff(MARKS.scheduled);
  ok(await lead.post(`/api/v1/inspections/${scheduled.id}/embargo-recipients`, {
    department: "Attorney General's Office", name: `Jane ${MARKS.recipient}`, email: 'jane.leak@example.gov.uk',
  }));
  ok(await lead.put(`/api/v1/inspections/${scheduled.id}/publication`, { publish_at: inSeconds(30 * 86400) }), 200);
  // One report published, so its page and files are crawled; its
  // recommendation's progress on the tracker and an imported
  // single-inspectorate recommendation carry markers.
  const published = await signedOff('Published');
  // Published with its Welsh version, so the crawl reaches the Welsh pages.
  ok(await lead.put(`/api/v1/welsh-versions/report/${published.id}`, {
    version: 0, title: 'Adroddiad wedi’i gyhoeddi', summary: 'Crynodeb', text: 'Testun yr adroddiad yn Gymraeg.',
  }), 200);
  await publishIn(ctx.server, lead, published, 2);
  let state;
  for (let tries = 0; tries < 60 && state !== 'published'; ++tries) {
    await sleep(250);
    state = ok(await lead.get(`/api/v1/inspections/${published.id}/publication`), 200).publication.state;
  }
  assert.equal(state, 'published');
  const tracked = ok(await lead.get('/api/v1/tracker?limit=100'), 200).items
    .find((t) => t.report_title.includes('Joint case building Published'));
  assert.ok(tracked, 'the published recommendation is on the tracker');
  const { item } = ok(await lead.get(`/api/v1/tracker/${tracked.id}`), 200);
  ok(await lead.post(`/api/v1/tracker/${tracked.id}/updates`, { version: item.version, text: `Begun ${MARKS.progress}`, on: day(0) }), 200);
  const header = 'inspectorate,report,published_on,number,kind,owner,text,measure,target,findings\r\n';
  ok(await lead.post('/api/v1/tracker/import',
    header + `HMICFRS,Custody report ${MARKS.tracked},2019-05-01,7,recommendation,${ctx.homeOffice.code},Flag it ${MARKS.tracked},Audit,2020-01-31,\r\n`,
    { 'Content-Type': 'text/csv' }), 200);
  // The markers are there for staff to see: the crawl below looks for real words.
  const staffView = await lead.get(`/api/v1/inspections/${draftedOne.id}/report.docx`);
  assert.equal(staffView.status, 200);
  const tracker = ok(await lead.get('/api/v1/tracker?limit=100'), 200);
  assert.ok(JSON.stringify(tracker).includes(MARKS.tracked));
  return { published };
}

// Everything an anonymous visitor can fetch at `path`, as text: a Word
// file's XML parts, a PDF's text, or the body as it came.
async function fetchAsText(path) {
  const res = await fetch(`${ctx.server.base}${path}`, { redirect: 'manual' });
  const type = res.headers.get('content-type') ?? '';
  const bytes = Buffer.from(await res.arrayBuffer());
  let text = bytes.toString('utf8');
  if (res.status === 200 && type.includes('wordprocessingml')) {
    const file = join(ctx.dir, 'crawl.docx');
    writeFileSync(file, bytes);
    text = execFileSync('unzip', ['-p', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  } else if (res.status === 200 && type.includes('pdf')) {
    const file = join(ctx.dir, 'crawl.pdf');
    writeFileSync(file, bytes);
    text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  }
  return { status: res.status, type, text, location: res.headers.get('location') };
}

const ODD_QUERIES = [
  ...Object.values(MARKS), PREFIX, `${PREFIX}*`, `"${PREFIX}`, `"${MARKS.drafted}"`, `${PREFIX} OR hate`,
  `NEAR(${PREFIX} hate)`, `title:${PREFIX}`, `-${PREFIX}`, `^${PREFIX}`, `${PREFIX}:*`, `${PREFIX} & !x`,
  `'${PREFIX}'`, `(${PREFIX}`, `${PREFIX})`, `*`, `"`, `""`, `'`, '\\', 'AND', 'OR NOT', `${PREFIX}%`, `${PREFIX}_`,
  'x'.repeat(5000), `${PREFIX} `.repeat(40), 'Zoë Ångström', 'ß ﬁ Ⅻ', '\u202Eevil\u202C', '😀 hate', 'ไทย',
  'a\u0301\u0301\u0301', '\u0000', '\uFEFFhate', '<script>alert(1)</script>', '%', '%ED%A0%80',
];

const GUESSED = (n) => {
  const out = [];
  for (let id = 1; id <= n; ++id) {
    out.push(`/reports/${id}`, `/reports/${id}/report.pdf`, `/reports/${id}/report.docx`,
      `/business-plans/${id}`, `/business-plans/${id}/business-plan.pdf`, `/business-plans/${id}/business-plan.docx`,
      `/inspections-in-progress/${id}`, `/inspections-in-progress/${id}/terms-of-reference.pdf`,
      `/inspections-in-progress/${id}/terms-of-reference.docx`, `/consultations/${id}/respond`,
      `/consultations/${id}/summary`, `/consultations/${id}/respond/consultation-document.pdf`,
      `/consultations/${id}/respond/draft-programme.docx`, `/consultations/${id}/respond/received`,
      `/api/v1/public/consultations/${id}`, `/api/v1/public/consultations/${id}/summary`,
      `/api/v1/public/inspections-in-progress/${id}`, `/cy/reports/${id}`, `/cy/inspections-in-progress/${id}`,
      `/cy/consultations/${id}`, `/embargoed/${id}`, `/embargoed/${id}/report.pdf`,
      `/embargoed/${String(id).repeat(48).slice(0, 48)}`);
  }
  return out;
};

test('public_reads_released_only_nothing_unpublished_on_any_public_surface', async () => {
  await seedBusinessAndConsultations();
  const { published } = await seedInspections();
  const fixed = ['/', '/sitemap.xml', '/search', '/no-such-page', `/${PREFIX}`, '/reports/0', '/reports/99999999999999999999',
    '/api/v1/public/nothing', '/api/v1/public/inspections-in-progress', `/reports/${published.id}`,
    `/reports/${published.id}/report.docx`, `/reports/${published.id}/report.pdf`,
    ...['business-plans', 'inspections-in-progress', 'consultations', 'you-said-we-did', 'reports'].map((f) => `/feeds/${f}.atom`)];
  const searches = ODD_QUERIES.map((q) => `/search?q=${q === '%ED%A0%80' ? q : encodeURIComponent(q)}`);
  const queue = [...fixed, ...searches, ...GUESSED(40)];
  const seen = new Set();
  const leaks = [];
  const failures = [];
  const needles = Object.values(MARKS).map((m) => m.toLowerCase());
  while (queue.length && seen.size < 2000) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    const res = await fetchAsText(path);
    if (res.status >= 500) failures.push(`${path} answered ${res.status}`);
    // The search page shows again what was typed in its box, and only that.
    let shown = res.text;
    const typed = path.startsWith('/search') ? new URL(path, 'http://x').searchParams.get('q') : null;
    if (typed !== null) {
      const escaped = typed.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll("'", '&#39;')
        .replaceAll('<', '&lt;').replaceAll('>', '&gt;');
      shown = shown.replaceAll(`value="${escaped}"`, '').replaceAll(`value="${typed}"`, '');
    }
    const lower = shown.toLowerCase();
    for (const needle of needles) if (lower.includes(needle)) leaks.push(`${needle} on ${path}`);
    const links = [...res.text.matchAll(/(?:href|src)="([^"#]*)"/g), ...res.text.matchAll(/<loc>([^<]*)<\/loc>/g)];
    if (res.location) links.push([null, res.location]);
    for (const [, raw] of links) {
      let link = raw.replaceAll('&amp;', '&').replaceAll('&#x2F;', '/').replaceAll('&#47;', '/');
      if (link.startsWith(ctx.server.base)) link = link.slice(ctx.server.base.length);
      if (!link.startsWith('/') || link.startsWith('//')) continue;
      if (/^\/(sign-in|govuk|assets|static)/.test(link) || /\.(css|js|png|svg|ico|woff2?)$/.test(link)) continue;
      queue.push(link);
    }
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(leaks, [], `markers appear: ${leaks.join('; ')}`);
  assert.ok(seen.size > 800, `crawled ${seen.size}`);
  assert.ok([...seen].some((p) => p.startsWith('/reports/') && p.endsWith('.docx')));
  // The crawl did reach the published report, its files and its feed.
  const report = await fetchAsText(`/reports/${published.id}`);
  assert.equal(report.status, 200);
  assert.match(report.text, /Flag hate crime Published/);
  assert.match((await fetchAsText(`/reports/${published.id}/report.pdf`)).text, /Hostility is rarely evidenced Published/);
  assert.match((await fetchAsText(`/reports/${published.id}/report.docx`)).text, /Hostility is rarely evidenced Published/);
  assert.match((await fetchAsText('/feeds/reports.atom')).text, new RegExp(`/reports/${published.id}<`));
  // And its Welsh version, released with it.
  assert.ok(seen.has(`/cy/reports/${published.id}`), 'the crawl reached the Welsh page');
  assert.match((await fetchAsText(`/cy/reports/${published.id}`)).text, /Testun yr adroddiad yn Gymraeg/);
  // Odd searches are answered, never failed (a long one is refused at the box).
  assert.equal((await fetchAsText(`/search?q=${'x'.repeat(5000)}`)).status, 400);
});

// A signed-off report published a moment from now (`word` in its title),
// and its one recommendation as tracked.
async function publishedNow(word) {
  const lead = ctx.who.people.police_lead;
  const i = await signedOff(word);
  await publishIn(ctx.server, lead, i, 2);
  let state;
  for (let tries = 0; tries < 60 && state !== 'published'; ++tries) {
    await sleep(250);
    state = ok(await lead.get(`/api/v1/inspections/${i.id}/publication`), 200).publication.state;
  }
  assert.equal(state, 'published');
  const tracked = ok(await lead.get('/api/v1/tracker?limit=100'), 200).items
    .find((t) => t.report_title === `Joint inspection of Joint case building ${word}`);
  assert.ok(tracked, 'on the tracker');
  return { i, tracked };
}

const visit = (path, headers = {}) => fetch(`${ctx.server.base}${path}`, { headers, redirect: 'manual' });
// The words of a page, its markup gone, spaces as one.
const wordsOf = (html) => html.replace(/<[^>]+>/g, ' ').replaceAll('&#39;', "'").replace(/\s+/g, ' ');

test('R21_public_report_shows_owner_responses', async () => {
  const lead = ctx.who.people.police_lead;
  const { i, tracked } = await publishedNow('Responded');
  const path = `/reports/${i.id}`;
  const before = await visit(path);
  assert.equal(before.status, 200);
  const first = wordsOf(await before.text());
  assert.match(first, /Owner's response Not received yet/);
  assert.match(first, /Status reported by the owner Open/);
  assert.match(first, /Status verified by the inspectorates Open/);
  const etag = before.headers.get('etag');
  // The owner's response, then progress and statuses, each change with
  // words that stay inside (a progress update, reasons, evidence).
  let { version } = ok(await lead.get(`/api/v1/tracker/${tracked.id}`), 200).item;
  const url = `/api/v1/tracker/${tracked.id}`;
  ({ version } = ok(await lead.post(`${url}/response`, {
    version, answer: 'partly-accepted', accepted_part: 'Flagging in new files', reason: 'Old files are archived <b>&</b>',
    actions: [{ what: 'Train call handlers', by: day(90) }], responded_on: day(0),
  }), 200));
  ({ version } = ok(await lead.post(`${url}/updates`, { version, text: `Begun ${PREFIX}inneronly`, on: day(0) }), 200));
  ({ version } = ok(await lead.post(`${url}/status`, { version, which: 'reported', to: 'implemented', reason: `Done ${PREFIX}reasononly` }), 200));
  ok(await lead.post(`${url}/status`, {
    version, which: 'verified', to: 'partly-addressed', reason: `Two of four ${PREFIX}verifyreason`, evidence: `Audit ${PREFIX}evidenceonly`,
  }), 200);
  const after = await visit(path);
  assert.equal(after.status, 200);
  const html = await after.text();
  const shown = wordsOf(html);
  const when = new Date(`${day(0)}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  assert.ok(shown.includes(`Owner's response Partly accepted on ${when}`), shown);
  assert.match(shown, /Part accepted Flagging in new files/);
  assert.ok(html.includes("Old files are archived &lt;b&gt;&amp;&lt;&#x2F;b&gt;"), "the words escaped");
  assert.match(shown, /Actions planned Train call handlers, by \d+ \w+ \d{4}/);
  assert.match(shown, /Status reported by the owner Implemented/);
  assert.match(shown, /Status verified by the inspectorates Partly addressed/);
  assert.ok(!html.includes(PREFIX), 'updates, reasons and evidence stay inside');
  // Still published when it was; search and feeds show nothing new of it.
  assert.match(shown, new RegExp(`published on ${when}`));
  for (const q of ['inneronly', 'reasononly', 'verifyreason', 'evidenceonly'].map((w) => `${PREFIX}${w}`)) {
    const found = await (await visit(`/search?q=${q}`)).text();
    assert.ok(!found.includes(`/reports/${i.id}"`), q);
  }
  // The page changed, so a cached copy is not confirmed; the new one is.
  assert.notEqual(after.headers.get('etag'), etag);
  assert.equal((await visit(path, { 'if-none-match': etag })).status, 200);
  assert.equal((await visit(path, { 'if-none-match': after.headers.get('etag') })).status, 304);
});

test('public_pages_are_cached_briefly_with_etag_and_last_modified_signed_in_pages_never', async () => {
  const { i } = await publishedNow('Cached');
  const path = `/reports/${i.id}`;
  const res = await visit(path);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'public, max-age=300');
  assert.equal(res.headers.get('vary'), 'Cookie');
  const etag = res.headers.get('etag');
  const modified = res.headers.get('last-modified');
  assert.match(etag, /^"[0-9a-f]{32}"$/);
  assert.match(modified, /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  assert.ok(Math.abs(Date.parse(modified) - Date.now()) < 120000, modified);
  const again = await visit(path, { 'if-none-match': etag });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), '');
  assert.equal((await visit(path, { 'if-modified-since': modified })).status, 304);
  assert.equal((await visit(path, { 'if-none-match': '"another"' })).status, 200);
  // Its files too: rendered again only when the visitor's copy is out of date.
  for (const ext of ['pdf', 'docx']) {
    const file = await visit(`${path}/report.${ext}`);
    assert.equal(file.status, 200, ext);
    assert.equal(file.headers.get('cache-control'), 'public, max-age=300', ext);
    const tag = file.headers.get('etag');
    assert.match(tag, /^"[0-9a-f]{32}"$/);
    assert.equal((await visit(`${path}/report.${ext}`, { 'if-none-match': tag })).status, 304, ext);
  }
  for (const list of ['/reports', '/business-plans', '/you-said-we-did', '/open-consultations', '/search?q=case']) {
    assert.equal((await visit(list)).headers.get('cache-control'), 'public, max-age=300', list);
  }
  // Signed in, the same page is the person's own: never kept, never 304.
  const { client } = await signIn(ctx.server.base, 'police_lead@leaks.test', ctx.who.people.police_lead.password);
  const cookie = { cookie: client.cookie };
  const mine = await visit(path, cookie);
  assert.equal(mine.status, 200);
  assert.equal(mine.headers.get('cache-control'), 'no-store');
  assert.equal(mine.headers.get('etag'), null);
  assert.equal((await visit(path, { ...cookie, 'if-none-match': etag })).status, 200);
  assert.equal((await visit('/reports', cookie)).headers.get('cache-control'), 'no-store');
  assert.equal((await visit(`${path}/report.pdf`, { ...cookie, 'if-none-match': etag })).headers.get('cache-control'), 'no-store');
  // Nothing unreleased is kept either: an unknown report is not cached.
  assert.equal((await visit('/reports/999999')).headers.get('cache-control'), 'no-store');
  assert.equal((await visit('/reports/999999/report.pdf')).headers.get('cache-control'), 'no-store');
});

test('public_search_marks_the_words_found_escaped_and_ranked_alike_on_both_databases', async () => {
  const a = ctx.who.admin;
  // Released words holding markup; one says "Quarrybank" in every part, the
  // other once.
  const rounds = [
    ['Quarrybank custody <b>cells</b> & "holding" rooms', 'Quarrybank cells', 'Are Quarrybank cells safe at Quarrybank?', 2081],
    ['Consultation on youth courts', 'Courts', 'What of youth courts near Quarrybank?', 2083],
  ];
  for (const [title, section, question, year] of rounds) {
    const r = ok(await a.post('/api/v1/consultations', {
      title, first_year: year, years: 1, opens_on: day(-1), deadline: day(20),
      sections: [{ title: section, questions: [question] }],
    }));
    ok(await openRound(a, r.id), 200);
  }
  const results = (html) => [...html.matchAll(/<a class="govuk-link" href="(\/consultations\/\d+\/respond)">([^<]*)</g)].map((m) => m[2]);
  const custody = 'Quarrybank custody &lt;b&gt;cells&lt;&#x2F;b&gt; &amp; &quot;holding&quot; rooms';
  const courts = 'Consultation on youth courts';
  // Query syntax of either database is read as words: NEAR is a word here.
  for (const [q, expected] of [['quarrybank', [custody, courts]], ['QUARRYB', [custody, courts]],
    ['Quarrybank*', [custody, courts]], ['"quarrybank"', [custody, courts]], ['quarrybank:*', [custody, courts]],
    ['<b>quarrybank</b>', [custody, courts]], ['quarrybank)', [custody, courts]], ['quarrybank -cells', [courts]],
    ['^quarrybank', [custody, courts]], ['NEAR(quarrybank)', [courts]], ['quarrybank & !cells', [custody]]]) {
    const res = await fetchAsText(`/search?q=${encodeURIComponent(q)}`);
    assert.equal(res.status, 200, `${q}: ${res.status}`);
    // Best first: the one that says it everywhere, then the other.
    assert.deepEqual(results(res.text), expected, q);
    // The words found are marked; the released markup and the typed markup are text.
    if (expected.length) assert.match(res.text, /<mark>Quarrybank<\/mark>/, q);
    assert.ok(!res.text.includes('<b>'), `${q}: no markup from the words or the query`);
    assert.ok(!/<mark>[^<]*<(?!\/mark>)/.test(res.text), `${q}: nothing but text inside a mark`);
  }
  // Two words: both marked, in the one result holding both.
  const both = await fetchAsText('/search?q=youth+quarrybank');
  assert.deepEqual(results(both.text), ['Consultation on youth courts']);
  assert.match(both.text, /<mark>youth<\/mark>/);
  assert.match(both.text, /<mark>Quarrybank<\/mark>/);
});
