#include "store/decision_store.h"

#include <map>

namespace jointly {
namespace {

// The newest decisions listed; older ones are not shown.
constexpr int kDecisionsListed = 500;

constexpr const char* kDecisionColumns =
    "id, kind, subject, subject_id, subject_version, payload, raised_by, raised_at, decided_at, "
    "version, lapsed_at, superseded_by";

StoredDecision DecisionFromRow(const SqlRow& r) {
  StoredDecision d;
  d.decision.id = r.Int(0);
  d.kind = r.Text(1);
  d.decision.subject = r.Text(2);
  d.subject_id = r.Int(3);
  d.subject_version = r.OptInt(4);
  d.payload = r.Text(5);
  d.raised_by = r.Int(6);
  d.raised_at = r.Text(7);
  d.decided_at = r.Text(8);
  d.decision.version = r.Int(9);
  d.decision.lapsed_at = r.Text(10);
  d.decision.superseded_by = r.IsNull(11) ? 0 : r.Int(11);
  return d;
}

Status LoadDecisionDetails(Transaction& tx, std::vector<StoredDecision>& decisions) {
  if (decisions.empty()) return OkStatus();
  std::map<int64_t, StoredDecision*> by_id;
  std::string in;
  SqlParams params;
  for (auto& d : decisions) {
    by_id[d.decision.id] = &d;
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(d.decision.id);
  }
  ASSIGN_OR_RETURN(auto concerned,
                   tx.Query("SELECT decision_id, inspectorate_id FROM joint_decision_concerned "
                            "WHERE decision_id IN (" +
                                in + ")",
                            params));
  for (const auto& r : concerned) by_id[r.Int(0)]->decision.concerned.insert(r.Int(1));
  ASSIGN_OR_RETURN(auto responses,
                   tx.Query("SELECT decision_id, inspectorate_id, agreed, reason, by_user_id, at "
                            "FROM joint_decision_responses WHERE decision_id IN (" +
                                in + ")",
                            params));
  for (const auto& r : responses) {
    by_id[r.Int(0)]->decision.responses[r.Int(1)] = {r.Bool(2), r.Text(3), r.Int(4), r.Text(5)};
  }
  return OkStatus();
}

}  // namespace

StatusOr<int64_t> InsertDecision(Transaction& tx, const StoredDecision& d) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO joint_decisions (kind, subject, subject_id, subject_version, "
                  "payload, state, raised_by, raised_at, version) "
                  "VALUES (?, ?, ?, ?, ?, 'awaiting', ?, ?, 1) RETURNING id",
                  {d.kind, d.decision.subject, d.subject_id, SqlValue(d.subject_version),
                   d.payload.empty() ? std::string("{}") : d.payload, d.raised_by, d.raised_at},
                  "inserted decision"));
  const int64_t id = row.Int(0);
  for (int64_t i : d.decision.concerned) {
    RETURN_IF_ERROR(
        tx.Execute(
              "INSERT INTO joint_decision_concerned (decision_id, inspectorate_id) VALUES (?, ?)",
              {id, i})
            .status());
  }
  return id;
}

StatusOr<StoredDecision> GetDecision(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne(std::string("SELECT ") + kDecisionColumns +
                                               " FROM joint_decisions WHERE id = ?",
                                           {id}, "Joint decision " + std::to_string(id)));
  std::vector<StoredDecision> one{DecisionFromRow(row)};
  RETURN_IF_ERROR(LoadDecisionDetails(tx, one));
  return std::move(one.front());
}

StatusOr<std::vector<StoredDecision>> ListDecisions(Transaction& tx,
                                                    std::optional<DecisionState> state) {
  std::string sql = std::string("SELECT ") + kDecisionColumns + " FROM joint_decisions";
  SqlParams params;
  if (state) {
    sql += " WHERE state = ?";
    params.emplace_back(DecisionStateId(*state));
  }
  sql += " ORDER BY id DESC LIMIT " + std::to_string(kDecisionsListed);
  ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  std::vector<StoredDecision> out;
  for (const auto& r : rows) out.push_back(DecisionFromRow(r));
  RETURN_IF_ERROR(LoadDecisionDetails(tx, out));
  return out;
}

StatusOr<std::vector<DecisionSubject>> ListDecisionSubjects(Transaction& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id, subject FROM joint_decisions ORDER BY id DESC "
                                       "LIMIT " +
                                           std::to_string(kDecisionsListed),
                                       {}));
  std::vector<DecisionSubject> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.Int(0), r.Text(1)});
  return out;
}

StatusOr<std::vector<StoredDecision>> AwaitingOn(Transaction& tx, const std::string& kind,
                                                 int64_t subject_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kDecisionColumns +
                                           " FROM joint_decisions WHERE kind = ? AND "
                                           "subject_id = ? AND state = 'awaiting' ORDER BY id DESC",
                                       {kind, subject_id}));
  std::vector<StoredDecision> out;
  for (const auto& r : rows) out.push_back(DecisionFromRow(r));
  return out;
}

StatusOr<std::optional<StoredDecision>> NewestOn(Transaction& tx, const std::string& kind,
                                                 int64_t subject_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id FROM joint_decisions WHERE kind = ? AND "
                                       "subject_id = ? ORDER BY id DESC LIMIT 1",
                                       {kind, subject_id}));
  if (rows.empty()) return std::optional<StoredDecision>();
  ASSIGN_OR_RETURN(StoredDecision d, GetDecision(tx, rows.front().Int(0)));
  return std::optional<StoredDecision>(std::move(d));
}

Status LapseDecision(Transaction& tx, const StoredDecision& d, int64_t superseded_by,
                     const std::string& now) {
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Execute("UPDATE joint_decisions SET state = 'declined', lapsed_at = ?, "
                              "superseded_by = ?, version = version + 1 WHERE id = ? AND "
                              "version = ? AND state = 'awaiting'",
                              {now, superseded_by, d.decision.id, d.decision.version}));
  if (changed == 0) {
    return StaleOrMissing(tx, "joint_decisions", "decision", d.decision.id, d.decision.version);
  }
  return OkStatus();
}

Status SaveResponse(Transaction& tx, const StoredDecision& d, int64_t inspectorate_id,
                    const DecisionResponse& response, const std::string& now) {
  const DecisionState state = d.decision.state();
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Execute("UPDATE joint_decisions SET state = ?, decided_at = ?, "
                              "version = version + 1 WHERE id = ? AND version = ?",
                              {DecisionStateId(state),
                               state == DecisionState::kAwaiting ? SqlValue() : SqlValue(now),
                               d.decision.id, d.decision.version}));
  if (changed == 0) {
    return StaleOrMissing(tx, "joint_decisions", "decision", d.decision.id, d.decision.version);
  }
  return tx
      .Execute(
          "INSERT INTO joint_decision_responses (decision_id, inspectorate_id, agreed, "
          "reason, by_user_id, at) VALUES (?, ?, ?, ?, ?, ?)",
          {d.decision.id, inspectorate_id, response.agreed, response.reason, response.by_user_id,
           response.at})
      .status();
}

}  // namespace jointly
