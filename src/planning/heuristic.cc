#include "planning/heuristic.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <vector>

namespace jointly {
namespace {

constexpr double kEpsilon = 1e-6;

// The instance in dense form: candidates, inspectorates and quarters by
// index.
struct Problem {
  struct Item {
    double priority = 0;
    int duration = 1;
    std::vector<int> starts;
    std::vector<std::pair<int, double>> load;  // (inspectorate, days per quarter)
    std::vector<int> clashes;
    std::vector<int> processes;  // indexes into Problem::processes
    bool victims = false;
    bool forced = false;
    double density = 0;  // priority per unit of scarce capacity
  };
  int quarters = 0;
  int years = 0;
  int inspectorates = 0;
  std::vector<double> capacity;  // inspectorate * quarters + quarter
  std::vector<Item> items;       // forced-out candidates have no starts
  std::vector<Focus> processes;
  int min_coverage = 0;
  bool victims_required = false;
};

Problem Densify(const ProgrammeInstance& in) {
  Problem p;
  p.quarters = in.quarters;
  p.years = (in.quarters + 3) / 4;
  std::map<int64_t, int> inspectorate;
  for (const auto& [k, cap] : in.capacity) {
    inspectorate[k] = p.inspectorates++;
    p.capacity.insert(p.capacity.end(), cap.begin(), cap.end());
  }
  if (in.min_process_coverage_per_year > 0) {
    for (Focus f : kAllFocus) {
      if (IsHighLevelProcess(f)) p.processes.push_back(f);
    }
  }
  p.min_coverage = in.min_process_coverage_per_year;
  p.victims_required = !in.victim_coverage_waived;
  std::map<int64_t, int> index;
  std::vector<double> demand(p.inspectorates, 0), supply(p.inspectorates, 0);
  for (int k = 0; k < p.inspectorates; ++k) {
    for (int q = 0; q < p.quarters; ++q) supply[k] += p.capacity[k * p.quarters + q];
  }
  for (const auto& c : in.candidates) {
    Problem::Item item;
    index[c.id] = static_cast<int>(p.items.size());
    item.priority = c.priority;
    item.duration = c.duration_quarters;
    item.forced = c.decision == Decision::kForcedIn;
    if (c.decision != Decision::kForcedOut) {
      if (c.fixed_start) {
        item.starts = {*c.fixed_start};
      } else {
        for (int s = std::max(0, c.earliest_start); s + c.duration_quarters <= in.quarters; ++s)
          item.starts.push_back(s);
      }
    }
    for (const auto& [k, days] : c.effort) {
      if (days <= 0) continue;
      item.load.emplace_back(inspectorate.at(k), days / c.duration_quarters);
      demand[inspectorate.at(k)] += days;
    }
    for (size_t f = 0; f < p.processes.size(); ++f) {
      if (c.focus.count(p.processes[f])) item.processes.push_back(static_cast<int>(f));
    }
    item.victims = c.focus.count(Focus::kVictimAndWitnessExperience) > 0;
    p.items.push_back(std::move(item));
  }
  for (const auto& [a, b] : in.clashes) {
    if (a == b) continue;
    p.items[index.at(a)].clashes.push_back(index.at(b));
    p.items[index.at(b)].clashes.push_back(index.at(a));
  }
  // An inspectorate asked for more than it has weighs more: the dual price
  // of its capacity in the LP relaxation grows with its oversubscription.
  for (auto& item : p.items) {
    double size = 0;
    for (const auto& [k, per_quarter] : item.load) {
      const double pressure = supply[k] > 0 ? demand[k] / supply[k] : 1e6;
      size += per_quarter * item.duration * std::max(0.05, pressure) /
              std::max(1.0, supply[k] / p.quarters);
    }
    item.density = item.priority / (size + 1e-3);
  }
  return p;
}

// A plan being improved: starts, capacity used and coverage counts.
class State {
 public:
  explicit State(const Problem& p)
      : p_(&p),
        start_(p.items.size(), -1),
        used_(p.capacity.size(), 0),
        coverage_(p.processes.size() * p.years, 0) {}

  const Problem& problem() const { return *p_; }
  int start(int i) const { return start_[i]; }
  double value() const { return value_; }
  const std::vector<int>& starts() const { return start_; }

  bool Room(int k, int q, double days) const {
    return used_[k * p_->quarters + q] + days <= p_->capacity[k * p_->quarters + q] + kEpsilon;
  }

  bool Fits(int i, int s) const {
    const auto& item = p_->items[i];
    for (const auto& [k, per_quarter] : item.load) {
      const double* cap = &p_->capacity[k * p_->quarters];
      const double* used = &used_[k * p_->quarters];
      for (int q = s; q < s + item.duration; ++q) {
        if (used[q] + per_quarter > cap[q] + kEpsilon) return false;
      }
    }
    for (int j : item.clashes) {
      const int sj = start_[j];
      if (sj >= 0 && sj < s + item.duration && s < sj + p_->items[j].duration) return false;
    }
    return true;
  }

  void Place(int i, int s) {
    const auto& item = p_->items[i];
    start_[i] = s;
    value_ += item.priority;
    Apply(i, s, 1);
  }
  void Remove(int i) {
    Apply(i, start_[i], -1);
    value_ -= p_->items[i].priority;
    start_[i] = -1;
  }

  // Whether i may leave its start (to be removed, or moved to `to`)
  // without breaking the balance of the programme.
  bool MayLeave(int i, int to = -1) const {
    const auto& item = p_->items[i];
    if (item.forced && to < 0) return false;
    if (item.victims && p_->victims_required && to < 0 && victims_ <= 1) return false;
    for (int f : item.processes) {
      for (int y = 0; y < p_->years; ++y) {
        if (Covers(i, start_[i], y) && !(to >= 0 && Covers(i, to, y)) &&
            coverage_[f * p_->years + y] <= p_->min_coverage) {
          return false;
        }
      }
    }
    return true;
  }

  bool Covers(int i, int s, int year) const {
    return s < (year + 1) * 4 && s + p_->items[i].duration > year * 4;
  }

  // The first (process, year) short of its coverage, or -1.
  int Shortfall() const {
    for (size_t n = 0; n < coverage_.size(); ++n) {
      if (coverage_[n] < p_->min_coverage) return static_cast<int>(n);
    }
    return -1;
  }
  bool VictimsShort() const { return p_->victims_required && victims_ == 0; }

 private:
  void Apply(int i, int s, int sign) {
    const auto& item = p_->items[i];
    for (const auto& [k, per_quarter] : item.load) {
      for (int q = s; q < s + item.duration; ++q) used_[k * p_->quarters + q] += sign * per_quarter;
    }
    for (int f : item.processes) {
      for (int y = 0; y < p_->years; ++y) {
        if (Covers(i, s, y)) coverage_[f * p_->years + y] += sign;
      }
    }
    if (item.victims) victims_ += sign;
  }

  const Problem* p_;
  std::vector<int> start_;
  std::vector<double> used_;
  std::vector<int> coverage_;
  int victims_ = 0;
  double value_ = 0;
};

// Forced proposals (fewest starts first), then whatever R5 still needs.
bool PlaceRequired(State& st) {
  const Problem& p = st.problem();
  std::vector<int> forced;
  for (size_t i = 0; i < p.items.size(); ++i) {
    if (p.items[i].forced) forced.push_back(static_cast<int>(i));
  }
  std::stable_sort(forced.begin(), forced.end(), [&](int a, int b) {
    return p.items[a].starts.size() < p.items[b].starts.size();
  });
  for (int i : forced) {
    bool placed = false;
    for (int s : p.items[i].starts) {
      if (st.Fits(i, s)) {
        st.Place(i, s);
        placed = true;
        break;
      }
    }
    if (!placed) return false;
  }
  // Coverage: the best-priority proposal that covers what is short and fits.
  for (int guard = 0; guard < 1000; ++guard) {
    const int short_of = st.Shortfall();
    const bool victims = short_of < 0 && st.VictimsShort();
    if (short_of < 0 && !victims) return true;
    const int f = short_of < 0 ? -1 : short_of / p.years;
    const int y = short_of < 0 ? -1 : short_of % p.years;
    int best = -1, best_start = -1;
    for (size_t i = 0; i < p.items.size(); ++i) {
      const auto& item = p.items[i];
      if (st.start(static_cast<int>(i)) >= 0) continue;
      if (victims ? !item.victims
                  : std::find(item.processes.begin(), item.processes.end(), f) ==
                        item.processes.end()) {
        continue;
      }
      if (best >= 0 && item.priority <= p.items[best].priority) continue;
      for (int s : item.starts) {
        if ((victims || st.Covers(static_cast<int>(i), s, y)) && st.Fits(static_cast<int>(i), s)) {
          best = static_cast<int>(i);
          best_start = s;
          break;
        }
      }
    }
    if (best < 0) return false;
    st.Place(best, best_start);
  }
  return false;
}

// Each proposal in `order` worth taking, at its earliest start that fits.
void Fill(State& st, const std::vector<int>& order) {
  const Problem& p = st.problem();
  for (int i : order) {
    if (st.start(i) >= 0 || p.items[i].priority <= 0) continue;
    for (int s : p.items[i].starts) {
      if (st.Fits(i, s)) {
        st.Place(i, s);
        break;
      }
    }
  }
}

// Drop and refill around one proposal not in the plan: it takes a random
// start, what stands in its way leaves (lowest density first), then every
// proposal that fits comes back in density order. Undone unless the plan
// is worth at least as much.
class Improver {
 public:
  Improver(State& st, const std::vector<int>& order, uint32_t seed)
      : st_(st), order_(order), rng_(seed) {
    for (int i : order_) {
      if (!st_.problem().items[i].starts.empty() && st_.problem().items[i].priority > 0)
        open_.push_back(i);
    }
  }

  // A worse plan is kept when within `tolerance` of the one before
  // (threshold accepting), so the search can cross small valleys.
  bool Step(double tolerance) {
    const Problem& p = st_.problem();
    if (open_.empty()) return false;
    const int u = open_[rng_() % open_.size()];
    if (st_.start(u) >= 0) return Shift(u);
    const auto& item = p.items[u];
    const int s = item.starts[rng_() % item.starts.size()];
    const double before = st_.value();
    undo_.clear();
    // Whatever uses an inspectorate in a quarter where u at s does not fit,
    // or clashes with it there.
    std::vector<int> blocking;
    std::vector<std::pair<int, int>> short_of;  // (inspectorate, quarter)
    for (const auto& [k, per_quarter] : item.load) {
      for (int q = s; q < s + item.duration; ++q) {
        if (!st_.Room(k, q, per_quarter)) short_of.emplace_back(k, q);
      }
    }
    for (size_t j = 0; j < p.items.size(); ++j) {
      const int sj = st_.start(static_cast<int>(j));
      if (sj < 0) continue;
      const auto& other = p.items[j];
      if (!(sj < s + item.duration && s < sj + other.duration)) continue;
      bool blocks = std::find(item.clashes.begin(), item.clashes.end(), static_cast<int>(j)) !=
                    item.clashes.end();
      for (const auto& [k, q] : short_of) {
        if (blocks || q < sj || q >= sj + other.duration) continue;
        for (const auto& load : other.load) blocks = blocks || load.first == k;
      }
      if (blocks) blocking.push_back(static_cast<int>(j));
    }
    std::shuffle(blocking.begin(), blocking.end(), rng_);
    std::stable_sort(blocking.begin(), blocking.end(),
                     [&](int a, int b) { return p.items[a].density < p.items[b].density; });
    for (int j : blocking) {
      if (st_.Fits(u, s)) break;
      if (!st_.MayLeave(j)) continue;
      undo_.emplace_back(j, st_.start(j));
      st_.Remove(j);
    }
    if (!st_.Fits(u, s)) return Undo();
    undo_.emplace_back(u, -1);
    st_.Place(u, s);
    // Refill: skip a few at random so the search does not repeat itself.
    for (int i : order_) {
      if (st_.start(i) >= 0 || p.items[i].priority <= 0 || p.items[i].starts.empty()) continue;
      if (rng_() % 8 == 0) continue;
      for (int t : p.items[i].starts) {
        if (st_.Fits(i, t)) {
          undo_.emplace_back(i, -1);
          st_.Place(i, t);
          break;
        }
      }
    }
    if (st_.value() + kEpsilon + tolerance < before) return Undo();
    return true;
  }

 private:
  // Move a chosen proposal to another start where it fits (a sideways
  // step that makes room elsewhere).
  bool Shift(int u) {
    const auto& item = st_.problem().items[u];
    if (item.starts.size() < 2) return false;
    const int from = st_.start(u);
    const int to = item.starts[rng_() % item.starts.size()];
    if (to == from || !st_.MayLeave(u, to)) return false;
    st_.Remove(u);
    if (st_.Fits(u, to)) {
      st_.Place(u, to);
      return true;
    }
    st_.Place(u, from);
    return false;
  }

  bool Undo() {
    for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
      const auto [i, previous] = *it;
      if (st_.start(i) >= 0) st_.Remove(i);
      if (previous >= 0) st_.Place(i, previous);
    }
    undo_.clear();
    return false;
  }

  State& st_;
  const std::vector<int>& order_;
  std::mt19937 rng_;
  std::vector<int> open_;
  std::vector<std::pair<int, int>> undo_;  // (item, start before; -1 if not chosen)
};

// Every chosen proposal at its earliest start that keeps all the rules,
// highest priority first, trading starts with a later, lower-priority
// proposal where that is what it takes, until nothing moves.
void StartEarly(State& st) {
  const Problem& p = st.problem();
  std::vector<int> chosen;
  for (size_t i = 0; i < p.items.size(); ++i) {
    if (st.start(static_cast<int>(i)) >= 0) chosen.push_back(static_cast<int>(i));
  }
  std::stable_sort(chosen.begin(), chosen.end(),
                   [&](int a, int b) { return p.items[a].priority > p.items[b].priority; });
  auto earlier = [&](int i) {
    const int from = st.start(i);
    for (int s : p.items[i].starts) {
      if (s >= from) break;
      if (!st.MayLeave(i, s)) continue;
      st.Remove(i);
      if (st.Fits(i, s)) {
        st.Place(i, s);
        return true;
      }
      st.Place(i, from);
    }
    return false;
  };
  auto trade = [&](int i, int j) {  // i takes j's earlier start, j takes i's
    const int si = st.start(i), sj = st.start(j);
    const auto& starts_i = p.items[i].starts;
    const auto& starts_j = p.items[j].starts;
    if (std::find(starts_i.begin(), starts_i.end(), sj) == starts_i.end() ||
        std::find(starts_j.begin(), starts_j.end(), si) == starts_j.end() || !st.MayLeave(i, sj) ||
        !st.MayLeave(j, si)) {
      return false;
    }
    st.Remove(i);
    st.Remove(j);
    if (st.Fits(i, sj)) {
      st.Place(i, sj);
      if (st.Fits(j, si)) {
        st.Place(j, si);
        if (st.Shortfall() < 0 && !st.VictimsShort()) return true;
        st.Remove(j);
      }
      st.Remove(i);
    }
    st.Place(i, si);
    st.Place(j, sj);
    return false;
  };
  for (int rounds = 0; rounds < 100; ++rounds) {
    bool moved = false;
    for (size_t a = 0; a < chosen.size(); ++a) {
      const int i = chosen[a];
      if (earlier(i)) moved = true;
      // Trading is quadratic: only where a person reads every start.
      for (size_t b = a + 1; b < chosen.size() && chosen.size() <= 400; ++b) {
        const int j = chosen[b];
        if (p.items[j].priority < p.items[i].priority && st.start(j) < st.start(i) && trade(i, j)) {
          moved = true;
        }
      }
    }
    if (!moved) break;
  }
}

// `chosen` (the greedy choice, or a plan to resume from) as a state, when
// it keeps every rule.
std::optional<State> FromPlan(const ProgrammeInstance& in, const Problem& p,
                              const std::vector<ScheduledItem>& chosen) {
  std::map<int64_t, int> index;
  for (size_t i = 0; i < in.candidates.size(); ++i)
    index[in.candidates[i].id] = static_cast<int>(i);
  State st(p);
  for (const auto& item : chosen) {
    auto at = index.find(item.id);
    if (at == index.end() || st.start(at->second) >= 0) return std::nullopt;
    const auto& starts = p.items[at->second].starts;
    if (std::find(starts.begin(), starts.end(), item.start) == starts.end() ||
        !st.Fits(at->second, item.start)) {
      return std::nullopt;
    }
    st.Place(at->second, item.start);
  }
  for (size_t i = 0; i < p.items.size(); ++i) {
    if (p.items[i].forced && st.start(static_cast<int>(i)) < 0) return std::nullopt;
  }
  if (st.Shortfall() >= 0 || st.VictimsShort()) return std::nullopt;
  return st;
}

}  // namespace

std::optional<ProgrammeSchedule> HeuristicProgramme(const ProgrammeInstance& in,
                                                    const HeuristicOptions& options) {
  const Problem p = Densify(in);
  std::vector<int> by_priority(p.items.size()), by_density(p.items.size());
  for (size_t i = 0; i < p.items.size(); ++i) by_priority[i] = by_density[i] = static_cast<int>(i);
  std::stable_sort(by_priority.begin(), by_priority.end(),
                   [&](int a, int b) { return p.items[a].priority > p.items[b].priority; });
  std::stable_sort(by_density.begin(), by_density.end(),
                   [&](int a, int b) { return p.items[a].density > p.items[b].density; });

  std::optional<State> best;
  State required(p);
  if (PlaceRequired(required)) {
    for (const auto* order : {&by_density, &by_priority}) {
      State st = required;
      Fill(st, *order);
      if (!best || st.value() > best->value()) best = st;
    }
  }
  for (const auto& plan : {GreedyProgramme(in).chosen, options.initial}) {
    if (plan.empty()) continue;
    if (auto st = FromPlan(in, p, plan); st && (!best || st->value() > best->value())) best = st;
  }
  if (!best) return std::nullopt;

  State st = *best;
  Improver improver(st, by_density, options.seed);
  // The tolerance for worse plans: a small share of a typical priority,
  // shrinking over rounds of steps and starting again from the best plan.
  double typical = 0;
  for (const auto& item : p.items) typical += std::abs(item.priority);
  typical /= std::max<size_t>(1, p.items.size());
  // No plan is worth more than every proposal that can run with a
  // positive priority, and every forced one: reaching that ends the search.
  double ceiling = 0;
  for (const auto& item : p.items) {
    if (item.forced || (!item.starts.empty() && item.priority > 0)) ceiling += item.priority;
  }
  const int64_t round = 20000;
  for (int64_t step = 0; step < options.max_steps; ++step) {
    if (options.stop && step % 16 == 0 && options.stop()) break;
    if (best->value() >= ceiling - kEpsilon) break;
    const int64_t in_round = step % round;
    if (in_round == 0 && step > 0) st = *best;
    improver.Step(0.5 * typical * (1.0 - static_cast<double>(in_round) / round));
    if (st.value() > best->value() + kEpsilon) best = st;
  }
  StartEarly(*best);
  std::vector<ScheduledItem> chosen;
  for (size_t i = 0; i < p.items.size(); ++i) {
    if (best->start(static_cast<int>(i)) >= 0)
      chosen.push_back({in.candidates[i].id, best->start(static_cast<int>(i))});
  }
  return SummariseSchedule(in, std::move(chosen));
}

ProgrammeSchedule MoveStartsEarlier(const ProgrammeInstance& in,
                                    const ProgrammeSchedule& schedule) {
  const Problem p = Densify(in);
  std::map<int64_t, int> index;
  for (size_t i = 0; i < in.candidates.size(); ++i)
    index[in.candidates[i].id] = static_cast<int>(i);
  State st(p);
  for (const auto& item : schedule.chosen) st.Place(index.at(item.id), item.start);
  StartEarly(st);
  ProgrammeSchedule out = schedule;
  for (auto& item : out.chosen) item.start = st.start(index.at(item.id));
  const ProgrammeSchedule moved = SummariseSchedule(in, out.chosen);
  out.chosen = moved.chosen;
  out.used = moved.used;
  return out;
}

}  // namespace jointly
