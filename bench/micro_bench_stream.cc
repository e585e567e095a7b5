// Copyright 2026 The tablestream Authors.
//
// More micro-benchmarks (linked into micro_bench): DynamoDB JSON encode and
// decode of items and stream records (api/), building a stream record the
// way the commit pipeline does (reusing the item's encoded bytes), a
// compound key, and the read path end to end: GetRecords of 1000 records
// from a real engine (shard iterator decoding, the RocksDB iterator, record
// decoding), which bounds a full stream scan's records per second.

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "api/attribute_json.h"
#include "api/stream_json.h"
#include "bench/bench_item.h"
#include "benchmark/benchmark.h"
#include "proto/item_codec.h"
#include "stream/record_codec.h"
#include "tablestream/engine.h"
#include "util/key_encoding.h"

namespace tablestream {
namespace {

Item TestItem() { return BenchItem(200).Make(0, 1); }

void BM_ItemToDynamoJson(benchmark::State& state) {
  const Item item = TestItem();
  for (auto _ : state) benchmark::DoNotOptimize(api::ItemToJson(item).dump());
}
BENCHMARK(BM_ItemToDynamoJson);

void BM_ItemFromDynamoJson(benchmark::State& state) {
  const std::string text = api::ItemToJson(TestItem()).dump();
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        api::ItemFromJson(api::Json::parse(text), "Item"));
  }
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_ItemFromDynamoJson);

// A MODIFY record with both images, as GetRecords returns it.
StreamRecord TestRecord() {
  const Item old_item = TestItem();
  Item new_item = old_item;
  new_item["age"] = AttributeValue::N("37");
  const Item keys = {{"id", new_item.at("id")}};
  ItemChange change;
  change.event = EventName::kModify;
  change.keys = &keys;
  change.old_item = &old_item;
  change.new_item = &new_item;
  const std::string region = "us-east-1";
  RecordPosition position;
  position.stream_id = 7;
  position.sequence = 123456;
  position.view_type = StreamViewType::kNewAndOldImages;
  position.region = &region;
  return *DecodeRecord(
      EncodeRecord(change, StreamViewType::kNewAndOldImages, 1700000000000000),
      position);
}

void BM_StreamRecordToJson(benchmark::State& state) {
  const StreamRecord record = TestRecord();
  for (auto _ : state) {
    benchmark::DoNotOptimize(api::StreamRecordToJson(record).dump());
  }
}
BENCHMARK(BM_StreamRecordToJson);

// The commit pipeline's way: the images' StoredItem bytes already exist (the
// new item was just encoded, the old one just read), so the record reuses
// them. Compare with BM_EncodeRecord/1, which encodes the images again.
void BM_BuildRecordFromItemBytes(benchmark::State& state) {
  const Item old_item = TestItem();
  Item new_item = old_item;
  new_item["age"] = AttributeValue::N("37");
  const std::string old_bytes = EncodeItem(old_item);
  const std::string new_bytes = EncodeItem(new_item);
  const Item keys = {{"id", new_item.at("id")}};
  ItemChange change;
  change.event = EventName::kModify;
  change.keys = &keys;
  change.old_item = &old_item;
  change.new_item = &new_item;
  change.old_item_bytes = &old_bytes;
  change.new_item_bytes = &new_bytes;
  for (auto _ : state) {
    benchmark::DoNotOptimize(EncodeRecord(
        change, StreamViewType::kNewAndOldImages, 1700000000000000));
  }
}
BENCHMARK(BM_BuildRecordFromItemBytes);

void BM_KeyEncodingCompound(benchmark::State& state) {
  const AttributeValue partition = AttributeValue::S("user0123456789abcdef");
  const AttributeValue sort = AttributeValue::N("1700000000.123");
  std::string out;
  for (auto _ : state) {
    out.clear();
    PutFixed64BE(&out, 1);
    AppendOrderedKeyComponent(&out, partition);
    AppendOrderedKeyComponent(&out, sort);
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_KeyEncodingCompound);

// An engine in a temporary directory with `records` NEW_AND_OLD_IMAGES
// INSERT records of 200-byte items, written non-durably.
struct FilledStream {
  std::string dir;
  std::unique_ptr<Engine> engine;
  std::string iterator;  // TRIM_HORIZON
};

FilledStream* Fill(int records) {
  auto* f = new FilledStream;
  f->dir = std::filesystem::temp_directory_path() /
           ("micro_bench." + std::to_string(getpid()));
  std::filesystem::remove_all(f->dir);
  f->engine = *Engine::Open(Options(), f->dir);
  CreateTableRequest create;
  create.table_name = "bench";
  create.key_schema = {{"id", KeyType::kHash}};
  create.attribute_definitions = {{"id", ScalarAttributeType::kS}};
  create.stream_specification =
      StreamSpecification{true, StreamViewType::kNewAndOldImages};
  const TableDescription table = *f->engine->CreateTable(create);
  const BenchItem items(200);
  WriteOptions fast;
  fast.durable = false;
  for (int i = 0; i < records; ++i) {
    PutItemRequest put;
    put.table_name = "bench";
    put.item = items.Make(0, i);
    (void)f->engine->PutItem(put, fast);  // Ignored: checked by the reads.
  }
  DescribeStreamRequest describe;
  describe.stream_arn = *table.latest_stream_arn;
  const StreamDescription stream = *f->engine->DescribeStream(describe);
  GetShardIteratorRequest get;
  get.stream_arn = describe.stream_arn;
  get.shard_id = stream.shards[0].shard_id;
  f->iterator = *f->engine->GetShardIterator(get);
  return f;
}

FilledStream* filled = nullptr;

// Closes the engine and removes its directory when the program exits.
void RemoveFilled() {
  const std::string dir = filled->dir;
  delete filled;
  std::error_code ignored;  // a leftover temporary directory is harmless
  std::filesystem::remove_all(dir, ignored);
}

void BM_GetRecords1000(benchmark::State& state) {
  if (filled == nullptr) {
    filled = Fill(1000);
    std::atexit(RemoveFilled);
  }
  FilledStream* stream = filled;
  GetRecordsRequest request;
  request.shard_iterator = stream->iterator;
  request.limit = 1000;
  size_t records = 0;
  for (auto _ : state) {
    absl::StatusOr<GetRecordsResult> result = stream->engine->GetRecords(request);
    if (!result.ok()) {
      state.SkipWithError(result.status().ToString().c_str());
      break;
    }
    records += result->records.size();
  }
  state.SetItemsProcessed(records);  // items/s = records/s of a scan
}
BENCHMARK(BM_GetRecords1000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tablestream
