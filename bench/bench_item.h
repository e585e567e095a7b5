// Copyright 2026 The tablestream Authors.
//
// BenchItem builds the item every put benchmark writes, the same way for the
// engine and for raw RocksDB: a partition key "id" (S, 20 bytes, unique per
// (thread, index) and spread over the key space), "name" (S), "age" (N),
// "active" (BOOL) and a "payload" (S) sized so that the stored item
// (EncodeItem) is `value_bytes` long. The values are canonical.
//
// Thread-safe: const after construction.

#ifndef TABLESTREAM_BENCH_BENCH_ITEM_H_
#define TABLESTREAM_BENCH_BENCH_ITEM_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "tablestream/attribute_value.h"

namespace tablestream {

class BenchItem {
 public:
  explicit BenchItem(size_t value_bytes);

  // The item of call `index` of `thread`. Distinct (thread, index) pairs give
  // distinct partition keys, so every put is an INSERT.
  Item Make(int thread, uint64_t index) const;

  // What a raw RocksDB user would store: key = table prefix (8 bytes, as the
  // engine's items key) + order-preserving encoding of "id"; value =
  // EncodeItem(item).
  static std::string RawKey(const Item& item);

 private:
  size_t payload_bytes_ = 0;
};

}  // namespace tablestream

#endif  // TABLESTREAM_BENCH_BENCH_ITEM_H_
