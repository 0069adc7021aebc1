// Who may do what, feature by feature, through the API. Programme-wide acts
// (publishing the joint plan and dealing with CJ Ministers' comments,
// running consultations, changing the rotation, recording governance)
// belong to the joint secretariat and administrators. Chief Inspectors and
// Development Group representatives act for their own inspectorate: they
// propose work and raise joint decisions, but a Chief Inspector who speaks
// for no inspectorate can do neither (a representative always speaks for
// one: rule representative-inspectorate). Each act is tried by a role that is
// refused and by one that is allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, isoDay as day, userClient, openRound } from '../support/server.mjs';

const cj = {};
const who = {};
const made = {};

const ctx = useServer(async (ctx) => {
  const a = ctx.admin;
  const all = await a.get('/api/v1/inspectorates?limit=100');
  for (const i of all.json.items) {
    if (i.kind === 'criminal_justice' && i.closed_year === null) cj[i.code] = i.id;
  }
  const add = (name, roles, extra = {}) =>
    userClient(ctx.server, a, `${name}@example.gov.uk`, roles, extra);
  who.secretariat = await add('perm.secretariat', ['secretariat']);
  who.chief = await add('perm.chief', ['chief_inspector'], { inspectorate_id: cj.HMCPSI });
  who.rep = await add('perm.rep', ['dg_representative'], { inspectorate_id: cj.HMICFRS });
  who.chiefWithout = await add('perm.chief.none', ['chief_inspector']);
  who.reader = await add('perm.reader', ['read_only']);
  made.plan = (await a.post('/api/v1/plans', { first_year: 2033 })).json.id;
  made.round = (await a.post('/api/v1/consultations', round())).json.id;
  made.meeting = (await a.post('/api/v1/meetings', {
    body: 'cjcig', held_on: day(0), title: 'CJCIG', agenda: [{ title: 'Programme' }],
  })).json.id;
});

function round(overrides = {}) {
  return {
    title: 'Permissions round', first_year: 2033, years: 2, opens_on: day(-1), deadline: day(20),
    sections: [{ title: 'Core', questions: ['Right areas?'] }],
    ...overrides,
  };
}

let n = 0;
// Every act, with a body that the permission check is the first to judge.
const acts = {
  'publish the joint plan': (c) => c.post(`/api/v1/plans/${made.plan}/publish`),
  'send the plan to CJ Ministers': (c) => c.post(`/api/v1/plans/${made.plan}/send-to-ministers`),
  "record a CJ Minister's comment": (c) => c.post(`/api/v1/plans/${made.plan}/minister-comments`, {
    minister: 'Minister of State', received_on: day(0), comment: 'Please include rural crime.',
  }),
  'start a consultation': (c) => c.post('/api/v1/consultations', round({ title: `Round ${++n}` })),
  'open a consultation': (c) => c.post(`/api/v1/consultations/${made.round}/open`),
  'close a consultation': (c) => c.post(`/api/v1/consultations/${made.round}/close`),
  'change the rotation': (c) => c.put('/api/v1/governance/rotation', {
    order: [cj.HMIPRISONS, cj.HMICFRS, cj.HMIPROBATION, cj.HMCPSI], first_year: 2020, reason: 'Agreed',
  }),
  'record a CJCIG decision': (c) => c.post(`/api/v1/meetings/${made.meeting}/decisions`, { text: 'Agreed' }),
  'record a meeting': (c) => c.post('/api/v1/meetings', {
    body: 'cjcig', held_on: day(0), title: `Meeting ${++n}`, agenda: [{ title: 'Item' }],
  }),
  'propose work': (c) => c.post('/api/v1/proposals', {
    title: `Proposal ${++n}`, type: 'joint_thematic', duration_quarters: 1,
    participants: [{ inspectorate_id: cj.HMICFRS, involvement: 'lead', effort_days: 10 },
      { inspectorate_id: cj.HMCPSI, involvement: 'support', effort_days: 5 }],
  }),
  'change a plan': async (c) => c.patch(`/api/v1/plans/${made.plan}`, {
    version: (await ctx.admin.get(`/api/v1/plans/${made.plan}`)).json.version, context: `Context ${++n}`,
  }),
};

const programmeWide = [
  'publish the joint plan', 'send the plan to CJ Ministers', "record a CJ Minister's comment",
  'start a consultation', 'open a consultation', 'close a consultation', 'change the rotation',
  'record a CJCIG decision', 'record a meeting',
];
const forOwnInspectorate = ['propose work', 'change a plan'];

function refused(res, what) {
  assert.equal(res.status, 403, `${what}: ${res.status} ${res.text}`);
  assert.equal(res.json.rule, 'access', what);
}

function allowed(res, what) {
  assert.notEqual(res.status, 403, `${what}: ${res.text}`);
  assert.ok(res.status < 500, `${what}: ${res.status} ${res.text}`);
}

test('access_programme_wide_acts_belong_to_the_secretariat_and_administrators', async () => {
  for (const act of programmeWide) {
    for (const role of ['chief', 'rep', 'chiefWithout', 'reader']) {
      refused(await acts[act](who[role]), `${role} may not ${act}`);
    }
    allowed(await acts[act](who.secretariat), `the secretariat may ${act}`);
  }
  // The rotation changed once and the decision was recorded by the
  // secretariat; the administrator may do the same.
  allowed(await acts['record a CJCIG decision'](ctx.admin), 'an administrator records a CJCIG decision');
  allowed(await acts['publish the joint plan'](ctx.admin), 'an administrator may publish');
});

test('access_chief_inspectors_and_representatives_act_for_their_own_inspectorate', async () => {
  for (const act of forOwnInspectorate) {
    for (const role of ['chief', 'rep', 'secretariat']) {
      const res = await acts[act](who[role]);
      assert.ok(res.status === 200 || res.status === 201, `${role} may ${act}: ${res.status} ${res.text}`);
    }
    refused(await acts[act](who.chiefWithout), `a Chief Inspector for no inspectorate may not ${act}`);
    refused(await acts[act](who.reader), `a reader may not ${act}`);
  }
  const proposal = (await acts['propose work'](who.rep)).json;
  const scores = await who.chiefWithout.put(`/api/v1/proposals/${proposal.id}/scores`, { scores: {} });
  refused(scores, 'a Chief Inspector for no inspectorate may not score');
  const approval = await who.rep.post(`/api/v1/proposals/${proposal.id}/force`, { forced: 'in', reason: 'Ministers asked' });
  allowed(approval, 'a representative raises a joint decision for their inspectorate');
  refused(await who.chiefWithout.post(`/api/v1/proposals/${proposal.id}/force`, { forced: 'in', reason: 'x' }),
    'a Chief Inspector for no inspectorate raises no joint decision');
  // A proposal is changed by the inspectorates that take part in it (and
  // the secretariat), not by another inspectorate's representative.
  const outsider = await userClient(ctx.server, ctx.admin, 'perm.rep.prisons@example.gov.uk', ['dg_representative'], { inspectorate_id: cj.HMIPRISONS });
  const now = (await ctx.admin.get(`/api/v1/proposals/${proposal.id}`)).json;
  refused(await outsider.patch(`/api/v1/proposals/${proposal.id}`, { version: now.version, title: 'Taken over' }),
    'an inspectorate that does not take part may not change the proposal');
  allowed(await who.chief.patch(`/api/v1/proposals/${proposal.id}`, { version: now.version, title: 'Changed by a participant' }),
    'a participating inspectorate changes it');
});

test('access_private_consultation_responses_are_read_by_consultation_staff_only', async () => {
  const open = await ctx.admin.post('/api/v1/consultations', round({ title: 'Private responses round', first_year: 2060 }));
  await openRound(ctx.admin, open.json.id);
  await ctx.admin.post(`/api/v1/consultations/${open.json.id}/responses`, {
    name: 'Private Author', channel: 'email', received_on: day(0), consent_to_publish: false, answers: { 1: 'Mine' },
  });
  for (const role of ['chief', 'rep', 'reader']) {
    const listed = await who[role].get(`/api/v1/consultations/${open.json.id}/responses`);
    assert.equal(listed.status, 200);
    assert.doesNotMatch(listed.text, /Private Author/, role);
  }
  const staff = await who.secretariat.get(`/api/v1/consultations/${open.json.id}/responses`);
  assert.match(staff.text, /Private Author/);
});
