#include "documents/icalendar.h"

#include <chrono>
#include <cstdio>
#include <tuple>

#include "core/text.h"

namespace jointly {
namespace {

constexpr size_t kMaxLineOctets = 75;

// England and Wales: GMT, and BST from the last Sunday in March at 01:00
// GMT to the last Sunday in October at 01:00 GMT.
constexpr char kEuropeLondon[] =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/London\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZOFFSETFROM:+0000\r\n"
    "TZOFFSETTO:+0100\r\n"
    "TZNAME:BST\r\n"
    "DTSTART:19810329T010000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0000\r\n"
    "TZNAME:GMT\r\n"
    "DTSTART:19961027T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

// One content line, folded: at most 75 octets a line, continuation lines
// starting with a space, never splitting a UTF-8 character.
void AppendLine(std::string& out, std::string_view line) {
  size_t room = kMaxLineOctets;
  while (line.size() > room) {
    size_t cut = room;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    room = kMaxLineOctets - 1;
  }
  out.append(line);
  out += "\r\n";
}

// A TEXT value (RFC 5545 3.3.11).
std::string EscapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string DateValue(Date d) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d%02u%02u", d.year(), d.month(), d.day());
  return out;
}

std::string DateTimeValue(Date d, TimeOfDay t) {
  char out[8];
  std::snprintf(out, sizeof out, "T%02d%02d00", t.hour, t.minute);
  return DateValue(d) + out;
}

std::string UtcStamp(int64_t micros) {
  using namespace std::chrono;
  const sys_seconds t{seconds(micros / 1000000 - (micros % 1000000 < 0 ? 1 : 0))};
  const sys_days day = floor<days>(t);
  const hh_mm_ss<seconds> hms(t - day);
  char out[12];
  std::snprintf(out, sizeof out, "T%02d%02d%02dZ", static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return DateValue(Date(day)) + out;
}

bool IsLine(std::string_view s) {
  return IsValidUtf8(s) && !HasControlCharacters(s) && s.find_first_of("\r\n") == s.npos;
}

bool IsTime(const std::optional<TimeOfDay>& t) {
  return t && t->hour >= 0 && t->hour <= 23 && t->minute >= 0 && t->minute <= 59;
}

void CheckEvent(Validation& v, const CalendarEvent& e, const std::string& at) {
  const std::string rule = "calendar-event";
  if (Trim(e.uid).empty() || !IsLine(e.uid)) v.Add(at + ".uid", rule, "Give the event a uid");
  if (Trim(e.summary).empty() || !IsLine(e.summary)) {
    v.Add(at + ".summary", rule, "Give the event a summary on one line");
  }
  if (!IsValidUtf8(e.description) || HasControlCharacters(e.description)) {
    v.Add(at + ".description", rule, "Remove unusual characters from the description");
  }
  if (!IsLine(e.location)) v.Add(at + ".location", rule, "Give the location on one line");
  for (size_t i = 0; i < e.categories.size(); ++i) {
    if (Trim(e.categories[i]).empty() || !IsLine(e.categories[i])) {
      v.Add(at + ".categories[" + std::to_string(i) + "]", rule, "Give each category on one line");
    }
  }
  if (!e.first_day.ok()) v.Add(at + ".first_day", rule, "Give the event's first day");
  if (!e.last_day.ok()) v.Add(at + ".last_day", rule, "Give the event's last day");
  if (e.start_time.has_value() != e.end_time.has_value()) {
    v.Add(at + (e.start_time ? ".end_time" : ".start_time"), rule,
          "Give both a start and an end time, or neither for an all-day event");
    return;
  }
  if (e.start_time && (!IsTime(e.start_time) || !IsTime(e.end_time))) {
    v.Add(at + (IsTime(e.start_time) ? ".end_time" : ".start_time"), rule,
          "Give a time between 00:00 and 23:59");
    return;
  }
  if (!e.first_day.ok() || !e.last_day.ok()) return;
  const bool ends_before =
      e.start_time ? std::make_tuple(e.last_day, e.end_time->hour, e.end_time->minute) <=
                         std::make_tuple(e.first_day, e.start_time->hour, e.start_time->minute)
                   : e.last_day < e.first_day;
  if (ends_before) v.Add(at + ".last_day", rule, "The event must end after it starts");
}

}  // namespace

StatusOr<std::string> ToICalendar(const CalendarFile& calendar, int64_t stamp_micros) {
  Validation v;
  if (!IsLine(calendar.name))
    v.Add("name", "calendar-event", "Give the calendar's name on one line");
  bool timed = false;
  for (size_t i = 0; i < calendar.events.size(); ++i) {
    CheckEvent(v, calendar.events[i], "events[" + std::to_string(i) + "]");
    timed = timed || calendar.events[i].start_time.has_value();
  }
  RETURN_IF_ERROR(v.Finish("The calendar cannot be made"));

  std::string out;
  AppendLine(out, "BEGIN:VCALENDAR");
  AppendLine(out, "VERSION:2.0");
  AppendLine(out, "PRODID:-//Jointly//Joint inspection calendar//EN");
  AppendLine(out, "CALSCALE:GREGORIAN");
  AppendLine(out, "METHOD:PUBLISH");
  if (!calendar.name.empty()) AppendLine(out, "X-WR-CALNAME:" + EscapeText(calendar.name));
  if (timed) out += kEuropeLondon;
  const std::string stamp = UtcStamp(stamp_micros);
  for (const CalendarEvent& e : calendar.events) {
    AppendLine(out, "BEGIN:VEVENT");
    AppendLine(out, "UID:" + EscapeText(e.uid));
    AppendLine(out, "DTSTAMP:" + stamp);
    if (e.sequence != 0) AppendLine(out, "SEQUENCE:" + std::to_string(e.sequence));
    if (e.start_time) {
      AppendLine(out, "DTSTART;TZID=Europe/London:" + DateTimeValue(e.first_day, *e.start_time));
      AppendLine(out, "DTEND;TZID=Europe/London:" + DateTimeValue(e.last_day, *e.end_time));
    } else {
      AppendLine(out, "DTSTART;VALUE=DATE:" + DateValue(e.first_day));
      AppendLine(out, "DTEND;VALUE=DATE:" + DateValue(e.last_day.AddDays(1)));
    }
    AppendLine(out, "SUMMARY:" + EscapeText(e.summary));
    if (!e.description.empty()) AppendLine(out, "DESCRIPTION:" + EscapeText(e.description));
    if (!e.location.empty()) AppendLine(out, "LOCATION:" + EscapeText(e.location));
    if (!e.categories.empty()) {
      std::string list;
      for (const auto& c : e.categories) list += (list.empty() ? "" : ",") + EscapeText(c);
      AppendLine(out, "CATEGORIES:" + list);
    }
    AppendLine(out, "END:VEVENT");
  }
  AppendLine(out, "END:VCALENDAR");
  return out;
}

}  // namespace jointly
