// Labels that several features' pages show: inspectorates' short names and
// proposals' titles, read for the caller.
#pragma once

#include "service/directory_service.h"
#include "service/programme_service.h"
#include "web/page_helpers.h"

namespace jointly::web {

// Every inspectorate's short name (none if the caller may not list them).
Names NamesFor(DirectoryService& directory, const Caller& caller);
// Every proposal's title (none if the caller may not list proposals).
ProposalTitles ProposalTitlesFor(ProgrammeService& programme, const Caller& caller);

}  // namespace jointly::web
