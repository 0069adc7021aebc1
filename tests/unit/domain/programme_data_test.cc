// The 2017-18 programme shipped as demo data matches the business plan:
// its five parts, every work stream, its lead(s) and the others involved,
// all naming inspectorates that exist in the reference data.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/text.h"
#include "domain/csv.h"
#include "domain/programme.h"

namespace jointly {
namespace {

std::vector<CsvRecord> Read(const std::string& name) {
  std::ifstream in(std::string(JOINTLY_DATA_DIR) + "/" + name, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto records = ParseCsv(buffer.str());
  EXPECT_TRUE(records.ok()) << records.status().ToString();
  return records.ok() ? *records : std::vector<CsvRecord>{};
}

TEST(ProgrammeData, R7_the_2017_18_programme_has_the_business_plans_parts_and_leads) {
  std::ifstream in(std::string(JOINTLY_DATA_DIR) + "/inspectorates.csv", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  auto inspectorates = ParseInspectoratesCsv(text.str());
  ASSERT_TRUE(inspectorates.ok()) << inspectorates.status().ToString();
  std::set<std::string> codes;
  for (const auto& i : *inspectorates) codes.insert(i.code);
  const auto rows = Read("programme_2017_18.csv");
  ASSERT_EQ(rows.size(), 18u);  // header and 17 work streams
  std::map<std::string, int> per_part;
  std::map<std::string, std::string> lead_of;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& f = rows[r].fields;
    ASSERT_EQ(f.size(), 8u) << "line " << rows[r].line;
    ++per_part[f[0]];
    // What the plan lists as collaborative work is of that type, as its
    // table says.
    if (f[0] == "collaborative_work") {
      EXPECT_EQ(f[1], "collaborative") << f[2];
    }
    EXPECT_TRUE(ParseWorkType(f[1]).has_value()) << f[1];
    lead_of[f[2]] = f[3];
    for (const auto& code : Split(f[3], '&')) EXPECT_TRUE(codes.count(code)) << "lead " << code;
    if (!f[4].empty()) {
      for (const auto& code : Split(f[4], ';')) EXPECT_TRUE(codes.count(code)) << "other " << code;
    }
    EXPECT_FALSE(Trim(f[5]).empty()) << f[2] << " has no summary";
  }
  EXPECT_EQ(per_part, (std::map<std::string, int>{{"continuing_commitments", 4},
                                                  {"new_inspections", 3},
                                                  {"collaborative_work", 3},
                                                  {"scoping", 3},
                                                  {"other_programmes", 4}}));
  // The business plan's leads, including the one joint lead and the
  // partner-led and joint-body-led streams.
  EXPECT_EQ(lead_of["Police and UK Borders Authority custody inspections"], "HMICFRS&HMIPRISONS");
  EXPECT_EQ(lead_of["Joint targeted area inspections of child protection"], "OFSTED");
  EXPECT_EQ(lead_of["Domestic Abuse: Evidence-led prosecutions"], "HMCPSI");
  EXPECT_EQ(lead_of["Social care in prisons"], "HMIPRISONS");
  EXPECT_EQ(lead_of["Quality of victims' services"], "JOINT-SECRETARIAT");
  EXPECT_EQ(lead_of["New ways of working"], "DEVELOPMENT-GROUP");
}

}  // namespace
}  // namespace jointly
