#include "domain/approvals.h"

#include <algorithm>
#include <charconv>

#include "core/enum_ids.h"
#include "core/text.h"

namespace jointly {

namespace {

constexpr Naming<ApprovalStep> kStepNames[] = {
    {ApprovalStep::kAgreement, "agreement", "Development Group representatives' agreement"},
    {ApprovalStep::kApproval, "approval", "Approval by HM Inspectors and Chief Inspectors"},
    {ApprovalStep::kCriticalReading, "critical_reading", "Critical readers"},
    {ApprovalStep::kSignOff, "sign_off", "Final sign-off"},
};
constexpr Naming<ReaderScope> kScopeNames[] = {
    {ReaderScope::kFactualAccuracy, "factual_accuracy", "Factual accuracy only"},
    {ReaderScope::kMore, "more", "More than factual accuracy"},
};
constexpr Naming<ReaderOutcome> kOutcomeNames[] = {
    {ReaderOutcome::kNone, "none", "Not answered yet"},
    {ReaderOutcome::kAccepted, "accepted", "Accepted"},
    {ReaderOutcome::kNotAccepted, "not_accepted", "Not accepted"},
};
constexpr Naming<StepState> kStateNames[] = {
    {StepState::kNotSubmitted, "not_submitted", "Not submitted"},
    {StepState::kAwaiting, "awaiting", "Awaiting approvals"},
    {StepState::kComplete, "complete", "Complete"},
    {StepState::kLapsed, "lapsed", "Lapsed: the report changed"},
};

const StepStatus* StatusOf(const std::vector<StepStatus>& chain, ApprovalStep step) {
  for (const auto& s : chain) {
    if (s.step == step) return &s;
  }
  return nullptr;
}

}  // namespace

std::string_view ApprovalStepId(ApprovalStep step) { return IdIn(kStepNames, step); }
std::string_view ApprovalStepLabel(ApprovalStep step) { return LabelIn(kStepNames, step); }
std::optional<ApprovalStep> ParseApprovalStep(std::string_view id) {
  return ParseById(id, kAllApprovalSteps, ApprovalStepId);
}
std::string_view ApprovalStepRule(ApprovalStep step) {
  switch (step) {
    case ApprovalStep::kAgreement:
      return "M37";
    case ApprovalStep::kApproval:
      return "M38";
    case ApprovalStep::kCriticalReading:
      return "M39";
    case ApprovalStep::kSignOff:
      return "M40";
  }
  return "";
}
std::string_view ApproverWords(ApprovalStep step) {
  switch (step) {
    case ApprovalStep::kAgreement:
      return "its Development Group representative";
    case ApprovalStep::kApproval:
    case ApprovalStep::kSignOff:
      return "an HM Inspector or the Chief Inspector";
    case ApprovalStep::kCriticalReading:
      return "";
  }
  return "";
}

bool ApprovesStep(ApprovalStep step, const std::vector<Role>& roles) {
  auto has = [&](Role r) { return std::find(roles.begin(), roles.end(), r) != roles.end(); };
  switch (step) {
    case ApprovalStep::kAgreement:
      return has(Role::kDgRepresentative);
    case ApprovalStep::kApproval:
    case ApprovalStep::kSignOff:
      return has(Role::kHmInspector) || has(Role::kChiefInspector);
    case ApprovalStep::kCriticalReading:
      return false;
  }
  return false;
}

ReportContent ContentOf(const std::vector<SectionDraft>& drafts,
                        const std::vector<Finding>& findings,
                        const std::vector<FindingEvidence>& finding_evidence,
                        const std::vector<Recommendation>& recommendations,
                        const std::vector<RecommendationFinding>& recommendation_findings) {
  ReportContent out;
  for (const auto& d : drafts) {
    int64_t& at = out["section:" + std::to_string(d.section_id)];
    at = std::max(at, d.number);
  }
  for (const auto& f : findings) out["finding:" + std::to_string(f.id)] = f.version;
  for (const auto& l : finding_evidence) out["finding-evidence:" + std::to_string(l.id)] = 1;
  for (const auto& r : recommendations) out["recommendation:" + std::to_string(r.id)] = r.version;
  for (const auto& l : recommendation_findings) {
    out["recommendation-finding:" + std::to_string(l.id)] = 1;
  }
  return out;
}

std::string ContentText(const ReportContent& content) {
  std::string out;
  for (const auto& [item, version] : content) {
    if (!out.empty()) out += ';';
    out += item + "=" + std::to_string(version);
  }
  return out;
}

ReportContent ParseContent(std::string_view text) {
  ReportContent out;
  for (const auto& part : Split(text, ';')) {
    const auto eq = part.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    int64_t n = 0;
    const char* begin = part.data() + eq + 1;
    const char* end = part.data() + part.size();
    auto [ptr, ec] = std::from_chars(begin, end, n);
    if (ec != std::errc() || ptr != end) continue;
    out[part.substr(0, eq)] = n;
  }
  return out;
}

int64_t ContentVersion(const ReportContent& content) {
  if (content.empty()) return 0;
  uint64_t h = 14695981039346656037ULL;  // FNV-1a, 64 bits
  for (unsigned char c : ContentText(content)) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  const int64_t v = static_cast<int64_t>(h & ((uint64_t{1} << 53) - 1));
  return v == 0 ? 1 : v;
}

std::string_view ContentChangeId(ContentChangeKind kind) {
  switch (kind) {
    case ContentChangeKind::kAdded:
      return "added";
    case ContentChangeKind::kChanged:
      return "changed";
    case ContentChangeKind::kRemoved:
      return "removed";
  }
  return "";
}

std::vector<ContentChange> ChangesSince(const ReportContent& then, const ReportContent& now) {
  std::vector<ContentChange> out;
  auto change = [&](const std::string& key, ContentChangeKind kind) {
    const auto colon = key.find(':');
    ContentChange c;
    c.item = key.substr(0, colon);
    c.kind = kind;
    if (colon != std::string::npos) {
      std::from_chars(key.data() + colon + 1, key.data() + key.size(), c.id);
    }
    out.push_back(std::move(c));
  };
  for (const auto& [key, version] : now) {
    auto was = then.find(key);
    if (was == then.end()) {
      change(key, ContentChangeKind::kAdded);
    } else if (was->second != version) {
      change(key, ContentChangeKind::kChanged);
    }
  }
  for (const auto& [key, version] : then) {
    if (!now.count(key)) change(key, ContentChangeKind::kRemoved);
  }
  return out;
}

std::string_view ReaderScopeId(ReaderScope scope) { return IdIn(kScopeNames, scope); }
std::string_view ReaderScopeLabel(ReaderScope scope) { return LabelIn(kScopeNames, scope); }
std::string_view ReaderOutcomeId(ReaderOutcome outcome) { return IdIn(kOutcomeNames, outcome); }
std::string_view ReaderOutcomeLabel(ReaderOutcome outcome) {
  return LabelIn(kOutcomeNames, outcome);
}
std::string_view StepStateId(StepState state) { return IdIn(kStateNames, state); }
std::string_view StepStateLabel(StepState state) { return LabelIn(kStateNames, state); }

const RecordType<ReportStep>& ReportStepRecord() {
  static const RecordType<ReportStep> type{
      .name = "report_step",
      .label = "step of the report's approval",
      .table = "inspection_report_steps",
      .order_by = "id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&ReportStep::id),
          ReferenceField("inspection_id", "Inspection", &ReportStep::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ChoiceField("step", "Step", &ReportStep::step,
                      ChoicesOf(kAllApprovalSteps, ApprovalStepId, ApprovalStepLabel),
                      {.what = "the step", .required = true}),
          IntegerField("content_version", "Version of the report", &ReportStep::content_version,
                       {.what = "the version of the report", .writable = false}),
          TextField("content", "What the version holds", &ReportStep::content,
                    {.what = "what the version holds", .writable = false}),
          ReferenceField("submitted_by", "Submitted by", &ReportStep::submitted_by,
                         {.what = "who submitted it", .writable = false}),
          LineField("submitted_at", "Submitted at", &ReportStep::submitted_at,
                    {.what = "when it was submitted", .writable = false}),
          VersionField(&ReportStep::version),
      }};
  return type;
}

const RecordType<StepApproval>& StepApprovalRecord() {
  static const RecordType<StepApproval> type{
      .name = "step_approval",
      .label = "approval of the report",
      .table = "inspection_step_approvals",
      .order_by = "id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&StepApproval::id),
          ReferenceField("inspection_id", "Inspection", &StepApproval::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ReferenceField("step_id", "Step", &StepApproval::step_id,
                         {.what = "the step", .writable = false}),
          ReferenceField("inspectorate_id", "Inspectorate", &StepApproval::inspectorate_id,
                         {.what = "the inspectorate", .writable = false}),
          ReferenceField("approved_by", "Approved by", &StepApproval::approved_by,
                         {.what = "who approved it", .writable = false}),
          LineField("approved_at", "Approved at", &StepApproval::approved_at,
                    {.what = "when it was approved", .writable = false}),
          IntegerField("content_version", "Version of the report", &StepApproval::content_version,
                       {.what = "the version of the report approved", .writable = false}),
          VersionField(&StepApproval::version),
      }};
  return type;
}

const RecordType<CriticalReader>& CriticalReaderRecord() {
  static const RecordType<CriticalReader> type{
      .name = "critical_reader",
      .label = "critical reader",
      .table = "inspection_critical_readers",
      .order_by = "id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&CriticalReader::id),
          ReferenceField("inspection_id", "Inspection", &CriticalReader::inspection_id,
                         {.what = "the inspection", .writable = false}),
          LineField(
              "name", "Name", &CriticalReader::name,
              {.what = "the critical reader's name", .required = true, .max_chars = kMaxShortText}),
          LineField("organisation", "Organisation", &CriticalReader::organisation,
                    {.what = "their organisation", .max_chars = kMaxShortText}),
          ChoiceField("scope", "What they are asked", &CriticalReader::scope,
                      ChoicesOf(kAllReaderScopes, ReaderScopeId, ReaderScopeLabel),
                      {.what = "what they are asked", .required = true}),
          TextField("asked", "What more they are asked", &CriticalReader::asked,
                    {.what = "what more they are asked",
                     .max_chars = kMaxLongText,
                     .hint = "For example whether the recommendations can be achieved"}),
          DateField("deadline", "Deadline", &CriticalReader::deadline,
                    {.what = "the deadline for their response", .required = true}),
          TextField("response", "Their response", &CriticalReader::response,
                    {.what = "their response", .max_chars = kMaxLongText}),
          ChoiceField("outcome", "What was done", &CriticalReader::outcome,
                      ChoicesOf(kAllReaderOutcomes, ReaderOutcomeId, ReaderOutcomeLabel),
                      {.what = "what was done about their response", .required = true}),
          TextField("reason", "What was done, or why not", &CriticalReader::reason,
                    {.what = "what was done about it, or why it was not accepted",
                     .max_chars = kMaxLongText}),
          VersionField(&CriticalReader::version),
      }};
  return type;
}

Status CheckCriticalReader(const CriticalReader& r) {
  Validation v;
  if (r.scope == ReaderScope::kMore && Trim(r.asked).empty()) {
    v.Add("asked", "asked-required",
          "Say what more than factual accuracy the reader is asked to check");
  }
  if (r.outcome != ReaderOutcome::kNone && Trim(r.response).empty()) {
    v.Add("outcome", "no-response", "Record the reader's response before what was done about it");
  }
  if (r.outcome == ReaderOutcome::kNotAccepted && Trim(r.reason).empty()) {
    v.Add("reason", "reason-required", "Say why the response was not accepted");
  }
  return v.Finish();
}

bool ReaderAnswered(const CriticalReader& r) {
  return !Trim(r.response).empty() && r.outcome != ReaderOutcome::kNone &&
         (r.outcome != ReaderOutcome::kNotAccepted || !Trim(r.reason).empty());
}

std::vector<StepStatus> ChainOf(const std::set<int64_t>& participating, const ReportContent& now,
                                const std::vector<ReportStep>& steps,
                                const std::vector<StepApproval>& approvals,
                                const std::vector<CriticalReader>& readers) {
  const int64_t version = ContentVersion(now);
  std::vector<StepStatus> out;
  for (ApprovalStep step : kAllApprovalSteps) {
    StepStatus s;
    s.step = step;
    for (const auto& x : steps) {
      if (x.step == step && (!s.submitted || x.id > s.submitted->id)) s.submitted = x;
    }
    if (!s.submitted) {
      out.push_back(std::move(s));
      continue;
    }
    s.changes = ChangesSince(ParseContent(s.submitted->content), now);
    if (step == ApprovalStep::kCriticalReading) {
      const bool answered =
          !readers.empty() && std::all_of(readers.begin(), readers.end(), ReaderAnswered);
      s.state = answered ? StepState::kComplete : StepState::kAwaiting;
      out.push_back(std::move(s));
      continue;
    }
    for (const auto& a : approvals) {
      if (a.step_id == s.submitted->id) s.approvals[a.inspectorate_id] = a;
    }
    for (int64_t i : participating) {
      if (!s.approvals.count(i)) s.awaiting.insert(i);
    }
    if (s.submitted->content_version != version) {
      s.state = StepState::kLapsed;
    } else {
      s.state = s.awaiting.empty() ? StepState::kComplete : StepState::kAwaiting;
    }
    out.push_back(std::move(s));
  }
  // The gates passed before the readers were sent the report stay passed,
  // however often it is sent to them again.
  for (int i = 0; i < static_cast<int>(ApprovalStep::kCriticalReading); ++i) {
    StepStatus& gate = out[i];
    if (gate.state != StepState::kLapsed || !gate.awaiting.empty()) continue;
    const bool passed = std::any_of(steps.begin(), steps.end(), [&](const ReportStep& x) {
      return x.step == ApprovalStep::kCriticalReading && x.id > gate.submitted->id &&
             x.content_version == gate.submitted->content_version;
    });
    if (passed) {
      gate.state = StepState::kComplete;
      gate.changes.clear();
    }
  }
  return out;
}

int StepsComplete(const std::vector<StepStatus>& chain) {
  int n = 0;
  for (const auto& s : chain) {
    if (s.state != StepState::kComplete) break;
    ++n;
  }
  return n;
}

Status CheckSubmit(ApprovalStep step, const std::vector<StepStatus>& chain,
                   const ReportContent& now, const std::vector<CriticalReader>& readers) {
  if (ContentVersion(now) == 0) {
    return FailedPrecondition("The report has nothing in it to approve yet", "nothing-to-approve");
  }
  const StepStatus* self = StatusOf(chain, step);
  const int index = static_cast<int>(step);
  // Every step before, not only the one just before: a change made for a
  // critical reader lapses the agreement and the approval before it.
  for (int earlier = 0; earlier < index; ++earlier) {
    const ApprovalStep before = kAllApprovalSteps[earlier];
    const StepStatus* prior = StatusOf(chain, before);
    if (!prior || prior->state != StepState::kComplete) {
      return FailedPrecondition(
          std::string(ApprovalStepLabel(step)) + " follows " +
              std::string(ApprovalStepLabel(before)) +
              (before == ApprovalStep::kCriticalReading
                   ? ": every critical reader's response must be answered first"
                   : ", complete on the report as it is now"),
          "R18");
    }
  }
  if (step == ApprovalStep::kCriticalReading && readers.empty()) {
    return FailedPrecondition("Name at least one critical reader before sending them the report",
                              "no-critical-readers");
  }
  const bool standing =
      self && self->submitted &&
      (step == ApprovalStep::kCriticalReading
           ? self->state == StepState::kComplete ||
                 self->submitted->content_version == ContentVersion(now)
           : self->state == StepState::kAwaiting || self->state == StepState::kComplete);
  if (standing) {
    return FailedPrecondition(std::string(ApprovalStepLabel(step)) +
                                  " has already been submitted on the report as it is now",
                              "already-submitted");
  }
  return OkStatus();
}

Status CheckApprove(const StepStatus& s, const Caller& caller,
                    const std::set<int64_t>& participating, int64_t version, int64_t newest) {
  const std::string label(ApprovalStepLabel(s.step));
  if (s.step == ApprovalStep::kCriticalReading) {
    return FailedPrecondition("Critical readers respond; nobody approves that step",
                              "not-an-approval");
  }
  if (!s.submitted) {
    return FailedPrecondition(label + " has not been submitted yet", "not-submitted");
  }
  if (version != newest) {
    return FailedPrecondition(
        "Approvals are bound to the version: version " + std::to_string(version) +
            " is not the newest version of the report (" + std::to_string(newest) + ")",
        "R11");
  }
  if (s.state == StepState::kLapsed) {
    return FailedPrecondition("Approvals are bound to the version: the report changed since " +
                                  label + " was submitted, so it must be submitted again",
                              "R11");
  }
  if (!caller.inspectorate_id || !participating.count(*caller.inspectorate_id)) {
    return PermissionDenied("Only those of a participating inspectorate approve the report",
                            "not-participating");
  }
  if (!ApprovesStep(s.step, caller.roles)) {
    return PermissionDenied(
        label + " is given for each inspectorate by " + std::string(ApproverWords(s.step)),
        "approver-role");
  }
  if (caller.user_id == s.submitted->submitted_by) {
    return PermissionDenied(
        "Whoever submits a step cannot approve it for their own inspectorate: another person "
        "of your inspectorate must approve it",
        "submitter-cannot-approve-alone");
  }
  if (s.approvals.count(*caller.inspectorate_id)) {
    return FailedPrecondition("Your inspectorate has already approved this version",
                              "already-approved");
  }
  return OkStatus();
}

}  // namespace jointly
