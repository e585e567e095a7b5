// Copyright 2026 The tablestream Authors.

#include "tools/triggers_cli.h"

#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "tablestream/errors.h"
#include "tablestream/triggers.h"
#include "triggers/dead_letters.h"
#include "triggers/mapping_json.h"
#include "util/status_macros.h"

namespace tablestream {
namespace cli {
namespace {

absl::StatusOr<std::unique_ptr<TriggerRuntime>> OpenRuntime(
    Engine* engine, bool run_external_functions) {
  TriggerRuntimeOptions options;
  options.run_external_functions = run_external_functions;
  return TriggerRuntime::Open(engine, options);
}

absl::StatusOr<api::Json> ListDeadLettersOperation(TriggerRuntime* runtime,
                                                   Engine* engine,
                                                   const api::Json& json) {
  TABLESTREAM_ASSIGN_OR_RETURN(
      api::ObjectReader r,
      api::ObjectReader::New(json, "ListDeadLettersRequest", "",
                             {"UUID", "Destination"}));
  TABLESTREAM_ASSIGN_OR_RETURN(std::optional<std::string> uuid,
                               r.OptionalString("UUID"));
  TABLESTREAM_ASSIGN_OR_RETURN(std::optional<std::string> destination,
                               r.OptionalString("Destination"));
  std::set<std::string> tables;
  if (destination) {
    tables.insert(*destination);
  } else {
    TABLESTREAM_ASSIGN_OR_RETURN(std::vector<EventSourceMapping> mappings,
                                 runtime->ListEventSourceMappings({}));
    for (const EventSourceMapping& m : mappings) {
      if (uuid && m.uuid != *uuid) continue;
      if (!m.on_failure_destination.empty()) {
        tables.insert(m.on_failure_destination);
      }
    }
  }
  api::Json all = api::Json::array();
  for (const std::string& table : tables) {
    TABLESTREAM_ASSIGN_OR_RETURN(
        api::Json letters, triggers::ListDeadLetters(engine, table, uuid));
    for (api::Json& letter : letters["DeadLetters"]) {
      letter["Destination"] = table;
      all.push_back(std::move(letter));
    }
  }
  return api::Json{{"DeadLetters", std::move(all)}};
}

}  // namespace

bool IsTriggerOperation(const std::string& cli_name) {
  return cli_name == "create-event-source-mapping" ||
         cli_name == "list-event-source-mappings" ||
         cli_name == "get-event-source-mapping" ||
         cli_name == "update-event-source-mapping" ||
         cli_name == "delete-event-source-mapping" ||
         cli_name == "list-dead-letters";
}

bool TriggerInputIsOptional(const std::string& cli_name) {
  return cli_name == "list-event-source-mappings" ||
         cli_name == "list-dead-letters";
}

absl::StatusOr<api::Json> RunTriggerOperation(Engine* engine,
                                              const std::string& cli_name,
                                              const api::Json& request) {
  TABLESTREAM_ASSIGN_OR_RETURN(std::unique_ptr<TriggerRuntime> runtime,
                               OpenRuntime(engine, false));
  if (cli_name == "create-event-source-mapping") {
    TABLESTREAM_ASSIGN_OR_RETURN(
        CreateEventSourceMappingRequest create,
        triggers::ParseCreateEventSourceMappingRequest(request));
    TABLESTREAM_ASSIGN_OR_RETURN(EventSourceMapping m,
                                 runtime->CreateEventSourceMapping(create));
    return triggers::MappingToJson(m);
  }
  if (cli_name == "list-event-source-mappings") {
    TABLESTREAM_ASSIGN_OR_RETURN(
        ListEventSourceMappingsRequest list,
        triggers::ParseListEventSourceMappingsRequest(request));
    TABLESTREAM_ASSIGN_OR_RETURN(std::vector<EventSourceMapping> mappings,
                                 runtime->ListEventSourceMappings(list));
    return triggers::ListMappingsResponse(mappings);
  }
  if (cli_name == "get-event-source-mapping") {
    TABLESTREAM_ASSIGN_OR_RETURN(
        std::string uuid, triggers::ParseMappingUuidRequest(
                              request, "GetEventSourceMappingRequest"));
    TABLESTREAM_ASSIGN_OR_RETURN(EventSourceMapping m,
                                 runtime->GetEventSourceMapping(uuid));
    return triggers::MappingToJson(m);
  }
  if (cli_name == "update-event-source-mapping") {
    TABLESTREAM_ASSIGN_OR_RETURN(
        UpdateEventSourceMappingRequest update,
        triggers::ParseUpdateEventSourceMappingRequest(request));
    TABLESTREAM_ASSIGN_OR_RETURN(EventSourceMapping m,
                                 runtime->UpdateEventSourceMapping(update));
    return triggers::MappingToJson(m);
  }
  if (cli_name == "delete-event-source-mapping") {
    TABLESTREAM_ASSIGN_OR_RETURN(
        std::string uuid, triggers::ParseMappingUuidRequest(
                              request, "DeleteEventSourceMappingRequest"));
    TABLESTREAM_ASSIGN_OR_RETURN(EventSourceMapping m,
                                 runtime->DeleteEventSourceMapping(uuid));
    return triggers::MappingToJson(m);
  }
  return ListDeadLettersOperation(runtime.get(), engine, request);
}

absl::Status RunTriggers(Engine* engine, bool until_idle,
                         const std::atomic<bool>& stop) {
  TABLESTREAM_ASSIGN_OR_RETURN(std::unique_ptr<TriggerRuntime> runtime,
                               OpenRuntime(engine, true));
  runtime->Start();
  absl::Mutex mu;
  absl::Status status;
  while (!stop.load()) {
    if (until_idle) {
      absl::StatusOr<bool> caught_up = runtime->CaughtUp();
      if (!caught_up.ok()) {
        status = caught_up.status();
        break;
      }
      if (*caught_up) break;
    }
    // The runtime's threads do the work; look again shortly (a signal sets
    // `stop` without a way to wake a condition).
    absl::MutexLock lock(&mu);
    mu.AwaitWithTimeout(absl::Condition(
                            +[](const std::atomic<bool>* s) {
                              return s->load();
                            },
                            &stop),
                        absl::Milliseconds(50));
  }
  runtime->Stop();
  return status;
}

}  // namespace cli
}  // namespace tablestream
