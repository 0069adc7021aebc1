#include "store/fieldwork_store.h"

#include "core/crypto.h"

namespace jointly {

namespace {

constexpr const char* kReviewColumns =
    "r.id, r.evidence_id, r.evidence_version, r.inspectorate_id, r.state, r.comment, r.answer, "
    "r.reviewed_by, r.reviewed_at, r.answered_by, r.answered_at, r.acting_as, r.answered_as";

EvidenceReview ReviewFrom(const SqlRow& r) {
  EvidenceReview x;
  x.id = r.Int(0);
  x.evidence_id = r.Int(1);
  x.evidence_version = r.Int(2);
  x.inspectorate_id = r.Int(3);
  x.state = r.Text(4) == ReviewStateId(ReviewState::kQueryRaised) ? ReviewState::kQueryRaised
                                                                  : ReviewState::kAgreed;
  x.comment = r.Text(5);
  x.answer = r.Text(6);
  x.reviewed_by = r.Int(7);
  x.reviewed_at = r.Text(8);
  x.answered_by = r.IsNull(9) ? 0 : r.Int(9);
  x.answered_at = r.Text(10);
  x.acting_as = r.Text(11);
  x.answered_as = r.Text(12);
  return x;
}

constexpr const char* kAttachmentColumns =
    "a.id, a.evidence_id, a.filename, a.content_type, a.size, a.sha256, a.uploaded_by, "
    "a.uploaded_at";

Attachment AttachmentFrom(const SqlRow& r) {
  return {r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Int(4), r.Text(5), r.Int(6), r.Text(7)};
}

// The rows of `table` (as `alias`, read by `columns` and `from`) that
// belong to evidence of the inspection, oldest first.
template <typename T>
StatusOr<std::vector<T>> OfInspectionEvidence(Transaction& tx, const std::string& table,
                                              const std::string& alias, const char* columns,
                                              T (*from)(const SqlRow&), int64_t inspection_id) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query(std::string("SELECT ") + columns + " FROM " + table + " " + alias +
                                " JOIN inspection_evidence e ON e.id = " + alias +
                                ".evidence_id WHERE e.inspection_id = ? ORDER BY " + alias + ".id",
                            {inspection_id}));
  std::vector<T> out;
  for (const auto& r : rows) out.push_back(from(r));
  return out;
}

}  // namespace

StatusOr<int64_t> InsertReview(Transaction& tx, const EvidenceReview& x) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne(
          "INSERT INTO evidence_reviews (evidence_id, evidence_version, inspectorate_id, "
          "state, comment, reviewed_by, reviewed_at, acting_as) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
          "RETURNING id",
          {x.evidence_id, x.evidence_version, x.inspectorate_id, ReviewStateId(x.state), x.comment,
           x.reviewed_by, x.reviewed_at, x.acting_as},
          "inserted review"));
  return row.Int(0);
}

Status AnswerReview(Transaction& tx, const EvidenceReview& review) {
  return tx
      .Execute(
          "UPDATE evidence_reviews SET answer = ?, answered_by = ?, answered_at = ?, "
          "answered_as = ? WHERE id = ?",
          {review.answer, review.answered_by, review.answered_at, review.answered_as, review.id})
      .status();
}

StatusOr<EvidenceReview> GetReview(Transaction& tx, int64_t review_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kReviewColumns +
                                           " FROM evidence_reviews r WHERE r.id = ?",
                                       {review_id}));
  if (rows.empty()) return NotFound("No query with reference " + std::to_string(review_id));
  return ReviewFrom(rows.front());
}

StatusOr<std::vector<EvidenceReview>> ReviewsOfInspection(Transaction& tx, int64_t inspection_id) {
  return OfInspectionEvidence(tx, "evidence_reviews", "r", kReviewColumns, ReviewFrom,
                              inspection_id);
}

StatusOr<int64_t> BumpEvidenceVersion(Transaction& tx, int64_t evidence_id,
                                      const std::string& now) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("UPDATE inspection_evidence SET version = version + 1, updated_at = ? "
                  "WHERE id = ? RETURNING version",
                  {now, evidence_id}, "evidence item"));
  return row.Int(0);
}

StatusOr<int64_t> InsertAttachment(Transaction& tx, const Attachment& a, std::string_view content) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO evidence_attachments (evidence_id, filename, content_type, size, "
                  "sha256, content, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                  "RETURNING id",
                  {a.evidence_id, a.filename, a.content_type, a.size, a.sha256,
                   Base64Encode(content), a.uploaded_by, a.uploaded_at},
                  "inserted attachment"));
  return row.Int(0);
}

StatusOr<std::vector<Attachment>> AttachmentsOfInspection(Transaction& tx, int64_t inspection_id) {
  return OfInspectionEvidence(tx, "evidence_attachments", "a", kAttachmentColumns, AttachmentFrom,
                              inspection_id);
}

StatusOr<std::pair<Attachment, std::string>> GetAttachment(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kAttachmentColumns +
                                           ", a.content FROM evidence_attachments a WHERE a.id = ?",
                                       {id}));
  if (rows.empty()) return NotFound("No attachment with reference " + std::to_string(id));
  ASSIGN_OR_RETURN(std::string content, Base64Decode(rows.front().Text(8)));
  return std::make_pair(AttachmentFrom(rows.front()), std::move(content));
}

}  // namespace jointly
