// The home page: the start page for visitors, and for each signed-in person
// what to do next and the way to the core work of their role.
#pragma once

#include "service/home_service.h"
#include "web/feature.h"

namespace jointly::web {

class HomeFeature final : public Feature {
 public:
  explicit HomeFeature(HomeService& home) : home_(home) {}

 private:
  void Register() override { RegisterPages(); }
  void RegisterPages();
  void StartPage(const Request& req, Response& res, RequestContext& ctx);

  HomeService& home_;
};

}  // namespace jointly::web
