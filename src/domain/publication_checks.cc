#include "domain/publication_checks.h"

#include <algorithm>

#include "core/date.h"
#include "core/text.h"

namespace jointly {

namespace {

constexpr int64_t kMicrosPerDay = int64_t{86400} * 1000000;

// "1 May 2027" for "2027-05-01"; the text itself if it is not a date.
std::string DayInWords(std::string_view iso) {
  const auto day = Date::Parse(iso);
  return day ? day->ToDayMonthYear() : std::string(iso);
}

// The first words of `text`, at most `n` characters, for naming it.
std::string Shortened(std::string_view text, size_t n) {
  std::string out(Trim(text));
  if (out.size() <= n) return out;
  out.resize(n);
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
  if (!out.empty()) out.pop_back();
  return out + "…";
}

}  // namespace

int64_t EmbargoSendsAt(int64_t publish_micros) {
  return EmbargoOpensAt(publish_micros) - kEmbargoLeadMicros;
}

bool EmbargoSending(const Publication& p, int64_t now_micros) {
  if (p.state != PublicationState::kScheduled) return false;
  const auto at = ParsePublicationTime(p.publish_at);
  return at && now_micros >= EmbargoSendsAt(*at) && now_micros < *at;
}

Status CheckPublicationTime(const PublicationTimeFacts& f, std::string_view publish_at) {
  const auto at = ParsePublicationTime(publish_at);
  if (!at) return OkStatus();
  Status errors = InvalidArgument("The date and time of publication cannot be set yet", "R21");
  bool bad = false;
  if (!f.departments.empty() && !f.embargo_sent) {
    if (*at > f.now_micros && EmbargoOpensAt(*at) < f.now_micros) {
      errors.AddFieldError(
          "publish_at", "R21",
          "The time of publication must be at least five days from now: the embargoed copies "
          "go to the sponsoring departments five days before publication (R21)");
      bad = true;
    }
    for (const auto& d : f.departments) {
      const bool named = std::any_of(f.copies.begin(), f.copies.end(), [&](const EmbargoCopy& c) {
        return c.department == d.name && !c.revoked;
      });
      if (named) continue;
      errors.AddFieldError("publish_at", "R21",
                           "Name who receives the embargoed copy for the " + d.name + " (for " +
                               InWordsList(d.for_inspectorates) +
                               ") first: it goes five days before publication (R21)");
      bad = true;
    }
  }
  const std::string day(publish_at.substr(0, 10));
  const std::string kind = f.concerns ? "Concern" : "Recommendation";
  for (size_t i = 0; i < f.asks.size(); ++i) {
    const DatedAsk& a = f.asks[i];
    if (a.due_on.empty() || a.due_on > day) continue;
    errors.AddFieldError("publish_at", "smart",
                         kind + " " + std::to_string(i + 1) + " (\"" + Shortened(a.words, 60) +
                             "\") is due by " + DayInWords(a.due_on) +
                             ", which is not after the day of publication: change its date "
                             "first, or publish earlier");
    bad = true;
  }
  if (!bad) return OkStatus();
  return errors;
}

std::string PublicationDayOf(const Publication& p) {
  const std::string& at = p.state == PublicationState::kPublished && !p.published_at.empty()
                              ? p.published_at
                              : p.publish_at;
  return at.substr(0, std::min<size_t>(at.size(), 10));
}

std::vector<DepartmentCopy> EmbargoStandings(const std::vector<EmbargoDepartment>& departments,
                                             const std::vector<EmbargoCopy>& copies,
                                             std::string_view publish_at) {
  const auto at = ParsePublicationTime(publish_at);
  std::vector<DepartmentCopy> out;
  for (const auto& d : departments) {
    DepartmentCopy c{d.name, EmbargoStanding::kNoRecipient, ""};
    for (const auto& copy : copies) {
      if (copy.department != d.name || copy.revoked) continue;
      if (copy.sent_at.empty()) {
        if (c.standing == EmbargoStanding::kNoRecipient) c.standing = EmbargoStanding::kNotSent;
        continue;
      }
      const auto sent = ParsePublicationTime(copy.sent_at);
      const bool on_time = at && sent && *sent <= *at - kEmbargoDays * kMicrosPerDay;
      const EmbargoStanding standing = on_time ? EmbargoStanding::kOnTime : EmbargoStanding::kLate;
      if (c.sent_at.empty() || copy.sent_at < c.sent_at) c.sent_at = copy.sent_at;
      c.standing = std::max(c.standing, standing);
    }
    out.push_back(std::move(c));
  }
  return out;
}

bool EmbargoKept(const std::vector<DepartmentCopy>& standings) {
  return std::all_of(standings.begin(), standings.end(), [](const DepartmentCopy& c) {
    return c.standing == EmbargoStanding::kOnTime;
  });
}

Status CheckNotSettled(InspectionStage stage, bool published) {
  if (!published) return OkStatus();
  if (stage != InspectionStage::kFindings && stage != InspectionStage::kReport &&
      stage != InspectionStage::kPublication) {
    return OkStatus();
  }
  return FailedPrecondition("The report is published, so what it was published on is settled: " +
                                std::string(InspectionStageLabel(stage)) +
                                " cannot be changed now, nor anything else of stages 5 to 7",
                            "published-settled");
}

Status CheckNotSettled(InspectionStage stage, const std::optional<Publication>& p) {
  return CheckNotSettled(stage, p && p->state == PublicationState::kPublished);
}

}  // namespace jointly
