// Rules of stage 7's publication (M 41-47; R11, R21): the lead sets the
// time once the report is signed off, in the future, and cannot move it
// once embargoed copies went out; publication is due at its moment and not
// a microsecond before; embargoed copies go to the sponsoring departments
// of HMI Prisons, HMI Probation and HMCPSI five days before, never from
// HMICFRS.
#include "domain/publication.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/publication_checks.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

Inspectorate Of(const char* code, bool sends, const char* sponsor) {
  Inspectorate i;
  i.code = code;
  i.short_name = code;
  i.sends_embargoed_copies = sends;
  i.sponsoring_department = sponsor;
  return i;
}
const Inspectorate kPolice = Of("HMICFRS", false, "Home Office");
const Inspectorate kCps = Of("HMCPSI", true, "Attorney General's Office");
const Inspectorate kProbation = Of("HMIPROBATION", true, "Ministry of Justice");
const Inspectorate kPrisons = Of("HMIPRISONS", true, "Ministry of Justice");

// The status has `code` and names `rule`.
void ExpectRefused(const Status& s, StatusCode code, const std::string& rule) {
  EXPECT_THAT(s, StatusIs(code));
  EXPECT_EQ(s.rule(), rule) << s.message();
}

int64_t At(const char* text) { return *ParsePublicationTime(text); }

Publication Scheduled(const char* at) {
  Publication p;
  p.publish_at = at;
  return p;
}

TEST(PublicationTest, R21_embargoed_copies_go_five_days_before_to_sponsoring_departments) {
  const auto departments = EmbargoDepartments({kPolice, kProbation, kPrisons, kCps});
  ASSERT_EQ(departments.size(), 2u);
  EXPECT_EQ(departments[0],
            (EmbargoDepartment{"Ministry of Justice", {"HMIPROBATION", "HMIPRISONS"}}));
  EXPECT_EQ(departments[1], (EmbargoDepartment{"Attorney General's Office", {"HMCPSI"}}));
  Publication p = Scheduled("2027-03-10T09:30:00Z");
  EXPECT_EQ(EmbargoOpensAt(At("2027-03-10T09:30:00Z")), At("2027-03-05T09:30:00Z"));
  EXPECT_FALSE(EmbargoDue(p, At("2027-03-05T09:29:59Z")));
  EXPECT_TRUE(EmbargoDue(p, At("2027-03-05T09:30:00Z")));
  EXPECT_FALSE(EmbargoDue(p, At("2027-03-10T09:30:00Z")));  // published by then
  p.embargo_sent_at = "2027-03-05T09:30:00Z";
  EXPECT_FALSE(EmbargoDue(p, At("2027-03-06T00:00:00Z")));  // sent once
}

TEST(PublicationTest, R21_hmicfrs_alone_sends_no_embargoed_copy) {
  EXPECT_TRUE(EmbargoDepartments({kPolice}).empty());
  // The directory's fact decides, not the name: an inspectorate that does
  // not send them sends none even with a sponsor.
  EXPECT_TRUE(EmbargoDepartments({Of("HMIPRISONS", false, "Ministry of Justice")}).empty());
  EXPECT_EQ(EmbargoDepartments({kPolice, kCps}).size(), 1u);
}

TEST(PublicationTest, R21_the_sponsor_is_the_inspectorates_fact_not_its_code) {
  // A sponsor named in the directory is the one that receives the copies,
  // whatever the inspectorate's code; one with none named sends to none.
  const auto departments = EmbargoDepartments({Of("NEWINSP", true, "Welsh Government")});
  ASSERT_EQ(departments.size(), 1u);
  EXPECT_EQ(departments[0], (EmbargoDepartment{"Welsh Government", {"NEWINSP"}}));
  EXPECT_TRUE(EmbargoDepartments({Of("HMCPSI", true, "")}).empty());
}

TEST(PublicationTest, R21_publication_is_set_only_after_final_sign_off) {
  ScheduleFacts f;
  f.lead = true;
  f.now_micros = At("2027-01-01T00:00:00Z");
  ExpectRefused(CheckSchedule(f, "2027-02-01T09:00:00Z"), StatusCode::kFailedPrecondition, "R21");
  f.signed_off = true;
  EXPECT_THAT(CheckSchedule(f, "2027-02-01T09:00:00Z"), IsOk());
}

TEST(PublicationTest, R11_only_the_lead_inspectorate_sets_publication) {
  ScheduleFacts f;
  f.signed_off = true;
  f.now_micros = At("2027-01-01T00:00:00Z");
  ExpectRefused(CheckSchedule(f, "2027-02-01T09:00:00Z"), StatusCode::kPermissionDenied, "R11");
}

TEST(PublicationTest, R21_publication_is_in_the_future_and_not_moved_after_the_embargo) {
  ScheduleFacts f;
  f.lead = true;
  f.signed_off = true;
  f.now_micros = At("2027-02-01T09:00:00Z");
  ExpectRefused(CheckSchedule(f, "2027-02-01T09:00:00Z"), StatusCode::kInvalidArgument,
                "publication-time");
  ExpectRefused(CheckSchedule(f, "1 February"), StatusCode::kInvalidArgument, "publication-time");
  EXPECT_THAT(CheckSchedule(f, "2027-02-01T09:00:01Z"), IsOk());
  f.current = Scheduled("2027-02-04T09:00:00Z");
  EXPECT_THAT(CheckSchedule(f, "2027-02-05T09:00:00Z"), IsOk());
  f.current->embargo_sent_at = "2027-01-30T09:00:00Z";
  ExpectRefused(CheckSchedule(f, "2027-02-05T09:00:00Z"), StatusCode::kFailedPrecondition, "R21");
  f.current->state = PublicationState::kPublished;
  ExpectRefused(CheckSchedule(f, "2027-02-05T09:00:00Z"), StatusCode::kFailedPrecondition,
                "already-published");
}

TEST(PublicationTest, R21_publication_is_due_at_its_moment_and_never_before) {
  Publication p = Scheduled("2027-03-10T09:30:00Z");
  EXPECT_FALSE(PublicationDue(p, At("2027-03-10T09:30:00Z") - 1));
  EXPECT_TRUE(PublicationDue(p, At("2027-03-10T09:30:00Z")));
  p.state = PublicationState::kPublished;
  EXPECT_FALSE(PublicationDue(p, At("2027-03-10T09:30:00Z")));
}

TEST(PublicationTest, PublicationTimeOfNamesEachFieldAtOnce) {
  EXPECT_EQ(*PublicationTimeOf("2027-03-10", "09:30"), "2027-03-10T09:30:00Z");
  auto both = PublicationTimeOf("2027-02-30", "25:00");
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.status().field_errors().size(), 2u);
  auto empty = PublicationTimeOf("", "");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().field_errors().size(), 2u);
  EXPECT_FALSE(ParsePublicationTime("2027-03-10T24:00:00Z"));
}

// The fields of each error, in order, and that each names `rule`.
std::vector<std::string> RulesOf(const Status& s) {
  std::vector<std::string> out;
  for (const auto& e : s.field_errors()) {
    EXPECT_EQ(e.field, "publish_at");
    out.push_back(e.rule);
  }
  return out;
}

TEST(PublicationTest, R21_the_time_is_set_only_with_every_department_named_and_five_days_ahead) {
  PublicationTimeFacts f;
  f.now_micros = At("2027-03-01T12:00:00Z");
  f.departments = EmbargoDepartments({kPolice, kPrisons, kCps});
  // Nobody named for either department, and less than five days ahead:
  // every error at once, at the time, naming R21.
  Status s = CheckPublicationTime(f, "2027-03-06T11:59:00Z");
  ExpectRefused(s, StatusCode::kInvalidArgument, "R21");
  EXPECT_EQ(RulesOf(s), (std::vector<std::string>{"R21", "R21", "R21"}));
  EXPECT_THAT(s.field_errors()[0].message, ::testing::HasSubstr("at least five days"));
  EXPECT_THAT(s.field_errors()[1].message, ::testing::HasSubstr("Ministry of Justice"));
  EXPECT_THAT(s.field_errors()[2].message, ::testing::HasSubstr("Attorney General's Office"));
  // A revoked recipient is nobody.
  f.copies = {{"Ministry of Justice", "", false}, {"Attorney General's Office", "", true}};
  EXPECT_EQ(RulesOf(CheckPublicationTime(f, "2027-03-06T12:00:00Z")),
            (std::vector<std::string>{"R21"}));
  f.copies.push_back({"Attorney General's Office", "", false});
  EXPECT_THAT(CheckPublicationTime(f, "2027-03-06T12:00:00Z"), IsOk());  // five days exactly
  EXPECT_EQ(RulesOf(CheckPublicationTime(f, "2027-03-06T11:59:59Z")),
            (std::vector<std::string>{"R21"}));
  // HMICFRS alone sends none: any future time will do.
  PublicationTimeFacts police;
  police.now_micros = f.now_micros;
  police.departments = EmbargoDepartments({kPolice});
  EXPECT_THAT(CheckPublicationTime(police, "2027-03-01T12:00:01Z"), IsOk());
  // Once the copies went, the time is fixed (CheckSchedule) and not asked again.
  f.copies.clear();
  f.embargo_sent = true;
  EXPECT_THAT(CheckPublicationTime(f, "2027-03-02T12:00:00Z"), IsOk());
}

TEST(PublicationTest, smart_setting_publication_names_every_recommendation_due_by_its_day) {
  PublicationTimeFacts f;
  f.now_micros = At("2027-03-01T12:00:00Z");
  f.asks = {{"Flag hate crime", "2027-04-01"},
            {"Train every officer", "2027-04-30"},
            {"Audit the files", "2027-05-01"}};
  Status s = CheckPublicationTime(f, "2027-04-30T09:00:00Z");
  ExpectRefused(s, StatusCode::kInvalidArgument, "R21");
  ASSERT_EQ(RulesOf(s), (std::vector<std::string>{"smart", "smart"}));
  EXPECT_THAT(s.field_errors()[0].message, ::testing::HasSubstr("Recommendation 1"));
  EXPECT_THAT(s.field_errors()[0].message, ::testing::HasSubstr("Flag hate crime"));
  EXPECT_THAT(s.field_errors()[1].message, ::testing::HasSubstr("30 April 2027"));
  EXPECT_THAT(CheckPublicationTime(f, "2027-03-31T09:00:00Z"), IsOk());
  f.concerns = true;
  EXPECT_THAT(CheckPublicationTime(f, "2027-04-01T09:00:00Z").field_errors()[0].message,
              ::testing::HasSubstr("Concern 1"));
}

TEST(PublicationTest, R21_embargoed_copies_sent_counts_only_copies_sent_five_days_before) {
  const auto departments = EmbargoDepartments({kPolice, kProbation, kCps});
  const char* at = "2027-03-10T09:30:00Z";
  std::vector<EmbargoCopy> copies;
  auto standings = [&] { return EmbargoStandings(departments, copies, at); };
  EXPECT_EQ(standings()[0].standing, EmbargoStanding::kNoRecipient);
  EXPECT_FALSE(EmbargoKept(standings()));
  copies = {{"Ministry of Justice", "", false}, {"Attorney General's Office", "", false}};
  EXPECT_EQ(standings()[0].standing, EmbargoStanding::kNotSent);
  copies[0].sent_at = "2027-03-05T09:30:00Z";  // five days exactly
  copies[1].sent_at = "2027-03-05T09:30:01Z";  // a second late
  EXPECT_EQ(standings()[0].standing, EmbargoStanding::kOnTime);
  EXPECT_EQ(standings()[1].standing, EmbargoStanding::kLate);
  EXPECT_FALSE(EmbargoKept(standings()));
  // Another copy sent on time to the department makes it kept; a revoked
  // one does not count.
  copies.push_back({"Attorney General's Office", "2027-03-05T08:30:00Z", true});
  EXPECT_FALSE(EmbargoKept(standings()));
  copies.back().revoked = false;
  EXPECT_TRUE(EmbargoKept(standings()));
  EXPECT_EQ(standings()[1].sent_at, "2027-03-05T08:30:00Z");
  EXPECT_TRUE(EmbargoKept(EmbargoStandings({}, {}, at)));
}

TEST(PublicationTest, R21_copies_go_an_hour_before_the_five_days_and_until_publication) {
  Publication p = Scheduled("2027-03-10T09:30:00Z");
  EXPECT_EQ(EmbargoSendsAt(At("2027-03-10T09:30:00Z")), At("2027-03-05T08:30:00Z"));
  EXPECT_FALSE(EmbargoSending(p, At("2027-03-05T08:29:59Z")));
  EXPECT_TRUE(EmbargoSending(p, At("2027-03-05T08:30:00Z")));
  // Still, once sent, for someone named later.
  p.embargo_sent_at = "2027-03-05T08:30:00Z";
  EXPECT_TRUE(EmbargoSending(p, At("2027-03-09T00:00:00Z")));
  EXPECT_FALSE(EmbargoSending(p, At("2027-03-10T09:30:00Z")));
  p.state = PublicationState::kPublished;
  EXPECT_FALSE(EmbargoSending(p, At("2027-03-09T00:00:00Z")));
  EXPECT_EQ(PublicationDayOf(p), "2027-03-10");
  p.published_at = "2027-03-11T00:00:05Z";
  EXPECT_EQ(PublicationDayOf(p), "2027-03-11");
}

TEST(PublicationTest, published_settled_stages_five_to_seven_after_publication) {
  for (auto stage :
       {InspectionStage::kFindings, InspectionStage::kReport, InspectionStage::kPublication}) {
    EXPECT_THAT(CheckNotSettled(stage, false), IsOk());
    ExpectRefused(CheckNotSettled(stage, true), StatusCode::kFailedPrecondition,
                  "published-settled");
  }
  EXPECT_THAT(CheckNotSettled(InspectionStage::kRetention, true), IsOk());
  EXPECT_THAT(CheckNotSettled(InspectionStage::kFieldwork, true), IsOk());
  std::optional<Publication> p = Scheduled("2027-03-10T09:30:00Z");
  EXPECT_THAT(CheckNotSettled(InspectionStage::kReport, p), IsOk());
  p->state = PublicationState::kPublished;
  EXPECT_THAT(CheckNotSettled(InspectionStage::kReport, p),
              StatusIs(StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace jointly
