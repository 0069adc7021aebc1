// Prioritisation (R2, R4): criteria sets are data; each participating
// inspectorate's Development Group representative scores a proposal on
// every criterion; the weighted scores are combined and their spread shown
// so disagreement is visible. Pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "planning/weights.h"

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

// InvalidArgument naming each bad field: code (lower-case letters, digits
// and hyphens), name, 1 to 15 criteria each with a name (unique), and
// weights from ValidateWeights.
Status ValidateCriteriaSet(const CriteriaSet& set);

// Derives the weights from `set.pairwise` (AHP) into the criteria and the
// consistency ratio. InvalidArgument as WeightsFromPairwise, or if the
// matrix does not match the number of criteria.
Status ApplyPairwise(CriteriaSet& set);

// One representative's scores: criterion id -> kMinScore..kMaxScore.
using CriterionScores = std::map<int64_t, int>;

// InvalidArgument naming "scores.<criterion id>" for an unknown criterion
// or a score out of range, and each criterion left unscored.
Status ValidateScores(const CriteriaSet& set, const CriterionScores& scores);

// The weighted score on a 0-100 scale.
double WeightedScore(const CriteriaSet& set, const CriterionScores& scores);

struct RepresentativeScore {
  int64_t inspectorate_id = 0;
  int64_t user_id = 0;
  CriterionScores scores;
  double weighted = 0;
};

struct ProposalScoring {
  std::vector<RepresentativeScore> by_inspectorate;
  ScoreSummary combined;  // over the representatives' weighted scores
};

// Each representative's weighted score and their combination.
ProposalScoring CombineScores(const CriteriaSet& set, std::vector<RepresentativeScore> scores);

}  // namespace jointly
