// The directory: inspectorates and the bodies they inspect, with import
// and export.
#pragma once

#include "service/directory_service.h"
#include "web/feature.h"

namespace jointly::web {

class DirectoryFeature final : public Feature {
 public:
  explicit DirectoryFeature(DirectoryService& directory) : directory_(directory) {}

 private:
  void Register() override {
    RegisterApi();
    RegisterPages();
  }
  void RegisterApi();
  void RegisterPages();

  DirectoryService& directory_;
};

}  // namespace jointly::web
