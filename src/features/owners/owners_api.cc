// The owners' portal and the quarterly tracker through /api/v1: an owner's
// recommendations, its response and updates; the invitation of the people
// of owner bodies; the quarterly tracker's publication.
#include <string>

#include "domain/owners.h"
#include "features/owners/owners_feature.h"
#include "service/records_json.h"
#include "service/tracker_service.h"
#include "web/body_query.h"
#include "web/http.h"
#include "web/page_helpers.h"

namespace jointly::web {

using nlohmann::json;

namespace {

// An invitation as the API answers it: the one-time password only when it
// could not be e-mailed, for the inviter to pass on.
json InvitationJson(const Invitation& invited) {
  json out = {{"user", ToJson(invited.created.user)},
              {"owner", invited.owner_name},
              {"emailed", invited.mailed.ok()}};
  if (!invited.mailed.ok()) {
    out["one_time_password"] = invited.created.one_time_password;
    out["why_not_emailed"] = invited.mailed.message();
  }
  return out;
}

}  // namespace

namespace {

json NextJson(const NextDue& next, bool overdue) {
  std::string what = "nothing";
  if (next.what == AskedOf::kResponse) what = "response";
  if (next.what == AskedOf::kUpdate) what = "update";
  return {{"what", what},
          {"due_on", next.what == AskedOf::kNothing ? json() : json(next.due_on.ToIso())},
          {"overdue", overdue}};
}

// What an owner sees of one of its recommendations: the tracker's record
// without the register's own numbers, and what is asked of it.
json OwnedJson(const OwnedRecommendation& o) {
  json out = TrackedJson(o.item);
  for (const char* own : {"recommendation_id", "inspectorate_id", "owner_id", "superseded_by"}) {
    out.erase(own);
  }
  out["reference"] = TrackerReference(o.item);
  out["next"] = NextJson(o.next, o.overdue);
  return out;
}

// The use case's "actions.2.by" as the body names it: "actions[2].by".
Status ForBody(const Status& s) {
  return RenameFields(s, [](const std::string& field) {
    if (field.rfind("actions.", 0) != 0) return field;
    const size_t dot = field.find('.', 8);
    if (dot == std::string::npos) return field;
    return "actions[" + field.substr(8, dot - 8) + "]" + field.substr(dot);
  });
}

}  // namespace

void OwnersFeature::RegisterApi() {
  const auto api = Surface::kApi;
  const auto owner = Permission::kAnswerAsOwner;
  Route("GET", "/api/v1/your-recommendations", api, owner,
        [this](const Request&, Response& res, RequestContext& ctx) {
          auto portal = owners_.Portal(ctx.caller);
          if (!portal.ok()) return SendProblem(res, portal.status());
          json items = json::array();
          for (const auto& o : portal->items) items.push_back(OwnedJson(o));
          SendJson(res, 200, {{"owner", portal->owner_name}, {"items", items}});
        });
  Route("GET", R"(/api/v1/your-recommendations/(\d+))", api, owner,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto v = owners_.View(ctx.caller, PathId(req).value_or(0));
          if (!v.ok()) return SendProblem(res, v.status());
          json events = json::array();
          for (const auto& e : v->events) {
            events.push_back({{"kind", TrackerEventKindId(e.kind)},
                              {"from", e.from},
                              {"to", e.to},
                              {"reason", e.reason},
                              {"words", e.evidence},
                              {"happened_on", e.happened_on}});
          }
          json out = OwnedJson(v->owned);
          out["owner"] = v->owner_name;
          out["events"] = events;
          out["target_history"] = v->target_history;
          SendJson(res, 200, out);
        });
  Route("POST", R"(/api/v1/your-recommendations/(\d+)/response)", api, owner,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          JsonObjectReader in(req.body);
          const auto version = in.Int("version", 1, INT64_MAX, true);
          OwnerResponse r;
          if (auto answer = in.String("answer", 40, true)) {
            if (auto a = OwnerAnswerFromId(*answer); a && *a != OwnerAnswer::kNone) {
              r.answer = *a;
            } else {
              in.AddError("answer", "one-of", "Choose accepted, partly-accepted or not-accepted");
            }
          }
          r.accepted_part = in.String("accepted_part", kMaxTrackerText).value_or("");
          r.reason = in.String("reason", kMaxTrackerText).value_or("");
          in.ObjectArray("actions", 0, 20, false, [&](JsonObjectReader& a, size_t) {
            PlannedAction action;
            action.what = a.String("what", kMaxTrackerText, true).value_or("");
            action.by = a.String("by", 10, true).value_or("");
            r.actions.push_back(std::move(action));
          });
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto t = owners_.Respond(ctx.caller, PathId(req).value_or(0), *version, r);
          if (!t.ok()) return SendProblem(res, ForBody(t.status()));
          auto v = owners_.View(ctx.caller, t->id);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200, OwnedJson(v->owned));
        });
  Route("POST", R"(/api/v1/your-recommendations/(\d+)/updates)", api, owner,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          JsonObjectReader in(req.body);
          const auto version = in.Int("version", 1, INT64_MAX, true);
          const auto text = in.String("text", kMaxTrackerText, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto t = owners_.GiveUpdate(ctx.caller, PathId(req).value_or(0), *version, *text);
          if (!t.ok()) return SendProblem(res, t.status());
          auto v = owners_.View(ctx.caller, t->id);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 201, OwnedJson(v->owned));
        });

  Route("GET", "/api/v1/owner-people", api, Permission::kTrackRecommendations,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto paging = ReadPaging(req, 100);
          if (!paging.ok()) return SendProblem(res, paging.status());
          auto people = owners_.People(ctx.caller);
          if (!people.ok()) return SendProblem(res, people.status());
          SendJson(res, 200, SlicePage(*people, paging->limit, paging->offset, [](const auto& p) {
                     json u = ToJson(p.user);
                     u["owner"] = p.owner_name;
                     return u;
                   }));
        });
  Route("POST", "/api/v1/owner-people", api, Permission::kTrackRecommendations,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          JsonObjectReader in(req.body);
          User u;
          u.email = in.String("email", 254, true).value_or("");
          u.name = in.String("name", 120, true).value_or("");
          u.owner_id = in.Int("owner_id", 1, INT64_MAX, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto invited = owners_.Invite(ctx.caller, u, PublicBase(req));
          if (!invited.ok()) return SendProblem(res, invited.status());
          SendJson(res, 201, InvitationJson(*invited));
        });

  Route("POST", R"(/api/v1/owner-people/(\d+)/invitation)", api, Permission::kTrackRecommendations,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto invited = owners_.Reinvite(ctx.caller, PathId(req).value_or(0), PublicBase(req));
          if (!invited.ok()) return SendProblem(res, invited.status());
          SendJson(res, 201, InvitationJson(*invited));
        });
  Route("POST", R"(/api/v1/owner-people/(\d+)/withdrawal)", api, Permission::kTrackRecommendations,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto withdrawn = owners_.Withdraw(ctx.caller, PathId(req).value_or(0));
          if (!withdrawn.ok()) return SendProblem(res, withdrawn.status());
          json u = ToJson(withdrawn->user);
          u["owner"] = withdrawn->owner_name;
          SendJson(res, 200, u);
        });

  Route("GET", "/api/v1/quarterly-trackers", api, Permission::kPublishTracker,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto paging = ReadPaging(req, 100);
          if (!paging.ok()) return SendProblem(res, paging.status());
          auto published = trackers_.List(ctx.caller);
          if (!published.ok()) return SendProblem(res, published.status());
          json page = SlicePage(published->trackers, paging->limit, paging->offset,
                                [](const auto& t) -> json {
                                  return {{"quarter", t.quarter},
                                          {"ends_on", t.ends_on},
                                          {"digest", t.digest},
                                          {"published_at", t.published_at}};
                                });
          page["next"] = QuarterSlug(published->next);
          page["next_published"] = published->next_published;
          SendJson(res, 200, page);
        });
  Route("POST", "/api/v1/quarterly-trackers", api, Permission::kPublishTracker,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          JsonObjectReader in(req.body.empty() ? std::string("{}") : req.body);
          std::optional<FinancialQuarter> quarter;
          if (auto slug = in.String("quarter", 20)) {
            quarter = QuarterFromSlug(*slug);
            if (!quarter) {
              in.AddError("quarter", "quarter",
                          "Name the quarter as its financial year and number, such as 2026-27-q2");
            }
          }
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto v = trackers_.Publish(ctx.caller, quarter);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 201, QuarterlyTrackerJson(*v));
        });
}

}  // namespace jointly::web
