// Copyright 2026 The tablestream Authors.
//
// Durability and error handling under file-system faults, with
// FaultInjectionFileSystem (guarantees 1, 2 and 5; the error state of
// DESIGN.md section 4):
//
//  - Power loss: after a simulated power cut (unsynced bytes dropped), every
//    acknowledged durable write is present, and what survives is one
//    consistent prefix of the commit order across tables: each stream equals
//    the model's records up to a single cut at or after the last durable
//    write, each table equals the fold of its stream, no sequence gap.
//  - A failed WAL append or sync fails the writes of its group with
//    InternalServerError, later writes are refused, reads keep working, and
//    after a reopen nothing acknowledged is lost and sequences are contiguous.

#include <atomic>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "engine/engine_impl.h"
#include "gtest/gtest.h"
#include "rocksdb/env.h"
#include "tests/fault_injection_fs.h"
#include "tests/model_engine.h"
#include "tests/random_values.h"
#include "tests/test_util.h"

namespace tablestream {
namespace test {
namespace {

using FaultOp = FaultInjectionFileSystem::Op;
using FaultKind = FaultInjectionFileSystem::ErrorKind;

std::vector<ModelTableSpec> FaultTables() {
  return {
      {"fault_a",
       {"id", ScalarAttributeType::kS},
       std::nullopt,
       StreamViewType::kNewAndOldImages},
      {"fault_b",
       {"pk", ScalarAttributeType::kS},
       KeyAttribute{"sk", ScalarAttributeType::kN},
       StreamViewType::kNewAndOldImages},
  };
}

Item RandomKey(const ModelTableSpec& spec, Random& rng) {
  Item key{{spec.hash.name, S(absl::StrCat("k", rng.Uniform(8)))}};
  if (spec.range) key[spec.range->name] = N(absl::StrCat(rng.Uniform(3)));
  return key;
}

class FaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_ = NewTestClock();
    fs_ = std::make_shared<FaultInjectionFileSystem>();
    env_ = rocksdb::NewCompositeEnv(fs_);
    for (const ModelTableSpec& spec : FaultTables()) models_.emplace_back(spec);
    Open();
    for (const ModelTableSpec& spec : FaultTables()) {
      TS_ASSERT_OK(engine_->CreateTable(
          TableRequest(spec.name, spec.hash, spec.range, spec.view)));
    }
  }

  void Open() {
    engine_.reset();
    Options options = TestOptions(clock_);
    // Small memtables: flushes happen while the tests write, so a power cut
    // also lands after flushes of one column family and not the other.
    options.write_buffer_bytes = 256u << 10;
    auto engine = OpenTestEngine(options, dir_.path(), env_.get());
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = std::move(*engine);
  }

  // Power cut, close, drop what was not synced, power on, reopen.
  void PowerLossAndReopen() {
    fs_->CutPower();
    engine_.reset();
    const rocksdb::IOStatus dropped = fs_->DropUnsyncedData();
    ASSERT_TRUE(dropped.ok()) << dropped.ToString();
    fs_->Reset();
    Open();
  }

  // One random write to table `t`, applied to the engine and, if the engine
  // acknowledged it, to the model. Returns the engine's status.
  absl::Status RandomWrite(Random& rng, size_t t, bool durable) {
    const ModelTableSpec& spec = models_[t].spec();
    const int64_t now = clock_->NowMicros() / 1000000;
    WriteOptions options;
    options.durable = durable;
    const Item key = RandomKey(spec, rng);
    const uint64_t r = rng.Uniform(10);
    if (r < 5) {
      PutItemRequest p;
      p.table_name = spec.name;
      p.item = key;
      p.item["v"] = RandomValue(rng);
      p.item["pad"] = S(std::string(rng.Uniform(2000), 'p'));
      absl::Status s = engine_->PutItem(p, options).status();
      if (s.ok()) models_[t].Put(p.item, {}, ReturnValue::kNone, now);
      return s;
    }
    if (r < 8) {
      UpdateItemRequest u;
      u.table_name = spec.name;
      u.key = key;
      u.attribute_updates["n"] = {AttributeAction::kAdd, N("1")};
      u.attribute_updates["w"] = {AttributeAction::kPut,
                                  S(absl::StrCat(rng.Next()))};
      absl::Status s = engine_->UpdateItem(u, options).status();
      if (s.ok()) {
        models_[t].Update(key, u.attribute_updates, {}, ReturnValue::kNone,
                          now);
      }
      return s;
    }
    absl::Status s = Delete(*engine_, spec.name, key, options);
    if (s.ok()) models_[t].Delete(key, {}, ReturnValue::kNone, now);
    return s;
  }

  std::vector<StreamRecord> ReadAll(const ModelTableSpec& spec) {
    auto arn = LatestStreamArn(*engine_, spec.name);
    EXPECT_TRUE(arn.ok()) << arn.status();
    if (!arn.ok()) return {};
    auto shards = ListShards(*engine_, *arn);
    EXPECT_TRUE(shards.ok() && !shards->empty());
    if (!shards.ok() || shards->empty()) return {};
    auto records = ReadStream(*engine_, *arn);
    EXPECT_TRUE(records.ok()) << records.status();
    if (!records.ok()) return {};
    EXPECT_TRUE(SequencesContiguous(
        *records, (*shards)[0].sequence_number_range.starting_sequence_number))
        << spec.name;
    return *records;
  }

  // Checks that each table equals the fold of its stream (and its item
  // count), for every key the tests use.
  void ExpectTablesAreTheirStreamsFold() {
    for (const ModelTable& m : models_) {
      const ModelTableSpec& spec = m.spec();
      SCOPED_TRACE(spec.name);
      const std::vector<StreamRecord> records = ReadAll(spec);
      const ModelTable fold = ReplayStream(spec, records);
      // Every key the random writes use, and every key in the stream.
      std::map<std::string, Item> keys;
      for (int h = 0; h < 8; ++h) {
        for (int r = 0; r < (spec.range ? 3 : 1); ++r) {
          Item key{{spec.hash.name, S(absl::StrCat("k", h))}};
          if (spec.range) key[spec.range->name] = N(absl::StrCat(r));
          keys[KeyString(key)] = key;
        }
      }
      for (const StreamRecord& r : records) {
        keys[KeyString(r.dynamodb.keys)] = r.dynamodb.keys;
      }
      for (const auto& [name, key] : keys) {
        const Item* want = fold.Find(key);
        EXPECT_EQ(
            ItemDebugString(Get(*engine_, spec.name, key)),
            ItemDebugString(want ? std::optional<Item>(*want) : std::nullopt))
            << "the item and its stream disagree";
      }
      auto d = engine_->DescribeTable(spec.name);
      ASSERT_TRUE(d.ok()) << d.status();
      EXPECT_EQ(d->item_count, static_cast<int64_t>(fold.items().size()));
    }
  }

  TempDir dir_;
  std::shared_ptr<ManualClock> clock_;
  std::shared_ptr<FaultInjectionFileSystem> fs_;
  std::unique_ptr<rocksdb::Env> env_;  // outlives engine_
  std::unique_ptr<EngineImpl> engine_;
  std::vector<ModelTable> models_;
};

// ---------------------------------------------------------------------------
// Power loss.

TEST_F(FaultTest, PowerLossKeepsDurableWritesAndOneConsistentPrefix) {
  const uint64_t seed = TestSeed(11);
  SCOPED_TRACE(absl::StrCat("seed ", seed));
  Random rng(seed);
  constexpr int kRounds = 6;
  constexpr int kOpsPerRound = 160;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round));
    // counts[i][t]: records of table t after the first i writes of the round.
    std::vector<std::vector<size_t>> counts;
    auto snapshot = [&] {
      std::vector<size_t> c;
      for (const ModelTable& m : models_) c.push_back(m.records().size());
      counts.push_back(c);
    };
    snapshot();
    size_t must_survive = 0;  // writes up to the last durable one
    // Later rounds end with a longer run of non-durable writes.
    const int durable_every = 1 + static_cast<int>(rng.Uniform(4));
    for (int i = 0; i < kOpsPerRound; ++i) {
      const bool tail = i >= kOpsPerRound - 20 * (round % 3);
      const bool durable = !tail && rng.Uniform(durable_every) == 0;
      clock_->AdvanceMicros(rng.Range(0, 100000));
      TS_ASSERT_OK(RandomWrite(rng, rng.Uniform(models_.size()), durable));
      snapshot();
      if (durable) must_survive = counts.size() - 1;
    }

    PowerLossAndReopen();
    ASSERT_FALSE(HasFatalFailure());

    // The survivors are the first k writes of the round, for one k at or
    // after the last durable write, in every table at once.
    std::vector<std::vector<StreamRecord>> recovered;
    for (const ModelTable& m : models_) recovered.push_back(ReadAll(m.spec()));
    size_t cut = counts.size();
    for (size_t k = must_survive; k < counts.size(); ++k) {
      bool all = true;
      for (size_t t = 0; t < models_.size(); ++t) {
        all &= counts[k][t] == recovered[t].size();
      }
      if (all) {
        cut = k;
        break;
      }
    }
    std::string sizes;
    for (size_t t = 0; t < models_.size(); ++t) {
      absl::StrAppend(&sizes, " ", models_[t].spec().name, ":",
                      recovered[t].size(), "/", counts.back()[t],
                      " (durable: ", counts[must_survive][t], ")");
    }
    ASSERT_LT(cut, counts.size())
        << "the recovered streams are not one prefix of the commit order "
           "that includes every durable write:"
        << sizes;
    for (size_t t = 0; t < models_.size(); ++t) {
      const ModelTable& m = models_[t];
      for (size_t i = 0; i < recovered[t].size(); ++i) {
        ASSERT_TRUE(
            RecordMatches(recovered[t][i], m.records()[i], *m.spec().view))
            << m.spec().name << " record " << i << ": got "
            << RecordDebugString(recovered[t][i]) << ", want "
            << ModelRecordDebugString(m.records()[i], *m.spec().view);
      }
    }
    ExpectTablesAreTheirStreamsFold();
    std::cout << "round " << round << ": kept " << cut << " of "
              << counts.size() - 1 << " writes (last durable: " << must_survive
              << ");" << sizes << "\n";
    // The model continues from what survived.
    for (size_t t = 0; t < models_.size(); ++t) {
      models_[t] = ReplayStream(models_[t].spec(), recovered[t]);
    }
  }
}

TEST_F(FaultTest, PowerLossRightAfterDurableWritesLosesNothing) {
  Random rng(TestSeed(12));
  for (int i = 0; i < 300; ++i) {
    TS_ASSERT_OK(RandomWrite(rng, rng.Uniform(models_.size()), true));
  }
  std::vector<size_t> before;
  for (const ModelTable& m : models_) before.push_back(m.records().size());
  PowerLossAndReopen();
  ASSERT_FALSE(HasFatalFailure());
  for (size_t t = 0; t < models_.size(); ++t) {
    const std::vector<StreamRecord> records = ReadAll(models_[t].spec());
    ASSERT_EQ(records.size(), before[t]) << models_[t].spec().name;
    for (size_t i = 0; i < records.size(); ++i) {
      ASSERT_TRUE(RecordMatches(records[i], models_[t].records()[i],
                                StreamViewType::kNewAndOldImages))
          << RecordDebugString(records[i]);
    }
  }
  ExpectTablesAreTheirStreamsFold();
  // And a second power loss, with nothing written in between.
  PowerLossAndReopen();
  ASSERT_FALSE(HasFatalFailure());
  for (size_t t = 0; t < models_.size(); ++t) {
    EXPECT_EQ(ReadAll(models_[t].spec()).size(), before[t]);
  }
  ExpectTablesAreTheirStreamsFold();
}

TEST_F(FaultTest, PowerCutDuringConcurrentWritesKeepsAcknowledgedDurableOnes) {
  // Writers mix durable and non-durable puts of fresh keys; the power goes
  // off while they run (after a number of acknowledgements). Every durable
  // write acknowledged before the cut must survive; anything else may be
  // lost, but only as a whole (no item without its record or back) and
  // without a sequence hole.
  const uint64_t seed = TestSeed(14);
  SCOPED_TRACE(absl::StrCat("seed ", seed));
  Random rng(seed);
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round));
    constexpr int kWriters = 8;
    const int cut_after = 50 + static_cast<int>(rng.Uniform(400));
    absl::Mutex mu;
    int acks = 0;
    std::vector<std::vector<std::string>> durable_acked(kWriters);
    std::vector<std::thread> threads;
    for (int w = 0; w < kWriters; ++w) {
      threads.emplace_back([&, w] {
        for (int i = 0; i < 100000; ++i) {
          WriteOptions options;
          options.durable = i % 3 != 0;
          const std::string id = absl::StrCat("r", round, "-t", w, "-", i);
          if (!Put(*engine_, "fault_a", {{"id", S(id)}, {"v", N("1")}}, options)
                   .ok()) {
            return;  // the engine stopped taking writes
          }
          absl::MutexLock lock(&mu);
          if (*options.durable) durable_acked[w].push_back(id);
          ++acks;
        }
      });
    }
    std::pair<int*, int> goal(&acks, cut_after);
    bool reached = false;
    {
      absl::MutexLock lock(&mu);
      reached = mu.AwaitWithTimeout(
          absl::Condition(
              +[](std::pair<int*, int>* g) { return *g->first >= g->second; },
              &goal),
          absl::Seconds(60));
    }
    fs_->CutPower();  // also stops the writers if they made no progress
    EXPECT_TRUE(reached) << "the writers made no progress";
    for (std::thread& t : threads) t.join();
    engine_.reset();
    const rocksdb::IOStatus dropped = fs_->DropUnsyncedData();
    ASSERT_TRUE(dropped.ok()) << dropped.ToString();
    fs_->Reset();
    Open();
    ASSERT_FALSE(HasFatalFailure());

    size_t lost = 0, durable = 0;
    for (const auto& ids : durable_acked) {
      for (const std::string& id : ids) {
        ++durable;
        lost += !Get(*engine_, "fault_a", {{"id", S(id)}}).has_value();
      }
    }
    EXPECT_EQ(lost, 0u) << "acknowledged durable writes lost after a power cut";
    ExpectTablesAreTheirStreamsFold();
    std::cout << "round " << round << ": cut after " << cut_after
              << " acknowledgements; " << durable
              << " durable writes acknowledged, all present\n";
  }
}

TEST_F(FaultTest, AcknowledgedTableChangesSurvivePowerLoss) {
  TS_ASSERT_OK(engine_->CreateTable(
      TableRequest("fault_c", {"id", ScalarAttributeType::kS}, std::nullopt,
                   StreamViewType::kKeysOnly)));
  TS_ASSERT_OK_AND_ASSIGN(const std::string c_arn,
                          LatestStreamArn(*engine_, "fault_c"));
  PowerLossAndReopen();
  ASSERT_FALSE(HasFatalFailure());
  TS_ASSERT_OK_AND_ASSIGN(const std::string c_arn_after,
                          LatestStreamArn(*engine_, "fault_c"));
  EXPECT_EQ(c_arn_after, c_arn);

  TS_ASSERT_OK(Put(*engine_, "fault_a", {{"id", S("x")}}));
  UpdateTableRequest disable;
  disable.table_name = "fault_a";
  disable.stream_specification = StreamSpecification{false, std::nullopt};
  TS_ASSERT_OK(engine_->UpdateTable(disable));
  TS_ASSERT_OK(engine_->DeleteTable("fault_b"));
  PowerLossAndReopen();
  ASSERT_FALSE(HasFatalFailure());

  EXPECT_EQ(ExceptionName(engine_->DescribeTable("fault_b").status()),
            kResourceNotFoundException)
      << "an acknowledged DeleteTable was undone by a power loss";
  auto a = engine_->DescribeTable("fault_a");
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(a->stream_specification);
  EXPECT_FALSE(a->stream_specification->stream_enabled)
      << "an acknowledged stream disable was undone by a power loss";
  ASSERT_TRUE(a->latest_stream_arn);
  TS_ASSERT_OK_AND_ASSIGN(auto before,
                          ReadStream(*engine_, *a->latest_stream_arn));
  TS_ASSERT_OK(Put(*engine_, "fault_a", {{"id", S("y")}}));
  TS_ASSERT_OK_AND_ASSIGN(auto after,
                          ReadStream(*engine_, *a->latest_stream_arn));
  EXPECT_EQ(after.size(), before.size());
  ASSERT_FALSE(before.empty());
  EXPECT_EQ(before.back().dynamodb.keys, (Item{{"id", S("x")}}));
  // Re-enabling works after the reopen, into a new stream.
  UpdateTableRequest enable;
  enable.table_name = "fault_a";
  enable.stream_specification =
      StreamSpecification{true, StreamViewType::kNewAndOldImages};
  TS_ASSERT_OK(engine_->UpdateTable(enable));
  TS_ASSERT_OK(Put(*engine_, "fault_a", {{"id", S("z")}}));
  TS_ASSERT_OK_AND_ASSIGN(auto fresh, ReadTableStream(*engine_, "fault_a"));
  ASSERT_EQ(fresh.size(), 1u);
  EXPECT_EQ(fresh[0].dynamodb.keys, (Item{{"id", S("z")}}));
}

// ---------------------------------------------------------------------------
// A failed WAL append or sync.

struct WalFault {
  FaultOp op;
  FaultKind kind;
};

void PrintTo(const WalFault& f, std::ostream* os) {
  *os << (f.op == FaultOp::kSync ? "sync " : "append ")
      << (f.kind == FaultKind::kIOError ? "IOError" : "NoSpace");
}

class WalFaultTest : public FaultTest,
                     public ::testing::WithParamInterface<WalFault> {};

TEST_P(WalFaultTest, FailedWalWriteFailsItsGroupAndStopsWrites) {
  const WalFault fault = GetParam();
  Random rng(TestSeed(13));
  for (int i = 0; i < 40; ++i) {
    TS_ASSERT_OK(RandomWrite(rng, rng.Uniform(models_.size()), true));
  }
  std::vector<std::vector<StreamRecord>> acked;
  for (const ModelTable& m : models_) acked.push_back(ReadAll(m.spec()));

  // Several durable writers at once, so that the failing group may hold more
  // than one write; each stops at its first failure.
  fs_->InjectError(fault.op, fault.kind);
  constexpr int kWriters = 8;
  std::vector<std::string> failures(kWriters);
  std::vector<int> successes(kWriters, 0);
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < 50; ++i) {
        absl::Status s =
            Put(*engine_, "fault_a", {{"id", S(absl::StrCat("t", w, "-", i))}});
        if (!s.ok()) {
          failures[w] = ExceptionName(s);
          return;
        }
        ++successes[w];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  ASSERT_EQ(fs_->injected_error_count(), 1);
  int failed = 0;
  for (int w = 0; w < kWriters; ++w) {
    if (failures[w].empty()) continue;
    ++failed;
    EXPECT_EQ(failures[w], kInternalServerError) << "writer " << w;
  }
  EXPECT_GE(failed, 1) << "the injected error failed no write";

  // The engine is in its error state: writes are refused, durable or not.
  WriteOptions non_durable;
  non_durable.durable = false;
  EXPECT_EQ(ExceptionName(Put(*engine_, "fault_a", {{"id", S("later")}})),
            kInternalServerError);
  EXPECT_EQ(
      ExceptionName(Put(*engine_, "fault_b",
                        {{"pk", S("later")}, {"sk", N("1")}}, non_durable)),
      kInternalServerError);
  EXPECT_EQ(ExceptionName(Delete(*engine_, "fault_a", {{"id", S("k1")}})),
            kInternalServerError);
  // Reads keep working and show only acknowledged writes.
  EXPECT_EQ(Get(*engine_, "fault_a", {{"id", S("later")}}), std::nullopt);
  size_t acked_a = acked[0].size();
  for (int w = 0; w < kWriters; ++w) {
    acked_a += successes[w];
    for (int i = 0; i < successes[w]; ++i) {
      EXPECT_TRUE(
          Get(*engine_, "fault_a", {{"id", S(absl::StrCat("t", w, "-", i))}}));
    }
  }
  EXPECT_EQ(ReadAll(models_[0].spec()).size(), acked_a);
  EXPECT_EQ(ReadAll(models_[1].spec()).size(), acked[1].size());

  // Reopen with the fault gone: nothing acknowledged is lost; a failed write
  // is either wholly there (item and record) or wholly absent.
  fs_->ClearErrors();
  Open();
  ASSERT_FALSE(HasFatalFailure());
  const std::vector<StreamRecord> a = ReadAll(models_[0].spec());
  ASSERT_GE(a.size(), acked_a);
  for (size_t i = 0; i < acked[0].size(); ++i) {
    EXPECT_EQ(RecordDebugString(a[i]), RecordDebugString(acked[0][i]));
  }
  for (int w = 0; w < kWriters; ++w) {
    for (int i = 0; i < successes[w]; ++i) {
      EXPECT_TRUE(
          Get(*engine_, "fault_a", {{"id", S(absl::StrCat("t", w, "-", i))}}))
          << "acknowledged write t" << w << "-" << i << " was lost";
    }
  }
  EXPECT_EQ(ReadAll(models_[1].spec()).size(), acked[1].size());
  ExpectTablesAreTheirStreamsFold();
  for (size_t i = acked_a; i < a.size(); ++i) {
    const Item& keys = a[i].dynamodb.keys;
    EXPECT_TRUE(Get(*engine_, "fault_a", keys))
        << "record without its item: " << RecordDebugString(a[i]);
  }

  // And the engine takes writes again.
  TS_EXPECT_OK(Put(*engine_, "fault_a", {{"id", S("after-reopen")}}));
  EXPECT_EQ(ReadAll(models_[0].spec()).size(), a.size() + 1);
}

INSTANTIATE_TEST_SUITE_P(
    Faults, WalFaultTest,
    ::testing::Values(WalFault{FaultOp::kSync, FaultKind::kIOError},
                      WalFault{FaultOp::kSync, FaultKind::kNoSpace},
                      WalFault{FaultOp::kAppend, FaultKind::kIOError},
                      WalFault{FaultOp::kAppend, FaultKind::kNoSpace}),
    [](const ::testing::TestParamInfo<WalFault>& info) {
      return absl::StrCat(
          info.param.op == FaultOp::kSync ? "Sync" : "Append",
          info.param.kind == FaultKind::kIOError ? "IOError" : "NoSpace");
    });

}  // namespace
}  // namespace test
}  // namespace tablestream
