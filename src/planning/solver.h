// A mixed-integer programme and the solver interface the optimiser uses.
// Implementations: CbcSolver (COIN-OR CBC from Debian). Tests may use any.
#pragma once

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace jointly {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Maximise objective . x subject to lower <= row . x <= upper for every row,
// each variable binary.
struct MipModel {
  struct Row {
    std::vector<std::pair<int, double>> terms;  // (variable, coefficient)
    double lower = -kInfinity;
    double upper = kInfinity;
  };
  std::vector<double> objective;  // one per variable
  std::vector<Row> rows;
  int AddVariable(double objective_coefficient) {
    objective.push_back(objective_coefficient);
    return static_cast<int>(objective.size()) - 1;
  }
};

struct MipSolution {
  // kNoneBetter: proven that no solution is worth more than the cutoff
  // (MipOptions::cutoff), so the known solution that set it is optimal.
  enum class Outcome { kOptimal, kFeasible, kInfeasible, kNoSolutionInTime, kNoneBetter };
  Outcome outcome = Outcome::kNoSolutionInTime;
  std::vector<double> values;
  double objective = 0;
  double best_bound = 0;  // no solution can beat this (also without a solution, when known)
  double gap = 0;         // relative, 0 when proven optimal
  double seconds = 0;
};

// How to search: a wall-clock limit, a known solution to start from and
// when to stop short of a full proof.
struct MipOptions {
  double time_limit_seconds = 30;  // wall-clock, not CPU, seconds
  // A feasible value for every variable (empty when none is known): the
  // search may start with it as its best solution (CbcSolver does not yet).
  std::vector<double> start;
  int threads = 2;
  // The search is finished (and the answer optimal) once no solution can
  // beat the best by more than this.
  double absolute_gap = 0;
  // The value of a known solution: only solutions worth more are sought,
  // and a search that finds none proves the known one optimal
  // (kNoneBetter). Lets the search prune at once without being handed the
  // solution itself.
  std::optional<double> cutoff;
};

class MipSolver {
 public:
  virtual ~MipSolver() = default;
  // Internal if the solver fails unexpectedly; otherwise the outcome says
  // whether a (proven optimal) solution was found within the time limit.
  virtual StatusOr<MipSolution> Solve(const MipModel& model, double time_limit_seconds) = 0;
  // The same with a start and tolerances; solvers that cannot use them
  // ignore them.
  virtual StatusOr<MipSolution> SolveFrom(const MipModel& model, const MipOptions& options) {
    return Solve(model, options.time_limit_seconds);
  }
};

// The model in CPLEX LP format (variables x0, x1, ...; rows r0, r1, ...),
// for checking an answer with another solver.
std::string ToCplexLp(const MipModel& model);

}  // namespace jointly
