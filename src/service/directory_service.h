// Use cases on the directory: inspectorates and inspected bodies. Checks the
// caller's permission, validates, writes, and audits in one transaction.
// Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "domain/directory.h"
#include "store/database.h"
#include "store/directory_store.h"

namespace jointly {

struct ImportSummary {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
};

class DirectoryService {
 public:
  DirectoryService(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Every call: Unauthenticated for an anonymous caller, PermissionDenied
  // without the permission; NotFound for an unknown id.
  StatusOr<std::vector<Inspectorate>> Inspectorates(const Caller& caller);
  StatusOr<Inspectorate> GetInspectorate(const Caller& caller, int64_t id);
  // `changed.version` is the version the caller saw: Aborted (with the
  // changes since in detail_json) if it is stale.
  StatusOr<Inspectorate> UpdateInspectorate(const Caller& caller, const Inspectorate& changed);

  StatusOr<Page<InspectedBody>> Bodies(const Caller& caller, const BodyQuery& query);
  StatusOr<std::vector<std::string>> Regions(const Caller& caller);
  StatusOr<InspectedBody> GetBody(const Caller& caller, int64_t id);
  // AlreadyExists (field "code") if the code is taken.
  StatusOr<InspectedBody> CreateBody(const Caller& caller, const InspectedBody& body);
  StatusOr<InspectedBody> UpdateBody(const Caller& caller, const InspectedBody& changed);

  // Validates the whole file first; InvalidArgument listing every bad line
  // and nothing saved. Otherwise creates new codes and updates existing
  // ones, in transactions of a few hundred lines each so that other
  // writers are never held for long; should one fail (a code taken
  // meanwhile), the lines before it stay saved and the error says why.
  StatusOr<ImportSummary> ImportBodiesCsv(const Caller& caller, std::string_view csv);
  StatusOr<std::string> ExportBodiesCsv(const Caller& caller);

  // Choosing sites from data (M 12-14): each body's indicators (a body's
  // replace what it had), and single-inspectorate inspections (one already
  // there is left unchanged), from CSV (domain/site_selection.h). As the
  // bodies import: every bad line or unknown code at once, nothing saved.
  StatusOr<ImportSummary> ImportIndicatorsCsv(const Caller& caller, std::string_view csv);
  StatusOr<ImportSummary> ImportPastInspectionsCsv(const Caller& caller, std::string_view csv);
  // The made-up indicators and past inspections of the demo's police
  // forces and their peers (data/example_*.csv); loading them again
  // changes only what was changed since.
  Status LoadExampleSiteData();

  // The audit trail of one record ("body" or "inspectorate"), oldest first.
  StatusOr<std::vector<AuditEntry>> History(const Caller& caller, const std::string& entity_type,
                                            int64_t id);
  // A page of it, read a page at a time from the database.
  StatusOr<Page<AuditEntry>> HistoryPage(const Caller& caller, const std::string& entity_type,
                                         int64_t id, int64_t limit, int64_t offset);

  // Loads the shipped inspectorates and bodies once per database.
  Status LoadReferenceData();

 private:
  Status FillContactDetails(Transaction& tx, const std::vector<Inspectorate>& shipped,
                            const std::string& now);
  // Aborted `stale` with detail_json {current, changes_since} added.
  Status Conflict(Status stale, const std::string& entity_type, int64_t id, int64_t seen_version);

  Database& db_;
  const Clock& clock_;
};

}  // namespace jointly
