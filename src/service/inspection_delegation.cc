// Use cases of delegated authority (R23): a Chief Inspector (or an HM
// Inspector) delegates a function of their inspectorate on one inspection
// to people of another public authority, names more of them, or revokes
// it; and whom someone acts for when they do a delegable act.
#include <algorithm>

#include "core/text.h"
#include "service/audit_trail.h"
#include "service/inspection_parts.h"
#include "service/inspection_service.h"
#include "store/directory_store.h"
#include "store/inspection_store.h"
#include "store/people_store.h"

namespace jointly {

using namespace inspection_parts;  // NOLINT(google-build-using-namespace)

namespace {

// The short name of an inspectorate, or the name of a body.
std::string AuthorityName(Transaction& tx, const std::vector<Inspectorate>& inspectorates,
                          std::optional<int64_t> inspectorate, std::optional<int64_t> body) {
  if (inspectorate) {
    const Inspectorate* i = Find(inspectorates, *inspectorate);
    return i ? i->short_name : std::string("another inspectorate");
  }
  if (body) {
    auto b = GetBody(tx, *body);
    if (b.ok()) return b->name;
  }
  return "another public authority";
}

}  // namespace

StatusOr<InspectionService::Acting> InspectionService::ActingOf(Transaction& tx,
                                                                const Caller& caller,
                                                                const Context& c,
                                                                DelegatedFunction function,
                                                                std::optional<int64_t> chosen) {
  Acting acting;
  ASSIGN_OR_RETURN(acting.who, ActingForOf(c.inspection, c.standing, caller.user_id, function,
                                           c.delegations, Date::DayOf(clock_.NowMicros()), chosen));
  if (!acting.who.under) return acting;
  ASSIGN_OR_RETURN(acting.words, WordsOf(tx, *acting.who.under));
  return acting;
}

StatusOr<std::string> InspectionService::WordsOf(Transaction& tx, const Delegation& d) {
  ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
  return UnderDelegationWords(
      d, AuthorityName(tx, inspectorates, d.delegating_inspectorate_id, std::nullopt),
      AuthorityName(tx, inspectorates, d.receiving_inspectorate_id, d.receiving_body_id));
}

StatusOr<Delegation> InspectionService::AddDelegation(const Caller& caller, int64_t inspection_id,
                                                      Delegation d) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  d.inspection_id = inspection_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    const Date today = Date::DayOf(clock_.NowMicros());
    d.authorised_by = caller.user_id;
    d.authorised_on = today.ToIso();
    d.revoked_on.clear();
    d.revoked_by.reset();
    // Every error at once: the fields' shapes, then what R23 asks.
    Status shape = delegations_.Validate(nullptr, d);
    std::optional<int64_t> person_inspectorate;
    Status person = OkStatus();
    if (d.user_id > 0) {
      auto u = GetUser(tx, d.user_id);
      if (!u.ok() || !u->active) {
        person = std::move(InvalidArgument("Choose someone who can sign in", "unknown-user")
                               .AddFieldError("user_id", "unknown-user",
                                              "Choose someone who can sign in to Jointly"));
      } else {
        person_inspectorate = u->inspectorate_id;
      }
    }
    if (d.receiving_inspectorate_id) {
      auto to = GetInspectorate(tx, *d.receiving_inspectorate_id);
      if (to.ok() && !MayReceiveDelegation(*to)) {
        person = MergeFieldErrors(
            person,
            std::move(InvalidArgument("Choose an inspectorate", "receiving-authority")
                          .AddFieldError("receiving_inspectorate_id", "receiving-authority",
                                         "Choose an inspectorate: " + to->full_name +
                                             " holds no inspection powers to delegate to")));
      }
    }
    if (d.receiving_body_id) {
      auto b = GetBody(tx, *d.receiving_body_id);
      if (!b.ok()) {
        person = MergeFieldErrors(
            person, std::move(InvalidArgument("Choose a body of the directory", "unknown-body")
                                  .AddFieldError("receiving_body_id", "unknown-body",
                                                 "Choose a body of the directory")));
      }
    }
    Status rule = CheckDelegation(caller, c.inspection, d, person_inspectorate, today);
    if (rule.code() == StatusCode::kPermissionDenied) return rule;
    Status all = MergeFieldErrors(MergeFieldErrors(shape, person), rule);
    RETURN_IF_ERROR(all);
    return delegations_.CreateIn(tx, caller, d);
  }));
  return d;
}

StatusOr<Delegate> InspectionService::AddDelegate(const Caller& caller, int64_t delegation_id,
                                                  Delegate x) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    auto found = GetRecord(tx, DelegationRecord(), delegation_id);
    RETURN_IF_ERROR(Hidden(found.status(), "delegation", delegation_id));
    ASSIGN_OR_RETURN(
        Context c, LoadForFieldwork(tx, caller, found->inspection_id, "delegation", delegation_id));
    const auto d = std::find_if(c.delegations.begin(), c.delegations.end(),
                                [&](const Delegation& y) { return y.id == delegation_id; });
    if (d == c.delegations.end()) {
      return NotFound("No delegation with reference " + std::to_string(delegation_id));
    }
    x.inspection_id = d->inspection_id;
    x.delegation_id = delegation_id;
    RETURN_IF_ERROR(delegates_.Validate(nullptr, x));
    auto person = GetUser(tx, x.user_id);
    if (!person.ok() || !person->active) {
      return std::move(InvalidArgument("Choose someone who can sign in", "unknown-user")
                           .AddFieldError("user_id", "unknown-user",
                                          "Choose someone who can sign in to Jointly"));
    }
    RETURN_IF_ERROR(CheckDelegate(caller, *d, x.user_id, person->inspectorate_id,
                                  Date::DayOf(clock_.NowMicros())));
    return delegates_.CreateIn(tx, caller, x);
  }));
  return x;
}

StatusOr<Delegation> InspectionService::RevokeDelegation(const Caller& caller, int64_t id,
                                                         int64_t version) {
  return UpdatePart<Delegation>(
      caller, delegations_, "delegation",
      [&](Transaction&, const Context&, const Delegation& before) {
        return CheckRevocation(caller, before);
      },
      id, version,
      [&](Transaction&, const Context&, const Delegation&, Delegation& x) {
        x.revoked_on = Date::DayOf(clock_.NowMicros()).ToIso();
        x.revoked_by = caller.user_id;
        return OkStatus();
      });
}

Status InspectionService::ReadDelegations(Transaction& tx, const Caller& caller, const Context& c,
                                          InspectionView& v) {
  v.delegations = c.delegations;
  v.delegates = c.delegates;
  const Date today = Date::DayOf(clock_.NowMicros());
  ASSIGN_OR_RETURN(auto users, ListUsers(tx));
  std::set<int64_t> named;
  for (const auto& d : v.delegations) {
    named.insert(d.user_id);
    named.insert(d.others.begin(), d.others.end());
    named.insert(d.authorised_by);
    if (d.revoked_by) named.insert(*d.revoked_by);
    if (d.receiving_body_id) {
      auto b = GetBody(tx, *d.receiving_body_id);
      if (b.ok()) v.delegation_bodies[*d.receiving_body_id] = b->name;
    }
    if (!InForce(d, today)) continue;
    v.delegations_in_force.insert(d.id);
    if (Names(d, caller.user_id)) v.held_delegations.push_back(d);
  }
  for (int64_t i : v.inspection.participating) {
    // Stewards may record for any; a Chief Inspector for their own.
    if (MayDelegateFor(caller, i)) v.delegates_for.push_back(i);
    v.may_delegate = v.may_delegate || MayDelegateFor(caller, i);
  }
  for (const auto& u : users) {
    if (named.count(u.id)) v.people[u.id] = u.name;
    if (v.may_delegate && u.active) {
      v.delegation_candidates.push_back({u.id, u.name, u.inspectorate_id});
    }
  }
  return OkStatus();
}

}  // namespace jointly

namespace jointly {

namespace {

// R23: what someone named by delegation `d`, not in force on `today`, is
// told of it: "Your delegation of fieldwork and evidence gathering from
// HMICFRS on <title> was revoked on 2 December 2026."
std::string NotInForceWords(const Delegation& d, Date today, const std::string& from,
                            const std::string& title) {
  std::string words = "Your delegation of " +
                      InSentence(std::string(DelegatedFunctionLabel(d.function))) + " from " +
                      from + " on " + title;
  auto on = [](const std::string& iso) {
    const auto day = Date::Parse(iso);
    return day ? day->ToDayMonthYear() : iso;
  };
  const auto from_day = Date::Parse(d.authorised_on);
  if (from_day && today.DaysSince(*from_day) < 0) {
    return words + " starts on " + on(d.authorised_on) + ".";
  }
  if (!d.revoked_on.empty()) return words + " was revoked on " + on(d.revoked_on) + ".";
  return words + " ended on " + on(d.ends_on) + ".";
}

}  // namespace

StatusOr<std::string> InspectionService::DelegationNotInForce(const Caller& caller,
                                                              int64_t inspection_id) {
  std::string words;
  if (caller.anonymous()) return words;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto delegations, PartsOf(tx, DelegationRecord(), inspection_id));
    ASSIGN_OR_RETURN(auto delegates, PartsOf(tx, DelegateRecord(), inspection_id));
    AddOthers(delegations, delegates);
    const Date today = Date::DayOf(clock_.NowMicros());
    const Delegation* last = nullptr;
    for (const auto& d : delegations) {
      if (!Names(d, caller.user_id)) continue;
      if (InForce(d, today)) return OkStatus();
      last = &d;
    }
    if (!last) return OkStatus();
    ASSIGN_OR_RETURN(Inspection i, GetInspection(tx, inspection_id));
    ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
    words = NotInForceWords(
        *last, today,
        AuthorityName(tx, inspectorates, last->delegating_inspectorate_id, std::nullopt), i.title);
    return OkStatus();
  }));
  return words;
}

}  // namespace jointly
