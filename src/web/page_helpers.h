// What every GOV.UK page handler shares: the layout's data, rendering,
// error summaries, form fields and record history.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/audit.h"
#include "domain/directory.h"
#include "web/http.h"

namespace jointly::web {

// The layout's data: title, the active navigation item, the signed-in user
// and what they may do.
nlohmann::json Base(const RequestContext& ctx, const std::string& title, const std::string& nav);

void Html(Response& res, const std::string& page, const nlohmann::json& data, int status = 200);

// GOV.UK error summary and inline messages. Field names map to the id of
// the input they concern (usually the same).
void AddErrors(nlohmann::json& data, const Status& s);

// A form or query field, or "".
std::string Param(const Request& req, const char* name);
// The same without surrounding spaces.
std::string Field(const Request& req, const char* name);

// A GOV.UK checkbox with value "yes": true if "yes" was sent, false if
// nothing was. Any other value (what no form of ours sends) is refused,
// naming the field in `errors` (rule "yes-no"), and read as false.
bool Checked(const Request& req, const char* name, Validation& errors);

// A whole number as typed in a form ("-5", "007" is 7): more digits than a
// number holds read as the largest (or smallest) number, so the use case
// names the range with what was typed. nullopt if it is not a whole
// number at all ("lots", "1.5", "").
std::optional<int64_t> WholeNumber(std::string_view text);
// `n` as an int: the nearest one if it is beyond.
int NearestInt(int64_t n);

// `s` with each field error renamed by `to_input` from the use case's field
// ("scores.12") to the id of the form input it concerns ("score_12"), so the
// summary links and inline messages land on the right input.
Status RenameFields(const Status& s,
                    const std::function<std::string(const std::string&)>& to_input);

// Select options, `selected` marked.
nlohmann::json Options(const std::vector<std::pair<std::string, std::string>>& values,
                       const std::string& selected);

// One GOV.UK field for the `input`, `textarea` and `select` partials: its
// id (also its name), label, hint, value and any inline error from
// `data`'s field errors. Every key is set, so nothing is read from an
// enclosing section by accident.
nlohmann::json FormField(const nlohmann::json& data, const std::string& id,
                         const std::string& label, const std::string& value,
                         const std::string& hint = "", const std::string& width = "");

// Short names of every inspectorate, for labels.
struct Names {
  std::map<int64_t, std::string> name;
  std::vector<Inspectorate> all;
  std::string Of(int64_t id) const;
};
Names NamesOf(std::vector<Inspectorate> inspectorates);

// Titles of the proposals on the long-list, for labels and selects.
struct ProposalTitles {
  std::map<int64_t, std::string> title;
  std::string Of(int64_t id) const;  // "Proposal 12" if unknown
  // Select options in id order, led by `none` ("Choose", "None").
  std::vector<std::pair<std::string, std::string>> SelectOptions(const std::string& none) const;
};

// GOV.UK pagination for a list at `path` (the `pagination` partial): page
// numbers around the current one, previous and next, each link keeping the
// request's other parameters (its filters). Null when everything fits on
// one page.
nlohmann::json Pagination(const Request& req, const std::string& path, int64_t total, int64_t limit,
                          int64_t offset);

// Audit entries as rows of "what changed", oldest first.
nlohmann::json HistoryRows(const std::vector<AuditEntry>& entries);

}  // namespace jointly::web
