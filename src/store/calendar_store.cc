#include "store/calendar_store.h"

#include <set>

namespace jointly {

StatusOr<std::vector<BankHoliday>> ListBankHolidays(Transaction& tx, std::optional<int> year) {
  ASSIGN_OR_RETURN(auto rows,
                   year ? tx.Query("SELECT holiday_on, name FROM bank_holidays WHERE year = ? "
                                   "ORDER BY holiday_on",
                                   {*year})
                        : tx.Query("SELECT holiday_on, name FROM bank_holidays "
                                   "ORDER BY holiday_on"));
  std::vector<BankHoliday> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    const auto date = Date::Parse(r.Text(0));
    if (!date) return Internal("bank_holidays holds \"" + r.Text(0) + "\", which is not a date");
    out.push_back({*date, r.Text(1)});
  }
  return out;
}

Status ReplaceBankHolidayYears(Transaction& tx, const std::vector<BankHoliday>& holidays,
                               int64_t by, const std::string& now) {
  std::set<int> years;
  for (const auto& h : holidays) years.insert(h.date.year());
  for (int year : years) {
    RETURN_IF_ERROR(tx.Execute("DELETE FROM bank_holidays WHERE year = ?", {year}).status());
  }
  for (const auto& h : holidays) {
    RETURN_IF_ERROR(tx.Execute("INSERT INTO bank_holidays (holiday_on, year, name, imported_by, "
                               "imported_at) VALUES (?, ?, ?, ?, ?)",
                               {h.date.ToIso(), h.date.year(), h.name, by, now})
                        .status());
  }
  return OkStatus();
}

StatusOr<std::vector<PeakLeavePeriod>> ListPeakLeavePeriods(Transaction& tx,
                                                            std::optional<int> year) {
  ASSIGN_OR_RETURN(auto rows, year ? tx.Query("SELECT name, first_on, last_on FROM "
                                              "peak_leave_periods WHERE year = ? "
                                              "ORDER BY first_on, name",
                                              {*year})
                                   : tx.Query("SELECT name, first_on, last_on FROM "
                                              "peak_leave_periods ORDER BY first_on, name"));
  std::vector<PeakLeavePeriod> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    const auto first = Date::Parse(r.Text(1));
    const auto last = Date::Parse(r.Text(2));
    if (!first || !last) {
      return Internal("peak_leave_periods holds \"" + r.Text(0) +
                      "\" with a day that is not a date");
    }
    out.push_back({r.Text(0), *first, *last});
  }
  return out;
}

Status SavePeakLeaveYears(Transaction& tx, const std::vector<PeakLeavePeriod>& periods, int64_t by,
                          const std::string& now) {
  std::set<int> years;
  for (const auto& p : periods) years.insert(p.year());
  for (int year : years) {
    RETURN_IF_ERROR(tx.Execute("DELETE FROM peak_leave_periods WHERE year = ?", {year}).status());
  }
  for (const auto& p : periods) {
    RETURN_IF_ERROR(tx.Execute("INSERT INTO peak_leave_periods (year, name, first_on, last_on, "
                               "imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?)",
                               {p.year(), p.name, p.first_day.ToIso(), p.last_day.ToIso(), by, now})
                        .status());
  }
  return OkStatus();
}

}  // namespace jointly
