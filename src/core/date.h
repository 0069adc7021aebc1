// Calendar dates as Jointly's domain uses them: a Date (a day in the
// proleptic Gregorian calendar, on <chrono>'s year_month_day), financial
// years (1 April to 31 March) and their quarters, and working days in
// England and Wales with their bank holidays. Pure: no clock, no files; the
// bank holidays come in as data (data/bank_holidays_england_wales.csv and
// the database, see service/calendar_service.h).
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace jointly {

// A calendar day from 1900-01-01 to 9999-12-31, or "no date" (default
// constructed; ok() false), which is what a form or JSON body holds when
// the field was missing or not a date, so the domain's validation can name
// the field alongside every other problem. Every other operation
// REQUIRES: ok(). Compares by day; no date sorts first. Cheap to copy.
class Date {
 public:
  constexpr Date() = default;
  // REQUIRES: `ymd.ok()` and its year within 1900-9999.
  constexpr explicit Date(std::chrono::year_month_day ymd) : ymd_(ymd) {}
  constexpr explicit Date(std::chrono::sys_days days) : ymd_(days) {}
  // REQUIRES: a real date, such as (2020, 5, 29).
  static constexpr Date FromCivil(int year, unsigned month, unsigned day) {
    return Date(std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{month},
                                            std::chrono::day{day}});
  }
  // Strict "YYYY-MM-DD": nullopt for anything else, including 2026-02-30,
  // "2026-2-3", surrounding spaces and years before 1900.
  static std::optional<Date> Parse(std::string_view iso);
  // The parsed date, or no date: for readers of forms and JSON bodies whose
  // validation happens in the domain.
  static Date ParseOrNone(std::string_view iso) { return Parse(iso).value_or(Date()); }
  // The UTC day of a moment (microseconds since the Unix epoch).
  static Date DayOf(int64_t micros);

  constexpr bool ok() const { return ymd_.ok(); }
  constexpr std::chrono::year_month_day ymd() const { return ymd_; }
  constexpr std::chrono::sys_days days() const { return std::chrono::sys_days(ymd_); }
  constexpr int year() const { return static_cast<int>(ymd_.year()); }
  constexpr unsigned month() const { return static_cast<unsigned>(ymd_.month()); }
  constexpr unsigned day() const { return static_cast<unsigned>(ymd_.day()); }
  constexpr std::chrono::weekday weekday() const { return std::chrono::weekday(days()); }
  constexpr bool IsWeekend() const {
    return weekday() == std::chrono::Saturday || weekday() == std::chrono::Sunday;
  }

  // `n` days later (earlier if negative).
  constexpr Date AddDays(int64_t n) const { return Date(days() + std::chrono::days(n)); }
  // Days from `earlier` to this date; negative if this date is earlier.
  constexpr int64_t DaysSince(Date earlier) const { return (days() - earlier.days()).count(); }

  // "2020-05-29"; "" for no date.
  std::string ToIso() const;
  // "Friday 29 May 2020", as GOV.UK writes dates; "" for no date.
  std::string ToLong() const;
  // "29 May 2020": the same without the day of the week; "" for no date.
  std::string ToDayMonthYear() const;

  constexpr bool operator==(const Date& other) const { return ymd_ == other.ymd_; }
  constexpr std::strong_ordering operator<=>(const Date& other) const {
    return ymd_ <=> other.ymd_;
  }

 private:
  std::chrono::year_month_day ymd_{std::chrono::year{0}, std::chrono::month{0},
                                   std::chrono::day{0}};
};

// A financial year, 1 April to 31 March, named by the calendar year it
// begins in: FinancialYear(2017) is "2017-18".
class FinancialYear {
 public:
  constexpr explicit FinancialYear(int start_year) : start_year_(start_year) {}
  // REQUIRES: date.ok().
  static constexpr FinancialYear Of(Date date) {
    return FinancialYear(date.month() >= 4 ? date.year() : date.year() - 1);
  }

  constexpr int start_year() const { return start_year_; }
  constexpr Date first_day() const { return Date::FromCivil(start_year_, 4, 1); }
  constexpr Date last_day() const { return Date::FromCivil(start_year_ + 1, 3, 31); }
  constexpr bool Contains(Date date) const { return Of(date) == *this; }
  constexpr FinancialYear Next() const { return FinancialYear(start_year_ + 1); }
  // "2017-18"; "1999-00" across a century.
  std::string Label() const;
  // A financial year as people type it: "2017-18", "2017/18" or "2017"
  // (spaces around ignored); nullopt for anything else, including a second
  // year that does not follow the first ("2017-19"). The one parser for
  // every typed financial year; whether the year is in range is the
  // caller's to say.
  static std::optional<FinancialYear> Parse(std::string_view text);

  constexpr bool operator==(const FinancialYear&) const = default;
  constexpr auto operator<=>(const FinancialYear&) const = default;

 private:
  int start_year_;
};

// A quarter of a financial year: Q1 April-June, Q2 July-September, Q3
// October-December, Q4 January-March. Index() numbers quarters
// consecutively (start year * 4 + quarter - 1), as the programme stores them.
class FinancialQuarter {
 public:
  // REQUIRES: 1 <= number <= 4.
  constexpr FinancialQuarter(FinancialYear year, int number) : year_(year), number_(number) {}
  // REQUIRES: index >= 0.
  static constexpr FinancialQuarter FromIndex(int index) {
    return FinancialQuarter(FinancialYear(index / 4), index % 4 + 1);
  }
  // REQUIRES: date.ok().
  static constexpr FinancialQuarter Of(Date date) {
    return FinancialQuarter(FinancialYear::Of(date),
                            static_cast<int>((date.month() + 8) % 12 / 3) + 1);
  }

  constexpr FinancialYear year() const { return year_; }
  constexpr int number() const { return number_; }
  constexpr int Index() const { return year_.start_year() * 4 + number_ - 1; }
  constexpr Date first_day() const {
    const unsigned month = static_cast<unsigned>((number_ - 1) * 3 + 4);
    return month > 12 ? Date::FromCivil(year_.start_year() + 1, month - 12, 1)
                      : Date::FromCivil(year_.start_year(), month, 1);
  }
  constexpr Date last_day() const { return FromIndex(Index() + 1).first_day().AddDays(-1); }
  constexpr bool Contains(Date date) const { return Of(date) == *this; }
  // "2017-18 Q1"
  std::string Label() const;

  constexpr bool operator==(const FinancialQuarter&) const = default;
  constexpr auto operator<=>(const FinancialQuarter&) const = default;

 private:
  FinancialYear year_;
  int number_;
};

struct BankHoliday {
  Date date;
  std::string name;  // "Early May bank holiday (VE Day)"
  bool operator==(const BankHoliday&) const = default;
};

// `base` with every calendar year that `replacement` has any holiday in
// replaced by `replacement`'s holidays for that year; sorted by date. This
// is how corrected or newly announced years loaded into the database take
// the place of the shipped ones.
std::vector<BankHoliday> ReplaceHolidayYears(const std::vector<BankHoliday>& base,
                                             const std::vector<BankHoliday>& replacement);

// Working days in England and Wales: Monday to Friday except bank holidays.
// Built from a list of holidays; it covers the calendar years that list has
// any holiday in, and refuses to answer about any other year rather than
// answer wrongly: each query about a date in an uncovered year (or a count
// that walks into one) returns FailedPrecondition (rule "bank-holidays")
// naming the year and saying how to add it. A date that is not ok() is
// InvalidArgument. Immutable once built, so thread-safe to share.
class WorkingDayCalendar {
 public:
  WorkingDayCalendar() = default;
  // Later entries for the same date replace earlier ones.
  explicit WorkingDayCalendar(const std::vector<BankHoliday>& holidays);

  // The calendar years covered, in order.
  const std::set<int>& years() const { return years_; }
  bool Covers(int year) const { return years_.count(year) > 0; }
  // The holidays of `year` (all if nullopt), in date order.
  std::vector<BankHoliday> Holidays(std::optional<int> year = std::nullopt) const;

  StatusOr<bool> IsWorkingDay(Date date) const;
  // The bank holiday's name, or nullopt for any other day.
  StatusOr<std::optional<std::string>> HolidayName(Date date) const;
  // The `n`th working day after `date` (before it if `n` is negative); `date`
  // itself if n is 0, whether or not it is a working day.
  StatusOr<Date> AddWorkingDays(Date date, int n) const;
  // The working days after `from` up to and including `to`; if `to` is
  // earlier, minus the working days from `to` up to but not including
  // `from`. Either way AddWorkingDays(from, WorkingDaysBetween(from, to)) is
  // `to` when `to` is a working day.
  StatusOr<int> WorkingDaysBetween(Date from, Date to) const;

 private:
  Status CheckCovered(Date date) const;

  std::map<Date, std::string> holidays_;
  std::set<int> years_;
};

}  // namespace jointly
