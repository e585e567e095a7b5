// Copyright 2026 The tablestream Authors.
//
// Shard rollover: closes a stream's open shard and opens its child, as
// DynamoDB Streams does every few hours, so that consumers can be tested
// against shard lineage. Options::shard_rollover_records and
// Options::shard_rollover_seconds say when (both 0, the default: never).

#ifndef TABLESTREAM_ENGINE_SHARD_ROLLOVER_H_
#define TABLESTREAM_ENGINE_SHARD_ROLLOVER_H_

#include <cstdint>

#include "engine/table_mutations.h"

namespace tablestream {

// Whether the open shard `shard` is due to roll over at `now_micros`, given
// `published_next`, the sequence its next record would get.
bool ShardRolloverDue(const storage::ShardInfo& shard, uint64_t published_next,
                      int64_t now_micros, uint64_t rollover_records,
                      int64_t rollover_seconds);

// Closes shard `ordinal` of stream `stream_id` at its last committed record
// and opens a child shard (ordinal + 1, ParentShardId the closed shard)
// whose first sequence number follows the parent's last, so that sequence
// numbers grow along the lineage. A no-op if the stream is disabled or that
// shard is no longer its open one (another writer rolled it over).
class RollOverShardMutation : public CatalogMutation {
 public:
  RollOverShardMutation(const EngineContext& context, uint64_t stream_id,
                        uint32_t ordinal)
      : CatalogMutation(context), stream_id_(stream_id), ordinal_(ordinal) {}

  absl::Status Apply(MutationContext& m) override;

 private:
  const uint64_t stream_id_;
  const uint32_t ordinal_;
};

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_SHARD_ROLLOVER_H_
