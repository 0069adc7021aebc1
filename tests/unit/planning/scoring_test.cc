// Criteria sets and representatives' scores (R2, R4).
#include "planning/scoring.h"

#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

CriteriaSet TwoCriteria() {
  CriteriaSet set;
  set.code = "test";
  set.name = "Test";
  set.criteria = {{11, "Impact", "", 0.75}, {12, "Cost", "", 0.25}};
  return set;
}

TEST(Scoring, WeightedScoreIsOutOfAHundred) {
  const CriteriaSet set = TwoCriteria();
  EXPECT_DOUBLE_EQ(WeightedScore(set, {{11, 5}, {12, 5}}), 100);
  EXPECT_DOUBLE_EQ(WeightedScore(set, {{11, 4}, {12, 0}}), 60);
}

TEST(Scoring, CombinedScoreAndSpreadShowDisagreement) {
  const CriteriaSet set = TwoCriteria();
  ProposalScoring s =
      CombineScores(set, {{1, 10, {{11, 5}, {12, 5}}, 0}, {2, 20, {{11, 1}, {12, 1}}, 0}});
  EXPECT_EQ(s.combined.count, 2);
  EXPECT_DOUBLE_EQ(s.combined.mean, 60);
  EXPECT_DOUBLE_EQ(s.combined.spread(), 80);
  ASSERT_EQ(s.by_inspectorate.size(), 2u);
  EXPECT_DOUBLE_EQ(s.by_inspectorate[1].weighted, 20);
}

TEST(Scoring, UnknownCriterionOutOfRangeAndMissingAreNamed) {
  const CriteriaSet set = TwoCriteria();
  Status s = ValidateScores(set, {{11, 6}, {99, 3}});
  std::vector<std::string> rules;
  for (const auto& e : s.field_errors()) rules.push_back(e.field + ":" + e.rule);
  EXPECT_EQ(rules, (std::vector<std::string>{"scores.11:range", "scores.99:unknown-criterion",
                                             "scores.12:required"}));
  EXPECT_TRUE(ValidateScores(set, {{11, 0}, {12, 5}}).ok());
}

TEST(Scoring, AMissingScoreNamesItsCriterionInWords) {
  const Status s = ValidateScores(TwoCriteria(), {{11, 3}});
  ASSERT_EQ(s.field_errors().size(), 1u);
  EXPECT_EQ(s.field_errors()[0].message, "Choose a score for Cost, from 0 to 5");
}

TEST(Scoring, R2_R4_weights_must_sum_to_one) {
  CriteriaSet set = TwoCriteria();
  set.criteria[1].weight = 0.5;
  Status s = ValidateCriteriaSet(set);
  ASSERT_THAT(s, StatusIs(StatusCode::kInvalidArgument));
  ASSERT_FALSE(s.field_errors().empty());
  EXPECT_EQ(s.field_errors().front().field, "weights");
  set.criteria[1].weight = 0.25;
  EXPECT_TRUE(ValidateCriteriaSet(set).ok());
  set.criteria[1].name = "impact";
  const Status unnamed = ValidateCriteriaSet(set);
  ASSERT_FALSE(unnamed.field_errors().empty());
  EXPECT_EQ(unnamed.field_errors().front().field, "criteria[1].name");
}

TEST(Scoring, PairwiseComparisonsGiveTheWeights) {
  CriteriaSet set = TwoCriteria();
  set.pairwise = {{1, 3}, {1.0 / 3, 1}};
  ASSERT_TRUE(ApplyPairwise(set).ok());
  EXPECT_EQ(set.method, WeightMethod::kPairwise);
  EXPECT_NEAR(set.criteria[0].weight, 0.75, 1e-9);
  EXPECT_NEAR(set.criteria[1].weight, 0.25, 1e-9);
  set.pairwise = {{1}};
  const Status not_square = ApplyPairwise(set);
  ASSERT_FALSE(not_square.field_errors().empty());
  EXPECT_EQ(not_square.field_errors().front().field, "pairwise");
}

}  // namespace
}  // namespace jointly
