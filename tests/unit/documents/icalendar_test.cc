// The iCalendar text itself: CRLF lines folded at 75 octets between UTF-8
// characters, TEXT escaped, all-day and timed events, and what is refused.
// A real parser reads it in icalendar_libical_test.cc.
#include "documents/icalendar.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/text.h"

namespace jointly {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr int64_t kStamp = 1764567113000000;  // 2025-12-01T05:31:53Z

Date D(std::string_view iso) { return Date::ParseOrNone(iso); }

CalendarEvent Fieldwork() {
  CalendarEvent e;
  e.uid = "inspection-7-fieldwork-2@jointly.example.gov.uk";
  e.first_day = D("2026-07-06");
  e.last_day = D("2026-07-10");
  e.summary = "Fieldwork: Gwent; Dyfed-Powys, and \\ others";
  e.description = "Line one\nLine two, with; marks\r\nŵ";
  e.location = "Cwmbrân";
  e.categories = {"Fieldwork", "Joint, HMICFRS"};
  return e;
}

std::vector<std::string> PhysicalLines(const std::string& ics) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t end; (end = ics.find("\r\n", start)) != std::string::npos; start = end + 2) {
    out.push_back(ics.substr(start, end - start));
    EXPECT_EQ(out.back().find_first_of("\r\n"), std::string::npos) << "a bare line end";
  }
  EXPECT_EQ(start, ics.size()) << "the file does not end in CRLF";
  return out;
}

// Content lines with folding undone.
std::vector<std::string> Unfolded(const std::string& ics) {
  std::vector<std::string> out;
  for (const auto& line : PhysicalLines(ics)) {
    if (!line.empty() && line[0] == ' ' && !out.empty()) {
      out.back() += line.substr(1);
    } else {
      out.push_back(line);
    }
  }
  return out;
}

TEST(ICalendar, AnAllDayEventEndsTheDayAfterItsLastDayWithItsTextEscaped) {
  auto ics = ToICalendar({"Inspection timetable", {Fieldwork()}}, kStamp);
  ASSERT_TRUE(ics.ok()) << ics.status().ToString();
  EXPECT_THAT(*ics, Not(HasSubstr("VTIMEZONE")));
  const auto lines = Unfolded(*ics);
  const std::vector<std::string> expected = {
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Jointly//Joint inspection calendar//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:Inspection timetable",
      "BEGIN:VEVENT",
      "UID:inspection-7-fieldwork-2@jointly.example.gov.uk",
      "DTSTAMP:20251201T053153Z",
      "DTSTART;VALUE=DATE:20260706",
      "DTEND;VALUE=DATE:20260711",
      "SUMMARY:Fieldwork: Gwent\\; Dyfed-Powys\\, and \\\\ others",
      "DESCRIPTION:Line one\\nLine two\\, with\\; marks\\nŵ",
      "LOCATION:Cwmbrân",
      "CATEGORIES:Fieldwork,Joint\\, HMICFRS",
      "END:VEVENT",
      "END:VCALENDAR"};
  EXPECT_EQ(lines, expected);
}

TEST(ICalendar, LongLinesFoldAt75OctetsBetweenCharacters) {
  CalendarEvent e = Fieldwork();
  e.description.clear();
  for (int i = 0; i < 40; ++i) e.description += "Arolygiaeth ŵyl “ffaith” ✓ 𝄞 ";
  auto ics = ToICalendar({"", {e}}, kStamp);
  ASSERT_TRUE(ics.ok());
  int continuations = 0;
  for (const auto& line : PhysicalLines(*ics)) {
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_TRUE(IsValidUtf8(line)) << "a character was split: " << line;
    continuations += !line.empty() && line[0] == ' ';
  }
  EXPECT_GT(continuations, 20);
  bool found = false;
  for (const auto& line : Unfolded(*ics)) found = found || line == "DESCRIPTION:" + e.description;
  EXPECT_TRUE(found);
}

TEST(ICalendar, TimedEventsAreInLondonTimeWithItsTimezone) {
  CalendarEvent e = Fieldwork();
  e.first_day = e.last_day = D("2026-03-30");
  e.start_time = TimeOfDay{9, 30};
  e.end_time = TimeOfDay{17, 0};
  e.sequence = 2;
  auto ics = ToICalendar({"", {e, Fieldwork()}}, kStamp);
  ASSERT_TRUE(ics.ok());
  const auto lines = Unfolded(*ics);
  auto has = [&](const std::string& l) {
    return std::find(lines.begin(), lines.end(), l) != lines.end();
  };
  EXPECT_TRUE(has("TZID:Europe/London"));
  EXPECT_TRUE(has("DTSTART;TZID=Europe/London:20260330T093000"));
  EXPECT_TRUE(has("DTEND;TZID=Europe/London:20260330T170000"));
  EXPECT_TRUE(has("SEQUENCE:2"));
  EXPECT_TRUE(has("DTSTART;VALUE=DATE:20260706"));
}

TEST(ICalendar, BadEventsAreNamedAndNothingIsMade) {
  CalendarEvent no_uid = Fieldwork();
  no_uid.uid = " ";
  CalendarEvent backwards = Fieldwork();
  backwards.last_day = D("2026-07-05");
  CalendarEvent one_time = Fieldwork();
  one_time.start_time = TimeOfDay{9, 0};
  CalendarEvent bad_time = Fieldwork();
  bad_time.start_time = TimeOfDay{9, 0};
  bad_time.end_time = TimeOfDay{24, 0};
  CalendarEvent same_moment = Fieldwork();
  same_moment.last_day = same_moment.first_day;
  same_moment.start_time = same_moment.end_time = TimeOfDay{9, 0};
  CalendarEvent messy = Fieldwork();
  messy.summary = "Two\nlines";
  messy.location = "Bell\a";
  messy.categories = {""};
  messy.first_day = Date();
  auto ics = ToICalendar(
      {"", {Fieldwork(), no_uid, backwards, one_time, bad_time, same_moment, messy}}, kStamp);
  ASSERT_FALSE(ics.ok());
  EXPECT_EQ(ics.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ics.status().rule(), "calendar-event");
  std::vector<std::string> fields;
  for (const auto& e : ics.status().field_errors()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{
                        "events[1].uid", "events[2].last_day", "events[3].end_time",
                        "events[4].end_time", "events[5].last_day", "events[6].summary",
                        "events[6].location", "events[6].categories[0]", "events[6].first_day"}));
}

TEST(ICalendar, AnEmptyCalendarIsStillACalendar) {
  auto ics = ToICalendar({}, kStamp);
  ASSERT_TRUE(ics.ok());
  EXPECT_EQ(*ics,
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Jointly//Joint inspection "
            "calendar//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n");
}

}  // namespace
}  // namespace jointly
