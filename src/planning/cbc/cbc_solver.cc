#include "planning/cbc/cbc_solver.h"

#include <coin/Cbc_C_Interface.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <string>

namespace jointly {
namespace {
// CBC's "infinite" bound.
constexpr double kCbcInfinity = 1e30;
}  // namespace

StatusOr<MipSolution> CbcSolver::Solve(const MipModel& model, double time_limit_seconds) {
  MipOptions options;
  options.time_limit_seconds = time_limit_seconds;
  return SolveFrom(model, options);
}

StatusOr<MipSolution> CbcSolver::SolveFrom(const MipModel& model, const MipOptions& options) {
  const int ncols = static_cast<int>(model.objective.size());
  const int nrows = static_cast<int>(model.rows.size());
  MipSolution out;
  if (ncols == 0) {
    // Nothing to choose: feasible exactly when every row admits zero.
    out.outcome = MipSolution::Outcome::kOptimal;
    for (const auto& row : model.rows) {
      if (row.lower > 0 || row.upper < 0) out.outcome = MipSolution::Outcome::kInfeasible;
    }
    return out;
  }
  // Column-wise (compressed sparse column) copy of the rows.
  std::vector<std::vector<std::pair<int, double>>> columns(ncols);
  for (int r = 0; r < nrows; ++r) {
    for (const auto& [var, coef] : model.rows[r].terms) {
      if (var < 0 || var >= ncols) return Internal("MIP row refers to an unknown variable");
      columns[var].emplace_back(r, coef);
    }
  }
  std::vector<int> start = {0};
  std::vector<int> index;
  std::vector<double> value;
  for (const auto& col : columns) {
    for (const auto& [r, coef] : col) {
      index.push_back(r);
      value.push_back(coef);
    }
    start.push_back(static_cast<int>(index.size()));
  }
  std::vector<double> col_lb(ncols, 0), col_ub(ncols, 1), row_lb(nrows), row_ub(nrows);
  for (int r = 0; r < nrows; ++r) {
    row_lb[r] = std::isinf(model.rows[r].lower) ? -kCbcInfinity : model.rows[r].lower;
    row_ub[r] = std::isinf(model.rows[r].upper) ? kCbcInfinity : model.rows[r].upper;
  }
  std::unique_ptr<Cbc_Model, void (*)(Cbc_Model*)> cbc(Cbc_newModel(), Cbc_deleteModel);
  Cbc_loadProblem(cbc.get(), ncols, nrows, start.data(), index.data(), value.data(), col_lb.data(),
                  col_ub.data(), model.objective.data(), row_lb.data(), row_ub.data());
  for (int c = 0; c < ncols; ++c) Cbc_setInteger(cbc.get(), c);
  Cbc_setObjSense(cbc.get(), -1);  // maximise
  Cbc_setLogLevel(cbc.get(), 0);
  // CBC counts CPU seconds unless told otherwise; a limit is on the clock.
  Cbc_setParameter(cbc.get(), "timeMode", "elapsed");
  Cbc_setMaximumSeconds(cbc.get(), std::max(0.01, options.time_limit_seconds));
  if (options.threads > 1)
    Cbc_setParameter(cbc.get(), "threads", std::to_string(options.threads).c_str());
  if (options.absolute_gap > 0) Cbc_setAllowableGap(cbc.get(), options.absolute_gap);
  // Debian's CBC 2.10.8 crashes in its cut generators (libCgl) now and
  // then when given an initial solution (Cbc_setInitialSolution), and
  // rejects one given by index (Cbc_setMIPStartI, "Illegal index"); the
  // start is not passed on until that is fixed.
  // A cutoff instead: the search looks only for better solutions and
  // prunes with the known value from the start.
  if (options.cutoff) Cbc_setCutoff(cbc.get(), *options.cutoff);
  const auto began = std::chrono::steady_clock::now();
  Cbc_solve(cbc.get());
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  if (Cbc_isAbandoned(cbc.get())) return Internal("the MIP solver abandoned the problem");
  if (Cbc_isProvenInfeasible(cbc.get())) {
    out.outcome =
        options.cutoff ? MipSolution::Outcome::kNoneBetter : MipSolution::Outcome::kInfeasible;
    if (options.cutoff) out.best_bound = *options.cutoff;
    return out;
  }
  const double* solution = Cbc_getColSolution(cbc.get());
  const bool has_solution = solution != nullptr && Cbc_getObjValue(cbc.get()) > -kCbcInfinity / 2 &&
                            Cbc_status(cbc.get()) >= 0;
  if (Cbc_isProvenOptimal(cbc.get())) {
    out.outcome = MipSolution::Outcome::kOptimal;
  } else if (has_solution && Cbc_secondaryStatus(cbc.get()) != 1 && Cbc_bestSolution(cbc.get())) {
    out.outcome = MipSolution::Outcome::kFeasible;
  } else {
    out.outcome = MipSolution::Outcome::kNoSolutionInTime;
    out.best_bound = Cbc_getBestPossibleObjValue(cbc.get());
    return out;
  }
  out.values.assign(solution, solution + ncols);
  for (double& v : out.values) v = std::round(v);
  out.objective = Cbc_getObjValue(cbc.get());
  out.best_bound = Cbc_getBestPossibleObjValue(cbc.get());
  if (out.outcome == MipSolution::Outcome::kOptimal) {
    out.gap = 0;
    out.best_bound = out.objective;
  } else {
    out.gap = std::abs(out.best_bound - out.objective) / std::max(1e-9, std::abs(out.objective));
  }
  return out;
}

}  // namespace jointly
