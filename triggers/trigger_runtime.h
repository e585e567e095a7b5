// Copyright 2026 The tablestream Authors.
//
// TriggerRuntimeImpl: the TriggerRuntime of include/tablestream/triggers.h.
// It owns the handler registry, the mapping store and one MappingRunner per
// mapping; CRUD calls validate (mapping_config.h), persist (mapping_store.h)
// and then reconfigure the runner. The background driver runs one thread
// per mapping that loops over MappingRunner::Step(), waiting for a commit
// (a blocking ReadConsumer) when caught up, or for the next due time.
//
// Thread-safe: mu_ guards the registry and the runner table; each runner
// locks itself.

#ifndef TABLESTREAM_TRIGGERS_TRIGGER_RUNTIME_H_
#define TABLESTREAM_TRIGGERS_TRIGGER_RUNTIME_H_

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "tablestream/engine.h"
#include "tablestream/triggers.h"
#include "triggers/mapping_runner.h"
#include "triggers/mapping_store.h"

namespace tablestream {
namespace triggers {

class TriggerRuntimeImpl : public TriggerRuntime {
 public:
  TriggerRuntimeImpl(Engine* engine, TriggerRuntimeOptions options,
                     MappingStore store);
  ~TriggerRuntimeImpl() override;

  absl::Status Load();

  absl::Status RegisterHandler(const std::string& function_name,
                               TriggerHandler handler) override;
  absl::StatusOr<EventSourceMapping> CreateEventSourceMapping(
      const CreateEventSourceMappingRequest& request) override;
  absl::StatusOr<std::vector<EventSourceMapping>> ListEventSourceMappings(
      const ListEventSourceMappingsRequest& request) override;
  absl::StatusOr<EventSourceMapping> GetEventSourceMapping(
      const std::string& uuid) override;
  absl::StatusOr<EventSourceMapping> UpdateEventSourceMapping(
      const UpdateEventSourceMappingRequest& request) override;
  absl::StatusOr<EventSourceMapping> DeleteEventSourceMapping(
      const std::string& uuid) override;

  absl::StatusOr<int> Step() override;
  absl::StatusOr<int> RunUntilIdle() override;
  absl::StatusOr<bool> CaughtUp() override;
  void Start() override;
  void Stop() override;

 private:
  // The runner's function for `mapping`: a registered handler, an external
  // function, or null (skipped here) with the reason.
  std::unique_ptr<TriggerFunction> BindFunction(EventSourceMapping* mapping)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status CheckReferences(const EventSourceMapping& mapping);
  std::shared_ptr<MappingRunner> FindRunner(const std::string& uuid)
      ABSL_LOCKS_EXCLUDED(mu_);
  std::vector<std::shared_ptr<MappingRunner>> Runners()
      ABSL_LOCKS_EXCLUDED(mu_);
  void StartThreadLocked(const std::string& uuid,
                         std::shared_ptr<MappingRunner> runner)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The background loop of one mapping, until Stop() or its deletion.
  void DriveRunner(const std::string& uuid,
                   std::shared_ptr<MappingRunner> runner);
  RunnerSettings SettingsFor(const EventSourceMapping& mapping) const;

  Engine* const engine_;
  const TriggerRuntimeOptions options_;
  const MappingStore store_;

  // Serialises CRUD calls (validate, persist, install).
  absl::Mutex crud_mu_ ABSL_ACQUIRED_BEFORE(mu_);
  absl::Mutex mu_;
  std::map<std::string, TriggerHandler> handlers_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::shared_ptr<MappingRunner>> runners_
      ABSL_GUARDED_BY(mu_);
  bool running_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::map<std::string, std::thread> threads_ ABSL_GUARDED_BY(mu_);
};

}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_TRIGGER_RUNTIME_H_
