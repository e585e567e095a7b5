// Copyright 2026 The tablestream Authors.
//
// retention_bench: how much disk the stream column family holds under a
// steady write rate once retention is in force, relative to one retention
// window's worth of records (issue target: at most 1.25x).
//
//   retention_bench [--hours=72] [--records-per-minute=100]
//                   [--value-bytes=200] [--retention-hours=24]
//                   [--dir=/tmp] [--json=PATH]
//
// Time is simulated with a ManualClock: every simulated minute the tool
// writes --records-per-minute items (non-durable puts; durability does not
// change the bytes) and runs one retention pass, as the background task
// would with its default 60 s interval. The stream column family's live SST
// bytes are measured after a flush: the window's worth is the size when the
// first records are about to expire (exactly one retention period written,
// nothing reclaimed yet); after that, the size is sampled every simulated
// hour. Reported: the window's bytes, the largest and the final sample, and
// their ratios to the window, plus wall time per simulated hour.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "engine/engine_impl.h"
#include "tablestream/clock.h"
#include "tablestream/engine.h"
#include "tablestream/options.h"

namespace tablestream {
namespace {

struct Flags {
  int64_t hours = 72;
  int64_t records_per_minute = 100;
  int64_t value_bytes = 200;
  int64_t retention_hours = 24;
  std::string dir = "/tmp";
  std::string json;
};

[[noreturn]] void Usage(const std::string& why) {
  std::fprintf(stderr,
               "retention_bench: %s\nusage: retention_bench [--hours=72] "
               "[--records-per-minute=100] [--value-bytes=200] "
               "[--retention-hours=24] [--dir=/tmp] [--json=PATH]\n",
               why.c_str());
  std::exit(2);
}

Flags ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const size_t eq = arg.find('=');
    if (eq == std::string::npos) Usage("expected --name=value, got " + arg);
    const std::string name = arg.substr(0, eq);
    const std::string value = arg.substr(eq + 1);
    int64_t* number = nullptr;
    if (name == "--hours") number = &flags.hours;
    if (name == "--records-per-minute") number = &flags.records_per_minute;
    if (name == "--value-bytes") number = &flags.value_bytes;
    if (name == "--retention-hours") number = &flags.retention_hours;
    if (name == "--dir") {
      flags.dir = value;
    } else if (name == "--json") {
      flags.json = value;
    } else if (number == nullptr) {
      Usage("unknown option " + name);
    } else if (!absl::SimpleAtoi(value, number) || *number < 1) {
      Usage(name + " needs a positive whole number");
    }
  }
  if (flags.hours <= flags.retention_hours) {
    Usage("--hours must exceed --retention-hours");
  }
  return flags;
}

// An incompressible value, so that disk bytes follow the bytes written.
std::string RandomValue(uint64_t* state, int64_t bytes) {
  std::string value;
  value.reserve(bytes);
  while (static_cast<int64_t>(value.size()) < bytes) {
    *state = *state * 6364136223846793005ull + 1442695040888963407ull;
    value.push_back(static_cast<char>('!' + (*state >> 33) % 90));
  }
  return value;
}

void Check(const absl::Status& status, const char* what) {
  if (!status.ok()) {
    std::fprintf(stderr, "retention_bench: %s: %s\n", what,
                 std::string(status.message()).c_str());
    std::exit(1);
  }
}

uint64_t StreamSstBytes(EngineImpl* engine) {
  rocksdb::Status flushed =
      engine->db()->Flush(rocksdb::FlushOptions(), engine->stream_cf());
  if (!flushed.ok()) {
    std::fprintf(stderr, "retention_bench: flush: %s\n",
                 flushed.ToString().c_str());
    std::exit(1);
  }
  uint64_t bytes = 0;
  engine->db()->GetIntProperty(engine->stream_cf(),
                               "rocksdb.total-sst-files-size", &bytes);
  return bytes;
}

int Run(const Flags& flags) {
  const std::filesystem::path dir =
      std::filesystem::path(flags.dir) /
      absl::StrCat("retention_bench_", getpid());
  std::filesystem::remove_all(dir);
  auto clock = std::make_shared<ManualClock>(1'700'000'000'000'000);
  Options options;
  options.clock = clock;
  options.durable_writes = false;
  options.retention_interval_seconds = 0;  // passes are driven below
  options.stream_retention_seconds = flags.retention_hours * 3600;
  auto opened = Engine::Open(options, dir.string());
  Check(opened.status(), "open");
  std::unique_ptr<Engine> engine = std::move(*opened);
  EngineImpl* impl = static_cast<EngineImpl*>(engine.get());

  CreateTableRequest create;
  create.table_name = "Events";
  create.key_schema.push_back({"pk", KeyType::kHash});
  create.attribute_definitions.push_back({"pk", ScalarAttributeType::kS});
  create.stream_specification =
      StreamSpecification{true, StreamViewType::kNewImage};
  Check(engine->CreateTable(create).status(), "create table");

  uint64_t state = 42;
  uint64_t key = 0;
  uint64_t window_bytes = 0;
  uint64_t peak_bytes = 0;
  uint64_t final_bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int64_t minute = 0; minute < flags.hours * 60; ++minute) {
    if (minute == flags.retention_hours * 60) {
      window_bytes = StreamSstBytes(impl);
    }
    if (minute > flags.retention_hours * 60 && minute % 60 == 0) {
      const uint64_t bytes = StreamSstBytes(impl);
      peak_bytes = std::max(peak_bytes, bytes);
    }
    for (int64_t i = 0; i < flags.records_per_minute; ++i) {
      PutItemRequest put;
      put.table_name = "Events";
      // Distinct keys: every record is an INSERT of a new item.
      put.item = {{"pk", AttributeValue::S(absl::StrCat("k", key++))},
                  {"v", AttributeValue::S(RandomValue(&state,
                                                      flags.value_bytes))}};
      Check(engine->PutItem(put).status(), "put");
    }
    clock->AdvanceSeconds(60);
    Check(engine->TrimExpiredRecords(), "retention pass");
  }
  final_bytes = StreamSstBytes(impl);
  peak_bytes = std::max(peak_bytes, final_bytes);
  const double seconds = std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - start)
                             .count();
  engine.reset();
  std::filesystem::remove_all(dir);

  const double peak_ratio = static_cast<double>(peak_bytes) / window_bytes;
  const double final_ratio = static_cast<double>(final_bytes) / window_bytes;
  std::printf(
      "simulated %lld h at %lld records/min of %lld-byte values, retention "
      "%lld h\n"
      "  one window's worth (at %lld h): %llu bytes\n"
      "  largest hourly sample after:    %llu bytes = %.3fx the window\n"
      "  at the end (%lld h):            %llu bytes = %.3fx the window\n"
      "  wall time: %.1f s (%.2f s per simulated hour)\n",
      static_cast<long long>(flags.hours),
      static_cast<long long>(flags.records_per_minute),
      static_cast<long long>(flags.value_bytes),
      static_cast<long long>(flags.retention_hours),
      static_cast<long long>(flags.retention_hours),
      static_cast<unsigned long long>(window_bytes),
      static_cast<unsigned long long>(peak_bytes), peak_ratio,
      static_cast<long long>(flags.hours),
      static_cast<unsigned long long>(final_bytes), final_ratio, seconds,
      seconds / flags.hours);
  if (!flags.json.empty()) {
    std::ofstream out(flags.json);
    out << "{\"hours\": " << flags.hours
        << ", \"records_per_minute\": " << flags.records_per_minute
        << ", \"value_bytes\": " << flags.value_bytes
        << ", \"retention_hours\": " << flags.retention_hours
        << ", \"window_bytes\": " << window_bytes
        << ", \"peak_bytes\": " << peak_bytes
        << ", \"final_bytes\": " << final_bytes
        << ", \"peak_ratio\": " << peak_ratio
        << ", \"final_ratio\": " << final_ratio
        << ", \"wall_seconds\": " << seconds << "}\n";
  }
  return 0;
}

}  // namespace
}  // namespace tablestream

int main(int argc, char** argv) {
  return tablestream::Run(tablestream::ParseFlags(argc, argv));
}
