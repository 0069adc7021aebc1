#include "store/programme_store.h"

#include <map>
#include <nlohmann/json.hpp>

#include "core/text.h"

namespace jointly {
namespace {

constexpr const char* kProposalColumns =
    "id, title, summary, background, scope_and_purpose, main_question, type, part, origin, "
    "status, duration_quarters, earliest_start, specialist_skills, contributes_to_improvement, "
    "outcome_focused, user_perspective, forced, forced_reason, version";

Proposal ProposalFromRow(const SqlRow& r) {
  Proposal p;
  p.id = r.Int(0);
  p.title = r.Text(1);
  p.summary = r.Text(2);
  p.background = r.Text(3);
  p.scope_and_purpose = r.Text(4);
  p.main_question = r.Text(5);
  p.type = ParseWorkType(r.Text(6)).value_or(WorkType::kOther);
  p.part = ParsePart(r.Text(7)).value_or(ProgrammePart::kOtherProgrammes);
  p.origin = ParseOrigin(r.Text(8)).value_or(Origin::kInspectorate);
  p.status = ParseProposalStatus(r.Text(9)).value_or(ProposalStatus::kLongList);
  p.duration_quarters = static_cast<int>(r.Int(10));
  p.earliest_start = static_cast<int>(r.Int(11));
  p.specialist_skills = r.Text(12);
  p.contributes_to_improvement = r.Bool(13);
  p.outcome_focused = r.Bool(14);
  p.user_perspective = r.Bool(15);
  p.forced = ParseForced(r.Text(16)).value_or(Forced::kNone);
  p.forced_reason = r.Text(17);
  p.version = r.Int(18);
  return p;
}

// Loads participants, focus and clashes onto `proposals` (keyed by id).
Status LoadProposalDetails(Transaction& tx, std::map<int64_t, Proposal*>& by_id,
                           const std::string& where, const SqlParams& params) {
  ASSIGN_OR_RETURN(auto parts, tx.Query("SELECT proposal_id, inspectorate_id, involvement, "
                                        "effort_days FROM proposal_participants" +
                                            where + " ORDER BY proposal_id, position",
                                        params));
  for (const auto& r : parts) {
    auto it = by_id.find(r.Int(0));
    if (it == by_id.end()) continue;
    Participation p;
    p.inspectorate_id = r.Int(1);
    p.involvement = ParseInvolvement(r.Text(2)).value_or(Involvement::kContribute);
    p.effort_days = static_cast<int>(r.Int(3));
    it->second->participants.push_back(p);
  }
  ASSIGN_OR_RETURN(auto focus,
                   tx.Query("SELECT proposal_id, focus FROM proposal_focus" + where, params));
  for (const auto& r : focus) {
    auto it = by_id.find(r.Int(0));
    if (it == by_id.end()) continue;
    if (auto f = ParseFocus(r.Text(1))) it->second->focus.insert(*f);
  }
  ASSIGN_OR_RETURN(auto clashes, tx.Query("SELECT proposal_id, other_id FROM proposal_clashes" +
                                              where + " ORDER BY proposal_id, other_id",
                                          params));
  for (const auto& r : clashes) {
    auto it = by_id.find(r.Int(0));
    if (it != by_id.end()) it->second->clashes_with.push_back(r.Int(1));
  }
  return OkStatus();
}

Status SaveProposalDetails(Transaction& tx, const Proposal& p, int64_t id) {
  RETURN_IF_ERROR(
      tx.Execute("DELETE FROM proposal_participants WHERE proposal_id = ?", {id}).status());
  RETURN_IF_ERROR(tx.Execute("DELETE FROM proposal_focus WHERE proposal_id = ?", {id}).status());
  RETURN_IF_ERROR(tx.Execute("DELETE FROM proposal_clashes WHERE proposal_id = ?", {id}).status());
  for (size_t i = 0; i < p.participants.size(); ++i) {
    const auto& part = p.participants[i];
    RETURN_IF_ERROR(
        tx.Execute("INSERT INTO proposal_participants (proposal_id, inspectorate_id, involvement, "
                   "effort_days, position) VALUES (?, ?, ?, ?, ?)",
                   {id, part.inspectorate_id, InvolvementId(part.involvement), part.effort_days,
                    static_cast<int64_t>(i)})
            .status());
  }
  for (Focus f : p.focus) {
    RETURN_IF_ERROR(tx.Execute("INSERT INTO proposal_focus (proposal_id, focus) VALUES (?, ?)",
                               {id, FocusId(f)})
                        .status());
  }
  for (int64_t other : p.clashes_with) {
    RETURN_IF_ERROR(tx.Execute("INSERT INTO proposal_clashes (proposal_id, other_id) VALUES (?, ?)",
                               {id, other})
                        .status());
  }
  return OkStatus();
}

SqlParams ProposalParams(const Proposal& p) {
  return {p.title,
          p.summary,
          p.background,
          p.scope_and_purpose,
          p.main_question,
          WorkTypeId(p.type),
          PartId(p.part),
          OriginId(p.origin),
          ProposalStatusId(p.status),
          p.duration_quarters,
          p.earliest_start,
          p.specialist_skills,
          p.contributes_to_improvement,
          p.outcome_focused,
          p.user_perspective,
          ForcedId(p.forced),
          p.forced_reason};
}

// A condition on proposals (as `p`) and its parameters.
struct Condition {
  std::string sql;
  SqlParams params;
};

// `filter` as one condition on `proposals p`; "1 = 1" when it is empty.
Condition FilterCondition(const ProposalFilter& filter, int64_t score_set_id, Dialect dialect) {
  Condition c;
  auto add = [&c](const std::string& sql) { c.sql += (c.sql.empty() ? "" : " AND ") + sql; };
  if (filter.type) {
    add("p.type = ?");
    c.params.emplace_back(WorkTypeId(*filter.type));
  }
  if (filter.status) {
    add("p.status = ?");
    c.params.emplace_back(ProposalStatusId(*filter.status));
  }
  if (filter.focus) {
    add("EXISTS (SELECT 1 FROM proposal_focus f WHERE f.proposal_id = p.id AND f.focus = ?)");
    c.params.emplace_back(FocusId(*filter.focus));
  }
  if (filter.lead) {
    add("EXISTS (SELECT 1 FROM proposal_participants pp WHERE pp.proposal_id = p.id AND "
        "pp.inspectorate_id = ? AND pp.involvement IN (?, ?))");
    c.params.emplace_back(*filter.lead);
    c.params.emplace_back(InvolvementId(Involvement::kLead));
    c.params.emplace_back(InvolvementId(Involvement::kJointLead));
  }
  if (filter.min_score) {
    // The combined score: the mean over the inspectorates that scored of
    // each one's weighted score (WeightedScore), with the same tolerance
    // as comparing it in memory.
    add("p.id IN (SELECT w.proposal_id FROM (SELECT s.proposal_id, s.inspectorate_id, "
        "SUM(c.weight * s.score) * 100.0 / " +
        std::to_string(kMaxScore) +
        " AS weighted FROM scores s JOIN criteria c ON c.id = s.criterion_id "
        "WHERE c.set_id = ? GROUP BY s.proposal_id, s.inspectorate_id) w "
        "GROUP BY w.proposal_id HAVING AVG(w.weighted) + 1e-9 >= ?)");
    c.params.emplace_back(score_set_id);
    c.params.emplace_back(*filter.min_score);
  }
  if (!filter.search.empty()) {
    // Only ASCII letters fold, as AsciiLower: SQLite's lower() folds only
    // those; PostgreSQL's would fold others too, so it translates.
    add(dialect == Dialect::kSqlite ? "instr(lower(p.title), ?) > 0"
                                    : "strpos(translate(p.title, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
                                      "'abcdefghijklmnopqrstuvwxyz'), ?) > 0");
    c.params.emplace_back(AsciiLower(filter.search));
  }
  if (c.sql.empty()) c.sql = "1 = 1";
  return c;
}

// The proposals (as `p`) meeting `where`, with their details, by id.
StatusOr<std::vector<Proposal>> SelectProposals(Transaction& tx, const Condition& where) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kProposalColumns +
                                           " FROM proposals p WHERE " + where.sql + " ORDER BY id",
                                       where.params));
  std::vector<Proposal> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(ProposalFromRow(r));
  if (out.empty()) return out;
  std::map<int64_t, Proposal*> by_id;
  for (auto& p : out) by_id[p.id] = &p;
  if (where.params.empty() && where.sql == "1 = 1") {
    RETURN_IF_ERROR(LoadProposalDetails(tx, by_id, "", {}));
  } else {
    RETURN_IF_ERROR(LoadProposalDetails(
        tx, by_id, " WHERE proposal_id IN (SELECT p.id FROM proposals p WHERE " + where.sql + ")",
        where.params));
  }
  return out;
}

}  // namespace

StatusOr<std::vector<Proposal>> ListProposals(Transaction& tx) {
  return SelectProposals(tx, {"1 = 1", {}});
}

StatusOr<std::vector<Proposal>> ListProposals(Transaction& tx, const ProposalFilter& filter,
                                              int64_t score_set_id) {
  return SelectProposals(tx, FilterCondition(filter, score_set_id, tx.dialect()));
}

StatusOr<ProposalList> ListProposals(Transaction& tx, const ProposalFilter& filter,
                                     int64_t score_set_id, int64_t limit, int64_t offset) {
  const Condition where = FilterCondition(filter, score_set_id, tx.dialect());
  ProposalList out;
  ASSIGN_OR_RETURN(SqlRow count, tx.QueryOne("SELECT COUNT(*) FROM proposals p WHERE " + where.sql,
                                             where.params, "count"));
  out.total = count.Int(0);
  SqlParams params = where.params;
  // Keyset paging: the page after a proposal starts at the next id, on the
  // primary key (or the filters' indexes by id) at any depth.
  std::string from_start;
  if (filter.after > 0) {
    from_start = " AND p.id > ?";
    params.emplace_back(filter.after);
  }
  params.emplace_back(limit);
  params.emplace_back(filter.after > 0 ? 0 : offset);
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query(std::string("SELECT ") + kProposalColumns + " FROM proposals p WHERE " +
                                where.sql + from_start + " ORDER BY id LIMIT ? OFFSET ?",
                            params));
  out.items.reserve(rows.size());
  for (const auto& r : rows) out.items.push_back(ProposalFromRow(r));
  if (out.items.empty()) return out;
  std::map<int64_t, Proposal*> by_id;
  std::string in;
  SqlParams ids;
  for (auto& p : out.items) {
    by_id[p.id] = &p;
    in += in.empty() ? "?" : ", ?";
    ids.emplace_back(p.id);
  }
  RETURN_IF_ERROR(LoadProposalDetails(tx, by_id, " WHERE proposal_id IN (" + in + ")", ids));
  return out;
}

StatusOr<std::map<int64_t, std::string>> ListProposalTitles(Transaction& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id, title FROM proposals ORDER BY id", {}));
  std::map<int64_t, std::string> out;
  for (const auto& r : rows) out.emplace(r.Int(0), r.Text(1));
  return out;
}

StatusOr<UnscoredProposals> ProposalsNotScoredBy(Transaction& tx, int64_t inspectorate_id,
                                                 int64_t set_id, int64_t limit) {
  const std::string where =
      " FROM proposals p WHERE p.status = ? AND NOT EXISTS (SELECT 1 FROM scores s JOIN criteria "
      "c ON c.id = s.criterion_id WHERE s.proposal_id = p.id AND s.inspectorate_id = ? AND "
      "c.set_id = ?)";
  const SqlParams params = {std::string(ProposalStatusId(ProposalStatus::kLongList)),
                            inspectorate_id, set_id};
  UnscoredProposals out;
  ASSIGN_OR_RETURN(auto count, tx.QueryOne("SELECT COUNT(*)" + where, params, "Count"));
  out.total = count.Int(0);
  SqlParams page = params;
  page.push_back(limit);
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query("SELECT p.id, p.title" + where + " ORDER BY p.id LIMIT ?", page));
  for (const auto& r : rows) out.items.emplace_back(r.Int(0), r.Text(1));
  return out;
}

StatusOr<std::vector<Proposal>> ProposalsInPlan(Transaction& tx, int64_t plan_id) {
  return SelectProposals(
      tx, {"p.id IN (SELECT proposal_id FROM plan_items WHERE plan_id = ?)", {plan_id}});
}

StatusOr<Proposal> GetProposal(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne(std::string("SELECT ") + kProposalColumns +
                                               " FROM proposals WHERE id = ?",
                                           {id}, "Proposal " + std::to_string(id)));
  Proposal p = ProposalFromRow(row);
  std::map<int64_t, Proposal*> by_id{{p.id, &p}};
  RETURN_IF_ERROR(LoadProposalDetails(tx, by_id, " WHERE proposal_id = ?", {id}));
  return p;
}

StatusOr<int64_t> InsertProposal(Transaction& tx, const Proposal& p, const std::string& now) {
  SqlParams params = ProposalParams(p);
  params.emplace_back(now);
  params.emplace_back(now);
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO proposals (title, summary, background, scope_and_purpose, "
                  "main_question, type, part, origin, status, duration_quarters, earliest_start, "
                  "specialist_skills, contributes_to_improvement, outcome_focused, "
                  "user_perspective, forced, forced_reason, version, created_at, updated_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) "
                  "RETURNING id",
                  params, "inserted proposal"));
  const int64_t id = row.Int(0);
  RETURN_IF_ERROR(SaveProposalDetails(tx, p, id));
  return id;
}

StatusOr<int64_t> UpdateProposal(Transaction& tx, const Proposal& p, const std::string& now) {
  SqlParams params = ProposalParams(p);
  params.emplace_back(now);
  params.emplace_back(p.id);
  params.emplace_back(p.version);
  ASSIGN_OR_RETURN(
      int64_t changed,
      tx.Execute("UPDATE proposals SET title = ?, summary = ?, background = ?, "
                 "scope_and_purpose = ?, main_question = ?, type = ?, part = ?, origin = ?, "
                 "status = ?, duration_quarters = ?, earliest_start = ?, specialist_skills = ?, "
                 "contributes_to_improvement = ?, outcome_focused = ?, user_perspective = ?, "
                 "forced = ?, forced_reason = ?, version = version + 1, updated_at = ? "
                 "WHERE id = ? AND version = ?",
                 params));
  if (changed == 0) return StaleOrMissing(tx, "proposals", "proposal", p.id, p.version);
  RETURN_IF_ERROR(SaveProposalDetails(tx, p, p.id));
  return p.version + 1;
}

// Criteria sets.

namespace {

constexpr const char* kSetColumns =
    "id, code, name, description, inspectorate_id, method, pairwise, consistency_ratio, version";

CriteriaSet SetFromRow(const SqlRow& r) {
  CriteriaSet s;
  s.id = r.Int(0);
  s.code = r.Text(1);
  s.name = r.Text(2);
  s.description = r.Text(3);
  s.inspectorate_id = r.OptInt(4);
  s.method = r.Text(5) == "pairwise" ? WeightMethod::kPairwise : WeightMethod::kDirect;
  auto matrix = nlohmann::json::parse(r.Text(6), nullptr, false);
  if (matrix.is_array()) {
    for (const auto& row : matrix) {
      std::vector<double> values;
      for (const auto& v : row) values.push_back(v.is_number() ? v.get<double>() : 0.0);
      s.pairwise.push_back(std::move(values));
    }
  }
  s.consistency_ratio = r.Double(7);
  s.version = r.Int(8);
  return s;
}

Status LoadCriteria(Transaction& tx, std::vector<CriteriaSet>& sets, const std::string& where,
                    const SqlParams& params) {
  std::map<int64_t, CriteriaSet*> by_id;
  for (auto& s : sets) by_id[s.id] = &s;
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id, set_id, name, description, weight FROM "
                                       "criteria" +
                                           where + " ORDER BY set_id, position",
                                       params));
  for (const auto& r : rows) {
    auto it = by_id.find(r.Int(1));
    if (it == by_id.end()) continue;
    it->second->criteria.push_back({r.Int(0), r.Text(2), r.Text(3), r.Double(4)});
  }
  return OkStatus();
}

}  // namespace

StatusOr<std::vector<CriteriaSet>> ListCriteriaSets(Transaction& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kSetColumns +
                                       " FROM criteria_sets ORDER BY id"));
  std::vector<CriteriaSet> out;
  for (const auto& r : rows) out.push_back(SetFromRow(r));
  RETURN_IF_ERROR(LoadCriteria(tx, out, "", {}));
  return out;
}

StatusOr<CriteriaSet> GetCriteriaSet(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne(std::string("SELECT ") + kSetColumns +
                                               " FROM criteria_sets WHERE id = ?",
                                           {id}, "Criteria set " + std::to_string(id)));
  std::vector<CriteriaSet> one{SetFromRow(row)};
  RETURN_IF_ERROR(LoadCriteria(tx, one, " WHERE set_id = ?", {id}));
  return std::move(one.front());
}

StatusOr<CriteriaSet> CurrentCriteriaSet(Transaction& tx) {
  ASSIGN_OR_RETURN(auto plans, ListPlans(tx));
  if (!plans.empty()) return GetCriteriaSet(tx, plans.front().criteria_set_id);
  ASSIGN_OR_RETURN(auto first, tx.Query("SELECT MIN(id) FROM criteria_sets"));
  if (first.empty() || first[0].IsNull(0)) return NotFound("No criteria set has been loaded");
  return GetCriteriaSet(tx, first[0].Int(0));
}

StatusOr<std::optional<CriteriaSet>> FindCriteriaSetByCode(Transaction& tx,
                                                           const std::string& code) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id FROM criteria_sets WHERE code = ?", {code}));
  if (rows.empty()) return std::optional<CriteriaSet>();
  ASSIGN_OR_RETURN(CriteriaSet set, GetCriteriaSet(tx, rows[0].Int(0)));
  return std::optional<CriteriaSet>(std::move(set));
}

StatusOr<int64_t> InsertCriteriaSet(Transaction& tx, CriteriaSet& s, const std::string& now) {
  nlohmann::json matrix = s.pairwise;
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO criteria_sets (code, name, description, inspectorate_id, method, "
                  "pairwise, consistency_ratio, version, updated_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?) RETURNING id",
                  {s.code, s.name, s.description, SqlValue(s.inspectorate_id),
                   WeightMethodId(s.method), matrix.dump(), s.consistency_ratio, now},
                  "inserted criteria set"));
  s.id = row.Int(0);
  s.version = 1;
  for (size_t i = 0; i < s.criteria.size(); ++i) {
    Criterion& c = s.criteria[i];
    ASSIGN_OR_RETURN(SqlRow cr,
                     tx.QueryOne("INSERT INTO criteria (set_id, position, name, "
                                 "description, weight) VALUES (?, ?, ?, ?, ?) "
                                 "RETURNING id",
                                 {s.id, static_cast<int64_t>(i), c.name, c.description, c.weight},
                                 "inserted criterion"));
    c.id = cr.Int(0);
  }
  return s.id;
}

StatusOr<std::vector<RepresentativeScore>> ScoresOf(Transaction& tx, int64_t proposal_id,
                                                    const CriteriaSet& set) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query("SELECT s.inspectorate_id, s.user_id, s.criterion_id, s.score "
                            "FROM scores s JOIN criteria c ON c.id = s.criterion_id "
                            "WHERE s.proposal_id = ? AND c.set_id = ? "
                            "ORDER BY s.inspectorate_id, c.position",
                            {proposal_id, set.id}));
  std::vector<RepresentativeScore> out;
  for (const auto& r : rows) {
    if (out.empty() || out.back().inspectorate_id != r.Int(0)) {
      out.push_back({});
      out.back().inspectorate_id = r.Int(0);
      out.back().user_id = r.Int(1);
    }
    out.back().scores[r.Int(2)] = static_cast<int>(r.Int(3));
  }
  return out;
}

namespace {

// The scores on `set` of the proposals that meet `where` (on `s`), by
// proposal id, each proposal's in inspectorate order. Read in the order of
// the scores' key, narrowed to the set's criteria by their ids, so that
// the database neither joins nor sorts.
StatusOr<std::map<int64_t, std::vector<RepresentativeScore>>> ScoresWhere(Transaction& tx,
                                                                          const CriteriaSet& set,
                                                                          const Condition& where) {
  std::map<int64_t, std::vector<RepresentativeScore>> out;
  if (set.criteria.empty()) return out;
  std::string sql =
      "SELECT s.proposal_id, s.inspectorate_id, s.user_id, s.criterion_id, s.score FROM scores s "
      "WHERE s.criterion_id IN (";
  SqlParams params;
  for (const auto& c : set.criteria) {
    sql += params.empty() ? "?" : ", ?";
    params.emplace_back(c.id);
  }
  sql += ")";
  if (!where.sql.empty()) {
    sql += " AND " + where.sql;
    params.insert(params.end(), where.params.begin(), where.params.end());
  }
  sql += " ORDER BY s.proposal_id, s.criterion_id, s.inspectorate_id";
  int64_t proposal = 0;
  std::map<int64_t, RepresentativeScore> by_inspectorate;  // of `proposal`
  auto finish = [&] {
    if (by_inspectorate.empty()) return;
    auto& list = out[proposal];
    for (auto& [id, score] : by_inspectorate) list.push_back(std::move(score));
    by_inspectorate.clear();
  };
  RETURN_IF_ERROR(tx.ForEachRow(sql, params, [&](const SqlRow& r) -> Status {
    if (r.Int(0) != proposal) {
      finish();
      proposal = r.Int(0);
    }
    RepresentativeScore& score = by_inspectorate[r.Int(1)];
    if (score.inspectorate_id == 0) {
      score.inspectorate_id = r.Int(1);
      score.user_id = r.Int(2);
    }
    score.scores[r.Int(3)] = static_cast<int>(r.Int(4));
    return OkStatus();
  }));
  finish();
  return out;
}

}  // namespace

StatusOr<std::map<int64_t, std::vector<RepresentativeScore>>> ScoresBySet(
    Transaction& tx, const CriteriaSet& set, const ProposalFilter* filter) {
  Condition where;
  if (filter) {
    where = FilterCondition(*filter, set.id, tx.dialect());
    where.sql = "s.proposal_id IN (SELECT p.id FROM proposals p WHERE " + where.sql + ")";
  }
  return ScoresWhere(tx, set, where);
}

StatusOr<std::map<int64_t, std::vector<RepresentativeScore>>> ScoresOfProposals(
    Transaction& tx, const CriteriaSet& set, const std::vector<int64_t>& ids) {
  if (ids.empty()) return std::map<int64_t, std::vector<RepresentativeScore>>{};
  Condition where{"s.proposal_id IN (", {}};
  for (int64_t id : ids) {
    where.sql += where.params.empty() ? "?" : ", ?";
    where.params.emplace_back(id);
  }
  where.sql += ")";
  return ScoresWhere(tx, set, where);
}

Status SaveScores(Transaction& tx, int64_t proposal_id, const CriteriaSet& set,
                  const RepresentativeScore& score, const std::string& now) {
  for (const auto& c : set.criteria) {
    RETURN_IF_ERROR(tx.Execute("DELETE FROM scores WHERE proposal_id = ? AND criterion_id = ? AND "
                               "inspectorate_id = ?",
                               {proposal_id, c.id, score.inspectorate_id})
                        .status());
    auto it = score.scores.find(c.id);
    if (it == score.scores.end()) continue;
    RETURN_IF_ERROR(
        tx.Execute("INSERT INTO scores (proposal_id, criterion_id, inspectorate_id, "
                   "user_id, score, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                   {proposal_id, c.id, score.inspectorate_id, score.user_id, it->second, now})
            .status());
  }
  return OkStatus();
}

// Plans.

namespace {

constexpr const char* kPlanColumns =
    "id, first_year, criteria_set_id, state, introduction, context, min_process_coverage, "
    "victim_waiver, version";

Plan PlanFromRow(const SqlRow& r) {
  Plan p;
  p.id = r.Int(0);
  p.first_year = static_cast<int>(r.Int(1));
  p.criteria_set_id = r.Int(2);
  p.state = ParsePlanState(r.Text(3)).value_or(PlanState::kDraft);
  p.introduction = r.Text(4);
  p.context = r.Text(5);
  p.min_process_coverage = static_cast<int>(r.Int(6));
  p.victim_waiver = r.Text(7);
  p.version = r.Int(8);
  return p;
}

Status SaveCapacity(Transaction& tx, const Plan& plan, int64_t id) {
  RETURN_IF_ERROR(tx.Execute("DELETE FROM plan_capacity WHERE plan_id = ?", {id}).status());
  for (const auto& [inspectorate, days] : plan.capacity) {
    RETURN_IF_ERROR(tx.Execute("INSERT INTO plan_capacity (plan_id, inspectorate_id, "
                               "days_per_quarter) VALUES (?, ?, ?)",
                               {id, inspectorate, days})
                        .status());
  }
  return OkStatus();
}

}  // namespace

StatusOr<std::vector<Plan>> ListPlans(Transaction& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kPlanColumns +
                                       " FROM plans ORDER BY first_year DESC"));
  std::vector<Plan> out;
  for (const auto& r : rows) out.push_back(PlanFromRow(r));
  return out;
}

StatusOr<Plan> GetPlan(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(SqlRow row,
                   tx.QueryOne(std::string("SELECT ") + kPlanColumns + " FROM plans WHERE id = ?",
                               {id}, "Plan " + std::to_string(id)));
  Plan p = PlanFromRow(row);
  ASSIGN_OR_RETURN(auto capacity,
                   tx.Query("SELECT inspectorate_id, days_per_quarter FROM plan_capacity WHERE "
                            "plan_id = ?",
                            {id}));
  for (const auto& r : capacity) p.capacity[r.Int(0)] = static_cast<int>(r.Int(1));
  ASSIGN_OR_RETURN(auto items, tx.Query("SELECT proposal_id, start_quarter FROM plan_items "
                                        "WHERE plan_id = ? ORDER BY start_quarter, proposal_id",
                                        {id}));
  for (const auto& r : items) p.items.push_back({r.Int(0), static_cast<int>(r.Int(1))});
  return p;
}

StatusOr<std::optional<int64_t>> FindPlanByYear(Transaction& tx, int first_year) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id FROM plans WHERE first_year = ?", {first_year}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].Int(0));
}

StatusOr<int64_t> InsertPlan(Transaction& tx, const Plan& p, const std::string& now) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO plans (first_year, criteria_set_id, state, introduction, context, "
                  "min_process_coverage, victim_waiver, version, updated_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?) RETURNING id",
                  {p.first_year, p.criteria_set_id, PlanStateId(p.state), p.introduction, p.context,
                   p.min_process_coverage, p.victim_waiver, now},
                  "inserted plan"));
  const int64_t id = row.Int(0);
  RETURN_IF_ERROR(SaveCapacity(tx, p, id));
  RETURN_IF_ERROR(ReplacePlanItems(tx, id, p.items, now));
  return id;
}

StatusOr<int64_t> UpdatePlan(Transaction& tx, const Plan& p, const std::string& now) {
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Execute("UPDATE plans SET criteria_set_id = ?, introduction = ?, "
                              "context = ?, min_process_coverage = ?, victim_waiver = ?, "
                              "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                              {p.criteria_set_id, p.introduction, p.context, p.min_process_coverage,
                               p.victim_waiver, now, p.id, p.version}));
  if (changed == 0) return StaleOrMissing(tx, "plans", "plan", p.id, p.version);
  RETURN_IF_ERROR(SaveCapacity(tx, p, p.id));
  return p.version + 1;
}

Status SetPlanState(Transaction& tx, int64_t plan_id, PlanState state, const std::string& now) {
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Execute("UPDATE plans SET state = ?, version = version + 1, updated_at = ? "
                              "WHERE id = ?",
                              {PlanStateId(state), now, plan_id}));
  if (changed == 0) return NotFound("Plan " + std::to_string(plan_id) + " not found");
  return OkStatus();
}

Status ReplacePlanItems(Transaction& tx, int64_t plan_id, const std::vector<PlanItem>& items,
                        const std::string& now) {
  RETURN_IF_ERROR(tx.Execute("DELETE FROM plan_items WHERE plan_id = ?", {plan_id}).status());
  for (const auto& item : items) {
    RETURN_IF_ERROR(
        tx.Execute("INSERT INTO plan_items (plan_id, proposal_id, start_quarter) VALUES (?, ?, ?)",
                   {plan_id, item.proposal_id, item.start_quarter})
            .status());
  }
  RETURN_IF_ERROR(
      tx.Execute("UPDATE plans SET updated_at = ? WHERE id = ?", {now, plan_id}).status());
  return OkStatus();
}

// Optimiser runs.

std::string_view RunStateId(RunState state) {
  switch (state) {
    case RunState::kQueued:
      return "queued";
    case RunState::kRunning:
      return "running";
    case RunState::kFinished:
      return "finished";
    case RunState::kFailed:
      return "failed";
  }
  return "";
}

namespace {

constexpr const char* kRunColumns =
    "id, plan_id, state, time_limit_seconds, requested_by, requested_at, started_at, "
    "finished_at, result, error, improving_until, stop_requested";

OptimiserRun RunFromRow(const SqlRow& r) {
  OptimiserRun run;
  run.id = r.Int(0);
  run.plan_id = r.Int(1);
  const std::string state = r.Text(2);
  run.state = state == "running"    ? RunState::kRunning
              : state == "finished" ? RunState::kFinished
              : state == "failed"   ? RunState::kFailed
                                    : RunState::kQueued;
  run.time_limit_seconds = static_cast<int>(r.Int(3));
  run.requested_by = r.Int(4);
  run.requested_at = r.Text(5);
  run.started_at = r.Text(6);
  run.finished_at = r.Text(7);
  run.result = r.Text(8);
  run.error = r.Text(9);
  run.improving_until = r.IsNull(10) ? 0 : r.Int(10);
  run.stop_requested = r.Int(11) != 0;
  return run;
}

SqlValue NullIfEmpty(const std::string& s) { return s.empty() ? SqlValue() : SqlValue(s); }

}  // namespace

StatusOr<int64_t> InsertRun(Transaction& tx, const OptimiserRun& run) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne(
          "INSERT INTO optimiser_runs (plan_id, state, time_limit_seconds, requested_by, "
          "requested_at, result, error) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {run.plan_id, RunStateId(run.state), run.time_limit_seconds, run.requested_by,
           run.requested_at, run.result.empty() ? std::string("{}") : run.result, run.error},
          "inserted run"));
  return row.Int(0);
}

StatusOr<OptimiserRun> GetRun(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne(std::string("SELECT ") + kRunColumns +
                                               " FROM optimiser_runs WHERE id = ?",
                                           {id}, "Optimiser run " + std::to_string(id)));
  return RunFromRow(row);
}

StatusOr<std::vector<OptimiserRun>> RunsOfPlan(Transaction& tx, int64_t plan_id, int limit) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kRunColumns +
                                           " FROM optimiser_runs WHERE plan_id = ? "
                                           "ORDER BY id DESC LIMIT ?",
                                       {plan_id, limit}));
  std::vector<OptimiserRun> out;
  for (const auto& r : rows) out.push_back(RunFromRow(r));
  return out;
}

StatusOr<std::optional<OptimiserRun>> ClaimQueuedRun(Transaction& tx, std::optional<int64_t> run_id,
                                                     const std::string& started_at,
                                                     int64_t hold_from) {
  std::string sql =
      "UPDATE optimiser_runs SET state = 'running', started_at = ?, "
      "held_until = CAST(? AS BIGINT) + time_limit_seconds * 1000000 WHERE state = 'queued' AND id "
      "= ";
  const SqlParams params =
      run_id ? SqlParams{started_at, hold_from, *run_id} : SqlParams{started_at, hold_from};
  if (run_id) {
    sql += "?";
  } else {
    sql += "(SELECT id FROM optimiser_runs WHERE state = 'queued' ORDER BY id LIMIT 1";
    sql += tx.dialect() == Dialect::kPostgres ? " FOR UPDATE SKIP LOCKED)" : ")";
  }
  sql += std::string(" RETURNING ") + kRunColumns;
  ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  if (rows.empty()) return std::optional<OptimiserRun>();
  return std::optional<OptimiserRun>(RunFromRow(rows.front()));
}

StatusOr<std::vector<int64_t>> AbandonedRuns(Transaction& tx, int64_t now, bool every_running) {
  ASSIGN_OR_RETURN(
      auto rows, every_running
                     ? tx.Query("SELECT id FROM optimiser_runs WHERE state = 'running' ORDER BY id")
                     : tx.Query("SELECT id FROM optimiser_runs WHERE state = 'running' AND "
                                "(held_until IS NULL OR held_until < ?) ORDER BY id",
                                {now}));
  std::vector<int64_t> out;
  for (const auto& r : rows) out.push_back(r.Int(0));
  return out;
}

Status UpdateRun(Transaction& tx, const OptimiserRun& run) {
  return tx
      .Execute(
          "UPDATE optimiser_runs SET state = ?, started_at = ?, finished_at = ?, result = ?, "
          "error = ?, improving_until = ? WHERE id = ?",
          {RunStateId(run.state), NullIfEmpty(run.started_at), NullIfEmpty(run.finished_at),
           run.result.empty() ? std::string("{}") : run.result, run.error,
           run.improving_until > 0 ? SqlValue(run.improving_until) : SqlValue(), run.id})
      .status();
}

Status RequestRunStop(Transaction& tx, int64_t run_id) {
  return tx.Execute("UPDATE optimiser_runs SET stop_requested = 1 WHERE id = ?", {run_id}).status();
}

// Ministers' comments.

namespace {
constexpr const char* kCommentColumns =
    "id, plan_id, minister, received_on, comment, response, version";
MinisterComment CommentFromRow(const SqlRow& r) {
  return {r.Int(0), r.Int(1), r.Text(2), r.DateAt(3), r.Text(4), r.Text(5), r.Int(6)};
}
}  // namespace

StatusOr<std::vector<MinisterComment>> CommentsOfPlan(Transaction& tx, int64_t plan_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kCommentColumns +
                                           " FROM minister_comments WHERE plan_id = ? "
                                           "ORDER BY received_on, id",
                                       {plan_id}));
  std::vector<MinisterComment> out;
  for (const auto& r : rows) out.push_back(CommentFromRow(r));
  return out;
}

StatusOr<MinisterComment> GetComment(Transaction& tx, int64_t plan_id, int64_t comment_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kCommentColumns +
                                           " FROM minister_comments WHERE id = ? AND plan_id = ?",
                                       {comment_id, plan_id}));
  if (rows.empty()) return NotFound("Comment " + std::to_string(comment_id) + " not found");
  return CommentFromRow(rows[0]);
}

StatusOr<int64_t> InsertComment(Transaction& tx, const MinisterComment& c, int64_t by,
                                const std::string& now) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO minister_comments (plan_id, minister, received_on, comment, "
                  "response, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {c.plan_id, c.minister, c.received_on, c.comment, c.response, by, now},
                  "inserted comment"));
  return row.Int(0);
}

StatusOr<int64_t> UpdateCommentResponse(Transaction& tx, int64_t plan_id, int64_t comment_id,
                                        const std::string& response, int64_t version) {
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Execute("UPDATE minister_comments SET response = ?, version = version + 1 "
                              "WHERE id = ? AND plan_id = ? AND version = ?",
                              {response, comment_id, plan_id, version}));
  if (changed == 0) {
    RETURN_IF_ERROR(GetComment(tx, plan_id, comment_id).status());
    return StaleOrMissing(tx, "minister_comments", "comment", comment_id, version);
  }
  return version + 1;
}

}  // namespace jointly
