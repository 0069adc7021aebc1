#include "domain/fieldwork.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/enum_ids.h"
#include "core/text.h"

namespace jointly {

namespace {

constexpr Naming<Classification> kClassifications[] = {
    {Classification::kOfficial, "official", "OFFICIAL"},
    {Classification::kOfficialSensitive, "official_sensitive", "OFFICIAL-SENSITIVE"},
};
constexpr Naming<TimetableDrafting> kDraftings[] = {
    {TimetableDrafting::kUndecided, "undecided", "Not decided yet"},
    {TimetableDrafting::kOverallLead, "overall_lead",
     "The overall lead inspector drafts the timetable for every inspectorate"},
    {TimetableDrafting::kEachLead, "each_lead",
     "Each inspectorate's lead drafts its part and the overall lead pulls them together"},
};
constexpr Naming<InterviewApproach> kApproaches[] = {
    {InterviewApproach::kUndecided, "undecided", "Not decided yet"},
    {InterviewApproach::kFromEvidence, "from_evidence",
     "Inspectors assess the evidence so far and ask questions from it"},
    {InterviewApproach::kInterviewPlans, "interview_plans",
     "Interview plans identify the key aspects to ask about"},
    {InterviewApproach::kQuestionList, "question_list", "A list of questions is supplied"},
};
constexpr Naming<ClearanceKind> kClearanceKinds[] = {
    {ClearanceKind::kSecurityVetting, "security_vetting", "Security clearance"},
    {ClearanceKind::kItAccess, "it_access", "Access to IT systems"},
};
constexpr Naming<ReviewState> kReviewStates[] = {
    {ReviewState::kNotReviewed, "not_reviewed", "Not reviewed"},
    {ReviewState::kAgreed, "agreed", "Agreed"},
    {ReviewState::kQueryRaised, "query_raised", "Query raised"},
};
constexpr Naming<InterviewKind> kInterviewKinds[] = {
    {InterviewKind::kInterview, "interview", "Interview"},
    {InterviewKind::kFocusGroup, "focus_group", "Focus group"},
};
constexpr Naming<Staffing> kStaffings[] = {
    {Staffing::kJoint, "joint", "Jointly, by inspectors of more than one inspectorate"},
    {Staffing::kSingle, "single", "By one inspectorate alone"},
};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool EndsWith(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

}  // namespace

std::string_view ClassificationId(Classification c) { return IdIn(kClassifications, c); }
std::string_view ClassificationLabel(Classification c) { return LabelIn(kClassifications, c); }
std::string_view TimetableDraftingId(TimetableDrafting d) { return IdIn(kDraftings, d); }
std::string_view TimetableDraftingLabel(TimetableDrafting d) { return LabelIn(kDraftings, d); }
std::string_view InterviewApproachId(InterviewApproach a) { return IdIn(kApproaches, a); }
std::string_view InterviewApproachLabel(InterviewApproach a) { return LabelIn(kApproaches, a); }
std::string_view ClearanceKindId(ClearanceKind k) { return IdIn(kClearanceKinds, k); }
std::string_view ClearanceKindLabel(ClearanceKind k) { return LabelIn(kClearanceKinds, k); }
std::string_view ReviewStateId(ReviewState s) { return IdIn(kReviewStates, s); }
std::string_view ReviewStateLabel(ReviewState s) { return LabelIn(kReviewStates, s); }
std::string_view InterviewKindId(InterviewKind k) { return IdIn(kInterviewKinds, k); }
std::string_view InterviewKindLabel(InterviewKind k) { return LabelIn(kInterviewKinds, k); }
std::string_view StaffingId(Staffing s) { return IdIn(kStaffings, s); }
std::string_view StaffingLabel(Staffing s) { return LabelIn(kStaffings, s); }

bool MaySee(const Standing& standing, Classification c) {
  if (!standing.sees) return false;
  return c == Classification::kOfficial || standing.on_team;
}

bool MaySeeLiveCase(const Standing& standing, const LiveCaseIssue& issue,
                    std::optional<int64_t> acting_for) {
  if (MaySee(standing, issue.classification)) return true;
  return standing.sees && acting_for && issue.recorded_for == acting_for;
}

Status CheckMaySee(const Standing& standing, Classification c, const std::string& what) {
  if (MaySee(standing, c)) return OkStatus();
  return PermissionDenied(
      "The " + what + " is OFFICIAL-SENSITIVE: only the inspection's team sees it",
      "official-sensitive");
}

const RecordType<FieldworkArrangements>& ArrangementsRecord() {
  using A = FieldworkArrangements;
  const FieldOptions text{.max_chars = kMaxLongText};
  auto part = [&](const char* name, const char* label, std::string A::*member, const char* what,
                  const char* hint) {
    FieldOptions o = text;
    o.what = what;
    o.hint = hint;
    return TextField(name, label, member, o);
  };
  static const RecordType<A> type{
      .name = "fieldwork_arrangements",
      .label = "set of fieldwork arrangements",
      .table = "inspection_arrangements",
      .order_by = "id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&A::id),
          ReferenceField("inspection_id", "Inspection", &A::inspection_id,
                         {.what = "the inspection", .writable = false}),
          part("onsite_and_remote", "Onsite and remote activities", &A::onsite_and_remote,
               "which activities are onsite and which remote",
               "Which fieldwork activities must be done onsite, and which can be done remotely"),
          ChoiceField(
              "drafting", "Who drafts the fieldwork timetable", &A::drafting,
              ChoicesOf(kAllTimetableDraftings, TimetableDraftingId, TimetableDraftingLabel),
              {.what = "who drafts the fieldwork timetable"}),
          part("inspectors_per_visit", "Inspectors for each visit", &A::inspectors_per_visit,
               "how many inspectors each visit needs",
               "How many inspectors each visit needs, and the joint pairs or teams"),
          part("security", "Security clearance and IT access", &A::security,
               "the security clearance and IT access needed",
               "Clearance the team needs, and any issues with access to the IT systems of those "
               "inspected"),
          part("shared_before", "Information shared before fieldwork", &A::shared_before,
               "what is shared with the teams before fieldwork",
               "What the fieldwork teams are given before they start, and who gives it to them"),
          part("evidence_recording", "How evidence is recorded and shared", &A::evidence_recording,
               "how evidence is recorded and shared",
               "Data, file examination, observations, reality checks and interview notes: how "
               "each is recorded and who records it"),
          part("updates", "Keeping the teams up to date", &A::updates,
               "how the teams are kept up to date",
               "Before they visit an area, and while they are onsite"),
          part("pre_onsite_split", "Pre-onsite work", &A::pre_onsite_split,
               "how pre-onsite work is split",
               "How data analysis, document reading and file examination are shared between the "
               "inspectorates"),
          part("debriefs", "Debriefs", &A::debriefs, "the debriefs",
               "Debriefs among the teams at the end of each day, and any with those inspected"),
          part("live_cases", "Issues in live cases and observations", &A::live_cases,
               "what inspectors do about issues in live cases",
               "What inspectors do when they find issues in live cases or during observations"),
          ChoiceField(
              "interviews", "How interviews are conducted", &A::interviews,
              ChoicesOf(kAllInterviewApproaches, InterviewApproachId, InterviewApproachLabel),
              {.what = "how interviews are conducted"}),
          VersionField(&A::version),
      }};
  return type;
}

Status CheckArrangementsComplete(const FieldworkArrangements& a) {
  Validation v;
  const std::pair<const char*, const std::string*> texts[] = {
      {"onsite_and_remote", &a.onsite_and_remote},
      {"inspectors_per_visit", &a.inspectors_per_visit},
      {"security", &a.security},
      {"shared_before", &a.shared_before},
      {"evidence_recording", &a.evidence_recording},
      {"debriefs", &a.debriefs},
      {"live_cases", &a.live_cases},
  };
  for (const auto& [name, text] : texts) {
    if (IsBlank(*text)) {
      const auto* f = ArrangementsRecord().Find(name);
      v.Add(name, "arrangements-incomplete", "Say " + f->what + " before asking for agreement");
    }
  }
  if (a.drafting == TimetableDrafting::kUndecided) {
    v.Add("drafting", "arrangements-incomplete",
          "Choose who drafts the fieldwork timetable before asking for agreement");
  }
  if (a.interviews == InterviewApproach::kUndecided) {
    v.Add("interviews", "arrangements-incomplete",
          "Choose how interviews are conducted before asking for agreement");
  }
  return v.Finish("The fieldwork arrangements are not complete");
}

const RecordType<Clearance>& ClearanceRecord() {
  static const RecordType<Clearance> type{
      .name = "clearance",
      .label = "clearance",
      .table = "inspection_clearances",
      .order_by = "user_id, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&Clearance::id),
          ReferenceField("inspection_id", "Inspection", &Clearance::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ReferenceField("user_id", "Inspector", &Clearance::user_id,
                         {.what = "the inspector", .required = true}),
          ChoiceField("kind", "Kind", &Clearance::kind,
                      ChoicesOf(kAllClearanceKinds, ClearanceKindId, ClearanceKindLabel),
                      {.what = "the kind of clearance"}),
          LineField("detail", "What is needed", &Clearance::detail,
                    {.what = "what is needed",
                     .required = true,
                     .max_chars = kMaxShortText,
                     .hint = "For example, police vetting level 2, or the CPS case management "
                             "system in Kent"}),
          BooleanField("held", "Held", &Clearance::held, {.what = "whether it is held"}),
          DateField("expires_on", "Expires on", &Clearance::expires_on,
                    {.what = "when it expires", .hint = "Leave empty if it does not expire"}),
          OptionalReferenceField("delegation_id", "Recorded under delegation",
                                 &Clearance::delegation_id,
                                 {.what = "the delegation it is recorded under",
                                  .hint = "Only if you record it for another inspectorate "
                                          "that delegated fieldwork to you"}),
          LineField("acting_as", "Acting as", &Clearance::acting_as,
                    {.what = "whom it was recorded for under delegation",
                     .max_chars = 500,
                     .writable = false}),
          OptionalReferenceField("recorded_by", "Recorded by", &Clearance::recorded_by,
                                 {.what = "who recorded it", .writable = false}),
          VersionField(&Clearance::version),
      }};
  return type;
}

Status CheckOneClearanceEach(const Clearance& clearance, const std::vector<Clearance>& others,
                             const std::string& who) {
  for (const auto& c : others) {
    if (c.id == clearance.id || c.user_id != clearance.user_id || c.kind != clearance.kind) {
      continue;
    }
    const std::string message = who + " already has a record of " +
                                InSentence(ClearanceKindLabel(c.kind)) + " (" + c.detail +
                                "): change that record to say it is held, or when it expires";
    return std::move(InvalidArgument(message, "one-clearance-each")
                         .AddFieldError("kind", "one-clearance-each", message));
  }
  return OkStatus();
}

bool ClearanceExpired(const Clearance& clearance, Date today) {
  const auto expires = Date::Parse(clearance.expires_on);
  return clearance.held && expires && expires->DaysSince(today) < 0;
}

bool ClearanceLapsed(const Clearance& clearance, std::optional<Date> last_day, Date today) {
  if (!ClearanceExpired(clearance, today)) return false;
  const auto expires = Date::Parse(clearance.expires_on);
  return !last_day || expires->DaysSince(*last_day) < 0;
}

std::vector<std::string> ClearanceWarnings(const std::vector<Clearance>& clearances,
                                           std::optional<Date> last_day, Date today,
                                           const std::map<int64_t, std::string>& name_of,
                                           std::string_view until) {
  std::vector<std::string> out;
  for (const auto& c : clearances) {
    auto it = name_of.find(c.user_id);
    const std::string who = it == name_of.end() ? "An inspector" : it->second;
    const std::string what = std::string(ClearanceKindLabel(c.kind)) + " (" + c.detail + ")";
    if (!c.held) {
      out.push_back(who + " does not hold " + what + " yet");
      continue;
    }
    const auto expires = Date::Parse(c.expires_on);
    if (ClearanceLapsed(c, last_day, today)) {
      out.push_back(who + "'s " + what + " expired on " + expires->ToDayMonthYear() +
                    (last_day ? ", before " + std::string(until) + " on " + last_day->ToLong()
                              : std::string()) +
                    ": it is not held until it is renewed");
      continue;
    }
    if (expires && last_day && expires->DaysSince(*last_day) < 0) {
      out.push_back(who + "'s " + what + " expires on " + expires->ToLong() + ", before " +
                    std::string(until) + " on " + last_day->ToLong());
    }
  }
  return out;
}

const RecordType<EvidenceItem>& EvidenceRecord() {
  using E = EvidenceItem;
  static const RecordType<E> type{
      .name = "evidence",
      .label = "evidence item",
      .table = "inspection_evidence",
      .order_by = "gathered_on DESC, id DESC",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&E::id),
          ReferenceField("inspection_id", "Inspection", &E::inspection_id,
                         {.what = "the inspection", .writable = false}),
          OptionalReferenceField(
              "site_id", "Fieldwork site", &E::site_id,
              {.what = "the fieldwork site", .hint = "Leave empty for evidence not from one site"}),
          ChoiceField("method", "Method", &E::method, ChoicesOf(kAllMethods, MethodId, MethodLabel),
                      {.what = "the method of gathering it"}),
          DateField("gathered_on", "Gathered on", &E::gathered_on,
                    {.what = "when it was gathered", .required = true}),
          ReferenceField("recorded_for", "Recorded for", &E::recorded_for,
                         {.what = "the inspectorate it was recorded for", .writable = false}),
          ReferenceField("recorded_by", "Recorded by", &E::recorded_by,
                         {.what = "who recorded it", .writable = false}),
          TextField("summary", "What was found", &E::summary,
                    {.what = "what was found", .required = true, .max_chars = kMaxLongText}),
          LineField("case_reference", "Case reference", &E::case_reference,
                    {.what = "the case reference",
                     .max_chars = kMaxShortText,
                     .hint = "For a file examination: the reference of the case file"}),
          TextField("answers", "Answers to the question set", &E::answers,
                    {.what = "the answers to the question set",
                     .max_chars = kMaxLongText,
                     .hint = "For a file examination: one answer a line"}),
          ChoiceField("classification", "Security classification", &E::classification,
                      ChoicesOf(kAllClassifications, ClassificationId, ClassificationLabel),
                      {.what = "the security classification",
                       .hint = "OFFICIAL-SENSITIVE evidence is seen only by the inspection's "
                               "team"}),
          OptionalReferenceField("delegation_id", "Recorded under delegation", &E::delegation_id,
                                 {.what = "the delegation it is recorded under",
                                  .hint = "Only if you record it for another inspectorate "
                                          "that delegated fieldwork to you"}),
          LineField("acting_as", "Acting as", &E::acting_as,
                    {.what = "whom it was recorded for under delegation",
                     .max_chars = 500,
                     .writable = false}),
          VersionField(&E::version),
      }};
  return type;
}

Status ValidateEvidence(const EvidenceItem& item) {
  Validation v;
  if (item.method == Method::kFileExamination && IsBlank(item.case_reference)) {
    v.Add("case_reference", "case-reference",
          "Enter the case reference of the file that was examined");
  }
  return v.Finish();
}

Status CheckGatheredBy(const EvidenceItem& item, const Date& today) {
  const auto gathered = Date::Parse(item.gathered_on);
  if (!gathered || *gathered <= today) return OkStatus();
  return std::move(InvalidArgument("Evidence cannot be gathered in the future", "not-in-future")
                       .AddFieldError("gathered_on", "not-in-future",
                                      "The date it was gathered must be today or in the past"));
}

const EvidenceReview* NewestReview(const EvidenceItem& item,
                                   const std::vector<EvidenceReview>& reviews,
                                   int64_t inspectorate_id) {
  const EvidenceReview* newest = nullptr;
  for (const auto& r : reviews) {
    if (r.evidence_id != item.id || r.inspectorate_id != inspectorate_id) continue;
    if (r.evidence_version != item.version) continue;
    if (!newest || r.id > newest->id) newest = &r;
  }
  return newest;
}

ReviewState ReviewOf(const EvidenceItem& item, const std::vector<EvidenceReview>& reviews,
                     int64_t inspectorate_id) {
  const EvidenceReview* newest = NewestReview(item, reviews, inspectorate_id);
  return newest ? newest->state : ReviewState::kNotReviewed;
}

Status CheckReview(const Inspection& inspection, const Standing& standing,
                   const EvidenceReview& review) {
  if (!standing.inspectorate || !Participates(inspection, *standing.inspectorate)) {
    return PermissionDenied(
        "Evidence is quality-assured by the inspectorates taking part in the inspection, each "
        "for itself",
        "R15");
  }
  Validation v;
  if (review.state == ReviewState::kNotReviewed) {
    v.Add("state", "one-of", "Choose whether you agree the evidence or raise a query");
  }
  v.Text("comment", review.comment, kMaxReviewText, false, "the comment");
  if (review.state == ReviewState::kQueryRaised && IsBlank(review.comment)) {
    v.Add("comment", "query-comment", "Say what the query asks");
  }
  return v.Finish();
}

bool EvidenceAssured(const Inspection& inspection, const std::vector<EvidenceItem>& items,
                     const std::vector<EvidenceReview>& reviews) {
  if (items.empty()) return false;
  for (const auto& item : items) {
    for (int64_t who : inspection.participating) {
      if (ReviewOf(item, reviews, who) != ReviewState::kAgreed) return false;
    }
  }
  return true;
}

std::vector<EvidenceItem> AwaitingReviewBy(const std::vector<EvidenceItem>& items,
                                           const std::vector<EvidenceReview>& reviews,
                                           int64_t inspectorate_id) {
  std::vector<EvidenceItem> out;
  for (const auto& item : items) {
    if (ReviewOf(item, reviews, inspectorate_id) == ReviewState::kNotReviewed) {
      out.push_back(item);
    }
  }
  return out;
}

std::vector<EvidenceReview> AnsweredQueriesOf(const std::vector<EvidenceReview>& reviews,
                                              int64_t user_id) {
  std::vector<EvidenceReview> out;
  for (const auto& q : reviews) {
    if (q.state != ReviewState::kQueryRaised || q.reviewed_by != user_id || q.answer.empty()) {
      continue;
    }
    const bool reviewed_since = std::any_of(reviews.begin(), reviews.end(), [&](const auto& r) {
      return r.evidence_id == q.evidence_id && r.inspectorate_id == q.inspectorate_id &&
             r.id > q.id;
    });
    if (!reviewed_since) out.push_back(q);
  }
  return out;
}

StatusOr<std::string> CheckAttachment(std::string_view filename, std::string_view bytes) {
  Validation v;
  v.Line("file", filename, kMaxShortText, true, "the file's name");
  if (filename.find_first_of("/\\") != std::string_view::npos || filename.starts_with(".")) {
    v.Add("file", "filename",
          "Rename the file: its name cannot contain slashes or start with a dot");
  }
  if (bytes.empty()) {
    v.Add("file", "attachment-size", "The file is empty");
  } else if (bytes.size() > kMaxAttachmentBytes) {
    v.Add("file", "attachment-size", "The file must be 5 MB or smaller");
  }
  RETURN_IF_ERROR(v.Finish("The file cannot be attached"));

  const std::string name = Lower(filename);
  auto starts = [&](std::string_view magic) { return bytes.starts_with(magic); };
  const bool zip = starts(std::string_view("PK\x03\x04", 4));
  std::string type;
  if (EndsWith(name, ".pdf") && starts("%PDF-")) {
    type = "application/pdf";
  } else if (EndsWith(name, ".docx") && zip) {
    type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  } else if (EndsWith(name, ".xlsx") && zip) {
    type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  } else if (EndsWith(name, ".png") && starts("\x89PNG\r\n\x1a\n")) {
    type = "image/png";
  } else if ((EndsWith(name, ".jpg") || EndsWith(name, ".jpeg")) && starts("\xff\xd8\xff")) {
    type = "image/jpeg";
  } else if ((EndsWith(name, ".txt") || EndsWith(name, ".csv")) &&
             bytes.find('\0') == std::string_view::npos) {
    Validation text;
    text.Text("file", bytes, bytes.size(), false, "the file");
    if (text.empty()) type = EndsWith(name, ".csv") ? "text/csv" : "text/plain";
  }
  if (type.empty()) {
    return std::move(
        InvalidArgument("The file cannot be attached", "attachment-type")
            .AddFieldError("file", "attachment-type",
                           "The file must be a PDF, Word, Excel, PNG, JPEG, text or CSV file, "
                           "and its name must end as its type does"));
  }
  return type;
}

const RecordType<Interview>& InterviewRecord() {
  using I = Interview;
  static const RecordType<I> type{
      .name = "interview",
      .label = "interview or focus group",
      .table = "inspection_interviews",
      .order_by = "held_on, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&I::id),
          ReferenceField("inspection_id", "Inspection", &I::inspection_id,
                         {.what = "the inspection", .writable = false}),
          OptionalReferenceField(
              "site_id", "Fieldwork site", &I::site_id,
              {.what = "the fieldwork site", .hint = "Leave empty if it is not at one site"}),
          ChoiceField("kind", "Kind", &I::kind,
                      ChoicesOf(kAllInterviewKinds, InterviewKindId, InterviewKindLabel),
                      {.what = "whether it is an interview or a focus group"}),
          DateField("held_on", "Held on", &I::held_on,
                    {.what = "when it is held", .required = true}),
          LineField("with_whom", "With whom", &I::with_whom,
                    {.what = "whom it is with",
                     .required = true,
                     .max_chars = kMaxShortText,
                     .hint = "For example, hate crime leads in the force, or victims' groups"}),
          ChoiceField("staffing", "Conducted", &I::staffing,
                      ChoicesOf(kAllStaffings, StaffingId, StaffingLabel),
                      {.what = "who conducts it",
                       .hint = "Interviews and focus groups are joint unless there is a reason"}),
          OptionalReferenceField("single_inspectorate", "Inspectorate conducting it alone",
                                 &I::single_inspectorate,
                                 {.what = "the inspectorate conducting it alone"}),
          TextField("single_reason", "Why it is not joint", &I::single_reason,
                    {.what = "why it is not joint", .max_chars = kMaxLongText}),
          TextField("plan", "Interview plan or questions", &I::plan,
                    {.what = "the interview plan or questions", .max_chars = kMaxLongText}),
          OptionalReferenceField("delegation_id", "Recorded under delegation", &I::delegation_id,
                                 {.what = "the delegation it is recorded under",
                                  .hint = "Only if you record it for another inspectorate "
                                          "that delegated fieldwork to you"}),
          LineField("acting_as", "Acting as", &I::acting_as,
                    {.what = "whom it was recorded for under delegation",
                     .max_chars = 500,
                     .writable = false}),
          OptionalReferenceField("recorded_by", "Recorded by", &I::recorded_by,
                                 {.what = "who recorded it", .writable = false}),
          VersionField(&I::version),
      }};
  return type;
}

Status ValidateInterview(const Interview& interview) {
  Validation v;
  if (interview.staffing == Staffing::kSingle) {
    if (!interview.single_inspectorate) {
      v.Add("single_inspectorate", "R16", "Choose the inspectorate that conducts it alone");
    }
    if (IsBlank(interview.single_reason)) {
      v.Add("single_reason", "R16",
            "Interviews and focus groups are joint: say why this one is conducted by one "
            "inspectorate alone");
    }
  } else if (interview.single_inspectorate || !IsBlank(interview.single_reason)) {
    // Conducted jointly: an inspectorate alone, or a reason for it, would
    // say otherwise, and is never silently dropped.
    // Each field says what to do with it, so the summary never repeats itself.
    if (interview.single_inspectorate) {
      v.Add("single_inspectorate", "R16",
            "It is conducted jointly, so it has no inspectorate conducting it alone: leave the "
            "inspectorate empty, or choose that one inspectorate conducts it");
    }
    if (!IsBlank(interview.single_reason)) {
      v.Add("single_reason", "R16",
            "It is conducted jointly, so it needs no reason for not being joint: delete the "
            "reason, or choose that one inspectorate conducts it");
    }
  }
  return v.Finish();
}

const RecordType<LiveCaseIssue>& LiveCaseRecord() {
  using L = LiveCaseIssue;
  static const RecordType<L> type{
      .name = "live_case_issue",
      .label = "issue in a live case",
      .table = "inspection_live_cases",
      .order_by = "found_on DESC, id DESC",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&L::id),
          ReferenceField("inspection_id", "Inspection", &L::inspection_id,
                         {.what = "the inspection", .writable = false}),
          OptionalReferenceField("site_id", "Fieldwork site", &L::site_id,
                                 {.what = "the fieldwork site"}),
          DateField("found_on", "Found on", &L::found_on,
                    {.what = "when it was found", .required = true}),
          LineField("case_reference", "Case reference", &L::case_reference,
                    {.what = "the case reference", .required = true, .max_chars = kMaxShortText}),
          TextField("issue", "The issue", &L::issue,
                    {.what = "the issue", .required = true, .max_chars = kMaxLongText}),
          TextField("action", "Action taken", &L::action,
                    {.what = "the action taken", .required = true, .max_chars = kMaxLongText}),
          LineField("action_by", "Taken by", &L::action_by,
                    {.what = "who took it", .required = true, .max_chars = kMaxShortText}),
          ChoiceField("classification", "Security classification", &L::classification,
                      ChoicesOf(kAllClassifications, ClassificationId, ClassificationLabel),
                      {.what = "the security classification"}),
          OptionalReferenceField("delegation_id", "Recorded under delegation", &L::delegation_id,
                                 {.what = "the delegation it is recorded under",
                                  .hint = "Only if you record it for another inspectorate "
                                          "that delegated fieldwork to you"}),
          LineField("acting_as", "Acting as", &L::acting_as,
                    {.what = "whom it was recorded for under delegation",
                     .max_chars = 500,
                     .writable = false}),
          OptionalReferenceField("recorded_by", "Recorded by", &L::recorded_by,
                                 {.what = "who recorded it", .writable = false}),
          OptionalReferenceField(
              "recorded_for", "Recorded for", &L::recorded_for,
              {.what = "the inspectorate it was recorded for", .writable = false}),
          VersionField(&L::version),
      }};
  return type;
}

SiteUse UseOfSite(int64_t site_id, const std::vector<Letter>& letters,
                  const std::vector<LetterSending>& sendings,
                  const std::vector<EvidenceItem>& evidence,
                  const std::vector<Interview>& interviews,
                  const std::vector<LiveCaseIssue>& live_cases) {
  SiteUse use;
  for (const auto& l : letters) {
    if (l.site_id != site_id) continue;
    ++use.letters;
    for (const auto& x : sendings) {
      if (x.letter_id == l.id && x.in_force()) use.sent_on.push_back(x.sent_on);
    }
  }
  auto count = [site_id](const auto& parts) {
    return static_cast<int>(std::count_if(parts.begin(), parts.end(),
                                          [&](const auto& p) { return p.site_id == site_id; }));
  };
  use.evidence = count(evidence);
  use.interviews = count(interviews);
  use.live_cases = count(live_cases);
  return use;
}

namespace {

// "a letter sent on 3 March 2026", for the letters that stand.
std::string LettersStanding(const SiteUse& use) {
  std::vector<std::string> days;
  for (const auto& d : use.sent_on) {
    auto day = Date::Parse(d);
    days.push_back(day ? day->ToDayMonthYear() : d);
  }
  return std::string(use.sent_on.size() == 1 ? "a letter sent on " : "letters sent on ") +
         InWordsList(days);
}

}  // namespace

Status CheckMayRemoveSite(const std::string& name, const SiteUse& use) {
  std::vector<std::string> what;
  if (!use.sent_on.empty()) what.push_back(LettersStanding(use));
  if (use.evidence > 0) what.push_back(Count(use.evidence, "evidence item", "evidence items"));
  if (use.interviews > 0) {
    what.push_back(Count(use.interviews, "interview or focus group", "interviews or focus groups"));
  }
  if (use.live_cases > 0) {
    what.push_back(Count(use.live_cases, "issue in a live case", "issues in live cases"));
  }
  if (what.empty()) return OkStatus();
  std::string out = name + " cannot be removed while the inspection's record names it: it has " +
                    InWordsList(what);
  if (!use.sent_on.empty()) out += ". Withdraw the letter first to remove the site";
  return FailedPrecondition(out, "site-in-use");
}

Status CheckMayChangeSite(const std::string& name, const SiteUse& use) {
  if (use.sent_on.empty()) return OkStatus();
  return FailedPrecondition("Fieldwork at " + name + " cannot be changed while " +
                                LettersStanding(use) +
                                " stands. Withdraw the letter first, then change the site",
                            "site-in-use");
}

namespace {

constexpr Naming<VisitMode> kVisitModes[] = {
    {VisitMode::kOnsite, "onsite", "Onsite"},
    {VisitMode::kRemote, "remote", "Remote"},
};

}  // namespace

std::string_view VisitModeId(VisitMode m) { return IdIn(kVisitModes, m); }
std::string_view VisitModeLabel(VisitMode m) { return LabelIn(kVisitModes, m); }

const RecordType<Visit>& VisitRecord() {
  static const RecordType<Visit> type{
      .name = "visit",
      .label = "fieldwork visit",
      .table = "inspection_visits",
      .order_by = "visit_on, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&Visit::id),
          ReferenceField("inspection_id", "Inspection", &Visit::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ReferenceField("site_id", "Fieldwork site", &Visit::site_id,
                         {.what = "the fieldwork site", .required = true}),
          DateField("visit_on", "Day of the visit", &Visit::visit_on,
                    {.what = "the day of the visit",
                     .required = true,
                     .hint = "Within the site's fieldwork dates"}),
          ChoiceField("mode", "Onsite or remote", &Visit::mode,
                      ChoicesOf(kAllVisitModes, VisitModeId, VisitModeLabel),
                      {.what = "whether the visit is onsite or remote"}),
          TextField("activities", "Activities", &Visit::activities,
                    {.what = "the activities",
                     .required = true,
                     .max_chars = kMaxLongText,
                     .hint = "For example, reality checks in the custody suite and a focus "
                             "group with hate crime coordinators"}),
          VersionField(&Visit::version),
      }};
  return type;
}

Status CheckVisitWindow(const Visit& visit, const FieldworkSite& site) {
  const auto day = Date::Parse(visit.visit_on);
  const auto first = Date::Parse(site.fieldwork_starts_on);
  if (!day || !first) return OkStatus();  // the shape checks say so
  const Date last = Date::Parse(site.fieldwork_ends_on).value_or(*first);
  if (day->DaysSince(*first) >= 0 && last.DaysSince(*day) >= 0) return OkStatus();
  const std::string window = last.DaysSince(*first) == 0 ? "on " + first->ToDayMonthYear()
                                                         : "from " + first->ToDayMonthYear() +
                                                               " to " + last.ToDayMonthYear();
  return std::move(
      InvalidArgument("A visit falls within its site's fieldwork dates", "visit-window")
          .AddFieldError("visit_on", "visit-window",
                         "Choose a day within the site's fieldwork, " + window));
}

const RecordType<VisitPlace>& VisitPlaceRecord() {
  static const RecordType<VisitPlace> type{
      .name = "visit_place",
      .label = "place on a visit's team",
      .table = "inspection_visit_places",
      .order_by = "visit_id, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&VisitPlace::id),
          ReferenceField("inspection_id", "Inspection", &VisitPlace::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ReferenceField("visit_id", "Visit", &VisitPlace::visit_id,
                         {.what = "the visit", .writable = false}),
          ReferenceField("user_id", "Inspector", &VisitPlace::user_id,
                         {.what = "the inspector", .required = true}),
          OptionalReferenceField("partner_id", "Joint pair with", &VisitPlace::partner_id,
                                 {.what = "the inspector of another inspectorate they pair with",
                                  .hint = "Leave empty for an inspector working alone"}),
          LineField(
              "acting_as", "Acting as", &VisitPlace::acting_as,
              {.what = "who on it acts under delegation", .max_chars = 1000, .writable = false}),
          VersionField(&VisitPlace::version),
      }};
  return type;
}

Status CheckVisitPlace(const VisitPlace& place, const std::vector<TeamMember>& team,
                       const std::vector<VisitPlace>& places) {
  auto inspectorate_of = [&](int64_t user_id) -> std::optional<int64_t> {
    for (const auto& m : team) {
      if (m.current() && m.user_id == user_id) return m.inspectorate_id;
    }
    return std::nullopt;
  };
  auto on_visit = [&](int64_t user_id) {
    return std::any_of(places.begin(), places.end(), [&](const VisitPlace& p) {
      return p.user_id == user_id || p.partner_id == user_id;
    });
  };
  Validation v;
  const auto first = inspectorate_of(place.user_id);
  if (!first) {
    v.Add("user_id", "not-on-team", "Choose someone on the inspection's team");
  } else if (on_visit(place.user_id)) {
    v.Add("user_id", "already-on-visit", "They are on this visit's team already");
  }
  if (place.partner_id) {
    const auto second = inspectorate_of(*place.partner_id);
    if (!second) {
      v.Add("partner_id", "not-on-team", "Choose someone on the inspection's team to pair with");
    } else if (*place.partner_id == place.user_id || on_visit(*place.partner_id)) {
      v.Add("partner_id", "already-on-visit",
            "Choose someone not on this visit's team already to pair with");
    } else if (first && *first == *second) {
      v.Add("partner_id", "joint-pair",
            "A joint pair is two inspectors of different inspectorates: choose someone of "
            "another inspectorate");
    }
  }
  return v.Finish("A place on the visit's team is not valid");
}

std::vector<std::string> VisitClearanceWarnings(const Visit& visit,
                                                const std::vector<VisitPlace>& places,
                                                const std::vector<Clearance>& clearances,
                                                Date today,
                                                const std::map<int64_t, std::string>& name_of) {
  std::set<int64_t> people;
  for (const auto& p : places) {
    if (p.visit_id != visit.id) continue;
    people.insert(p.user_id);
    if (p.partner_id) people.insert(*p.partner_id);
  }
  std::vector<Clearance> theirs;
  for (const auto& c : clearances) {
    if (people.count(c.user_id)) theirs.push_back(c);
  }
  return ClearanceWarnings(theirs, Date::Parse(visit.visit_on), today, name_of, "the visit");
}

}  // namespace jointly
