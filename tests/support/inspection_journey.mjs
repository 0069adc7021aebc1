// Taking a joint inspection (HMICFRS leading, HMCPSI taking part) through
// the stages through the API, for the tests of the stages after them: the
// people who run it, and a step per stage.
import assert from 'node:assert/strict';
import { adminClient, userClient } from './server.mjs';

export const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

// The criminal justice inspectorates by code, and the people of the
// inspection, each a client signed in through the API as
// `key@domain`; `extra` adds more, as [key, inspectorate code, roles].
export async function journeyPeople(server, { domain = 'journey.test', extra = [] } = {}) {
  const admin = await adminClient(server);
  const cj = {};
  const all = await admin.get('/api/v1/inspectorates?limit=100');
  for (const i of all.json.items) {
    if (i.kind === 'criminal_justice' && i.closed_year === null) cj[i.code] = i.id;
  }
  const people = {};
  const add = async (key, code, roles) => {
    people[key] = await userClient(server, admin, `${key}@${domain}`, roles, { inspectorate_id: cj[code] });
    people[key].id = (await people[key].get('/api/v1/me')).json.id;
  };
  await add('police_lead', 'HMICFRS', ['lead_inspector']);
  await add('police_director', 'HMICFRS', ['inspector']);
  await add('police_rep', 'HMICFRS', ['dg_representative']);
  await add('cps_lead', 'HMCPSI', ['lead_inspector']);
  await add('cps_deputy', 'HMCPSI', ['inspector']);
  await add('cps_rep', 'HMCPSI', ['dg_representative']);
  await add('probation_rep', 'HMIPROBATION', ['dg_representative']);
  for (const [key, code, roles] of extra) await add(key, code, roles);
  return { admin, cj, people };
}

export function journey({ admin, cj, people }) {
  let serial = 0;
  const created = (res) => {
    assert.equal(res.status, 201, res.text);
    return res.json;
  };
  // Every participating inspectorate agrees; the last answer.
  const agreeAll = async (decisionId) => {
    let last;
    for (const rep of [people.police_rep, people.cps_rep]) {
      last = created(await rep.post(`/api/v1/decisions/${decisionId}/responses`, { agree: true }));
    }
    return last;
  };
  const lead = people.police_lead;
  const steps = {
    agreeAll,
    async start(title = `Joint case building ${++serial}`) {
      return created(await admin.post('/api/v1/inspections', {
        title, lead_inspectorate_id: cj.HMICFRS, participating: [cj.HMICFRS, cj.HMCPSI],
      }));
    },
    // Stage 1: leads named, terms signed off and published, timetable agreed.
    async stageOne(id) {
      for (const [client, who, code, role] of [
        [people.police_rep, 'police_lead', 'HMICFRS', 'lead_inspector'],
        [people.police_rep, 'police_director', 'HMICFRS', 'senior_overseer'],
        [people.cps_rep, 'cps_lead', 'HMCPSI', 'lead_inspector'],
        [people.cps_rep, 'cps_deputy', 'HMCPSI', 'senior_overseer'],
      ]) {
        created(await client.post(`/api/v1/inspections/${id}/team`, { user_id: people[who].id, inspectorate_id: cj[code], role }));
      }
      const view = await lead.get(`/api/v1/inspections/${id}`);
      const saved = await lead.patch(`/api/v1/inspections/${id}/terms`, {
        background: 'Why now', aims: 'To assess case building', question: 'How well do they build cases?',
        sites: 'Police forces and CPS Areas', methodology: 'File examination and interviews',
        timetable: 'Fieldwork in spring', report_structure: 'Four chapters', audience: 'The public',
        publication: 'soft_launch', version: view.json.terms.version,
      });
      assert.equal(saved.status, 200, saved.text);
      created(await lead.post(`/api/v1/inspections/${id}/methods`, {
        method: 'file_examination', value_added: 'Shows what happens', presentation: 'Figures',
      }));
      await agreeAll(created(await lead.post(`/api/v1/inspections/${id}/sign-off`)).id);
      created(await lead.post(`/api/v1/inspections/${id}/key-dates`, {
        kind: 'fieldwork', title: 'Fieldwork', starts_on: day(60), ends_on: day(80),
      }));
      await agreeAll(created(await lead.post(`/api/v1/inspections/${id}/timetable-agreement`)).id);
    },
    // Stage 2: one site, agreed, its letter authorised and posted.
    async stageTwo(id) {
      const bodies = await admin.get('/api/v1/bodies?type=police_force&limit=1');
      // Its letter goes by post, so the force needs a postal address.
      const force = bodies.json.items[0];
      if (!force.address) {
        const addressed = await admin.patch(`/api/v1/bodies/${force.id}`, { address: '1 Station Road, Testtown TE1 9ZZ', version: force.version });
        assert.equal(addressed.status, 200, addressed.text);
      }
      const site = created(await lead.post(`/api/v1/inspections/${id}/sites`, {
        body_id: bodies.json.items[0].id, fieldwork_starts_on: day(60), fieldwork_ends_on: day(62),
      }));
      await agreeAll(created(await lead.post(`/api/v1/inspections/${id}/sites-agreement`)).id);
      const letter = created(await lead.post(`/api/v1/inspections/${id}/letters`, {
        site_id: site.id, addressee: 'Chief Constable', signed_by: 'Senior responsible officer', body: 'We will inspect.',
      }));
      await agreeAll(created(await lead.post(`/api/v1/commissioning-letters/${letter.id}/authorisation`)).id);
      created(await lead.post(`/api/v1/commissioning-letters/${letter.id}/sendings`));
      return site;
    },
    // Stage 3: the fieldwork arrangements recorded and agreed.
    async stageThree(id) {
      const view = await lead.get(`/api/v1/inspections/${id}`);
      const saved = await lead.patch(`/api/v1/inspections/${id}/fieldwork-arrangements`, {
        onsite_and_remote: 'Interviews onsite', drafting: 'each_lead', inspectors_per_visit: 'A joint pair',
        security: 'Vetting', shared_before: 'Data pack', evidence_recording: 'In Jointly', debriefs: 'Daily',
        live_cases: 'Raise at once', interviews: 'question_list', version: view.json.arrangements.version,
      });
      assert.equal(saved.status, 200, saved.text);
      await agreeAll(created(await lead.post(`/api/v1/inspections/${id}/fieldwork-agreement`)).id);
    },
    // Stage 4: an evidence item recorded and agreed by both inspectorates.
    async addEvidence(id, summary = 'The charging decision was recorded late') {
      const item = created(await people.cps_lead.post(`/api/v1/inspections/${id}/evidence`, {
        method: 'document_review', gathered_on: day(0), summary,
      }));
      for (const rep of [people.police_rep, people.cps_rep]) {
        created(await rep.post(`/api/v1/evidence/${item.id}/reviews`, { version: item.version, state: 'agreed' }));
      }
      return item;
    },
    // Stages 1 to 4 done.
    async throughFieldwork(id) {
      await steps.stageOne(id);
      await steps.stageTwo(id);
      await steps.stageThree(id);
      await steps.addEvidence(id);
    },
    // Stage 5: the emerging-findings meeting held with both inspectorates
    // present, the report structure agreed, and the quality assurance of
    // the evidence agreed.
    async throughFindings(id) {
      const saved = await lead.patch(`/api/v1/inspections/${id}/findings-meeting`, {
        held_on: day(0), dg_involvement: 'Both representatives', sharing: 'nothing', version: 1,
      });
      assert.equal(saved.status, 200, saved.text);
      for (const [code, rep] of [['HMICFRS', people.police_rep], ['HMCPSI', people.cps_rep]]) {
        created(await rep.post(`/api/v1/inspections/${id}/meeting-attendance`, { inspectorate_id: cj[code], attendees: 'Representative' }));
      }
      created(await lead.post(`/api/v1/inspections/${id}/report-sections`, { position: 1, title: 'Findings' }));
      await agreeAll(created(await lead.post(`/api/v1/inspections/${id}/report-structure-agreement`)).id);
      await agreeAll(created(await lead.post(`/api/v1/inspections/${id}/evidence-assurance-agreement`)).id);
    },
  };
  return steps;
}
