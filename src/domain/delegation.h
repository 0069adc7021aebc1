// Delegated authority (R23, F 9.1): the Chief Inspector of an inspectorate
// taking part in an inspection may delegate one of its functions on that
// inspection to another public authority (another inspectorate, or a body
// of the directory), naming the person who exercises it; for that
// inspection only, and until it ends or is revoked, that person then acts
// with the delegating inspectorate's standing, and every such act says so.
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
// of one function, to one named person, authorised by the delegating
// inspectorate's Chief Inspector (recorded by them or an administrator).
struct Delegation {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t delegating_inspectorate_id = 0;
  std::optional<int64_t> receiving_inspectorate_id;  // another inspectorate...
  std::optional<int64_t> receiving_body_id;          // ...or a body of the directory
  DelegatedFunction function = DelegatedFunction::kFieldwork;
  int64_t user_id = 0;  // the person who exercises it
  std::string scope;    // what exactly, in words
  std::string ends_on;  // empty: until the inspection ends or it is revoked
  int64_t authorised_by = 0;
  std::string authorised_on;  // YYYY-MM-DD
  std::string revoked_on;     // empty while not revoked
  std::optional<int64_t> revoked_by;
  int64_t version = 0;
};
const RecordType<Delegation>& DelegationRecord();

// R23: whether `caller` may delegate (or revoke) for `delegating`: an
// administrator, or a Chief Inspector of that inspectorate.
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
// Whether `user_id` holds a delegation in force on `day` on `inspection`:
// then they see its working material.
bool HoldsDelegation(const std::vector<Delegation>& delegations, int64_t inspection_id,
                     int64_t user_id, Date day);

// The words every act under `d` carries: "for HMICFRS under delegation
// from HMICFRS to HMCPSI (delegation 4, authorised on 4 September 2017)",
// given the short names of the delegating and receiving authorities.
std::string UnderDelegationWords(const Delegation& d, const std::string& delegating,
                                 const std::string& receiving);

}  // namespace jointly
