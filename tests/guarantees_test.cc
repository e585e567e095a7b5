// Copyright 2026 The tablestream Authors.
//
// DESIGN.md section 2, guarantees 3 and 9, through the public API:
//
//  3. Exactly the effective changes: every write that changes an item yields
//     exactly one record (with the right event and images); a write that
//     changes nothing yields none.
//  9. Bad input: every invalid request is refused with the right typed error
//     before anything is written (no item change, no record, no count
//     change), and the engine stays usable, also after a reopen.

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/engine_impl.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace tablestream {
namespace test {
namespace {

constexpr char kTable[] = "guarantees";  // id S, rk S; NEW_AND_OLD_IMAGES

Item Key(const std::string& id, const std::string& rk = "r") {
  return Item{{"id", S(id)}, {"rk", S(rk)}};
}

Item With(Item item, const std::string& name, AttributeValue value) {
  item[name] = std::move(value);
  return item;
}

class GuaranteesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_ = NewTestClock();
    Open();
    TS_ASSERT_OK(engine_->CreateTable(
        TableRequest(kTable, {"id", ScalarAttributeType::kS},
                     KeyAttribute{"rk", ScalarAttributeType::kS},
                     StreamViewType::kNewAndOldImages)));
  }

  void Open() {
    engine_.reset();
    auto engine = OpenTestEngine(TestOptions(clock_), dir_.path());
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = std::move(*engine);
  }

  std::vector<StreamRecord> Records(const std::string& table = kTable) {
    auto records = ReadTableStream(*engine_, table);
    EXPECT_TRUE(records.ok()) << records.status();
    if (!records.ok()) return {};
    EXPECT_TRUE(SequencesContiguous(*records));
    return *records;
  }

  // Runs `write`, expects it to succeed, and returns the records it added.
  std::vector<StreamRecord> RecordsOf(
      const std::function<absl::Status()>& write) {
    const size_t before = Records().size();
    absl::Status s = write();
    EXPECT_TRUE(s.ok()) << s;
    std::vector<StreamRecord> all = Records();
    clock_->AdvanceSeconds(1);
    return std::vector<StreamRecord>(all.begin() + std::min(before, all.size()),
                                     all.end());
  }

  absl::Status PutItem(const Item& item, ExpectedConditions expected = {}) {
    PutItemRequest r;
    r.table_name = kTable;
    r.item = item;
    r.expected = std::move(expected);
    return engine_->PutItem(r).status();
  }

  absl::Status Update(const Item& key,
                      std::map<std::string, AttributeValueUpdate> updates,
                      ExpectedConditions expected = {}) {
    UpdateItemRequest r;
    r.table_name = kTable;
    r.key = key;
    r.attribute_updates = std::move(updates);
    r.expected = std::move(expected);
    return engine_->UpdateItem(r).status();
  }

  int64_t ItemCount(const std::string& table = kTable) {
    auto d = engine_->DescribeTable(table);
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() ? d->item_count : -1;
  }

  TempDir dir_;
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Engine> engine_;
};

AttributeValueUpdate Action(AttributeAction action,
                            std::optional<AttributeValue> value = {}) {
  AttributeValueUpdate u;
  u.action = action;
  u.value = std::move(value);
  return u;
}

// ---------------------------------------------------------------------------
// Guarantee 3: no-op writes yield no record.

TEST_F(GuaranteesTest, IdenticalPutWritesNoRecord) {
  const Item item = With(Key("a"), "v", S("x"));
  auto first = RecordsOf([&] { return PutItem(item); });
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].event_name, EventName::kInsert);
  EXPECT_TRUE(RecordsOf([&] { return PutItem(item); }).empty());
  EXPECT_EQ(Get(*engine_, kTable, Key("a")), item);
}

TEST_F(GuaranteesTest, PutOfEqualNumberWrittenDifferentlyWritesNoRecord) {
  ASSERT_EQ(
      RecordsOf([&] { return PutItem(With(Key("a"), "n", N("1.5"))); }).size(),
      1u);
  for (const char* text : {"1.50", "01.5", "15e-1", "0.15E1", "1.500000"}) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(RecordsOf([&] {
                  return PutItem(With(Key("a"), "n", N(text)));
                }).empty());
  }
  EXPECT_EQ(Get(*engine_, kTable, Key("a")), With(Key("a"), "n", N("1.5")));
}

TEST_F(GuaranteesTest, PutOfReorderedSetsAndEqualNestedValuesWritesNoRecord) {
  Item item = Key("a");
  item["ss"] = AttributeValue::SS({"a", "b", "c"});
  item["ns"] = AttributeValue::NS({"1", "2.5", "-3"});
  item["bs"] = AttributeValue::BS({std::string("\x00", 1), "\xff", "a"});
  item["m"] = AttributeValue::M(
      {{"x", N("10")}, {"l", AttributeValue::L({N("0.5"), S("s")})}});
  ASSERT_EQ(RecordsOf([&] { return PutItem(item); }).size(), 1u);

  Item same = Key("a");
  same["ss"] = AttributeValue::SS({"c", "a", "b"});
  same["ns"] = AttributeValue::NS({"-3.0", "2.50", "1e0"});
  same["bs"] = AttributeValue::BS({"a", "\xff", std::string("\x00", 1)});
  same["m"] = AttributeValue::M(
      {{"l", AttributeValue::L({N("5e-1"), S("s")})}, {"x", N("1E1")}});
  EXPECT_TRUE(RecordsOf([&] { return PutItem(same); }).empty());

  // The stored item is canonical: sets sorted, numbers normalized.
  std::optional<Item> stored = Get(*engine_, kTable, Key("a"));
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->at("ns"), AttributeValue::NS({"-3", "1", "2.5"}));
  EXPECT_EQ(stored->at("m").map().at("x"), N("10"));
}

TEST_F(GuaranteesTest, DeleteOfMissingItemWritesNoRecord) {
  EXPECT_TRUE(RecordsOf([&] {
                return Delete(*engine_, kTable, Key("missing"));
              }).empty());
  // Also after the item existed and was deleted once.
  ASSERT_EQ(RecordsOf([&] { return PutItem(Key("a")); }).size(), 1u);
  ASSERT_EQ(
      RecordsOf([&] { return Delete(*engine_, kTable, Key("a")); }).size(), 1u);
  EXPECT_TRUE(
      RecordsOf([&] { return Delete(*engine_, kTable, Key("a")); }).empty());
  EXPECT_EQ(ItemCount(), 0);
}

TEST_F(GuaranteesTest, UpdatesThatChangeNothingWriteNoRecord) {
  Item item = Key("a");
  item["s"] = S("x");
  item["n"] = N("7");
  item["ss"] = AttributeValue::SS({"a", "b"});
  ASSERT_EQ(RecordsOf([&] { return PutItem(item); }).size(), 1u);

  struct Case {
    const char* name;
    std::map<std::string, AttributeValueUpdate> updates;
  };
  const std::vector<Case> cases = {
      {"PUT the same value", {{"s", Action(AttributeAction::kPut, S("x"))}}},
      {"PUT an equal number", {{"n", Action(AttributeAction::kPut, N("7.0"))}}},
      {"ADD 0", {{"n", Action(AttributeAction::kAdd, N("0"))}}},
      {"ADD elements already present",
       {{"ss", Action(AttributeAction::kAdd, AttributeValue::SS({"b"}))}}},
      {"DELETE elements not present",
       {{"ss", Action(AttributeAction::kDelete, AttributeValue::SS({"z"}))}}},
      {"DELETE a missing attribute",
       {{"nope", Action(AttributeAction::kDelete)}}},
      {"DELETE from a missing set",
       {{"nope", Action(AttributeAction::kDelete, AttributeValue::SS({"a"}))}}},
      {"several no-ops",
       {{"s", Action(AttributeAction::kPut, S("x"))},
        {"nope", Action(AttributeAction::kDelete)}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_TRUE(RecordsOf([&] { return Update(Key("a"), c.updates); }).empty());
    EXPECT_EQ(Get(*engine_, kTable, Key("a")), item);
  }

  // An update of a missing item whose actions are all DELETEs does nothing.
  EXPECT_TRUE(
      RecordsOf([&] {
        return Update(Key("b"), {{"s", Action(AttributeAction::kDelete)}});
      }).empty());
  EXPECT_EQ(Get(*engine_, kTable, Key("b")), std::nullopt);
  EXPECT_EQ(ItemCount(), 1);
}

TEST_F(GuaranteesTest, FailedConditionWritesNoRecord) {
  const Item item = With(Key("a"), "v", N("1"));
  ASSERT_EQ(RecordsOf([&] { return PutItem(item); }).size(), 1u);
  const size_t before = Records().size();

  ExpectedConditions not_exists;
  not_exists.expected["id"].exists = false;
  EXPECT_EQ(ExceptionName(PutItem(With(Key("a"), "v", N("2")), not_exists)),
            kConditionalCheckFailedException);

  ExpectedConditions wrong_value;
  wrong_value.expected["v"].value = N("2");
  EXPECT_EQ(ExceptionName(Update(Key("a"),
                                 {{"v", Action(AttributeAction::kAdd, N("5"))}},
                                 wrong_value)),
            kConditionalCheckFailedException);
  DeleteItemRequest del;
  del.table_name = kTable;
  del.key = Key("a");
  del.expected = wrong_value;
  EXPECT_EQ(ExceptionName(engine_->DeleteItem(del).status()),
            kConditionalCheckFailedException);
  // A condition on a missing item fails too, and creates nothing.
  ExpectedConditions must_exist;
  must_exist.expected["id"].value = S("b");
  EXPECT_EQ(ExceptionName(PutItem(Key("b"), must_exist)),
            kConditionalCheckFailedException);

  EXPECT_EQ(Records().size(), before);
  EXPECT_EQ(Get(*engine_, kTable, Key("a")), item);
  EXPECT_EQ(Get(*engine_, kTable, Key("b")), std::nullopt);
  EXPECT_EQ(ItemCount(), 1);
}

// ---------------------------------------------------------------------------
// Guarantee 3: each effective write yields exactly one record, with the
// event and images of the semantics reference, section 2.

TEST_F(GuaranteesTest, EachEffectiveWriteWritesExactlyOneRecord) {
  const Item v1 = With(Key("a"), "v", N("1"));
  auto r = RecordsOf([&] { return PutItem(v1); });
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].event_name, EventName::kInsert);
  EXPECT_EQ(r[0].dynamodb.keys, Key("a"));
  EXPECT_EQ(r[0].dynamodb.new_image, v1);
  EXPECT_EQ(r[0].dynamodb.old_image, std::nullopt);

  // A put that replaces the item is one MODIFY, not REMOVE + INSERT.
  const Item v2 = With(Key("a"), "w", S("x"));
  r = RecordsOf([&] { return PutItem(v2); });
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].event_name, EventName::kModify);
  EXPECT_EQ(r[0].dynamodb.old_image, v1);
  EXPECT_EQ(r[0].dynamodb.new_image, v2);

  const Item v3 = With(v2, "n", N("3"));
  r = RecordsOf([&] {
    return Update(Key("a"), {{"n", Action(AttributeAction::kAdd, N("3"))}});
  });
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].event_name, EventName::kModify);
  EXPECT_EQ(r[0].dynamodb.old_image, v2);
  EXPECT_EQ(r[0].dynamodb.new_image, v3);

  // Removing every non-key attribute is a MODIFY whose NewImage is the keys.
  r = RecordsOf([&] {
    return Update(Key("a"), {{"n", Action(AttributeAction::kDelete)},
                             {"w", Action(AttributeAction::kDelete)}});
  });
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].event_name, EventName::kModify);
  EXPECT_EQ(r[0].dynamodb.old_image, v3);
  EXPECT_EQ(r[0].dynamodb.new_image, Key("a"));

  r = RecordsOf([&] { return Delete(*engine_, kTable, Key("a")); });
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].event_name, EventName::kRemove);
  EXPECT_EQ(r[0].dynamodb.old_image, Key("a"));
  EXPECT_EQ(r[0].dynamodb.new_image, std::nullopt);

  // An update of a missing item creates it: INSERT, no OldImage.
  r = RecordsOf([&] {
    return Update(Key("b"), {{"n", Action(AttributeAction::kAdd, N("2"))}});
  });
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].event_name, EventName::kInsert);
  EXPECT_EQ(r[0].dynamodb.new_image, With(Key("b"), "n", N("2")));
  EXPECT_EQ(r[0].dynamodb.old_image, std::nullopt);

  // An update with no actions of a missing item creates a keys-only item.
  r = RecordsOf([&] { return Update(Key("c"), {}); });
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].event_name, EventName::kInsert);
  EXPECT_EQ(r[0].dynamodb.new_image, Key("c"));

  // A condition that holds does not stop the write.
  ExpectedConditions holds;
  holds.expected["n"].value = N("2.0");
  r = RecordsOf([&] {
    return Update(Key("b"), {{"n", Action(AttributeAction::kAdd, N("-2"))}},
                  holds);
  });
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].dynamodb.new_image, With(Key("b"), "n", N("0")));

  EXPECT_EQ(ItemCount(), 2);
  EXPECT_TRUE(SequencesContiguous(Records()));
  EXPECT_EQ(Records().size(), 8u);
}

// Guarantee 3 across a stream's life: each effective write yields one record
// in the table's current stream and none elsewhere; a write while the stream
// is disabled yields none; old streams stay readable and unchanged.
TEST_F(GuaranteesTest, RecordsGoToTheCurrentStreamOnly) {
  auto update_stream = [&](bool enabled, std::optional<StreamViewType> view) {
    UpdateTableRequest r;
    r.table_name = kTable;
    r.stream_specification = StreamSpecification{enabled, view};
    return engine_->UpdateTable(r).status();
  };
  auto read = [&](const std::string& arn) {
    auto records = ReadStream(*engine_, arn);
    EXPECT_TRUE(records.ok()) << records.status();
    return records.ok() ? *records : std::vector<StreamRecord>();
  };
  TS_ASSERT_OK_AND_ASSIGN(const std::string first,
                          LatestStreamArn(*engine_, kTable));
  TS_ASSERT_OK(PutItem(Key("a")));
  ASSERT_EQ(read(first).size(), 1u);

  TS_ASSERT_OK(update_stream(false, std::nullopt));
  TS_ASSERT_OK(PutItem(Key("b")));
  TS_ASSERT_OK(PutItem(With(Key("a"), "v", N("1"))));
  EXPECT_EQ(read(first).size(), 1u) << "a write while disabled left a record";
  DescribeStreamRequest describe;
  describe.stream_arn = first;
  auto d = engine_->DescribeStream(describe);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->stream_status, "DISABLED");
  ASSERT_EQ(d->shards.size(), 1u);
  EXPECT_TRUE(d->shards[0].sequence_number_range.ending_sequence_number)
      << "the disabled stream's shard is still open";

  // Enabled again at the same instant: a new stream with its own ARN.
  TS_ASSERT_OK(update_stream(true, StreamViewType::kNewImage));
  TS_ASSERT_OK_AND_ASSIGN(const std::string second,
                          LatestStreamArn(*engine_, kTable));
  EXPECT_NE(second, first);
  TS_ASSERT_OK(PutItem(Key("c")));
  TS_ASSERT_OK(Delete(*engine_, kTable, Key("b")));
  std::vector<StreamRecord> records = read(second);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].event_name, EventName::kInsert);
  EXPECT_EQ(records[0].dynamodb.new_image, Key("c"));
  EXPECT_EQ(records[0].dynamodb.old_image, std::nullopt);  // NEW_IMAGE
  EXPECT_EQ(records[1].event_name, EventName::kRemove);
  EXPECT_EQ(records[1].dynamodb.stream_view_type, StreamViewType::kNewImage);
  EXPECT_EQ(read(first).size(), 1u);
  ListStreamsRequest list;
  list.table_name = kTable;
  auto streams = engine_->ListStreams(list);
  ASSERT_TRUE(streams.ok()) << streams.status();
  EXPECT_EQ(streams->streams.size(), 2u);

  Open();
  EXPECT_EQ(read(first).size(), 1u);
  EXPECT_EQ(read(second).size(), 2u);

  // A deleted and re-created table starts empty, with a third stream.
  TS_ASSERT_OK(engine_->DeleteTable(kTable));
  EXPECT_EQ(ExceptionName(PutItem(Key("a"))), kResourceNotFoundException);
  EXPECT_EQ(read(second).size(), 2u) << "the deleted table's stream changed";
  TS_ASSERT_OK(engine_->CreateTable(
      TableRequest(kTable, {"id", ScalarAttributeType::kS},
                   KeyAttribute{"rk", ScalarAttributeType::kS},
                   StreamViewType::kNewAndOldImages)));
  TS_ASSERT_OK_AND_ASSIGN(const std::string third,
                          LatestStreamArn(*engine_, kTable));
  EXPECT_NE(third, second);
  EXPECT_EQ(Get(*engine_, kTable, Key("a")), std::nullopt);
  EXPECT_EQ(ItemCount(), 0);
  TS_ASSERT_OK(PutItem(Key("a")));
  records = read(third);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].event_name, EventName::kInsert);
  EXPECT_EQ(records[0].dynamodb.old_image, std::nullopt);
  Open();
  EXPECT_EQ(read(third).size(), 1u);
  EXPECT_EQ(ItemCount(), 1);
}

// ---------------------------------------------------------------------------
// Guarantee 9: bad input.

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// `leaf` wrapped in `levels` maps.
AttributeValue Nested(size_t levels, AttributeValue leaf) {
  for (size_t i = 0; i < levels; ++i) leaf = AttributeValue::M({{"m", leaf}});
  return leaf;
}

class BadInputTest : public GuaranteesTest {
 protected:
  void SetUp() override {
    GuaranteesTest::SetUp();
    TS_ASSERT_OK(engine_->CreateTable(
        TableRequest("bad_input_b", {"bid", ScalarAttributeType::kB},
                     std::nullopt, StreamViewType::kNewAndOldImages)));
    TS_ASSERT_OK(engine_->CreateTable(
        TableRequest("bad_input_n", {"nid", ScalarAttributeType::kN},
                     std::nullopt, StreamViewType::kNewAndOldImages)));
    seed_ = Key("k");
    seed_["s"] = S("text");
    seed_["n"] = N("1");
    seed_["ss"] = AttributeValue::SS({"a"});
    TS_ASSERT_OK(PutItem(seed_));
    TS_ASSERT_OK(Put(*engine_, "bad_input_b", {{"bid", B("k")}}));
    TS_ASSERT_OK(Put(*engine_, "bad_input_n", {{"nid", N("1")}}));
  }

  struct Snapshot {
    std::vector<std::string> records;  // all three streams
    std::vector<std::string> items;
    std::vector<int64_t> counts;
    std::vector<std::string> tables;
    bool operator==(const Snapshot& o) const {
      return records == o.records && items == o.items && counts == o.counts &&
             tables == o.tables;
    }
  };

  Snapshot Take() {
    Snapshot s;
    for (const char* t : {kTable, "bad_input_b", "bad_input_n"}) {
      for (const StreamRecord& r : Records(t)) {
        s.records.push_back(RecordDebugString(r));
      }
      s.counts.push_back(ItemCount(t));
    }
    s.items.push_back(ItemDebugString(Get(*engine_, kTable, Key("k"))));
    s.items.push_back(
        ItemDebugString(Get(*engine_, "bad_input_b", {{"bid", B("k")}})));
    s.items.push_back(
        ItemDebugString(Get(*engine_, "bad_input_n", {{"nid", N("1")}})));
    auto tables = engine_->ListTables({});
    EXPECT_TRUE(tables.ok()) << tables.status();
    if (tables.ok()) s.tables = tables->table_names;
    return s;
  }

  struct Case {
    std::string name;
    std::string exception;
    std::function<absl::Status()> run;
  };

  void RunCases(const std::vector<Case>& cases) {
    const Snapshot before = Take();
    for (const Case& c : cases) {
      SCOPED_TRACE(c.name);
      const absl::Status s = c.run();
      EXPECT_EQ(ExceptionName(s), c.exception) << s;
      EXPECT_FALSE(ErrorMessage(s).empty()) << "no message: " << s;
      EXPECT_TRUE(Take() == before) << "the refused request wrote something";
    }
    ExpectStillUsable(before);
  }

  // A valid write works and adds exactly one record, also after reopening.
  void ExpectStillUsable(const Snapshot& before) {
    const size_t records = Records().size();
    TS_EXPECT_OK(PutItem(With(Key("after"), "v", N("1"))));
    EXPECT_EQ(Records().size(), records + 1);
    Open();
    EXPECT_EQ(Records().size(), records + 1);
    EXPECT_EQ(Get(*engine_, kTable, Key("k")), seed_);
    TS_EXPECT_OK(Delete(*engine_, kTable, Key("after")));
    EXPECT_EQ(Records().size(), records + 2);
    EXPECT_EQ(ItemCount(), before.counts[0]);
  }

  std::function<absl::Status()> PutF(Item item,
                                     const std::string& table = kTable) {
    return [this, item, table] { return Put(*engine_, table, item); };
  }
  std::function<absl::Status()> UpdateF(
      Item key, std::map<std::string, AttributeValueUpdate> updates,
      ExpectedConditions expected = {}) {
    return [this, key, updates, expected] {
      return Update(key, updates, expected);
    };
  }

  Item seed_;
};

TEST_F(BadInputTest, UnknownTable) {
  const std::string e(kResourceNotFoundException);
  RunCases({
      {"PutItem", e, PutF(Key("x"), "no_such_table")},
      {"GetItem", e,
       [&] {
         GetItemRequest r;
         r.table_name = "no_such_table";
         r.key = Key("k");
         return engine_->GetItem(r).status();
       }},
      {"DeleteItem", e,
       [&] { return Delete(*engine_, "no_such_table", Key("k")); }},
      {"UpdateItem", e,
       [&] {
         UpdateItemRequest r;
         r.table_name = "no_such_table";
         r.key = Key("k");
         return engine_->UpdateItem(r).status();
       }},
      {"DescribeTable", e,
       [&] { return engine_->DescribeTable("no_such_table").status(); }},
      {"DeleteTable", e,
       [&] { return engine_->DeleteTable("no_such_table").status(); }},
  });
}

TEST_F(BadInputTest, MissingOrWrongTypedKey) {
  const std::string v(kValidationException);
  RunCases({
      {"put without hash key", v, PutF({{"rk", S("r")}, {"v", N("1")}})},
      {"put without range key", v, PutF({{"id", S("k")}, {"v", N("1")}})},
      {"put with N hash key", v, PutF({{"id", N("1")}, {"rk", S("r")}})},
      {"put with B range key", v, PutF({{"id", S("k")}, {"rk", B("r")}})},
      {"put with SS hash key", v,
       PutF({{"id", AttributeValue::SS({"k"})}, {"rk", S("r")}})},
      {"put with S key in B table", v, PutF({{"bid", S("k")}}, "bad_input_b")},
      {"put with S key in N table", v, PutF({{"nid", S("1")}}, "bad_input_n")},
      {"get with extra key attribute", v,
       [&] {
         GetItemRequest r;
         r.table_name = kTable;
         r.key = With(Key("k"), "s", S("text"));
         return engine_->GetItem(r).status();
       }},
      {"delete without range key", v,
       [&] {
         return Delete(*engine_, kTable, {{"id", S("k")}});
       }},
      {"delete with wrong-typed key", v,
       [&] {
         return Delete(*engine_, kTable, {{"id", S("k")}, {"rk", N("1")}});
       }},
      {"update with missing key", v,
       UpdateF({{"id", S("k")}},
               {{"v", Action(AttributeAction::kPut, N("1"))}})},
  });
}

TEST_F(BadInputTest, KeySizesAndEmptyKeys) {
  const std::string v(kValidationException);
  RunCases({
      {"hash key of 2049 bytes", v,
       PutF({{"id", S(std::string(2049, 'h'))}, {"rk", S("r")}})},
      {"hash key of 1025 two-byte characters", v,
       PutF({{"id", S(Repeat("\xc3\xa9", 1025))}, {"rk", S("r")}})},
      {"range key of 1025 bytes", v,
       PutF({{"id", S("k")}, {"rk", S(std::string(1025, 'r'))}})},
      {"binary hash key of 2049 bytes", v,
       PutF({{"bid", B(std::string(2049, '\x01'))}}, "bad_input_b")},
      {"delete with a hash key of 2049 bytes", v,
       [&] {
         return Delete(*engine_, kTable,
                       {{"id", S(std::string(2049, 'h'))}, {"rk", S("r")}});
       }},
      {"empty hash key", v, PutF({{"id", S("")}, {"rk", S("r")}})},
      {"empty range key", v, PutF({{"id", S("k")}, {"rk", S("")}})},
      {"empty binary key", v, PutF({{"bid", B("")}}, "bad_input_b")},
      {"get with empty key", v,
       [&] {
         GetItemRequest r;
         r.table_name = kTable;
         r.key = Key("");
         return engine_->GetItem(r).status();
       }},
      {"number key out of range", v,
       PutF({{"nid", N("1e126")}}, "bad_input_n")},
  });

  // The limits themselves are allowed.
  TS_EXPECT_OK(PutItem({{"id", S(std::string(2048, 'h'))}, {"rk", S("r")}}));
  TS_EXPECT_OK(PutItem({{"id", S("k")}, {"rk", S(std::string(1024, 'r'))}}));
  TS_EXPECT_OK(
      Put(*engine_, "bad_input_b", {{"bid", B(std::string(2048, '\x01'))}}));
}

TEST_F(BadInputTest, ItemSizeAndNesting) {
  const std::string v(kValidationException);
  // Size = name bytes + value bytes: "id"+"k" (3) + "rk"+"r" (3) + "p" + p.
  const size_t room = 409600 - 3 - 3 - 1;
  RunCases({
      {"item of 409601 bytes", v,
       PutF(With(Key("k"), "p", S(std::string(room + 1, 'x'))))},
      {"item of 1 MB", v,
       PutF(With(Key("k"), "p", B(std::string(1 << 20, 'x'))))},
      {"update growing the item past 400 KB", v,
       UpdateF(Key("k"), {{"p", Action(AttributeAction::kPut,
                                       S(std::string(409600, 'x')))}})},
      {"map nesting 33", v, PutF(With(Key("k"), "deep", Nested(32, N("1"))))},
      {"list nesting 33", v,
       PutF(With(Key("k"), "deep",
                 [] {
                   AttributeValue leaf = S("x");
                   for (int i = 0; i < 32; ++i) {
                     leaf = AttributeValue::L({leaf});
                   }
                   return leaf;
                 }()))},
      {"update with nesting 33", v,
       UpdateF(Key("k"),
               {{"deep", Action(AttributeAction::kPut, Nested(32, N("1")))}})},
  });
  // The limits themselves are allowed.
  TS_EXPECT_OK(PutItem(With(Key("b"), "p", S(std::string(room, 'x')))));
  TS_EXPECT_OK(PutItem(With(Key("deep"), "deep", Nested(31, N("1")))));
}

TEST_F(BadInputTest, BadNumbers) {
  const std::string v(kValidationException);
  std::vector<Case> cases;
  for (const char* text : {"abc", "", "1e126", "-1e126", "1e-131", "NaN",
                           "Infinity", "0x1F", "1.2.3", " 1", "1 ", "1e", "--1",
                           "1,5", "1234567890123456789012345678901234567891"}) {
    cases.push_back({absl::StrCat("N \"", text, "\""), v,
                     PutF(With(Key("k"), "n", N(text)))});
  }
  cases.push_back({"bad number in an NS", v,
                   PutF(With(Key("k"), "ns", AttributeValue::NS({"1", "x"})))});
  cases.push_back(
      {"bad number in a map", v,
       PutF(With(Key("k"), "m", AttributeValue::M({{"x", N("1e200")}})))});
  cases.push_back(
      {"bad number in a list", v,
       PutF(With(Key("k"), "l", AttributeValue::L({N("1"), N("e")})))});
  cases.push_back(
      {"bad number in an update", v,
       UpdateF(Key("k"), {{"n", Action(AttributeAction::kAdd, N("12abc"))}})});
  ExpectedConditions bad_expected;
  bad_expected.expected["n"].value = N("one");
  cases.push_back(
      {"bad number in Expected", v,
       UpdateF(Key("k"), {{"n", Action(AttributeAction::kAdd, N("1"))}},
               bad_expected)});
  cases.push_back(
      {"ADD overflowing the range", v,
       UpdateF(Key("k"),
               {{"n",
                 Action(AttributeAction::kAdd,
                        N("9.9999999999999999999999999999999999999E+125"))}})});
  RunCases(cases);
  // The limits themselves are allowed.
  for (const char* text :
       {"9.9999999999999999999999999999999999999E+125",
        "-9.9999999999999999999999999999999999999E+125", "1E-130", "-1e-130",
        "12345678901234567890123456789012345678",
        "0.00000000000000000000000000000000000001"}) {
    TS_EXPECT_OK(PutItem(With(Key("limits"), "n", N(text))));
  }
}

TEST_F(BadInputTest, BadSets) {
  const std::string v(kValidationException);
  RunCases({
      {"empty SS", v, PutF(With(Key("k"), "x", AttributeValue::SS({})))},
      {"empty NS", v, PutF(With(Key("k"), "x", AttributeValue::NS({})))},
      {"empty BS", v, PutF(With(Key("k"), "x", AttributeValue::BS({})))},
      {"duplicate SS", v,
       PutF(With(Key("k"), "x", AttributeValue::SS({"a", "b", "a"})))},
      {"duplicate NS (numerically)", v,
       PutF(With(Key("k"), "x", AttributeValue::NS({"1", "2", "1.0"})))},
      {"duplicate BS", v,
       PutF(With(Key("k"), "x", AttributeValue::BS({"\x01", "\x01"})))},
      {"empty set inside a map", v,
       PutF(With(Key("k"), "m",
                 AttributeValue::M({{"x", AttributeValue::SS({})}})))},
      {"ADD an empty set", v,
       UpdateF(Key("k"), {{"ss", Action(AttributeAction::kAdd,
                                        AttributeValue::SS({}))}})},
  });
}

TEST_F(BadInputTest, BadNamesAndValues) {
  const std::string v(kValidationException);
  RunCases({
      {"empty attribute name", v, PutF(With(Key("k"), "", S("x")))},
      {"attribute name of 65536 bytes", v,
       PutF(With(Key("k"), std::string(65536, 'a'), S("x")))},
      {"invalid UTF-8 in S", v, PutF(With(Key("k"), "s", S("\xc3\x28")))},
      {"invalid UTF-8 in a key", v, PutF({{"id", S("\xff")}, {"rk", S("r")}})},
      {"map key name empty", v,
       PutF(With(Key("k"), "m", AttributeValue::M({{"", S("x")}})))},
  });
  // The limits themselves are allowed.
  TS_EXPECT_OK(PutItem(With(Key("k2"), std::string(65535, 'a'), S("x"))));
}

TEST_F(BadInputTest, InvalidTableNames) {
  const std::string v(kValidationException);
  std::vector<Case> cases;
  for (const std::string& name :
       {std::string(""), std::string("ab"), std::string(256, 't'),
        std::string("bad name"), std::string("bad/name"),
        std::string("bad\xc3\xa9name")}) {
    cases.push_back({absl::StrCat("CreateTable \"", name, "\""), v, [&, name] {
                       return engine_
                           ->CreateTable(TableRequest(
                               name, {"id", ScalarAttributeType::kS},
                               std::nullopt, StreamViewType::kNewImage))
                           .status();
                     }});
  }
  // DynamoDB checks the name's form before looking the table up.
  cases.push_back({"PutItem to \"ab\"", v, PutF(Key("k"), "ab")});
  cases.push_back({"DescribeTable of \"a b\"", v,
                   [&] { return engine_->DescribeTable("a b").status(); }});
  cases.push_back({"GetItem from \"x\"", v, [&] {
                     GetItemRequest r;
                     r.table_name = "x";
                     r.key = Key("k");
                     return engine_->GetItem(r).status();
                   }});
  cases.push_back({"PutItem to \"bad name\"", v, PutF(Key("k"), "bad name")});
  RunCases(cases);
  // The limits themselves are allowed.
  for (const std::string& name :
       {std::string("a.b"), std::string(255, 'T'), std::string("A-z_0.9")}) {
    TS_EXPECT_OK(engine_->CreateTable(TableRequest(
        name, {"id", ScalarAttributeType::kS}, std::nullopt, std::nullopt)));
  }
}

TEST_F(BadInputTest, BadTableDefinitions) {
  const std::string v(kValidationException);
  auto create = [&](CreateTableRequest r) {
    return [this, r] { return engine_->CreateTable(r).status(); };
  };
  CreateTableRequest no_key = TableRequest(
      "no_key", {"id", ScalarAttributeType::kS}, std::nullopt, std::nullopt);
  no_key.key_schema.clear();
  CreateTableRequest undefined = no_key;
  undefined.key_schema = {{"other", KeyType::kHash}};
  undefined.attribute_definitions = {{"id", ScalarAttributeType::kS}};
  CreateTableRequest view_missing =
      TableRequest("view_missing", {"id", ScalarAttributeType::kS},
                   std::nullopt, std::nullopt);
  view_missing.stream_specification = StreamSpecification{true, std::nullopt};
  CreateTableRequest long_key =
      TableRequest("long_key", {std::string(256, 'k'), ScalarAttributeType::kS},
                   std::nullopt, std::nullopt);
  CreateTableRequest same_key = TableRequest(
      "same_key", {"id", ScalarAttributeType::kS}, std::nullopt, std::nullopt);
  same_key.key_schema.push_back({"id", KeyType::kRange});
  RunCases({
      {"no key schema", v, create(no_key)},
      {"key attribute name of 256 bytes", v, create(long_key)},
      {"the same attribute as hash and range key", v, create(same_key)},
      {"key attribute not defined", v, create(undefined)},
      {"enabled stream without a view type", v, create(view_missing)},
      {"UpdateTable changing the view type of an enabled stream", v,
       [&] {
         UpdateTableRequest r;
         r.table_name = kTable;
         r.stream_specification =
             StreamSpecification{true, StreamViewType::kKeysOnly};
         return engine_->UpdateTable(r).status();
       }},
      {"UpdateTable enabling the enabled stream again", v,
       [&] {
         UpdateTableRequest r;
         r.table_name = kTable;
         r.stream_specification =
             StreamSpecification{true, StreamViewType::kNewAndOldImages};
         return engine_->UpdateTable(r).status();
       }},
      {"UpdateTable of an unknown table",
       std::string(kResourceNotFoundException),
       [&] {
         UpdateTableRequest r;
         r.table_name = "no_such_table";
         r.stream_specification = StreamSpecification{false, std::nullopt};
         return engine_->UpdateTable(r).status();
       }},
      {"existing table", std::string(kResourceInUseException),
       create(TableRequest(kTable, {"id", ScalarAttributeType::kS},
                           KeyAttribute{"rk", ScalarAttributeType::kS},
                           StreamViewType::kNewAndOldImages))},
  });
}

TEST_F(BadInputTest, BadUpdatesAndConditions) {
  const std::string v(kValidationException);
  ExpectedConditions exists_false_with_value;
  exists_false_with_value.expected["n"].exists = false;
  exists_false_with_value.expected["n"].value = N("1");
  ExpectedConditions exists_true_without_value;
  exists_true_without_value.expected["n"].exists = true;
  RunCases({
      {"update of a key attribute", v,
       UpdateF(Key("k"), {{"rk", Action(AttributeAction::kPut, S("other"))}})},
      {"PUT without a value", v,
       UpdateF(Key("k"), {{"s", Action(AttributeAction::kPut)}})},
      {"ADD of an S", v,
       UpdateF(Key("k"), {{"s", Action(AttributeAction::kAdd, S("x"))}})},
      {"DELETE with an S value", v,
       UpdateF(Key("k"), {{"s", Action(AttributeAction::kDelete, S("x"))}})},
      {"ADD of an N to an S attribute", v,
       UpdateF(Key("k"), {{"s", Action(AttributeAction::kAdd, N("1"))}})},
      {"ADD of an NS to an SS attribute", v,
       UpdateF(Key("k"), {{"ss", Action(AttributeAction::kAdd,
                                        AttributeValue::NS({"1"}))}})},
      {"DELETE of an NS from an SS attribute", v,
       UpdateF(Key("k"), {{"ss", Action(AttributeAction::kDelete,
                                        AttributeValue::NS({"1"}))}})},
      {"Expected with Exists false and a Value", v,
       UpdateF(Key("k"), {{"n", Action(AttributeAction::kAdd, N("1"))}},
               exists_false_with_value)},
      {"Expected with Exists true and no Value", v,
       UpdateF(Key("k"), {{"n", Action(AttributeAction::kAdd, N("1"))}},
               exists_true_without_value)},
      {"DeleteItem with ReturnValues UPDATED_NEW", v,
       [&] {
         DeleteItemRequest r;
         r.table_name = kTable;
         r.key = Key("k");
         r.return_values = ReturnValue::kUpdatedNew;
         return engine_->DeleteItem(r).status();
       }},
      {"PutItem with ReturnValues ALL_NEW", v,
       [&] {
         PutItemRequest r;
         r.table_name = kTable;
         r.item = With(Key("k"), "n", N("5"));
         r.return_values = ReturnValue::kAllNew;
         return engine_->PutItem(r).status();
       }},
  });
}

TEST_F(BadInputTest, BadStreamRequests) {
  const std::string v(kValidationException);
  TS_ASSERT_OK_AND_ASSIGN(std::string arn, LatestStreamArn(*engine_, kTable));
  TS_ASSERT_OK_AND_ASSIGN(std::vector<Shard> shards, ListShards(*engine_, arn));
  ASSERT_FALSE(shards.empty());
  RunCases({
      {"GetRecords with a garbage iterator", v,
       [&] {
         GetRecordsRequest r;
         r.shard_iterator = "not an iterator";
         return engine_->GetRecords(r).status();
       }},
      {"GetRecords with limit 0", v,
       [&] {
         GetShardIteratorRequest it;
         it.stream_arn = arn;
         it.shard_id = shards[0].shard_id;
         auto iterator = engine_->GetShardIterator(it);
         if (!iterator.ok()) return iterator.status();
         GetRecordsRequest r;
         r.shard_iterator = *iterator;
         r.limit = 0;
         return engine_->GetRecords(r).status();
       }},
      {"DescribeStream with a malformed ARN", v,
       [&] {
         DescribeStreamRequest r;
         r.stream_arn = "arn";
         return engine_->DescribeStream(r).status();
       }},
      {"AFTER_SEQUENCE_NUMBER without a number", v,
       [&] {
         GetShardIteratorRequest it;
         it.stream_arn = arn;
         it.shard_id = shards[0].shard_id;
         it.shard_iterator_type = ShardIteratorType::kAfterSequenceNumber;
         return engine_->GetShardIterator(it).status();
       }},
      {"unknown shard", std::string(kResourceNotFoundException),
       [&] {
         GetShardIteratorRequest it;
         it.stream_arn = arn;
         it.shard_id = "shardId-00000000000000000000-00000000";
         return engine_->GetShardIterator(it).status();
       }},
  });
}

}  // namespace
}  // namespace test
}  // namespace tablestream
