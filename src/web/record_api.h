// A described record on the API: its JSON body read strictly (every bad,
// read-only or unknown member named at once), and its OpenAPI schemas and
// operations generated from the same description, so the document states
// every limit the server enforces.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "domain/record.h"
#include "web/api_schema.h"
#include "web/http.h"

namespace jointly::web {

enum class RecordWrite { kCreate, kUpdate };

// Reads one writable field of a JSON body into `value`; absent members
// leave it unchanged (a create then reports required ones).
void ReadFieldJson(const FieldSpec& field, JsonObjectReader& in, RecordWrite mode,
                   FieldValue& value);

// Reads the writable members present in the body into `record`; on a
// create, required fields must be present; on an update of a versioned
// type, "version" must be, and is returned in `version`. The reader's
// Finish() reports every problem, merged with the shape of the fields read.
template <typename T>
Status ReadRecordBody(const RecordType<T>& type, JsonObjectReader& in, RecordWrite mode, T& record,
                      int64_t* version = nullptr) {
  for (const auto& f : type.fields) {
    if (f.type == FieldType::kVersion && mode == RecordWrite::kUpdate) {
      if (auto v = in.Int("version", 1, INT64_MAX, true); v && version) *version = *v;
      continue;
    }
    if (!f.writable || !in.Has(f.name)) {
      if (f.writable && mode == RecordWrite::kCreate && f.required) {
        in.AddError(f.name, "required", "\"" + f.name + "\" is required: " + f.what);
      }
      continue;
    }
    FieldValue value = f.get(record);
    ReadFieldJson(f, in, mode, value);
    f.set(record, value);
  }
  Status read = in.Finish();
  if (read.ok()) return read;
  // Name every bad field at once: the shape of what was readable too.
  Validation shape;
  for (const auto& f : type.fields) {
    if (f.writable && in.Has(f.name)) CheckFieldShape(f, f.get(record), shape);
  }
  return MergeFieldErrors(std::move(read), shape.Finish());
}

// JSON Schema of one field's value, with every limit CheckFieldShape
// enforces.
nlohmann::json FieldSchema(const FieldSpec& field);

// The record as the API returns it: every field, all present.
template <typename T>
nlohmann::json RecordSchema(const RecordType<T>& type) {
  nlohmann::json props = nlohmann::json::object();
  nlohmann::json required = nlohmann::json::array();
  for (const auto& f : type.fields) {
    props[f.name] = FieldSchema(f);
    required.push_back(f.name);
  }
  return {{"type", "object"}, {"properties", props}, {"required", required}};
}

// What a client sends to create (every required field) or change (any
// writable field, with the version it read) the record.
template <typename T>
nlohmann::json RecordInputSchema(const RecordType<T>& type, RecordWrite mode) {
  nlohmann::json props = nlohmann::json::object();
  nlohmann::json required = nlohmann::json::array();
  for (const auto& f : type.fields) {
    if (f.type == FieldType::kVersion && mode == RecordWrite::kUpdate) {
      props[f.name] = {{"type", "integer"},
                       {"minimum", 1},
                       {"description", "The version you read; a stale one is refused with 409"}};
      required.push_back(f.name);
      continue;
    }
    if (!f.writable) continue;
    props[f.name] = FieldSchema(f);
    if (mode == RecordWrite::kCreate && f.required) required.push_back(f.name);
  }
  nlohmann::json schema = {
      {"type", "object"}, {"properties", props}, {"additionalProperties", false}};
  if (!required.empty()) schema["required"] = required;
  return schema;
}

// A route of the API as the server registered it: what decides the
// answers it can give before its handler runs.
struct ApiRoute {
  std::string method;   // "GET"
  std::string pattern;  // the route's regular expression: "/api/v1/bodies/(\\d+)"
  Permission permission;
  // Whether a person who must still change a one-time password is served
  // (otherwise they are answered 409).
  bool before_password_change = false;
  // Filled by OpenApi::BindRoutes: the query parameters its operations
  // document; the server refuses any other.
  std::set<std::string> query;
};

// The OpenAPI document: the operations each feature documents and the
// schemas of its records, in a frame holding what every operation shares
// (info, security, problem responses).
class OpenApi {
 public:
  // The document's frame: info, security schemes, the shared parameters
  // and problem answers.
  OpenApi();

  // `path` as OpenAPI writes it, under /api/v1 ("/contacts/{id}").
  void AddOperation(const std::string& method, const std::string& path, nlohmann::json operation);
  void AddOperation(const std::string& method, const std::string& path,
                    const api::Operation& operation) {
    AddOperation(method, path, api::OperationJson(operation));
  }
  void AddSchema(const std::string& name, nlohmann::json schema);
  // A group of operations (an operation's tag), listed in the order added.
  void AddTag(const std::string& name, const std::string& description);

  // Matches every documented operation to the first route that serves it,
  // as the router does, and adds to the operation the answers any request
  // to that route may get before its handler runs: 400 (query text that is
  // not UTF-8, an unknown query parameter, an unreadable request), 404 when
  // its path names a record (by {id}) that does not exist, 500, and
  // by the route's permission and method 401, 403 (roles; the CSRF token of
  // a session), 409 (a one-time password to change first), and where the
  // operation takes a body 413 and 415 (too large, or not JSON). Sets each route's `query` to the
  // query parameters its operations document. Internal naming the first operation no route serves,
  // or the first route no operation documents.
  Status BindRoutes(std::vector<ApiRoute>& routes);
  const nlohmann::json& document() const { return doc_; }

 private:
  nlohmann::json doc_;
};

// Response refs shared by operations: {"401": {"$ref": ...}, ...} for the
// given statuses.
nlohmann::json ProblemResponses(std::initializer_list<int> statuses);

}  // namespace jointly::web
