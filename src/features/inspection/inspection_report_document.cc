// Stage 6's report as a document (R19): the draft report as it stands,
// to download as DOCX or PDF from the Report tab or the API, and as a
// page to print; for whoever sees the inspection's draft report.
#include <algorithm>
#include <map>

#include "documents/documents.h"
#include "domain/report_document.h"
#include "features/inspection/inspection_feature.h"
#include "features/inspection/inspection_page_parts.h"
#include "web/api_schema.h"

namespace jointly::web {

using nlohmann::json;

namespace {

// A block of the document as the page to print shows it.
json BlockJson(const DocumentBlock& b) {
  using Kind = DocumentBlock::Kind;
  return {{"text", b.text},
          {"label", b.label},
          {"title", b.kind == Kind::kTitle},
          {"draft", b.kind == Kind::kDraft},
          {"h1", b.kind == Kind::kHeading1},
          {"h2", b.kind == Kind::kHeading2},
          {"paragraph", b.kind == Kind::kParagraph && !b.text.empty()},
          {"bold", b.kind == Kind::kBold},
          {"numbered", b.kind == Kind::kNumbered},
          {"point", b.kind == Kind::kPoint},
          {"contents", b.kind == Kind::kContents},
          {"note", b.kind == Kind::kNote},
          {"line", b.kind == Kind::kLine},
          {"break", b.kind == Kind::kPageBreak}};
}

}  // namespace

void InspectionFeature::SendReport(const Request& req, Response& res, RequestContext& ctx,
                                   Surface surface, const std::string& format) {
  auto id = PathId(req);
  if (!id) return Fail(req, res, surface, ctx, NotFound("No such inspection"));
  auto shown = inspections_.ViewInspection(ctx.caller, *id);
  if (!shown.ok()) {
    if (surface == Surface::kPage) return NotShown(req, res, ctx, *id, shown.status());
    return Fail(req, res, surface, ctx, shown.status());
  }
  const DraftReport report = DraftReportOf(*shown);
  const Document doc = ReportDocument(report);
  if (format != "html") return SendDocument(res, doc, format, ReportFileStem(report));
  json d = Base(ctx, doc.title, "inspections");
  d.erase("back");  // the page's own link goes back to the report
  d["id"] = *id;
  d["marking"] = doc.marking;
  json blocks = json::array();
  for (const auto& b : doc.blocks) blocks.push_back(BlockJson(b));
  d["blocks"] = blocks;
  Html(res, "inspection_report_document", d);
}

void InspectionFeature::RegisterReportDocuments() {
  const auto page = Surface::kPage;
  const auto api = Surface::kApi;
  Route("GET", R"(/inspections/(\d+)/report/document)", page, Permission::kSignedIn,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          SendReport(req, res, ctx, page, "html");
        });
  Route("GET", R"(/inspections/(\d+)/report/report\.(docx|pdf))", page, Permission::kSignedIn,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          SendReport(req, res, ctx, page, req.Capture(2));
        });
  Route("GET", R"(/api/v1/inspections/(\d+)/report\.(docx|pdf))", api, Permission::kSignedIn,
        [this, api](const Request& req, Response& res, RequestContext& ctx) {
          SendReport(req, res, ctx, api, req.Capture(2));
        });
}

namespace api {

void DocumentReportFiles(OpenApi& doc) {
  const char* what =
      "The draft report as it stands: a title page naming the inspectorates taking part, the "
      "lead first, with the version and its date; the contents; each section of the agreed "
      "structure with its newest text; the findings; and the recommendations, or the concerns "
      "of an inspection led by HMI Prisons (R19). OFFICIAL-SENSITIVE on every page; for "
      "whoever sees the inspection";
  doc.AddOperation(
      "get", "/inspections/{id}/report.docx",
      Download("draftReportDocx", std::string(what) + " (DOCX)", "Inspections", FileType::kDocx));
  doc.AddOperation(
      "get", "/inspections/{id}/report.pdf",
      Download("draftReportPdf", std::string(what) + " (PDF)", "Inspections", FileType::kPdf));
}

}  // namespace api

}  // namespace jointly::web
