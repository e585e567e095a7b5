// Copyright 2026 The tablestream Authors.
//
// Triggers: Lambda-style event source mappings over the engine's streams.
//
// An event source mapping binds a stream (EventSourceArn) to a function
// (FunctionName) with the options of a Lambda event source mapping for
// DynamoDB, under the same names, ranges and defaults. The function is
//  - a C++ handler registered in this process (TriggerRuntime::
//    RegisterHandler) under any FunctionName without a prefix;
//  - "exec:<command line>", a program that gets the Lambda event as JSON on
//    standard input;
//  - "python:<path/file.py>:<function>", a Python handler called as
//    function(event, context), as Lambda calls it.
//
// Mappings persist in the engine (an internal table, see triggers/
// mapping_store.h), each with its own checkpoint: a consumer named
// "esm-<UUID>" (consumer.h). Delivery is at-least-once: a mapping's
// checkpoint moves only past records whose handling succeeded, that its
// FilterCriteria filtered out, or that were given up after the retry limits
// (then Lambda's on-failure record goes to DestinationConfig.OnFailure, a
// table of this engine, in the same write batch as the checkpoint). A C++
// handler's `writes` commit in one batch with the checkpoint past its
// records, so their effects are exactly-once across crashes.
//
// A TriggerRuntime is safe for concurrent use by many threads. Handlers are
// called from the thread that runs Step()/RunUntilIdle() or from the
// runtime's background thread (Start()), one invocation at a time per
// mapping.

#ifndef TABLESTREAM_TRIGGERS_H_
#define TABLESTREAM_TRIGGERS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tablestream/clock.h"
#include "tablestream/consumer.h"
#include "tablestream/stream.h"

namespace tablestream {

class Engine;

// The settable options of a mapping. Unset members keep their current value
// (update) or take Lambda's default (create).
struct EventSourceMappingOptions {
  // Records per invocation. 1..10000. Default: 100
  std::optional<int> batch_size;
  // How long to gather records before an invocation that has fewer than
  // batch_size, on the engine's clock. 0..300. Default: 0
  std::optional<int> maximum_batching_window_in_seconds;
  // Concurrent batches per shard, records of one item key always in one
  // ordered sub-queue. 1..10. Default: 1
  std::optional<int> parallelization_factor;
  // {"Filters":[{"Pattern":"<JSON>"}, ...]} as JSON text; "" or "{}" clears.
  // Default: none (every record is delivered)
  std::optional<std::string> filter_criteria;
  // Retries of a failing batch; -1 is forever. -1..10000. Default: -1
  std::optional<int> maximum_retry_attempts;
  // Records older than this are given up; -1 is forever, else 60..604800.
  // Default: -1
  std::optional<int> maximum_record_age_in_seconds;
  // Split a failing batch in two and retry the halves (a split does not
  // count as a retry). Default: false
  std::optional<bool> bisect_batch_on_function_error;
  // [] or ["ReportBatchItemFailures"]. Default: []
  std::optional<std::vector<std::string>> function_response_types;
  // DestinationConfig.OnFailure.Destination: a table of this engine, by name
  // or ARN ("arn:aws:dynamodb:<region>:<account>:table/<name>"); "" clears.
  // The runtime creates a missing table with the dead-letter key schema
  // (see dead_letters.h). Default: none (given-up batches are dropped).
  std::optional<std::string> on_failure_destination;
  // Tumbling windows of this many seconds (state passed between the
  // invocations of a window); 0 is off. 0..900. Default: 0
  std::optional<int> tumbling_window_in_seconds;
  // false pauses the mapping; it resumes from its checkpoint. Default: true
  std::optional<bool> enabled;
};

struct CreateEventSourceMappingRequest {
  std::string event_source_arn;  // a stream ARN of this engine
  std::string function_name;
  // TRIM_HORIZON or LATEST; AT_TIMESTAMP (tablestream's extension) with
  // starting_position_timestamp in epoch seconds. Required.
  std::string starting_position;
  std::optional<double> starting_position_timestamp;
  EventSourceMappingOptions options;
};

struct UpdateEventSourceMappingRequest {
  std::string uuid;
  std::optional<std::string> function_name;
  EventSourceMappingOptions options;
};

struct ListEventSourceMappingsRequest {
  std::optional<std::string> event_source_arn;
  std::optional<std::string> function_name;
};

// Per mapping, since the runtime opened (not persisted).
struct EventSourceMappingMetrics {
  // Lambda's IteratorAge: age of the oldest record not processed yet, by the
  // engine's clock, in milliseconds; 0 when caught up.
  int64_t iterator_age_millis = 0;
  int64_t invocations = 0;
  int64_t errors = 0;           // invocations that failed (fully or partly)
  int64_t retries = 0;          // re-invocations of a failed batch
  int64_t records_delivered = 0;
  int64_t records_filtered = 0;  // consumed without delivery (FilterCriteria)
  // Records given up; sent_to_destination of them have an on-failure record.
  int64_t records_given_up = 0;
  int64_t records_sent_to_destination = 0;
};

// A mapping as stored, with every option resolved.
struct EventSourceMapping {
  std::string uuid;
  std::string event_source_arn;
  std::string function_name;
  std::string starting_position;
  std::optional<double> starting_position_timestamp;
  int batch_size = 100;
  int maximum_batching_window_in_seconds = 0;
  int parallelization_factor = 1;
  std::string filter_criteria;  // JSON text, "" for none
  int maximum_retry_attempts = -1;
  int maximum_record_age_in_seconds = -1;
  bool bisect_batch_on_function_error = false;
  std::vector<std::string> function_response_types;
  std::string on_failure_destination;  // table name, "" for none
  int tumbling_window_in_seconds = 0;
  bool enabled = true;
  // "Enabled", "Disabled"; and in this process "Enabled" mappings whose C++
  // handler is not registered are reported with the reason below.
  std::string state = "Enabled";
  std::string state_transition_reason = "USER_INITIATED";
  double last_modified = 0;  // epoch seconds
  // "No records processed", "OK", "PROBLEM: Function call failed", ...
  std::string last_processing_result = "No records processed";
  EventSourceMappingMetrics metrics;
};

// ---- C++ handlers ----

struct TriggerWindow {
  int64_t start_epoch_seconds = 0;  // inclusive
  int64_t end_epoch_seconds = 0;    // exclusive
  std::string state_json = "{}";    // the previous invocation's state
  bool is_final_invoke_for_window = false;
};

struct TriggerBatch {
  std::string function_name;
  std::string mapping_uuid;
  std::string event_source_arn;  // the stream ARN
  std::string shard_id;
  // In sequence order; those of one item key always in commit order.
  std::vector<StreamRecord> records;
  // Set with TumblingWindowInSeconds.
  std::optional<TriggerWindow> window;
};

struct TriggerResponse {
  // The whole batch failed (as a Lambda function that threw): it is retried.
  bool failed = false;
  std::string error;  // why, for the on-failure record and logs
  // With FunctionResponseTypes ReportBatchItemFailures: the sequence numbers
  // of failed records; the mapping resumes from the lowest. Each must be in
  // the batch, else the whole batch failed. Ignored without the setting.
  std::vector<std::string> batch_item_failures;
  // With a tumbling window: the new state (JSON text). Required there.
  std::optional<std::string> state_json;
  // Item writes committed in one write batch with the checkpoint past the
  // records they account for (all of a successful batch, those before the
  // lowest failure of a partial one; none if the batch failed). At most 100.
  std::vector<ConsumerWrite> writes;
};

using TriggerHandler = std::function<TriggerResponse(const TriggerBatch&)>;

// ---- The runtime ----

struct TriggerRuntimeOptions {
  // Must be the engine's clock (Options::clock) for batching windows,
  // backoff and record ages to agree with the records' times.
  // Default: SystemClock()
  std::shared_ptr<Clock> clock;
  // Run mappings whose FunctionName is exec: or python:. false leaves them
  // to another process (e.g. `tablestream run-triggers`). Default: true
  bool run_external_functions = true;
  // Backoff between retries of a failed batch: initial, doubling up to max.
  // Default: 1 s and 60 s
  int64_t initial_backoff_micros = 1000000;
  int64_t max_backoff_micros = 60000000;
  // Timeout of an external invocation in seconds. Default: 3 (Lambda's)
  int external_timeout_seconds = 3;
};

class TriggerRuntime {
 public:
  // Loads the stored mappings of `engine` (creating the internal table on
  // first use). REQUIRES: engine outlives the runtime.
  static absl::StatusOr<std::unique_ptr<TriggerRuntime>> Open(
      Engine* engine, TriggerRuntimeOptions options = {});

  TriggerRuntime() = default;
  TriggerRuntime(const TriggerRuntime&) = delete;
  TriggerRuntime& operator=(const TriggerRuntime&) = delete;
  // Stops the background thread.
  virtual ~TriggerRuntime() = default;

  // Makes `handler` the function of mappings named `function_name` (no
  // exec:/python: prefix). InvalidParameterValueException for such a prefix
  // or an empty name; ResourceConflictException if already registered.
  virtual absl::Status RegisterHandler(const std::string& function_name,
                                       TriggerHandler handler) = 0;

  // ---- Mappings (Lambda's operations and exceptions) ----
  virtual absl::StatusOr<EventSourceMapping> CreateEventSourceMapping(
      const CreateEventSourceMappingRequest& request) = 0;
  // Sorted by UUID.
  virtual absl::StatusOr<std::vector<EventSourceMapping>>
  ListEventSourceMappings(const ListEventSourceMappingsRequest& request) = 0;
  // ResourceNotFoundException for an unknown UUID (as for update, delete).
  virtual absl::StatusOr<EventSourceMapping> GetEventSourceMapping(
      const std::string& uuid) = 0;
  virtual absl::StatusOr<EventSourceMapping> UpdateEventSourceMapping(
      const UpdateEventSourceMappingRequest& request) = 0;
  // Removes the mapping and its checkpoint; returns it with State
  // "Deleting".
  virtual absl::StatusOr<EventSourceMapping> DeleteEventSourceMapping(
      const std::string& uuid) = 0;

  // ---- Running (deterministic core) ----
  // Does everything that is due now on the runtime's clock, once per
  // mapping: reads new records, filters, invokes the batches that are ready
  // (full, window elapsed, retry backoff over) and commits checkpoints.
  // Returns the number of invocations made.
  virtual absl::StatusOr<int> Step() = 0;
  // Step() until a step invokes nothing and reads nothing new. Batching
  // windows and backoff that end later are left for a later call (advance
  // the clock). Returns the number of invocations made.
  virtual absl::StatusOr<int> RunUntilIdle() = 0;
  // True if every runnable mapping has processed every committed record of
  // its stream (nothing buffered, nothing waiting for a retry).
  virtual absl::StatusOr<bool> CaughtUp() = 0;

  // ---- Background driver ----
  // Runs Step() on a background thread, waking on commits to the mapped
  // streams and when a window or backoff ends. Errors of a step are kept in
  // the mappings' LastProcessingResult.
  virtual void Start() = 0;
  // Stops the thread (waits for the current invocation to finish).
  virtual void Stop() = 0;
};

}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_H_
