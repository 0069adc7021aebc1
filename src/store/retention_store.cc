#include "store/retention_store.h"

namespace jointly {
namespace {

constexpr const char* kHoldColumns =
    "id, inspection_id, inspectorate_id, reason, placed_on, placed_by, lifted_on, lifted_by, "
    "lift_reason, version";

LegalHold HoldFrom(SqlRow& r) {
  LegalHold h;
  h.id = r.Int(0);
  h.inspection_id = r.Int(1);
  h.inspectorate_id = r.Int(2);
  h.reason = r.TakeText(3);
  h.placed_on = r.TakeText(4);
  h.placed_by = r.Int(5);
  h.lifted_on = r.TakeText(6);
  h.lifted_by = r.Int(7);
  h.lift_reason = r.TakeText(8);
  h.version = r.Int(9);
  return h;
}

StatusOr<std::vector<LegalHold>> Holds(Transaction& tx, const std::string& where,
                                       const SqlParams& params) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kHoldColumns +
                                           " FROM retention_holds " + where + " ORDER BY id",
                                       params));
  std::vector<LegalHold> out;
  for (auto& r : rows) out.push_back(HoldFrom(r));
  return out;
}

constexpr const char* kDestructionColumns =
    "id, inspection_id, entity_type, entity_id, inspectorate_id, destroyed_at, approved_by, "
    "content_sha256, certificate_seq";

}  // namespace

StatusOr<std::optional<RetentionAgreement>> GetRetentionAgreement(Transaction& tx,
                                                                  int64_t inspection_id) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query("SELECT inspection_id, agreed_on, agreed_by, published_on, version "
                            "FROM retention_agreements WHERE inspection_id = ?",
                            {inspection_id}));
  if (rows.empty()) return std::optional<RetentionAgreement>();
  auto& r = rows[0];
  return std::optional<RetentionAgreement>(
      RetentionAgreement{r.Int(0), r.Text(1), r.Int(2), r.Text(3), r.Int(4)});
}

StatusOr<RetentionAgreement> PutRetentionAgreement(Transaction& tx, RetentionAgreement a) {
  ASSIGN_OR_RETURN(auto before, GetRetentionAgreement(tx, a.inspection_id));
  if (before) {
    a.version = before->version + 1;
    RETURN_IF_ERROR(
        tx.Execute("UPDATE retention_agreements SET agreed_on = ?, agreed_by = ?, "
                   "published_on = ?, version = ? WHERE inspection_id = ?",
                   {a.agreed_on, a.agreed_by, a.published_on, a.version, a.inspection_id})
            .status());
    return a;
  }
  a.version = 1;
  RETURN_IF_ERROR(tx.Execute("INSERT INTO retention_agreements (inspection_id, agreed_on, "
                             "agreed_by, published_on, version) VALUES (?, ?, ?, ?, 1)",
                             {a.inspection_id, a.agreed_on, a.agreed_by, a.published_on})
                      .status());
  return a;
}

StatusOr<std::vector<LegalHold>> HoldsOf(Transaction& tx, int64_t inspection_id) {
  return Holds(tx, "WHERE inspection_id = ?", {inspection_id});
}

StatusOr<std::vector<LegalHold>> HoldsInForce(Transaction& tx) {
  return Holds(tx, "WHERE lifted_on = ''", {});
}

StatusOr<LegalHold> GetHold(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(auto found, Holds(tx, "WHERE id = ?", {id}));
  if (found.empty()) return NotFound("No legal hold with reference " + std::to_string(id));
  return found[0];
}

StatusOr<LegalHold> InsertHold(Transaction& tx, LegalHold h) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO retention_holds (inspection_id, inspectorate_id, "
                  "reason, placed_on, placed_by) VALUES (?, ?, ?, ?, ?) RETURNING id",
                  {h.inspection_id, h.inspectorate_id, h.reason, h.placed_on, h.placed_by},
                  "legal hold"));
  h.id = row.Int(0);
  h.version = 1;
  return h;
}

Status MarkHoldLifted(Transaction& tx, const LegalHold& h) {
  return tx
      .Execute(
          "UPDATE retention_holds SET lifted_on = ?, lifted_by = ?, lift_reason = ?, "
          "version = version + 1 WHERE id = ?",
          {h.lifted_on, h.lifted_by, h.lift_reason, h.id})
      .status();
}

StatusOr<std::vector<RetentionItemNote>> NotesOf(Transaction& tx, int64_t inspection_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT entity_type, entity_id, inspection_id, kind, "
                                       "extended_to, extend_reason FROM retention_items WHERE "
                                       "inspection_id = ? ORDER BY entity_type, entity_id",
                                       {inspection_id}));
  std::vector<RetentionItemNote> out;
  for (auto& r : rows) {
    out.push_back({r.TakeText(0), r.Int(1), r.Int(2), r.TakeText(3), r.TakeText(4), r.TakeText(5)});
  }
  return out;
}

Status PutNote(Transaction& tx, const RetentionItemNote& n) {
  ASSIGN_OR_RETURN(
      int64_t changed,
      tx.Execute("UPDATE retention_items SET kind = ?, extended_to = ?, "
                 "extend_reason = ? WHERE entity_type = ? AND entity_id = ?",
                 {n.kind, n.extended_to, n.extend_reason, n.entity_type, n.entity_id}));
  if (changed > 0) return OkStatus();
  return tx
      .Execute(
          "INSERT INTO retention_items (entity_type, entity_id, inspection_id, kind, "
          "extended_to, extend_reason) VALUES (?, ?, ?, ?, ?, ?)",
          {n.entity_type, n.entity_id, n.inspection_id, n.kind, n.extended_to, n.extend_reason})
      .status();
}

StatusOr<std::vector<Destruction>> DestructionsOf(Transaction& tx, int64_t inspection_id) {
  std::string sql = std::string("SELECT ") + kDestructionColumns + " FROM retention_destructions";
  SqlParams params;
  if (inspection_id) {
    sql += " WHERE inspection_id = ?";
    params.emplace_back(inspection_id);
  }
  ASSIGN_OR_RETURN(auto rows, tx.Query(sql + " ORDER BY id", params));
  std::vector<Destruction> out;
  for (auto& r : rows) {
    out.push_back({r.Int(0), r.Int(1), r.TakeText(2), r.Int(3), r.Int(4), r.TakeText(5), r.Int(6),
                   r.TakeText(7), r.Int(8)});
  }
  return out;
}

StatusOr<Destruction> InsertDestruction(Transaction& tx, Destruction d) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO retention_destructions (inspection_id, entity_type, entity_id, "
                  "inspectorate_id, destroyed_at, approved_by, content_sha256, certificate_seq) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {d.inspection_id, d.entity_type, d.entity_id, d.inspectorate_id, d.destroyed_at,
                   d.approved_by, d.content_sha256, d.certificate_seq},
                  "destruction"));
  d.id = row.Int(0);
  return d;
}

}  // namespace jointly
