// The JSON form of programme records: what the API returns and what the
// audit trail stores.
#pragma once

#include <nlohmann/json.hpp>

#include "service/programme_service.h"

namespace jointly {

nlohmann::json ToJson(const Proposal& p);
nlohmann::json ToJson(const QualifyingTestResult& t);
nlohmann::json ToJson(const ProposalView& v);
nlohmann::json ToJson(const CriteriaSet& s);
nlohmann::json ToJson(const ProposalScoring& s);
nlohmann::json ToJson(const Plan& p);
nlohmann::json ToJson(const OptimiserRun& r);  // result parsed back to an object
nlohmann::json ToJson(const MinisterComment& c);

}  // namespace jointly
