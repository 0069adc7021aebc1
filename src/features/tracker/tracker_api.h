// What the tracker's API and pages share: reading the register's filters
// from a query, and the JSON of what happened to a tracked recommendation.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "service/tracker_service.h"
#include "web/body_query.h"
#include "web/http.h"

namespace jointly::web {

// The most actions an owner's response plans.
inline constexpr size_t kMaxPlannedActions = 20;

struct TrackerQuery {
  TrackerFilter filter;
  int64_t limit = 20;
  int64_t offset = 0;
};
// owner_id, inspectorate_id, verified (a status id), overdue (yes or no)
// and, if `paged`, limit and offset. InvalidArgument naming each bad or
// unknown parameter.
StatusOr<TrackerQuery> ReadTrackerQuery(const Request& req, EmptyFilter empty, bool paged);
// The filters of `f` as a query string ("?owner_id=3&overdue=yes"), "" for
// none.
std::string TrackerFilters(const TrackerFilter& f);

nlohmann::json TrackerEventJson(const TrackerEvent& e);
nlohmann::json TrackedViewJson(const TrackedView& v);
// An owner's response from a JSON body: answer, accepted_part, reason,
// responded_on and actions ({what, by}).
void ReadOwnerResponse(JsonObjectReader& in, OwnerResponse& r);

}  // namespace jointly::web
