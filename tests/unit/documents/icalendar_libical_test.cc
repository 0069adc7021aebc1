// What ToICalendar writes, read back by a real iCalendar parser (libical,
// linked by this test only): no parse errors, and every field of every
// event as it was given, long Welsh text, escapes and London times
// included.
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <memory>

#include "documents/icalendar.h"

namespace jointly {
namespace {

constexpr int64_t kStamp = 1764567113000000;  // 2025-12-01T05:31:53Z

struct Freer {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

std::vector<CalendarEvent> Events() {
  CalendarEvent fieldwork;
  fieldwork.uid = "inspection-7-fieldwork-2@jointly.example.gov.uk";
  fieldwork.first_day = *Date::Parse("2026-07-06");
  fieldwork.last_day = *Date::Parse("2026-07-10");
  fieldwork.summary = "Fieldwork: Gwent; Dyfed-Powys, and \\ others";
  for (int i = 0; i < 30; ++i) {
    fieldwork.description += "Gwaith maes ar y cyd – Arolygiaeth “ŵyl” ✓ 𝄞; line " +
                             std::to_string(i) + ", with \\ marks\n";
  }
  fieldwork.location = "Heddlu Gwent, Cwmbrân";
  fieldwork.categories = {"Fieldwork", "Joint, HMICFRS", "Peak leave: Summer 2026"};

  CalendarEvent meeting;
  meeting.uid = "inspection-7-erg-1@jointly.example.gov.uk";
  meeting.sequence = 3;
  meeting.first_day = meeting.last_day = *Date::Parse("2026-07-01");
  meeting.start_time = TimeOfDay{10, 0};
  meeting.end_time = TimeOfDay{12, 30};
  meeting.summary = "External reference group";

  CalendarEvent winter = meeting;
  winter.uid = "inspection-7-erg-2@jointly.example.gov.uk";
  winter.sequence = 0;
  winter.first_day = *Date::Parse("2026-12-31");
  winter.last_day = *Date::Parse("2027-01-01");
  winter.start_time = TimeOfDay{23, 0};
  winter.end_time = TimeOfDay{1, 15};
  return {fieldwork, meeting, winter};
}

std::string Text(const char* s) { return s ? s : ""; }

int CountErrors(icalcomponent* c) {
  int n = icalcomponent_count_properties(c, ICAL_XLICERROR_PROPERTY);
  for (icalcomponent* sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); sub;
       sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
    n += CountErrors(sub);
  }
  return n;
}

TEST(ICalendarLibical, EveryFieldRoundTripsThroughLibical) {
  const std::vector<CalendarEvent> events = Events();
  auto ics = ToICalendar({"Inspection timetable", events}, kStamp);
  ASSERT_TRUE(ics.ok()) << ics.status().ToString();
  std::unique_ptr<icalcomponent, Freer> calendar(icalparser_parse_string(ics->c_str()));
  ASSERT_NE(calendar, nullptr);
  ASSERT_EQ(icalcomponent_isa(calendar.get()), ICAL_VCALENDAR_COMPONENT);
  EXPECT_EQ(CountErrors(calendar.get()), 0) << icalcomponent_as_ical_string(calendar.get());
  EXPECT_EQ(Text(icalproperty_get_prodid(
                icalcomponent_get_first_property(calendar.get(), ICAL_PRODID_PROPERTY))),
            "-//Jointly//Joint inspection calendar//EN");
  EXPECT_EQ(Text(icalproperty_get_version(
                icalcomponent_get_first_property(calendar.get(), ICAL_VERSION_PROPERTY))),
            "2.0");
  icaltimezone* london = icalcomponent_get_timezone(calendar.get(), "Europe/London");
  ASSERT_NE(london, nullptr);
  icaltimezone* utc = icaltimezone_get_utc_timezone();

  size_t i = 0;
  for (icalcomponent* ev = icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
       ev; ev = icalcomponent_get_next_component(calendar.get(), ICAL_VEVENT_COMPONENT), ++i) {
    ASSERT_LT(i, events.size());
    const CalendarEvent& want = events[i];
    SCOPED_TRACE(want.uid);
    EXPECT_EQ(Text(icalcomponent_get_uid(ev)), want.uid);
    EXPECT_EQ(Text(icalcomponent_get_summary(ev)), want.summary);
    EXPECT_EQ(Text(icalcomponent_get_description(ev)), want.description);
    EXPECT_EQ(Text(icalcomponent_get_location(ev)), want.location);
    EXPECT_EQ(icalcomponent_get_sequence(ev), want.sequence);
    const icaltimetype stamp = icalcomponent_get_dtstamp(ev);
    EXPECT_EQ(std::string(icaltime_as_ical_string(stamp)), "20251201T053153Z");
    std::vector<std::string> categories;
    for (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_CATEGORIES_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_CATEGORIES_PROPERTY)) {
      categories.push_back(Text(icalproperty_get_categories(p)));
    }
    EXPECT_EQ(categories, want.categories);

    const icaltimetype start = icalcomponent_get_dtstart(ev);
    const icaltimetype end = icalcomponent_get_dtend(ev);
    if (!want.start_time) {
      EXPECT_TRUE(start.is_date);
      EXPECT_TRUE(end.is_date);
      EXPECT_EQ(std::string(icaltime_as_ical_string(start)), "20260706");
      EXPECT_EQ(std::string(icaltime_as_ical_string(end)), "20260711");  // the day after
      continue;
    }
    EXPECT_FALSE(start.is_date);
    EXPECT_EQ(Text(icaltime_get_tzid(start)), "Europe/London");
    EXPECT_EQ(start.year, want.first_day.year());
    EXPECT_EQ(start.month, static_cast<int>(want.first_day.month()));
    EXPECT_EQ(start.day, static_cast<int>(want.first_day.day()));
    EXPECT_EQ(start.hour, want.start_time->hour);
    EXPECT_EQ(start.minute, want.start_time->minute);
    EXPECT_EQ(end.day, static_cast<int>(want.last_day.day()));
    EXPECT_EQ(end.hour, want.end_time->hour);
    EXPECT_EQ(end.minute, want.end_time->minute);
    // The VTIMEZONE puts July in BST and December in GMT.
    const icaltimetype start_utc = icaltime_convert_to_zone(start, utc);
    EXPECT_EQ(start_utc.hour,
              want.first_day.month() == 7 ? want.start_time->hour - 1 : want.start_time->hour);
  }
  EXPECT_EQ(i, events.size());
}

}  // namespace
}  // namespace jointly
