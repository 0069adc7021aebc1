#include "planning/bound.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <vector>

// Why the answer is a bound. Write x[i][s] = 1 when proposal i starts in
// quarter s. Any plan keeping the capacities has each proposal at most
// once and, for every inspectorate k, sum over i, s covering q of
// load[i][k] x[i][s] <= capacity[k][q]. Give each inspectorate k a copy
// x^k of the choice and split each priority as p[i] = sum over k of
// w[i][s][k] (any real weights; a proposal no inspectorate works on keeps
// its priority whole). Then for a plan x,
//   sum p[i] x[i][s] = sum over k of (sum w[i][s][k] x[i][s])
//                   <= sum over k of z_k(w),
// where z_k(w) is the most inspectorate k's problem alone is worth: its
// own capacity only, each of its proposals at most once, weights w[.][.][k]
// (x itself is one of that problem's choices). The weights start in
// proportion to each inspectorate's share of the effort. Each z_k is found exactly
// by depth-first search, or replaced by an upper bound on it when the
// search is cut short, so every sum computed is at least the best plan's
// value; the smallest over all the weights tried is the answer. The
// weights move by subgradient steps towards agreement of the copies.
// Starts that cannot fit on their own (more load than some quarter has)
// are left out first: no plan uses them.

namespace jointly {
namespace {

constexpr double kEpsilon = 1e-6;  // as the model and the checker

// One proposal as one inspectorate sees it.
struct Copy {
  int item = 0;
  double load = 0;             // inspector-days per quarter
  double effort = 0;           // in all
  std::vector<double> weight;  // per start of the item
  int chosen = -1;             // start index in the last answer, or -1
  double best_weight = 0;
};

struct Item {
  int duration = 1;
  std::vector<int> starts;
  std::vector<std::pair<int, int>> copies;  // (inspectorate, copy index)
};

// One inspectorate's problem: its proposals, each at most once at one of
// its starts, within its capacity per quarter; the most it can be worth.
class Subproblem {
 public:
  Subproblem(std::vector<double> capacity, const std::vector<Item>& items, int64_t max_nodes)
      : capacity_(std::move(capacity)),
        used_(capacity_.size(), 0),
        items_(&items),
        max_nodes_(max_nodes) {}

  std::vector<Copy>& copies() { return copies_; }

  // The most the copies are worth at their weights (exact, or an upper
  // bound when the search ran out of nodes); each copy's `chosen` is the
  // best choice found.
  double Solve() {
    for (auto& c : copies_) {
      c.best_weight = 0;
      for (double w : c.weight) c.best_weight = std::max(c.best_weight, w);
    }
    order_.clear();
    for (size_t n = 0; n < copies_.size(); ++n) {
      if (copies_[n].best_weight > 0) order_.push_back(static_cast<int>(n));
    }
    std::sort(order_.begin(), order_.end(), [&](int a, int b) {
      return copies_[a].best_weight * copies_[b].effort >
             copies_[b].best_weight * copies_[a].effort;
    });
    std::fill(used_.begin(), used_.end(), 0);
    current_.assign(copies_.size(), -1);
    // The last answer, less what now weighs nothing, is where to start:
    // it still fits and prunes much of the search at once.
    best_choice_ = current_;
    best_ = 0;
    for (size_t n = 0; n < copies_.size(); ++n) {
      const int s = copies_[n].chosen;
      if (s >= 0 && copies_[n].weight[s] > 0) {
        best_choice_[n] = s;
        best_ += copies_[n].weight[s];
      }
    }
    cut_short_ = 0;
    nodes_ = 0;
    Search(0, 0);
    for (size_t n = 0; n < copies_.size(); ++n) copies_[n].chosen = best_choice_[n];
    return std::max(best_, cut_short_);
  }

 private:
  // What the copies from position t of the order can add at most: each
  // quarter taken as a fractional knapsack of every copy that might run in
  // it, worth its best weight over its duration per quarter it covers (a
  // chosen copy covers exactly `duration` quarters).
  double Remaining(size_t t) const {
    const int quarters = static_cast<int>(capacity_.size());
    double room[16];
    int open = 0;
    for (int q = 0; q < quarters; ++q) {
      room[q] = std::max(0.0, capacity_[q] + kEpsilon - used_[q]);
      if (room[q] > 0) ++open;
    }
    // The same with every quarter's room pooled: each copy counted once.
    double pooled = 0, pool = 0;
    for (int q = 0; q < quarters; ++q) pool += room[q];
    for (size_t u = t; u < order_.size() && pool > 0; ++u) {
      const Copy& c = copies_[order_[u]];
      pooled += c.best_weight * std::min(1.0, pool / c.effort);
      pool -= c.effort;
    }
    double total = 0;
    for (; t < order_.size() && open > 0 && total < pooled; ++t) {
      const Copy& c = copies_[order_[t]];
      const Item& item = (*items_)[c.item];
      const int first = item.starts.front(), last = item.starts.back() + item.duration;
      const double per_quarter = c.best_weight / item.duration;
      for (int q = first; q < last; ++q) {
        if (room[q] <= 0) continue;
        if (c.load <= room[q]) {
          total += per_quarter;
          room[q] -= c.load;
        } else {
          total += per_quarter * room[q] / c.load;
          room[q] = 0;
        }
        if (room[q] <= 0) --open;
      }
    }
    return std::min(total, pooled);
  }

  bool Fits(const Copy& c, int start, int duration) const {
    for (int q = start; q < start + duration; ++q) {
      if (used_[q] + c.load > capacity_[q] + kEpsilon) return false;
    }
    return true;
  }

  void Search(size_t t, double value) {
    if (value > best_) {
      best_ = value;
      best_choice_ = current_;
    }
    if (t >= order_.size()) return;
    const double bound = value + Remaining(t);
    if (bound <= best_ + 1e-12) return;
    if (++nodes_ > max_nodes_) {
      cut_short_ = std::max(cut_short_, bound);
      return;
    }
    const int n = order_[t];
    Copy& c = copies_[n];
    const Item& item = (*items_)[c.item];
    int tried[16];
    int count = 0;
    for (size_t s = 0; s < item.starts.size(); ++s) {
      if (c.weight[s] > 0) tried[count++] = static_cast<int>(s);
    }
    std::sort(tried, tried + count, [&](int a, int b) { return c.weight[a] > c.weight[b]; });
    for (int k = 0; k < count; ++k) {
      const int s = tried[k];
      const int start = item.starts[s];
      if (!Fits(c, start, item.duration)) continue;
      for (int q = start; q < start + item.duration; ++q) used_[q] += c.load;
      current_[n] = s;
      Search(t + 1, value + c.weight[s]);
      current_[n] = -1;
      for (int q = start; q < start + item.duration; ++q) used_[q] -= c.load;
    }
    Search(t + 1, value);
  }

  std::vector<double> capacity_;
  std::vector<double> used_;
  const std::vector<Item>* items_;
  int64_t max_nodes_;
  std::vector<Copy> copies_;
  std::vector<int> order_;
  std::vector<int> current_, best_choice_;
  double best_ = 0, cut_short_ = 0;
  int64_t nodes_ = 0;
};

}  // namespace

double DecompositionBound(const ProgrammeInstance& in, double best_known,
                          const BoundOptions& options) {
  constexpr double kNoBound = std::numeric_limits<double>::infinity();
  if (in.quarters < 1 || in.quarters > 16) return kNoBound;
  std::map<int64_t, int> index;
  for (const auto& [k, cap] : in.capacity) {
    if (static_cast<int>(cap.size()) != in.quarters) return kNoBound;
    index.emplace(k, static_cast<int>(index.size()));
  }
  std::vector<std::vector<Copy>> copies(index.size());
  std::vector<Item> items;
  double free_value = 0;  // proposals no inspectorate works on
  double scale = 1;
  for (const Candidate& c : in.candidates) {
    scale += std::abs(c.priority);
    if (c.decision == Decision::kForcedOut) continue;
    Item item;
    item.duration = c.duration_quarters;
    const int from = c.fixed_start ? *c.fixed_start : std::max(0, c.earliest_start);
    const int to = c.fixed_start ? *c.fixed_start : in.quarters - c.duration_quarters;
    for (int s = from; s <= to; ++s) {
      bool fits = s >= 0 && s + c.duration_quarters <= in.quarters;
      for (const auto& [k, days] : c.effort) {
        if (!index.count(k)) return kNoBound;
        for (int q = s; q < s + c.duration_quarters && fits && days > 0; ++q)
          fits = days / c.duration_quarters <= in.capacity.at(k)[q] + kEpsilon;
      }
      if (fits) item.starts.push_back(s);
    }
    if (item.starts.empty()) continue;
    std::vector<std::pair<int, double>> loads;
    for (const auto& [k, days] : c.effort) {
      if (days > 0) loads.emplace_back(index.at(k), days);
    }
    if (loads.empty()) {
      free_value += std::max(0.0, c.priority);
      continue;
    }
    const int i = static_cast<int>(items.size());
    double all_days = 0;
    for (const auto& load : loads) all_days += load.second;
    for (const auto& [k, days] : loads) {
      Copy copy;
      copy.item = i;
      copy.effort = days;
      copy.load = days / c.duration_quarters;
      copy.weight.assign(item.starts.size(), c.priority * days / all_days);
      item.copies.emplace_back(k, static_cast<int>(copies[k].size()));
      copies[k].push_back(std::move(copy));
    }
    items.push_back(std::move(item));
  }
  for (const auto& own : copies) {
    if (static_cast<int>(own.size()) > options.max_copies) return kNoBound;
  }
  // The subproblems read `items` through a pointer: it is complete now.
  std::vector<Subproblem> solvers;
  for (const auto& [k, cap] : in.capacity) {
    solvers.emplace_back(cap, items, options.max_nodes);
    solvers.back().copies() = std::move(copies[index.at(k)]);
  }
  double best = kNoBound, step = 2;
  int since_better = 0;
  for (int it = 0; it < options.max_iterations; ++it) {
    if (options.stop && options.stop()) break;
    double z = free_value;
    for (auto& s : solvers) z += s.Solve();
    if (z < best - 1e-9) {
      best = z;
      since_better = 0;
    } else if (++since_better >= 5) {
      step /= 2;
      since_better = 0;
    }
    if (best <= best_known + kEpsilon || step < 1e-4) break;
    // The subgradient: each copy's choice against the copies' average.
    double norm = 0;
    std::vector<std::vector<double>> mean(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      mean[i].assign(items[i].starts.size(), 0);
      for (const auto& [k, n] : items[i].copies) {
        const int chosen = solvers[k].copies()[n].chosen;
        if (chosen >= 0) mean[i][chosen] += 1.0 / static_cast<double>(items[i].copies.size());
      }
      for (const auto& [k, n] : items[i].copies) {
        const int chosen = solvers[k].copies()[n].chosen;
        for (size_t s = 0; s < mean[i].size(); ++s) {
          const double g = (chosen == static_cast<int>(s) ? 1.0 : 0.0) - mean[i][s];
          norm += g * g;
        }
      }
    }
    if (norm < 1e-12) break;  // the copies agree: that choice is the relaxation's best
    const double t = step * std::max(z - best_known, 1e-6 * scale) / norm;
    for (size_t i = 0; i < items.size(); ++i) {
      for (const auto& [k, n] : items[i].copies) {
        Copy& copy = solvers[k].copies()[n];
        for (size_t s = 0; s < mean[i].size(); ++s)
          copy.weight[s] -= t * ((copy.chosen == static_cast<int>(s) ? 1.0 : 0.0) - mean[i][s]);
      }
    }
  }
  // Rounding in the sums above is far below this margin.
  return best + 1e-9 * scale;
}

}  // namespace jointly
