// Copyright 2026 The tablestream Authors.
//
// TrimPoints holds, for every shard, its trim point: the first sequence
// number still readable. Records below it have expired; readers never return
// them, the retention task deletes them, and the stream column family's
// compaction filter drops any it meets.
//
// Trim points only move forward. They are not stored: on open, a shard's
// trim point is its first stored record (everything below was deleted), and
// expiry moves it on from there.
//
// Thread-safe: readers, the retention task and RocksDB's compaction threads
// share one instance.

#ifndef TABLESTREAM_STREAM_TRIM_POINTS_H_
#define TABLESTREAM_STREAM_TRIM_POINTS_H_

#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "wal/mutation.h"

namespace tablestream {

class TrimPoints {
 public:
  // The trim point of `shard`, 0 if unknown (nothing is trimmed).
  uint64_t Get(const SequenceLogId& shard) const ABSL_LOCKS_EXCLUDED(mu_) {
    absl::ReaderMutexLock lock(&mu_);
    auto it = trims_.find(shard);
    return it == trims_.end() ? 0 : it->second;
  }

  // Moves the trim point of `shard` to `trim` unless it is already there or
  // beyond. Returns the trim point after the call.
  uint64_t Advance(const SequenceLogId& shard, uint64_t trim)
      ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    uint64_t& current = trims_[shard];
    if (trim > current) current = trim;
    return current;
  }

 private:
  mutable absl::Mutex mu_;
  absl::flat_hash_map<SequenceLogId, uint64_t> trims_ ABSL_GUARDED_BY(mu_);
};

}  // namespace tablestream

#endif  // TABLESTREAM_STREAM_TRIM_POINTS_H_
