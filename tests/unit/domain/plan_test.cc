// The plan's way to publication (R8), quarters, programme parts (R7) and
// the reason an override needs (R3).
#include "domain/plan.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/text.h"
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

TEST(Plan, AStateNamedWithinASentenceIsInLowerCase) {
  Plan plan;
  EXPECT_NE(CanSendToMinisters(plan).message().find("(this plan is draft)"), std::string::npos)
      << CanSendToMinisters(plan).message();
  plan.state = PlanState::kAgreed;
  EXPECT_NE(CanPublish(plan, {}).message().find("(this plan is agreed by every inspectorate)"),
            std::string::npos)
      << CanPublish(plan, {}).message();
  EXPECT_EQ(InSentence("With CJ Ministers for comment"), "with CJ Ministers for comment");
  EXPECT_EQ(InSentence("CJ Ministers"), "CJ Ministers");
  EXPECT_EQ(InSentence("Development Group representatives' agreement"),
            "Development Group representatives' agreement");
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

// The day the comments below are recorded on.
const Date kToday = *Date::Parse("2030-01-01");

TEST(Plan, MinistersCommentNeedsARealDate) {
  MinisterComment c;
  c.minister = "Minister of State";
  c.comment = "Add rural crime";
  c.received_on = Date::ParseOrNone("2028-02-29");  // a leap year
  EXPECT_TRUE(ValidateMinisterComment(c, kToday).ok());
  for (const char* day :
       {"2026-02-30", "2027-02-29", "2026-13-01", "2026-04-31", "2026-4-01", "2026-04-1x", ""}) {
    c.received_on = Date::ParseOrNone(day);
    Status s = ValidateMinisterComment(c, kToday);
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
  EXPECT_EQ(ParseQuarter("2017/18 Q1"), QuarterIndex(2017, 1));  // the year as typed anywhere
  EXPECT_FALSE(ParseQuarter("2017  Q1"));
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

TEST(BusinessPlan, R7_the_context_is_split_into_sections_at_short_heading_lines) {
  const auto sections = ContextSections(
      "Before any heading.\n\nThe landscape for joint inspection\n\nJoint working was put on a "
      "statutory footing\nby the Act.\n\nOur focus\n\nFour processes.\n\nThree issues.");
  ASSERT_EQ(sections.size(), 3u);
  EXPECT_EQ(sections[0].heading, "The context to our programme");
  EXPECT_EQ(sections[1].heading, "The landscape for joint inspection");
  ASSERT_EQ(sections[1].paragraphs.size(), 1u);
  EXPECT_EQ(sections[1].paragraphs[0], "Joint working was put on a statutory footing by the Act.");
  EXPECT_EQ(sections[2].heading, "Our focus");
  EXPECT_EQ(sections[2].paragraphs.size(), 2u);
  EXPECT_TRUE(ContextSections("").empty());
}

PlanDocument SamplePlan() {
  PlanDocument plan;
  plan.title = "Joint inspection business plan 2017-18";
  plan.year_label = "2017-18";
  plan.status_line = "Draft";
  plan.introduction = {"This plan sets out the joint work."};
  plan.chief_inspectors = {{"Dame Glenys Stacey", "HM Chief Inspector of Probation"},
                           {"Peter Clarke", "HM Chief Inspector of Prisons"}};
  plan.context = {{"The landscape for joint inspection", {"Statutory since 2006.", "Partners."}},
                  {"Our focus", {"Four processes."}},
                  {"Our approach", {"Rolling two years."}},
                  {"Deciding the programme", {"Consultation."}}};
  plan.notes = {"HM Inspectorate of Court Administration closed in 2010."};
  for (const char* heading : {"Continuing commitments", "New inspections planned",
                              "Collaborative work", "Scoping", "Other programmes of work"}) {
    plan.parts.push_back({heading, "What this part holds.", "Lead inspectorate", {}});
  }
  plan.parts[4].lead_header = "Lead body";
  plan.parts[4].rows = {{"Shared training", "CJJI Development Group", "", "", "Other", "Q1"}};
  plan.principles = {{"Purpose of improvement", "Help services improve"}};
  plan.joint_website = "www.justiceinspectorates.gov.uk";
  plan.secretariat = {"Criminal Justice Joint Inspection Secretariat",
                      "6th floor, Globe House, London SW1V 1PN", ""};
  plan.inspectorates = {{"HM Inspectorate of Prisons", "Victory House, London WC2B 6EX",
                         "www.justiceinspectorates.gov.uk/hmiprisons"}};
  return plan;
}

TEST(BusinessPlan, R7_the_plan_numbers_its_context_1_to_4_and_its_parts_5_to_9_with_contents) {
  const Document doc = ToDocument(SamplePlan());
  std::vector<std::string> contents;
  std::vector<std::string> headings;
  std::vector<std::string> points;
  int drafts = 0;
  std::string all;
  for (const auto& b : doc.blocks) {
    if (b.kind == DocumentBlock::Kind::kContents) contents.push_back(b.label + " " + b.text);
    if (b.kind == DocumentBlock::Kind::kHeading2) headings.push_back(b.text);
    if (b.kind == DocumentBlock::Kind::kPoint) points.push_back(b.label);
    if (b.kind == DocumentBlock::Kind::kDraft) {
      ++drafts;
      EXPECT_EQ(b.text, "DRAFT");
    }
    if (b.kind == DocumentBlock::Kind::kProgramme && b.rows[0].subject == "Shared training") {
      EXPECT_EQ(b.label, "Lead body");
    }
    all += b.label + " " + b.text + "\n";
  }
  EXPECT_EQ(drafts, 1);
  ASSERT_GE(contents.size(), 13u);
  EXPECT_EQ(contents[0], " Introduction");
  EXPECT_EQ(contents[2], "1 The landscape for joint inspection");
  EXPECT_EQ(contents[5], "4 Deciding the programme");
  EXPECT_EQ(contents[6], " B  Our programme for 2017-18");
  EXPECT_EQ(contents[7], "5 Continuing commitments");
  EXPECT_EQ(contents[11], "9 Other programmes of work");
  EXPECT_NE(std::find(contents.begin(), contents.end(), " To contact us"), contents.end());
  ASSERT_GE(headings.size(), 9u);
  EXPECT_EQ(headings[0], "1  The landscape for joint inspection");
  EXPECT_EQ(headings[4], "5  Continuing commitments");
  EXPECT_EQ(headings[8], "9  Other programmes of work");
  // The note of the closed inspectorate is numbered with the landscape's points.
  EXPECT_EQ(points, (std::vector<std::string>{"1.1", "1.2", "1.3", "2.1", "3.1", "4.1", "5.1",
                                              "6.1", "7.1", "8.1", "9.1"}));
  // The Chief Inspectors sign the introduction, before the context.
  const size_t signed_at = all.find("Dame Glenys Stacey\n HM Chief Inspector of Probation");
  EXPECT_NE(signed_at, std::string::npos);
  EXPECT_LT(signed_at, all.rfind("A  The context to our programme\n"));
  EXPECT_NE(all.find("1.3 HM Inspectorate of Court Administration closed in 2010."),
            std::string::npos);
  for (const char* contact :
       {"Joint website www.justiceinspectorates.gov.uk",
        "Criminal Justice Joint Inspection Secretariat 6th floor, Globe House, London SW1V 1PN",
        "HM Inspectorate of Prisons\n Victory House, London WC2B 6EX\n "
        "www.justiceinspectorates.gov.uk/hmiprisons"}) {
    EXPECT_NE(all.find(contact, all.find("To contact us\n", all.find("Annex A"))),
              std::string::npos)
        << contact;
  }

  PlanDocument published = SamplePlan();
  published.draft = false;
  for (const auto& b : ToDocument(published).blocks) {
    EXPECT_NE(b.kind, DocumentBlock::Kind::kDraft);
  }
}

TEST(Plan, AMinisterCommentNeedsARealDate) {
  MinisterComment c;
  c.minister = "Minister of State";
  c.comment = "Add rural crime";
  c.received_on = *Date::Parse("2027-03-01");
  EXPECT_TRUE(ValidateMinisterComment(c, kToday).ok());
  c.received_on = Date::ParseOrNone("2027-02-30");
  const Status s = ValidateMinisterComment(c, kToday);
  ASSERT_EQ(s.field_errors().size(), 1u);
  EXPECT_EQ(s.field_errors()[0].field, "received_on");
  EXPECT_EQ(s.field_errors()[0].rule, "date");
}

TEST(Plan, ItemTimingNamesAOneQuarterSpanOnce) {
  Plan plan;
  plan.first_year = 2017;
  Proposal p;
  p.duration_quarters = 1;
  const PlanItem item{1, QuarterIndex(2017, 1)};
  EXPECT_EQ(ItemTiming(plan, item, p), "2017-18 Q1");
  p.duration_quarters = 3;
  EXPECT_EQ(ItemTiming(plan, item, p), "2017-18 Q1 to 2017-18 Q3");
}

TEST(Plan, received_after_sent_a_ministers_comment_is_not_received_before_the_draft_went_to_them) {
  MinisterComment c;
  c.received_on = kToday.AddDays(-1);
  const Status early = CheckReceivedAfterSent(c, kToday);
  ASSERT_EQ(early.field_errors().size(), 1u);
  EXPECT_EQ(early.field_errors()[0].field, "received_on");
  EXPECT_EQ(early.field_errors()[0].rule, "received-after-sent");
  EXPECT_NE(early.field_errors()[0].message.find("1 January 2030"), std::string::npos)
      << early.field_errors()[0].message;
  c.received_on = kToday;
  EXPECT_TRUE(CheckReceivedAfterSent(c, kToday).ok()) << "the day it was sent";
  c.received_on = kToday.AddDays(-1);
  EXPECT_TRUE(CheckReceivedAfterSent(c, Date()).ok()) << "not sent: nothing to compare";
}

TEST(Plan, published_plan_frozen_a_published_plan_and_what_it_shows_of_a_proposal_do_not_change) {
  Plan plan;
  plan.first_year = 2017;
  EXPECT_TRUE(CheckPlanMayChange(plan, kToday).ok()) << "a draft changes";
  plan.state = PlanState::kPublished;
  const Status frozen = CheckPlanMayChange(plan, kToday);
  EXPECT_EQ(frozen.rule(), "published-plan-frozen");
  EXPECT_EQ(frozen.message(),
            "The 2017-18 business plan was published on 1 January 2030 and cannot change; plan "
            "further work in the 2018-19 business plan");
  Proposal before;
  before.title = "Remand";
  before.participants = {{1, Involvement::kLead, 10}};
  Proposal after = before;
  after.specialist_skills = "Custody";
  after.participants[0].effort_days = 20;
  EXPECT_TRUE(CheckPublishedProposalKept(plan, kToday, before, after).ok())
      << "what the plan does not show";
  after.title = "Remand again";
  after.participants[0].involvement = Involvement::kSupport;
  const Status kept = CheckPublishedProposalKept(plan, kToday, before, after);
  std::vector<std::string> fields;
  for (const auto& e : kept.field_errors()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"title", "participants"}));
  plan.state = PlanState::kWithMinisters;
  EXPECT_TRUE(CheckPublishedProposalKept(plan, kToday, before, after).ok());
}

TEST(Plan, not_in_future_a_ministers_comment_is_not_received_after_today) {
  MinisterComment c;
  c.minister = "Minister of State";
  c.comment = "";
  c.received_on = kToday.AddDays(1);
  const Status s = ValidateMinisterComment(c, kToday);
  std::vector<std::pair<std::string, std::string>> errors;
  for (const auto& e : s.field_errors()) errors.emplace_back(e.field, e.rule);
  EXPECT_EQ(errors, (std::vector<std::pair<std::string, std::string>>{
                        {"received_on", "not-in-future"}, {"comment", "required"}}))
      << "with the other errors, at once";
  c.comment = "Add rural crime";
  c.received_on = kToday;
  EXPECT_TRUE(ValidateMinisterComment(c, kToday).ok()) << "today is not the future";
}

}  // namespace
}  // namespace jointly
