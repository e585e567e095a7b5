// Copyright 2026 The tablestream Authors.

#include "triggers/trigger_runtime.h"

#include <algorithm>
#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "tablestream/errors.h"
#include "triggers/dead_letters.h"
#include "triggers/external_function.h"
#include "triggers/mapping_config.h"
#include "util/status_macros.h"

namespace tablestream {
namespace triggers {
namespace {

// How long a background thread waits at most before looking again.
constexpr int64_t kMaxWaitMillis = 200;

std::string NewUuid() {
  static absl::Mutex mu(absl::kConstInit);
  static std::mt19937_64* random = nullptr;
  absl::MutexLock lock(&mu);
  if (random == nullptr) {
    std::random_device device;
    random = new std::mt19937_64((uint64_t{device()} << 32) ^ device());
  }
  uint64_t hi = (*random)();
  uint64_t lo = (*random)();
  hi = (hi & ~uint64_t{0xF000}) | 0x4000;  // version 4
  lo = (lo & ~(uint64_t{0xC} << 60)) | (uint64_t{0x8} << 60);  // variant
  return absl::StrFormat("%08x-%04x-%04x-%04x-%012x", hi >> 32,
                         (hi >> 16) & 0xFFFF, hi & 0xFFFF, lo >> 48,
                         lo & 0xFFFFFFFFFFFF);
}

absl::Status NotFound(const std::string& uuid) {
  return MakeError(kResourceNotFoundException,
                   absl::StrCat("The resource you requested does not exist. "
                                "(Event source mapping ",
                                uuid, ")"));
}

}  // namespace

TriggerRuntimeImpl::TriggerRuntimeImpl(Engine* engine,
                                       TriggerRuntimeOptions options,
                                       MappingStore store)
    : engine_(engine), options_(std::move(options)), store_(store) {}

TriggerRuntimeImpl::~TriggerRuntimeImpl() { Stop(); }

RunnerSettings TriggerRuntimeImpl::SettingsFor(
    const EventSourceMapping& mapping) const {
  RunnerSettings settings;
  settings.clock = options_.clock;
  settings.initial_backoff_micros = options_.initial_backoff_micros;
  settings.max_backoff_micros = options_.max_backoff_micros;
  return settings;
}

absl::Status TriggerRuntimeImpl::Load() {
  TABLESTREAM_ASSIGN_OR_RETURN(std::vector<EventSourceMapping> mappings,
                               store_.LoadAll());
  absl::MutexLock lock(&mu_);
  for (EventSourceMapping& m : mappings) {
    std::unique_ptr<TriggerFunction> function = BindFunction(&m);
    std::string uuid = m.uuid;
    RunnerSettings settings = SettingsFor(m);
    runners_[uuid] = std::make_shared<MappingRunner>(
        engine_, std::move(settings), std::move(m), std::move(function));
  }
  return absl::OkStatus();
}

std::unique_ptr<TriggerFunction> TriggerRuntimeImpl::BindFunction(
    EventSourceMapping* mapping) {
  mapping->state = mapping->enabled ? "Enabled" : "Disabled";
  mapping->state_transition_reason = "USER_INITIATED";
  const std::string& name = mapping->function_name;
  if (IsExternalFunctionName(name)) {
    if (!options_.run_external_functions) {
      mapping->state_transition_reason =
          "External function: run by `tablestream run-triggers`, not by this "
          "process";
      return nullptr;
    }
    absl::StatusOr<std::unique_ptr<TriggerFunction>> function =
        NewExternalFunction(name, options_.external_timeout_seconds);
    if (!function.ok()) {
      mapping->state_transition_reason =
          absl::StrCat("PROBLEM: ", function.status().message());
      return nullptr;
    }
    return *std::move(function);
  }
  auto it = handlers_.find(name);
  if (it == handlers_.end()) {
    mapping->state_transition_reason = absl::StrCat(
        "C++ handler ", name,
        " is not registered in this process; the mapping is skipped here");
    return nullptr;
  }
  return NewCppFunction(it->second);
}

absl::Status TriggerRuntimeImpl::RegisterHandler(
    const std::string& function_name, TriggerHandler handler) {
  if (function_name.empty() || IsExternalFunctionName(function_name)) {
    return MakeError(kInvalidParameterValueException,
                     absl::StrCat("a C++ handler needs a FunctionName without "
                                  "the exec: or python: prefix; got \"",
                                  function_name, "\""));
  }
  std::vector<std::pair<std::shared_ptr<MappingRunner>, EventSourceMapping>>
      rebind;
  {
    absl::MutexLock lock(&mu_);
    if (!handlers_.emplace(function_name, std::move(handler)).second) {
      return MakeError(kResourceConflictException,
                       absl::StrCat("a handler named ", function_name,
                                    " is already registered"));
    }
    for (auto& [uuid, runner] : runners_) {
      EventSourceMapping m = runner->Snapshot();
      if (m.function_name == function_name) rebind.push_back({runner, m});
    }
  }
  for (auto& [runner, mapping] : rebind) {
    std::unique_ptr<TriggerFunction> function;
    {
      absl::MutexLock lock(&mu_);
      function = BindFunction(&mapping);
    }
    runner->Reconfigure(std::move(mapping), std::move(function));
  }
  return absl::OkStatus();
}

absl::Status TriggerRuntimeImpl::CheckReferences(
    const EventSourceMapping& mapping) {
  DescribeStreamRequest describe;
  describe.stream_arn = mapping.event_source_arn;
  describe.limit = 1;
  absl::Status stream = engine_->DescribeStream(describe).status();
  if (!stream.ok()) {
    if (ExceptionName(stream) != kResourceNotFoundException &&
        ExceptionName(stream) != kValidationException) {
      return stream;
    }
    return MakeError(kInvalidParameterValueException,
                     absl::StrCat("EventSourceArn ", mapping.event_source_arn,
                                  " is not a stream of this engine"));
  }
  if (!mapping.on_failure_destination.empty()) {
    TABLESTREAM_RETURN_IF_ERROR(
        EnsureDeadLetterTable(engine_, mapping.on_failure_destination));
  }
  return absl::OkStatus();
}

absl::StatusOr<EventSourceMapping> TriggerRuntimeImpl::CreateEventSourceMapping(
    const CreateEventSourceMappingRequest& request) {
  absl::MutexLock crud(&crud_mu_);
  TABLESTREAM_ASSIGN_OR_RETURN(EventSourceMapping mapping,
                               MappingFromCreateRequest(request));
  TABLESTREAM_RETURN_IF_ERROR(CheckReferences(mapping));
  for (const std::shared_ptr<MappingRunner>& runner : Runners()) {
    EventSourceMapping other = runner->Snapshot();
    if (other.event_source_arn == mapping.event_source_arn &&
        other.function_name == mapping.function_name) {
      return MakeError(
          kResourceConflictException,
          absl::StrCat("The event source arn (", mapping.event_source_arn,
                       ") and function (", mapping.function_name,
                       ") provided mapping already exists. Please update or "
                       "delete the existing mapping with UUID ",
                       other.uuid));
    }
  }
  mapping.uuid = NewUuid();
  mapping.last_modified =
      static_cast<double>(options_.clock->NowMicros()) / 1e6;
  CreateConsumerRequest consumer;
  consumer.stream_arn = mapping.event_source_arn;
  consumer.consumer_name = "esm-" + mapping.uuid;
  consumer.starting_position =
      *ParseShardIteratorType(mapping.starting_position);
  consumer.timestamp = mapping.starting_position_timestamp;
  TABLESTREAM_RETURN_IF_ERROR(engine_->CreateConsumer(consumer).status());
  absl::Status stored = store_.Put(mapping);
  if (!stored.ok()) {
    // Best effort: the consumer without a mapping would only hold records.
    engine_->DeleteConsumer({consumer.stream_arn, consumer.consumer_name})
        .IgnoreError();
    return stored;
  }
  absl::MutexLock lock(&mu_);
  std::unique_ptr<TriggerFunction> function = BindFunction(&mapping);
  auto runner = std::make_shared<MappingRunner>(
      engine_, SettingsFor(mapping), mapping, std::move(function));
  runners_[mapping.uuid] = runner;
  if (running_) StartThreadLocked(mapping.uuid, runner);
  return runner->Snapshot();
}

absl::StatusOr<std::vector<EventSourceMapping>>
TriggerRuntimeImpl::ListEventSourceMappings(
    const ListEventSourceMappingsRequest& request) {
  std::vector<EventSourceMapping> mappings;
  for (const std::shared_ptr<MappingRunner>& runner : Runners()) {
    EventSourceMapping m = runner->Snapshot();
    if (request.event_source_arn &&
        m.event_source_arn != *request.event_source_arn) {
      continue;
    }
    if (request.function_name && m.function_name != *request.function_name) {
      continue;
    }
    mappings.push_back(std::move(m));
  }
  return mappings;
}

absl::StatusOr<EventSourceMapping> TriggerRuntimeImpl::GetEventSourceMapping(
    const std::string& uuid) {
  std::shared_ptr<MappingRunner> runner = FindRunner(uuid);
  if (runner == nullptr) return NotFound(uuid);
  return runner->Snapshot();
}

absl::StatusOr<EventSourceMapping> TriggerRuntimeImpl::UpdateEventSourceMapping(
    const UpdateEventSourceMappingRequest& request) {
  absl::MutexLock crud(&crud_mu_);
  std::shared_ptr<MappingRunner> runner = FindRunner(request.uuid);
  if (runner == nullptr) return NotFound(request.uuid);
  EventSourceMapping mapping = runner->Snapshot();
  TABLESTREAM_RETURN_IF_ERROR(ApplyUpdateRequest(request, &mapping));
  TABLESTREAM_RETURN_IF_ERROR(CheckReferences(mapping));
  mapping.last_modified =
      static_cast<double>(options_.clock->NowMicros()) / 1e6;
  TABLESTREAM_RETURN_IF_ERROR(store_.Put(mapping));
  std::unique_ptr<TriggerFunction> function;
  {
    absl::MutexLock lock(&mu_);
    function = BindFunction(&mapping);
  }
  runner->Reconfigure(std::move(mapping), std::move(function));
  return runner->Snapshot();
}

absl::StatusOr<EventSourceMapping> TriggerRuntimeImpl::DeleteEventSourceMapping(
    const std::string& uuid) {
  absl::MutexLock crud(&crud_mu_);
  std::shared_ptr<MappingRunner> runner = FindRunner(uuid);
  if (runner == nullptr) return NotFound(uuid);
  EventSourceMapping mapping = runner->Snapshot();
  TABLESTREAM_RETURN_IF_ERROR(store_.Delete(uuid));
  std::thread thread;
  {
    absl::MutexLock lock(&mu_);
    runners_.erase(uuid);
    auto it = threads_.find(uuid);
    if (it != threads_.end()) {
      thread = std::move(it->second);
      threads_.erase(it);
    }
  }
  if (thread.joinable()) thread.join();
  absl::Status consumer =
      engine_->DeleteConsumer({mapping.event_source_arn, "esm-" + uuid});
  if (!consumer.ok() &&
      ExceptionName(consumer) != kResourceNotFoundException) {
    return consumer;
  }
  mapping.state = "Deleting";
  return mapping;
}

std::shared_ptr<MappingRunner> TriggerRuntimeImpl::FindRunner(
    const std::string& uuid) {
  absl::MutexLock lock(&mu_);
  auto it = runners_.find(uuid);
  return it == runners_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<MappingRunner>> TriggerRuntimeImpl::Runners() {
  absl::MutexLock lock(&mu_);
  std::vector<std::shared_ptr<MappingRunner>> runners;
  for (const auto& [uuid, runner] : runners_) runners.push_back(runner);
  return runners;
}

absl::StatusOr<int> TriggerRuntimeImpl::Step() {
  int invocations = 0;
  for (const std::shared_ptr<MappingRunner>& runner : Runners()) {
    invocations += runner->Step().invocations;
  }
  return invocations;
}

absl::StatusOr<int> TriggerRuntimeImpl::RunUntilIdle() {
  int invocations = 0;
  bool progressed = true;
  while (progressed) {
    progressed = false;
    for (const std::shared_ptr<MappingRunner>& runner : Runners()) {
      StepResult result = runner->Step();
      invocations += result.invocations;
      progressed = progressed || result.progressed();
    }
  }
  return invocations;
}

absl::StatusOr<bool> TriggerRuntimeImpl::CaughtUp() {
  for (const std::shared_ptr<MappingRunner>& runner : Runners()) {
    if (!runner->runnable()) continue;
    TABLESTREAM_ASSIGN_OR_RETURN(
        ConsumerDescription consumer,
        engine_->DescribeConsumer(
            {runner->event_source_arn(), runner->consumer_name()}));
    if (consumer.records_behind > 0) return false;
  }
  return true;
}

void TriggerRuntimeImpl::Start() {
  absl::MutexLock lock(&mu_);
  if (running_) return;
  running_ = true;
  stopping_ = false;
  for (const auto& [uuid, runner] : runners_) StartThreadLocked(uuid, runner);
}

void TriggerRuntimeImpl::StartThreadLocked(
    const std::string& uuid, std::shared_ptr<MappingRunner> runner) {
  threads_[uuid] = std::thread([this, uuid, runner] { DriveRunner(uuid, runner); });
}

void TriggerRuntimeImpl::Stop() {
  std::map<std::string, std::thread> threads;
  {
    absl::MutexLock lock(&mu_);
    if (!running_) return;
    stopping_ = true;
    threads.swap(threads_);
  }
  for (auto& [uuid, thread] : threads) thread.join();
  absl::MutexLock lock(&mu_);
  running_ = false;
  stopping_ = false;
}

void TriggerRuntimeImpl::DriveRunner(const std::string& uuid,
                                     std::shared_ptr<MappingRunner> runner) {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      auto it = runners_.find(uuid);
      if (stopping_ || it == runners_.end() || it->second != runner) return;
    }
    StepResult result = runner->Step();
    if (result.progressed()) continue;
    int64_t wait_millis = kMaxWaitMillis;
    if (result.next_due_micros.has_value()) {
      int64_t until = (*result.next_due_micros -
                       options_.clock->NowMicros() + 999) / 1000;
      wait_millis = std::clamp<int64_t>(until, 1, kMaxWaitMillis);
    } else if (result.drained && runner->runnable()) {
      // Caught up: wait for the next commit to the stream.
      ReadConsumerRequest request;
      request.stream_arn = runner->event_source_arn();
      request.consumer_name = runner->consumer_name();
      request.limit = 1;
      request.wait_millis = kMaxWaitMillis;
      absl::StatusOr<ConsumerBatch> batch = engine_->ReadConsumer(request);
      if (batch.ok() && (!batch->records.empty() || !batch->stream_ended)) {
        continue;  // a commit, or the wait is over: step again
      }
    }
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(&stopping_),
                         absl::Milliseconds(wait_millis));
  }
}

}  // namespace triggers

absl::StatusOr<std::unique_ptr<TriggerRuntime>> TriggerRuntime::Open(
    Engine* engine, TriggerRuntimeOptions options) {
  if (options.clock == nullptr) options.clock = SystemClock();
  TABLESTREAM_ASSIGN_OR_RETURN(triggers::MappingStore store,
                               triggers::MappingStore::Open(engine));
  auto runtime = std::make_unique<triggers::TriggerRuntimeImpl>(
      engine, std::move(options), store);
  TABLESTREAM_RETURN_IF_ERROR(runtime->Load());
  return std::unique_ptr<TriggerRuntime>(std::move(runtime));
}

}  // namespace tablestream
