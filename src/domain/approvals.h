// Stage 6 of a joint thematic inspection, its last part (M 37-40; R11): the
// report's approval chain. Each step is submitted on the report as it
// stands (the texts of its sections, its findings and its recommendations
// or concerns, with what links them) and bound to that version: the
// Development Group representatives of every participating inspectorate
// agree it (M 37), then an HM Inspector or the Chief Inspector of each
// approves it (M 38), then critical readers see it, each asked something
// by a deadline, and every response is answered (M 39), then an HM
// Inspector or the Chief Inspector of each signs it off (M 40). Any change
// to the report after a step was submitted lapses that step's approvals;
// whoever submits a step does not approve it for their own inspectorate.
// Pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/access.h"
#include "domain/drafting.h"
#include "domain/recommendations.h"
#include "domain/record.h"

namespace jointly {

// The steps, in the order they are taken.
enum class ApprovalStep { kAgreement, kApproval, kCriticalReading, kSignOff };
inline constexpr ApprovalStep kAllApprovalSteps[] = {
    ApprovalStep::kAgreement, ApprovalStep::kApproval, ApprovalStep::kCriticalReading,
    ApprovalStep::kSignOff};
// "agreement", "approval", "critical_reading", "sign_off"
std::string_view ApprovalStepId(ApprovalStep step);
std::optional<ApprovalStep> ParseApprovalStep(std::string_view id);
// "Development Group representatives' agreement", ...
std::string_view ApprovalStepLabel(ApprovalStep step);
// The paragraph of the method it follows: "M37" ... "M40".
std::string_view ApprovalStepRule(ApprovalStep step);
// Who approves a step for an inspectorate, in words ("its Development
// Group representative"); empty for critical reading, which no
// inspectorate approves.
std::string_view ApproverWords(ApprovalStep step);
// Whether someone holding `roles` approves `step` for their inspectorate:
// a Development Group representative the agreement (M 37); an HM
// Inspector or the Chief Inspector the approval and the final sign-off
// (M 38, M 40).
bool ApprovesStep(ApprovalStep step, const std::vector<Role>& roles);

// What a reader of the report approves, item by item: "section:<id>" at
// the number of its newest draft, "finding:<id>" and
// "recommendation:<id>" at their versions, and each link of a finding to
// its evidence ("finding-evidence:<id>") and of a recommendation to a
// finding ("recommendation-finding:<id>") at 1.
using ReportContent = std::map<std::string, int64_t>;
ReportContent ContentOf(const std::vector<SectionDraft>& drafts,
                        const std::vector<Finding>& findings,
                        const std::vector<FindingEvidence>& finding_evidence,
                        const std::vector<Recommendation>& recommendations,
                        const std::vector<RecommendationFinding>& recommendation_findings);
// Its stored form, "finding:4=2;section:9=3", and back (unreadable parts
// are left out).
std::string ContentText(const ReportContent& content);
ReportContent ParseContent(std::string_view text);
// The version of the report an approval binds to: a number that any change
// of the content moves (a 53-bit digest of ContentText, never 0); 0 for a
// report with nothing in it.
int64_t ContentVersion(const ReportContent& content);

// One item of the report changed since a step was submitted.
enum class ContentChangeKind { kAdded, kChanged, kRemoved };
std::string_view ContentChangeId(ContentChangeKind kind);  // "added", "changed", "removed"
struct ContentChange {
  std::string item;  // "section", "finding", "recommendation", ...
  int64_t id = 0;
  ContentChangeKind kind = ContentChangeKind::kChanged;
  bool operator==(const ContentChange&) const = default;
};
// What differs between the content a step was submitted on and now, in
// the content's order.
std::vector<ContentChange> ChangesSince(const ReportContent& then, const ReportContent& now);

// A step submitted on a version of the report.
struct ReportStep {
  int64_t id = 0;
  int64_t inspection_id = 0;
  ApprovalStep step = ApprovalStep::kAgreement;
  int64_t content_version = 0;  // ContentVersion when submitted
  std::string content;          // ContentText when submitted
  int64_t submitted_by = 0;
  std::string submitted_at;
  int64_t version = 0;
};
const RecordType<ReportStep>& ReportStepRecord();

// One inspectorate's approval of a submitted step.
struct StepApproval {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t step_id = 0;
  int64_t inspectorate_id = 0;
  int64_t approved_by = 0;
  std::string approved_at;
  int64_t content_version = 0;  // the version approved: the step's
  int64_t version = 0;
};
const RecordType<StepApproval>& StepApprovalRecord();

// A critical reader (M 39): someone named, not necessarily a user, asked to
// check factual accuracy only or more (in words), by a deadline; their
// response and what was done about it.
enum class ReaderScope { kFactualAccuracy, kMore };
inline constexpr ReaderScope kAllReaderScopes[] = {ReaderScope::kFactualAccuracy,
                                                   ReaderScope::kMore};
std::string_view ReaderScopeId(ReaderScope scope);
std::string_view ReaderScopeLabel(ReaderScope scope);
enum class ReaderOutcome { kNone, kAccepted, kNotAccepted };
inline constexpr ReaderOutcome kAllReaderOutcomes[] = {
    ReaderOutcome::kNone, ReaderOutcome::kAccepted, ReaderOutcome::kNotAccepted};
std::string_view ReaderOutcomeId(ReaderOutcome outcome);  // "none", "accepted", "not_accepted"
std::string_view ReaderOutcomeLabel(ReaderOutcome outcome);
struct CriticalReader {
  int64_t id = 0;
  int64_t inspection_id = 0;
  std::string name;
  std::string organisation;
  ReaderScope scope = ReaderScope::kFactualAccuracy;
  std::string asked;     // what more they are asked, in words
  std::string deadline;  // YYYY-MM-DD
  std::string response;  // what they said
  ReaderOutcome outcome = ReaderOutcome::kNone;
  std::string reason;  // what was done, or why not accepted
  int64_t version = 0;
};
const RecordType<CriticalReader>& CriticalReaderRecord();
// Every error of a reader at once, each at its field: what more they are
// asked ("asked", rule "asked-required") when asked more than factual
// accuracy; an outcome only for a response ("outcome", rule
// "no-response"); a reason for one not accepted ("reason", rule
// "reason-required").
Status CheckCriticalReader(const CriticalReader& reader);
// Whether the reader's response is in and answered.
bool ReaderAnswered(const CriticalReader& reader);

// Where a step stands on the report as it is now.
enum class StepState { kNotSubmitted, kAwaiting, kComplete, kLapsed };
std::string_view StepStateId(StepState state);  // "not_submitted", "awaiting", ...
std::string_view StepStateLabel(StepState state);
struct StepStatus {
  ApprovalStep step = ApprovalStep::kAgreement;
  std::optional<ReportStep> submitted;        // its newest submission
  std::map<int64_t, StepApproval> approvals;  // of that submission, by inspectorate
  std::set<int64_t> awaiting;                 // participating inspectorates yet to approve
  std::vector<ContentChange> changes;         // since it was submitted
  StepState state = StepState::kNotSubmitted;
};
// The chain as it stands, a status per step in order. The approval steps
// are complete when every participating inspectorate approved the
// submission and the report has not changed since (else lapsed); critical
// reading, which records the version the readers were sent and does not
// lapse (the report changes in answer to them), is complete when every
// reader's response is answered. The agreement and the approval were the
// gates to critical reading (M 37, M 38): once the readers were sent the
// version they approved, they stay complete whatever changes in answer to
// the readers, and the final sign-off (M 40) approves those changes.
std::vector<StepStatus> ChainOf(const std::set<int64_t>& participating, const ReportContent& now,
                                const std::vector<ReportStep>& steps,
                                const std::vector<StepApproval>& approvals,
                                const std::vector<CriticalReader>& readers);
// How many steps are complete in a row from the first.
int StepsComplete(const std::vector<StepStatus>& chain);

// Whether `step` may be submitted on the report as it is now: the step
// before it complete on this version (FailedPrecondition, rule "R18", the
// message naming it); for critical reading at least one reader named
// ("no-critical-readers"); not already awaiting or complete on this version
// ("already-submitted"); a report with content ("nothing-to-approve").
Status CheckSubmit(ApprovalStep step, const std::vector<StepStatus>& chain,
                   const ReportContent& now, const std::vector<CriticalReader>& readers);

// Whether `caller` may approve `step` for their inspectorate at `version`.
// FailedPrecondition: not submitted ("not-submitted"); critical reading
// ("not-an-approval"); R11: `version` is not the report's newest, or the
// submission lapsed; "already-approved". PermissionDenied: an inspectorate
// not participating ("not-participating"); not the step's approver
// ("approver-role", ApprovesStep); the submitter ("submitter-cannot-approve-alone").
Status CheckApprove(const StepStatus& status, const Caller& caller,
                    const std::set<int64_t>& participating, int64_t version, int64_t newest);

}  // namespace jointly
