// Choosing fieldwork sites from data (M 12-14, R14): each inspected body's
// indicators (performance, size) and the inspections it has already had,
// imported from CSV, and the proposal of a set of sites that covers
// variation (well and poorly performing; London, Wales and the regions;
// large and small) while keeping the inspection burden low. Pure: the
// caller passes today's date and every fact.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "domain/directory.h"

namespace jointly {

// One body's indicators, as imported. Its region, nation and whether it is
// in London are the directory's (InspectedBody).
struct BodyIndicators {
  int64_t body_id = 0;
  // A band ("good", "requires improvement") or a number named by
  // `performance_measure` (higher is better).
  std::string performance;
  std::string performance_measure;
  int64_t size = 0;          // 0: not known
  std::string size_measure;  // "staff", "caseload"
};

// An inspection a body has had or will have: imported single-inspectorate
// inspections, and the sites of Jointly's own inspections.
struct PastInspection {
  int64_t body_id = 0;
  int64_t inspectorate_id = 0;  // 0 for a joint inspection's site
  std::string inspected_on;     // YYYY-MM-DD
  std::string title;
};

inline constexpr size_t kMaxMeasureLength = 100;
inline constexpr size_t kMaxPastTitleLength = 300;

// The bands of performance, best first, as inspectorates grade.
enum class PerformanceClass { kUnknown, kWell, kAdequate, kPoorly };
// The class of a band ("Good", "requires improvement"); nullopt for a word
// that is not a band.
std::optional<PerformanceClass> PerformanceBand(std::string_view band);

// A line of an indicators CSV (columns kIndicatorCsvColumns) or a past
// inspections CSV (kPastInspectionCsvColumns), with the codes the service
// resolves.
struct IndicatorLine {
  int line = 0;
  std::string body_code;
  BodyIndicators indicators;
};
struct PastInspectionLine {
  int line = 0;
  std::string body_code;
  std::string inspectorate_code;
  PastInspection inspection;
};
inline constexpr std::string_view kIndicatorCsvColumns[] = {
    "body_code", "performance", "performance_measure", "size", "size_measure"};
inline constexpr std::string_view kPastInspectionCsvColumns[] = {"body_code", "inspectorate",
                                                                 "date", "title"};
// The id of a body or inspectorate by its code; nullopt for none.
using CodeLookup = std::function<std::optional<int64_t>(const std::string& code)>;
// Every line checked, its codes looked up with `body_of` (and
// `inspectorate_of`); on any problem InvalidArgument with one FieldError
// per bad field ("line 7: performance", "line 8: body_code" for a code no
// body has) and nothing else. A body given twice in an indicators file is
// an error.
StatusOr<std::vector<IndicatorLine>> ParseIndicatorsCsv(std::string_view text,
                                                        const CodeLookup& body_of);
StatusOr<std::vector<PastInspectionLine>> ParsePastInspectionsCsv(
    std::string_view text, const CodeLookup& body_of, const CodeLookup& inspectorate_of);

// "Performs well" from "performs well": the first letter in capitals,
// as a reason starts a sentence.
std::string UpperFirst(std::string_view s);

// The inspection burden counts inspections from two years before today to
// a year after (those already planned).
inline constexpr int kBurdenYearsBack = 2;

// A body that could be a site, with what is known of it.
struct SiteCandidate {
  InspectedBody body;
  std::optional<BodyIndicators> indicators;  // none: no data
  int burden = 0;                            // inspections in the burden window
};

struct SitePick {
  int64_t body_id = 0;
  std::string reason;  // in words
};

struct SiteProposal {
  std::vector<SitePick> picks;        // in the order chosen
  std::vector<SitePick> near_misses;  // the best of the rest, and why not
  std::vector<int64_t> no_data;       // candidates with no indicators, by name
  int asked = 0;
};

inline constexpr int kMaxProposedSites = 20;
inline constexpr int kMaxNearMisses = 3;

// How many inspections of `body_id` fall in the burden window around
// `today`.
int BurdenOf(int64_t body_id, const std::vector<PastInspection>& inspections, Date today);

// Proposes `count` sites from the candidates with indicators: each step
// picks the one adding most variation not yet covered (performance well
// and poorly, London and Wales where a candidate is there, a region not
// yet covered, large and small), less its burden; ties go to the lower
// burden, then the name, then the id, so the same facts give the same
// proposal. InvalidArgument "count" unless 1 <= count <= kMaxProposedSites.
StatusOr<SiteProposal> ProposeSites(std::vector<SiteCandidate> candidates, int count);

}  // namespace jointly
