// The recommendations tracker as kept (M 46, R21): tracked recommendations,
// the actions their owners plan, and everything that happened to each.
// Repositories over a Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/tracker.h"
#include "store/database.h"

namespace jointly {

// NotFound if none.
StatusOr<TrackedRecommendation> GetTracked(Transaction& tx, int64_t id);
// The tracked recommendation of a joint report's recommendation, if any.
StatusOr<std::optional<TrackedRecommendation>> TrackedOf(Transaction& tx,
                                                         int64_t recommendation_id);

struct TrackerFilter {
  std::optional<int64_t> owner_id;
  std::optional<int64_t> inspectorate_id;
  std::optional<TrackedStatus> verified;
};
struct TrackerPage {
  std::vector<TrackedRecommendation> items;  // without their actions
  int64_t total = 0;                         // how many match
};
// Newest report first, then by number.
StatusOr<TrackerPage> ListTracked(Transaction& tx, const TrackerFilter& filter, int64_t limit,
                                  int64_t offset);
// Every tracked recommendation of `owner_id`, for finding repeats.
StatusOr<std::vector<TrackedRecommendation>> TrackedOfOwner(Transaction& tx, int64_t owner_id);

// AlreadyExists when the same report already has that number.
StatusOr<TrackedRecommendation> InsertTracked(Transaction& tx, TrackedRecommendation t,
                                              const std::string& at);
// Writes every field and the actions; Aborted (rule "stale-version") if
// its version moved since `t` was read. The version moves on.
Status UpdateTracked(Transaction& tx, TrackedRecommendation& t, const std::string& at);

StatusOr<std::vector<TrackerEvent>> EventsOf(Transaction& tx, int64_t tracked_id);
StatusOr<TrackerEvent> InsertTrackerEvent(Transaction& tx, TrackerEvent e);

}  // namespace jointly
