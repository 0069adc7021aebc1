// A change sent with a stale version, for every record a client changes by
// its version: refused with 409, the record as it is now, and who changed
// which fields since; nothing is changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, userClient, isoDay as day } from '../support/server.mjs';

const cj = {};
let other;

const ctx = useServer(async (ctx) => {
  const all = await ctx.admin.get('/api/v1/inspectorates?limit=100');
  for (const i of all.json.items) {
    if (i.kind === 'criminal_justice' && i.closed_year === null) cj[i.code] = i.id;
  }
  other = await userClient(ctx.server, ctx.admin, 'other.admin@example.gov.uk', ['administrator']);
});

// Each record: how to make one (its path, and its version where it has no
// GET of its own), a change someone else
// makes first, and the change sent afterwards with the version first read.
function records(a) {
  return [
    ['body', async () => `/api/v1/bodies/${(await a.post('/api/v1/bodies', { code: 'CONFLICT-1', name: 'Conflict body', type: 'prison', nation: 'england' })).json.id}`,
      { region: 'North' }, { name: 'Renamed body' }],
    ['inspectorate', async () => `/api/v1/inspectorates/${cj.HMCPSI}`,
      { senior_oversight_title: 'Director of Inspection' }, { short_name: 'HMCPSI' }],
    ['proposal', async () => `/api/v1/proposals/${(await a.post('/api/v1/proposals', {
      title: 'Conflicting proposal', type: 'joint_thematic', duration_quarters: 2,
      participants: [{ inspectorate_id: cj.HMICFRS, involvement: 'lead', effort_days: 40 },
        { inspectorate_id: cj.HMCPSI, involvement: 'support', effort_days: 20 }],
    })).json.id}`, { summary: 'Changed first' }, { title: 'Changed second' }],
    ['plan', async () => `/api/v1/plans/${(await a.post('/api/v1/plans', { first_year: 2031 })).json.id}`,
      { introduction: 'Changed first' }, { context: 'Changed second' }],
    ['user', async () => `/api/v1/users/${(await a.post('/api/v1/users', { email: 'conflict.user@example.gov.uk', name: 'Conflict user', roles: ['read_only'] })).json.user.id}`,
      { name: 'Renamed first' }, { roles: ['inspector'] }],
    ['contact', async () => `/api/v1/contacts/${(await a.post('/api/v1/contacts', { name: 'Policy Lead', organisation: 'A Charity', email: 'conflict@example.org', type: 'academic' })).json.id}`,
      { organisation: 'Another Charity' }, { name: 'Head of Policy' }],
    ['action', async () => {
      const m = await a.post('/api/v1/meetings', { body: 'cjcig', held_on: day(0), title: 'CJCIG', agenda: [{ title: 'Programme' }] });
      const action = await a.post(`/api/v1/meetings/${m.json.id}/actions`, { text: 'Write the paper', owner: 'HMI Probation', due_on: day(7) });
      return [`/api/v1/actions/${action.json.id}`, action.json.version];
    }, { owner: 'HMCPSI' }, { text: 'Write the paper again' }],
  ];
}

test('Foundation_stale_version_refused_for_every_versioned_record', async () => {
  for (const [what, make, first, second] of records(ctx.admin)) {
    let [path, seen] = [await make()].flat();
    seen ??= (await ctx.admin.get(path)).json.version;
    assert.ok(seen >= 1, `${what}: a version to send`);
    const changed = await other.patch(path, { version: seen, ...first });
    assert.equal(changed.status, 200, `${what}: ${changed.text}`);
    const stale = await ctx.admin.patch(path, { version: seen, ...second });
    assert.equal(stale.status, 409, `${what}: ${stale.text}`);
    assert.equal(stale.json.rule, 'stale-version', what);
    assert.equal(stale.json.current?.version, changed.json.version, `${what}: the record as it is now`);
    const since = stale.json.changes_since_your_version ?? [];
    assert.equal(since.length, 1, `${what}: one change since: ${stale.text}`);
    assert.equal(since[0].by, 'other.admin@example.gov.uk', what);
    for (const field of Object.keys(first)) {
      assert.ok(since[0].fields.includes(field), `${what}: ${field} named among ${since[0].fields}`);
    }
    // Nothing changed: the next change with the current version is version + 1.
    const next = await ctx.admin.patch(path, { version: changed.json.version, ...second });
    assert.equal(next.json.version, changed.json.version + 1, `${what}: ${next.text}`);
  }
});
