// Copyright 2026 The tablestream Authors.
//
// Consumer crash tests (guarantees 7 and 8), in the manner of crash_test.cc:
// a forked child runs a consumer and reports what it does on a pipe; the
// parent kills it with SIGKILL at seeded random moments and checks, over
// repeated kills of the same database:
//
//  - at-least-once: a consumer that reads a batch, processes it (reports
//    each record) and then checkpoints, resumes after its last checkpoint:
//    a batch killed between processing and checkpoint is delivered again,
//    and no record is ever skipped;
//  - exactly-once: a voter writes votes while a tally consumer adds each
//    batch's votes to tally items with CommitWithCheckpoint; after every
//    kill, each candidate's tally equals the votes for that candidate in
//    the stream, exactly.
//
// The test process never opens RocksDB (see crash_test.cc): children do.

#include <atomic>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/child_process.h"
#include "tests/random_values.h"
#include "tests/test_util.h"
#include "util/status_macros.h"

namespace tablestream {
namespace test {
namespace {

constexpr int kRounds = 8;
constexpr int kRecords = 300;
constexpr int kCandidates = 3;

std::string StreamOrDie(Engine& engine, const std::string& table, int fd) {
  auto arn = LatestStreamArn(engine, table);
  if (!arn.ok()) Die(fd, "stream", arn.status());
  return *arn;
}

// The sequence of a "<tag> <21-digit sequence number>" line ("1" and 20
// digits: the sequence is the 20 digits).
uint64_t SequenceOf(const std::string& line) {
  uint64_t v = 0;
  EXPECT_TRUE(line.size() == 23 && absl::SimpleAtoi(line.substr(3), &v))
      << line;
  return v;
}

// ---- At-least-once ----

// Reads batches of seeded random sizes; reports "p <seq>" per processed
// record, checkpoints, then reports "c <seq>". Stops when caught up.
void AtLeastOnceConsumer(const std::string& path, uint64_t seed, int fd) {
  std::unique_ptr<Engine> engine = OpenOrDie(path, fd);
  const std::string arn = StreamOrDie(*engine, "events", fd);
  Random rng(seed);
  while (true) {
    ReadConsumerRequest read{arn, "c", static_cast<int>(1 + rng.Uniform(12))};
    auto batch = engine->ReadConsumer(read);
    if (!batch.ok()) Die(fd, "read", batch.status());
    if (batch->records.empty()) return;
    for (const StreamRecord& r : batch->records) {
      Report(fd, absl::StrCat("p ", r.dynamodb.sequence_number));
    }
    const std::string last = batch->records.back().dynamodb.sequence_number;
    absl::Status s =
        engine->CheckpointConsumer({arn, "c", batch->shard_id, last});
    if (!s.ok()) Die(fd, "checkpoint", s);
    Report(fd, absl::StrCat("c ", last));
  }
}

TEST(ConsumerCrashTest, KilledConsumerGetsItsBatchAgainAndLosesNothing) {
  CrashTestDb db(20261202);
  const uint64_t seed = db.seed();
  const std::string& path = db.path();
  RunChild(
      [&](int fd) {
        std::unique_ptr<Engine> engine = OpenOrDie(path, fd);
        auto table = engine->CreateTable(
            TableRequest("events", {"id", ScalarAttributeType::kS},
                         std::nullopt, StreamViewType::kKeysOnly));
        if (!table.ok()) Die(fd, "create table", table.status());
        for (int i = 0; i < kRecords; ++i) {
          absl::Status s = Put(*engine, "events", {{"id", S(absl::StrCat(i))}});
          if (!s.ok()) Die(fd, "put", s);
        }
        const std::string arn = StreamOrDie(*engine, "events", fd);
        auto consumer = engine->CreateConsumer({arn, "c"});
        if (!consumer.ok()) Die(fd, "create consumer", consumer.status());
      },
      -1);

  Random rng(seed);
  std::set<uint64_t> processed;
  uint64_t acknowledged_next = 1;  // one past the last reported checkpoint
  uint64_t last_processed = 0;
  int redeliveries = 0;
  for (int round = 0; round <= kRounds; ++round) {
    const bool last_round = round == kRounds;
    const int kill_after =
        last_round ? -1 : 1 + static_cast<int>(rng.Uniform(80));
    std::vector<std::string> lines =
        RunChild([&](int fd) { AtLeastOnceConsumer(path, seed + round, fd); },
                 kill_after, /*lockstep=*/true);
    bool first = true;
    for (const std::string& line : lines) {
      if (line.size() < 3) continue;
      const uint64_t seq = SequenceOf(line);
      if (line[0] == 'p') {
        if (first) {
          // It resumes after its last checkpoint: at the acknowledged one,
          // or later if the kill came after the checkpoint committed but
          // before it was reported. Never past what it processed.
          EXPECT_GE(seq, acknowledged_next) << "round " << round;
          EXPECT_LE(seq, last_processed + 1) << "round " << round;
          if (seq <= last_processed) ++redeliveries;
          first = false;
        }
        processed.insert(seq);
        last_processed = seq;
      } else if (line[0] == 'c') {
        acknowledged_next = seq + 1;
      }
    }
  }
  // Nothing lost: every record was processed at least once.
  EXPECT_EQ(processed.size(), static_cast<size_t>(kRecords));
  EXPECT_EQ(*processed.begin(), 1u);
  EXPECT_EQ(*processed.rbegin(), static_cast<uint64_t>(kRecords));
  // The seeded kills land between processing and checkpoint in some round.
  EXPECT_GT(redeliveries, 0);
}

// ---- Exactly-once ----

// Vote `i` is for candidate i % kCandidates; a put of it is idempotent (an
// identical put writes no record), so the voter may redo the one in flight.
Item Vote(int i) {
  return {{"id", S(absl::StrCat("vote-", i))},
          {"candidate", S(absl::StrCat("cand-", i % kCandidates))}};
}

// The tally consumer's loop: each batch's votes, added to the tally items
// with the checkpoint in one commit (reported as "t" on `fd` if >= 0).
// Returns when caught up if `drain`.
absl::Status RunTally(Engine& engine, const std::string& arn, Random& rng,
                      bool drain, const std::atomic<bool>& voter_done,
                      int fd = -1) {
  while (true) {
    ReadConsumerRequest read{arn, "tally",
                             static_cast<int>(1 + rng.Uniform(20))};
    read.wait_millis = drain ? 0 : 100;
    TABLESTREAM_ASSIGN_OR_RETURN(ConsumerBatch batch,
                                 engine.ReadConsumer(read));
    if (batch.records.empty()) {
      if (drain || voter_done.load()) return absl::OkStatus();
      continue;
    }
    std::map<std::string, int> votes;
    for (const StreamRecord& r : batch.records) {
      if (r.event_name == EventName::kInsert) {
        ++votes[r.dynamodb.new_image->at("candidate").scalar()];
      }
    }
    CommitWithCheckpointRequest commit;
    commit.checkpoint = {arn, "tally", batch.shard_id,
                         batch.records.back().dynamodb.sequence_number};
    commit.first_sequence_number =
        batch.records.front().dynamodb.sequence_number;
    for (const auto& [candidate, n] : votes) {
      UpdateItemRequest add;
      add.table_name = "tally";
      add.key = {{"id", S(candidate)}};
      add.attribute_updates["n"] = {AttributeAction::kAdd, N(absl::StrCat(n))};
      commit.writes.push_back(add);
    }
    TABLESTREAM_RETURN_IF_ERROR(engine.CommitWithCheckpoint(commit));
    if (fd >= 0) Report(fd, "t");
  }
}

// One round: a voter thread puts votes from `first_vote` on (reporting
// "v <i>" per acknowledged vote) while the tally consumer runs.
void VoteAndTally(const std::string& path, uint64_t seed, int first_vote,
                  int fd) {
  std::unique_ptr<Engine> engine = OpenOrDie(path, fd);
  const std::string arn = StreamOrDie(*engine, "votes", fd);
  std::atomic<bool> voter_done{false};
  std::thread voter([&] {
    for (int i = first_vote; i < first_vote + 400; ++i) {
      absl::Status s = Put(*engine, "votes", Vote(i));
      if (!s.ok()) Die(fd, "vote", s);
      Report(fd, absl::StrCat("v ", i));
    }
    voter_done.store(true);
  });
  Random rng(seed);
  absl::Status s = RunTally(*engine, arn, rng, false, voter_done, fd);
  voter.join();
  if (!s.ok()) Die(fd, "tally", s);
}

// Drains the tally consumer, then compares the tallies with the votes in
// the stream; reports "ok" or "mismatch ...".
void Verify(const std::string& path, int fd) {
  std::unique_ptr<Engine> engine = OpenOrDie(path, fd);
  const std::string arn = StreamOrDie(*engine, "votes", fd);
  Random rng(1);
  std::atomic<bool> done{true};
  absl::Status s = RunTally(*engine, arn, rng, true, done);
  if (!s.ok()) Die(fd, "drain", s);
  auto shards = ListShards(*engine, arn);
  if (!shards.ok()) Die(fd, "shards", shards.status());
  std::map<std::string, int> expected;
  int inserts = 0;
  for (const Shard& shard : *shards) {
    auto records = ReadShard(*engine, arn, shard.shard_id);
    if (!records.ok()) Die(fd, "read", records.status());
    for (const StreamRecord& r : *records) {
      if (r.event_name != EventName::kInsert) continue;
      ++expected[r.dynamodb.new_image->at("candidate").scalar()];
      ++inserts;
    }
  }
  for (const auto& [candidate, n] : expected) {
    std::optional<Item> tally = Get(*engine, "tally", {{"id", S(candidate)}});
    const std::string got = tally ? tally->at("n").scalar() : "0";
    if (got != absl::StrCat(n)) {
      Report(fd, absl::StrCat("mismatch ", candidate, ": tally ", got,
                              ", votes ", n));
    }
  }
  Report(fd, absl::StrCat("votes ", inserts));
}

TEST(ConsumerCrashTest, ExactlyOnceTallyStaysExactAcrossKills) {
  CrashTestDb db(20261203);
  const uint64_t seed = db.seed();
  const std::string& path = db.path();
  RunChild(
      [&](int fd) {
        std::unique_ptr<Engine> engine = OpenOrDie(path, fd);
        CreateTablesOrDie(
            *engine, "id",
            {{"votes", StreamViewType::kNewImage}, {"tally", std::nullopt}},
            fd);
        auto consumer = engine->CreateConsumer(
            {StreamOrDie(*engine, "votes", fd), "tally"});
        if (!consumer.ok()) Die(fd, "create consumer", consumer.status());
      },
      -1);

  Random rng(seed);
  int acknowledged = 0;  // votes 0..acknowledged-1 are committed
  int total_tally_commits = 0;  // made by the killed children
  for (int round = 0; round < kRounds; ++round) {
    const int kill_after = 1 + static_cast<int>(rng.Uniform(300));
    std::vector<std::string> lines = RunChild(
        [&](int fd) { VoteAndTally(path, seed + round, acknowledged, fd); },
        kill_after);
    int tally_commits = 0;
    for (const std::string& line : lines) {
      if (absl::StartsWith(line, "v ")) ++acknowledged;
      if (line == "t") ++tally_commits;
    }
    total_tally_commits += tally_commits;
    std::vector<std::string> report =
        RunChild([&](int fd) { Verify(path, fd); }, -1);
    ASSERT_FALSE(report.empty());
    for (const std::string& line : report) {
      EXPECT_FALSE(absl::StartsWith(line, "mismatch"))
          << "round " << round << ": " << line;
    }
    int votes = 0;
    ASSERT_TRUE(absl::SimpleAtoi(report.back().substr(6), &votes))
        << report.back();
    // Every acknowledged vote is in the stream (and the one in flight may
    // be).
    EXPECT_GE(votes, acknowledged);
    EXPECT_LE(votes, acknowledged + 1);
    acknowledged = votes;
    std::cout << "round " << round << ": killed after " << lines.size()
              << " lines (" << tally_commits << " tally commits); " << votes
              << " votes tallied exactly\n";
  }
  // The kills hit a running tally consumer, not only the voter.
  EXPECT_GT(total_tally_commits, kRounds);
}

}  // namespace
}  // namespace test
}  // namespace tablestream
