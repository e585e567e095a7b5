// Copyright 2026 The tablestream Authors.

#include "engine/consumer_mutations.h"

#include "absl/strings/str_cat.h"
#include "stream/consumer_keys.h"
#include "stream/stream_keys.h"
#include "tablestream/errors.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

// The most skipped ranges a consumer record keeps (the oldest go first).
constexpr int kMaxSkippedRanges = 100;

void PutCheckpoint(MutationContext& m, const EngineContext& ctx,
                   uint64_t stream_id, const std::string& name,
                   uint32_t ordinal, uint64_t next) {
  storage::CheckpointInfo checkpoint;
  checkpoint.set_next_sequence(next);
  checkpoint.set_updated_time_micros(m.CommitTimeMicros());
  m.Put(ctx.checkpoints_cf, CheckpointKey(stream_id, name, ordinal),
        checkpoint.SerializeAsString());
}

// The consumer's record as the group sees it; NotFound if absent.
absl::StatusOr<storage::ConsumerInfo> ReadConsumer(MutationContext& m,
                                                   const EngineContext& ctx,
                                                   uint64_t stream_id,
                                                   const std::string& name) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      std::optional<std::string> bytes,
      m.Get(ctx.checkpoints_cf, ConsumerKey(stream_id, name)));
  if (!bytes) return ConsumerNotFound(name);
  storage::ConsumerInfo info;
  if (!info.ParseFromString(*bytes)) {
    return MakeError(kInternalServerError,
                     absl::StrCat("corrupt consumer record ", name));
  }
  return info;
}

}  // namespace

absl::Status ConsumerNotFound(const std::string& name) {
  return NotFoundError(absl::StrCat(
      "Requested resource not found: Consumer ", name,
      " does not exist on this stream (create it with CreateConsumer)"));
}

absl::Status CreateConsumerMutation::Apply(MutationContext& m) {
  const std::string& name = state_.info.name();
  TABLESTREAM_ASSIGN_OR_RETURN(
      std::optional<std::string> existing,
      m.Get(ctx_.checkpoints_cf, ConsumerKey(stream_id_, name)));
  if (existing) {
    return MakeError(
        kResourceInUseException,
        absl::StrCat("Consumer ", name, " already exists on this stream"));
  }
  state_.info.set_creation_time_micros(m.CommitTimeMicros());
  m.Put(ctx_.checkpoints_cf, ConsumerKey(stream_id_, name),
        state_.info.SerializeAsString());
  for (const auto& [ordinal, next] : state_.positions) {
    PutCheckpoint(m, ctx_, stream_id_, name, ordinal, next);
  }
  return absl::OkStatus();
}

void CreateConsumerMutation::Committed() {
  ctx_.consumers->Put(stream_id_, state_);
}

absl::Status DeleteConsumerMutation::Apply(MutationContext& m) {
  TABLESTREAM_RETURN_IF_ERROR(
      ReadConsumer(m, ctx_, stream_id_, name_).status());
  m.Delete(ctx_.checkpoints_cf, ConsumerKey(stream_id_, name_));
  for (uint32_t ordinal : ordinals_) {
    m.Delete(ctx_.checkpoints_cf, CheckpointKey(stream_id_, name_, ordinal));
  }
  return absl::OkStatus();
}

void DeleteConsumerMutation::Committed() {
  ctx_.consumers->Remove(stream_id_, name_);
}

absl::Status ResetConsumerMutation::Apply(MutationContext& m) {
  TABLESTREAM_ASSIGN_OR_RETURN(info_, ReadConsumer(m, ctx_, stream_id_, name_));
  for (const storage::SkippedRangeProto& range : skipped_) {
    *info_.add_skipped() = range;
  }
  if (info_.skipped_size() > kMaxSkippedRanges) {
    info_.mutable_skipped()->DeleteSubrange(
        0, info_.skipped_size() - kMaxSkippedRanges);
  }
  m.Put(ctx_.checkpoints_cf, ConsumerKey(stream_id_, name_),
        info_.SerializeAsString());
  for (const auto& [ordinal, next] : positions_) {
    PutCheckpoint(m, ctx_, stream_id_, name_, ordinal, next);
  }
  return absl::OkStatus();
}

void ResetConsumerMutation::Committed() {
  ConsumerState state;
  if (auto current = ctx_.consumers->Find(stream_id_, name_)) state = *current;
  state.info = info_;
  for (const auto& [ordinal, next] : positions_) {
    state.positions[ordinal] = next;
  }
  ctx_.consumers->Put(stream_id_, std::move(state));
}

absl::Status CheckpointMutation::Apply(MutationContext& m) {
  TABLESTREAM_RETURN_IF_ERROR(
      ReadConsumer(m, ctx_, spec_.stream_id, spec_.name).status());
  TABLESTREAM_ASSIGN_OR_RETURN(
      std::optional<std::string> bytes,
      m.Get(ctx_.checkpoints_cf,
            CheckpointKey(spec_.stream_id, spec_.name, spec_.shard_ordinal)));
  uint64_t current = spec_.shard_first_sequence;
  if (bytes) {
    storage::CheckpointInfo checkpoint;
    if (!checkpoint.ParseFromString(*bytes)) {
      return MakeError(kInternalServerError,
                       absl::StrCat("corrupt checkpoint of ", spec_.name));
    }
    current = checkpoint.next_sequence();
  }
  if (spec_.expected && *spec_.expected != current) {
    return ValidationError(absl::StrCat(
        "Consumer ", spec_.name, " is at ", FormatSequenceNumber(current),
        " in this shard, not at ", FormatSequenceNumber(*spec_.expected),
        " where the batch starts: another instance committed meanwhile; "
        "read again from the checkpoint"));
  }
  if (spec_.next < current || (spec_.must_advance && spec_.next == current)) {
    return ValidationError(absl::StrCat(
        "Checkpoint at ", FormatSequenceNumber(spec_.next - 1),
        " would move consumer ", spec_.name,
        " backwards: it has processed this shard up to ",
        current == 0 ? std::string("nothing")
                     : FormatSequenceNumber(current - 1),
        " already (only ResetConsumer moves a consumer backwards)"));
  }
  for (const auto& write : spec_.writes) {
    TABLESTREAM_RETURN_IF_ERROR(write->Apply(m));
  }
  PutCheckpoint(m, ctx_, spec_.stream_id, spec_.name, spec_.shard_ordinal,
                spec_.next);
  return absl::OkStatus();
}

void CheckpointMutation::Committed() {
  for (const auto& write : spec_.writes) write->Committed();
  ConsumerState state;
  if (auto current = ctx_.consumers->Find(spec_.stream_id, spec_.name)) {
    state = *current;
  }
  state.positions[spec_.shard_ordinal] = spec_.next;
  ctx_.consumers->Put(spec_.stream_id, std::move(state));
}

}  // namespace tablestream
