// Use cases of stage 7 (M 41-47; R11, R21), apart from the timed
// publication: factual accuracy checks with those inspected and each
// correction decided; each inspectorate's distribution list,
// cross-referenced; the media plan with the press notice and its
// spokespeople; and post-publication activity.
#include <algorithm>

#include "core/text.h"
#include "service/audit_trail.h"
#include "service/inspection_parts.h"
#include "service/inspection_service.h"
#include "store/directory_store.h"
#include "store/people_store.h"

namespace jointly {

using namespace inspection_parts;  // NOLINT(google-build-using-namespace)

namespace {

// The body a check goes to is one of the directory: a 400 naming
// "body_id" if not.
Status CheckBody(Transaction& tx, int64_t body_id) {
  if (body_id <= 0) return OkStatus();  // the shape check names it
  auto body = GetBody(tx, body_id);
  if (body.ok()) return OkStatus();
  return UnknownReference(body.status(), "body_id", "unknown-body",
                          "Choose a body from the directory");
}

// The section a correction is about, if it names one: one of the
// inspection's report structure.
StatusOr<std::optional<int64_t>> SectionAuthor(Transaction& tx, const FactualCorrection& c) {
  if (!c.section_id) return std::optional<int64_t>();
  ASSIGN_OR_RETURN(auto sections, PartsOf(tx, ReportSectionRecord(), c.inspection_id));
  for (const auto& s : sections) {
    if (s.id == *c.section_id) return s.contributor_id;
  }
  const char* message = "Choose a section of the agreed report structure";
  return std::move(InvalidArgument(message, "not-in-structure")
                       .AddFieldError("section_id", "not-in-structure", message));
}

// An address once on each list: InvalidArgument (field "email", rule
// "already-on-list") if `r`'s is on its list as another recipient.
Status CheckOnceOnList(const std::vector<Recipient>& all, const Recipient& r) {
  auto lower = [](std::string_view text) {
    std::string out(Trim(text));
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return out;
  };
  for (const auto& x : all) {
    if (x.id != r.id && x.inspectorate_id == r.inspectorate_id &&
        lower(x.email) == lower(r.email)) {
      const char* message = "This email address is already on your list";
      return std::move(InvalidArgument(message, "already-on-list")
                           .AddFieldError("email", "already-on-list", message));
    }
  }
  return OkStatus();
}

// R21: each participating inspectorate keeps its own list.
Status CheckOwnList(const Standing& standing, int64_t list, const std::string& whose) {
  if (standing.inspectorate && *standing.inspectorate == list) return OkStatus();
  return PermissionDenied(
      "Each inspectorate keeps its own distribution list: this is " + whose + "'s (R21)", "R21");
}

// The inspectorate the caller speaks for on the inspection.
StatusOr<int64_t> ListOf(const Standing& standing) {
  if (!standing.inspectorate) {
    return PermissionDenied(
        "Only someone of an inspectorate taking part keeps a distribution list (R21)", "R21");
  }
  return *standing.inspectorate;
}

// R11: each spokesperson chosen from the people as the person now is:
// their name, and whether they are still the Chief Inspector or an HM
// Inspector of the inspectorate they speak for (else kOther).
Status AsTheyAreNow(Transaction& tx, std::vector<Spokesperson>& spokespeople) {
  for (auto& s : spokespeople) {
    if (!s.user_id) continue;
    auto person = GetUser(tx, *s.user_id);
    if (!person.ok() && person.status().code() != StatusCode::kNotFound) return person.status();
    if (person.ok()) s.spokesperson = person->name;
    s.role = person.ok() ? SpeaksAs(*person, s.inspectorate_id).value_or(SpokespersonRole::kOther)
                         : SpokespersonRole::kOther;
  }
  return OkStatus();
}

// R11: every active Chief Inspector and HM Inspector of an inspectorate
// taking part, as a spokesperson would name them.
StatusOr<std::vector<Spokesperson>> MaySpeak(Transaction& tx, const Inspection& inspection) {
  ASSIGN_OR_RETURN(auto users, ListUsers(tx));
  std::vector<Spokesperson> out;
  for (const auto& u : users) {
    if (!u.inspectorate_id || !Participates(inspection, *u.inspectorate_id)) continue;
    const auto role = SpeaksAs(u, *u.inspectorate_id);
    if (!role) continue;
    Spokesperson s;
    s.inspection_id = inspection.id;
    s.inspectorate_id = *u.inspectorate_id;
    s.user_id = u.id;
    s.spokesperson = u.name;
    s.role = *role;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

Status InspectionService::ReadMedia(Transaction& tx, InspectionView& v, InspectionFacts& f,
                                    bool whole) {
  const int64_t id = v.inspection.id;
  ASSIGN_OR_RETURN(v.factual_checks, PartsOf(tx, FactualCheckRecord(), id));
  ASSIGN_OR_RETURN(v.corrections, PartsOf(tx, FactualCorrectionRecord(), id));
  ASSIGN_OR_RETURN(auto recipients, PartsOf(tx, RecipientRecord(), id));
  ASSIGN_OR_RETURN(auto plans, PartsOf(tx, MediaPlanRecord(), id));
  ASSIGN_OR_RETURN(v.spokespeople, PartsOf(tx, SpokespersonRecord(), id));
  RETURN_IF_ERROR(AsTheyAreNow(tx, v.spokespeople));
  ASSIGN_OR_RETURN(v.activities, PartsOf(tx, PublicationActivityRecord(), id));
  v.media_plan = plans.empty() ? MediaPlan{} : plans.front();
  v.media_plan.inspection_id = id;
  const Inspection& i = v.inspection;
  v.deliveries =
      CrossReference(recipients, v.media_plan.sender, i.lead_inspectorate_id, i.participating);
  v.notice_missing = MissingFromNotice(v.media_plan.press_notice, v.spokespeople, i.participating);
  if (whole) {
    ASSIGN_OR_RETURN(v.may_speak, MaySpeak(tx, i));
    for (const auto& c : v.factual_checks) {
      if (v.check_bodies.count(c.body_id)) continue;
      auto body = GetBody(tx, c.body_id);
      if (body.ok()) v.check_bodies[c.body_id] = body->name;
    }
  }
  f.factual_checks_decided = FactualChecksDecided(v.factual_checks, v.corrections);
  f.distribution_lists =
      v.media_plan.sender != Sender::kUndecided &&
      std::all_of(i.participating.begin(), i.participating.end(), [&](int64_t who) {
        return std::any_of(recipients.begin(), recipients.end(),
                           [&](const Recipient& r) { return r.inspectorate_id == who; });
      });
  f.media_strategy = v.terms.publication != PublicationApproach::kUndecided &&
                     v.media_plan.interview_bids != InterviewBids::kUndecided &&
                     WithoutSpokesperson(v.spokespeople, i.participating).empty();
  f.press_notice = !Trim(v.media_plan.press_notice).empty() && v.notice_missing.empty();
  return OkStatus();
}

StatusOr<FactualCheck> InspectionService::AddFactualCheck(const Caller& caller,
                                                          int64_t inspection_id,
                                                          FactualCheck check) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  check.inspection_id = inspection_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kPublication));
    RETURN_IF_ERROR(
        MergeFieldErrors(factual_checks_.Validate(nullptr, check), CheckBody(tx, check.body_id)));
    return factual_checks_.CreateIn(tx, caller, check);
  }));
  return check;
}

StatusOr<FactualCheck> InspectionService::UpdateFactualCheck(
    const Caller& caller, int64_t id, int64_t version,
    const std::function<Status(FactualCheck&)>& change) {
  auto check = [this](Transaction& tx, const Context& c, const FactualCheck&) {
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    return CheckStage(tx, c, InspectionStage::kPublication);
  };
  auto apply = [&](Transaction& tx, const Context&, const FactualCheck& before,
                   FactualCheck& x) -> Status {
    RETURN_IF_ERROR(change(x));
    x.inspection_id = before.inspection_id;
    return MergeFieldErrors(factual_checks_.Validate(&before, x), CheckBody(tx, x.body_id));
  };
  return UpdatePart<FactualCheck>(caller, factual_checks_, "factual accuracy check", check, id,
                                  version, apply);
}

StatusOr<FactualCorrection> InspectionService::AddCorrection(const Caller& caller, int64_t check_id,
                                                             FactualCorrection correction) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    auto check = GetRecord(tx, FactualCheckRecord(), check_id);
    if (!check.ok()) return Hidden(check.status(), "factual accuracy check", check_id);
    auto c = Load(tx, caller, check->inspection_id);
    RETURN_IF_ERROR(Hidden(c.status(), "factual accuracy check", check_id));
    RETURN_IF_ERROR(CheckLeadTeam(c->standing));
    RETURN_IF_ERROR(CheckStage(tx, *c, InspectionStage::kPublication));
    correction.check_id = check_id;
    correction.inspection_id = check->inspection_id;
    correction.decided_by = correction.decision == CorrectionDecision::kUndecided
                                ? 0
                                : std::max<int64_t>(caller.user_id, 0);
    auto author = SectionAuthor(tx, correction);
    RETURN_IF_ERROR(
        MergeFieldErrors(MergeFieldErrors(corrections_.Validate(nullptr, correction),
                                          CheckCorrection(correction, *check, Today(clock_))),
                         author.status()));
    return corrections_.CreateIn(tx, caller, correction);
  }));
  return correction;
}

StatusOr<FactualCorrection> InspectionService::UpdateCorrection(
    const Caller& caller, int64_t id, int64_t version,
    const std::function<Status(FactualCorrection&)>& change) {
  auto check = [this](Transaction& tx, const Context& c, const FactualCorrection& before) {
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kPublication));
    ASSIGN_OR_RETURN(std::optional<int64_t> author, SectionAuthor(tx, before));
    ASSIGN_OR_RETURN(auto all, ListInspectorates(tx));
    auto names = ShortNames(all);
    std::string who = "the lead inspectorate (" + names[c.inspection.lead_inspectorate_id] + ")";
    if (author && *author != c.inspection.lead_inspectorate_id) {
      who += " or the section's author (" + names[*author] + ")";
    }
    return CheckMayDecide(c.standing, c.inspection.lead_inspectorate_id, author, who);
  };
  auto apply = [&](Transaction& tx, const Context& c, const FactualCorrection& before,
                   FactualCorrection& x) -> Status {
    RETURN_IF_ERROR(change(x));
    x.inspection_id = before.inspection_id;
    x.check_id = before.check_id;
    if (!c.standing.lead_team) {
      // The section's author decides; what was received stays as recorded.
      x.section_id = before.section_id;
      x.received_on = before.received_on;
      x.correction = before.correction;
    }
    if (x.decision != before.decision || x.reason != before.reason) {
      x.decided_by =
          x.decision == CorrectionDecision::kUndecided ? 0 : std::max<int64_t>(caller.user_id, 0);
    }
    ASSIGN_OR_RETURN(FactualCheck sent, GetRecord(tx, FactualCheckRecord(), before.check_id));
    return MergeFieldErrors(MergeFieldErrors(corrections_.Validate(&before, x),
                                             CheckCorrection(x, sent, Today(clock_))),
                            SectionAuthor(tx, x).status());
  };
  return UpdatePart<FactualCorrection>(caller, corrections_, "correction", check, id, version,
                                       apply);
}

StatusOr<Recipient> InspectionService::AddRecipient(const Caller& caller, int64_t inspection_id,
                                                    Recipient r) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  r.inspection_id = inspection_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    ASSIGN_OR_RETURN(r.inspectorate_id, ListOf(c.standing));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kPublication));
    ASSIGN_OR_RETURN(auto all, PartsOf(tx, RecipientRecord(), inspection_id));
    RETURN_IF_ERROR(MergeFieldErrors(recipients_.Validate(nullptr, r), CheckOnceOnList(all, r)));
    return recipients_.CreateIn(tx, caller, r);
  }));
  return r;
}

StatusOr<Recipient> InspectionService::UpdateRecipient(
    const Caller& caller, int64_t id, int64_t version,
    const std::function<Status(Recipient&)>& change) {
  auto check = [this](Transaction& tx, const Context& c, const Recipient& before) -> Status {
    ASSIGN_OR_RETURN(auto all, ListInspectorates(tx));
    RETURN_IF_ERROR(
        CheckOwnList(c.standing, before.inspectorate_id, ShortNames(all)[before.inspectorate_id]));
    return CheckStage(tx, c, InspectionStage::kPublication);
  };
  auto apply = [&](Transaction& tx, const Context&, const Recipient& before,
                   Recipient& x) -> Status {
    RETURN_IF_ERROR(change(x));
    x.inspection_id = before.inspection_id;
    x.inspectorate_id = before.inspectorate_id;
    ASSIGN_OR_RETURN(auto all, PartsOf(tx, RecipientRecord(), before.inspection_id));
    return MergeFieldErrors(recipients_.Validate(&before, x), CheckOnceOnList(all, x));
  };
  return UpdatePart<Recipient>(caller, recipients_, "recipient", check, id, version, apply);
}

Status InspectionService::DeleteRecipient(const Caller& caller, int64_t id, int64_t version) {
  auto check = [this](Transaction& tx, const Context& c, const Recipient& before) -> Status {
    ASSIGN_OR_RETURN(auto all, ListInspectorates(tx));
    RETURN_IF_ERROR(
        CheckOwnList(c.standing, before.inspectorate_id, ShortNames(all)[before.inspectorate_id]));
    return CheckStage(tx, c, InspectionStage::kPublication);
  };
  return DeletePart<Recipient>(caller, recipients_, "recipient", check, id, version);
}

StatusOr<MediaPlan> InspectionService::SaveMediaPlan(
    const Caller& caller, int64_t inspection_id, int64_t version,
    const std::function<Status(MediaPlan&)>& change) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  MediaPlan saved;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kPublication));
    ASSIGN_OR_RETURN(auto spokespeople, PartsOf(tx, SpokespersonRecord(), inspection_id));
    RETURN_IF_ERROR(AsTheyAreNow(tx, spokespeople));
    ASSIGN_OR_RETURN(auto all, ListInspectorates(tx));
    // R11: the plan names a spokesperson for every inspectorate, and its
    // press notice names each, after the shape of every field is right.
    auto checked = [&](MediaPlan& x) -> Status {
      RETURN_IF_ERROR(change(x));
      x.inspection_id = inspection_id;
      RETURN_IF_ERROR(CheckShape(MediaPlanRecord(), x));
      RETURN_IF_ERROR(CheckMediaPlanSaysSomething(x));
      const auto& participating = c.inspection.participating;
      return CheckMediaPlan(WithoutSpokesperson(spokespeople, participating),
                            MissingFromNotice(x.press_notice, spokespeople, participating),
                            !Trim(x.press_notice).empty(), ShortNames(all));
    };
    ASSIGN_OR_RETURN(auto plans, PartsOf(tx, MediaPlanRecord(), inspection_id));
    if (!plans.empty()) {
      ASSIGN_OR_RETURN(saved,
                       media_plans_.UpdateIn(tx, caller, plans.front().id, version, checked));
      return OkStatus();
    }
    if (version != 0) {
      return Aborted("The media plan has not been saved yet: send version 0", "stale-version");
    }
    saved.inspection_id = inspection_id;
    RETURN_IF_ERROR(checked(saved));
    return media_plans_.CreateIn(tx, caller, saved);
  }));
  return saved;
}

StatusOr<Spokesperson> InspectionService::AddSpokesperson(const Caller& caller,
                                                          int64_t inspection_id, Spokesperson s) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  s.inspection_id = inspection_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(spokespeople_.Validate(nullptr, s));
    std::optional<User> person;
    if (s.user_id) {
      auto found = GetUser(tx, *s.user_id);
      if (found.ok()) {
        person = std::move(*found);
      } else if (found.status().code() != StatusCode::kNotFound) {
        return found.status();
      }
    }
    ASSIGN_OR_RETURN(auto named, PartsOf(tx, SpokespersonRecord(), inspection_id));
    ASSIGN_OR_RETURN(s,
                     SpokespersonFor(c.inspection, named, s.user_id, person ? &*person : nullptr));
    if (!c.standing.lead_team && c.standing.inspectorate != s.inspectorate_id) {
      return PermissionDenied(
          "The lead inspectorate names the spokespeople; another inspectorate names only its "
          "own (R11)",
          "R11");
    }
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kPublication));
    return spokespeople_.CreateIn(tx, caller, s);
  }));
  return s;
}

Status InspectionService::DeleteSpokesperson(const Caller& caller, int64_t id, int64_t version) {
  auto check = [this](Transaction& tx, const Context& c, const Spokesperson& before) -> Status {
    if (!c.standing.lead_team && c.standing.inspectorate != before.inspectorate_id) {
      return PermissionDenied(
          "The lead inspectorate removes spokespeople; another inspectorate removes only its "
          "own (R11)",
          "R11");
    }
    return CheckStage(tx, c, InspectionStage::kPublication);
  };
  return DeletePart<Spokesperson>(caller, spokespeople_, "spokesperson", check, id, version);
}

// Post-publication activity (launch events, round tables; M 47) is the one
// record of stage 7 kept after publication, when it happens: it needs the
// stage open, and is not settled by publication (CheckNotSettled).
Status InspectionService::ActivityStageOpen(Transaction& tx, const Context& c) {
  InspectionView facts;
  RETURN_IF_ERROR(ReadParts(tx, c, facts, false));
  return CheckStageOpen(facts.stages, InspectionStage::kPublication);
}

StatusOr<PublicationActivity> InspectionService::AddActivity(const Caller& caller,
                                                             int64_t inspection_id,
                                                             PublicationActivity a) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  a.inspection_id = inspection_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckOnTeam(c.standing));
    RETURN_IF_ERROR(ActivityStageOpen(tx, c));
    return activities_.CreateIn(tx, caller, a);
  }));
  return a;
}

StatusOr<PublicationActivity> InspectionService::UpdateActivity(
    const Caller& caller, int64_t id, int64_t version,
    const std::function<Status(PublicationActivity&)>& change) {
  auto check = [this](Transaction& tx, const Context& c, const PublicationActivity&) {
    RETURN_IF_ERROR(CheckOnTeam(c.standing));
    return ActivityStageOpen(tx, c);
  };
  auto apply = [&](Transaction&, const Context&, const PublicationActivity& before,
                   PublicationActivity& x) -> Status {
    RETURN_IF_ERROR(change(x));
    x.inspection_id = before.inspection_id;
    return activities_.Validate(&before, x);
  };
  return UpdatePart<PublicationActivity>(caller, activities_, "post-publication activity", check,
                                         id, version, apply);
}

StatusOr<Document> InspectionService::PressNotice(const Caller& caller, int64_t inspection_id) {
  Document doc;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    InspectionView v;
    RETURN_IF_ERROR(ReadView(tx, caller, inspection_id, v));
    const MediaPlan& plan = v.media_plan;
    if (Trim(plan.press_notice).empty()) {
      return FailedPrecondition("The press notice has not been written yet", "no-press-notice");
    }
    RETURN_IF_ERROR(CheckPressNotice(v.notice_missing, ShortNames(v.inspectorates)));
    std::vector<std::string> names;
    for (int64_t who : v.inspection.participating) {
      for (const auto& i : v.inspectorates) {
        if (i.id == who) names.push_back(i.full_name);
      }
    }
    doc.title = "Press notice: " + v.inspection.title;
    doc.footer = "Press notice: " + v.inspection.title;
    doc.Add(DocumentBlock::Kind::kTitle, v.inspection.title);
    doc.Add(DocumentBlock::Kind::kBold, "A joint inspection by " + InWordsList(names));
    for (const auto& paragraph : Split(plan.press_notice, '\n')) {
      if (!Trim(paragraph).empty()) doc.Add(DocumentBlock::Kind::kParagraph, paragraph);
    }
    doc.Add(DocumentBlock::Kind::kHeading2, "Spokespeople").KeepWithNext();
    for (const auto& s : v.spokespeople) {
      std::string of;
      for (const auto& i : v.inspectorates) {
        if (i.id == s.inspectorate_id) of = i.short_name;
      }
      doc.Add(DocumentBlock::Kind::kLine,
              s.spokesperson + ", " + std::string(SpokespersonRoleLabel(s.role)) + ", " + of);
    }
    doc.Add(DocumentBlock::Kind::kHeading2, "Notes to editors").KeepWithNext();
    doc.Add(DocumentBlock::Kind::kParagraph,
            "Bids for interview: " + std::string(InterviewBidsLabel(plan.interview_bids)) + ".");
    doc.Add(DocumentBlock::Kind::kParagraph,
            "Approach to publication: " +
                std::string(PublicationApproachLabel(v.terms.publication)) + ".");
    return OkStatus();
  }));
  return doc;
}

}  // namespace jointly
