#include "web/body_query.h"

#include <cstdint>

#include "core/text.h"
#include "web/http.h"

namespace jointly::web {
namespace {

void ReadPagingInto(const Request& req, int64_t max_limit, Keyset keyset, Paging& p,
                    Validation& v) {
  if (req.HasParam("limit")) {
    auto limit = ParseInt(req.Param("limit"), 1, max_limit);
    if (limit) {
      p.limit = *limit;
    } else {
      v.Add("limit", "range",
            "limit must be a whole number from 1 to " + std::to_string(max_limit));
    }
  }
  if (req.HasParam("offset")) {
    auto offset = ParseInt(req.Param("offset"), 0, 1000000000);
    if (offset) {
      p.offset = *offset;
    } else {
      v.Add("offset", "range", "offset must be a whole number, 0 or more");
    }
  }
  if (keyset == Keyset::kYes && req.HasParam("after")) {
    auto after = ParseInt(req.Param("after"), 1, INT64_MAX);
    if (after) {
      p.after = *after;
    } else {
      v.Add("after", "range", "after must be the id of an item of the list");
    }
  }
}

}  // namespace

StatusOr<Paging> ReadPaging(const Request& req, int64_t max_limit, Keyset keyset) {
  Paging p;
  Validation v;
  ReadPagingInto(req, max_limit, keyset, p, v);
  RETURN_IF_ERROR(v.Finish("The query is not valid"));
  return p;
}

StatusOr<BodyQuery> ReadBodyQuery(const Request& req, EmptyFilter empty) {
  BodyQuery q;
  Validation v;
  Paging p;
  ReadPagingInto(req, 100, Keyset::kYes, p, v);
  q.limit = p.limit;
  q.offset = p.offset;
  q.after = p.after;
  for (const auto& [name, value] : req.params) {
    if (name == "limit" || name == "offset" || name == "after") continue;
    if (value.empty() && empty == EmptyFilter::kAny) continue;
    // A page's address may carry more than filters (the notice of what was
    // just done, a guess such as page=2): a page reads only its filters.
    const bool filter = name == "after_name" || name == "search" || name == "type" ||
                        name == "nation" || name == "region" || name == "in_london" ||
                        name == "active";
    if (!filter && empty == EmptyFilter::kAny) continue;
    if (name == "after_name") {
      if (Utf8Length(value) > kMaxNameLength) {
        v.Add("after_name", "max-length", "after_name must be 200 characters or fewer");
      } else if (!req.HasParam("after")) {
        v.Add("after_name", "keyset-paging", "after_name needs after");
      } else {
        q.after_name = value;
      }
    } else if (name == "search") {
      if (Utf8Length(value) > 100) {
        v.Add("search", "max-length", "search must be 100 characters or fewer");
      } else {
        q.search = std::string(Trim(value));
      }
    } else if (name == "type") {
      q.type = ParseBodyType(value);
      if (!q.type)
        v.Add("type", "one-of", "type must be one of the body types, such as police_force");
    } else if (name == "nation") {
      q.nation = ParseNation(value);
      if (!q.nation)
        v.Add("nation", "one-of", "nation must be england, wales or england_and_wales");
    } else if (name == "region") {
      if (Utf8Length(value) > kMaxRegionLength) {
        v.Add("region", "max-length", "region is too long");
      } else {
        q.region = value;
      }
    } else if (name == "in_london" || name == "active") {
      // Exactly as documented; the lenient words of CSV files are not a
      // query's.
      std::optional<bool> yn;
      if (value == "yes" || value == "no") yn = value == "yes";
      if (!yn) v.Add(name, "yes-no", name + " must be yes or no");
      (name == "in_london" ? q.in_london : q.active) = yn;
    } else {
      v.Add(name, "unknown-parameter", "\"" + name + "\" is not a filter of this list");
    }
  }
  RETURN_IF_ERROR(v.Finish("The query is not valid"));
  return q;
}

}  // namespace jointly::web
