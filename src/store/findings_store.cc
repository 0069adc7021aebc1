#include "store/findings_store.h"

namespace jointly {

StatusOr<int64_t> BumpMeetingVersion(Transaction& tx, int64_t inspection_id,
                                     const std::string& now) {
  ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne("UPDATE inspection_findings_meetings SET version = "
                                           "version + 1, updated_at = ? WHERE inspection_id = ? "
                                           "RETURNING version",
                                           {now, inspection_id}, "emerging-findings meeting"));
  return row.Int(0);
}

Status SetSectionPosition(Transaction& tx, int64_t section_id, int64_t position,
                          const std::string& now) {
  return tx
      .QueryOne(
          "UPDATE inspection_report_sections SET position = ?, version = version + 1, "
          "updated_at = ? WHERE id = ? RETURNING id",
          {position, now, section_id}, "report section")
      .status();
}

}  // namespace jointly
