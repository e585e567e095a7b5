// Copyright 2026 The tablestream Authors.

#include "bench/timed_run.h"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace tablestream {
namespace {

using Clock = std::chrono::steady_clock;

enum Phase : int { kWarmup = 0, kMeasure = 1, kStop = 2 };

// Per-thread results, written by one worker, read after join().
struct WorkerResult {
  std::vector<uint32_t> latency_nanos;  // of ops completed in the window
  uint64_t errors = 0;
  std::string first_error;
};

double Percentile(std::vector<uint32_t>& v, double fraction) {
  if (v.empty()) return 0;
  size_t k = static_cast<size_t>(fraction * (v.size() - 1));
  std::nth_element(v.begin(), v.begin() + k, v.end());
  return v[k] / 1000.0;
}

double ProcessCpuSeconds() {
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace

TimedRunResult RunTimed(const TimedRunOptions& options, const TimedOp& op) {
  std::atomic<int> phase{kWarmup};
  std::vector<WorkerResult> results(options.threads);
  std::vector<std::thread> workers;
  for (int t = 0; t < options.threads; ++t) {
    workers.emplace_back([&, t] {
      WorkerResult& r = results[t];
      r.latency_nanos.reserve(1 << 16);
      for (uint64_t i = 0; phase.load(std::memory_order_relaxed) != kStop;
           ++i) {
        const Clock::time_point start = Clock::now();
        absl::Status s = op(t, i);
        const Clock::time_point end = Clock::now();
        if (!s.ok()) {
          if (r.errors++ == 0) r.first_error = s.ToString();
          continue;
        }
        if (phase.load(std::memory_order_relaxed) == kMeasure) {
          const int64_t nanos =
              std::chrono::duration_cast<std::chrono::nanoseconds>(end - start)
                  .count();
          r.latency_nanos.push_back(
              static_cast<uint32_t>(std::min<int64_t>(nanos, UINT32_MAX)));
        }
      }
    });
  }

  auto sleep = [](double seconds) {
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  };
  sleep(options.warmup_seconds);
  if (options.window_begin) options.window_begin();
  const Clock::time_point begin = Clock::now();
  const double cpu_begin = ProcessCpuSeconds();
  phase.store(kMeasure);
  sleep(options.seconds);
  phase.store(kStop);
  const Clock::time_point end = Clock::now();
  const double cpu_seconds = ProcessCpuSeconds() - cpu_begin;
  if (options.window_end) options.window_end();
  for (std::thread& w : workers) w.join();

  TimedRunResult out;
  out.seconds = std::chrono::duration<double>(end - begin).count();
  std::vector<uint32_t> all;
  for (WorkerResult& r : results) {
    all.insert(all.end(), r.latency_nanos.begin(), r.latency_nanos.end());
    if (r.errors > 0 && out.errors == 0) out.first_error = r.first_error;
    out.errors += r.errors;
  }
  out.ops = all.size();
  out.ops_per_second = out.ops / out.seconds;
  out.p50_micros = Percentile(all, 0.50);
  out.p99_micros = Percentile(all, 0.99);
  out.p999_micros = Percentile(all, 0.999);
  if (out.ops > 0) out.cpu_micros_per_op = cpu_seconds * 1e6 / out.ops;
  return out;
}

}  // namespace tablestream
