#include "web/http.h"

#include <algorithm>
#include <charconv>

#include "core/text.h"
#include "documents/documents.h"

namespace jointly::web {

using nlohmann::json;

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kAborted:
      return 409;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

namespace {

const char* TitleFor(int http) {
  switch (http) {
    case 400:
      return "Some of what you sent is not valid";
    case 401:
      return "Sign in to continue";
    case 403:
      return "You do not have access to this";
    case 404:
      return "Not found";
    case 409:
      return "This conflicts with the current state of the record";
    case 408:
      return "The request was not sent in time";
    case 413:
      return "The request is too large";
    case 414:
      return "The address is too long";
    case 415:
      return "The request body is not in a format this address accepts";
    case 429:
      return "Too many requests";
    case 431:
      return "The request headers are too large";
    case 503:
      return "The service is busy; try again shortly";
    default:
      return "Something went wrong on our side";
  }
}

}  // namespace

void SendProblem(Response& res, const Status& s, int http_status) {
  const int http = http_status > 0 ? http_status : HttpStatusFor(s.code());
  json body = {
      {"type", "urn:jointly:problem:" + AsciiLower(StatusCodeName(s.code()))},
      {"title", TitleFor(http)},
      {"status", http},
      {"detail", http == 500 ? "An unexpected error happened; it has been logged" : s.message()}};
  if (!s.rule().empty()) body["rule"] = s.rule();
  if (!s.field_errors().empty()) {
    json errors = json::array();
    for (const auto& e : s.field_errors()) {
      errors.push_back({{"field", e.field}, {"rule", e.rule}, {"message", e.message}});
    }
    body["errors"] = errors;
  }
  if (!s.detail_json().empty()) {
    json extra = json::parse(s.detail_json(), nullptr, false);
    if (extra.is_object()) body.update(extra);
  }
  res.status = http;
  if (http == 401) res.SetHeader("WWW-Authenticate", "Bearer realm=\"jointly\"");
  res.SetContent(body.dump(-1, ' ', false, json::error_handler_t::replace),
                 "application/problem+json");
}

void SendJson(Response& res, int http_status, const json& body) {
  res.status = http_status;
  res.SetContent(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

json PageJson(json items, int64_t total, int64_t limit, int64_t offset) {
  json page = json::object();
  page["items"] = std::move(items);
  page["total"] = total;
  page["limit"] = limit;
  page["offset"] = offset;
  return page;
}

std::string CookieHeader(const std::string& name, const std::string& value, bool secure) {
  std::string out = name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
  if (value.empty()) out += "; Max-Age=0";
  if (secure) out += "; Secure";
  return out;
}

std::string GetCookie(const Request& req, const std::string& name) {
  const std::string header = req.Header("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part = Trim(std::string_view(header).substr(pos, end - pos));
    const size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
    pos = end + 1;
  }
  return {};
}

void RedirectToShowOnce(Response& res, const std::string& name, int64_t id,
                        const std::string& secret, bool secure, const std::string& location) {
  res.SetHeader("Set-Cookie",
                CookieHeader(name, std::to_string(id) + "." + secret, secure) + "; Max-Age=600");
  res.Redirect(location);
}

std::optional<std::string> TakeShownOnce(const Request& req, Response& res, const std::string& name,
                                         int64_t id, bool secure) {
  const std::string cookie = GetCookie(req, name);
  const std::string prefix = std::to_string(id) + ".";
  if (!cookie.starts_with(prefix) || cookie.size() == prefix.size()) return std::nullopt;
  res.SetHeader("Set-Cookie", CookieHeader(name, "", secure));
  return cookie.substr(prefix.size());
}

std::optional<int64_t> ParseInt(const std::string& text, int64_t min, int64_t max) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v < min || v > max) {
    return std::nullopt;
  }
  return v;
}

JsonObjectReader::JsonObjectReader(const std::string& body) {
  if (!IsValidUtf8(body)) {
    errors_.Add("body", "utf8", "The request body must be UTF-8 encoded JSON");
    return;
  }
  doc_ = json::parse(body, nullptr, false);
  if (doc_.is_discarded()) {
    errors_.Add("body", "json", "The request body must be a JSON object; it could not be parsed");
  } else if (!doc_.is_object()) {
    errors_.Add("body", "json-object", "The request body must be a JSON object");
  } else {
    parsed_ = true;
    RefuseNul(doc_, "");
  }
}

// Text holding U+0000 is refused wherever it is in the body, names and
// values alike: C strings, PostgreSQL text and documents all stop at it.
void JsonObjectReader::RefuseNul(const json& value, const std::string& path) {
  auto has_nul = [](const std::string& s) { return s.find('\0') != std::string::npos; };
  if (value.is_string()) {
    if (has_nul(value.get_ref<const std::string&>())) {
      errors_.Add(path.empty() ? "body" : path, "nul",
                  "The text must not contain a NUL character (U+0000)");
    }
  } else if (value.is_object()) {
    for (const auto& [name, member] : value.items()) {
      const std::string at = path.empty() ? name : path + "." + name;
      if (has_nul(name)) {
        errors_.Add(path.empty() ? "body" : path, "nul",
                    "A member's name must not contain a NUL character (U+0000)");
        continue;
      }
      RefuseNul(member, at);
    }
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) {
      RefuseNul(value[i], path + "[" + std::to_string(i) + "]");
    }
  }
}

JsonObjectReader::JsonObjectReader(const json& item, std::string prefix)
    : doc_(item), parsed_(true), prefix_(std::move(prefix)) {}

bool JsonObjectReader::Has(const std::string& field) const {
  return parsed_ && doc_.contains(field);
}

void JsonObjectReader::AddError(const std::string& field, std::string rule, std::string message) {
  errors_.Add(Name(field), std::move(rule), std::move(message));
}

const json* JsonObjectReader::Get(const std::string& field, bool required) {
  seen_.push_back(field);
  if (!parsed_) return nullptr;
  auto it = doc_.find(field);
  if (it == doc_.end()) {
    if (required) AddError(field, "required", "\"" + field + "\" is required");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> JsonObjectReader::String(const std::string& field, size_t max_chars,
                                                    bool required) {
  const json* v = Get(field, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    AddError(field, "type", "\"" + field + "\" must be a string");
    return std::nullopt;
  }
  std::string s = v->get<std::string>();
  if (Utf8Length(s) > max_chars) {
    AddError(field, "max-length",
             "\"" + field + "\" must be " + WithThousands(static_cast<int64_t>(max_chars)) +
                 " characters or fewer");
    return std::nullopt;
  }
  return s;
}

std::optional<bool> JsonObjectReader::Bool(const std::string& field, bool required) {
  const json* v = Get(field, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    AddError(field, "type", "\"" + field + "\" must be true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

namespace {

// The whole number `v` holds, saturated to int64_t; nullopt if it holds
// anything else (a fraction, text, true...).
std::optional<int64_t> WholeNumber(const json& v) {
  if (!v.is_number_integer()) return std::nullopt;
  if (v.is_number_unsigned()) {
    return static_cast<int64_t>(std::min<uint64_t>(v.get<uint64_t>(), INT64_MAX));
  }
  return v.get<int64_t>();
}

}  // namespace

std::optional<int64_t> JsonObjectReader::Int(const std::string& field, int64_t min, int64_t max,
                                             bool required) {
  const json* v = Get(field, required);
  if (!v) return std::nullopt;
  const std::optional<int64_t> n = WholeNumber(*v);
  if (!n) {
    AddError(field, "type", "\"" + field + "\" must be a whole number");
    return std::nullopt;
  }
  if (*n < min || *n > max) {
    AddError(
        field, "range",
        "\"" + field + "\" must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<std::optional<int64_t>> JsonObjectReader::NullableInt(const std::string& field,
                                                                    int64_t min, int64_t max) {
  if (Has(field) && doc_[field].is_null()) {
    seen_.push_back(field);
    return std::optional<int64_t>();
  }
  auto v = Int(field, min, max);
  if (!v) return std::nullopt;
  return std::optional<int64_t>(*v);
}

const json* JsonObjectReader::List(const std::string& field, size_t min_items, size_t max_items,
                                   bool required, const std::string& of_what) {
  const json* v = Get(field, required);
  if (!v) return nullptr;
  const std::string count =
      (min_items > 0 ? "from " + std::to_string(min_items) + " to " : std::string("at most ")) +
      std::to_string(max_items) + " " + of_what;
  if (!v->is_array()) {
    AddError(field, "type", "\"" + field + "\" must be a list of " + count);
    return nullptr;
  }
  if (v->size() < min_items || v->size() > max_items) {
    AddError(field, "count", "\"" + field + "\" must list " + count);
    return nullptr;
  }
  return v;
}

std::optional<std::vector<std::string>> JsonObjectReader::StringArray(const std::string& field,
                                                                      size_t max_items,
                                                                      size_t max_chars,
                                                                      bool required) {
  const json* v =
      List(field, 0, max_items, required,
           "texts of " + WithThousands(static_cast<int64_t>(max_chars)) + " characters or fewer");
  if (!v) return std::nullopt;
  std::vector<std::string> out;
  bool ok = true;
  for (size_t i = 0; i < v->size(); ++i) {
    const json& item = (*v)[i];
    const std::string at = field + "[" + std::to_string(i) + "]";
    if (!item.is_string()) {
      AddError(at, "type", "Item " + std::to_string(i) + " of \"" + field + "\" must be a string");
      ok = false;
    } else if (Utf8Length(item.get<std::string>()) > max_chars) {
      AddError(at, "max-length",
               "Item " + std::to_string(i) + " of \"" + field + "\" must be " +
                   WithThousands(static_cast<int64_t>(max_chars)) + " characters or fewer");
      ok = false;
    } else {
      out.push_back(item.get<std::string>());
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<int64_t>> JsonObjectReader::IdArray(const std::string& field,
                                                              size_t max_items, bool required) {
  const json* v = List(field, 0, max_items, required, "ids (whole numbers, 1 or more)");
  if (!v) return std::nullopt;
  std::vector<int64_t> out;
  bool ok = true;
  for (size_t i = 0; i < v->size(); ++i) {
    const std::optional<int64_t> id = WholeNumber((*v)[i]);
    if (!id || *id < 1) {
      AddError(field + "[" + std::to_string(i) + "]", "type",
               "Item " + std::to_string(i) + " of \"" + field +
                   "\" must be an id (a whole number, 1 or more)");
      ok = false;
    } else {
      out.push_back(*id);
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

bool JsonObjectReader::ObjectArray(
    const std::string& field, size_t min_items, size_t max_items, bool required,
    const std::function<void(JsonObjectReader& item, size_t index)>& read) {
  const json* v = List(field, min_items, max_items, required, "objects");
  if (!v) return false;
  for (size_t i = 0; i < v->size(); ++i) {
    const std::string at = field + "[" + std::to_string(i) + "]";
    if (!(*v)[i].is_object()) {
      AddError(at, "type", "Item " + std::to_string(i) + " of \"" + field + "\" must be an object");
      continue;
    }
    JsonObjectReader item((*v)[i], Name(at) + ".");
    read(item, i);
    if (Status s = item.Finish(); !s.ok()) {
      for (const auto& e : s.field_errors()) errors_.Add(e.field, e.rule, e.message);
    }
  }
  return true;
}

Status JsonObjectReader::Finish() {
  if (parsed_) {
    for (auto it = doc_.begin(); it != doc_.end(); ++it) {
      if (std::find(seen_.begin(), seen_.end(), it.key()) == seen_.end()) {
        AddError(it.key(), "unknown-field",
                 "\"" + it.key() + "\" is not a field of this " +
                     (prefix_.empty() ? "request" : "item"));
      }
    }
  }
  return errors_.Finish("The request body is not valid");
}

std::optional<int64_t> PathId(const Request& req, size_t index) {
  if (req.captures.size() <= index) return std::nullopt;
  return ParseInt(req.captures[index], 1, INT64_MAX);
}

void Download(Response& res, const std::string& body, const std::string& type,
              const std::string& filename) {
  // A plain ASCII name for every client, and the name as it is (RFC 6266,
  // percent-encoded UTF-8) for those that read it.
  std::string plain;
  for (unsigned char c : filename) {
    plain += (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') ? '_' : static_cast<char>(c);
  }
  std::string header = "attachment; filename=\"" + plain + "\"";
  if (plain != filename) header += "; filename*=UTF-8''" + EncodeQueryParam(filename);
  res.SetHeader("Content-Disposition", header);
  res.SetContent(body, type);
}

void SendDocument(Response& res, const DocumentRenderer& renderer, const Document& doc,
                  const std::string& stem) {
  auto file = renderer.Render(doc);
  if (!file.ok()) return SendProblem(res, file.status());
  Download(res, *file, std::string(renderer.media_type()),
           stem + "." + std::string(renderer.format()));
}

void SendDocument(Response& res, const Document& doc, const std::string& format,
                  const std::string& stem) {
  const DocumentRenderer* renderer = RendererFor(format);
  if (!renderer) return SendProblem(res, NotFound("There is no " + format + " version"));
  SendDocument(res, *renderer, doc, stem);
}

}  // namespace jointly::web
