#include "store/inspection_store.h"

namespace jointly {

namespace {

constexpr const char* kInspectionColumns =
    "id, title, proposal_id, lead_inspectorate_id, started_on, timetable_version, version, "
    "sites_version";

Inspection InspectionFromRow(const SqlRow& r) {
  Inspection i;
  i.id = r.Int(0);
  i.title = r.Text(1);
  i.proposal_id = r.OptInt(2);
  i.lead_inspectorate_id = r.Int(3);
  i.started_on = r.Text(4);
  i.timetable_version = r.Int(5);
  i.version = r.Int(6);
  i.sites_version = r.Int(7);
  return i;
}

// Fills each inspection's participating inspectorates (the lead first) and
// partners.
Status AddWhoTakesPart(Transaction& tx, std::vector<Inspection>& inspections,
                       std::optional<int64_t> only) {
  std::string sql = "SELECT inspection_id, inspectorate_id, part FROM inspection_inspectorates";
  SqlParams params;
  if (only) {
    sql += " WHERE inspection_id = ?";
    params.push_back(*only);
  }
  sql += " ORDER BY inspection_id, inspectorate_id";
  ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  for (auto& i : inspections) {
    i.participating = {i.lead_inspectorate_id};
    for (const auto& r : rows) {
      if (r.Int(0) != i.id) continue;
      const int64_t id = r.Int(1);
      if (r.Text(2) == "partner") {
        i.partners.push_back(id);
      } else if (id != i.lead_inspectorate_id) {
        i.participating.push_back(id);
      }
    }
  }
  return OkStatus();
}

constexpr const char* kTeamColumns =
    "id, inspection_id, inspectorate_id, user_id, role, joined_on, left_on, reason";

TeamMember TeamFromRow(const SqlRow& r) {
  TeamMember m;
  m.id = r.Int(0);
  m.inspection_id = r.Int(1);
  m.inspectorate_id = r.Int(2);
  m.user_id = r.Int(3);
  m.role = ParseTeamRole(r.Text(4)).value_or(TeamRole::kTeamMember);
  m.joined_on = r.Text(5);
  m.left_on = r.Text(6);
  m.reason = r.Text(7);
  return m;
}

}  // namespace

StatusOr<int64_t> InsertInspection(Transaction& tx, const Inspection& inspection,
                                   const std::string& now) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO inspections (title, proposal_id, lead_inspectorate_id, "
                  "started_on, timetable_version, version, updated_at) VALUES (?, ?, ?, ?, 1, "
                  "1, ?) RETURNING id",
                  {inspection.title,
                   inspection.proposal_id ? SqlValue(*inspection.proposal_id) : SqlValue(),
                   inspection.lead_inspectorate_id, inspection.started_on, now},
                  "inserted inspection"));
  const int64_t id = row.Int(0);
  for (int64_t who : inspection.participating) {
    RETURN_IF_ERROR(tx.Execute("INSERT INTO inspection_inspectorates (inspection_id, "
                               "inspectorate_id, part) VALUES (?, ?, 'participating')",
                               {id, who})
                        .status());
  }
  for (int64_t who : inspection.partners) {
    RETURN_IF_ERROR(tx.Execute("INSERT INTO inspection_inspectorates (inspection_id, "
                               "inspectorate_id, part) VALUES (?, ?, 'partner')",
                               {id, who})
                        .status());
  }
  return id;
}

StatusOr<Inspection> GetInspection(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kInspectionColumns +
                                           " FROM inspections WHERE id = ?",
                                       {id}));
  if (rows.empty()) return NotFound("No inspection with reference " + std::to_string(id));
  std::vector<Inspection> one = {InspectionFromRow(rows.front())};
  RETURN_IF_ERROR(AddWhoTakesPart(tx, one, id));
  return one.front();
}

StatusOr<std::vector<Inspection>> ListInspections(Transaction& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kInspectionColumns +
                                       " FROM inspections ORDER BY id DESC"));
  std::vector<Inspection> out;
  for (const auto& r : rows) out.push_back(InspectionFromRow(r));
  RETURN_IF_ERROR(AddWhoTakesPart(tx, out, std::nullopt));
  return out;
}

StatusOr<std::optional<int64_t>> InspectionOfProposal(Transaction& tx, int64_t proposal_id) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query("SELECT id FROM inspections WHERE proposal_id = ?", {proposal_id}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows.front().Int(0));
}

StatusOr<std::vector<TeamMember>> ListTeam(Transaction& tx, int64_t inspection_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kTeamColumns +
                                           " FROM inspection_team WHERE inspection_id = ? "
                                           "ORDER BY id",
                                       {inspection_id}));
  std::vector<TeamMember> out;
  for (const auto& r : rows) out.push_back(TeamFromRow(r));
  return out;
}

StatusOr<std::vector<TeamMember>> ListCurrentTeams(Transaction& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kTeamColumns +
                                       " FROM inspection_team WHERE left_on = '' ORDER BY id"));
  std::vector<TeamMember> out;
  for (const auto& r : rows) out.push_back(TeamFromRow(r));
  return out;
}

StatusOr<int64_t> InsertTeamMember(Transaction& tx, const TeamMember& m) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO inspection_team (inspection_id, inspectorate_id, user_id, role, "
                  "joined_on, left_on, reason) VALUES (?, ?, ?, ?, ?, '', ?) RETURNING id",
                  {m.inspection_id, m.inspectorate_id, m.user_id, std::string(TeamRoleId(m.role)),
                   m.joined_on, m.reason},
                  "inserted team member"));
  return row.Int(0);
}

Status EndTeamPlace(Transaction& tx, int64_t member_id, const std::string& left_on) {
  return tx
      .Execute("UPDATE inspection_team SET left_on = ? WHERE id = ? AND left_on = ''",
               {left_on, member_id})
      .status();
}

StatusOr<int64_t> BumpTermsVersion(Transaction& tx, int64_t inspection_id, const std::string& now) {
  ASSIGN_OR_RETURN(SqlRow row,
                   tx.QueryOne("UPDATE inspection_terms SET version = version + 1, "
                               "updated_at = ? WHERE inspection_id = ? RETURNING version",
                               {now, inspection_id}, "terms of reference"));
  return row.Int(0);
}

StatusOr<int64_t> BumpTimetableVersion(Transaction& tx, int64_t inspection_id,
                                       const std::string& now) {
  ASSIGN_OR_RETURN(SqlRow row,
                   tx.QueryOne("UPDATE inspections SET timetable_version = timetable_version + 1, "
                               "updated_at = ? WHERE id = ? RETURNING timetable_version",
                               {now, inspection_id}, "inspection"));
  return row.Int(0);
}

StatusOr<int64_t> BumpSitesVersion(Transaction& tx, int64_t inspection_id, const std::string& now) {
  ASSIGN_OR_RETURN(SqlRow row,
                   tx.QueryOne("UPDATE inspections SET sites_version = sites_version + 1, "
                               "updated_at = ? WHERE id = ? RETURNING sites_version",
                               {now, inspection_id}, "inspection"));
  return row.Int(0);
}

StatusOr<std::vector<AgreementFacts>> AgreementsOn(Transaction& tx, const std::string& kind,
                                                   int64_t subject_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT state, subject_version FROM joint_decisions "
                                       "WHERE kind = ? AND subject_id = ? ORDER BY id DESC",
                                       {kind, subject_id}));
  std::vector<AgreementFacts> out;
  for (const auto& r : rows) {
    AgreementFacts f;
    const std::string state = r.Text(0);
    f.state = state == "agreed"     ? AgreementFacts::State::kAgreed
              : state == "declined" ? AgreementFacts::State::kDeclined
                                    : AgreementFacts::State::kAwaiting;
    f.subject_version = r.OptInt(1).value_or(0);
    out.push_back(f);
  }
  return out;
}

StatusOr<int64_t> InsertSending(Transaction& tx, const LetterSending& x) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO letter_sendings (letter_id, letter_version, sent_to, "
                  "sent_on, sent_by, sent_at, method) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {x.letter_id, x.letter_version, x.sent_to, x.sent_on, x.sent_by, x.sent_at,
                   std::string(SendingMethodId(x.method))},
                  "inserted sending"));
  return row.Int(0);
}

Status WithdrawSending(Transaction& tx, const LetterSending& x) {
  return tx
      .Execute(
          "UPDATE letter_sendings SET withdrawn_on = ?, withdrawn_by = ?, withdrawn_at = ?, "
          "withdrawal_reason = ? WHERE id = ? AND withdrawn_on = ''",
          {x.withdrawn_on, x.withdrawn_by, x.withdrawn_at, x.withdrawal_reason, x.id})
      .status();
}

StatusOr<std::vector<LetterSending>> SendingsOf(Transaction& tx, int64_t letter_id) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query("SELECT id, letter_id, letter_version, sent_to, sent_on, sent_by, "
                            "sent_at, method, withdrawn_on, COALESCE(withdrawn_by, 0), "
                            "withdrawn_at, withdrawal_reason FROM letter_sendings WHERE "
                            "letter_id = ? ORDER BY id",
                            {letter_id}));
  std::vector<LetterSending> out;
  for (const auto& r : rows) {
    out.push_back({.id = r.Int(0),
                   .letter_id = r.Int(1),
                   .letter_version = r.Int(2),
                   .sent_to = r.Text(3),
                   .sent_on = r.Text(4),
                   .sent_by = r.Int(5),
                   .sent_at = r.Text(6),
                   .method = ParseSendingMethod(r.Text(7)).value_or(SendingMethod::kEmail),
                   .withdrawn_on = r.Text(8),
                   .withdrawn_by = r.Int(9),
                   .withdrawn_at = r.Text(10),
                   .withdrawal_reason = r.Text(11)});
  }
  return out;
}

Status DeleteSendingsAndSignatories(Transaction& tx, int64_t letter_id) {
  RETURN_IF_ERROR(
      tx.Execute("DELETE FROM letter_signatories WHERE letter_id = ?", {letter_id}).status());
  return tx.Execute("DELETE FROM letter_sendings WHERE letter_id = ?", {letter_id}).status();
}

Status InsertSignatories(Transaction& tx, int64_t letter_id, int64_t letter_version,
                         const std::vector<std::string>& chief_inspectors, const std::string& now) {
  std::string joined;
  for (const auto& c : chief_inspectors) joined += (joined.empty() ? "" : "\n") + c;
  return tx
      .Execute(
          "INSERT INTO letter_signatories (letter_id, letter_version, chief_inspectors, "
          "recorded_at) VALUES (?, ?, ?, ?) ON CONFLICT (letter_id, letter_version) DO NOTHING",
          {letter_id, letter_version, joined, now})
      .status();
}

StatusOr<std::optional<std::vector<std::string>>> SignatoriesOf(Transaction& tx, int64_t letter_id,
                                                                int64_t letter_version) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT chief_inspectors FROM letter_signatories WHERE "
                                       "letter_id = ? AND letter_version = ?",
                                       {letter_id, letter_version}));
  if (rows.empty()) return std::optional<std::vector<std::string>>();
  std::vector<std::string> out;
  const std::string text = rows.front().Text(0);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

Status InsertPublishedTerms(Transaction& tx, int64_t inspection_id, int64_t terms_version,
                            const std::string& content, const std::string& now) {
  return tx
      .Execute(
          "INSERT INTO published_terms (inspection_id, terms_version, content, "
          "published_at) VALUES (?, ?, ?, ?)",
          {inspection_id, terms_version, content, now})
      .status();
}

namespace {

PublishedCopy CopyFromRow(const SqlRow& r) { return {r.Int(0), r.Int(1), r.Text(2), r.Text(3)}; }

}  // namespace

StatusOr<std::vector<PublishedCopy>> ListPublishedTerms(Transaction& tx) {
  ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT p.inspection_id, p.terms_version, p.content, p.published_at FROM "
               "published_terms p WHERE p.terms_version = (SELECT max(q.terms_version) FROM "
               "published_terms q WHERE q.inspection_id = p.inspection_id) ORDER BY "
               "p.published_at DESC, p.inspection_id DESC"));
  std::vector<PublishedCopy> out;
  for (const auto& r : rows) out.push_back(CopyFromRow(r));
  return out;
}

StatusOr<std::optional<PublishedCopy>> GetPublishedTerms(Transaction& tx, int64_t inspection_id) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query("SELECT inspection_id, terms_version, content, published_at FROM "
                            "published_terms WHERE inspection_id = ? ORDER BY terms_version "
                            "DESC LIMIT 1",
                            {inspection_id}));
  if (rows.empty()) return std::optional<PublishedCopy>();
  return std::optional<PublishedCopy>(CopyFromRow(rows.front()));
}

}  // namespace jointly
