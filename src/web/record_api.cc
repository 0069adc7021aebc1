#include "web/record_api.h"

#include <algorithm>
#include <regex>

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
      s = {{"type", "string"}, {"format", "date"}};
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

void OpenApi::AddOperation(const std::string& method, const std::string& path, json operation) {
  doc_["paths"][path][method] = std::move(operation);
}

void OpenApi::AddSchema(const std::string& name, json schema) {
  doc_["components"]["schemas"][name] = std::move(schema);
}

namespace {

// The operation's path with a sample value for each template parameter,
// as a request would name it: "/api/v1/bodies/1".
std::string SamplePath(const std::string& path) {
  static const std::regex kParameter(R"(\{[A-Za-z_]+\})");
  return "/api/v1" + std::regex_replace(path, kParameter, "1");
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
  std::vector<std::regex> patterns;
  for (const auto& r : routes) patterns.emplace_back(r.pattern);
  std::vector<bool> documented(routes.size(), false);
  for (auto& [path, item] : doc_["paths"].items()) {
    for (const auto& [method, upper] : {std::pair<std::string, std::string>{"get", "GET"},
                                        {"post", "POST"},
                                        {"put", "PUT"},
                                        {"patch", "PATCH"},
                                        {"delete", "DELETE"}}) {
      if (!item.contains(method)) continue;
      const std::string sample = SamplePath(path);
      size_t i = 0;
      while (i < routes.size() &&
             !(routes[i].method == upper && std::regex_match(sample, patterns[i]))) {
        ++i;
      }
      if (i == routes.size()) return Internal("no route serves " + upper + " " + path);
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
      if (unsafe ||
          (route.permission != Permission::kPublic && route.permission != Permission::kSignedIn)) {
        answers(403, "Forbidden");
      }
      if (unsafe) {
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

json ProblemResponses(std::initializer_list<int> statuses) {
  json out = json::object();
  for (int status : statuses) {
    const char* ref = status == 400   ? "BadRequest"
                      : status == 401 ? "Unauthenticated"
                      : status == 403 ? "Forbidden"
                      : status == 404 ? "NotFound"
                      : status == 409 ? "Conflict"
                      : status == 413 ? "TooLarge"
                      : status == 415 ? "UnsupportedMediaType"
                                      : "TooManyRequests";
    out[std::to_string(status)] = {{"$ref", std::string("#/components/responses/") + ref}};
  }
  return out;
}

}  // namespace jointly::web
