// Time as Jointly sees it: an injectable Clock (tests use a fake; nothing
// else reads the real clock) and ISO 8601 UTC timestamps.
#pragma once

#include <cstdint>
#include <string>

namespace jointly {

class Clock {
 public:
  virtual ~Clock() = default;
  // Microseconds since the Unix epoch, UTC. Thread-safe.
  virtual int64_t NowMicros() const = 0;
};

// The machine's clock. Only apps/ and web/ wiring should call this.
const Clock& SystemClock();

// "2026-11-23T15:04:05Z" (seconds precision, UTC).
std::string FormatTimestamp(int64_t micros);

}  // namespace jointly
