// The recommendations tracker's use cases (M 46, R21): recommendations put
// on the tracker (by the publication of a joint report, or imported from a
// report of one inspectorate), their owners' responses and progress, the
// status the owner reports beside the one the reporting inspectorate has
// verified, and target dates moved only with a reason. Each change is
// checked, saved, kept as an event and audited in one transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/access.h"
#include "domain/directory.h"
#include "domain/tracker.h"
#include "store/database.h"
#include "store/tracker_store.h"

namespace jointly {

// The one JSON form of a tracked recommendation (the audit trail, the API).
nlohmann::json TrackedJson(const TrackedRecommendation& t);

// The names a tracker's pages give the ids its records hold.
struct TrackerNames {
  std::map<int64_t, std::string> owners;         // bodies, by id
  std::map<int64_t, std::string> inspectorates;  // short names, by id
  std::map<int64_t, std::string> people;         // who recorded each change
  std::vector<Inspectorate> all_inspectorates;
  std::vector<std::pair<int64_t, std::string>> owners_tracked;  // for filters, by name
};

// What is next asked of a tracked recommendation's owner (NextDueOf()).
NextDue NextDueOfTracked(const TrackedRecommendation& t);

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
  TrackerNames names;
  // The owner's other tracked recommendations, oldest first: the ones a
  // superseded status can name.
  std::vector<TrackedRecommendation> same_owner;
  std::string today;  // YYYY-MM-DD, as the service's clock says
  // The joint inspection whose published report made it; none if imported.
  std::optional<int64_t> inspection_id;
};

// The register as a page shows it: one page of it and the names it needs.
struct TrackerListView {
  TrackerPage page;
  TrackerNames names;
  std::string today;  // YYYY-MM-DD, as the service's clock says
};

// R21: a tracked recommendation of a published joint report takes its
// owner's response to the report's public page by re-releasing the report's
// copy in the same transaction (see tracker_service.cc); nothing for one
// imported or of a withdrawn report.
Status ReleaseResponse(Transaction& tx, const TrackedRecommendation& t, const std::string& at);

// Saves a change to a tracked recommendation as every writer does, in `tx`:
// the record (at the event's `recorded_at`, its version then one on), the event, the owner's
// response re-released, and the audit entry from `before` to `t` under `action`.
Status SaveTrackedChange(Transaction& tx, const Clock& clock, const Caller& caller,
                         std::string_view action, const nlohmann::json& before,
                         TrackedRecommendation& t, const TrackerEvent& event);

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

  // Recommendations of reports by a single inspectorate from a CSV file
  // (domain/tracker_csv.h), each for an inspectorate the caller tracks for,
  // all or nothing: InvalidArgument with every error of every line at once,
  // each named "line N: column" (unknown codes, rule "reporting-inspectorate"
  // for another inspectorate's, rule "tracked", a number its report already
  // has here or on the tracker). Returns how many were put on the tracker.
  StatusOr<int64_t> ImportCsv(const Caller& caller, std::string_view text);

  // Any signed-in person.
  StatusOr<TrackerPage> List(const Caller& caller, const TrackerFilter& filter, int64_t limit,
                             int64_t offset);
  StatusOr<TrackedView> Get(const Caller& caller, int64_t id);
  // List() with the names its page shows, in one read.
  StatusOr<TrackerListView> ViewList(const Caller& caller, TrackerFilter filter, int64_t limit,
                                     int64_t offset);

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
  // Changes the record and fills its event; false when nothing changed, so
  // nothing is saved.
  using Change = std::function<StatusOr<bool>(Transaction&, TrackedRecommendation&, TrackerEvent&)>;
  StatusOr<TrackedRecommendation> Changing(const Caller& caller, int64_t id, int64_t version,
                                           std::string_view action, const Change& change);

  Database& db_;
  const Clock& clock_;
};

}  // namespace jointly
