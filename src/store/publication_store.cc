#include "store/publication_store.h"

namespace jointly {
namespace {

constexpr const char* kPublicationColumns =
    "inspection_id, publish_at, content_version, state, scheduled_by, scheduled_at, "
    "published_at, embargo_sent_at, version";

Publication PublicationFrom(SqlRow& r) {
  Publication p;
  p.inspection_id = r.Int(0);
  p.publish_at = r.TakeText(1);
  p.content_version = r.Int(2);
  p.state = ParsePublicationState(r.Text(3)).value_or(PublicationState::kScheduled);
  p.scheduled_by = r.Int(4);
  p.scheduled_at = r.TakeText(5);
  p.published_at = r.TakeText(6);
  p.embargo_sent_at = r.TakeText(7);
  p.version = r.Int(8);
  return p;
}

constexpr const char* kRecipientColumns =
    "id, inspection_id, department, name, email, token_sha256, sent_at, revoked_at, version";

EmbargoRecipient RecipientFrom(SqlRow& r) {
  EmbargoRecipient out;
  out.id = r.Int(0);
  out.inspection_id = r.Int(1);
  out.department = r.TakeText(2);
  out.name = r.TakeText(3);
  out.email = r.TakeText(4);
  out.token_sha256 = r.TakeText(5);
  out.sent_at = r.TakeText(6);
  out.revoked_at = r.TakeText(7);
  out.version = r.Int(8);
  return out;
}

StatusOr<std::vector<EmbargoRecipient>> Recipients(Transaction& tx, const std::string& where,
                                                   const SqlParams& params) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kRecipientColumns +
                                           " FROM embargo_recipients " + where + " ORDER BY id",
                                       params));
  std::vector<EmbargoRecipient> out;
  for (auto& r : rows) out.push_back(RecipientFrom(r));
  return out;
}

}  // namespace

StatusOr<std::optional<Publication>> GetPublication(Transaction& tx, int64_t inspection_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kPublicationColumns +
                                           " FROM inspection_publications WHERE inspection_id = ?",
                                       {inspection_id}));
  if (rows.empty()) return std::optional<Publication>();
  return std::optional<Publication>(PublicationFrom(rows[0]));
}

StatusOr<Publication> PutPublication(Transaction& tx, Publication p) {
  ASSIGN_OR_RETURN(auto before, GetPublication(tx, p.inspection_id));
  if (!before) {
    p.version = 1;
    p.state = PublicationState::kScheduled;
    RETURN_IF_ERROR(tx.Execute("INSERT INTO inspection_publications (inspection_id, publish_at, "
                               "content_version, state, scheduled_by, scheduled_at, version) "
                               "VALUES (?, ?, ?, 'scheduled', ?, ?, 1)",
                               {p.inspection_id, p.publish_at, p.content_version, p.scheduled_by,
                                p.scheduled_at})
                        .status());
    return p;
  }
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Execute("UPDATE inspection_publications SET publish_at = ?, "
                              "content_version = ?, scheduled_by = ?, scheduled_at = ?, "
                              "version = version + 1 WHERE inspection_id = ? AND version = ? "
                              "AND state = 'scheduled'",
                              {p.publish_at, p.content_version, p.scheduled_by, p.scheduled_at,
                               p.inspection_id, before->version}));
  if (changed != 1)
    return FailedPrecondition("The report is already published", "already-published");
  p.state = before->state;
  p.published_at = before->published_at;
  p.embargo_sent_at = before->embargo_sent_at;
  p.version = before->version + 1;
  return p;
}

StatusOr<std::vector<Publication>> ScheduledPublications(Transaction& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kPublicationColumns +
                                       " FROM inspection_publications WHERE state = 'scheduled' "
                                       "ORDER BY publish_at, inspection_id"));
  std::vector<Publication> out;
  for (auto& r : rows) out.push_back(PublicationFrom(r));
  return out;
}

StatusOr<bool> ClaimPublication(Transaction& tx, int64_t inspection_id, int64_t version,
                                const std::string& at) {
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Execute("UPDATE inspection_publications SET state = 'published', "
                              "published_at = ?, version = version + 1 WHERE inspection_id = ? "
                              "AND version = ? AND state = 'scheduled'",
                              {at, inspection_id, version}));
  return changed == 1;
}

StatusOr<bool> ClaimEmbargo(Transaction& tx, int64_t inspection_id, int64_t version,
                            const std::string& at) {
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Execute("UPDATE inspection_publications SET embargo_sent_at = ?, "
                              "version = version + 1 WHERE inspection_id = ? AND version = ? "
                              "AND state = 'scheduled' AND embargo_sent_at = ''",
                              {at, inspection_id, version}));
  return changed == 1;
}

Status UnclaimEmbargo(Transaction& tx, int64_t inspection_id) {
  return tx
      .Execute(
          "UPDATE inspection_publications SET embargo_sent_at = '', version = version + 1 WHERE "
          "inspection_id = ? AND state = 'scheduled' AND embargo_sent_at <> '' AND NOT EXISTS "
          "(SELECT 1 FROM embargo_recipients r WHERE r.inspection_id = ? AND r.sent_at <> '' AND "
          "r.revoked_at = '')",
          {inspection_id, inspection_id})
      .status();
}

StatusOr<std::vector<EmbargoRecipient>> RecipientsOf(Transaction& tx, int64_t inspection_id) {
  return Recipients(tx, "WHERE inspection_id = ?", {inspection_id});
}

StatusOr<EmbargoRecipient> GetRecipient(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(auto found, Recipients(tx, "WHERE id = ?", {id}));
  if (found.empty()) return NotFound("No embargo recipient with reference " + std::to_string(id));
  return found[0];
}

StatusOr<std::optional<EmbargoRecipient>> RecipientByToken(Transaction& tx,
                                                           const std::string& token_sha256) {
  if (token_sha256.empty()) return std::optional<EmbargoRecipient>();
  ASSIGN_OR_RETURN(auto found, Recipients(tx, "WHERE token_sha256 = ?", {token_sha256}));
  if (found.empty()) return std::optional<EmbargoRecipient>();
  return std::optional<EmbargoRecipient>(found[0]);
}

StatusOr<EmbargoRecipient> InsertRecipient(Transaction& tx, EmbargoRecipient r) {
  ASSIGN_OR_RETURN(
      auto row, tx.QueryOne("INSERT INTO embargo_recipients (inspection_id, "
                            "department, name, email, version) VALUES (?, ?, ?, ?, "
                            "1) RETURNING id",
                            {r.inspection_id, r.department, r.name, r.email}, "embargo recipient"));
  r.id = row.Int(0);
  r.version = 1;
  return r;
}

StatusOr<EmbargoRecipient> UpdateEmbargoRecipient(Transaction& tx, EmbargoRecipient r) {
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Execute("UPDATE embargo_recipients SET department = ?, name = ?, email = ?, "
                              "token_sha256 = ?, sent_at = ?, revoked_at = ?, version = version "
                              "+ 1 WHERE id = ? AND version = ?",
                              {r.department, r.name, r.email, r.token_sha256, r.sent_at,
                               r.revoked_at, r.id, r.version}));
  if (changed != 1) return Aborted("The embargo recipient was changed by someone else");
  ++r.version;
  return r;
}

Status InsertOpening(Transaction& tx, const EmbargoOpening& o) {
  return tx
      .Execute(
          "INSERT INTO embargo_openings (recipient_id, opened_at, address, what) VALUES "
          "(?, ?, ?, ?)",
          {o.recipient_id, o.opened_at, o.address, o.what})
      .status();
}

StatusOr<std::vector<EmbargoOpening>> OpeningsOf(Transaction& tx, int64_t inspection_id) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query("SELECT o.id, o.recipient_id, o.opened_at, o.address, o.what FROM "
                            "embargo_openings o JOIN embargo_recipients r ON r.id = "
                            "o.recipient_id WHERE r.inspection_id = ? ORDER BY o.id",
                            {inspection_id}));
  std::vector<EmbargoOpening> out;
  for (auto& r : rows) {
    out.push_back({r.Int(0), r.Int(1), r.TakeText(2), r.TakeText(3), r.TakeText(4)});
  }
  return out;
}

}  // namespace jointly
