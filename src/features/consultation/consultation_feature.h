// Consultation on the draft programme: rounds, consultees and their
// contacts, the statutory dispatch register, responses (public and
// recorded), their marking, "you said, we did" and the rotation of leads.
#pragma once

#include "core/clock.h"
#include "features/shared/labels.h"
#include "service/consultation_service.h"
#include "service/directory_service.h"
#include "service/programme_service.h"
#include "web/feature.h"

namespace jointly::web {

class ConsultationFeature final : public Feature {
 public:
  ConsultationFeature(ConsultationService& consultation, ProgrammeService& programme,
                      DirectoryService& directory, const Clock& clock)
      : consultation_(consultation), programme_(programme), directory_(directory), clock_(clock) {}

 private:
  void Register() override {
    RegisterApi();
    RegisterPages();
    RegisterContactPages();
  }
  void RegisterApi();
  void RegisterPages();
  void RegisterContactPages();
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
