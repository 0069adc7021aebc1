// The demo's joint inspection in stage 5: once the fieldwork evidence is
// quality-assured by both inspectorates, they agree that it is done, hold
// the emerging-findings meeting with both present and the Development Group
// representatives involved, and agree the report structure it recorded.
#include "service/inspection_service.h"

namespace jointly {

namespace {

Status AgreeBoth(JointDecisions& decisions, const DemoInspectionPeople& people,
                 const StatusOr<DecisionView>& asked) {
  RETURN_IF_ERROR(asked.status());
  for (const auto* rep : {&people.police_rep, &people.cps_rep}) {
    RETURN_IF_ERROR(decisions.Respond(*rep, asked->stored.decision.id, true, "").status());
  }
  return OkStatus();
}

// Every item not yet agreed by an inspectorate is agreed by its
// representative, as the queries are answered.
Status AssureEvidence(InspectionService& inspections, const DemoInspectionPeople& people,
                      int64_t id) {
  ASSIGN_OR_RETURN(InspectionView v, inspections.ViewInspection(SystemCaller(), id));
  for (const auto& e : v.evidence) {
    for (const auto* rep : {&people.police_rep, &people.cps_rep}) {
      const int64_t who = rep->inspectorate_id.value_or(0);
      if (ReviewOf(e, v.reviews, who) == ReviewState::kAgreed) continue;
      EvidenceReview agreed;
      agreed.state = ReviewState::kAgreed;
      RETURN_IF_ERROR(inspections.Review(*rep, e.id, e.version, agreed).status());
    }
  }
  return OkStatus();
}

struct DemoSection {
  const char* title;
  const Caller* contributor;  // none: both jointly
  const char* covers;
};

}  // namespace

Status LoadDemoFindings(InspectionService& inspections, JointDecisions& decisions,
                        ReplayClock& clock, const DemoInspectionPeople& people, int64_t id) {
  const Caller& lead = people.police_lead;
  clock.Set(clock.NowMicros() + 14LL * 24 * 3600 * 1000000);  // a fortnight after fieldwork
  RETURN_IF_ERROR(AssureEvidence(inspections, people, id));
  RETURN_IF_ERROR(AgreeBoth(decisions, people, inspections.AskAssurance(lead, id)));
  RETURN_IF_ERROR(inspections
                      .UpdateMeeting(lead, id, 1,
                                     [&](FindingsMeeting& m) {
                                       m.held_on = Date::DayOf(clock.NowMicros()).ToIso();
                                       m.dg_involvement =
                                           "Both Development Group representatives took part: "
                                           "HMICFRS's chaired the discussion of the findings, "
                                           "HMCPSI's the report structure.";
                                       m.sharing = Sharing::kShared;
                                       m.shared =
                                           "A summary of the emerging findings, given to each "
                                           "force and CPS Area at its debrief.";
                                       return OkStatus();
                                     })
                      .status());
  for (const auto* who : {&people.police_lead, &people.cps_lead}) {
    MeetingAttendance a;
    a.inspectorate_id = who->inspectorate_id.value_or(0);
    a.attendees = "Lead inspector, senior overseer and Development Group representative";
    RETURN_IF_ERROR(inspections.AddAttendance(*who, id, a).status());
  }
  const DemoSection sections[] = {
      {"Introduction and context", nullptr, "Why hate crime, what we looked at and how"},
      {"Identifying hate crime and supporting victims", &people.police_lead,
       "First contact, flagging and victim support, from the force visits"},
      {"Building and prosecuting the case", &people.cps_lead,
       "Evidence of hostility in files, charging and sentence uplifts"},
      {"Conclusions and recommendations", nullptr, ""},
  };
  int64_t position = 0;
  for (const auto& s : sections) {
    ReportSection section;
    section.position = ++position;
    section.title = s.title;
    if (s.contributor) section.contributor_id = s.contributor->inspectorate_id;
    section.covers = s.covers;
    RETURN_IF_ERROR(inspections.AddSection(lead, id, section).status());
  }
  return AgreeBoth(decisions, people, inspections.AskStructure(lead, id));
}

}  // namespace jointly
