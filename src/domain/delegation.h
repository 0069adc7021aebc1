// Delegated authority (R23, F 9.1): the Chief Inspector (or an HM
// Inspector) of an inspectorate taking part in an inspection may delegate
// one of its functions on that inspection to another public authority
// (another inspectorate, or a body of the directory), naming the people who
// exercise it; for that inspection only, and until it ends or is revoked,
// they then act with the delegating inspectorate's standing, and every such
// act says so.
// Pure: no I/O and no clock (today is passed in).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "domain/access.h"
#include "domain/directory.h"
#include "domain/fieldwork.h"
#include "domain/inspection.h"
#include "domain/record.h"

namespace jointly {

// What may be delegated on an inspection.
enum class DelegatedFunction { kFieldwork, kQualityAssurance };
inline constexpr DelegatedFunction kAllDelegatedFunctions[] = {
    DelegatedFunction::kFieldwork, DelegatedFunction::kQualityAssurance};
std::string_view DelegatedFunctionId(DelegatedFunction f);
std::string_view DelegatedFunctionLabel(DelegatedFunction f);

// One delegation: from an inspectorate taking part, to another authority,
// of one function, to the people it names, authorised by the delegating
// inspectorate's Chief Inspector or an HM Inspector of it (recorded by them
// or an administrator).
struct Delegation {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t delegating_inspectorate_id = 0;
  std::optional<int64_t> receiving_inspectorate_id;  // another inspectorate...
  std::optional<int64_t> receiving_body_id;          // ...or a body of the directory
  DelegatedFunction function = DelegatedFunction::kFieldwork;
  int64_t user_id = 0;  // the first person who exercises it
  // Not a field: the people named afterwards (Delegate records), filled
  // when delegations are read.
  std::vector<int64_t> others;
  std::string scope;    // what exactly, in words
  std::string ends_on;  // empty: until the inspection ends or it is revoked
  int64_t authorised_by = 0;
  std::string authorised_on;  // YYYY-MM-DD
  std::string revoked_on;     // empty while not revoked
  std::optional<int64_t> revoked_by;
  int64_t version = 0;
};
const RecordType<Delegation>& DelegationRecord();
// Whether `d` names `user_id` among the people who exercise it.
bool Names(const Delegation& d, int64_t user_id);

// Someone else a delegation names (R23): a delegation may name several
// people of the receiving authority, each of whom exercises it.
struct Delegate {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t delegation_id = 0;
  int64_t user_id = 0;
  int64_t version = 0;
};
const RecordType<Delegate>& DelegateRecord();
// Each delegation of `delegations` with the people `delegates` add to it.
void AddOthers(std::vector<Delegation>& delegations, const std::vector<Delegate>& delegates);

// R23: whether `caller` may delegate (or revoke) for `delegating`: an
// administrator, or the Chief Inspector or an HM Inspector of that
// inspectorate (F 9.1: "each Chief Inspector (or HM Inspectors in some
// instances)"; which instances is the inspectorate's to judge).
bool MayDelegateFor(const Caller& caller, int64_t delegating);

// R23: a delegation `caller` may record on `inspection`: they may delegate
// for the delegating inspectorate (PermissionDenied, rule "R23"); it takes
// part (field "delegating_inspectorate_id", rule "not-participating");
// exactly one receiving authority, not the delegating inspectorate itself
// (field "receiving_inspectorate_id", rule "receiving-authority"); the
// person does not work for the delegating inspectorate, and works for the
// receiving inspectorate if that is one (`person_inspectorate` is theirs;
// field "user_id", rule "delegate"); an end date not before `today` (field
// "ends_on", rule "date-order"). Every error in the fields at once.
Status CheckDelegation(const Caller& caller, const Inspection& inspection, const Delegation& d,
                       std::optional<int64_t> person_inspectorate, Date today);
// R23: PermissionDenied (rule "R23") unless `caller` may delegate for the
// delegation's inspectorate; FailedPrecondition (rule "revoked") for one
// already revoked.
Status CheckRevocation(const Caller& caller, const Delegation& d);
// R23: whether a function can be delegated to `inspectorate`: one that is
// open and holds inspection powers, not a joint body (CJCIG, the
// Development Group, the Joint Secretariat).
bool MayReceiveDelegation(const Inspectorate& inspectorate);
// R23: someone more named by delegation `d` on `today`: `caller` may
// delegate for it (PermissionDenied, rule "R23"); it is in force
// (FailedPrecondition, rule "revoked"); the person is of the receiving
// authority as CheckDelegation asks (field "user_id", rule "delegate") and
// not named by it already (field "user_id", rule "already-named").
Status CheckDelegate(const Caller& caller, const Delegation& d, int64_t user_id,
                     std::optional<int64_t> person_inspectorate, Date today);

// Whether `d` is in force on `day`: authorised by then, not ended before
// it and not revoked on or before it.
bool InForce(const Delegation& d, Date day);

// Whom someone acts for on an inspection, and under which delegation, if
// under one.
struct ActingFor {
  int64_t inspectorate_id = 0;
  std::optional<Delegation> under;
};
// R23: for whom `user_id` (with `standing` on `inspection`) does
// `function` on `day`. `chosen`: the delegation they act under, which must
// be theirs, on this inspection, for this function and in force
// (PermissionDenied, rule "R23"). Without one: their own inspectorate if
// they are on the team (for fieldwork) or speak for a participating one
// (for quality assurance); else the delegation of theirs in force for it,
// if there is one; else PermissionDenied (rule "not-on-team").
// `delegations`: any, of any inspection.
StatusOr<ActingFor> ActingForOf(const Inspection& inspection, const Standing& standing,
                                int64_t user_id, DelegatedFunction function,
                                const std::vector<Delegation>& delegations, Date day,
                                std::optional<int64_t> chosen);
// R23: for whom `user_id` does `function` on behalf of `inspectorate`: that
// inspectorate itself if they are on the team for it (fieldwork) or speak
// for it (quality assurance); else under a delegation of theirs in force
// on `day` from it; else PermissionDenied (rule `rule`, saying `refusal`).
StatusOr<ActingFor> ActingForInspectorate(const Inspection& inspection, const Standing& standing,
                                          int64_t user_id, DelegatedFunction function,
                                          const std::vector<Delegation>& delegations, Date day,
                                          int64_t inspectorate, const std::string& rule,
                                          const std::string& refusal);
// Whether `user_id` holds a delegation in force on `day` on `inspection`:
// then they see its working material.
bool HoldsDelegation(const std::vector<Delegation>& delegations, int64_t inspection_id,
                     int64_t user_id, Date day);
// R23: the delegation of fieldwork in force on `day` that `user_id`
// exercises on `inspection`, if there is one.
std::optional<Delegation> FieldworkDelegationOf(const Inspection& inspection,
                                                const std::vector<Delegation>& delegations,
                                                int64_t user_id, Date day);
// R23: the inspection's team as a visit sees it on `day`: its members, and
// everyone exercising a delegation of fieldwork in force who is not one of
// them, as a member of the delegating inspectorate.
std::vector<TeamMember> FieldworkTeam(const Inspection& inspection,
                                      const std::vector<TeamMember>& team,
                                      const std::vector<Delegation>& delegations, Date day);
// R23: someone on a visit under a delegation of fieldwork (on `visiting`,
// the FieldworkTeam, but not on `team`) is one of a joint pair:
// InvalidArgument (field "partner_id", rule "R23") for one placed alone.
Status CheckDelegateInPair(const VisitPlace& place, const std::vector<TeamMember>& team,
                           const std::vector<TeamMember>& visiting);

// The words every act under `d` carries: "for HMICFRS under delegation
// from HMICFRS to HMCPSI (delegation 4, authorised on 4 September 2017)",
// given the short names of the delegating and receiving authorities.
std::string UnderDelegationWords(const Delegation& d, const std::string& delegating,
                                 const std::string& receiving);

}  // namespace jointly
