// The API of a described record from its use cases: list, get, create,
// change (PATCH with the version read) and delete (DELETE ?version=), each
// reading input strictly and answering with the record's JSON, and each
// documented in the OpenAPI document from the same description.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "service/record_json.h"
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
  std::function<StatusOr<std::vector<T>>(const Caller&)> list = {};
  std::function<StatusOr<T>(const Caller&, int64_t)> get = {};
  std::function<StatusOr<T>(const Caller&, T)> create = {};
  std::function<StatusOr<T>(const Caller&, int64_t id, int64_t version,
                            const std::function<Status(T&)>& change)>
      update = {};
  std::function<Status(const Caller&, int64_t id, int64_t version)> remove = {};
};

template <typename T>
void Site::RegisterRecordApi(const RecordApi<T>& spec) {
  using nlohmann::json;
  const auto api = Surface::kApi;
  const RecordType<T>& type = spec.type;
  const std::string base = "/api/v1" + spec.path;
  const std::string item = base + R"(/(\d+))" + spec.item_suffix;
  const std::string item_path = spec.path + "/{id}" + spec.item_suffix;
  const json ref = {{"$ref", "#/components/schemas/" + spec.schema}};
  auto body_of = [](const json& schema) {
    return json{{"required", true}, {"content", {{"application/json", {{"schema", schema}}}}}};
  };
  auto ok_with = [](const std::string& words, const json& schema) {
    return json{{"description", words}, {"content", {{"application/json", {{"schema", schema}}}}}};
  };
  auto with = [](json responses, const json& more) {
    for (auto it = more.begin(); it != more.end(); ++it) responses[it.key()] = it.value();
    return responses;
  };
  openapi_.AddSchema(spec.schema, RecordSchema(type));
  // Every signed-in operation may answer 409 until a one-time password is
  // changed.
  const json signed_in = ProblemResponses({401, 403, 409});

  if (spec.list) {
    Route("GET", base, api, type.read,
          // App::Serve has refused any query parameter: the list takes none.
          [spec](const Request&, Response& res, RequestContext& ctx) {
            auto all = spec.list(ctx.caller);
            if (!all.ok()) return SendProblem(res, all.status());
            SendJson(res, 200, {{"items", RecordsJson(spec.type, *all)}, {"total", all->size()}});
          });
    json list_schema = {{"type", "object"},
                        {"required", {"items", "total"}},
                        {"properties",
                         {{"items", {{"type", "array"}, {"items", ref}}},
                          {"total", {{"type", "integer"}, {"minimum", 0}}}}}};
    openapi_.AddOperation("get", spec.path,
                          {{"operationId", "list" + spec.schema + "s"},
                           {"summary", "Every one of the " + spec.words},
                           {"tags", {spec.tag}},
                           {"responses", with({{"200", ok_with(spec.words, list_schema)}},
                                              with(signed_in, ProblemResponses({400})))}});
  }
  if (spec.create) {
    const std::string create_path = spec.create_path.empty() ? spec.path : spec.create_path;
    std::string pattern = "/api/v1" + create_path;
    if (auto at = pattern.find("{id}"); at != std::string::npos) {
      pattern.replace(at, 4, R"((\d+))");
    }
    Route("POST", pattern, api, type.write,
          [spec](const Request& req, Response& res, RequestContext& ctx) {
            T record{};
            if (!spec.parent_field.empty()) {
              auto parent = PathId(req);
              if (!parent) return SendProblem(res, NotFound("No such " + spec.parent_field));
              spec.type.Find(spec.parent_field)->set(record, FieldValue(*parent));
            }
            JsonObjectReader in(req.body);
            if (Status s = ReadRecordBody(spec.type, in, RecordWrite::kCreate, record); !s.ok()) {
              return SendProblem(res, s);
            }
            auto created = spec.create(ctx.caller, record);
            if (!created.ok()) return SendProblem(res, created.status());
            SendJson(res, 201, RecordJson(spec.type, *created));
          });
    openapi_.AddSchema("New" + spec.schema, RecordInputSchema(type, RecordWrite::kCreate));
    json create = {{"operationId", "create" + spec.schema},
                   {"summary", "Add one of the " + spec.words},
                   {"tags", {spec.tag}},
                   {"requestBody", body_of({{"$ref", "#/components/schemas/New" + spec.schema}})},
                   {"responses", with({{"201", ok_with("Added", ref)}},
                                      with(signed_in, ProblemResponses({400, 413, 415})))}};
    if (!spec.parent_field.empty()) {
      create["responses"]["404"] = ProblemResponses({404})["404"];
    }
    openapi_.AddOperation("post", create_path, std::move(create));
  }
  if (spec.get) {
    Route("GET", item, api, type.read,
          [spec](const Request& req, Response& res, RequestContext& ctx) {
            auto id = PathId(req);
            if (!id) return SendProblem(res, NotFound("No such " + spec.type.label));
            auto found = spec.get(ctx.caller, *id);
            if (!found.ok()) return SendProblem(res, found.status());
            SendJson(res, 200, RecordJson(spec.type, *found));
          });
    openapi_.AddOperation("get", item_path,
                          {{"operationId", "get" + spec.schema},
                           {"summary", "One of the " + spec.words},
                           {"tags", {spec.tag}},
                           {"responses", with({{"200", ok_with("Found", ref)}},
                                              with(signed_in, ProblemResponses({404})))}});
  }
  if (spec.update) {
    Route("PATCH", item, api, type.write,
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
    openapi_.AddSchema(spec.schema + "Change", RecordInputSchema(type, RecordWrite::kUpdate));
    openapi_.AddOperation(
        "patch", item_path,
        {{"operationId", "change" + spec.schema},
         {"summary", "Change one of the " + spec.words + " (send the version you read)"},
         {"tags", {spec.tag}},
         {"requestBody", body_of({{"$ref", "#/components/schemas/" + spec.schema + "Change"}})},
         {"responses", with({{"200", ok_with("Changed", ref)}},
                            with(signed_in, ProblemResponses({400, 404, 413, 415})))}});
  }
  if (spec.remove) {
    Route("DELETE", item, api, type.write,
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
    openapi_.AddOperation(
        "delete", item_path,
        {{"operationId", "delete" + spec.schema},
         {"summary", "Delete one of the " + spec.words + " (send the version you read)"},
         {"tags", {spec.tag}},
         {"parameters",
          {{{"name", "version"},
            {"in", "query"},
            {"required", true},
            {"description", "The version you read; a stale one is refused with 409"},
            {"schema", {{"type", "integer"}, {"minimum", 1}}}}}},
         {"responses", with({{"204", {{"description", "Deleted"}}}},
                            with(signed_in, ProblemResponses({400, 404})))}});
  }
}

}  // namespace jointly::web
