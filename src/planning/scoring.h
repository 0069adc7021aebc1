// Prioritisation arithmetic (R2, R4): criteria sets are data
// (domain/criteria.h); each participating inspectorate's Development Group
// representative scores a proposal on every criterion; the weighted scores
// are combined and their spread shown so disagreement is visible. Pure.
#pragma once

#include <vector>

#include "core/status.h"
#include "domain/criteria.h"
#include "planning/weights.h"

namespace jointly {

// InvalidArgument naming each bad field: code (lower-case letters, digits
// and hyphens), name, 1 to 15 criteria each with a name (unique), and
// weights from ValidateWeights.
Status ValidateCriteriaSet(const CriteriaSet& set);

// Derives the weights from `set.pairwise` (AHP) into the criteria and the
// consistency ratio. InvalidArgument as WeightsFromPairwise, or if the
// matrix does not match the number of criteria.
Status ApplyPairwise(CriteriaSet& set);

// InvalidArgument naming "scores.<criterion id>" for an unknown criterion
// or a score out of range, and each criterion left unscored.
Status ValidateScores(const CriteriaSet& set, const CriterionScores& scores);

// The weighted score on a 0-100 scale.
double WeightedScore(const CriteriaSet& set, const CriterionScores& scores);

struct ProposalScoring {
  std::vector<RepresentativeScore> by_inspectorate;
  ScoreSummary combined;  // over the representatives' weighted scores
};

// Each representative's weighted score and their combination.
ProposalScoring CombineScores(const CriteriaSet& set, std::vector<RepresentativeScore> scores);

}  // namespace jointly
