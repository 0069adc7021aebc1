#include "domain/csv.h"

#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

TEST(Csv, ParsesQuotedFieldsAndCrlf) {
  auto r = ParseCsv(
      "\xEF\xBB\xBF"
      "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",z\r\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[1].fields[0], "x, y");
  EXPECT_EQ((*r)[1].fields[1], "say \"hi\"");
  EXPECT_EQ((*r)[2].fields[0], "two\nlines");
  EXPECT_EQ((*r)[2].line, 3);
}

TEST(Csv, SkipsBlankLinesAndKeepsLineNumbers) {
  auto r = ParseCsv("h\n\nv\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[1].line, 3);
}

TEST(Csv, RejectsUnterminatedQuoteNamingTheLine) {
  auto r = ParseCsv("a,b\nc,\"open\n");
  EXPECT_THAT(r, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_NE(r.status().message().find("Line 2"), std::string::npos);
}

TEST(Csv, RejectsStrayQuote) {
  EXPECT_THAT(ParseCsv("a,b\"c\n"), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseCsv("\"a\"b\n"), StatusIs(StatusCode::kInvalidArgument));
}

TEST(Csv, RoundTripsAwkwardValues) {
  const std::vector<std::string> values = {
      "plain", "with, comma", "with \"quotes\"", "multi\r\nline", "", "Ynys Môn"};
  auto r = ParseCsv(CsvLine(values));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].fields, values);
}

TEST(Csv, KeepsAValueThatStartsWithAByteOrderMark) {
  const std::vector<std::string> values = {
      "\xEF\xBB\xBF"
      "code",
      "n"};
  auto r = ParseCsv(CsvLine(values));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].fields, values);
}

TEST(Csv, GuardsAgainstFormulas) {
  EXPECT_EQ(CsvField("=SUM(A1)"), "'=SUM(A1)");
  EXPECT_EQ(CsvField("@cmd"), "'@cmd");
  EXPECT_EQ(CsvField("\t=cmd|' /C calc'!A0"), "'\t=cmd|' /C calc'!A0");
  EXPECT_EQ(CsvField("\r=1+1"), "\"'\r=1+1\"");
  EXPECT_EQ(CsvField("plain\ttab"), "plain\ttab");
}

constexpr const char* kHeader = "code,name,type,region,nation,in_london,active\n";

TEST(BodiesCsv, ImportsGoodLines) {
  auto r =
      ParseBodiesCsv(std::string(kHeader) +
                     "PDU-CARDIFF,Cardiff and Vale PDU,probation_delivery_unit,Wales,wales,no,yes\n"
                     "YOS-ISLINGTON,Islington YOS,youth_offending_service,London,england,yes,\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[1].in_london, true);
  EXPECT_EQ((*r)[1].active, true);
}

TEST(BodiesCsv, Foundation_csv_import_reports_every_bad_line) {
  auto r = ParseBodiesCsv(std::string(kHeader) +
                          "GOOD-1,Good body,prison,North West,england,no,yes\n"
                          "bad code,Body,prison,North West,england,no,yes\n"
                          "GOOD-2,Body,spaceship,North West,england,no,yes\n"
                          "GOOD-3,Body,prison,North West,scotland,no,yes\n"
                          "GOOD-1,Duplicate,prison,North West,england,no,yes\n"
                          "GOOD-4,Welsh in London,prison,Wales,wales,yes,yes\n"
                          "GOOD-5,Too few\n");
  ASSERT_THAT(r, StatusIs(StatusCode::kInvalidArgument));
  std::vector<std::string> fields;
  for (const auto& e : r.status().field_errors()) fields.push_back(e.field);
  const std::vector<std::string> expected = {"line 3: code",      "line 4: type",
                                             "line 5: nation",    "line 6: code",
                                             "line 7: in_london", "line 8: columns"};
  EXPECT_EQ(fields, expected);
}

TEST(BodiesCsv, RejectsMissingOrUnknownColumns) {
  EXPECT_EQ(ParseBodiesCsv("code,name\nA,B\n").status().rule(), "csv-header");
  EXPECT_EQ(ParseBodiesCsv("code,name,type,nation,colour\n").status().rule(), "csv-header");
  EXPECT_EQ(ParseBodiesCsv("").status().rule(), "csv-empty");
  EXPECT_EQ(ParseBodiesCsv(std::string(kHeader)).status().rule(), "csv-empty");
  EXPECT_EQ(ParseBodiesCsv("code\xFF\n").status().rule(), "utf8");
}

TEST(InspectoratesCsv, ReadsTheReferenceFormatAndNamesABadLine) {
  const std::string header =
      "code,short_name,full_name,kind,closed_year,findings,sends_embargoed_copies,"
      "senior_oversight_title\n";
  auto good = ParseInspectoratesCsv(
      header +
      "HMICA,HMICA,HM Inspectorate of Court Administration,criminal_justice,2010,"
      "recommendations,no,\n");
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ(good->at(0).closed_year, 2010);
  auto bad_year =
      ParseInspectoratesCsv(header + "X,X,X,criminal_justice,twenty-ten,recommendations,no,\n");
  EXPECT_EQ(bad_year.status().rule(), "csv-value");
  EXPECT_NE(bad_year.status().message().find("Line 2"), std::string::npos);
  EXPECT_EQ(ParseInspectoratesCsv(header + "X,X\n").status().rule(), "csv-columns");
}

TEST(BodiesCsv, ExportThenImportGivesTheSameBodies) {
  InspectedBody a;
  a.code = "HMP-X";
  a.name = "HMP \"Example\", the first";
  a.type = BodyType::kPrison;
  a.region = "=North";
  a.nation = Nation::kWales;
  a.active = false;
  auto back = ParseBodiesCsv(BodiesToCsv({a}));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ((*back)[0].name, a.name);
  EXPECT_EQ((*back)[0].region, a.region);
  EXPECT_EQ((*back)[0].nation, a.nation);
  EXPECT_EQ((*back)[0].active, false);
}

}  // namespace
}  // namespace jointly
