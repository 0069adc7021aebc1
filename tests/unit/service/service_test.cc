// Use cases over a real database; every test runs on SQLite and PostgreSQL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/text.h"
#include "service/audit_trail.h"
#include "service/calendar_service.h"
#include "service/directory_service.h"
#include "service/people_service.h"
#include "service/programme_service.h"
#include "store/audit_store.h"
#include "store/people_store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/test_database.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

const PasswordHashParams kFastHash{1, 1024, 1};

class Services : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string why;
    db_ = testing::NewTestDatabase(GetParam(), &why);
    if (!db_) GTEST_SKIP() << why;
    directory_ = std::make_unique<DirectoryService>(*db_, clock_);
    people_ = std::make_unique<PeopleService>(*db_, clock_, kFastHash);
    ASSERT_THAT(directory_->LoadReferenceData(), IsOk());
  }

  Caller As(std::vector<Role> roles, const std::string& email = "officer@example.gov.uk",
            std::optional<int64_t> inspectorate = std::nullopt) {
    User u;
    u.email = email;
    u.name = "Test person";
    u.roles = roles;
    u.inspectorate_id = inspectorate;
    auto created = people_->CreateUser(SystemCaller(), u, "a long enough passphrase");
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    Caller c;
    c.user_id = created->user.id;
    c.email = email;
    c.roles = roles;
    c.inspectorate_id = inspectorate;
    c.active = true;
    return c;
  }

  Inspectorate ByCode(const std::string& code) {
    for (const auto& i : *directory_->Inspectorates(SystemCaller())) {
      if (i.code == code) return i;
    }
    ADD_FAILURE() << "no inspectorate " << code;
    return {};
  }

  FakeClock clock_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<DirectoryService> directory_;
  std::unique_ptr<PeopleService> people_;
};

TEST_P(Services, ReferenceDataHasTheDirectory) {
  auto inspectorates = directory_->Inspectorates(SystemCaller());
  ASSERT_TRUE(inspectorates.ok());
  int cj_open = 0, partners = 0, joint = 0;
  for (const auto& i : *inspectorates) {
    if (i.is_criminal_justice() && i.is_open()) ++cj_open;
    if (i.kind == InspectorateKind::kPartner) ++partners;
    if (i.kind == InspectorateKind::kJointBody) ++joint;
  }
  EXPECT_EQ(cj_open, 4);
  EXPECT_EQ(partners, 6);
  EXPECT_EQ(joint, 3);
  EXPECT_EQ(ByCode("HMICA").closed_year, 2010);

  auto count = [&](BodyType type) {
    BodyQuery q;
    q.type = type;
    return directory_->Bodies(SystemCaller(), q)->total;
  };
  EXPECT_EQ(count(BodyType::kPoliceForce), 44);  // 43 territorial forces and BTP
  EXPECT_EQ(count(BodyType::kCpsArea), 14);
  EXPECT_EQ(count(BodyType::kProbationRegion), 12);
  BodyQuery welsh_regions;
  welsh_regions.type = BodyType::kProbationRegion;
  welsh_regions.nation = Nation::kWales;
  EXPECT_EQ(directory_->Bodies(SystemCaller(), welsh_regions)->total, 1);
  // Loading again adds nothing.
  ASSERT_THAT(directory_->LoadReferenceData(), IsOk());
  EXPECT_EQ(count(BodyType::kPoliceForce), 44);
}

TEST_P(Services, R19_prisons_raise_concerns_not_recommendations) {
  EXPECT_EQ(ByCode("HMIPRISONS").findings, FindingsStyle::kConcerns);
  for (const char* code : {"HMICFRS", "HMCPSI", "HMIPROBATION"}) {
    EXPECT_EQ(ByCode(code).findings, FindingsStyle::kRecommendations) << code;
  }
}

TEST_P(Services, R21_embargoed_copies_from_prisons_probation_and_cps_inspectorate_only) {
  EXPECT_TRUE(ByCode("HMIPRISONS").sends_embargoed_copies);
  EXPECT_TRUE(ByCode("HMIPROBATION").sends_embargoed_copies);
  EXPECT_TRUE(ByCode("HMCPSI").sends_embargoed_copies);
  EXPECT_FALSE(ByCode("HMICFRS").sends_embargoed_copies);
}

TEST_P(Services, R21_the_sponsor_is_reference_data_and_an_older_directory_is_given_it) {
  EXPECT_EQ(ByCode("HMCPSI").sponsoring_department, "Attorney General's Office");
  EXPECT_EQ(ByCode("HMIPRISONS").sponsoring_department, "Ministry of Justice");
  EXPECT_EQ(ByCode("HMIPROBATION").sponsoring_department, "Ministry of Justice");
  EXPECT_EQ(ByCode("HMICFRS").sponsoring_department, "Home Office");
  auto agencies = [&] {
    BodyQuery q;
    q.type = BodyType::kNationalAgency;
    q.limit = 100;
    std::vector<std::string> names;
    auto page = directory_->Bodies(SystemCaller(), q);
    EXPECT_TRUE(page.ok());
    if (page.ok()) {
      for (const auto& b : page->items) names.push_back(b.name);
    }
    return names;
  };
  EXPECT_THAT(agencies(), ::testing::Contains("Attorney General's Office"));
  const auto before = agencies();
  // A directory loaded before sponsors were reference data: none named,
  // no Attorney General's Office among the bodies.
  ASSERT_THAT(db_->Write([](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.Execute("UPDATE inspectorates SET sponsoring_department = ''").status());
    RETURN_IF_ERROR(tx.Execute("DELETE FROM bodies WHERE code = 'DEPT-AGO'").status());
    return tx.Execute("DELETE FROM reference_data_loads WHERE name = 'directory-sponsors-v1'")
        .status();
  }),
              IsOk());
  EXPECT_EQ(ByCode("HMCPSI").sponsoring_department, "");
  EXPECT_THAT(agencies(), ::testing::Not(::testing::Contains("Attorney General's Office")));
  // Loading the reference data again gives it them, once, audited.
  ASSERT_THAT(directory_->LoadReferenceData(), IsOk());
  EXPECT_EQ(ByCode("HMCPSI").sponsoring_department, "Attorney General's Office");
  EXPECT_EQ(ByCode("HMIPRISONS").sponsoring_department, "Ministry of Justice");
  EXPECT_THAT(agencies(), ::testing::UnorderedElementsAreArray(before));
  auto history = directory_->History(SystemCaller(), "inspectorate", ByCode("HMCPSI").id);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->back().action, "reference-data");
  // A sponsor someone has since changed is kept.
  Inspectorate cps = ByCode("HMCPSI");
  cps.sponsoring_department = "Attorney General's Office (AGO)";
  ASSERT_TRUE(directory_->UpdateInspectorate(As({Role::kAdministrator}), cps).ok());
  ASSERT_THAT(directory_->LoadReferenceData(), IsOk());
  EXPECT_EQ(ByCode("HMCPSI").sponsoring_department, "Attorney General's Office (AGO)");
}

TEST_P(Services, R12_senior_oversight_titles) {
  EXPECT_EQ(ByCode("HMICFRS").senior_oversight_title, "Portfolio Director");
  EXPECT_EQ(ByCode("HMCPSI").senior_oversight_title, "Deputy Chief Inspector");
  EXPECT_EQ(ByCode("HMIPROBATION").senior_oversight_title, "Head of Thematic and Joint Inspection");
  EXPECT_EQ(ByCode("HMIPRISONS").senior_oversight_title, "Team Leader");
}

TEST_P(Services, Foundation_access_denied_by_default) {
  const Caller anonymous;
  EXPECT_THAT(directory_->Bodies(anonymous, {}), StatusIs(StatusCode::kUnauthenticated));
  const Caller inspector = As({Role::kInspector});
  InspectedBody b;
  b.code = "HMP-NEW";
  b.name = "HMP New";
  b.type = BodyType::kPrison;
  EXPECT_THAT(directory_->CreateBody(inspector, b), StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(people_->Users(inspector), StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(VerifyAuditTrail(*db_, inspector), StatusIs(StatusCode::kPermissionDenied));
}

TEST_P(Services, Foundation_csv_import_all_or_nothing) {
  const Caller officer = As({Role::kSecretariat});
  BodyQuery all;
  const int64_t before = directory_->Bodies(officer, all)->total;
  auto bad = directory_->ImportBodiesCsv(officer,
                                         "code,name,type,region,nation\n"
                                         "HMP-ONE,HMP One,prison,North West,england\n"
                                         "HMP-TWO,HMP Two,not_a_type,North West,england\n");
  ASSERT_THAT(bad, StatusIs(StatusCode::kInvalidArgument));
  ASSERT_FALSE(bad.status().field_errors().empty());
  EXPECT_EQ(bad.status().field_errors()[0].field, "line 3: type");
  EXPECT_EQ(directory_->Bodies(officer, all)->total, before);  // nothing saved

  auto good =
      directory_->ImportBodiesCsv(officer,
                                  "code,name,type,region,nation\n"
                                  "HMP-ONE,HMP One,prison,North West,england\n"
                                  "POL-KENT,Kent Police (renamed),police_force,South East,england\n"
                                  "POL-DORSET,Dorset Police,police_force,South West,england\n");
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ(good->created, 1);
  EXPECT_EQ(good->updated, 1);
  EXPECT_EQ(good->unchanged, 1);
  EXPECT_EQ(directory_->Bodies(officer, all)->total, before + 1);
}

TEST_P(Services, Foundation_stale_version_refused_with_what_changed) {
  const Caller alice = As({Role::kSecretariat}, "alice@example.gov.uk");
  const Caller bob = As({Role::kSecretariat}, "bob@example.gov.uk");
  BodyQuery q;
  q.search = "Gwent";
  InspectedBody seen = directory_->Bodies(alice, q)->items.at(0);
  InspectedBody alice_edit = seen;
  alice_edit.region = "South Wales";
  ASSERT_TRUE(directory_->UpdateBody(alice, alice_edit).ok());
  InspectedBody bob_edit = seen;  // from the same, now old, version
  bob_edit.name = "Heddlu Gwent Police";
  auto result = directory_->UpdateBody(bob, bob_edit);
  ASSERT_THAT(result, StatusIs(StatusCode::kAborted));
  auto detail = nlohmann::json::parse(result.status().detail_json());
  EXPECT_EQ(detail["current"]["region"], "South Wales");
  EXPECT_EQ(detail["changes_since_your_version"][0]["by"], "alice@example.gov.uk");
  EXPECT_EQ(detail["changes_since_your_version"][0]["fields"][0], "region");
  EXPECT_EQ(directory_->GetBody(bob, seen.id)->name, "Gwent Police");
}

TEST_P(Services, EveryChangeIsAuditedWithBeforeAndAfter) {
  const Caller officer = As({Role::kSecretariat});
  BodyQuery q;
  q.search = "Cumbria";
  InspectedBody b = directory_->Bodies(officer, q)->items.at(0);
  b.name = "Cumbria Police";
  ASSERT_TRUE(directory_->UpdateBody(officer, b).ok());
  auto history = directory_->History(officer, "body", b.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].action, "reference-data");
  EXPECT_EQ((*history)[1].actor, "officer@example.gov.uk");
  EXPECT_NE((*history)[1].before_json.find("Cumbria Constabulary"), std::string::npos);
  EXPECT_NE((*history)[1].after_json.find("Cumbria Police"), std::string::npos);
}

TEST_P(Services, Foundation_audit_chain_detects_tampering) {
  const Caller admin = As({Role::kAdministrator});
  auto ok = VerifyAuditTrail(*db_, admin);
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->ok) << ok->reason;
  EXPECT_GT(ok->checked, 70);
  // Someone with direct access to the database disables the guard and edits entry 5.
  ASSERT_THAT(db_->Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(tx.ExecuteScript(
        GetParam() == "sqlite" ? "DROP TRIGGER audit_log_no_update"
                               : "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"));
    return tx.Execute("UPDATE audit_log SET after_json = '{}' WHERE seq = 5").status();
  }),
              IsOk());
  auto broken = VerifyAuditTrail(*db_, admin);
  ASSERT_TRUE(broken.ok());
  EXPECT_FALSE(broken->ok);
  EXPECT_EQ(broken->first_broken_seq, 5);
}

TEST_P(Services, SignInSessionsAndSignOut) {
  As({Role::kInspector}, "insp@example.gov.uk");
  EXPECT_THAT(people_->SignIn("insp@example.gov.uk", "wrong password!", "127.0.0.1"),
              StatusIs(StatusCode::kUnauthenticated));
  auto signed_in =
      people_->SignIn(" INSP@example.gov.uk ", "a long enough passphrase", "127.0.0.1");
  ASSERT_TRUE(signed_in.ok()) << signed_in.status().ToString();
  auto caller = people_->CallerFromSession(signed_in->session_token);
  ASSERT_TRUE(caller.ok());
  EXPECT_EQ(caller->caller.email, "insp@example.gov.uk");
  EXPECT_EQ(caller->csrf_token, signed_in->csrf_token);
  clock_.Advance(kSessionLifetimeMicros + 1);
  EXPECT_THAT(people_->CallerFromSession(signed_in->session_token),
              StatusIs(StatusCode::kUnauthenticated));
  auto again = people_->SignIn("insp@example.gov.uk", "a long enough passphrase", "127.0.0.1");
  ASSERT_TRUE(again.ok());
  ASSERT_THAT(people_->SignOut(again->session_token), IsOk());
  EXPECT_THAT(people_->CallerFromSession(again->session_token),
              StatusIs(StatusCode::kUnauthenticated));
}

TEST_P(Services, Foundation_sign_in_throttled_after_repeated_failures) {
  As({Role::kInspector}, "target@example.gov.uk");
  for (int i = 0; i < 5; ++i) {
    EXPECT_THAT(people_->SignIn("target@example.gov.uk", "guess " + std::to_string(i), "10.0.0.1"),
                StatusIs(StatusCode::kUnauthenticated));
  }
  // Even the right password is refused now from that address...
  auto refused = people_->SignIn("target@example.gov.uk", "a long enough passphrase", "10.0.0.1");
  EXPECT_THAT(refused, StatusIs(StatusCode::kResourceExhausted));
  EXPECT_EQ(refused.status().rule(), "throttle");
  // ...but the guesses do not lock the owner out from their own.
  EXPECT_TRUE(
      people_->SignIn("target@example.gov.uk", "a long enough passphrase", "10.0.0.2").ok());
  clock_.AdvanceSeconds(16 * 60);
  EXPECT_TRUE(
      people_->SignIn("target@example.gov.uk", "a long enough passphrase", "10.0.0.1").ok());
  // One address guessing at many accounts is throttled as well.
  for (int i = 0; i < 20; ++i) {
    people_->SignIn("someone" + std::to_string(i) + "@example.gov.uk", "guess", "10.0.0.3")
        .status()
        .IgnoreError();
  }
  EXPECT_THAT(people_->SignIn("target@example.gov.uk", "a long enough passphrase", "10.0.0.3"),
              StatusIs(StatusCode::kResourceExhausted));
}

TEST_P(Services, Foundation_throttles_are_shared_by_every_server_kept_over_a_restart_and_pruned) {
  As({Role::kInspector}, "shared@example.gov.uk");
  for (int i = 0; i < 5; ++i) {
    EXPECT_THAT(people_->SignIn("shared@example.gov.uk", "guess " + std::to_string(i), "10.0.0.7"),
                StatusIs(StatusCode::kUnauthenticated));
  }
  // Another server on the same database sees the failures...
  PeopleService other_server(*db_, clock_, kFastHash);
  EXPECT_THAT(other_server.SignIn("shared@example.gov.uk", "a long enough passphrase", "10.0.0.7"),
              StatusIs(StatusCode::kResourceExhausted));
  // ...and so does this one once restarted.
  people_ = std::make_unique<PeopleService>(*db_, clock_, kFastHash);
  EXPECT_THAT(people_->SignIn("shared@example.gov.uk", "a long enough passphrase", "10.0.0.7"),
              StatusIs(StatusCode::kResourceExhausted));
  EXPECT_TRUE(
      other_server.SignIn("shared@example.gov.uk", "a long enough passphrase", "10.0.0.8").ok());
  // Keys are kept only as hashes; failures that no longer count are
  // deleted as new ones come, so the table holds only the window's.
  auto rows = [&](const char* where) {
    int64_t n = -1;
    EXPECT_THAT(db_->Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne(std::string("SELECT COUNT(*) FROM "
                                                           "throttle_failures WHERE ") +
                                                   where,
                                               {}, "count"));
      n = row.Int(0);
      return OkStatus();
    }),
                IsOk());
    return n;
  };
  EXPECT_EQ(rows("scope = 'sign-in'"), 5);
  EXPECT_EQ(rows("scope = 'sign-in-address'"), 5);
  EXPECT_EQ(rows("key_hash LIKE '%shared@%' OR key_hash LIKE '10.0.0.%'"), 0);
  clock_.AdvanceSeconds(16 * 60);
  EXPECT_THAT(people_->SignIn("shared@example.gov.uk", "one more guess", "10.0.0.9"),
              StatusIs(StatusCode::kUnauthenticated));
  EXPECT_EQ(rows("scope = 'sign-in'"), 1);
  EXPECT_EQ(rows("scope = 'sign-in-address'"), 1);
}

TEST_P(Services, APasswordResetOrDisablingEndsSessionsAndRevokesTokens) {
  const Caller admin = As({Role::kAdministrator}, "admin@example.gov.uk");
  const Caller person = As({Role::kInspector}, "person@example.gov.uk");
  auto token = people_->CreateApiToken(person, "script");
  ASSERT_TRUE(token.ok());
  ASSERT_TRUE(people_->ResetPassword(admin, "person@example.gov.uk").ok());
  EXPECT_THAT(people_->CallerFromApiToken(token->secret), StatusIs(StatusCode::kUnauthenticated));

  const Caller leaver = As({Role::kInspector}, "leaver@example.gov.uk");
  auto kept = people_->CreateApiToken(leaver, "script");
  ASSERT_TRUE(kept.ok());
  ASSERT_TRUE(people_->DisableUser(admin, "leaver@example.gov.uk").ok());
  auto u = people_->GetUser(admin, leaver.user_id);
  ASSERT_TRUE(u.ok());
  u->active = true;
  ASSERT_TRUE(people_->UpdateUser(admin, *u).ok());
  EXPECT_THAT(people_->CallerFromApiToken(kept->secret), StatusIs(StatusCode::kUnauthenticated));
}

TEST_P(Services, ATokenSaysWhenItsOwnerMustStillChangeAOneTimePassword) {
  const Caller me = As({Role::kInspector}, "token.owner@example.gov.uk");
  auto token = people_->CreateApiToken(me, "script");
  ASSERT_TRUE(token.ok());
  auto before = people_->CallerFromApiToken(token->secret);
  ASSERT_TRUE(before.ok());
  EXPECT_FALSE(before->must_change_password);
  // However the account came to need a new password, the site refuses
  // what its tokens ask until it is changed.
  ASSERT_THAT(db_->Write([&](Transaction& tx) {
    return SetPassword(tx, me.user_id, "not a real hash", true, "2026-12-01T00:00:00Z");
  }),
              IsOk());
  auto after = people_->CallerFromApiToken(token->secret);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->must_change_password);
}

TEST_P(Services, ChangingYourPasswordEndsYourOtherSessionsAndIsThrottled) {
  const Caller me = As({Role::kInspector}, "me@example.gov.uk");
  auto here = people_->SignIn("me@example.gov.uk", "a long enough passphrase", "127.0.0.1");
  auto there = people_->SignIn("me@example.gov.uk", "a long enough passphrase", "127.0.0.1");
  ASSERT_TRUE(here.ok() && there.ok());
  ASSERT_THAT(people_->ChangePassword(me, "a long enough passphrase", "another long passphrase",
                                      here->session_token),
              IsOk());
  EXPECT_TRUE(people_->CallerFromSession(here->session_token).ok());
  EXPECT_THAT(people_->CallerFromSession(there->session_token),
              StatusIs(StatusCode::kUnauthenticated));
  for (int i = 0; i < 5; ++i) {
    EXPECT_THAT(people_->ChangePassword(me, "guess " + std::to_string(i), "yet another passphrase"),
                StatusIs(StatusCode::kInvalidArgument));
  }
  auto throttled = people_->ChangePassword(me, "another long passphrase", "yet another passphrase");
  EXPECT_THAT(throttled, StatusIs(StatusCode::kResourceExhausted));
  EXPECT_EQ(throttled.rule(), "throttle");
  clock_.AdvanceSeconds(16 * 60);
  EXPECT_THAT(people_->ChangePassword(me, "another long passphrase", "yet another passphrase"),
              IsOk());
}

TEST_P(Services, ApiTokensAreOwnedAndRevocable) {
  const Caller me = As({Role::kReadOnly}, "me@example.gov.uk");
  const Caller other = As({Role::kReadOnly}, "other@example.gov.uk");
  auto token = people_->CreateApiToken(me, "nightly export");
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(people_->CallerFromApiToken(token->secret)->caller.email, "me@example.gov.uk");
  EXPECT_THAT(people_->RevokeApiToken(other, token->token.id), StatusIs(StatusCode::kNotFound));
  ASSERT_THAT(people_->RevokeApiToken(me, token->token.id), IsOk());
  EXPECT_THAT(people_->CallerFromApiToken(token->secret), StatusIs(StatusCode::kUnauthenticated));
}

TEST_P(Services, DisabledUsersLoseAccessAtOnce) {
  const Caller admin = As({Role::kAdministrator}, "admin@example.gov.uk");
  As({Role::kInspector}, "leaver@example.gov.uk");
  auto s = people_->SignIn("leaver@example.gov.uk", "a long enough passphrase", "127.0.0.1");
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(people_->DisableUser(admin, "leaver@example.gov.uk").ok());
  EXPECT_THAT(people_->CallerFromSession(s->session_token), StatusIs(StatusCode::kUnauthenticated));
  EXPECT_THAT(people_->SignIn("leaver@example.gov.uk", "a long enough passphrase", "127.0.0.1"),
              StatusIs(StatusCode::kUnauthenticated));
}

TEST_P(Services, FirstAdministratorOnlyOnce) {
  auto first = people_->EnsureFirstAdministrator();
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->has_value());
  EXPECT_TRUE((*first)->user.must_change_password);
  EXPECT_GE((*first)->one_time_password.size(), kMinPasswordLength);
  auto second = people_->EnsureFirstAdministrator();
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->has_value());
}

TEST_P(Services, LoadedBankHolidaysReplaceTheShippedYear) {
  CalendarService calendar(*db_, clock_);
  const Caller reader = As({Role::kReadOnly});
  const Date boxing_day_2025 = *Date::Parse("2025-12-26");
  auto shipped = calendar.Calendar(reader);
  ASSERT_TRUE(shipped.ok()) << shipped.status().ToString();
  EXPECT_FALSE(*shipped->IsWorkingDay(boxing_day_2025));
  EXPECT_EQ(shipped->IsWorkingDay(*Date::Parse("2045-01-02")).status().code(),
            StatusCode::kFailedPrecondition);

  // A corrected 2025 (Boxing Day left out, a one-off added) and a new 2045.
  std::string csv = "date,name\n";
  for (const char* d : {"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26",
                        "2025-06-13", "2025-08-25", "2025-12-25"}) {
    csv += std::string(d) + ",Holiday " + d + "\n";
  }
  for (const char* d : {"2045-01-02", "2045-04-07", "2045-04-10", "2045-05-01", "2045-05-29",
                        "2045-08-28", "2045-12-25", "2045-12-26"}) {
    csv += std::string(d) + ",Holiday " + d + "\n";
  }
  EXPECT_THAT(calendar.ImportHolidaysCsv(reader, csv).status(),
              StatusIs(StatusCode::kPermissionDenied));
  auto refused = calendar.ImportHolidaysCsv(SystemCaller(), csv + "2045-13-01,Nothing\n");
  EXPECT_THAT(refused.status(), StatusIs(StatusCode::kInvalidArgument));
  ASSERT_FALSE(refused.status().field_errors().empty());
  EXPECT_EQ(refused.status().field_errors()[0].field, "line 18: date");
  EXPECT_FALSE(calendar.Calendar(reader)->Covers(2045));  // nothing saved

  auto imported = calendar.ImportHolidaysCsv(SystemCaller(), csv);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ(imported->years, (std::vector<int>{2025, 2045}));
  EXPECT_EQ(imported->holidays, 16);
  auto now = calendar.Calendar(reader);
  ASSERT_TRUE(now.ok());
  EXPECT_TRUE(*now->IsWorkingDay(boxing_day_2025));
  EXPECT_FALSE(*now->IsWorkingDay(*Date::Parse("2025-06-13")));
  EXPECT_FALSE(*now->IsWorkingDay(*Date::Parse("2045-01-02")));
  EXPECT_FALSE(*now->IsWorkingDay(*Date::Parse("2024-12-26")));  // 2024 still shipped
  auto listed = calendar.Holidays(reader, 2025);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 8u);
  EXPECT_TRUE(listed->front().loaded);
  EXPECT_FALSE(calendar.Holidays(reader, 2024)->front().loaded);

  // One audit entry per year, with what was in force before.
  ASSERT_THAT(db_->Read([](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto history, AuditOf(tx, "bank_holidays", 2025));
    EXPECT_EQ(history.size(), 1u);
    if (history.empty()) return OkStatus();
    EXPECT_EQ(history[0].action, "import");
    EXPECT_NE(history[0].before_json.find("Boxing Day"), std::string::npos);
    EXPECT_EQ(history[0].after_json.find("Boxing Day"), std::string::npos);
    return OkStatus();
  }),
              IsOk());
}

TEST_P(Services, LoadedPeakLeaveReplacesTheShippedYear) {
  CalendarService calendar(*db_, clock_);
  const Caller reader = As({Role::kReadOnly});
  const auto d = [](const char* iso) { return *Date::Parse(iso); };
  auto shipped = calendar.PeakLeavePeriods(reader, 2026);
  ASSERT_TRUE(shipped.ok()) << shipped.status().ToString();
  ASSERT_EQ(shipped->size(), 3u);
  EXPECT_EQ(shipped->front().period.name, "Easter 2026");
  EXPECT_FALSE(shipped->front().loaded);

  const std::string csv =
      "name,first_day,last_day\n"
      "Summer 2026,2026-07-13,2026-09-04\n"
      "Half term,2026-10-26,2026-10-30\n"
      "Summer 2040,2040-07-20,2040-08-31\n";
  EXPECT_THAT(calendar.ImportPeakLeaveCsv(reader, csv).status(),
              StatusIs(StatusCode::kPermissionDenied));
  auto refused = calendar.ImportPeakLeaveCsv(SystemCaller(), csv + "Bad,2040-09-01,2040-08-01\n");
  EXPECT_THAT(refused.status(), StatusIs(StatusCode::kInvalidArgument));
  ASSERT_FALSE(refused.status().field_errors().empty());
  EXPECT_EQ(refused.status().field_errors()[0].field, "line 5: last_day");
  EXPECT_TRUE(calendar.PeakLeavePeriods(reader, 2040)->empty());  // nothing saved

  auto imported = calendar.ImportPeakLeaveCsv(SystemCaller(), csv);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ(imported->years, (std::vector<int>{2026, 2040}));
  EXPECT_EQ(imported->periods, 3);
  auto now = calendar.PeakLeavePeriods(reader, 2026);
  ASSERT_TRUE(now.ok());
  ASSERT_EQ(now->size(), 2u);  // Easter and Christmas 2026 went with the year
  EXPECT_EQ(now->front().period,
            (PeakLeavePeriod{"Summer 2026", d("2026-07-13"), d("2026-09-04")}));
  EXPECT_TRUE(now->front().loaded);
  EXPECT_FALSE(calendar.PeakLeavePeriods(reader, 2027)->front().loaded);

  // What a use case warns about, inside its own transaction.
  ASSERT_THAT(db_->Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto periods, LoadPeakLeavePeriods(tx));
    const auto touched = PeakLeaveTouched(d("2026-09-01"), d("2026-10-27"), periods);
    EXPECT_EQ(DescribePeakLeave(touched),
              "Summer 2026 (Monday 13 July 2026 to Friday 4 September 2026) and Half term "
              "(Monday 26 October 2026 to Friday 30 October 2026)");
    EXPECT_TRUE(PeakLeaveTouched(d("2026-04-01"), d("2026-04-02"), periods).empty());
    EXPECT_EQ(PeakLeaveTouched(d("2027-04-01"), d("2027-04-02"), periods).size(), 1u);
    ASSIGN_OR_RETURN(auto history, AuditOf(tx, "peak_leave_periods", 2026));
    EXPECT_EQ(history.size(), 1u);
    if (history.empty()) return OkStatus();
    EXPECT_EQ(history[0].action, "import");
    EXPECT_NE(history[0].before_json.find("Easter 2026"), std::string::npos);
    EXPECT_EQ(history[0].after_json.find("Easter 2026"), std::string::npos);
    return OkStatus();
  }),
              IsOk());
}

// What the long-list showed when it filtered every proposal in memory: the
// reference the SQL filters must agree with.
bool ShownByFilter(const ProposalView& v, const ProposalFilter& f) {
  const Proposal& p = v.proposal;
  if (f.type && p.type != *f.type) return false;
  if (f.status && p.status != *f.status) return false;
  if (f.focus && !p.focus.count(*f.focus)) return false;
  if (f.lead) {
    auto leads = LeadsOf(p);
    if (std::find(leads.begin(), leads.end(), *f.lead) == leads.end()) return false;
  }
  if (f.min_score &&
      (v.scoring.combined.count == 0 || v.scoring.combined.mean + 1e-9 < *f.min_score)) {
    return false;
  }
  return f.search.empty() || AsciiLower(p.title).find(AsciiLower(f.search)) != std::string::npos;
}

TEST_P(Services, LongListFiltersInTheDatabaseChooseWhatFilteringInMemoryDid) {
  JointDecisions decisions(*db_, clock_);
  ProgrammeService programme(*db_, clock_, decisions);
  ASSERT_THAT(programme.LoadReferenceData(), IsOk());
  const Caller admin = As({Role::kAdministrator});
  const int64_t police = ByCode("HMICFRS").id;
  const int64_t cps = ByCode("HMCPSI").id;
  const int64_t probation = ByCode("HMIPROBATION").id;
  struct Seed {
    std::string title;
    WorkType type;
    ProposalStatus status;
    int64_t lead;
    Involvement how;
    std::set<Focus> focus;
  };
  const std::vector<Seed> seeds = {
      {"Rural CRIME",
       WorkType::kJointThematic,
       ProposalStatus::kLongList,
       police,
       Involvement::kLead,
       {Focus::kCommunitySafety}},
      {"Crime in prisons",
       WorkType::kJointThematic,
       ProposalStatus::kProgrammed,
       cps,
       Involvement::kJointLead,
       {Focus::kCustodialConditions, Focus::kCommunitySafety}},
      {"Youth justice",
       WorkType::kScopingStudy,
       ProposalStatus::kLongList,
       probation,
       Involvement::kLead,
       {}},
      {"Caf\u00e9 culture and \u00dcbung",
       WorkType::kCore,
       ProposalStatus::kWithdrawn,
       police,
       Involvement::kJointLead,
       {Focus::kValueForMoney}},
      {"100% _wild_ cards",
       WorkType::kOther,
       ProposalStatus::kLongList,
       cps,
       Involvement::kLead,
       {Focus::kVictimAndWitnessExperience}},
  };
  std::vector<int64_t> ids;
  for (const auto& seed : seeds) {
    Proposal p;
    p.title = seed.title;
    p.type = seed.type;
    p.status = seed.status;
    p.duration_quarters = 2;
    p.focus = seed.focus;
    p.participants = {{seed.lead, seed.how, 50}};
    if (seed.how == Involvement::kJointLead) {
      p.participants.push_back({seed.lead == police ? cps : police, Involvement::kJointLead, 20});
    } else {
      p.participants.push_back(
          {probation == seed.lead ? cps : probation, Involvement::kSupport, 10});
    }
    auto created = programme.CreateProposal(admin, p);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    ids.push_back(created->id);
  }
  // Two representatives score some proposals, so combined scores differ and
  // one is unscored.
  auto sets = programme.CriteriaSets(admin);
  ASSERT_TRUE(sets.ok() && !sets->empty());
  const CriteriaSet& set = sets->front();
  auto rep = [&](int64_t inspectorate, const std::string& email) {
    return As({Role::kDgRepresentative}, email, inspectorate);
  };
  const Caller police_rep = rep(police, "dg.police@example.gov.uk");
  const Caller cps_rep = rep(cps, "dg.cps@example.gov.uk");
  auto score = [&](const Caller& who, int64_t proposal, int value) {
    CriterionScores all;
    for (const auto& c : set.criteria) all[c.id] = value;
    ASSERT_THAT(programme.SubmitScores(who, proposal, all, set.id), IsOk());
  };
  score(police_rep, ids[0], 5);
  score(cps_rep, ids[0], 2);
  score(police_rep, ids[1], 3);
  score(cps_rep, ids[3], 1);
  score(police_rep, ids[4], 4);

  auto everything = programme.Proposals(admin, {}, set.id);
  ASSERT_TRUE(everything.ok());
  ASSERT_EQ(everything->size(), seeds.size());
  std::vector<ProposalFilter> filters(1);
  for (WorkType t : {WorkType::kJointThematic, WorkType::kCore, WorkType::kCollaborative}) {
    filters.emplace_back().type = t;
  }
  for (ProposalStatus st : {ProposalStatus::kLongList, ProposalStatus::kWithdrawn}) {
    filters.emplace_back().status = st;
  }
  for (Focus f : {Focus::kCommunitySafety, Focus::kValueForMoney, Focus::kOffenderManagement}) {
    filters.emplace_back().focus = f;
  }
  for (int64_t lead : {police, cps, probation, int64_t{999999}}) filters.emplace_back().lead = lead;
  for (double min : {0.0, 30.0, 60.0, 70.0, 80.0, 100.0}) filters.emplace_back().min_score = min;
  for (const char* text : {"crime", "CRIME", "rIm", "caf\u00e9", "CAF\u00c9", "\u00fcbung",
                           "\u00dcbung", "%", "_wild_", "_", "100% ", "nothing like it"}) {
    filters.emplace_back().search = text;
  }
  ProposalFilter both;
  both.type = WorkType::kJointThematic;
  both.lead = police;
  both.min_score = 50;
  both.search = "crime";
  filters.push_back(both);
  for (size_t i = 0; i < filters.size(); ++i) {
    std::vector<int64_t> expected;
    for (const auto& v : *everything) {
      if (ShownByFilter(v, filters[i])) expected.push_back(v.proposal.id);
    }
    auto shown = programme.ViewLongList(admin, filters[i], set.id, 100, 0);
    ASSERT_TRUE(shown.ok()) << shown.status().ToString();
    EXPECT_EQ(shown->total, static_cast<int64_t>(expected.size())) << "filter " << i;
    // The same proposals a page of two at a time, in the same order.
    std::vector<int64_t> paged;
    for (int64_t offset = 0; offset < shown->total + 2; offset += 2) {
      auto page = programme.Proposals(admin, filters[i], set.id, 2, offset);
      ASSERT_TRUE(page.ok()) << page.status().ToString();
      EXPECT_EQ(page->total, shown->total);
      ASSERT_LE(page->items.size(), 2u);
      for (const auto& v : page->items) paged.push_back(v.proposal.id);
    }
    EXPECT_EQ(paged, expected) << "filter " << i << " a page at a time";
    std::vector<int64_t> got;
    for (const auto& v : shown->proposals) {
      got.push_back(v.proposal.id);
      EXPECT_EQ(v.scoring.combined.count,
                std::find_if(everything->begin(), everything->end(), [&](const auto& all) {
                  return all.proposal.id == v.proposal.id;
                })->scoring.combined.count);
    }
    EXPECT_EQ(got, expected) << "filter " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, Services, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace jointly
