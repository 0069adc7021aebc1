#include "store/consultation_store.h"

#include <map>
#include <nlohmann/json.hpp>

#include "core/enum_ids.h"

namespace jointly {

using nlohmann::json;

namespace {

ConsultationRound RoundFromRow(const SqlRow& r) {
  ConsultationRound out;
  out.id = r.Int(0);
  out.title = r.Text(1);
  out.first_year = static_cast<int>(r.Int(2));
  out.years = static_cast<int>(r.Int(3));
  out.owner_inspectorate_id = r.OptInt(4);
  out.opens_on = r.DateAt(5);
  out.deadline = r.DateAt(6);
  out.state = ParseRoundState(r.Text(7)).value_or(RoundState::kDraft);
  const json sections = json::parse(r.Text(8), nullptr, false);
  if (sections.is_array()) {
    for (const auto& s : sections) {
      ConsultationSection section;
      section.title = s.value("title", "");
      for (const auto& q : s.value("questions", json::array())) {
        if (q.is_string()) section.questions.push_back(q.get<std::string>());
      }
      out.sections.push_back(std::move(section));
    }
  }
  out.version = r.Int(9);
  out.summary_published = r.Bool(10);
  if (!r.IsNull(11)) out.summary_published_on = r.DateAt(11);
  if (!r.IsNull(12)) out.closed_on = r.DateAt(12);
  return out;
}

constexpr const char* kRoundColumns =
    "id, title, first_year, years, owner_inspectorate_id, opens_on, deadline, state, sections, "
    "version, summary_published, summary_published_on, closed_on";

Consultee ConsulteeFromRow(const SqlRow& r) {
  Consultee c;
  c.id = r.Int(0);
  c.round_id = r.Int(1);
  c.contact_id = r.OptInt(2).value_or(0);
  c.category = ParseConsulteeCategory(r.Text(3)).value_or(ConsulteeCategory::kStakeholder);
  c.inspectorate_id = r.OptInt(4);
  c.organisation = r.Text(5);
  c.dropped = r.Bool(6);
  c.dropped_reason = r.Text(7);
  return c;
}

constexpr const char* kConsulteeColumns =
    "id, round_id, contact_id, category, inspectorate_id, organisation, dropped, dropped_reason";

constexpr const char* kResponseColumns =
    "id, round_id, name, organisation, on_behalf_of, answers, consent_to_publish, channel, "
    "received_on, late, topics, our_response, status, note, version";

ConsultationResponse ResponseFromRow(const SqlRow& r) {
  ConsultationResponse out;
  out.id = r.Int(0);
  out.round_id = r.Int(1);
  out.name = r.Text(2);
  out.organisation = r.Text(3);
  out.on_behalf_of = r.Text(4);
  const json answers = json::parse(r.Text(5), nullptr, false);
  if (answers.is_object()) {
    for (auto it = answers.begin(); it != answers.end(); ++it) {
      if (it.value().is_string()) out.answers[std::atoi(it.key().c_str())] = it.value();
    }
  }
  out.consent_to_publish = r.Bool(6);
  out.channel = ParseResponseChannel(r.Text(7)).value_or(ResponseChannel::kOnline);
  out.received_on = r.DateAt(8);
  out.late = r.Bool(9);
  const json topics = json::parse(r.Text(10), nullptr, false);
  if (topics.is_array()) {
    for (const auto& t : topics) {
      if (t.is_string()) out.topics.push_back(t.get<std::string>());
    }
  }
  out.our_response = r.Text(11);
  out.status = ParseById(r.Text(12), kAllResponseStatuses, ResponseStatusId)
                   .value_or(ResponseStatus::kCounted);
  out.status_note = r.Text(13);
  out.version = r.Int(14);
  return out;
}

Status LoadProposals(Transaction& tx, std::vector<ConsultationResponse>& responses) {
  if (responses.empty()) return OkStatus();
  std::map<int64_t, ConsultationResponse*> by_id;
  std::string in;
  SqlParams params;
  for (auto& r : responses) {
    by_id[r.id] = &r;
    in += in.empty() ? "?" : ", ?";
    params.push_back(r.id);
  }
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT response_id, proposal_id FROM response_proposals "
                                       "WHERE response_id IN (" +
                                           in + ")",
                                       params));
  for (const auto& row : rows) by_id[row.Int(0)]->proposals.insert(row.Int(1));
  return OkStatus();
}

}  // namespace

StatusOr<int64_t> RoundsUsingContact(Transaction& tx, int64_t contact_id) {
  ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne("SELECT COUNT(DISTINCT round_id) FROM consultees "
                                           "WHERE contact_id = ?",
                                           {contact_id}, "consultees"));
  return row.Int(0);
}

StatusOr<std::vector<ConsultationRound>> ListRounds(Transaction& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kRoundColumns +
                                       " FROM consultation_rounds ORDER BY id DESC"));
  std::vector<ConsultationRound> out;
  for (const auto& r : rows) out.push_back(RoundFromRow(r));
  return out;
}

StatusOr<ConsultationRound> GetRound(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne(std::string("SELECT ") + kRoundColumns +
                                               " FROM consultation_rounds WHERE id = ?",
                                           {id}, "Consultation " + std::to_string(id)));
  return RoundFromRow(row);
}

StatusOr<int64_t> InsertRound(Transaction& tx, const ConsultationRound& r, const std::string& now) {
  json sections = json::array();
  for (const auto& s : r.sections) {
    sections.push_back({{"title", s.title}, {"questions", s.questions}});
  }
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO consultation_rounds (title, first_year, years, "
                  "owner_inspectorate_id, opens_on, deadline, state, sections, version, "
                  "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?) RETURNING id",
                  {r.title, r.first_year, r.years, SqlValue(r.owner_inspectorate_id), r.opens_on,
                   r.deadline, RoundStateId(r.state), sections.dump(), now},
                  "inserted round"));
  return row.Int(0);
}

Status SetSummaryPublished(Transaction& tx, int64_t id, const std::string& now) {
  return tx
      .Execute(
          "UPDATE consultation_rounds SET summary_published = 1, summary_published_on = ?, "
          "version = version + 1, updated_at = ? WHERE id = ?",
          {now.substr(0, 10), now, id})
      .status();
}

Status SetRoundState(Transaction& tx, int64_t id, RoundState state, const std::string& now,
                     Date closed_on) {
  ASSIGN_OR_RETURN(
      int64_t changed,
      tx.Execute("UPDATE consultation_rounds SET state = ?, closed_on = ?, "
                 "version = version + 1, updated_at = ? WHERE id = ?",
                 {RoundStateId(state), closed_on.ok() ? SqlValue(closed_on.ToIso()) : SqlValue(),
                  now, id}));
  if (changed == 0) return NotFound("Consultation " + std::to_string(id) + " not found");
  return OkStatus();
}

StatusOr<std::vector<Consultee>> ConsulteesOf(Transaction& tx, int64_t round_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kConsulteeColumns +
                                           " FROM consultees WHERE round_id = ? ORDER BY id",
                                       {round_id}));
  std::vector<Consultee> out;
  for (const auto& r : rows) out.push_back(ConsulteeFromRow(r));
  return out;
}

StatusOr<Consultee> GetConsultee(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne(std::string("SELECT ") + kConsulteeColumns +
                                               " FROM consultees WHERE id = ?",
                                           {id}, "Consultee " + std::to_string(id)));
  return ConsulteeFromRow(row);
}

StatusOr<int64_t> InsertConsultee(Transaction& tx, const Consultee& c) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO consultees (round_id, contact_id, category, inspectorate_id, "
                  "organisation, dropped, dropped_reason) VALUES (?, ?, ?, ?, ?, ?, ?) "
                  "RETURNING id",
                  {c.round_id, c.contact_id ? SqlValue(c.contact_id) : SqlValue(),
                   ConsulteeCategoryId(c.category), SqlValue(c.inspectorate_id), c.organisation,
                   c.dropped, c.dropped_reason},
                  "inserted consultee"));
  return row.Int(0);
}

Status UpdateConsultee(Transaction& tx, const Consultee& c) {
  return tx
      .Execute(
          "UPDATE consultees SET contact_id = ?, dropped = ?, dropped_reason = ? WHERE id = ?",
          {c.contact_id ? SqlValue(c.contact_id) : SqlValue(), c.dropped, c.dropped_reason, c.id})
      .status();
}

StatusOr<std::optional<int64_t>> LastContactOf(Transaction& tx, const Consultee& c) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT contact_id FROM consultees WHERE category = ? AND "
                                       "organisation = ? AND contact_id IS NOT NULL AND "
                                       "round_id <> ? ORDER BY round_id DESC LIMIT 1",
                                       {std::string(ConsulteeCategoryId(c.category)),
                                        c.organisation, c.round_id}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].Int(0));
}

StatusOr<std::vector<ConsultationResponse>> ResponsesOf(Transaction& tx, int64_t round_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kResponseColumns +
                                           " FROM consultation_responses WHERE round_id = ? "
                                           "ORDER BY id",
                                       {round_id}));
  std::vector<ConsultationResponse> out;
  for (const auto& r : rows) out.push_back(ResponseFromRow(r));
  RETURN_IF_ERROR(LoadProposals(tx, out));
  return out;
}

StatusOr<ConsultationResponse> GetResponse(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne(std::string("SELECT ") + kResponseColumns +
                                               " FROM consultation_responses WHERE id = ?",
                                           {id}, "Response " + std::to_string(id)));
  std::vector<ConsultationResponse> one{ResponseFromRow(row)};
  RETURN_IF_ERROR(LoadProposals(tx, one));
  return std::move(one.front());
}

StatusOr<int64_t> InsertResponse(Transaction& tx, const ConsultationResponse& r,
                                 const std::string& fingerprint, const std::string& now) {
  json answers = json::object();
  for (const auto& [n, text] : r.answers) answers[std::to_string(n)] = text;
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO consultation_responses (round_id, name, organisation, "
                  "on_behalf_of, answers, consent_to_publish, channel, received_on, late, "
                  "topics, fingerprint, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                  "RETURNING id",
                  {r.round_id, r.name, r.organisation, r.on_behalf_of, answers.dump(),
                   r.consent_to_publish, ResponseChannelId(r.channel), r.received_on, r.late,
                   json(r.topics).dump(), fingerprint, now},
                  "inserted response"));
  return row.Int(0);
}

Status SaveResponseTags(Transaction& tx, const ConsultationResponse& r) {
  RETURN_IF_ERROR(tx.Execute("UPDATE consultation_responses SET topics = ?, our_response = ? "
                             "WHERE id = ?",
                             {json(r.topics).dump(), r.our_response, r.id})
                      .status());
  RETURN_IF_ERROR(
      tx.Execute("DELETE FROM response_proposals WHERE response_id = ?", {r.id}).status());
  for (int64_t p : r.proposals) {
    RETURN_IF_ERROR(tx.Execute("INSERT INTO response_proposals (response_id, proposal_id) "
                               "VALUES (?, ?)",
                               {r.id, p})
                        .status());
  }
  return OkStatus();
}

StatusOr<std::vector<ConsultationResponse>> ResponsesAbout(Transaction& tx, int64_t proposal_id) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query(std::string("SELECT r.") +
                                "id, r.round_id, r.name, r.organisation, r.on_behalf_of, "
                                "r.answers, r.consent_to_publish, r.channel, r.received_on, "
                                "r.late, r.topics, r.our_response, r.status, r.note, r.version "
                                "FROM consultation_responses r JOIN response_proposals p ON "
                                "p.response_id = r.id WHERE p.proposal_id = ? AND "
                                "r.status = 'counted' ORDER BY r.id",
                            {proposal_id}));
  std::vector<ConsultationResponse> out;
  for (const auto& r : rows) out.push_back(ResponseFromRow(r));
  RETURN_IF_ERROR(LoadProposals(tx, out));
  return out;
}

StatusOr<std::vector<Dispatch>> DispatchesOf(Transaction& tx, int64_t round_id) {
  ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT d.id, d.consultee_id, d.sent_on, d.method, d.what, d.plan_id FROM "
               "dispatches d JOIN consultees c ON c.id = d.consultee_id WHERE "
               "c.round_id = ? ORDER BY d.id",
               {round_id}));
  std::vector<Dispatch> out;
  for (const auto& r : rows) {
    out.push_back(
        {r.Int(0), r.Int(1), r.DateAt(2), r.Text(3), r.Text(4), r.IsNull(5) ? 0 : r.Int(5)});
  }
  return out;
}

StatusOr<int64_t> InsertDispatch(Transaction& tx, const Dispatch& d, int64_t by,
                                 const std::string& now) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO dispatches (consultee_id, sent_on, method, what, plan_id, "
                  "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {d.consultee_id, d.sent_on, d.method, d.what, d.plan_id, by, now},
                  "inserted dispatch"));
  return row.Int(0);
}

StatusOr<std::optional<Rotation>> GetRotation(Transaction& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT inspectorate_order, first_year, reason FROM "
                                       "governance_rotation WHERE body = 'cjcig'"));
  if (rows.empty()) return std::optional<Rotation>();
  Rotation r;
  const json order = json::parse(rows[0].Text(0), nullptr, false);
  if (order.is_array()) {
    for (const auto& id : order) {
      if (id.is_number_integer()) r.order.push_back(id.get<int64_t>());
    }
  }
  r.first_year = static_cast<int>(rows[0].Int(1));
  r.reason = rows[0].Text(2);
  return std::optional<Rotation>(r);
}

Status SaveRotation(Transaction& tx, const Rotation& r, const std::string& reason,
                    const std::string& now) {
  RETURN_IF_ERROR(tx.Execute("DELETE FROM governance_rotation WHERE body = 'cjcig'").status());
  return tx
      .Execute(
          "INSERT INTO governance_rotation (body, inspectorate_order, first_year, reason, "
          "version, updated_at) VALUES ('cjcig', ?, ?, ?, 1, ?)",
          {json(r.order).dump(), r.first_year, reason, now})
      .status();
}

}  // namespace jointly
