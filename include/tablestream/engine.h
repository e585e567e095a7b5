// Copyright 2026 The tablestream Authors.
//
// Engine is an open tablestream database: DynamoDB-style tables, each with an
// optional DynamoDB-Streams-style change stream, in one local directory.
//
// Every effective item write commits atomically with its stream record in
// one RocksDB write batch; stream sequence numbers are contiguous per shard
// and follow commit order. Concurrent writers share WAL syncs (group commit).
//
// An Engine is safe for concurrent use by many threads without external
// locking. One directory may be opened by one Engine at a time (RocksDB's
// lock file enforces it).
//
// All methods return absl::Status values whose messages start with the
// DynamoDB exception name (see errors.h). A refused request has written
// nothing. If a write to disk fails, the engine refuses every later write
// with InternalServerError until it is reopened; reads keep working.

#ifndef TABLESTREAM_ENGINE_H_
#define TABLESTREAM_ENGINE_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tablestream/attribute_value.h"
#include "tablestream/batch.h"
#include "tablestream/consumer.h"
#include "tablestream/item.h"
#include "tablestream/options.h"
#include "tablestream/query.h"
#include "tablestream/stream.h"
#include "tablestream/table.h"
#include "tablestream/transaction.h"

namespace tablestream {

class Engine {
 public:
  // Opens (or, with options.create_if_missing, creates) the database in the
  // directory `path`. Recovers sequence counters and finishes interrupted
  // table deletions.
  static absl::StatusOr<std::unique_ptr<Engine>> Open(const Options& options,
                                                      const std::string& path);

  Engine() = default;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  // Closes the database.
  // REQUIRES: no other call on this engine is in progress.
  virtual ~Engine() = default;

  // ---- Tables ----
  virtual absl::StatusOr<TableDescription> CreateTable(
      const CreateTableRequest& request) = 0;
  virtual absl::StatusOr<TableDescription> DescribeTable(
      const std::string& table_name) = 0;
  virtual absl::StatusOr<ListTablesResult> ListTables(
      const ListTablesRequest& request) = 0;
  // Deletes the table and its items. Its stream, if any, is closed and stays
  // readable (as DynamoDB keeps it for 24 hours).
  virtual absl::StatusOr<TableDescription> DeleteTable(
      const std::string& table_name) = 0;
  virtual absl::StatusOr<TableDescription> UpdateTable(
      const UpdateTableRequest& request) = 0;

  // ---- Item Time to Live ----
  // Enables or disables TTL on the table, at once. ValidationException if it
  // is already in the requested state, or when disabling names another
  // attribute than the enabled one. Returns the specification as given.
  virtual absl::StatusOr<TimeToLiveSpecification> UpdateTimeToLive(
      const UpdateTimeToLiveRequest& request) = 0;
  virtual absl::StatusOr<TimeToLiveDescription> DescribeTimeToLive(
      const std::string& table_name) = 0;
  // Deletes now every item of a TTL-enabled table whose TTL attribute is a
  // Number of epoch seconds at or before the engine's clock (and less than
  // five years before it: DynamoDB ignores older values). Each deletion is a
  // REMOVE record with userIdentity {"type": "Service", "principalId":
  // "dynamodb.amazonaws.com"}; an item whose TTL value changed meanwhile is
  // left alone. Returns how many items were deleted. The background task
  // does the same every Options::retention_interval_seconds.
  virtual absl::StatusOr<int64_t> DeleteExpiredItems() = 0;

  // ---- Items ----
  virtual absl::StatusOr<WriteResult> PutItem(
      const PutItemRequest& request, const WriteOptions& options = {}) = 0;
  // Returns nullopt when there is no item with the key.
  virtual absl::StatusOr<std::optional<Item>> GetItem(
      const GetItemRequest& request) = 0;
  virtual absl::StatusOr<WriteResult> DeleteItem(
      const DeleteItemRequest& request, const WriteOptions& options = {}) = 0;
  virtual absl::StatusOr<WriteResult> UpdateItem(
      const UpdateItemRequest& request, const WriteOptions& options = {}) = 0;

  // ---- Batches and transactions (see batch.h and transaction.h) ----
  // Reads up to 100 keys across tables from one snapshot.
  virtual absl::StatusOr<BatchGetItemResult> BatchGetItem(
      const BatchGetItemRequest& request) = 0;
  // Puts and deletes up to 25 items across tables in one atomic commit.
  virtual absl::StatusOr<BatchWriteItemResult> BatchWriteItem(
      const BatchWriteItemRequest& request,
      const WriteOptions& options = {}) = 0;
  // All or nothing; TransactionCanceledException with CancellationReasons.
  virtual absl::Status TransactWriteItems(
      const TransactWriteItemsRequest& request,
      const WriteOptions& options = {}) = 0;
  virtual absl::StatusOr<TransactGetItemsResult> TransactGetItems(
      const TransactGetItemsRequest& request) = 0;

  // Reads one page of one partition, in sort key order (reversed with
  // scan_index_forward false). See query.h.
  virtual absl::StatusOr<ReadPage> Query(const QueryRequest& request) = 0;
  // Reads one page of the whole table (or of one segment), in storage
  // order. See query.h.
  virtual absl::StatusOr<ReadPage> Scan(const ScanRequest& request) = 0;

  // ---- Streams ----
  virtual absl::StatusOr<ListStreamsResult> ListStreams(
      const ListStreamsRequest& request) = 0;
  virtual absl::StatusOr<StreamDescription> DescribeStream(
      const DescribeStreamRequest& request) = 0;
  // Returns an opaque iterator string. It encodes its position, so it stays
  // valid across restarts until it expires.
  virtual absl::StatusOr<std::string> GetShardIterator(
      const GetShardIteratorRequest& request) = 0;
  // With request.wait_millis > 0 and no record to return yet, blocks until
  // a commit writes one (or closes the shard) or the wait is over.
  virtual absl::StatusOr<GetRecordsResult> GetRecords(
      const GetRecordsRequest& request) = 0;

  // ---- Consumers (see consumer.h) ----
  // ResourceInUseException if the consumer exists.
  virtual absl::StatusOr<ConsumerDescription> CreateConsumer(
      const CreateConsumerRequest& request) = 0;
  virtual absl::StatusOr<ListConsumersResult> ListConsumers(
      const std::string& stream_arn) = 0;
  // Positions, lag and skipped ranges. ResourceNotFoundException for an
  // unknown stream or consumer (as for every consumer call).
  virtual absl::StatusOr<ConsumerDescription> DescribeConsumer(
      const ConsumerId& id) = 0;
  // Moves the consumer explicitly, backwards or forwards; records the
  // unprocessed ranges it skips.
  virtual absl::StatusOr<ConsumerDescription> ResetConsumer(
      const ResetConsumerRequest& request) = 0;
  virtual absl::Status DeleteConsumer(const ConsumerId& id) = 0;
  // The next records from the consumer's position, without moving it.
  // TrimmedDataAccessException, naming the lost range, if its position
  // expired.
  virtual absl::StatusOr<ConsumerBatch> ReadConsumer(
      const ReadConsumerRequest& request) = 0;
  // Moves the consumer's position in a shard past `sequence_number`.
  // ValidationException for a record not committed yet, or one before the
  // position's predecessor (a checkpoint never moves backwards; repeating the
  // last checkpoint is accepted and changes nothing).
  virtual absl::Status CheckpointConsumer(const CheckpointRequest& request) = 0;
  // Commits `writes` and the checkpoint atomically (one write batch, one WAL
  // write), or nothing. Fails as CheckpointConsumer does, or as the first
  // failing write does; a checkpoint that would move backwards fails, so a
  // batch committed by another instance of the consumer is not applied twice.
  virtual absl::Status CommitWithCheckpoint(
      const CommitWithCheckpointRequest& request,
      const WriteOptions& options = {}) = 0;

  // ---- Retention ----
  // Runs one retention pass now: moves every shard's trim horizon past its
  // expired records (older than Options::stream_retention_seconds by the
  // engine's clock) and reclaims their space. The background task does the
  // same every Options::retention_interval_seconds.
  virtual absl::Status TrimExpiredRecords() = 0;
};

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_H_
