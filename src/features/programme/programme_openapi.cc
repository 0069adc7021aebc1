// The /api/v1 operations of proposals, criteria sets, scores, plans, optimiser runs, joint
// decisions and the business plan, and the schemas of what they take and answer, as the OpenAPI
// document states them. Records described once (web/record_routes.h) document themselves; the
// answers any route may give before its handler runs are added from the route
// (OpenApi::BindRoutes).
#include "features/programme/programme_feature.h"
#include "service/inspection_service.h"
#include "web/api_schema.h"

namespace jointly::web {

namespace api {
namespace {

using nlohmann::json;

// What a client writes of a proposal, as the server reads it.
Members ProposalMembers() {
  return {{"title", String().MaxChars(200).NonBlank()},
          {"summary", String().MaxChars(4000)},
          {"background", String().MaxChars(10000)},
          {"scope_and_purpose", String().MaxChars(10000)},
          {"main_question", String().MaxChars(1000)},
          {"type", OneOf(kAllWorkTypes, WorkTypeId).Says("R7")},
          {"part", OneOf(kAllParts, PartId)},
          {"origin", OneOf(kAllOrigins, OriginId)},
          {"status", OneOf(kAllProposalStatuses, ProposalStatusId)},
          {"participants", ArrayOf(Ref("Participation")).MinItems(1).MaxItems(20)},
          {"focus", ArrayOf(OneOf(kAllFocus, FocusId))
                        .MaxItems(static_cast<size_t>(std::size(kAllFocus)))
                        .Says("R5 processes and cross-cutting issues")},
          {"duration_quarters", Integer().Min(1).Max(kMaxDurationQuarters)},
          {"earliest_start",
           String()
               .Pattern("^[0-9]{4}(-[0-9]{2})?[ -][Qq][1-4]$")
               .OrNull()
               .Says("A financial-year quarter such as \"" + std::string(kQuarterExample) + "\"")},
          {"specialist_skills", String().MaxChars(2000)},
          {"clashes_with", ArrayOf(Integer().Min(1)).MaxItems(200)},
          {"contributes_to_improvement", Boolean()},
          {"outcome_focused", Boolean()},
          {"user_perspective", Boolean()}};
}

void DefineProposalSchemas(OpenApi& doc) {
  doc.AddSchema(
      "Participation",
      Object({{"inspectorate_id", Integer().Min(1)},
              {"involvement", OneOf(kAllInvolvements, InvolvementId).Default("support")},
              {"effort_days",
               Integer().Min(0).Max(kMaxEffortDays).Says("Estimated inspector-days in total")}})
          .Require({"inspectorate_id"})
          .Closed());
  const Members written = ProposalMembers();
  doc.AddSchema("NewProposal",
                NewRecord(written, {"title", "type", "participants", "duration_quarters"}));
  doc.AddSchema("ProposalChange", RecordChange(written));
  doc.AddSchema(
      "Proposal",
      Object(written +
             Members{{"id", Integer().Min(1)},
                     {"forced",
                      OneOf(kAllForced, ForcedId).Says("R3, set only by an agreed joint decision")},
                     {"forced_reason", String()},
                     {"version", Integer().Min(1)}}));
  doc.AddSchema("QualifyingTest", Object({{"test", OneOf(kAllQualifyingTests, QualifyingTestId)},
                                          {"applies", Boolean()},
                                          {"passed", Boolean()},
                                          {"reason", String()}}));
  doc.AddSchema(
      "Scoring",
      Object({{"by_inspectorate",
               ArrayOf(Object({{"inspectorate_id", Integer()},
                               {"user_id", Integer()},
                               {"scores", AnyObject().With("additionalProperties", Integer())},
                               {"weighted", Number().Says("0-100")}}))},
              {"count", Integer()},
              {"combined", Number().OrNull()},
              {"spread", Number().OrNull()}}));
  doc.AddSchema("ProposalView", AllOf({Ref("Proposal"),
                                       Object({{"qualifying_tests", ArrayOf(Ref("QualifyingTest"))},
                                               {"qualifies", Boolean()},
                                               {"scoring", Ref("Scoring")}})}));
  doc.AddSchema(
      "ScoresInput",
      Object({{"criteria_set_id", Integer().Min(1).Says("Default: the newest plan's set")},
              {"scores",
               AnyObject()
                   .Says("Criterion id to a score from 0 to 5, for every criterion of the set")
                   .With("additionalProperties", Integer().Min(0).Max(5))
                   .With("maxProperties", 15)
                   .With("propertyNames",
                         Schema().Says("A criterion id").With("pattern", "^0*[1-9][0-9]{0,17}$"))
                   .With("minProperties", 1)}})
          .Require({"scores"})
          .Closed());
  doc.AddSchema("ForceInput",
                Object({{"forced", OneOf(kAllForced, ForcedId)},
                        {"reason", String().MaxChars(2000).Says("Required for in and out (R3)")}})
                    .Require({"forced"})
                    .Closed());
  doc.AddSchema(
      "NewCriteriaSet",
      Object({{"code", String().Pattern("^[a-z0-9-]{1,40}$")},
              {"name", String().MaxChars(200).NonBlank()},
              {"description", String().MaxChars(2000)},
              {"inspectorate_id", Integer().Min(1).OrNull()},
              {"criteria", ArrayOf(Object({{"name", String().MaxChars(200).NonBlank()},
                                           {"description", String().MaxChars(2000)},
                                           {"weight", Number().Min(0).Max(1)}})
                                       .Require({"name"})
                                       .Closed())
                               .MinItems(1)
                               .MaxItems(15)},
              {"pairwise",
               ArrayOf(ArrayOf(Number()).MaxItems(15))
                   .MaxItems(15)
                   .Says("Saaty comparison matrix; when given the weights are derived from it")}})
          .Require({"code", "name", "criteria"})
          .Closed());
  doc.AddSchema(
      "Decision",
      Object({{"id", Integer()},
              {"kind", OneOfIds<DecisionKindName>(
                           {{kProgrammeDecisionKinds, std::size(kProgrammeDecisionKinds)},
                            {kInspectionDecisionKinds, std::size(kInspectionDecisionKinds)}})
                           .Says("What kind of decision it is, named by the feature that "
                                 "asks: the programme's, then an inspection's")},
              {"subject", String()},
              {"state", OneOf(kAllDecisionStates, DecisionStateId)},
              {"plan_id", Integer().OrNull()},
              {"proposal_id", Integer().OrNull()},
              {"run_id", Integer().OrNull()},
              {"inspection_id", Integer().Says("For an inspection's decisions")},
              {"concerned", ArrayOf(Integer())},
              {"awaiting", ArrayOf(Integer())},
              {"responses", ArrayOf(Object({{"inspectorate_id", Integer()},
                                            {"agreed", Boolean()},
                                            {"reason", String()},
                                            {"by_user_id", Integer()},
                                            {"at", String()}}))},
              {"reason", String().Says("For a force decision: why the proposal is forced in "
                                       "or out, as the one who asked gave it")},
              {"raised_by", Integer().Says("The user who asked the inspectorates")},
              {"raised_at", String()},
              {"decided_at", String().OrNull()},
              {"lapsed_at",
               String().OrNull().Says("When a newer version of its subject was put to the "
                                      "inspectorates before every one had answered")},
              {"superseded_by", Integer().OrNull().Says("The decision about the newer version")},
              {"mine_to_answer", Boolean()},
              {"version", Integer()}}));
  doc.AddSchema("DecisionResponseInput",
                Object({{"agree", Boolean()},
                        {"reason", String().MaxChars(2000).Says("Required to decline")}})
                    .Require({"agree"})
                    .Closed());
}

void DocumentProposals(OpenApi& doc) {
  DefineProposalSchemas(doc);
  doc.AddOperation("post", "/proposals",
                   {.id = "createProposal",
                    .summary = "Propose a work stream",
                    .tag = "Programme",
                    .body = Ref("NewProposal"),
                    .status = 201,
                    .answer = "Created",
                    .returns = Ref("Proposal"),
                    .problems = {403, 404}});
  doc.AddOperation("get", "/proposals/{id}",
                   {.id = "getProposal",
                    .summary = "One proposal with its qualifying tests (R1) and scores",
                    .tag = "Programme",
                    .answer = "The proposal",
                    .returns = Ref("ProposalView")});
  doc.AddOperation("patch", "/proposals/{id}",
                   {.id = "updateProposal",
                    .summary = "Change a proposal (not its override)",
                    .tag = "Programme",
                    .body = Ref("ProposalChange"),
                    .answer = "Saved",
                    .returns = Ref("Proposal"),
                    .problems = {403, 409}});
  doc.AddOperation("get", "/proposals/{id}/scores",
                   {.id = "getScores",
                    .summary = "Every representative's scores, combined and spread",
                    .tag = "Programme",
                    .query = {{"criteria_set_id", "Score on this set (default: the newest plan's)",
                               Integer().Min(1)}},
                    .answer = "Scores",
                    .returns = Ref("Scoring")});
  doc.AddOperation("post", "/proposals/{id}/force",
                   {.id = "forceProposal",
                    .summary = "Ask the concerned inspectorates to force a proposal in or out (R3)",
                    .tag = "Programme",
                    .body = Ref("ForceInput"),
                    .status = 201,
                    .answer = "The joint decision raised",
                    .returns = Ref("Decision"),
                    .problems = {403, 409}});
  doc.AddOperation(
      "get", "/proposals",
      {.id = "listProposals",
       .summary = "The long-list, filtered, with qualifying tests and scores",
       .tag = "Programme",
       .query = {{"type", "Type of work", OneOf(kAllWorkTypes, WorkTypeId).Says("R7")},
                 {"lead", "An inspectorate leading or jointly leading", Integer().Min(1)},
                 {"focus", "A process or cross-cutting issue (R5)", OneOf(kAllFocus, FocusId)},
                 {"status", "Status", OneOf(kAllProposalStatuses, ProposalStatusId)},
                 {"min_score", "Combined score at least", Number().Min(0).Max(100)},
                 {"search", "In the title", String().MaxChars(200)},
                 {"criteria_set_id", "Score on this set (default: the newest plan's)",
                  Integer().Min(1)},
                 {"after",
                  "Keyset paging: the id of the last proposal of the page before; the page "
                  "starts right after it",
                  Integer().Min(1)}},
       .paged = true,
       .answer = "A page of the proposals that pass, by id, and how many pass",
       .returns = Object({{"items", ArrayOf(Ref("ProposalView"))},
                          {"total", Integer()},
                          {"limit", Integer()},
                          {"offset", Integer()}})
                      .Require({"items", "total", "limit", "offset"})});
  doc.AddOperation(
      "put", "/proposals/{id}/scores",
      {.id = "putScores",
       .summary =
           "Your inspectorate's scores (Development Group representatives, Chief Inspectors)",
       .tag = "Programme",
       .body = Ref("ScoresInput"),
       .answer = "Scores after yours",
       .returns = Ref("Scoring"),
       .problems = {403}});
}

void DocumentCriteriaSets(OpenApi& doc) {
  doc.AddSchema("CriteriaSet",
                Object({{"id", Integer()},
                        {"code", String()},
                        {"name", String()},
                        {"description", String()},
                        {"inspectorate_id", Integer().OrNull()},
                        {"method", OneOf(kAllWeightMethods, WeightMethodId)},
                        {"pairwise", ArrayOf(ArrayOf(Number()))},
                        {"consistency_ratio", Number()},
                        {"consistent", Boolean().Says("Consistency ratio at most 0.1")},
                        {"criteria", ArrayOf(Object({{"id", Integer()},
                                                     {"name", String()},
                                                     {"description", String()},
                                                     {"weight", Number()}}))},
                        {"version", Integer()}}));
  doc.AddOperation("get", "/criteria-sets/{id}",
                   {.id = "getCriteriaSet",
                    .summary = "One criteria set",
                    .tag = "Programme",
                    .answer = "The set",
                    .returns = Ref("CriteriaSet")});
  doc.AddOperation("get", "/criteria-sets",
                   {.id = "listCriteriaSets",
                    .summary = "Criteria sets (R2, R4 and any added)",
                    .tag = "Programme",
                    .paged = true,
                    .answer = "Sets",
                    .returns = PageOf("CriteriaSet")});
  doc.AddOperation(
      "post", "/criteria-sets",
      {.id = "createCriteriaSet",
       .summary =
           "Add a criteria set, weights direct or from pairwise comparisons (administrators)",
       .tag = "Programme",
       .body = Ref("NewCriteriaSet"),
       .status = 201,
       .answer = "Created",
       .returns = Ref("CriteriaSet"),
       .problems = {403, 404, 409}});
}

// What a client writes of a plan, as the server reads it.
Members PlanMembers() {
  return {{"introduction", String().MaxChars(20000)},
          {"context", String().MaxChars(20000)},
          {"min_process_coverage", Integer().Min(0).Max(10)},
          {"victim_waiver", String().MaxChars(2000)},
          {"criteria_set_id", Integer().Min(1)},
          {"capacity", ArrayOf(Object({{"inspectorate_id", Integer().Min(1)},
                                       {"days_per_quarter", Integer().Min(0).Max(100000)}})
                                   .Require({"inspectorate_id", "days_per_quarter"})
                                   .Closed())
                           .MaxItems(50)}};
}

void DefinePlanSchemas(OpenApi& doc) {
  const Members written = PlanMembers();
  doc.AddSchema(
      "NewPlan",
      NewRecord(written + Members{{"first_year", Integer().Min(2000).Max(2098)}}, {"first_year"}));
  doc.AddSchema("PlanChange", RecordChange(written));
  doc.AddSchema(
      "Plan",
      Object({{"id", Integer()},
              {"year", String()},
              {"first_year", Integer()},
              {"horizon", ArrayOf(String())},
              {"criteria_set_id", Integer()},
              {"state", OneOf(kAllPlanStates, PlanStateId)},
              {"introduction", String()},
              {"context", String()},
              {"min_process_coverage", Integer()},
              {"victim_waiver", String()},
              {"capacity", ArrayOf(Object({{"inspectorate_id", Integer()},
                                           {"days_per_quarter", Integer().Min(0).Max(100000)}})
                                       .Require({"inspectorate_id", "days_per_quarter"}))},
              {"items", ArrayOf(Object({{"proposal_id", Integer()}, {"start_quarter", String()}}))},
              {"version", Integer()}}));
  doc.AddSchema("PlanSummary",
                Object({{"id", Integer()},
                        {"year", String()},
                        {"first_year", Integer()},
                        {"horizon", ArrayOf(String())},
                        {"criteria_set_id", Integer()},
                        {"state", OneOf(kAllPlanStates, PlanStateId)},
                        {"introduction", String()},
                        {"context", String()},
                        {"min_process_coverage", Integer()},
                        {"victim_waiver", String()},
                        {"version", Integer()}})
                    .Says("A plan without its programme and capacity: GET /plans/{id} has them")
                    .Closed());
  doc.AddSchema(
      "OptimiserRun",
      Object({{"id", Integer()},
              {"plan_id", Integer()},
              {"state", OneOf({"queued", "running", "finished", "failed"})},
              {"time_limit_seconds", Integer()},
              {"requested_at", String()},
              {"started_at", String().OrNull()},
              {"finished_at", String().OrNull()},
              {"error", String().OrNull()},
              {"improving", Boolean().Says("The programme is still being improved after the "
                                           "first answer; result holds the best so far")},
              {"result",
               AnyObject().Says(
                   "When finished: proven_optimal, gap, best_bound, seconds, total_priority, "
                   "greedy_total_priority, chosen, capacity (used and left per "
                   "inspectorate and quarter), excluded (with reasons and what displaced "
                   "each), changes against the plan's programme. When infeasible: "
                   "outcome, detail.commitments and detail.capacities. Either way: "
                   "not_considered, each proposal that was not a candidate (proposal_id, "
                   "title, reason). progress: the best total_priority and best_bound "
                   "(with proven_optimal) at each seconds since the run began, from the "
                   "first answer on while the run improves it.")}}));
  doc.AddSchema("MinisterComment", Object({{"id", Integer()},
                                           {"plan_id", Integer()},
                                           {"minister", String()},
                                           {"received_on", Formatted("date")},
                                           {"comment", String()},
                                           {"response", String()},
                                           {"version", Integer()}}));
  doc.AddSchema("NewMinisterComment", Object({{"minister", String().MaxChars(200).NonBlank()},
                                              {"received_on", Formatted("date")},
                                              {"comment", String().MaxChars(10000).NonBlank()},
                                              {"response", String().MaxChars(10000)}})
                                          .Require({"minister", "received_on", "comment"})
                                          .Closed());
  doc.AddSchema("CommentResponse",
                Object({{"response", String().MaxChars(10000).NonBlank()},
                        {"version", Integer().Min(1).Says("The comment's version you read")}})
                    .Require({"response", "version"})
                    .Closed());
  doc.AddSchema("RunInput",
                Object({{"time_limit_seconds", Integer().Min(1).Max(300).Default(10)}}).Closed());
}

void DocumentPlans(OpenApi& doc) {
  DefinePlanSchemas(doc);
  doc.AddOperation("get", "/plans",
                   {.id = "listPlans",
                    .summary = "Yearly business plans, newest first, each without its "
                               "programme and capacity",
                    .tag = "Programme",
                    .paged = true,
                    .answer = "Plans",
                    .returns = PageOf("PlanSummary")});
  doc.AddOperation("post", "/plans",
                   {.id = "createPlan",
                    .summary = "Start a year's plan",
                    .tag = "Programme",
                    .body = Ref("NewPlan"),
                    .status = 201,
                    .answer = "Created",
                    .returns = Ref("Plan"),
                    .problems = {403, 404, 409}});
  doc.AddOperation("get", "/plans/{id}",
                   {.id = "getPlan",
                    .summary = "One plan with capacity and programme",
                    .tag = "Programme",
                    .answer = "The plan",
                    .returns = Ref("Plan")});
  doc.AddOperation("patch", "/plans/{id}",
                   {.id = "updatePlan",
                    .summary = "Change capacity, balance, criteria set or texts",
                    .tag = "Programme",
                    .body = Ref("PlanChange"),
                    .answer = "Saved",
                    .returns = Ref("Plan"),
                    .problems = {403, 409}});
  doc.AddOperation("post", "/plans/{id}/optimiser-runs",
                   {.id = "startRun",
                    .summary = "Queue an optimiser run; poll it until finished",
                    .tag = "Programme",
                    .body = Ref("RunInput"),
                    .body_required = false,
                    .status = 202,
                    .answer = "Queued",
                    .returns = Ref("OptimiserRun"),
                    .problems = {403, 409}});
  doc.AddOperation("post", "/plans/{id}/approval",
                   {.id = "approvePlan",
                    .summary = "Ask every CJ inspectorate to agree the draft programme",
                    .tag = "Programme",
                    .status = 201,
                    .answer = "The joint decision raised",
                    .returns = Ref("Decision"),
                    .problems = {403, 409}});
  doc.AddOperation("post", "/plans/{id}/send-to-ministers",
                   {.id = "sendToMinisters",
                    .summary = "Record that the agreed draft went to CJ Ministers (R8)",
                    .tag = "Programme",
                    .answer = "The plan",
                    .returns = Ref("Plan"),
                    .problems = {403, 409}});
  doc.AddOperation("post", "/plans/{id}/publish",
                   {.id = "publishPlan",
                    .summary = "Publish, once every Minister's comment is answered (R8)",
                    .tag = "Programme",
                    .answer = "The plan",
                    .returns = Ref("Plan"),
                    .problems = {403, 409}});
  doc.AddOperation("post", "/plans/{id}/minister-comments",
                   {.id = "addComment",
                    .summary = "Record a Minister's comment",
                    .tag = "Programme",
                    .body = Ref("NewMinisterComment"),
                    .status = 201,
                    .answer = "Recorded",
                    .returns = Ref("MinisterComment"),
                    .problems = {403, 409}});
  doc.AddOperation("put", "/plans/{id}/minister-comments/{comment_id}/response",
                   {.id = "respondToComment",
                    .summary = "Record the response to a Minister's comment, until the plan "
                               "is published; a stale version is a conflict",
                    .tag = "Programme",
                    .body = Ref("CommentResponse"),
                    .answer = "The comment with its response and new version",
                    .returns = Ref("MinisterComment"),
                    .problems = {403, 409}});
  doc.AddOperation(
      "get", "/plans/{id}/business-plan.pdf",
      Download("businessPlanPdf", "The business plan as a PDF", "Programme", FileType::kPdf));
  doc.AddOperation("get", "/plans/{id}/programme.csv",
                   Download("programmeCsv", "The programme as CSV (UTF-8 with a byte order mark)",
                            "Programme", FileType::kCsv));
  doc.AddOperation("get", "/plans/{id}/optimiser-runs",
                   {.id = "listRuns",
                    .summary = "Recent optimiser runs of a plan",
                    .tag = "Programme",
                    .paged = true,
                    .answer = "Runs",
                    .returns = PageOf("OptimiserRun")});
  doc.AddOperation("get", "/plans/{id}/minister-comments",
                   {.id = "listComments",
                    .summary = "CJ Ministers' comments on the draft (R8)",
                    .tag = "Programme",
                    .paged = true,
                    .answer = "Comments",
                    .returns = PageOf("MinisterComment")});
  doc.AddOperation("get", "/plans/{id}/business-plan.docx",
                   Download("businessPlanDocx", "The business plan as a Word document", "Programme",
                            FileType::kDocx));
  doc.AddOperation(
      "get", "/plans/{id}/programme.xlsx",
      Download("programmeXlsx", "The programme as a spreadsheet", "Programme", FileType::kXlsx));
}

void DocumentOptimiserRuns(OpenApi& doc) {
  doc.AddOperation("post", "/optimiser-runs/{id}/adopt",
                   {.id = "adoptRun",
                    .summary = "Ask every CJ inspectorate to agree a run's programme (R6)",
                    .tag = "Programme",
                    .status = 201,
                    .answer = "The joint decision raised",
                    .returns = Ref("Decision"),
                    .problems = {403, 409}});
  doc.AddOperation("post", "/optimiser-runs/{id}/use-as-draft",
                   {.id = "useRunAsDraft",
                    .summary = "Make a finished run's programme the plan's draft programme, as a "
                               "new version: an agreed plan is a draft again, and agreement to the "
                               "earlier version lapses",
                    .tag = "Programme",
                    .answer = "The plan with its new draft programme",
                    .returns = Ref("Plan"),
                    .problems = {403, 404, 409}});
  doc.AddOperation("post", "/optimiser-runs/{id}/stop-improving",
                   {.id = "stopImproving",
                    .summary = "Stop improving a run's programme (it stops at the end of its "
                               "current round); refused when it is no longer improving",
                    .tag = "Programme",
                    .status = 202,
                    .answer = "Asked to stop",
                    .returns = Ref("OptimiserRun"),
                    .problems = {403, 409}});
  doc.AddOperation(
      "get", "/optimiser-runs/{id}",
      {.id = "getRun",
       .summary = "An optimiser run, with its programme and explanations when finished",
       .tag = "Programme",
       .answer = "The run",
       .returns = Ref("OptimiserRun")});
}

void DocumentDecisions(OpenApi& doc) {
  doc.AddOperation("get", "/decisions",
                   {.id = "listDecisions",
                    .summary = "Joint decisions, newest first",
                    .tag = "Programme",
                    .query = {{"awaiting", "mine: only those your inspectorate has still to answer",
                               OneOf({"mine"})}},
                    .paged = true,
                    .answer = "Decisions",
                    .returns = PageOf("Decision")});
  doc.AddOperation("get", "/decisions/{id}",
                   {.id = "getDecision",
                    .summary = "One joint decision",
                    .tag = "Programme",
                    .answer = "The decision",
                    .returns = Ref("Decision")});
  doc.AddOperation(
      "post", "/decisions/{id}/responses",
      {.id = "respondToDecision",
       .summary =
           "Agree or decline for your own inspectorate; the last agreement puts it into effect",
       .tag = "Programme",
       .body = Ref("DecisionResponseInput"),
       .status = 201,
       .answer = "The decision after your answer",
       .returns = Ref("Decision"),
       .problems = {403, 409}});
}

void Document(OpenApi& doc) {
  doc.AddTag("Programme",
             "Proposals, criteria and scores, plans, the optimiser, joint decisions and the "
             "business plan (R1-R8)");
  DocumentProposals(doc);
  DocumentCriteriaSets(doc);
  DocumentPlans(doc);
  DocumentOptimiserRuns(doc);
  DocumentDecisions(doc);
}

}  // namespace
}  // namespace api

void ProgrammeFeature::DocumentApi() { api::Document(site().openapi()); }

}  // namespace jointly::web
