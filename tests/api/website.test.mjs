// The public website reads only what was released (rule
// public-reads-released-only): drafts, unpublished plans, proposals,
// unconsented responses and unpublished terms of reference are seeded with
// a marker, and every public surface is crawled without a sign-in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, userClient, isoDay as day, openRound, publishPlan } from '../support/server.mjs';

const MARKER = 'Zqxleakmarker';
const cj = {};
const reps = {};

const ctx = useServer(async (ctx) => {
  const all = await ctx.admin.get('/api/v1/inspectorates?limit=100');
  for (const i of all.json.items) {
    if (i.kind === 'criminal_justice' && i.closed_year === null) cj[i.code] = i.id;
  }
  for (const code of Object.keys(cj)) {
    reps[code] = await userClient(ctx.server, ctx.admin, `web.${code.toLowerCase()}@example.gov.uk`,
      ['dg_representative'], { inspectorate_id: cj[code] });
  }
});

const round = (title, firstYear) => ({
  title, first_year: firstYear, years: 1, opens_on: day(-1), deadline: day(20),
  sections: [{ title: `Section ${MARKER}`, questions: [`Question ${MARKER}?`] }],
});

async function seedDrafts() {
  const a = ctx.admin;
  // A draft consultation, never opened.
  const draft = await a.post('/api/v1/consultations', round(`Draft consultation ${MARKER}`, 2061));
  assert.equal(draft.status, 201, draft.text);
  // An open one, whose responses are not quoted and whose summary is not published.
  const open = await a.post('/api/v1/consultations', {
    ...round('Open consultation', 2063),
    sections: [{ title: 'Priorities', questions: ['What should we inspect?'] }],
  });
  assert.equal((await openRound(a, open.json.id)).status, 200);
  const anonymous = await fetch(`${ctx.server.base}/api/v1/public/consultations/${open.json.id}/responses`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Respondent ${MARKER}`, organisation: `Org ${MARKER}`, email: 'someone@example.org',
      answers: { 1: `An answer ${MARKER}` }, may_quote: false }),
  });
  // However the response is judged, nothing of it may be shown publicly.
  assert.ok([201, 400].includes(anonymous.status), await anonymous.text());
  // A draft plan, and a proposal on the long-list.
  const plan = await a.post('/api/v1/plans', { first_year: 2065, introduction: `Intro ${MARKER}` });
  assert.equal(plan.status, 201, plan.text);
  const proposal = await a.post('/api/v1/proposals', {
    title: `Proposal ${MARKER}`, summary: `Summary ${MARKER}`, type: 'joint_thematic', duration_quarters: 2,
    participants: [{ inspectorate_id: cj.HMICFRS, involvement: 'lead', effort_days: 40 },
      { inspectorate_id: cj.HMCPSI, involvement: 'support', effort_days: 20 }],
  });
  assert.equal(proposal.status, 201, proposal.text);
  return { ids: [draft.json.id, open.json.id, plan.json.id, proposal.json.id] };
}

async function get(path) {
  const res = await fetch(`${ctx.server.base}${path}`, { redirect: 'manual' });
  return { path, status: res.status, text: await res.text() };
}

test('public_reads_released_only_nothing_unpublished_reaches_a_public_surface', async () => {
  await seedDrafts();
  const fixed = ['/', '/business-plans', '/joint-inspection-framework', '/inspections-in-progress',
    '/open-consultations', '/you-said-we-did', '/accessibility', '/privacy', '/sitemap.xml',
    `/search?q=${MARKER}`, `/search?q=${MARKER.slice(0, 6)}`, '/search?q=Zqx*', '/search?q=%22Zqxleak%22',
    '/feeds/business-plans.atom', '/feeds/inspections-in-progress.atom', '/feeds/consultations.atom',
    '/feeds/you-said-we-did.atom', '/api/v1/public/inspections-in-progress', '/no-such-page',
    `/${MARKER}`, '/api/v1/public/nothing'];
  const guessed = [];
  for (let id = 1; id <= 12; ++id) {
    guessed.push(`/business-plans/${id}`, `/inspections-in-progress/${id}`, `/consultations/${id}/respond`,
      `/consultations/${id}/summary`, `/api/v1/public/consultations/${id}`,
      `/api/v1/public/consultations/${id}/summary`, `/api/v1/public/inspections-in-progress/${id}`,
      `/consultations/${id}/respond/consultation-document.pdf`);
  }
  // Every same-site link found on a public page is followed too.
  const seen = new Set();
  const queue = [...fixed, ...guessed];
  const leaks = [];
  while (queue.length && seen.size < 400) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    const res = await get(path);
    assert.ok(res.status < 500, `${path} answered ${res.status}`);
    // The search page shows again what was typed, and only that.
    const typed = new URL(path, 'http://x').searchParams.get('q');
    const shown = typed === null ? res.text : res.text.replaceAll(`value="${typed.replaceAll('"', '&quot;')}"`, '');
    if (shown.toLowerCase().includes(MARKER.toLowerCase())) leaks.push(path);
    for (const [, href] of res.text.matchAll(/href="(\/[^"#]*)"/g)) {
      const link = href.replaceAll('&amp;', '&');
      if (!link.startsWith('/sign-in') && !link.startsWith('/govuk') && !link.startsWith('/assets') &&
          !link.startsWith('/static')) queue.push(link);
    }
  }
  assert.deepEqual(leaks, [], `the marker appears on ${leaks.join(', ')}`);
  assert.ok(seen.size > 100, `crawled ${seen.size}`);
});

test('public_reads_released_only_an_opened_consultation_is_released_and_found', async () => {
  const opened = await ctx.admin.post('/api/v1/consultations', {
    ...round('Consultation on remand in Wrexham', 2067),
    sections: [{ title: 'Custody', questions: ['Is remand used fairly in Wrexham?'] }],
  });
  assert.equal((await openRound(ctx.admin, opened.json.id)).status, 200);
  const list = await get('/open-consultations');
  assert.match(list.text, /Consultation on remand in Wrexham/);
  assert.match((await get('/feeds/consultations.atom')).text, /<title>Consultation on remand in Wrexham<\/title>/);
  assert.match((await get('/sitemap.xml')).text, new RegExp(`/consultations/${opened.json.id}/respond`));
  const found = await get('/search?q=wrexh');
  assert.equal(found.status, 200);
  assert.match(found.text, /<mark>Wrexham<\/mark>/);
  assert.match(found.text, new RegExp(`href="/consultations/${opened.json.id}/respond"`));
  // Typed text is never query syntax nor markup, and very long text is refused in words.
  for (const q of ['"', 'wrexham OR NEAR(a b)', '*', 'a:b -c', '<script>alert(1)</script>', '𝔘𝔫𝔦 ﷽ e\u0301', 'x'.repeat(200)]) {
    const res = await get(`/search?q=${encodeURIComponent(q)}`);
    assert.equal(res.status, 200, `${q}: ${res.text.slice(0, 200)}`);
    assert.ok(!res.text.includes('<script>alert'), 'escaped');
  }
  const long = await get(`/search?q=${'x'.repeat(20000)}`);
  assert.ok([400, 414].includes(long.status), `20,000 characters: ${long.status}`);
  const closed = await ctx.admin.post(`/api/v1/consultations/${opened.json.id}/close`);
  assert.equal(closed.status, 200, closed.text);
  assert.doesNotMatch((await get('/open-consultations')).text, /Consultation on remand in Wrexham/, 'closed is not open');
});

test('public_reads_released_only_search_feeds_and_sitemap_show_what_was_released', async () => {
  // R10: its year is consulted on first (publishing closes the round).
  const consulted = await ctx.admin.post('/api/v1/consultations', round('Consultation on 2069-70', 2069));
  assert.equal((await openRound(ctx.admin, consulted.json.id)).status, 200);
  const id = await publishPlan(ctx.admin, reps, cj, 2069);
  const list = await get('/business-plans');
  assert.equal(list.status, 200);
  assert.match(list.text, new RegExp(`href="/business-plans/${id}"`));
  assert.match(list.text, /Joint inspection business plan 2069-70/);
  const res = await fetch(`${ctx.server.base}/business-plans/${id}`);
  assert.equal(res.status, 200);
  const page = await res.text();
  assert.match(page, /Joint thematic for 2069/);
  assert.match(res.headers.get('cache-control'), /public/);
  const etag = res.headers.get('etag');
  assert.ok(etag, 'an ETag');
  const again = await fetch(`${ctx.server.base}/business-plans/${id}`, { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  const found = await get('/search?q=thematic+2069');
  assert.match(found.text, new RegExp(`href="/business-plans/${id}"`));
  const feed = await get('/feeds/business-plans.atom');
  assert.match(feed.text, /<title>Joint inspection business plan 2069-70<\/title>/);
  assert.match((await get('/sitemap.xml')).text, new RegExp(`<loc>/business-plans/${id}</loc>`));
});
