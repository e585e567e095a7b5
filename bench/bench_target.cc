// Copyright 2026 The tablestream Authors.

#include "bench/bench_target.h"

#include <chrono>

#include "absl/strings/str_format.h"

namespace tablestream {

Item WorkloadItems::Make(uint64_t key, uint64_t version,
                         int64_t ts_micros) const {
  Item item = base_.Make(0, key);
  item["age"] = AttributeValue::N(std::to_string(version));
  item["ts"] = AttributeValue::N(std::to_string(ts_micros));
  return item;
}

Item WorkloadItems::Key(uint64_t key) const {
  Item item = base_.Make(0, key);
  return {{"id", item.at("id")}};
}

std::string WorkloadItems::Id(uint64_t key) const {
  return base_.Make(0, key).at("id").scalar();
}

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string DescribeRocksDbMemory(rocksdb::DB* db) {
  auto mib = [&](const std::string& property, bool aggregated) {
    uint64_t value = 0;
    if (aggregated) {
      (void)db->GetAggregatedIntProperty(property, &value);  // 0 if unknown
    } else {
      (void)db->GetIntProperty(property, &value);  // 0 if unknown
    }
    return value / 1048576.0;
  };
  return absl::StrFormat(
      "memtables %.0f MiB, table readers %.1f MiB, block cache %.0f MiB "
      "(pinned %.0f MiB), live SST files %.0f MiB",
      mib("rocksdb.cur-size-all-mem-tables", true),
      mib("rocksdb.estimate-table-readers-mem", true),
      mib("rocksdb.block-cache-usage", false),
      mib("rocksdb.block-cache-pinned-usage", false),
      mib("rocksdb.live-sst-files-size", true));
}

absl::StatusOr<std::unique_ptr<BenchTarget>> BenchTarget::Open(
    Target target, const TargetConfig& config) {
  switch (target) {
    case Target::kTablestream:
      return OpenEngineTarget(config);
    case Target::kRocksDb:
      return OpenRocksDbTarget(config, /*floor=*/false);
    case Target::kFloor:
      return OpenRocksDbTarget(config, /*floor=*/true);
    case Target::kSqlite:
      return OpenSqliteTarget(config);
  }
  return absl::InvalidArgumentError("unknown target");
}

}  // namespace tablestream
