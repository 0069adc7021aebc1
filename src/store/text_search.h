// Full-text search queries built from what someone typed, so that no input
// is ever read as query syntax: quotes, `*`, `:`, `-`, NEAR, AND, OR and
// the like are searched for as words or only separate them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jointly {

inline constexpr size_t kMaxSearchWords = 8;
inline constexpr size_t kMaxSearchWordBytes = 64;

// The words of `text`: runs of ASCII letters and digits and of non-ASCII
// characters (letters of other scripts, accents, emoji), with ASCII letters
// lower-cased. Every other character only separates words. At most
// kMaxSearchWords words, each cut to kMaxSearchWordBytes bytes on a
// character boundary. `text` is valid UTF-8.
std::vector<std::string> SearchWords(std::string_view text);

// What someone typed as a small query language of its own (the public
// website's search), read so that nothing typed can be query syntax:
// - every word must be found;
// - words in double quotes are a phrase, found as one: "hate crime" (an
//   unclosed quote runs to the end);
// - OR (in capitals, between two words or phrases) makes them
//   alternatives: "probation OR prisons youth" finds what holds youth and
//   either of the other two;
// - NOT (in capitals) or a minus sign before a word or phrase excludes
//   what holds it: "prisons NOT youth", "prisons -youth";
// - nothing else typed has a meaning (a hyphen inside a word separates
//   two words). The words are SearchWords'; at most kMaxSearchWords of
//   them in all.
struct SearchTerms {
  // Each must be found: one of its alternatives, each a word or a phrase
  // (its words joined by one space).
  std::vector<std::vector<std::string>> all;
  // Words or phrases that must not be found.
  std::vector<std::string> none;
  // Nothing to find: only words to exclude, or none at all.
  bool empty() const { return all.empty(); }
  bool operator==(const SearchTerms&) const = default;
};
SearchTerms ParseSearchTerms(std::string_view text);

// An SQLite FTS5 MATCH expression that needs every word, each as a quoted
// prefix: "word"*. Words hold no double quote, so the quoting is complete.
std::string Fts5Query(const std::vector<std::string>& words);
// The same for terms: (("a"* OR "b c") AND ("d"*)) NOT ("e"*); a phrase
// is found as typed, a single word as a prefix.
std::string Fts5TermsQuery(const SearchTerms& terms);

// A PostgreSQL to_tsquery('simple', ...) expression that needs every word,
// each as a prefix: word:* & other:*. Words hold none of tsquery's
// operators, which are all ASCII punctuation.
std::string TsQuery(const std::vector<std::string>& words);
// The same for terms: (a:* | (b <-> c)) & (d:*) & !(e:*).
std::string TsTermsQuery(const SearchTerms& terms);

}  // namespace jointly
