// What the API refuses, and that its OpenAPI document says so: impossible
// dates, list items of the wrong type (named by their place), yes-or-no
// values that are not exactly yes or no, query parameters an operation does
// not take, bad query values, ids that do not exist, references to records
// that do not exist, and values outside the limits the document states.
// Every exchange is also checked against the served document
// (tests/support/openapi_check.mjs), so a refusal the document does not
// state, or an acceptance it forbids, fails this file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, userClient, signIn, isoDay as day, ADMIN_PASSWORD } from '../support/server.mjs';

const cj = {};
const made = {};
let doc;

function fieldsOf(res) {
  return (res.json?.errors ?? []).map((e) => e.field);
}

// Asserts a 400 naming exactly `fields` (in any order).
function refused(res, fields, what) {
  assert.equal(res.status, 400, `${what}: ${res.status} ${res.text}`);
  assert.deepEqual(fieldsOf(res).sort(), [...fields].sort(), what);
}

function round(overrides = {}) {
  return {
    title: 'Refusals round', first_year: 2030, years: 2, opens_on: day(-10), deadline: day(20),
    sections: [{ title: 'Core', questions: ['Right areas?', 'What should change?'] }],
    ...overrides,
  };
}

function proposal(overrides = {}) {
  return {
    title: 'Remand decisions', type: 'joint_thematic', duration_quarters: 2,
    participants: [{ inspectorate_id: cj.HMICFRS, involvement: 'lead', effort_days: 40 },
      { inspectorate_id: cj.HMCPSI, involvement: 'support', effort_days: 20 }],
    ...overrides,
  };
}

const ctx = useServer(async (ctx) => {
  const a = ctx.admin;
  doc = (await a.get('/api/v1/openapi.json')).json;
  const all = await a.get('/api/v1/inspectorates?limit=100');
  for (const i of all.json.items) {
    if (i.kind === 'criminal_justice' && i.closed_year === null) cj[i.code] = i.id;
  }
  made.proposal = (await a.post('/api/v1/proposals', proposal())).json.id;
  const plan = (await a.post('/api/v1/plans', { first_year: 2030 })).json;
  made.plan = plan.id;
  made.criteriaSet = plan.criteria_set_id;
  const r = (await a.post('/api/v1/consultations', round())).json;
  made.round = r.id;
  made.consultee = r.consultees[0].id;
  made.response = (await a.post(`/api/v1/consultations/${r.id}/responses`,
    { name: 'A charity', channel: 'email', received_on: day(0), answers: { 1: 'Yes' } })).json.id;
  made.meeting = (await a.post('/api/v1/meetings',
    { body: 'cjcig', held_on: day(0), title: 'CJCIG', agenda: [{ title: 'Programme' }] })).json.id;
  made.action = (await a.post(`/api/v1/meetings/${made.meeting}/actions`,
    { text: 'Write the paper', owner: 'HMI Probation', due_on: day(7) })).json;
  made.group = (await a.post('/api/v1/reference-groups', { proposal_id: made.proposal, name: 'Remand group' })).json.id;
  made.contact = (await a.post('/api/v1/contacts',
    { name: 'Policy Lead', organisation: 'A Think Tank', email: 'policy@refusals.example.org', type: 'academic' })).json.id;
  const rotation = await a.put('/api/v1/governance/rotation',
    { order: [cj.HMIPRISONS, cj.HMICFRS, cj.HMIPROBATION, cj.HMCPSI], first_year: 2020, reason: 'Agreed at CJCIG' });
  assert.equal(rotation.status, 200, rotation.text);
});

test('an impossible date is refused in every date field, naming the field', async () => {
  const a = ctx.admin;
  const cases = [
    ['opens_on', () => a.post('/api/v1/consultations', round({ opens_on: '2026-02-30' }))],
    ['deadline', () => a.post('/api/v1/consultations', round({ deadline: '2027-02-29' }))],
    ['sent_on', () => a.post(`/api/v1/consultations/${made.round}/dispatches`,
      { consultee_ids: [made.consultee], sent_on: '2026-04-31', method: 'email', what: 'The draft' })],
    ['received_on', () => a.post(`/api/v1/consultations/${made.round}/responses`,
      { name: 'By post', channel: 'post', received_on: '2026-02-30', answers: { 1: 'Yes' } })],
    ['received_on', () => a.post(`/api/v1/plans/${made.plan}/minister-comments`,
      { minister: 'Minister of State', received_on: '2026-02-30', comment: 'Add rural crime' })],
    ['held_on', () => a.post('/api/v1/meetings', { body: 'cjcig', held_on: '2026-02-30', title: 'M', agenda: [{ title: 'T' }] })],
    ['due_on', () => a.post(`/api/v1/meetings/${made.meeting}/actions`, { text: 'T', owner: 'O', due_on: '2026-02-30' })],
    ['due_on', () => a.patch(`/api/v1/actions/${made.action.id}`, { version: made.action.version, due_on: '2026-13-01' })],
    ['met_on', () => a.post(`/api/v1/reference-groups/${made.group}/advice`, { met_on: '2026-02-30', advice: 'A' })],
  ];
  for (const [field, send] of cases) {
    const res = await send();
    refused(res, [field], field);
    assert.equal(res.json.errors[0].rule, 'date', field);
  }
  const leap = await a.post(`/api/v1/meetings/${made.meeting}/actions`, { text: 'Leap day', owner: 'O', due_on: '2028-02-29' });
  assert.equal(leap.status, 201, leap.text);
});

test('a list item of the wrong type is refused, naming the field and the item\'s index', async () => {
  const a = ctx.admin;
  const id = made.proposal;
  const cases = [
    ['proposals[1]', () => a.put(`/api/v1/consultation-responses/${made.response}/tags`, { proposals: [id, String(id)] })],
    ['topics[1]', () => a.put(`/api/v1/consultation-responses/${made.response}/tags`, { proposals: [], topics: ['fraud', 7] })],
    ['proposals[0]', () => a.post(`/api/v1/consultations/${made.round}/responses`,
      { name: 'N', channel: 'email', received_on: day(0), answers: { 1: 'A' }, proposals: ['1'] })],
    ['consultee_ids[1]', () => a.post(`/api/v1/consultations/${made.round}/dispatches`,
      { consultee_ids: [made.consultee, 1.5], sent_on: day(0), method: 'email', what: 'W' })],
    ['clashes_with[0]', () => a.post('/api/v1/proposals', proposal({ clashes_with: [0] }))],
    ['focus[1]', () => a.post('/api/v1/proposals', proposal({ focus: ['community_safety', true] }))],
    ['participants[1]', () => a.post('/api/v1/proposals', proposal({ participants: [{ inspectorate_id: cj.HMICFRS, involvement: 'lead' }, 'HMCPSI'] }))],
    ['participants[0].inspectorate_id', () => a.post('/api/v1/proposals', proposal({ participants: [{ inspectorate_id: String(cj.HMICFRS), involvement: 'lead' }] }))],
    ['participants[0].involvement', () => a.post('/api/v1/proposals', proposal({ participants: [{ inspectorate_id: cj.HMICFRS, involvement: 7 }] }))],
    ['participants[0].colour', () => a.post('/api/v1/proposals', proposal({ participants: [{ inspectorate_id: cj.HMICFRS, involvement: 'lead', colour: 'red' }] }))],
    ['roles[1]', () => a.post('/api/v1/users', { email: 'roles@example.gov.uk', name: 'R', roles: ['read_only', 7] })],
    ['order[1]', () => a.put('/api/v1/governance/rotation', { order: [cj.HMIPRISONS, String(cj.HMICFRS)], first_year: 2020, reason: 'R' })],
    ['criteria[0].description', () => a.post('/api/v1/criteria-sets', { code: 'wrong-item', name: 'W', criteria: [{ name: 'A', description: 7, weight: 1 }] })],
    ['criteria[1]', () => a.post('/api/v1/criteria-sets', { code: 'wrong-item', name: 'W', criteria: [{ name: 'A', weight: 1 }, 'B'] })],
    ['capacity[0].days_per_quarter', () => a.patch(`/api/v1/plans/${made.plan}`, { version: 1, capacity: [{ inspectorate_id: cj.HMCPSI, days_per_quarter: '10' }] })],
    ['capacity[1].inspectorate_id', () => a.patch(`/api/v1/plans/${made.plan}`, { version: 1,
      capacity: [{ inspectorate_id: cj.HMCPSI, days_per_quarter: 10 }, { inspectorate_id: cj.HMCPSI, days_per_quarter: 20 }] })],
    ['sections[0].questions[1]', () => a.post('/api/v1/consultations', round({ sections: [{ title: 'T', questions: ['Q', 7] }] }))],
    ['sections[0].colour', () => a.post('/api/v1/consultations', round({ sections: [{ title: 'T', questions: ['Q'], colour: 'red' }] }))],
    ['agenda[0].paper', () => a.post('/api/v1/meetings', { body: 'cjcig', held_on: day(0), title: 'M', agenda: [{ title: 'T', paper: 7 }] })],
    ['members[0].colour', () => a.post('/api/v1/reference-groups', { proposal_id: id, name: 'G', members: [{ name: 'A', organisation: 'B', colour: 'red' }] })],
  ];
  for (const [field, send] of cases) refused(await send(), [field], field);
  const tags = (await a.get(`/api/v1/consultations/${made.round}/responses`)).json.items.find((r) => r.id === made.response);
  assert.deepEqual(tags.proposals, [], 'nothing half-saved');
});

test('a yes-or-no query value is exactly yes or no, and an empty filter is refused', async () => {
  for (const query of ['in_london=true', 'in_london=1', 'active=Y', 'in_london=', 'type=', 'nation=']) {
    const res = await ctx.admin.get(`/api/v1/bodies?${query}`);
    refused(res, [query.split('=')[0]], query);
  }
  for (const query of ['type=', 'lead=', 'status=', 'min_score=']) {
    refused(await ctx.admin.get(`/api/v1/proposals?${query}`), [query.split('=')[0]], query);
  }
  refused(await ctx.admin.get('/api/v1/decisions?awaiting='), ['awaiting'], 'awaiting=');
  assert.equal((await ctx.admin.get('/api/v1/bodies?in_london=yes&active=no')).status, 200);
  assert.equal((await ctx.admin.get('/api/v1/bodies?search=')).status, 200, 'an empty search matches everything');
});

// Every GET the document describes, with `id` for each path parameter;
// but the owners' portal, which answers only the people of owner bodies
// (tests/api/owners.test.mjs refuses the same there as one of them).
function documentedGets(id) {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (path.startsWith('/your-recommendations')) continue;
    if (item.get) out.push({ path: path.replace(/\{[a-z_]+\}/g, String(id)), op: item.get });
  }
  return out;
}

test('every list and get refuses an unknown query parameter the same way', async () => {
  const gets = documentedGets(1);
  assert.ok(gets.length > 40, 'the document lists the API\'s reads');
  let first;
  for (const { path } of gets) {
    const res = await ctx.admin.get(`/api/v1${path}?colour=red`);
    assert.equal(res.status, 400, path);
    assert.deepEqual(res.json.errors, [{ field: 'colour', rule: 'unknown-parameter',
      message: '"colour" is not a parameter of this operation' }], path);
    first ??= res.json;
    assert.equal(res.json.detail, first.detail, path);
    assert.equal(res.json.rule, first.rule, path);
  }
});

// However many rows the database holds, a paged list's answer carries at
// most its page: each documented GET that takes a limit is read with
// limit=1. A GET that answers a list (not one record) without taking a
// limit is a list that is not paged.
function takesLimit(op) {
  const params = (op.parameters ?? []).map((p) => (p.$ref ? doc.components.parameters[p.$ref.split('/').pop()] : p));
  return params.some((p) => p.in === 'query' && p.name === 'limit');
}

test('no list returns more than its page size', async () => {
  let paged = 0;
  const unpaged = [];
  for (const { path, op } of documentedGets(made.proposal)) {
    const limit = takesLimit(op);
    const res = await ctx.admin.get(`/api/v1${path}${limit ? '?limit=1' : ''}`);
    if (res.status !== 200 || !res.json) continue;
    const items = Array.isArray(res.json) ? res.json : res.json.items;
    if (!limit) {
      const record = new RegExp(`/${made.proposal}$`).test(path);
      if (Array.isArray(items) && !record) unpaged.push(path.replaceAll(`/${made.proposal}`, '/ID'));
      continue;
    }
    assert.ok(Array.isArray(items), `${path}: a page has items`);
    assert.ok(items.length <= 1, `${path}?limit=1 answered ${items.length} items`);
    assert.equal(res.json.limit, 1, `${path}: the page says its size`);
    ++paged;
  }
  assert.ok(paged >= 20, `${paged} lists read a page at a time`);
  assert.deepEqual(unpaged, [], 'lists that take no limit');
});

// Read three at a time, every paged list that holds a few items gives each
// of them once, in the order of the whole list, with the same total.
test('a paged list read page by page gives every item once, in order', async () => {
  for (const n of [1, 2, 3, 4]) {
    const res = await ctx.admin.post('/api/v1/contacts', { name: `Walker ${n}`, organisation: 'Paging office',
      email: `walker${n}@example.gov.uk`, type: 'government' });
    assert.equal(res.status, 201, res.text);
  }
  // A body's history, read from the log a page at a time.
  let body = (await ctx.admin.get('/api/v1/bodies?limit=1')).json.items[0];
  for (const name of ['Paged once', 'Paged twice', 'Paged thrice']) {
    body = (await ctx.admin.patch(`/api/v1/bodies/${body.id}`, { version: body.version, name })).json;
  }
  const gets = [...documentedGets(made.proposal), { path: `/bodies/${body.id}/history`, op: doc.paths['/bodies/{id}/history'].get }];
  const walked = [];
  for (const { path, op } of gets) {
    if (!takesLimit(op)) continue;
    const whole = await ctx.admin.get(`/api/v1${path}?limit=100`);
    if (whole.status !== 200 || !whole.json?.items) continue;
    const { items, total } = whole.json;
    if (total < 2 || total > 100) continue;
    const pages = [];
    for (let offset = 0; offset < total; offset += 3) {
      const page = await ctx.admin.get(`/api/v1${path}?limit=3&offset=${offset}`);
      assert.equal(page.json.total, total, `${path}: the same total on every page`);
      assert.ok(page.json.items.length <= 3, path);
      pages.push(...page.json.items);
    }
    assert.deepEqual(pages, items, `${path}: the pages make up the whole list`);
    walked.push(path);
  }
  assert.ok(walked.length >= 5 && walked.includes('/contacts') && walked.includes(`/bodies/${body.id}/history`),
    `lists walked: ${walked.join(', ')}`);
});

// A value the parameter's schema refuses, for each kind of parameter.
function badValues(schema) {
  const out = [];
  if (schema.enum) out.push('not-a-choice', '');
  if (schema.type === 'integer') out.push('abc', '1.5', '');
  if (schema.type === 'number') out.push('abc', '');
  if (schema.minimum !== undefined) out.push(String(schema.minimum - 1));
  if (schema.maximum !== undefined) out.push(String(schema.maximum + 1));
  if (schema.maxLength !== undefined) out.push('x'.repeat(schema.maxLength + 1));
  return out;
}

test('bad paging and filter values are refused naming the parameter', async () => {
  let checked = 0;
  for (const { path, op } of documentedGets(made.proposal)) {
    for (const param of op.parameters ?? []) {
      const p = param.$ref ? doc.components.parameters[param.$ref.split('/').pop()] : param;
      if (p.in !== 'query') continue;
      for (const value of badValues(p.schema)) {
        const res = await ctx.admin.get(`/api/v1${path}?${p.name}=${encodeURIComponent(value)}`);
        refused(res, [p.name], `${path}?${p.name}=${value.slice(0, 20)}`);
        ++checked;
      }
    }
  }
  assert.ok(checked > 40, `${checked} bad values sent`);
  refused(await ctx.admin.get('/api/v1/bodies?limit=abc&offset=-1'), ['limit', 'offset'], 'both named at once');
});

test('an id that does not exist is answered 404 on every operation that names one', async () => {
  const missing = 987654321;
  const gets = documentedGets(missing).filter(({ path }) => path.includes(String(missing)));
  assert.ok(gets.length > 25);
  for (const { path } of gets) {
    assert.equal((await ctx.admin.get(`/api/v1${path}`)).status, 404, path);
  }
  const a = ctx.admin;
  const writes = [
    () => a.patch(`/api/v1/bodies/${missing}`, { version: 1, name: 'X' }),
    () => a.patch(`/api/v1/contacts/${missing}`, { version: 1, name: 'X' }),
    () => a.delete(`/api/v1/contacts/${missing}?version=1`),
    () => a.post(`/api/v1/consultations/${missing}/open`),
    () => a.post(`/api/v1/meetings/${missing}/actions`, { text: 'T', owner: 'O', due_on: day(1) }),
    () => a.put(`/api/v1/plans/${made.plan}/minister-comments/${missing}/response`, { response: 'Noted', version: 1 }),
  ];
  for (const send of writes) {
    const res = await send();
    assert.equal(res.status, 404, res.text);
  }
});

test('a body or query naming a record that does not exist is refused naming the field', async () => {
  const a = ctx.admin;
  const missing = 987654321;
  refused(await a.patch(`/api/v1/plans/${made.plan}`, { version: 1, capacity: [{ inspectorate_id: missing, days_per_quarter: 10 }] }),
    [`capacity.${missing}`], 'capacity');
  refused(await a.patch(`/api/v1/plans/${made.plan}`, { version: 1, criteria_set_id: missing }), ['criteria_set_id'], 'criteria set');
  refused(await a.post('/api/v1/consultations', round({ owner_inspectorate_id: missing })), ['owner_inspectorate_id'], 'owner');
  refused(await a.post(`/api/v1/consultations/${made.round}/consultees`, { contact_id: missing }), ['contact_id'], 'contact');
  refused(await a.patch(`/api/v1/consultees/${made.consultee}`, { contact_id: missing }), ['contact_id'], 'contact');
  refused(await a.post('/api/v1/proposals', proposal({ clashes_with: [made.proposal, missing] })), ['clashes_with[1]'], 'clash');
  refused(await a.get(`/api/v1/proposals?criteria_set_id=${missing}`), ['criteria_set_id'], 'criteria set filter');
});

// Valid bodies for operations with hand-written schemas: each field is then
// sent blank, too long, out of range or of the wrong type, and the
// document checker fails the file if the server and the document disagree.
function sweeps(rep) {
  const a = ctx.admin;
  let n = 0;
  const uniq = () => `${++n}`;
  return [
    [a, 'POST', '/api/v1/bodies', () => ({ code: `SWEEP-${uniq()}`, name: 'Body', type: 'prison', nation: 'england', region: 'North', in_london: false, active: true })],
    [a, 'PATCH', `/api/v1/inspectorates/${cj.HMCPSI}`, async () => ({ version: (await a.get(`/api/v1/inspectorates/${cj.HMCPSI}`)).json.version, short_name: 'HMCPSI' })],
    [a, 'POST', '/api/v1/users', () => ({ email: `sweep${uniq()}@example.gov.uk`, name: 'U', roles: ['read_only'], inspectorate_id: cj.HMCPSI })],
    [a, 'POST', '/api/v1/tokens', () => ({ name: 'sweep' })],
    [a, 'POST', '/api/v1/proposals', () => proposal({ summary: 'S', focus: ['community_safety'], clashes_with: [], earliest_start: '2030-31 Q1', origin: 'consultation', contributes_to_improvement: true })],
    [rep, 'PUT', `/api/v1/proposals/${made.proposal}/scores`, () => ({ criteria_set_id: made.criteriaSet, scores: { ...made.scores } })],
    [a, 'POST', '/api/v1/criteria-sets', () => ({ code: `sweep-${uniq()}`, name: 'N', description: 'D', criteria: [{ name: 'A', description: 'd', weight: 0.5 }, { name: 'B', weight: 0.5 }] })],
    [a, 'PATCH', `/api/v1/plans/${made.plan}`, async () => ({ version: (await a.get(`/api/v1/plans/${made.plan}`)).json.version, introduction: 'I', min_process_coverage: 0, capacity: [{ inspectorate_id: cj.HMCPSI, days_per_quarter: 10 }] })],
    [a, 'POST', '/api/v1/consultations', () => round({ owner_inspectorate_id: cj.HMIPROBATION })],
    [a, 'POST', `/api/v1/consultations/${made.round}/responses`, () => ({ name: `N${uniq()}`, organisation: 'O', channel: 'email', received_on: day(0), answers: { 1: `A${n}` }, proposals: [made.proposal] })],
    [a, 'PUT', `/api/v1/consultation-responses/${made.response}/tags`, () => ({ proposals: [], topics: ['t'], our_response: 'O' })],
    [a, 'PUT', '/api/v1/governance/rotation', () => ({ order: [cj.HMIPRISONS, cj.HMICFRS, cj.HMIPROBATION, cj.HMCPSI], first_year: 2020, reason: 'R' })],
    [a, 'POST', '/api/v1/meetings', () => ({ body: 'cjcig', held_on: day(0), title: 'M', agenda: [{ title: 'T', paper: 'P' }] })],
    [a, 'POST', `/api/v1/meetings/${made.meeting}/decisions`, () => ({ text: 'T', proposal_id: made.proposal })],
    [a, 'POST', '/api/v1/reference-groups', () => ({ proposal_id: made.proposal, name: 'G', members: [{ name: 'A', organisation: 'B' }] })],
    [a, 'POST', `/api/v1/reference-groups/${made.group}/members`, () => ({ name: 'A', organisation: 'B' })],
    [a, 'POST', '/api/v1/governance/members', () => ({ body: 'cjcig', inspectorate_id: cj.HMCPSI, name: 'Mem', email: 'm@example.org' })],
  ];
}

function mutations(value) {
  if (typeof value === 'string') return ['', '   ', 'x'.repeat(20001), 7];
  if (typeof value === 'number') return [-1, 0, 3000000000000, 1.5, '1'];
  if (typeof value === 'boolean') return ['true', 1];
  if (Array.isArray(value)) {
    const out = ['x', [null], Array(1001).fill(1)];
    if (value.length && typeof value[0] === 'object') {
      for (const [k, v] of Object.entries(value[0])) {
        for (const m of mutations(v)) out.push([{ ...value[0], [k]: m }, ...value.slice(1)]);
      }
    }
    return out;
  }
  if (value && typeof value === 'object') return [[], {}, { 0: 'a' }, { 1: '' }, { 1: -1 }, { 1: 'x'.repeat(5001) }];
  return [];
}

test('blank, too long and out-of-range values are refused as the document says', async () => {
  const rep = await userClient(ctx.server, ctx.admin, 'sweep.rep@example.gov.uk', ['dg_representative'], { inspectorate_id: cj.HMICFRS });
  const set = (await ctx.admin.get(`/api/v1/criteria-sets/${made.criteriaSet}`)).json;
  made.scores = Object.fromEntries(set.criteria.map((c) => [c.id, 3]));
  for (const [client, method, path, base] of sweeps(rep)) {
    const good = await client.request(method, path, await base());
    assert.ok(good.status < 300, `${method} ${path}: ${good.text}`);
    for (const [field, value] of Object.entries(await base())) {
      for (const m of mutations(value)) {
        const res = await client.request(method, path, { ...(await base()), [field]: m });
        assert.ok(res.status < 500, `${method} ${path} ${field}: ${res.status} ${res.text}`);
      }
    }
  }
});

test('a form\'s checkbox is ticked only with yes, and a form\'s date must be a real date', async () => {
  const { client } = await signIn(ctx.server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  const form = (path, fields) => client.request('POST', path, new URLSearchParams(fields).toString(),
    { 'Content-Type': 'application/x-www-form-urlencoded' });
  const body = { code: 'FORM-1', name: 'Form body', type: 'prison', nation: 'england', region: '' };
  const lenient = await form('/bodies/new', { ...body, in_london: 'true' });
  assert.equal(lenient.status, 400);
  assert.match(lenient.text, /in_london is ticked with the value yes/);
  const ticked = await form('/bodies/new', { ...body, in_london: 'yes', active: 'yes' });
  assert.equal(ticked.status, 303, ticked.text);
  const saved = (await ctx.admin.get('/api/v1/bodies?search=FORM-1')).json.items[0];
  assert.equal(saved.in_london, true);
  const meeting = await form('/governance/meetings', { meeting_body: 'cjcig', title: 'M', held_on: '2027-02-29', agenda: 'Item' });
  assert.equal(meeting.status, 400);
  assert.match(meeting.text, /real date/);
});
