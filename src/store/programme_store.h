// Proposals, criteria sets and scores, plans, optimiser runs and Ministers'
// comments in the database. Every function runs inside the caller's
// Transaction; auditing is the caller's job (service/).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/criteria.h"
#include "domain/plan.h"
#include "domain/programme.h"
#include "store/database.h"

namespace jointly {

// Which proposals a list shows; every condition set must hold.
struct ProposalFilter {
  std::optional<WorkType> type;
  std::optional<int64_t> lead;  // an inspectorate leading or jointly leading
  std::optional<Focus> focus;
  std::optional<ProposalStatus> status;
  std::optional<double> min_score;  // combined score at least this, on the set asked for
  std::string search;               // in the title, ignoring the case of ASCII letters
  // Keyset paging, for a page only (the total ignores it): the proposals
  // after this id. 0: from the first.
  int64_t after = 0;
};

// Every proposal with its participants, focus and clashes, by id.
StatusOr<std::vector<Proposal>> ListProposals(Transaction& tx);
// The proposals that pass `filter`, chosen in SQL, by id. `score_set_id` is
// the criteria set the combined score of `filter.min_score` is taken on (a
// proposal nobody has scored on it has no score and does not pass).
StatusOr<std::vector<Proposal>> ListProposals(Transaction& tx, const ProposalFilter& filter,
                                              int64_t score_set_id);
// One page of the proposals that pass `filter`, by id, and how many pass:
// the page is chosen in SQL and only its proposals' details are read.
struct ProposalList {
  std::vector<Proposal> items;
  int64_t total = 0;
};
StatusOr<ProposalList> ListProposals(Transaction& tx, const ProposalFilter& filter,
                                     int64_t score_set_id, int64_t limit, int64_t offset);
// Every proposal's title by id, for labels and choices on other pages.
StatusOr<std::map<int64_t, std::string>> ListProposalTitles(Transaction& tx);
// The proposals in a plan's programme, by id.
StatusOr<std::vector<Proposal>> ProposalsInPlan(Transaction& tx, int64_t plan_id);
StatusOr<Proposal> GetProposal(Transaction& tx, int64_t id);
StatusOr<int64_t> InsertProposal(Transaction& tx, const Proposal& p, const std::string& now);
// NotFound, or Aborted if `p.version` is stale. Returns the new version.
StatusOr<int64_t> UpdateProposal(Transaction& tx, const Proposal& p, const std::string& now);

StatusOr<std::vector<CriteriaSet>> ListCriteriaSets(Transaction& tx);
StatusOr<CriteriaSet> GetCriteriaSet(Transaction& tx, int64_t id);
StatusOr<std::optional<CriteriaSet>> FindCriteriaSetByCode(Transaction& tx,
                                                           const std::string& code);
// The set proposals are scored on unless another is asked for: the newest
// plan's, or else the first set; NotFound if no set has been loaded.
StatusOr<CriteriaSet> CurrentCriteriaSet(Transaction& tx);
// Inserts the set and its criteria (ids filled in on return).
StatusOr<int64_t> InsertCriteriaSet(Transaction& tx, CriteriaSet& set, const std::string& now);

// Every inspectorate's scores of one proposal on the criteria of one set.
StatusOr<std::vector<RepresentativeScore>> ScoresOf(Transaction& tx, int64_t proposal_id,
                                                    const CriteriaSet& set);
// Every proposal's scores on the set, by proposal id; with `filter`, only
// the scores of the proposals that pass it (as ListProposals).
StatusOr<std::map<int64_t, std::vector<RepresentativeScore>>> ScoresBySet(
    Transaction& tx, const CriteriaSet& set, const ProposalFilter* filter = nullptr);
// The scores on the set of the proposals `ids`, by proposal id.
StatusOr<std::map<int64_t, std::vector<RepresentativeScore>>> ScoresOfProposals(
    Transaction& tx, const CriteriaSet& set, const std::vector<int64_t>& ids);
// The proposals on the long-list that `inspectorate_id` has given no score
// on the set `set_id`: the first `limit` by id, with their titles, and how
// many there are.
struct UnscoredProposals {
  std::vector<std::pair<int64_t, std::string>> items;  // id, title
  int64_t total = 0;
};
StatusOr<UnscoredProposals> ProposalsNotScoredBy(Transaction& tx, int64_t inspectorate_id,
                                                 int64_t set_id, int64_t limit);
// Replaces `inspectorate_id`'s scores of the proposal on the set's criteria.
Status SaveScores(Transaction& tx, int64_t proposal_id, const CriteriaSet& set,
                  const RepresentativeScore& score, const std::string& now);

StatusOr<std::vector<Plan>> ListPlans(Transaction& tx);  // newest first, without items
StatusOr<Plan> GetPlan(Transaction& tx, int64_t id);     // with capacity and items
StatusOr<std::optional<int64_t>> FindPlanByYear(Transaction& tx, int first_year);
StatusOr<int64_t> InsertPlan(Transaction& tx, const Plan& plan, const std::string& now);
// Updates the plan's own fields and capacity (not items or state); NotFound
// or Aborted (stale version). Returns the new version.
StatusOr<int64_t> UpdatePlan(Transaction& tx, const Plan& plan, const std::string& now);
// Sets state and bumps the version, whatever the version was.
Status SetPlanState(Transaction& tx, int64_t plan_id, PlanState state, const std::string& now);
// Replaces the plan's programme.
Status ReplacePlanItems(Transaction& tx, int64_t plan_id, const std::vector<PlanItem>& items,
                        const std::string& now);

enum class RunState { kQueued, kRunning, kFinished, kFailed };
std::string_view RunStateId(RunState state);

struct OptimiserRun {
  int64_t id = 0;
  int64_t plan_id = 0;
  RunState state = RunState::kQueued;
  int time_limit_seconds = 10;
  int64_t requested_by = 0;
  std::string requested_at;
  std::string started_at;
  std::string finished_at;
  std::string result;  // JSON
  std::string error;
  // While the plan is still being improved after the first answer: until
  // when (microseconds since the epoch), 0 once improving has ended.
  int64_t improving_until = 0;
  bool stop_requested = false;  // someone asked it to stop improving
};

StatusOr<int64_t> InsertRun(Transaction& tx, const OptimiserRun& run);
StatusOr<OptimiserRun> GetRun(Transaction& tx, int64_t id);
StatusOr<std::vector<OptimiserRun>> RunsOfPlan(Transaction& tx, int64_t plan_id, int limit);
// Claims a queued run for this process, in one statement: marks it running,
// started at `started_at` and held until `hold_from` plus its time limit.
// With `run_id`, that run if it is still queued; without, the oldest queued
// run that no other process is claiming (on PostgreSQL a row another
// transaction has locked is skipped, FOR UPDATE SKIP LOCKED). nullopt if
// there is none: two processes never claim the same run.
StatusOr<std::optional<OptimiserRun>> ClaimQueuedRun(Transaction& tx, std::optional<int64_t> run_id,
                                                     const std::string& started_at,
                                                     int64_t hold_from);
// Runs marked running whose hold has passed at `now` (every running run
// with `every_running`): the process carrying them out stopped.
StatusOr<std::vector<int64_t>> AbandonedRuns(Transaction& tx, int64_t now, bool every_running);
// Everything but stop_requested, which only RequestRunStop sets.
Status UpdateRun(Transaction& tx, const OptimiserRun& run);
Status RequestRunStop(Transaction& tx, int64_t run_id);

StatusOr<std::vector<MinisterComment>> CommentsOfPlan(Transaction& tx, int64_t plan_id);
StatusOr<int64_t> InsertComment(Transaction& tx, const MinisterComment& c, int64_t by,
                                const std::string& now);
// NotFound if it is not a comment on that plan.
StatusOr<MinisterComment> GetComment(Transaction& tx, int64_t plan_id, int64_t comment_id);
// Guarded by `version`: NotFound if it is not a comment on that plan,
// Aborted (rule "stale-version") if it has moved on. Returns the new version.
StatusOr<int64_t> UpdateCommentResponse(Transaction& tx, int64_t plan_id, int64_t comment_id,
                                        const std::string& response, int64_t version);

}  // namespace jointly
