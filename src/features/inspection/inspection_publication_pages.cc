// The GOV.UK pages of stage 7's publication (M 41-47; R11, R21): where the
// publication stands in words, the lead's form that sets or moves its date
// and time (UTC), the embargoed copies' recipients with when each link was
// sent and opened, and the step that asks before a link is revoked.
#include <algorithm>

#include "core/text.h"
#include "domain/publication_checks.h"
#include "features/inspection/inspection_feature.h"
#include "features/inspection/inspection_page_parts.h"
#include "web/record_form.h"

namespace jointly::web {

namespace inspection_pages {

namespace {

// "10:00 on 14 May 2018 (UTC)" for "2018-05-14T10:00:00Z"; the text itself
// if it is not a time.
std::string MomentInWords(const std::string& at) {
  const auto day = Date::Parse(at.substr(0, std::min<size_t>(at.size(), 10)));
  if (!day || at.size() < 16) return at;
  return at.substr(11, 5) + " on " + day->ToDayMonthYear() + " (UTC)";
}

// Where the publication stands, in words: its tag, a heading line and what
// follows from it.
json StateOf(const InspectionView& v) {
  const std::string id = std::to_string(v.inspection.id);
  if (!v.publication) {
    if (!v.signed_off) {
      return {{"tag", "govuk-tag--grey"},
              {"label", "Not set yet"},
              {"words",
               "The date and time of publication cannot be set yet: every participating "
               "inspectorate's HM Inspector and Chief Inspector must first sign off the report as "
               "it stands (final sign-off, on the Report tab)."}};
    }
    return {{"tag", "govuk-tag--blue"},
            {"label", "Not set yet"},
            {"words",
             "The report is signed off. The lead inspectorate's team sets the date and time of "
             "publication below."}};
  }
  const Publication& p = *v.publication;
  if (p.state == PublicationState::kPublished) {
    return {{"tag", "govuk-tag--green"},
            {"label", "Published"},
            {"words", "Published at " + MomentInWords(p.published_at) + "."},
            {"report", "/reports/" + id}};
  }
  if (!v.signed_off) {
    return {{"tag", "govuk-tag--red"},
            {"label", "Held"},
            {"words", "Set for " + MomentInWords(p.publish_at) +
                          ", but held: the report changed since it was signed off. It is "
                          "published, at that time or as soon after it as it is, once every "
                          "inspectorate has signed it off again."}};
  }
  return {{"tag", "govuk-tag--light-blue"},
          {"label", "Scheduled"},
          {"words", "Scheduled for " + MomentInWords(p.publish_at) +
                        ". The report appears on the public website at that moment, and not "
                        "before."}};
}

// Where each department's embargoed copy stands (R21), in words true at
// every state: before the time is set, before the copies go, once they
// went (on time or late), and for a department nobody is named for.
json DepartmentRows(const InspectionView& v) {
  std::vector<EmbargoCopy> copies;
  for (const auto& r : v.embargo_recipients) {
    copies.push_back({r.department, r.sent_at, !r.revoked_at.empty()});
  }
  const std::string publish_at = v.publication ? v.publication->publish_at : "";
  const auto standings = EmbargoStandings(v.embargo_departments, copies, publish_at);
  const bool published = v.publication && v.publication->state == PublicationState::kPublished;
  json out = json::array();
  for (size_t k = 0; k < standings.size(); ++k) {
    const DepartmentCopy& c = standings[k];
    std::string tag;
    std::string label;
    std::string words;
    switch (c.standing) {
      case EmbargoStanding::kNoRecipient:
        tag = "govuk-tag--red";
        label = "Nobody named";
        words = published ? "No copy went to it before publication."
                          : "Name who receives its copy: the time of publication cannot be set "
                            "until every department has someone named (R21).";
        if (v.publication && !v.publication->embargo_sent_at.empty() && !published) {
          words =
              "No copy went to it: nobody is named, or every link was revoked. Someone named "
              "now is sent a link at once.";
        }
        break;
      case EmbargoStanding::kNotSent:
        tag = "govuk-tag--grey";
        label = "Not sent yet";
        words = v.publication && !published
                    ? "Its copy goes out by e-mail five days before publication."
                    : "Its copy goes out by e-mail five days before publication, once the time "
                      "is set.";
        break;
      case EmbargoStanding::kLate:
        tag = "govuk-tag--yellow";
        label = "Sent late";
        words = "Its copy went at " + MomentInWords(c.sent_at) +
                ", less than five days before publication (R21).";
        break;
      case EmbargoStanding::kOnTime:
        tag = "govuk-tag--green";
        label = "Sent";
        words = "Its copy went at " + MomentInWords(c.sent_at) +
                ", at least five days before publication.";
        break;
    }
    out.push_back({{"name", c.department + ", for " +
                                InWordsList(v.embargo_departments[k].for_inspectorates)},
                   {"tag", tag},
                   {"label", label},
                   {"words", words}});
  }
  return out;
}

// The earliest moment a copy went to anyone; empty if none went.
std::string FirstSent(const InspectionView& v) {
  std::string first;
  for (const auto& r : v.embargo_recipients) {
    if (!r.sent_at.empty() && (first.empty() || r.sent_at < first)) first = r.sent_at;
  }
  return first;
}

std::string OpeningWhat(const std::string& what) {
  return what == "pdf" ? "the PDF" : "the report's page";
}

json RecipientRows(const InspectionView& v, bool may_revoke) {
  json out = json::array();
  for (const auto& r : v.embargo_recipients) {
    json openings = json::array();
    for (const auto& o : v.embargo_openings) {
      if (o.recipient_id != r.id) continue;
      openings.push_back(MomentInWords(o.opened_at) + ", " + OpeningWhat(o.what));
    }
    std::string sent = "Not sent yet";
    if (!r.sent_at.empty()) sent = "Sent at " + MomentInWords(r.sent_at);
    out.push_back({{"rid", r.id},
                   {"name", r.name},
                   {"email", r.email},
                   {"department", r.department},
                   {"sent", sent},
                   {"revoked", r.revoked_at.empty() ? "" : MomentInWords(r.revoked_at)},
                   {"openings", openings},
                   {"opened", !openings.empty()},
                   {"may_revoke", may_revoke && r.revoked_at.empty()}});
  }
  return out;
}

// The time of day as the page sends it: "HH:MM" from the hour's and the
// minute's boxes when both are whole numbers, "" when both are blank, and
// what was typed otherwise (which is no time of day).
std::string TimeParam(const Request& req) {
  const std::string hour = Field(req, "publish_time");
  const std::string minute = Field(req, "publish_time-minute");
  if (hour.empty() && minute.empty()) return "";
  const auto h = ParseInt(hour, 0, 99);
  const auto m = ParseInt(minute, 0, 99);
  if (!h || !m || hour.size() > 2 || minute.size() > 2) return hour + ":" + minute;
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(*h), static_cast<int>(*m));
  return text;
}

void ScheduleForm(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const bool posted = in.sent && in.form == "publication";
  std::string iso;
  std::string hour;
  std::string minute;
  if (v.publication && v.publication->publish_at.size() >= 16) {
    iso = v.publication->publish_at.substr(0, 10);
    hour = v.publication->publish_at.substr(11, 2);
    minute = v.publication->publish_at.substr(14, 2);
  }
  if (posted) {
    d["f_publish_on"] = DateField(d, in.req, true, "publish_on", "Date of publication");
    hour = Param(in.req, "publish_time");
    minute = Param(in.req, "publish_time-minute");
  } else {
    d["f_publish_on"] = DateField(d, "publish_on", "Date of publication", iso);
  }
  json time = FormField(d, "publish_time", "Time of publication (UTC)", hour,
                        "24-hour clock, in UTC. For example, 10 and 00 for 10am");
  time["minute"] = minute;
  d["f_publish_time"] = time;
}

}  // namespace

void PublicationPage(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const bool published = v.publication && v.publication->state == PublicationState::kPublished;
  const bool sent = v.publication && !v.publication->embargo_sent_at.empty();
  d["stage_open"] = CheckStageOpen(v.stages, InspectionStage::kPublication).ok();
  d["stage_blockers"] = StageBlockers(v, InspectionStage::kPublication);
  d["state"] = StateOf(v);
  d["published"] = published;
  d["report_href"] = "/reports/" + std::to_string(v.inspection.id);
  const bool lead = v.standing.lead_team;
  d["may_schedule"] = lead && v.signed_off && !published && !sent;
  d["moving"] = v.publication.has_value();
  if (sent && !published) {
    const std::string first = FirstSent(v);
    d["fixed"] = (first.empty() ? "The embargoed copies were due at " +
                                      MomentInWords(v.publication->embargo_sent_at) +
                                      ", but nobody named was sent one"
                                : "Embargoed copies went out from " + MomentInWords(first)) +
                 " for publication at " + MomentInWords(v.publication->publish_at) +
                 ", so the time can no longer be moved (R21).";
  }
  ScheduleForm(d, in);
  // Embargoed copies (R21).
  const json departments = DepartmentRows(v);
  d["embargo_applies"] = !v.embargo_departments.empty();
  d["departments"] = departments;
  if (v.publication && !published) {
    if (auto at = ParsePublicationTime(v.publication->publish_at)) {
      d["links_go"] = MomentInWords(FormatTimestamp(EmbargoSendsAt(*at)));
    }
  }
  d["name_hint"] = sent ? "The embargoed copies have gone: someone named now is sent their "
                          "personal link by e-mail at once."
                        : "Someone named is sent their personal link by e-mail when the embargoed "
                          "copies go out, five days before publication.";
  d["embargo_sent"] = sent;
  d["recipients"] = RecipientRows(v, lead && !published);
  d["has_recipients"] = !v.embargo_recipients.empty();
  d["may_name"] = lead && !published && !v.embargo_departments.empty();
  const bool naming = in.sent && in.form == "embargo_recipient";
  std::vector<std::pair<std::string, std::string>> choices;
  if (v.embargo_departments.size() != 1) choices.emplace_back("", "Choose the department");
  for (const auto& dep : v.embargo_departments) choices.emplace_back(dep.name, dep.name);
  d["f_department"] =
      FormField(d, "department", "Department", naming ? Param(in.req, "department") : "",
                "The sponsoring department they receive it for");
  d["f_department"]["options"] =
      Options(choices, naming ? Param(in.req, "department")
                              : (choices.size() == 1 ? choices.front().first : std::string()));
  d["f_name"] = FormField(d, "name", "Full name", naming ? Param(in.req, "name") : "");
  d["f_email"] = FormField(d, "email", "Email address", naming ? Param(in.req, "email") : "",
                           "Their personal link is sent here");
}

void EmbargoRevokePage(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const auto rid = PathId(in.req, 2);
  const std::string back = "/inspections/" + std::to_string(v.inspection.id) + "/publication";
  d["back"] = back;
  for (const auto& r : v.embargo_recipients) {
    if (!rid || r.id != *rid) continue;
    const std::string who = r.name + " (" + r.department + ")";
    d["title"] = "Are you sure you want to revoke the link of " + who + "?";
    std::vector<std::string> points;
    points.push_back(r.sent_at.empty() ? "No link has been sent to them yet: none will be."
                                       : "Their personal link, sent at " +
                                             MomentInWords(r.sent_at) + ", stops opening at once.");
    points.push_back("Every opening of it so far stays logged. This cannot be undone.");
    d["revoke"] = {
        {"rid", r.id},          {"question", d["title"]},        {"points", points},
        {"version", r.version}, {"done", !r.revoked_at.empty()}, {"cancel", back + "#embargo"}};
  }
}

const std::vector<FormAction> kPublicationForms = {
    {"publication", "/publication",
     [](const FormInput& in) {
       auto at = PublicationTimeOf(DateParam(in.req, "publish_on"), TimeParam(in.req));
       if (!at.ok()) return at.status();
       Status s = in.inspections.SchedulePublication(in.caller, in.id, *at).status();
       return RenameFields(s, [](const std::string& f) {
         return f == "publish_at" ? std::string("publish_on") : f;
       });
     }},
    {"embargo_recipient", "/publication#embargo",
     [](const FormInput& in) {
       EmbargoRecipient r;
       r.department = Param(in.req, "department");
       r.name = Field(in.req, "name");
       r.email = Field(in.req, "email");
       return in.inspections.AddEmbargoRecipient(in.caller, in.id, r).status();
     }},
    {"embargo_revoke", "/publication#embargo",
     [](const FormInput& in) {
       const auto rid = PathId(in.req, 2);
       if (!rid) return NotFound("No such embargo recipient");
       ASSIGN_OR_RETURN(int64_t version, SentVersion(in.req, "the recipient"));
       return in.inspections.RevokeEmbargoRecipient(in.caller, *rid, version).status();
     }},
};

}  // namespace inspection_pages

}  // namespace jointly::web
