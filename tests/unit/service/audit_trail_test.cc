// The audit trail at scale: verification reads the log in chunks, starts
// from a checkpoint, and still finds tampering before and after it; the
// log is listed a page at a time. Every test runs on SQLite and PostgreSQL.
#include "service/audit_trail.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "store/audit_store.h"
#include "tests/fakes/test_database.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

// Forwards every call and remembers the most rows any one query on the
// audit log returned.
class LargestReadTransaction : public Transaction {
 public:
  LargestReadTransaction(Transaction& inner, int64_t& largest) : inner_(inner), largest_(largest) {}
  Dialect dialect() const override { return inner_.dialect(); }
  StatusOr<std::vector<SqlRow>> Query(std::string_view sql, const SqlParams& params) override {
    auto rows = inner_.Query(sql, params);
    if (rows.ok() && sql.find("audit_log") != std::string_view::npos) {
      largest_ = std::max(largest_, static_cast<int64_t>(rows->size()));
    }
    return rows;
  }
  StatusOr<int64_t> Execute(std::string_view sql, const SqlParams& params) override {
    return inner_.Execute(sql, params);
  }
  Status ExecuteScript(std::string_view sql) override { return inner_.ExecuteScript(sql); }

 private:
  Transaction& inner_;
  int64_t& largest_;
};

class LargestReadDatabase : public Database {
 public:
  explicit LargestReadDatabase(Database& inner) : inner_(inner) {}
  Dialect dialect() const override { return inner_.dialect(); }
  Status Write(const std::function<Status(Transaction&)>& body) override {
    return inner_.Write([&](Transaction& tx) {
      LargestReadTransaction t(tx, largest);
      return body(t);
    });
  }
  Status Read(const std::function<Status(Transaction&)>& body) override {
    return inner_.Read([&](Transaction& tx) {
      LargestReadTransaction t(tx, largest);
      return body(t);
    });
  }
  Status Backup(const std::string& path) override { return inner_.Backup(path); }

  int64_t largest = 0;

 private:
  Database& inner_;
};

Caller Admin() {
  Caller c;
  c.user_id = 1;
  c.email = "admin@example.gov.uk";
  c.roles = {Role::kAdministrator};
  c.active = true;
  return c;
}

class AuditTrail : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string why;
    db_ = testing::NewTestDatabase(GetParam(), &why);
    if (!db_) GTEST_SKIP() << why;
  }

  // Appends `n` entries, alternating two people and three records, a day
  // apart from 2026-01-01 on.
  void Append(int n) {
    ASSERT_THAT(db_->Write([&](Transaction& tx) -> Status {
      for (int i = 0; i < n; ++i) {
        AuditEntry e;
        e.at = Date::ParseOrNone("2026-01-01").AddDays(i / 100).ToIso() + "T10:00:00Z";
        e.actor_id = 1 + i % 2;
        e.actor = i % 2 ? "b@example.gov.uk" : "a@example.gov.uk";
        e.action = "update";
        e.entity_type = i % 3 ? "body" : "user";
        e.entity_id = 1 + i % 3;
        e.after_json = R"({"n":)" + std::to_string(i) + "}";
        RETURN_IF_ERROR(AppendAudit(tx, std::move(e)).status());
      }
      return OkStatus();
    }),
                IsOk());
  }

  // Someone with direct access to the database edits entry `seq`.
  void Tamper(int64_t seq) {
    ASSERT_THAT(db_->Write([&](Transaction& tx) -> Status {
      RETURN_IF_ERROR(tx.ExecuteScript(
          GetParam() == "sqlite" ? "DROP TRIGGER IF EXISTS audit_log_no_update"
                                 : "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"));
      return tx.Execute("UPDATE audit_log SET actor = 'forger' WHERE seq = ?", {seq}).status();
    }),
                IsOk());
  }

  std::unique_ptr<Database> db_;
};

TEST_P(AuditTrail, VerificationReadsTheLogInChunksNeverWhole) {
  Append(2500);
  LargestReadDatabase counting(*db_);
  auto v = VerifyAuditTrail(counting, Admin(), std::nullopt, AuditScope::kFull, 300);
  ASSERT_THAT(v, IsOk());
  EXPECT_TRUE(v->ok) << v->reason;
  EXPECT_EQ(v->checked, 2500);
  EXPECT_EQ(v->checkpoint, 0);
  EXPECT_GT(counting.largest, 0);
  EXPECT_LE(counting.largest, 300) << "the whole log was read at once";
}

TEST_P(AuditTrail, ChunksFindTamperingAnywhere) {
  Append(1000);
  Tamper(300);  // the last entry of the first chunk
  auto v = VerifyAuditTrail(*db_, Admin(), std::nullopt, AuditScope::kFull, 300);
  ASSERT_THAT(v, IsOk());
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->first_broken_seq, 300);
  EXPECT_EQ(v->checked, 299);
}

TEST_P(AuditTrail, ACheckpointMeansOnlyNewEntriesAreCheckedAgain) {
  Append(500);
  auto first = VerifyAuditTrail(*db_, Admin(), std::nullopt, AuditScope::kSinceCheckpoint, 100);
  ASSERT_THAT(first, IsOk());
  EXPECT_TRUE(first->ok) << first->reason;
  EXPECT_EQ(first->checked, 500);
  ASSERT_THAT(db_->Read([](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(AuditAnchor checkpoint, GetAuditCheckpoint(tx));
    ASSIGN_OR_RETURN(AuditHead head, GetAuditHead(tx));
    EXPECT_EQ(checkpoint.seq, 500);
    EXPECT_EQ(checkpoint.hash, head.hash);
    return OkStatus();
  }),
              IsOk());
  Append(40);
  LargestReadDatabase counting(*db_);
  auto next = VerifyAuditTrail(counting, Admin(), std::nullopt, AuditScope::kSinceCheckpoint, 100);
  ASSERT_THAT(next, IsOk());
  EXPECT_TRUE(next->ok) << next->reason;
  EXPECT_EQ(next->checkpoint, 500);
  EXPECT_EQ(next->checked, 40);
  EXPECT_LE(counting.largest, 40);
  // A full check reads everything again.
  auto full = VerifyAuditTrail(*db_, Admin());
  ASSERT_THAT(full, IsOk());
  EXPECT_TRUE(full->ok) << full->reason;
  EXPECT_EQ(full->checked, 540);
}

TEST_P(AuditTrail, TamperingAfterTheCheckpointIsFoundByTheQuickCheck) {
  Append(300);
  ASSERT_TRUE(VerifyAuditTrail(*db_, Admin(), std::nullopt, AuditScope::kSinceCheckpoint)->ok);
  Append(300);
  Tamper(450);
  auto v = VerifyAuditTrail(*db_, Admin(), std::nullopt, AuditScope::kSinceCheckpoint, 100);
  ASSERT_THAT(v, IsOk());
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->first_broken_seq, 450);
  // A broken chain does not move the checkpoint.
  ASSERT_THAT(db_->Read([](Transaction& tx) -> Status {
    EXPECT_EQ(GetAuditCheckpoint(tx)->seq, 300);
    return OkStatus();
  }),
              IsOk());
}

TEST_P(AuditTrail, TamperingBeforeTheCheckpointIsFoundByTheFullCheck) {
  Append(300);
  ASSERT_TRUE(VerifyAuditTrail(*db_, Admin(), std::nullopt, AuditScope::kSinceCheckpoint)->ok);
  Tamper(120);
  // The quick check trusts what was verified before...
  auto quick = VerifyAuditTrail(*db_, Admin(), std::nullopt, AuditScope::kSinceCheckpoint);
  ASSERT_THAT(quick, IsOk());
  EXPECT_TRUE(quick->ok);
  EXPECT_EQ(quick->checked, 0);
  // ... and the full check does not.
  auto full = VerifyAuditTrail(*db_, Admin(), std::nullopt, AuditScope::kFull, 100);
  ASSERT_THAT(full, IsOk());
  EXPECT_FALSE(full->ok);
  EXPECT_EQ(full->first_broken_seq, 120);
}

TEST_P(AuditTrail, TheCheckpointsOwnEntryIsCheckedEachTime) {
  Append(200);
  ASSERT_TRUE(VerifyAuditTrail(*db_, Admin(), std::nullopt, AuditScope::kSinceCheckpoint)->ok);
  Tamper(200);
  auto v = VerifyAuditTrail(*db_, Admin(), std::nullopt, AuditScope::kSinceCheckpoint);
  ASSERT_THAT(v, IsOk());
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->first_broken_seq, 200);
}

TEST_P(AuditTrail, ALogRewrittenConsistentlyDisagreesWithTheCheckpoint) {
  Append(100);
  ASSERT_TRUE(VerifyAuditTrail(*db_, Admin())->ok);
  // Entries 51 on replaced by a chain that hashes correctly, head and all.
  ASSERT_THAT(db_->Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.ExecuteScript(
        GetParam() == "sqlite" ? "DROP TRIGGER IF EXISTS audit_log_no_delete"
                               : "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"));
    RETURN_IF_ERROR(tx.Execute("DELETE FROM audit_log WHERE seq > 50").status());
    ASSIGN_OR_RETURN(std::string hash, AuditHashAt(tx, 50));
    RETURN_IF_ERROR(
        tx.Execute("UPDATE audit_head SET seq = 50, hash = ? WHERE id = 1", {hash}).status());
    for (int i = 0; i < 50; ++i) {
      AuditEntry e;
      e.at = "2026-06-01T10:00:00Z";
      e.actor = "forger";
      e.action = "update";
      e.entity_type = "body";
      e.entity_id = 1;
      RETURN_IF_ERROR(AppendAudit(tx, std::move(e)).status());
    }
    return OkStatus();
  }),
              IsOk());
  auto full = VerifyAuditTrail(*db_, Admin());
  ASSERT_THAT(full, IsOk());
  EXPECT_FALSE(full->ok);
  EXPECT_EQ(full->first_broken_seq, 100);
  auto quick = VerifyAuditTrail(*db_, Admin(), std::nullopt, AuditScope::kSinceCheckpoint);
  ASSERT_THAT(quick, IsOk());
  EXPECT_FALSE(quick->ok);
  EXPECT_EQ(quick->first_broken_seq, 100);
}

TEST_P(AuditTrail, DeletedNewestEntriesAndAnExpectedHead) {
  Append(100);
  AuditAnchor anchor;
  ASSERT_THAT(db_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(anchor.hash, AuditHashAt(tx, 80));
    anchor.seq = 80;
    return OkStatus();
  }),
              IsOk());
  auto v = VerifyAuditTrail(*db_, Admin(), anchor, AuditScope::kSinceCheckpoint, 30);
  ASSERT_THAT(v, IsOk());
  EXPECT_TRUE(v->ok) << v->reason;
  // The anchor is now within the checkpoint: compared directly.
  auto again = VerifyAuditTrail(*db_, Admin(), anchor, AuditScope::kSinceCheckpoint, 30);
  ASSERT_THAT(again, IsOk());
  EXPECT_TRUE(again->ok) << again->reason;
  auto wrong = VerifyAuditTrail(*db_, Admin(), AuditAnchor{80, std::string(64, 'a')},
                                AuditScope::kSinceCheckpoint, 30);
  ASSERT_THAT(wrong, IsOk());
  EXPECT_FALSE(wrong->ok);
  EXPECT_EQ(wrong->first_broken_seq, 80);
}

TEST_P(AuditTrail, PagesNewestFirstWithoutGapsOrDuplicates) {
  Append(230);
  std::vector<int64_t> seen;
  int64_t total = -1;
  for (int64_t offset = 0;; offset += 50) {
    auto page = ListAuditTrail(*db_, Admin(), {}, 50, offset);
    ASSERT_THAT(page, IsOk());
    total = page->total;
    ASSERT_LE(page->items.size(), 50u);
    if (page->items.empty()) break;
    for (const auto& e : page->items) seen.push_back(e.seq);
  }
  EXPECT_EQ(total, 230);
  ASSERT_EQ(seen.size(), 230u);
  for (size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], 230 - static_cast<int64_t>(i));
}

TEST_P(AuditTrail, FiltersByRecordPersonAndDay) {
  Append(600);  // entries 0-99 on 2026-01-01, 100-199 on 01-02, ...
  auto count = [&](AuditFilter f) {
    std::set<int64_t> seqs;
    int64_t total = 0;
    for (int64_t offset = 0;; offset += 40) {
      auto page = ListAuditTrail(*db_, Admin(), f, 40, offset);
      EXPECT_THAT(page, IsOk());
      if (!page.ok() || page->items.empty()) break;
      total = page->total;
      for (size_t i = 0; i < page->items.size(); ++i) {
        const AuditEntry& e = page->items[i];
        if (i > 0) {
          EXPECT_LT(e.seq, page->items[i - 1].seq) << "newest first";
        }
        EXPECT_TRUE(seqs.insert(e.seq).second) << "entry " << e.seq << " twice";
        EXPECT_TRUE(f.actor.empty() || e.actor == f.actor);
        EXPECT_TRUE(f.entity_type.empty() || e.entity_type == f.entity_type);
        EXPECT_TRUE(f.entity_id == 0 || e.entity_id == f.entity_id);
      }
    }
    EXPECT_EQ(static_cast<int64_t>(seqs.size()), total);
    return total;
  };
  auto filter = [](std::string type, int64_t id, std::string actor, std::string from,
                   std::string to) {
    AuditFilter f;
    f.entity_type = std::move(type);
    f.entity_id = id;
    f.actor = std::move(actor);
    f.from = std::move(from);
    f.to = std::move(to);
    return f;
  };
  EXPECT_EQ(count(filter("", 0, "a@example.gov.uk", "", "")), 300);
  EXPECT_EQ(count(filter("user", 0, "", "", "")), 200);
  EXPECT_EQ(count(filter("body", 2, "", "", "")), 200);
  EXPECT_EQ(count(filter("", 0, "", "2026-01-02", "2026-01-03")), 200);
  EXPECT_EQ(count(filter("", 0, "", "", "2026-01-01")), 100);
  EXPECT_EQ(count(filter("", 0, "", "2026-01-06", "")), 100);
  EXPECT_EQ(count(filter("", 0, "b@example.gov.uk", "2026-01-06", "")), 50);
  EXPECT_EQ(count(filter("", 0, "nobody@example.gov.uk", "", "")), 0);
}

// A page names the people and proposals its entries refer to, wherever in
// the record they are, and reads no others: with years of data a page
// must not load every person and proposal the database holds.
TEST_P(AuditTrail, APageNamesOnlyThePeopleAndProposalsItsEntriesHold) {
  ASSERT_THAT(db_->Write([&](Transaction& tx) -> Status {
    for (int i = 1; i <= 30; ++i) {
      const std::string n = std::to_string(i);
      RETURN_IF_ERROR(tx.Execute("INSERT INTO users (email, name, password_hash, created_at, "
                                 "updated_at) VALUES (?, ?, 'x', '2026-01-01', '2026-01-01')",
                                 {"p" + n + "@example.gov.uk", "Person " + n})
                          .status());
      RETURN_IF_ERROR(
          tx.Execute("INSERT INTO proposals (title, type, part, origin, status, "
                     "duration_quarters, created_at, updated_at) VALUES (?, 'core', "
                     "'continuing_commitments', 'pre_existing_commitment', 'programmed', 1, "
                     "'2026-01-01', '2026-01-01')",
                     {"Proposal " + n})
              .status());
    }
    AuditEntry e;
    e.at = "2026-01-01T10:00:00Z";
    e.actor_id = 3;
    e.actor = "p3@example.gov.uk";
    e.action = "update";
    e.entity_type = "plan";
    e.entity_id = 1;
    e.before_json = R"({"proposals":[{"proposal_id":7,"start_quarter":"2027 Q1"}]})";
    e.after_json = R"({"approved_by":12,"clashes_with":[9]})";
    return AppendAudit(tx, std::move(e)).status();
  }),
              IsOk());
  auto page = ListAuditTrail(*db_, Admin(), {}, 20, 0);
  ASSERT_THAT(page, IsOk());
  EXPECT_EQ(page->people[3], "Person 3") << "the actor";
  EXPECT_EQ(page->people[12], "Person 12") << "a person in the record";
  EXPECT_EQ(page->proposals[7], "Proposal 7") << "a proposal in a list of objects";
  EXPECT_EQ(page->proposals[9], "Proposal 9") << "a proposal in a list of ids";
  EXPECT_FALSE(page->people.contains(20)) << "a person the page does not show";
  EXPECT_FALSE(page->proposals.contains(30)) << "a proposal the page does not show";
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditTrail, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace jointly
