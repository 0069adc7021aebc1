// The Jointly web application: JSON API under /api/v1, GOV.UK pages, static
// assets. Every route declares the Permission it needs; a request is
// refused unless the caller holds it (deny by default).
#pragma once

#include <functional>
#include <memory>
#include <regex>
#include <string>

#include "core/clock.h"
#include "core/crypto.h"
#include "planning/solver.h"
#include "service/consultation_service.h"
#include "service/decision_service.h"
#include "service/directory_service.h"
#include "service/governance_service.h"
#include "service/people_service.h"
#include "service/programme_service.h"
#include "store/counting_database.h"
#include "store/database.h"
#include "web/http.h"
#include "web/page_helpers.h"
#include "web/record_api.h"
#include "web/request.h"
#include "web/transport.h"

namespace jointly::web {

template <typename T>
struct RecordApi;

struct WebConfig {
  std::string host = "127.0.0.1";
  int port = 8080;               // 0: any free port
  std::string assets_dir;        // govuk-frontend's dist/govuk folder
  int threads = 64;              // each keep-alive connection holds one
  bool secure_cookies = false;   // set when served over HTTPS
  bool bench_endpoints = false;  // GET /bench/fixed: a fixed 2 KB JSON body
  // Tests only: when set, every routed response carries
  // X-Jointly-Transactions: reads=N writes=M, the transactions its handling
  // opened on this thread (sign-in check included).
  std::function<TransactionCounts()> transactions_on_this_thread;
  PasswordHashParams password_hash;
};

class App {
 public:
  // `solver` runs the optimiser on its own worker thread; apps/ picks it.
  App(WebConfig config, Database& db, const Clock& clock, std::unique_ptr<MipSolver> solver);
  ~App();

  // Binds the listening socket. Returns the port (useful with port 0), or
  // Unavailable if the address is in use.
  StatusOr<int> Bind();
  // Serves until Stop(). REQUIRES: Bind() succeeded.
  void Run();
  void Stop();

 private:
  enum class Surface { kApi, kPage };
  using Handler = std::function<void(const Request&, Response&, RequestContext&)>;

  void Route(const std::string& method, const std::string& pattern, Surface surface,
             Permission permission, Handler handler);
  // `api_route` indexes api_routes_ for an API route, else is kNoApiRoute.
  // A route served as it is: no caller, permission or CSRF checks.
  void RawRoute(const std::string& method, const std::string& pattern,
                std::function<void(const Request&, Response&)> serve);
  // Finds the route for the request and serves it; 404 if none matches.
  void Handle(Request& req, Response& res);
  // What the transport answers for a request it could not read or that no
  // route took: problem+json under /api/ (and for 413), else a page.
  static void Refuse(int http_status, const std::string& path, Response& res);
  void Serve(const Request& req, Response& res, Surface surface, Permission permission,
             size_t api_route, const Handler& handler);
  // Problem for the API, an error page for pages.
  void Fail(const Request& req, Response& res, Surface surface, const RequestContext& ctx,
            const Status& status);

  // "http://host:port" as the client addressed this server (its Host
  // header, if it is a plain host name), for links in documents.
  std::string PublicBase(const Request& req) const;

  // Every inspectorate's short name, for labels on pages.
  Names NamesFor(const Caller& caller);
  // Every proposal's title, for labels on pages (empty if the caller may
  // not list proposals).
  ProposalTitles ProposalTitlesFor(const Caller& caller);

  // web/record_routes.h: the API of a described record.
  template <typename T>
  void RegisterRecordApi(const RecordApi<T>& spec);

  void RegisterApi();
  void RegisterProgrammeApi();
  void RegisterPages();
  void RegisterProgrammePages();
  void RegisterConsultationApi();
  void RegisterConsultationPages();
  void RegisterContactPages();
  void RegisterGovernanceApi();
  void RegisterGovernancePages();
  void RegisterStatic();

  WebConfig config_;
  Database& db_;
  const Clock& clock_;
  DirectoryService directory_;
  PeopleService people_;
  JointDecisions decisions_;  // before programme_, which registers its kinds
  ProgrammeService programme_;
  ConsultationService consultation_;
  GovernanceService governance_;
  std::unique_ptr<OptimiserWorker> optimiser_;
  OpenApi openapi_;
  // Every API route, in the order registered; read-only once the
  // constructor has bound them to the document.
  std::vector<ApiRoute> api_routes_;
  static constexpr size_t kNoApiRoute = SIZE_MAX;
  std::string openapi_json_;  // openapi_'s document, written once all routes are registered
  struct RouteEntry {
    std::string method;
    std::regex pattern;
    std::function<void(const Request&, Response&)> serve;
  };
  std::vector<RouteEntry> routes_;  // tried in the order registered
  std::unique_ptr<Transport> transport_;
};

inline constexpr const char* kSessionCookie = "jointly_session";
inline constexpr const char* kPreSessionCookie = "jointly_presession";

}  // namespace jointly::web
