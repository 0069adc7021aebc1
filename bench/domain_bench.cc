// Micro-benchmarks of the hot paths under the API: audit hashing, the CSV
// import parser, and a page of bodies from SQLite with 10,000 rows.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "core/clock.h"
#include "domain/audit.h"
#include "domain/csv.h"
#include "service/directory_service.h"
#include "store/directory_store.h"
#include "store/migrate.h"

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
  auto db = OpenDatabase("sqlite:" + (b->dir / "bench.db").string());
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

// The parts of a page, to see where the time goes.
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

}  // namespace
}  // namespace jointly

BENCHMARK_MAIN();
