// Copyright 2026 The tablestream Authors.
//
// DESIGN.md section 2, guarantee 3, through the public API: exactly the
// effective changes. Every write that changes an item yields exactly one
// record (with the event and images of the semantics reference, section 2),
// in the table's current stream; a write that changes nothing (identical
// put, equal numbers written differently, reordered sets, delete of a
// missing item, update with no effect, failed condition) yields none.
//
// Guarantee 9 (bad input) is in bad_input_test.cc, in the same binary.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/guarantees_fixture.h"
#include "tests/test_util.h"

namespace tablestream {
namespace test {
namespace {

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

}  // namespace
}  // namespace test
}  // namespace tablestream
