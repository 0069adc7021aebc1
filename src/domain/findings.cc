#include "domain/findings.h"

#include <algorithm>

#include "core/enum_ids.h"
#include "core/text.h"

namespace jointly {

namespace {

constexpr Naming<Sharing> kSharingNames[] = {
    {Sharing::kUndecided, "undecided", "Not decided yet"},
    {Sharing::kNothing, "nothing", "Nothing is shared"},
    {Sharing::kShared, "shared", "Emerging findings are shared"},
};

std::string NameOr(const std::map<int64_t, std::string>& name_of, int64_t id) {
  auto it = name_of.find(id);
  return it == name_of.end() ? "inspectorate " + std::to_string(id) : it->second;
}

std::string Listed(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

}  // namespace

std::string_view SharingId(Sharing sharing) { return IdIn(kSharingNames, sharing); }
std::string_view SharingLabel(Sharing sharing) { return LabelIn(kSharingNames, sharing); }

const RecordType<FindingsMeeting>& FindingsMeetingRecord() {
  static const RecordType<FindingsMeeting> type{
      .name = "findings_meeting",
      .label = "emerging-findings meeting",
      .table = "inspection_findings_meetings",
      .order_by = "inspection_id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&FindingsMeeting::id),
          ReferenceField("inspection_id", "Inspection", &FindingsMeeting::inspection_id,
                         {.what = "the inspection", .writable = false}),
          DateField("held_on", "Date of the meeting", &FindingsMeeting::held_on,
                    {.what = "the date of the meeting"}),
          TextField("dg_involvement", "Development Group representatives involved",
                    &FindingsMeeting::dg_involvement,
                    {.what = "the Development Group representatives involved",
                     .max_chars = kMaxLongText,
                     .hint = "Who took part for each inspectorate, and how"}),
          ChoiceField("sharing", "Shared with those inspected", &FindingsMeeting::sharing,
                      ChoicesOf(kAllSharings, SharingId, SharingLabel),
                      {.what = "what is shared with those inspected"}),
          TextField("shared", "What is shared", &FindingsMeeting::shared,
                    {.what = "what is shared with those inspected",
                     .max_chars = kMaxLongText,
                     .hint = "The emerging findings given to those inspected, if any"}),
          VersionField(&FindingsMeeting::version),
      }};
  return type;
}

Status ValidateFindingsMeeting(const FindingsMeeting* before, const FindingsMeeting& meeting) {
  Validation v;
  if (before && !IsBlank(before->held_on) && IsBlank(meeting.held_on)) {
    v.Add("held_on", "meeting-date-kept",
          "Enter the date of the meeting: a meeting recorded as held keeps its date, which can "
          "be corrected");
  }
  if (meeting.sharing == Sharing::kShared && IsBlank(meeting.shared)) {
    v.Add("shared", "shared-what", "Say what is shared with those inspected");
  }
  return v.Finish();
}

const RecordType<MeetingAttendance>& AttendanceRecord() {
  static const RecordType<MeetingAttendance> type{
      .name = "meeting_attendance",
      .label = "attendance at the emerging-findings meeting",
      .table = "inspection_meeting_attendance",
      .order_by = "inspectorate_id, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&MeetingAttendance::id),
          ReferenceField("inspection_id", "Inspection", &MeetingAttendance::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ReferenceField("inspectorate_id", "Inspectorate", &MeetingAttendance::inspectorate_id,
                         {.what = "the inspectorate present", .required = true}),
          LineField("attendees", "Who attended", &MeetingAttendance::attendees,
                    {.what = "who attended",
                     .required = true,
                     .max_chars = 500,
                     .hint = "Names and roles, for example the lead inspector and the "
                             "Development Group representative"}),
          VersionField(&MeetingAttendance::version),
      }};
  return type;
}

const RecordType<ReportSection>& ReportSectionRecord() {
  static const RecordType<ReportSection> type{
      .name = "report_section",
      .label = "report section",
      .table = "inspection_report_sections",
      .order_by = "position, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&ReportSection::id),
          ReferenceField("inspection_id", "Inspection", &ReportSection::inspection_id,
                         {.what = "the inspection", .writable = false}),
          IntegerField("position", "Position in the report", &ReportSection::position,
                       {.what = "the position in the report",
                        .required = true,
                        .min = 1,
                        .max = kMaxReportSections,
                        .hint = "1 for the first section"}),
          LineField(
              "title", "Title", &ReportSection::title,
              {.what = "the title of the section", .required = true, .max_chars = kMaxShortText}),
          OptionalReferenceField("contributor_id", "Contributing inspectorate",
                                 &ReportSection::contributor_id,
                                 {.what = "the contributing inspectorate",
                                  .hint = "Leave empty when every inspectorate contributes "
                                          "jointly"}),
          TextField("covers", "What it covers", &ReportSection::covers,
                    {.what = "what the section covers", .max_chars = kMaxLongText}),
          VersionField(&ReportSection::version),
      }};
  return type;
}

std::vector<ReportSection> InReportOrder(std::vector<ReportSection> sections) {
  std::stable_sort(sections.begin(), sections.end(),
                   [](const ReportSection& a, const ReportSection& b) {
                     return a.position != b.position ? a.position < b.position : a.id < b.id;
                   });
  return sections;
}

std::vector<ReportSection> Renumbered(std::vector<ReportSection> sections) {
  sections = InReportOrder(std::move(sections));
  for (size_t i = 0; i < sections.size(); ++i) sections[i].position = static_cast<int64_t>(i) + 1;
  return sections;
}

std::vector<ReportSection> Placed(std::vector<ReportSection> others, const ReportSection& placed) {
  others = Renumbered(std::move(others));
  const int64_t at = std::clamp<int64_t>(placed.position, 1, std::ssize(others) + 1);
  others.insert(others.begin() + (at - 1), placed);
  for (size_t i = 0; i < others.size(); ++i) others[i].position = static_cast<int64_t>(i) + 1;
  return others;
}

Status CheckSectionPosition(const ReportSection& section, int64_t last) {
  if (section.position <= last) return OkStatus();  // below 1: the field's own bound
  const std::string message = last <= 1
                                  ? std::string("The first section of the report is at position 1")
                                  : "Choose a position from 1 to " + std::to_string(last);
  return std::move(InvalidArgument(message, "section-order")
                       .AddFieldError("position", "section-order", message));
}

Status CheckSectionContributor(const Inspection& inspection, const ReportSection& section) {
  if (!section.contributor_id || Participates(inspection, *section.contributor_id)) {
    return OkStatus();
  }
  const char* message = "Choose an inspectorate taking part in the inspection";
  return std::move(InvalidArgument(message, "not-participating")
                       .AddFieldError("contributor_id", "not-participating", message));
}

Status CheckAttendance(const Inspection& inspection, const std::vector<MeetingAttendance>& present,
                       const MeetingAttendance& attendance) {
  if (!Participates(inspection, attendance.inspectorate_id)) {
    const char* message = "Choose an inspectorate taking part in the inspection";
    return std::move(InvalidArgument(message, "not-participating")
                         .AddFieldError("inspectorate_id", "not-participating", message));
  }
  for (const auto& p : present) {
    if (p.inspectorate_id == attendance.inspectorate_id && p.id != attendance.id) {
      const char* message = "That inspectorate is already recorded as present";
      return std::move(InvalidArgument(message, "already-recorded")
                           .AddFieldError("inspectorate_id", "already-recorded", message));
    }
  }
  return OkStatus();
}

std::vector<int64_t> AbsentFrom(const Inspection& inspection,
                                const std::vector<MeetingAttendance>& present) {
  std::vector<int64_t> out;
  for (int64_t id : inspection.participating) {
    const bool there = std::any_of(present.begin(), present.end(),
                                   [&](const auto& p) { return p.inspectorate_id == id; });
    if (!there) out.push_back(id);
  }
  return out;
}

namespace {

// The parts of R17 the meeting lacks, as field errors on `s`.
void MeetingGaps(const Inspection& inspection, const FindingsMeeting& meeting,
                 const std::vector<MeetingAttendance>& present,
                 const std::map<int64_t, std::string>& name_of, Status& s) {
  if (IsBlank(meeting.held_on)) {
    s.AddFieldError("held_on", "R17", "Record the date of the emerging-findings meeting");
  }
  std::vector<std::string> absent;
  for (int64_t id : AbsentFrom(inspection, present)) absent.push_back(NameOr(name_of, id));
  if (!absent.empty()) {
    s.AddFieldError("attendance", "R17",
                    "Every participating inspectorate must be present: record " + Listed(absent) +
                        " at the meeting");
  }
}

std::string Summary(const Status& s, const std::string& lead) {
  std::string out = lead;
  for (size_t i = 0; i < s.field_errors().size(); ++i) {
    out += (i ? "; " : ": ") + s.field_errors()[i].message;
  }
  return out;
}

}  // namespace

Status CheckMeetingHeld(const Inspection& inspection, const FindingsMeeting& meeting,
                        const std::vector<MeetingAttendance>& present,
                        const std::map<int64_t, std::string>& name_of) {
  Status gaps = FailedPrecondition("", "R17");
  MeetingGaps(inspection, meeting, present, name_of, gaps);
  if (gaps.field_errors().empty()) return OkStatus();
  Status out =
      FailedPrecondition(Summary(gaps,
                                 "The emerging-findings meeting counts once every participating "
                                 "inspectorate is present"),
                         "R17");
  for (const auto& e : gaps.field_errors()) out.AddFieldError(e.field, e.rule, e.message);
  return out;
}

Status CheckStructureReady(const Inspection& inspection, const FindingsMeeting& meeting,
                           const std::vector<MeetingAttendance>& present,
                           const std::vector<ReportSection>& sections,
                           const std::map<int64_t, std::string>& name_of) {
  Status gaps = FailedPrecondition("", "R17");
  MeetingGaps(inspection, meeting, present, name_of, gaps);
  if (IsBlank(meeting.dg_involvement)) {
    gaps.AddFieldError("dg_involvement", "R17",
                       "Record the Development Group representatives involved");
  }
  if (sections.empty()) {
    gaps.AddFieldError("sections", "R17", "Add at least one section to the report structure");
  }
  if (meeting.sharing == Sharing::kUndecided) {
    gaps.AddFieldError("sharing", "R17",
                       "Decide what, if anything, is shared with those inspected");
  }
  if (gaps.field_errors().empty()) return OkStatus();
  Status out = FailedPrecondition(
      Summary(gaps,
              "The report structure goes for agreement once the emerging-findings "
              "meeting is recorded in full"),
      "R17");
  for (const auto& e : gaps.field_errors()) out.AddFieldError(e.field, e.rule, e.message);
  return out;
}

int64_t EvidenceRegisterVersion(const std::vector<EvidenceItem>& items) {
  int64_t out = 0;
  for (const auto& e : items) out += e.version;
  return out + static_cast<int64_t>(items.size());
}

}  // namespace jointly
