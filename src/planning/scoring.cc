#include "planning/scoring.h"

#include <set>

#include "core/text.h"

namespace jointly {

Status ValidateCriteriaSet(const CriteriaSet& set) {
  Validation v;
  bool code_ok = !set.code.empty() && set.code.size() <= 40;
  for (char c : set.code) {
    code_ok = code_ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  }
  if (!code_ok) {
    v.Add("code", "code-format", "The code must be 1-40 lower-case letters, digits or hyphens");
  }
  if (!IsValidUtf8(set.name) || Trim(set.name).empty() || Utf8Length(set.name) > 200) {
    v.Add("name", "required", "Enter a name of up to 200 characters");
  }
  if (!IsValidUtf8(set.description) || Utf8Length(set.description) > 2000) {
    v.Add("description", "max-length", "The description must be 2,000 characters or fewer");
  }
  if (set.criteria.empty() || set.criteria.size() > kMaxCriteria) {
    v.Add("criteria", "count", "A criteria set has from 1 to 15 criteria");
    return v.Finish();
  }
  std::set<std::string> names;
  std::vector<double> weights;
  for (size_t i = 0; i < set.criteria.size(); ++i) {
    const Criterion& c = set.criteria[i];
    const std::string field = "criteria[" + std::to_string(i) + "]";
    if (!IsValidUtf8(c.name) || Trim(c.name).empty() || Utf8Length(c.name) > 200) {
      v.Add(field + ".name", "required", "Give criterion " + std::to_string(i + 1) + " a name");
    } else if (!names.insert(AsciiLower(Trim(c.name))).second) {
      v.Add(field + ".name", "unique", "Criterion \"" + c.name + "\" is listed twice");
    }
    if (!IsValidUtf8(c.description) || Utf8Length(c.description) > 2000) {
      v.Add(field + ".description", "max-length",
            "A criterion's description must be 2,000 characters or fewer");
    }
    weights.push_back(c.weight);
  }
  Status w = ValidateWeights(weights);
  for (const auto& e : w.field_errors()) {
    // ValidateWeights names "weights[i]" or "weights".
    std::string field = e.field;
    if (field.rfind("weights[", 0) == 0) field = "criteria[" + field.substr(8);
    if (field.size() > 9 && field.rfind("criteria[", 0) == 0) field += ".weight";
    v.Add(field, e.rule, e.message);
  }
  return v.Finish();
}

Status ApplyPairwise(CriteriaSet& set) {
  if (set.pairwise.size() != set.criteria.size()) {
    return std::move(InvalidArgument("The comparisons do not match the criteria", "matrix-size")
                         .AddFieldError("pairwise", "matrix-size",
                                        "Compare every pair of the " +
                                            std::to_string(set.criteria.size()) + " criteria"));
  }
  ASSIGN_OR_RETURN(AhpWeights ahp, WeightsFromPairwise(set.pairwise));
  for (size_t i = 0; i < set.criteria.size(); ++i) set.criteria[i].weight = ahp.weights[i];
  set.consistency_ratio = ahp.consistency_ratio;
  set.method = WeightMethod::kPairwise;
  return OkStatus();
}

Status ValidateScores(const CriteriaSet& set, const CriterionScores& scores) {
  Validation v;
  std::set<int64_t> known;
  for (const auto& c : set.criteria) known.insert(c.id);
  for (const auto& [id, score] : scores) {
    const std::string field = "scores." + std::to_string(id);
    if (!known.count(id)) {
      v.Add(field, "unknown-criterion",
            "Criterion " + std::to_string(id) + " is not in the criteria set \"" + set.name + "\"");
    } else if (score < kMinScore || score > kMaxScore) {
      v.Add(field, "range", "Scores are whole numbers from 0 to 5");
    }
  }
  for (const auto& c : set.criteria) {
    if (!scores.count(c.id)) {
      v.Add("scores." + std::to_string(c.id), "required",
            "Choose a score for " + c.name + ", from 0 to 5");
    }
  }
  return v.Finish();
}

double WeightedScore(const CriteriaSet& set, const CriterionScores& scores) {
  double total = 0;
  for (const auto& c : set.criteria) {
    auto it = scores.find(c.id);
    if (it != scores.end()) total += c.weight * it->second;
  }
  return total * 100.0 / kMaxScore;
}

ProposalScoring CombineScores(const CriteriaSet& set, std::vector<RepresentativeScore> scores) {
  ProposalScoring out;
  std::vector<double> weighted;
  for (auto& s : scores) {
    s.weighted = WeightedScore(set, s.scores);
    weighted.push_back(s.weighted);
  }
  out.by_inspectorate = std::move(scores);
  out.combined = Summarise(weighted);
  return out;
}

}  // namespace jointly
