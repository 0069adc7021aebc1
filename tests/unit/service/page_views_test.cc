// The views of the consultation and governance pages: each reads in one
// transaction what the page used to gather with several calls, and returns
// the same. Every test runs on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/consultation_documents.h"
#include "service/consultation_service.h"
#include "service/decision_service.h"
#include "service/directory_service.h"
#include "service/governance_service.h"
#include "service/people_service.h"
#include "service/programme_service.h"
#include "store/counting_database.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/test_database.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

using nlohmann::json;

const PasswordHashParams kFastHash{1, 1024, 1};

// Calls `view` and expects it to open one read transaction and no write.
template <typename View>
auto InOneRead(View view) {
  const TransactionCounts before = CountingDatabase::OnThisThread();
  auto out = view();
  const TransactionCounts after = CountingDatabase::OnThisThread();
  EXPECT_EQ(after.reads - before.reads, 1) << "read transactions";
  EXPECT_EQ(after.writes - before.writes, 0) << "write transactions";
  return out;
}

template <typename T>
json AllJson(const std::vector<T>& items) {
  json out = json::array();
  for (const auto& i : items) out.push_back(ToJson(i));
  return out;
}

json InspectorateNames(const std::vector<Inspectorate>& all) {
  json out = json::array();
  for (const auto& i : all) out.push_back({i.id, i.short_name});
  return out;
}

class PageViews : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string why;
    db_ = testing::NewTestDatabase(GetParam(), &why);
    if (!db_) GTEST_SKIP() << why;
    counting_ = std::make_unique<CountingDatabase>(*db_);
    directory_ = std::make_unique<DirectoryService>(*db_, clock_);
    people_ = std::make_unique<PeopleService>(*db_, clock_, kFastHash);
    decisions_ = std::make_unique<JointDecisions>(*db_, clock_);
    programme_ = std::make_unique<ProgrammeService>(*db_, clock_, *decisions_);
    consultation_ = std::make_unique<ConsultationService>(*counting_, clock_);
    governance_ = std::make_unique<GovernanceService>(*counting_, clock_);
    ASSERT_THAT(directory_->LoadReferenceData(), IsOk());
    ASSERT_THAT(programme_->LoadReferenceData(), IsOk());
    admin_ = As({Role::kAdministrator}, "admin@example.gov.uk");
  }

  Caller As(std::vector<Role> roles, const std::string& email) {
    User u;
    u.email = email;
    u.name = "Test person";
    u.roles = roles;
    auto created = people_->CreateUser(SystemCaller(), u, "a long enough passphrase");
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    Caller c;
    c.user_id = created.ok() ? created->user.id : 0;
    c.email = email;
    c.roles = roles;
    c.active = true;
    return c;
  }

  int64_t IdOf(const std::string& code) {
    for (const auto& i : *directory_->Inspectorates(SystemCaller())) {
      if (i.code == code) return i.id;
    }
    ADD_FAILURE() << "no inspectorate " << code;
    return 0;
  }

  int64_t AddProposal(const std::string& title) {
    Proposal p;
    p.title = title;
    p.type = WorkType::kJointThematic;
    p.duration_quarters = 2;
    p.participants = {{IdOf("HMICFRS"), Involvement::kLead, 50},
                      {IdOf("HMCPSI"), Involvement::kSupport, 10}};
    auto created = programme_->CreateProposal(admin_, p);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? created->id : 0;
  }

  int64_t AddContact(const std::string& organisation, const std::string& email) {
    Contact c;
    c.name = "Office";
    c.organisation = organisation;
    c.email = email;
    c.type = ContactType::kGovernment;
    auto made = consultation_->CreateContact(admin_, c);
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    return made.ok() ? made->id : 0;
  }

  // Gives each consultee of the round without contact details one of its
  // own, so that the round may open (R9).
  Status GiveContacts(int64_t round_id) {
    auto round = consultation_->GetRound(admin_, round_id);
    if (!round.ok()) return round.status();
    for (const Consultee& c : round->consultees) {
      if (c.contact_id || c.dropped) continue;
      const int64_t contact =
          AddContact(c.organisation, "consultee." + std::to_string(c.id) + "@example.gov.uk");
      if (auto attached = consultation_->AttachContact(admin_, c.id, contact); !attached.ok()) {
        return attached.status();
      }
    }
    return OkStatus();
  }

  // Opens the round once each consultee it consults has contact details.
  Status OpenReachable(int64_t round_id) {
    RETURN_IF_ERROR(GiveContacts(round_id));
    return consultation_->OpenRound(admin_, round_id).status();
  }

  // Every proposal's title as the pages used to gather them: from the
  // long-list.
  std::map<int64_t, std::string> TitlesFromTheLongList() {
    std::map<int64_t, std::string> out;
    auto all = programme_->Proposals(admin_, {});
    EXPECT_TRUE(all.ok()) << all.status().ToString();
    if (all.ok()) {
      for (const auto& p : *all) out[p.proposal.id] = p.proposal.title;
    }
    return out;
  }

  // The clock's day is 2026-09-21, in the financial year 2026-27.
  FakeClock clock_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<CountingDatabase> counting_;
  std::unique_ptr<DirectoryService> directory_;
  std::unique_ptr<PeopleService> people_;
  std::unique_ptr<JointDecisions> decisions_;
  std::unique_ptr<ProgrammeService> programme_;
  std::unique_ptr<ConsultationService> consultation_;
  std::unique_ptr<GovernanceService> governance_;
  Caller admin_;
};

TEST_P(PageViews, ConsultationPagesShowWhatTheirSeparateReadsShowed) {
  const int64_t victims = AddProposal("Victims of fraud");
  const int64_t youth = AddProposal("Youth diversion");
  const int64_t contact = AddContact("A Think Tank", "policy@thinktank.example.org");
  ConsultationRound round;
  round.title = "Joint inspection programme consultation";
  round.first_year = 2027;
  round.owner_inspectorate_id = IdOf("HMIPROBATION");
  round.opens_on = Date::ParseOrNone("2026-09-01");
  round.deadline = Date::ParseOrNone("2026-10-31");
  round.sections = {{"Thematic inspections", {"Which themes matter most?", "Anything else?"}}};
  auto created = consultation_->CreateRound(admin_, round);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const int64_t id = created->round.id;
  ASSERT_TRUE(
      consultation_->AddConsultee(admin_, id, contact, ConsulteeCategory::kStakeholder).ok());
  ASSERT_THAT(OpenReachable(id), IsOk());
  ConsultationResponse by_post;
  by_post.round_id = id;
  by_post.name = "A charity";
  by_post.channel = ResponseChannel::kPost;
  by_post.received_on = Date::ParseOrNone("2026-09-20");
  by_post.answers = {{1, "Victims first"}};
  by_post.proposals = {youth};
  ASSERT_TRUE(consultation_->RecordResponse(admin_, by_post).ok());
  ConsultationResponse online;
  online.round_id = id;
  online.name = "A member of the public";
  online.consent_to_publish = true;
  online.answers = {{2, "Fraud, please"}};
  auto receipt = consultation_->SubmitOnline(online, "192.0.2.1");
  ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
  EXPECT_EQ(receipt->round_title, round.title);
  ASSERT_TRUE(consultation_
                  ->TagResponse(admin_, receipt->response_id, {victims, youth}, {"fraud"},
                                std::string("In the programme"))
                  .ok());

  // The list of rounds.
  auto rounds = InOneRead([&] { return consultation_->ViewRounds(admin_); });
  ASSERT_TRUE(rounds.ok()) << rounds.status().ToString();
  EXPECT_EQ(AllJson(rounds->rounds), AllJson(*consultation_->Rounds(admin_)));
  EXPECT_EQ(InspectorateNames(rounds->inspectorates),
            InspectorateNames(*directory_->Inspectorates(admin_)));

  // A round, with the contacts its forms choose from.
  auto shown = InOneRead([&] { return consultation_->ViewRound(admin_, id); });
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_EQ(ToJson(shown->view), ToJson(*consultation_->GetRound(admin_, id)));
  EXPECT_EQ(shown->view.responses, 2);
  EXPECT_EQ(InspectorateNames(shown->inspectorates),
            InspectorateNames(*directory_->Inspectorates(admin_)));
  EXPECT_EQ(AllJson(shown->contacts), AllJson(*consultation_->Contacts(admin_)));
  EXPECT_FALSE(shown->contacts.empty());
  // Someone who may not read contacts sees the round without them, as the
  // page did.
  const Caller reader = As({Role::kReadOnly}, "reader@example.gov.uk");
  auto read_only = InOneRead([&] { return consultation_->ViewRound(reader, id); });
  ASSERT_TRUE(read_only.ok()) << read_only.status().ToString();
  EXPECT_TRUE(read_only->contacts.empty());
  EXPECT_EQ(ToJson(read_only->view), ToJson(shown->view));
  EXPECT_THAT(consultation_->ViewRound(admin_, id + 1000), StatusIs(StatusCode::kNotFound));

  // Its responses, and every proposal they can be tagged to.
  auto responses = InOneRead([&] { return consultation_->ViewResponses(admin_, id); });
  ASSERT_TRUE(responses.ok()) << responses.status().ToString();
  EXPECT_EQ(ToJson(responses->round), ToJson(consultation_->GetRound(admin_, id)->round));
  EXPECT_EQ(AllJson(responses->responses), AllJson(*consultation_->Responses(admin_, id)));
  EXPECT_EQ(responses->responses.size(), 2u);
  EXPECT_EQ(responses->proposal_titles, TitlesFromTheLongList());
  EXPECT_EQ(responses->proposal_titles.at(victims), "Victims of fraud");
  EXPECT_THAT(consultation_->ViewResponses(admin_, id + 1000), StatusIs(StatusCode::kNotFound));

  // "You said, we did", with the titles of the proposals it counts.
  auto summary = InOneRead([&] { return consultation_->ViewSummary(admin_, id); });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(ToJson(summary->summary), ToJson(*consultation_->Summary(admin_, id)));
  EXPECT_FALSE(summary->summary.summary.by_proposal.empty());
  EXPECT_EQ(summary->proposal_titles, TitlesFromTheLongList());
  // Nobody signed in: nothing until it is published.
  EXPECT_THAT(consultation_->ViewSummary(Caller{}, id), StatusIs(StatusCode::kNotFound));
}

TEST_P(PageViews, PublishingGivesTheSummaryAsPublishedFromItsOwnWrite) {
  ConsultationRound round;
  round.title = "Summary round";
  round.first_year = 2027;
  round.opens_on = Date::ParseOrNone("2026-09-01");
  round.deadline = Date::ParseOrNone("2026-10-31");
  round.sections = {{"Everything", {"Anything?"}}};
  auto created = consultation_->CreateRound(admin_, round);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const int64_t id = created->round.id;
  ASSERT_THAT(OpenReachable(id), IsOk());
  ConsultationResponse said;
  said.round_id = id;
  said.name = "Quoted Person";
  said.consent_to_publish = true;
  said.answers = {{1, "Look at youth diversion"}};
  auto receipt = consultation_->SubmitOnline(said, "192.0.2.2");
  ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
  ASSERT_TRUE(
      consultation_
          ->TagResponse(admin_, receipt->response_id, {}, {}, std::string("It is in the programme"))
          .ok());
  ASSERT_TRUE(consultation_->CloseRound(admin_, id).ok());

  const TransactionCounts before = CountingDatabase::OnThisThread();
  auto published = consultation_->PublishSummary(admin_, id);
  const TransactionCounts after = CountingDatabase::OnThisThread();
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  EXPECT_EQ(after.writes - before.writes, 1);
  EXPECT_EQ(after.reads - before.reads, 0);
  EXPECT_TRUE(published->round.summary_published);
  EXPECT_EQ(ToJson(*published), ToJson(*consultation_->Summary(admin_, id)));

  // Now anyone sees it, as the public summary, naming no proposal outside
  // the programme consulted on (there is none here).
  auto shown = InOneRead([&] { return consultation_->ViewSummary(Caller{}, id); });
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_EQ(ToJson(shown->summary), (*consultation_->PublicSummary(id))["summary"])
      << "the released copy is the summary as published";
  EXPECT_TRUE(shown->proposal_titles.empty());
}

TEST_P(PageViews, R10_the_published_summary_counts_responses_about_the_proposals_consulted_on) {
  const int64_t consulted_on = AddProposal("Victims of fraud");
  const int64_t not_public = AddProposal("An idea not in the programme");
  Plan plan;
  plan.first_year = 2027;
  plan.items = {{consulted_on, QuarterIndex(2027, 1)}};
  ASSERT_THAT(programme_->CreatePlan(admin_, plan), IsOk());
  ConsultationRound round;
  round.title = "Counting round";
  round.first_year = 2027;
  round.opens_on = Date::ParseOrNone("2026-09-01");
  round.deadline = Date::ParseOrNone("2026-10-31");
  round.sections = {{"Everything", {"Anything?"}}};
  auto created = consultation_->CreateRound(admin_, round);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const int64_t id = created->round.id;
  ASSERT_THAT(OpenReachable(id), IsOk());
  ConsultationResponse said;
  said.round_id = id;
  said.name = "Unquoted Person";
  said.answers = {{1, "Both, please"}};
  auto receipt = consultation_->SubmitOnline(said, "192.0.2.3");
  ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
  ASSERT_THAT(consultation_->TagResponse(admin_, receipt->response_id, {consulted_on, not_public},
                                         {}, std::string("Kept fraud in the programme")),
              IsOk());
  ASSERT_THAT(consultation_->CloseRound(admin_, id), IsOk());
  ASSERT_THAT(consultation_->PublishSummary(admin_, id), IsOk());

  auto shown = InOneRead([&] { return consultation_->ViewSummary(Caller{}, id); });
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_EQ(shown->summary.summary.by_proposal, (std::map<int64_t, int>{{consulted_on, 1}}))
      << "only proposals of the programme consulted on are counted in public";
  EXPECT_EQ(shown->proposal_titles,
            (std::map<int64_t, std::string>{{consulted_on, "Victims of fraud"}}));
  ASSERT_EQ(shown->summary.summary.questions.size(), 1u);
  EXPECT_EQ(shown->summary.summary.questions[0].we_did,
            std::vector<std::string>{"Kept fraud in the programme"});
  EXPECT_EQ(ToJson(shown->summary), (*consultation_->PublicSummary(id))["summary"])
      << "the released copy is the summary as published";
}

TEST_P(PageViews, GovernancePagesShowWhatTheirSeparateReadsShowed) {
  const int64_t proposal = AddProposal("Victims of fraud");
  auto forced = programme_->ProposeForce(admin_, proposal, Forced::kIn, "Ministers asked for it");
  ASSERT_TRUE(forced.ok()) << forced.status().ToString();
  Member member;
  member.body = GovernanceBody::kDevelopmentGroup;
  member.inspectorate_id = IdOf("HMIPROBATION");
  member.name = "A Member";
  ASSERT_TRUE(governance_->AddMember(admin_, member).ok());
  Meeting meeting;
  meeting.body = GovernanceBody::kCjcig;
  meeting.held_on = "2026-09-21";
  meeting.title = "CJCIG meeting";
  meeting.agenda = {{"Draft programme", "Paper 1"}};
  auto cjcig = governance_->CreateMeeting(admin_, meeting);
  ASSERT_TRUE(cjcig.ok()) << cjcig.status().ToString();
  meeting.body = GovernanceBody::kDevelopmentGroup;
  meeting.title = "Development Group meeting";
  auto dg = governance_->CreateMeeting(admin_, meeting);
  ASSERT_TRUE(dg.ok()) << dg.status().ToString();
  const int64_t at = cjcig->meeting.id;
  MeetingDecision decided;
  decided.meeting_id = at;
  decided.text = "Force it in";
  decided.proposal_id = proposal;
  decided.joint_decision_id = forced->stored.decision.id;
  ASSERT_TRUE(governance_->AddDecision(admin_, decided).ok());
  Action action;
  action.meeting_id = at;
  action.text = "Write the paper";
  action.owner = "HMICFRS";
  action.due_on = "2026-09-21";
  ASSERT_TRUE(governance_->AddAction(admin_, action).ok());
  std::vector<int64_t> referrals;
  for (const char* subject : {"Capacity for 2027-28", "Balance of themes"}) {
    Referral r;
    r.meeting_id = dg->meeting.id;
    r.subject = subject;
    auto referred = governance_->Refer(admin_, r);
    ASSERT_TRUE(referred.ok()) << referred.status().ToString();
    referrals.push_back(referred->id);
  }
  ASSERT_TRUE(governance_->DecideReferral(admin_, referrals[0], at, "Defer one thematic").ok());
  ReferenceGroup group;
  group.proposal_id = proposal;
  group.name = "Fraud reference group";
  group.members = {{"A Person", "Victim Support"}};
  ASSERT_TRUE(governance_->CreateReferenceGroup(admin_, group).ok());

  // Before a rotation is agreed, nobody chairs.
  auto unagreed = InOneRead([&] { return governance_->ViewGovernance(admin_); });
  ASSERT_TRUE(unagreed.ok()) << unagreed.status().ToString();
  EXPECT_FALSE(unagreed->rotation.has_value());
  EXPECT_TRUE(unagreed->chairs.empty());
  Rotation rotation;
  rotation.order = {IdOf("HMIPRISONS"), IdOf("HMICFRS"), IdOf("HMIPROBATION"), IdOf("HMCPSI")};
  rotation.first_year = 2020;
  ASSERT_TRUE(consultation_->SetRotation(admin_, rotation, "Agreed at CJCIG").ok());

  // The overview.
  auto overview = InOneRead([&] { return governance_->ViewGovernance(admin_); });
  ASSERT_TRUE(overview.ok()) << overview.status().ToString();
  auto separately = governance_->Overview(admin_);
  ASSERT_TRUE(separately.ok());
  EXPECT_EQ(AllJson(overview->overview.members), AllJson(separately->members));
  EXPECT_EQ(AllJson(overview->overview.meetings), AllJson(separately->meetings));
  EXPECT_EQ(AllJson(overview->overview.open_actions), AllJson(separately->open_actions));
  EXPECT_EQ(AllJson(overview->overview.referrals), AllJson(separately->referrals));
  EXPECT_EQ(AllJson(overview->overview.reference_groups), AllJson(separately->reference_groups));
  EXPECT_EQ(overview->this_year, 2026);
  ASSERT_TRUE(overview->rotation.has_value());
  EXPECT_EQ(overview->rotation->order, consultation_->GetRotation(admin_)->order);
  EXPECT_EQ(overview->rotation->first_year, 2020);
  auto chairs = consultation_->Chairs(admin_, 2026, 6);
  ASSERT_TRUE(chairs.ok());
  ASSERT_EQ(overview->chairs.size(), chairs->size());
  for (size_t i = 0; i < chairs->size(); ++i) {
    EXPECT_EQ(overview->chairs[i].year, (*chairs)[i].year);
    EXPECT_EQ(overview->chairs[i].inspectorate_id, (*chairs)[i].inspectorate_id);
  }
  ASSERT_FALSE(overview->chairs.empty());
  EXPECT_EQ(overview->chairs.front().year, 2026);
  // Position (2026 - 2020) mod 4 of the order chairs in 2026-27.
  EXPECT_EQ(overview->chairs.front().inspectorate_id, IdOf("HMIPROBATION"));
  EXPECT_EQ(InspectorateNames(overview->inspectorates),
            InspectorateNames(*directory_->Inspectorates(admin_)));
  EXPECT_EQ(overview->proposal_titles, TitlesFromTheLongList());

  // A meeting, with every referral CJCIG has still to decide and the
  // joint decisions its decisions can name.
  auto shown = InOneRead([&] { return governance_->ViewMeeting(admin_, at); });
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_EQ(ToJson(shown->view), ToJson(*governance_->GetMeeting(admin_, at)));
  json open = json::array();
  for (const auto& r : separately->referrals) {
    if (r.state == ReferralState::kOpen) open.push_back(ToJson(r));
  }
  EXPECT_EQ(AllJson(shown->open_referrals), open);
  ASSERT_EQ(shown->open_referrals.size(), 1u);
  EXPECT_EQ(shown->open_referrals[0].id, referrals[1]);
  EXPECT_EQ(shown->proposal_titles, TitlesFromTheLongList());
  auto joint = decisions_->List(admin_, false);
  ASSERT_TRUE(joint.ok());
  ASSERT_EQ(shown->joint_decisions.size(), joint->size());
  for (size_t i = 0; i < joint->size(); ++i) {
    EXPECT_EQ(shown->joint_decisions[i].id, (*joint)[i].stored.decision.id);
    EXPECT_EQ(shown->joint_decisions[i].subject, (*joint)[i].stored.decision.subject);
  }
  EXPECT_THAT(governance_->ViewMeeting(admin_, at + 1000), StatusIs(StatusCode::kNotFound));
}

// Rounds over time, on the fake clock: a round is never started already
// over, and once its deadline passes it closes on its own.

ConsultationRound RoundOn(int first_year, int years, const char* deadline) {
  ConsultationRound round;
  round.title = "Round on " + FinancialYear(first_year).Label();
  round.first_year = first_year;
  round.years = years;
  round.opens_on = Date::ParseOrNone("2026-09-01");
  round.deadline = Date::ParseOrNone(deadline);
  round.sections = {{"Everything", {"Anything?"}}};
  return round;
}

constexpr int64_t kDay = 24 * 60 * 60;

TEST_P(PageViews,
       a_round_starts_only_before_its_deadline_and_one_round_at_a_time_consults_on_a_year) {
  // Today is 2026-09-21.
  auto past = consultation_->CreateRound(admin_, RoundOn(2027, 1, "2026-09-20"));
  ASSERT_THAT(past, StatusIs(StatusCode::kInvalidArgument));
  ASSERT_EQ(past.status().field_errors().size(), 1u);
  EXPECT_EQ(past.status().field_errors()[0].field, "deadline");
  EXPECT_EQ(past.status().field_errors()[0].rule, "deadline-passed");
  EXPECT_NE(past.status().field_errors()[0].message.find("has passed"), std::string::npos);
  auto first = consultation_->CreateRound(admin_, RoundOn(2027, 1, "2026-09-21"));
  ASSERT_TRUE(first.ok()) << first.status().ToString() << ": the last day may be today";
  ASSERT_THAT(GiveContacts(first->round.id), IsOk());
  ASSERT_TRUE(consultation_->OpenRound(admin_, first->round.id).ok());
  // A second round on 2027-28 may be drawn up, but opens only once the
  // first has closed.
  auto second = consultation_->CreateRound(admin_, RoundOn(2027, 2, "2026-10-30"));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  ASSERT_THAT(GiveContacts(second->round.id), IsOk());
  auto overlapping = consultation_->OpenRound(admin_, second->round.id);
  ASSERT_THAT(overlapping, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(overlapping.status().rule(), "one-open-round-a-year");
  EXPECT_NE(overlapping.status().message().find("“Round on 2027-28” already consults on 2027-28"),
            std::string::npos)
      << overlapping.status().message();
  auto elsewhere = consultation_->CreateRound(admin_, RoundOn(2029, 1, "2026-10-30"));
  ASSERT_TRUE(elsewhere.ok());
  ASSERT_THAT(GiveContacts(elsewhere->round.id), IsOk());
  EXPECT_TRUE(consultation_->OpenRound(admin_, elsewhere->round.id).ok()) << "another year";
  clock_.AdvanceSeconds(kDay);  // the first round closed on its own overnight
  ASSERT_THAT(GiveContacts(second->round.id), IsOk());
  auto opened = consultation_->OpenRound(admin_, second->round.id);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->round.state, RoundState::kOpen) << "opened is open";
  // A draft whose deadline passed is not opened, only to be closed.
  auto late = consultation_->CreateRound(admin_, RoundOn(2031, 1, "2026-10-01"));
  ASSERT_TRUE(late.ok());
  clock_.AdvanceSeconds(20 * kDay);
  ASSERT_THAT(GiveContacts(late->round.id), IsOk());
  auto too_late = consultation_->OpenRound(admin_, late->round.id);
  ASSERT_THAT(too_late, StatusIs(StatusCode::kInvalidArgument));
  EXPECT_EQ(too_late.status().rule(), "deadline-passed");
}

TEST_P(PageViews, R10_responses_after_the_deadline_are_refused_online_and_recorded_as_late) {
  auto created = consultation_->CreateRound(admin_, RoundOn(2027, 1, "2026-09-30"));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const int64_t id = created->round.id;
  ASSERT_THAT(GiveContacts(id), IsOk());
  ASSERT_TRUE(consultation_->OpenRound(admin_, id).ok());
  clock_.AdvanceSeconds(10 * kDay);  // 1 October 2026
  ConsultationResponse online;
  online.round_id = id;
  online.name = "Too late";
  online.answers = {{1, "Hello"}};
  auto refused = consultation_->SubmitOnline(online, "192.0.2.1");
  ASSERT_THAT(refused, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(refused.status().rule(), "R10");
  ConsultationResponse by_post;
  by_post.round_id = id;
  by_post.name = "By post";
  by_post.channel = ResponseChannel::kPost;
  by_post.received_on = Date::ParseOrNone("2026-10-01");
  by_post.answers = {{1, "More victims work"}};
  auto late = consultation_->RecordResponse(admin_, by_post);
  ASSERT_TRUE(late.ok()) << late.status().ToString();
  EXPECT_TRUE(late->late);
  by_post.name = "By email";
  by_post.channel = ResponseChannel::kEmail;
  by_post.received_on = Date::ParseOrNone("2026-09-29");
  auto in_time = consultation_->RecordResponse(admin_, by_post);
  ASSERT_TRUE(in_time.ok()) << in_time.status().ToString();
  EXPECT_FALSE(in_time->late);
}

// Every word of a document, a block a line.
std::string Words(const Document& doc) {
  std::string out;
  for (const auto& b : doc.blocks) out += b.label + " " + b.text + "\n";
  return out;
}

TEST_P(PageViews, R10_a_round_closed_early_judges_lateness_by_the_day_it_closed_and_says_so) {
  auto created = consultation_->CreateRound(admin_, RoundOn(2027, 1, "2026-10-30"));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const int64_t id = created->round.id;
  ASSERT_THAT(OpenReachable(id), IsOk());
  ASSERT_THAT(consultation_->CloseRound(admin_, id), IsOk());  // 21 September 2026
  clock_.AdvanceSeconds(2 * kDay);
  ConsultationResponse by_post;
  by_post.round_id = id;
  by_post.name = "On the day it closed";
  by_post.channel = ResponseChannel::kPost;
  by_post.received_on = Date::ParseOrNone("2026-09-21");
  by_post.answers = {{1, "In time"}};
  auto in_time = consultation_->RecordResponse(admin_, by_post);
  ASSERT_TRUE(in_time.ok()) << in_time.status().ToString();
  EXPECT_FALSE(in_time->late);
  by_post.name = "After it closed";
  by_post.received_on = Date::ParseOrNone("2026-09-22");
  auto late = consultation_->RecordResponse(admin_, by_post);
  ASSERT_TRUE(late.ok()) << late.status().ToString();
  EXPECT_TRUE(late->late) << "after the early close, though before the old deadline";

  auto pack = consultation_->Pack(admin_, id);
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  pack->respond_url = "https://example.org/consultations/1/respond";
  for (const Document& doc : {ConsultationDocument(*pack), CoveringLetter(*pack)}) {
    const std::string words = Words(doc);
    EXPECT_NE(words.find("closed on Monday 21 September 2026"), std::string::npos) << words;
    EXPECT_EQ(words.find("Friday 30 October 2026"), std::string::npos) << words;
    EXPECT_EQ(words.find(pack->respond_url), std::string::npos) << "no longer invites responses";
  }
  auto summary = consultation_->Summary(admin_, id);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_NE(Words(SummaryDocument(summary->round, summary->summary))
                .find("We received 2 responses, 1 of them after it closed early, on Monday 21 "
                      "September 2026."),
            std::string::npos);
}

TEST_P(PageViews, R10_a_round_closes_on_its_own_at_the_end_of_its_deadline_day) {
  auto created = consultation_->CreateRound(admin_, RoundOn(2027, 1, "2026-09-21"));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const int64_t id = created->round.id;
  ASSERT_THAT(GiveContacts(id), IsOk());
  ASSERT_TRUE(consultation_->OpenRound(admin_, id).ok());
  EXPECT_EQ(consultation_->GetRound(admin_, id)->round.state, RoundState::kOpen)
      << "open all its last day";
  clock_.AdvanceSeconds(kDay);
  EXPECT_EQ(consultation_->GetRound(admin_, id)->round.state, RoundState::kClosed)
      << "closed without anyone closing it";
  EXPECT_EQ(consultation_->Rounds(admin_)->front().state, RoundState::kClosed);
  EXPECT_THAT(consultation_->CloseRound(admin_, id), StatusIs(StatusCode::kFailedPrecondition))
      << "it is closed already";
}

INSTANTIATE_TEST_SUITE_P(Backends, PageViews, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace jointly
