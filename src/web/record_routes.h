// The API of a described record from its use cases: list, get, create,
// change (PATCH with the version read) and delete (DELETE ?version=), each
// reading input strictly and answering with the record's JSON, and each
// documented in the OpenAPI document from the same description.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "service/record_json.h"
#include "web/body_query.h"
#include "web/record_api.h"
#include "web/site.h"

namespace jointly::web {

template <typename T>
struct RecordApi {
  const RecordType<T>& type;
  std::string path = {};         // under /api/v1: "/contacts"
  std::string tag = {};          // the OpenAPI tag: "Consultation"
  std::string schema = {};       // the schema's name: "Contact"
  std::string words = {};        // plural, for summaries: "contacts"
  std::string item_suffix = {};  // after the id, for a record that is part of another: "/mark"
  // Created under its parent, whose id is in the path and set in
  // `parent_field`: "/meetings/{id}/actions" and "meeting_id".
  std::string create_path = {};
  std::string parent_field = {};
  // A page of the records, in the type's order.
  std::function<StatusOr<Page<T>>(const Caller&, const RecordQuery&)> list = {};
  std::function<StatusOr<T>(const Caller&, int64_t)> get = {};
  std::function<StatusOr<T>(const Caller&, T)> create = {};
  std::function<StatusOr<T>(const Caller&, int64_t id, int64_t version,
                            const std::function<Status(T&)>& change)>
      update = {};
  std::function<Status(const Caller&, int64_t id, int64_t version)> remove = {};
};

namespace record_routes {

// What every operation of the record shares: its schema, named and referred
// to as `ref`, and the words of its summaries.
template <typename T>
struct Parts {
  const RecordApi<T>& spec;
  api::Schema ref;
  api::Operation Op(std::string id, std::string summary) const {
    return {.id = std::move(id), .summary = std::move(summary), .tag = spec.tag};
  }
};

template <typename T>
void List(Site& site, const Parts<T>& p) {
  const RecordApi<T>& spec = p.spec;
  site.Route("GET", "/api/v1" + spec.path, Site::Surface::kApi, spec.type.read,
             // Site::Serve has refused any query parameter but the page's.
             [spec](const Request& req, Response& res, RequestContext& ctx) {
               auto paging = ReadPaging(req, 100);
               if (!paging.ok()) return SendProblem(res, paging.status());
               auto page = spec.list(
                   ctx.caller, {.equal = {}, .limit = paging->limit, .offset = paging->offset});
               if (!page.ok()) return SendProblem(res, page.status());
               SendJson(res, 200,
                        PageJson(RecordsJson(spec.type, page->items), page->total, paging->limit,
                                 paging->offset));
             });
  api::Operation op = p.Op("list" + spec.schema + "s", "A page of the " + spec.words);
  op.paged = true;
  op.answer = spec.words;
  op.problems = {403};  // the service may refuse some callers
  op.returns = api::Object({{"items", api::ArrayOf(p.ref)},
                            {"total", api::Integer().Min(0)},
                            {"limit", api::Integer().Min(1)},
                            {"offset", api::Integer().Min(0)}})
                   .Require({"items", "total", "limit", "offset"});
  site.openapi().AddOperation("get", spec.path, op);
}

template <typename T>
void Create(Site& site, const Parts<T>& p) {
  const RecordApi<T>& spec = p.spec;
  const std::string create_path = spec.create_path.empty() ? spec.path : spec.create_path;
  std::string pattern = "/api/v1" + create_path;
  if (auto at = pattern.find("{id}"); at != std::string::npos) pattern.replace(at, 4, R"((\d+))");
  site.Route("POST", pattern, Site::Surface::kApi, spec.type.write,
             [spec](const Request& req, Response& res, RequestContext& ctx) {
               T record{};
               if (!spec.parent_field.empty()) {
                 auto parent = PathId(req);
                 if (!parent) return SendProblem(res, NotFound("No such " + spec.parent_field));
                 spec.type.Find(spec.parent_field)->set(record, FieldValue(*parent));
               }
               JsonObjectReader in(req.body);
               if (Status s = ReadRecordBody(spec.type, in, RecordWrite::kCreate, record);
                   !s.ok()) {
                 return SendProblem(res, s);
               }
               auto created = spec.create(ctx.caller, record);
               if (!created.ok()) return SendProblem(res, created.status());
               SendJson(res, 201, RecordJson(spec.type, *created));
             });
  site.openapi().AddSchema("New" + spec.schema, RecordInputSchema(spec.type, RecordWrite::kCreate));
  api::Operation op = p.Op("create" + spec.schema, "Add one of the " + spec.words);
  op.body = api::Ref("New" + spec.schema);
  op.problems = {409};  // a record it would duplicate
  op.status = 201;
  op.answer = "Added";
  op.returns = p.ref;
  site.openapi().AddOperation("post", create_path, op);
}

template <typename T>
void Get(Site& site, const Parts<T>& p, const std::string& item, const std::string& item_path) {
  const RecordApi<T>& spec = p.spec;
  site.Route("GET", item, Site::Surface::kApi, spec.type.read,
             [spec](const Request& req, Response& res, RequestContext& ctx) {
               auto id = PathId(req);
               if (!id) return SendProblem(res, NotFound("No such " + spec.type.label));
               auto found = spec.get(ctx.caller, *id);
               if (!found.ok()) return SendProblem(res, found.status());
               SendJson(res, 200, RecordJson(spec.type, *found));
             });
  api::Operation op = p.Op("get" + spec.schema, "One of the " + spec.words);
  op.answer = "Found";
  op.returns = p.ref;
  op.problems = {403};  // the service may refuse some callers
  site.openapi().AddOperation("get", item_path, op);
}

template <typename T>
void Update(Site& site, const Parts<T>& p, const std::string& item, const std::string& item_path) {
  const RecordApi<T>& spec = p.spec;
  site.Route("PATCH", item, Site::Surface::kApi, spec.type.write,
             [spec](const Request& req, Response& res, RequestContext& ctx) {
               auto id = PathId(req);
               if (!id) return SendProblem(res, NotFound("No such " + spec.type.label));
               JsonObjectReader in(req.body);
               // Read the body against an empty record first so every bad
               // field is named before anything is read from the database.
               T probe{};
               int64_t version = 0;
               if (Status s = ReadRecordBody(spec.type, in, RecordWrite::kUpdate, probe, &version);
                   !s.ok()) {
                 return SendProblem(res, s);
               }
               auto saved = spec.update(ctx.caller, *id, version, [&](T& record) -> Status {
                 JsonObjectReader again(req.body);
                 return ReadRecordBody(spec.type, again, RecordWrite::kUpdate, record);
               });
               if (!saved.ok()) return SendProblem(res, saved.status());
               SendJson(res, 200, RecordJson(spec.type, *saved));
             });
  site.openapi().AddSchema(spec.schema + "Change",
                           RecordInputSchema(spec.type, RecordWrite::kUpdate));
  api::Operation op = p.Op("change" + spec.schema,
                           "Change one of the " + spec.words +
                               (spec.type.versioned() ? " (send the version you read)" : ""));
  op.body = api::Ref(spec.schema + "Change");
  op.answer = "Changed";
  op.returns = p.ref;
  op.problems = {409};  // a stale version
  site.openapi().AddOperation("patch", item_path, op);
}

template <typename T>
void Delete(Site& site, const Parts<T>& p, const std::string& item, const std::string& item_path) {
  const RecordApi<T>& spec = p.spec;
  site.Route("DELETE", item, Site::Surface::kApi, spec.type.write,
             [spec](const Request& req, Response& res, RequestContext& ctx) {
               auto id = PathId(req);
               if (!id) return SendProblem(res, NotFound("No such " + spec.type.label));
               std::optional<int64_t> version;
               Status s = InvalidArgument("The query is not valid", "required");
               for (const auto& [name, value] : req.params) {
                 if (name != "version") {
                   s.AddFieldError(name, "unknown-parameter",
                                   "\"" + name + "\" is not a parameter here");
                 } else if (!(version = ParseInt(value, 1, INT64_MAX))) {
                   s.AddFieldError(name, "type", "\"version\" must be the version you read");
                 }
               }
               if (!version && s.field_errors().empty()) {
                 s.AddFieldError("version", "required", "\"version\" is required");
               }
               if (!s.field_errors().empty()) return SendProblem(res, s);
               Status removed = spec.remove(ctx.caller, *id, *version);
               if (!removed.ok()) return SendProblem(res, removed);
               res.status = 204;
             });
  api::Operation op = p.Op("delete" + spec.schema,
                           "Delete one of the " + spec.words + " (send the version you read)");
  op.query = {{.name = "version",
               .says = "The version you read; a stale one is refused with 409",
               .schema = api::Integer().Min(1),
               .required = true}};
  op.status = 204;
  op.answer = "Deleted";
  op.problems = {409};  // a stale version, or still in use
  site.openapi().AddOperation("delete", item_path, op);
}

}  // namespace record_routes

template <typename T>
void Site::RegisterRecordApi(const RecordApi<T>& spec) {
  openapi_.AddSchema(spec.schema, RecordSchema(spec.type));
  const record_routes::Parts<T> parts{spec, api::Ref(spec.schema)};
  const std::string item = "/api/v1" + spec.path + R"(/(\d+))" + spec.item_suffix;
  const std::string item_path = spec.path + "/{id}" + spec.item_suffix;
  if (spec.list) record_routes::List(*this, parts);
  if (spec.create) record_routes::Create(*this, parts);
  if (spec.get) record_routes::Get(*this, parts, item, item_path);
  if (spec.update) record_routes::Update(*this, parts, item, item_path);
  if (spec.remove) record_routes::Delete(*this, parts, item, item_path);
}

}  // namespace jointly::web
