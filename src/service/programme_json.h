// The JSON form of programme records: what the API returns and what the
// audit trail stores.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "service/programme_service.h"

namespace jointly {

// The JSON text of each, written onto the end of `out` without building a
// tree: a page of the long-list is written straight from its records. Each
// ToJson below is read back from this text, so the two cannot differ.
void AppendJson(std::string& out, const Proposal& p);
void AppendJson(std::string& out, const QualifyingTestResult& t);
void AppendJson(std::string& out, const ProposalView& v);
void AppendJson(std::string& out, const ProposalScoring& s);

nlohmann::json ToJson(const Proposal& p);
nlohmann::json ToJson(const QualifyingTestResult& t);
nlohmann::json ToJson(const ProposalView& v);
nlohmann::json ToJson(const CriteriaSet& s);
nlohmann::json ToJson(const ProposalScoring& s);
nlohmann::json ToJson(const Plan& p);
nlohmann::json ToJson(const OptimiserRun& r);  // result parsed back to an object
nlohmann::json ToJson(const MinisterComment& c);

}  // namespace jointly
