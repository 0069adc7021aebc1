// A MipSolver with scripted answers that records every model it is asked to
// solve, so tests of the optimiser's callers run without CBC and can check
// what was asked of the solver. Thread-safe: the optimiser worker calls it
// on its own thread while the test reads calls().
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include "planning/solver.h"

namespace jointly {

class FakeSolver final : public MipSolver {
 public:
  using Answer = std::function<StatusOr<MipSolution>(const MipModel&)>;

  struct Call {
    MipModel model;
    double time_limit_seconds = 0;
  };

  // Proven optimal with every variable 0: nothing is chosen.
  static Answer NothingChosen() {
    return [](const MipModel& model) -> StatusOr<MipSolution> {
      MipSolution s;
      s.outcome = MipSolution::Outcome::kOptimal;
      s.values.assign(model.objective.size(), 0.0);
      return s;
    };
  }
  // The same `status` (an error) for every model.
  static Answer Fails(Status status) {
    return [status](const MipModel&) -> StatusOr<MipSolution> { return status; };
  }

  // Every later Solve answers with `answer`; until then, NothingChosen().
  void AnswerWith(Answer answer) {
    std::lock_guard lock(mu_);
    answer_ = std::move(answer);
  }

  StatusOr<MipSolution> Solve(const MipModel& model, double time_limit_seconds) override {
    Answer answer;
    {
      std::lock_guard lock(mu_);
      calls_.push_back({model, time_limit_seconds});
      answer = answer_;
    }
    called_.notify_all();
    return answer(model);
  }

  std::vector<Call> calls() const {
    std::lock_guard lock(mu_);
    return calls_;
  }

  // Waits until Solve has been called `n` times in all; false if that has
  // not happened within `limit` (a hung test fails instead of waiting for
  // ever).
  bool WaitForCalls(size_t n, std::chrono::seconds limit = std::chrono::seconds(60)) {
    std::unique_lock lock(mu_);
    return called_.wait_for(lock, limit, [&] { return calls_.size() >= n; });
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable called_;
  Answer answer_ = NothingChosen();
  std::vector<Call> calls_;
};

}  // namespace jointly
