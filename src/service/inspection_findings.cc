// Use cases of stage 5 (M 29-32; R17, R18): the emerging-findings meeting,
// each participating inspectorate's presence at it, the report structure it
// agreed and its agreement by every inspectorate (R11), and the agreement
// of every inspectorate that the quality assurance of the evidence is done.
#include "core/text.h"
#include "service/audit_trail.h"
#include "service/inspection_parts.h"
#include "service/inspection_service.h"
#include "store/decision_store.h"
#include "store/directory_store.h"
#include "store/drafting_store.h"
#include "store/fieldwork_store.h"
#include "store/findings_store.h"

namespace jointly {

using nlohmann::json;
using namespace inspection_parts;  // NOLINT(google-build-using-namespace)

namespace {

// Keeps the report's sections numbered 1..n (rule "section-order"):
// `placed`, when given, stays where it was put and the others shift around
// it; each section whose place changes is moved, as a new version of it.
Status KeepSectionOrder(Transaction& tx, int64_t inspection_id, const ReportSection* placed,
                        const std::string& now) {
  ASSIGN_OR_RETURN(auto all, PartsOf(tx, ReportSectionRecord(), inspection_id));
  std::map<int64_t, int64_t> stored;
  std::vector<ReportSection> others;
  for (const auto& s : all) {
    stored[s.id] = s.position;
    if (!placed || s.id != placed->id) others.push_back(s);
  }
  const auto wanted = placed ? Placed(std::move(others), *placed) : Renumbered(std::move(others));
  for (const auto& s : wanted) {
    if (placed && s.id == placed->id) continue;
    if (stored[s.id] != s.position) RETURN_IF_ERROR(SetSectionPosition(tx, s.id, s.position, now));
  }
  return OkStatus();
}

// Every error of a section at once: its fields, its contributor and its
// place among the `last` positions it may take.
Status SectionErrors(const Status& shape, const Inspection& inspection,
                     const ReportSection& section, int64_t last) {
  return MergeFieldErrors(MergeFieldErrors(shape, CheckSectionContributor(inspection, section)),
                          CheckSectionPosition(section, last));
}

}  // namespace

template <typename T>
InspectionService::PartThen<T> InspectionService::BumpMeeting() {
  return [this](Transaction& tx, const T& before, const T*) {
    return BumpMeetingVersion(tx, before.inspection_id, NowText(clock_)).status();
  };
}

void InspectionService::RegisterFindings() {
  // Agreeing either changes nothing but the agreement itself.
  auto nothing = [](Transaction&, const StoredDecision&, const Caller&, const std::string&) {
    return OkStatus();
  };
  auto seen_by = [this](Transaction& tx, const StoredDecision& d, const Caller& caller) {
    return SeesInspection(tx, caller, d.subject_id);
  };
  DecisionKind structure;
  structure.ask = Permission::kRunInspections;
  structure.apply = nothing;
  structure.subject_version = [](Transaction& tx, int64_t inspection_id) -> StatusOr<int64_t> {
    ASSIGN_OR_RETURN(auto all, PartsOf(tx, FindingsMeetingRecord(), inspection_id));
    if (all.empty()) return NotFound("No emerging-findings meeting");
    return all.front().version;
  };
  structure.subject_json = [](const StoredDecision& d) {
    return OnInspection(d.subject_id, "/findings", "See the report structure");
  };
  structure.seen_by = seen_by;
  structure.answerable = UnsettledIn(InspectionStage::kFindings);
  decisions_.Register(kStructureAgreement, std::move(structure));

  DecisionKind assurance;
  assurance.ask = Permission::kRunInspections;
  assurance.apply = nothing;
  assurance.subject_version = [](Transaction& tx, int64_t inspection_id) -> StatusOr<int64_t> {
    ASSIGN_OR_RETURN(auto items, PartsOf(tx, EvidenceRecord(), inspection_id));
    return EvidenceRegisterVersion(items);
  };
  assurance.subject_json = [](const StoredDecision& d) {
    return OnInspection(d.subject_id, "/evidence", "See the evidence register");
  };
  assurance.seen_by = seen_by;
  assurance.answerable = UnsettledIn(InspectionStage::kFindings);
  decisions_.Register(kAssuranceAgreement, std::move(assurance));
}

Status InspectionService::ReadFindings(Transaction& tx, InspectionView& v, InspectionFacts& f,
                                       bool whole) {
  const int64_t id = v.inspection.id;
  ASSIGN_OR_RETURN(auto meeting, PartsOf(tx, FindingsMeetingRecord(), id));
  // Not yet recorded: as it will be made, at version 1.
  if (meeting.empty()) {
    v.meeting.inspection_id = id;
    v.meeting.version = 1;
  } else {
    v.meeting = meeting.front();
  }
  ASSIGN_OR_RETURN(v.attendance, PartsOf(tx, AttendanceRecord(), id));
  ASSIGN_OR_RETURN(auto sections, PartsOf(tx, ReportSectionRecord(), id));
  v.sections = InReportOrder(std::move(sections));
  ASSIGN_OR_RETURN(v.structure_agreement,
                   ReadAgreement(tx, v, kStructureAgreement, v.meeting.version, whole));
  ASSIGN_OR_RETURN(v.assurance_agreement,
                   ReadAgreement(tx, v, kAssuranceAgreement, v.evidence_version, whole));
  f.meeting_held =
      !Trim(v.meeting.held_on).empty() && AbsentFrom(v.inspection, v.attendance).empty();
  f.dg_involved = !Trim(v.meeting.dg_involvement).empty();
  f.sections = static_cast<int>(v.sections.size());
  f.sharing_decided = v.meeting.sharing != Sharing::kUndecided;
  f.structure = v.structure_agreement;
  f.evidence_assurance = v.assurance_agreement;
  return OkStatus();
}

StatusOr<Agreement> InspectionService::ReadAgreement(Transaction& tx, InspectionView& v,
                                                     const std::string& kind, int64_t version,
                                                     bool whole) {
  const int64_t id = v.inspection.id;
  ASSIGN_OR_RETURN(auto asked, AgreementsOn(tx, kind, id));
  const Agreement agreement = AgreementOf(asked, version);
  if (!whole) return agreement;
  RETURN_IF_ERROR(KeepDeclined(tx, agreement, kind, v));
  if (agreement != Agreement::kAwaiting) return agreement;
  ASSIGN_OR_RETURN(auto open, AwaitingOn(tx, kind, id));
  for (const auto& o : open) {
    ASSIGN_OR_RETURN(StoredDecision full, GetDecision(tx, o.decision.id));
    const auto waiting = full.decision.awaiting();
    v.pending.push_back({o.decision.id, kind, {waiting.begin(), waiting.end()}});
  }
  return agreement;
}

StatusOr<FindingsMeeting> InspectionService::MeetingOf(Transaction& tx, const Caller& caller,
                                                       int64_t inspection_id) {
  ASSIGN_OR_RETURN(auto all, PartsOf(tx, FindingsMeetingRecord(), inspection_id));
  if (!all.empty()) return all.front();
  FindingsMeeting made;
  made.inspection_id = inspection_id;
  RETURN_IF_ERROR(meetings_.CreateIn(tx, caller, made));
  return made;
}

StatusOr<FindingsMeeting> InspectionService::UpdateMeeting(
    const Caller& caller, int64_t inspection_id, int64_t version,
    const std::function<Status(FindingsMeeting&)>& change) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  FindingsMeeting after;
  int64_t meeting_id = 0;  // the meeting's own, which the audit trail names
  Status s = db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kFindings));
    ASSIGN_OR_RETURN(auto all, PartsOf(tx, FindingsMeetingRecord(), inspection_id));
    // A meeting not yet made reads as version 1, as it is made.
    if (all.empty() && version == 1) {
      ASSIGN_OR_RETURN(FindingsMeeting made, MeetingOf(tx, caller, inspection_id));
      all.push_back(made);
      version = made.version;
    }
    if (all.empty()) return NotFound("No emerging-findings meeting");
    meeting_id = all.front().id;
    ASSIGN_OR_RETURN(after, meetings_.UpdateIn(tx, caller, meeting_id, version, change));
    return OkStatus();
  });
  if (s.code() == StatusCode::kAborted) {
    return ConflictDetail(db_, std::move(s), FindingsMeetingRecord().name, meeting_id, version,
                          [&](Transaction& tx) -> StatusOr<json> {
                            ASSIGN_OR_RETURN(auto all,
                                             PartsOf(tx, FindingsMeetingRecord(), inspection_id));
                            if (all.empty()) return NotFound("No emerging-findings meeting");
                            return RecordJson(FindingsMeetingRecord(), all.front());
                          });
  }
  RETURN_IF_ERROR(s);
  return after;
}

StatusOr<MeetingAttendance> InspectionService::AddAttendance(const Caller& caller,
                                                             int64_t inspection_id,
                                                             MeetingAttendance attendance) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  attendance.inspection_id = inspection_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    if (!c.standing.lead_team && c.standing.inspectorate != attendance.inspectorate_id) {
      return PermissionDenied(
          "Each participating inspectorate records its own presence at the meeting",
          "own-inspectorate");
    }
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kFindings));
    RETURN_IF_ERROR(attendance_.Validate(nullptr, attendance));
    ASSIGN_OR_RETURN(auto present, PartsOf(tx, AttendanceRecord(), inspection_id));
    RETURN_IF_ERROR(CheckAttendance(c.inspection, present, attendance));
    RETURN_IF_ERROR(MeetingOf(tx, caller, inspection_id).status());
    RETURN_IF_ERROR(attendance_.CreateIn(tx, caller, attendance));
    return BumpMeetingVersion(tx, inspection_id, NowText(clock_)).status();
  }));
  return attendance;
}

Status InspectionService::DeleteAttendance(const Caller& caller, int64_t id, int64_t version) {
  // Only the inspectorate recorded as present removes its presence: the
  // lead removes its own, never another's.
  auto own = [this](Transaction& tx, const Context& c, const MeetingAttendance& a) {
    if (c.standing.inspectorate != a.inspectorate_id) {
      return PermissionDenied("Only the inspectorate recorded as present can remove its presence",
                              "own-inspectorate");
    }
    return CheckStage(tx, c, InspectionStage::kFindings);
  };
  return DeletePart<MeetingAttendance>(caller, attendance_, "attendance", own, id, version,
                                       BumpMeeting<MeetingAttendance>());
}

StatusOr<ReportSection> InspectionService::AddSection(const Caller& caller, int64_t inspection_id,
                                                      ReportSection section) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  section.inspection_id = inspection_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kFindings));
    ASSIGN_OR_RETURN(auto before, PartsOf(tx, ReportSectionRecord(), inspection_id));
    RETURN_IF_ERROR(SectionErrors(sections_.Validate(nullptr, section), c.inspection, section,
                                  std::ssize(before) + 1));
    RETURN_IF_ERROR(MeetingOf(tx, caller, inspection_id).status());
    RETURN_IF_ERROR(sections_.CreateIn(tx, caller, section));
    RETURN_IF_ERROR(KeepSectionOrder(tx, inspection_id, &section, NowText(clock_)));
    return BumpMeetingVersion(tx, inspection_id, NowText(clock_)).status();
  }));
  return section;
}

StatusOr<ReportSection> InspectionService::UpdateSection(
    const Caller& caller, int64_t id, int64_t version,
    const std::function<Status(ReportSection&)>& change) {
  auto apply = [&](Transaction& tx, const Context& c, const ReportSection& before,
                   ReportSection& x) -> Status {
    RETURN_IF_ERROR(change(x));
    x.inspection_id = before.inspection_id;
    ASSIGN_OR_RETURN(auto all, PartsOf(tx, ReportSectionRecord(), before.inspection_id));
    return SectionErrors(sections_.Validate(&before, x), c.inspection, x, std::ssize(all));
  };
  // Stage 5's record is settled once the report is published.
  auto settled = [this](Transaction& tx, const Context& c, const ReportSection& x) -> Status {
    RETURN_IF_ERROR(LeadTeam<ReportSection>(tx, c, x));
    return CheckStage(tx, c, InspectionStage::kFindings);
  };
  return UpdatePart<ReportSection>(caller, sections_, "report section", settled, id, version, apply,
                                   Reordered());
}

Status InspectionService::DeleteSection(const Caller& caller, int64_t id, int64_t version) {
  // A section drafted keeps its versions: it stays in the report.
  auto undrafted = [this](Transaction& tx, const Context& c, const ReportSection& s) -> Status {
    RETURN_IF_ERROR(LeadTeam<ReportSection>(tx, c, s));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kFindings));
    ASSIGN_OR_RETURN(bool drafted, SectionDrafted(tx, s.id));
    if (!drafted) return OkStatus();
    return FailedPrecondition(
        "This section has been drafted, so it stays in the report: change its title instead",
        "section-drafted");
  };
  return DeletePart<ReportSection>(caller, sections_, "report section", undrafted, id, version,
                                   Reordered());
}

InspectionService::PartThen<ReportSection> InspectionService::Reordered() {
  return [this](Transaction& tx, const ReportSection& before, const ReportSection* after) {
    RETURN_IF_ERROR(KeepSectionOrder(tx, before.inspection_id, after, NowText(clock_)));
    return BumpMeeting<ReportSection>()(tx, before, after);
  };
}

StatusOr<DecisionView> InspectionService::AskStructure(const Caller& caller,
                                                       int64_t inspection_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  DecisionRequest request;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kFindings));
    ASSIGN_OR_RETURN(auto meeting, PartsOf(tx, FindingsMeetingRecord(), inspection_id));
    ASSIGN_OR_RETURN(auto present, PartsOf(tx, AttendanceRecord(), inspection_id));
    ASSIGN_OR_RETURN(auto sections, PartsOf(tx, ReportSectionRecord(), inspection_id));
    ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
    const FindingsMeeting m = meeting.empty() ? FindingsMeeting{} : meeting.front();
    RETURN_IF_ERROR(
        CheckStructureReady(c.inspection, m, present, sections, ShortNames(inspectorates)));
    request.kind = kStructureAgreement;
    request.subject_id = inspection_id;
    request.subject_version = m.version;
    request.subject = "Agree the report structure of the joint inspection of " +
                      c.inspection.title + AsItStands(clock_);
    request.concerned = {c.inspection.participating.begin(), c.inspection.participating.end()};
    request.payload = json{{"inspection_id", inspection_id}}.dump();
    return OkStatus();
  }));
  return decisions_.Ask(caller, std::move(request));
}

StatusOr<DecisionView> InspectionService::AskAssurance(const Caller& caller,
                                                       int64_t inspection_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  DecisionRequest request;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kFindings));
    ASSIGN_OR_RETURN(auto items, PartsOf(tx, EvidenceRecord(), inspection_id));
    ASSIGN_OR_RETURN(auto reviews, ReviewsOfInspection(tx, inspection_id));
    if (!EvidenceAssured(c.inspection, items, reviews)) {
      return FailedPrecondition(
          "Every evidence item must be agreed by every participating inspectorate first", "R15");
    }
    const int64_t version = EvidenceRegisterVersion(items);
    request.kind = kAssuranceAgreement;
    request.subject_id = inspection_id;
    request.subject_version = version;
    request.subject =
        "Agree that the quality assurance of the evidence of the joint inspection "
        "of " +
        c.inspection.title + " is done (" + std::to_string(items.size()) + " items)";
    request.concerned = {c.inspection.participating.begin(), c.inspection.participating.end()};
    request.payload = json{{"inspection_id", inspection_id}}.dump();
    return OkStatus();
  }));
  return decisions_.Ask(caller, std::move(request));
}

}  // namespace jointly
