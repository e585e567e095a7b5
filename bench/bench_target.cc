// Copyright 2026 The tablestream Authors.

#include "bench/bench_target.h"

#include <chrono>

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
