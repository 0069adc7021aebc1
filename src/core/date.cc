#include "core/date.h"

#include <algorithm>
#include <cstdio>

namespace jointly {

namespace {

constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};
constexpr const char* kWeekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                     "Thursday", "Friday", "Saturday"};

constexpr bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<Date> Date::Parse(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (!IsDigit(t[i])) return std::nullopt;
  }
  const int y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
  const unsigned m = static_cast<unsigned>((t[5] - '0') * 10 + (t[6] - '0'));
  const unsigned d = static_cast<unsigned>((t[8] - '0') * 10 + (t[9] - '0'));
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (y < 1900 || !ymd.ok()) return std::nullopt;
  return Date(ymd);
}

Date Date::DayOf(int64_t micros) {
  const std::chrono::sys_time<std::chrono::microseconds> moment{std::chrono::microseconds(micros)};
  return Date(std::chrono::floor<std::chrono::days>(moment));
}

std::string Date::ToIso() const {
  if (!ok()) return {};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", year(), month(), day());
  return buffer;
}

std::string Date::ToLong() const {
  if (!ok()) return {};
  return std::string(kWeekdays[weekday().c_encoding()]) + " " + std::to_string(day()) + " " +
         kMonths[month() - 1] + " " + std::to_string(year());
}

std::string Date::ToDayMonthYear() const {
  if (!ok()) return {};
  return std::to_string(day()) + " " + kMonths[month() - 1] + " " + std::to_string(year());
}

std::string FinancialYear::Label() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%d-%02d", start_year_, (start_year_ + 1) % 100);
  return buffer;
}

std::optional<FinancialYear> FinancialYear::Parse(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  auto digits = [&](size_t from, size_t n) {
    int value = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  if (text.size() != 4 && text.size() != 7) return std::nullopt;
  const int year = digits(0, 4);
  if (year < 0) return std::nullopt;
  if (text.size() == 7) {
    if (text[4] != '-' && text[4] != '/') return std::nullopt;
    if (digits(5, 2) != (year + 1) % 100) return std::nullopt;
  }
  return FinancialYear(year);
}

std::string FinancialQuarter::Label() const {
  return year_.Label() + " Q" + std::to_string(number_);
}

std::vector<BankHoliday> ReplaceHolidayYears(const std::vector<BankHoliday>& base,
                                             const std::vector<BankHoliday>& replacement) {
  std::set<int> replaced;
  for (const auto& h : replacement) replaced.insert(h.date.year());
  std::vector<BankHoliday> out;
  for (const auto& h : base) {
    if (!replaced.count(h.date.year())) out.push_back(h);
  }
  out.insert(out.end(), replacement.begin(), replacement.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const BankHoliday& a, const BankHoliday& b) { return a.date < b.date; });
  return out;
}

WorkingDayCalendar::WorkingDayCalendar(const std::vector<BankHoliday>& holidays) {
  for (const auto& h : holidays) {
    if (!h.date.ok()) continue;
    holidays_[h.date] = h.name;
    years_.insert(h.date.year());
  }
}

std::vector<BankHoliday> WorkingDayCalendar::Holidays(std::optional<int> year) const {
  std::vector<BankHoliday> out;
  for (const auto& [date, name] : holidays_) {
    if (!year || date.year() == *year) out.push_back({date, name});
  }
  return out;
}

Status WorkingDayCalendar::CheckCovered(Date date) const {
  if (!date.ok()) return InvalidArgument("Not a date", "date");
  if (Covers(date.year())) return OkStatus();
  const std::string year = std::to_string(date.year());
  return FailedPrecondition(
      "Jointly has no bank holidays for " + year +
          ", so it cannot count working days in it. Add the year's bank holidays for England "
          "and Wales (from www.gov.uk/bank-holidays) as a CSV file with the columns date,name "
          "and load it with: jointly holidays import FILE.csv",
      "bank-holidays");
}

StatusOr<bool> WorkingDayCalendar::IsWorkingDay(Date date) const {
  RETURN_IF_ERROR(CheckCovered(date));
  return !date.IsWeekend() && !holidays_.count(date);
}

StatusOr<std::optional<std::string>> WorkingDayCalendar::HolidayName(Date date) const {
  RETURN_IF_ERROR(CheckCovered(date));
  const auto it = holidays_.find(date);
  if (it == holidays_.end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

StatusOr<Date> WorkingDayCalendar::AddWorkingDays(Date date, int n) const {
  RETURN_IF_ERROR(CheckCovered(date));
  const int step = n < 0 ? -1 : 1;
  for (int left = n < 0 ? -n : n; left > 0;) {
    date = date.AddDays(step);
    ASSIGN_OR_RETURN(const bool working, IsWorkingDay(date));
    left -= working;
  }
  return date;
}

StatusOr<int> WorkingDayCalendar::WorkingDaysBetween(Date from, Date to) const {
  RETURN_IF_ERROR(CheckCovered(from));
  RETURN_IF_ERROR(CheckCovered(to));
  // Forwards: the days in (from, to]; backwards: the days in [to, from).
  const bool backwards = to < from;
  Date day = backwards ? to.AddDays(-1) : from;
  const Date last = backwards ? from.AddDays(-1) : to;
  int count = 0;
  while (day < last) {
    day = day.AddDays(1);
    ASSIGN_OR_RETURN(const bool working, IsWorkingDay(day));
    count += working;
  }
  return backwards ? -count : count;
}

}  // namespace jointly
