#include "store/audit_store.h"

namespace jointly {
namespace {

constexpr const char* kColumns =
    "seq, at, actor_id, actor, action, entity_type, entity_id, before_json, after_json, "
    "prev_hash, hash";

AuditEntry FromRow(const SqlRow& r) {
  AuditEntry e;
  e.seq = r.Int(0);
  e.at = r.Text(1);
  e.actor_id = r.Int(2);
  e.actor = r.Text(3);
  e.action = r.Text(4);
  e.entity_type = r.Text(5);
  e.entity_id = r.Int(6);
  e.before_json = r.Text(7);
  e.after_json = r.Text(8);
  e.prev_hash = r.Text(9);
  e.hash = r.Text(10);
  return e;
}

StatusOr<std::vector<AuditEntry>> Entries(Transaction& tx, const std::string& sql,
                                          const SqlParams& params) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  std::vector<AuditEntry> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

}  // namespace

StatusOr<AuditEntry> AppendAudit(Transaction& tx, AuditEntry e) {
  // The UPDATE takes the head row's lock (PostgreSQL) or runs under the
  // single writer (SQLite), so no two appends see the same head.
  ASSIGN_OR_RETURN(SqlRow head, tx.QueryOne("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 "
                                            "RETURNING seq, hash",
                                            {}, "audit head"));
  e.seq = head.Int(0);
  e.prev_hash = head.Text(1);
  e.hash = ComputeAuditHash(e);
  RETURN_IF_ERROR(tx.Execute(std::string("INSERT INTO audit_log (") + kColumns +
                                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             {e.seq, e.at, e.actor_id, e.actor, e.action, e.entity_type,
                              e.entity_id, e.before_json, e.after_json, e.prev_hash, e.hash})
                      .status());
  RETURN_IF_ERROR(tx.Execute("UPDATE audit_head SET hash = ? WHERE id = 1", {e.hash}).status());
  return e;
}

StatusOr<std::vector<AuditEntry>> AuditOf(Transaction& tx, const std::string& entity_type,
                                          int64_t entity_id) {
  return Entries(tx,
                 std::string("SELECT ") + kColumns +
                     " FROM audit_log WHERE entity_type = ? AND entity_id = ? ORDER BY seq",
                 {entity_type, entity_id});
}

StatusOr<std::vector<AuditEntry>> RecentAudit(Transaction& tx, int64_t limit) {
  return Entries(
      tx, std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY seq DESC LIMIT ?", {limit});
}

StatusOr<AuditHead> GetAuditHead(Transaction& tx) {
  ASSIGN_OR_RETURN(SqlRow row,
                   tx.QueryOne("SELECT seq, hash FROM audit_head WHERE id = 1", {}, "audit head"));
  return AuditHead{row.Int(0), row.Text(1)};
}

StatusOr<std::vector<AuditEntry>> AllAudit(Transaction& tx) {
  return Entries(tx, std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY seq", {});
}

}  // namespace jointly
