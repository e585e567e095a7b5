// Copyright 2026 The tablestream Authors.

#include "engine/shard_rollover.h"

#include <string>

#include "stream/stream_keys.h"
#include "stream/stream_names.h"

namespace tablestream {

bool ShardRolloverDue(const storage::ShardInfo& shard, uint64_t published_next,
                      int64_t now_micros, uint64_t rollover_records,
                      int64_t rollover_seconds) {
  if (shard.closed()) return false;
  if (rollover_records > 0 &&
      published_next >= shard.first_sequence() + rollover_records) {
    return true;
  }
  return rollover_seconds > 0 &&
         now_micros - shard.created_time_micros() >= rollover_seconds * 1000000;
}

absl::Status RollOverShardMutation::Apply(MutationContext& m) {
  std::shared_ptr<const StreamState> stream = ctx_.catalog->FindStream(stream_id_);
  if (stream == nullptr || !stream->info.enabled() ||
      stream->info.shards_size() == 0) {
    return absl::OkStatus();
  }
  storage::StreamInfo info = stream->info;
  storage::ShardInfo& parent = *info.mutable_shards(info.shards_size() - 1);
  if (parent.closed() || parent.ordinal() != ordinal_) return absl::OkStatus();

  const int64_t now = m.CommitTimeMicros();
  const uint64_t next = m.PeekNextSequence(ShardLogId(stream_id_, ordinal_));
  parent.set_closed(true);
  parent.set_closed_time_micros(now);
  parent.set_last_sequence(next - 1);
  const std::string parent_id = parent.shard_id();

  storage::ShardInfo* child = info.add_shards();
  child->set_ordinal(ordinal_ + 1);
  child->set_shard_id(MakeShardId(now, stream_id_, ordinal_ + 1));
  child->set_first_sequence(next);
  child->set_parent_shard_id(parent_id);
  child->set_created_time_micros(now);
  m.CreateLog(ShardLogId(stream_id_, ordinal_ + 1), next);
  StageStream(m, std::move(info));
  return absl::OkStatus();
}

}  // namespace tablestream
