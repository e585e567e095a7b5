// Copyright 2026 The tablestream Authors.
//
// Model-based randomized test, in the manner of LevelDB's ModelDB: random
// puts, updates and deletes (conditional or not, effective or no-op, values
// of all ten types written in non-canonical forms), and now and then several
// unconditional ones across tables as one BatchWriteItem or
// TransactWriteItems, go to the engine and to ModelEngine; after every write the outcome, the returned attributes and the
// item are compared, and at checkpoints every item and every stream record
// (event, keys, images per view type, contiguous sequence numbers, creation
// times) of every table. Midway the engine is closed and reopened.
//
// The seed is printed (SCOPED_TRACE); rerun one with
// TABLESTREAM_TEST_SEED=<seed> ./model_test --gtest_filter='*/0'.

#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/engine_impl.h"
#include "gtest/gtest.h"
#include "tests/model_engine.h"
#include "tests/random_values.h"
#include "tests/test_util.h"

namespace tablestream {
namespace test {
namespace {

constexpr int kOpsPerPhase = 350;
const std::vector<std::string> kAttributeNames = {"a", "b", "c", "d", "e"};

struct TableSetup {
  ModelTableSpec spec;
  std::vector<Item> key_pool;  // canonical keys
};

std::vector<Item> KeyPool(const ModelTableSpec& spec,
                          const std::vector<AttributeValue>& hashes,
                          const std::vector<AttributeValue>& ranges) {
  std::vector<Item> keys;
  for (const AttributeValue& h : hashes) {
    if (!spec.range) {
      keys.push_back({{spec.hash.name, h}});
      continue;
    }
    for (const AttributeValue& r : ranges) {
      keys.push_back({{spec.hash.name, h}, {spec.range->name, r}});
    }
  }
  return keys;
}

std::vector<TableSetup> Tables() {
  using T = ScalarAttributeType;
  auto n = [](int64_t cents) { return N(CanonicalNumber(cents)); };
  std::vector<TableSetup> tables;
  ModelTableSpec s{
      "model_s", {"id", T::kS}, std::nullopt, StreamViewType::kNewAndOldImages};
  tables.push_back(
      {s, KeyPool(s, {S("k0"), S("k1"), S("k2"), S("\xc3\xa9")}, {})});
  ModelTableSpec nn{"model_nn",
                    {"pk", T::kN},
                    KeyAttribute{"sk", T::kN},
                    StreamViewType::kNewImage};
  tables.push_back(
      {nn, KeyPool(nn, {n(-150), n(0), n(100)}, {n(0), n(250), n(100000000)})});
  ModelTableSpec sb{"model.s-b",
                    {"pk", T::kS},
                    KeyAttribute{"sk", T::kB},
                    StreamViewType::kOldImage};
  tables.push_back(
      {sb, KeyPool(sb, {S("p0"), S("p1")},
                   {B(std::string("\x00", 1)), B(std::string("\x00\x01", 2)),
                    B("\xff"), B("a")})});
  ModelTableSpec b{"model_keys_only",
                   {"id", T::kB},
                   std::nullopt,
                   StreamViewType::kKeysOnly};
  tables.push_back({b, KeyPool(b, {B("\x01"), B("\xfe\xff"), B("b")}, {})});
  ModelTableSpec none{
      "model_no_stream", {"id", T::kS}, std::nullopt, std::nullopt};
  tables.push_back({none, KeyPool(none, {S("x"), S("y"), S("z")}, {})});
  return tables;
}

std::string ExpectedDebugString(const ExpectedConditions& e) {
  std::string out =
      e.conditional_operator == ConditionalOperator::kOr ? "OR{" : "AND{";
  for (const auto& [name, v] : e.expected) {
    absl::StrAppend(&out, name, ":");
    if (v.exists) absl::StrAppend(&out, "exists=", *v.exists, " ");
    if (v.value) absl::StrAppend(&out, "value=", v.value->DebugString(), " ");
    if (v.comparison_operator) {
      absl::StrAppend(&out, ComparisonOperatorName(*v.comparison_operator));
      for (const auto& a : v.attribute_value_list) {
        absl::StrAppend(&out, " ", a.DebugString());
      }
    }
    absl::StrAppend(&out, ";");
  }
  return out + "}";
}

std::string UpdatesDebugString(
    const std::map<std::string, AttributeValueUpdate>& updates) {
  std::string out = "{";
  for (const auto& [name, u] : updates) {
    absl::StrAppend(&out, name, ":", AttributeActionName(u.action),
                    u.value ? " " + u.value->DebugString() : "", ";");
  }
  return out + "}";
}

ExpectedConditions RewriteExpected(const ExpectedConditions& canonical,
                                   Random& rng) {
  ExpectedConditions out = canonical;
  for (auto& [name, e] : out.expected) {
    if (e.value) e.value = Rewrite(*e.value, rng);
    for (AttributeValue& v : e.attribute_value_list) v = Rewrite(v, rng);
  }
  return out;
}

class ModelTest : public ::testing::TestWithParam<uint64_t> {
 protected:
  ModelTest() : seed_(TestSeed(GetParam())), rng_(seed_) {}

  void SetUp() override {
    clock_ = NewTestClock();
    tables_ = Tables();
    for (const TableSetup& t : tables_) models_.emplace_back(t.spec);
    Open();
    for (const TableSetup& t : tables_) {
      TS_ASSERT_OK(engine_->CreateTable(
          TableRequest(t.spec.name, t.spec.hash, t.spec.range, t.spec.view)));
    }
  }

  void Open() {
    engine_.reset();
    Options options = TestOptions(clock_);
    options.durable_writes = false;  // this test is about semantics
    auto engine = OpenTestEngine(options, dir_.path());
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = std::move(*engine);
  }

  // ---- Random requests (canonical) ----

  Item RandomItem(const TableSetup& t) {
    Item item = rng_.Pick(t.key_pool);
    const size_t n = rng_.Uniform(5);
    for (size_t i = 0; i < n; ++i) {
      item[rng_.Pick(kAttributeNames)] = RandomValue(rng_);
    }
    return item;
  }

  // An existing item of the table, or nullptr.
  const Item* RandomExisting(const ModelTable& m) {
    if (m.items().empty()) return nullptr;
    auto it = m.items().begin();
    std::advance(it, rng_.Uniform(m.items().size()));
    return &it->second;
  }

  // A value for a condition on `name`: usually the current one if any.
  AttributeValue ConditionValue(const Item* current, const std::string& name) {
    if (current != nullptr && current->count(name) && !rng_.OneIn(4)) {
      return current->at(name);
    }
    return RandomValue(rng_, 3);
  }

  ExpectedConditions RandomExpected(const TableSetup& t, const Item* current) {
    ExpectedConditions e;
    const size_t entries = rng_.OneIn(4) ? 2 : 1;
    std::vector<std::string> names = kAttributeNames;
    names.push_back(t.spec.hash.name);
    for (size_t i = 0; i < entries; ++i) {
      const std::string name = rng_.Pick(names);
      ExpectedAttributeValue v;
      switch (rng_.Uniform(5)) {
        case 0:
          v.exists = false;
          break;
        case 1:
          v.value = ConditionValue(current, name);
          if (rng_.OneIn(2)) v.exists = true;
          break;
        case 2:
          v.comparison_operator = rng_.OneIn(2) ? ComparisonOperator::kNull
                                                : ComparisonOperator::kNotNull;
          break;
        case 3:
          v.comparison_operator =
              rng_.OneIn(2) ? ComparisonOperator::kEq : ComparisonOperator::kNe;
          v.attribute_value_list.push_back(ConditionValue(current, name));
          break;
        default:
          v.comparison_operator =
              rng_.OneIn(2) ? ComparisonOperator::kLt : ComparisonOperator::kGt;
          v.attribute_value_list.push_back(
              N(CanonicalNumber(RandomCents(rng_))));
          break;
      }
      e.expected[name] = v;
    }
    if (rng_.OneIn(2)) e.conditional_operator = ConditionalOperator::kOr;
    return e;
  }

  AttributeType RandomSetType() {
    static const std::vector<AttributeType> kTypes = {
        AttributeType::kSS, AttributeType::kNS, AttributeType::kBS};
    return rng_.Pick(kTypes);
  }

  // A set of `current`'s type mixing some of its elements with new ones.
  AttributeValue SetLike(const AttributeValue& current) {
    std::vector<std::string> elements;
    for (const std::string& e : current.set()) {
      if (rng_.OneIn(2)) elements.push_back(e);
    }
    if (elements.empty() || rng_.OneIn(2)) {
      const AttributeValue extra = RandomSet(rng_, current.type());
      for (const std::string& e : extra.set()) elements.push_back(e);
    }
    return CanonicalSet(current.type(), elements);
  }

  std::map<std::string, AttributeValueUpdate> RandomUpdates(
      const Item* current) {
    std::map<std::string, AttributeValueUpdate> updates;
    const size_t n = rng_.OneIn(20) ? 0 : 1 + rng_.Uniform(3);
    for (size_t i = 0; i < n; ++i) {
      const std::string name = rng_.Pick(kAttributeNames);
      const AttributeValue* cur = nullptr;
      if (current != nullptr && current->count(name)) cur = &current->at(name);
      const bool cur_set =
          cur != nullptr && (cur->type() == AttributeType::kSS ||
                             cur->type() == AttributeType::kNS ||
                             cur->type() == AttributeType::kBS);
      AttributeValueUpdate u;
      const uint64_t r = rng_.Uniform(10);
      if (r < 4) {
        u.action = AttributeAction::kPut;
        u.value = RandomValue(rng_);
      } else if (r < 6) {
        u.action = AttributeAction::kDelete;
      } else if (r < 8) {
        u.action = AttributeAction::kAdd;
        if (cur != nullptr && cur->type() == AttributeType::kN &&
            !rng_.OneIn(10)) {
          u.value = N(CanonicalNumber(RandomCents(rng_)));
        } else if (cur_set && !rng_.OneIn(10)) {
          u.value = SetLike(*cur);
        } else if (rng_.OneIn(2)) {
          u.value = N(CanonicalNumber(RandomCents(rng_)));
        } else {
          u.value = RandomSet(rng_, RandomSetType());
        }
      } else {
        u.action = AttributeAction::kDelete;
        u.value = cur_set && !rng_.OneIn(10) ? SetLike(*cur)
                                             : RandomSet(rng_, RandomSetType());
      }
      updates[name] = u;
    }
    return updates;
  }

  ReturnValue RandomReturnValues(bool update) {
    if (rng_.OneIn(2)) return ReturnValue::kNone;
    if (!update) return ReturnValue::kAllOld;
    static const std::vector<ReturnValue> kAll = {
        ReturnValue::kAllOld, ReturnValue::kAllNew, ReturnValue::kUpdatedOld,
        ReturnValue::kUpdatedNew};
    return rng_.Pick(kAll);
  }

  WriteOptions RandomWriteOptions() {
    WriteOptions w;
    if (rng_.OneIn(20)) w.durable = true;
    return w;
  }

  // ---- One step ----

  void Step(int op) {
    const size_t index = rng_.Uniform(tables_.size());
    const TableSetup& t = tables_[index];
    ModelTable& model = models_[index];
    clock_->AdvanceMicros(rng_.Range(0, 2500000));
    const int64_t now_seconds = clock_->NowMicros() / 1000000;

    const uint64_t kind = rng_.Uniform(100);
    std::string what;
    Item key;
    ModelOutcome expected;
    absl::StatusOr<WriteResult> result;
    if (kind < 45) {  // PutItem: random, or an existing item rewritten
      Item item = RandomItem(t);
      const Item* existing = RandomExisting(model);
      if (kind < 12 && existing != nullptr) item = *existing;
      key = model.KeyOf(item);
      PutItemRequest r;
      r.table_name = t.spec.name;
      r.item = item;
      if (rng_.OneIn(4)) r.expected = RandomExpected(t, model.Find(key));
      r.return_values = RandomReturnValues(false);
      what = absl::StrCat("PutItem ", ItemDebugString(r.item), " expected ",
                          ExpectedDebugString(r.expected));
      expected = model.Put(r.item, r.expected, r.return_values, now_seconds);
      r.item = RewriteItem(r.item, rng_);
      r.expected = RewriteExpected(r.expected, rng_);
      result = engine_->PutItem(r, RandomWriteOptions());
    } else if (kind < 80) {  // UpdateItem, sometimes setting the same values
      key = rng_.Pick(t.key_pool);
      const Item* existing = model.Find(key);
      if (kind < 50 && existing == nullptr) existing = RandomExisting(model);
      if (existing != nullptr && kind < 50) key = model.KeyOf(*existing);
      UpdateItemRequest r;
      r.table_name = t.spec.name;
      r.key = key;
      if (kind < 50 && existing != nullptr) {
        for (const auto& [name, value] : *existing) {
          if (name == t.spec.hash.name ||
              (t.spec.range && name == t.spec.range->name)) {
            continue;
          }
          r.attribute_updates[name] = {AttributeAction::kPut, value};
        }
      } else {
        r.attribute_updates = RandomUpdates(model.Find(key));
      }
      if (rng_.OneIn(4)) r.expected = RandomExpected(t, model.Find(key));
      r.return_values = RandomReturnValues(true);
      what = absl::StrCat("UpdateItem ", ItemDebugString(key), " ",
                          UpdatesDebugString(r.attribute_updates), " expected ",
                          ExpectedDebugString(r.expected), " return ",
                          ReturnValueName(r.return_values));
      expected = model.Update(key, r.attribute_updates, r.expected,
                              r.return_values, now_seconds);
      r.key = RewriteItem(r.key, rng_);
      for (auto& [name, u] : r.attribute_updates) {
        if (u.value) u.value = Rewrite(*u.value, rng_);
      }
      r.expected = RewriteExpected(r.expected, rng_);
      result = engine_->UpdateItem(r, RandomWriteOptions());
    } else {  // DeleteItem, of an existing item more often than not
      key = rng_.Pick(t.key_pool);
      const Item* existing = RandomExisting(model);
      if (existing != nullptr && rng_.OneIn(2)) key = model.KeyOf(*existing);
      DeleteItemRequest r;
      r.table_name = t.spec.name;
      r.key = key;
      if (rng_.OneIn(4)) r.expected = RandomExpected(t, model.Find(key));
      r.return_values = RandomReturnValues(false);
      what = absl::StrCat("DeleteItem ", ItemDebugString(key), " expected ",
                          ExpectedDebugString(r.expected));
      expected = model.Delete(key, r.expected, r.return_values, now_seconds);
      r.key = RewriteItem(r.key, rng_);
      r.expected = RewriteExpected(r.expected, rng_);
      result = engine_->DeleteItem(r, RandomWriteOptions());
    }
    SCOPED_TRACE(absl::StrCat("op ", op, " on ", t.spec.name, ": ", what));

    if (!expected.allowed_exceptions.empty()) {
      ++stats_[expected.allowed_exceptions[0]];
    } else {
      ++stats_[expected.record ? EventNameName(expected.record->event)
                               : "no-op"];
    }
    if (expected.allowed_exceptions.empty()) {
      ASSERT_TRUE(result.ok())
          << "the model expects success: " << result.status();
      EXPECT_EQ(result->attributes, expected.returned)
          << "returned " << ItemDebugString(result->attributes) << ", expected "
          << ItemDebugString(expected.returned);
    } else {
      ASSERT_FALSE(result.ok())
          << "the model expects " << expected.allowed_exceptions[0];
      const std::string name = ExceptionName(result.status());
      EXPECT_TRUE(std::find(expected.allowed_exceptions.begin(),
                            expected.allowed_exceptions.end(),
                            name) != expected.allowed_exceptions.end())
          << result.status() << "; the model expects "
          << expected.allowed_exceptions[0];
    }
    const Item* model_item = model.Find(key);
    std::optional<Item> actual =
        Get(*engine_, t.spec.name, RewriteItem(key, rng_));
    EXPECT_EQ(ItemDebugString(actual),
              ItemDebugString(model_item ? std::optional<Item>(*model_item)
                                         : std::nullopt));
  }

  // ---- Several unconditional writes in one call ----

  // 1 to 6 puts and deletes of distinct items across the tables, as one
  // BatchWriteItem or one TransactWriteItems (the same semantics without
  // conditions: each write applies, all in one commit).
  void MultiStep(int op) {
    clock_->AdvanceMicros(rng_.Range(0, 2500000));
    const int64_t now_seconds = clock_->NowMicros() / 1000000;
    const bool transaction = rng_.OneIn(2);
    BatchWriteItemRequest batch;
    TransactWriteItemsRequest txn;
    std::set<std::pair<size_t, std::string>> used;
    std::vector<std::pair<size_t, Item>> keys;
    std::string what = transaction ? "TransactWriteItems" : "BatchWriteItem";
    const size_t n = 1 + rng_.Uniform(6);
    for (size_t w = 0; w < n; ++w) {
      const size_t index = rng_.Uniform(tables_.size());
      const TableSetup& t = tables_[index];
      ModelTable& model = models_[index];
      const bool put = rng_.OneIn(2);
      Item item = put ? RandomItem(t) : rng_.Pick(t.key_pool);
      const Item key = model.KeyOf(item);
      if (!used.insert({index, ItemDebugString(key)}).second) continue;
      keys.emplace_back(index, key);
      absl::StrAppend(&what, put ? " put " : " delete ", t.spec.name, " ",
                      ItemDebugString(item));
      const ModelOutcome expected =
          put ? model.Put(item, {}, ReturnValue::kNone, now_seconds)
              : model.Delete(key, {}, ReturnValue::kNone, now_seconds);
      ASSERT_TRUE(expected.allowed_exceptions.empty());
      ++stats_[expected.record ? EventNameName(expected.record->event)
                               : "no-op"];
      item = RewriteItem(item, rng_);
      if (put && transaction) {
        PutItemRequest r;
        r.table_name = t.spec.name;
        r.item = std::move(item);
        txn.transact_items.push_back(std::move(r));
      } else if (transaction) {
        DeleteItemRequest r;
        r.table_name = t.spec.name;
        r.key = std::move(item);
        txn.transact_items.push_back(std::move(r));
      } else if (put) {
        batch.request_items[t.spec.name].push_back(PutRequest{std::move(item)});
      } else {
        batch.request_items[t.spec.name].push_back(
            DeleteRequest{std::move(item)});
      }
    }
    SCOPED_TRACE(absl::StrCat("op ", op, ": ", what));
    ++stats_[transaction ? "transactions" : "batches"];
    if (transaction) {
      TS_ASSERT_OK(engine_->TransactWriteItems(txn, RandomWriteOptions()));
    } else {
      TS_ASSERT_OK(engine_->BatchWriteItem(batch, RandomWriteOptions()));
    }
    for (const auto& [index, key] : keys) {
      const Item* model_item = models_[index].Find(key);
      EXPECT_EQ(ItemDebugString(Get(*engine_, tables_[index].spec.name, key)),
                ItemDebugString(model_item ? std::optional<Item>(*model_item)
                                           : std::nullopt));
    }
  }

  // ---- Full comparison ----

  void CheckAll() {
    for (size_t i = 0; i < tables_.size(); ++i) {
      CheckItems(tables_[i], models_[i]);
      CheckStream(models_[i]);
    }
  }

  void CheckItems(const TableSetup& t, const ModelTable& model) {
    SCOPED_TRACE(t.spec.name);
    for (const Item& key : t.key_pool) {
      const Item* expected = model.Find(key);
      EXPECT_EQ(ItemDebugString(Get(*engine_, t.spec.name, key)),
                ItemDebugString(expected ? std::optional<Item>(*expected)
                                         : std::nullopt));
    }
    auto d = engine_->DescribeTable(t.spec.name);
    ASSERT_TRUE(d.ok()) << d.status();
    EXPECT_EQ(d->item_count, static_cast<int64_t>(model.items().size()));
  }

  void CheckStream(const ModelTable& model) {
    const ModelTableSpec& spec = model.spec();
    SCOPED_TRACE(spec.name);
    if (!spec.view) {
      auto d = engine_->DescribeTable(spec.name);
      ASSERT_TRUE(d.ok()) << d.status();
      EXPECT_FALSE(d->latest_stream_arn.has_value());
      ListStreamsRequest request;
      request.table_name = spec.name;
      auto streams = engine_->ListStreams(request);
      ASSERT_TRUE(streams.ok()) << streams.status();
      EXPECT_TRUE(streams->streams.empty());
      return;
    }
    TS_ASSERT_OK_AND_ASSIGN(std::string arn,
                            LatestStreamArn(*engine_, spec.name));
    TS_ASSERT_OK_AND_ASSIGN(std::vector<Shard> shards,
                            ListShards(*engine_, arn));
    ASSERT_FALSE(shards.empty());
    TS_ASSERT_OK_AND_ASSIGN(std::vector<StreamRecord> records,
                            ReadStream(*engine_, arn));
    EXPECT_TRUE(SequencesContiguous(
        records, shards[0].sequence_number_range.starting_sequence_number));
    const std::vector<ModelRecord>& want = model.records();
    EXPECT_EQ(records.size(), want.size());
    std::set<std::string> event_ids;
    for (size_t i = 0; i < std::min(records.size(), want.size()); ++i) {
      const StreamRecord& got = records[i];
      if (!RecordMatches(got, want[i], *spec.view)) {
        ADD_FAILURE() << "record " << i << " differs from the model:\n  got  "
                      << RecordDebugString(got) << "\n  want "
                      << ModelRecordDebugString(want[i], *spec.view);
        return;  // the rest would differ too
      }
      EXPECT_EQ(got.dynamodb.stream_view_type, *spec.view);
      EXPECT_EQ(got.dynamodb.approximate_creation_date_time,
                want[i].creation_seconds)
          << "record " << i;
      EXPECT_GT(got.dynamodb.size_bytes, 0);
      EXPECT_EQ(got.aws_region, "us-east-1");
      EXPECT_EQ(got.event_source, "aws:dynamodb");
      EXPECT_EQ(got.event_id.size(), 32u);
      EXPECT_EQ(got.event_id.find_first_not_of("0123456789abcdef"),
                std::string::npos);
      EXPECT_TRUE(event_ids.insert(got.event_id).second)
          << "duplicate eventID " << got.event_id;
    }
  }

  const uint64_t seed_;
  Random rng_;
  TempDir dir_;
  std::shared_ptr<ManualClock> clock_;
  std::vector<TableSetup> tables_;
  std::vector<ModelTable> models_;
  std::unique_ptr<Engine> engine_;
  std::map<std::string, int> stats_;  // outcome -> count, for the log line
};

TEST_P(ModelTest, RandomOperationsMatchTheModelAcrossReopen) {
  SCOPED_TRACE(absl::StrCat("seed ", seed_,
                            " (rerun with TABLESTREAM_TEST_SEED=", seed_, ")"));
  int op = 0;
  for (int phase = 0; phase < 3; ++phase) {
    SCOPED_TRACE(absl::StrCat("phase ", phase));
    for (int i = 0; i < kOpsPerPhase && !HasFailure(); ++i) {
      if (rng_.OneIn(10)) {
        MultiStep(op++);
      } else {
        Step(op++);
      }
    }
    if (HasFailure()) return;
    CheckAll();
    if (HasFailure()) return;
    Open();  // close and reopen, then check again before continuing
    CheckAll();
    if (HasFailure()) return;
  }
  std::string summary;
  for (const auto& [outcome, count] : stats_) {
    absl::StrAppend(&summary, " ", outcome, "=", count);
  }
  std::cout << "seed " << seed_ << ":" << summary << "\n";
}

INSTANTIATE_TEST_SUITE_P(Seeds, ModelTest,
                         ::testing::Values(1u, 2u, 3u, 4u, 5u, 20260101u));

}  // namespace
}  // namespace test
}  // namespace tablestream
