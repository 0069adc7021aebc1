// The pages of delegated authority (R23): the functions delegated on an
// inspection, listed on its team page, the form the delegating
// inspectorate's Chief Inspector (or an administrator) delegates one with,
// and revoking one.
#include <algorithm>

#include "features/inspection/inspection_feature.h"
#include "features/inspection/inspection_page_parts.h"
#include "web/record_form.h"

namespace jointly::web {

using nlohmann::json;
using namespace inspection_pages;  // NOLINT(google-build-using-namespace)

namespace {

std::string NameOf(const InspectionView& v, int64_t user) {
  auto it = v.people.find(user);
  return it == v.people.end() ? std::string("Someone no longer listed") : it->second;
}

// The people `d` names, in words: "Cara Jones and Dev Patel".
std::string PeopleOf(const InspectionView& v, const Delegation& d) {
  std::vector<std::string> names = {NameOf(v, d.user_id)};
  for (int64_t other : d.others) names.push_back(NameOf(v, other));
  return InWordsList(names);
}

std::string ReceivingName(const InspectionView& v, const Delegation& d) {
  if (d.receiving_inspectorate_id) return FullName(v.inspectorates, *d.receiving_inspectorate_id);
  if (d.receiving_body_id) {
    auto it = v.delegation_bodies.find(*d.receiving_body_id);
    if (it != v.delegation_bodies.end()) return it->second;
  }
  return "Another public authority";
}

}  // namespace

namespace inspection_pages {

void DelegationsPart(json& d, const InspectionView& v) {
  json rows = json::array();
  for (const auto& x : v.delegations) {
    const bool in_force = v.delegations_in_force.count(x.id) > 0;
    std::string state = in_force ? "In force" : "Ended";
    if (!x.revoked_on.empty()) state = "Revoked on " + InWords(x.revoked_on);
    rows.push_back({{"did", x.id},
                    {"from", FullName(v.inspectorates, x.delegating_inspectorate_id)},
                    {"to", ReceivingName(v, x)},
                    {"function", DelegatedFunctionLabel(x.function)},
                    {"person", PeopleOf(v, x)},
                    {"scope", x.scope},
                    {"authorised", NameOf(v, x.authorised_by) + ", " + InWords(x.authorised_on)},
                    {"ends", x.ends_on.empty() ? "When the inspection ends" : InWords(x.ends_on)},
                    {"state", state},
                    {"in_force", in_force},
                    {"version", x.version},
                    {"may_revoke", in_force && v.may_delegate}});
  }
  d["delegations"] = rows;
  d["has_delegations"] = !rows.empty();
  d["may_delegate"] = v.may_delegate;
}

void DelegationPage(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  d["title"] = "Delegate a function: " + v.inspection.title;
  d["may_delegate"] = v.may_delegate;
  const bool this_form = in.sent && in.form == "delegation";
  Typed typed;
  Delegation record;
  if (this_form) (void)ReadRecordForm(DelegationRecord(), in.req, record, typed);
  AddRecordFields(d, DelegationRecord(), record, typed);
  std::vector<std::pair<std::string, std::string>> from = {{"", "Choose an inspectorate"}};
  std::vector<std::pair<std::string, std::string>> to = {{"", "Not an inspectorate"}};
  for (const auto& i : v.inspectorates) {
    // Only the inspectorates the caller may delegate for (MayDelegateFor).
    if (std::find(v.delegates_for.begin(), v.delegates_for.end(), i.id) != v.delegates_for.end()) {
      from.emplace_back(std::to_string(i.id), i.short_name);
    }
    if (MayReceiveDelegation(i)) to.emplace_back(std::to_string(i.id), i.short_name);
  }
  std::vector<std::pair<std::string, std::string>> bodies = {{"", "Not another authority"}};
  if (v.may_delegate) {
    for (const auto& b : in.site_choices()) bodies.emplace_back(std::to_string(b.id), b.name);
  }
  std::vector<std::pair<std::string, std::string>> people = {{"", "Choose a person"}};
  for (const auto& p : v.delegation_candidates) {
    const std::string of =
        p.inspectorate_id ? FullName(v.inspectorates, *p.inspectorate_id) : "no inspectorate";
    people.emplace_back(std::to_string(p.id), p.name + " (" + of + ")");
  }
  auto typed_of = [&](const char* field) { return this_form ? Param(in.req, field) : ""; };
  d["f_delegating_inspectorate_id"]["options"] =
      Options(from, typed_of("delegating_inspectorate_id"));
  d["f_receiving_inspectorate_id"]["options"] = Options(to, typed_of("receiving_inspectorate_id"));
  d["f_receiving_body_id"]["options"] = Options(bodies, typed_of("receiving_body_id"));
  d["f_user_id"]["options"] = Options(people, typed_of("user_id"));
  // Someone else to exercise a delegation in force (R23).
  const bool other_form = in.sent && in.form == "delegate";
  auto typed_other = [&](const char* field) { return other_form ? Param(in.req, field) : ""; };
  std::vector<std::pair<std::string, std::string>> in_force = {{"", "Choose a delegation"}};
  for (const auto& x : v.delegations) {
    if (!v.delegations_in_force.count(x.id)) continue;
    in_force.emplace_back(std::to_string(x.id),
                          std::string(DelegatedFunctionLabel(x.function)) + " for " +
                              FullName(v.inspectorates, x.delegating_inspectorate_id) + ": " +
                              PeopleOf(v, x) + " (delegation " + std::to_string(x.id) + ")");
  }
  d["may_name_others"] = v.may_delegate && in_force.size() > 1;
  d["f_delegate_delegation"] =
      FormField(d, "delegate_delegation", "Delegation", typed_other("delegate_delegation"));
  d["f_delegate_delegation"]["options"] = Options(in_force, typed_other("delegate_delegation"));
  d["f_delegate_user_id"] = FormField(
      d, "delegate_user_id", "Person who also exercises it", typed_other("delegate_user_id"),
      "Someone of the authority it is delegated to, who is not named by it already");
  d["f_delegate_user_id"]["options"] = Options(people, typed_other("delegate_user_id"));
}

const std::vector<FormAction> kDelegationForms = {
    {"delegation", "/team#delegations",
     [](const FormInput& in) {
       return AddFromForm(DelegationRecord(), in.req, [&](const Delegation& x) {
         return in.inspections.AddDelegation(in.caller, in.id, x);
       });
     }},
    {"delegate", "/team#delegations",
     [](const FormInput& in) {
       const auto delegation = ParseInt(Param(in.req, "delegate_delegation"), 1, INT64_MAX);
       const auto user = ParseInt(Param(in.req, "delegate_user_id"), 1, INT64_MAX);
       Status missing = InvalidArgument("Choose the delegation and the person", "required");
       if (!delegation) {
         missing.AddFieldError("delegate_delegation", "required", "Choose a delegation in force");
       }
       if (!user) missing.AddFieldError("delegate_user_id", "required", "Choose a person");
       if (!missing.field_errors().empty()) return missing;
       Delegate x;
       x.user_id = *user;
       Status s = in.inspections.AddDelegate(in.caller, *delegation, x).status();
       return RenameFields(s, [](const std::string& field) {
         return field == "user_id" ? std::string("delegate_user_id") : field;
       });
     }},
    {"delegation_revoke", "/team#delegations",
     [](const FormInput& in) {
       auto part = PathId(in.req, 2);
       if (!part) return NotFound("No such delegation");
       return in.inspections.RevokeDelegation(in.caller, *part, in.Version()).status();
     }},
};

}  // namespace inspection_pages

}  // namespace jointly::web
