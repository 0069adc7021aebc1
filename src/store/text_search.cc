#include "store/text_search.h"

namespace jointly {
namespace {

bool IsWordByte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

std::vector<std::string> SearchWords(std::string_view text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size() && words.size() < kMaxSearchWords) {
    while (i < text.size() && !IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
    std::string word;
    for (; i < text.size() && IsWordByte(static_cast<unsigned char>(text[i])); ++i) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a')
                                          : static_cast<char>(c));
    }
    if (word.size() > kMaxSearchWordBytes) {
      size_t cut = kMaxSearchWordBytes;
      // Back to the first byte of a character (continuation bytes are 10xxxxxx).
      while (cut > 0 && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) --cut;
      word.resize(cut);
    }
    if (!word.empty()) words.push_back(std::move(word));
  }
  return words;
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

}  // namespace jointly
