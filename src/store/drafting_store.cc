#include "store/drafting_store.h"

#include "core/enum_ids.h"

namespace jointly {

namespace {

constexpr const char* kDraftColumns =
    "id, inspection_id, section_id, number, text, written_by, written_at";

SectionDraft DraftFrom(const SqlRow& r) {
  SectionDraft d;
  d.id = r.Int(0);
  d.inspection_id = r.Int(1);
  d.section_id = r.Int(2);
  d.number = r.Int(3);
  d.text = r.Text(4);
  d.written_by = r.Int(5);
  d.written_at = r.Text(6);
  return d;
}

constexpr const char* kCommentColumns =
    "id, inspection_id, section_id, inspectorate_id, on_number, kind, text, replace_text, "
    "with_text, state, reason, made_by, made_at, closed_by, closed_at";

SectionComment CommentFrom(const SqlRow& r) {
  SectionComment c;
  c.id = r.Int(0);
  c.inspection_id = r.Int(1);
  c.section_id = r.Int(2);
  c.inspectorate_id = r.Int(3);
  c.on_number = r.Int(4);
  c.kind = ParseById(r.Text(5), kAllCommentKinds, CommentKindId).value_or(CommentKind::kComment);
  c.text = r.Text(6);
  c.replace = r.Text(7);
  c.with = r.Text(8);
  c.state = ParseById(r.Text(9), kAllCommentStates, CommentStateId).value_or(CommentState::kOpen);
  c.reason = r.Text(10);
  c.made_by = r.Int(11);
  c.made_at = r.Text(12);
  c.closed_by = r.IsNull(13) ? 0 : r.Int(13);
  c.closed_at = r.Text(14);
  return c;
}

}  // namespace

StatusOr<int64_t> InsertDraft(Transaction& tx, const SectionDraft& d) {
  ASSIGN_OR_RETURN(auto same, tx.Query("SELECT id FROM inspection_section_drafts WHERE "
                                       "section_id = ? AND number = ?",
                                       {d.section_id, d.number}));
  if (!same.empty()) {
    return Aborted("Someone saved this section at the same time: read it again", "stale-version");
  }
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO inspection_section_drafts (inspection_id, section_id, "
                  "number, text, written_by, written_at) VALUES (?, ?, ?, ?, ?, ?) "
                  "RETURNING id",
                  {d.inspection_id, d.section_id, d.number, d.text, d.written_by, d.written_at},
                  "inserted draft"));
  return row.Int(0);
}

StatusOr<std::vector<SectionDraft>> DraftsOf(Transaction& tx, int64_t inspection_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kDraftColumns +
                                           " FROM inspection_section_drafts WHERE "
                                           "inspection_id = ? ORDER BY id",
                                       {inspection_id}));
  std::vector<SectionDraft> out;
  for (const auto& r : rows) out.push_back(DraftFrom(r));
  return out;
}

StatusOr<bool> SectionDrafted(Transaction& tx, int64_t section_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id FROM inspection_section_drafts WHERE "
                                       "section_id = ? LIMIT 1",
                                       {section_id}));
  return !rows.empty();
}

StatusOr<int64_t> InsertComment(Transaction& tx, const SectionComment& c) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO inspection_section_comments (inspection_id, section_id, "
                  "inspectorate_id, on_number, kind, text, replace_text, with_text, state, "
                  "made_by, made_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {c.inspection_id, c.section_id, c.inspectorate_id, c.on_number,
                   std::string(CommentKindId(c.kind)), c.text, c.replace, c.with,
                   std::string(CommentStateId(c.state)), c.made_by, c.made_at},
                  "inserted comment"));
  return row.Int(0);
}

Status CloseComment(Transaction& tx, const SectionComment& c) {
  return tx
      .Execute(
          "UPDATE inspection_section_comments SET state = ?, reason = ?, closed_by = ?, "
          "closed_at = ? WHERE id = ?",
          {std::string(CommentStateId(c.state)), c.reason, c.closed_by, c.closed_at, c.id})
      .status();
}

StatusOr<SectionComment> GetComment(Transaction& tx, int64_t comment_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kCommentColumns +
                                           " FROM inspection_section_comments WHERE id = ?",
                                       {comment_id}));
  if (rows.empty()) return NotFound("No such comment");
  return CommentFrom(rows.front());
}

StatusOr<std::vector<SectionComment>> CommentsOf(Transaction& tx, int64_t inspection_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kCommentColumns +
                                           " FROM inspection_section_comments WHERE "
                                           "inspection_id = ? ORDER BY id",
                                       {inspection_id}));
  std::vector<SectionComment> out;
  for (const auto& r : rows) out.push_back(CommentFrom(r));
  return out;
}

}  // namespace jointly
