#include "service/directory_service.h"

#include "core/embedded.h"
#include "domain/csv.h"
#include "domain/site_selection.h"
#include "service/audit_trail.h"
#include "service/record_service.h"
#include "service/records_json.h"
#include "store/audit_store.h"
#include "store/site_data_store.h"

namespace jointly::embedded {
const FileMap& ReferenceData();
}

namespace jointly {

using nlohmann::json;

StatusOr<std::vector<Inspectorate>> DirectoryService::Inspectorates(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  std::vector<Inspectorate> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, ListInspectorates(tx));
    return OkStatus();
  }));
  return out;
}

StatusOr<Inspectorate> DirectoryService::GetInspectorate(const Caller& caller, int64_t id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  Inspectorate out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, jointly::GetInspectorate(tx, id));
    return OkStatus();
  }));
  return out;
}

StatusOr<Inspectorate> DirectoryService::UpdateInspectorate(const Caller& caller,
                                                            const Inspectorate& changed) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditReferenceData));
  RETURN_IF_ERROR(ValidateInspectorate(changed));
  Inspectorate after = changed;
  Status s = db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Inspectorate before, jointly::GetInspectorate(tx, changed.id));
    const std::string now = FormatTimestamp(clock_.NowMicros());
    ASSIGN_OR_RETURN(after.version, jointly::UpdateInspectorate(tx, changed, now));
    return RecordChange(tx, clock_, caller, "update", "inspectorate", changed.id, ToJson(before),
                        ToJson(after));
  });
  if (s.code() == StatusCode::kAborted)
    return Conflict(s, "inspectorate", changed.id, changed.version);
  if (s.code() == StatusCode::kAlreadyExists) {
    return std::move(
        InvalidArgument("Code is already used", "unique-code")
            .AddFieldError("code", "unique-code",
                           "Code " + changed.code + " is already used by another inspectorate"));
  }
  RETURN_IF_ERROR(s);
  return after;
}

StatusOr<Page<InspectedBody>> DirectoryService::Bodies(const Caller& caller,
                                                       const BodyQuery& query) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  Page<InspectedBody> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, ListBodies(tx, query));
    return OkStatus();
  }));
  return out;
}

StatusOr<std::vector<std::string>> DirectoryService::Regions(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  std::vector<std::string> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, BodyRegions(tx));
    return OkStatus();
  }));
  return out;
}

StatusOr<InspectedBody> DirectoryService::GetBody(const Caller& caller, int64_t id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  InspectedBody out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, jointly::GetBody(tx, id));
    return OkStatus();
  }));
  return out;
}

namespace {

Status CodeTaken(const std::string& code) {
  return std::move(InvalidArgument("Code is already used", "unique-code")
                       .AddFieldError("code", "unique-code",
                                      "Code " + code + " is already used by another body"));
}

}  // namespace

StatusOr<InspectedBody> DirectoryService::CreateBody(const Caller& caller,
                                                     const InspectedBody& body) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditDirectory));
  RETURN_IF_ERROR(ValidateBody(body));
  InspectedBody created = body;
  Status s = db_.Write([&](Transaction& tx) -> Status {
    const std::string now = FormatTimestamp(clock_.NowMicros());
    ASSIGN_OR_RETURN(created.id, InsertBody(tx, body, now));
    created.version = 1;
    return RecordChange(tx, clock_, caller, "create", "body", created.id, nullptr, ToJson(created));
  });
  if (s.code() == StatusCode::kAlreadyExists) return CodeTaken(body.code);
  RETURN_IF_ERROR(s);
  return created;
}

StatusOr<InspectedBody> DirectoryService::UpdateBody(const Caller& caller,
                                                     const InspectedBody& changed) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditDirectory));
  RETURN_IF_ERROR(ValidateBody(changed));
  InspectedBody after = changed;
  Status s = db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(InspectedBody before, jointly::GetBody(tx, changed.id));
    const std::string now = FormatTimestamp(clock_.NowMicros());
    ASSIGN_OR_RETURN(after.version, jointly::UpdateBody(tx, changed, now));
    return RecordChange(tx, clock_, caller, "update", "body", changed.id, ToJson(before),
                        ToJson(after));
  });
  if (s.code() == StatusCode::kAborted) return Conflict(s, "body", changed.id, changed.version);
  if (s.code() == StatusCode::kAlreadyExists) return CodeTaken(changed.code);
  RETURN_IF_ERROR(s);
  return after;
}

Status DirectoryService::Conflict(Status stale, const std::string& entity_type, int64_t id,
                                  int64_t seen_version) {
  return ConflictDetail(db_, std::move(stale), entity_type, id, seen_version,
                        [&](Transaction& tx) -> StatusOr<json> {
                          if (entity_type == "body") {
                            ASSIGN_OR_RETURN(InspectedBody b, jointly::GetBody(tx, id));
                            return ToJson(b);
                          }
                          ASSIGN_OR_RETURN(Inspectorate i, jointly::GetInspectorate(tx, id));
                          return ToJson(i);
                        });
}

namespace {

// How many lines of a bodies file are saved in one transaction: small
// enough that other writers, who wait for the audit trail's head, wait a
// few tens of milliseconds at most.
constexpr size_t kImportBatch = 500;

// Saves `batch` (codes unique, every line valid) in `tx`: new codes in
// one statement, changed bodies one by one, and their audit entries in
// one statement.
Status ImportBodies(Transaction& tx, const Clock& clock, const Caller& caller,
                    std::vector<InspectedBody> batch, ImportSummary& summary) {
  const std::string now = FormatTimestamp(clock.NowMicros());
  std::vector<std::string> codes;
  codes.reserve(batch.size());
  for (const auto& b : batch) codes.push_back(b.code);
  ASSIGN_OR_RETURN(auto existing, FindBodiesByCode(tx, codes));
  std::vector<InspectedBody> added;
  std::vector<AuditEntry> audit;
  auto entry = [&](int64_t id, const json& before, const json& after) {
    AuditEntry e;
    e.at = now;
    e.actor_id = std::max<int64_t>(caller.user_id, 0);
    e.actor = caller.email;
    e.action = "import";
    e.entity_type = "body";
    e.entity_id = id;
    e.before_json = before.is_null() ? "" : before.dump();
    e.after_json = after.dump();
    audit.push_back(std::move(e));
  };
  for (InspectedBody& b : batch) {
    auto it = existing.find(b.code);
    if (it == existing.end()) {
      added.push_back(std::move(b));
      continue;
    }
    b.id = it->second.id;
    b.version = it->second.version;
    b.address = it->second.address;  // the CSV does not carry addresses
    const json before = ToJson(it->second);
    if (ToJson(b) == before) {
      ++summary.unchanged;
      continue;
    }
    ASSIGN_OR_RETURN(b.version, jointly::UpdateBody(tx, b, now));
    entry(b.id, before, ToJson(b));
    ++summary.updated;
  }
  RETURN_IF_ERROR(InsertBodies(tx, added, now));
  for (const auto& b : added) entry(b.id, nullptr, ToJson(b));
  summary.created += static_cast<int>(added.size());
  return AppendAuditEntries(tx, std::move(audit));
}

}  // namespace

StatusOr<ImportSummary> DirectoryService::ImportBodiesCsv(const Caller& caller,
                                                          std::string_view csv) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditDirectory));
  ASSIGN_OR_RETURN(std::vector<InspectedBody> bodies, ParseBodiesCsv(csv));
  ImportSummary summary;
  for (size_t from = 0; from < bodies.size(); from += kImportBatch) {
    const size_t to = std::min(bodies.size(), from + kImportBatch);
    std::vector<InspectedBody> batch(std::make_move_iterator(bodies.begin() + from),
                                     std::make_move_iterator(bodies.begin() + to));
    ImportSummary done;
    RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
      done = {};
      return ImportBodies(tx, clock_, caller, batch, done);
    }));
    summary.created += done.created;
    summary.updated += done.updated;
    summary.unchanged += done.unchanged;
  }
  return summary;
}

StatusOr<std::string> DirectoryService::ExportBodiesCsv(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  std::vector<InspectedBody> bodies;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(bodies, AllBodies(tx));
    return OkStatus();
  }));
  return BodiesToCsv(bodies);
}

namespace {

// Codes of the directory's bodies and inspectorates, read in `tx`.
struct Codes {
  std::map<std::string, int64_t> bodies, inspectorates;
  CodeLookup Body() const { return Of(bodies); }
  CodeLookup Inspectorate() const { return Of(inspectorates); }
  static CodeLookup Of(const std::map<std::string, int64_t>& m) {
    return [&m](const std::string& code) -> std::optional<int64_t> {
      auto it = m.find(code);
      return it == m.end() ? std::nullopt : std::optional<int64_t>(it->second);
    };
  }
};

StatusOr<Codes> ReadCodes(Transaction& tx) {
  Codes c;
  ASSIGN_OR_RETURN(auto bodies, AllBodies(tx));
  for (const auto& b : bodies) c.bodies[b.code] = b.id;
  ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
  for (const auto& i : inspectorates) c.inspectorates[i.code] = i.id;
  return c;
}

nlohmann::json ToJson(const BodyIndicators& i) {
  return {{"body_id", i.body_id},
          {"performance", i.performance},
          {"performance_measure", i.performance_measure},
          {"size", i.size},
          {"size_measure", i.size_measure}};
}

}  // namespace

StatusOr<ImportSummary> DirectoryService::ImportIndicatorsCsv(const Caller& caller,
                                                              std::string_view csv) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditDirectory));
  ImportSummary summary;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    summary = {};
    const std::string now = FormatTimestamp(clock_.NowMicros());
    ASSIGN_OR_RETURN(Codes codes, ReadCodes(tx));
    ASSIGN_OR_RETURN(std::vector<IndicatorLine> lines, ParseIndicatorsCsv(csv, codes.Body()));
    for (const IndicatorLine& x : lines) {
      ASSIGN_OR_RETURN(auto before, FindIndicators(tx, x.indicators.body_id));
      if (before && ToJson(*before) == ToJson(x.indicators)) {
        ++summary.unchanged;
        continue;
      }
      RETURN_IF_ERROR(SaveIndicators(tx, x.indicators, now));
      RETURN_IF_ERROR(
          RecordChange(tx, clock_, caller, "import", "body_indicators", x.indicators.body_id,
                       before ? ToJson(*before) : nlohmann::json(nullptr), ToJson(x.indicators)));
      ++(before ? summary.updated : summary.created);
    }
    return OkStatus();
  }));
  return summary;
}

StatusOr<ImportSummary> DirectoryService::ImportPastInspectionsCsv(const Caller& caller,
                                                                   std::string_view csv) {
  RETURN_IF_ERROR(Require(caller, Permission::kEditDirectory));
  ImportSummary summary;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    summary = {};
    const std::string now = FormatTimestamp(clock_.NowMicros());
    ASSIGN_OR_RETURN(Codes codes, ReadCodes(tx));
    ASSIGN_OR_RETURN(std::vector<PastInspectionLine> lines,
                     ParsePastInspectionsCsv(csv, codes.Body(), codes.Inspectorate()));
    for (const PastInspectionLine& x : lines) {
      ASSIGN_OR_RETURN(bool added, AddPastInspection(tx, x.inspection, now));
      if (!added) {
        ++summary.unchanged;
        continue;
      }
      RETURN_IF_ERROR(RecordChange(tx, clock_, caller, "import", "past_inspection",
                                   x.inspection.body_id, nullptr,
                                   {{"body_id", x.inspection.body_id},
                                    {"inspectorate_id", x.inspection.inspectorate_id},
                                    {"inspected_on", x.inspection.inspected_on},
                                    {"title", x.inspection.title}}));
      ++summary.created;
    }
    return OkStatus();
  }));
  return summary;
}

Status DirectoryService::LoadExampleSiteData() {
  const auto& files = embedded::ReferenceData();
  RETURN_IF_ERROR(ImportIndicatorsCsv(SystemCaller(), files.at("example_indicators.csv")).status());
  return ImportPastInspectionsCsv(SystemCaller(), files.at("example_past_inspections.csv"))
      .status();
}

StatusOr<std::vector<AuditEntry>> DirectoryService::History(const Caller& caller,
                                                            const std::string& entity_type,
                                                            int64_t id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  if (entity_type != "body" && entity_type != "inspectorate") {
    return InvalidArgument("History is kept for bodies and inspectorates here", "one-of");
  }
  std::vector<AuditEntry> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, AuditOf(tx, entity_type, id));
    return OkStatus();
  }));
  return out;
}

StatusOr<Page<AuditEntry>> DirectoryService::HistoryPage(const Caller& caller,
                                                         const std::string& entity_type, int64_t id,
                                                         int64_t limit, int64_t offset) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  if (entity_type != "body" && entity_type != "inspectorate") {
    return InvalidArgument("History is kept for bodies and inspectorates here", "one-of");
  }
  Page<AuditEntry> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, AuditOfPage(tx, entity_type, id, limit, offset));
    return OkStatus();
  }));
  return out;
}

// Who leads each inspectorate and how to reach it came later than the
// directory itself: a directory loaded before is given them once, where
// nobody has filled them in, and the change is audited.
Status DirectoryService::FillContactDetails(Transaction& tx,
                                            const std::vector<Inspectorate>& shipped,
                                            const std::string& now) {
  ASSIGN_OR_RETURN(auto loaded, tx.Query("SELECT name FROM reference_data_loads WHERE name = ?",
                                         {"directory-contacts-v1"}));
  if (!loaded.empty()) return OkStatus();
  for (const Inspectorate& s : shipped) {
    ASSIGN_OR_RETURN(auto existing, FindInspectorateByCode(tx, s.code));
    if (!existing) continue;
    Inspectorate i = *existing;
    for (auto member :
         {&Inspectorate::head_name, &Inspectorate::head_title, &Inspectorate::address,
          &Inspectorate::website, &Inspectorate::email, &Inspectorate::queries_name}) {
      if ((i.*member).empty()) i.*member = s.*member;
    }
    if (ToJson(i) == ToJson(*existing)) continue;
    ASSIGN_OR_RETURN(i.version, jointly::UpdateInspectorate(tx, i, now));
    RETURN_IF_ERROR(RecordChange(tx, clock_, SystemCaller(), "reference-data", "inspectorate", i.id,
                                 ToJson(*existing), ToJson(i)));
  }
  return tx
      .Execute("INSERT INTO reference_data_loads (name, loaded_at) VALUES (?, ?)",
               {"directory-contacts-v1", now})
      .status();
}

namespace {

// The sponsoring departments of inspectorates (R21) and the bodies they
// are came later than the directory itself: a directory loaded before is
// given each inspectorate's sponsor where nobody has named one, and each
// body of the reference data it lacks (the Attorney General's Office),
// once; every change is audited.
Status FillSponsors(Transaction& tx, const Clock& clock, const std::vector<Inspectorate>& shipped,
                    const std::vector<InspectedBody>& bodies, const std::string& now) {
  ASSIGN_OR_RETURN(auto loaded, tx.Query("SELECT name FROM reference_data_loads WHERE name = ?",
                                         {"directory-sponsors-v1"}));
  if (!loaded.empty()) return OkStatus();
  for (const Inspectorate& s : shipped) {
    ASSIGN_OR_RETURN(auto existing, FindInspectorateByCode(tx, s.code));
    if (!existing || !existing->sponsoring_department.empty() || s.sponsoring_department.empty()) {
      continue;
    }
    Inspectorate i = *existing;
    i.sponsoring_department = s.sponsoring_department;
    ASSIGN_OR_RETURN(i.version, jointly::UpdateInspectorate(tx, i, now));
    RETURN_IF_ERROR(RecordChange(tx, clock, SystemCaller(), "reference-data", "inspectorate", i.id,
                                 ToJson(*existing), ToJson(i)));
  }
  for (InspectedBody b : bodies) {
    ASSIGN_OR_RETURN(auto existing, FindBodyByCode(tx, b.code));
    if (existing) continue;
    ASSIGN_OR_RETURN(b.id, InsertBody(tx, b, now));
    b.version = 1;
    RETURN_IF_ERROR(RecordChange(tx, clock, SystemCaller(), "reference-data", "body", b.id, nullptr,
                                 ToJson(b)));
  }
  return tx
      .Execute("INSERT INTO reference_data_loads (name, loaded_at) VALUES (?, ?)",
               {"directory-sponsors-v1", now})
      .status();
}

}  // namespace

Status DirectoryService::LoadReferenceData() {
  const auto& files = embedded::ReferenceData();
  ASSIGN_OR_RETURN(std::vector<Inspectorate> inspectorates,
                   ParseInspectoratesCsv(files.at("inspectorates.csv")));
  ASSIGN_OR_RETURN(std::vector<InspectedBody> bodies, ParseBodiesCsv(files.at("bodies.csv")));
  const Caller system = SystemCaller();
  return db_.Write([&](Transaction& tx) -> Status {
    const std::string now = FormatTimestamp(clock_.NowMicros());
    RETURN_IF_ERROR(FillContactDetails(tx, inspectorates, now));
    ASSIGN_OR_RETURN(auto loaded, tx.Query("SELECT name FROM reference_data_loads WHERE name = ?",
                                           {"directory-v1"}));
    if (!loaded.empty()) return FillSponsors(tx, clock_, inspectorates, bodies, now);
    for (Inspectorate& i : inspectorates) {
      ASSIGN_OR_RETURN(auto existing, FindInspectorateByCode(tx, i.code));
      if (existing) continue;
      ASSIGN_OR_RETURN(i.id, InsertInspectorate(tx, i, now));
      i.version = 1;
      RETURN_IF_ERROR(RecordChange(tx, clock_, system, "reference-data", "inspectorate", i.id,
                                   nullptr, ToJson(i)));
    }
    for (InspectedBody& b : bodies) {
      ASSIGN_OR_RETURN(auto existing, FindBodyByCode(tx, b.code));
      if (existing) continue;
      ASSIGN_OR_RETURN(b.id, InsertBody(tx, b, now));
      b.version = 1;
      RETURN_IF_ERROR(
          RecordChange(tx, clock_, system, "reference-data", "body", b.id, nullptr, ToJson(b)));
    }
    RETURN_IF_ERROR(tx.Execute("INSERT INTO reference_data_loads (name, loaded_at) VALUES (?, ?)",
                               {"directory-v1", now})
                        .status());
    return FillSponsors(tx, clock_, inspectorates, bodies, now);
  });
}

}  // namespace jointly
