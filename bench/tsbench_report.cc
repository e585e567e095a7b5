// Copyright 2026 The tablestream Authors.

#include "bench/tsbench_report.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tablestream {
namespace {

struct Field {
  const char* name;    // JSON and column name
  const char* header;  // short table header
  double TsbenchFigures::*member;
  const char* format;  // printf format for the figure
};

constexpr Field kFields[] = {
    {"ops_per_second", "ops/s", &TsbenchFigures::ops_per_second, "%.0f"},
    {"p50_micros", "p50us", &TsbenchFigures::p50_micros, "%.1f"},
    {"p99_micros", "p99us", &TsbenchFigures::p99_micros, "%.1f"},
    {"p999_micros", "p99.9us", &TsbenchFigures::p999_micros, "%.0f"},
    {"cpu_micros_per_op", "cpu_us", &TsbenchFigures::cpu_micros_per_op,
     "%.1f"},
    {"write_bytes_per_op", "disk_B/op", &TsbenchFigures::write_bytes_per_op,
     "%.0f"},
    {"wchar_per_op", "write()B/op", &TsbenchFigures::wchar_per_op, "%.0f"},
    {"peak_rss_mib", "rss_MiB", &TsbenchFigures::peak_rss_mib, "%.0f"},
    {"writes_per_sync", "w/sync", &TsbenchFigures::writes_per_sync, "%.1f"},
    {"lag_p50_millis", "lag50ms", &TsbenchFigures::lag_p50_millis, "%.2f"},
    {"lag_p99_millis", "lag99ms", &TsbenchFigures::lag_p99_millis, "%.2f"},
    {"backlog_records", "backlog", &TsbenchFigures::backlog_records, "%.0f"},
    {"scan_records_per_second", "scan_rec/s",
     &TsbenchFigures::scan_records_per_second, "%.0f"},
};

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

TsbenchFigures FiguresOf(const TsbenchCaseResult& r) {
  TsbenchFigures f;
  f.ops_per_second = r.run.ops_per_second;
  f.p50_micros = r.run.p50_micros;
  f.p99_micros = r.run.p99_micros;
  f.p999_micros = r.run.p999_micros;
  f.cpu_micros_per_op = r.run.cpu_micros_per_op;
  f.write_bytes_per_op = r.write_bytes_per_op;
  f.wchar_per_op = r.wchar_per_op;
  f.peak_rss_mib = r.peak_rss_mib;
  f.writes_per_sync = r.writes_per_sync;
  f.lag_p50_millis = r.consumer.lag_p50_millis;
  f.lag_p99_millis = r.consumer.lag_p99_millis;
  f.backlog_records = static_cast<double>(r.consumer.backlog_records);
  f.scan_records_per_second = r.scan.records_per_second;
  return f;
}

const char* Durability(bool durable) {
  return durable ? "durable" : "non-durable";
}

nlohmann::json FiguresJson(const TsbenchFigures& f) {
  nlohmann::json j = nlohmann::json::object();
  for (const Field& field : kFields) j[field.name] = f.*field.member;
  return j;
}

}  // namespace

std::vector<TsbenchRow> SummarizeTsbench(
    const std::vector<TsbenchCaseResult>& runs) {
  // Durable first, then threads ascending, then target order.
  std::map<std::tuple<bool, int, int>, std::vector<const TsbenchCaseResult*>>
      groups;
  for (const TsbenchCaseResult& r : runs) {
    groups[{!r.spec.durable, r.spec.threads, static_cast<int>(r.spec.target)}]
        .push_back(&r);
  }
  std::vector<TsbenchRow> rows;
  for (const auto& [key, group] : groups) {
    TsbenchRow row;
    row.spec = group.front()->spec;
    row.spec.round = 0;
    row.rounds = static_cast<int>(group.size());
    for (const Field& field : kFields) {
      std::vector<double> values;
      for (const TsbenchCaseResult* r : group) {
        values.push_back(FiguresOf(*r).*field.member);
      }
      row.median.*field.member = Median(values);
    }
    for (const TsbenchCaseResult* r : group) {
      row.ops_per_round.push_back(r->run.ops_per_second);
      row.consumer = row.consumer || r->consumer.ran;
      row.scan = row.scan || r->scan.ran;
      if (r->run.errors > 0 && row.errors == 0) {
        row.first_error = r->run.first_error;
      }
      row.errors += r->run.errors;
    }
    rows.push_back(row);
  }
  for (TsbenchRow& row : rows) {
    auto base = std::find_if(rows.begin(), rows.end(), [&](const TsbenchRow& b) {
      return b.spec.durable == row.spec.durable &&
             b.spec.threads == row.spec.threads &&
             b.spec.target == Target::kTablestream;
    });
    if (base == rows.end()) continue;
    for (const Field& field : kFields) {
      const double b = base->median.*field.member;
      if (b > 0) row.ratio.*field.member = row.median.*field.member / b;
    }
  }
  return rows;
}

void PrintTsbenchTables(const std::vector<TsbenchRow>& rows, std::FILE* out) {
  auto header = [&] {
    std::fprintf(out, "%-11s %3s %-11s", "durability", "thr", "target");
    for (const Field& field : kFields) std::fprintf(out, " %10s", field.header);
    std::fprintf(out, "\n");
  };
  std::fprintf(out, "\nfigures (median over rounds; 0 = not measured):\n");
  header();
  for (const TsbenchRow& r : rows) {
    std::fprintf(out, "%-11s %3d %-11s", Durability(r.spec.durable),
                 r.spec.threads, TargetName(r.spec.target));
    for (const Field& field : kFields) {
      char figure[32];
      std::snprintf(figure, sizeof(figure), field.format,
                    r.median.*field.member);
      std::fprintf(out, " %10s", figure);
    }
    std::fprintf(out, "%s\n", r.errors ? "  ERRORS" : "");
    if (r.errors) {
      std::fprintf(out, "    %llu errors, first: %s\n",
                   static_cast<unsigned long long>(r.errors),
                   r.first_error.c_str());
    }
  }
  std::fprintf(out,
               "\nratios to tablestream (target figure / tablestream figure; "
               "ops/s > 1 means faster than tablestream, latency, bytes and "
               "memory > 1 mean more):\n");
  header();
  for (const TsbenchRow& r : rows) {
    std::fprintf(out, "%-11s %3d %-11s", Durability(r.spec.durable),
                 r.spec.threads, TargetName(r.spec.target));
    for (const Field& field : kFields) {
      const double v = r.ratio.*field.member;
      if (v > 0) {
        std::fprintf(out, " %9.2fx", v);
      } else {
        std::fprintf(out, " %10s", "-");
      }
    }
    std::fprintf(out, "\n");
  }
}

nlohmann::json TsbenchJson(const std::vector<TsbenchCaseResult>& runs,
                           const std::vector<TsbenchRow>& rows) {
  nlohmann::json j;
  j["runs"] = nlohmann::json::array();
  for (const TsbenchCaseResult& r : runs) {
    nlohmann::json run = FiguresJson(FiguresOf(r));
    run["target"] = TargetName(r.spec.target);
    run["durable"] = r.spec.durable;
    run["threads"] = r.spec.threads;
    run["round"] = r.spec.round;
    run["ops"] = r.run.ops;
    run["seconds"] = r.run.seconds;
    run["errors"] = r.run.errors;
    if (!r.rocksdb_memory.empty()) run["rocksdb_memory"] = r.rocksdb_memory;
    if (r.consumer.ran) {
      run["consumer"] = {{"records_in_window", r.consumer.records_in_window},
                         {"lag_p50_millis", r.consumer.lag_p50_millis},
                         {"lag_p99_millis", r.consumer.lag_p99_millis},
                         {"lag_max_millis", r.consumer.lag_max_millis},
                         {"backlog_records", r.consumer.backlog_records},
                         {"drain_seconds", r.consumer.drain_seconds}};
    }
    if (r.scan.ran) {
      run["scan"] = {{"records", r.scan.records},
                     {"seconds", r.scan.seconds},
                     {"records_per_second", r.scan.records_per_second}};
    }
    j["runs"].push_back(run);
  }
  j["summary"] = nlohmann::json::array();
  for (const TsbenchRow& r : rows) {
    nlohmann::json row;
    row["target"] = TargetName(r.spec.target);
    row["durable"] = r.spec.durable;
    row["threads"] = r.spec.threads;
    row["rounds"] = r.rounds;
    row["ops_per_second_per_round"] = r.ops_per_round;
    row["median"] = FiguresJson(r.median);
    row["ratio_to_tablestream"] = FiguresJson(r.ratio);
    row["errors"] = r.errors;
    j["summary"].push_back(row);
  }
  return j;
}

std::string TsbenchMarkdown(const std::vector<TsbenchRow>& rows) {
  bool consumer = false, scan = false;
  for (const TsbenchRow& r : rows) {
    consumer = consumer || r.consumer;
    scan = scan || r.scan;
  }
  std::string out =
      "| durability | writers | target | ops/s | × tablestream | ops/s per "
      "round | p50 µs | p99 µs | p99.9 µs | cpu µs/op | disk B/op | "
      "write() B/op | peak RSS MiB | writes/sync |";
  std::string rule = "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
  if (consumer) {
    absl::StrAppend(&out, " lag p50 / p99 ms | backlog |");
    absl::StrAppend(&rule, "---|---|");
  }
  if (scan) {
    absl::StrAppend(&out, " scan records/s |");
    absl::StrAppend(&rule, "---|");
  }
  absl::StrAppend(&out, "\n", rule, "\n");
  for (const TsbenchRow& r : rows) {
    std::string per_round;
    for (double ops : r.ops_per_round) {
      absl::StrAppend(&per_round, per_round.empty() ? "" : ", ",
                      absl::StrFormat("%.0f", ops));
    }
    const TsbenchFigures& m = r.median;
    absl::StrAppend(
        &out,
        absl::StrFormat("| %s | %d | %s | %.0f | %.2fx | %s | %.0f | %.0f | "
                        "%.0f | %.1f | %.0f | %.0f | %.0f | %s |",
                        Durability(r.spec.durable), r.spec.threads,
                        TargetName(r.spec.target), m.ops_per_second,
                        r.ratio.ops_per_second, per_round, m.p50_micros,
                        m.p99_micros, m.p999_micros, m.cpu_micros_per_op,
                        m.write_bytes_per_op, m.wchar_per_op, m.peak_rss_mib,
                        m.writes_per_sync > 0
                            ? absl::StrFormat("%.1f", m.writes_per_sync)
                            : "-"));
    if (consumer) {
      absl::StrAppend(&out, r.consumer ? absl::StrFormat(
                                             " %.2f / %.2f | %.0f |",
                                             m.lag_p50_millis, m.lag_p99_millis,
                                             m.backlog_records)
                                       : " - | - |");
    }
    if (scan) {
      absl::StrAppend(&out, r.scan ? absl::StrFormat(
                                         " %.0f |", m.scan_records_per_second)
                                   : " - |");
    }
    absl::StrAppend(&out, r.errors ? " ERRORS\n" : "\n");
  }
  return out;
}

std::string TsbenchPlotData(const std::vector<TsbenchRow>& rows) {
  std::string out;
  for (bool durable : {true, false}) {
    std::map<int, std::map<Target, double>> by_threads;
    for (const TsbenchRow& r : rows) {
      if (r.spec.durable == durable) {
        by_threads[r.spec.threads][r.spec.target] = r.median.ops_per_second;
      }
    }
    if (by_threads.empty()) continue;
    absl::StrAppend(&out, "# ", Durability(durable),
                    "\n# threads tablestream rocksdb floor sqlite\n");
    for (const auto& [threads, figures] : by_threads) {
      absl::StrAppend(&out, threads);
      for (Target t : {Target::kTablestream, Target::kRocksDb, Target::kFloor,
                       Target::kSqlite}) {
        auto it = figures.find(t);
        absl::StrAppend(&out, " ",
                        it == figures.end() ? std::string("NaN")
                                            : absl::StrFormat("%.0f",
                                                              it->second));
      }
      absl::StrAppend(&out, "\n");
    }
    absl::StrAppend(&out, "\n\n");
  }
  return out;
}

}  // namespace tablestream
