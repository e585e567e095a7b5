// Copyright 2026 The tablestream Authors.
//
// The lesson's real-time vote tally as a C++ trigger. Votes are items of
// "Votes" ({"VoteId": S, "Candidate": S}); the trigger "vote-tally" adds
// each batch's new votes to "VoteTally" ({"Candidate": S, "Count": N}). Its
// writes commit together with the mapping's checkpoint
// (TriggerResponse::writes), so the tally stays exact when the process is
// killed and restarted: a batch is either counted and checkpointed, or
// neither, and is then delivered again.
//
// Thread-safe (the engine and the runtime are; the handler is pure).

#ifndef TABLESTREAM_EXAMPLES_VOTE_TALLY_H_
#define TABLESTREAM_EXAMPLES_VOTE_TALLY_H_

#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tablestream/engine.h"
#include "tablestream/triggers.h"

namespace tablestream {
namespace examples {

inline constexpr char kVotesTable[] = "Votes";
inline constexpr char kTallyTable[] = "VoteTally";
inline constexpr char kTallyFunction[] = "vote-tally";

// Creates the tables and the mapping unless they exist. Idempotent.
absl::Status SetUpVoteTally(Engine* engine, TriggerRuntime* runtime);

// The handler: one ADD to VoteTally per candidate voted for in the batch
// (INSERTs of Votes), as writes committed with the checkpoint.
TriggerResponse TallyBatch(const TriggerBatch& batch);

// Registers the handler (every process that runs the tally does this).
absl::Status RegisterVoteTally(TriggerRuntime* runtime);

// One vote; the stream record it makes is what the trigger counts.
absl::Status CastVote(Engine* engine, const std::string& vote_id,
                      const std::string& candidate);

// Candidate -> count, from VoteTally, and from the Votes themselves.
absl::StatusOr<std::map<std::string, int64_t>> ReadTally(Engine* engine);
absl::StatusOr<std::map<std::string, int64_t>> CountVotes(Engine* engine);

}  // namespace examples
}  // namespace tablestream

#endif  // TABLESTREAM_EXAMPLES_VOTE_TALLY_H_
