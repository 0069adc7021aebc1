#include "store/directory_store.h"

#include "core/text.h"
#include "store/text_search.h"

namespace jointly {
namespace {

constexpr const char* kInspectorateColumns =
    "id, code, short_name, full_name, kind, closed_year, findings, sends_embargoed_copies, "
    "senior_oversight_title, version, head_name, head_title, address, website, email, "
    "queries_name, sponsoring_department";

Inspectorate InspectorateFromRow(const SqlRow& r) {
  Inspectorate i;
  i.id = r.Int(0);
  i.code = r.Text(1);
  i.short_name = r.Text(2);
  i.full_name = r.Text(3);
  i.kind = ParseInspectorateKind(r.Text(4)).value_or(InspectorateKind::kPartner);
  if (!r.IsNull(5)) i.closed_year = static_cast<int>(r.Int(5));
  i.findings = ParseFindingsStyle(r.Text(6)).value_or(FindingsStyle::kRecommendations);
  i.sends_embargoed_copies = r.Bool(7);
  i.senior_oversight_title = r.Text(8);
  i.version = r.Int(9);
  i.head_name = r.Text(10);
  i.head_title = r.Text(11);
  i.address = r.Text(12);
  i.website = r.Text(13);
  i.email = r.Text(14);
  i.queries_name = r.Text(15);
  i.sponsoring_department = r.Text(16);
  return i;
}

constexpr const char* kBodyColumns =
    "id, code, name, type, region, nation, in_london, active, version, address";
constexpr size_t kBodyColumnCount = 10;

InspectedBody BodyFromRow(const SqlRow& r) {
  InspectedBody b;
  b.id = r.Int(0);
  b.code = r.Text(1);
  b.name = r.Text(2);
  b.type = ParseBodyType(r.Text(3)).value_or(BodyType::kOther);
  b.region = r.Text(4);
  b.nation = ParseNation(r.Text(5)).value_or(Nation::kEngland);
  b.in_london = r.Bool(6);
  b.active = r.Bool(7);
  b.version = r.Int(8);
  b.address = r.Text(9);
  return b;
}

}  // namespace

StatusOr<std::vector<Inspectorate>> ListInspectorates(Transaction& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kInspectorateColumns +
                                       " FROM inspectorates ORDER BY CASE kind WHEN "
                                       "'criminal_justice' THEN 0 WHEN 'partner' THEN 1 ELSE 2 "
                                       "END, closed_year IS NOT NULL, short_name"));
  std::vector<Inspectorate> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(InspectorateFromRow(r));
  return out;
}

StatusOr<Inspectorate> GetInspectorate(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne(std::string("SELECT ") + kInspectorateColumns +
                                               " FROM inspectorates WHERE id = ?",
                                           {id}, "Inspectorate " + std::to_string(id)));
  return InspectorateFromRow(row);
}

StatusOr<std::optional<Inspectorate>> FindInspectorateByCode(Transaction& tx,
                                                             const std::string& code) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kInspectorateColumns +
                                           " FROM inspectorates WHERE code = ?",
                                       {code}));
  if (rows.empty()) return std::optional<Inspectorate>();
  return std::optional<Inspectorate>(InspectorateFromRow(rows[0]));
}

StatusOr<int64_t> InsertInspectorate(Transaction& tx, const Inspectorate& i,
                                     const std::string& now) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne(
          "INSERT INTO inspectorates (code, short_name, full_name, kind, closed_year, "
          "findings, sends_embargoed_copies, senior_oversight_title, head_name, head_title, "
          "address, website, email, queries_name, sponsoring_department, version, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) RETURNING id",
          {i.code, i.short_name, i.full_name, InspectorateKindId(i.kind),
           i.closed_year ? SqlValue(*i.closed_year) : SqlValue(), FindingsStyleId(i.findings),
           i.sends_embargoed_copies, i.senior_oversight_title, i.head_name, i.head_title, i.address,
           i.website, i.email, i.queries_name, i.sponsoring_department, now},
          "inserted inspectorate"));
  return row.Int(0);
}

StatusOr<int64_t> UpdateInspectorate(Transaction& tx, const Inspectorate& i,
                                     const std::string& now) {
  ASSIGN_OR_RETURN(
      int64_t changed,
      tx.Execute(
          "UPDATE inspectorates SET code = ?, short_name = ?, full_name = ?, kind = ?, "
          "closed_year = ?, findings = ?, sends_embargoed_copies = ?, "
          "senior_oversight_title = ?, head_name = ?, head_title = ?, address = ?, website = ?, "
          "email = ?, queries_name = ?, sponsoring_department = ?, version = version + 1, "
          "updated_at = ? WHERE id = ? AND version = ?",
          {i.code, i.short_name, i.full_name, InspectorateKindId(i.kind),
           i.closed_year ? SqlValue(*i.closed_year) : SqlValue(), FindingsStyleId(i.findings),
           i.sends_embargoed_copies, i.senior_oversight_title, i.head_name, i.head_title, i.address,
           i.website, i.email, i.queries_name, i.sponsoring_department, now, i.id, i.version}));
  if (changed == 0) return StaleOrMissing(tx, "inspectorates", "inspectorate", i.id, i.version);
  return i.version + 1;
}

namespace {

Status BadAfter(std::string message) {
  Status s = InvalidArgument("The query is not valid", "keyset-paging");
  s.AddFieldError("after", "keyset-paging", std::move(message));
  return s;
}

// The conditions of a body query other than its search, on `bodies`.
void AddBodyFilters(const BodyQuery& q, std::string& where, SqlParams& params) {
  if (q.type) {
    where += " AND type = ?";
    params.emplace_back(BodyTypeId(*q.type));
  }
  if (q.nation) {
    where += " AND nation = ?";
    params.emplace_back(NationId(*q.nation));
  }
  if (!q.region.empty()) {
    where += " AND region = ?";
    params.emplace_back(q.region);
  }
  if (q.in_london) {
    where += " AND in_london = ?";
    params.emplace_back(*q.in_london);
  }
  if (q.active) {
    where += " AND active = ?";
    params.emplace_back(*q.active);
  }
}

// Where an unranked page starts, as a condition on (name, id) served by
// the indexes by name (migration 0001): right after the body `q.after`,
// or at the body `q.offset` places in, found by reading only the index
// (a deep page then reads its own rows and no others). Empty when the
// page starts at the first body; `empty_page` when past the last.
StatusOr<std::string> PageStart(Transaction& tx, const BodyQuery& q, const std::string& where,
                                const SqlParams& params, SqlParams& start, bool& empty_page) {
  if (q.after > 0 && q.after_name) {
    start = {*q.after_name, q.after};
    return std::string(" AND (name, id) > (?, ?)");
  }
  if (q.after > 0) {
    ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT name, id FROM bodies WHERE id = ?", {q.after}));
    if (rows.empty()) {
      return BadAfter("after must be the id of an inspected body");
    }
    start = {rows[0].Text(0), rows[0].Int(1)};
    return std::string(" AND (name, id) > (?, ?)");
  }
  if (q.offset <= 0) return std::string();
  SqlParams at = params;
  at.emplace_back(q.offset);
  ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT name, id FROM bodies" + where + " ORDER BY name, id LIMIT 1 OFFSET ?", at));
  if (rows.empty()) {
    empty_page = true;
    return std::string();
  }
  start = {rows[0].Text(0), rows[0].Int(1)};
  return std::string(" AND (name, id) >= (?, ?)");
}

// A page of the bodies matching `words`, best first, by offset.
StatusOr<std::vector<SqlRow>> SearchPage(Transaction& tx, const BodyQuery& q,
                                         const std::vector<std::string>& words, SqlParams params,
                                         std::string from, const std::string& where) {
  const bool sqlite = tx.dialect() == Dialect::kSqlite;
  // A code typed exactly comes first, then the best matches.
  params.emplace_back(AsciiLower(Trim(q.search)));
  if (!sqlite) params.emplace_back(TsQuery(words));
  params.emplace_back(q.limit);
  params.emplace_back(q.offset);
  // The total comes with the page, as a last column: the matches are
  // found once, not once to count and again to rank.
  return tx.Query(std::string("SELECT ") + kBodyColumns + ", count(*) OVER ()" + from + where +
                      " ORDER BY " +
                      (sqlite ? "lower(code) = ? DESC, m.match_rank, "
                              : "lower(code) = ? DESC, ts_rank(search_words, "
                                "to_tsquery('simple', ?)) DESC, ") +
                      "name, id LIMIT ? OFFSET ?",
                  params);
}

}  // namespace

StatusOr<Page<InspectedBody>> ListBodies(Transaction& tx, const BodyQuery& q) {
  std::string where = " WHERE 1 = 1";
  SqlParams params;
  // Words are found through the full-text index (migration 0012), every
  // word as a prefix of a word of the code or name; a search with no words
  // in it (only punctuation) matches everything, as an empty one does.
  const std::vector<std::string> words = SearchWords(q.search);
  const bool sqlite = tx.dialect() == Dialect::kSqlite;
  std::string from = " FROM bodies";
  // The total is counted without ranking: ranking every match costs ten
  // times what finding them does.
  std::string count_from = from;
  if (!words.empty()) {
    if (q.after > 0) {
      return BadAfter("after cannot be used with search: a search is paged by offset");
    }
    if (sqlite) {
      from +=
          " JOIN (SELECT rowid AS match_id, rank AS match_rank FROM bodies_search "
          "WHERE bodies_search MATCH ?) m ON m.match_id = bodies.id";
      count_from +=
          " JOIN (SELECT rowid AS match_id FROM bodies_search WHERE bodies_search MATCH ?) m "
          "ON m.match_id = bodies.id";
    } else {
      where += " AND search_words @@ to_tsquery('simple', ?)";
    }
    params.emplace_back(sqlite ? Fts5Query(words) : TsQuery(words));
  }
  AddBodyFilters(q, where, params);
  Page<InspectedBody> page;
  page.limit = q.limit;
  page.offset = q.offset;
  // Without filters the total is kept by triggers (migration 0002), and so
  // is it for a type alone (migration 0051).
  const bool type_alone =
      q.type && words.empty() && !q.nation && q.region.empty() && !q.in_london && !q.active;
  const std::string count_sql =
      params.empty() ? "SELECT n FROM row_counts WHERE name = 'bodies'"
      : type_alone   ? "SELECT coalesce((SELECT n FROM row_counts WHERE name = 'bodies:type:' || "
                       "CAST(? AS TEXT)), 0)"
                     : "SELECT count(*)" + count_from + where;
  std::vector<SqlRow> rows;
  if (!words.empty()) {
    ASSIGN_OR_RETURN(rows, SearchPage(tx, q, words, params, from, where));
  } else {
    SqlParams start;
    bool empty_page = false;
    ASSIGN_OR_RETURN(std::string from_start, PageStart(tx, q, where, params, start, empty_page));
    if (!empty_page) {
      // The total comes with the page, as a last column: one statement
      // (one round trip to PostgreSQL) for a page that has rows.
      SqlParams page_params = params;
      page_params.insert(page_params.end(), params.begin(), params.end());
      page_params.insert(page_params.end(), start.begin(), start.end());
      page_params.emplace_back(q.limit);
      ASSIGN_OR_RETURN(
          rows, tx.Query(std::string("SELECT ") + kBodyColumns + ", (" + count_sql + ")" + from +
                             where + from_start + " ORDER BY name, id LIMIT ?",
                         page_params));
    }
  }
  if (!rows.empty()) {
    page.total = rows[0].Int(kBodyColumnCount);
  } else {
    ASSIGN_OR_RETURN(SqlRow count, tx.QueryOne(count_sql, params, "count"));
    page.total = count.Int(0);
  }
  for (const auto& r : rows) page.items.push_back(BodyFromRow(r));
  return page;
}

StatusOr<std::vector<InspectedBody>> AllBodies(Transaction& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kBodyColumns +
                                       " FROM bodies ORDER BY type, name, id"));
  std::vector<InspectedBody> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(BodyFromRow(r));
  return out;
}

StatusOr<std::vector<std::string>> BodyRegions(Transaction& tx) {
  ASSIGN_OR_RETURN(
      auto rows, tx.Query("SELECT DISTINCT region FROM bodies WHERE region <> '' ORDER BY region"));
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

StatusOr<InspectedBody> GetBody(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(SqlRow row,
                   tx.QueryOne(std::string("SELECT ") + kBodyColumns + " FROM bodies WHERE id = ?",
                               {id}, "Inspected body " + std::to_string(id)));
  return BodyFromRow(row);
}

StatusOr<std::optional<InspectedBody>> FindBodyByCode(Transaction& tx, const std::string& code) {
  ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(std::string("SELECT ") + kBodyColumns + " FROM bodies WHERE code = ?", {code}));
  if (rows.empty()) return std::optional<InspectedBody>();
  return std::optional<InspectedBody>(BodyFromRow(rows[0]));
}

StatusOr<int64_t> InsertBody(Transaction& tx, const InspectedBody& b, const std::string& now) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO bodies (code, name, type, region, nation, in_london, active, "
                  "address, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?) "
                  "RETURNING id",
                  {b.code, b.name, BodyTypeId(b.type), b.region, NationId(b.nation), b.in_london,
                   b.active, b.address, now},
                  "inserted body"));
  return row.Int(0);
}

namespace {

// "(?, ?), (?, ?)": `rows` groups of `columns` placeholders.
std::string Placeholders(size_t rows, size_t columns) {
  std::string one = "(";
  for (size_t c = 0; c < columns; ++c) one += c ? ", ?" : "?";
  one += ")";
  std::string out;
  out.reserve(rows * (one.size() + 2));
  for (size_t r = 0; r < rows; ++r) out += (r ? ", " : "") + one;
  return out;
}

}  // namespace

StatusOr<std::map<std::string, InspectedBody>> FindBodiesByCode(
    Transaction& tx, const std::vector<std::string>& codes) {
  std::map<std::string, InspectedBody> out;
  if (codes.empty()) return out;
  SqlParams params(codes.begin(), codes.end());
  std::string in = Placeholders(1, codes.size());
  ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(std::string("SELECT ") + kBodyColumns + " FROM bodies WHERE code IN " + in, params));
  for (const auto& r : rows) {
    InspectedBody b = BodyFromRow(r);
    out.emplace(b.code, std::move(b));
  }
  return out;
}

Status InsertBodies(Transaction& tx, std::vector<InspectedBody>& bodies, const std::string& now) {
  if (bodies.empty()) return OkStatus();
  SqlParams params;
  params.reserve(bodies.size() * 8);
  for (const auto& b : bodies) {
    params.insert(params.end(), {b.code, b.name, BodyTypeId(b.type), b.region, NationId(b.nation),
                                 b.in_london, b.active, now});
  }
  ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("INSERT INTO bodies (code, name, type, region, nation, in_london, active, "
               "updated_at) VALUES " +
                   Placeholders(bodies.size(), 8) + " RETURNING id, code",
               params));
  // RETURNING need not keep the order of VALUES: the ids are matched by code.
  std::map<std::string, int64_t> ids;
  for (const auto& r : rows) ids.emplace(r.Text(1), r.Int(0));
  for (auto& b : bodies) {
    b.id = ids[b.code];
    b.version = 1;
  }
  return OkStatus();
}

StatusOr<int64_t> UpdateBody(Transaction& tx, const InspectedBody& b, const std::string& now) {
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Execute("UPDATE bodies SET code = ?, name = ?, type = ?, region = ?, "
                              "nation = ?, in_london = ?, active = ?, address = ?, "
                              "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                              {b.code, b.name, BodyTypeId(b.type), b.region, NationId(b.nation),
                               b.in_london, b.active, b.address, now, b.id, b.version}));
  if (changed == 0) return StaleOrMissing(tx, "bodies", "inspected body", b.id, b.version);
  return b.version + 1;
}

}  // namespace jointly
