// Joint decisions as a module of their own, on SQLite and PostgreSQL: a kind
// registered by a feature (here a test-only kind about versioned documents)
// is asked, answered and applied without the module knowing what it does.
#include "service/decision_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

#include "service/audit_trail.h"
#include "service/directory_service.h"
#include "service/inspection_service.h"
#include "service/programme_service.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/test_database.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

using nlohmann::json;

constexpr const char* kAgreeDocument = "test_agree_document";

// A feature the decisions module has never heard of: documents with
// versions, and a decision that every inspectorate agrees one version,
// which marks that version agreed.
class Decisions : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string why;
    db_ = testing::NewTestDatabase(GetParam(), &why);
    if (!db_) GTEST_SKIP() << why;
    DirectoryService directory(*db_, clock_);
    ASSERT_THAT(directory.LoadReferenceData(), IsOk());
    auto inspectorates = directory.Inspectorates(SystemCaller());
    ASSERT_THAT(inspectorates, IsOk());
    for (const auto& i : *inspectorates) {
      if (i.is_criminal_justice() && i.is_open() && cj_.size() < 3) cj_.push_back(i.id);
    }
    ASSERT_EQ(cj_.size(), 3u);
    ASSERT_THAT(db_->Write([](Transaction& tx) -> Status {
      RETURN_IF_ERROR(tx.ExecuteScript(
          "CREATE TABLE test_documents (id BIGINT PRIMARY KEY, version BIGINT NOT NULL, "
          "agreed_version BIGINT);"
          "INSERT INTO test_documents (id, version) VALUES (7, 1);"));
      return OkStatus();
    }),
                IsOk());
    decisions_ = std::make_unique<JointDecisions>(*db_, clock_);
    DecisionKind kind;
    kind.ask = Permission::kEditProgramme;
    kind.apply = [this](Transaction& tx, const StoredDecision& d, const Caller&,
                        const std::string& now) -> Status {
      applied_at_.push_back(now);
      if (fail_effect_) return FailedPrecondition("The document is locked", "test-locked");
      return tx
          .Execute("UPDATE test_documents SET agreed_version = ? WHERE id = ?",
                   {json::parse(d.payload).at("version").get<int64_t>(), d.subject_id})
          .status();
    };
    kind.subject_version = [](Transaction& tx, int64_t id) -> StatusOr<int64_t> {
      const std::string lock = tx.dialect() == Dialect::kPostgres ? " FOR SHARE" : "";
      ASSIGN_OR_RETURN(SqlRow row,
                       tx.QueryOne("SELECT version FROM test_documents WHERE id = ?" + lock, {id},
                                   "Document " + std::to_string(id)));
      return row.Int(0);
    };
    kind.subject_json = [](const StoredDecision& d) {
      return json{{"document_id", d.subject_id},
                  {"document_version", d.subject_version ? json(*d.subject_version) : json()}};
    };
    decisions_->Register(kAgreeDocument, std::move(kind));
  }

  Caller Secretariat() {
    Caller c;
    c.user_id = 100;
    c.email = "secretariat@example.gov.uk";
    c.roles = {Role::kSecretariat};
    c.active = true;
    return c;
  }

  Caller RepresentativeOf(int64_t inspectorate_id) {
    Caller c;
    c.user_id = 200 + inspectorate_id;
    c.email = "rep" + std::to_string(inspectorate_id) + "@example.gov.uk";
    c.roles = {Role::kDgRepresentative};
    c.inspectorate_id = inspectorate_id;
    c.active = true;
    return c;
  }

  DecisionRequest AgreeVersion(int64_t version) {
    DecisionRequest r;
    r.kind = kAgreeDocument;
    r.subject_id = 7;
    r.subject_version = version;
    r.subject = "Agree the terms of reference, version " + std::to_string(version);
    r.concerned = {cj_.begin(), cj_.end()};
    r.payload = json{{"version", version}}.dump();
    return r;
  }

  Status NewVersionOfTheDocument() {
    return db_->Write([](Transaction& tx) -> Status {
      return tx.Execute("UPDATE test_documents SET version = version + 1 WHERE id = 7").status();
    });
  }

  std::optional<int64_t> AgreedVersion() {
    std::optional<int64_t> out;
    EXPECT_THAT(db_->Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne("SELECT agreed_version FROM test_documents "
                                               "WHERE id = 7",
                                               {}, "Document 7"));
      out = row.OptInt(0);
      return OkStatus();
    }),
                IsOk());
    return out;
  }

  FakeClock clock_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<JointDecisions> decisions_;
  std::vector<int64_t> cj_;  // three open CJ inspectorates
  std::vector<std::string> applied_at_;
  bool fail_effect_ = false;
};

TEST_P(Decisions, ANewKindIsAppliedByItsOwnEffectWhenTheLastInspectorateAgrees) {
  auto asked = decisions_->Ask(Secretariat(), AgreeVersion(1));
  ASSERT_THAT(asked, IsOk());
  const int64_t id = asked->stored.decision.id;
  const json asked_json = ToJson(*asked);
  EXPECT_EQ(asked_json["kind"], kAgreeDocument);
  EXPECT_EQ(asked_json["document_id"], 7);
  EXPECT_EQ(asked_json["document_version"], 1);
  EXPECT_EQ(asked_json["state"], "awaiting");

  for (size_t i = 0; i + 1 < cj_.size(); ++i) {
    ASSERT_THAT(decisions_->Respond(RepresentativeOf(cj_[i]), id, true, ""), IsOk());
  }
  EXPECT_TRUE(applied_at_.empty()) << "not every inspectorate has agreed yet";
  EXPECT_EQ(AgreedVersion(), std::nullopt);

  clock_.AdvanceSeconds(60);
  auto last = decisions_->Respond(RepresentativeOf(cj_.back()), id, true, "");
  ASSERT_THAT(last, IsOk());
  EXPECT_EQ(last->state, DecisionState::kAgreed);
  ASSERT_EQ(applied_at_.size(), 1u);
  EXPECT_EQ(applied_at_[0], last->stored.decided_at) << "applied as the decision was agreed";
  EXPECT_EQ(AgreedVersion(), 1);

  auto history = decisions_->History(Secretariat(), id);
  ASSERT_THAT(history, IsOk());
  ASSERT_EQ(history->size(), 4u);
  EXPECT_EQ(history->front().action, "raise");
  EXPECT_EQ(history->back().action, "agree");
}

TEST_P(Decisions, AnEffectThatFailsUndoesTheLastAgreement) {
  auto asked = decisions_->Ask(Secretariat(), AgreeVersion(1));
  ASSERT_THAT(asked, IsOk());
  const int64_t id = asked->stored.decision.id;
  for (size_t i = 0; i + 1 < cj_.size(); ++i) {
    ASSERT_THAT(decisions_->Respond(RepresentativeOf(cj_[i]), id, true, ""), IsOk());
  }
  fail_effect_ = true;
  EXPECT_THAT(decisions_->Respond(RepresentativeOf(cj_.back()), id, true, ""),
              StatusIs(StatusCode::kFailedPrecondition));
  auto now = decisions_->Get(Secretariat(), id);
  ASSERT_THAT(now, IsOk());
  EXPECT_EQ(now->state, DecisionState::kAwaiting);
  EXPECT_EQ(now->stored.decision.awaiting(), (std::set<int64_t>{cj_.back()}));
  EXPECT_EQ(AgreedVersion(), std::nullopt);

  fail_effect_ = false;
  ASSERT_THAT(decisions_->Respond(RepresentativeOf(cj_.back()), id, true, ""), IsOk());
  EXPECT_EQ(AgreedVersion(), 1);
}

TEST_P(Decisions, ADecisionBoundToAVersionRefusesAgreementOnceTheSubjectHasANewerVersion) {
  auto asked = decisions_->Ask(Secretariat(), AgreeVersion(1));
  ASSERT_THAT(asked, IsOk());
  const int64_t id = asked->stored.decision.id;
  ASSERT_THAT(decisions_->Respond(RepresentativeOf(cj_[0]), id, true, ""), IsOk());

  ASSERT_THAT(NewVersionOfTheDocument(), IsOk());
  auto stale = decisions_->Respond(RepresentativeOf(cj_[1]), id, true, "");
  EXPECT_THAT(stale, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(stale.status().rule(), "stale-subject");
  auto unchanged = decisions_->Get(Secretariat(), id);
  ASSERT_THAT(unchanged, IsOk());
  EXPECT_EQ(unchanged->stored.decision.awaiting(), (std::set<int64_t>{cj_[1], cj_[2]}));

  // Asking about the old version again is refused too; about the new one,
  // it is asked (and the old question lapses: R11_... below).
  EXPECT_EQ(decisions_->Ask(Secretariat(), AgreeVersion(1)).status().rule(), "stale-subject");
  auto newer = decisions_->Ask(Secretariat(), AgreeVersion(2));
  ASSERT_THAT(newer, IsOk());
  for (int64_t i : cj_) {
    ASSERT_THAT(decisions_->Respond(RepresentativeOf(i), newer->stored.decision.id, true, ""),
                IsOk());
  }
  EXPECT_EQ(AgreedVersion(), 2);
}

TEST_P(Decisions, R11_an_open_decision_lapses_when_a_newer_version_is_asked) {
  auto older = decisions_->Ask(Secretariat(), AgreeVersion(1));
  ASSERT_THAT(older, IsOk());
  const int64_t id = older->stored.decision.id;
  ASSERT_THAT(decisions_->Respond(RepresentativeOf(cj_[0]), id, true, ""), IsOk());
  ASSERT_THAT(NewVersionOfTheDocument(), IsOk());
  clock_.Advance(60 * 1000000LL);
  auto newer = decisions_->Ask(Secretariat(), AgreeVersion(2));
  ASSERT_THAT(newer, IsOk());

  auto lapsed = decisions_->Get(Secretariat(), id);
  ASSERT_THAT(lapsed, IsOk());
  EXPECT_EQ(lapsed->state, DecisionState::kLapsed);
  EXPECT_EQ(lapsed->stored.decision.superseded_by, newer->stored.decision.id);
  EXPECT_EQ(lapsed->stored.decision.lapsed_at, newer->stored.raised_at);
  EXPECT_FALSE(lapsed->mine_to_answer);
  EXPECT_EQ(ToJson(*lapsed).at("state"), "lapsed");
  // Nobody is asked to answer it any more, nor can they.
  auto awaiting = decisions_->List(RepresentativeOf(cj_[1]), true);
  ASSERT_THAT(awaiting, IsOk());
  ASSERT_EQ(awaiting->size(), 1u);
  EXPECT_EQ(awaiting->front().stored.decision.id, newer->stored.decision.id);
  auto answered = decisions_->Respond(RepresentativeOf(cj_[1]), id, false, "Too late");
  EXPECT_THAT(answered, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(answered.status().rule(), "decided");
  EXPECT_NE(answered.status().message().find("lapsed"), std::string::npos);
  // The lapse is on the decision's audit trail.
  auto history = decisions_->History(Secretariat(), id);
  ASSERT_THAT(history, IsOk());
  EXPECT_EQ(history->back().action, "lapse");
}

TEST_P(Decisions, error_wording_a_decline_reason_too_long_says_how_long_it_is_with_thousands) {
  auto asked = decisions_->Ask(Secretariat(), AgreeVersion(1));
  ASSERT_THAT(asked, IsOk());
  auto long_one = decisions_->Respond(RepresentativeOf(cj_[0]), asked->stored.decision.id, false,
                                      std::string(20000, 'r'));
  EXPECT_THAT(long_one, StatusIs(StatusCode::kInvalidArgument));
  ASSERT_EQ(long_one.status().field_errors().size(), 1u);
  EXPECT_EQ(long_one.status().field_errors()[0].message,
            "Shorten the reason to 2,000 characters or fewer (it has 20,000)");
}

TEST_P(Decisions, OneDecisionAtATimeAwaitsAnswersOnTheSameSubject) {
  ASSERT_THAT(decisions_->Ask(Secretariat(), AgreeVersion(1)), IsOk());
  auto again = decisions_->Ask(Secretariat(), AgreeVersion(1));
  EXPECT_THAT(again, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(again.status().rule(), "already-awaiting");
}

TEST_P(Decisions, OnlyThoseAllowedAskAndOnlyRegisteredKindsAreAsked) {
  EXPECT_THAT(decisions_->Ask(RepresentativeOf(cj_[0]), AgreeVersion(1)), IsOk())
      << "representatives may raise decisions (kEditProgramme)";
  Caller reader = Secretariat();
  reader.roles = {Role::kReadOnly};
  EXPECT_THAT(decisions_->Ask(reader, AgreeVersion(1)), StatusIs(StatusCode::kPermissionDenied));
  DecisionRequest unknown = AgreeVersion(1);
  unknown.kind = "not_registered";
  EXPECT_THAT(decisions_->Ask(Secretariat(), unknown), StatusIs(StatusCode::kInternal));
}

// The kinds the programme and an inspection raise are described once
// (kProgrammeDecisionKinds, kInspectionDecisionKinds: the pages and the
// OpenAPI document read them); a kind registered and not described, or
// described and not registered, fails here.
TEST(DecisionKinds,
     every_registered_kind_is_described_once_and_every_described_kind_is_registered) {
  std::string why;
  auto db = testing::NewTestDatabase("sqlite", &why);
  if (!db) GTEST_SKIP() << why;
  FakeClock clock;
  JointDecisions decisions(*db, clock);
  ProgrammeService programme(*db, clock, decisions);
  InspectionService inspections(*db, clock, decisions);
  std::vector<std::string> described;
  for (const auto& k : kProgrammeDecisionKinds) described.emplace_back(k.id);
  for (const auto& k : kInspectionDecisionKinds) described.emplace_back(k.id);
  std::sort(described.begin(), described.end());
  EXPECT_EQ(std::adjacent_find(described.begin(), described.end()), described.end())
      << "a kind described twice";
  EXPECT_EQ(decisions.Kinds(), described);
  EXPECT_NE(std::find(described.begin(), described.end(), "inspection_sites"), described.end());
}

INSTANTIATE_TEST_SUITE_P(Backends, Decisions, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace jointly
