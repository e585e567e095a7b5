// Copyright 2026 The tablestream Authors.
//
// CommitPipeline is the engine's only writer. Threads hand it mutations;
// the first waiting thread becomes the group's leader, takes every mutation
// queued behind it (up to a limit), applies them in queue order into one
// rocksdb::WriteBatchWithIndex, writes that batch with one WAL write (synced
// if any mutation of the group asked for durability), then publishes the
// sequence numbers the group allocated and wakes the group's other threads.
// Writers that arrive while a leader is writing form the next group, so
// concurrent durable writers share one fsync.
//
// This gives, for every sequence log (stream shard):
//  - commit order == sequence order, with no gaps: numbers are allocated
//    while the batch is built and given back if a mutation or the write fails;
//  - readers see a number only after everything below it is in the DB
//    (PublishedNext()).
//
// A failed RocksDB write fails every mutation of its group and moves the
// pipeline into an error state: every later Commit() fails with that error,
// because the state of the disk is unknown. Reopening the engine recovers.
//
// Thread-safe. RegisterLog() is for setup, before the first Commit().

#ifndef TABLESTREAM_WAL_COMMIT_PIPELINE_H_
#define TABLESTREAM_WAL_COMMIT_PIPELINE_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "rocksdb/db.h"
#include "tablestream/clock.h"
#include "wal/mutation.h"

namespace tablestream {

struct CommitPipelineOptions {
  // The most mutations in one group. Default: 1024
  size_t max_group_size = 1024;
  // Source of commit times. Required.
  std::shared_ptr<Clock> clock;
  // Where AddToCounter() counters live (fixed 8-byte big-endian values).
  // Required if any mutation uses counters.
  rocksdb::ColumnFamilyHandle* counters_cf = nullptr;
};

class CommitPipeline {
 public:
  // `db` must outlive the pipeline.
  CommitPipeline(rocksdb::DB* db, CommitPipelineOptions options);
  CommitPipeline(const CommitPipeline&) = delete;
  CommitPipeline& operator=(const CommitPipeline&) = delete;

  // Declares a log whose next number is `next_sequence` (recovered on open).
  void RegisterLog(const SequenceLogId& log, uint64_t next_sequence)
      ABSL_LOCKS_EXCLUDED(mu_);

  // Commit times never go below `micros` (on open: the newest commit time
  // found on disk, so that times stay monotonic if the clock went back).
  void AdvanceCommitTime(int64_t micros) ABSL_LOCKS_EXCLUDED(mu_);

  // Applies and commits `mutation`, blocking until it is committed (OK) or
  // failed. `durable`: acknowledged only once the WAL is synced.
  // The mutation is borrowed until Commit() returns.
  absl::Status Commit(Mutation* mutation, bool durable)
      ABSL_LOCKS_EXCLUDED(mu_);

  // The number the next committed record of `log` will get: every number
  // below it is committed and readable. 0 if the log is unknown.
  uint64_t PublishedNext(const SequenceLogId& log) const
      ABSL_LOCKS_EXCLUDED(mu_);

  // Blocks until PublishedNext(log) > sequence or `deadline` passes (real
  // time, not the engine clock). Returns whether the sequence was published.
  // With `exclusive_commits`, also returns (false) once ExclusiveCommits()
  // exceeds it: a catalog change (a shard closed, a stream disabled) may end
  // the wait, as no record will come to a closed log.
  bool AwaitPublished(const SequenceLogId& log, uint64_t sequence,
                      absl::Time deadline,
                      uint64_t exclusive_commits = UINT64_MAX)
      ABSL_LOCKS_EXCLUDED(mu_);

  // How many exclusive mutations (Mutation::exclusive()) have committed.
  uint64_t ExclusiveCommits() const ABSL_LOCKS_EXCLUDED(mu_);

  // The committed value of a counter (see MutationContext::AddToCounter).
  absl::StatusOr<int64_t> CounterValue(const std::string& key)
      ABSL_LOCKS_EXCLUDED(mu_);

  // OK, or the write error that stopped the pipeline.
  absl::Status health() const ABSL_LOCKS_EXCLUDED(mu_);

  // Counters for tests and benchmarks.
  struct Stats {
    uint64_t groups = 0;         // batches written
    uint64_t mutations = 0;      // mutations committed
    uint64_t synced_groups = 0;  // batches written with sync
  };
  Stats stats() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  struct Writer;
  class GroupContext;

  // Builds and writes the group starting at the queue's front.
  void LeadGroup(std::vector<Writer*>& group) ABSL_LOCKS_EXCLUDED(mu_);
  absl::StatusOr<int64_t> LoadCounter(const std::string& key)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  rocksdb::DB* const db_;
  const CommitPipelineOptions options_;

  mutable absl::Mutex mu_;
  std::deque<Writer*> queue_ ABSL_GUARDED_BY(mu_);
  bool leader_active_ ABSL_GUARDED_BY(mu_) = false;
  absl::flat_hash_map<SequenceLogId, uint64_t> published_next_
      ABSL_GUARDED_BY(mu_);
  // Committed counter values read so far (a cache of the counters CF).
  absl::flat_hash_map<std::string, int64_t> counters_ ABSL_GUARDED_BY(mu_);
  absl::Status health_ ABSL_GUARDED_BY(mu_);
  int64_t last_commit_micros_ ABSL_GUARDED_BY(mu_) = 0;
  Stats stats_ ABSL_GUARDED_BY(mu_);
  uint64_t exclusive_commits_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace tablestream

#endif  // TABLESTREAM_WAL_COMMIT_PIPELINE_H_
