// A fast construction and improvement heuristic for the programme: a plan
// within every rule the optimiser enforces, found in a bounded number of
// steps, to answer at once and to start the exact search from.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "planning/optimiser.h"

namespace jointly {

struct HeuristicOptions {
  // Improvement steps at most (each removes a few proposals and refills).
  int64_t max_steps = 20000;
  // Asked every few steps; true ends the improvement early. The caller
  // decides what time means (the heuristic reads no clock).
  std::function<bool()> stop;
  uint32_t seed = 2017;
  // A plan keeping every rule to start from as well (a search resumed).
  std::vector<ScheduledItem> initial;
};

// Forced proposals, then the balance of the programme (R5), then a greedy
// fill guided by how scarce each inspectorate is, then local search
// (insert, swap, move, shift start, drop and refill) within the budget;
// starts are finally moved as early as they can go. The plan keeps every
// rule (capacity per inspectorate and quarter, clashes, forced in and out,
// work in progress, R5 coverage, victim coverage unless waived) and is
// never worth less than GreedyProgramme when that keeps them all. nullopt
// when no plan was found this way (the instance may be infeasible).
std::optional<ProgrammeSchedule> HeuristicProgramme(const ProgrammeInstance& instance,
                                                    const HeuristicOptions& options = {});

// `schedule` with each proposal moved to the earliest start that keeps
// every rule, highest priority first; what is chosen does not change.
ProgrammeSchedule MoveStartsEarlier(const ProgrammeInstance& instance,
                                    const ProgrammeSchedule& schedule);

}  // namespace jointly
