// Rules of running a joint thematic inspection, stage 1 (R11, R12, R13):
// leads before scope, who sees and changes what, version-bound agreements
// that lapse, terms complete before sign-off, timetable warnings.
#include "domain/inspection.h"

#include <gtest/gtest.h>

#include "domain/stage_notes.h"
#include "tests/support/inspection_fixtures.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

TeamMember Place(int64_t inspectorate, int64_t user, TeamRole role) {
  TeamMember m;
  m.inspection_id = 7;
  m.inspectorate_id = inspectorate;
  m.user_id = user;
  m.role = role;
  m.joined_on = "2026-11-01";
  return m;
}

std::vector<TeamMember> LeadsOf(std::vector<int64_t> inspectorates) {
  std::vector<TeamMember> team;
  int64_t user = 100;
  for (int64_t i : inspectorates) {
    team.push_back(Place(i, ++user, TeamRole::kLeadInspector));
    team.push_back(Place(i, ++user, TeamRole::kSeniorOverseer));
  }
  return team;
}

TEST(Inspection, a_joint_inspection_needs_two_participating_inspectorates_and_a_lead_among_them) {
  Inspection i = HateCrime();
  EXPECT_TRUE(ValidateInspection(i).ok());
  i.participating = {kPolice};
  EXPECT_EQ(ValidateInspection(i).rule(), "joint");
  i.participating = {kCps, kProbation};
  const Status s = ValidateInspection(i);
  ASSERT_FALSE(s.field_errors().empty());
  EXPECT_EQ(s.field_errors().front().field, "lead_inspectorate_id");
  i = HateCrime();
  i.partners = {kCps};
  EXPECT_EQ(ValidateInspection(i).rule(), "unique");
}

TEST(Inspection, R12_leads_before_scope) {
  const Inspection i = HateCrime();
  const std::map<int64_t, std::string> names = {{kPolice, "HMICFRS"}, {kCps, "HMCPSI"}};
  std::vector<TeamMember> team = LeadsOf({kPolice});
  team.push_back(Place(kCps, 200, TeamRole::kLeadInspector));
  const Status missing = CheckLeadsNamed(i, team, names);
  EXPECT_EQ(missing.rule(), "R12");
  EXPECT_NE(missing.message().find("HMCPSI's senior overseer"), std::string::npos)
      << missing.message();
  ASSERT_EQ(MissingLeads(i, team).size(), 1u);
  // A partner (Ofsted) names no leads; the criminal justice inspectorates do.
  team.push_back(Place(kCps, 201, TeamRole::kSeniorOverseer));
  EXPECT_TRUE(CheckLeadsNamed(i, team, names).ok());
  // Someone who has left no longer counts.
  team.back().left_on = "2026-11-20";
  EXPECT_EQ(CheckLeadsNamed(i, team, names).rule(), "R12");
}

TEST(Inspection, R12_a_change_of_lead_is_recorded_with_its_reason) {
  const Inspection i = HateCrime();
  const std::vector<TeamMember> team = LeadsOf({kPolice, kCps});
  TeamMember next = Place(kCps, 300, TeamRole::kLeadInspector);
  const Status no_reason = CheckAppointment(i, team, next, kCps);
  ASSERT_FALSE(no_reason.field_errors().empty());
  EXPECT_EQ(no_reason.field_errors().front().rule, "R12");
  next.reason = "Moved to another inspection";
  EXPECT_TRUE(CheckAppointment(i, team, next, kCps).ok());
  // A team member needs no reason; someone of another inspectorate cannot
  // join for this one; a non-participating inspectorate names nobody.
  EXPECT_TRUE(CheckAppointment(i, team, Place(kCps, 301, TeamRole::kTeamMember), kCps).ok());
  EXPECT_EQ(CheckAppointment(i, team, Place(kCps, 302, TeamRole::kTeamMember), kPolice).rule(),
            "other-inspectorate");
  EXPECT_EQ(
      CheckAppointment(i, team, Place(kProbation, 303, TeamRole::kTeamMember), kProbation).rule(),
      "not-participating");
  EXPECT_EQ(CheckAppointment(i, team, team.front(), kPolice).rule(), "already-on-team");
}

TEST(Inspection, R11_only_the_lead_inspectorates_leaders_and_the_secretariat_start_its_inspection) {
  EXPECT_TRUE(MayStart(Someone(1, kPolice, Role::kLeadInspector), kPolice));
  EXPECT_TRUE(MayStart(Someone(2, kPolice, Role::kDgRepresentative), kPolice));
  EXPECT_TRUE(MayStart(Someone(3, kPolice, Role::kChiefInspector), kPolice));
  EXPECT_TRUE(MayStart(Someone(4, std::nullopt, Role::kSecretariat), kPolice));
  EXPECT_FALSE(MayStart(Someone(5, kPolice, Role::kInspector), kPolice));
  EXPECT_FALSE(MayStart(Someone(6, kCps, Role::kLeadInspector), kPolice));
  EXPECT_FALSE(MayStart(Someone(7, kPolice, Role::kReadOnly), kPolice));
  const Status refused =
      CheckMayStart(Someone(5, kPolice, Role::kInspector), kPolice, "proposal_id");
  EXPECT_EQ(refused.rule(), "R11");
  ASSERT_EQ(refused.field_errors().size(), 1u);
  EXPECT_EQ(refused.field_errors()[0].field, "proposal_id");
}

TEST(Inspection, R11_only_the_lead_inspectorate_proposes_and_outsiders_see_nothing) {
  const Inspection i = HateCrime();
  const std::vector<TeamMember> team = LeadsOf({kPolice, kCps});
  const Standing lead = StandingOf(Someone(101, kPolice, Role::kLeadInspector), i, team);
  EXPECT_TRUE(lead.sees && lead.lead_team && lead.on_team);
  const Standing cps_lead = StandingOf(Someone(103, kCps, Role::kLeadInspector), i, team);
  EXPECT_TRUE(cps_lead.sees);
  EXPECT_EQ(CheckLeadTeam(cps_lead).rule(), "R11");
  const Standing cps_rep = StandingOf(Someone(900, kCps, Role::kDgRepresentative), i, team);
  EXPECT_TRUE(cps_rep.sees);
  EXPECT_EQ(cps_rep.inspectorate, kCps);
  // An inspector of a participating inspectorate who is not on the team,
  // and a representative of an inspectorate that does not take part, see
  // nothing of it.
  EXPECT_FALSE(StandingOf(Someone(901, kCps, Role::kInspector), i, team).sees);
  EXPECT_EQ(
      CheckSees(StandingOf(Someone(902, kProbation, Role::kDgRepresentative), i, team)).rule(),
      "not-on-team");
  EXPECT_TRUE(StandingOf(Someone(903, std::nullopt, Role::kSecretariat), i, team).lead_team);
  Caller anonymous;
  EXPECT_FALSE(StandingOf(anonymous, i, team).sees);
}

TEST(Inspection, R11_key_decisions_lapse_when_the_agreed_version_changes) {
  using S = AgreementFacts::State;
  EXPECT_EQ(AgreementOf({}, 1), Agreement::kNotAsked);
  EXPECT_EQ(AgreementOf({{S::kAwaiting, 3}}, 3), Agreement::kAwaiting);
  EXPECT_EQ(AgreementOf({{S::kAgreed, 3}}, 3), Agreement::kAgreed);
  // Changed after agreement: the agreement no longer holds.
  EXPECT_EQ(AgreementOf({{S::kAgreed, 3}}, 4), Agreement::kLapsed);
  // Asked again about the new version: awaiting, then agreed again.
  EXPECT_EQ(AgreementOf({{S::kAwaiting, 4}, {S::kAgreed, 3}}, 4), Agreement::kAwaiting);
  EXPECT_EQ(AgreementOf({{S::kAgreed, 4}, {S::kAgreed, 3}}, 4), Agreement::kAgreed);
  EXPECT_EQ(AgreementOf({{S::kDeclined, 2}}, 2), Agreement::kDeclined);
  // Awaiting answers about a version that has since changed: not asked
  // about this one.
  EXPECT_EQ(AgreementOf({{S::kAwaiting, 2}}, 3), Agreement::kNotAsked);
}

TEST(Inspection, R13_terms_of_reference_are_complete_before_sign_off) {
  TermsOfReference t;
  const Status empty = CheckReadyForSignOff(t, {});
  EXPECT_EQ(empty.rule(), "R13");
  EXPECT_EQ(empty.field_errors().size(), 8u);  // seven parts and a method
  t.background = "Why";
  t.aims = "Aims";
  t.question = "How well?";
  t.sites = "Six forces";
  t.methodology = "Files and interviews";
  t.timetable = "Fieldwork in spring";
  t.report_structure = "Four chapters";
  ASSERT_EQ(CheckReadyForSignOff(t, {}).field_errors().size(), 1u);
  EXPECT_EQ(CheckReadyForSignOff(t, {}).field_errors().front().field, "methods");
  MethodPlan files;
  files.method = Method::kFileExamination;
  EXPECT_TRUE(CheckReadyForSignOff(t, {files}).ok());
}

TEST(Inspection, R13_stage_two_waits_for_the_rules_of_stage_one) {
  InspectionFacts f;
  f.leads_named = true;
  f.terms = Agreement::kAgreed;
  f.terms_published = true;
  f.timetable = Agreement::kLapsed;
  auto stages = StagesOf(f);
  ASSERT_EQ(stages.size(), 8u);
  EXPECT_EQ(stages[0].progress, StageProgress::kInProgress);
  EXPECT_EQ(stages[1].progress, StageProgress::kCannotStartYet);
  f.timetable = Agreement::kAgreed;
  stages = StagesOf(f);
  ASSERT_EQ(stages.size(), 8u);
  EXPECT_EQ(stages[1].progress, StageProgress::kNotStarted);
}

TEST(Inspection, R11_stage_two_lists_the_joint_agreement_of_the_sites_with_where_it_stands) {
  InspectionFacts f;
  f.leads_named = true;
  f.terms = Agreement::kAgreed;
  f.terms_published = true;
  f.timetable = Agreement::kAgreed;
  f.sites = 3;
  f.sites_agreement = Agreement::kLapsed;
  auto sites_check = [](const std::vector<StageStatus>& stages) {
    for (const auto& c : stages[1].checks) {
      if (c.label == "Fieldwork sites agreed by every inspectorate") return c;
    }
    return StageCheck{};
  };
  StageCheck c = sites_check(StagesOf(f));
  EXPECT_FALSE(c.done);
  EXPECT_EQ(c.rule, "R11");
  ASSERT_TRUE(c.agreement.has_value());
  EXPECT_EQ(*c.agreement, Agreement::kLapsed);
  // It blocks stage 3 like the letters do.
  f.letters = f.letters_authorised = f.letters_sent = 3;
  EXPECT_EQ(CheckStageOpen(StagesOf(f), InspectionStage::kPreFieldwork).rule(), "stage-order");
  f.sites_agreement = Agreement::kAgreed;
  c = sites_check(StagesOf(f));
  EXPECT_TRUE(c.done);
  EXPECT_TRUE(CheckStageOpen(StagesOf(f), InspectionStage::kPreFieldwork).ok());
}

TEST(
    Inspection,
    R11_a_decision_that_lapses_after_the_next_stage_began_is_agreed_again_without_reopening_its_stage) {
  InspectionFacts f;
  f.leads_named = true;
  f.liaison = f.red_lines = f.tasks = 1;
  f.terms_drafted = f.report_structure = f.approach_decided = true;
  f.terms = Agreement::kAgreed;
  f.terms_published = f.fieldwork_dated = true;
  f.timetable = Agreement::kAgreed;
  f.sites = f.letters = f.letters_authorised = f.letters_sent = 2;
  f.sites_agreement = Agreement::kAgreed;
  f.arrangements_complete = true;
  // Fieldwork has begun; then a key date lapses the timetable's agreement.
  f.timetable = Agreement::kLapsed;
  auto stages = StagesOf(f);
  EXPECT_EQ(stages[0].progress, StageProgress::kCompleted);
  EXPECT_EQ(stages[1].progress, StageProgress::kCompleted);
  EXPECT_EQ(stages[2].progress, StageProgress::kInProgress);
  int again = 0;
  for (const auto& c : stages[0].checks) {
    if (!c.again) continue;
    ++again;
    EXPECT_EQ(c.part, "timetable");
    EXPECT_FALSE(c.done);
  }
  EXPECT_EQ(again, 1);
  // Asked again, awaiting: still completed, still to agree.
  f.timetable = Agreement::kAwaiting;
  EXPECT_EQ(StagesOf(f)[0].progress, StageProgress::kCompleted);
  // Work of its own missing as well: the stage is in progress after all.
  f.tasks = 0;
  stages = StagesOf(f);
  EXPECT_EQ(stages[0].progress, StageProgress::kInProgress);
  for (const auto& c : stages[0].checks) EXPECT_FALSE(c.again);
  // Before the next stage began, a lapse reopens the stage (and closes the next).
  InspectionFacts early = f;
  early.tasks = 1;
  early.sites = early.letters = early.letters_authorised = early.letters_sent = 0;
  early.sites_agreement = Agreement::kNotAsked;
  early.arrangements_complete = false;
  early.timetable = Agreement::kLapsed;
  stages = StagesOf(early);
  EXPECT_EQ(stages[0].progress, StageProgress::kInProgress);
  EXPECT_EQ(stages[1].progress, StageProgress::kCannotStartYet);
}

TEST(Inspection, timetable_warns_of_peak_leave_bank_holidays_and_weekends) {
  KeyDate fieldwork;
  fieldwork.kind = KeyDateKind::kFieldwork;
  fieldwork.title = "Fieldwork in Kent";
  fieldwork.starts_on = "2027-04-24";  // a Saturday
  fieldwork.ends_on = "2027-05-04";
  const std::vector<PeakLeavePeriod> peak = {
      {"Easter", *Date::Parse("2027-03-26"), *Date::Parse("2027-04-05")},
      {"Late April", *Date::Parse("2027-04-30"), *Date::Parse("2027-05-01")}};
  const std::vector<BankHoliday> holidays = {
      {*Date::Parse("2027-05-03"), "Early May bank holiday"}};
  const auto warnings = TimetableWarnings({fieldwork}, peak, WorkingDayCalendar(holidays));
  ASSERT_EQ(warnings.size(), 3u);
  EXPECT_NE(warnings[0].find("Late April"), std::string::npos);
  EXPECT_NE(warnings[1].find("Early May bank holiday"), std::string::npos);
  EXPECT_NE(warnings[2].find("weekend"), std::string::npos);
  KeyDate backwards = fieldwork;
  backwards.ends_on = "2027-04-01";
  EXPECT_EQ(ValidateKeyDate(backwards).rule(), "date-order");
}

TEST(Inspection, timetable_warns_of_any_other_date_on_a_bank_holiday_or_a_weekend) {
  const WorkingDayCalendar calendar({{*Date::Parse("2027-05-03"), "Early May bank holiday"}});
  KeyDate publication;
  publication.kind = KeyDateKind::kPublication;
  publication.title = "Publication";
  publication.starts_on = "2027-05-03";
  KeyDate review;
  review.kind = KeyDateKind::kCriticalReaders;
  review.title = "Critical readers";
  review.starts_on = "2027-05-04";  // a Tuesday
  review.ends_on = "2027-05-08";    // a Saturday
  KeyDate meeting;
  meeting.kind = KeyDateKind::kReferenceGroup;
  meeting.title = "Reference group";
  meeting.starts_on = "2027-05-05";  // a Wednesday
  const auto warnings = TimetableWarnings({publication, review, meeting}, {}, calendar);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0],
            "Publication falls on Early May bank holiday, Monday 3 May 2027, a bank holiday: "
            "choose a working day");
  EXPECT_EQ(warnings[1],
            "Critical readers ends on a weekend, Saturday 8 May 2027: choose a working day");
}

TEST(Inspection, terms_document_follows_the_published_layout) {
  PublishedTerms p;
  p.title = "Hate crime";
  p.lead = "HM Inspectorate of Constabulary and Fire & Rescue Services";
  p.inspectorates = {p.lead, "HM Crown Prosecution Service Inspectorate"};
  p.terms.background = "First line\nSecond line";
  p.terms.question = "How well?";
  p.methods = {"File examination"};
  const Document doc = TermsDocument(p);
  std::vector<std::string> headings;
  for (const auto& b : doc.blocks) {
    if (b.kind == DocumentBlock::Kind::kHeading2) headings.push_back(b.text);
  }
  EXPECT_EQ(headings, (std::vector<std::string>{"Background", "The inspection question",
                                                "Inspection methodology"}));
}

TEST(Inspection, R14_letters_need_six_weeks_notice) {
  Letter letter;
  letter.version = 3;
  const Date fieldwork = *Date::Parse("2027-03-15");
  // Authorised on this version, 42 days ahead: may go.
  EXPECT_TRUE(CheckMaySend(letter, 3, fieldwork, *Date::Parse("2027-02-01")).ok());
  // One day short of six weeks: refused with the dates that would work.
  const Status late = CheckMaySend(letter, 3, fieldwork, *Date::Parse("2027-02-02"));
  EXPECT_EQ(late.rule(), "R14");
  EXPECT_NE(late.message().find("1 February 2027"), std::string::npos) << late.message();
  EXPECT_NE(late.message().find("16 March 2027"), std::string::npos) << late.message();
  // Not authorised, or authorised on another version: refused.
  EXPECT_EQ(CheckMaySend(letter, std::nullopt, fieldwork, *Date::Parse("2027-01-01")).rule(),
            "R14");
  EXPECT_EQ(CheckMaySend(letter, 2, fieldwork, *Date::Parse("2027-01-01")).rule(), "R14");
}

TEST(Inspection, R14_a_site_whose_letter_can_no_longer_go_in_time_warns_with_what_to_do) {
  FieldworkSite site;
  site.fieldwork_starts_on = "2027-03-15";
  const std::vector<PeakLeavePeriod> none;
  // On the last day a letter could go: nothing to say.
  EXPECT_TRUE(
      SiteWarnings(site, "Kent Police", false, *Date::Parse("2027-02-01"), none, {}).empty());
  // A day later, with no letter standing: the send-by date in words, and
  // the earliest fieldwork a letter sent today allows.
  const auto late = SiteWarnings(site, "Kent Police", false, *Date::Parse("2027-02-02"), none, {});
  ASSERT_EQ(late.size(), 1u);
  EXPECT_NE(late[0].find("had to be sent by Monday 1 February 2027"), std::string::npos) << late[0];
  EXPECT_NE(late[0].find("Move fieldwork at Kent Police to Tuesday 16 March 2027 or later"),
            std::string::npos)
      << late[0];
  // A letter that went in time stands: no warning.
  EXPECT_TRUE(
      SiteWarnings(site, "Kent Police", true, *Date::Parse("2027-02-02"), none, {}).empty());
}

TEST(Inspection, site_warnings_name_peak_leave_and_fieldwork_outside_the_timetable) {
  FieldworkSite site;
  site.fieldwork_starts_on = "2027-08-02";
  site.fieldwork_ends_on = "2027-08-04";
  const std::vector<PeakLeavePeriod> summer = {
      {"Summer 2027", *Date::Parse("2027-07-19"), *Date::Parse("2027-08-31")}};
  KeyDate window;
  window.kind = KeyDateKind::kFieldwork;
  window.starts_on = "2027-09-01";
  window.ends_on = "2027-09-30";
  const auto w =
      SiteWarnings(site, "Kent Police", true, *Date::Parse("2027-01-01"), summer, {window});
  ASSERT_EQ(w.size(), 2u);
  EXPECT_NE(w[0].find("peak leave period of those inspected: Summer 2027"), std::string::npos);
  EXPECT_EQ(
      w[1],
      "Fieldwork at Kent Police falls outside the fieldwork dates on the inspection's timetable");
  window.starts_on = "2027-08-01";
  EXPECT_EQ(
      SiteWarnings(site, "Kent Police", true, *Date::Parse("2027-01-01"), {}, {window}).size(), 0u);
}

TEST(Inspection, letter_withdrawal_needs_a_letter_that_stands_and_a_reason) {
  LetterSending sent;
  sent.letter_id = 4;
  sent.sent_on = "2027-01-04";
  EXPECT_EQ(CheckWithdrawal(nullptr, "Fieldwork moves").rule(), "letter-withdrawal");
  const Status none = CheckWithdrawal(&sent, "  ");
  ASSERT_EQ(none.field_errors().size(), 1u);
  EXPECT_EQ(none.field_errors()[0].field, "reason");
  EXPECT_TRUE(CheckWithdrawal(&sent, "Fieldwork moves").ok());
  const std::vector<LetterSending> sendings = {sent};
  EXPECT_EQ(SendingInForce(4, sendings), &sendings[0]);
  sent.withdrawn_on = "2027-01-05";
  EXPECT_EQ(SendingInForce(4, {sent}), nullptr);
}

TEST(Inspection,
     R14_the_letter_e_mail_greets_the_addressee_and_is_marked_official_at_top_and_bottom) {
  LetterParts p;
  p.letter.addressee = "Chief Constable, Kent Police";
  p.letter.body = "We will inspect.";
  p.letter.signed_by = "Joanna Pelham, Senior responsible officer";
  p.address = "1 Orchard Road, Maidstone ME14 9ZZ";
  p.chief_inspectors = {"Sir Thomas Winsor, HM Chief Inspector of Constabulary"};
  p.inspection_title = "Hate crime";
  const std::string text = LetterEmailText(p);
  EXPECT_EQ(text.rfind("OFFICIAL\n", 0), 0u) << text;
  EXPECT_TRUE(text.ends_with("\nOFFICIAL\n")) << text;
  EXPECT_NE(text.find("Chief Constable, Kent Police\n1 Orchard Road, Maidstone ME14 9ZZ\n\nDear "
                      "Chief Constable,\n"),
            std::string::npos)
      << text;
  const Document doc = LetterDocument(p);
  bool address = false;
  for (const auto& b : doc.blocks) address = address || b.text == p.address;
  EXPECT_TRUE(address);
}

TEST(Inspection, task_owner_status_the_owner_marks_where_a_task_stands_and_nothing_else) {
  Task before;
  before.title = "Send the file list";
  before.owner_user_id = 7;
  before.due_on = "2027-03-01";
  Standing owner;
  owner.sees = owner.on_team = true;
  Task marked = before;
  marked.status = TaskStatus::kDone;
  EXPECT_TRUE(MaySetTaskStatus(owner, 7, before));
  EXPECT_THAT(CheckTaskChanger(owner, 7, before, marked), IsOk());
  Task retitled = marked;
  retitled.title = "Something else";
  EXPECT_EQ(CheckTaskChanger(owner, 7, before, retitled).rule(), "task-owner-status");
  Task moved = before;
  moved.due_on = "2027-04-01";
  EXPECT_EQ(CheckTaskChanger(owner, 7, before, moved).rule(), "task-owner-status");
  // Someone else on the team, not the lead's, marks nothing.
  EXPECT_FALSE(MaySetTaskStatus(owner, 8, before));
  EXPECT_EQ(CheckTaskChanger(owner, 8, before, marked).rule(), "task-owner-status");
  EXPECT_FALSE(MaySetTaskStatus(owner, 0, Task{}));
  Standing lead = owner;
  lead.lead_team = true;
  EXPECT_THAT(CheckTaskChanger(lead, 8, before, retitled), IsOk());
}

TEST(Inspection, task_owner_is_someone_on_the_team) {
  std::vector<TeamMember> team = {Place(1, 101, TeamRole::kLeadInspector),
                                  Place(2, 102, TeamRole::kTeamMember)};
  team[1].left_on = "2026-11-20";
  Task task;
  const Status none = CheckTaskOwner(nullptr, task, team);
  ASSERT_EQ(none.field_errors().size(), 1u);
  EXPECT_EQ(none.field_errors().front().field, "owner_user_id");
  task.owner_user_id = 101;
  EXPECT_TRUE(CheckTaskOwner(nullptr, task, team).ok());
  task.owner_user_id = 102;  // has left the team
  const Status left = CheckTaskOwner(nullptr, task, team);
  ASSERT_EQ(left.field_errors().size(), 1u);
  EXPECT_EQ(left.field_errors().front().rule, "owner-on-team");
  // A task keeps an owner who has since left; its words alone still own it.
  EXPECT_TRUE(CheckTaskOwner(&task, task, team).ok());
  Task old;
  old.owner_name = "Police lead";
  EXPECT_TRUE(CheckTaskOwner(&old, old, team).ok());
  EXPECT_TRUE(TaskOwnedBy(old, 101, {"police LEAD "}));
  EXPECT_FALSE(TaskOwnedBy(task, 101, {"police lead"}));
  EXPECT_TRUE(TaskOwnedBy(task, 102, {}));
}

}  // namespace
}  // namespace jointly

namespace jointly {
namespace {

// Every check of stages 1 to 5 done but security clearance (stage 3).
InspectionFacts AllButClearances() {
  InspectionFacts f;
  f.leads_named = true;
  f.liaison = 1;
  f.terms_drafted = f.report_structure = f.approach_decided = true;
  f.red_lines = 1;
  f.terms = f.timetable = f.sites_agreement = f.arrangements = Agreement::kAgreed;
  f.terms_published = f.fieldwork_dated = true;
  f.tasks = f.sites = f.letters = f.letters_authorised = f.letters_sent = 1;
  f.arrangements_complete = true;
  f.interviews = f.evidence = 1;
  f.evidence_assured = true;
  f.meeting_held = f.dg_involved = f.sharing_decided = true;
  f.sections = 1;
  f.structure = f.evidence_assurance = Agreement::kAgreed;
  return f;
}

TEST(StageNotes, a_stage_done_while_an_earlier_one_is_in_progress_says_what_is_left) {
  const auto stages = StagesOf(AllButClearances());
  ASSERT_EQ(stages[2].progress, StageProgress::kInProgress);
  ASSERT_EQ(stages[3].progress, StageProgress::kCompleted);
  EXPECT_EQ(StageNote(stages, 2), "");
  EXPECT_EQ(StageNote(stages, 3),
            "Still to do in stage 3, before onsite fieldwork: security clearance and IT "
            "access held for fieldwork");
  EXPECT_EQ(StageNote(stages, 4), "") << "said once, under stage 4, not again under stage 5";
  EXPECT_EQ(StageNote(stages, 0), "") << "nothing before it";
}

TEST(StageNotes, what_is_left_keeps_the_capitals_of_the_development_group) {
  InspectionFacts f = AllButClearances();
  f.clearances = 1;
  f.dg_involved = false;
  f.sections_drafted = true;
  const auto stages = StagesOf(f);
  ASSERT_EQ(stages[4].progress, StageProgress::kInProgress);
  ASSERT_EQ(stages[5].progress, StageProgress::kInProgress);
  const std::string note = StageNote(stages, 5);
  EXPECT_NE(note.find("Development Group representatives involved"), std::string::npos) << note;
  EXPECT_EQ(note.find("development Group"), std::string::npos) << note;
}

TEST(StageNotes, a_stage_that_cannot_start_yet_names_what_it_waits_for) {
  InspectionFacts f = AllButClearances();
  f.clearances = 1;
  f.meeting_held = false;
  const auto stages = StagesOf(f);
  ASSERT_EQ(stages[5].progress, StageProgress::kCannotStartYet);
  EXPECT_EQ(StageNote(stages, 5),
            "Waits for: emerging-findings meeting held with every inspectorate present");
  f.meeting_held = true;
  const auto open = StagesOf(f);
  EXPECT_EQ(StageNote(open, 5), "") << "stage 6 may start";
  const std::string seventh = StageNote(open, 6);
  EXPECT_EQ(seventh.rfind("Waits for: ", 0), 0u) << seventh;
  EXPECT_NE(seventh.find("findings linked to evidence"), std::string::npos) << seventh;
  f.sections_drafted = true;
  f.red_lines_confirmed = Agreement::kAgreed;
  f.findings = f.findings_on_evidence = 1;
  f.recommendations = f.recommendations_answering = 1;
  EXPECT_NE(StagesOf(f)[5].progress, StageProgress::kCompleted) << "the approval chain is not";
  f.approval_steps = 4;  // M 37-40: the approval chain complete
  const auto drafted = StagesOf(f);
  ASSERT_EQ(drafted[5].progress, StageProgress::kCompleted);
  EXPECT_EQ(StageNote(drafted, 6), "") << "stage 7 may start";
  // Retention runs beside publication from the sign-off (R22).
  EXPECT_EQ(StageNote(drafted, 7), "") << "stage 8 may start";
}

}  // namespace
}  // namespace jointly

namespace jointly {
namespace {

// Every check of stages 1 to 6 done: the report signed off.
InspectionFacts SignedOff() {
  InspectionFacts f;
  f.leads_named = true;
  f.liaison = f.red_lines = f.tasks = 1;
  f.terms_drafted = f.report_structure = f.approach_decided = true;
  f.terms = f.timetable = f.sites_agreement = f.arrangements = Agreement::kAgreed;
  f.terms_published = f.fieldwork_dated = true;
  f.sites = f.letters = f.letters_authorised = f.letters_sent = 1;
  f.arrangements_complete = true;
  f.clearances = f.interviews = f.evidence = 1;
  f.evidence_assured = true;
  f.meeting_held = f.dg_involved = f.sharing_decided = true;
  f.sections = 1;
  f.structure = f.evidence_assurance = f.red_lines_confirmed = Agreement::kAgreed;
  f.sections_drafted = true;
  f.findings = f.findings_on_evidence = f.recommendations = f.recommendations_answering = 1;
  f.approval_steps = 4;
  return f;
}

const StageCheck* CheckOf(const StageStatus& s, const std::string& label) {
  for (const auto& c : s.checks) {
    if (c.label.starts_with(label)) return &c;
  }
  return nullptr;
}

TEST(Inspection, R22_the_schedules_are_agreed_in_stage_one_without_holding_its_progress_back) {
  InspectionFacts f = SignedOff();
  auto stages = StagesOf(f);
  const StageCheck* agreed = CheckOf(stages[0], "Retention schedules agreed");
  ASSERT_NE(agreed, nullptr) << "stage 1 asks for the schedules to be agreed";
  EXPECT_FALSE(agreed->done);
  EXPECT_FALSE(agreed->counts);
  EXPECT_EQ(agreed->page, "retention");
  EXPECT_EQ(stages[0].progress, StageProgress::kCompleted) << "needed in stage 8, not before";
  f.retention_agreed = true;
  stages = StagesOf(f);
  EXPECT_TRUE(CheckOf(stages[0], "Retention schedules agreed")->done);
  EXPECT_TRUE(CheckOf(stages[7], "Retention schedules agreed")->done);
}

TEST(Inspection, R22_stage_8_follows_the_reports_sign_off_and_is_done_when_nothing_is_due) {
  InspectionFacts f = SignedOff();
  f.approval_steps = 3;
  EXPECT_EQ(StagesOf(f)[7].progress, StageProgress::kCannotStartYet);
  f.approval_steps = 4;
  auto stages = StagesOf(f);
  // Publication and retention start together: HMCPSI destroys its
  // material the day before publication.
  EXPECT_EQ(stages[6].progress, StageProgress::kNotStarted);
  EXPECT_EQ(stages[7].progress, StageProgress::kNotStarted);
  f.retention_agreed = f.publication_dated = true;
  f.retention_due = 2;
  stages = StagesOf(f);
  EXPECT_EQ(stages[7].progress, StageProgress::kInProgress);
  EXPECT_FALSE(CheckOf(stages[7], "Material due reviewed or destroyed")->done);
  f.retention_due = 0;
  EXPECT_EQ(StagesOf(f)[7].progress, StageProgress::kCompleted);
  // With no publication date, what counts from it is not yet reviewed.
  f.publication_dated = false;
  EXPECT_FALSE(CheckOf(StagesOf(f)[7], "Material due reviewed or destroyed")->done);
}

TEST(Inspection, published_settled_stages_five_to_seven_are_over_once_published) {
  InspectionFacts f = SignedOff();
  f.approval_steps = 4;
  f.publication_set = true;
  EXPECT_NE(StagesOf(f)[6].progress, StageProgress::kCompleted);
  // Published without a media plan: stage 7 is over all the same, its
  // check still saying what was not recorded.
  f.published = true;
  const auto stages = StagesOf(f);
  for (int i : {4, 5, 6}) EXPECT_EQ(stages[i].progress, StageProgress::kCompleted) << i;
  EXPECT_FALSE(CheckOf(stages[6],
                       "Media strategy decided: the approach and who takes bids for "
                       "interview")
                   ->done);
}

}  // namespace
}  // namespace jointly
