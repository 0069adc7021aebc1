// The GOV.UK pages. Each handler gathers data as JSON and renders a
// template; forms post back to the same address and show an error summary.
#include "core/text.h"
#include "service/audit_trail.h"
#include "service/records_json.h"
#include "web/app.h"
#include "web/body_query.h"
#include "web/page_helpers.h"
#include "web/templates.h"

namespace jointly::web {

using nlohmann::json;

namespace {

// A "next" address after sign-in must stay on this site.
std::string SafeNext(const std::string& next) {
  if (next.empty() || next[0] != '/' || next.rfind("//", 0) == 0 ||
      next.find('\\') != std::string::npos) {
    return "/";
  }
  return next;
}

json BodyTypeOptions(const std::string& selected, bool with_any) {
  std::vector<std::pair<std::string, std::string>> v;
  if (with_any) v.emplace_back("", "Any type");
  for (BodyType t : kAllBodyTypes)
    v.emplace_back(std::string(BodyTypeId(t)), std::string(BodyTypeLabel(t)));
  return Options(v, selected);
}

json NationOptions(const std::string& selected, bool with_any) {
  std::vector<std::pair<std::string, std::string>> v;
  if (with_any) v.emplace_back("", "Any nation");
  for (Nation n : kAllNations)
    v.emplace_back(std::string(NationId(n)), std::string(NationLabel(n)));
  return Options(v, selected);
}

json BodyView(const InspectedBody& b) {
  json j = ToJson(b);
  j["type_label"] = BodyTypeLabel(b.type);
  j["nation_label"] = NationLabel(b.nation);
  j["london_note"] = b.in_london && b.region != "London";
  return j;
}

InspectedBody BodyFromForm(const Request& req, Validation& v) {
  InspectedBody b;
  b.code = Field(req, "code");
  b.name = Field(req, "name");
  b.region = Field(req, "region");
  if (auto t = ParseBodyType(Param(req, "type"))) {
    b.type = *t;
  } else {
    v.Add("type", "one-of", "Select the type of body");
  }
  if (auto n = ParseNation(Param(req, "nation"))) {
    b.nation = *n;
  } else {
    v.Add("nation", "one-of", "Select the nation");
  }
  b.in_london = Checked(req, "in_london");
  b.active = Checked(req, "active");
  return b;
}

json BodyFormData(json d, const InspectedBody& b) {
  d["body"] = BodyView(b);
  d["type_options"] = BodyTypeOptions(std::string(BodyTypeId(b.type)), false);
  d["nation_options"] = NationOptions(std::string(NationId(b.nation)), false);
  return d;
}

std::vector<Role> RolesFromForm(const Request& req) {
  std::vector<Role> roles;
  for (const std::string& value : req.Params("roles")) {
    if (auto r = ParseRole(value)) roles.push_back(*r);
  }
  return roles;
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

void App::RegisterPages() {
  const auto page = Surface::kPage;

  auto inspectorate_options = [this](const Caller& caller, std::optional<int64_t> selected) {
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
  };
  auto user_view = [this](const Caller& caller, const User& u) {
    json j = ToJson(u);
    json labels = json::array();
    for (Role r : u.roles) labels.push_back(RoleLabel(r));
    j["role_labels"] = labels;
    if (u.inspectorate_id) {
      if (auto i = directory_.GetInspectorate(caller, *u.inspectorate_id); i.ok())
        j["inspectorate"] = i->short_name;
    }
    return j;
  };

  Route("GET", "/", page, Permission::kPublic,
        [this](const Request&, Response& res, RequestContext& ctx) {
          if (ctx.caller.anonymous()) return Html(res, "start", Base(ctx, "Welcome", "home"));
          json d = Base(ctx, "Home", "home");
          BodyQuery one;
          one.limit = 1;
          auto bodies = directory_.Bodies(ctx.caller, one);
          auto inspectorates = directory_.Inspectorates(ctx.caller);
          d["body_count"] = bodies.ok() ? bodies->total : 0;
          d["inspectorate_count"] = inspectorates.ok() ? inspectorates->size() : 0;
          Html(res, "home", d);
        });

  // Signing in and out.
  Route("GET", "/sign-in", page, Permission::kPublic,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          json d = Base(ctx, "Sign in to Jointly", "sign_in");
          std::string pre = GetCookie(req, kPreSessionCookie);
          if (pre.empty()) {
            pre = RandomToken(32);
            res.SetHeader("Set-Cookie",
                          CookieHeader(kPreSessionCookie, pre, config_.secure_cookies));
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
                                                   config_.secure_cookies));
          res.Redirect(signed_in->user.must_change_password ? "/account/password" : next);
        });
  Route("POST", "/sign-out", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext&) {
          people_.SignOut(GetCookie(req, kSessionCookie)).IgnoreError();
          res.SetHeader("Set-Cookie", CookieHeader(kSessionCookie, "", config_.secure_cookies));
          res.Redirect("/sign-in?signed_out=1");
        });

  // Inspectorates.
  Route("GET", "/inspectorates", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto all = directory_.Inspectorates(ctx.caller);
          if (!all.ok()) return Fail(req, res, Surface::kPage, ctx, all.status());
          json d = Base(ctx, "Inspectorates", "inspectorates");
          json groups = json::array();
          for (auto [kind, label] :
               {std::pair{InspectorateKind::kCriminalJustice, "Criminal justice inspectorates"},
                {InspectorateKind::kPartner, "Partner inspectorates"},
                {InspectorateKind::kJointBody, "Joint bodies"}}) {
            json rows = json::array();
            for (const auto& i : *all) {
              if (i.kind != kind) continue;
              json r = ToJson(i);
              r["closed"] = !i.is_open();
              rows.push_back(r);
            }
            groups.push_back({{"label", label},
                              {"rows", rows},
                              {"is_cj", kind == InspectorateKind::kCriminalJustice}});
          }
          d["groups"] = groups;
          Html(res, "inspectorates", d);
        });
  Route("GET", R"(/inspectorates/(\d+))", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          auto i = id ? directory_.GetInspectorate(ctx.caller, *id)
                      : StatusOr<Inspectorate>(NotFound("No such inspectorate"));
          if (!i.ok()) return Fail(req, res, Surface::kPage, ctx, i.status());
          json d = Base(ctx, i->full_name, "inspectorates");
          d["inspectorate"] = ToJson(*i);
          d["kind_label"] = i->kind == InspectorateKind::kCriminalJustice
                                ? "Criminal justice inspectorate"
                            : i->kind == InspectorateKind::kPartner ? "Partner inspectorate"
                                                                    : "Joint body";
          d["saved"] = req.HasParam("saved");
          auto history = directory_.History(ctx.caller, "inspectorate", *id);
          if (history.ok()) {
            d["history"] = HistoryRows(*history);
            d["has_history"] = !history->empty();
          }
          Html(res, "inspectorate", d);
        });
  auto inspectorate_form = [this](const Request& req, Response& res, RequestContext& ctx) {
    auto id = PathId(req);
    auto current = id ? directory_.GetInspectorate(ctx.caller, *id)
                      : StatusOr<Inspectorate>(NotFound("No such inspectorate"));
    if (!current.ok()) return Fail(req, res, Surface::kPage, ctx, current.status());
    Inspectorate i = *current;
    json d = Base(ctx, "Change " + i.short_name, "inspectorates");
    int status = 200;
    if (req.method == "POST") {
      i.short_name = Param(req, "short_name");
      i.full_name = Param(req, "full_name");
      i.senior_oversight_title = Param(req, "senior_oversight_title");
      i.findings = Param(req, "findings") == "concerns" ? FindingsStyle::kConcerns
                                                        : FindingsStyle::kRecommendations;
      i.sends_embargoed_copies = Checked(req, "sends_embargoed_copies");
      i.version = ParseInt(Param(req, "version"), 1, INT64_MAX).value_or(0);
      auto saved = directory_.UpdateInspectorate(ctx.caller, i);
      if (saved.ok()) return res.Redirect("/inspectorates/" + std::to_string(i.id) + "?saved=1");
      AddErrors(d, saved.status());
      status = HttpStatusFor(saved.status().code());
    }
    d["inspectorate"] = ToJson(i);
    d["concerns"] = i.findings == FindingsStyle::kConcerns;
    Html(res, "inspectorate_form", d, status);
  };
  Route("GET", R"(/inspectorates/(\d+)/edit)", page, Permission::kEditReferenceData,
        inspectorate_form);
  Route("POST", R"(/inspectorates/(\d+)/edit)", page, Permission::kEditReferenceData,
        inspectorate_form);

  // Inspected bodies.
  Route(
      "GET", "/bodies", page, Permission::kSignedIn,
      [this](const Request& req, Response& res, RequestContext& ctx) {
        json d = Base(ctx, "Inspected bodies", "bodies");
        auto query = ReadBodyQuery(req);
        BodyQuery q;
        if (query.ok()) {
          q = *query;
        } else {
          AddErrors(d, query.status());
        }
        auto page_result = directory_.Bodies(ctx.caller, q);
        if (!page_result.ok()) return Fail(req, res, Surface::kPage, ctx, page_result.status());
        json rows = json::array();
        for (const auto& b : page_result->items) rows.push_back(BodyView(b));
        d["rows"] = rows;
        d["total"] = page_result->total;
        d["search"] = q.search;
        d["type_options"] = BodyTypeOptions(q.type ? std::string(BodyTypeId(*q.type)) : "", true);
        d["nation_options"] = NationOptions(q.nation ? std::string(NationId(*q.nation)) : "", true);
        json regions =
            json::array({{{"value", ""}, {"label", "Any region"}, {"selected", q.region.empty()}}});
        if (auto all = directory_.Regions(ctx.caller); all.ok()) {
          for (const auto& r : *all)
            regions.push_back({{"value", r}, {"label", r}, {"selected", r == q.region}});
        }
        d["region_options"] = regions;
        // Pagination links keep the filters.
        std::string filters;
        for (const auto& [name, value] : req.params) {
          if (name == "offset" || name == "limit" || value.empty()) continue;
          filters += "&" + EncodeQueryParam(name) + "=" + EncodeQueryParam(value);
        }
        const int64_t pages = (page_result->total + q.limit - 1) / q.limit;
        const int64_t current = q.offset / q.limit;
        d["from"] = page_result->total ? q.offset + 1 : 0;
        d["to"] = q.offset + static_cast<int64_t>(rows.size());
        if (pages > 1) {
          json items = json::array();
          for (int64_t p = 0; p < pages; ++p) {
            if (p != 0 && p != pages - 1 && std::abs(p - current) > 2) {
              if (items.empty() || !items.back().contains("ellipsis"))
                items.push_back({{"ellipsis", true}});
              continue;
            }
            items.push_back({{"number", p + 1},
                             {"current", p == current},
                             {"href", "/bodies?offset=" + std::to_string(p * q.limit) + filters}});
          }
          json pagination = {{"items", items}};
          if (current > 0)
            pagination["previous"] =
                "/bodies?offset=" + std::to_string((current - 1) * q.limit) + filters;
          if (current + 1 < pages)
            pagination["next"] =
                "/bodies?offset=" + std::to_string((current + 1) * q.limit) + filters;
          d["pagination"] = pagination;
        }
        d["imported"] = req.HasParam("imported");
        Html(res, "bodies", d, query.ok() ? 200 : 400);
      });
  auto body_new = [this](const Request& req, Response& res, RequestContext& ctx) {
    json d = Base(ctx, "Add an inspected body", "bodies");
    InspectedBody b;
    if (req.method == "POST") {
      Validation v;
      b = BodyFromForm(req, v);
      Status s = v.Finish();
      if (s.ok()) {
        auto created = directory_.CreateBody(ctx.caller, b);
        if (created.ok())
          return res.Redirect("/bodies/" + std::to_string(created->id) + "?saved=1");
        s = created.status();
      }
      AddErrors(d, s);
      d["action"] = "/bodies/new";
      return Html(res, "body_form", BodyFormData(d, b), HttpStatusFor(s.code()));
    }
    d["action"] = "/bodies/new";
    Html(res, "body_form", BodyFormData(d, b));
  };
  Route("GET", "/bodies/new", page, Permission::kEditDirectory, body_new);
  Route("POST", "/bodies/new", page, Permission::kEditDirectory, body_new);
  Route("GET", "/bodies/export.csv", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto csv = directory_.ExportBodiesCsv(ctx.caller);
          if (!csv.ok()) return Fail(req, res, Surface::kPage, ctx, csv.status());
          res.SetHeader("Content-Disposition", "attachment; filename=\"inspected-bodies.csv\"");
          res.SetContent(*csv, "text/csv; charset=utf-8");
        });
  auto body_import = [this](const Request& req, Response& res, RequestContext& ctx) {
    json d = Base(ctx, "Import inspected bodies", "bodies");
    if (req.method == "POST") {
      const std::string csv = req.File("csv_file") ? req.File("csv_file")->content : std::string();
      Status s;
      if (csv.empty()) {
        s = InvalidArgument("Select a CSV file", "required");
        s.AddFieldError("csv_file", "required", "Select a CSV file to import");
      } else {
        auto summary = directory_.ImportBodiesCsv(ctx.caller, csv);
        if (summary.ok()) {
          return res.Redirect("/bodies?imported=" +
                              std::to_string(summary->created + summary->updated));
        }
        s = summary.status();
        if (s.field_errors().empty()) s.AddFieldError("csv_file", s.rule(), s.message());
      }
      AddErrors(d, s);
      return Html(res, "import", d, HttpStatusFor(s.code()));
    }
    Html(res, "import", d);
  };
  Route("GET", "/bodies/import", page, Permission::kEditDirectory, body_import);
  Route("POST", "/bodies/import", page, Permission::kEditDirectory, body_import);
  Route("GET", R"(/bodies/(\d+))", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          auto b = id ? directory_.GetBody(ctx.caller, *id)
                      : StatusOr<InspectedBody>(NotFound("No such body"));
          if (!b.ok()) return Fail(req, res, Surface::kPage, ctx, b.status());
          json d = Base(ctx, b->name, "bodies");
          d["body"] = BodyView(*b);
          d["saved"] = req.HasParam("saved");
          auto history = directory_.History(ctx.caller, "body", *id);
          if (history.ok()) {
            d["history"] = HistoryRows(*history);
            d["has_history"] = !history->empty();
          }
          Html(res, "body", d);
        });
  auto body_edit = [this](const Request& req, Response& res, RequestContext& ctx) {
    auto id = PathId(req);
    auto current = id ? directory_.GetBody(ctx.caller, *id)
                      : StatusOr<InspectedBody>(NotFound("No such body"));
    if (!current.ok()) return Fail(req, res, Surface::kPage, ctx, current.status());
    json d = Base(ctx, "Change " + current->name, "bodies");
    d["action"] = "/bodies/" + std::to_string(*id) + "/edit";
    d["editing"] = true;
    if (req.method != "POST") return Html(res, "body_form", BodyFormData(d, *current));
    Validation v;
    InspectedBody b = BodyFromForm(req, v);
    b.id = *id;
    b.version = ParseInt(Param(req, "version"), 1, INT64_MAX).value_or(0);
    Status s = v.Finish();
    if (s.ok()) {
      auto saved = directory_.UpdateBody(ctx.caller, b);
      if (saved.ok()) return res.Redirect("/bodies/" + std::to_string(*id) + "?saved=1");
      s = saved.status();
    }
    AddErrors(d, s);
    if (s.code() == StatusCode::kAborted) {
      // Show what the other person saved; the form keeps this person's text
      // but now carries the current version, so saving again is a choice.
      json detail = json::parse(s.detail_json(), nullptr, false);
      if (detail.is_object()) {
        d["conflict"] = detail["changes_since_your_version"];
        d["has_conflict"] = true;
        b.version = detail["current"].value("version", b.version);
      }
    }
    Html(res, "body_form", BodyFormData(d, b), HttpStatusFor(s.code()));
  };
  Route("GET", R"(/bodies/(\d+)/edit)", page, Permission::kEditDirectory, body_edit);
  Route("POST", R"(/bodies/(\d+)/edit)", page, Permission::kEditDirectory, body_edit);

  // Users (administrators).
  Route("GET", "/users", page, Permission::kManageUsers,
        [this, user_view](const Request& req, Response& res, RequestContext& ctx) {
          auto users = people_.Users(ctx.caller);
          if (!users.ok()) return Fail(req, res, Surface::kPage, ctx, users.status());
          json d = Base(ctx, "Users", "users");
          json rows = json::array();
          for (const auto& u : *users) rows.push_back(user_view(ctx.caller, u));
          d["rows"] = rows;
          Html(res, "users", d);
        });
  auto user_new = [this, inspectorate_options](const Request& req, Response& res,
                                               RequestContext& ctx) {
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
        json done = Base(ctx, "User added", "users");
        done["created"] = ToJson(created->user);
        done["one_time_password"] = created->one_time_password;
        return Html(res, "user_created", done, 201);
      }
      AddErrors(d, created.status());
      status = HttpStatusFor(created.status().code());
    }
    d["form"] = ToJson(u);
    d["roles"] = RoleChoices(u.roles);
    d["inspectorate_options"] = inspectorate_options(ctx.caller, u.inspectorate_id);
    d["action"] = "/users/new";
    Html(res, "user_form", d, status);
  };
  Route("GET", "/users/new", page, Permission::kManageUsers, user_new);
  Route("POST", "/users/new", page, Permission::kManageUsers, user_new);
  auto user_edit = [this, inspectorate_options](const Request& req, Response& res,
                                                RequestContext& ctx) {
    auto id = PathId(req);
    auto current = id ? people_.GetUser(ctx.caller, *id) : StatusOr<User>(NotFound("No such user"));
    if (!current.ok()) return Fail(req, res, Surface::kPage, ctx, current.status());
    User u = *current;
    json d = Base(ctx, "Change " + u.name, "users");
    int status = 200;
    if (req.method == "POST") {
      u.name = Param(req, "name");
      u.inspectorate_id = ParseInt(Param(req, "inspectorate_id"), 1, INT64_MAX);
      u.roles = RolesFromForm(req);
      u.active = Checked(req, "active");
      u.version = ParseInt(Param(req, "version"), 1, INT64_MAX).value_or(0);
      auto saved = people_.UpdateUser(ctx.caller, u);
      if (saved.ok()) return res.Redirect("/users?saved=1");
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
    d["inspectorate_options"] = inspectorate_options(ctx.caller, u.inspectorate_id);
    d["action"] = "/users/" + std::to_string(*id) + "/edit";
    Html(res, "user_form", d, status);
  };
  Route("GET", R"(/users/(\d+)/edit)", page, Permission::kManageUsers, user_edit);
  Route("POST", R"(/users/(\d+)/edit)", page, Permission::kManageUsers, user_edit);
  Route("POST", R"(/users/(\d+)/reset-password)", page, Permission::kManageUsers,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          auto u = id ? people_.GetUser(ctx.caller, *id) : StatusOr<User>(NotFound("No such user"));
          if (!u.ok()) return Fail(req, res, Surface::kPage, ctx, u.status());
          auto password = people_.ResetPassword(ctx.caller, u->email);
          if (!password.ok()) return Fail(req, res, Surface::kPage, ctx, password.status());
          json d = Base(ctx, "Password reset", "users");
          d["created"] = ToJson(*u);
          d["one_time_password"] = *password;
          d["reset"] = true;
          Html(res, "user_created", d);
        });

  // Your account: password and API tokens.
  Route("GET", "/account", page, Permission::kSignedIn,
        [this, user_view](const Request& req, Response& res, RequestContext& ctx) {
          json d = Base(ctx, "Your account", "account");
          auto me = people_.GetUser(ctx.caller, ctx.caller.user_id);
          if (!me.ok()) return Fail(req, res, Surface::kPage, ctx, me.status());
          d["me"] = user_view(ctx.caller, *me);
          auto tokens = people_.ApiTokens(ctx.caller);
          json rows = json::array();
          if (tokens.ok()) {
            for (const auto& t : *tokens) rows.push_back(ToJson(t));
          }
          d["tokens"] = rows;
          d["has_tokens"] = !rows.empty();
          d["password_changed"] = req.HasParam("password_changed");
          d["revoked"] = req.HasParam("revoked");
          Html(res, "account", d);
        });
  auto change_password = [this](const Request& req, Response& res, RequestContext& ctx) {
    json d = Base(ctx, "Change your password", "account");
    d["must_change"] = ctx.must_change_password;
    if (req.method == "POST") {
      Status s = people_.ChangePassword(ctx.caller, Param(req, "current_password"),
                                        Param(req, "new_password"));
      if (s.ok()) return res.Redirect("/account?password_changed=1");
      AddErrors(d, s);
      return Html(res, "password", d, HttpStatusFor(s.code()));
    }
    Html(res, "password", d);
  };
  Route("GET", "/account/password", page, Permission::kSignedIn, change_password);
  Route("POST", "/account/password", page, Permission::kSignedIn, change_password);
  Route("POST", "/account/tokens", page, Permission::kSignedIn,
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
  Route("POST", R"(/account/tokens/(\d+)/revoke)", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          Status s = id ? people_.RevokeApiToken(ctx.caller, *id) : NotFound("No such token");
          if (!s.ok()) return Fail(req, res, Surface::kPage, ctx, s);
          res.Redirect("/account?revoked=1");
        });

  // The audit trail (administrators).
  Route("GET", "/audit", page, Permission::kVerifyAudit,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          json d = Base(ctx, "Audit trail", "audit");
          auto v = VerifyAuditTrail(db_, ctx.caller);
          if (!v.ok()) return Fail(req, res, Surface::kPage, ctx, v.status());
          d["verified"] = v->ok;
          d["checked"] = v->checked;
          d["reason"] = v->reason;
          auto recent = RecentAuditTrail(db_, ctx.caller, 50);
          if (recent.ok()) {
            json rows = HistoryRows(*recent);
            for (size_t i = 0; i < recent->size(); ++i) {
              rows[i]["entity"] =
                  (*recent)[i].entity_type + " " + std::to_string((*recent)[i].entity_id);
            }
            d["rows"] = rows;
          }
          Html(res, "audit", d);
        });
}

}  // namespace jointly::web
