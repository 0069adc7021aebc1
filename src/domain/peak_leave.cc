#include "domain/peak_leave.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

namespace jointly {

std::vector<PeakLeavePeriod> PeakLeaveTouched(Date first, Date last,
                                              const std::vector<PeakLeavePeriod>& periods) {
  if (last < first) std::swap(first, last);
  std::vector<PeakLeavePeriod> out;
  for (const auto& p : periods) {
    if (p.first_day <= last && first <= p.last_day) out.push_back(p);
  }
  return out;
}

std::string DescribePeakLeave(const std::vector<PeakLeavePeriod>& periods) {
  std::string out;
  for (size_t i = 0; i < periods.size(); ++i) {
    if (i > 0) out += i + 1 == periods.size() ? " and " : ", ";
    const auto& p = periods[i];
    out += p.name + " (" + p.first_day.ToLong() + " to " + p.last_day.ToLong() + ")";
  }
  return out;
}

std::vector<PeakLeavePeriod> ReplacePeakLeaveYears(
    const std::vector<PeakLeavePeriod>& base, const std::vector<PeakLeavePeriod>& replacement) {
  std::set<int> replaced;
  for (const auto& p : replacement) replaced.insert(p.year());
  std::vector<PeakLeavePeriod> out;
  for (const auto& p : base) {
    if (!replaced.count(p.year())) out.push_back(p);
  }
  out.insert(out.end(), replacement.begin(), replacement.end());
  std::sort(out.begin(), out.end(), [](const PeakLeavePeriod& a, const PeakLeavePeriod& b) {
    return std::tie(a.first_day, a.name) < std::tie(b.first_day, b.name);
  });
  return out;
}

}  // namespace jointly
