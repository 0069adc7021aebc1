// /api/v1: sessions, the signed-in account, users and API tokens.
#include "core/text.h"
#include "features/people/people_feature.h"
#include "service/records_json.h"
#include "web/body_query.h"

namespace jointly::web {

using nlohmann::json;

namespace {

std::vector<Role> ReadRoles(JsonObjectReader& in, bool required, bool* present) {
  std::vector<Role> roles;
  auto names = in.StringArray("roles", 8, 40, required);
  *present = names.has_value();
  if (!names) return roles;
  for (size_t i = 0; i < names->size(); ++i) {
    if (auto r = ParseRole((*names)[i])) {
      if (std::find(roles.begin(), roles.end(), *r) == roles.end()) roles.push_back(*r);
    } else {
      in.AddError("roles[" + std::to_string(i) + "]", "one-of",
                  "\"" + (*names)[i] + "\" is not a role");
    }
  }
  return roles;
}

}  // namespace

void PeopleFeature::RegisterApi() {
  const auto api = Surface::kApi;

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
                                                   config().secure_cookies));
          SendJson(res, 201,
                   {{"user", ToJson(signed_in->user)}, {"csrf_token", signed_in->csrf_token}});
        });
  Route("DELETE", "/api/v1/session", api, Permission::kOwnAccount,
        [this](const Request& req, Response& res, RequestContext&) {
          Status s = people_.SignOut(GetCookie(req, kSessionCookie));
          if (!s.ok()) return SendProblem(res, s);
          res.SetHeader("Set-Cookie", CookieHeader(kSessionCookie, "", config().secure_cookies));
          res.status = 204;
        });
  Route("GET", "/api/v1/me", api, Permission::kOwnAccount,
        [this](const Request&, Response& res, RequestContext& ctx) {
          auto u = people_.GetUser(ctx.caller, ctx.caller.user_id);
          if (!u.ok()) return SendProblem(res, u.status());
          SendJson(res, 200, ToJson(*u));
        });
  Route("POST", "/api/v1/account/password", api, Permission::kOwnAccount,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          JsonObjectReader in(req.body);
          auto current = in.String("current_password", kMaxPasswordLength, true);
          auto next = in.String("new_password", kMaxPasswordLength, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          Status s = people_.ChangePassword(
              ctx.caller, *current, *next,
              ctx.via_session ? GetCookie(req, kSessionCookie) : std::string());
          if (!s.ok()) return SendProblem(res, s);
          res.status = 204;
        });

  // Users (administrators).
  Route("GET", "/api/v1/users", api, Permission::kManageUsers,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto paging = ReadPaging(req, 200);
          if (!paging.ok()) return SendProblem(res, paging.status());
          auto users = people_.Users(ctx.caller);
          if (!users.ok()) return SendProblem(res, users.status());
          SendJson(res, 200, SlicePage(*users, paging->limit, paging->offset));
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
          // Every error at once: what could not be read, and the checks of
          // the rest.
          if (Status s = in.Finish(); !s.ok()) {
            return SendProblem(res, s.field_errors().empty()
                                        ? s
                                        : MergeErrors(s, people_.CheckNewUser(ctx.caller, u, "")));
          }
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
  Route("POST", R"(/api/v1/users/(\d+)/unlock)", api, Permission::kManageUsers,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          Status s = id ? people_.UnlockUser(ctx.caller, *id) : NotFound("No such user");
          if (!s.ok()) return SendProblem(res, s);
          res.status = 204;
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
  Route("GET", "/api/v1/tokens", api, Permission::kOwnAccount,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto paging = ReadPaging(req, 100);
          if (!paging.ok()) return SendProblem(res, paging.status());
          auto tokens = people_.ApiTokens(ctx.caller);
          if (!tokens.ok()) return SendProblem(res, tokens.status());
          SendJson(res, 200, SlicePage(*tokens, paging->limit, paging->offset));
        });
  Route("POST", "/api/v1/tokens", api, Permission::kOwnAccount,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          JsonObjectReader in(req.body);
          auto name = in.String("name", 100, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto token = people_.CreateApiToken(ctx.caller, *name);
          if (!token.ok()) return SendProblem(res, token.status());
          SendJson(res, 201, {{"token", ToJson(token->token)}, {"secret", token->secret}});
        });
  Route("DELETE", R"(/api/v1/tokens/(\d+))", api, Permission::kOwnAccount,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          Status s = id ? people_.RevokeApiToken(ctx.caller, *id) : NotFound("No such token");
          if (!s.ok()) return SendProblem(res, s);
          res.status = 204;
        });
}

}  // namespace jointly::web
