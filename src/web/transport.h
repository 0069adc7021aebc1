// The HTTP transport: accepts connections, reads requests into the
// project's own Request, hands them to one function and writes its
// Response. The only part of Jointly that names the HTTP library.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "web/request.h"

namespace jointly::web {

struct TransportConfig {
  std::string host = "127.0.0.1";
  int port = 8080;         // 0: any free port
  std::string assets_dir;  // served under /assets and /govuk when set
  int threads = 64;
  // Headers every answer carries unless it set its own (security headers,
  // caching), static files and refusals included.
  NameValues every_response;
};

using ServeRequest = std::function<void(Request&, Response&)>;

class Transport {
 public:
  virtual ~Transport() = default;
  // Binds the listening socket. Returns the port (useful with port 0), or
  // Unavailable if the address is in use.
  virtual StatusOr<int> Bind() = 0;
  // Serves until Stop(). REQUIRES: Bind() succeeded.
  virtual void Run() = 0;
  virtual void Stop() = 0;
};

// A transport on cpp-httplib: a fixed pool of threads, each holding one
// connection. `serve` answers every request; `refuse` answers requests
// the transport could not read (413, 400, an unknown method), given the
// HTTP status and the path.
std::unique_ptr<Transport> NewThreadPoolTransport(
    TransportConfig config, ServeRequest serve,
    std::function<void(int http_status, const std::string& path, Response&)> refuse);

}  // namespace jointly::web
