// The quarterly recommendations tracker (M 46, R21): the joint secretariat
// freezes every tracked recommendation and concern as it stood at a
// quarter's end and publishes it to the public website as a released item,
// compared with the quarter before (what moved); once published it is never
// changed, its digest (TrackerDigest) in the audit trail.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "domain/access.h"
#include "domain/tracker.h"
#include "store/database.h"
#include "store/owners_store.h"

namespace jointly {

// A quarterly tracker as frozen, and as its public page and files show it.
struct QuarterlyTrackerView {
  std::string slug;      // "2026-27-q2"
  std::string in_words;  // "July to September 2026 (2026-27 Q2)"
  std::string ends_on;   // YYYY-MM-DD
  std::string published_at;
  std::string digest;
  std::vector<TrackerLine> lines;
  std::vector<TrackerMove> moves;  // since the previous quarter's
  std::string previous_slug;       // empty for the first
  std::string previous_in_words;
  // Whether the lines still give the digest recorded when it was frozen.
  bool digest_matches = false;
};

// The one JSON form of a frozen tracker: the released copy's content and
// the API's answer. FromJson: InvalidArgument for what no tracker wrote.
nlohmann::json QuarterlyTrackerJson(const QuarterlyTrackerView& v);
StatusOr<QuarterlyTrackerView> QuarterlyTrackerFromJson(const std::string& text);

class QuarterlyTrackers {
 public:
  QuarterlyTrackers(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Freezes and publishes the tracker of `quarter` (the last to have
  // ended when none), kPublishTracker: every tracked recommendation
  // published by the quarter's end, as it stood then, compared with the
  // last tracker frozen before it; released to the public website and its
  // digest audited, in one transaction. FailedPrecondition (rule
  // "quarter-ended") before the quarter has ended, and (rule
  // "tracker-frozen") for one published already: it is never changed.
  StatusOr<QuarterlyTrackerView> Publish(const Caller& caller,
                                         std::optional<FinancialQuarter> quarter);
  // The trackers frozen, newest first (kPublishTracker), and the quarter
  // Publish() takes by default.
  struct Published {
    std::vector<QuarterlyTracker> trackers;
    FinancialQuarter next{FinancialYear(2000), 1};
    bool next_published = false;
  };
  StatusOr<Published> List(const Caller& caller);

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace jointly
