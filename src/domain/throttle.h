// Throttling of repeated failures (sign-in, wrong current passwords, the
// public form's responses): after `max_failures` within a sliding window,
// further attempts are refused until the oldest of them has left the
// window. Pure: the failures are read from wherever they are kept (the
// database, so that every instance of the server and a restarted one see
// them) and the time is passed in.
#pragma once

#include <cstdint>
#include <span>

namespace jointly {

struct ThrottlePolicy {
  int max_failures = 5;
  int64_t window_micros = 15LL * 60 * 1000000;
};

// Seconds until another attempt may be made, given the times of the
// failures recorded for one key (in any order; those before the window are
// ignored, and one recorded by a server whose clock is ahead counts); 0 if
// one may be made now.
int64_t ThrottleRetryAfterSeconds(const ThrottlePolicy& policy,
                                  std::span<const int64_t> failure_times, int64_t now_micros);

// The earliest failure time that still counts at `now_micros`: older ones
// may be forgotten.
inline int64_t ThrottleWindowStart(const ThrottlePolicy& policy, int64_t now_micros) {
  return now_micros - policy.window_micros + 1;
}

}  // namespace jointly
