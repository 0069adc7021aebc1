#include "store/text_search.h"

namespace jointly {
namespace {

bool IsWordByte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The next word of `text` from `i` on, as typed (cut to
// kMaxSearchWordBytes); "" at the end.
std::string NextWord(std::string_view text, size_t& i) {
  while (i < text.size() && !IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
  const size_t start = i;
  while (i < text.size() && IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
  std::string word(text.substr(start, i - start));
  if (word.size() > kMaxSearchWordBytes) {
    size_t cut = kMaxSearchWordBytes;
    // Back to the first byte of a character (continuation bytes are 10xxxxxx).
    while (cut > 0 && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) --cut;
    word.resize(cut);
  }
  return word;
}

std::string LowerAscii(std::string word) {
  for (char& c : word) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return word;
}

// Every word of `text` as typed, at most `limit`.
std::vector<std::string> TypedWords(std::string_view text, size_t limit) {
  std::vector<std::string> words;
  size_t i = 0;
  while (words.size() < limit && i < text.size()) {
    std::string word = NextWord(text, i);
    if (!word.empty()) words.push_back(std::move(word));
  }
  return words;
}

}  // namespace

std::vector<std::string> SearchWords(std::string_view text) {
  std::vector<std::string> words = TypedWords(text, kMaxSearchWords);
  for (auto& w : words) w = LowerAscii(std::move(w));
  return words;
}

SearchTerms ParseSearchTerms(std::string_view text) {
  // OR itself is not counted among the words.
  const std::vector<std::string> typed = TypedWords(text, 2 * kMaxSearchWords);
  SearchTerms terms;
  size_t words = 0;
  for (size_t i = 0; i < typed.size() && words < kMaxSearchWords; ++i, ++words) {
    const bool joins =
        typed[i] == "OR" && !terms.empty() && i + 1 < typed.size() && typed[i + 1] != "OR";
    if (joins) {
      terms.back().push_back(LowerAscii(typed[++i]));
    } else {
      terms.push_back({LowerAscii(typed[i])});
    }
  }
  return terms;
}

std::string Fts5Query(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out.push_back(' ');
    out += "\"" + w + "\"*";
  }
  return out;
}

std::string TsQuery(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += " & ";
    out += w + ":*";
  }
  return out;
}

std::string Fts5TermsQuery(const SearchTerms& terms) {
  std::string out;
  for (const auto& either : terms) {
    if (!out.empty()) out += " AND ";
    std::string alternatives;
    for (const auto& w : either) {
      if (!alternatives.empty()) alternatives += " OR ";
      alternatives += "\"" + w + "\"*";
    }
    out += "(" + alternatives + ")";
  }
  return out;
}

std::string TsTermsQuery(const SearchTerms& terms) {
  std::string out;
  for (const auto& either : terms) {
    if (!out.empty()) out += " & ";
    std::string alternatives;
    for (const auto& w : either) {
      if (!alternatives.empty()) alternatives += " | ";
      alternatives += w + ":*";
    }
    out += "(" + alternatives + ")";
  }
  return out;
}

}  // namespace jointly
