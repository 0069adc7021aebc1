#include "core/date.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "core/clock.h"
#include "domain/csv.h"

namespace jointly {
namespace {

Date D(std::string_view iso) {
  const auto date = Date::Parse(iso);
  EXPECT_TRUE(date.has_value()) << iso;
  return date.value_or(Date());
}

std::string ShippedCsv() {
  std::ifstream in(std::string(JOINTLY_DATA_DIR) + "/bank_holidays_england_wales.csv");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The shipped bank holidays of England and Wales.
const WorkingDayCalendar& Shipped() {
  static const WorkingDayCalendar calendar = [] {
    auto holidays = ParseBankHolidaysCsv(ShippedCsv());
    EXPECT_TRUE(holidays.ok()) << holidays.status().ToString();
    return WorkingDayCalendar(holidays.ok() ? *holidays : std::vector<BankHoliday>{});
  }();
  return calendar;
}

bool Working(std::string_view iso) {
  auto working = Shipped().IsWorkingDay(D(iso));
  EXPECT_TRUE(working.ok()) << iso << ": " << working.status().ToString();
  return working.ok() && *working;
}

std::string Plus(std::string_view iso, int n) {
  auto date = Shipped().AddWorkingDays(D(iso), n);
  EXPECT_TRUE(date.ok()) << date.status().ToString();
  return date.ok() ? date->ToIso() : "";
}

TEST(Date, ParsesOnlyRealIsoDates) {
  EXPECT_EQ(Date::Parse("2020-02-29"), Date::FromCivil(2020, 2, 29));
  EXPECT_EQ(Date::Parse("1970-01-01")->days().time_since_epoch().count(), 0);
  for (const char* bad :
       {"2026-02-30", "2021-02-29", "1900-02-29", "2021-13-01", "2021-00-10", "2021-01-00",
        "2021-04-31", "2021-1-01", "2021-01-1", " 2021-01-01", "2021-01-01 ", "2021/01/01",
        "20210101", "1899-12-31", "", "soon", "+202-01-01", "2021-0a-01"}) {
    EXPECT_FALSE(Date::Parse(bad).has_value()) << bad;
  }
  EXPECT_TRUE(Date::Parse("2000-02-29").has_value());
  EXPECT_FALSE(Date::ParseOrNone("2026-02-30").ok());
  EXPECT_FALSE(Date().ok());
}

TEST(Date, FormatsAsIsoAndAsGovUkWritesDates) {
  EXPECT_EQ(Date::FromCivil(2020, 5, 8).ToIso(), "2020-05-08");
  EXPECT_EQ(Date::FromCivil(2020, 5, 29).ToLong(), "Friday 29 May 2020");
  EXPECT_EQ(D("1970-01-01").ToLong(), "Thursday 1 January 1970");
  EXPECT_EQ(D("2026-11-23").ToLong(), "Monday 23 November 2026");
  EXPECT_EQ(D("2023-12-31").ToLong(), "Sunday 31 December 2023");
  EXPECT_EQ(Date().ToIso(), "");
  EXPECT_EQ(Date().ToLong(), "");
  for (const char* iso : {"1900-01-01", "1999-12-31", "2024-02-29", "9999-12-31"}) {
    EXPECT_EQ(D(iso).ToIso(), iso);
  }
}

TEST(Date, ComparesAddsAndCountsDays) {
  EXPECT_LT(D("2020-12-31"), D("2021-01-01"));
  EXPECT_LT(Date(), D("1900-01-01"));
  EXPECT_EQ(D("2020-02-28").AddDays(1), D("2020-02-29"));
  EXPECT_EQ(D("2021-02-28").AddDays(1), D("2021-03-01"));
  EXPECT_EQ(D("2021-01-01").AddDays(-1), D("2020-12-31"));
  EXPECT_EQ(D("2021-01-01").DaysSince(D("2020-01-01")), 366);
  EXPECT_EQ(D("2020-01-01").DaysSince(D("2021-01-01")), -366);
  EXPECT_EQ(D("2020-05-08").weekday(), std::chrono::Friday);
  EXPECT_TRUE(D("2020-05-09").IsWeekend());
  EXPECT_FALSE(D("2020-05-08").IsWeekend());
}

TEST(Date, DayOfAMomentIsItsUtcDay) {
  EXPECT_EQ(Date::DayOf(1606089600LL * 1000000), D("2020-11-23"));
  EXPECT_EQ(Date::DayOf(1606089600LL * 1000000 - 1), D("2020-11-22"));
  EXPECT_EQ(Date::DayOf(0), D("1970-01-01"));
  EXPECT_EQ(Date::DayOf(-1), D("1969-12-31"));
  // The thin wrappers for code on day numbers agree.
  EXPECT_EQ(FormatIsoDate(DayOf(1606089600LL * 1000000)), "2020-11-23");
  EXPECT_EQ(ParseIsoDate("2020-02-29"), 18321);
  EXPECT_FALSE(ParseIsoDate("2021-02-29"));
}

TEST(FinancialYear, RunsFromAprilToMarch) {
  EXPECT_EQ(FinancialYear::Of(D("2018-03-31")), FinancialYear(2017));
  EXPECT_EQ(FinancialYear::Of(D("2018-04-01")), FinancialYear(2018));
  EXPECT_EQ(FinancialYear::Of(D("2018-01-01")), FinancialYear(2017));
  EXPECT_EQ(FinancialYear::Of(D("2018-12-31")), FinancialYear(2018));
  EXPECT_EQ(FinancialYear(2017).first_day(), D("2017-04-01"));
  EXPECT_EQ(FinancialYear(2017).last_day(), D("2018-03-31"));
  EXPECT_TRUE(FinancialYear(2017).Contains(D("2018-03-31")));
  EXPECT_FALSE(FinancialYear(2017).Contains(D("2018-04-01")));
  EXPECT_EQ(FinancialYear(2017).Label(), "2017-18");
  EXPECT_EQ(FinancialYear(2009).Label(), "2009-10");
  EXPECT_EQ(FinancialYear(1999).Label(), "1999-00");
  EXPECT_EQ(FinancialYear(2017).Next(), FinancialYear(2018));
}

TEST(FinancialYear, ReadsAsPeopleTypeIt) {
  for (const char* typed : {"2017-18", "2017/18", "2017", " 2017-18 "}) {
    EXPECT_EQ(FinancialYear::Parse(typed), FinancialYear(2017)) << typed;
  }
  EXPECT_EQ(FinancialYear::Parse("1999-00"), FinancialYear(1999));
  for (const char* typed : {"2017-19", "2017/2018", "2017-8", "17-18", "2017 18", "next year", "",
                            "20170", "2017-18 Q1"}) {
    EXPECT_FALSE(FinancialYear::Parse(typed)) << typed;
  }
}

TEST(FinancialQuarter, AprilToJuneIsTheFirst) {
  const std::map<std::string, std::string> quarter_of = {
      {"2017-04-01", "2017-18 Q1"}, {"2017-06-30", "2017-18 Q1"}, {"2017-07-01", "2017-18 Q2"},
      {"2017-09-30", "2017-18 Q2"}, {"2017-10-01", "2017-18 Q3"}, {"2017-12-31", "2017-18 Q3"},
      {"2018-01-01", "2017-18 Q4"}, {"2018-03-31", "2017-18 Q4"}, {"2018-04-01", "2018-19 Q1"}};
  for (const auto& [date, label] : quarter_of) {
    EXPECT_EQ(FinancialQuarter::Of(D(date)).Label(), label) << date;
  }
  const FinancialQuarter q4(FinancialYear(2017), 4);
  EXPECT_EQ(q4.first_day(), D("2018-01-01"));
  EXPECT_EQ(q4.last_day(), D("2018-03-31"));
  EXPECT_EQ(FinancialQuarter(FinancialYear(2017), 1).first_day(), D("2017-04-01"));
  EXPECT_EQ(FinancialQuarter(FinancialYear(2017), 3).last_day(), D("2017-12-31"));
  EXPECT_EQ(q4.Index(), 2017 * 4 + 3);
  EXPECT_EQ(FinancialQuarter::FromIndex(q4.Index()), q4);
  EXPECT_EQ(FinancialQuarter::FromIndex(q4.Index() + 1), FinancialQuarter(FinancialYear(2018), 1));
  EXPECT_TRUE(q4.Contains(D("2018-02-14")));
  EXPECT_FALSE(q4.Contains(D("2018-04-01")));
}

TEST(BankHolidays, TheShippedFileCoversEveryYearFrom2015) {
  auto holidays = ParseBankHolidaysCsv(ShippedCsv());
  ASSERT_TRUE(holidays.ok()) << holidays.status().ToString();
  std::map<int, int> per_year;
  for (const auto& h : *holidays) {
    ++per_year[h.date.year()];
    EXPECT_FALSE(h.date.IsWeekend()) << h.date.ToIso() << " " << h.name;
  }
  ASSERT_FALSE(per_year.empty());
  EXPECT_EQ(per_year.begin()->first, 2015);
  EXPECT_GE(per_year.rbegin()->first, 2027);
  for (int year = 2015; year <= per_year.rbegin()->first; ++year) {
    EXPECT_GE(per_year[year], 8) << year;
  }
}

TEST(BankHolidays, OneOffAndMovedHolidaysAreInTheirPlace) {
  // 2020: the early May bank holiday moved to Friday for VE Day.
  EXPECT_FALSE(Working("2020-05-08"));
  EXPECT_TRUE(Working("2020-05-04"));
  EXPECT_EQ(*Shipped().HolidayName(D("2020-05-08")), "Early May bank holiday (VE Day)");
  // 2022: the spring bank holiday moved to Thursday 2 June, then the
  // Platinum Jubilee; the State Funeral of Queen Elizabeth II.
  EXPECT_FALSE(Working("2022-06-02"));
  EXPECT_FALSE(Working("2022-06-03"));
  EXPECT_TRUE(Working("2022-05-30"));
  EXPECT_FALSE(Working("2022-09-19"));
  EXPECT_NE(Shipped().HolidayName(D("2022-06-03"))->value_or("").find("Platinum Jubilee"),
            std::string::npos);
  EXPECT_NE(Shipped().HolidayName(D("2022-09-19"))->value_or("").find("State Funeral"),
            std::string::npos);
  // 2023: the coronation of King Charles III, beside the usual early May.
  EXPECT_FALSE(Working("2023-05-08"));
  EXPECT_FALSE(Working("2023-05-01"));
  EXPECT_NE(Shipped().HolidayName(D("2023-05-08"))->value_or("").find("coronation"),
            std::string::npos);
  EXPECT_EQ(*Shipped().HolidayName(D("2023-05-09")), std::nullopt);
}

TEST(BankHolidays, SubstituteDaysWhenChristmasFallsAtTheWeekend) {
  // 2021: Christmas on Saturday, Boxing Day on Sunday.
  EXPECT_FALSE(Working("2021-12-27"));
  EXPECT_FALSE(Working("2021-12-28"));
  EXPECT_TRUE(Working("2021-12-29"));
  // 2022: Christmas on Sunday; Boxing Day Monday, the substitute Tuesday.
  EXPECT_FALSE(Working("2022-12-26"));
  EXPECT_FALSE(Working("2022-12-27"));
  EXPECT_TRUE(Working("2022-12-28"));
  // 2023: New Year's Day on Sunday.
  EXPECT_FALSE(Working("2023-01-02"));
  EXPECT_TRUE(Working("2023-01-03"));
  EXPECT_FALSE(Working("2022-12-25"));  // a Sunday
}

TEST(WorkingDays, AddingStepsOverWeekendsAndHolidays) {
  // Christmas 2023: Friday 22 December, then Wednesday 27 December.
  EXPECT_EQ(Plus("2023-12-22", 1), "2023-12-27");
  EXPECT_EQ(Plus("2023-12-27", -1), "2023-12-22");
  EXPECT_EQ(Plus("2023-12-20", 5), "2023-12-29");
  EXPECT_EQ(Plus("2023-12-20", 6), "2024-01-02");  // over New Year's Day too
  // Easter 2024: Good Friday 29 March, Easter Monday 1 April.
  EXPECT_EQ(Plus("2024-03-28", 1), "2024-04-02");
  EXPECT_EQ(Plus("2024-04-02", -1), "2024-03-28");
  EXPECT_EQ(Plus("2024-03-25", 5), "2024-04-03");
  // From a weekend day, and no days at all.
  EXPECT_EQ(Plus("2024-03-30", 0), "2024-03-30");
  EXPECT_EQ(Plus("2024-06-08", 1), "2024-06-10");
  EXPECT_EQ(Plus("2024-06-08", -1), "2024-06-07");
}

TEST(WorkingDays, CountsBetweenTwoDates) {
  const WorkingDayCalendar& c = Shipped();
  EXPECT_EQ(*c.WorkingDaysBetween(D("2023-12-22"), D("2023-12-27")), 1);
  EXPECT_EQ(*c.WorkingDaysBetween(D("2023-12-27"), D("2023-12-22")), -1);
  EXPECT_EQ(*c.WorkingDaysBetween(D("2024-03-25"), D("2024-04-03")), 5);
  EXPECT_EQ(*c.WorkingDaysBetween(D("2024-04-03"), D("2024-04-03")), 0);
  for (const char* from : {"2023-12-20", "2024-03-23", "2024-04-01"}) {
    for (int n : {-12, -3, 1, 4, 30}) {
      const Date to = *c.AddWorkingDays(D(from), n);
      EXPECT_EQ(*c.WorkingDaysBetween(D(from), to), n) << from << " " << n;
    }
  }
}

TEST(WorkingDays, AYearWithoutHolidaysIsAnErrorNamingIt) {
  const WorkingDayCalendar c({{D("2024-12-25"), "Christmas Day"}});
  EXPECT_TRUE(c.Covers(2024));
  EXPECT_FALSE(c.Covers(2025));
  const auto missing = c.IsWorkingDay(D("2025-01-06"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(missing.status().rule(), "bank-holidays");
  EXPECT_NE(missing.status().message().find("2025"), std::string::npos);
  EXPECT_NE(missing.status().message().find("jointly holidays import"), std::string::npos);
  // Walking into a missing year is refused too, not answered wrongly.
  const auto walked = c.AddWorkingDays(D("2024-12-30"), 3);
  EXPECT_EQ(walked.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(walked.status().message().find("2025"), std::string::npos);
  EXPECT_EQ(c.WorkingDaysBetween(D("2024-06-03"), D("2025-06-03")).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(c.HolidayName(D("2023-12-25")).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(c.IsWorkingDay(Date()).status().code(), StatusCode::kInvalidArgument);
}

TEST(WorkingDays, LoadedYearsReplaceShippedOnes) {
  const std::vector<BankHoliday> shipped = {{D("2024-12-25"), "Christmas Day"},
                                            {D("2025-12-25"), "Christmas Day"},
                                            {D("2025-12-26"), "Boxing Day"}};
  const std::vector<BankHoliday> loaded = {{D("2025-06-02"), "A one-off holiday"},
                                           {D("2026-12-25"), "Christmas Day"}};
  const auto merged = ReplaceHolidayYears(shipped, loaded);
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_EQ(merged[0].date, D("2024-12-25"));
  EXPECT_EQ(merged[1].date, D("2025-06-02"));
  EXPECT_EQ(merged[2].date, D("2026-12-25"));
  const WorkingDayCalendar c(merged);
  EXPECT_TRUE(*c.IsWorkingDay(D("2025-12-26")));
  EXPECT_FALSE(*c.IsWorkingDay(D("2025-06-02")));
}

TEST(BankHolidays, ImportFilesAreCheckedLineByLine) {
  std::string year = "date,name\n";
  for (const char* d : {"2031-01-01", "2031-04-11", "2031-04-14", "2031-05-05", "2031-05-26",
                        "2031-08-25", "2031-12-25", "2031-12-26"}) {
    year += std::string(d) + ",Holiday\n";
  }
  auto parsed = ParseBankHolidaysCsv(year);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->size(), 8u);

  auto bad = ParseBankHolidaysCsv(year + "2031-02-30,Not a day\n2031-12-26,Again\n2032-01-01,\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  std::vector<std::string> errors;
  for (const auto& e : bad.status().field_errors()) errors.push_back(e.field + ":" + e.rule);
  EXPECT_EQ(errors,
            (std::vector<std::string>{"line 10: date:date", "line 11: date:duplicate",
                                      "line 12: name:text", "line 12: date:year-incomplete"}));
  EXPECT_EQ(ParseBankHolidaysCsv("day,what\n2031-01-01,x\n").status().rule(), "csv-header");
  EXPECT_EQ(ParseBankHolidaysCsv("date,name\n").status().rule(), "csv-empty");
}

}  // namespace
}  // namespace jointly
