// The documents as people open them: the consultation document, the
// covering letters and the business plan, read back from the DOCX
// (word/document.xml) and the PDF (pdftotext) the API serves, on the demo
// 2017-18 programme.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, adminClient, signIn, ADMIN_PASSWORD, isoDay as day, openRound } from '../support/server.mjs';

let server;
let admin;
const dir = mkdtempSync(join(tmpdir(), 'jointly-documents-'));
const inspectorates = {};  // code -> inspectorate

before(async () => {
  server = await startServer({ extraArgs: ['--demo'] });
  admin = await adminClient(server);
  const all = await admin.get('/api/v1/inspectorates?limit=100');
  for (const i of all.json.items) inspectorates[i.code] = i;
});
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function download(path) {
  const res = await fetch(server.base + path, { headers: { Authorization: `Bearer ${admin.token}` } });
  assert.equal(res.status, 200, path);
  const file = join(dir, path.replace(/[^A-Za-z0-9.]+/g, '-'));
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return file;
}

// The words of a DOCX, a paragraph a line, tabs as spaces.
async function docxText(path) {
  const xml = execFileSync('unzip', ['-p', await download(path), 'word/document.xml'], { encoding: 'utf8' });
  return xml.replace(/<w:tab\/>/g, ' ').replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

// The words of a PDF, page by page (pages split at form feeds), without
// the footer each page carries.
async function pdfPages(path) {
  const file = await download(path);
  // Every PDF served is tagged, for screen readers and reflow.
  assert.match(execFileSync('pdfinfo', [file], { encoding: 'utf8' }), /^Tagged:\s+yes$/m, path);
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((page) => page.trim() !== '')
    .map((page) => page.split('\n').filter((line) => !/· Page \d+( of \d+)?$/.test(line)).join('\n'));
}

const squash = (s) => s.replace(/\s+/g, ' ');

async function setContacts(code, change) {
  const current = (await admin.get(`/api/v1/inspectorates/${inspectorates[code].id}`)).json;
  const saved = await admin.patch(`/api/v1/inspectorates/${current.id}`, { ...change, version: current.version });
  assert.equal(saved.status, 200, saved.text);
  inspectorates[code] = saved.json;
}

async function contact(name, organisation, email, copyGroup) {
  const created = await admin.post('/api/v1/contacts', {
    name, organisation, email, type: 'government', ...(copyGroup ? { copy_group: copyGroup } : {}),
  });
  assert.equal(created.status, 201, created.text);
  return created.json;
}

test('the directory holds who leads each inspectorate and how to reach it, and checks the email address', async () => {
  const probation = inspectorates.HMIPROBATION;
  assert.equal(probation.head_title, 'HM Chief Inspector of Probation');
  assert.match(probation.address, /Manchester/);
  assert.equal(inspectorates['JOINT-SECRETARIAT'].website, 'www.justiceinspectorates.gov.uk');
  const bad = await admin.patch(`/api/v1/inspectorates/${probation.id}`, { email: 'not an address', address: 'Line one\nLine two', version: probation.version });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['address', 'email']);
  const long = await admin.patch(`/api/v1/inspectorates/${probation.id}`, { head_name: 'x'.repeat(201), version: probation.version });
  assert.equal(long.status, 400);
  assert.deepEqual(long.json.errors.map((e) => e.field), ['head_name']);
});

// The demo's consultation on 2017-18: its statutory consultees' contacts
// are named "Office of the Chief Inspector, HMI Prisons" and the like.
async function demoRound() {
  const rounds = (await admin.get('/api/v1/consultations')).json.items;
  return rounds.find((r) => r.first_year === 2017 && r.state === 'closed');
}

test('R9_each_letter_names_each_copied_body_once_and_fits_one_page_with_its_signature', async () => {
  const round = await demoRound();
  assert.ok(round, 'the demo consultation');
  const statutory = (await admin.get(`/api/v1/consultations/${round.id}`)).json.consultees.filter((c) => c.statutory && !c.dropped);
  const docx = await docxText(`/api/v1/consultations/${round.id}/letter.docx`);
  const letters = docx.split('Yours sincerely,').slice(1);
  assert.equal(letters.length, statutory.length);
  const lines = docx.split('\n').map((l) => l.trim()).filter(Boolean);
  for (const line of lines) {
    const parts = line.split(', ');
    assert.equal(new Set(parts).size, parts.length, `a name said twice: ${line}`);
  }
  // Each copy list runs to the next letter's letterhead (the owner's name).
  for (const chunk of docx.split('\nCopied to\n').slice(1)) {
    const rest = chunk.split('\n').map((l) => l.trim()).filter(Boolean);
    const end = rest.indexOf(lines[0]);
    const list = rest.slice(0, end < 0 ? rest.length : end);
    assert.equal(new Set(list).size, list.length, `someone copied twice: ${list}`);
  }
  const pages = await pdfPages(`/api/v1/consultations/${round.id}/letter.pdf`);
  assert.equal(pages.length, statutory.length, 'one page a letter');
  for (const page of pages) {
    assert.match(page, /Dear /);
    assert.match(squash(page), /Yours sincerely, \S/, 'the signature on the letter\'s page');
    assert.match(page, /Copied to/);
  }
});

test('consultation_letter_keeps_its_signature_together_when_a_long_copy_list_runs_on', async () => {
  const round = await admin.post('/api/v1/consultations', {
    title: 'Signature round', first_year: 2048, years: 1, owner_inspectorate_id: inspectorates.HMIPROBATION.id,
    opens_on: day(-1), deadline: '2099-05-29', sections: [{ title: 'Priorities', questions: ['Which?'] }],
  });
  assert.equal(round.status, 201, round.text);
  for (let n = 0; n < 60; ++n) {
    const c = await contact(`Signer ${n}`, `Body ${n}`, `signer${n}@bodies.example`, 'other');
    assert.equal((await admin.post(`/api/v1/consultations/${round.json.id}/consultees`, { contact_id: c.id })).status, 201);
  }
  const pages = await pdfPages(`/api/v1/consultations/${round.json.id}/letter.pdf`);
  for (const page of pages.filter((p) => /Yours sincerely/.test(p))) {
    assert.match(squash(page), /Yours sincerely, Dame Glenys Stacey HM Chief Inspector of Probation/);
  }
});

test('consultation_document_describes_the_joint_inspection_framework_with_its_address_and_spells_out_each_abbreviation', async () => {
  const round = await demoRound();
  for (const format of ['docx', 'pdf']) {
    const path = `/api/v1/consultations/${round.id}/document.${format}`;
    const raw = format === 'docx' ? await docxText(path) : (await pdfPages(path)).join('\n');
    const text = squash(raw);
    // The demo's round has closed: the document says what it asked.
    assert.match(text, /The joint inspection framework We consulted on our joint inspection framework/, format);
    assert.ok(raw.split('\n').some((line) => /^https?:\/\/\S+\/joint-inspection-framework$/.test(line.trim())),
      `${format}: the framework's public address on a line of its own`);
    for (const [short, full] of [['CQC', 'Care Quality Commission'], ['HIW', 'Healthcare Inspectorate Wales'],
      ['HMI Prisons', 'HM Inspectorate of Prisons'], ['CJ', 'criminal justice']]) {
      const spelt = `${short}: ${full}`;
      assert.ok(text.includes(spelt), `${format}: ${spelt}`);
      const first = text.search(new RegExp(`\\b${short}\\b`));
      assert.equal(first, text.indexOf(spelt), `${format}: ${short} is spelt out before it is used`);
    }
    assert.ok(text.indexOf('Abbreviations') < text.indexOf('The joint inspection framework We consult'), format);
  }
});

test('R9_R10_the_consultation_document_holds_the_draft_programme_and_how_to_respond_by_email_and_post_naming_nobody', async () => {
  await setContacts('HMIPROBATION', { email: 'joint.consultation@probation.example', queries_name: 'Robin Queries' });
  const round = await admin.post('/api/v1/consultations', {
    title: 'Consultation on the joint programme 2017-18', first_year: 2017, years: 1,
    owner_inspectorate_id: inspectorates.HMIPROBATION.id, opens_on: '2016-12-01', deadline: '2099-05-29',
    sections: [{ title: 'Priorities', questions: ['Are these the right priorities?'] }],
  });
  assert.equal(round.status, 201, round.text);
  const moj = await contact('Morgan Department', 'Ministry of Justice', 'morgan@moj.example', 'department');
  await admin.post(`/api/v1/consultations/${round.json.id}/consultees`, { contact_id: moj.id });

  for (const format of ['docx', 'pdf']) {
    const path = `/api/v1/consultations/${round.json.id}/document.${format}`;
    const text = squash(format === 'docx' ? await docxText(path) : (await pdfPages(path)).join('\n'));
    assert.match(text, /The draft programme for 2017-18/, format);
    for (const part of ['Continuing commitments', 'New inspections', 'Collaborative work', 'Scoping', 'Other programmes']) {
      assert.match(text, new RegExp(part), `${format}: ${part}`);
    }
    assert.match(text, /Prison Offender Management Inspections \(POMI\)/, format);
    assert.match(text, /Lead inspectorate/, format);
    assert.match(text, /Others involved/, format);
    assert.match(text, /HMI Probation joins HMI Prisons/, `${format}: each work stream's summary`);
    assert.match(text, /Friday 29 May 2099/, `${format}: the deadline in words`);
    assert.doesNotMatch(text, /2099-05-29/, format);
    assert.match(text, /By email:? joint\.consultation@probation\.example/, format);
    assert.match(text, /By post:? HM Inspectorate of Probation, 1st Floor, Manchester Civil Justice Centre, 1 Bridge Street West, Manchester M3 3FX/, format);
    assert.match(text, /Ministry of Justice/, format);
    for (const person of ['Robin Queries', 'Morgan Department', 'Glenys Stacey']) {
      assert.doesNotMatch(text, new RegExp(person), `${format} names nobody: ${person}`);
    }
  }
});

test('R9_one_covering_letter_per_statutory_consultee_signed_by_the_chief_inspector_with_a_name_for_queries_and_the_copy_list_grouped', async () => {
  await setContacts('HMIPROBATION', { email: 'joint.consultation@probation.example', queries_name: 'Robin Queries' });
  const round = await admin.post('/api/v1/consultations', {
    title: 'Letters round', first_year: 2017, years: 2, owner_inspectorate_id: inspectorates.HMIPROBATION.id,
    opens_on: '2016-12-01', deadline: '2099-05-29', sections: [{ title: 'Priorities', questions: ['Which?'] }],
  });
  assert.equal(round.status, 201, round.text);
  const statutory = round.json.consultees.filter((c) => c.statutory);
  const prisons = statutory.find((c) => c.organisation === 'HMI Prisons');
  const chief = await contact('Charlie Prisons', 'HM Inspectorate of Prisons', 'charlie@prisons.example');
  assert.equal((await admin.patch(`/api/v1/consultees/${prisons.id}`, { contact_id: chief.id })).status, 200);
  const copied = [
    await contact('Yan Youth', 'Youth Justice Board', 'yan@yjb.example', 'youth'),
    await contact('Oli Other', 'A charity', 'oli@charity.example'),
    await contact('Wyn Wales', 'Welsh Government', 'wyn@wales.example', 'wales'),
    await contact('Ash Agency', 'HM Prison and Probation Service', 'ash@hmpps.example', 'agency'),
    await contact('Dee Department', 'Ministry of Justice', 'dee@moj.example', 'department'),
  ];
  for (const c of copied) {
    assert.equal((await admin.post(`/api/v1/consultations/${round.json.id}/consultees`, { contact_id: c.id })).status, 201);
  }

  const docx = await docxText(`/api/v1/consultations/${round.json.id}/letter.docx`);
  const pages = await pdfPages(`/api/v1/consultations/${round.json.id}/letter.pdf`);
  for (const [format, text] of [['docx', docx], ['pdf', pages.join('\n')]]) {
    const letters = squash(text).split(/(?=HM Inspectorate of Probation 1st Floor)/).filter((l) => /Dear /.test(l));
    assert.equal(letters.length, statutory.length, `${format}: one letter per statutory consultee`);
    const salutations = letters.map((l) => l.match(/Dear [^,]+,/)[0]);
    assert.ok(salutations.includes('Dear Minister,'), `${format}: ${salutations}`);
    assert.ok(salutations.includes('Dear Chief Inspector,'), `${format}: ${salutations}`);
    assert.ok(!salutations.some((s) => /Charlie Prisons/.test(s)), `${format}: greeted by office, not full name: ${salutations}`);
    assert.ok(salutations.includes('Dear Chief Executive,'), `${format}: ${salutations}`);
    for (const letter of letters) {
      assert.match(letter, /The enclosed consultation document sets out the work we propose for 2017-18/, format);
      assert.match(letter, /Friday 29 May 2099/, format);
      assert.match(letter, /Please direct any queries to Robin Queries at joint\.consultation@probation\.example/, format);
      assert.match(letter, /Yours sincerely, Dame Glenys Stacey HM Chief Inspector of Probation/, format);
      const list = letter.slice(letter.indexOf('Copied to'));
      assert.match(list, /Government departments Dee Department, Ministry of Justice Agencies Ash Agency, HM Prison and Probation Service Wales Wyn Wales, Welsh Government Youth justice Yan Youth, Youth Justice Board Other interested parties Oli Other, A charity/, `${format}: ${list}`);
    }
  }
  // In the PDF each letter starts on its own page.
  assert.equal(pages.filter((p) => /Dear /.test(p)).length, statutory.length);
});

test('each letter of the pack is numbered from its own page 1, goes to its contact\'s organisation, keeps its headings with their lines and its response address whole', async () => {
  const round = await admin.post('/api/v1/consultations', {
    title: 'Numbered letters round', first_year: 2047, years: 2, owner_inspectorate_id: inspectorates.HMIPROBATION.id,
    opens_on: day(-1), deadline: '2099-05-29', sections: [{ title: 'Priorities', questions: ['Which?'] }],
  });
  assert.equal(round.status, 201, round.text);
  const ministers = round.json.consultees.find((c) => c.category === 'minister');
  const office = await contact('Morgan Private', 'Ministry of Justice', 'morgan.private@moj.example');
  assert.equal((await admin.patch(`/api/v1/consultees/${ministers.id}`, { contact_id: office.id })).status, 200);
  for (let n = 0; n < 30; ++n) {
    const c = await contact(`Person ${n}`, `Interested body ${n}`, `person${n}@bodies.example`, n % 2 ? 'agency' : 'other');
    assert.equal((await admin.post(`/api/v1/consultations/${round.json.id}/consultees`, { contact_id: c.id })).status, 201);
  }
  const file = await download(`/api/v1/consultations/${round.json.id}/letter.pdf`);
  const pages = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim() !== '');
  const numbers = pages.map((p) => p.match(/· Page (\d+) of (\d+)/)).map((m) => m && [Number(m[1]), Number(m[2])]);
  assert.ok(numbers.every(Boolean), 'every page says "Page n of m"');
  let letters = 0;
  for (let i = 0; i < pages.length; ++i) {
    if (/Dear /.test(pages[i])) {
      ++letters;
      assert.equal(numbers[i][0], 1, `a letter starts on its page 1: page ${i + 1}`);
      const total = numbers[i][1];
      assert.ok(total >= 2, 'the long copy list runs on');
      for (let k = 1; k < total; ++k) assert.deepEqual(numbers[i + k], [k + 1, total]);
    }
    // No heading of the copy list is left at the foot of a page.
    const lines = pages[i].split('\n').map((l) => l.trim()).filter((l) => l && !/· Page/.test(l));
    assert.doesNotMatch(lines.at(-1), /^(Copied to|Statutory consultees|Government departments|Agencies|Wales|Youth justice|Other interested parties)$/, `page ${i + 1} ends on a heading`);
  }
  assert.equal(letters, round.json.consultees.filter((c) => c.statutory).length);
  const text = pages.join('\n');
  const ministersLetter = squash(pages.find((p) => /Dear Minister/.test(p)));
  assert.match(ministersLetter, /Morgan Private Ministry of Justice/, 'addressed to the contact\'s organisation');
  assert.ok(text.split('\n').some((line) => new RegExp(`^https?://\\S+/consultations/${round.json.id}/respond\\S*$`).test(line.trim())),
    'the response address is whole on a line of its own');
});

test('R9_R10_the_consultation_document_finds_the_plan_covering_each_year_and_each_letter_is_copied_to_the_other_statutory_consultees', async () => {
  await setContacts('HMIPROBATION', { email: 'joint.consultation@probation.example', queries_name: 'Robin Queries' });
  // 2018-19 is the second year of the demo's 2017-18 plan; 2019-20 has none.
  const round = await admin.post('/api/v1/consultations', {
    title: 'Consultation on the joint programme 2018-19 and 2019-20', first_year: 2018, years: 2,
    owner_inspectorate_id: inspectorates.HMIPROBATION.id, opens_on: '2017-12-01', deadline: '2099-05-29',
    sections: [{ title: 'Priorities', questions: ['Are these the right priorities?'] }],
  });
  assert.equal(round.status, 201, round.text);
  const statutory = round.json.consultees.filter((c) => c.statutory).map((c) => c.organisation);
  for (const format of ['docx', 'pdf']) {
    const path = `/api/v1/consultations/${round.json.id}/document.${format}`;
    const text = squash(format === 'docx' ? await docxText(path) : (await pdfPages(path)).join('\n'));
    assert.match(text, /The draft programme for 2017-18/, format);
    assert.match(text, /It covers 2018-19 as the second of its two years/, format);
    assert.doesNotMatch(text, /no draft programme for 2018-19/, `${format}: the 2017-18 plan covers it`);
    assert.match(text, /There is no draft programme for 2019-20 yet/, format);

    const letterPath = `/api/v1/consultations/${round.json.id}/letter.${format}`;
    const letters = squash(format === 'docx' ? await docxText(letterPath) : (await pdfPages(letterPath)).join('\n'))
      .split(/(?=HM Inspectorate of Probation 1st Floor)/).filter((l) => /Dear /.test(l));
    assert.equal(letters.length, statutory.length, format);
    const addressed = new Set();
    for (const letter of letters) {
      const at = letter.indexOf('Copied to Statutory consultees');
      assert.ok(at > 0, `${format}: ${letter}`);
      const head = letter.slice(0, letter.indexOf('Dear '));
      const list = letter.slice(at);
      const to = statutory.filter((o) => head.includes(o));
      const copied = statutory.filter((o) => list.includes(o));
      assert.equal(copied.length, statutory.length - 1, `${format}: every other statutory consultee in ${list}`);
      for (const o of statutory) if (!copied.includes(o)) addressed.add(o);
      assert.ok(to.every((o) => !list.includes(o)) || to.length > 1, `${format}: not copied to its addressee`);
    }
    assert.equal(addressed.size, statutory.length, `${format}: each letter leaves out a different addressee`);
  }
});

test('R7_the_business_plan_has_contents_numbered_context_and_parts_its_chief_inspectors_lead_bodies_and_a_contact_page', async () => {
  const plans = await admin.get('/api/v1/plans');
  const plan = (plans.json.items ?? plans.json).find((p) => p.first_year === 2017);
  assert.ok(plan, 'the demo plan');
  const docx = squash(await docxText(`/api/v1/plans/${plan.id}/business-plan.docx`));
  const pages = await pdfPages(`/api/v1/plans/${plan.id}/business-plan.pdf`);
  const pdf = squash(pages.join('\n'));
  for (const [format, text] of [['docx', docx], ['pdf', pdf]]) {
    assert.equal(text.match(/DRAFT/g).length, 1, `${format}: DRAFT once`);
    assert.doesNotMatch(text, /DRAFT: Draft/, format);
    const entries = ['Introduction', 'A The context to our programme', '1 The landscape for joint inspection', '2 Our focus',
      '3 Our approach', '4 Deciding the programme', 'B Our programme for 2017-18', '5 Continuing commitments',
      '6 New inspections', '7 Collaborative work', '8 Scoping', '9 Other programmes of work',
      'Annex A The ten principles of public sector inspection', 'To contact us'];
    // In the PDF each line of the contents has its page at the right margin.
    const numbers = format === 'pdf' ? ` (\\d+ ){${entries.length - 1}}\\d+` : '';
    assert.match(text, new RegExp(`Contents ${entries.join(' ')}${numbers}`), format);
    assert.match(text, /1 The landscape for joint inspection 1\.1 Joint working/, format);
    assert.match(text, /4 Deciding the programme 4\.1 Before the programme/, format);
    assert.match(text, /5 Continuing commitments 5\.1 Work from earlier programmes/, format);
    assert.match(text, /9 Other programmes of work 9\.1 Development work/, format);
    assert.match(text, /Dame Glenys Stacey HM Chief Inspector of Probation/, format);
    assert.match(text, /Peter Clarke HM Chief Inspector of Prisons/, format);
    assert.ok(text.indexOf('Dame Glenys Stacey') < text.indexOf('1 The landscape for joint inspection 1.1'), `${format}: under the introduction`);
    assert.match(text, /HM Inspectorate of Court Administration closed in 2010/, format);
    assert.match(text, /Lead body/, format);
    // The DOCX keeps a table row together; the PDF's columns come out apart.
    assert.match(text, format === 'docx' ? /Shared training .*?CJJI Development Group/ : /CJJI Development Group/, format);
    const contact = text.slice(text.lastIndexOf('To contact us'));
    assert.match(contact, /Joint website:? www\.justiceinspectorates\.gov\.uk/, format);
    assert.match(contact, /Criminal Justice Joint Inspection Secretariat:? c\/o HM Inspectorate of Constabulary/, format);
    for (const place of ['Globe House', 'Kemble Street', 'Manchester M3 3FX', 'Kingsway', 'www.justiceinspectorates.gov.uk/hmiprisons']) {
      assert.ok(contact.includes(place), `${format}: ${place} on the contact page`);
    }
  }
  // The contact page is a page of its own, the last.
  assert.match(pages.at(-1), /To contact us/);
  assert.match(pages[0], /Contents/);
});

test('R14_the_demo_letters_go_on_joint_headed_paper_signed_by_a_named_officer_and_the_task_to_send_them_is_done', async () => {
  const demo = (await admin.get('/api/v1/inspections')).json.items.find((i) => i.title === 'Hate crime');
  const view = (await admin.get(`/api/v1/inspections/${demo.id}`)).json;
  assert.equal(view.tasks.find((t) => t.title === 'Send commissioning letters').status, 'done');
  // The words match the data: three forces visited, and their CPS Areas.
  assert.equal(view.sites.length, 6);
  assert.match(view.terms.sites, /^Three police forces and their CPS Areas/);
  assert.deepEqual(view.key_dates.filter((k) => k.kind === 'fieldwork').map((k) => k.title),
    ['Fieldwork: Kent and the Metropolitan Police', 'Fieldwork: South Wales Police']);
  const kent = view.letters.find((l) => l.addressee === 'Chief Constable, Kent Police');
  const docx = await docxText(`/api/v1/commissioning-letters/${kent.id}/letter.docx`);
  const lines = docx.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines[0], 'OFFICIAL');
  assert.equal(lines[1], 'Criminal Justice Joint Inspection');
  assert.ok(lines.includes('By post'), 'the demo letters went by post');
  assert.ok(lines.includes('14 August 2017'), 'dated the day it was sent');
  assert.ok(lines.includes('Dear Chief Constable,'));
  assert.deepEqual(lines.slice(-2), ['Joanna Pelham', 'HM Inspector of Constabulary and senior responsible officer']);
  const pdf = squash((await pdfPages(`/api/v1/commissioning-letters/${kent.id}/letter.pdf`)).join('\n'));
  assert.match(pdf, /Chief Constable, Kent Police/);
  assert.match(pdf, /Joint inspection of Hate crime/);
});

test('the demo commissions each site as its inspectorate does (M 15)', async () => {
  const demo = (await admin.get('/api/v1/inspections')).json.items.find((i) => i.title === 'Hate crime');
  const view = (await admin.get(`/api/v1/inspections/${demo.id}`)).json;
  const inspectorates = (await admin.get('/api/v1/inspectorates')).json.items;
  const code = (id) => inspectorates.find((i) => i.id === id).code;
  // HMICFRS writes to each Chief Constable, HMCPSI's Deputy Chief Inspector
  // to the Chief Crown Prosecutor of each Area; every letter was sent.
  const byWho = view.letters.map((l) => [code(l.commissioned_by), l.addressee.split(',')[0]]);
  assert.deepEqual(byWho.filter(([c]) => c === 'HMICFRS').map(([, a]) => a), ['Chief Constable', 'Chief Constable', 'Chief Constable']);
  assert.deepEqual(byWho.filter(([c]) => c === 'HMCPSI').map(([, a]) => a), ['Chief Crown Prosecutor', 'Chief Crown Prosecutor', 'Chief Crown Prosecutor']);
  assert.equal(new Set(view.sendings.map((s) => s.letter_id)).size, 6);
  const cps = view.letters.find((l) => l.addressee === 'Chief Crown Prosecutor, CPS South East');
  assert.match(cps.signed_by, /Deputy Chief Inspector, HM Crown Prosecution Service Inspectorate$/);
  assert.match(cps.body, /Directors of Legal Services/);
  const docx = await docxText(`/api/v1/commissioning-letters/${cps.id}/letter.docx`);
  assert.ok(docx.split('\n').includes('Dear Chief Crown Prosecutor,'));
});

test('the_audit_trail_names_inspection_records_and_its_filter_speaks_of_its_fields_as_the_page_labels_them', async () => {
  const { client } = await signIn(server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  const page = client.undocumented('the audit trail page, not the API');
  const text = async (path) => (await page.get(path)).text.replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/\s+/g, ' ');
  const sites = await text('/audit?entity_type=fieldwork_site');
  assert.match(sites, /Fieldwork site: Kent Police/);
  assert.doesNotMatch(sites, /Fieldwork site:? \d/);
  const inspections = await text('/audit?entity_type=inspection');
  assert.match(inspections, /Inspection: Hate crime/);
  assert.doesNotMatch(inspections, /Inspection:? \d/);
  // Every kind of an inspection's records, named, never "<Kind> <number>",
  // and the records a change refers to by name, not by number.
  const kinds = {
    evidence: 'Evidence', clearance: 'Clearance', delegation: 'Delegation', inspection_method: 'Method',
    interview: 'Interview', live_case_issue: 'Live case', stakeholder_liaison: 'liaison', red_line: 'Red line',
    meeting_attendance: 'attendance', report_section: 'Report section', findings_meeting: 'meeting',
    visit_place: 'place', fieldwork_arrangements: 'arrangements', terms_of_reference: 'Terms of reference',
    consultation_response: 'esponse', finding: 'Finding', finding_evidence: 'Finding', recommendation: 'Recommendation',
    recommendation_finding: 'Recommendation', engagement: 'Engagement',
  };
  for (const [kind, words] of Object.entries(kinds)) {
    const shown = await text(`/audit?entity_type=${kind}`);
    assert.match(shown, new RegExp(words, 'i'), kind);
    assert.doesNotMatch(shown, /(?:Evidence|Clearance|Delegation|Method|Interview|Live case issue|Stakeholder liaison|Red line|Meeting attendance|Report section|Findings meeting|Visit place|Fieldwork arrangements|Terms of reference|Consultation response|Finding|Finding evidence|Recommendation|Recommendation finding|Engagement)(?: item)? \d+(?!\d* (?:January|February|March|April|May|June|July|August|September|October|November|December))/, kind);
    assert.doesNotMatch(shown, /(?:Evidence|Delegation|Recorded under delegation|Section|Finding|Recommendation): \d+\b/, `${kind}: a reference by number`);
  }
  const bad = await page.get('/audit?entity_type=fieldwork_site&entity_id=first');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Enter the record number as a whole number, 1 or more/);
  assert.doesNotMatch(bad.text, /entity_id (must|needs)/);
  const alone = await page.get('/audit?entity_id=3');
  assert.match(alone.text, /Enter the kind of record too/);
});

test('R10_a_response_is_tagged_only_to_the_proposals_of_the_programme_consulted_on', async () => {
  const cj = Object.values(inspectorates).filter((i) => i.kind === 'criminal_justice' && i.closed_year === null);
  const other = await admin.post('/api/v1/proposals', {
    title: 'Remand decisions, proposed for a later year', summary: 'Remand.', scope_and_purpose: 'Remand.',
    main_question: 'Are remand decisions fair?', type: 'joint_thematic', duration_quarters: 2,
    participants: [{ inspectorate_id: cj[0].id, involvement: 'lead', effort_days: 60 }, { inspectorate_id: cj[1].id, involvement: 'support', effort_days: 20 }],
    focus: ['bringing_offenders_to_justice'], contributes_to_improvement: true, outcome_focused: true, user_perspective: true,
  });
  assert.equal(other.status, 201, other.text);
  // A round on 2018-19 consults on the demo's rolling 2017-18 programme.
  const round = await admin.post('/api/v1/consultations', {
    title: 'Joint inspection programme 2018-19', first_year: 2018, years: 1, opens_on: '2018-03-01', deadline: day(30),
    sections: [{ title: 'Priorities', questions: ['What should we inspect?'] }],
  });
  assert.equal(round.status, 201, round.text);
  const received = await admin.post(`/api/v1/consultations/${round.json.id}/responses`, { name: 'A charity', channel: 'email', received_on: day(0), answers: { 1: 'Hate crime, please.' } });
  assert.equal(received.status, 201, received.text);
  const { client } = await signIn(server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  const responses = (await client.undocumented('the responses page').get(`/consultations/${round.json.id}/responses`)).text;
  assert.match(responses, /Proposals it speaks about/);
  assert.match(responses, /Hate crime/);
  assert.doesNotMatch(responses, /Remand decisions, proposed for a later year/);
});

test('R7_a_new_years_draft_plan_names_its_current_chief_inspectors_and_says_what_is_not_written_yet', async () => {
  const created = await admin.post('/api/v1/plans', { first_year: 2027 });
  assert.equal(created.status, 201, created.text);
  // The Chief Inspector of Constabulary now, as CJCIG's member for HMICFRS.
  const member = await admin.post('/api/v1/governance/members', {
    body: 'cjcig', inspectorate_id: inspectorates.HMICFRS.id, name: 'Alex Example', role: 'HM Chief Inspector of Constabulary',
  });
  assert.equal(member.status, 201, member.text);
  const text = squash((await pdfPages(`/api/v1/plans/${created.json.id}/business-plan.pdf`)).join('\n'));
  assert.match(text, /Alex Example HM Chief Inspector of Constabulary/);
  assert.doesNotMatch(text, /Thomas Winsor/, 'not the Chief Inspector of 2017');
  assert.match(text, /The introduction to the plan for 2027-28 has not been written yet\./);
  assert.match(text, /The context to the programme for 2027-28 has not been written yet\./);
});

// The text of a staff page, tags stripped.
async function pageText(path) {
  const { client } = await signIn(server.base, 'admin@jointly.invalid', ADMIN_PASSWORD);
  const res = await client.undocumented('a page, not the API').get(path);
  return { status: res.status, html: res.text, text: res.text.replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ') };
}

test('the_audit_trail_filter_offers_kinds_of_record_in_words_and_finds_who_by_part_of_a_name_or_email', async () => {
  const { html } = await pageText('/audit');
  assert.match(html, /<select[^>]*id="entity_type"/);
  assert.match(html, /<option value="fieldwork_site"[^>]*>Fieldwork site<\/option>/);
  assert.match(html, /<option value=""[^>]*>Any kind<\/option>/);
  // Part of the address, in any case.
  const part = await admin.get('/api/v1/audit/entries?actor=ADMIN%40JOINTLY&limit=100');
  assert.equal(part.status, 200, part.text);
  assert.ok(part.json.total > 0);
  assert.ok(part.json.items.every((e) => e.actor === 'admin@jointly.invalid'), part.json.items.map((e) => e.actor).join());
  // Part of the person's name.
  const me = (await admin.get('/api/v1/me')).json;
  const named = await admin.get(`/api/v1/audit/entries?actor=${encodeURIComponent(me.name.slice(1, 5).toUpperCase())}&limit=100`);
  assert.ok(named.json.total > 0, `found by "${me.name}"`);
  assert.ok(named.json.items.every((e) => e.actor === me.email || e.actor.toLowerCase().includes(me.name.slice(1, 5).toLowerCase())));
  // The wildcards of SQL match only themselves.
  for (const wild of ['%25', '_', '!']) {
    assert.equal((await admin.get(`/api/v1/audit/entries?actor=${wild}`)).json.total, 0, wild);
  }
});

test('the_audit_trail_shows_a_programme_change_as_a_list_of_proposals_added_removed_and_moved', async () => {
  const plan = (await admin.get('/api/v1/plans')).json.items.find((p) => p.first_year === 2017);
  const { text } = await pageText(`/audit?entity_type=plan&entity_id=${plan.id}`);
  assert.match(text, /Programme ?: Hate crime, starting 20\d\d-\d\d Q\d Programme ?: /, 'one line a proposal');
  assert.doesNotMatch(text, /Proposal: \d|Start quarter/);
});

test('histories_say_each_field_and_value_in_words_and_a_body_page_shows_no_version', async () => {
  const bodies = (await admin.get('/api/v1/bodies?limit=50')).json.items;
  const body = bodies.find((b) => !b.in_london);
  const nation = body.nation === 'wales' ? 'england' : 'wales';
  const changed = await admin.patch(`/api/v1/bodies/${body.id}`, { version: body.version, nation });
  assert.equal(changed.status, 200, changed.text);
  const { text } = await pageText(`/bodies/${body.id}`);
  assert.match(text, /Nation ?: (England|Wales) → (England|Wales)/);
  assert.doesNotMatch(text, /Nation ?: (england|wales)| ?: (yes|no)\b|Version \d/);
  const probation = (await pageText(`/inspectorates/${inspectorates.HMIPROBATION.id}`)).text;
  assert.match(probation, /Criminal justice body ?: Yes/);
  assert.match(probation, /Kind of inspectorate ?: Criminal justice inspectorate/);
  assert.doesNotMatch(probation, /Is criminal justice|criminal_justice| ?: (yes|no)\b/);
});

test('responses_are_numbered_within_their_consultation_and_say_why_there_is_nothing_to_tag', async () => {
  const round = await admin.post('/api/v1/consultations', {
    title: 'A round with no programme', first_year: 2045, years: 1, opens_on: day(-1), deadline: day(30),
    sections: [{ title: 'Priorities', questions: ['What should we inspect?'] }],
  });
  assert.equal(round.status, 201, round.text);
  const received = await admin.post(`/api/v1/consultations/${round.json.id}/responses`, { name: 'A respondent', channel: 'email', received_on: day(0), answers: { 1: 'Prisons.' } });
  assert.equal(received.status, 201, received.text);
  assert.ok(received.json.id > 1, 'not the first response of all');
  const { text } = await pageText(`/consultations/${round.json.id}/responses`);
  assert.match(text, /Response 1 \(reference/);
  assert.doesNotMatch(text, new RegExp(`Response ${received.json.id} `));
  assert.match(text, /There are no proposals to tag it to/);
  assert.doesNotMatch(text, /Proposals it speaks about/);
  assert.doesNotMatch(text, /About What we did/, 'no empty About row');
});

// What a document says only while a consultation takes responses.
const inviting = /would like you to answer|We ask your views|we ask your views|We want your views|We welcome your views|are especially welcome|We consult on|Consultation questions|the work we propose\b|programme we propose\b|asks what it should contain|Who we are consulting|\byet\. We/;

test('R10_a_round_closed_early_says_in_its_document_and_letters_when_it_closed_and_invites_no_more_responses', async () => {
  const round = await admin.post('/api/v1/consultations', {
    title: 'Round closed early', first_year: 2090, years: 1, opens_on: day(-5), deadline: day(40),
    sections: [{ title: 'Priorities', questions: ['Which?'] }],
  });
  assert.equal(round.status, 201, round.text);
  assert.equal((await openRound(admin, round.json.id)).status, 200);
  const before = squash(await docxText(`/api/v1/consultations/${round.json.id}/letter.docx`));
  assert.match(before, /We would very much appreciate your views by/, 'open: the letter invites responses');
  assert.equal((await admin.post(`/api/v1/consultations/${round.json.id}/close`)).status, 200);
  for (const which of ['document', 'letter']) {
    for (const format of ['docx', 'pdf']) {
      const path = `/api/v1/consultations/${round.json.id}/${which}.${format}`;
      const text = squash(format === 'docx' ? await docxText(path) : (await pdfPages(path)).join('\n'));
      assert.match(text, /closed on \w+ \d{1,2} \w+ \d{4}/, `${which}.${format} says when it closed`);
      assert.doesNotMatch(text, /consultations\/\d+\/respond/, `${which}.${format}: no response form`);
      assert.doesNotMatch(text, /responses by|appreciate your views by|How to respond/, `${which}.${format}: no deadline to respond by`);
      assert.doesNotMatch(text, inviting, `${which}.${format}: speaks of the consultation in the past`);
    }
  }
  const letter = squash(await docxText(`/api/v1/consultations/${round.json.id}/letter.docx`));
  assert.match(letter, /The enclosed consultation document asked what it should contain, with the questions we asked\./);
  const document = squash(await docxText(`/api/v1/consultations/${round.json.id}/document.docx`));
  assert.match(document, /The questions we asked Priorities Question 1:? Which\?/);
  assert.match(document, /There was no draft programme for 2090-91 when we consulted\. We asked for views on what it should contain\./);
  assert.match(document, /Who we consulted/);
});

test('a_closed_consultation_with_a_programme_says_in_every_document_what_it_asked', async () => {
  const round = await demoRound();
  for (const which of ['document', 'letter']) {
    for (const format of ['docx', 'pdf']) {
      const path = `/api/v1/consultations/${round.id}/${which}.${format}`;
      const text = squash(format === 'docx' ? await docxText(path) : (await pdfPages(path)).join('\n'));
      assert.match(text, /closed (on|at the end of) \w+ \d{1,2} \w+ \d{4}/, `${which}.${format} says when it closed`);
      assert.doesNotMatch(text, inviting, `${which}.${format}: speaks of the consultation in the past`);
    }
  }
  const letter = squash(await docxText(`/api/v1/consultations/${round.id}/letter.docx`));
  assert.match(letter, /part by part, with the questions we asked\./);
});

test('generated_documents_name_the_2017_18_work_as_the_business_plan_does', async () => {
  const plans = await admin.get('/api/v1/plans');
  const plan = (plans.json.items ?? plans.json).find((p) => p.first_year === 2017);
  for (const format of ['docx', 'pdf']) {
    const path = `/api/v1/plans/${plan.id}/business-plan.${format}`;
    const text = squash(format === 'docx' ? await docxText(path) : (await pdfPages(path)).join('\n'));
    // The closed inspectorate's note is numbered with the landscape's points.
    assert.match(text, /1\.\d+ HM Inspectorate of Court Administration closed in 2010/, format);
    // Youth out of court disposals is collaborative work, as the plan lists it.
    const youth = text.slice(text.indexOf('Youth out of court disposals'));
    assert.match(youth, /^.{0,800}?Collaborative work, 2017-18 Q/, `${format}: ${youth.slice(0, 800)}`);
    assert.doesNotMatch(youth.slice(0, 800), /Joint thematic inspection/, format);
  }
});

test('the_demo_letters_name_each_inspectorate_as_the_directory_does_and_the_cps_interview_is_at_the_cps_area', async () => {
  const demo = (await admin.get('/api/v1/inspections')).json.items.find((i) => i.title === 'Hate crime');
  const view = (await admin.get(`/api/v1/inspections/${demo.id}`)).json;
  // The directory records no former names, so every letter uses the
  // current one: HMICFRS, never HMIC alone.
  for (const letter of view.letters) {
    assert.match(letter.body, /HM Inspectorate of Constabulary and Fire & Rescue Services/, letter.addressee);
    assert.doesNotMatch(letter.body, /HM Inspectorate of Constabulary(?! and Fire)/, letter.addressee);
  }
  const kent = view.letters.find((l) => l.addressee === 'Chief Constable, Kent Police');
  assert.match(squash(await docxText(`/api/v1/commissioning-letters/${kent.id}/letter.docx`)),
    /HM Inspectorate of Constabulary and Fire & Rescue Services and HM Crown Prosecution Service Inspectorate will carry out/);
  // HMCPSI's interview of the Chief Crown Prosecutor is held at the CPS
  // Area, not at the force visited with it.
  const cps = view.letters.find((l) => l.addressee === 'Chief Crown Prosecutor, CPS South East');
  const interview = view.interviews.find((i) => i.with_whom === 'Chief Crown Prosecutor, CPS South East');
  assert.ok(interview, 'the demo interview');
  assert.equal(interview.site_id, cps.site_id);
  const group = view.interviews.find((i) => /Kent Police$/.test(i.with_whom));
  assert.equal(group.site_id, kent.site_id);
});

test('R21_the_demo_report_of_modern_slavery_is_published_with_three_tracked_recommendations_one_answered_one_overdue', async () => {
  const demo = (await admin.get('/api/v1/inspections')).json.items.find((i) => i.title === 'Modern slavery and human trafficking');
  assert.ok(demo, 'the demo published inspection');
  // On the public website, for anyone: the report and its recommendations.
  const reports = await (await fetch(server.base + '/reports')).text();
  assert.match(reports, /Joint inspection of Modern slavery and human trafficking/);
  assert.match(reports, /Published on 13 February 2018/);
  const href = reports.match(/href="(\/reports\/\d+)"[^>]*>\s*Joint inspection of Modern slavery/)?.[1];
  assert.ok(href, 'a link to the report');
  const report = squash((await (await fetch(server.base + href)).text()).replace(/<[^>]+>/g, ' '));
  for (const n of [1, 2, 3]) assert.match(report, new RegExp(`Recommendation ${n}`));
  assert.match(report, /Building and prosecuting cases/);
  // On the tracker, to three owners: the force's accepted and verified
  // done, the CPS Area's partly accepted with an update, the Home Office's
  // unanswered and overdue.
  const hmicfrs = inspectorates.HMICFRS.id;
  const listed = (await admin.get(`/api/v1/tracker?inspectorate_id=${hmicfrs}&limit=100`)).json.items
    .filter((t) => t.report_title === 'Joint inspection of Modern slavery and human trafficking');
  assert.equal(listed.length, 3);
  assert.equal(new Set(listed.map((t) => t.owner_id)).size, 3, 'three owners');
  const views = {};
  for (const t of listed) views[t.number] = (await admin.get(`/api/v1/tracker/${t.id}`)).json;
  assert.equal(views[1].owner, 'Home Office');
  assert.equal(views[1].item.answer, 'none');
  assert.equal(views[1].overdue, true);
  assert.deepEqual(views[1].next_due, { what: 'response', due_on: '2018-04-10' });
  assert.equal(views[2].owner, 'West Yorkshire Police');
  assert.equal(views[2].item.answer, 'accepted');
  assert.equal(views[2].item.actions.length, 1);
  assert.equal(views[2].item.verified, 'implemented');
  assert.equal(views[2].overdue, false);
  assert.equal(views[3].owner, 'CPS Yorkshire and Humberside');
  assert.equal(views[3].item.answer, 'partly-accepted');
  assert.ok(views[3].events.some((e) => e.kind === 'update'), 'a progress update');
  assert.equal(views[3].overdue, false);
  const overdue = (await admin.get(`/api/v1/tracker?inspectorate_id=${hmicfrs}&overdue=yes&limit=100`)).json.items
    .filter((t) => t.report_title === 'Joint inspection of Modern slavery and human trafficking');
  assert.deepEqual(overdue.map((t) => t.number), [1]);
});
