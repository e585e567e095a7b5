// Copyright 2026 The tablestream Authors.
//
// Consumer operations: named, checkpointed cursors over a stream (see
// include/tablestream/consumer.h). Positions live in the checkpoints column
// family and, for reads, in the ConsumerRegistry; every change goes through
// the commit pipeline (engine/consumer_mutations.h).

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "engine/consumer_mutations.h"
#include "engine/engine_impl.h"
#include "engine/stream_lookup.h"
#include "stream/consumer_keys.h"
#include "stream/record_codec.h"
#include "stream/retention.h"
#include "stream/shard_reader.h"
#include "stream/stream_keys.h"
#include "tablestream/errors.h"
#include "util/absl_compat.h"
#include "util/rocksdb_status.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

// The most item writes one CommitWithCheckpoint may carry (as
// TransactWriteItems allows).
constexpr size_t kMaxConsumerWrites = 100;

double Seconds(int64_t micros) { return static_cast<double>(micros) / 1e6; }

// ValidationException unless the position type is one of `allowed` and the
// timestamp is given exactly for AT_TIMESTAMP.
absl::Status CheckPositionType(ShardIteratorType type,
                               std::optional<double> timestamp,
                               std::initializer_list<ShardIteratorType> allowed,
                               std::string_view allowed_text) {
  if (std::find(allowed.begin(), allowed.end(), type) == allowed.end()) {
    return ValidationError(
        absl::StrCat("Invalid position ", ShardIteratorTypeName(type),
                     ": allowed are ", AsAbsl(allowed_text)));
  }
  if ((type == ShardIteratorType::kAtTimestamp) != timestamp.has_value()) {
    return ValidationError(
        "Timestamp is required with AT_TIMESTAMP and refused with the other "
        "positions");
  }
  if (timestamp && !(std::isfinite(*timestamp) && *timestamp >= 0)) {
    return ValidationError(absl::StrCat("Invalid Timestamp ", *timestamp,
                                        ": epoch seconds, 0 or more"));
  }
  return absl::OkStatus();
}

storage::SkippedRangeProto Skipped(uint32_t ordinal, uint64_t first,
                                   uint64_t end, int64_t now,
                                   std::string reason) {
  storage::SkippedRangeProto range;
  range.set_shard_ordinal(ordinal);
  range.set_first_sequence(first);
  range.set_last_sequence(end - 1);
  range.set_skipped_time_micros(now);
  range.set_reason(std::move(reason));
  return range;
}

}  // namespace

absl::StatusOr<EngineImpl::ConsumerTarget> EngineImpl::FindConsumer(
    const std::string& stream_arn, const std::string& name) const {
  TABLESTREAM_RETURN_IF_ERROR(CheckStreamArn(stream_arn));
  TABLESTREAM_RETURN_IF_ERROR(CheckConsumerName(name));
  ConsumerTarget target;
  target.stream = catalog_->FindStreamByArn(stream_arn);
  if (target.stream == nullptr || StreamExpired(target.stream->info)) {
    return StreamNotFound(stream_arn);
  }
  target.consumer = consumers_->Find(target.stream->info.stream_id(), name);
  if (target.consumer == nullptr) return ConsumerNotFound(name);
  return target;
}

absl::StatusOr<uint64_t> EngineImpl::StartPosition(
    const storage::StreamInfo& stream, const storage::ShardInfo& shard,
    ShardIteratorType type, std::optional<double> timestamp) const {
  if (ShardExpired(stream, shard)) return shard.last_sequence() + 1;
  TABLESTREAM_ASSIGN_OR_RETURN(const uint64_t trim, ShardTrim(stream, shard));
  const uint64_t end = ShardEnd(stream, shard);
  switch (type) {
    case ShardIteratorType::kLatest:
      return end;
    case ShardIteratorType::kAtTimestamp:
      return FirstRecordCreatedAtOrAfter(
          db_.get(), context_.stream_cf, stream.stream_id(), shard.ordinal(),
          trim, end, static_cast<int64_t>(std::ceil(*timestamp * 1e6)));
    default:
      return trim;
  }
}

absl::StatusOr<ConsumerDescription> EngineImpl::CreateConsumer(
    const CreateConsumerRequest& request) {
  TABLESTREAM_RETURN_IF_ERROR(CheckStreamArn(request.stream_arn));
  TABLESTREAM_RETURN_IF_ERROR(CheckConsumerName(request.consumer_name));
  TABLESTREAM_RETURN_IF_ERROR(CheckPositionType(
      request.starting_position, request.timestamp,
      {ShardIteratorType::kTrimHorizon, ShardIteratorType::kLatest,
       ShardIteratorType::kAtTimestamp},
      "TRIM_HORIZON, LATEST, AT_TIMESTAMP"));
  std::shared_ptr<const StreamState> stream =
      catalog_->FindStreamByArn(request.stream_arn);
  if (stream == nullptr || StreamExpired(stream->info)) {
    return StreamNotFound(request.stream_arn);
  }
  ConsumerState state;
  state.info.set_name(request.consumer_name);
  for (const storage::ShardInfo& shard : stream->info.shards()) {
    TABLESTREAM_ASSIGN_OR_RETURN(
        state.positions[shard.ordinal()],
        StartPosition(stream->info, shard, request.starting_position,
                      request.timestamp));
  }
  CreateConsumerMutation mutation(context_, stream->info.stream_id(),
                                  std::move(state));
  TABLESTREAM_RETURN_IF_ERROR(pipeline_->Commit(&mutation, /*durable=*/true));
  return DescribeConsumer({request.stream_arn, request.consumer_name});
}

absl::StatusOr<ListConsumersResult> EngineImpl::ListConsumers(
    const std::string& stream_arn) {
  TABLESTREAM_RETURN_IF_ERROR(CheckStreamArn(stream_arn));
  std::shared_ptr<const StreamState> stream =
      catalog_->FindStreamByArn(stream_arn);
  if (stream == nullptr || StreamExpired(stream->info)) {
    return StreamNotFound(stream_arn);
  }
  ListConsumersResult result;
  for (const auto& consumer : consumers_->List(stream->info.stream_id())) {
    result.consumers.push_back(
        {consumer->info.name(),
         Seconds(consumer->info.creation_time_micros())});
  }
  return result;
}

absl::StatusOr<ConsumerDescription> EngineImpl::DescribeConsumer(
    const ConsumerId& id) {
  TABLESTREAM_ASSIGN_OR_RETURN(ConsumerTarget target,
                               FindConsumer(id.stream_arn, id.consumer_name));
  return Describe(target);
}

absl::StatusOr<ConsumerDescription> EngineImpl::Describe(
    const ConsumerTarget& target) const {
  const storage::StreamInfo& stream = target.stream->info;
  const ConsumerState& consumer = *target.consumer;
  const int64_t now = options_.clock->NowMicros();
  // A record the consumer has not processed is kept this long.
  const int64_t kept_micros =
      std::max(options_.stream_retention_seconds,
               options_.consumer_retention_cap_seconds) *
      1000000;
  ConsumerDescription d;
  d.stream_arn = target.stream->arn;
  d.consumer_name = consumer.info.name();
  d.creation_date_time = Seconds(consumer.info.creation_time_micros());
  for (const storage::ShardInfo& shard : stream.shards()) {
    const uint64_t position = consumer.Position(shard);
    const bool finished = shard.closed() && position > shard.last_sequence();
    if (ShardExpired(stream, shard) && finished) continue;
    ConsumerShardStatus s;
    s.shard_id = shard.shard_id();
    if (!shard.parent_shard_id().empty()) {
      s.parent_shard_id = shard.parent_shard_id();
    }
    s.next_sequence_number = FormatSequenceNumber(position);
    s.finished = finished;
    TABLESTREAM_ASSIGN_OR_RETURN(const uint64_t trim, ShardTrim(stream, shard));
    const uint64_t end = ShardEnd(stream, shard);
    s.expired = position < trim;
    s.records_behind =
        end > position ? static_cast<int64_t>(end - position) : 0;
    const uint64_t oldest = std::max(position, trim);
    if (oldest < end) {
      TABLESTREAM_ASSIGN_OR_RETURN(
          const int64_t created,
          RecordCreatedMicros(db_.get(), context_.stream_cf, stream.stream_id(),
                              shard.ordinal(), oldest));
      s.lag_seconds = std::max(0.0, Seconds(now - created));
      s.seconds_until_expiry = Seconds(created + kept_micros - now);
    }
    d.records_behind += s.records_behind;
    d.lag_seconds = std::max(d.lag_seconds, s.lag_seconds);
    if (s.seconds_until_expiry &&
        (!d.seconds_until_expiry ||
         *s.seconds_until_expiry < *d.seconds_until_expiry)) {
      d.seconds_until_expiry = s.seconds_until_expiry;
    }
    d.shards.push_back(std::move(s));
  }
  for (const storage::SkippedRangeProto& range : consumer.info.skipped()) {
    SkippedRange r;
    for (const storage::ShardInfo& shard : stream.shards()) {
      if (shard.ordinal() == range.shard_ordinal())
        r.shard_id = shard.shard_id();
    }
    r.first_sequence_number = FormatSequenceNumber(range.first_sequence());
    r.last_sequence_number = FormatSequenceNumber(range.last_sequence());
    r.skipped_date_time = Seconds(range.skipped_time_micros());
    r.reason = range.reason();
    d.skipped_ranges.push_back(std::move(r));
  }
  return d;
}

absl::StatusOr<ConsumerDescription> EngineImpl::ResetConsumer(
    const ResetConsumerRequest& request) {
  TABLESTREAM_RETURN_IF_ERROR(CheckPositionType(
      request.position, request.timestamp,
      {ShardIteratorType::kTrimHorizon, ShardIteratorType::kLatest,
       ShardIteratorType::kAtTimestamp, ShardIteratorType::kAtSequenceNumber},
      "TRIM_HORIZON, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER"));
  const bool at_sequence =
      request.position == ShardIteratorType::kAtSequenceNumber;
  if (at_sequence !=
      (request.shard_id.has_value() && request.sequence_number.has_value())) {
    return ValidationError(
        "ShardId and SequenceNumber are required with AT_SEQUENCE_NUMBER and "
        "refused with the other positions");
  }
  TABLESTREAM_ASSIGN_OR_RETURN(
      ConsumerTarget target,
      FindConsumer(request.stream_arn, request.consumer_name));
  const storage::StreamInfo& stream = target.stream->info;
  const int64_t now = options_.clock->NowMicros();

  // AT_SEQUENCE_NUMBER: the shard and the position in it.
  int target_index = -1;
  uint64_t target_position = 0;
  if (at_sequence) {
    for (int i = 0; i < stream.shards_size(); ++i) {
      if (stream.shards(i).shard_id() == *request.shard_id) target_index = i;
    }
    if (target_index < 0 || ShardExpired(stream, stream.shards(target_index))) {
      return NotFoundError(absl::StrCat(
          "Requested resource not found: Shard ", *request.shard_id,
          " does not exist in stream ", request.stream_arn));
    }
    const storage::ShardInfo& shard = stream.shards(target_index);
    TABLESTREAM_ASSIGN_OR_RETURN(std::optional<uint64_t> sequence,
                                 ParseSequenceNumber(*request.sequence_number));
    const uint64_t end = ShardEnd(stream, shard);
    if (!sequence || *sequence < shard.first_sequence() || *sequence > end) {
      return SequenceOutOfRange(*request.sequence_number,
                                shard.first_sequence(), end);
    }
    TABLESTREAM_ASSIGN_OR_RETURN(const uint64_t trim, ShardTrim(stream, shard));
    if (*sequence < trim) {
      return Trimmed(absl::StrCat("sequence number ", *request.sequence_number,
                                  " is below the shard's trim horizon ",
                                  FormatSequenceNumber(trim)));
    }
    target_position = *sequence;
  }

  std::map<uint32_t, uint64_t> positions;
  std::vector<storage::SkippedRangeProto> skipped;
  for (int i = 0; i < stream.shards_size(); ++i) {
    const storage::ShardInfo& shard = stream.shards(i);
    uint64_t next;
    std::string reason;
    if (at_sequence) {
      // Ancestors count as processed; descendants start at their beginning.
      next = i < target_index    ? shard.last_sequence() + 1
             : i == target_index ? target_position
                                 : shard.first_sequence();
      reason = "reset to AT_SEQUENCE_NUMBER";
    } else {
      TABLESTREAM_ASSIGN_OR_RETURN(
          next,
          StartPosition(stream, shard, request.position, request.timestamp));
      reason =
          absl::StrCat("reset to ", ShardIteratorTypeName(request.position));
    }
    const uint64_t old = target.consumer->Position(shard);
    if (old < next && !(shard.closed() && old > shard.last_sequence())) {
      TABLESTREAM_ASSIGN_OR_RETURN(const uint64_t trim,
                                   ShardTrim(stream, shard));
      if (old < trim) {
        // Records the consumer lost to retention.
        skipped.push_back(Skipped(shard.ordinal(), old, std::min(trim, next),
                                  now, "expired before it was processed"));
      }
      if (std::max(old, trim) < next) {
        skipped.push_back(
            Skipped(shard.ordinal(), std::max(old, trim), next, now, reason));
      }
    }
    positions[shard.ordinal()] = next;
  }
  ResetConsumerMutation mutation(context_, stream.stream_id(),
                                 request.consumer_name, std::move(positions),
                                 std::move(skipped));
  TABLESTREAM_RETURN_IF_ERROR(pipeline_->Commit(&mutation, /*durable=*/true));
  return DescribeConsumer({request.stream_arn, request.consumer_name});
}

absl::Status EngineImpl::DeleteConsumer(const ConsumerId& id) {
  TABLESTREAM_ASSIGN_OR_RETURN(ConsumerTarget target,
                               FindConsumer(id.stream_arn, id.consumer_name));
  std::vector<uint32_t> ordinals;
  for (const storage::ShardInfo& shard : target.stream->info.shards()) {
    ordinals.push_back(shard.ordinal());
  }
  DeleteConsumerMutation mutation(context_, target.stream->info.stream_id(),
                                  id.consumer_name, std::move(ordinals));
  return pipeline_->Commit(&mutation, /*durable=*/true);
}

absl::StatusOr<ConsumerBatch> EngineImpl::ReadConsumer(
    const ReadConsumerRequest& request) {
  TABLESTREAM_RETURN_IF_ERROR(CheckLimit(request.limit, 1000));
  TABLESTREAM_RETURN_IF_ERROR(CheckWait(request.wait_millis));
  // Read before the shard ends below, so that a rollover ends the wait.
  const uint64_t exclusive_commits = pipeline_->ExclusiveCommits();
  TABLESTREAM_ASSIGN_OR_RETURN(
      ConsumerTarget target,
      FindConsumer(request.stream_arn, request.consumer_name));
  const storage::StreamInfo& stream = target.stream->info;
  ConsumerBatch batch;
  // Shards in lineage order: a parent to its end before its child.
  for (const storage::ShardInfo& shard : stream.shards()) {
    const uint64_t position = target.consumer->Position(shard);
    batch.shard_id = shard.shard_id();
    if (shard.closed() && position > shard.last_sequence()) continue;
    TABLESTREAM_ASSIGN_OR_RETURN(const uint64_t trim, ShardTrim(stream, shard));
    const bool all_expired = ShardExpired(stream, shard);
    if (position < trim || all_expired) {
      const uint64_t lost_end = all_expired ? shard.last_sequence() + 1 : trim;
      return Trimmed(absl::StrCat(
          "consumer ", request.consumer_name, " lost records ",
          FormatSequenceNumber(position), " to ",
          FormatSequenceNumber(lost_end - 1), " of shard ", shard.shard_id(),
          ": they expired before it processed them; ResetConsumer moves it "
          "on and records the skipped range"));
    }
    const uint64_t end = ShardEnd(stream, shard);
    if (position >= end) {
      if (request.wait_millis == 0) return batch;
      TABLESTREAM_RETURN_IF_ERROR(AwaitRecord(
          stream, shard, position, request.wait_millis, exclusive_commits));
      ReadConsumerRequest again = request;
      again.wait_millis = 0;
      return ReadConsumer(again);
    }
    ShardReadRequest read;
    read.stream_id = stream.stream_id();
    read.shard_ordinal = shard.ordinal();
    read.from_sequence = position;
    read.end_sequence = end;
    read.limit = static_cast<size_t>(request.limit.value_or(1000));
    read.view_type = static_cast<StreamViewType>(stream.view_type());
    read.region = options_.region;
    TABLESTREAM_ASSIGN_OR_RETURN(
        ShardReadResult records,
        ReadShard(db_.get(), context_.stream_cf, read));
    batch.records = std::move(records.records);
    return batch;
  }
  batch.stream_ended = !stream.enabled();
  return batch;
}

absl::Status EngineImpl::Checkpoint(
    const CheckpointRequest& request,
    std::vector<std::unique_ptr<ItemMutation>> writes,
    std::optional<uint64_t> expected, const WriteOptions& options) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      ConsumerTarget target,
      FindConsumer(request.stream_arn, request.consumer_name));
  const storage::StreamInfo& stream = target.stream->info;
  const storage::ShardInfo* shard = FindShard(stream, request.shard_id);
  if (shard == nullptr) {
    return NotFoundError(
        absl::StrCat("Requested resource not found: Shard ", request.shard_id,
                     " does not exist in stream ", request.stream_arn));
  }
  TABLESTREAM_ASSIGN_OR_RETURN(std::optional<uint64_t> sequence,
                               ParseSequenceNumber(request.sequence_number));
  const uint64_t end = ShardEnd(stream, *shard);
  if (!sequence || *sequence < shard->first_sequence() || *sequence >= end) {
    return ValidationError(absl::StrCat(
        "Checkpoint at ", request.sequence_number,
        " is outside the shard's committed records ",
        FormatSequenceNumber(shard->first_sequence()), " to ",
        end > shard->first_sequence() ? FormatSequenceNumber(end - 1)
                                      : std::string("(none yet)"),
        ": a checkpoint never moves past the end of the stream"));
  }
  // A consumer that lost records is moved on by ResetConsumer only, which
  // records the range; a checkpoint must not skip it silently.
  const uint64_t position = target.consumer->Position(*shard);
  TABLESTREAM_ASSIGN_OR_RETURN(const uint64_t trim, ShardTrim(stream, *shard));
  if (position < trim) {
    return Trimmed(absl::StrCat(
        "consumer ", request.consumer_name, " lost records ",
        FormatSequenceNumber(position), " to ", FormatSequenceNumber(trim - 1),
        " of shard ", shard->shard_id(),
        "; only ResetConsumer moves it on, recording the skipped range"));
  }
  CheckpointMutation::Spec spec;
  spec.stream_id = stream.stream_id();
  spec.name = request.consumer_name;
  spec.shard_ordinal = shard->ordinal();
  spec.shard_first_sequence = shard->first_sequence();
  spec.next = *sequence + 1;
  spec.expected = expected;
  spec.must_advance = !writes.empty();
  spec.writes = std::move(writes);
  for (const auto& write : spec.writes) {
    TABLESTREAM_RETURN_IF_ERROR(MaybeRollOverShard(write->table_info()));
  }
  CheckpointMutation mutation(context_, std::move(spec));
  return pipeline_->Commit(&mutation, Durable(options));
}

absl::Status EngineImpl::CheckpointConsumer(const CheckpointRequest& request) {
  return Checkpoint(request, {}, std::nullopt, {});
}

absl::Status EngineImpl::CommitWithCheckpoint(
    const CommitWithCheckpointRequest& request, const WriteOptions& options) {
  if (request.writes.size() > kMaxConsumerWrites) {
    return ValidationError(
        absl::StrCat("CommitWithCheckpoint has ", request.writes.size(),
                     " writes; the limit is ", kMaxConsumerWrites));
  }
  std::optional<uint64_t> expected;
  if (request.first_sequence_number) {
    TABLESTREAM_ASSIGN_OR_RETURN(
        std::optional<uint64_t> first,
        ParseSequenceNumber(*request.first_sequence_number));
    if (!first) {
      return ValidationError(absl::StrCat("Invalid FirstSequenceNumber ",
                                          *request.first_sequence_number,
                                          ": tablestream never issued it"));
    }
    expected = first;
  }
  std::vector<std::unique_ptr<ItemMutation>> writes;
  for (const ConsumerWrite& write : request.writes) {
    absl::StatusOr<ItemMutation::Spec> spec;
    if (const auto* put = std::get_if<PutItemRequest>(&write)) {
      spec = PreparePut(*put);
    } else if (const auto* update = std::get_if<UpdateItemRequest>(&write)) {
      spec = PrepareUpdate(*update);
    } else {
      spec = PrepareDelete(std::get<DeleteItemRequest>(write));
    }
    TABLESTREAM_RETURN_IF_ERROR(spec.status());
    writes.push_back(
        std::make_unique<ItemMutation>(context_, std::move(*spec)));
  }
  return Checkpoint(request.checkpoint, std::move(writes), expected, options);
}

}  // namespace tablestream
