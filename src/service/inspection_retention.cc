// Use cases of stage 8 (M 48, R22): each participating inspectorate's
// retention schedule for the inspection, the publication date they count
// from, legal holds, and the retention job: what is due, decided by the
// owning inspectorate, destroyed for good with a certificate in the audit
// trail.
#include <algorithm>
#include <set>

#include "core/crypto.h"
#include "core/embedded.h"
#include "domain/publication_checks.h"
#include "service/audit_trail.h"
#include "service/inspection_parts.h"
#include "service/inspection_service.h"
#include "service/record_json.h"
#include "store/audit_store.h"
#include "store/directory_store.h"
#include "store/fieldwork_store.h"
#include "store/publication_store.h"
#include "store/retention_store.h"

namespace jointly::embedded {
const FileMap& ReferenceData();
}  // namespace jointly::embedded

namespace jointly {

using namespace inspection_parts;  // NOLINT(google-build-using-namespace)
using nlohmann::json;

namespace {

// The shipped schedules (data/retention_schedules.csv).
const RetentionSchedules& Schedules() {
  static const RetentionSchedules* all = [] {
    auto parsed =
        ParseRetentionSchedulesCsv(embedded::ReferenceData().at("retention_schedules.csv"));
    return new RetentionSchedules(parsed.ok() ? *parsed : RetentionSchedules{});
  }();
  return *all;
}

// The tables a destroyed evidence item leaves content in until compacted.
const std::vector<std::string> kEvidenceTables = {"inspection_evidence", "evidence_reviews",
                                                  "evidence_attachments", "audit_log"};

MaterialKind DefaultKind(const EvidenceItem& e) {
  return e.method == Method::kData ? MaterialKind::kData : MaterialKind::kElectronicEvidence;
}

json HoldJson(const LegalHold& h) {
  return {{"id", h.id},
          {"inspection_id", h.inspection_id},
          {"inspectorate_id", h.inspectorate_id},
          {"reason", h.reason},
          {"placed_on", h.placed_on},
          {"lifted_on", h.lifted_on},
          {"lift_reason", h.lift_reason}};
}

// The caller's inspectorate, which must take part in the inspection.
StatusOr<int64_t> SpeaksFor(const Standing& standing, const Inspection& inspection) {
  if (!standing.inspectorate || !Participates(inspection, *standing.inspectorate)) {
    return PermissionDenied(
        "Only someone of an inspectorate taking part in the inspection does this (R22)", "R22");
  }
  return *standing.inspectorate;
}

std::vector<std::string> NamesOf(const std::vector<LegalHold>& holds,
                                 const std::map<int64_t, std::string>& names) {
  std::vector<std::string> out;
  for (const auto& h : holds) {
    auto it = names.find(h.inspectorate_id);
    out.push_back(it == names.end() ? "an inspectorate" : it->second);
  }
  return out;
}

}  // namespace

Status InspectionService::ReadRetention(Transaction& tx, RetentionView& v) {
  const int64_t id = v.inspection.id;
  v.today = Today(clock_);
  ASSIGN_OR_RETURN(auto all, ListInspectorates(tx));
  v.inspectorates = ShortNames(all);
  std::map<int64_t, std::string> codes;
  for (const auto& i : all) codes[i.id] = i.code;
  for (int64_t who : v.inspection.participating) {
    v.schedules.emplace_back(v.inspectorates[who],
                             ScheduleWords(ScheduleOf(Schedules(), codes[who])));
  }
  ASSIGN_OR_RETURN(auto agreement, GetRetentionAgreement(tx, id));
  if (agreement) {
    v.agreed = true;
    v.agreed_on = agreement->agreed_on;
    v.published_on = agreement->published_on;
    v.version = agreement->version;
  }
  // Once the publication's time is set the schedules count from its day,
  // and from the day it was published once it is: nobody types it then.
  ASSIGN_OR_RETURN(auto publication, GetPublication(tx, id));
  if (publication) v.published_on = PublicationDayOf(*publication);
  ASSIGN_OR_RETURN(v.holds, HoldsOf(tx, id));
  ASSIGN_OR_RETURN(auto notes, NotesOf(tx, id));
  ASSIGN_OR_RETURN(auto destroyed, DestructionsOf(tx, id));
  ASSIGN_OR_RETURN(auto evidence, PartsOf(tx, EvidenceRecord(), id));
  std::vector<RetentionItem> items;
  for (const auto& e : evidence) {
    RetainedItem r;
    r.item.entity_type = EvidenceRecord().name;
    r.item.id = e.id;
    r.item.inspection_id = id;
    r.item.owner_inspectorate_id = e.recorded_for;
    r.item.label = e.method == Method::kData ? "Data" : std::string(MethodLabel(e.method));
    r.item.label += ", gathered " + Date::ParseOrNone(e.gathered_on).ToDayMonthYear();
    RetentionFacts& f = r.item.facts;
    f.inspectorate = codes[e.recorded_for];
    f.kind = DefaultKind(e);
    f.sensitivity = SensitivityOf(e.classification);
    f.recorded_on = Date::ParseOrNone(e.gathered_on);
    f.published_on = Date::ParseOrNone(v.published_on);
    for (const auto& n : notes) {
      if (n.entity_type != r.item.entity_type || n.entity_id != e.id) continue;
      if (auto k = ParseMaterialKind(n.kind)) f.kind = *k;
      f.extended_to = Date::ParseOrNone(n.extended_to);
      r.extend_reason = n.extend_reason;
    }
    r.due = DueFor(Schedules(), f);
    r.owner = v.inspectorates[e.recorded_for];
    for (const auto& d : destroyed) {
      if (d.entity_type != r.item.entity_type || d.entity_id != e.id) continue;
      r.destroyed = true;
      r.destroyed_at = d.destroyed_at;
      r.approved_by = d.approved_by;
      r.certificate_seq = d.certificate_seq;
      r.content_sha256 = d.content_sha256;
    }
    if (!r.destroyed) items.push_back(r.item);
    v.items.push_back(std::move(r));
  }
  v.due = ProposeRetention(Schedules(), items, v.holds, Date::ParseOrNone(v.today));
  v.due_in_all = static_cast<int>(v.due.size());
  // What the viewer may not see is left out of the lists, as on the evidence
  // register, and counted.
  std::set<int64_t> hidden;
  for (const auto& e : evidence) {
    if (!MaySee(v.standing, e.classification)) hidden.insert(e.id);
  }
  v.withheld = static_cast<int>(hidden.size());
  std::erase_if(v.items, [&](const RetainedItem& r) { return hidden.count(r.item.id) > 0; });
  std::erase_if(v.due, [&](const RetentionProposal& p) { return hidden.count(p.item.id) > 0; });
  return OkStatus();
}

Status InspectionService::ReadRetentionPart(Transaction& tx, InspectionView& v,
                                            InspectionFacts& f) {
  v.retention.inspection = v.inspection;
  v.retention.standing = v.standing;
  RETURN_IF_ERROR(ReadRetention(tx, v.retention));
  f.retention_agreed = v.retention.agreed;
  f.publication_dated = !v.retention.published_on.empty();
  f.retention_due = v.retention.due_in_all;
  return OkStatus();
}

Status InspectionService::RefuseIfDestroyed(Transaction& tx, int64_t inspection_id,
                                            const std::vector<int64_t>& evidence_ids,
                                            std::string_view field) {
  ASSIGN_OR_RETURN(auto destroyed, DestructionsOf(tx, inspection_id));
  for (const auto& d : destroyed) {
    if (d.entity_type != EvidenceRecord().name ||
        std::find(evidence_ids.begin(), evidence_ids.end(), d.entity_id) == evidence_ids.end()) {
      continue;
    }
    ASSIGN_OR_RETURN(auto all, ListInspectorates(tx));
    return RefuseDestroyed("Evidence item " + std::to_string(d.entity_id),
                           DestroyedWords(d.destroyed_at, ShortNames(all)[d.inspectorate_id]),
                           field);
  }
  return OkStatus();
}

StatusOr<RetentionView> InspectionService::ViewRetention(const Caller& caller,
                                                         int64_t inspection_id) {
  RetentionView v;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    v.inspection = c.inspection;
    v.standing = c.standing;
    return ReadRetention(tx, v);
  }));
  return v;
}

StatusOr<RetentionView> InspectionService::AgreeRetention(const Caller& caller,
                                                          int64_t inspection_id,
                                                          const std::string& published_on,
                                                          int64_t version) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  Validation check;
  if (!published_on.empty()) check.Date("published_on", published_on, "the publication date");
  RETURN_IF_ERROR(check.Finish());
  RetentionView v;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    ASSIGN_OR_RETURN(auto before, GetRetentionAgreement(tx, inspection_id));
    const int64_t now = before ? before->version : 0;
    if (now != version) {
      return Aborted("The retention agreement was changed by someone else since version " +
                         std::to_string(version) + "; it is now version " + std::to_string(now),
                     "stale-version");
    }
    v.inspection = c.inspection;
    v.standing = c.standing;
    ASSIGN_OR_RETURN(auto publication, GetPublication(tx, inspection_id));
    if (publication && !published_on.empty() && published_on != PublicationDayOf(*publication)) {
      return std::move(
          InvalidArgument("The publication date is the publication's own", "publication-dated")
              .AddFieldError("published_on", "publication-dated",
                             "The date of publication is set on the Publication page, as " +
                                 Date::ParseOrNone(PublicationDayOf(*publication)).ToLong() +
                                 ": the schedules count from it"));
    }
    // Saved unchanged: nothing is written, so the version stays.
    if (before && before->published_on == published_on) return ReadRetention(tx, v);
    RetentionAgreement a{inspection_id, Today(clock_), std::max<int64_t>(caller.user_id, 0),
                         published_on, 0};
    ASSIGN_OR_RETURN(a, PutRetentionAgreement(tx, a));
    const json was = before ? json{{"published_on", before->published_on}} : json();
    RETURN_IF_ERROR(RecordChange(tx, clock_, caller, before ? "update" : "agree",
                                 "retention_agreement", inspection_id, was,
                                 {{"published_on", a.published_on}, {"agreed_on", a.agreed_on}}));
    return ReadRetention(tx, v);
  }));
  return v;
}

StatusOr<LegalHold> InspectionService::PlaceHold(const Caller& caller, int64_t inspection_id,
                                                 const std::string& reason) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  RETURN_IF_ERROR(CheckHoldReason(reason));
  LegalHold h;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    ASSIGN_OR_RETURN(int64_t who, SpeaksFor(c.standing, c.inspection));
    h.inspection_id = inspection_id;
    h.inspectorate_id = who;
    h.reason = reason;
    h.placed_on = Today(clock_);
    h.placed_by = std::max<int64_t>(caller.user_id, 0);
    ASSIGN_OR_RETURN(h, InsertHold(tx, h));
    return RecordChange(tx, clock_, caller, "place", "legal_hold", h.id, nullptr, HoldJson(h));
  }));
  return h;
}

StatusOr<LegalHold> InspectionService::LiftHold(const Caller& caller, int64_t hold_id,
                                                const std::string& reason) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  RETURN_IF_ERROR(CheckHoldReason(reason));
  LegalHold h;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(h, GetHold(tx, hold_id));
    auto c = Load(tx, caller, h.inspection_id);
    RETURN_IF_ERROR(Hidden(c.status(), "legal hold", hold_id));
    ASSIGN_OR_RETURN(auto all, ListInspectorates(tx));
    const int64_t who = c->standing.inspectorate.value_or(0);
    RETURN_IF_ERROR(CheckLiftHold(h, who, ShortNames(all)[h.inspectorate_id]));
    const json before = HoldJson(h);
    h.lifted_on = Today(clock_);
    h.lifted_by = std::max<int64_t>(caller.user_id, 0);
    h.lift_reason = reason;
    RETURN_IF_ERROR(MarkHoldLifted(tx, h));
    return RecordChange(tx, clock_, caller, "lift", "legal_hold", h.id, before, HoldJson(h));
  }));
  return h;
}

StatusOr<const RetainedItem*> InspectionService::ReadRetainedEvidence(
    Transaction& tx, const Caller& caller, int64_t evidence_id, EvidenceItem& e, RetentionView& v) {
  ASSIGN_OR_RETURN(e, GetRecord(tx, EvidenceRecord(), evidence_id));
  auto c = Load(tx, caller, e.inspection_id);
  RETURN_IF_ERROR(Hidden(c.status(), "evidence item", evidence_id));
  v.inspection = c->inspection;
  v.standing = c->standing;
  RETURN_IF_ERROR(ReadRetention(tx, v));
  auto it = std::find_if(v.items.begin(), v.items.end(),
                         [&](const RetainedItem& r) { return r.item.id == evidence_id; });
  if (it == v.items.end()) return NotFound("No evidence item " + std::to_string(evidence_id));
  if (it->destroyed) {
    return FailedPrecondition("This evidence item was destroyed on " + it->destroyed_at, "R22");
  }
  return &*it;
}

StatusOr<DestructionCertificate> InspectionService::DestroyEvidence(const Caller& caller,
                                                                    int64_t evidence_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  DestructionCertificate cert;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    EvidenceItem e;
    RetentionView v;
    ASSIGN_OR_RETURN(const RetainedItem* it, ReadRetainedEvidence(tx, caller, evidence_id, e, v));
    RETURN_IF_ERROR(CheckDestroy(it->item, it->due, v.holds, NamesOf(v.holds, v.inspectorates),
                                 v.standing.inspectorate.value_or(0), Date::ParseOrNone(v.today)));
    // What is destroyed, as the certificate names it by its SHA-256.
    ASSIGN_OR_RETURN(auto attachments, AttachmentsOfInspection(tx, e.inspection_id));
    json files = json::array();
    for (const auto& a : attachments) {
      if (a.evidence_id == evidence_id)
        files.push_back({{"filename_sha256", Sha256Hex(a.filename)}, {"sha256", a.sha256}});
    }
    const std::string content = RecordJson(EvidenceRecord(), e).dump();
    ASSIGN_OR_RETURN(auto history, AuditOf(tx, EvidenceRecord().name, evidence_id));
    json removed = json::array();
    for (const auto& h : history) removed.push_back(h.seq);
    cert.body = {{"what",
                  {{"entity_type", EvidenceRecord().name},
                   {"id", evidence_id},
                   {"inspection_id", e.inspection_id},
                   {"kind", MaterialKindId(it->item.facts.kind)}}},
                 {"schedule",
                  {{"inspectorate_id", e.recorded_for},
                   {"inspectorate", it->owner},
                   {"words", it->due.words},
                   {"due_on", it->due.due_on.ToIso()}}},
                 {"approved_by", {{"user_id", caller.user_id}, {"email", caller.email}}},
                 {"destroyed_on", v.today},
                 {"content_sha256", Sha256Hex(content)},
                 {"attachments", files},
                 {"audit_entries_removed", removed}};
    AuditEntry entry;
    entry.at = FormatTimestamp(clock_.NowMicros());
    entry.actor_id = std::max<int64_t>(caller.user_id, 0);
    entry.actor = caller.email;
    entry.action = "destroy";
    entry.entity_type = EvidenceRecord().name;
    entry.entity_id = evidence_id;
    entry.after_json = cert.body.dump();
    ASSIGN_OR_RETURN(AuditEntry written, AppendAudit(tx, std::move(entry)));
    cert.seq = written.seq;
    // The content goes: the item's text, the reviews' words, attachments,
    // and the contents of its earlier audit entries. The version stays: the
    // reviews bound to it still stand, so destruction neither reopens the
    // quality assurance of the evidence nor lapses its agreement, and no
    // change can follow it (RefuseIfDestroyed).
    RETURN_IF_ERROR(tx.Execute("UPDATE inspection_evidence SET summary = ?, case_reference = '', "
                               "answers = '', acting_as = '' WHERE id = ?",
                               {"Destroyed on " + Date::ParseOrNone(v.today).ToDayMonthYear() +
                                    " under " + it->owner + "'s retention schedule",
                                evidence_id})
                        .status());
    RETURN_IF_ERROR(tx.Execute("UPDATE evidence_reviews SET comment = '', answer = '' "
                               "WHERE evidence_id = ?",
                               {evidence_id})
                        .status());
    RETURN_IF_ERROR(
        tx.Execute("DELETE FROM evidence_attachments WHERE evidence_id = ?", {evidence_id})
            .status());
    RETURN_IF_ERROR(RemoveAuditContents(tx, EvidenceRecord().name, evidence_id, cert.seq));
    Destruction d;
    d.inspection_id = e.inspection_id;
    d.entity_type = EvidenceRecord().name;
    d.entity_id = evidence_id;
    d.inspectorate_id = e.recorded_for;
    d.destroyed_at = written.at;
    d.approved_by = std::max<int64_t>(caller.user_id, 0);
    d.content_sha256 = Sha256Hex(content);
    d.certificate_seq = cert.seq;
    return InsertDestruction(tx, d).status();
  }));
  // Outside the transaction: no copy of the content is left in the files.
  RETURN_IF_ERROR(db_.Compact(kEvidenceTables));
  return cert;
}

Status InspectionService::ExtendRetention(const Caller& caller, int64_t evidence_id,
                                          const std::string& reason, const std::string& review_on) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  return db_.Write([&](Transaction& tx) -> Status {
    EvidenceItem e;
    RetentionView v;
    ASSIGN_OR_RETURN(const RetainedItem* it, ReadRetainedEvidence(tx, caller, evidence_id, e, v));
    RETURN_IF_ERROR(CheckExtend(it->item, it->due, v.standing.inspectorate.value_or(0), reason,
                                review_on, Date::ParseOrNone(v.today)));
    RetentionItemNote n{EvidenceRecord().name, evidence_id, e.inspection_id, "", review_on, reason};
    RETURN_IF_ERROR(PutNote(tx, n));
    return RecordChange(tx, clock_, caller, "extend", "retention_review", evidence_id,
                        {{"review_on", it->due.due_on.ToIso()}},
                        {{"review_on", review_on}, {"reason", reason}});
  });
}

StatusOr<RetentionDuePage> InspectionService::RetentionDueFor(const Caller& caller,
                                                              int64_t inspectorate_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  RetentionDuePage page;
  page.inspectorate_id = inspectorate_id;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, ListInspectorates(tx));
    page.inspectorates = ShortNames(all);
    if (!Find(all, inspectorate_id)) {
      return NotFound("No inspectorate with reference " + std::to_string(inspectorate_id));
    }
    page.inspectorate = page.inspectorates[inspectorate_id];
    page.today = Today(clock_);
    ASSIGN_OR_RETURN(auto inspections, ListInspections(tx));
    for (const auto& i : inspections) {
      if (!Participates(i, inspectorate_id)) continue;
      ASSIGN_OR_RETURN(bool sees, SeesInspection(tx, caller, i.id));
      if (!sees) continue;
      ASSIGN_OR_RETURN(Context c, Load(tx, caller, i.id));
      RetentionView v;
      v.inspection = i;
      v.standing = c.standing;
      RETURN_IF_ERROR(ReadRetention(tx, v));
      for (auto& p : v.due) {
        if (p.item.owner_inspectorate_id == inspectorate_id) {
          page.items.push_back({i.title, std::move(p)});
        }
      }
    }
    return OkStatus();
  }));
  return page;
}

}  // namespace jointly
