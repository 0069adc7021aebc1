#include "service/inspection_service.h"

#include <algorithm>

#include "core/text.h"
#include "documents/documents.h"
#include "domain/publication_checks.h"
#include "service/audit_trail.h"
#include "service/calendar_service.h"
#include "service/inspection_parts.h"
#include "store/audit_store.h"
#include "store/directory_store.h"
#include "store/people_store.h"
#include "store/programme_store.h"
#include "store/site_data_store.h"

namespace jointly {

using nlohmann::json;
using namespace inspection_parts;  // NOLINT(google-build-using-namespace)

InspectionService::InspectionService(Database& db, const Clock& clock, JointDecisions& decisions,
                                     Mailer* mailer)
    : db_(db),
      clock_(clock),
      decisions_(decisions),
      mailer_(mailer),
      terms_(db, clock, TermsRecord()),
      methods_(db, clock, MethodPlanRecord()),
      red_lines_(db, clock, RedLineRecord()),
      liaison_(db, clock, LiaisonRecord()),
      key_dates_(db, clock, KeyDateRecord(), RulesOf<KeyDate, ValidateKeyDate>()),
      tasks_(db, clock, TaskRecord()),
      sites_(db, clock, SiteRecord(), RulesOf<FieldworkSite, ValidateSite>()),
      letters_(db, clock, LetterRecord()),
      arrangements_(db, clock, ArrangementsRecord()),
      clearances_(db, clock, ClearanceRecord()),
      evidence_(db, clock, EvidenceRecord(), RulesOf<EvidenceItem, ValidateEvidence>()),
      interviews_(db, clock, InterviewRecord(), RulesOf<Interview, ValidateInterview>()),
      live_cases_(db, clock, LiveCaseRecord()),
      visits_(db, clock, VisitRecord()),
      visit_places_(db, clock, VisitPlaceRecord()),
      delegations_(db, clock, DelegationRecord()),
      delegates_(db, clock, DelegateRecord()),
      meetings_(db, clock, FindingsMeetingRecord(),
                [](const FindingsMeeting* before, const FindingsMeeting& after) {
                  return ValidateFindingsMeeting(before, after);
                }),
      attendance_(db, clock, AttendanceRecord()),
      sections_(db, clock, ReportSectionRecord()),
      findings_(db, clock, FindingRecord()),
      finding_evidence_(db, clock, FindingEvidenceRecord()),
      recommendations_(db, clock, RecommendationRecord()),
      recommendation_findings_(db, clock, RecommendationFindingRecord()),
      engagements_(db, clock, EngagementRecord()),
      report_steps_(db, clock, ReportStepRecord()),
      step_approvals_(db, clock, StepApprovalRecord()),
      critical_readers_(db, clock, CriticalReaderRecord(),
                        RulesOf<CriticalReader, CheckCriticalReader>()),
      factual_checks_(db, clock, FactualCheckRecord(), RulesOf<FactualCheck, CheckFactualCheck>()),
      corrections_(db, clock, FactualCorrectionRecord()),
      recipients_(db, clock, RecipientRecord()),
      media_plans_(db, clock, MediaPlanRecord()),
      spokespeople_(db, clock, SpokespersonRecord()),
      activities_(db, clock, PublicationActivityRecord()),
      evaluations_(db, clock, EvaluationRecord(), RulesOf<Evaluation, ValidateEvaluation>()),
      lessons_(db, clock, LessonRecord()) {
  DecisionKind terms;
  terms.ask = Permission::kRunInspections;
  terms.apply = [this](Transaction& tx, const StoredDecision& d, const Caller&,
                       const std::string&) { return Publish(tx, d); };
  terms.subject_version = [this](Transaction& tx, int64_t inspection_id) -> StatusOr<int64_t> {
    ASSIGN_OR_RETURN(TermsOfReference t, TermsOf(tx, inspection_id));
    return t.version;
  };
  terms.subject_json = [](const StoredDecision& d) {
    return OnInspection(d.subject_id, "/terms", "See the terms of reference");
  };
  terms.seen_by = [this](Transaction& tx, const StoredDecision& d, const Caller& caller) {
    return SeesInspection(tx, caller, d.subject_id);
  };
  decisions_.Register(kTermsSignOff, std::move(terms));

  DecisionKind timetable;
  timetable.ask = Permission::kRunInspections;
  // Agreeing the timetable changes nothing but the agreement itself.
  timetable.apply = [](Transaction&, const StoredDecision&, const Caller&, const std::string&) {
    return OkStatus();
  };
  timetable.subject_version = [](Transaction& tx, int64_t inspection_id) -> StatusOr<int64_t> {
    ASSIGN_OR_RETURN(Inspection i, GetInspection(tx, inspection_id));
    return i.timetable_version;
  };
  timetable.subject_json = [](const StoredDecision& d) {
    return OnInspection(d.subject_id, "/timetable", "See the timetable");
  };
  timetable.seen_by = [this](Transaction& tx, const StoredDecision& d, const Caller& caller) {
    return SeesInspection(tx, caller, d.subject_id);
  };
  decisions_.Register(kTimetableAgreement, std::move(timetable));

  DecisionKind sites;
  sites.ask = Permission::kRunInspections;
  // Agreeing the set of sites changes nothing but the agreement: sending a
  // letter checks it.
  sites.apply = [](Transaction&, const StoredDecision&, const Caller&, const std::string&) {
    return OkStatus();
  };
  sites.subject_version = [](Transaction& tx, int64_t inspection_id) -> StatusOr<int64_t> {
    ASSIGN_OR_RETURN(Inspection i, GetInspection(tx, inspection_id));
    return i.sites_version;
  };
  sites.subject_json = [](const StoredDecision& d) {
    return OnInspection(d.subject_id, "/sites", "See the sites");
  };
  sites.seen_by = [this](Transaction& tx, const StoredDecision& d, const Caller& caller) {
    return SeesInspection(tx, caller, d.subject_id);
  };
  decisions_.Register(kSitesAgreement, std::move(sites));

  DecisionKind letter;
  letter.ask = Permission::kRunInspections;
  // Authorising a letter records the Chief Inspectors its heading names as
  // they are now, so that the letter keeps them; sending checks the
  // authorisation (R14).
  letter.apply = [this](Transaction& tx, const StoredDecision& d, const Caller&,
                        const std::string&) -> Status {
    ASSIGN_OR_RETURN(Letter l, GetRecord(tx, LetterRecord(), d.subject_id));
    ASSIGN_OR_RETURN(Inspection i, GetInspection(tx, l.inspection_id));
    ASSIGN_OR_RETURN(auto names, ChiefInspectorsNow(tx, i));
    return InsertSignatories(tx, l.id, d.subject_version.value_or(l.version), names,
                             NowText(clock_));
  };
  letter.subject_version = [](Transaction& tx, int64_t letter_id) -> StatusOr<int64_t> {
    ASSIGN_OR_RETURN(Letter l, GetRecord(tx, LetterRecord(), letter_id));
    return l.version;
  };
  letter.subject_json = [](const StoredDecision& d) {
    json j{{"letter_id", d.subject_id}};
    const json asked = json::parse(d.payload, nullptr, false);
    if (asked.is_object() && asked.value("inspection_id", int64_t{0}) > 0) {
      j.update(OnInspection(asked["inspection_id"].get<int64_t>(), "/sites", "See the letter"));
    }
    return j;
  };
  letter.seen_by = [this](Transaction& tx, const StoredDecision& d,
                          const Caller& caller) -> StatusOr<bool> {
    // A letter removed since (with its site) is known by the inspection
    // the question named: its decision stays in the record, seen by the
    // same people, and never hides every other decision.
    auto l = GetRecord(tx, LetterRecord(), d.subject_id);
    if (l.ok()) return SeesInspection(tx, caller, l->inspection_id);
    if (l.status().code() != StatusCode::kNotFound) return l.status();
    const json asked = json::parse(d.payload, nullptr, false);
    const int64_t inspection_id =
        asked.is_object() ? asked.value("inspection_id", int64_t{0}) : int64_t{0};
    if (inspection_id <= 0) return false;
    return SeesInspection(tx, caller, inspection_id);
  };
  decisions_.Register(kLetterAuthorisation, std::move(letter));
  RegisterArrangements();
  RegisterFindings();
  RegisterDrafting();
}

namespace {

// R23: someone a function of an inspection was delegated to sees its working
// material while the delegation is in force.
void SeesAsDelegate(Standing& standing, const std::vector<Delegation>& delegations,
                    int64_t inspection_id, int64_t user_id, Date day) {
  if (standing.sees || !HoldsDelegation(delegations, inspection_id, user_id, day)) return;
  standing.sees = true;
  standing.delegate = true;
}

}  // namespace

StatusOr<InspectionService::Context> InspectionService::Load(Transaction& tx, const Caller& caller,
                                                             int64_t inspection_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  Context c;
  ASSIGN_OR_RETURN(c.inspection, GetInspection(tx, inspection_id));
  ASSIGN_OR_RETURN(c.team, ListTeam(tx, inspection_id));
  c.standing = StandingOf(caller, c.inspection, c.team);
  ASSIGN_OR_RETURN(c.delegations, PartsOf(tx, DelegationRecord(), inspection_id));
  ASSIGN_OR_RETURN(c.delegates, PartsOf(tx, DelegateRecord(), inspection_id));
  AddOthers(c.delegations, c.delegates);
  const Date today = Date::DayOf(clock_.NowMicros());
  SeesAsDelegate(c.standing, c.delegations, inspection_id, caller.user_id, today);
  c.fieldwork_under = FieldworkDelegationOf(c.inspection, c.delegations, caller.user_id, today);
  // Outsiders are not told that it exists.
  if (!c.standing.sees) {
    return NotFound("No inspection with reference " + std::to_string(inspection_id));
  }
  return c;
}

StatusOr<bool> InspectionService::SeesInspection(Transaction& tx, const Caller& caller,
                                                 int64_t inspection_id) {
  auto c = Load(tx, caller, inspection_id);
  if (c.ok()) return true;
  if (c.status().code() == StatusCode::kNotFound) return false;
  return c.status();
}

StatusOr<InspectionService::Context> InspectionService::LoadForTerms(Transaction& tx,
                                                                     const Caller& caller,
                                                                     int64_t inspection_id) {
  ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
  RETURN_IF_ERROR(CheckForTerms(tx, c));
  return c;
}

Status InspectionService::CheckForTerms(Transaction& tx, const Context& c) {
  RETURN_IF_ERROR(CheckLeadTeam(c.standing));
  ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
  return CheckLeadsNamed(c.inspection, c.team, ShortNames(inspectorates));
}

StatusOr<TermsOfReference> InspectionService::TermsOf(Transaction& tx, int64_t inspection_id) {
  ASSIGN_OR_RETURN(auto all, PartsOf(tx, TermsRecord(), inspection_id));
  if (all.empty()) return NotFound("The inspection has no terms of reference");
  return all.front();
}

StatusOr<InspectionsPage> InspectionService::ViewInspections(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  InspectionsPage page;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(page.inspectorates, ListInspectorates(tx));
    ASSIGN_OR_RETURN(auto all, ListInspections(tx));
    ASSIGN_OR_RETURN(auto teams, ListCurrentTeams(tx));
    ASSIGN_OR_RETURN(auto published, ListPublishedTerms(tx));
    // R23: the inspections a function of which is delegated to the caller
    // (first named or named later), listed while the delegation is in
    // force, as Load lets them in.
    ASSIGN_OR_RETURN(auto delegations, ListRecords(tx, DelegationRecord(), RecordQuery()));
    ASSIGN_OR_RETURN(auto delegates, ListRecords(tx, DelegateRecord(), RecordQuery()));
    AddOthers(delegations.items, delegates.items);
    const Date today = Date::DayOf(clock_.NowMicros());
    std::set<int64_t> started;
    for (auto& i : all) {
      if (i.proposal_id) started.insert(*i.proposal_id);
      std::vector<TeamMember> team;
      for (const auto& m : teams) {
        if (m.inspection_id == i.id) team.push_back(m);
      }
      Standing s = StandingOf(caller, i, team);
      SeesAsDelegate(s, delegations.items, i.id, caller.user_id, today);
      if (!s.sees) continue;
      const bool pub = std::any_of(published.begin(), published.end(),
                                   [&](const PublishedCopy& p) { return p.inspection_id == i.id; });
      page.inspections.push_back({std::move(i), s, pub});
    }
    // Newest first: by the day each started, the last started first.
    std::stable_sort(page.inspections.begin(), page.inspections.end(),
                     [](const InspectionListing& a, const InspectionListing& b) {
                       return a.inspection.started_on > b.inspection.started_on;
                     });
    // Only the work streams the caller may start are offered.
    page.may_start = Allows(caller, Permission::kRunInspections);
    if (page.may_start) {
      ASSIGN_OR_RETURN(auto proposals, ListProposals(tx));
      for (auto& p : proposals) {
        if (p.status == ProposalStatus::kProgrammed && !started.count(p.id) &&
            (p.type == WorkType::kJointThematic || p.type == WorkType::kScopingStudy) &&
            MayStart(caller, LeadInspectorateOf(p, page.inspectorates))) {
          page.startable.push_back(std::move(p));
        }
      }
    }
    return OkStatus();
  }));
  return page;
}

StatusOr<InspectionView> InspectionService::ViewInspection(const Caller& caller, int64_t id) {
  InspectionView v;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) { return ReadView(tx, caller, id, v); }));
  return v;
}

Status InspectionService::ReadView(Transaction& tx, const Caller& caller, int64_t id,
                                   InspectionView& v) {
  ASSIGN_OR_RETURN(Context c, Load(tx, caller, id));
  v.sends_email = mailer_ != nullptr;
  v.viewer_id = caller.user_id;
  RETURN_IF_ERROR(ReadParts(tx, c, v, true));
  RETURN_IF_ERROR(ReadEarlierLessons(tx, caller, v));
  return ReadDelegations(tx, caller, c, v);
}

Status InspectionService::ReadParts(Transaction& tx, const Context& c, InspectionView& v,
                                    bool whole) {
  const int64_t id = c.inspection.id;
  v.inspection = c.inspection;
  v.team = c.team;
  v.standing = c.standing;
  v.fieldwork_under = c.fieldwork_under;
  v.fieldwork_team =
      FieldworkTeam(c.inspection, c.team, c.delegations, Date::DayOf(clock_.NowMicros()));
  if (whole) {
    ASSIGN_OR_RETURN(v.inspectorates, ListInspectorates(tx));
    ASSIGN_OR_RETURN(auto users, ListUsers(tx));
    std::set<int64_t> on_team;
    for (const auto& m : v.team) on_team.insert(m.user_id);
    for (const auto& u : users) {
      if (on_team.count(u.id)) v.people[u.id] = u.name;
      if (u.active && u.inspectorate_id && Participates(v.inspection, *u.inspectorate_id)) {
        v.candidates.push_back({u.id, u.name, u.inspectorate_id});
        v.people[u.id] = u.name;
      }
    }
  }
  ASSIGN_OR_RETURN(v.terms, TermsOf(tx, id));
  ASSIGN_OR_RETURN(v.methods, PartsOf(tx, MethodPlanRecord(), id));
  ASSIGN_OR_RETURN(v.red_lines, PartsOf(tx, RedLineRecord(), id));
  ASSIGN_OR_RETURN(v.liaison, PartsOf(tx, LiaisonRecord(), id));
  ASSIGN_OR_RETURN(v.key_dates, PartsOf(tx, KeyDateRecord(), id));
  ASSIGN_OR_RETURN(v.tasks, PartsOf(tx, TaskRecord(), id));
  ASSIGN_OR_RETURN(auto terms_asked, AgreementsOn(tx, kTermsSignOff, id));
  ASSIGN_OR_RETURN(auto timetable_asked, AgreementsOn(tx, kTimetableAgreement, id));
  v.terms_agreement = AgreementOf(terms_asked, v.terms.version);
  v.timetable_agreement = AgreementOf(timetable_asked, v.inspection.timetable_version);
  ASSIGN_OR_RETURN(auto sites_asked, AgreementsOn(tx, kSitesAgreement, id));
  v.sites_agreement = AgreementOf(sites_asked, v.inspection.sites_version);
  for (const auto& [kind, agreement] : {std::pair{kTermsSignOff, v.terms_agreement},
                                        std::pair{kTimetableAgreement, v.timetable_agreement},
                                        std::pair{kSitesAgreement, v.sites_agreement}}) {
    if (whole) RETURN_IF_ERROR(KeepDeclined(tx, agreement, kind, v));
  }
  for (const char* kind : {kTermsSignOff, kTimetableAgreement, kSitesAgreement}) {
    if (!whole) continue;  // who is awaited is for the pages only
    ASSIGN_OR_RETURN(auto open, AwaitingOn(tx, kind, id));
    for (const auto& o : open) {
      ASSIGN_OR_RETURN(StoredDecision full, GetDecision(tx, o.decision.id));
      const auto waiting = full.decision.awaiting();
      v.pending.push_back({o.decision.id, kind, {waiting.begin(), waiting.end()}});
    }
  }
  ASSIGN_OR_RETURN(v.published, GetPublishedTerms(tx, id));
  ASSIGN_OR_RETURN(v.sites, PartsOf(tx, SiteRecord(), id));
  if (whole) RETURN_IF_ERROR(ReadWhatIsShownOnly(tx, v));
  ASSIGN_OR_RETURN(v.letters, PartsOf(tx, LetterRecord(), id));
  for (const auto& l : v.letters) {
    ASSIGN_OR_RETURN(auto asked, AgreementsOn(tx, kLetterAuthorisation, l.id));
    v.letter_agreements[l.id] = AgreementOf(asked, l.version);
    if (whole) {
      ASSIGN_OR_RETURN(auto open, AwaitingOn(tx, kLetterAuthorisation, l.id));
      for (const auto& o : open) {
        ASSIGN_OR_RETURN(StoredDecision full, GetDecision(tx, o.decision.id));
        const auto waiting = full.decision.awaiting();
        v.pending.push_back(
            {o.decision.id, kLetterAuthorisation, {waiting.begin(), waiting.end()}});
      }
    }
    ASSIGN_OR_RETURN(auto sent, SendingsOf(tx, l.id));
    v.sendings.insert(v.sendings.end(), sent.begin(), sent.end());
  }
  if (whole) RETURN_IF_ERROR(ReadSiteWarnings(tx, v));
  InspectionFacts f;
  f.sites = static_cast<int>(v.sites.size());
  f.sites_agreement = v.sites_agreement;
  f.letters = static_cast<int>(v.letters.size());
  for (const auto& l : v.letters) {
    if (v.letter_agreements[l.id] == Agreement::kAgreed) ++f.letters_authorised;
  }
  std::set<int64_t> sent_letters;
  for (const auto& x : v.sendings) sent_letters.insert(x.letter_id);
  f.letters_sent = static_cast<int>(sent_letters.size());
  f.leads_named = MissingLeads(v.inspection, v.team).empty();
  f.liaison = static_cast<int>(v.liaison.size());
  f.terms_drafted = CheckReadyForSignOff(v.terms, v.methods).ok();
  f.report_structure = !Trim(v.terms.report_structure).empty();
  f.red_lines = static_cast<int>(v.red_lines.size());
  f.approach_decided =
      v.terms.publication != PublicationApproach::kUndecided && !Trim(v.terms.audience).empty();
  f.terms = v.terms_agreement;
  f.terms_published = v.published.has_value();
  f.fieldwork_dated = std::any_of(v.key_dates.begin(), v.key_dates.end(), [](const KeyDate& d) {
    return d.kind == KeyDateKind::kFieldwork;
  });
  f.timetable = v.timetable_agreement;
  f.tasks = static_cast<int>(v.tasks.size());
  RETURN_IF_ERROR(ReadFieldwork(tx, v, f, whole));
  RETURN_IF_ERROR(ReadFindings(tx, v, f, whole));
  RETURN_IF_ERROR(ReadDrafting(tx, v, f, whole));
  RETURN_IF_ERROR(ReadRecommendations(tx, v, f, whole));
  RETURN_IF_ERROR(ReadApprovals(tx, v, f));
  RETURN_IF_ERROR(ReadRetentionPart(tx, v, f));
  RETURN_IF_ERROR(ReadMedia(tx, v, f, whole));
  RETURN_IF_ERROR(ReadEvaluation(tx, v, f));
  RETURN_IF_ERROR(ReadPublication(tx, v, f, whole));
  v.stages = StagesOf(f);
  return OkStatus();
}

Status InspectionService::ReadWhatIsShownOnly(Transaction& tx, InspectionView& v) {
  ASSIGN_OR_RETURN(WorkingDayCalendar calendar, LoadWorkingDayCalendar(tx));
  ASSIGN_OR_RETURN(auto peak_leave, LoadPeakLeavePeriods(tx));
  v.warnings = TimetableWarnings(v.key_dates, peak_leave, calendar);
  if (v.inspection.proposal_id) {
    auto p = GetProposal(tx, *v.inspection.proposal_id);
    if (p.ok()) v.proposal = std::move(*p);
  }
  for (const auto& site : v.sites) {
    auto body = GetBody(tx, site.body_id);
    if (!body.ok()) continue;
    v.body_names[site.body_id] = body->name;
    v.body_addresses[site.body_id] = body->address;
  }
  return OkStatus();
}

Status InspectionService::ReadSiteWarnings(Transaction& tx, InspectionView& v) {
  ASSIGN_OR_RETURN(auto peak_leave, LoadPeakLeavePeriods(tx));
  const Date today = Date::DayOf(clock_.NowMicros());
  for (const auto& site : v.sites) {
    bool stands = false;
    for (const auto& l : v.letters) {
      if (l.site_id == site.id && SendingInForce(l.id, v.sendings)) stands = true;
    }
    auto name = v.body_names.find(site.body_id);
    const std::string body = name == v.body_names.end() ? "the site" : name->second;
    auto warnings = SiteWarnings(site, body, stands, today, peak_leave, v.key_dates);
    // A letter yet to go: by post to a body with no postal address (a
    // warning), or too late for six weeks' notice (the site's warning says
    // so already); either way it cannot be sent today.
    for (const auto& l : v.letters) {
      if (l.site_id != site.id || SendingOf(l, v.sendings)) continue;
      Status addressed = CheckPostalAddress(l, body, v.body_addresses[site.body_id]);
      if (!addressed.ok()) warnings.push_back(addressed.message());
      Status in_time =
          CheckMaySend(l, l.version, Date::ParseOrNone(site.fieldwork_starts_on), today);
      if (!addressed.ok() || !in_time.ok()) {
        v.letters_blocked[l.id] = addressed.ok() ? in_time : addressed;
      }
    }
    if (!warnings.empty()) v.site_warnings[site.id] = std::move(warnings);
  }
  return OkStatus();
}

Status InspectionService::CheckStage(Transaction& tx, const Context& c, InspectionStage stage) {
  InspectionView facts;
  RETURN_IF_ERROR(ReadParts(tx, c, facts, false));
  RETURN_IF_ERROR(CheckNotSettled(stage, facts.publication));
  return CheckStageOpen(facts.stages, stage);
}

StatusOr<Inspection> InspectionService::Start(const Caller& caller, StartInspection request) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  Inspection made;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
    Inspection i;
    TermsOfReference terms;
    std::optional<Proposal> work_stream;  // the programme's, if it runs one
    if (request.proposal_id) {
      auto found = GetProposal(tx, *request.proposal_id);
      if (!found.ok()) {
        return UnknownReference(found.status(), "proposal_id", "unknown-proposal",
                                "Choose a work stream from the programme");
      }
      const Proposal& p = *found;
      ASSIGN_OR_RETURN(auto existing, InspectionOfProposal(tx, p.id));
      if (existing) {
        return FailedPrecondition("An inspection of this work stream has already started",
                                  "already-started");
      }
      if (p.status != ProposalStatus::kProgrammed) {
        return FailedPrecondition("Only a work stream in the programme can be started",
                                  "not-programmed");
      }
      work_stream = p;
      i.title = p.title;
      i.proposal_id = p.id;
      i.lead_inspectorate_id = LeadInspectorateOf(p, inspectorates);
      for (const auto& part : p.participants) {
        (IsOpenCj(inspectorates, part.inspectorate_id) ? i.participating : i.partners)
            .push_back(part.inspectorate_id);
      }
      terms.background = p.background.empty() ? p.summary : p.background;
      // The aims are drafted afresh where the proposal's scope says no more
      // than its background.
      if (p.scope_and_purpose != terms.background) terms.aims = p.scope_and_purpose;
      terms.question = p.main_question;
    } else {
      i.title = std::string(Trim(request.title));
      i.lead_inspectorate_id = request.lead_inspectorate_id;
      i.participating = request.participating;
      if (i.lead_inspectorate_id > 0 && !Participates(i, i.lead_inspectorate_id)) {
        i.participating.insert(i.participating.begin(), i.lead_inspectorate_id);
      }
      i.partners = request.partners;
      Validation v;
      for (int64_t id : i.participating) {
        const Inspectorate* who = Find(inspectorates, id);
        if (!who || !who->is_criminal_justice() || !who->is_open()) {
          v.Add("participating", "joint",
                "Participating inspectorates are the criminal justice inspectorates; name "
                "others as partners");
          break;
        }
      }
      for (int64_t id : i.partners) {
        if (!Find(inspectorates, id)) {
          v.Add("partners", "unknown-inspectorate", "Choose partners from the directory");
          break;
        }
      }
      RETURN_IF_ERROR(MergeFieldErrors(ValidateInspection(i), v.Finish()));
    }
    RETURN_IF_ERROR(ValidateInspection(i));
    RETURN_IF_ERROR(CheckMayStart(caller, i.lead_inspectorate_id,
                                  work_stream ? "proposal_id" : "lead_inspectorate_id"));
    i.started_on = Today(clock_);
    const std::string now = NowText(clock_);
    ASSIGN_OR_RETURN(i.id, InsertInspection(tx, i, now));
    i.version = 1;
    i.timetable_version = 1;
    terms.inspection_id = i.id;
    RETURN_IF_ERROR(
        RecordChange(tx, clock_, caller, "start", "inspection", i.id, nullptr, ToJson(i)));
    RETURN_IF_ERROR(terms_.CreateIn(tx, caller, terms));
    // A lead inspector who starts an inspection leads it for their
    // inspectorate: without a place on its team they could not see it.
    if (!StandingOf(caller, i, {}).sees) {
      TeamMember lead;
      lead.inspection_id = i.id;
      lead.user_id = caller.user_id;
      lead.inspectorate_id = i.lead_inspectorate_id;
      lead.role = TeamRole::kLeadInspector;
      lead.joined_on = i.started_on;
      ASSIGN_OR_RETURN(lead.id, InsertTeamMember(tx, lead));
      RETURN_IF_ERROR(RecordChange(tx, clock_, caller, "join", "inspection_team", lead.id, nullptr,
                                   ToJson(lead)));
    }
    FieldworkArrangements arrangements;
    arrangements.inspection_id = i.id;
    RETURN_IF_ERROR(arrangements_.CreateIn(tx, caller, arrangements));
    if (work_stream) {
      // R6: the work stream is now in progress, so later plans keep its
      // start rather than move it.
      const std::string before(ProposalStatusId(work_stream->status));
      work_stream->status = ProposalStatus::kInProgress;
      ASSIGN_OR_RETURN(work_stream->version, UpdateProposal(tx, *work_stream, now));
      RETURN_IF_ERROR(RecordChange(
          tx, clock_, caller, "update", "proposal", work_stream->id, {{"status", before}},
          {{"status", ProposalStatusId(work_stream->status)}, {"version", work_stream->version}}));
    }
    made = std::move(i);
    return OkStatus();
  }));
  return made;
}

StatusOr<TeamMember> InspectionService::Appoint(const Caller& caller, int64_t inspection_id,
                                                TeamMember member) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  member.inspection_id = inspection_id;
  member.reason = std::string(Trim(member.reason));
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    if (!c.standing.steward && c.standing.inspectorate != member.inspectorate_id) {
      return PermissionDenied("Each inspectorate names its own people to the team",
                              "own-inspectorate");
    }
    auto user = GetUser(tx, member.user_id);
    if (!user.ok()) {
      return UnknownReference(user.status(), "user_id", "unknown-user",
                              "Choose someone from the list");
    }
    RETURN_IF_ERROR(CheckAppointment(c.inspection, c.team, member, user->inspectorate_id));
    member.joined_on = Today(clock_);
    if (member.role != TeamRole::kTeamMember) {
      for (const auto& m : c.team) {
        if (m.current() && m.inspectorate_id == member.inspectorate_id && m.role == member.role) {
          RETURN_IF_ERROR(EndTeamPlace(tx, m.id, member.joined_on));
          TeamMember left = m;
          left.left_on = member.joined_on;
          RETURN_IF_ERROR(RecordChange(tx, clock_, caller, "leave", "inspection_team", m.id,
                                       ToJson(m), ToJson(left)));
        }
      }
    }
    ASSIGN_OR_RETURN(member.id, InsertTeamMember(tx, member));
    return RecordChange(tx, clock_, caller, "join", "inspection_team", member.id, nullptr,
                        ToJson(member));
  }));
  return member;
}

Status InspectionService::EndPlace(const Caller& caller, int64_t inspection_id, int64_t member_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  return db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    auto it = std::find_if(c.team.begin(), c.team.end(),
                           [&](const TeamMember& m) { return m.id == member_id && m.current(); });
    if (it == c.team.end()) return NotFound("No such member of the team");
    if (!c.standing.steward && c.standing.inspectorate != it->inspectorate_id) {
      return PermissionDenied("Each inspectorate names its own people to the team",
                              "own-inspectorate");
    }
    if (it->role != TeamRole::kTeamMember) {
      return FailedPrecondition(
          "A lead inspector or senior overseer is replaced, not removed: name who takes over",
          "R12");
    }
    TeamMember left = *it;
    left.left_on = Today(clock_);
    RETURN_IF_ERROR(EndTeamPlace(tx, it->id, left.left_on));
    return RecordChange(tx, clock_, caller, "leave", "inspection_team", it->id, ToJson(*it),
                        ToJson(left));
  });
}

StatusOr<TermsOfReference> InspectionService::UpdateTerms(
    const Caller& caller, int64_t inspection_id, int64_t version,
    const std::function<Status(TermsOfReference&)>& change) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  TermsOfReference after;
  int64_t terms_id = 0;
  Status s = db_.Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(LoadForTerms(tx, caller, inspection_id).status());
    ASSIGN_OR_RETURN(TermsOfReference before, TermsOf(tx, inspection_id));
    terms_id = before.id;
    ASSIGN_OR_RETURN(after, terms_.UpdateIn(tx, caller, before.id, version, change));
    return OkStatus();
  });
  if (s.code() == StatusCode::kAborted) {
    return ConflictDetail(db_, std::move(s), TermsRecord().name, terms_id, version,
                          [&](Transaction& tx) -> StatusOr<json> {
                            ASSIGN_OR_RETURN(TermsOfReference now, TermsOf(tx, inspection_id));
                            return RecordJson(TermsRecord(), now);
                          });
  }
  RETURN_IF_ERROR(s);
  return after;
}

StatusOr<MethodPlan> InspectionService::AddMethod(const Caller& caller, int64_t inspection_id,
                                                  MethodPlan method) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  method.inspection_id = inspection_id;
  const Status shape = methods_.Validate(nullptr, method);
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(LoadForTerms(tx, caller, inspection_id).status());
    ASSIGN_OR_RETURN(auto existing, PartsOf(tx, MethodPlanRecord(), inspection_id));
    Status unique = OkStatus();
    for (const auto& m : existing) {
      if (m.method == method.method) {
        unique = std::move(InvalidArgument("That method is already chosen", "unique")
                               .AddFieldError("method", "unique",
                                              std::string(MethodLabel(method.method)) +
                                                  " is already chosen: change it there"));
      }
    }
    // A method chosen twice and whatever else is wrong, all at once.
    RETURN_IF_ERROR(MergeFieldErrors(std::move(unique), shape));
    RETURN_IF_ERROR(methods_.CreateIn(tx, caller, method));
    return BumpTermsVersion(tx, inspection_id, NowText(clock_)).status();
  }));
  return method;
}

StatusOr<MethodPlan> InspectionService::UpdateMethod(
    const Caller& caller, int64_t id, int64_t version,
    const std::function<Status(MethodPlan&)>& change) {
  return UpdatePart<MethodPlan>(
      caller, methods_, "method", ForTerms<MethodPlan>(), id, version,
      [&](Transaction&, const Context&, const MethodPlan& before, MethodPlan& m) {
        // The method itself stays: choose another by adding it.
        RETURN_IF_ERROR(change(m));
        m.method = before.method;
        return OkStatus();
      },
      BumpTerms<MethodPlan>());
}

Status InspectionService::DeleteMethod(const Caller& caller, int64_t id, int64_t version) {
  return DeletePart<MethodPlan>(caller, methods_, "method", ForTerms<MethodPlan>(), id, version,
                                BumpTerms<MethodPlan>());
}

StatusOr<RedLine> InspectionService::AddRedLine(const Caller& caller, int64_t inspection_id,
                                                RedLine line) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  line.inspection_id = inspection_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    if (!c.standing.inspectorate) {
      return PermissionDenied("Each participating inspectorate records its own red lines",
                              "own-inspectorate");
    }
    line.inspectorate_id = *c.standing.inspectorate;
    RETURN_IF_ERROR(red_lines_.CreateIn(tx, caller, line));
    return BumpTermsVersion(tx, inspection_id, NowText(clock_)).status();
  }));
  return line;
}

Status InspectionService::DeleteRedLine(const Caller& caller, int64_t id, int64_t version) {
  auto own = [](Transaction&, const Context& c, const RedLine& line) {
    if (c.standing.inspectorate != line.inspectorate_id) {
      return PermissionDenied("Only the inspectorate whose red line it is can remove it",
                              "own-inspectorate");
    }
    return OkStatus();
  };
  return DeletePart<RedLine>(caller, red_lines_, "red line", own, id, version,
                             BumpTerms<RedLine>());
}

StatusOr<Liaison> InspectionService::AddLiaison(const Caller& caller, int64_t inspection_id,
                                                Liaison liaison) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  liaison.inspection_id = inspection_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    if (!c.standing.inspectorate) {
      return PermissionDenied("Liaison is recorded by a participating inspectorate",
                              "own-inspectorate");
    }
    liaison.inspectorate_id = *c.standing.inspectorate;
    return liaison_.CreateIn(tx, caller, liaison);
  }));
  return liaison;
}

StatusOr<KeyDate> InspectionService::AddKeyDate(const Caller& caller, int64_t inspection_id,
                                                KeyDate date) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  date.inspection_id = inspection_id;
  RETURN_IF_ERROR(key_dates_.Validate(nullptr, date));
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    RETURN_IF_ERROR(key_dates_.CreateIn(tx, caller, date));
    return BumpTimetableVersion(tx, inspection_id, NowText(clock_)).status();
  }));
  return date;
}

StatusOr<KeyDate> InspectionService::UpdateKeyDate(const Caller& caller, int64_t id,
                                                   int64_t version,
                                                   const std::function<Status(KeyDate&)>& change) {
  return UpdatePart<KeyDate>(
      caller, key_dates_, "key date", LeadTeam<KeyDate>, id, version,
      [&](Transaction&, const Context&, const KeyDate&, KeyDate& x) { return change(x); },
      BumpTimetable<KeyDate>());
}

Status InspectionService::DeleteKeyDate(const Caller& caller, int64_t id, int64_t version) {
  return DeletePart<KeyDate>(caller, key_dates_, "key date", LeadTeam<KeyDate>, id, version,
                             BumpTimetable<KeyDate>());
}

StatusOr<Task> InspectionService::AddTask(const Caller& caller, int64_t inspection_id, Task task) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  task.inspection_id = inspection_id;
  task.owner_name.clear();  // a new task is owned by a person
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    RETURN_IF_ERROR(
        MergeErrors(tasks_.Validate(nullptr, task), CheckTaskOwner(nullptr, task, c.team)));
    return tasks_.CreateIn(tx, caller, task);
  }));
  return task;
}

StatusOr<Task> InspectionService::UpdateTask(const Caller& caller, int64_t id, int64_t version,
                                             const std::function<Status(Task&)>& change) {
  return UpdatePart<Task>(
      caller, tasks_, "task", OnTeam<Task>, id, version,
      [&](Transaction&, const Context& c, const Task& before, Task& x) {
        RETURN_IF_ERROR(change(x));
        RETURN_IF_ERROR(CheckTaskChanger(c.standing, caller.user_id, before, x));
        // Once a person owns it, the words it was owned by go.
        if (x.owner_user_id) x.owner_name.clear();
        return MergeErrors(tasks_.Validate(&before, x), CheckTaskOwner(&before, x, c.team));
      });
}

StatusOr<std::vector<InspectedBody>> InspectionService::SiteChoices(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  std::vector<InspectedBody> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, AllBodies(tx));
    for (auto& b : all) {
      if (b.active) out.push_back(std::move(b));
    }
    return OkStatus();
  }));
  std::sort(out.begin(), out.end(),
            [](const InspectedBody& a, const InspectedBody& b) { return a.name < b.name; });
  return out;
}

Status InspectionService::CheckNewSite(Transaction& tx, const Context& c, const FieldworkSite& site,
                                       const std::string& prefix) {
  Status out = OkStatus();
  // Among several sites, each error names its input and its site.
  auto add = [&](Status s, const std::string& site_name) {
    if (s.ok()) return;
    if (!prefix.empty() && s.code() == StatusCode::kInvalidArgument) {
      Status named = InvalidArgument(s.message(), s.rule());
      for (const auto& e : s.field_errors()) {
        named.AddFieldError(prefix + e.field, e.rule,
                            site_name.empty() ? e.message : site_name + ": " + e.message);
      }
      s = named;
    }
    out = out.ok() ? s : MergeFieldErrors(out, s);
  };
  auto body = GetBody(tx, site.body_id);
  add(sites_.Validate(nullptr, site), body.ok() ? body->name : "");
  if (!body.ok()) {
    add(UnknownReference(body.status(), "body_id", "unknown-body",
                         "Choose a body from the directory"),
        "");
    return out;
  }
  ASSIGN_OR_RETURN(auto existing, PartsOf(tx, SiteRecord(), c.inspection.id));
  for (const auto& s : existing) {
    if (s.body_id == site.body_id) {
      add(std::move(
              InvalidArgument("That body is already a site", "unique")
                  .AddFieldError("body_id", "unique", body->name + " is already a fieldwork site")),
          "");
    }
  }
  return out;
}

StatusOr<FieldworkSite> InspectionService::AddSite(const Caller& caller, int64_t inspection_id,
                                                   FieldworkSite site) {
  ASSIGN_OR_RETURN(auto added, AddSites(caller, inspection_id, {site}));
  return added.front();
}

StatusOr<std::vector<FieldworkSite>> InspectionService::AddSites(const Caller& caller,
                                                                 int64_t inspection_id,
                                                                 std::vector<FieldworkSite> sites) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  if (sites.empty()) {
    return std::move(InvalidArgument("Choose at least one site", "required")
                         .AddFieldError("body_id", "required", "Choose at least one site to add"));
  }
  const bool one = sites.size() == 1;
  for (auto& site : sites) site.inspection_id = inspection_id;
  if (one) RETURN_IF_ERROR(sites_.Validate(nullptr, sites.front()));
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kSites));
    Status all = OkStatus();
    for (const auto& site : sites) {
      Status s = CheckNewSite(tx, c, site, one ? "" : "site-" + std::to_string(site.body_id) + "-");
      if (!s.ok() && s.code() != StatusCode::kInvalidArgument) return s;
      if (!s.ok()) all = all.ok() ? s : MergeFieldErrors(all, s);
    }
    RETURN_IF_ERROR(all);
    for (auto& site : sites) RETURN_IF_ERROR(sites_.CreateIn(tx, caller, site));
    // A new set of sites: an agreement of the one before lapses (R11).
    return BumpSitesVersion(tx, inspection_id, NowText(clock_)).status();
  }));
  return sites;
}

StatusOr<SiteProposalView> InspectionService::ProposeSites(const Caller& caller,
                                                           int64_t inspection_id, BodyType type,
                                                           int count) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  SiteProposalView v;
  v.type = type;
  std::vector<SiteCandidate> candidates;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kSites));
    ASSIGN_OR_RETURN(auto dates, PartsOf(tx, KeyDateRecord(), inspection_id));
    for (const auto& k : dates) {
      if (k.kind == KeyDateKind::kFieldwork &&
          (v.burden_around.empty() || k.starts_on < v.burden_around)) {
        v.burden_around = k.starts_on;
      }
    }
    if (v.burden_around.empty()) v.burden_around = Today(clock_);
    const Date around = Date::ParseOrNone(v.burden_around);
    ASSIGN_OR_RETURN(auto sites, PartsOf(tx, SiteRecord(), inspection_id));
    std::set<int64_t> already;
    for (const auto& s : sites) already.insert(s.body_id);
    ASSIGN_OR_RETURN(auto indicators, AllIndicators(tx));
    for (auto& i : indicators) v.indicators[i.body_id] = i;
    ASSIGN_OR_RETURN(auto past, AllPastInspections(tx, inspection_id));
    ASSIGN_OR_RETURN(auto bodies, AllBodies(tx));
    for (const auto& b : bodies) {
      if (!b.active || b.type != type || already.count(b.id)) continue;
      SiteCandidate cand{
          .body = b, .indicators = std::nullopt, .burden = BurdenOf(b.id, past, around)};
      if (auto it = v.indicators.find(b.id); it != v.indicators.end()) cand.indicators = it->second;
      v.bodies[b.id] = b;
      v.burden[b.id] = cand.burden;
      candidates.push_back(std::move(cand));
    }
    return OkStatus();
  }));
  ASSIGN_OR_RETURN(v.proposal, jointly::ProposeSites(std::move(candidates), count));
  return v;
}

StatusOr<SiteUse> InspectionService::SiteUseOf(Transaction& tx, const FieldworkSite& site,
                                               std::vector<Letter>* letters_of_site) {
  const int64_t inspection_id = site.inspection_id;
  ASSIGN_OR_RETURN(auto letters, PartsOf(tx, LetterRecord(), inspection_id));
  std::vector<LetterSending> sendings;
  for (const auto& l : letters) {
    ASSIGN_OR_RETURN(auto sent, SendingsOf(tx, l.id));
    sendings.insert(sendings.end(), sent.begin(), sent.end());
    if (letters_of_site && l.site_id == site.id) letters_of_site->push_back(l);
  }
  ASSIGN_OR_RETURN(auto evidence, PartsOf(tx, EvidenceRecord(), inspection_id));
  ASSIGN_OR_RETURN(auto interviews, PartsOf(tx, InterviewRecord(), inspection_id));
  ASSIGN_OR_RETURN(auto live_cases, PartsOf(tx, LiveCaseRecord(), inspection_id));
  return UseOfSite(site.id, letters, sendings, evidence, interviews, live_cases);
}

Status InspectionService::DeleteSite(const Caller& caller, int64_t id, int64_t version) {
  auto unused = [this, &caller](Transaction& tx, const Context& c,
                                const FieldworkSite& site) -> Status {
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    std::vector<Letter> letters;
    ASSIGN_OR_RETURN(SiteUse use, SiteUseOf(tx, site, &letters));
    ASSIGN_OR_RETURN(InspectedBody body, GetBody(tx, site.body_id));
    RETURN_IF_ERROR(CheckMayRemoveSite(body.name, use));
    // Its letters never sent, or withdrawn, go with it (each audited).
    for (const auto& l : letters) {
      RETURN_IF_ERROR(DeleteSendingsAndSignatories(tx, l.id));
      RETURN_IF_ERROR(letters_.DeleteIn(tx, caller, l.id, l.version));
    }
    return OkStatus();
  };
  return DeletePart<FieldworkSite>(
      caller, sites_, "fieldwork site", unused, id, version,
      [this](Transaction& tx, const FieldworkSite& before, const FieldworkSite*) {
        return BumpSitesVersion(tx, before.inspection_id, NowText(clock_)).status();
      });
}

StatusOr<FieldworkSite> InspectionService::UpdateSite(
    const Caller& caller, int64_t id, int64_t version,
    const std::function<Status(FieldworkSite&)>& change) {
  auto unsent = [this](Transaction& tx, const Context& c, const FieldworkSite& site) -> Status {
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    ASSIGN_OR_RETURN(SiteUse use, SiteUseOf(tx, site, nullptr));
    ASSIGN_OR_RETURN(InspectedBody body, GetBody(tx, site.body_id));
    return CheckMayChangeSite(body.name, use);
  };
  return UpdatePart<FieldworkSite>(
      caller, sites_, "fieldwork site", unsent, id, version,
      [&](Transaction&, const Context&, const FieldworkSite& before, FieldworkSite& x) {
        RETURN_IF_ERROR(change(x));
        x.body_id = before.body_id;
        return OkStatus();
      },
      [this](Transaction& tx, const FieldworkSite& before, const FieldworkSite*) {
        return BumpSitesVersion(tx, before.inspection_id, NowText(clock_)).status();
      });
}

StatusOr<Letter> InspectionService::AddLetter(const Caller& caller, int64_t inspection_id,
                                              Letter letter) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  letter.inspection_id = inspection_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    // Each inspectorate commissions in its own way (M 15): a letter is
    // its own inspectorate's; a steward writes for the lead.
    letter.commissioned_by = c.standing.inspectorate.value_or(
        c.standing.steward ? c.inspection.lead_inspectorate_id : 0);
    if (letter.commissioned_by == 0) {
      return PermissionDenied("Letters are written by the inspectorates taking part",
                              "own-inspectorate");
    }
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kSites));
    // Every error at once: the letter's own fields and its site.
    Status shape = letters_.Validate(nullptr, letter);
    auto site = GetRecord(tx, SiteRecord(), letter.site_id);
    if (!site.ok() || site->inspection_id != inspection_id) {
      Status unknown =
          std::move(InvalidArgument("Choose one of the inspection's sites", "unknown-site")
                        .AddFieldError("site_id", "unknown-site",
                                       "Choose one of the inspection's fieldwork sites"));
      return shape.ok() ? unknown : MergeFieldErrors(shape, unknown);
    }
    RETURN_IF_ERROR(shape);
    return letters_.CreateIn(tx, caller, letter);
  }));
  return letter;
}

StatusOr<Letter> InspectionService::UpdateLetter(const Caller& caller, int64_t id, int64_t version,
                                                 const std::function<Status(Letter&)>& change) {
  auto own = [](Transaction&, const Context& c, const Letter& before) {
    if (!c.standing.steward && c.standing.inspectorate != before.commissioned_by) {
      return PermissionDenied("A letter is changed only by the inspectorate that wrote it",
                              "own-inspectorate");
    }
    return OkStatus();
  };
  return UpdatePart<Letter>(caller, letters_, "commissioning letter", own, id, version,
                            [&](Transaction&, const Context&, const Letter& before, Letter& l) {
                              RETURN_IF_ERROR(change(l));
                              l.site_id = before.site_id;
                              return OkStatus();
                            });
}

StatusOr<DecisionView> InspectionService::AskLetterAuthorisation(const Caller& caller,
                                                                 int64_t letter_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  DecisionRequest request;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Letter letter, GetRecord(tx, LetterRecord(), letter_id));
    auto c = Load(tx, caller, letter.inspection_id);
    RETURN_IF_ERROR(Hidden(c.status(), "commissioning letter", letter_id));
    if (!c->standing.sees || !c->standing.inspectorate) {
      if (!c->standing.steward) {
        return PermissionDenied("Only an inspectorate taking part asks for a letter's authority",
                                "own-inspectorate");
      }
    }
    request.kind = kLetterAuthorisation;
    request.subject_id = letter_id;
    request.subject_version = letter.version;
    // Named by its body as well: two letters to "Chief Constable" are told
    // apart by the force each goes to.
    std::string to = letter.addressee;
    if (auto site = GetRecord(tx, SiteRecord(), letter.site_id); site.ok()) {
      auto body = GetBody(tx, site->body_id);
      if (body.ok()) to = AddresseeAt(letter.addressee, body->name);
    }
    request.subject = "Authorise the commissioning letter to " + to +
                      " for the joint inspection of " + c->inspection.title + AsItStands(clock_);
    request.concerned = {c->inspection.participating.begin(), c->inspection.participating.end()};
    request.payload = json{{"letter_id", letter_id}, {"inspection_id", c->inspection.id}}.dump();
    return OkStatus();
  }));
  return decisions_.Ask(caller, std::move(request));
}

StatusOr<LetterSending> InspectionService::SendLetter(const Caller& caller, int64_t letter_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  // Checked before the e-mail goes, and again when the sending is recorded
  // (the letter may have changed in between: then nothing is recorded).
  std::string title;
  LetterFile file;
  auto check = [&](Transaction& tx, Letter& letter) -> Status {
    ASSIGN_OR_RETURN(letter, GetRecord(tx, LetterRecord(), letter_id));
    auto c = Load(tx, caller, letter.inspection_id);
    RETURN_IF_ERROR(Hidden(c.status(), "commissioning letter", letter_id));
    if (!c->standing.steward && c->standing.inspectorate != letter.commissioned_by) {
      return PermissionDenied("A letter is sent by the inspectorate that wrote it",
                              "own-inspectorate");
    }
    title = c->inspection.title;
    ASSIGN_OR_RETURN(file, LetterFileOf(tx, *c, letter));
    ASSIGN_OR_RETURN(FieldworkSite site, GetRecord(tx, SiteRecord(), letter.site_id));
    // The set of sites is agreed by every inspectorate before any is
    // commissioned (R11).
    ASSIGN_OR_RETURN(auto sites_asked, AgreementsOn(tx, kSitesAgreement, c->inspection.id));
    if (AgreementOf(sites_asked, c->inspection.sites_version) != Agreement::kAgreed) {
      return FailedPrecondition(
          "Every participating inspectorate agrees the set of fieldwork sites as it is now "
          "before a commissioning letter is sent",
          "sites-agreed");
    }
    ASSIGN_OR_RETURN(auto asked, AgreementsOn(tx, kLetterAuthorisation, letter_id));
    std::optional<int64_t> authorised;
    for (const auto& a : asked) {
      if (a.state == AgreementFacts::State::kAgreed && a.subject_version == letter.version) {
        authorised = a.subject_version;
      }
    }
    ASSIGN_OR_RETURN(auto sendings, SendingsOf(tx, letter_id));
    RETURN_IF_ERROR(CheckNotYetSent(letter, sendings));
    RETURN_IF_ERROR(CheckPostalAddress(letter, file.parts.body_name, file.parts.address));
    return CheckMaySend(letter, authorised, Date::ParseOrNone(site.fieldwork_starts_on),
                        Date::DayOf(clock_.NowMicros()));
  };
  Letter checked;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) { return check(tx, checked); }));
  if (!checked.email.empty()) {
    if (!mailer_) {
      return FailedPrecondition(
          "This service cannot send e-mail until the administrator sets it up, so the letter "
          "was not sent. Download it to send it yourself",
          "mail-not-configured");
    }
    MailMessage m;
    m.to.push_back({checked.addressee, checked.email});
    m.subject = "Joint inspection of " + title;
    m.body = LetterEmailText(file.parts);
    // The letter itself, on joint headed paper, goes with it.
    const DocumentRenderer* pdf = RendererFor("pdf");
    ASSIGN_OR_RETURN(std::string bytes, pdf->Render(LetterDocument(file.parts)));
    m.attachments.push_back(
        {file.file_stem + ".pdf", std::string(pdf->media_type()), std::move(bytes)});
    RETURN_IF_ERROR(mailer_->Send(m));
  }
  LetterSending sending;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    Letter letter;
    RETURN_IF_ERROR(check(tx, letter));
    if (letter.version != checked.version) {
      return Aborted("The letter changed while it was being sent; it was sent as it was",
                     "stale-version");
    }
    sending.letter_id = letter_id;
    sending.letter_version = letter.version;
    // How it went is decided here, where the e-mail was composed (or not).
    sending.method = letter.email.empty() ? SendingMethod::kPost : SendingMethod::kEmail;
    sending.sent_to = sending.method == SendingMethod::kPost
                          ? AddresseeAt(letter.addressee, file.parts.body_name) + " (by post)"
                          : letter.email;
    sending.sent_on = Date::DayOf(clock_.NowMicros()).ToIso();
    sending.sent_by = caller.user_id;
    sending.sent_at = NowText(clock_);
    ASSIGN_OR_RETURN(sending.id, InsertSending(tx, sending));
    return RecordChange(tx, clock_, caller, "send", "commissioning_letter", letter_id, nullptr,
                        ToJson(sending));
  }));
  return sending;
}

StatusOr<LetterSending> InspectionService::WithdrawLetter(const Caller& caller, int64_t letter_id,
                                                          const std::string& reason) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  // Checked before the e-mail goes, and again when the withdrawal is
  // recorded.
  LetterFile file;
  std::string title;
  auto check = [&](Transaction& tx, LetterSending& sending) -> Status {
    ASSIGN_OR_RETURN(Letter letter, GetRecord(tx, LetterRecord(), letter_id));
    auto c = Load(tx, caller, letter.inspection_id);
    RETURN_IF_ERROR(Hidden(c.status(), "commissioning letter", letter_id));
    if (!c->standing.steward && c->standing.inspectorate != letter.commissioned_by) {
      return PermissionDenied("A letter is withdrawn by the inspectorate that wrote it",
                              "own-inspectorate");
    }
    ASSIGN_OR_RETURN(auto sendings, SendingsOf(tx, letter_id));
    const LetterSending* stands = SendingInForce(letter_id, sendings);
    RETURN_IF_ERROR(CheckWithdrawal(stands, reason));
    sending = *stands;
    title = c->inspection.title;
    ASSIGN_OR_RETURN(file, LetterFileOf(tx, *c, letter));
    return OkStatus();
  };
  LetterSending checked;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) { return check(tx, checked); }));
  if (checked.method == SendingMethod::kEmail) {
    if (!mailer_) {
      return FailedPrecondition(
          "This service cannot send e-mail until the administrator sets it up, so the letter "
          "was not withdrawn. Tell the body yourself, then withdraw it here once e-mail is set up",
          "mail-not-configured");
    }
    MailMessage m;
    m.to.push_back({file.parts.letter.addressee, checked.sent_to});
    m.subject = "Withdrawn: joint inspection of " + title;
    m.body = WithdrawalEmailText(file.parts, checked.sent_on, reason);
    RETURN_IF_ERROR(mailer_->Send(m));
  }
  LetterSending withdrawn;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(check(tx, withdrawn));
    if (withdrawn.id != checked.id) {
      return Aborted("The letter was sent again while it was being withdrawn", "stale-version");
    }
    const LetterSending before = withdrawn;
    withdrawn.withdrawn_on = Date::DayOf(clock_.NowMicros()).ToIso();
    withdrawn.withdrawn_by = caller.user_id;
    withdrawn.withdrawn_at = NowText(clock_);
    withdrawn.withdrawal_reason = reason;
    RETURN_IF_ERROR(WithdrawSending(tx, withdrawn));
    const json was = ToJson(before);
    return RecordChange(tx, clock_, caller, "withdraw", "commissioning_letter", letter_id, was,
                        ToJson(withdrawn));
  }));
  return withdrawn;
}

StatusOr<std::vector<std::string>> InspectionService::ChiefInspectorsNow(Transaction& tx,
                                                                         const Inspection& i) {
  ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
  std::vector<std::string> out;
  for (int64_t id : i.participating) {
    const auto* who = Find(inspectorates, id);
    if (!who) continue;
    out.push_back(who->head_name.empty() ? who->full_name
                                         : who->head_name + ", " + who->head_title);
  }
  return out;
}

StatusOr<LetterFile> InspectionService::LetterFileOf(Transaction& tx, const Context& c,
                                                     const Letter& letter) {
  LetterFile out;
  out.parts.letter = letter;
  out.parts.inspection_title = c.inspection.title;
  // Those the version was authorised under; today's for a letter not yet
  // authorised, or authorised before they were recorded.
  ASSIGN_OR_RETURN(auto recorded, SignatoriesOf(tx, letter.id, letter.version));
  if (recorded) {
    out.parts.chief_inspectors = std::move(*recorded);
  } else {
    ASSIGN_OR_RETURN(out.parts.chief_inspectors, ChiefInspectorsNow(tx, c.inspection));
  }
  ASSIGN_OR_RETURN(FieldworkSite site, GetRecord(tx, SiteRecord(), letter.site_id));
  ASSIGN_OR_RETURN(InspectedBody body, GetBody(tx, site.body_id));
  out.parts.body_name = body.name;
  out.parts.address = body.address;
  // Dated the day this version went, or today if it has not gone yet.
  ASSIGN_OR_RETURN(auto sendings, SendingsOf(tx, letter.id));
  const LetterSending* sent = SendingOf(letter, sendings);
  out.parts.date =
      (sent ? Date::ParseOrNone(sent->sent_on) : Date::DayOf(clock_.NowMicros())).ToDayMonthYear();
  out.file_stem = "commissioning-letter-" + std::to_string(letter.id);
  return out;
}

StatusOr<LetterFile> InspectionService::LetterOf(const Caller& caller, int64_t letter_id) {
  LetterFile out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Letter letter, GetRecord(tx, LetterRecord(), letter_id));
    auto c = Load(tx, caller, letter.inspection_id);
    RETURN_IF_ERROR(Hidden(c.status(), "commissioning letter", letter_id));
    ASSIGN_OR_RETURN(out, LetterFileOf(tx, *c, letter));
    return OkStatus();
  }));
  return out;
}

StatusOr<DecisionView> InspectionService::AskSignOff(const Caller& caller, int64_t inspection_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  DecisionRequest request;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, LoadForTerms(tx, caller, inspection_id));
    ASSIGN_OR_RETURN(TermsOfReference terms, TermsOf(tx, inspection_id));
    ASSIGN_OR_RETURN(auto methods, PartsOf(tx, MethodPlanRecord(), inspection_id));
    RETURN_IF_ERROR(CheckReadyForSignOff(terms, methods));
    request.kind = kTermsSignOff;
    request.subject_id = inspection_id;
    request.subject_version = terms.version;
    request.subject = "Sign off the terms of reference of the joint inspection of " +
                      c.inspection.title + AsItStands(clock_);
    request.concerned = {c.inspection.participating.begin(), c.inspection.participating.end()};
    request.payload = json{{"inspection_id", inspection_id}}.dump();
    return OkStatus();
  }));
  return decisions_.Ask(caller, std::move(request));
}

StatusOr<DecisionView> InspectionService::AskTimetable(const Caller& caller,
                                                       int64_t inspection_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  DecisionRequest request;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    ASSIGN_OR_RETURN(auto dates, PartsOf(tx, KeyDateRecord(), inspection_id));
    if (std::none_of(dates.begin(), dates.end(),
                     [](const KeyDate& d) { return d.kind == KeyDateKind::kFieldwork; })) {
      return FailedPrecondition(
          "Put the fieldwork dates on the timetable before asking for "
          "agreement",
          "timetable-incomplete");
    }
    request.kind = kTimetableAgreement;
    request.subject_id = inspection_id;
    request.subject_version = c.inspection.timetable_version;
    request.subject =
        "Agree the timetable of the joint inspection of " + c.inspection.title + AsItStands(clock_);
    request.concerned = {c.inspection.participating.begin(), c.inspection.participating.end()};
    request.payload = json{{"inspection_id", inspection_id}}.dump();
    return OkStatus();
  }));
  return decisions_.Ask(caller, std::move(request));
}

StatusOr<DecisionView> InspectionService::AskSites(const Caller& caller, int64_t inspection_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  DecisionRequest request;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    ASSIGN_OR_RETURN(auto sites, PartsOf(tx, SiteRecord(), inspection_id));
    if (sites.empty()) {
      return FailedPrecondition("Choose the fieldwork sites before asking for agreement",
                                "sites-incomplete");
    }
    request.kind = kSitesAgreement;
    request.subject_id = inspection_id;
    request.subject_version = c.inspection.sites_version;
    request.subject = "Agree the fieldwork sites of the joint inspection of " + c.inspection.title +
                      AsItStands(clock_);
    request.concerned = {c.inspection.participating.begin(), c.inspection.participating.end()};
    request.payload = json{{"inspection_id", inspection_id}}.dump();
    return OkStatus();
  }));
  return decisions_.Ask(caller, std::move(request));
}

// Runs in the transaction of the last sign-off (R13): a copy of the
// version every inspectorate agreed goes to the public page.
Status InspectionService::Publish(Transaction& tx, const StoredDecision& d) {
  const int64_t inspection_id = d.subject_id;
  ASSIGN_OR_RETURN(Inspection i, GetInspection(tx, inspection_id));
  ASSIGN_OR_RETURN(TermsOfReference terms, TermsOf(tx, inspection_id));
  if (!d.subject_version || terms.version != *d.subject_version) {
    return FailedPrecondition("The terms of reference changed since this sign-off was asked",
                              "stale-subject");
  }
  ASSIGN_OR_RETURN(auto methods, PartsOf(tx, MethodPlanRecord(), inspection_id));
  ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
  PublishedTerms p;
  p.inspection_id = inspection_id;
  p.terms_version = terms.version;
  p.title = i.title;
  if (const auto* lead = Find(inspectorates, i.lead_inspectorate_id)) p.lead = lead->full_name;
  for (int64_t id : i.participating) {
    if (const auto* who = Find(inspectorates, id)) p.inspectorates.push_back(who->full_name);
  }
  for (int64_t id : i.partners) {
    if (const auto* who = Find(inspectorates, id)) p.inspectorates.push_back(who->full_name);
  }
  p.terms = terms;
  for (const auto& m : methods) p.methods.emplace_back(MethodLabel(m.method));
  p.published_at = NowText(clock_);
  const json content = ToJson(p);
  RETURN_IF_ERROR(
      InsertPublishedTerms(tx, inspection_id, terms.version, content.dump(), p.published_at));
  RETURN_IF_ERROR(ReleaseItem(tx, TermsRelease(p)));
  return RecordChange(tx, clock_, SystemCaller(), "publish", "terms_of_reference", terms.id,
                      nullptr, content);
}

ReleasedItem TermsRelease(const PublishedTerms& p) {
  ReleasedItem item;
  item.kind = std::string(kReleasedInspection);
  item.slug = std::to_string(p.inspection_id);
  item.title = "Joint inspection of " + p.title;
  item.summary = p.terms.question.empty() ? "Led by " + p.lead + "." : p.terms.question;
  for (const std::string* text :
       {&p.lead, &p.terms.background, &p.terms.aims, &p.terms.criteria, &p.terms.methodology}) {
    item.search_text += *text + "\n";
  }
  item.content = ToJson(p).dump();
  item.released_at = p.published_at;
  return item;
}

StatusOr<std::vector<PublishedTerms>> InspectionService::PublishedList() {
  std::vector<PublishedTerms> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto copies, ListReleased(tx, kReleasedInspection));
    for (const auto& c : copies) {
      ASSIGN_OR_RETURN(PublishedTerms p, PublishedTermsFromJson(c.content));
      out.push_back(std::move(p));
    }
    return OkStatus();
  }));
  return out;
}

StatusOr<PublishedTerms> InspectionService::Published(int64_t inspection_id) {
  std::optional<ReleasedItem> copy;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(copy, GetReleased(tx, kReleasedInspection, std::to_string(inspection_id)));
    return OkStatus();
  }));
  if (!copy) return NotFound("No published terms of reference with that reference");
  return PublishedTermsFromJson(copy->content);
}

StatusOr<std::vector<AuditEntry>> InspectionService::History(const Caller& caller,
                                                             int64_t inspection_id) {
  std::vector<AuditEntry> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(Load(tx, caller, inspection_id).status());
    ASSIGN_OR_RETURN(out, AuditOf(tx, "inspection", inspection_id));
    ASSIGN_OR_RETURN(TermsOfReference terms, TermsOf(tx, inspection_id));
    ASSIGN_OR_RETURN(auto more, AuditOf(tx, TermsRecord().name, terms.id));
    out.insert(out.end(), more.begin(), more.end());
    std::sort(out.begin(), out.end(),
              [](const AuditEntry& a, const AuditEntry& b) { return a.seq < b.seq; });
    return OkStatus();
  }));
  return out;
}

json ToJson(const Inspection& i) {
  return {{"id", i.id},
          {"title", i.title},
          {"proposal_id", i.proposal_id ? json(*i.proposal_id) : json(nullptr)},
          {"lead_inspectorate_id", i.lead_inspectorate_id},
          {"participating", i.participating},
          {"partners", i.partners},
          {"started_on", i.started_on},
          {"timetable_version", i.timetable_version},
          {"sites_version", i.sites_version},
          {"version", i.version}};
}

json ToJson(const TeamMember& m) {
  return {{"id", m.id},
          {"inspection_id", m.inspection_id},
          {"inspectorate_id", m.inspectorate_id},
          {"user_id", m.user_id},
          {"role", TeamRoleId(m.role)},
          {"joined_on", m.joined_on},
          {"left_on", m.left_on.empty() ? json(nullptr) : json(m.left_on)},
          {"reason", m.reason}};
}

json ToJson(const LetterSending& x) {
  json out = {{"id", x.id},
              {"letter_id", x.letter_id},
              {"letter_version", x.letter_version},
              {"sent_to", x.sent_to},
              {"method", SendingMethodId(x.method)},
              {"sent_on", x.sent_on},
              {"sent_by", x.sent_by},
              {"sent_at", x.sent_at},
              {"withdrawn", !x.in_force()}};
  if (!x.in_force()) {
    out["withdrawn_on"] = x.withdrawn_on;
    out["withdrawn_by"] = x.withdrawn_by;
    out["withdrawn_at"] = x.withdrawn_at;
    out["withdrawal_reason"] = x.withdrawal_reason;
  }
  return out;
}

json ToJson(const PublishedTerms& p) {
  return {{"inspection_id", p.inspection_id},
          {"terms_version", p.terms_version},
          {"title", p.title},
          {"lead", p.lead},
          {"inspectorates", p.inspectorates},
          {"terms", RecordJson(TermsRecord(), p.terms)},
          {"methods", p.methods},
          {"published_at", p.published_at},
          {"completed", !p.report_published_at.empty()},
          {"report_published_at",
           p.report_published_at.empty() ? json(nullptr) : json(p.report_published_at)}};
}

StatusOr<PublishedTerms> PublishedTermsFromJson(const std::string& content) {
  const json j = json::parse(content, nullptr, false);
  if (!j.is_object() || !j.contains("terms") || !j["terms"].is_object()) {
    return Internal("A published copy of terms of reference is unreadable");
  }
  PublishedTerms p;
  p.inspection_id = j.value("inspection_id", int64_t{0});
  p.terms_version = j.value("terms_version", int64_t{0});
  p.title = j.value("title", "");
  p.lead = j.value("lead", "");
  p.inspectorates = j.value("inspectorates", std::vector<std::string>{});
  p.methods = j.value("methods", std::vector<std::string>{});
  p.published_at = j.value("published_at", "");
  if (j.contains("report_published_at") && j["report_published_at"].is_string()) {
    p.report_published_at = j["report_published_at"].get<std::string>();
  }
  const json& t = j["terms"];
  for (const auto& f : TermsRecord().fields) {
    if (!t.contains(f.name)) continue;
    const json& v = t[f.name];
    if (v.is_number_integer()) f.set(p.terms, FieldValue(v.get<int64_t>()));
    if (v.is_string()) f.set(p.terms, FieldValue(v.get<std::string>()));
  }
  return p;
}

}  // namespace jointly
