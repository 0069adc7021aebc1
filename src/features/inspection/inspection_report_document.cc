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

std::string FullNameOf(const std::vector<Inspectorate>& all, int64_t id) {
  for (const auto& i : all) {
    if (i.id == id) return i.full_name.empty() ? i.short_name : i.full_name;
  }
  return "";
}

// The report as the inspection's view has it: the newest text of each
// section, the findings in the order of the sections they are reported in
// (those placed in none last), and the recommendations or concerns.
DraftReport DraftReportOf(const InspectionView& v) {
  DraftReport r;
  const Inspection& in = v.inspection;
  r.title = in.title;
  r.inspectorates.push_back(FullNameOf(v.inspectorates, in.lead_inspectorate_id));
  for (int64_t id : in.participating) {
    if (id != in.lead_inspectorate_id) r.inspectorates.push_back(FullNameOf(v.inspectorates, id));
  }
  for (int64_t id : in.partners) r.inspectorates.push_back(FullNameOf(v.inspectorates, id));
  r.raises = v.raises;
  r.version = ReportVersion(v.drafts);
  for (const auto& d : v.drafts) r.dated = std::max(r.dated, d.written_at.substr(0, 10));
  std::vector<int64_t> order;  // finding ids in report order
  for (const auto& s : v.sections) {
    const auto latest = LatestOf(v.drafts, s.id);
    r.sections.push_back({s.title, latest ? latest->text : ""});
    for (const auto& f : v.findings) {
      if (f.section_id == s.id) {
        r.findings.push_back({f.statement, s.title});
        order.push_back(f.id);
      }
    }
  }
  for (const auto& f : v.findings) {
    if (std::find(order.begin(), order.end(), f.id) != order.end()) continue;
    r.findings.push_back({f.statement, ""});
    order.push_back(f.id);
  }
  std::map<int64_t, std::string> owners(v.owners.begin(), v.owners.end());
  for (const auto& rec : v.recommendations) {
    DraftReport::Ask a{
        rec.owner_id ? owners[*rec.owner_id] : "", rec.action, rec.measure, rec.due_on, {}};
    for (size_t i = 0; i < order.size(); ++i) {
      for (const auto& link : v.recommendation_findings) {
        if (link.recommendation_id == rec.id && link.finding_id == order[i]) {
          a.answers.push_back(static_cast<int>(i + 1));
        }
      }
    }
    r.asks.push_back(std::move(a));
  }
  return r;
}

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
