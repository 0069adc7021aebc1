// Consultation on the programme (R9, R10) and the yearly rotation of the
// governance bodies (R20). Pure: today's date and who is a CJ inspectorate
// come in as data.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "domain/access.h"
#include "domain/directory.h"
#include "domain/plan.h"
#include "domain/record.h"

namespace jointly {

enum class ContactType {
  kGovernment,
  kInspectorate,
  kInspectedBody,
  kVoluntarySector,
  kAcademic,
  kUserRepresentative,
};
std::string_view ContactTypeId(ContactType type);
std::optional<ContactType> ParseContactType(std::string_view id);
std::string_view ContactTypeLabel(ContactType type);
inline constexpr ContactType kAllContactTypes[] = {
    ContactType::kGovernment,      ContactType::kInspectorate, ContactType::kInspectedBody,
    ContactType::kVoluntarySector, ContactType::kAcademic,     ContactType::kUserRepresentative};

// Where a covering letter lists a contact among those it is copied to,
// group by group in this order.
enum class CopyGroup { kDepartment, kAgency, kWales, kYouth, kOther };
inline constexpr CopyGroup kAllCopyGroups[] = {CopyGroup::kDepartment, CopyGroup::kAgency,
                                               CopyGroup::kWales, CopyGroup::kYouth,
                                               CopyGroup::kOther};
std::string_view CopyGroupId(CopyGroup group);
std::string_view CopyGroupLabel(CopyGroup group);

// Someone a consultation can be sent to. Contacts are one per e-mail
// address (stored lower-case).
struct Contact {
  int64_t id = 0;
  std::string name;
  std::string organisation;
  std::string email;
  ContactType type = ContactType::kGovernment;
  CopyGroup copy_group = CopyGroup::kOther;
  int64_t version = 0;
};

// "Jane Smith, HMCPSI": who someone is and where they are from, the
// organisation said once: not again when the name already says it
// ("Office of the Chief Inspector, HMI Prisons"), nor when there is none.
std::string NameAndOrganisation(const std::string& name, const std::string& organisation);
// Whether `word` is in `text` as whole words: "HMI Prisons" is in
// "Office of the Chief Inspector, HMI Prisons" but "HIW" is not in "HIWS".
bool HasWords(std::string_view text, std::string_view word);

// A contact described once: name, organisation, e-mail address (one
// contact per address) and type, versioned.
const RecordType<Contact>& ContactRecord();

// InvalidArgument naming each bad field; a consultee needs a name, an
// organisation and an e-mail address to be sent anything.
Status ValidateContact(const Contact& contact);

// R9's statutory consultees, and everyone else (R10).
enum class ConsulteeCategory {
  kMinister,                // the relevant Ministers
  kCjChiefInspector,        // the other CJ Chief Inspectors
  kOfstedChiefInspector,    // HM Chief Inspector of Education, Children's Services and Skills
  kCqc,                     // the Care Quality Commission
  kHiw,                     // Healthcare Inspectorate Wales
  kAuditorGeneralForWales,  // the Auditor General for Wales
  kSpecifiedByMinisters,    // anyone the Ministers specify
  kStakeholder,             // wider consultation (R10)
};
inline constexpr ConsulteeCategory kAllConsulteeCategories[] = {
    ConsulteeCategory::kMinister,
    ConsulteeCategory::kCjChiefInspector,
    ConsulteeCategory::kOfstedChiefInspector,
    ConsulteeCategory::kCqc,
    ConsulteeCategory::kHiw,
    ConsulteeCategory::kAuditorGeneralForWales,
    ConsulteeCategory::kSpecifiedByMinisters,
    ConsulteeCategory::kStakeholder};
std::string_view ConsulteeCategoryId(ConsulteeCategory category);
std::string_view ConsulteeCategoryLabel(ConsulteeCategory category);
std::optional<ConsulteeCategory> ParseConsulteeCategory(std::string_view id);
bool IsStatutory(ConsulteeCategory category);

// One statutory consultee a round must include: its category and, where it
// is an inspectorate in the directory, which one.
struct StatutorySlot {
  ConsulteeCategory category;
  std::optional<int64_t> inspectorate_id;
  std::string organisation;  // "HMI Prisons", "CQC", "CJ Ministers"
};

// R9: the statutory consultees of a round owned by `owner` (an
// inspectorate, or none for the joint secretariat): the Ministers, the
// Chief Inspector of every other open CJ inspectorate, Ofsted, CQC, HIW and
// the Auditor General for Wales.
std::vector<StatutorySlot> StatutoryConsultees(const std::vector<Inspectorate>& inspectorates,
                                               std::optional<int64_t> owner);

struct ConsultationSection {
  std::string title;  // "Core inspections", "Thematic inspections", "Research"
  std::vector<std::string> questions;
};

enum class RoundState { kDraft, kOpen, kClosed };
inline constexpr RoundState kAllRoundStates[] = {RoundState::kDraft, RoundState::kOpen,
                                                 RoundState::kClosed};
std::string_view RoundStateId(RoundState state);
std::string_view RoundStateLabel(RoundState state);
std::optional<RoundState> ParseRoundState(std::string_view id);

struct ConsultationRound {
  int64_t id = 0;
  std::string title;
  int first_year = 0;                            // the programme's first financial year
  int years = 2;                                 // one or two financial years
  std::optional<int64_t> owner_inspectorate_id;  // none: the joint secretariat
  Date opens_on;
  Date deadline;  // the last day for responses
  RoundState state = RoundState::kDraft;
  std::vector<ConsultationSection> sections;
  bool summary_published = false;  // "you said, we did"
  Date summary_published_on;       // no date if published before this was kept
  Date closed_on;                  // the day it was closed by hand; no date if it closed on its own
  int64_t version = 0;
};

inline constexpr size_t kMaxSections = 20;
inline constexpr size_t kMaxQuestionsPerSection = 20;
inline constexpr size_t kMaxAnswerChars = 20000;

// The financial years a round covers: "2020-21 and 2021-22".
std::string RoundYearsLabel(const ConsultationRound& round);

// InvalidArgument naming each bad field: title, years 1-2, first_year,
// dates (the deadline after opening), 1-20 sections each with a title and
// 1-20 questions of up to 1,000 characters.
Status ValidateRound(const ConsultationRound& round);

// A warning, not a refusal, when the last day for responses is not a
// working day: a Saturday, a Sunday or a bank holiday `calendar` knows (a
// year it does not cover is checked for weekends only). "" for a working
// day or no date.
std::string DeadlineWarning(Date deadline, const WorkingDayCalendar& calendar);

// The questions of a round numbered in order across sections, from 1.
int QuestionCount(const ConsultationRound& round);
// The words of question `number` (from 1); "" for a question the round
// does not have.
std::string QuestionText(const ConsultationRound& round, int number);

enum class ResponseChannel { kOnline, kEmail, kPost };
inline constexpr ResponseChannel kAllResponseChannels[] = {
    ResponseChannel::kOnline, ResponseChannel::kEmail, ResponseChannel::kPost};
std::string_view ResponseChannelId(ResponseChannel channel);
std::optional<ResponseChannel> ParseResponseChannel(std::string_view id);

// Whether a response counts: the secretariat may set one aside as spam, a
// duplicate of another, or withdrawn by its author. A response set aside
// stays in the register and the audit trail but is left out of the
// summary and of what blocks publishing it.
enum class ResponseStatus { kCounted, kSpam, kDuplicate, kWithdrawn };
std::string_view ResponseStatusId(ResponseStatus status);
std::string_view ResponseStatusLabel(ResponseStatus status);
inline constexpr ResponseStatus kAllResponseStatuses[] = {
    ResponseStatus::kCounted, ResponseStatus::kSpam, ResponseStatus::kDuplicate,
    ResponseStatus::kWithdrawn};

// The secretariat's marking of one response, described once; its id is the
// response's.
struct ResponseMark {
  int64_t id = 0;
  ResponseStatus status = ResponseStatus::kCounted;
  std::string note;
  int64_t version = 0;
};
const RecordType<ResponseMark>& ResponseMarkRecord();
// A response is set aside only with a note saying why (which response it
// duplicates, how it was withdrawn); InvalidArgument (field "note") otherwise.
Status CheckResponseMark(const ResponseMark* before, const ResponseMark& after);

// R10: once "you said, we did" is published, what it reports is fixed: no
// response is recorded, set aside or answered afterwards.
// FailedPrecondition (rule "summary-published") if it has been published.
Status CheckSummaryNotPublished(const ConsultationRound& round);

struct ConsultationResponse {
  int64_t id = 0;
  int64_t round_id = 0;
  std::string name;
  std::string organisation;
  std::string on_behalf_of;
  std::map<int, std::string> answers;  // question number (from 1) -> answer
  bool consent_to_publish = false;
  ResponseChannel channel = ResponseChannel::kOnline;
  Date received_on;
  bool late = false;
  std::set<int64_t> proposals;  // what it speaks about, tagged by the secretariat
  std::vector<std::string> topics;
  std::string our_response;  // "we did": what the inspectorates did about it
  ResponseStatus status = ResponseStatus::kCounted;
  std::string status_note;  // why it was set aside
  int64_t version = 1;      // of its marking
};

inline constexpr size_t kMaxOurResponseChars = 5000;

// InvalidArgument naming each bad field: name, organisation and on whose
// behalf up to 200 characters, at least one answer, each to a question the
// round has and up to 20,000 characters (the error names the question), at
// most 20 topics ("topics[i]" for each that is not 1 to 100 characters).
// Its messages speak to whoever fills in the form: the respondent online
// ("Enter your name"), or the secretariat recording a response that came by
// email or post ("Enter the respondent's name").
enum class ResponseEntry { kByRespondent, kByStaff };
Status ValidateResponse(const ConsultationRound& round, const ConsultationResponse& response,
                        ResponseEntry entry = ResponseEntry::kByRespondent);

// The day a response recorded by the secretariat was received (field
// "received_on"): a real date (rule "date"), not after `today` (rule
// "future-date"), and not before the round opened (rule
// "received-after-opening", naming that day). Adds each problem to `v`.
void CheckReceivedOn(const ConsultationRound& round, Date received_on, Date today, Validation& v);
inline constexpr char kConsultationOpened[] = "when the consultation opened";

// A response whose author did not consent to publication is read only by
// those who work on the consultation (who may edit the programme); anyone
// else signed in reads only responses that may be published. Removes the
// others from `responses` for `caller`.
void KeepWhatCallerMayRead(const Caller& caller, std::vector<ConsultationResponse>& responses);

// R10: a round closes on its own at the end of its deadline day: an open
// round read on a later day is closed. Nothing else holds it open.
void CloseAfterDeadline(ConsultationRound& round, Date today);

// R10: the programme is published only after the consultation on its
// year has closed, so the responses can inform it. FailedPrecondition
// (rule "R10") naming each round covering `plan`'s first year that still
// takes responses on `today`, or saying that none covering it has closed
// (the statutory consultees are consulted before the programme is made,
// F 4.2). A round drawn up but never opened neither holds back nor counts.
Status ConsultationClosedFor(const Plan& plan, const std::vector<ConsultationRound>& rounds,
                             Date today);
// The warning a plan's publisher reads about each round covering `plan`'s
// first year that was drawn up but never opened (it holds nothing back,
// but nobody was consulted through it), in words.
std::vector<std::string> ConsultationsNeverOpenedFor(const Plan& plan,
                                                     const std::vector<ConsultationRound>& rounds);

// Whether the round was closed by hand before the end of its deadline day.
bool ClosedEarly(const ConsultationRound& round);

// The last day the round took responses: the day it was closed early, or
// else its deadline.
Date LastDayForResponses(const ConsultationRound& round);

// How a closed round's documents say it closed: "closed on 10 February
// 2020" after an early close, else "closed at the end of 28 February 2020".
std::string ClosedWords(const ConsultationRound& round);

// R10: a response received after the last day for responses is late: the
// deadline, or the day the round was closed early (it closed for everyone
// that day, so what was received on that day is on time).
bool IsLate(const ConsultationRound& round, Date received_on);

// The public form accepts responses only while the round is open and up to
// the deadline day; FailedPrecondition (rule "R10") otherwise.
Status AcceptsOnlineResponses(const ConsultationRound& round, Date today);

// "You said, we did": what respondents said to each question and what was
// done about it. Only responses whose authors consented are quoted; the
// rest are counted.
struct ResponseSummary {
  struct Said {
    std::string who;  // "A Respondent, Victim Support", or the organisation alone
    std::string text;
    std::string our_response;
  };
  struct Question {
    int number = 0;
    std::string section;
    std::string text;
    int answers = 0;  // all answers, quoted or not
    std::vector<Said> said;
    // What was done about the answers, quoted or not, each text once, in
    // the order of the answers: "we did" is said once for the question.
    std::vector<std::string> we_did;
  };
  int responses = 0;
  int late = 0;
  int not_quoted = 0;  // responses without consent to publish
  int set_aside = 0;   // spam, duplicates and withdrawn: not counted above
  std::vector<Question> questions;
  std::map<int64_t, int> by_proposal;  // responses tagged to each proposal
  std::map<std::string, int> by_topic;
};
ResponseSummary SummariseResponses(const ConsultationRound& round,
                                   const std::vector<ConsultationResponse>& responses);

// The summary is published once the round is closed and every response
// has our response recorded; FailedPrecondition naming what is missing.
Status CanPublishSummary(const ConsultationRound& round,
                         const std::vector<ConsultationResponse>& responses);

struct Consultee {
  int64_t id = 0;
  int64_t round_id = 0;
  int64_t contact_id = 0;
  ConsulteeCategory category = ConsulteeCategory::kStakeholder;
  std::optional<int64_t> inspectorate_id;
  std::string organisation;
  bool dropped = false;
  std::string dropped_reason;
};

// R9: a statutory consultee is dropped only with a recorded reason;
// InvalidArgument (field "reason", rule "R9") otherwise.
Status DropConsultee(Consultee& consultee, const std::string& reason);

// What was sent to a consultee once the programme and framework were final.
struct Dispatch {
  int64_t id = 0;
  int64_t consultee_id = 0;
  Date sent_on;
  std::string method;   // "email", "post", "by hand"
  std::string what;     // "Joint inspection business plan 2020-21 and framework"
  int64_t plan_id = 0;  // the final programme sent; 0 in entries made before it was recorded
};

Status ValidateDispatch(const Dispatch& dispatch);

// R9: statutory consultees (not dropped) who have not been sent a copy.
std::vector<Consultee> NotYetSent(const std::vector<Consultee>& consultees,
                                  const std::vector<Dispatch>& dispatches);

// R9: a round opens from draft only, and only once every consultee still
// consulted has contact details: the law says the statutory consultees
// shall be consulted, and one is left out only by dropping it with a
// reason. FailedPrecondition naming those without.
Status CanOpenRound(const ConsultationRound& round, const std::vector<Consultee>& consultees);

// A round starts (is drawn up or opened) only with its last day for
// responses still ahead (today at the earliest): InvalidArgument naming
// "deadline" (rule "deadline-passed") otherwise. It opens only while no
// other open round in `others` (every round, as stored) consults on any of
// its years, so that one round at a time speaks for a year:
// FailedPrecondition (rule "one-open-round-a-year") naming it otherwise.
Status CanStartRound(const ConsultationRound& round, const std::vector<ConsultationRound>& others,
                     Date today);

// Only an open round is closed (before its deadline; it closes on its own
// after); FailedPrecondition (rule "round-state") otherwise. The dispatch
// register does not hold a round open: the final programme it records is
// prepared after the consultation.
Status CanCloseRound(const ConsultationRound& round);

// R9: the final programme a round's consultees are sent a copy of is the
// published plan for the round's first year (`plan_state` is that plan's
// state, none if there is no plan for that year); FailedPrecondition (rule
// "R9") until it is published, since nothing final exists to send yet.
Status CanRecordDispatch(const ConsultationRound& round, std::optional<PlanState> plan_state);

// R20: CJCIG's chair rotates yearly among the CJ Chief Inspectors in an
// agreed order; the Development Group's chair and the Joint Secretariat
// follow the chair's inspectorate.
struct Rotation {
  std::vector<int64_t> order;  // CJ inspectorates, each once
  int first_year = 0;          // the year order[0] chairs
  std::string reason;          // the decision that agreed it, as stored
};

// InvalidArgument (rule "R20") unless the order names every open CJ
// inspectorate exactly once and nothing else: an item that is not one, or
// is one again, is named "order[i]"; one left out, "order".
Status ValidateRotation(const Rotation& rotation, const std::vector<Inspectorate>& inspectorates);

// InvalidArgument (rule "R20", field "reason") unless `reason` names the
// decision that set the order: 1 to 2,000 characters of UTF-8.
Status ValidateRotationReason(const std::string& reason);

// The chair's inspectorate in `year` (any year, before or after first_year).
// REQUIRES: a valid rotation.
int64_t ChairIn(const Rotation& rotation, int year);

struct ChairYear {
  int year = 0;
  int64_t inspectorate_id = 0;  // chairs CJCIG and the Development Group, and runs the secretariat
};

// Who chairs in each of `years` years (1 to 20) from `from_year`; none if
// the rotation names nobody.
std::vector<ChairYear> ChairsFrom(const Rotation& rotation, int from_year, int years);

}  // namespace jointly
