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

namespace {

// One thing typed: a word, a phrase in quotes, OR, or NOT (or a minus).
struct Token {
  enum Kind { kWords, kOr, kNot } kind = kWords;
  std::vector<std::string> words;  // lower-cased; one unless a phrase
};

// What `text` holds, in order, with at most `limit` words in all.
std::vector<Token> Tokens(std::string_view text, size_t limit) {
  std::vector<Token> out;
  size_t words = 0;
  size_t i = 0;
  while (i < text.size() && words < limit && out.size() < 4 * limit) {
    const char c = text[i];
    if (c == '"') {
      // A phrase: its words up to the closing quote, or the end.
      size_t end = text.find('"', i + 1);
      if (end == std::string_view::npos) end = text.size();
      Token phrase;
      for (auto& w : TypedWords(text.substr(i + 1, end - i - 1), limit - words)) {
        phrase.words.push_back(LowerAscii(std::move(w)));
      }
      words += phrase.words.size();
      if (!phrase.words.empty()) out.push_back(std::move(phrase));
      i = end + 1;
      continue;
    }
    // A minus sign at the start of a word (after a space or the start)
    // excludes it; inside a word it only separates.
    if (c == '-' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t') && i + 1 < text.size() &&
        (IsWordByte(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '"')) {
      out.push_back({Token::kNot, {}});
      ++i;
      continue;
    }
    if (!IsWordByte(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    std::string word = NextWord(text, i);
    if (word == "OR") {
      out.push_back({Token::kOr, {}});
    } else if (word == "NOT") {
      out.push_back({Token::kNot, {}});
    } else {
      out.push_back({Token::kWords, {LowerAscii(std::move(word))}});
      ++words;
    }
  }
  return out;
}

std::string Joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

bool IsWords(const std::vector<Token>& tokens, size_t i) {
  return i < tokens.size() && tokens[i].kind == Token::kWords;
}

// The words of an alternative, each a word or a phrase joined by spaces.
std::vector<std::string> Split(const std::string& alternative) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= alternative.size()) {
    size_t end = alternative.find(' ', start);
    if (end == std::string::npos) end = alternative.size();
    if (end > start) out.push_back(alternative.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string Fts5Alternative(const std::string& alternative) {
  // A phrase is found as typed; a single word as a prefix.
  return alternative.find(' ') == std::string::npos ? "\"" + alternative + "\"*"
                                                    : "\"" + alternative + "\"";
}

std::string TsAlternative(const std::string& alternative) {
  const auto words = Split(alternative);
  if (words.size() == 1) return words[0] + ":*";
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " <-> ") + w;
  return "(" + out + ")";
}

}  // namespace

SearchTerms ParseSearchTerms(std::string_view text) {
  // OR and NOT themselves are not counted among the words.
  const std::vector<Token> tokens = Tokens(text, kMaxSearchWords);
  SearchTerms terms;
  bool after_found = false;  // the last thing read is one to find
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == Token::kNot && IsWords(tokens, i + 1)) {
      terms.none.push_back(Joined(tokens[++i].words));
      after_found = false;
    } else if (t.kind == Token::kOr && after_found && IsWords(tokens, i + 1)) {
      terms.all.back().push_back(Joined(tokens[++i].words));
    } else {
      // A word or a phrase; OR or NOT where it joins nothing is a word.
      terms.all.push_back({t.kind == Token::kWords ? Joined(t.words)
                           : t.kind == Token::kOr  ? "or"
                                                   : "not"});
      after_found = true;
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
  for (const auto& either : terms.all) {
    std::string alternatives;
    for (const auto& a : either)
      alternatives += (alternatives.empty() ? "" : " OR ") + Fts5Alternative(a);
    out += (out.empty() ? "(" : " AND (") + alternatives + ")";
  }
  if (terms.none.empty()) return out;
  out = "(" + out + ")";
  for (const auto& a : terms.none) out += " NOT (" + Fts5Alternative(a) + ")";
  return out;
}

std::string TsTermsQuery(const SearchTerms& terms) {
  std::string out;
  for (const auto& either : terms.all) {
    std::string alternatives;
    for (const auto& a : either)
      alternatives += (alternatives.empty() ? "" : " | ") + TsAlternative(a);
    out += (out.empty() ? "(" : " & (") + alternatives + ")";
  }
  for (const auto& a : terms.none) out += " & !(" + TsAlternative(a) + ")";
  return out;
}

}  // namespace jointly
