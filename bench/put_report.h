// Copyright 2026 The tablestream Authors.
//
// Summarizing put_bench runs: one row per (durability, threads, kind), the
// median over rounds, and the ratio to raw RocksDB Put at the same durability
// and thread count; printed as a table and written as JSON.

#ifndef TABLESTREAM_BENCH_PUT_REPORT_H_
#define TABLESTREAM_BENCH_PUT_REPORT_H_

#include <cstdio>
#include <string>
#include <vector>

#include "bench/put_cases.h"
#include "nlohmann/json.hpp"

namespace tablestream {

struct PutSummaryRow {
  PutCase spec;  // round unused
  int rounds = 0;
  double ops_per_second = 0;     // median over rounds
  double p50_micros = 0;         // median over rounds
  double p99_micros = 0;         // median over rounds
  double cpu_micros_per_op = 0;  // median over rounds
  double writes_per_group = 0;   // over all rounds
  double writes_per_sync = 0;    // over all rounds; 0 if nothing synced
  double ratio = 0;  // ops_per_second / rocksdb put's; 0 if that is missing
  uint64_t errors = 0;
};

// Rows: durable first, then by threads, then rocksdb put, tablestream put,
// the floor.
std::vector<PutSummaryRow> Summarize(const std::vector<PutCaseResult>& runs);

// The table, with the targets checked below it.
void PrintTable(const std::vector<PutSummaryRow>& rows, std::FILE* out);

nlohmann::json ToJson(const std::vector<PutCaseResult>& runs,
                      const std::vector<PutSummaryRow>& rows);

}  // namespace tablestream

#endif  // TABLESTREAM_BENCH_PUT_REPORT_H_
