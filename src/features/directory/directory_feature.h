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
    DocumentApi();
    RegisterApi();
    RegisterBodyApi();
    RegisterInspectoratePages();
    RegisterBodyPages();
  }
  // The OpenAPI document of the feature's API (directory_openapi.cc).
  void DocumentApi();
  void RegisterApi();
  void RegisterBodyApi();
  void RegisterInspectoratePages();
  void RegisterBodyPages();
  void InspectorateForm(const Request& req, Response& res, RequestContext& ctx);
  void BodyNew(const Request& req, Response& res, RequestContext& ctx);
  void BodyImport(const Request& req, Response& res, RequestContext& ctx);
  // Indicators or single-inspectorate inspections, to propose sites from.
  void SiteDataImport(const Request& req, Response& res, RequestContext& ctx);
  void BodyEdit(const Request& req, Response& res, RequestContext& ctx);

  DirectoryService& directory_;
};

}  // namespace jointly::web
