#include "store/throttle_store.h"

#include "core/crypto.h"

namespace jointly {

StatusOr<std::vector<int64_t>> RecentFailures(Transaction& tx, std::string_view scope,
                                              std::string_view key, int64_t since, int limit) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query("SELECT at FROM throttle_failures WHERE scope = ? AND key_hash = ? "
                            "AND at >= ? ORDER BY at DESC LIMIT ?",
                            {scope, Sha256Hex(key), since, limit}));
  std::vector<int64_t> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r.Int(0));
  return out;
}

Status RecordFailure(Transaction& tx, std::string_view scope, std::string_view key, int64_t at,
                     int64_t forget_before, std::string_view account) {
  RETURN_IF_ERROR(
      tx.Execute("DELETE FROM throttle_failures WHERE scope = ? AND at < ?", {scope, forget_before})
          .status());
  return tx
      .Execute(
          "INSERT INTO throttle_failures (scope, key_hash, at, account_hash) "
          "VALUES (?, ?, ?, ?)",
          {scope, Sha256Hex(key), at, account.empty() ? std::string() : Sha256Hex(account)})
      .status();
}

StatusOr<std::vector<std::vector<int64_t>>> AccountFailures(Transaction& tx, std::string_view scope,
                                                            std::string_view account,
                                                            int64_t since) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT key_hash, at FROM throttle_failures WHERE "
                                       "scope = ? AND account_hash = ? AND at >= ? "
                                       "ORDER BY key_hash, at DESC",
                                       {scope, Sha256Hex(account), since}));
  std::vector<std::vector<int64_t>> out;
  std::string key;
  for (const auto& r : rows) {
    if (out.empty() || r.Text(0) != key) out.emplace_back();
    key = r.Text(0);
    out.back().push_back(r.Int(1));
  }
  return out;
}

Status ClearAccountFailures(Transaction& tx, std::string_view scope, std::string_view account) {
  return tx
      .Execute("DELETE FROM throttle_failures WHERE scope = ? AND account_hash = ?",
               {scope, Sha256Hex(account)})
      .status();
}

Status ClearFailures(Transaction& tx, std::string_view scope, std::string_view key) {
  return tx
      .Execute("DELETE FROM throttle_failures WHERE scope = ? AND key_hash = ?",
               {scope, Sha256Hex(key)})
      .status();
}

Status LockFailures(Transaction& tx, std::string_view scope, std::string_view key) {
  if (tx.dialect() != Dialect::kPostgres) return OkStatus();
  return tx
      .Query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?, 0))) AS held",
             {std::string(scope) + "\n" + Sha256Hex(key)})
      .status();
}

}  // namespace jointly
