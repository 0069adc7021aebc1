// Use cases of programme planning (R1-R8): proposals and their qualifying
// tests, criteria sets and scores, yearly plans with capacity, optimiser
// runs, the joint decisions the programme asks for (adopting a run,
// approving the draft, forcing a proposal in or out) and what each does
// once agreed, Ministers' comments, and the business plan's content. Checks
// permission, validates, writes and audits in one transaction. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "domain/consultation.h"
#include "domain/directory.h"
#include "domain/plan.h"
#include "domain/programme.h"
#include "planning/optimiser.h"
#include "planning/scoring.h"
#include "service/decision_service.h"
#include "store/database.h"
#include "store/programme_store.h"
#include "store/released_store.h"

namespace jointly {

// The kinds of joint decision the programme raises, each described once.
inline constexpr DecisionKindName kProgrammeDecisionKinds[] = {
    {"approve_plan", "Approval of a joint business plan"},
    {"adopt_run", "Adoption of an optimiser run as the programme"},
    {"force", "Forcing a proposal into or out of the programme"},
};

struct ProposalView {
  Proposal proposal;
  std::vector<QualifyingTestResult> tests;
  bool qualifies = false;
  ProposalScoring scoring;  // on the criteria set asked for
};

// A proposal the optimiser did not consider for a plan, and why, in words.
struct NotConsidered {
  int64_t proposal_id = 0;
  std::string title;
  std::string reason;
};

// What each page of programme planning shows, read in one transaction by
// one call (a page is one view). Every inspectorate comes with it, for
// labels.

// The long-list.
struct LongListPage {
  std::vector<ProposalView> proposals;  // a page of those that pass the filter, by id
  int64_t total = 0;                    // how many pass the filter
  std::vector<Inspectorate> inspectorates;
};

// A page of the long-list for the API.
struct ProposalViews {
  std::vector<ProposalView> items;  // by id
  int64_t total = 0;                // how many pass the filter
};

// One proposal.
struct ProposalPage {
  ProposalView view;  // scored on the newest plan's criteria set
  std::vector<Inspectorate> inspectorates;
  std::vector<ConsultationResponse> said;  // consultation responses tagged to it (R10)
  std::vector<AuditEntry> history;         // oldest first
  std::vector<CriteriaSet> criteria_sets;  // to name the criteria its history scores
  std::map<int64_t, std::string> people;   // to name who scored it
  std::map<int64_t, std::string> titles;   // every proposal's, to name its clashes
  // Each published plan whose programme holds it, with the day it was
  // published: it is not forced in or out, and what they print of it stays.
  std::vector<std::pair<Plan, Date>> published_in;
  // The last question forcing it in or out, if it was declined (and not
  // asked again), with the names of those who declined it in `people`.
  std::optional<StoredDecision> declined_force;
};

// Adding a proposal or changing one.
struct ProposalFormPage {
  std::optional<Proposal> proposal;  // the one being changed
  std::vector<Proposal> all;         // every proposal, for the clashes
  std::vector<Inspectorate> inspectorates;
  std::vector<std::pair<Plan, Date>> published_in;  // as ProposalPage's
};

// A representative scoring one proposal.
struct ScoringPage {
  ProposalView view;  // scored on `set`
  CriteriaSet set;    // the newest plan's, which scores are given on
  std::vector<Inspectorate> inspectorates;
  std::vector<ConsultationResponse> said;  // consultation responses tagged to it (R10)
};

// A yearly plan.
struct PlanPage {
  Plan plan;
  Date published_on;                       // the day it was published; none until then
  Date sent_to_ministers_on;               // the day the draft went to CJ Ministers, if it has
  std::map<int64_t, Proposal> programmed;  // the proposals in its programme, by id
  std::vector<Inspectorate> inspectorates;
  std::vector<OptimiserRun> runs;  // the newest 20
  std::vector<MinisterComment> comments;
  // Why the plan cannot be published yet, one sentence each (R8, R10);
  // empty when it can be, or when it is not with Ministers.
  std::vector<std::string> publish_blockers;
  std::vector<std::string> publish_warnings;  // worth reading before publishing
  // A question putting this version of the programme to every
  // inspectorate that still awaits answers, if one does: the page shows it
  // instead of asking again.
  std::optional<StoredDecision> open_approval;
  // When none is open: the last one asked, if it was declined, with the
  // names of those who declined it.
  std::optional<StoredDecision> declined_approval;
  std::map<int64_t, std::string> people;
};

// An optimiser run and the plan it was run for.
struct RunPage {
  OptimiserRun run;
  Plan plan;
  Date published_on;  // the day the plan was published; none until then
  // The last question adopting this run, if it was declined, with the
  // names of those who declined it.
  std::optional<StoredDecision> declined_adoption;
  std::map<int64_t, std::string> people;
};

class ProgrammeService {
 public:
  // Registers the programme's kinds of joint decision with `decisions`,
  // which asks for them and must outlive this service.
  ProgrammeService(Database& db, const Clock& clock, JointDecisions& decisions);

  // The pages' views: NotFound if the proposal, plan or run does not
  // exist; PermissionDenied as the page's route. ViewLongList's filter and
  // set are as Proposals().
  // The page of `limit` proposals after the first `offset` that pass.
  StatusOr<LongListPage> ViewLongList(const Caller& caller, const ProposalFilter& filter,
                                      int64_t criteria_set_id, int64_t limit, int64_t offset);
  StatusOr<ProposalPage> ViewProposal(const Caller& caller, int64_t proposal_id);
  // `proposal_id`: the proposal to change; none to add one.
  StatusOr<ProposalFormPage> ViewProposalForm(const Caller& caller,
                                              std::optional<int64_t> proposal_id);
  StatusOr<ScoringPage> ViewScoring(const Caller& caller, int64_t proposal_id);
  StatusOr<PlanPage> ViewPlan(const Caller& caller, int64_t plan_id);
  StatusOr<RunPage> ViewRun(const Caller& caller, int64_t run_id);

  // Proposals. `criteria_set_id` 0 means the newest plan's set.
  StatusOr<std::vector<ProposalView>> Proposals(const Caller& caller, const ProposalFilter& filter,
                                                int64_t criteria_set_id = 0);
  // The page of `limit` proposals after the first `offset` that pass
  // `filter`, chosen in SQL, with how many pass.
  StatusOr<ProposalViews> Proposals(const Caller& caller, const ProposalFilter& filter,
                                    int64_t criteria_set_id, int64_t limit, int64_t offset);
  StatusOr<ProposalView> GetProposal(const Caller& caller, int64_t id, int64_t criteria_set_id = 0);
  // InvalidArgument naming each bad field, including a participant that is
  // not an inspectorate or joint body, or a clash with an unknown proposal.
  StatusOr<Proposal> CreateProposal(const Caller& caller, Proposal proposal);
  // Guarded by version (Aborted). The forced decision is not changed here:
  // that takes a joint decision (ProposeForce). FailedPrecondition
  // ("published-plan-frozen") naming each field a published plan shows of
  // it, when the proposal is in that plan's programme and the field changes.
  StatusOr<Proposal> UpdateProposal(const Caller& caller, Proposal changed);

  StatusOr<std::vector<CriteriaSet>> CriteriaSets(const Caller& caller);
  StatusOr<CriteriaSet> GetCriteriaSet(const Caller& caller, int64_t id);
  // Administrators. With set.pairwise filled, the weights come from it.
  StatusOr<CriteriaSet> CreateCriteriaSet(const Caller& caller, CriteriaSet set);

  // Every representative's scores of a proposal.
  StatusOr<ProposalScoring> Scores(const Caller& caller, int64_t proposal_id,
                                   int64_t criteria_set_id = 0);
  // The caller's inspectorate's scores on the set (0: the newest plan's);
  // replaces any it gave before.
  StatusOr<ProposalScoring> SubmitScores(const Caller& caller, int64_t proposal_id,
                                         const CriterionScores& scores,
                                         int64_t criteria_set_id = 0);

  StatusOr<std::vector<Plan>> Plans(const Caller& caller);
  StatusOr<Plan> GetPlan(const Caller& caller, int64_t id);
  // Carries capacity and the work streams still running over from the
  // latest earlier plan when `plan` has none (R6).
  StatusOr<Plan> CreatePlan(const Caller& caller, Plan plan);
  // Texts, coverage, waiver, criteria set and capacity; guarded by version.
  // A published plan changes no more, nor does anything below that would
  // change its programme (StartRun, ProposeAdoptRun and its effect,
  // UseRunAsDraft): FailedPrecondition ("published-plan-frozen") saying when
  // it was published.
  StatusOr<Plan> UpdatePlan(const Caller& caller, const Plan& changed);

  // Queues a run of the optimiser over the plan's horizon; the worker
  // given to SetRunQueue() executes it.
  StatusOr<OptimiserRun> StartRun(const Caller& caller, int64_t plan_id, int time_limit_seconds);
  StatusOr<OptimiserRun> GetRun(const Caller& caller, int64_t run_id);
  StatusOr<std::vector<OptimiserRun>> Runs(const Caller& caller, int64_t plan_id);
  // Claims a queued run (FailedPrecondition "run-state" if it is not
  // queued, as when another server claimed it first), solves it and stores
  // its result (or its error). Safe to call directly in tests.
  // A plan not proven optimal is then improved (ImproveProgramme) for up
  // to ten times the time limit (two to ten minutes): the run is
  // finished with its first answer, and each better plan or tighter bound
  // replaces its result and adds a point to result.progress, until proven,
  // stopped (StopImproving, or `interrupted` saying so between rounds) or
  // out of time.
  Status ExecuteRun(int64_t run_id, MipSolver& solver,
                    const std::function<bool()>& interrupted = nullptr);
  // Claims the oldest queued run no other server is claiming and carries it
  // out as ExecuteRun; its id, or nullopt if there was none.
  StatusOr<std::optional<int64_t>> ExecuteNextRun(
      MipSolver& solver, const std::function<bool()>& interrupted = nullptr);
  // Asks a run still improving its plan to stop (FailedPrecondition
  // "run-state" when it is not improving); it stops at the end of its
  // current round.
  Status StopImproving(const Caller& caller, int64_t run_id);
  // Marks as failed the runs a server left running when it stopped: those
  // whose hold has passed; on SQLite, which one server serves at a time
  // (rule single-instance), every run marked running, since none is being
  // carried out while the worker looks.
  Status FailAbandonedRuns();
  void SetRunQueue(std::function<void(int64_t)> enqueue) { enqueue_ = std::move(enqueue); }

  // The optimiser's view of a plan: candidates, capacity, clashes and
  // balance. Exposed for tests and benchmarks. Each proposal that is not a
  // candidate is added to `not_considered`, when given, with why.
  StatusOr<ProgrammeInstance> InstanceFor(const Caller& caller, int64_t plan_id,
                                          std::vector<NotConsidered>* not_considered = nullptr);

  // Joint decisions, asked through JointDecisions, which applies them when
  // every concerned inspectorate agrees. Each concerns every open CJ
  // inspectorate (a forced decision: the CJ inspectorates taking part, when
  // two or more do). Errors as JointDecisions::Ask, and as each says.
  // FailedPrecondition (R8) unless the plan is a draft, ("empty-programme")
  // if its programme is empty.
  StatusOr<DecisionView> ProposePlanApproval(const Caller& caller, int64_t plan_id);
  // FailedPrecondition ("run-state") unless the run finished with a programme.
  StatusOr<DecisionView> ProposeAdoptRun(const Caller& caller, int64_t run_id);
  // A finished run's programme becomes the plan's draft programme, as a new
  // version of the plan: an agreed plan is a draft again, and agreement
  // asked or given for the earlier version lapses (the inspectorates are
  // asked again about this one). Proposals forced in reach the draft this
  // way, through a run made since. FailedPrecondition ("run-state") unless
  // the run finished with a programme; ("R8") once the plan went to CJ
  // Ministers.
  StatusOr<Plan> UseRunAsDraft(const Caller& caller, int64_t run_id);
  // R3: force in or out (or back to none), with the reason.
  StatusOr<DecisionView> ProposeForce(const Caller& caller, int64_t proposal_id, Forced forced,
                                      const std::string& reason);

  // R8.
  StatusOr<std::vector<MinisterComment>> Comments(const Caller& caller, int64_t plan_id);
  StatusOr<MinisterComment> AddComment(const Caller& caller, MinisterComment comment);
  // Guarded by the comment's `version`: Aborted ("stale-version") with the
  // comment as it is now and what changed since; FailedPrecondition
  // ("published-plan-frozen") once the plan is published.
  StatusOr<MinisterComment> RespondToComment(const Caller& caller, int64_t plan_id,
                                             int64_t comment_id, const std::string& response,
                                             int64_t version);
  StatusOr<Plan> SendToMinisters(const Caller& caller, int64_t plan_id);
  StatusOr<Plan> Publish(const Caller& caller, int64_t plan_id);

  // The business plan's content from the plan's programme.
  StatusOr<PlanDocument> BusinessPlan(const Caller& caller, int64_t plan_id);
  // The programme as rows (header first) for CSV and XLSX.
  StatusOr<std::vector<std::vector<std::string>>> ProgrammeRows(const Caller& caller,
                                                                int64_t plan_id);

  // The audit trail of a "proposal" or "plan", oldest first (a decision's:
  // JointDecisions::History).
  StatusOr<std::vector<AuditEntry>> History(const Caller& caller, const std::string& entity_type,
                                            int64_t id);

  // The shipped criteria sets (R2, R4), once per database.
  Status LoadReferenceData();
  // The 2017-18 programme as a plan, scored by `representatives`
  // (inspectorate id -> user id), once per database. Returns the plan id.
  StatusOr<int64_t> LoadDemoProgramme(const std::map<int64_t, int64_t>& representatives);

 private:
  // What the programme's decisions do once agreed: JointDecisions calls
  // them in the transaction of the last agreement.
  Status ApplyPlanApproval(Transaction& tx, const StoredDecision& d, const Caller& agreed_by,
                           const std::string& now);
  Status ApplyAdoptRun(Transaction& tx, const StoredDecision& d, const Caller& agreed_by,
                       const std::string& now);
  Status ApplyForce(Transaction& tx, const StoredDecision& d, const Caller& agreed_by,
                    const std::string& now);

  // How long past its time limit a claimed run is held before another
  // server may take it as abandoned.
  static constexpr int64_t kRunHoldMarginMicros = 5LL * 60 * 1000000;
  // Claims `run_id` (or the next queued run) for this server.
  StatusOr<std::optional<OptimiserRun>> Claim(std::optional<int64_t> run_id);
  // Solves a claimed run and stores its result (or its error).
  Status CarryOut(OptimiserRun run, MipSolver& solver, const std::function<bool()>& interrupted);
  // Goes on improving a finished run's plan, storing each better one.
  Status Improve(OptimiserRun run, const ProgrammeInstance& instance, const Plan& plan,
                 ProgrammeSchedule best, MipSolver& solver,
                 const std::function<bool()>& interrupted);

  Database& db_;
  const Clock& clock_;
  JointDecisions& decisions_;
  std::function<void(int64_t)> enqueue_;
};

// Carries out queued optimiser runs one at a time on its own thread. The
// queue is the database: runs queued by any server on it are claimed, each
// by exactly one server, when this one queues a run (SetRunQueue) and every
// `poll` besides; runs a stopped server left running are marked failed
// once their hold has passed.
class OptimiserWorker {
 public:
  // `carried_out`, if given, is told each run this worker carried out.
  OptimiserWorker(ProgrammeService& service, std::unique_ptr<MipSolver> solver,
                  std::chrono::milliseconds poll = std::chrono::seconds(2),
                  std::function<void(int64_t)> carried_out = nullptr);
  // Finishes the current run; queued runs stay queued for the next server.
  ~OptimiserWorker();
  // Looks for queued runs now.
  void Wake();

 private:
  void Loop();
  bool Stopping();

  ProgrammeService& service_;
  std::unique_ptr<MipSolver> solver_;
  const std::chrono::milliseconds poll_;
  const std::function<void(int64_t)> carried_out_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool wake_ = true;  // looks at once for runs queued while no server ran
  bool stopping_ = false;
  std::thread thread_;
};

// The business plan's content from the plan's programme, inside `tx`.
StatusOr<PlanDocument> BusinessPlanIn(Transaction& tx, int64_t plan_id);

// A published plan's copy for the public website (store/released_store.h):
// its content holds the whole business plan, for the page and the files.
StatusOr<ReleasedItem> BusinessPlanRelease(Transaction& tx, int64_t plan_id,
                                           const std::string& released_at);

// The business plan held in a released copy's content, as published;
// nullopt for a copy released before copies held all of it.
std::optional<PlanDocument> PlanDocumentFromReleased(const nlohmann::json& content);

}  // namespace jointly
