// The optimiser against a greedy choice on random instances: always proven
// optimal, always a valid schedule, never worse than greedy.
#include "planning/optimiser.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>

#include "planning/cbc/cbc_solver.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

ProgrammeInstance RandomInstance(std::mt19937& rng, int candidates, int inspectorates,
                                 int quarters) {
  ProgrammeInstance in;
  in.quarters = quarters;
  in.victim_coverage_waived = true;  // greedy ignores balance; compare like with like
  std::uniform_real_distribution<double> cap(60, 160), effort(10, 120), priority(1, 10);
  for (int k = 1; k <= inspectorates; ++k) {
    for (int q = 0; q < quarters; ++q) in.capacity[k].push_back(std::round(cap(rng)));
  }
  for (int i = 1; i <= candidates; ++i) {
    Candidate c;
    c.id = i;
    c.title = "P" + std::to_string(i);
    c.priority = std::round(priority(rng) * 10) / 10;
    c.duration_quarters = 1 + static_cast<int>(rng() % 3);
    c.earliest_start = static_cast<int>(rng() % 2);
    const int involved = 1 + static_cast<int>(rng() % 2);
    for (int n = 0; n < involved; ++n)
      c.effort[1 + static_cast<int64_t>(rng() % inspectorates)] = std::round(effort(rng));
    in.candidates.push_back(c);
  }
  for (int n = 0; n < candidates / 4; ++n) {
    const int64_t a = 1 + rng() % candidates, b = 1 + rng() % candidates;
    if (a != b) in.clashes.emplace_back(a, b);
  }
  return in;
}

TEST(Optimiser, NeverWorseThanGreedyAndProvenOptimal) {
  std::mt19937 rng(42);
  CbcSolver solver;
  for (int trial = 0; trial < 40; ++trial) {
    const ProgrammeInstance in = RandomInstance(rng, 14, 3, 4);
    auto best = OptimiseProgramme(in, solver, 20);
    ASSERT_TRUE(best.ok()) << best.status().ToString();
    EXPECT_TRUE(best->proven_optimal) << "trial " << trial;
    EXPECT_TRUE(CheckSchedule(in, *best).ok()) << CheckSchedule(in, *best).ToString();
    const ProgrammeSchedule greedy = GreedyProgramme(in);
    ASSERT_TRUE(CheckSchedule(in, greedy).ok()) << CheckSchedule(in, greedy).ToString();
    EXPECT_GE(best->total_priority + 1e-9, greedy.total_priority) << "trial " << trial;
  }
}

TEST(Optimiser, R3_forced_decisions_are_always_honoured) {
  std::mt19937 rng(7);
  CbcSolver solver;
  for (int trial = 0; trial < 20; ++trial) {
    ProgrammeInstance in = RandomInstance(rng, 10, 2, 4);
    in.candidates[0].decision = Decision::kForcedOut;
    in.candidates[1].decision = Decision::kForcedIn;
    in.candidates[1].effort = {{1, 10}};
    in.candidates[1].earliest_start = 0;
    in.clashes.clear();
    auto best = OptimiseProgramme(in, solver, 20);
    ASSERT_TRUE(best.ok()) << best.status().ToString();
    bool has_out = false, has_in = false;
    for (const auto& item : best->chosen) {
      has_out = has_out || item.id == in.candidates[0].id;
      has_in = has_in || item.id == in.candidates[1].id;
    }
    EXPECT_FALSE(has_out);
    EXPECT_TRUE(has_in);
  }
}

TEST(Optimiser, CapacityUseIsReportedPerInspectorateAndQuarter) {
  ProgrammeInstance in;
  in.quarters = 2;
  in.victim_coverage_waived = true;
  in.capacity = {{1, {100, 100}}};
  Candidate c;
  c.id = 1;
  c.priority = 1;
  c.duration_quarters = 2;
  c.effort = {{1, 120}};
  in.candidates = {c};
  CbcSolver solver;
  auto best = OptimiseProgramme(in, solver, 5);
  ASSERT_TRUE(best.ok());
  EXPECT_EQ(best->used.at(1), (std::vector<double>{60, 60}));
}

TEST(Optimiser, WhatWasLeftOutNamesQuartersAsThePlanDoes) {
  ProgrammeInstance in;
  in.quarters = 2;
  in.victim_coverage_waived = true;
  in.capacity = {{1, {10, 10}}};
  in.inspectorate_names = {{1, "HMCPSI"}};
  in.quarter_names = {"2017-18 Q1", "2017-18 Q2"};
  Candidate big;
  big.id = 1;
  big.priority = 1;
  big.effort = {{1, 50}};
  in.candidates = {big};
  ProgrammeSchedule none;
  none.used = {{1, {0, 0}}};
  const auto out = ExplainExclusions(in, none);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_FALSE(out[0].reasons.empty());
  EXPECT_EQ(out[0].reasons[0], "HMCPSI has 10 inspector-days left in 2017-18 Q1; it needs 50");
  EXPECT_EQ(QuarterName(in, 1), "2017-18 Q2");
  in.quarter_names.clear();
  EXPECT_EQ(QuarterName(in, 1), "quarter 2");
}

TEST(Optimiser, R6_in_year_commissioning_shows_added_moved_and_dropped) {
  // Approved: A and B in quarter 1, C in quarter 2. A minister commissions
  // D at short notice; work in progress (A) keeps its start.
  ProgrammeInstance in;
  in.quarters = 2;
  in.victim_coverage_waived = true;
  in.capacity = {{1, {100, 100}}};
  auto candidate = [](int64_t id, double priority, double effort) {
    Candidate c;
    c.id = id;
    c.title = std::string(1, static_cast<char>('A' + id - 1));
    c.priority = priority;
    c.effort = {{1, effort}};
    return c;
  };
  in.candidates = {candidate(1, 5, 50), candidate(2, 4, 50), candidate(3, 3, 90)};
  CbcSolver solver;
  auto approved = OptimiseProgramme(in, solver, 10);
  ASSERT_TRUE(approved.ok());
  ASSERT_EQ(approved->chosen, (std::vector<ScheduledItem>{{1, 0}, {2, 0}, {3, 1}}));

  in.candidates[0].fixed_start = 0;  // in progress
  in.candidates[0].decision = Decision::kForcedIn;
  Candidate commissioned = candidate(4, 9, 50);
  commissioned.decision = Decision::kForcedIn;
  in.candidates.push_back(commissioned);
  auto proposed = OptimiseProgramme(in, solver, 10);
  ASSERT_TRUE(proposed.ok());
  const auto diff = DiffSchedules(*approved, *proposed);
  using K = ScheduleChange::Kind;
  // D takes B's place in quarter 1; B moves to quarter 2; C no longer fits.
  EXPECT_EQ(diff, (std::vector<ScheduleChange>{
                      {K::kMoved, 2, 0, 1}, {K::kDropped, 3, 1, -1}, {K::kAdded, 4, -1, 0}}));
}

// 300 proposals, 9 inspectorates, 8 quarters, each inspectorate with
// 1/0.7 of the inspector-days asked of it: every proposal fits.
ProgrammeInstance EverythingFits() {
  std::mt19937 rng(2017);
  ProgrammeInstance in = RandomInstance(rng, 300, 9, 8);
  std::map<int64_t, double> demand, supply;
  for (const auto& c : in.candidates) {
    for (const auto& [k, days] : c.effort) demand[k] += days;
  }
  for (auto& [k, cap] : in.capacity) {
    for (double c : cap) supply[k] += c;
    for (double& c : cap) c = std::round(c * demand[k] / supply[k] / 0.7);
  }
  in.clashes.clear();
  return in;
}

// The start-quarter preference no longer stands between the solver and a
// proof: when everything fits, the plan is proven optimal within moments,
// not at the end of the time allowed.
TEST(Optimiser, EverythingThatFitsIsProvenOptimalAtOnce) {
  const ProgrammeInstance in = EverythingFits();
  CbcSolver solver;
  const auto began = std::chrono::steady_clock::now();
  OptimiseOptions options;
  options.time_limit_seconds = 20;
  options.elapsed_seconds = [began] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  };
  auto best = OptimiseProgramme(in, solver, options);
  ASSERT_TRUE(best.ok()) << best.status().ToString();
  EXPECT_TRUE(best->proven_optimal);
  EXPECT_LT(options.elapsed_seconds(), 5);  // of 20 allowed
  EXPECT_EQ(best->chosen.size(), in.candidates.size());
  EXPECT_TRUE(CheckSchedule(in, *best).ok()) << CheckSchedule(in, *best).ToString();
}

// Only a plan better than the heuristic's is sought (a cutoff), and the
// model's objective is total priority alone, so a proof is a proof of the
// best total priority.
TEST(Optimiser, TheSolverLooksOnlyForAPlanBetterThanTheHeuristics) {
  class Recording final : public MipSolver {
   public:
    StatusOr<MipSolution> Solve(const MipModel& model, double limit) override {
      return cbc.Solve(model, limit);
    }
    StatusOr<MipSolution> SolveFrom(const MipModel& model, const MipOptions& options) override {
      if (!first) first = std::make_pair(model, options);
      return cbc.SolveFrom(model, options);
    }
    CbcSolver cbc;
    std::optional<std::pair<MipModel, MipOptions>> first;
  } solver;
  std::mt19937 rng(5);
  const ProgrammeInstance in = RandomInstance(rng, 14, 3, 4);
  auto best = OptimiseProgramme(in, solver, 10);
  ASSERT_TRUE(best.ok());
  ASSERT_TRUE(solver.first);
  const auto& [model, options] = *solver.first;
  ASSERT_TRUE(options.cutoff);
  EXPECT_GE(*options.cutoff, GreedyProgramme(in).total_priority);
  EXPECT_LE(*options.cutoff, best->total_priority + 1e-3);
  std::set<double> priorities;
  for (const auto& c : in.candidates) priorities.insert(c.priority);
  for (double coefficient : model.objective) EXPECT_TRUE(priorities.count(coefficient));
}

// When the chosen set is settled, starts are as early as they can be: two
// proposals share a quarter's capacity with a third, and the one with the
// higher priority goes first.
TEST(Optimiser, StartsAreAsEarlyAsTheyCanBeOnceTheChoiceIsProven) {
  ProgrammeInstance in;
  in.quarters = 3;
  in.victim_coverage_waived = true;
  in.capacity = {{1, {100, 100, 100}}};
  for (int64_t id : {1, 2, 3}) {
    Candidate c;
    c.id = id;
    c.priority = static_cast<double>(id);
    c.effort = {{1, 60}};
    in.candidates.push_back(c);
  }
  CbcSolver solver;
  auto best = OptimiseProgramme(in, solver, 10);
  ASSERT_TRUE(best.ok());
  EXPECT_TRUE(best->proven_optimal);
  EXPECT_EQ(best->chosen, (std::vector<ScheduledItem>{{3, 0}, {2, 1}, {1, 2}}));
}

// After the first answer the search goes on: the plan never gets worse,
// the bound never looser, the plan keeps every rule, and a stop is heeded.
TEST(Optimiser, ImprovingNeverLosesGroundAndStopsWhenAsked) {
  std::mt19937 rng(11);
  const ProgrammeInstance in = RandomInstance(rng, 200, 6, 8);  // oversubscribed
  CbcSolver solver;
  const auto began = std::chrono::steady_clock::now();
  auto elapsed = [began] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  };
  OptimiseOptions first_options;
  first_options.time_limit_seconds = 1;
  first_options.elapsed_seconds = elapsed;
  auto first = OptimiseProgramme(in, solver, first_options);
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first->proven_optimal);
  std::vector<ProgrammeSchedule> seen = {*first};
  ImproveOptions options;
  options.until_seconds = 8;
  options.elapsed_seconds = elapsed;
  options.on_better = [&seen](const ProgrammeSchedule& s) { seen.push_back(s); };
  const ProgrammeSchedule best = ImproveProgramme(in, solver, *first, options);
  for (size_t i = 1; i < seen.size(); ++i) {
    EXPECT_GE(seen[i].total_priority + 1e-9, seen[i - 1].total_priority);
    EXPECT_LE(seen[i].best_bound, seen[i - 1].best_bound + 1e-9);
    EXPECT_GE(seen[i].best_bound + 1e-9, seen[i].total_priority);
    EXPECT_GT(seen[i].seconds, seen[i - 1].seconds);
  }
  EXPECT_GE(best.total_priority + 1e-9, first->total_priority);
  EXPECT_TRUE(CheckSchedule(in, best).ok()) << CheckSchedule(in, best).ToString();
  EXPECT_LT(elapsed(), 12);

  options.stop = [] { return true; };
  options.on_better = [](const ProgrammeSchedule&) { ADD_FAILURE() << "improved after a stop"; };
  EXPECT_EQ(ImproveProgramme(in, solver, *first, options).chosen, first->chosen);
}

// A solver that never finds anything nor bounds anything usefully.
class Unhelpful final : public MipSolver {
 public:
  StatusOr<MipSolution> Solve(const MipModel&, double) override {
    MipSolution none;
    none.outcome = MipSolution::Outcome::kNoSolutionInTime;
    none.best_bound = 1e6;
    return none;
  }
};

// The search in the background proves what the solver cannot: three
// proposals each needing 60 of 100 inspector-days, so only one fits.
TEST(Optimiser, ImprovingProvesOptimalityWithTheDecompositionBound) {
  ProgrammeInstance in;
  in.quarters = 1;
  in.victim_coverage_waived = true;
  in.capacity = {{1, {100}}};
  for (int64_t id = 1; id <= 3; ++id) {
    Candidate c;
    c.id = id;
    c.priority = static_cast<double>(id);
    c.effort = {{1, 60}};
    in.candidates.push_back(c);
  }
  Unhelpful solver;
  auto first = OptimiseProgramme(in, solver, 5);
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first->proven_optimal);
  const auto began = std::chrono::steady_clock::now();
  ImproveOptions options;
  options.until_seconds = 10;
  options.elapsed_seconds = [began] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  };
  const ProgrammeSchedule best = ImproveProgramme(in, solver, *first, options);
  EXPECT_TRUE(best.proven_optimal);
  EXPECT_EQ(best.chosen, (std::vector<ScheduledItem>{{3, 0}}));
  EXPECT_NEAR(best.best_bound, 3, 1e-9);
  EXPECT_EQ(best.gap, 0);
}

TEST(Optimiser, BadInstancesNameTheField) {
  ProgrammeInstance in;
  in.quarters = 2;
  in.capacity = {{1, {100}}};  // one quarter short
  Candidate c;
  c.id = 1;
  c.effort = {{2, 10}};  // no capacity for inspectorate 2
  in.candidates = {c};
  CbcSolver solver;
  auto result = OptimiseProgramme(in, solver, 5);
  ASSERT_THAT(result, StatusIs(StatusCode::kInvalidArgument));
  std::vector<std::string> rules;
  for (const auto& e : result.status().field_errors()) rules.push_back(e.rule);
  EXPECT_EQ(rules, (std::vector<std::string>{"count", "capacity-missing"}));
}

}  // namespace
}  // namespace jointly

namespace jointly {
namespace {

// Two commitments that cannot both fit, and an open proposal that alone
// covers victims: the explanation names the commitments, not the balance.
TEST(Optimiser, InfeasibilityNamesTheCommitmentsWhileOpenWorkStillCountsForBalance) {
  ProgrammeInstance in;
  in.quarters = 4;
  in.capacity[1] = {10, 10, 10, 10};
  for (int64_t id : {1, 2}) {
    Candidate c;
    c.id = id;
    c.title = "Commitment " + std::to_string(id);
    c.duration_quarters = 4;
    c.effort[1] = 32;  // 8 a quarter: one fits, two do not
    c.decision = Decision::kForcedIn;
    in.candidates.push_back(c);
  }
  Candidate victims;
  victims.id = 3;
  victims.title = "Victims";
  victims.priority = 1;
  victims.focus = {Focus::kVictimAndWitnessExperience};
  in.candidates.push_back(victims);
  CbcSolver solver;
  auto result = OptimiseProgramme(in, solver, 10);
  ASSERT_THAT(result, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(result.status().rule(), "infeasible");
  auto detail = nlohmann::json::parse(result.status().detail_json());
  EXPECT_FALSE(detail["balance_requirements_alone_infeasible"].get<bool>());
  EXPECT_EQ(detail["conflicting_commitments"], nlohmann::json({1, 2}));
}

}  // namespace
}  // namespace jointly
