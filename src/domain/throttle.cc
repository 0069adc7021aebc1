#include "domain/throttle.h"

#include <algorithm>

namespace jointly {

void SignInThrottle::Prune(std::deque<int64_t>& times, int64_t now) const {
  while (!times.empty() && times.front() <= now - policy_.window_micros) times.pop_front();
}

int64_t SignInThrottle::RetryAfterSeconds(const std::string& key, int64_t now) {
  std::lock_guard lock(mu_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  Prune(it->second, now);
  if (static_cast<int>(it->second.size()) < policy_.max_failures) return 0;
  const int64_t until = it->second.front() + policy_.window_micros;
  return (until - now + 999999) / 1000000;
}

void SignInThrottle::Forget(const std::string& key, int64_t at) {
  std::lock_guard lock(mu_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return;
  auto& times = it->second;
  if (auto t = std::find(times.begin(), times.end(), at); t != times.end()) times.erase(t);
  if (times.empty()) failures_.erase(it);
}

void SignInThrottle::RecordFailure(const std::string& key, int64_t now) {
  std::lock_guard lock(mu_);
  if (failures_.size() >= policy_.max_keys && !failures_.count(key)) {
    for (auto it = failures_.begin(); it != failures_.end();) {
      Prune(it->second, now);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
    if (failures_.size() >= policy_.max_keys) failures_.erase(failures_.begin());
  }
  auto& times = failures_[key];
  Prune(times, now);
  times.push_back(now);
  if (times.size() > static_cast<size_t>(policy_.max_failures)) times.pop_front();
}

void SignInThrottle::Clear(const std::string& key) {
  std::lock_guard lock(mu_);
  failures_.erase(key);
}

}  // namespace jointly
