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
  // Only those whose response or update is overdue on `today`
  // (YYYY-MM-DD), as NextDueOf() and IsOverdue() decide.
  bool overdue = false;
  std::string today;
};
struct TrackerPage {
  std::vector<TrackedRecommendation> items;  // with their planned actions
  int64_t total = 0;                         // how many match
};
// Newest report first, then by number.
StatusOr<TrackerPage> ListTracked(Transaction& tx, const TrackerFilter& filter, int64_t limit,
                                  int64_t offset);
// Up to `limit` tracked recommendations of `owner_id` from reports other
// than `report_title` of `published_on`, published no later than it, that
// share a word with `text` (full-text search: SQLite FTS5, PostgreSQL text
// search; nothing in `text` is read as query syntax), best match first.
// For finding repeats: the caller scores each with Similarity().
StatusOr<std::vector<TrackedRecommendation>> TrackedSharingWords(Transaction& tx, int64_t owner_id,
                                                                 const std::string& text,
                                                                 const std::string& published_on,
                                                                 const std::string& report_title,
                                                                 int64_t limit);
// The names of the bodies that own tracked recommendations, by id, in name
// order.
StatusOr<std::vector<std::pair<int64_t, std::string>>> TrackedOwners(Transaction& tx);
// Every tracked recommendation of `owner_id`, for finding repeats.
StatusOr<std::vector<TrackedRecommendation>> TrackedOfOwner(Transaction& tx, int64_t owner_id);

// The inspection whose report made joint recommendation `recommendation_id`.
StatusOr<int64_t> InspectionOfRecommendation(Transaction& tx, int64_t recommendation_id);
// Whether the report of `inspectorate_id` titled `report_title`, published
// on `published_on`, already has a tracked recommendation numbered `number`.
StatusOr<bool> TrackedNumberTaken(Transaction& tx, int64_t inspectorate_id,
                                  const std::string& report_title, const std::string& published_on,
                                  int64_t number);
// AlreadyExists when the same report already has that number.
StatusOr<TrackedRecommendation> InsertTracked(Transaction& tx, TrackedRecommendation t,
                                              const std::string& at);
// Writes every field and the actions; Aborted (rule "stale-version") if
// its version moved since `t` was read. The version moves on.
Status UpdateTracked(Transaction& tx, TrackedRecommendation& t, const std::string& at);

StatusOr<std::vector<TrackerEvent>> EventsOf(Transaction& tx, int64_t tracked_id);
StatusOr<TrackerEvent> InsertTrackerEvent(Transaction& tx, TrackerEvent e);

}  // namespace jointly
