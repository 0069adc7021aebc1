// A published report (or an embargoed copy of one, R21) as its page shows
// it: the public website's report page and the embargoed copy's page show
// the same words.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/report_document.h"

namespace jointly::web {

// title_of, by (the inspectorates in words, the lead first), sections
// (number, title, paragraphs), findings, asks_heading and asks (label,
// number, action, owner, measure, due in words): R19 says concerns for a
// report that raises them.
nlohmann::json ReportPageJson(const DraftReport& report);

}  // namespace jointly::web
