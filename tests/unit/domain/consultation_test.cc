// Consultation (R9, R10) and governance rotation (R20).
#include "domain/consultation.h"

#include <gtest/gtest.h>

#include <set>

#include "core/clock.h"
#include "domain/consultation_documents.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

std::vector<Inspectorate> Directory() {
  auto make = [](int64_t id, const char* code, InspectorateKind kind) {
    Inspectorate i;
    i.id = id;
    i.code = code;
    i.short_name = code;
    i.kind = kind;
    return i;
  };
  std::vector<Inspectorate> all = {
      make(1, "HMICFRS", InspectorateKind::kCriminalJustice),
      make(2, "HMCPSI", InspectorateKind::kCriminalJustice),
      make(3, "HMIPROBATION", InspectorateKind::kCriminalJustice),
      make(4, "HMIPRISONS", InspectorateKind::kCriminalJustice),
      make(5, "HMICA", InspectorateKind::kCriminalJustice),
      make(6, "OFSTED", InspectorateKind::kPartner),
      make(7, "CQC", InspectorateKind::kPartner),
      make(8, "HIW", InspectorateKind::kPartner),
      make(9, "AGW", InspectorateKind::kPartner),
  };
  all[4].closed_year = 2010;
  return all;
}

ConsultationRound Round() {
  ConsultationRound r;
  r.title = "Joint inspection programme 2020-21 and 2021-22";
  r.first_year = 2020;
  r.years = 2;
  r.opens_on = *Date::Parse("2020-01-06");
  r.deadline = *Date::Parse("2020-02-28");
  r.state = RoundState::kOpen;
  r.sections = {{"Core inspections", {"Are these the right areas?", "What should change?"}},
                {"Thematic inspections", {"Which themes matter most?"}}};
  return r;
}

TEST(Consultation, R9_statutory_consultees_are_proposed_for_every_round) {
  const auto slots = StatutoryConsultees(Directory(), 3);  // HMI Probation consults
  std::vector<std::string> names;
  for (const auto& s : slots) names.push_back(s.organisation);
  EXPECT_EQ(names, (std::vector<std::string>{"CJ Ministers", "HMICFRS", "HMCPSI", "HMIPRISONS",
                                             "OFSTED", "CQC", "HIW", "AGW"}));
  for (const auto& s : slots) EXPECT_TRUE(IsStatutory(s.category));
  // The joint secretariat's round consults all four CJ Chief Inspectors.
  EXPECT_EQ(StatutoryConsultees(Directory(), std::nullopt).size(), 9u);
}

TEST(Consultation, R9_a_statutory_consultee_is_dropped_only_with_a_reason) {
  Consultee c;
  c.category = ConsulteeCategory::kHiw;
  c.organisation = "HIW";
  Status s = DropConsultee(c, "  ");
  EXPECT_EQ(s.rule(), "R9");
  ASSERT_FALSE(s.field_errors().empty());
  EXPECT_EQ(s.field_errors().front().field, "reason");
  EXPECT_FALSE(c.dropped);
  EXPECT_TRUE(DropConsultee(c, "No Welsh work in this round").ok());
  EXPECT_TRUE(c.dropped);
  Consultee stakeholder;
  stakeholder.category = ConsulteeCategory::kStakeholder;
  EXPECT_TRUE(DropConsultee(stakeholder, "").ok());
}

TEST(Consultation, R9_a_round_opens_only_once_every_consultee_it_consults_can_be_reached) {
  ConsultationRound round = Round();
  round.state = RoundState::kDraft;
  Consultee reached;
  reached.organisation = "Ofsted";
  reached.category = ConsulteeCategory::kOfstedChiefInspector;
  reached.contact_id = 4;
  Consultee unreached;
  unreached.organisation = "HIW";
  unreached.category = ConsulteeCategory::kHiw;
  const Status refused = CanOpenRound(round, {reached, unreached});
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.rule(), "R9");
  EXPECT_NE(refused.message().find("HIW has no contact details"), std::string::npos)
      << refused.message();
  EXPECT_EQ(refused.message().find("Ofsted"), std::string::npos);
  ASSERT_TRUE(DropConsultee(unreached, "No Welsh work in this round").ok());
  EXPECT_TRUE(CanOpenRound(round, {reached, unreached}).ok()) << "a dropped one needs none";
  round.state = RoundState::kOpen;
  EXPECT_EQ(CanOpenRound(round, {reached}).rule(), "round-state");
}

TEST(Consultation, R9_the_final_programme_is_sent_once_published_and_never_holds_the_round_open) {
  ConsultationRound round = Round();
  // The round closes whatever the dispatch register says: the programme
  // is prepared after the consultation.
  EXPECT_TRUE(CanCloseRound(round).ok());
  round.state = RoundState::kDraft;
  EXPECT_EQ(CanCloseRound(round).rule(), "round-state");
  // A dispatch copies the final programme: refused while there is none.
  for (std::optional<PlanState> state :
       {std::optional<PlanState>(), std::optional(PlanState::kDraft),
        std::optional(PlanState::kAgreed), std::optional(PlanState::kWithMinisters)}) {
    const Status s = CanRecordDispatch(round, state);
    EXPECT_EQ(s.rule(), "R9");
    EXPECT_NE(s.message().find("2020-21"), std::string::npos) << s.message();
  }
  EXPECT_TRUE(CanRecordDispatch(round, PlanState::kPublished).ok());
  // Who is still owed a copy: statutory consultees not dropped.
  std::vector<Consultee> consultees(3);
  consultees[0] = {1, 1, 10, ConsulteeCategory::kMinister, std::nullopt, "CJ Ministers", false, ""};
  consultees[1] = {2, 1, 11, ConsulteeCategory::kCqc, 7, "CQC", false, ""};
  consultees[2] = {
      3, 1, 12, ConsulteeCategory::kStakeholder, std::nullopt, "Victims' Commissioner", false, ""};
  std::vector<Dispatch> sent = {
      {1, 1, Date::FromCivil(2020, 4, 1), "email", "Business plan and framework", 5}};
  auto owed = NotYetSent(consultees, sent);
  ASSERT_EQ(owed.size(), 1u);
  EXPECT_EQ(owed[0].organisation, "CQC");  // stakeholders are not owed one
  ASSERT_TRUE(DropConsultee(consultees[1], "Not concerned this year").ok());
  EXPECT_TRUE(NotYetSent(consultees, sent).empty());
}

TEST(Consultation, R10_a_round_closes_on_its_own_after_its_deadline_day) {
  ConsultationRound round = Round();
  CloseAfterDeadline(round, *Date::Parse("2020-02-28"));
  EXPECT_EQ(round.state, RoundState::kOpen);
  CloseAfterDeadline(round, *Date::Parse("2020-02-29"));
  EXPECT_EQ(round.state, RoundState::kClosed);
  ConsultationRound draft = Round();
  draft.state = RoundState::kDraft;
  CloseAfterDeadline(draft, *Date::Parse("2021-01-01"));
  EXPECT_EQ(draft.state, RoundState::kDraft);  // never opened, never closed
}

TEST(Consultation, R10_responses_after_the_deadline_are_late_and_the_form_closes) {
  ConsultationRound round = Round();
  EXPECT_FALSE(IsLate(round, *Date::Parse("2020-02-28")));
  EXPECT_TRUE(IsLate(round, *Date::Parse("2020-02-29")));
  EXPECT_TRUE(AcceptsOnlineResponses(round, *Date::Parse("2020-02-28")).ok());
  EXPECT_EQ(AcceptsOnlineResponses(round, *Date::Parse("2020-02-29")).message(),
            "This consultation closed at the end of Friday 28 February 2020; contact the joint "
            "secretariat if you still wish to respond");
  EXPECT_EQ(AcceptsOnlineResponses(round, *Date::Parse("2020-02-29")).rule(), "R10");
  EXPECT_EQ(AcceptsOnlineResponses(round, *Date::Parse("2020-01-05")).rule(), "R10");
  round.state = RoundState::kClosed;
  EXPECT_EQ(AcceptsOnlineResponses(round, *Date::Parse("2020-02-01")).rule(), "R10");
}

TEST(Consultation, R10_a_round_closed_early_judges_lateness_against_the_day_it_closed) {
  ConsultationRound round = Round();
  round.state = RoundState::kClosed;
  round.closed_on = *Date::Parse("2020-02-10");
  EXPECT_TRUE(ClosedEarly(round));
  EXPECT_EQ(LastDayForResponses(round), *Date::Parse("2020-02-10"));
  EXPECT_FALSE(IsLate(round, *Date::Parse("2020-02-10"))) << "received the day it closed";
  EXPECT_TRUE(IsLate(round, *Date::Parse("2020-02-11")))
      << "received after the early close, though before the old deadline";
  EXPECT_EQ(AcceptsOnlineResponses(round, *Date::Parse("2020-02-20")).message(),
            "This consultation closed on Monday 10 February 2020; contact the joint "
            "secretariat if you still wish to respond");
  // A round that closed on its own keeps its deadline.
  round.closed_on = Date();
  EXPECT_FALSE(ClosedEarly(round));
  EXPECT_FALSE(IsLate(round, *Date::Parse("2020-02-28")));
  EXPECT_TRUE(IsLate(round, *Date::Parse("2020-02-29")));
}

TEST(Consultation, ResponsesAnswerQuestionsTheRoundHasWithinSize) {
  const ConsultationRound round = Round();
  ConsultationResponse r;
  r.name = "A Respondent";
  const Status unanswered = ValidateResponse(round, r);
  ASSERT_FALSE(unanswered.field_errors().empty());
  EXPECT_EQ(unanswered.field_errors().front().field, "answers");
  r.answers = {{1, "Yes"}, {4, "Extra"}, {3, std::string(kMaxAnswerChars + 1, 'a')}};
  Status s = ValidateResponse(round, r);
  std::vector<std::string> fields;
  for (const auto& e : s.field_errors()) fields.push_back(e.field + ":" + e.rule);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"answers.3:max-length", "answers.4:unknown-question"}));
  r.answers = {{1, "Yes"}, {3, "Victims"}};
  EXPECT_TRUE(ValidateResponse(round, r).ok());
}

TEST(Consultation, RoundsNeedDatesInOrderAndQuestions) {
  ConsultationRound r = Round();
  EXPECT_TRUE(ValidateRound(r).ok());
  r.deadline = *Date::Parse("2020-01-06");
  r.years = 3;
  r.sections[1].questions.clear();
  std::vector<std::string> fields;
  const Status invalid = ValidateRound(r);
  for (const auto& e : invalid.field_errors()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"years", "deadline", "sections[1].questions"}));
  r.deadline = Date::ParseOrNone("2020-02-30");
  const Status bad_date = ValidateRound(r);
  ASSERT_GE(bad_date.field_errors().size(), 2u);
  EXPECT_EQ(bad_date.field_errors()[1].rule, "date");
}

TEST(Consultation, AConsulteeNeedsContactDetails) {
  Contact c;
  c.name = "Victims' Commissioner";
  c.organisation = "Office of the Victims' Commissioner";
  Status s = ValidateContact(c);
  ASSERT_THAT(s, StatusIs(StatusCode::kInvalidArgument));
  ASSERT_FALSE(s.field_errors().empty());
  EXPECT_EQ(s.field_errors().front().field, "email");
  c.email = "not-an-address";
  const Status bad_email = ValidateContact(c);
  ASSERT_FALSE(bad_email.field_errors().empty());
  EXPECT_EQ(bad_email.field_errors().front().rule, "email");
  c.email = "commissioner@example.org";
  EXPECT_TRUE(ValidateContact(c).ok());
}

TEST(Consultation,
     consultation_before_its_years_a_round_opens_before_the_first_year_it_consults_on) {
  ConsultationRound r = Round();  // 2020-21, opening in January 2020
  EXPECT_TRUE(ValidateRound(r).ok());
  r.opens_on = *Date::Parse("2020-03-31");
  r.deadline = *Date::Parse("2020-05-29");
  EXPECT_TRUE(ValidateRound(r).ok()) << "the last day before the year begins";
  r.opens_on = *Date::Parse("2020-04-01");
  const Status in_the_year = ValidateRound(r);
  ASSERT_EQ(in_the_year.field_errors().size(), 1u);
  EXPECT_EQ(in_the_year.field_errors()[0].field, "opens_on");
  EXPECT_EQ(in_the_year.field_errors()[0].rule, "consultation-before-its-years");
  r.first_year = 2017;  // years before it opens
  r.opens_on = *Date::Parse("2026-11-30");
  r.deadline = *Date::Parse("2026-12-31");
  const Status years_after = ValidateRound(r);
  ASSERT_EQ(years_after.field_errors().size(), 1u);
  EXPECT_NE(years_after.field_errors()[0].message.find("before 2017-18 begins"), std::string::npos)
      << years_after.field_errors()[0].message;
}

TEST(Consultation, R10_the_summary_quotes_only_those_who_consented_and_waits_for_we_did) {
  ConsultationRound round = Round();
  round.state = RoundState::kOpen;
  ConsultationResponse open;
  open.name = "Pat";
  open.organisation = "Victims First";
  open.consent_to_publish = true;
  open.answers = {{1, "Victims"}, {2, "  "}};
  open.topics = {"victims"};
  open.proposals = {7};
  ConsultationResponse closed;
  closed.name = "Sam";
  closed.answers = {{1, "Private"}};
  closed.late = true;
  const ResponseSummary s = SummariseResponses(round, {open, closed});
  EXPECT_EQ(s.responses, 2);
  EXPECT_EQ(s.late, 1);
  EXPECT_EQ(s.not_quoted, 1);
  ASSERT_EQ(s.questions.size(), 3u);
  EXPECT_EQ(s.questions[0].answers, 2);
  ASSERT_EQ(s.questions[0].said.size(), 1u);
  EXPECT_EQ(s.questions[0].said[0].who, "Pat, Victims First");
  EXPECT_EQ(s.questions[1].answers, 0);  // a blank answer is no answer
  EXPECT_EQ(s.by_proposal.at(7), 1);
  EXPECT_EQ(s.by_topic.at("victims"), 1);

  Status not_closed = CanPublishSummary(round, {open, closed});
  EXPECT_EQ(not_closed.rule(), "R10");
  EXPECT_NE(not_closed.message().find("once the consultation has closed"), std::string::npos);
  round.state = RoundState::kClosed;
  Status no_we_did = CanPublishSummary(round, {open, closed});
  EXPECT_EQ(no_we_did.rule(), "R10");
  EXPECT_NE(no_we_did.message().find("Record what was done about 2 responses"), std::string::npos);
  open.our_response = "Kept in the programme";
  closed.our_response = "Noted";
  EXPECT_TRUE(CanPublishSummary(round, {open, closed}).ok());
}

TEST(Consultation, WhatWeDidIsSaidOncePerQuestion) {
  ConsultationRound round = Round();
  ConsultationResponse first;
  first.name = "Pat";
  first.consent_to_publish = true;
  first.answers = {{1, "Victims"}, {3, "Youth"}};
  first.our_response = "Kept in the programme";
  ConsultationResponse second = first;
  second.name = "Sam";
  second.answers = {{1, "Victims too"}};
  ConsultationResponse third = first;
  third.name = "Kim";
  third.answers = {{1, "Courts"}};
  third.our_response = "";
  const ResponseSummary s = SummariseResponses(round, {first, second, third});
  ASSERT_EQ(s.questions.size(), 3u);
  EXPECT_EQ(s.questions[0].said.size(), 3u);
  EXPECT_EQ(s.questions[0].we_did, std::vector<std::string>{"Kept in the programme"});
  EXPECT_TRUE(s.questions[1].we_did.empty()) << "no answers, nothing done";
  EXPECT_EQ(s.questions[2].we_did, std::vector<std::string>{"Kept in the programme"});
}

TEST(Consultation, R10_what_we_did_is_said_for_answers_that_may_not_be_quoted) {
  ConsultationRound round = Round();
  ConsultationResponse unquoted;
  unquoted.name = "Sam";
  unquoted.consent_to_publish = false;
  unquoted.answers = {{2, "Please look at youth courts"}};
  unquoted.our_response = "Added a review of youth courts";
  const ResponseSummary s = SummariseResponses(round, {unquoted});
  ASSERT_EQ(s.questions.size(), 3u);
  EXPECT_EQ(s.questions[1].answers, 1);
  EXPECT_TRUE(s.questions[1].said.empty()) << "the words are not quoted";
  EXPECT_EQ(s.questions[1].we_did, std::vector<std::string>{"Added a review of youth courts"});
}

PackRecipient To(std::string name, std::string organisation, ConsulteeCategory category,
                 CopyGroup group = CopyGroup::kOther) {
  PackRecipient r;
  r.name = std::move(name);
  r.organisation = std::move(organisation);
  r.category = category;
  r.group = group;
  return r;
}

ConsultationPack Pack() {
  ConsultationPack pack;
  pack.round = Round();
  pack.round.deadline = *Date::Parse("2020-05-29");
  pack.owner.full_name = "HM Inspectorate of Probation";
  pack.owner.head_name = "Justin Russell";
  pack.owner.head_title = "HM Chief Inspector of Probation";
  pack.owner.address = "1 Bridge Street West, Manchester M3 3FX";
  pack.owner.email = "consultation@probation.example";
  pack.owner.queries_name = "Louise Falshaw";
  pack.respond_url = "https://jointly.example/consultations/3/respond";
  pack.date = *Date::Parse("2020-03-23");
  const auto stakeholder = ConsulteeCategory::kStakeholder;
  pack.addressed = {To("", "CJ Ministers", ConsulteeCategory::kMinister),
                    To("Amanda Spielman", "Ofsted", ConsulteeCategory::kOfstedChiefInspector)};
  pack.copied = {To("Pat Smith", "A charity", stakeholder, CopyGroup::kOther),
                 To("Sam Jones", "MoJ", stakeholder, CopyGroup::kDepartment),
                 To("Rhys Evans", "Welsh Government", stakeholder, CopyGroup::kWales),
                 To("Kim Lee", "YJB", stakeholder, CopyGroup::kYouth),
                 To("Ali Khan", "HMPPS", stakeholder, CopyGroup::kAgency)};
  PlanDocument programme;
  programme.year_label = "2020-21";
  programme.first_year = 2020;
  programme.parts.push_back(
      {"Joint thematic inspections",
       "",
       "Lead inspectorate",
       {{"Fraud", "HMICFRS", "HMCPSI", "How fraud is investigated", "", ""}}});
  pack.programme = programme;
  return pack;
}

// Every block's words in order, one line each, table rows cell by cell.
std::string Text(const Document& d) {
  std::string all;
  for (const auto& b : d.blocks) {
    all += b.label + " " + b.text + "\n";
    for (const auto& r : b.rows) {
      all += r.subject + " | " + r.lead + " | " + r.others + " | " + r.description + "\n";
    }
  }
  return all;
}

TEST(Consultation, R9_R10_the_document_holds_the_draft_programme_and_how_to_respond_naming_nobody) {
  const ConsultationPack pack = Pack();
  const std::string doc = Text(ConsultationDocument(pack));
  for (const char* expected :
       {"The draft programme for 2020-21", "Joint thematic inspections",
        "Fraud | HMICFRS | HMCPSI | How fraud is investigated", "Friday 29 May 2020",
        pack.respond_url.c_str(), "By email consultation@probation.example",
        "By post HM Inspectorate of Probation, 1 Bridge Street West, Manchester M3 3FX",
        "Question 1", "Question 3", "A charity", "Ofsted", "MoJ"}) {
    EXPECT_NE(doc.find(expected), std::string::npos) << expected << " in\n" << doc;
  }
  for (const char* person :
       {"Justin Russell", "Louise Falshaw", "Amanda Spielman", "Pat Smith", "Sam Jones"}) {
    EXPECT_EQ(doc.find(person), std::string::npos) << person;
  }
  EXPECT_EQ(doc.find("2020-05-29"), std::string::npos) << "the deadline is in words";

  // Three years consulted on: each is accounted for, with its own draft
  // where there is one.
  ConsultationPack two = Pack();
  two.round.years = 3;
  const std::string second = Text(ConsultationDocument(two));
  EXPECT_NE(second.find("There is no draft programme for 2022-23 yet"), std::string::npos)
      << second;
  PlanDocument next = *two.programme;
  next.year_label = "2021-22";
  next.first_year = 2021;
  next.parts[0].rows[0].subject = "Cybercrime";
  two.later.push_back(next);
  const std::string both = Text(ConsultationDocument(two));
  EXPECT_NE(both.find("The draft programme for 2021-22"), std::string::npos);
  EXPECT_NE(both.find("Cybercrime | HMICFRS"), std::string::npos);
  EXPECT_EQ(both.find("There is no draft programme for 2021-22"), std::string::npos);
  EXPECT_EQ(both.find("There is no draft programme for 2022-23"), std::string::npos)
      << "the 2021-22 plan's second year";

  ConsultationPack none = Pack();
  none.programme.reset();
  const std::string bare = Text(ConsultationDocument(none));
  EXPECT_NE(bare.find("There is no draft programme for 2020-21 and 2021-22 yet"),
            std::string::npos);
  ConsultationPack empty = Pack();
  empty.programme->parts[0].rows.clear();
  EXPECT_NE(Text(ConsultationDocument(empty)).find("There is no draft programme"),
            std::string::npos)
      << "a plan with no work streams is no draft programme";
}

TEST(Consultation,
     R9_R10_the_document_names_each_programme_by_its_state_and_the_plan_covering_each_year) {
  // A round on 2020-21 and 2021-22 with only the 2020-21 plan, published:
  // it is the published programme, and it covers 2021-22 as well.
  ConsultationPack pack = Pack();
  pack.programme->state = PlanState::kPublished;
  const std::string doc = Text(ConsultationDocument(pack));
  EXPECT_NE(doc.find("The published programme for 2020-21"), std::string::npos) << doc;
  EXPECT_NE(doc.find("The published programme for 2020-21 above covers 2021-22"), std::string::npos)
      << doc;
  EXPECT_EQ(doc.find("draft programme"), std::string::npos) << doc;
  EXPECT_EQ(doc.find("There is no"), std::string::npos) << doc;
  const std::string letter = Text(CoveringLetter(pack));
  EXPECT_NE(letter.find("sets out the work in the published programme for 2020-21"),
            std::string::npos)
      << letter;
  EXPECT_EQ(letter.find("draft"), std::string::npos) << letter;

  // A round on 2021-22 alone, which the 2020-21 plan reaches as its second
  // year, agreed by every inspectorate.
  ConsultationPack later = Pack();
  later.round.first_year = 2021;
  later.round.years = 1;
  later.programme->state = PlanState::kAgreed;
  const std::string second = Text(ConsultationDocument(later));
  EXPECT_NE(second.find("The agreed programme for 2020-21"), std::string::npos) << second;
  EXPECT_NE(second.find("It covers 2021-22 as the second of its two years"), std::string::npos)
      << second;
  EXPECT_EQ(second.find("There is no"), std::string::npos) << second;
  EXPECT_EQ(second.find("draft programme"), std::string::npos) << second;
}

TEST(Consultation, R9_each_letter_is_copied_to_the_other_statutory_consultees_and_those_consulted) {
  ConsultationPack pack = Pack();
  pack.copied.clear();  // statutory consultees alone
  const Document letters = CoveringLetter(pack);
  std::vector<std::string> letter(1);
  for (const auto& b : letters.blocks) {
    if (b.kind == DocumentBlock::Kind::kPageBreak) {
      letter.emplace_back();
    } else {
      letter.back() += b.label + " " + b.text + "\n";
    }
  }
  ASSERT_EQ(letter.size(), 2u);
  // The letter to CJ Ministers is copied to Ofsted, and Ofsted's to them.
  for (size_t i = 0; i < letter.size(); ++i) {
    const size_t copied = letter[i].find("Copied to");
    ASSERT_NE(copied, std::string::npos) << letter[i];
    const std::string list = letter[i].substr(copied);
    EXPECT_NE(list.find("Statutory consultees"), std::string::npos) << list;
    const char* other = i == 0 ? "Amanda Spielman, Ofsted" : "CJ Ministers";
    const char* self = i == 0 ? "CJ Ministers" : "Amanda Spielman, Ofsted";
    EXPECT_NE(list.find(other), std::string::npos) << list;
    EXPECT_EQ(list.find(self), std::string::npos) << "not copied to its own addressee\n" << list;
  }
  // Those consulted beyond the statutory consultees follow, in their groups.
  const std::string with_others = Text(CoveringLetter(Pack()));
  const size_t at = with_others.find("Copied to");
  ASSERT_NE(at, std::string::npos);
  EXPECT_LT(with_others.find("Amanda Spielman, Ofsted", at),
            with_others.find("Sam Jones, MoJ", at));
}

TEST(Consultation,
     the_document_spells_out_the_short_names_it_uses_and_says_where_the_framework_is) {
  ConsultationPack pack = Pack();
  pack.full_names = {{"HMICFRS", "HM Inspectorate of Constabulary and Fire & Rescue Services"},
                     {"HMCPSI", "HM Crown Prosecution Service Inspectorate"},
                     {"CQC", "Care Quality Commission"}};
  pack.framework_url = "https://jointly.example/joint-inspection-framework";
  const Document doc = ConsultationDocument(pack);
  const std::string text = Text(doc);
  const size_t list = text.find("Abbreviations");
  ASSERT_NE(list, std::string::npos) << text;
  for (const char* spelt : {"HMCPSI: HM Crown Prosecution Service Inspectorate",
                            "HMICFRS: HM Inspectorate of Constabulary and Fire & Rescue Services",
                            "CJ: criminal justice"}) {
    EXPECT_NE(text.find(spelt), std::string::npos) << spelt;
  }
  EXPECT_EQ(text.find("CQC"), std::string::npos) << "only those the document uses";
  EXPECT_LT(list, text.find("| HMICFRS |")) << "spelt out before the first use";
  EXPECT_NE(text.find("The joint inspection framework"), std::string::npos) << text;
  EXPECT_NE(text.find(pack.framework_url), std::string::npos) << text;
}

TEST(Consultation, R9_a_copy_list_names_each_body_once) {
  ConsultationPack pack = Pack();
  pack.addressed.push_back(
      To("Office of the Chief Inspector, HIW", "HIW", ConsulteeCategory::kHiw));
  // The same contact consulted twice over.
  pack.copied.push_back(pack.copied.front());
  const std::string letters = Text(CoveringLetter(pack));
  EXPECT_NE(letters.find("Office of the Chief Inspector, HIW\n"), std::string::npos) << letters;
  EXPECT_EQ(letters.find("HIW, HIW"), std::string::npos) << letters;
  const size_t first = letters.find("Pat Smith, A charity");
  const size_t next = letters.find("Dear ", first);
  EXPECT_FALSE(letters.find("Pat Smith, A charity", first + 1) < next) << letters;
}

TEST(Consultation, R9_one_letter_to_each_statutory_consultee_signed_with_a_name_for_queries) {
  const ConsultationPack pack = Pack();
  const Document letters = CoveringLetter(pack);
  std::vector<std::string> letter(1);
  for (const auto& b : letters.blocks) {
    if (b.kind == DocumentBlock::Kind::kPageBreak) {
      letter.emplace_back();
    } else {
      letter.back() += b.label + " " + b.text + "\n";
    }
  }
  ASSERT_EQ(letter.size(), 2u) << "one letter per statutory consultee";
  EXPECT_NE(letter[0].find("Dear Minister,"), std::string::npos) << letter[0];
  EXPECT_NE(letter[1].find("Dear Chief Inspector,"), std::string::npos)
      << "an office holder named without a title is greeted by the office\n"
      << letter[1];
  for (const auto& l : letter) {
    for (const char* expected :
         {"23 March 2020", "Friday 29 May 2020", pack.respond_url.c_str(),
          "consultation@probation.example", "1 Bridge Street West",
          "sets out the work we propose for 2020-21",
          "Please direct any queries to Louise Falshaw at consultation@probation.example",
          "Yours sincerely", "Justin Russell", "HM Chief Inspector of Probation", "Copied to"}) {
      EXPECT_NE(l.find(expected), std::string::npos) << expected << " in\n" << l;
    }
    // The copy list in the letters' groups, in order.
    size_t at = l.find("Copied to");
    for (const char* group :
         {"Government departments", "Sam Jones, MoJ", "Agencies", "Ali Khan, HMPPS", "Wales",
          "Rhys Evans, Welsh Government", "Youth justice", "Kim Lee, YJB",
          "Other interested parties", "Pat Smith, A charity"}) {
      const size_t next = l.find(group, at);
      EXPECT_NE(next, std::string::npos) << group << " after position " << at;
      if (next != std::string::npos) at = next;
    }
  }

  // Without a draft programme the letter does not claim one is enclosed.
  ConsultationPack none = Pack();
  none.programme.reset();
  const std::string bare = Text(CoveringLetter(none));
  EXPECT_EQ(bare.find("sets out the work we propose"), std::string::npos);
  EXPECT_NE(bare.find("We have not yet drawn up a programme"), std::string::npos);

  EXPECT_EQ(Salutation(To("", "CQC", ConsulteeCategory::kCqc)), "Dear Chief Executive");
  EXPECT_EQ(Salutation(To("Ms Pat Smith", "A charity", ConsulteeCategory::kStakeholder)),
            "Dear Ms Smith");
  EXPECT_EQ(Salutation(To("Sir Thomas Winsor", "HMICFRS", ConsulteeCategory::kCjChiefInspector)),
            "Dear Sir Thomas");
  EXPECT_EQ(Salutation(To("Pat Smith", "A charity", ConsulteeCategory::kStakeholder)), "Dear Pat")
      << "never the full name";
  EXPECT_EQ(Salutation(To("", "A charity", ConsulteeCategory::kStakeholder)), "Dear colleague");
  EXPECT_EQ(Salutation(To("", "HMI Prisons", ConsulteeCategory::kCjChiefInspector)),
            "Dear Chief Inspector");
}

TEST(Consultation, R10_the_programme_is_published_only_after_its_consultation_has_closed) {
  Plan plan;
  plan.first_year = 2021;
  plan.state = PlanState::kWithMinisters;
  const Date today = *Date::Parse("2020-02-10");
  ConsultationRound round = Round();  // 2020-21 and 2021-22, open to 28 February 2020
  Status open = ConsultationClosedFor(plan, {round}, today);
  EXPECT_EQ(open.rule(), "R10");
  EXPECT_NE(open.message().find("takes responses until the end of Friday 28 February 2020"),
            std::string::npos)
      << open.message();
  EXPECT_TRUE(ConsultationClosedFor(plan, {round}, *Date::Parse("2020-02-29")).ok())
      << "a round past its deadline day has closed on its own";
  round.state = RoundState::kClosed;
  EXPECT_TRUE(ConsultationClosedFor(plan, {round}, today).ok());
  EXPECT_TRUE(ConsultationsNeverOpenedFor(plan, {round}).empty());
  // A round drawn up but never opened beside it holds nothing back, but
  // whoever publishes is told nobody was consulted through it.
  ConsultationRound drawn_up = Round();
  drawn_up.state = RoundState::kDraft;
  EXPECT_TRUE(ConsultationClosedFor(plan, {round, drawn_up}, today).ok());
  ASSERT_EQ(ConsultationsNeverOpenedFor(plan, {drawn_up}).size(), 1u);
  EXPECT_NE(ConsultationsNeverOpenedFor(plan, {drawn_up})[0].find("was never opened"),
            std::string::npos);
}

TEST(Consultation, R10_a_plan_is_published_only_once_a_consultation_on_its_year_has_closed) {
  Plan plan;
  plan.first_year = 2020;
  const Date today = *Date::Parse("2020-03-10");
  Status none = ConsultationClosedFor(plan, {}, today);
  EXPECT_EQ(none.rule(), "R10");
  EXPECT_NE(none.message().find("Nobody has been consulted on 2020-21"), std::string::npos)
      << none.message();
  ConsultationRound drawn_up = Round();
  drawn_up.state = RoundState::kDraft;
  EXPECT_EQ(ConsultationClosedFor(plan, {drawn_up}, today).rule(), "R10")
      << "a round never opened consulted nobody";
  ConsultationRound other = Round();
  other.first_year = 2023;
  other.state = RoundState::kClosed;
  EXPECT_EQ(ConsultationClosedFor(plan, {other}, today).rule(), "R10") << "another year's round";
  ConsultationRound closed = Round();
  closed.state = RoundState::kClosed;
  EXPECT_TRUE(ConsultationClosedFor(plan, {other, closed}, today).ok());
}

TEST(Consultation, the_published_summary_counts_in_words_that_agree) {
  ResponseSummary one;
  one.responses = 1;
  one.not_quoted = 1;
  one.questions.push_back({1, "Priorities", "What should we inspect?", 1, {}, {}});
  const std::string text = Text(SummaryDocument(Round(), one));
  for (const char* expected :
       {"We received 1 response,", "1 respondent did not agree", "Priorities: 1 answer\n"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " in\n" << text;
  }
  ResponseSummary all;
  all.responses = 3;
  const std::string consented = Text(SummaryDocument(Round(), all));
  EXPECT_NE(consented.find("We received 3 responses"), std::string::npos);
  EXPECT_NE(consented.find("Every respondent agreed to publication."), std::string::npos);
}

TEST(Consultation, the_owner_is_warned_of_what_the_letters_will_lack) {
  ConsultationPack pack = Pack();
  EXPECT_TRUE(PackGaps(pack.owner).empty());
  Inspectorate bare;
  bare.full_name = "Criminal Justice Joint Inspection Secretariat";
  const auto gaps = PackGaps(bare);
  ASSERT_EQ(gaps.size(), 4u);
  EXPECT_NE(gaps[0].find("signed by Criminal Justice Joint Inspection Secretariat alone"),
            std::string::npos);
  EXPECT_NE(gaps[1].find("by email"), std::string::npos);
  EXPECT_NE(gaps[2].find("by post"), std::string::npos);
  EXPECT_NE(gaps[3].find("no one for queries"), std::string::npos);
}

TEST(Governance, R20_the_chair_rotates_yearly_in_the_agreed_order) {
  Rotation r;
  r.order = {4, 1, 3, 2};
  r.first_year = 2020;
  ASSERT_TRUE(ValidateRotation(r, Directory()).ok());
  EXPECT_EQ(ChairIn(r, 2020), 4);
  EXPECT_EQ(ChairIn(r, 2021), 1);
  EXPECT_EQ(ChairIn(r, 2023), 2);
  EXPECT_EQ(ChairIn(r, 2024), 4);  // the cycle repeats
  EXPECT_EQ(ChairIn(r, 2019), 2);  // and runs backwards
  const std::vector<ChairYear> chairs = ChairsFrom(r, 2022, 3);
  ASSERT_EQ(chairs.size(), 3u);
  EXPECT_EQ(chairs[0].year, 2022);
  EXPECT_EQ(chairs[0].inspectorate_id, 3);
  EXPECT_EQ(chairs[2].year, 2024);
  EXPECT_EQ(chairs[2].inspectorate_id, 4);
  EXPECT_EQ(ChairsFrom(r, 2022, 99).size(), 20u);  // at most 20 years
  EXPECT_TRUE(ChairsFrom(Rotation{}, 2022, 3).empty());
}

TEST(Governance, R20_a_rotation_that_skips_an_inspectorate_is_refused) {
  Rotation r;
  r.first_year = 2020;
  r.order = {4, 1, 3};
  Status s = ValidateRotation(r, Directory());
  EXPECT_EQ(s.rule(), "R20");
  ASSERT_FALSE(s.field_errors().empty());
  EXPECT_NE(s.field_errors().front().message.find("skips HMCPSI"), std::string::npos);
  r.order = {4, 1, 3, 2, 2};
  EXPECT_THAT(ValidateRotation(r, Directory()), StatusIs(StatusCode::kInvalidArgument));
  // One inspectorate in every place: each error says which place and who,
  // and the skipped ones are named in one sentence.
  r.order = {1, 1, 1, 1};
  s = ValidateRotation(r, Directory());
  ASSERT_EQ(s.field_errors().size(), 4u);
  std::set<std::string> messages;
  for (const auto& e : s.field_errors()) messages.insert(e.message);
  EXPECT_EQ(messages.size(), 4u) << "no error repeats another";
  EXPECT_NE(s.field_errors()[0].message.find("Year 2 of the cycle"), std::string::npos);
  EXPECT_NE(s.field_errors()[3].message.find(" and "), std::string::npos);
  r.order = {4, 1, 3, 2, 5};  // HMICA closed in 2010
  EXPECT_THAT(ValidateRotation(r, Directory()), StatusIs(StatusCode::kInvalidArgument));
  r.order = {4, 1, 3, 2, 7};  // CQC is a partner, not a CJ inspectorate
  EXPECT_THAT(ValidateRotation(r, Directory()), StatusIs(StatusCode::kInvalidArgument));
}

TEST(Round, ALastDayThatIsNotAWorkingDayIsWarnedOf) {
  const WorkingDayCalendar calendar(
      std::vector<BankHoliday>{{Date::FromCivil(2026, 12, 28), "Boxing Day (substitute day)"}});
  EXPECT_EQ(DeadlineWarning(Date::FromCivil(2026, 12, 30), calendar), "") << "a Wednesday";
  EXPECT_EQ(DeadlineWarning(Date(), calendar), "");
  const std::string sunday = DeadlineWarning(Date::FromCivil(2027, 1, 3), calendar);
  EXPECT_NE(sunday.find("Sunday 3 January 2027, is a Sunday"), std::string::npos) << sunday;
  EXPECT_NE(DeadlineWarning(Date::FromCivil(2027, 1, 2), calendar).find("is a Saturday"),
            std::string::npos);
  const std::string holiday = DeadlineWarning(Date::FromCivil(2026, 12, 28), calendar);
  EXPECT_NE(holiday.find("is Boxing Day (substitute day), a bank holiday."), std::string::npos)
      << holiday;
}

}  // namespace
}  // namespace jointly

namespace jointly {
namespace {

TEST(Consultation, a_closed_rounds_document_and_letters_say_what_was_asked_in_the_past) {
  for (const bool with_programme : {true, false}) {
    ConsultationPack pack = Pack();
    if (!with_programme) pack.programme.reset();
    pack.round.state = RoundState::kClosed;
    pack.round.closed_on = *Date::Parse("2020-05-01");
    const std::string all = Text(ConsultationDocument(pack)) + Text(CoveringLetter(pack));
    for (const char* inviting :
         {"would like you to answer", "We ask your views", "we ask your views",
          "We want your views", "We welcome your views", "especially welcome", "We consult on",
          "Consultation questions", "work we propose ", "programme we propose,",
          "asks what it should contain", "Who we are consulting", "How to respond",
          "Please respond"}) {
      EXPECT_EQ(all.find(inviting), std::string::npos) << inviting << " in\n" << all;
    }
    for (const char* said : {"closed on Friday 1 May 2020", "The questions we asked",
                             "We consulted on our joint inspection framework"}) {
      EXPECT_NE(all.find(said), std::string::npos) << said << " in\n" << all;
    }
  }
}

TEST(Consultation, a_contact_is_named_with_their_organisation_said_once) {
  EXPECT_EQ(NameAndOrganisation("Jane Smith", "HMCPSI"), "Jane Smith, HMCPSI");
  EXPECT_EQ(NameAndOrganisation("Jane Smith, HMCPSI", "HMCPSI"), "Jane Smith, HMCPSI");
  EXPECT_EQ(NameAndOrganisation("Office of the Chief Inspector, HMI Prisons", "HMI Prisons"),
            "Office of the Chief Inspector, HMI Prisons");
  EXPECT_EQ(NameAndOrganisation("Jane Smith", ""), "Jane Smith");
  EXPECT_EQ(NameAndOrganisation("Jane Smith", "HIW"), "Jane Smith, HIW");
  EXPECT_EQ(NameAndOrganisation("Sam HIWS", "HIW"), "Sam HIWS, HIW") << "whole words only";
}

TEST(Consultation, received_after_opening_a_response_is_received_on_or_after_the_day_it_opened) {
  ConsultationRound round = Round();
  round.opens_on = *Date::Parse("2027-03-03");
  const Date today = *Date::Parse("2027-04-01");
  Validation early;
  CheckReceivedOn(round, *Date::Parse("2027-03-02"), today, early);
  const Status s = early.Finish();
  ASSERT_EQ(s.field_errors().size(), 1u);
  EXPECT_EQ(s.field_errors()[0].field, "received_on");
  EXPECT_EQ(s.field_errors()[0].rule, "received-after-opening");
  EXPECT_EQ(s.field_errors()[0].message,
            "Date received must be on or after 3 March 2027, when the consultation opened");
  Validation on_the_day;
  CheckReceivedOn(round, round.opens_on, today, on_the_day);
  EXPECT_TRUE(on_the_day.empty());
  Validation future;
  CheckReceivedOn(round, today.AddDays(1), today, future);
  ASSERT_EQ(future.Finish().field_errors().size(), 1u);
  EXPECT_EQ(future.Finish().field_errors()[0].rule, "future-date");
  EXPECT_EQ(ReceivedFromHint(round.opens_on, kConsultationOpened),
            "On or after 3 March 2027, when the consultation opened, and not after today. For "
            "example, 3 3 2027");
}

TEST(Rotation, error_wording_the_reason_says_what_to_enter_and_how_much_was_typed) {
  const Status empty = ValidateRotationReason("");
  ASSERT_EQ(empty.field_errors().size(), 1u);
  EXPECT_EQ(empty.field_errors()[0].message, "Enter which decision agreed this order");
  EXPECT_EQ(empty.field_errors()[0].rule, "R20");
  const Status long_one = ValidateRotationReason(std::string(2001, 'r'));
  ASSERT_EQ(long_one.field_errors().size(), 1u);
  EXPECT_EQ(long_one.field_errors()[0].message,
            "Shorten which decision agreed this order to 2,000 characters or fewer (it has 2,001)");
  EXPECT_TRUE(ValidateRotationReason("CJCIG, 12 March 2020").ok());
}

}  // namespace
}  // namespace jointly
