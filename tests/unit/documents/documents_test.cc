// The business plan files: a DOCX Word can open (a ZIP with the parts Word
// needs, the text escaped), a PDF with every work stream, an XLSX.
#include "documents/documents.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <ctime>

#include "domain/plan.h"

namespace jointly {
namespace {

PlanDocument Sample() {
  PlanDocument doc;
  doc.title = "Joint inspection business plan 2017-18";
  doc.year_label = "2017-18";
  doc.status_line = "Draft";
  doc.introduction = {"Intro <with> & marks"};
  doc.context = {{"The landscape for joint inspection", {"Context"}}};
  PlanDocument::Part part;
  part.heading = "Continuing commitments";
  part.intro = "Ongoing work";
  for (int i = 0; i < 40; ++i) {  // enough rows to break across pages
    part.rows.push_back({"Subject " + std::to_string(i), "HMICFRS & HMI Prisons", "CQC",
                         std::string(400, 'x'), "Core (rolling) inspection", "2017-18 Q1"});
  }
  doc.parts.push_back(part);
  PlanDocument::Part other;
  other.heading = "Other programmes of work";
  other.intro = "Development work";
  other.lead_header = "Lead body";
  other.rows.push_back(
      {"Shared training", "CJJI Development Group", "", "", "Other", "2017-18 Q1"});
  doc.parts.push_back(other);
  doc.principles = {{"Purpose of improvement", "Help services improve"}};
  return doc;
}

std::string Entry(const std::string& archive, const char* name) {
  zip_error_t error;
  zip_source_t* src = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &error);
  if (!z) return {};
  std::string out;
  if (zip_file_t* f = zip_fopen(z, name, 0)) {
    char buffer[4096];
    for (zip_int64_t n; (n = zip_fread(f, buffer, sizeof buffer)) > 0;) out.append(buffer, n);
    zip_fclose(f);
  }
  zip_close(z);
  return out;
}

TEST(Documents, DocxHasTheWordPartsAndEscapedText) {
  auto docx = DocxRenderer().Render(ToDocument(Sample()));
  ASSERT_TRUE(docx.ok()) << docx.status().ToString();
  EXPECT_NE(Entry(*docx, "[Content_Types].xml").find("wordprocessingml.document.main"),
            std::string::npos);
  const std::string body = Entry(*docx, "word/document.xml");
  EXPECT_NE(body.find("Intro &lt;with&gt; &amp; marks"), std::string::npos);
  EXPECT_NE(body.find("HMICFRS &amp; HMI Prisons"), std::string::npos);
  EXPECT_NE(body.find("Subject 39"), std::string::npos);
  EXPECT_NE(body.find("DRAFT"), std::string::npos);
  EXPECT_EQ(body.find("DRAFT:"), std::string::npos);
  // Numbered paragraphs hang their number; a joint body's part heads its
  // lead column "Lead body".
  EXPECT_NE(body.find("<w:pStyle w:val=\"Point\"/></w:pPr><w:r><w:t xml:space=\"preserve\">1.1<"),
            std::string::npos);
  EXPECT_NE(body.find(">Lead body<"), std::string::npos);
  EXPECT_NE(body.find(">CJJI Development Group<"), std::string::npos);
  EXPECT_NE(body.find("ContentsEntry"), std::string::npos);
  EXPECT_FALSE(Entry(*docx, "word/styles.xml").empty());
}

// A document's file does not record when it was made, so a published
// plan's Word copy downloads the same bytes every time.
TEST(Documents, DocxPartsCarryOneFixedTime) {
  auto docx = DocxRenderer().Render(ToDocument(Sample()));
  ASSERT_TRUE(docx.ok()) << docx.status().ToString();
  zip_error_t error;
  zip_source_t* src = zip_source_buffer_create(docx->data(), docx->size(), 0, &error);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &error);
  ASSERT_NE(z, nullptr);
  ASSERT_GT(zip_get_num_entries(z, 0), 0);
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
    zip_stat_t st;
    ASSERT_EQ(zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st), 0);
    std::tm tm{};
    const time_t when = st.mtime;
    localtime_r(&when, &tm);
    EXPECT_EQ(tm.tm_year + 1900, 1980) << st.name;
  }
  zip_close(z);
}

TEST(Documents, PdfIsAPdfOfSeveralPages) {
  auto pdf = PdfRenderer().Render(ToDocument(Sample()));
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  size_t pages = 0;
  for (size_t pos = 0; (pos = pdf->find("/Type /Page\n", pos)) != std::string::npos; ++pos) ++pages;
  for (size_t pos = 0; (pos = pdf->find("/Type /Page ", pos)) != std::string::npos; ++pos) ++pages;
  EXPECT_GE(pages, 3u);
}

// A tagged PDF: its structure tree holds the title and headings as
// headings, and the programme as a table, for screen readers and reflow.
TEST(Documents, PdfIsTaggedWithItsHeadingsParagraphsAndTable) {
  auto pdf = PdfRenderer().Render(ToDocument(Sample()));
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_NE(pdf->find("/StructTreeRoot"), std::string::npos);
  EXPECT_NE(pdf->find("/Marked true"), std::string::npos);
  for (const char* tag :
       {"/S /Document", "/S /H1", "/S /H2", "/S /P", "/S /Table", "/S /TH", "/S /TD"}) {
    EXPECT_NE(pdf->find(tag), std::string::npos) << tag;
  }
}

TEST(Documents, EachFormatInAUrlHasItsRenderer) {
  ASSERT_NE(RendererFor("docx"), nullptr);
  EXPECT_EQ(RendererFor("docx")->format(), "docx");
  ASSERT_NE(RendererFor("pdf"), nullptr);
  EXPECT_EQ(RendererFor("pdf")->media_type(), "application/pdf");
  EXPECT_EQ(RendererFor("odt"), nullptr);
  EXPECT_EQ(RendererFor(""), nullptr);
}

TEST(Documents, XlsxIsAWorkbookWithTheRowsAsText) {
  auto xlsx = RenderXlsx("Programme 2017-18", {{"Subject", "Lead"}, {"=cmd()", "HMCPSI"}});
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  EXPECT_FALSE(Entry(*xlsx, "xl/workbook.xml").empty());
  EXPECT_NE(Entry(*xlsx, "xl/sharedStrings.xml").find("=cmd()"), std::string::npos);
  EXPECT_EQ(Entry(*xlsx, "xl/worksheets/sheet1.xml").find("<f>"), std::string::npos);
}

}  // namespace
}  // namespace jointly
