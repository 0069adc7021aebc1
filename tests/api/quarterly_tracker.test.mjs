// The quarterly recommendations tracker (M 46, R21): the joint secretariat
// freezes every tracked item as it stood at a quarter's end and publishes it
// to the public website (page, CSV, Excel, PDF, feed, sitemap, search),
// compared with the quarter before; it is never changed afterwards, its
// digest in the audit trail. The demo publishes the first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, userClient, Client } from '../support/server.mjs';

const ctx = {};

// A financial quarter's slug, "2026-27-q2", `back` quarters before today's.
function quarterSlug(back) {
  const now = new Date();
  const m = now.getUTCMonth() + 1;
  const start = m >= 4 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  const index = start * 4 + Math.floor(((m + 8) % 12) / 3) - back;
  const year = Math.floor(index / 4);
  return `${year}-${String((year + 1) % 100).padStart(2, '0')}-q${(index % 4) + 1}`;
}

before(async () => {
  ctx.server = await startServer({ extraArgs: ['--demo'] });
  ctx.admin = await adminClient(ctx.server);
  const all = (await ctx.admin.get('/api/v1/inspectorates?limit=100')).json.items;
  const hmicfrs = all.find((i) => i.code === 'HMICFRS').id;
  ctx.secretariat = await userClient(ctx.server, ctx.admin, 'sec@quarterly.test', ['secretariat']);
  ctx.lead = await userClient(ctx.server, ctx.admin, 'lead@quarterly.test', ['lead_inspector'], { inspectorate_id: hmicfrs });
  ctx.anyone = new Client(ctx.server.base).undocumented('the public website');
});
after(async () => {
  await ctx.server?.stop();
});

test('R21_quarterly_tracker_is_frozen', async () => {
  const last = quarterSlug(1);
  const list = await ctx.secretariat.get('/api/v1/quarterly-trackers');
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.next, last);
  assert.equal(list.json.next_published, true, 'the demo published the last quarter');
  const first = list.json.items.find((t) => t.quarter === last);
  const page = await ctx.anyone.get(`/trackers/${last}`);
  assert.equal(page.status, 200);
  assert.ok(page.text.includes(first.digest));
  // Published again, or a quarter not yet ended, or one named wrongly: refused.
  const again = await ctx.secretariat.post('/api/v1/quarterly-trackers', {});
  assert.equal(again.status, 409);
  assert.equal(again.json.rule, 'tracker-frozen');
  const named = await ctx.secretariat.post('/api/v1/quarterly-trackers', { quarter: last });
  assert.equal(named.json.rule, 'tracker-frozen');
  const current = await ctx.secretariat.post('/api/v1/quarterly-trackers', { quarter: quarterSlug(0) });
  assert.equal(current.status, 409);
  assert.equal(current.json.rule, 'quarter-ended');
  for (const quarter of ['2026-27-q5', 'next', 'x'.repeat(21)]) {
    const bad = await ctx.secretariat.post('/api/v1/quarterly-trackers', { quarter });
    assert.equal(bad.status, 400, quarter);
  }
  // Only the joint secretariat publishes.
  assert.equal((await ctx.lead.post('/api/v1/quarterly-trackers', { quarter: quarterSlug(2) })).status, 403);
  assert.equal((await ctx.lead.get('/api/v1/quarterly-trackers')).status, 403);
  // An earlier quarter, then a later one compared with it.
  const older = await ctx.secretariat.post('/api/v1/quarterly-trackers', { quarter: quarterSlug(3) });
  assert.equal(older.status, 201, older.text);
  assert.equal(older.json.previous, null);
  const middle = await ctx.secretariat.post('/api/v1/quarterly-trackers', { quarter: quarterSlug(2) });
  assert.equal(middle.status, 201, middle.text);
  assert.equal(middle.json.previous, quarterSlug(3));
  // Every line is frozen with its digest: the same lines give the same digest.
  const lines = middle.json.lines;
  for (const l of lines) assert.ok(l.reference && l.owner && l.answer && l.verified, JSON.stringify(l));
  // The digest is in the audit trail.
  const audit = await ctx.admin.get('/api/v1/audit/entries?entity_type=quarterly_tracker');
  assert.equal(audit.status, 200, audit.text);
  assert.ok(audit.text.includes(middle.json.digest), 'the digest is audited');
  // Never changed afterwards: the published page stays as it was.
  const before = await ctx.anyone.get(`/trackers/${quarterSlug(2)}`);
  assert.equal((await ctx.secretariat.post('/api/v1/quarterly-trackers', { quarter: quarterSlug(2) })).status, 409);
  const after = await ctx.anyone.get(`/trackers/${quarterSlug(2)}`);
  assert.equal(after.text, before.text);
  assert.match(after.text, /the tracker is as it was published/);
});

test('R21_the_quarterly_tracker_is_public_with_its_files_feed_and_sitemap', async () => {
  const slug = quarterSlug(1);
  const list = await ctx.anyone.get('/trackers');
  assert.equal(list.status, 200);
  assert.ok(list.text.includes(`/trackers/${slug}`));
  const page = await ctx.anyone.get(`/trackers/${slug}`);
  assert.match(page.text, /Understanding the difference: hate crime follow-up/);
  assert.match(page.text, /Home Office/);
  // Files.
  const csv = await ctx.anyone.get(`/trackers/${slug}/tracker.csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.text, /^\uFEFF?Recommendation,Owner,What it asks/);
  assert.ok(csv.text.includes('Home Office'));
  const xlsx = await ctx.anyone.get(`/trackers/${slug}/tracker.xlsx`);
  assert.equal(xlsx.status, 200);
  assert.equal(Buffer.from(xlsx.bytes.slice(0, 2)).toString(), 'PK');
  const pdf = await ctx.anyone.get(`/trackers/${slug}/tracker.pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(Buffer.from(pdf.bytes.slice(0, 4)).toString(), '%PDF');
  // Feed, sitemap and search.
  const feed = await ctx.anyone.get('/feeds/trackers.atom');
  assert.equal(feed.status, 200);
  assert.ok(feed.text.includes(`/trackers/${slug}</id>`));
  const sitemap = await ctx.anyone.get('/sitemap.xml');
  assert.ok(sitemap.text.includes(`/trackers/${slug}</loc>`) && sitemap.text.includes('/trackers</loc>'));
  const found = await ctx.anyone.get('/search?q=flags+hate+crime+consistently');
  assert.ok(found.text.includes(`/trackers/${slug}`));
  // Nothing else by its address.
  for (const path of ['/trackers/2001-02-q1', '/trackers/2001-02-q1/tracker.csv', '/trackers/nonsense',
    `/trackers/${slug}/tracker.docx`]) {
    assert.equal((await ctx.anyone.get(path)).status, 404, path);
  }
  // The page shows its digest, which its lines still give.
  assert.match(page.text, /id="digest"[^>]*>[0-9a-f]{64}</);
  assert.match(page.text, /the tracker is as it was published/);
});
