#include "web/site.h"

#include <chrono>
#include <cstdio>
#include <thread>

#include "core/text.h"
#include "service/audit_trail.h"
#include "web/feature.h"
#include "web/page_helpers.h"
#include "web/templates.h"

namespace jointly::web {

namespace {

// Whether this thread reads on a database connection of its own (the
// transport's I/O threads on SQLite), so that it may serve short reads.
thread_local bool has_own_reader = false;

}  // namespace

Site::Site(WebConfig config, Database& db) : config_(std::move(config)), db_(db), openapi_() {
  if (config_.released_generation) {
    public_pages_ = std::make_unique<PublicPageCache>(config_.released_generation);
  }
  RegisterCore();
}

// Features go first: their handlers may use what they own until the
// transport's threads have stopped.
Site::~Site() {
  transport_.reset();
  features_.clear();
}

void Site::Add(std::unique_ptr<Feature> feature) {
  feature->RegisterOn(*this);
  features_.push_back(std::move(feature));
}

StatusOr<int> Site::Bind() {
  if (authenticator_ == nullptr) std::abort();  // apps/ must say who callers are
  if (Status bound = openapi_.BindRoutes(api_routes_); !bound.ok()) {
    // A route without its documentation, or the reverse: a programming error.
    std::fprintf(stderr, "jointly: %s\n", bound.message().c_str());
    std::abort();
  }
  openapi_json_ = openapi_.document().dump();
  TransportConfig transport{
      .host = config_.host,
      .port = config_.port,
      .assets_dir = config_.assets_dir,
      .threads = config_.threads,
      .max_queue = config_.max_queue,
      .body_limit = [](const std::string&, const std::string& path) { return BodyLimit(path); },
      .trusted_proxy = config_.trusted_proxy,
      .every_response =
          {
              {"X-Content-Type-Options", "nosniff"},
              {"X-Frame-Options", "DENY"},
              {"Referrer-Policy", "same-origin"},
              {"Content-Security-Policy",
               "default-src 'self'; img-src 'self' data:; object-src 'none'; "
               "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
              // Pages and API answers may hold personal data.
              {"Cache-Control", "no-store"},
          },
      .on_io_thread = [this] { has_own_reader = db_.ReserveReaderForThisThread(); },
      .runs_inline = [this](const Request& req) { return RunsInline(req); }};
  transport_ = NewBeastTransport(
      std::move(transport), [this](Request& req, Response& res) { Handle(req, res); },
      [](int http_status, const std::string& path, Response& res) {
        Refuse(http_status, path, res);
      });
  auto bound = transport_->Bind();
  if (bound.ok()) bound_port_ = *bound;
  return bound;
}

void Site::Run() { transport_->Run(); }

void Site::Stop() { transport_->Stop(); }

bool Site::TakesFiles(const std::string& path) {
  static constexpr std::string_view kAttachments = "/attachments";
  return path.size() > kAttachments.size() &&
         path.compare(path.size() - kAttachments.size(), kAttachments.size(), kAttachments) == 0;
}

uint64_t Site::BodyLimit(const std::string& path) {
  // CSV imports of the directory, as a file or as the body.
  if (path == "/api/v1/bodies/import" || path == "/bodies/import") return 8 << 20;
  // Attachments to evidence: a file of up to 5 MB with its form around it.
  if (TakesFiles(path)) return 6 << 20;
  return 1 << 20;
}

void Site::Refuse(int http_status, const std::string& path, Response& res) {
  const std::string limit = std::to_string(BodyLimit(path) >> 20) + " MiB";
  const Status s =
      http_status == 404   ? NotFound("There is no page at this address")
      : http_status == 413 ? InvalidArgument("What was sent is over " + limit +
                                                 ", the most this address accepts; nothing was "
                                                 "saved. Send less, or split it into parts",
                                             "max-body-size")
      : http_status == 414 ? InvalidArgument("The address is too long", "max-uri-length")
      : http_status == 431 ? InvalidArgument("The request headers are too large", "max-header-size")
      : http_status == 408 ? InvalidArgument("The request was not sent in time", "timeout")
      : http_status == 503 ? Unavailable("The service is busy; try again in a few seconds")
      : http_status >= 500 ? Internal("unhandled exception")
                           : InvalidArgument("The request could not be read", "http");
  if (path.rfind("/api/", 0) == 0) {
    SendProblem(res, s, http_status);
  } else if (http_status == 414 && path == "/search") {
    // A search too long for an address: the search page again, its box
    // empty, saying so, so that nobody is left without a way on.
    const std::string text = "What you searched for is too long; search for fewer words";
    res.status = http_status;
    res.SetContent(
        RenderPage("public_search",
                   {{"title", "Search"},
                    {"back", "/"},
                    {"has_errors", true},
                    {"errors", nlohmann::json::array({{{"href", "#q"}, {"text", text}}})},
                    {"q_error", text}}),
        "text/html; charset=utf-8");
  } else {
    res.status = http_status;
    res.SetContent(
        RenderPage(
            "error",
            {{"title", http_status == 404   ? "Page not found"
                       : http_status == 413 ? "What you sent is too large"
                       : http_status == 503 ? "Sorry, the service is busy"
                       : http_status >= 500 ? "Sorry, there is a problem with the service"
                                            : "There is a problem"},
             {"message", http_status >= 500 && http_status != 503 ? std::string("Try again later.")
                                                                  : s.message()}}),
        "text/html; charset=utf-8");
  }
}

bool Site::RunsInline(const Request& req) const {
  if (!has_own_reader || (req.method != "GET" && req.method != "HEAD")) return false;
  thread_local std::vector<std::string> captures;
  const auto route = router_.Match("GET", req.path, captures);
  return route && works_[*route] == Work::kShortRead &&
         (!short_when_[*route] || short_when_[*route](req));
}

void Site::Handle(Request& req, Response& res) {
  const std::string_view method = req.method == "HEAD" ? std::string_view("GET") : req.method;
  if (auto route = router_.Match(method, req.path, req.captures)) return routes_[*route](req, res);
  Refuse(404, req.path, res);
}

namespace {

bool IsUnsafe(const std::string& method) { return method != "GET" && method != "HEAD"; }

// The CSRF token a form or script sent: header, form field, or multipart
// field; never one in the address, which leaks into logs and Referer
// headers (a token there refuses the request).
std::string SentCsrf(const Request& req) {
  std::string v = req.Header("X-CSRF-Token");
  if (!v.empty()) return v;
  for (const auto& [name, value] : req.query) {
    if (name == "csrf_token") return {};
  }
  if (req.HasParam("csrf_token")) return req.Param("csrf_token");
  if (const UploadedFile* part = req.File("csrf_token")) return part->content;
  return {};
}

// The request's path with the parameters of its query that `keep` keeps.
template <typename Keep>
std::string AddressOf(const Request& req, Keep keep) {
  std::string out = req.path;
  for (const auto& [name, value] : req.query) {
    if (!keep(name)) continue;
    out += (out.size() == req.path.size() ? "?" : "&") + EncodeQueryParam(name) + "=" +
           EncodeQueryParam(value);
  }
  return out;
}

// "scheme://host[:port]" of an absolute URL, lower-cased; "" if it has none.
std::string OriginOf(std::string_view url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return {};
  const size_t host_end = url.find_first_of("/?#", scheme_end + 3);
  return AsciiLower(url.substr(0, host_end));
}

bool MayChangePasswordOnly(const std::string& path) {
  return path == "/account/password" || path == "/sign-out" || path == "/api/v1/account/password" ||
         path == "/api/v1/session" || path == "/api/v1/me";
}

// Whether a person who must still change a one-time password is served:
// the few addresses that let them do it, and the API's public operations
// (this document, the public consultation form), which need no sign-in.
bool ServedBeforePasswordChange(const std::string& path, bool api, Permission permission) {
  return MayChangePasswordOnly(path) || (api && permission == Permission::kPublic);
}

}  // namespace

void Site::Route(const std::string& method, const std::string& pattern, Surface surface,
                 Permission permission, Handler handler, Work work, ShortWhen short_when) {
  size_t api_route = kNoApiRoute;
  if (surface == Surface::kApi) {
    api_route = api_routes_.size();
    api_routes_.push_back(
        {.method = method,
         .pattern = pattern,
         .permission = permission,
         .before_password_change = ServedBeforePasswordChange(pattern, true, permission),
         .query = {}});
  }
  auto serve = [this, surface, permission, api_route, work, pattern, handler = std::move(handler)](
                   const Request& req, Response& res) {
    if (!config_.transactions_on_this_thread) {
      return Serve(req, res, surface, permission, api_route, handler);
    }
    const TransactionCounts before = config_.transactions_on_this_thread();
    Serve(req, res, surface, permission, api_route, handler);
    const TransactionCounts after = config_.transactions_on_this_thread();
    if (work == Work::kShortRead && after.writes > before.writes) {
      // It may have run on an I/O thread, which must never wait for the
      // write lock: a programming error, shown where tests count.
      std::fprintf(stderr, "jointly: %s %s is a short read but wrote\n", req.method.c_str(),
                   pattern.c_str());
      res = Response();
      return Refuse(500, req.path, res);
    }
    res.SetHeader("X-Jointly-Transactions",
                  "reads=" + std::to_string(after.reads - before.reads) +
                      " writes=" + std::to_string(after.writes - before.writes));
  };
  RawRoute(method, pattern, std::move(serve), work, std::move(short_when));
}

void Site::RawRoute(const std::string& method, const std::string& pattern,
                    std::function<void(const Request&, Response&)> serve, Work work,
                    ShortWhen short_when) {
  const bool known_method = method == "GET" || method == "POST" || method == "PATCH" ||
                            method == "PUT" || method == "DELETE";
  if (!known_method || !router_.AddRoute(method, pattern, routes_.size())) {
    // A programming error in route registration: an unknown method, a
    // pattern the router does not read, or a route registered twice.
    std::fprintf(stderr, "jointly: cannot route %s %s\n", method.c_str(), pattern.c_str());
    std::abort();
  }
  routes_.push_back(std::move(serve));
  works_.push_back(work);
  short_when_.push_back(std::move(short_when));
}

void Site::Serve(const Request& req, Response& res, Surface surface, Permission permission,
                 size_t api_route, const Handler& handler) {
  RequestContext ctx;
  // Everything from outside must be UTF-8 before anything looks at it, and
  // no text field may hold U+0000 (JSON bodies: JsonObjectReader).
  for (const auto& [name, value] : req.params) {
    if (!IsValidUtf8(name) || !IsValidUtf8(value)) {
      Status s = InvalidArgument("Text must be UTF-8", "utf8");
      s.AddFieldError(IsValidUtf8(name) ? name : "query", "utf8",
                      "This value is not valid UTF-8 text");
      return Fail(req, res, surface, ctx, s);
    }
  }
  Status nul = InvalidArgument("Text must not contain a NUL character (U+0000)", "nul");
  auto check_nul = [&nul](const std::string& name, const std::string& value) {
    if (name.find('\0') != std::string::npos) {
      nul.AddFieldError("query", "nul", "A field's name must not contain a NUL character");
    } else if (value.find('\0') != std::string::npos) {
      nul.AddFieldError(name, "nul", "Remove the NUL character (U+0000) from this text");
    }
  };
  for (const auto& [name, value] : req.params) check_nul(name, value);
  // A multipart form's text fields (its files are read by their own parsers).
  for (const auto& [name, part] : req.files) {
    if (part.filename.empty()) check_nul(name, part.content);
  }
  if (!nul.field_errors().empty()) return Fail(req, res, surface, ctx, nul);
  // Who is calling.
  const std::string authorization = req.Header("Authorization");
  if (authorization.rfind("Bearer ", 0) == 0) {
    if (surface != Surface::kApi) {
      return Fail(req, res, surface, ctx, Unauthenticated("API tokens work only under /api/v1"));
    }
    auto caller = authenticator_->CallerFromApiToken(authorization.substr(7));
    if (!caller.ok()) return Fail(req, res, surface, ctx, caller.status());
    ctx.caller = caller->caller;
    // A token works only once its owner has chosen their own password.
    ctx.must_change_password = caller->must_change_password;
  } else if (const std::string cookie = GetCookie(req, kSessionCookie); !cookie.empty()) {
    auto session = authenticator_->CallerFromSession(cookie);
    if (session.ok()) {
      ctx.caller = session->caller;
      ctx.csrf_token = session->csrf_token;
      ctx.via_session = true;
      ctx.must_change_password = session->must_change_password;
    } else if (session.status().code() != StatusCode::kUnauthenticated) {
      return Fail(req, res, surface, ctx, session.status());
    }
  }
  if (surface == Surface::kPage && req.method == "GET") {
    ctx.notice = std::string(NoticeText(req.Param("done")));
  }
  if (surface == Surface::kPage) {
    // The page above, or the nearest one above it that is a page: a part of
    // an address such as ".../report/sections" names no page of its own,
    // and a back link must never lead to "Page not found".
    std::vector<std::string> unused;
    ctx.back = ParentPage(req.path);
    while (!ctx.back.empty() && !router_.Match("GET", ctx.back, unused)) {
      ctx.back = ParentPage(ctx.back);
    }
    ctx.back = AsLeft(req, ctx.back);
  }
  // May they do this?
  if (!Allows(ctx.caller, permission)) {
    return Fail(req, res, surface, ctx,
                ctx.caller.anonymous()
                    ? Unauthenticated("Sign in to continue")
                    : PermissionDenied("Your roles do not allow this", "access"));
  }
  if (IsUnsafe(req.method)) {
    const std::string sent = SentCsrf(req);
    const std::string expected =
        ctx.via_session ? ctx.csrf_token : GetCookie(req, kPreSessionCookie);
    // Scripts with a bearer token need no CSRF token; forms and browser
    // scripts must echo the one their session (or sign-in page) was given.
    const bool bearer = !ctx.via_session && !ctx.caller.anonymous();
    const bool json_sign_in = surface == Surface::kApi && ctx.caller.anonymous();
    if (!bearer && !FromThisSite(req)) {
      return Fail(req, res, surface, ctx,
                  PermissionDenied("The change did not come from a page of this service; "
                                   "go back, reload the page and try again",
                                   "same-origin"));
    }
    if (!bearer && !json_sign_in && (expected.empty() || !SecureEquals(sent, expected))) {
      return Fail(req, res, surface, ctx,
                  PermissionDenied("The form had expired or did not come from this service; "
                                   "go back, reload the page and try again",
                                   "csrf"));
    }
    if (surface == Surface::kApi && !req.body.empty() &&
        req.Header("Content-Type").rfind("application/json", 0) != 0 &&
        req.Header("Content-Type").rfind("text/csv", 0) != 0 &&
        !(TakesFiles(req.path) &&
          req.Header("Content-Type").rfind("multipart/form-data", 0) == 0)) {
      return SendProblem(res, InvalidArgument("Send the body as application/json", "content-type"),
                         415);
    }
  }
  if (ctx.must_change_password &&
      !ServedBeforePasswordChange(req.path, surface == Surface::kApi, permission)) {
    if (surface == Surface::kPage) {
      res.Redirect("/account/password");
      return;
    }
    return Fail(req, res, surface, ctx,
                FailedPrecondition("Change your one-time password before doing anything else",
                                   "must-change-password"));
  }
  // The API takes only the query parameters its document names.
  if (api_route != kNoApiRoute) {
    const ApiRoute& route = api_routes_[api_route];
    Status unknown = InvalidArgument("The query is not valid", "unknown-parameter");
    std::set<std::string> named;
    for (const auto& [name, value] : req.params) {
      if (!route.query.contains(name) && named.insert(name).second) {
        unknown.AddFieldError(name, "unknown-parameter",
                              "\"" + name + "\" is not a parameter of this operation");
      }
    }
    if (!unknown.field_errors().empty()) return SendProblem(res, unknown);
  }
  // A public page as anyone sees it may be answered from its rendering.
  const bool keepable = public_pages_ && req.method == "GET" && permission == Permission::kPublic &&
                        ctx.caller.anonymous();
  if (keepable && public_pages_->Answer(req, res)) return;
  const uint64_t drawn_from = keepable ? public_pages_->Now() : 0;
  try {
    handler(req, res, ctx);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "jointly: %s %s failed: %s\n", req.method.c_str(), req.path.c_str(),
                 e.what());
    Fail(req, res, surface, ctx, Internal(e.what()));
  }
  if (keepable) public_pages_->Keep(req, res, drawn_from);
}

std::string Site::PublicBase(const Request&) const {
  std::string_view url = config_.public_url;
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  if (!url.empty()) return std::string(url);
  return "http://" + config_.host + ":" + std::to_string(bound_port_ ? bound_port_ : config_.port);
}

bool Site::FromThisSite(const Request& req) const {
  std::string origin = req.Header("Origin");
  if (origin.empty()) {
    const std::string referer = req.Header("Referer");
    if (referer.empty()) return true;
    origin = OriginOf(referer);
  }
  return IsThisSite(req, AsciiLower(origin));
}

std::string Site::AsLeft(const Request& req, const std::string& back) const {
  const std::string referer = req.Header("Referer");
  const std::string origin = OriginOf(referer);
  if (back.empty() || origin.empty() || !IsThisSite(req, origin)) return back;
  std::string_view left = std::string_view(referer).substr(origin.size());
  left = left.substr(0, left.find('#'));
  if (!left.starts_with(back + "?")) return back;
  std::string out = back;
  std::string_view query = left.substr(back.size() + 1);
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    if (!pair.empty() && !pair.starts_with("done=")) {
      out += (out.size() == back.size() ? "?" : "&") + std::string(pair);
    }
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
  }
  return out;
}

bool Site::IsThisSite(const Request& req, const std::string& origin) const {
  if (!config_.public_url.empty()) return origin == OriginOf(config_.public_url);
  // Without a public URL, this site is whatever host the browser addressed.
  const std::string host = AsciiLower(req.Header("Host"));
  return !host.empty() && (origin == "http://" + host || origin == "https://" + host);
}

void Site::Fail(const Request& req, Response& res, Surface surface, const RequestContext& ctx,
                const Status& status) {
  if (surface == Surface::kApi) return SendProblem(res, status);
  if (status.code() == StatusCode::kUnauthenticated && req.method == "GET") {
    // Back, once signed in, to the page asked for, with its filters and place.
    const std::string next = AddressOf(req, [](const std::string&) { return true; });
    res.Redirect("/sign-in?next=" + EncodeQueryParam(next));
    return;
  }
  const int http = HttpStatusFor(status.code());
  nlohmann::json data = {{"title", http == 404   ? "Page not found"
                                   : http == 403 ? "You do not have access to this page"
                                   : http >= 500 ? "Sorry, there is a problem with the service"
                                                 : "There is a problem"},
                         {"message", http >= 500 ? "Try again later." : status.message()}};
  // What was wrong with the address (a page's limit and offset), each said.
  if (http < 500 && !status.field_errors().empty()) {
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& e : status.field_errors()) problems.push_back(e.message);
    data["problems"] = std::move(problems);
    data["has_problems"] = true;
    // An address made or changed by hand: the way on is the page without
    // what was added to it.
    if (req.method == "GET" && !req.query.empty()) {
      data["message"] = "Something in this page's address is not right.";
      // The same page without what was wrong, keeping what was asked for
      // (a search's words), from its first page.
      const std::string without = AddressOf(req, [&](const std::string& name) {
        const bool named = std::any_of(status.field_errors().begin(), status.field_errors().end(),
                                       [&](const FieldError& e) { return e.field == name; });
        return !named && name != "offset" && name != "limit" && name != "after" &&
               name != "after_name" && name != "done";
      });
      data["link"] = {{"href", without}, {"text", "Go to the page without it"}};
    }
  }
  if (!ctx.caller.anonymous()) {
    data["user"] = {{"email", ctx.caller.email}};
    data["csrf_token"] = ctx.csrf_token;
    // The people of an owner body see their own navigation, here too.
    data["is_owner"] = ctx.caller.owner_id.has_value();
  }
  res.status = http;
  res.SetContent(RenderPage("error", data), "text/html; charset=utf-8");
}

void Site::RegisterCore() {
  openapi_.AddTag("Meta", "About the API");
  openapi_.AddOperation("get", "/openapi.json",
                        api::Operation{.id = "getOpenApi",
                                       .summary = "This document",
                                       .tag = "Meta",
                                       .answer = "The OpenAPI document",
                                       .returns = api::AnyObject(),
                                       .anonymous = true});
  Route("GET", "/api/v1/openapi.json", Surface::kApi, Permission::kPublic,
        [this](const Request&, Response& res, RequestContext&) {
          res.SetContent(openapi_json_, "application/json");
        });
  RawRoute("GET", "/static/jointly.mjs", [](const Request&, Response& res) {
    res.SetHeader("Cache-Control", "public, max-age=3600");
    res.SetContent(
        "document.body.classList.add('js-enabled', 'govuk-frontend-supported');\n"
        "import('/govuk/govuk-frontend.min.js').then((m) => m.initAll());\n"
        // An optimiser run in progress: show time used, reload when done.
        "const run = document.querySelector('[data-jointly-run]');\n"
        "if (run) {\n"
        "  const started = Date.now();\n"
        "  const bar = run.querySelector('progress');\n"
        "  const poll = async () => {\n"
        "    if (bar) bar.value = Math.min(bar.max, (Date.now() - started) / 1000);\n"
        "    const r = await fetch('/api/v1/optimiser-runs/' + run.dataset.jointlyRun);\n"
        "    const j = r.ok ? await r.json() : null;\n"
        "    if (j && (j.state === 'finished' || j.state === 'failed')) location.reload();\n"
        "    else setTimeout(poll, 1000);\n"
        "  };\n"
        "  setTimeout(poll, 500);\n"
        "}\n"
        // On a phone each table row is shown as a block (jointly.css): each
        // cell with something in it is labelled with its column's heading
        // as seen (a heading only for screen readers labels nothing, so a
        // row's "Change" link is not read "Change: Change").
        "for (const table of document.querySelectorAll('table.govuk-table:not(.jointly-grid)')) {\n"
        "  const heads = [...table.querySelectorAll('thead th')].map((th) => {\n"
        "    const seen = th.cloneNode(true);\n"
        "    seen.querySelectorAll('.govuk-visually-hidden').forEach((e) => e.remove());\n"
        "    return seen.textContent.trim();\n"
        "  });\n"
        "  for (const row of table.querySelectorAll('tbody tr')) {\n"
        "    [...row.children].forEach((cell, i) => {\n"
        "      if (heads[i] && i > 0 && cell.textContent.trim()) cell.dataset.label = heads[i];\n"
        "    });\n"
        "  }\n"
        "}\n",
        "text/javascript");
  });
  // Tables that fit a phone: below GOV.UK's tablet width a table's rows
  // become blocks, one cell a line, labelled by its column (jointly.mjs),
  // and a word longer than the line (an e-mail address) breaks;
  // a grid of quarters keeps its shape and scrolls inside its own box.
  RawRoute("GET", "/static/jointly.css", [](const Request&, Response& res) {
    res.SetHeader("Cache-Control", "public, max-age=3600");
    res.SetContent(
        // A word too long for its line breaks rather than widen the page;
        // in a table only such a word breaks, and numbers never do.
        "main { overflow-wrap: break-word; }\n"
        ".govuk-summary-list__value, .govuk-summary-card__content, .govuk-inset-text "
        "{ overflow-wrap: anywhere; }\n"
        ".govuk-table__cell, .govuk-table__header { overflow-wrap: break-word; }\n"
        ".govuk-table__cell--numeric, .govuk-table__header--numeric { white-space: nowrap; }\n"
        ".jointly-pre-line { white-space: pre-line; }\n"
        // A Back link that sends a form's answers back to it (a check page).
        ".jointly-back-button { background: none; border-width: 0 0 1px; padding-top: 0; "
        "padding-right: 0; cursor: pointer; }\n"
        // The language switch of a page with a Welsh version.
        ".jointly-language-switch { text-align: right; margin-bottom: 20px; }\n"
        ".jointly-language-switch__list { list-style: none; margin: 0; padding: 0; }\n"
        ".jointly-language-switch__item { display: inline-block; margin-left: 10px; }\n"
        ".jointly-language-switch__item--current { font-weight: 700; }\n"
        // Words added and removed between two versions of a text.
        ".jointly-added { background: #cce2d8; text-decoration: underline; }\n"
        ".jointly-removed { background: #f4cdc6; text-decoration: line-through; }\n"
        // What was typed, quoted in a table (a record's history): even a
        // table's narrowest column breaks it rather than widen the page.
        ".jointly-long-text { overflow-wrap: anywhere; }\n"
        ".jointly-nowrap { white-space: nowrap; }\n"
        ".jointly-scroll { position: relative; overflow-x: auto; margin-bottom: 20px; }\n"
        ".jointly-scroll .govuk-table { margin-bottom: 0; }\n"
        ".jointly-scroll .govuk-table__cell, .jointly-scroll .govuk-table__header "
        "{ overflow-wrap: normal; }\n"
        "@media (max-width: 40.0525em) {\n"
        "  .govuk-table:not(.jointly-grid) thead { position: absolute; width: 1px; height: 1px; "
        "overflow: hidden; clip: rect(0 0 0 0); }\n"
        "  .govuk-table:not(.jointly-grid) tr { display: block; padding: 10px 0; "
        "border-bottom: 1px solid #b1b4b6; }\n"
        "  .govuk-table:not(.jointly-grid) th, .govuk-table:not(.jointly-grid) td "
        "{ display: block; border: 0; padding: 2px 0; text-align: left; "
        "overflow-wrap: anywhere; }\n"
        "  .govuk-table:not(.jointly-grid) td[data-label]::before { content: attr(data-label) "
        "\": \"; font-weight: 700; }\n"
        "}\n"
        // A document to print (the draft report): its marking stands out,
        // and on paper only the document is printed, each part on a page.
        ".jointly-marking { text-align: center; font-weight: 700; }\n"
        ".jointly-draft { color: #d4351c; }\n"
        "@media print {\n"
        "  .govuk-template__header, .govuk-footer, .govuk-skip-link, .jointly-no-print "
        "{ display: none; }\n"
        "  .jointly-page-break { break-after: page; border: 0; }\n"
        "}\n",
        "text/css; charset=utf-8");
  });
  RawRoute("GET", "/healthz", [this](const Request&, Response& res) {
    if (CheckDatabase(db_).ok()) {
      SendJson(res, 200, {{"status", "ok"}});
    } else {
      SendProblem(res, Unavailable("the database is not answering"));
    }
  });
  if (config_.bench_endpoints) {
    // A fixed body of about 2 KB, to compare the HTTP layer alone with a
    // real endpoint in bench/.
    std::string fixed = "{\"items\":[";
    for (int i = 0; i < 20; ++i) {
      if (i) fixed += ",";
      fixed += "{\"id\":" + std::to_string(i) + ",\"code\":\"BENCH-" + std::to_string(1000 + i) +
               "\",\"name\":\"Benchmark body " + std::to_string(i) + "\",\"version\":1}";
    }
    fixed += "],\"padding\":\"" + std::string(2048 - fixed.size() - 16, 'x') + "\"}";
    RawRoute(
        "GET", "/bench/fixed",
        [fixed](const Request&, Response& res) { res.SetContent(fixed, "application/json"); },
        Work::kShortRead);
    RawRoute("GET", "/bench/slow", [fixed](const Request& req, Response& res) {
      const auto ms = ParseInt(req.Param("ms"), 0, 10000);
      std::this_thread::sleep_for(std::chrono::milliseconds(ms.value_or(0)));
      res.SetContent(fixed, "application/json");
    });
  }
}

}  // namespace jointly::web
