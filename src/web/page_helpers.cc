#include "web/page_helpers.h"

#include <algorithm>
#include <climits>
#include <cstdlib>

#include "core/text.h"
#include "service/records_json.h"
#include "web/templates.h"

namespace jointly::web {

using nlohmann::json;

json Base(const RequestContext& ctx, const std::string& title, const std::string& nav) {
  json d = {{"title", title}, {"nav_" + nav, true}};
  if (!ctx.caller.anonymous()) {
    d["user"] = {{"email", ctx.caller.email}};
    d["csrf_token"] = ctx.csrf_token;
    d["is_admin"] = Allows(ctx.caller, Permission::kManageUsers);
    d["can_edit_directory"] = Allows(ctx.caller, Permission::kEditDirectory);
    d["can_edit_reference"] = Allows(ctx.caller, Permission::kEditReferenceData);
    d["can_edit_programme"] = Allows(ctx.caller, Permission::kEditProgramme);
    d["can_score"] = Allows(ctx.caller, Permission::kScoreProposals);
    d["can_answer"] = Allows(ctx.caller, Permission::kAnswerDecisions);
  }
  return d;
}

void Html(Response& res, const std::string& page, const json& data, int status) {
  res.status = status;
  res.SetContent(RenderPage(page, data), "text/html; charset=utf-8");
}

// GOV.UK error summary and inline messages. Field names map to the id of
// the input they concern (usually the same).
void AddErrors(json& data, const Status& s) {
  json summary = json::array();
  json fields = json::object();
  for (const auto& e : s.field_errors()) {
    std::string anchor = e.field;
    if (anchor.rfind("line ", 0) == 0) anchor = "csv_file";  // CSV lines point at the upload
    summary.push_back(
        {{"href", "#" + anchor},
         {"text", e.field.rfind("line ", 0) == 0 ? e.field + ": " + e.message : e.message}});
    if (!fields.contains(anchor)) fields[anchor] = e.message;
  }
  if (summary.empty()) summary.push_back({{"text", s.message()}});
  data["errors"] = summary;
  data["has_errors"] = true;
  data["field_errors"] = fields;
}

std::string Field(const Request& req, const char* name) {
  return std::string(Trim(Param(req, name)));
}

std::string Param(const Request& req, const char* name) {
  return req.HasParam(name) ? req.Param(name) : std::string();
}

bool Checked(const Request& req, const char* name, Validation& errors) {
  const std::vector<std::string> sent = req.Params(name);
  for (const std::string& value : sent) {
    if (value != "yes") {
      errors.Add(name, "yes-no", std::string(name) + " is ticked with the value yes, or not sent");
      return false;
    }
  }
  return !sent.empty();
}

std::optional<int64_t> WholeNumber(std::string_view text) {
  const std::string_view t = Trim(text);
  const bool negative = !t.empty() && t[0] == '-';
  const std::string_view digits = t.substr(negative ? 1 : 0);
  if (digits.empty()) return std::nullopt;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  if (auto n = ParseInt(std::string(t), INT64_MIN, INT64_MAX)) return n;
  return negative ? INT64_MIN : INT64_MAX;
}

int NearestInt(int64_t n) { return static_cast<int>(std::clamp<int64_t>(n, INT32_MIN, INT32_MAX)); }

Status RenameFields(const Status& s,
                    const std::function<std::string(const std::string&)>& to_input) {
  Status out(s.code(), s.message(), s.rule());
  for (const auto& e : s.field_errors()) out.AddFieldError(to_input(e.field), e.rule, e.message);
  return out;
}

json Options(const std::vector<std::pair<std::string, std::string>>& values,
             const std::string& selected) {
  json out = json::array();
  for (const auto& [value, label] : values) {
    out.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
  }
  return out;
}

json FormField(const json& data, const std::string& id, const std::string& label,
               const std::string& value, const std::string& hint, const std::string& width) {
  const std::string error = data.value("field_errors", json::object()).value(id, "");
  std::string described_by = hint.empty() ? "" : id + "-hint";
  if (!error.empty()) described_by += (described_by.empty() ? "" : " ") + id + "-error";
  return {{"id", id},       {"label", label},          {"value", value},
          {"hint", hint},   {"error", error},          {"described_by", described_by},
          {"width", width}, {"options", json::array()}};
}

std::string Names::Of(int64_t id) const {
  auto it = name.find(id);
  return it == name.end() ? "inspectorate " + std::to_string(id) : it->second;
}

std::string ProposalTitles::Of(int64_t id) const {
  auto it = title.find(id);
  return it == title.end() ? "Proposal " + std::to_string(id) : it->second;
}

std::vector<std::pair<std::string, std::string>> ProposalTitles::SelectOptions(
    const std::string& none) const {
  std::vector<std::pair<std::string, std::string>> out = {{"", none}};
  for (const auto& [id, t] : title) out.emplace_back(std::to_string(id), t);
  return out;
}

Names NamesOf(std::vector<Inspectorate> inspectorates) {
  Names n;
  n.all = std::move(inspectorates);
  for (const auto& i : n.all) n.name[i.id] = i.short_name;
  return n;
}

std::string Show(const json& v) {
  if (v.is_null()) return "(none)";
  if (v.is_string()) return v.get<std::string>().empty() ? "(blank)" : v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  return v.dump();
}

// Audit entries as rows of "what changed", oldest first.
json HistoryRows(const std::vector<AuditEntry>& entries) {
  json rows = json::array();
  for (const auto& e : entries) {
    json entry = ToJson(e);
    json changes = json::array();
    const json& before = entry["before"];
    const json& after = entry["after"];
    if (after.is_object()) {
      for (auto it = after.begin(); it != after.end(); ++it) {
        if (it.key() == "version" || it.key() == "id") continue;
        const json old = before.is_object() ? before.value(it.key(), json()) : json();
        if (before.is_object() && old == it.value()) continue;
        changes.push_back({{"field", it.key()},
                           {"text", before.is_object() ? Show(old) + " → " + Show(it.value())
                                                       : Show(it.value())}});
      }
    }
    rows.push_back({{"seq", e.seq},
                    {"at", e.at},
                    {"actor", e.actor},
                    {"action", e.action},
                    {"changes", changes}});
  }
  return rows;
}

nlohmann::json Pagination(const Request& req, const std::string& path, int64_t total, int64_t limit,
                          int64_t offset) {
  std::string filters;
  for (const auto& [name, value] : req.params) {
    if (name == "offset" || name == "limit" || value.empty()) continue;
    filters += "&" + EncodeQueryParam(name) + "=" + EncodeQueryParam(value);
  }
  const int64_t pages = (total + limit - 1) / limit;
  const int64_t current = offset / limit;
  if (pages <= 1) return nullptr;
  auto href = [&](int64_t p) { return path + "?offset=" + std::to_string(p * limit) + filters; };
  nlohmann::json items = nlohmann::json::array();
  for (int64_t p = 0; p < pages; ++p) {
    if (p != 0 && p != pages - 1 && std::abs(p - current) > 2) {
      // One ellipsis for each run of pages left out; the loop jumps over it.
      if (items.empty() || !items.back().contains("ellipsis"))
        items.push_back({{"ellipsis", true}});
      p = p < current ? current - 3 : pages - 2;
      continue;
    }
    items.push_back({{"number", p + 1}, {"current", p == current}, {"href", href(p)}});
  }
  nlohmann::json out = {{"items", items}};
  if (current > 0) out["previous"] = href(std::min(current - 1, pages - 1));
  if (current + 1 < pages) out["next"] = href(current + 1);
  return out;
}

}  // namespace jointly::web
