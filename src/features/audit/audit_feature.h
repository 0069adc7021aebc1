// The audit trail for administrators: is the chain intact, and what changed
// most recently.
#pragma once

#include "store/database.h"
#include "web/feature.h"

namespace jointly::web {

class AuditFeature final : public Feature {
 public:
  explicit AuditFeature(Database& db) : db_(db) {}

 private:
  void Register() override {
    DocumentApi();
    RegisterApi();
    RegisterPages();
  }
  // The OpenAPI document of the feature's API (audit_openapi.cc).
  void DocumentApi();
  void RegisterApi();
  void RegisterPages();

  Database& db_;
};

}  // namespace jointly::web
