// Copyright 2026 The tablestream Authors.
//
// Stream read operations.

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "engine/engine_impl.h"
#include "engine/stream_lookup.h"
#include "stream/retention.h"
#include "stream/shard_iterator.h"
#include "stream/shard_reader.h"
#include "stream/stream_keys.h"
#include "tablestream/errors.h"
#include "util/absl_compat.h"
#include "util/status_macros.h"

namespace tablestream {

absl::StatusOr<ListStreamsResult> EngineImpl::ListStreams(
    const ListStreamsRequest& request) {
  TABLESTREAM_RETURN_IF_ERROR(CheckLimit(request.limit, 100));
  if (request.exclusive_start_stream_arn) {
    TABLESTREAM_RETURN_IF_ERROR(
        CheckStreamArn(*request.exclusive_start_stream_arn));
  }
  const size_t limit = static_cast<size_t>(request.limit.value_or(100));
  ListStreamsResult result;
  for (const auto& stream : catalog_->Streams()) {
    if (request.table_name &&
        stream->info.table_name() != *request.table_name) {
      continue;
    }
    if (StreamExpired(stream->info)) continue;
    if (request.exclusive_start_stream_arn &&
        stream->arn <= *request.exclusive_start_stream_arn) {
      continue;
    }
    if (result.streams.size() == limit) {
      result.last_evaluated_stream_arn = result.streams.back().stream_arn;
      break;
    }
    result.streams.push_back(
        {stream->arn, stream->info.table_name(), stream->info.label()});
  }
  return result;
}

absl::StatusOr<StreamDescription> EngineImpl::DescribeStream(
    const DescribeStreamRequest& request) {
  TABLESTREAM_RETURN_IF_ERROR(CheckStreamArn(request.stream_arn));
  TABLESTREAM_RETURN_IF_ERROR(CheckLimit(request.limit, 100));
  std::shared_ptr<const StreamState> stream =
      catalog_->FindStreamByArn(request.stream_arn);
  if (stream == nullptr || StreamExpired(stream->info)) {
    return StreamNotFound(request.stream_arn);
  }
  const storage::StreamInfo& info = stream->info;
  StreamDescription d;
  d.stream_arn = stream->arn;
  d.stream_label = info.label();
  d.stream_status = info.enabled() ? "ENABLED" : "DISABLED";
  d.stream_view_type = static_cast<StreamViewType>(info.view_type());
  d.creation_request_date_time =
      static_cast<double>(info.creation_time_micros()) / 1e6;
  d.table_name = info.table_name();
  for (const auto& e : info.key_schema()) {
    d.key_schema.push_back(
        {e.attribute_name(), static_cast<KeyType>(e.key_type())});
  }
  // Shards in lineage order (parents before children); a closed shard whose
  // records have all expired is gone, as DynamoDB removes it.
  const size_t limit = static_cast<size_t>(request.limit.value_or(100));
  bool started = !request.exclusive_start_shard_id.has_value();
  for (const storage::ShardInfo& s : info.shards()) {
    if (!started) {
      started = s.shard_id() == *request.exclusive_start_shard_id;
      continue;
    }
    if (ShardExpired(info, s)) continue;
    if (d.shards.size() == limit) {
      d.last_evaluated_shard_id = d.shards.back().shard_id;
      break;
    }
    TABLESTREAM_ASSIGN_OR_RETURN(const uint64_t trim, ShardTrim(info, s));
    Shard shard;
    shard.shard_id = s.shard_id();
    // What is left: the range starts at the trim horizon. An empty closed
    // shard shows its range as [first, first].
    uint64_t starting = std::max(s.first_sequence(), trim);
    if (s.closed()) {
      const uint64_t ending = std::max(s.first_sequence(), s.last_sequence());
      starting = std::min(starting, ending);
      shard.sequence_number_range.ending_sequence_number =
          FormatSequenceNumber(ending);
    }
    shard.sequence_number_range.starting_sequence_number =
        FormatSequenceNumber(starting);
    if (!s.parent_shard_id().empty()) {
      shard.parent_shard_id = s.parent_shard_id();
    }
    d.shards.push_back(std::move(shard));
  }
  return d;
}

absl::StatusOr<std::string> EngineImpl::GetShardIterator(
    const GetShardIteratorRequest& request) {
  TABLESTREAM_RETURN_IF_ERROR(CheckStreamArn(request.stream_arn));
  const ShardIteratorType type = request.shard_iterator_type;
  const bool needs_sequence = type == ShardIteratorType::kAtSequenceNumber ||
                              type == ShardIteratorType::kAfterSequenceNumber;
  const bool needs_timestamp = type == ShardIteratorType::kAtTimestamp;
  if (needs_sequence != request.sequence_number.has_value()) {
    return ValidationError(absl::StrCat(
        "SequenceNumber is required with AT_SEQUENCE_NUMBER and "
        "AFTER_SEQUENCE_NUMBER and refused with the other types; the "
        "request has ShardIteratorType ",
        ShardIteratorTypeName(type),
        request.sequence_number ? " and a SequenceNumber"
                                : " and no SequenceNumber"));
  }
  if (needs_timestamp != request.timestamp.has_value()) {
    return ValidationError(absl::StrCat(
        "Timestamp is required with AT_TIMESTAMP and refused with the other "
        "types; the request has ShardIteratorType ",
        ShardIteratorTypeName(type),
        request.timestamp ? " and a Timestamp" : " and no Timestamp"));
  }
  if (request.timestamp && !std::isfinite(*request.timestamp)) {
    return ValidationError(
        "Timestamp must be a finite number of seconds since the epoch");
  }
  std::optional<uint64_t> sequence;
  if (request.sequence_number) {
    TABLESTREAM_ASSIGN_OR_RETURN(sequence,
                                 ParseSequenceNumber(*request.sequence_number));
  }
  std::shared_ptr<const StreamState> stream =
      catalog_->FindStreamByArn(request.stream_arn);
  if (stream == nullptr || StreamExpired(stream->info)) {
    return StreamNotFound(request.stream_arn);
  }
  const storage::ShardInfo* shard = FindShard(stream->info, request.shard_id);
  if (shard == nullptr || ShardExpired(stream->info, *shard)) {
    return NotFoundError(absl::StrCat(
        "Requested resource not found: Shard ", request.shard_id,
        " does not exist in stream ", request.stream_arn));
  }
  const uint64_t first = shard->first_sequence();
  const uint64_t end = ShardEnd(stream->info, *shard);  // one past the last
  TABLESTREAM_ASSIGN_OR_RETURN(const uint64_t trim,
                               ShardTrim(stream->info, *shard));

  ShardPosition position;
  position.stream_id = stream->info.stream_id();
  position.shard_ordinal = shard->ordinal();
  position.issued_micros = options_.clock->NowMicros();
  switch (type) {
    case ShardIteratorType::kTrimHorizon:
      position.next_sequence = trim;
      break;
    case ShardIteratorType::kLatest:
      position.next_sequence = end;
      break;
    case ShardIteratorType::kAtSequenceNumber:
    case ShardIteratorType::kAfterSequenceNumber: {
      const bool at = type == ShardIteratorType::kAtSequenceNumber;
      // AT an open shard's next number is allowed: it waits for that record.
      const uint64_t highest = at && !shard->closed() ? end : end - 1;
      if (!sequence || *sequence < first || *sequence > highest) {
        return SequenceOutOfRange(*request.sequence_number, first,
                                  std::max(first, end - 1));
      }
      if (*sequence < trim) {
        return Trimmed(absl::StrCat(
            "sequence number ", *request.sequence_number,
            " is below the shard's trim horizon ", FormatSequenceNumber(trim),
            ": records older than ", options_.stream_retention_seconds,
            " seconds are trimmed"));
      }
      position.next_sequence = at ? *sequence : *sequence + 1;
      break;
    }
    case ShardIteratorType::kAtTimestamp: {
      // Clamped: a timestamp beyond int64 microseconds (1e300) is still
      // before the first record or after the last.
      const double ceiling = std::ceil(*request.timestamp * 1e6);
      const int64_t micros =
          ceiling <= -9.2e18  ? std::numeric_limits<int64_t>::min()
          : ceiling >= 9.2e18 ? std::numeric_limits<int64_t>::max()
                              : static_cast<int64_t>(ceiling);
      TABLESTREAM_ASSIGN_OR_RETURN(
          position.next_sequence,
          FirstRecordCreatedAtOrAfter(db_.get(), context_.stream_cf,
                                      stream->info.stream_id(),
                                      shard->ordinal(), trim, end, micros));
      break;
    }
  }
  return EncodeShardIterator(stream->arn, position);
}

absl::Status EngineImpl::AwaitRecord(const storage::StreamInfo& stream,
                                     const storage::ShardInfo& shard,
                                     uint64_t next, int64_t wait_millis,
                                     uint64_t exclusive_commits) {
  TABLESTREAM_RETURN_IF_ERROR(CheckWait(wait_millis));
  if (wait_millis == 0 || shard.closed()) return absl::OkStatus();
  pipeline_->AwaitPublished(ShardLogId(stream.stream_id(), shard.ordinal()),
                            next, absl::Now() + absl::Milliseconds(wait_millis),
                            exclusive_commits);
  return absl::OkStatus();
}

absl::StatusOr<GetRecordsResult> EngineImpl::GetRecords(
    const GetRecordsRequest& request) {
  TABLESTREAM_RETURN_IF_ERROR(CheckLimit(request.limit, 1000));
  TABLESTREAM_RETURN_IF_ERROR(CheckWait(request.wait_millis));
  // Read before the shard's end, so that a shard closed after it ends the
  // wait below.
  const uint64_t exclusive_commits = pipeline_->ExclusiveCommits();
  TABLESTREAM_ASSIGN_OR_RETURN(ShardPosition position,
                               DecodeShardIterator(request.shard_iterator));
  const int64_t now = options_.clock->NowMicros();
  if (now - position.issued_micros >
      options_.iterator_lifetime_seconds * 1000000) {
    return MakeError(kExpiredIteratorException,
                     absl::StrCat("The provided iterator exceeds the maximum "
                                  "age allowed (iterators expire ",
                                  options_.iterator_lifetime_seconds,
                                  " seconds after they are issued)"));
  }
  std::shared_ptr<const StreamState> stream =
      catalog_->FindStream(position.stream_id);
  const storage::ShardInfo* shard = nullptr;
  if (stream != nullptr) {
    for (const storage::ShardInfo& s : stream->info.shards()) {
      if (s.ordinal() == position.shard_ordinal) shard = &s;
    }
  }
  if (shard == nullptr) {
    return NotFoundError(
        "Requested resource not found: the iterator's stream or shard no "
        "longer exists");
  }

  TABLESTREAM_ASSIGN_OR_RETURN(const uint64_t trim,
                               ShardTrim(stream->info, *shard));
  if (position.next_sequence < trim) {
    return Trimmed(absl::StrCat(
        "the iterator's next record ",
        FormatSequenceNumber(position.next_sequence),
        " expired; the shard's trim horizon is now ",
        FormatSequenceNumber(trim)));
  }

  ShardReadRequest read;
  read.stream_id = position.stream_id;
  read.shard_ordinal = position.shard_ordinal;
  read.from_sequence = position.next_sequence;
  read.end_sequence = ShardEnd(stream->info, *shard);
  if (request.wait_millis > 0 && read.from_sequence >= read.end_sequence &&
      !shard->closed()) {
    TABLESTREAM_RETURN_IF_ERROR(
        AwaitRecord(stream->info, *shard, read.from_sequence,
                    request.wait_millis, exclusive_commits));
    // Read again from the catalog as it is now (the shard may have closed).
    GetRecordsRequest again = request;
    again.wait_millis = 0;
    return GetRecords(again);
  }
  read.limit = static_cast<size_t>(request.limit.value_or(1000));
  read.view_type = static_cast<StreamViewType>(stream->info.view_type());
  read.region = options_.region;
  TABLESTREAM_ASSIGN_OR_RETURN(ShardReadResult records,
                               ReadShard(db_.get(), context_.stream_cf, read));

  GetRecordsResult result;
  result.records = std::move(records.records);
  if (!(shard->closed() && records.next_sequence > shard->last_sequence())) {
    position.next_sequence = records.next_sequence;
    position.issued_micros = now;
    result.next_shard_iterator = EncodeShardIterator(stream->arn, position);
  }
  return result;
}

}  // namespace tablestream
