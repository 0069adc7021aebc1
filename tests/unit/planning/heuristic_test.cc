// The heuristic and the optimiser judged by an independent checker of
// every rule, on random instances with forced decisions, work in progress,
// clashes and the balance of the programme; and the optimiser's proven
// optima, and the decomposition bound, against GLPK's optima on the same
// model written as CPLEX LP.
#include "planning/heuristic.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "planning/bound.h"
#include "planning/cbc/cbc_solver.h"
#include "planning/feasibility.h"

namespace jointly {
namespace {

// Random programmes within every rule's reach: small forced commitments,
// work in progress, clashes, coverage of each process and of victims.
ProgrammeInstance RuleInstance(std::mt19937& rng, int candidates, int inspectorates, int quarters) {
  ProgrammeInstance in;
  in.quarters = quarters;
  std::uniform_real_distribution<double> cap(60, 160), effort(10, 120), priority(-1, 10);
  for (int k = 1; k <= inspectorates; ++k) {
    for (int q = 0; q < quarters; ++q) in.capacity[k].push_back(std::round(cap(rng)));
  }
  std::vector<Focus> focus(std::begin(kAllFocus), std::end(kAllFocus));
  for (int i = 1; i <= candidates; ++i) {
    Candidate c;
    c.id = i;
    c.title = "P" + std::to_string(i);
    c.priority = std::round(priority(rng) * 10) / 10;
    c.duration_quarters = 1 + static_cast<int>(rng() % 3);
    c.earliest_start = static_cast<int>(rng() % 3);
    for (int n = 0, m = 1 + static_cast<int>(rng() % 2); n < m; ++n)
      c.effort[1 + static_cast<int64_t>(rng() % inspectorates)] = std::round(effort(rng));
    for (int n = 0, m = static_cast<int>(rng() % 3); n < m; ++n)
      c.focus.insert(focus[rng() % focus.size()]);
    switch (rng() % 10) {
      case 0:
        c.decision = Decision::kForcedOut;
        break;
      case 1:
        c.decision = Decision::kForcedIn;
        c.effort = {{1 + static_cast<int64_t>(rng() % inspectorates), 12}};
        break;
      case 2:
        c.decision = Decision::kForcedIn;
        c.effort = {{1 + static_cast<int64_t>(rng() % inspectorates), 8}};
        c.fixed_start = 0;
        c.duration_quarters = 1 + static_cast<int>(rng() % 2);
        break;
      default:
        break;
    }
    if (c.earliest_start + c.duration_quarters > quarters) c.earliest_start = 0;
    in.candidates.push_back(c);
  }
  for (int n = 0; n < candidates / 5; ++n) {
    const int64_t a = 1 + rng() % candidates, b = 1 + rng() % candidates;
    const bool forced = in.candidates[a - 1].decision == Decision::kForcedIn ||
                        in.candidates[b - 1].decision == Decision::kForcedIn;
    if (a != b && !forced) in.clashes.emplace_back(a, b);
  }
  in.min_process_coverage_per_year = rng() % 3 == 0 ? 1 : 0;
  in.victim_coverage_waived = rng() % 2 == 0;
  return in;
}

HeuristicOptions Steps(int64_t steps) {
  HeuristicOptions options;
  options.max_steps = steps;
  return options;
}

TEST(Heuristic, PlansKeepEveryRuleAndNeverLoseToGreedy) {
  std::mt19937 rng(16);
  int planned = 0, greedy_feasible = 0;
  for (int trial = 0; trial < 200; ++trial) {
    const ProgrammeInstance in = RuleInstance(rng, 8 + trial % 40, 1 + trial % 4, 4 + trial % 5);
    const auto plan = HeuristicProgramme(in, Steps(2000));
    const ProgrammeSchedule greedy = GreedyProgramme(in);
    const bool greedy_ok = CheckProgrammeRules(in, greedy.chosen).ok();
    greedy_feasible += greedy_ok;
    if (!plan) {
      EXPECT_FALSE(greedy_ok) << "trial " << trial << ": greedy keeps the rules, the heuristic "
                              << "found nothing";
      continue;
    }
    ++planned;
    const Status check = CheckProgrammeRules(in, plan->chosen);
    EXPECT_TRUE(check.ok()) << "trial " << trial << ": " << check.ToString();
    EXPECT_TRUE(CheckSchedule(in, *plan).ok()) << "trial " << trial;
    if (greedy_ok) {
      EXPECT_GE(plan->total_priority + 1e-9, greedy.total_priority) << trial;
    }
  }
  // Most of these instances have a plan (some have commitments or balance
  // that cannot be met); the heuristic finds them.
  EXPECT_GE(planned, 150);
  EXPECT_GE(planned, greedy_feasible);
}

TEST(Heuristic, OptimiserPlansKeepEveryRuleAndBeatTheHeuristic) {
  std::mt19937 rng(61);
  CbcSolver solver;
  for (int trial = 0; trial < 40; ++trial) {
    const ProgrammeInstance in = RuleInstance(rng, 8 + trial % 12, 1 + trial % 3, 4 + trial % 5);
    auto best = OptimiseProgramme(in, solver, 20);
    const auto plan = HeuristicProgramme(in, Steps(2000));
    if (!best.ok()) {
      EXPECT_EQ(best.status().rule(), "infeasible") << best.status().ToString();
      EXPECT_FALSE(plan) << "trial " << trial << ": a plan exists";
      continue;
    }
    EXPECT_TRUE(best->proven_optimal) << trial;
    EXPECT_TRUE(CheckProgrammeRules(in, best->chosen).ok())
        << trial << ": " << CheckProgrammeRules(in, best->chosen).ToString();
    if (plan) {
      EXPECT_GE(best->total_priority + 1e-4, plan->total_priority) << trial;
    }
  }
}

TEST(Heuristic, TheCheckerNamesTheRuleBroken) {
  ProgrammeInstance in;
  in.quarters = 4;
  in.capacity[1] = {100, 100, 100, 100};
  auto candidate = [](int64_t id, double days) {
    Candidate c;
    c.id = id;
    c.priority = 1;
    c.effort = {{1, days}};
    return c;
  };
  in.candidates = {candidate(1, 60), candidate(2, 60), candidate(3, 10)};
  in.candidates[2].focus = {Focus::kVictimAndWitnessExperience};
  in.candidates[1].earliest_start = 1;
  in.clashes = {{1, 3}};
  auto rule = [&](std::vector<ScheduledItem> chosen) {
    return CheckProgrammeRules(in, chosen).rule();
  };
  EXPECT_TRUE(CheckProgrammeRules(in, {{1, 0}, {2, 1}, {3, 1}}).ok());
  EXPECT_EQ(rule({{1, 0}, {2, 1}}), "R5");              // no victims
  EXPECT_EQ(rule({{1, 1}, {2, 1}, {3, 0}}), "R6");      // 120 in quarter 2
  EXPECT_EQ(rule({{1, 0}, {3, 0}}), "clash");           // share quarter 1
  EXPECT_EQ(rule({{2, 0}, {3, 1}}), "R6");              // before its earliest start
  EXPECT_EQ(rule({{1, 0}, {1, 2}, {3, 1}}), "unique");  // chosen twice
  in.candidates[0].decision = Decision::kForcedIn;
  EXPECT_EQ(rule({{2, 1}, {3, 1}}), "R3");
  in.candidates[0].decision = Decision::kForcedOut;
  EXPECT_EQ(rule({{1, 0}, {3, 1}}), "R3");
  in.candidates[0].decision = Decision::kOpen;
  in.candidates[0].fixed_start = 0;
  EXPECT_EQ(rule({{1, 1}, {3, 2}}), "R6");
}

// The model the optimiser hands to CBC, kept for GLPK.
class Recording final : public MipSolver {
 public:
  StatusOr<MipSolution> Solve(const MipModel& model, double limit) override {
    if (models.empty()) models.push_back(model);
    return cbc.Solve(model, limit);
  }
  StatusOr<MipSolution> SolveFrom(const MipModel& model, const MipOptions& options) override {
    if (models.empty()) models.push_back(model);
    return cbc.SolveFrom(model, options);
  }
  CbcSolver cbc;
  std::vector<MipModel> models;
};

// GLPK's answer for `model`: its optimal objective, or nullopt when it
// proves there is no integer solution.
std::optional<double> Glpk(const MipModel& model, const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path();
  const auto lp = dir / (name + ".lp"), out = dir / (name + ".out");
  std::ofstream(lp) << ToCplexLp(model);
  const std::string command =
      "glpsol --tmlim 60 --lp " + lp.string() + " -o " + out.string() + " >/dev/null 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  const std::string report = text.str();
  std::filesystem::remove(lp);
  std::filesystem::remove(out);
  if (report.find("INTEGER EMPTY") != std::string::npos) return std::nullopt;
  EXPECT_NE(report.find("INTEGER OPTIMAL"), std::string::npos) << report.substr(0, 400);
  const auto at = report.find("obj = ");
  if (at == std::string::npos) return std::nullopt;
  return std::strtod(report.c_str() + at + 6, nullptr);
}

TEST(Heuristic, ProvenOptimaAgreeWithGlpk) {
  if (std::system("glpsol --version >/dev/null 2>&1") != 0)
    GTEST_FAIL() << "glpsol (Debian's glpk-utils) is needed: scripts/install-deps.sh installs it";
  std::mt19937 rng(2018);
  int optima = 0, infeasible = 0;
  for (int trial = 0; trial < 45; ++trial) {
    ProgrammeInstance in = RuleInstance(rng, 8 + trial % 12, 1 + trial % 3, 4 + trial % 4);
    if (trial % 7 == 0) {  // commitments that cannot all fit
      for (auto& c : in.candidates) {
        if (c.decision == Decision::kForcedIn) c.effort = {{1, 1000}};
      }
    }
    Recording solver;
    auto best = OptimiseProgramme(in, solver, 20);
    ASSERT_FALSE(solver.models.empty());
    const auto glpk = Glpk(solver.models.front(), "jointly-glpk-" + std::to_string(trial));
    if (!best.ok()) {
      ASSERT_EQ(best.status().rule(), "infeasible") << best.status().ToString();
      EXPECT_FALSE(glpk) << "trial " << trial << ": GLPK found a solution";
      ++infeasible;
      continue;
    }
    ASSERT_TRUE(best->proven_optimal) << trial;
    ASSERT_TRUE(glpk) << "trial " << trial << ": GLPK found no solution";
    // The model's objective is total priority alone: the totals agree.
    EXPECT_NEAR(best->total_priority, *glpk, 1e-6) << "trial " << trial;
    ++optima;
  }
  EXPECT_GE(optima, 15);
  EXPECT_GE(infeasible, 1);
}

// The bound of bound.h on programmes where each inspectorate has room for
// only a few proposals a quarter: never below the best plan GLPK proves,
// and often tight enough to prove it.
TEST(Bound, NeverBelowGlpksProvenOptimum) {
  if (std::system("glpsol --version >/dev/null 2>&1") != 0)
    GTEST_FAIL() << "glpsol (Debian's glpk-utils) is needed: scripts/install-deps.sh installs it";
  std::mt19937 rng(2019);
  int compared = 0, below_ceiling = 0, reached = 0;
  for (int trial = 0; trial < 60; ++trial) {
    ProgrammeInstance in = RuleInstance(rng, 8 + trial % 14, 1 + trial % 4, 4 + trial % 5);
    for (auto& [k, cap] : in.capacity) {
      for (double& c : cap) c = std::round(c * 0.6);
    }
    Recording solver;
    auto best = OptimiseProgramme(in, solver, 20);
    if (!best.ok()) continue;
    ASSERT_FALSE(solver.models.empty());
    const auto glpk = Glpk(solver.models.front(), "jointly-bound-" + std::to_string(trial));
    ASSERT_TRUE(glpk) << "trial " << trial;
    const double bound = DecompositionBound(in, *glpk);
    EXPECT_GE(bound, *glpk - 1e-6) << "trial " << trial;
    double ceiling = 0;
    for (const auto& c : in.candidates) {
      if (c.decision != Decision::kForcedOut) ceiling += std::max(0.0, c.priority);
    }
    ++compared;
    below_ceiling += bound < ceiling - 1e-6;
    reached += bound <= *glpk + 1e-6;
  }
  EXPECT_GE(compared, 30);
  EXPECT_GE(below_ceiling, 25);  // a bound that says something
  EXPECT_GE(reached, 10);        // and that proves the optimum
}

// Three proposals each needing 60 of the 100 inspector-days a quarter has:
// only one fits. The LP relaxation says 1.67 are possible; one
// inspectorate's problem is solved exactly, so the bound is 1.
TEST(Bound, ExactWhereTheLpRelaxationIsNot) {
  ProgrammeInstance in;
  in.quarters = 1;
  in.victim_coverage_waived = true;
  in.capacity = {{1, {100}}};
  for (int64_t id = 1; id <= 3; ++id) {
    Candidate c;
    c.id = id;
    c.priority = 1;
    c.effort = {{1, 60}};
    in.candidates.push_back(c);
  }
  EXPECT_NEAR(DecompositionBound(in, 0), 1, 1e-6);
  // Nothing at all fits: the bound is nothing.
  in.capacity = {{1, {50}}};
  EXPECT_NEAR(DecompositionBound(in, 0), 0, 1e-6);
}

}  // namespace
}  // namespace jointly
