#include "documents/documents.h"

namespace jointly {

const DocumentRenderer* RendererFor(std::string_view format) {
  static const DocxRenderer docx;
  static const PdfRenderer pdf;
  if (format == docx.format()) return &docx;
  if (format == pdf.format()) return &pdf;
  return nullptr;
}

}  // namespace jointly
