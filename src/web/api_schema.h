// The words features use to document their API: JSON Schemas built from
// the limits and choices the code enforces, and operations with their one
// successful answer. The OpenAPI document (web/record_api.h) is assembled
// from these at start-up; the answers every route may give before its
// handler runs (401, 403, 409, 413, ...) are added from the route itself.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jointly::web::api {

// A JSON Schema under construction; converts to its JSON.
class Schema {
 public:
  Schema() = default;
  explicit Schema(nlohmann::json j) : j_(std::move(j)) {}

  // Strings: the most characters, and at least one that is not blank.
  Schema MaxChars(size_t n) const { return With("maxLength", n); }
  Schema NonBlank() const { return With("minLength", 1).With("pattern", "\\S"); }
  Schema Pattern(std::string_view pattern) const { return With("pattern", pattern); }
  // Integers and arrays.
  Schema Min(int64_t n) const { return With("minimum", n); }
  Schema Max(int64_t n) const { return With("maximum", n); }
  Schema MinItems(size_t n) const { return With("minItems", n); }
  Schema MaxItems(size_t n) const { return With("maxItems", n); }
  // Objects: members that must be present; no members but those listed.
  Schema Require(std::vector<std::string> names) const { return With("required", names); }
  Schema Closed() const { return With("additionalProperties", false); }
  // Anything: words for the reader, a default, read-only.
  Schema Says(std::string_view words) const { return With("description", words); }
  Schema Default(nlohmann::json value) const { return With("default", std::move(value)); }
  Schema ReadOnly() const { return With("readOnly", true); }
  // The same value, or JSON null.
  Schema OrNull() const;
  // Any other keyword.
  Schema With(const std::string& keyword, nlohmann::json value) const {
    Schema s = *this;
    s.j_[keyword] = std::move(value);
    return s;
  }

  const nlohmann::json& json() const { return j_; }
  operator const nlohmann::json&() const { return j_; }  // NOLINT: a schema is its JSON

 private:
  nlohmann::json j_ = nlohmann::json::object();
};

Schema String();
Schema Integer();
Schema Number();
Schema Boolean();
Schema AnyObject();
// A string in the format the server reads: "date" (YYYY-MM-DD), "date-time",
// "email".
Schema Formatted(std::string_view format);
// One of `ids`.
Schema OneOf(std::vector<std::string> ids);
// One of the ids of an enumeration's values.
template <typename Enum, typename Values>
Schema OneOf(const Values& all, std::string_view (*id_of)(Enum)) {
  std::vector<std::string> ids;
  for (Enum value : all) ids.emplace_back(id_of(value));
  return OneOf(std::move(ids));
}
// One of the ids of the described things in `lists` (each thing with an
// `id`), in their order.
template <typename Described>
Schema OneOfIds(std::initializer_list<std::pair<const Described*, size_t>> lists) {
  std::vector<std::string> ids;
  for (const auto& [first, count] : lists) {
    for (size_t i = 0; i < count; ++i) ids.emplace_back(first[i].id);
  }
  return OneOf(std::move(ids));
}
template <typename Described, size_t N>
Schema OneOfIds(const Described (&all)[N]) {
  return OneOfIds<Described>({{all, N}});
}
// Every one of `schemas` at once.
Schema AllOf(std::vector<Schema> schemas);
// A schema added to the document by name (OpenApi::AddSchema).
Schema Ref(std::string_view name);
Schema ArrayOf(const Schema& items);
// An object's members by name.
using Members = std::vector<std::pair<std::string, Schema>>;
Members operator+(Members first, const Members& more);
// An object with these members (in any order, none required until
// Require()).
Schema Object(Members members);
// A record's writable members, described once, give what a client sends to
// create it (the `required` ones must be present, nothing else may be) and
// to change it (any of them, with the version read), and, with what the
// server adds, the record as answered.
Schema NewRecord(const Members& writable, std::vector<std::string> required);
Schema RecordChange(const Members& writable);
// A page of a list: {items, total, limit, offset}.
Schema PageOf(std::string_view item_schema);

// A query parameter.
struct Query {
  std::string name;
  std::string says;
  Schema schema;
  bool required = false;
};

// The shared parameters "limit" and "offset" of a paged list.
inline constexpr std::string_view kPaged = "paged";

// One operation of the API: what it is, what it takes and its answer when
// it succeeds. Problem answers the handler itself gives (404, 409, 429 ...)
// are listed in `problems`.
struct Operation {
  std::string id;       // operationId ("createMeeting")
  std::string summary;  // in words
  std::string tag;      // the group it is listed under
  std::string description = {};
  std::vector<Query> query = {};
  bool paged = false;  // takes limit and offset
  std::optional<Schema> body = {};
  bool body_required = true;
  std::string body_type = "application/json";
  int status = 200;
  std::string answer = "OK";  // the successful answer in words
  std::optional<Schema> returns = {};
  std::string returns_type = "application/json";
  std::vector<int> problems = {};
  bool anonymous = false;  // needs no session or token
};

// A file to download.
enum class FileType { kDocx, kPdf, kXlsx, kCsv };
// The operation that answers a file of `type` and nothing else.
Operation Download(std::string id, std::string summary, std::string tag, FileType type);

// The operation as OpenAPI writes it.
nlohmann::json OperationJson(const Operation& op);

}  // namespace jointly::web::api
