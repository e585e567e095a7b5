// Copyright 2026 The tablestream Authors.

#include "wal/commit_pipeline.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "rocksdb/utilities/write_batch_with_index.h"
#include "tablestream/errors.h"
#include "util/key_encoding.h"
#include "util/rocksdb_status.h"

namespace tablestream {

// One waiting Commit() call.
struct CommitPipeline::Writer {
  Writer(Mutation* m, bool d) : mutation(m), durable(d) {}
  Mutation* const mutation;
  const bool durable;
  bool done = false;
  absl::Status status;
  // Signalled when this writer's group is done, or when it is at the front
  // of the queue and no group is being led. A condition variable per writer
  // lets the finishing leader wake the next leader first, before the members
  // of its own group (waking all of them through one mutex condition would
  // put the next leader behind the whole group).
  absl::CondVar wake;
};

// The MutationContext of one group: a WriteBatchWithIndex over the DB, and
// the sequence numbers allocated so far, with an undo point per mutation.
class CommitPipeline::GroupContext : public MutationContext {
 public:
  GroupContext(CommitPipeline* pipeline, int64_t commit_micros)
      : pipeline_(pipeline),
        batch_(rocksdb::BytewiseComparator(), 0, /*overwrite_key=*/true),
        commit_micros_(commit_micros) {}

  absl::StatusOr<std::optional<std::string>> Get(
      rocksdb::ColumnFamilyHandle* cf, std::string_view key) override {
    std::string value;
    rocksdb::Status s = batch_.GetFromBatchAndDB(
        pipeline_->db_, rocksdb::ReadOptions(), cf,
        rocksdb::Slice(key.data(), key.size()), &value);
    if (s.IsNotFound()) return std::nullopt;
    if (!s.ok()) return FromRocksDB(s, "read during commit");
    return value;
  }

  void Put(rocksdb::ColumnFamilyHandle* cf, std::string_view key,
           std::string_view value) override {
    put_status_.Update(
        FromRocksDB(batch_.Put(cf, rocksdb::Slice(key.data(), key.size()),
                               rocksdb::Slice(value.data(), value.size())),
                    "batch put"));
  }

  void Delete(rocksdb::ColumnFamilyHandle* cf, std::string_view key) override {
    put_status_.Update(
        FromRocksDB(batch_.Delete(cf, rocksdb::Slice(key.data(), key.size())),
                    "batch delete"));
  }

  uint64_t NextSequence(const SequenceLogId& log) override {
    auto it = next_.find(log);
    if (it == next_.end()) {
      it = next_.emplace(log, pipeline_->PublishedNext(log)).first;
      sequence_undo_.push_back({log, std::nullopt});
    } else {
      sequence_undo_.push_back({log, it->second});
    }
    return it->second++;
  }

  uint64_t PeekNextSequence(const SequenceLogId& log) override {
    auto it = next_.find(log);
    return it == next_.end() ? pipeline_->PublishedNext(log) : it->second;
  }

  void CreateLog(const SequenceLogId& log, uint64_t first_sequence) override {
    auto it = next_.find(log);
    sequence_undo_.push_back(
        {log, it == next_.end() ? std::nullopt
                                : std::optional<uint64_t>(it->second)});
    next_[log] = first_sequence;
  }

  void AddToCounter(const std::string& key, int64_t delta) override {
    auto it = counters_.find(key);
    if (it == counters_.end()) {
      absl::StatusOr<int64_t> committed = pipeline_->CounterValue(key);
      if (!committed.ok()) {
        put_status_.Update(committed.status());
        return;
      }
      it = counters_.emplace(key, *committed).first;
      counter_undo_.push_back({key, std::nullopt});
    } else {
      counter_undo_.push_back({key, it->second});
    }
    it->second += delta;
  }

  int64_t CommitTimeMicros() const override { return commit_micros_; }

  // Stages the final value of every counter the group touched.
  void StageCounters(rocksdb::ColumnFamilyHandle* cf) {
    for (const auto& [key, value] : counters_) {
      std::string encoded;
      PutFixed64BE(&encoded, static_cast<uint64_t>(value));
      group_status_.Update(
          FromRocksDB(batch_.Put(cf, key, encoded), "batch put of a counter"));
    }
  }
  const absl::flat_hash_map<std::string, int64_t>& counters() const {
    return counters_;
  }

  // Brackets one mutation's Apply().
  void BeginMutation() {
    batch_.SetSavePoint();
    sequence_undo_.clear();
    counter_undo_.clear();
    put_status_ = absl::OkStatus();
  }
  // The mutation's status combined with any staging failure.
  absl::Status EndMutation(absl::Status apply_status) {
    apply_status.Update(put_status_);
    if (apply_status.ok()) {
      rocksdb::Status s = batch_.PopSavePoint();
      (void)s;  // Always OK: a save point was just set.
      return apply_status;
    }
    rocksdb::Status s = batch_.RollbackToSavePoint();
    if (!s.ok()) {
      // Cannot undo this mutation's writes: fail the whole group instead.
      group_status_.Update(FromRocksDB(s, "rollback of a failed mutation"));
    }
    Undo(sequence_undo_, next_);
    Undo(counter_undo_, counters_);
    return apply_status;
  }

  const absl::Status& group_status() const { return group_status_; }

  // Restores `values` to what they were before the changes in `undo`.
  template <typename K, typename V>
  static void Undo(std::vector<std::pair<K, std::optional<V>>>& undo,
                   absl::flat_hash_map<K, V>& values) {
    for (auto it = undo.rbegin(); it != undo.rend(); ++it) {
      if (it->second) {
        values[it->first] = *it->second;
      } else {
        values.erase(it->first);
      }
    }
    undo.clear();
  }
  rocksdb::WriteBatch* batch() { return batch_.GetWriteBatch(); }
  const absl::flat_hash_map<SequenceLogId, uint64_t>& next() const {
    return next_;
  }

 private:
  CommitPipeline* const pipeline_;
  rocksdb::WriteBatchWithIndex batch_;
  const int64_t commit_micros_;
  // Values as the group has them so far; a key absent here is as committed.
  absl::flat_hash_map<SequenceLogId, uint64_t> next_;
  absl::flat_hash_map<std::string, int64_t> counters_;
  // What the current mutation changed: (key, value before; nullopt if the
  // key was absent), oldest first.
  std::vector<std::pair<SequenceLogId, std::optional<uint64_t>>>
      sequence_undo_;
  std::vector<std::pair<std::string, std::optional<int64_t>>> counter_undo_;
  absl::Status put_status_;
  absl::Status group_status_;
};

CommitPipeline::CommitPipeline(rocksdb::DB* db, CommitPipelineOptions options)
    : db_(db), options_(std::move(options)) {}

void CommitPipeline::RegisterLog(const SequenceLogId& log,
                                 uint64_t next_sequence) {
  absl::MutexLock lock(&mu_);
  published_next_[log] = next_sequence;
}

void CommitPipeline::AdvanceCommitTime(int64_t micros) {
  absl::MutexLock lock(&mu_);
  last_commit_micros_ = std::max(last_commit_micros_, micros);
}

uint64_t CommitPipeline::PublishedNext(const SequenceLogId& log) const {
  absl::MutexLock lock(&mu_);
  auto it = published_next_.find(log);
  return it == published_next_.end() ? 0 : it->second;
}

bool CommitPipeline::AwaitPublished(const SequenceLogId& log, uint64_t sequence,
                                    absl::Time deadline,
                                    uint64_t exclusive_commits) {
  absl::MutexLock lock(&mu_);
  auto published = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    auto it = published_next_.find(log);
    return it != published_next_.end() && it->second > sequence;
  };
  auto done = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return published() || exclusive_commits_ > exclusive_commits;
  };
  mu_.AwaitWithDeadline(absl::Condition(&done), deadline);
  return published();
}

uint64_t CommitPipeline::ExclusiveCommits() const {
  absl::MutexLock lock(&mu_);
  return exclusive_commits_;
}

absl::StatusOr<int64_t> CommitPipeline::CounterValue(const std::string& key) {
  absl::MutexLock lock(&mu_);
  return LoadCounter(key);
}

absl::StatusOr<int64_t> CommitPipeline::LoadCounter(const std::string& key) {
  auto it = counters_.find(key);
  if (it != counters_.end()) return it->second;
  std::string value;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), options_.counters_cf, key, &value);
  int64_t counter = 0;
  if (s.ok()) {
    if (value.size() != 8) {
      return MakeError(kInternalServerError,
                       absl::StrCat("corrupt counter ", key));
    }
    counter = static_cast<int64_t>(DecodeFixed64BE(value.data()));
  } else if (!s.IsNotFound()) {
    return FromRocksDB(s, "counter read");
  }
  counters_[key] = counter;
  return counter;
}

absl::Status CommitPipeline::health() const {
  absl::MutexLock lock(&mu_);
  return health_;
}

CommitPipeline::Stats CommitPipeline::stats() const {
  absl::MutexLock lock(&mu_);
  return stats_;
}

absl::Status CommitPipeline::Commit(Mutation* mutation, bool durable) {
  Writer self(mutation, durable);
  std::vector<Writer*> group;
  {
    absl::MutexLock lock(&mu_);
    queue_.push_back(&self);
    while (!self.done && (leader_active_ || queue_.front() != &self)) {
      self.wake.Wait(&mu_);
    }
    if (self.done) return self.status;
    // Lead: take the front of the queue as this group.
    leader_active_ = true;
    const bool exclusive = mutation->exclusive();
    while (!queue_.empty() && group.size() < options_.max_group_size) {
      Writer* w = queue_.front();
      if (!group.empty() && (exclusive || w->mutation->exclusive())) break;
      group.push_back(w);
      queue_.pop_front();
    }
  }
  LeadGroup(group);
  return self.status;
}

void CommitPipeline::LeadGroup(std::vector<Writer*>& group) {
  absl::Status health;
  int64_t commit_micros;
  {
    absl::MutexLock lock(&mu_);
    health = health_;
    // Commit times never run backwards along the sequence.
    commit_micros = std::max(options_.clock->NowMicros(), last_commit_micros_);
    last_commit_micros_ = commit_micros;
  }

  GroupContext context(this, commit_micros);
  std::vector<Writer*> applied;
  bool sync = false;
  if (health.ok()) {
    for (Writer* w : group) {
      context.BeginMutation();
      w->status = context.EndMutation(w->mutation->Apply(context));
      if (w->status.ok()) {
        applied.push_back(w);
        sync |= w->durable;
      }
    }
    if (!context.counters().empty()) {
      context.StageCounters(options_.counters_cf);
    }
    health = context.group_status();
  }

  absl::Status write_status = health;
  if (write_status.ok() && !applied.empty()) {
    rocksdb::WriteOptions write_options;
    write_options.sync = sync;
    write_status = FromRocksDB(db_->Write(write_options, context.batch()),
                               "commit of a write group");
    if (!write_status.ok()) {
      write_status = MakeError(
          kInternalServerError,
          absl::StrCat(ErrorMessage(write_status),
                       "; the engine refuses writes until it is reopened"));
    }
  }

  if (write_status.ok()) {
    for (Writer* w : applied) w->mutation->Committed();
  }

  absl::MutexLock lock(&mu_);
  if (write_status.ok()) {
    for (const auto& [log, next] : context.next()) published_next_[log] = next;
    for (const auto& [key, value] : context.counters()) counters_[key] = value;
    ++stats_.groups;
    stats_.mutations += applied.size();
    if (applied.size() == 1 && applied[0]->mutation->exclusive()) {
      ++exclusive_commits_;
    }
    if (sync) ++stats_.synced_groups;
  } else {
    if (health_.ok()) health_ = write_status;
    for (Writer* w : group) {
      if (w->status.ok()) w->status = write_status;
    }
  }
  leader_active_ = false;
  if (!queue_.empty()) queue_.front()->wake.Signal();  // the next leader
  for (Writer* w : group) {
    w->done = true;
    w->wake.Signal();
  }
}

}  // namespace tablestream
