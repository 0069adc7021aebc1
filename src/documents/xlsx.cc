// XLSX through libxlsxwriter, which writes to a file: a private temporary
// file, read back and removed.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/text.h"
#include "documents/documents.h"

namespace jointly {

StatusOr<std::string> RenderXlsx(const std::string& sheet_name,
                                 const std::vector<std::vector<std::string>>& rows) {
  const char* tmp = std::getenv("TMPDIR");
  std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/jointly-xlsx-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0) return Internal("Could not make a temporary file for the spreadsheet");
  close(fd);
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (!workbook) {
    std::remove(path.c_str());
    return Internal("Could not start the spreadsheet");
  }
  // Excel limits sheet names to 31 characters without []:*?/\.
  std::string name;
  for (char c : sheet_name) {
    if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) name.push_back(c);
  }
  if (name.size() > 31) name.resize(31);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.empty() ? nullptr : name.c_str());
  lxw_format* header = workbook_add_format(workbook);
  format_set_bold(header);
  format_set_bg_color(header, 0xDEE0E2);
  format_set_text_wrap(header);
  lxw_format* wrap = workbook_add_format(workbook);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  std::vector<size_t> widths;
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size(); ++c) {
      // Text cells only: a leading '=' is stored as text, never a formula.
      worksheet_write_string(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                             rows[r][c].c_str(), r == 0 ? header : wrap);
      if (widths.size() <= c) widths.resize(c + 1, 8);
      widths[c] = std::max(widths[c], std::min<size_t>(60, Utf8Length(rows[r][c]) + 2));
    }
  }
  for (size_t c = 0; c < widths.size(); ++c) {
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                         static_cast<double>(widths[c]), nullptr);
  }
  if (!rows.empty() && !rows[0].empty()) {
    worksheet_freeze_panes(sheet, 1, 0);
    worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(rows.size() - 1),
                         static_cast<lxw_col_t>(rows[0].size() - 1));
  }
  const lxw_error error = workbook_close(workbook);
  if (error != LXW_NO_ERROR) {
    std::remove(path.c_str());
    return Internal(std::string("Could not write the spreadsheet: ") + lxw_strerror(error));
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::remove(path.c_str());
  return buffer.str();
}

}  // namespace jointly
