// The pages of delegated authority (R23): the functions delegated on an
// inspection, listed on its team page, the form the delegating
// inspectorate's Chief Inspector (or an administrator) delegates one with,
// and revoking one.
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
                    {"person", NameOf(v, x.user_id)},
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
    if (Participates(v.inspection, i.id)) {
      from.emplace_back(std::to_string(i.id), i.short_name);
    }
    if (i.is_open()) to.emplace_back(std::to_string(i.id), i.short_name);
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
}

const std::vector<FormAction> kDelegationForms = {
    {"delegation", "/team#delegations",
     [](const FormInput& in) {
       return AddFromForm(DelegationRecord(), in.req, [&](const Delegation& x) {
         return in.inspections.AddDelegation(in.caller, in.id, x);
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
