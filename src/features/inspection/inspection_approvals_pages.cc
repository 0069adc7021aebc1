// The approval chain on the report page (M 37-40; R11): where each step
// stands on the report as it is now, who approved it for each
// inspectorate and who is awaited, what changed since a lapsed step was
// submitted; the forms that submit a step and approve it on the version
// read; the critical readers with their responses and what was done.
#include "core/enum_ids.h"
#include "core/text.h"
#include "features/inspection/inspection_feature.h"
#include "features/inspection/inspection_page_parts.h"
#include "web/record_form.h"

namespace jointly::web {

namespace inspection_pages {

namespace {

// "Finding 2 changed", "Section “Findings” changed".
std::string ChangeWords(const InspectionView& v, const ContentChange& c) {
  std::string what;
  if (c.item == "section") {
    what = "The section";
    for (const auto& s : v.sections) {
      if (s.id == c.id) what = "The section “" + s.title + "”";
    }
  } else if (c.item == "finding") {
    what = "A finding";
    for (size_t i = 0; i < v.findings.size(); ++i) {
      if (v.findings[i].id == c.id) what = "Finding " + std::to_string(i + 1);
    }
  } else if (c.item == "recommendation") {
    what = "A " + KindWord(v.raises);
    for (size_t i = 0; i < v.recommendations.size(); ++i) {
      if (v.recommendations[i].id == c.id) {
        what = std::string(RecommendationKindLabel(v.recommendations[i].kind)) + " " +
               std::to_string(i + 1);
      }
    }
  } else if (c.item == "finding-evidence") {
    what = "The evidence a finding rests on";
  } else {
    what = "The findings a " + KindWord(v.raises) + " answers";
  }
  return what + " " + std::string(ContentChangeId(c.kind));
}

std::string StateTag(StepState s) {
  switch (s) {
    case StepState::kComplete:
      return "govuk-tag--green";
    case StepState::kAwaiting:
      return "govuk-tag--light-blue";
    case StepState::kLapsed:
      return "govuk-tag--red";
    case StepState::kNotSubmitted:
      return "govuk-tag--grey";
  }
  return "";
}

json StepJson(const InspectionView& v, const StepStatus& s) {
  const bool approval = s.step != ApprovalStep::kCriticalReading;
  json approvals = json::array();
  for (int64_t i : v.inspection.participating) {
    auto a = s.approvals.find(i);
    approvals.push_back(
        {{"inspectorate", FullName(v.inspectorates, i)},
         {"done", a != s.approvals.end()},
         {"words", a == s.approvals.end()
                       ? "Awaited"
                       : "Approved by " + WithInspectorate(v, a->second.approved_by) + " on " +
                             InWords(a->second.approved_at)}});
  }
  json changes = json::array();
  for (const auto& c : s.changes) changes.push_back(ChangeWords(v, c));
  const std::string id(ApprovalStepId(s.step));
  return {
      {"step", id},
      {"rule", std::string("M ") + std::string(ApprovalStepRule(s.step)).substr(1)},
      {"label", ApprovalStepLabel(s.step)},
      {"submit", s.step == ApprovalStep::kCriticalReading
                     ? std::string("Send to the critical readers")
                     : "Submit for " + InSentence(ApprovalStepLabel(s.step))},
      {"who", approval ? "Approved for each inspectorate by " + std::string(ApproverWords(s.step)) +
                             ", never by whoever submitted it"
                       : "Sent to the critical readers once every inspectorate has approved "
                         "the report; complete when every response is answered. Changes "
                         "made in answer to them do not lapse it: the final sign-off is of "
                         "the report as it then is"},
      {"state", StepStateLabel(s.state)},
      {"tag", StateTag(s.state)},
      {"submitted", s.submitted ? "Submitted on " + InWords(s.submitted->submitted_at) + " by " +
                                      WithInspectorate(v, s.submitted->submitted_by)
                                : ""},
      {"approvals", approval && s.submitted ? approvals : json::array()},
      {"has_approvals", approval && s.submitted.has_value()},
      {"lapsed", s.state == StepState::kLapsed},
      {"changes", changes},
      {"has_changes",
       !changes.empty() && s.state != StepState::kAwaiting && s.state != StepState::kComplete},
      {"may_submit", MayComment(v.inspection, v.standing) &&
                         StageWritable(v, InspectionStage::kReport) &&
                         CheckSubmit(s.step, v.chain, v.report_content, v.critical_readers).ok()},
      {"may_approve", approval && StageWritable(v, InspectionStage::kReport) &&
                          s.state == StepState::kAwaiting && v.standing.inspectorate &&
                          s.awaiting.count(*v.standing.inspectorate) &&
                          s.submitted->submitted_by != v.viewer_id}};
}

json ReadersJson(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const bool sent = v.chain[2].submitted.has_value();
  json out = json::array();
  for (const auto& r : v.critical_readers) {
    const std::string rid = std::to_string(r.id);
    const bool typed = in.sent && in.form == "reader_response" &&
                       PathId(in.req, 2) == std::optional<int64_t>(r.id);
    auto value = [&](const std::string& name, const std::string& stored) {
      return typed ? Param(in.req, name.c_str()) : stored;
    };
    json row = {{"rid", r.id},
                {"name", r.name},
                {"organisation", r.organisation},
                {"asked", r.scope == ReaderScope::kMore ? r.asked : "Factual accuracy only"},
                {"deadline", InWords(r.deadline)},
                {"response", r.response},
                {"outcome", ReaderOutcomeLabel(r.outcome)},
                {"reason", r.reason},
                {"answered", ReaderAnswered(r)},
                {"version", r.version},
                {"may_respond",
                 sent && v.standing.lead_team && StageWritable(in.v, InspectionStage::kReport)}};
    if (sent && v.standing.lead_team) {
      row["f_response"] = FormField(d, "response-" + rid, "Their response",
                                    value("response-" + rid, r.response), "");
      std::vector<std::pair<std::string, std::string>> outcomes;
      for (ReaderOutcome o : kAllReaderOutcomes) {
        outcomes.emplace_back(ReaderOutcomeId(o), ReaderOutcomeLabel(o));
      }
      row["f_outcome"] = FormField(d, "outcome-" + rid, "What was done about it", "", "");
      row["f_outcome"]["options"] =
          Options(outcomes, value("outcome-" + rid, std::string(ReaderOutcomeId(r.outcome))));
      row["f_reason"] =
          FormField(d, "reason-" + rid, "What was done, or why it was not accepted",
                    value("reason-" + rid, r.reason), "Required when it was not accepted");
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

// The banner after an approval, in words from what was stored: "You
// approved the report as submitted on 2 October 2017 at 10:04 for
// HMICFRS: final sign-off." (the address names only which step, from a
// fixed list).
void ApprovedNotice(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const std::string done = in.req.Param("done");
  for (const auto& s : v.chain) {
    if (done != "step-approved-" + std::string(ApprovalStepId(s.step))) continue;
    for (const auto& [who, a] : s.approvals) {
      if (a.approved_by != v.viewer_id) continue;
      d["notice"] = "You approved the report as submitted on " +
                    TimestampInWords(s.submitted ? s.submitted->submitted_at : a.approved_at) +
                    " for " + FullName(v.inspectorates, who) + ": " +
                    InSentence(ApprovalStepLabel(s.step)) + ".";
    }
  }
}

void ApprovalsPart(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  if (d.contains("notice")) ApprovedNotice(d, in);
  json steps = json::array();
  for (const auto& s : v.chain) steps.push_back(StepJson(v, s));
  d["approval_steps"] = steps;
  d["approval_version"] = v.approval_version;
  d["critical_readers"] = ReadersJson(d, in);
  d["has_critical_readers"] = !v.critical_readers.empty();
  d["may_add_reader"] = v.standing.lead_team && StageWritable(v, InspectionStage::kReport);
  d["open_reader"] = in.sent && in.form == "critical_reader";
  d["approval_kinds"] = KindWord(v.raises) + "s";
  Typed typed;
  CriticalReader reader;
  if (in.sent && in.form == "critical_reader") {
    (void)ReadRecordForm(CriticalReaderRecord(), in.req, reader, typed);
  }
  AddRecordFields(d, CriticalReaderRecord(), reader, typed);
}

const std::vector<FormAction> kApprovalsForms = {
    {"approval_step", "/report#approval",
     [](const FormInput& in) {
       const auto step = ParseApprovalStep(Field(in.req, "step"));
       if (!step) return InvalidArgument("Choose a step", "one-of");
       in.notice = "step-submitted-" + std::string(ApprovalStepId(*step));
       return in.inspections.SubmitStep(in.caller, in.id, *step).status();
     }},
    {"approval", "/report#approval",
     [](const FormInput& in) {
       const auto step = ParseApprovalStep(Field(in.req, "step"));
       const auto version = ParseInt(Param(in.req, "version"), 0, INT64_MAX);
       if (!step || !version) return InvalidArgument("Choose a step and its version", "one-of");
       in.notice = "step-approved-" + std::string(ApprovalStepId(*step));
       return in.inspections.ApproveStep(in.caller, in.id, *step, *version).status();
     }},
    {"critical_reader", "/report#critical-readers",
     [](const FormInput& in) {
       Typed typed;
       CriticalReader r;
       RETURN_IF_ERROR(ReadRecordForm(CriticalReaderRecord(), in.req, r, typed));
       in.notice = "reader-named";
       return in.inspections.AddCriticalReader(in.caller, in.id, r).status();
     }},
    {"reader_response", "/report#critical-readers",
     [](const FormInput& in) {
       const auto rid = PathId(in.req, 2);
       if (!rid) return NotFound("No such critical reader");
       const std::string n = std::to_string(*rid);
       const auto version = ParseInt(Param(in.req, "version"), 1, INT64_MAX).value_or(0);
       const auto outcome =
           ParseById(Field(in.req, ("outcome-" + n).c_str()), kAllReaderOutcomes, ReaderOutcomeId);
       // The form records a response: sent without one, nothing is saved.
       if (IsBlank(Param(in.req, ("response-" + n).c_str()))) {
         Validation v;
         v.Add("response-" + n, "required", "Enter the critical reader's response");
         if (outcome == ReaderOutcome::kNotAccepted &&
             IsBlank(Param(in.req, ("reason-" + n).c_str()))) {
           v.Add("reason-" + n, "reason-required", "Say why the response was not accepted");
         }
         return v.Finish();
       }
       in.notice = "reader-response-saved";
       Status s = in.inspections
                      .UpdateCriticalReader(in.caller, *rid, version,
                                            [&](CriticalReader& r) {
                                              r.response = Param(in.req, ("response-" + n).c_str());
                                              r.outcome = outcome.value_or(ReaderOutcome::kNone);
                                              r.reason = Param(in.req, ("reason-" + n).c_str());
                                              return OkStatus();
                                            })
                      .status();
       return RenameFields(s, [&](const std::string& f) { return f + "-" + n; });
     }},
};

}  // namespace inspection_pages

}  // namespace jointly::web
