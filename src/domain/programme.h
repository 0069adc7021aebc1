// The joint inspection programme's proposals (work streams) and the R1
// qualifying tests. Pure: who is a CJ inspectorate comes in as data.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "domain/access.h"
#include "domain/directory.h"

namespace jointly {

// R7: what kind of work stream a proposal is.
enum class WorkType {
  kCore,           // rolling, all areas over years, a report per event
  kJointThematic,  // one-off, usually 4-6 locations, one composite report
  kCollaborative,  // with partner inspectorates, possibly led by one
  kScopingStudy,   // to decide whether and how to inspect
  kOther,          // other programmes of work
};
inline constexpr WorkType kAllWorkTypes[] = {WorkType::kCore, WorkType::kJointThematic,
                                             WorkType::kCollaborative, WorkType::kScopingStudy,
                                             WorkType::kOther};
std::string_view WorkTypeId(WorkType type);
std::string_view WorkTypeLabel(WorkType type);
std::optional<WorkType> ParseWorkType(std::string_view id);

// R5: the four high-level processes and three cross-cutting issues.
enum class Focus {
  kCommunitySafety,
  kBringingOffendersToJustice,
  kOffenderManagement,
  kCustodialConditions,
  kVictimAndWitnessExperience,
  kEqualityAndDiversity,
  kValueForMoney,
};
inline constexpr Focus kAllFocus[] = {
    Focus::kCommunitySafety,     Focus::kBringingOffendersToJustice, Focus::kOffenderManagement,
    Focus::kCustodialConditions, Focus::kVictimAndWitnessExperience, Focus::kEqualityAndDiversity,
    Focus::kValueForMoney};
std::string_view FocusId(Focus focus);
std::string_view FocusLabel(Focus focus);
std::optional<Focus> ParseFocus(std::string_view id);
bool IsHighLevelProcess(Focus focus);

// Where a proposal came from.
enum class Origin { kPreExistingCommitment, kConsultation, kCommissionedByMinister, kInspectorate };
inline constexpr Origin kAllOrigins[] = {Origin::kInspectorate, Origin::kConsultation,
                                         Origin::kCommissionedByMinister,
                                         Origin::kPreExistingCommitment};
std::string_view OriginId(Origin origin);
std::string_view OriginLabel(Origin origin);
std::optional<Origin> ParseOrigin(std::string_view id);

// How an inspectorate or joint body takes part (BP 3.4, R7).
enum class Involvement { kLead, kJointLead, kSupport, kContribute };
inline constexpr Involvement kAllInvolvements[] = {Involvement::kLead, Involvement::kJointLead,
                                                   Involvement::kSupport, Involvement::kContribute};
std::string_view InvolvementId(Involvement involvement);
std::optional<Involvement> ParseInvolvement(std::string_view id);
// How an inspectorate takes part, as a verb after its name: "leads",
// "leads jointly", "supports", "contributes".
std::string_view InvolvementVerb(Involvement involvement);

struct Participation {
  int64_t inspectorate_id = 0;
  Involvement involvement = Involvement::kSupport;
  int effort_days = 0;  // estimated inspector-days
};

// R7: the five parts of the programme, in the business plan's order.
enum class ProgrammePart {
  kContinuingCommitments,
  kNewInspections,
  kCollaborativeWork,
  kScoping,
  kOtherProgrammes,
};
inline constexpr ProgrammePart kAllParts[] = {
    ProgrammePart::kContinuingCommitments, ProgrammePart::kNewInspections,
    ProgrammePart::kCollaborativeWork, ProgrammePart::kScoping, ProgrammePart::kOtherProgrammes};
std::string_view PartId(ProgrammePart part);
std::string_view PartLabel(ProgrammePart part);
std::optional<ProgrammePart> ParsePart(std::string_view id);

enum class ProposalStatus { kLongList, kProgrammed, kInProgress, kCompleted, kWithdrawn };
inline constexpr ProposalStatus kAllProposalStatuses[] = {
    ProposalStatus::kLongList, ProposalStatus::kProgrammed, ProposalStatus::kInProgress,
    ProposalStatus::kCompleted, ProposalStatus::kWithdrawn};
std::string_view ProposalStatusId(ProposalStatus status);
std::string_view ProposalStatusLabel(ProposalStatus status);
std::optional<ProposalStatus> ParseProposalStatus(std::string_view id);

// R3: the Chief Inspectors' judgement, once jointly agreed, overrides the
// ranking.
enum class Forced { kNone, kIn, kOut };
inline constexpr Forced kAllForced[] = {Forced::kNone, Forced::kIn, Forced::kOut};
std::string_view ForcedId(Forced forced);
std::optional<Forced> ParseForced(std::string_view id);
// "Forced in by joint decision", "Forced out by joint decision", "Neither
// forced in nor out".
std::string_view ForcedLabel(Forced forced);

// Financial-year quarters (April to March) as one number, fy * 4 + q - 1,
// where fy is the year the financial year begins: 2017-18 Q1 is
// QuarterIndex(2017, 1). This is FinancialQuarter::Index() (core/date.h);
// the programme keeps the number because the optimiser counts in quarters.
constexpr int QuarterIndex(int financial_year, int quarter) {
  return FinancialQuarter(FinancialYear(financial_year), quarter).Index();
}
constexpr int FinancialYearOf(int quarter_index) {
  return FinancialQuarter::FromIndex(quarter_index).year().start_year();
}
// "2017-18"
inline std::string FinancialYearLabel(int financial_year) {
  return FinancialYear(financial_year).Label();
}
// "2017-18 Q1"
inline std::string QuarterLabel(int quarter_index) {
  return FinancialQuarter::FromIndex(quarter_index).Label();
}
// Accepts "2017-18 Q1", "2017/18 Q1" and "2017 Q1" (the year as
// FinancialYear::Parse reads it); nullopt otherwise or outside 2000-2099.
// The example of a quarter that hints and messages give, one for all.
inline constexpr std::string_view kQuarterExample = "2027-28 Q1";
std::optional<int> ParseQuarter(std::string_view text);

inline constexpr int kMaxEffortDays = 5000;
inline constexpr size_t kMaxBackgroundChars = 10000;  // a proposal's background
inline constexpr int kMaxDurationQuarters = 8;

struct Proposal {
  int64_t id = 0;
  std::string title;
  std::string summary;
  std::string background;
  std::string scope_and_purpose;
  std::string main_question;
  WorkType type = WorkType::kJointThematic;
  std::vector<Participation> participants;  // the lead(s) among them
  std::set<Focus> focus;
  int duration_quarters = 1;
  std::string specialist_skills;
  std::vector<int64_t> clashes_with;  // other proposals' ids
  Origin origin = Origin::kInspectorate;
  ProgrammePart part = ProgrammePart::kNewInspections;
  ProposalStatus status = ProposalStatus::kLongList;
  int earliest_start = 0;  // a QuarterIndex; 0 for "as soon as the plan starts"
  Forced forced = Forced::kNone;
  std::string forced_reason;
  // R1's key inspection principles, as the proposer attests them.
  bool contributes_to_improvement = false;
  bool outcome_focused = false;
  bool user_perspective = false;
  int64_t version = 0;
};

// A proposal's fields as people read them, described once: the proposal's
// page, its form and its history all name a field by this label ("" for a
// field that has none, such as its id or version).
std::string_view ProposalFieldLabel(std::string_view field);
// Every field ProposalFieldLabel names, with its label, in the form's order.
std::vector<std::pair<std::string_view, std::string_view>> ProposalFieldLabels();
// A business plan's fields as people read them, as ProposalFieldLabel.
std::string_view PlanFieldLabel(std::string_view field);

// InvalidArgument naming each bad field: empty title, effort below 0 or
// over 5,000 days, duration outside 1-8 quarters, no lead, a lead given
// twice, more than two joint leads, one inspectorate listed twice.
Status ValidateProposal(const Proposal& proposal);

// R3: the reason for forcing a proposal in or out (`forced`: nullopt when
// no choice was made): required unless an override is removed, valid text
// of 2,000 characters or fewer. InvalidArgument naming "forced" (no choice)
// and "reason", every error at once.
Status CheckForceRequest(std::optional<Forced> forced, const std::string& reason);

// PermissionDenied (rule "access") unless `caller` may change `proposal`:
// programme staff may change any; a Chief Inspector or Development Group
// representative only one their own inspectorate takes part in, since they
// act for their own inspectorate.
Status CheckMayChangeProposal(const Caller& caller, const Proposal& proposal);

// The part a new proposal belongs in: commitments continue, otherwise by
// type (R7).
ProgrammePart DefaultPart(Origin origin, WorkType type);

// Inspectorates taking part as lead or joint lead, in order.
std::vector<int64_t> LeadsOf(const Proposal& proposal);

enum class QualifyingTest {
  kTwoOrMoreCjInspectorates,
  kIdentifiedLeadCjInspectorate,
  kDefinedScopeAndPurpose,
  kMeetsKeyPrinciples,
};
inline constexpr QualifyingTest kAllQualifyingTests[] = {
    QualifyingTest::kTwoOrMoreCjInspectorates, QualifyingTest::kIdentifiedLeadCjInspectorate,
    QualifyingTest::kDefinedScopeAndPurpose, QualifyingTest::kMeetsKeyPrinciples};
std::string_view QualifyingTestId(QualifyingTest test);

struct QualifyingTestResult {
  QualifyingTest test;
  bool applies = true;  // false for work that is not a joint CJ inspection
  bool passed = false;
  std::string reason;  // plain English, says what is missing
};

// Whether the tests are meant for this type: joint CJ inspections (core,
// joint thematic, scoping studies) are; collaborative work with partner
// inspectorates and other programmes of work are not (R1 and R7).
bool QualifyingTestsApply(WorkType type);

// Framework F 5.6: a joint inspection led by another inspectorate (Ofsted,
// CQC...) that seeks the involvement of CJ inspectorates is collaborative
// work, whatever type it was entered as: a core, joint thematic or scoping
// proposal whose leads are all other inspectorates, with at least one CJ
// inspectorate taking part. The qualifying tests do not apply to it.
bool TreatedAsCollaborative(const Proposal& proposal,
                            const std::vector<Inspectorate>& inspectorates);

// InvalidArgument (field "participants", rule "collaborative-cj") for
// collaborative work in which no open CJ inspectorate takes part: it is not
// joint work of the CJ inspectorates at all.
Status CheckCollaborativeInvolvesCj(const Proposal& proposal,
                                    const std::vector<Inspectorate>& inspectorates);

// R1: runs every qualifying test on `proposal`. `inspectorates` resolves
// participants' ids (unknown ids count as not CJ). The tests apply as
// QualifyingTestsApply says, except to work TreatedAsCollaborative.
std::vector<QualifyingTestResult> RunQualifyingTests(
    const Proposal& proposal, const std::vector<Inspectorate>& inspectorates);

// True if every test that applies passed.
bool Qualifies(const std::vector<QualifyingTestResult>& results);
// True if any of the tests applies (the proposal is a joint CJ inspection).
bool TestsApply(const std::vector<QualifyingTestResult>& results);

}  // namespace jointly
