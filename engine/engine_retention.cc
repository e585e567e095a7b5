// Copyright 2026 The tablestream Authors.
//
// Retention: trim horizons, expired streams, and the retention pass.

#include "absl/strings/str_cat.h"
#include "engine/engine_impl.h"
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
                                  end, RetentionCutoffMicros()));
  return trims_->Advance(log, first_live);
}

bool EngineImpl::StreamExpired(const storage::StreamInfo& stream) const {
  // Every record of a disabled stream was written before it was disabled.
  return !stream.enabled() &&
         stream.disabled_time_micros() <= RetentionCutoffMicros();
}

absl::Status EngineImpl::TrimExpiredRecords() {
  for (const auto& stream : catalog_->Streams()) {
    for (const storage::ShardInfo& shard : stream->info.shards()) {
      const SequenceLogId log =
          ShardLogId(stream->info.stream_id(), shard.ordinal());
      const uint64_t before = trims_->Get(log);
      TABLESTREAM_ASSIGN_OR_RETURN(uint64_t trim,
                                   ShardTrim(stream->info, shard));
      if (trim <= before && before != 0) continue;  // nothing new expired
      TABLESTREAM_RETURN_IF_ERROR(ReclaimBelow(db_.get(), context_.stream_cf,
                                               stream->info.stream_id(),
                                               shard.ordinal(), trim));
    }
  }
  return absl::OkStatus();
}

}  // namespace tablestream
