// An upper bound on what any programme can be worth, computed apart from
// the MIP solver: the programme split into one scheduling problem per
// inspectorate (Lagrangian decomposition), each solved exactly, with the
// split of each proposal's priority between its inspectorates tuned by
// subgradient steps. At least as tight as the LP relaxation the solver
// starts from, and much tighter where each inspectorate has room for only
// a few proposals a quarter.
#pragma once

#include <cstdint>
#include <functional>

#include "planning/optimiser.h"

namespace jointly {

struct BoundOptions {
  int max_iterations = 150;
  // Asked between iterations; true ends the search with the best bound so
  // far (the caller decides what time means).
  std::function<bool()> stop;
  // Search nodes for one inspectorate's problem in one iteration; past
  // it that problem counts at its own (weaker) bound, which still holds.
  int64_t max_nodes = 500000;
  // The search grows quickly with an inspectorate's share of the
  // proposals: past this many for one inspectorate there is no bound
  // (infinity) rather than a long wait for a weak one.
  int max_copies = 24;
};

// No programme keeping every capacity of `instance`, each proposal at
// most once at one of its starts and forced-out proposals out, is worth
// more than the answer (clashes, forced-in proposals and the balance of
// the programme only lower what is possible, so the bound holds with them
// too). `best_known` is the value of a plan keeping every rule: the search
// ends once the bound reaches it.
double DecompositionBound(const ProgrammeInstance& instance, double best_known,
                          const BoundOptions& options = {});

}  // namespace jointly
