#include "planning/weights.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>

namespace jointly {
namespace {

// Saaty's random consistency index for n criteria (n = 1..15).
constexpr double kRandomIndex[] = {0,    0,    0,    0.58, 0.90, 1.12, 1.24, 1.32,
                                   1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};

// 3 -> "3", 0.2 -> "0.2", 1/3 -> "0.333".
std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

std::string Cell(size_t i, size_t j) {
  return "matrix[" + std::to_string(i) + "][" + std::to_string(j) + "]";
}

}  // namespace

StatusOr<AhpWeights> WeightsFromPairwise(const std::vector<std::vector<double>>& m) {
  const size_t n = m.size();
  Validation v;
  if (n < 2 || n > 15) {
    v.Add("matrix", "size", "Compare from 2 to 15 criteria");
    return v.Finish("The comparisons are not valid");
  }
  for (size_t i = 0; i < n; ++i) {
    if (m[i].size() != n) {
      v.Add("matrix[" + std::to_string(i) + "]", "square",
            "Row " + std::to_string(i + 1) + " needs " + std::to_string(n) + " comparisons");
    }
  }
  if (!v.empty()) return v.Finish("The comparisons are not valid");
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < n; ++j) {
      const double a = m[i][j];
      if (!std::isfinite(a) || a < 1.0 / 9 - 1e-9 || a > 9 + 1e-9) {
        v.Add(Cell(i, j), "scale", "Each comparison must be from 1/9 to 9");
      } else if (i == j && std::abs(a - 1) > 1e-9) {
        v.Add(Cell(i, j), "diagonal", "A criterion compared with itself is 1");
      } else if (i < j && std::abs(a * m[j][i] - 1) > 1e-6) {
        v.Add(Cell(j, i), "reciprocal",
              "If criterion " + std::to_string(i + 1) + " is " + Number(a) +
                  " times as important as criterion " + std::to_string(j + 1) +
                  ", the reverse comparison must be 1/" + Number(a));
      }
    }
  }
  RETURN_IF_ERROR(v.Finish("The comparisons are not valid"));

  // Power iteration converges to the principal eigenvector of a positive matrix.
  std::vector<double> w(n, 1.0 / static_cast<double>(n));
  for (int iter = 0; iter < 1000; ++iter) {
    std::vector<double> next(n, 0);
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) next[i] += m[i][j] * w[j];
    }
    const double sum = std::accumulate(next.begin(), next.end(), 0.0);
    double change = 0;
    for (size_t i = 0; i < n; ++i) {
      next[i] /= sum;
      change = std::max(change, std::abs(next[i] - w[i]));
    }
    w = std::move(next);
    if (change < 1e-13) break;
  }
  AhpWeights out;
  out.weights = w;
  double lambda = 0;
  for (size_t i = 0; i < n; ++i) {
    double row = 0;
    for (size_t j = 0; j < n; ++j) row += m[i][j] * w[j];
    lambda += row / w[i];
  }
  out.lambda_max = lambda / static_cast<double>(n);
  out.consistency_index =
      std::max(0.0, (out.lambda_max - static_cast<double>(n)) / static_cast<double>(n - 1));
  out.consistency_ratio = n < 3 ? 0 : out.consistency_index / kRandomIndex[n];
  return out;
}

Status ValidateWeights(const std::vector<double>& weights) {
  Validation v;
  if (weights.empty()) v.Add("weights", "required", "Give each criterion a weight");
  double sum = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (!std::isfinite(weights[i]) || weights[i] < 0 || weights[i] > 1) {
      v.Add("weights[" + std::to_string(i) + "]", "range", "Each weight must be from 0 to 1");
    } else {
      sum += weights[i];
    }
  }
  if (v.empty() && std::abs(sum - 1) > 0.001) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", sum);
    v.Add("weights", "R2", std::string("The weights must add up to 1; they add up to ") + buf);
  }
  return v.Finish("The weights are not valid");
}

ScoreSummary Summarise(const std::vector<double>& scores) {
  ScoreSummary s;
  if (scores.empty()) return s;
  s.count = static_cast<int>(scores.size());
  s.mean = std::accumulate(scores.begin(), scores.end(), 0.0) / s.count;
  const auto [lo, hi] = std::minmax_element(scores.begin(), scores.end());
  s.min = *lo;
  s.max = *hi;
  return s;
}

}  // namespace jointly
