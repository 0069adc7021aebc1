// Labels that several features' pages show: inspectorates' short names and
// proposals' titles, read for the caller.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "domain/joint_decision.h"
#include "service/directory_service.h"
#include "service/programme_service.h"
#include "web/page_helpers.h"

namespace jointly::web {

// Every inspectorate's short name (none if the caller may not list them).
Names NamesFor(DirectoryService& directory, const Caller& caller);
// Every proposal's title (none if the caller may not list proposals).
ProposalTitles ProposalTitlesFor(ProgrammeService& programme, const Caller& caller);

// Who declined a joint decision and why, one sentence each: "HMICFRS
// declined (Jane Smith): not enough notice." `inspectorates` and `people`
// name them by id.
std::vector<std::string> DeclinedWords(const JointDecision& decision,
                                       const std::map<int64_t, std::string>& inspectorates,
                                       const std::map<int64_t, std::string>& people);

}  // namespace jointly::web
