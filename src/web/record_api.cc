#include "web/record_api.h"

#include <algorithm>

#include "web/api_schema.h"
#include "web/router.h"

namespace jointly::web {

using nlohmann::json;

void ReadFieldJson(const FieldSpec& f, JsonObjectReader& in, RecordWrite, FieldValue& value) {
  switch (f.type) {
    case FieldType::kId:
    case FieldType::kVersion:
      return;
    case FieldType::kChoice:
      if (auto v = in.String(f.name, 200)) {
        bool known = false;
        std::string ids;
        for (const auto& c : f.choices) {
          known = known || c.id == *v;
          ids += (ids.empty() ? "" : ", ") + c.id;
        }
        if (known) {
          value = *v;
        } else {
          in.AddError(f.name, "one-of", "\"" + f.name + "\" is one of " + ids);
        }
      }
      return;
    case FieldType::kLine:
    case FieldType::kText:
    case FieldType::kEmail:
    case FieldType::kDate:
      // Limits are checked by CheckFieldShape with the field's own words;
      // the reader only bounds what it holds.
      if (auto v = in.String(f.name, std::max<size_t>(f.max_chars, 200) * 4)) value = *v;
      return;
    case FieldType::kInteger:
      if (auto v = in.Int(f.name, INT64_MIN, INT64_MAX)) value = *v;
      return;
    case FieldType::kReference:
      if (f.nullable) {
        if (auto v = in.NullableInt(f.name, INT64_MIN, INT64_MAX)) {
          value = *v ? FieldValue(**v) : FieldValue();
        }
      } else if (auto v = in.Int(f.name, INT64_MIN, INT64_MAX)) {
        value = *v;
      }
      return;
    case FieldType::kBoolean:
      if (auto v = in.Bool(f.name)) value = int64_t{*v ? 1 : 0};
      return;
  }
}

json FieldSchema(const FieldSpec& f) {
  json s;
  switch (f.type) {
    case FieldType::kId:
      s = {{"type", "integer"}, {"minimum", 1}, {"readOnly", true}};
      break;
    case FieldType::kVersion:
      s = {{"type", "integer"}, {"minimum", 1}, {"readOnly", true}};
      break;
    case FieldType::kLine:
    case FieldType::kText:
      s = {{"type", "string"}, {"maxLength", f.max_chars}};
      if (f.required) {
        s["minLength"] = 1;
        s["pattern"] = "\\S";
      }
      break;
    case FieldType::kEmail:
      s = {{"type", "string"}, {"maxLength", f.max_chars}};
      if (f.required) {
        s["format"] = "email";
      } else {
        // Blank, or an address.
        s["anyOf"] = json::array({{{"pattern", "^\\s*$"}}, {{"format", "email"}}});
      }
      break;
    case FieldType::kDate:
      if (f.required) {
        s = {{"type", "string"}, {"format", "date"}};
      } else {
        // Blank, or a date.
        s = {{"type", "string"},
             {"anyOf", json::array({{{"maxLength", 0}}, {{"format", "date"}}})}};
      }
      break;
    case FieldType::kInteger:
      s = {{"type", "integer"}, {"minimum", f.min}, {"maximum", f.max}};
      break;
    case FieldType::kReference:
      s = {{"type", f.nullable ? json::array({"integer", "null"}) : json("integer")},
           {"minimum", 1}};
      break;
    case FieldType::kBoolean:
      s = {{"type", "boolean"}};
      break;
    case FieldType::kChoice: {
      json ids = json::array();
      std::string words;
      for (const auto& c : f.choices) {
        ids.push_back(c.id);
        words += (words.empty() ? "" : "; ") + c.id + ": " + c.label;
      }
      s = {{"type", "string"}, {"enum", ids}};
      break;
    }
  }
  std::string description = f.label;
  if (f.type == FieldType::kChoice) {
    description += " (";
    for (size_t i = 0; i < f.choices.size(); ++i) {
      description += (i ? ", " : "") + f.choices[i].id + ": " + f.choices[i].label;
    }
    description += ")";
  }
  if (!f.hint.empty()) description += ". " + f.hint;
  s["description"] = description;
  if (!f.writable && f.type != FieldType::kId && f.type != FieldType::kVersion) {
    s["readOnly"] = true;
  }
  return s;
}

OpenApi::OpenApi() {
  using api::ArrayOf;
  using api::Integer;
  using api::Object;
  using api::String;
  auto problem = [](const char* words) {
    return json{
        {"description", words},
        {"content",
         {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
  };
  auto id_parameter = [](const char* name, const char* words) {
    return json{{"name", name},
                {"in", "path"},
                {"required", true},
                {"description", words},
                {"schema", Integer().Min(1).json()}};
  };
  doc_ = {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "Jointly API"},
        {"version", "1.0.0"},
        {"description",
         "The JSON API of Jointly, the criminal justice joint inspection programme system. "
         "Everything the pages do can be done here. Errors are application/problem+json (RFC "
         "9457) naming each bad field and the rule. Lists are paged with limit and offset. "
         "Every editable record carries a version; send it back when changing the record."},
        {"license",
         {{"name", "Proprietary (Crown copyright)"},
          {"identifier", "LicenseRef-Crown-Copyright"}}}}},
      {"servers", {{{"url", "/api/v1"}, {"description", "This server"}}}},
      {"security", {{{"bearerToken", json::array()}}, {{"sessionCookie", json::array()}}}},
      {"tags", json::array()},
      {"paths", json::object()},
      {"components",
       {{"securitySchemes",
         {{"bearerToken",
           {{"type", "http"},
            {"scheme", "bearer"},
            {"description", "An API token created on Your account or with POST /tokens"}}},
          {"sessionCookie",
           {{"type", "apiKey"},
            {"in", "cookie"},
            {"name", "jointly_session"},
            {"description", "The browser session; changes also need the X-CSRF-Token header"}}}}},
        {"parameters",
         {{"Id", id_parameter("id", "The record's id")},
          {"CommentId", id_parameter("comment_id", "The comment's id")},
          {"MemberId", id_parameter("member_id", "The team member's id")},
          {"Limit",
           {{"name", "limit"},
            {"in", "query"},
            {"required", false},
            {"description", "Page size"},
            {"schema", Integer().Min(1).Max(100).Default(20).json()}}},
          {"Offset",
           {{"name", "offset"},
            {"in", "query"},
            {"required", false},
            {"description", "Records to skip"},
            {"schema", Integer().Min(0).Max(1000000000).Default(0).json()}}}}},
        {"responses",
         {{"BadRequest", problem("The request is not valid (each bad field or query parameter "
                                 "is named), or could not be read")},
          {"Unauthenticated", problem("No valid session or bearer token")},
          {"Forbidden",
           problem("Signed in, but your roles do not allow this, or the CSRF token is missing")},
          {"NotFound", problem("No such record")},
          {"Conflict",
           problem("The version you sent is stale (someone else changed the record), the "
                   "change conflicts with the record's state, or you must first change your "
                   "one-time password")},
          {"TooLarge", problem("The body is over 1 MiB")},
          {"UnsupportedMediaType", problem("The body is not application/json")},
          {"TooManyRequests", problem("Too many failed sign-in attempts; try again later")},
          {"ChangePasswordFirst",
           problem("You signed in with a one-time password: change it (POST /account/password) "
                   "before doing anything else")},
          {"InternalError", problem("Something went wrong on the server; it has been logged")}}},
        {"schemas", json::object()}}}};
  const api::Schema change = Object(
      {{"at", String()},
       {"by", String()},
       {"fields", ArrayOf(String())},
       {"values", ArrayOf(Object({{"field", String()}}))
                      .Says("Each changed field with its value before (from) and after (to)")},
       {"version", Integer()}});
  AddSchema(
      "Problem",
      Object({{"type", String()},
              {"title", String()},
              {"status", Integer()},
              {"detail", String()},
              {"rule", String().Says("The rule that was broken: a domain rule (R1-R26), a product "
                                     "rule or a shape check, as listed in docs/rules.md")},
              {"errors",
               ArrayOf(Object({{"field", String()}, {"rule", String()}, {"message", String()}})
                           .Require({"field", "rule", "message"}))},
              {"current", api::AnyObject().Says("On a version conflict: the record as it is now")},
              {"changes_since_your_version",
               ArrayOf(change).Says(
                   "On a version conflict: who changed which fields since the version you sent")}})
          .Require({"type", "title", "status", "detail"})
          .Says("An error, as RFC 9457 problem details. Each bad field is named in errors."));
}

void OpenApi::AddTag(const std::string& name, const std::string& description) {
  doc_["tags"].push_back({{"name", name}, {"description", description}});
}

namespace {

// The names of a documented path's template parameters, in order:
// "/plans/{id}/minister-comments/{comment_id}" has "id" and "comment_id".
std::vector<std::string> PathParameters(const std::string& path) {
  std::vector<std::string> out;
  for (size_t open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1)) {
    const size_t close = path.find('}', open);
    if (close == std::string::npos) break;
    out.push_back(path.substr(open + 1, close - open - 1));
  }
  return out;
}

// "comment_id" as a component's name: "CommentId".
std::string ToCamel(const std::string& name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (c == '_') {
      upper = true;
    } else {
      out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
  }
  return out;
}

}  // namespace

void OpenApi::AddOperation(const std::string& method, const std::string& path, json operation) {
  json& item = doc_["paths"][path];
  item[method] = std::move(operation);
  // Each {name} in the path: a record's id.
  json parameters = json::array();
  for (const std::string& name : PathParameters(path)) {
    parameters.push_back({{"$ref", name == "id" ? std::string("#/components/parameters/Id")
                                                : "#/components/parameters/" + ToCamel(name)}});
  }
  if (!parameters.empty()) item["parameters"] = std::move(parameters);
}

void OpenApi::AddSchema(const std::string& name, json schema) {
  doc_["components"]["schemas"][name] = std::move(schema);
}

namespace {

// The operation's path with a sample value for each template parameter,
// as a request would name it: "/api/v1/bodies/1".
std::string SamplePath(const std::string& path) {
  std::string out = "/api/v1";
  size_t at = 0;
  for (;;) {
    const size_t open = path.find('{', at);
    const size_t close = open == std::string::npos ? open : path.find('}', open);
    if (close == std::string::npos) break;
    out.append(path, at, open - at).append("1");
    at = close + 1;
  }
  return out.append(path, at);
}

// The query parameters an operation (or its path item) lists.
void AddQueryNames(const json& doc, const json& parameters, std::set<std::string>& names) {
  if (!parameters.is_array()) return;
  for (const auto& p : parameters) {
    const json* param = &p;
    if (p.contains("$ref")) {
      const std::string ref = p["$ref"].get<std::string>();
      param = &doc.at(json::json_pointer(ref.substr(1)));
    }
    if (param->value("in", "") == "query") names.insert(param->at("name").get<std::string>());
  }
}

}  // namespace

Status OpenApi::BindRoutes(std::vector<ApiRoute>& routes) {
  Router router;
  for (size_t i = 0; i < routes.size(); ++i) {
    if (!router.AddRoute(routes[i].method, routes[i].pattern, i)) {
      return Internal("cannot route " + routes[i].method + " " + routes[i].pattern);
    }
  }
  std::vector<std::string> captures;
  std::vector<bool> documented(routes.size(), false);
  for (auto& [path, item] : doc_["paths"].items()) {
    for (const auto& [method, upper] : {std::pair<std::string, std::string>{"get", "GET"},
                                        {"post", "POST"},
                                        {"put", "PUT"},
                                        {"patch", "PATCH"},
                                        {"delete", "DELETE"}}) {
      if (!item.contains(method)) continue;
      const std::string sample = SamplePath(path);
      const std::optional<size_t> found = router.Match(upper, sample, captures);
      if (!found) return Internal("no route serves " + upper + " " + path);
      const size_t i = *found;
      documented[i] = true;
      ApiRoute& route = routes[i];
      json& op = item[method];
      AddQueryNames(doc_, item.value("parameters", json::array()), route.query);
      AddQueryNames(doc_, op.value("parameters", json::array()), route.query);
      json& responses = op["responses"];
      auto answers = [&](int status, const char* response) {
        const std::string key = std::to_string(status);
        const std::string range = key.substr(0, 1) + "XX";
        if (!responses.contains(key) && !responses.contains(range)) {
          responses[key] = {{"$ref", std::string("#/components/responses/") + response}};
        }
      };
      const bool unsafe = upper != "GET";
      answers(400, "BadRequest");
      // A path naming a record answers 404 when there is no such record.
      if (path.find('{') != std::string::npos) answers(404, "NotFound");
      if (route.permission != Permission::kPublic) {
        answers(401, "Unauthenticated");
        if (!route.before_password_change) answers(409, "ChangePasswordFirst");
      }
      // Any signed-in route refuses the people of owner bodies, who may do
      // nothing but answer their recommendations (rule owner-alone).
      if (unsafe || route.permission != Permission::kPublic) answers(403, "Forbidden");
      // A body too large or not JSON, where the operation takes one.
      if (unsafe && op.contains("requestBody")) {
        answers(413, "TooLarge");
        answers(415, "UnsupportedMediaType");
      }
      answers(500, "InternalError");
    }
  }
  for (size_t i = 0; i < routes.size(); ++i) {
    if (!documented[i]) {
      return Internal("no operation documents " + routes[i].method + " " + routes[i].pattern);
    }
  }
  return OkStatus();
}

namespace {

// The problem answers every operation may refer to, by status.
const char* ProblemResponseName(int status) {
  switch (status) {
    case 400:
      return "BadRequest";
    case 401:
      return "Unauthenticated";
    case 403:
      return "Forbidden";
    case 404:
      return "NotFound";
    case 409:
      return "Conflict";
    case 413:
      return "TooLarge";
    case 415:
      return "UnsupportedMediaType";
    case 429:
      return "TooManyRequests";
    default:
      return "InternalError";
  }
}

}  // namespace

json ProblemResponses(std::initializer_list<int> statuses) {
  json out = json::object();
  for (int status : statuses) {
    out[std::to_string(status)] = {
        {"$ref", std::string("#/components/responses/") + ProblemResponseName(status)}};
  }
  return out;
}

}  // namespace jointly::web
