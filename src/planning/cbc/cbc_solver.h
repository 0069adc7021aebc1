// COIN-OR CBC behind MipSolver. Thread-safe: each Solve has its own model.
#pragma once

#include "planning/solver.h"

namespace jointly {

class CbcSolver final : public MipSolver {
 public:
  StatusOr<MipSolution> Solve(const MipModel& model, double time_limit_seconds) override;
  // Wall-clock limit, the start as CBC's first solution, `threads` threads.
  StatusOr<MipSolution> SolveFrom(const MipModel& model, const MipOptions& options) override;
};

}  // namespace jointly
