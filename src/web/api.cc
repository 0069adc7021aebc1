// /api/v1: the JSON API. Every route here is described in openapi.json.
#include "core/embedded.h"
#include "core/text.h"
#include "service/audit_trail.h"
#include "service/records_json.h"
#include "web/app.h"
#include "web/body_query.h"

namespace jointly::embedded {
const FileMap& WebFiles();
}

namespace jointly::web {

using nlohmann::json;

namespace {

// The {id} in a route like /api/v1/bodies/(\d+).
json PageJson(json items, int64_t total, int64_t limit, int64_t offset) {
  json page = json::object();
  page["items"] = std::move(items);
  page["total"] = total;
  page["limit"] = limit;
  page["offset"] = offset;
  return page;
}

// One page of a list held in memory (short lists: inspectorates, users),
// each record in its JSON form.
template <typename T>
json SlicePage(const std::vector<T>& all, const Paging& paging) {
  json items = json::array();
  for (size_t i = static_cast<size_t>(paging.offset);
       i < all.size() && items.size() < static_cast<size_t>(paging.limit); ++i) {
    items.push_back(ToJson(all[i]));
  }
  return PageJson(std::move(items), static_cast<int64_t>(all.size()), paging.limit, paging.offset);
}

// Reads the editable fields of a body onto `b`; `partial` leaves absent
// fields as they are.
void ReadBodyFields(JsonObjectReader& in, InspectedBody& b, bool partial) {
  if (auto v = in.String("code", kMaxCodeLength, !partial)) b.code = *v;
  if (auto v = in.String("name", kMaxNameLength, !partial)) b.name = *v;
  if (auto v = in.String("type", 40, !partial)) {
    if (auto t = ParseBodyType(*v)) {
      b.type = *t;
    } else {
      in.AddError("type", "one-of", "\"type\" must be one of the body types, such as police_force");
    }
  }
  if (auto v = in.String("region", kMaxRegionLength)) b.region = *v;
  if (auto v = in.String("nation", 40, !partial)) {
    if (auto n = ParseNation(*v)) {
      b.nation = *n;
    } else {
      in.AddError("nation", "one-of", "\"nation\" must be england, wales or england_and_wales");
    }
  }
  if (auto v = in.Bool("in_london")) b.in_london = *v;
  if (auto v = in.Bool("active")) b.active = *v;
}

std::vector<Role> ReadRoles(JsonObjectReader& in, bool required, bool* present) {
  std::vector<Role> roles;
  auto names = in.StringArray("roles", 8, 40, required);
  *present = names.has_value();
  if (!names) return roles;
  for (const auto& n : *names) {
    if (auto r = ParseRole(n)) {
      if (std::find(roles.begin(), roles.end(), *r) == roles.end()) roles.push_back(*r);
    } else {
      in.AddError("roles", "one-of", "\"" + n + "\" is not a role");
    }
  }
  return roles;
}

}  // namespace

void App::RegisterApi() {
  const auto api = Surface::kApi;

  Route("GET", "/api/v1/openapi.json", api, Permission::kPublic,
        [this](const Request&, Response& res, RequestContext&) {
          res.SetContent(openapi_json_, "application/json");
        });

  // Sessions, for browsers and for scripts that sign in once to make a token.
  Route("POST", "/api/v1/session", api, Permission::kPublic,
        [this](const Request& req, Response& res, RequestContext&) {
          JsonObjectReader in(req.body);
          auto email = in.String("email", 254, true);
          auto password = in.String("password", kMaxPasswordLength, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto signed_in = people_.SignIn(*email, *password, req.client_address);
          if (!signed_in.ok()) return SendProblem(res, signed_in.status());
          res.SetHeader("Set-Cookie", CookieHeader(kSessionCookie, signed_in->session_token,
                                                   config_.secure_cookies));
          SendJson(res, 201,
                   {{"user", ToJson(signed_in->user)}, {"csrf_token", signed_in->csrf_token}});
        });
  Route("DELETE", "/api/v1/session", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext&) {
          Status s = people_.SignOut(GetCookie(req, kSessionCookie));
          if (!s.ok()) return SendProblem(res, s);
          res.SetHeader("Set-Cookie", CookieHeader(kSessionCookie, "", config_.secure_cookies));
          res.status = 204;
        });
  Route("GET", "/api/v1/me", api, Permission::kSignedIn,
        [this](const Request&, Response& res, RequestContext& ctx) {
          auto u = people_.GetUser(ctx.caller, ctx.caller.user_id);
          if (!u.ok()) return SendProblem(res, u.status());
          SendJson(res, 200, ToJson(*u));
        });
  Route("POST", "/api/v1/account/password", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          JsonObjectReader in(req.body);
          auto current = in.String("current_password", kMaxPasswordLength, true);
          auto next = in.String("new_password", kMaxPasswordLength, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          Status s = people_.ChangePassword(ctx.caller, *current, *next);
          if (!s.ok()) return SendProblem(res, s);
          res.status = 204;
        });

  // Inspectorates.
  Route("GET", "/api/v1/inspectorates", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto paging = ReadPaging(req, 100);
          if (!paging.ok()) return SendProblem(res, paging.status());
          auto all = directory_.Inspectorates(ctx.caller);
          if (!all.ok()) return SendProblem(res, all.status());
          SendJson(res, 200, SlicePage(*all, *paging));
        });
  Route("GET", R"(/api/v1/inspectorates/(\d+))", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          auto i = id ? directory_.GetInspectorate(ctx.caller, *id)
                      : StatusOr<Inspectorate>(NotFound("No such inspectorate"));
          if (!i.ok()) return SendProblem(res, i.status());
          SendJson(res, 200, ToJson(*i));
        });
  Route("PATCH", R"(/api/v1/inspectorates/(\d+))", api, Permission::kEditReferenceData,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspectorate"));
          auto current = directory_.GetInspectorate(ctx.caller, *id);
          if (!current.ok()) return SendProblem(res, current.status());
          Inspectorate i = *current;
          JsonObjectReader in(req.body);
          auto version = in.Int("version", 1, INT64_MAX, true);
          if (auto v = in.String("short_name", 40)) i.short_name = *v;
          if (auto v = in.String("full_name", kMaxNameLength)) i.full_name = *v;
          if (auto v = in.String("senior_oversight_title", 100)) i.senior_oversight_title = *v;
          if (auto v = in.Bool("sends_embargoed_copies")) i.sends_embargoed_copies = *v;
          if (auto v = in.String("findings", 40)) {
            if (auto f = ParseFindingsStyle(*v)) {
              i.findings = *f;
            } else {
              in.AddError("findings", "R19", "\"findings\" must be recommendations or concerns");
            }
          }
          if (auto v = in.NullableInt("closed_year", 1800, 2200)) {
            i.closed_year = *v ? std::optional<int>(static_cast<int>(**v)) : std::nullopt;
          }
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          i.version = *version;
          auto updated = directory_.UpdateInspectorate(ctx.caller, i);
          if (!updated.ok()) return SendProblem(res, updated.status());
          SendJson(res, 200, ToJson(*updated));
        });

  // Inspected bodies.
  Route("GET", "/api/v1/bodies", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto query = ReadBodyQuery(req);
          if (!query.ok()) return SendProblem(res, query.status());
          auto page = directory_.Bodies(ctx.caller, *query);
          if (!page.ok()) return SendProblem(res, page.status());
          json items = json::array();
          for (const auto& b : page->items) items.push_back(ToJson(b));
          SendJson(res, 200, PageJson(std::move(items), page->total, page->limit, page->offset));
        });
  Route("POST", "/api/v1/bodies", api, Permission::kEditDirectory,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          InspectedBody b;
          JsonObjectReader in(req.body);
          ReadBodyFields(in, b, false);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto created = directory_.CreateBody(ctx.caller, b);
          if (!created.ok()) return SendProblem(res, created.status());
          res.SetHeader("Location", "/api/v1/bodies/" + std::to_string(created->id));
          SendJson(res, 201, ToJson(*created));
        });
  Route("GET", "/api/v1/bodies/export.csv", api, Permission::kSignedIn,
        [this](const Request&, Response& res, RequestContext& ctx) {
          auto csv = directory_.ExportBodiesCsv(ctx.caller);
          if (!csv.ok()) return SendProblem(res, csv.status());
          res.SetHeader("Content-Disposition", "attachment; filename=\"inspected-bodies.csv\"");
          res.SetContent(*csv, "text/csv; charset=utf-8");
        });
  Route("POST", "/api/v1/bodies/import", api, Permission::kEditDirectory,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto summary = directory_.ImportBodiesCsv(ctx.caller, req.body);
          if (!summary.ok()) return SendProblem(res, summary.status());
          SendJson(res, 200,
                   {{"created", summary->created},
                    {"updated", summary->updated},
                    {"unchanged", summary->unchanged}});
        });
  Route("GET", R"(/api/v1/bodies/(\d+))", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          auto b = id ? directory_.GetBody(ctx.caller, *id)
                      : StatusOr<InspectedBody>(NotFound("No such body"));
          if (!b.ok()) return SendProblem(res, b.status());
          SendJson(res, 200, ToJson(*b));
        });
  Route("PATCH", R"(/api/v1/bodies/(\d+))", api, Permission::kEditDirectory,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such body"));
          auto current = directory_.GetBody(ctx.caller, *id);
          if (!current.ok()) return SendProblem(res, current.status());
          InspectedBody b = *current;
          JsonObjectReader in(req.body);
          auto version = in.Int("version", 1, INT64_MAX, true);
          ReadBodyFields(in, b, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          b.version = *version;
          auto updated = directory_.UpdateBody(ctx.caller, b);
          if (!updated.ok()) return SendProblem(res, updated.status());
          SendJson(res, 200, ToJson(*updated));
        });
  for (const auto& [pattern, type] :
       {std::pair{R"(/api/v1/bodies/(\d+)/history)", "body"},
        std::pair{R"(/api/v1/inspectorates/(\d+)/history)", "inspectorate"}}) {
    Route("GET", pattern, api, Permission::kSignedIn,
          [this, type = std::string(type)](const Request& req, Response& res, RequestContext& ctx) {
            auto id = PathId(req);
            if (!id) return SendProblem(res, NotFound("No such record"));
            // The record must exist (and be visible) before its history is.
            Status exists = type == "body" ? directory_.GetBody(ctx.caller, *id).status()
                                           : directory_.GetInspectorate(ctx.caller, *id).status();
            if (!exists.ok()) return SendProblem(res, exists);
            auto history = directory_.History(ctx.caller, type, *id);
            if (!history.ok()) return SendProblem(res, history.status());
            json items = json::array();
            for (const auto& e : *history) items.push_back(ToJson(e));
            SendJson(res, 200,
                     PageJson(items, static_cast<int64_t>(items.size()),
                              static_cast<int64_t>(items.size()), 0));
          });
  }

  // Users (administrators).
  Route("GET", "/api/v1/users", api, Permission::kManageUsers,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto paging = ReadPaging(req, 200);
          if (!paging.ok()) return SendProblem(res, paging.status());
          auto users = people_.Users(ctx.caller);
          if (!users.ok()) return SendProblem(res, users.status());
          SendJson(res, 200, SlicePage(*users, *paging));
        });
  Route("POST", "/api/v1/users", api, Permission::kManageUsers,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          User u;
          JsonObjectReader in(req.body);
          if (auto v = in.String("email", 254, true)) u.email = *v;
          if (auto v = in.String("name", 120, true)) u.name = *v;
          if (auto v = in.NullableInt("inspectorate_id", 1, INT64_MAX)) u.inspectorate_id = *v;
          bool present = false;
          u.roles = ReadRoles(in, true, &present);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto created = people_.CreateUser(ctx.caller, u);
          if (!created.ok()) return SendProblem(res, created.status());
          res.SetHeader("Location", "/api/v1/users/" + std::to_string(created->user.id));
          SendJson(
              res, 201,
              {{"user", ToJson(created->user)}, {"one_time_password", created->one_time_password}});
        });
  Route("GET", R"(/api/v1/users/(\d+))", api, Permission::kManageUsers,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          auto u = id ? people_.GetUser(ctx.caller, *id) : StatusOr<User>(NotFound("No such user"));
          if (!u.ok()) return SendProblem(res, u.status());
          SendJson(res, 200, ToJson(*u));
        });
  Route("PATCH", R"(/api/v1/users/(\d+))", api, Permission::kManageUsers,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such user"));
          auto current = people_.GetUser(ctx.caller, *id);
          if (!current.ok()) return SendProblem(res, current.status());
          User u = *current;
          JsonObjectReader in(req.body);
          auto version = in.Int("version", 1, INT64_MAX, true);
          if (auto v = in.String("name", 120)) u.name = *v;
          if (auto v = in.NullableInt("inspectorate_id", 1, INT64_MAX)) u.inspectorate_id = *v;
          if (auto v = in.Bool("active")) u.active = *v;
          bool present = false;
          auto roles = ReadRoles(in, false, &present);
          if (present) u.roles = roles;
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          u.version = *version;
          auto updated = people_.UpdateUser(ctx.caller, u);
          if (!updated.ok()) return SendProblem(res, updated.status());
          SendJson(res, 200, ToJson(*updated));
        });
  Route("POST", R"(/api/v1/users/(\d+)/password-reset)", api, Permission::kManageUsers,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          auto u = id ? people_.GetUser(ctx.caller, *id) : StatusOr<User>(NotFound("No such user"));
          if (!u.ok()) return SendProblem(res, u.status());
          auto password = people_.ResetPassword(ctx.caller, u->email);
          if (!password.ok()) return SendProblem(res, password.status());
          SendJson(res, 200, {{"one_time_password", *password}});
        });

  // API tokens, each person's own.
  Route("GET", "/api/v1/tokens", api, Permission::kSignedIn,
        [this](const Request&, Response& res, RequestContext& ctx) {
          auto tokens = people_.ApiTokens(ctx.caller);
          if (!tokens.ok()) return SendProblem(res, tokens.status());
          json items = json::array();
          for (const auto& t : *tokens) items.push_back(ToJson(t));
          SendJson(res, 200,
                   PageJson(items, static_cast<int64_t>(items.size()),
                            static_cast<int64_t>(items.size()), 0));
        });
  Route("POST", "/api/v1/tokens", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          JsonObjectReader in(req.body);
          auto name = in.String("name", 100, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto token = people_.CreateApiToken(ctx.caller, *name);
          if (!token.ok()) return SendProblem(res, token.status());
          SendJson(res, 201, {{"token", ToJson(token->token)}, {"secret", token->secret}});
        });
  Route("DELETE", R"(/api/v1/tokens/(\d+))", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          Status s = id ? people_.RevokeApiToken(ctx.caller, *id) : NotFound("No such token");
          if (!s.ok()) return SendProblem(res, s);
          res.status = 204;
        });

  // The audit trail (administrators).
  Route("GET", "/api/v1/audit/verify", api, Permission::kVerifyAudit,
        [this](const Request&, Response& res, RequestContext& ctx) {
          auto v = VerifyAuditTrail(db_, ctx.caller);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200,
                   {{"ok", v->ok},
                    {"checked", v->checked},
                    {"first_broken_seq",
                     v->first_broken_seq ? json(*v->first_broken_seq) : json(nullptr)},
                    {"reason", v->reason}});
        });
}

}  // namespace jointly::web
