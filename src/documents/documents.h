// Documents and the programme as files people open in Word, LibreOffice,
// a PDF reader or Excel. Each renderer is a pure function of
// its input (no database), so it is tested and benchmarked on its own.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "domain/document.h"

namespace jointly {

// Office Open XML (WordprocessingML) in a ZIP: styled headings and
// paragraphs, programme tables whose rows never split and whose header
// repeats.
StatusOr<std::string> RenderDocx(const Document& doc);

// A4 PDF laid out with Pango and Cairo: wrapped text, tables that break
// across pages between rows, page numbers.
StatusOr<std::string> RenderPdf(const Document& doc);

// One worksheet of `rows` (the first is the header, in bold, frozen and
// filtered), columns sized to their content.
StatusOr<std::string> RenderXlsx(const std::string& sheet_name,
                                 const std::vector<std::vector<std::string>>& rows);

}  // namespace jointly
