// /api/v1 operations of the recommendations tracker (M 46, R21): the
// register with its filters, one tracked recommendation with everything
// that happened to it, and the owner's response, progress updates, status
// changes and target dates recorded on the owner's behalf. Every route
// here is described in openapi.json (tracker_openapi.cc).
#include "features/tracker/tracker_api.h"

#include "features/tracker/tracker_feature.h"
#include "web/body_query.h"
#include "web/http.h"

namespace jointly::web {

using nlohmann::json;

namespace {

// Longer text is the domain's to name, with its other errors.
constexpr size_t kReadText = 4 * kMaxTrackerText;

}  // namespace

StatusOr<TrackerQuery> ReadTrackerQuery(const Request& req, EmptyFilter empty, bool paged) {
  TrackerQuery q;
  Validation v;
  if (paged) {
    auto paging = ReadPaging(req, 100);
    if (!paging.ok()) return paging.status();
    q.limit = paging->limit;
    q.offset = paging->offset;
  }
  for (const auto& [name, value] : req.params) {
    if (name == "limit" || name == "offset") continue;
    if (value.empty() && empty == EmptyFilter::kAny) continue;
    // A page's address may carry the notice of what was just done.
    if (name == "done" && empty == EmptyFilter::kAny) continue;
    if (name == "owner_id" || name == "inspectorate_id") {
      auto id = ParseInt(value, 1, INT64_MAX);
      if (!id) {
        v.Add(name, "one-of",
              name == "owner_id" ? "Choose an owner from the list"
                                 : "Choose an inspectorate from the list");
      }
      (name == "owner_id" ? q.filter.owner_id : q.filter.inspectorate_id) = id;
    } else if (name == "verified") {
      q.filter.verified = TrackedStatusFromId(value);
      if (!q.filter.verified) v.Add(name, "one-of", "Choose a verified status from the list");
    } else if (name == "overdue") {
      if (value != "yes" && value != "no") v.Add(name, "yes-no", "overdue must be yes or no");
      q.filter.overdue = value == "yes";
    } else {
      v.Add(name, "unknown-parameter", "\"" + name + "\" is not a filter of the tracker");
    }
  }
  RETURN_IF_ERROR(v.Finish("The query is not valid"));
  return q;
}

std::string TrackerFilters(const TrackerFilter& f) {
  std::string out;
  auto add = [&](const std::string& name, const std::string& value) {
    out += (out.empty() ? "?" : "&") + name + "=" + EncodeQueryParam(value);
  };
  if (f.owner_id) add("owner_id", std::to_string(*f.owner_id));
  if (f.inspectorate_id) add("inspectorate_id", std::to_string(*f.inspectorate_id));
  if (f.verified) add("verified", std::string(TrackedStatusId(*f.verified)));
  if (f.overdue) add("overdue", "yes");
  return out;
}

json TrackerEventJson(const TrackerEvent& e) {
  return {{"id", e.id},
          {"kind", TrackerEventKindId(e.kind)},
          {"from", e.from},
          {"to", e.to},
          {"reason", e.reason},
          {"evidence", e.evidence},
          {"happened_on", e.happened_on},
          {"recorded_at", e.recorded_at},
          {"recorded_by", e.recorded_by}};
}

json TrackedViewJson(const TrackedView& v) {
  json events = json::array();
  for (const auto& e : v.events) events.push_back(TrackerEventJson(e));
  json alike = json::array();
  for (const auto& a : v.alike) {
    alike.push_back({{"item", TrackedJson(a.item)}, {"similarity", a.similarity}});
  }
  json next = nullptr;
  if (v.next.what != AskedOf::kNothing) {
    next = {{"what", v.next.what == AskedOf::kResponse ? "response" : "update"},
            {"due_on", v.next.due_on.ToIso()}};
  }
  const auto owner = v.names.owners.find(v.item.owner_id);
  const auto by = v.names.inspectorates.find(v.item.inspectorate_id);
  return {{"item", TrackedJson(v.item)},
          {"owner", owner == v.names.owners.end() ? "" : owner->second},
          {"inspectorate", by == v.names.inspectorates.end() ? "" : by->second},
          {"events", events},
          {"target_history", v.target_history},
          {"next_due", next},
          {"overdue", v.overdue},
          {"alike", alike}};
}

void ReadOwnerResponse(JsonObjectReader& in, OwnerResponse& r) {
  if (auto v = in.String("answer", 40)) {
    auto answer = OwnerAnswerFromId(*v);
    if (!answer || *answer == OwnerAnswer::kNone) {
      in.AddError("answer", "one-of", "answer is accepted, partly-accepted or not-accepted");
    } else {
      r.answer = *answer;
    }
  }
  if (auto v = in.String("accepted_part", kReadText)) r.accepted_part = *v;
  if (auto v = in.String("reason", kReadText)) r.reason = *v;
  if (auto v = in.String("responded_on", 10, true)) r.responded_on = *v;
  in.ObjectArray("actions", 0, kMaxPlannedActions, false, [&](JsonObjectReader& a, size_t) {
    PlannedAction action;
    if (auto v = a.String("what", kReadText)) action.what = *v;
    if (auto v = a.String("by", 10)) action.by = *v;
    r.actions.push_back(std::move(action));
  });
}

void TrackerFeature::RegisterApi() {
  const auto api = Surface::kApi;
  Route("GET", "/api/v1/tracker", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto q = ReadTrackerQuery(req, EmptyFilter::kRefused, true);
          if (!q.ok()) return SendProblem(res, q.status());
          auto page = tracker_.List(ctx.caller, q->filter, q->limit, q->offset);
          if (!page.ok()) return SendProblem(res, page.status());
          json items = json::array();
          for (const auto& t : page->items) items.push_back(TrackedJson(t));
          SendJson(res, 200, PageJson(std::move(items), page->total, q->limit, q->offset));
        });
  for (const char* format : {"csv", "xlsx"}) {
    Route("GET", std::string("/api/v1/tracker\\.") + format, api, Permission::kSignedIn,
          [this, format](const Request& req, Response& res, RequestContext& ctx) {
            SendRegister(req, res, ctx, Surface::kApi, format);
          });
  }
  Route("POST", "/api/v1/tracker/import", api, Permission::kTrackRecommendations,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto imported = tracker_.ImportCsv(ctx.caller, req.body);
          if (!imported.ok()) return SendProblem(res, imported.status());
          SendJson(res, 200, {{"imported", *imported}});
        });
  Route("GET", R"(/api/v1/tracker/(\d+))", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such tracked recommendation"));
          auto v = tracker_.Get(ctx.caller, *id);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200, TrackedViewJson(*v));
        });
  // Each change: the version it was made to, what the body says, then the
  // use case's checks, all at once.
  using Change = std::function<StatusOr<TrackedRecommendation>(const Caller&, int64_t, int64_t,
                                                               JsonObjectReader&)>;
  auto change = [this, api](const std::string& path, Change apply) {
    Route("POST", R"(/api/v1/tracker/(\d+)/)" + path, api, Permission::kTrackRecommendations,
          [apply](const Request& req, Response& res, RequestContext& ctx) {
            auto id = PathId(req);
            if (!id) return SendProblem(res, NotFound("No such tracked recommendation"));
            JsonObjectReader in(req.body);
            auto version = in.Int("version", 1, INT64_MAX, true);
            auto saved = apply(ctx.caller, *id, version.value_or(0), in);
            if (!saved.ok()) return SendProblem(res, saved.status());
            SendJson(res, 200, TrackedJson(*saved));
          });
  };
  change("response",
         [this](const Caller& c, int64_t id, int64_t version,
                JsonObjectReader& in) -> StatusOr<TrackedRecommendation> {
           OwnerResponse r;
           ReadOwnerResponse(in, r);
           RETURN_IF_ERROR(in.Finish());
           return tracker_.RecordResponse(c, id, version, r);
         });
  change("updates",
         [this](const Caller& c, int64_t id, int64_t version,
                JsonObjectReader& in) -> StatusOr<TrackedRecommendation> {
           auto text = in.String("text", kReadText, true);
           auto on = in.String("on", 10, true);
           RETURN_IF_ERROR(in.Finish());
           return tracker_.AddUpdate(c, id, version, *text, *on);
         });
  change("status",
         [this](const Caller& c, int64_t id, int64_t version,
                JsonObjectReader& in) -> StatusOr<TrackedRecommendation> {
           auto which = in.String("which", 20, true);
           if (which && *which != "reported" && *which != "verified") {
             in.AddError("which", "one-of", "which is reported or verified");
           }
           StatusChange wanted;
           if (auto to = in.String("to", 40, true)) {
             auto status = TrackedStatusFromId(*to);
             if (!status)
               in.AddError("to", "one-of", "to is one of the statuses, such as implemented");
             wanted.to = status.value_or(TrackedStatus::kOpen);
           }
           if (auto v = in.String("reason", kReadText)) wanted.reason = *v;
           if (auto v = in.String("evidence", kReadText)) wanted.evidence = *v;
           if (auto v = in.NullableInt("superseded_by", 1, INT64_MAX)) wanted.superseded_by = *v;
           RETURN_IF_ERROR(in.Finish());
           return tracker_.ChangeStatus(c, id, version, *which == "verified", wanted);
         });
  change("target",
         [this](const Caller& c, int64_t id, int64_t version,
                JsonObjectReader& in) -> StatusOr<TrackedRecommendation> {
           auto to = in.String("to", 10, true);
           auto reason = in.String("reason", kReadText);
           RETURN_IF_ERROR(in.Finish());
           return tracker_.MoveTarget(c, id, version, *to, reason.value_or(""));
         });
}

}  // namespace jointly::web
