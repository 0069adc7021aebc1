// Rules of the recommendations tracker (M 46, R21): every recommendation
// gets a response from its owner, what the owner reports stands beside what
// the inspectorate verified, target dates move only with a reason, and the
// quarterly tracker is frozen, hashed and compared.
#include "domain/tracker.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/tracker_csv.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::UnorderedElementsAre;

Date D(const char* iso) { return *Date::Parse(iso); }

std::vector<std::string> FieldsOf(const Status& s) {
  std::vector<std::string> out;
  for (const auto& e : s.field_errors()) out.push_back(e.field);
  return out;
}

const Date kPublished = D("2018-05-17");

OwnerResponse Accepted() {
  OwnerResponse r;
  r.answer = OwnerAnswer::kAccepted;
  r.actions = {{"Train every call handler to flag hate crime", "2019-03-31"}};
  r.responded_on = "2018-07-02";
  return r;
}

TEST(
    Tracker,
    R21_an_owner_response_is_accepted_partly_accepted_saying_which_part_or_not_accepted_saying_why) {
  EXPECT_THAT(CheckOwnerResponse(Accepted(), D("2018-07-02"), kPublished), IsOk());

  OwnerResponse partly = Accepted();
  partly.answer = OwnerAnswer::kPartlyAccepted;
  // "Agreed as appropriate" may not hide a partial acceptance.
  EXPECT_THAT(FieldsOf(CheckOwnerResponse(partly, D("2018-07-02"), kPublished)),
              UnorderedElementsAre("accepted_part", "reason"));
  partly.accepted_part = "Training for call handlers";
  partly.reason = "Victim surveys are for the Home Office";
  EXPECT_THAT(CheckOwnerResponse(partly, D("2018-07-02"), kPublished), IsOk());

  OwnerResponse refused;
  refused.answer = OwnerAnswer::kNotAccepted;
  refused.responded_on = "2018-07-02";
  EXPECT_THAT(FieldsOf(CheckOwnerResponse(refused, D("2018-07-02"), kPublished)),
              ElementsAre("reason"));
  refused.reason = "Already covered by national guidance";
  // A refusal plans nothing.
  EXPECT_THAT(CheckOwnerResponse(refused, D("2018-07-02"), kPublished), IsOk());

  // Words that do not go with the answer are refused, not dropped: a why
  // not for a whole acceptance, a part for anything but a partial one.
  OwnerResponse whole = Accepted();
  whole.reason = "Except in Wales";
  whole.accepted_part = "Training";
  EXPECT_THAT(FieldsOf(CheckOwnerResponse(whole, D("2018-07-02"), kPublished)),
              UnorderedElementsAre("reason", "accepted_part"));
  refused.accepted_part = "Training";
  EXPECT_THAT(FieldsOf(CheckOwnerResponse(refused, D("2018-07-02"), kPublished)),
              ElementsAre("accepted_part"));
}

TEST(Tracker, R21_an_empty_response_names_every_missing_field_at_once) {
  OwnerResponse empty;
  empty.actions = {{"", ""}, {"Audit", "2019-02-30"}};
  const Status s = CheckOwnerResponse(empty, D("2018-07-02"), kPublished);
  EXPECT_THAT(FieldsOf(s), UnorderedElementsAre("answer", "actions.0.what", "actions.0.by",
                                                "actions.1.by", "responded_on"));
  OwnerResponse accepted_without_plan = Accepted();
  accepted_without_plan.actions.clear();
  EXPECT_THAT(FieldsOf(CheckOwnerResponse(accepted_without_plan, D("2018-07-02"), kPublished)),
              ElementsAre("actions"));
  OwnerResponse ahead = Accepted();
  ahead.responded_on = "2018-07-03";
  const Status future = CheckOwnerResponse(ahead, D("2018-07-02"), kPublished);
  ASSERT_THAT(FieldsOf(future), ElementsAre("responded_on"));
  EXPECT_EQ(future.field_errors()[0].rule, "not-in-future");
}

TrackedRecommendation OnTracker(int64_t id, const char* published_on, int64_t owner_id = 3) {
  TrackedRecommendation t;
  t.id = id;
  t.owner_id = owner_id;
  t.published_on = published_on;
  return t;
}

TEST(Tracker, R21_a_verified_status_changes_only_with_a_reason_and_evidence) {
  const TrackedRecommendation t = OnTracker(7, "2018-05-17");
  StatusChange c;
  c.from = TrackedStatus::kOpen;
  c.to = TrackedStatus::kImplemented;
  // What the inspectorate verifies needs its evidence; what the owner
  // reports needs a reason only, as it is checked afterwards.
  EXPECT_THAT(FieldsOf(CheckStatusChange(c, true, t, std::nullopt)),
              UnorderedElementsAre("reason", "evidence"));
  EXPECT_THAT(FieldsOf(CheckStatusChange(c, false, t, std::nullopt)), ElementsAre("reason"));
  c.reason = "Training delivered to every call handler";
  c.evidence = "Training records seen on the revisit in March 2019";
  EXPECT_THAT(CheckStatusChange(c, true, t, std::nullopt), IsOk());
  c.to = c.from;
  EXPECT_THAT(FieldsOf(CheckStatusChange(c, true, t, std::nullopt)), ElementsAre("to"));
}

TEST(Tracker, R21_a_superseded_recommendation_names_a_later_one_to_the_same_owner) {
  const TrackedRecommendation t = OnTracker(7, "2018-05-17");
  StatusChange c;
  c.to = TrackedStatus::kSuperseded;
  c.reason = "Made again in the 2021 follow-up";
  c.evidence = "Recommendation 2 of the 2021 report";
  EXPECT_THAT(FieldsOf(CheckStatusChange(c, true, t, std::nullopt)), ElementsAre("superseded_by"));
  c.superseded_by = 7;  // not itself
  EXPECT_THAT(FieldsOf(CheckStatusChange(c, true, t, t)), ElementsAre("superseded_by"));
  c.superseded_by = 99;  // not on the tracker
  EXPECT_THAT(FieldsOf(CheckStatusChange(c, true, t, std::nullopt)), ElementsAre("superseded_by"));
  c.superseded_by = 8;
  // Not one made earlier, nor on the same day, nor to another owner.
  EXPECT_THAT(FieldsOf(CheckStatusChange(c, true, t, OnTracker(8, "2016-02-01"))),
              ElementsAre("superseded_by"));
  EXPECT_THAT(FieldsOf(CheckStatusChange(c, true, t, OnTracker(8, "2018-05-17"))),
              ElementsAre("superseded_by"));
  EXPECT_THAT(FieldsOf(CheckStatusChange(c, true, t, OnTracker(8, "2021-03-01", 4))),
              ElementsAre("superseded_by"));
  // The change must name the one it is checked against.
  EXPECT_THAT(FieldsOf(CheckStatusChange(c, true, t, OnTracker(9, "2021-03-01"))),
              ElementsAre("superseded_by"));
  EXPECT_THAT(CheckStatusChange(c, true, t, OnTracker(8, "2021-03-01")), IsOk());
  EXPECT_TRUE(MaySupersede(OnTracker(8, "2021-03-01"), t));
  EXPECT_FALSE(MaySupersede(t, OnTracker(8, "2021-03-01")));
  EXPECT_TRUE(IsClosed(TrackedStatus::kSuperseded));
  EXPECT_FALSE(IsClosed(TrackedStatus::kPartlyAddressed));
}

TEST(Tracker, R21_nothing_on_the_tracker_is_dated_before_its_report_was_published) {
  // An action planned, a response, a target date first set or moved.
  OwnerResponse early = Accepted();
  early.actions.push_back({"Audit the flags", "2018-05-16"});
  early.responded_on = "2018-05-01";
  const Status s = CheckOwnerResponse(early, D("2018-07-02"), kPublished);
  EXPECT_THAT(FieldsOf(s), UnorderedElementsAre("actions.1.by", "responded_on"));
  early.actions[1].by = "2018-05-17";  // on the day is allowed
  early.responded_on = "2018-05-17";
  EXPECT_THAT(CheckOwnerResponse(early, D("2018-07-02"), kPublished), IsOk());

  TrackedRecommendation t;
  t.report_title = "Hate crime";
  t.published_on = "2018-05-17";
  t.number = 1;
  t.owner_id = 3;
  t.text = "Flag every hate crime";
  t.target = "2017-12-31";
  EXPECT_THAT(FieldsOf(CheckTracked(t)), ElementsAre("target"));
  t.target = "2018-12-31";
  EXPECT_THAT(CheckTracked(t), IsOk());

  EXPECT_THAT(FieldsOf(CheckTargetMove({"2018-12-31", "2018-01-31", "Slipped"}, kPublished)),
              ElementsAre("to"));

  // A progress update recorded for the owner: not before, not in the future.
  EXPECT_THAT(
      FieldsOf(CheckProgressUpdate("Training begun", "2018-01-01", D("2018-07-02"), kPublished)),
      ElementsAre("on"));
  EXPECT_THAT(FieldsOf(CheckProgressUpdate("", "2018-07-03", D("2018-07-02"), kPublished)),
              UnorderedElementsAre("text", "on"));
  EXPECT_THAT(CheckProgressUpdate("Training begun", "2018-06-01", D("2018-07-02"), kPublished),
              IsOk());
}

TEST(Tracker, R21_a_target_date_moves_only_with_a_reason_and_every_earlier_date_stays) {
  EXPECT_THAT(FieldsOf(CheckTargetMove({"2018-12-31", "2019-03-31", ""}, kPublished)),
              ElementsAre("reason"));
  EXPECT_THAT(FieldsOf(CheckTargetMove({"2018-12-31", "2018-12-31", "Slipped"}, kPublished)),
              ElementsAre("to"));
  EXPECT_THAT(FieldsOf(CheckTargetMove({"2018-12-31", "2019-02-30", "Slipped"}, kPublished)),
              ElementsAre("to"));
  EXPECT_THAT(CheckTargetMove({"2018-12-31", "2019-03-31", "Staff shortages"}, kPublished), IsOk());

  const std::vector<TargetMove> moves = {{"2018-12-31", "2019-03-31", "Staff shortages"},
                                         {"2019-03-31", "2019-06-30", "New system late"}};
  EXPECT_EQ(CurrentTarget("2018-12-31", moves), "2019-06-30");
  EXPECT_EQ(CurrentTarget("2018-12-31", {}), "2018-12-31");
  EXPECT_THAT(TargetHistory("2018-12-31", moves),
              ElementsAre("31 December 2018 (first set)",
                          "31 March 2019, moved from 31 December 2018 (Staff shortages)",
                          "30 June 2019, moved from 31 March 2019 (New system late)"));
}

TEST(Tracker, R21_a_response_is_due_after_publication_then_an_update_each_quarter_until_closed) {
  TrackedFacts f;
  EXPECT_EQ(NextDueOf(f).what, AskedOf::kNothing);  // not published
  f.published_on = D("2018-05-17");
  EXPECT_EQ(NextDueOf(f).what, AskedOf::kResponse);
  EXPECT_EQ(NextDueOf(f).due_on, D("2018-05-17").AddDays(kResponseDays));
  f.responded = true;
  f.last_update_on = D("2018-07-02");
  EXPECT_EQ(NextDueOf(f).what, AskedOf::kUpdate);
  EXPECT_EQ(NextDueOf(f).due_on, D("2018-07-02").AddDays(kUpdateDays));
  f.verified = TrackedStatus::kImplemented;
  EXPECT_EQ(NextDueOf(f).what, AskedOf::kNothing);
}

TEST(Tracker, R21_reminders_fall_before_and_after_what_is_due_once_per_occasion) {
  const NextDue due{AskedOf::kResponse, D("2018-07-12")};
  EXPECT_EQ(ReminderFor(due, D("2018-06-27"), Date()), ReminderKind::kNone);
  EXPECT_EQ(ReminderFor(due, D("2018-06-28"), Date()), ReminderKind::kDueSoon);
  EXPECT_EQ(ReminderFor(due, D("2018-07-01"), D("2018-06-28")), ReminderKind::kNone);
  EXPECT_FALSE(IsOverdue(due, D("2018-07-12")));
  EXPECT_TRUE(IsOverdue(due, D("2018-07-13")));
  EXPECT_EQ(ReminderFor(due, D("2018-07-13"), D("2018-06-28")), ReminderKind::kOverdue);
  EXPECT_EQ(ReminderFor(due, D("2018-07-20"), D("2018-07-13")), ReminderKind::kNone);
  EXPECT_EQ(ReminderFor(due, D("2018-07-27"), D("2018-07-13")), ReminderKind::kOverdue);
  // A server that was down on the day still sends one, late.
  EXPECT_EQ(ReminderFor(due, D("2018-07-30"), D("2018-07-13")), ReminderKind::kOverdue);
  EXPECT_EQ(ReminderFor(NextDue{}, D("2018-07-30"), Date()), ReminderKind::kNone);
}

TrackerLine Line(int64_t id, std::string verified, std::string target) {
  return {id,
          "Hate crime (2018), recommendation " + std::to_string(id),
          "Home Office",
          "Do it",
          "Accepted",
          "Open",
          std::move(verified),
          std::move(target)};
}

TEST(Tracker, R21_the_quarterly_tracker_digest_changes_with_any_line) {
  const std::vector<TrackerLine> lines = {Line(1, "Open", "2019-03-31"),
                                          Line(2, "Open", "2019-06-30")};
  const std::string digest = TrackerDigest("2018-19 Q1", lines);
  EXPECT_EQ(digest.size(), 64u);
  EXPECT_EQ(TrackerDigest("2018-19 Q1", lines), digest);
  EXPECT_NE(TrackerDigest("2018-19 Q2", lines), digest);
  auto changed = lines;
  changed[1].verified = "Implemented";
  EXPECT_NE(TrackerDigest("2018-19 Q1", changed), digest);
  // Fields cannot trade characters and keep the digest.
  auto shifted = lines;
  shifted[0].owner = "Home Offic";
  shifted[0].text = "eDo it";
  EXPECT_NE(TrackerDigest("2018-19 Q1", shifted), digest);
}

TEST(Tracker, R21_a_quarter_is_compared_with_the_one_before) {
  const std::vector<TrackerLine> before = {Line(1, "Open", "2019-03-31"),
                                           Line(2, "Open", "2019-06-30")};
  const std::vector<TrackerLine> now = {Line(1, "Implemented", "2019-03-31"),
                                        Line(2, "Open", "2019-09-30"),
                                        Line(3, "Open", "2020-01-31")};
  EXPECT_THAT(
      CompareTrackers(before, now),
      ElementsAre(Field(&TrackerMove::what, "Verified: Open → Implemented"),
                  Field(&TrackerMove::what, "Target moved from 30 June 2019 to 30 September 2019"),
                  Field(&TrackerMove::what, "New")));
  EXPECT_TRUE(CompareTrackers(now, now).empty());
}

TEST(Tracker, R21_a_recommendation_made_again_is_found_by_its_words) {
  const char* earlier =
      "Forces should ensure that call handlers identify and flag hate crime at first contact.";
  const char* again =
      "Police forces must make sure call handlers flag hate crime at the first contact.";
  const char* other = "The CPS should review its charging guidance for stalking offences.";
  EXPECT_GE(Similarity(earlier, again), kRepeatThreshold);
  EXPECT_LT(Similarity(earlier, other), 0.2);
  EXPECT_DOUBLE_EQ(Similarity(earlier, earlier), 1.0);
  EXPECT_DOUBLE_EQ(Similarity("", earlier), 0.0);
  // Case and punctuation do not count.
  EXPECT_DOUBLE_EQ(Similarity("HATE crime!", "hate, crime"), 1.0);
}

TEST(Tracker, R21_an_import_names_every_problem_of_its_header_at_once_and_reads_a_short_line) {
  // Two unknown columns and a required one missing: all three named.
  const auto header = ParseTrackerCsv("inspectorate,report,colour,number,owner,text,target,size\n");
  std::vector<std::string> fields;
  for (const auto& e : header.status().field_errors()) fields.push_back(e.field);
  EXPECT_THAT(fields,
              UnorderedElementsAre("line 1: colour", "line 1: size", "line 1: published_on"));
  // A line that leaves off the optional findings column at its end is read.
  const auto rows = ParseTrackerCsv(
      "inspectorate,report,published_on,number,kind,owner,text,measure,target,findings\n"
      "HMIP,Youth custody,2024-03-01,1,,YJB,Review every placement,,2025-03-01\n"
      "HMIP,Youth custody,2024-03-01,2,,YJB,Audit restraint,,2025-03-01,a,b\n");
  ASSERT_THAT(rows.status(), IsOk());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_TRUE((*rows)[0].errors.empty());
  EXPECT_EQ((*rows)[0].item.target, "2025-03-01");
  EXPECT_TRUE((*rows)[0].item.findings.empty());
  // One with more values than columns is not read.
  ASSERT_EQ((*rows)[1].errors.size(), 1u);
  EXPECT_EQ((*rows)[1].errors[0].field, "line 3: columns");
}

TEST(Tracker, answers_and_statuses_read_back_from_their_ids) {
  for (OwnerAnswer a : kAllOwnerAnswers) EXPECT_EQ(OwnerAnswerFromId(OwnerAnswerId(a)), a);
  for (TrackedStatus s : kAllTrackedStatuses) EXPECT_EQ(TrackedStatusFromId(TrackedStatusId(s)), s);
  EXPECT_EQ(OwnerAnswerFromId("agreed-as-appropriate"), std::nullopt);
  EXPECT_EQ(OwnerAnswerLabel(OwnerAnswer::kPartlyAccepted), "Partly accepted");
}

}  // namespace
}  // namespace jointly
