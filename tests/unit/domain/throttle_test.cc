#include "domain/throttle.h"

#include <gtest/gtest.h>

#include <vector>

namespace jointly {
namespace {

constexpr int64_t kMinute = 60LL * 1000000;
using Times = std::vector<int64_t>;

TEST(Throttle, Foundation_sign_in_throttled_after_repeated_failures) {
  const ThrottlePolicy policy{5, 15 * kMinute};
  std::vector<int64_t> failures;
  int64_t now = 1000 * kMinute;
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(ThrottleRetryAfterSeconds(policy, failures, now), 0);
    failures.push_back(now);
    now += kMinute;
  }
  EXPECT_EQ(ThrottleRetryAfterSeconds(policy, failures, now), 0);
  failures.push_back(now);
  // Refused until the oldest of the five leaves the window: 11 minutes.
  EXPECT_EQ(ThrottleRetryAfterSeconds(policy, failures, now), 11 * 60);
  EXPECT_EQ(ThrottleRetryAfterSeconds(policy, {}, now), 0);  // others unaffected
  // The window slides: after the oldest failure ages out, one more try.
  EXPECT_GT(ThrottleRetryAfterSeconds(policy, failures, now + 11 * kMinute - 1), 0);
  EXPECT_EQ(ThrottleRetryAfterSeconds(policy, failures, now + 11 * kMinute), 0);
}

TEST(Throttle, OnlyTheNewestFailuresInTheWindowCount) {
  const ThrottlePolicy policy{2, 15 * kMinute};
  const int64_t now = 1000 * kMinute;
  // In any order; one too old to count.
  const std::vector<int64_t> failures = {now - 1, now - 20 * kMinute, now - 2 * kMinute};
  // The two that count: now - 2 minutes and now - 1; the older decides
  // when another try is allowed.
  EXPECT_EQ(ThrottleRetryAfterSeconds(policy, failures, now), 13 * 60);
  // One recorded by a server whose clock is a minute ahead counts too.
  EXPECT_EQ(ThrottleRetryAfterSeconds(policy, Times{now - 1, now + kMinute}, now), 15 * 60);
  EXPECT_EQ(ThrottleRetryAfterSeconds(policy, Times{now - 15 * kMinute, now - 1}, now), 0);
}

TEST(Throttle, OldFailuresMayBeForgotten) {
  const ThrottlePolicy policy{2, 15 * kMinute};
  const int64_t now = 1000 * kMinute;
  const int64_t start = ThrottleWindowStart(policy, now);
  EXPECT_GT(ThrottleRetryAfterSeconds(policy, Times{start, start + 1}, now), 0);
  EXPECT_EQ(ThrottleRetryAfterSeconds(policy, Times{start - 1, start + 1}, now), 0);
}

}  // namespace
}  // namespace jointly
