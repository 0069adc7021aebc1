// The draft report as files through the API (R19): the DOCX and the PDF
// carry the title page with the inspectorates taking part (the lead
// first), the OFFICIAL-SENSITIVE marking on every page (the DOCX's header
// and footer), each section's newest text, the findings and the
// recommendations, or concerns where the lead writes concerns; named in
// words; for whoever sees the inspection, and no one else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, userClient } from '../support/server.mjs';
import { journeyPeople, journey, day } from '../support/inspection_journey.mjs';

const ctx = {};
let steps;
const dir = mkdtempSync(join(tmpdir(), 'jointly-report-documents-'));
before(async () => {
  ctx.server = await startServer();
  ctx.who = await journeyPeople(ctx.server, { domain: 'report-documents.test' });
  steps = journey(ctx.who);
  const bodies = await ctx.who.admin.get('/api/v1/bodies?type=national_agency&limit=100');
  ctx.homeOffice = bodies.json.items.find((b) => b.name === 'Home Office');
  const all = (await ctx.who.admin.get('/api/v1/inspectorates?limit=100')).json.items;
  ctx.names = Object.fromEntries(all.map((i) => [i.code, i.full_name]));
});
after(async () => {
  await ctx.server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function ok(res, status = 201) {
  assert.equal(res.status, status, res.text);
  return res.json;
}

// An inspection in stage 6 with its one section drafted, a finding in it
// and what the report asks of the Home Office.
async function drafted(kind = 'recommendation') {
  const lead = ctx.who.people.police_lead;
  const i = await steps.start();
  await steps.throughFieldwork(i.id);
  await steps.throughFindings(i.id);
  const v = (await lead.get(`/api/v1/inspections/${i.id}`)).json;
  const section = v.report_sections[0];
  ok(await lead.post(`/api/v1/report-sections/${section.id}/drafts`, {
    based_on: 0, text: 'Victims of hate crime are not always identified.\nFlags are often missed.',
  }));
  const finding = ok(await lead.post(`/api/v1/inspections/${i.id}/findings`, {
    statement: 'Hate crime flags are missed', evidence_ids: v.evidence.map((e) => e.id), section_id: section.id,
  }));
  ok(await lead.post(`/api/v1/inspections/${i.id}/recommendations`, {
    kind, owner_id: ctx.homeOffice.id, action: 'Issue guidance on flagging', measure: 'Audit of flags',
    due_on: day(120), finding_ids: [finding.id],
  }));
  return i;
}

function save(name, bytes) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

const part = (file, name) => execFileSync('unzip', ['-p', file, name], { encoding: 'utf8' });
const words = (xml) => xml.replace(/<w:tab\/>/g, ' ').replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '')
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

test('the_draft_report_downloads_as_docx_with_its_marking_in_the_header_and_footer', async () => {
  const lead = ctx.who.people.police_lead;
  const i = await drafted();
  const res = await lead.get(`/api/v1/inspections/${i.id}/report.docx`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const disposition = res.headers.get('content-disposition');
  assert.match(disposition, /^attachment; filename="Draft report, version 1, Joint inspection of .+\.docx"/);
  const file = save('report.docx', res.bytes);
  const listing = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n');
  for (const name of ['word/document.xml', 'word/header1.xml', 'word/footer1.xml', 'word/styles.xml']) {
    assert.ok(listing.includes(name), `${name} in ${listing}`);
  }
  assert.match(part(file, 'word/document.xml'), /<w:headerReference w:type="default" r:id="rId2"\/>/);
  assert.match(part(file, 'word/_rels/document.xml.rels'), /Target="header1.xml"/);
  assert.match(part(file, '\\[Content_Types\\].xml'), /\/word\/header1.xml/);
  assert.equal(words(part(file, 'word/header1.xml')).trim(), 'OFFICIAL-SENSITIVE');
  assert.equal(words(part(file, 'word/footer1.xml')).trim(), 'OFFICIAL-SENSITIVE');
  const text = words(part(file, 'word/document.xml'));
  const lines = text.split('\n');
  // The title page: the lead first, then the others taking part.
  assert.ok(lines.includes('DRAFT'));
  assert.ok(lines.includes(`A joint inspection by ${ctx.names.HMICFRS} and ${ctx.names.HMCPSI}, led by ${ctx.names.HMICFRS}.`), text);
  assert.ok(lines.indexOf(ctx.names.HMICFRS) < lines.indexOf(ctx.names.HMCPSI));
  assert.ok(lines.some((l) => /^Draft version 1, \d+ \w+ \d{4}$/.test(l)), text);
  // Contents, the section's text, the finding, the recommendation.
  for (const expected of ['Contents', '1  Findings', 'Victims of hate crime are not always identified.',
    'Flags are often missed.', '1 Hate crime flags are missed', 'Recommendations', 'Recommendation 1',
    'Issue guidance on flagging', 'Owner: Home Office', 'How it will be measured: Audit of flags',
    'The finding it answers: 1']) {
    assert.ok(lines.includes(expected), `${expected} in\n${text}`);
  }
  // Two inspectorates may both read it; the same report gives the same file.
  const again = await ctx.who.people.cps_rep.get(`/api/v1/inspections/${i.id}/report.docx`);
  assert.equal(again.status, 200);
  assert.deepEqual(Buffer.from(again.bytes), Buffer.from(res.bytes));
});

test('the_draft_report_downloads_as_a_pdf_marked_on_every_page', async () => {
  const lead = ctx.who.people.police_lead;
  const i = await drafted();
  const res = await lead.get(`/api/v1/inspections/${i.id}/report.pdf`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.match(res.headers.get('content-disposition'), /filename="Draft report, version 1, Joint inspection of .+\.pdf"/);
  const file = save('report.pdf', res.bytes);
  const pages = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim() !== '');
  assert.ok(pages.length >= 3, `${pages.length} pages`);
  for (const page of pages) {
    // At the top and the foot.
    assert.equal(page.split('\n').filter((line) => line.trim() === 'OFFICIAL-SENSITIVE').length, 2, page);
  }
  const all = pages.join('\n').replace(/\s+/g, ' ');
  assert.ok(all.includes(`A joint inspection by ${ctx.names.HMICFRS} and ${ctx.names.HMCPSI}`), all);
  assert.match(all, /Contents .*Findings .*Recommendations/);
  assert.ok(all.includes('Victims of hate crime are not always identified.'));
  assert.ok(all.includes('Issue guidance on flagging'));
  // A page rendered, for a person to look at.
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '3', file, join(dir, 'page')]);
  assert.equal(readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png')).length, 3);
  if (process.env.JOINTLY_SCREENSHOTS) {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', file, join(process.env.JOINTLY_SCREENSHOTS, 'report-pdf')]);
  }
});

test('R19_prisons_led_report_speaks_of_concerns', async () => {
  const { admin, cj } = ctx.who;
  const lead = ctx.who.people.police_lead;
  const style = async (findings) => {
    const now = (await admin.get(`/api/v1/inspectorates/${cj.HMICFRS}`)).json;
    ok(await admin.patch(`/api/v1/inspectorates/${cj.HMICFRS}`, { findings, version: now.version }), 200);
  };
  await style('concerns');
  try {
    const i = await drafted('concern');
    const docx = save('concerns.docx', (await lead.get(`/api/v1/inspections/${i.id}/report.docx`)).bytes);
    const text = words(part(docx, 'word/document.xml'));
    assert.doesNotMatch(text, /recommendation/i);
    assert.ok(text.split('\n').includes('Concerns'), text);
    assert.ok(text.split('\n').includes('Concern 1'), text);
    const pdf = save('concerns.pdf', (await lead.get(`/api/v1/inspections/${i.id}/report.pdf`)).bytes);
    const pages = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    assert.doesNotMatch(pages, /recommendation/i);
    assert.match(pages, /Concerns/);
  } finally {
    await style('recommendations');
  }
});

test('the_draft_report_is_for_those_who_see_the_inspection', async () => {
  const { admin } = ctx.who;
  const i = await steps.start();
  const stranger = await userClient(ctx.server, admin, 'stranger@report-documents.test', ['inspector']);
  for (const format of ['docx', 'pdf']) {
    const res = await stranger.get(`/api/v1/inspections/${i.id}/report.${format}`);
    assert.equal(res.status, 404, res.text);
    assert.equal((await stranger.get(`/api/v1/inspections/999999/report.${format}`)).status, 404);
  }
  // Before any section is written the report says so, and still downloads.
  const early = await admin.get(`/api/v1/inspections/${i.id}/report.docx`);
  assert.equal(early.status, 200);
  assert.match(early.headers.get('content-disposition'), /filename="Draft report, Joint inspection of /);
});
