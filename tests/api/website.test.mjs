// The public website reads only what was released (rule
// public-reads-released-only): drafts, unpublished plans, proposals,
// unconsented responses and unpublished terms of reference are seeded with
// a marker, and every public surface is crawled without a sign-in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, startServer, userClient, signIn, isoDay as day, openRound, publishPlan } from '../support/server.mjs';

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
  const { ids } = await seedDrafts();
  const draftPlan = ids[2];
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
      `/consultations/${id}/respond/consultation-document.pdf`, `/business-plans/${id}/business-plan.pdf`,
      `/business-plans/${id}/business-plan.docx`);
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
  // A draft plan's files are refused (a PDF's text may not show the marker).
  for (const ext of ['pdf', 'docx']) {
    const path = `/business-plans/${draftPlan}/business-plan.${ext}`;
    assert.ok(seen.has(path), `${path} crawled`);
    assert.equal((await get(path)).status, 404, path);
  }
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
  // Words in quotes are found together; NOT or a minus leaves out.
  const id = `href="/consultations/${opened.json.id}/respond"`;
  assert.ok((await get(`/search?q=${encodeURIComponent('"remand in Wrexham"')}`)).text.includes(id));
  assert.ok(!(await get(`/search?q=${encodeURIComponent('"Wrexham remand"')}`)).text.includes(id));
  assert.ok(!(await get(`/search?q=${encodeURIComponent('wrexham NOT remand')}`)).text.includes(id));
  assert.ok(!(await get(`/search?q=${encodeURIComponent('wrexham -remand')}`)).text.includes(id));
  const only = await get(`/search?q=${encodeURIComponent('-remand')}`);
  assert.equal(only.status, 400);
  assert.match(only.text, /<a href="#q">Enter a word to find, not only words to leave out<\/a>/);
  // Typed text is never query syntax nor markup, and very long text is refused in words.
  for (const q of ['wrexham OR NEAR(a b)', 'a:b -c', '<script>alert(1)</script>', '𝔘𝔫𝔦 ﷽ e\u0301', 'x'.repeat(200),
    'OR', 'a OR', 'OR OR OR', '( OR )']) {
    const res = await get(`/search?q=${encodeURIComponent(q)}`);
    assert.equal(res.status, 200, `${q}: ${res.text.slice(0, 200)}`);
    assert.ok(!res.text.includes('<script>alert'), 'escaped');
  }
  const long = await get(`/search?q=${'x'.repeat(20000)}`);
  assert.ok([400, 414].includes(long.status), `20,000 characters: ${long.status}`);
  // Too long even for an address: the search page again, saying so, with its box.
  const longer = await get(`/search?q=${'x'.repeat(20000)}`);
  assert.match(longer.text, /<a href="#q">What you searched for is too long/);
  assert.match(longer.text, /<input class="govuk-input[^"]*" id="q" name="q" type="search"/);
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
  assert.match((await get('/sitemap.xml')).text, new RegExp(`<loc>${ctx.server.base}/business-plans/${id}</loc>`));
  // Its files, rendered from the released copy, linked from its page.
  for (const [ext, type] of [['pdf', /application\/pdf/], ['docx', /officedocument\.wordprocessingml/]]) {
    assert.match(page, new RegExp(`href="/business-plans/${id}/business-plan\\.${ext}"`));
    const file = await fetch(`${ctx.server.base}/business-plans/${id}/business-plan.${ext}`);
    assert.equal(file.status, 200, ext);
    assert.match(file.headers.get('content-type'), type);
    assert.match(file.headers.get('content-disposition'), /joint-inspection-business-plan-2069-70/);
    assert.ok((await file.arrayBuffer()).byteLength > 1000, `${ext} has content`);
  }
});

test('public_pages_kept_as_rendered_change_as_soon_as_something_is_released', async () => {
  const first = await get('/business-plans');
  const again = await fetch(`${ctx.server.base}/business-plans`);
  assert.equal(await again.text(), first.text, 'answered again as rendered');
  const etag = again.headers.get('etag');
  if (etag) assert.equal((await fetch(`${ctx.server.base}/business-plans`, { headers: { 'if-none-match': etag } })).status, 304);
  const consulted = await ctx.admin.post('/api/v1/consultations', round('Consultation on 2071-72', 2071));
  assert.equal((await openRound(ctx.admin, consulted.json.id)).status, 200);
  const id = await publishPlan(ctx.admin, reps, cj, 2071);
  // No waiting: the release itself lets the old rendering go.
  assert.match((await get('/business-plans')).text, new RegExp(`href="/business-plans/${id}"`));
  // Someone signed in never gets the rendering kept for everyone.
  const email = 'web.reader@example.gov.uk';
  const reader = await userClient(ctx.server, ctx.admin, email, ['inspector'], { inspectorate_id: cj.HMICFRS });
  const { client } = await signIn(ctx.server.base, email, reader.password);
  const signedIn = await client.undocumented('a public page, signed in').get('/business-plans');
  assert.equal(signedIn.status, 200);
  assert.match(signedIn.text, /Sign out/);
  assert.doesNotMatch((await get('/business-plans')).text, /Sign out/);
});

test('search_takes_or_between_words_and_ignores_accents', async () => {
  for (const [title, year] of [['Consultation on courts in Ynys Môn', 2071], ['Consultation on cells in Caernarfon', 2073]]) {
    const r = await ctx.admin.post('/api/v1/consultations', {
      ...round(title, year), sections: [{ title: 'Places', questions: [`What of ${title.split(' ').pop()}?`] }],
    });
    assert.equal((await openRound(ctx.admin, r.json.id)).status, 200);
  }
  const titles = (res) => [...res.text.matchAll(/<a class="govuk-link" href="\/consultations\/\d+\/respond">([^<]*)</g)]
    .map((m) => m[1]).sort();
  const mon = await get('/search?q=mon');
  assert.equal(mon.status, 200);
  assert.deepEqual(titles(mon), ['Consultation on courts in Ynys Môn']);
  assert.match(mon.text, /<mark>Môn<\/mark>/, 'the snippet shows what was published');
  assert.deepEqual(titles(await get('/search?q=M%C3%94N')), ['Consultation on courts in Ynys Môn']);
  assert.deepEqual(titles(await get('/search?q=ynys+caernarfon')), [], 'every word, without OR');
  assert.deepEqual(titles(await get('/search?q=ynys+OR+caernarfon')),
    ['Consultation on cells in Caernarfon', 'Consultation on courts in Ynys Môn']);
  assert.deepEqual(titles(await get('/search?q=ynys+or+caernarfon')), [], 'lower-case or is a word');
  assert.deepEqual(titles(await get('/search?q=courts+OR+cells+caernarfon')), ['Consultation on cells in Caernarfon']);
  const page = await get('/search');
  assert.match(page.text, /Put OR between two words to find either/);
  assert.match(page.text, /Put words in quotes to find them together/);
});

test('search_with_no_word_to_search_for_says_so_at_the_field', async () => {
  for (const q of ['*', '"', '*** ::: ""', '   ', '']) {
    const res = await get(`/search?q=${encodeURIComponent(q)}`);
    assert.equal(res.status, 400, `${JSON.stringify(q)}: ${res.status}`);
    assert.match(res.text, /govuk-error-summary/);
    assert.match(res.text, /<a href="#q">Enter a word to search for<\/a>/);
    assert.match(res.text, /id="q-error"[^>]*>.*Enter a word to search for/);
    const kept = q.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
    assert.ok(res.text.includes(`value="${kept}"`), `${JSON.stringify(q)} kept`);
  }
  assert.equal((await get('/search')).status, 200, 'the page itself asks for nothing');
});

// Absolute http(s) addresses, on `base`.
function assertAbsolute(addresses, base, where) {
  assert.ok(addresses.length > 0, `${where} has addresses`);
  for (const address of addresses) {
    const url = new URL(address);
    assert.ok(['http:', 'https:'].includes(url.protocol) && address.startsWith(`${base}/`),
      `${where}: ${address} is not an absolute address on ${base}`);
  }
}

async function assertFeedsAndSitemapAbsolute(base, server) {
  const read = async (path) => (await fetch(`${server.base}${path}`)).text();
  const sitemap = await read('/sitemap.xml');
  assertAbsolute([...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]), base, 'sitemap');
  assert.ok(sitemap.includes(`<loc>${base}/</loc>`), 'the home page');
  for (const feed of ['business-plans', 'inspections-in-progress', 'consultations', 'you-said-we-did']) {
    const xml = await read(`/feeds/${feed}.atom`);
    const ids = [...xml.matchAll(/<id>([^<]*)<\/id>/g)].map((m) => m[1]);
    const links = [...xml.matchAll(/<link [^>]*href="([^"]*)"/g)].map((m) => m[1]);
    assertAbsolute(ids, base, `${feed} ids`);
    assertAbsolute(links, base, `${feed} links`);
    assert.equal(ids[0], `${base}/feeds/${feed}.atom`, 'the feed is its own address');
    assert.ok(xml.includes(`<link rel="self" href="${base}/feeds/${feed}.atom"/>`));
    assert.equal(new Set(ids).size, ids.length, 'every id once');
  }
}

test('sitemap_and_feeds_give_absolute_addresses_on_the_public_url', async () => {
  const r = await ctx.admin.post('/api/v1/consultations', round('Consultation on youth custody', 2075));
  assert.equal((await openRound(ctx.admin, r.json.id)).status, 200);
  await assertFeedsAndSitemapAbsolute(ctx.server.base, ctx.server);
  const feed = await (await fetch(`${ctx.server.base}/feeds/consultations.atom`)).text();
  assert.ok(feed.includes(`<id>${ctx.server.base}/consultations/${r.json.id}/respond</id>`), 'an entry is its page');
  // With --public-url, every address is on it.
  const other = await startServer({ extraArgs: ['--public-url', 'https://jointly.example.gov.uk/'] });
  try {
    await assertFeedsAndSitemapAbsolute('https://jointly.example.gov.uk', other);
  } finally {
    await other.stop();
  }
});

test('a_consultation_closed_early_says_so_in_its_feed_entry', async () => {
  const r = await ctx.admin.post('/api/v1/consultations', round('Consultation on early closing', 2077));
  assert.equal((await openRound(ctx.admin, r.json.id)).status, 200);
  const entry = async () => {
    const xml = await (await fetch(`${ctx.server.base}/feeds/consultations.atom`)).text();
    return xml.split('<entry>').find((e) => e.includes('<title>Consultation on early closing</title>'));
  };
  const before = await entry();
  assert.match(before, /respond by the end of/);
  await new Promise((done) => setTimeout(done, 1100));
  assert.equal((await ctx.admin.post(`/api/v1/consultations/${r.json.id}/close`)).status, 200);
  const after = await entry();
  assert.match(after, /<summary>A consultation on the joint inspection programme: it closed on \w+ \d{1,2} \w+ \d{4}\.<\/summary>/);
  assert.doesNotMatch(after, /respond by/);
  const updated = (e) => e.match(/<updated>([^<]*)<\/updated>/)[1];
  assert.ok(updated(after) > updated(before), `updated ${updated(before)} then ${updated(after)}`);
});

test('only_a_page_with_a_form_sets_the_pre_session_cookie', async () => {
  const r = await ctx.admin.post('/api/v1/consultations', round('Consultation on cookies', 2079));
  assert.equal((await openRound(ctx.admin, r.json.id)).status, 200);
  const page = `${ctx.server.base}/consultations/${r.json.id}/respond`;
  const open = await fetch(page);
  assert.equal(open.status, 200);
  assert.match(open.headers.get('set-cookie') ?? '', /jointly_presession=/, 'the form is bound to it');
  assert.equal((await ctx.admin.post(`/api/v1/consultations/${r.json.id}/close`)).status, 200);
  const closed = await fetch(page);
  assert.equal(closed.status, 200);
  assert.match(await closed.text(), /closed/i);
  assert.equal(closed.headers.get('set-cookie'), null, 'a closed consultation has no form');
  for (const path of ['/', '/business-plans', '/search?q=courts', '/privacy', '/accessibility']) {
    assert.equal((await fetch(`${ctx.server.base}${path}`)).headers.get('set-cookie'), null, path);
  }
});

test('privacy_and_accessibility_name_the_controllers_and_how_to_reach_the_secretariat', async () => {
  const all = (await ctx.admin.get('/api/v1/inspectorates?limit=100')).json.items;
  const secretariat = all.find((i) => i.code === 'JOINT-SECRETARIAT');
  assert.ok(secretariat?.address, 'the directory has the secretariat');
  // The page's text with the character references the templates write read back.
  const text = async (path) => (await get(path)).text.replace(/&#x2f;/gi, '/').replaceAll('&#39;', "'")
    .replaceAll('&quot;', '"').replaceAll('&amp;', '&');
  for (const path of ['/accessibility', '/privacy']) {
    const page = await text(path);
    assert.ok(page.includes(secretariat.full_name), `${path} names the secretariat`);
    assert.ok(page.includes(secretariat.address), `${path} gives its address`);
  }
  const privacy = await text('/privacy');
  assert.match(privacy, /Criminal Justice Joint Inspection Secretariat is the data controller for this website/);
  // The owners' accounts: what is kept, what is published, and how it ends.
  assert.match(privacy, /Answering for an organisation that owns recommendations/);
  assert.match(privacy, /under your organisation's name, not yours/);
  assert.match(privacy, /withdraw your access/);
  for (const i of all.filter((x) => x.kind === 'criminal_justice' && x.closed_year === null)) {
    assert.ok(privacy.includes(`<li>${i.full_name}</li>`), `${i.code} is a controller`);
  }
});

test('sitemap_lists_only_what_the_public_can_use_an_open_form_and_a_closed_ones_published_summary', async () => {
  const r = await ctx.admin.post('/api/v1/consultations', round('Consultation for the sitemap', 2081));
  assert.equal((await openRound(ctx.admin, r.json.id)).status, 200);
  const sitemap = async () => (await fetch(`${ctx.server.base}/sitemap.xml`)).text();
  const form = `/consultations/${r.json.id}/respond</loc>`;
  const summary = `/consultations/${r.json.id}/summary</loc>`;
  assert.ok((await sitemap()).includes(form), 'an open consultation\'s form');
  assert.equal((await ctx.admin.post(`/api/v1/consultations/${r.json.id}/close`)).status, 200);
  const closed = await sitemap();
  assert.ok(!closed.includes(form), 'a closed consultation\'s form takes no responses');
  assert.ok(!closed.includes(summary), 'nothing published yet');
  const published = await ctx.admin.post(`/api/v1/consultations/${r.json.id}/summary/publish`);
  assert.equal(published.status, 200, published.text);
  const after = await sitemap();
  assert.ok(after.includes(summary), 'its published summary');
  assert.ok(!after.includes(form));
});
