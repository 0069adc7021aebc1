// Inspectorates and inspected bodies in the database. Every function runs
// inside the caller's Transaction; auditing is the caller's job (service/).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/directory.h"
#include "store/database.h"
#include "store/record_store.h"

namespace jointly {

StatusOr<std::vector<Inspectorate>> ListInspectorates(Transaction& tx);
// NotFound if there is no such inspectorate.
StatusOr<Inspectorate> GetInspectorate(Transaction& tx, int64_t id);
StatusOr<std::optional<Inspectorate>> FindInspectorateByCode(Transaction& tx,
                                                             const std::string& code);
// Returns the new id. AlreadyExists if the code is taken.
StatusOr<int64_t> InsertInspectorate(Transaction& tx, const Inspectorate& i,
                                     const std::string& now);
// Updates the record whose id and version match `i`; returns the new version.
// NotFound if there is no such id; Aborted if the version is stale.
StatusOr<int64_t> UpdateInspectorate(Transaction& tx, const Inspectorate& i,
                                     const std::string& now);

struct BodyQuery {
  std::string search;  // in code or name, case-insensitive
  std::optional<BodyType> type;
  std::optional<Nation> nation;
  std::string region;  // exact
  std::optional<bool> in_london;
  std::optional<bool> active;
  int64_t limit = 20;
  int64_t offset = 0;
  // Keyset paging: the id of the last body of the page before, whose page
  // then starts right after it in the list's order (by name, then id), as
  // fast at any depth; `offset` is then only the page's position. 0: none.
  // Not with `search`, whose matches are ranked and paged by offset.
  int64_t after = 0;
  // With `after`: the name that body had on the page before, so that the
  // page starts after (after_name, after) even if it has been renamed since.
  std::optional<std::string> after_name;
};

// A page of the bodies that pass `query`, by name and id (a search: best
// match first). A deep page by offset finds where it starts on an index
// before reading its rows. InvalidArgument if `after` is no body's id or
// comes with a search.
StatusOr<Page<InspectedBody>> ListBodies(Transaction& tx, const BodyQuery& query);
StatusOr<std::vector<InspectedBody>> AllBodies(Transaction& tx);
StatusOr<std::vector<std::string>> BodyRegions(Transaction& tx);
StatusOr<InspectedBody> GetBody(Transaction& tx, int64_t id);
StatusOr<std::optional<InspectedBody>> FindBodyByCode(Transaction& tx, const std::string& code);
StatusOr<int64_t> InsertBody(Transaction& tx, const InspectedBody& b, const std::string& now);
// The bodies with these codes, by code, in one statement.
StatusOr<std::map<std::string, InspectedBody>> FindBodiesByCode(
    Transaction& tx, const std::vector<std::string>& codes);
// Inserts `bodies` in one statement, filling in their ids (version 1).
// AlreadyExists if a code is taken.
Status InsertBodies(Transaction& tx, std::vector<InspectedBody>& bodies, const std::string& now);
// As UpdateInspectorate: NotFound or Aborted (stale version).
StatusOr<int64_t> UpdateBody(Transaction& tx, const InspectedBody& b, const std::string& now);

}  // namespace jointly
