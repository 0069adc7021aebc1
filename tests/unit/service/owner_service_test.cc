// The owners' portal and the quarterly tracker over a real database, on
// SQLite and PostgreSQL (R21): an owner's person answers only their body's
// recommendations; reminders are sent once per occasion and only to someone;
// a published quarter's tracker is frozen.
#include "service/owner_service.h"

#include <gtest/gtest.h>

#include <mutex>

#include "service/audit_trail.h"
#include "service/directory_service.h"
#include "service/quarterly_tracker.h"
#include "service/tracker_service.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/test_database.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

// Keeps what it is asked to send.
class KeepingMailer final : public Mailer {
 public:
  Status Send(const MailMessage& m) override {
    std::lock_guard<std::mutex> lock(mutex_);
    sent.push_back(m);
    return OkStatus();
  }
  std::vector<MailMessage> sent;

 private:
  std::mutex mutex_;
};

class Owners : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string why;
    db_ = testing::NewTestDatabase(GetParam(), &why);
    if (!db_) GTEST_SKIP() << why;
    directory_ = std::make_unique<DirectoryService>(*db_, clock_);
    people_ = std::make_unique<PeopleService>(*db_, clock_, PasswordHashParams{1, 1024, 1});
    tracker_ = std::make_unique<TrackerService>(*db_, clock_);
    owners_ = std::make_unique<OwnerService>(*db_, clock_, *people_, &mailer_);
    ASSERT_THAT(directory_->LoadReferenceData(), IsOk());
    for (const auto& i : *directory_->Inspectorates(SystemCaller())) codes_[i.code] = i.id;
    for (const char* code : {"HOME-OFFICE", "MOJ"}) {
      InspectedBody b;
      b.code = code;
      b.name = std::string(code) == "MOJ" ? "Ministry of Justice" : "Home Office";
      auto body = directory_->CreateBody(SystemCaller(), b);
      ASSERT_THAT(body, IsOk());
      bodies_[code] = body->id;
    }
  }

  Caller Invited(const std::string& email, int64_t owner) {
    User u;
    u.email = email;
    u.name = "Owner lead";
    u.owner_id = owner;
    auto made = owners_->Invite(SystemCaller(), u, "https://jointly.example");
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    Caller c;
    c.user_id = made->created.user.id;
    c.email = email;
    c.owner_id = owner;
    c.active = true;
    return c;
  }

  TrackedRecommendation Track(int64_t number, int64_t owner, const std::string& published_on) {
    TrackedRecommendation t;
    t.inspectorate_id = codes_["HMICFRS"];
    t.report_title = "Understanding the difference: hate crime";
    t.published_on = published_on;
    t.number = number;
    t.owner_id = owner;
    t.text = "Flag hate crime at first contact";
    t.target = "2027-03-31";
    auto tracked = tracker_->Track(SystemCaller(), t);
    EXPECT_TRUE(tracked.ok()) << tracked.status().ToString();
    return *tracked;
  }

  FakeClock clock_;  // 2026-09-21
  KeepingMailer mailer_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<DirectoryService> directory_;
  std::unique_ptr<PeopleService> people_;
  std::unique_ptr<TrackerService> tracker_;
  std::unique_ptr<OwnerService> owners_;
  std::map<std::string, int64_t> codes_;
  std::map<std::string, int64_t> bodies_;
};

TEST_P(Owners, unknown_owner_an_invitation_names_a_body_of_the_directory) {
  User u;
  u.email = "lead@example.gov.uk";
  u.name = "Lead";
  u.owner_id = 999999;
  const auto made = owners_->Invite(SystemCaller(), u, "https://jointly.example");
  ASSERT_THAT(made, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(made.status().field_errors()[0].field, "owner_id");
  EXPECT_EQ(made.status().field_errors()[0].rule, "unknown-owner");
  EXPECT_TRUE(mailer_.sent.empty());
  // The invitation is e-mailed with how to sign in.
  const Caller lead = Invited("lead@homeoffice.example.gov.uk", bodies_["HOME-OFFICE"]);
  ASSERT_EQ(mailer_.sent.size(), 1u);
  EXPECT_EQ(mailer_.sent[0].to[0].address, "lead@homeoffice.example.gov.uk");
  EXPECT_NE(mailer_.sent[0].body.find("https://jointly.example/sign-in"), std::string::npos);
  // Only those who keep the tracker invite.
  EXPECT_THAT(owners_->Invite(lead, u, "https://jointly.example"),
              StatusIs(StatusCode::kPermissionDenied));
}

TEST_P(Owners, R21_owner_response_is_recorded) {
  const TrackedRecommendation mine = Track(1, bodies_["HOME-OFFICE"], "2026-09-01");
  const TrackedRecommendation theirs = Track(2, bodies_["MOJ"], "2026-09-01");
  const Caller lead = Invited("lead@homeoffice.example.gov.uk", bodies_["HOME-OFFICE"]);
  OwnerResponse r;
  r.answer = OwnerAnswer::kPartlyAccepted;
  r.accepted_part = "Flagging";
  r.reason = "Training is for the College of Policing";
  r.actions = {{"Publish guidance", "2027-01-31"}};
  EXPECT_THAT(owners_->Respond(lead, theirs.id, theirs.version, r),
              StatusIs(StatusCode::kNotFound));
  auto saved = owners_->Respond(lead, mine.id, mine.version, r);
  ASSERT_THAT(saved, IsOk());
  EXPECT_EQ(saved->response.responded_on, "2026-09-21");
  EXPECT_EQ(saved->version, mine.version + 1);
  // The same again changes nothing.
  auto same = owners_->Respond(lead, mine.id, saved->version, r);
  ASSERT_THAT(same, IsOk());
  EXPECT_EQ(same->version, saved->version);
  // An update, kept as an event and audited.
  auto updated = owners_->GiveUpdate(lead, mine.id, saved->version, "Guidance drafted");
  ASSERT_THAT(updated, IsOk());
  auto view = owners_->View(lead, mine.id);
  ASSERT_THAT(view, IsOk());
  ASSERT_EQ(view->events.size(), 2u);
  EXPECT_EQ(view->events[0].kind, TrackerEventKind::kResponse);
  EXPECT_EQ(view->events[1].evidence, "Guidance drafted");
  auto portal = owners_->Portal(lead);
  ASSERT_THAT(portal, IsOk());
  ASSERT_EQ(portal->items.size(), 1u);
  EXPECT_EQ(portal->owner_name, "Home Office");
  // A stale version is refused.
  EXPECT_THAT(owners_->GiveUpdate(lead, mine.id, saved->version, "Again"),
              StatusIs(StatusCode::kAborted));
}

TEST_P(Owners, owner_invited_reminders_wait_for_someone_to_send_to) {
  // Published 50 days ago: the response is due in six days.
  Track(1, bodies_["HOME-OFFICE"], "2026-08-02");
  auto run = owners_->RunReminders("https://jointly.example");
  ASSERT_THAT(run, IsOk());
  EXPECT_EQ(run->sent, 0);
  ASSERT_EQ(run->held.size(), 1u);
  EXPECT_NE(run->held[0].find("invite"), std::string::npos);
  Invited("lead@homeoffice.example.gov.uk", bodies_["HOME-OFFICE"]);
  mailer_.sent.clear();
  run = owners_->RunReminders("https://jointly.example");
  ASSERT_THAT(run, IsOk());
  EXPECT_EQ(run->sent, 1);
  ASSERT_EQ(mailer_.sent.size(), 1u);
  EXPECT_NE(mailer_.sent[0].subject.find("Reminder"), std::string::npos);
  // Once per occasion: not again the same day, nor the next.
  EXPECT_EQ(owners_->RunReminders("https://jointly.example")->sent, 0);
  clock_.AdvanceSeconds(86400);
  EXPECT_EQ(owners_->RunReminders("https://jointly.example")->sent, 0);
  // The day after it fell due (2026-09-27), overdue.
  clock_.AdvanceSeconds(6 * 86400);
  EXPECT_EQ(owners_->RunReminders("https://jointly.example")->sent, 1);
  EXPECT_NE(mailer_.sent.back().subject.find("Overdue"), std::string::npos);
  EXPECT_EQ(owners_->RunReminders("https://jointly.example")->sent, 0);
}

TEST_P(Owners, R21_an_owner_body_gets_one_reminder_e_mail_a_run_listing_all_that_is_due) {
  // Three published 50 days ago (responses due in six days) and one long
  // ago (overdue) to the Home Office; one to another body.
  for (int64_t n = 1; n <= 3; ++n) Track(n, bodies_["HOME-OFFICE"], "2026-08-02");
  Track(4, bodies_["HOME-OFFICE"], "2025-01-10");
  Invited("lead@homeoffice.example.gov.uk", bodies_["HOME-OFFICE"]);
  mailer_.sent.clear();
  auto run = owners_->RunReminders("https://jointly.example");
  ASSERT_THAT(run, IsOk());
  EXPECT_EQ(run->sent, 4) << "every reminder recorded";
  ASSERT_EQ(mailer_.sent.size(), 1u) << "in one e-mail";
  const MailMessage& m = mailer_.sent[0];
  EXPECT_EQ(m.subject.rfind("Overdue: 4 recommendations to Home Office", 0), 0u) << m.subject;
  for (const char* number :
       {"recommendation 1", "recommendation 2", "recommendation 3", "recommendation 4"}) {
    EXPECT_NE(m.body.find(number), std::string::npos) << number;
  }
  EXPECT_EQ(owners_->RunReminders("https://jointly.example")->sent, 0);
  EXPECT_EQ(mailer_.sent.size(), 1u);
}

TEST_P(Owners, R21_quarterly_tracker_is_frozen) {
  Track(1, bodies_["HOME-OFFICE"], "2026-05-01");
  QuarterlyTrackers trackers(*db_, clock_);
  // 2026-09-21: the quarter to September has not ended.
  const auto early = trackers.Publish(SystemCaller(), FinancialQuarter(FinancialYear(2026), 2));
  EXPECT_EQ(early.status().rule(), "quarter-ended");
  auto q1 = trackers.Publish(SystemCaller(), std::nullopt);
  ASSERT_THAT(q1, IsOk());
  EXPECT_EQ(q1->slug, "2026-27-q1");
  ASSERT_EQ(q1->lines.size(), 1u);
  EXPECT_EQ(q1->digest, TrackerDigest(q1->slug, q1->lines));
  const auto again = trackers.Publish(SystemCaller(), std::nullopt);
  EXPECT_THAT(again, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(again.status().rule(), "tracker-frozen");
  const Caller lead = Invited("lead@homeoffice.example.gov.uk", bodies_["HOME-OFFICE"]);
  EXPECT_THAT(trackers.Publish(lead, std::nullopt), StatusIs(StatusCode::kPermissionDenied));
}

INSTANTIATE_TEST_SUITE_P(Backends, Owners, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace jointly
