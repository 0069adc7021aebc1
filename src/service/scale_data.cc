#include "service/scale_data.h"

#include <algorithm>
#include <array>
#include <map>

#include "domain/criteria.h"
#include "domain/directory.h"
#include "domain/programme.h"
#include "service/audit_trail.h"
#include "service/inspection_service.h"
#include "service/records_json.h"
#include "store/audit_store.h"
#include "store/directory_store.h"
#include "store/programme_store.h"
#include "store/released_store.h"

namespace jointly {
namespace {

constexpr int64_t kBatch = 2000;

constexpr std::array<const char*, 24> kPlaces = {
    "Ashford",    "Barnstaple", "Carlisle",     "Doncaster", "Ely",       "Falmouth",
    "Gloucester", "Harrogate",  "Ipswich",      "Kendal",    "Lancaster", "Maidstone",
    "Newport",    "Oswestry",   "Peterborough", "Reading",   "Salisbury", "Telford",
    "Usk",        "Wrexham",    "Yeovil",       "Bangor",    "Chester",   "Durham"};
constexpr std::array<const char*, 12> kRegions = {"North East",
                                                  "North West",
                                                  "Yorkshire and the Humber",
                                                  "East Midlands",
                                                  "West Midlands",
                                                  "East of England",
                                                  "London",
                                                  "South East",
                                                  "South West",
                                                  "Wales",
                                                  "Kent, Surrey and Sussex",
                                                  "Greater Manchester"};
constexpr std::array<const char*, 10> kTopics = {
    "victims and witnesses", "domestic abuse", "youth justice",
    "mental health",         "custody",        "case progression",
    "offender management",   "resettlement",   "hate crime",
    "digital evidence"};

// A time for the n-th of `total` changes, spread evenly over ten years
// from April 2016 (ISO 8601, as the audit trail writes it).
std::string TimeOf(int64_t n, int64_t total) {
  const int64_t start = int64_t{1459468800} * 1000000;  // 2016-04-01
  const int64_t span = int64_t{3652} * 86400 * 1000000;
  return FormatTimestamp(start + span / std::max<int64_t>(total, 1) * n);
}

// Counts rows of `table` whose `column` starts with `prefix` (what an
// earlier run added).
StatusOr<int64_t> CountPrefixed(Transaction& tx, const std::string& table,
                                const std::string& column, const std::string& prefix) {
  ASSIGN_OR_RETURN(SqlRow row,
                   tx.QueryOne("SELECT count(*) FROM " + table + " WHERE " + column + " LIKE ?",
                               {prefix + "%"}, "count"));
  return row.Int(0);
}

constexpr std::array<const char*, 8> kOwners = {"the Home Office",
                                                "the Ministry of Justice",
                                                "HM Prison and Probation Service",
                                                "the Crown Prosecution Service",
                                                "chief constables",
                                                "the College of Policing",
                                                "the Youth Justice Board",
                                                "police and crime commissioners"};

// The n-th made-up published joint report, released as the publishing step
// releases one (ReportRelease), with its recommendations.
ReleasedItem ScaleReport(int64_t n, const std::string& at) {
  const std::string topic = kTopics[n % kTopics.size()];
  const std::string place = kPlaces[(n / 3) % kPlaces.size()];
  DraftReport r;
  r.title = "Scale " + std::to_string(n) + ": " + topic + " in " + place;
  r.inspectorates = {"HM Inspectorate of Constabulary and Fire & Rescue Services",
                     "HM Crown Prosecution Service Inspectorate"};
  r.version = 1;
  for (const char* part : {"Introduction", "Leadership", "Working together", "Outcomes"}) {
    std::string text;
    for (int k = 0; k < 6; ++k) {
      text += "Inspectors looked at how the agencies in " + place + " deal with " + topic +
              ", reading " + std::to_string(40 + (n + k) % 60) +
              " case files and talking to staff, partners and people with experience of it. ";
    }
    r.sections.push_back({part, text});
  }
  for (int k = 0; k < 8; ++k) {
    r.findings.push_back({"Work on " + topic + " in " + place + " was " +
                              (k % 2 ? "consistent" : "uneven") + " across " +
                              std::to_string(2 + k) + " of the areas inspected.",
                          "Outcomes"});
  }
  for (int64_t k = 0; k < kScaleRecommendationsPerReport; ++k) {
    DraftReport::Ask a;
    a.owner = kOwners[(n + k) % kOwners.size()];
    a.action = "Within " + std::to_string(3 + k % 9) + " months, " + a.owner +
               " should review how " + topic + " cases are handled in " + place +
               " and publish what changes as a result (" + std::to_string(k + 1) + ").";
    a.measure = "A published review";
    a.due_on = std::to_string(std::stoi(at.substr(0, 4)) + 1) + "-03-31";  // the next year's end
    a.answers = {static_cast<int>(k % 8) + 1};
    r.asks.push_back(std::move(a));
  }
  return ReportRelease(2000000 + n, r, at);
}

// Published joint reports on the public website, ten years' worth, after
// any an earlier run added.
Status AddScaleReports(Database& db, int64_t reports,
                       const std::function<void(const std::string&)>& progress) {
  int64_t first_report = 0;
  RETURN_IF_ERROR(db.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(first_report,
                     CountPrefixed(tx, "released_items", "title", "Joint inspection of Scale "));
    return OkStatus();
  }));
  for (int64_t done = 0; done < reports;) {
    RETURN_IF_ERROR(db.Write([&](Transaction& tx) -> Status {
      for (int64_t k = 0; k < kBatch / 40 && done + k < reports; ++k) {
        const int64_t n = first_report + done + k;
        RETURN_IF_ERROR(ReleaseItem(tx, ScaleReport(n, TimeOf(n, reports + 1))));
      }
      return OkStatus();
    }));
    done = std::min(reports, done + kBatch / 40);
    progress(std::to_string(done) + " of " + std::to_string(reports) + " reports");
  }
  return OkStatus();
}

}  // namespace

ScaleOptions ScaleForYears(int64_t years) {
  return {10000 * years, 500 * years, 100000 * years, 50 * years};
}

Status AddScaleData(Database& db, const ScaleOptions& options,
                    const std::function<void(const std::string&)>& progress) {
  const Caller system = SystemCaller();
  // The criteria the demo programme scores on, and its representatives.
  CriteriaSet set;
  std::map<int64_t, int64_t> representatives;  // inspectorate -> user
  int64_t first_body = 0, first_proposal = 0, head = 0;
  RETURN_IF_ERROR(db.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto framework, FindCriteriaSetByCode(tx, "framework"));
    if (!framework)
      return FailedPrecondition("Load the demo programme first (serve --demo)", "demo-programme");
    set = *framework;
    ASSIGN_OR_RETURN(auto reps, tx.Query("SELECT inspectorate_id, id FROM users WHERE email LIKE "
                                         "'dg.%@jointly.invalid' AND inspectorate_id IS NOT NULL"));
    for (const auto& r : reps) representatives[r.Int(0)] = r.Int(1);
    if (representatives.empty())
      return FailedPrecondition("Load the demo programme first (serve --demo)", "demo-programme");
    ASSIGN_OR_RETURN(first_body, CountPrefixed(tx, "bodies", "code", "SCALE-"));
    ASSIGN_OR_RETURN(first_proposal, CountPrefixed(tx, "proposals", "title", "Scale "));
    ASSIGN_OR_RETURN(AuditHead h, GetAuditHead(tx));
    head = h.seq;
    return OkStatus();
  }));
  const int64_t changes =
      options.bodies + options.proposals + std::max<int64_t>(0, options.audit_entries - head);
  int64_t change = 0;
  // A batch's entries, appended together when it ends: a few statements a
  // batch instead of two a change (round trips, on PostgreSQL).
  std::vector<AuditEntry> pending;
  auto audit = [&](Transaction&, std::string actor, std::string action, std::string entity_type,
                   int64_t id, std::string before, std::string after) -> Status {
    AuditEntry e;
    e.at = TimeOf(change++, changes);
    e.actor = std::move(actor);
    e.action = std::move(action);
    e.entity_type = std::move(entity_type);
    e.entity_id = id;
    e.before_json = std::move(before);
    e.after_json = std::move(after);
    pending.push_back(std::move(e));
    return OkStatus();
  };
  auto flush = [&](Transaction& tx) -> Status {
    std::vector<AuditEntry> entries;
    entries.swap(pending);
    return AppendAuditEntries(tx, std::move(entries));
  };

  // Bodies: every type, in every region.
  std::vector<int64_t> body_ids;
  for (int64_t done = 0; done < options.bodies;) {
    RETURN_IF_ERROR(db.Write([&](Transaction& tx) -> Status {
      pending.clear();  // what a failed try left
      for (int64_t k = 0; k < kBatch && done + k < options.bodies; ++k) {
        const int64_t n = first_body + done + k;
        InspectedBody b;
        b.type = kAllBodyTypes[n % std::size(kAllBodyTypes)];
        b.code = "SCALE-" + std::to_string(n);
        b.name = std::string(kPlaces[n % kPlaces.size()]) + " " +
                 std::string(BodyTypeLabel(b.type)) + " " + std::to_string(n / kPlaces.size());
        b.region = kRegions[(n / 7) % kRegions.size()];
        b.nation = b.region == "Wales" ? Nation::kWales : Nation::kEngland;
        b.in_london = b.region == "London";
        b.active = n % 23 != 0;
        b.version = 1;
        ASSIGN_OR_RETURN(b.id, InsertBody(tx, b, TimeOf(change, changes)));
        body_ids.push_back(b.id);
        RETURN_IF_ERROR(audit(tx, "system", "create", "body", b.id, "", ToJson(b).dump()));
      }
      return flush(tx);
    }));
    done = std::min(options.bodies, done + kBatch);
    progress(std::to_string(done) + " of " + std::to_string(options.bodies) + " bodies");
  }

  // Proposals, led by each CJ inspectorate in turn, scored by all.
  std::vector<int64_t> cj;
  for (const auto& [inspectorate, user] : representatives) cj.push_back(inspectorate);
  for (int64_t done = 0; done < options.proposals;) {
    RETURN_IF_ERROR(db.Write([&](Transaction& tx) -> Status {
      pending.clear();  // what a failed try left
      for (int64_t k = 0; k < kBatch / 10 && done + k < options.proposals; ++k) {
        const int64_t n = first_proposal + done + k;
        Proposal p;
        p.title = "Scale " + std::to_string(n) + ": joint inspection of " +
                  kTopics[n % kTopics.size()] + " in " + kPlaces[(n / 3) % kPlaces.size()];
        p.summary = "How well the criminal justice agencies deal with " +
                    std::string(kTopics[n % kTopics.size()]) + ".";
        p.main_question =
            "How effective is the work on " + std::string(kTopics[n % kTopics.size()]) + "?";
        p.type = kAllWorkTypes[n % std::size(kAllWorkTypes)];
        p.part = DefaultPart(p.origin, p.type);
        p.duration_quarters = 1 + static_cast<int>(n % 4);
        p.focus = {kAllFocus[n % std::size(kAllFocus)]};
        p.status = n % 10 == 9 ? ProposalStatus::kWithdrawn : ProposalStatus::kLongList;
        p.contributes_to_improvement = true;
        p.outcome_focused = n % 3 != 0;
        p.user_perspective = n % 2 == 0;
        for (size_t i = 0; i < cj.size(); ++i) {
          const bool lead = i == static_cast<size_t>(n) % cj.size();
          if (!lead && (n + static_cast<int64_t>(i)) % 3 == 0) continue;
          p.participants.push_back({cj[i], lead ? Involvement::kLead : Involvement::kSupport,
                                    static_cast<int>(40 + (n * 7 + i * 13) % 200)});
        }
        const std::string now = TimeOf(change, changes);
        ASSIGN_OR_RETURN(p.id, InsertProposal(tx, p, now));
        RETURN_IF_ERROR(audit(tx, "system", "create", "proposal", p.id, "",
                              nlohmann::json{{"id", p.id}, {"title", p.title}}.dump()));
        for (const auto& [inspectorate, user] : representatives) {
          RepresentativeScore s;
          s.inspectorate_id = inspectorate;
          s.user_id = user;
          for (const auto& c : set.criteria) {
            s.scores[c.id] = static_cast<int>((n + c.id * 3 + inspectorate) % 6);
          }
          RETURN_IF_ERROR(SaveScores(tx, p.id, set, s, now));
        }
      }
      return flush(tx);
    }));
    done = std::min(options.proposals, done + kBatch / 10);
    progress(std::to_string(done) + " of " + std::to_string(options.proposals) + " proposals");
  }

  RETURN_IF_ERROR(AddScaleReports(db, options.reports, progress));

  // The rest of the audit trail: people changing bodies over the years.
  if (body_ids.empty()) {
    RETURN_IF_ERROR(db.Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id FROM bodies ORDER BY id LIMIT 1000"));
      for (const auto& r : rows) body_ids.push_back(r.Int(0));
      return OkStatus();
    }));
  }
  if (body_ids.empty()) return OkStatus();
  for (;;) {
    int64_t now_head = 0;
    RETURN_IF_ERROR(db.Write([&](Transaction& tx) -> Status {
      pending.clear();  // what a failed try left
      ASSIGN_OR_RETURN(AuditHead h, GetAuditHead(tx));
      now_head = h.seq;
      for (int64_t k = 0; k < kBatch * 5 && now_head + k < options.audit_entries; ++k) {
        const int64_t n = now_head + k;
        const int64_t id = body_ids[static_cast<size_t>(n) % body_ids.size()];
        const std::string who = "inspector" + std::to_string(n % 40) + "@example.gov.uk";
        RETURN_IF_ERROR(audit(tx, who, "update", "body", id,
                              R"({"region":")" + std::string(kRegions[n % kRegions.size()]) +
                                  R"(","version":)" + std::to_string(n % 9 + 1) + "}",
                              R"({"region":")" + std::string(kRegions[(n + 1) % kRegions.size()]) +
                                  R"(","version":)" + std::to_string(n % 9 + 2) + "}"));
      }
      now_head = std::min(options.audit_entries, now_head + kBatch * 5);
      return flush(tx);
    }));
    if (now_head >= options.audit_entries) break;
    progress(std::to_string(now_head) + " of " + std::to_string(options.audit_entries) +
             " audit entries");
  }
  progress("done");
  return OkStatus();
}

}  // namespace jointly
