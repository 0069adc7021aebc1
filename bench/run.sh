#!/usr/bin/env bash
# make bench: the Google Benchmark programs, then the HTTP benchmark (wrk
# against the real server on SQLite with 10,000 bodies). Prints figures only.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== Domain and store micro-benchmarks"
build/release/bench/domain_bench --benchmark_min_time=0.5
echo
echo "== HTTP: GET /api/v1/bodies?limit=20 against a fixed 2 KB JSON body"
JOINTLY_BIN=build/release/jointly node bench/http.mjs
echo
echo "== HTTP: POST /api/v1/bodies at 16 connections (writers waiting for the write lock)"
JOINTLY_BIN=build/release/jointly node bench/writes.mjs
echo
echo "== HTTP: the public website at 16 connections, no sign-in"
JOINTLY_BIN=build/release/jointly node bench/public.mjs
# Ten years of data (several minutes): BENCH_SCALE=1 make bench.
if [ -n "${BENCH_SCALE:-}" ]; then
  echo
  echo "== Lists, searches and the audit trail with years of data, SQLite and PostgreSQL (bench/scale.mjs)"
  JOINTLY_BIN=build/release/jointly bash tests/support/with-postgres.sh node bench/scale.mjs
fi
# An hour of mixed use on ten years of data, memory every few minutes
# (BENCH_SOAK_MINUTES to change how long): BENCH_SOAK=1 make bench.
if [ -n "${BENCH_SOAK:-}" ]; then
  echo
  echo "== Memory under mixed use with years of data (bench/soak.mjs)"
  JOINTLY_BIN=build/release/jointly node bench/soak.mjs
fi
