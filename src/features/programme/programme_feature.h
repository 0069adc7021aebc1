// Programme planning: the long-list of proposals, scoring, plans, the
// optimiser's runs, Ministers' comments, the joint decisions that adopt
// them, and the business plan and programme documents.
#pragma once

#include <cstdio>
#include <memory>

#include "features/shared/labels.h"
#include "planning/solver.h"
#include "service/decision_service.h"
#include "service/directory_service.h"
#include "service/programme_service.h"
#include "web/feature.h"

namespace jointly::web {

class ProgrammeFeature final : public Feature {
 public:
  // Runs the optimiser with `solver` on a worker thread of its own, on runs
  // queued by any server on the database (each carried out by one server,
  // which says so on its standard error); runs a stopped server left
  // unfinished are marked failed.
  // The joint decisions pages and API answer through `decisions`, where
  // `programme` registered its kinds.
  ProgrammeFeature(ProgrammeService& programme, JointDecisions& decisions,
                   DirectoryService& directory, std::unique_ptr<MipSolver> solver)
      : programme_(programme), decisions_(decisions), directory_(directory) {
    (void)programme_.FailAbandonedRuns();
    optimiser_ = std::make_unique<OptimiserWorker>(
        programme_, std::move(solver), std::chrono::seconds(2), [](int64_t run_id) {
          std::fprintf(stderr, "jointly: optimiser run %lld carried out\n",
                       static_cast<long long>(run_id));
        });
  }

 private:
  void Register() override {
    DocumentApi();
    RegisterProposalApi();
    RegisterCriteriaSetApi();
    RegisterRunAndPlanActionApi();
    RegisterDocumentAndDecisionApi();
    RegisterLongListPages();
    RegisterProposalFormPages();
    RegisterProposalPages();
    RegisterCriteriaSetPages();
    RegisterPlanPages();
    RegisterPlanActionPages();
    RegisterBusinessPlanPages();
    RegisterRunPages();
    RegisterDecisionPages();
  }
  // The OpenAPI document of the feature's API (programme_openapi.cc).
  void DocumentApi();
  void RegisterProposalApi();
  void RegisterCriteriaSetApi();
  void RegisterRunAndPlanActionApi();
  void RegisterDocumentAndDecisionApi();

  void RegisterLongListPages();
  void RegisterProposalFormPages();
  void RegisterProposalPages();
  void RegisterCriteriaSetPages();
  void RegisterPlanPages();
  void RegisterPlanActionPages();
  void RegisterBusinessPlanPages();
  void RegisterRunPages();
  void RegisterDecisionPages();
  void ProposalForm(const Request& req, Response& res, RequestContext& ctx,
                    std::optional<int64_t> id);
  void ProposalPage(const Request& req, Response& res, RequestContext& ctx, const Status& error);
  void ScorePage(const Request& req, Response& res, RequestContext& ctx,
                 const CriterionScores* sent, const Status& error);
  void PlanPage(const Request& req, Response& res, RequestContext& ctx, const Status& error);
  void PlansPage(const Request& req, Response& res, RequestContext& ctx, const Status& error);
  auto PlanAction(const std::string& action);
  void PlanForm(const Request& req, Response& res, RequestContext& ctx);
  void DecisionsPage(const Request& req, Response& res, RequestContext& ctx, const Status& error);
  Names NamesFor(const Caller& caller) { return web::NamesFor(directory_, caller); }

  ProgrammeService& programme_;
  JointDecisions& decisions_;
  DirectoryService& directory_;
  std::unique_ptr<OptimiserWorker> optimiser_;
};

}  // namespace jointly::web
