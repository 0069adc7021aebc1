// Sign-in throttling: after too many failures for one account or from one
// address within a window, further attempts are refused until the window
// has passed. Time is passed in, so tests need no clock. Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace jointly {

struct ThrottlePolicy {
  int max_failures = 5;
  int64_t window_micros = 15LL * 60 * 1000000;
  size_t max_keys = 100000;  // bounds memory under a flood of distinct keys
};

class SignInThrottle {
 public:
  explicit SignInThrottle(ThrottlePolicy policy = {}) : policy_(policy) {}

  // Seconds until `key` may try again; 0 if it may try now.
  int64_t RetryAfterSeconds(const std::string& key, int64_t now_micros);
  void RecordFailure(const std::string& key, int64_t now_micros);
  // Takes back one attempt recorded at `at_micros` for `key` (an attempt
  // that turned out not to count); nothing if there is none.
  void Forget(const std::string& key, int64_t at_micros);
  void Clear(const std::string& key);

 private:
  void Prune(std::deque<int64_t>& times, int64_t now_micros) const;

  const ThrottlePolicy policy_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<int64_t>> failures_;
};

}  // namespace jointly
