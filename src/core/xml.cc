#include "core/xml.h"

namespace jointly {
namespace {

// The length of the UTF-8 sequence that starts `text` at `i`, 0 when it is
// not one XML 1.0 allows.
size_t AllowedCharLength(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char c = byte(0);
  if (c < 0x20) return c == '\t' || c == '\n' || c == '\r' ? 1 : 0;
  if (c < 0x80) return 1;
  size_t n = 0;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  if (c >= 0xE0 && c <= 0xEF) n = 3;
  if (c >= 0xF0 && c <= 0xF4) n = 4;
  if (n == 0 || i + n > text.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return 0;
  }
  if (c == 0xE0 && byte(1) < 0xA0) return 0;                      // overlong
  if (c == 0xED && byte(1) >= 0xA0) return 0;                     // a surrogate
  if (c == 0xEF && byte(1) == 0xBF && byte(2) >= 0xBE) return 0;  // U+FFFE, U+FFFF
  if (c == 0xF0 && byte(1) < 0x90) return 0;                      // overlong
  if (c == 0xF4 && byte(1) >= 0x90) return 0;                     // beyond U+10FFFF
  return n;
}

}  // namespace

std::string XmlText(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  size_t i = 0;
  while (i < text.size()) {
    const size_t n = AllowedCharLength(text, i);
    if (n == 0) {
      ++i;
      continue;
    }
    switch (text[i]) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

}  // namespace jointly
