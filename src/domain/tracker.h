// The recommendations tracker (M 46, R21): every recommendation or concern
// of a published report gets a response from its owner (accepted, partly
// accepted saying which part, or not accepted), then progress over time;
// beside what the owner reports stands what the inspectorate has verified,
// each change with its reason and evidence, so owners do not mark their own
// homework; a target date moves only with a reason and every earlier date
// stays; reminders fall before and after what is due; each quarter a
// snapshot is frozen, hashed and compared with the one before. Pure: the
// caller gives today's date.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace jointly {

inline constexpr size_t kMaxTrackerText = 20000;

// The owner's answer to a recommendation.
enum class OwnerAnswer { kNone, kAccepted, kPartlyAccepted, kNotAccepted };
inline constexpr OwnerAnswer kAllOwnerAnswers[] = {OwnerAnswer::kNone, OwnerAnswer::kAccepted,
                                                   OwnerAnswer::kPartlyAccepted,
                                                   OwnerAnswer::kNotAccepted};
std::string_view OwnerAnswerId(OwnerAnswer answer);     // "partly-accepted"
std::string_view OwnerAnswerLabel(OwnerAnswer answer);  // "Partly accepted"
std::optional<OwnerAnswer> OwnerAnswerFromId(std::string_view id);

// An action the owner plans, and by when.
struct PlannedAction {
  std::string what;
  std::string by;  // YYYY-MM-DD
  bool operator==(const PlannedAction&) const = default;
};

struct OwnerResponse {
  OwnerAnswer answer = OwnerAnswer::kNone;
  std::string accepted_part;  // partly accepted: which part is accepted
  std::string reason;         // partly or not accepted: why not the rest
  std::vector<PlannedAction> actions;
  std::string responded_on;  // YYYY-MM-DD
};

// Every error of a response at once, each at its field (rule "response"):
// an answer ("answer"); for a partial acceptance, which part ("accepted_part":
// "agreed as appropriate" must not hide one) and why not the rest
// ("reason"); for a refusal, why ("reason"), and no part
// ("accepted_part"); for a whole acceptance neither a part nor a why not;
// for an acceptance whole or in part, at least one planned action
// ("actions"), each saying what
// ("actions.N.what") and by a real date ("actions.N.by"); a response
// dated no later than `today` ("responded_on", rule "not-in-future").
// Nothing is dated before the report's publication, `published_on`: not
// the response, and no action planned (rule "response").
Status CheckOwnerResponse(const OwnerResponse& response, Date today, Date published_on);

// Every error of a progress update recorded for the owner at once (rule
// "response"): what was done ("text", up to kMaxTrackerText characters)
// and a real date ("on") no later than `today` (rule "not-in-future") and
// not before the report's publication `published_on`.
Status CheckProgressUpdate(const std::string& text, const std::string& on, Date today,
                           Date published_on);

// What the inspectorate has verified, beside what the owner reports.
enum class TrackedStatus {
  kOpen,
  kPartlyAddressed,
  kImplemented,
  kNotImplemented,
  kSuperseded,
};
inline constexpr TrackedStatus kAllTrackedStatuses[] = {
    TrackedStatus::kOpen, TrackedStatus::kPartlyAddressed, TrackedStatus::kImplemented,
    TrackedStatus::kNotImplemented, TrackedStatus::kSuperseded};
std::string_view TrackedStatusId(TrackedStatus status);     // "partly-addressed"
std::string_view TrackedStatusLabel(TrackedStatus status);  // "Partly addressed"
std::optional<TrackedStatus> TrackedStatusFromId(std::string_view id);
// Implemented, not implemented or superseded: nothing more is asked of the
// owner.
bool IsClosed(TrackedStatus status);

// A change of status: by the owner (what it reports) or by the
// inspectorate (what it has verified).
struct StatusChange {
  TrackedStatus from = TrackedStatus::kOpen;
  TrackedStatus to = TrackedStatus::kOpen;
  std::string reason;                    // why
  std::string evidence;                  // what shows it
  std::optional<int64_t> superseded_by;  // the later recommendation
};

// A target date moved, with why. The dates before stay on record.
struct TargetMove {
  std::string from;  // YYYY-MM-DD
  std::string to;
  std::string reason;
};
// Every error at once (rule "target-date"): a real new date ("to")
// different from the current one and not before the report's publication
// `published_on`, and a reason ("reason"): a date never slips silently.
Status CheckTargetMove(const TargetMove& move, Date published_on);
// The target now: the last move's, else the original.
std::string CurrentTarget(const std::string& original, const std::vector<TargetMove>& moves);
// "31 March 2019, moved from 31 December 2018 (staff shortages)" in words,
// the earliest date first, so every earlier date stays visible.
std::vector<std::string> TargetHistory(const std::string& original,
                                       const std::vector<TargetMove>& moves);

// A recommendation or concern on the tracker: of a joint report
// (`recommendation_id`), or imported from a report of one inspectorate.
// The inspectorate that reported it verifies what its owner reports.
struct TrackedRecommendation {
  int64_t id = 0;
  std::optional<int64_t> recommendation_id;
  int64_t inspectorate_id = 0;
  std::string report_title;
  std::string published_on;             // YYYY-MM-DD
  int64_t number = 0;                   // its number in the report
  std::string kind = "recommendation";  // or "concern" (R19)
  int64_t owner_id = 0;
  std::string text;
  std::string measure;                // how its achievement will be measured
  std::vector<std::string> findings;  // the findings it answers, in the report's words
  std::string first_target;           // YYYY-MM-DD, as the report set it
  std::string target;                 // now
  OwnerResponse response;             // answer kNone until the owner responds
  TrackedStatus reported = TrackedStatus::kOpen;
  TrackedStatus verified = TrackedStatus::kOpen;
  std::optional<int64_t> superseded_by;
  std::string last_update_on;  // the response or the newest update
  int64_t version = 0;
};

// Every error of one to put on the tracker (rule "tracked"): the report's
// title, a real publication date, a number from 1, a kind, an owner, its
// words and a real target date, not before its publication; a measure
// and findings of at most kMaxTrackerText characters each, if any.
Status CheckTracked(const TrackedRecommendation& t);

// Whether `later` may take the place of `t`: another recommendation to the
// same owner, of a report published after `t`'s.
bool MaySupersede(const TrackedRecommendation& later, const TrackedRecommendation& t);

// Every error of a change to `t` at once (rule "status-change"): a
// different status ("to"), a reason ("reason"), the evidence ("evidence";
// for the inspectorate's verified status only, as an owner reports before
// it is checked), and for a superseded one the later recommendation that
// takes its place ("superseded_by"): `replacement`, the one the change
// names as the tracker holds it (none when there is no such), and one
// MaySupersede() allows.
Status CheckStatusChange(const StatusChange& change, bool verified, const TrackedRecommendation& t,
                         const std::optional<TrackedRecommendation>& replacement);

// What happened to a tracked recommendation, kept for good.
enum class TrackerEventKind { kResponse, kUpdate, kReported, kVerified, kTarget };
inline constexpr TrackerEventKind kAllTrackerEventKinds[] = {
    TrackerEventKind::kResponse, TrackerEventKind::kUpdate, TrackerEventKind::kReported,
    TrackerEventKind::kVerified, TrackerEventKind::kTarget};
std::string_view TrackerEventKindId(TrackerEventKind kind);
std::optional<TrackerEventKind> TrackerEventKindFromId(std::string_view id);
struct TrackerEvent {
  int64_t id = 0;
  int64_t tracked_id = 0;
  TrackerEventKind kind = TrackerEventKind::kUpdate;
  std::string from;  // a status id or a date, by kind
  std::string to;    // a status id, a date, or an answer id
  std::string reason;
  std::string evidence;  // an update's words
  std::string happened_on;
  std::string recorded_at;
  int64_t recorded_by = 0;
};

// What is next asked of the owner: its response, until one is recorded;
// then an update each quarter until the verified status is closed.
enum class AskedOf { kNothing, kResponse, kUpdate };
struct NextDue {
  AskedOf what = AskedOf::kNothing;
  Date due_on;
};
struct TrackedFacts {
  Date published_on;  // the report's publication
  bool responded = false;
  Date last_update_on;  // the response or the newest update; none before
  TrackedStatus verified = TrackedStatus::kOpen;
};
// The response is due kResponseDays after publication; an update
// kUpdateDays after the last one.
inline constexpr int kResponseDays = 56;
inline constexpr int kUpdateDays = 91;
NextDue NextDueOf(const TrackedFacts& facts);

// The reminder to send today for what is due, if any: kReminderBefore days
// before, on the day after it fell due, and then every kOverdueEvery days;
// `last_sent` (none when never) keeps one reminder per occasion.
inline constexpr int kReminderBefore = 14;
inline constexpr int kOverdueEvery = 14;
enum class ReminderKind { kNone, kDueSoon, kOverdue };
ReminderKind ReminderFor(const NextDue& due, Date today, Date last_sent);
bool IsOverdue(const NextDue& due, Date today);

// One line of a quarterly tracker as frozen.
struct TrackerLine {
  int64_t recommendation_id = 0;
  std::string reference;  // "Hate crime (2018), recommendation 3"
  std::string owner;
  std::string text;
  std::string answer;    // the owner's answer, in words
  std::string reported;  // what the owner reports, in words
  std::string verified;  // what the inspectorate verified, in words
  std::string target;    // the current target date, YYYY-MM-DD
  bool operator==(const TrackerLine&) const = default;
};
// The digest of a frozen tracker: any change to any line changes it. Its
// lines in the order given.
std::string TrackerDigest(std::string_view quarter, const std::vector<TrackerLine>& lines);

// What moved since the previous quarter, line by line.
struct TrackerMove {
  int64_t recommendation_id = 0;
  std::string reference;
  std::string what;  // "New", "Verified: Open → Implemented", "Target moved to ..."
};
std::vector<TrackerMove> CompareTrackers(const std::vector<TrackerLine>& previous,
                                         const std::vector<TrackerLine>& current);

// How alike two recommendations' words are, from 0 (no word shared) to 1
// (the same words): shared significant words over the words of either,
// ignoring case, punctuation and common words. Finds one made again.
double Similarity(std::string_view a, std::string_view b);
inline constexpr double kRepeatThreshold = 0.5;

}  // namespace jointly
