// Optimiser runs as the service executes them: what is asked of the solver
// and what is stored from its answer, with a scripted solver instead of CBC.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "service/audit_trail.h"
#include "service/directory_service.h"
#include "service/inspection_service.h"
#include "service/programme_service.h"
#include "store/programme_store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/fake_solver.h"
#include "tests/fakes/test_database.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

class OptimiserRuns : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    db_ = testing::NewFakeDatabase(&why);
    ASSERT_NE(db_, nullptr) << why;
    DirectoryService directory(*db_, clock_);
    ASSERT_THAT(directory.LoadReferenceData(), IsOk());
    decisions_ = std::make_unique<JointDecisions>(*db_, clock_);
    programme_ = std::make_unique<ProgrammeService>(*db_, clock_, *decisions_);
    ASSERT_THAT(programme_->LoadReferenceData(), IsOk());
    auto plan = programme_->LoadDemoProgramme({});
    ASSERT_THAT(plan, IsOk());
    plan_id_ = *plan;
  }

  FakeClock clock_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<JointDecisions> decisions_;
  std::unique_ptr<ProgrammeService> programme_;
  int64_t plan_id_ = 0;
};

TEST_F(OptimiserRuns, AsksTheSolverOnceWithTheRunsTimeLimitAndStoresItsAnswer) {
  auto run = programme_->StartRun(SystemCaller(), plan_id_, 7);
  ASSERT_THAT(run, IsOk());
  FakeSolver solver;  // answers: nothing chosen, proven optimal

  ASSERT_THAT(programme_->ExecuteRun(run->id, solver), IsOk());

  auto instance = programme_->InstanceFor(SystemCaller(), plan_id_);
  ASSERT_THAT(instance, IsOk());
  ASSERT_FALSE(instance->candidates.empty());
  const auto calls = solver.calls();
  ASSERT_THAT(calls, SizeIs(1));
  EXPECT_EQ(calls[0].time_limit_seconds, 7);
  // At least one start quarter for every candidate.
  EXPECT_GE(calls[0].model.objective.size(), instance->candidates.size());

  auto stored = programme_->GetRun(SystemCaller(), run->id);
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(stored->state, RunState::kFinished);
  const auto result = nlohmann::json::parse(stored->result);
  EXPECT_EQ(result["proven_optimal"], true);
  EXPECT_TRUE(result["chosen"].empty());
  EXPECT_EQ(result["candidates"], instance->candidates.size());
  EXPECT_THAT(result["excluded"], SizeIs(instance->candidates.size()));
}

// A plan not proven optimal goes on improving after the run's first
// answer: the run is finished at once, each tighter bound adds a point to
// its progress, and it stops when asked.
TEST_F(OptimiserRuns, ARunNotProvenGoesOnImprovingUntilStopped) {
  auto run = programme_->StartRun(SystemCaller(), plan_id_, 1);
  ASSERT_THAT(run, IsOk());
  FakeSolver solver;
  // A plan worth nothing with a bound that tightens with every answer.
  auto answers = std::make_shared<int>(0);
  solver.AnswerWith([answers](const MipModel& model) -> StatusOr<MipSolution> {
    MipSolution s;
    s.outcome = MipSolution::Outcome::kFeasible;
    s.values.assign(model.objective.size(), 0.0);
    s.best_bound = 1000 - 10 * ++*answers;
    return s;
  });
  std::thread carry_out([&] { EXPECT_THAT(programme_->ExecuteRun(run->id, solver), IsOk()); });
  ASSERT_TRUE(solver.WaitForCalls(3));
  auto improving = programme_->GetRun(SystemCaller(), run->id);
  ASSERT_THAT(improving, IsOk());
  EXPECT_EQ(improving->state, RunState::kFinished);
  EXPECT_GT(improving->improving_until, 0);
  ASSERT_THAT(programme_->StopImproving(SystemCaller(), run->id), IsOk());
  carry_out.join();

  auto stored = programme_->GetRun(SystemCaller(), run->id);
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(stored->improving_until, 0);
  const auto result = nlohmann::json::parse(stored->result);
  EXPECT_EQ(result["improving"], false);
  EXPECT_EQ(result["proven_optimal"], false);
  const auto& progress = result["progress"];
  ASSERT_GE(progress.size(), 2u);
  for (size_t i = 1; i < progress.size(); ++i) {
    EXPECT_LT(progress[i]["best_bound"].get<double>(), progress[i - 1]["best_bound"].get<double>());
    EXPECT_GE(progress[i]["total_priority"].get<double>(),
              progress[i - 1]["total_priority"].get<double>());
  }
  EXPECT_EQ(result["best_bound"], progress.back()["best_bound"]);
  // Once it has stopped, asking again is refused.
  EXPECT_EQ(programme_->StopImproving(SystemCaller(), run->id).rule(), "run-state");
}

TEST_F(OptimiserRuns, ARunIsQueuedOnlyOnce) {
  auto run = programme_->StartRun(SystemCaller(), plan_id_, 5);
  ASSERT_THAT(run, IsOk());
  FakeSolver solver;
  ASSERT_THAT(programme_->ExecuteRun(run->id, solver), IsOk());
  EXPECT_THAT(programme_->ExecuteRun(run->id, solver), StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_THAT(solver.calls(), SizeIs(1));
}

TEST_F(OptimiserRuns, TheWorkerStoresASolverFailureOnTheRun) {
  auto owned = std::make_unique<FakeSolver>();
  FakeSolver& solver = *owned;
  solver.AnswerWith(FakeSolver::Fails(Internal("the solver stopped unexpectedly")));
  auto worker = std::make_unique<OptimiserWorker>(*programme_, std::move(owned));

  auto run = programme_->StartRun(SystemCaller(), plan_id_, 3);
  ASSERT_THAT(run, IsOk());
  ASSERT_TRUE(solver.WaitForCalls(1));
  worker.reset();  // finishes the run it is executing

  auto stored = programme_->GetRun(SystemCaller(), run->id);
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(stored->state, RunState::kFailed);
  EXPECT_THAT(stored->error, HasSubstr("the solver stopped unexpectedly"));
}

TEST_F(OptimiserRuns, Shared_optimiser_run_carried_out_by_exactly_one_server) {
  // Two servers on one database, each with its own worker: every run
  // queued by either is carried out once, by one of them.
  // Each server has its own joint decisions, as each process would.
  JointDecisions other_decisions(*db_, clock_);
  ProgrammeService other_server(*db_, clock_, other_decisions);
  std::mutex mu;
  std::map<int64_t, int> carried_out;
  auto count = [&](int64_t id) {
    std::lock_guard lock(mu);
    ++carried_out[id];
  };
  auto first_solver = std::make_unique<FakeSolver>();
  auto second_solver = std::make_unique<FakeSolver>();
  FakeSolver& first = *first_solver;
  FakeSolver& second = *second_solver;
  std::vector<int64_t> ids;
  {
    OptimiserWorker a(*programme_, std::move(first_solver), std::chrono::milliseconds(5), count);
    OptimiserWorker b(other_server, std::move(second_solver), std::chrono::milliseconds(5), count);
    for (int i = 0; i < 8; ++i) {
      auto run = (i % 2 ? other_server : *programme_).StartRun(SystemCaller(), plan_id_, 1);
      ASSERT_THAT(run, IsOk());
      ids.push_back(run->id);
    }
    for (int tries = 0; tries < 2000; ++tries) {
      {
        std::lock_guard lock(mu);
        if (carried_out.size() == ids.size()) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_EQ(first.calls().size() + second.calls().size(), ids.size());
  }
  for (int64_t id : ids) {
    EXPECT_EQ(carried_out[id], 1) << "run " << id;
    auto stored = programme_->GetRun(SystemCaller(), id);
    ASSERT_THAT(stored, IsOk());
    EXPECT_EQ(stored->state, RunState::kFinished);
  }
  // A run already claimed cannot be claimed again.
  FakeSolver solver;
  EXPECT_THAT(programme_->ExecuteRun(ids[0], solver), StatusIs(StatusCode::kFailedPrecondition));
  auto none = programme_->ExecuteNextRun(solver);
  ASSERT_THAT(none, IsOk());
  EXPECT_EQ(*none, std::nullopt);
}

TEST_F(OptimiserRuns, ARunLeftRunningIsAbandonedOnceItsHoldHasPassed) {
  auto run = programme_->StartRun(SystemCaller(), plan_id_, 10);
  ASSERT_THAT(run, IsOk());
  const int64_t now = clock_.NowMicros();
  ASSERT_THAT(db_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto claimed, ClaimQueuedRun(tx, std::nullopt, "2026-12-01T10:00:00Z", now));
    EXPECT_TRUE(claimed && claimed->id == run->id && claimed->state == RunState::kRunning);
    ASSIGN_OR_RETURN(auto again, ClaimQueuedRun(tx, run->id, "2026-12-01T10:00:00Z", now));
    EXPECT_EQ(again, std::nullopt);
    // Held for its time limit from `now`: another server leaves it alone
    // until then, unless no other server can be running it.
    ASSIGN_OR_RETURN(auto held, AbandonedRuns(tx, now + 10 * 1000000, false));
    EXPECT_THAT(held, ::testing::IsEmpty());
    ASSIGN_OR_RETURN(auto passed, AbandonedRuns(tx, now + 10 * 1000000 + 1, false));
    EXPECT_THAT(passed, ::testing::ElementsAre(run->id));
    ASSIGN_OR_RETURN(auto every, AbandonedRuns(tx, now, true));
    EXPECT_THAT(every, ::testing::ElementsAre(run->id));
    return OkStatus();
  }),
              IsOk());
  // On SQLite, served by one server at a time, a run still marked running
  // when the worker looks was left by a server that stopped.
  ASSERT_THAT(programme_->FailAbandonedRuns(), IsOk());
  auto stored = programme_->GetRun(SystemCaller(), run->id);
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(stored->state, RunState::kFailed);
}

// The id of the demo programme's work stream called `title`.
int64_t WorkStream(ProgrammeService& programme, const std::string& title) {
  auto all = programme.Proposals(SystemCaller(), ProposalFilter{});
  if (!all.ok()) return 0;
  for (const auto& v : *all) {
    if (v.proposal.title == title) return v.proposal.id;
  }
  return 0;
}

TEST_F(OptimiserRuns, R6_work_in_progress_is_not_proposed_again_next_year) {
  // Two work streams of the 2017-18 programme begin: the Hate crime
  // thematic (three quarters from 2017-18 Q1) and a core programme (eight).
  InspectionService inspections(*db_, clock_, *decisions_);
  const int64_t hate_crime = WorkStream(*programme_, "Hate crime");
  const int64_t core = WorkStream(*programme_, "Prison Offender Management Inspections (POMI)");
  ASSERT_NE(hate_crime, 0);
  ASSERT_NE(core, 0);
  for (int64_t id : {hate_crime, core}) {
    StartInspection start;
    start.proposal_id = id;
    ASSERT_THAT(inspections.Start(SystemCaller(), start), IsOk());
  }
  Plan next;
  next.first_year = 2018;
  auto plan = programme_->CreatePlan(SystemCaller(), next);
  ASSERT_THAT(plan, IsOk());

  std::vector<NotConsidered> left_out;
  auto instance = programme_->InstanceFor(SystemCaller(), plan->id, &left_out);
  ASSERT_THAT(instance, IsOk());
  const Candidate* carried = nullptr;
  for (const auto& c : instance->candidates) {
    EXPECT_NE(c.id, hate_crime) << "the 2017-18 programme had it end in 2017-18 Q3";
    if (c.id == core) carried = &c;
  }
  auto why = std::find_if(left_out.begin(), left_out.end(),
                          [&](const NotConsidered& n) { return n.proposal_id == hate_crime; });
  ASSERT_NE(why, left_out.end());
  EXPECT_THAT(why->reason, HasSubstr("in progress from the 2017-18 programme"));
  EXPECT_THAT(why->reason, HasSubstr("2017-18 Q3"));
  // The core programme carries on for its last four quarters, where it is.
  ASSERT_NE(carried, nullptr);
  EXPECT_EQ(carried->fixed_start, 0);
  EXPECT_EQ(carried->duration_quarters, 4);
  EXPECT_EQ(carried->already_run, 4);

  // The plan's programme says where it continues from, and never shows the
  // finished thematic again.
  auto doc = programme_->BusinessPlan(SystemCaller(), plan->id);
  ASSERT_THAT(doc, IsOk());
  bool found = false;
  for (const auto& part : doc->parts) {
    for (const auto& row : part.rows) {
      EXPECT_NE(row.subject, "Hate crime");
      if (row.subject != "Prison Offender Management Inspections (POMI)") continue;
      found = true;
      EXPECT_EQ(part.heading, "Continuing commitments");
      EXPECT_EQ(row.timing, "2017-18 Q1 to 2018-19 Q4 (continues from 2017-18)");
    }
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace jointly
