// Governance: the Development Group's members, meetings with their agenda
// and decisions, actions, referrals to the Criminal Justice Chief
// Inspectors' Group and reference groups.
#pragma once

#include "core/clock.h"
#include "features/shared/labels.h"
#include "service/consultation_service.h"
#include "service/directory_service.h"
#include "service/governance_service.h"
#include "service/programme_service.h"
#include "web/feature.h"

namespace jointly::web {

class GovernanceFeature final : public Feature {
 public:
  GovernanceFeature(GovernanceService& governance, ConsultationService& consultation,
                    ProgrammeService& programme, DirectoryService& directory, const Clock& clock)
      : governance_(governance),
        consultation_(consultation),
        programme_(programme),
        directory_(directory),
        clock_(clock) {}

 private:
  void Register() override {
    DocumentApi();
    RegisterMemberAndMeetingApi();
    RegisterMeetingBusinessApi();
    RegisterOverviewPages();
    RegisterMeetingPages();
  }
  // The OpenAPI document of the feature's API (governance_openapi.cc).
  void DocumentApi();
  void RegisterMemberAndMeetingApi();
  void RegisterMeetingBusinessApi();

  void RegisterOverviewPages();
  void RegisterMeetingPages();
  auto Overview(const Request& req, Response& res, RequestContext& ctx, const Status& error,
                const std::string& form);
  auto OverviewAction(const std::string& form);
  auto MeetingPage(const Request& req, Response& res, RequestContext& ctx, const Status& error,
                   const std::string& form);
  auto MeetingAction(const std::string& form);
  // A member's own page: change their details, or record that they left.
  void MemberForm(const Request& req, Response& res, RequestContext& ctx);
  // A meeting's own page: change it; once held, its minutes and attendance.
  void MeetingForm(const Request& req, Response& res, RequestContext& ctx);
  Names NamesFor(const Caller& caller) { return web::NamesFor(directory_, caller); }
  ProposalTitles ProposalTitlesFor(const Caller& caller) {
    return web::ProposalTitlesFor(programme_, caller);
  }

  GovernanceService& governance_;
  ConsultationService& consultation_;
  ProgrammeService& programme_;
  DirectoryService& directory_;
  const Clock& clock_;
};

}  // namespace jointly::web
