// Copyright 2026 The tablestream Authors.
//
// The commit-pipeline mutations that change consumers (the checkpoints
// column family). Each checks its preconditions against the column family
// as its commit group sees it, so concurrent calls on one consumer are
// serialized by the pipeline; after the group commits, each installs the
// consumer's new state in the ConsumerRegistry.
//
// CheckpointMutation can carry item mutations: the consumer's own writes,
// committed with the checkpoint in the same batch (exactly-once effects).

#ifndef TABLESTREAM_ENGINE_CONSUMER_MUTATIONS_H_
#define TABLESTREAM_ENGINE_CONSUMER_MUTATIONS_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/engine_context.h"
#include "engine/item_mutation.h"
#include "stream/consumer_registry.h"
#include "wal/mutation.h"

namespace tablestream {

// ResourceNotFoundException for a consumer that does not exist.
absl::Status ConsumerNotFound(const std::string& name);

// Creates a consumer with explicit positions. ResourceInUseException if it
// exists.
class CreateConsumerMutation : public Mutation {
 public:
  CreateConsumerMutation(const EngineContext& context, uint64_t stream_id,
                         ConsumerState state)
      : ctx_(context), stream_id_(stream_id), state_(std::move(state)) {}
  absl::Status Apply(MutationContext& m) override;
  void Committed() override;

 private:
  const EngineContext ctx_;
  const uint64_t stream_id_;
  ConsumerState state_;
};

// Deletes a consumer and its checkpoints in shards `ordinals`.
// ResourceNotFoundException if it does not exist.
class DeleteConsumerMutation : public Mutation {
 public:
  DeleteConsumerMutation(const EngineContext& context, uint64_t stream_id,
                         std::string name, std::vector<uint32_t> ordinals)
      : ctx_(context),
        stream_id_(stream_id),
        name_(std::move(name)),
        ordinals_(std::move(ordinals)) {}
  absl::Status Apply(MutationContext& m) override;
  void Committed() override;

 private:
  const EngineContext ctx_;
  const uint64_t stream_id_;
  const std::string name_;
  const std::vector<uint32_t> ordinals_;
};

// Sets positions of an existing consumer in any direction (a reset), and
// appends skipped ranges to its record.
class ResetConsumerMutation : public Mutation {
 public:
  ResetConsumerMutation(const EngineContext& context, uint64_t stream_id,
                        std::string name,
                        std::map<uint32_t, uint64_t> positions,
                        std::vector<storage::SkippedRangeProto> skipped)
      : ctx_(context),
        stream_id_(stream_id),
        name_(std::move(name)),
        positions_(std::move(positions)),
        skipped_(std::move(skipped)) {}
  absl::Status Apply(MutationContext& m) override;
  void Committed() override;

 private:
  const EngineContext ctx_;
  const uint64_t stream_id_;
  const std::string name_;
  const std::map<uint32_t, uint64_t> positions_;
  const std::vector<storage::SkippedRangeProto> skipped_;
  storage::ConsumerInfo info_;  // as written
};

// Moves one shard position of an existing consumer forward to `next`, and
// applies `writes` in the same batch.
class CheckpointMutation : public Mutation {
 public:
  struct Spec {
    uint64_t stream_id = 0;
    std::string name;
    uint32_t shard_ordinal = 0;
    uint64_t shard_first_sequence = 0;  // the position without a checkpoint
    uint64_t next = 0;
    // Set: the position must be exactly this (the batch's first record).
    std::optional<uint64_t> expected;
    // Whether `next` equal to the position is refused (a commit with writes
    // must move forward, or the writes could apply twice).
    bool must_advance = false;
    std::vector<std::unique_ptr<ItemMutation>> writes;
  };
  CheckpointMutation(const EngineContext& context, Spec spec)
      : ctx_(context), spec_(std::move(spec)) {}
  absl::Status Apply(MutationContext& m) override;
  void Committed() override;

 private:
  const EngineContext ctx_;
  Spec spec_;
};

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_CONSUMER_MUTATIONS_H_
