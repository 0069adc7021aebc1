// Rules of stage 7's publication (M 41-47; R11, R21): the lead sets the
// time once the report is signed off, in the future, and cannot move it
// once embargoed copies went out; publication is due at its moment and not
// a microsecond before; embargoed copies go to the sponsoring departments
// of HMI Prisons, HMI Probation and HMCPSI five days before, never from
// HMICFRS.
#include "domain/publication.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace jointly
