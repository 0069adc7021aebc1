#include "service/welsh_service.h"

#include <nlohmann/json.hpp>

#include "domain/inspection.h"
#include "service/audit_trail.h"
#include "service/record_service.h"
#include "store/consultation_store.h"
#include "store/inspection_store.h"

namespace jointly {

using nlohmann::json;

std::optional<std::string_view> WelshKindOf(std::string_view name) {
  if (name == "report") return kReleasedReport;
  if (name == "terms-of-reference") return kReleasedInspection;
  if (name == "consultation") return kReleasedConsultation;
  return std::nullopt;
}

std::string_view WelshKindName(std::string_view kind) {
  if (kind == kReleasedReport) return "report";
  if (kind == kReleasedInspection) return "terms-of-reference";
  return "consultation";
}

namespace {

json AuditJson(const WelshVersion& w) {
  return {{"kind", WelshKindName(w.kind)}, {"record_id", w.record_id}, {"title", w.title},
          {"summary", w.summary},          {"text", w.text},           {"version", w.version}};
}

std::string EnglishPage(std::string_view kind, int64_t id) {
  const std::string n = std::to_string(id);
  if (kind == kReleasedReport) return "/reports/" + n;
  if (kind == kReleasedInspection) return "/inspections-in-progress/" + n;
  return "/consultations/" + n + "/respond";
}

std::string WelshPage(std::string_view kind, int64_t id) {
  const std::string n = std::to_string(id);
  if (kind == kReleasedReport) return "/cy/reports/" + n;
  if (kind == kReleasedInspection) return "/cy/inspections-in-progress/" + n;
  return "/cy/consultations/" + n;
}

// What the record is called and whether the caller may publish it, after
// checking they may edit it (see WelshService::Get).
struct RecordStanding {
  std::string title;
  bool may_publish = false;
};

StatusOr<RecordStanding> StandingOn(Transaction& tx, const Caller& caller, std::string_view kind,
                                    int64_t id) {
  RecordStanding out;
  if (kind == kReleasedConsultation) {
    // Those who run consultations also open them (their publishing step).
    RETURN_IF_ERROR(Require(caller, Permission::kRunConsultations));
    ASSIGN_OR_RETURN(ConsultationRound round, GetRound(tx, id));
    out.title = round.title;
    out.may_publish = true;
    return out;
  }
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  auto inspection = GetInspection(tx, id);
  if (inspection.status().code() == StatusCode::kNotFound) {
    return NotFound("No inspection with reference " + std::to_string(id));
  }
  RETURN_IF_ERROR(inspection.status());
  ASSIGN_OR_RETURN(auto team, ListTeam(tx, id));
  const Standing s = StandingOf(caller, *inspection, team);
  // Outsiders are not told that it exists.
  if (!s.sees) return NotFound("No inspection with reference " + std::to_string(id));
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  RETURN_IF_ERROR(CheckOnTeam(s));
  out.title = "Joint inspection of " + inspection->title;
  // The lead team signs off the terms and sets the report's publication.
  out.may_publish = CheckLeadTeam(s).ok();
  return out;
}

}  // namespace

StatusOr<WelshVersionView> WelshService::Read(Transaction& tx, const Caller& caller,
                                              std::string_view kind, int64_t record_id) {
  if (!HoldsWelshVersion(kind))
    return NotFound(
        "Only reports, terms of reference and "
        "consultations have Welsh versions");
  ASSIGN_OR_RETURN(RecordStanding standing, StandingOn(tx, caller, kind, record_id));
  WelshVersionView v;
  v.english_title = standing.title;
  v.may_publish = standing.may_publish;
  ASSIGN_OR_RETURN(auto stored, GetWelshVersion(tx, kind, record_id));
  if (stored) {
    v.welsh = std::move(*stored);
  } else {
    v.welsh.kind = std::string(kind);
    v.welsh.record_id = record_id;
  }
  ASSIGN_OR_RETURN(v.about_wales, AboutBodiesInWales(tx, kind, record_id));
  ASSIGN_OR_RETURN(v.english_written, EnglishWritten(tx, kind, record_id));
  const std::string slug = std::to_string(record_id);
  ASSIGN_OR_RETURN(auto english, GetReleased(tx, kind, slug));
  ASSIGN_OR_RETURN(auto welsh, GetReleased(tx, kind, slug, "cy"));
  v.english_released = english.has_value();
  v.welsh_released = v.english_released && welsh.has_value();
  v.english_page = EnglishPage(kind, record_id);
  v.welsh_page = WelshPage(kind, record_id);
  return v;
}

StatusOr<WelshVersionView> WelshService::Get(const Caller& caller, std::string_view kind,
                                             int64_t record_id) {
  WelshVersionView out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, Read(tx, caller, kind, record_id));
    return OkStatus();
  }));
  return out;
}

StatusOr<WelshVersionView> WelshService::Save(const Caller& caller, WelshVersion welsh) {
  const std::string now = NowText(clock_);
  WelshVersionView out;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(WelshVersionView v, Read(tx, caller, welsh.kind, welsh.record_id));
    Validation check;
    check.Line("title", welsh.title, kMaxWelshTitle, true, "the title in Welsh");
    check.Text("summary", welsh.summary, kMaxWelshSummary, true, "the summary in Welsh");
    check.Text("text", welsh.text, kMaxWelshText, true, "the text in Welsh");
    if (!v.english_written) {
      check.Add("text", "welsh-needs-english",
                "A Welsh version translates its English one: write the English " +
                    std::string(WelshKindName(welsh.kind) == "consultation" ? "consultation"
                                : WelshKindName(welsh.kind) == "report"     ? "report"
                                                                        : "terms of reference") +
                    " first");
    }
    if (!v.about_wales) {
      check.Add("record", "welsh-only-for-wales",
                "Only a record about bodies in Wales has a Welsh version: none of its sites, "
                "recommendation owners or statutory consultees is in Wales in the directory");
    }
    RETURN_IF_ERROR(check.Finish("The Welsh version cannot be saved"));
    if (v.english_released && !v.may_publish) {
      return PermissionDenied(
          "The English one is published: only someone who may publish it can change its Welsh "
          "version, which is published when they save it",
          "welsh-released-with-english");
    }
    const WelshVersion before = v.welsh;
    if (before.version > 0 && welsh.version == before.version && welsh.title == before.title &&
        welsh.summary == before.summary && welsh.text == before.text) {
      out = std::move(v);
      return OkStatus();
    }
    welsh.updated_by = caller.user_id;
    welsh.updated_at = now;
    ASSIGN_OR_RETURN(int64_t version, PutWelshVersion(tx, welsh));
    welsh.version = version;
    RETURN_IF_ERROR(RecordChange(
        tx, clock_, caller, before.version == 0 ? "create" : "update", "welsh_version",
        welsh.record_id, before.version == 0 ? json() : AuditJson(before), AuditJson(welsh)));
    if (v.english_released) {
      // Saved by someone who may publish: released now, as it would have
      // been with the English one.
      const std::string slug = std::to_string(welsh.record_id);
      ASSIGN_OR_RETURN(auto english, GetReleased(tx, welsh.kind, slug));
      RETURN_IF_ERROR(ReleaseItem(tx, WelshRelease(welsh.kind, slug, welsh.title, welsh.summary,
                                                   welsh.text, english->title, now)));
      RETURN_IF_ERROR(RecordChange(tx, clock_, caller, "release", "welsh_version", welsh.record_id,
                                   json(), AuditJson(welsh)));
    }
    ASSIGN_OR_RETURN(out, Read(tx, caller, welsh.kind, welsh.record_id));
    return OkStatus();
  }));
  return out;
}

StatusOr<std::optional<ReleasedItem>> WelshService::Released(std::string_view kind,
                                                             std::string_view slug) {
  std::optional<ReleasedItem> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, GetReleased(tx, kind, slug, "cy"));
    return OkStatus();
  }));
  return out;
}

}  // namespace jointly
