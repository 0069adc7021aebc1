// The home page: the start page for visitors, and for each signed-in person
// what to do next and the way to the core work of their role.
#pragma once

#include "service/home_service.h"
#include "service/inspection_service.h"
#include "web/feature.h"

namespace jointly::web {

class HomeFeature final : public Feature {
 public:
  HomeFeature(HomeService& home, InspectionService& inspections)
      : home_(home), inspections_(inspections) {}

 private:
  void Register() override { RegisterPages(); }
  void RegisterPages();
  void StartPage(const Request& req, Response& res, RequestContext& ctx);

  HomeService& home_;
  InspectionService& inspections_;  // the reports awaiting the caller's approval
};

}  // namespace jointly::web
