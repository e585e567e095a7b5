// Copyright 2026 The tablestream Authors.
//
// tsbench's tablestream target: table "bench" (partition key "id", S) with
// the configured stream, driven through the public Engine calls. Updates are
// UpdateItem with AttributeUpdates PUT of "age" and "ts"; puts and inserts
// PutItem the whole item. Its ChangeReader polls GetRecords (limit 1000)
// from TRIM_HORIZON on the table's single shard.

#include <thread>

#include "bench/bench_target.h"
#include "engine/engine_impl.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

constexpr const char* kTable = "bench";

class PollingShardReader : public ChangeReader {
 public:
  PollingShardReader(Engine* engine, std::string iterator)
      : engine_(engine), iterator_(std::move(iterator)) {}

  absl::StatusOr<size_t> Poll(std::vector<int64_t>* write_micros) override {
    if (iterator_.empty()) return 0;  // the shard was closed
    GetRecordsRequest request;
    request.shard_iterator = iterator_;
    request.limit = 1000;
    TABLESTREAM_ASSIGN_OR_RETURN(GetRecordsResult result,
                                 engine_->GetRecords(request));
    for (const StreamRecord& r : result.records) {
      // Only a new image carries this write's time (an old one, the
      // previous write's).
      const std::optional<Item>& image = r.dynamodb.new_image;
      if (!image) continue;
      auto ts = image->find("ts");
      if (ts != image->end()) {
        write_micros->push_back(std::stoll(ts->second.scalar()));
      }
    }
    iterator_ = result.next_shard_iterator.value_or("");
    return result.records.size();
  }

 private:
  Engine* engine_;
  std::string iterator_;
};

class EngineTarget : public BenchTarget {
 public:
  EngineTarget(std::unique_ptr<EngineImpl> engine, const TargetConfig& config)
      : engine_(std::move(engine)), config_(config) {
    options_.durable = config.durable;
  }

  absl::Status Load(uint64_t keys) override {
    WriteOptions fast;
    fast.durable = false;
    // Several loaders, so the commit pipeline groups them.
    constexpr int kLoaders = 8;
    std::vector<std::thread> loaders;
    std::vector<absl::Status> status(kLoaders);
    for (int t = 0; t < kLoaders; ++t) {
      loaders.emplace_back([&, t] {
        for (uint64_t k = t; k < keys && status[t].ok(); k += kLoaders) {
          PutItemRequest request;
          request.table_name = kTable;
          request.item = config_.items->Make(k, 0, NowMicros());
          status[t] = engine_->PutItem(request, fast).status();
        }
      });
    }
    for (std::thread& t : loaders) t.join();
    for (const absl::Status& s : status) TABLESTREAM_RETURN_IF_ERROR(s);
    return absl::OkStatus();
  }

  absl::Status Do(const OpChooser::Op& op, int thread,
                  uint64_t version) override {
    switch (op.kind) {
      case OpKind::kRead: {
        GetItemRequest request;
        request.table_name = kTable;
        request.key = config_.items->Key(op.key);
        return engine_->GetItem(request).status();
      }
      case OpKind::kUpdate: {
        UpdateItemRequest request;
        request.table_name = kTable;
        request.key = config_.items->Key(op.key);
        request.attribute_updates["age"] = {
            AttributeAction::kPut,
            AttributeValue::N(std::to_string(version))};
        request.attribute_updates["ts"] = {
            AttributeAction::kPut, AttributeValue::N(std::to_string(NowMicros()))};
        return engine_->UpdateItem(request, options_).status();
      }
      case OpKind::kPut:
      case OpKind::kInsert: {
        PutItemRequest request;
        request.table_name = kTable;
        request.item = config_.items->Make(op.key, version, NowMicros());
        return engine_->PutItem(request, options_).status();
      }
      case OpKind::kDelete: {
        DeleteItemRequest request;
        request.table_name = kTable;
        request.key = config_.items->Key(op.key);
        return engine_->DeleteItem(request, options_).status();
      }
    }
    return absl::InvalidArgumentError("unknown op");
  }

  absl::StatusOr<std::unique_ptr<ChangeReader>> NewChangeReader() override {
    if (!config_.stream) return nullptr;
    TABLESTREAM_ASSIGN_OR_RETURN(TableDescription table,
                                 engine_->DescribeTable(kTable));
    DescribeStreamRequest describe;
    describe.stream_arn = table.latest_stream_arn.value_or("");
    TABLESTREAM_ASSIGN_OR_RETURN(StreamDescription stream,
                                 engine_->DescribeStream(describe));
    if (stream.shards.size() != 1) {
      return absl::FailedPreconditionError(
          "tsbench reads single-shard streams only (shard rollover is off)");
    }
    GetShardIteratorRequest request;
    request.stream_arn = describe.stream_arn;
    request.shard_id = stream.shards[0].shard_id;
    request.shard_iterator_type = ShardIteratorType::kTrimHorizon;
    TABLESTREAM_ASSIGN_OR_RETURN(std::string iterator,
                                 engine_->GetShardIterator(request));
    return std::unique_ptr<ChangeReader>(
        new PollingShardReader(engine_.get(), std::move(iterator)));
  }

  void SnapshotCounters() override {
    const CommitPipeline::Stats now = engine_->pipeline()->stats();
    window_.mutations = now.mutations - last_.mutations;
    window_.synced_groups = now.synced_groups - last_.synced_groups;
    last_ = now;
  }
  std::string RocksDbMemory() override {
    return DescribeRocksDbMemory(engine_->db());
  }
  double WritesPerSync() const override {
    return window_.synced_groups == 0
               ? 0
               : 1.0 * window_.mutations / window_.synced_groups;
  }

 private:
  std::unique_ptr<EngineImpl> engine_;
  TargetConfig config_;
  WriteOptions options_;
  CommitPipeline::Stats last_, window_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<BenchTarget>> OpenEngineTarget(
    const TargetConfig& config) {
  Options options;
  options.write_buffer_bytes = config.write_buffer_bytes;
  options.block_cache_bytes = config.block_cache_bytes;
  TABLESTREAM_ASSIGN_OR_RETURN(std::unique_ptr<EngineImpl> engine,
                               EngineImpl::OpenImpl(options, config.dir));
  CreateTableRequest create;
  create.table_name = kTable;
  create.key_schema = {{"id", KeyType::kHash}};
  create.attribute_definitions = {{"id", ScalarAttributeType::kS}};
  if (config.stream) {
    create.stream_specification = StreamSpecification{true, *config.stream};
  }
  TABLESTREAM_RETURN_IF_ERROR(engine->CreateTable(create).status());
  return std::unique_ptr<BenchTarget>(
      new EngineTarget(std::move(engine), config));
}

}  // namespace tablestream
