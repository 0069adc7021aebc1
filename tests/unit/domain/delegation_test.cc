// Delegated authority (R23): a person of another authority acts for the
// delegating inspectorate on that inspection only, while the delegation is
// in force, and only the delegating inspectorate's Chief Inspector
// delegates.
#include "domain/delegation.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/support/inspection_fixtures.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

constexpr int64_t kChief = 10, kCpsInspector = 20, kPoliceInspector = 30, kCpsColleague = 21;

Delegation FieldworkForPolice() {
  Delegation d;
  d.id = 3;
  d.inspection_id = 7;
  d.delegating_inspectorate_id = kPolice;
  d.receiving_inspectorate_id = kCps;
  d.function = DelegatedFunction::kFieldwork;
  d.user_id = kCpsInspector;
  d.scope = "Examining the case files of the police prosecution teams";
  d.authorised_by = kChief;
  d.authorised_on = "2017-09-04";
  return d;
}

Caller Chief(int64_t inspectorate) { return Someone(kChief, inspectorate, Role::kChiefInspector); }

// Someone of HMCPSI who is not on the team: no standing of their own.
Standing Outsider() { return Standing{}; }

TEST(Delegation,
     R23_a_delegated_person_acts_for_the_delegating_inspectorate_on_that_inspection_only) {
  const Inspection inspection = HateCrime();
  const Date day = *Date::Parse("2017-10-03");
  const std::vector<Delegation> all = {FieldworkForPolice()};

  auto acting = ActingForOf(inspection, Outsider(), kCpsInspector, DelegatedFunction::kFieldwork,
                            all, day, std::nullopt);
  ASSERT_TRUE(acting.ok()) << acting.status().message();
  EXPECT_EQ(acting->inspectorate_id, kPolice);
  ASSERT_TRUE(acting->under.has_value());
  EXPECT_EQ(acting->under->id, 3);
  EXPECT_TRUE(HoldsDelegation(all, 7, kCpsInspector, day));
  // Every act under it says so.
  EXPECT_EQ(UnderDelegationWords(*acting->under, "HMICFRS", "HMCPSI"),
            "for HMICFRS under delegation from HMICFRS to HMCPSI (delegation 3, authorised on "
            "4 September 2017)");

  // Not a function that was not delegated.
  EXPECT_EQ(ActingForOf(inspection, Outsider(), kCpsInspector, DelegatedFunction::kQualityAssurance,
                        all, day, std::nullopt)
                .status()
                .rule(),
            "not-on-team");
  // Not someone else.
  EXPECT_FALSE(ActingForOf(inspection, Outsider(), kPoliceInspector, DelegatedFunction::kFieldwork,
                           all, day, std::nullopt)
                   .ok());
  // Someone on the team for their own inspectorate acts for it unless they
  // choose the delegation.
  Standing own;
  own.sees = own.on_team = true;
  own.inspectorate = kCps;
  EXPECT_EQ(ActingForOf(inspection, own, kCpsInspector, DelegatedFunction::kFieldwork, all, day,
                        std::nullopt)
                ->inspectorate_id,
            kCps);
  EXPECT_EQ(ActingForOf(inspection, own, kCpsInspector, DelegatedFunction::kFieldwork, all, day, 3)
                ->inspectorate_id,
            kPolice);
}

TEST(Delegation, R23_a_delegation_gives_no_standing_on_another_inspection) {
  Inspection other = HateCrime();
  other.id = 8;
  const Date day = *Date::Parse("2017-10-03");
  const std::vector<Delegation> all = {FieldworkForPolice()};
  EXPECT_FALSE(HoldsDelegation(all, 8, kCpsInspector, day));
  EXPECT_EQ(ActingForOf(other, Outsider(), kCpsInspector, DelegatedFunction::kFieldwork, all, day,
                        std::nullopt)
                .status()
                .rule(),
            "not-on-team");
  // Naming it there is refused under R23.
  EXPECT_EQ(
      ActingForOf(other, Outsider(), kCpsInspector, DelegatedFunction::kFieldwork, all, day, 3)
          .status()
          .rule(),
      "R23");
}

TEST(Delegation, R23_a_delegation_ends_when_revoked_or_at_its_end_date) {
  const Inspection inspection = HateCrime();
  Delegation revoked = FieldworkForPolice();
  revoked.revoked_on = "2017-10-10";
  revoked.revoked_by = kChief;
  EXPECT_TRUE(InForce(revoked, *Date::Parse("2017-10-09")));
  EXPECT_FALSE(InForce(revoked, *Date::Parse("2017-10-10")));
  EXPECT_EQ(ActingForOf(inspection, Outsider(), kCpsInspector, DelegatedFunction::kFieldwork,
                        {revoked}, *Date::Parse("2017-10-11"), 3)
                .status()
                .rule(),
            "R23");
  Delegation ended = FieldworkForPolice();
  ended.ends_on = "2017-11-30";
  EXPECT_TRUE(InForce(ended, *Date::Parse("2017-11-30")));
  EXPECT_FALSE(InForce(ended, *Date::Parse("2017-12-01")));
  // Nor before it was authorised.
  EXPECT_FALSE(InForce(ended, *Date::Parse("2017-09-03")));
  EXPECT_EQ(CheckRevocation(Chief(kPolice), revoked).rule(), "revoked");
}

TEST(Delegation, R23_only_the_delegating_inspectorates_chief_inspector_or_hm_inspector_delegates) {
  const Inspection inspection = HateCrime();
  const Date today = *Date::Parse("2017-09-04");
  const Delegation d = FieldworkForPolice();
  EXPECT_THAT(CheckDelegation(Chief(kPolice), inspection, d, kCps, today), IsOk());
  // Another inspectorate's Chief Inspector may not.
  EXPECT_EQ(CheckDelegation(Chief(kCps), inspection, d, kCps, today).rule(), "R23");
  // An HM Inspector of the delegating inspectorate may (F 9.1: "or HM
  // Inspectors in some instances"); one of another inspectorate may not.
  const Caller hmi = Someone(11, kPolice, Role::kHmInspector);
  EXPECT_THAT(CheckDelegation(hmi, inspection, d, kCps, today), IsOk());
  EXPECT_THAT(CheckRevocation(hmi, d), IsOk());
  EXPECT_EQ(
      CheckDelegation(Someone(12, kCps, Role::kHmInspector), inspection, d, kCps, today).rule(),
      "R23");
  // Nor a lead inspector or Development Group representative of it.
  Caller lead = Someone(13, kPolice, Role::kLeadInspector);
  lead.roles.push_back(Role::kDgRepresentative);
  EXPECT_EQ(CheckDelegation(lead, inspection, d, kCps, today).rule(), "R23");
  EXPECT_EQ(CheckRevocation(lead, d).rule(), "R23");
  // An administrator records it for them.
  const Caller admin = Someone(1, std::nullopt, Role::kAdministrator);
  EXPECT_THAT(CheckDelegation(admin, inspection, d, kCps, today), IsOk());
  EXPECT_THAT(CheckRevocation(admin, d), IsOk());
}

TEST(Delegation, R23_a_delegation_names_several_people_each_of_the_receiving_authority) {
  const Inspection inspection = HateCrime();
  const Date day = *Date::Parse("2017-10-03");
  Delegation d = FieldworkForPolice();
  // A colleague of the receiving inspectorate is named too.
  EXPECT_THAT(CheckDelegate(Chief(kPolice), d, kCpsColleague, kCps, day), IsOk());
  d.others = {kCpsColleague};
  EXPECT_TRUE(Names(d, kCpsColleague));
  EXPECT_TRUE(HoldsDelegation({d}, 7, kCpsColleague, day));
  auto acting = ActingForOf(inspection, Outsider(), kCpsColleague, DelegatedFunction::kFieldwork,
                            {d}, day, std::nullopt);
  ASSERT_TRUE(acting.ok()) << acting.status().message();
  EXPECT_EQ(acting->inspectorate_id, kPolice);
  EXPECT_EQ(acting->under->id, 3);
  // Each is of the receiving authority, named once, by whoever may delegate,
  // while the delegation is in force.
  EXPECT_EQ(CheckDelegate(Chief(kPolice), d, kPoliceInspector, kPolice, day).field_errors()[0].rule,
            "delegate");
  EXPECT_EQ(CheckDelegate(Chief(kPolice), d, 40, kProbation, day).field_errors()[0].rule,
            "delegate");
  EXPECT_EQ(CheckDelegate(Chief(kPolice), d, kCpsColleague, kCps, day).field_errors()[0].rule,
            "already-named");
  EXPECT_EQ(CheckDelegate(Chief(kCps), d, 22, kCps, day).rule(), "R23");
  Delegation revoked = d;
  revoked.revoked_on = "2017-10-01";
  EXPECT_EQ(CheckDelegate(Chief(kPolice), revoked, 22, kCps, day).rule(), "revoked");
  // The people are read with their delegations.
  std::vector<Delegation> read = {FieldworkForPolice()};
  AddOthers(read, {Delegate{.id = 1, .inspection_id = 7, .delegation_id = 3, .user_id = 22},
                   Delegate{.id = 2, .inspection_id = 7, .delegation_id = 9, .user_id = 23}});
  EXPECT_EQ(read[0].others, (std::vector<int64_t>{22}));
}

TEST(
    Delegation,
    R23_under_fieldwork_a_delegate_answers_queries_and_visits_in_a_pair_for_the_delegating_inspectorate) {
  const Inspection inspection = HateCrime();
  const Date day = *Date::Parse("2017-10-03");
  const std::vector<Delegation> all = {FieldworkForPolice()};
  const std::string refusal = "The inspectorate that recorded the evidence answers";
  // Queries on HMICFRS's evidence: answered for HMICFRS under the delegation.
  auto answering =
      ActingForInspectorate(inspection, Outsider(), kCpsInspector, DelegatedFunction::kFieldwork,
                            all, day, kPolice, "own-inspectorate", refusal);
  ASSERT_TRUE(answering.ok()) << answering.status().message();
  ASSERT_TRUE(answering->under.has_value());
  EXPECT_EQ(answering->under->id, 3);
  // Not on HMCPSI's evidence, which they are not on the team for.
  EXPECT_EQ(
      ActingForInspectorate(inspection, Outsider(), kCpsInspector, DelegatedFunction::kFieldwork,
                            all, day, kCps, "own-inspectorate", refusal)
          .status()
          .rule(),
      "own-inspectorate");
  // Nor once it is revoked.
  Delegation revoked = FieldworkForPolice();
  revoked.revoked_on = "2017-10-01";
  EXPECT_FALSE(ActingForInspectorate(inspection, Outsider(), kCpsInspector,
                                     DelegatedFunction::kFieldwork, {revoked}, day, kPolice,
                                     "own-inspectorate", refusal)
                   .ok());

  // On a visit they count as HMICFRS's, so pair with HMCPSI's inspector...
  TeamMember cps;
  cps.inspection_id = 7;
  cps.inspectorate_id = kCps;
  cps.user_id = 50;
  cps.joined_on = "2017-06-01";
  const std::vector<TeamMember> team = {cps};
  const auto visiting = FieldworkTeam(inspection, team, all, day);
  ASSERT_EQ(visiting.size(), 2u);
  EXPECT_EQ(visiting[1].user_id, kCpsInspector);
  EXPECT_EQ(visiting[1].inspectorate_id, kPolice);
  VisitPlace pair;
  pair.visit_id = 1;
  pair.user_id = kCpsInspector;
  pair.partner_id = 50;
  EXPECT_THAT(CheckVisitPlace(pair, visiting, {}), IsOk());
  EXPECT_THAT(CheckDelegateInPair(pair, team, visiting), IsOk());
  // ...but never alone.
  VisitPlace alone = pair;
  alone.partner_id.reset();
  EXPECT_EQ(CheckDelegateInPair(alone, team, visiting).field_errors()[0].rule, "R23");
  // Someone on the team, or on neither, is no concern of this rule.
  VisitPlace member = alone;
  member.user_id = 50;
  EXPECT_THAT(CheckDelegateInPair(member, team, visiting), IsOk());
  member.user_id = 99;
  EXPECT_THAT(CheckDelegateInPair(member, team, visiting), IsOk());
  // Without a delegation in force they are not on the visit's team at all.
  EXPECT_EQ(FieldworkTeam(inspection, team, {revoked}, day).size(), 1u);
}

TEST(Delegation, a_delegation_names_another_authority_and_someone_of_it) {
  const Inspection inspection = HateCrime();
  const Date today = *Date::Parse("2017-09-04");
  Delegation d = FieldworkForPolice();
  d.delegating_inspectorate_id = kPrisons;  // not taking part
  d.receiving_inspectorate_id = kPolice;
  d.ends_on = "2017-09-01";
  const Status bad = CheckDelegation(Chief(kPrisons), inspection, d, kPrisons, today);
  ASSERT_EQ(bad.code(), StatusCode::kInvalidArgument);
  std::set<std::string> fields;
  for (const auto& e : bad.field_errors()) fields.insert(e.field + ":" + e.rule);
  EXPECT_EQ(fields, (std::set<std::string>{"delegating_inspectorate_id:not-participating",
                                           "user_id:delegate", "ends_on:date-order"}));
  Delegation both = FieldworkForPolice();
  both.receiving_body_id = 99;
  EXPECT_EQ(CheckDelegation(Chief(kPolice), inspection, both, kCps, today).field_errors()[0].rule,
            "receiving-authority");
  Delegation self = FieldworkForPolice();
  self.receiving_inspectorate_id = kPolice;
  EXPECT_EQ(CheckDelegation(Chief(kPolice), inspection, self, kCps, today).field_errors()[0].rule,
            "receiving-authority");
  // A body of the directory may receive it, with someone not of the
  // delegating inspectorate.
  Delegation body = FieldworkForPolice();
  body.receiving_inspectorate_id.reset();
  body.receiving_body_id = 99;
  EXPECT_THAT(CheckDelegation(Chief(kPolice), inspection, body, std::nullopt, today), IsOk());
  EXPECT_EQ(
      CheckDelegation(Chief(kPolice), inspection, body, kPolice, today).field_errors()[0].rule,
      "delegate");
}

TEST(Delegation, R23_an_empty_delegation_names_every_missing_choice_at_once) {
  const Inspection inspection = HateCrime();
  const Date today = *Date::Parse("2017-09-04");
  const Delegation empty;
  const Status s = CheckDelegation(Chief(kPolice), inspection, empty, std::nullopt, today);
  ASSERT_EQ(s.code(), StatusCode::kInvalidArgument) << s.message();
  std::map<std::string, std::string> fields;
  for (const auto& e : s.field_errors()) fields[e.field] = e.message;
  ASSERT_EQ(fields.count("delegating_inspectorate_id"), 1u);
  ASSERT_EQ(fields.count("receiving_inspectorate_id"), 1u);
  ASSERT_EQ(fields.count("scope"), 1u);
  // Neither authority chosen is not told "not both".
  EXPECT_EQ(fields["receiving_inspectorate_id"].find("not both"), std::string::npos);
  Delegation both = FieldworkForPolice();
  both.receiving_body_id = 5;
  const Status two = CheckDelegation(Chief(kPolice), inspection, both, kCps, today);
  ASSERT_FALSE(two.field_errors().empty());
  EXPECT_NE(two.field_errors()[0].message.find("not both"), std::string::npos);
}

}  // namespace
}  // namespace jointly
