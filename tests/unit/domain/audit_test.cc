#include "domain/audit.h"

#include <gtest/gtest.h>

namespace jointly {
namespace {

std::vector<AuditEntry> Chain(int n) {
  std::vector<AuditEntry> out;
  std::string prev = kGenesisHash;
  for (int i = 1; i <= n; ++i) {
    AuditEntry e;
    e.seq = i;
    e.at = "2026-11-23T10:00:0" + std::to_string(i % 10) + "Z";
    e.actor_id = 1;
    e.actor = "admin@example.gov.uk";
    e.action = "update";
    e.entity_type = "body";
    e.entity_id = 42;
    e.before_json = R"({"name":"old"})";
    e.after_json = R"({"name":"new )" + std::to_string(i) + "\"}";
    e.prev_hash = prev;
    e.hash = ComputeAuditHash(e);
    prev = e.hash;
    out.push_back(e);
  }
  return out;
}

TEST(AuditChain, IntactChainVerifies) {
  auto chain = Chain(5);
  auto v = VerifyAuditChain(chain, 5, chain.back().hash);
  EXPECT_TRUE(v.ok) << v.reason;
  EXPECT_EQ(v.checked, 5);
}

TEST(AuditChain, Foundation_audit_chain_detects_tampering) {
  auto chain = Chain(5);
  chain[2].after_json = R"({"name":"forged"})";
  auto v = VerifyAuditChain(chain, 5, chain.back().hash);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken_seq, 3);
}

TEST(AuditChain, DetectsAnEntryRehashedToHideAnEdit) {
  auto chain = Chain(5);
  chain[1].actor = "someone-else@example.gov.uk";
  chain[1].hash = ComputeAuditHash(chain[1]);  // the next entry no longer follows
  auto v = VerifyAuditChain(chain, 5, chain.back().hash);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken_seq, 3);
}

TEST(AuditChain, DetectsADeletedEntry) {
  auto chain = Chain(5);
  chain.erase(chain.begin() + 1);
  auto v = VerifyAuditChain(chain, 5, chain.back().hash);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken_seq, 2);
}

TEST(AuditChain, DetectsDeletedNewestEntries) {
  auto chain = Chain(5);
  const std::string head = chain.back().hash;
  chain.pop_back();
  auto v = VerifyAuditChain(chain, 5, head);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken_seq, 5);
}

TEST(AuditChain, AnAnchorKeptOutsideCatchesALogWoundBack) {
  auto chain = Chain(6);
  const AuditAnchor anchor{5, chain[4].hash};
  EXPECT_TRUE(VerifyAuditChain(chain, 6, chain.back().hash, anchor).ok) << "later entries are fine";
  // The newest two deleted and the head wound back to entry 4: consistent
  // in itself, but behind the anchor.
  chain.resize(4);
  EXPECT_TRUE(VerifyAuditChain(chain, 4, chain.back().hash).ok);
  auto behind = VerifyAuditChain(chain, 4, chain.back().hash, anchor);
  EXPECT_FALSE(behind.ok);
  EXPECT_EQ(behind.first_broken_seq, 5);
  // Rewritten from entry 5 on, with a chain that hashes correctly.
  auto rewritten = Chain(6);
  rewritten[4].after_json = R"({"name":"rewritten"})";
  rewritten[4].hash = ComputeAuditHash(rewritten[4]);
  rewritten[5].prev_hash = rewritten[4].hash;
  rewritten[5].hash = ComputeAuditHash(rewritten[5]);
  EXPECT_TRUE(VerifyAuditChain(rewritten, 6, rewritten.back().hash).ok);
  auto different = VerifyAuditChain(rewritten, 6, rewritten.back().hash, anchor);
  EXPECT_FALSE(different.ok);
  EXPECT_EQ(different.first_broken_seq, 5);
}

TEST(AuditChain, CheckedOneEntryAtATimeFromACheckpoint) {
  auto chain = Chain(6);
  AuditChainCheck check(AuditAnchor{3, chain[2].hash});
  for (size_t i = 3; i < chain.size(); ++i) EXPECT_TRUE(check.Add(chain[i]));
  auto v = check.Finish(6, chain.back().hash);
  EXPECT_TRUE(v.ok) << v.reason;
  EXPECT_EQ(v.checked, 3);
  // Started from a point the chain does not hold: the next entry does not
  // follow from it.
  AuditChainCheck wrong(AuditAnchor{3, chain[1].hash});
  EXPECT_FALSE(wrong.Add(chain[3]));
  EXPECT_TRUE(wrong.broken());
  EXPECT_FALSE(wrong.Add(chain[4])) << "nothing is checked once broken";
  EXPECT_EQ(wrong.Finish(6, chain.back().hash).first_broken_seq, 4);
}

TEST(AuditChain, AnchorsAreWrittenAndReadAsSeqColonHash) {
  const AuditAnchor a{42, std::string(64, 'a')};
  EXPECT_EQ(FormatAuditAnchor(a), "42:" + std::string(64, 'a'));
  auto back = ParseAuditAnchor(FormatAuditAnchor(a));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->seq, 42);
  EXPECT_EQ(back->hash, a.hash);
  for (const std::string& bad :
       std::vector<std::string>{"", "42", ":abc", "0:" + std::string(64, 'a'),
                                "x:" + std::string(64, 'a'), "42:" + std::string(63, 'a'),
                                "42:" + std::string(64, 'A'), "-1:" + std::string(64, 'a')}) {
    EXPECT_FALSE(ParseAuditAnchor(bad).has_value()) << bad;
  }
}

TEST(AuditChain, HashCoversEveryField) {
  const AuditEntry base = Chain(1)[0];
  auto differs = [&](auto mutate) {
    AuditEntry e = base;
    mutate(e);
    return ComputeAuditHash(e) != ComputeAuditHash(base);
  };
  EXPECT_TRUE(differs([](AuditEntry& e) { e.seq = 2; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.at = "2030-01-01T00:00:00Z"; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.actor_id = 2; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.action = "delete"; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.entity_type = "user"; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.entity_id = 43; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.before_json = "{}"; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.prev_hash = std::string(64, '1'); }));
  // Moving text between adjacent fields must not keep the hash.
  EXPECT_TRUE(differs([](AuditEntry& e) {
    e.action = "updat";
    e.entity_type = "ebody";
  }));
}

TEST(AuditChain, R22_destroyed_contents_leave_a_chain_that_still_verifies) {
  auto chain = Chain(5);
  RemoveAuditContent(chain[1], 5);
  RemoveAuditContent(chain[2], 5);
  EXPECT_EQ(chain[1].after_json, "");
  EXPECT_EQ(chain[1].before_json, "");
  auto v = VerifyAuditChain(chain, 5, chain.back().hash);
  EXPECT_TRUE(v.ok) << v.reason;
  // The removed entry's other fields and kept digests are still covered.
  auto forged = chain;
  forged[1].actor = "someone@example.gov.uk";
  EXPECT_FALSE(VerifyAuditChain(forged, 5, forged.back().hash).ok);
  forged = chain;
  forged[2].after_sha256 = std::string(64, 'a');
  EXPECT_FALSE(VerifyAuditChain(forged, 5, forged.back().hash).ok);
  // Putting other contents back into a removed entry does not verify.
  forged = chain;
  forged[1].removed_by = 0;
  forged[1].after_json = R"({"name":"forged"})";
  EXPECT_FALSE(VerifyAuditChain(forged, 5, forged.back().hash).ok);
}

TEST(AuditChain, EntriesOfTheFirstFormatHashTheirContents) {
  AuditEntry e = Chain(1)[0];
  e.format = 1;
  const std::string v1 = ComputeAuditHash(e);
  EXPECT_NE(v1, Chain(1)[0].hash);
  e.after_json = "{}";
  EXPECT_NE(ComputeAuditHash(e), v1);
}

}  // namespace
}  // namespace jointly
