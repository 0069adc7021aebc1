// Rules of stage 6 of a joint thematic inspection: a finding rests on the
// evidence register and is flagged when it rests on a single source (R18);
// a recommendation is SMART, every missing part named at once (R18); an
// inspection led by HMI Prisons raises concerns, not recommendations (R19).
#include "domain/recommendations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

EvidenceItem Item(int64_t id, Method method, int64_t inspectorate) {
  EvidenceItem e;
  e.id = id;
  e.method = method;
  e.recorded_for = inspectorate;
  return e;
}

std::vector<std::string> Fields(const Status& s) {
  std::vector<std::string> out;
  for (const auto& e : s.field_errors()) out.push_back(e.field);
  return out;
}

std::vector<std::string> Rules(const Status& s) {
  std::vector<std::string> out;
  for (const auto& e : s.field_errors()) out.push_back(e.rule);
  return out;
}

Recommendation Smart(RecommendationKind kind = RecommendationKind::kRecommendation) {
  Recommendation r;
  r.kind = kind;
  r.owner_id = 12;
  r.action = "Publish joint guidance on flagging hate crime";
  r.measure = "Guidance published and used in every force";
  r.due_on = "2027-06-30";
  return r;
}

TEST(Recommendations, findings_a_finding_on_one_source_is_flagged) {
  EXPECT_TRUE(TriangulationOf({Item(1, Method::kFileExamination, 1)}).single_source);
  // Many items, but one method of one inspectorate: still a single source.
  EXPECT_TRUE(
      TriangulationOf({Item(1, Method::kFileExamination, 1), Item(2, Method::kFileExamination, 1)})
          .single_source);
  const Triangulation two =
      TriangulationOf({Item(1, Method::kFileExamination, 1), Item(2, Method::kFileExamination, 2)});
  EXPECT_FALSE(two.single_source);
  EXPECT_EQ(two.methods, 1);
  EXPECT_EQ(two.inspectorates, 2);
  const Triangulation three =
      TriangulationOf({Item(1, Method::kFileExamination, 1), Item(2, Method::kDocumentReview, 1),
                       Item(3, Method::kData, 2)});
  EXPECT_FALSE(three.single_source);
  EXPECT_EQ(TriangulationWords(three), "3 methods, 2 inspectorates, 3 evidence items");
  EXPECT_EQ(TriangulationWords(TriangulationOf({Item(1, Method::kData, 1)})),
            "1 method, 1 inspectorate, 1 evidence item");
}

TEST(Recommendations, R22_a_destroyed_item_a_finding_rests_on_is_history_not_live_evidence) {
  const std::vector<EvidenceItem> rests_on = {Item(1, Method::kFileExamination, 1),
                                              Item(2, Method::kInterviews, 2),
                                              Item(3, Method::kInterviews, 2)};
  // Nothing destroyed: what is held is what was recorded, in the same words.
  const FindingSupport whole = SupportOf(rests_on, {7});
  EXPECT_TRUE(whole.destroyed.empty());
  EXPECT_EQ(whole.held.items, 3);
  EXPECT_EQ(SupportWords(whole), "2 methods, 2 inspectorates, 3 evidence items");
  // The first inspectorate's only item destroyed: the finding was found on
  // two inspectorates' evidence, and now rests on one's alone.
  const FindingSupport s = SupportOf(rests_on, {1, 9});
  EXPECT_THAT(s.destroyed, testing::ElementsAre(1));
  EXPECT_EQ(s.recorded.items, 3);
  EXPECT_EQ(s.recorded.inspectorates, 2);
  EXPECT_FALSE(s.recorded.single_source);
  EXPECT_EQ(s.held.items, 2);
  EXPECT_EQ(s.held.methods, 1);
  EXPECT_EQ(s.held.inspectorates, 1);
  EXPECT_TRUE(s.held.single_source);
  EXPECT_EQ(SupportWords(s),
            "2 methods, 2 inspectorates, 3 evidence items when recorded; 1 since destroyed, "
            "leaving 1 method, 1 inspectorate, 2 evidence items held");
  const FindingSupport none = SupportOf(rests_on, {1, 2, 3});
  EXPECT_EQ(none.held.items, 0);
  EXPECT_EQ(SupportWords(none),
            "2 methods, 2 inspectorates, 3 evidence items when recorded; 3 since destroyed, "
            "leaving no evidence item held");
}

TEST(Recommendations, findings_a_finding_rests_on_evidence_from_the_register) {
  EXPECT_THAT(CheckFindingEvidence({4, 5}, {3, 4, 5}), IsOk());
  const Status none = CheckFindingEvidence({}, {3, 4});
  EXPECT_THAT(none, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(Fields(none), testing::ElementsAre("evidence_ids"));
  EXPECT_THAT(Rules(none), testing::ElementsAre("findings-evidence"));
  const Status bad = CheckFindingEvidence({3, 9, 3}, {3, 4});
  EXPECT_THAT(Fields(bad), testing::UnorderedElementsAre("evidence_ids[1]", "evidence_ids[2]"));
  EXPECT_THAT(Rules(bad), testing::UnorderedElementsAre("not-in-register", "linked-once"));
  Finding f;
  f.section_id = 8;
  EXPECT_THAT(CheckFindingSection(f, {7}), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckFindingSection(f, {7, 8}), IsOk());
}

TEST(Recommendations, smart_the_date_is_after_publication_when_one_is_set) {
  Recommendation r = Smart();
  r.due_on = "2027-05-14";
  // Before a date of publication is set, after today is enough.
  EXPECT_THAT(CheckRecommendation(r, FindingsStyle::kRecommendations, {1}, {1}, "2026-12-02"),
              IsOk());
  // Once it is set, the date must come after it: not on it, not before.
  const Status on =
      CheckRecommendation(r, FindingsStyle::kRecommendations, {1}, {1}, "2026-12-02", "2027-05-14");
  EXPECT_THAT(Fields(on), testing::ElementsAre("due_on"));
  EXPECT_THAT(Rules(on), testing::ElementsAre("smart"));
  EXPECT_THAT(on.field_errors().front().message, testing::HasSubstr("14 May 2027"));
  EXPECT_THAT(
      CheckRecommendation(r, FindingsStyle::kRecommendations, {1}, {1}, "2026-12-02", "2027-05-13"),
      IsOk());
  // A publication already past leaves after today as the rule.
  EXPECT_THAT(Fields(CheckRecommendation(r, FindingsStyle::kRecommendations, {1}, {1}, "2027-05-14",
                                         "2027-05-01")),
              testing::ElementsAre("due_on"));
}

TEST(Recommendations,
     R18_a_recommendation_missing_an_owner_a_measure_or_a_date_is_refused_naming_each) {
  EXPECT_THAT(
      CheckRecommendation(Smart(), FindingsStyle::kRecommendations, {1}, {1, 2}, "2026-12-02"),
      IsOk());
  Recommendation empty;
  const Status s =
      CheckRecommendation(empty, FindingsStyle::kRecommendations, {}, {1, 2}, "2026-12-02");
  EXPECT_THAT(s, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(Fields(s),
              testing::ElementsAre("owner_id", "action", "measure", "due_on", "finding_ids"));
  EXPECT_THAT(Rules(s), testing::Each(testing::Eq("smart")));
  // By when: after today, not today.
  Recommendation today = Smart();
  today.due_on = "2026-12-02";
  EXPECT_THAT(
      Fields(CheckRecommendation(today, FindingsStyle::kRecommendations, {1}, {1}, "2026-12-02")),
      testing::ElementsAre("due_on"));
  // The findings it answers are the inspection's.
  EXPECT_THAT(
      Rules(CheckRecommendation(Smart(), FindingsStyle::kRecommendations, {9}, {1}, "2026-12-02")),
      testing::ElementsAre("not-a-finding"));
}

TEST(Recommendations, R19_an_inspection_led_by_hmi_prisons_raises_concerns_not_recommendations) {
  const Status s = CheckRecommendation(Smart(), FindingsStyle::kConcerns, {1}, {1}, "2026-12-02");
  EXPECT_THAT(s, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(Fields(s), testing::ElementsAre("kind"));
  EXPECT_THAT(Rules(s), testing::ElementsAre("R19"));
  EXPECT_THAT(CheckRecommendation(Smart(RecommendationKind::kConcern), FindingsStyle::kConcerns,
                                  {1}, {1}, "2026-12-02"),
              IsOk());
  // And the other way: a concern where the lead makes recommendations.
  EXPECT_THAT(Rules(CheckRecommendation(Smart(RecommendationKind::kConcern),
                                        FindingsStyle::kRecommendations, {1}, {1}, "2026-12-02")),
              testing::ElementsAre("R19"));
  EXPECT_EQ(KindFor(FindingsStyle::kConcerns), RecommendationKind::kConcern);
  // What is missing is named as a concern.
  Recommendation empty;
  empty.kind = RecommendationKind::kConcern;
  const Status named = CheckRecommendation(empty, FindingsStyle::kConcerns, {}, {}, "2026-12-02");
  EXPECT_EQ(named.field_errors().front().message, "Choose who owns the concern");
}

TEST(Recommendations, engagement_with_an_owner_is_not_dated_in_the_future) {
  Engagement e;
  e.engaged_on = "2026-12-03";
  EXPECT_THAT(CheckEngagement(e, "2026-12-02"), StatusIs(StatusCode::kInvalidArgument));
  e.engaged_on = "2026-12-02";
  EXPECT_THAT(CheckEngagement(e, "2026-12-02"), IsOk());
}

}  // namespace
}  // namespace jointly
