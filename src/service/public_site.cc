#include "service/public_site.h"

#include <algorithm>

#include "service/inspection_service.h"
#include "service/programme_service.h"
#include "service/record_service.h"
#include "store/consultation_store.h"
#include "store/directory_store.h"
#include "store/inspection_store.h"
#include "store/programme_store.h"
#include "store/text_search.h"

namespace jointly {

using nlohmann::json;

namespace {

// A plan's copy released before copies held the whole business plan is
// released again as it was then (same time), now whole.
Status ReleaseWholePlan(Transaction& tx, int64_t plan_id) {
  ASSIGN_OR_RETURN(auto copy, GetReleased(tx, kReleasedBusinessPlan, std::to_string(plan_id)));
  if (!copy || PlanDocumentFromReleased(json::parse(copy->content, nullptr, false))) {
    return OkStatus();
  }
  ASSIGN_OR_RETURN(ReleasedItem item, BusinessPlanRelease(tx, plan_id, copy->released_at));
  return ReleaseItem(tx, item);
}

}  // namespace

Status PublicSite::Backfill() {
  const std::string now = NowText(clock_);
  return db_.Write([&](Transaction& tx) -> Status {
    auto release_new = [&](std::string_view kind, int64_t id, auto make) -> Status {
      ASSIGN_OR_RETURN(bool has, HasReleased(tx, kind, std::to_string(id)));
      if (has) return OkStatus();
      ASSIGN_OR_RETURN(ReleasedItem item, make());
      return ReleaseItem(tx, item);
    };
    ASSIGN_OR_RETURN(auto plans, ListPlans(tx));
    for (const auto& plan : plans) {
      if (plan.state != PlanState::kPublished) continue;
      RETURN_IF_ERROR(release_new(kReleasedBusinessPlan, plan.id,
                                  [&] { return BusinessPlanRelease(tx, plan.id, now); }));
      RETURN_IF_ERROR(ReleaseWholePlan(tx, plan.id));
    }
    ASSIGN_OR_RETURN(auto rounds, ListRounds(tx));
    for (const auto& r : rounds) {
      if (r.state == RoundState::kDraft) continue;
      RETURN_IF_ERROR(release_new(kReleasedConsultation, r.id,
                                  [&] { return consultation_.RoundRelease(tx, r.id, now); }));
      if (!r.summary_published) continue;
      RETURN_IF_ERROR(release_new(kReleasedSummary, r.id,
                                  [&] { return consultation_.SummaryRelease(tx, r.id, now); }));
    }
    ASSIGN_OR_RETURN(auto copies, ListPublishedTerms(tx));
    for (const auto& c : copies) {
      RETURN_IF_ERROR(
          release_new(kReleasedInspection, c.inspection_id, [&]() -> StatusOr<ReleasedItem> {
            ASSIGN_OR_RETURN(PublishedTerms p, PublishedTermsFromJson(c.content));
            return TermsRelease(p);
          }));
    }
    return OkStatus();
  });
}

StatusOr<std::vector<ReleasedItem>> PublicSite::List(std::string_view kind) {
  std::vector<ReleasedItem> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, ListReleased(tx, kind));
    return OkStatus();
  }));
  return out;
}

StatusOr<std::vector<ReleasedItem>> PublicSite::Feed(std::string_view kind) {
  std::vector<ReleasedItem> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, ListReleasedByChange(tx, kind, kFeedEntries));
    return OkStatus();
  }));
  return out;
}

StatusOr<ReleasedItem> PublicSite::Get(std::string_view kind, std::string_view slug,
                                       std::optional<ReleasedItem>* welsh) {
  std::optional<ReleasedItem> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, GetReleased(tx, kind, slug));
    if (welsh && out) {
      ASSIGN_OR_RETURN(*welsh, GetReleased(tx, kind, slug, "cy"));
    }
    return OkStatus();
  }));
  if (!out) return NotFound("There is nothing published at this address");
  return *out;
}

StatusOr<ReleasedPage> PublicSite::Page(std::string_view kind, int64_t limit, int64_t offset) {
  ReleasedPage out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, PageReleased(tx, kind, limit, offset));
    return OkStatus();
  }));
  return out;
}

StatusOr<std::optional<ReleasedItem>> PublicSite::Welsh(std::string_view kind,
                                                        std::string_view slug) {
  std::optional<ReleasedItem> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto english, GetReleased(tx, kind, slug));
    if (!english) return OkStatus();
    ASSIGN_OR_RETURN(out, GetReleased(tx, kind, slug, "cy"));
    return OkStatus();
  }));
  return out;
}

StatusOr<std::vector<ReleasedItem>> PublicSite::ListWelsh() {
  std::vector<ReleasedItem> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, ListReleased(tx, "", "cy"));
    return OkStatus();
  }));
  return out;
}

StatusOr<Found> PublicSite::Search(std::string_view typed, int64_t limit, int64_t offset) {
  Found out;
  const SearchTerms terms = ParseSearchTerms(typed);
  if (terms.empty()) {
    const std::string words = terms.none.empty()
                                  ? "Enter a word to search for"
                                  : "Enter a word to find, not only words to leave out";
    return std::move(InvalidArgument(words, "required").AddFieldError("q", "required", words));
  }
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out.total, CountReleasedFound(tx, terms));
    if (offset >= out.total) return OkStatus();
    ASSIGN_OR_RETURN(out.hits, SearchReleased(tx, terms, limit, offset));
    return OkStatus();
  }));
  return out;
}

StatusOr<SiteContacts> PublicSite::Contacts() {
  std::vector<Inspectorate> all;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(all, ListInspectorates(tx));
    return OkStatus();
  }));
  SiteContacts out;
  for (const auto& i : all) {
    const SiteContacts::Contact contact{i.full_name, i.address, i.website, i.email};
    if (i.code == "JOINT-SECRETARIAT") out.secretariat = contact;
    if (i.is_criminal_justice() && i.is_open()) out.inspectorates.push_back(contact);
  }
  return out;
}

namespace {

// The round a released consultation is, if its form takes responses on
// `today`.
std::optional<ConsultationRound> TakingResponses(const ReleasedItem& item, Date today) {
  const json content = json::parse(item.content, nullptr, false);
  if (!content.is_object()) return std::nullopt;
  ConsultationRound r = RoundFromReleased(content);
  CloseAfterDeadline(r, today);
  if (!AcceptsOnlineResponses(r, today).ok()) return std::nullopt;
  return r;
}

}  // namespace

StatusOr<std::vector<ReleasedItem>> PublicSite::Usable() {
  std::vector<ReleasedItem> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, ListReleasedAddresses(tx));
    return OkStatus();
  }));
  const Date today = Today();
  std::erase_if(out, [&](const ReleasedItem& item) {
    return item.kind == kReleasedConsultation && !TakingResponses(item, today);
  });
  return out;
}

StatusOr<std::vector<ConsultationRound>> PublicSite::OpenConsultations() {
  ASSIGN_OR_RETURN(auto released, List(kReleasedConsultation));
  const Date today = Today();
  std::vector<ConsultationRound> out;
  for (const auto& item : released) {
    if (auto r = TakingResponses(item, today)) out.push_back(std::move(*r));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.deadline < b.deadline; });
  return out;
}

}  // namespace jointly
