// Governance rules (R20, R10): referrals go from the Development Group to
// CJCIG and are decided once; actions fall due; meetings and reference
// groups name their bad fields.
#include "domain/governance.h"

#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

Meeting Of(GovernanceBody body, int64_t id) {
  Meeting m;
  m.id = id;
  m.body = body;
  m.title = "Meeting";
  m.held_on = "2027-03-12";
  m.agenda = {{"Programme", "Paper 1"}};
  return m;
}

TEST(Governance, R20_a_development_group_referral_is_decided_once_and_only_by_cjcig) {
  Referral r;
  r.subject = "Capacity";
  EXPECT_EQ(CanRefer(Of(GovernanceBody::kCjcig, 1), r).rule(), "referral");
  EXPECT_EQ(CanRefer(Of(GovernanceBody::kSecretariat, 1), r).rule(), "referral");
  EXPECT_TRUE(CanRefer(Of(GovernanceBody::kDevelopmentGroup, 1), r).ok());
  r.subject = " ";
  const Status blank = CanRefer(Of(GovernanceBody::kDevelopmentGroup, 1), r);
  ASSERT_FALSE(blank.field_errors().empty());
  EXPECT_EQ(blank.field_errors().front().field, "subject");

  const Meeting from = Of(GovernanceBody::kDevelopmentGroup, 1);
  EXPECT_EQ(DecideReferral(r, from, Of(GovernanceBody::kDevelopmentGroup, 2), "Yes").rule(),
            "referral");
  EXPECT_THAT(DecideReferral(r, from, Of(GovernanceBody::kCjcig, 3), "  "),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(r.state, ReferralState::kOpen);
  ASSERT_TRUE(DecideReferral(r, from, Of(GovernanceBody::kCjcig, 3), " Defer ").ok());
  EXPECT_EQ(r.state, ReferralState::kDecided);
  EXPECT_EQ(r.decided_at_meeting_id, 3);
  EXPECT_EQ(r.decision, "Defer");
  EXPECT_EQ(DecideReferral(r, from, Of(GovernanceBody::kCjcig, 4), "Again").rule(), "referral");
  EXPECT_EQ(r.decided_at_meeting_id, 3);
}

TEST(Governance, R20_a_referral_is_decided_at_a_cjcig_meeting_held_on_or_after_it_was_referred) {
  Referral r;
  r.subject = "Capacity";
  Meeting from = Of(GovernanceBody::kDevelopmentGroup, 1);
  from.held_on = "2026-12-01";
  Meeting before = Of(GovernanceBody::kCjcig, 2);
  before.held_on = "2026-11-20";
  EXPECT_FALSE(CanDecideReferralAt(from, before));
  const Status early = DecideReferral(r, from, before, "Defer");
  EXPECT_EQ(early.rule(), "referral");
  EXPECT_NE(early.message().find("20 November 2026"), std::string::npos) << early.message();
  EXPECT_NE(early.message().find("1 December 2026"), std::string::npos) << early.message();
  EXPECT_EQ(r.state, ReferralState::kOpen);
  Meeting same_day = Of(GovernanceBody::kCjcig, 3);
  same_day.held_on = "2026-12-01";
  EXPECT_TRUE(CanDecideReferralAt(from, same_day));
  EXPECT_TRUE(DecideReferral(r, from, same_day, "Defer").ok());
}

TEST(Governance, ActionsFallDueOnTheirDateUntilDone) {
  Action a;
  a.text = "Scope";
  a.owner = "HMI Probation";
  a.due_on = "2027-03-12";
  EXPECT_TRUE(ValidateAction(a).ok());
  EXPECT_FALSE(IsOverdue(a, "2027-03-11"));
  EXPECT_TRUE(IsOverdue(a, "2027-03-12"));
  EXPECT_EQ(ActionDueLabel(a, "2027-03-11"), "");
  EXPECT_EQ(ActionDueLabel(a, "2027-03-12"), "Due today");
  EXPECT_EQ(ActionDueLabel(a, "2027-03-13"), "Overdue");
  a.status = ActionStatus::kDone;
  EXPECT_FALSE(IsOverdue(a, "2027-04-01"));
  EXPECT_EQ(ActionDueLabel(a, "2027-04-01"), "");
  a.due_on = "2027-02-30";
  a.owner = "";
  Status s = ValidateAction(a);
  ASSERT_EQ(s.field_errors().size(), 2u);
  EXPECT_EQ(s.field_errors()[0].field, "owner");
  EXPECT_EQ(s.field_errors()[1].field, "due_on");
}

TEST(Governance, MeetingsNeedADateATitleAndAnAgenda) {
  Meeting m = Of(GovernanceBody::kCjcig, 1);
  EXPECT_TRUE(ValidateMeeting(m).ok());
  m.agenda.clear();
  m.held_on = "soon";
  Status s = ValidateMeeting(m);
  ASSERT_EQ(s.field_errors().size(), 2u);
  m.agenda = {{"", ""}};
  m.held_on = "2027-03-12";
  const Status untitled = ValidateMeeting(m);
  ASSERT_FALSE(untitled.field_errors().empty());
  EXPECT_EQ(untitled.field_errors().front().field, "agenda[0].title");
}

TEST(Governance, R10_a_reference_group_names_its_work_stream_and_members) {
  ReferenceGroup g;
  g.name = "Fraud";
  g.members = {{"A Person", ""}};
  Status s = ValidateReferenceGroup(g);
  ASSERT_EQ(s.field_errors().size(), 2u);
  EXPECT_EQ(s.field_errors()[0].field, "proposal_id");
  EXPECT_EQ(s.field_errors()[1].field, "members[0].organisation");
  // Each member's error names the member, so that no two read alike.
  g.members = {{"A Person", ""}, {"B Person", " "}};
  Status two = ValidateReferenceGroup(g);
  ASSERT_EQ(two.field_errors().size(), 3u);
  EXPECT_EQ(two.field_errors()[1].message, "Enter the organisation of member 1 (A Person)");
  EXPECT_EQ(two.field_errors()[2].message, "Enter the organisation of member 2 (B Person)");
  EXPECT_THAT(ValidateAdvice({0, "2027-01-01", " "}), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_TRUE(ValidateAdvice({0, "2027-01-01", "Include online fraud"}).ok());
}

TEST(Governance, due_after_meeting_an_action_falls_due_on_or_after_its_meeting) {
  Meeting m;
  m.held_on = "2027-03-12";
  Action a;
  a.due_on = "2027-03-11";
  Status early = CheckDueAfterMeeting(a, m);
  ASSERT_EQ(early.field_errors().size(), 1u);
  EXPECT_EQ(early.field_errors()[0].field, "due_on");
  EXPECT_EQ(early.field_errors()[0].rule, "due-after-meeting");
  EXPECT_NE(early.field_errors()[0].message.find("12 March 2027"), std::string::npos);
  a.due_on = "2027-03-12";
  EXPECT_TRUE(CheckDueAfterMeeting(a, m).ok());
}

TEST(Governance, minutes_once_held_a_meeting_to_come_has_an_agenda_but_no_minutes_or_attendance) {
  Meeting m;
  m.held_on = "2027-03-13";
  m.title = "CJCIG";
  m.agenda = {{"Draft programme", ""}};
  const Date before = *Date::Parse("2027-03-12");
  EXPECT_TRUE(CheckMinutesOnceHeld(m, before).ok()) << "recorded ahead with its agenda";
  m.minutes = "Agreed the programme";
  m.attended = {4};
  Status ahead = CheckMinutesOnceHeld(m, before);
  ASSERT_EQ(ahead.field_errors().size(), 2u);
  EXPECT_EQ(ahead.field_errors()[0].field, "minutes");
  EXPECT_EQ(ahead.field_errors()[0].rule, "minutes-once-held");
  EXPECT_EQ(ahead.field_errors()[1].field, "attended");
  EXPECT_NE(ahead.field_errors()[1].message.find("13 March 2027"), std::string::npos);
  EXPECT_TRUE(CheckMinutesOnceHeld(m, *Date::Parse("2027-03-13")).ok()) << "on its day";
}

TEST(Governance, attended_a_member_only_members_of_the_body_on_its_day_attend) {
  Meeting m;
  m.body = GovernanceBody::kCjcig;
  m.held_on = "2027-03-13";
  auto member = [](int64_t id, GovernanceBody body, const char* left_on) {
    Member x;
    x.id = id;
    x.body = body;
    x.name = "Member " + std::to_string(id);
    x.active = *left_on == '\0';
    x.left_on = left_on;
    return x;
  };
  const Member current = member(1, GovernanceBody::kCjcig, "");
  const Member left_after = member(2, GovernanceBody::kCjcig, "2027-03-13");
  const Member left_before = member(3, GovernanceBody::kCjcig, "2027-03-12");
  const Member elsewhere = member(4, GovernanceBody::kDevelopmentGroup, "");
  const std::vector<Member> all = {current, left_after, left_before, elsewhere};
  m.attended = {1, 2};
  EXPECT_TRUE(CheckAttendance(m, all).ok());
  for (int64_t id : {3, 4, 99}) {
    m.attended = {1, id};
    Status s = CheckAttendance(m, all);
    ASSERT_EQ(s.field_errors().size(), 1u) << id;
    EXPECT_EQ(s.field_errors()[0].field, "attended");
    EXPECT_EQ(s.field_errors()[0].rule, "attended-a-member");
  }
  m.attended = {1, 1};
  EXPECT_FALSE(CheckAttendance(m, all).ok()) << "each once";
}

TEST(Governance, minutes_are_at_most_twenty_thousand_characters) {
  Meeting m;
  m.held_on = "2027-03-13";
  m.title = "CJCIG";
  m.agenda = {{"Draft programme", ""}};
  m.minutes = std::string(kMaxMinutesChars, 'x');
  EXPECT_TRUE(ValidateMeeting(m).ok());
  m.minutes += "x";
  Status s = ValidateMeeting(m);
  ASSERT_EQ(s.field_errors().size(), 1u);
  EXPECT_EQ(s.field_errors()[0].field, "minutes");
}

}  // namespace
TEST(Governance, not_in_future_a_member_has_not_left_after_today) {
  Member m;
  m.body = GovernanceBody::kDevelopmentGroup;
  m.inspectorate_id = 1;
  m.name = "Sam Lee";
  m.active = false;
  m.left_on = "2026-11-01";
  const Date today = *Date::Parse("2026-10-31");
  const Status ahead = ValidateMember(m, today);
  ASSERT_EQ(ahead.field_errors().size(), 1u);
  EXPECT_EQ(ahead.field_errors()[0].field, "left_on");
  EXPECT_EQ(ahead.field_errors()[0].rule, "not-in-future");
  m.left_on = "2026-10-31";
  EXPECT_TRUE(ValidateMember(m, today).ok()) << "they left today";
}

TEST(Governance, leaving_date_a_former_member_has_the_day_they_left_and_a_current_one_none) {
  Member m;
  m.body = GovernanceBody::kDevelopmentGroup;
  m.inspectorate_id = 1;
  m.name = "Sam Lee";
  EXPECT_TRUE(ValidateMember(m).ok());
  m.left_on = "2026-10-31";
  const Status current = ValidateMember(m);
  ASSERT_EQ(current.field_errors().size(), 1u);
  EXPECT_EQ(current.field_errors()[0].field, "left_on");
  EXPECT_EQ(current.field_errors()[0].rule, "leaving-date");
  m.active = false;
  EXPECT_TRUE(ValidateMember(m).ok());
  m.left_on = "";
  const Status undated = ValidateMember(m);
  ASSERT_EQ(undated.field_errors().size(), 1u);
  EXPECT_EQ(undated.field_errors()[0].field, "left_on");
  EXPECT_EQ(undated.field_errors()[0].rule, "leaving-date");
  EXPECT_EQ(undated.field_errors()[0].message, "Enter the day Sam Lee left, as a former member");
  m.left_on = "2026-02-30";
  ASSERT_FALSE(ValidateMember(m).ok()) << "not a day";
}

TEST(Governance, an_owner_written_as_an_address_is_shown_by_the_name_of_whose_it_is) {
  const std::map<std::string, std::string> people = {{"ann.lee@example.gov.uk", "Ann Lee"}};
  EXPECT_EQ(OwnerShownAs(" Ann.Lee@Example.gov.uk ", people), "Ann Lee");
  EXPECT_EQ(OwnerShownAs("The secretariat", people), "The secretariat") << "as written";
  EXPECT_EQ(OwnerShownAs("bob@example.gov.uk", people), "bob@example.gov.uk") << "no one's";
}

}  // namespace jointly
