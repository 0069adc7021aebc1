// Bank holidays and peak leave periods loaded into the database (the
// bank_holidays and peak_leave_periods tables), which take the place of the
// shipped ones year by year (core/date.h ReplaceHolidayYears,
// domain/peak_leave.h ReplacePeakLeaveYears).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "domain/peak_leave.h"
#include "store/database.h"

namespace jointly {

// The loaded holidays of `year` (every year if nullopt), in date order.
StatusOr<std::vector<BankHoliday>> ListBankHolidays(Transaction& tx,
                                                    std::optional<int> year = std::nullopt);

// Replaces every loaded holiday in each calendar year that `holidays` has
// any date in with `holidays`' dates for that year, recording who (`by`, a
// user id or a negative system id) and when. REQUIRES: every date ok() and
// no date twice.
Status ReplaceBankHolidayYears(Transaction& tx, const std::vector<BankHoliday>& holidays,
                               int64_t by, const std::string& now);

// The loaded peak leave periods of `year` (every year if nullopt; a
// period's year is its first day's), by first day then name.
StatusOr<std::vector<PeakLeavePeriod>> ListPeakLeavePeriods(Transaction& tx,
                                                            std::optional<int> year = std::nullopt);

// Replaces every loaded period of each year that `periods` has any period
// in with `periods`' periods of that year, recording who (`by`) and when.
// AlreadyExists if a name is given twice in a year. REQUIRES: every date
// ok().
Status SavePeakLeaveYears(Transaction& tx, const std::vector<PeakLeavePeriod>& periods, int64_t by,
                          const std::string& now);

}  // namespace jointly
