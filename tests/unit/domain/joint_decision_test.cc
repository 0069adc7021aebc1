#include "domain/joint_decision.h"

#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

constexpr int64_t kProbation = 3, kPrisons = 4, kPolice = 1, kCps = 2;

JointDecision Approve() {
  JointDecision d;
  d.subject = "Agree the draft 2027-28 programme";
  d.concerned = {kPolice, kCps, kProbation, kPrisons};
  return d;
}

DecisionResponse Agree() { return {true, "", 10, "2026-11-23T10:00:00Z"}; }

TEST(JointDecision,
     R11_a_joint_decision_takes_effect_only_when_every_concerned_inspectorate_agrees) {
  JointDecision d = Approve();
  ASSERT_TRUE(ValidateJointDecision(d).ok());
  for (int64_t i : {kPolice, kCps, kProbation}) {
    ASSERT_TRUE(Respond(d, i, Agree()).ok());
    EXPECT_EQ(d.state(), DecisionState::kAwaiting) << "three of four is not enough";
  }
  EXPECT_EQ(d.awaiting(), (std::set<int64_t>{kPrisons}));
  ASSERT_TRUE(Respond(d, kPrisons, Agree()).ok());
  EXPECT_EQ(d.state(), DecisionState::kAgreed);
}

TEST(JointDecision, AnyOneCanDeclineWithAReason) {
  JointDecision d = Approve();
  ASSERT_TRUE(Respond(d, kPolice, Agree()).ok());
  Status no_reason = Respond(d, kPrisons, {false, "  ", 11, "t"});
  EXPECT_THAT(no_reason, StatusIs(StatusCode::kInvalidArgument));
  ASSERT_FALSE(no_reason.field_errors().empty());
  EXPECT_EQ(no_reason.field_errors().at(0).field, "reason");
  ASSERT_TRUE(
      Respond(d, kPrisons, {false, "Fieldwork clashes with our own programme", 11, "t"}).ok());
  EXPECT_EQ(d.state(), DecisionState::kDeclined);
  EXPECT_EQ(Respond(d, kCps, Agree()).rule(), "decided");
}

TEST(JointDecision, OnlyConcernedInspectoratesAnswerAndOnlyOnce) {
  JointDecision d = Approve();
  d.concerned = {kProbation, kPrisons};
  EXPECT_EQ(Respond(d, kPolice, Agree()).rule(), "not-concerned");
  ASSERT_TRUE(Respond(d, kProbation, Agree()).ok());
  EXPECT_EQ(Respond(d, kProbation, Agree()).rule(), "answered");
}

TEST(JointDecision, NeedsASubjectAndTwoInspectorates) {
  JointDecision d;
  d.concerned = {kPolice};
  Status s = ValidateJointDecision(d);
  ASSERT_EQ(s.field_errors().size(), 2u);
  EXPECT_EQ(s.field_errors()[1].rule, "two-or-more");
}

}  // namespace
}  // namespace jointly
