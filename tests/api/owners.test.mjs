// The owners' portal through the API and its pages (M 46, R21): the people
// of an owner body, invited by e-mail, see only their body's
// recommendations (another's is not found, as one that does not exist) and
// nothing else of Jointly; they respond (checked before it is sent) and give
// updates; reminders are e-mailed before and after what is due, once each.
// The demo tracks recommendations to the Home Office (answered), the
// Ministry of Justice (overdue) and Kent Police (due soon).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { startServer, adminClient, userClient, signIn, Client, ADMIN_PASSWORD } from '../support/server.mjs';
import { startSmtpSink } from '../support/smtp_sink.mjs';

const ctx = {};
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const isoDay = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

// The messages that reached `address`, once at least `count` have.
async function mailTo(address, count = 1) {
  for (let i = 0; i < 100; i++) {
    const found = ctx.sink.messages.filter((m) => m.envelope.rcptTo.some((r) => r.address === address));
    if (found.length >= count) return found;
    await sleep(100);
  }
  throw new Error(`no e-mail to ${address}`);
}

// Invites a person of `owner` through the API; signs them in with the
// e-mailed one-time password and returns their bearer client and page
// (session) client.
async function invited(email, owner) {
  const made = await ctx.admin.post('/api/v1/owner-people', { email, name: `Lead ${email}`, owner_id: owner });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.emailed, true);
  assert.equal(made.json.one_time_password, undefined, 'the password travels by e-mail only');
  // The invitation (a reminder may reach them too, in any order).
  let mail;
  for (let i = 0; i < 100 && !mail; i++) {
    mail = (await mailTo(email)).find((m) => /one-time password: /.test(m.parsed.text));
    if (!mail) await sleep(100);
  }
  const once = mail.parsed.text.match(/one-time password: (\S+)/)[1];
  assert.ok(mail.parsed.text.includes('/sign-in'));
  const { client } = await signIn(ctx.server.base, email, once);
  const password = 'an owner passphrase ' + randomBytes(4).toString('hex');
  assert.equal((await client.post('/api/v1/account/password', { current_password: once, new_password: password })).status, 204);
  const token = await client.post('/api/v1/tokens', { name: 'tests' });
  assert.equal(token.status, 201, token.text);
  const pages = (await signIn(ctx.server.base, email, password)).client.undocumented('the owners\' pages');
  return { api: new Client(ctx.server.base, { token: token.json.secret }), pages };
}

before(async () => {
  ctx.sink = await startSmtpSink();
  ctx.server = await startServer({ extraArgs: ['--demo', '--smtp-url', ctx.sink.url, '--mail-from', 'jointly@example.gov.uk'] });
  // The server reminds the demo's owners a second after it starts: the
  // tests wait for that run, or one could answer a recommendation first.
  for (const owner of ['kent', 'homeoffice', 'moj']) await mailTo(`owner.${owner}@jointly.invalid`);
  ctx.admin = await adminClient(ctx.server);
  const bodies = (await ctx.admin.get('/api/v1/bodies?type=national_agency&limit=100')).json.items;
  ctx.homeOffice = bodies.find((b) => b.name === 'Home Office').id;
  ctx.moj = bodies.find((b) => b.name === 'Ministry of Justice').id;
  ctx.ho = await invited('lead@homeoffice.example.gov.uk', ctx.homeOffice);
  ctx.mj = await invited('lead@justice.example.gov.uk', ctx.moj);
  ctx.hoItems = (await ctx.ho.api.get('/api/v1/your-recommendations')).json.items;
  ctx.mjItems = (await ctx.mj.api.get('/api/v1/your-recommendations')).json.items;
});
after(async () => {
  await ctx.server?.stop();
  await ctx.sink?.close();
});

test('R21_owner_sees_only_their_bodys_recommendations', async () => {
  const list = await ctx.ho.api.get('/api/v1/your-recommendations');
  assert.equal(list.status, 200, list.text);
  // Each as its own page has it, actions planned included.
  for (const i of list.json.items) {
    assert.deepEqual(i.actions, (await ctx.ho.api.get(`/api/v1/your-recommendations/${i.id}`)).json.actions);
  }
  assert.ok(list.json.items.some((i) => i.actions.length > 0), 'the answered one lists its actions');
  assert.equal(list.json.owner, 'Home Office');
  assert.ok(list.json.items.length >= 1);
  assert.ok(list.json.items.every((i) => i.text.includes('Home Office')));
  const theirs = ctx.mjItems[0];
  assert.ok(theirs.text.includes('Ministry of Justice'));
  // Another body's recommendation is not found, exactly as one that does not exist.
  const other = await ctx.ho.api.get(`/api/v1/your-recommendations/${theirs.id}`);
  const none = await ctx.ho.api.get('/api/v1/your-recommendations/99999999');
  assert.equal(other.status, 404);
  assert.deepEqual([other.json.title, other.json.detail], [none.json.title, none.json.detail]);
  assert.ok(!other.text.includes('Ministry'));
  const answer = await ctx.ho.api.post(`/api/v1/your-recommendations/${theirs.id}/response`,
    { version: theirs.version, answer: 'not-accepted', reason: 'Not ours' });
  assert.equal(answer.status, 404);
  assert.equal((await ctx.ho.api.post(`/api/v1/your-recommendations/${theirs.id}/updates`,
    { version: theirs.version, text: 'Done' })).status, 404);
  // As every read of the API: an unknown parameter refused, naming it.
  for (const path of ['/api/v1/your-recommendations', `/api/v1/your-recommendations/${ctx.hoItems[0].id}`]) {
    const res = await ctx.ho.api.get(`${path}?colour=red`);
    assert.equal(res.status, 400, path);
    assert.equal(res.json.errors[0].rule, 'unknown-parameter');
  }
  // The pages say the same.
  for (const path of [`/your-recommendations/${theirs.id}`, `/your-recommendations/${theirs.id}/respond`,
    `/your-recommendations/${theirs.id}/update`, `/your-recommendations/${theirs.id}/response-sent`]) {
    const page = await ctx.ho.pages.get(path);
    assert.equal(page.status, 404, path);
    assert.ok(!page.text.includes('Ministry of Justice should'), path);
  }
  const mine = await ctx.ho.pages.get('/your-recommendations');
  assert.equal(mine.status, 200);
  assert.ok(mine.text.includes('Home Office') && !mine.text.includes('Ministry of Justice should'));
  // Nothing else of Jointly: the API, the pages, the navigation.
  for (const path of ['/api/v1/bodies', '/api/v1/inspections', '/api/v1/plans', '/api/v1/owner-people',
    '/api/v1/quarterly-trackers', '/api/v1/users']) {
    assert.equal((await ctx.ho.api.get(path)).status, 403, path);
  }
  for (const path of ['/programme', '/inspections', '/bodies', '/owner-people', '/quarterly-trackers']) {
    const refused = await ctx.ho.pages.get(path);
    assert.equal(refused.status, 403, path);
    // Even the page that refuses shows them their own navigation only.
    assert.ok(!refused.text.includes('href="/programme"'), path);
  }
  const home = await ctx.ho.pages.get('/');
  assert.equal(home.status, 303);
  assert.match(home.headers.get('location'), /^\/your-recommendations/);
  assert.ok(!mine.text.includes('href="/programme"'), 'no navigation to what they may not see');
  const me = await ctx.ho.api.get('/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.json.owner_id, ctx.homeOffice);
  assert.deepEqual(me.json.roles, []);
  // Staff do not answer as owners.
  assert.equal((await ctx.admin.get('/api/v1/your-recommendations')).status, 403);
  // An invitation names a body of the directory, once per address.
  const bad = await ctx.admin.post('/api/v1/owner-people', { email: 'not an address', name: '', owner_id: 99999999 });
  assert.equal(bad.status, 400);
  const again = await ctx.admin.post('/api/v1/owner-people', { email: 'lead@homeoffice.example.gov.uk', name: 'Again', owner_id: ctx.homeOffice });
  assert.equal(again.status, 400);
  assert.equal(again.json.errors[0].rule, 'unique-email');
  const unknown = await ctx.admin.post('/api/v1/owner-people', { email: 'x@example.gov.uk', name: 'X', owner_id: 99999999 });
  assert.equal(unknown.status, 400);
  assert.deepEqual(unknown.json.errors.map((e) => [e.field, e.rule]), [['owner_id', 'unknown-owner']]);
  const people = await ctx.admin.get('/api/v1/owner-people');
  assert.ok(people.json.items.some((p) => p.email === 'lead@homeoffice.example.gov.uk' && p.owner === 'Home Office'));
});

test('R21_owner_response_is_recorded', async () => {
  const item = ctx.mjItems.find((i) => i.answer === 'none');
  assert.ok(item, 'the demo MoJ recommendation is not answered');
  assert.equal(item.next.what, 'response');
  assert.equal(item.next.overdue, true);
  const path = `/api/v1/your-recommendations/${item.id}`;
  const fields = (res) => res.json.errors.map((e) => e.field);
  // An update before any response.
  const early = await ctx.mj.api.post(`${path}/updates`, { version: item.version, text: 'Started' });
  assert.equal(early.status, 409);
  assert.equal(early.json.rule, 'response-first');
  // Empty, bad, too long: every error at once, nothing saved.
  const empty = await ctx.mj.api.post(`${path}/response`, {});
  assert.equal(empty.status, 400);
  assert.deepEqual(fields(empty).sort(), ['answer', 'version']);
  const partly = await ctx.mj.api.post(`${path}/response`, { version: item.version, answer: 'partly-accepted' });
  assert.equal(partly.status, 400);
  assert.deepEqual(fields(partly).sort(), ['accepted_part', 'actions', 'reason']);
  assert.ok(partly.json.errors.every((e) => e.rule === 'response'));
  const bad = await ctx.mj.api.post(`${path}/response`, {
    version: item.version, answer: 'accepted', actions: [{ what: 'Tell victims', by: '2027-02-30' }, { what: ' ', by: isoDay(30) }],
  });
  assert.equal(bad.status, 400);
  assert.deepEqual(fields(bad).sort(), ['actions[0].by', 'actions[1].what']);
  const maybe = await ctx.mj.api.post(`${path}/response`, { version: item.version, answer: 'maybe' });
  assert.equal(maybe.status, 400);
  assert.equal(maybe.json.errors[0].rule, 'one-of');
  const long = await ctx.mj.api.post(`${path}/response`, { version: item.version, answer: 'not-accepted', reason: 'r'.repeat(20001) });
  assert.equal(long.status, 400);
  assert.equal((await ctx.mj.api.get(path)).json.version, item.version, 'nothing saved');
  // 20,000 characters are taken.
  const body = {
    version: item.version, answer: 'partly-accepted', accepted_part: 'Telling victims', reason: 'w'.repeat(20000),
    actions: [{ what: 'Tell every victim of the enhanced sentence', by: isoDay(90) }],
  };
  const saved = await ctx.mj.api.post(`${path}/response`, body);
  assert.equal(saved.status, 200, saved.text);
  assert.equal(saved.json.answer, 'partly-accepted');
  assert.equal(saved.json.reason.length, 20000);
  assert.equal(saved.json.responded_on, isoDay(0));
  assert.equal(saved.json.next.what, 'update');
  assert.deepEqual(saved.json.actions, body.actions);
  // The same again changes nothing; an older version is refused.
  const same = await ctx.mj.api.post(`${path}/response`, { ...body, version: saved.json.version });
  assert.equal(same.status, 200);
  assert.equal(same.json.version, saved.json.version);
  const stale = await ctx.mj.api.post(`${path}/response`, { ...body, answer: 'accepted', accepted_part: '', reason: '' });
  assert.equal(stale.status, 409);
  // Updates: empty, too long, then kept.
  assert.equal((await ctx.mj.api.post(`${path}/updates`, { version: saved.json.version, text: '' })).status, 400);
  assert.equal((await ctx.mj.api.post(`${path}/updates`, { version: saved.json.version, text: 'u'.repeat(20001) })).status, 400);
  const update = await ctx.mj.api.post(`${path}/updates`, { version: saved.json.version, text: 'Letters drafted' });
  assert.equal(update.status, 201, update.text);
  const view = (await ctx.mj.api.get(path)).json;
  assert.deepEqual(view.events.map((e) => e.kind), ['response', 'update']);
  assert.equal(view.events[1].words, 'Letters drafted');
  // Audited as the owner's person did it.
  const audit = await ctx.admin.get(`/api/v1/audit/entries?entity_type=tracked_recommendation&entity_id=${item.id}`);
  assert.equal(audit.status, 200, audit.text);
  const actions = JSON.stringify(audit.json);
  assert.ok(actions.includes('owner-respond') && actions.includes('owner-update'), actions.slice(0, 300));
});

test('R21_owner_response_is_recorded through the pages, checked before it is sent', async () => {
  // An owner's home is their recommendations, with no notice of nothing done.
  const home = await ctx.ho.pages.get('/');
  assert.equal(home.status, 303);
  assert.equal(home.headers.get('location'), '/your-recommendations');
  // The demo's Home Office recommendation already answered.
  const item = ctx.hoItems.find((i) => i.answer !== 'none');
  const path = `/your-recommendations/${item.id}`;
  const page = await ctx.ho.pages.get(path);
  assert.equal(page.status, 200);
  assert.ok(page.text.includes('Give an update') && page.text.includes('Change your response'));
  const form = await ctx.ho.pages.get(`${path}/respond`);
  assert.equal(form.status, 200);
  const csrf = form.text.match(/name="csrf_token" value="([^"]+)"/)[1];
  const version = form.text.match(/name="version" value="(\d+)"/)[1];
  const post = (pairs) => ctx.ho.pages.request('POST', `${path}/respond`,
    new URLSearchParams([['csrf_token', csrf], ['version', version], ...pairs]).toString(), FORM);
  // Empty (no answer): every error at once, in the summary.
  const empty = await post([['answer', ''], ['action-1-what', ''], ['step', 'check']]);
  assert.equal(empty.status, 400);
  assert.match(empty.text, /<a href="#answer">Choose whether the recommendation is accepted<\/a>/);
  // Bad: a partial acceptance without its part, an impossible date; what
  // was typed comes back exactly.
  const long = 'x'.repeat(20001);
  const bad = await post([['answer', 'partly-accepted'], ['accepted_part', ''], ['reason', long],
    ['action-2-what', '  Publish guidance  '], ['action-2-by-day', '31'], ['action-2-by-month', '2'], ['action-2-by-year', '2027'], ['step', 'check']]);
  assert.equal(bad.status, 400);
  const anchors = [...bad.text.matchAll(/<a href="#([a-z0-9_-]+)">/g)].map((m) => m[1]);
  assert.deepEqual(anchors.sort(), ['accepted_part', 'action-2-by', 'reason']);
  assert.ok(bad.text.includes(long) && bad.text.includes('  Publish guidance  '), 'what was typed kept');
  assert.ok(bad.text.includes('value="31"'));
  // Not accepted: an action typed is kept and checked, never dropped unseen.
  const refused = await post([['answer', 'not-accepted'], ['reason', 'Covered by national guidance'],
    ['action-1-what', 'Review the guidance'], ['action-1-by-day', '30'], ['action-1-by-month', '2'], ['action-1-by-year', '2027'], ['step', 'check']]);
  assert.equal(refused.status, 400);
  assert.deepEqual([...refused.text.matchAll(/<a href="#([a-z0-9_-]+)">/g)].map((m) => m[1]), ['action-1-by']);
  // Nothing is dated before the report's publication.
  const early = await post([['answer', 'accepted'], ['action-1-what', 'Review the guidance'],
    ['action-1-by-day', '1'], ['action-1-by-month', '1'], ['action-1-by-year', '2001'], ['step', 'check']]);
  assert.equal(early.status, 400);
  assert.match(early.text, /<a href="#action-1-by">Action 1: The date by when it is planned must not be before the report&#39;s publication on /);
  // Good: the answers to check, then sent.
  const good = [['answer', 'accepted'], ['action-1-what', 'Publish flagging guidance to all forces'],
    ['action-1-by-day', '1'], ['action-1-by-month', '3'], ['action-1-by-year', String(new Date().getUTCFullYear() + 1)]];
  const check = await post([...good, ['step', 'check']]);
  assert.equal(check.status, 200, check.text.slice(0, 400));
  assert.match(check.text, /Check your response before sending it/);
  assert.match(check.text, /Publish flagging guidance to all forces/);
  // Its Back link sends the answers back to the form rather than lose them.
  const back = check.text.match(/<nav aria-label="Back"><form method="post" action="([^"]+)"[^>]*>(.*?)<\/form><\/nav>/s);
  assert.ok(back, 'a Back link that posts the answers');
  assert.equal(back[1].replaceAll("&#x2F;", "/"), `${path}/respond`);
  assert.match(back[2], /name="step" value="change"/);
  assert.match(back[2], /name="action-1-what" value="Publish flagging guidance to all forces"/);
  const change = await post([...good, ['step', 'change']]);
  assert.equal(change.status, 200);
  assert.ok(change.text.includes('Publish flagging guidance to all forces') && change.text.includes('value="3"'));
  const sent = await post([...good, ['step', 'send']]);
  assert.equal(sent.status, 303, sent.text.slice(0, 400));
  assert.equal(sent.headers.get('location'), `${path}/response-sent`);
  const done = await ctx.ho.pages.get(`${path}/response-sent`);
  assert.match(done.text, /govuk-panel--confirmation/);
  // Sent again unchanged: nothing changes, and the page says so.
  const now = (await ctx.ho.api.get(`/api/v1${path}`)).json;
  const unchanged = await ctx.ho.pages.request('POST', `${path}/respond`, new URLSearchParams([['csrf_token', csrf],
    ['version', String(now.version)], ...good, ['step', 'send']]).toString(), FORM);
  assert.equal(unchanged.status, 303);
  assert.match(unchanged.headers.get('location'), /done=response-unchanged/);
  assert.equal((await ctx.ho.api.get(`/api/v1${path}`)).json.version, now.version);
  // An update: empty refused, then checked and sent.
  const upost = (pairs) => ctx.ho.pages.request('POST', `${path}/update`,
    new URLSearchParams([['csrf_token', csrf], ['version', String(now.version)], ...pairs]).toString(), FORM);
  const blank = await upost([['text', '   '], ['step', 'check']]);
  assert.equal(blank.status, 400);
  assert.match(blank.text, /<a href="#text">/);
  assert.equal((await upost([['text', 'Guidance drafted'], ['step', 'check']])).status, 200);
  const usent = await upost([['text', 'Guidance drafted'], ['step', 'send']]);
  assert.equal(usent.status, 303);
  assert.equal(usent.headers.get('location'), `${path}/update-sent`);
});

test('owner_people_are_invited_again_and_their_access_withdrawn', async () => {
  const email = 'deputy@homeoffice.example.gov.uk';
  const made = await ctx.admin.post('/api/v1/owner-people', { email, name: 'Deputy', owner_id: ctx.homeOffice });
  assert.equal(made.status, 201, made.text);
  const id = made.json.user.id;
  const passwordIn = (m) => m.parsed.text.match(/one-time password: (\S+)/)?.[1];
  const first = passwordIn((await mailTo(email)).find(passwordIn));
  // Invited again: a new password e-mailed, the first no longer works.
  const again = await ctx.admin.post(`/api/v1/owner-people/${id}/invitation`);
  assert.equal(again.status, 201, again.text);
  assert.equal(again.json.emailed, true);
  assert.equal(again.json.one_time_password, undefined);
  const second = passwordIn((await mailTo(email, 2)).filter(passwordIn).at(-1));
  assert.notEqual(second, first);
  assert.equal((await signIn(ctx.server.base, email, first)).res.status, 401);
  const { client } = await signIn(ctx.server.base, email, second);
  assert.ok(client, 'the new one-time password signs in');
  // Withdrawn: signed out at once, and no sign-in.
  const withdrawn = await ctx.admin.post(`/api/v1/owner-people/${id}/withdrawal`);
  assert.equal(withdrawn.status, 200, withdrawn.text);
  assert.equal(withdrawn.json.active, false);
  assert.equal((await client.get('/api/v1/your-recommendations')).status, 401);
  assert.equal((await signIn(ctx.server.base, email, second)).res.status, 401);
  // Only people of owner bodies: staff are not found here.
  const me = (await ctx.admin.get('/api/v1/users')).json.items.find((u) => u.email === 'admin@jointly.invalid');
  assert.equal((await ctx.admin.post(`/api/v1/owner-people/${me.id}/withdrawal`)).status, 404);
  // The pages: each person's actions, each asked first.
  const pages = (await signIn(ctx.server.base, 'admin@jointly.invalid', ADMIN_PASSWORD)).client.undocumented('the pages');
  const list = await pages.get('/owner-people');
  assert.match(list.text, new RegExp(`href="/owner-people/${id}/reinvite">Invite again`));
  assert.doesNotMatch(list.text, new RegExp(`/owner-people/${id}/withdraw"`), 'withdrawn already');
  const ask = await pages.get(`/owner-people/${id}/reinvite`);
  assert.match(ask.text, /Invite Deputy again\?/);
  const sent = await pages.post(`/owner-people/${id}/reinvite`, new URLSearchParams({ csrf_token: pages.csrf }).toString(), FORM);
  assert.equal(sent.status, 303);
  assert.match(sent.headers.get('location'), /done=owner-reinvited/);
  assert.equal((await ctx.admin.get('/api/v1/owner-people')).json.items.find((u) => u.id === id).active, true, 'access given back');
  // The secretariat's home page lists what is overdue for every inspectorate
  // (the demo's, as the tests before left them).
  const home = await pages.get('/');
  assert.match(home.text, /id="tracker-overdue"/);
  assert.match(home.text, /The inspectorates&#39; recommendations whose owner's response or update is overdue[\s\S]*overdue<\/strong>/);
});

// Runs `jointly remind` against the server's database.
function remind(...args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.JOINTLY_BIN, ['--db', ctx.server.db, 'remind', '--smtp-url', ctx.sink.url,
      '--mail-from', 'jointly@example.gov.uk', '--site', ctx.server.base, ...args]);
    let stdout = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout }));
  });
}

test('R21_reminders_are_emailed_once_before_and_after_what_is_due', async () => {
  // The server's job: at start, the demo's Kent Police recommendation (its
  // response due in eleven days) and the Ministry of Justice's (overdue).
  const [kent] = await mailTo('owner.kent@jointly.invalid');
  assert.match(kent.parsed.subject, /^Reminder: A response to .* is due by /);
  assert.match(kent.parsed.text, /\/your-recommendations\/\d+/);
  const [moj] = await mailTo('owner.moj@jointly.invalid');
  assert.match(moj.parsed.subject, /^Overdue: A response to .* was due on /);
  // Each once: running the job again sends nothing new today.
  const count = ctx.sink.messages.length;
  const again = await remind();
  assert.equal(again.status, 0, again.stdout);
  assert.match(again.stdout, /Sent 0 reminders/);
  assert.equal(ctx.sink.messages.length, count);
  // Twelve days on, Kent's response is overdue: one more, to Kent only.
  const later = await remind('--as-on', isoDay(12));
  assert.match(later.stdout, /Sent \d+ reminder/);
  const kentNow = await mailTo('owner.kent@jointly.invalid', 2);
  assert.match(kentNow[1].parsed.subject, /^Overdue: /);
  const twice = await remind('--as-on', isoDay(12));
  assert.match(twice.stdout, /Sent 0 reminders/);
  assert.equal((await mailTo('owner.kent@jointly.invalid')).length, 2);
  const badDate = await remind('--as-on', '2027-02-30');
  assert.notEqual(badDate.status, 0);
});

test('R21_an_owners_response_on_the_portal_reaches_the_published_reports_page', async () => {
  const item = ctx.hoItems.find((x) => /slavery/i.test(x.report_title));
  assert.ok(item, 'the demo report published with a recommendation to the Home Office');
  const action = `Issue statutory guidance on victim referrals ${randomBytes(4).toString('hex')}`;
  const feedUpdated = async () => {
    const atom = await (await fetch(`${ctx.server.base}/feeds/reports.atom`)).text();
    const entry = atom.split('<entry>').find((e) => /slavery/i.test(e));
    assert.ok(entry, 'the report is in the reports feed');
    return { feed: atom.match(/<updated>([^<]+)</)[1], entry: entry.match(/<updated>([^<]+)</)[1] };
  };
  const before = await feedUpdated();
  const reportPages = async () => {
    const list = await (await fetch(`${ctx.server.base}/reports`)).text();
    const pages = [...new Set([...list.matchAll(/href="(\/reports\/\d+)"/g)].map((m) => m[1]))];
    assert.ok(pages.length >= 1, 'a report is published');
    return Promise.all(pages.map(async (p) => (await fetch(`${ctx.server.base}${p}`)).text()));
  };
  assert.ok((await reportPages()).every((html) => !html.includes(action)), 'not shown before it is given');
  await new Promise((r) => setTimeout(r, 1100));  // feeds keep whole seconds
  const saved = await ctx.ho.api.post(`/api/v1/your-recommendations/${item.id}/response`, {
    version: item.version, answer: 'accepted', actions: [{ what: action, by: isoDay(120) }],
  });
  assert.equal(saved.status, 200, saved.text);
  // At once, though the page was rendered before the response.
  const shown = await reportPages();
  assert.ok(shown.some((html) => html.includes(action)), 'the owner\'s planned action is on the public report');
  const after = await feedUpdated();
  assert.ok(after.entry > before.entry, `the report's feed entry is updated (${before.entry} -> ${after.entry})`);
  assert.ok(after.feed >= after.entry, 'the feed is as new as its newest entry');
});
