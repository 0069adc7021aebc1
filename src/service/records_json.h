// The JSON form of each record: what the API returns and what the audit
// trail stores as before/after. One place, so both always agree.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "domain/audit.h"
#include "domain/directory.h"
#include "domain/user.h"
#include "store/people_store.h"

namespace jointly {

nlohmann::json ToJson(const Inspectorate& i);
nlohmann::json ToJson(const InspectedBody& b);
// The JSON text of ToJson(b), written onto the end of `out` without
// building a tree: a page of bodies is the API's busiest answer. ToJson(b)
// is read back from this text, so the two cannot differ.
void AppendJson(std::string& out, const InspectedBody& b);
// `text` as a JSON string, as nlohmann::json writes it: UTF-8 kept as it
// is, quotes, backslashes and control characters escaped, bytes that are
// not UTF-8 replaced.
void AppendJsonString(std::string& out, std::string_view text);
nlohmann::json ToJson(const User& u);  // never includes the password hash
nlohmann::json ToJson(const ApiToken& t);
nlohmann::json ToJson(const AuditEntry& e);  // before/after parsed back to objects

}  // namespace jointly
