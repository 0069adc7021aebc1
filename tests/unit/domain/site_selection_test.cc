// Sites proposed from data (M 12-14, R14): the indicators and past
// inspections files, and a proposal that covers variation, keeps the
// inspection burden low, is the same for the same facts, and lists the
// bodies with no data.
#include "domain/site_selection.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

using ::testing::HasSubstr;

SiteCandidate Body(int64_t id, std::string name, std::string region, Nation nation, bool london,
                   std::string performance, int64_t size, int burden = 0) {
  SiteCandidate c;
  c.body.id = id;
  c.body.name = std::move(name);
  c.body.type = BodyType::kPoliceForce;
  c.body.region = std::move(region);
  c.body.nation = nation;
  c.body.in_london = london;
  c.burden = burden;
  if (!performance.empty()) {
    c.indicators = BodyIndicators{.body_id = id,
                                  .performance = std::move(performance),
                                  .performance_measure = "",
                                  .size = size,
                                  .size_measure = "staff"};
  }
  return c;
}

std::vector<SiteCandidate> Forces() {
  return {
      Body(1, "Kent Police", "South East", Nation::kEngland, false, "good", 3500),
      Body(2, "Surrey Police", "South East", Nation::kEngland, false, "good", 1900),
      Body(3, "Metropolitan Police Service", "London", Nation::kEngland, true, "adequate", 30000),
      Body(4, "South Wales Police", "Wales", Nation::kWales, false, "requires improvement", 2900),
      Body(5, "Gwent Police", "Wales", Nation::kWales, false, "good", 1300),
      Body(6, "Cumbria Constabulary", "North West", Nation::kEngland, false, "inadequate", 1100),
      Body(7, "Durham Constabulary", "North East", Nation::kEngland, false, "outstanding", 1200),
  };
}

std::vector<int64_t> Ids(const std::vector<SitePick>& picks) {
  std::vector<int64_t> out;
  for (const auto& p : picks) out.push_back(p.body_id);
  return out;
}

const SiteCandidate& ById(const std::vector<SiteCandidate>& cs, int64_t id) {
  return *std::find_if(cs.begin(), cs.end(), [&](const auto& c) { return c.body.id == id; });
}

TEST(SiteSelection, R14_sites_proposed_cover_well_and_poorly_performing_London_and_Wales) {
  const auto cs = Forces();
  auto p = ProposeSites(cs, 4);
  ASSERT_THAT(p, IsOk());
  ASSERT_EQ(p->picks.size(), 4u);
  bool well = false, poorly = false, london = false, wales = false;
  for (int64_t id : Ids(p->picks)) {
    const auto& c = ById(cs, id);
    auto band = PerformanceBand(c.indicators->performance);
    well = well || band == PerformanceClass::kWell;
    poorly = poorly || band == PerformanceClass::kPoorly;
    london = london || c.body.in_london;
    wales = wales || c.body.nation == Nation::kWales;
  }
  EXPECT_TRUE(well);
  EXPECT_TRUE(poorly);
  EXPECT_TRUE(london);
  EXPECT_TRUE(wales);
  for (const auto& pick : p->picks) EXPECT_FALSE(pick.reason.empty());
  EXPECT_FALSE(p->near_misses.empty());
  for (const auto& miss : p->near_misses) {
    EXPECT_THAT(Ids(p->picks), ::testing::Not(::testing::Contains(miss.body_id)));
    EXPECT_FALSE(miss.reason.empty());
  }
}

TEST(SiteSelection, R14_sites_proposed_keep_the_inspection_burden_low) {
  // Gwent would add a region; Surrey adds less but has not been inspected.
  std::vector<SiteCandidate> two = {
      Body(1, "Gwent Police", "Somewhere", Nation::kEngland, false, "good", 0, 1),
      Body(2, "Surrey Police", "", Nation::kEngland, false, "good", 0, 0)};
  auto one = ProposeSites(two, 1);
  ASSERT_THAT(one, IsOk());
  EXPECT_EQ(Ids(one->picks), std::vector<int64_t>{2});
  ASSERT_EQ(one->near_misses.size(), 1u);
  EXPECT_THAT(one->near_misses[0].reason, HasSubstr("inspected once"));
  auto cs = Forces();
  // Kent and Surrey are alike; Kent has been inspected three times lately.
  cs[0].burden = 3;
  auto p = ProposeSites(cs, 4);
  ASSERT_THAT(p, IsOk());
  EXPECT_THAT(Ids(p->picks), ::testing::Not(::testing::Contains(1)));
  // Without the burden, Kent (large, performing well) is the pick.
  cs[0].burden = 0;
  cs[1].burden = 3;
  auto q = ProposeSites(cs, 4);
  ASSERT_THAT(q, IsOk());
  EXPECT_THAT(Ids(q->picks), ::testing::Not(::testing::Contains(2)));
  for (const auto& miss : q->near_misses) {
    if (miss.body_id == 2) {
      EXPECT_THAT(miss.reason, HasSubstr("inspected 3 times"));
    }
  }
}

TEST(SiteSelection, R14_sites_proposed_are_the_same_for_the_same_facts) {
  auto cs = Forces();
  auto first = ProposeSites(cs, 3);
  std::reverse(cs.begin(), cs.end());
  auto second = ProposeSites(cs, 3);
  ASSERT_THAT(first, IsOk());
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(Ids(first->picks), Ids(second->picks));
  EXPECT_EQ(Ids(first->near_misses), Ids(second->near_misses));
  for (size_t i = 0; i < first->picks.size(); ++i) {
    EXPECT_EQ(first->picks[i].reason, second->picks[i].reason);
  }
}

TEST(SiteSelection, R14_sites_with_no_data_are_listed_not_dropped) {
  auto cs = Forces();
  cs.push_back(Body(8, "Dorset Police", "South West", Nation::kEngland, false, "", 0));
  auto p = ProposeSites(cs, 10);
  ASSERT_THAT(p, IsOk());
  EXPECT_EQ(p->no_data, std::vector<int64_t>{8});
  EXPECT_EQ(p->picks.size(), 7u);  // every body with data, no more
  EXPECT_THAT(ProposeSites(cs, 0), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(ProposeSites(cs, kMaxProposedSites + 1), StatusIs(StatusCode::kInvalidArgument));
}

TEST(SiteSelection, ReasonsAreInWords) {
  auto p = ProposeSites(Forces(), 4);
  ASSERT_THAT(p, IsOk());
  std::string all;
  for (const auto& pick : p->picks) all += pick.reason + "\n";
  EXPECT_THAT(all, HasSubstr("in London"));
  EXPECT_THAT(all, HasSubstr("in the North West region"));
  EXPECT_THAT(all, HasSubstr("in Wales"));
  EXPECT_THAT(all, HasSubstr("not inspected in the last 2 years"));
}

TEST(SiteSelection, NumbersOfOneMeasureAreRankedInThirds) {
  std::vector<SiteCandidate> cs;
  for (int i = 1; i <= 6; ++i) {
    auto c = Body(i, "Force " + std::to_string(i), "Region " + std::to_string(i), Nation::kEngland,
                  false, std::to_string(10 * i), 0);
    c.indicators->performance_measure = "Charge rate (%)";
    cs.push_back(c);
  }
  auto p = ProposeSites(cs, 2);
  ASSERT_THAT(p, IsOk());
  std::string all;
  for (const auto& pick : p->picks) all += pick.reason + "\n";
  EXPECT_THAT(all, HasSubstr("Performs well (Charge rate (%) 50)"));
  EXPECT_THAT(all, HasSubstr("Performs poorly (Charge rate (%) 10)"));
}

TEST(SiteSelection, BurdenCountsTwoYearsBackAndAYearAhead) {
  const Date today = *Date::Parse("2026-06-01");
  std::vector<PastInspection> past = {
      {.body_id = 1, .inspectorate_id = 1, .inspected_on = "2024-06-02", .title = "a"},
      {.body_id = 1, .inspectorate_id = 2, .inspected_on = "2023-01-01", .title = "old"},
      {.body_id = 1, .inspectorate_id = 0, .inspected_on = "2027-01-01", .title = "planned"},
      {.body_id = 2, .inspectorate_id = 1, .inspected_on = "2026-01-01", .title = "other"},
  };
  EXPECT_EQ(BurdenOf(1, past, today), 2);
  EXPECT_EQ(BurdenOf(2, past, today), 1);
  EXPECT_EQ(BurdenOf(3, past, today), 0);
}

// Codes known to the directory: POL-KENT is 1, POL-SURREY 2, HMICFRS 7.
std::optional<int64_t> BodyOf(const std::string& code) {
  if (code == "POL-KENT") return 1;
  if (code == "POL-SURREY") return 2;
  return std::nullopt;
}
std::optional<int64_t> InspectorateOf(const std::string& code) {
  return code == "HMICFRS" ? std::optional<int64_t>(7) : std::nullopt;
}

TEST(SiteSelectionCsv, IndicatorsFileIsReadWithEveryBadLineAtOnce) {
  auto ok = ParseIndicatorsCsv(
      "body_code,performance,performance_measure,size,size_measure\n"
      "POL-KENT,Good,,3500,staff\n"
      "POL-SURREY,71.5,Charge rate (%),,\n",
      BodyOf);
  ASSERT_THAT(ok, IsOk());
  ASSERT_EQ(ok->size(), 2u);
  EXPECT_EQ((*ok)[0].indicators.size, 3500);
  EXPECT_EQ((*ok)[1].indicators.body_id, 2);
  EXPECT_EQ((*ok)[1].indicators.performance_measure, "Charge rate (%)");
  auto bad = ParseIndicatorsCsv(
      "body_code,performance,performance_measure,size,size_measure\n"
      "POL-KENT,splendid,,3500,staff\n"
      ",good,,many,staff\n"
      "POL-KENT,12,,,\n"
      "POL-DORSET,good\n"
      "POL-NOWHERE,good,,,\n",
      BodyOf);
  ASSERT_THAT(bad, StatusIs(StatusCode::kInvalidArgument));
  std::vector<std::string> fields;
  for (const auto& e : bad.status().field_errors()) fields.push_back(e.field);
  EXPECT_THAT(fields,
              ::testing::ElementsAre("line 2: performance", "line 3: body_code", "line 3: size",
                                     "line 4: body_code", "line 4: performance_measure",
                                     "line 5: columns", "line 6: body_code"));
  EXPECT_THAT(ParseIndicatorsCsv("body_code,colour\nPOL-KENT,blue\n", BodyOf),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseIndicatorsCsv("body_code,performance\n", BodyOf),
              StatusIs(StatusCode::kInvalidArgument));
}

TEST(SiteSelectionCsv, PastInspectionsFileIsReadWithEveryBadLineAtOnce) {
  auto ok = ParsePastInspectionsCsv(
      "body_code,inspectorate,date,title\nPOL-KENT,HMICFRS,2016-03-01,PEEL: effectiveness\n",
      BodyOf, InspectorateOf);
  ASSERT_THAT(ok, IsOk());
  EXPECT_EQ((*ok)[0].inspection.inspectorate_id, 7);
  EXPECT_EQ((*ok)[0].inspection.body_id, 1);
  auto bad = ParsePastInspectionsCsv(
      "body_code,inspectorate,date,title\nPOL-KENT,,2016-02-30,x\n," + std::string("HMCPSI") +
          ",2016-01-01," + std::string(400, 'x') + "\nPOL-NOWHERE,HMX,2016-01-01,x\n",
      BodyOf, InspectorateOf);
  ASSERT_THAT(bad, StatusIs(StatusCode::kInvalidArgument));
  std::vector<std::string> fields;
  for (const auto& e : bad.status().field_errors()) fields.push_back(e.field);
  EXPECT_THAT(fields,
              ::testing::ElementsAre("line 2: inspectorate", "line 2: date", "line 3: body_code",
                                     "line 3: inspectorate", "line 3: title", "line 4: body_code",
                                     "line 4: inspectorate"));
}

}  // namespace
}  // namespace jointly
