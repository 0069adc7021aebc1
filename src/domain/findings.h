// Stage 5 of a joint thematic inspection (M 29-32; R17): the joint
// emerging-findings meeting, who attended it for each participating
// inspectorate, the Development Group representatives involved, the report
// structure it agreed (ordered sections, each with the inspectorate that
// contributes it, or all of them jointly) and what, if anything, is shared
// with those inspected. Each part is a record described once; the rules
// between them are plain functions here. Pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/fieldwork.h"
#include "domain/inspection.h"
#include "domain/record.h"

namespace jointly {

// What the meeting decided to share with those inspected (M 31).
enum class Sharing { kUndecided, kNothing, kShared };
inline constexpr Sharing kAllSharings[] = {Sharing::kUndecided, Sharing::kNothing,
                                           Sharing::kShared};
std::string_view SharingId(Sharing sharing);
std::string_view SharingLabel(Sharing sharing);

// The emerging-findings meeting, one per inspection. Its version moves
// with every change to it, to who attended or to the report structure: the
// agreement of the report structure binds to one version (R11).
struct FindingsMeeting {
  int64_t id = 0;
  int64_t inspection_id = 0;
  std::string held_on;         // YYYY-MM-DD; empty until it is held
  std::string dg_involvement;  // the Development Group representatives involved, and how
  Sharing sharing = Sharing::kUndecided;
  std::string shared;  // what is shared with those inspected, when something is
  int64_t version = 0;
};
const RecordType<FindingsMeeting>& FindingsMeetingRecord();
// InvalidArgument naming each bad field: "shared" (rule "shared-what") when
// something is to be shared but the meeting does not say what; "held_on"
// (rule "meeting-date-kept") when a meeting recorded as held, as it was
// `before`, loses its date.
Status ValidateFindingsMeeting(const FindingsMeeting* before, const FindingsMeeting& meeting);

// A participating inspectorate present at the meeting, and who attended
// for it.
struct MeetingAttendance {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t inspectorate_id = 0;
  std::string attendees;
  int64_t version = 0;
};
const RecordType<MeetingAttendance>& AttendanceRecord();

// A section of the agreed report structure: where it comes, its title, and
// the inspectorate that contributes it (none: every participating
// inspectorate jointly).
struct ReportSection {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t position = 1;
  std::string title;
  std::optional<int64_t> contributor_id;
  std::string covers;  // what it covers, if said
  int64_t version = 0;
};
const RecordType<ReportSection>& ReportSectionRecord();
inline constexpr int64_t kMaxReportSections = 99;
// Sections in the order of the report: by position, then as added.
std::vector<ReportSection> InReportOrder(std::vector<ReportSection> sections);
// The report structure's sections are numbered 1..n, with no gap and no
// two at one position. The sections in report order, numbered so.
std::vector<ReportSection> Renumbered(std::vector<ReportSection> sections);
// The sections with `placed` put at its position among `others` (the rest
// of the report, without it), which keep their order around it: inserting
// at a position shifts the sections from there on down one, and moving a
// section shifts those it passes. Numbered 1..n.
std::vector<ReportSection> Placed(std::vector<ReportSection> others, const ReportSection& placed);
// InvalidArgument (field "position", rule "section-order") for a position
// past the report's end: `last` is the last a section may take (one past
// the sections there are, when adding one; as many as there are, when
// moving one).
Status CheckSectionPosition(const ReportSection& section, int64_t last);
// InvalidArgument (field "contributor_id", rule "not-participating") for a
// contributor that does not take part in the inspection.
Status CheckSectionContributor(const Inspection& inspection, const ReportSection& section);
// InvalidArgument (field "inspectorate_id"): an inspectorate not taking
// part (rule "not-participating"), or one already recorded as present
// (rule "already-recorded").
Status CheckAttendance(const Inspection& inspection, const std::vector<MeetingAttendance>& present,
                       const MeetingAttendance& attendance);

// R17: the participating inspectorates not recorded as present.
std::vector<int64_t> AbsentFrom(const Inspection& inspection,
                                const std::vector<MeetingAttendance>& present);
// R17: the meeting counts only once it is dated and every participating
// inspectorate was present. FailedPrecondition (rule "R17") naming what is
// missing, each absent inspectorate by `name_of` (short names).
Status CheckMeetingHeld(const Inspection& inspection, const FindingsMeeting& meeting,
                        const std::vector<MeetingAttendance>& present,
                        const std::map<int64_t, std::string>& name_of);
// What the report structure still lacks before it goes for agreement
// (R17): the meeting held (CheckMeetingHeld), the Development Group
// representatives involved, at least one section, what is shared with those
// inspected decided. FailedPrecondition (rule "R17") naming every one.
Status CheckStructureReady(const Inspection& inspection, const FindingsMeeting& meeting,
                           const std::vector<MeetingAttendance>& present,
                           const std::vector<ReportSection>& sections,
                           const std::map<int64_t, std::string>& name_of);

// The version of the evidence register as a whole, that the agreement that
// its quality assurance is done binds to: it moves when an item is added or
// changed.
int64_t EvidenceRegisterVersion(const std::vector<EvidenceItem>& items);

}  // namespace jointly
