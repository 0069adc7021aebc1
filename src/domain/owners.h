// The owners of recommendations and the quarterly tracker (M 46, R21): a
// person of an owner body sees and answers only that body's
// recommendations; what is asked of an owner and when; the quarterly
// tracker's lines as every tracked item stood at the quarter's end, and
// which quarter may be published. Pure: the caller gives today's date.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "domain/access.h"
#include "domain/tracker.h"

namespace jointly {

// NotFound (never PermissionDenied, so another body's recommendation is
// not even confirmed to exist) unless `caller` is a person of `t`'s owner
// (rule owner-sees-own-only).
Status CheckOwnerSees(const Caller& caller, const TrackedRecommendation& t);

// Whether the owner may answer now: FailedPrecondition once the
// inspectorate has verified it closed (rule "tracker-closed"), and for an
// update before any response (rule "response-first").
Status CheckOwnerMayRespond(const TrackedRecommendation& t);
Status CheckOwnerMayUpdate(const TrackedRecommendation& t);

// Whether `next` says the same as the response `t` holds: its answer,
// part, reason and actions (the date aside).
bool SameResponse(const OwnerResponse& held, const OwnerResponse& next);

// Takes `next` as `t`'s response, its last update then no earlier than
// the response's date, and fills its event `e`; false, changing nothing,
// when `next` says what the response held says (SameResponse(), and when
// `dated`, on the same day).
bool TakeResponse(TrackedRecommendation& t, const OwnerResponse& next, bool dated, TrackerEvent& e);

// What is asked of the owner of `t` now, from its facts.
NextDue NextDueFor(const TrackedRecommendation& t);

// "Hate crime (2018), recommendation 3".
std::string TrackerReference(const TrackedRecommendation& t);

// A quarter's public address: "2026-27-q2"; and back (nullopt for anything
// else).
std::string QuarterSlug(FinancialQuarter quarter);
std::optional<FinancialQuarter> QuarterFromSlug(std::string_view slug);
// "July to September 2026 (2026-27 Q2)".
std::string QuarterInWords(FinancialQuarter quarter);
// The last quarter to have ended by `today`.
FinancialQuarter LastEndedQuarter(Date today);

// The quarter the secretariat may publish: one that has ended by `today`
// (rule "quarter-ended"), not published before (rule "tracker-frozen": a
// published tracker is never changed). FailedPrecondition naming the rule.
Status CheckTrackerToPublish(FinancialQuarter quarter, Date today, bool already_published);

// `t`'s line as it stood at the end of `end` from its events (each taken
// when it happened, a later one not yet): the answer, the status reported
// and verified, and the target date. nullopt for a recommendation
// published after `end`.
std::optional<TrackerLine> LineAsAt(const TrackedRecommendation& t,
                                    const std::vector<TrackerEvent>& events, Date end,
                                    const std::string& owner_name);

}  // namespace jointly
