// Use cases of running a joint thematic inspection, stage 1 (M 1-11; R11,
// R12, R13): starting one from a programmed work stream, naming its team,
// drafting its terms of reference (methods and red lines included),
// recording stakeholder liaison, keeping its timetable and project plan,
// asking every participating inspectorate to sign off the terms and agree
// the timetable (joint decisions bound to the version they agree), and
// publishing the signed-off terms to the public page. Each use case checks
// the caller's standing on the inspection (domain/inspection.h), validates,
// writes and audits in one transaction; a page's view reads in one.
// Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/approvals.h"
#include "domain/delegation.h"
#include "domain/directory.h"
#include "domain/drafting.h"
#include "domain/evaluation.h"
#include "domain/fieldwork.h"
#include "domain/findings.h"
#include "domain/inspection.h"
#include "domain/media.h"
#include "domain/programme.h"
#include "domain/publication.h"
#include "domain/recommendations.h"
#include "domain/report_document.h"
#include "domain/retention.h"
#include "domain/site_selection.h"
#include "mail/mailer.h"
#include "service/decision_service.h"
#include "service/record_service.h"
#include "store/database.h"
#include "store/inspection_store.h"
#include "store/publication_store.h"
#include "store/released_store.h"

namespace jointly {

// The kinds of joint decision an inspection raises.
inline constexpr const char* kTermsSignOff = "inspection_terms";
inline constexpr const char* kTimetableAgreement = "inspection_timetable";
inline constexpr const char* kLetterAuthorisation = "commissioning_letter";
inline constexpr const char* kArrangementsAgreement = "fieldwork_arrangements";
inline constexpr const char* kSitesAgreement = "inspection_sites";
inline constexpr const char* kStructureAgreement = "report_structure";
inline constexpr const char* kAssuranceAgreement = "evidence_assurance";
inline constexpr const char* kRedLinesConfirmation = "report_red_lines";
// Each described once; the pages and the OpenAPI document read this, and a
// test holds it to the kinds the service registers.
inline constexpr DecisionKindName kInspectionDecisionKinds[] = {
    {kTermsSignOff, "Sign-off of the terms of reference"},
    {kTimetableAgreement, "Agreement of the timetable"},
    {kSitesAgreement, "Agreement of the fieldwork sites"},
    {kLetterAuthorisation, "Authority for a commissioning letter"},
    {kArrangementsAgreement, "Agreement of the fieldwork arrangements"},
    {kStructureAgreement, "Agreement of the report structure"},
    {kAssuranceAgreement, "Agreement that the quality assurance of the evidence is done"},
    {kRedLinesConfirmation, "Confirmation that red lines are respected in the draft report"},
};

// What starting an inspection needs: a programmed work stream, or (in the
// year) a title and who takes part.
struct StartInspection {
  std::optional<int64_t> proposal_id;
  std::string title;
  int64_t lead_inspectorate_id = 0;
  std::vector<int64_t> participating;
  std::vector<int64_t> partners;
};

// Someone who can be named to an inspection's team.
struct Person {
  int64_t id = 0;
  std::string name;
  std::optional<int64_t> inspectorate_id;
};

// An inspection on the list, with where it stands for the caller.
struct InspectionListing {
  Inspection inspection;
  Standing standing;
  bool terms_published = false;
};

// The inspections page: those the caller sees, newest first (by the day
// each started), and the work streams an inspection could be started from.
struct InspectionsPage {
  std::vector<InspectionListing> inspections;
  std::vector<Proposal> startable;  // programmed joint work with no inspection yet
  std::vector<Inspectorate> inspectorates;
  bool may_start = false;
};

// A report awaiting the approval of someone's inspectorate at a step of
// the chain (M 37, M 38, M 40), for their home page.
struct ReportAwaiting {
  int64_t inspection_id = 0;
  std::string title;
  ApprovalStep step = ApprovalStep::kAgreement;
};

// A decision the inspection awaits, for a link to answer it.
struct PendingDecision {
  int64_t id = 0;
  std::string kind;
  std::vector<int64_t> awaiting;  // inspectorates still to answer
};

// Stage 8 (M 48, R22): an item of the inspection's material under its
// owner's schedule, and whether it has been destroyed.
struct RetainedItem {
  RetentionItem item;
  RetentionDue due;
  std::string owner;  // the owning inspectorate's short name
  std::string extend_reason;
  bool destroyed = false;
  std::string destroyed_at;
  int64_t approved_by = 0;  // who approved its destruction
  int64_t certificate_seq = 0;
  std::string content_sha256;
};
struct RetentionView {
  Inspection inspection;
  Standing standing;
  std::string today;
  bool agreed = false;
  std::string agreed_on;
  std::string published_on;
  int64_t version = 0;  // the agreement's; 0 before it is agreed
  // Each participating inspectorate's schedule in words.
  std::vector<std::pair<std::string, std::vector<std::string>>> schedules;
  std::vector<LegalHold> holds;
  std::map<int64_t, std::string> inspectorates;  // short names
  std::vector<RetainedItem> items;
  std::vector<RetentionProposal> due;  // what the retention job proposes today
  // OFFICIAL-SENSITIVE items the viewer may not see: left out of `items` and
  // `due`, and counted here; `due_in_all` counts what is due, seen or not,
  // so the task list is the same for everyone.
  int withheld = 0;
  int due_in_all = 0;
};
// Everything an inspection's pages show, read in one transaction.
struct InspectionView {
  Inspection inspection;
  Standing standing;
  int64_t viewer_id = 0;                  // who is looking: the tasks they own they may mark
  bool sends_email = false;               // the service can send letters by e-mail
  std::vector<TeamMember> team;           // past members too, in the order they joined
  std::map<int64_t, std::string> people;  // names of everyone on the team or a candidate
  std::vector<Person> candidates;         // people of the participating inspectorates
  TermsOfReference terms;
  std::vector<MethodPlan> methods;
  std::vector<RedLine> red_lines;
  std::vector<Liaison> liaison;
  std::vector<KeyDate> key_dates;
  std::vector<Task> tasks;
  Agreement terms_agreement = Agreement::kNotAsked;
  Agreement timetable_agreement = Agreement::kNotAsked;
  Agreement sites_agreement = Agreement::kNotAsked;  // the set of sites (R11)
  std::vector<PendingDecision> pending;
  // By kind, when what it asks about stands declined: the decision that was
  // declined, with who declined it and why (their names in `people`).
  std::map<std::string, JointDecision> declined;
  std::optional<PublishedCopy> published;
  std::vector<std::string> warnings;  // on the timetable
  std::vector<StageStatus> stages;
  std::vector<Inspectorate> inspectorates;
  std::optional<Proposal> proposal;  // the work stream it runs
  std::vector<FieldworkSite> sites;
  std::map<int64_t, std::string> body_names;      // of the sites
  std::map<int64_t, std::string> body_addresses;  // theirs, postal, as the directory has them
  std::vector<Letter> letters;
  std::map<int64_t, Agreement> letter_agreements;  // by letter
  std::vector<LetterSending> sendings;             // oldest first
  // By site: a letter that can no longer go in time, peak leave, fieldwork
  // outside the timetable's (SiteWarnings), a letter to go by post with no
  // postal address to go to (CheckPostalAddress).
  std::map<int64_t, std::vector<std::string>> site_warnings;
  // By letter not yet sent: why it could not be sent today, authorised or
  // not (CheckPostalAddress, then the six weeks of CheckMaySend).
  std::map<int64_t, Status> letters_blocked;
  // Stages 3 and 4. Evidence and live-case issues are only those the
  // caller may see (MaySee), with the reviews and attachments of those.
  FieldworkArrangements arrangements;
  Agreement arrangements_agreement = Agreement::kNotAsked;
  std::vector<Clearance> clearances;
  std::vector<std::string> clearance_warnings;
  // Expired today, before fieldwork ends (ClearanceLapsed): not held.
  std::set<int64_t> expired_clearances;
  std::vector<EvidenceItem> evidence;
  std::vector<EvidenceReview> reviews;  // oldest first
  std::vector<Attachment> attachments;  // oldest first
  std::vector<Interview> interviews;
  std::vector<LiveCaseIssue> live_cases;
  std::vector<Visit> visits;  // in the order of their days
  std::vector<VisitPlace> visit_places;
  std::map<int64_t, std::vector<std::string>> visit_warnings;  // clearances, by visit
  // R23: the functions delegated on the inspection, every one ever
  // authorised; the people who may be named to one, for those who may
  // delegate (may_delegate); and the caller's own in force today.
  std::vector<Delegation> delegations;
  std::vector<Delegate> delegates;  // the people each names after its first
  std::vector<Person> delegation_candidates;
  bool may_delegate = false;
  std::vector<int64_t>
      delegates_for;  // the participating inspectorates the caller may delegate for
  std::vector<Delegation> held_delegations;
  // The caller's delegation of fieldwork in force today, if they hold one:
  // they record and change, and read, what that inspectorate's team would.
  std::optional<Delegation> fieldwork_under;
  // Whoever goes on fieldwork today (FieldworkTeam): the team and those
  // under a delegation of fieldwork, as of the delegating inspectorate.
  std::vector<TeamMember> fieldwork_team;
  std::set<int64_t> delegations_in_force;            // today
  std::map<int64_t, std::string> delegation_bodies;  // names of the bodies delegated to
  int withheld = 0;             // OFFICIAL-SENSITIVE evidence the caller may not see
  int live_cases_withheld = 0;  // and issues in live cases
  // Stage 5 (domain/findings.h): the emerging-findings meeting (as it will
  // be made, until it is first recorded), who was present, the report structure in
  // report order, and the two agreements the stage needs.
  FindingsMeeting meeting;
  std::vector<MeetingAttendance> attendance;
  std::vector<ReportSection> sections;
  Agreement structure_agreement = Agreement::kNotAsked;
  Agreement assurance_agreement = Agreement::kNotAsked;
  int64_t evidence_version = 0;  // EvidenceRegisterVersion, which the QA agreement binds to
  // Stage 6 (domain/drafting.h): every saved version of every section,
  // oldest first, and the comments and suggested edits on them (oldest
  // first); the report's version, on which each inspectorate confirms its
  // red lines are respected, and where that confirmation stands.
  std::vector<SectionDraft> drafts;
  std::vector<SectionComment> comments;
  int64_t report_version = 0;
  Agreement red_lines_agreement = Agreement::kNotAsked;
  Status drafting_open;  // CheckDraftingOpen (R18)
  // Stage 6 (domain/recommendations.h): the findings and the evidence each
  // rests on, the recommendations (or concerns, R19: `raises`) with the
  // findings each answers and each engagement with its owner (M 36); the
  // bodies that may own one, by name, the national agencies and government
  // departments first.
  std::vector<Finding> findings;
  std::vector<FindingEvidence> finding_evidence;
  std::vector<Recommendation> recommendations;
  std::vector<RecommendationFinding> recommendation_findings;
  std::vector<Engagement> engagements;
  RecommendationKind raises = RecommendationKind::kRecommendation;
  std::vector<std::pair<int64_t, std::string>> owners;
  // Stage 6 (domain/approvals.h, M 37-40): the report's approval chain,
  // every submission of a step and every approval of one (oldest first),
  // the critical readers, what the report holds now and its version, and
  // where each step stands on it.
  std::vector<ReportStep> report_steps;
  std::vector<StepApproval> step_approvals;
  std::vector<CriticalReader> critical_readers;
  ReportContent report_content;
  int64_t approval_version = 0;  // ContentVersion(report_content)
  std::vector<StepStatus> chain;
  // Stage 8 (domain/retention.h, R22): the schedules, the agreement and
  // publication date, holds, and each evidence item's date or destruction.
  RetentionView retention;
  // Stage 7 (domain/media.h, M 41-47): the factual accuracy checks and the
  // corrections received; every recipient of every distribution list as
  // cross-referenced (R21); the media plan (its approach is the terms'),
  // the press notice's spokespeople and the inspectorates it does not yet
  // name (R11); post-publication activity; and the names of the bodies
  // checks went to.
  std::vector<FactualCheck> factual_checks;
  std::vector<FactualCorrection> corrections;
  std::vector<Delivery> deliveries;
  MediaPlan media_plan;
  std::vector<Spokesperson> spokespeople;
  // R11: who may be chosen as a spokesperson (pages only): every active
  // Chief Inspector and HM Inspector of a participating inspectorate.
  std::vector<Spokesperson> may_speak;
  std::vector<int64_t> notice_missing;
  std::vector<PublicationActivity> activities;
  std::map<int64_t, std::string> check_bodies;
  // Stage 5's evaluation (domain/evaluation.h, M 29, M 32): every
  // evaluation given, by heading; the lessons recorded from it, newest
  // first; in what capacity the caller may evaluate, if they may; and, for
  // the terms of reference, the most relevant lessons of other inspections
  // (principle 10), when the caller may read the register.
  std::vector<Evaluation> evaluations;
  std::vector<Lesson> lessons;
  EvaluationFacts evaluation_facts;
  std::optional<EvaluatorStanding> evaluator;
  std::vector<LessonEntry> earlier_lessons;
  bool reads_lessons = false;
  // Stage 7 (domain/publication.h): whether the report as it is now is
  // signed off (every step of the chain complete), its publication if set,
  // the departments that receive embargoed copies (R21), their recipients
  // and every opening of an embargoed copy, oldest first.
  bool signed_off = false;
  std::optional<Publication> publication;
  std::vector<EmbargoDepartment> embargo_departments;
  std::vector<EmbargoRecipient> embargo_recipients;
  std::vector<EmbargoOpening> embargo_openings;
};

// Which lessons the register lists: of one theme or stage, or every one;
// a page of them, newest first.
struct LessonsQuery {
  std::optional<LessonTheme> theme;
  std::optional<InspectionStage> stage;
  int64_t limit = 0;  // 0: every one
  int64_t offset = 0;
};
struct LessonsPage {
  std::vector<LessonEntry> items;
  int64_t total = 0;  // matching the query, ignoring its page
  std::vector<Inspectorate> inspectorates;
};

// What one run of the publication job did.
struct PublicationRun {
  std::vector<int64_t> published;       // the inspections whose reports it published
  std::vector<int64_t> embargoes_sent;  // those whose embargoed copies it sent (R21)
  std::vector<std::string> held;        // why a publication due was not made
};

// An embargoed copy as its recipient opens it (R21): the report as signed
// off, naming them on every page.
struct EmbargoedCopy {
  EmbargoRecipient recipient;
  std::string publish_at;
  DraftReport report;
};

// One section of the report with every version of it, newest first, and
// the comments on it, oldest first.
struct SectionHistory {
  ReportSection section;
  std::vector<SectionDraft> versions;
  std::vector<SectionComment> comments;
};

// An attachment ready to download.
struct AttachmentFile {
  Attachment attachment;
  std::string content;
  Classification classification = Classification::kOfficial;
};

// A letter ready to be rendered.
struct LetterFile {
  LetterParts parts;
  std::string file_stem;  // "commissioning-letter-kent-police"
};

// Sites proposed from data for an inspection (M 12-14), with what is known
// of every candidate: its directory entry, indicators and burden.
struct SiteProposalView {
  BodyType type = BodyType::kPoliceForce;
  SiteProposal proposal;
  std::map<int64_t, InspectedBody> bodies;  // every candidate
  std::map<int64_t, BodyIndicators> indicators;
  std::map<int64_t, int> burden;
  std::string burden_around;  // the day the burden window is counted from
};

// What is due across inspections for one inspectorate.
struct RetentionDueItem {
  std::string inspection_title;
  RetentionProposal proposal;
};
struct RetentionDuePage {
  int64_t inspectorate_id = 0;
  std::string inspectorate;
  std::string today;
  std::vector<RetentionDueItem> items;
  std::map<int64_t, std::string> inspectorates;
};
// The destruction certificate written to the audit trail.
struct DestructionCertificate {
  int64_t seq = 0;
  nlohmann::json body;
};

class InspectionService {
 public:
  // Registers the inspection's kinds of joint decision with `decisions`.
  // Letters with an e-mail address go through `mailer` (none: they cannot
  // be sent by e-mail).
  InspectionService(Database& db, const Clock& clock, JointDecisions& decisions,
                    Mailer* mailer = nullptr);

  StatusOr<InspectionsPage> ViewInspections(const Caller& caller);
  // The reports of unpublished inspections the caller sees whose newest
  // submission at a step awaits the caller's inspectorate and which the
  // caller may approve (CheckApprove), in the order the inspections began.
  StatusOr<std::vector<ReportAwaiting>> ReportsAwaiting(const Caller& caller);
  // NotFound for an inspection the caller may not see, as for one that
  // does not exist.
  StatusOr<InspectionView> ViewInspection(const Caller& caller, int64_t id);
  // R23: for someone named by a delegation on inspection `id` of which none
  // is in force today, what they are told of it ("Your delegation of ...
  // was revoked on 2 December 2026."); empty for anyone else.
  StatusOr<std::string> DelegationNotInForce(const Caller& caller, int64_t id);

  // Stewards, and the senior people and lead inspectors of the lead
  // inspectorate, start an inspection: from a programmed work stream (its
  // title, lead and participants, its background, purpose and question
  // copied into the draft terms of reference) or commissioned in the year.
  // FailedPrecondition "already-started" for a work stream with an
  // inspection, "not-programmed" for one not in the programme.
  StatusOr<Inspection> Start(const Caller& caller, StartInspection request);

  // Names someone to the team for their inspectorate (CheckAppointment);
  // a new lead inspector or senior overseer ends the place of the one
  // before. The caller speaks for that inspectorate, or is a steward.
  StatusOr<TeamMember> Appoint(const Caller& caller, int64_t inspection_id, TeamMember member);
  // Ends a place on the team, with the reason.
  Status EndPlace(const Caller& caller, int64_t inspection_id, int64_t member_id);

  // The terms of reference: only the lead inspectorate changes them (R11),
  // and only once every inspectorate has named its leads (R12).
  StatusOr<TermsOfReference> UpdateTerms(const Caller& caller, int64_t inspection_id,
                                         int64_t version,
                                         const std::function<Status(TermsOfReference&)>& change);
  // Changes and deletions of a part name it by its own id; each reads the
  // part's inspection and checks the caller's standing on it, and answers
  // NotFound for a part of an inspection the caller may not see.
  // Methods: as the terms; each change moves the terms to a new version.
  StatusOr<MethodPlan> AddMethod(const Caller& caller, int64_t inspection_id, MethodPlan method);
  StatusOr<MethodPlan> UpdateMethod(const Caller& caller, int64_t id, int64_t version,
                                    const std::function<Status(MethodPlan&)>& change);
  Status DeleteMethod(const Caller& caller, int64_t id, int64_t version);
  // Red lines: each inspectorate its own; each change moves the terms to a
  // new version.
  StatusOr<RedLine> AddRedLine(const Caller& caller, int64_t inspection_id, RedLine line);
  Status DeleteRedLine(const Caller& caller, int64_t id, int64_t version);
  // Stakeholder liaison: recorded for the caller's inspectorate.
  StatusOr<Liaison> AddLiaison(const Caller& caller, int64_t inspection_id, Liaison liaison);
  // The timetable: the lead inspectorate's; each change moves it to a new
  // version.
  StatusOr<KeyDate> AddKeyDate(const Caller& caller, int64_t inspection_id, KeyDate date);
  StatusOr<KeyDate> UpdateKeyDate(const Caller& caller, int64_t id, int64_t version,
                                  const std::function<Status(KeyDate&)>& change);
  Status DeleteKeyDate(const Caller& caller, int64_t id, int64_t version);
  // The project plan: the lead inspectorate's.
  StatusOr<Task> AddTask(const Caller& caller, int64_t inspection_id, Task task);
  StatusOr<Task> UpdateTask(const Caller& caller, int64_t id, int64_t version,
                            const std::function<Status(Task&)>& change);

  // The active bodies of the directory a site can be chosen from, by name.
  StatusOr<std::vector<InspectedBody>> SiteChoices(const Caller& caller);
  // Fieldwork sites: the lead inspectorate's, from the directory.
  StatusOr<FieldworkSite> AddSite(const Caller& caller, int64_t inspection_id, FieldworkSite site);
  // Removes a site that no letter standing, evidence, interview or live
  // case names; its letters not sent or withdrawn go with it.
  Status DeleteSite(const Caller& caller, int64_t id, int64_t version);
  // Changes a site's fieldwork dates or why it was chosen (not its body),
  // unless a letter to it stands ("site-in-use"); the set of sites moves to
  // a new version, to be agreed again (R11).
  StatusOr<FieldworkSite> UpdateSite(const Caller& caller, int64_t id, int64_t version,
                                     const std::function<Status(FieldworkSite&)>& change);
  // Proposes `count` sites among the active bodies of `type` not yet sites
  // (ProposeSites), as the lead inspectorate adds sites; the burden is
  // counted around the first fieldwork date of the timetable, else today,
  // from imported inspections and the sites of Jointly's other inspections.
  StatusOr<SiteProposalView> ProposeSites(const Caller& caller, int64_t inspection_id,
                                          BodyType type, int count);
  // Adds the sites chosen from a proposal, all or none: each site's errors
  // are named "site-<body id>-<field>", every one at once.
  StatusOr<std::vector<FieldworkSite>> AddSites(const Caller& caller, int64_t inspection_id,
                                                std::vector<FieldworkSite> sites);
  // Commissioning letters: each inspectorate writes its own (M 15); a
  // change moves the letter to a new version, which needs authorising
  // again.
  StatusOr<Letter> AddLetter(const Caller& caller, int64_t inspection_id, Letter letter);
  StatusOr<Letter> UpdateLetter(const Caller& caller, int64_t id, int64_t version,
                                const std::function<Status(Letter&)>& change);
  // Asks every participating inspectorate to authorise the letter as it is
  // now (R14).
  StatusOr<DecisionView> AskLetterAuthorisation(const Caller& caller, int64_t letter_id);
  // Sends the letter today, once CheckMaySend allows it (R14): by e-mail
  // to its address if it has one (the mailer's error if that fails, and
  // then nothing is recorded), else it is recorded as posted, once its
  // body has a postal address to post it to (CheckPostalAddress).
  StatusOr<LetterSending> SendLetter(const Caller& caller, int64_t letter_id);
  // Withdraws the letter that stands, with a reason ("letter-withdrawal"),
  // by the inspectorate that wrote it or a steward: recorded on its
  // sending and audited, and the body told by e-mail if the letter went by
  // e-mail (by post, the inspectorate writes). Its site may then be
  // changed or removed.
  StatusOr<LetterSending> WithdrawLetter(const Caller& caller, int64_t letter_id,
                                         const std::string& reason);
  // The letter as a document (Annex 2), for those who see the inspection;
  // NotFound for others.
  StatusOr<LetterFile> LetterOf(const Caller& caller, int64_t letter_id);

  // Asks every participating inspectorate to sign off the terms of
  // reference as they are now (R13): R12 first, then every part
  // CheckReadyForSignOff asks for. The last sign-off publishes that version.
  StatusOr<DecisionView> AskSignOff(const Caller& caller, int64_t inspection_id);
  // Asks every participating inspectorate to agree the timetable as it is
  // now (R11): it needs fieldwork dates.
  StatusOr<DecisionView> AskTimetable(const Caller& caller, int64_t inspection_id);
  // Asks every participating inspectorate to agree the set of fieldwork
  // sites as it is now (R11); adding or removing a site lapses it, and no
  // letter is sent until it is agreed ("sites-agreed").
  StatusOr<DecisionView> AskSites(const Caller& caller, int64_t inspection_id);

  // Stage 3 (M 18-26): the fieldwork arrangements, the lead's to propose
  // (R11), agreed by every inspectorate once complete; each change moves
  // them to a new version. Open once stage 2's rules are met
  // ("stage-order").
  StatusOr<FieldworkArrangements> UpdateArrangements(
      const Caller& caller, int64_t inspection_id, int64_t version,
      const std::function<Status(FieldworkArrangements&)>& change);
  StatusOr<DecisionView> AskArrangements(const Caller& caller, int64_t inspection_id);
  // Clearances of people on the team: each inspectorate records its own
  // people's; stewards and the lead anyone's.
  StatusOr<Clearance> AddClearance(const Caller& caller, int64_t inspection_id, Clearance c);
  StatusOr<Clearance> UpdateClearance(const Caller& caller, int64_t id, int64_t version,
                                      const std::function<Status(Clearance&)>& change);
  Status DeleteClearance(const Caller& caller, int64_t id, int64_t version);

  // Stage 4 (M 23, R15): the shared evidence register. Anyone on the team
  // of a participating inspectorate records evidence for their
  // inspectorate; only its own inspectorate changes an item; every
  // participating inspectorate sees every item (OFFICIAL-SENSITIVE: the
  // team only) and quality-assures it.
  StatusOr<EvidenceItem> AddEvidence(const Caller& caller, int64_t inspection_id,
                                     EvidenceItem item);
  StatusOr<EvidenceItem> UpdateEvidence(const Caller& caller, int64_t id, int64_t version,
                                        const std::function<Status(EvidenceItem&)>& change);
  // R15: the caller's inspectorate agrees the item as it is now, or raises
  // a query; `version` is the version reviewed (a stale one: Aborted with
  // what changed).
  StatusOr<EvidenceReview> Review(const Caller& caller, int64_t evidence_id, int64_t version,
                                  EvidenceReview review);
  // The recording inspectorate answers a query.
  StatusOr<EvidenceReview> AnswerQuery(const Caller& caller, int64_t review_id,
                                       const std::string& answer);
  // Attaches a file (CheckAttachment) to an item: its SHA-256 is recorded.
  StatusOr<Attachment> Attach(const Caller& caller, int64_t evidence_id,
                              const std::string& filename, const std::string& content);
  // NotFound unless the caller may see the item it belongs to.
  StatusOr<AttachmentFile> AttachmentOf(const Caller& caller, int64_t attachment_id);
  // Interviews and focus groups (R16): the team plans them.
  StatusOr<Interview> AddInterview(const Caller& caller, int64_t inspection_id, Interview i);
  StatusOr<Interview> UpdateInterview(const Caller& caller, int64_t id, int64_t version,
                                      const std::function<Status(Interview&)>& change);
  // Fieldwork visits (M 18-20): the team plans each, on a day within its
  // site's fieldwork ("visit-window"); deleting one deletes its team.
  StatusOr<Visit> AddVisit(const Caller& caller, int64_t inspection_id, Visit visit);
  Status DeleteVisit(const Caller& caller, int64_t id, int64_t version);
  // Someone on a visit's team, alone or in a joint pair (CheckVisitPlace).
  StatusOr<VisitPlace> AddVisitPlace(const Caller& caller, int64_t visit_id, VisitPlace place);
  Status DeleteVisitPlace(const Caller& caller, int64_t id, int64_t version);
  // Issues in live cases, recorded and changed by the team, or (R23) by
  // someone under a delegation of fieldwork, those recorded for the
  // delegating inspectorate.
  StatusOr<LiveCaseIssue> AddLiveCase(const Caller& caller, int64_t inspection_id,
                                      LiveCaseIssue issue);
  StatusOr<LiveCaseIssue> UpdateLiveCase(const Caller& caller, int64_t id, int64_t version,
                                         const std::function<Status(LiveCaseIssue&)>& change);

  // Stage 5 (M 29-32, R17), open once stage 4's rules are met
  // ("stage-order"). The lead records the emerging-findings meeting and
  // proposes the report structure (R11); a meeting not yet recorded reads
  // as version 1, and is made when first saved. Each participating inspectorate records its own
  // presence (the lead and stewards any). Every change to the meeting, who was present or a section
  // moves the meeting to a new version, which lapses an agreement of the structure.
  StatusOr<FindingsMeeting> UpdateMeeting(const Caller& caller, int64_t inspection_id,
                                          int64_t version,
                                          const std::function<Status(FindingsMeeting&)>& change);
  StatusOr<MeetingAttendance> AddAttendance(const Caller& caller, int64_t inspection_id,
                                            MeetingAttendance attendance);
  Status DeleteAttendance(const Caller& caller, int64_t id, int64_t version);
  StatusOr<ReportSection> AddSection(const Caller& caller, int64_t inspection_id,
                                     ReportSection section);
  StatusOr<ReportSection> UpdateSection(const Caller& caller, int64_t id, int64_t version,
                                        const std::function<Status(ReportSection&)>& change);
  Status DeleteSection(const Caller& caller, int64_t id, int64_t version);
  // Asks every participating inspectorate to agree the report structure as
  // recorded now, once CheckStructureReady allows it (R17).
  StatusOr<DecisionView> AskStructure(const Caller& caller, int64_t inspection_id);
  // Asks every participating inspectorate to agree that the quality
  // assurance of the evidence is done, bound to the register as it is now
  // (EvidenceRegisterVersion): only once every item is agreed by every
  // inspectorate (R15, "evidence-not-assured"). A new or changed item lapses
  // it (R18).
  StatusOr<DecisionView> AskAssurance(const Caller& caller, int64_t inspection_id);

  // Stage 6, drafting the report (R18; inspection_drafting.cc). Saves the
  // text of a section as its next version, based on version `based_on`
  // (0: the first): only once CheckDraftingOpen allows, by its author
  // (CheckSectionAuthor); a save based on an older version is Aborted
  // ("stale-version"). Every save lapses the red-line confirmations; the
  // newest version's text saved unchanged is no new version.
  StatusOr<SectionDraft> SaveDraft(const Caller& caller, int64_t section_id, int64_t based_on,
                                   const std::string& text);
  // Every version of a section and the comments on it, to those who see
  // its inspection (NotFound to anyone else).
  StatusOr<SectionHistory> HistoryOf(const Caller& caller, int64_t section_id);
  // A comment or suggested edit on the newest version of a section, by
  // anyone who speaks for a participating inspectorate (MayComment).
  StatusOr<SectionComment> AddComment(const Caller& caller, int64_t section_id,
                                      SectionComment comment);
  // The section's author resolves a comment, or accepts a suggested edit
  // (saved as the next version) or declines it with a reason.
  StatusOr<SectionComment> AnswerComment(const Caller& caller, int64_t comment_id, CommentState to,
                                         const std::string& reason);
  // Asks every participating inspectorate to confirm that its red lines
  // are respected in the report as it stands (ReportVersion), once every
  // section is drafted.
  StatusOr<DecisionView> AskRedLines(const Caller& caller, int64_t inspection_id);
  // Stage 6 (M 33-40; R18, R19), open once stage 5's rules are met. The
  // lead's team records each finding with the evidence items it rests on
  // (at least one, from the register), and each recommendation (a concern,
  // when HMI Prisons leads: R19) with the findings it answers, refused
  // unless SMART (CheckRecommendation); and how each owner was engaged on
  // the proposed wording (M 36).
  StatusOr<Finding> AddFinding(const Caller& caller, int64_t inspection_id, Finding finding,
                               const std::vector<int64_t>& evidence_ids);
  // A change that names `evidence_ids` (or `finding_ids`) replaces the
  // links with them, checked as when added; without, they are kept.
  StatusOr<Finding> UpdateFinding(const Caller& caller, int64_t id, int64_t version,
                                  const std::function<Status(Finding&)>& change,
                                  const std::vector<int64_t>* evidence_ids = nullptr);
  StatusOr<Recommendation> AddRecommendation(const Caller& caller, int64_t inspection_id,
                                             Recommendation r,
                                             const std::vector<int64_t>& finding_ids);
  StatusOr<Recommendation> UpdateRecommendation(
      const Caller& caller, int64_t id, int64_t version,
      const std::function<Status(Recommendation&)>& change,
      const std::vector<int64_t>* finding_ids = nullptr);
  StatusOr<Engagement> AddEngagement(const Caller& caller, int64_t recommendation_id, Engagement e);

  // Stage 5's evaluation (M 29, M 32; inspection_lessons.cc), once stage 5
  // is open. Each member of the team, past or present, and each
  // Development Group representative of an inspectorate taking part
  // (CheckEvaluator, "R17") evaluates it, once per heading, and changes or
  // removes only their own; the lead's team records, changes and removes
  // the lessons drawn from it.
  StatusOr<Evaluation> AddEvaluation(const Caller& caller, int64_t inspection_id, Evaluation e);
  StatusOr<Evaluation> UpdateEvaluation(const Caller& caller, int64_t id, int64_t version,
                                        const std::function<Status(Evaluation&)>& change);
  Status DeleteEvaluation(const Caller& caller, int64_t id, int64_t version);
  StatusOr<Lesson> AddLesson(const Caller& caller, int64_t inspection_id, Lesson lesson);
  StatusOr<Lesson> UpdateLesson(const Caller& caller, int64_t id, int64_t version,
                                const std::function<Status(Lesson&)>& change);
  Status DeleteLesson(const Caller& caller, int64_t id, int64_t version);
  // The lessons-learned register across inspections (principle 10), for
  // its readers only (CheckMayReadLessons: PermissionDenied otherwise).
  StatusOr<LessonsPage> Lessons(const Caller& caller, const LessonsQuery& query);
  StatusOr<Lesson> GetLesson(const Caller& caller, int64_t id);

  // Stage 6's approval chain (M 37-40; R11; inspection_approvals.cc).
  // Anyone who speaks for a participating inspectorate (MayComment)
  // submits a step on the report as it is now, once CheckSubmit allows;
  // whoever approves it for their inspectorate does so on the version
  // they read (CheckApprove): a version not the newest is refused (R11),
  // and so is the submitter ("submitter-cannot-approve-alone").
  StatusOr<ReportStep> SubmitStep(const Caller& caller, int64_t inspection_id, ApprovalStep step);
  StatusOr<StepApproval> ApproveStep(const Caller& caller, int64_t inspection_id, ApprovalStep step,
                                     int64_t version);
  // Critical readers (M 39): the lead's team names them, and records each
  // response, once the report is sent to them ("M38"), and what was done
  // about it (CheckCriticalReader).
  StatusOr<CriticalReader> AddCriticalReader(const Caller& caller, int64_t inspection_id,
                                             CriticalReader reader);
  StatusOr<CriticalReader> UpdateCriticalReader(
      const Caller& caller, int64_t id, int64_t version,
      const std::function<Status(CriticalReader&)>& change);
  StatusOr<CriticalReader> GetCriticalReader(const Caller& caller, int64_t id);

  // R23: the Chief Inspector or an HM Inspector of a participating
  // inspectorate (or an administrator for them) delegates one of its
  // functions on the inspection to a person of another authority
  // (CheckDelegation), authorised today; names more people of that
  // authority to exercise it (CheckDelegate); or revokes it, from today
  // (CheckRevocation).
  StatusOr<Delegation> AddDelegation(const Caller& caller, int64_t inspection_id, Delegation d);
  StatusOr<Delegate> AddDelegate(const Caller& caller, int64_t delegation_id, Delegate x);
  StatusOr<Delegation> RevokeDelegation(const Caller& caller, int64_t id, int64_t version);

  // Stage 8 (M 48, R22): each participating inspectorate's schedule, the
  // publication date the schedules count from, legal holds and each
  // evidence item's date. Agreeing records the publication date (again,
  // when it moves); a hold is placed by the caller's inspectorate with a
  // reason and lifted only by it; an item due is destroyed for good by its
  // owning inspectorate (nothing while a hold is in force), or, when it is
  // due for review, kept until a later review with a reason.
  StatusOr<RetentionView> ViewRetention(const Caller& caller, int64_t inspection_id);
  StatusOr<RetentionView> AgreeRetention(const Caller& caller, int64_t inspection_id,
                                         const std::string& published_on, int64_t version);
  StatusOr<LegalHold> PlaceHold(const Caller& caller, int64_t inspection_id,
                                const std::string& reason);
  StatusOr<LegalHold> LiftHold(const Caller& caller, int64_t hold_id, const std::string& reason);
  StatusOr<DestructionCertificate> DestroyEvidence(const Caller& caller, int64_t evidence_id);
  Status ExtendRetention(const Caller& caller, int64_t evidence_id, const std::string& reason,
                         const std::string& review_on);
  // What the retention job proposes today for `inspectorate_id`, across
  // the inspections the caller sees.
  StatusOr<RetentionDuePage> RetentionDueFor(const Caller& caller, int64_t inspectorate_id);

  // Stage 7 (M 41-47; R11, R21; inspection_media.cc), once stage 6's
  // final sign-off is done; each part NotFound to those who may not see
  // its inspection. Factual accuracy checks: the lead inspectorate's team
  // sends extracts to a body of the directory and records each correction
  // received; a correction is decided by the inspectorate that wrote its
  // section or by the lead (CheckMayDecide), recorded with who decided.
  StatusOr<FactualCheck> AddFactualCheck(const Caller& caller, int64_t inspection_id,
                                         FactualCheck check);
  StatusOr<FactualCheck> UpdateFactualCheck(const Caller& caller, int64_t id, int64_t version,
                                            const std::function<Status(FactualCheck&)>& change);
  StatusOr<FactualCorrection> AddCorrection(const Caller& caller, int64_t check_id,
                                            FactualCorrection correction);
  // Those who may decide but are not of the lead inspectorate change only
  // the decision and its reason.
  StatusOr<FactualCorrection> UpdateCorrection(
      const Caller& caller, int64_t id, int64_t version,
      const std::function<Status(FactualCorrection&)>& change);
  // Distribution lists: each participating inspectorate keeps its own (an
  // address once on it, rule "already-on-list"); an address also on
  // another list is flagged and sent to once (CrossReference).
  StatusOr<Recipient> AddRecipient(const Caller& caller, int64_t inspection_id, Recipient r);
  StatusOr<Recipient> UpdateRecipient(const Caller& caller, int64_t id, int64_t version,
                                      const std::function<Status(Recipient&)>& change);
  Status DeleteRecipient(const Caller& caller, int64_t id, int64_t version);
  // The media plan, the lead inspectorate's (R11, M 45), made on its first
  // save (`version` 0): refused (FailedPrecondition "R11", naming them)
  // while a participating inspectorate has no spokesperson, or a press
  // notice does not name the Chief Inspector or an HM Inspector of every
  // participating inspectorate.
  StatusOr<MediaPlan> SaveMediaPlan(const Caller& caller, int64_t inspection_id, int64_t version,
                                    const std::function<Status(MediaPlan&)>& change);
  // Spokespeople: chosen (`s.user_id`) from the people of Jointly, each
  // the Chief Inspector or an HM Inspector of a participating inspectorate
  // (SpokespersonFor: InvalidArgument at "user_id" otherwise), by the
  // lead's team, or by an inspectorate for itself (PermissionDenied "R11").
  StatusOr<Spokesperson> AddSpokesperson(const Caller& caller, int64_t inspection_id,
                                         Spokesperson s);
  Status DeleteSpokesperson(const Caller& caller, int64_t id, int64_t version);
  // Post-publication activity (M 47), by anyone on the team.
  StatusOr<PublicationActivity> AddActivity(const Caller& caller, int64_t inspection_id,
                                            PublicationActivity a);
  StatusOr<PublicationActivity> UpdateActivity(
      const Caller& caller, int64_t id, int64_t version,
      const std::function<Status(PublicationActivity&)>& change);
  // The press notice as a document; FailedPrecondition ("R11") while it
  // does not name every inspectorate's Chief Inspector or HM Inspector, or
  // ("no-press-notice") while there is none.
  StatusOr<Document> PressNotice(const Caller& caller, int64_t inspection_id);

  // The public page: the newest signed-off terms of each inspection.
  StatusOr<std::vector<PublishedTerms>> PublishedList();
  // NotFound unless the inspection's terms are published.
  StatusOr<PublishedTerms> Published(int64_t inspection_id);

  // Stage 7 (inspection_publication.cc; M 41-47, R21). Sets or moves the
  // date and time the report is published (CheckSchedule: the lead's team,
  // once signed off, in the future, not moved once embargoed copies went
  // out), bound to the version signed off; audited.
  StatusOr<Publication> SchedulePublication(const Caller& caller, int64_t inspection_id,
                                            const std::string& publish_at);
  // The publication job, as of the clock: sends the embargoed copies due
  // (an e-mail to each recipient with a personal link under
  // `site_address`/embargoed/) and publishes each report whose time has
  // come, each in one transaction that claims it first (so of several
  // instances on one database exactly one publishes it): the report as
  // signed off released to the public website, the terms of reference's
  // public copy marked completed, the retention schedules' publication day
  // set, and an audit entry. A report changed since it was signed off is
  // held, not published. Thread-safe.
  StatusOr<PublicationRun> RunPublication(const std::string& site_address);
  // R21: someone who receives the embargoed copy for a department that
  // does (EmbargoDepartments); the lead's team names them, before the
  // report is published. InvalidArgument naming each field.
  StatusOr<EmbargoRecipient> AddEmbargoRecipient(const Caller& caller, int64_t inspection_id,
                                                 EmbargoRecipient recipient);
  // Revokes a recipient's link: it no longer opens (Aborted if `version`
  // is not the newest).
  StatusOr<EmbargoRecipient> RevokeEmbargoRecipient(const Caller& caller, int64_t recipient_id,
                                                    int64_t version);
  // Opens the embargoed copy of the token's recipient, logging the opening
  // (`what`: "page" or "pdf") from `address`. NotFound for a token of no
  // one; FailedPrecondition (rule "R21") when revoked, before the embargo
  // opens, or once published (the public report then takes over).
  StatusOr<EmbargoedCopy> OpenEmbargoedCopy(const std::string& token, const std::string& address,
                                            const std::string& what);

  // The audit trail of the inspection and everything in it, oldest first.
  StatusOr<std::vector<AuditEntry>> History(const Caller& caller, int64_t inspection_id);

 private:
  // The inspection, its team and the caller's standing, in `tx`; NotFound
  // for an inspection the caller may not see.
  struct Context {
    Inspection inspection;
    std::vector<TeamMember> team;
    Standing standing;
    std::vector<Delegation> delegations;        // R23: the inspection's, with all their people
    std::vector<Delegate> delegates;            // the people named after the first
    std::optional<Delegation> fieldwork_under;  // the caller's (FieldworkDelegationOf)
  };
  // R23: for whom the caller does `function` on the inspection in `c`
  // today (ActingForOf), and the words an act under a delegation carries.
  struct Acting {
    ActingFor who;
    std::string words;
  };
  StatusOr<Acting> ActingOf(Transaction& tx, const Caller& caller, const Context& c,
                            DelegatedFunction function, std::optional<int64_t> chosen);
  // The words every act under `d` carries (UnderDelegationWords).
  StatusOr<std::string> WordsOf(Transaction& tx, const Delegation& d);
  // The delegations into `v`, with what the pages show of them.
  Status ReadDelegations(Transaction& tx, const Caller& caller, const Context& c,
                         InspectionView& v);
  StatusOr<Context> Load(Transaction& tx, const Caller& caller, int64_t inspection_id);
  // Whether the caller may know the inspection exists (Load would find it).
  StatusOr<bool> SeesInspection(Transaction& tx, const Caller& caller, int64_t inspection_id);
  // R23: how the caller changes a record of fieldwork made for
  // `inspectorate`: as the team (no delegation: the record keeps what it
  // says), or under a delegation of fieldwork from that inspectorate, whose
  // words the record then carries; PermissionDenied (rule "R23") otherwise.
  StatusOr<Acting> ChangingFieldwork(Transaction& tx, const Caller& caller, const Context& c,
                                     std::optional<int64_t> inspectorate);
  // R23: for whom the caller records fieldwork: under `chosen`, the
  // delegation they say (ActingOf); else, off the team, for `inspectorate`
  // (whose record it is: the person cleared, the inspectorate conducting an
  // interview alone) under a delegation of it, if they hold one; else as
  // ActingOf infers.
  StatusOr<Acting> RecordingFieldwork(Transaction& tx, const Caller& caller, const Context& c,
                                      std::optional<int64_t> chosen,
                                      std::optional<int64_t> inspectorate);
  // R23: how the caller changes interview `before`: as the team (it keeps
  // what it says), or as whoever recorded it under a delegation of
  // fieldwork still in force, whose words it then carries;
  // PermissionDenied (rule "R23") otherwise.
  StatusOr<Acting> ChangingInterview(Transaction& tx, const Caller& caller, const Context& c,
                                     const Interview& before);
  // CheckOneClearanceEach against the inspection's clearances, naming the
  // person.
  Status CheckClearanceIsTheOnly(Transaction& tx, const Clearance& clearance);
  // The lead inspectorate proposes; R12 before anything of the terms.
  StatusOr<Context> LoadForTerms(Transaction& tx, const Caller& caller, int64_t inspection_id);
  Status CheckForTerms(Transaction& tx, const Context& c);
  StatusOr<TermsOfReference> TermsOf(Transaction& tx, int64_t inspection_id);
  // Everything an inspection's pages show, in `tx`.
  Status ReadView(Transaction& tx, const Caller& caller, int64_t id, InspectionView& v);
  // The parts of the inspection in `c` into `v`, and its stages: `whole`
  // for everything the pages show, or only what decides the stages.
  Status ReadParts(Transaction& tx, const Context& c, InspectionView& v, bool whole);
  // What only the pages show: timetable warnings, the proposal, body names.
  Status ReadWhatIsShownOnly(Transaction& tx, InspectionView& v);
  // The site's warnings (SiteWarnings), by site, for the pages and the API.
  Status ReadSiteWarnings(Transaction& tx, InspectionView& v);
  // The participating inspectorates' Chief Inspectors as the directory
  // names them today, as a letter's heading prints them.
  StatusOr<std::vector<std::string>> ChiefInspectorsNow(Transaction& tx, const Inspection& i);
  // What names `site` (UseOfSite); its letters into `letters_of_site`.
  StatusOr<SiteUse> SiteUseOf(Transaction& tx, const FieldworkSite& site,
                              std::vector<Letter>* letters_of_site);
  // Stages 3 and 4 into `v`, and their facts into `f`.
  Status ReadFieldwork(Transaction& tx, InspectionView& v, InspectionFacts& f, bool whole);
  // FailedPrecondition "stage-order" unless `stage` of the inspection in
  // `c` may start (CheckStageOpen); "published-settled" for stages 5 to 7
  // once the report is published (CheckNotSettled); reads only what
  // decides it.
  Status CheckStage(Transaction& tx, const Context& c, InspectionStage stage);
  // Whether stage 7 may start, for post-publication activity, which is
  // recorded after publication too (not settled by it).
  Status ActivityStageOpen(Transaction& tx, const Context& c);
  // The context of a part's inspection, for a change by a member of the
  // team; NotFound (as `label`) if the caller may not see it.
  // The letter as a document, dated the day its version was sent (today if
  // it has not been).
  StatusOr<LetterFile> LetterFileOf(Transaction& tx, const Context& c, const Letter& letter);
  StatusOr<Context> LoadForFieldwork(Transaction& tx, const Caller& caller, int64_t inspection_id,
                                     const std::string& label, int64_t part_id);

  // Whether the caller may change a part of an inspection, given the
  // inspection's context and the part as it stands.
  template <typename T>
  using PartCheck = std::function<Status(Transaction& tx, const Context& c, const T& before)>;
  // Applies the caller's change to `x`, keeping what may not change.
  template <typename T>
  using PartChange =
      std::function<Status(Transaction& tx, const Context& c, const T& before, T& x)>;
  // What is done in the same transaction once a part is changed (a version
  // to bump): `after` is null when it was deleted.
  template <typename T>
  using PartThen = std::function<Status(Transaction& tx, const T& before, const T* after)>;
  // The change of one part of an inspection, as every such use case has it
  // (inspection_parts.h): reads part `id`, loads its inspection (the part is
  // NotFound, as `label`, to those who may not see it), runs `check`, then
  // applies `change` at `version` and `then`; a stale version is Aborted
  // with what changed since.
  template <typename T>
  StatusOr<T> UpdatePart(const Caller& caller, RecordService<T>& records, const std::string& label,
                         const PartCheck<T>& check, int64_t id, int64_t version,
                         const PartChange<T>& change, const PartThen<T>& then = {});
  template <typename T>
  Status DeletePart(const Caller& caller, RecordService<T>& records, const std::string& label,
                    const PartCheck<T>& check, int64_t id, int64_t version,
                    const PartThen<T>& then = {});
  // The usual checks and follow-ups of UpdatePart and DeletePart
  // (inspection_parts.h): a member of the team; the lead inspectorate's
  // team; the lead's team once R12 holds; a new version of the terms or the
  // timetable.
  template <typename T>
  static Status OnTeam(Transaction& tx, const Context& c, const T& before);
  template <typename T>
  static Status LeadTeam(Transaction& tx, const Context& c, const T& before);
  template <typename T>
  PartCheck<T> ForTerms();
  template <typename T>
  PartThen<T> BumpTerms();
  template <typename T>
  PartThen<T> BumpTimetable();
  void RegisterArrangements();
  void RegisterFindings();
  // Stage 5 into `v`, and its facts into `f` (inspection_findings.cc).
  Status ReadFindings(Transaction& tx, InspectionView& v, InspectionFacts& f, bool whole);
  // Where the joint decision of `kind` on the inspection in `v` stands at
  // `version`; with `whole`, what is declined or awaited is kept in `v`.
  StatusOr<Agreement> ReadAgreement(Transaction& tx, InspectionView& v, const std::string& kind,
                                    int64_t version, bool whole);
  // Stage 6 into `v`, and its facts into `f` (inspection_drafting.cc).
  void RegisterDrafting();
  Status ReadDrafting(Transaction& tx, InspectionView& v, InspectionFacts& f, bool whole);
  // The section `section_id`, its inspection's context and stage 6 as it
  // is, for a change to the draft by the caller.
  struct Drafting {
    ReportSection section;
    Context c;
    InspectionView v;
  };
  StatusOr<Drafting> LoadDrafting(Transaction& tx, const Caller& caller, int64_t section_id);
  // Keeps `text` as the next version of the section in `d`, based on
  // `based_on`, with its audit entry.
  StatusOr<SectionDraft> KeepDraft(Transaction& tx, const Caller& caller, const Drafting& d,
                                   int64_t based_on, const std::string& text);
  // The inspection's meeting, made (version 1) if it has none yet.
  StatusOr<FindingsMeeting> MeetingOf(Transaction& tx, const Caller& caller, int64_t inspection_id);
  // Moves the meeting of the part's inspection to a new version.
  template <typename T>
  PartThen<T> BumpMeeting();
  // After a section is changed or removed: the others renumbered around
  // it, then the meeting's version moved (R11).
  PartThen<ReportSection> Reordered();
  // Stage 6 into `v`, and its facts into `f` (inspection_recommendations.cc).
  Status ReadRecommendations(Transaction& tx, InspectionView& v, InspectionFacts& f, bool whole);
  // Stage 6's approval chain into `v`, and its facts into `f`, after the
  // drafts, findings and recommendations (inspection_approvals.cc).
  Status ReadApprovals(Transaction& tx, InspectionView& v, InspectionFacts& f);
  // Stage 7 into `v`, and its facts into `f` (inspection_media.cc).
  Status ReadMedia(Transaction& tx, InspectionView& v, InspectionFacts& f, bool whole);
  // Stage 7 into `v`, and its facts into `f`, after the approval chain
  // (inspection_publication.cc).
  Status ReadPublication(Transaction& tx, InspectionView& v, InspectionFacts& f, bool whole);
  // Publishes `p` in `tx` if it is due and the report is still as signed
  // off (else why not into `held`): false if another caller claimed it.
  StatusOr<bool> PublishIn(Transaction& tx, int64_t inspection_id, std::string& held);
  // Claims the embargo of `p` in `tx` and gives each recipient not revoked
  // a token: the messages to send once committed, by recipient.
  StatusOr<std::vector<std::pair<int64_t, MailMessage>>> EmbargoIn(Transaction& tx,
                                                                   int64_t inspection_id,
                                                                   const std::string& site_address);
  // Sends each of `messages` (from EmbargoIn); a copy that does not go is
  // marked unsent again (its link never worked), so no page says it went,
  // the time may move while none went, and the next run tries again (why
  // into `held`). Without a mailer (the demo's replayed history) they
  // count as sent. Whether any went.
  StatusOr<bool> SendEmbargoed(int64_t inspection_id,
                               const std::vector<std::pair<int64_t, MailMessage>>& messages,
                               std::vector<std::string>& held);
  Status ReadRetention(Transaction& tx, RetentionView& v);
  // Stage 8 into `v.retention`, and its facts into `f` (inspection_retention.cc).
  Status ReadRetentionPart(Transaction& tx, InspectionView& v, InspectionFacts& f);
  // R22: FailedPrecondition (RefuseDestroyed, at `field` if given) if any of
  // `evidence_ids` of the inspection was destroyed.
  Status RefuseIfDestroyed(Transaction& tx, int64_t inspection_id,
                           const std::vector<int64_t>& evidence_ids, std::string_view field = "");
  // Stage 5's evaluation into `v`, and its facts into `f`
  // (inspection_lessons.cc).
  Status ReadEvaluation(Transaction& tx, InspectionView& v, InspectionFacts& f);
  // What the caller may do with the evaluation, and the earlier lessons
  // the terms of reference show, if the caller reads the register.
  Status ReadEarlierLessons(Transaction& tx, const Caller& caller, InspectionView& v);
  // Whether the caller may read the lessons-learned register.
  StatusOr<bool> ReadsLessons(Transaction& tx, const Caller& caller);
  // Every lesson of the page `query` asks for, with its inspection.
  StatusOr<LessonsPage> ReadLessons(Transaction& tx, const LessonsQuery& query);
  // An evidence item into `e` and the retention of its inspection into `v`,
  // as the caller may see it, and the item's place in that retention:
  // NotFound if hidden or absent, FailedPrecondition (R22) once destroyed.
  StatusOr<const RetainedItem*> ReadRetainedEvidence(Transaction& tx, const Caller& caller,
                                                     int64_t evidence_id, EvidenceItem& e,
                                                     RetentionView& v);
  Status Publish(Transaction& tx, const StoredDecision& decision);
  // The site's errors (its fields, its body, a body already a site) in
  // `c`'s inspection, each field named `prefix` + field.
  Status CheckNewSite(Transaction& tx, const Context& c, const FieldworkSite& site,
                      const std::string& prefix);

  Database& db_;
  const Clock& clock_;
  JointDecisions& decisions_;
  Mailer* mailer_;
  RecordService<TermsOfReference> terms_;
  RecordService<MethodPlan> methods_;
  RecordService<RedLine> red_lines_;
  RecordService<Liaison> liaison_;
  RecordService<KeyDate> key_dates_;
  RecordService<Task> tasks_;
  RecordService<FieldworkSite> sites_;
  RecordService<Letter> letters_;
  RecordService<FieldworkArrangements> arrangements_;
  RecordService<Clearance> clearances_;
  RecordService<EvidenceItem> evidence_;
  RecordService<Interview> interviews_;
  RecordService<LiveCaseIssue> live_cases_;
  RecordService<Visit> visits_;
  RecordService<VisitPlace> visit_places_;
  RecordService<Delegation> delegations_;
  RecordService<Delegate> delegates_;
  RecordService<FindingsMeeting> meetings_;
  RecordService<MeetingAttendance> attendance_;
  RecordService<ReportSection> sections_;
  RecordService<Finding> findings_;
  RecordService<FindingEvidence> finding_evidence_;
  RecordService<Recommendation> recommendations_;
  RecordService<RecommendationFinding> recommendation_findings_;
  RecordService<Engagement> engagements_;
  RecordService<ReportStep> report_steps_;
  RecordService<StepApproval> step_approvals_;
  RecordService<CriticalReader> critical_readers_;
  RecordService<FactualCheck> factual_checks_;
  RecordService<FactualCorrection> corrections_;
  RecordService<Recipient> recipients_;
  RecordService<MediaPlan> media_plans_;
  RecordService<Spokesperson> spokespeople_;
  RecordService<PublicationActivity> activities_;
  RecordService<Evaluation> evaluations_;
  RecordService<Lesson> lessons_;
};

// Who runs the demo's inspection: each inspectorate's lead inspector,
// senior overseer and Development Group representative.
struct DemoInspectionPeople {
  Caller police_lead, police_overseer, police_rep;
  Caller cps_lead, cps_overseer, cps_rep;
  // HMICFRS's Chief Inspector, who delegates fieldwork to an HMCPSI
  // inspector outside the team (R23).
  Caller police_chief, cps_delegate;
};
// The demo's joint inspection (Hate crime, from the 2017-18 programme),
// once, part-way through stage 3, replayed on the days it happened (the
// service and `decisions` run on `clock`, which this sets): its team,
// signed-off and published terms of reference, an agreed timetable and a
// project plan in the spring; in the summer three fieldwork sites with
// their letters authorised and sent six weeks ahead, the fieldwork
// arrangements agreed, clearances, interviews planned and the first
// evidence recorded and partly quality-assured. Returns its id.
StatusOr<int64_t> LoadDemoInspection(InspectionService& inspections, JointDecisions& decisions,
                                     ReplayClock& clock, const DemoInspectionPeople& people);
// Then stage 5 (inspection_demo_findings.cc): the evidence quality-assured
// and that agreed, the emerging-findings meeting held with both
// inspectorates present, and the report structure it recorded agreed; and
// the first of stage 6: two sections drafted, one twice, with a comment
// and a suggested edit on it.
Status LoadDemoFindings(InspectionService& inspections, JointDecisions& decisions,
                        ReplayClock& clock, const DemoInspectionPeople& people, int64_t id);

nlohmann::json ToJson(const Inspection& inspection);
nlohmann::json ToJson(const TeamMember& member);
nlohmann::json ToJson(const LetterSending& sending);
nlohmann::json ToJson(const EvidenceReview& review);
nlohmann::json ToJson(const PublishedTerms& published);
// The JSON of the published copy back into its parts.
StatusOr<PublishedTerms> PublishedTermsFromJson(const std::string& content);
// Published terms of reference as the public website keeps them
// (store/released_store.h).
ReleasedItem TermsRelease(const PublishedTerms& published);
// The report as the inspection's view has it (stage 6's document): the
// newest text of each section, the findings in the order of the sections
// they are reported in (those placed in none last), and the
// recommendations or concerns with their owners.
DraftReport DraftReportOf(const InspectionView& v);
// The published report as the public website keeps it (kind "report",
// slug the inspection's id), and back.
ReleasedItem ReportRelease(int64_t inspection_id, const DraftReport& report,
                           const std::string& published_at);
StatusOr<DraftReport> DraftReportFromJson(const std::string& content);

}  // namespace jointly
