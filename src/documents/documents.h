// Documents and the programme as files people open in Word, LibreOffice,
// a PDF reader or Excel. Each renderer is a pure function of
// its input (no database), so it is tested and benchmarked on its own.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/document.h"

namespace jointly {

// Turns any Document into the bytes of one kind of file. Implementations:
// DocxRenderer and PdfRenderer below; tests use tests/fakes/fake_renderer.h.
class DocumentRenderer {
 public:
  virtual ~DocumentRenderer() = default;
  // The format as named in URLs and file extensions: "docx", "pdf".
  virtual std::string_view format() const = 0;
  // The file's media type, for Content-Type.
  virtual std::string_view media_type() const = 0;
  // The file. Internal if the library underneath fails. Thread-safe.
  virtual StatusOr<std::string> Render(const Document& doc) const = 0;
};

// Office Open XML (WordprocessingML) in a ZIP: styled headings and
// paragraphs, programme tables whose rows never split and whose header
// repeats.
class DocxRenderer final : public DocumentRenderer {
 public:
  std::string_view format() const override { return "docx"; }
  std::string_view media_type() const override {
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  StatusOr<std::string> Render(const Document& doc) const override;
};

// A4 PDF laid out with Pango and Cairo: wrapped text, tables that break
// across pages between rows, page numbers.
class PdfRenderer final : public DocumentRenderer {
 public:
  std::string_view format() const override { return "pdf"; }
  std::string_view media_type() const override { return "application/pdf"; }
  StatusOr<std::string> Render(const Document& doc) const override;
};

// The renderer for `format` ("docx" or "pdf"), or nullptr for any other.
const DocumentRenderer* RendererFor(std::string_view format);

// One worksheet of `rows` (the first is the header, in bold, frozen and
// filtered), columns sized to their content.
StatusOr<std::string> RenderXlsx(const std::string& sheet_name,
                                 const std::vector<std::vector<std::string>>& rows);

}  // namespace jointly
