// Copyright 2026 The tablestream Authors.
//
// TrimPoints holds two points per shard:
//  - the trim point: the first sequence number still readable. Records below
//    it have expired and readers never return them;
//  - the reclaim point (<= the trim point): records below it may be deleted.
//    It stays below an open shard's last record, which is kept so that the
//    shard's next sequence number can be recovered on open.
// The retention task deletes records below the reclaim point, and the stream
// column family's compaction filter drops any it meets.
//
// Both points only move forward. They are not stored: on open, a shard's
// trim and reclaim points are its first stored record (everything below was
// deleted), and expiry moves them on from there.
//
// Thread-safe: readers, the retention task and RocksDB's compaction threads
// share one instance.

#ifndef TABLESTREAM_STREAM_TRIM_POINTS_H_
#define TABLESTREAM_STREAM_TRIM_POINTS_H_

#include <algorithm>
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
    auto it = points_.find(shard);
    return it == points_.end() ? 0 : it->second.trim;
  }

  // The reclaim point of `shard`, 0 if unknown (nothing may be deleted).
  uint64_t GetReclaim(const SequenceLogId& shard) const
      ABSL_LOCKS_EXCLUDED(mu_) {
    absl::ReaderMutexLock lock(&mu_);
    auto it = points_.find(shard);
    return it == points_.end() ? 0 : it->second.reclaim;
  }

  // Moves the trim point of `shard` to `trim` unless it is already there or
  // beyond. Returns the trim point after the call.
  uint64_t Advance(const SequenceLogId& shard, uint64_t trim)
      ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    Points& p = points_[shard];
    p.trim = std::max(p.trim, trim);
    return p.trim;
  }

  // Moves the reclaim point of `shard` to `reclaim` (and the trim point
  // with it if needed) unless it is already there or beyond.
  void AdvanceReclaim(const SequenceLogId& shard, uint64_t reclaim)
      ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    Points& p = points_[shard];
    p.reclaim = std::max(p.reclaim, reclaim);
    p.trim = std::max(p.trim, p.reclaim);
  }

 private:
  struct Points {
    uint64_t trim = 0;
    uint64_t reclaim = 0;
  };
  mutable absl::Mutex mu_;
  absl::flat_hash_map<SequenceLogId, Points> points_ ABSL_GUARDED_BY(mu_);
};

}  // namespace tablestream

#endif  // TABLESTREAM_STREAM_TRIM_POINTS_H_
