// Copyright 2026 The tablestream Authors.
//
// The trigger commands of `tablestream`:
//   create-event-source-mapping, list-event-source-mappings,
//   get-event-source-mapping, update-event-source-mapping,
//   delete-event-source-mapping   Lambda's operations and JSON
//                                 (triggers/mapping_json.h);
//   list-dead-letters             {"UUID"?, "Destination"?}: the on-failure
//                                 records of one mapping, of one
//                                 destination table, or of every mapping;
//   run-triggers [--until-idle]   runs every mapping whose FunctionName is
//                                 exec: or python: until SIGINT/SIGTERM, or
//                                 until all of them have caught up.
// A C++ handler's mapping is listed but not run by these commands (its
// program runs it).

#ifndef TABLESTREAM_TOOLS_TRIGGERS_CLI_H_
#define TABLESTREAM_TOOLS_TRIGGERS_CLI_H_

#include <atomic>
#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "api/json_reader.h"
#include "tablestream/engine.h"

namespace tablestream {
namespace cli {

// Whether `cli_name` is one of the mapping operations or list-dead-letters.
bool IsTriggerOperation(const std::string& cli_name);
// Whether its request may be omitted (the list operations).
bool TriggerInputIsOptional(const std::string& cli_name);

// Runs one of them on `engine`; the response JSON.
absl::StatusOr<api::Json> RunTriggerOperation(Engine* engine,
                                              const std::string& cli_name,
                                              const api::Json& request);

// run-triggers. Returns when `stop` becomes true or, with `until_idle`, when
// every external mapping has processed every committed record.
absl::Status RunTriggers(Engine* engine, bool until_idle,
                         const std::atomic<bool>& stop);

}  // namespace cli
}  // namespace tablestream

#endif  // TABLESTREAM_TOOLS_TRIGGERS_CLI_H_
