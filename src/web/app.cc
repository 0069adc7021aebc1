#include "web/app.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cstdio>

#include "core/embedded.h"
#include "core/text.h"
#include "service/audit_trail.h"
#include "web/templates.h"

namespace jointly::embedded {
const FileMap& WebFiles();
}

namespace jointly::web {

App::App(WebConfig config, Database& db, const Clock& clock, std::unique_ptr<MipSolver> solver)
    : config_(std::move(config)),
      db_(db),
      clock_(clock),
      directory_(db, clock),
      people_(db, clock, config_.password_hash),
      decisions_(db, clock),
      programme_(db, clock, decisions_),
      consultation_(db, clock),
      governance_(db, clock),
      openapi_(nlohmann::json::parse(embedded::WebFiles().at("openapi.json"))) {
  (void)programme_.FailAbandonedRuns();
  optimiser_ = std::make_unique<OptimiserWorker>(programme_, std::move(solver));
  const int threads = config_.threads;
  server_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // Without TCP_NODELAY, Nagle and delayed ACKs add ~40 ms to each reply.
  server_.set_tcp_nodelay(true);
  server_.set_keep_alive_max_count(10000);
  server_.set_keep_alive_timeout(5);
  server_.set_read_timeout(10);
  server_.set_payload_max_length(1 << 20);  // 1 MiB: larger bodies get 413
  server_.set_socket_options([this](socket_t fd) {
    int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd_ = fd;
  });
  server_.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, const std::exception_ptr& ep) {
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          std::fprintf(stderr, "jointly: unhandled exception: %s\n", e.what());
        } catch (...) {
          std::fprintf(stderr, "jointly: unhandled exception\n");
        }
        SendProblem(res, Internal("unhandled exception"));
      });
  // Errors raised by the HTTP library itself (404 for no route, 413, 400).
  server_.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req,
                                                                    httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const int status = res.status;
    const Status s = status == 404 ? NotFound("There is no page at this address")
                     : status == 413
                         ? InvalidArgument("The request body is over 1 MiB", "max-body-size")
                         : InvalidArgument("The request could not be read", "http");
    if (req.path.rfind("/api/", 0) == 0 || status == 413) {
      SendProblem(res, s, status);
    } else {
      res.status = status;
      res.set_content(
          RenderPage("error", {{"title", status == 404 ? "Page not found" : "There is a problem"},
                               {"message", s.message()}}),
          "text/html; charset=utf-8");
    }
    return httplib::Server::HandlerResponse::Handled;
  }));
  server_.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "same-origin");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                   "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    // Pages and API answers may hold personal data: never cached. The
    // GOV.UK Frontend assets are public and versioned by the lockfile.
    if (!res.has_header("Cache-Control")) {
      const bool asset = req.path.rfind("/assets/", 0) == 0 || req.path.rfind("/govuk/", 0) == 0;
      res.set_header("Cache-Control", asset ? "public, max-age=86400" : "no-store");
    }
  });
  RegisterStatic();
  RegisterApi();
  RegisterProgrammeApi();
  RegisterConsultationApi();
  RegisterGovernanceApi();
  RegisterPages();
  RegisterProgrammePages();
  RegisterConsultationPages();
  RegisterContactPages();
  RegisterGovernancePages();
  if (Status bound = openapi_.BindRoutes(api_routes_); !bound.ok()) {
    // A route without its documentation, or the reverse: a programming error.
    std::fprintf(stderr, "jointly: %s\n", bound.message().c_str());
    std::abort();
  }
  openapi_json_ = openapi_.document().dump();
}

App::~App() { optimiser_.reset(); }

StatusOr<int> App::Bind() {
  int port = config_.port;
  if (port == 0) {
    port = server_.bind_to_any_port(config_.host);
    if (port < 0) return Unavailable("cannot bind to " + config_.host);
  } else if (!server_.bind_to_port(config_.host, port)) {
    return Unavailable("cannot listen on " + config_.host + ":" + std::to_string(port) +
                       " (is something else using the port?)");
  }
  // cpp-httplib 0.11 listens with a backlog of 5, which drops connections
  // under load; listen again on the same socket with a real backlog.
  if (listen_fd_ >= 0) ::listen(listen_fd_, 1024);
  return port;
}

void App::Run() { server_.listen_after_bind(); }

void App::Stop() { server_.stop(); }

namespace {

bool IsUnsafe(const std::string& method) { return method != "GET" && method != "HEAD"; }

// The CSRF token a form or script sent: header, form field, or multipart field.
std::string SentCsrf(const httplib::Request& req) {
  std::string v = req.get_header_value("X-CSRF-Token");
  if (!v.empty()) return v;
  if (req.has_param("csrf_token")) return req.get_param_value("csrf_token");
  if (req.has_file("csrf_token")) return req.get_file_value("csrf_token").content;
  return {};
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

void App::Route(const std::string& method, const std::string& pattern, Surface surface,
                Permission permission, Handler handler) {
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
  auto wrapped = [this, surface, permission, api_route, handler = std::move(handler)](
                     const httplib::Request& req, httplib::Response& res) {
    if (!config_.transactions_on_this_thread) {
      return Serve(req, res, surface, permission, api_route, handler);
    }
    const TransactionCounts before = config_.transactions_on_this_thread();
    Serve(req, res, surface, permission, api_route, handler);
    const TransactionCounts after = config_.transactions_on_this_thread();
    res.set_header("X-Jointly-Transactions",
                   "reads=" + std::to_string(after.reads - before.reads) +
                       " writes=" + std::to_string(after.writes - before.writes));
  };
  if (method == "GET") {
    server_.Get(pattern, wrapped);
  } else if (method == "POST") {
    server_.Post(pattern, wrapped);
  } else if (method == "PATCH") {
    server_.Patch(pattern, wrapped);
  } else if (method == "PUT") {
    server_.Put(pattern, wrapped);
  } else if (method == "DELETE") {
    server_.Delete(pattern, wrapped);
  } else {
    std::abort();  // a programming error in route registration
  }
}

void App::Serve(const httplib::Request& req, httplib::Response& res, Surface surface,
                Permission permission, size_t api_route, const Handler& handler) {
  RequestContext ctx;
  // Everything from outside must be UTF-8 before anything looks at it.
  for (const auto& [name, value] : req.params) {
    if (!IsValidUtf8(name) || !IsValidUtf8(value)) {
      Status s = InvalidArgument("Text must be UTF-8", "utf8");
      s.AddFieldError(IsValidUtf8(name) ? name : "query", "utf8",
                      "This value is not valid UTF-8 text");
      return Fail(req, res, surface, ctx, s);
    }
  }
  // Who is calling.
  const std::string authorization = req.get_header_value("Authorization");
  if (authorization.rfind("Bearer ", 0) == 0) {
    if (surface != Surface::kApi) {
      return Fail(req, res, surface, ctx, Unauthenticated("API tokens work only under /api/v1"));
    }
    auto caller = people_.CallerFromApiToken(authorization.substr(7));
    if (!caller.ok()) return Fail(req, res, surface, ctx, caller.status());
    ctx.caller = *caller;
  } else if (const std::string cookie = GetCookie(req, kSessionCookie); !cookie.empty()) {
    auto session = people_.CallerFromSession(cookie);
    if (session.ok()) {
      ctx.caller = session->caller;
      ctx.csrf_token = session->csrf_token;
      ctx.via_session = true;
      ctx.must_change_password = session->must_change_password;
    } else if (session.status().code() != StatusCode::kUnauthenticated) {
      return Fail(req, res, surface, ctx, session.status());
    }
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
    if (!bearer && !json_sign_in && (expected.empty() || !SecureEquals(sent, expected))) {
      return Fail(req, res, surface, ctx,
                  PermissionDenied("The form had expired or did not come from this service; "
                                   "go back, reload the page and try again",
                                   "csrf"));
    }
    if (surface == Surface::kApi && !req.body.empty() &&
        req.get_header_value("Content-Type").rfind("application/json", 0) != 0 &&
        req.get_header_value("Content-Type").rfind("text/csv", 0) != 0) {
      return SendProblem(res, InvalidArgument("Send the body as application/json", "content-type"),
                         415);
    }
  }
  if (ctx.must_change_password &&
      !ServedBeforePasswordChange(req.path, surface == Surface::kApi, permission)) {
    if (surface == Surface::kPage) {
      res.set_redirect("/account/password", 303);
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
  try {
    handler(req, res, ctx);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "jointly: %s %s failed: %s\n", req.method.c_str(), req.path.c_str(),
                 e.what());
    Fail(req, res, surface, ctx, Internal(e.what()));
  }
}

std::string App::PublicBase(const httplib::Request& req) const {
  std::string host = req.get_header_value("Host");
  const bool plain = !host.empty() && host.size() <= 255 &&
                     host.find_first_not_of(
                         "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                         "0123456789.-:[]") == std::string::npos;
  if (!plain) host = config_.host + ":" + std::to_string(config_.port);
  return (config_.secure_cookies ? "https://" : "http://") + host;
}

ProposalTitles App::ProposalTitlesFor(const Caller& caller) {
  ProposalTitles out;
  if (auto all = programme_.Proposals(caller, {}); all.ok()) {
    for (const auto& p : *all) out.title[p.proposal.id] = p.proposal.title;
  }
  return out;
}

Names App::NamesFor(const Caller& caller) {
  auto all = directory_.Inspectorates(caller);
  return NamesOf(all.ok() ? *all : std::vector<Inspectorate>{});
}

void App::Fail(const httplib::Request& req, httplib::Response& res, Surface surface,
               const RequestContext& ctx, const Status& status) {
  if (surface == Surface::kApi) return SendProblem(res, status);
  if (status.code() == StatusCode::kUnauthenticated && req.method == "GET") {
    res.set_redirect("/sign-in?next=" + httplib::detail::encode_query_param(req.path), 303);
    return;
  }
  const int http = HttpStatusFor(status.code());
  nlohmann::json data = {{"title", http == 404   ? "Page not found"
                                   : http == 403 ? "You do not have access to this page"
                                   : http >= 500 ? "Sorry, there is a problem with the service"
                                                 : "There is a problem"},
                         {"message", http >= 500 ? "Try again later." : status.message()}};
  if (!ctx.caller.anonymous()) {
    data["user"] = {{"email", ctx.caller.email}};
    data["csrf_token"] = ctx.csrf_token;
  }
  res.status = http;
  res.set_content(RenderPage("error", data), "text/html; charset=utf-8");
}

void App::RegisterStatic() {
  if (!config_.assets_dir.empty()) {
    server_.set_mount_point("/assets", config_.assets_dir + "/assets");
    server_.set_mount_point("/govuk", config_.assets_dir);
  }
  server_.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
  server_.set_file_extension_and_mimetype_mapping("woff2", "font/woff2");
  server_.set_file_extension_and_mimetype_mapping("woff", "font/woff");
  server_.Get("/static/jointly.mjs", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "public, max-age=3600");
    res.set_content(
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
        "}\n",
        "text/javascript");
  });
  server_.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
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
    server_.Get("/bench/fixed", [fixed](const httplib::Request&, httplib::Response& res) {
      res.set_content(fixed, "application/json");
    });
  }
}

}  // namespace jointly::web
