// The recommendations tracker's use cases (M 46, R21): recommendations put
// on the tracker (by the publication of a joint report, or imported from a
// report of one inspectorate), their owners' responses and progress, the
// status the owner reports beside the one the reporting inspectorate has
// verified, and target dates moved only with a reason. Each change is
// checked, saved, kept as an event and audited in one transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/access.h"
#include "domain/tracker.h"
#include "store/database.h"
#include "store/tracker_store.h"

namespace jointly {

// The one JSON form of a tracked recommendation (the audit trail, the API).
nlohmann::json TrackedJson(const TrackedRecommendation& t);

// A tracked recommendation as its page shows it: everything that happened
// to it, its target dates in words, and earlier recommendations to the same
// owner that read alike (a repeat), most alike first.
struct TrackedView {
  TrackedRecommendation item;
  std::vector<TrackerEvent> events;
  std::vector<std::string> target_history;
  NextDue next;
  bool overdue = false;
  struct Alike {
    TrackedRecommendation item;
    double similarity = 0;
  };
  std::vector<Alike> alike;
};

class TrackerService {
 public:
  TrackerService(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Puts one on the tracker (kTrackRecommendations, for its inspectorate).
  // Every error at once (rule "tracked"); AlreadyExists when its report
  // already has that number.
  StatusOr<TrackedRecommendation> Track(const Caller& caller, TrackedRecommendation t);
  // Within a transaction of the caller's, for a publication: no checks of
  // who, as the publishing step has made them.
  StatusOr<TrackedRecommendation> TrackIn(Transaction& tx, const Caller& caller,
                                          TrackedRecommendation t);

  // Any signed-in person.
  StatusOr<TrackerPage> List(const Caller& caller, const TrackerFilter& filter, int64_t limit,
                             int64_t offset);
  StatusOr<TrackedView> Get(const Caller& caller, int64_t id);

  // The owner's response, recorded for it (rule "response"); a new one
  // replaces the last, which stays as an event.
  StatusOr<TrackedRecommendation> RecordResponse(const Caller& caller, int64_t id, int64_t version,
                                                 const OwnerResponse& response);
  // A progress update from the owner: what was done, and when.
  StatusOr<TrackedRecommendation> AddUpdate(const Caller& caller, int64_t id, int64_t version,
                                            const std::string& text, const std::string& on);
  // What the owner reports (`verified` false) or what the reporting
  // inspectorate has verified (rule "status-change").
  StatusOr<TrackedRecommendation> ChangeStatus(const Caller& caller, int64_t id, int64_t version,
                                               bool verified, StatusChange change);
  // Rule "target-date".
  StatusOr<TrackedRecommendation> MoveTarget(const Caller& caller, int64_t id, int64_t version,
                                             const std::string& to, const std::string& reason);

 private:
  using Change = std::function<Status(Transaction&, TrackedRecommendation&, TrackerEvent&)>;
  StatusOr<TrackedRecommendation> Changing(const Caller& caller, int64_t id, int64_t version,
                                           std::string_view action, const Change& change);

  Database& db_;
  const Clock& clock_;
};

}  // namespace jointly
