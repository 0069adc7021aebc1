#include "store/governance_store.h"

#include <nlohmann/json.hpp>

namespace jointly {

using nlohmann::json;

namespace {

SqlValue OptId(const std::optional<int64_t>& id) { return id ? SqlValue(*id) : SqlValue(); }

constexpr const char* kMeetingColumns =
    "id, body, held_on, title, agenda, version, minutes, attended";

Meeting MeetingFromRow(const SqlRow& r) {
  Meeting m;
  m.id = r.Int(0);
  m.body = ParseGovernanceBody(r.Text(1)).value_or(GovernanceBody::kCjcig);
  m.held_on = r.Text(2);
  m.title = r.Text(3);
  const json agenda = json::parse(r.Text(4), nullptr, false);
  if (agenda.is_array()) {
    for (const auto& a : agenda) {
      if (a.is_object()) m.agenda.push_back({a.value("title", ""), a.value("paper", "")});
    }
  }
  m.version = r.Int(5);
  m.minutes = r.Text(6);
  const json attended = json::parse(r.Text(7), nullptr, false);
  if (attended.is_array()) {
    for (const auto& id : attended) {
      if (id.is_number_integer()) m.attended.push_back(id.get<int64_t>());
    }
  }
  return m;
}

std::string AgendaText(const Meeting& m) {
  json agenda = json::array();
  for (const auto& a : m.agenda) agenda.push_back({{"title", a.title}, {"paper", a.paper}});
  return agenda.dump();
}

constexpr const char* kReferralColumns =
    "id, meeting_id, subject, detail, state, decided_at_meeting_id, decision, version";

Referral ReferralFromRow(const SqlRow& r) {
  Referral x;
  x.id = r.Int(0);
  x.meeting_id = r.Int(1);
  x.subject = r.Text(2);
  x.detail = r.Text(3);
  x.state = r.Text(4) == "decided" ? ReferralState::kDecided : ReferralState::kOpen;
  x.decided_at_meeting_id = r.OptInt(5);
  x.decision = r.Text(6);
  x.version = r.Int(7);
  return x;
}

}  // namespace

StatusOr<std::vector<Meeting>> ListMeetings(Transaction& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kMeetingColumns +
                                       " FROM meetings ORDER BY held_on DESC, id DESC"));
  std::vector<Meeting> out;
  for (const auto& r : rows) out.push_back(MeetingFromRow(r));
  return out;
}

StatusOr<Meeting> GetMeeting(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne(std::string("SELECT ") + kMeetingColumns +
                                               " FROM meetings WHERE id = ?",
                                           {id}, "meeting " + std::to_string(id)));
  return MeetingFromRow(row);
}

StatusOr<int64_t> InsertMeeting(Transaction& tx, const Meeting& m, const std::string& now) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO meetings (body, held_on, title, agenda, minutes, attended, "
                  "version, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?) RETURNING id",
                  {std::string(GovernanceBodyId(m.body)), m.held_on, m.title, AgendaText(m),
                   m.minutes, json(m.attended).dump(), now},
                  "inserted meeting"));
  return row.Int(0);
}

Status SaveMeeting(Transaction& tx, const Meeting& m, const std::string& now) {
  ASSIGN_OR_RETURN(
      int64_t changed,
      tx.Execute("UPDATE meetings SET body = ?, held_on = ?, title = ?, agenda = ?, minutes = ?, "
                 "attended = ?, version = version + 1, updated_at = ? WHERE id = ? AND "
                 "version = ?",
                 {std::string(GovernanceBodyId(m.body)), m.held_on, m.title, AgendaText(m),
                  m.minutes, json(m.attended).dump(), now, m.id, m.version}));
  if (changed == 0) return StaleOrMissing(tx, "meetings", "meeting", m.id, m.version);
  return OkStatus();
}

StatusOr<std::vector<MeetingDecision>> DecisionsOf(Transaction& tx, int64_t meeting_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id, meeting_id, text, proposal_id, "
                                       "joint_decision_id FROM meeting_decisions WHERE "
                                       "meeting_id = ? ORDER BY id",
                                       {meeting_id}));
  std::vector<MeetingDecision> out;
  for (const auto& r : rows) {
    out.push_back({r.Int(0), r.Int(1), r.Text(2), r.OptInt(3), r.OptInt(4)});
  }
  return out;
}

StatusOr<int64_t> InsertMeetingDecision(Transaction& tx, const MeetingDecision& d,
                                        const std::string& now) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO meeting_decisions (meeting_id, text, proposal_id, "
                  "joint_decision_id, recorded_at) VALUES (?, ?, ?, ?, ?) "
                  "RETURNING id",
                  {d.meeting_id, d.text, OptId(d.proposal_id), OptId(d.joint_decision_id), now},
                  "inserted decision"));
  return row.Int(0);
}

StatusOr<std::vector<Referral>> ListReferrals(Transaction& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kReferralColumns +
                                       " FROM referrals ORDER BY state DESC, id"));
  std::vector<Referral> out;
  for (const auto& r : rows) out.push_back(ReferralFromRow(r));
  return out;
}

StatusOr<Referral> GetReferral(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne(std::string("SELECT ") + kReferralColumns +
                                               " FROM referrals WHERE id = ?",
                                           {id}, "referral " + std::to_string(id)));
  return ReferralFromRow(row);
}

StatusOr<int64_t> InsertReferral(Transaction& tx, const Referral& r, const std::string& now) {
  ASSIGN_OR_RETURN(SqlRow row,
                   tx.QueryOne("INSERT INTO referrals (meeting_id, subject, detail, state, "
                               "version, updated_at) VALUES (?, ?, ?, 'open', 1, ?) RETURNING id",
                               {r.meeting_id, r.subject, r.detail, now}, "inserted referral"));
  return row.Int(0);
}

Status SaveReferralDecision(Transaction& tx, const Referral& r, const std::string& now) {
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Execute("UPDATE referrals SET state = ?, decided_at_meeting_id = ?, "
                              "decision = ?, version = version + 1, updated_at = ? WHERE id = ? "
                              "AND version = ?",
                              {std::string(ReferralStateId(r.state)),
                               OptId(r.decided_at_meeting_id), r.decision, now, r.id, r.version}));
  if (changed == 0) return StaleOrMissing(tx, "referrals", "referral", r.id, r.version);
  return OkStatus();
}

StatusOr<std::vector<ReferenceGroup>> ListReferenceGroups(Transaction& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id FROM reference_groups ORDER BY id"));
  std::vector<ReferenceGroup> out;
  for (const auto& r : rows) {
    ASSIGN_OR_RETURN(ReferenceGroup g, GetReferenceGroup(tx, r.Int(0)));
    out.push_back(std::move(g));
  }
  return out;
}

StatusOr<ReferenceGroup> GetReferenceGroup(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne("SELECT id, proposal_id, name FROM reference_groups "
                                           "WHERE id = ?",
                                           {id}, "reference group " + std::to_string(id)));
  ReferenceGroup g;
  g.id = row.Int(0);
  g.proposal_id = row.Int(1);
  g.name = row.Text(2);
  ASSIGN_OR_RETURN(auto members, tx.Query("SELECT name, organisation FROM "
                                          "reference_group_members WHERE group_id = ? ORDER BY id",
                                          {id}));
  for (const auto& m : members) g.members.push_back({m.Text(0), m.Text(1)});
  ASSIGN_OR_RETURN(auto advice, tx.Query("SELECT id, met_on, advice FROM reference_group_advice "
                                         "WHERE group_id = ? ORDER BY met_on, id",
                                         {id}));
  for (const auto& a : advice) g.advice.push_back({a.Int(0), a.Text(1), a.Text(2)});
  return g;
}

StatusOr<int64_t> InsertReferenceGroup(Transaction& tx, const ReferenceGroup& g,
                                       const std::string& now) {
  ASSIGN_OR_RETURN(SqlRow row,
                   tx.QueryOne("INSERT INTO reference_groups (proposal_id, name, "
                               "updated_at) VALUES (?, ?, ?) RETURNING id",
                               {g.proposal_id, g.name, now}, "inserted reference group"));
  const int64_t id = row.Int(0);
  for (const auto& m : g.members) RETURN_IF_ERROR(InsertGroupMember(tx, id, m));
  return id;
}

Status InsertGroupMember(Transaction& tx, int64_t group_id, const ReferenceGroupMember& m) {
  return tx
      .Execute(
          "INSERT INTO reference_group_members (group_id, name, organisation) VALUES "
          "(?, ?, ?)",
          {group_id, m.name, m.organisation})
      .status();
}

StatusOr<int64_t> InsertAdvice(Transaction& tx, int64_t group_id, const Advice& a,
                               const std::string& now) {
  ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne("INSERT INTO reference_group_advice (group_id, "
                                           "met_on, advice, recorded_at) VALUES (?, ?, ?, ?) "
                                           "RETURNING id",
                                           {group_id, a.met_on, a.advice, now}, "inserted advice"));
  return row.Int(0);
}

}  // namespace jointly
