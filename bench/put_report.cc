// Copyright 2026 The tablestream Authors.

#include "bench/put_report.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace tablestream {
namespace {

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Durable first, then threads, then rocksdb put, tablestream, floor.
using RowKey = std::tuple<bool, int, int>;
RowKey KeyOf(const PutCase& c) {
  const int rank = c.kind == PutKind::kRocksDbPut ? 0
                   : c.kind == PutKind::kEngine   ? 1
                                                  : 2;
  return {!c.durable, c.threads, rank};
}

const PutSummaryRow* Find(const std::vector<PutSummaryRow>& rows, bool durable,
                          int threads, PutKind kind) {
  for (const PutSummaryRow& r : rows) {
    if (r.spec.durable == durable && r.spec.threads == threads &&
        r.spec.kind == kind) {
      return &r;
    }
  }
  return nullptr;
}

void PrintTarget(const std::vector<PutSummaryRow>& rows, bool durable,
                 int threads, double target, std::FILE* out) {
  const PutSummaryRow* row = Find(rows, durable, threads, PutKind::kEngine);
  if (row == nullptr || row->ratio == 0) return;
  std::fprintf(out,
               "target %s, %d writer%s: tablestream/rocksdb = %.2fx, "
               "target >= %.2fx: %s\n",
               durable ? "durable" : "non-durable", threads,
               threads == 1 ? "" : "s", row->ratio, target,
               row->ratio >= target ? "MET" : "MISSED");
}

}  // namespace

std::vector<PutSummaryRow> Summarize(const std::vector<PutCaseResult>& runs) {
  std::map<RowKey, std::vector<const PutCaseResult*>> groups;
  for (const PutCaseResult& r : runs) groups[KeyOf(r.spec)].push_back(&r);
  std::vector<PutSummaryRow> rows;
  for (const auto& [key, group] : groups) {
    PutSummaryRow row;
    row.spec = group.front()->spec;
    row.spec.round = 0;
    row.rounds = static_cast<int>(group.size());
    std::vector<double> ops, p50, p99, cpu;
    uint64_t writes = 0, groups_written = 0, syncs = 0;
    for (const PutCaseResult* r : group) {
      ops.push_back(r->run.ops_per_second);
      p50.push_back(r->run.p50_micros);
      p99.push_back(r->run.p99_micros);
      cpu.push_back(r->run.cpu_micros_per_op);
      writes += r->writes;
      groups_written += r->groups;
      syncs += r->syncs;
      row.errors += r->run.errors;
    }
    row.ops_per_second = Median(ops);
    row.p50_micros = Median(p50);
    row.p99_micros = Median(p99);
    row.cpu_micros_per_op = Median(cpu);
    if (groups_written > 0)
      row.writes_per_group = 1.0 * writes / groups_written;
    if (syncs > 0) row.writes_per_sync = 1.0 * writes / syncs;
    rows.push_back(row);
  }
  for (PutSummaryRow& row : rows) {
    const PutSummaryRow* base =
        Find(rows, row.spec.durable, row.spec.threads, PutKind::kRocksDbPut);
    if (base != nullptr && base->ops_per_second > 0) {
      row.ratio = row.ops_per_second / base->ops_per_second;
    }
  }
  return rows;
}

void PrintTable(const std::vector<PutSummaryRow>& rows, std::FILE* out) {
  std::fprintf(out, "%-11s %-21s %7s %9s %8s %8s %8s %9s %8s %7s\n",
               "durability", "case", "threads", "ops/s", "p50 us", "p99 us",
               "cpu us", "per group", "per sync", "ratio");
  for (const PutSummaryRow& r : rows) {
    std::fprintf(out, "%-11s %-21s %7d %9.0f %8.1f %8.1f %8.1f %9.1f ",
                 r.spec.durable ? "durable" : "non-durable",
                 PutKindLabel(r.spec.kind), r.spec.threads, r.ops_per_second,
                 r.p50_micros, r.p99_micros, r.cpu_micros_per_op,
                 r.writes_per_group);
    if (r.writes_per_sync > 0) {
      std::fprintf(out, "%8.1f ", r.writes_per_sync);
    } else {
      std::fprintf(out, "%8s ", "-");
    }
    std::fprintf(out, "%6.2fx%s\n", r.ratio, r.errors > 0 ? "  ERRORS" : "");
  }
  std::fprintf(out,
               "ratio = ops/s / rocksdb put ops/s (same durability, same "
               "threads); cpu us = process CPU time per op;\n"
               "per group / per sync = writes per WAL write / per WAL sync\n");
  PrintTarget(rows, true, 64, 1.0, out);
  PrintTarget(rows, false, 1, 0.5, out);
}

nlohmann::json ToJson(const std::vector<PutCaseResult>& runs,
                      const std::vector<PutSummaryRow>& rows) {
  nlohmann::json json;
  json["runs"] = nlohmann::json::array();
  for (const PutCaseResult& r : runs) {
    json["runs"].push_back({
        {"case", PutKindName(r.spec.kind)},
        {"durable", r.spec.durable},
        {"threads", r.spec.threads},
        {"round", r.spec.round},
        {"ops", r.run.ops},
        {"seconds", r.run.seconds},
        {"ops_per_second", r.run.ops_per_second},
        {"p50_micros", r.run.p50_micros},
        {"p99_micros", r.run.p99_micros},
        {"cpu_micros_per_op", r.run.cpu_micros_per_op},
        {"writes", r.writes},
        {"groups", r.groups},
        {"syncs", r.syncs},
        {"errors", r.run.errors},
        {"first_error", r.run.first_error},
    });
  }
  json["summary"] = nlohmann::json::array();
  for (const PutSummaryRow& r : rows) {
    json["summary"].push_back({
        {"case", PutKindName(r.spec.kind)},
        {"label", PutKindLabel(r.spec.kind)},
        {"durable", r.spec.durable},
        {"threads", r.spec.threads},
        {"rounds", r.rounds},
        {"ops_per_second", r.ops_per_second},
        {"p50_micros", r.p50_micros},
        {"p99_micros", r.p99_micros},
        {"cpu_micros_per_op", r.cpu_micros_per_op},
        {"writes_per_group", r.writes_per_group},
        {"writes_per_sync", r.writes_per_sync},
        {"ratio_vs_rocksdb_put", r.ratio},
        {"errors", r.errors},
    });
  }
  return json;
}

}  // namespace tablestream
