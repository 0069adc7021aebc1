// Peak leave periods of those inspected (summer, Christmas, Easter), when
// fieldwork is best avoided: each a name and its first and last days. They
// are data: shipped for 2016-2035 (data/peak_leave_periods.csv), and loaded
// year by year afterwards (`jointly peak-leave import`), the loaded years
// taking the place of the shipped ones (service/calendar_service.h). Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace jointly {

struct PeakLeavePeriod {
  std::string name;  // "Summer 2026"
  Date first_day;
  Date last_day;  // inclusive; not before first_day
  // The year the period belongs to, whole years being replaced at a time:
  // its first day's (Christmas 2026 runs into January 2027).
  int year() const { return first_day.year(); }
  bool operator==(const PeakLeavePeriod&) const = default;
};

// The periods that share at least one day with `first`..`last` (inclusive;
// swapped if `last` is earlier), in the order given. For the warning when a
// date or a fieldwork window falls in a peak leave period. REQUIRES: both
// dates ok().
std::vector<PeakLeavePeriod> PeakLeaveTouched(Date first, Date last,
                                              const std::vector<PeakLeavePeriod>& periods);

// "Summer 2026 (Monday 20 July 2026 to Monday 31 August 2026)", the names
// and days of `periods` joined by "and", for a warning; "" if none.
std::string DescribePeakLeave(const std::vector<PeakLeavePeriod>& periods);

// `base` with every year that `replacement` has any period in replaced by
// `replacement`'s periods of that year; sorted by first day, then name.
std::vector<PeakLeavePeriod> ReplacePeakLeaveYears(const std::vector<PeakLeavePeriod>& base,
                                                   const std::vector<PeakLeavePeriod>& replacement);

}  // namespace jointly
