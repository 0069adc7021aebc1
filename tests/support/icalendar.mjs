// Reads an iCalendar file (RFC 5545) with a real parser, npm ical.js, for
// tests of served calendars: the calendar's name and its events with each
// field decoded, dates as 'YYYY-MM-DD' and times as 'YYYY-MM-DDTHH:MM:SS'
// with their time zone. Throws if ical.js cannot parse the text.
import ICAL from 'ical.js';

function when(prop) {
  if (!prop) return undefined;
  const t = prop.getFirstValue();
  const tzid = prop.getParameter('tzid');
  if (t.isDate) return { date: t.toString() };
  return { dateTime: t.toString(), tzid, utc: t.toJSDate().toISOString() };
}

export function parseICalendar(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  // Makes each event's TZID resolve to the file's own VTIMEZONE.
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  const events = calendar.getAllSubcomponents('vevent').map((e) => ({
    uid: e.getFirstPropertyValue('uid'),
    sequence: e.getFirstPropertyValue('sequence') ?? 0,
    stamp: e.getFirstPropertyValue('dtstamp')?.toString(),
    summary: e.getFirstPropertyValue('summary'),
    description: e.getFirstPropertyValue('description') ?? '',
    location: e.getFirstPropertyValue('location') ?? '',
    categories: e.getAllProperties('categories').flatMap((p) => p.getValues()),
    start: when(e.getFirstProperty('dtstart')),
    end: when(e.getFirstProperty('dtend')),
  }));
  return {
    version: calendar.getFirstPropertyValue('version'),
    prodid: calendar.getFirstPropertyValue('prodid'),
    name: calendar.getFirstPropertyValue('x-wr-calname') ?? '',
    timezones: calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')),
    events,
  };
}
