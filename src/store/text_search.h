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
// website's search): every word must be found, except that words joined by
// OR (in capitals, between two words) are alternatives: "probation OR
// prisons youth" finds what holds youth and either of the other two. Each
// inner list is one set of alternatives; the words are SearchWords'. Nothing
// else typed has a meaning; at most kMaxSearchWords words in all.
using SearchTerms = std::vector<std::vector<std::string>>;
SearchTerms ParseSearchTerms(std::string_view text);

// An SQLite FTS5 MATCH expression that needs every word, each as a quoted
// prefix: "word"*. Words hold no double quote, so the quoting is complete.
std::string Fts5Query(const std::vector<std::string>& words);
// The same for terms: ("a"* OR "b"*) AND "c"*.
std::string Fts5TermsQuery(const SearchTerms& terms);

// A PostgreSQL to_tsquery('simple', ...) expression that needs every word,
// each as a prefix: word:* & other:*. Words hold none of tsquery's
// operators, which are all ASCII punctuation.
std::string TsQuery(const std::vector<std::string>& words);
// The same for terms: (a:* | b:*) & c:*.
std::string TsTermsQuery(const SearchTerms& terms);

}  // namespace jointly
