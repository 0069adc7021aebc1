#include "service/calendar_service.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/embedded.h"
#include "domain/csv.h"
#include "service/audit_trail.h"
#include "store/calendar_store.h"

namespace jointly::embedded {
const FileMap& ReferenceData();
}

namespace jointly {

using nlohmann::json;

namespace {

json HolidaysJson(const std::vector<BankHoliday>& holidays) {
  json out = json::array();
  for (const auto& h : holidays) out.push_back({{"date", h.date.ToIso()}, {"name", h.name}});
  return out;
}

json PeakLeaveJson(const std::vector<PeakLeavePeriod>& periods) {
  json out = json::array();
  for (const auto& p : periods) {
    out.push_back(
        {{"name", p.name}, {"first_day", p.first_day.ToIso()}, {"last_day", p.last_day.ToIso()}});
  }
  return out;
}

}  // namespace

StatusOr<std::vector<PeakLeavePeriod>> ShippedPeakLeavePeriods() {
  static const StatusOr<std::vector<PeakLeavePeriod>> shipped =
      ParsePeakLeaveCsv(embedded::ReferenceData().at("peak_leave_periods.csv"));
  if (!shipped.ok()) {
    return Internal("The shipped peak leave periods do not parse: " + shipped.status().ToString());
  }
  return *shipped;
}

StatusOr<std::vector<PeakLeavePeriod>> LoadPeakLeavePeriods(Transaction& tx) {
  ASSIGN_OR_RETURN(auto shipped, ShippedPeakLeavePeriods());
  ASSIGN_OR_RETURN(auto loaded, ListPeakLeavePeriods(tx));
  return ReplacePeakLeaveYears(shipped, loaded);
}

StatusOr<std::vector<BankHoliday>> ShippedBankHolidays() {
  static const StatusOr<std::vector<BankHoliday>> shipped =
      ParseBankHolidaysCsv(embedded::ReferenceData().at("bank_holidays_england_wales.csv"));
  if (!shipped.ok()) {
    return Internal("The shipped bank holidays do not parse: " + shipped.status().ToString());
  }
  return *shipped;
}

StatusOr<WorkingDayCalendar> LoadWorkingDayCalendar(Transaction& tx) {
  ASSIGN_OR_RETURN(auto shipped, ShippedBankHolidays());
  ASSIGN_OR_RETURN(auto loaded, ListBankHolidays(tx));
  return WorkingDayCalendar(ReplaceHolidayYears(shipped, loaded));
}

StatusOr<WorkingDayCalendar> CalendarService::Calendar(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  WorkingDayCalendar calendar;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(calendar, LoadWorkingDayCalendar(tx));
    return OkStatus();
  }));
  return calendar;
}

StatusOr<std::vector<CalendarHoliday>> CalendarService::Holidays(const Caller& caller,
                                                                 std::optional<int> year) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  ASSIGN_OR_RETURN(auto shipped, ShippedBankHolidays());
  std::vector<BankHoliday> loaded;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(loaded, ListBankHolidays(tx, year));
    return OkStatus();
  }));
  std::set<int> loaded_years;
  for (const auto& h : loaded) loaded_years.insert(h.date.year());
  std::vector<CalendarHoliday> out;
  for (const auto& h : ReplaceHolidayYears(shipped, loaded)) {
    if (year && h.date.year() != *year) continue;
    out.push_back({h, loaded_years.count(h.date.year()) > 0});
  }
  return out;
}

StatusOr<HolidayImport> CalendarService::ImportHolidaysCsv(const Caller& caller,
                                                           std::string_view csv) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditReferenceData));
  ASSIGN_OR_RETURN(const std::vector<BankHoliday> holidays, ParseBankHolidaysCsv(csv));
  ASSIGN_OR_RETURN(const auto shipped, ShippedBankHolidays());
  std::map<int, std::vector<BankHoliday>> by_year;
  for (const auto& h : holidays) by_year[h.date.year()].push_back(h);
  HolidayImport result;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    result = {};
    const std::string now = FormatTimestamp(clock_.NowMicros());
    for (const auto& [year, replacement] : by_year) {
      // What was in force for the year: loaded rows, else the shipped ones.
      ASSIGN_OR_RETURN(std::vector<BankHoliday> before, ListBankHolidays(tx, year));
      if (before.empty()) {
        for (const auto& h : shipped) {
          if (h.date.year() == year) before.push_back(h);
        }
      }
      RETURN_IF_ERROR(ReplaceBankHolidayYears(tx, replacement, caller.user_id, now));
      RETURN_IF_ERROR(RecordChange(tx, clock_, caller, "import", "bank_holidays", year,
                                   before.empty() ? json(nullptr) : HolidaysJson(before),
                                   HolidaysJson(replacement)));
      result.years.push_back(year);
      result.holidays += static_cast<int>(replacement.size());
    }
    return OkStatus();
  }));
  return result;
}

StatusOr<std::vector<CalendarPeakLeave>> CalendarService::PeakLeavePeriods(
    const Caller& caller, std::optional<int> year) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  ASSIGN_OR_RETURN(auto shipped, ShippedPeakLeavePeriods());
  std::vector<PeakLeavePeriod> loaded;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(loaded, ListPeakLeavePeriods(tx, year));
    return OkStatus();
  }));
  std::set<int> loaded_years;
  for (const auto& p : loaded) loaded_years.insert(p.year());
  std::vector<CalendarPeakLeave> out;
  for (const auto& p : ReplacePeakLeaveYears(shipped, loaded)) {
    if (year && p.year() != *year) continue;
    out.push_back({p, loaded_years.count(p.year()) > 0});
  }
  return out;
}

StatusOr<PeakLeaveImport> CalendarService::ImportPeakLeaveCsv(const Caller& caller,
                                                              std::string_view csv) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditReferenceData));
  ASSIGN_OR_RETURN(const std::vector<PeakLeavePeriod> periods, ParsePeakLeaveCsv(csv));
  ASSIGN_OR_RETURN(const auto shipped, ShippedPeakLeavePeriods());
  std::map<int, std::vector<PeakLeavePeriod>> by_year;
  for (const auto& p : periods) by_year[p.year()].push_back(p);
  PeakLeaveImport result;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    result = {};
    const std::string now = FormatTimestamp(clock_.NowMicros());
    for (const auto& [year, replacement] : by_year) {
      // What was in force for the year: loaded rows, else the shipped ones.
      ASSIGN_OR_RETURN(std::vector<PeakLeavePeriod> before, ListPeakLeavePeriods(tx, year));
      if (before.empty()) {
        for (const auto& p : shipped) {
          if (p.year() == year) before.push_back(p);
        }
      }
      RETURN_IF_ERROR(SavePeakLeaveYears(tx, replacement, caller.user_id, now));
      RETURN_IF_ERROR(RecordChange(tx, clock_, caller, "import", "peak_leave_periods", year,
                                   before.empty() ? json(nullptr) : PeakLeaveJson(before),
                                   PeakLeaveJson(replacement)));
      result.years.push_back(year);
      result.periods += static_cast<int>(replacement.size());
    }
    return OkStatus();
  }));
  return result;
}

}  // namespace jointly
