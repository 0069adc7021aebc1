// HTTP plumbing shared by the API and the pages: the one mapping from
// Status codes to HTTP statuses, problem+json (RFC 9457), cookies, and
// strict reading of JSON request bodies.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "documents/documents.h"
#include "domain/access.h"
#include "domain/document.h"
#include "store/record_store.h"
#include "web/request.h"

namespace jointly::web {

// The caller and how they came: by session cookie (pages, or the API from
// a browser) or by bearer token (scripts).
struct RequestContext {
  Caller caller;
  std::string csrf_token;  // the session's; empty for bearer tokens
  bool via_session = false;
  bool must_change_password = false;
  // A page's confirmation of what was just done, carried across the
  // redirect after a form ("done" in the query, see WithNotice()), in words;
  // empty if none.
  std::string notice;
  // The page a signed-in person goes back to from this one (ParentPage()),
  // "" at the top level.
  std::string back;
};

// InvalidArgument 400, Unauthenticated 401, PermissionDenied 403,
// NotFound 404, AlreadyExists/FailedPrecondition/Aborted 409,
// ResourceExhausted 429, Unavailable 503, anything else 500.
int HttpStatusFor(StatusCode code);

// Writes `status` as application/problem+json, with one entry per field
// error and any detail JSON (e.g. a conflict's current record) merged in.
// `http_status` overrides HttpStatusFor() for answers only HTTP has words
// for (413, 415); the body and the response always agree.
void SendProblem(Response& res, const Status& status, int http_status = 0);
void SendJson(Response& res, int http_status, const nlohmann::json& body);

// {"items": [ToJson(each)], "total": n}: an unpaged list of records.
template <typename T>
nlohmann::json ItemsJson(const std::vector<T>& all) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& x : all) items.push_back(ToJson(x));
  return {{"items", std::move(items)}, {"total", all.size()}};
}

// {"items", "total", "limit", "offset"}: one page of a list.
nlohmann::json PageJson(nlohmann::json items, int64_t total, int64_t limit, int64_t offset);

// Answers what SendJson(res, 200, PageJson(...)) would for a page of
// records that have an AppendJson (service/records_json.h), writing the
// text directly instead of building a tree first.
template <typename T>
void SendPage(Response& res, const std::vector<T>& items, int64_t total, int64_t limit,
              int64_t offset) {
  std::string text;
  text.reserve(64 + 256 * items.size());
  text += "{\"items\":[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += ',';
    AppendJson(text, items[i]);
  }
  // The other members by name, as PageJson's object keeps them.
  text += "],\"limit\":" + std::to_string(limit) + ",\"offset\":" + std::to_string(offset) +
          ",\"total\":" + std::to_string(total) + "}";
  res.status = 200;
  res.SetContent(std::move(text), "application/json");
}
template <typename T>
void SendPage(Response& res, const Page<T>& page) {
  SendPage(res, page.items, page.total, page.limit, page.offset);
}

// One page of a list held in memory (short lists: inspectorates, users),
// each record in its JSON form.
template <typename T, typename ToJsonFn>
nlohmann::json SlicePage(const std::vector<T>& all, int64_t limit, int64_t offset,
                         ToJsonFn to_json) {
  nlohmann::json items = nlohmann::json::array();
  for (size_t i = static_cast<size_t>(offset);
       i < all.size() && items.size() < static_cast<size_t>(limit); ++i) {
    items.push_back(to_json(all[i]));
  }
  return PageJson(std::move(items), static_cast<int64_t>(all.size()), limit, offset);
}
template <typename T>
nlohmann::json SlicePage(const std::vector<T>& all, int64_t limit, int64_t offset) {
  return SlicePage(all, limit, offset, [](const T& x) { return ToJson(x); });
}

// `body` as a file to save, named `filename`.
void Download(Response& res, const std::string& body, const std::string& type,
              const std::string& filename);

// `doc` rendered by `renderer` and sent as `stem`.<format> to save; a
// problem if rendering fails.
void SendDocument(Response& res, const DocumentRenderer& renderer, const Document& doc,
                  const std::string& stem);
// The same with the renderer for `format` ("docx" or "pdf"); a NotFound
// problem for another format.
void SendDocument(Response& res, const Document& doc, const std::string& format,
                  const std::string& stem);

// A Set-Cookie value for one of Jointly's cookies: HttpOnly, SameSite=Strict,
// path /, Secure when served over HTTPS; an empty `value` deletes it.
std::string CookieHeader(const std::string& name, const std::string& value, bool secure);

// The named cookie's value, or "".
std::string GetCookie(const Request& req, const std::string& name);

// A secret (a one-time password) shown once, on a page of its own that a
// redirect to `location` reaches, so that reloading it repeats nothing:
// it travels there for record `id` in the short-lived cookie `name`, never
// in an address.
void RedirectToShowOnce(Response& res, const std::string& name, int64_t id,
                        const std::string& secret, bool secure, const std::string& location);
// That secret for record `id`, the cookie cleared as it is read; nullopt
// once shown, or when the cookie is another record's.
std::optional<std::string> TakeShownOnce(const Request& req, Response& res, const std::string& name,
                                         int64_t id, bool secure);

// Reads a JSON object body field by field, collecting every problem, and
// refusing fields it was not asked about. Usage:
//   JsonObjectReader in(req.body);
//   auto name = in.String("name", 200);
//   RETURN_IF_ERROR(in.Finish());
// A problem with an item of a list names the item by its index, as in
// "proposals[2]" or "participants[0].involvement".
class JsonObjectReader {
 public:
  explicit JsonObjectReader(const std::string& body);

  // Each getter returns nullopt if the field is absent (and records an
  // error if `required`) or has the wrong type or size.
  std::optional<std::string> String(const std::string& field, size_t max_chars,
                                    bool required = false);
  std::optional<bool> Bool(const std::string& field, bool required = false);
  std::optional<int64_t> Int(const std::string& field, int64_t min, int64_t max,
                             bool required = false);
  // Null is allowed and gives a present-but-empty optional inside.
  std::optional<std::optional<int64_t>> NullableInt(const std::string& field, int64_t min,
                                                    int64_t max);
  // A list of at most `max_items` strings of at most `max_chars` characters
  // each; nullopt if it is not a list ("type"), is too long ("count"), or
  // any item is not such a string (each named "field[i]").
  std::optional<std::vector<std::string>> StringArray(const std::string& field, size_t max_items,
                                                      size_t max_chars, bool required = false);
  // A list of at most `max_items` record ids (whole numbers, 1 or more);
  // nullopt as for StringArray, each bad item named "field[i]".
  std::optional<std::vector<int64_t>> IdArray(const std::string& field, size_t max_items,
                                              bool required = false);
  // A list of `min_items` to `max_items` objects, each read by `read` with
  // a reader of its own whose problems name "field[i].member" and which
  // refuses members `read` did not ask about, as the body's reader does. An
  // item that is not an object is named "field[i]" and not passed to
  // `read`. Returns whether the field is such a list (false if it is
  // absent, with an error if `required`, or not a list of that length).
  bool ObjectArray(const std::string& field, size_t min_items, size_t max_items, bool required,
                   const std::function<void(JsonObjectReader& item, size_t index)>& read);
  bool Has(const std::string& field) const;
  // The raw value of a structured field (matrices, objects keyed by
  // number), for the caller to check; marks it as read.
  const nlohmann::json* Value(const std::string& field, bool required = false) {
    return Get(field, required);
  }
  // `field` as errors name it: with the item's place in the body, for a
  // reader of a list's item ("participants[0].effort_days").
  std::string Name(const std::string& field) const { return prefix_ + field; }
  // Records a problem with `field` (a member this reader reads, named as
  // Name() does).
  void AddError(const std::string& field, std::string rule, std::string message);

  // InvalidArgument listing every bad or unknown field; OK otherwise.
  Status Finish();

 private:
  // A reader of one item of a list: `item` must be an object.
  JsonObjectReader(const nlohmann::json& item, std::string prefix);
  const nlohmann::json* Get(const std::string& field, bool required);
  // Records an error (rule "nul") for each string in `value`, named by its
  // place under `path`, that holds U+0000.
  void RefuseNul(const nlohmann::json& value, const std::string& path);
  // Checks that `field` is a list of at most `max_items`; nullptr, with the
  // error recorded, if it is absent or not.
  const nlohmann::json* List(const std::string& field, size_t min_items, size_t max_items,
                             bool required, const std::string& of_what);

  nlohmann::json doc_;
  bool parsed_ = false;
  std::string prefix_;  // "participants[0]." for an item's reader
  Validation errors_;
  std::vector<std::string> seen_;
};

// The `index`th number captured from the route's pattern, as in
// /api/v1/bodies/(\d+); nullopt if absent or not a positive id.
std::optional<int64_t> PathId(const Request& req, size_t index = 1);

// The integer in `text`, or nullopt if it is not a plain decimal number in
// [min, max].
std::optional<int64_t> ParseInt(const std::string& text, int64_t min, int64_t max);

}  // namespace jointly::web
