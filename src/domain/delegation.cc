#include "domain/delegation.h"

#include <algorithm>

#include "core/enum_ids.h"
#include "core/text.h"

namespace jointly {

namespace {

constexpr Naming<DelegatedFunction> kFunctions[] = {
    {DelegatedFunction::kFieldwork, "fieldwork", "Fieldwork and evidence gathering"},
    {DelegatedFunction::kQualityAssurance, "quality_assurance", "Quality assurance of evidence"},
};

}  // namespace

std::string_view DelegatedFunctionId(DelegatedFunction f) { return IdIn(kFunctions, f); }
std::string_view DelegatedFunctionLabel(DelegatedFunction f) { return LabelIn(kFunctions, f); }

const RecordType<Delegation>& DelegationRecord() {
  using D = Delegation;
  static const RecordType<D> type{
      .name = "delegation",
      .label = "delegation",
      .table = "inspection_delegations",
      .order_by = "authorised_on, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&D::id),
          ReferenceField("inspection_id", "Inspection", &D::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ReferenceField("delegating_inspectorate_id", "Delegating inspectorate",
                         &D::delegating_inspectorate_id,
                         {.what = "the inspectorate that delegates",
                          .required = true,
                          .hint = "The inspectorate whose function this is"}),
          OptionalReferenceField("receiving_inspectorate_id", "Inspectorate it is delegated to",
                                 &D::receiving_inspectorate_id,
                                 {.what = "the inspectorate it is delegated to",
                                  .hint = "Another inspectorate, or choose a body below"}),
          OptionalReferenceField(
              "receiving_body_id", "Or another public authority", &D::receiving_body_id,
              {.what = "the public authority it is delegated to",
               .hint = "A body of the directory, if it is not delegated to an inspectorate"}),
          ChoiceField(
              "function", "Function delegated", &D::function,
              ChoicesOf(kAllDelegatedFunctions, DelegatedFunctionId, DelegatedFunctionLabel),
              {.what = "the function delegated"}),
          ReferenceField("user_id", "Person who exercises it", &D::user_id,
                         {.what = "the person who exercises it", .required = true}),
          TextField("scope", "What is delegated", &D::scope,
                    {.what = "what is delegated",
                     .required = true,
                     .max_chars = kMaxLongText,
                     .hint = "For example, examining the case files of the police prosecution "
                             "teams in South Wales"}),
          DateField(
              "ends_on", "Ends on", &D::ends_on,
              {.what = "when it ends", .hint = "Leave empty if it lasts for the whole inspection"}),
          ReferenceField("authorised_by", "Authorised by", &D::authorised_by,
                         {.what = "who authorised it", .writable = false}),
          DateField("authorised_on", "Authorised on", &D::authorised_on,
                    {.what = "when it was authorised", .writable = false}),
          DateField("revoked_on", "Revoked on", &D::revoked_on,
                    {.what = "when it was revoked", .writable = false}),
          OptionalReferenceField("revoked_by", "Revoked by", &D::revoked_by,
                                 {.what = "who revoked it", .writable = false}),
          VersionField(&D::version),
      }};
  return type;
}

bool Names(const Delegation& d, int64_t user_id) {
  return d.user_id == user_id ||
         std::find(d.others.begin(), d.others.end(), user_id) != d.others.end();
}

const RecordType<Delegate>& DelegateRecord() {
  static const RecordType<Delegate> type{
      .name = "delegate",
      .label = "person a delegation names",
      .table = "inspection_delegates",
      .order_by = "delegation_id, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&Delegate::id),
          ReferenceField("inspection_id", "Inspection", &Delegate::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ReferenceField("delegation_id", "Delegation", &Delegate::delegation_id,
                         {.what = "the delegation", .writable = false}),
          ReferenceField("user_id", "Person who exercises it", &Delegate::user_id,
                         {.what = "the person who exercises it", .required = true}),
          VersionField(&Delegate::version),
      }};
  return type;
}

void AddOthers(std::vector<Delegation>& delegations, const std::vector<Delegate>& delegates) {
  for (auto& d : delegations) {
    for (const auto& x : delegates) {
      if (x.delegation_id == d.id) d.others.push_back(x.user_id);
    }
  }
}

bool MayDelegateFor(const Caller& caller, int64_t delegating) {
  if (caller.anonymous() || !caller.active) return false;
  if (caller.Has(Role::kAdministrator)) return true;
  return (caller.Has(Role::kChiefInspector) || caller.Has(Role::kHmInspector)) &&
         caller.inspectorate_id == delegating;
}

namespace {

// R23: the person is of the receiving authority, not of the delegating
// inspectorate.
void CheckPerson(const Delegation& d, std::optional<int64_t> person_inspectorate, Validation& v) {
  if (person_inspectorate && *person_inspectorate == d.delegating_inspectorate_id) {
    v.Add("user_id", "delegate",
          "Choose someone of the authority it is delegated to: the delegating inspectorate's "
          "own people need no delegation");
  } else if (d.receiving_inspectorate_id && person_inspectorate != d.receiving_inspectorate_id) {
    v.Add("user_id", "delegate",
          "Choose someone who works for the inspectorate it is delegated to");
  }
}

}  // namespace

Status CheckDelegation(const Caller& caller, const Inspection& inspection, const Delegation& d,
                       std::optional<int64_t> person_inspectorate, Date today) {
  // Nothing chosen yet is an error of the form, reported with the rest;
  // a choice of another inspectorate's function is refused outright.
  const bool chosen = d.delegating_inspectorate_id != 0;
  if (chosen && !MayDelegateFor(caller, d.delegating_inspectorate_id)) {
    return PermissionDenied(
        "Only the Chief Inspector or an HM Inspector of the delegating inspectorate (or an "
        "administrator recording it for them) delegates its functions",
        "R23");
  }
  Validation v;
  if (!chosen) {
    v.Add("delegating_inspectorate_id", "required",
          "Choose the inspectorate whose function is delegated");
  } else if (!Participates(inspection, d.delegating_inspectorate_id)) {
    v.Add("delegating_inspectorate_id", "not-participating",
          "Choose an inspectorate taking part in the inspection");
  }
  if (!d.receiving_inspectorate_id && !d.receiving_body_id) {
    v.Add("receiving_inspectorate_id", "receiving-authority",
          "Choose the inspectorate or the other public authority it is delegated to");
  } else if (d.receiving_inspectorate_id && d.receiving_body_id) {
    v.Add("receiving_inspectorate_id", "receiving-authority",
          "Choose either the inspectorate or the other public authority it is delegated to, "
          "not both");
  } else if (d.receiving_inspectorate_id == d.delegating_inspectorate_id) {
    v.Add("receiving_inspectorate_id", "receiving-authority",
          "Choose another authority: an inspectorate does not delegate to itself");
  }
  CheckPerson(d, person_inspectorate, v);
  const auto ends = Date::Parse(d.ends_on);
  if (ends && ends->DaysSince(today) < 0) {
    v.Add("ends_on", "date-order", "The end date must be today or later");
  }
  if (IsBlank(d.scope)) v.Add("scope", "required", "Enter what is delegated");
  return v.Finish("The delegation is not valid");
}

bool MayReceiveDelegation(const Inspectorate& inspectorate) {
  return inspectorate.kind != InspectorateKind::kJointBody && inspectorate.is_open();
}

Status CheckRevocation(const Caller& caller, const Delegation& d) {
  if (!MayDelegateFor(caller, d.delegating_inspectorate_id)) {
    return PermissionDenied(
        "Only the Chief Inspector or an HM Inspector of the delegating inspectorate (or an "
        "administrator) revokes its delegation",
        "R23");
  }
  if (!d.revoked_on.empty()) {
    return FailedPrecondition("The delegation was revoked already", "revoked");
  }
  return OkStatus();
}

Status CheckDelegate(const Caller& caller, const Delegation& d, int64_t user_id,
                     std::optional<int64_t> person_inspectorate, Date today) {
  if (!MayDelegateFor(caller, d.delegating_inspectorate_id)) {
    return PermissionDenied(
        "Only the Chief Inspector or an HM Inspector of the delegating inspectorate (or an "
        "administrator) names the people who exercise its delegation",
        "R23");
  }
  if (!InForce(d, today)) {
    return FailedPrecondition("The delegation is no longer in force: make a new one", "revoked");
  }
  Validation v;
  CheckPerson(d, person_inspectorate, v);
  if (v.empty() && Names(d, user_id)) {
    v.Add("user_id", "already-named", "The delegation names them already");
  }
  return v.Finish("The person cannot be named by the delegation");
}

bool InForce(const Delegation& d, Date day) {
  const auto from = Date::Parse(d.authorised_on);
  if (from && day.DaysSince(*from) < 0) return false;
  const auto ends = Date::Parse(d.ends_on);
  if (ends && day.DaysSince(*ends) > 0) return false;
  const auto revoked = Date::Parse(d.revoked_on);
  return !(revoked && day.DaysSince(*revoked) >= 0);
}

bool HoldsDelegation(const std::vector<Delegation>& delegations, int64_t inspection_id,
                     int64_t user_id, Date day) {
  for (const auto& d : delegations) {
    if (d.inspection_id == inspection_id && Names(d, user_id) && InForce(d, day)) return true;
  }
  return false;
}

StatusOr<ActingFor> ActingForOf(const Inspection& inspection, const Standing& standing,
                                int64_t user_id, DelegatedFunction function,
                                const std::vector<Delegation>& delegations, Date day,
                                std::optional<int64_t> chosen) {
  auto usable = [&](const Delegation& d) {
    return d.inspection_id == inspection.id && Names(d, user_id) && d.function == function &&
           InForce(d, day) && Participates(inspection, d.delegating_inspectorate_id);
  };
  if (chosen) {
    for (const auto& d : delegations) {
      if (d.id == *chosen && usable(d)) return ActingFor{d.delegating_inspectorate_id, d};
    }
    return PermissionDenied("You hold no delegation in force on this inspection for " +
                                std::string(DelegatedFunctionLabel(function)) +
                                " under that reference",
                            "R23");
  }
  const bool own = function == DelegatedFunction::kFieldwork
                       ? standing.on_team && standing.inspectorate.has_value()
                       : standing.inspectorate.has_value();
  if (own) return ActingFor{*standing.inspectorate, std::nullopt};
  for (const auto& d : delegations) {
    if (usable(d)) return ActingFor{d.delegating_inspectorate_id, d};
  }
  return PermissionDenied(function == DelegatedFunction::kFieldwork
                              ? "Evidence is recorded by the inspection's team, for their "
                                "inspectorate, or by someone it delegated fieldwork to"
                              : "Evidence is quality-assured by the participating inspectorates, "
                                "or by someone one of them delegated it to",
                          "not-on-team");
}

StatusOr<ActingFor> ActingForInspectorate(const Inspection& inspection, const Standing& standing,
                                          int64_t user_id, DelegatedFunction function,
                                          const std::vector<Delegation>& delegations, Date day,
                                          int64_t inspectorate, const std::string& rule,
                                          const std::string& refusal) {
  const bool own = (function == DelegatedFunction::kQualityAssurance || standing.on_team) &&
                   standing.inspectorate == inspectorate;
  if (own) return ActingFor{inspectorate, std::nullopt};
  for (const auto& d : delegations) {
    if (d.inspection_id == inspection.id && Names(d, user_id) && d.function == function &&
        d.delegating_inspectorate_id == inspectorate && InForce(d, day)) {
      return ActingFor{inspectorate, d};
    }
  }
  return PermissionDenied(refusal, rule);
}

std::optional<Delegation> FieldworkDelegationOf(const Inspection& inspection,
                                                const std::vector<Delegation>& delegations,
                                                int64_t user_id, Date day) {
  for (const auto& d : delegations) {
    if (d.inspection_id == inspection.id && Names(d, user_id) &&
        d.function == DelegatedFunction::kFieldwork && InForce(d, day) &&
        Participates(inspection, d.delegating_inspectorate_id)) {
      return d;
    }
  }
  return std::nullopt;
}

std::vector<TeamMember> FieldworkTeam(const Inspection& inspection,
                                      const std::vector<TeamMember>& team,
                                      const std::vector<Delegation>& delegations, Date day) {
  std::vector<TeamMember> out = team;
  auto on_team = [&](int64_t user_id) {
    return std::any_of(out.begin(), out.end(),
                       [&](const TeamMember& m) { return m.current() && m.user_id == user_id; });
  };
  for (const auto& d : delegations) {
    if (d.function != DelegatedFunction::kFieldwork) continue;
    std::vector<int64_t> people = {d.user_id};
    people.insert(people.end(), d.others.begin(), d.others.end());
    for (int64_t user_id : people) {
      if (on_team(user_id)) continue;
      const auto under = FieldworkDelegationOf(inspection, delegations, user_id, day);
      if (!under || under->id != d.id) continue;
      TeamMember m;
      m.inspection_id = inspection.id;
      m.inspectorate_id = d.delegating_inspectorate_id;
      m.user_id = user_id;
      m.role = TeamRole::kTeamMember;
      m.joined_on = d.authorised_on;
      out.push_back(m);
    }
  }
  return out;
}

Status CheckDelegateInPair(const VisitPlace& place, const std::vector<TeamMember>& team,
                           const std::vector<TeamMember>& visiting) {
  auto among = [&](const std::vector<TeamMember>& members) {
    return std::any_of(members.begin(), members.end(), [&](const TeamMember& m) {
      return m.current() && m.user_id == place.user_id;
    });
  };
  const bool under_delegation = among(visiting) && !among(team);
  if (!under_delegation || place.partner_id) return OkStatus();
  return std::move(InvalidArgument("Someone under delegation visits as one of a joint pair", "R23")
                       .AddFieldError("partner_id", "R23",
                                      "Choose whom they pair with: someone acting under a "
                                      "delegation visits as one of a joint pair"));
}

std::string UnderDelegationWords(const Delegation& d, const std::string& delegating,
                                 const std::string& receiving) {
  std::string words = "for " + delegating + " under delegation from " + delegating + " to " +
                      receiving + " (delegation " + std::to_string(d.id);
  if (const auto on = Date::Parse(d.authorised_on)) {
    words += ", authorised on " + on->ToDayMonthYear();
  }
  return words + ")";
}

}  // namespace jointly
