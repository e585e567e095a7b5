// Copyright 2026 The tablestream Authors.
//
// Retention: trim horizons, expired streams and shards, shard rollover, and
// the retention pass.

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "engine/engine_impl.h"
#include "engine/shard_rollover.h"
#include "stream/retention.h"
#include "stream/stream_keys.h"
#include "tablestream/errors.h"
#include "util/status_macros.h"

namespace tablestream {

int64_t EngineImpl::RetentionCutoffMicros() const {
  return options_.clock->NowMicros() -
         options_.stream_retention_seconds * 1000000;
}

uint64_t EngineImpl::ShardEnd(const storage::StreamInfo& stream,
                              const storage::ShardInfo& shard) const {
  if (shard.closed()) return shard.last_sequence() + 1;
  return pipeline_->PublishedNext(
      ShardLogId(stream.stream_id(), shard.ordinal()));
}

absl::StatusOr<uint64_t> EngineImpl::ShardTrim(
    const storage::StreamInfo& stream, const storage::ShardInfo& shard) const {
  const SequenceLogId log = ShardLogId(stream.stream_id(), shard.ordinal());
  const uint64_t end = ShardEnd(stream, shard);
  const uint64_t trim = std::max(trims_->Get(log), shard.first_sequence());
  if (trim >= end) return end;
  // Records are in time order: find the first one that has not expired.
  TABLESTREAM_ASSIGN_OR_RETURN(
      uint64_t first_live,
      FirstRecordCreatedAtOrAfter(db_.get(), context_.stream_cf,
                                  stream.stream_id(), shard.ordinal(), trim,
                                  end, RetentionCutoffMicros() + 1));
  const std::optional<uint64_t> hold = ConsumerHold(stream, shard);
  if (hold && *hold < first_live) {
    // Keep what the slowest consumer has not processed, up to the cap.
    TABLESTREAM_ASSIGN_OR_RETURN(
        const uint64_t first_below_cap,
        FirstRecordCreatedAtOrAfter(
            db_.get(), context_.stream_cf, stream.stream_id(), shard.ordinal(),
            trim, first_live,
            options_.clock->NowMicros() -
                options_.consumer_retention_cap_seconds * 1000000 + 1));
    first_live = std::max(first_below_cap, *hold);
  }
  return trims_->Advance(log, first_live);
}

std::optional<uint64_t> EngineImpl::ConsumerHold(
    const storage::StreamInfo& stream, const storage::ShardInfo& shard) const {
  if (options_.consumer_retention_cap_seconds <= 0) return std::nullopt;
  return consumers_->MinPosition(stream.stream_id(), shard);
}

bool EngineImpl::StreamExpired(const storage::StreamInfo& stream) const {
  // Every record of a disabled stream was written before it was disabled.
  if (stream.enabled() ||
      stream.disabled_time_micros() > RetentionCutoffMicros()) {
    return false;
  }
  if (options_.consumer_retention_cap_seconds <= 0) return true;
  for (const storage::ShardInfo& shard : stream.shards()) {
    if (shard.closed() && !ShardExpired(stream, shard)) return false;
  }
  return true;
}

bool EngineImpl::ShardExpired(const storage::StreamInfo& stream,
                              const storage::ShardInfo& shard) const {
  if (!shard.closed() || shard.closed_time_micros() > RetentionCutoffMicros()) {
    return false;
  }
  // A consumer that has not finished the shard holds it, up to the cap.
  const std::optional<uint64_t> hold = ConsumerHold(stream, shard);
  return !hold || *hold > shard.last_sequence() ||
         shard.closed_time_micros() <=
             options_.clock->NowMicros() -
                 options_.consumer_retention_cap_seconds * 1000000;
}

absl::Status EngineImpl::MaybeRollOverShard(const storage::TableInfo& table) {
  if (options_.shard_rollover_records == 0 &&
      options_.shard_rollover_seconds == 0) {
    return absl::OkStatus();
  }
  if (!table.stream_enabled()) return absl::OkStatus();
  std::shared_ptr<const StreamState> stream =
      catalog_->FindStream(table.latest_stream_id());
  if (stream == nullptr || stream->info.shards_size() == 0) {
    return absl::OkStatus();
  }
  const storage::StreamInfo& info = stream->info;
  const storage::ShardInfo& open = info.shards(info.shards_size() - 1);
  if (!ShardRolloverDue(open,
                        pipeline_->PublishedNext(
                            ShardLogId(info.stream_id(), open.ordinal())),
                        options_.clock->NowMicros(),
                        options_.shard_rollover_records,
                        options_.shard_rollover_seconds)) {
    return absl::OkStatus();
  }
  RollOverShardMutation mutation(context_, info.stream_id(), open.ordinal());
  return pipeline_->Commit(&mutation, /*durable=*/true);
}

absl::Status EngineImpl::TrimExpiredRecords() {
  // Streams of idle tables roll over by age here.
  for (const std::string& name : catalog_->TableNames()) {
    std::shared_ptr<const TableState> table = catalog_->FindTable(name);
    if (table != nullptr) {
      TABLESTREAM_RETURN_IF_ERROR(MaybeRollOverShard(table->info));
    }
  }
  for (const auto& stream : catalog_->Streams()) {
    for (const storage::ShardInfo& shard : stream->info.shards()) {
      const SequenceLogId log =
          ShardLogId(stream->info.stream_id(), shard.ordinal());
      TABLESTREAM_ASSIGN_OR_RETURN(const uint64_t trim,
                                   ShardTrim(stream->info, shard));
      // An open shard keeps its last record: on open, the shard's next
      // sequence number is one past it.
      const uint64_t end = ShardEnd(stream->info, shard);
      const uint64_t reclaim =
          shard.closed() || end == shard.first_sequence()
              ? trim
              : std::min(trim, end - 1);
      const uint64_t reclaimed = trims_->GetReclaim(log);
      if (reclaim <= reclaimed) continue;
      // Only the range not reclaimed before; the point moves once it is.
      TABLESTREAM_RETURN_IF_ERROR(ReclaimBelow(
          db_.get(), context_.stream_cf, stream->info.stream_id(),
          shard.ordinal(), reclaimed, reclaim));
      trims_->AdvanceReclaim(log, reclaim);
    }
  }
  // Transactions' ClientRequestTokens live 10 minutes.
  return DeleteExpiredTokens();
}

absl::Status EngineImpl::InitTrimPoints() {
  // Everything below a shard's first stored record was reclaimed before.
  for (const auto& stream : catalog_->Streams()) {
    for (const storage::ShardInfo& shard : stream->info.shards()) {
      TABLESTREAM_ASSIGN_OR_RETURN(
          std::optional<uint64_t> first,
          FirstStoredRecord(db_.get(), context_.stream_cf,
                            stream->info.stream_id(), shard.ordinal()));
      trims_->AdvanceReclaim(
          ShardLogId(stream->info.stream_id(), shard.ordinal()),
          first ? *first : ShardEnd(stream->info, shard));
    }
  }
  return absl::OkStatus();
}

void EngineImpl::RetentionLoop() {
  const absl::Duration period =
      absl::Seconds(options_.retention_interval_seconds);
  auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(retention_mu_) {
    return stopping_;
  };
  absl::MutexLock lock(&retention_mu_);
  while (!retention_mu_.AwaitWithTimeout(absl::Condition(&stopping), period)) {
    retention_mu_.Unlock();
    absl::Status s = TrimExpiredRecords();
    if (s.ok()) s = DeleteExpiredItems().status();
    if (!s.ok()) {
      // The next pass retries; readers never return expired records
      // whatever happens here.
      rocksdb::Log(rocksdb::InfoLogLevel::ERROR_LEVEL,
                   db_->GetDBOptions().info_log,
                   "tablestream retention or TTL pass failed: %s",
                   std::string(s.message()).c_str());
    }
    retention_mu_.Lock();
    ++retention_passes_;
  }
}

bool EngineImpl::AwaitRetentionPasses(int passes, absl::Duration timeout) {
  auto done = [this, passes]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(retention_mu_) {
    return retention_passes_ >= passes;
  };
  absl::MutexLock lock(&retention_mu_);
  return retention_mu_.AwaitWithTimeout(absl::Condition(&done), timeout);
}

}  // namespace tablestream
