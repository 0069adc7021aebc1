// Peak leave periods: which periods a date or a window touches, the CSV
// that ships them and loads changes, and the shipped file itself.
#include "domain/peak_leave.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "domain/csv.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

Date D(std::string_view iso) {
  const auto date = Date::Parse(iso);
  EXPECT_TRUE(date.has_value()) << iso;
  return date.value_or(Date());
}

std::string DataFile(const std::string& name) {
  std::ifstream in(std::string(JOINTLY_DATA_DIR) + "/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::vector<PeakLeavePeriod> kPeriods = {
    {"Easter 2026", D("2026-03-28"), D("2026-04-12")},
    {"Summer 2026", D("2026-07-20"), D("2026-08-31")},
    {"Christmas 2026", D("2026-12-20"), D("2027-01-02")},
};

std::vector<std::string> Names(const std::vector<PeakLeavePeriod>& periods) {
  std::vector<std::string> out;
  for (const auto& p : periods) out.push_back(p.name);
  return out;
}

TEST(PeakLeave, AWindowTouchesAPeriodIfTheyShareADay) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Names(PeakLeaveTouched(D("2026-06-01"), D("2026-07-19"), kPeriods)), V{});
  EXPECT_EQ(Names(PeakLeaveTouched(D("2026-06-01"), D("2026-07-20"), kPeriods)), V{"Summer 2026"});
  EXPECT_EQ(Names(PeakLeaveTouched(D("2026-08-31"), D("2026-09-30"), kPeriods)), V{"Summer 2026"});
  EXPECT_EQ(Names(PeakLeaveTouched(D("2026-09-01"), D("2026-12-19"), kPeriods)), V{});
  // One day, a window inside a period, one spanning two, and backwards.
  EXPECT_EQ(Names(PeakLeaveTouched(D("2027-01-02"), D("2027-01-02"), kPeriods)),
            V{"Christmas 2026"});
  EXPECT_EQ(Names(PeakLeaveTouched(D("2026-04-01"), D("2026-04-02"), kPeriods)), V{"Easter 2026"});
  EXPECT_EQ(Names(PeakLeaveTouched(D("2026-04-01"), D("2026-08-01"), kPeriods)),
            (V{"Easter 2026", "Summer 2026"}));
  EXPECT_EQ(Names(PeakLeaveTouched(D("2026-08-01"), D("2026-04-01"), kPeriods)),
            (V{"Easter 2026", "Summer 2026"}));
}

TEST(PeakLeave, TheWarningNamesEachPeriodAndItsDays) {
  EXPECT_EQ(DescribePeakLeave({}), "");
  EXPECT_EQ(DescribePeakLeave({kPeriods[1]}),
            "Summer 2026 (Monday 20 July 2026 to Monday 31 August 2026)");
  EXPECT_EQ(DescribePeakLeave(kPeriods),
            "Easter 2026 (Saturday 28 March 2026 to Sunday 12 April 2026), Summer 2026 (Monday 20 "
            "July 2026 to Monday 31 August 2026) and Christmas 2026 (Sunday 20 December 2026 to "
            "Saturday 2 January 2027)");
}

TEST(PeakLeave, LoadedYearsReplaceWholeYearsByTheirFirstDay) {
  const std::vector<PeakLeavePeriod> loaded = {{"Summer 2026", D("2026-07-13"), D("2026-09-04")},
                                               {"Easter 2040", D("2040-03-24"), D("2040-04-08")}};
  const auto merged = ReplacePeakLeaveYears(kPeriods, loaded);
  // 2026 is only what was loaded: Christmas 2026 (ending in 2027) went too.
  EXPECT_EQ(merged, loaded);
  EXPECT_EQ(ReplacePeakLeaveYears(kPeriods, {}), kPeriods);
}

TEST(PeakLeave, TheCsvRoundTripsAndNamesEveryBadLine) {
  const std::vector<PeakLeavePeriod> periods = {
      {"Easter, with \"quotes\"", D("2041-04-13"), D("2041-04-28")},
      {"-half term", D("2041-05-25"), D("2041-05-29")},
      {"Nadolig 2041 (Cymraeg: ŵyl)", D("2041-12-20"), D("2042-01-02")}};
  const std::string csv = PeakLeaveToCsv(periods);
  auto parsed = ParsePeakLeaveCsv(csv);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, periods);

  auto bad = ParsePeakLeaveCsv(
      "name,first_day,last_day\n"
      "Summer 2041,2041-07-20,2041-08-31\n"
      "Summer 2041,2041-07-21,2041-08-30\n"
      "Backwards,2041-09-02,2041-09-01\n"
      "Too long,2041-01-01,2041-12-31\n"
      "Not a day,2041-02-29,2041-03-01\n"
      ",2041-10-01,2041-10-02\n"
      "Two,values\n");
  ASSERT_THAT(bad.status(), StatusIs(StatusCode::kInvalidArgument));
  std::vector<std::pair<std::string, std::string>> errors;
  for (const auto& e : bad.status().field_errors()) errors.emplace_back(e.field, e.rule);
  EXPECT_EQ(errors,
            (std::vector<std::pair<std::string, std::string>>{{"line 3: name", "duplicate"},
                                                              {"line 4: last_day", "date-order"},
                                                              {"line 5: last_day", "date-order"},
                                                              {"line 6: first_day", "date"},
                                                              {"line 7: name", "text"},
                                                              {"line 8: columns", "csv-columns"}}));
  // The same name in another year is another period.
  EXPECT_TRUE(ParsePeakLeaveCsv("name,first_day,last_day\nSummer,2041-07-20,2041-08-31\n"
                                "Summer,2042-07-20,2042-08-31\n")
                  .ok());
  EXPECT_EQ(ParsePeakLeaveCsv("date,name\n2041-01-01,x\n").status().rule(), "csv-header");
  EXPECT_EQ(ParsePeakLeaveCsv("name,first_day,last_day\n").status().rule(), "csv-empty");
}

// Easter Sunday in the Gregorian calendar (the anonymous algorithm), to
// check the shipped file against.
Date EasterSunday(int y) {
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25;
  const int g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return Date::FromCivil(y, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

TEST(PeakLeave, TheShippedFileHasSummerChristmasAndEasterEveryYearFrom2016To2035) {
  auto shipped = ParsePeakLeaveCsv(DataFile("peak_leave_periods.csv"));
  ASSERT_TRUE(shipped.ok()) << shipped.status().ToString();
  auto holidays = ParseBankHolidaysCsv(DataFile("bank_holidays_england_wales.csv"));
  ASSERT_TRUE(holidays.ok());
  const WorkingDayCalendar bank_holidays(*holidays);
  std::set<int> years;
  for (const auto& p : *shipped) years.insert(p.year());
  EXPECT_EQ(*years.begin(), 2016);
  EXPECT_EQ(*years.rbegin(), 2035);
  for (int year = 2016; year <= 2035; ++year) {
    const std::string y = std::to_string(year);
    std::map<std::string, PeakLeavePeriod> of_year;
    for (const auto& p : *shipped) {
      if (p.year() == year) of_year[p.name] = p;
    }
    ASSERT_EQ(of_year.size(), 3u) << year;
    ASSERT_TRUE(of_year.count("Easter " + y) && of_year.count("Summer " + y) &&
                of_year.count("Christmas " + y))
        << year;
    // Easter holds Good Friday to Easter Monday, which are bank holidays
    // wherever the shipped bank holidays reach.
    const PeakLeavePeriod& easter = of_year["Easter " + y];
    const Date sunday = EasterSunday(year);
    EXPECT_EQ(PeakLeaveTouched(sunday.AddDays(-2), sunday.AddDays(1), {easter}).size(), 1u);
    EXPECT_LE(easter.first_day, sunday.AddDays(-2));
    EXPECT_GE(easter.last_day, sunday.AddDays(1));
    if (bank_holidays.Covers(year)) {
      EXPECT_EQ(bank_holidays.HolidayName(sunday.AddDays(-2))->value_or(""), "Good Friday") << year;
      EXPECT_EQ(bank_holidays.HolidayName(sunday.AddDays(1))->value_or(""), "Easter Monday")
          << year;
    }
    const PeakLeavePeriod& christmas = of_year["Christmas " + y];
    EXPECT_TRUE(christmas.first_day <= Date::FromCivil(year, 12, 25) &&
                Date::FromCivil(year + 1, 1, 1) <= christmas.last_day)
        << year;
    const PeakLeavePeriod& summer = of_year["Summer " + y];
    EXPECT_TRUE(summer.first_day.month() == 7 && summer.last_day.month() == 8) << year;
  }
}

}  // namespace
}  // namespace jointly
