// A document as a sequence of blocks (headings, paragraphs, numbered
// points, programme tables), so one pair of renderers lays out every
// document Jointly writes as DOCX and PDF. Pure data.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace jointly {

// One work stream in a programme table.
struct ProgrammeRow {
  std::string subject;
  std::string lead;
  std::string others;
  std::string description;
  std::string type;
  std::string timing;  // "2017-18 Q1 to 2018-19 Q4"
};

struct DocumentBlock {
  enum class Kind {
    kTitle,
    kDraft,  // a red "DRAFT" marking
    kHeading1,
    kHeading2,
    kParagraph,
    kBold,       // a paragraph in bold
    kNumbered,   // "label: text" with the label in bold, indented
    kPoint,      // a numbered paragraph: "label" (such as "5.1") hanging, then text
    kContents,   // a line of the contents list: "label" (the number), then text
    kNote,       // a note in small type
    kProgramme,  // a table of work streams; `label` heads the lead column
    kLine,       // a line of an address, a signature or a list: no space below
    kPageBreak,
  };
  Kind kind = Kind::kParagraph;
  std::string text;
  std::string label;
  std::vector<ProgrammeRow> rows;
  // Kept on the same page as the block after it (a heading over its lines,
  // "Yours sincerely" over the signature).
  bool keep_with_next = false;
};

struct Document {
  std::string title;   // also the file's metadata title
  std::string footer;  // on every PDF page, before the page number
  // The protective marking ("OFFICIAL-SENSITIVE") at the top and foot of
  // every page, in the DOCX's header and footer; none when empty.
  std::string marking;
  // Each page break starts a part of its own, such as one letter of many
  // in one file, whose pages are numbered "Page 1 of 2" afresh.
  bool pages_by_part = false;
  std::vector<DocumentBlock> blocks;

  Document& Add(DocumentBlock::Kind kind, std::string text, std::string label = {}) {
    blocks.push_back({kind, std::move(text), std::move(label), {}, false});
    return *this;
  }
  // The last block added stays on the page of the next.
  Document& KeepWithNext() {
    if (!blocks.empty()) blocks.back().keep_with_next = true;
    return *this;
  }
  // `lead_header`: "Lead inspectorate", or "Lead body" where a joint body leads.
  Document& Table(std::vector<ProgrammeRow> rows, std::string lead_header = {}) {
    if (lead_header.empty()) lead_header = "Lead inspectorate";
    blocks.push_back(
        {DocumentBlock::Kind::kProgramme, {}, std::move(lead_header), std::move(rows), false});
    return *this;
  }
};

}  // namespace jointly
