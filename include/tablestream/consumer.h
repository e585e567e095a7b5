// Copyright 2026 The tablestream Authors.
//
// Consumers: named, durable cursors over one stream (tablestream's own
// addition; DynamoDB Streams leaves checkpoints to the client library).
//
// A consumer has one position per shard: the sequence number of the next
// record it has to process. Positions are stored in the checkpoints column
// family and survive any crash. A consumer reads the shards of its stream in
// lineage order (a parent shard to its end before its child), so records of
// one key come in commit order across shard rollovers.
//
// Two ways to consume:
//  - at-least-once: ReadConsumer, process, then CheckpointConsumer. A crash
//    between processing and the checkpoint delivers the batch again;
//  - exactly-once for effects inside the engine: ReadConsumer, then
//    CommitWithCheckpoint with the item writes the batch caused. The writes,
//    their stream records and the checkpoint commit in one write batch, so
//    after any crash either all of them are there or none is.
//
// A position never moves past the end of its shard, and never backwards
// except through ResetConsumer. A position below the shard's trim horizon
// (its records expired before they were processed) makes ReadConsumer fail
// with TrimmedDataAccessException naming the lost range; only ResetConsumer
// moves such a consumer on, and it records the range it skipped.

#ifndef TABLESTREAM_CONSUMER_H_
#define TABLESTREAM_CONSUMER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "tablestream/item.h"
#include "tablestream/stream.h"

namespace tablestream {

// Names a consumer: 1 to 255 characters of [A-Za-z0-9_.-], unique per
// stream.
struct ConsumerId {
  std::string stream_arn;
  std::string consumer_name;
};

struct CreateConsumerRequest {
  std::string stream_arn;
  std::string consumer_name;
  // Where the consumer starts in the shards that exist now: TRIM_HORIZON,
  // LATEST or AT_TIMESTAMP. Shards created later start at their first record.
  ShardIteratorType starting_position = ShardIteratorType::kTrimHorizon;
  std::optional<double> timestamp;  // epoch seconds, AT_TIMESTAMP only
};

struct ConsumerSummary {
  std::string consumer_name;
  double creation_date_time = 0;  // epoch seconds
};

struct ListConsumersResult {
  std::vector<ConsumerSummary> consumers;  // sorted by name
};

// Where a consumer stands in one shard.
struct ConsumerShardStatus {
  std::string shard_id;
  std::optional<std::string> parent_shard_id;
  // The next record to process.
  std::string next_sequence_number;
  // The shard is closed and the consumer processed all of it.
  bool finished = false;
  // The position is below the trim horizon: records were lost (see
  // ReadConsumer); ResetConsumer moves on.
  bool expired = false;
  // Committed records at or after the position.
  int64_t records_behind = 0;
  // Age of the oldest unprocessed record by the engine's clock; 0 if none.
  double lag_seconds = 0;
  // Time left before the oldest unprocessed record expires (it may be
  // negative for a held record; see Options::consumer_retention_cap_seconds).
  // Absent if there is no unprocessed record.
  std::optional<double> seconds_until_expiry;
};

// A range of records a reset skipped without processing them.
struct SkippedRange {
  std::string shard_id;
  std::string first_sequence_number;
  std::string last_sequence_number;
  double skipped_date_time = 0;  // epoch seconds of the reset
  std::string reason;            // e.g. "expired", "reset to LATEST"
};

struct ConsumerDescription {
  std::string stream_arn;
  std::string consumer_name;
  double creation_date_time = 0;
  std::vector<ConsumerShardStatus> shards;  // in lineage order
  // Totals over the shards: the sum, the largest lag, the least time left.
  int64_t records_behind = 0;
  double lag_seconds = 0;
  std::optional<double> seconds_until_expiry;
  std::vector<SkippedRange> skipped_ranges;  // oldest first
};

struct ResetConsumerRequest {
  std::string stream_arn;
  std::string consumer_name;
  // TRIM_HORIZON, LATEST, AT_TIMESTAMP (every shard), or AT_SEQUENCE_NUMBER
  // (one shard: its parents count as processed, its children start at their
  // first record).
  ShardIteratorType position = ShardIteratorType::kTrimHorizon;
  std::optional<std::string> shard_id;         // AT_SEQUENCE_NUMBER only
  std::optional<std::string> sequence_number;  // AT_SEQUENCE_NUMBER only
  std::optional<double> timestamp;             // AT_TIMESTAMP only
};

struct ReadConsumerRequest {
  std::string stream_arn;
  std::string consumer_name;
  std::optional<int> limit;  // 1..1000, default 1000
  // With no record to return, wait up to this long for one (woken by the
  // commit that writes it). 0: return at once.
  int64_t wait_millis = 0;
};

struct ConsumerBatch {
  // The shard the records come from (the consumer's current shard).
  std::string shard_id;
  std::vector<StreamRecord> records;
  // The stream is disabled and the consumer processed every shard: nothing
  // more will come.
  bool stream_ended = false;
};

struct CheckpointRequest {
  std::string stream_arn;
  std::string consumer_name;
  std::string shard_id;
  // The last record processed: the position moves just past it.
  std::string sequence_number;
};

// One item write of CommitWithCheckpoint.
using ConsumerWrite =
    std::variant<PutItemRequest, UpdateItemRequest, DeleteItemRequest>;

struct CommitWithCheckpointRequest {
  CheckpointRequest checkpoint;
  // The first record the writes account for (the batch's first record).
  // When set, the commit fails with ValidationException unless the
  // consumer's position is exactly there, so that two instances of one
  // consumer never apply overlapping batches. Recommended.
  std::optional<std::string> first_sequence_number;
  // At most 100 writes, to tables of this engine (the stream's own table
  // included). Each one yields its stream record as any write does.
  std::vector<ConsumerWrite> writes;
};

}  // namespace tablestream

#endif  // TABLESTREAM_CONSUMER_H_
