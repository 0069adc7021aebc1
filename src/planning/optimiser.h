// Picks and schedules the rolling programme (R5-R7): which proposals run
// and in which quarter they start, maximising total priority within each
// inspectorate's capacity, honouring commitments, Chief Inspectors' forced
// decisions (R3), clashes and the balance of the programme (R5). Solved
// exactly by a MipSolver; a greedy choice is kept for comparison.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/programme.h"
#include "planning/solver.h"

namespace jointly {

enum class Decision { kOpen, kForcedIn, kForcedOut };

struct Candidate {
  int64_t id = 0;
  std::string title;
  double priority = 0;  // the combined score; higher is better
  int duration_quarters = 1;
  int earliest_start = 0;          // quarter index in the horizon, 0-based
  std::optional<int> fixed_start;  // work in progress keeps its start (R6)
  int already_run = 0;  // quarters work in progress ran before the horizon (R6); not scheduled
  std::map<int64_t, double> effort;  // inspectorate -> inspector-days in total
  std::set<Focus> focus;
  Decision decision = Decision::kOpen;  // pre-existing commitments are kForcedIn
};

struct ProgrammeInstance {
  int quarters = 8;
  std::vector<Candidate> candidates;
  // Inspector-days available per quarter, for each inspectorate.
  std::map<int64_t, std::vector<double>> capacity;
  std::vector<std::pair<int64_t, int64_t>> clashes;  // may not run in the same quarter
  // R5: each high-level process is covered by at least this many chosen
  // proposals running in each year of the horizon.
  int min_process_coverage_per_year = 0;
  // R5: victim and witness experience must be covered unless a recorded
  // decision waived it.
  bool victim_coverage_waived = false;
  // For explanations; "inspectorate <id>" where absent.
  std::map<int64_t, std::string> inspectorate_names;
  // For explanations, each quarter of the horizon in words ("2017-18 Q1");
  // "quarter <n>" where absent.
  std::vector<std::string> quarter_names;
  // For explanations: why each candidate held in (kForcedIn) is, in words
  // ("Forced in by joint decision", "Pre-existing commitment").
  std::map<int64_t, std::string> held_in_because;
};

struct ScheduledItem {
  int64_t id = 0;
  int start = 0;
  bool operator==(const ScheduledItem&) const = default;
};

struct ProgrammeSchedule {
  std::vector<ScheduledItem> chosen;  // by start, then id
  double total_priority = 0;
  bool proven_optimal = false;
  double gap = 0;         // relative; 0 when proven optimal
  double best_bound = 0;  // no plan is worth more (total priority)
  double seconds = 0;
  // Inspector-days used per inspectorate and quarter.
  std::map<int64_t, std::vector<double>> used;
};

// InvalidArgument for a malformed instance (naming the candidate and
// field); FailedPrecondition (rule "infeasible") when commitments, forced
// decisions and balance cannot all be met, with detail_json naming the
// smallest conflicting set of forced proposals found; DeadlineExceeded-like
// outcomes come back as a schedule with proven_optimal false and its gap.
StatusOr<ProgrammeSchedule> OptimiseProgramme(const ProgrammeInstance& instance, MipSolver& solver,
                                              double time_limit_seconds = 30);

struct OptimiseOptions {
  double time_limit_seconds = 30;  // in all, wall-clock
  // Seconds since the optimisation began, supplied by the caller (the
  // optimiser reads no clock); without it the heuristic runs for
  // heuristic_steps and the solver gets the whole time limit.
  std::function<double()> elapsed_seconds;
  int64_t heuristic_steps = 20000;
  // A plan keeping every rule for the heuristic to start from as well, and
  // its seed: a search resumed (ImproveProgramme) goes on from its best.
  std::vector<ScheduledItem> initial;
  uint32_t heuristic_seed = 2017;
};

// First a plan from HeuristicProgramme (about a second at most, less on a
// short limit), then the solver starting from it until proven optimal or
// out of time. The answer is the better of the two with the solver's
// bound: proven optimal, or within `gap` of the best possible.
StatusOr<ProgrammeSchedule> OptimiseProgramme(const ProgrammeInstance& instance, MipSolver& solver,
                                              const OptimiseOptions& options);

// After OptimiseProgramme's answer, the search goes on in rounds, each
// twice as long as the one before up to ten seconds (so a stop is heeded
// within that): the heuristic from the best plan so far
// with a fresh seed, then the solver looking only for a better plan. Each
// round's bound holds, so the tightest is kept. Ends when the plan is
// proven optimal, `stop` says so (asked between rounds) or `until_seconds`
// (of elapsed_seconds, which is required) has passed; `on_better` is told
// each better plan or tighter bound, its `seconds` the elapsed time.
struct ImproveOptions {
  double until_seconds = 60;
  std::function<double()> elapsed_seconds;
  std::function<bool()> stop;
  std::function<void(const ProgrammeSchedule&)> on_better;
};
ProgrammeSchedule ImproveProgramme(const ProgrammeInstance& instance, MipSolver& solver,
                                   ProgrammeSchedule best, const ImproveOptions& options);

// `chosen` as a schedule: sorted, with its total priority and the
// inspector-days it uses. No search, no check.
ProgrammeSchedule SummariseSchedule(const ProgrammeInstance& instance,
                                    std::vector<ScheduledItem> chosen);

// Highest priority first, each at its earliest start that fits capacity
// and clashes; ignores balance. For comparison only.
ProgrammeSchedule GreedyProgramme(const ProgrammeInstance& instance);

// Why a proposal is not in the chosen programme, in plain English, with
// the resources that decided it at the start where it came closest to
// fitting.
struct Exclusion {
  int64_t id = 0;
  std::vector<std::string> reasons;
  // Chosen proposals using what it would have needed, each with its
  // priority, so people can see what displaced it.
  std::vector<std::pair<int64_t, double>> displaced_by;
};

// One Exclusion per candidate not in `schedule`, in candidate order.
std::vector<Exclusion> ExplainExclusions(const ProgrammeInstance& instance,
                                         const ProgrammeSchedule& schedule);

// R6: how a re-optimised programme differs from the approved one.
struct ScheduleChange {
  enum class Kind { kAdded, kMoved, kDropped };
  Kind kind;
  int64_t id = 0;
  int from_start = -1;  // -1 for added
  int to_start = -1;    // -1 for dropped
  bool operator==(const ScheduleChange&) const = default;
};
// Added, moved and dropped proposals, in order of id.
std::vector<ScheduleChange> DiffSchedules(const ProgrammeSchedule& approved,
                                          const ProgrammeSchedule& proposed);

// OK if `schedule` keeps every capacity and clash of `instance` and starts
// nothing before its earliest start or past the horizon.
Status CheckSchedule(const ProgrammeInstance& instance, const ProgrammeSchedule& schedule);

// Quarter `q` of the horizon (0-based) in words: its name in the
// instance, else "quarter <q + 1>".
std::string QuarterName(const ProgrammeInstance& instance, int q);

}  // namespace jointly
