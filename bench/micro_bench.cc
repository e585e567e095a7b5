// Copyright 2026 The tablestream Authors.
//
// micro_bench: Google Benchmark micro-benchmarks of the codecs on the write
// and read paths: item encode/decode (the stored item), key encoding, number
// parsing, stream record encode/decode and shard iterators. Items are
// bench/bench_item.h's 200-byte item, as put_bench writes. Single-threaded,
// in memory; no RocksDB.

#include <string>

#include "bench/bench_item.h"
#include "benchmark/benchmark.h"
#include "proto/item_codec.h"
#include "stream/record_codec.h"
#include "stream/shard_iterator.h"
#include "util/attribute_canonical.h"
#include "util/key_encoding.h"
#include "util/number.h"

namespace tablestream {
namespace {

const BenchItem& Items() {
  static const BenchItem* items = new BenchItem(200);
  return *items;
}

void BM_EncodeItem(benchmark::State& state) {
  const Item item = Items().Make(0, 1);
  for (auto _ : state) benchmark::DoNotOptimize(EncodeItem(item));
  state.counters["bytes"] = EncodeItem(item).size();
}
BENCHMARK(BM_EncodeItem);

void BM_DecodeItem(benchmark::State& state) {
  const std::string bytes = EncodeItem(Items().Make(0, 1));
  for (auto _ : state) benchmark::DoNotOptimize(DecodeItem(bytes));
  state.SetBytesProcessed(state.iterations() * bytes.size());
}
BENCHMARK(BM_DecodeItem);

// What PutItem does to every request before it reaches the pipeline.
void BM_CanonicalizeItem(benchmark::State& state) {
  const Item item = Items().Make(0, 1);
  for (auto _ : state) {
    Item copy = item;
    benchmark::DoNotOptimize(CanonicalizeItem(&copy));
  }
}
BENCHMARK(BM_CanonicalizeItem);

// The cost of building the benchmark item itself (part of every put_bench op,
// on both the engine and the raw RocksDB side).
void BM_MakeBenchItem(benchmark::State& state) {
  uint64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(Items().Make(0, i++));
}
BENCHMARK(BM_MakeBenchItem);

void BM_KeyComponentS(benchmark::State& state) {
  const AttributeValue key = AttributeValue::S("user0123456789abcdef");
  std::string out;
  for (auto _ : state) {
    out.clear();
    AppendOrderedKeyComponent(&out, key);
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_KeyComponentS);

void BM_KeyComponentN(benchmark::State& state) {
  const AttributeValue key = AttributeValue::N("-12345.678");
  std::string out;
  for (auto _ : state) {
    out.clear();
    AppendOrderedKeyComponent(&out, key);
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_KeyComponentN);

void BM_NumberParse(benchmark::State& state) {
  const char* texts[] = {"42", "-12345.678", "1.50e10", "0.000123"};
  const std::string text = texts[state.range(0)];
  state.SetLabel(text);
  for (auto _ : state) benchmark::DoNotOptimize(Number::Parse(text));
}
BENCHMARK(BM_NumberParse)->DenseRange(0, 3);

void BM_NormalizeNumber(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(NormalizeNumber("1.50e10"));
}
BENCHMARK(BM_NormalizeNumber);

// range(0): 0 = INSERT (new image only), 1 = MODIFY (both images).
void BM_EncodeRecord(benchmark::State& state) {
  const Item old_item = Items().Make(0, 1);
  Item new_item = old_item;
  new_item["age"] = AttributeValue::N("37");
  const Item keys = {{"id", new_item.at("id")}};
  ItemChange change;
  change.event = state.range(0) ? EventName::kModify : EventName::kInsert;
  change.keys = &keys;
  change.old_item = state.range(0) ? &old_item : nullptr;
  change.new_item = &new_item;
  state.SetLabel(state.range(0) ? "MODIFY" : "INSERT");
  for (auto _ : state) {
    benchmark::DoNotOptimize(EncodeRecord(
        change, StreamViewType::kNewAndOldImages, 1700000000000000));
  }
  state.counters["bytes"] =
      EncodeRecord(change, StreamViewType::kNewAndOldImages, 1700000000000000)
          .size();
}
BENCHMARK(BM_EncodeRecord)->Arg(0)->Arg(1);

void BM_DecodeRecord(benchmark::State& state) {
  const Item old_item = Items().Make(0, 1);
  Item new_item = old_item;
  new_item["age"] = AttributeValue::N("37");
  const Item keys = {{"id", new_item.at("id")}};
  ItemChange change;
  change.event = EventName::kModify;
  change.keys = &keys;
  change.old_item = &old_item;
  change.new_item = &new_item;
  const std::string bytes =
      EncodeRecord(change, StreamViewType::kNewAndOldImages, 1700000000000000);
  const std::string region = "us-east-1";
  RecordPosition position;
  position.stream_id = 7;
  position.sequence = 123456;
  position.view_type = StreamViewType::kNewAndOldImages;
  position.region = &region;
  for (auto _ : state) {
    benchmark::DoNotOptimize(DecodeRecord(bytes, position));
  }
  state.SetBytesProcessed(state.iterations() * bytes.size());
}
BENCHMARK(BM_DecodeRecord);

constexpr const char* kArn =
    "arn:aws:dynamodb:us-east-1:000000000000:table/bench/stream/"
    "2026-01-01T00:00:00.000";

void BM_EncodeShardIterator(benchmark::State& state) {
  ShardPosition position{7, 0, 123456, 1700000000000000};
  for (auto _ : state) {
    benchmark::DoNotOptimize(EncodeShardIterator(kArn, position));
  }
}
BENCHMARK(BM_EncodeShardIterator);

void BM_DecodeShardIterator(benchmark::State& state) {
  const std::string iterator =
      EncodeShardIterator(kArn, ShardPosition{7, 0, 123456, 1700000000000000});
  for (auto _ : state) {
    benchmark::DoNotOptimize(DecodeShardIterator(iterator));
  }
}
BENCHMARK(BM_DecodeShardIterator);

}  // namespace
}  // namespace tablestream
