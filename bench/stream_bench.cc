// Copyright 2026 The tablestream Authors.
//
// stream_bench: the read side of the stream, in one run.
//
//  1. Scan: GetRecords over a shard of --records records (limit 1000 per
//     call, iterator to iterator), next to a raw RocksDB iteration over the
//     same stream column family range that touches every key and value.
//     Reports records/s and MB/s (record value bytes) of both, and their
//     ratio. Each is run --rounds times alternately; the best of each is
//     reported.
//  2. Wake-up: a reader blocked in GetRecords (wait_millis) while a writer
//     commits one non-durable put at a time; the latency from just before
//     the put is submitted to the reader's return, p50/p99 over --wakeups
//     puts (the put's own latency beside it).
//
//   stream_bench [--records=200000] [--value-bytes=100] [--rounds=3]
//                [--wakeups=2000] [--dir=/tmp]

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "engine/engine_impl.h"
#include "stream/stream_keys.h"

namespace tablestream {
namespace {

using Clock = std::chrono::steady_clock;

struct Flags {
  int records = 200000;
  int value_bytes = 100;
  int rounds = 3;
  int wakeups = 2000;
  std::string dir = "/tmp";
};

double Seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

[[noreturn]] void Fail(const std::string& what, const absl::Status& s) {
  std::fprintf(stderr, "stream_bench: %s: %s\n", what.c_str(),
               s.ToString().c_str());
  std::exit(1);
}

Flags ParseFlags(int argc, char** argv) {
  Flags f;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char* name, int* out) {
      const std::string prefix = absl::StrCat("--", name, "=");
      if (arg.rfind(prefix, 0) != 0) return false;
      if (!absl::SimpleAtoi(arg.substr(prefix.size()), out) || *out <= 0) {
        std::fprintf(stderr, "stream_bench: bad %s\n", arg.c_str());
        std::exit(2);
      }
      return true;
    };
    if (value("records", &f.records) || value("value-bytes", &f.value_bytes) ||
        value("rounds", &f.rounds) || value("wakeups", &f.wakeups)) {
      continue;
    }
    if (arg.rfind("--dir=", 0) == 0) {
      f.dir = arg.substr(6);
      continue;
    }
    std::fprintf(stderr,
                 "usage: stream_bench [--records=200000] [--value-bytes=100] "
                 "[--rounds=3] [--wakeups=2000] [--dir=/tmp]\n");
    std::exit(2);
  }
  return f;
}

Item MakeItem(int i, int value_bytes) {
  return {{"pk", AttributeValue::S(absl::StrCat("key-", i))},
          {"v", AttributeValue::S(std::string(value_bytes, 'v'))}};
}

// CPU time of the calling thread: the scans run on it alone, so this is
// what they cost, whatever else runs on the machine.
double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct ScanResult {
  double seconds = 1e300;      // wall
  double cpu_seconds = 1e300;  // this thread
  uint64_t records = 0;
  uint64_t bytes = 0;
};

ScanResult ScanEngine(EngineImpl& engine, const std::string& arn,
                      const std::string& shard) {
  ScanResult r;
  const auto start = Clock::now();
  const double cpu_start = ThreadCpuSeconds();
  auto iterator = engine.GetShardIterator(
      {arn, shard, ShardIteratorType::kTrimHorizon, {}});
  if (!iterator.ok()) Fail("GetShardIterator", iterator.status());
  std::string it = *iterator;
  while (true) {
    auto page = engine.GetRecords({it, 1000});
    if (!page.ok()) Fail("GetRecords", page.status());
    if (page->records.empty()) break;
    r.records += page->records.size();
    for (const StreamRecord& rec : page->records) {
      r.bytes += static_cast<uint64_t>(rec.dynamodb.size_bytes);
    }
    it = *page->next_shard_iterator;
  }
  r.seconds = Seconds(Clock::now() - start);
  r.cpu_seconds = ThreadCpuSeconds() - cpu_start;
  return r;
}

ScanResult ScanRaw(EngineImpl& engine, uint64_t* value_bytes) {
  ScanResult r;
  const auto start = Clock::now();
  const double cpu_start = ThreadCpuSeconds();
  std::unique_ptr<rocksdb::Iterator> it(
      engine.db()->NewIterator(rocksdb::ReadOptions(), engine.stream_cf()));
  uint64_t checksum = 0;
  *value_bytes = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ++r.records;
    checksum += static_cast<unsigned char>(it->key()[it->key().size() - 1]);
    checksum += static_cast<unsigned char>(it->value()[0]);
    *value_bytes += it->value().size();
  }
  r.seconds = Seconds(Clock::now() - start);
  r.cpu_seconds = ThreadCpuSeconds() - cpu_start;
  r.bytes = checksum;  // keeps the loop from being optimized away
  return r;
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

int Main(int argc, char** argv) {
  const Flags flags = ParseFlags(argc, argv);
  const std::string path = (std::filesystem::path(flags.dir) /
                            absl::StrCat("stream_bench_", getpid()))
                               .string();
  std::filesystem::remove_all(path);
  Options options;
  options.durable_writes = false;
  options.retention_interval_seconds = 0;
  auto opened = EngineImpl::OpenImpl(options, path);
  if (!opened.ok()) Fail("open", opened.status());
  EngineImpl& engine = **opened;
  CreateTableRequest table;
  table.table_name = "bench";
  table.key_schema = {{"pk", KeyType::kHash}};
  table.attribute_definitions = {{"pk", ScalarAttributeType::kS}};
  table.stream_specification =
      StreamSpecification{true, StreamViewType::kNewImage};
  if (auto s = engine.CreateTable(table); !s.ok()) Fail("create", s.status());

  // Load with several writers, so groups are large.
  {
    std::vector<std::thread> writers;
    const int kWriters = 8;
    for (int w = 0; w < kWriters; ++w) {
      writers.emplace_back([&, w] {
        for (int i = w; i < flags.records; i += kWriters) {
          PutItemRequest put;
          put.table_name = "bench";
          put.item = MakeItem(i, flags.value_bytes);
          if (auto s = engine.PutItem(put, {}); !s.ok())
            Fail("put", s.status());
        }
      });
    }
    for (auto& t : writers) t.join();
  }
  // Scan from SST files and the block cache, as a reader of old data would.
  if (auto s = engine.db()->Flush(rocksdb::FlushOptions(), engine.stream_cf());
      !s.ok()) {
    Fail("flush", absl::InternalError(s.ToString()));
  }
  const std::string arn = *engine.DescribeTable("bench")->latest_stream_arn;
  const std::string shard = engine.DescribeStream({arn})->shards[0].shard_id;

  ScanResult best_engine, best_raw;
  uint64_t raw_value_bytes = 0;
  for (int round = 0; round < flags.rounds; ++round) {
    ScanResult e = ScanEngine(engine, arn, shard);
    ScanResult raw = ScanRaw(engine, &raw_value_bytes);
    if (e.cpu_seconds < best_engine.cpu_seconds) best_engine = e;
    if (raw.cpu_seconds < best_raw.cpu_seconds) best_raw = raw;
  }
  std::printf("scan: %d records of ~%d value bytes (best of %d rounds)\n",
              flags.records, flags.value_bytes, flags.rounds);
  std::printf(
      "  GetRecords  %10.0f records/s  %7.1f MB/s (SizeBytes)  "
      "%10.0f records/cpu-s\n",
      best_engine.records / best_engine.seconds,
      best_engine.bytes / best_engine.seconds / 1e6,
      best_engine.records / best_engine.cpu_seconds);
  std::printf(
      "  raw RocksDB %10.0f records/s  %7.1f MB/s (stored bytes) "
      "%10.0f records/cpu-s\n",
      best_raw.records / best_raw.seconds,
      raw_value_bytes / best_raw.seconds / 1e6,
      best_raw.records / best_raw.cpu_seconds);
  std::printf("  ratio: %.2fx by wall time, %.2fx by CPU time\n",
              best_raw.seconds / best_engine.seconds,
              best_raw.cpu_seconds / best_engine.cpu_seconds);

  // Wake-up latency.
  auto iterator =
      engine.GetShardIterator({arn, shard, ShardIteratorType::kLatest, {}});
  if (!iterator.ok()) Fail("iterator", iterator.status());
  absl::Mutex mu;
  Clock::time_point submitted;
  std::vector<double> wake_us, put_us;
  bool reader_ready = false;
  std::thread reader([&] {
    std::string it = *iterator;
    for (int i = 0; i < flags.wakeups; ++i) {
      {
        absl::MutexLock lock(&mu);
        reader_ready = true;
      }
      GetRecordsRequest read{it, 1000};
      read.wait_millis = 10000;
      auto page = engine.GetRecords(read);
      const auto woke = Clock::now();
      if (!page.ok()) Fail("GetRecords", page.status());
      it = *page->next_shard_iterator;
      absl::MutexLock lock(&mu);
      wake_us.push_back(Seconds(woke - submitted) * 1e6);
    }
  });
  for (int i = 0; i < flags.wakeups; ++i) {
    {
      // Wait until the reader has taken the previous record and is about
      // to block again.
      absl::MutexLock lock(&mu);
      mu.Await(absl::Condition(&reader_ready));
      reader_ready = false;
      submitted = Clock::now();
    }
    PutItemRequest put;
    put.table_name = "bench";
    put.item = MakeItem(flags.records + i, flags.value_bytes);
    const auto start = Clock::now();
    if (auto s = engine.PutItem(put, {}); !s.ok()) Fail("put", s.status());
    put_us.push_back(Seconds(Clock::now() - start) * 1e6);
  }
  reader.join();
  std::printf("wake-up: %d puts, each woke a reader blocked in GetRecords\n",
              flags.wakeups);
  std::printf("  submit-to-reader p50 %.0f us  p99 %.0f us\n",
              Percentile(wake_us, 0.5), Percentile(wake_us, 0.99));
  std::printf("  put alone        p50 %.0f us  p99 %.0f us\n",
              Percentile(put_us, 0.5), Percentile(put_us, 0.99));
  opened->reset();
  std::filesystem::remove_all(path);
  return 0;
}

}  // namespace
}  // namespace tablestream

int main(int argc, char** argv) { return tablestream::Main(argc, argv); }
