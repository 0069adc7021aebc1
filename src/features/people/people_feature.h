// People: signing in and out, users and their roles, the
// signed-in account and its API tokens. It also tells the site who each
// caller is.
#pragma once

#include "service/directory_service.h"
#include "service/people_service.h"
#include "web/feature.h"

namespace jointly::web {

class PeopleFeature final : public Feature, public Authenticator {
 public:
  PeopleFeature(PeopleService& people, DirectoryService& directory)
      : people_(people), directory_(directory) {}

  StatusOr<SignedIn> CallerFromApiToken(const std::string& token) override {
    auto found = people_.CallerFromApiToken(token);
    if (!found.ok()) return found.status();
    return SignedIn{found->caller, {}, found->must_change_password};
  }
  StatusOr<SignedIn> CallerFromSession(const std::string& session) override {
    auto found = people_.CallerFromSession(session);
    if (!found.ok()) return found.status();
    return SignedIn{found->caller, found->csrf_token, found->must_change_password};
  }

 private:
  void Register() override {
    DocumentApi();
    RegisterApi();
    RegisterSignInPages();
    RegisterUserPages();
    RegisterAccountPages();
  }
  // The OpenAPI document of the feature's API (people_openapi.cc).
  void DocumentApi();
  void RegisterApi();
  void RegisterSignInPages();
  void RegisterUserPages();
  void RegisterAccountPages();
  auto InspectorateOptions(const Caller& caller, std::optional<int64_t> selected);
  auto UserView(const Caller& caller, const User& u);
  void UserNew(const Request& req, Response& res, RequestContext& ctx);
  void UserEdit(const Request& req, Response& res, RequestContext& ctx);
  void ChangePassword(const Request& req, Response& res, RequestContext& ctx);
  void ShowOnce(Response& res, int64_t user_id, const std::string& password, const char* what);
  void OneTimePassword(const Request& req, Response& res, RequestContext& ctx);

  PeopleService& people_;
  DirectoryService& directory_;
};

}  // namespace jointly::web
