#include "store/site_data_store.h"

namespace jointly {

namespace {

constexpr const char* kIndicatorColumns =
    "body_id, performance, performance_measure, size, size_measure";

BodyIndicators IndicatorsFromRow(const SqlRow& r) {
  return {.body_id = r.Int(0),
          .performance = r.Text(1),
          .performance_measure = r.Text(2),
          .size = r.Int(3),
          .size_measure = r.Text(4)};
}

}  // namespace

StatusOr<std::optional<BodyIndicators>> FindIndicators(Transaction& tx, int64_t body_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kIndicatorColumns +
                                           " FROM body_indicators WHERE body_id = ?",
                                       {body_id}));
  if (rows.empty()) return std::optional<BodyIndicators>();
  return std::optional<BodyIndicators>(IndicatorsFromRow(rows.front()));
}

Status SaveIndicators(Transaction& tx, const BodyIndicators& i, const std::string& now) {
  RETURN_IF_ERROR(
      tx.Execute("DELETE FROM body_indicators WHERE body_id = ?", {i.body_id}).status());
  return tx
      .Execute(std::string("INSERT INTO body_indicators (") + kIndicatorColumns +
                   ", updated_at) VALUES (?, ?, ?, ?, ?, ?)",
               {i.body_id, i.performance, i.performance_measure, i.size, i.size_measure, now})
      .status();
}

StatusOr<std::vector<BodyIndicators>> AllIndicators(Transaction& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kIndicatorColumns +
                                       " FROM body_indicators ORDER BY body_id"));
  std::vector<BodyIndicators> out;
  for (const auto& r : rows) out.push_back(IndicatorsFromRow(r));
  return out;
}

StatusOr<bool> AddPastInspection(Transaction& tx, const PastInspection& p, const std::string& now) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id FROM past_inspections WHERE body_id = ? AND "
                                       "inspectorate_id = ? AND inspected_on = ? AND title = ?",
                                       {p.body_id, p.inspectorate_id, p.inspected_on, p.title}));
  if (!rows.empty()) return false;
  RETURN_IF_ERROR(tx.Execute("INSERT INTO past_inspections (body_id, inspectorate_id, "
                             "inspected_on, title, updated_at) VALUES (?, ?, ?, ?, ?)",
                             {p.body_id, p.inspectorate_id, p.inspected_on, p.title, now})
                      .status());
  return true;
}

StatusOr<std::vector<PastInspection>> AllPastInspections(Transaction& tx,
                                                         int64_t except_inspection_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT body_id, inspectorate_id, inspected_on, title "
                                       "FROM past_inspections ORDER BY inspected_on, id"));
  std::vector<PastInspection> out;
  for (const auto& r : rows) {
    out.push_back({.body_id = r.Int(0),
                   .inspectorate_id = r.Int(1),
                   .inspected_on = r.Text(2),
                   .title = r.Text(3)});
  }
  ASSIGN_OR_RETURN(auto sites,
                   tx.Query("SELECT s.body_id, s.fieldwork_starts_on, i.title FROM "
                            "inspection_sites s JOIN inspections i ON i.id = s.inspection_id "
                            "WHERE s.inspection_id <> ? ORDER BY s.fieldwork_starts_on, s.id",
                            {except_inspection_id}));
  for (const auto& r : sites) {
    out.push_back(
        {.body_id = r.Int(0), .inspectorate_id = 0, .inspected_on = r.Text(1), .title = r.Text(2)});
  }
  return out;
}

}  // namespace jointly
