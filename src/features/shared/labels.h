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

// Who declined a joint decision and why, one sentence each: "Jane Smith
// declined for HMICFRS: not enough notice." `inspectorates` and `people`
// name them by id. Every page that shows a declined decision says it so.
std::vector<std::string> DeclinedWords(const JointDecision& decision,
                                       const std::map<int64_t, std::string>& inspectorates,
                                       const std::map<int64_t, std::string>& people);

// A declined joint decision as the subject pages show it (the declined
// partial): what was asked, who declined it and why (DeclinedWords), and
// where every answer is; `anchor` is the block's id on the page.
nlohmann::json DeclinedPanel(const StoredDecision& d,
                             const std::vector<Inspectorate>& inspectorates,
                             const std::map<int64_t, std::string>& people,
                             const std::string& anchor);

// Where what a joint decision is about is changed, and so where it is
// asked again once declined: its subject's page ("/runs/7").
std::string SubjectPageOf(const DecisionView& v);

}  // namespace jointly::web
