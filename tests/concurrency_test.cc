// Copyright 2026 The tablestream Authors.
//
// Many threads writing the same few keys at once (guarantees 1-4 under
// concurrency): sequence numbers stay contiguous, there is exactly one
// record per effective write, images chain per key (each record's NewImage
// is the next record's OldImage for that key), read-modify-writes (ADD) are
// atomic, and each final item is its key's last NewImage. Then group commit:
// concurrent durable writers share WAL syncs.

#include <atomic>
#include <iostream>
#include <map>
#include <set>
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
#include "tests/random_values.h"
#include "tests/test_util.h"

namespace tablestream {
namespace test {
namespace {

constexpr int kThreads = 16;
constexpr char kTable[] = "concurrent";

// Blocks until `count` threads have arrived.
class StartLine {
 public:
  explicit StartLine(int count) : remaining_(count) {}
  void ArriveAndWait() {
    absl::MutexLock lock(&mu_);
    --remaining_;
    mu_.Await(absl::Condition(
        +[](int* r) { return *r <= 0; }, &remaining_));
  }

 private:
  absl::Mutex mu_;
  int remaining_ ABSL_GUARDED_BY(mu_);
};

// What one thread did, for the checks after the run.
struct ThreadLog {
  std::map<std::string, Item> puts;     // w -> item put
  std::map<std::string, Item> updates;  // w -> ALL_NEW returned
  std::vector<Item> deleted;            // ALL_OLD of effective deletes
  int ineffective_deletes = 0;
  std::string error;
};

Item Key(int k) { return {{"id", S(absl::StrCat("k", k))}}; }

void Writer(Engine* engine, uint64_t seed, int thread, int ops, int keys,
            StartLine* start, ThreadLog* log) {
  Random rng(seed * 1000 + thread);
  start->ArriveAndWait();
  for (int i = 0; i < ops; ++i) {
    const std::string w = absl::StrCat(thread, "-", i);
    const Item key = Key(static_cast<int>(rng.Uniform(keys)));
    const uint64_t r = rng.Uniform(20);
    absl::Status status;
    if (r < 9) {
      PutItemRequest p;
      p.table_name = kTable;
      p.item = key;
      p.item["w"] = S(w);
      p.item["p"] = RandomValue(rng);
      auto result = engine->PutItem(p);
      status = result.status();
      if (status.ok()) log->puts[w] = p.item;
    } else if (r < 18) {
      UpdateItemRequest u;
      u.table_name = kTable;
      u.key = key;
      u.attribute_updates["w"] = {AttributeAction::kPut, S(w)};
      u.attribute_updates["n"] = {AttributeAction::kAdd, N("1")};
      u.return_values = ReturnValue::kAllNew;
      auto result = engine->UpdateItem(u);
      status = result.status();
      if (status.ok()) {
        if (!result->attributes) {
          log->error = "UpdateItem ALL_NEW returned nothing";
          return;
        }
        log->updates[w] = *result->attributes;
      }
    } else {
      DeleteItemRequest d;
      d.table_name = kTable;
      d.key = key;
      d.return_values = ReturnValue::kAllOld;
      auto result = engine->DeleteItem(d);
      status = result.status();
      if (status.ok()) {
        if (result->attributes) {
          log->deleted.push_back(*result->attributes);
        } else {
          ++log->ineffective_deletes;
        }
      }
    }
    if (!status.ok()) {
      log->error = absl::StrCat("write ", w, ": ", status.ToString());
      return;
    }
  }
}

std::string W(const std::optional<Item>& image) {
  if (!image || !image->count("w")) return "";
  return image->at("w").scalar();
}

class ConcurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override { clock_ = NewTestClock(); }

  void Open(rocksdb::Env* env = nullptr) {
    auto engine = OpenTestEngine(TestOptions(clock_), dir_.path(), env);
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = std::move(*engine);
    TS_ASSERT_OK(engine_->CreateTable(
        TableRequest(kTable, {"id", ScalarAttributeType::kS}, std::nullopt,
                     StreamViewType::kNewAndOldImages)));
  }

  TempDir dir_;
  std::shared_ptr<ManualClock> clock_;
  // Declared before engine_: the engine must close before its env goes.
  std::shared_ptr<FaultInjectionFileSystem> fs_;
  std::unique_ptr<rocksdb::Env> env_;
  std::unique_ptr<EngineImpl> engine_;
};

TEST_F(ConcurrencyTest, ManyWritersOnFewKeysKeepEveryGuarantee) {
  const uint64_t seed = TestSeed(7);
  SCOPED_TRACE(absl::StrCat("seed ", seed));
  constexpr int kOps = 150;
  constexpr int kKeys = 4;
  Open();
  ASSERT_FALSE(HasFatalFailure());

  StartLine start(kThreads);
  std::vector<ThreadLog> logs(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back(Writer, engine_.get(), seed, t, kOps, kKeys, &start,
                         &logs[t]);
  }
  for (std::thread& t : threads) t.join();

  std::map<std::string, Item> puts, updates;
  std::map<std::string, int> deleted_w;  // w of each deleted item's old image
  size_t effective = 0;
  for (const ThreadLog& log : logs) {
    ASSERT_EQ(log.error, "");
    puts.insert(log.puts.begin(), log.puts.end());
    updates.insert(log.updates.begin(), log.updates.end());
    for (const Item& old : log.deleted) ++deleted_w[W(old)];
    effective += log.puts.size() + log.updates.size() + log.deleted.size();
  }

  TS_ASSERT_OK_AND_ASSIGN(std::string arn, LatestStreamArn(*engine_, kTable));
  TS_ASSERT_OK_AND_ASSIGN(std::vector<Shard> shards, ListShards(*engine_, arn));
  ASSERT_EQ(shards.size(), 1u);
  TS_ASSERT_OK_AND_ASSIGN(std::vector<StreamRecord> records,
                          ReadStream(*engine_, arn));

  // Guarantee 2: contiguous from the shard's start, in commit order.
  EXPECT_TRUE(SequencesContiguous(
      records, shards[0].sequence_number_range.starting_sequence_number));
  // Guarantee 3: one record per effective write, and only those.
  EXPECT_EQ(records.size(), effective);
  std::map<std::string, int> seen;  // w -> records whose NewImage is that write
  std::map<std::string, int> removed;
  for (const StreamRecord& r : records) {
    if (r.event_name == EventName::kRemove) {
      ++removed[W(r.dynamodb.old_image)];
    } else {
      ++seen[W(r.dynamodb.new_image)];
    }
  }
  for (const auto& [w, item] : puts) {
    EXPECT_EQ(seen[w], 1) << "put " << w;
  }
  for (const auto& [w, item] : updates) {
    EXPECT_EQ(seen[w], 1) << "update " << w;
  }
  EXPECT_EQ(seen.size(), puts.size() + updates.size());
  EXPECT_EQ(removed, deleted_w);

  // Guarantee 4: images chain per key; events agree with the images; each
  // record is what its write asked for (ADD is an atomic read-modify-write).
  std::map<std::string, std::optional<Item>> last;  // key -> last NewImage
  for (const StreamRecord& r : records) {
    SCOPED_TRACE(RecordDebugString(r));
    const StreamRecordData& d = r.dynamodb;
    const std::string key = KeyString(d.keys);
    EXPECT_EQ(ItemDebugString(d.old_image), ItemDebugString(last[key]))
        << "OldImage is not the previous NewImage of the key";
    EXPECT_EQ(r.event_name == EventName::kInsert, !d.old_image.has_value());
    EXPECT_EQ(r.event_name == EventName::kRemove, !d.new_image.has_value());
    last[key] = d.new_image;
    const std::string w = W(d.new_image);
    if (puts.count(w)) {
      EXPECT_EQ(d.new_image, puts[w]);
    } else if (updates.count(w)) {
      EXPECT_EQ(d.new_image, updates[w]) << "ALL_NEW differs from NewImage";
      int64_t before = 0;
      if (d.old_image && d.old_image->count("n")) {
        before = CentsOf(d.old_image->at("n").scalar()) / 100;
      }
      ASSERT_TRUE(d.new_image->count("n"));
      EXPECT_EQ(d.new_image->at("n"), N(absl::StrCat(before + 1)));
    }
  }
  // The table is the fold of its stream.
  int64_t present = 0;
  for (int k = 0; k < kKeys; ++k) {
    const std::optional<Item> item = Get(*engine_, kTable, Key(k));
    EXPECT_EQ(ItemDebugString(item), ItemDebugString(last[KeyString(Key(k))]));
    present += item.has_value();
  }
  auto d = engine_->DescribeTable(kTable);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->item_count, present);
  std::cout << records.size() << " records: " << puts.size() << " puts, "
            << updates.size() << " updates, "
            << effective - puts.size() - updates.size()
            << " effective deletes\n";
}

// Writers whose writes often fail inside a commit group (a condition that
// does not hold, an ADD to a value of the wrong type) next to writes that
// succeed: a failed write must leave no item change, no record, no count
// change and no sequence hole, and must not disturb its group's other writes.
struct ConditionalLog {
  std::map<std::string, Item> inserted;  // w -> item of a put-if-absent
  std::set<std::string> updated;         // w of each successful update
  int removed = 0;                       // successful, effective deletes
  int condition_failures = 0;
  int validation_failures = 0;
  std::string error;
};

void ConditionalWriter(Engine* engine, uint64_t seed, int thread, int ops,
                       StartLine* start, ConditionalLog* log) {
  Random rng(seed * 1000 + thread);
  start->ArriveAndWait();
  for (int i = 0; i < ops; ++i) {
    const std::string w = absl::StrCat(thread, "-", i);
    const Item key = Key(static_cast<int>(rng.Uniform(3)));
    const uint64_t r = rng.Uniform(10);
    absl::Status status;
    if (r < 3) {  // put if absent; sometimes with an "n" of the wrong type
      PutItemRequest p;
      p.table_name = kTable;
      p.item = key;
      p.item["w"] = S(w);
      if (rng.OneIn(3)) {
        p.item["n"] = S("not a number");
        p.item["bad"] = AttributeValue::Bool(true);
      }
      p.expected.expected["id"].exists = false;
      status = engine->PutItem(p).status();
      if (status.ok()) log->inserted[w] = p.item;
    } else if (r < 8) {  // ADD while n < 4, or n is absent, or any item
      UpdateItemRequest u;
      u.table_name = kTable;
      u.key = key;
      u.attribute_updates["w"] = {AttributeAction::kPut, S(w)};
      u.attribute_updates["n"] = {AttributeAction::kAdd, N("1")};
      ExpectedAttributeValue e;
      const uint64_t c = rng.Uniform(3);
      if (c == 0) {
        e.comparison_operator = ComparisonOperator::kLt;
        e.attribute_value_list.push_back(N("4"));
        u.expected.expected["n"] = e;
      } else if (c == 1) {
        e.exists = false;
        u.expected.expected["n"] = e;
      } else {  // holds for any item: ADD to an S "n" fails
        e.comparison_operator = ComparisonOperator::kNotNull;
        u.expected.expected["id"] = e;
      }
      status = engine->UpdateItem(u).status();
      if (status.ok()) log->updated.insert(w);
    } else {  // delete once n > 2, or a "bad" item
      DeleteItemRequest d;
      d.table_name = kTable;
      d.key = key;
      d.return_values = ReturnValue::kAllOld;
      d.expected.expected["n"].comparison_operator = ComparisonOperator::kGt;
      d.expected.expected["n"].attribute_value_list.push_back(N("2"));
      d.expected.expected["bad"].comparison_operator =
          ComparisonOperator::kNotNull;
      d.expected.conditional_operator = ConditionalOperator::kOr;
      auto result = engine->DeleteItem(d);
      status = result.status();
      if (status.ok()) log->removed += result->attributes.has_value();
    }
    if (IsConditionalCheckFailed(status)) {
      ++log->condition_failures;
    } else if (ExceptionName(status) == kValidationException) {
      ++log->validation_failures;  // ADD to an S
    } else if (!status.ok()) {
      log->error = absl::StrCat("write ", w, ": ", status.ToString());
      return;
    }
  }
}

TEST_F(ConcurrencyTest, WritesFailingInsideGroupsLeaveNoTrace) {
  const uint64_t seed = TestSeed(8);
  SCOPED_TRACE(absl::StrCat("seed ", seed));
  constexpr int kOps = 150;
  Open();
  ASSERT_FALSE(HasFatalFailure());
  StartLine start(kThreads);
  std::vector<ConditionalLog> logs(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back(ConditionalWriter, engine_.get(), seed, t, kOps,
                         &start, &logs[t]);
  }
  for (std::thread& t : threads) t.join();

  std::map<std::string, Item> inserted;
  std::set<std::string> updated;
  int removed = 0, condition_failures = 0, validation_failures = 0;
  for (const ConditionalLog& log : logs) {
    ASSERT_EQ(log.error, "");
    inserted.insert(log.inserted.begin(), log.inserted.end());
    updated.insert(log.updated.begin(), log.updated.end());
    removed += log.removed;
    condition_failures += log.condition_failures;
    validation_failures += log.validation_failures;
  }
  TS_ASSERT_OK_AND_ASSIGN(std::vector<StreamRecord> records,
                          ReadTableStream(*engine_, kTable));
  EXPECT_TRUE(SequencesContiguous(records));
  EXPECT_EQ(records.size(), inserted.size() + updated.size() + removed)
      << "failed writes left records, or successful ones left none";
  std::map<std::string, std::optional<Item>> last;
  std::set<std::string> seen;
  for (const StreamRecord& r : records) {
    SCOPED_TRACE(RecordDebugString(r));
    const StreamRecordData& d = r.dynamodb;
    const std::string key = KeyString(d.keys);
    EXPECT_EQ(ItemDebugString(d.old_image), ItemDebugString(last[key]));
    last[key] = d.new_image;
    const std::string w = W(d.new_image);
    if (r.event_name == EventName::kRemove) {
      ASSERT_TRUE(d.old_image);
      const bool n_above_2 = d.old_image->count("n") &&
                             d.old_image->at("n").type() == AttributeType::kN &&
                             CentsOf(d.old_image->at("n").scalar()) > 200;
      EXPECT_TRUE(n_above_2 || d.old_image->count("bad"))
          << "a delete whose condition did not hold";
      continue;
    }
    EXPECT_TRUE(seen.insert(w).second) << "two records for write " << w;
    if (inserted.count(w)) {
      EXPECT_EQ(r.event_name, EventName::kInsert);
      EXPECT_EQ(d.new_image, inserted[w]);
    } else {
      ASSERT_TRUE(updated.count(w)) << "a record of a failed write";
      int64_t before = 0;
      if (d.old_image && d.old_image->count("n")) {
        ASSERT_EQ(d.old_image->at("n").type(), AttributeType::kN);
        before = CentsOf(d.old_image->at("n").scalar()) / 100;
      }
      EXPECT_EQ(d.new_image->at("n"), N(absl::StrCat(before + 1)));
    }
  }
  int64_t present = 0;
  for (int k = 0; k < 3; ++k) {
    const std::optional<Item> item = Get(*engine_, kTable, Key(k));
    EXPECT_EQ(ItemDebugString(item), ItemDebugString(last[KeyString(Key(k))]));
    present += item.has_value();
  }
  auto d = engine_->DescribeTable(kTable);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->item_count, present);
  EXPECT_GT(condition_failures, 0);
  EXPECT_GT(validation_failures, 0);
  std::cout << records.size() << " records; " << condition_failures
            << " condition failures, " << validation_failures
            << " type errors\n";
}

// Guarantee 2 for a reader: one that tails the stream while writers commit
// sees each sequence number exactly once, in order, with no gap, and in the
// end sees every record.
TEST_F(ConcurrencyTest, TailingReaderNeverSeesAGap) {
  constexpr int kWriters = 8;
  constexpr int kOps = 300;
  Open();
  ASSERT_FALSE(HasFatalFailure());
  TS_ASSERT_OK_AND_ASSIGN(std::string arn, LatestStreamArn(*engine_, kTable));
  TS_ASSERT_OK_AND_ASSIGN(std::vector<Shard> shards, ListShards(*engine_, arn));
  ASSERT_EQ(shards.size(), 1u);
  GetShardIteratorRequest it;
  it.stream_arn = arn;
  it.shard_id = shards[0].shard_id;
  TS_ASSERT_OK_AND_ASSIGN(std::string iterator, engine_->GetShardIterator(it));

  std::atomic<bool> writers_done{false};
  std::string reader_error;
  size_t seen = 0, polls = 0;
  std::thread reader([&] {
    std::string expected =
        shards[0].sequence_number_range.starting_sequence_number;
    for (;;) {
      const bool last_pass = writers_done.load();
      GetRecordsRequest request;
      request.shard_iterator = iterator;
      request.limit = 1 + static_cast<int>(polls % 50);
      auto result = engine_->GetRecords(request);
      ++polls;
      if (!result.ok()) {
        reader_error = result.status().ToString();
        return;
      }
      for (const StreamRecord& r : result->records) {
        if (CompareSequenceNumbers(r.dynamodb.sequence_number, expected) != 0) {
          reader_error =
              absl::StrCat("after ", seen, " records the reader got ",
                           r.dynamodb.sequence_number, ", expected ", expected);
          return;
        }
        expected = NextSequenceNumber(expected);
        ++seen;
      }
      if (!result->next_shard_iterator) {
        reader_error = "the open shard ended";
        return;
      }
      iterator = *result->next_shard_iterator;
      if (last_pass && result->records.empty()) return;
    }
  });
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      WriteOptions fast;
      fast.durable = false;
      for (int i = 0; i < kOps; ++i) {
        // Ignored: a failed write shows up as a missing record below.
        (void)Put(*engine_, kTable, {{"id", S(absl::StrCat(w, "-", i))}}, fast);
      }
    });
  }
  for (std::thread& t : writers) t.join();
  writers_done = true;
  reader.join();
  EXPECT_EQ(reader_error, "");
  EXPECT_EQ(seen, static_cast<size_t>(kWriters * kOps));
  std::cout << "the reader saw " << seen << " records in " << polls
            << " GetRecords calls\n";
}

TEST_F(ConcurrencyTest, DurableWritersShareWalSyncs) {
  constexpr int kOps = 40;
  fs_ = std::make_shared<FaultInjectionFileSystem>();
  env_ = rocksdb::NewCompositeEnv(fs_);
  FaultInjectionFileSystem* fs = fs_.get();
  Open(env_.get());
  ASSERT_FALSE(HasFatalFailure());

  // Hold the first WAL sync of the run until every writer has started, so
  // that the others queue behind it. (Not needed for correctness; it makes a
  // shared sync all but certain on a fast disk.)
  absl::Mutex mu;
  int started = 0;
  bool held = false;
  fs->SetWalSyncHook([&](const std::string&) {
    absl::MutexLock lock(&mu);
    if (held) return;
    held = true;
    mu.AwaitWithTimeout(absl::Condition(
                            +[](int* n) { return *n >= kThreads; }, &started),
                        absl::Seconds(10));
  });

  const CommitPipeline::Stats before = engine_->pipeline()->stats();
  const uint64_t syncs_before = fs->wal_sync_count();
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      {
        absl::MutexLock lock(&mu);
        ++started;
      }
      for (int i = 0; i < kOps; ++i) {
        WriteOptions durable;
        durable.durable = true;
        if (!Put(*engine_, kTable,
                 {{"id", S(absl::StrCat(t, "-", i))}, {"v", N("1")}}, durable)
                 .ok()) {
          ++failures;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  fs->SetWalSyncHook(nullptr);
  ASSERT_EQ(failures.load(), 0);

  const CommitPipeline::Stats after = engine_->pipeline()->stats();
  const uint64_t mutations = after.mutations - before.mutations;
  const uint64_t synced_groups = after.synced_groups - before.synced_groups;
  EXPECT_EQ(mutations, static_cast<uint64_t>(kThreads * kOps));
  EXPECT_GE(synced_groups, 1u);
  EXPECT_LT(synced_groups, mutations) << "no two durable writers shared a sync";
  EXPECT_LE(after.groups - before.groups, mutations);
  // Every synced group really synced the WAL.
  EXPECT_GE(fs->wal_sync_count() - syncs_before, synced_groups);

  TS_ASSERT_OK_AND_ASSIGN(std::vector<StreamRecord> records,
                          ReadTableStream(*engine_, kTable));
  EXPECT_EQ(records.size(), static_cast<size_t>(kThreads * kOps));
  EXPECT_TRUE(SequencesContiguous(records));
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kOps; i += 13) {
      EXPECT_TRUE(Get(*engine_, kTable, {{"id", S(absl::StrCat(t, "-", i))}}))
          << t << "-" << i;
    }
  }
  std::cout << "group commit: " << mutations << " durable writes in "
            << synced_groups << " synced groups\n";
}

}  // namespace
}  // namespace test
}  // namespace tablestream
