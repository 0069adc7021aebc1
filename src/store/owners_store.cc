#include "store/owners_store.h"

namespace jointly {
namespace {

constexpr const char* kTrackerColumns =
    "quarter, ends_on, lines, digest, published_at, published_by";

QuarterlyTracker TrackerFrom(SqlRow& r) {
  return {r.TakeText(0), r.TakeText(1), r.TakeText(2), r.TakeText(3), r.TakeText(4), r.Int(5)};
}

StatusOr<std::vector<QuarterlyTracker>> SelectTrackers(Transaction& tx, const std::string& rest,
                                                       const SqlParams& params) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kTrackerColumns +
                                           " FROM quarterly_trackers " + rest,
                                       params));
  std::vector<QuarterlyTracker> out;
  for (auto& r : rows) out.push_back(TrackerFrom(r));
  return out;
}

}  // namespace

StatusOr<std::map<ReminderKey, Date>> LastReminders(Transaction& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT tracked_id, asked, due_on, MAX(sent_on) FROM "
                                       "tracker_reminders GROUP BY tracked_id, asked, due_on"));
  std::map<ReminderKey, Date> out;
  for (auto& r : rows) out[{r.Int(0), r.Text(1), r.Text(2)}] = r.DateAt(3);
  return out;
}

StatusOr<bool> ClaimReminder(Transaction& tx, const ReminderSent& r) {
  ASSIGN_OR_RETURN(const int64_t added,
                   tx.Execute("INSERT INTO tracker_reminders (tracked_id, asked, due_on, kind, "
                              "sent_on, sent_to) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT "
                              "(tracked_id, asked, due_on, kind, sent_on) DO NOTHING",
                              {r.tracked_id, r.asked, r.due_on, r.kind, r.sent_on, r.sent_to}));
  return added == 1;
}

StatusOr<std::vector<ReminderSent>> RemindersOf(Transaction& tx, int64_t tracked_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT tracked_id, asked, due_on, kind, sent_on, sent_to "
                                       "FROM tracker_reminders WHERE tracked_id = ? ORDER BY id",
                                       {tracked_id}));
  std::vector<ReminderSent> out;
  for (auto& r : rows) {
    out.push_back(
        {r.Int(0), r.TakeText(1), r.TakeText(2), r.TakeText(3), r.TakeText(4), r.TakeText(5)});
  }
  return out;
}

Status InsertQuarterlyTracker(Transaction& tx, const QuarterlyTracker& t) {
  return tx
      .Execute(
          "INSERT INTO quarterly_trackers (quarter, ends_on, lines, digest, published_at, "
          "published_by) VALUES (?, ?, ?, ?, ?, ?)",
          {t.quarter, t.ends_on, t.lines, t.digest, t.published_at, t.published_by})
      .status();
}

StatusOr<std::optional<QuarterlyTracker>> GetQuarterlyTracker(Transaction& tx,
                                                              const std::string& quarter) {
  ASSIGN_OR_RETURN(auto found, SelectTrackers(tx, "WHERE quarter = ?", {quarter}));
  if (found.empty()) return std::optional<QuarterlyTracker>();
  return std::optional<QuarterlyTracker>(std::move(found[0]));
}

StatusOr<std::optional<QuarterlyTracker>> PreviousQuarterlyTracker(Transaction& tx,
                                                                   const std::string& ends_on) {
  ASSIGN_OR_RETURN(
      auto found, SelectTrackers(tx, "WHERE ends_on < ? ORDER BY ends_on DESC LIMIT 1", {ends_on}));
  if (found.empty()) return std::optional<QuarterlyTracker>();
  return std::optional<QuarterlyTracker>(std::move(found[0]));
}

StatusOr<std::vector<QuarterlyTracker>> ListQuarterlyTrackers(Transaction& tx) {
  return SelectTrackers(tx, "ORDER BY ends_on DESC", {});
}

}  // namespace jointly
