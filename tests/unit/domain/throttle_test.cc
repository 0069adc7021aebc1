#include "domain/throttle.h"

#include <gtest/gtest.h>

namespace jointly {
namespace {

constexpr int64_t kMinute = 60LL * 1000000;

TEST(Throttle, Foundation_sign_in_throttled_after_repeated_failures) {
  SignInThrottle t(ThrottlePolicy{5, 15 * kMinute, 1000});
  int64_t now = 1000 * kMinute;
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(t.RetryAfterSeconds("account:a", now), 0);
    t.RecordFailure("account:a", now);
    now += kMinute;
  }
  EXPECT_EQ(t.RetryAfterSeconds("account:a", now), 0);
  t.RecordFailure("account:a", now);
  EXPECT_GT(t.RetryAfterSeconds("account:a", now), 0);
  EXPECT_EQ(t.RetryAfterSeconds("account:b", now), 0);  // others unaffected
  // The window slides: after the oldest failure ages out, one more try.
  now += 11 * kMinute + 1;
  EXPECT_EQ(t.RetryAfterSeconds("account:a", now), 0);
}

TEST(Throttle, ClearForgetsFailures) {
  SignInThrottle t(ThrottlePolicy{2, 15 * kMinute, 1000});
  t.RecordFailure("k", 0);
  t.RecordFailure("k", 1);
  EXPECT_GT(t.RetryAfterSeconds("k", 2), 0);
  t.Clear("k");
  EXPECT_EQ(t.RetryAfterSeconds("k", 2), 0);
}

TEST(Throttle, MemoryIsBoundedUnderAFloodOfKeys) {
  SignInThrottle t(ThrottlePolicy{2, 15 * kMinute, 100});
  for (int i = 0; i < 10000; ++i) t.RecordFailure("address:" + std::to_string(i), i);
  t.RecordFailure("k", 10001);
  t.RecordFailure("k", 10002);
  EXPECT_GT(t.RetryAfterSeconds("k", 10003), 0);
}

TEST(Throttle, AnAttemptTakenBackDoesNotCount) {
  SignInThrottle t(ThrottlePolicy{2, 15 * kMinute, 1000});
  const int64_t now = 1000 * kMinute;
  t.RecordFailure("office", now);
  t.RecordFailure("office", now + 1);
  EXPECT_GT(t.RetryAfterSeconds("office", now + 2), 0);
  t.Forget("office", now + 1);
  EXPECT_EQ(t.RetryAfterSeconds("office", now + 2), 0);
  t.Forget("office", now + 7);  // never recorded: nothing changes
  t.Forget("nobody", now);
  t.RecordFailure("office", now + 3);
  EXPECT_GT(t.RetryAfterSeconds("office", now + 4), 0);
}

}  // namespace
}  // namespace jointly
