// The owners of recommendations (M 46, R21): the reminders e-mailed to
// them, and the quarterly trackers as frozen. Repositories over a
// Transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "domain/tracker.h"
#include "store/database.h"

namespace jointly {

struct ReminderSent {
  int64_t tracked_id = 0;
  std::string asked;  // "response" or "update"
  std::string due_on;
  std::string kind;  // "due-soon" or "overdue"
  std::string sent_on;
  std::string sent_to;  // the addresses, comma-separated
};
// The day the last reminder was sent for each thing asked: by tracked
// id, what was asked ("response") and when it was due.
using ReminderKey = std::tuple<int64_t, std::string, std::string>;
StatusOr<std::map<ReminderKey, Date>> LastReminders(Transaction& tx);
// Records that occasion's reminder; false, recording nothing, when it is
// recorded already (by another server's run).
StatusOr<bool> ClaimReminder(Transaction& tx, const ReminderSent& r);
StatusOr<std::vector<ReminderSent>> RemindersOf(Transaction& tx, int64_t tracked_id);

struct QuarterlyTracker {
  std::string quarter;  // its slug, "2026-27-q2"
  std::string ends_on;  // YYYY-MM-DD
  std::string lines;    // JSON: the lines as frozen
  std::string digest;   // TrackerDigest of the lines
  std::string published_at;
  int64_t published_by = 0;
};
// AlreadyExists when that quarter is already frozen: a frozen tracker is
// never written again (there is no update).
Status InsertQuarterlyTracker(Transaction& tx, const QuarterlyTracker& t);
StatusOr<std::optional<QuarterlyTracker>> GetQuarterlyTracker(Transaction& tx,
                                                              const std::string& quarter);
// The last frozen before the quarter ending `ends_on`, if any.
StatusOr<std::optional<QuarterlyTracker>> PreviousQuarterlyTracker(Transaction& tx,
                                                                   const std::string& ends_on);
// Newest first.
StatusOr<std::vector<QuarterlyTracker>> ListQuarterlyTrackers(Transaction& tx);

}  // namespace jointly
