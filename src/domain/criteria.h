// Prioritisation data (R2, R4): criteria sets with their weights, and each
// Development Group representative's scores of a proposal. Types only; the
// arithmetic (validation, AHP weights, weighted and combined scores) is in
// planning/scoring.h. Pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jointly {

inline constexpr int kMinScore = 0;  // does not meet the criterion at all
inline constexpr int kMaxScore = 5;  // meets it fully
inline constexpr size_t kMaxCriteria = 15;

struct Criterion {
  int64_t id = 0;
  std::string name;
  std::string description;
  double weight = 0;
};

enum class WeightMethod { kDirect, kPairwise };
inline constexpr WeightMethod kAllWeightMethods[] = {WeightMethod::kDirect,
                                                     WeightMethod::kPairwise};
// "direct" or "pairwise", as stored and in JSON.
std::string_view WeightMethodId(WeightMethod method);

struct CriteriaSet {
  int64_t id = 0;
  std::string code;  // "framework", "probation-thematic"
  std::string name;
  std::string description;
  std::optional<int64_t> inspectorate_id;  // whose set it is; none for the joint one
  WeightMethod method = WeightMethod::kDirect;
  // With kPairwise: the comparison matrix the weights came from.
  std::vector<std::vector<double>> pairwise;
  double consistency_ratio = 0;
  std::vector<Criterion> criteria;
  int64_t version = 0;
};

// One representative's scores: criterion id -> kMinScore..kMaxScore.
using CriterionScores = std::map<int64_t, int>;

struct RepresentativeScore {
  int64_t inspectorate_id = 0;
  int64_t user_id = 0;
  CriterionScores scores;
  double weighted = 0;  // filled in by planning's CombineScores
};

}  // namespace jointly
