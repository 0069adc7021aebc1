#include "domain/throttle.h"

#include <algorithm>
#include <functional>
#include <vector>

namespace jointly {

int64_t ThrottleRetryAfterSeconds(const ThrottlePolicy& policy,
                                  std::span<const int64_t> failure_times, int64_t now) {
  const int64_t start = ThrottleWindowStart(policy, now);
  std::vector<int64_t> recent;
  for (int64_t t : failure_times) {
    if (t >= start) recent.push_back(t);
  }
  if (policy.max_failures < 1 || static_cast<int>(recent.size()) < policy.max_failures) return 0;
  // Another attempt is allowed once all but max_failures - 1 of the recent
  // failures have left the window: the max_failures-th newest decides.
  std::nth_element(recent.begin(), recent.begin() + (policy.max_failures - 1), recent.end(),
                   std::greater<>());
  const int64_t until = recent[policy.max_failures - 1] + policy.window_micros;
  return std::max<int64_t>(1, (until - now + 999999) / 1000000);
}

}  // namespace jointly
