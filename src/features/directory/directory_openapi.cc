// The /api/v1 operations of inspectorates and inspected bodies, and the schemas of what they
// take and answer, as the OpenAPI document states them. Records described
// once (web/record_routes.h) document themselves; the answers any route
// may give before its handler runs are added from the route (OpenApi::BindRoutes).
#include "features/directory/directory_feature.h"
#include "web/api_schema.h"

namespace jointly::web {

namespace api {
namespace {

using nlohmann::json;

void DocumentInspectorates(OpenApi& doc) {
  doc.AddSchema(
      "Inspectorate",
      Object({{"id", Integer()},
              {"code", String()},
              {"short_name", String()},
              {"full_name", String()},
              {"kind", OneOf(kAllInspectorateKinds, InspectorateKindId)},
              {"is_criminal_justice", Boolean()},
              {"closed_year", Integer().OrNull()},
              {"findings", OneOf(kAllFindingsStyles, FindingsStyleId)
                               .Says("What its reports raise when it leads (R19)")},
              {"sends_embargoed_copies",
               Boolean().Says("Sends embargoed copies 5 days before publication (R21)")},
              {"senior_oversight_title", String().Says("Senior oversight role (R12)")},
              {"head_name", String().Says("Who leads it: its Chief Inspector or head")},
              {"head_title", String().Says("Their title, as documents print it")},
              {"address", String().Says("Postal address, on one line")},
              {"website", String()},
              {"email", String().Says("Where responses and queries are sent")},
              {"queries_name", String().Says("The person named for queries")},
              {"sponsoring_department",
               String().Says("The government department that sponsors it and receives its "
                             "embargoed copies (R21)")},
              {"version", Integer()}})
          .Require({"id", "code", "short_name", "full_name", "kind", "is_criminal_justice",
                    "closed_year", "findings", "sends_embargoed_copies", "senior_oversight_title",
                    "head_name", "head_title", "address", "website", "email", "queries_name",
                    "sponsoring_department", "version"}));
  doc.AddSchema(
      "InspectorateChange",
      Object({{"version", Integer().Min(1).Says("The version you are changing")},
              {"short_name", String().MaxChars(40).NonBlank()},
              {"full_name", String().MaxChars(200).NonBlank()},
              {"senior_oversight_title", String().MaxChars(100)},
              {"head_name", String().MaxChars(200)},
              {"head_title", String().MaxChars(200)},
              {"address", String().MaxChars(300)},
              {"website", String().MaxChars(200)},
              {"email", String().MaxChars(200).With("anyOf", json::array({{{"pattern", "^\\s*$"}},
                                                                          {{"format", "email"}}}))},
              {"queries_name", String().MaxChars(200)},
              {"sponsoring_department", String().MaxChars(200)},
              {"sends_embargoed_copies", Boolean()},
              {"findings", OneOf(kAllFindingsStyles, FindingsStyleId)},
              {"closed_year", Integer().Min(1800).Max(2200).OrNull()}})
          .Require({"version"})
          .Closed());
  doc.AddSchema("AuditEntry", Object({{"seq", Integer()},
                                      {"at", Formatted("date-time")},
                                      {"actor_id", Integer()},
                                      {"actor", String()},
                                      {"action", String()},
                                      {"entity_type", String()},
                                      {"entity_id", Integer()},
                                      {"before", AnyObject().OrNull()},
                                      {"after", AnyObject().OrNull()},
                                      {"hash", String()}})
                                  .Require({"seq", "at", "actor", "action", "entity_type",
                                            "entity_id", "before", "after", "hash"}));
  doc.AddSchema("InspectoratePage", Object({{"items", ArrayOf(Ref("Inspectorate"))},
                                            {"total", Integer()},
                                            {"limit", Integer()},
                                            {"offset", Integer()}})
                                        .Require({"items", "total", "limit", "offset"}));
  doc.AddSchema("BodyPage", Object({{"items", ArrayOf(Ref("Body"))},
                                    {"total", Integer()},
                                    {"limit", Integer()},
                                    {"offset", Integer()}})
                                .Require({"items", "total", "limit", "offset"}));
  doc.AddSchema("AuditEntryPage", Object({{"items", ArrayOf(Ref("AuditEntry"))},
                                          {"total", Integer()},
                                          {"limit", Integer()},
                                          {"offset", Integer()}})
                                      .Require({"items", "total", "limit", "offset"}));
  doc.AddOperation("get", "/inspectorates",
                   {.id = "listInspectorates",
                    .summary = "List inspectorates and joint bodies",
                    .tag = "Directory",
                    .paged = true,
                    .answer = "A page of inspectorates",
                    .returns = Ref("InspectoratePage")});
  doc.AddOperation("get", "/inspectorates/{id}",
                   {.id = "getInspectorate",
                    .summary = "One inspectorate",
                    .tag = "Directory",
                    .answer = "The inspectorate",
                    .returns = Ref("Inspectorate")});
  doc.AddOperation("patch", "/inspectorates/{id}",
                   {.id = "updateInspectorate",
                    .summary = "Change an inspectorate (administrators)",
                    .tag = "Directory",
                    .body = Ref("InspectorateChange"),
                    .answer = "Changed",
                    .returns = Ref("Inspectorate"),
                    .problems = {403, 409}});
  doc.AddOperation("get", "/inspectorates/{id}/history",
                   {.id = "getInspectorateHistory",
                    .summary = "Every change to an inspectorate",
                    .tag = "Directory",
                    .paged = true,
                    .answer = "Oldest first",
                    .returns = Ref("AuditEntryPage")});
}

// What a client writes of an inspected body, as the server reads it.
Members BodyMembers() {
  return {{"code", String()
                       .MaxChars(kMaxCodeLength)
                       .Pattern("^[A-Z0-9_-]+$")
                       .Says("Unique code, such as HMP-BERWYN")
                       .With("minLength", 1)},
          {"name", String().MaxChars(kMaxNameLength).NonBlank()},
          {"type", OneOf(kAllBodyTypes, BodyTypeId)},
          {"region", String().MaxChars(kMaxRegionLength)},
          {"nation", OneOf(kAllNations, NationId)},
          {"in_london", Boolean()},
          {"active", Boolean()},
          {"address", String()
                          .MaxChars(kMaxAddressLength)
                          .Says("Postal address on one line, printed under the addressee of a "
                                "commissioning letter")}};
}

void DocumentBodies(OpenApi& doc) {
  const Members written = BodyMembers();
  doc.AddSchema("Body",
                Object(written + Members{{"id", Integer().Min(1)}, {"version", Integer().Min(1)}})
                    .Require({"id", "version", "code", "name", "type", "region", "nation",
                              "in_london", "active", "address"}));
  doc.AddSchema("NewBody", NewRecord(written, {"code", "name", "type", "nation"}));
  doc.AddSchema("BodyChange", RecordChange(written));
  doc.AddSchema("ImportSummary",
                Object({{"created", Integer()}, {"updated", Integer()}, {"unchanged", Integer()}})
                    .Require({"created", "updated", "unchanged"}));
  doc.AddOperation("post", "/bodies",
                   {.id = "createBody",
                    .summary = "Add an inspected body (secretariat, administrators)",
                    .tag = "Directory",
                    .body = Ref("NewBody"),
                    .status = 201,
                    .answer = "Added",
                    .returns = Ref("Body"),
                    .problems = {403}});
  doc.AddOperation("get", "/bodies/{id}",
                   {.id = "getBody",
                    .summary = "One inspected body",
                    .tag = "Directory",
                    .answer = "The body",
                    .returns = Ref("Body")});
  doc.AddOperation("patch", "/bodies/{id}",
                   {.id = "updateBody",
                    .summary = "Change an inspected body",
                    .tag = "Directory",
                    .description = "Send the version you read; if someone changed the body since, "
                                   "the answer is 409 with the current record and what changed.",
                    .body = Ref("BodyChange"),
                    .answer = "Changed",
                    .returns = Ref("Body"),
                    .problems = {403, 409}});
  doc.AddOperation("get", "/bodies/{id}/history",
                   {.id = "getBodyHistory",
                    .summary = "Every change to an inspected body",
                    .tag = "Directory",
                    .paged = true,
                    .answer = "Oldest first",
                    .returns = Ref("AuditEntryPage")});
  doc.AddOperation("get", "/bodies/export.csv",
                   {.id = "exportBodies",
                    .summary = "All inspected bodies as CSV",
                    .tag = "Directory",
                    .answer = "UTF-8 CSV with a byte order mark, for Excel",
                    .returns = String(),
                    .returns_type = "text/csv"});
  doc.AddOperation("post", "/bodies/import",
                   {.id = "importBodies",
                    .summary = "Import inspected bodies from CSV, all or nothing",
                    .tag = "Directory",
                    .description = "Every line is checked first; if any is bad, nothing is saved "
                                   "and each bad line is named in errors. A good file is saved "
                                   "a few hundred lines at a time, so that other changes are "
                                   "not held up while a large file is imported.",
                    .body = String(),
                    .body_type = "text/csv",
                    .answer = "Imported",
                    .returns = Ref("ImportSummary"),
                    .problems = {403}});
  doc.AddOperation(
      "post", "/bodies/indicators/import",
      {.id = "importBodyIndicators",
       .summary = "Import inspected bodies' indicators from CSV, all or nothing",
       .tag = "Directory",
       .description = "Columns body_code, performance (a band such as good, or a number), "
                      "performance_measure (what the number measures), size and size_measure. "
                      "A body's line replaces its indicators. Every line is checked first; if "
                      "any is bad, nothing is saved and each bad line is named in errors.",
       .body = String(),
       .body_type = "text/csv",
       .answer = "Imported",
       .returns = Ref("ImportSummary"),
       .problems = {403}});
  doc.AddOperation(
      "post", "/bodies/inspections/import",
      {.id = "importPastInspections",
       .summary = "Import single-inspectorate inspections of bodies from CSV, all or nothing",
       .tag = "Directory",
       .description = "Columns body_code, inspectorate (its code), date and title; they count "
                      "to each body's inspection burden when sites are proposed. One already "
                      "imported is unchanged. Every line is checked first; if any is bad, "
                      "nothing is saved and each bad line is named in errors.",
       .body = String(),
       .body_type = "text/csv",
       .answer = "Imported",
       .returns = Ref("ImportSummary"),
       .problems = {403}});
  doc.AddOperation(
      "get", "/bodies",
      {.id = "listBodies",
       .summary = "List inspected bodies",
       .tag = "Directory",
       .query = {{"search", "Part of the name or code, any case", String().MaxChars(100)},
                 {"type", "Body type", OneOf(kAllBodyTypes, BodyTypeId)},
                 {"nation", "Nation", OneOf(kAllNations, NationId)},
                 {"region", "Region, exactly", String().MaxChars(100)},
                 {"in_london", "yes or no", OneOf({"yes", "no"})},
                 {"active", "yes or no", OneOf({"yes", "no"})},
                 {"after",
                  "Keyset paging: the id of the last body of the page before; the page starts "
                  "right after it, as fast at any depth (not with search, which is paged by "
                  "offset, best match first)",
                  Integer().Min(1)},
                 {"after_name",
                  "With after: the name that body had on the page before. The page then "
                  "starts after that name even if the body has been renamed since",
                  String().MaxChars(200)}},
       .paged = true,
       .answer = "A page of bodies, by name",
       .returns = Ref("BodyPage")});
}

void Document(OpenApi& doc) {
  doc.AddTag("Directory", "Inspectorates and inspected bodies");
  DocumentInspectorates(doc);
  DocumentBodies(doc);
}

}  // namespace
}  // namespace api

void DirectoryFeature::DocumentApi() { api::Document(site().openapi()); }

}  // namespace jointly::web
