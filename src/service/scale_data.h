// Years of realistic data for benchmarks and capacity checks (`jointly demo
// --scale YEARS`): inspected bodies, proposals scored by every criminal
// justice inspectorate, and an audit trail, each change audited as the use
// cases audit it. Not for a live database: everything it adds is made up.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/clock.h"
#include "store/database.h"

namespace jointly {

struct ScaleOptions {
  int64_t bodies = 0;         // inspected bodies to add
  int64_t proposals = 0;      // proposals to add, each scored by every CJ inspectorate
  int64_t audit_entries = 0;  // grow the audit trail to at least this many entries
  int64_t reports = 0;        // joint reports released to the public website
};

// The recommendations each made-up report makes.
inline constexpr int64_t kScaleRecommendationsPerReport = 20;

// What `years` years of a joint programme come to: 10,000 bodies, 500
// proposals, 100,000 audit entries and 50 published joint reports of 20
// recommendations a year (ten years: 100,000 bodies, 5,000 proposals,
// 1,000,000 entries, 500 reports with 10,000 recommendations).
ScaleOptions ScaleForYears(int64_t years);

// Adds what `options` asks for in transactions of a few thousand rows, so
// other writers are never held for long, calling `progress` after each.
// FailedPrecondition if the demo programme (its criteria set and
// representatives, `serve --demo`) is not loaded; any store error as it is.
// Not thread-safe with itself (codes are numbered from what is there).
Status AddScaleData(Database& db, const ScaleOptions& options,
                    const std::function<void(const std::string&)>& progress);

}  // namespace jointly
