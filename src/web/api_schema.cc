#include "web/api_schema.h"

#include "web/record_api.h"

namespace jointly::web::api {

using nlohmann::json;

Schema Schema::OrNull() const {
  Schema s = *this;
  using nlohmann::json;  // not the member function
  if (s.j_.contains("$ref")) {
    return Schema(json{{"anyOf", json::array({s.j_, {{"type", "null"}}})}});
  }
  if (s.j_.contains("type") && s.j_["type"].is_string()) {
    s.j_["type"] = json::array({s.j_["type"], "null"});
  }
  return s;
}

Schema String() { return Schema(json{{"type", "string"}}); }
Schema Integer() { return Schema(json{{"type", "integer"}}); }
Schema Number() { return Schema(json{{"type", "number"}}); }
Schema Boolean() { return Schema(json{{"type", "boolean"}}); }
Schema AnyObject() { return Schema(json{{"type", "object"}}); }
Schema Formatted(std::string_view format) { return String().With("format", format); }
Schema OneOf(std::vector<std::string> ids) { return String().With("enum", std::move(ids)); }
Schema Ref(std::string_view name) {
  return Schema(json{{"$ref", "#/components/schemas/" + std::string(name)}});
}
Schema AllOf(std::vector<Schema> schemas) {
  json all = json::array();
  for (const auto& s : schemas) all.push_back(s.json());
  return Schema(json{{"allOf", std::move(all)}});
}
Schema ArrayOf(const Schema& items) {
  return Schema(json{{"type", "array"}, {"items", items.json()}});
}

Members operator+(Members first, const Members& more) {
  first.insert(first.end(), more.begin(), more.end());
  return first;
}

Schema NewRecord(const Members& writable, std::vector<std::string> required) {
  return Object(writable).Require(std::move(required)).Closed();
}

Schema RecordChange(const Members& writable) {
  return Object(writable +
                Members{{"version", Integer().Min(1).Says("The version you read; a stale one is "
                                                          "refused with 409")}})
      .Require({"version"})
      .Closed();
}

Schema Object(Members members) {
  json properties = json::object();
  for (auto& [name, schema] : members) properties[name] = schema.json();
  return Schema(json{{"type", "object"}, {"properties", std::move(properties)}});
}

Schema PageOf(std::string_view item_schema) {
  return Object({{"items", ArrayOf(Ref(item_schema))},
                 {"total", Integer().Min(0)},
                 {"limit", Integer().Min(1)},
                 {"offset", Integer().Min(0)}})
      .Require({"items", "total", "limit", "offset"});
}

Operation Download(std::string id, std::string summary, std::string tag, FileType type) {
  Operation op{.id = std::move(id), .summary = std::move(summary), .tag = std::move(tag)};
  switch (type) {
    case FileType::kDocx:
      op.answer = "DOCX";
      op.returns_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
      break;
    case FileType::kPdf:
      op.answer = "PDF";
      op.returns_type = "application/pdf";
      break;
    case FileType::kXlsx:
      op.answer = "XLSX";
      op.returns_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      break;
    case FileType::kCsv:
      op.answer = "CSV";
      op.returns_type = "text/csv";
      op.returns = String();
      return op;
  }
  op.returns = Formatted("binary");
  return op;
}

json OperationJson(const Operation& op) {
  json out = {{"operationId", op.id}, {"summary", op.summary}, {"tags", {op.tag}}};
  if (!op.description.empty()) out["description"] = op.description;
  json parameters = json::array();
  for (const auto& q : op.query) {
    parameters.push_back({{"name", q.name},
                          {"in", "query"},
                          {"required", q.required},
                          {"description", q.says},
                          {"schema", q.schema.json()}});
  }
  if (op.paged) {
    parameters.push_back({{"$ref", "#/components/parameters/Limit"}});
    parameters.push_back({{"$ref", "#/components/parameters/Offset"}});
  }
  if (!parameters.empty()) out["parameters"] = std::move(parameters);
  if (op.body) {
    out["requestBody"] = {{"required", op.body_required},
                          {"content", {{op.body_type, {{"schema", op.body->json()}}}}}};
  }
  json answer = {{"description", op.answer}};
  if (op.returns) answer["content"] = {{op.returns_type, {{"schema", op.returns->json()}}}};
  json responses = {{std::to_string(op.status), std::move(answer)}};
  for (int status : op.problems) {
    responses.update(ProblemResponses({status}));
  }
  out["responses"] = std::move(responses);
  if (op.anonymous) out["security"] = json::array();
  return out;
}

}  // namespace jointly::web::api
