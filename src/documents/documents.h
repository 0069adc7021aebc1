// The business plan and the programme as files people open in Word,
// LibreOffice, a PDF reader or Excel. Each renderer is a pure function of
// its input (no database), so it is tested and benchmarked on its own.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "domain/plan.h"

namespace jointly {

// Office Open XML (WordprocessingML) in a ZIP: headings, paragraphs and a
// table per part of the programme, with a DRAFT marking until published.
StatusOr<std::string> RenderPlanDocx(const PlanDocument& doc);

// A4 PDF laid out with Pango and Cairo: wrapped text, tables that break
// across pages between rows, page numbers.
StatusOr<std::string> RenderPlanPdf(const PlanDocument& doc);

// One worksheet of `rows` (the first is the header, in bold, frozen and
// filtered), columns sized to their content.
StatusOr<std::string> RenderXlsx(const std::string& sheet_name,
                                 const std::vector<std::vector<std::string>>& rows);

}  // namespace jointly
