// Timed publication through the use cases, on a clock the test moves, on
// SQLite and PostgreSQL (R21): the demo's modern slavery inspection is
// replayed to its final sign-off, its publication set, and the publication
// job run a microsecond before its moment and at it.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/date.h"
#include "mail/mailer.h"
#include "service/decision_service.h"
#include "service/demo.h"
#include "service/directory_service.h"
#include "service/inspection_demo_published.h"
#include "service/inspection_service.h"
#include "service/people_service.h"
#include "service/programme_service.h"
#include "service/tracker_service.h"
#include "store/publication_store.h"
#include "store/released_store.h"
#include "tests/fakes/test_database.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

constexpr const char* kMoment = "2018-02-13T09:30:00Z";

int64_t MicrosAt(const char* iso_day, int64_t hour, int64_t minute) {
  const int64_t days = ParseIsoDate(iso_day).value_or(0);
  return ((days * 24 + hour) * 60 + minute) * 60 * 1000000;
}

class Publishing : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string why;
    db_ = testing::NewTestDatabase(GetParam(), &why);
    if (!db_) GTEST_SKIP() << why;
    people_ = std::make_unique<PeopleService>(*db_, clock_, PasswordHashParams{1, 1024, 1});
    DirectoryService directory(*db_, clock_);
    ASSERT_THAT(directory.LoadReferenceData(), IsOk());
    JointDecisions decisions(*db_, clock_);
    ASSERT_THAT(ProgrammeService(*db_, clock_, decisions).LoadReferenceData(), IsOk());
    auto setting = LoadDemoSetting(*db_, *people_);
    ASSERT_THAT(setting, IsOk());
    team_ = setting->team;
    auto id = LoadDemoSignedOff(*db_, team_, clock_);
    ASSERT_THAT(id, IsOk());
    ASSERT_TRUE(id->has_value());
    id_ = **id;
    decisions_ = std::make_unique<JointDecisions>(*db_, clock_);
    inspections_ = std::make_unique<InspectionService>(*db_, clock_, *decisions_);
  }

  // What the public website holds of the report and of the terms of
  // reference, and how many items a search for the report's title finds.
  struct Public {
    bool report = false;
    bool completed = false;
    int64_t found = 0;
  };
  Public Publicly() {
    Public out;
    EXPECT_THAT(db_->Read([&](Transaction& tx) -> Status {
      const std::string slug = std::to_string(id_);
      ASSIGN_OR_RETURN(auto report, GetReleased(tx, kReleasedReport, slug));
      out.report = report.has_value();
      ASSIGN_OR_RETURN(auto terms, GetReleased(tx, kReleasedInspection, slug));
      if (terms) {
        ASSIGN_OR_RETURN(PublishedTerms t, PublishedTermsFromJson(terms->content));
        out.completed = !t.report_published_at.empty();
      }
      ASSIGN_OR_RETURN(out.found,
                       CountReleasedFound(tx, ParseSearchTerms("trafficking recommendation")));
      return OkStatus();
    }),
                IsOk());
    return out;
  }

  // The Attorney General's Office's recipient named (HMCPSI takes part)
  // and the publication set for kMoment, through `service`.
  void SetForPublication(InspectionService& service) {
    EmbargoRecipient r;
    r.department = "Attorney General's Office";
    r.name = "Priya Shah";
    r.email = "priya.shah@ago.example.gov.uk";
    ASSERT_THAT(service.AddEmbargoRecipient(team_.police_lead, id_, r), IsOk());
    ASSERT_THAT(service.SchedulePublication(team_.police_lead, id_, kMoment), IsOk());
  }

  int64_t Tracked() {
    TrackerFilter filter;
    auto page = TrackerService(*db_, clock_).List(team_.police_lead, filter, 100, 0);
    EXPECT_THAT(page, IsOk());
    return page.ok() ? static_cast<int64_t>(page->items.size()) : -1;
  }

  ReplayClock clock_{0};
  std::unique_ptr<Database> db_;
  std::unique_ptr<PeopleService> people_;
  DemoInspectionPeople team_;
  int64_t id_ = 0;
  std::unique_ptr<JointDecisions> decisions_;
  std::unique_ptr<InspectionService> inspections_;
};

TEST_P(Publishing, R21_published_at_its_moment_and_not_a_microsecond_before_on_a_moved_clock) {
  clock_.Set(MicrosAt("2018-01-15", 9, 0));
  SetForPublication(*inspections_);
  if (HasFatalFailure()) return;
  const int64_t moment = MicrosAt("2018-02-13", 9, 30);
  const Public unpublished = Publicly();
  const int64_t tracked_before = Tracked();

  // Half an hour before the five days: the embargoed copy goes, nothing is
  // published.
  clock_.Set(moment - (5LL * 24 * 60 + 30) * 60 * 1000000);
  auto early = inspections_->RunPublication("");
  ASSERT_THAT(early, IsOk());
  EXPECT_EQ(early->embargoes_sent, std::vector<int64_t>{id_});
  EXPECT_TRUE(early->published.empty());

  // A microsecond before its moment: still nothing on any public surface.
  clock_.Set(moment - 1);
  auto almost = inspections_->RunPublication("");
  ASSERT_THAT(almost, IsOk());
  EXPECT_TRUE(almost->published.empty());
  const Public before = Publicly();
  EXPECT_FALSE(before.report);
  EXPECT_FALSE(before.completed);
  EXPECT_EQ(before.found, unpublished.found);
  EXPECT_EQ(Tracked(), tracked_before);

  // At its moment: the report, its recommendations on the tracker and the
  // terms of reference's completed state, together.
  clock_.Set(moment);
  auto run = inspections_->RunPublication("");
  ASSERT_THAT(run, IsOk());
  EXPECT_EQ(run->published, std::vector<int64_t>{id_});
  const Public after = Publicly();
  EXPECT_TRUE(after.report);
  EXPECT_TRUE(after.completed);
  EXPECT_GT(after.found, before.found);
  EXPECT_EQ(Tracked(), tracked_before + 3);

  // Exactly once: neither a second run nor a second instance publishes it
  // again.
  JointDecisions other_decisions(*db_, clock_);
  InspectionService other(*db_, clock_, other_decisions);
  clock_.Set(moment + 1000000);
  for (InspectionService* instance : {inspections_.get(), &other}) {
    auto again = instance->RunPublication("");
    ASSERT_THAT(again, IsOk());
    EXPECT_TRUE(again->published.empty());
  }
  EXPECT_EQ(Tracked(), tracked_before + 3);
}

TEST_P(Publishing, published_settled_a_decision_asked_before_publication_is_not_answered_after) {
  // Stage 6's red lines are confirmed by each inspectorate on the report as
  // it stands; ask again on the signed-off report, then publish it.
  clock_.Set(MicrosAt("2018-01-15", 9, 0));
  auto asked = inspections_->AskRedLines(team_.police_lead, id_);
  ASSERT_THAT(asked, IsOk());
  SetForPublication(*inspections_);
  if (HasFatalFailure()) return;
  clock_.Set(MicrosAt("2018-02-13", 10, 0));
  auto run = inspections_->RunPublication("");
  ASSERT_THAT(run, IsOk());
  ASSERT_EQ(run->published, std::vector<int64_t>{id_});
  auto answered = decisions_->Respond(team_.cps_rep, asked->stored.decision.id, true, "");
  ASSERT_FALSE(answered.ok());
  EXPECT_EQ(answered.status().rule(), "published-settled");
  auto declined = decisions_->Respond(team_.cps_rep, asked->stored.decision.id, false, "Too late");
  ASSERT_FALSE(declined.ok());
  EXPECT_EQ(declined.status().rule(), "published-settled");
}

TEST_P(Publishing,
       R21_a_report_changed_after_it_is_set_is_held_and_published_once_signed_off_again) {
  clock_.Set(MicrosAt("2018-01-15", 9, 0));
  SetForPublication(*inspections_);
  if (HasFatalFailure()) return;
  // A factual accuracy correction changes a recommendation's measure.
  auto v = inspections_->ViewInspection(team_.police_lead, id_);
  ASSERT_THAT(v, IsOk());
  ASSERT_FALSE(v->recommendations.empty());
  const Recommendation& first = v->recommendations.front();
  ASSERT_THAT(inspections_->UpdateRecommendation(team_.police_lead, first.id, first.version,
                                                 [](Recommendation& x) {
                                                   x.measure += " Corrected.";
                                                   return OkStatus();
                                                 }),
              IsOk());
  clock_.Set(MicrosAt("2018-02-13", 9, 30));
  auto held = inspections_->RunPublication("");
  ASSERT_THAT(held, IsOk());
  EXPECT_TRUE(held->published.empty());
  EXPECT_FALSE(held->held.empty());
  // Signed off again by both inspectorates: published at the next run.
  ASSERT_THAT(inspections_->SubmitStep(team_.police_lead, id_, ApprovalStep::kSignOff), IsOk());
  v = inspections_->ViewInspection(team_.police_lead, id_);
  ASSERT_THAT(v, IsOk());
  for (const Caller* who : {&team_.police_chief, &team_.cps_overseer}) {
    ASSERT_THAT(inspections_->ApproveStep(*who, id_, ApprovalStep::kSignOff, v->approval_version),
                IsOk());
  }
  clock_.Set(MicrosAt("2018-02-13", 10, 0));
  auto run = inspections_->RunPublication("");
  ASSERT_THAT(run, IsOk());
  EXPECT_EQ(run->published, std::vector<int64_t>{id_});
  EXPECT_TRUE(Publicly().report);
}

TEST_P(Publishing, R21_an_embargoed_copy_that_could_not_be_sent_is_not_counted_as_sent) {
  UnconfiguredMailer no_mail;
  // A service of its own, as another server would have (each registers
  // its kinds of decision once).
  JointDecisions unmailed_decisions(*db_, clock_);
  InspectionService unmailed(*db_, clock_, unmailed_decisions, &no_mail);
  clock_.Set(MicrosAt("2018-01-15", 9, 0));
  SetForPublication(unmailed);
  if (HasFatalFailure()) return;
  clock_.Set(MicrosAt("2018-02-08", 9, 0));
  auto run = unmailed.RunPublication("");
  ASSERT_THAT(run, IsOk());
  EXPECT_TRUE(run->embargoes_sent.empty());
  ASSERT_EQ(run->held.size(), 1u);
  auto v = unmailed.ViewInspection(team_.police_lead, id_);
  ASSERT_THAT(v, IsOk());
  ASSERT_TRUE(v->publication.has_value());
  EXPECT_EQ(v->publication->embargo_sent_at, "");
  ASSERT_EQ(v->embargo_recipients.size(), 1u);
  EXPECT_EQ(v->embargo_recipients[0].sent_at, "");
  // None went, so the time may still move; and a mailer that works sends
  // the copy at its next run.
  EXPECT_THAT(unmailed.SchedulePublication(team_.police_lead, id_, "2018-02-14T09:30:00Z"), IsOk());
  clock_.Set(MicrosAt("2018-02-09", 9, 0));
  auto sent = inspections_->RunPublication("");
  ASSERT_THAT(sent, IsOk());
  EXPECT_EQ(sent->embargoes_sent, std::vector<int64_t>{id_});
}

INSTANTIATE_TEST_SUITE_P(Backends, Publishing, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace jointly
