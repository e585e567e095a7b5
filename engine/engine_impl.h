// Copyright 2026 The tablestream Authors.
//
// EngineImpl implements the public Engine (include/tablestream/engine.h):
// the composition root that owns the RocksDB instance, the catalog and the
// commit pipeline. Its code is split by concern:
//   engine_open.cc     RocksDB options, column families, recovery on open
//   engine_tables.cc   CreateTable, DescribeTable, ListTables, DeleteTable,
//                      UpdateTable
//   engine_items.cc    PutItem, GetItem, DeleteItem, UpdateItem
//   engine_query.cc    Query, Scan
//   engine_streams.cc  ListStreams, DescribeStream, GetShardIterator,
//                      GetRecords
//   engine_retention.cc  trim horizons, rollover, the retention task
//   engine_consumers.cc  consumers: create, read, checkpoint, reset, ...
//   engine_batches.cc  BatchGetItem, BatchWriteItem
//   engine_transactions.cc  TransactWriteItems, TransactGetItems
//
// Thread-safe, as Engine promises.

#ifndef TABLESTREAM_ENGINE_ENGINE_IMPL_H_
#define TABLESTREAM_ENGINE_ENGINE_IMPL_H_

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/time.h"
#include "engine/catalog.h"
#include "engine/client_token.h"
#include "engine/document_path.h"
#include "engine/engine_context.h"
#include "engine/item_mutation.h"
#include "rocksdb/db.h"
#include "stream/trim_points.h"
#include "tablestream/engine.h"
#include "wal/commit_pipeline.h"

namespace tablestream {

// What tests and tools inside the project may set beyond the public Options.
struct InternalOptions {
  // The RocksDB environment (a fault-injection file system in power-loss
  // tests). nullptr: rocksdb::Env::Default().
  rocksdb::Env* env = nullptr;
};

class EngineImpl : public Engine {
 public:
  static absl::StatusOr<std::unique_ptr<EngineImpl>> OpenImpl(
      const Options& options, const std::string& path,
      const InternalOptions& internal = {});
  ~EngineImpl() override;

  absl::StatusOr<TableDescription> CreateTable(
      const CreateTableRequest& request) override;
  absl::StatusOr<TableDescription> DescribeTable(
      const std::string& table_name) override;
  absl::StatusOr<ListTablesResult> ListTables(
      const ListTablesRequest& request) override;
  absl::StatusOr<TableDescription> DeleteTable(
      const std::string& table_name) override;
  absl::StatusOr<TableDescription> UpdateTable(
      const UpdateTableRequest& request) override;

  absl::StatusOr<WriteResult> PutItem(const PutItemRequest& request,
                                      const WriteOptions& options) override;
  absl::StatusOr<std::optional<Item>> GetItem(
      const GetItemRequest& request) override;
  absl::StatusOr<WriteResult> DeleteItem(const DeleteItemRequest& request,
                                         const WriteOptions& options) override;
  absl::StatusOr<WriteResult> UpdateItem(const UpdateItemRequest& request,
                                         const WriteOptions& options) override;
  absl::StatusOr<BatchGetItemResult> BatchGetItem(
      const BatchGetItemRequest& request) override;
  absl::StatusOr<BatchWriteItemResult> BatchWriteItem(
      const BatchWriteItemRequest& request,
      const WriteOptions& options) override;
  absl::Status TransactWriteItems(const TransactWriteItemsRequest& request,
                                  const WriteOptions& options) override;
  absl::StatusOr<TransactGetItemsResult> TransactGetItems(
      const TransactGetItemsRequest& request) override;
  absl::StatusOr<ReadPage> Query(const QueryRequest& request) override;
  absl::StatusOr<ReadPage> Scan(const ScanRequest& request) override;

  absl::StatusOr<ListStreamsResult> ListStreams(
      const ListStreamsRequest& request) override;
  absl::StatusOr<StreamDescription> DescribeStream(
      const DescribeStreamRequest& request) override;
  absl::StatusOr<std::string> GetShardIterator(
      const GetShardIteratorRequest& request) override;
  absl::StatusOr<GetRecordsResult> GetRecords(
      const GetRecordsRequest& request) override;

  absl::StatusOr<ConsumerDescription> CreateConsumer(
      const CreateConsumerRequest& request) override;
  absl::StatusOr<ListConsumersResult> ListConsumers(
      const std::string& stream_arn) override;
  absl::StatusOr<ConsumerDescription> DescribeConsumer(
      const ConsumerId& id) override;
  absl::StatusOr<ConsumerDescription> ResetConsumer(
      const ResetConsumerRequest& request) override;
  absl::Status DeleteConsumer(const ConsumerId& id) override;
  absl::StatusOr<ConsumerBatch> ReadConsumer(
      const ReadConsumerRequest& request) override;
  absl::Status CheckpointConsumer(const CheckpointRequest& request) override;
  absl::Status CommitWithCheckpoint(const CommitWithCheckpointRequest& request,
                                    const WriteOptions& options) override;

  absl::Status TrimExpiredRecords() override;

  absl::StatusOr<TimeToLiveSpecification> UpdateTimeToLive(
      const UpdateTimeToLiveRequest& request) override;
  absl::StatusOr<TimeToLiveDescription> DescribeTimeToLive(
      const std::string& table_name) override;
  absl::StatusOr<int64_t> DeleteExpiredItems() override;

  // The first sequence still readable in `shard` (its trim horizon): records
  // below it have expired. Moves the shard's trim point past records that
  // expired since the last call (one point read when nothing did).
  absl::StatusOr<uint64_t> ShardTrim(const storage::StreamInfo& stream,
                                     const storage::ShardInfo& shard) const;
  // One past the last readable sequence of a shard.
  uint64_t ShardEnd(const storage::StreamInfo& stream,
                    const storage::ShardInfo& shard) const;
  // Whether a disabled stream's records have all expired: it is then gone
  // from ListStreams, and DescribeStream no longer finds it.
  bool StreamExpired(const storage::StreamInfo& stream) const;
  // Whether a closed shard was closed before the retention period began: its
  // records have all expired and it is gone from DescribeStream.
  // Under consumer retention, a closed shard stays while a consumer holds
  // records of it (up to the cap).
  bool ShardExpired(const storage::StreamInfo& stream,
                    const storage::ShardInfo& shard) const;

  // Blocks until the background retention task has completed `passes`
  // passes since the engine opened, or `timeout` passes. For tests.
  bool AwaitRetentionPasses(int passes, absl::Duration timeout);

  // For tests and benchmarks.
  rocksdb::DB* db() { return db_.get(); }
  CommitPipeline* pipeline() { return pipeline_.get(); }
  rocksdb::ColumnFamilyHandle* stream_cf() { return context_.stream_cf; }
  rocksdb::ColumnFamilyHandle* checkpoints_cf() {
    return context_.checkpoints_cf;
  }

 private:
  EngineImpl(const Options& options) : options_(options) {}

  absl::Status OpenDb(const std::string& path, const InternalOptions& internal);
  absl::Status Recover();
  absl::Status RemoveDeletedTableItems();

  absl::StatusOr<std::shared_ptr<const TableState>> FindTable(
      const std::string& name) const;
  absl::StatusOr<TableDescription> Describe(const TableState& table) const;
  // Validate and canonicalize a request into a mutation spec.
  absl::StatusOr<ItemMutation::Spec> PreparePut(
      const PutItemRequest& request) const;
  absl::StatusOr<ItemMutation::Spec> PrepareDelete(
      const DeleteItemRequest& request) const;
  absl::StatusOr<ItemMutation::Spec> PrepareUpdate(
      const UpdateItemRequest& request) const;
  absl::StatusOr<WriteResult> CommitItemMutation(ItemMutation::Spec spec,
                                                 const WriteOptions& options);
  // A validated GetItem: the item's storage key and what to return of it.
  struct ItemRead {
    std::shared_ptr<const TableState> table;
    Item key;
    std::string storage_key;
    std::optional<std::vector<DocumentPath>> projection;
    std::vector<std::string> attributes_to_get;
  };
  absl::StatusOr<ItemRead> PrepareGet(const GetItemRequest& request) const;
  // Reads as of `snapshot` (nullptr: now).
  absl::StatusOr<std::optional<Item>> ReadItem(
      const ItemRead& read, const rocksdb::Snapshot* snapshot) const;
  // Commits several item mutations in one batch (engine_transactions.cc):
  // all or nothing. `transaction`: a failure is TransactionCanceledException
  // with one reason per action; else the first failure as it is.
  absl::Status CommitItemMutations(std::vector<ItemMutation::Spec> specs,
                                   bool transaction,
                                   std::optional<ClientToken> token,
                                   const WriteOptions& options);

  // Blocks until record `next` of the shard is committed, a catalog change
  // commits after `exclusive_commits` was read (the shard may have closed),
  // or `wait_millis` pass. ValidationException for a negative or too long
  // wait.
  absl::Status AwaitRecord(const storage::StreamInfo& stream,
                           const storage::ShardInfo& shard, uint64_t next,
                           int64_t wait_millis, uint64_t exclusive_commits);

  // Consumers (engine_consumers.cc).
  struct ConsumerTarget {
    std::shared_ptr<const StreamState> stream;
    std::shared_ptr<const ConsumerState> consumer;
  };
  // The stream and consumer a request names (ResourceNotFoundException).
  absl::StatusOr<ConsumerTarget> FindConsumer(const std::string& stream_arn,
                                              const std::string& name) const;
  absl::StatusOr<ConsumerDescription> Describe(
      const ConsumerTarget& target) const;
  absl::Status Checkpoint(const CheckpointRequest& request,
                          std::vector<std::unique_ptr<ItemMutation>> writes,
                          std::optional<uint64_t> expected,
                          const WriteOptions& options);
  // Where shard positions start: TRIM_HORIZON, LATEST or AT_TIMESTAMP.
  absl::StatusOr<uint64_t> StartPosition(const storage::StreamInfo& stream,
                                         const storage::ShardInfo& shard,
                                         ShardIteratorType type,
                                         std::optional<double> timestamp) const;
  // The least position consumers hold in a shard when consumer retention is
  // on (Options::consumer_retention_cap_seconds), else nullopt.
  std::optional<uint64_t> ConsumerHold(const storage::StreamInfo& stream,
                                       const storage::ShardInfo& shard) const;
  bool Durable(const WriteOptions& options) const {
    return options.durable.value_or(options_.durable_writes);
  }
  // Rolls the open shard of `table`'s stream over if it is due (see
  // Options::shard_rollover_records and shard_rollover_seconds).
  absl::Status MaybeRollOverShard(const storage::TableInfo& table);
  // Records created at or before this time have expired: a record expires
  // when it is exactly `stream_retention_seconds` old.
  int64_t RetentionCutoffMicros() const;
  absl::Status InitTrimPoints();
  // Deletes the expired items of one TTL-enabled table.
  absl::StatusOr<int64_t> DeleteExpiredItemsOf(
      const std::shared_ptr<const TableState>& table);
  // The background retention task.
  void RetentionLoop();

  Options options_;
  // Shared with the stream column family's compaction filter.
  std::shared_ptr<TrimPoints> trims_ = std::make_shared<TrimPoints>();
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  EngineContext context_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<ConsumerRegistry> consumers_;
  std::unique_ptr<CommitPipeline> pipeline_;

  absl::Mutex retention_mu_;
  bool stopping_ ABSL_GUARDED_BY(retention_mu_) = false;
  int retention_passes_ ABSL_GUARDED_BY(retention_mu_) = 0;
  std::thread retention_thread_;
};

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_ENGINE_IMPL_H_
