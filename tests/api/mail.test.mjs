// E-mail through a real SMTP server (the sink in tests/support/smtp_sink.mjs
// on 127.0.0.1): what Jointly's SMTP Mailer (libcurl) sends arrives as it
// was composed, `jointly mail test` checks a configuration, `serve` says
// whether e-mail is configured, and a server that refuses or cannot be
// reached is named. Also iCalendar files read by ical.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSmtpSink } from '../support/smtp_sink.mjs';
import { parseICalendar } from '../support/icalendar.mjs';

// Runs a program without blocking this process, whose SMTP sink must
// answer meanwhile: {status, stdout, stderr}.
function run(bin, args, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input === undefined ? '' : JSON.stringify(input));
  });
}

function tool(args, input) {
  const bin = process.env.JOINTLY_TEST_TOOL;
  if (!bin) throw new Error('JOINTLY_TEST_TOOL must name the test_tool binary (ctest sets it)');
  return run(bin, args, input);
}

function jointly(...args) {
  return run(process.env.JOINTLY_BIN, args);
}

// A port on 127.0.0.1 where nothing listens.
async function closedPort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

test('a letter with a Welsh subject and attachments arrives through SMTP as it was sent', async () => {
  const sink = await startSmtpSink();
  const dir = mkdtempSync(join(tmpdir(), 'jointly-mail-'));
  try {
    const pdf = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));
    const docx = Buffer.from('PK\u0003\u0004 not really a document, but bytes all the same');
    writeFileSync(join(dir, 'letter.pdf'), pdf);
    writeFileSync(join(dir, 'letter.docx'), docx);
    const subject = 'Llythyr comisiynu: arolygiad ar y cyd o Heddlu Dyfed-Powys – “ŵyl” 2026 ✓ '
      + 'and a long English tail so that the subject needs more than one encoded word';
    const body = 'Dear Chief Constable,\n\nThe fieldwork starts on Monday 7 September 2026.\n'
      + '.\n.. a line that starts with dots\nCroeso – £10\n\nYours sincerely\n';
    const sent = await tool(['send-mail', sink.url, 'secretariat@jointly.example.gov.uk'], {
      from: { name: 'Ysgrifenyddiaeth ar y Cyd' },
      to: [{ name: 'Chief Constable', address: 'chief.constable@dyfed-powys.police.example' }],
      cc: ['dls@cps.example', { name: 'Arolygydd Arweiniol', address: 'lead@hmicfrs.example' }],
      subject,
      body,
      attachments: [
        { file_name: 'Commissioning letter.pdf', media_type: 'application/pdf', path: join(dir, 'letter.pdf') },
        {
          file_name: 'Llythyr comisiynu – ŵyl.docx',
          media_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          path: join(dir, 'letter.docx'),
        },
      ],
    });
    assert.equal(sent.status, 0, sent.stderr);
    const [message] = await sink.waitFor(1);
    const m = message.parsed;
    assert.equal(m.subject, subject);
    assert.equal(m.from.value[0].name, 'Ysgrifenyddiaeth ar y Cyd');
    assert.equal(m.from.value[0].address, 'secretariat@jointly.example.gov.uk');
    assert.deepEqual(m.to.value.map((a) => [a.name, a.address]),
      [['Chief Constable', 'chief.constable@dyfed-powys.police.example']]);
    assert.deepEqual(m.cc.value.map((a) => [a.name, a.address]),
      [['', 'dls@cps.example'], ['Arolygydd Arweiniol', 'lead@hmicfrs.example']]);
    assert.equal(m.text, body);
    assert.ok(m.messageId.endsWith('@jointly.example.gov.uk>'), m.messageId);
    assert.ok(m.date instanceof Date && !Number.isNaN(m.date.getTime()));
    assert.deepEqual(m.attachments.map((a) => [a.filename, a.contentType]), [
      ['Commissioning letter.pdf', 'application/pdf'],
      ['Llythyr comisiynu – ŵyl.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ]);
    assert.ok(m.attachments[0].content.equals(pdf));
    assert.ok(m.attachments[1].content.equals(docx));
    // The envelope: from the configured sender, to everyone in To and Cc.
    assert.equal(message.envelope.mailFrom.address, 'secretariat@jointly.example.gov.uk');
    assert.deepEqual(message.envelope.rcptTo.map((r) => r.address).sort(),
      ['chief.constable@dyfed-powys.police.example', 'dls@cps.example', 'lead@hmicfrs.example']);
    // What travelled is ASCII in CRLF lines of at most 998 characters.
    const raw = message.raw.toString('latin1');
    assert.doesNotMatch(raw, /[^\r]\n/);
    assert.doesNotMatch(raw, /[^\x00-\x7f]/);
    for (const line of raw.split('\r\n')) assert.ok(line.length <= 998);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sink.close();
  }
});

test('jointly mail test sends a message through the server, signing in when the URL names a user', async () => {
  const sink = await startSmtpSink({ users: { jointly: 'a mail password' } });
  try {
    const url = `smtp://jointly:a%20mail%20password@127.0.0.1:${sink.port}`;
    const sent = await jointly('mail', 'test', '--smtp-url', url, '--mail-from', 'jointly@example.gov.uk',
      '--to', 'admin@example.gov.uk', '--to', 'ops@example.gov.uk');
    assert.equal(sent.status, 0, sent.stderr);
    assert.match(sent.stdout, new RegExp(`Sent a test message to 2 recipients through smtp://127\\.0\\.0\\.1:${sink.port}\\.`));
    assert.doesNotMatch(sent.stdout, /password/);
    const [message] = await sink.waitFor(1);
    assert.equal(message.user, 'jointly');
    assert.equal(message.parsed.subject, 'Jointly can send e-mail');
    assert.deepEqual(message.parsed.from.value, [{ name: 'Jointly', address: 'jointly@example.gov.uk' }]);
    assert.match(message.parsed.text, /This is a test message from Jointly/);

    const wrong = await jointly('mail', 'test', '--smtp-url', `smtp://jointly:wrong@127.0.0.1:${sink.port}`,
      '--mail-from', 'jointly@example.gov.uk', '--to', 'admin@example.gov.uk');
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, new RegExp(`Could not send the e-mail through smtp://127\\.0\\.0\\.1:${sink.port}: `));
    assert.doesNotMatch(wrong.stderr, /wrong/);
  } finally {
    await sink.close();
  }
});

test('a server that refuses a recipient, or is not there, is named in the error', async () => {
  const sink = await startSmtpSink({ refuse: (address) => address.startsWith('nobody@') });
  try {
    const refused = await jointly('mail', 'test', '--smtp-url', sink.url, '--mail-from', 'jointly@example.gov.uk',
      '--to', 'nobody@example.gov.uk');
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, new RegExp(`through smtp://127\\.0\\.0\\.1:${sink.port}: .*the server's last answer was 550`));
    assert.equal(sink.messages.length, 0);
  } finally {
    await sink.close();
  }
  const port = await closedPort();
  const away = await jointly('mail', 'test', '--smtp-url', `smtp://127.0.0.1:${port}`, '--mail-from', 'jointly@example.gov.uk',
    '--to', 'admin@example.gov.uk');
  assert.equal(away.status, 1);
  assert.match(away.stderr, new RegExp(`Could not send the e-mail through smtp://127\\.0\\.0\\.1:${port}: `));

  const badUrl = await jointly('mail', 'test', '--smtp-url', 'mail.example.gov.uk:25', '--mail-from', 'jointly@example.gov.uk',
    '--to', 'admin@example.gov.uk');
  assert.equal(badUrl.status, 1);
  assert.match(badUrl.stderr, /Give the mail server as smtp:\/\/host:port or smtps:\/\/host:port/);
});

// Starts `jointly serve` with `args` and returns what it printed once it
// serves (then stops it), or how it failed.
async function serveOnce(args) {
  const dir = mkdtempSync(join(tmpdir(), 'jointly-serve-'));
  try {
    const child = spawn(process.env.JOINTLY_BIN,
      ['--db', `sqlite:${join(dir, 'jointly.db')}`, 'serve', '--port', '0', ...args]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const code = await new Promise((resolve) => {
      child.on('exit', (c) => resolve(c));
      const timer = setInterval(() => {
        if (/password: /.test(out)) {
          clearInterval(timer);
          child.kill('SIGTERM');
        }
      }, 50);
      child.on('exit', () => clearInterval(timer));
    });
    return { code, out, err };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('serve says whether e-mail is configured, and does not start with a mail server it cannot use', async () => {
  const plain = await serveOnce([]);
  assert.match(plain.out, /E-mail is not configured: nothing is sent by e-mail \(see serve --smtp-url\)\./);
  const sink = await startSmtpSink();
  try {
    const configured = await serveOnce(['--smtp-url', sink.url, '--mail-from', 'jointly@example.gov.uk']);
    assert.match(configured.out, new RegExp(`E-mail is sent through smtp://127\\.0\\.0\\.1:${sink.port} from jointly@example\\.gov\\.uk\\.`));
  } finally {
    await sink.close();
  }
  const noSender = await serveOnce(['--smtp-url', 'smtp://127.0.0.1:25']);
  assert.equal(noSender.code, 1);
  assert.match(noSender.err, /Give the address e-mail is sent from with --mail-from/);
  const noServer = await serveOnce(['--mail-from', 'jointly@example.gov.uk']);
  assert.equal(noServer.code, 1);
  assert.match(noServer.err, /--mail-from needs --smtp-url/);
});

test('an iCalendar file is read by ical.js with every field as it was given', async () => {
  const description = Array.from({ length: 20 }, (_, i) =>
    `Gwaith maes ar y cyd – “ŵyl” ✓ 𝄞; line ${i}, with \\ marks`).join('\n');
  const made = await tool(['icalendar', '1764567113'], {
    name: 'Joint inspection: timetable',
    events: [
      {
        uid: 'inspection-7-fieldwork-2@jointly.example.gov.uk',
        first_day: '2026-07-06',
        last_day: '2026-07-10',
        summary: 'Fieldwork: Gwent; Dyfed-Powys, and \\ others',
        description,
        location: 'Heddlu Gwent, Cwmbrân',
        categories: ['Fieldwork', 'Joint, HMICFRS'],
      },
      {
        uid: 'inspection-7-erg-1@jointly.example.gov.uk',
        sequence: 2,
        first_day: '2026-07-01',
        last_day: '2026-07-01',
        start_time: '10:00',
        end_time: '12:30',
        summary: 'External reference group',
      },
      {
        uid: 'inspection-7-erg-2@jointly.example.gov.uk',
        first_day: '2026-12-01',
        last_day: '2026-12-01',
        start_time: '10:00',
        end_time: '11:00',
        summary: 'External reference group (winter)',
      },
    ],
  });
  assert.equal(made.status, 0, made.stderr);
  const calendar = parseICalendar(made.stdout);
  assert.equal(calendar.version, '2.0');
  assert.equal(calendar.prodid, '-//Jointly//Joint inspection calendar//EN');
  assert.equal(calendar.name, 'Joint inspection: timetable');
  assert.deepEqual(calendar.timezones, ['Europe/London']);
  const [fieldwork, summer, winter] = calendar.events;
  assert.deepEqual(fieldwork, {
    uid: 'inspection-7-fieldwork-2@jointly.example.gov.uk',
    sequence: 0,
    stamp: '2025-12-01T05:31:53Z',
    summary: 'Fieldwork: Gwent; Dyfed-Powys, and \\ others',
    description,
    location: 'Heddlu Gwent, Cwmbrân',
    categories: ['Fieldwork', 'Joint, HMICFRS'],
    start: { date: '2026-07-06' },
    end: { date: '2026-07-11' },
  });
  assert.equal(summer.sequence, 2);
  assert.deepEqual(summer.start, { dateTime: '2026-07-01T10:00:00', tzid: 'Europe/London', utc: '2026-07-01T09:00:00.000Z' });
  assert.deepEqual(summer.end, { dateTime: '2026-07-01T12:30:00', tzid: 'Europe/London', utc: '2026-07-01T11:30:00.000Z' });
  assert.equal(winter.start.utc, '2026-12-01T10:00:00.000Z');

  const refused = await tool(['icalendar', '0'], { events: [{ uid: 'x', first_day: '2026-07-02', last_day: '2026-07-01', summary: 'Backwards' }] });
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /events\[0\]\.last_day: The event must end after it starts/);
});
