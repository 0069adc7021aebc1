#include "domain/directory.h"

#include <cctype>

#include "core/enum_ids.h"
#include "core/text.h"

namespace jointly {

std::string_view InspectorateKindId(InspectorateKind kind) {
  switch (kind) {
    case InspectorateKind::kCriminalJustice:
      return "criminal_justice";
    case InspectorateKind::kPartner:
      return "partner";
    case InspectorateKind::kJointBody:
      return "joint_body";
  }
  return "";
}

std::string_view InspectorateKindLabel(InspectorateKind kind) {
  switch (kind) {
    case InspectorateKind::kCriminalJustice:
      return "Criminal justice inspectorate";
    case InspectorateKind::kPartner:
      return "Partner inspectorate";
    case InspectorateKind::kJointBody:
      return "Joint body";
  }
  return "";
}

std::optional<InspectorateKind> ParseInspectorateKind(std::string_view id) {
  constexpr InspectorateKind kAll[] = {InspectorateKind::kCriminalJustice,
                                       InspectorateKind::kPartner, InspectorateKind::kJointBody};
  return ParseById(id, kAll, InspectorateKindId);
}

std::string_view FindingsStyleId(FindingsStyle style) {
  return style == FindingsStyle::kConcerns ? "concerns" : "recommendations";
}

std::string_view FindingsStyleLabel(FindingsStyle style) {
  return style == FindingsStyle::kConcerns ? "Concerns" : "Recommendations";
}

std::optional<FindingsStyle> ParseFindingsStyle(std::string_view id) {
  if (id == "concerns") return FindingsStyle::kConcerns;
  if (id == "recommendations") return FindingsStyle::kRecommendations;
  return std::nullopt;
}

std::string_view BodyTypeId(BodyType type) {
  switch (type) {
    case BodyType::kPoliceForce:
      return "police_force";
    case BodyType::kCpsArea:
      return "cps_area";
    case BodyType::kProbationRegion:
      return "probation_region";
    case BodyType::kProbationDeliveryUnit:
      return "probation_delivery_unit";
    case BodyType::kYouthOffendingService:
      return "youth_offending_service";
    case BodyType::kPrison:
      return "prison";
    case BodyType::kYoungOffenderInstitution:
      return "young_offender_institution";
    case BodyType::kImmigrationRemovalCentre:
      return "immigration_removal_centre";
    case BodyType::kPoliceCustodySuite:
      return "police_custody_suite";
    case BodyType::kNationalAgency:
      return "national_agency";
    case BodyType::kOther:
      return "other";
  }
  return "";
}

std::string_view BodyTypeLabel(BodyType type) {
  switch (type) {
    case BodyType::kPoliceForce:
      return "Police force";
    case BodyType::kCpsArea:
      return "CPS Area";
    case BodyType::kProbationRegion:
      return "Probation region";
    case BodyType::kProbationDeliveryUnit:
      return "Probation Delivery Unit";
    case BodyType::kYouthOffendingService:
      return "Youth offending service";
    case BodyType::kPrison:
      return "Prison";
    case BodyType::kYoungOffenderInstitution:
      return "Young offender institution";
    case BodyType::kImmigrationRemovalCentre:
      return "Immigration removal centre";
    case BodyType::kPoliceCustodySuite:
      return "Police custody suite";
    case BodyType::kNationalAgency:
      return "National agency";
    case BodyType::kOther:
      return "Other";
  }
  return "";
}

std::optional<BodyType> ParseBodyType(std::string_view id) {
  return ParseById(id, kAllBodyTypes, BodyTypeId);
}

std::string_view NationId(Nation nation) {
  switch (nation) {
    case Nation::kEngland:
      return "england";
    case Nation::kWales:
      return "wales";
    case Nation::kEnglandAndWales:
      return "england_and_wales";
  }
  return "";
}

std::string_view NationLabel(Nation nation) {
  switch (nation) {
    case Nation::kEngland:
      return "England";
    case Nation::kWales:
      return "Wales";
    case Nation::kEnglandAndWales:
      return "England and Wales";
  }
  return "";
}

std::optional<Nation> ParseNation(std::string_view id) {
  return ParseById(id, kAllNations, NationId);
}

std::optional<bool> ParseYesNo(std::string_view s) {
  const std::string v = AsciiLower(Trim(s));
  if (v == "yes" || v == "true" || v == "1" || v == "y") return true;
  if (v == "no" || v == "false" || v == "0" || v == "n") return false;
  return std::nullopt;
}

namespace {

void CheckText(Validation& v, const std::string& field, std::string_view value, size_t max_len,
               bool required, std::string_view what) {
  if (!IsValidUtf8(value)) {
    v.Add(field, "utf8", std::string(what) + " must be valid UTF-8 text");
  } else if (required && Trim(value).empty()) {
    v.Add(field, "required", "Enter " + std::string(what));
  } else if (Utf8Length(value) > max_len) {
    v.Add(field, "max-length",
          std::string(what) + " must be " + WithThousands(static_cast<int64_t>(max_len)) +
              " characters or fewer");
  } else if (HasControlCharacters(value) || value.find('\n') != std::string_view::npos) {
    v.Add(field, "single-line", std::string(what) + " must be a single line of text");
  }
}

void CheckCode(Validation& v, const std::string& field, std::string_view code) {
  if (code.empty()) {
    v.Add(field, "required", "Enter a code");
    return;
  }
  if (code.size() > kMaxCodeLength) {
    v.Add(field, "max-length",
          "Code must be " + std::to_string(kMaxCodeLength) + " characters or fewer");
    return;
  }
  for (char c : code) {
    if (!(std::isupper(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '_')) {
      v.Add(field, "code-format",
            "Code must use only capital letters, digits, hyphens and underscores");
      return;
    }
  }
}

}  // namespace

Status ValidateInspectorate(const Inspectorate& i) {
  Validation v;
  CheckCode(v, "code", i.code);
  CheckText(v, "short_name", i.short_name, 40, true, "a short name");
  CheckText(v, "full_name", i.full_name, kMaxNameLength, true, "a full name");
  CheckText(v, "senior_oversight_title", i.senior_oversight_title, 100, false,
            "a senior oversight title");
  CheckText(v, "head_name", i.head_name, kMaxNameLength, false, "the name of who leads it");
  CheckText(v, "head_title", i.head_title, kMaxNameLength, false, "the title of who leads it");
  CheckText(v, "address", i.address, kMaxAddressLength, false, "a postal address");
  CheckText(v, "website", i.website, kMaxNameLength, false, "a website");
  CheckText(v, "email", i.email, kMaxNameLength, false, "an email address");
  if (!i.email.empty() && !LooksLikeEmail(i.email)) {
    v.Add("email", "email", EmailFormatMessage("an email address"));
  }
  CheckText(v, "queries_name", i.queries_name, kMaxNameLength, false,
            "the name of the person for queries");
  CheckText(v, "sponsoring_department", i.sponsoring_department, kMaxNameLength, false,
            "the sponsoring department");
  if (i.closed_year && (*i.closed_year < 1800 || *i.closed_year > 2200)) {
    v.Add("closed_year", "range", "Closed year must be a year between 1800 and 2200");
  }
  return v.Finish();
}

Status ValidateBody(const InspectedBody& b, std::string_view prefix) {
  Validation v;
  const std::string p(prefix);
  CheckCode(v, p + "code", b.code);
  CheckText(v, p + "name", b.name, kMaxNameLength, true, "a name");
  CheckText(v, p + "region", b.region, kMaxRegionLength, false, "a region");
  CheckText(v, p + "address", b.address, kMaxAddressLength, false, "an address");
  if (b.in_london && b.nation == Nation::kWales) {
    v.Add(p + "in_london", "london-in-england", "A body in Wales cannot be in London");
  }
  return v.Finish();
}

}  // namespace jointly
