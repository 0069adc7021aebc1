#include "domain/media.h"

#include <algorithm>

#include "core/date.h"
#include "core/enum_ids.h"
#include "core/text.h"

namespace jointly {

namespace {

constexpr Naming<CorrectionDecision> kDecisionNames[] = {
    {CorrectionDecision::kUndecided, "undecided", "Not decided yet"},
    {CorrectionDecision::kAccepted, "accepted", "Accepted"},
    {CorrectionDecision::kNotAccepted, "not_accepted", "Not accepted"},
};

constexpr Naming<Sender> kSenderNames[] = {
    {Sender::kUndecided, "undecided", "Not decided yet"},
    {Sender::kLead, "lead", "The lead inspectorate sends to every stakeholder"},
    {Sender::kEachInspectorate, "each_inspectorate",
     "Each inspectorate sends to its own stakeholders"},
};

constexpr Naming<InterviewBids> kBidsNames[] = {
    {InterviewBids::kUndecided, "undecided", "Not decided yet"},
    {InterviewBids::kLeadOnly, "lead_only",
     "Only the lead inspectorate's Chief Inspector or HM Inspector"},
    {InterviewBids::kShared, "shared", "Spread across every participating inspectorate"},
};

constexpr Naming<SpokespersonRole> kRoleNames[] = {
    {SpokespersonRole::kChiefInspector, "chief_inspector", "Chief Inspector"},
    {SpokespersonRole::kHmInspector, "hm_inspector", "HM Inspector"},
    {SpokespersonRole::kOther, "other", "Someone else"},
};

constexpr Naming<ActivityKind> kActivityNames[] = {
    {ActivityKind::kLaunchEvent, "launch_event", "Launch event"},
    {ActivityKind::kRoundTable, "round_table", "Chief Inspectors' round table"},
    {ActivityKind::kBriefing, "briefing", "Briefing"},
    {ActivityKind::kOther, "other", "Other activity"},
};

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Whether `a` and `b` are both real dates and `a` is before `b`.
bool Before(const std::string& a, const std::string& b) {
  const auto x = Date::Parse(a);
  const auto y = Date::Parse(b);
  return x && y && *x < *y;
}

Status OneFieldError(StatusCode code, const std::string& field, const std::string& rule,
                     const std::string& message) {
  Status s(code, message, rule);
  s.AddFieldError(field, rule, message);
  return s;
}

}  // namespace

std::string_view CorrectionDecisionId(CorrectionDecision d) { return IdIn(kDecisionNames, d); }
std::string_view CorrectionDecisionLabel(CorrectionDecision d) {
  return LabelIn(kDecisionNames, d);
}
std::string_view SenderId(Sender s) { return IdIn(kSenderNames, s); }
std::string_view SenderLabel(Sender s) { return LabelIn(kSenderNames, s); }
std::string_view InterviewBidsId(InterviewBids b) { return IdIn(kBidsNames, b); }
std::string_view InterviewBidsLabel(InterviewBids b) { return LabelIn(kBidsNames, b); }
std::string_view SpokespersonRoleId(SpokespersonRole r) { return IdIn(kRoleNames, r); }
std::string_view SpokespersonRoleLabel(SpokespersonRole r) { return LabelIn(kRoleNames, r); }
std::string_view ActivityKindId(ActivityKind k) { return IdIn(kActivityNames, k); }
std::string_view ActivityKindLabel(ActivityKind k) { return LabelIn(kActivityNames, k); }

const RecordType<FactualCheck>& FactualCheckRecord() {
  static const RecordType<FactualCheck> type{
      .name = "factual_check",
      .label = "factual accuracy check",
      .table = "inspection_factual_checks",
      .order_by = "sent_on, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&FactualCheck::id),
          ReferenceField("inspection_id", "Inspection", &FactualCheck::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ReferenceField("body_id", "Sent to", &FactualCheck::body_id,
                         {.what = "the body it was sent to",
                          .required = true,
                          .hint = "The body inspected, from the directory"}),
          TextField("extracts", "Extracts sent", &FactualCheck::extracts,
                    {.what = "the extracts sent",
                     .required = true,
                     .max_chars = kMaxLongText,
                     .hint = "Which sections or extracts of the draft report were sent"}),
          DateField("sent_on", "Sent on", &FactualCheck::sent_on,
                    {.what = "the day they were sent", .required = true}),
          DateField("due_on", "Corrections due by", &FactualCheck::due_on,
                    {.what = "the day corrections are due", .required = true}),
          VersionField(&FactualCheck::version),
      }};
  return type;
}

Status CheckFactualCheck(const FactualCheck& check) {
  Validation v;
  if (Before(check.due_on, check.sent_on)) {
    v.Add("due_on", "due-after-sent",
          "The day corrections are due must be on or after the day they were sent");
  }
  return v.Finish();
}

const RecordType<FactualCorrection>& FactualCorrectionRecord() {
  static const RecordType<FactualCorrection> type{
      .name = "factual_correction",
      .label = "correction",
      .table = "inspection_factual_corrections",
      .order_by = "received_on, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&FactualCorrection::id),
          ReferenceField("inspection_id", "Inspection", &FactualCorrection::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ReferenceField("check_id", "Factual accuracy check", &FactualCorrection::check_id,
                         {.what = "the check it answers", .writable = false}),
          OptionalReferenceField("section_id", "Section of the report",
                                 &FactualCorrection::section_id,
                                 {.what = "the section of the report it is about"}),
          DateField("received_on", "Received on", &FactualCorrection::received_on,
                    {.what = "the day it was received", .required = true}),
          TextField("correction", "Correction received", &FactualCorrection::correction,
                    {.what = "the correction received",
                     .required = true,
                     .max_chars = kMaxLongText,
                     .hint = "What the body says is not accurate, in its words"}),
          ChoiceField(
              "decision", "Decision", &FactualCorrection::decision,
              ChoicesOf(kAllCorrectionDecisions, CorrectionDecisionId, CorrectionDecisionLabel),
              {.what = "the decision", .required = true}),
          TextField("reason", "Reason or change made", &FactualCorrection::reason,
                    {.what = "the reason",
                     .max_chars = kMaxLongText,
                     .hint = "Why it was not accepted, or what was changed"}),
          IntegerField("decided_by", "Decided by", &FactualCorrection::decided_by,
                       {.what = "who decided", .writable = false}),
          VersionField(&FactualCorrection::version),
      }};
  return type;
}

Status CheckCorrection(const FactualCorrection& c, const FactualCheck& check,
                       const std::string& today) {
  Validation v;
  if (c.decision == CorrectionDecision::kNotAccepted && Trim(c.reason).empty()) {
    v.Add("reason", "reason-required", "Say why the correction was not accepted (R21)");
  }
  if (Before(c.received_on, check.sent_on)) {
    v.Add("received_on", "received-before-sent",
          "The correction cannot be received before the extracts were sent");
  }
  if (Before(today, c.received_on)) {
    v.Add("received_on", "not-in-future", "The date it was received must be today or earlier");
  }
  return v.Finish();
}

Status CheckMayDecide(const Standing& standing, int64_t lead_inspectorate,
                      std::optional<int64_t> section_author, const std::string& who_may) {
  if (standing.inspectorate && (*standing.inspectorate == lead_inspectorate ||
                                (section_author && *standing.inspectorate == *section_author))) {
    return OkStatus();
  }
  return PermissionDenied("Only " + who_may + " decides this correction (R21)", "R21");
}

bool FactualChecksDecided(const std::vector<FactualCheck>& checks,
                          const std::vector<FactualCorrection>& corrections) {
  if (checks.empty()) return false;
  return std::none_of(corrections.begin(), corrections.end(), [](const FactualCorrection& c) {
    return c.decision == CorrectionDecision::kUndecided;
  });
}

const RecordType<Recipient>& RecipientRecord() {
  static const RecordType<Recipient> type{
      .name = "distribution_recipient",
      .label = "recipient",
      .table = "inspection_distribution_recipients",
      .order_by = "inspectorate_id, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&Recipient::id),
          ReferenceField("inspection_id", "Inspection", &Recipient::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ReferenceField("inspectorate_id", "Whose list", &Recipient::inspectorate_id,
                         {.what = "whose list", .writable = false}),
          LineField("recipient_name", "Name", &Recipient::recipient_name,
                    {.what = "the recipient's name", .required = true, .max_chars = kMaxShortText}),
          LineField("organisation", "Organisation", &Recipient::organisation,
                    {.what = "their organisation", .required = true, .max_chars = kMaxShortText}),
          EmailField("email", "Email address", &Recipient::email,
                     {.what = "their email address", .required = true}),
          VersionField(&Recipient::version),
      }};
  return type;
}

std::vector<Delivery> CrossReference(const std::vector<Recipient>& recipients, Sender sender,
                                     int64_t lead, const std::vector<int64_t>& participating) {
  std::vector<int64_t> order = {lead};
  for (int64_t i : participating) {
    if (i != lead) order.push_back(i);
  }
  std::vector<Delivery> out;
  for (int64_t list : order) {
    for (const Recipient& r : recipients) {
      if (r.inspectorate_id != list) continue;
      Delivery d{r, false, sender == Sender::kLead ? lead : list, {}};
      out.push_back(std::move(d));
    }
  }
  for (size_t i = 0; i < out.size(); ++i) {
    const std::string address = Lower(Trim(out[i].recipient.email));
    for (size_t j = 0; j < out.size(); ++j) {
      if (i == j || Lower(Trim(out[j].recipient.email)) != address) continue;
      const int64_t other = out[j].recipient.inspectorate_id;
      if (other != out[i].recipient.inspectorate_id &&
          std::find(out[i].also_on.begin(), out[i].also_on.end(), other) == out[i].also_on.end()) {
        out[i].also_on.push_back(other);
      }
      if (j < i) out[i].duplicate = true;
    }
  }
  return out;
}

int CountSentTo(const std::vector<Delivery>& deliveries) {
  return static_cast<int>(std::count_if(deliveries.begin(), deliveries.end(),
                                        [](const Delivery& d) { return !d.duplicate; }));
}

const RecordType<MediaPlan>& MediaPlanRecord() {
  static const RecordType<MediaPlan> type{
      .name = "media_plan",
      .label = "media plan",
      .table = "inspection_media_plans",
      .order_by = "id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&MediaPlan::id),
          ReferenceField("inspection_id", "Inspection", &MediaPlan::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ChoiceField("sender", "Who sends the report to stakeholders", &MediaPlan::sender,
                      ChoicesOf(kAllSenders, SenderId, SenderLabel),
                      {.what = "who sends the report", .required = true}),
          ChoiceField("interview_bids", "Who takes bids for interview", &MediaPlan::interview_bids,
                      ChoicesOf(kAllInterviewBids, InterviewBidsId, InterviewBidsLabel),
                      {.what = "who takes bids for interview", .required = true}),
          TextField("press_notice", "Press notice", &MediaPlan::press_notice,
                    {.what = "the press notice",
                     .max_chars = kMaxLongText,
                     .hint = "It must name the Chief Inspector or an HM Inspector of every "
                             "participating inspectorate"}),
          VersionField(&MediaPlan::version),
      }};
  return type;
}

Status CheckMediaPlanSaysSomething(const MediaPlan& plan) {
  if (plan.sender != Sender::kUndecided || plan.interview_bids != InterviewBids::kUndecided ||
      !IsBlank(plan.press_notice)) {
    return OkStatus();
  }
  Validation v;
  v.Add("sender", "required", "Choose who sends the report to stakeholders");
  v.Add("interview_bids", "required", "Choose who takes bids for interview");
  return v.Finish("The media plan decides nothing yet");
}

const RecordType<Spokesperson>& SpokespersonRecord() {
  static const RecordType<Spokesperson> type{
      .name = "spokesperson",
      .label = "spokesperson",
      .table = "inspection_spokespeople",
      .order_by = "inspectorate_id, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&Spokesperson::id),
          ReferenceField("inspection_id", "Inspection", &Spokesperson::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ReferenceField("inspectorate_id", "Inspectorate", &Spokesperson::inspectorate_id,
                         {.what = "the inspectorate they speak for", .writable = false}),
          OptionalReferenceField(
              "user_id", "Spokesperson", &Spokesperson::user_id,
              {.what = "the spokesperson",
               .hint = "A Chief Inspector or HM Inspector of an inspectorate taking part"}),
          LineField("spokesperson", "Name", &Spokesperson::spokesperson,
                    {.what = "their name", .max_chars = kMaxShortText, .writable = false}),
          ChoiceField("role", "Role", &Spokesperson::role,
                      ChoicesOf(kAllSpokespersonRoles, SpokespersonRoleId, SpokespersonRoleLabel),
                      {.what = "their role", .writable = false}),
          VersionField(&Spokesperson::version),
      }};
  return type;
}

std::optional<SpokespersonRole> SpeaksAs(const User& person, int64_t inspectorate_id) {
  if (!person.active || person.inspectorate_id != inspectorate_id) return std::nullopt;
  if (person.Has(Role::kChiefInspector)) return SpokespersonRole::kChiefInspector;
  if (person.Has(Role::kHmInspector)) return SpokespersonRole::kHmInspector;
  return std::nullopt;
}

StatusOr<Spokesperson> SpokespersonFor(const Inspection& inspection,
                                       const std::vector<Spokesperson>& named,
                                       std::optional<int64_t> user_id, const User* person) {
  auto refuse = [](const char* rule, const std::string& message) -> Status {
    return std::move(InvalidArgument(message, rule).AddFieldError("user_id", rule, message));
  };
  if (!user_id) return refuse("required", "Choose the spokesperson");
  if (!person) return refuse("unknown-user", "Choose someone from the people of Jointly");
  if (!person->inspectorate_id || !Participates(inspection, *person->inspectorate_id)) {
    return refuse("not-participating",
                  "Choose someone of an inspectorate taking part in the inspection");
  }
  const auto role = SpeaksAs(*person, *person->inspectorate_id);
  if (!role) {
    return refuse("R11",
                  "Choose the Chief Inspector or an HM Inspector of the inspectorate: "
                  "spokespeople speak for their inspectorate (R11)");
  }
  for (const auto& s : named) {
    if (s.user_id == user_id) return refuse("already-named", "They are already a spokesperson");
  }
  Spokesperson out;
  out.inspection_id = inspection.id;
  out.inspectorate_id = *person->inspectorate_id;
  out.user_id = user_id;
  out.spokesperson = person->name;
  out.role = *role;
  return out;
}

bool SpeaksForInspectorate(const Spokesperson& s) {
  return s.user_id.has_value() && s.role != SpokespersonRole::kOther;
}

std::vector<int64_t> WithoutSpokesperson(const std::vector<Spokesperson>& spokespeople,
                                         const std::vector<int64_t>& participating) {
  std::vector<int64_t> out;
  for (int64_t who : participating) {
    if (std::none_of(spokespeople.begin(), spokespeople.end(), [&](const Spokesperson& s) {
          return s.inspectorate_id == who && SpeaksForInspectorate(s);
        })) {
      out.push_back(who);
    }
  }
  return out;
}

std::vector<int64_t> MissingFromNotice(const std::string& notice,
                                       const std::vector<Spokesperson>& spokespeople,
                                       const std::vector<int64_t>& participating) {
  const std::string text = Lower(notice);
  std::vector<int64_t> missing;
  for (int64_t who : participating) {
    const bool named =
        std::any_of(spokespeople.begin(), spokespeople.end(), [&](const Spokesperson& s) {
          const std::string name = Lower(Trim(s.spokesperson));
          return s.inspectorate_id == who && SpeaksForInspectorate(s) && !name.empty() &&
                 text.find(name) != std::string::npos;
        });
    if (!named) missing.push_back(who);
  }
  return missing;
}

namespace {

std::string NamesOf(const std::vector<int64_t>& ids, const std::map<int64_t, std::string>& names) {
  std::vector<std::string> words;
  for (int64_t who : ids) {
    auto it = names.find(who);
    words.push_back(it == names.end() ? "an inspectorate" : it->second);
  }
  return InWordsList(words);
}

std::string NoticeMessage(const std::vector<int64_t>& missing,
                          const std::map<int64_t, std::string>& names) {
  return "The press notice must name the Chief Inspector or an HM Inspector of " +
         NamesOf(missing, names) +
         ": the inspection is jointly owned (R11). Add them as spokespeople and name them in "
         "the notice";
}

}  // namespace

Status CheckPressNotice(const std::vector<int64_t>& missing,
                        const std::map<int64_t, std::string>& names) {
  if (missing.empty()) return OkStatus();
  return OneFieldError(StatusCode::kFailedPrecondition, "press_notice", "R11",
                       NoticeMessage(missing, names));
}

Status CheckMediaPlan(const std::vector<int64_t>& unspoken, const std::vector<int64_t>& missing,
                      bool notice_written, const std::map<int64_t, std::string>& names) {
  const bool short_notice = notice_written && !missing.empty();
  if (unspoken.empty() && !short_notice) return OkStatus();
  const std::string spokespeople =
      "Choose a spokesperson for " + NamesOf(unspoken, names) +
      ": the media plan names the Chief Inspector or an HM Inspector of every participating "
      "inspectorate (R11)";
  Status out =
      FailedPrecondition(unspoken.empty() ? NoticeMessage(missing, names) : spokespeople, "R11");
  if (!unspoken.empty()) out.AddFieldError("spokespeople", "R11", spokespeople);
  if (short_notice) out.AddFieldError("press_notice", "R11", NoticeMessage(missing, names));
  return out;
}

const RecordType<PublicationActivity>& PublicationActivityRecord() {
  static const RecordType<PublicationActivity> type{
      .name = "publication_activity",
      .label = "post-publication activity",
      .table = "inspection_publication_activities",
      .order_by = "held_on, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&PublicationActivity::id),
          ReferenceField("inspection_id", "Inspection", &PublicationActivity::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ChoiceField("activity", "Kind of activity", &PublicationActivity::activity,
                      ChoicesOf(kAllActivityKinds, ActivityKindId, ActivityKindLabel),
                      {.what = "the kind of activity", .required = true}),
          DateField("held_on", "Date", &PublicationActivity::held_on,
                    {.what = "the date", .required = true}),
          LineField("led_by", "Led by", &PublicationActivity::led_by,
                    {.what = "who leads it",
                     .required = true,
                     .max_chars = kMaxShortText,
                     .hint = "For example, HM Chief Inspector of Probation"}),
          TextField("details", "Details", &PublicationActivity::details,
                    {.what = "the details",
                     .max_chars = kMaxLongText,
                     .hint = "Who takes part and what it is for"}),
          VersionField(&PublicationActivity::version),
      }};
  return type;
}

}  // namespace jointly
