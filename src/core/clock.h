// Time as Jointly sees it: an injectable Clock (tests use a fake; nothing
// else reads the real clock) and ISO 8601 UTC timestamps.
#pragma once

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

// "2026-11-23T15:04:05Z" (seconds precision, UTC).
std::string FormatTimestamp(int64_t micros);

// Calendar dates as "YYYY-MM-DD" <-> days since 1970-01-01 (proleptic
// Gregorian). ParseIsoDate is strict: nullopt for anything else, including
// 2026-02-30.
std::optional<int64_t> ParseIsoDate(std::string_view text);
std::string FormatIsoDate(int64_t days);
// "Friday 29 May 2020", as GOV.UK writes dates; the text unchanged if it
// is not a date.
std::string FormatLongDate(std::string_view iso_date);
// The UTC date of a moment.
int64_t DayOf(int64_t micros);

}  // namespace jointly
