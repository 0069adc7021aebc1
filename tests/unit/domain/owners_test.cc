// The owners of recommendations and the quarterly tracker (M 46, R21): a
// person of an owner body sees only its recommendations and nothing else
// of Jointly; what is asked of an owner, and when it may answer; a
// quarter's tracker is each item as it stood at the quarter's end, and is
// published only once the quarter has ended, and only once.
#include "domain/owners.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/user.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

Date D(const char* iso) { return *Date::Parse(iso); }

Caller OwnerOf(int64_t body) {
  Caller c;
  c.user_id = 7;
  c.email = "lead@homeoffice.example.gov.uk";
  c.owner_id = body;
  c.active = true;
  return c;
}

TrackedRecommendation Tracked() {
  TrackedRecommendation t;
  t.id = 3;
  t.report_title = "Understanding the difference: hate crime";
  t.published_on = "2018-07-10";
  t.number = 2;
  t.owner_id = 40;
  t.text = "Flag every hate crime";
  t.first_target = "2019-03-31";
  t.target = "2019-09-30";
  return t;
}

TEST(Owners, R21_owner_sees_only_their_bodys_recommendations) {
  const Caller owner = OwnerOf(40);
  // Their own account and their own body's recommendations, nothing else.
  EXPECT_TRUE(Allows(owner, Permission::kAnswerAsOwner));
  EXPECT_TRUE(Allows(owner, Permission::kOwnAccount));
  EXPECT_TRUE(Allows(owner, Permission::kPublic));
  for (Permission p :
       {Permission::kSignedIn, Permission::kEditDirectory, Permission::kTrackRecommendations,
        Permission::kRunInspections, Permission::kPublishTracker, Permission::kManageUsers}) {
    EXPECT_FALSE(Allows(owner, p)) << static_cast<int>(p);
  }
  // Even with a role given by mistake.
  Caller with_role = owner;
  with_role.roles = {Role::kAdministrator};
  EXPECT_FALSE(Allows(with_role, Permission::kManageUsers));
  // Another body's: not found, as one that does not exist.
  EXPECT_THAT(CheckOwnerSees(owner, Tracked()), IsOk());
  EXPECT_THAT(CheckOwnerSees(OwnerOf(41), Tracked()), StatusIs(StatusCode::kNotFound));
  Caller staff;
  staff.user_id = 8;
  staff.roles = {Role::kSecretariat};
  staff.active = true;
  EXPECT_THAT(CheckOwnerSees(staff, Tracked()), StatusIs(StatusCode::kNotFound));
  EXPECT_FALSE(Allows(staff, Permission::kAnswerAsOwner));
}

TEST(Owners, owner_alone_a_person_of_an_owner_body_holds_no_role) {
  User u;
  u.email = "lead@homeoffice.example.gov.uk";
  u.name = "Home Office lead";
  u.owner_id = 40;
  EXPECT_THAT(ValidateUser(u), IsOk());
  u.roles = {Role::kSecretariat};
  u.inspectorate_id = 2;
  const Status s = ValidateUser(u);
  EXPECT_THAT(s, StatusIs(StatusCode::kInvalidArgument));
  ASSERT_EQ(s.field_errors().size(), 2u);
  EXPECT_EQ(s.field_errors()[0].rule, "owner-alone");
  EXPECT_EQ(s.field_errors()[1].rule, "owner-alone");
}

TEST(Owners, tracker_closed_nothing_more_is_asked_once_verified_closed) {
  TrackedRecommendation t = Tracked();
  EXPECT_THAT(CheckOwnerMayRespond(t), IsOk());
  t.verified = TrackedStatus::kImplemented;
  const Status s = CheckOwnerMayRespond(t);
  EXPECT_THAT(s, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(s.rule(), "tracker-closed");
  EXPECT_EQ(CheckOwnerMayUpdate(t).rule(), "tracker-closed");
  EXPECT_EQ(NextDueFor(t).what, AskedOf::kNothing);
}

TEST(Owners, response_first_an_update_waits_for_a_response) {
  TrackedRecommendation t = Tracked();
  EXPECT_EQ(CheckOwnerMayUpdate(t).rule(), "response-first");
  EXPECT_EQ(NextDueFor(t).what, AskedOf::kResponse);
  EXPECT_EQ(NextDueFor(t).due_on, D("2018-09-04"));
  t.response.answer = OwnerAnswer::kAccepted;
  t.response.responded_on = "2018-08-01";
  t.last_update_on = "2018-08-01";
  EXPECT_THAT(CheckOwnerMayUpdate(t), IsOk());
  EXPECT_EQ(NextDueFor(t).what, AskedOf::kUpdate);
  EXPECT_EQ(NextDueFor(t).due_on, D("2018-10-31"));
}

TEST(Owners, R21_owner_response_is_recorded_unless_it_says_the_same) {
  OwnerResponse held;
  held.answer = OwnerAnswer::kPartlyAccepted;
  held.accepted_part = "Flagging";
  held.reason = "Training is for the College of Policing";
  held.actions = {{"Publish guidance", "2019-01-31"}};
  held.responded_on = "2018-08-01";
  OwnerResponse next = held;
  next.responded_on = "2018-09-01";
  EXPECT_TRUE(SameResponse(held, next));
  next.actions[0].by = "2019-02-28";
  EXPECT_FALSE(SameResponse(held, next));
  next = held;
  next.accepted_part = "Flagging and training";
  EXPECT_FALSE(SameResponse(held, next));

  // Taken: the response and its event; the same again is not, on any day
  // for the owner, on the same day for a response recorded for it.
  TrackedRecommendation t;
  TrackerEvent e;
  EXPECT_TRUE(TakeResponse(t, held, true, e));
  EXPECT_EQ(e.to, "partly-accepted");
  EXPECT_EQ(e.evidence, "Flagging");
  EXPECT_EQ(t.last_update_on, "2018-08-01");
  next = held;
  next.responded_on = "2018-09-01";
  EXPECT_FALSE(TakeResponse(t, next, false, e));
  EXPECT_TRUE(TakeResponse(t, next, true, e));
  EXPECT_EQ(t.response.responded_on, "2018-09-01");
  EXPECT_FALSE(TakeResponse(t, next, true, e));
}

TEST(Owners, a_reference_names_the_reports_year_once) {
  TrackedRecommendation t;
  t.report_title = "Hate crime";
  t.published_on = "2018-05-17";
  t.number = 3;
  EXPECT_EQ(TrackerReference(t), "Hate crime (2018), recommendation 3");
  t.report_title = "PEEL spotlight: Kent custody (2018)";
  t.kind = "concern";
  EXPECT_EQ(TrackerReference(t), "PEEL spotlight: Kent custody (2018), concern 3");
}

TEST(Owners, quarter_ended_a_tracker_is_published_after_its_quarter) {
  const FinancialQuarter q2(FinancialYear(2026), 2);  // July to September 2026
  EXPECT_EQ(QuarterSlug(q2), "2026-27-q2");
  EXPECT_EQ(QuarterFromSlug("2026-27-q2"), q2);
  for (const char* bad : {"2026-28-q2", "2026-27-q5", "2026-27q2", "", "2026-27-q2x", "../etc"}) {
    EXPECT_EQ(QuarterFromSlug(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(QuarterInWords(q2), "July to September 2026 (2026-27 Q2)");
  EXPECT_EQ(QuarterInWords(FinancialQuarter(FinancialYear(2026), 4)),
            "January to March 2027 (2026-27 Q4)");
  EXPECT_EQ(LastEndedQuarter(D("2026-12-03")), q2);
  EXPECT_EQ(LastEndedQuarter(D("2026-10-01")), q2);
  EXPECT_EQ(LastEndedQuarter(D("2026-09-30")), FinancialQuarter(FinancialYear(2026), 1));
  EXPECT_THAT(CheckTrackerToPublish(q2, D("2026-10-01"), false), IsOk());
  EXPECT_EQ(CheckTrackerToPublish(q2, D("2026-09-30"), false).rule(), "quarter-ended");
  EXPECT_EQ(CheckTrackerToPublish(q2, D("2027-01-01"), true).rule(), "tracker-frozen");
}

TEST(Owners, R21_a_line_is_as_it_stood_at_the_quarters_end) {
  const TrackedRecommendation t = Tracked();
  auto event = [](TrackerEventKind kind, const char* to, const char* on) {
    TrackerEvent e;
    e.kind = kind;
    e.to = to;
    e.happened_on = on;
    e.reason = "Agreed";
    return e;
  };
  const std::vector<TrackerEvent> events = {
      event(TrackerEventKind::kResponse, "accepted", "2018-08-01"),
      event(TrackerEventKind::kReported, "partly-addressed", "2018-09-15"),
      event(TrackerEventKind::kTarget, "2019-09-30", "2018-10-02"),
      event(TrackerEventKind::kVerified, "implemented", "2019-04-01"),
  };
  // Before its report was published: not on the tracker.
  EXPECT_EQ(LineAsAt(t, events, D("2018-06-30"), "Home Office"), std::nullopt);
  const auto q2 = LineAsAt(t, events, D("2018-09-30"), "Home Office");
  ASSERT_TRUE(q2.has_value());
  EXPECT_EQ(q2->reference, "Understanding the difference: hate crime (2018), recommendation 2");
  EXPECT_EQ(q2->owner, "Home Office");
  EXPECT_EQ(q2->answer, "Accepted");
  EXPECT_EQ(q2->reported, "Partly addressed");
  EXPECT_EQ(q2->verified, "Open");
  EXPECT_EQ(q2->target, "2019-03-31");  // moved only in October
  const auto q3 = LineAsAt(t, events, D("2018-12-31"), "Home Office");
  EXPECT_EQ(q3->target, "2019-09-30");
  EXPECT_EQ(q3->verified, "Open");
  const auto q1 = LineAsAt(t, events, D("2019-06-30"), "Home Office");
  EXPECT_EQ(q1->verified, "Implemented");
  // What moved from one quarter to the next.
  const auto moves = CompareTrackers({*q2}, {*q3});
  ASSERT_EQ(moves.size(), 1u);
  EXPECT_EQ(moves[0].what, "Target moved from 31 March 2019 to 30 September 2019");
}

}  // namespace
}  // namespace jointly
