#include "service/record_service.h"

#include <algorithm>

#include "store/audit_store.h"

namespace jointly {

using nlohmann::json;

std::string NowText(const Clock& clock) { return FormatTimestamp(clock.NowMicros()); }

Date DayToday(const Clock& clock) { return Date::DayOf(clock.NowMicros()); }

Status ConflictDetail(Database& db, Status stale, const std::string& entity_type, int64_t id,
                      int64_t seen_version,
                      const std::function<StatusOr<json>(Transaction&)>& current) {
  json now;
  json changes = json::array();
  Status read = db.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(now, current(tx));
    ASSIGN_OR_RETURN(auto history, AuditOf(tx, entity_type, id));
    for (const AuditEntry& e : history) {
      const json after = json::parse(e.after_json, nullptr, false);
      if (!after.is_object() || after.value("version", int64_t{0}) <= seen_version) continue;
      const json before = json::parse(e.before_json, nullptr, false);
      json fields = json::array();
      json values = json::array();
      for (auto it = after.begin(); it != after.end(); ++it) {
        if (it.key() == "version") continue;
        const json old = before.is_object() ? before.value(it.key(), json()) : json();
        if (!before.is_object() || old != it.value()) {
          fields.push_back(it.key());
          values.push_back({{"field", it.key()}, {"from", old}, {"to", it.value()}});
        }
      }
      changes.push_back(json{{"at", e.at},
                             {"by", e.actor},
                             {"fields", fields},
                             {"values", values},
                             {"version", after["version"]}});
    }
    return OkStatus();
  });
  if (!read.ok()) return stale;
  // The detail names the fields changed since, once each, in the order
  // they changed.
  std::vector<std::string> named;
  for (const auto& c : changes) {
    for (const auto& f : c["fields"]) {
      const std::string field = f.get<std::string>();
      if (std::find(named.begin(), named.end(), field) == named.end()) named.push_back(field);
    }
  }
  if (!named.empty()) {
    std::string message = stale.message() + ". Changed since your version: ";
    for (size_t i = 0; i < named.size(); ++i) message += (i ? ", " : "") + named[i];
    stale = Status(stale.code(), message, stale.rule());
  }
  stale.SetDetailJson(
      json{{"entity", entity_type}, {"current", now}, {"changes_since_your_version", changes}}
          .dump());
  return stale;
}

}  // namespace jointly
