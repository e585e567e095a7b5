// Copyright 2026 The tablestream Authors.
//
// The crash tester end to end: the built-in workload survives kills with
// every check passing, and sabotaged workloads (an acknowledgement for a
// write never made, a write never journaled, a failing workload) are caught
// with a diagnosis that names the seed. These tests fork; they never open
// RocksDB in the test process itself.

#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tablestream/crash_test.h"
#include "tablestream/errors.h"
#include "tools/crash/standard_consumers.h"
#include "tools/crash/standard_workload.h"

namespace tablestream {
namespace crash {
namespace {

using ::testing::HasSubstr;

CrashTestOptions ShortRun(int rounds, uint64_t seed) {
  // Kills land anywhere from Engine::Open (a few hundred ms on a loaded
  // machine) to well into the workload.
  CrashTestOptions options;
  options.seed = seed;
  options.seconds = 0;
  options.rounds = rounds;
  options.min_kill_delay_ms = 150;
  options.max_kill_delay_ms = 600;
  options.engine_options.durable_writes = true;
  return options;
}

StandardWorkloadOptions SmallWorkload() {
  StandardWorkloadOptions options;
  options.threads = 3;
  options.keys_per_thread = 4;
  options.shard_rollover_records = 50;  // several shards per round
  return options;
}

TEST(CrashTesterTest, StandardWorkloadSurvivesKills) {
  StandardWorkload workload(SmallWorkload());
  auto summary = RunCrashTest(workload, ShortRun(6, 7));
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_FALSE(summary->violation.has_value()) << *summary->violation;
  EXPECT_EQ(summary->rounds, 6);
  EXPECT_EQ(summary->kills, 6);
  EXPECT_GT(summary->operations, 0);
  EXPECT_GT(summary->checks, summary->operations);
}

TEST(CrashTesterTest, NonDurableWritesAlsoSurviveAProcessKill) {
  StandardWorkloadOptions options = SmallWorkload();
  options.durability = Durability::kNever;
  StandardWorkload workload(options);
  auto summary = RunCrashTest(workload, ShortRun(3, 8));
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_FALSE(summary->violation.has_value()) << *summary->violation;
  EXPECT_GT(summary->operations, 0);
}

// Creates Items as the standard workload does, journaled.
absl::Status CreateItems(Engine& engine, CrashJournal& journal) {
  journal.Begin(0, "create Items - - 0 1");
  if (!engine.CreateTable(StandardTableRequest(kItemsTable)).ok()) {
    return absl::InternalError("create");
  }
  journal.Acknowledge(0, "ok");
  return absl::OkStatus();
}

// Journals an acknowledged put that it never makes, then runs the standard
// workload: the checker must report the lost write.
class AcknowledgesAWriteItNeverMade : public StandardWorkload {
 public:
  AcknowledgesAWriteItNeverMade() : StandardWorkload(SmallWorkload()) {}
  absl::Status Run(Engine& engine, uint64_t seed,
                   CrashJournal& journal) override {
    if (absl::Status s = CreateItems(engine, journal); !s.ok()) return s;
    journal.Begin(0, "put Items t0k0 never-written 5 1");
    journal.Acknowledge(0, "ok");
    return StandardWorkload::Run(engine, seed, journal);
  }
};

// A run whose child gets well past Engine::Open before the kill.
CrashTestOptions OneLongRound(uint64_t seed) {
  CrashTestOptions options = ShortRun(1, seed);
  options.min_kill_delay_ms = 1500;
  options.max_kill_delay_ms = 1500;
  return options;
}

TEST(CrashTesterTest, CatchesALostAcknowledgedWrite) {
  AcknowledgesAWriteItNeverMade workload;
  auto summary = RunCrashTest(workload, OneLongRound(1234));
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_TRUE(summary->violation.has_value());
  EXPECT_THAT(*summary->violation, HasSubstr("acknowledged write lost"));
  EXPECT_THAT(*summary->violation, HasSubstr("never-written"));
  EXPECT_THAT(*summary->violation, HasSubstr("seed 1234"));
  EXPECT_EQ(summary->rounds, 1);
}

// Writes an item the journal never hears of: the checker must find the
// record without a journaled write.
class WritesBehindTheJournal : public StandardWorkload {
 public:
  WritesBehindTheJournal() : StandardWorkload(SmallWorkload()) {}
  absl::Status Run(Engine& engine, uint64_t seed,
                   CrashJournal& journal) override {
    if (absl::Status s = CreateItems(engine, journal); !s.ok()) return s;
    PutItemRequest put;
    put.table_name = kItemsTable;
    put.item = {{"pk", AttributeValue::S("t0k1")},
                {"op", AttributeValue::S("phantom")}};
    if (!engine.PutItem(put).ok()) return absl::InternalError("put");
    return StandardWorkload::Run(engine, seed, journal);
  }
};

TEST(CrashTesterTest, CatchesAWriteWithoutAJournalEntry) {
  WritesBehindTheJournal workload;
  auto summary = RunCrashTest(workload, OneLongRound(99));
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_TRUE(summary->violation.has_value());
  EXPECT_THAT(*summary->violation, HasSubstr("phantom"));
  EXPECT_THAT(*summary->violation, HasSubstr("Items key t0k1"));
}

// Counts one vote in `table` outside the commits of the consumer or trigger
// that owns it (as one that applies a batch and crashes before its
// checkpoint would): the checker must find the count one above the records
// before the owner's position.
class CountsAVoteTwice : public StandardWorkload {
 public:
  explicit CountsAVoteTwice(std::string table)
      : StandardWorkload(SmallWorkload()), table_(std::move(table)) {}
  absl::Status Run(Engine& engine, uint64_t seed,
                   CrashJournal& journal) override {
    if (absl::Status s = CreateItems(engine, journal); !s.ok()) return s;
    if (absl::Status s = SetUpConsumers(engine, journal, 0); !s.ok()) return s;
    CreateTableRequest tally = StandardTableRequest(table_);
    tally.stream_specification.reset();
    absl::Status created = engine.CreateTable(tally).status();
    if (!created.ok() && ExceptionName(created) != kResourceInUseException) {
      return created;
    }
    UpdateItemRequest add;
    add.table_name = table_;
    add.key = {{"pk", AttributeValue::S("INSERT")}};
    add.attribute_updates["n"] = {AttributeAction::kAdd, AttributeValue::N("1")};
    if (!engine.UpdateItem(add).ok()) return absl::InternalError("add");
    return StandardWorkload::Run(engine, seed, journal);
  }

 private:
  std::string table_;
};

TEST(CrashTesterTest, CatchesATallyThatCountedAVoteTwice) {
  CountsAVoteTwice workload(kTallyTable);
  auto summary = RunCrashTest(workload, OneLongRound(31));
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_TRUE(summary->violation.has_value());
  EXPECT_THAT(*summary->violation, HasSubstr("Tally count of INSERT is"));
  EXPECT_THAT(*summary->violation, HasSubstr("seed 31"));
}

TEST(CrashTesterTest, CatchesATriggerThatCountedAVoteTwice) {
  CountsAVoteTwice workload(kTriggerTallyTable);
  auto summary = RunCrashTest(workload, OneLongRound(32));
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_TRUE(summary->violation.has_value());
  EXPECT_THAT(*summary->violation,
              HasSubstr("TriggerTally count of INSERT is"));
  EXPECT_THAT(*summary->violation, HasSubstr("before the trigger's position"));
}

// Applies two of a transaction's three writes as separate writes, journaled
// as one transaction in flight: the checker must find it torn.
class TearsATransaction : public StandardWorkload {
 public:
  TearsATransaction() : StandardWorkload(SmallWorkload()) {}
  absl::Status Run(Engine& engine, uint64_t seed,
                   CrashJournal& journal) override {
    if (absl::Status s = CreateItems(engine, journal); !s.ok()) return s;
    journal.Begin(0, "create Ledger - - 0 1");
    if (!engine.CreateTable(StandardTableRequest(kLedgerTable)).ok()) {
      return absl::InternalError("create Ledger");
    }
    journal.Acknowledge(0, "ok");
    journal.Begin(99, "txn Items t0k0,t0k1 torn 5 1");
    UpdateItemRequest add;
    add.table_name = kItemsTable;
    add.key = {{"pk", AttributeValue::S("t0k0")}};
    add.attribute_updates["c"] = {AttributeAction::kAdd, AttributeValue::N("5")};
    add.attribute_updates["op"] = {AttributeAction::kPut,
                                   AttributeValue::S("torn")};
    PutItemRequest ledger;
    ledger.table_name = kLedgerTable;
    ledger.item = {{"pk", AttributeValue::S("torn")},
                   {"keys", AttributeValue::S("t0k0,t0k1")}};
    if (!engine.UpdateItem(add).ok() || !engine.PutItem(ledger).ok()) {
      return absl::InternalError("write");
    }
    return StandardWorkload::Run(engine, seed, journal);
  }
};

TEST(CrashTesterTest, CatchesATornTransaction) {
  TearsATransaction workload;
  auto summary = RunCrashTest(workload, OneLongRound(41));
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_TRUE(summary->violation.has_value());
  EXPECT_THAT(*summary->violation, HasSubstr("is torn"));
  EXPECT_THAT(*summary->violation,
              HasSubstr("Items t0k0 written, Items t0k1 not written, Ledger "
                        "written"));
}

// A delete in flight at a kill, then an acknowledged failed conditional put
// and an acknowledged delete of the same item: both deletes would make the
// same REMOVE record, and only the second did. (A greedy checker matched the
// record to the first delete and reported a false violation in an hour-long
// run; the checker searches instead.)
class DeleteInFlightThenDeleteAgain : public StandardWorkload {
 public:
  DeleteInFlightThenDeleteAgain() : StandardWorkload(SmallWorkload()) {}
  absl::Status Run(Engine& engine, uint64_t seed,
                   CrashJournal& journal) override {
    if (absl::Status s = CreateItems(engine, journal); !s.ok()) return s;
    PutItemRequest put;
    put.table_name = kItemsTable;
    put.item = {{"pk", AttributeValue::S("t0k0")},
                {"op", AttributeValue::S("p1")},
                {"v", AttributeValue::N("7")}};
    journal.Begin(0, "put Items t0k0 p1 7 1");
    if (!engine.PutItem(put).ok()) return absl::InternalError("put");
    journal.Acknowledge(0, "ok");
    journal.Begin(0, "del Items t0k0 d1 0 1");  // "killed" before it ran
    PutItemRequest cput = put;
    cput.item["op"] = AttributeValue::S("c1");
    cput.expected.expected["pk"].exists = false;
    journal.Begin(0, "cput Items t0k0 c1 7 1");
    if (!IsConditionalCheckFailed(engine.PutItem(cput).status())) {
      return absl::InternalError("cput should fail");
    }
    journal.Acknowledge(0, "ConditionalCheckFailedException");
    DeleteItemRequest del;
    del.table_name = kItemsTable;
    del.key = {{"pk", AttributeValue::S("t0k0")}};
    journal.Begin(0, "del Items t0k0 d2 0 1");
    if (!engine.DeleteItem(del).ok()) return absl::InternalError("del");
    journal.Acknowledge(0, "ok");
    return absl::OkStatus();  // ends the round without a kill
  }
};

TEST(CrashTesterTest, AttributesIdenticalRecordsToTheRightWrite) {
  DeleteInFlightThenDeleteAgain workload;
  CrashTestOptions options = OneLongRound(11);
  options.max_kill_delay_ms = options.min_kill_delay_ms = 30000;
  auto summary = RunCrashTest(workload, options);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_FALSE(summary->violation.has_value()) << *summary->violation;
  EXPECT_EQ(summary->kills, 0);
  EXPECT_GT(summary->checks, 0);
}

class FailingWorkload : public CrashWorkload {
 public:
  absl::Status Run(Engine&, uint64_t, CrashJournal&) override {
    return absl::InternalError("the workload's own error");
  }
  absl::StatusOr<int64_t> Check(CrashCheckContext&) override { return 0; }
};

TEST(CrashTesterTest, ReportsAFailingWorkload) {
  FailingWorkload workload;
  CrashTestOptions options = ShortRun(3, 5);
  options.min_kill_delay_ms = 30000;  // it fails long before
  options.max_kill_delay_ms = 30000;
  auto summary = RunCrashTest(workload, options);
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_TRUE(summary->violation.has_value());
  EXPECT_THAT(*summary->violation, HasSubstr("the workload's own error"));
  EXPECT_THAT(*summary->violation, HasSubstr("round 0"));
  EXPECT_EQ(summary->rounds, 1);
}

// A user workload through the public interface alone: a counter that each
// acknowledged increment must have reached.
class CounterWorkload : public CrashWorkload {
 public:
  absl::Status Run(Engine& engine, uint64_t seed,
                   CrashJournal& journal) override {
    CreateTableRequest create;
    create.table_name = "Counter";
    create.key_schema.push_back({"pk", KeyType::kHash});
    create.attribute_definitions.push_back({"pk", ScalarAttributeType::kS});
    absl::Status s = engine.CreateTable(create).status();
    if (!s.ok() && ExceptionNameOf(s) != "ResourceInUseException") return s;
    for (;;) {
      UpdateItemRequest add;
      add.table_name = "Counter";
      add.key = {{"pk", AttributeValue::S("n")}};
      add.attribute_updates["n"] = {AttributeAction::kAdd,
                                    AttributeValue::N("1")};
      journal.Begin(0, "increment");
      if (absl::Status u = engine.UpdateItem(add).status(); !u.ok()) return u;
      journal.Acknowledge(0, "ok");
    }
  }
  absl::StatusOr<int64_t> Check(CrashCheckContext& context) override {
    int64_t acknowledged = 0, in_flight = 0;
    for (const CrashJournalEntry& e : context.history) {
      (e.outcome ? acknowledged : in_flight)++;
    }
    GetItemRequest get;
    get.table_name = "Counter";
    get.key = {{"pk", AttributeValue::S("n")}};
    auto item = context.engine->GetItem(get);
    if (!item.ok() && acknowledged == 0) return 1;  // killed before creating
    if (!item.ok()) return item.status();
    const int64_t n = *item ? std::stoll((**item).at("n").scalar()) : 0;
    if (n < acknowledged || n > acknowledged + in_flight) {
      return absl::InternalError(absl::StrCat("counter ", n, " but ",
                                              acknowledged, " acknowledged"));
    }
    return 1;
  }

 private:
  static std::string ExceptionNameOf(const absl::Status& s) {
    return std::string(s.message().substr(0, s.message().find(':')));
  }
};

TEST(CrashTesterTest, RunsAUserWorkloadThroughThePublicInterface) {
  CounterWorkload workload;
  auto summary = RunCrashTest(workload, ShortRun(3, 3));
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_FALSE(summary->violation.has_value()) << *summary->violation;
  EXPECT_EQ(summary->checks, 3);
  EXPECT_GT(summary->operations, 0);
}

}  // namespace
}  // namespace crash
}  // namespace tablestream
