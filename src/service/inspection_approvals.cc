// Use cases of stage 6's approval chain (M 37-40; R11): each step
// submitted on the report as it stands (its sections' texts, findings and
// recommendations) and approved for every participating inspectorate on
// that version, by whoever the step asks, never the submitter; critical
// readers named, each response recorded and answered.
#include <algorithm>
#include <set>

#include "core/text.h"
#include "domain/publication_checks.h"
#include "service/audit_trail.h"
#include "service/inspection_parts.h"
#include "service/inspection_service.h"

namespace jointly {

using namespace inspection_parts;  // NOLINT(google-build-using-namespace)

namespace {

// Whether the report was sent to its critical readers: a response can be
// recorded only then (M 38).
StatusOr<bool> SentToReaders(Transaction& tx, int64_t inspection_id) {
  ASSIGN_OR_RETURN(auto steps, PartsOf(tx, ReportStepRecord(), inspection_id));
  return std::any_of(steps.begin(), steps.end(),
                     [](const ReportStep& s) { return s.step == ApprovalStep::kCriticalReading; });
}

Status CheckResponseMayBeRecorded(bool sent, const CriticalReader& r) {
  if (sent || (Trim(r.response).empty() && r.outcome == ReaderOutcome::kNone)) return OkStatus();
  return FailedPrecondition(
      "Critical readers see the report only once every participating inspectorate's HM "
      "Inspector or Chief Inspector has approved it and it is sent to them (M 38)",
      "R18");
}

}  // namespace

Status InspectionService::ReadApprovals(Transaction& tx, InspectionView& v, InspectionFacts& f) {
  const int64_t id = v.inspection.id;
  ASSIGN_OR_RETURN(v.report_steps, PartsOf(tx, ReportStepRecord(), id));
  ASSIGN_OR_RETURN(v.step_approvals, PartsOf(tx, StepApprovalRecord(), id));
  ASSIGN_OR_RETURN(v.critical_readers, PartsOf(tx, CriticalReaderRecord(), id));
  v.report_content = ContentOf(v.drafts, v.findings, v.finding_evidence, v.recommendations,
                               v.recommendation_findings);
  v.approval_version = ContentVersion(v.report_content);
  const std::set<int64_t> participating(v.inspection.participating.begin(),
                                        v.inspection.participating.end());
  v.chain = ChainOf(participating, v.report_content, v.report_steps, v.step_approvals,
                    v.critical_readers);
  f.approval_steps = StepsComplete(v.chain);
  return OkStatus();
}

StatusOr<ReportStep> InspectionService::SubmitStep(const Caller& caller, int64_t inspection_id,
                                                   ApprovalStep step) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  ReportStep s;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    if (!MayComment(c.inspection, c.standing)) {
      return PermissionDenied(
          "Those taking part for a participating inspectorate submit the report for approval",
          "not-participating");
    }
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kReport));
    InspectionView v;
    RETURN_IF_ERROR(ReadParts(tx, c, v, false));
    RETURN_IF_ERROR(CheckSubmit(step, v.chain, v.report_content, v.critical_readers));
    s.inspection_id = inspection_id;
    s.step = step;
    s.content_version = v.approval_version;
    s.content = ContentText(v.report_content);
    s.submitted_by = caller.user_id;
    s.submitted_at = NowText(clock_);
    return report_steps_.CreateIn(tx, caller, s);
  }));
  return s;
}

StatusOr<std::vector<ReportAwaiting>> InspectionService::ReportsAwaiting(const Caller& caller) {
  std::vector<ReportAwaiting> out;
  if (!caller.inspectorate_id || caller.anonymous()) return out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    // Only unpublished inspections with a step submitted: a few, however
    // many years of published ones there are.
    ASSIGN_OR_RETURN(
        auto rows,
        tx.Query("SELECT DISTINCT inspection_id FROM " + std::string(ReportStepRecord().table) +
                     " WHERE inspection_id NOT IN (SELECT inspection_id FROM "
                     "inspection_publications WHERE state = 'published') ORDER BY inspection_id",
                 {}));
    for (const auto& row : rows) {
      auto c = Load(tx, caller, row.Int(0));
      if (c.status().code() == StatusCode::kNotFound) continue;
      RETURN_IF_ERROR(c.status());
      const auto& participating = c->inspection.participating;
      if (std::find(participating.begin(), participating.end(), *caller.inspectorate_id) ==
          participating.end()) {
        continue;
      }
      InspectionView v;
      RETURN_IF_ERROR(ReadParts(tx, *c, v, false));
      const std::set<int64_t> concerned(participating.begin(), participating.end());
      for (const auto& s : v.chain) {
        if (s.state != StepState::kAwaiting || s.step == ApprovalStep::kCriticalReading) continue;
        // Whoever submitted a step does not approve it alone (R11).
        if (s.submitted && s.submitted->submitted_by == caller.user_id) continue;
        if (!CheckApprove(s, caller, concerned, v.approval_version, v.approval_version).ok()) {
          continue;
        }
        out.push_back({c->inspection.id, c->inspection.title, s.step});
      }
    }
    return OkStatus();
  }));
  return out;
}

StatusOr<StepApproval> InspectionService::ApproveStep(const Caller& caller, int64_t inspection_id,
                                                      ApprovalStep step, int64_t version) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  StepApproval a;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    InspectionView v;
    RETURN_IF_ERROR(ReadParts(tx, c, v, false));
    RETURN_IF_ERROR(CheckNotSettled(InspectionStage::kReport, v.publication));
    const std::set<int64_t> participating(c.inspection.participating.begin(),
                                          c.inspection.participating.end());
    const StepStatus& status = v.chain[static_cast<size_t>(step)];
    RETURN_IF_ERROR(CheckApprove(status, caller, participating, version, v.approval_version));
    a.inspection_id = inspection_id;
    a.step_id = status.submitted->id;
    a.inspectorate_id = *caller.inspectorate_id;
    a.approved_by = caller.user_id;
    a.approved_at = NowText(clock_);
    a.content_version = version;
    return step_approvals_.CreateIn(tx, caller, a);
  }));
  return a;
}

StatusOr<CriticalReader> InspectionService::AddCriticalReader(const Caller& caller,
                                                              int64_t inspection_id,
                                                              CriticalReader reader) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  reader.inspection_id = inspection_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kReport));
    RETURN_IF_ERROR(critical_readers_.Validate(nullptr, reader));
    ASSIGN_OR_RETURN(bool sent, SentToReaders(tx, inspection_id));
    RETURN_IF_ERROR(CheckResponseMayBeRecorded(sent, reader));
    return critical_readers_.CreateIn(tx, caller, reader);
  }));
  return reader;
}

StatusOr<CriticalReader> InspectionService::UpdateCriticalReader(
    const Caller& caller, int64_t id, int64_t version,
    const std::function<Status(CriticalReader&)>& change) {
  auto check = [this](Transaction& tx, const Context& c, const CriticalReader&) {
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    return CheckStage(tx, c, InspectionStage::kReport);
  };
  auto apply = [&](Transaction& tx, const Context&, const CriticalReader& before,
                   CriticalReader& x) -> Status {
    RETURN_IF_ERROR(change(x));
    x.inspection_id = before.inspection_id;
    ASSIGN_OR_RETURN(bool sent, SentToReaders(tx, before.inspection_id));
    return CheckResponseMayBeRecorded(sent, x);
  };
  return UpdatePart<CriticalReader>(caller, critical_readers_, "critical reader", check, id,
                                    version, apply);
}

StatusOr<CriticalReader> InspectionService::GetCriticalReader(const Caller& caller, int64_t id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  CriticalReader reader;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    auto found = GetRecord(tx, CriticalReaderRecord(), id);
    RETURN_IF_ERROR(Hidden(found.status(), "critical reader", id));
    auto c = Load(tx, caller, found->inspection_id);
    RETURN_IF_ERROR(Hidden(c.status(), "critical reader", id));
    reader = *found;
    return OkStatus();
  }));
  return reader;
}

}  // namespace jointly
