// A mixed-integer programme and the solver interface the optimiser uses.
// Implementations: CbcSolver (COIN-OR CBC from Debian). Tests may use any.
#pragma once

#include <limits>
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
  enum class Outcome { kOptimal, kFeasible, kInfeasible, kNoSolutionInTime };
  Outcome outcome = Outcome::kNoSolutionInTime;
  std::vector<double> values;
  double objective = 0;
  double best_bound = 0;  // no solution can beat this
  double gap = 0;         // relative, 0 when proven optimal
  double seconds = 0;
};

class MipSolver {
 public:
  virtual ~MipSolver() = default;
  // Internal if the solver fails unexpectedly; otherwise the outcome says
  // whether a (proven optimal) solution was found within the time limit.
  virtual StatusOr<MipSolution> Solve(const MipModel& model, double time_limit_seconds) = 0;
};

}  // namespace jointly
