// Forms in Chromium, on the 2017-18 demo: every edit form saved unchanged
// leaves its record unchanged; every form names every error at once and
// shows again exactly what was typed. axe-core on every page; screenshots
// are kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, checkPage } from '../support/browser.mjs';
import { startServer, adminClient, userClient, ADMIN_PASSWORD } from '../support/server.mjs';

let server;
let browser;
let page;
let admin;
const cj = {};  // code -> inspectorate id

before(async () => {
  server = await startServer({ extraArgs: ['--demo'] });
  admin = await adminClient(server);
  const all = await admin.get('/api/v1/inspectorates?limit=100');
  for (const i of all.json.items) cj[i.code] = i.id;
  browser = await launchBrowser();
  page = await signIn('admin@jointly.invalid', ADMIN_PASSWORD);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(email, password) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  await p.goto(server.base + '/sign-in');
  await p.fill('#email', email);
  await p.fill('#password', password);
  await p.click('button:has-text("Sign in")');
  await p.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return p;
}

// What the edit form on the page shows: each control's name and value (or
// whether it is ticked), and each control that a person could not fill in
// or that would not be sent (no name, no label).
async function editForm() {
  return page.evaluate(() => {
    const form = document.querySelector('form[action$="/edit"]');
    const fields = [];
    const unusable = [];
    for (const c of form.querySelectorAll('input, select, textarea')) {
      if (c.type === 'submit' || c.type === 'button') continue;
      if (c.type !== 'hidden') {
        const label = c.id && form.querySelector(`label[for="${CSS.escape(c.id)}"]`);
        if (!c.name || !label || !label.textContent.trim()) {
          unusable.push(c.outerHTML.slice(0, 200));
        }
      }
      if (c.name === 'csrf_token' || c.name === 'version') continue;
      if (c.type === 'checkbox' || c.type === 'radio') {
        fields.push([c.name, c.value, c.checked]);
      } else {
        fields.push([c.name, c.value]);
      }
    }
    return { fields, unusable };
  });
}

// The record as the API has it, without what a save changes by itself.
async function record(path) {
  const got = await admin.get(path);
  assert.equal(got.status, 200, got.text);
  const r = got.json.user ?? got.json;
  for (const k of ['version', 'updated_at', 'updated_by', 'changed_at']) delete r[k];
  return r;
}

const editForms = [
  ['plan', async () => {
    const plans = await admin.get('/api/v1/plans');
    const plan = plans.json.items.find((p) => p.first_year === 2017);
    return { edit: `/plans/${plan.id}/edit`, api: `/api/v1/plans/${plan.id}` };
  }],
  ['proposal', async () => {
    const list = await admin.get('/api/v1/proposals');
    const joint = list.json.items.find((p) => p.participants.length > 1 && p.clashes_with?.length) ??
      list.json.items.find((p) => p.participants.length > 1);
    return { edit: `/programme/proposals/${joint.id}/edit`, api: `/api/v1/proposals/${joint.id}` };
  }],
  ['inspected body', async () => {
    const list = await admin.get('/api/v1/bodies?limit=1');
    const id = list.json.items[0].id;
    return { edit: `/bodies/${id}/edit`, api: `/api/v1/bodies/${id}` };
  }],
  ['inspectorate', async () => ({
    edit: `/inspectorates/${cj.HMICFRS}/edit`, api: `/api/v1/inspectorates/${cj.HMICFRS}`,
  })],
  ['user', async () => {
    await userClient(server, admin, 'edit.me@example.gov.uk', ['dg_representative', 'inspector'],
      { inspectorate_id: cj.HMCPSI });
    const users = await admin.get('/api/v1/users?limit=100');
    const id = users.json.items.find((u) => u.email === 'edit.me@example.gov.uk').id;
    return { edit: `/users/${id}/edit`, api: `/api/v1/users/${id}` };
  }],
  ['governance member', async () => {
    const created = await admin.post('/api/v1/governance/members', {
      body: 'development_group', inspectorate_id: cj.HMIPROBATION, name: 'Lee Unchanged',
      role: 'Head of Joint Work', email: 'lee@example.gov.uk',
    });
    assert.equal(created.status, 201, created.text);
    return { edit: `/governance/members/${created.json.id}/edit`, api: `/api/v1/governance/members/${created.json.id}` };
  }],
  ['contact', async () => {
    const created = await admin.post('/api/v1/contacts', {
      name: 'Pat Example', organisation: 'Victims First', email: 'pat@example.org', type: 'user_representative',
    });
    assert.equal(created.status, 201, created.text);
    return { edit: `/contacts/${created.json.id}/edit`, api: `/api/v1/contacts/${created.json.id}` };
  }],
];

for (const [what, find] of editForms) {
  test(`the ${what} edit form saved unchanged leaves the ${what} unchanged`, async () => {
    const { edit, api } = await find();
    const before = await record(api);
    const versionBefore = (await admin.get(api)).json.version;
    await page.goto(server.base + edit);
    const shown = await editForm();
    assert.deepEqual(shown.unusable, [], `every input of the ${what} form has a name and a label`);
    await checkPage(page, `f01-edit-${what.replace(/ /g, '-')}`);
    await page.locator('form[action$="/edit"] button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.endsWith('/edit'));
    assert.deepEqual(await record(api), before, `saving the ${what} form unchanged changed the ${what}`);
    if (what === 'proposal') {
      // Nothing changed: no new version, and the page says so.
      assert.equal((await admin.get(api)).json.version, versionBefore, 'no new version');
      assert.match(await page.locator('#notice').innerText(), /You made no changes/);
    }
    await page.goto(server.base + edit);
    assert.deepEqual((await editForm()).fields, shown.fields, `the ${what} form shows the same again`);
  });
}

async function demoPlan() {
  const plans = await admin.get('/api/v1/plans');
  return plans.json.items.find((p) => p.first_year === 2017);
}

test('the optimiser time limit must be a whole number of seconds from 1 to 300, as typed', async () => {
  const plan = await demoPlan();
  const runs = async () => (await admin.get(`/api/v1/plans/${plan.id}/optimiser-runs`)).json.total;
  const before = await runs();
  for (const typed of ['abc', '0', '-3', '100000', '']) {
    await page.goto(server.base + `/plans/${plan.id}`);
    await page.fill('#time_limit_seconds', typed);
    await page.click('button:has-text("Run the optimiser")');
    await page.locator('.govuk-error-summary').waitFor();
    assert.match(await page.locator('.govuk-error-summary').innerText(), /time limit.*1 to 300/, typed);
    assert.match(await page.locator('#time_limit_seconds-error').innerText(), /time limit.*1 to 300/, typed);
    assert.equal(await page.inputValue('#time_limit_seconds'), typed);
    if (typed === 'abc') await checkPage(page, 'f02-time-limit-error');
  }
  assert.equal(await runs(), before, 'no run was started with a time limit that was not asked for');

  await page.goto(server.base + `/plans/${plan.id}`);
  await page.fill('#time_limit_seconds', '5');
  await page.click('button:has-text("Run the optimiser")');
  await page.waitForURL(/\/runs\/\d+\?done=run-started$/);
  await page.locator('h2:has-text("The chosen programme")').waitFor({ timeout: 60000 });
  const text = await page.locator('main').innerText();
  assert.match(text, /Difference from the draft programme in the plan/);
  assert.doesNotMatch(text, /approved programme/);
  assert.doesNotMatch(text, /\bquarter \d/i, 'quarters are named as the plan names them: 2017-18 Q1');
  await checkPage(page, 'f03-run');
});

test('declining a joint decision without a reason shows the error at the field and keeps the choice', async () => {
  const plan = await demoPlan();
  const asked = await admin.post(`/api/v1/plans/${plan.id}/approval`);
  assert.equal(asked.status, 201, asked.text);
  const email = 'rep.prisons@example.gov.uk';
  const rep = await userClient(server, admin, email, ['dg_representative'], { inspectorate_id: cj.HMIPRISONS });
  const repPage = await signIn(email, rep.password);
  await repPage.goto(server.base + '/decisions');
  const main = repPage.locator('main');
  assert.match(await main.innerText(), /Awaiting HMI Prisons' agreement/);
  assert.doesNotMatch(await main.innerText(), /HMI Prisons's/);
  assert.doesNotMatch(await main.innerText(), /All decisions\s+None\./);
  const action = await repPage.locator('form[action^="/decisions/"]').first().getAttribute('action');
  const id = action.match(/\/decisions\/(\d+)\//)[1];
  await repPage.check(`#answer-${id}-decline`);
  await repPage.click('button:has-text("Send answer")');
  await repPage.locator('.govuk-error-summary').waitFor();
  assert.match(await repPage.locator(`#reason-${id}-error`).innerText(), /Say why/);
  assert.equal(await repPage.isChecked(`#answer-${id}-decline`), true, 'the Decline choice is kept');
  await repPage.click(`.govuk-error-summary a[href="#reason-${id}"]`);
  await checkPage(repPage, 'f04-decline-without-reason');
  await repPage.context().close();
});

// The GOV.UK error summary's messages, and each input's own.
async function errorsShown(p = page) {
  await p.locator('.govuk-error-summary').waitFor();
  return p.evaluate(() => ({
    summary: [...document.querySelectorAll('.govuk-error-summary__list a')].map((a) => a.getAttribute('href')),
    inline: Object.fromEntries([...document.querySelectorAll('.govuk-error-message')]
      .map((e) => [e.id.replace(/-error$/, ''), e.textContent.replace('Error:', '').trim()])),
  }));
}

test('the proposal form names every error at once and keeps what was typed', async () => {
  await page.goto(server.base + '/programme/proposals/new');
  await page.fill('#duration_quarters', '');
  await page.click('button:has-text("Add proposal")');
  let shown = await errorsShown();
  for (const field of ['#title', '#duration_quarters']) assert.ok(shown.summary.includes(field), `${field} in ${shown.summary}`);
  assert.ok(shown.summary.some((href) => /^#(involvement|effort)_|^#participants/.test(href)), `the lead in ${shown.summary}`);
  await checkPage(page, 'f05-proposal-empty');

  const typed = {
    [`#effort_${cj.HMICFRS}`]: '-5',
    [`#effort_${cj.HMCPSI}`]: 'lots',
    [`#effort_${cj.HMIPROBATION}`]: '99999999999',
    [`#effort_${cj.HMIPRISONS}`]: 'abc',
    '#duration_quarters': 'two',
    '#earliest_start': '2027 Q5',
    '#title': '  Rural crime  ',
    '#background': 'b'.repeat(20000),
  };
  await page.selectOption(`#involvement_${cj.HMICFRS}`, 'lead');
  await page.selectOption(`#involvement_${cj.HMCPSI}`, 'support');
  await page.selectOption(`#involvement_${cj.HMIPROBATION}`, 'support');
  for (const [input, value] of Object.entries(typed)) await page.fill(input, value);
  await page.click('button:has-text("Add proposal")');
  shown = await errorsShown();
  for (const [input, value] of Object.entries(typed)) {
    assert.equal(await page.inputValue(input), value, `${input} shows what was typed`);
  }
  // The background's limit is told before it is typed, and the error says the same.
  assert.equal(await page.locator('#background-hint').innerText(), 'Up to 10,000 characters');
  assert.match(shown.inline.background, /10,000 characters or fewer/);
  assert.match(await page.getAttribute('#background', 'aria-describedby'), /background-hint/);
  assert.match(shown.inline[`effort_${cj.HMICFRS}`], /from 0 to 5,000/);
  assert.match(shown.inline[`effort_${cj.HMCPSI}`], /HM Crown Prosecution Service Inspectorate's effort as a whole number/);
  assert.match(shown.inline[`effort_${cj.HMIPROBATION}`], /from 0 to 5,000/);
  assert.match(shown.inline[`involvement_${cj.HMIPRISONS}`], /Choose how HM Inspectorate of Prisons takes part, or clear its effort/,
    'effort typed for an inspectorate not taking part is questioned, not dropped');
  assert.ok(shown.summary.includes(`#involvement_${cj.HMIPRISONS}`), `${shown.summary}`);
  assert.match(shown.inline.duration_quarters, /whole number of quarters/);
  assert.match(shown.inline.earliest_start, /quarter, such as/);
  assert.match(shown.inline.background, /^Shorten the background to 10,000 characters or fewer \(it has 20,000\)$/, 'at the field, in a sentence');
  // The summary lists the errors in the order of the page.
  const order = ['#duration_quarters', '#earliest_start', '#background'].map((f) => shown.summary.indexOf(f));
  assert.ok(order.every((at) => at >= 0), `${shown.summary}`);
  await checkPage(page, 'f06-proposal-typed');
});

test('a stale edit says what changed meanwhile in words, keeps what was typed and saves at the next attempt', async () => {
  const list = (await admin.get('/api/v1/proposals')).json.items;
  const target = list[list.length - 1];
  const api = `/api/v1/proposals/${target.id}`;
  const edit = `${server.base}/programme/proposals/${target.id}/edit`;
  const other = await signIn('admin@jointly.invalid', ADMIN_PASSWORD);  // a second session
  await page.goto(edit);
  await other.goto(edit);
  // The other session saves first: a new title and duration.
  const theirs = `${target.title} (revised)`;
  const duration = target.duration_quarters === 8 ? 7 : target.duration_quarters + 1;
  await other.fill('#title', theirs);
  await other.fill('#duration_quarters', String(duration));
  await other.locator('form[action$="/edit"] button[type=submit]').click();
  await other.waitForURL((url) => !url.pathname.endsWith('/edit'));
  const newest = (await admin.get(api)).json.version;

  // This session saves over a version that is no longer the newest.
  const mine = 'Our own summary, typed while someone else was editing. ' + 's'.repeat(3000);
  await page.fill('#summary', mine);
  await page.locator('form[action$="/edit"] button[type=submit]').click();
  await page.locator('.govuk-error-summary').waitFor();
  const said = await page.locator('.govuk-error-summary').innerText();
  assert.match(said, /changed while you were editing it/);
  assert.ok(said.includes(`Title: ${target.title} → ${theirs}`), said);
  assert.ok(said.includes(`Duration in quarters: ${target.duration_quarters} → ${duration}`), said);
  assert.doesNotMatch(said, /duration_quarters|[{}"]|\d{4}-\d\d-\d\dT/, 'words, not field names, JSON or raw times');
  assert.equal(await page.inputValue('#summary'), mine, 'what was typed is kept');
  assert.equal(await page.inputValue('#title'), target.title, 'the form is as this person left it');
  assert.equal(await page.locator('input[name=version]').inputValue(), String(newest), 'the newest version');
  await checkPage(page, 'f12-proposal-stale');

  // Saving again keeps this person's text.
  await page.locator('form[action$="/edit"] button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.endsWith('/edit'));
  assert.match(await page.locator('#notice').innerText(), /Your changes to the proposal have been saved/);
  const saved = (await admin.get(api)).json;
  assert.equal(saved.summary, mine);
  assert.equal(saved.title, target.title);
  assert.equal(saved.version, newest + 1);
  await other.context().close();
});

test('a stale edit of an inspected body says what changed in words and saves at the next attempt', async () => {
  const id = (await admin.get('/api/v1/bodies?limit=1')).json.items[0].id;
  const api = `/api/v1/bodies/${id}`;
  const before = (await admin.get(api)).json;
  const other = await signIn('admin@jointly.invalid', ADMIN_PASSWORD);
  await page.goto(`${server.base}/bodies/${id}/edit`);
  await other.goto(`${server.base}/bodies/${id}/edit`);
  await other.fill('#region', 'Somewhere else');
  await other.locator('form[action$="/edit"] button[type=submit]').click();
  await other.waitForURL((url) => !url.pathname.endsWith('/edit'));
  await page.fill('#name', `${before.name} (renamed)`);
  await page.locator('form[action$="/edit"] button[type=submit]').click();
  const said = await page.locator('.govuk-error-summary').innerText();
  assert.ok(said.includes(`Region: ${before.region || '(blank)'} → Somewhere else`), said);
  assert.equal(await page.inputValue('#name'), `${before.name} (renamed)`);
  await checkPage(page, 'f13-body-stale');
  await page.locator('form[action$="/edit"] button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.endsWith('/edit'));
  const saved = (await admin.get(api)).json;
  assert.equal(saved.name, `${before.name} (renamed)`);
  // Put it back as it was for the other tests.
  assert.equal((await admin.patch(api, { name: before.name, region: before.region, version: saved.version })).status, 200);
  await other.context().close();
});

test('the consultation form names every error at once and keeps what was typed', async () => {
  await page.goto(server.base + '/consultations/new');
  await page.fill('#first_year', 'next year');
  await page.fill('#deadline', 'soon');
  await page.fill('#deadline-month', '13');
  await page.fill('#deadline-year', '2027');
  await page.fill('#opens_on', '30');
  await page.fill('#opens_on-month', '2');
  await page.fill('#opens_on-year', '2027');
  await page.click('button:has-text("Start consultation")');
  const shown = await errorsShown();
  for (const field of ['#title', '#first_year', '#opens_on', '#deadline']) {
    assert.ok(shown.summary.includes(field), `${field} in ${shown.summary}`);
  }
  assert.match(shown.inline.deadline, /real date, such as 27 3 2027/, 'dates are asked for as day, month and year');
  assert.equal(await page.inputValue('#first_year'), 'next year');
  assert.deepEqual([await page.inputValue('#deadline'), await page.inputValue('#deadline-month'), await page.inputValue('#deadline-year')],
    ['soon', '13', '2027'], 'each box shows exactly what was typed');
  assert.deepEqual([await page.inputValue('#opens_on'), await page.inputValue('#opens_on-month')], ['30', '2'], 'an impossible date is shown as typed');
  await checkPage(page, 'f07-consultation-errors');
});

test('the consultation form names a bad date and a deadline already passed at once', async () => {
  await page.goto(server.base + '/consultations/new');
  await page.fill('#title', 'Consultation told everything at once');
  await page.fill('#first_year', '2090-91');
  await page.fill('#opens_on', '30');
  await page.fill('#opens_on-month', '2');
  await page.fill('#opens_on-year', '2027');
  await page.fill('#deadline', '1');
  await page.fill('#deadline-month', '2');
  await page.fill('#deadline-year', '2020');
  await page.click('button:has-text("Start consultation")');
  const shown = await errorsShown();
  for (const field of ['#opens_on', '#deadline']) {
    assert.ok(shown.summary.includes(field), `${field} in ${shown.summary}`);
  }
  assert.match(shown.inline.deadline, /has passed/);
  assert.equal(await page.inputValue('#first_year'), '2090-91');
  await checkPage(page, 'f07a-consultation-errors-at-once');
});

test('the new user form names every error at once: no role, a taken e-mail address, a representative for no inspectorate', async () => {
  await page.goto(server.base + '/users/new');
  await page.fill('#email', 'admin@jointly.invalid');
  await page.fill('#name', 'Someone Again');
  await page.click('button:has-text("Add user")');
  let shown = await errorsShown();
  for (const field of ['#email', '#roles']) assert.ok(shown.summary.includes(field), `${field} in ${shown.summary}`);
  assert.match(shown.inline.email, /already a user with the email address admin@jointly.invalid/);
  assert.equal(await page.inputValue('#email'), 'admin@jointly.invalid');
  assert.equal(await page.inputValue('#name'), 'Someone Again');
  await checkPage(page, 'f07b-new-user-errors');
  await page.check('#role-dg_representative');
  await page.click('button:has-text("Add user")');
  shown = await errorsShown();
  assert.deepEqual(shown.summary.sort(), ['#email', '#inspectorate_id']);
  assert.match(shown.inline.inspectorate_id, /Select the inspectorate this Development Group representative speaks for/);
  assert.equal(await page.isChecked('#role-dg_representative'), true);
});

test('the rotation form names every error at once and keeps what was typed', async () => {
  await page.goto(server.base + '/governance');
  await page.click('summary:has-text("Change the agreed order")');
  await page.selectOption('#order_1', '');
  await page.selectOption('#order_2', { label: 'HMCPSI' });
  await page.fill('#first_year', 'soon');
  await page.fill('#reason', '');
  await page.click('button:has-text("Save the order")');
  const shown = await errorsShown();
  for (const field of ['#order_1', '#first_year', '#reason']) {
    assert.ok(shown.summary.includes(field), `${field} in ${shown.summary}`);
  }
  assert.match(shown.inline.order_1, /^Choose who chairs in year 1 of the cycle$/);
  assert.doesNotMatch(await page.locator('.govuk-error-summary').innerText(), /skips/, 'which inspectorates are skipped is said only of a full order');
  assert.match(await page.locator('label[for=order_1]').innerText(), /Year 1 of the cycle/, 'the box and its error use one word');
  assert.equal(await page.inputValue('#first_year'), 'soon');
  assert.equal(await page.inputValue('#order_1'), '');
  await checkPage(page, 'f08-rotation-errors');
});

test('the recorded-response form names every error at once and keeps what was typed', async () => {
  const today = new Date();
  const day = (offset) => new Date(today.getTime() + offset * 86400000).toISOString().slice(0, 10);
  const created = await admin.post('/api/v1/consultations', {
    title: 'Forms consultation', first_year: 2031, years: 2, opens_on: day(-10), deadline: day(20),
    sections: [{ title: 'Core inspections', questions: ['Are these the right areas?'] }],
  });
  assert.equal(created.status, 201, created.text);
  await page.goto(server.base + `/consultations/${created.json.id}/responses`);
  await page.fill('#organisation', 'Victims First');
  await page.fill('#received_on', 'yesterday');
  await page.fill('#received_on-year', '2026');
  await page.click('button:has-text("Record response")');
  const shown = await errorsShown();
  for (const field of ['#received_on', '#name', '#answer_1']) {
    assert.ok(shown.summary.includes(field), `${field} in ${shown.summary}`);
  }
  assert.equal(await page.inputValue('#received_on'), 'yesterday');
  assert.equal(await page.inputValue('#received_on-year'), '2026');
  assert.equal(await page.inputValue('#organisation'), 'Victims First');
  await checkPage(page, 'f09-recorded-response-errors');
});

test('the override form names every error at once and keeps the choice', async () => {
  const proposals = await admin.get('/api/v1/proposals?limit=1');
  const id = proposals.json.items[0].id;
  await page.goto(`${server.base}/programme/proposals/${id}`);
  await page.click('form[action$="/force"] button:has-text("Ask the inspectorates to agree")');
  let shown = await errorsShown();
  assert.deepEqual(shown.summary, ['#forced', '#reason'], 'the choice and the reason at once');
  await page.check('#forced-out');
  await page.click('form[action$="/force"] button:has-text("Ask the inspectorates to agree")');
  shown = await errorsShown();
  assert.deepEqual(shown.summary, ['#reason']);
  assert.equal(await page.isChecked('#forced-out'), true, 'the choice is kept');
  await checkPage(page, 'f05-override-without-reason');
});

test('an effort in error names its inspectorate and marks its box', async () => {
  const box = `#effort_${cj.HMIPROBATION}`;
  for (const typed of ['abc', '-5', '99999999999', 'x'.repeat(20000)]) {
    await page.goto(server.base + '/programme/proposals/new');
    await page.fill('#title', 'Effort in error');
    await page.selectOption(`#involvement_${cj.HMICFRS}`, 'lead');
    await page.selectOption(`#involvement_${cj.HMIPROBATION}`, 'support');
    await page.fill(box, typed);
    await page.click('button:has-text("Add proposal")');
    const shown = await errorsShown();
    const label = typed.length > 20 ? '20,000 characters' : typed;
    assert.deepEqual(shown.summary, [box], `only the effort is wrong (${label})`);
    // One message whether it is not a number or out of range.
    assert.equal(shown.inline[`effort_${cj.HMIPROBATION}`],
      "Enter HM Inspectorate of Probation's effort as a whole number of inspector-days, from 0 to 5,000", label);
    assert.equal(await page.inputValue(box), typed, `${label} is shown as typed`);
    assert.match(await page.getAttribute(box, 'class'), /govuk-input--error/, `the box is marked (${label})`);
    assert.equal(await page.getAttribute(box, 'aria-describedby'), `effort_${cj.HMIPROBATION}-error`);
    await page.click(`.govuk-error-summary a[href="${box}"]`);
    assert.equal(await page.evaluate(() => document.activeElement.id), box.slice(1), 'the summary link goes to the box');
    if (typed === '-5') await checkPage(page, 'f10-effort-error');
  }
  // Left empty, an inspectorate taking part gives no effort yet: no error.
  await page.goto(server.base + '/programme/proposals/new');
  await page.fill('#title', 'Effort left empty');
  await page.selectOption(`#involvement_${cj.HMICFRS}`, 'lead');
  await page.selectOption(`#involvement_${cj.HMIPROBATION}`, 'support');
  await page.click('button:has-text("Add proposal")');
  await page.waitForURL(/\/programme\/proposals\/\d+\?done=proposal-added$/);
  // The quarter's example is the same in the hint and the message.
  await page.goto(server.base + '/programme/proposals/new');
  const hint = await page.locator('#earliest_start-hint').innerText();
  await page.fill('#earliest_start', '2027 Q5');
  await page.click('button:has-text("Add proposal")');
  const message = (await errorsShown()).inline.earliest_start;
  const example = message.match(/such as (\S+ Q\d)/)[1];
  assert.ok(hint.includes(`such as ${example}`), `hint "${hint}" and message "${message}" give one example`);
});

test('a forced proposal\'s reason is checked at 20,000 characters and shown with the decision', async () => {
  const proposals = await admin.get('/api/v1/proposals?limit=2');
  const id = proposals.json.items[1].id;
  await page.goto(`${server.base}/programme/proposals/${id}`);
  await page.fill('#reason', 'r'.repeat(20000));
  await page.click('form[action$="/force"] button:has-text("Ask the inspectorates to agree")');
  let shown = await errorsShown();
  assert.deepEqual(shown.summary, ['#forced', '#reason'], 'the choice and the reason\'s length at once');
  assert.match(shown.inline.reason, /^Shorten the reason to 2,000 characters or fewer \(it has [\d,]+\)$/);
  assert.equal((await page.inputValue('#reason')).length, 20000, 'the reason is shown as typed');
  await page.check('#forced');
  await page.click('form[action$="/force"] button:has-text("Ask the inspectorates to agree")');
  shown = await errorsShown();
  assert.deepEqual(shown.summary, ['#reason']);
  assert.equal(await page.isChecked('#forced'), true, 'the choice is kept');
  await checkPage(page, 'f11-override-long-reason');
  await page.fill('#reason', 'Ministers asked for it this year');
  await page.click('form[action$="/force"] button:has-text("Ask the inspectorates to agree")');
  await page.waitForURL(/\/decisions\?done=decision-asked#decision-\d+$/);
  const decision = page.locator(new URL(page.url()).hash);
  const text = await decision.innerText();
  assert.match(text, /Force into the programme/);
  assert.match(text, /Reason given: Ministers asked for it this year/);
  assert.match(text, /Asked by [^\n]+ on \d{1,2} [A-Z][a-z]+ \d{4}/);
  const api = await admin.get('/api/v1/decisions/' + new URL(page.url()).hash.replace('#decision-', ''));
  assert.equal(api.json.reason, 'Ministers asked for it this year');
  await checkPage(page, 'f12-forced-decision');
});

test('the password forms take 20,000 characters and name every error at once', async () => {
  const email = 'long.password@example.gov.uk';
  const created = await admin.post('/api/v1/users', { email, name: 'Long Password', roles: ['inspector'] });
  assert.equal(created.status, 201, created.text);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  await p.goto(server.base + '/sign-in');
  await p.fill('#email', email);
  await p.fill('#password', created.json.one_time_password);
  await p.click('button:has-text("Sign in")');
  await p.waitForURL(/\/account\/password/);
  const long = 'p'.repeat(20000);
  await p.fill('#new_password', long);
  await p.click('button:has-text("Save your password")');
  let shown = await errorsShown(p);
  assert.deepEqual(shown.summary, ['#new_password']);
  assert.match(shown.inline.new_password, /256 characters or fewer/);
  await checkPage(p, 'f13-choose-password-long');
  const chosen = 'a good long passphrase for tests';
  await p.fill('#new_password', chosen);
  await p.click('button:has-text("Save your password")');
  await p.waitForURL((url) => !url.pathname.startsWith('/account/password'));

  await p.goto(server.base + '/account/password');
  await p.fill('#current_password', long);
  await p.fill('#new_password', long);
  await p.click('button:has-text("Change password")');
  shown = await errorsShown(p);
  assert.deepEqual(shown.summary, ['#current_password', '#new_password'], 'both at once');
  assert.match(shown.inline.current_password, /current password correctly/);
  assert.match(shown.inline.new_password, /256 characters or fewer/);
  await checkPage(p, 'f14-change-password-long');
  // Sent empty: each field says what to enter.
  await p.fill('#current_password', '');
  await p.fill('#new_password', '');
  await p.click('button:has-text("Change password")');
  shown = await errorsShown(p);
  assert.deepEqual(shown.summary, ['#current_password', '#new_password'], 'both at once');
  assert.match(shown.inline.current_password, /Enter your current password$/);
  assert.match(shown.inline.new_password, /Enter a new password$/);
  await context.close();
});

test('a consultation whose last day is not a working day is warned of before it starts', async () => {
  // A Sunday in a year to come.
  const sunday = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 5, 1));
  while (sunday.getUTCDay() !== 0) sunday.setUTCDate(sunday.getUTCDate() + 1);
  const before = (await admin.get('/api/v1/consultations')).json;
  await page.goto(server.base + '/consultations/new');
  await page.fill('#title', 'Consultation ending on a Sunday');
  await page.fill('#first_year', String(sunday.getUTCFullYear() + 1));
  await page.fill('#opens_on', '1');
  await page.fill('#opens_on-month', '4');
  await page.fill('#opens_on-year', String(sunday.getUTCFullYear()));
  await page.fill('#deadline', String(sunday.getUTCDate()));
  await page.fill('#deadline-month', String(sunday.getUTCMonth() + 1));
  await page.fill('#deadline-year', String(sunday.getUTCFullYear()));
  await page.click('button:has-text("Start consultation")');
  await page.locator('#deadline-warning').waitFor();
  assert.match(await page.locator('#deadline-warning').innerText(), /is a Sunday/);
  assert.equal(await page.locator('.govuk-error-summary').count(), 0, 'a warning, not an error');
  assert.equal(await page.inputValue('#title'), 'Consultation ending on a Sunday', 'what was typed is kept');
  const after = (await admin.get('/api/v1/consultations')).json;
  assert.equal(after.total ?? after.items?.length, before.total ?? before.items?.length, 'not started yet');
  await checkPage(page, 'f15-deadline-on-a-sunday');
  await page.click('button:has-text("Start consultation")');
  await page.waitForURL(/\/consultations\/\d+\?done=consultation-started$/);
});

