// Use cases of stage 7's publication (M 41-47; R11, R21): the lead sets
// the moment the report signed off is published; the publication job
// sends the embargoed copies five days before (an hour early, so never
// late), then at once to anyone named after, and publishes the report at
// its moment, never before, exactly once however many instances run it.
#include <algorithm>
#include <map>
#include <set>

#include "core/crypto.h"
#include "core/text.h"
#include "domain/publication_checks.h"
#include "service/audit_trail.h"
#include "service/inspection_parts.h"
#include "service/inspection_service.h"
#include "service/tracker_service.h"
#include "store/directory_store.h"
#include "store/retention_store.h"

namespace jointly {

using namespace inspection_parts;  // NOLINT(google-build-using-namespace)
using nlohmann::json;

namespace {

constexpr size_t kMaxRecipientName = 200;
constexpr size_t kMaxEmail = 254;

std::string FullNameOf(const std::vector<Inspectorate>& all, int64_t id) {
  for (const auto& i : all) {
    if (i.id == id) return i.full_name.empty() ? i.short_name : i.full_name;
  }
  return "";
}

// A personal link's token: 48 random decimal digits (about 150 bits), so
// that it is one segment of digits in the link's address.
std::string DigitsToken() {
  std::string out;
  for (char c : RandomToken(48)) {
    if (out.size() == 48) break;
    out.push_back(static_cast<char>('0' + static_cast<unsigned char>(c) % 10));
  }
  return out;
}

json PublicationJson(const Publication& p) {
  return {{"inspection_id", p.inspection_id},     {"publish_at", p.publish_at},
          {"content_version", p.content_version}, {"state", PublicationStateId(p.state)},
          {"embargo_sent_at", p.embargo_sent_at}, {"published_at", p.published_at}};
}

// The recipients of embargoed copies as the rules see them.
std::vector<EmbargoCopy> CopiesOf(const std::vector<EmbargoRecipient>& recipients) {
  std::vector<EmbargoCopy> out;
  for (const auto& r : recipients) out.push_back({r.department, r.sent_at, !r.revoked_at.empty()});
  return out;
}

// `first`'s errors and then `then`'s, every one at once when both are about
// the input; `first` alone when it is about anything else.
Status BothAtOnce(Status first, const Status& then) {
  if (first.ok()) return then;
  if (then.ok() || first.code() != StatusCode::kInvalidArgument ||
      then.code() != StatusCode::kInvalidArgument) {
    return first;
  }
  for (const auto& e : then.field_errors()) first.AddFieldError(e.field, e.rule, e.message);
  return first;
}

json RecipientJson(const EmbargoRecipient& r) {
  return {{"id", r.id},       {"department", r.department}, {"name", r.name},
          {"email", r.email}, {"sent_at", r.sent_at},       {"revoked_at", r.revoked_at}};
}

}  // namespace

DraftReport DraftReportOf(const InspectionView& v) {
  DraftReport r;
  const Inspection& in = v.inspection;
  r.title = in.title;
  r.inspectorates.push_back(FullNameOf(v.inspectorates, in.lead_inspectorate_id));
  for (int64_t id : in.participating) {
    if (id != in.lead_inspectorate_id) r.inspectorates.push_back(FullNameOf(v.inspectorates, id));
  }
  for (int64_t id : in.partners) r.inspectorates.push_back(FullNameOf(v.inspectorates, id));
  r.raises = v.raises;
  r.version = ReportVersion(v.drafts);
  for (const auto& d : v.drafts) r.dated = std::max(r.dated, d.written_at.substr(0, 10));
  std::vector<int64_t> order;  // finding ids in report order
  for (const auto& s : v.sections) {
    const auto latest = LatestOf(v.drafts, s.id);
    r.sections.push_back({s.title, latest ? latest->text : ""});
    for (const auto& f : v.findings) {
      if (f.section_id == s.id) {
        r.findings.push_back({f.statement, s.title});
        order.push_back(f.id);
      }
    }
  }
  for (const auto& f : v.findings) {
    if (std::find(order.begin(), order.end(), f.id) != order.end()) continue;
    r.findings.push_back({f.statement, ""});
    order.push_back(f.id);
  }
  std::map<int64_t, std::string> owners(v.owners.begin(), v.owners.end());
  for (const auto& rec : v.recommendations) {
    DraftReport::Ask a{
        rec.owner_id ? owners[*rec.owner_id] : "", rec.action, rec.measure, rec.due_on, {}};
    for (size_t i = 0; i < order.size(); ++i) {
      for (const auto& link : v.recommendation_findings) {
        if (link.recommendation_id == rec.id && link.finding_id == order[i]) {
          a.answers.push_back(static_cast<int>(i + 1));
        }
      }
    }
    r.asks.push_back(std::move(a));
  }
  return r;
}

ReleasedItem ReportRelease(int64_t inspection_id, const DraftReport& r,
                           const std::string& published_at) {
  json sections = json::array();
  for (const auto& s : r.sections) sections.push_back({{"title", s.title}, {"text", s.text}});
  json findings = json::array();
  for (const auto& f : r.findings) {
    findings.push_back({{"statement", f.statement}, {"section", f.section}});
  }
  json asks = json::array();
  for (const auto& a : r.asks) {
    asks.push_back({{"owner", a.owner},
                    {"action", a.action},
                    {"measure", a.measure},
                    {"due_on", a.due_on},
                    {"answers", a.answers}});
  }
  const bool concerns = r.raises == RecommendationKind::kConcern;
  ReleasedItem item;
  item.kind = std::string(kReleasedReport);
  item.slug = std::to_string(inspection_id);
  item.title = "Joint inspection of " + r.title;
  item.summary = "A joint inspection report by " + InWordsList(r.inspectorates) + ", with " +
                 std::to_string(r.asks.size()) + (concerns ? " concern" : " recommendation") +
                 (r.asks.size() == 1 ? "" : "s") + ".";
  for (const auto& s : r.sections) item.search_text += s.title + "\n" + s.text + "\n";
  for (const auto& f : r.findings) item.search_text += f.statement + "\n";
  for (const auto& a : r.asks) item.search_text += a.owner + "\n" + a.action + "\n";
  item.content = json{
      {"inspection_id", inspection_id},
      {"title", r.title},
      {"inspectorates", r.inspectorates},
      {"raises", concerns ? "concerns" : "recommendations"},
      {"version", r.version},
      {"sections", sections},
      {"findings", findings},
      {"asks", asks},
      {"published_at",
       published_at}}.dump();
  item.released_at = published_at;
  return item;
}

StatusOr<DraftReport> DraftReportFromJson(const std::string& content) {
  const json j = json::parse(content, nullptr, false);
  if (!j.is_object() || !j.contains("sections") || !j["sections"].is_array()) {
    return Internal("A published report is unreadable");
  }
  DraftReport r;
  r.title = j.value("title", "");
  r.inspectorates = j.value("inspectorates", std::vector<std::string>{});
  r.raises = j.value("raises", "") == "concerns" ? RecommendationKind::kConcern
                                                 : RecommendationKind::kRecommendation;
  r.version = j.value("version", int64_t{0});
  r.published_on = j.value("published_at", "").substr(0, 10);
  for (const auto& s : j["sections"])
    r.sections.push_back({s.value("title", ""), s.value("text", "")});
  for (const auto& f : j.value("findings", json::array())) {
    r.findings.push_back({f.value("statement", ""), f.value("section", "")});
  }
  for (const auto& a : j.value("asks", json::array())) {
    r.asks.push_back({a.value("owner", ""), a.value("action", ""), a.value("measure", ""),
                      a.value("due_on", ""), a.value("answers", std::vector<int>{})});
  }
  return r;
}

Status InspectionService::ReadPublication(Transaction& tx, InspectionView& v, InspectionFacts& f,
                                          bool whole) {
  const int64_t id = v.inspection.id;
  v.signed_off = f.approval_steps >= static_cast<int>(std::size(kAllApprovalSteps));
  ASSIGN_OR_RETURN(v.publication, GetPublication(tx, id));
  std::vector<Inspectorate> all = v.inspectorates;
  if (all.empty()) {
    ASSIGN_OR_RETURN(all, ListInspectorates(tx));
  }
  std::vector<Inspectorate> taking_part;
  for (const auto& i : all) {
    if (Participates(v.inspection, i.id)) taking_part.push_back(i);
  }
  v.embargo_departments = EmbargoDepartments(taking_part);
  ASSIGN_OR_RETURN(v.embargo_recipients, RecipientsOf(tx, id));
  if (whole) {
    ASSIGN_OR_RETURN(v.embargo_openings, OpeningsOf(tx, id));
  }
  f.publication_set = v.publication.has_value();
  f.embargo_applies = !v.embargo_departments.empty();
  // R21: done only once every department's copy went at least five days
  // before publication, not merely once the job ran.
  f.embargo_sent = v.publication && EmbargoKept(EmbargoStandings(v.embargo_departments,
                                                                 CopiesOf(v.embargo_recipients),
                                                                 v.publication->publish_at));
  f.published = v.publication && v.publication->state == PublicationState::kPublished;
  return OkStatus();
}

StatusOr<Publication> InspectionService::SchedulePublication(const Caller& caller,
                                                             int64_t inspection_id,
                                                             const std::string& publish_at) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  Publication p;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    InspectionView v;
    RETURN_IF_ERROR(ReadParts(tx, c, v, false));
    ScheduleFacts facts;
    facts.lead = CheckLeadTeam(c.standing).ok();
    facts.signed_off = v.signed_off;
    facts.signed_off_version = v.approval_version;
    facts.current = v.publication;
    facts.now_micros = clock_.NowMicros();
    // R21 and `smart` beyond the sign-off: the embargo's recipients named
    // and five days for their copies; every recommendation due after the
    // day of publication. Every error at once.
    PublicationTimeFacts time;
    time.now_micros = facts.now_micros;
    time.departments = v.embargo_departments;
    time.copies = CopiesOf(v.embargo_recipients);
    time.embargo_sent = v.publication && !v.publication->embargo_sent_at.empty();
    for (const auto& r : v.recommendations) time.asks.push_back({r.action, r.due_on});
    time.concerns = v.raises == RecommendationKind::kConcern;
    RETURN_IF_ERROR(
        BothAtOnce(CheckSchedule(facts, publish_at), CheckPublicationTime(time, publish_at)));
    p.inspection_id = inspection_id;
    p.publish_at = publish_at;
    p.content_version = v.approval_version;
    p.scheduled_by = caller.user_id;
    p.scheduled_at = NowText(clock_);
    ASSIGN_OR_RETURN(p, PutPublication(tx, p));
    return RecordChange(tx, clock_, caller, v.publication ? "update" : "create",
                        "inspection_publication", inspection_id,
                        v.publication ? PublicationJson(*v.publication) : json(nullptr),
                        PublicationJson(p));
  }));
  return p;
}

namespace {

// R21: each recommendation (or concern, R19) of the report published goes
// on the tracker in the transaction that publishes it, as the report words
// it, for the lead inspectorate to follow up.
Status TrackPublished(TrackerService& tracker, Transaction& tx, const InspectionView& v,
                      const DraftReport& report) {
  std::map<int64_t, std::string> statements;
  for (const auto& f : v.findings) statements[f.id] = f.statement;
  int64_t number = 0;
  for (const auto& rec : v.recommendations) {
    TrackedRecommendation t;
    t.recommendation_id = rec.id;
    t.inspectorate_id = v.inspection.lead_inspectorate_id;
    t.report_title = "Joint inspection of " + report.title;
    t.published_on = report.published_on;
    t.number = ++number;
    t.kind = std::string(RecommendationKindId(rec.kind));
    t.owner_id = rec.owner_id.value_or(0);
    t.text = rec.action;
    t.measure = rec.measure;
    for (const auto& f : report.findings) {
      for (const auto& link : v.recommendation_findings) {
        if (link.recommendation_id == rec.id && statements[link.finding_id] == f.statement &&
            std::find(t.findings.begin(), t.findings.end(), f.statement) == t.findings.end()) {
          t.findings.push_back(f.statement);
        }
      }
    }
    t.target = rec.due_on;
    // Already on the tracker under its report and number (imported from a
    // file before the report came out): kept as it is, so that publishing
    // never fails for it.
    ASSIGN_OR_RETURN(bool taken, TrackedNumberTaken(tx, t.inspectorate_id, t.report_title,
                                                    t.published_on, t.number));
    if (taken) continue;
    RETURN_IF_ERROR(tracker.TrackIn(tx, SystemCaller(), std::move(t)).status());
  }
  return OkStatus();
}

}  // namespace

StatusOr<bool> InspectionService::PublishIn(Transaction& tx, int64_t inspection_id,
                                            std::string& held) {
  ASSIGN_OR_RETURN(auto p, GetPublication(tx, inspection_id));
  if (!p || !PublicationDue(*p, clock_.NowMicros())) return false;
  ASSIGN_OR_RETURN(Context c, Load(tx, SystemCaller(), inspection_id));
  InspectionView v;
  RETURN_IF_ERROR(ReadParts(tx, c, v, true));
  // The report as it stands must be signed off: one changed since is
  // published once every step of the chain is complete on it again.
  if (!v.signed_off) {
    held = "The report of inspection " + std::to_string(inspection_id) +
           " changed since it was signed off: it is published once signed off again (R21)";
    return false;
  }
  const std::string now = NowText(clock_);
  ASSIGN_OR_RETURN(bool claimed, ClaimPublication(tx, inspection_id, p->version, now));
  if (!claimed) return false;
  DraftReport report = DraftReportOf(v);
  report.published_on = now.substr(0, 10);
  RETURN_IF_ERROR(ReleaseItem(tx, ReportRelease(inspection_id, report, now)));
  // The terms of reference's public copy says the inspection is completed.
  ASSIGN_OR_RETURN(auto terms, GetReleased(tx, kReleasedInspection, std::to_string(inspection_id)));
  if (terms) {
    ASSIGN_OR_RETURN(PublishedTerms t, PublishedTermsFromJson(terms->content));
    t.report_published_at = now;
    ReleasedItem again = TermsRelease(t);
    again.released_at = terms->released_at;
    RETURN_IF_ERROR(ReleaseItem(tx, again));
  }
  // Retention schedules that count from publication count from today.
  ASSIGN_OR_RETURN(auto agreement, GetRetentionAgreement(tx, inspection_id));
  if (agreement && agreement->published_on != now.substr(0, 10)) {
    agreement->published_on = now.substr(0, 10);
    RETURN_IF_ERROR(PutRetentionAgreement(tx, *agreement).status());
  }
  TrackerService tracker(db_, clock_);
  RETURN_IF_ERROR(TrackPublished(tracker, tx, v, report));
  Publication after = *p;
  after.state = PublicationState::kPublished;
  after.published_at = now;
  return RecordChange(tx, clock_, SystemCaller(), "publish", "inspection_publication",
                      inspection_id, PublicationJson(*p), PublicationJson(after))
      .ok();
}

StatusOr<std::vector<std::pair<int64_t, MailMessage>>> InspectionService::EmbargoIn(
    Transaction& tx, int64_t inspection_id, const std::string& site_address) {
  std::vector<std::pair<int64_t, MailMessage>> out;
  ASSIGN_OR_RETURN(auto p, GetPublication(tx, inspection_id));
  if (!p || !EmbargoSending(*p, clock_.NowMicros())) return out;
  const std::string now = NowText(clock_);
  // The copies go out once; a recipient named after that is sent one at
  // once, by the run after they are named.
  const bool first = p->embargo_sent_at.empty();
  if (first) {
    ASSIGN_OR_RETURN(bool claimed, ClaimEmbargo(tx, inspection_id, p->version, now));
    if (!claimed) return out;
  }
  ASSIGN_OR_RETURN(Inspection i, GetInspection(tx, inspection_id));
  ASSIGN_OR_RETURN(auto recipients, RecipientsOf(tx, inspection_id));
  json sent = json::array();
  for (auto r : recipients) {
    if (!r.revoked_at.empty() || !r.sent_at.empty()) continue;
    const std::string token = DigitsToken();
    r.token_sha256 = Sha256Hex(token);
    r.sent_at = now;
    auto updated = UpdateEmbargoRecipient(tx, r);
    // Sent by another instance of the job a moment ago.
    if (updated.status().code() == StatusCode::kAborted) continue;
    RETURN_IF_ERROR(updated.status());
    r = *updated;
    sent.push_back(RecipientJson(r));
    MailMessage m;
    m.from.name = "Criminal Justice Joint Inspection";
    m.to.push_back({r.name, r.email});
    m.subject = "Embargoed: Joint inspection of " + i.title;
    m.body = "Dear " + r.name + ",\n\nThe report of the joint inspection of " + i.title +
             " is to be published at " + p->publish_at.substr(11, 5) + " UTC on " +
             Date::ParseOrNone(p->publish_at.substr(0, 10)).ToLong() + ".\n\n" +
             "You may read it before then, for " + r.department +
             ", at this personal link, which is for you alone and is logged each time it is "
             "opened:\n\n" +
             site_address + "/embargoed/" + token +
             "\n\nIt must not be shared or reported on before publication; the link stops "
             "working at that moment, when the report is on the public website.\n";
    out.emplace_back(r.id, std::move(m));
  }
  if (!first && sent.empty()) return out;
  RETURN_IF_ERROR(RecordChange(tx, clock_, SystemCaller(), "send_embargoed",
                               "inspection_publication", inspection_id, PublicationJson(*p),
                               json{{"embargo_sent_at", now}, {"recipients", sent}}));
  return out;
}

StatusOr<bool> InspectionService::SendEmbargoed(
    int64_t inspection_id, const std::vector<std::pair<int64_t, MailMessage>>& messages,
    std::vector<std::string>& held) {
  if (!mailer_) return !messages.empty();
  bool any = false;
  for (const auto& [recipient_id, m] : messages) {
    Status sent = mailer_->Send(m);
    if (sent.ok()) {
      any = true;
      continue;
    }
    held.push_back("The embargoed copy for " + m.to.front().address +
                   " was not sent, and is tried again: " + sent.message());
    RETURN_IF_ERROR(db_.Write([&, id = recipient_id](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(EmbargoRecipient r, GetRecipient(tx, id));
      r.sent_at.clear();
      r.token_sha256.clear();
      RETURN_IF_ERROR(UpdateEmbargoRecipient(tx, r).status());
      return UnclaimEmbargo(tx, inspection_id);
    }));
  }
  return any;
}

StatusOr<PublicationRun> InspectionService::RunPublication(const std::string& site_address) {
  PublicationRun run;
  std::vector<Publication> scheduled;
  std::set<int64_t> to_send;  // inspections with embargoed copies to send now
  const int64_t now = clock_.NowMicros();
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(scheduled, ScheduledPublications(tx));
    for (const auto& p : scheduled) {
      if (!EmbargoSending(p, now)) continue;
      ASSIGN_OR_RETURN(auto recipients, RecipientsOf(tx, p.inspection_id));
      const bool unsent = std::any_of(
          recipients.begin(), recipients.end(),
          [](const EmbargoRecipient& r) { return r.revoked_at.empty() && r.sent_at.empty(); });
      if (p.embargo_sent_at.empty() || unsent) to_send.insert(p.inspection_id);
    }
    return OkStatus();
  }));
  for (const auto& p : scheduled) {
    if (to_send.count(p.inspection_id) > 0) {
      std::vector<std::pair<int64_t, MailMessage>> messages;
      RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
        ASSIGN_OR_RETURN(messages, EmbargoIn(tx, p.inspection_id, site_address));
        return OkStatus();
      }));
      ASSIGN_OR_RETURN(bool any_sent, SendEmbargoed(p.inspection_id, messages, run.held));
      if (any_sent) run.embargoes_sent.push_back(p.inspection_id);
    }
    if (!PublicationDue(p, now)) continue;
    bool published = false;
    std::string held;
    RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(published, PublishIn(tx, p.inspection_id, held));
      return OkStatus();
    }));
    if (published) run.published.push_back(p.inspection_id);
    if (!held.empty()) run.held.push_back(held);
  }
  return run;
}

StatusOr<EmbargoRecipient> InspectionService::AddEmbargoRecipient(const Caller& caller,
                                                                  int64_t inspection_id,
                                                                  EmbargoRecipient r) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  Validation check;
  check.Line("name", r.name, kMaxRecipientName, true, "the recipient's name");
  check.Line("email", r.email, kMaxEmail, true, "the recipient's e-mail address");
  if (!Trim(r.email).empty() && r.email.size() <= kMaxEmail && !LooksLikeEmail(r.email)) {
    check.Add("email", "email", "Enter an e-mail address like name@example.gov.uk");
  }
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    InspectionView v;
    RETURN_IF_ERROR(ReadParts(tx, c, v, false));
    const bool known = std::any_of(v.embargo_departments.begin(), v.embargo_departments.end(),
                                   [&](const auto& d) { return d.name == r.department; });
    if (!known) {
      check.Add("department", "R21",
                v.embargo_departments.empty()
                    ? "No inspectorate taking part sends embargoed copies (R21)"
                    : "Choose a department that receives embargoed copies (R21)");
    }
    RETURN_IF_ERROR(check.Finish());
    if (v.publication && v.publication->state == PublicationState::kPublished) {
      return FailedPrecondition("The report is already published", "already-published");
    }
    r.inspection_id = inspection_id;
    ASSIGN_OR_RETURN(r, InsertRecipient(tx, r));
    return RecordChange(tx, clock_, caller, "create", "embargo_recipient", r.id, nullptr,
                        RecipientJson(r));
  }));
  return r;
}

StatusOr<EmbargoRecipient> InspectionService::RevokeEmbargoRecipient(const Caller& caller,
                                                                     int64_t recipient_id,
                                                                     int64_t version) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  EmbargoRecipient r;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    auto found = GetRecipient(tx, recipient_id);
    if (!found.ok()) return found.status();
    auto c = Load(tx, caller, found->inspection_id);
    RETURN_IF_ERROR(Hidden(c.status(), "embargo recipient", recipient_id));
    RETURN_IF_ERROR(CheckLeadTeam(c->standing));
    r = *found;
    if (r.version != version) return Aborted("The embargo recipient was changed by someone else");
    if (!r.revoked_at.empty()) return OkStatus();
    const json before = RecipientJson(r);
    r.revoked_at = NowText(clock_);
    ASSIGN_OR_RETURN(r, UpdateEmbargoRecipient(tx, r));
    return RecordChange(tx, clock_, caller, "revoke", "embargo_recipient", r.id, before,
                        RecipientJson(r));
  }));
  return r;
}

StatusOr<EmbargoedCopy> InspectionService::OpenEmbargoedCopy(const std::string& token,
                                                             const std::string& address,
                                                             const std::string& what) {
  EmbargoedCopy copy;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto found, RecipientByToken(tx, Sha256Hex(token)));
    if (!found || found->sent_at.empty()) {
      return NotFound("This link is not one of an embargoed copy");
    }
    copy.recipient = *found;
    if (!found->revoked_at.empty()) {
      return FailedPrecondition("This embargoed copy's link was withdrawn (R21)", "R21");
    }
    ASSIGN_OR_RETURN(auto p, GetPublication(tx, found->inspection_id));
    if (!p) return NotFound("This link is not one of an embargoed copy");
    if (p->state == PublicationState::kPublished || PublicationDue(*p, clock_.NowMicros())) {
      return FailedPrecondition(
          "The report is published, so this embargoed copy is closed: read it on the public "
          "website, at /reports/" +
              std::to_string(found->inspection_id),
          "R21");
    }
    ASSIGN_OR_RETURN(Context c, Load(tx, SystemCaller(), found->inspection_id));
    InspectionView v;
    RETURN_IF_ERROR(ReadParts(tx, c, v, true));
    // Nobody outside reads text that was not signed off.
    if (!v.signed_off) {
      return FailedPrecondition(
          "The report is being corrected since it was signed off. This link opens it again once "
          "every inspectorate has signed it off again",
          "R21");
    }
    copy.publish_at = p->publish_at;
    copy.report = DraftReportOf(v);
    copy.report.published_on = p->publish_at.substr(0, 10);
    copy.report.embargoed_for = found->name + ", " + found->department;
    return InsertOpening(tx, {0, found->id, NowText(clock_), address, what});
  }));
  return copy;
}

}  // namespace jointly
