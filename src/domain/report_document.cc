#include "domain/report_document.h"

#include "core/date.h"

namespace jointly {
namespace {

using Kind = DocumentBlock::Kind;

// "a, b and c".
std::string Listed(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

std::string LongDate(const std::string& iso) {
  const auto d = Date::Parse(iso);
  return d ? d->ToDayMonthYear() : iso;
}

// Each line of `text` with words on it as a paragraph of its own.
void Paragraphs(Document& doc, const std::string& text) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) doc.Add(Kind::kParagraph, line);
    start = end + 1;
  }
}

std::string VersionWords(const DraftReport& r) {
  if (!r.embargoed_for.empty()) return "Embargoed until " + LongDate(r.published_on);
  if (!r.published_on.empty()) return "Published " + LongDate(r.published_on);
  if (r.version == 0) return "Draft: no section has been written yet";
  return "Draft version " + std::to_string(r.version) + ", " + LongDate(r.dated);
}

// "Recommendations" or "Concerns" (R19): the word the report speaks of.
std::string AsksHeading(const DraftReport& r) {
  return r.raises == RecommendationKind::kConcern ? "Concerns" : "Recommendations";
}

std::string Numbers(const std::vector<int>& numbers) {
  std::vector<std::string> words;
  for (int n : numbers) words.push_back(std::to_string(n));
  return Listed(words);
}

void TitlePage(Document& doc, const DraftReport& r) {
  if (r.published_on.empty()) doc.Add(Kind::kDraft, "DRAFT");
  doc.Add(Kind::kTitle, "Joint inspection of " + r.title);
  doc.Add(Kind::kParagraph, "A joint inspection by " + Listed(r.inspectorates) +
                                (r.inspectorates.empty() ? "" : ", led by " + r.inspectorates[0]) +
                                ".");
  doc.Add(Kind::kBold, "Led by");
  if (!r.inspectorates.empty()) doc.Add(Kind::kLine, r.inspectorates[0]);
  if (r.inspectorates.size() > 1) {
    doc.Add(Kind::kParagraph, "");
    doc.Add(Kind::kBold, "With").KeepWithNext();
    for (size_t i = 1; i < r.inspectorates.size(); ++i) doc.Add(Kind::kLine, r.inspectorates[i]);
  }
  doc.Add(Kind::kParagraph, "");
  doc.Add(Kind::kParagraph, VersionWords(r));
  if (!r.embargoed_for.empty()) {
    doc.Add(Kind::kNote, "Embargoed copy for " + r.embargoed_for +
                             ": not to be shared or reported on until it is published.");
  } else if (r.published_on.empty()) {
    doc.Add(Kind::kNote, std::string(ClassificationLabel(r.classification)) +
                             ": not to be shared beyond the participating inspectorates until "
                             "it is published.");
  }
  doc.Add(Kind::kPageBreak, "");
}

void Contents(Document& doc, const DraftReport& r) {
  doc.Add(Kind::kHeading1, "Contents");
  for (size_t i = 0; i < r.sections.size(); ++i) {
    doc.Add(Kind::kContents, r.sections[i].title, std::to_string(i + 1));
  }
  doc.Add(Kind::kContents, "Findings");
  doc.Add(Kind::kContents, AsksHeading(r));
  doc.Add(Kind::kPageBreak, "");
}

void Findings(Document& doc, const DraftReport& r) {
  doc.Add(Kind::kHeading1, "Findings");
  if (r.findings.empty()) doc.Add(Kind::kParagraph, "No finding has been recorded yet.");
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const auto& f = r.findings[i];
    doc.Add(Kind::kPoint, f.statement, std::to_string(i + 1));
    if (!f.section.empty()) doc.Add(Kind::kNote, "Reported in: " + f.section);
  }
}

void Asks(Document& doc, const DraftReport& r) {
  const bool concerns = r.raises == RecommendationKind::kConcern;
  doc.Add(Kind::kHeading1, AsksHeading(r));
  if (r.asks.empty()) {
    doc.Add(Kind::kParagraph, concerns ? "No concern has been recorded yet."
                                       : "No recommendation has been "
                                         "recorded yet.");
  }
  for (size_t i = 0; i < r.asks.size(); ++i) {
    const auto& a = r.asks[i];
    doc.Add(Kind::kHeading2, (concerns ? "Concern " : "Recommendation ") + std::to_string(i + 1));
    doc.Add(Kind::kParagraph, a.action);
    doc.Add(Kind::kNumbered, a.owner.empty() ? "Not named yet" : a.owner, "Owner");
    doc.Add(Kind::kNumbered, a.measure, "How it will be measured");
    doc.Add(Kind::kNumbered, LongDate(a.due_on), "By when");
    if (!a.answers.empty()) {
      doc.Add(Kind::kNumbered, Numbers(a.answers),
              a.answers.size() == 1 ? "The finding it answers" : "The findings it answers");
    }
  }
}

}  // namespace

Document ReportDocument(const DraftReport& r) {
  Document doc;
  const bool published = !r.published_on.empty();
  doc.title = (published ? "" : "Draft report: ") + std::string("Joint inspection of ") + r.title;
  doc.marking = published ? "" : std::string(ClassificationLabel(r.classification));
  if (!r.embargoed_for.empty()) {
    doc.marking = "EMBARGOED UNTIL PUBLICATION: copy for " + r.embargoed_for;
  }
  doc.footer = "Joint inspection of " + r.title + " - " + VersionWords(r);
  TitlePage(doc, r);
  Contents(doc, r);
  for (size_t i = 0; i < r.sections.size(); ++i) {
    const auto& s = r.sections[i];
    // The contents list finds a numbered heading as "1  Title".
    doc.Add(Kind::kHeading1, std::to_string(i + 1) + "  " + s.title);
    if (s.text.find_first_not_of(" \t\r\n") == std::string::npos) {
      if (!published) doc.Add(Kind::kNote, "This section has not been drafted yet.");
    } else {
      Paragraphs(doc, s.text);
    }
  }
  Findings(doc, r);
  Asks(doc, r);
  return doc;
}

std::string ReportFileStem(const DraftReport& r) {
  if (!r.published_on.empty()) return "Joint inspection of " + r.title;
  std::string stem = "Draft report";
  if (r.version > 0) stem += ", version " + std::to_string(r.version);
  return stem + ", Joint inspection of " + r.title;
}

}  // namespace jointly
