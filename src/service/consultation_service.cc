#include "service/consultation_service.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

#include "core/crypto.h"
#include "core/text.h"
#include "service/audit_trail.h"
#include "service/calendar_service.h"
#include "service/record_service.h"
#include "store/consultation_store.h"
#include "store/directory_store.h"
#include "store/programme_store.h"
#include "store/released_store.h"

namespace jointly {

using nlohmann::json;

json ToJson(const Contact& c) { return RecordJson(ContactRecord(), c); }

json ToJson(const ConsultationRound& r) {
  json sections = json::array();
  int number = 1;
  for (const auto& s : r.sections) {
    json questions = json::array();
    for (const auto& q : s.questions) questions.push_back({{"number", number++}, {"text", q}});
    sections.push_back({{"title", s.title}, {"questions", questions}});
  }
  return {
      {"id", r.id},
      {"title", r.title},
      {"first_year", r.first_year},
      {"years", r.years},
      {"owner_inspectorate_id", r.owner_inspectorate_id ? json(*r.owner_inspectorate_id) : json()},
      {"opens_on", r.opens_on.ToIso()},
      {"deadline", r.deadline.ToIso()},
      {"closed_on", r.closed_on.ok() ? json(r.closed_on.ToIso()) : json()},
      {"state", RoundStateId(r.state)},
      {"sections", sections},
      {"summary_published", r.summary_published},
      {"version", r.version}};
}

json ToJson(const Consultee& c) {
  return {{"id", c.id},
          {"round_id", c.round_id},
          {"contact_id", c.contact_id ? json(c.contact_id) : json()},
          {"category", ConsulteeCategoryId(c.category)},
          {"statutory", IsStatutory(c.category)},
          {"inspectorate_id", c.inspectorate_id ? json(*c.inspectorate_id) : json()},
          {"organisation", c.organisation},
          {"dropped", c.dropped},
          {"dropped_reason", c.dropped_reason}};
}

json ToJson(const ConsultationResponse& r) {
  json answers = json::object();
  for (const auto& [n, text] : r.answers) answers[std::to_string(n)] = text;
  return {{"id", r.id},
          {"round_id", r.round_id},
          {"reference", PublicReference(r)},
          {"name", r.name},
          {"organisation", r.organisation},
          {"on_behalf_of", r.on_behalf_of},
          {"answers", answers},
          {"consent_to_publish", r.consent_to_publish},
          {"channel", ResponseChannelId(r.channel)},
          {"received_on", r.received_on.ToIso()},
          {"late", r.late},
          {"proposals", r.proposals},
          {"topics", r.topics},
          {"our_response", r.our_response},
          {"status", ResponseStatusId(r.status)},
          {"status_note", r.status_note},
          {"version", r.version}};
}

json ToJson(const Dispatch& d) {
  return {{"id", d.id},
          {"consultee_id", d.consultee_id},
          {"sent_on", d.sent_on.ToIso()},
          {"method", d.method},
          {"what", d.what},
          {"plan_id", d.plan_id ? json(d.plan_id) : json(nullptr)}};
}

json ToJson(const RoundView& v) {
  json j = ToJson(v.round);
  json consultees = json::array();
  for (const auto& c : v.consultees) consultees.push_back(ToJson(c));
  json dispatches = json::array();
  for (const auto& d : v.dispatches) dispatches.push_back(ToJson(d));
  json missing = json::array();
  for (const auto& c : v.not_yet_sent) missing.push_back(c.id);
  j["consultees"] = consultees;
  j["dispatches"] = dispatches;
  j["not_yet_sent"] = missing;
  j["responses"] = v.responses;
  return j;
}

json ToJson(const SummaryView& v) {
  const ResponseSummary& s = v.summary;
  json questions = json::array();
  for (const auto& q : s.questions) {
    json said = json::array();
    for (const auto& x : q.said) {
      said.push_back({{"who", x.who}, {"text", x.text}, {"our_response", x.our_response}});
    }
    questions.push_back({{"number", q.number},
                         {"section", q.section},
                         {"text", q.text},
                         {"answers", q.answers},
                         {"said", said},
                         {"we_did", q.we_did}});
  }
  json by_proposal = json::array();
  for (const auto& [id, n] : s.by_proposal)
    by_proposal.push_back({{"proposal_id", id}, {"responses", n}});
  json by_topic = json::array();
  for (const auto& [topic, n] : s.by_topic)
    by_topic.push_back({{"topic", topic}, {"responses", n}});
  return {{"round_id", v.round.id},
          {"title", v.round.title},
          {"deadline", v.round.deadline.ToIso()},
          {"published", v.round.summary_published},
          {"published_on", v.round.summary_published_on.ok()
                               ? json(v.round.summary_published_on.ToIso())
                               : json(nullptr)},
          {"responses", s.responses},
          {"late", s.late},
          {"not_quoted", s.not_quoted},
          {"set_aside", s.set_aside},
          {"questions", questions},
          {"by_proposal", by_proposal},
          {"by_topic", by_topic}};
}

namespace {

std::string Now(const Clock& clock) { return FormatTimestamp(clock.NowMicros()); }

}  // namespace

namespace {

// Stored without surrounding spaces, the address in lower case: one contact
// per address.
void Normalise(Contact& c) {
  c.name = std::string(Trim(c.name));
  c.organisation = std::string(Trim(c.organisation));
  c.email = AsciiLower(Trim(c.email));
}

Status EmailIsFree(Transaction& tx, const Contact& c) {
  ASSIGN_OR_RETURN(auto same, ListRecords(tx, ContactRecord(), {.equal = {{"email", c.email}}}));
  const Contact* existing = same.items.empty() ? nullptr : &same.items.front();
  if (existing && existing->id != c.id) {
    return std::move(AlreadyExists("This e-mail address is already a contact", "unique-email")
                         .AddFieldError("email", "unique-email",
                                        c.email + " is already the contact " + existing->name +
                                            " (" + existing->organisation + ")"));
  }
  return OkStatus();
}

}  // namespace

ConsultationService::ConsultationService(Database& db, const Clock& clock)
    : db_(db),
      clock_(clock),
      contacts_(db, clock, ContactRecord(), nullptr,
                [](Transaction& tx, const Contact*, const Contact& after) {
                  return EmailIsFree(tx, after);
                }),
      marks_(db, clock, ResponseMarkRecord(), CheckResponseMark) {}

StatusOr<ResponseMark> ConsultationService::GetResponseMark(const Caller& caller, int64_t id) {
  return marks_.Get(caller, id);
}

StatusOr<ResponseMark> ConsultationService::MarkResponse(
    const Caller& caller, int64_t id, int64_t version,
    const std::function<Status(ResponseMark&)>& change) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunConsultations));
  ResponseMark out;
  Status s = db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(ConsultationResponse r, GetResponse(tx, id));
    ASSIGN_OR_RETURN(ConsultationRound round, RoundOn(tx, r.round_id));
    RETURN_IF_ERROR(CheckSummaryNotPublished(round));
    ASSIGN_OR_RETURN(out, marks_.UpdateIn(tx, caller, id, version, [&](ResponseMark& m) -> Status {
      RETURN_IF_ERROR(change(m));
      m.note = std::string(Trim(m.note));
      if (m.status == ResponseStatus::kCounted) m.note.clear();
      return OkStatus();
    }));
    return OkStatus();
  });
  if (s.code() == StatusCode::kAborted) return marks_.Conflict(std::move(s), id, version);
  RETURN_IF_ERROR(s);
  return out;
}

StatusOr<std::vector<Contact>> ConsultationService::Contacts(const Caller& caller) {
  ASSIGN_OR_RETURN(auto page, contacts_.List(caller, {}));
  return std::move(page.items);
}

StatusOr<Page<Contact>> ConsultationService::ContactPage(const Caller& caller,
                                                         const RecordQuery& query) {
  return contacts_.List(caller, query);
}

StatusOr<Contact> ConsultationService::GetContact(const Caller& caller, int64_t id) {
  return contacts_.Get(caller, id);
}

StatusOr<Contact> ConsultationService::CreateContact(const Caller& caller, Contact c) {
  Normalise(c);
  return contacts_.Create(caller, c);
}

StatusOr<Contact> ConsultationService::UpdateContact(
    const Caller& caller, int64_t id, int64_t version,
    const std::function<Status(Contact&)>& change) {
  return contacts_.Update(caller, id, version, [&](Contact& c) -> Status {
    RETURN_IF_ERROR(change(c));
    Normalise(c);
    return OkStatus();
  });
}

namespace {

// Why `c` may not be deleted (rule "contact-in-use"), or OK.
Status ContactInUse(Transaction& tx, const Contact& c) {
  ASSIGN_OR_RETURN(int64_t uses, RoundsUsingContact(tx, c.id));
  if (uses == 0) return OkStatus();
  return FailedPrecondition(
      c.name + " is a consultee of " + Count(uses, "consultation round", "consultation rounds") +
          ", and the dispatch register keeps who was sent what: change the contact's details "
          "instead of deleting it",
      "contact-in-use");
}

}  // namespace

Status ConsultationService::DeleteContact(const Caller& caller, int64_t id, int64_t version) {
  return contacts_.Delete(caller, id, version, ContactInUse);
}

StatusOr<ContactDeletion> ConsultationService::ViewContactDeletion(const Caller& caller,
                                                                   int64_t id) {
  RETURN_IF_ERROR(Require(caller, contacts_.type().write));
  ContactDeletion out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out.contact, GetRecord(tx, contacts_.type(), id));
    out.refusal = ContactInUse(tx, out.contact);
    return out.refusal.code() == StatusCode::kFailedPrecondition ? OkStatus() : out.refusal;
  }));
  return out;
}

StatusOr<std::vector<ConsultationRound>> ConsultationService::Rounds(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  std::vector<ConsultationRound> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, ListRounds(tx));
    for (auto& r : out) CloseAfterDeadline(r, DayToday(clock_));
    return OkStatus();
  }));
  return out;
}

StatusOr<ConsultationRound> ConsultationService::RoundOn(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(ConsultationRound r, jointly::GetRound(tx, id));
  CloseAfterDeadline(r, DayToday(clock_));
  return r;
}

StatusOr<RoundView> ConsultationService::View(Transaction& tx, int64_t id) {
  RoundView v;
  ASSIGN_OR_RETURN(v.round, RoundOn(tx, id));
  ASSIGN_OR_RETURN(v.consultees, ConsulteesOf(tx, id));
  ASSIGN_OR_RETURN(v.dispatches, DispatchesOf(tx, id));
  v.not_yet_sent = NotYetSent(v.consultees, v.dispatches);
  ASSIGN_OR_RETURN(auto plan_id, FindPlanByYear(tx, v.round.first_year));
  if (plan_id) {
    ASSIGN_OR_RETURN(Plan plan, GetPlan(tx, *plan_id));
    v.final_programme = FinalProgramme{plan.id, plan.state};
  }
  ASSIGN_OR_RETURN(auto count, tx.Query("SELECT count(*) FROM consultation_responses WHERE "
                                        "round_id = ?",
                                        {id}));
  v.responses = static_cast<int>(count[0].Int(0));
  return v;
}

StatusOr<RoundView> ConsultationService::GetRound(const Caller& caller, int64_t id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  RoundView out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, View(tx, id));
    return OkStatus();
  }));
  return out;
}

StatusOr<RoundsPage> ConsultationService::ViewRounds(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  RoundsPage out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out.rounds, ListRounds(tx));
    for (auto& r : out.rounds) CloseAfterDeadline(r, DayToday(clock_));
    ASSIGN_OR_RETURN(out.inspectorates, ListInspectorates(tx));
    return OkStatus();
  }));
  return out;
}

StatusOr<RoundPage> ConsultationService::ViewRound(const Caller& caller, int64_t round_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  const bool with_contacts = Allows(caller, ContactRecord().read);
  RoundPage out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out.view, View(tx, round_id));
    ASSIGN_OR_RETURN(out.inspectorates, ListInspectorates(tx));
    if (with_contacts) {
      ASSIGN_OR_RETURN(auto contacts, ListRecords(tx, ContactRecord(), {}));
      out.contacts = std::move(contacts.items);
    }
    return OkStatus();
  }));
  return out;
}

namespace {

// The proposals in the programme a round consults on: the plan for its
// first year, or the one whose rolling two years reach it (R6), as the
// consultation document finds it.
StatusOr<std::set<int64_t>> ProposalsConsultedOn(Transaction& tx, const ConsultationRound& round) {
  std::set<int64_t> out;
  for (int year : {round.first_year, round.first_year - 1}) {
    ASSIGN_OR_RETURN(auto plan_id, FindPlanByYear(tx, year));
    if (!plan_id) continue;
    ASSIGN_OR_RETURN(Plan plan, GetPlan(tx, *plan_id));
    for (const PlanItem& item : plan.items) out.insert(item.proposal_id);
    break;
  }
  return out;
}

}  // namespace

StatusOr<ResponsesPage> ConsultationService::ViewResponses(const Caller& caller, int64_t round_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  ResponsesPage out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out.round, RoundOn(tx, round_id));
    ASSIGN_OR_RETURN(out.responses, ResponsesOf(tx, round_id));
    KeepWhatCallerMayRead(caller, out.responses);
    // Responses are tagged to the proposals consulted on; a tag already
    // given to another stays named.
    ASSIGN_OR_RETURN(std::set<int64_t> offered, ProposalsConsultedOn(tx, out.round));
    for (const auto& r : out.responses) offered.insert(r.proposals.begin(), r.proposals.end());
    ASSIGN_OR_RETURN(auto titles, ListProposalTitles(tx));
    for (auto& [id, title] : titles) {
      if (offered.count(id)) out.proposal_titles.emplace(id, std::move(title));
    }
    return OkStatus();
  }));
  return out;
}

Status ConsultationService::CheckNewRound(const ConsultationRound& round) const {
  // Every error of the form at once. A round may be drawn up while another
  // on its year is open; it opens once that one has closed.
  return MergeErrors(ValidateRound(round), CanStartRound(round, {}, DayToday(clock_)));
}

StatusOr<RoundView> ConsultationService::CreateRound(const Caller& caller, ConsultationRound round,
                                                     bool deadline_warned) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunConsultations));
  round.state = RoundState::kDraft;
  RETURN_IF_ERROR(CheckNewRound(round));
  RoundView out;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    if (!deadline_warned) {
      ASSIGN_OR_RETURN(WorkingDayCalendar calendar, LoadWorkingDayCalendar(tx));
      const std::string warning = DeadlineWarning(round.deadline, calendar);
      if (!warning.empty()) return FailedPrecondition(warning, "deadline-not-working-day");
    }
    if (round.owner_inspectorate_id) {
      RETURN_IF_ERROR(UnknownReference(
          jointly::GetInspectorate(tx, *round.owner_inspectorate_id).status(),
          "owner_inspectorate_id", "unknown-inspectorate",
          "Inspectorate " + std::to_string(*round.owner_inspectorate_id) + " does not exist"));
    }
    const std::string now = Now(clock_);
    ASSIGN_OR_RETURN(round.id, InsertRound(tx, round, now));
    ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
    for (const auto& slot : StatutoryConsultees(inspectorates, round.owner_inspectorate_id)) {
      Consultee c;
      c.round_id = round.id;
      c.category = slot.category;
      c.inspectorate_id = slot.inspectorate_id;
      c.organisation = slot.organisation;
      ASSIGN_OR_RETURN(auto last, LastContactOf(tx, c));
      c.contact_id = last.value_or(0);
      RETURN_IF_ERROR(InsertConsultee(tx, c).status());
    }
    ASSIGN_OR_RETURN(out, View(tx, round.id));
    return RecordChange(tx, clock_, caller, "create", "consultation", round.id, nullptr,
                        ToJson(out));
  }));
  return out;
}

StatusOr<RoundView> ConsultationService::OpenRound(const Caller& caller, int64_t id) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunConsultations));
  RoundView out;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(ConsultationRound r, RoundOn(tx, id));
    ASSIGN_OR_RETURN(auto consultees, ConsulteesOf(tx, id));
    RETURN_IF_ERROR(CanOpenRound(r, consultees));
    ASSIGN_OR_RETURN(auto others, ListRounds(tx));
    RETURN_IF_ERROR(CanStartRound(r, others, DayToday(clock_)));
    const std::string now = Now(clock_);
    RETURN_IF_ERROR(SetRoundState(tx, id, RoundState::kOpen, now));
    ASSIGN_OR_RETURN(out, View(tx, id));
    ASSIGN_OR_RETURN(ReleasedItem released, RoundRelease(tx, id, now));
    RETURN_IF_ERROR(ReleaseItem(tx, released));
    return RecordChange(tx, clock_, caller, "open", "consultation", id, {{"state", "draft"}},
                        {{"state", "open"}});
  }));
  return out;
}

StatusOr<RoundView> ConsultationService::CloseRound(const Caller& caller, int64_t id) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunConsultations));
  RoundView out;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(ConsultationRound r, RoundOn(tx, id));
    RETURN_IF_ERROR(CanCloseRound(r));
    const std::string now = Now(clock_);
    RETURN_IF_ERROR(SetRoundState(tx, id, RoundState::kClosed, now, DayToday(clock_)));
    ASSIGN_OR_RETURN(out, View(tx, id));
    ASSIGN_OR_RETURN(ReleasedItem released, RoundRelease(tx, id, now));
    RETURN_IF_ERROR(ReleaseItem(tx, released));
    return RecordChange(tx, clock_, caller, "close", "consultation", id, {{"state", "open"}},
                        {{"state", "closed"}});
  }));
  return out;
}

StatusOr<Consultee> ConsultationService::AddConsultee(const Caller& caller, int64_t round_id,
                                                      int64_t contact_id,
                                                      ConsulteeCategory category) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunConsultations));
  if (category != ConsulteeCategory::kStakeholder &&
      category != ConsulteeCategory::kSpecifiedByMinisters) {
    return std::move(InvalidArgument("The named statutory consultees are added automatically", "R9")
                         .AddFieldError("category", "R9",
                                        "Add a stakeholder, or someone the Ministers specify"));
  }
  Consultee c;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(ConsultationRound r, RoundOn(tx, round_id));
    if (r.state == RoundState::kClosed) {
      return FailedPrecondition("This consultation is closed", "round-state");
    }
    auto contact = GetRecord(tx, ContactRecord(), contact_id);
    RETURN_IF_ERROR(UnknownReference(contact.status(), "contact_id", "unknown-contact",
                                     "Contact " + std::to_string(contact_id) + " does not exist"));
    ASSIGN_OR_RETURN(auto existing, ConsulteesOf(tx, round_id));
    for (const auto& e : existing) {
      if (e.contact_id == contact_id) {
        return std::move(AlreadyExists("Already a consultee", "unique-consultee")
                             .AddFieldError("contact_id", "unique-consultee",
                                            contact->name + " is already consulted in this round"));
      }
    }
    c.round_id = round_id;
    c.contact_id = contact_id;
    c.category = category;
    c.organisation = contact->organisation;
    ASSIGN_OR_RETURN(c.id, InsertConsultee(tx, c));
    return RecordChange(tx, clock_, caller, "add", "consultee", c.id, nullptr, ToJson(c));
  }));
  return c;
}

namespace {

// The consultee, of `round_id` when one is given; NotFound otherwise.
StatusOr<Consultee> ConsulteeOf(Transaction& tx, int64_t consultee_id,
                                std::optional<int64_t> round_id) {
  ASSIGN_OR_RETURN(Consultee c, GetConsultee(tx, consultee_id));
  if (round_id && c.round_id != *round_id) {
    return NotFound("This consultation has no such consultee");
  }
  return c;
}

}  // namespace

StatusOr<Consultee> ConsultationService::AttachContact(const Caller& caller, int64_t consultee_id,
                                                       int64_t contact_id,
                                                       std::optional<int64_t> round_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunConsultations));
  Consultee c;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(c, ConsulteeOf(tx, consultee_id, round_id));
    RETURN_IF_ERROR(UnknownReference(GetRecord(tx, ContactRecord(), contact_id).status(),
                                     "contact_id", "unknown-contact",
                                     "Contact " + std::to_string(contact_id) + " does not exist"));
    if (c.contact_id == contact_id) return OkStatus();  // saved unchanged
    const json before = ToJson(c);
    c.contact_id = contact_id;
    RETURN_IF_ERROR(UpdateConsultee(tx, c));
    return RecordChange(tx, clock_, caller, "update", "consultee", c.id, before, ToJson(c));
  }));
  return c;
}

StatusOr<Consultee> ConsultationService::Drop(const Caller& caller, int64_t consultee_id,
                                              const std::string& reason,
                                              std::optional<int64_t> round_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunConsultations));
  Validation said;
  said.Text("reason", reason, 2000, false, "the reason");
  RETURN_IF_ERROR(said.Finish("The reason cannot be kept as it is"));
  Consultee c;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(c, ConsulteeOf(tx, consultee_id, round_id));
    const json before = ToJson(c);
    RETURN_IF_ERROR(DropConsultee(c, reason));
    RETURN_IF_ERROR(UpdateConsultee(tx, c));
    return RecordChange(tx, clock_, caller, "drop", "consultee", c.id, before, ToJson(c));
  }));
  return c;
}

StatusOr<std::vector<Dispatch>> ConsultationService::RecordDispatches(
    const Caller& caller, int64_t round_id, const std::vector<int64_t>& consultee_ids,
    const Dispatch& what) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunConsultations));
  // Every error at once: who, and what was sent when and how.
  Status shape = OkStatus();
  if (consultee_ids.empty()) {
    shape = std::move(InvalidArgument("Choose who it was sent to", "required")
                          .AddFieldError("consultee_ids", "required",
                                         "Choose at least one consultee it was sent to"));
  }
  if (what.sent_on.ok() && what.sent_on > DayToday(clock_)) {
    shape = MergeErrors(shape, std::move(InvalidArgument("Not sent yet", "future-date")
                                             .AddFieldError("sent_on", "future-date",
                                                            "The date sent must be today or "
                                                            "earlier")));
  }
  RETURN_IF_ERROR(MergeErrors(shape, ValidateDispatch(what)));
  std::vector<Dispatch> out;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(ConsultationRound round, RoundOn(tx, round_id));
    ASSIGN_OR_RETURN(auto plan_id, FindPlanByYear(tx, round.first_year));
    std::optional<PlanState> plan_state;
    if (plan_id) {
      ASSIGN_OR_RETURN(Plan plan, GetPlan(tx, *plan_id));
      plan_state = plan.state;
    }
    RETURN_IF_ERROR(CanRecordDispatch(round, plan_state));
    for (int64_t id : std::set<int64_t>(consultee_ids.begin(), consultee_ids.end())) {
      auto c = GetConsultee(tx, id);
      if (!c.ok() || c->round_id != round_id) {
        return std::move(
            InvalidArgument("Not a consultee of this consultation", "unknown-consultee")
                .AddFieldError("consultee_ids", "unknown-consultee",
                               "Choose consultees of this consultation"));
      }
      if (c->contact_id == 0) {
        return std::move(InvalidArgument("This consultee has no contact details yet", "R9")
                             .AddFieldError("consultee_ids", "R9",
                                            "Add contact details for " + c->organisation +
                                                " before recording what was sent"));
      }
      Dispatch d = what;
      d.consultee_id = id;
      d.plan_id = *plan_id;
      ASSIGN_OR_RETURN(d.id, InsertDispatch(tx, d, caller.user_id, Now(clock_)));
      RETURN_IF_ERROR(
          RecordChange(tx, clock_, caller, "dispatch", "consultee", id, nullptr, ToJson(d)));
      out.push_back(std::move(d));
    }
    return OkStatus();
  }));
  return out;
}

StatusOr<ConsultationRound> ConsultationService::PublicRound(int64_t id, bool* has_draft_programme,
                                                             bool* has_welsh) {
  std::optional<ReleasedItem> released;
  std::optional<ReleasedItem> welsh;
  bool summary_released = false;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(released, GetReleased(tx, kReleasedConsultation, std::to_string(id)));
    ASSIGN_OR_RETURN(summary_released, HasReleased(tx, kReleasedSummary, std::to_string(id)));
    if (has_welsh) {
      ASSIGN_OR_RETURN(welsh, GetReleased(tx, kReleasedConsultation, std::to_string(id), "cy"));
    }
    return OkStatus();
  }));
  if (has_welsh) *has_welsh = welsh.has_value();
  if (!released) return NotFound("There is no consultation at this address");
  const json content = json::parse(released->content, nullptr, false);
  if (!content.is_object()) return Internal("A released consultation could not be read");
  ConsultationRound out = RoundFromReleased(content);
  // Its summary is released on its own, when published: the form's page
  // then leads to it.
  out.summary_published = summary_released;
  CloseAfterDeadline(out, DayToday(clock_));
  if (has_draft_programme) *has_draft_programme = content.value("has_draft_programme", false);
  return out;
}

StatusOr<ReleasedItem> ConsultationService::RoundRelease(Transaction& tx, int64_t id,
                                                         const std::string& released_at) {
  ASSIGN_OR_RETURN(ConsultationRound r, jointly::GetRound(tx, id));
  ASSIGN_OR_RETURN(auto plan, FindPlanByYear(tx, r.first_year));
  ASSIGN_OR_RETURN(auto earlier, FindPlanByYear(tx, r.first_year - 1));
  json content = ToJson(r);
  for (const char* kept_back : {"owner_inspectorate_id", "summary_published", "version"}) {
    content.erase(kept_back);
  }
  content["has_draft_programme"] = plan.has_value() || earlier.has_value();
  ReleasedItem item;
  item.kind = std::string(kReleasedConsultation);
  item.slug = std::to_string(id);
  item.title = r.title;
  // Once closed (early or on its last day), the copy says so in place of
  // the date it asked for responses by.
  item.summary = "A consultation on the joint inspection programme: " +
                 (r.state == RoundState::kClosed && r.closed_on.ok()
                      ? "it closed on " + r.closed_on.ToLong() + "."
                      : "respond by the end of " + r.deadline.ToLong() + ".");
  for (const auto& section : r.sections) {
    item.search_text += section.title + "\n";
    for (const auto& q : section.questions) item.search_text += q + "\n";
  }
  item.content = content.dump();
  item.released_at = released_at;
  return item;
}

StatusOr<ReleasedItem> ConsultationService::SummaryRelease(Transaction& tx, int64_t round_id,
                                                           const std::string& released_at) {
  ASSIGN_OR_RETURN(SummaryPage page, PublishedSummary(tx, round_id));
  const SummaryView& v = page.summary;
  json titles = json::object();
  for (const auto& [id, title] : page.proposal_titles) titles[std::to_string(id)] = title;
  json content = {{"summary", ToJson(v)},
                  {"proposal_titles", titles},
                  {"deadline", LastDayForResponses(v.round).ToLong()},
                  {"published_on", v.round.summary_published_on.ToDayMonthYear()}};
  ReleasedItem item;
  item.kind = std::string(kReleasedSummary);
  item.slug = std::to_string(round_id);
  item.title = "You said, we did: " + v.round.title;
  item.summary = "What people said in the consultation, and what the inspectorates did about it.";
  // Every text of what was said and done, whatever its nesting.
  std::function<void(const json&)> add_texts = [&](const json& j) {
    if (j.is_string()) item.search_text += j.get<std::string>() + "\n";
    if (j.is_structured()) {
      for (const auto& part : j) add_texts(part);
    }
  };
  for (const auto& q : content["summary"]["questions"]) {
    add_texts(q.value("said", json()));
    add_texts(q.value("we_did", json()));
  }
  item.content = content.dump();
  item.released_at = released_at;
  return item;
}

ConsultationRound RoundFromReleased(const json& content) {
  ConsultationRound r;
  r.id = content.value("id", int64_t{0});
  r.title = content.value("title", "");
  r.first_year = content.value("first_year", 0);
  r.years = content.value("years", 2);
  r.opens_on = Date::ParseOrNone(content.value("opens_on", ""));
  r.deadline = Date::ParseOrNone(content.value("deadline", ""));
  if (content.contains("closed_on") && content["closed_on"].is_string()) {
    r.closed_on = Date::ParseOrNone(content["closed_on"].get<std::string>());
  }
  r.state = ParseRoundState(content.value("state", "")).value_or(RoundState::kClosed);
  for (const auto& s : content.value("sections", json::array())) {
    ConsultationSection section;
    section.title = s.value("title", "");
    for (const auto& q : s.value("questions", json::array())) {
      section.questions.push_back(q.value("text", ""));
    }
    r.sections.push_back(std::move(section));
  }
  return r;
}

namespace {

std::string Fingerprint(const ConsultationResponse& r) {
  std::string text = std::to_string(r.round_id) + "\n" + AsciiLower(Trim(r.name)) + "\n" +
                     AsciiLower(Trim(r.organisation));
  for (const auto& [n, answer] : r.answers) text += "\n" + std::to_string(n) + ":" + answer;
  return Sha256Hex(text);
}

}  // namespace

std::string PublicReference(const ConsultationResponse& r) {
  std::string hex = Sha256Hex(std::to_string(r.id) + "\n" + Fingerprint(r)).substr(0, 8);
  for (char& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return hex.substr(0, 4) + "-" + hex.substr(4);
}

StatusOr<OnlineReceipt> ConsultationService::SubmitOnline(ConsultationResponse r,
                                                          const std::string& address) {
  const int64_t now = clock_.NowMicros();
  r.channel = ResponseChannel::kOnline;
  r.received_on = DayToday(clock_);
  r.proposals.clear();
  r.topics.clear();
  OnlineReceipt out;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(public_form_.Hold(tx, address));
    ASSIGN_OR_RETURN(const int64_t wait, public_form_.RetryAfterSeconds(tx, address, now));
    if (wait > 0) {
      return ResourceExhausted("Too many responses from your connection; try again in " +
                                   std::to_string((wait + 59) / 60) + " minutes",
                               "rate-limit");
    }
    // Counted with the response, in its transaction: a response that is
    // refused (not valid, a duplicate, too late) is not counted, so people
    // behind one office's address are limited only by the responses taken.
    RETURN_IF_ERROR(public_form_.RecordFailure(tx, address, now));
    auto round = RoundOn(tx, r.round_id);
    if (!round.ok() || round->state == RoundState::kDraft) {
      return NotFound("There is no consultation at this address");
    }
    out.round_title = round->title;
    RETURN_IF_ERROR(AcceptsOnlineResponses(*round, r.received_on));
    RETURN_IF_ERROR(ValidateResponse(*round, r));
    r.late = false;
    auto inserted = InsertResponse(tx, r, Fingerprint(r), FormatTimestamp(now));
    if (!inserted.ok() && inserted.status().code() == StatusCode::kAlreadyExists) {
      return AlreadyExists("We already have this response; there is no need to send it again",
                           "duplicate");
    }
    ASSIGN_OR_RETURN(r.id, std::move(inserted));
    out.response_id = r.id;
    out.public_reference = PublicReference(r);
    return RecordChange(tx, clock_, SystemCaller(), "respond-online", "consultation_response", r.id,
                        nullptr, ToJson(r));
  }));
  return out;
}

StatusOr<ConsultationResponse> ConsultationService::RecordResponse(const Caller& caller,
                                                                   ConsultationResponse r) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunConsultations));
  // Every error at once: how and when it came, and what it says.
  const auto problems = [&](const ConsultationRound& round) {
    Validation v;
    if (r.channel == ResponseChannel::kOnline) {
      v.Add("channel", "one-of", "Choose whether it came by email or by post");
    }
    CheckReceivedOn(round, r.received_on, DayToday(clock_), v);
    return MergeErrors(v.Finish(), ValidateResponse(round, r, ResponseEntry::kByStaff));
  };
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(ConsultationRound round, RoundOn(tx, r.round_id));
    RETURN_IF_ERROR(problems(round));
    RETURN_IF_ERROR(CheckSummaryNotPublished(round));
    for (int64_t p : r.proposals) RETURN_IF_ERROR(jointly::GetProposal(tx, p).status());
    r.late = IsLate(round, r.received_on);  // R10: recorded as late, not refused
    auto inserted = InsertResponse(tx, r, Fingerprint(r), Now(clock_));
    if (!inserted.ok() && inserted.status().code() == StatusCode::kAlreadyExists) {
      return AlreadyExists("This response has already been recorded", "duplicate");
    }
    ASSIGN_OR_RETURN(r.id, std::move(inserted));
    RETURN_IF_ERROR(SaveResponseTags(tx, r));
    return RecordChange(tx, clock_, caller, "record", "consultation_response", r.id, nullptr,
                        ToJson(r));
  }));
  return r;
}

StatusOr<std::vector<ConsultationResponse>> ConsultationService::Responses(const Caller& caller,
                                                                           int64_t round_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  std::vector<ConsultationResponse> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(RoundOn(tx, round_id).status());
    ASSIGN_OR_RETURN(out, ResponsesOf(tx, round_id));
    KeepWhatCallerMayRead(caller, out);
    return OkStatus();
  }));
  return out;
}

StatusOr<ConsultationResponse> ConsultationService::TagResponse(
    const Caller& caller, int64_t response_id, const std::set<int64_t>& proposals,
    const std::vector<std::string>& topics, const std::optional<std::string>& our_response) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunConsultations));
  ConsultationResponse r;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(r, GetResponse(tx, response_id));
    ASSIGN_OR_RETURN(ConsultationRound round, RoundOn(tx, r.round_id));
    RETURN_IF_ERROR(CheckSummaryNotPublished(round));
    const json before = ToJson(r);
    Validation v;
    for (int64_t p : proposals) {
      if (!jointly::GetProposal(tx, p).ok()) {
        v.Add("proposals", "unknown-proposal", "Proposal " + std::to_string(p) + " does not exist");
      }
    }
    if (our_response &&
        (!IsValidUtf8(*our_response) || Utf8Length(*our_response) > kMaxOurResponseChars)) {
      v.Add("our_response", "max-length", "Shorten what we did to 5,000 characters or fewer");
    }
    RETURN_IF_ERROR(v.Finish());
    r.proposals = proposals;
    r.topics = topics;
    if (our_response) r.our_response = std::string(Trim(*our_response));
    RETURN_IF_ERROR(ValidateResponse(round, r, ResponseEntry::kByStaff));
    RETURN_IF_ERROR(SaveResponseTags(tx, r));
    return RecordChange(tx, clock_, caller, "tag", "consultation_response", r.id, before,
                        ToJson(r));
  }));
  return r;
}

StatusOr<std::vector<ConsultationResponse>> ConsultationService::ResponsesAbout(
    const Caller& caller, int64_t proposal_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  std::vector<ConsultationResponse> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(jointly::GetProposal(tx, proposal_id).status());
    ASSIGN_OR_RETURN(out, jointly::ResponsesAbout(tx, proposal_id));
    KeepWhatCallerMayRead(caller, out);
    return OkStatus();
  }));
  return out;
}

StatusOr<Rotation> ConsultationService::GetRotation(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  std::optional<Rotation> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, jointly::GetRotation(tx));
    return OkStatus();
  }));
  if (!out) return FailedPrecondition("No rotation has been agreed yet", "R20");
  return *out;
}

StatusOr<std::vector<ChairYear>> ConsultationService::Chairs(const Caller& caller, int from_year,
                                                             int years) {
  ASSIGN_OR_RETURN(Rotation r, GetRotation(caller));
  return ChairsFrom(r, from_year, years);
}

StatusOr<Rotation> ConsultationService::SetRotation(const Caller& caller, const Rotation& rotation,
                                                    const std::string& reason) {
  RETURN_IF_ERROR(Require(caller, Permission::kChangeRotation));
  // Every error at once: the reason and the order (read only, as nothing
  // will be written).
  if (Status why = ValidateRotationReason(reason); !why.ok()) {
    return db_.Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
      return MergeErrors(why, ValidateRotation(rotation, inspectorates));
    });
  }
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
    RETURN_IF_ERROR(ValidateRotation(rotation, inspectorates));
    ASSIGN_OR_RETURN(auto before, jointly::GetRotation(tx));
    RETURN_IF_ERROR(SaveRotation(tx, rotation, std::string(Trim(reason)), Now(clock_)));
    const json was =
        before ? json{{"order", before->order}, {"first_year", before->first_year}} : json(nullptr);
    return RecordChange(tx, clock_, caller, "set-rotation", "governance", 1, was,
                        {{"order", rotation.order},
                         {"first_year", rotation.first_year},
                         {"reason", std::string(Trim(reason))}});
  }));
  return rotation;
}

}  // namespace jointly

namespace jointly {

namespace {

// The round's summary as `tx` sees it.
StatusOr<SummaryView> ReadSummary(Transaction& tx, int64_t round_id, Date today) {
  SummaryView out;
  ASSIGN_OR_RETURN(out.round, jointly::GetRound(tx, round_id));
  CloseAfterDeadline(out.round, today);
  ASSIGN_OR_RETURN(auto responses, ResponsesOf(tx, round_id));
  out.summary = SummariseResponses(out.round, responses);
  out.can_publish = CanPublishSummary(out.round, responses);
  for (const auto& r : responses) {
    if (r.status == ResponseStatus::kCounted && Trim(r.our_response).empty()) {
      out.unanswered.emplace_back(r.id, NameAndOrganisation(r.name, r.organisation));
    }
  }
  return out;
}

}  // namespace

StatusOr<SummaryView> ConsultationService::Summary(const Caller& caller, int64_t round_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  SummaryView out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, ReadSummary(tx, round_id, DayToday(clock_)));
    return OkStatus();
  }));
  return out;
}

StatusOr<SummaryPage> ConsultationService::ViewSummary(const Caller& caller, int64_t round_id) {
  if (caller.anonymous()) {
    SummaryPage out;
    RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, PublishedSummary(tx, round_id));
      return OkStatus();
    }));
    return out;
  }
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  SummaryPage out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out.summary, ReadSummary(tx, round_id, DayToday(clock_)));
    ASSIGN_OR_RETURN(out.proposal_titles, ListProposalTitles(tx));
    return OkStatus();
  }));
  return out;
}

StatusOr<SummaryView> ConsultationService::PublishSummary(const Caller& caller, int64_t round_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunConsultations));
  SummaryView out;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(ConsultationRound round, RoundOn(tx, round_id));
    ASSIGN_OR_RETURN(auto responses, ResponsesOf(tx, round_id));
    RETURN_IF_ERROR(CanPublishSummary(round, responses));
    const std::string now = Now(clock_);
    RETURN_IF_ERROR(SetSummaryPublished(tx, round_id, now));
    ASSIGN_OR_RETURN(ReleasedItem released, SummaryRelease(tx, round_id, now));
    RETURN_IF_ERROR(ReleaseItem(tx, released));
    RETURN_IF_ERROR(RecordChange(tx, clock_, caller, "publish_summary", "consultation", round_id,
                                 {{"summary_published", false}}, {{"summary_published", true}}));
    ASSIGN_OR_RETURN(out, ReadSummary(tx, round_id, DayToday(clock_)));
    return OkStatus();
  }));
  return out;
}

StatusOr<SummaryPage> ConsultationService::PublishedSummary(Transaction& tx, int64_t round_id) {
  auto round = RoundOn(tx, round_id);
  if (!round.ok() || !round->summary_published) {
    return NotFound("There is no published summary at this address");
  }
  SummaryPage out;
  out.summary.round = *round;
  out.summary.round.owner_inspectorate_id.reset();
  ASSIGN_OR_RETURN(auto responses, ResponsesOf(tx, round_id));
  out.summary.summary = SummariseResponses(out.summary.round, responses);
  // Counts about each proposal in the programme consulted on (which anyone
  // may read with the consultation); no other proposal is named.
  ASSIGN_OR_RETURN(const std::set<int64_t> consulted_on, ProposalsConsultedOn(tx, *round));
  std::erase_if(out.summary.summary.by_proposal,
                [&](const auto& counted) { return !consulted_on.count(counted.first); });
  if (!out.summary.summary.by_proposal.empty()) {
    ASSIGN_OR_RETURN(auto titles, ListProposalTitles(tx));
    for (const auto& [id, n] : out.summary.summary.by_proposal) {
      out.proposal_titles[id] = titles[id];
    }
  }
  return out;
}

StatusOr<json> ConsultationService::PublicSummary(int64_t round_id) {
  std::optional<ReleasedItem> released;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(released, GetReleased(tx, kReleasedSummary, std::to_string(round_id)));
    return OkStatus();
  }));
  if (!released) return NotFound("There is no published summary at this address");
  json content = json::parse(released->content, nullptr, false);
  if (!content.is_object()) return Internal("A released summary could not be read");
  return content;
}

StatusOr<ConsultationPack> ConsultationService::Pack(const Caller& caller, int64_t round_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  ConsultationPack pack;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(RoundView v, View(tx, round_id));
    pack.round = v.round;
    if (v.round.owner_inspectorate_id) {
      ASSIGN_OR_RETURN(pack.owner, GetInspectorate(tx, *v.round.owner_inspectorate_id));
    } else {
      ASSIGN_OR_RETURN(auto secretariat, FindInspectorateByCode(tx, "JOINT-SECRETARIAT"));
      if (secretariat) pack.owner = *secretariat;
      if (pack.owner.full_name.empty()) {
        pack.owner.full_name = "The joint secretariat of the criminal justice inspectorates";
      }
    }
    ASSIGN_OR_RETURN(auto directory, ListInspectorates(tx));
    for (const auto& i : directory) pack.full_names.emplace(i.short_name, i.full_name);
    for (const auto& c : v.consultees) {
      if (c.dropped) continue;
      PackRecipient who;
      who.organisation = c.organisation;
      who.category = c.category;
      if (c.contact_id) {
        auto contact = GetRecord(tx, ContactRecord(), c.contact_id);
        if (contact.ok()) {
          who.name = contact->name;
          who.contact_organisation = contact->organisation;
          who.group = contact->copy_group;
        }
      }
      (IsStatutory(c.category) ? pack.addressed : pack.copied).push_back(std::move(who));
    }
    return OkStatus();
  }));
  pack.date = DayToday(clock_);
  return pack;
}

}  // namespace jointly
