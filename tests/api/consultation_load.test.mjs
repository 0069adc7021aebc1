// A bounded flood of the public response form from one address on
// 127.0.0.1: the server keeps answering everyone while it accepts only the
// first ten responses in the window and refuses the rest with 429. Prints
// what it saw; asserts behaviour, not speed (speed is for bench/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, adminClient, Client, isoDay as day, openRound } from '../support/server.mjs';

let server;
let roundId;

before(async () => {
  server = await startServer({ threads: 8 });
  const admin = await adminClient(server);
  const created = await admin.post('/api/v1/consultations', {
    title: 'Flooded round', first_year: 2030, opens_on: day(-1), deadline: day(10),
    sections: [{ title: 'Questions', questions: ['Anything to add?'] }],
  });
  roundId = created.json.id;
  await openRound(admin, roundId);
});

after(async () => {
  await server?.stop();
});

test('the public form rate-limits a flood from one address and keeps answering', async () => {
  const flooder = new Client(server.base);
  const total = 400;
  const concurrency = 16;
  const counts = {};
  let next = 0;
  let healthChecks = 0;
  let flooding = true;
  const started = Date.now();
  const health = (async () => {
    while (flooding) {
      const res = await fetch(server.base + '/api/v1/public/consultations/' + roundId);
      assert.equal(res.status, 200, 'reading the consultation kept working during the flood');
      await res.arrayBuffer();
      healthChecks += 1;
    }
  })();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const n = next++;
      const res = await flooder.post(`/api/v1/public/consultations/${roundId}/responses`,
        { name: `Sender ${n}`, answers: { 1: `Message ${n}` } });
      counts[res.status] = (counts[res.status] ?? 0) + 1;
    }
  }));
  flooding = false;
  await health;
  const seconds = (Date.now() - started) / 1000;
  console.log(`flood: ${total} posts in ${seconds.toFixed(2)} s (${Math.round(total / seconds)}/s), ` +
    `statuses ${JSON.stringify(counts)}, ${healthChecks} reads answered meanwhile`);
  assert.equal(counts[201], 10);
  assert.equal(counts[429], total - 10);
  assert.ok(healthChecks > 0);
});
