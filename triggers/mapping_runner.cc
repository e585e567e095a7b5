// Copyright 2026 The tablestream Authors.

#include "triggers/mapping_runner.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "api/json_reader.h"
#include "tablestream/errors.h"
#include "triggers/lambda_event.h"
#include "triggers/mapping_config.h"
#include "triggers/mapping_json.h"
#include "util/status_macros.h"

namespace tablestream {
namespace triggers {
namespace {

// Records read ahead of the checkpoint, at most.
constexpr size_t kMaxBuffered = 10000;
// Writes one CommitWithCheckpoint takes, at most.
constexpr size_t kMaxWritesPerCommit = 100;
constexpr int64_t kMicrosPerSecond = 1000000;

std::string KeyString(const Item& keys) {
  std::string s;
  for (const auto& [name, value] : keys) {
    absl::StrAppend(&s, name, "=", value.DebugString(), ";");
  }
  return s;
}

void SetMin(std::optional<int64_t>* target, int64_t value) {
  if (!target->has_value() || value < **target) *target = value;
}

}  // namespace

MappingRunner::MappingRunner(Engine* engine, RunnerSettings settings,
                             EventSourceMapping mapping,
                             std::unique_ptr<TriggerFunction> function)
    : engine_(engine),
      settings_(std::move(settings)),
      consumer_name_("esm-" + mapping.uuid),
      event_source_arn_(mapping.event_source_arn) {
  Reconfigure(std::move(mapping), std::move(function));
}

void MappingRunner::Reconfigure(EventSourceMapping mapping,
                                std::unique_ptr<TriggerFunction> function) {
  absl::MutexLock lock(&mu_);
  EventSourceMappingMetrics metrics = mapping_.metrics;
  std::string result = mapping_.last_processing_result;
  mapping_ = std::move(mapping);
  mapping_.metrics = metrics;
  if (!result.empty()) mapping_.last_processing_result = result;
  function_ = std::move(function);
  filter_.reset();
  if (!mapping_.filter_criteria.empty()) {
    // Validated when the mapping was created or updated.
    absl::StatusOr<api::Json> json = api::ParseJson(mapping_.filter_criteria);
    if (json.ok()) {
      absl::StatusOr<FilterCriteria> criteria = FilterCriteria::Parse(*json);
      if (criteria.ok()) filter_ = *std::move(criteria);
    }
  }
  ResetLocked();
}

void MappingRunner::ResetLocked() {
  buffer_.clear();
  shard_id_.clear();
  queues_.assign(static_cast<size_t>(mapping_.parallelization_factor),
                 Queue());
}

bool MappingRunner::runnable() {
  absl::MutexLock lock(&mu_);
  return mapping_.enabled && function_ != nullptr;
}

EventSourceMapping MappingRunner::Snapshot() {
  absl::MutexLock lock(&mu_);
  EventSourceMapping snapshot = mapping_;
  // IteratorAge from the consumer's exact lag; unknown stays 0.
  absl::StatusOr<ConsumerDescription> consumer =
      engine_->DescribeConsumer({mapping_.event_source_arn, consumer_name_});
  if (consumer.ok()) {
    snapshot.metrics.iterator_age_millis =
        static_cast<int64_t>(consumer->lag_seconds * 1000);
  }
  return snapshot;
}

int64_t MappingRunner::BackoffMicros(int attempts) const {
  int64_t backoff = std::max<int64_t>(1, settings_.initial_backoff_micros);
  for (int i = 1; i < attempts && backoff < settings_.max_backoff_micros; ++i) {
    backoff *= 2;
  }
  return std::min(backoff, std::max<int64_t>(1, settings_.max_backoff_micros));
}

MappingRunner::Entry* MappingRunner::Find(const std::string& sequence_number) {
  auto it = std::lower_bound(buffer_.begin(), buffer_.end(), sequence_number,
                             [](const Entry& e, const std::string& s) {
                               return e.record.dynamodb.sequence_number < s;
                             });
  if (it == buffer_.end() || it->record.dynamodb.sequence_number !=
                                 sequence_number) {
    return nullptr;
  }
  return &*it;
}

StepResult MappingRunner::Step() {
  absl::MutexLock lock(&mu_);
  StepResult result;
  if (!mapping_.enabled || function_ == nullptr) return result;
  int64_t now = settings_.clock->NowMicros();
  if (now < paused_until_micros_) {
    result.next_due_micros = paused_until_micros_;
    result.drained = buffer_.empty();
    return result;
  }
  absl::Status status = Refill(&result);
  for (size_t q = 0; status.ok() && q < queues_.size(); ++q) {
    status = RunQueue(q, &result);
  }
  if (status.ok()) status = CommitDonePrefix(&result);
  if (!status.ok()) {
    // Start again from the checkpoint after a pause: what was not committed
    // is delivered again.
    mapping_.last_processing_result =
        absl::StrCat("PROBLEM: ", status.message());
    ResetLocked();
    paused_until_micros_ = now + BackoffMicros(++pause_count_);
    result.next_due_micros = paused_until_micros_;
  } else if (result.progressed()) {
    pause_count_ = 0;
  }
  result.drained = buffer_.empty();
  return result;
}

absl::Status MappingRunner::Refill(StepResult* result) {
  if (buffer_.size() >= kMaxBuffered) return absl::OkStatus();
  int64_t now = settings_.clock->NowMicros();
  std::vector<StreamRecord> records;
  if (buffer_.empty()) {
    ReadConsumerRequest request;
    request.stream_arn = mapping_.event_source_arn;
    request.consumer_name = consumer_name_;
    TABLESTREAM_ASSIGN_OR_RETURN(ConsumerBatch batch,
                                 engine_->ReadConsumer(request));
    shard_id_ = batch.shard_id;
    records = std::move(batch.records);
  } else {
    GetShardIteratorRequest request;
    request.stream_arn = mapping_.event_source_arn;
    request.shard_id = shard_id_;
    request.shard_iterator_type = ShardIteratorType::kAfterSequenceNumber;
    request.sequence_number = buffer_.back().record.dynamodb.sequence_number;
    TABLESTREAM_ASSIGN_OR_RETURN(std::string iterator,
                                 engine_->GetShardIterator(request));
    TABLESTREAM_ASSIGN_OR_RETURN(GetRecordsResult page,
                                 engine_->GetRecords({iterator}));
    records = std::move(page.records);
  }
  result->records_read += static_cast<int>(records.size());
  for (StreamRecord& record : records) AddRecord(std::move(record), now);
  return absl::OkStatus();
}

void MappingRunner::AddRecord(StreamRecord record, int64_t now) {
  Entry entry;
  entry.seen_micros = now;
  if (queues_.size() > 1) {
    entry.queue = std::hash<std::string>()(KeyString(record.dynamodb.keys)) %
                  queues_.size();
  }
  if (mapping_.tumbling_window_in_seconds > 0) {
    int64_t w = mapping_.tumbling_window_in_seconds;
    int64_t t = record.dynamodb.approximate_creation_date_time;
    entry.window_start = t - ((t % w) + w) % w;
  }
  if (filter_.has_value() && !filter_->empty() &&
      !filter_->Matches(LambdaEventRecord(record, mapping_.event_source_arn))) {
    entry.done = true;  // consumed, not delivered
    ++mapping_.metrics.records_filtered;
  }
  entry.record = std::move(record);
  buffer_.push_back(std::move(entry));
}

bool MappingRunner::PlanBatch(size_t q, int64_t now, StepResult* result) {
  Queue& queue = queues_[q];
  if (!queue.planned.empty()) return true;
  std::vector<Entry*> pending;
  for (Entry& e : buffer_) {
    if (e.queue == q && !e.done && !e.planned) pending.push_back(&e);
  }
  const int64_t w = mapping_.tumbling_window_in_seconds;
  if (w > 0 && queue.window_start.has_value()) {
    int64_t window_end_micros = (*queue.window_start + w) * kMicrosPerSecond;
    bool window_has_pending =
        !pending.empty() && pending[0]->window_start == *queue.window_start;
    if (!window_has_pending) {
      if ((!pending.empty() && pending[0]->window_start > *queue.window_start) ||
          now >= window_end_micros) {
        Batch final_invoke;
        final_invoke.final_window_invoke = true;
        final_invoke.window_start = *queue.window_start;
        queue.planned.push_back(std::move(final_invoke));
        return true;
      }
      SetMin(&result->next_due_micros, window_end_micros);
      return false;
    }
  }
  if (pending.empty()) return false;
  Batch batch;
  if (w > 0) {
    batch.window_start = pending[0]->window_start;
    if (!queue.window_start.has_value()) {
      queue.window_start = batch.window_start;
      queue.window_state = "{}";
    }
  }
  for (Entry* e : pending) {
    if (batch.sequence_numbers.size() >=
        static_cast<size_t>(mapping_.batch_size)) {
      break;
    }
    if (w > 0 && e->window_start != batch.window_start) break;
    batch.sequence_numbers.push_back(e->record.dynamodb.sequence_number);
  }
  int64_t gather_until =
      pending[0]->seen_micros +
      int64_t{mapping_.maximum_batching_window_in_seconds} * kMicrosPerSecond;
  bool ready =
      batch.sequence_numbers.size() >= static_cast<size_t>(mapping_.batch_size) ||
      now >= gather_until ||
      (w > 0 && now >= (batch.window_start + w) * kMicrosPerSecond);
  if (!ready) {
    SetMin(&result->next_due_micros, gather_until);
    return false;
  }
  for (const std::string& s : batch.sequence_numbers) Find(s)->planned = true;
  queue.planned.push_back(std::move(batch));
  return true;
}

absl::Status MappingRunner::RunQueue(size_t q, StepResult* result) {
  const int64_t now = settings_.clock->NowMicros();
  while (PlanBatch(q, now, result)) {
    Queue& queue = queues_[q];
    if (now < queue.not_before_micros) {
      SetMin(&result->next_due_micros, queue.not_before_micros);
      break;
    }
    int64_t before = mapping_.metrics.invocations;
    InvokeFront(q, now);
    result->invocations +=
        static_cast<int>(mapping_.metrics.invocations - before);
    // Checkpoint after each batch, as Lambda does: a crash then redelivers
    // at most the batches in flight.
    TABLESTREAM_RETURN_IF_ERROR(CommitDonePrefix(result));
  }
  return absl::OkStatus();
}

void MappingRunner::InvokeFront(size_t q, int64_t now) {
  Queue& queue = queues_[q];
  Batch& batch = queue.planned.front();
  TriggerBatch call;
  call.function_name = mapping_.function_name;
  call.mapping_uuid = mapping_.uuid;
  call.event_source_arn = mapping_.event_source_arn;
  call.shard_id = shard_id_;
  for (const std::string& s : batch.sequence_numbers) {
    const StreamRecord& record = Find(s)->record;
    if (mapping_.maximum_record_age_in_seconds >= 0 &&
        now - record.dynamodb.approximate_creation_date_time * kMicrosPerSecond >
            int64_t{mapping_.maximum_record_age_in_seconds} *
                kMicrosPerSecond) {
      GiveUp(q, now, kMaximumRecordAgeExceeded);
      return;
    }
    call.records.push_back(record);
  }
  const int64_t w = mapping_.tumbling_window_in_seconds;
  if (w > 0) {
    TriggerWindow window;
    window.start_epoch_seconds = batch.window_start;
    window.end_epoch_seconds = batch.window_start + w;
    window.state_json = queue.window_state;
    window.is_final_invoke_for_window = batch.final_window_invoke;
    call.window = window;
  }
  ResponseRules rules;
  rules.report_batch_item_failures = ReportsBatchItemFailures(mapping_);
  rules.tumbling_window = w > 0;

  ++mapping_.metrics.invocations;
  if (queue.invoke_count > 0) ++mapping_.metrics.retries;
  ++queue.invoke_count;
  Invocation invocation = function_->Invoke(call, rules);
  FunctionResult& r = invocation.result;
  if (r.outcome != FunctionResult::Outcome::kFailure && r.state.has_value()) {
    queue.window_state = r.state->dump();
  }
  switch (r.outcome) {
    case FunctionResult::Outcome::kSuccess:
      mapping_.last_processing_result = "OK";
      if (batch.final_window_invoke) {
        CloseWindow(q);
        return;
      }
      mapping_.metrics.records_delivered +=
          static_cast<int64_t>(batch.sequence_numbers.size());
      FinishRecords(batch.sequence_numbers, std::move(invocation.writes));
      PopFront(q);
      return;
    case FunctionResult::Outcome::kPartialFailure: {
      ++mapping_.metrics.errors;
      const std::string lowest = *std::min_element(
          r.failed_sequence_numbers.begin(), r.failed_sequence_numbers.end());
      std::vector<std::string> done, remaining;
      for (const std::string& s : batch.sequence_numbers) {
        (s < lowest ? done : remaining).push_back(s);
      }
      mapping_.metrics.records_delivered += static_cast<int64_t>(done.size());
      FinishRecords(done, std::move(invocation.writes));
      batch.sequence_numbers = std::move(remaining);
      Fail(q, now, absl::StrCat("partial batch failure from ", lowest));
      return;
    }
    case FunctionResult::Outcome::kFailure:
      ++mapping_.metrics.errors;
      if (mapping_.bisect_batch_on_function_error &&
          batch.sequence_numbers.size() > 1) {
        // Bisect: both halves are tried in order; no retry is consumed.
        std::vector<std::string>& all = batch.sequence_numbers;
        Batch second = batch;
        size_t half = all.size() / 2;
        second.sequence_numbers.assign(all.begin() + half, all.end());
        all.resize(half);
        queue.planned.insert(queue.planned.begin() + 1, std::move(second));
        queue.invoke_count = 0;
        mapping_.last_processing_result = "PROBLEM: Function call failed";
        return;
      }
      Fail(q, now, r.error);
      return;
  }
}

void MappingRunner::FinishRecords(
    const std::vector<std::string>& sequence_numbers,
    std::vector<ConsumerWrite> writes) {
  Entry* last = nullptr;
  for (const std::string& s : sequence_numbers) {
    last = Find(s);
    last->done = true;
    last->held = mapping_.tumbling_window_in_seconds > 0;
  }
  // Writes for no record (a partial failure at the first one) are dropped
  // with the failed invocation they came from.
  if (last != nullptr) {
    for (ConsumerWrite& w : writes) last->writes.push_back(std::move(w));
  }
}

void MappingRunner::Fail(size_t q, int64_t now, const std::string& error) {
  Queue& queue = queues_[q];
  mapping_.last_processing_result = "PROBLEM: Function call failed";
  queue.last_error = error;
  ++queue.attempts;
  if (mapping_.maximum_retry_attempts >= 0 &&
      queue.attempts > mapping_.maximum_retry_attempts) {
    GiveUp(q, now, kRetryAttemptsExhausted);
    return;
  }
  queue.not_before_micros = now + BackoffMicros(queue.attempts);
}

void MappingRunner::GiveUp(size_t q, int64_t now,
                           const std::string& condition) {
  Queue& queue = queues_[q];
  Batch& batch = queue.planned.front();
  if (batch.final_window_invoke) {
    CloseWindow(q);
    return;
  }
  const auto& seqs = batch.sequence_numbers;
  const StreamRecord& first = Find(seqs.front())->record;
  const StreamRecord& last = Find(seqs.back())->record;
  std::vector<ConsumerWrite> writes;
  const int64_t n = static_cast<int64_t>(seqs.size());
  mapping_.metrics.records_given_up += n;
  if (!mapping_.on_failure_destination.empty()) {
    OnFailureRecord record;
    record.mapping_uuid = mapping_.uuid;
    record.request_id = absl::StrCat(mapping_.uuid, "/", first.event_id);
    record.function_arn = FunctionArn(mapping_);
    record.condition = condition;
    record.approximate_invoke_count = queue.invoke_count;
    if (queue.invoke_count == 0) record.function_error.clear();
    record.timestamp_micros = now;
    record.shard_id = shard_id_;
    record.start_sequence_number = first.dynamodb.sequence_number;
    record.end_sequence_number = last.dynamodb.sequence_number;
    record.first_arrival_epoch_seconds =
        first.dynamodb.approximate_creation_date_time;
    record.last_arrival_epoch_seconds =
        last.dynamodb.approximate_creation_date_time;
    record.batch_size = static_cast<int>(n);
    record.stream_arn = mapping_.event_source_arn;
    writes.push_back(DeadLetterWrite(mapping_.on_failure_destination, record));
    mapping_.metrics.records_sent_to_destination += n;
  }
  mapping_.last_processing_result =
      absl::StrCat("PROBLEM: batch given up (", condition, ")");
  FinishRecords(seqs, std::move(writes));
  PopFront(q);
}

void MappingRunner::CloseWindow(size_t q) {
  Queue& queue = queues_[q];
  const int64_t window_start = queue.planned.front().window_start;
  for (Entry& e : buffer_) {
    if (e.queue == q && e.window_start == window_start) e.held = false;
  }
  queue.window_start.reset();
  queue.window_state = "{}";
  PopFront(q);
}

void MappingRunner::PopFront(size_t q) {
  Queue& queue = queues_[q];
  queue.planned.pop_front();
  queue.attempts = 0;
  queue.invoke_count = 0;
  queue.not_before_micros = 0;
}

absl::Status MappingRunner::CommitDonePrefix(StepResult* result) {
  std::vector<ConsumerWrite> writes;
  size_t count = 0;
  auto commit = [&]() -> absl::Status {
    CheckpointRequest checkpoint;
    checkpoint.stream_arn = mapping_.event_source_arn;
    checkpoint.consumer_name = consumer_name_;
    checkpoint.shard_id = shard_id_;
    checkpoint.sequence_number =
        buffer_[count - 1].record.dynamodb.sequence_number;
    if (writes.empty()) {
      TABLESTREAM_RETURN_IF_ERROR(engine_->CheckpointConsumer(checkpoint));
    } else {
      CommitWithCheckpointRequest request;
      request.checkpoint = std::move(checkpoint);
      request.first_sequence_number =
          buffer_.front().record.dynamodb.sequence_number;
      request.writes = std::move(writes);
      TABLESTREAM_RETURN_IF_ERROR(engine_->CommitWithCheckpoint(request));
    }
    buffer_.erase(buffer_.begin(), buffer_.begin() + count);
    writes.clear();
    count = 0;
    result->committed = true;
    return absl::OkStatus();
  };
  while (count < buffer_.size() && buffer_[count].done &&
         !buffer_[count].held) {
    const Entry& e = buffer_[count];
    if (count > 0 &&
        writes.size() + e.writes.size() > kMaxWritesPerCommit) {
      TABLESTREAM_RETURN_IF_ERROR(commit());
      continue;
    }
    writes.insert(writes.end(), e.writes.begin(), e.writes.end());
    ++count;
  }
  if (count > 0) TABLESTREAM_RETURN_IF_ERROR(commit());
  return absl::OkStatus();
}

}  // namespace triggers
}  // namespace tablestream
