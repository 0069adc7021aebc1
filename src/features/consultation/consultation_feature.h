// Consultation on the draft programme: rounds, consultees and their
// contacts, the statutory dispatch register, responses (public and
// recorded), their marking, "you said, we did" and the rotation of leads.
#pragma once

#include <functional>
#include <optional>

#include "core/clock.h"
#include "features/shared/labels.h"
#include "service/consultation_service.h"
#include "service/directory_service.h"
#include "service/programme_service.h"
#include "web/feature.h"
#include "web/page_helpers.h"

namespace jointly::web {

class ConsultationFeature final : public Feature {
 public:
  ConsultationFeature(ConsultationService& consultation, ProgrammeService& programme,
                      DirectoryService& directory, const Clock& clock)
      : consultation_(consultation), programme_(programme), directory_(directory), clock_(clock) {}

 private:
  void Register() override {
    DocumentApi();
    RegisterRoundApi();
    RegisterResponseApi();
    RegisterDocumentAndPublicApi();
    RegisterRoundListPages();
    RegisterNewRoundPages();
    RegisterRoundPages();
    RegisterResponsePages();
    RegisterSummaryPages();
    RegisterPublicResponsePages();
    RegisterContactPages();
  }
  // The OpenAPI document of the feature's API (consultation_openapi.cc).
  void DocumentApi();
  void RegisterRoundApi();
  void RegisterResponseApi();
  void RegisterDocumentAndPublicApi();
  // What the consultation document and covering letter are made from, with
  // the link to the public form and the draft programme consulted on.
  StatusOr<ConsultationPack> DocumentPack(const Caller& caller, int64_t id, const Request& req);
  // The draft programme a round consults on: the business plan of its first
  // year, if there is one.
  std::optional<PlanDocument> DraftProgramme(const Caller& caller, const ConsultationRound& round);

  void RegisterRoundListPages();
  void RegisterNewRoundPages();
  void RegisterRoundPages();
  void RegisterResponsePages();
  void RegisterSummaryPages();
  void RegisterPublicResponsePages();
  void RoundForm(const Request& req, Response& res, RequestContext& ctx);
  void RoundPage(const Request& req, Response& res, RequestContext& ctx, const Status& error,
                 const std::string& form);
  auto RoundAction(const std::string& action);
  // The step that asks before an act on a round: `ask` words it from the
  // round.
  auto ConfirmOnRound(std::function<Confirmation(const ConsultationRound&)> ask);
  void ResponsesPage(const Request& req, Response& res, RequestContext& ctx, const Status& error);
  void Form(const Request& req, Response& res, RequestContext& ctx, const ConsultationRound& round,
            bool has_draft_programme, const ConsultationResponse& entered, const Status& error,
            int status, bool has_welsh = false);
  void RegisterContactPages();
  void ContactsPage(const Request& req, Response& res, RequestContext& ctx);
  void ContactForm(const Request& req, Response& res, RequestContext& ctx);
  void ContactDelete(const Request& req, Response& res, RequestContext& ctx);
  Names NamesFor(const Caller& caller) { return web::NamesFor(directory_, caller); }
  ProposalTitles ProposalTitlesFor(const Caller& caller) {
    return web::ProposalTitlesFor(programme_, caller);
  }

  ConsultationService& consultation_;
  ProgrammeService& programme_;
  DirectoryService& directory_;
  const Clock& clock_;
};

}  // namespace jointly::web
