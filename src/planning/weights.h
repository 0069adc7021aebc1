// Criterion weights for prioritisation (R2, R4): entered directly, or
// derived from pairwise comparisons by the analytic hierarchy process
// (principal eigenvector), with Saaty's consistency ratio so people can see
// when their comparisons contradict each other.
#pragma once

#include <vector>

#include "core/status.h"

namespace jointly {

inline constexpr double kAcceptableConsistencyRatio = 0.1;

struct AhpWeights {
  std::vector<double> weights;  // sum to 1, in the matrix's order
  double lambda_max = 0;
  double consistency_index = 0;
  double consistency_ratio = 0;  // 0 for two criteria
  bool consistent() const { return consistency_ratio <= kAcceptableConsistencyRatio; }
};

// `matrix[i][j]` says how much more important criterion i is than j, on
// Saaty's 1/9..9 scale. InvalidArgument naming each bad cell ("matrix[2][0]")
// unless the matrix is square, 2x2 to 15x15, has ones on the diagonal, and
// is reciprocal (matrix[j][i] == 1 / matrix[i][j]).
StatusOr<AhpWeights> WeightsFromPairwise(const std::vector<std::vector<double>>& matrix);

// Directly entered weights: each from 0 to 1 and summing to 1 (within
// 0.001). InvalidArgument naming each bad weight, or "weights" with the
// sum found.
Status ValidateWeights(const std::vector<double>& weights);

// Several representatives' scores of one proposal, combined.
struct ScoreSummary {
  int count = 0;
  double mean = 0;
  double min = 0;
  double max = 0;
  double spread() const { return max - min; }
};
ScoreSummary Summarise(const std::vector<double>& scores);

}  // namespace jointly
