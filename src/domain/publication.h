// Stage 7 of a joint thematic inspection (M 41-47; R11, R19, R21): the
// moment of publication and the embargo before it. The lead inspectorate
// sets the date and time (UTC) once every participating inspectorate has
// signed the report off (M 40), bound to the version signed off; at that
// moment, and never before, the report is published. The sponsoring
// departments of HMI Prisons, HMI Probation and HMCPSI, when they take
// part, receive embargoed copies five days before (R21); HMICFRS sends
// none. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/directory.h"

namespace jointly {

// Embargoed copies go out this long before publication (R21, M 42).
inline constexpr int kEmbargoDays = 5;

enum class PublicationState { kScheduled, kPublished };
std::string_view PublicationStateId(PublicationState state);  // "scheduled", "published"
std::string_view PublicationStateLabel(PublicationState state);
std::optional<PublicationState> ParsePublicationState(std::string_view id);

// An inspection's publication: when, on which version of the report, and
// whether it has happened.
struct Publication {
  int64_t inspection_id = 0;
  std::string publish_at;       // "YYYY-MM-DDTHH:MM:SSZ", UTC
  int64_t content_version = 0;  // the report's version signed off (ContentVersion)
  PublicationState state = PublicationState::kScheduled;
  int64_t scheduled_by = 0;
  std::string scheduled_at;
  std::string published_at;     // when the job published it; empty before
  std::string embargo_sent_at;  // when embargoed copies went out; empty before
  int64_t version = 0;
};

// The microseconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ"; nullopt for
// anything else.
std::optional<int64_t> ParsePublicationTime(std::string_view text);
// The time a person typed as a date ("YYYY-MM-DD") and a time of day
// ("HH:MM", 24-hour, UTC), as "YYYY-MM-DDTHH:MM:00Z". InvalidArgument with
// every error at its field ("publish_on", "publish_time"; rule
// "publication-time"): missing, not a real date, not a time of day.
StatusOr<std::string> PublicationTimeOf(std::string_view date, std::string_view time);

// What decides whether the lead may set or move the publication.
struct ScheduleFacts {
  bool lead = false;               // the caller is of the lead inspectorate's team
  bool signed_off = false;         // every step of the approval chain complete (M 40)
  int64_t signed_off_version = 0;  // the report's version now, which the sign-off is on
  std::optional<Publication> current;
  int64_t now_micros = 0;
};
// Whether `publish_at` may be set: PermissionDenied (rule "R11") unless the
// lead inspectorate's team sets it; FailedPrecondition (rule "R21") before
// final sign-off is complete on the report as it is (a change since
// sign-off lapses it), or once published ("already-published"), or when
// moved after embargoed copies went out (they would name the wrong day);
// InvalidArgument (field "publish_at", rule "publication-time") for a time
// not after now.
Status CheckSchedule(const ScheduleFacts& facts, std::string_view publish_at);

// Whether the publication is due at `now_micros`: scheduled, and its time
// has come (at that microsecond, not one before).
bool PublicationDue(const Publication& p, int64_t now_micros);
// When embargoed copies go out: kEmbargoDays before publication.
int64_t EmbargoOpensAt(int64_t publish_micros);
// Whether embargoed copies are due at `now_micros`: scheduled, not yet
// sent, the embargo open and publication not yet come.
bool EmbargoDue(const Publication& p, int64_t now_micros);

// A government department that receives embargoed copies (R21) and the
// participating inspectorates (short names) it sponsors.
struct EmbargoDepartment {
  std::string name;  // "Ministry of Justice"
  std::vector<std::string> for_inspectorates;
  bool operator==(const EmbargoDepartment&) const = default;
};
// R21: the departments that receive embargoed copies of a report of the
// participating `inspectorates`: the sponsor of each that sends them
// (sends_embargoed_copies: HMI Prisons, HMI Probation, HMCPSI; HMICFRS
// does not), as the directory names it (sponsoring_department: the
// Ministry of Justice, the Attorney General's Office), each department
// once, in the order first met; none for one with no sponsor named.
std::vector<EmbargoDepartment> EmbargoDepartments(const std::vector<Inspectorate>& inspectorates);

}  // namespace jointly
