#include "domain/programme.h"

#include <algorithm>
#include <map>

#include "core/enum_ids.h"
#include "core/text.h"

namespace jointly {

std::string_view WorkTypeId(WorkType type) {
  switch (type) {
    case WorkType::kCore:
      return "core";
    case WorkType::kJointThematic:
      return "joint_thematic";
    case WorkType::kCollaborative:
      return "collaborative";
    case WorkType::kScopingStudy:
      return "scoping_study";
    case WorkType::kOther:
      return "other";
  }
  return "";
}

std::string_view WorkTypeLabel(WorkType type) {
  switch (type) {
    case WorkType::kCore:
      return "Core (rolling) inspection";
    case WorkType::kJointThematic:
      return "Joint thematic inspection";
    case WorkType::kCollaborative:
      return "Collaborative work";
    case WorkType::kScopingStudy:
      return "Scoping study";
    case WorkType::kOther:
      return "Other programme of work";
  }
  return "";
}

std::optional<WorkType> ParseWorkType(std::string_view id) {
  constexpr WorkType kAll[] = {WorkType::kCore, WorkType::kJointThematic, WorkType::kCollaborative,
                               WorkType::kScopingStudy, WorkType::kOther};
  return ParseById(id, kAll, WorkTypeId);
}

std::string_view FocusId(Focus focus) {
  switch (focus) {
    case Focus::kCommunitySafety:
      return "community_safety";
    case Focus::kBringingOffendersToJustice:
      return "bringing_offenders_to_justice";
    case Focus::kOffenderManagement:
      return "offender_management";
    case Focus::kCustodialConditions:
      return "custodial_conditions";
    case Focus::kVictimAndWitnessExperience:
      return "victim_and_witness_experience";
    case Focus::kEqualityAndDiversity:
      return "equality_and_diversity";
    case Focus::kValueForMoney:
      return "value_for_money";
  }
  return "";
}

std::string_view FocusLabel(Focus focus) {
  switch (focus) {
    case Focus::kCommunitySafety:
      return "Community safety";
    case Focus::kBringingOffendersToJustice:
      return "Bringing offenders to justice";
    case Focus::kOffenderManagement:
      return "Offender management";
    case Focus::kCustodialConditions:
      return "Custodial conditions";
    case Focus::kVictimAndWitnessExperience:
      return "Victim and witness experience";
    case Focus::kEqualityAndDiversity:
      return "Equality and diversity";
    case Focus::kValueForMoney:
      return "Value for money and efficiency";
  }
  return "";
}

std::optional<Focus> ParseFocus(std::string_view id) { return ParseById(id, kAllFocus, FocusId); }

bool IsHighLevelProcess(Focus focus) {
  return focus == Focus::kCommunitySafety || focus == Focus::kBringingOffendersToJustice ||
         focus == Focus::kOffenderManagement || focus == Focus::kCustodialConditions;
}

std::string_view OriginId(Origin origin) {
  switch (origin) {
    case Origin::kPreExistingCommitment:
      return "pre_existing_commitment";
    case Origin::kConsultation:
      return "consultation";
    case Origin::kCommissionedByMinister:
      return "commissioned_by_minister";
    case Origin::kInspectorate:
      return "inspectorate_proposal";
  }
  return "";
}

std::string_view OriginLabel(Origin origin) {
  switch (origin) {
    case Origin::kPreExistingCommitment:
      return "A pre-existing commitment";
    case Origin::kConsultation:
      return "From consultation";
    case Origin::kCommissionedByMinister:
      return "Commissioned by a minister";
    case Origin::kInspectorate:
      return "An inspectorate's proposal";
  }
  return "";
}

std::optional<Origin> ParseOrigin(std::string_view id) {
  return ParseById(id, kAllOrigins, OriginId);
}

std::string_view InvolvementVerb(Involvement involvement) {
  switch (involvement) {
    case Involvement::kLead:
      return "leads";
    case Involvement::kJointLead:
      return "leads jointly";
    case Involvement::kSupport:
      return "supports";
    case Involvement::kContribute:
      return "contributes";
  }
  return "";
}

std::string_view InvolvementId(Involvement involvement) {
  switch (involvement) {
    case Involvement::kLead:
      return "lead";
    case Involvement::kJointLead:
      return "joint_lead";
    case Involvement::kSupport:
      return "support";
    case Involvement::kContribute:
      return "contribute";
  }
  return "";
}

std::optional<Involvement> ParseInvolvement(std::string_view id) {
  constexpr Involvement kAll[] = {Involvement::kLead, Involvement::kJointLead,
                                  Involvement::kSupport, Involvement::kContribute};
  return ParseById(id, kAll, InvolvementId);
}

namespace {

bool IsLead(const Participation& p) {
  return p.involvement == Involvement::kLead || p.involvement == Involvement::kJointLead;
}

void CheckLongText(Validation& v, const std::string& field, const std::string& value, size_t max,
                   bool required, const std::string& what) {
  if (!IsValidUtf8(value)) {
    v.Add(field, "utf8", what + " must be valid UTF-8 text");
  } else if (required && Trim(value).empty()) {
    v.Add(field, "required", "Enter " + what);
  } else if (Utf8Length(value) > max) {
    v.Add(field, "max-length", TooLongMessage(what, max, value));
  }
}

}  // namespace

Status CheckForceRequest(std::optional<Forced> forced, const std::string& reason) {
  Validation v;
  if (!forced) v.Add("forced", "R3", "Choose whether to force it in or out");
  if (forced != Forced::kNone && IsValidUtf8(reason) && Trim(reason).empty()) {
    v.Add("reason", "R3",
          forced == Forced::kIn    ? "Say why the Chief Inspectors force this proposal in"
          : forced == Forced::kOut ? "Say why the Chief Inspectors force this proposal out"
                                   : "Say why the Chief Inspectors should override the programme");
  } else {
    CheckLongText(v, "reason", reason, 2000, false, "the reason");
  }
  return v.Finish(forced ? "Give the reason for the override" : "Choose in or out");
}

Status CheckMayChangeProposal(const Caller& caller, const Proposal& proposal) {
  if (Allows(caller, Permission::kPublishProgramme)) return OkStatus();
  if (Allows(caller, Permission::kEditProgramme) && caller.inspectorate_id) {
    for (const auto& part : proposal.participants) {
      if (part.inspectorate_id == *caller.inspectorate_id) return OkStatus();
    }
  }
  return PermissionDenied(
      "Only an inspectorate that takes part in this work, or the joint secretariat, changes it",
      "access");
}

Status ValidateProposal(const Proposal& p) {
  Validation v;
  CheckLongText(v, "title", p.title, 200, true, "a title");
  if (p.title.find('\n') != std::string::npos) {
    v.Add("title", "single-line", "The title must be a single line");
  }
  CheckLongText(v, "summary", p.summary, 4000, false, "the summary");
  CheckLongText(v, "background", p.background, kMaxBackgroundChars, false, "the background");
  CheckLongText(v, "scope_and_purpose", p.scope_and_purpose, 10000, false, "the scope and purpose");
  CheckLongText(v, "main_question", p.main_question, 1000, false, "the main question");
  CheckLongText(v, "specialist_skills", p.specialist_skills, 2000, false, "the specialist skills");
  if (p.duration_quarters < 1 || p.duration_quarters > kMaxDurationQuarters) {
    v.Add("duration_quarters", "range", "Duration must be from 1 to 8 quarters");
  }
  int leads = 0;
  int joint_leads = 0;
  std::set<int64_t> seen;
  for (size_t i = 0; i < p.participants.size(); ++i) {
    const Participation& part = p.participants[i];
    const std::string field = "participants[" + std::to_string(i) + "]";
    if (!seen.insert(part.inspectorate_id).second) {
      v.Add(field + ".inspectorate_id", "unique-participant",
            "Each inspectorate can take part only once; combine its effort in one line");
    }
    if (part.effort_days < 0 || part.effort_days > kMaxEffortDays) {
      v.Add(field + ".effort_days", "range",
            "Effort must be from 0 to 5,000 inspector-days for one inspectorate");
    }
    leads += part.involvement == Involvement::kLead;
    joint_leads += part.involvement == Involvement::kJointLead;
  }
  if (leads + joint_leads == 0) {
    v.Add("participants", "R7", "Choose the inspectorate or joint body that leads");
  } else if (leads > 1) {
    v.Add("participants", "R7",
          "Only one can lead; for shared leadership mark both as joint leads");
  } else if (leads == 1 && joint_leads > 0) {
    v.Add("participants", "R7", "Choose either one lead or two joint leads, not both");
  } else if (joint_leads == 1 || joint_leads > 2) {
    v.Add("participants", "R7", "Joint leadership is shared by exactly two");
  }
  if (p.earliest_start != 0 &&
      (p.earliest_start < QuarterIndex(2000, 1) || p.earliest_start > QuarterIndex(2099, 4))) {
    v.Add("earliest_start", "quarter",
          "Earliest start must be a quarter such as " + std::string(kQuarterExample));
  }
  // R3: an override is only ever recorded with its reason.
  if (p.forced != Forced::kNone && Trim(p.forced_reason).empty()) {
    v.Add("forced_reason", "R3", "Say why the Chief Inspectors force this proposal in or out");
  }
  if (p.id != 0 &&
      std::find(p.clashes_with.begin(), p.clashes_with.end(), p.id) != p.clashes_with.end()) {
    v.Add("clashes_with", "self-clash", "A proposal cannot clash with itself");
  }
  return v.Finish();
}

std::string_view QualifyingTestId(QualifyingTest test) {
  switch (test) {
    case QualifyingTest::kTwoOrMoreCjInspectorates:
      return "two_or_more_cj_inspectorates";
    case QualifyingTest::kIdentifiedLeadCjInspectorate:
      return "identified_lead_cj_inspectorate";
    case QualifyingTest::kDefinedScopeAndPurpose:
      return "defined_scope_and_purpose";
    case QualifyingTest::kMeetsKeyPrinciples:
      return "meets_key_principles";
  }
  return "";
}

bool QualifyingTestsApply(WorkType type) {
  return type == WorkType::kCore || type == WorkType::kJointThematic ||
         type == WorkType::kScopingStudy;
}

namespace {

const Inspectorate* Find(const std::vector<Inspectorate>& inspectorates, int64_t id) {
  for (const auto& i : inspectorates) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

bool IsOpenCj(const std::vector<Inspectorate>& inspectorates, int64_t id) {
  const Inspectorate* i = Find(inspectorates, id);
  return i && i->is_criminal_justice() && i->is_open();
}

}  // namespace

bool TreatedAsCollaborative(const Proposal& p, const std::vector<Inspectorate>& inspectorates) {
  if (!QualifyingTestsApply(p.type)) return false;
  bool other_lead = false;
  bool cj_takes_part = false;
  for (const auto& part : p.participants) {
    const Inspectorate* i = Find(inspectorates, part.inspectorate_id);
    if (IsLead(part)) {
      if (!i || i->is_criminal_justice()) return false;  // a CJ (or unknown) lead
      other_lead = true;
    } else if (IsOpenCj(inspectorates, part.inspectorate_id)) {
      cj_takes_part = true;
    }
  }
  return other_lead && cj_takes_part;
}

Status CheckCollaborativeInvolvesCj(const Proposal& p,
                                    const std::vector<Inspectorate>& inspectorates) {
  if (p.type != WorkType::kCollaborative) return OkStatus();
  for (const auto& part : p.participants) {
    if (IsOpenCj(inspectorates, part.inspectorate_id)) return OkStatus();
  }
  Validation v;
  v.Add("participants", "collaborative-cj",
        "Collaborative work needs at least one criminal justice inspectorate taking part");
  return v.Finish();
}

bool TestsApply(const std::vector<QualifyingTestResult>& results) {
  return std::any_of(results.begin(), results.end(), [](const auto& r) { return r.applies; });
}

std::vector<QualifyingTestResult> RunQualifyingTests(
    const Proposal& p, const std::vector<Inspectorate>& inspectorates) {
  std::map<int64_t, const Inspectorate*> by_id;
  for (const auto& i : inspectorates) by_id[i.id] = &i;
  auto open_cj = [&](int64_t id) {
    auto it = by_id.find(id);
    return it != by_id.end() && it->second->is_criminal_justice() && it->second->is_open();
  };
  auto name = [&](int64_t id) {
    auto it = by_id.find(id);
    return it == by_id.end() ? "inspectorate " + std::to_string(id) : it->second->short_name;
  };
  const bool applies = QualifyingTestsApply(p.type) && !TreatedAsCollaborative(p, inspectorates);
  std::vector<QualifyingTestResult> out;

  // 1. Two or more CJ inspectorates.
  int cj = 0;
  for (const auto& part : p.participants) cj += open_cj(part.inspectorate_id);
  out.push_back({QualifyingTest::kTwoOrMoreCjInspectorates, applies, cj >= 2,
                 cj >= 2
                     ? std::to_string(cj) + " CJ inspectorates take part"
                     : "Only " + std::to_string(cj) +
                           " CJ inspectorate takes part; a joint inspection needs two or more"});

  // 2. An identified lead CJ inspectorate.
  std::string lead_reason = "No lead has been identified";
  bool cj_lead = false;
  for (const auto& part : p.participants) {
    if (!IsLead(part)) continue;
    auto it = by_id.find(part.inspectorate_id);
    if (open_cj(part.inspectorate_id)) {
      cj_lead = true;
      lead_reason = "The lead is a CJ inspectorate";
    } else if (!cj_lead && it != by_id.end() && it->second->is_criminal_justice()) {
      lead_reason = "The lead (" + name(part.inspectorate_id) + ") closed in " +
                    std::to_string(it->second->closed_year.value_or(0));
    } else if (!cj_lead) {
      lead_reason = "The lead (" + name(part.inspectorate_id) + ") is not a CJ inspectorate";
    }
  }
  out.push_back({QualifyingTest::kIdentifiedLeadCjInspectorate, applies, cj_lead, lead_reason});

  // 3. A clearly defined scope and purpose.
  std::vector<std::string> missing;
  if (Trim(p.scope_and_purpose).empty()) missing.push_back("the scope and purpose");
  if (Trim(p.main_question).empty()) missing.push_back("the main inspection question");
  out.push_back({QualifyingTest::kDefinedScopeAndPurpose, applies, missing.empty(),
                 missing.empty()       ? "Scope, purpose and main question are set"
                 : missing.size() == 1 ? "Add " + missing[0]
                                       : "Add " + missing[0] + " and " + missing[1]});

  // 4. The key inspection principles.
  std::vector<std::string> unmet;
  if (!p.contributes_to_improvement) unmet.push_back("contributes to improvement");
  if (!p.outcome_focused) unmet.push_back("outcome focused");
  if (!p.user_perspective) unmet.push_back("takes the user's perspective");
  std::string principles = "Not yet shown to be: ";
  for (size_t i = 0; i < unmet.size(); ++i) principles += (i ? ", " : "") + unmet[i];
  out.push_back({QualifyingTest::kMeetsKeyPrinciples, applies, unmet.empty(),
                 unmet.empty() ? "Meets the key inspection principles" : principles});
  return out;
}

bool Qualifies(const std::vector<QualifyingTestResult>& results) {
  return std::all_of(results.begin(), results.end(),
                     [](const auto& r) { return !r.applies || r.passed; });
}

std::string_view PartId(ProgrammePart part) {
  switch (part) {
    case ProgrammePart::kContinuingCommitments:
      return "continuing_commitments";
    case ProgrammePart::kNewInspections:
      return "new_inspections";
    case ProgrammePart::kCollaborativeWork:
      return "collaborative_work";
    case ProgrammePart::kScoping:
      return "scoping";
    case ProgrammePart::kOtherProgrammes:
      return "other_programmes";
  }
  return "";
}

std::string_view PartLabel(ProgrammePart part) {
  switch (part) {
    case ProgrammePart::kContinuingCommitments:
      return "Continuing commitments";
    case ProgrammePart::kNewInspections:
      return "New inspections";
    case ProgrammePart::kCollaborativeWork:
      return "Collaborative work";
    case ProgrammePart::kScoping:
      return "Scoping";
    case ProgrammePart::kOtherProgrammes:
      return "Other programmes of work";
  }
  return "";
}

std::optional<ProgrammePart> ParsePart(std::string_view id) {
  return ParseById(id, kAllParts, PartId);
}

std::string_view ProposalStatusId(ProposalStatus status) {
  switch (status) {
    case ProposalStatus::kLongList:
      return "long_list";
    case ProposalStatus::kProgrammed:
      return "programmed";
    case ProposalStatus::kInProgress:
      return "in_progress";
    case ProposalStatus::kCompleted:
      return "completed";
    case ProposalStatus::kWithdrawn:
      return "withdrawn";
  }
  return "";
}

namespace {

struct FieldLabel {
  std::string_view field;
  std::string_view label;
};

template <size_t N>
std::string_view LabelOf(const FieldLabel (&labels)[N], std::string_view field) {
  for (const auto& l : labels) {
    if (l.field == field) return l.label;
  }
  return "";
}

constexpr FieldLabel kProposalLabels[] = {
    {"title", "Title"},
    {"summary", "Summary"},
    {"background", "Background"},
    {"scope_and_purpose", "Scope and purpose"},
    {"main_question", "Main inspection question"},
    {"type", "Type of work"},
    {"part", "Part of the programme"},
    {"origin", "Where it came from"},
    {"status", "Status"},
    {"participants", "Who leads and who takes part"},
    {"focus", "High-level processes and cross-cutting issues"},
    {"duration_quarters", "Duration in quarters"},
    {"earliest_start", "Earliest start"},
    {"specialist_skills", "Specialist skills needed"},
    {"clashes_with", "Programmes it would clash with"},
    {"contributes_to_improvement", "Contributes to improvement"},
    {"outcome_focused", "Outcome focused"},
    {"user_perspective", "Takes the user's perspective"},
    {"forced", "Chief Inspectors' decision"},
    {"forced_reason", "Reason for the decision"},
    {"scores", "Scores"},
    {"weighted", "Weighted score"},
    {"criteria_set_id", "Criteria set"},
    {"inspectorate_id", "Inspectorate"},
    {"user_id", "Scored by"},
};

constexpr FieldLabel kPlanLabels[] = {
    {"year", "Year"},
    {"first_year", "First year"},
    {"horizon", "Quarters planned"},
    {"criteria_set_id", "Criteria set"},
    {"state", "State"},
    {"introduction", "Introduction"},
    {"context", "The context to our programme"},
    {"min_process_coverage",
     "Work streams covering each high-level process in each year, at least"},
    {"victim_waiver", "Decision waiving victim and witness coverage"},
    {"capacity", "Capacity (inspector-days a quarter)"},
    {"items", "Programme"},
    {"run_id", "Optimiser run"},
    {"decision_id", "Joint decision"},
};

}  // namespace

std::string_view ProposalFieldLabel(std::string_view field) {
  return LabelOf(kProposalLabels, field);
}

std::vector<std::pair<std::string_view, std::string_view>> ProposalFieldLabels() {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  for (const auto& l : kProposalLabels) out.emplace_back(l.field, l.label);
  return out;
}

std::string_view PlanFieldLabel(std::string_view field) { return LabelOf(kPlanLabels, field); }

std::string_view ProposalStatusLabel(ProposalStatus status) {
  switch (status) {
    case ProposalStatus::kLongList:
      return "On the long-list";
    case ProposalStatus::kProgrammed:
      return "In the programme";
    case ProposalStatus::kInProgress:
      return "In progress";
    case ProposalStatus::kCompleted:
      return "Completed";
    case ProposalStatus::kWithdrawn:
      return "Withdrawn";
  }
  return "";
}

std::optional<ProposalStatus> ParseProposalStatus(std::string_view id) {
  return ParseById(id, kAllProposalStatuses, ProposalStatusId);
}

std::string_view ForcedId(Forced forced) {
  switch (forced) {
    case Forced::kNone:
      return "none";
    case Forced::kIn:
      return "in";
    case Forced::kOut:
      return "out";
  }
  return "";
}

std::string_view ForcedLabel(Forced forced) {
  switch (forced) {
    case Forced::kNone:
      return "Neither forced in nor out";
    case Forced::kIn:
      return "Forced in by joint decision";
    case Forced::kOut:
      return "Forced out by joint decision";
  }
  return "";
}

std::optional<Forced> ParseForced(std::string_view id) {
  constexpr Forced kAll[] = {Forced::kNone, Forced::kIn, Forced::kOut};
  return ParseById(id, kAll, ForcedId);
}

std::optional<int> ParseQuarter(std::string_view text) {
  text = Trim(text);
  // A financial year as FinancialYear::Parse reads it, then " Q" or "-Q",
  // then 1-4.
  if (text.size() < 7) return std::nullopt;
  const std::string_view quarter = text.substr(text.size() - 3);
  if ((quarter[0] != ' ' && quarter[0] != '-') || (quarter[1] != 'Q' && quarter[1] != 'q') ||
      quarter[2] < '1' || quarter[2] > '4') {
    return std::nullopt;
  }
  const std::string_view year_text = text.substr(0, text.size() - 3);
  if (year_text.size() != 4 && year_text.size() != 7) return std::nullopt;  // no spaces inside
  const auto year = FinancialYear::Parse(year_text);
  if (!year || year->start_year() < 2000 || year->start_year() > 2099) return std::nullopt;
  return QuarterIndex(year->start_year(), quarter[2] - '0');
}

ProgrammePart DefaultPart(Origin origin, WorkType type) {
  if (origin == Origin::kPreExistingCommitment) return ProgrammePart::kContinuingCommitments;
  switch (type) {
    case WorkType::kCore:
    case WorkType::kJointThematic:
      return ProgrammePart::kNewInspections;
    case WorkType::kCollaborative:
      return ProgrammePart::kCollaborativeWork;
    case WorkType::kScopingStudy:
      return ProgrammePart::kScoping;
    case WorkType::kOther:
      return ProgrammePart::kOtherProgrammes;
  }
  return ProgrammePart::kNewInspections;
}

std::vector<int64_t> LeadsOf(const Proposal& proposal) {
  std::vector<int64_t> out;
  for (const auto& p : proposal.participants) {
    if (p.involvement == Involvement::kLead || p.involvement == Involvement::kJointLead) {
      out.push_back(p.inspectorate_id);
    }
  }
  return out;
}

}  // namespace jointly
