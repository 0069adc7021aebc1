// The transport on Boost.Beast and Asio: an io_context run by one thread
// per core, a state machine per connection (callbacks on the connection's
// strand), and handlers on a bounded pool of worker threads, because they
// block on the database; short reads the site names run inline on the I/O
// thread instead, saving two thread switches. Every limit is enforced while
// the request is read.
#include <malloc.h>
#include <sys/resource.h>
#include <zlib.h>

// clang-format off
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange
// clang-format on

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <utility>

#include "web/transport.h"

namespace jointly::web {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// --- Reading what the client sent -------------------------------------------

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoded `text`; `plus_is_space` for query strings and forms. A
// malformed escape is kept as sent.
std::string Decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      const int hi = HexValue(text[i + 1]);
      const int lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

// Appends the name=value pairs of a query string or url-encoded form.
void ParseQuery(std::string_view text, NameValues& out) {
  while (!text.empty()) {
    const size_t amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      out.emplace_back(Decode(pair, true), std::string());
    } else {
      out.emplace_back(Decode(pair.substr(0, eq), true), Decode(pair.substr(eq + 1), true));
    }
  }
}

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

// The value of `name` in a header's parameters (`; name=value` or
// `; name="value"`), or "".
std::string HeaderParam(std::string_view header, std::string_view name) {
  size_t at = 0;
  while ((at = header.find(';', at)) != std::string_view::npos) {
    ++at;
    while (at < header.size() && header[at] == ' ') ++at;
    if (!StartsWithNoCase(header.substr(at), name) || at + name.size() >= header.size() ||
        header[at + name.size()] != '=') {
      continue;
    }
    std::string_view value = header.substr(at + name.size() + 1);
    if (!value.empty() && value[0] == '"') {
      const size_t end = value.find('"', 1);
      if (end == std::string_view::npos) return {};
      return std::string(value.substr(1, end - 1));
    }
    return std::string(value.substr(0, value.find(';')));
  }
  return {};
}

// Splits a multipart/form-data body into its parts. False if it is malformed.
bool ParseMultipart(std::string_view body, const std::string& boundary,
                    std::vector<std::pair<std::string, UploadedFile>>& out) {
  if (boundary.empty()) return false;
  const std::string delimiter = "--" + boundary;
  size_t at = body.find(delimiter);
  if (at == std::string_view::npos) return false;
  at += delimiter.size();
  while (true) {
    if (body.substr(at, 2) == "--") return true;  // the closing delimiter
    if (body.substr(at, 2) != "\r\n") return false;
    at += 2;
    const size_t head_end = body.find("\r\n\r\n", at);
    if (head_end == std::string_view::npos) return false;
    std::string name;
    UploadedFile file;
    std::string_view head = body.substr(at, head_end + 2 - at);
    while (!head.empty()) {
      const size_t eol = head.find("\r\n");
      const std::string_view line = head.substr(0, eol);
      head = eol == std::string_view::npos ? std::string_view() : head.substr(eol + 2);
      const size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      if (StartsWithNoCase(line, "content-disposition:")) {
        name = HeaderParam(value, "name");
        file.filename = HeaderParam(value, "filename");
      } else if (StartsWithNoCase(line, "content-type:")) {
        file.content_type = std::string(value);
      }
    }
    const size_t content = head_end + 4;
    const size_t end = body.find("\r\n" + delimiter, content);
    if (end == std::string_view::npos) return false;
    file.content = std::string(body.substr(content, end - content));
    out.emplace_back(std::move(name), std::move(file));
    at = end + 2 + delimiter.size();
  }
}

// The path of a request target ("/a/b?c" or "http://host/a/b?c"), not decoded.
std::string_view TargetPath(std::string_view target) {
  if (StartsWithNoCase(target, "http://") || StartsWithNoCase(target, "https://")) {
    const size_t slash = target.find('/', target.find("//") + 2);
    target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
  }
  return target.substr(0, target.find('?'));
}

// The path named in a request line that could not be read whole, for
// answering under /api/v1 or as a page; "/" if there is none.
std::string PathOfPartialRequest(std::string_view data) {
  const size_t space = data.find(' ');
  if (space == std::string_view::npos) return "/";
  data = data.substr(space + 1);
  data = data.substr(0, data.find_first_of(" \r\n"));
  const std::string_view path = TargetPath(data);
  return path.empty() || path[0] != '/' ? "/" : Decode(path, false);
}

// --- Writing the answer -----------------------------------------------------

// "Tue, 01 Dec 2026 02:00:00 GMT", formatted once a second per thread.
const std::string& DateHeader() {
  thread_local std::time_t last = 0;
  thread_local std::string value;
  const std::time_t now = std::time(nullptr);
  if (now != last) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[40];
    const size_t n = std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    value.assign(text, n);
    last = now;
  }
  return value;
}

bool HasNoBody(int status) { return status == 204 || status == 304 || status < 200; }

// Writes the status line and headers of `res`, whose body is `body_size`
// bytes, into `out` (reused).
void SerializeHead(const Response& res, size_t body_size, const NameValues& every_response,
                   bool keep_alive, std::string& out) {
  out.clear();
  out += "HTTP/1.1 ";
  out += std::to_string(res.status);
  out += ' ';
  const auto reason = http::obsolete_reason(static_cast<http::status>(res.status));
  out.append(reason.data(), reason.size());
  out += "\r\nDate: ";
  out += DateHeader();
  out += "\r\n";
  bool typed = false;
  for (const auto& [name, value] : res.headers) {
    if (value.find_first_of("\r\n") != std::string::npos) continue;
    if (!typed && name.size() == 12 && StartsWithNoCase(name, "content-type")) typed = true;
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  for (const auto& [name, value] : every_response) {
    if (res.HasHeader(name)) continue;
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  if (!typed && body_size > 0) out += "Content-Type: text/plain\r\n";
  if (!HasNoBody(res.status)) {
    out += "Content-Length: ";
    out += std::to_string(body_size);
    out += "\r\n";
  }
  if (!keep_alive) out += "Connection: close\r\n";
  out += "\r\n";
}

// --- Static files -----------------------------------------------------------

struct StaticFile {
  std::string type;
  std::string body;
  std::string gzipped;  // empty when compressing does not pay
  std::string etag;     // of the identity body; the gzipped one adds "-gz"
};

std::string Gzip(const std::string& data) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    return {};
  }
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int done = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return done == Z_STREAM_END ? out : std::string();
}

std::string ContentType(const std::string& extension, bool& compressible) {
  static const std::map<std::string, std::pair<const char*, bool>> kTypes = {
      {".css", {"text/css", true}},          {".js", {"text/javascript", true}},
      {".mjs", {"text/javascript", true}},   {".map", {"application/json", true}},
      {".json", {"application/json", true}}, {".svg", {"image/svg+xml", true}},
      {".txt", {"text/plain", true}},        {".html", {"text/html", true}},
      {".ico", {"image/x-icon", true}},      {".png", {"image/png", false}},
      {".jpg", {"image/jpeg", false}},       {".woff2", {"font/woff2", false}},
      {".woff", {"font/woff", false}},
  };
  const auto found = kTypes.find(extension);
  if (found == kTypes.end()) {
    compressible = false;
    return "application/octet-stream";
  }
  compressible = found->second.second;
  return found->second.first;
}

// The files under the assets folder, each read and compressed once, the
// first time it is asked for. Thread-safe.
class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}

  // The file at `relative` (already decoded), or nullptr if there is none.
  std::shared_ptr<const StaticFile> Find(const std::string& relative) {
    {
      std::shared_lock lock(mutex_);
      if (auto found = files_.find(relative); found != files_.end()) return found->second;
    }
    std::shared_ptr<const StaticFile> file = Load(relative);
    std::unique_lock lock(mutex_);
    // Only files that exist are kept, so unknown names cannot fill memory.
    if (file != nullptr) files_.emplace(relative, file);
    return file;
  }

 private:
  std::shared_ptr<const StaticFile> Load(const std::string& relative) const {
    namespace fs = std::filesystem;
    if (relative.find('\0') != std::string::npos) return nullptr;
    for (std::string_view rest = relative; !rest.empty();) {
      const size_t slash = rest.find('/');
      const std::string_view segment = rest.substr(0, slash);
      if (segment == ".." || segment == ".") return nullptr;
      rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    }
    const fs::path path = fs::path(root_) / relative;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return nullptr;
    std::ifstream in(path, std::ios::binary);
    if (!in) return nullptr;
    std::ostringstream content;
    content << in.rdbuf();
    auto file = std::make_shared<StaticFile>();
    file->body = std::move(content).str();
    bool compressible = false;
    file->type = ContentType(path.extension().string(), compressible);
    if (compressible && file->body.size() > 256) {
      std::string gz = Gzip(file->body);
      if (!gz.empty() && gz.size() < file->body.size()) file->gzipped = std::move(gz);
    }
    // FNV-1a of the content: changes when the file does.
    uint64_t hash = 1469598103934665603ULL;
    for (const unsigned char c : file->body) hash = (hash ^ c) * 1099511628211ULL;
    char etag[24];
    std::snprintf(etag, sizeof etag, "%016llx", static_cast<unsigned long long>(hash));
    file->etag = etag;
    return file;
  }

  const std::string root_;
  std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const StaticFile>> files_;
};

// Whether an If-None-Match header names `etag` (quoted, weak or not) or is *.
bool EtagMatches(std::string_view header, std::string_view etag) {
  if (header.find('*') != std::string_view::npos) return true;
  size_t at = 0;
  while ((at = header.find(etag, at)) != std::string_view::npos) {
    const size_t end = at + etag.size();
    if (at > 0 && header[at - 1] == '"' && end < header.size() && header[end] == '"') return true;
    at = end;
  }
  return false;
}

// --- The worker pool --------------------------------------------------------

// Threads that run handlers, with a bounded queue: Post refuses work when
// the queue is full.
class WorkerPool {
 public:
  WorkerPool(int threads, size_t max_queue) : max_queue_(max_queue) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
  }
  ~WorkerPool() { Stop(); }

  bool Post(std::function<void()> job) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_ || queue_.size() >= max_queue_) return false;
      queue_.push_back(std::move(job));
    }
    ready_.notify_one();
    return true;
  }

  // Finishes the jobs running, drops the ones waiting, and joins.
  void Stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      queue_.clear();
    }
    ready_.notify_all();
    for (std::thread& t : threads_) {
      if (t.joinable()) t.join();
    }
  }

 private:
  void Work() {
    while (true) {
      std::function<void()> job;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        job = std::move(queue_.front());
        queue_.pop_front();
      }
      job();
    }
  }

  const size_t max_queue_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// --- The server -------------------------------------------------------------

using RefuseFn = std::function<void(int, const std::string&, Response&)>;

class BeastTransport;

// One connection: read a request head, then its body, hand it to a worker,
// write the answer, and again while the client keeps the connection alive.
// Every callback runs on the connection's strand.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(BeastTransport& server, tcp::socket socket, std::string address, bool over_limit);
  ~Connection();
  void Start();

 private:
  void WaitForRequest();
  void ReadHead();
  void OnHead(beast::error_code ec);
  void OnBody(beast::error_code ec);
  // Hands the request read to a worker, or serves it here if it is short.
  void Dispatch();
  // Runs the site's handler for request_ into response_ (500 if it throws).
  void Serve();
  void ServeStatic(const std::string& mount, const std::string& relative);
  // Answers `status` through the site's refusal and closes the connection.
  void Refuse(int status, const std::string& path, int retry_after = 0);
  // Serializes the head of response_ and decides what body goes out; the
  // connection is kept if the client and the server both want it.
  bool Prepare(bool keep_alive);
  void Write(bool keep_alive);
  // Writes what is left after the first `written` bytes.
  void WriteFrom(bool keep_alive, size_t written);
  void AnswerFromWorker(bool keep_alive);
  void OnWritten(beast::error_code ec, bool keep_alive);
  // Reads and drops what the client is still sending, for a short while,
  // so that closing does not reset the connection before it reads the answer.
  void Linger();
  void Arm(Clock::duration timeout);
  void Close();

  BeastTransport& server_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  const std::string address_;
  const bool over_limit_;
  bool http10_ = false;  // an HTTP/1.0 client keeps the connection only if told
  bool timed_out_ = false;
  uint64_t armed_ = 0;  // which Arm() the timer's wait belongs to
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Request request_;
  Response response_;
  std::string head_;       // the serialized status line and headers, reused
  std::string_view body_;  // what follows head_: response_'s body or a static file's
  std::shared_ptr<const StaticFile> static_file_;
  std::string_view static_body_;
  std::array<char, 16384> drain_{};
  size_t drained_ = 0;
};

class BeastTransport final : public Transport {
 public:
  BeastTransport(TransportConfig config, ServeRequest serve, RefuseFn refuse)
      : config_(std::move(config)),
        serve_(std::move(serve)),
        refuse_(std::move(refuse)),
        io_threads_(std::max(1u, std::thread::hardware_concurrency())),
        io_(io_threads_),
        acceptor_(io_),
        ticker_(io_) {
    if (!config_.assets_dir.empty()) {
      govuk_ = std::make_unique<StaticFiles>(config_.assets_dir);
    }
  }

  ~BeastTransport() override {
    if (workers_ != nullptr) workers_->Stop();
  }

  StatusOr<int> Bind() override {
    // Each connection holds a descriptor: allow as many as the system does.
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
      files.rlim_cur = files.rlim_max;
      setrlimit(RLIMIT_NOFILE, &files);
    }
    beast::error_code ec;
    const auto address = asio::ip::make_address(config_.host, ec);
    if (ec) return Unavailable("cannot listen on " + config_.host + ": not an IP address");
    const tcp::endpoint endpoint(address, static_cast<unsigned short>(config_.port));
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(1024, ec);
    if (ec) {
      return Unavailable("cannot listen on " + config_.host + ":" + std::to_string(config_.port) +
                         " (is something else using the port?)");
    }
    return static_cast<int>(acceptor_.local_endpoint().port());
  }

  void Run() override {
    // Handlers run on any worker, and a large block freed on one (Argon2's
    // memory when a password is checked) would otherwise raise glibc's
    // mmap threshold and then stay in each worker's arena: keep such
    // blocks mapped, so they go back to the system when freed.
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    workers_ = std::make_unique<WorkerPool>(std::max(1, config_.threads), config_.max_queue);
    Accept();
    Tick();
    auto serve = [this] {
      if (config_.on_io_thread) config_.on_io_thread();
      io_.run();
    };
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < io_threads_; ++i) threads.emplace_back(serve);
    serve();
    for (std::thread& t : threads) t.join();
    workers_->Stop();
  }

  // Safe from a signal handler: the ticker sees the flag and stops.
  void Stop() override { stopping_ = true; }

  const TransportConfig& config() const { return config_; }
  const ServeRequest& serve() const { return serve_; }
  const RefuseFn& refuse() const { return refuse_; }
  WorkerPool& workers() { return *workers_; }
  StaticFiles* govuk() { return govuk_.get(); }
  bool stopping() const { return stopping_; }

  void Closed(const std::string& address) {
    std::lock_guard lock(connections_mutex_);
    --open_;
    if (auto found = per_address_.find(address); found != per_address_.end()) {
      if (--found->second <= 0) per_address_.erase(found);
    }
  }

 private:
  void Accept() {
    acceptor_.async_accept(
        asio::make_strand(io_), [this](beast::error_code ec, tcp::socket socket) {
          if (ec == asio::error::operation_aborted) return;
          if (ec) {
            // Out of descriptors, most likely: try again shortly.
            auto wait = std::make_shared<asio::steady_timer>(io_, std::chrono::milliseconds(50));
            wait->async_wait([this, wait](beast::error_code) { Accept(); });
            return;
          }
          beast::error_code ignored;
          socket.set_option(tcp::no_delay(true), ignored);
          const auto remote = socket.remote_endpoint(ignored);
          std::string address = ignored ? std::string("unknown") : remote.address().to_string();
          bool over_limit = false;
          {
            std::lock_guard lock(connections_mutex_);
            int& mine = per_address_[address];
            if (open_ >= config_.max_connections + 256) {
              // Far over the limit: not even a refusal.
              if (mine == 0) per_address_.erase(address);
              socket.close(ignored);
              Accept();
              return;
            }
            over_limit = open_ >= config_.max_connections || mine >= config_.max_per_client;
            ++open_;
            ++mine;
          }
          std::make_shared<Connection>(*this, std::move(socket), std::move(address), over_limit)
              ->Start();
          Accept();
        });
  }

  void Tick() {
    if (stopping_) {
      beast::error_code ignored;
      acceptor_.close(ignored);
      io_.stop();
      return;
    }
    // Every ten seconds the memory freed since is given back to the
    // system: a large answer's memory would otherwise stay with the worker
    // that built it, and a server that has answered a few large requests
    // on each of its workers would keep their sum for good.
    if (++ticks_ % 100 == 0) malloc_trim(0);
    ticker_.expires_after(std::chrono::milliseconds(100));
    ticker_.async_wait([this](beast::error_code ec) {
      if (!ec) Tick();
    });
  }

  // Connections still queued in io_ when it is destroyed use what is
  // declared before it.
  const TransportConfig config_;
  const ServeRequest serve_;
  const RefuseFn refuse_;
  std::unique_ptr<StaticFiles> govuk_;
  std::atomic<bool> stopping_{false};
  std::mutex connections_mutex_;
  int open_ = 0;
  std::unordered_map<std::string, int> per_address_;
  const unsigned io_threads_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  asio::steady_timer ticker_;
  int64_t ticks_ = 0;
  std::unique_ptr<WorkerPool> workers_;
};

Connection::Connection(BeastTransport& server, tcp::socket socket, std::string address,
                       bool over_limit)
    : server_(server),
      socket_(std::move(socket)),
      timer_(socket_.get_executor()),
      address_(std::move(address)),
      over_limit_(over_limit) {}

Connection::~Connection() { server_.Closed(address_); }

void Connection::Start() { WaitForRequest(); }

void Connection::Arm(Clock::duration timeout) {
  timed_out_ = false;
  const uint64_t armed = ++armed_;
  timer_.expires_after(timeout);
  timer_.async_wait([self = shared_from_this(), armed](beast::error_code ec) {
    // Cancelled, or re-armed after it expired but before this ran.
    if (ec || armed != self->armed_) return;
    self->timed_out_ = true;
    beast::error_code ignored;
    self->socket_.cancel(ignored);
  });
}

void Connection::Close() {
  beast::error_code ignored;
  timer_.cancel();
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

// Between requests the connection may stay idle for the keep-alive time;
// once a byte arrives, the head must follow within the head time.
void Connection::WaitForRequest() {
  if (server_.stopping()) return Close();
  if (buffer_.size() > 0) return ReadHead();
  Arm(server_.config().keep_alive_timeout);
  socket_.async_wait(tcp::socket::wait_read, [self = shared_from_this()](beast::error_code ec) {
    if (ec || self->timed_out_) return self->Close();
    self->ReadHead();
  });
}

void Connection::ReadHead() {
  parser_.emplace();
  parser_->header_limit(server_.config().max_header_bytes);
  // Decided by route once the head is read. (Not boost::none: Beast 1.74
  // compares a Content-Length with the optional, and none is less than any.)
  parser_->body_limit(std::numeric_limits<uint64_t>::max());
  Arm(over_limit_ ? std::chrono::seconds(2) : server_.config().head_timeout);
  http::async_read_header(
      socket_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHead(ec); });
}

void Connection::OnHead(beast::error_code ec) {
  if (ec) {
    // The path, for answering under /api/v1 or as a page: from the request
    // line if the parser got that far, else from what is left unparsed.
    const auto parsed = parser_->get().target();
    const std::string_view seen(static_cast<const char*>(buffer_.data().data()),
                                buffer_.data().size());
    const std::string path = parsed.empty()
                                 ? PathOfPartialRequest(seen)
                                 : PathOfPartialRequest("GET " + std::string(parsed) + " ");
    if (timed_out_) {
      // Slow or silent: answer 408 only to a client that started a request.
      if (seen.empty() && parsed.empty()) return Close();
      return Refuse(408, path);
    }
    if (ec == http::error::end_of_stream || ec == asio::error::eof ||
        ec == asio::error::connection_reset || ec == asio::error::operation_aborted) {
      return Close();
    }
    // Over the limit before the request line ended: the address is too long.
    if (ec == http::error::header_limit) return Refuse(parsed.empty() ? 414 : 431, path);
    return Refuse(400, path);
  }
  auto& head = parser_->get();
  const std::string_view target(head.target().data(), head.target().size());
  const std::string_view raw_path = TargetPath(target);
  if (raw_path.empty() || raw_path[0] != '/') return Refuse(400, "/");
  request_ = Request();
  request_.path = Decode(raw_path, false);
  http10_ = head.version() == 10;
  if (over_limit_) return Refuse(503, request_.path, 5);
  switch (head.method()) {
    case http::verb::get:
    case http::verb::head:
    case http::verb::post:
    case http::verb::put:
    case http::verb::patch:
    case http::verb::delete_:
    case http::verb::options:
      break;
    default:
      return Refuse(400, request_.path);
  }
  const std::string_view method(head.method_string().data(), head.method_string().size());
  request_.method = std::string(method);
  const uint64_t limit = server_.config().body_limit
                             ? server_.config().body_limit(request_.method, request_.path)
                             : server_.config().max_body_bytes;
  if (const auto length = parser_->content_length(); length && *length > limit) {
    return Refuse(413, request_.path);
  }
  parser_->body_limit(limit);
  if (parser_->is_done()) return OnBody({});
  const auto expect = head[http::field::expect];
  if (StartsWithNoCase(std::string_view(expect.data(), expect.size()), "100-continue")) {
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    beast::error_code ignored;
    asio::write(socket_, asio::buffer(kContinue.data(), kContinue.size()), ignored);
  }
  Arm(server_.config().body_timeout);
  http::async_read(socket_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code ec, size_t) { self->OnBody(ec); });
}

void Connection::OnBody(beast::error_code ec) {
  if (ec) {
    if (ec == http::error::body_limit) return Refuse(413, request_.path);
    if (timed_out_) return Refuse(408, request_.path);
    if (ec == http::error::end_of_stream || ec == http::error::partial_message ||
        ec == asio::error::eof || ec == asio::error::connection_reset ||
        ec == asio::error::operation_aborted) {
      return Close();  // the client went away mid-body
    }
    return Refuse(400, request_.path);
  }
  ++armed_;
  timer_.cancel();
  Dispatch();
}

void Connection::Dispatch() {
  auto& message = parser_->get();
  const std::string_view target(message.target().data(), message.target().size());
  const size_t query = target.find('?');
  if (query != std::string_view::npos) {
    ParseQuery(target.substr(query + 1), request_.query);
    request_.params = request_.query;
  }
  for (const auto& field : message) {
    request_.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  const bool keep_alive = message.keep_alive();
  request_.client_address = address_;
  if (!server_.config().trusted_proxy.empty() && address_ == server_.config().trusted_proxy) {
    if (std::string real = request_.Header("X-Real-IP"); !real.empty()) {
      request_.client_address = std::move(real);
    }
  }
  const std::string& path = request_.path;
  auto* govuk = server_.govuk();
  if (govuk != nullptr && (request_.method == "GET" || request_.method == "HEAD")) {
    if (path.rfind("/assets/", 0) == 0) return ServeStatic("/assets/", path.substr(8));
    if (path.rfind("/govuk/", 0) == 0) return ServeStatic("/govuk/", path.substr(7));
  }
  request_.body = std::move(message.body());
  const std::string type = request_.Header("Content-Type");
  if (StartsWithNoCase(type, "application/x-www-form-urlencoded")) {
    ParseQuery(request_.body, request_.params);
  } else if (StartsWithNoCase(type, "multipart/form-data")) {
    if (!ParseMultipart(request_.body, HeaderParam(type, "boundary"), request_.files)) {
      return Refuse(400, path);
    }
  }
  if (const auto& runs_inline = server_.config().runs_inline;
      runs_inline && runs_inline(request_)) {
    Serve();
    return Write(keep_alive);
  }
  auto self = shared_from_this();
  const bool queued = server_.workers().Post([self, keep_alive] {
    self->Serve();
    self->AnswerFromWorker(keep_alive);
  });
  if (!queued) Refuse(503, path, 1);
}

void Connection::Serve() {
  response_ = Response();
  try {
    server_.serve()(request_, response_);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "jointly: unhandled exception: %s\n", e.what());
    response_ = Response();
    server_.refuse()(500, request_.path, response_);
  } catch (...) {
    std::fprintf(stderr, "jointly: unhandled exception\n");
    response_ = Response();
    server_.refuse()(500, request_.path, response_);
  }
}

void Connection::ServeStatic(const std::string& mount, const std::string& relative) {
  const bool keep_alive = parser_->get().keep_alive();
  std::shared_ptr<const StaticFile> file =
      server_.govuk()->Find(mount == "/assets/" ? "assets/" + relative : relative);
  response_ = Response();
  if (file == nullptr) {
    server_.refuse()(404, request_.path, response_);
    return Write(keep_alive);
  }
  const bool gzip = !file->gzipped.empty() &&
                    request_.Header("Accept-Encoding").find("gzip") != std::string::npos;
  const std::string etag = "\"" + file->etag + (gzip ? "-gz\"" : "\"");
  // The GOV.UK Frontend files are public and change only with its version.
  response_.SetHeader("Cache-Control", "public, max-age=86400");
  response_.SetHeader("ETag", etag);
  if (!file->gzipped.empty()) response_.SetHeader("Vary", "Accept-Encoding");
  if (EtagMatches(request_.Header("If-None-Match"), etag.substr(1, etag.size() - 2))) {
    response_.status = 304;
    return Write(keep_alive);
  }
  response_.SetHeader("Content-Type", file->type);
  if (gzip) response_.SetHeader("Content-Encoding", "gzip");
  // The body stays in the cache; only its length is copied.
  static_file_ = file;
  static_body_ = gzip ? file->gzipped : file->body;
  Write(keep_alive);
}

void Connection::Refuse(int status, const std::string& path, int retry_after) {
  response_ = Response();
  server_.refuse()(status, path, response_);
  if (retry_after > 0) response_.SetHeader("Retry-After", std::to_string(retry_after));
  Write(false);
}

bool Connection::Prepare(bool keep_alive) {
  keep_alive = keep_alive && !server_.stopping();
  if (keep_alive && http10_) response_.SetHeader("Connection", "keep-alive");
  body_ = static_file_ != nullptr ? static_body_ : std::string_view(response_.body);
  SerializeHead(response_, body_.size(), server_.config().every_response, keep_alive, head_);
  if (request_.method == "HEAD" || HasNoBody(response_.status)) body_ = {};
  return keep_alive;
}

void Connection::Write(bool keep_alive) { WriteFrom(Prepare(keep_alive), 0); }

void Connection::WriteFrom(bool keep_alive, size_t written) {
  std::array<asio::const_buffer, 2> buffers = {asio::buffer(head_),
                                               asio::buffer(body_.data(), body_.size())};
  if (written < head_.size()) {
    buffers[0] += written;
  } else {
    buffers[0] = asio::const_buffer();
    buffers[1] += written - head_.size();
  }
  if (asio::buffer_size(buffers) == 0) return OnWritten({}, keep_alive);
  Arm(server_.config().write_timeout);
  asio::async_write(socket_, buffers,
                    [self = shared_from_this(), keep_alive](beast::error_code ec, size_t) {
                      self->OnWritten(ec, keep_alive);
                    });
}

void Connection::AnswerFromWorker(bool keep_alive) {
  // Nothing else uses the socket while the handler runs, so the worker
  // writes what the socket takes at once: the client need not wait for an
  // I/O thread to wake. The rest, and reading the next request, happen on
  // the connection's strand.
  keep_alive = Prepare(keep_alive);
  beast::error_code ec;
  size_t written = 0;
  // Set once per connection: each setting is a system call.
  if (!socket_.non_blocking()) socket_.non_blocking(true, ec);
  if (!ec) {
    const std::array<asio::const_buffer, 2> buffers = {asio::buffer(head_),
                                                       asio::buffer(body_.data(), body_.size())};
    written = socket_.write_some(buffers, ec);
  }
  const bool failed = ec && ec != asio::error::would_block && ec != asio::error::try_again;
  asio::post(socket_.get_executor(), [self = shared_from_this(), keep_alive, written, failed] {
    if (failed) return self->Close();
    self->WriteFrom(keep_alive, written);
  });
}

void Connection::OnWritten(beast::error_code ec, bool keep_alive) {
  static_file_.reset();
  static_body_ = {};
  response_ = Response();
  request_ = Request();
  if (ec) return Close();
  if (!keep_alive) return Linger();
  WaitForRequest();
}

void Connection::Linger() {
  beast::error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_send, ignored);
  drained_ = 0;
  Arm(std::chrono::seconds(2));
  struct Drain {
    std::shared_ptr<Connection> self;
    void operator()(beast::error_code ec, size_t n) const {
      self->drained_ += n;
      if (ec || self->timed_out_ || self->drained_ > (16u << 20)) return self->Close();
      self->socket_.async_read_some(asio::buffer(self->drain_), *this);
    }
  };
  socket_.async_read_some(asio::buffer(drain_), Drain{shared_from_this()});
}

}  // namespace

std::unique_ptr<Transport> NewBeastTransport(TransportConfig config, ServeRequest serve,
                                             RefuseFn refuse) {
  return std::make_unique<BeastTransport>(std::move(config), std::move(serve), std::move(refuse));
}

}  // namespace jointly::web
