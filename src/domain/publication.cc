#include "domain/publication.h"

#include <algorithm>
#include <cctype>

#include "core/clock.h"

namespace jointly {

namespace {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;

// The number of `n` digits at `text`'s `at`, or nullopt.
std::optional<int> Digits(std::string_view text, size_t at, size_t n) {
  if (text.size() < at + n) return std::nullopt;
  int out = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    out = out * 10 + (text[i] - '0');
  }
  return out;
}

// "HH:MM" as seconds into the day.
std::optional<int64_t> TimeOfDay(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  auto h = Digits(text, 0, 2);
  auto m = Digits(text, 3, 2);
  if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
  return *h * 3600 + *m * 60;
}

}  // namespace

std::string_view PublicationStateId(PublicationState state) {
  return state == PublicationState::kPublished ? "published" : "scheduled";
}

std::string_view PublicationStateLabel(PublicationState state) {
  return state == PublicationState::kPublished ? "Published" : "Scheduled";
}

std::optional<PublicationState> ParsePublicationState(std::string_view id) {
  if (id == "scheduled") return PublicationState::kScheduled;
  if (id == "published") return PublicationState::kPublished;
  return std::nullopt;
}

std::optional<int64_t> ParsePublicationTime(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    return std::nullopt;
  }
  auto days = ParseIsoDate(text.substr(0, 10));
  auto seconds = Digits(text, 17, 2);
  auto of_day = TimeOfDay(text.substr(11, 5));
  if (!days || !seconds || !of_day || *seconds > 59) return std::nullopt;
  return *days * kMicrosPerDay + (*of_day + *seconds) * kMicrosPerSecond;
}

StatusOr<std::string> PublicationTimeOf(std::string_view date, std::string_view time) {
  Status errors = InvalidArgument("Enter the date and time of publication", "publication-time");
  bool bad = false;
  if (date.empty()) {
    errors.AddFieldError("publish_on", "publication-time", "Enter the date of publication");
    bad = true;
  } else if (!ParseIsoDate(date)) {
    errors.AddFieldError("publish_on", "publication-time",
                         "The date of publication must be a real date");
    bad = true;
  }
  if (time.empty()) {
    errors.AddFieldError("publish_time", "publication-time", "Enter the time of publication");
    bad = true;
  } else if (!TimeOfDay(time)) {
    errors.AddFieldError("publish_time", "publication-time",
                         "The time of publication must be a time of day, like 09:30");
    bad = true;
  }
  if (bad) return errors;
  return std::string(date) + "T" + std::string(time) + ":00Z";
}

Status CheckSchedule(const ScheduleFacts& f, std::string_view publish_at) {
  if (!f.lead) {
    return PermissionDenied(
        "The lead inspectorate manages publication: its team sets the date and time (R11, M 45)",
        "R11");
  }
  if (f.current && f.current->state == PublicationState::kPublished) {
    return FailedPrecondition("The report is already published", "already-published");
  }
  if (!f.signed_off) {
    return FailedPrecondition(
        "The date of publication is set only once every participating inspectorate has signed "
        "off the report as it is now (M 40); a change since the sign-off needs it signed off "
        "again (R21)",
        "R21");
  }
  if (f.current && !f.current->embargo_sent_at.empty() && f.current->publish_at != publish_at) {
    return FailedPrecondition("Embargoed copies went out for publication at " +
                                  f.current->publish_at +
                                  "; the publication cannot be moved once they have (R21)",
                              "R21");
  }
  auto at = ParsePublicationTime(publish_at);
  if (!at) {
    return std::move(InvalidArgument("Enter the date and time of publication", "publication-time")
                         .AddFieldError("publish_at", "publication-time",
                                        "Enter the time as YYYY-MM-DDTHH:MM:SSZ"));
  }
  if (*at <= f.now_micros) {
    return std::move(
        InvalidArgument("The time of publication must be in the future", "publication-time")
            .AddFieldError("publish_at", "publication-time",
                           "The time of publication must be in the future"));
  }
  return OkStatus();
}

bool PublicationDue(const Publication& p, int64_t now_micros) {
  if (p.state != PublicationState::kScheduled) return false;
  auto at = ParsePublicationTime(p.publish_at);
  return at && now_micros >= *at;
}

int64_t EmbargoOpensAt(int64_t publish_micros) {
  return publish_micros - kEmbargoDays * kMicrosPerDay;
}

bool EmbargoDue(const Publication& p, int64_t now_micros) {
  if (p.state != PublicationState::kScheduled || !p.embargo_sent_at.empty()) return false;
  auto at = ParsePublicationTime(p.publish_at);
  return at && now_micros >= EmbargoOpensAt(*at) && now_micros < *at;
}

std::vector<EmbargoDepartment> EmbargoDepartments(const std::vector<Inspectorate>& inspectorates) {
  std::vector<EmbargoDepartment> out;
  for (const auto& i : inspectorates) {
    const std::string& sponsor = i.sponsoring_department;
    if (!i.sends_embargoed_copies || sponsor.empty()) continue;
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const EmbargoDepartment& d) { return d.name == sponsor; });
    if (it == out.end()) it = out.insert(out.end(), EmbargoDepartment{std::string(sponsor), {}});
    it->for_inspectorates.push_back(i.short_name);
  }
  return out;
}

}  // namespace jointly
