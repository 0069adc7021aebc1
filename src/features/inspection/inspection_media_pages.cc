// The GOV.UK pages of stage 7 (M 41-47; R11, R21), apart from the timed
// publication: the factual accuracy checks with the corrections received
// and what was decided of each, and the page that decides one; each
// inspectorate's distribution list, cross-referenced, with the lists to
// download; the media plan (its approach is the terms of reference's),
// the press notice and its spokespeople; and post-publication activity.
#include "core/text.h"
#include "features/inspection/inspection_feature.h"
#include "features/inspection/inspection_page_parts.h"
#include "web/record_form.h"

namespace jointly::web {

namespace inspection_pages {

namespace {

// What the select `name` shows: what was typed if `which` was the form
// sent, else `stored`.
std::string Chosen(const PageInput& in, const char* which, const char* name,
                   const std::string& stored) {
  return in.sent && in.form == which ? Param(in.req, name) : stored;
}

std::string Day(const std::string& iso) {
  const auto d = Date::Parse(iso);
  return d ? d->ToDayMonthYear() : iso;
}

std::string BodyName(const InspectionView& v, int64_t id) {
  auto it = v.check_bodies.find(id);
  if (it != v.check_bodies.end()) return it->second;
  for (const auto& [body, name] : v.owners) {
    if (body == id) return name;
  }
  return "";
}

std::string SectionTitle(const InspectionView& v, const std::optional<int64_t>& id) {
  for (const auto& s : v.sections) {
    if (id && s.id == *id) return s.title;
  }
  return "";
}

std::optional<int64_t> AuthorOf(const InspectionView& v, const FactualCorrection& c) {
  for (const auto& s : v.sections) {
    if (c.section_id && s.id == *c.section_id) return s.contributor_id;
  }
  return std::nullopt;
}

bool MayDecide(const InspectionView& v, const FactualCorrection& c) {
  const auto author = AuthorOf(v, c);
  return StageWritable(v, InspectionStage::kPublication) &&
         CheckMayDecide(v.standing, v.inspection.lead_inspectorate_id, author, "").ok();
}

std::string DecisionTag(CorrectionDecision d) {
  switch (d) {
    case CorrectionDecision::kAccepted:
      return "govuk-tag--green";
    case CorrectionDecision::kNotAccepted:
      return "govuk-tag--orange";
    case CorrectionDecision::kUndecided:
      return "govuk-tag--grey";
  }
  return "";
}

std::string WhoDecided(const InspectionView& v, const FactualCorrection& c) {
  if (c.decided_by == 0) return "";
  return WithInspectorate(v, c.decided_by);
}

json ChecksList(const InspectionView& v) {
  json out = json::array();
  for (size_t i = 0; i < v.factual_checks.size(); ++i) {
    const FactualCheck& c = v.factual_checks[i];
    json corrections = json::array();
    for (const auto& k : v.corrections) {
      if (k.check_id != c.id) continue;
      corrections.push_back({{"cid", k.id},
                             {"received_on", Day(k.received_on)},
                             {"section", SectionTitle(v, k.section_id)},
                             {"correction", k.correction},
                             {"decision", CorrectionDecisionLabel(k.decision)},
                             {"tag", DecisionTag(k.decision)},
                             {"reason", k.reason},
                             {"decided_by", WhoDecided(v, k)},
                             {"may_decide", MayDecide(v, k)}});
    }
    out.push_back({{"name", "Check " + std::to_string(i + 1) + ": " + BodyName(v, c.body_id)},
                   {"extracts", c.extracts},
                   {"sent_on", Day(c.sent_on)},
                   {"due_on", Day(c.due_on)},
                   {"corrections", corrections},
                   {"has_corrections", !corrections.empty()}});
  }
  return out;
}

json ListsOf(const InspectionView& v) {
  std::vector<int64_t> order = {v.inspection.lead_inspectorate_id};
  for (int64_t i : v.inspection.participating) {
    if (i != v.inspection.lead_inspectorate_id) order.push_back(i);
  }
  const bool open = StageWritable(v, InspectionStage::kPublication);
  const bool published = v.publication && !v.publication->published_at.empty();
  json lists = json::array();
  for (int64_t list : order) {
    json rows = json::array();
    const bool own = v.standing.inspectorate == list;
    for (const auto& d : v.deliveries) {
      if (d.recipient.inspectorate_id != list) continue;
      std::vector<std::string> also;
      for (int64_t other : d.also_on) also.push_back(FullName(v.inspectorates, other));
      // Nothing is sent before the report is published.
      const std::string sent = published ? "Sent" : "To be sent";
      std::string status =
          d.duplicate
              ? "Not sent from this list: also on " + InWordsList(also) + "'s, which sends it"
          : also.empty() ? sent + " by " + FullName(v.inspectorates, d.sent_by)
                         : sent + " once by " + FullName(v.inspectorates, d.sent_by) +
                               "; also on " + InWordsList(also) + "'s list";
      rows.push_back({{"rid", d.recipient.id},
                      {"name", d.recipient.recipient_name},
                      {"organisation", d.recipient.organisation},
                      {"email", d.recipient.email},
                      {"status", status},
                      {"duplicate", d.duplicate},
                      {"version", d.recipient.version},
                      {"may_remove", own && open}});
    }
    lists.push_back({{"inspectorate", FullName(v.inspectorates, list)},
                     {"recipients", rows},
                     {"empty", rows.empty()},
                     {"own", own}});
  }
  return lists;
}

void MediaPart(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const MediaPlan& plan = v.media_plan;
  d["approach"] = PublicationApproachLabel(v.terms.publication);
  d["approach_undecided"] = v.terms.publication == PublicationApproach::kUndecided;
  d["sender_words"] = SenderLabel(plan.sender);
  d["bids_words"] = InterviewBidsLabel(plan.interview_bids);
  d["press_notice"] = plan.press_notice;
  d["has_notice"] = !Trim(plan.press_notice).empty();
  std::vector<std::string> missing;
  for (int64_t who : v.notice_missing) missing.push_back(FullName(v.inspectorates, who));
  d["notice_missing"] = InWordsList(missing);
  d["notice_complete"] = !Trim(plan.press_notice).empty() && missing.empty();
  d["plan_version"] = plan.version;
  FormOf(d, in, MediaPlanRecord(), "media_plan", plan);
  json people = json::array();
  const bool open = StageWritable(v, InspectionStage::kPublication);
  for (const auto& s : v.spokespeople) {
    const std::string of = FullName(v.inspectorates, s.inspectorate_id);
    // R11: one typed in by name before spokespeople were chosen from the
    // people, or who is no longer a Chief Inspector or HM Inspector of the
    // inspectorate, is kept but speaks for nobody.
    std::string role(SpokespersonRoleLabel(s.role));
    if (!s.user_id) {
      role = "Typed in, not chosen from the people of Jointly: does not count for " + of;
    } else if (!SpeaksForInspectorate(s)) {
      role = "No longer the Chief Inspector or an HM Inspector of " + of;
    }
    people.push_back({{"sid", s.id},
                      {"name", s.spokesperson},
                      {"role", role},
                      {"inspectorate", of},
                      {"version", s.version},
                      {"may_remove", open && (v.standing.lead_team ||
                                              v.standing.inspectorate == s.inspectorate_id)}});
  }
  d["spokespeople"] = people;
  d["has_spokespeople"] = !people.empty();
  d["unspoken"] =
      NamesList(v.inspectorates, WithoutSpokesperson(v.spokespeople, v.inspection.participating));
  FormOf(d, in, SpokespersonRecord(), "spokesperson", Spokesperson{});
  // Whom the caller may choose: anyone of the list for the lead's team,
  // else their own inspectorate's; nobody already named.
  std::vector<std::pair<std::string, std::string>> who = {{"", "Choose the spokesperson"}};
  for (const auto& s : v.may_speak) {
    const bool named = std::any_of(v.spokespeople.begin(), v.spokespeople.end(),
                                   [&](const Spokesperson& x) { return x.user_id == s.user_id; });
    if (named || !(v.standing.lead_team || v.standing.inspectorate == s.inspectorate_id)) continue;
    who.emplace_back(std::to_string(*s.user_id),
                     s.spokesperson + ", " + std::string(SpokespersonRoleLabel(s.role)) + ", " +
                         FullName(v.inspectorates, s.inspectorate_id));
  }
  d["f_user_id"]["options"] = Options(who, Chosen(in, "spokesperson", "user_id", ""));
  d["nobody_to_choose"] = who.size() == 1;
  d["may_name_spokesperson"] = open && v.standing.inspectorate.has_value();
}

}  // namespace

void MediaPage(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const bool stage_open = CheckStageOpen(v.stages, InspectionStage::kPublication).ok();
  const bool open = StageWritable(v, InspectionStage::kPublication);
  d["stage_open"] = stage_open;
  d["stage_blockers"] = StageBlockers(v, InspectionStage::kPublication);
  d["may_lead"] = open && v.standing.lead_team;
  d["may_add_recipient"] = open && v.standing.inspectorate.has_value();
  if (v.standing.inspectorate) d["own_list"] = FullName(v.inspectorates, *v.standing.inspectorate);
  // Post-publication activity is recorded after publication too.
  d["on_team"] = stage_open && (v.standing.on_team || v.standing.steward);
  d["checks"] = ChecksList(v);
  d["has_checks"] = !v.factual_checks.empty();
  d["checks_decided"] = FactualChecksDecided(v.factual_checks, v.corrections);
  FormOf(d, in, FactualCheckRecord(), "factual_check", FactualCheck{});
  std::vector<std::pair<std::string, std::string>> bodies = {{"", "Choose the body"}};
  for (const auto& [id, name] : v.owners) bodies.emplace_back(std::to_string(id), name);
  d["f_body_id"]["options"] = Options(bodies, Chosen(in, "factual_check", "body_id", ""));
  FactualCorrection blank;
  FormOf(d, in, FactualCorrectionRecord(), "correction", blank);
  std::vector<std::pair<std::string, std::string>> checks = {{"", "Choose the check"}};
  for (size_t i = 0; i < v.factual_checks.size(); ++i) {
    checks.emplace_back(
        std::to_string(v.factual_checks[i].id),
        "Check " + std::to_string(i + 1) + ": " + BodyName(v, v.factual_checks[i].body_id));
  }
  d["check_choices"] = Options(checks, Chosen(in, "correction", "check_id", ""));
  std::vector<std::pair<std::string, std::string>> sections = {{"", "Not about one section"}};
  for (const auto& s : v.sections) sections.emplace_back(std::to_string(s.id), s.title);
  d["f_section_id"]["options"] = Options(sections, Chosen(in, "correction", "section_id", ""));
  d["lists"] = ListsOf(v);
  d["sent_to"] = Count(CountSentTo(v.deliveries), "address", "addresses");
  d["sender_undecided"] = v.media_plan.sender == Sender::kUndecided;
  FormOf(d, in, RecipientRecord(), "recipient", Recipient{});
  MediaPart(d, in);
  json activities = json::array();
  for (const auto& a : v.activities) {
    activities.push_back({{"kind", ActivityKindLabel(a.activity)},
                          {"held_on", Day(a.held_on)},
                          {"led_by", a.led_by},
                          {"details", a.details}});
  }
  d["activities"] = activities;
  d["has_activities"] = !activities.empty();
  FormOf(d, in, PublicationActivityRecord(), "activity", PublicationActivity{});
}

void CorrectionPage(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const auto cid = PathId(in.req, 2);
  for (const auto& c : v.corrections) {
    if (!cid || c.id != *cid) continue;
    d["title"] = "Decide a correction: " + v.inspection.title;
    d["correction"] = {{"cid", c.id},
                       {"version", c.version},
                       {"text", c.correction},
                       {"received_on", Day(c.received_on)},
                       {"section", SectionTitle(v, c.section_id)}};
    for (size_t i = 0; i < v.factual_checks.size(); ++i) {
      if (v.factual_checks[i].id == c.check_id) {
        d["check_name"] =
            "Check " + std::to_string(i + 1) + ": " + BodyName(v, v.factual_checks[i].body_id);
      }
    }
    d["may_decide"] = MayDecide(v, c);
    d["may_change_all"] = MayDecide(v, c) && v.standing.lead_team;
    FormOf(d, in, FactualCorrectionRecord(), "correction_update", c);
    std::vector<std::pair<std::string, std::string>> sections = {{"", "Not about one section"}};
    for (const auto& s : v.sections) sections.emplace_back(std::to_string(s.id), s.title);
    d["f_section_id"]["options"] =
        Options(sections, Chosen(in, "correction_update", "section_id",
                                 c.section_id ? std::to_string(*c.section_id) : ""));
  }
}

const std::vector<FormAction> kMediaForms = {
    {"factual_check", "/media#factual-accuracy",
     [](const FormInput& in) {
       return AddFromForm(FactualCheckRecord(), in.req, [&](const FactualCheck& c) {
         return in.inspections.AddFactualCheck(in.caller, in.id, c);
       });
     }},
    {"correction", "/media#factual-accuracy",
     [](const FormInput& in) {
       const auto check = ParseInt(Param(in.req, "check_id"), 1, INT64_MAX);
       Typed typed;
       FactualCorrection c;
       Status shape = ReadRecordForm(FactualCorrectionRecord(), in.req, c, typed);
       if (!check) {
         const char* message = "Choose the check it answers";
         return MergeFieldErrors(
             InvalidArgument(message, "required").AddFieldError("check_id", "required", message),
             MergeFieldErrors(std::move(shape), CheckShape(FactualCorrectionRecord(), c)));
       }
       RETURN_IF_ERROR(shape);
       return in.inspections.AddCorrection(in.caller, *check, c).status();
     }},
    {"correction_update", "/media#factual-accuracy",
     [](const FormInput& in) {
       auto cid = PathId(in.req, 2);
       if (!cid) return NotFound("No such correction");
       return UpdateFromForm(FactualCorrectionRecord(), in, [&](const auto& change) {
         return in.inspections.UpdateCorrection(in.caller, *cid, in.Version(), change);
       });
     }},
    {"recipient", "/media#distribution",
     [](const FormInput& in) {
       return AddFromForm(RecipientRecord(), in.req, [&](const Recipient& r) {
         return in.inspections.AddRecipient(in.caller, in.id, r);
       });
     }},
    {"recipient_delete", "/media#distribution",
     [](const FormInput& in) {
       return DeleteFromPath(in, "No such recipient", [&](int64_t part, int64_t version) {
         return in.inspections.DeleteRecipient(in.caller, part, version);
       });
     }},
    {"media_plan", "/media#media",
     [](const FormInput& in) {
       Typed typed;
       MediaPlan sent;
       RETURN_IF_ERROR(ReadRecordForm(MediaPlanRecord(), in.req, sent, typed));
       RETURN_IF_ERROR(CheckShape(MediaPlanRecord(), sent));
       const int64_t version = ParseInt(Param(in.req, "version"), 0, INT64_MAX).value_or(0);
       return in.inspections
           .SaveMediaPlan(in.caller, in.id, version,
                          [&](MediaPlan& x) {
                            x.sender = sent.sender;
                            x.interview_bids = sent.interview_bids;
                            x.press_notice = sent.press_notice;
                            return OkStatus();
                          })
           .status();
     }},
    {"spokesperson", "/media#spokespeople",
     [](const FormInput& in) {
       return AddFromForm(SpokespersonRecord(), in.req, [&](const Spokesperson& s) {
         return in.inspections.AddSpokesperson(in.caller, in.id, s);
       });
     }},
    {"spokesperson_delete", "/media#spokespeople",
     [](const FormInput& in) {
       return DeleteFromPath(in, "No such spokesperson", [&](int64_t part, int64_t version) {
         return in.inspections.DeleteSpokesperson(in.caller, part, version);
       });
     }},
    {"activity", "/media#activities",
     [](const FormInput& in) {
       return AddFromForm(PublicationActivityRecord(), in.req, [&](const PublicationActivity& a) {
         return in.inspections.AddActivity(in.caller, in.id, a);
       });
     }},
};

}  // namespace inspection_pages

}  // namespace jointly::web
