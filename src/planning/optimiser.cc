#include "planning/optimiser.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>

#include "planning/bound.h"
#include "planning/heuristic.h"

namespace jointly {
namespace {

constexpr double kEpsilon = 1e-6;

bool Covers(int start, int duration, int quarter) {
  return start <= quarter && quarter < start + duration;
}

// The starts a candidate may take.
std::vector<int> Starts(const Candidate& c, int quarters) {
  if (c.fixed_start) return {*c.fixed_start};
  std::vector<int> out;
  for (int s = std::max(0, c.earliest_start); s + c.duration_quarters <= quarters; ++s)
    out.push_back(s);
  return out;
}

Status ValidateInstance(const ProgrammeInstance& in) {
  Validation v;
  if (in.quarters < 1 || in.quarters > 16)
    v.Add("quarters", "range", "The horizon is 1 to 16 quarters");
  std::set<int64_t> ids;
  for (const auto& [k, cap] : in.capacity) {
    if (static_cast<int>(cap.size()) != in.quarters) {
      v.Add("capacity[" + std::to_string(k) + "]", "count",
            "Give capacity for each of the " + std::to_string(in.quarters) + " quarters");
    }
    for (double c : cap) {
      if (!std::isfinite(c) || c < 0) {
        v.Add("capacity[" + std::to_string(k) + "]", "range", "Capacity cannot be negative");
        break;
      }
    }
  }
  for (const auto& c : in.candidates) {
    const std::string where = "candidate " + std::to_string(c.id) + " (" + c.title + ")";
    if (!ids.insert(c.id).second) v.Add(where, "unique", "Each proposal may appear once");
    if (c.duration_quarters < 1 || c.duration_quarters > in.quarters) {
      v.Add(where + ": duration_quarters", "range", "Duration must fit within the horizon");
    }
    if (!std::isfinite(c.priority))
      v.Add(where + ": priority", "range", "Priority must be a number");
    if (c.fixed_start &&
        (*c.fixed_start < 0 || *c.fixed_start + c.duration_quarters > in.quarters)) {
      v.Add(where + ": fixed_start", "R6", "Work in progress must fit within the horizon");
    }
    for (const auto& [k, days] : c.effort) {
      if (!in.capacity.count(k)) {
        v.Add(where + ": effort", "capacity-missing",
              "No capacity is recorded for inspectorate " + std::to_string(k));
      }
      if (!std::isfinite(days) || days < 0)
        v.Add(where + ": effort", "range", "Effort cannot be negative");
    }
  }
  for (const auto& [a, b] : in.clashes) {
    if (!ids.count(a) || !ids.count(b))
      v.Add("clashes", "unknown-proposal", "A clash names an unknown proposal");
  }
  return v.Finish("The programme cannot be optimised as given");
}

struct BuiltModel {
  MipModel mip;
  // variable -> (candidate index, start)
  std::vector<std::pair<size_t, int>> var;
};

// How much starting candidate `c` in quarter `s` costs in the second,
// lexicographic phase: later is dearer, and more so for higher priorities.
double StartCost(const Candidate& c, int s) { return s * (1 + std::abs(c.priority)); }

// What the model maximises: total priority (the first phase), or minus
// the start costs of a chosen set that is fixed (the second).
enum class Aim { kPriority, kEarlyStarts };

BuiltModel Build(const ProgrammeInstance& in, bool balance, Aim aim = Aim::kPriority) {
  BuiltModel b;
  std::vector<std::vector<int>> vars_of(in.candidates.size());
  for (size_t i = 0; i < in.candidates.size(); ++i) {
    const Candidate& c = in.candidates[i];
    if (c.decision == Decision::kForcedOut) continue;
    for (int s : Starts(c, in.quarters)) {
      const int v = b.mip.AddVariable(aim == Aim::kPriority ? c.priority : -StartCost(c, s));
      b.var.emplace_back(i, s);
      vars_of[i].push_back(v);
    }
  }
  // Each candidate runs at most once; forced ones exactly once.
  for (size_t i = 0; i < in.candidates.size(); ++i) {
    const Candidate& c = in.candidates[i];
    if (c.decision == Decision::kForcedOut) continue;
    MipModel::Row row;
    for (int v : vars_of[i]) row.terms.emplace_back(v, 1);
    row.upper = 1;
    if (c.decision == Decision::kForcedIn) row.lower = 1;
    b.mip.rows.push_back(row);
  }
  // Capacity of each inspectorate in each quarter.
  for (const auto& [k, cap] : in.capacity) {
    for (int q = 0; q < in.quarters; ++q) {
      MipModel::Row row;
      for (size_t v = 0; v < b.var.size(); ++v) {
        const Candidate& c = in.candidates[b.var[v].first];
        auto e = c.effort.find(k);
        if (e == c.effort.end() || e->second <= 0 ||
            !Covers(b.var[v].second, c.duration_quarters, q))
          continue;
        row.terms.emplace_back(static_cast<int>(v), e->second / c.duration_quarters);
      }
      if (row.terms.empty()) continue;
      row.upper = cap[q] + kEpsilon;
      b.mip.rows.push_back(row);
    }
  }
  // Clashing proposals never share a quarter.
  std::map<int64_t, size_t> index;
  for (size_t i = 0; i < in.candidates.size(); ++i) index[in.candidates[i].id] = i;
  for (const auto& [a, bb] : in.clashes) {
    for (int q = 0; q < in.quarters; ++q) {
      MipModel::Row row;
      for (size_t v = 0; v < b.var.size(); ++v) {
        const size_t i = b.var[v].first;
        if (i != index[a] && i != index[bb]) continue;
        if (Covers(b.var[v].second, in.candidates[i].duration_quarters, q))
          row.terms.emplace_back(static_cast<int>(v), 1);
      }
      if (row.terms.size() < 2) continue;
      row.upper = 1;
      b.mip.rows.push_back(row);
    }
  }
  if (!balance) return b;
  // R5: each high-level process covered in each year.
  if (in.min_process_coverage_per_year > 0) {
    for (Focus f : kAllFocus) {
      if (!IsHighLevelProcess(f)) continue;
      for (int year = 0; year * 4 < in.quarters; ++year) {
        MipModel::Row row;
        for (size_t v = 0; v < b.var.size(); ++v) {
          const Candidate& c = in.candidates[b.var[v].first];
          if (!c.focus.count(f)) continue;
          const int s = b.var[v].second;
          if (s < (year + 1) * 4 && s + c.duration_quarters > year * 4)
            row.terms.emplace_back(static_cast<int>(v), 1);
        }
        row.lower = in.min_process_coverage_per_year;
        b.mip.rows.push_back(row);
      }
    }
  }
  // R5: victim and witness experience is always considered.
  if (!in.victim_coverage_waived) {
    MipModel::Row row;
    for (size_t v = 0; v < b.var.size(); ++v) {
      if (in.candidates[b.var[v].first].focus.count(Focus::kVictimAndWitnessExperience)) {
        row.terms.emplace_back(static_cast<int>(v), 1);
      }
    }
    row.lower = 1;
    b.mip.rows.push_back(row);
  }
  return b;
}

// How far short of the solver's bound a plan may be and still be called
// optimal: a ten-millionth of the total priority at stake, far below any
// difference in priority people can see.
double ProofTolerance(const ProgrammeInstance& in) {
  double total = 0;
  for (const auto& c : in.candidates) total += std::abs(c.priority);
  return 1e-6 + 1e-7 * total;
}

// Every proposal that can run with a positive priority, and every forced
// one: no plan is worth more.
double Ceiling(const ProgrammeInstance& in) {
  double total = 0;
  for (const auto& c : in.candidates) {
    if (c.decision == Decision::kForcedIn ||
        (c.decision == Decision::kOpen && c.priority > 0 && !Starts(c, in.quarters).empty()))
      total += c.priority;
  }
  return total;
}

double TotalStartCost(const ProgrammeInstance& in, const ProgrammeSchedule& plan) {
  std::map<int64_t, const Candidate*> by_id;
  for (const auto& c : in.candidates) by_id[c.id] = &c;
  double cost = 0;
  for (const auto& item : plan.chosen) cost += StartCost(*by_id.at(item.id), item.start);
  return cost;
}

// The plan as a value for each variable of the model.
std::vector<double> Values(const ProgrammeInstance& in, const BuiltModel& model,
                           const ProgrammeSchedule& plan) {
  std::map<std::pair<int64_t, int>, bool> chosen;
  for (const auto& item : plan.chosen) chosen[{item.id, item.start}] = true;
  std::vector<double> values(model.var.size(), 0);
  for (size_t v = 0; v < model.var.size(); ++v) {
    if (chosen.count({in.candidates[model.var[v].first].id, model.var[v].second})) values[v] = 1;
  }
  return values;
}

ProgrammeSchedule Summarise(const ProgrammeInstance& in, std::vector<ScheduledItem> chosen) {
  ProgrammeSchedule s;
  std::sort(chosen.begin(), chosen.end(), [](const auto& a, const auto& b) {
    return a.start != b.start ? a.start < b.start : a.id < b.id;
  });
  s.chosen = std::move(chosen);
  for (const auto& [k, cap] : in.capacity) s.used[k] = std::vector<double>(in.quarters, 0);
  for (const auto& item : s.chosen) {
    for (const auto& c : in.candidates) {
      if (c.id != item.id) continue;
      s.total_priority += c.priority;
      for (const auto& [k, days] : c.effort) {
        for (int q = item.start; q < item.start + c.duration_quarters; ++q)
          s.used[k][q] += days / c.duration_quarters;
      }
    }
  }
  return s;
}

}  // namespace

std::string QuarterName(const ProgrammeInstance& in, int q) {
  if (q >= 0 && static_cast<size_t>(q) < in.quarter_names.size()) return in.quarter_names[q];
  return "quarter " + std::to_string(q + 1);
}

Status CheckSchedule(const ProgrammeInstance& in, const ProgrammeSchedule& schedule) {
  for (const auto& [k, used] : schedule.used) {
    for (int q = 0; q < in.quarters; ++q) {
      if (used[q] > in.capacity.at(k)[q] + 1e-6) {
        return FailedPrecondition(
            "Inspectorate " + std::to_string(k) + " is over capacity in " + QuarterName(in, q),
            "R6");
      }
    }
  }
  std::map<int64_t, std::pair<int, int>> span;
  for (const auto& item : schedule.chosen) {
    for (const auto& c : in.candidates) {
      if (c.id != item.id) continue;
      if (item.start < c.earliest_start && !c.fixed_start)
        return FailedPrecondition("starts too early", "R6");
      if (item.start + c.duration_quarters > in.quarters)
        return FailedPrecondition("runs past the horizon", "R6");
      span[c.id] = {item.start, item.start + c.duration_quarters};
    }
  }
  for (const auto& [a, b] : in.clashes) {
    if (!span.count(a) || !span.count(b)) continue;
    if (span[a].first < span[b].second && span[b].first < span[a].second) {
      return FailedPrecondition("Clashing proposals " + std::to_string(a) + " and " +
                                    std::to_string(b) + " run in the same quarter",
                                "clash");
    }
  }
  return OkStatus();
}

std::vector<Exclusion> ExplainExclusions(const ProgrammeInstance& in,
                                         const ProgrammeSchedule& schedule) {
  std::map<int64_t, const Candidate*> by_id;
  for (const auto& c : in.candidates) by_id[c.id] = &c;
  std::map<int64_t, int> start_of;
  for (const auto& item : schedule.chosen) start_of[item.id] = item.start;
  auto quarter = [&in](int q) { return QuarterName(in, q); };
  std::vector<Exclusion> out;
  for (const Candidate& c : in.candidates) {
    if (start_of.count(c.id)) continue;
    Exclusion ex;
    ex.id = c.id;
    if (c.decision == Decision::kForcedOut) {
      ex.reasons.push_back("The Chief Inspectors decided to leave it out");
      out.push_back(std::move(ex));
      continue;
    }
    const std::vector<int> starts = Starts(c, in.quarters);
    if (starts.empty()) {
      ex.reasons.push_back("It needs " + std::to_string(c.duration_quarters) + " quarters from " +
                           quarter(c.earliest_start) +
                           ", which runs past the end of the programme");
      out.push_back(std::move(ex));
      continue;
    }
    // The start where the fewest things stand in its way.
    std::vector<std::string> best_reasons;
    std::set<int64_t> best_blockers;
    bool first = true;
    for (int s : starts) {
      std::vector<std::string> reasons;
      std::set<int64_t> blockers;
      for (const auto& [k, days] : c.effort) {
        for (int q = s; q < s + c.duration_quarters; ++q) {
          const double need = days / c.duration_quarters;
          const double left = in.capacity.at(k)[q] - schedule.used.at(k)[q];
          if (need <= left + kEpsilon) continue;
          auto named = in.inspectorate_names.find(k);
          const std::string who = named != in.inspectorate_names.end()
                                      ? named->second
                                      : "Inspectorate " + std::to_string(k);
          char buf[200];
          std::snprintf(buf, sizeof buf, "%s has %.0f inspector-days left in %s; it needs %.0f",
                        who.c_str(), std::max(0.0, left), quarter(q).c_str(), need);
          reasons.emplace_back(buf);
          for (const auto& [other, other_start] : start_of) {
            const Candidate& o = *by_id[other];
            if (o.effort.count(k) && o.effort.at(k) > 0 &&
                Covers(other_start, o.duration_quarters, q)) {
              blockers.insert(other);
            }
          }
        }
      }
      for (const auto& [a, b] : in.clashes) {
        const int64_t other = a == c.id ? b : b == c.id ? a : -1;
        if (other < 0 || !start_of.count(other)) continue;
        const Candidate& o = *by_id[other];
        if (s < start_of[other] + o.duration_quarters &&
            start_of[other] < s + c.duration_quarters) {
          reasons.push_back("It clashes with \"" + o.title + "\", chosen for " +
                            quarter(start_of[other]));
          blockers.insert(other);
        }
      }
      if (first || reasons.size() < best_reasons.size()) {
        best_reasons = reasons;
        best_blockers = blockers;
        first = false;
      }
    }
    if (best_reasons.empty()) {
      // It would fit, but taking it would break the balance of the
      // programme or the optimum is a tie.
      best_reasons.push_back(
          "It fits, but the chosen programme scores as high or higher without it");
    }
    ex.reasons = std::move(best_reasons);
    for (int64_t b : best_blockers) ex.displaced_by.emplace_back(b, by_id[b]->priority);
    out.push_back(std::move(ex));
  }
  return out;
}

std::vector<ScheduleChange> DiffSchedules(const ProgrammeSchedule& approved,
                                          const ProgrammeSchedule& proposed) {
  std::map<int64_t, int> before, after;
  for (const auto& item : approved.chosen) before[item.id] = item.start;
  for (const auto& item : proposed.chosen) after[item.id] = item.start;
  std::set<int64_t> ids;
  for (const auto& [id, s] : before) ids.insert(id);
  for (const auto& [id, s] : after) ids.insert(id);
  std::vector<ScheduleChange> out;
  for (int64_t id : ids) {
    const bool was = before.count(id), is = after.count(id);
    if (was && is && before[id] == after[id]) continue;
    out.push_back({!was  ? ScheduleChange::Kind::kAdded
                   : !is ? ScheduleChange::Kind::kDropped
                         : ScheduleChange::Kind::kMoved,
                   id, was ? before[id] : -1, is ? after[id] : -1});
  }
  return out;
}

ProgrammeSchedule GreedyProgramme(const ProgrammeInstance& in) {
  std::vector<size_t> order;
  for (size_t i = 0; i < in.candidates.size(); ++i) {
    if (in.candidates[i].decision != Decision::kForcedOut) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const auto& ca = in.candidates[a];
    const auto& cb = in.candidates[b];
    if ((ca.decision == Decision::kForcedIn) != (cb.decision == Decision::kForcedIn)) {
      return ca.decision == Decision::kForcedIn;
    }
    return ca.priority > cb.priority;
  });
  std::map<int64_t, std::vector<double>> used;
  for (const auto& [k, cap] : in.capacity) used[k] = std::vector<double>(in.quarters, 0);
  std::map<int64_t, std::pair<int, int>> span;
  std::vector<ScheduledItem> chosen;
  for (size_t i : order) {
    const Candidate& c = in.candidates[i];
    for (int s : Starts(c, in.quarters)) {
      bool fits = true;
      for (const auto& [k, days] : c.effort) {
        for (int q = s; q < s + c.duration_quarters && fits; ++q) {
          fits = used[k][q] + days / c.duration_quarters <= in.capacity.at(k)[q] + kEpsilon;
        }
      }
      for (const auto& [a, b] : in.clashes) {
        const int64_t other = a == c.id ? b : b == c.id ? a : -1;
        if (other < 0 || !span.count(other) || !fits) continue;
        fits = !(s < span[other].second && span[other].first < s + c.duration_quarters);
      }
      if (!fits) continue;
      for (const auto& [k, days] : c.effort) {
        for (int q = s; q < s + c.duration_quarters; ++q) used[k][q] += days / c.duration_quarters;
      }
      span[c.id] = {s, s + c.duration_quarters};
      chosen.push_back({c.id, s});
      break;
    }
  }
  return Summarise(in, std::move(chosen));
}

ProgrammeSchedule SummariseSchedule(const ProgrammeInstance& in,
                                    std::vector<ScheduledItem> chosen) {
  return Summarise(in, std::move(chosen));
}

StatusOr<ProgrammeSchedule> OptimiseProgramme(const ProgrammeInstance& in, MipSolver& solver,
                                              double time_limit_seconds) {
  OptimiseOptions options;
  options.time_limit_seconds = time_limit_seconds;
  return OptimiseProgramme(in, solver, options);
}

namespace {

// Why no programme keeps every rule: the smallest set of commitments that
// cannot all be met, or the balance requirements alone.
Status ExplainInfeasibility(const ProgrammeInstance& in, MipSolver& solver,
                            double time_limit_seconds) {
  // Deletion filter: release forced proposals one at a time (they stay
  // available, no longer compulsory) while the rest, with capacities and
  // balance, stay infeasible. What remains is a smallest conflicting set
  // of commitments (none can be released).
  ProgrammeInstance core = in;
  std::vector<int64_t> forced;
  for (const auto& c : core.candidates) {
    if (c.decision == Decision::kForcedIn) forced.push_back(c.id);
  }
  const bool balance_alone = [&] {
    ProgrammeInstance none = core;
    for (auto& c : none.candidates) {
      if (c.decision == Decision::kForcedIn) c.decision = Decision::kOpen;
    }
    auto r = solver.Solve(Build(none, true).mip, time_limit_seconds);
    return r.ok() && r->outcome == MipSolution::Outcome::kInfeasible;
  }();
  std::vector<int64_t> conflict;
  if (!balance_alone) {
    for (int64_t id : forced) {
      ProgrammeInstance trial = core;
      for (auto& c : trial.candidates) {
        if (c.id == id) c.decision = Decision::kOpen;
      }
      auto r = solver.Solve(Build(trial, true).mip, time_limit_seconds);
      if (r.ok() && r->outcome == MipSolution::Outcome::kInfeasible) {
        core = trial;  // still infeasible without it: not needed in the explanation
      } else {
        conflict.push_back(id);
      }
    }
  }
  nlohmann::json detail = {{"conflicting_commitments", conflict},
                           {"balance_requirements_alone_infeasible", balance_alone}};
  std::string message =
      balance_alone
          ? "No programme can meet the balance requirements (R5) with the proposals available; "
            "add proposals covering them or record a decision to waive"
          : "The commitments and forced proposals need more than the capacity, or clash; "
            "change the capacity or release one of the conflicting commitments";
  return std::move(FailedPrecondition(message, "infeasible").SetDetailJson(detail.dump()));
}

// The second, lexicographic phase: with what is chosen fixed, starts as
// early as they can be (the total start cost least), from the solver
// within `limit` seconds when it beats MoveStartsEarlier, else from that.
ProgrammeSchedule EarlyStarts(const ProgrammeInstance& in, const ProgrammeSchedule& plan,
                              MipSolver& solver, double limit) {
  ProgrammeSchedule best = MoveStartsEarlier(in, plan);
  if (limit < 0.02 || plan.chosen.empty()) return best;
  std::set<int64_t> chosen;
  for (const auto& item : plan.chosen) chosen.insert(item.id);
  ProgrammeInstance fixed = in;
  bool choice = false;
  for (auto& c : fixed.candidates) {
    c.decision = chosen.count(c.id) ? Decision::kForcedIn : Decision::kForcedOut;
    choice = choice || (chosen.count(c.id) && Starts(c, in.quarters).size() > 1);
  }
  if (!choice) return best;
  const BuiltModel model = Build(fixed, true, Aim::kEarlyStarts);
  MipOptions mip;
  mip.time_limit_seconds = limit;
  mip.absolute_gap = 1e-6;
  mip.cutoff = -TotalStartCost(in, best) + 1e-6;
  auto solution = solver.SolveFrom(model.mip, mip);
  if (!solution.ok() || (solution->outcome != MipSolution::Outcome::kOptimal &&
                         solution->outcome != MipSolution::Outcome::kFeasible)) {
    return best;
  }
  std::vector<ScheduledItem> starts;
  for (size_t v = 0; v < model.var.size(); ++v) {
    if (solution->values[v] > 0.5)
      starts.push_back({in.candidates[model.var[v].first].id, model.var[v].second});
  }
  if (starts.size() != plan.chosen.size()) return best;
  ProgrammeSchedule early = Summarise(in, std::move(starts));
  return TotalStartCost(in, early) < TotalStartCost(in, best) - 1e-9 ? early : best;
}

}  // namespace

StatusOr<ProgrammeSchedule> OptimiseProgramme(const ProgrammeInstance& in, MipSolver& solver,
                                              const OptimiseOptions& options) {
  RETURN_IF_ERROR(ValidateInstance(in));
  const double time_limit_seconds = options.time_limit_seconds;
  auto elapsed = [&options] { return options.elapsed_seconds ? options.elapsed_seconds() : 0.0; };
  BuiltModel model = Build(in, true);
  HeuristicOptions heuristic;
  heuristic.max_steps = options.heuristic_steps;
  heuristic.initial = options.initial;
  heuristic.seed = options.heuristic_seed;
  if (options.elapsed_seconds) {
    // A share of the time growing with the programme (a third of a second
    // for 60 proposals, a second for 300), never more than half the time
    // allowed; it stops early on reaching the most any plan can be worth.
    const double share =
        std::min(0.5 * time_limit_seconds, 0.1 + static_cast<double>(in.candidates.size()) / 300);
    heuristic.max_steps = std::numeric_limits<int64_t>::max();
    heuristic.stop = [&options, share] { return options.elapsed_seconds() >= share; };
  }
  const std::optional<ProgrammeSchedule> first = HeuristicProgramme(in, heuristic);
  const double tolerance = ProofTolerance(in);
  MipOptions mip;
  mip.time_limit_seconds = time_limit_seconds - elapsed();
  mip.absolute_gap = tolerance;
  if (first) {
    mip.start = Values(in, model, *first);
    // Only a better plan is sought: when there is none, the search ends
    // at once and the heuristic's plan is proven optimal.
    mip.cutoff = first->total_priority + tolerance;
  }
  ASSIGN_OR_RETURN(MipSolution solution, solver.SolveFrom(model.mip, mip));
  if (solution.outcome == MipSolution::Outcome::kInfeasible)
    return ExplainInfeasibility(in, solver, time_limit_seconds);
  if (solution.outcome == MipSolution::Outcome::kNoSolutionInTime && !first) {
    return FailedPrecondition("No programme was found within the time limit; allow more time",
                              "time-limit");
  }
  ProgrammeSchedule out;
  bool proven = solution.outcome == MipSolution::Outcome::kOptimal ||
                solution.outcome == MipSolution::Outcome::kNoneBetter;
  if (solution.outcome == MipSolution::Outcome::kNoSolutionInTime ||
      solution.outcome == MipSolution::Outcome::kNoneBetter) {
    out = *first;
  } else {
    std::vector<ScheduledItem> chosen;
    for (size_t v = 0; v < model.var.size(); ++v) {
      if (solution.values[v] > 0.5)
        chosen.push_back({in.candidates[model.var[v].first].id, model.var[v].second});
    }
    out = Summarise(in, std::move(chosen));
    // A proven optimum stands; otherwise the better of the two plans.
    if (first && !proven && first->total_priority > out.total_priority + kEpsilon) out = *first;
  }
  // The plan is also proven when it reaches the solver's bound.
  const bool known = std::isfinite(solution.best_bound) && std::abs(solution.best_bound) < 1e29;
  proven = proven || (known && out.total_priority + tolerance >= solution.best_bound);
  if (proven) {
    // Second phase: what is chosen stays; each starts as early as it can.
    const double left = time_limit_seconds - elapsed();
    out = EarlyStarts(in, out, solver, std::min({left, 0.2 * time_limit_seconds, 1.0}));
    out.proven_optimal = true;
    out.best_bound = out.total_priority;
    out.gap = 0;
  } else {
    out = MoveStartsEarlier(in, out);
    // Without the solver's bound, the most any plan can be worth.
    out.best_bound = std::max(out.total_priority, known ? solution.best_bound : Ceiling(in));
    out.gap = (out.best_bound - out.total_priority) / std::max(1e-9, std::abs(out.total_priority));
  }
  out.seconds = options.elapsed_seconds ? options.elapsed_seconds() : solution.seconds;
  return out;
}

namespace {

// The bound of DecompositionBound (bound.h) where it is tighter than the
// solver's, as the background search can wait for it (seconds, for
// oversubscribed programmes of up to about 60 proposals, where it helps
// most; it does not help where most proposals fit); a plan
// that reaches it is proven optimal and then starts as early as it can.
// False when the bound is no tighter.
bool TightenBound(const ProgrammeInstance& in, MipSolver& solver, ProgrammeSchedule& best,
                  const ImproveOptions& options) {
  // With no proposal scored above nothing, a solver settles the programme
  // in its first answer: nothing to bound.
  if (std::none_of(in.candidates.begin(), in.candidates.end(),
                   [](const Candidate& c) { return c.priority > 0; })) {
    return false;
  }
  // A minute at most (it takes seconds where it helps), so that the
  // solver's rounds go on where it does not.
  const double until = std::min(options.until_seconds, options.elapsed_seconds() + 60);
  BoundOptions bound_options;
  bound_options.stop = [&options, until] {
    return options.elapsed_seconds() >= until || (options.stop && options.stop());
  };
  const double bound = DecompositionBound(in, best.total_priority, bound_options);
  if (!(bound < best.best_bound - kEpsilon)) return false;
  if (best.total_priority + ProofTolerance(in) >= bound) {
    const double left = options.until_seconds - options.elapsed_seconds();
    best = EarlyStarts(in, best, solver, std::min(left, 1.0));
    best.proven_optimal = true;
    best.best_bound = best.total_priority;
    best.gap = 0;
  } else {
    best.best_bound = bound;
    best.gap = (bound - best.total_priority) / std::max(1e-9, std::abs(best.total_priority));
  }
  best.seconds = options.elapsed_seconds();
  return true;
}

}  // namespace

ProgrammeSchedule ImproveProgramme(const ProgrammeInstance& in, MipSolver& solver,
                                   ProgrammeSchedule best, const ImproveOptions& options) {
  const double tolerance = ProofTolerance(in);
  double round = 2;
  for (uint32_t seed = 1; !best.proven_optimal; ++seed, round = std::min(2 * round, 10.0)) {
    const double began = options.elapsed_seconds();
    const double left = options.until_seconds - began;
    if (left < 0.5 || (options.stop && options.stop())) break;
    // After the first round, once: the bound the solver's search cannot
    // reach on small, oversubscribed programmes.
    if (seed == 2 && TightenBound(in, solver, best, options)) {
      if (options.on_better) options.on_better(best);
      continue;
    }
    OptimiseOptions next_options;
    next_options.time_limit_seconds = std::min(round, left);
    next_options.elapsed_seconds = [&options, began] { return options.elapsed_seconds() - began; };
    next_options.initial = best.chosen;
    next_options.heuristic_seed = 2017 + seed;
    auto next = OptimiseProgramme(in, solver, next_options);
    if (!next.ok()) break;
    const double bound = std::min(best.best_bound, next->best_bound);
    const bool better_plan = next->total_priority > best.total_priority + kEpsilon;
    if (!better_plan && bound >= best.best_bound - kEpsilon && !next->proven_optimal) continue;
    if (better_plan || next->proven_optimal) {
      const double kept_bound = best.best_bound;
      best = *next;
      best.best_bound = std::min(kept_bound, next->best_bound);
    } else {
      best.best_bound = bound;
    }
    best.best_bound = std::max(best.best_bound, best.total_priority);
    best.proven_optimal =
        next->proven_optimal || best.total_priority + tolerance >= best.best_bound;
    if (best.proven_optimal) best.best_bound = best.total_priority;
    best.gap = best.proven_optimal ? 0
                                   : (best.best_bound - best.total_priority) /
                                         std::max(1e-9, std::abs(best.total_priority));
    best.seconds = options.elapsed_seconds();
    if (options.on_better) options.on_better(best);
  }
  return best;
}

}  // namespace jointly
