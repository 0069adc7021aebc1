// The recommendations tracker's use cases over a real database, on SQLite
// and PostgreSQL: who records what, every change kept, nothing half-saved.
#include "service/tracker_service.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "service/audit_trail.h"
#include "service/directory_service.h"
#include "service/people_service.h"
#include "store/audit_store.h"
#include "store/released_store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/test_database.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

class Tracker : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string why;
    db_ = testing::NewTestDatabase(GetParam(), &why);
    if (!db_) GTEST_SKIP() << why;
    directory_ = std::make_unique<DirectoryService>(*db_, clock_);
    people_ = std::make_unique<PeopleService>(*db_, clock_, PasswordHashParams{1, 1024, 1});
    tracker_ = std::make_unique<TrackerService>(*db_, clock_);
    ASSERT_THAT(directory_->LoadReferenceData(), IsOk());
    for (const auto& i : *directory_->Inspectorates(SystemCaller())) codes_[i.code] = i.id;
    InspectedBody b;
    b.code = "HOME-OFFICE";
    b.name = "Home Office";
    b.type = BodyType::kOther;
    auto body = directory_->CreateBody(SystemCaller(), b);
    ASSERT_THAT(body, IsOk());
    owner_ = body->id;
  }

  Caller As(Role role, const std::string& email, std::optional<int64_t> inspectorate) {
    User u;
    u.email = email;
    u.name = "Test person";
    u.roles = {role};
    u.inspectorate_id = inspectorate;
    auto created = people_->CreateUser(SystemCaller(), u, "a long enough passphrase");
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    Caller c;
    c.user_id = created->user.id;
    c.email = email;
    c.roles = {role};
    c.inspectorate_id = inspectorate;
    c.active = true;
    return c;
  }

  TrackedRecommendation Made(int64_t number, const std::string& text) {
    TrackedRecommendation t;
    t.inspectorate_id = codes_["HMICFRS"];
    t.report_title = "Understanding the difference: hate crime";
    t.published_on = "2026-05-17";
    t.number = number;
    t.owner_id = owner_;
    t.text = text;
    t.target = "2027-03-31";
    return t;
  }

  FakeClock clock_;  // 2026-09-21
  std::unique_ptr<Database> db_;
  std::unique_ptr<DirectoryService> directory_;
  std::unique_ptr<PeopleService> people_;
  std::unique_ptr<TrackerService> tracker_;
  std::map<std::string, int64_t> codes_;
  int64_t owner_ = 0;
};

TEST_P(Tracker, R21_only_the_reporting_inspectorate_or_the_secretariat_records_on_the_tracker) {
  const Caller police = As(Role::kLeadInspector, "police@example.gov.uk", codes_["HMICFRS"]);
  const Caller cps = As(Role::kLeadInspector, "cps@example.gov.uk", codes_["HMCPSI"]);
  const Caller secretariat = As(Role::kSecretariat, "sec@example.gov.uk", std::nullopt);
  EXPECT_THAT(tracker_->Track(cps, Made(1, "Flag hate crime at first contact")),
              StatusIs(StatusCode::kPermissionDenied));
  auto t = tracker_->Track(police, Made(1, "Flag hate crime at first contact"));
  ASSERT_THAT(t, IsOk());
  EXPECT_THAT(tracker_->Track(secretariat, Made(2, "Publish hate crime data")), IsOk());
  StatusChange c;
  c.to = TrackedStatus::kImplemented;
  c.reason = "Seen on revisit";
  c.evidence = "Call records";
  EXPECT_THAT(tracker_->ChangeStatus(cps, t->id, t->version, true, c),
              StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(tracker_->ChangeStatus(police, t->id, t->version, true, c), IsOk());
  // The same number twice in one report names the field.
  const auto again = tracker_->Track(police, Made(1, "Something else"));
  ASSERT_THAT(again, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(again.status().field_errors()[0].field, "number");
}

TEST_P(Tracker, R21_a_response_status_and_target_are_kept_with_every_earlier_one) {
  const Caller police = As(Role::kLeadInspector, "police@example.gov.uk", codes_["HMICFRS"]);
  auto t = tracker_->Track(police, Made(1, "Flag hate crime at first contact"));
  ASSERT_THAT(t, IsOk());

  OwnerResponse partly;
  partly.answer = OwnerAnswer::kPartlyAccepted;
  partly.responded_on = "2026-07-01";
  partly.actions = {{"Train call handlers", "2027-01-31"}};
  // Nothing is saved while any part is missing.
  const auto refused = tracker_->RecordResponse(police, t->id, t->version, partly);
  ASSERT_THAT(refused, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(refused.status().field_errors().size(), 2u);
  partly.accepted_part = "Training";
  partly.reason = "Systems are national";
  auto answered = tracker_->RecordResponse(police, t->id, t->version, partly);
  ASSERT_THAT(answered, IsOk());
  // A change from a stale version is refused.
  EXPECT_THAT(tracker_->MoveTarget(police, t->id, t->version, "2027-06-30", "Late"),
              StatusIs(StatusCode::kAborted));
  EXPECT_THAT(tracker_->MoveTarget(police, t->id, answered->version, "2027-06-30", ""),
              StatusIs(StatusCode::kInvalidArgument));
  auto moved =
      tracker_->MoveTarget(police, t->id, answered->version, "2027-06-30", "Training delayed");
  ASSERT_THAT(moved, IsOk());
  EXPECT_THAT(tracker_->AddUpdate(police, t->id, moved->version, "Half trained", "2026-09-01"),
              IsOk());

  auto view = tracker_->Get(police, t->id);
  ASSERT_THAT(view, IsOk());
  EXPECT_EQ(view->item.target, "2027-06-30");
  EXPECT_EQ(view->item.first_target, "2027-03-31");
  EXPECT_EQ(view->item.response.answer, OwnerAnswer::kPartlyAccepted);
  ASSERT_EQ(view->item.response.actions.size(), 1u);
  ASSERT_EQ(view->events.size(), 3u);
  EXPECT_EQ(view->events[0].kind, TrackerEventKind::kResponse);
  EXPECT_EQ(view->events[1].kind, TrackerEventKind::kTarget);
  EXPECT_EQ(view->events[1].from, "2027-03-31");
  EXPECT_EQ(view->events[2].kind, TrackerEventKind::kUpdate);
  EXPECT_EQ(view->target_history.size(), 2u);
  // The next update falls due a quarter after the last one.
  EXPECT_EQ(view->next.what, AskedOf::kUpdate);
  EXPECT_EQ(view->next.due_on, Date::FromCivil(2026, 9, 1).AddDays(kUpdateDays));
  EXPECT_FALSE(view->overdue);

  // Every change is in the audit trail.
  auto log = RecentAuditTrail(*db_, SystemCaller(), 20);
  ASSERT_THAT(log, IsOk());
  int tracked = 0;
  for (const auto& e : *log) tracked += e.entity_type == "tracked_recommendation";
  EXPECT_EQ(tracked, 4);
}

TEST_P(Tracker, R21_an_unanswered_recommendation_is_overdue_after_eight_weeks) {
  const Caller police = As(Role::kLeadInspector, "police@example.gov.uk", codes_["HMICFRS"]);
  auto t = tracker_->Track(police, Made(1, "Flag hate crime at first contact"));
  ASSERT_THAT(t, IsOk());
  auto view = tracker_->Get(police, t->id);
  ASSERT_THAT(view, IsOk());
  EXPECT_EQ(view->next.what, AskedOf::kResponse);
  EXPECT_TRUE(view->overdue);  // published in May, no response by September
}

TEST_P(Tracker, R21_a_recommendation_made_again_to_the_same_owner_shows_the_earlier_one) {
  const Caller police = As(Role::kLeadInspector, "police@example.gov.uk", codes_["HMICFRS"]);
  TrackedRecommendation earlier =
      Made(3, "Forces should ensure call handlers identify and flag hate crime at first contact");
  earlier.report_title = "Hate crime (2018)";
  earlier.published_on = "2018-07-19";
  ASSERT_THAT(tracker_->Track(police, earlier), IsOk());
  ASSERT_THAT(tracker_->Track(police, Made(2, "The CPS should review charging guidance")), IsOk());
  auto now = tracker_->Track(
      police,
      Made(1, "Police forces must make sure call handlers flag hate crime at first contact"));
  ASSERT_THAT(now, IsOk());
  auto view = tracker_->Get(police, now->id);
  ASSERT_THAT(view, IsOk());
  ASSERT_EQ(view->alike.size(), 1u);
  EXPECT_EQ(view->alike[0].item.report_title, "Hate crime (2018)");
  EXPECT_GE(view->alike[0].similarity, kRepeatThreshold);
}

TEST_P(Tracker, R21_overdue_items_are_listed_by_the_database_as_next_due_decides) {
  const Caller police = As(Role::kLeadInspector, "police@example.gov.uk", codes_["HMICFRS"]);
  // Published in May, never answered: overdue by September.
  auto unanswered = tracker_->Track(police, Made(1, "Flag hate crime at first contact"));
  ASSERT_THAT(unanswered, IsOk());
  // Published this month: its response is not due yet.
  TrackedRecommendation recent = Made(1, "Publish hate crime data");
  recent.report_title = "A later report";
  recent.published_on = "2026-09-01";
  ASSERT_THAT(tracker_->Track(police, recent), IsOk());
  // Answered, updated in August: the next update is not due yet.
  auto answered = tracker_->Track(police, Made(2, "Review charging guidance"));
  ASSERT_THAT(answered, IsOk());
  OwnerResponse r;
  r.answer = OwnerAnswer::kAccepted;
  r.responded_on = "2026-08-20";
  r.actions = {{"Review it", "2027-01-31"}};
  ASSERT_THAT(tracker_->RecordResponse(police, answered->id, answered->version, r), IsOk());
  // Answered in June with no update since: the update fell due in September.
  auto stale = tracker_->Track(police, Made(3, "Train call handlers"));
  ASSERT_THAT(stale, IsOk());
  r.responded_on = "2026-06-01";
  ASSERT_THAT(tracker_->RecordResponse(police, stale->id, stale->version, r), IsOk());
  // Closed: nothing more is asked.
  auto closed = tracker_->Track(police, Made(4, "Audit files"));
  ASSERT_THAT(closed, IsOk());
  StatusChange c;
  c.to = TrackedStatus::kImplemented;
  c.reason = "Seen on revisit";
  c.evidence = "File audit";
  ASSERT_THAT(tracker_->ChangeStatus(police, closed->id, closed->version, true, c), IsOk());

  TrackerFilter overdue;
  overdue.overdue = true;
  auto listed = tracker_->List(police, overdue, 20, 0);
  ASSERT_THAT(listed, IsOk());
  std::vector<int64_t> ids;
  for (const auto& t : listed->items) ids.push_back(t.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<int64_t>{unanswered->id, stale->id}));
  EXPECT_EQ(listed->total, 2);
  // The database agrees with the rule, item by item.
  auto all = tracker_->List(police, {}, 20, 0);
  ASSERT_THAT(all, IsOk());
  ASSERT_EQ(all->total, 5);
  for (const auto& t : all->items) {
    const bool listed_overdue = std::find(ids.begin(), ids.end(), t.id) != ids.end();
    EXPECT_EQ(IsOverdue(NextDueOfTracked(t), Date::FromCivil(2026, 9, 21)), listed_overdue)
        << t.text;
  }
}

TEST_P(Tracker, R21_repeats_are_searched_for_with_nothing_typed_read_as_query_syntax) {
  const Caller police = As(Role::kLeadInspector, "police@example.gov.uk", codes_["HMICFRS"]);
  TrackedRecommendation earlier = Made(1, "Forces should record \"hate\" crime: NEAR(flag) OR *");
  earlier.report_title = "Hate crime (2018)";
  earlier.published_on = "2018-07-19";
  earlier.measure = "A file audit";
  earlier.findings = {"Hostility is rarely evidenced", "Flags are missed"};
  ASSERT_THAT(tracker_->Track(police, earlier), IsOk());
  auto now = tracker_->Track(
      police, Made(2, "Forces should record 'hate' crime -- NEAR(flag) AND * ^ : {} Zoë"));
  ASSERT_THAT(now, IsOk());
  // One like it in the same report is not one made before.
  ASSERT_THAT(tracker_->Track(police, Made(4, "Forces should record hate crime: NEAR flag, Zoe")),
              IsOk());
  auto view = tracker_->Get(police, now->id);
  ASSERT_THAT(view, IsOk());
  ASSERT_EQ(view->alike.size(), 1u);
  EXPECT_EQ(view->alike[0].item.report_title, "Hate crime (2018)");
  EXPECT_EQ(view->alike[0].item.measure, "A file audit");
  EXPECT_EQ(view->alike[0].item.findings,
            (std::vector<std::string>{"Hostility is rarely evidenced", "Flags are missed"}));
  // Words only of punctuation or too short find nothing, and fail nothing.
  auto odd = tracker_->Track(police, Made(3, "\" * : ( ) ^ - OR AND NOT"));
  ASSERT_THAT(odd, IsOk());
  auto odd_view = tracker_->Get(police, odd->id);
  ASSERT_THAT(odd_view, IsOk());
  EXPECT_TRUE(odd_view->alike.empty());
}

TEST_P(Tracker, R19_an_import_takes_what_its_inspectorate_raises_and_refuses_the_other) {
  const std::string header =
      "inspectorate,report,published_on,number,kind,owner,text,measure,target,findings\r\n";
  const Caller prisons = As(Role::kLeadInspector, "prisons@example.gov.uk", codes_["HMIPRISONS"]);
  const Caller police = As(Role::kLeadInspector, "police@example.gov.uk", codes_["HMICFRS"]);
  // HMI Prisons raises concerns: a line that does not say is one.
  ASSERT_THAT(
      tracker_->ImportCsv(prisons, header + "HMIPRISONS,Youth custody,2025-03-31,1,,HOME-OFFICE,"
                                            "Review restraint,,2026-01-31\r\n"),
      IsOk());
  auto listed = tracker_->List(prisons, {}, 20, 0);
  ASSERT_THAT(listed, IsOk());
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_EQ(listed->items[0].kind, "concern");
  // HMICFRS raises recommendations: a concern is refused, naming R19.
  auto refused = tracker_->ImportCsv(police, header +
                                                 "HMICFRS,Custody,2025-03-31,1,concern,HOME-OFFICE,"
                                                 "Check cells,,2026-01-31\r\n");
  ASSERT_THAT(refused, StatusIs(StatusCode::kInvalidArgument));
  ASSERT_EQ(refused.status().field_errors().size(), 1u);
  EXPECT_EQ(refused.status().field_errors()[0].field, "line 2: kind");
  EXPECT_EQ(refused.status().field_errors()[0].rule, "R19");
}

TEST_P(Tracker, R21_single_inspectorate_recommendations_are_imported_all_or_nothing) {
  const Caller police = As(Role::kLeadInspector, "police@example.gov.uk", codes_["HMICFRS"]);
  const std::string header =
      "inspectorate,report,published_on,number,kind,owner,text,measure,target,findings\r\n";
  // Every error of every line at once, named by line and column; nothing saved.
  const std::string bad = header +
                          "HMICFRS,Hate crime,2025-03-31,1,,HOME-OFFICE,Flag it,,2025-02-30,\r\n"
                          "HMCPSI,Hate crime,2025-03-31,2,concern,NOBODY,,,2026-01-31,\r\n"
                          "HMICFRS,Hate crime,2025-03-31,1,recommendation,HOME-OFFICE,Again,,"
                          "2026-01-31,\r\n"
                          "XX,Hate crime,2025-03-31,x,advice,HOME-OFFICE,Flag it,,2026-01-31,\r\n";
  auto refused = tracker_->ImportCsv(police, bad);
  ASSERT_THAT(refused, StatusIs(StatusCode::kInvalidArgument));
  std::vector<std::string> fields;
  for (const auto& e : refused.status().field_errors()) fields.push_back(e.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"line 2: target", "line 3: inspectorate", "line 3: kind",
                                      "line 3: owner", "line 3: text", "line 4: number",
                                      "line 5: number", "line 5: kind", "line 5: inspectorate"}));
  auto none = tracker_->List(police, {}, 20, 0);
  ASSERT_THAT(none, IsOk());
  EXPECT_EQ(none->total, 0);

  const std::string good =
      header +
      "HMICFRS,Hate crime,2025-03-31,1,,HOME-OFFICE,\"Flag hate crime, at first contact\","
      "A file audit,2026-01-31,\"Flags are missed\nHostility is rarely evidenced\"\r\n"
      "HMICFRS,Hate crime,2025-03-31,2,recommendation,HOME-OFFICE,Publish data,,2026-06-30,\r\n";
  auto imported = tracker_->ImportCsv(police, good);
  ASSERT_THAT(imported, IsOk());
  EXPECT_EQ(*imported, 2);
  auto listed = tracker_->List(police, {}, 20, 0);
  ASSERT_THAT(listed, IsOk());
  ASSERT_EQ(listed->total, 2);
  const TrackedRecommendation& first = listed->items[0];
  EXPECT_EQ(first.text, "Flag hate crime, at first contact");
  EXPECT_EQ(first.measure, "A file audit");
  EXPECT_EQ(first.findings,
            (std::vector<std::string>{"Flags are missed", "Hostility is rarely evidenced"}));
  EXPECT_FALSE(first.recommendation_id.has_value());
  // The same file again: each number is already on the tracker.
  auto again = tracker_->ImportCsv(police, good);
  ASSERT_THAT(again, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(again.status().field_errors().size(), 2u);
}

// Only a joint report published here has a public page to show its
// owner's response on: a response to a recommendation of a report imported
// from elsewhere releases nothing to the public website.
TEST_P(Tracker,
       public_reads_released_only_a_response_to_an_imported_recommendation_releases_nothing) {
  const Caller police = As(Role::kLeadInspector, "police@example.gov.uk", codes_["HMICFRS"]);
  auto t = tracker_->Track(police, Made(1, "Flag hate crime at first contact"));
  ASSERT_THAT(t, IsOk());
  OwnerResponse accepted;
  accepted.answer = OwnerAnswer::kAccepted;
  accepted.responded_on = "2026-07-01";
  accepted.actions = {{"Train call handlers", "2027-01-31"}};
  ASSERT_THAT(tracker_->RecordResponse(police, t->id, t->version, accepted), IsOk());
  std::vector<ReleasedItem> released;
  ASSERT_THAT(db_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(released, ListReleased(tx, ""));
    return OkStatus();
  }),
              IsOk());
  EXPECT_TRUE(released.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, Tracker, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace jointly
