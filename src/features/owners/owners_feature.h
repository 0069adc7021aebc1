// The owners' portal and the quarterly tracker's publication (M 46, R21):
// the people of an owner body answer its recommendations at
// /your-recommendations (a response, checked before it is sent, then
// progress updates), and nothing else; those who keep the tracker invite
// them (/owner-people); the joint secretariat freezes and publishes each
// quarter's tracker (/quarterly-trackers), which the public website shows.
#pragma once

#include "service/owner_service.h"
#include "service/quarterly_tracker.h"
#include "web/feature.h"

namespace jointly::web {

class OwnersFeature final : public Feature {
 public:
  OwnersFeature(OwnerService& owners, QuarterlyTrackers& trackers)
      : owners_(owners), trackers_(trackers) {}

 private:
  void Register() override {
    RegisterPortalPages();
    RegisterStaffPages();
    RegisterApi();
    DocumentApi();
  }
  void RegisterPortalPages();
  void RegisterStaffPages();
  void RegisterApi();
  void DocumentApi();
  void RespondPage(const Request& req, Response& res, RequestContext& ctx);
  void UpdatePage(const Request& req, Response& res, RequestContext& ctx);
  void InvitePage(const Request& req, Response& res, RequestContext& ctx);
  void ReinvitePage(const Request& req, Response& res, RequestContext& ctx);
  void WithdrawPage(const Request& req, Response& res, RequestContext& ctx);
  // An invitation that could not be e-mailed: its one-time password shown
  // once, on a page of its own reached by a redirect (so reloading it
  // invites nobody again), carried there in a short-lived cookie.
  void ShowInvitation(Response& res, const Invitation& invited);
  void InvitedPage(const Request& req, Response& res, RequestContext& ctx);

  OwnerService& owners_;
  QuarterlyTrackers& trackers_;
};

}  // namespace jointly::web
