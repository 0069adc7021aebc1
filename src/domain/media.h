// Stage 7 of a joint thematic inspection (M 41-47; R11, R21), apart from
// the timed publication itself: the factual accuracy checks with those
// inspected (extracts sent to a body of the directory, each correction it
// sends back decided, accepted or not with a reason, by the section's
// author or the lead); each participating inspectorate's stakeholder
// distribution list, cross-referenced so nobody receives two copies, and
// who sends the report; the media plan (the approach to publication is the
// terms of reference's, decided in stage 1), with the press notice that
// names the Chief Inspector or an HM Inspector of every participating
// inspectorate, and who takes bids for interview; and post-publication
// activity (launch events, Chief Inspectors' round tables). Pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/inspection.h"
#include "domain/record.h"
#include "domain/user.h"

namespace jointly {

// M 41: extracts of the draft report sent to a body inspected, to check
// for factual accuracy by a date.
struct FactualCheck {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t body_id = 0;   // a body of the directory
  std::string extracts;  // which extracts or sections were sent
  std::string sent_on;   // YYYY-MM-DD
  std::string due_on;    // YYYY-MM-DD
  int64_t version = 0;
};
const RecordType<FactualCheck>& FactualCheckRecord();
// InvalidArgument (field "due_on", rule "due-after-sent") for a check due
// before it was sent.
Status CheckFactualCheck(const FactualCheck& check);

// What was decided of a correction received.
enum class CorrectionDecision { kUndecided, kAccepted, kNotAccepted };
inline constexpr CorrectionDecision kAllCorrectionDecisions[] = {CorrectionDecision::kUndecided,
                                                                 CorrectionDecision::kAccepted,
                                                                 CorrectionDecision::kNotAccepted};
std::string_view CorrectionDecisionId(CorrectionDecision d);     // "not_accepted"
std::string_view CorrectionDecisionLabel(CorrectionDecision d);  // "Not accepted"

// A correction a body sent back in answer to a factual accuracy check,
// about a section of the report if it says which, and what was decided of
// it, by whom (set by the system).
struct FactualCorrection {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t check_id = 0;
  std::optional<int64_t> section_id;
  std::string received_on;  // YYYY-MM-DD
  std::string correction;   // the text received
  CorrectionDecision decision = CorrectionDecision::kUndecided;
  std::string reason;  // why it was not accepted, or what was changed
  int64_t decided_by = 0;
  int64_t version = 0;
};
const RecordType<FactualCorrection>& FactualCorrectionRecord();
// R21: a correction not accepted says why (field "reason", rule
// "reason-required"); one received before its check was sent is refused
// (field "received_on", rule "received-before-sent"), and so is one
// received after `today` (YYYY-MM-DD; rule "not-in-future").
Status CheckCorrection(const FactualCorrection& c, const FactualCheck& check,
                       const std::string& today);
// R21: a correction is decided by the inspectorate that wrote its section
// (`section_author`, if the section names one) or by the lead
// inspectorate; PermissionDenied (rule "R21") for anyone else, naming who
// may.
Status CheckMayDecide(const Standing& standing, int64_t lead_inspectorate,
                      std::optional<int64_t> section_author, const std::string& who_may);
// R21: every check has been sent, and every correction received decided.
// False while there is no check.
bool FactualChecksDecided(const std::vector<FactualCheck>& checks,
                          const std::vector<FactualCorrection>& corrections);

// M 43: who sends the report to the stakeholders.
enum class Sender { kUndecided, kLead, kEachInspectorate };
inline constexpr Sender kAllSenders[] = {Sender::kUndecided, Sender::kLead,
                                         Sender::kEachInspectorate};
std::string_view SenderId(Sender s);
std::string_view SenderLabel(Sender s);

// M 44: who takes bids for interview.
enum class InterviewBids { kUndecided, kLeadOnly, kShared };
inline constexpr InterviewBids kAllInterviewBids[] = {
    InterviewBids::kUndecided, InterviewBids::kLeadOnly, InterviewBids::kShared};
std::string_view InterviewBidsId(InterviewBids b);
std::string_view InterviewBidsLabel(InterviewBids b);

// One stakeholder on a participating inspectorate's distribution list.
struct Recipient {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t inspectorate_id = 0;  // whose list: the caller's, set by the system
  std::string recipient_name;
  std::string organisation;
  std::string email;
  int64_t version = 0;
};
const RecordType<Recipient>& RecipientRecord();

// How one recipient receives the report once the lists are cross-referenced.
struct Delivery {
  Recipient recipient;
  // R21: the same e-mail address (in any case) is on an earlier list (in the
  // order of `participating`, the lead first): this entry is not sent to.
  bool duplicate = false;
  int64_t sent_by = 0;           // the inspectorate that sends to them
  std::vector<int64_t> also_on;  // the other lists that hold the address
};
// R21 (M 42-43): every recipient of every list with who sends to them
// (the lead, or each inspectorate to its own list), each address sent to
// once: a recipient also on an earlier list is flagged a duplicate. In
// list order (the lead's first, then `participating`'s), each list as
// given.
std::vector<Delivery> CrossReference(const std::vector<Recipient>& recipients, Sender sender,
                                     int64_t lead, const std::vector<int64_t>& participating);
// The addresses sent to, once each.
int CountSentTo(const std::vector<Delivery>& deliveries);

// M 44-45: the media plan, one per inspection, the lead inspectorate's.
// The approach (soft launch or proactive media) is the terms of
// reference's (PublicationApproach); this holds the rest.
struct MediaPlan {
  int64_t id = 0;
  int64_t inspection_id = 0;
  Sender sender = Sender::kUndecided;
  InterviewBids interview_bids = InterviewBids::kUndecided;
  std::string press_notice;  // the text of the press notice
  int64_t version = 0;
};
const RecordType<MediaPlan>& MediaPlanRecord();
// A media plan saved decides something: who sends the report, who takes
// bids for interview, or the press notice. InvalidArgument naming who sends
// and who takes bids (rule "required") when it is saved with none of them.
Status CheckMediaPlanSaysSomething(const MediaPlan& plan);

enum class SpokespersonRole { kChiefInspector, kHmInspector, kOther };
inline constexpr SpokespersonRole kAllSpokespersonRoles[] = {
    SpokespersonRole::kChiefInspector, SpokespersonRole::kHmInspector, SpokespersonRole::kOther};
std::string_view SpokespersonRoleId(SpokespersonRole r);
std::string_view SpokespersonRoleLabel(SpokespersonRole r);

// Someone the media plan names and the press notice quotes for a
// participating inspectorate (R11, M 44-45): a person the product knows,
// chosen from its people (`user_id`), a Chief Inspector or HM Inspector of
// the inspectorate they speak for. Their inspectorate, name and role are
// the person's, set by the system. A spokesperson typed in by name before
// spokespeople were chosen from the people has no `user_id`: kept as
// typed, it speaks for no inspectorate.
struct Spokesperson {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t inspectorate_id = 0;
  std::optional<int64_t> user_id;
  std::string spokesperson;  // their name, as the notice gives it
  SpokespersonRole role = SpokespersonRole::kChiefInspector;
  int64_t version = 0;
};
const RecordType<Spokesperson>& SpokespersonRecord();

// R11: the role `person` speaks in for inspectorate `inspectorate_id`:
// Chief Inspector if they hold that role, else HM Inspector; none unless
// they are active, of that inspectorate, and hold one of the two.
std::optional<SpokespersonRole> SpeaksAs(const User& person, int64_t inspectorate_id);
// R11: the person chosen (`user_id`; `person` is who that is, null if
// nobody) as a spokesperson of `inspection`, with their inspectorate, name
// and role. InvalidArgument at field "user_id": nobody chosen (rule
// "required"), no such person (rule "unknown-user"), a person of no
// participating inspectorate (rule "not-participating"), someone who is
// neither its Chief Inspector nor an HM Inspector (rule "R11"), or one
// already among `named` (rule "already-named").
StatusOr<Spokesperson> SpokespersonFor(const Inspection& inspection,
                                       const std::vector<Spokesperson>& named,
                                       std::optional<int64_t> user_id, const User* person);
// R11: a spokesperson speaks for their inspectorate when chosen from the
// people and still its Chief Inspector or an HM Inspector (the caller sets
// `role` to kOther for someone who no longer is).
bool SpeaksForInspectorate(const Spokesperson& s);

// R11 "jointly owned" (M 44-45): the participating inspectorates the media
// plan names no spokesperson for (SpeaksForInspectorate), in the order of
// `participating`.
std::vector<int64_t> WithoutSpokesperson(const std::vector<Spokesperson>& spokespeople,
                                         const std::vector<int64_t>& participating);
// R11: the participating inspectorates whose Chief Inspector or HM
// Inspector the press notice does not name: none of their spokespeople
// (SpeaksForInspectorate) has a name that appears in `notice`. In the
// order of `participating`.
std::vector<int64_t> MissingFromNotice(const std::string& notice,
                                       const std::vector<Spokesperson>& spokespeople,
                                       const std::vector<int64_t>& participating);
// R11: FailedPrecondition (rule "R11", field "press_notice") naming each
// inspectorate of `missing` by `names`; OK when none is missing.
Status CheckPressNotice(const std::vector<int64_t>& missing,
                        const std::map<int64_t, std::string>& names);
// R11: a media plan names a spokesperson for every participating
// inspectorate, and its press notice, once written, names each of them.
// FailedPrecondition (rule "R11") naming the inspectorates `unspoken`
// (WithoutSpokesperson; field "spokespeople") and those the notice leaves
// out (`missing`, MissingFromNotice; field "press_notice", only when
// `notice_written`), every one at once; OK when none is missing.
Status CheckMediaPlan(const std::vector<int64_t>& unspoken, const std::vector<int64_t>& missing,
                      bool notice_written, const std::map<int64_t, std::string>& names);

// M 47: activity after publication.
enum class ActivityKind { kLaunchEvent, kRoundTable, kBriefing, kOther };
inline constexpr ActivityKind kAllActivityKinds[] = {ActivityKind::kLaunchEvent,
                                                     ActivityKind::kRoundTable,
                                                     ActivityKind::kBriefing, ActivityKind::kOther};
std::string_view ActivityKindId(ActivityKind k);
std::string_view ActivityKindLabel(ActivityKind k);

struct PublicationActivity {
  int64_t id = 0;
  int64_t inspection_id = 0;
  ActivityKind activity = ActivityKind::kLaunchEvent;
  std::string held_on;  // YYYY-MM-DD
  std::string led_by;   // who leads it: "HM Chief Inspector of Probation"
  std::string details;
  int64_t version = 0;
};
const RecordType<PublicationActivity>& PublicationActivityRecord();

}  // namespace jointly
