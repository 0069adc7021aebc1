// Stage 8 on the inspection's pages (M 48, R22): the retention page (each
// participating inspectorate's schedule in words, the agreement and the
// publication date the schedules count from, each evidence item's date and
// state, legal holds placed and lifted, reviews extended, and the
// destruction certificates), the page that asks before an item is
// destroyed for good, and the page of what is due for an inspectorate
// across inspections.
#include <algorithm>

#include "core/text.h"
#include "features/inspection/inspection_feature.h"
#include "features/inspection/inspection_page_parts.h"
#include "web/body_query.h"

namespace jointly::web {

using nlohmann::json;

namespace inspection_pages {

namespace {

std::string NameOf(const std::map<int64_t, std::string>& names, int64_t id) {
  auto it = names.find(id);
  return it == names.end() ? "an inspectorate" : it->second;
}

std::string NamesOfHolders(const RetentionView& r, const std::vector<int64_t>& ids) {
  std::vector<std::string> names;
  for (int64_t id : ids) names.push_back(NameOf(r.inspectorates, id));
  return InWordsList(names);
}

const RetentionProposal* ProposalOf(const RetentionView& r, int64_t evidence_id) {
  for (const auto& p : r.due) {
    if (p.item.id == evidence_id) return &p;
  }
  return nullptr;
}

std::vector<std::string> HolderNames(const RetentionView& r) {
  std::vector<std::string> out;
  for (const auto& h : r.holds) out.push_back(NameOf(r.inspectorates, h.inspectorate_id));
  return out;
}

// Where an item stands, with its GOV.UK tag colour.
std::pair<std::string, std::string> StateOf(const RetainedItem& x, const RetentionProposal* due) {
  if (x.destroyed) return {"Destroyed", "govuk-tag--grey"};
  if (due && !due->held_by.empty()) return {"Due, held", "govuk-tag--red"};
  if (due) return {"Due", "govuk-tag--yellow"};
  if (x.due.action == RetentionAction::kKeep) return {"Kept", "govuk-tag--green"};
  if (x.due.awaits_publication) return {"Awaits the publication date", "govuk-tag--grey"};
  return {"Not yet due", "govuk-tag--blue"};
}

json ItemJson(json& d, const PageInput& in, const RetainedItem& x) {
  const RetentionView& r = in.v.retention;
  const int64_t me = in.v.standing.inspectorate.value_or(0);
  const RetentionProposal* due = x.destroyed ? nullptr : ProposalOf(r, x.item.id);
  const auto [state, tag] = StateOf(x, due);
  const bool mine = x.item.owner_inspectorate_id == me;
  const bool may_extend = due && mine && x.due.action == RetentionAction::kReview;
  json row = {{"eid", x.item.id},
              {"label", x.item.label},
              {"owner", x.owner},
              {"kind", MaterialKindLabel(x.item.facts.kind)},
              {"sensitivity", SensitivityLabel(x.item.facts.sensitivity)},
              {"schedule", x.due.words},
              {"when", x.destroyed ? DestroyedWords(x.destroyed_at, x.owner) : DueWords(x.due)},
              {"state", state},
              {"tag", tag},
              {"destroyed", x.destroyed},
              {"extend_reason", x.extend_reason},
              {"held_by", due ? NamesOfHolders(r, due->held_by) : ""},
              {"may_destroy", due != nullptr && mine && due->held_by.empty()},
              {"may_extend", may_extend}};
  if (may_extend) {
    const std::string n = std::to_string(x.item.id);
    const bool typed = in.sent && in.form == "retention_review" &&
                       PathId(in.req, 2) == std::optional<int64_t>(x.item.id);
    row["f_reason"] = FormField(d, "reason-" + n, "Why is it kept?",
                                typed ? Param(in.req, ("reason-" + n).c_str()) : "",
                                "For example, for a follow-up inspection");
    row["f_review_on"] = DateField(d, in.req, typed, "review_on-" + n, "When is it next reviewed?");
  }
  return row;
}

}  // namespace

void RetentionPage(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const RetentionView& r = v.retention;
  const int64_t me = v.standing.inspectorate.value_or(0);
  const bool speaks = me != 0 && Participates(v.inspection, me);
  json schedules = json::array();
  for (const auto& [who, words] : r.schedules) {
    schedules.push_back({{"inspectorate", who}, {"words", words}});
  }
  d["schedules"] = schedules;
  d["agreed"] = r.agreed;
  d["agreed_on"] = InWords(r.agreed_on);
  d["published_on"] = r.published_on.empty() ? "" : InWords(r.published_on);
  d["retention_version"] = r.version;
  // Once the publication's time is set, the schedules count from its day:
  // shown, not asked for.
  const bool dated = v.publication.has_value();
  d["date_fixed"] = dated;
  d["date_source"] = dated && v.publication->state == PublicationState::kPublished
                         ? "the day the report was published"
                         : "the day set for publication on the Publication page";
  d["may_agree"] = v.standing.lead_team && !(dated && r.agreed);
  d["asks_date"] = !dated;
  d["f_published_on"] = DateField(d, in.req, in.sent && in.form == "retention_agreement",
                                  "published_on", "Publication date");
  if (!(in.sent && in.form == "retention_agreement")) {
    d["f_published_on"] = DateField(d, "published_on", "Publication date", r.published_on);
  }
  json items = json::array();
  json certificates = json::array();
  for (const auto& x : r.items) {
    items.push_back(ItemJson(d, in, x));
    if (!x.destroyed) continue;
    auto who = v.people.find(x.approved_by);
    certificates.push_back(
        {{"seq", x.certificate_seq},
         {"eid", x.item.id},
         {"what", "Evidence item " + std::to_string(x.item.id) + ": " + x.item.label},
         {"schedule", x.owner + "'s schedule: " + x.due.words},
         {"approved_by",
          who == v.people.end() ? "Someone no longer listed" : who->second + " (" + x.owner + ")"},
         {"destroyed_at", TimestampInWords(x.destroyed_at)},
         {"content_sha256", x.content_sha256}});
  }
  d["items"] = items;
  d["has_items"] = !items.empty();
  if (r.withheld > 0) {
    d["withheld"] = Count(r.withheld, "item is", "items are") +
                    " OFFICIAL-SENSITIVE: only the inspection's team sees them.";
  }
  d["certificates"] = certificates;
  d["has_certificates"] = !certificates.empty();
  d["due_count"] = Count(static_cast<int>(r.due.size()), "item is", "items are");
  d["has_due"] = !r.due.empty();
  json holds = json::array();
  for (const auto& h : r.holds) {
    const std::string holder = NameOf(r.inspectorates, h.inspectorate_id);
    json row = {{"hid", h.id},
                {"holder", holder},
                {"reason", h.reason},
                {"placed_on", InWords(h.placed_on)},
                {"in_force", h.in_force()},
                {"lifted_on", InWords(h.lifted_on)},
                {"lift_reason", h.lift_reason},
                {"may_lift", h.in_force() && h.inspectorate_id == me}};
    if (h.in_force() && h.inspectorate_id == me) {
      const std::string field = "lift_reason-" + std::to_string(h.id);
      const bool typed =
          in.sent && in.form == "hold_lift" && PathId(in.req, 2) == std::optional<int64_t>(h.id);
      row["f_lift_reason"] =
          FormField(d, field, "Why is the hold lifted?", typed ? Param(in.req, field.c_str()) : "");
    }
    holds.push_back(std::move(row));
  }
  d["holds"] = holds;
  d["has_holds"] = !holds.empty();
  d["held"] =
      std::any_of(r.holds.begin(), r.holds.end(), [](const auto& h) { return h.in_force(); });
  d["may_hold"] = speaks;
  if (speaks) d["holds_for"] = NameOf(r.inspectorates, me);
  d["f_reason"] = FormField(d, "reason", "Why is the material held?",
                            in.sent && in.form == "hold" ? Param(in.req, "reason") : "",
                            "For example, proceedings in which the material may be needed");
  d["today"] = InWords(r.today);
}

void DestructionPage(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const RetentionView& r = v.retention;
  const auto eid = PathId(in.req, 2);
  auto it = std::find_if(r.items.begin(), r.items.end(),
                         [&](const RetainedItem& x) { return eid && x.item.id == *eid; });
  if (it == r.items.end()) return;
  const RetainedItem& x = *it;
  const Status may = CheckDestroy(x.item, x.due, r.holds, HolderNames(r),
                                  v.standing.inspectorate.value_or(0), Date::ParseOrNone(r.today));
  int files = 0;
  for (const auto& a : v.attachments) files += a.evidence_id == x.item.id ? 1 : 0;
  std::vector<std::string> points = {
      "Evidence item " + std::to_string(x.item.id) + ": " + x.item.label + ", recorded for " +
          x.owner + ".",
      x.owner + "'s schedule: " + x.due.words + ". " + DueWords(x.due) + ".",
      (files ? "Its text, the words of its quality-assurance reviews and its " +
                   Count(files, "attached file", "attached files")
             : std::string("Its text and the words of its quality-assurance reviews")) +
          " are removed for good, and its earlier audit entries lose their content. This cannot "
          "be undone.",
      "A destruction certificate, naming it by the SHA-256 hash of its content, stays in the "
      "audit trail."};
  // The findings resting on it keep it as history, flagged (R22).
  std::vector<std::string> resting;
  for (const auto& link : v.finding_evidence) {
    if (link.evidence_id != x.item.id) continue;
    for (const auto& f : v.findings) {
      if (f.id == link.finding_id) resting.push_back("“" + Abridged(f.statement, 80) + "”");
    }
  }
  if (!resting.empty()) {
    std::string list;
    for (size_t i = 0; i < resting.size(); ++i) {
      list += (i == 0 ? "" : i + 1 == resting.size() ? " and " : ", ") + resting[i];
    }
    points.insert(points.begin() + 1,
                  Count(static_cast<int>(resting.size()), "finding rests", "findings rest") +
                      " on it: " + list +
                      ". Each keeps it as history, flagged, and counts only the evidence still "
                      "held.");
  }
  d["destruction"] = {
      {"eid", x.item.id},
      {"question", "Are you sure you want to destroy evidence item " + std::to_string(x.item.id) +
                       " for good?"},
      {"points", points},
      {"may", may.ok()},
      {"why_not", may.ok() ? "" : may.message()},
      {"cancel", "/inspections/" + std::to_string(v.inspection.id) + "/retention#items"}};
}

const std::vector<FormAction> kRetentionForms = {
    {"retention_agreement", "/retention#agreement",
     [](const FormInput& in) {
       const std::string published = DateParam(in.req, "published_on");
       const auto version = ParseInt(Param(in.req, "version"), 0, INT64_MAX);
       if (!version) {
         return InvalidArgument("The form was sent without its version", "version-required");
       }
       auto agreed = in.inspections.AgreeRetention(in.caller, in.id, published, *version);
       if (!agreed.ok()) return agreed.status();
       // Saved unchanged keeps the version; an agreement without a date
       // says what the schedules then count from.
       if (agreed->version == *version) {
         in.notice = "inspection-unchanged";
       } else if (published.empty()) {
         in.notice = "retention-agreed-undated";
       }
       return OkStatus();
     }},
    {"hold", "/retention#holds",
     [](const FormInput& in) {
       return in.inspections.PlaceHold(in.caller, in.id, Param(in.req, "reason")).status();
     }},
    {"hold_lift", "/retention#holds",
     [](const FormInput& in) {
       const auto hid = PathId(in.req, 2);
       if (!hid) return NotFound("No such legal hold");
       const std::string field = "lift_reason-" + std::to_string(*hid);
       Status s = in.inspections.LiftHold(in.caller, *hid, Param(in.req, field.c_str())).status();
       return RenameFields(s, [&](const std::string&) { return field; });
     }},
    {"destroy", "/retention#certificates",
     [](const FormInput& in) {
       const auto eid = PathId(in.req, 2);
       if (!eid) return NotFound("No such evidence item");
       return in.inspections.DestroyEvidence(in.caller, *eid).status();
     }},
    {"retention_review", "/retention#items",
     [](const FormInput& in) {
       const auto eid = PathId(in.req, 2);
       if (!eid) return NotFound("No such evidence item");
       const std::string n = std::to_string(*eid);
       Status s =
           in.inspections.ExtendRetention(in.caller, *eid, Param(in.req, ("reason-" + n).c_str()),
                                          DateParam(in.req, "review_on-" + n));
       return RenameFields(s, [&](const std::string& f) { return f + "-" + n; });
     }},
};

}  // namespace inspection_pages

void InspectionFeature::RegisterRetentionPages() {
  const auto page = Surface::kPage;
  const auto run = Permission::kRunInspections;
  const std::string base = R"(/inspections/(\d+)/retention)";
  Route("POST", base + "/agreement", page, run,
        InspectionAction("retention", "retention_agreement"));
  Route("POST", base + "/holds", page, run, InspectionAction("retention", "hold"));
  Route("POST", base + R"(/holds/(\d+)/lift)", page, run,
        InspectionAction("retention", "hold_lift"));
  Route("GET", base + R"(/evidence/(\d+)/destroy)", page, run, InspectionShow("destruction"));
  Route("POST", base + R"(/evidence/(\d+)/destroy)", page, run,
        InspectionAction("destruction", "destroy"));
  Route("POST", base + R"(/evidence/(\d+)/review)", page, run,
        InspectionAction("retention", "retention_review"));
  Route("GET", "/retention-due", page, run,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          RetentionDueList(req, res, ctx);
        });
}

void InspectionFeature::RetentionDueList(const Request& req, Response& res, RequestContext& ctx) {
  const auto page = Surface::kPage;
  auto paging = ReadPaging(req, 100);
  std::optional<int64_t> who = ctx.caller.inspectorate_id;
  if (req.HasParam("inspectorate")) who = WholeNumber(Field(req, "inspectorate"));
  if (!paging.ok()) return Fail(req, res, page, ctx, paging.status());
  if (!who) {
    // Someone who speaks for no inspectorate (an administrator) chooses one.
    auto all = directory_.Inspectorates(ctx.caller);
    if (!all.ok()) return Fail(req, res, page, ctx, all.status());
    json d = Base(ctx, "Retention due", "inspections");
    std::vector<std::pair<std::string, std::string>> options;
    for (const auto& i : *all) {
      if (i.kind == InspectorateKind::kCriminalJustice && !i.closed_year) {
        options.emplace_back(std::to_string(i.id), i.short_name);
      }
    }
    d["choose"] = true;
    d["f_inspectorate"] = FormField(d, "inspectorate", "Inspectorate", "");
    d["f_inspectorate"]["options"] = Options(options, "");
    return Html(res, "retention_due", d);
  }
  auto due = inspections_.RetentionDueFor(ctx.caller, *who);
  if (!due.ok()) return Fail(req, res, page, ctx, due.status());
  const size_t due_count = due->items.size();
  const int64_t due_from = std::min<int64_t>(paging->offset, static_cast<int64_t>(due_count));
  if (auto better =
          PageToShowInstead(req, "/retention-due", static_cast<int64_t>(due_count), paging->limit,
                            paging->offset, due_count - static_cast<size_t>(due_from))) {
    res.Redirect(*better);
    return;
  }
  json d = Base(ctx, "Retention due: " + due->inspectorate, "inspections");
  d["inspectorate"] = due->inspectorate;
  d["today"] = inspection_pages::InWords(due->today);
  std::vector<std::pair<std::string, std::string>> options;
  for (const auto& [id, name] : due->inspectorates) options.emplace_back(std::to_string(id), name);
  d["f_inspectorate"] = FormField(d, "inspectorate", "Inspectorate", std::to_string(*who));
  d["f_inspectorate"]["options"] = Options(options, std::to_string(*who));
  const int64_t total = static_cast<int64_t>(due->items.size());
  json rows = json::array();
  for (int64_t i = paging->offset; i < total && i < paging->offset + paging->limit; ++i) {
    const auto& x = due->items[static_cast<size_t>(i)];
    const RetentionProposal& p = x.proposal;
    std::vector<std::string> holders;
    for (int64_t h : p.held_by) {
      auto it = due->inspectorates.find(h);
      holders.push_back(it == due->inspectorates.end() ? "an inspectorate" : it->second);
    }
    rows.push_back({{"inspection_id", p.item.inspection_id},
                    {"inspection", x.inspection_title},
                    {"eid", p.item.id},
                    {"label", "Evidence item " + std::to_string(p.item.id) + ": " + p.item.label},
                    {"action", p.due.action == RetentionAction::kReview ? "Review" : "Destroy"},
                    {"due_on", p.due.due_on.ToDayMonthYear()},
                    {"held_by", InWordsList(holders)}});
  }
  d["rows"] = rows;
  d["has_rows"] = !rows.empty();
  d["total"] = total;
  d["from"] = rows.empty() ? 0 : paging->offset + 1;
  d["to"] = paging->offset + static_cast<int64_t>(rows.size());
  d["pagination"] = Pagination(req, "/retention-due", total, paging->limit, paging->offset);
  Html(res, "retention_due", d);
}

}  // namespace jointly::web
