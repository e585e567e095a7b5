// Copyright 2026 The tablestream Authors.
//
// tsbench: the throughput tool, in the spirit of db_bench and YCSB. Runs one
// workload (bench/workload.h) against tablestream and, side by side in the
// same run, raw RocksDB configured like the engine (the item write alone, and
// the read + item-and-record batch "floor") and SQLite in WAL mode with
// change-table triggers; prints every figure and its ratio to tablestream's.
// `tsbench --help` lists the flags (bench/tsbench_flags.h); the defaults run
// in a few seconds. See docs/benchmarks.md.
//
// Order: rounds, then durability, then thread counts; within a thread count
// the targets run back to back, and each round rotates their order. Every
// case gets a fresh database under a temporary directory in --dir, removed
// at the end. Exit status 1 if any operation failed, 2 on bad flags.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

#include "bench/machine_info.h"
#include "bench/tsbench_case.h"
#include "bench/tsbench_flags.h"
#include "bench/tsbench_report.h"

namespace tablestream {
namespace {

std::vector<TsbenchCase> Schedule(const TsbenchFlags& f) {
  std::vector<TsbenchCase> out;
  for (int round = 0; round < f.rounds; ++round) {
    std::vector<Target> targets = f.targets;
    std::rotate(targets.begin(),
                targets.begin() + round % std::max<size_t>(targets.size(), 1),
                targets.end());
    for (bool durable : f.durable) {
      for (int threads : f.threads) {
        for (Target t : targets) out.push_back({t, durable, threads, round});
      }
    }
  }
  return out;
}

std::string ConfigLine(const TsbenchFlags& f) {
  char line[512];
  std::snprintf(line, sizeof(line),
                "workload %s, %zu-byte items, %llu keys %s, stream %s, "
                "consumer %s, seed %llu; %.1f s per case after %.1f s "
                "warm-up, %d round(s)",
                WorkloadName(f.workload), f.item_bytes,
                static_cast<unsigned long long>(f.keys),
                DistributionName(f.distribution),
                f.stream ? StreamViewTypeName(*f.stream) : "off",
                f.consumer == ConsumerMode::kPoll ? "poll" : "none",
                static_cast<unsigned long long>(f.seed), f.seconds, f.warmup,
                f.rounds);
  return line;
}

int Main(int argc, char** argv) {
  absl::StatusOr<TsbenchFlags> parsed = ParseTsbenchFlags(argc, argv);
  if (!parsed.ok()) {
    std::fprintf(stderr, "tsbench: %s", std::string(parsed.status().message()).c_str());
    return 2;
  }
  const TsbenchFlags& flags = *parsed;
  const std::string load_before = LoadAverage();
  std::printf("machine: %s\nconfig: %s\n", MachineLine(flags.dir).c_str(),
              ConfigLine(flags).c_str());
  std::string base = flags.dir + "/tsbench.XXXXXX";
  if (mkdtemp(base.data()) == nullptr) {
    std::fprintf(stderr, "tsbench: cannot create a directory in %s\n",
                 flags.dir.c_str());
    return 2;
  }
  const SyncProbe sync_before = ProbeSync(base);
  std::printf("4 KiB append + fdatasync: median %.0f us, min %.0f us\n",
              sync_before.median_micros, sync_before.min_micros);
  std::fflush(stdout);

  const WorkloadItems items(flags.item_bytes);
  std::unique_ptr<ZipfianTable> zipf;
  if (flags.distribution == Distribution::kZipfian) {
    zipf = std::make_unique<ZipfianTable>(flags.keys, flags.zipf_theta);
  }
  std::vector<TsbenchCaseResult> runs;
  int number = 0;
  std::error_code ignored;  // a leftover directory is not worth failing for
  for (const TsbenchCase& spec : Schedule(flags)) {
    const std::string dir = base + "/case" + std::to_string(number++);
    absl::StatusOr<TsbenchCaseResult> result =
        RunTsbenchCase(spec, flags, items, zipf.get(), dir);
    std::filesystem::remove_all(dir, ignored);
    if (!result.ok()) {
      std::fprintf(stderr, "tsbench: %s %s %d threads: %s\n",
                   TargetName(spec.target),
                   spec.durable ? "durable" : "non-durable", spec.threads,
                   result.status().ToString().c_str());
      std::filesystem::remove_all(base, ignored);
      return 1;
    }
    std::fprintf(stderr, "  round %d %-11s %2d threads %-11s %9.0f ops/s%s%s\n",
                 spec.round, spec.durable ? "durable" : "non-durable",
                 spec.threads, TargetName(spec.target),
                 result->run.ops_per_second,
                 result->run.errors ? "  errors: " : "",
                 result->run.first_error.c_str());
    if (!result->rocksdb_memory.empty()) {
      std::fprintf(stderr, "    peak RSS %.0f MiB; at the end: %s\n",
                   result->peak_rss_mib, result->rocksdb_memory.c_str());
    }
    runs.push_back(*std::move(result));
  }
  const SyncProbe sync_after = ProbeSync(base);
  std::filesystem::remove_all(base, ignored);
  const std::string load_after = LoadAverage();

  const std::vector<TsbenchRow> rows = SummarizeTsbench(runs);
  PrintTsbenchTables(rows, stdout);
  std::printf(
      "after the run: load %s; 4 KiB append + fdatasync median %.0f us, "
      "min %.0f us\n",
      load_after.c_str(), sync_after.median_micros, sync_after.min_micros);
  if (!flags.json.empty()) {
    nlohmann::json json = TsbenchJson(runs, rows);
    json["config"] = {{"line", ConfigLine(flags)},
                      {"machine", MachineLine(flags.dir)},
                      {"load_before", load_before},
                      {"load_after", load_after},
                      {"sync_median_micros_before", sync_before.median_micros},
                      {"sync_median_micros_after", sync_after.median_micros},
                      {"bytes_measure", "/proc/self/io write_bytes and wchar"}};
    std::ofstream(flags.json) << json.dump(2) << "\n";
  }
  if (!flags.markdown.empty()) {
    std::ofstream(flags.markdown)
        << "Config: " << ConfigLine(flags) << ". Load " << load_before
        << " before, " << load_after << " after; 4 KiB append + fdatasync "
        << static_cast<int>(sync_before.median_micros) << " / "
        << static_cast<int>(sync_after.median_micros)
        << " µs (median, before / after).\n\n"
        << TsbenchMarkdown(rows);
  }
  if (!flags.plot.empty()) std::ofstream(flags.plot) << TsbenchPlotData(rows);
  for (const TsbenchRow& r : rows) {
    if (r.errors > 0) return 1;
  }
  return 0;
}

}  // namespace
}  // namespace tablestream

int main(int argc, char** argv) { return tablestream::Main(argc, argv); }
