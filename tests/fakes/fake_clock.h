// A Clock that only moves when a test moves it.
#pragma once

#include <atomic>

#include "core/clock.h"

namespace jointly {

class FakeClock final : public Clock {
 public:
  explicit FakeClock(int64_t start_micros = 1790000000LL * 1000000) : now_(start_micros) {}
  int64_t NowMicros() const override { return now_.load(); }
  void Advance(int64_t micros) { now_ += micros; }
  void AdvanceSeconds(int64_t seconds) { now_ += seconds * 1000000; }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace jointly
