// Copyright 2026 The tablestream Authors.
//
// ConsumerRegistry is the in-memory view of the checkpoints column family:
// every consumer of every stream with its positions. It is loaded once on
// open; the consumer mutations change the column family and then install
// the new state here from Mutation::Committed(), as the catalog does.
// Mutations check their preconditions against the column family as the
// commit group sees it (MutationContext::Get), not against this view.
//
// Readers get immutable snapshots (shared_ptr<const Consumer>).
//
// Thread-safe.

#ifndef TABLESTREAM_STREAM_CONSUMER_REGISTRY_H_
#define TABLESTREAM_STREAM_CONSUMER_REGISTRY_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "proto/tablestream.pb.h"
#include "rocksdb/db.h"

namespace tablestream {

struct ConsumerState {
  storage::ConsumerInfo info;
  // Shard ordinal -> the next sequence to process, for shards that have a
  // checkpoint. A shard without one starts at its first sequence.
  std::map<uint32_t, uint64_t> positions;

  uint64_t Position(const storage::ShardInfo& shard) const {
    auto it = positions.find(shard.ordinal());
    return it == positions.end() ? shard.first_sequence() : it->second;
  }
};

class ConsumerRegistry {
 public:
  // Loads every consumer and checkpoint of the column family `cf`.
  static absl::StatusOr<std::unique_ptr<ConsumerRegistry>> Load(
      rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf);

  // nullptr if the stream has no such consumer.
  std::shared_ptr<const ConsumerState> Find(uint64_t stream_id,
                                            const std::string& name) const
      ABSL_LOCKS_EXCLUDED(mu_);
  // The stream's consumers, sorted by name.
  std::vector<std::shared_ptr<const ConsumerState>> List(
      uint64_t stream_id) const ABSL_LOCKS_EXCLUDED(mu_);
  // The least position of the stream's consumers in `shard`; nullopt if the
  // stream has no consumer.
  std::optional<uint64_t> MinPosition(uint64_t stream_id,
                                      const storage::ShardInfo& shard) const
      ABSL_LOCKS_EXCLUDED(mu_);

  // Installers, called from Mutation::Committed().
  void Put(uint64_t stream_id, ConsumerState state) ABSL_LOCKS_EXCLUDED(mu_);
  void Remove(uint64_t stream_id, const std::string& name)
      ABSL_LOCKS_EXCLUDED(mu_);

 private:
  using Key = std::pair<uint64_t, std::string>;
  mutable absl::Mutex mu_;
  std::map<Key, std::shared_ptr<const ConsumerState>> consumers_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace tablestream

#endif  // TABLESTREAM_STREAM_CONSUMER_REGISTRY_H_
