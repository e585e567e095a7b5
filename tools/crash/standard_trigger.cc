// Copyright 2026 The tablestream Authors.

#include "tools/crash/standard_trigger.h"

#include <atomic>
#include <utility>

#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "tools/crash/standard_workload.h"
#include "util/status_macros.h"

namespace tablestream {
namespace crash {
namespace {

// The handler: counts per event name as ADD writes; fails about one
// invocation in twenty (seeded), as a flaky function would.
TriggerHandler TallyHandler(uint64_t seed) {
  auto calls = std::make_shared<std::atomic<uint64_t>>(seed * 2654435761u);
  return [calls](const TriggerBatch& batch) {
    TriggerResponse response;
    uint64_t x = (*calls)++ * 0x9e3779b97f4a7c15ULL;
    x ^= x >> 31;
    if (x % 20 == 0) {
      response.failed = true;
      response.error = "injected failure";
      return response;
    }
    response.writes = TallyWrites(kTriggerTallyTable, batch.records);
    return response;
  };
}

}  // namespace

absl::StatusOr<std::unique_ptr<TriggerRuntime>> StartTallyTrigger(
    Engine& engine, CrashJournal& journal, int thread, uint64_t seed) {
  WorkloadOp create{"create", kTriggerTallyTable, "", "", 0, true};
  journal.Begin(thread, create.Encode());
  CreateTableRequest tally = StandardTableRequest(kTriggerTallyTable);
  tally.stream_specification.reset();
  absl::Status status = engine.CreateTable(tally).status();
  if (!status.ok() && ExceptionName(status) != kResourceInUseException) {
    return absl::InternalError("create TriggerTally: " + status.ToString());
  }
  journal.Acknowledge(thread, status.ok() ? "ok" : kResourceInUseException);

  TriggerRuntimeOptions options;
  options.initial_backoff_micros = 10000;  // retries within a round
  options.max_backoff_micros = 100000;
  TABLESTREAM_ASSIGN_OR_RETURN(std::unique_ptr<TriggerRuntime> runtime,
                               TriggerRuntime::Open(&engine, options));
  TABLESTREAM_RETURN_IF_ERROR(
      runtime->RegisterHandler(kTriggerFunction, TallyHandler(seed)));
  TABLESTREAM_ASSIGN_OR_RETURN(TableDescription items,
                               engine.DescribeTable(kItemsTable));
  const std::string arn = items.latest_stream_arn.value_or("");
  WorkloadOp mapping{"trigger", kItemsTable, "", kTriggerFunction, 0, true};
  journal.Begin(thread, mapping.Encode());
  TABLESTREAM_ASSIGN_OR_RETURN(
      std::vector<EventSourceMapping> existing,
      runtime->ListEventSourceMappings({arn, std::string(kTriggerFunction)}));
  if (existing.empty()) {
    CreateEventSourceMappingRequest request;
    request.event_source_arn = arn;
    request.function_name = kTriggerFunction;
    request.starting_position = "TRIM_HORIZON";
    request.options.batch_size = 1 + static_cast<int>(seed % 50);
    TABLESTREAM_RETURN_IF_ERROR(
        runtime->CreateEventSourceMapping(request).status());
  }
  journal.Acknowledge(thread, "ok");
  runtime->Start();
  return runtime;
}

}  // namespace crash
}  // namespace tablestream
