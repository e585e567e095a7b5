// Copyright 2026 The tablestream Authors.
//
// MappingRunner runs one event source mapping: the deterministic core of
// the trigger runtime. Step() does what is due at the clock's current time:
//
//  1. reads new records of the mapping's current shard from its consumer
//     ("esm-<UUID>"; the consumer walks shards in lineage order, so a parent
//     is finished before its child), and applies FilterCriteria (a filtered
//     record is done at once);
//  2. per sub-queue (ParallelizationFactor; an item key always hashes to the
//     same sub-queue, which is strictly ordered) forms a batch when it is
//     full, its batching window passed, or its tumbling window ended, and
//     invokes the function;
//  3. handles the result as Lambda does: success finishes the batch; a
//     partial failure finishes the records before the lowest failed one and
//     retries from there; a failure is bisected (BisectBatchOnFunctionError,
//     not counted as a retry) or retried after a backoff, until
//     MaximumRetryAttempts or MaximumRecordAgeInSeconds gives it up, which
//     writes the on-failure record. A failing batch blocks its sub-queue;
//  4. moves the checkpoint over the finished prefix of the shard, committing
//     the handlers' writes and on-failure records in the same write batch
//     (Engine::CommitWithCheckpoint), at most 100 writes per commit.
//
// Record state lives in memory; after a crash everything after the
// checkpoint is delivered again (at-least-once; writes exactly-once).
//
// Thread-safe: every method locks the runner.

#ifndef TABLESTREAM_TRIGGERS_MAPPING_RUNNER_H_
#define TABLESTREAM_TRIGGERS_MAPPING_RUNNER_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "tablestream/engine.h"
#include "tablestream/triggers.h"
#include "triggers/dead_letters.h"
#include "triggers/filter_criteria.h"
#include "triggers/trigger_function.h"

namespace tablestream {
namespace triggers {

struct RunnerSettings {
  std::shared_ptr<Clock> clock;
  int64_t initial_backoff_micros = 1000000;
  int64_t max_backoff_micros = 60000000;
};

struct StepResult {
  int invocations = 0;
  int records_read = 0;
  bool committed = false;
  // Nothing buffered: every record read so far is checkpointed.
  bool drained = true;
  // The earliest clock time at which a waiting batch becomes due.
  std::optional<int64_t> next_due_micros;

  bool progressed() const {
    return invocations > 0 || records_read > 0 || committed;
  }
};

class MappingRunner {
 public:
  // `function` may be null: the mapping is then skipped (its handler is not
  // registered in this process).
  MappingRunner(Engine* engine, RunnerSettings settings,
                EventSourceMapping mapping,
                std::unique_ptr<TriggerFunction> function);

  // Replaces the configuration (and function); forgets what is buffered, so
  // that the new settings apply from the checkpoint on.
  void Reconfigure(EventSourceMapping mapping,
                   std::unique_ptr<TriggerFunction> function)
      ABSL_LOCKS_EXCLUDED(mu_);

  StepResult Step() ABSL_LOCKS_EXCLUDED(mu_);

  // The mapping with its metrics and processing result.
  EventSourceMapping Snapshot() ABSL_LOCKS_EXCLUDED(mu_);
  // Whether the mapping runs here (enabled, function available).
  bool runnable() ABSL_LOCKS_EXCLUDED(mu_);

  const std::string& consumer_name() const { return consumer_name_; }
  // Fixed for the mapping's life (UpdateEventSourceMapping cannot change it).
  const std::string& event_source_arn() const { return event_source_arn_; }

 private:
  struct Entry {
    StreamRecord record;
    size_t queue = 0;
    int64_t seen_micros = 0;
    int64_t window_start = 0;  // epoch seconds, tumbling windows only
    bool planned = false;      // part of a planned batch
    bool done = false;
    bool held = false;  // done, but its tumbling window is still open
    std::vector<ConsumerWrite> writes;  // committed with the checkpoint
  };
  struct Batch {
    std::vector<std::string> sequence_numbers;
    bool final_window_invoke = false;
    int64_t window_start = 0;
  };
  struct Queue {
    std::deque<Batch> planned;  // front: the batch being tried
    int attempts = 0;           // failed invocations of the front batch
    int invoke_count = 0;       // invocations of the front batch
    int64_t not_before_micros = 0;
    std::string last_error;
    // Tumbling window.
    std::optional<int64_t> window_start;
    std::string window_state = "{}";
  };

  void ResetLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status Refill(StepResult* result) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void AddRecord(StreamRecord record, int64_t now)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Runs queue `q` until it has nothing due, committing after each batch.
  absl::Status RunQueue(size_t q, StepResult* result)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Plans the next batch of queue `q` if one is due; false otherwise.
  bool PlanBatch(size_t q, int64_t now, StepResult* result)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void InvokeFront(size_t q, int64_t now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void FinishRecords(const std::vector<std::string>& sequence_numbers,
                     std::vector<ConsumerWrite> writes)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Fail(size_t q, int64_t now, const std::string& error)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void GiveUp(size_t q, int64_t now, const std::string& condition)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // After the final invoke of the front batch's window (or giving it up):
  // its records may be checkpointed, its state is dropped.
  void CloseWindow(size_t q) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void PopFront(size_t q) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status CommitDonePrefix(StepResult* result)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  Entry* Find(const std::string& sequence_number)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  int64_t BackoffMicros(int attempts) const;

  Engine* const engine_;
  const RunnerSettings settings_;
  const std::string consumer_name_;
  const std::string event_source_arn_;

  absl::Mutex mu_;
  EventSourceMapping mapping_ ABSL_GUARDED_BY(mu_);
  std::unique_ptr<TriggerFunction> function_ ABSL_GUARDED_BY(mu_);
  std::optional<FilterCriteria> filter_ ABSL_GUARDED_BY(mu_);
  std::string shard_id_ ABSL_GUARDED_BY(mu_);
  std::deque<Entry> buffer_ ABSL_GUARDED_BY(mu_);  // from the checkpoint
  std::vector<Queue> queues_ ABSL_GUARDED_BY(mu_);
  // After a failed commit or read: nothing before this time.
  int64_t paused_until_micros_ ABSL_GUARDED_BY(mu_) = 0;
  int pause_count_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_MAPPING_RUNNER_H_
