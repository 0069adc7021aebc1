#include "domain/consultation.h"

#include <algorithm>
#include <cctype>

#include "core/enum_ids.h"
#include "core/text.h"
#include "domain/programme.h"

namespace jointly {

std::string_view ContactTypeId(ContactType type) {
  switch (type) {
    case ContactType::kGovernment:
      return "government";
    case ContactType::kInspectorate:
      return "inspectorate";
    case ContactType::kInspectedBody:
      return "inspected_body";
    case ContactType::kVoluntarySector:
      return "voluntary_sector";
    case ContactType::kAcademic:
      return "academic";
    case ContactType::kUserRepresentative:
      return "user_representative";
  }
  return "";
}

std::optional<ContactType> ParseContactType(std::string_view id) {
  return ParseById(id, kAllContactTypes, ContactTypeId);
}

std::string_view ContactTypeLabel(ContactType type) {
  switch (type) {
    case ContactType::kGovernment:
      return "Government";
    case ContactType::kInspectorate:
      return "Inspectorate";
    case ContactType::kInspectedBody:
      return "Inspected body";
    case ContactType::kVoluntarySector:
      return "Voluntary sector";
    case ContactType::kAcademic:
      return "Academic";
    case ContactType::kUserRepresentative:
      return "User representative";
  }
  return "";
}

std::string_view CopyGroupId(CopyGroup group) {
  switch (group) {
    case CopyGroup::kDepartment:
      return "department";
    case CopyGroup::kAgency:
      return "agency";
    case CopyGroup::kWales:
      return "wales";
    case CopyGroup::kYouth:
      return "youth";
    case CopyGroup::kOther:
      return "other";
  }
  return "";
}

std::string_view CopyGroupLabel(CopyGroup group) {
  switch (group) {
    case CopyGroup::kDepartment:
      return "Government departments";
    case CopyGroup::kAgency:
      return "Agencies";
    case CopyGroup::kWales:
      return "Wales";
    case CopyGroup::kYouth:
      return "Youth justice";
    case CopyGroup::kOther:
      return "Other interested parties";
  }
  return "";
}

const RecordType<Contact>& ContactRecord() {
  static const RecordType<Contact> type{
      .name = "contact",
      .label = "contact",
      .table = "contacts",
      .order_by = "organisation, name, id",
      .read = Permission::kRunConsultations,
      .write = Permission::kRunConsultations,
      .fields = {
          IdField(&Contact::id),
          LineField("name", "Name", &Contact::name,
                    {.what = "the contact's name", .required = true, .max_chars = 200}),
          LineField("organisation", "Organisation", &Contact::organisation,
                    {.what = "the organisation", .required = true, .max_chars = 200}),
          EmailField("email", "Email address", &Contact::email,
                     {.what = "an email address",
                      .required = true,
                      .hint = "The consultation is sent here; one contact per address"}),
          ChoiceField("type", "Type of organisation", &Contact::type,
                      ChoicesOf(kAllContactTypes, ContactTypeId, ContactTypeLabel),
                      {.what = "the type of organisation", .required = true}),
          ChoiceField("copy_group", "Listed in letters under", &Contact::copy_group,
                      ChoicesOf(kAllCopyGroups, CopyGroupId, CopyGroupLabel),
                      {.what = "where letters list the contact",
                       .hint = "Covering letters group those they are copied to under these "
                               "headings; Other interested parties if not chosen"}),
          VersionField(&Contact::version),
      }};
  return type;
}

bool HasWords(std::string_view text, std::string_view word) {
  auto letter = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  for (size_t at = text.find(word); !word.empty() && at != std::string_view::npos;
       at = text.find(word, at + 1)) {
    const size_t end = at + word.size();
    if ((at == 0 || !letter(text[at - 1])) && (end == text.size() || !letter(text[end]))) {
      return true;
    }
  }
  return false;
}

std::string NameAndOrganisation(const std::string& name, const std::string& organisation) {
  if (organisation.empty() || HasWords(name, organisation)) return name;
  if (name.empty()) return organisation;
  return name + ", " + organisation;
}

Status ValidateContact(const Contact& c) { return CheckShape(ContactRecord(), c); }

std::string_view ResponseStatusId(ResponseStatus status) {
  switch (status) {
    case ResponseStatus::kCounted:
      return "counted";
    case ResponseStatus::kSpam:
      return "spam";
    case ResponseStatus::kDuplicate:
      return "duplicate";
    case ResponseStatus::kWithdrawn:
      return "withdrawn";
  }
  return "";
}

std::string_view ResponseStatusLabel(ResponseStatus status) {
  switch (status) {
    case ResponseStatus::kCounted:
      return "Counted";
    case ResponseStatus::kSpam:
      return "Spam";
    case ResponseStatus::kDuplicate:
      return "Duplicate of another response";
    case ResponseStatus::kWithdrawn:
      return "Withdrawn by its author";
  }
  return "";
}

const RecordType<ResponseMark>& ResponseMarkRecord() {
  static const RecordType<ResponseMark> type{
      .name = "consultation_response",
      .label = "response",
      .table = "consultation_responses",
      .order_by = "id",
      .has_updated_at = false,
      .read = Permission::kSignedIn,
      .write = Permission::kRunConsultations,
      .fields = {
          IdField(&ResponseMark::id),
          ChoiceField("status", "Does this response count?", &ResponseMark::status,
                      ChoicesOf(kAllResponseStatuses, ResponseStatusId, ResponseStatusLabel),
                      {.what = "whether the response counts", .required = true}),
          TextField("note", "Why it is set aside", &ResponseMark::note,
                    {.what = "why it is set aside",
                     .max_chars = 1000,
                     .hint = "For a duplicate, which response it repeats; for a withdrawal, "
                             "when and how its author asked"}),
          VersionField(&ResponseMark::version),
      }};
  return type;
}

Status CheckResponseMark(const ResponseMark*, const ResponseMark& after) {
  if (after.status != ResponseStatus::kCounted && Trim(after.note).empty()) {
    return std::move(
        InvalidArgument("Say why the response is set aside", "set-aside-reason")
            .AddFieldError("note", "set-aside-reason", "Enter why the response is set aside"));
  }
  return OkStatus();
}

std::string_view ConsulteeCategoryId(ConsulteeCategory category) {
  switch (category) {
    case ConsulteeCategory::kMinister:
      return "minister";
    case ConsulteeCategory::kCjChiefInspector:
      return "cj_chief_inspector";
    case ConsulteeCategory::kOfstedChiefInspector:
      return "ofsted_chief_inspector";
    case ConsulteeCategory::kCqc:
      return "cqc";
    case ConsulteeCategory::kHiw:
      return "hiw";
    case ConsulteeCategory::kAuditorGeneralForWales:
      return "auditor_general_for_wales";
    case ConsulteeCategory::kSpecifiedByMinisters:
      return "specified_by_ministers";
    case ConsulteeCategory::kStakeholder:
      return "stakeholder";
  }
  return "";
}

std::string_view ConsulteeCategoryLabel(ConsulteeCategory category) {
  switch (category) {
    case ConsulteeCategory::kMinister:
      return "The relevant Ministers";
    case ConsulteeCategory::kCjChiefInspector:
      return "Another CJ Chief Inspector";
    case ConsulteeCategory::kOfstedChiefInspector:
      return "Ofsted's Chief Inspector";
    case ConsulteeCategory::kCqc:
      return "Care Quality Commission";
    case ConsulteeCategory::kHiw:
      return "Healthcare Inspectorate Wales";
    case ConsulteeCategory::kAuditorGeneralForWales:
      return "Auditor General for Wales";
    case ConsulteeCategory::kSpecifiedByMinisters:
      return "Specified by the Ministers";
    case ConsulteeCategory::kStakeholder:
      return "Stakeholder";
  }
  return "";
}

std::optional<ConsulteeCategory> ParseConsulteeCategory(std::string_view id) {
  return ParseById(id, kAllConsulteeCategories, ConsulteeCategoryId);
}

bool IsStatutory(ConsulteeCategory category) { return category != ConsulteeCategory::kStakeholder; }

std::vector<StatutorySlot> StatutoryConsultees(const std::vector<Inspectorate>& inspectorates,
                                               std::optional<int64_t> owner) {
  std::vector<StatutorySlot> out;
  out.push_back({ConsulteeCategory::kMinister, std::nullopt, "CJ Ministers"});
  for (const auto& i : inspectorates) {
    if (i.kind == InspectorateKind::kCriminalJustice && i.is_open() && (!owner || *owner != i.id)) {
      out.push_back({ConsulteeCategory::kCjChiefInspector, i.id, i.short_name});
    }
  }
  // The named partners, by their codes in the directory.
  const std::pair<const char*, ConsulteeCategory> partners[] = {
      {"OFSTED", ConsulteeCategory::kOfstedChiefInspector},
      {"CQC", ConsulteeCategory::kCqc},
      {"HIW", ConsulteeCategory::kHiw},
      {"AGW", ConsulteeCategory::kAuditorGeneralForWales}};
  for (const auto& [code, category] : partners) {
    std::optional<int64_t> id;
    std::string name(ConsulteeCategoryLabel(category));
    for (const auto& i : inspectorates) {
      if (i.code == code) {
        id = i.id;
        name = i.short_name;
      }
    }
    out.push_back({category, id, name});
  }
  return out;
}

std::string RoundYearsLabel(const ConsultationRound& round) {
  std::string out = FinancialYearLabel(round.first_year);
  for (int y = 1; y < round.years; ++y) {
    out += (y + 1 == round.years ? " and " : ", ") + FinancialYearLabel(round.first_year + y);
  }
  return out;
}

std::string_view RoundStateId(RoundState state) {
  switch (state) {
    case RoundState::kDraft:
      return "draft";
    case RoundState::kOpen:
      return "open";
    case RoundState::kClosed:
      return "closed";
  }
  return "";
}

std::string_view RoundStateLabel(RoundState state) {
  switch (state) {
    case RoundState::kDraft:
      return "Draft";
    case RoundState::kOpen:
      return "Open";
    case RoundState::kClosed:
      return "Closed";
  }
  return "";
}

std::optional<RoundState> ParseRoundState(std::string_view id) {
  constexpr RoundState kAll[] = {RoundState::kDraft, RoundState::kOpen, RoundState::kClosed};
  return ParseById(id, kAll, RoundStateId);
}

std::string DeadlineWarning(Date deadline, const WorkingDayCalendar& calendar) {
  if (!deadline.ok()) return "";
  std::string why;
  if (auto holiday = calendar.HolidayName(deadline); holiday.ok() && holiday->has_value()) {
    why = **holiday + ", a bank holiday";
  } else if (deadline.IsWeekend()) {
    why = deadline.weekday() == std::chrono::Saturday ? "a Saturday" : "a Sunday";
  } else {
    return "";
  }
  return "The last day for responses, " + deadline.ToLong() + ", is " + why +
         ". Offices are closed, so a response sent by post or brought by hand may not arrive "
         "in time. Choose a working day, or start the consultation with this date anyway.";
}

Status ValidateRound(const ConsultationRound& r) {
  Validation v;
  v.Line("title", r.title, 200, true, "a title");
  if (r.first_year < 2000 || r.first_year > 2098) {
    v.Add("first_year", "range", "The programme's first year must be from 2000 to 2098");
  }
  if (r.years != 1 && r.years != 2) {
    v.Add("years", "range", "A round covers the programme for one or two financial years");
  }
  if (!r.opens_on.ok()) {
    v.Add("opens_on", "date", "Enter the opening date as YYYY-MM-DD");
  } else if (r.first_year >= 2000 && r.first_year <= 2098 &&
             r.opens_on >= FinancialYear(r.first_year).first_day()) {
    // F 4.2: consultees are consulted before the programme is prepared, so
    // before the first year it is for begins.
    v.Add("opens_on", "consultation-before-its-years",
          "The consultation must open before " + FinancialYearLabel(r.first_year) + " begins on " +
              FinancialYear(r.first_year).first_day().ToLong() +
              ": the programme it consults on is prepared after it");
  }
  if (!r.deadline.ok()) {
    v.Add("deadline", "date", "Enter the response deadline as YYYY-MM-DD");
  } else if (r.opens_on.ok() && r.deadline <= r.opens_on) {
    v.Add("deadline", "R10", "The response deadline must be after the opening date");
  }
  if (r.sections.empty() || r.sections.size() > kMaxSections) {
    v.Add("sections", "count", "A round has from 1 to 20 sections of questions");
  }
  for (size_t s = 0; s < r.sections.size() && s < kMaxSections; ++s) {
    const auto& section = r.sections[s];
    const std::string field = "sections[" + std::to_string(s) + "]";
    v.Line(field + ".title", section.title, 200, true,
           "a title for section " + std::to_string(s + 1));
    if (section.questions.empty() || section.questions.size() > kMaxQuestionsPerSection) {
      v.Add(field + ".questions", "count", "Each section has from 1 to 20 questions");
    }
    for (size_t q = 0; q < section.questions.size(); ++q) {
      const std::string& text = section.questions[q];
      if (!IsValidUtf8(text) || Trim(text).empty() || Utf8Length(text) > 1000) {
        v.Add(field + ".questions[" + std::to_string(q) + "]", "text-length",
              "Each question is 1 to 1,000 characters");
      }
    }
  }
  return v.Finish();
}

int QuestionCount(const ConsultationRound& round) {
  int n = 0;
  for (const auto& s : round.sections) n += static_cast<int>(s.questions.size());
  return n;
}

std::string QuestionText(const ConsultationRound& round, int number) {
  for (const auto& s : round.sections) {
    for (const auto& q : s.questions) {
      if (--number == 0) return q;
    }
  }
  return "";
}

void CheckReceivedOn(const ConsultationRound& round, Date received_on, Date today, Validation& v) {
  if (!received_on.ok()) {
    v.Add("received_on", "date", "Enter the date received as YYYY-MM-DD");
  } else if (received_on > today) {
    v.Add("received_on", "future-date", "Date received must be today or earlier");
  } else if (round.opens_on.ok() && received_on < round.opens_on) {
    v.Add("received_on", "received-after-opening",
          "Date received must be " + ReceivedFromWords(round.opens_on, kConsultationOpened));
  }
}

std::string_view ResponseChannelId(ResponseChannel channel) {
  switch (channel) {
    case ResponseChannel::kOnline:
      return "online";
    case ResponseChannel::kEmail:
      return "email";
    case ResponseChannel::kPost:
      return "post";
  }
  return "";
}

std::optional<ResponseChannel> ParseResponseChannel(std::string_view id) {
  constexpr ResponseChannel kAll[] = {ResponseChannel::kOnline, ResponseChannel::kEmail,
                                      ResponseChannel::kPost};
  return ParseById(id, kAll, ResponseChannelId);
}

Status ValidateResponse(const ConsultationRound& round, const ConsultationResponse& r,
                        ResponseEntry entry) {
  const bool staff = entry == ResponseEntry::kByStaff;
  Validation v;
  v.Line("name", r.name, 200, true, staff ? "the respondent's name" : "your name");
  v.Line("organisation", r.organisation, 200, false,
         staff ? "the respondent's organisation" : "the organisation");
  v.Line("on_behalf_of", r.on_behalf_of, 200, false,
         staff ? "the name of those they responded for" : "the name of those you respond for");
  const int questions = QuestionCount(round);
  int answered = 0;
  bool bad_answer = false;
  for (const auto& [number, text] : r.answers) {
    const std::string field = "answers." + std::to_string(number);
    bad_answer = true;
    if (number < 1 || number > questions) {
      v.Add(field, "unknown-question",
            "This consultation has no question " + std::to_string(number));
    } else if (!IsValidUtf8(text) || Utf8Length(text) > kMaxAnswerChars) {
      v.Add(field, "max-length",
            std::string(staff ? "Their" : "Your") + " answer to question " +
                std::to_string(number) + ", " + QuestionText(round, number) +
                ", must be 20,000 characters or fewer");
    } else {
      bad_answer = false;
      answered += !Trim(text).empty();
    }
  }
  if (answered == 0 && !bad_answer) {
    v.Add("answers", "required",
          staff ? "Enter their answer to at least one question" : "Answer at least one question");
  }
  if (r.topics.size() > 20) v.Add("topics", "count", "Tag a response with 20 topics or fewer");
  for (size_t i = 0; i < r.topics.size(); ++i) {
    const std::string& t = r.topics[i];
    if (!IsValidUtf8(t) || Trim(t).empty() || Utf8Length(t) > 100) {
      v.Add("topics[" + std::to_string(i) + "]", "text-length",
            "Each topic is 1 to 100 characters");
    }
  }
  return v.Finish();
}

bool ClosedEarly(const ConsultationRound& round) {
  return round.state == RoundState::kClosed && round.closed_on.ok() && round.deadline.ok() &&
         round.closed_on < round.deadline;
}

Date LastDayForResponses(const ConsultationRound& round) {
  return ClosedEarly(round) ? round.closed_on : round.deadline;
}

std::string ClosedWords(const ConsultationRound& round) {
  return ClosedEarly(round) ? "closed on " + round.closed_on.ToLong()
                            : "closed at the end of " + round.deadline.ToLong();
}

bool IsLate(const ConsultationRound& round, Date received_on) {
  const Date last = LastDayForResponses(round);
  return last.ok() && received_on.ok() && received_on > last;
}

void KeepWhatCallerMayRead(const Caller& caller, std::vector<ConsultationResponse>& responses) {
  if (Allows(caller, Permission::kRunConsultations)) return;
  std::erase_if(responses, [](const ConsultationResponse& r) { return !r.consent_to_publish; });
}

void CloseAfterDeadline(ConsultationRound& round, Date today) {
  if (round.state == RoundState::kOpen && IsLate(round, today)) round.state = RoundState::kClosed;
}

Status CanStartRound(const ConsultationRound& round, const std::vector<ConsultationRound>& others,
                     Date today) {
  if (round.deadline.ok() && today.ok() && round.deadline < today) {
    return std::move(InvalidArgument("The response deadline has passed", "deadline-passed")
                         .AddFieldError("deadline", "deadline-passed",
                                        "The response deadline, " + round.deadline.ToLong() +
                                            ", has passed: enter today or a later day"));
  }
  for (ConsultationRound other : others) {
    if (other.id == round.id) continue;
    CloseAfterDeadline(other, today);
    if (other.state != RoundState::kOpen) continue;
    if (other.first_year + other.years <= round.first_year ||
        round.first_year + round.years <= other.first_year) {
      continue;
    }
    return FailedPrecondition(
        "“" + other.title + "” already consults on " +
            FinancialYear(std::max(other.first_year, round.first_year)).Label() +
            " until the end of " + other.deadline.ToLong() +
            ": close it, or let it close, before starting another round on that year",
        "one-open-round-a-year");
  }
  return OkStatus();
}

Status ConsultationClosedFor(const Plan& plan, const std::vector<ConsultationRound>& rounds,
                             Date today) {
  std::vector<std::string> open;
  bool closed = false;
  for (ConsultationRound r : rounds) {
    if (plan.first_year < r.first_year || plan.first_year >= r.first_year + r.years) continue;
    CloseAfterDeadline(r, today);
    if (r.state == RoundState::kOpen) {
      open.push_back("“" + r.title + "” takes responses until the end of " + r.deadline.ToLong());
    }
    closed = closed || r.state == RoundState::kClosed;
  }
  if (open.empty() && !closed) {
    return FailedPrecondition("Nobody has been consulted on " + plan.label() +
                                  ": open a consultation on that year under Consultations, "
                                  "and publish the programme once it has closed",
                              "R10");
  }
  if (open.empty()) return OkStatus();
  std::string said;
  for (size_t i = 0; i < open.size(); ++i) {
    said += (i == 0 ? "" : i + 1 == open.size() ? " and " : ", ") + open[i];
  }
  return FailedPrecondition("The consultation on " + plan.label() + " is not over: " + said +
                                ". Publish the programme once it has closed and its responses "
                                "have been considered",
                            "R10");
}

std::vector<std::string> ConsultationsNeverOpenedFor(const Plan& plan,
                                                     const std::vector<ConsultationRound>& rounds) {
  std::vector<std::string> out;
  for (const ConsultationRound& r : rounds) {
    if (plan.first_year < r.first_year || plan.first_year >= r.first_year + r.years) continue;
    if (r.state != RoundState::kDraft) continue;
    out.push_back("“" + r.title + "” covers " + plan.label() +
                  " but was never opened, so nobody has been consulted through it");
  }
  return out;
}

Status AcceptsOnlineResponses(const ConsultationRound& round, Date today) {
  if (round.state == RoundState::kDraft) {
    return FailedPrecondition("This consultation is not open for responses", "R10");
  }
  if (IsLate(round, today)) {
    return FailedPrecondition("This consultation " + ClosedWords(round) +
                                  "; contact the joint secretariat if you still wish to respond",
                              "R10");
  }
  if (round.state != RoundState::kOpen) {
    return FailedPrecondition("This consultation is closed", "R10");
  }
  if (round.opens_on.ok() && today.ok() && today < round.opens_on) {
    return FailedPrecondition("This consultation opens on " + round.opens_on.ToLong(), "R10");
  }
  return OkStatus();
}

ResponseSummary SummariseResponses(const ConsultationRound& round,
                                   const std::vector<ConsultationResponse>& responses) {
  ResponseSummary out;
  for (const auto& section : round.sections) {
    for (const auto& q : section.questions) {
      ResponseSummary::Question question;
      question.number = static_cast<int>(out.questions.size()) + 1;
      question.section = section.title;
      question.text = q;
      out.questions.push_back(std::move(question));
    }
  }
  for (const auto& r : responses) {
    if (r.status != ResponseStatus::kCounted) {
      ++out.set_aside;
      continue;
    }
    ++out.responses;
    out.late += r.late;
    out.not_quoted += !r.consent_to_publish;
    for (int64_t p : r.proposals) ++out.by_proposal[p];
    for (const auto& t : r.topics) ++out.by_topic[t];
    std::string who = NameAndOrganisation(r.name, r.organisation);
    for (const auto& [number, text] : r.answers) {
      if (number < 1 || number > static_cast<int>(out.questions.size()) || Trim(text).empty()) {
        continue;
      }
      auto& q = out.questions[static_cast<size_t>(number - 1)];
      ++q.answers;
      // What was done is said whether or not the words may be quoted.
      const std::string did(Trim(r.our_response));
      if (!did.empty() && std::find(q.we_did.begin(), q.we_did.end(), did) == q.we_did.end()) {
        q.we_did.push_back(did);
      }
      if (r.consent_to_publish) q.said.push_back({who, text, r.our_response});
    }
  }
  return out;
}

Status CheckSummaryNotPublished(const ConsultationRound& round) {
  if (!round.summary_published) return OkStatus();
  return FailedPrecondition(
      "The summary of responses has been published" +
          (round.summary_published_on.ok() ? " on " + round.summary_published_on.ToLong()
                                           : std::string()) +
          ", so the responses it reports can no longer change",
      "summary-published");
}

Status CanPublishSummary(const ConsultationRound& round,
                         const std::vector<ConsultationResponse>& responses) {
  if (round.state != RoundState::kClosed) {
    return FailedPrecondition("Publish the summary once the consultation has closed", "R10");
  }
  int unanswered = 0;
  for (const auto& r : responses) {
    unanswered += r.status == ResponseStatus::kCounted && Trim(r.our_response).empty();
  }
  if (unanswered > 0) {
    return FailedPrecondition("Record what was done about " + std::to_string(unanswered) +
                                  (unanswered == 1 ? " response" : " responses") +
                                  " before publishing the summary",
                              "R10");
  }
  return OkStatus();
}

Status DropConsultee(Consultee& c, const std::string& reason) {
  if (IsStatutory(c.category) && Trim(reason).empty()) {
    return std::move(
        InvalidArgument("A statutory consultee is dropped only with a recorded reason", "R9")
            .AddFieldError("reason", "R9",
                           "Say why " + c.organisation +
                               " need not be consulted: the law names them as a consultee"));
  }
  c.dropped = true;
  c.dropped_reason = std::string(Trim(reason));
  return OkStatus();
}

Status ValidateDispatch(const Dispatch& d) {
  Validation v;
  if (!d.sent_on.ok()) v.Add("sent_on", "date", "Enter the date sent as YYYY-MM-DD");
  v.Line("method", d.method, 100, true, "how it was sent");
  v.Line("what", d.what, 500, true, "what was sent");
  return v.Finish();
}

std::vector<Consultee> NotYetSent(const std::vector<Consultee>& consultees,
                                  const std::vector<Dispatch>& dispatches) {
  std::set<int64_t> sent;
  for (const auto& d : dispatches) sent.insert(d.consultee_id);
  std::vector<Consultee> out;
  for (const auto& c : consultees) {
    if (IsStatutory(c.category) && !c.dropped && !sent.count(c.id)) out.push_back(c);
  }
  return out;
}

Status CanOpenRound(const ConsultationRound& round, const std::vector<Consultee>& consultees) {
  if (round.state != RoundState::kDraft) {
    return FailedPrecondition("Only a draft consultation can be opened", "round-state");
  }
  std::vector<std::string> unreachable;
  for (const Consultee& c : consultees) {
    if (!c.dropped && !c.contact_id) unreachable.push_back(c.organisation);
  }
  if (unreachable.empty()) return OkStatus();
  const bool one = unreachable.size() == 1;
  return FailedPrecondition(InWordsList(unreachable) + (one ? " has" : " have") +
                                " no contact details, so the covering letter cannot reach " +
                                (one ? "it" : "them") +
                                ". Give each consultee contact details, or drop one that need not "
                                "be consulted with the reason, before you open the consultation",
                            "R9");
}

Status CanCloseRound(const ConsultationRound& round) {
  if (round.state != RoundState::kOpen) {
    return FailedPrecondition("Only an open consultation can be closed", "round-state");
  }
  return OkStatus();
}

Status CanRecordDispatch(const ConsultationRound& round, std::optional<PlanState> plan_state) {
  if (plan_state != PlanState::kPublished) {
    return FailedPrecondition("The final programme for " + FinancialYearLabel(round.first_year) +
                                  " is not published yet: record what was sent to each "
                                  "consultee once it is",
                              "R9");
  }
  return OkStatus();
}

Status ValidateRotationReason(const std::string& reason) {
  Validation v;
  v.Text("reason", reason, 2000, true, "which decision agreed this order");
  if (v.empty()) return OkStatus();
  // Under R20 whatever is wrong with it: the rotation changes only by a
  // decision it names.
  Status said = v.Finish();
  Status s = InvalidArgument("Record the decision that sets the rotation", "R20");
  for (const auto& e : said.field_errors()) s.AddFieldError(e.field, "R20", e.message);
  return s;
}

Status ValidateRotation(const Rotation& rotation, const std::vector<Inspectorate>& inspectorates) {
  std::set<int64_t> cj;
  std::map<int64_t, std::string> names;
  for (const auto& i : inspectorates) {
    names[i.id] = i.short_name;
    if (i.kind == InspectorateKind::kCriminalJustice && i.is_open()) cj.insert(i.id);
  }
  auto name_of = [&](int64_t id) {
    auto it = names.find(id);
    return it == names.end() ? "Inspectorate " + std::to_string(id) : it->second;
  };
  // Each error says which place in the order it concerns and which
  // inspectorate, so that no two read alike.
  std::map<int64_t, size_t> first_at;
  Validation v;
  for (size_t i = 0; i < rotation.order.size(); ++i) {
    const int64_t id = rotation.order[i];
    const std::string field = "order[" + std::to_string(i) + "]";
    const std::string place = "Year " + std::to_string(i + 1) + " of the cycle: ";
    if (!cj.count(id)) {
      v.Add(field, "R20",
            place + name_of(id) +
                " is not an open CJ inspectorate; only their Chief Inspectors "
                "chair");
    } else if (auto [at, inserted] = first_at.emplace(id, i); !inserted) {
      v.Add(field, "R20",
            place + name_of(id) + " already chairs in year " + std::to_string(at->second + 1) +
                "; each CJ inspectorate takes the chair once in each cycle");
    }
  }
  std::vector<std::string> skipped;
  for (int64_t id : cj) {
    if (!first_at.count(id)) skipped.push_back(name_of(id));
  }
  if (!skipped.empty()) {
    v.Add("order", "R20",
          "The rotation skips " + InWordsList(skipped) + "; every CJ inspectorate takes a turn");
  }
  if (rotation.first_year < 2000 || rotation.first_year > 2098) {
    v.Add("first_year", "range", "The first year must be from 2000 to 2098");
  }
  return v.Finish("The rotation is not valid");
}

int64_t ChairIn(const Rotation& rotation, int year) {
  const int n = static_cast<int>(rotation.order.size());
  const int k = ((year - rotation.first_year) % n + n) % n;
  return rotation.order[static_cast<size_t>(k)];
}

std::vector<ChairYear> ChairsFrom(const Rotation& rotation, int from_year, int years) {
  std::vector<ChairYear> out;
  if (rotation.order.empty()) return out;
  for (int y = from_year; y < from_year + std::clamp(years, 1, 20); ++y) {
    out.push_back({y, ChairIn(rotation, y)});
  }
  return out;
}

}  // namespace jointly
