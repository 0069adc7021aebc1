// The directory: inspectorates (reference data, R12, R19, R21) and the
// bodies they inspect. Pure types and validation; storage is elsewhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace jointly {

// What kind of organisation can take part in or lead joint work.
enum class InspectorateKind {
  kCriminalJustice,  // HMICFRS, HMCPSI, HMI Probation, HMI Prisons (and HMICA, closed)
  kPartner,          // Ofsted, CQC, Estyn, HIW, CIW, Auditor General for Wales
  kJointBody,        // Joint Secretariat, CJJI Development Group, CJCIG
};
inline constexpr InspectorateKind kAllInspectorateKinds[] = {
    InspectorateKind::kCriminalJustice, InspectorateKind::kPartner, InspectorateKind::kJointBody};
std::string_view InspectorateKindId(InspectorateKind kind);
std::string_view InspectorateKindLabel(InspectorateKind kind);  // "Partner inspectorate"
std::optional<InspectorateKind> ParseInspectorateKind(std::string_view id);

// R19: what an inspectorate's reports raise when it leads.
enum class FindingsStyle { kRecommendations, kConcerns };
inline constexpr FindingsStyle kAllFindingsStyles[] = {FindingsStyle::kRecommendations,
                                                       FindingsStyle::kConcerns};
std::string_view FindingsStyleId(FindingsStyle style);
std::string_view FindingsStyleLabel(FindingsStyle style);  // "Concerns"
std::optional<FindingsStyle> ParseFindingsStyle(std::string_view id);

struct Inspectorate {
  int64_t id = 0;
  std::string code;        // "HMICFRS"
  std::string short_name;  // "HMICFRS"
  std::string full_name;   // "HM Inspectorate of Constabulary and Fire & Rescue Services"
  InspectorateKind kind = InspectorateKind::kCriminalJustice;
  std::optional<int> closed_year;                            // HMICA: 2010; history only
  FindingsStyle findings = FindingsStyle::kRecommendations;  // R19
  bool sends_embargoed_copies = false;                       // R21: 5 days before publication
  // R21: the government department that sponsors it and receives its
  // embargoed copies ("Ministry of Justice"); a body of the directory.
  std::string sponsoring_department;
  std::string senior_oversight_title;  // R12
  // Who leads it and how to reach it, as the documents print them.
  std::string head_name;     // "Dame Glenys Stacey"; the joint secretariat's head
  std::string head_title;    // "HM Chief Inspector of Probation"
  std::string address;       // postal, one line: "1st Floor, ..., Manchester M3 3FX"
  std::string website;       // "www.justiceinspectorates.gov.uk/hmiprobation"
  std::string email;         // where responses and queries are sent
  std::string queries_name;  // the person named for queries
  int64_t version = 0;

  bool is_criminal_justice() const { return kind == InspectorateKind::kCriminalJustice; }
  bool is_open() const { return !closed_year.has_value(); }
};

// InvalidArgument naming each bad field.
Status ValidateInspectorate(const Inspectorate& inspectorate);

enum class BodyType {
  kPoliceForce,
  kCpsArea,
  kProbationRegion,
  kProbationDeliveryUnit,
  kYouthOffendingService,
  kPrison,
  kYoungOffenderInstitution,
  kImmigrationRemovalCentre,
  kPoliceCustodySuite,
  kNationalAgency,
  kOther,
};
inline constexpr BodyType kAllBodyTypes[] = {
    BodyType::kPoliceForce,
    BodyType::kCpsArea,
    BodyType::kProbationRegion,
    BodyType::kProbationDeliveryUnit,
    BodyType::kYouthOffendingService,
    BodyType::kPrison,
    BodyType::kYoungOffenderInstitution,
    BodyType::kImmigrationRemovalCentre,
    BodyType::kPoliceCustodySuite,
    BodyType::kNationalAgency,
    BodyType::kOther,
};
std::string_view BodyTypeId(BodyType type);
std::string_view BodyTypeLabel(BodyType type);
std::optional<BodyType> ParseBodyType(std::string_view id);

enum class Nation { kEngland, kWales, kEnglandAndWales };
inline constexpr Nation kAllNations[] = {Nation::kEngland, Nation::kWales,
                                         Nation::kEnglandAndWales};
std::string_view NationId(Nation nation);
std::string_view NationLabel(Nation nation);
std::optional<Nation> ParseNation(std::string_view id);

struct InspectedBody {
  int64_t id = 0;
  std::string code;  // unique, e.g. "POL-AVON-SOMERSET"
  std::string name;
  BodyType type = BodyType::kOther;
  std::string region;  // e.g. "South West"; may be empty
  Nation nation = Nation::kEngland;
  bool in_london = false;
  bool active = true;
  // Postal, one line ("1 High Street, Maidstone ME14 1AA"); may be empty.
  // Printed under the addressee of a commissioning letter.
  std::string address;
  int64_t version = 0;
};

inline constexpr size_t kMaxCodeLength = 40;
inline constexpr size_t kMaxNameLength = 200;
inline constexpr size_t kMaxRegionLength = 100;
inline constexpr size_t kMaxAddressLength = 300;

// InvalidArgument naming each bad field; `prefix` is put before each field
// name (e.g. "line 4: ") so CSV imports can say where.
Status ValidateBody(const InspectedBody& body, std::string_view prefix = {});

// Parses "yes/no/true/false/1/0" (any case); nullopt otherwise.
std::optional<bool> ParseYesNo(std::string_view s);

}  // namespace jointly
