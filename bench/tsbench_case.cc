// Copyright 2026 The tablestream Authors.

#include "bench/tsbench_case.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "bench/proc_stats.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

double PercentileMillis(std::vector<int64_t>& v, double fraction) {
  if (v.empty()) return 0;
  const size_t k = static_cast<size_t>(fraction * (v.size() - 1));
  std::nth_element(v.begin(), v.begin() + k, v.end());
  return v[k] / 1000.0;
}

// The consumer thread's shared state.
struct ConsumerState {
  std::atomic<bool> ready{false};      // caught up with the load
  std::atomic<bool> measuring{false};  // the window is open
  std::atomic<bool> window_closed{false};
  std::atomic<bool> writers_done{false};
  Clock::time_point window_end;  // set before writers_done
  absl::Status status;
  std::vector<int64_t> lags;  // microseconds, records read in the window
  ConsumerFigures figures;
};

// Reads the stream until the writers are done and it has caught up. Waiting
// between empty polls is a 1 ms sleep: the engine has no blocking read yet.
void Consume(ChangeReader* reader, ConsumerState* state) {
  std::vector<int64_t> write_micros;
  auto fail = [&](absl::Status s) {
    state->status = std::move(s);
    state->ready = true;
  };
  for (;;) {  // skip what the load wrote
    absl::StatusOr<size_t> n = reader->Poll(&write_micros);
    if (!n.ok()) return fail(n.status());
    if (*n == 0) break;
  }
  state->ready = true;
  for (;;) {
    write_micros.clear();
    const bool done = state->writers_done.load();
    absl::StatusOr<size_t> n = reader->Poll(&write_micros);
    if (!n.ok()) return fail(n.status());
    const int64_t now = NowMicros();
    if (state->measuring.load()) {
      state->figures.records_in_window += *n;
      for (int64_t ts : write_micros) state->lags.push_back(now - ts);
    } else if (state->window_closed.load()) {
      state->figures.backlog_records += *n;
    }
    if (*n == 0) {
      if (done) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  state->figures.drain_seconds = Seconds(state->window_end);
}

}  // namespace

absl::StatusOr<TsbenchCaseResult> RunTsbenchCase(const TsbenchCase& spec,
                                                 const TsbenchFlags& flags,
                                                 const WorkloadItems& items,
                                                 const ZipfianTable* zipf,
                                                 const std::string& dir) {
  std::filesystem::create_directories(dir);
  ResetPeakRss();
  TargetConfig config;
  config.dir = dir;
  config.durable = spec.durable;
  config.stream = flags.stream;
  config.threads = spec.threads;
  config.write_buffer_bytes = flags.write_buffer_mib << 20;
  config.block_cache_bytes = flags.block_cache_mib << 20;
  config.items = &items;
  TABLESTREAM_ASSIGN_OR_RETURN(std::unique_ptr<BenchTarget> target,
                               BenchTarget::Open(spec.target, config));
  if (NeedsPreload(flags.workload)) {
    TABLESTREAM_RETURN_IF_ERROR(target->Load(flags.keys));
  }

  TsbenchCaseResult result;
  result.spec = spec;
  ConsumerState consumer;
  std::unique_ptr<ChangeReader> reader;
  std::thread consumer_thread;
  if (flags.consumer == ConsumerMode::kPoll) {
    TABLESTREAM_ASSIGN_OR_RETURN(reader, target->NewChangeReader());
  }
  if (reader != nullptr) {
    consumer_thread = std::thread(Consume, reader.get(), &consumer);
    while (!consumer.ready.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

  std::vector<OpChooser> choosers;
  for (int t = 0; t < spec.threads; ++t) {
    choosers.emplace_back(flags.workload, flags.keys, zipf, flags.seed, t);
  }
  ProcIo io_begin, io_end;
  TimedRunOptions options;
  options.threads = spec.threads;
  options.warmup_seconds = flags.warmup;
  options.seconds = flags.seconds;
  options.window_begin = [&] {
    target->SnapshotCounters();
    io_begin = ReadProcIo();
    consumer.measuring = true;
  };
  options.window_end = [&] {
    consumer.window_end = Clock::now();
    consumer.measuring = false;
    consumer.window_closed = true;
    io_end = ReadProcIo();
    target->SnapshotCounters();
  };
  result.run = RunTimed(options, [&](int thread, uint64_t index) {
    const uint64_t version = (static_cast<uint64_t>(thread) << 40) + index + 1;
    return target->Do(choosers[thread].Next(), thread, version);
  });
  consumer.writers_done = true;
  if (consumer_thread.joinable()) {
    consumer_thread.join();
    TABLESTREAM_RETURN_IF_ERROR(consumer.status);
    result.consumer = consumer.figures;
    result.consumer.ran = true;
    result.consumer.lag_p50_millis = PercentileMillis(consumer.lags, 0.50);
    result.consumer.lag_p99_millis = PercentileMillis(consumer.lags, 0.99);
    result.consumer.lag_max_millis = PercentileMillis(consumer.lags, 1.0);
  }
  if (result.run.ops > 0) {
    result.write_bytes_per_op =
        1.0 * (io_end.write_bytes - io_begin.write_bytes) / result.run.ops;
    result.wchar_per_op = 1.0 * (io_end.wchar - io_begin.wchar) / result.run.ops;
  }
  if (spec.durable) result.writes_per_sync = target->WritesPerSync();

  if (flags.scan) {
    TABLESTREAM_ASSIGN_OR_RETURN(std::unique_ptr<ChangeReader> scanner,
                                 target->NewChangeReader());
    if (scanner != nullptr) {
      std::vector<int64_t> ignored;
      const Clock::time_point start = Clock::now();
      for (;;) {
        ignored.clear();
        TABLESTREAM_ASSIGN_OR_RETURN(size_t n, scanner->Poll(&ignored));
        if (n == 0) break;
        result.scan.records += n;
      }
      result.scan.ran = true;
      result.scan.seconds = Seconds(start);
      result.scan.records_per_second =
          result.scan.records / std::max(result.scan.seconds, 1e-9);
    }
  }
  result.peak_rss_mib = PeakRssKib() / 1024.0;
  result.rocksdb_memory = target->RocksDbMemory();
  return result;
}

}  // namespace tablestream
