// Taking a joint inspection (HMICFRS leading, HMCPSI taking part, the
// report's one section written by HMCPSI) through stage 6's final sign-off
// through the API, for the tests of stage 7: the people who run it (those
// of inspection_journey.mjs, with the HM Inspectors and Chief Inspectors
// who approve the report) and the steps.
import assert from 'node:assert/strict';
import { journeyPeople, journey, day } from './inspection_journey.mjs';

export async function stageSevenPeople(server, domain) {
  return journeyPeople(server, {
    domain,
    extra: [
      ['police_hmi', 'HMICFRS', ['hm_inspector']],
      ['police_chief', 'HMICFRS', ['chief_inspector']],
      ['cps_chief', 'HMCPSI', ['chief_inspector']],
    ],
  });
}

export function stageSeven(who) {
  const steps = journey(who);
  const ok = (res, status = 201) => {
    assert.equal(res.status, status, res.text);
    return res.json;
  };
  const view = async (id) => ok(await who.people.police_lead.get(`/api/v1/inspections/${id}`), 200);
  const homeOffice = async () => {
    const bodies = await who.admin.get('/api/v1/bodies?type=national_agency&limit=100');
    return bodies.json.items.find((b) => b.name === 'Home Office');
  };
  // An inspection through stage 6's final sign-off, its one section written
  // by HMCPSI.
  async function published() {
    const { people, cj } = who;
    const lead = people.police_lead;
    const i = await steps.start();
    await steps.throughFieldwork(i.id);
    await steps.throughFindings(i.id);
    let v = await view(i.id);
    const section = v.report_sections[0];
    ok(await lead.patch(`/api/v1/report-sections/${section.id}`, { contributor_id: cj.HMCPSI, version: section.version }), 200);
    await steps.agreeAll(ok(await lead.post(`/api/v1/inspections/${i.id}/report-structure-agreement`)).id);
    v = await view(i.id);
    ok(await people.cps_lead.post(`/api/v1/report-sections/${section.id}/drafts`, { based_on: 0, text: 'Hostility is rarely evidenced.' }));
    const finding = ok(await lead.post(`/api/v1/inspections/${i.id}/findings`, { statement: 'Hostility is rarely evidenced in files', evidence_ids: v.evidence.map((e) => e.id) }));
    ok(await lead.post(`/api/v1/inspections/${i.id}/recommendations`, {
      kind: 'recommendation', owner_id: (await homeOffice()).id, action: 'Flag hate crime', measure: 'Audit of files', due_on: day(200), finding_ids: [finding.id],
    }));
    await steps.agreeAll(ok(await lead.post(`/api/v1/inspections/${i.id}/red-lines-confirmation`)).id);
    return i;
  }

  async function signedOff(i) {
    const { people } = who;
    const lead = people.police_lead;
    const submit = (step) => lead.post(`/api/v1/inspections/${i.id}/approval-steps`, { step });
    const approve = async (client, step) => {
      const { version } = ok(await lead.get(`/api/v1/inspections/${i.id}/approvals`), 200);
      ok(await client.post(`/api/v1/inspections/${i.id}/approvals`, { step, version }));
    };
    ok(await submit('agreement'));
    await approve(people.police_rep, 'agreement');
    await approve(people.cps_rep, 'agreement');
    ok(await submit('approval'));
    await approve(people.police_hmi, 'approval');
    await approve(people.cps_chief, 'approval');
    const reader = ok(await lead.post(`/api/v1/inspections/${i.id}/critical-readers`, {
      name: 'Dr Ada Reader', organisation: 'University of Leeds', scope: 'more', asked: 'Whether it is fair', deadline: day(14), outcome: 'none',
    }));
    ok(await submit('critical_reading'));
    ok(await lead.patch(`/api/v1/critical-readers/${reader.id}`, {
      response: 'Fair', outcome: 'not_accepted', reason: 'Nothing to change', version: reader.version,
    }), 200);
    ok(await submit('sign_off'));
    await approve(people.police_chief, 'sign_off');
    await approve(people.cps_chief, 'sign_off');
  }

  return {
    published,
    signedOff,
    async stageSeven() {
      const i = await published();
      await signedOff(i);
      return i;
    },
  };
}
