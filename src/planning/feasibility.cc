#include "planning/feasibility.h"

#include <map>
#include <string>

namespace jointly {

Status CheckProgrammeRules(const ProgrammeInstance& in, const std::vector<ScheduledItem>& chosen) {
  std::map<int64_t, const Candidate*> by_id;
  for (const auto& c : in.candidates) by_id[c.id] = &c;
  std::map<int64_t, int> start;
  for (const auto& item : chosen) {
    const std::string name = "Proposal " + std::to_string(item.id);
    auto found = by_id.find(item.id);
    if (found == by_id.end())
      return FailedPrecondition(name + " is not a candidate", "unknown-proposal");
    if (!start.emplace(item.id, item.start).second)
      return FailedPrecondition(name + " is chosen twice", "unique");
    const Candidate& c = *found->second;
    if (c.decision == Decision::kForcedOut)
      return FailedPrecondition(name + " was left out by the Chief Inspectors", "R3");
    if (c.fixed_start && item.start != *c.fixed_start)
      return FailedPrecondition(name + " is in progress and must keep its start", "R6");
    if (!c.fixed_start && item.start < c.earliest_start)
      return FailedPrecondition(name + " starts before it can", "R6");
    if (item.start < 0 || item.start + c.duration_quarters > in.quarters)
      return FailedPrecondition(name + " runs past the horizon", "R6");
  }
  for (const auto& c : in.candidates) {
    if (c.decision == Decision::kForcedIn && !start.count(c.id)) {
      return FailedPrecondition(
          "Proposal " + std::to_string(c.id) + " was forced in but is missing", "R3");
    }
  }
  // Inspector-days per inspectorate and quarter, from scratch.
  std::map<int64_t, std::vector<double>> used;
  for (const auto& [id, s] : start) {
    const Candidate& c = *by_id[id];
    for (const auto& [k, days] : c.effort) {
      auto& u = used[k];
      u.resize(in.quarters, 0);
      for (int q = s; q < s + c.duration_quarters; ++q) u[q] += days / c.duration_quarters;
    }
  }
  for (const auto& [k, u] : used) {
    auto cap = in.capacity.find(k);
    for (int q = 0; q < in.quarters; ++q) {
      const double available = cap == in.capacity.end() ? 0 : cap->second[q];
      if (u[q] > available + 1e-6) {
        return FailedPrecondition("Inspectorate " + std::to_string(k) +
                                      " is over capacity in quarter " + std::to_string(q + 1),
                                  "R6");
      }
    }
  }
  for (const auto& [a, b] : in.clashes) {
    if (a == b || !start.count(a) || !start.count(b)) continue;
    const int sa = start[a], ea = sa + by_id[a]->duration_quarters;
    const int sb = start[b], eb = sb + by_id[b]->duration_quarters;
    if (sa < eb && sb < ea) {
      return FailedPrecondition("Clashing proposals " + std::to_string(a) + " and " +
                                    std::to_string(b) + " share a quarter",
                                "clash");
    }
  }
  if (in.min_process_coverage_per_year > 0) {
    for (Focus f : kAllFocus) {
      if (!IsHighLevelProcess(f)) continue;
      for (int year = 0; year * 4 < in.quarters; ++year) {
        int covering = 0;
        for (const auto& [id, s] : start) {
          const Candidate& c = *by_id[id];
          if (c.focus.count(f) && s < (year + 1) * 4 && s + c.duration_quarters > year * 4)
            ++covering;
        }
        if (covering < in.min_process_coverage_per_year) {
          return FailedPrecondition(
              "A high-level process is not covered in year " + std::to_string(year + 1), "R5");
        }
      }
    }
  }
  if (!in.victim_coverage_waived) {
    bool covered = false;
    for (const auto& [id, s] : start)
      covered = covered || by_id[id]->focus.count(Focus::kVictimAndWitnessExperience);
    if (!covered) return FailedPrecondition("Victim and witness experience is not covered", "R5");
  }
  return OkStatus();
}

}  // namespace jointly
