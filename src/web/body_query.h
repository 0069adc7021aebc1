// Reading list queries (filters and paging) from a request's query string,
// shared by the API and the pages.
#pragma once

#include "core/status.h"
#include "store/directory_store.h"
#include "web/request.h"

namespace jointly::web {

struct Paging {
  int64_t limit = 20;
  int64_t offset = 0;
  // Keyset paging: the id of the last item of the page before (0: none);
  // the page starts right after it and `offset` is then only its position.
  int64_t after = 0;
};

// Whether a list takes `after` (keyset paging).
enum class Keyset { kNo, kYes };

// limit (1..max_limit, default 20), offset (0..) and, if `keyset`, after
// (an id). InvalidArgument naming the parameter otherwise.
StatusOr<Paging> ReadPaging(const Request& req, int64_t max_limit, Keyset keyset = Keyset::kNo);

// How a filter sent with no value is read. A page's filter form sends
// every field, an empty one meaning "any", and a page ignores what is not
// one of its filters; the API takes only the parameters and values its
// document allows, so "type=" or "page=2" is refused there (an empty text
// to search for still matches everything).
enum class EmptyFilter { kAny, kRefused };

// search, type, nation, region, in_london and active (exactly yes or no),
// limit, offset, after. InvalidArgument naming each bad or unknown parameter.
StatusOr<BodyQuery> ReadBodyQuery(const Request& req, EmptyFilter empty = EmptyFilter::kAny);

}  // namespace jointly::web
