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
  doc.AddSchema(
      "AuditVerification",
      Object({{"ok", Boolean()},
              {"checked", Integer().Says("Entries checked now, after the checkpoint")},
              {"checkpoint", Integer().Min(0).Says("Entries 1 to this one were found intact by "
                                                   "an earlier check and not read again")},
              {"first_broken_seq", Integer().OrNull()},
              {"reason", String()}})
          .Require({"ok", "checked", "checkpoint", "first_broken_seq", "reason"}));
  doc.AddOperation(
      "get", "/audit/verify",
      {.id = "verifyAudit",
       .summary = "Check the audit trail's hash chain (administrators)",
       .tag = "Audit",
       .description = "Checks the entries written since the last intact check (the checkpoint) "
                      "and that the checkpoint's entry is unchanged, then moves the checkpoint "
                      "to the newest entry. `jointly audit verify` checks the whole chain.",
       .answer = "The result, naming the first broken entry if any",
       .returns = Ref("AuditVerification"),
       .problems = {403}});
  doc.AddOperation(
      "get", "/audit/entries",
      {.id = "listAuditEntries",
       .summary = "The audit trail's entries, newest first (administrators)",
       .tag = "Audit",
       .query = {{"entity_type", "Only entries about this kind of record (body, user, ...)",
                  String().MaxChars(40).Pattern("^[a-z_]+$")},
                 {"entity_id", "Only entries about this record (with entity_type)",
                  Integer().Min(1)},
                 {"actor",
                  "Only entries made by someone whose e-mail address (or system) or name holds "
                  "this text, in any case",
                  String().MaxChars(320).NonBlank()},
                 {"from", "Only entries on or after this day", Formatted("date")},
                 {"to", "Only entries on or before this day", Formatted("date")}},
       .paged = true,
       .answer = "A page of entries",
       .returns = Ref("AuditEntryPage"),
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
