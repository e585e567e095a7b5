// Copyright 2026 The tablestream Authors.
//
// Trigger crash tests, in the manner of consumer_crash_test.cc: a forked
// child runs the trigger runtime and reports each step on a pipe; the parent
// kills it with SIGKILL right after a seeded random line and runs the next
// child on the same database.
//
//  - redelivery: a child killed in the middle of delivering a batch (after
//    the handler saw some of its records, before the checkpoint) gets the
//    same batch again, from its first record, in the next process;
//  - exactly-once tally: the lesson's vote tally (examples/vote_tally.h)
//    commits its writes with the checkpoint; votes are cast and counted
//    while the child is killed at random moments, also between a handler's
//    return and its commit; after every restart the tally equals the votes.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "examples/vote_tally.h"
#include "gtest/gtest.h"
#include "tablestream/triggers.h"
#include "tests/child_process.h"
#include "tests/random_values.h"
#include "tests/test_util.h"

namespace tablestream {
namespace test {
namespace {

struct Child {
  std::unique_ptr<Engine> engine;
  std::unique_ptr<TriggerRuntime> runtime;
};

Child OpenChild(const std::string& path, int fd) {
  Options options = TestOptions(NewTestClock());
  options.retention_interval_seconds = 0;
  options.durable_writes = false;  // a process kill keeps them anyway
  Child child;
  auto engine = Engine::Open(options, path);
  if (!engine.ok()) Die(fd, "open", engine.status());
  child.engine = std::move(*engine);
  TriggerRuntimeOptions runtime_options;
  runtime_options.clock = options.clock;
  auto runtime = TriggerRuntime::Open(child.engine.get(), runtime_options);
  if (!runtime.ok()) Die(fd, "runtime", runtime.status());
  child.runtime = std::move(*runtime);
  return child;
}

TEST(TriggerCrashTest, BatchKilledMidDeliveryIsDeliveredAgain) {
  CrashTestDb db(20261203);
  const uint64_t seed = db.seed();
  const std::string& path = db.path();
  Random rng(seed);
  constexpr int kRecords = 60;
  RunChild(
      [&](int fd) {
        Child c = OpenChild(path, fd);
        absl::Status s =
            c.engine
                ->CreateTable(TableRequest("events", {"pk"}, std::nullopt,
                                           StreamViewType::kKeysOnly))
                .status();
        for (int i = 0; s.ok() && i < kRecords; ++i) {
          s = Put(*c.engine, "events", {{"pk", S(absl::StrCat("e", i))}});
        }
        CreateEventSourceMappingRequest m;
        m.event_source_arn = *LatestStreamArn(*c.engine, "events");
        m.function_name = "f";
        m.starting_position = "TRIM_HORIZON";
        m.options.batch_size = 7;
        if (s.ok()) s = c.runtime->CreateEventSourceMapping(m).status();
        if (!s.ok()) Die(fd, "setup", s);
      },
      -1);
  std::set<std::string> delivered;
  std::string killed_batch;  // first record of the batch killed mid-way
  constexpr int kKills = 6;
  for (int round = 0; round <= kKills; ++round) {
    // The last child runs to the end.
    const int kill_after =
        round == kKills ? -1 : 1 + static_cast<int>(rng.Uniform(12));
    std::vector<std::string> lines = RunChild(
        [&](int fd) {
          Child c = OpenChild(path, fd);
          absl::Status s = c.runtime->RegisterHandler(
              "f", [fd](const TriggerBatch& b) {
                Report(fd, "b " + b.records[0].dynamodb.sequence_number);
                for (const StreamRecord& r : b.records) {
                  Report(fd, "d " + r.dynamodb.sequence_number);
                }
                return TriggerResponse();
              });
          if (!s.ok()) Die(fd, "register", s);
          auto n = c.runtime->RunUntilIdle();
          if (!n.ok()) Die(fd, "run", n.status());
          Report(fd, "idle");
        },
        kill_after, /*lockstep=*/true);
    if (!killed_batch.empty()) {
      ASSERT_FALSE(lines.empty());
      EXPECT_EQ(lines[0], "b " + killed_batch) << "round " << round;
    }
    killed_batch.clear();
    for (const std::string& line : lines) {
      if (absl::StartsWith(line, "b ")) killed_batch = line.substr(2);
      if (absl::StartsWith(line, "d ")) delivered.insert(line.substr(2));
    }
    // The last batch was cut short unless the child reached "idle".
    if (!lines.empty() && lines.back() == "idle") killed_batch.clear();
  }
  EXPECT_EQ(delivered.size(), static_cast<size_t>(kRecords));
}

TEST(TriggerCrashTest, VoteTallyStaysExactAcrossRepeatedKills) {
  CrashTestDb db(20261204);
  const uint64_t seed = db.seed();
  const std::string& path = db.path();
  Random rng(seed);
  constexpr int kRounds = 10;
  constexpr int kVotesPerRound = 40;
  const std::vector<std::string> candidates = {"alice", "bob", "carol"};
  int64_t acknowledged = 0;
  auto child_body = [&](int round, int fd) {
    Child c = OpenChild(path, fd);
    absl::Status s =
        examples::SetUpVoteTally(c.engine.get(), c.runtime.get());
    if (s.ok()) {
      s = c.runtime->RegisterHandler(
          examples::kTallyFunction, [fd](const TriggerBatch& b) {
            TriggerResponse r = examples::TallyBatch(b);
            // A kill here lands between the handler and its commit.
            Report(fd, absl::StrCat("handled ", b.records.size()));
            return r;
          });
    }
    if (!s.ok()) Die(fd, "setup", s);
    // What the killed process left: finish it, then compare.
    auto n = c.runtime->RunUntilIdle();
    if (!n.ok()) Die(fd, "run", n.status());
    auto tally = examples::ReadTally(c.engine.get());
    auto votes = examples::CountVotes(c.engine.get());
    if (!tally.ok()) Die(fd, "tally", tally.status());
    if (!votes.ok()) Die(fd, "votes", votes.status());
    int64_t total = 0;
    for (const auto& [candidate, count] : *votes) total += count;
    if (*tally != *votes) {
      Die(fd, "check", absl::InternalError(absl::StrCat(
                           "tally differs from the votes (", total, ")")));
    }
    Report(fd, absl::StrCat("exact ", total));
    if (round < 0) return;
    for (int i = 0; i < kVotesPerRound; ++i) {
      s = examples::CastVote(c.engine.get(), absl::StrCat("r", round, "-", i),
                             candidates[(round + i) % candidates.size()]);
      if (!s.ok()) Die(fd, "vote", s);
      Report(fd, "vote");
      if (i % 3 == 2) {
        auto stepped = c.runtime->Step();
        if (!stepped.ok()) Die(fd, "step", stepped.status());
      }
    }
  };
  for (int round = 0; round < kRounds; ++round) {
    const int kill_after = 2 + static_cast<int>(rng.Uniform(kVotesPerRound));
    std::vector<std::string> lines = RunChild(
        [&](int fd) { child_body(round, fd); }, kill_after, true);
    for (const std::string& line : lines) acknowledged += (line == "vote");
  }
  std::vector<std::string> lines =
      RunChild([&](int fd) { child_body(-1, fd); }, -1);
  ASSERT_FALSE(lines.empty());
  int64_t total = 0;
  ASSERT_TRUE(absl::SimpleAtoi(lines.back().substr(6), &total))
      << lines.back();
  // Every acknowledged vote is counted (a kill may land after a vote was
  // committed but before it was reported: at most one more per round).
  EXPECT_GE(total, acknowledged);
  EXPECT_LE(total, acknowledged + kRounds);
}

}  // namespace
}  // namespace test
}  // namespace tablestream
