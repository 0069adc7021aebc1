// Time as Jointly sees it: an injectable Clock (tests use a fake; nothing
// else reads the real clock) and ISO 8601 UTC timestamps. Calendar dates
// are core/date.h.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jointly {

class Clock {
 public:
  virtual ~Clock() = default;
  // Microseconds since the Unix epoch, UTC. Thread-safe.
  virtual int64_t NowMicros() const = 0;
};

// The machine's clock. Only apps/ and web/ wiring should call this.
const Clock& SystemClock();

// A clock that reads what it was last set to: for replaying past days (the
// demo's inspection, run as it was in 2017). Thread-safe.
class ReplayClock final : public Clock {
 public:
  explicit ReplayClock(int64_t micros) : micros_(micros) {}
  int64_t NowMicros() const override { return micros_.load(); }
  void Set(int64_t micros) { micros_.store(micros); }

 private:
  std::atomic<int64_t> micros_;
};
// "2026-11-23T15:04:05Z" (seconds precision, UTC).
std::string FormatTimestamp(int64_t micros);

// Days since 1970-01-01 <-> "YYYY-MM-DD", for code that has not moved to
// Date (core/date.h) yet; each is Date's own conversion.
std::optional<int64_t> ParseIsoDate(std::string_view text);
std::string FormatIsoDate(int64_t days);
int64_t DayOf(int64_t micros);

}  // namespace jointly
