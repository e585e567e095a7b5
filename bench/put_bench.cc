// Copyright 2026 The tablestream Authors.
//
// put_bench: single-item put throughput of tablestream next to raw RocksDB
// configured like the engine, measured in one run so that the ratios hold on
// a noisy machine. See bench/put_cases.h for the cases and docs/benchmarks.md
// for results.
//
//   put_bench [--seconds=3] [--warmup=1] [--threads=1,8,64] [--rounds=1]
//             [--value-bytes=200] [--cases=all] [--dir=/tmp] [--json=PATH]
//
// --cases is a comma list of engine_sync, rocksdb_sync, floor_sync (durable,
// at each --threads count) and engine_nosync, rocksdb_nosync, floor_nosync
// (non-durable, one writer); "engine", "rocksdb", "floor", "sync", "nosync"
// and "all" name groups. Within a thread count the kinds run back to back,
// and each round reverses their order. Every case gets a fresh database
// under a temporary directory in --dir, removed at the end. Besides ops/s
// and latency, each row shows the process CPU time per op, which other load
// on the machine disturbs less than throughput. Exit status 1 if any
// operation failed.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "bench/machine_info.h"
#include "bench/put_report.h"

namespace tablestream {
namespace {

struct Flags {
  double seconds = 3;
  double warmup = 1;
  std::vector<int> threads = {1, 8, 64};
  int rounds = 1;
  size_t value_bytes = 200;
  std::set<std::string> cases;
  std::string dir = "/tmp";
  std::string json;
};

[[noreturn]] void Usage(const std::string& why) {
  std::fprintf(stderr,
               "put_bench: %s\nusage: put_bench [--seconds=3] [--warmup=1] "
               "[--threads=1,8,64] [--rounds=1] [--value-bytes=200] "
               "[--cases=all] [--dir=/tmp] [--json=PATH]\n",
               why.c_str());
  std::exit(2);
}

std::set<std::string> ExpandCases(const std::string& list) {
  std::set<std::string> out;
  for (absl::string_view c : absl::StrSplit(list, ',', absl::SkipEmpty())) {
    const std::string name(c);
    bool known = false;
    for (const char* kind : {"engine", "rocksdb", "floor"}) {
      for (const char* suffix : {"_sync", "_nosync"}) {
        const std::string full = std::string(kind) + suffix;
        if (name == "all" || name == full || name == kind ||
            name == suffix + 1) {
          out.insert(full);
          known = true;
        }
      }
    }
    if (!known) Usage("unknown case " + name);
  }
  return out;
}

Flags ParseFlags(int argc, char** argv) {
  Flags f;
  f.cases = ExpandCases("all");
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i], value;
    if (arg.rfind("--", 0) != 0) Usage("unexpected argument " + arg);
    const size_t eq = arg.find('=');
    if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      Usage(arg + " needs a value");
    }
    bool ok = true;
    if (arg == "--seconds") {
      ok = absl::SimpleAtod(value, &f.seconds) && f.seconds > 0;
    } else if (arg == "--warmup") {
      ok = absl::SimpleAtod(value, &f.warmup) && f.warmup >= 0;
    } else if (arg == "--rounds") {
      ok = absl::SimpleAtoi(value, &f.rounds) && f.rounds > 0;
    } else if (arg == "--value-bytes") {
      ok = absl::SimpleAtoi(value, &f.value_bytes) && f.value_bytes > 0;
    } else if (arg == "--threads") {
      f.threads.clear();
      for (absl::string_view t : absl::StrSplit(value, ',')) {
        int n = 0;
        ok = ok && absl::SimpleAtoi(t, &n) && n > 0;
        f.threads.push_back(n);
      }
    } else if (arg == "--cases") {
      f.cases = ExpandCases(value);
    } else if (arg == "--dir") {
      f.dir = value;
    } else if (arg == "--json") {
      f.json = value;
    } else {
      Usage("unknown flag " + arg);
    }
    if (!ok) Usage("bad value for " + arg + ": " + value);
  }
  return f;
}

void PrintMachine(const Flags& f, std::FILE* out) {
  std::fprintf(out,
               "machine: %s\n"
               "config: %.1f s per case after %.1f s warm-up, %d round(s), "
               "%zu-byte items, NEW_AND_OLD_IMAGES stream\n",
               MachineLine(f.dir).c_str(), f.seconds, f.warmup, f.rounds,
               f.value_bytes);
  std::fflush(out);
}

// The run order: durable cases per thread count, then non-durable ones with
// one writer; the kinds alternate order between rounds.
std::vector<PutCase> Schedule(const Flags& f) {
  std::vector<PutCase> out;
  for (int round = 0; round < f.rounds; ++round) {
    std::vector<PutKind> kinds = {PutKind::kRocksDbPut, PutKind::kEngine,
                                  PutKind::kRocksDbFloor};
    if (round % 2 == 1) std::reverse(kinds.begin(), kinds.end());
    auto add = [&](bool durable, int threads) {
      for (PutKind kind : kinds) {
        const std::string name =
            std::string(PutKindName(kind)) + (durable ? "_sync" : "_nosync");
        if (f.cases.count(name)) out.push_back({kind, durable, threads, round});
      }
    };
    for (int threads : f.threads) add(true, threads);
    add(false, 1);
  }
  return out;
}

int Main(int argc, char** argv) {
  const Flags flags = ParseFlags(argc, argv);
  const std::string load_before = LoadAverage();
  PrintMachine(flags, stdout);
  std::string base = flags.dir + "/put_bench.XXXXXX";
  if (mkdtemp(base.data()) == nullptr)
    Usage("cannot create a directory in " + flags.dir);

  const SyncProbe sync_before = ProbeSync(base);
  std::printf("4 KiB append + fdatasync in %s: median %.0f us, min %.0f us\n",
              flags.dir.c_str(), sync_before.median_micros,
              sync_before.min_micros);
  std::fflush(stdout);
  const BenchItem item(flags.value_bytes);
  std::vector<PutCaseResult> runs;
  int case_number = 0;
  for (const PutCase& spec : Schedule(flags)) {
    PutRunConfig config;
    config.dir = base + "/case" + std::to_string(case_number++);
    config.warmup_seconds = flags.warmup;
    config.seconds = flags.seconds;
    config.item = &item;
    absl::StatusOr<PutCaseResult> result = RunPutCase(spec, config);
    std::error_code ignored;  // a leftover directory is not worth failing for
    std::filesystem::remove_all(config.dir, ignored);
    if (!result.ok()) {
      std::fprintf(stderr, "put_bench: %s\n",
                   result.status().ToString().c_str());
      std::filesystem::remove_all(base, ignored);
      return 1;
    }
    std::fprintf(stderr, "  %-8s %-22s %2d threads: %9.0f ops/s%s%s\n",
                 spec.durable ? "durable" : "nosync", PutKindLabel(spec.kind),
                 spec.threads, result->run.ops_per_second,
                 result->run.errors ? "  errors: " : "",
                 result->run.first_error.c_str());
    runs.push_back(*std::move(result));
  }
  const SyncProbe sync_after = ProbeSync(base);
  std::error_code ignored;
  std::filesystem::remove_all(base, ignored);

  const std::string load_after = LoadAverage();
  const std::vector<PutSummaryRow> rows = Summarize(runs);
  PrintTable(rows, stdout);
  std::printf(
      "after the run: load %s; 4 KiB append + fdatasync median %.0f us, "
      "min %.0f us\n",
      load_after.c_str(), sync_after.median_micros, sync_after.min_micros);
  if (!flags.json.empty()) {
    nlohmann::json json = ToJson(runs, rows);
    json["config"] = {{"seconds", flags.seconds},
                      {"warmup_seconds", flags.warmup},
                      {"rounds", flags.rounds},
                      {"value_bytes", flags.value_bytes},
                      {"threads", flags.threads},
                      {"load_before", load_before},
                      {"load_after", load_after},
                      {"sync_median_micros_before", sync_before.median_micros},
                      {"sync_median_micros_after", sync_after.median_micros},
                      {"cpus", std::thread::hardware_concurrency()}};
    std::ofstream(flags.json) << json.dump(2) << "\n";
  }
  for (const PutSummaryRow& r : rows) {
    if (r.errors > 0) return 1;
  }
  return 0;
}

}  // namespace
}  // namespace tablestream

int main(int argc, char** argv) { return tablestream::Main(argc, argv); }
