#include "domain/owners.h"

#include <algorithm>
#include <cstdio>

namespace jointly {

Status CheckOwnerSees(const Caller& caller, const TrackedRecommendation& t) {
  if (caller.owner_id && *caller.owner_id == t.owner_id) return OkStatus();
  return NotFound("No such recommendation for your organisation");
}

Status CheckOwnerMayRespond(const TrackedRecommendation& t) {
  if (IsClosed(t.verified)) {
    return FailedPrecondition("The inspectorate has recorded this recommendation as " +
                                  std::string(TrackedStatusLabel(t.verified)) +
                                  ": nothing more is asked of you",
                              "tracker-closed");
  }
  return OkStatus();
}

Status CheckOwnerMayUpdate(const TrackedRecommendation& t) {
  RETURN_IF_ERROR(CheckOwnerMayRespond(t));
  if (t.response.answer == OwnerAnswer::kNone) {
    return FailedPrecondition("Respond to the recommendation before giving an update",
                              "response-first");
  }
  return OkStatus();
}

bool SameResponse(const OwnerResponse& held, const OwnerResponse& next) {
  return held.answer == next.answer && held.accepted_part == next.accepted_part &&
         held.reason == next.reason && held.actions == next.actions;
}

bool TakeResponse(TrackedRecommendation& t, const OwnerResponse& next, bool dated,
                  TrackerEvent& e) {
  if (t.response.answer != OwnerAnswer::kNone && SameResponse(t.response, next) &&
      (!dated || t.response.responded_on == next.responded_on)) {
    return false;
  }
  e.kind = TrackerEventKind::kResponse;
  e.from = OwnerAnswerId(t.response.answer);
  e.to = OwnerAnswerId(next.answer);
  e.reason = next.reason;
  e.evidence = next.accepted_part;
  e.happened_on = next.responded_on;
  t.response = next;
  t.last_update_on = std::max(t.last_update_on, next.responded_on);
  return true;
}

NextDue NextDueFor(const TrackedRecommendation& t) {
  return NextDueOf({Date::ParseOrNone(t.published_on), t.response.answer != OwnerAnswer::kNone,
                    Date::ParseOrNone(t.last_update_on), t.verified});
}

std::string TrackerReference(const TrackedRecommendation& t) {
  // The year once: not again after a title that ends with it.
  const std::string year = "(" + t.published_on.substr(0, 4) + ")";
  const bool dated =
      t.report_title.size() >= year.size() &&
      t.report_title.compare(t.report_title.size() - year.size(), year.size(), year) == 0;
  return t.report_title + (dated ? "" : " " + year) + ", " + t.kind + " " +
         std::to_string(t.number);
}

std::string QuarterSlug(FinancialQuarter quarter) {
  return quarter.year().Label() + "-q" + std::to_string(quarter.number());
}

std::optional<FinancialQuarter> QuarterFromSlug(std::string_view slug) {
  // "2026-27-q2": a financial year, "-q" and a quarter from 1 to 4.
  if (slug.size() != 10 || slug.substr(7, 2) != "-q") return std::nullopt;
  const auto year = FinancialYear::Parse(slug.substr(0, 7));
  const char n = slug[9];
  if (!year || n < '1' || n > '4' || year->start_year() < 1990 || year->start_year() > 9000) {
    return std::nullopt;
  }
  const FinancialQuarter quarter(*year, n - '0');
  if (QuarterSlug(quarter) != slug) return std::nullopt;
  return quarter;
}

std::string QuarterInWords(FinancialQuarter quarter) {
  static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
  const Date first = quarter.first_day();
  const Date last = quarter.last_day();
  return std::string(kMonths[first.month() - 1]) + " to " + kMonths[last.month() - 1] + " " +
         std::to_string(last.year()) + " (" + quarter.Label() + ")";
}

FinancialQuarter LastEndedQuarter(Date today) {
  return FinancialQuarter::FromIndex(FinancialQuarter::Of(today).Index() - 1);
}

Status CheckTrackerToPublish(FinancialQuarter quarter, Date today, bool already_published) {
  if (already_published) {
    return FailedPrecondition("The tracker for " + QuarterInWords(quarter) +
                                  " is published and frozen: it is never changed",
                              "tracker-frozen");
  }
  if (quarter.last_day() >= today) {
    return FailedPrecondition("The tracker for " + QuarterInWords(quarter) +
                                  " can be published from the day after the quarter ends, " +
                                  quarter.last_day().AddDays(1).ToLong(),
                              "quarter-ended");
  }
  return OkStatus();
}

std::optional<TrackerLine> LineAsAt(const TrackedRecommendation& t,
                                    const std::vector<TrackerEvent>& events, Date end,
                                    const std::string& owner_name) {
  const Date published = Date::ParseOrNone(t.published_on);
  if (!published.ok() || published > end) return std::nullopt;
  OwnerAnswer answer = OwnerAnswer::kNone;
  TrackedStatus reported = TrackedStatus::kOpen;
  TrackedStatus verified = TrackedStatus::kOpen;
  std::string target = t.first_target.empty() ? t.target : t.first_target;
  for (const auto& e : events) {
    const Date on = Date::ParseOrNone(e.happened_on);
    if (!on.ok() || on > end) continue;
    switch (e.kind) {
      case TrackerEventKind::kResponse:
        answer = OwnerAnswerFromId(e.to).value_or(answer);
        break;
      case TrackerEventKind::kReported:
        reported = TrackedStatusFromId(e.to).value_or(reported);
        break;
      case TrackerEventKind::kVerified:
        verified = TrackedStatusFromId(e.to).value_or(verified);
        break;
      case TrackerEventKind::kTarget:
        target = e.to;
        break;
      case TrackerEventKind::kUpdate:
        break;
    }
  }
  return TrackerLine{.recommendation_id = t.id,
                     .reference = TrackerReference(t),
                     .owner = owner_name,
                     .text = t.text,
                     .answer = std::string(OwnerAnswerLabel(answer)),
                     .reported = std::string(TrackedStatusLabel(reported)),
                     .verified = std::string(TrackedStatusLabel(verified)),
                     .target = target};
}

}  // namespace jointly
