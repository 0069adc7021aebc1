#include "domain/stage_notes.h"

#include "core/text.h"

namespace jointly {

namespace {

std::string InList(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? "; " : "") + InSentence(items[i]);
  return out;
}

std::string WaitsFor(const std::vector<StageStatus>& stages, size_t index) {
  std::vector<std::string> missing;
  for (size_t k = 0; k < index; ++k) {
    for (const auto& c : stages[k].checks) {
      if (!c.rule.empty() && !c.done) missing.push_back(c.label);
    }
  }
  if (!missing.empty()) return "Waits for: " + InList(missing);
  if (index == 0) return "";
  const StageStatus& before = stages[index - 1];
  if (before.progress == StageProgress::kCompleted && stages[index].checks.empty()) {
    return "Waits for: this stage's steps, which Jointly does not track yet";
  }
  return "Waits for: stage " + std::to_string(StageNumber(before.stage)) + ", " +
         InSentence(std::string(InspectionStageLabel(before.stage))) + ", to be completed";
}

}  // namespace

std::string StageNote(const std::vector<StageStatus>& stages, size_t index) {
  if (index >= stages.size()) return "";
  const StageStatus& s = stages[index];
  if (s.progress == StageProgress::kCannotStartYet) return WaitsFor(stages, index);
  if (s.progress == StageProgress::kNotStarted) return "";
  for (size_t k = 0; k < index; ++k) {
    if (stages[k].progress != StageProgress::kInProgress) continue;
    // Said once, under the first stage under way after it: the stages after
    // that one would only repeat it.
    for (size_t j = k + 1; j < index; ++j) {
      if (stages[j].progress == StageProgress::kInProgress ||
          stages[j].progress == StageProgress::kCompleted) {
        return "";
      }
    }
    std::vector<std::string> left;
    for (const auto& c : stages[k].checks) {
      if (!c.done && c.counts) left.push_back(c.label);
    }
    return "Still to do in stage " + std::to_string(StageNumber(stages[k].stage)) + ", " +
           InSentence(std::string(InspectionStageLabel(stages[k].stage))) + ": " + InList(left);
  }
  return "";
}

}  // namespace jointly
