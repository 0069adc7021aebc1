#include "store/welsh_store.h"

#include "store/released_store.h"

namespace jointly {

bool HoldsWelshVersion(std::string_view kind) {
  return kind == kReleasedReport || kind == kReleasedInspection || kind == kReleasedConsultation;
}

StatusOr<std::optional<WelshVersion>> GetWelshVersion(Transaction& tx, std::string_view kind,
                                                      int64_t record_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT kind, record_id, title, summary, text, version, "
                                       "updated_by, updated_at FROM welsh_versions WHERE kind = ? "
                                       "AND record_id = ?",
                                       {kind, record_id}));
  if (rows.empty()) return std::optional<WelshVersion>();
  auto& row = rows.front();
  WelshVersion out;
  out.kind = row.TakeText(0);
  out.record_id = row.Int(1);
  out.title = row.TakeText(2);
  out.summary = row.TakeText(3);
  out.text = row.TakeText(4);
  out.version = row.Int(5);
  out.updated_by = row.Int(6);
  out.updated_at = row.TakeText(7);
  return std::optional<WelshVersion>(std::move(out));
}

StatusOr<int64_t> PutWelshVersion(Transaction& tx, const WelshVersion& welsh) {
  ASSIGN_OR_RETURN(auto stored, GetWelshVersion(tx, welsh.kind, welsh.record_id));
  const int64_t now_version = stored ? stored->version : 0;
  if (welsh.version != now_version) {
    return Aborted(
        "The Welsh version was changed by someone else since you opened it (you had "
        "version " +
            std::to_string(welsh.version) + ", it is now version " + std::to_string(now_version) +
            "); reload it and make your change again",
        "stale-version");
  }
  if (!stored) {
    RETURN_IF_ERROR(tx.Execute("INSERT INTO welsh_versions (kind, record_id, title, summary, "
                               "text, version, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, 1, "
                               "?, ?)",
                               {welsh.kind, welsh.record_id, welsh.title, welsh.summary, welsh.text,
                                welsh.updated_by, welsh.updated_at})
                        .status());
    return 1;
  }
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Execute("UPDATE welsh_versions SET title = ?, summary = ?, text = ?, "
                              "version = version + 1, updated_by = ?, updated_at = ? WHERE kind = "
                              "? AND record_id = ? AND version = ?",
                              {welsh.title, welsh.summary, welsh.text, welsh.updated_by,
                               welsh.updated_at, welsh.kind, welsh.record_id, welsh.version}));
  if (changed == 0) {
    return Aborted("The Welsh version was changed by someone else since you opened it",
                   "stale-version");
  }
  return welsh.version + 1;
}

StatusOr<bool> AboutBodiesInWales(Transaction& tx, std::string_view kind, int64_t record_id) {
  std::vector<SqlRow> rows;
  if (kind == kReleasedConsultation) {
    ASSIGN_OR_RETURN(rows, tx.Query("SELECT 1 FROM consultees WHERE round_id = ? AND dropped = 0 "
                                    "AND category IN ('hiw', 'auditor_general_for_wales')",
                                    {record_id}));
  } else {
    ASSIGN_OR_RETURN(
        rows, tx.Query("SELECT 1 FROM inspection_sites s JOIN bodies b ON b.id = s.body_id WHERE "
                       "s.inspection_id = ? AND b.nation IN ('wales', 'england_and_wales') UNION "
                       "ALL SELECT 1 FROM inspection_recommendations r JOIN bodies b ON b.id = "
                       "r.owner_id WHERE r.inspection_id = ? AND b.nation IN ('wales', "
                       "'england_and_wales')",
                       {record_id, record_id}));
  }
  return !rows.empty();
}

StatusOr<bool> EnglishWritten(Transaction& tx, std::string_view kind, int64_t record_id) {
  const bool round = kind == kReleasedConsultation;
  ASSIGN_OR_RETURN(auto exists, tx.Query(round ? "SELECT 1 FROM consultation_rounds WHERE id = ?"
                                               : "SELECT 1 FROM inspections WHERE id = ?",
                                         {record_id}));
  if (exists.empty()) {
    return NotFound(round ? "There is no such consultation" : "There is no such inspection");
  }
  if (round) return true;
  ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(
          kind == kReleasedReport
              ? "SELECT 1 FROM inspection_section_drafts WHERE inspection_id = ? AND text <> ''"
              : "SELECT 1 FROM inspection_terms WHERE inspection_id = ? AND (background <> '' "
                "OR aims <> '')",
          {record_id}));
  return !rows.empty();
}

}  // namespace jointly
