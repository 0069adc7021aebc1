#include "core/clock.h"

#include <chrono>
#include <ctime>

#include "core/date.h"

namespace jointly {
namespace {

class RealClock final : public Clock {
 public:
  int64_t NowMicros() const override {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

}  // namespace

const Clock& SystemClock() {
  static const RealClock clock;
  return clock;
}

std::string FormatTimestamp(int64_t micros) {
  std::time_t secs = static_cast<std::time_t>(micros / 1000000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<int64_t> ParseIsoDate(std::string_view text) {
  const auto date = Date::Parse(text);
  if (!date) return std::nullopt;
  return date->days().time_since_epoch().count();
}

std::string FormatIsoDate(int64_t days) {
  return Date(std::chrono::sys_days(std::chrono::days(days))).ToIso();
}

int64_t DayOf(int64_t micros) { return Date::DayOf(micros).days().time_since_epoch().count(); }

}  // namespace jointly
