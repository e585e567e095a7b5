// Copyright 2026 The tablestream Authors.
//
// Mutation is one unit of work the commit pipeline applies: a single item
// write, a table creation, a stream switch. wal/ knows nothing of items: a
// mutation stages its own writes through a MutationContext, which lets it
// read what earlier mutations of the same group wrote and allocate stream
// sequence numbers.
//
// The group's leader calls Apply() once, then either Committed() after the
// group's batch is written (and synced if the group is durable), or nothing
// if the mutation failed or the group's write failed. Only one group is
// being built at a time, so mutations of one pipeline never run
// concurrently with each other, though they may run on different threads.

#ifndef TABLESTREAM_WAL_MUTATION_H_
#define TABLESTREAM_WAL_MUTATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rocksdb {
class ColumnFamilyHandle;
}

namespace tablestream {

// Identifies one sequence-numbered log (a stream shard) to the allocator.
// Opaque to wal/: the stream layer builds it (stream id + shard ordinal).
using SequenceLogId = std::string;

class MutationContext {
 public:
  virtual ~MutationContext() = default;

  // Reads `key`, seeing writes staged earlier in this group (by this or
  // earlier mutations). nullopt if absent.
  virtual absl::StatusOr<std::optional<std::string>> Get(
      rocksdb::ColumnFamilyHandle* cf, std::string_view key) = 0;
  virtual void Put(rocksdb::ColumnFamilyHandle* cf, std::string_view key,
                   std::string_view value) = 0;
  virtual void Delete(rocksdb::ColumnFamilyHandle* cf,
                      std::string_view key) = 0;

  // Allocates the next sequence number of `log`. Numbers allocated by a
  // mutation that fails, or by a group whose write fails, are given back, so
  // committed numbers stay contiguous.
  // REQUIRES: `log` was registered with CommitPipeline::RegisterLog.
  virtual uint64_t NextSequence(const SequenceLogId& log) = 0;

  // The number NextSequence(log) would return, without allocating it.
  virtual uint64_t PeekNextSequence(const SequenceLogId& log) = 0;

  // Registers a new log whose first number will be `first_sequence`. Takes
  // effect for later mutations only if this group commits.
  virtual void CreateLog(const SequenceLogId& log, uint64_t first_sequence) = 0;

  // Adds `delta` to the 64-bit counter stored under `key` in the pipeline's
  // counters column family (an absent counter is 0). The pipeline writes
  // each touched counter once per group, so a per-table count costs one
  // write per group, not one per mutation.
  virtual void AddToCounter(const std::string& key, int64_t delta) = 0;

  // The group's commit time, read once from the engine's clock per group, so
  // every record of a group carries the same time and time never runs
  // backwards along the sequence.
  virtual int64_t CommitTimeMicros() const = 0;
};

class Mutation {
 public:
  virtual ~Mutation() = default;

  // Stages this mutation's writes. A non-OK status fails only this mutation:
  // its staged writes and sequence numbers are dropped and the status is
  // returned to its submitter. Must not block.
  virtual absl::Status Apply(MutationContext& context) = 0;

  // Called after the group containing this mutation committed, before the
  // next group is built. For updating in-memory state that later mutations
  // read (the catalog). Default: nothing.
  virtual void Committed() {}

  // Whether this mutation must be committed in a group of its own (catalog
  // changes, so that the in-memory state they change in Committed() is
  // current for every later mutation).
  virtual bool exclusive() const { return false; }
};

}  // namespace tablestream

#endif  // TABLESTREAM_WAL_MUTATION_H_
