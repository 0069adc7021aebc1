// A document as an A4 PDF: Pango lays out and wraps the text, Cairo
// writes the pages. Rows never split across pages; the table header repeats.
// The PDF is tagged (a structure tree of headings, paragraphs, list items
// and table cells in reading order), so that screen readers and reflow
// read it as the Word version reads; the running footer and marking stay
// outside the structure, as page furniture.
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <map>
#include <memory>
#include <vector>

#include "documents/documents.h"

namespace jointly {
namespace {

constexpr double kPageWidth = 595.28;  // A4 in points
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kBottom = kPageHeight - kMargin - 20;  // room for the footer
constexpr double kCellPad = 5;

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct FontDeleter {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Font = std::unique_ptr<PangoFontDescription, FontDeleter>;
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

class Writer {
 public:
  // `part_pages`: how many pages each part has, from an earlier pass, for
  // a document numbered by part ("Page 1 of 2"); empty otherwise.
  // `marking`: the protective marking at the top and foot of every page.
  Writer(cairo_t* cr, std::string footer, std::vector<int> part_pages = {},
         std::string marking = {})
      : cr_(cr),
        footer_(std::move(footer)),
        marking_(std::move(marking)),
        part_pages_(std::move(part_pages)) {
    layout_.reset(pango_cairo_create_layout(cr_));
    pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
    Marking(kMargin - 30);
  }

  // Height of `text` in `font` wrapped to `width`.
  double Measure(const std::string& text, const Font& font, double width) {
    Prepare(text, font, width);
    int w = 0;
    int h = 0;
    pango_layout_get_size(layout_.get(), &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  // Draws at (x, y) and returns the height used.
  double Draw(const std::string& text, const Font& font, double width, double x, double y,
              double r = 0.04, double g = 0.05, double b = 0.05) {
    const double h = Measure(text, font, width);
    cairo_set_source_rgb(cr_, r, g, b);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout_.get());
    return h;
  }

  // A paragraph across the content width, moving down; a new page first if
  // it does not fit.
  void Block(const std::string& text, const Font& font, double space_after,
             bool keep_with_next = false, const char* tag = "P") {
    const double h = Measure(text, font, kContentWidth);
    Need(h + (keep_with_next ? 60 : 0));
    Begin(tag);
    y_ += Draw(text, font, kContentWidth, kMargin, y_) + space_after;
    End(tag);
  }

  // A structure element of the tagged PDF around what is drawn between.
  void Begin(const char* tag) { cairo_tag_begin(cr_, tag, ""); }
  void End(const char* tag) { cairo_tag_end(cr_, tag); }

  // `label` in the first `indent` points and `text` beside it, wrapped in
  // the rest of the width; kept together on one page where it fits.
  void Hanging(const std::string& label, const Font& label_font, const std::string& text,
               const Font& font, double indent, double space_after) {
    const double h = std::max(Measure(label, label_font, indent - 4),
                              Measure(text, font, kContentWidth - indent));
    Need(h);
    Begin("LI");
    Begin("Lbl");
    Draw(label, label_font, indent - 4, kMargin, y_);
    End("Lbl");
    Begin("LBody");
    y_ += Draw(text, font, kContentWidth - indent, kMargin + indent, y_) + space_after;
    End("LBody");
    End("LI");
  }

  void Need(double height) {
    if (y_ + height > kBottom) NewPage();
  }

  void NewPage() {
    Footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = kMargin;
    Marking(kMargin - 30);
  }

  // A page break that starts the next part, numbered from its page 1.
  void NewPart() {
    NewPage();
    parts_.push_back(page_ - part_start_);
    part_start_ = page_;
  }

  void Finish() {
    Footer();
    cairo_show_page(cr_);
    parts_.push_back(page_ - part_start_ + 1);
  }

  // The pages of each part laid out so far (all of them after Finish).
  const std::vector<int>& parts() const { return parts_; }

  void Rect(double x, double y, double w, double h, double grey, bool fill) {
    cairo_rectangle(cr_, x, y, w, h);
    cairo_set_source_rgb(cr_, grey, grey, grey);
    if (fill) {
      cairo_fill(cr_);
    } else {
      cairo_set_line_width(cr_, 0.5);
      cairo_stroke(cr_);
    }
  }

  // One line of a contents list: `number` (if any) at `indent`, `text`
  // after it, and `page` at the right margin.
  void Line(const std::string& text, const Font& font, double indent, const std::string& page,
            double space_after, const std::string& number = {}) {
    const double text_x = kMargin + indent + (number.empty() ? 0 : 28);
    const double text_width = kContentWidth - (text_x - kMargin) - 30;
    const double h = Measure(text, font, text_width);
    Need(h);
    Begin("TOCI");
    if (!number.empty()) Draw(number, font, 28, kMargin + indent, y_);
    Draw(text, font, text_width, text_x, y_);
    if (!page.empty()) {
      pango_layout_set_alignment(layout_.get(), PANGO_ALIGN_RIGHT);
      Draw(page, font, 30, kMargin + kContentWidth - 30, y_);
      pango_layout_set_alignment(layout_.get(), PANGO_ALIGN_LEFT);
    }
    End("TOCI");
    y_ += h + space_after;
  }

  int page() const { return page_; }
  double& y() { return y_; }
  const Font& small() const { return small_; }

 private:
  void Prepare(const std::string& text, const Font& font, double width) {
    pango_layout_set_font_description(layout_.get(), font.get());
    pango_layout_set_width(layout_.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_text(layout_.get(), text.data(), static_cast<int>(text.size()));
  }

  void Footer() {
    std::string text = footer_ + "   ·   Page " + std::to_string(page_ - part_start_ + 1);
    if (parts_.size() < part_pages_.size()) {
      text += " of " + std::to_string(part_pages_[parts_.size()]);
    }
    Draw(text, small_, kContentWidth, kMargin, kPageHeight - kMargin + 4, 0.31, 0.35, 0.37);
    Marking(kPageHeight - kMargin + 16);
  }

  // The marking centred across the page at `y`, if the document has one.
  void Marking(double y) {
    if (marking_.empty()) return;
    pango_layout_set_alignment(layout_.get(), PANGO_ALIGN_CENTER);
    Draw(marking_, marking_font_, kContentWidth, kMargin, y);
    pango_layout_set_alignment(layout_.get(), PANGO_ALIGN_LEFT);
  }

  cairo_t* cr_;
  std::string footer_;
  std::string marking_;
  Layout layout_;
  Font small_{pango_font_description_from_string("DejaVu Sans 7.5")};
  Font marking_font_{pango_font_description_from_string("DejaVu Sans Bold 9")};
  double y_ = kMargin;
  int page_ = 1;
  std::vector<int> part_pages_;
  std::vector<int> parts_;
  int part_start_ = 1;  // the page the current part starts on
};

void ProgrammeTable(Writer& w, const std::vector<ProgrammeRow>& rows,
                    const std::string& lead_header, const Font& body, const Font& bold,
                    const Font& small) {
  const double widths[] = {kContentWidth * 0.52, kContentWidth * 0.24, kContentWidth * 0.24};
  const char* headers[] = {"Subject", lead_header.c_str(), "Others involved"};
  auto header = [&] {
    double h = 0;
    for (int c = 0; c < 3; ++c)
      h = std::max(h, w.Measure(headers[c], bold, widths[c] - 2 * kCellPad));
    h += 2 * kCellPad;
    double x = kMargin;
    w.Begin("TR");
    for (int c = 0; c < 3; ++c) {
      w.Rect(x, w.y(), widths[c], h, 0.87, true);
      w.Rect(x, w.y(), widths[c], h, 0.69, false);
      w.Begin("TH");
      w.Draw(headers[c], bold, widths[c] - 2 * kCellPad, x + kCellPad, w.y() + kCellPad);
      w.End("TH");
      x += widths[c];
    }
    w.End("TR");
    w.y() += h;
    return h;
  };
  const double header_height = [&] {
    double h = 0;
    for (int c = 0; c < 3; ++c)
      h = std::max(h, w.Measure(headers[c], bold, widths[c] - 2 * kCellPad));
    return h + 2 * kCellPad;
  }();
  bool need_header = true;
  w.Begin("Table");
  for (const auto& row : rows) {
    const double inner = widths[0] - 2 * kCellPad;
    const std::string timing = row.type + ", " + row.timing;
    const double subject_h = w.Measure(row.subject, bold, inner);
    const double description_h =
        row.description.empty() ? 0 : w.Measure(row.description, body, inner);
    const double timing_h = w.Measure(timing, small, inner);
    const double first = subject_h + 3 + description_h + 3 + timing_h;
    const std::string others = row.others.empty() ? "None" : row.others;
    const double lead_h = w.Measure(row.lead, body, widths[1] - 2 * kCellPad);
    const double others_h = w.Measure(others, body, widths[2] - 2 * kCellPad);
    const double h = std::max({first, lead_h, others_h}) + 2 * kCellPad;
    if (need_header || w.y() + h > kBottom) {
      if (!need_header || w.y() + header_height + h > kBottom) w.NewPage();
      header();
      need_header = false;
    }
    double x = kMargin;
    for (int c = 0; c < 3; ++c) {
      w.Rect(x, w.y(), widths[c], h, 0.69, false);
      x += widths[c];
    }
    double y = w.y() + kCellPad;
    w.Begin("TR");
    w.Begin("TD");
    y += w.Draw(row.subject, bold, inner, kMargin + kCellPad, y) + 3;
    if (!row.description.empty())
      y += w.Draw(row.description, body, inner, kMargin + kCellPad, y) + 3;
    w.Draw(timing, small, inner, kMargin + kCellPad, y, 0.31, 0.35, 0.37);
    w.End("TD");
    w.Begin("TD");
    w.Draw(row.lead, body, widths[1] - 2 * kCellPad, kMargin + widths[0] + kCellPad,
           w.y() + kCellPad);
    w.End("TD");
    w.Begin("TD");
    w.Draw(others, body, widths[2] - 2 * kCellPad, kMargin + widths[0] + widths[1] + kCellPad,
           w.y() + kCellPad);
    w.End("TD");
    w.End("TR");
    w.y() += h;
  }
  w.End("Table");
  w.y() += 12;
}

}  // namespace

namespace {

// Where each heading fell: its text -> page number.
using HeadingPages = std::map<std::string, int>;

// The heading a contents line stands for: "5  Continuing commitments" for
// label "5" and text "Continuing commitments", else the text alone.
std::string ContentsKey(const DocumentBlock& b) {
  return b.label.empty() ? b.text : b.label + "  " + b.text;
}

// What one pass of the layout learns for the next: the page of every
// heading, and how many pages each part has.
struct Laid {
  HeadingPages headings;
  std::vector<int> parts;
};

// The height of the blocks from `first` kept with the next, and the one
// they are kept with: plain text blocks only, with their space below.
double KeptHeight(Writer& w, const std::vector<DocumentBlock>& blocks, size_t first,
                  const Font& body, const Font& bold) {
  using Kind = DocumentBlock::Kind;
  double h = 0;
  for (size_t i = first; i < blocks.size(); ++i) {
    const DocumentBlock& b = blocks[i];
    switch (b.kind) {
      case Kind::kParagraph:
        h += w.Measure(b.text, body, kContentWidth) + 7;
        break;
      case Kind::kLine:
        h += w.Measure(b.text, body, kContentWidth) + 1.5;
        break;
      case Kind::kBold:
        h += w.Measure(b.text, bold, kContentWidth) + 7;
        break;
      default:
        return h;
    }
    if (!b.keep_with_next) break;
  }
  return h;
}

// Lays out `doc` into `out`, noting in `found` the page of every heading
// and the pages of each part; contents lines show their heading's page,
// and footers a part's page count, from `known` (an earlier pass).
Status Lay(const Document& doc, const Laid& known, Laid& found, std::string& out) {
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(Append, &out, kPageWidth, kPageHeight);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return Internal("Could not start the PDF");
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Jointly");
  cairo_t* cr = cairo_create(surface);
  {
    Writer w(cr, doc.footer, doc.pages_by_part ? known.parts : std::vector<int>(), doc.marking);
    const Font title(pango_font_description_from_string("DejaVu Sans Bold 22"));
    const Font h1(pango_font_description_from_string("DejaVu Sans Bold 15"));
    const Font h2(pango_font_description_from_string("DejaVu Sans Bold 12"));
    const Font body(pango_font_description_from_string("DejaVu Sans 9.5"));
    const Font bold(pango_font_description_from_string("DejaVu Sans Bold 9.5"));
    const Font small(pango_font_description_from_string("DejaVu Sans 8"));
    const Font draft(pango_font_description_from_string("DejaVu Sans Bold 13"));
    using Kind = DocumentBlock::Kind;
    w.Begin("Document");
    for (size_t i = 0; i < doc.blocks.size(); ++i) {
      const DocumentBlock& b = doc.blocks[i];
      // A run of blocks kept with the next starts on a page that holds it.
      if (b.keep_with_next && (i == 0 || !doc.blocks[i - 1].keep_with_next)) {
        w.Need(KeptHeight(w, doc.blocks, i, body, bold));
      }
      switch (b.kind) {
        case Kind::kTitle:
          w.Block(b.text, title, 10, false, "H1");
          break;
        case Kind::kDraft: {
          w.Begin("P");
          const double h = w.Draw(b.text, draft, kContentWidth, kMargin, w.y(), 0.83, 0.21, 0.11);
          w.End("P");
          w.y() += h + 14;
          break;
        }
        case Kind::kHeading1:
          w.Block(b.text, h1, 8, true, "H2");
          found.headings.emplace(b.text, w.page());
          break;
        case Kind::kHeading2:
          w.Block(b.text, h2, 5, true, "H3");
          found.headings.emplace(b.text, w.page());
          break;
        case Kind::kParagraph:
          w.Block(b.text, body, 7);
          break;
        case Kind::kBold:  // often a heading over lines: kept with the next
          w.Block(b.text, bold, 7, true);
          break;
        case Kind::kNumbered:
          w.Block(b.label + ": " + b.text, body, 6);
          break;
        case Kind::kPoint:
          w.Hanging(b.label, body, b.text, body, 36, 6);
          break;
        case Kind::kContents: {
          auto page = known.headings.find(ContentsKey(b));
          const std::string number =
              page == known.headings.end() ? "" : std::to_string(page->second);
          if (b.label.empty()) {
            w.Line(b.text, bold, 0, number, 4);
          } else {
            w.Line(b.text, body, 24, number, 3, b.label);
          }
          break;
        }
        case Kind::kNote:
          w.Block(b.text, small, 6);
          break;
        case Kind::kProgramme:
          ProgrammeTable(w, b.rows, b.label, body, bold, small);
          break;
        case Kind::kLine:
          w.Block(b.text, body, 1.5);
          break;
        case Kind::kPageBreak:
          if (doc.pages_by_part) {
            w.NewPart();
          } else {
            w.NewPage();
          }
          break;
      }
    }
    w.End("Document");
    w.Finish();
    found.parts = w.parts();
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Internal(std::string("Could not write the PDF: ") + cairo_status_to_string(status));
  }
  return OkStatus();
}

}  // namespace

// A document with a contents list, or numbered by part, is laid out
// twice: the first pass finds the page of each heading and the pages of
// each part, the second prints them in the contents and the footers.
StatusOr<std::string> PdfRenderer::Render(const Document& doc) const {
  Laid first;
  std::string out;
  RETURN_IF_ERROR(Lay(doc, {}, first, out));
  const bool has_contents =
      std::any_of(doc.blocks.begin(), doc.blocks.end(),
                  [](const DocumentBlock& b) { return b.kind == DocumentBlock::Kind::kContents; });
  if (!has_contents && !doc.pages_by_part) return out;
  out.clear();
  Laid again;
  RETURN_IF_ERROR(Lay(doc, first, again, out));
  return out;
}

}  // namespace jointly
