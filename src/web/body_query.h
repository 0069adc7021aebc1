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
};

// limit (1..max_limit, default 20) and offset (0..). InvalidArgument naming
// the parameter otherwise.
StatusOr<Paging> ReadPaging(const Request& req, int64_t max_limit);

// search, type, nation, region, in_london, active, limit, offset.
// InvalidArgument naming each bad or unknown parameter.
StatusOr<BodyQuery> ReadBodyQuery(const Request& req);

}  // namespace jointly::web
