// A joint thematic inspection run through the eight stages of the
// methodology (M): who leads it and who takes part (R11, R12), its team,
// its terms of reference with the methods it uses and each inspectorate's
// red lines on drafting (R13), the stakeholder liaison that informed it,
// its timetable and the lead's project plan. Each part is a record
// described once; the rules between them are plain functions here. Pure:
// no I/O and no clock (today is passed in).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "domain/access.h"
#include "domain/document.h"
#include "domain/peak_leave.h"
#include "domain/record.h"

namespace jointly {

// The eight stages of a joint thematic inspection (M, stages one to eight).
enum class InspectionStage {
  kPlanning,      // 1: planning, scope and methodology
  kSites,         // 2: selection of fieldwork sites and commissioning
  kPreFieldwork,  // 3: before onsite fieldwork
  kFieldwork,     // 4: onsite fieldwork
  kFindings,      // 5: evaluation and emerging findings
  kReport,        // 6: report writing
  kPublication,   // 7: publication and media
  kRetention,     // 8: retention and destruction
};
inline constexpr InspectionStage kAllInspectionStages[] = {
    InspectionStage::kPlanning,    InspectionStage::kSites,     InspectionStage::kPreFieldwork,
    InspectionStage::kFieldwork,   InspectionStage::kFindings,  InspectionStage::kReport,
    InspectionStage::kPublication, InspectionStage::kRetention,
};
int StageNumber(InspectionStage stage);  // 1 to 8
std::string_view InspectionStageLabel(InspectionStage stage);

// An inspection: started from a programmed work stream (or commissioned in
// the year), singly led and jointly owned.
struct Inspection {
  int64_t id = 0;
  std::string title;
  std::optional<int64_t> proposal_id;  // the work stream it runs, if any
  int64_t lead_inspectorate_id = 0;
  // The criminal justice inspectorates taking part, the lead among them:
  // each takes part in every key decision (R11).
  std::vector<int64_t> participating;
  // Other inspectorates taking part (Ofsted, CQC...): named in the report,
  // no part in the joint decisions of the criminal justice inspectorates.
  std::vector<int64_t> partners;
  std::string started_on;         // YYYY-MM-DD
  int64_t timetable_version = 1;  // moves with every change to the timetable
  int64_t sites_version = 1;      // moves with every site added or removed
  int64_t version = 1;
};
// How long an inspection's text may be, by kind of field, on every form of
// its stages and in the API, the error naming the field and the limit
// (Validation): a short text on one line (a title, a name, whom it is
// with, a place, a reference) or a long one in paragraphs (a summary, a
// reason, a plan, a letter). What the service writes itself (whom an act
// is for under delegation) keeps its own.
inline constexpr size_t kMaxShortText = 300;
inline constexpr size_t kMaxLongText = 20000;
inline constexpr size_t kMaxInspectionTitle = kMaxShortText;
// InvalidArgument naming each bad field: a title; a lead that takes part;
// at least two participating inspectorates (one alone is not a joint
// inspection, rule "joint"); nobody twice.
Status ValidateInspection(const Inspection& inspection);
bool Participates(const Inspection& inspection, int64_t inspectorate_id);

enum class TeamRole { kLeadInspector, kSeniorOverseer, kTeamMember };
inline constexpr TeamRole kAllTeamRoles[] = {TeamRole::kLeadInspector, TeamRole::kSeniorOverseer,
                                             TeamRole::kTeamMember};
std::string_view TeamRoleId(TeamRole role);
std::string_view TeamRoleLabel(TeamRole role);
std::optional<TeamRole> ParseTeamRole(std::string_view id);

// Someone on the inspection's team for one inspectorate. A change of lead
// inspector or senior overseer ends the holder's place (left_on) and
// records why the next one took over, so continuity is visible (R12).
struct TeamMember {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t inspectorate_id = 0;
  int64_t user_id = 0;
  TeamRole role = TeamRole::kTeamMember;
  std::string joined_on;  // YYYY-MM-DD
  std::string left_on;    // empty while on the team
  std::string reason;     // why they replaced someone, if they did
  bool current() const { return left_on.empty(); }
};
inline constexpr size_t kMaxReason = kMaxLongText;

// R12: each participating inspectorate's lead inspector and senior overseer
// still to be named, as (inspectorate, role).
std::vector<std::pair<int64_t, TeamRole>> MissingLeads(const Inspection& inspection,
                                                       const std::vector<TeamMember>& team);
// FailedPrecondition (rule "R12") naming what is
// missing, in words from `name_of` (an inspectorate's short name), unless
// every participating inspectorate has named both.
Status CheckLeadsNamed(const Inspection& inspection, const std::vector<TeamMember>& team,
                       const std::map<int64_t, std::string>& name_of);

// Whether `appointee` may join the team as it stands: the inspectorate
// takes part (rule "not-participating"); the person works for it (rule
// "other-inspectorate", `appointee_inspectorate` is theirs); they do not
// already hold that place (rule "already-on-team"); replacing a lead
// inspector or senior overseer needs a reason (field "reason", rule
// "R12").
Status CheckAppointment(const Inspection& inspection, const std::vector<TeamMember>& team,
                        const TeamMember& appointee, std::optional<int64_t> appointee_inspectorate);

// What a caller may do with one inspection. Administrators and the
// secretariat steward every inspection; the team and the Development Group
// representatives, Chief Inspectors and HMIs of participating inspectorates
// see its working material and speak for their inspectorate; the lead
// inspectorate's people (and stewards) change what the lead proposes;
// everyone else sees nothing of it.
struct Standing {
  bool sees = false;
  bool steward = false;                 // administrator or secretariat
  bool lead_team = false;               // may change what the lead proposes
  bool on_team = false;                 // a current member of the team
  bool delegate = false;                // sees it only as the holder of a delegation in force (R23)
  std::optional<int64_t> inspectorate;  // whom they speak for, if they take part
};
Standing StandingOf(const Caller& caller, const Inspection& inspection,
                    const std::vector<TeamMember>& team);
// R11 "singly led": who may start an inspection led by
// `lead_inspectorate_id`: the joint secretariat and administrators, and that
// inspectorate's Chief Inspector, HM Inspectors, Development Group
// representatives and lead inspectors. An inspector starts none.
bool MayStart(const Caller& caller, int64_t lead_inspectorate_id);
// PermissionDenied (rule "R11", at `field`) unless MayStart.
Status CheckMayStart(const Caller& caller, int64_t lead_inspectorate_id, const std::string& field);
// PermissionDenied (rule "not-on-team") unless the caller sees the
// inspection; NotFound would tell outsiders it exists, so pages answer 404
// for what this refuses.
Status CheckSees(const Standing& standing);
// PermissionDenied (rule "R11") unless the caller may change
// what the lead proposes.
Status CheckLeadTeam(const Standing& standing);
// PermissionDenied (rule "not-on-team") unless the caller works on the
// fieldwork: the current team, and stewards. Pages offer fieldwork forms
// only to those it allows.
Status CheckOnTeam(const Standing& standing);

enum class PublicationApproach { kUndecided, kSoftLaunch, kProactiveMedia };
inline constexpr PublicationApproach kAllPublicationApproaches[] = {
    PublicationApproach::kUndecided, PublicationApproach::kSoftLaunch,
    PublicationApproach::kProactiveMedia};
std::string_view PublicationApproachId(PublicationApproach approach);
std::string_view PublicationApproachLabel(PublicationApproach approach);

// The terms of reference (M 2-7, Annex 3), one per inspection, with the
// provisional report structure and the audience and approach to
// publication. Its version moves with every change to it, to its methods
// or to a red line: a sign-off binds to one version.
struct TermsOfReference {
  int64_t id = 0;
  int64_t inspection_id = 0;
  std::string background;        // why the inspection is taking place
  std::string aims;              // what it aims to achieve
  std::string question;          // the main inspection question
  std::string criteria;          // sub-questions or criteria
  std::string sites;             // which bodies of which type will be visited
  std::string methodology;       // how it will be carried out, at a high level
  std::string timetable;         // proposed start, publication and other key dates
  std::string report_structure;  // provisional, and who contributes what
  std::string audience;
  PublicationApproach publication = PublicationApproach::kUndecided;
  int64_t version = 0;
};
const RecordType<TermsOfReference>& TermsRecord();

// The methods of evidence gathering the seed lists (M 3).
enum class Method {
  kFileExamination,
  kDocumentReview,
  kData,
  kRealityChecks,
  kInterviews,
  kFocusGroups,
  kSurveys,
  kRequestsForInformation,
  kCallsForEvidence,
  kExternalReferenceGroups,
  kUserVoice,
  kCommissionedResearch,
  kObservations,
};
inline constexpr Method kAllMethods[] = {
    Method::kFileExamination,
    Method::kDocumentReview,
    Method::kData,
    Method::kRealityChecks,
    Method::kInterviews,
    Method::kFocusGroups,
    Method::kSurveys,
    Method::kRequestsForInformation,
    Method::kCallsForEvidence,
    Method::kExternalReferenceGroups,
    Method::kUserVoice,
    Method::kCommissionedResearch,
    Method::kObservations,
};
std::string_view MethodId(Method method);
std::string_view MethodLabel(Method method);

// A method chosen, with how it adds value and how it will be presented in
// the report.
struct MethodPlan {
  int64_t id = 0;
  int64_t inspection_id = 0;
  Method method = Method::kFileExamination;
  std::string value_added;
  std::string presentation;
  int64_t version = 0;
};
const RecordType<MethodPlan>& MethodPlanRecord();

// An inspectorate's red line on drafting (M 5).
struct RedLine {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t inspectorate_id = 0;
  std::string text;
  int64_t version = 0;
};
const RecordType<RedLine>& RedLineRecord();

// Liaison with stakeholders that informed the scope or methodology,
// recorded by a Development Group representative (M 1).
struct Liaison {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t inspectorate_id = 0;
  std::string held_on;
  std::string with_whom;
  std::string summary;
  int64_t version = 0;
};
const RecordType<Liaison>& LiaisonRecord();

// R13: what the terms of reference still lack before they can go for
// sign-off: InvalidArgument (rule "R13") naming each missing
// part (background, aims, question, methodology, sites, timetable, at
// least one method).
Status CheckReadyForSignOff(const TermsOfReference& terms, const std::vector<MethodPlan>& methods);

enum class KeyDateKind {
  kFieldwork,
  kItAccess,
  kReferenceGroup,
  kCriticalReaders,
  kChiefInspectors,
  kPublication,
  kOther,
};
inline constexpr KeyDateKind kAllKeyDateKinds[] = {
    KeyDateKind::kFieldwork,       KeyDateKind::kItAccess,        KeyDateKind::kReferenceGroup,
    KeyDateKind::kCriticalReaders, KeyDateKind::kChiefInspectors, KeyDateKind::kPublication,
    KeyDateKind::kOther,
};
std::string_view KeyDateKindId(KeyDateKind kind);
std::string_view KeyDateKindLabel(KeyDateKind kind);

// A date or span on the timetable (M 10).
struct KeyDate {
  int64_t id = 0;
  int64_t inspection_id = 0;
  KeyDateKind kind = KeyDateKind::kFieldwork;
  std::string title;
  std::string starts_on;
  std::string ends_on;  // empty: the one day
  std::string place;    // where: a site, for fieldwork
  int64_t version = 0;
};
const RecordType<KeyDate>& KeyDateRecord();
// InvalidArgument (field "ends_on", rule "date-order") for a span that
// ends before it starts, or lasts more than a year.
Status ValidateKeyDate(const KeyDate& date);

// Warnings, in words, for the timetable as it stands: fieldwork that
// touches a peak leave period or a bank holiday (of `calendar`), or starts
// on a weekend; any other date (publication, a meeting, a review) that
// starts or ends on a bank holiday or a weekend, when no one works.
// Warnings, not refusals: an inspection may need to look at the holidays.
std::vector<std::string> TimetableWarnings(const std::vector<KeyDate>& dates,
                                           const std::vector<PeakLeavePeriod>& peak_leave,
                                           const WorkingDayCalendar& calendar);

enum class TaskStatus { kNotStarted, kInProgress, kDone };
inline constexpr TaskStatus kAllTaskStatuses[] = {TaskStatus::kNotStarted, TaskStatus::kInProgress,
                                                  TaskStatus::kDone};
std::string_view TaskStatusId(TaskStatus status);
std::string_view TaskStatusLabel(TaskStatus status);

// A task of the project plan the lead keeps (M 11).
struct Task {
  int64_t id = 0;
  int64_t inspection_id = 0;
  std::string title;
  std::optional<int64_t> owner_user_id;  // a person on the inspection's team
  // Who owned it in words, as typed before owners were people; kept where
  // no person matched it, and empty once a person owns the task.
  std::string owner_name;
  std::string due_on;
  TaskStatus status = TaskStatus::kNotStarted;
  int64_t version = 0;
};
const RecordType<Task>& TaskRecord();
// A task's owner is someone on the inspection's team: InvalidArgument
// (field "owner_user_id") if the task has no owner at all, or if the person
// chosen (newly: a task keeps an owner who has since left) is not on the
// team now. `before` is null for a new task.
Status CheckTaskOwner(const Task* before, const Task& task, const std::vector<TeamMember>& team);
// Whether `user_id` may mark where a task stands: its owner may, as the
// lead inspectorate's team may.
bool MaySetTaskStatus(const Standing& standing, int64_t user_id, const Task& task);
// The lead inspectorate's team changes the project plan; a task's owner
// changes only where it stands. PermissionDenied (rule "task-owner-status")
// for any other change from `before` to `after` by `user_id`.
Status CheckTaskChanger(const Standing& standing, int64_t user_id, const Task& before,
                        const Task& after);
// Whether a task is owned by person `user_id`, or, for a task whose owner
// is still only words, whether those words name them: as `names` (their
// name, their e-mail address, and their place on the team such as "HMICFRS
// lead inspector"), whatever the case and the spaces around it.
bool TaskOwnedBy(const Task& task, int64_t user_id, const std::vector<std::string>& names);
// A lead inspector's or senior overseer's place on a team, as a task's
// owner names it: "HMICFRS lead inspector". A team member's place names no
// one person: empty.
std::string PlaceOnTeam(const TeamMember& member, const std::string& inspectorate);

// A fieldwork site (M 12-14): a body from the directory, when onsite
// fieldwork there starts and ends, and why it was chosen.
struct FieldworkSite {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t body_id = 0;
  std::string fieldwork_starts_on;
  std::string fieldwork_ends_on;  // empty: the one day
  std::string why;
  int64_t version = 0;
};
const RecordType<FieldworkSite>& SiteRecord();
Status ValidateSite(const FieldworkSite& site);

// A commissioning letter (letter of announcement, letter to the Chief
// Constable) to one site, from the inspectorate that commissions it there
// (M 15-17, Annex 2).
struct Letter {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t site_id = 0;
  int64_t commissioned_by = 0;  // the inspectorate
  std::string addressee;        // "Chief Constable, Kent Police"
  std::string email;
  std::string signed_by;  // "Senior responsible officer, HMICFRS"
  std::string body;
  int64_t version = 0;
};
const RecordType<Letter>& LetterRecord();

// How the inspectorate with `code` commissions its sites (M 15): to whom
// its letters go and from whom; empty for one the methodology does not
// describe.
std::string_view CommissioningPractice(std::string_view code);

// R14: a letter goes out at least six weeks before onsite fieldwork at its
// site starts.
inline constexpr int kLetterNoticeDays = 42;
// FailedPrecondition (rule "R14") unless every participating inspectorate
// authorised this very version of the letter (`authorised_version`, if any
// agreement was given) and `today` is at least six weeks before fieldwork
// starts at its site; a late letter is told the latest day it could have
// gone and the earliest fieldwork date it would allow now.
Status CheckMaySend(const Letter& letter, std::optional<int64_t> authorised_version,
                    Date fieldwork_starts, Date today);
// Whom a letter is to, naming its body: the addressee, then `body` unless
// the addressee names it already ("Chief Constable" at Kent Police:
// "Chief Constable, Kent Police").
std::string AddresseeAt(const std::string& addressee, const std::string& body);
// Rule "letter-address": a letter with no e-mail address goes by post, so
// `body` needs a postal address (`address`, from the directory).
// FailedPrecondition naming the field "address" and saying what to do.
Status CheckPostalAddress(const Letter& letter, const std::string& body,
                          const std::string& address);

// How a letter went: by e-mail through the service, or posted by the
// inspectorate and recorded here.
enum class SendingMethod { kEmail, kPost };
std::string_view SendingMethodId(SendingMethod method);
std::optional<SendingMethod> ParseSendingMethod(std::string_view id);

// A sending of a letter: which version, to whom, how and when; and, if it
// was withdrawn, when, by whom and why.
struct LetterSending {
  int64_t id = 0;
  int64_t letter_id = 0;
  int64_t letter_version = 0;
  std::string sent_to;
  std::string sent_on;  // YYYY-MM-DD
  int64_t sent_by = 0;
  std::string sent_at;
  SendingMethod method = SendingMethod::kEmail;
  std::string withdrawn_on;  // YYYY-MM-DD; empty while the letter stands
  int64_t withdrawn_by = 0;
  std::string withdrawn_at;
  std::string withdrawal_reason;
  bool in_force() const { return withdrawn_on.empty(); }
};
// The sending of `letter_id` that stands (sent and not withdrawn), if any.
const LetterSending* SendingInForce(int64_t letter_id, const std::vector<LetterSending>& sendings);
// Rule "letter-withdrawal": a sent letter is withdrawn with a reason
// (InvalidArgument, field "reason": none, or longer than kMaxReason), and
// only while a sending of it stands (FailedPrecondition).
Status CheckWithdrawal(const LetterSending* in_force, const std::string& reason);

// Warnings, in words, for a fieldwork site as it stands on `today`
// (warnings, not refusals): its letter's send-by date, six weeks before
// fieldwork, has passed while no letter to it stands (R14), saying what to
// do; its fieldwork falls in a peak leave period; or it falls outside every
// fieldwork window of the timetable (`timetable`'s fieldwork dates, if
// any). `name` is the site's body.
std::vector<std::string> SiteWarnings(const FieldworkSite& site, const std::string& name,
                                      bool letter_stands, Date today,
                                      const std::vector<PeakLeavePeriod>& peak_leave,
                                      const std::vector<KeyDate>& timetable);
// A version of a letter is sent once: FailedPrecondition "letter-sent",
// saying to whom and when, if `sendings` (the letter's) hold its version.
// A changed letter, authorised again, is a new version and may be sent.
Status CheckNotYetSent(const Letter& letter, const std::vector<LetterSending>& sendings);
// The sending of the letter's version among `sendings`, if it was sent.
const LetterSending* SendingOf(const Letter& letter, const std::vector<LetterSending>& sendings);

// The letter on joint headed paper, in the layout of Annex 2.
struct LetterParts {
  Letter letter;
  std::string inspection_title;
  // The participating inspectorates' Chief Inspectors as they were when
  // the version was authorised (today's, for a letter not yet authorised
  // or authorised before they were recorded).
  std::vector<std::string> chief_inspectors;
  std::string body_name;  // the body it goes to, named under the addressee
  std::string address;    // the body's postal address, one line; may be empty
  std::string date;       // in words
};
Document LetterDocument(const LetterParts& parts);
// "Dear Chief Constable,": an office holder is greeted by office, the
// addressee up to its first comma ("Chief Constable, Kent Police").
std::string Salutation(const Letter& letter);
// The letter as the text of its e-mail: OFFICIAL at the top and bottom, the
// Chief Inspectors, addressee and address, the salutation, the letter and
// who signs it.
std::string LetterEmailText(const LetterParts& parts);
// The e-mail that tells the addressee a letter sent on `sent_on`
// (YYYY-MM-DD) is withdrawn, and why; marked OFFICIAL as the letter is.
std::string WithdrawalEmailText(const LetterParts& parts, const std::string& sent_on,
                                const std::string& reason);

// Where a version-bound joint decision stands for its subject as it is now
// (R11): never asked, awaiting answers, agreed on this version, declined,
// or lapsed because the subject changed after it was agreed (or while it
// awaited answers).
enum class Agreement { kNotAsked, kAwaiting, kAgreed, kDeclined, kLapsed };
inline constexpr Agreement kAllAgreements[] = {Agreement::kNotAsked, Agreement::kAwaiting,
                                               Agreement::kAgreed, Agreement::kDeclined,
                                               Agreement::kLapsed};
std::string_view AgreementId(Agreement agreement);
std::string_view AgreementLabel(Agreement agreement);
struct AgreementFacts {
  enum class State { kAwaiting, kAgreed, kDeclined };
  State state = State::kAwaiting;
  int64_t subject_version = 0;
};
// `asked` newest first.
Agreement AgreementOf(const std::vector<AgreementFacts>& asked, int64_t current_version);

// The task list of the inspection page: each stage's expectations, which
// are done, and which of them are rules that block the next step.
struct StageCheck {
  std::string label;
  bool done = false;
  std::string rule;  // the rule that makes it block, if it does ("R12")
  // For a joint decision: where it stands (awaiting, declined, lapsed...).
  std::optional<Agreement> agreement = std::nullopt;
  // For a joint decision: what it agrees ("terms", "timetable", "sites",
  // "arrangements").
  std::string part = {};
  // A joint decision of a stage done that is no longer agreed (what it
  // agreed changed) after the stage after it began: to agree again, while
  // the stage stays completed.
  bool again = false;
  // Whether it counts towards its stage's progress: a check asked for in
  // a stage ahead of the stage that needs it does not (it is shown).
  bool counts = true;
  // The inspection's page that does it ("retention"), if not the stage's.
  std::string page = {};
};
enum class StageProgress { kCannotStartYet, kNotStarted, kInProgress, kCompleted };
inline constexpr StageProgress kAllStageProgress[] = {
    StageProgress::kCannotStartYet, StageProgress::kNotStarted, StageProgress::kInProgress,
    StageProgress::kCompleted};
std::string_view StageProgressId(StageProgress progress);
std::string_view StageProgressLabel(StageProgress progress);
struct StageStatus {
  InspectionStage stage = InspectionStage::kPlanning;
  StageProgress progress = StageProgress::kNotStarted;
  std::vector<StageCheck> checks;
};
// What the task list is worked out from.
struct InspectionFacts {
  bool leads_named = false;
  int liaison = 0;
  bool terms_drafted = false;  // every part CheckReadyForSignOff asks for
  bool report_structure = false;
  int red_lines = 0;
  bool approach_decided = false;
  Agreement terms = Agreement::kNotAsked;
  bool terms_published = false;
  bool fieldwork_dated = false;
  Agreement timetable = Agreement::kNotAsked;
  int tasks = 0;
  int sites = 0;
  Agreement sites_agreement = Agreement::kNotAsked;  // the set of sites (R11)
  int letters = 0;
  int letters_authorised = 0;  // at their current version
  int letters_sent = 0;
  bool arrangements_complete = false;
  Agreement arrangements = Agreement::kNotAsked;
  int clearances = 0;
  int clearance_warnings = 0;
  int interviews = 0;
  int evidence = 0;
  bool evidence_assured = false;  // R15
  // Stage 5 (domain/findings.h).
  bool meeting_held = false;  // R17: dated, every participating inspectorate present
  bool dg_involved = false;
  int sections = 0;
  bool sharing_decided = false;
  bool evaluated = false;                      // M 29, M 32: EvaluationDone (domain/evaluation.h)
  Agreement structure = Agreement::kNotAsked;  // the report structure (R11)
  Agreement evidence_assurance = Agreement::kNotAsked;  // QA of the evidence done (R18)
  // Stage 6 (domain/drafting.h).
  bool sections_drafted = false;                         // every section has a version
  Agreement red_lines_confirmed = Agreement::kNotAsked;  // on the report as it is (R18)
  // Stage 6 (domain/recommendations.h): findings, and those resting on
  // evidence; recommendations (or concerns), and those answering a finding.
  int findings = 0;
  int findings_on_evidence = 0;
  int recommendations = 0;
  int recommendations_answering = 0;
  bool concerns = false;  // R19: the lead raises concerns, not recommendations
  // Stage 6's approval chain (domain/approvals.h): how many of its four
  // steps are complete in a row on the report as it is (M 37-40).
  int approval_steps = 0;
  // Stage 8 (domain/retention.h, R22): the schedules agreed for the
  // inspection in stage 1, the publication date they count from, and the
  // items the retention job proposes today.
  bool retention_agreed = false;
  bool publication_dated = false;
  int retention_due = 0;
  // Stage 7 (domain/media.h, M 41-47): the factual accuracy checks
  // decided, every participating inspectorate's distribution list with who
  // sends decided, the media strategy decided, and a press notice naming
  // every inspectorate's Chief Inspector or HM Inspector.
  bool factual_checks_decided = false;
  bool distribution_lists = false;
  bool media_strategy = false;
  bool press_notice = false;
  // Stage 7 (domain/publication.h): the date and time set, whether any
  // participating inspectorate sends embargoed copies (R21) and whether
  // they went, and whether the report is published.
  bool publication_set = false;
  bool embargo_applies = false;
  bool embargo_sent = false;
  bool published = false;
};
// A stage opens once the checks that block in the stage before are done,
// and stays open once work in it has begun. A stage whose only checks not
// done are joint decisions that lapsed (or are asked again) after the stage
// after it began stays completed, those checks marked `again`.
std::vector<StageStatus> StagesOf(const InspectionFacts& facts);
// FailedPrecondition (rule "stage-order") unless `stage` has started or
// every check that blocks (has a rule) in the stage before it is done,
// naming those of the stages before that are not.
Status CheckStageOpen(const std::vector<StageStatus>& stages, InspectionStage stage);

// The terms of reference for publication, in the layout of Annex 3.
struct PublishedTerms {
  int64_t inspection_id = 0;
  int64_t terms_version = 0;
  std::string title;
  std::string lead;                        // the lead inspectorate's full name
  std::vector<std::string> inspectorates;  // every one taking part, full names
  TermsOfReference terms;
  std::vector<std::string> methods;  // the methods' labels
  std::string published_at;          // "2026-11-23T15:04:05Z"
  // Once the inspection's report is published (stage 7), when: the
  // inspection is then completed, and its report at /reports/<id>.
  std::string report_published_at;
};
Document TermsDocument(const PublishedTerms& published);

}  // namespace jointly
