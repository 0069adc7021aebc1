// Optimiser runs as the service executes them: what is asked of the solver
// and what is stored from its answer, with a scripted solver instead of CBC.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "service/audit_trail.h"
#include "service/directory_service.h"
#include "service/programme_service.h"
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

}  // namespace
}  // namespace jointly
