#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cstdio>

#include "web/transport.h"

namespace jointly::web {

namespace {

Request FromLibrary(const httplib::Request& in) {
  Request out;
  out.method = in.method;
  out.path = in.path;
  out.body = in.body;
  out.client_address = in.remote_addr;
  out.params.assign(in.params.begin(), in.params.end());
  if (const size_t q = in.target.find('?'); q != std::string::npos) {
    httplib::Params query;
    httplib::detail::parse_query_text(in.target.substr(q + 1), query);
    out.query.assign(query.begin(), query.end());
  }
  out.headers.assign(in.headers.begin(), in.headers.end());
  for (const auto& [name, part] : in.files) {
    out.files.emplace_back(name, UploadedFile{part.filename, part.content_type, part.content});
  }
  return out;
}

void ToLibrary(Response& in, httplib::Response& out) {
  out.status = in.status;
  std::string type;
  for (auto& [name, value] : in.headers) {
    if (name == "Content-Type") {
      type = value;
    } else {
      out.set_header(name, value);
    }
  }
  if (!type.empty() || !in.body.empty()) {
    out.set_content(std::move(in.body), type.empty() ? "text/plain" : type);
  }
}

class ThreadPoolTransport final : public Transport {
 public:
  ThreadPoolTransport(TransportConfig config, ServeRequest serve,
                      std::function<void(int, const std::string&, Response&)> refuse)
      : config_(std::move(config)), serve_(std::move(serve)), refuse_(std::move(refuse)) {
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
        [this](const httplib::Request& req, httplib::Response& res, const std::exception_ptr& ep) {
          try {
            if (ep) std::rethrow_exception(ep);
          } catch (const std::exception& e) {
            std::fprintf(stderr, "jointly: unhandled exception: %s\n", e.what());
          } catch (...) {
            std::fprintf(stderr, "jointly: unhandled exception\n");
          }
          Response out;
          refuse_(500, req.path, out);
          ToLibrary(out, res);
        });
    // Requests the library refused before any handler saw them.
    server_.set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request& req, httplib::Response& res) {
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          Response out;
          refuse_(res.status, req.path, out);
          ToLibrary(out, res);
          return httplib::Server::HandlerResponse::Handled;
        }));
    if (!config_.assets_dir.empty()) {
      server_.set_mount_point("/assets", config_.assets_dir + "/assets");
      server_.set_mount_point("/govuk", config_.assets_dir);
    }
    server_.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
    server_.set_file_extension_and_mimetype_mapping("woff2", "font/woff2");
    server_.set_file_extension_and_mimetype_mapping("woff", "font/woff");
    server_.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      // The GOV.UK Frontend assets are public and versioned by the lockfile.
      if (!res.has_header("Cache-Control") &&
          (req.path.rfind("/assets/", 0) == 0 || req.path.rfind("/govuk/", 0) == 0)) {
        res.set_header("Cache-Control", "public, max-age=86400");
      }
      for (const auto& [name, value] : config_.every_response) {
        if (!res.has_header(name)) res.set_header(name, value);
      }
    });
    auto handle = [this](const httplib::Request& req, httplib::Response& res) {
      Request in = FromLibrary(req);
      Response out;
      serve_(in, out);
      ToLibrary(out, res);
    };
    const std::string any = ".*";
    server_.Get(any, handle);
    server_.Post(any, handle);
    server_.Put(any, handle);
    server_.Patch(any, handle);
    server_.Delete(any, handle);
    server_.Options(any, handle);
  }

  StatusOr<int> Bind() override {
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

  void Run() override { server_.listen_after_bind(); }
  void Stop() override { server_.stop(); }

 private:
  TransportConfig config_;
  ServeRequest serve_;
  std::function<void(int, const std::string&, Response&)> refuse_;
  httplib::Server server_;
  int listen_fd_ = -1;
};

}  // namespace

std::unique_ptr<Transport> NewThreadPoolTransport(
    TransportConfig config, ServeRequest serve,
    std::function<void(int, const std::string&, Response&)> refuse) {
  return std::make_unique<ThreadPoolTransport>(std::move(config), std::move(serve),
                                               std::move(refuse));
}

}  // namespace jointly::web
