// The pages that list things show them a page at a time: read page by
// page, a list gives each of its items once, in the order of the whole,
// with "Showing 4 to 6 of 11" above it; a form that changes an item on a
// later page leads back to that page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, signIn, isoDay as day, ADMIN_PASSWORD } from '../support/server.mjs';

let nextYear = 2060;
function round(title) {
  nextYear += 2;
  return {
    title, first_year: nextYear, years: 2, opens_on: day(-10), deadline: day(20),
    sections: [{ title: 'Core', questions: ['Are these the right areas?'] }],
  };
}

let page;  // the administrator signed in, as a browser is
let roundId;
const responses = [];
const sets = [];  // criteria sets made here, oldest first

const ctx = useServer(async (ctx) => {
  for (let n = 1; n <= 5; ++n) {
    const user = await ctx.admin.post('/api/v1/users', { email: `paged.${n}@example.gov.uk`, name: `Paged ${n}`, roles: ['read_only'] });
    assert.equal(user.status, 201, user.text);
  }
  for (let n = 1; n <= 5; ++n) {
    const created = await ctx.admin.post('/api/v1/consultations', round(`Paged round ${n}`));
    assert.equal(created.status, 201, created.text);
    roundId = created.json.id;
  }
  for (let n = 1; n <= 22; ++n) {
    const r = await ctx.admin.post(`/api/v1/consultations/${roundId}/responses`, {
      name: `Respondent ${n}`, channel: 'email', received_on: day(0), answers: { 1: `Answer ${n}` },
    });
    assert.equal(r.status, 201, r.text);
    responses.push(r.json.id);
  }
  for (let n = 1; n <= 5; ++n) {
    const plan = await ctx.admin.post('/api/v1/plans', { first_year: 2040 + n });
    assert.equal(plan.status, 201, plan.text);
  }
  for (let n = 1; n <= 11; ++n) {
    const set = await ctx.admin.post('/api/v1/criteria-sets', {
      code: `paged-${n}`, name: `Paged criteria ${n}`, criteria: [{ name: 'Risk', weight: 1 }],
    });
    assert.equal(set.status, 201, set.text);
    sets.push(set.json.id);
  }
  const { client } = await signIn(ctx.server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  page = client.undocumented('pages are not in the API document');
});

// The ids of the items a page shows, in order, and its "Showing" line.
async function shown(path, pattern) {
  const res = await page.get(path);
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  const ids = [...res.text.matchAll(pattern)].map((m) => Number(m[1]));
  const count = res.text.match(/id="result-count">Showing (\d+) to (\d+) of (\d+)</);
  return { ids, count: count ? count.slice(1).map(Number) : null, text: res.text };
}

test('every list page shows a page at a time, each item once, in order', async () => {
  const lists = [
    ['/users', /href="\/users\/(\d+)\/edit"/g],
    ['/consultations', /href="\/consultations\/(\d+)"/g],
    [`/consultations/${roundId}/responses`, /id="response-(\d+)"/g],
    ['/plans', /href="\/plans\/(\d+)"/g],
    ['/criteria-sets', /<h2 class="govuk-heading-m" id="set-(\d+)"/g],
  ];
  for (const [path, pattern] of lists) {
    const whole = await shown(`${path}?limit=100`, pattern);
    const total = whole.ids.length;
    assert.ok(total >= 5, `${path}: ${total} items`);
    assert.deepEqual(whole.count, [1, total, total], path);
    const walked = [];
    for (let offset = 0; offset < total; offset += 3) {
      const one = await shown(`${path}?limit=3&offset=${offset}`, pattern);
      assert.ok(one.ids.length <= 3, `${path} at ${offset}: ${one.ids.length} items`);
      assert.deepEqual(one.count, [offset + 1, offset + one.ids.length, total], `${path} at ${offset}`);
      assert.match(one.text, /class="govuk-pagination"/, `${path}: links to the other pages`);
      walked.push(...one.ids);
    }
    assert.deepEqual(walked, whole.ids, `${path}: the pages make up the whole list`);
  }
  // The newest consultation comes first; twenty to a page unless asked.
  const rounds = await shown('/consultations', /href="\/consultations\/(\d+)"/g);
  assert.equal(rounds.ids[0], roundId);
  const first = await shown(`/consultations/${roundId}/responses`, /id="response-(\d+)"/g);
  assert.deepEqual(first.ids, responses.slice(0, 20));
  // Ten criteria sets to a page; a link to one set opens the page that holds it.
  const sets1 = await shown('/criteria-sets', /<h2 class="govuk-heading-m" id="set-(\d+)"/g);
  assert.equal(sets1.ids.length, 10);
  const last = sets.at(-1);
  assert.ok(!sets1.ids.includes(last));
  const focused = await shown(`/criteria-sets?set=${last}`, /<h2 class="govuk-heading-m" id="set-(\d+)"/g);
  assert.ok(focused.ids.includes(last), `set ${last} on the page it opens: ${focused.ids}`);
  const bad = await page.get('/users?limit=0&offset=-1');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /limit must be a whole number from 1 to 100/);
  assert.match(bad.text, /offset must be a whole number, 0 or more/);
  assert.match(bad.text, /<a class="govuk-link" href="(\/|&#x2F;)users">Go to the page without it<\/a>/);
  // What else was asked for is kept; a page between two pages' starts shows the page it falls in.
  const kept = await page.get('/inspections?offset=-1&limit=5&response=7');
  assert.match(kept.text, /href="(\/|&#x2F;)inspections\?response(=|&#x3D;)7">Go to the page without it/);
  const between = await page.get('/audit?offset=30');
  assert.equal(between.status, 303);
  assert.equal(between.headers.get('location'), '/audit?offset=0');
});

test('tagging a response on a later page leads back to that page', async () => {
  const last = responses.at(-1);
  const res = await page.post(`/consultations/${roundId}/responses/${last}/tags`,
    new URLSearchParams({ csrf_token: page.csrf, topics: 'victims', our_response: '' }).toString(),
    { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(res.status, 303, res.text.slice(0, 300));
  const location = res.headers.get('location');
  const back = await shown(location.split('#')[0], /id="response-(\d+)"/g);
  assert.deepEqual(back.count, [21, 22, 22]);
  assert.ok(back.ids.includes(last));
  assert.match(back.text, /govuk-notification-banner/);
  // The banner stays where the change was made: the other pages do not repeat it.
  const previous = back.text.match(/href="([^"]*)" rel="prev"/)[1].replaceAll('&amp;', '&');
  assert.doesNotMatch(previous, /done=/);
});

test('an address past the end of a list shows its last page, never an empty one', async () => {
  const whole = await shown('/users?limit=100', /href="\/users\/(\d+)\/edit"/g);
  const total = whole.ids.length;
  const beyond = await shown('/users?limit=3&offset=900', /href="\/users\/(\d+)\/edit"/g);
  const from = Math.floor((total - 1) / 3) * 3;
  assert.deepEqual(beyond.count, [from + 1, total, total]);
  assert.deepEqual(beyond.ids, whole.ids.slice(from));
  // A list the database pages sends the reader to its last page.
  const audit = await page.get('/audit?offset=99999999');
  assert.equal(audit.status, 303);
  assert.match(audit.headers.get('location'), /^\/audit\?offset=\d+$/);
  assert.equal((await page.get(audit.headers.get('location'))).status, 200);
});

test('a page reads only its filters, and a refused filter lists nothing rather than everything', async () => {
  // A guess such as page=2 is not a filter: the page is shown as without it.
  const guessed = await page.get('/bodies?page=2');
  assert.equal(guessed.status, 200);
  assert.doesNotMatch(guessed.text, /govuk-error-summary/);
  // A bad value is named; the form keeps what was typed and no body is listed.
  const refused = await page.get('/bodies?search=Leeds&type=prison&offset=-5');
  assert.equal(refused.status, 400);
  assert.match(refused.text, /govuk-error-summary/);
  assert.match(refused.text, /value="Leeds"/);
  assert.match(refused.text, /<option value="prison" selected>/);
  assert.doesNotMatch(refused.text, /href="\/bodies\/\d+"/);
  const programme = await page.get('/programme?min_score=fifty&status=withdrawn');
  assert.equal(programme.status, 400);
  assert.match(programme.text, /Enter a combined score from 0 to 100/);
  assert.doesNotMatch(programme.text, /href="\/programme\/proposals\/\d+"/);
  // Nothing matching is said in words, not shown as an empty table.
  const none = await page.get('/bodies?search=nothing-is-called-this');
  assert.match(none.text, /No inspected bodies match/);
  assert.doesNotMatch(none.text, /<table/);
});

test('saving a user returns to the page that lists them, saying it was saved', async () => {
  const users = (await ctx.admin.get('/api/v1/users?limit=100')).json.items;
  const last = users.at(-1);
  const form = await page.get(`/users/${last.id}/edit`);
  assert.equal(form.status, 200);
  const field = (name) => form.text.match(new RegExp(`name="${name}"[^>]*value="([^"]*)"`))?.[1] ?? '';
  const sent = new URLSearchParams({ csrf_token: page.csrf, version: field('version'), name: 'Paged renamed', roles: '' });
  for (const role of last.roles) sent.append('roles', role);
  const res = await page.post(`/users/${last.id}/edit`, sent.toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(res.status, 303, res.text.slice(0, 400));
  const back = await shown(res.headers.get('location'), /href="\/users\/(\d+)\/edit"/g);
  assert.ok(back.ids.includes(last.id), 'the page that lists them');
  assert.match(back.text, /Your changes to the user have been saved/);
});

const backLink = (html) => html.match(/<a href="([^"]+)" class="govuk-back-link"/)[1]
  .replaceAll('&#x2F;', '/').replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');

test('a record\'s back link returns to the page of the list the reader came from', async () => {
  const body = (await ctx.admin.get('/api/v1/bodies?limit=1&offset=25')).json.items[0];
  const host = new URL(ctx.server.base).host;
  const from = `${ctx.server.base}/bodies?offset=20&type=police_force&done=bodies-imported#list`;
  const res = await page.request('GET', `/bodies/${body.id}`, undefined, { Referer: from, Host: host });
  assert.equal(res.status, 200);
  assert.equal(backLink(res.text), '/bodies?offset=20&type=police_force');
  // From elsewhere, or from another site, the list itself.
  for (const elsewhere of [`${ctx.server.base}/programme?offset=20`, 'https://example.com/bodies?offset=20']) {
    const other = await page.request('GET', `/bodies/${body.id}`, undefined, { Referer: elsewhere });
    assert.equal(backLink(other.text), '/bodies');
  }
});

test('signing in leads back to the list asked for, with its filters and place', async () => {
  const res = await fetch(`${ctx.server.base}/bodies?type=prison&offset=40`, { redirect: 'manual' });
  assert.equal(res.status, 303);
  const location = res.headers.get('location');
  assert.equal(location, `/sign-in?next=${encodeURIComponent('/bodies?type=prison&offset=40')}`);
  const form = await (await fetch(`${ctx.server.base}${location}`)).text();
  assert.match(form, /name="next" value="([^"]*)"/);
  const next = form.match(/name="next" value="([^"]*)"/)[1]
    .replaceAll('&#x2F;', '/').replaceAll('&#x3D;', '=').replaceAll('&#x3F;', '?').replaceAll('&amp;', '&');
  assert.equal(next, '/bodies?type=prison&offset=40');
});

test('the audit trail\'s next page follows on from the page read, however many entries are written meanwhile', async () => {
  const seqs = (html) => [...html.matchAll(/<tr class="govuk-table__row">\s*<td class="govuk-table__cell">(\d+)<\/td>/g)].map((m) => Number(m[1]));
  const next = (html) => html.match(/href="([^"]+)" rel="next"/)[1].replaceAll('&amp;', '&').replaceAll('&#x2F;', '/').replaceAll('&#x3D;', '=').replaceAll('&#x3F;', '?');
  for (const path of ['/audit?limit=5', '/audit?limit=5&actor=admin']) {
    const first = await page.get(path);
    assert.equal(first.status, 200);
    const read = seqs(first.text);
    assert.equal(read.length, 5, path);
    const link = next(first.text);
    assert.match(link, new RegExp(`before=${read.at(-1)}`));
    for (let n = 0; n < 3; ++n) {
      const made = await ctx.admin.post('/api/v1/contacts', { name: `Meanwhile ${path} ${n}`, organisation: 'Audit office',
        email: `meanwhile${n}.${read[0]}@example.gov.uk`, type: 'government' });
      assert.equal(made.status, 201, made.text);
    }
    const second = await page.get(link);
    assert.equal(second.status, 200);
    const following = seqs(second.text);
    assert.ok(following.length > 0);
    assert.ok(following[0] < read.at(-1), `${path}: page 2 starts at ${following[0]}, after ${read.at(-1)}`);
    assert.ok(!following.some((s) => read.includes(s)), `${path}: no entry of page 1 again`);
  }
});
