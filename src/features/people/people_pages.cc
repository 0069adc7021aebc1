// The pages for signing in and out, users and the account.
#include <algorithm>

#include "core/text.h"
#include "features/people/people_feature.h"
#include "service/records_json.h"
#include "web/page_helpers.h"
#include "web/templates.h"

namespace jointly::web {

using nlohmann::json;

namespace {

// A "next" address after sign-in must stay on this site: a path that
// starts with one "/" (not "//" or "/\", which browsers read as another
// host), with no backslash and no control character (browsers drop a tab
// or newline, so "/\t/evil.example" would become "//evil.example").
std::string SafeNext(const std::string& next) {
  const bool control = std::any_of(next.begin(), next.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
  });
  const bool same_site_path = next.size() >= 1 && next[0] == '/' &&
                              (next.size() == 1 || (next[1] != '/' && next[1] != '\\')) &&
                              next.find('\\') == std::string::npos && !control && IsValidUtf8(next);
  return same_site_path ? next : "/";
}

std::vector<Role> RolesFromForm(const Request& req) {
  std::vector<Role> roles;
  for (const std::string& value : req.Params("roles")) {
    if (auto r = ParseRole(value)) roles.push_back(*r);
  }
  return roles;
}

// "Locked until 14:32 UTC on 3 December 2026": when a locked-out account
// may sign in again, with the day and the time zone the time is in.
std::string LockedUntilInWords(int64_t until_micros) {
  const std::string at = FormatTimestamp(until_micros);
  return "Locked until " + at.substr(11, 5) + " UTC on " + DateInWords(at.substr(0, 10));
}

json RoleChoices(const std::vector<Role>& held) {
  json out = json::array();
  for (Role r : kAllRoles) {
    out.push_back({{"value", RoleId(r)},
                   {"label", RoleLabel(r)},
                   {"checked", std::find(held.begin(), held.end(), r) != held.end()}});
  }
  return out;
}

}  // namespace

auto PeopleFeature::InspectorateOptions(const Caller& caller, std::optional<int64_t> selected) {
  json out = json::array({{{"value", ""}, {"label", "None"}, {"selected", !selected}}});
  if (auto all = directory_.Inspectorates(caller); all.ok()) {
    for (const auto& i : *all) {
      if (!i.is_open()) continue;
      out.push_back({{"value", std::to_string(i.id)},
                     {"label", i.short_name},
                     {"selected", selected == i.id}});
    }
  }
  return out;
}

auto PeopleFeature::UserView(const Caller& caller, const User& u) {
  json j = ToJson(u);
  json labels = json::array();
  for (Role r : u.roles) labels.push_back(RoleLabel(r));
  j["role_labels"] = labels;
  if (u.inspectorate_id) {
    if (auto i = directory_.GetInspectorate(caller, *u.inspectorate_id); i.ok())
      j["inspectorate"] = i->short_name;
  }
  return j;
}

// A one-time password is shown once, on a page of its own reached by a
// redirect, so reloading it neither adds the person again nor resets the
// password again. It travels to that page in a short-lived cookie, never
// in an address; the page clears the cookie as it shows the password.
namespace {
constexpr char kOneTimeCookie[] = "jointly_one_time";
}

void PeopleFeature::ShowOnce(Response& res, int64_t user_id, const std::string& password,
                             const char* what) {
  RedirectToShowOnce(res, kOneTimeCookie, user_id, password, config().secure_cookies,
                     "/users/" + std::to_string(user_id) + "/one-time-password?" + what + "=1");
}

void PeopleFeature::OneTimePassword(const Request& req, Response& res, RequestContext& ctx) {
  auto id = PathId(req);
  auto u = id ? people_.GetUser(ctx.caller, *id) : StatusOr<User>(NotFound("No such user"));
  if (!u.ok()) return Fail(req, res, Surface::kPage, ctx, u.status());
  const bool reset = req.HasParam("reset");
  json d = Base(ctx, reset ? "Password reset" : "User added", "users");
  d["created"] = ToJson(*u);
  d["reset"] = reset;
  if (auto password = TakeShownOnce(req, res, kOneTimeCookie, *id, config().secure_cookies)) {
    d["one_time_password"] = *password;
  } else {
    d["shown_already"] = true;
  }
  res.SetHeader("Cache-Control", "no-store");
  Html(res, "user_created", d);
}

void PeopleFeature::UserNew(const Request& req, Response& res, RequestContext& ctx) {
  json d = Base(ctx, "Add a user", "users");
  int status = 200;
  User u;
  if (req.method == "POST") {
    u.email = Param(req, "email");
    u.name = Param(req, "name");
    u.inspectorate_id = ParseInt(Param(req, "inspectorate_id"), 1, INT64_MAX);
    u.roles = RolesFromForm(req);
    auto created = people_.CreateUser(ctx.caller, u);
    if (created.ok()) {
      return ShowOnce(res, created->user.id, created->one_time_password, "added");
    }
    AddErrors(d, created.status());
    status = HttpStatusFor(created.status().code());
  }
  d["form"] = ToJson(u);
  d["roles"] = RoleChoices(u.roles);
  d["inspectorate_options"] = InspectorateOptions(ctx.caller, u.inspectorate_id);
  d["action"] = "/users/new";
  Html(res, "user_form", d, status);
}

void PeopleFeature::UserEdit(const Request& req, Response& res, RequestContext& ctx) {
  auto id = PathId(req);
  auto current = id ? people_.GetUser(ctx.caller, *id) : StatusOr<User>(NotFound("No such user"));
  if (!current.ok()) return Fail(req, res, Surface::kPage, ctx, current.status());
  User u = *current;
  json d = Base(ctx, "Change " + u.name, "users");
  int status = 200;
  if (req.method == "POST") {
    // Nothing is changed without the version it was changed from, and a
    // field the form did not send is kept (the roles by their hidden empty
    // value, sent with the boxes).
    auto version = SentVersion(req, "the user");
    TextSent(req, "name", u.name);
    if (req.HasParam("inspectorate_id")) {
      u.inspectorate_id = ParseInt(Param(req, "inspectorate_id"), 1, INT64_MAX);
    }
    if (req.HasParam("roles")) u.roles = RolesFromForm(req);
    Validation form;
    CheckedSent(req, "active", u.active, form);
    if (version.ok()) u.version = *version;
    const Status unread = MergeErrors(version.status(), form.Finish());
    auto saved = unread.ok() ? people_.UpdateUser(ctx.caller, u) : StatusOr<User>(unread);
    if (saved.ok()) {
      return res.Redirect(WithNotice("/users?user=" + std::to_string(u.id), "user-saved"));
    }
    AddErrors(d, saved.status());
    status = HttpStatusFor(saved.status().code());
  }
  d["form"] = ToJson(u);
  d["editing"] = true;
  if (auto history = people_.History(ctx.caller, *id); history.ok()) {
    d["history"] = HistoryRows(*history);
    d["has_history"] = !history->empty();
  }
  d["roles"] = RoleChoices(u.roles);
  d["inspectorate_options"] = InspectorateOptions(ctx.caller, u.inspectorate_id);
  d["action"] = "/users/" + std::to_string(*id) + "/edit";
  if (auto locked = people_.LockedUntil(ctx.caller); locked.ok() && locked->count(*id)) {
    d["locked_until"] = LockedUntilInWords(locked->at(*id));
  }
  Html(res, "user_form", d, status);
}

void PeopleFeature::ChangePassword(const Request& req, Response& res, RequestContext& ctx) {
  json d = Base(ctx, ctx.must_change_password ? "Choose your password" : "Change your password",
                "account");
  d["must_change"] = ctx.must_change_password;
  if (req.method == "POST") {
    const std::string session = GetCookie(req, kSessionCookie);
    Status s = ctx.must_change_password && ctx.via_session
                   ? people_.ChooseFirstPassword(ctx.caller, Param(req, "new_password"), session)
                   : people_.ChangePassword(ctx.caller, Param(req, "current_password"),
                                            Param(req, "new_password"), session);
    // Someone who had to choose a password starts at their home page.
    if (s.ok()) {
      return res.Redirect(ctx.must_change_password ? "/?done=password-chosen"
                                                   : "/account?password_changed=1");
    }
    AddErrors(d, s);
    return Html(res, "password", d, HttpStatusFor(s.code()));
  }
  Html(res, "password", d);
}

void PeopleFeature::RegisterSignInPages() {
  const auto page = Surface::kPage;

  // Signing in and out.
  Route("GET", "/sign-in", page, Permission::kPublic,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          json d = Base(ctx, "Sign in to Jointly", "sign_in");
          std::string pre = GetCookie(req, kPreSessionCookie);
          if (pre.empty()) {
            pre = RandomToken(32);
            res.SetHeader("Set-Cookie",
                          CookieHeader(kPreSessionCookie, pre, config().secure_cookies));
          }
          d["csrf_token"] = pre;
          d["next"] = SafeNext(Param(req, "next"));
          Html(res, "sign_in", d);
        });
  Route("POST", "/sign-in", page, Permission::kPublic,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          const std::string email = Param(req, "email");
          const std::string password = Param(req, "password");
          const std::string next = SafeNext(Param(req, "next"));
          json d = Base(ctx, "Sign in to Jointly", "sign_in");
          d["csrf_token"] = GetCookie(req, kPreSessionCookie);
          d["next"] = next;
          d["email"] = email;
          Validation v;
          if (Trim(email).empty()) v.Add("email", "required", "Enter your email address");
          if (password.empty()) v.Add("password", "required", "Enter your password");
          if (!v.empty()) {
            AddErrors(d, v.Finish());
            return Html(res, "sign_in", d, 400);
          }
          auto signed_in = people_.SignIn(email, password, req.client_address);
          if (!signed_in.ok()) {
            const Status& s = signed_in.status();
            Status shown = s.code() == StatusCode::kResourceExhausted
                               ? Status(s).AddFieldError("email", "throttle", s.message())
                               : Status(s).AddFieldError("email", "sign-in", s.message());
            AddErrors(d, shown);
            return Html(res, "sign_in", d, HttpStatusFor(s.code()));
          }
          res.SetHeader("Set-Cookie", CookieHeader(kSessionCookie, signed_in->session_token,
                                                   config().secure_cookies));
          res.Redirect(signed_in->user.must_change_password ? "/account/password" : next);
        });
  Route("POST", "/sign-out", page, Permission::kOwnAccount,
        [this](const Request& req, Response& res, RequestContext&) {
          people_.SignOut(GetCookie(req, kSessionCookie)).IgnoreError();
          res.SetHeader("Set-Cookie", CookieHeader(kSessionCookie, "", config().secure_cookies));
          res.Redirect(WithNotice("/sign-in", "signed-out"));
        });
}

void PeopleFeature::RegisterUserPages() {
  const auto page = Surface::kPage;

  // Users (administrators).
  Route("GET", "/users", page, Permission::kManageUsers,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto users = people_.Users(ctx.caller);
          if (!users.ok()) return Fail(req, res, Surface::kPage, ctx, users.status());
          json d = Base(ctx, "Users", "users");
          const auto locked = people_.LockedUntil(ctx.caller);
          json rows = json::array();
          // After a change the list opens at the page of the user changed.
          const int64_t changed = ParseInt(Param(req, "user"), 1, INT64_MAX).value_or(0);
          std::optional<size_t> focus;
          for (const auto& u : *users) {
            if (u.id == changed) focus = rows.size();
            json row = UserView(ctx.caller, u);
            if (locked.ok() && locked->count(u.id)) {
              row["locked_until"] = LockedUntilInWords(locked->at(u.id));
            }
            rows.push_back(row);
          }
          Status shown = ShowPageOf(req, "/users", std::move(rows), 50, d, "rows", focus);
          if (!shown.ok()) return Fail(req, res, Surface::kPage, ctx, shown);
          Html(res, "users", d);
        });
  Route("GET", "/users/new", page, Permission::kManageUsers, By(&PeopleFeature::UserNew));
  Route("POST", "/users/new", page, Permission::kManageUsers, By(&PeopleFeature::UserNew));
  Route("GET", R"(/users/(\d+)/edit)", page, Permission::kManageUsers,
        By(&PeopleFeature::UserEdit));
  Route("POST", R"(/users/(\d+)/edit)", page, Permission::kManageUsers,
        By(&PeopleFeature::UserEdit));
  Route("POST", R"(/users/(\d+)/reset-password)", page, Permission::kManageUsers,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          auto u = id ? people_.GetUser(ctx.caller, *id) : StatusOr<User>(NotFound("No such user"));
          if (!u.ok()) return Fail(req, res, Surface::kPage, ctx, u.status());
          auto password = people_.ResetPassword(ctx.caller, u->email);
          if (!password.ok()) return Fail(req, res, Surface::kPage, ctx, password.status());
          ShowOnce(res, u->id, *password, "reset");
        });
  Route("GET", R"(/users/(\d+)/one-time-password)", page, Permission::kManageUsers,
        By(&PeopleFeature::OneTimePassword));
  Route("POST", R"(/users/(\d+)/unlock)", page, Permission::kManageUsers,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          Status s = id ? people_.UnlockUser(ctx.caller, *id) : NotFound("No such user");
          if (!s.ok()) return Fail(req, res, Surface::kPage, ctx, s);
          res.Redirect(WithNotice("/users/" + std::to_string(*id) + "/edit", "account-unlocked"));
        });
}

void PeopleFeature::RegisterAccountPages() {
  const auto page = Surface::kPage;

  // Your account: password and API tokens.
  Route("GET", "/account", page, Permission::kOwnAccount,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          json d = Base(ctx, "Your account", "account");
          auto me = people_.GetUser(ctx.caller, ctx.caller.user_id);
          if (!me.ok()) return Fail(req, res, Surface::kPage, ctx, me.status());
          d["me"] = UserView(ctx.caller, *me);
          auto tokens = people_.ApiTokens(ctx.caller);
          json rows = json::array();
          if (tokens.ok()) {
            for (const auto& t : *tokens) {
              json row = ToJson(t);
              for (const char* key : {"created_at", "revoked_at", "last_used_at"}) {
                if (row.contains(key) && row[key].is_string()) {
                  row[key] = TimestampInWords(row[key].get<std::string>());
                }
              }
              rows.push_back(row);
            }
          }
          d["tokens"] = rows;
          d["has_tokens"] = !rows.empty();
          d["password_changed"] = req.HasParam("password_changed");
          d["revoked"] = req.HasParam("revoked");
          Html(res, "account", d);
        });
  Route("GET", "/account/password", page, Permission::kOwnAccount,
        By(&PeopleFeature::ChangePassword));
  Route("POST", "/account/password", page, Permission::kOwnAccount,
        By(&PeopleFeature::ChangePassword));
  Route("POST", "/account/tokens", page, Permission::kOwnAccount,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto token = people_.CreateApiToken(ctx.caller, Param(req, "token_name"));
          if (!token.ok()) {
            json d = Base(ctx, "Your account", "account");
            const Status& s = token.status();
            Status shown = InvalidArgument(s.message(), s.rule());
            for (const auto& e : s.field_errors())
              shown.AddFieldError("token_name", e.rule, e.message);
            AddErrors(d, shown);
            auto me = people_.GetUser(ctx.caller, ctx.caller.user_id);
            if (me.ok()) d["me"] = ToJson(*me);
            json rows = json::array();
            if (auto tokens = people_.ApiTokens(ctx.caller); tokens.ok()) {
              for (const auto& t : *tokens) rows.push_back(ToJson(t));
            }
            d["tokens"] = rows;
            d["has_tokens"] = !rows.empty();
            return Html(res, "account", d, HttpStatusFor(s.code()));
          }
          json d = Base(ctx, "Your new API token", "account");
          d["token"] = ToJson(token->token);
          d["secret"] = token->secret;
          Html(res, "token_created", d, 201);
        });
  Route("POST", R"(/account/tokens/(\d+)/revoke)", page, Permission::kOwnAccount,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          Status s = id ? people_.RevokeApiToken(ctx.caller, *id) : NotFound("No such token");
          if (!s.ok()) return Fail(req, res, Surface::kPage, ctx, s);
          res.Redirect("/account?revoked=1");
        });
}

}  // namespace jointly::web
