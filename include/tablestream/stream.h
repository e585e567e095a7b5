// Copyright 2026 The tablestream Authors.
//
// Stream types, shaped after the DynamoDB Streams API: ListStreams,
// DescribeStream, GetShardIterator, GetRecords and the Record they return.
//
// Sequence numbers are decimal strings of fixed width (21 digits), so their
// string order and numeric order agree. Within a shard they are contiguous:
// a record's successor has the next number. (DynamoDB promises only that they
// increase.)

#ifndef TABLESTREAM_STREAM_H_
#define TABLESTREAM_STREAM_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tablestream/attribute_value.h"
#include "tablestream/table.h"

namespace tablestream {

// Stored on disk: never renumber.
enum class EventName { kInsert = 1, kModify = 2, kRemove = 3 };
const char* EventNameName(EventName e);  // "INSERT", "MODIFY", "REMOVE"

struct StreamSummary {
  std::string stream_arn;
  std::string table_name;
  std::string stream_label;
};

struct ListStreamsRequest {
  std::optional<std::string> table_name;
  std::optional<int> limit;  // 1..100, default 100
  std::optional<std::string> exclusive_start_stream_arn;
};

struct ListStreamsResult {
  std::vector<StreamSummary> streams;
  std::optional<std::string> last_evaluated_stream_arn;
};

struct SequenceNumberRange {
  std::string starting_sequence_number;
  // Present once the shard is closed.
  std::optional<std::string> ending_sequence_number;
};

struct Shard {
  std::string shard_id;
  SequenceNumberRange sequence_number_range;
  std::optional<std::string> parent_shard_id;
};

struct DescribeStreamRequest {
  std::string stream_arn;
  std::optional<int> limit;  // 1..100, default 100
  std::optional<std::string> exclusive_start_shard_id;
};

struct StreamDescription {
  std::string stream_arn;
  std::string stream_label;
  std::string stream_status;  // "ENABLED" or "DISABLED"
  StreamViewType stream_view_type = StreamViewType::kKeysOnly;
  double creation_request_date_time = 0;  // epoch seconds
  std::string table_name;
  std::vector<KeySchemaElement> key_schema;
  std::vector<Shard> shards;
  std::optional<std::string> last_evaluated_shard_id;
};

enum class ShardIteratorType {
  kTrimHorizon,
  kLatest,
  kAtSequenceNumber,
  kAfterSequenceNumber,
  // The first record created at or after a time (DynamoDB Streams lacks it;
  // Kinesis has it).
  kAtTimestamp,
};
const char* ShardIteratorTypeName(ShardIteratorType t);
std::optional<ShardIteratorType> ParseShardIteratorType(const std::string& s);

struct GetShardIteratorRequest {
  std::string stream_arn;
  std::string shard_id;
  ShardIteratorType shard_iterator_type = ShardIteratorType::kTrimHorizon;
  // Required for AT_/AFTER_SEQUENCE_NUMBER, refused for the others.
  std::optional<std::string> sequence_number;
  // Epoch seconds (fractions allowed): required for AT_TIMESTAMP, refused
  // for the others.
  std::optional<double> timestamp;
};

struct GetRecordsRequest {
  std::string shard_iterator;
  std::optional<int> limit;  // 1..1000, default 1000
  // With no record at the iterator yet, wait up to this long for one: the
  // commit that writes it (or closes the shard) wakes the reader. 0: return
  // at once, as DynamoDB does. (tablestream's addition.)
  int64_t wait_millis = 0;
};

// DynamoDB's Identity; set only on deletes made by the service (item TTL).
struct Identity {
  std::string type;          // "Service"
  std::string principal_id;  // "dynamodb.amazonaws.com"
};

// The `dynamodb` member of a Record.
struct StreamRecordData {
  int64_t approximate_creation_date_time = 0;  // whole epoch seconds
  Item keys;
  std::optional<Item> new_image;
  std::optional<Item> old_image;
  std::string sequence_number;
  int64_t size_bytes = 0;
  StreamViewType stream_view_type = StreamViewType::kKeysOnly;
};

struct StreamRecord {
  std::string event_id;  // 32 lowercase hex digits, unique
  EventName event_name = EventName::kInsert;
  std::string event_version = "1.1";
  std::string event_source = "aws:dynamodb";
  std::string aws_region;
  StreamRecordData dynamodb;
  std::optional<Identity> user_identity;
};

struct GetRecordsResult {
  std::vector<StreamRecord> records;
  // Absent at the end of a closed shard: nothing more will come.
  std::optional<std::string> next_shard_iterator;
};

}  // namespace tablestream

#endif  // TABLESTREAM_STREAM_H_
