// What setting the date and time of publication asks of the inspection
// beyond the report's sign-off (R21: every sponsoring department that
// receives an embargoed copy has someone named to receive it, and the time
// leaves five days for the copies; `smart`: every recommendation or concern
// is due after the day of publication), whether the embargo was kept, and
// what publication settles (the record of stages 5 to 7). Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/inspection.h"
#include "domain/publication.h"

namespace jointly {

// The publication job sends embargoed copies from this long before the
// five days before publication begin (R21), so that a copy is never late
// by the moment the job takes to run.
inline constexpr int64_t kEmbargoLeadMicros = int64_t{3600} * 1000000;

// When the job sends the embargoed copies of a report published at
// `publish_micros`: kEmbargoLeadMicros before EmbargoOpensAt.
int64_t EmbargoSendsAt(int64_t publish_micros);
// Whether embargoed copies of `p` go out at `now_micros`: scheduled, the
// time to send them come and publication not. Once they have gone, a
// recipient named later is sent a copy at once while this holds.
bool EmbargoSending(const Publication& p, int64_t now_micros);

// A recipient of an embargoed copy, as the rules see them.
struct EmbargoCopy {
  std::string department;
  std::string sent_at;  // "YYYY-MM-DDTHH:MM:SSZ"; empty before it is sent
  bool revoked = false;
};

// A recommendation or concern, as the date rule sees it.
struct DatedAsk {
  std::string words;   // what must be done
  std::string due_on;  // "YYYY-MM-DD"
};

// What the time of publication is checked against beyond CheckSchedule.
struct PublicationTimeFacts {
  int64_t now_micros = 0;
  std::vector<EmbargoDepartment> departments;  // those that receive copies (R21)
  std::vector<EmbargoCopy> copies;
  bool embargo_sent = false;  // the copies went out (the time is then fixed)
  std::vector<DatedAsk> asks;
  bool concerns = false;  // R19: the report raises concerns
};
// Every error at once, each at field "publish_at" (InvalidArgument):
// rule "R21" when copies are to go and have not, for a time less than
// kEmbargoDays from now and for each department with nobody named (or
// every one named revoked); rule "smart" for each recommendation or
// concern due on or before the day of publication, naming it. OK for a
// time that cannot be read (CheckSchedule names that).
Status CheckPublicationTime(const PublicationTimeFacts& facts, std::string_view publish_at);

// The day of publication, "YYYY-MM-DD": the day it was published, or
// before then the day it is set for.
std::string PublicationDayOf(const Publication& p);

// Where a department's embargoed copy stands (R21).
enum class EmbargoStanding {
  kNoRecipient,  // nobody named, or every one named revoked
  kNotSent,      // named, not sent yet
  kLate,         // sent, but less than kEmbargoDays before publication
  kOnTime,       // sent at least kEmbargoDays before publication
};
struct DepartmentCopy {
  std::string department;
  EmbargoStanding standing = EmbargoStanding::kNoRecipient;
  std::string sent_at;  // the earliest copy sent to it that stands; empty if none
};
// Each of `departments` with where its copy stands for publication at
// `publish_at`, counting only copies not revoked.
std::vector<DepartmentCopy> EmbargoStandings(const std::vector<EmbargoDepartment>& departments,
                                             const std::vector<EmbargoCopy>& copies,
                                             std::string_view publish_at);
// R21: whether every department's copy went at least kEmbargoDays before
// publication (true when none receives one).
bool EmbargoKept(const std::vector<DepartmentCopy>& standings);

// FailedPrecondition (rule "published-settled") when the report is
// `published` and `stage` is 5, 6 or 7: the meeting, the report, its
// approvals and the publication's own records stand as they were when it
// was published, and a change would reopen a stage already done.
Status CheckNotSettled(InspectionStage stage, bool published);
// The same for the inspection's publication `p`, if any.
Status CheckNotSettled(InspectionStage stage, const std::optional<Publication>& p);

}  // namespace jointly
