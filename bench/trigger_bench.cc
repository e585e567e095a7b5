// Copyright 2026 The tablestream Authors.
//
// trigger_bench: the trigger runtime's end-to-end speed, with the runtime's
// background driver (TriggerRuntime::Start) on the wall clock.
//
//   trigger_bench [--dir DIR] [--latency-writes N] [--throughput-writes N]
//                 [--writers N]
//
//  1. latency: one writer commits N items one after another (waiting for
//     each delivery); an in-process C++ handler with BatchSize 1 and no
//     window records the time from just before PutItem to its call.
//     Prints p50, p90, p99 and max.
//  2. throughput: W writer threads put N items as fast as they can (the
//     engine's write rate, durable writes); a counting handler (BatchSize
//     1000) runs meanwhile. Prints the write rate, the rate at which the
//     handler consumed records over the same run, and how long it took to
//     catch up after the last write.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "tablestream/engine.h"
#include "tablestream/triggers.h"

namespace tablestream {
namespace {

using Clock = std::chrono::steady_clock;

struct Flags {
  std::string dir = "/tmp/trigger_bench";
  int latency_writes = 2000;
  int throughput_writes = 50000;
  int writers = 16;
};

void Check(const absl::Status& status, const char* what) {
  if (!status.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, status.ToString().c_str());
    std::exit(1);
  }
}

std::string StreamArn(Engine* engine, const std::string& table) {
  CreateTableRequest request;
  request.table_name = table;
  request.key_schema = {{"pk", KeyType::kHash}};
  request.attribute_definitions = {{"pk", ScalarAttributeType::kS}};
  StreamSpecification spec;
  spec.stream_enabled = true;
  spec.stream_view_type = StreamViewType::kNewImage;
  request.stream_specification = spec;
  auto table_description = engine->CreateTable(request);
  Check(table_description.status(), "create table");
  return *table_description->latest_stream_arn;
}

void Map(TriggerRuntime* runtime, const std::string& arn,
         const std::string& function, int batch_size) {
  CreateEventSourceMappingRequest request;
  request.event_source_arn = arn;
  request.function_name = function;
  request.starting_position = "TRIM_HORIZON";
  request.options.batch_size = batch_size;
  Check(runtime->CreateEventSourceMapping(request).status(), "mapping");
}

PutItemRequest Put(const std::string& table, const std::string& key) {
  PutItemRequest put;
  put.table_name = table;
  put.item = {{"pk", AttributeValue::S(key)},
              {"payload", AttributeValue::S(std::string(100, 'x'))}};
  return put;
}

void Latency(Engine* engine, TriggerRuntime* runtime, int writes) {
  Map(runtime, StreamArn(engine, "latency"), "latency", 1);
  absl::Mutex mu;
  int delivered = 0;
  Clock::time_point delivered_at;
  Check(runtime->RegisterHandler("latency",
                                 [&](const TriggerBatch& batch) {
                                   absl::MutexLock lock(&mu);
                                   delivered_at = Clock::now();
                                   delivered += static_cast<int>(
                                       batch.records.size());
                                   return TriggerResponse();
                                 }),
        "register");
  runtime->Start();
  std::vector<double> micros;
  for (int i = 0; i < writes; ++i) {
    Clock::time_point start = Clock::now();
    Check(engine->PutItem(Put("latency", absl::StrCat("k", i))).status(),
          "put");
    struct Delivered {
      const int* delivered;
      int index;
      bool Done() const { return *delivered > index; }
    } wait{&delivered, i};
    absl::MutexLock lock(&mu);
    mu.Await(absl::Condition(&wait, &Delivered::Done));
    micros.push_back(
        std::chrono::duration<double, std::micro>(delivered_at - start)
            .count());
  }
  runtime->Stop();
  std::sort(micros.begin(), micros.end());
  auto at = [&](double q) {
    return micros[std::min(micros.size() - 1,
                           static_cast<size_t>(q * micros.size()))];
  };
  std::printf(
      "latency (commit to handler, BatchSize 1, no window, %d writes, "
      "durable): p50 %.0f us, p90 %.0f us, p99 %.0f us, max %.0f us\n",
      writes, at(0.5), at(0.9), at(0.99), micros.back());
}

void Throughput(Engine* engine, TriggerRuntime* runtime, int writes,
                int writers) {
  Map(runtime, StreamArn(engine, "throughput"), "count", 1000);
  std::atomic<int64_t> counted{0};
  Check(runtime->RegisterHandler("count",
                                 [&](const TriggerBatch& batch) {
                                   counted += static_cast<int64_t>(
                                       batch.records.size());
                                   return TriggerResponse();
                                 }),
        "register");
  runtime->Start();
  std::atomic<int> next{0};
  Clock::time_point start = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < writers; ++t) {
    threads.emplace_back([&] {
      for (int i = next++; i < writes; i = next++) {
        Check(engine->PutItem(Put("throughput", absl::StrCat("k", i)))
                  .status(),
              "put");
      }
    });
  }
  for (std::thread& t : threads) t.join();
  Clock::time_point written = Clock::now();
  int64_t counted_at_end_of_writes = counted.load();
  while (counted.load() < writes) std::this_thread::yield();
  Clock::time_point caught_up = Clock::now();
  runtime->Stop();
  double write_s = std::chrono::duration<double>(written - start).count();
  double catch_up_ms =
      std::chrono::duration<double, std::milli>(caught_up - written).count();
  std::printf(
      "throughput (%d durable writes, %d writers; counting handler, "
      "BatchSize 1000): engine %.0f writes/s; handler consumed %.0f "
      "records/s during the writes (%lld of %d), caught up %.0f ms after the "
      "last write\n",
      writes, writers, writes / write_s, counted_at_end_of_writes / write_s,
      static_cast<long long>(counted_at_end_of_writes), writes, catch_up_ms);
}

}  // namespace
}  // namespace tablestream

int main(int argc, char** argv) {
  tablestream::Flags flags;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string name = argv[i];
    std::string value = argv[i + 1];
    bool ok = true;
    if (name == "--dir") {
      flags.dir = value;
    } else if (name == "--latency-writes") {
      ok = absl::SimpleAtoi(value, &flags.latency_writes);
    } else if (name == "--throughput-writes") {
      ok = absl::SimpleAtoi(value, &flags.throughput_writes);
    } else if (name == "--writers") {
      ok = absl::SimpleAtoi(value, &flags.writers);
    } else {
      ok = false;
    }
    if (!ok) {
      std::fprintf(stderr,
                   "usage: trigger_bench [--dir DIR] [--latency-writes N] "
                   "[--throughput-writes N] [--writers N]\n");
      return 2;
    }
  }
  std::filesystem::remove_all(flags.dir);
  auto engine = tablestream::Engine::Open(tablestream::Options(), flags.dir);
  tablestream::Check(engine.status(), "open");
  {
    auto runtime = tablestream::TriggerRuntime::Open(engine->get());
    tablestream::Check(runtime.status(), "runtime");
    tablestream::Latency(engine->get(), runtime->get(), flags.latency_writes);
  }
  {
    auto runtime = tablestream::TriggerRuntime::Open(engine->get());
    tablestream::Check(runtime.status(), "runtime");
    tablestream::Throughput(engine->get(), runtime->get(),
                            flags.throughput_writes, flags.writers);
  }
  engine->reset();
  std::filesystem::remove_all(flags.dir);
  return 0;
}
