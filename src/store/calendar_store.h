// Bank holidays loaded into the database (the bank_holidays table), which
// take the place of the shipped ones year by year (core/date.h
// ReplaceHolidayYears).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
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

}  // namespace jointly
