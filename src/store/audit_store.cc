#include "store/audit_store.h"

#include <nlohmann/json.hpp>
#include <set>

#include "core/date.h"
#include "core/text.h"
#include "domain/consultation.h"
#include "domain/inspection.h"

namespace jointly {
namespace {

constexpr const char* kColumns =
    "seq, at, actor_id, actor, action, entity_type, entity_id, before_json, after_json, "
    "prev_hash, hash, format, before_sha256, after_sha256, removed_by";

// Into `e`, without copying its text: the row's and the entry's strings
// are swapped, so verification reads a million of these into the same few
// thousand entries and allocates nothing.
void ReadEntry(SqlRow& r, AuditEntry& e) {
  e.seq = r.Int(0);
  r.SwapText(1, e.at);
  e.actor_id = r.Int(2);
  r.SwapText(3, e.actor);
  r.SwapText(4, e.action);
  r.SwapText(5, e.entity_type);
  e.entity_id = r.Int(6);
  r.SwapText(7, e.before_json);
  r.SwapText(8, e.after_json);
  r.SwapText(9, e.prev_hash);
  r.SwapText(10, e.hash);
  e.format = static_cast<int>(r.Int(11));
  r.SwapText(12, e.before_sha256);
  r.SwapText(13, e.after_sha256);
  e.removed_by = r.Int(14);
}

AuditEntry FromRow(SqlRow& r) {
  AuditEntry e;
  ReadEntry(r, e);
  return e;
}

StatusOr<std::vector<AuditEntry>> Entries(Transaction& tx, const std::string& sql,
                                          const SqlParams& params) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  std::vector<AuditEntry> out;
  out.reserve(rows.size());
  for (auto& r : rows) out.push_back(FromRow(r));
  return out;
}

}  // namespace

StatusOr<AuditEntry> AppendAudit(Transaction& tx, AuditEntry e) {
  // The UPDATE takes the head row's lock (PostgreSQL) or runs under the
  // single writer (SQLite), so no two appends see the same head.
  ASSIGN_OR_RETURN(SqlRow head, tx.QueryOne("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 "
                                            "RETURNING seq, hash",
                                            {}, "audit head"));
  e.seq = head.Int(0);
  e.prev_hash = head.Text(1);
  e.hash = ComputeAuditHash(e);
  SqlParams params = {e.seq,         e.at,        e.actor_id,      e.actor,        e.action,
                      e.entity_type, e.entity_id, e.before_json,   e.after_json,   e.prev_hash,
                      e.hash,        e.format,    e.before_sha256, e.after_sha256, e.removed_by};
  const std::string insert = std::string("INSERT INTO audit_log (") + kColumns +
                             ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  if (tx.dialect() == Dialect::kPostgres) {
    // The entry and the head's new hash in one statement: one round trip
    // less while the head's lock is held, which every writer waits for.
    params.emplace_back(e.hash);
    RETURN_IF_ERROR(
        tx.Execute("WITH added AS (" + insert + ") UPDATE audit_head SET hash = ? WHERE id = 1",
                   params)
            .status());
    return e;
  }
  RETURN_IF_ERROR(tx.Execute(insert, params).status());
  RETURN_IF_ERROR(tx.Execute("UPDATE audit_head SET hash = ? WHERE id = 1", {e.hash}).status());
  return e;
}

Status AppendAuditEntries(Transaction& tx, std::vector<AuditEntry> entries) {
  if (entries.empty()) return OkStatus();
  const int64_t n = static_cast<int64_t>(entries.size());
  // As AppendAudit: the head's lock is held to the end of the transaction.
  ASSIGN_OR_RETURN(SqlRow head, tx.QueryOne("UPDATE audit_head SET seq = seq + ? WHERE id = 1 "
                                            "RETURNING seq, hash",
                                            {n}, "audit head"));
  int64_t seq = head.Int(0) - n;
  std::string prev = head.Text(1);
  // At most kPerStatement rows a statement, within SQLite's bound parameters.
  constexpr size_t kPerStatement = 1000;
  for (size_t first = 0; first < entries.size(); first += kPerStatement) {
    const size_t last = std::min(entries.size(), first + kPerStatement);
    std::string sql = std::string("INSERT INTO audit_log (") + kColumns + ") VALUES ";
    SqlParams params;
    params.reserve((last - first) * 15);
    for (size_t i = first; i < last; ++i) {
      AuditEntry& e = entries[i];
      e.seq = ++seq;
      e.prev_hash = std::move(prev);
      e.hash = ComputeAuditHash(e);
      prev = e.hash;
      sql += i > first ? ", " : "";
      sql += "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
      params.insert(params.end(),
                    {e.seq, e.at, e.actor_id, e.actor, e.action, e.entity_type, e.entity_id,
                     std::move(e.before_json), std::move(e.after_json), e.prev_hash, e.hash,
                     e.format, e.before_sha256, e.after_sha256, e.removed_by});
    }
    RETURN_IF_ERROR(tx.Execute(sql, params).status());
  }
  return tx.Execute("UPDATE audit_head SET hash = ? WHERE id = 1", {prev}).status();
}

StatusOr<std::vector<AuditEntry>> AuditOf(Transaction& tx, const std::string& entity_type,
                                          int64_t entity_id) {
  return Entries(tx,
                 std::string("SELECT ") + kColumns +
                     " FROM audit_log WHERE entity_type = ? AND entity_id = ? ORDER BY seq",
                 {entity_type, entity_id});
}

StatusOr<Page<AuditEntry>> AuditOfPage(Transaction& tx, const std::string& entity_type,
                                       int64_t entity_id, int64_t limit, int64_t offset) {
  Page<AuditEntry> page{.items = {}, .total = 0, .limit = limit, .offset = offset};
  ASSIGN_OR_RETURN(page.items, Entries(tx,
                                       std::string("SELECT ") + kColumns +
                                           " FROM audit_log WHERE entity_type = ? AND "
                                           "entity_id = ? ORDER BY seq LIMIT ? OFFSET ?",
                                       {entity_type, entity_id, limit, offset}));
  ASSIGN_OR_RETURN(SqlRow count,
                   tx.QueryOne("SELECT count(*) FROM audit_log WHERE entity_type = ? AND "
                               "entity_id = ?",
                               {entity_type, entity_id}, "history count"));
  page.total = count.values.at(0).AsInt();
  return page;
}

Status RemoveAuditContents(Transaction& tx, const std::string& entity_type, int64_t entity_id,
                           int64_t certificate_seq) {
  ASSIGN_OR_RETURN(auto entries, AuditOf(tx, entity_type, entity_id));
  for (AuditEntry& e : entries) {
    if (e.removed_by != 0 || e.seq == certificate_seq) continue;
    RemoveAuditContent(e, certificate_seq);
    RETURN_IF_ERROR(tx.Execute("UPDATE audit_log SET before_json = '', after_json = '', "
                               "before_sha256 = ?, after_sha256 = ?, removed_by = ? WHERE seq = ?",
                               {e.before_sha256, e.after_sha256, e.removed_by, e.seq})
                        .status());
  }
  return OkStatus();
}

StatusOr<std::vector<AuditEntry>> RecentAudit(Transaction& tx, int64_t limit) {
  return Entries(
      tx, std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY seq DESC LIMIT ?", {limit});
}

StatusOr<AuditHead> GetAuditHead(Transaction& tx) {
  ASSIGN_OR_RETURN(SqlRow row,
                   tx.QueryOne("SELECT seq, hash FROM audit_head WHERE id = 1", {}, "audit head"));
  return AuditHead{row.Int(0), row.Text(1)};
}

StatusOr<std::vector<AuditEntry>> AllAudit(Transaction& tx) {
  return Entries(tx, std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY seq", {});
}

StatusOr<std::vector<AuditEntry>> AuditAfter(Transaction& tx, int64_t after_seq, int64_t up_to_seq,
                                             int64_t limit) {
  std::vector<AuditEntry> entries;
  RETURN_IF_ERROR(ReadAuditAfter(tx, after_seq, up_to_seq, limit, entries));
  return entries;
}

Status ReadAuditAfter(Transaction& tx, int64_t after_seq, int64_t up_to_seq, int64_t limit,
                      std::vector<AuditEntry>& entries) {
  size_t n = 0;
  RETURN_IF_ERROR(
      tx.ForEachRow(std::string("SELECT ") + kColumns +
                        " FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?",
                    {after_seq, up_to_seq, limit}, [&](SqlRow& row) {
                      if (n == entries.size()) entries.emplace_back();
                      ReadEntry(row, entries[n++]);
                      return OkStatus();
                    }));
  entries.resize(n);
  return OkStatus();
}

StatusOr<std::string> AuditHashAt(Transaction& tx, int64_t seq) {
  ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne("SELECT hash FROM audit_log WHERE seq = ?", {seq},
                                           "audit entry " + std::to_string(seq)));
  return row.Text(0);
}

StatusOr<AuditAnchor> GetAuditCheckpoint(Transaction& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT seq, hash FROM audit_checkpoint WHERE id = 1"));
  if (rows.empty()) return AuditAnchor{0, kGenesisHash};
  return AuditAnchor{rows[0].Int(0), rows[0].Text(1)};
}

Status AdvanceAuditCheckpoint(Transaction& tx, const AuditAnchor& checkpoint) {
  return tx
      .Execute("UPDATE audit_checkpoint SET seq = ?, hash = ? WHERE id = 1 AND seq < ?",
               {checkpoint.seq, checkpoint.hash, checkpoint.seq})
      .status();
}

namespace {

// `text` for a LIKE pattern that escapes with "!": its wildcards and the
// escape character itself match only themselves.
std::string LikeEscaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '!') out += '!';
    out += c;
  }
  return out;
}

}  // namespace

StatusOr<std::vector<std::string>> AuditedKinds(Transaction& tx) {
  // One index probe a kind (a loose index scan), however long the log.
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query("WITH RECURSIVE kinds(t) AS (SELECT MIN(entity_type) FROM audit_log "
                            "UNION ALL SELECT (SELECT MIN(entity_type) FROM audit_log WHERE "
                            "entity_type > kinds.t) FROM kinds WHERE kinds.t IS NOT NULL) "
                            "SELECT t FROM kinds WHERE t IS NOT NULL"));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

StatusOr<AuditPage> ListAudit(Transaction& tx, const AuditFilter& f, int64_t limit,
                              int64_t offset) {
  AuditPage page;
  if (f.empty()) {
    // Entries are numbered 1..head with no gaps (verification checks it),
    // so the page after `offset` newest entries starts at head - offset.
    ASSIGN_OR_RETURN(AuditHead head, GetAuditHead(tx));
    page.total = head.seq;
    const int64_t newest = f.before_seq > 0 ? f.before_seq - 1 : head.seq - offset;
    ASSIGN_OR_RETURN(page.items, Entries(tx,
                                         std::string("SELECT ") + kColumns +
                                             " FROM audit_log WHERE seq <= ? "
                                             "ORDER BY seq DESC LIMIT ?",
                                         {newest, limit}));
    return page;
  }
  std::string where = " WHERE 1 = 1";
  SqlParams params;
  if (!f.entity_type.empty()) {
    where += " AND entity_type = ?";
    params.push_back(f.entity_type);
    if (f.entity_id != 0) {
      where += " AND entity_id = ?";
      params.push_back(f.entity_id);
    }
  }
  if (!f.actor.empty()) {
    // Part of the e-mail address (or "system") or of the person's name,
    // whatever the case; the text is matched as typed, % and _ included.
    const std::string pattern = "%" + LikeEscaped(AsciiLower(f.actor)) + "%";
    where +=
        " AND (LOWER(actor) LIKE ? ESCAPE '!' OR actor_id IN (SELECT id FROM users WHERE "
        "LOWER(name) LIKE ? ESCAPE '!'))";
    params.push_back(pattern);
    params.push_back(pattern);
  }
  // Times are ISO 8601 text ("2026-11-23T10:00:00Z"): every time on
  // a day sorts at or after the day itself and before the day followed by
  // "U", the letter after the "T" that follows the date.
  if (!f.from.empty()) {
    where += " AND at >= ?";
    params.push_back(f.from);
  }
  if (!f.to.empty()) {
    where += " AND at < ?";
    params.push_back(f.to + "U");
  }
  ASSIGN_OR_RETURN(SqlRow count,
                   tx.QueryOne("SELECT COUNT(*) FROM audit_log" + where, params, "count"));
  page.total = count.Int(0);
  if (f.before_seq > 0) {
    where += " AND seq < ?";
    params.push_back(f.before_seq);
  }
  params.push_back(limit);
  params.push_back(f.before_seq > 0 ? 0 : offset);
  ASSIGN_OR_RETURN(page.items, Entries(tx,
                                       std::string("SELECT ") + kColumns + " FROM audit_log" +
                                           where + " ORDER BY seq DESC LIMIT ? OFFSET ?",
                                       params));
  return page;
}

namespace {

// Each kind of record an audit entry may be about that has a name, and the
// query that names those of it whose ids follow.
struct NamedKind {
  const char* kind;
  const char* select;            // id, name
  const char* refers = nullptr;  // the member other records refer to it by
  // The name from what the query gives, where it is not the name itself.
  std::string (*words)(const std::string&) = nullptr;
};

// "Minister of State|2027-03-03": "Comment from Minister of State on 3
// March 2027".
std::string CommentWords(const std::string& text) {
  const size_t bar = text.rfind('|');
  if (bar == std::string::npos) return text;
  const auto day = Date::Parse(text.substr(bar + 1));
  return "Comment from " + text.substr(0, bar) + (day ? " on " + day->ToDayMonthYear() : "");
}
// "2027-03-03": "3 March 2027"; none yet: "date to be set".
std::string DayWords(const std::string& text) {
  const auto day = Date::Parse(text);
  return day ? day->ToDayMonthYear() : text.empty() ? "date to be set" : text;
}

// "interviews": "Interviews".
std::string MethodWords(const std::string& id) {
  for (Method m : kAllMethods) {
    if (MethodId(m) == id) return std::string(MethodLabel(m));
  }
  return id;
}

constexpr NamedKind kNamedKinds[] = {
    {"inspection", "SELECT id, title FROM inspections WHERE id IN ", "inspection_id"},
    {"fieldwork_site",
     "SELECT s.id, b.name FROM inspection_sites s JOIN bodies b ON b.id = s.body_id WHERE s.id "
     "IN ",
     "site_id"},
    {"commissioning_letter",
     "SELECT l.id, l.addressee || ', ' || b.name FROM commissioning_letters l JOIN "
     "inspection_sites s ON s.id = l.site_id JOIN bodies b ON b.id = s.body_id WHERE l.id IN ",
     "letter_id"},
    {"visit",
     "SELECT v.id, b.name FROM inspection_visits v JOIN inspection_sites s ON s.id = v.site_id "
     "JOIN bodies b ON b.id = s.body_id WHERE v.id IN ",
     "visit_id"},
    {"key_date", "SELECT id, title FROM inspection_key_dates WHERE id IN "},
    {"project_task", "SELECT id, title FROM inspection_tasks WHERE id IN "},
    {"body", "SELECT id, name FROM bodies WHERE id IN ", "body_id"},
    {"consultation", "SELECT id, title FROM consultation_rounds WHERE id IN ", "round_id"},
    {"consultee", "SELECT id, organisation FROM consultees WHERE id IN "},
    {"meeting", "SELECT id, title FROM meetings WHERE id IN ", "meeting_id"},
    {"member", "SELECT id, name FROM governance_members WHERE id IN "},
    {"joint_decision", "SELECT id, subject FROM joint_decisions WHERE id IN ", "decision_id"},
    // "2027-28 business plan"
    {"plan",
     "SELECT id, CAST(first_year AS TEXT) || '-' || SUBSTR(CAST(first_year + 1 AS TEXT), 3, 2) "
     "|| ' business plan' FROM plans WHERE id IN ",
     "plan_id"},
    {"minister_comment",
     "SELECT id, minister || '|' || received_on FROM minister_comments WHERE id IN ", nullptr,
     CommentWords},
    // An inspection's records, each by what tells it from the others.
    {"evidence", "SELECT id, summary FROM inspection_evidence WHERE id IN ", "evidence_id"},
    {"clearance",
     "SELECT c.id, u.name FROM inspection_clearances c JOIN users u ON u.id = c.user_id WHERE "
     "c.id IN "},
    {"delegation",
     "SELECT d.id, g.short_name || ' to ' || COALESCE(r.short_name, b.name, '') FROM "
     "inspection_delegations d JOIN inspectorates g ON g.id = d.delegating_inspectorate_id "
     "LEFT JOIN inspectorates r ON r.id = d.receiving_inspectorate_id LEFT JOIN bodies b ON "
     "b.id = d.receiving_body_id WHERE d.id IN ",
     "delegation_id"},
    {"delegate",
     "SELECT d.id, u.name FROM inspection_delegates d JOIN users u ON u.id = d.user_id WHERE "
     "d.id IN "},
    {"inspection_method", "SELECT id, method FROM inspection_methods WHERE id IN ", nullptr,
     MethodWords},
    {"interview", "SELECT id, with_whom FROM inspection_interviews WHERE id IN "},
    {"live_case_issue", "SELECT id, case_reference FROM inspection_live_cases WHERE id IN "},
    {"stakeholder_liaison", "SELECT id, with_whom FROM inspection_liaison WHERE id IN "},
    {"red_line",
     "SELECT x.id, g.short_name FROM inspection_red_lines x JOIN inspectorates g ON g.id = "
     "x.inspectorate_id WHERE x.id IN "},
    {"meeting_attendance",
     "SELECT x.id, g.short_name FROM inspection_meeting_attendance x JOIN inspectorates g ON "
     "g.id = x.inspectorate_id WHERE x.id IN "},
    {"report_section", "SELECT id, title FROM inspection_report_sections WHERE id IN ",
     "section_id"},
    {"finding", "SELECT id, statement FROM inspection_report_findings WHERE id IN ", "finding_id"},
    {"finding_evidence",
     "SELECT x.id, e.summary FROM inspection_finding_evidence x JOIN inspection_evidence e ON "
     "e.id = x.evidence_id WHERE x.id IN "},
    {"recommendation", "SELECT id, action FROM inspection_recommendations WHERE id IN ",
     "recommendation_id"},
    {"recommendation_finding",
     "SELECT x.id, f.statement FROM inspection_recommendation_findings x JOIN "
     "inspection_report_findings f ON f.id = x.finding_id WHERE x.id IN "},
    {"engagement", "SELECT id, who FROM inspection_owner_engagements WHERE id IN "},
    {"findings_meeting", "SELECT id, held_on FROM inspection_findings_meetings WHERE id IN ",
     nullptr, DayWords},
    {"visit_place",
     "SELECT x.id, u.name FROM inspection_visit_places x JOIN users u ON u.id = x.user_id WHERE "
     "x.id IN "},
    // What belongs to the inspection whole: "for" and its title.
    {"fieldwork_arrangements",
     "SELECT x.id, 'for ' || i.title FROM inspection_arrangements x JOIN inspections i ON i.id = "
     "x.inspection_id WHERE x.id IN "},
    {"terms_of_reference",
     "SELECT x.id, 'for ' || i.title FROM inspection_terms x JOIN inspections i ON i.id = "
     "x.inspection_id WHERE x.id IN "},
    // Governance and consultation records.
    {"action", "SELECT id, text FROM meeting_actions WHERE id IN ", "action_id"},
    {"referral", "SELECT id, subject FROM referrals WHERE id IN ", "referral_id"},
    {"reference_group", "SELECT id, name FROM reference_groups WHERE id IN "},
    {"consultation_response",
     "SELECT id, CASE WHEN organisation = '' THEN name ELSE name || ', ' || organisation END "
     "FROM consultation_responses WHERE id IN ",
     "response_id"},
};

// The ids the entries' records refer to by `member`, at their top level.
void ReferredTo(const std::vector<AuditEntry>& items, const char* member, std::set<int64_t>& ids) {
  for (const auto& e : items) {
    for (const std::string* text : {&e.before_json, &e.after_json}) {
      if (text->find(member) == std::string::npos) continue;
      const auto record = nlohmann::json::parse(*text, nullptr, false);
      if (!record.is_object()) continue;
      const auto& id = record.value(member, nlohmann::json());
      if (id.is_number_integer() && id.get<int64_t>() > 0) ids.insert(id.get<int64_t>());
    }
  }
}

// The rows `select` (which ends "WHERE id IN ") finds for `ids`, a
// thousand ids a query, within either database's bound parameters.
StatusOr<std::vector<SqlRow>> RowsWithIds(Transaction& tx, const std::string& select,
                                          const std::set<int64_t>& ids) {
  std::vector<SqlRow> out;
  constexpr size_t kPerQuery = 1000;
  for (auto it = ids.begin(); it != ids.end();) {
    std::string sql = select;
    SqlParams params;
    for (; it != ids.end() && params.size() < kPerQuery; ++it) {
      sql += params.empty() ? "(?" : ", ?";
      params.emplace_back(*it);
    }
    ASSIGN_OR_RETURN(auto rows, tx.Query(sql + ")", params));
    for (auto& r : rows) out.push_back(std::move(r));
  }
  return out;
}

void AddNumbers(const nlohmann::json& v, std::set<int64_t>& out) {
  if (v.is_number_integer()) {
    out.insert(v.get<int64_t>());
  } else if (v.is_structured()) {
    for (const auto& item : v) AddNumbers(item, out);
  }
}

// Every whole number in the entries: their records' ids, their actors and
// each integer in what they record. That holds every id of a person, a
// proposal or a contact the page can show, and is a page's worth however
// many of those the database holds.
std::set<int64_t> NumbersIn(const std::vector<AuditEntry>& items) {
  std::set<int64_t> out;
  for (const auto& e : items) {
    out.insert(e.entity_id);
    out.insert(e.actor_id);
    for (const std::string* text : {&e.before_json, &e.after_json}) {
      AddNumbers(nlohmann::json::parse(*text, nullptr, false), out);
    }
  }
  out.erase(0);
  return out;
}

}  // namespace

Status NameAuditedRecords(Transaction& tx, AuditPage& page) {
  for (const NamedKind& k : kNamedKinds) {
    std::set<int64_t> ids;
    for (const auto& e : page.items) {
      if (e.entity_type == k.kind && e.entity_id > 0) ids.insert(e.entity_id);
    }
    if (k.refers) ReferredTo(page.items, k.refers, ids);
    if (ids.empty()) continue;
    ASSIGN_OR_RETURN(auto rows, RowsWithIds(tx, k.select, ids));
    auto& names = page.records[k.kind];
    for (const auto& r : rows) names[r.Int(0)] = k.words ? k.words(r.Text(1)) : r.Text(1);
    if (k.refers) page.records[k.refers] = names;
  }
  // People, proposals and contacts are found by any number the entries
  // hold, rather than by the members that name them, which are many.
  const std::set<int64_t> numbers = NumbersIn(page.items);
  if (numbers.empty()) return OkStatus();
  ASSIGN_OR_RETURN(auto people,
                   RowsWithIds(tx, "SELECT id, name, email FROM users WHERE id IN ", numbers));
  for (const auto& r : people) page.people[r.Int(0)] = r.Text(1).empty() ? r.Text(2) : r.Text(1);
  ASSIGN_OR_RETURN(auto proposals,
                   RowsWithIds(tx, "SELECT id, title FROM proposals WHERE id IN ", numbers));
  for (const auto& r : proposals) page.proposals[r.Int(0)] = r.Text(1);
  ASSIGN_OR_RETURN(
      auto contacts,
      RowsWithIds(tx, "SELECT id, name, organisation FROM contacts WHERE id IN ", numbers));
  for (const auto& r : contacts)
    page.contacts[r.Int(0)] = NameAndOrganisation(r.Text(1), r.Text(2));
  return OkStatus();
}

}  // namespace jointly
