// Micro-benchmarks of the hot paths under the API: audit hashing, the CSV
// import parser, and a page of bodies from SQLite with 10,000 rows.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <vector>

#include "core/clock.h"
#include "documents/documents.h"
#include "domain/audit.h"
#include "domain/csv.h"
#include "domain/plan.h"
#include "planning/cbc/cbc_solver.h"
#include "planning/optimiser.h"
#include "service/audit_trail.h"
#include "service/directory_service.h"
#include "service/programme_service.h"
#include "store/directory_store.h"
#include "store/migrate.h"
#include "store/sqlite/sqlite_database.h"

namespace jointly {
namespace {

std::string BodiesCsv(int n) {
  std::string csv = "code,name,type,region,nation,in_london,active\n";
  for (int i = 0; i < n; ++i) {
    csv += "BENCH-" + std::to_string(i) + ",Benchmark body " + std::to_string(i) +
           ",prison,North West,england,no,yes\n";
  }
  return csv;
}

// A fresh SQLite directory with 10,000 bodies in a temporary folder, for
// the store benchmarks; nullptr (and the benchmark skipped) on failure.
struct BenchDirectory {
  std::filesystem::path dir;
  std::unique_ptr<Database> db;
  std::unique_ptr<DirectoryService> directory;
  Caller admin;
  ~BenchDirectory() { std::filesystem::remove_all(dir); }
};

std::unique_ptr<BenchDirectory> OpenBenchDirectory(benchmark::State& state, const char* name) {
  auto b = std::make_unique<BenchDirectory>();
  b->dir = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(b->dir);
  std::filesystem::create_directories(b->dir);
  auto db = OpenSqliteDatabase((b->dir / "bench.db").string(), DatabaseOptions{});
  if (!db.ok() || !Migrate(**db, SystemClock()).ok()) {
    state.SkipWithError("cannot open the database");
    return nullptr;
  }
  b->db = std::move(db).value();
  b->directory = std::make_unique<DirectoryService>(*b->db, SystemClock());
  b->admin.user_id = 1;
  b->admin.email = "bench";
  b->admin.roles = {Role::kAdministrator};
  b->admin.active = true;
  if (!b->directory->ImportBodiesCsv(b->admin, BodiesCsv(10000)).ok()) {
    state.SkipWithError("import failed");
    return nullptr;
  }
  return b;
}

void BM_AuditHash(benchmark::State& state) {
  AuditEntry e;
  e.seq = 42;
  e.at = "2026-11-23T10:00:00Z";
  e.actor = "officer@example.gov.uk";
  e.action = "update";
  e.entity_type = "body";
  e.before_json = std::string(300, 'b');
  e.after_json = std::string(300, 'a');
  e.prev_hash = kGenesisHash;
  for (auto _ : state) benchmark::DoNotOptimize(ComputeAuditHash(e));
}
BENCHMARK(BM_AuditHash);

void BM_ParseBodiesCsv(benchmark::State& state) {
  const std::string csv = BodiesCsv(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto bodies = ParseBodiesCsv(csv);
    benchmark::DoNotOptimize(bodies);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * csv.size()));
}
BENCHMARK(BM_ParseBodiesCsv)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_ListBodiesPage(benchmark::State& state) {
  auto b = OpenBenchDirectory(state, "jointly-bench-page");
  if (!b) return;
  BodyQuery q;
  q.limit = 20;
  for (auto _ : state) {
    auto page = b->directory->Bodies(b->admin, q);
    benchmark::DoNotOptimize(page);
  }
}
BENCHMARK(BM_ListBodiesPage)->Unit(benchmark::kMicrosecond);

// The parts of a page, to see where the time goes: 0, an empty read
// transaction; 1, the count(*) scan that the kept count (migration 0002)
// replaced, kept as the baseline; 2, the page query itself.
void BM_ListBodiesParts(benchmark::State& state) {
  auto b = OpenBenchDirectory(state, "jointly-bench-parts");
  if (!b) return;
  const char* sql[] = {
      "SELECT 1", "SELECT count(*) FROM bodies WHERE 1 = 1",
      "SELECT id, code, name, type, region, nation, in_london, active, version FROM bodies "
      "WHERE 1 = 1 ORDER BY name, id LIMIT 20 OFFSET 0"};
  for (auto _ : state) {
    Status s = b->db->Read([&](Transaction& tx) { return tx.Query(sql[state.range(0)]).status(); });
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_ListBodiesParts)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMicrosecond);

// The optimiser on generated programmes: 9 inspectorates, 8 quarters.
// Kind 0 is the generator as it is (demand about 2.85 times capacity at 300
// proposals); 1 scales capacity to the demand; 2 to 1/0.7 of it; 3 to
// half of it (demand twice capacity). After every benchmark, a table
// of each instance's objective, bound, gap, greedy value and wall time.
ProgrammeInstance BenchInstance(int n, int kind) {
  std::mt19937 rng(2017);
  ProgrammeInstance in;
  in.quarters = 8;
  in.victim_coverage_waived = true;
  std::uniform_real_distribution<double> cap(150, 400), effort(20, 160), priority(1, 10);
  for (int k = 1; k <= 9; ++k) {
    for (int q = 0; q < 8; ++q) in.capacity[k].push_back(std::round(cap(rng)));
  }
  for (int i = 1; i <= n; ++i) {
    Candidate c;
    c.id = i;
    c.priority = std::round(priority(rng) * 100) / 100;
    c.duration_quarters = 1 + static_cast<int>(rng() % 4);
    c.earliest_start = static_cast<int>(rng() % 3);
    for (int m = 0; m < 2 + static_cast<int>(rng() % 2); ++m)
      c.effort[1 + rng() % 9] = std::round(effort(rng));
    in.candidates.push_back(c);
  }
  for (int m = 0; m < n / 10; ++m) in.clashes.emplace_back(1 + rng() % n, 1 + rng() % n);
  std::map<int64_t, double> demand, supply;
  for (const auto& c : in.candidates) {
    for (const auto& [k, days] : c.effort) demand[k] += days;
  }
  for (auto& [k, cap] : in.capacity) {
    for (double c : cap) supply[k] += c;
  }
  for (auto& [k, cap] : in.capacity) {
    const double scale = kind == 1   ? demand[k] / supply[k]
                         : kind == 2 ? demand[k] / supply[k] / 0.7
                         : kind == 3 ? demand[k] / supply[k] / 2
                                     : 1.0;
    for (double& c : cap) c = std::round(c * scale);
  }
  return in;
}

// One line of the optimiser's table, printed after every benchmark.
struct OptimiserLine {
  int n = 0, kind = 0;
  double limit = 0, objective = 0, bound = 0, gap = 0, greedy = 0, wall = 0;
  bool proven = false;
  bool background = false;  // the first answer, then ImproveProgramme until the limit
};
std::vector<OptimiserLine>& OptimiserTable() {
  static std::vector<OptimiserLine> lines;
  return lines;
}

void PrintOptimiserTable() {
  if (OptimiserTable().empty()) return;
  static const char* kKinds[] = {"as generated", "demand = capacity", "0.7x capacity",
                                 "2x capacity"};
  std::printf("\n== The optimiser: objective, bound and gap against greedy and the clock\n");
  std::printf("%9s  %-17s  %5s  %-11s  %9s  %9s  %6s  %-10s  %9s  %6s\n", "proposals", "demand",
              "limit", "search", "objective", "bound", "gap", "proven", "greedy", "wall");
  for (const auto& l : OptimiserTable()) {
    std::printf("%9d  %-17s  %4.0fs  %-11s  %9.2f  %9.2f  %5.2f%%  %-10s  %9.2f  %5.2fs\n", l.n,
                kKinds[l.kind], l.limit, l.background ? "background" : "at once", l.objective,
                l.bound, l.gap * 100, l.proven ? "proven" : "not proven", l.greedy, l.wall);
  }
}

void BM_OptimiseProgramme(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0)), kind = static_cast<int>(state.range(1));
  const double limit = static_cast<double>(state.range(2));
  const ProgrammeInstance in = BenchInstance(n, kind);
  CbcSolver solver;
  ProgrammeSchedule best;
  double wall = 0;
  for (auto _ : state) {
    const auto began = std::chrono::steady_clock::now();
    OptimiseOptions options;
    options.time_limit_seconds = limit;
    options.elapsed_seconds = [began] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    };
    auto result = OptimiseProgramme(in, solver, options);
    wall = options.elapsed_seconds();
    if (!result.ok()) return state.SkipWithError(result.status().ToString().c_str());
    best = *result;
  }
  const double greedy = GreedyProgramme(in).total_priority;
  state.counters["objective"] = best.total_priority;
  state.counters["bound"] = best.best_bound;
  state.counters["gap_pct"] = best.gap * 100;
  state.counters["greedy"] = greedy;
  state.counters["proven_optimal"] = best.proven_optimal ? 1 : 0;
  state.counters["wall_s"] = wall;
  OptimiserTable().push_back({n, kind, limit, best.total_priority, best.best_bound, best.gap,
                              greedy, wall, best.proven_optimal});
}
BENCHMARK(BM_OptimiseProgramme)
    ->Args({300, 0, 2})
    ->Args({300, 1, 2})
    ->Args({300, 2, 1})
    ->Args({60, 0, 1})
    ->Args({60, 3, 1})
    ->Args({18, 3, 1})
    ->Args({2000, 0, 30})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

// The first answer in a second, then the search in the background
// (ImproveProgramme, as the optimiser worker runs it) until the limit: the
// plan and the bound the run page shows at the end.
void BM_ImproveProgramme(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0)), kind = static_cast<int>(state.range(1));
  const double limit = static_cast<double>(state.range(2));
  const ProgrammeInstance in = BenchInstance(n, kind);
  CbcSolver solver;
  ProgrammeSchedule best;
  double wall = 0;
  for (auto _ : state) {
    const auto began = std::chrono::steady_clock::now();
    auto elapsed = [began] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    };
    OptimiseOptions options;
    options.time_limit_seconds = 1;
    options.elapsed_seconds = elapsed;
    auto first = OptimiseProgramme(in, solver, options);
    if (!first.ok()) return state.SkipWithError(first.status().ToString().c_str());
    ImproveOptions improve;
    improve.until_seconds = limit;
    improve.elapsed_seconds = elapsed;
    best = ImproveProgramme(in, solver, *first, improve);
    wall = elapsed();
  }
  state.counters["objective"] = best.total_priority;
  state.counters["bound"] = best.best_bound;
  state.counters["gap_pct"] = best.gap * 100;
  OptimiserTable().push_back({n, kind, limit, best.total_priority, best.best_bound, best.gap,
                              GreedyProgramme(in).total_priority, wall, best.proven_optimal, true});
}
BENCHMARK(BM_ImproveProgramme)->Args({60, 3, 30})->Unit(benchmark::kMillisecond)->Iterations(1);

// The 2017-18 business plan, built from the demo data in a real SQLite
// database once, then rendered: the target is < 200 ms each.
const PlanDocument& Plan2017() {
  static const PlanDocument doc = [] {
    const auto dir = std::filesystem::temp_directory_path() / "jointly-bench-plan";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto db = OpenSqliteDatabase((dir / "plan.db").string(), DatabaseOptions{});
    if (!db.ok() || !Migrate(**db, SystemClock()).ok()) std::abort();
    DirectoryService directory(**db, SystemClock());
    JointDecisions decisions(**db, SystemClock());
    ProgrammeService programme(**db, SystemClock(), decisions);
    if (!directory.LoadReferenceData().ok() || !programme.LoadReferenceData().ok()) std::abort();
    auto plan = programme.LoadDemoProgramme({});
    if (!plan.ok()) std::abort();
    auto built = programme.BusinessPlan(SystemCaller(), *plan);
    if (!built.ok()) std::abort();
    return *built;
  }();
  return doc;
}

void BM_BusinessPlanDocx(benchmark::State& state) {
  const PlanDocument& doc = Plan2017();
  size_t bytes = 0;
  for (auto _ : state) {
    auto docx = DocxRenderer().Render(ToDocument(doc));
    bytes = docx.ok() ? docx->size() : 0;
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_BusinessPlanDocx)->Unit(benchmark::kMillisecond);

void BM_BusinessPlanPdf(benchmark::State& state) {
  const PlanDocument& doc = Plan2017();
  size_t bytes = 0;
  for (auto _ : state) {
    auto pdf = PdfRenderer().Render(ToDocument(doc));
    bytes = pdf.ok() ? pdf->size() : 0;
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_BusinessPlanPdf)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace jointly

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  jointly::PrintOptimiserTable();
  return 0;
}
