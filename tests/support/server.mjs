// Starts the real jointly server for API and browser tests: a fresh
// database (SQLite in a temporary folder, or a new PostgreSQL database on
// the throwaway server that with-postgres.sh started), a free port, and the
// first administrator signed in with a password of their own.
import { spawn, execFileSync } from 'node:child_process';
import { before, after } from 'node:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { checkExchange, mismatches } from './openapi_check.mjs';

export const ADMIN_PASSWORD = 'an administrator passphrase';

function binary() {
  const bin = process.env.JOINTLY_BIN;
  if (!bin) throw new Error('JOINTLY_BIN must name the jointly binary (ctest sets it)');
  return bin;
}

function newDatabaseUrl(dir) {
  const base = process.env.JOINTLY_TEST_POSTGRES_URL;
  if (process.env.JOINTLY_TEST_BACKEND !== 'postgres') return `sqlite:${join(dir, 'jointly.db')}`;
  if (!base) throw new Error('JOINTLY_TEST_POSTGRES_URL is not set; run under with-postgres.sh');
  const url = new URL(base);
  const name = 'api_' + randomBytes(8).toString('hex');
  execFileSync('createdb', ['-h', url.hostname, '-p', url.port, '-U', url.username || 'postgres', name]);
  url.pathname = '/' + name;
  return url.toString();
}

// Servers started by this test file and not yet stopped.
const running = new Set();

// With `db`, another server on that database (which has its first
// administrator already: firstPassword is then undefined).
export async function startServer({ extraArgs = [], threads = 16, db: shared } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'jointly-api-'));
  const db = shared ?? newDatabaseUrl(dir);
  const child = spawn(binary(), ['--db', db, 'serve', '--port', '0', '--threads', String(threads), ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const { base, password } = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}\n${err}`)), 20000);
    child.stdout.on('data', (d) => {
      out += d;
      const port = out.match(/serving on http:\/\/127\.0\.0\.1:(\d+)/);
      const pw = out.match(/^  password: (\S+)/m);
      if (port && (pw || (shared && /^Sign in with your account/m.test(out)))) {
        clearTimeout(timer);
        resolve({ base: `http://127.0.0.1:${port[1]}`, password: pw?.[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}\n${err}`)));
  });
  const server = {
    base,
    db,
    pid: child.pid,
    firstPassword: password,
    stderr: () => err,
    async stop() {
      if (!running.delete(server)) return;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  running.add(server);
  // A server that stops on its own says why, so a test failing with
  // "fetch failed" is explained.
  child.on('exit', (code, signal) => {
    if (running.has(server)) process.stderr.write(`server exited unexpectedly (${code ?? signal}):\n${err}\n`);
  });
  return server;
}

// Every API exchange a test file makes is checked against the document the
// server serves (tests/support/openapi_check.mjs); the file fails at the end
// listing each exchange that does not agree with it.
// Servers still running are stopped first: a failing hook skips the rest.
after(async () => {
  if (mismatches.length === 0) return;
  await Promise.all([...running].map((server) => server.stop()));
  const lines = [...new Set(mismatches)];
  throw new Error(`${lines.length} API answers disagree with the OpenAPI document:\n  ${lines.join('\n  ')}`);
});

// A signed-in API client. `token` uses a bearer token; otherwise the session
// cookie and its CSRF token are sent. Its exchanges are checked against the
// OpenAPI document unless made through undocumented().
export class Client {
  constructor(base, { token, cookie, csrf } = {}) {
    Object.assign(this, { base, token, cookie, csrf });
  }

  // The same client for requests sent on purpose where the document says
  // nothing (an unknown route): its exchanges are not checked. `why` says
  // which, for the reader.
  undocumented(why) {
    if (!why) throw new Error('say why the request is outside the document');
    return Object.assign(Object.create(Object.getPrototypeOf(this)), this, { unchecked: why });
  }

  async request(method, path, body, headers = {}) {
    const h = { ...headers };
    if (this.token) h.Authorization = `Bearer ${this.token}`;
    if (this.cookie) h.Cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['X-CSRF-Token'] = this.csrf;
    let payload = body;
    if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      payload = JSON.stringify(body);
      h['Content-Type'] ??= 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    if (!this.unchecked) {
      await checkExchange(this.base, {
        method,
        url: path,
        requestType: Object.entries(h).find(([k]) => k.toLowerCase() === 'content-type')?.[1],
        requestBody: payload instanceof Uint8Array ? new TextDecoder().decode(payload) : payload,
        status: res.status,
        responseType: res.headers.get('content-type'),
        text,
        json,
      });
    }
    return { status: res.status, headers: res.headers, text, json, bytes };
  }

  get(path) { return this.request('GET', path); }
  post(path, body, headers) { return this.request('POST', path, body, headers); }
  patch(path, body) { return this.request('PATCH', path, body); }
  put(path, body) { return this.request('PUT', path, body); }
  delete(path) { return this.request('DELETE', path); }
}

export async function signIn(base, email, password) {
  const res = await new Client(base).post('/api/v1/session', { email, password });
  if (res.status !== 201) return { res };
  const cookie = res.headers.get('set-cookie').split(';')[0];
  return { res, client: new Client(base, { cookie, csrf: res.json.csrf_token }) };
}

// Signs the first administrator in, replaces the one-time password, and
// returns a client with a bearer token.
export async function adminClient(server) {
  const { client } = await signIn(server.base, 'admin@jointly.invalid', server.firstPassword);
  const changed = await client.post('/api/v1/account/password', {
    current_password: server.firstPassword,
    new_password: ADMIN_PASSWORD,
  });
  if (changed.status !== 204) throw new Error(`password change failed: ${changed.text}`);
  const token = await client.post('/api/v1/tokens', { name: 'tests' });
  return new Client(server.base, { token: token.json.secret });
}

// Adds a user with `roles` (and `extra` fields such as inspectorate_id)
// through the API and returns a bearer client as them.
export async function userClient(server, admin, email, roles, extra = {}) {
  const created = await admin.post('/api/v1/users', { email, name: 'Test ' + email, roles, ...extra });
  if (created.status !== 201) throw new Error(`user add failed: ${created.text}`);
  const { client } = await signIn(server.base, email, created.json.one_time_password);
  const password = 'a user passphrase of ' + randomBytes(4).toString('hex');
  const changed = await client.post('/api/v1/account/password', {
    current_password: created.json.one_time_password,
    new_password: password,
  });
  if (changed.status !== 204) throw new Error(`password change failed: ${changed.text}`);
  const token = await client.post('/api/v1/tokens', { name: 'tests' });
  if (token.status !== 201) throw new Error(`token failed: ${token.text}`);
  const bearer = new Client(server.base, { token: token.json.secret });
  bearer.password = password;
  return bearer;
}

// A new folder under the system's temporary one for a test's files (a
// letter to read, a copy to check), removed with everything in it when the
// test file's process ends.
const scratch = [];
process.on('exit', () => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});
export function scratchDir(name) {
  const dir = mkdtempSync(join(tmpdir(), `jointly-${name}-`));
  scratch.push(dir);
  return dir;
}

// For a test file: starts a server and signs in its administrator before
// the tests, then runs `setup(ctx)` in the same hook (so it sees both), and
// stops the server after. Returns an object whose `server` and `admin` are
// set once the tests run.
export function useServer(setup) {
  const ctx = {};
  before(async () => {
    ctx.server = await startServer();
    ctx.admin = await adminClient(ctx.server);
    if (setup) await setup(ctx);
  });
  after(async () => {
    await ctx.server?.stop();
  });
  return ctx;
}

// The date `offset` days from today, as YYYY-MM-DD (UTC).
export function isoDay(offset) {
  return new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
}

// The first working day (Monday to Friday, not a bank holiday of the
// shipped list) on or after the date `offset` days from today: for a form
// that warns of a last day that is not a working day, so a test does not
// depend on the day it runs.
export function workingDay(offset) {
  const csv = new URL('../../data/bank_holidays_england_wales.csv', import.meta.url);
  const holidays = new Set(readFileSync(csv, 'utf8').split('\n').map((line) => line.slice(0, 10)));
  for (let extra = 0; ; extra++) {
    const iso = isoDay(offset + extra);
    const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !holidays.has(iso)) return iso;
  }
}

// The id of the response to round `roundId` that its sender was told to
// quote as `reference`, read as the secretariat reads it.
export async function responseId(client, roundId, reference) {
  const listed = await client.get(`/api/v1/consultations/${roundId}/responses`);
  const found = listed.json.items.find((r) => r.reference === reference);
  if (!found) throw new Error(`no response ${reference} in round ${roundId}`);
  return found.id;
}

// Gives each consultee of round `id` still consulted without contact
// details a contact of its own, as the secretariat does before opening the
// round (R9).
export async function giveContacts(client, id) {
  const round = await client.get(`/api/v1/consultations/${id}`);
  for (const c of round.json.consultees ?? []) {
    if (c.contact_id || c.dropped) continue;
    const contact = await client.post('/api/v1/contacts', {
      name: 'Office', organisation: c.organisation, email: `consultee.${c.id}@example.gov.uk`, type: 'government',
    });
    if (contact.status !== 201) throw new Error(`contact for ${c.organisation}: ${contact.text}`);
    const attached = await client.patch(`/api/v1/consultees/${c.id}`, { contact_id: contact.json.id });
    if (attached.status !== 200) throw new Error(`contact of ${c.organisation}: ${attached.text}`);
  }
}

// Opens round `id` once every consultee it consults can be reached;
// resolves to the response to the open request.
export async function openRound(client, id) {
  await giveContacts(client, id);
  return client.post(`/api/v1/consultations/${id}/open`);
}

// Takes a plan for `firstYear` through to publication (R8): a scored
// proposal, an optimiser run every CJ inspectorate adopts, the draft sent to
// Ministers, published with no comments. Returns the plan's id.
// `reps` holds a client of each CJ inspectorate's representative by code,
// `cj` each CJ inspectorate's id by code.
export async function publishPlan(admin, reps, cj, firstYear) {
  const ok = (res, status = 200) => {
    if (res.status !== status) throw new Error(`${res.status}: ${res.text}`);
    return res;
  };
  const plan = await admin.post('/api/v1/plans', {
    first_year: firstYear, introduction: 'Our joint programme.', min_process_coverage: 0,
    capacity: Object.values(cj).map((id) => ({ inspectorate_id: id, days_per_quarter: 100 })),
  });
  ok(plan, 201);
  const proposal = await admin.post('/api/v1/proposals', {
    title: `Joint thematic for ${firstYear}`, summary: 'Remand.', scope_and_purpose: 'Remand in four areas.',
    main_question: 'Is remand fair?', type: 'joint_thematic', duration_quarters: 2,
    participants: [{ inspectorate_id: cj.HMICFRS, involvement: 'lead', effort_days: 50 }, { inspectorate_id: cj.HMCPSI, involvement: 'support', effort_days: 20 }],
    focus: ['bringing_offenders_to_justice', 'victim_and_witness_experience'],
    contributes_to_improvement: true, outcome_focused: true, user_perspective: true,
  });
  ok(proposal, 201);
  const set = (await admin.get(`/api/v1/criteria-sets/${plan.json.criteria_set_id}`)).json;
  const scores = Object.fromEntries(set.criteria.map((c) => [String(c.id), 5]));
  ok(await reps.HMICFRS.put(`/api/v1/proposals/${proposal.json.id}/scores`, { scores }));
  let run = (await admin.post(`/api/v1/plans/${plan.json.id}/optimiser-runs`, { time_limit_seconds: 20 })).json;
  for (let i = 0; i < 300 && run.state !== 'finished' && run.state !== 'failed'; ++i) {
    await new Promise((r) => setTimeout(r, 100));
    run = (await admin.get(`/api/v1/optimiser-runs/${run.id}`)).json;
  }
  if (run.state !== 'finished') throw new Error(JSON.stringify(run));
  const decision = await admin.post(`/api/v1/optimiser-runs/${run.id}/adopt`);
  ok(decision, 201);
  for (const code of Object.keys(cj)) {
    const agreed = await reps[code].post(`/api/v1/decisions/${decision.json.id}/responses`, { agree: true });
    ok(agreed, 201);
  }
  ok(await admin.post(`/api/v1/plans/${plan.json.id}/send-to-ministers`));
  // R10: the consultations on its year close first.
  for (const r of (await admin.get('/api/v1/consultations')).json.items) {
    if (r.state === 'open' && r.first_year <= firstYear && firstYear < r.first_year + r.years) {
      ok(await admin.post(`/api/v1/consultations/${r.id}/close`));
    }
  }
  const published = await admin.post(`/api/v1/plans/${plan.json.id}/publish`);
  ok(published);
  return plan.json.id;
}
