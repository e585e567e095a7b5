// Copyright 2026 The tablestream Authors.
//
// The trigger of StandardWorkload: an event source mapping on the Items
// stream whose in-process C++ handler counts each batch's records per event
// name and returns the counts as writes to the TriggerTally table, which the
// trigger runtime commits together with the mapping's checkpoint. About one
// invocation in twenty fails, so batches are retried (with a short backoff).
//
// After a kill, each TriggerTally count must equal the number of records of
// its event name before the mapping's checkpoint (its consumer
// "esm-<uuid>"): exactly-once effects of an at-least-once trigger.

#ifndef TABLESTREAM_TOOLS_CRASH_STANDARD_TRIGGER_H_
#define TABLESTREAM_TOOLS_CRASH_STANDARD_TRIGGER_H_

#include <cstdint>
#include <memory>

#include "absl/status/statusor.h"
#include "tablestream/crash_test.h"
#include "tablestream/engine.h"
#include "tablestream/triggers.h"
#include "tools/crash/standard_consumers.h"  // kTriggerTallyTable

namespace tablestream {
namespace crash {

inline constexpr char kTriggerFunction[] = "crash-tally";

// Creates TriggerTally and the mapping unless they exist (journaled on
// `thread` as "create TriggerTally ..." and "trigger Items - crash-tally"),
// registers the handler and starts the runtime's background driver. The
// runtime runs until it is destroyed.
// REQUIRES: the Items table exists.
absl::StatusOr<std::unique_ptr<TriggerRuntime>> StartTallyTrigger(
    Engine& engine, CrashJournal& journal, int thread, uint64_t seed);

}  // namespace crash
}  // namespace tablestream

#endif  // TABLESTREAM_TOOLS_CRASH_STANDARD_TRIGGER_H_
