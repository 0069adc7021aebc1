// Stages 3 and 4 of a joint thematic inspection (M 18-28): the fieldwork
// arrangements every inspectorate agrees, the security clearance and IT
// access each inspector needs, the shared evidence register that every
// participating inspectorate sees and quality-assures (R15) with its
// attachments, interviews and focus groups held jointly unless a reason is
// recorded (R16), issues found in live cases, and the security
// classification everything carries. Pure: no I/O and no clock.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "domain/inspection.h"
#include "domain/record.h"

namespace jointly {

// The Government Security Classification of what the inspection holds.
enum class Classification { kOfficial, kOfficialSensitive };
inline constexpr Classification kAllClassifications[] = {Classification::kOfficial,
                                                         Classification::kOfficialSensitive};
std::string_view ClassificationId(Classification c);
std::string_view ClassificationLabel(Classification c);  // "OFFICIAL-SENSITIVE"
// OFFICIAL material is seen by everyone who sees the inspection's working
// material; OFFICIAL-SENSITIVE only by its current team (rule
// "official-sensitive").
bool MaySee(const Standing& standing, Classification c);
// PermissionDenied (rule "official-sensitive") naming `what` unless
// MaySee. Only those who see the inspection get this far: they are told
// that OFFICIAL-SENSITIVE items are withheld from them.
Status CheckMaySee(const Standing& standing, Classification c, const std::string& what);

enum class TimetableDrafting { kUndecided, kOverallLead, kEachLead };
inline constexpr TimetableDrafting kAllTimetableDraftings[] = {
    TimetableDrafting::kUndecided, TimetableDrafting::kOverallLead, TimetableDrafting::kEachLead};
std::string_view TimetableDraftingId(TimetableDrafting d);
std::string_view TimetableDraftingLabel(TimetableDrafting d);

enum class InterviewApproach { kUndecided, kFromEvidence, kInterviewPlans, kQuestionList };
inline constexpr InterviewApproach kAllInterviewApproaches[] = {
    InterviewApproach::kUndecided, InterviewApproach::kFromEvidence,
    InterviewApproach::kInterviewPlans, InterviewApproach::kQuestionList};
std::string_view InterviewApproachId(InterviewApproach a);
std::string_view InterviewApproachLabel(InterviewApproach a);

// What the inspectorates agree before onsite fieldwork (M 18-27), one per
// inspection. Its version moves with every change: an agreement binds to
// one version (R11).
struct FieldworkArrangements {
  int64_t id = 0;
  int64_t inspection_id = 0;
  std::string onsite_and_remote;  // which activities must be onsite, which remote (M 18)
  TimetableDrafting drafting = TimetableDrafting::kUndecided;  // M 19
  std::string inspectors_per_visit;  // numbers per visit, joint pairs (M 20)
  std::string security;              // clearance and IT access issues (M 21)
  std::string shared_before;         // what the teams are given, by whom (M 22)
  std::string evidence_recording;    // how evidence is recorded and shared, by whom (M 23)
  std::string updates;               // keeping the teams up to date (M 24)
  std::string pre_onsite_split;      // who does which pre-onsite work (M 25)
  std::string debriefs;              // daily, and with those inspected (M 26)
  std::string live_cases;            // actions on issues in live cases and observations (M 26)
  InterviewApproach interviews = InterviewApproach::kUndecided;  // M 27
  int64_t version = 0;
};
const RecordType<FieldworkArrangements>& ArrangementsRecord();
// InvalidArgument (rule "arrangements-incomplete") naming each part still
// to be decided, before the arrangements go for agreement.
Status CheckArrangementsComplete(const FieldworkArrangements& a);

enum class ClearanceKind { kSecurityVetting, kItAccess };
inline constexpr ClearanceKind kAllClearanceKinds[] = {ClearanceKind::kSecurityVetting,
                                                       ClearanceKind::kItAccess};
std::string_view ClearanceKindId(ClearanceKind k);
std::string_view ClearanceKindLabel(ClearanceKind k);

// Security clearance or access to an inspected body's IT systems that one
// inspector needs for fieldwork (M 21): held or still awaited, and until
// when.
struct Clearance {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t user_id = 0;  // someone on the team
  ClearanceKind kind = ClearanceKind::kSecurityVetting;
  std::string detail;  // "NPPV level 2", "Case management system, Kent CPS"
  bool held = false;
  std::string expires_on;  // empty: no expiry, or not yet held
  // R23: the delegation of fieldwork it was recorded under, if it was, and
  // the words that say so.
  std::optional<int64_t> delegation_id;
  std::string acting_as;
  std::optional<int64_t> recorded_by;  // who recorded it, or last changed it under a delegation
  int64_t version = 0;
};
const RecordType<Clearance>& ClearanceRecord();

// Warnings, in words, for clearances that will not cover fieldwork: still
// awaited, or expiring before the last day of onsite fieldwork (`last_day`;
// none: no fieldwork dated yet). `name_of` names people.
// A clearance that has expired by `today` before fieldwork ends (or before
// any fieldwork is dated) has lapsed and counts as not held; one that
// expired only after the last day of fieldwork covered it, and does not
// warn however long ago that was.
// `until` says what ends on `last_day`.
std::vector<std::string> ClearanceWarnings(const std::vector<Clearance>& clearances,
                                           std::optional<Date> last_day, Date today,
                                           const std::map<int64_t, std::string>& name_of,
                                           std::string_view until = "onsite fieldwork ends");
// One record per person and kind of clearance (rule "one-clearance-each",
// field "kind"): a clearance awaited and then held is the same record,
// changed, so the warnings and the stage read it once. `others`: the
// inspection's clearances other than this one; `who` names the person.
Status CheckOneClearanceEach(const Clearance& clearance, const std::vector<Clearance>& others,
                             const std::string& who);
// Whether a held clearance's expiry date is before `today`.
bool ClearanceExpired(const Clearance& clearance, Date today);
// Whether a held clearance has lapsed for fieldwork ending on `last_day`
// (none: not dated yet): expired by `today`, and before `last_day`.
bool ClearanceLapsed(const Clearance& clearance, std::optional<Date> last_day, Date today);

// One item of the shared evidence register (R15, M 23): what was found, by
// which method, at which site, recorded by whom for which inspectorate.
// File examinations carry the case reference and the answers to the
// question set.
struct EvidenceItem {
  int64_t id = 0;
  int64_t inspection_id = 0;
  std::optional<int64_t> site_id;
  Method method = Method::kFileExamination;
  std::string gathered_on;
  int64_t recorded_for = 0;  // the inspectorate, set from the recorder
  int64_t recorded_by = 0;   // the user
  std::string summary;
  std::string case_reference;
  std::string answers;
  Classification classification = Classification::kOfficial;
  // R23: the delegation it was recorded under, if it was, and the words
  // that say so ("for HMICFRS under delegation from HMICFRS to HMCPSI...").
  std::optional<int64_t> delegation_id;
  std::string acting_as;
  int64_t version = 0;
};
const RecordType<EvidenceItem>& EvidenceRecord();
// InvalidArgument: a file examination needs its case reference (field
// "case_reference", rule "case-reference").
Status ValidateEvidence(const EvidenceItem& item);
// InvalidArgument (field "gathered_on", rule "not-in-future") for evidence
// said to be gathered after `today`; OK for a date that is not one (its
// shape is checked elsewhere).
Status CheckGatheredBy(const EvidenceItem& item, const Date& today);

// Quality assurance of an evidence item by one inspectorate (R15), bound to
// the version of the item it looked at: a change to the item asks every
// inspectorate again.
enum class ReviewState { kNotReviewed, kAgreed, kQueryRaised };
inline constexpr ReviewState kAllReviewStates[] = {ReviewState::kNotReviewed, ReviewState::kAgreed,
                                                   ReviewState::kQueryRaised};
std::string_view ReviewStateId(ReviewState s);
std::string_view ReviewStateLabel(ReviewState s);
struct EvidenceReview {
  int64_t id = 0;
  int64_t evidence_id = 0;
  int64_t evidence_version = 0;
  int64_t inspectorate_id = 0;
  ReviewState state = ReviewState::kAgreed;
  std::string comment;  // the query, or a note on agreeing
  std::string answer;   // the recorder's answer to a query
  int64_t reviewed_by = 0;
  std::string reviewed_at;
  int64_t answered_by = 0;
  std::string answered_at;
  std::string acting_as;    // R23: the delegation it was given under, in words, if it was
  std::string answered_as;  // R23: the delegation the answer was given under, in words
  // R23: the delegation the reviewer asks to act under (not stored: the
  // words above are).
  std::optional<int64_t> delegation_id;
};
inline constexpr size_t kMaxReviewText = kMaxLongText;
// R15: where inspectorate `inspectorate_id` stands on `item` as it is now:
// its newest review of this version, or not reviewed. `reviews` in any
// order.
ReviewState ReviewOf(const EvidenceItem& item, const std::vector<EvidenceReview>& reviews,
                     int64_t inspectorate_id);
// That review itself, if there is one: a query's answer is on it.
const EvidenceReview* NewestReview(const EvidenceItem& item,
                                   const std::vector<EvidenceReview>& reviews,
                                   int64_t inspectorate_id);
// R15: a review comes from an inspectorate taking part (rule "R15"); a
// query says what it asks (field "comment", rule "query-comment"); nobody
// reviews to "not reviewed". Text within limits.
Status CheckReview(const Inspection& inspection, const Standing& standing,
                   const EvidenceReview& review);
// R15: every item agreed, at its current version, by every participating
// inspectorate (and there is at least one item).
bool EvidenceAssured(const Inspection& inspection, const std::vector<EvidenceItem>& items,
                     const std::vector<EvidenceReview>& reviews);
// R15: the items `inspectorate_id` has still to quality-assure, as they are
// now (ReviewOf says not reviewed), in the order given.
std::vector<EvidenceItem> AwaitingReviewBy(const std::vector<EvidenceItem>& items,
                                           const std::vector<EvidenceReview>& reviews,
                                           int64_t inspectorate_id);
// The queries `user_id` raised that have been answered, on items their
// inspectorate has not reviewed again since: theirs to look at next.
std::vector<EvidenceReview> AnsweredQueriesOf(const std::vector<EvidenceReview>& reviews,
                                              int64_t user_id);

// An attachment to an evidence item, its content kept with it so that
// every instance of Jointly sees it.
struct Attachment {
  int64_t id = 0;
  int64_t evidence_id = 0;
  std::string filename;
  std::string content_type;
  int64_t size = 0;
  std::string sha256;  // of the content, lower-case hex
  int64_t uploaded_by = 0;
  std::string uploaded_at;
};
inline constexpr size_t kMaxAttachmentBytes = 5 * 1024 * 1024;
// The content type of an attachment named `filename` holding `bytes`, from
// what the bytes are (never from what the sender claims): PDF, Word, Excel,
// PNG, JPEG, plain text or CSV. InvalidArgument (field "file") for an empty
// or over-large file (rule "attachment-size"), a type not accepted or bytes
// that are not what the name says (rule "attachment-type"), or a bad name
// (rule "filename").
StatusOr<std::string> CheckAttachment(std::string_view filename, std::string_view bytes);

enum class InterviewKind { kInterview, kFocusGroup };
inline constexpr InterviewKind kAllInterviewKinds[] = {InterviewKind::kInterview,
                                                       InterviewKind::kFocusGroup};
std::string_view InterviewKindId(InterviewKind k);
std::string_view InterviewKindLabel(InterviewKind k);
enum class Staffing { kJoint, kSingle };
inline constexpr Staffing kAllStaffings[] = {Staffing::kJoint, Staffing::kSingle};
std::string_view StaffingId(Staffing s);
std::string_view StaffingLabel(Staffing s);

// An interview or focus group (M 27-28), with its plan or questions.
struct Interview {
  int64_t id = 0;
  int64_t inspection_id = 0;
  std::optional<int64_t> site_id;
  InterviewKind kind = InterviewKind::kInterview;
  std::string held_on;
  std::string with_whom;
  Staffing staffing = Staffing::kJoint;
  std::optional<int64_t> single_inspectorate;  // who staffs it alone
  std::string single_reason;                   // why it is not joint
  std::string plan;                            // interview plan or questions
  // R23: the delegation of fieldwork it was recorded under, if it was, and
  // the words that say so.
  std::optional<int64_t> delegation_id;
  std::string acting_as;
  // Who recorded it (or last changed it under a delegation).
  std::optional<int64_t> recorded_by;
  int64_t version = 0;
};
const RecordType<Interview>& InterviewRecord();
// R16: interviews and focus groups are joint; one staffed by a single
// inspectorate names it (field "single_inspectorate", rule "R16") and says
// why (field "single_reason", rule "R16"); one conducted jointly names
// neither (each given is refused at its field, rule "R16").
Status ValidateInterview(const Interview& interview);

// An issue found in a live case during fieldwork, and what was done (M 26).
struct LiveCaseIssue {
  int64_t id = 0;
  int64_t inspection_id = 0;
  std::optional<int64_t> site_id;
  std::string found_on;
  std::string case_reference;
  std::string issue;
  std::string action;     // what was done about it
  std::string action_by;  // who did it
  Classification classification = Classification::kOfficialSensitive;
  // R23: the delegation of fieldwork it was recorded under, if it was, and
  // the words that say so.
  std::optional<int64_t> delegation_id;
  std::string acting_as;
  // Who recorded it (or last changed it under a delegation), and for which
  // inspectorate: theirs on the team, or the delegating one (R23).
  std::optional<int64_t> recorded_by;
  std::optional<int64_t> recorded_for;
  int64_t version = 0;
};
const RecordType<LiveCaseIssue>& LiveCaseRecord();
// R23: whether `standing` sees `issue`: as MaySee its classification, and,
// for someone acting under a delegation of fieldwork for inspectorate
// `acting_for`, every issue recorded for that inspectorate, as the team of
// that inspectorate would.
bool MaySeeLiveCase(const Standing& standing, const LiveCaseIssue& issue,
                    std::optional<int64_t> acting_for);

}  // namespace jointly

namespace jointly {

// What names a fieldwork site: its letters (and the days they were sent),
// evidence, interviews and issues in live cases.
struct SiteUse {
  int letters = 0;
  std::vector<std::string> sent_on;  // YYYY-MM-DD, one a sending that stands
  int evidence = 0;
  int interviews = 0;
  int live_cases = 0;
};
SiteUse UseOfSite(int64_t site_id, const std::vector<Letter>& letters,
                  const std::vector<LetterSending>& sendings,
                  const std::vector<EvidenceItem>& evidence,
                  const std::vector<Interview>& interviews,
                  const std::vector<LiveCaseIssue>& live_cases);
// A site that anything names stays, so that a letter that stands (sent and
// not withdrawn) keeps its addressee's site and evidence where it was
// gathered: FailedPrecondition "site-in-use", saying what names site
// `name`. Letters not sent, or withdrawn, go with the site.
Status CheckMayRemoveSite(const std::string& name, const SiteUse& use);
// A site's fieldwork is not changed while a letter to it stands: the body
// was told of it (FailedPrecondition "site-in-use").
Status CheckMayChangeSite(const std::string& name, const SiteUse& use);

}  // namespace jointly

namespace jointly {

enum class VisitMode { kOnsite, kRemote };
inline constexpr VisitMode kAllVisitModes[] = {VisitMode::kOnsite, VisitMode::kRemote};
std::string_view VisitModeId(VisitMode m);
std::string_view VisitModeLabel(VisitMode m);

// A fieldwork visit to one site (M 18-20): its day, onsite or remote, and
// what the team does there.
struct Visit {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t site_id = 0;
  std::string visit_on;
  VisitMode mode = VisitMode::kOnsite;
  std::string activities;
  int64_t version = 0;
};
const RecordType<Visit>& VisitRecord();
// A visit falls within its site's fieldwork window (its first day to its
// last, or the first alone): InvalidArgument (field "visit_on", rule
// "visit-window") saying the window.
Status CheckVisitWindow(const Visit& visit, const FieldworkSite& site);

// A place on a visit's team (M 20): an inspector, and the inspector of
// another inspectorate they work with as a joint pair, if they do.
struct VisitPlace {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t visit_id = 0;
  int64_t user_id = 0;
  std::optional<int64_t> partner_id;  // the other of a joint pair
  // R23: who on it acts under a delegation of fieldwork, in words, if
  // anyone does.
  std::string acting_as;
  int64_t version = 0;
};
const RecordType<VisitPlace>& VisitPlaceRecord();
// Everyone on a visit's team is on the inspection's team now (field
// "user_id" or "partner_id", rule "not-on-team") and on the visit once
// (rule "already-on-visit"); a joint pair is two inspectors of different
// inspectorates (field "partner_id", rule "joint-pair"). `places`: the
// visit's places already. Every error at once.
Status CheckVisitPlace(const VisitPlace& place, const std::vector<TeamMember>& team,
                       const std::vector<VisitPlace>& places);
// Warnings, in words, for the clearances of the people on a visit that
// will not cover it: still awaited, expired by `today`, or expiring before
// the visit's day. `name_of` names people.
std::vector<std::string> VisitClearanceWarnings(const Visit& visit,
                                                const std::vector<VisitPlace>& places,
                                                const std::vector<Clearance>& clearances,
                                                Date today,
                                                const std::map<int64_t, std::string>& name_of);

}  // namespace jointly
