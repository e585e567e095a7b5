// Copyright 2026 The tablestream Authors.

#include "tools/tail.h"

#include <cstdlib>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "api/json_reader.h"
#include "api/stream_json.h"
#include "tablestream/errors.h"
#include "util/status_macros.h"

namespace tablestream {
namespace cli {
namespace {

struct StartPosition {
  ShardIteratorType type = ShardIteratorType::kTrimHorizon;
  std::optional<double> timestamp;
};

constexpr char kAtTimestampPrefix[] = "AT_TIMESTAMP:";

absl::StatusOr<StartPosition> ParseFrom(const std::string& from) {
  StartPosition p;
  if (from == "TRIM_HORIZON") return p;
  if (from == "LATEST") {
    p.type = ShardIteratorType::kLatest;
    return p;
  }
  double seconds = 0;
  if (absl::StartsWith(from, kAtTimestampPrefix) &&
      absl::SimpleAtod(from.substr(sizeof(kAtTimestampPrefix) - 1), &seconds) &&
      seconds >= 0) {
    p.type = ShardIteratorType::kAtTimestamp;
    p.timestamp = seconds;
    return p;
  }
  return ValidationError(absl::StrCat(
      "Invalid --from \"", from,
      "\": expected TRIM_HORIZON, LATEST or AT_TIMESTAMP:<epoch seconds>"));
}

absl::StatusOr<std::string> StreamOf(Engine& engine, const std::string& table) {
  TABLESTREAM_ASSIGN_OR_RETURN(TableDescription d, engine.DescribeTable(table));
  if (!d.latest_stream_arn) {
    return NotFoundError(absl::StrCat("Requested resource not found: Table ",
                                      table, " has no stream"));
  }
  return *d.latest_stream_arn;
}

// Every shard of the stream, in lineage order.
absl::StatusOr<std::vector<Shard>> Shards(Engine& engine,
                                          const std::string& arn) {
  std::vector<Shard> shards;
  DescribeStreamRequest request;
  request.stream_arn = arn;
  while (true) {
    TABLESTREAM_ASSIGN_OR_RETURN(StreamDescription d,
                                 engine.DescribeStream(request));
    for (Shard& s : d.shards) shards.push_back(std::move(s));
    if (!d.last_evaluated_shard_id) return shards;
    request.exclusive_start_shard_id = d.last_evaluated_shard_id;
  }
}

void Print(const std::vector<StreamRecord>& records, std::ostream& out) {
  for (const StreamRecord& record : records) {
    out << api::FormatJson(api::StreamRecordToJson(record), -1) << "\n";
  }
  out.flush();
}

absl::Status TailShards(Engine& engine, const TailOptions& options,
                        const StartPosition& start,
                        const std::atomic<bool>& stop, std::ostream& out) {
  TABLESTREAM_ASSIGN_OR_RETURN(std::string arn,
                               StreamOf(engine, options.table_name));
  TABLESTREAM_ASSIGN_OR_RETURN(std::vector<Shard> shards, Shards(engine, arn));
  if (shards.empty()) return absl::OkStatus();
  const bool latest = start.type == ShardIteratorType::kLatest;
  std::string shard_id = latest ? shards.back().shard_id : shards[0].shard_id;
  GetShardIteratorRequest iterator_request{
      arn, shard_id, start.type, {}, start.timestamp};
  TABLESTREAM_ASSIGN_OR_RETURN(std::string iterator,
                               engine.GetShardIterator(iterator_request));
  while (!stop.load()) {
    GetRecordsRequest read;
    read.shard_iterator = iterator;
    read.wait_millis = options.follow ? options.wait_millis : 0;
    TABLESTREAM_ASSIGN_OR_RETURN(GetRecordsResult page,
                                 engine.GetRecords(read));
    Print(page.records, out);
    if (page.next_shard_iterator) {
      iterator = *page.next_shard_iterator;
      if (page.records.empty() && !options.follow) return absl::OkStatus();
      continue;
    }
    // The end of a closed shard: go on with its child, if any.
    TABLESTREAM_ASSIGN_OR_RETURN(shards, Shards(engine, arn));
    std::optional<std::string> child;
    for (const Shard& s : shards) {
      if (s.parent_shard_id == shard_id) child = s.shard_id;
    }
    if (!child) return absl::OkStatus();  // the stream has ended
    shard_id = *child;
    // A child starts at its first record (or at the time asked for).
    iterator_request.shard_id = shard_id;
    if (iterator_request.shard_iterator_type !=
        ShardIteratorType::kAtTimestamp) {
      iterator_request.shard_iterator_type = ShardIteratorType::kTrimHorizon;
    }
    TABLESTREAM_ASSIGN_OR_RETURN(iterator,
                                 engine.GetShardIterator(iterator_request));
  }
  return absl::OkStatus();
}

absl::Status TailConsumer(Engine& engine, const TailOptions& options,
                          const StartPosition& start,
                          const std::atomic<bool>& stop, std::ostream& out) {
  TABLESTREAM_ASSIGN_OR_RETURN(std::string arn,
                               StreamOf(engine, options.table_name));
  const std::string& name = *options.consumer;
  absl::Status exists = engine.DescribeConsumer({arn, name}).status();
  if (ExceptionName(exists) == kResourceNotFoundException &&
      absl::StrContains(exists.message(), "Consumer")) {
    CreateConsumerRequest create{arn, name, start.type, start.timestamp};
    TABLESTREAM_RETURN_IF_ERROR(engine.CreateConsumer(create).status());
  } else {
    TABLESTREAM_RETURN_IF_ERROR(exists);
  }
  while (!stop.load()) {
    ReadConsumerRequest read;
    read.stream_arn = arn;
    read.consumer_name = name;
    read.wait_millis = options.follow ? options.wait_millis : 0;
    TABLESTREAM_ASSIGN_OR_RETURN(ConsumerBatch batch,
                                 engine.ReadConsumer(read));
    if (batch.records.empty()) {
      if (batch.stream_ended || !options.follow) return absl::OkStatus();
      continue;
    }
    Print(batch.records, out);
    TABLESTREAM_RETURN_IF_ERROR(engine.CheckpointConsumer(
        {arn, name, batch.shard_id,
         batch.records.back().dynamodb.sequence_number}));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status RunTail(Engine& engine, const TailOptions& options,
                     const std::atomic<bool>& stop, std::ostream& out) {
  TABLESTREAM_ASSIGN_OR_RETURN(StartPosition start, ParseFrom(options.from));
  if (options.consumer) {
    return TailConsumer(engine, options, start, stop, out);
  }
  return TailShards(engine, options, start, stop, out);
}

}  // namespace cli
}  // namespace tablestream
