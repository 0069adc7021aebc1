#include "store/released_store.h"

#include <nlohmann/json.hpp>

#include "store/release_watch.h"
#include "store/text_search.h"
#include "store/welsh_store.h"

namespace jointly {
namespace {

constexpr const char* kColumns =
    "r.id, r.kind, r.slug, r.language, r.title, r.summary, r.content, r.search_text, "
    "r.released_at";

ReleasedItem FromRow(SqlRow& row) {
  ReleasedItem out;
  out.id = row.Int(0);
  out.kind = row.TakeText(1);
  out.slug = row.TakeText(2);
  out.language = row.TakeText(3);
  out.title = row.TakeText(4);
  out.summary = row.TakeText(5);
  out.content = row.TakeText(6);
  out.search_text = row.TakeText(7);
  out.released_at = row.TakeText(8);
  return out;
}

}  // namespace

Status ReleaseItem(Transaction& tx, const ReleasedItem& item) {
  // The public website shows these sections and nothing else.
  if (item.kind != kReleasedBusinessPlan && item.kind != kReleasedConsultation &&
      item.kind != kReleasedSummary && item.kind != kReleasedInspection &&
      item.kind != kReleasedReport && item.kind != kReleasedTracker) {
    return FailedPrecondition(
        "Only business plans, consultations, summaries of responses, "
        "terms of reference, published reports and quarterly trackers are released to the "
        "public website",
        "public-reads-released-only");
  }
  MarkReleasedOnThisThread();
  RETURN_IF_ERROR(
      tx.Execute("INSERT INTO released_items (kind, slug, language, title, summary, content, "
                 "search_text, released_at, withdrawn_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL) "
                 "ON CONFLICT (kind, slug, language) DO UPDATE SET title = excluded.title, "
                 "summary = excluded.summary, content = excluded.content, "
                 "search_text = excluded.search_text, released_at = excluded.released_at, "
                 "withdrawn_at = NULL",
                 {item.kind, item.slug, item.language, item.title, item.summary, item.content,
                  item.search_text, item.released_at})
          .status());
  if (item.language != "en" || !HoldsWelshVersion(item.kind)) return OkStatus();
  // The Welsh version goes out with its English one, by the same step.
  const int64_t record_id = std::strtoll(item.slug.c_str(), nullptr, 10);
  ASSIGN_OR_RETURN(auto welsh, GetWelshVersion(tx, item.kind, record_id));
  if (!welsh) return OkStatus();
  return ReleaseItem(tx, WelshRelease(item.kind, item.slug, welsh->title, welsh->summary,
                                      welsh->text, item.title, item.released_at));
}

ReleasedItem WelshRelease(const std::string& kind, const std::string& slug,
                          const std::string& title, const std::string& summary,
                          const std::string& text, const std::string& english_title,
                          const std::string& released_at) {
  ReleasedItem out;
  out.kind = kind;
  out.slug = slug;
  out.language = "cy";
  out.title = title;
  out.summary = summary;
  out.content =
      nlohmann::json{
          {"title", title}, {"summary", summary}, {"text", text}, {"english_title", english_title}}
          .dump();
  out.search_text = text;
  out.released_at = released_at;
  return out;
}

Status WithdrawReleased(Transaction& tx, std::string_view kind, std::string_view slug,
                        const std::string& at) {
  MarkReleasedOnThisThread();
  return tx
      .Execute(
          "UPDATE released_items SET withdrawn_at = ? WHERE kind = ? AND slug = ? AND "
          "withdrawn_at IS NULL",
          {at, kind, slug})
      .status();
}

StatusOr<bool> HasReleased(Transaction& tx, std::string_view kind, std::string_view slug) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT 1 FROM released_items WHERE kind = ? AND slug = ?",
                                       {kind, slug}));
  return !rows.empty();
}

StatusOr<std::vector<ReleasedItem>> ListReleased(Transaction& tx, std::string_view kind,
                                                 std::string_view language) {
  const std::string sql = std::string("SELECT ") + kColumns +
                          " FROM released_items r WHERE r.withdrawn_at IS NULL AND r.language = ?" +
                          (kind.empty() ? "" : " AND r.kind = ?") +
                          " ORDER BY r.released_at DESC, r.id DESC";
  ASSIGN_OR_RETURN(auto rows,
                   kind.empty() ? tx.Query(sql, {language}) : tx.Query(sql, {language, kind}));
  std::vector<ReleasedItem> out;
  out.reserve(rows.size());
  for (auto& row : rows) out.push_back(FromRow(row));
  return out;
}

namespace {

// When an item last changed, as the database reads it: its release, or a
// report's owners' responses released with it later (only a report's copy
// says when, so no content is sent for it).
std::string ChangedSql(const Transaction& tx) {
  const std::string responses_at =
      tx.dialect() == Dialect::kSqlite
          ? "CASE WHEN r.kind = 'report' AND json_valid(r.content) THEN "
            "json_extract(r.content, '$.responses_at') END"
          : "CASE WHEN r.kind = 'report' THEN r.content::jsonb ->> 'responses_at' END";
  return tx.dialect() == Dialect::kSqlite
             ? "max(r.released_at, coalesce(" + responses_at + ", ''))"
             : "GREATEST(r.released_at, coalesce(" + responses_at + ", ''))";
}

// Rows of FromRow()'s columns and then when each changed.
std::vector<ReleasedItem> WithChangedAt(std::vector<SqlRow>& rows) {
  std::vector<ReleasedItem> out;
  out.reserve(rows.size());
  for (auto& row : rows) {
    std::string at = row.TakeText(9);
    out.push_back(FromRow(row));
    out.back().changed_at = std::move(at);
  }
  return out;
}

}  // namespace

StatusOr<std::vector<ReleasedItem>> ListReleasedByChange(Transaction& tx, std::string_view kind,
                                                         int64_t limit) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query("SELECT r.id, r.kind, r.slug, r.language, r.title, r.summary, '', '', "
                            "r.released_at, " +
                                ChangedSql(tx) +
                                " AS changed FROM released_items r WHERE r.withdrawn_at IS NULL "
                                "AND r.language = 'en' AND r.kind = ? ORDER BY changed DESC, "
                                "r.id DESC LIMIT ?",
                            {kind, limit}));
  return WithChangedAt(rows);
}

StatusOr<std::vector<ReleasedItem>> ListReleasedAddresses(Transaction& tx) {
  ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT r.id, r.kind, r.slug, r.language, r.title, '', CASE WHEN r.kind = ? THEN "
               "r.content ELSE '' END, '', r.released_at, " +
                   ChangedSql(tx) +
                   " FROM released_items r WHERE r.withdrawn_at IS NULL ORDER BY r.language, "
                   "r.released_at DESC, r.id DESC",
               {kReleasedConsultation}));
  return WithChangedAt(rows);
}

StatusOr<ReleasedPage> PageReleased(Transaction& tx, std::string_view kind, int64_t limit,
                                    int64_t offset) {
  ReleasedPage out;
  ASSIGN_OR_RETURN(SqlRow count,
                   tx.QueryOne("SELECT count(*) FROM released_items WHERE withdrawn_at IS NULL AND "
                               "kind = ?",
                               {kind}, "count"));
  out.total = count.Int(0);
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT r.id, r.kind, r.slug, r.language, r.title, "
                                       "r.summary, '', '', r.released_at FROM released_items r "
                                       "WHERE r.withdrawn_at IS NULL AND r.kind = ? ORDER BY "
                                       "r.released_at DESC, r.id DESC LIMIT ? OFFSET ?",
                                       {kind, limit, offset}));
  for (auto& row : rows) out.items.push_back(FromRow(row));
  return out;
}

StatusOr<std::optional<ReleasedItem>> GetReleased(Transaction& tx, std::string_view kind,
                                                  std::string_view slug,
                                                  std::string_view language) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query(std::string("SELECT ") + kColumns +
                                " FROM released_items r WHERE r.kind = ? AND r.slug = ? AND "
                                "r.language = ? AND r.withdrawn_at IS NULL",
                            {kind, slug, language}));
  if (rows.empty()) return std::optional<ReleasedItem>();
  return std::optional<ReleasedItem>(FromRow(rows.front()));
}

// On SQLite, that the item found as s.rowid is not withdrawn, read from
// the index of the few that are (migration 0050).
constexpr const char* kNotWithdrawn =
    "s.rowid NOT IN (SELECT id FROM released_items WHERE withdrawn_at IS NOT NULL)";

StatusOr<std::vector<ReleasedHit>> SearchReleased(Transaction& tx, const SearchTerms& terms,
                                                  int64_t limit, int64_t offset) {
  std::vector<ReleasedHit> out;
  if (terms.empty()) return out;
  const std::string columns =
      "r.id, r.kind, r.slug, r.language, r.title, r.summary, '', '', r.released_at";
  std::vector<SqlRow> rows;
  if (tx.dialect() == Dialect::kSqlite) {
    // FTS5 ranks what it finds itself, so the snippets are made only for
    // the rows of the page, in one pass over the words' lists.
    ASSIGN_OR_RETURN(
        rows, tx.Query("SELECT " + columns +
                           ", snippet(released_search, -1, char(1), char(2), '…', 24) FROM "
                           "released_search s JOIN released_items r ON r.id = s.rowid WHERE "
                           "released_search MATCH ? AND rank MATCH 'bm25(10.0, 3.0, 1.0)' AND " +
                           kNotWithdrawn + " ORDER BY rank LIMIT ? OFFSET ?",
                       {Fts5TermsQuery(terms), limit, offset}));
  } else {
    ASSIGN_OR_RETURN(
        rows,
        tx.Query(
            "SELECT " + columns +
                ", ts_headline('jointly_words', r.summary || ' ' || r.search_text, q, "
                "'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=24, "
                "MinWords=8, FragmentDelimiter=…, MaxFragments=2') FROM (SELECT r.id, "
                "ts_rank(r.search_words, q) AS score FROM released_items r, "
                "to_tsquery('jointly_words', ?) q WHERE r.search_words @@ q AND r.withdrawn_at IS "
                "NULL ORDER BY score DESC, r.id LIMIT ? OFFSET ?) best JOIN released_items r ON "
                "r.id = best.id, to_tsquery('jointly_words', ?) q ORDER BY best.score DESC, r.id",
            {TsTermsQuery(terms), limit, offset, TsTermsQuery(terms)}));
  }
  for (auto& row : rows) {
    ReleasedHit hit;
    hit.snippet = row.TakeText(9);
    hit.item = FromRow(row);
    out.push_back(std::move(hit));
  }
  return out;
}

StatusOr<int64_t> CountReleasedFound(Transaction& tx, const SearchTerms& terms) {
  if (terms.empty()) return 0;
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.dialect() == Dialect::kSqlite
          ? tx.QueryOne("SELECT count(*) FROM released_search s WHERE released_search MATCH ? "
                        "AND " +
                            std::string(kNotWithdrawn),
                        {Fts5TermsQuery(terms)}, "count")
          : tx.QueryOne("SELECT count(*) FROM released_items r WHERE r.search_words @@ "
                        "to_tsquery('jointly_words', ?) AND r.withdrawn_at IS NULL",
                        {TsTermsQuery(terms)}, "count"));
  return row.Int(0);
}

}  // namespace jointly
