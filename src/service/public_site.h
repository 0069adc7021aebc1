// The public website's reads, all from the released store (rule
// public-reads-released-only): nothing here reads a live table, so no
// forgotten filter can show a draft. The copies are written by the steps
// that publish (ProgrammeService::Publish, ConsultationService::OpenRound,
// CloseRound and PublishSummary, InspectionService's last sign-off of the
// terms of reference); Backfill copies what was published before.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "domain/plan.h"
#include "domain/report_document.h"
#include "service/consultation_service.h"
#include "store/database.h"
#include "store/released_store.h"

namespace jointly {

// Search results and the website's lists are shown this many to a page.
inline constexpr int64_t kPublicPageSize = 20;
// An Atom feed holds the entries that changed most recently, this many.
inline constexpr int64_t kFeedEntries = 50;

// One page of search results, and how many were found in all.
struct Found {
  std::vector<ReleasedHit> hits;
  int64_t total = 0;
};

// Who answers for the website, from the directory (its public contact
// details only): the joint secretariat, contact for the website and its
// controller, and each open criminal justice inspectorate, controller for
// what it collects.
struct SiteContacts {
  struct Contact {
    std::string name;  // "Criminal Justice Joint Inspection Secretariat"
    std::string address;
    std::string website;
    std::string email;
  };
  std::optional<Contact> secretariat;  // none until the directory has it
  std::vector<Contact> inspectorates;
};

class PublicSite {
 public:
  PublicSite(Database& db, const Clock& clock, ConsultationService& consultation)
      : db_(db), clock_(clock), consultation_(consultation) {}

  // Releases everything published that has no copy yet: published plans,
  // opened rounds, published summaries and terms of reference, and makes
  // whole a plan's copy released before copies held the whole business
  // plan. Run at start; a second run releases nothing.
  Status Backfill();

  // Not withdrawn, newest first; every kind when `kind` is empty.
  StatusOr<std::vector<ReleasedItem>> List(std::string_view kind);
  // A feed's entries: the kFeedEntries of `kind` that changed most
  // recently, without their content (ListReleasedByChange).
  StatusOr<std::vector<ReleasedItem>> Feed(std::string_view kind);
  // One page of one kind's, newest first, without their content.
  StatusOr<ReleasedPage> Page(std::string_view kind, int64_t limit, int64_t offset);
  // NotFound unless released and not withdrawn. `welsh`, when given, is
  // set to its Welsh copy, if one was released with it (same read).
  StatusOr<ReleasedItem> Get(std::string_view kind, std::string_view slug,
                             std::optional<ReleasedItem>* welsh = nullptr);
  // The Welsh copy released with the released English one of `kind` and
  // `slug` (service/welsh_service.h); nullopt when there is none.
  StatusOr<std::optional<ReleasedItem>> Welsh(std::string_view kind, std::string_view slug);
  // Every Welsh copy released and not withdrawn, newest first.
  StatusOr<std::vector<ReleasedItem>> ListWelsh();
  // What someone typed, read by ParseSearchTerms (store/text_search.h),
  // best first, `limit` from `offset`. InvalidArgument (field q) when it
  // holds no word.
  StatusOr<Found> Search(std::string_view typed, int64_t limit, int64_t offset);
  // For the accessibility statement and the privacy notice.
  StatusOr<SiteContacts> Contacts();
  // What the public can use today, for the sitemap, Welsh copies too
  // (ListReleasedAddresses(): no content but a consultation's), without
  // the response forms of consultations that take no responses (a closed
  // one's published summary is an item of its own).
  StatusOr<std::vector<ReleasedItem>> Usable();
  // The consultations taking responses today, soonest deadline first.
  StatusOr<std::vector<ConsultationRound>> OpenConsultations();
  Date Today() const { return Date::DayOf(clock_.NowMicros()); }

 private:
  Database& db_;
  const Clock& clock_;
  ConsultationService& consultation_;
};

}  // namespace jointly
