// Copyright 2026 The tablestream Authors.
//
// Summarizing tsbench cases: one row per (durability, threads, target) with
// the median of each figure over the rounds, and each figure's ratio to
// tablestream's at the same durability and thread count. Printed as a table
// (figures, then ratios), and written as JSON, Markdown and gnuplot data.

#ifndef TABLESTREAM_BENCH_TSBENCH_REPORT_H_
#define TABLESTREAM_BENCH_TSBENCH_REPORT_H_

#include <cstdio>
#include <string>
#include <vector>

#include "bench/tsbench_case.h"
#include "nlohmann/json.hpp"

namespace tablestream {

// The figures of a row; each one is the median over the rounds.
struct TsbenchFigures {
  double ops_per_second = 0;
  double p50_micros = 0;
  double p99_micros = 0;
  double p999_micros = 0;
  double cpu_micros_per_op = 0;
  double write_bytes_per_op = 0;
  double wchar_per_op = 0;
  double peak_rss_mib = 0;
  double writes_per_sync = 0;
  double lag_p50_millis = 0;
  double lag_p99_millis = 0;
  double backlog_records = 0;
  double scan_records_per_second = 0;
};

struct TsbenchRow {
  TsbenchCase spec;  // round unused
  int rounds = 0;
  std::vector<double> ops_per_round;
  TsbenchFigures median;
  // median / tablestream's median, figure by figure (0 where undefined).
  TsbenchFigures ratio;
  bool consumer = false, scan = false;
  uint64_t errors = 0;
  std::string first_error;
};

std::vector<TsbenchRow> SummarizeTsbench(
    const std::vector<TsbenchCaseResult>& runs);

void PrintTsbenchTables(const std::vector<TsbenchRow>& rows, std::FILE* out);

nlohmann::json TsbenchJson(const std::vector<TsbenchCaseResult>& runs,
                           const std::vector<TsbenchRow>& rows);

// A Markdown table of the rows (figures with the ops/s ratio).
std::string TsbenchMarkdown(const std::vector<TsbenchRow>& rows);

// gnuplot data: per durability a block "# durable" / "# non-durable", then
// "threads tablestream rocksdb floor sqlite" ops/s lines ("NaN" if absent).
std::string TsbenchPlotData(const std::vector<TsbenchRow>& rows);

}  // namespace tablestream

#endif  // TABLESTREAM_BENCH_TSBENCH_REPORT_H_
