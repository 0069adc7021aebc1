#include "core/text.h"

#include <cctype>
#include <cmath>

namespace jointly {

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string Abridged(std::string_view s, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // inside a code point
    if (chars == max_chars) return std::string(s.substr(0, i)) + "…";
    ++chars;
  }
  return std::string(s);
}

bool HasControlCharacters(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F) return true;
  }
  return false;
}

std::string_view Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  const size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  const size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

bool IsBlank(std::string_view s) { return Trim(s).empty(); }

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool LooksLikeEmail(std::string_view s) {
  const size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = s.substr(at + 1);
  const size_t dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return s.size() <= 254;
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t pos = s.find(sep, start);
    out.emplace_back(s.substr(start, pos == std::string_view::npos ? s.npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

std::string Possessive(std::string_view name) {
  std::string out(name);
  // A plural word takes the apostrophe alone ("HMI Prisons'"); an
  // initialism ending in S is one body and takes "'s" ("HMICFRS's").
  out += !out.empty() && out.back() == 's' ? "'" : "'s";
  return out;
}

std::string WithThousands(int64_t n) {
  std::string digits = std::to_string(n);
  const size_t first = digits[0] == '-' ? 1 : 0;
  for (size_t at = digits.size(); at > first + 3; at -= 3) digits.insert(at - 3, ",");
  return digits;
}

std::string TooLongMessage(std::string_view what, size_t max_chars, std::string_view text) {
  return "Shorten " + std::string(what) + " to " + WithThousands(static_cast<int64_t>(max_chars)) +
         " characters or fewer (it has " + WithThousands(static_cast<int64_t>(Utf8Length(text))) +
         ")";
}

std::string NumberInWords(double v) {
  if (!std::isfinite(v) || std::abs(v) >= 1e15) return std::to_string(v);
  const int64_t hundredths = static_cast<int64_t>(std::llround(v * 100));
  const int64_t whole = hundredths / 100;
  const int64_t part = std::abs(hundredths % 100);
  std::string out = (hundredths < 0 && whole == 0 ? "-" : "") + WithThousands(whole);
  if (part == 0) return out;
  out += "." + std::string(1, static_cast<char>('0' + part / 10));
  if (part % 10 != 0) out += static_cast<char>('0' + part % 10);
  return out;
}

std::string InSentence(std::string_view label) {
  // Names of bodies and offices keep their capitals wherever they fall
  // ("the Development Group representatives' agreement").
  static constexpr std::string_view kNames[] = {"Development Group", "Chief Inspector",
                                                "Home Office", "Ministry of Justice"};
  for (std::string_view name : kNames) {
    if (label.starts_with(name)) return std::string(label);
  }
  std::string out(label);
  const bool abbreviation = out.size() > 1 && out[1] >= 'A' && out[1] <= 'Z';
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z' && !abbreviation) {
    out[0] = static_cast<char>(out[0] - 'A' + 'a');
  }
  return out;
}

std::string Count(int64_t n, std::string_view one, std::string_view many) {
  return WithThousands(n) + " " + std::string(n == 1 ? one : many);
}

std::string InWordsList(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

std::string EmailFormatMessage(std::string_view what) {
  return "Enter " + std::string(what) + " in the correct format, like name@example.gov.uk";
}

}  // namespace jointly
