// For the API tests (tests/api/mail.test.mjs): runs the real building
// blocks that no route uses yet on JSON read from standard input.
//
//   test_tool send-mail URL FROM   sends {from, to, cc, subject, body,
//                                  attachments: [{file_name, media_type,
//                                  path}]} through the SMTP Mailer
//   test_tool icalendar STAMP      writes ToICalendar of {name, events:
//                                  [{uid, sequence, first_day, last_day,
//                                  start_time "HH:MM", end_time, summary,
//                                  description, location, categories}]}
//
// Exit status 0 on success; 1 with the Status on standard error.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "documents/icalendar.h"
#include "mail/smtp/smtp_mailer.h"

namespace jointly {
namespace {

using nlohmann::json;

int Fail(const Status& s) {
  std::cerr << s.ToString() << "\n";
  for (const auto& e : s.field_errors()) std::cerr << "  " << e.field << ": " << e.message << "\n";
  return 1;
}

Mailbox MailboxOf(const json& j) {
  if (j.is_string()) return {"", j.get<std::string>()};
  return {j.value("name", ""), j.value("address", "")};
}

int SendMail(const std::string& url, const std::string& from, const json& in) {
  MailMessage m;
  if (in.contains("from")) m.from = MailboxOf(in["from"]);
  for (const auto& t : in.value("to", json::array())) m.to.push_back(MailboxOf(t));
  for (const auto& c : in.value("cc", json::array())) m.cc.push_back(MailboxOf(c));
  m.subject = in.value("subject", "");
  m.body = in.value("body", "");
  for (const auto& a : in.value("attachments", json::array())) {
    std::ifstream file(a.at("path").get<std::string>(), std::ios::binary);
    m.attachments.push_back({a.at("file_name"), a.at("media_type"),
                             std::string(std::istreambuf_iterator<char>(file), {})});
  }
  auto mailer = NewSmtpMailer({url, from}, SystemClock(), SmtpTimeouts{5, 20});
  if (!mailer.ok()) return Fail(mailer.status());
  if (Status s = (*mailer)->Send(m); !s.ok()) return Fail(s);
  return 0;
}

std::optional<TimeOfDay> TimeOf(const json& event, const char* key) {
  if (!event.contains(key)) return std::nullopt;
  const std::string t = event[key];
  return TimeOfDay{std::stoi(t.substr(0, 2)), std::stoi(t.substr(3, 2))};
}

int WriteICalendar(int64_t stamp_micros, const json& in) {
  CalendarFile calendar;
  calendar.name = in.value("name", "");
  for (const auto& e : in.value("events", json::array())) {
    CalendarEvent event;
    event.uid = e.value("uid", "");
    event.sequence = e.value("sequence", 0);
    event.first_day = Date::ParseOrNone(e.value("first_day", ""));
    event.last_day = Date::ParseOrNone(e.value("last_day", ""));
    event.start_time = TimeOf(e, "start_time");
    event.end_time = TimeOf(e, "end_time");
    event.summary = e.value("summary", "");
    event.description = e.value("description", "");
    event.location = e.value("location", "");
    event.categories = e.value("categories", std::vector<std::string>{});
    calendar.events.push_back(std::move(event));
  }
  auto ics = ToICalendar(calendar, stamp_micros);
  if (!ics.ok()) return Fail(ics.status());
  std::fwrite(ics->data(), 1, ics->size(), stdout);
  return 0;
}

}  // namespace
}  // namespace jointly

int main(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "";
  try {
    const nlohmann::json in = nlohmann::json::parse(std::cin);
    if (command == "send-mail" && argc == 4) return jointly::SendMail(argv[2], argv[3], in);
    if (command == "icalendar" && argc == 3) {
      return jointly::WriteICalendar(std::stoll(argv[2]) * 1000000, in);
    }
  } catch (const std::exception& e) {
    std::cerr << "test_tool: " << e.what() << "\n";
    return 2;
  }
  std::cerr << "usage: test_tool send-mail URL FROM | icalendar STAMP_SECONDS (JSON on stdin)\n";
  return 2;
}
