// Use cases of consultation (R9, R10) and governance rotation (R20): rounds
// with their statutory consultees proposed automatically, contacts, the
// public response form, responses tagged to proposals, the dispatch
// register, and the yearly rotation. Thread-safe.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/access.h"
#include "domain/consultation.h"
#include "domain/consultation_documents.h"
#include "domain/plan.h"
#include "service/record_service.h"
#include "service/shared_throttle.h"
#include "store/database.h"
#include "store/released_store.h"

namespace jointly {

// The plan for a round's first year: once published, the final programme
// each consultee is sent a copy of (R9).
struct FinalProgramme {
  int64_t plan_id = 0;
  PlanState state = PlanState::kDraft;
};

// A round as of today: an open round past its deadline day is closed.
struct ContactDeletion {
  Contact contact;
  Status refusal;  // OK if the contact may be deleted
};

struct RoundView {
  ConsultationRound round;
  std::vector<Consultee> consultees;
  std::vector<Dispatch> dispatches;
  std::vector<Consultee> not_yet_sent;            // R9: statutory consultees still owed a copy
  std::optional<FinalProgramme> final_programme;  // none: no plan for the year yet
  int responses = 0;
};

struct SummaryView {
  ConsultationRound round;
  ResponseSummary summary;
  Status can_publish;
  // Counted responses with no "we did" yet, which hold publication back:
  // each one's id and who sent it. Empty in the published summary.
  std::vector<std::pair<int64_t, std::string>> unanswered;
};

// What each page of consultation shows, read in one transaction by one
// call (a page is one view), with the labels it needs.

// Every round.
struct RoundsPage {
  std::vector<ConsultationRound> rounds;
  std::vector<Inspectorate> inspectorates;  // for who runs each
};

// A round: its consultees and dispatch register, and what its forms offer.
struct RoundPage {
  RoundView view;
  std::vector<Inspectorate> inspectorates;  // for who runs it
  std::vector<Contact> contacts;            // every contact, if the caller may read them
};

// A round's responses, to record, tag and mark.
struct ResponsesPage {
  ConsultationRound round;
  std::vector<ConsultationResponse> responses;
  // The proposals of the programme consulted on, to tag responses to, and
  // any a response is tagged to already.
  std::map<int64_t, std::string> proposal_titles;
};

// "You said, we did": as written for those signed in, as published for
// anyone else.
struct SummaryPage {
  SummaryView summary;
  // Signed in, every proposal's; anyone else, those of the proposals the
  // published summary counts.
  std::map<int64_t, std::string> proposal_titles;
};

// What the sender of the public form is told.
struct OnlineReceipt {
  int64_t response_id = 0;       // the stored response's; never told to the sender
  std::string public_reference;  // PublicReference(): what the sender is told
  std::string round_title;
};

// The reference a response's sender is given and the secretariat finds it
// by ("7F3A-92C1"): drawn from the response itself, so that it says
// nothing about how many responses any consultation has had.
std::string PublicReference(const ConsultationResponse& response);

class ConsultationService {
 public:
  ConsultationService(Database& db, const Clock& clock);

  // The pages' views: NotFound if the round does not exist.
  StatusOr<RoundsPage> ViewRounds(const Caller& caller);
  StatusOr<RoundPage> ViewRound(const Caller& caller, int64_t round_id);
  StatusOr<ResponsesPage> ViewResponses(const Caller& caller, int64_t round_id);
  // Signed in: the summary as written, with proposal titles. Anyone else:
  // the published summary only, as PublicSummary().
  StatusOr<SummaryPage> ViewSummary(const Caller& caller, int64_t round_id);

  StatusOr<std::vector<Contact>> Contacts(const Caller& caller);
  // A page of them, in the order of their names.
  StatusOr<Page<Contact>> ContactPage(const Caller& caller, const RecordQuery& query);
  // The page that asks before deleting a contact: the contact, and why it
  // may not be deleted (FailedPrecondition, rule "contact-in-use") if so.
  StatusOr<ContactDeletion> ViewContactDeletion(const Caller& caller, int64_t id);
  // NotFound if there is none.
  StatusOr<Contact> GetContact(const Caller& caller, int64_t id);
  // AlreadyExists (field "email") when the address is already a contact.
  StatusOr<Contact> CreateContact(const Caller& caller, Contact contact);
  // Applies `change` to the contact at `version`: Aborted with what changed
  // since if someone else changed it; AlreadyExists if the new address is
  // another contact's.
  StatusOr<Contact> UpdateContact(const Caller& caller, int64_t id, int64_t version,
                                  const std::function<Status(Contact&)>& change);
  // FailedPrecondition while a consultee of a round uses it (the register
  // keeps who was sent what); Aborted if it changed since `version`.
  Status DeleteContact(const Caller& caller, int64_t id, int64_t version);

  StatusOr<std::vector<ConsultationRound>> Rounds(const Caller& caller);
  StatusOr<RoundView> GetRound(const Caller& caller, int64_t id);
  // What CreateRound checks of a round before it reads the database
  // (ValidateRound, and a deadline that has not passed), every error at
  // once: a form adds them to what it could not read, so that nothing is
  // told only once something else is put right.
  Status CheckNewRound(const ConsultationRound& round) const;
  // Creates a draft round with R9's statutory consultees already on it,
  // each with the contact details it had in the latest earlier round.
  // Unless `deadline_warned`, a last day that is not a working day
  // (DeadlineWarning, with the bank holidays in the database) is refused as
  // FailedPrecondition "deadline-not-working-day" with the warning, and
  // nothing is written: a page warns once, then creates when sent again.
  StatusOr<RoundView> CreateRound(const Caller& caller, ConsultationRound round,
                                  bool deadline_warned = true);
  StatusOr<RoundView> OpenRound(const Caller& caller, int64_t id);
  // Closes an open round before its deadline day (after it, the round is
  // closed already); FailedPrecondition (rule "round-state") otherwise.
  // The dispatch register never holds a round open (R9).
  StatusOr<RoundView> CloseRound(const Caller& caller, int64_t id);

  // A stakeholder (R10) or someone the Ministers specify, from the contacts.
  StatusOr<Consultee> AddConsultee(const Caller& caller, int64_t round_id, int64_t contact_id,
                                   ConsulteeCategory category);
  // Gives a statutory consultee its contact details.
  // With `round_id`, the consultee must be of that round: NotFound if it is
  // not (a page acts on the round in its address, and only on it).
  StatusOr<Consultee> AttachContact(const Caller& caller, int64_t consultee_id, int64_t contact_id,
                                    std::optional<int64_t> round_id = std::nullopt);
  StatusOr<Consultee> Drop(const Caller& caller, int64_t consultee_id, const std::string& reason,
                           std::optional<int64_t> round_id = std::nullopt);
  // R9: what was sent to each of `consultee_ids` (all of the round
  // `round_id`), all or nothing, recorded against the final programme (the
  // published plan for the round's first year); FailedPrecondition (rule
  // "R9") while that plan is not published; InvalidArgument if a consultee
  // has no contact details yet.
  StatusOr<std::vector<Dispatch>> RecordDispatches(const Caller& caller, int64_t round_id,
                                                   const std::vector<int64_t>& consultee_ids,
                                                   const Dispatch& what);

  // The round's documents without the programme: who runs it, who is
  // addressed (statutory, R9) and copied (R10), as of `date`.
  StatusOr<ConsultationPack> Pack(const Caller& caller, int64_t round_id);

  // For the public form, from the round's released copy: an open or closed
  // round's title, dates and questions only; NotFound for drafts.
  // `has_draft_programme`, when given, is set to whether a plan covers the
  // round's first year (its own, or the one before as its second year);
  // `has_welsh` to whether a Welsh version was released with it.
  StatusOr<ConsultationRound> PublicRound(int64_t id, bool* has_draft_programme = nullptr,
                                          bool* has_welsh = nullptr);
  // Anyone, no sign-in: ResourceExhausted when `address` sent too many,
  // NotFound for a draft, FailedPrecondition (rule "R10") after the
  // deadline, AlreadyExists for the same response twice.
  StatusOr<OnlineReceipt> SubmitOnline(ConsultationResponse response, const std::string& address);
  // The secretariat records a response from e-mail or post; late if
  // received after the deadline.
  StatusOr<ConsultationResponse> RecordResponse(const Caller& caller,
                                                ConsultationResponse response);
  StatusOr<std::vector<ConsultationResponse>> Responses(const Caller& caller, int64_t round_id);
  // Whether a response counts, or why it is set aside (spam, a duplicate,
  // withdrawn): audited, left out of the summary once set aside. Aborted
  // with what changed since if someone else marked it since `version`.
  StatusOr<ResponseMark> GetResponseMark(const Caller& caller, int64_t id);
  StatusOr<ResponseMark> MarkResponse(const Caller& caller, int64_t id, int64_t version,
                                      const std::function<Status(ResponseMark&)>& change);
  // Tags a response to proposals and topics and, when given, records what
  // was done about it ("we did").
  StatusOr<ConsultationResponse> TagResponse(const Caller& caller, int64_t response_id,
                                             const std::set<int64_t>& proposals,
                                             const std::vector<std::string>& topics,
                                             const std::optional<std::string>& our_response);

  // "You said, we did" for a round, and whether it can be published.
  StatusOr<SummaryView> Summary(const Caller& caller, int64_t round_id);
  // FailedPrecondition until the round is closed and every response has
  // our response. Returns the summary as published, read in the same
  // transaction.
  StatusOr<SummaryView> PublishSummary(const Caller& caller, int64_t round_id);
  // Anyone: NotFound until published; quotes only responses whose authors
  // consented, and counts responses only about proposals in the programme
  // consulted on.
  // From the released copy (rule public-reads-released-only): {"summary":
  // ToJson(SummaryView), "proposal_titles", "deadline", "published_on"}.
  StatusOr<nlohmann::json> PublicSummary(int64_t round_id);
  // The copies the public website shows, made by the steps that publish
  // them (opening or closing a round; publishing its summary) and at start
  // for what was published before the website kept copies.
  StatusOr<ReleasedItem> RoundRelease(Transaction& tx, int64_t id, const std::string& released_at);
  StatusOr<ReleasedItem> SummaryRelease(Transaction& tx, int64_t round_id,
                                        const std::string& released_at);
  // What consultees said about a proposal, for its page and its scoring;
  // NotFound if there is no such proposal.
  StatusOr<std::vector<ConsultationResponse>> ResponsesAbout(const Caller& caller,
                                                             int64_t proposal_id);

  // R20: the chair for `years` years from `from_year`; FailedPrecondition if
  // no rotation has been agreed yet.
  StatusOr<std::vector<ChairYear>> Chairs(const Caller& caller, int from_year, int years);
  StatusOr<Rotation> GetRotation(const Caller& caller);
  // A change needs the decision's reason, which the audit trail keeps.
  StatusOr<Rotation> SetRotation(const Caller& caller, const Rotation& rotation,
                                 const std::string& reason);

 private:
  StatusOr<RoundView> View(Transaction& tx, int64_t id);
  // The round as of today (closed after its deadline day).
  StatusOr<ConsultationRound> RoundOn(Transaction& tx, int64_t id);
  // The published summary, as anyone may read it; NotFound until published.
  StatusOr<SummaryPage> PublishedSummary(Transaction& tx, int64_t round_id);

  Database& db_;
  const Clock& clock_;
  RecordService<Contact> contacts_;
  RecordService<ResponseMark> marks_;
  // Responses taken from one address through the public form; kept in the
  // database, so every server on it counts the same.
  const SharedThrottle public_form_{"public-form", ThrottlePolicy{10, 10LL * 60 * 1000000}};
};

// The demo's consultation on the 2017-18 programme, held as history on
// `clock` (set to days of the winter of 2016-17): its statutory consultees
// with made-up contact details, opened before 2017-18 began, a few
// responses, each answered, and its summary published. Once: returns the
// round's id, made or found by its title.
StatusOr<int64_t> LoadDemoConsultation(ConsultationService& consultations, ReplayClock& clock);

nlohmann::json ToJson(const Contact& c);
nlohmann::json ToJson(const ConsultationRound& r);
nlohmann::json ToJson(const Consultee& c);
nlohmann::json ToJson(const ConsultationResponse& r);
nlohmann::json ToJson(const Dispatch& d);
nlohmann::json ToJson(const RoundView& v);
nlohmann::json ToJson(const SummaryView& v);

// The round as its released copy describes it (store/released_store.h).
ConsultationRound RoundFromReleased(const nlohmann::json& content);

}  // namespace jointly
