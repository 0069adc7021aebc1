#include "service/records_json.h"

#include <algorithm>
#include <string_view>

#include "core/text.h"

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
              {"sponsoring_department", i.sponsoring_department},
              {"version", i.version}};
}

void AppendJsonString(std::string& out, std::string_view text) {
  const bool plain = std::none_of(text.begin(), text.end(), [](char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
  });
  if (plain && IsValidUtf8(text)) {
    out += '"';
    out += text;
    out += '"';
    return;
  }
  out += json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
}

void AppendJson(std::string& out, const InspectedBody& b) {
  // Members by name, the order nlohmann::json keeps them in.
  out += "{\"active\":";
  out += b.active ? "true" : "false";
  out += ",\"address\":";
  AppendJsonString(out, b.address);
  out += ",\"code\":";
  AppendJsonString(out, b.code);
  out += ",\"id\":";
  out += std::to_string(b.id);
  out += ",\"in_london\":";
  out += b.in_london ? "true" : "false";
  out += ",\"name\":";
  AppendJsonString(out, b.name);
  out += ",\"nation\":";
  AppendJsonString(out, NationId(b.nation));
  out += ",\"region\":";
  AppendJsonString(out, b.region);
  out += ",\"type\":";
  AppendJsonString(out, BodyTypeId(b.type));
  out += ",\"version\":";
  out += std::to_string(b.version);
  out += '}';
}

json ToJson(const InspectedBody& b) {
  std::string text;
  AppendJson(text, b);
  return json::parse(text);
}

json ToJson(const User& u) {
  json roles = json::array();
  for (Role r : u.roles) roles.push_back(RoleId(r));
  return json{{"id", u.id},
              {"email", u.email},
              {"name", u.name},
              {"inspectorate_id", u.inspectorate_id ? json(*u.inspectorate_id) : json(nullptr)},
              {"owner_id", u.owner_id ? json(*u.owner_id) : json(nullptr)},
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
