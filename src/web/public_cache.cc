#include "web/public_cache.h"

#include <mutex>

#include "web/http.h"

namespace jointly::web {
namespace {

// Bounds on what is kept: renderings of searches are as many as the words
// people type, so when either bound is reached everything kept is let go.
constexpr size_t kMaxKept = 4096;
constexpr size_t kMaxBytes = size_t{64} << 20;

}  // namespace

void MayBeKeptPublicly(const RequestContext& ctx, Response& res) {
  if (!ctx.caller.anonymous()) return;
  res.SetHeader("Cache-Control", "public, max-age=300");
  res.SetHeader("Vary", "Cookie");
}

bool NotModified(const Request& req, std::string_view etag, std::string_view last_modified) {
  const std::string if_none = req.Header("If-None-Match");
  if (!etag.empty() && if_none == etag) return true;
  return if_none.empty() && !last_modified.empty() &&
         req.Header("If-Modified-Since") == last_modified;
}

std::string PublicPageCache::KeyOf(const Request& req) {
  std::string key = req.path;
  for (const auto& [name, value] : req.query) {
    key += '\n' + name + '=' + value;
  }
  return key;
}

bool PublicPageCache::Answer(const Request& req, Response& res) const {
  std::shared_ptr<const Kept> kept;
  {
    std::shared_lock lock(mutex_);
    const auto found = kept_.find(KeyOf(req));
    if (found == kept_.end()) return false;
    kept = found->second;
  }
  if (kept->generation != generation_() || std::chrono::steady_clock::now() - kept->at > keep_) {
    return false;
  }
  res.headers = kept->response.headers;
  if (NotModified(req, kept->response.Header("ETag"), kept->response.Header("Last-Modified"))) {
    res.status = 304;
    res.body.clear();
    return true;
  }
  res.status = kept->response.status;
  res.body = kept->response.body;
  return true;
}

void PublicPageCache::Keep(const Request& req, const Response& res, uint64_t generation) {
  if (res.status != 200 || res.HasHeader("Set-Cookie") ||
      res.Header("Cache-Control").rfind("public", 0) != 0) {
    return;
  }
  auto kept = std::make_shared<Kept>();
  kept->response = res;
  kept->generation = generation;
  kept->at = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_);
  if (kept_.size() >= kMaxKept || bytes_ + res.body.size() > kMaxBytes) {
    kept_.clear();
    bytes_ = 0;
  }
  auto& slot = kept_[KeyOf(req)];
  if (slot) bytes_ -= slot->response.body.size();
  bytes_ += res.body.size();
  slot = std::move(kept);
}

}  // namespace jointly::web
