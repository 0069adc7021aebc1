// Public pages as anyone sees them, kept as rendered: a page that says it
// may be kept (200, "Cache-Control: public", no cookie set) is answered from
// its rendering until something is released to or withdrawn from the
// public website (the released generation moves) or, for what changes
// without this server knowing (another server's release, the date), until
// it is a few seconds old. Only requests from visitors who are not signed
// in are answered from it, as only their pages say "public".
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "web/request.h"

namespace jointly::web {

struct RequestContext;

// Says that `res`, a page as anyone not signed in sees it, may be kept for
// a while by browsers, shared caches and the PublicPageCache; a signed-in
// person's page holds their own links and keeps the site's no-store.
void MayBeKeptPublicly(const RequestContext& ctx, Response& res);

// Whether a request that sent back `etag` or `last_modified` (in
// If-None-Match or If-Modified-Since) has the page already: then 304.
bool NotModified(const Request& req, std::string_view etag, std::string_view last_modified);

class PublicPageCache {
 public:
  using Generation = std::function<uint64_t()>;
  // `generation` says which state of the released store a rendering was
  // drawn from (ReleasedGeneration(), store/release_watch.h).
  explicit PublicPageCache(Generation generation,
                           std::chrono::milliseconds keep = std::chrono::seconds(2))
      : generation_(std::move(generation)), keep_(keep) {}

  // What a rendering begun now is drawn from; pass it to Keep().
  uint64_t Now() const { return generation_(); }
  // Answers `req` from a current rendering (200, or 304 when the visitor
  // has it); false when there is none.
  bool Answer(const Request& req, Response& res) const;
  // Keeps `res`, rendered for `req` from `generation`, if it may be kept.
  void Keep(const Request& req, const Response& res, uint64_t generation);

 private:
  struct Kept {
    Response response;
    uint64_t generation = 0;
    std::chrono::steady_clock::time_point at;
  };
  static std::string KeyOf(const Request& req);

  Generation generation_;
  std::chrono::milliseconds keep_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Kept>> kept_;
  size_t bytes_ = 0;
};

}  // namespace jointly::web
