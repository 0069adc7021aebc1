// Text helpers shared by every module that takes input from outside.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace jointly {

// True if `s` is well-formed UTF-8 (no overlongs, surrogates or bytes > U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Number of Unicode code points in well-formed UTF-8 `s`.
size_t Utf8Length(std::string_view s);

// The first `max_chars` code points of well-formed UTF-8 `s`, followed by
// "…" when anything was left out; `s` itself when it is no longer.
std::string Abridged(std::string_view s, size_t max_chars);

// True if `s` contains a control character other than tab, CR or LF.
bool HasControlCharacters(std::string_view s);

std::string_view Trim(std::string_view s);
// True if `s` holds nothing but spaces, tabs and line breaks.
bool IsBlank(std::string_view s);
std::string AsciiLower(std::string_view s);

// A deliberately plain check: one '@', something either side, a dot in the
// domain, no spaces. Real verification is by sending mail, later.
bool LooksLikeEmail(std::string_view s);
// The one message for an address that does not look like one, naming
// `what` ("an email address", "the addressee's email address").
std::string EmailFormatMessage(std::string_view what);

std::vector<std::string> Split(std::string_view s, char sep);

// "HMCPSI's", but "HMI Prisons'": the possessive of a name.
std::string Possessive(std::string_view name);

// "10,000": a whole number with its thousands marked.
std::string WithThousands(int64_t n);

// The one message for text longer than allowed, saying how long it is:
// "Shorten the response to 10,000 characters or fewer (it has 20,000)".
// `text` is well-formed UTF-8.
std::string TooLongMessage(std::string_view what, size_t max_chars, std::string_view text);

// A number as people write it: a whole number with its thousands marked
// ("1,500", "12"), any other to at most two decimal places without
// trailing zeros ("0.3", "2.25").
std::string NumberInWords(double v);

// A label as it reads within a sentence: its first letter in lower case
// ("Draft" is "draft", "With Ministers" is "with Ministers") unless the
// first word is an abbreviation ("CJ Ministers").
std::string InSentence(std::string_view label);

// "1 answer", "3 answers": a count with its noun.
std::string Count(int64_t n, std::string_view one, std::string_view many);

// Names joined as a sentence lists them: "A", "A and B", "A, B and C".
std::string InWordsList(const std::vector<std::string>& names);

// Hashes text of any kind alike, so that a map keyed by std::string (with
// std::equal_to<>) is searched with a std::string_view, without a copy.
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace jointly
