// The released store: what the public website may show, copied there by
// the step that publishes it (rule public-reads-released-only). Nothing
// else is read by a public page, feed, search or the public API.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"
#include "store/text_search.h"

namespace jointly {

// The kinds of thing released, each a section of the public website.
inline constexpr std::string_view kReleasedBusinessPlan = "business-plan";
inline constexpr std::string_view kReleasedConsultation = "consultation";
inline constexpr std::string_view kReleasedSummary = "consultation-summary";
inline constexpr std::string_view kReleasedInspection = "inspection";
inline constexpr std::string_view kReleasedReport = "report";
inline constexpr std::string_view kReleasedTracker = "quarterly-tracker";

struct ReleasedItem {
  int64_t id = 0;
  std::string kind;  // one of the kinds above
  std::string slug;  // its stable public address within its kind
  std::string language = "en";
  std::string title;
  std::string summary;      // a sentence or two for lists, feeds and search
  std::string content;      // JSON: everything its public page shows
  std::string search_text;  // the words searched beyond title and summary
  std::string released_at;  // "YYYY-MM-DDTHH:MM:SS.uuuuuuZ"
  // When it last changed, as ListReleasedByChange lists it: for a report,
  // the newest owner's response released with it (its content's
  // "responses_at") if later than its release.
  std::string changed_at;
};

// Releases `item`, or replaces the copy of the same kind, slug and language
// (a later version supersedes it; a withdrawn one is released again).
// An English report, terms of reference or consultation takes its Welsh
// version (store/welsh_store.h), if it has one, with it: released at the
// same moment by the same step, so no Welsh copy is public before its
// English one. FailedPrecondition for a kind the website has no section
// for.
Status ReleaseItem(Transaction& tx, const ReleasedItem& item);

// The Welsh copy (language "cy") of an English copy released at
// `released_at` under `english_title`: content {"title", "summary", "text",
// "english_title"}, searched by its title, summary and text.
ReleasedItem WelshRelease(const std::string& kind, const std::string& slug,
                          const std::string& title, const std::string& summary,
                          const std::string& text, const std::string& english_title,
                          const std::string& released_at);

// Marks the copy withdrawn: no public surface shows it from then on.
Status WithdrawReleased(Transaction& tx, std::string_view kind, std::string_view slug,
                        const std::string& at);

// Whether a copy of kind and slug exists (withdrawn or not).
StatusOr<bool> HasReleased(Transaction& tx, std::string_view kind, std::string_view slug);

// What is released and not withdrawn in `language` ("en" or "cy"): one
// kind (or every kind when empty), newest first.
StatusOr<std::vector<ReleasedItem>> ListReleased(Transaction& tx, std::string_view kind,
                                                 std::string_view language = "en");

// The `limit` English items of `kind` released and not withdrawn that
// changed most recently, without their content and search text, each with
// its `changed_at`, most recently changed first: a feed's entries.
StatusOr<std::vector<ReleasedItem>> ListReleasedByChange(Transaction& tx, std::string_view kind,
                                                         int64_t limit);

// Every item released and not withdrawn, English then Welsh, newest first,
// each with its `changed_at`: without its summary and search text, and
// without its content but for a consultation's (whose dates say whether it
// takes responses). The sitemap's addresses.
StatusOr<std::vector<ReleasedItem>> ListReleasedAddresses(Transaction& tx);

// One page of what ListReleased lists, without the items' content and
// search text, and how many there are in all.
struct ReleasedPage {
  std::vector<ReleasedItem> items;
  int64_t total = 0;
};
StatusOr<ReleasedPage> PageReleased(Transaction& tx, std::string_view kind, int64_t limit,
                                    int64_t offset);

StatusOr<std::optional<ReleasedItem>> GetReleased(Transaction& tx, std::string_view kind,
                                                  std::string_view slug,
                                                  std::string_view language = "en");

struct ReleasedHit {
  ReleasedItem item;  // without its content
  // Text around the words found, each found word between \x01 and \x02
  // (for the page to escape and then mark).
  std::string snippet;
};

// Released items (English and Welsh) holding a word of each of `terms`
// (each word a prefix; terms from ParseSearchTerms), best match first, at
// most `limit` from `offset` (only those shown have their snippet made:
// each reads its text). Accents
// do not count: "Zoe" finds "Zoë" and "zoë" finds "Zoe" (SQLite's tokenizer
// removes diacritics; PostgreSQL's configuration jointly_words unaccents,
// see migration 0030).
StatusOr<std::vector<ReleasedHit>> SearchReleased(Transaction& tx, const SearchTerms& terms,
                                                  int64_t limit, int64_t offset = 0);
// How many released items SearchReleased finds for `terms` in all.
StatusOr<int64_t> CountReleasedFound(Transaction& tx, const SearchTerms& terms);

}  // namespace jointly
