// The recommendations tracker (M 46, R21) for the inspectorates' people and
// the joint secretariat: the register of every recommendation and concern
// of published reports, with filters, pages and downloads; each one's
// page with what its owner reports beside what the inspectorate verified,
// every change with its reason and evidence, every target date, progress
// over time and earlier recommendations that read alike; and the forms and
// /api/v1 operations that record them.
#pragma once

#include <string>

#include "service/tracker_service.h"
#include "web/feature.h"

namespace jointly::web {

class TrackerFeature final : public Feature {
 public:
  explicit TrackerFeature(TrackerService& tracker) : tracker_(tracker) {}

 private:
  void Register() override {
    DocumentApi();
    RegisterApi();
    RegisterListPages();
    RegisterItemPages();
  }
  // The OpenAPI document of the feature's API (tracker_openapi.cc).
  void DocumentApi();
  void RegisterApi();
  void RegisterListPages();
  void RegisterItemPages();
  // The register as CSV or XLSX, filtered as the page or the query says.
  void SendRegister(const Request& req, Response& res, RequestContext& ctx, Surface surface,
                    const std::string& format);
  void ItemPage(const Request& req, Response& res, RequestContext& ctx);
  // One of the forms of a tracked recommendation's page ("response",
  // "update", "reported", "verified", "target"; tracker_forms.cc): GET
  // shows it filled from the record, POST records it and goes back to the
  // recommendation's page, or shows it again as typed with every error.
  void ItemForm(const Request& req, Response& res, RequestContext& ctx, const std::string& form);
  // What `form` sent, recorded on tracked recommendation `id`.
  StatusOr<TrackedRecommendation> Record(const Request& req, const Caller& caller, int64_t id,
                                         const std::string& form);

  TrackerService& tracker_;
};

}  // namespace jointly::web
