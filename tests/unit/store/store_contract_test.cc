// The store contract: every test here runs on SQLite and on PostgreSQL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>
#include <tuple>

#include "core/embedded.h"
#include "domain/consultation.h"
#include "domain/media.h"
#include "store/audit_store.h"
#include "store/calendar_store.h"
#include "store/directory_store.h"
#include "store/migrate.h"
#include "store/people_store.h"
#include "store/postgres/postgres_database.h"
#include "store/programme_store.h"
#include "store/record_store.h"
#include "store/released_store.h"
#include "store/sqlite/sqlite_database.h"
#include "store/text_search.h"
#include "store/welsh_store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/test_database.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace embedded {
const FileMap& Migrations();
}  // namespace embedded
namespace {

class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string why;
    db_ = testing::NewTestDatabase(GetParam(), &why);
    if (!db_) GTEST_SKIP() << why;
  }

  InspectedBody Body(std::string code) {
    InspectedBody b;
    b.code = std::move(code);
    b.name = "Body " + b.code;
    b.type = BodyType::kPrison;
    b.region = "North West";
    return b;
  }

  int64_t Insert(const InspectedBody& b) {
    int64_t id = 0;
    EXPECT_TRUE(db_->Write([&](Transaction& tx) -> Status {
                     ASSIGN_OR_RETURN(id, InsertBody(tx, b, "2026-11-23T10:00:00Z"));
                     return OkStatus();
                   })
                    .ok());
    return id;
  }

  FakeClock clock_;
  std::unique_ptr<Database> db_;
};

TEST_P(StoreContract, MigrationsAreRecordedAndIdempotent) {
  ASSERT_THAT(Migrate(*db_, clock_), IsOk());
  ASSERT_THAT(db_->Read([](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT count(*) FROM schema_migrations"));
    EXPECT_EQ(rows[0].Int(0), ShippedMigrationCount());
    return OkStatus();
  }),
              IsOk());
}

TEST(Migrations, migration_numbers_each_shipped_migration_has_a_number_of_its_own) {
  // Two files numbered alike would be merged into one migration and one of
  // them never recorded under its own name.
  EXPECT_THAT(CheckShippedMigrations(), IsOk());
}

TEST_P(StoreContract, EditedShippedMigrationIsRefused) {
  ASSERT_THAT(db_->Write([](Transaction& tx) {
    return tx.Execute("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1")
        .status();
  }),
              IsOk());
  Status s = Migrate(*db_, clock_);
  EXPECT_THAT(s, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(s.rule(), "migration-edited");
}

TEST_P(StoreContract, InsertGetAndUniqueCode) {
  const int64_t id = Insert(Body("HMP-A"));
  ASSERT_GT(id, 0);
  ASSERT_THAT(db_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(InspectedBody b, GetBody(tx, id));
    EXPECT_EQ(b.code, "HMP-A");
    EXPECT_EQ(b.version, 1);
    EXPECT_EQ(b.region, "North West");
    EXPECT_THAT(GetBody(tx, id + 1000), StatusIs(StatusCode::kNotFound));
    return OkStatus();
  }),
              IsOk());
  EXPECT_THAT(
      db_->Write([&](Transaction& tx) { return InsertBody(tx, Body("HMP-A"), "now").status(); }),
      StatusIs(StatusCode::kAlreadyExists));
}

TEST_P(StoreContract, Foundation_stale_version_refused) {
  InspectedBody b = Body("HMP-B");
  b.id = Insert(b);
  b.version = 1;
  b.name = "First edit";
  ASSERT_THAT(db_->Write([&](Transaction& tx) { return UpdateBody(tx, b, "t1").status(); }),
              IsOk());
  b.name = "Second edit from an old copy";  // still version 1
  EXPECT_THAT(db_->Write([&](Transaction& tx) { return UpdateBody(tx, b, "t2").status(); }),
              StatusIs(StatusCode::kAborted));
  ASSERT_THAT(db_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(InspectedBody now, GetBody(tx, b.id));
    EXPECT_EQ(now.name, "First edit");
    EXPECT_EQ(now.version, 2);
    return OkStatus();
  }),
              IsOk());
  b.id += 1000;
  EXPECT_THAT(db_->Write([&](Transaction& tx) { return UpdateBody(tx, b, "t3").status(); }),
              StatusIs(StatusCode::kNotFound));
}

TEST_P(StoreContract, FailedWriteChangesNothing) {
  Status s = db_->Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(InsertBody(tx, Body("HMP-C"), "t").status());
    return InvalidArgument("later step failed");
  });
  EXPECT_THAT(s, StatusIs(StatusCode::kInvalidArgument));
  ASSERT_THAT(db_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto found, FindBodyByCode(tx, "HMP-C"));
    EXPECT_FALSE(found.has_value());
    return OkStatus();
  }),
              IsOk());
}

TEST_P(StoreContract, ListsWithFiltersAndPaging) {
  for (int i = 0; i < 25; ++i) {
    InspectedBody b = Body("HMP-" + std::to_string(100 + i));
    b.name = "Prison " + std::to_string(100 + i);
    if (i % 5 == 0) {
      b.nation = Nation::kWales;
      b.region = "Wales";
    }
    Insert(b);
  }
  ASSERT_THAT(db_->Read([&](Transaction& tx) -> Status {
    BodyQuery q;
    q.limit = 10;
    q.offset = 20;
    ASSIGN_OR_RETURN(auto page, ListBodies(tx, q));
    EXPECT_EQ(page.total, 25);
    EXPECT_EQ(page.items.size(), 5u);
    EXPECT_EQ(page.items[0].name, "Prison 120");
    q = BodyQuery{};
    q.nation = Nation::kWales;
    ASSIGN_OR_RETURN(page, ListBodies(tx, q));
    EXPECT_EQ(page.total, 5);
    q = BodyQuery{};
    q.search = "PRISON 11";  // case-insensitive
    ASSIGN_OR_RETURN(page, ListBodies(tx, q));
    EXPECT_EQ(page.total, 10);
    q.search = "%";  // not a wildcard
    ASSIGN_OR_RETURN(page, ListBodies(tx, q));
    EXPECT_EQ(page.total, 25);
    return OkStatus();
  }),
              IsOk());
}

// Every page of a list, walked by offset or by keyset (each page after the
// last body of the one before), in the list's order: the ids of the bodies.
std::vector<int64_t> WalkBodies(Database& db, BodyQuery q, bool keyset) {
  std::vector<int64_t> ids;
  for (int pages = 0; pages < 100; ++pages) {
    Page<InspectedBody> page;
    EXPECT_THAT(db.Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(page, ListBodies(tx, q));
      return OkStatus();
    }),
                IsOk());
    EXPECT_LE(static_cast<int64_t>(page.items.size()), q.limit);
    for (const auto& b : page.items) ids.push_back(b.id);
    if (page.items.empty()) break;
    q.offset += q.limit;
    if (keyset) q.after = page.items.back().id;
  }
  return ids;
}

TEST_P(StoreContract, DeepPagesByOffsetAndByKeysetHaveNoDuplicatesOrGaps) {
  // Names repeat, so the order rests on the id after the name; bodies are
  // inserted out of name order.
  std::vector<std::pair<std::string, int64_t>> expected;
  std::vector<std::pair<std::string, int64_t>> wales;
  for (int i = 0; i < 47; ++i) {
    InspectedBody b = Body("B-" + std::to_string(i));
    b.name = "Prison " + std::to_string((i * 7) % 13);
    if (i % 3 == 0) b.nation = Nation::kWales;
    const int64_t id = Insert(b);
    expected.emplace_back(b.name, id);
    if (i % 3 == 0) wales.emplace_back(b.name, id);
  }
  auto ids = [](auto rows) {
    std::sort(rows.begin(), rows.end());
    std::vector<int64_t> out;
    for (const auto& [name, id] : rows) out.push_back(id);
    return out;
  };
  BodyQuery q;
  q.limit = 5;
  EXPECT_EQ(WalkBodies(*db_, q, false), ids(expected));
  EXPECT_EQ(WalkBodies(*db_, q, true), ids(expected));
  q.nation = Nation::kWales;
  q.limit = 4;
  EXPECT_EQ(WalkBodies(*db_, q, false), ids(wales));
  EXPECT_EQ(WalkBodies(*db_, q, true), ids(wales));
  // A page by offset past the end is empty, with the total.
  ASSERT_THAT(db_->Read([&](Transaction& tx) -> Status {
    BodyQuery past;
    past.offset = 47;
    ASSIGN_OR_RETURN(auto page, ListBodies(tx, past));
    EXPECT_TRUE(page.items.empty());
    EXPECT_EQ(page.total, 47);
    // No body has this id; a search is ranked and paged by offset only.
    past.after = 999999;
    EXPECT_THAT(ListBodies(tx, past).status(), StatusIs(StatusCode::kInvalidArgument));
    past.after = expected[0].second;
    past.search = "Prison";
    EXPECT_THAT(ListBodies(tx, past).status(), StatusIs(StatusCode::kInvalidArgument));
    return OkStatus();
  }),
              IsOk());
}

TEST_P(StoreContract, PostgresReadsSendTheirStatementsWithoutBeginOrCommit) {
  if (GetParam() != "postgres") GTEST_SKIP() << "SQLite reads are in-process, with no round trips";
  // Inside BEGIN ... COMMIT, now() is when the transaction began, before
  // the first statement; a statement sent alone is its own transaction.
  ASSERT_THAT(db_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(SqlRow first, tx.QueryOne("SELECT statement_timestamp()::text", {}, "time"));
    ASSIGN_OR_RETURN(SqlRow alone, tx.QueryOne("SELECT now() >= CAST(? AS timestamptz)",
                                               {first.Text(0)}, "time"));
    EXPECT_TRUE(alone.Text(0) == "t") << "the read ran in a transaction begun earlier";
    return OkStatus();
  }),
              IsOk());
}

TEST_P(StoreContract, SearchFindsWordsByTheirStartRankedAndNeverFails) {
  Insert(Body("POL-GWENT"));  // "Body POL-GWENT"
  InspectedBody gwent = Body("GWENT-1");
  gwent.name = "Gwent Police";
  const int64_t gwent_id = Insert(gwent);
  InspectedBody cafe = Body("CAFE-12");
  cafe.name = "Caf\u00e9 \u00c9cole \u65e5\u672c Youth Offending Team";
  Insert(cafe);
  InspectedBody near = Body("NEAR-1");
  near.name = "Near Prison: \"Gwent\" OR NOT";
  Insert(near);
  auto search = [&](const std::string& text) {
    std::vector<std::string> codes;
    EXPECT_THAT(db_->Read([&](Transaction& tx) -> Status {
      BodyQuery q;
      q.search = text;
      q.limit = 100;
      ASSIGN_OR_RETURN(auto page, ListBodies(tx, q));
      EXPECT_EQ(page.total, static_cast<int64_t>(page.items.size())) << text;
      for (const auto& b : page.items) codes.push_back(b.code);
      return OkStatus();
    }),
                IsOk())
        << text;
    return codes;
  };
  using ::testing::ElementsAre;
  using ::testing::IsEmpty;
  using ::testing::UnorderedElementsAre;
  // Words by their start, in any case, in code or name.
  EXPECT_THAT(search("gwe"), UnorderedElementsAre("POL-GWENT", "GWENT-1", "NEAR-1"));
  EXPECT_THAT(search("GWENT POLICE"), ElementsAre("GWENT-1"));
  EXPECT_THAT(search("police gwent"), ElementsAre("GWENT-1"));
  EXPECT_THAT(search("went"), IsEmpty()) << "words match by their start";
  // A code typed exactly comes first.
  auto first = [&](const std::string& text) {
    auto codes = search(text);
    return codes.empty() ? std::string("nothing") : codes.front();
  };
  EXPECT_EQ(first("gwent-1"), "GWENT-1");
  EXPECT_EQ(first("CAFE-12"), "CAFE-12");
  // Query syntax is searched for as words, never obeyed.
  EXPECT_THAT(search("\"gwent"), UnorderedElementsAre("POL-GWENT", "GWENT-1", "NEAR-1"));
  EXPECT_THAT(search("gwent OR"), ElementsAre("NEAR-1"));
  EXPECT_THAT(search("gwent OR cafe"), IsEmpty());
  EXPECT_THAT(search("NOT gwent"), ElementsAre("NEAR-1"));
  EXPECT_THAT(search("NEAR(gwent police)"), IsEmpty());
  EXPECT_THAT(search("near"), ElementsAre("NEAR-1"));
  EXPECT_THAT(search("name:gwent"), IsEmpty());
  EXPECT_THAT(search("code:gwent"), IsEmpty());
  EXPECT_THAT(search("gwe*"), UnorderedElementsAre("POL-GWENT", "GWENT-1", "NEAR-1"));
  EXPECT_THAT(search("gwent & !police | x:* <-> y"), IsEmpty());
  EXPECT_THAT(search("'gwent' \\ police;"), ElementsAre("GWENT-1"));
  EXPECT_THAT(search("\"\""), ::testing::SizeIs(4)) << "no words: as an empty search";
  // Other scripts and accents, as typed.
  EXPECT_THAT(search("caf\u00e9"), ElementsAre("CAFE-12"));
  EXPECT_THAT(search("\u00c9cole"), ElementsAre("CAFE-12"));
  EXPECT_THAT(search("\u65e5\u672c"), ElementsAre("CAFE-12"));
  for (const std::string& odd :
       {std::string("\U0001F600"), std::string("e\u0301"), std::string("\u202e\u200b\ufeff"),
        std::string(100, 'a'), std::string(300, '*'), std::string(50, '"') + "gwent",
        std::string("\u00e9") + std::string(120, 'x'), std::string("a b c d e f g h i j k l")}) {
    search(odd);  // answers, whatever it finds
  }
  // Renamed and deleted bodies are found by their new words only.
  ASSERT_THAT(db_->Write([&](Transaction& tx) {
    return tx
        .Execute("UPDATE bodies SET name = 'Dyfed-Powys Constabulary' WHERE id = ?", {gwent_id})
        .status();
  }),
              IsOk());
  EXPECT_THAT(search("police"), IsEmpty());
  EXPECT_THAT(search("powys"), ElementsAre("GWENT-1"));
  ASSERT_THAT(db_->Write([&](Transaction& tx) {
    return tx.Execute("DELETE FROM bodies WHERE id = ?", {gwent_id}).status();
  }),
              IsOk());
  EXPECT_THAT(search("powys"), IsEmpty());
}

TEST_P(StoreContract, SearchWordsAreSafeForBothQueryLanguages) {
  EXPECT_EQ(SearchWords("  Gwent-Police \"x\" NEAR(a*) b:c "),
            (std::vector<std::string>{"gwent", "police", "x", "near", "a", "b", "c"}));
  EXPECT_EQ(Fts5Query({"gwent", "caf\u00e9"}), "\"gwent\"* \"caf\u00e9\"*");
  EXPECT_EQ(TsQuery({"gwent", "caf\u00e9"}), "gwent:* & caf\u00e9:*");
  EXPECT_TRUE(SearchWords("*** ::: \"\" ''").empty());
  EXPECT_EQ(SearchWords("a b c d e f g h i j").size(), kMaxSearchWords);
  const auto long_word = SearchWords(std::string(63, 'x') + "\u00e9\u00e9");
  ASSERT_EQ(long_word.size(), 1u);
  EXPECT_EQ(long_word[0], std::string(63, 'x')) << "cut before a character, not inside it";
}

SearchTerms Terms(std::vector<std::vector<std::string>> all, std::vector<std::string> none = {}) {
  return {std::move(all), std::move(none)};
}

TEST_P(StoreContract, SearchTermsTakeOrPhrasesAndNotAndNothingElse) {
  EXPECT_EQ(ParseSearchTerms("probation OR Prisons youth"),
            Terms({{"probation", "prisons"}, {"youth"}}));
  // Lower-case "or", a leading or trailing OR, and OR OR are words.
  EXPECT_EQ(ParseSearchTerms("OR a or b OR"), Terms({{"or"}, {"a"}, {"or"}, {"b"}, {"or"}}));
  EXPECT_EQ(ParseSearchTerms("a OR OR b"), Terms({{"a"}, {"or", "b"}}));
  EXPECT_EQ(ParseSearchTerms("a OR b OR c"), Terms({{"a", "b", "c"}}));
  EXPECT_EQ(ParseSearchTerms("\"a\" OR NEAR(b*)"), Terms({{"a", "near"}, {"b"}}));
  EXPECT_EQ(ParseSearchTerms("* OR :"), Terms({{"or"}}));
  EXPECT_TRUE(ParseSearchTerms("* :: \"\"").empty());
  // Phrases in quotes (an unclosed one runs to the end), alternatives too.
  EXPECT_EQ(ParseSearchTerms("\"Hate crime\" OR \"race hate\" Kent \"open phrase"),
            Terms({{"hate crime", "race hate"}, {"kent"}, {"open phrase"}}));
  // NOT or a leading minus excludes; a hyphen inside a word separates.
  EXPECT_EQ(ParseSearchTerms("prisons NOT youth -\"young adults\" follow-up"),
            Terms({{"prisons"}, {"follow"}, {"up"}}, {"youth", "young adults"}));
  // Only exclusions: nothing to find. NOT with nothing after is a word.
  EXPECT_TRUE(ParseSearchTerms("NOT youth -adults").empty());
  EXPECT_EQ(ParseSearchTerms("youth NOT"), Terms({{"youth"}, {"not"}}));
  EXPECT_EQ(Fts5TermsQuery(Terms({{"a", "caf\u00e9"}, {"b"}})),
            "(\"a\"* OR \"caf\u00e9\"*) AND (\"b\"*)");
  EXPECT_EQ(TsTermsQuery(Terms({{"a", "caf\u00e9"}, {"b"}})), "(a:* | caf\u00e9:*) & (b:*)");
  EXPECT_EQ(Fts5TermsQuery(Terms({{"hate crime"}}, {"youth", "young adults"})),
            "((\"hate crime\")) NOT (\"youth\"*) NOT (\"young adults\")");
  EXPECT_EQ(TsTermsQuery(Terms({{"hate crime"}}, {"youth", "young adults"})),
            "((hate <-> crime)) & !(youth:*) & !((young <-> adults))");
}

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Two released consultations, found by their words whatever the accents.
class ReleasedSearch : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    if (!db_) return;
    ASSERT_THAT(db_->Write([&](Transaction& tx) -> Status {
      RETURN_IF_ERROR(Release(tx, "1", "Custody in Wrexham", "Zo\u00eb Evans asked about cells"));
      return Release(tx, "2", "Courts on Ynys M\u00f4n", "Cardiff and Zoe Price");
    }),
                IsOk());
  }

  static Status Release(Transaction& tx, const std::string& slug, const std::string& title,
                        const std::string& text) {
    ReleasedItem item;
    item.kind = std::string(kReleasedConsultation);
    item.slug = slug;
    item.title = title;
    item.summary = "A consultation.";
    item.content = "{}";
    item.search_text = text;
    item.released_at = "2026-11-30T09:00:00.000000Z";
    return ReleaseItem(tx, item);
  }

  std::vector<std::string> Found(std::string_view typed, std::string* snippet = nullptr) {
    std::vector<std::string> out;
    EXPECT_THAT(db_->Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto hits, SearchReleased(tx, ParseSearchTerms(typed), 10));
      for (const auto& hit : hits) out.push_back(hit.item.slug);
      if (snippet && !hits.empty()) *snippet = hits.front().snippet;
      return OkStatus();
    }),
                IsOk());
    std::sort(out.begin(), out.end());
    return out;
  }
};

TEST_P(ReleasedSearch, AccentsDoNotCountOnEitherBackend) {
  EXPECT_THAT(Found("Zoe"), ElementsAre("1", "2"));
  EXPECT_THAT(Found("zo\u00eb"), ElementsAre("1", "2"));
  EXPECT_THAT(Found("mon"), ElementsAre("2"));
  EXPECT_THAT(Found("M\u00d4N"), ElementsAre("2")) << "only ASCII is lower-cased by the code";
  std::string snippet;
  EXPECT_THAT(Found("evans zoe", &snippet), ElementsAre("1"));
  EXPECT_THAT(snippet, HasSubstr("\x01Zo\u00eb\x02")) << "the snippet keeps what was released";
}

TEST_P(ReleasedSearch, OrBetweenWordsFindsEitherOnEitherBackend) {
  EXPECT_THAT(Found("wrexham cardiff"), IsEmpty()) << "every word, without OR";
  EXPECT_THAT(Found("wrexham OR cardiff"), ElementsAre("1", "2"));
  EXPECT_THAT(Found("wrexham OR cardiff zoe"), ElementsAre("1", "2"));
  EXPECT_THAT(Found("wrexham OR cardiff price"), ElementsAre("2"));
  EXPECT_THAT(Found("wrexham or cardiff"), IsEmpty()) << "lower-case or is a word";
  EXPECT_THAT(Found("cells OR NEAR(x*) \"y\""), IsEmpty()) << "nothing else is syntax";
}

TEST_P(ReleasedSearch, PhrasesInQuotesAndNotFindAsTypedOnEitherBackend) {
  EXPECT_THAT(Found("\"zoe evans\""), ElementsAre("1"));
  EXPECT_THAT(Found("\"evans zoe\""), IsEmpty()) << "a phrase keeps its order";
  EXPECT_THAT(Found("\"zoe price\" OR wrexham"), ElementsAre("1", "2"));
  EXPECT_THAT(Found("zoe NOT cardiff"), ElementsAre("1"));
  EXPECT_THAT(Found("zoe -\"zoe evans\""), ElementsAre("2"));
  EXPECT_THAT(Found("zoe -cells -cardiff"), IsEmpty());
}

// Rule welsh-released-with-english: a Welsh version waits for its English
// one and goes out with it, found by its own words.
TEST_P(ReleasedSearch, welsh_released_with_english_by_the_same_step_and_searched) {
  WelshVersion w;
  w.kind = std::string(kReleasedConsultation);
  w.record_id = 3;
  w.title = "Ymgynghoriad ar y rhaglen";
  w.summary = "Crynodeb.";
  w.text = "Dalfeydd yn Wrecsam";
  w.updated_by = 1;
  w.updated_at = "2026-11-30T09:00:00.000000Z";
  ASSERT_THAT(db_->Write([&](Transaction& tx) { return PutWelshVersion(tx, w).status(); }), IsOk());
  EXPECT_THAT(Found("wrecsam"), IsEmpty()) << "nothing before the English one";
  ASSERT_THAT(db_->Write([&](Transaction& tx) { return Release(tx, "3", "Custody", "Cells"); }),
              IsOk());
  EXPECT_THAT(Found("wrecsam"), ElementsAre("3"));
  ASSERT_THAT(db_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto cy, GetReleased(tx, kReleasedConsultation, "3", "cy"));
    EXPECT_TRUE(cy.has_value());
    if (cy) {
      EXPECT_EQ(cy->title, "Ymgynghoriad ar y rhaglen");
    }
    ASSIGN_OR_RETURN(auto en, GetReleased(tx, kReleasedConsultation, "3"));
    EXPECT_TRUE(en.has_value() && en->title == "Custody");
    ASSIGN_OR_RETURN(auto listed, ListReleased(tx, kReleasedConsultation));
    for (const auto& item : listed) EXPECT_EQ(item.language, "en") << "lists are English";
    return OkStatus();
  }),
              IsOk());
  // A stale save is refused.
  w.version = 0;
  EXPECT_THAT(db_->Write([&](Transaction& tx) { return PutWelshVersion(tx, w).status(); }),
              StatusIs(StatusCode::kAborted));
}

// A feed lists what changed most recently first: a report changes when an
// owner's response is released with it, and only so many are listed.
TEST_P(ReleasedSearch, a_feed_lists_the_most_recently_changed_first_and_only_so_many) {
  auto report = [](const std::string& slug, const std::string& at, const std::string& content) {
    ReleasedItem item;
    item.kind = std::string(kReleasedReport);
    item.slug = slug;
    item.title = "Report " + slug;
    item.summary = "A report.";
    item.content = content;
    item.released_at = at;
    return item;
  };
  ASSERT_THAT(db_->Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(ReleaseItem(tx, report("10", "2026-01-01T09:00:00.000000Z", "{}")));
    RETURN_IF_ERROR(ReleaseItem(
        tx, report("11", "2025-06-01T09:00:00.000000Z",
                   R"({"responses_at":"2026-03-01T09:00:00.000000Z","responses":{}})")));
    return ReleaseItem(tx, report("12", "2026-02-01T09:00:00.000000Z", "{}"));
  }),
              IsOk());
  ASSERT_THAT(db_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, ListReleasedByChange(tx, kReleasedReport, 10));
    std::vector<std::string> order;
    for (const auto& item : all) order.push_back(item.slug + " " + item.changed_at.substr(0, 10));
    EXPECT_THAT(order, ElementsAre("11 2026-03-01", "12 2026-02-01", "10 2026-01-01"));
    EXPECT_TRUE(all.empty() || all.front().content.empty()) << "without their content";
    ASSIGN_OR_RETURN(auto two, ListReleasedByChange(tx, kReleasedReport, 2));
    EXPECT_EQ(two.size(), 2u);
    // The sitemap's addresses: every item with when it changed, and no
    // content but a consultation's (set up with the fixture's two).
    ASSIGN_OR_RETURN(auto addresses, ListReleasedAddresses(tx));
    std::vector<std::string> listed;
    for (const auto& item : addresses) {
      listed.push_back(item.kind + " " + item.slug + " " + item.changed_at.substr(0, 10));
      EXPECT_EQ(item.content.empty(), item.kind != kReleasedConsultation) << item.slug;
      EXPECT_TRUE(item.search_text.empty());
    }
    EXPECT_THAT(listed, ::testing::UnorderedElementsAre(
                            "report 10 2026-01-01", "report 11 2026-03-01", "report 12 2026-02-01",
                            "consultation 1 2026-11-30", "consultation 2 2026-11-30"));
    return OkStatus();
  }),
              IsOk());
}

INSTANTIATE_TEST_SUITE_P(Backends, ReleasedSearch, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST_P(StoreContract, SqliteWritersTakeTheWriteLockInTheOrderTheyAsked) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "PostgreSQL writers lock rows, not the database";
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  bool first_in = false;
  std::vector<int> order;
  // The first writer holds the lock until told to let go.
  std::thread first([&] {
    EXPECT_THAT(db_->Write([&](Transaction& tx) -> Status {
      std::unique_lock lock(mu);
      first_in = true;
      cv.notify_all();
      cv.wait(lock, [&] { return release; });
      return tx.Execute("UPDATE row_counts SET n = n WHERE name = 'bodies'").status();
    }),
                IsOk());
  });
  {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return first_in; });
  }
  // Five more ask in turn, each well after the one before.
  std::vector<std::thread> waiting;
  for (int i = 0; i < 5; ++i) {
    waiting.emplace_back([&, i] {
      EXPECT_THAT(db_->Write([&](Transaction& tx) -> Status {
        {
          std::lock_guard lock(mu);
          order.push_back(i);
        }
        return tx.Execute("UPDATE row_counts SET n = n WHERE name = 'bodies'").status();
      }),
                  IsOk());
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
  }
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  first.join();
  for (auto& t : waiting) t.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST_P(StoreContract, PostgresCallersTakeThePoolsConnectionsInTheOrderTheyAsked) {
  if (GetParam() != "postgres") GTEST_SKIP() << "SQLite's writers have their own turns";
  std::string why;
  auto db = testing::NewTestDatabase("postgres", &why, 1);
  ASSERT_NE(db, nullptr) << why;
  std::mutex mu;
  std::vector<std::string> order;
  auto note = [&](const char* who) {
    std::lock_guard lock(mu);
    order.push_back(who);
  };
  std::atomic<bool> holding{false};
  // The first caller holds the one connection while another asks for it,
  // then asks again at once: the one that asked first goes first.
  std::thread first([&] {
    EXPECT_THAT(db->Read([&](Transaction& tx) -> Status {
      holding = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      return tx.Query("SELECT 1").status();
    }),
                IsOk());
    EXPECT_THAT(db->Read([&](Transaction& tx) -> Status {
      note("first, again");
      return tx.Query("SELECT 1").status();
    }),
                IsOk());
  });
  while (!holding) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::thread second([&] {
    EXPECT_THAT(db->Read([&](Transaction& tx) -> Status {
      note("second");
      return tx.Query("SELECT 1").status();
    }),
                IsOk());
  });
  first.join();
  second.join();
  EXPECT_EQ(order, (std::vector<std::string>{"second", "first, again"}));
}

TEST_P(StoreContract, PostgresStatementsArePreparedAgainOnAConnectionThatReplacedALostOne) {
  if (GetParam() != "postgres") GTEST_SKIP() << "SQLite has no connection to lose";
  std::string why;
  auto db = testing::NewTestDatabase("postgres", &why, 1);
  ASSERT_NE(db, nullptr) << why;
  const std::string sql = "SELECT n FROM row_counts WHERE name = ?";
  auto count = [&]() -> StatusOr<int64_t> {
    int64_t n = -1;
    RETURN_IF_ERROR(db->Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne(sql, {"bodies"}, "count"));
      n = row.Int(0);
      return OkStatus();
    }));
    return n;
  };
  ASSERT_THAT(count().status(), IsOk());  // prepared on the pool's one connection
  // The server ends that connection (as a restart or a network fault would).
  EXPECT_FALSE(db->Read([&](Transaction& tx) {
                   return tx.Query("SELECT pg_terminate_backend(pg_backend_pid())").status();
                 }).ok());
  // The next caller gets a new connection, where the statement is prepared again.
  auto again = count();
  ASSERT_THAT(again.status(), IsOk());
  EXPECT_EQ(*again, 0);
  ASSERT_THAT(count().status(), IsOk());
}

TEST_P(StoreContract, AThreadsOwnReaderSeesEveryCommitAndNeverWaitsForThePool) {
  if (!db_->ReserveReaderForThisThread()) {
    EXPECT_EQ(GetParam(), "postgres") << "SQLite on a file gives a thread its own reader";
    GTEST_SKIP() << "PostgreSQL reads through its pool";
  }
  EXPECT_TRUE(db_->ReserveReaderForThisThread()) << "asking again keeps the one it has";
  auto count = [&] {
    int64_t n = -1;
    EXPECT_THAT(db_->Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne("SELECT count(*) FROM bodies", {}, "count"));
      n = row.Int(0);
      return OkStatus();
    }),
                IsOk());
    return n;
  };
  const int64_t before = count();
  Insert(Body("OWN-1"));
  EXPECT_EQ(count(), before + 1) << "a write through the pool is seen at once";
  // Every pooled connection is held by a reader that waits; this thread
  // still reads, and a read inside its read takes one from the pool when
  // one is free again.
  std::mutex mu;
  std::condition_variable cv;
  int holding = 0;
  bool release = false;
  constexpr int kPool = 4;  // NewTestDatabase's pool
  std::vector<std::thread> holders;
  for (int i = 0; i < kPool; ++i) {
    holders.emplace_back([&] {
      EXPECT_THAT(db_->Read([&](Transaction&) -> Status {
        std::unique_lock lock(mu);
        ++holding;
        cv.notify_all();
        cv.wait(lock, [&] { return release; });
        return OkStatus();
      }),
                  IsOk());
    });
  }
  {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return holding == kPool; });
  }
  EXPECT_EQ(count(), before + 1);
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  for (auto& t : holders) t.join();
  int64_t nested = -1;
  EXPECT_THAT(db_->Read([&](Transaction&) -> Status {
    nested = count();
    return OkStatus();
  }),
              IsOk());
  EXPECT_EQ(nested, before + 1);
  // Another thread has no reader of its own until it asks for one.
  std::thread other([&] { EXPECT_EQ(count(), before + 1); });
  other.join();
}

TEST_P(StoreContract, UnfilteredTotalMatchesTheRowsThroughCommitsAndRollbacks) {
  auto totals = [&] {
    int64_t kept = 0, counted = 0;
    EXPECT_TRUE(db_->Read([&](Transaction& tx) -> Status {
                     ASSIGN_OR_RETURN(auto page, ListBodies(tx, BodyQuery{}));
                     kept = page.total;
                     ASSIGN_OR_RETURN(SqlRow row,
                                      tx.QueryOne("SELECT count(*) FROM bodies", {}, "n"));
                     counted = row.Int(0);
                     return OkStatus();
                   })
                    .ok());
    return std::pair{kept, counted};
  };
  Insert(Body("HMP-K1"));
  Insert(Body("HMP-K2"));
  EXPECT_EQ(totals(), (std::pair<int64_t, int64_t>(2, 2)));
  EXPECT_FALSE(db_->Write([&](Transaction& tx) -> Status {
                    RETURN_IF_ERROR(InsertBody(tx, Body("HMP-K3"), "t").status());
                    return Aborted("changed my mind");
                  })
                   .ok());
  ASSERT_THAT(db_->Write([](Transaction& tx) {
    return tx.Execute("DELETE FROM bodies WHERE code = 'HMP-K1'").status();
  }),
              IsOk());
  EXPECT_EQ(totals(), (std::pair<int64_t, int64_t>(1, 1)));
}

// Any described record: insert, get, list with a filter and a page done in
// SQL, a versioned update refused when stale, delete.
TEST_P(StoreContract, DescribedRecordsAreStoredFromTheirDescription) {
  ASSERT_THAT(Migrate(*db_, clock_), IsOk());
  const RecordType<Contact>& type = ContactRecord();
  ASSERT_THAT(db_->Write([&](Transaction& tx) -> Status {
    for (int i = 0; i < 5; ++i) {
      Contact c;
      c.name = "Person " + std::to_string(i);
      c.organisation = i % 2 ? "Odd" : "Even";
      c.email = "p" + std::to_string(i) + "@example.org";
      c.type = i == 4 ? ContactType::kAcademic : ContactType::kGovernment;
      RETURN_IF_ERROR(InsertRecord(tx, type, c, "2026-11-30T10:00:00Z").status());
    }
    return OkStatus();
  }),
              IsOk());
  ASSERT_THAT(db_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(
        auto even,
        ListRecords(tx, type, {.equal = {{"organisation", "Even"}}, .limit = 2, .offset = 1}));
    EXPECT_EQ(even.total, 3);
    EXPECT_EQ(even.items.size(), 2u);
    ASSIGN_OR_RETURN(auto academic, ListRecords(tx, type, {.equal = {{"type", "academic"}}}));
    EXPECT_EQ(academic.total, 1);
    Contact c = academic.items.at(0);
    EXPECT_EQ(c.type, ContactType::kAcademic);
    EXPECT_EQ(c.version, 1);
    c.name = "Professor";
    ASSIGN_OR_RETURN(int64_t next, UpdateRecord(tx, type, c, "2026-11-30T11:00:00Z"));
    EXPECT_EQ(next, 2);
    EXPECT_EQ(UpdateRecord(tx, type, c, "2026-11-30T12:00:00Z").status().code(),
              StatusCode::kAborted);
    ASSIGN_OR_RETURN(Contact again, GetRecord(tx, type, c.id));
    EXPECT_EQ(again.name, "Professor");
    EXPECT_EQ(DeleteRecord(tx, type, c.id, 1).code(), StatusCode::kAborted);
    RETURN_IF_ERROR(DeleteRecord(tx, type, c.id, 2));
    EXPECT_EQ(GetRecord(tx, type, c.id).status().code(), StatusCode::kNotFound);
    EXPECT_EQ(ListRecords(tx, type, {.equal = {{"no_such_field", 1}}}).status().code(),
              StatusCode::kInvalidArgument);
    return OkStatus();
  }),
              IsOk());
}

TEST_P(StoreContract, AuditLogIsAppendOnly) {
  AuditEntry e;
  e.at = "2026-11-23T10:00:00Z";
  e.actor = "system";
  e.action = "create";
  e.entity_type = "body";
  e.entity_id = 1;
  e.after_json = "{}";
  ASSERT_THAT(db_->Write([&](Transaction& tx) { return AppendAudit(tx, e).status(); }), IsOk());
  ASSERT_THAT(db_->Write([&](Transaction& tx) { return AppendAudit(tx, e).status(); }), IsOk());
  EXPECT_THAT(db_->Write([](Transaction& tx) {
    return tx.Execute("UPDATE audit_log SET actor = 'forger' WHERE seq = 1").status();
  }),
              StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_THAT(db_->Write([](Transaction& tx) {
    return tx.Execute("DELETE FROM audit_log WHERE seq = 2").status();
  }),
              StatusIs(StatusCode::kFailedPrecondition));
  ASSERT_THAT(db_->Read([](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(AuditHead head, GetAuditHead(tx));
    ASSIGN_OR_RETURN(auto all, AllAudit(tx));
    EXPECT_EQ(head.seq, 2);
    EXPECT_EQ(all.size(), 2u);
    EXPECT_TRUE(VerifyAuditChain(all, head.seq, head.hash).ok);
    return OkStatus();
  }),
              IsOk());
}

TEST_P(StoreContract, UsersSessionsAndTokens) {
  User u;
  u.email = "a@example.gov.uk";
  u.name = "A Person";
  u.roles = {Role::kInspector, Role::kLeadInspector};
  ASSERT_THAT(db_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(u.id, InsertUser(tx, u, "hash", "t"));
    RETURN_IF_ERROR(InsertSession(tx, "sess-hash", u.id, "csrf", "t", 99));
    return InsertApiToken(tx, u.id, "script", "tok-hash", "jly_abc", "t").status();
  }),
              IsOk());
  ASSERT_THAT(db_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto found, FindUserByEmail(tx, "a@example.gov.uk"));
    EXPECT_TRUE(found.has_value());
    EXPECT_EQ(found->user.roles.size(), 2u);
    ASSIGN_OR_RETURN(auto session, FindSession(tx, "sess-hash"));
    EXPECT_EQ(session->csrf_token, "csrf");
    ASSIGN_OR_RETURN(auto owner, FindUserByApiToken(tx, "tok-hash"));
    EXPECT_EQ(owner->id, u.id);
    // Roles are read in their order, each once.
    std::vector<Role> roles = u.roles;
    std::sort(roles.begin(), roles.end());
    EXPECT_EQ(owner->roles, roles);
    // The session and its user with every role, read in one statement.
    ASSIGN_OR_RETURN(auto with_user, FindSessionWithUser(tx, "sess-hash"));
    EXPECT_TRUE(with_user.has_value());
    EXPECT_EQ(with_user->session.user_id, u.id);
    EXPECT_EQ(with_user->session.csrf_token, "csrf");
    EXPECT_EQ(with_user->session.expires_at, 99);
    EXPECT_EQ(with_user->user.email, "a@example.gov.uk");
    EXPECT_EQ(with_user->user.roles, roles);
    ASSIGN_OR_RETURN(User by_id, GetUser(tx, u.id));
    EXPECT_EQ(by_id.roles, roles);
    ASSIGN_OR_RETURN(auto none, FindSessionWithUser(tx, "no-such-hash"));
    EXPECT_FALSE(none.has_value());
    EXPECT_THAT(GetUser(tx, u.id + 1000).status(), StatusIs(StatusCode::kNotFound));
    return OkStatus();
  }),
              IsOk());
  // A user with no role is read once, with no roles.
  User plain;
  plain.email = "b@example.gov.uk";
  plain.name = "B Person";
  ASSERT_THAT(db_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(plain.id, InsertUser(tx, plain, "hash", "t"));
    return InsertSession(tx, "plain-hash", plain.id, "csrf2", "t", 7);
  }),
              IsOk());
  ASSERT_THAT(db_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto found, FindSessionWithUser(tx, "plain-hash"));
    EXPECT_TRUE(found.has_value());
    EXPECT_EQ(found->user.id, plain.id);
    EXPECT_TRUE(found->user.roles.empty());
    ASSIGN_OR_RETURN(User by_id, GetUser(tx, plain.id));
    EXPECT_TRUE(by_id.roles.empty());
    return OkStatus();
  }),
              IsOk());
  EXPECT_THAT(db_->Write([&](Transaction& tx) { return InsertUser(tx, u, "h", "t").status(); }),
              StatusIs(StatusCode::kAlreadyExists));
}

TEST_P(StoreContract, BackupMakesAConsistentCopy) {
  Insert(Body("HMP-BACKUP"));
  const auto path =
      std::filesystem::temp_directory_path() /
      ("jointly-backup-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
       GetParam() + ".db");
  std::filesystem::remove(path);
  Status s = db_->Backup(path.string());
  if (GetParam() == "postgres") {
    EXPECT_THAT(s, StatusIs(StatusCode::kFailedPrecondition));
    EXPECT_NE(s.message().find("pg_dump"), std::string::npos);
    return;
  }
  ASSERT_THAT(s, IsOk());
  {
    auto copy = OpenSqliteDatabase(path.string(), DatabaseOptions{});
    ASSERT_TRUE(copy.ok());
    EXPECT_THAT((*copy)->Read([](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto found, FindBodyByCode(tx, "HMP-BACKUP"));
      EXPECT_TRUE(found.has_value());
      return OkStatus();
    }),
                IsOk());
  }
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path.string() + suffix);
  }
}

TEST_P(StoreContract, BankHolidaysAreReplacedYearByYear) {
  const auto d = [](const char* iso) { return *Date::Parse(iso); };
  ASSERT_THAT(db_->Write([&](Transaction& tx) {
    return ReplaceBankHolidayYears(tx,
                                   {{d("2030-12-25"), "Christmas Day"},
                                    {d("2030-12-26"), "Boxing Day"},
                                    {d("2031-01-01"), "New Year's Day"}},
                                   -1, "2029-06-01T10:00:00Z");
  }),
              IsOk());
  // A corrected 2030 replaces the whole year and leaves 2031 alone.
  ASSERT_THAT(db_->Write([&](Transaction& tx) {
    return ReplaceBankHolidayYears(tx, {{d("2030-05-06"), "A one-off holiday"}}, 7,
                                   "2029-07-01T10:00:00Z");
  }),
              IsOk());
  ASSERT_THAT(db_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, ListBankHolidays(tx));
    EXPECT_EQ(all, (std::vector<BankHoliday>{{d("2030-05-06"), "A one-off holiday"},
                                             {d("2031-01-01"), "New Year's Day"}}));
    ASSIGN_OR_RETURN(auto year, ListBankHolidays(tx, 2031));
    EXPECT_EQ(year, (std::vector<BankHoliday>{{d("2031-01-01"), "New Year's Day"}}));
    ASSIGN_OR_RETURN(auto none, ListBankHolidays(tx, 2032));
    EXPECT_TRUE(none.empty());
    return OkStatus();
  }),
              IsOk());
  // The same date twice in one year is refused by the table, and the
  // failed transaction leaves what was there.
  EXPECT_THAT(db_->Write([&](Transaction& tx) {
    return ReplaceBankHolidayYears(
        tx, {{d("2031-01-01"), "New Year's Day"}, {d("2031-01-01"), "Again"}}, -1,
        "2029-08-01T10:00:00Z");
  }),
              StatusIs(StatusCode::kAlreadyExists));
  ASSERT_THAT(db_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto year, ListBankHolidays(tx, 2031));
    EXPECT_EQ(year.size(), 1u);
    return OkStatus();
  }),
              IsOk());
}

TEST_P(StoreContract, PeakLeavePeriodsAreReplacedYearByYear) {
  const auto d = [](const char* iso) { return *Date::Parse(iso); };
  ASSERT_THAT(db_->Write([&](Transaction& tx) {
    return SavePeakLeaveYears(tx,
                              {{"Summer 2040", d("2040-07-20"), d("2040-08-31")},
                               {"Christmas 2040", d("2040-12-20"), d("2041-01-02")},
                               {"Easter 2041", d("2041-04-06"), d("2041-04-21")}},
                              -1, "2039-06-01T10:00:00Z");
  }),
              IsOk());
  // A changed 2040 replaces the whole year (Christmas 2040 too, though it
  // ends in 2041) and leaves 2041 alone.
  ASSERT_THAT(db_->Write([&](Transaction& tx) {
    return SavePeakLeaveYears(tx, {{"Summer 2040", d("2040-07-13"), d("2040-09-04")}}, 7,
                              "2039-07-01T10:00:00Z");
  }),
              IsOk());
  ASSERT_THAT(db_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, ListPeakLeavePeriods(tx));
    EXPECT_EQ(all,
              (std::vector<PeakLeavePeriod>{{"Summer 2040", d("2040-07-13"), d("2040-09-04")},
                                            {"Easter 2041", d("2041-04-06"), d("2041-04-21")}}));
    ASSIGN_OR_RETURN(auto year, ListPeakLeavePeriods(tx, 2041));
    EXPECT_EQ(year.size(), 1u);
    ASSIGN_OR_RETURN(auto none, ListPeakLeavePeriods(tx, 2042));
    EXPECT_TRUE(none.empty());
    return OkStatus();
  }),
              IsOk());
  // A name twice in one year is refused by the table, and nothing changes.
  EXPECT_THAT(db_->Write([&](Transaction& tx) {
    return SavePeakLeaveYears(tx,
                              {{"Easter 2041", d("2041-04-06"), d("2041-04-21")},
                               {"Easter 2041", d("2041-04-07"), d("2041-04-22")}},
                              -1, "2039-08-01T10:00:00Z");
  }),
              StatusIs(StatusCode::kAlreadyExists));
  ASSERT_THAT(db_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto year, ListPeakLeavePeriods(tx, 2041));
    EXPECT_EQ(year,
              (std::vector<PeakLeavePeriod>{{"Easter 2041", d("2041-04-06"), d("2041-04-21")}}));
    return OkStatus();
  }),
              IsOk());
}

// A transaction that keeps the plan of every SELECT it runs: EXPLAIN on
// PostgreSQL, EXPLAIN QUERY PLAN on SQLite, with the same parameters.
class PlanRecorder final : public Transaction {
 public:
  explicit PlanRecorder(Transaction& tx) : tx_(tx) {}
  Dialect dialect() const override { return tx_.dialect(); }
  StatusOr<std::vector<SqlRow>> Query(std::string_view sql, const SqlParams& params) override {
    if (sql.starts_with("SELECT")) {
      const bool sqlite = dialect() == Dialect::kSqlite;
      ASSIGN_OR_RETURN(
          auto plan,
          tx_.Query((sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + std::string(sql), params));
      std::string lines;
      for (const auto& r : plan) lines += r.Text(sqlite ? 3 : 0) + "\n";
      plans.emplace_back(std::string(sql), lines);
    }
    return tx_.Query(sql, params);
  }
  StatusOr<int64_t> Execute(std::string_view sql, const SqlParams& params) override {
    return tx_.Execute(sql, params);
  }
  Status ExecuteScript(std::string_view sql) override { return tx_.ExecuteScript(sql); }

  std::vector<std::pair<std::string, std::string>> plans;  // SQL, plan

 private:
  Transaction& tx_;
};

// Whether a plan reads one of the tables that grow with the years row by
// row from its start, instead of finding rows on an index. On SQLite a
// table is its own index by id (rowid): a page in id order that scans it
// stops at the page's end.
bool ScansALargeTable(Dialect dialect, const std::string& sql, const std::string& plan) {
  if (dialect == Dialect::kSqlite && sql.find("ORDER BY id LIMIT") != std::string::npos) {
    return false;
  }
  for (const char* table : {"bodies", "proposals", "audit_log", "scores", "proposal_participants",
                            "proposal_focus", "proposal_clashes"}) {
    const std::string name = table;
    if (dialect == Dialect::kPostgres) {
      for (size_t at = plan.find("Seq Scan on " + name); at != std::string::npos;
           at = plan.find("Seq Scan on " + name, at + 1)) {
        const char after = plan[at + 12 + name.size()];
        if (after == ' ' || after == '\n') return true;
      }
    } else {
      std::istringstream lines(plan);
      for (std::string line; std::getline(lines, line);) {
        if (line.find("USING") != std::string::npos) continue;
        if (line == "SCAN " + name || line.starts_with("SCAN " + name + " ") ||
            (name == "proposals" && line == "SCAN p")) {
          return true;
        }
      }
    }
  }
  return false;
}

// A list filtered by type alone takes its total from the counts kept by
// type: right after bodies are added, change type and are removed.
TEST_P(StoreContract, ATypesTotalIsKeptAsBodiesComeChangeAndGo) {
  std::vector<int64_t> prisons;
  for (int i = 0; i < 5; ++i) prisons.push_back(Insert(Body("COUNT-" + std::to_string(i))));
  InspectedBody force = Body("COUNT-POLICE");
  force.type = BodyType::kPoliceForce;
  Insert(force);
  auto totals = [&]() {
    std::map<std::string, int64_t> out;
    EXPECT_THAT(db_->Read([&](Transaction& tx) -> Status {
      for (BodyType type : {BodyType::kPrison, BodyType::kPoliceForce, BodyType::kCpsArea}) {
        BodyQuery by_type;
        by_type.type = type;
        ASSIGN_OR_RETURN(auto page, ListBodies(tx, by_type));
        // The same filter with another, counted row by row.
        by_type.active = true;
        ASSIGN_OR_RETURN(auto counted, ListBodies(tx, by_type));
        EXPECT_EQ(page.total, counted.total) << BodyTypeId(type);
        out[std::string(BodyTypeId(type))] = page.total;
      }
      return OkStatus();
    }),
                IsOk());
    return out;
  };
  EXPECT_EQ(totals(),
            (std::map<std::string, int64_t>{{"prison", 5}, {"police_force", 1}, {"cps_area", 0}}));
  ASSERT_THAT(db_->Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto b, GetBody(tx, prisons[0]));
    b.type = BodyType::kPoliceForce;
    RETURN_IF_ERROR(UpdateBody(tx, b, "t").status());
    ASSIGN_OR_RETURN(auto same, GetBody(tx, prisons[1]));
    same.name = "Renamed, type unchanged";
    RETURN_IF_ERROR(UpdateBody(tx, same, "t").status());
    return tx.Execute("DELETE FROM bodies WHERE id = ?", {prisons[2]}).status();
  }),
              IsOk());
  EXPECT_EQ(totals(),
            (std::map<std::string, int64_t>{{"prison", 3}, {"police_force", 2}, {"cps_area", 0}}));
}

// Scores are read for a page of proposals: each proposal's, by
// inspectorate in id order, only on the criteria of the set asked for.
TEST_P(StoreContract, APagesScoresAreEachProposalsOnTheSetByInspectorate) {
  ASSERT_THAT(db_->Write([&](Transaction& tx) -> Status {
    std::vector<int64_t> inspectorates;
    for (const char* code : {"FIRST", "SECOND"}) {
      Inspectorate i;
      i.code = code;
      i.short_name = code;
      i.full_name = code;
      ASSIGN_OR_RETURN(int64_t id, InsertInspectorate(tx, i, "t"));
      inspectorates.push_back(id);
    }
    const int64_t first = std::min(inspectorates[0], inspectorates[1]);
    const int64_t second = std::max(inspectorates[0], inspectorates[1]);
    User u;
    u.email = "scorer@example.gov.uk";
    u.name = "Scorer";
    ASSIGN_OR_RETURN(u.id, InsertUser(tx, u, "hash", "t"));
    CriteriaSet one, other;
    one.code = "one";
    one.name = "One";
    one.criteria = {{0, "Risk", "", 0.5}, {0, "Reach", "", 0.5}};
    other.code = "other";
    other.name = "Other";
    other.criteria = {{0, "Cost", "", 1}};
    RETURN_IF_ERROR(InsertCriteriaSet(tx, one, "t").status());
    RETURN_IF_ERROR(InsertCriteriaSet(tx, other, "t").status());
    std::vector<int64_t> proposals;
    for (int i = 0; i < 3; ++i) {
      Proposal p;
      p.title = "Scored " + std::to_string(i);
      ASSIGN_OR_RETURN(int64_t id, InsertProposal(tx, p, "t"));
      proposals.push_back(id);
    }
    // The second inspectorate scores first, and on both sets.
    for (int64_t proposal : proposals) {
      for (int64_t inspectorate : {second, first}) {
        RepresentativeScore score{inspectorate, u.id, {}, 0};
        for (const auto& c : one.criteria) score.scores[c.id] = static_cast<int>(proposal % 5);
        RETURN_IF_ERROR(SaveScores(tx, proposal, one, score, "t"));
        RepresentativeScore cost{inspectorate, u.id, {{other.criteria[0].id, 1}}, 0};
        RETURN_IF_ERROR(SaveScores(tx, proposal, other, cost, "t"));
      }
    }
    ASSIGN_OR_RETURN(auto page, ScoresOfProposals(tx, one, {proposals[2], proposals[0]}));
    EXPECT_EQ(page.size(), 2u);
    for (int64_t proposal : {proposals[0], proposals[2]}) {
      const auto& scores = page[proposal];
      EXPECT_EQ(scores.size(), 2u);
      if (scores.size() != 2) continue;
      EXPECT_EQ(scores[0].inspectorate_id, first);
      EXPECT_EQ(scores[1].inspectorate_id, second);
      EXPECT_EQ(scores[0].user_id, u.id);
      const CriterionScores expected = {{one.criteria[0].id, static_cast<int>(proposal % 5)},
                                        {one.criteria[1].id, static_cast<int>(proposal % 5)}};
      EXPECT_EQ(scores[0].scores, expected);
      EXPECT_EQ(scores[1].scores, expected);
    }
    ASSIGN_OR_RETURN(auto all, ScoresBySet(tx, other));
    EXPECT_EQ(all.size(), 3u);
    EXPECT_EQ(all[proposals[1]].size(), 2u);
    EXPECT_EQ(all[proposals[1]][0].scores.size(), 1u);
    return OkStatus();
  }),
              IsOk());
}

TEST_P(StoreContract, HotQueriesFindTheirRowsOnIndexes) {
  for (int i = 0; i < 60; ++i) {
    InspectedBody b = Body("PLAN-" + std::to_string(i));
    if (i % 2) b.type = BodyType::kPoliceForce;
    Insert(b);
  }
  ASSERT_THAT(db_->Write([&](Transaction& tx) -> Status {
    // PostgreSQL reads a small table whole whatever its indexes; forbidding
    // that shows whether an index could serve each query at ten years' size.
    if (tx.dialect() == Dialect::kPostgres) {
      RETURN_IF_ERROR(tx.Execute("SET LOCAL enable_seqscan = off").status());
    }
    for (int i = 0; i < 5; ++i) {
      AuditEntry e;
      e.at = "2026-11-23T10:00:0" + std::to_string(i) + "Z";
      e.actor = "someone@example.gov.uk";
      e.action = "update";
      e.entity_type = "proposal";
      e.entity_id = 1;
      RETURN_IF_ERROR(AppendAudit(tx, e).status());
    }
    int64_t proposal = 0;
    for (int i = 0; i < 30; ++i) {
      Proposal p;
      p.title = "Plan proposal " + std::to_string(i);
      ASSIGN_OR_RETURN(proposal, InsertProposal(tx, p, "2026-11-23T10:00:00Z"));
    }
    PlanRecorder plans(tx);
    ProposalFilter filter;
    RETURN_IF_ERROR(ListProposals(plans, filter, 0, 20, 0).status());  // the long-list
    filter.after = proposal - 10;
    RETURN_IF_ERROR(ListProposals(plans, filter, 0, 20, 0).status());  // a later page
    filter.status = ProposalStatus::kLongList;
    RETURN_IF_ERROR(ListProposals(plans, filter, 0, 20, 0).status());  // a filter
    RETURN_IF_ERROR(GetProposal(plans, proposal).status());            // one proposal
    BodyQuery q;
    RETURN_IF_ERROR(ListBodies(plans, q).status());  // the first page
    q.offset = 40;
    RETURN_IF_ERROR(ListBodies(plans, q).status());  // a deep page by offset
    q.offset = 0;
    q.after = 5;
    RETURN_IF_ERROR(ListBodies(plans, q).status());  // and by keyset
    q.after = 0;
    q.type = BodyType::kPoliceForce;
    RETURN_IF_ERROR(ListBodies(plans, q).status());  // a filter
    q.offset = 20;
    RETURN_IF_ERROR(ListBodies(plans, q).status());
    q = BodyQuery{};
    q.search = "plan 4";
    RETURN_IF_ERROR(ListBodies(plans, q).status());  // a search
    RETURN_IF_ERROR(FindBodiesByCode(plans, {"PLAN-1", "PLAN-2"}).status());
    AuditFilter history;
    history.entity_type = "proposal";
    history.entity_id = 1;
    RETURN_IF_ERROR(ListAudit(plans, {}, 20, 0).status());  // the audit page
    RETURN_IF_ERROR(ListAudit(plans, {}, 20, 3).status());
    RETURN_IF_ERROR(ListAudit(plans, history, 20, 0).status());
    RETURN_IF_ERROR(AuditOf(plans, "proposal", 1).status());  // a proposal's history
    EXPECT_FALSE(plans.plans.empty());
    for (const auto& [sql, plan] : plans.plans) {
      EXPECT_FALSE(ScansALargeTable(tx.dialect(), sql, plan)) << sql << "\n" << plan;
    }
    return OkStatus();
  }),
              IsOk());
}

// R11: spokespeople typed in by name before they were chosen from the
// people (migration 0048) are each linked to the one person of their
// inspectorate with that name who is its Chief Inspector or an HM
// Inspector; any other stays as typed, with no person, and is still read.
TEST_P(StoreContract, R11_spokespeople_typed_in_before_they_were_chosen_are_linked_when_one_fits) {
  std::string linking;
  for (const auto& [path, text] : embedded::Migrations()) {
    if (path.ends_with("0048_spokespeople_from_people.sql")) {
      linking = std::string(text.substr(text.find("UPDATE inspection_spokespeople")));
    }
  }
  ASSERT_FALSE(linking.empty());
  std::map<std::string, int64_t> user;
  std::vector<int64_t> rows;
  ASSERT_THAT(db_->Write([&](Transaction& tx) -> Status {
    std::map<std::string, int64_t> inspectorate;
    for (const char* code : {"POLICE", "CPS"}) {
      ASSIGN_OR_RETURN(SqlRow r, tx.QueryOne("INSERT INTO inspectorates (code, short_name, "
                                             "full_name, kind, findings, updated_at) VALUES (?, "
                                             "?, ?, 'criminal_justice', 'recommendations', 't') "
                                             "RETURNING id",
                                             {code, code, code}, "inspectorate"));
      inspectorate[code] = r.Int(0);
    }
    const struct {
      const char* key;
      const char* name;
      const char* of;
      Role role;
    } people[] = {{"rogers", "Anthony Rogers", "CPS", Role::kChiefInspector},
                  {"smith1", "Sam Smith", "POLICE", Role::kHmInspector},
                  {"smith2", "Sam Smith", "POLICE", Role::kHmInspector},
                  {"lead", "Lee Lead", "CPS", Role::kLeadInspector},
                  {"cooke", "Andy Cooke", "CPS", Role::kChiefInspector}};
    for (const auto& p : people) {
      User u;
      u.email = std::string(p.key) + "@example.gov.uk";
      u.name = p.name;
      u.inspectorate_id = inspectorate[p.of];
      u.roles = {p.role};
      ASSIGN_OR_RETURN(user[p.key], InsertUser(tx, u, "hash", "t"));
    }
    ASSIGN_OR_RETURN(SqlRow i, tx.QueryOne("INSERT INTO inspections (title, lead_inspectorate_id, "
                                           "started_on, updated_at) VALUES ('Joint', ?, "
                                           "'2026-01-05', 't') RETURNING id",
                                           {inspectorate["POLICE"]}, "inspection"));
    const std::vector<std::tuple<const char*, const char*, const char*>> typed = {
        {"CPS", " anthony ROGERS ", "chief_inspector"},  // the one person: linked
        {"POLICE", "Sam Smith", "hm_inspector"},         // two of that name: not
        {"CPS", "Lee Lead", "hm_inspector"},             // not a CI or HMI: not
        {"POLICE", "Andy Cooke", "chief_inspector"},     // of another inspectorate: not
        {"CPS", "A press officer", "other"}};            // nobody: not
    for (const auto& [of, name, role] : typed) {
      ASSIGN_OR_RETURN(SqlRow r,
                       tx.QueryOne("INSERT INTO inspection_spokespeople (inspection_id, "
                                   "inspectorate_id, spokesperson, role, updated_at) "
                                   "VALUES (?, ?, ?, ?, 't') RETURNING id",
                                   {i.Int(0), inspectorate[of], name, role}, "spokesperson"));
      rows.push_back(r.Int(0));
    }
    return tx.ExecuteScript(linking);
  }),
              IsOk());
  ASSERT_THAT(db_->Read([&](Transaction& tx) -> Status {
    std::vector<std::optional<int64_t>> linked;
    for (int64_t id : rows) {
      ASSIGN_OR_RETURN(Spokesperson s, GetRecord(tx, SpokespersonRecord(), id));
      linked.push_back(s.user_id);
    }
    EXPECT_EQ(linked, (std::vector<std::optional<int64_t>>{
                          user["rogers"], std::nullopt, std::nullopt, std::nullopt, std::nullopt}));
    ASSIGN_OR_RETURN(Spokesperson typed, GetRecord(tx, SpokespersonRecord(), rows[4]));
    EXPECT_EQ(typed.spokesperson, "A press officer");
    EXPECT_EQ(typed.role, SpokespersonRole::kOther);
    EXPECT_FALSE(SpeaksForInspectorate(typed));
    return OkStatus();
  }),
              IsOk());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST(Placeholders, RewrittenOutsideQuotes) {
  EXPECT_EQ(RewritePlaceholders("a = ? AND b = '?' AND c = ?"), "a = $1 AND b = '?' AND c = $2");
}

}  // namespace
}  // namespace jointly
