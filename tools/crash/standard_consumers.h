// Copyright 2026 The tablestream Authors.
//
// The consumers of StandardWorkload: two consumers of the Items stream that
// run beside the writers in the child, and their checks after each kill.
//
//  - "reader" (at-least-once): reads a batch, checks in the child that it
//    starts where its last checkpoint left it (the stored position, after a
//    kill) and is contiguous, then checkpoints past it;
//  - "tally" (exactly-once): counts each batch's records per event name
//    (INSERT, MODIFY, REMOVE: each record is a vote for its event name) and
//    adds the counts to the items of the Tally table with
//    CommitWithCheckpoint, so counts and position commit together.
//
// After a kill the checker verifies that every position lies within its
// shard and follows shard lineage (no child shard read before its parent
// ends), and that each Tally count equals the number of records of its event
// name before the tally consumer's positions: a batch counted twice or lost
// shows as a difference.

#ifndef TABLESTREAM_TOOLS_CRASH_STANDARD_CONSUMERS_H_
#define TABLESTREAM_TOOLS_CRASH_STANDARD_CONSUMERS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tablestream/crash_test.h"
#include "tablestream/engine.h"
#include "tools/crash/stream_contents.h"

namespace tablestream {
namespace crash {

inline constexpr char kTallyTable[] = "Tally";
inline constexpr char kReaderConsumer[] = "reader";
inline constexpr char kTallyConsumer[] = "tally";
// The table of the trigger's tally (standard_trigger.h), and the prefix of
// the consumer that holds an event source mapping's checkpoint.
inline constexpr char kTriggerTallyTable[] = "TriggerTally";
inline constexpr char kMappingConsumerPrefix[] = "esm-";

// Creates the Tally table and both consumers unless they exist, each
// journaled on `thread` ("create Tally ..." and "consumer Items - <name>").
// REQUIRES: the Items table exists.
absl::Status SetUpConsumers(Engine& engine, CrashJournal& journal, int thread);

// The consumer loops: they run until an error, which is a violation or an
// unexpected failure. `seed` varies batch sizes and durability.
absl::Status RunReaderConsumer(Engine& engine, uint64_t seed);
absl::Status RunTallyConsumer(Engine& engine, uint64_t seed);

// The writes that add `records`, counted per event name, to the "n"
// attribute of `table`'s items keyed by event name (one ADD per name): what
// the tally consumer and the tally trigger commit with their checkpoints.
std::vector<ConsumerWrite> TallyWrites(const std::string& table,
                                       const std::vector<StreamRecord>& records);

// What the checker knows of the consumers from the journal.
struct ConsumerExpectations {
  bool reader_created = false;  // acknowledged: it must exist
  bool tally_created = false;
  bool trigger_created = false;  // the tally trigger's mapping
};

// Checks both consumers against `items`, the whole Items stream as read
// after the kill, and the trigger's tally against the positions of every
// mapping consumer ("esm-..."; one that never ran adds nothing). Returns the
// number of facts checked.
absl::StatusOr<int64_t> CheckConsumers(Engine& engine,
                                       const StreamContents& items,
                                       const ConsumerExpectations& expected);

}  // namespace crash
}  // namespace tablestream

#endif  // TABLESTREAM_TOOLS_CRASH_STANDARD_CONSUMERS_H_
