// The HTTP transport: accepts connections, reads requests into the
// project's own Request, hands them to one function and writes its
// Response. The only part of Jointly that names the HTTP library.
#pragma once

#include <chrono>
#include <cstdint>
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
  int threads = 16;        // worker threads that run handlers
  // Requests read and waiting for a worker; when full, 503 with Retry-After.
  size_t max_queue = 1024;
  // Open connections in all and from one client address; a connection over
  // either is answered 503 with Retry-After and closed.
  int max_connections = 10000;
  int max_per_client = 1000;
  uint32_t max_header_bytes = 16 * 1024;  // request line and headers: 414 or 431 over it
  std::chrono::seconds head_timeout{10};  // from the first byte to the end of the head
  std::chrono::seconds body_timeout{60};
  std::chrono::seconds keep_alive_timeout{5};  // idle between requests
  std::chrono::seconds write_timeout{60};
  // The largest body a request may send (Content-Length or chunked alike):
  // 413 over it. `body_limit` answers by method and path when set.
  uint64_t max_body_bytes = 1 << 20;
  std::function<uint64_t(const std::string& method, const std::string& path)> body_limit;
  // The address of a reverse proxy in front (empty: none). Requests from it
  // name their client in X-Real-IP, which is believed from it alone.
  std::string trusted_proxy;
  // Headers every answer carries unless it set its own (security headers,
  // caching), refusals included. Static files set their own caching.
  NameValues every_response;
  // Called once on each I/O thread before it serves anything (to give it
  // what it needs to answer requests inline, such as its own database
  // connection).
  std::function<void()> on_io_thread;
  // Whether a request, read whole, is answered on the I/O thread that read
  // it instead of being handed to a worker: only for work that is short
  // and never waits (a bounded, indexed read), since the I/O thread's other
  // connections wait while it runs. Unset: every request goes to a worker.
  std::function<bool(const Request&)> runs_inline;
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

// A transport on Boost.Beast: one I/O thread per core holds every
// connection, handlers run on `config.threads` worker threads (or inline,
// where `config.runs_inline` says so), and the limits of `config` are
// enforced while reading. `serve` answers every
// request; `refuse` answers requests the transport would not or could not
// read (400, 408, 413, 414, 431, 503, and 500 if `serve` threw), given the
// HTTP status and the path (or "/" if none could be read).
std::unique_ptr<Transport> NewBeastTransport(
    TransportConfig config, ServeRequest serve,
    std::function<void(int http_status, const std::string& path, Response&)> refuse);

}  // namespace jointly::web
