// WordprocessingML written directly (the format is XML in a ZIP); libzip
// builds the package in memory.
#include <zip.h>

#include <ctime>
#include <memory>

#include "core/xml.h"
#include "documents/documents.h"

namespace jointly {
namespace {

std::string Run(std::string_view text, bool bold = false) {
  return std::string("<w:r>") + (bold ? "<w:rPr><w:b/></w:rPr>" : "") +
         "<w:t xml:space=\"preserve\">" + XmlText(text) + "</w:t></w:r>";
}

std::string Paragraph(std::string_view text, std::string_view style = {}, bool bold = false,
                      bool keep_with_next = false) {
  std::string out = "<w:p>";
  if (!style.empty() || keep_with_next) {
    out += "<w:pPr>";
    if (!style.empty()) out += "<w:pStyle w:val=\"" + std::string(style) + "\"/>";
    if (keep_with_next) out += "<w:keepNext/>";
    out += "</w:pPr>";
  }
  return out + Run(text, bold) + "</w:p>";
}

std::string Cell(const std::string& content, int width, bool header = false) {
  std::string out = "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
  if (header) out += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"DEE0E2\"/>";
  return out + "</w:tcPr>" + content + "</w:tc>";
}

constexpr int kSubjectWidth = 5200;
constexpr int kLeadWidth = 1900;
constexpr int kOthersWidth = 1926;

std::string Table(const std::vector<ProgrammeRow>& rows, const std::string& lead_header) {
  std::string out =
      "<w:tbl><w:tblPr><w:tblStyle w:val=\"ProgrammeTable\"/><w:tblW w:w=\"9026\" "
      "w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
      "<w:gridCol w:w=\"5200\"/><w:gridCol w:w=\"1900\"/><w:gridCol w:w=\"1926\"/></w:tblGrid>";
  out += "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" +
         Cell(Paragraph("Subject", {}, true), kSubjectWidth, true) +
         Cell(Paragraph(lead_header, {}, true), kLeadWidth, true) +
         Cell(Paragraph("Others involved", {}, true), kOthersWidth, true) + "</w:tr>";
  for (const auto& row : rows) {
    std::string subject = Paragraph(row.subject, {}, true);
    if (!row.description.empty()) subject += Paragraph(row.description);
    subject += Paragraph(row.type + ", " + row.timing, "Timing");
    out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + Cell(subject, kSubjectWidth) +
           Cell(Paragraph(row.lead), kLeadWidth) +
           Cell(Paragraph(row.others.empty() ? "None" : row.others), kOthersWidth) + "</w:tr>";
  }
  return out + "</w:tbl>";
}

std::string DocumentXml(const Document& doc) {
  using Kind = DocumentBlock::Kind;
  std::string body;
  for (const auto& b : doc.blocks) {
    switch (b.kind) {
      case Kind::kTitle:
        body += Paragraph(b.text, "Title");
        break;
      case Kind::kDraft:
        body += Paragraph(b.text, "Draft");
        break;
      case Kind::kHeading1:
        body += Paragraph(b.text, "Heading1");
        break;
      case Kind::kHeading2:
        body += Paragraph(b.text, "Heading2");
        break;
      case Kind::kParagraph:
        body += Paragraph(b.text, {}, false, b.keep_with_next);
        break;
      case Kind::kBold:
        body += Paragraph(b.text, {}, true, b.keep_with_next);
        break;
      case Kind::kLine:
        body += Paragraph(b.text, "Line", false, b.keep_with_next);
        break;
      case Kind::kNumbered:
        body += "<w:p><w:pPr><w:pStyle w:val=\"ListNumbered\"/></w:pPr>" + Run(b.label, true) +
                Run(": " + b.text) + "</w:p>";
        break;
      case Kind::kPoint:
        body += "<w:p><w:pPr><w:pStyle w:val=\"Point\"/></w:pPr>" + Run(b.label) +
                "<w:r><w:tab/></w:r>" + Run(b.text) + "</w:p>";
        break;
      case Kind::kContents:
        body += b.label.empty() ? Paragraph(b.text, "Contents", true)
                                : "<w:p><w:pPr><w:pStyle w:val=\"ContentsEntry\"/></w:pPr>" +
                                      Run(b.label) + "<w:r><w:tab/></w:r>" + Run(b.text) + "</w:p>";
        break;
      case Kind::kNote:
        body += Paragraph(b.text, "Note");
        break;
      case Kind::kProgramme:
        body += Table(b.rows, b.label) + Paragraph("");
        break;
      case Kind::kPageBreak:
        body += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>";
        break;
    }
  }
  // The marking's header and footer parts (MarkingPart), on every page.
  const std::string marked = doc.marking.empty()
                                 ? ""
                                 : "<w:headerReference w:type=\"default\" r:id=\"rId2\"/>"
                                   "<w:footerReference w:type=\"default\" r:id=\"rId3\"/>";
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
         "<w:body>" +
         body + "<w:sectPr>" + marked +
         "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" "
         "w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\" "
         "w:gutter=\"0\"/></w:sectPr></w:body></w:document>";
}

// A header ("hdr") or footer ("ftr") holding the marking, bold and centred.
std::string MarkingPart(const char* element, const std::string& marking) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:") +
         element +
         " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
         "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>" +
         Run(marking, true) + "</w:p></w:" + element + ">";
}

constexpr const char* kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>";

constexpr const char* kMarkingTypes =
    "<Override PartName=\"/word/header1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>";

constexpr const char* kPackageRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
    "core-properties\" Target=\"docProps/core.xml\"/>"
    "</Relationships>";

constexpr const char* kDocumentRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/>";

constexpr const char* kMarkingRels =
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" "
    "Target=\"header1.xml\"/>"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" "
    "Target=\"footer1.xml\"/>";

// Arial throughout; GOV.UK-like sizes; a table style with thin borders.
constexpr const char* kStyles =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" "
    "w:cs=\"Arial\" w:eastAsia=\"Arial\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>"
    "<w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing "
    "w:after=\"160\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
    "w:val=\"Normal\"/><w:qFormat/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn "
    "w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"240\"/></w:pPr><w:rPr><w:b/>"
    "<w:sz w:val=\"48\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Draft\"><w:name w:val=\"Draft\"/><w:basedOn "
    "w:val=\"Normal\"/><w:rPr><w:b/><w:color w:val=\"D4351C\"/><w:sz w:val=\"28\"/></w:rPr>"
    "</w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
    "<w:spacing w:before=\"360\" w:after=\"160\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr>"
    "<w:b/><w:sz w:val=\"36\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
    "<w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr>"
    "<w:b/><w:sz w:val=\"28\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Timing\"><w:name w:val=\"Timing\"/><w:basedOn "
    "w:val=\"Normal\"/><w:rPr><w:color w:val=\"505A5F\"/><w:sz w:val=\"18\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"ListNumbered\"><w:name w:val=\"List Numbered\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:ind w:left=\"360\" w:hanging=\"360\"/></w:pPr>"
    "</w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Point\"><w:name w:val=\"Numbered Point\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/>"
    "</w:tabs><w:ind w:left=\"720\" w:hanging=\"720\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Contents\"><w:name w:val=\"Contents\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"120\" w:after=\"60\"/></w:pPr>"
    "</w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"ContentsEntry\"><w:name w:val=\"Contents "
    "Entry\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:tabs><w:tab w:val=\"left\" "
    "w:pos=\"1080\"/></w:tabs><w:spacing w:after=\"60\"/><w:ind w:left=\"1080\" "
    "w:hanging=\"720\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Line\"><w:name w:val=\"Line\"/><w:basedOn "
    "w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Note\"><w:name w:val=\"Note\"/><w:basedOn "
    "w:val=\"Normal\"/><w:rPr><w:color w:val=\"505A5F\"/><w:sz w:val=\"18\"/></w:rPr></w:style>"
    "<w:style w:type=\"table\" w:styleId=\"ProgrammeTable\"><w:name w:val=\"Programme Table\"/>"
    "<w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:color=\"B1B4B6\"/><w:left "
    "w:val=\"single\" w:sz=\"4\" w:color=\"B1B4B6\"/><w:bottom w:val=\"single\" w:sz=\"4\" "
    "w:color=\"B1B4B6\"/><w:right w:val=\"single\" w:sz=\"4\" w:color=\"B1B4B6\"/><w:insideH "
    "w:val=\"single\" w:sz=\"4\" w:color=\"B1B4B6\"/><w:insideV w:val=\"single\" w:sz=\"4\" "
    "w:color=\"B1B4B6\"/></w:tblBorders><w:tblCellMar><w:top w:w=\"80\" w:type=\"dxa\"/>"
    "<w:left w:w=\"100\" w:type=\"dxa\"/><w:bottom w:w=\"80\" w:type=\"dxa\"/><w:right "
    "w:w=\"100\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
    "</w:styles>";

std::string CoreXml(const Document& doc) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<cp:coreProperties "
         "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
         "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>" +
         XmlText(doc.title) + "</dc:title><dc:creator>Jointly</dc:creator></cp:coreProperties>";
}

// 2 January 1980, the start of ZIP time wherever the server's clock is set.
constexpr time_t kPartTime = 315619200;

}  // namespace

StatusOr<std::string> DocxRenderer::Render(const Document& doc) const {
  const bool marked = !doc.marking.empty();
  std::vector<std::pair<const char*, std::string>> parts = {
      {"[Content_Types].xml",
       std::string(kContentTypes) + (marked ? kMarkingTypes : "") + "</Types>"},
      {"_rels/.rels", kPackageRels},
      {"docProps/core.xml", CoreXml(doc)},
      {"word/_rels/document.xml.rels",
       std::string(kDocumentRels) + (marked ? kMarkingRels : "") + "</Relationships>"},
      {"word/styles.xml", kStyles},
      {"word/document.xml", DocumentXml(doc)},
  };
  if (marked) {
    parts.emplace_back("word/header1.xml", MarkingPart("hdr", doc.marking));
    parts.emplace_back("word/footer1.xml", MarkingPart("ftr", doc.marking));
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) return Internal("Could not start the DOCX package");
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!archive) {
    zip_source_free(buffer);
    return Internal("Could not start the DOCX package");
  }
  zip_source_keep(buffer);  // read it back after zip_close
  for (const auto& [name, content] : parts) {
    zip_source_t* s = zip_source_buffer(archive, content.data(), content.size(), 0);
    const zip_int64_t index = s ? zip_file_add(archive, name, s, ZIP_FL_ENC_UTF_8) : -1;
    // The same document gives the same file: each part is stamped with one
    // fixed time rather than the moment it was packed.
    if (index < 0 ||
        zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), kPartTime, 0) < 0) {
      if (s && index < 0) zip_source_free(s);
      zip_discard(archive);
      zip_source_free(buffer);
      return Internal(std::string("Could not add ") + name + " to the DOCX package");
    }
  }
  if (zip_close(archive) < 0) {
    zip_discard(archive);
    zip_source_free(buffer);
    return Internal("Could not finish the DOCX package");
  }
  std::string out;
  zip_stat_t st;
  if (zip_source_open(buffer) < 0 || zip_source_stat(buffer, &st) < 0) {
    zip_source_free(buffer);
    return Internal("Could not read the DOCX package back");
  }
  out.resize(st.size);
  const zip_int64_t read = zip_source_read(buffer, out.data(), st.size);
  zip_source_close(buffer);
  zip_source_free(buffer);
  if (read < 0 || static_cast<zip_uint64_t>(read) != st.size) {
    return Internal("Could not read the DOCX package back");
  }
  return out;
}

}  // namespace jointly
