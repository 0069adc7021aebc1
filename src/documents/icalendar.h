// Calendars as iCalendar files (RFC 5545), which Outlook and other calendar
// programs open: a VCALENDAR of events, all-day or at times of day in
// England and Wales (Europe/London, with its VTIMEZONE). Pure: the moment
// the file is made (DTSTAMP) comes in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace jointly {

// A time of day on the clocks of England and Wales (GMT or BST).
struct TimeOfDay {
  int hour = 0;    // 0-23
  int minute = 0;  // 0-59
  bool operator==(const TimeOfDay&) const = default;
};

struct CalendarEvent {
  // Unique for ever and everywhere, so a calendar that imports the file
  // again updates the event instead of adding a copy:
  // "inspection-12-fieldwork-3@jointly.example.gov.uk".
  std::string uid;
  // Raise when the event changes, so calendars take the newer one.
  int sequence = 0;
  // All day: the first and last days (inclusive). At a time: both times
  // given, start on `first_day` and end on `last_day`.
  Date first_day;
  Date last_day;
  std::optional<TimeOfDay> start_time;
  std::optional<TimeOfDay> end_time;
  std::string summary;                  // one line
  std::string description;              // may have line breaks
  std::string location;                 // one line, may be empty
  std::vector<std::string> categories;  // each one line, may be empty
};

struct CalendarFile {
  std::string name;  // the calendar's name in a calendar program (X-WR-CALNAME)
  std::vector<CalendarEvent> events;
};

// The iCalendar text of `calendar`, made at `stamp_micros` (UTC; every
// event's DTSTAMP): PRODID and VERSION 2.0, CRLF line ends, lines folded at
// 75 octets without splitting a UTF-8 character, TEXT values escaped
// (backslash, semicolon, comma, line breaks). All-day events end (DTEND)
// the day after their last day, as RFC 5545 counts. InvalidArgument (rule
// "calendar-event") naming each bad field ("events[2].last_day") for an
// event without a uid or summary, ending before it starts, with one time
// but not both, a time out of range, or text that is not UTF-8 or holds
// control characters (or line breaks where one line is expected).
StatusOr<std::string> ToICalendar(const CalendarFile& calendar, int64_t stamp_micros);

// The media type and file name extension of what ToICalendar makes.
inline constexpr char kICalendarMediaType[] = "text/calendar; charset=utf-8";
inline constexpr char kICalendarExtension[] = ".ics";

}  // namespace jointly
