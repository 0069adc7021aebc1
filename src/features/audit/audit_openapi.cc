// The /api/v1 operations of the audit trail, and the schemas of what they
// take and answer, as the OpenAPI document states them. Records described
// once (web/record_routes.h) document themselves; the answers any route
// may give before its handler runs are added from the route (OpenApi::BindRoutes).
#include "features/audit/audit_feature.h"
#include "web/api_schema.h"

namespace jointly::web {

namespace api {
namespace {

using nlohmann::json;

void DocumentAudit(OpenApi& doc) {
  doc.AddSchema("AuditVerification", Object({{"ok", Boolean()},
                                             {"checked", Integer()},
                                             {"first_broken_seq", Integer().OrNull()},
                                             {"reason", String()}})
                                         .Require({"ok", "checked", "first_broken_seq", "reason"}));
  doc.AddOperation("get", "/audit/verify",
                   {.id = "verifyAudit",
                    .summary = "Check the audit trail's hash chain (administrators)",
                    .tag = "Audit",
                    .answer = "The result, naming the first broken entry if any",
                    .returns = Ref("AuditVerification"),
                    .problems = {403}});
}

void Document(OpenApi& doc) {
  doc.AddTag("Audit", "The tamper-evident audit trail");
  DocumentAudit(doc);
}

}  // namespace
}  // namespace api

void AuditFeature::DocumentApi() { api::Document(site().openapi()); }

}  // namespace jointly::web
