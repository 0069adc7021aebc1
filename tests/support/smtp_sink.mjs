// A local SMTP server for tests (npm smtp-server), on 127.0.0.1 at a port
// the system chooses, that keeps every message it is sent, parsed with npm
// mailparser. Point Jointly at `sink.url` (serve --smtp-url) and read
// `sink.messages`, or wait for them with `await sink.waitFor(n)`.
//
//   const sink = await startSmtpSink();
//   ... send ...
//   const [message] = await sink.waitFor(1);
//   message.parsed.subject, .text, .attachments[0].filename / .content
//   message.envelope.mailFrom.address, message.envelope.rcptTo[i].address
//   await sink.close();
//
// Options: `users` ({name: password}) are the accounts AUTH accepts
// (without it, AUTH is not offered); `refuse` (address => true) makes
// RCPT TO answer 550 for that address. STARTTLS is not offered, so
// smtp:// stays plain.
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export async function startSmtpSink({ users, refuse } = {}) {
  const messages = [];
  const waiting = [];
  const notify = () => {
    for (const w of [...waiting]) {
      if (messages.length >= w.count) {
        waiting.splice(waiting.indexOf(w), 1);
        clearTimeout(w.timer);
        w.resolve(messages.slice(0, w.count));
      }
    }
  };
  const server = new SMTPServer({
    logger: false,
    disabledCommands: users ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: true,
    size: 20 * 1024 * 1024,
    onAuth(auth, session, callback) {
      if (users && users[auth.username] === auth.password) return callback(null, { user: auth.username });
      return callback(new Error('Invalid user name or password'));
    },
    onRcptTo(address, session, callback) {
      if (refuse && refuse(address.address)) {
        const error = new Error(`No mailbox here by the name ${address.address}`);
        error.responseCode = 550;
        return callback(error);
      }
      return callback();
    },
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        try {
          const parsed = await simpleParser(raw);
          messages.push({
            envelope: structuredClone(session.envelope),
            user: session.user,
            raw,
            parsed,
          });
          notify();
          callback();
        } catch (e) {
          callback(e);
        }
      });
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = server.server.address().port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    // The first `count` messages, once they have arrived (rejects after
    // `timeoutMs`, naming how many did).
    waitFor(count, timeoutMs = 10000) {
      return new Promise((resolve, reject) => {
        const w = { count, resolve };
        w.timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(w), 1);
          reject(new Error(`expected ${count} messages at the SMTP sink, ${messages.length} arrived`));
        }, timeoutMs);
        waiting.push(w);
        notify();
      });
    },
    close() {
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
