// Stage 8 of a joint thematic inspection through the API (M 48, R22): each
// inspectorate's schedule for the inspection and the date it gives each
// evidence item; legal holds, placed by an inspectorate with a reason and
// lifted only by it; the retention job's proposal, destruction by the
// owning inspectorate, refused under a hold; and the destroyed content gone
// from the database's files while the audit trail still verifies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { startServer, signIn, ADMIN_PASSWORD } from '../support/server.mjs';
import { journeyPeople, journey, day } from '../support/inspection_journey.mjs';

const ctx = {};
let steps;
before(async () => {
  ctx.server = await startServer();
  ctx.who = await journeyPeople(ctx.server, { domain: 'retention.test' });
  steps = journey(ctx.who);
});
after(async () => ctx.server?.stop());

const fieldsOf = (res) => (res.json?.errors ?? []).map((e) => e.field);

// An inspection through fieldwork, with an HMCPSI evidence item holding
// `marker`, and the publication date set for tomorrow: HMCPSI's schedule
// makes the item due today.
async function withEvidence(marker) {
  const { people } = ctx.who;
  const i = await steps.start();
  await steps.throughFieldwork(i.id);
  const item = await steps.addEvidence(i.id, `Charging advice ${marker} recorded late`);
  const lead = people.police_lead;
  const agreed = await lead.put(`/api/v1/inspections/${i.id}/retention`, { published_on: day(1), version: 0 });
  assert.equal(agreed.status, 200, agreed.text);
  return { i, item, retention: agreed.json };
}

test('R22_each_item_takes_its_owners_schedule_and_the_job_proposes_what_is_due', async () => {
  const { people, cj } = ctx.who;
  const { i, item, retention } = await withEvidence('schedule');
  assert.deepEqual(retention.schedules.map((s) => s.inspectorate).sort(), ['HMCPSI', 'HMICFRS']);
  const cps = retention.schedules.find((s) => s.inspectorate === 'HMCPSI');
  assert.ok(cps.words.includes('Electronic evidence: destroyed the day before publication.'), cps.words.join('\n'));
  const mine = retention.items.find((x) => x.id === item.id);
  assert.equal(mine.action, 'destroy');
  assert.equal(mine.due_on, day(0));
  assert.ok(retention.due.some((d) => d.id === item.id));
  const due = await people.cps_lead.get(`/api/v1/inspectorates/${cj.HMCPSI}/retention-due`);
  assert.equal(due.status, 200, due.text);
  assert.ok(due.json.items.some((d) => d.id === item.id && d.inspection_id === i.id));
  const other = await people.cps_lead.get(`/api/v1/inspectorates/${cj.HMICFRS}/retention-due`);
  assert.ok(!other.json.items.some((d) => d.id === item.id));
  // Publication moved later: nothing due yet. A stale version is refused.
  const stale = await people.police_lead.put(`/api/v1/inspections/${i.id}/retention`, { published_on: day(30), version: 0 });
  assert.equal(stale.status, 409, stale.text);
  const later = await people.police_lead.put(`/api/v1/inspections/${i.id}/retention`, { published_on: day(30), version: 1 });
  assert.equal(later.status, 200, later.text);
  assert.equal(later.json.items.find((x) => x.id === item.id).due_on, day(29));
  assert.equal(later.json.due.length, 0);
  const bad = await people.police_lead.put(`/api/v1/inspections/${i.id}/retention`, { published_on: '2026-2-30', version: 2 });
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(fieldsOf(bad), ['published_on']);
  // Saved unchanged, it stays the version it was: nobody's later save is made stale.
  const same = await people.police_lead.put(`/api/v1/inspections/${i.id}/retention`, { published_on: day(30), version: 2 });
  assert.equal(same.status, 200, same.text);
  assert.equal(same.json.version, 2);
  assert.equal(same.json.agreed_on, later.json.agreed_on);
});

test('R22_a_hold_blocks_destruction_and_only_the_holder_lifts_it', async () => {
  const { people } = ctx.who;
  const { i, item } = await withEvidence('held');
  const base = `/api/v1/inspections/${i.id}/retention/holds`;
  // A reason is required, and no longer than the limit.
  for (const reason of ['', 'x'.repeat(20000)]) {
    const r = await people.police_lead.post(base, { reason });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(fieldsOf(r), ['reason']);
  }
  const hold = await people.police_lead.post(base, { reason: 'Judicial review of the findings' });
  assert.equal(hold.status, 201, hold.text);
  // Destruction under the hold: refused, naming the rule and the holder,
  // and nothing changed.
  const refused = await people.cps_lead.post(`/api/v1/evidence/${item.id}/destroy`, {});
  assert.equal(refused.status, 409, refused.text);
  assert.equal(refused.json.rule, 'R22');
  assert.match(refused.json.detail, /HMICFRS/);
  const still = (await people.cps_lead.get(`/api/v1/inspections/${i.id}/retention`)).json;
  assert.equal(still.items.find((x) => x.id === item.id).destroyed, false);
  const register = (await people.cps_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.match(register.evidence.find((e) => e.id === item.id).summary, /held/);
  // Only HMICFRS lifts it.
  const notMine = await people.cps_lead.post(`/api/v1/legal-holds/${hold.json.id}/lift`, { reason: 'Over' });
  assert.equal(notMine.status, 403, notMine.text);
  assert.equal(notMine.json.rule, 'R22');
  const lifted = await people.police_lead.post(`/api/v1/legal-holds/${hold.json.id}/lift`, { reason: 'Proceedings ended' });
  assert.equal(lifted.status, 200, lifted.text);
  assert.equal(lifted.json.in_force, false);
  const again = await people.police_lead.post(`/api/v1/legal-holds/${hold.json.id}/lift`, { reason: 'Again' });
  assert.equal(again.status, 409, again.text);
  // Only the owner (HMCPSI) approves its destruction.
  const police = await people.police_lead.post(`/api/v1/evidence/${item.id}/destroy`, {});
  assert.equal(police.status, 403, police.text);
  const done = await people.cps_lead.post(`/api/v1/evidence/${item.id}/destroy`, {});
  assert.equal(done.status, 200, done.text);
});

test('R22_destroyed_content_is_gone_from_the_database_and_the_certificate_outlives_it', async () => {
  const { people, admin } = ctx.who;
  const marker = `MARKER${randomBytes(8).toString('hex')}`;
  const { i, item } = await withEvidence(marker);
  const cert = await people.cps_lead.post(`/api/v1/evidence/${item.id}/destroy`, {});
  assert.equal(cert.status, 200, cert.text);
  assert.equal(cert.json.what.id, item.id);
  assert.equal(cert.json.schedule.inspectorate, 'HMCPSI');
  assert.equal(cert.json.approved_by.email, 'cps_lead@retention.test');
  assert.match(cert.json.content_sha256, /^[0-9a-f]{64}$/);
  assert.ok(cert.json.audit_entries_removed.length >= 1);
  const twice = await people.cps_lead.post(`/api/v1/evidence/${item.id}/destroy`, {});
  assert.equal(twice.status, 409, twice.text);
  const after = (await people.cps_lead.get(`/api/v1/inspections/${i.id}/retention`)).json;
  const row = after.items.find((x) => x.id === item.id);
  assert.equal(row.destroyed, true);
  assert.equal(row.certificate_seq, cert.json.certificate_seq);
  const register = await people.cps_lead.get(`/api/v1/inspections/${i.id}`);
  assert.ok(!register.text.includes(marker));
  // The audit trail still verifies, and holds the certificate but not the content.
  const verify = await admin.get('/api/v1/audit/verify');
  assert.equal(verify.status, 200, verify.text);
  assert.equal(verify.json.ok, true, verify.text);
  const log = await admin.get(`/api/v1/audit/entries?entity_type=evidence&entity_id=${item.id}&limit=100`);
  assert.equal(log.status, 200, log.text);
  assert.ok(!log.text.includes(marker));
  assert.ok(log.text.includes(cert.json.content_sha256));
  // The bytes are gone from the SQLite file and its write-ahead log.
  if (ctx.server.db.startsWith('sqlite:')) {
    const file = ctx.server.db.slice('sqlite:'.length);
    for (const path of [file, `${file}-wal`]) {
      if (!existsSync(path)) continue;
      assert.equal(readFileSync(path).indexOf(Buffer.from(marker)), -1, `${path} still holds the marker`);
    }
  }
});

test('R22_destruction_leaves_the_quality_assurance_agreed', async () => {
  const { people } = ctx.who;
  const { i, item } = await withEvidence('assured');
  await steps.throughFindings(i.id);
  const view = async () => (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json;
  const before = await view();
  assert.equal(before.assurance_agreement, 'agreed');
  const cert = await people.cps_lead.post(`/api/v1/evidence/${item.id}/destroy`, {});
  assert.equal(cert.status, 200, cert.text);
  const after = await view();
  assert.equal(after.assurance_agreement, 'agreed', 'destroying an item is not a change to the evidence');
  assert.deepEqual(after.stages[3].checks.map((c) => c.done), before.stages[3].checks.map((c) => c.done));
  assert.deepEqual(after.stages[4].checks.map((c) => c.done), before.stages[4].checks.map((c) => c.done));
});

test('official_sensitive_items_are_withheld_on_the_retention_page', async () => {
  const { people } = ctx.who;
  const { i } = await withEvidence('sensitive');
  const secret = await people.cps_lead.post(`/api/v1/inspections/${i.id}/evidence`, {
    method: 'document_review', gathered_on: day(0), summary: 'A victim named', classification: 'official_sensitive',
  });
  assert.equal(secret.status, 201, secret.text);
  const team = (await people.cps_lead.get(`/api/v1/inspections/${i.id}/retention`)).json;
  assert.ok(team.items.some((x) => x.id === secret.json.id));
  assert.equal(team.withheld, 0);
  const rep = await people.police_rep.get(`/api/v1/inspections/${i.id}/retention`);
  assert.equal(rep.status, 200, rep.text);
  assert.ok(!rep.json.items.some((x) => x.id === secret.json.id));
  assert.ok(!rep.json.due.some((x) => x.id === secret.json.id));
  assert.equal(rep.json.withheld, 1);
  const { client } = await signIn(ctx.server.base, 'police_rep@retention.test', people.police_rep.password);
  const page = await client.undocumented('the retention page').get(`/inspections/${i.id}/retention`);
  assert.equal(page.status, 200, page.text.slice(0, 300));
  assert.match(page.text, /1 item is OFFICIAL-SENSITIVE: only the inspection(&#39;|')s team sees them\./);
});

test('retention_due_asks_someone_who_speaks_for_no_inspectorate_to_choose_one', async () => {
  const { cj } = ctx.who;
  const { client } = await signIn(ctx.server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  const admin = client.undocumented('the retention due page');
  const page = await admin.get('/retention-due');
  assert.equal(page.status, 200, page.text);
  assert.match(page.text, /Choose an inspectorate to see what its retention schedules make due/);
  assert.match(page.text, new RegExp(`<option value="${cj.HMCPSI}">HMCPSI</option>`));
  const chosen = await admin.get(`/retention-due?inspectorate=${cj.HMCPSI}`);
  assert.equal(chosen.status, 200, chosen.text);
  assert.match(chosen.text, /Retention due for HMCPSI/);
});

test('R22_hmi_prisons_reviews_and_may_extend_only_when_due', async () => {
  const { people } = ctx.who;
  const { item } = await withEvidence('review');
  // HMCPSI's schedule destroys it: it is not reviewed.
  const r = await people.cps_lead.post(`/api/v1/evidence/${item.id}/retention-review`, { reason: 'Follow-up', review_on: day(400) });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.rule, 'R22');
  const empty = await people.cps_lead.post(`/api/v1/evidence/${item.id}/retention-review`, {});
  assert.equal(empty.status, 400, empty.text);
  assert.deepEqual(fieldsOf(empty).sort(), ['reason', 'review_on']);
});

// A multipart body of one file, as a browser sends it.
function multipart(name, filename, bytes) {
  const boundary = 'jointly-retention-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const body = Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(tail)]);
  return [new Uint8Array(body), { 'Content-Type': `multipart/form-data; boundary=${boundary}` }];
}

test('R22_a_destroyed_item_is_not_changed_reviewed_attached_to_or_rested_on', async () => {
  const { people } = ctx.who;
  const { i, item } = await withEvidence('refusals');
  await steps.throughFindings(i.id);
  // A query raised before destruction, still unanswered.
  const before = (await people.police_lead.get(`/api/v1/inspections/${i.id}`)).json.evidence.find((e) => e.id === item.id);
  const query = await people.police_lead.post(`/api/v1/evidence/${item.id}/reviews`, { version: before.version, state: 'query_raised', comment: 'Which files?' });
  assert.equal(query.status, 201, query.text);
  const cert = await people.cps_lead.post(`/api/v1/evidence/${item.id}/destroy`, {});
  assert.equal(cert.status, 200, cert.text);
  const seq = cert.json.certificate_seq;
  const now = (await people.cps_lead.get(`/api/v1/inspections/${i.id}`)).json.evidence.find((e) => e.id === item.id);
  const refusals = {
    edit: await people.cps_lead.patch(`/api/v1/evidence/${item.id}`, { summary: 'Written again', version: now.version }),
    review: await people.police_lead.post(`/api/v1/evidence/${item.id}/reviews`, { version: now.version, state: 'agreed' }),
    answer: await people.cps_lead.post(`/api/v1/evidence-reviews/${query.json.id}/answer`, { answer: 'All of them' }),
    attach: await people.cps_lead.post(`/api/v1/evidence/${item.id}/attachments`, ...multipart('file', 'notes.txt', 'More notes')),
    finding: await ctx.who.people.police_lead.post(`/api/v1/inspections/${i.id}/findings`, { statement: 'Files were late', evidence_ids: [item.id] }),
  };
  for (const [what, r] of Object.entries(refusals)) {
    assert.equal(r.status, 409, `${what}: ${r.text}`);
    assert.equal(r.json.rule, 'R22', `${what}: ${r.text}`);
    assert.match(r.json.detail, new RegExp(`Evidence item ${item.id} cannot be changed`), what);
    assert.match(r.json.detail, /under HMCPSI's schedule; its destruction certificate is in the audit trail/, what);
    assert.doesNotMatch(r.json.detail, new RegExp(`certificate ${seq}\\b`), what);
  }
  assert.deepEqual(fieldsOf(refusals.finding), ['evidence_ids']);
  // Nothing was changed by any of them.
  const after = (await people.cps_lead.get(`/api/v1/inspections/${i.id}`)).json;
  assert.equal(after.evidence.find((e) => e.id === item.id).version, now.version);
  assert.equal((after.findings ?? []).length, 0);
});

// "3 December 2026", as the pages write a day.
const inWords = (iso) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

test('R22_a_finding_on_a_destroyed_item_says_so_and_no_longer_counts_it_as_held', async () => {
  const { people } = ctx.who;
  const marker = `FINDINGMARKER${randomBytes(6).toString('hex')}`;
  const { i, item } = await withEvidence(marker);
  // HMICFRS's interview, which its schedule keeps.
  const police = await people.police_lead.post(`/api/v1/inspections/${i.id}/evidence`, {
    method: 'interviews', gathered_on: day(0), summary: 'Officers did not record hostility',
  });
  assert.equal(police.status, 201, police.text);
  for (const rep of [people.police_rep, people.cps_rep]) {
    const r = await rep.post(`/api/v1/evidence/${police.json.id}/reviews`, { version: police.json.version, state: 'agreed' });
    assert.equal(r.status, 201, r.text);
  }
  await steps.throughFindings(i.id);
  const lead = people.police_lead;
  const made = await lead.post(`/api/v1/inspections/${i.id}/findings`, { statement: 'Hostility goes unrecorded', evidence_ids: [item.id, police.json.id] });
  assert.equal(made.status, 201, made.text);
  const findingOf = async () => {
    const list = await lead.get(`/api/v1/inspections/${i.id}/findings`);
    assert.equal(list.status, 200, list.text);
    return { text: list.text, finding: list.json.items.find((f) => f.id === made.json.id) };
  };
  const before = (await findingOf()).finding;
  assert.deepEqual(before.held, { items: 2, methods: 2, inspectorates: 2, single_source: false });
  assert.deepEqual(before.destroyed_evidence, []);
  const approvalsBefore = (await lead.get(`/api/v1/inspections/${i.id}/approvals`)).json.version;

  const cert = await people.cps_lead.post(`/api/v1/evidence/${item.id}/destroy`, {});
  assert.equal(cert.status, 200, cert.text);
  const seq = cert.json.certificate_seq;
  const on = cert.json.destroyed_on;

  // The API: the finding as recorded is unchanged history; what is held
  // no longer counts the item; the item is listed as destroyed, by its
  // certificate, with nothing of its content.
  const { text, finding } = await findingOf();
  assert.deepEqual(finding.evidence_ids.sort(), [item.id, police.json.id].sort());
  assert.equal(finding.methods, 2);
  assert.equal(finding.inspectorates, 2);
  assert.equal(finding.single_source, false);
  assert.deepEqual(finding.held, { items: 1, methods: 1, inspectorates: 1, single_source: true });
  assert.equal(finding.destroyed_evidence.length, 1);
  const gone = finding.destroyed_evidence[0];
  assert.equal(gone.evidence_id, item.id);
  assert.equal(gone.destroyed_on, on);
  assert.equal(gone.schedule_of, 'HMCPSI');
  assert.equal(gone.certificate_seq, seq);
  assert.equal(gone.words, `Destroyed on ${inWords(on)} under HMCPSI's schedule; its destruction certificate is in the audit trail`);
  assert.ok(!text.includes(marker), 'the findings list holds none of the destroyed content');
  // The report's content, which approvals and publication are bound to, is unchanged.
  assert.equal((await lead.get(`/api/v1/inspections/${i.id}/approvals`)).json.version, approvalsBefore);

  // The pages: the finding flags the destroyed item and says when and under
  // whose schedule, links to nothing of it, and shows none of its content.
  const { client } = await signIn(ctx.server.base, 'police_lead@retention.test', lead.password);
  const pages = client.undocumented('the findings pages');
  for (const path of [`/inspections/${i.id}/recommendations`, `/inspections/${i.id}/recommendations/findings/${made.json.id}`]) {
    const page = await pages.get(path);
    assert.equal(page.status, 200, page.text.slice(0, 300));
    const words = page.text.replaceAll('&#39;', "'");
    assert.ok(words.includes(`Destroyed on ${inWords(on)} under HMCPSI's schedule; its destruction certificate is in the audit trail`), `${path} says the item was destroyed`);
    assert.ok(!page.text.includes(marker), `${path} shows none of the destroyed content`);
    assert.ok(!page.text.includes(`/evidence/${item.id}`), `${path} links to nothing of the destroyed item`);
  }
  const page = (await pages.get(`/inspections/${i.id}/recommendations`)).text;
  assert.match(page, /govuk-tag--grey">1 item destroyed</);
  assert.match(page, /Now rests on a single source/);
  assert.match(page, /2 methods, 2 inspectorates, 2 evidence items when recorded; 1 since destroyed, leaving 1 method, 1 inspectorate, 1 evidence item held/);
});
