// Bank holidays and working days: the shipped bank holidays of England and
// Wales (data/bank_holidays_england_wales.csv, compiled in) with any years
// loaded into the database since taking the place of the shipped ones, so
// a newly announced or corrected year needs no release. Peak leave periods
// of those inspected (data/peak_leave_periods.csv) are kept the same way.
// Thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "domain/access.h"
#include "domain/peak_leave.h"
#include "store/database.h"

namespace jointly {

// The shipped bank holidays. Internal if the compiled-in file is broken (a
// bug the unit tests catch).
StatusOr<std::vector<BankHoliday>> ShippedBankHolidays();

// The working-day calendar as it stands in `tx`: shipped years, with the
// loaded years in their place. For use cases that count working days
// inside their own transaction.
StatusOr<WorkingDayCalendar> LoadWorkingDayCalendar(Transaction& tx);

// The shipped peak leave periods. Internal if the compiled-in file is
// broken (a bug the unit tests catch).
StatusOr<std::vector<PeakLeavePeriod>> ShippedPeakLeavePeriods();

// The peak leave periods as they stand in `tx`: shipped years, with the
// loaded years in their place, by first day. For use cases that warn about
// dates (PeakLeaveTouched) inside their own transaction.
StatusOr<std::vector<PeakLeavePeriod>> LoadPeakLeavePeriods(Transaction& tx);

struct CalendarHoliday {
  BankHoliday holiday;
  bool loaded = false;  // from the database rather than the shipped file
};

struct HolidayImport {
  std::vector<int> years;  // replaced, in order
  int holidays = 0;
};

struct CalendarPeakLeave {
  PeakLeavePeriod period;
  bool loaded = false;  // from the database rather than the shipped file
};

struct PeakLeaveImport {
  std::vector<int> years;  // replaced, in order
  int periods = 0;
};

class CalendarService {
 public:
  CalendarService(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Every call: Unauthenticated for an anonymous caller, PermissionDenied
  // without the permission (signed in to read, kEditReferenceData to load).
  StatusOr<WorkingDayCalendar> Calendar(const Caller& caller);
  // The holidays in force for `year` (every year if nullopt), in date order.
  StatusOr<std::vector<CalendarHoliday>> Holidays(const Caller& caller,
                                                  std::optional<int> year = std::nullopt);
  // Loads a bank holidays CSV (date,name; see ParseBankHolidaysCsv): every
  // year in it replaces that year, all or nothing, with one audit entry per
  // year. InvalidArgument naming each bad line, and nothing saved.
  StatusOr<HolidayImport> ImportHolidaysCsv(const Caller& caller, std::string_view csv);

  // The peak leave periods in force whose year (their first day's) is
  // `year` (every year if nullopt), by first day.
  StatusOr<std::vector<CalendarPeakLeave>> PeakLeavePeriods(const Caller& caller,
                                                            std::optional<int> year = std::nullopt);
  // Loads a peak leave periods CSV (name,first_day,last_day; see
  // ParsePeakLeaveCsv): every year in it replaces that year's periods, all
  // or nothing, with one audit entry per year. InvalidArgument naming each
  // bad line, and nothing saved.
  StatusOr<PeakLeaveImport> ImportPeakLeaveCsv(const Caller& caller, std::string_view csv);

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace jointly
