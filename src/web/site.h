// The web core: routes with the permission each needs (deny by default),
// who the caller is (sessions and API tokens), CSRF, the one-time password
// gate, errors as problem+json or GOV.UK pages, the OpenAPI document, and
// static assets. It names no feature: each feature (web/feature.h)
// registers its own routes, and apps/ decides which features a site has.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/crypto.h"
#include "domain/access.h"
#include "store/counting_database.h"
#include "store/database.h"
#include "web/http.h"
#include "web/public_cache.h"
#include "web/record_api.h"
#include "web/request.h"
#include "web/router.h"
#include "web/transport.h"

namespace jointly::web {

template <typename T>
struct RecordApi;
class Feature;

struct WebConfig {
  std::string host = "127.0.0.1";
  int port = 8080;              // 0: any free port
  std::string assets_dir;       // govuk-frontend's dist/govuk folder
  int threads = 16;             // worker threads that run handlers (they block on the database)
  size_t max_queue = 1024;      // requests waiting for a worker; when full, 503 with Retry-After
  bool secure_cookies = false;  // set when served over HTTPS
  // Where people reach the site ("https://jointly.example.gov.uk"), for
  // links in documents and to check where a browser's change came from;
  // empty: http://host:port as configured.
  std::string public_url;
  std::string trusted_proxy;  // a reverse proxy's address: its X-Real-IP names the client
  // GET /bench/fixed: a fixed 2 KB JSON body; GET /bench/slow?ms=N: an
  // answer after N milliseconds (at most 10,000) holding a worker, to fill
  // the workers in tests of a busy server.
  bool bench_endpoints = false;
  // Tests only: when set, every routed response carries
  // X-Jointly-Transactions: reads=N writes=M, the transactions its handling
  // opened on this thread (sign-in check included).
  std::function<TransactionCounts()> transactions_on_this_thread;
  // Which state of the released store the database is in
  // (ReleasedGeneration(), store/release_watch.h): when set, public pages
  // are answered from their renderings while it stays the same
  // (web/public_cache.h).
  std::function<uint64_t()> released_generation;
  PasswordHashParams password_hash;
};

// Who a session cookie or an API token belongs to; the people feature
// answers.
struct SignedIn {
  Caller caller;
  std::string csrf_token;  // the session's; empty for API tokens
  bool must_change_password = false;
};
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // Unauthenticated if the token or session is unknown, expired or revoked.
  // An API token's csrf_token is empty.
  virtual StatusOr<SignedIn> CallerFromApiToken(const std::string& token) = 0;
  virtual StatusOr<SignedIn> CallerFromSession(const std::string& session) = 0;
};

class Site {
 public:
  enum class Surface { kApi, kPage };
  // What a route's work may do, which decides where it runs.
  enum class Work {
    // Anything: writes, lock waits, documents, the optimiser, exports. Runs
    // on a worker thread.
    kMayBlock,
    // A short read that takes no lock and writes nothing: one record by its
    // id, or one page of a list with a bounded size, found through an
    // index. On SQLite it runs inline on the I/O thread that read the
    // request (on that thread's own connection), skipping the hand-off to
    // a worker and back; on PostgreSQL, where every read is a round trip,
    // it runs on a worker like the rest. The sign-in check is a read too.
    kShortRead,
  };
  // Which requests of a kShortRead route are short, where some are not
  // (a search by words ranks every match): the others run on a worker.
  using ShortWhen = std::function<bool(const Request&)>;
  using Handler = std::function<void(const Request&, Response&, RequestContext&)>;

  // `db` is only checked by /healthz.
  Site(WebConfig config, Database& db);
  ~Site();

  const WebConfig& config() const { return config_; }

  // Who callers are. REQUIRES: set before Bind().
  void SetAuthenticator(Authenticator& authenticator) { authenticator_ = &authenticator; }
  // Adds a feature: it registers its routes now and lives as long as the site.
  void Add(std::unique_ptr<Feature> feature);
  // Keeps `owned` (services the features share) as long as the site.
  void Keep(std::shared_ptr<void> owned) { kept_.push_back(std::move(owned)); }

  // Binds the listening socket, once every feature is added. Returns the
  // port (useful with port 0), or Unavailable if the address is in use.
  StatusOr<int> Bind();
  // Serves until Stop(). REQUIRES: Bind() succeeded.
  void Run();
  void Stop();

  // For features: a route served after the caller, permission, CSRF and
  // one-time password checks; API routes are matched to their operation
  // in the OpenAPI document.
  void Route(const std::string& method, const std::string& pattern, Surface surface,
             Permission permission, Handler handler, Work work = Work::kMayBlock,
             ShortWhen short_when = {});
  // A route served as it is: no caller, permission or CSRF checks.
  void RawRoute(const std::string& method, const std::string& pattern,
                std::function<void(const Request&, Response&)> serve, Work work = Work::kMayBlock,
                ShortWhen short_when = {});
  // Problem for the API, an error page for pages.
  void Fail(const Request& req, Response& res, Surface surface, const RequestContext& ctx,
            const Status& status);
  // The configured public URL without a trailing "/", else
  // "http://host:port" as configured; for links in documents. Never taken
  // from the request (its Host header is the client's to choose).
  std::string PublicBase(const Request& req) const;
  OpenApi& openapi() { return openapi_; }

  // web/record_routes.h: the API of a described record.
  template <typename T>
  void RegisterRecordApi(const RecordApi<T>& spec);

 private:
  // Finds the route for the request and serves it; 404 if none matches.
  void Handle(Request& req, Response& res);
  // Whether the request is for a kShortRead route and this thread has a
  // database connection of its own to read it on.
  bool RunsInline(const Request& req) const;
  // What the transport answers for a request it could not read or that no
  // route took: problem+json under /api/, else a page.
  static void Refuse(int http_status, const std::string& path, Response& res);
  // The largest request body `path` accepts: 1 MiB, more for CSV imports.
  static uint64_t BodyLimit(const std::string& path);
  // Whether `path` takes files as multipart/form-data (attachments).
  static bool TakesFiles(const std::string& path);
  // `api_route` indexes api_routes_ for an API route, else is kNoApiRoute.
  void Serve(const Request& req, Response& res, Surface surface, Permission permission,
             size_t api_route, const Handler& handler);
  void RegisterCore();
  // Whether an unsafe request a browser may have sent on its cookie came
  // from this site: its Origin (or, without one, its Referer) names this
  // site's origin. A request with neither (a script) passes.
  bool FromThisSite(const Request& req) const;
  // Whether `origin` ("http://host:port", lower-cased) is this site's.
  bool IsThisSite(const Request& req, const std::string& origin) const;
  // The page `back` as the reader left it, when they came from it: its
  // filters and page kept from this site's Referer ("/bodies?offset=40"),
  // without the banner of what was done there. `back` otherwise.
  std::string AsLeft(const Request& req, const std::string& back) const;

  WebConfig config_;
  std::unique_ptr<PublicPageCache> public_pages_;  // when config_.released_generation is set
  int bound_port_ = 0;                             // the port Bind() bound (config_.port may be 0)
  Database& db_;
  Authenticator* authenticator_ = nullptr;
  std::vector<std::shared_ptr<void>> kept_;
  std::vector<std::unique_ptr<Feature>> features_;
  OpenApi openapi_;
  // Every API route, in the order registered; read-only once Bind() has
  // bound them to the document.
  std::vector<ApiRoute> api_routes_;
  static constexpr size_t kNoApiRoute = SIZE_MAX;
  std::string openapi_json_;  // openapi_'s document, written by Bind()
  // What each route serves, indexed by the value router_ answers.
  std::vector<std::function<void(const Request&, Response&)>> routes_;
  // Each route's work, and which of its requests are short (empty: all),
  // indexed as routes_.
  std::vector<Work> works_;
  std::vector<ShortWhen> short_when_;
  Router router_;
  std::unique_ptr<Transport> transport_;
};

inline constexpr const char* kSessionCookie = "jointly_session";
inline constexpr const char* kPreSessionCookie = "jointly_presession";

}  // namespace jointly::web
