#include "service/records_json.h"

namespace jointly {

using nlohmann::json;

json ToJson(const Inspectorate& i) {
  return json{{"id", i.id},
              {"code", i.code},
              {"short_name", i.short_name},
              {"full_name", i.full_name},
              {"kind", InspectorateKindId(i.kind)},
              {"is_criminal_justice", i.is_criminal_justice()},
              {"closed_year", i.closed_year ? json(*i.closed_year) : json(nullptr)},
              {"findings", FindingsStyleId(i.findings)},
              {"sends_embargoed_copies", i.sends_embargoed_copies},
              {"senior_oversight_title", i.senior_oversight_title},
              {"head_name", i.head_name},
              {"head_title", i.head_title},
              {"address", i.address},
              {"website", i.website},
              {"email", i.email},
              {"queries_name", i.queries_name},
              {"version", i.version}};
}

json ToJson(const InspectedBody& b) {
  // Filled in place: an initializer list would copy every value, and this
  // runs for every row of every list.
  json j = json::object();
  j["id"] = b.id;
  j["code"] = b.code;
  j["name"] = b.name;
  j["type"] = BodyTypeId(b.type);
  j["region"] = b.region;
  j["nation"] = NationId(b.nation);
  j["in_london"] = b.in_london;
  j["active"] = b.active;
  j["version"] = b.version;
  return j;
}

json ToJson(const User& u) {
  json roles = json::array();
  for (Role r : u.roles) roles.push_back(RoleId(r));
  return json{{"id", u.id},
              {"email", u.email},
              {"name", u.name},
              {"inspectorate_id", u.inspectorate_id ? json(*u.inspectorate_id) : json(nullptr)},
              {"roles", roles},
              {"active", u.active},
              {"must_change_password", u.must_change_password},
              {"created_at", u.created_at},
              {"version", u.version}};
}

json ToJson(const ApiToken& t) {
  return json{{"id", t.id},
              {"name", t.name},
              {"prefix", t.prefix},
              {"created_at", t.created_at},
              {"revoked_at", t.revoked_at.empty() ? json(nullptr) : json(t.revoked_at)}};
}

json ToJson(const AuditEntry& e) {
  auto parse = [](const std::string& s) {
    return s.empty() ? json(nullptr) : json::parse(s, nullptr, false);
  };
  return json{{"seq", e.seq},
              {"at", e.at},
              {"actor_id", e.actor_id},
              {"actor", e.actor},
              {"action", e.action},
              {"entity_type", e.entity_type},
              {"entity_id", e.entity_id},
              {"before", parse(e.before_json)},
              {"after", parse(e.after_json)},
              {"hash", e.hash}};
}

}  // namespace jointly
