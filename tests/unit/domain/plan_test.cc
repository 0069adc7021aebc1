// The plan's way to publication (R8), quarters, programme parts (R7) and
// the reason an override needs (R3).
#include "domain/plan.h"

#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

TEST(Plan, R8_the_draft_goes_to_ministers_only_once_agreed) {
  Plan plan;
  plan.first_year = 2027;
  EXPECT_EQ(CanSendToMinisters(plan).rule(), "R8");
  plan.state = PlanState::kAgreed;
  EXPECT_TRUE(CanSendToMinisters(plan).ok());
}

TEST(Plan, R8_publication_needs_every_ministers_comment_answered) {
  Plan plan;
  plan.state = PlanState::kAgreed;
  EXPECT_EQ(CanPublish(plan, {}).rule(), "R8");  // not yet with Ministers
  plan.state = PlanState::kWithMinisters;
  MinisterComment c;
  c.minister = "Minister of State";
  c.received_on = *Date::Parse("2027-03-01");
  c.comment = "Add rural crime";
  Status unanswered = CanPublish(plan, {c});
  EXPECT_EQ(unanswered.rule(), "R8");
  EXPECT_NE(unanswered.message().find("1 of the Ministers' comments"), std::string::npos);
  c.response = "Scheduled for year two";
  EXPECT_TRUE(CanPublish(plan, {c}).ok());
  EXPECT_TRUE(CanPublish(plan, {}).ok());  // Ministers may have nothing to add
}

TEST(Plan, ValidationNamesEachField) {
  Plan plan;
  plan.first_year = 1999;
  plan.min_process_coverage = 11;
  plan.capacity[3] = -1;
  Status s = ValidatePlan(plan);
  std::vector<std::string> fields;
  for (const auto& e : s.field_errors()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"first_year", "min_process_coverage", "capacity.3"}));
}

TEST(Plan, MinistersCommentNeedsARealDate) {
  MinisterComment c;
  c.minister = "Minister of State";
  c.comment = "Add rural crime";
  c.received_on = Date::ParseOrNone("2028-02-29");  // a leap year
  EXPECT_TRUE(ValidateMinisterComment(c).ok());
  for (const char* day :
       {"2026-02-30", "2027-02-29", "2026-13-01", "2026-04-31", "2026-4-01", "2026-04-1x", ""}) {
    c.received_on = Date::ParseOrNone(day);
    Status s = ValidateMinisterComment(c);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << day;
    ASSERT_EQ(s.field_errors().size(), 1u) << day;
    EXPECT_EQ(s.field_errors()[0].field, "received_on") << day;
  }
}

TEST(Quarters, FinancialYearQuartersReadAndPrint) {
  EXPECT_EQ(QuarterLabel(QuarterIndex(2017, 1)), "2017-18 Q1");
  EXPECT_EQ(QuarterLabel(QuarterIndex(2099, 4)), "2099-00 Q4");
  EXPECT_EQ(ParseQuarter("2017-18 Q3"), QuarterIndex(2017, 3));
  EXPECT_EQ(ParseQuarter("2017 q2"), QuarterIndex(2017, 2));
  EXPECT_EQ(ParseQuarter(" 2025-26 Q4 "), QuarterIndex(2025, 4));
  EXPECT_FALSE(ParseQuarter("2017-19 Q1"));  // not a financial year
  EXPECT_FALSE(ParseQuarter("2017-18 Q5"));
  EXPECT_FALSE(ParseQuarter("1999-00 Q1"));
  EXPECT_FALSE(ParseQuarter("soon"));
  EXPECT_EQ(FinancialYearOf(QuarterIndex(2030, 4)), 2030);
}

TEST(Programme, R7_new_work_falls_into_the_business_plans_parts) {
  EXPECT_EQ(DefaultPart(Origin::kPreExistingCommitment, WorkType::kJointThematic),
            ProgrammePart::kContinuingCommitments);
  EXPECT_EQ(DefaultPart(Origin::kInspectorate, WorkType::kCore), ProgrammePart::kNewInspections);
  EXPECT_EQ(DefaultPart(Origin::kConsultation, WorkType::kCollaborative),
            ProgrammePart::kCollaborativeWork);
  EXPECT_EQ(DefaultPart(Origin::kInspectorate, WorkType::kScopingStudy), ProgrammePart::kScoping);
  EXPECT_EQ(DefaultPart(Origin::kInspectorate, WorkType::kOther), ProgrammePart::kOtherProgrammes);
  EXPECT_EQ(PartLabel(ProgrammePart::kOtherProgrammes), "Other programmes of work");
}

TEST(Programme, R3_an_override_is_recorded_only_with_its_reason) {
  Proposal p;
  p.title = "Rural crime";
  p.participants = {{1, Involvement::kLead, 10}, {2, Involvement::kSupport, 5}};
  p.forced = Forced::kOut;
  Status s = ValidateProposal(p);
  ASSERT_THAT(s, StatusIs(StatusCode::kInvalidArgument));
  ASSERT_FALSE(s.field_errors().empty());
  EXPECT_EQ(s.field_errors().front().field, "forced_reason");
  p.forced_reason = "Covered by a single-agency inspection";
  EXPECT_TRUE(ValidateProposal(p).ok());
}

TEST(Plan, AMinisterCommentNeedsARealDate) {
  MinisterComment c;
  c.minister = "Minister of State";
  c.comment = "Add rural crime";
  c.received_on = *Date::Parse("2027-03-01");
  EXPECT_TRUE(ValidateMinisterComment(c).ok());
  c.received_on = Date::ParseOrNone("2027-02-30");
  const Status s = ValidateMinisterComment(c);
  ASSERT_EQ(s.field_errors().size(), 1u);
  EXPECT_EQ(s.field_errors()[0].field, "received_on");
  EXPECT_EQ(s.field_errors()[0].rule, "date");
}

}  // namespace
}  // namespace jointly
