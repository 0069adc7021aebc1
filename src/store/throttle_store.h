// The failures the throttles count, kept in the database so that every
// server process on it, and one restarted, sees the same (see
// domain/throttle.h for the rule). Keys are stored as their SHA-256.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"

namespace jointly {

// The times of the failures recorded for `key` in `scope` at or after
// `since`, newest first, at most `limit`.
StatusOr<std::vector<int64_t>> RecentFailures(Transaction& tx, std::string_view scope,
                                              std::string_view key, int64_t since, int limit);
// Records a failure at `at`, for the account `account` when it names one,
// and forgets every failure in `scope` older than `forget_before`, so that
// the table holds only what still counts.
Status RecordFailure(Transaction& tx, std::string_view scope, std::string_view key, int64_t at,
                     int64_t forget_before, std::string_view account = {});
// The failures in `scope` for `account` at or after `since`, from any key,
// as the times of each key's failures.
StatusOr<std::vector<std::vector<int64_t>>> AccountFailures(Transaction& tx, std::string_view scope,
                                                            std::string_view account,
                                                            int64_t since);
// Forgets every failure in `scope` for `account`, from any key.
Status ClearAccountFailures(Transaction& tx, std::string_view scope, std::string_view account);
Status ClearFailures(Transaction& tx, std::string_view scope, std::string_view key);
// Makes other transactions that take the same key's lock wait until this
// one ends, so that a count read and a failure recorded in one transaction
// are not raced by another server (PostgreSQL, whose writers run at once;
// SQLite's writers already take turns).
Status LockFailures(Transaction& tx, std::string_view scope, std::string_view key);

}  // namespace jointly
