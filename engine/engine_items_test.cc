// Copyright 2026 The tablestream Authors.
//
// Item operations and the records they produce, through the C++ API.

#include "engine/engine_test_fixture.h"

namespace tablestream {
namespace {

using ItemsTest = EngineTest;

Item FullItem() {
  return {
      {"pk", AttributeValue::S("user#42")},
      {"name", AttributeValue::S("Ada")},
      {"age", AttributeValue::N("36.0")},
      {"avatar", AttributeValue::B(std::string("\0\1\2", 3))},
      {"active", AttributeValue::Bool(true)},
      {"nickname", AttributeValue::Null()},
      {"address", AttributeValue::M({{"city", AttributeValue::S("Paris")}})},
      {"history",
       AttributeValue::L({AttributeValue::N("1"), AttributeValue::S("x")})},
      {"tags", AttributeValue::SS({"b", "a"})},
      {"scores", AttributeValue::NS({"10", "1.50"})},
      {"blobs", AttributeValue::BS({"\2", "\1"})},
  };
}

TEST_F(ItemsTest, PutGetRoundTripsAllTenTypesCanonically) {
  CreateTable("Tab");
  ASSERT_TRUE(Put("Tab", FullItem()).ok());
  auto got = Get("Tab", {{"pk", S("user#42")}});
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_TRUE(got->has_value());
  const Item& item = **got;
  EXPECT_EQ(item.size(), 11u);
  EXPECT_EQ(item.at("age"), N("36"));
  EXPECT_EQ(item.at("tags"), AttributeValue::SS({"a", "b"}));
  EXPECT_EQ(item.at("scores"), AttributeValue::NS({"1.5", "10"}));
  EXPECT_EQ(item.at("blobs"), AttributeValue::BS({"\1", "\2"}));
  EXPECT_EQ(item.at("avatar").scalar(), std::string("\0\1\2", 3));

  GetItemRequest projected{"Tab", {{"pk", S("user#42")}}, {"name", "nope"}};
  auto some = engine_->GetItem(projected);
  ASSERT_TRUE(some.ok());
  EXPECT_EQ(**some, (Item{{"name", S("Ada")}}));
}

TEST_F(ItemsTest, EventsFollowTheLessonScenario) {
  CreateTable("Tab");
  ASSERT_TRUE(Put("Tab", {{"pk", S("k")}, {"a", N("1")}, {"b", S("x")}}).ok());
  UpdateItemRequest update;
  update.table_name = "Tab";
  update.key = {{"pk", S("k")}};
  update.attribute_updates["b"] = {AttributeAction::kDelete, {}};
  update.attribute_updates["a"] = {AttributeAction::kAdd, N("2")};
  update.return_values = ReturnValue::kUpdatedNew;
  auto updated = engine_->UpdateItem(update);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->attributes, (Item{{"a", N("3")}}));
  ASSERT_TRUE(Delete("Tab", {{"pk", S("k")}}).ok());

  std::vector<StreamRecord> records = ReadAll(LatestStreamArn("Tab"));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].event_name, EventName::kInsert);
  EXPECT_FALSE(records[0].dynamodb.old_image.has_value());
  EXPECT_EQ(records[1].event_name, EventName::kModify);
  EXPECT_EQ(*records[1].dynamodb.old_image, *records[0].dynamodb.new_image);
  EXPECT_EQ(*records[1].dynamodb.new_image,
            (Item{{"pk", S("k")}, {"a", N("3")}}));
  EXPECT_EQ(records[2].event_name, EventName::kRemove);
  EXPECT_EQ(*records[2].dynamodb.old_image, *records[1].dynamodb.new_image);
  EXPECT_FALSE(records[2].dynamodb.new_image.has_value());
  for (size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(records[i].dynamodb.keys, (Item{{"pk", S("k")}}));
    EXPECT_EQ(records[i].dynamodb.sequence_number,
              absl::StrCat("1", std::string(19, '0'), i + 1));
  }
}

TEST_F(ItemsTest, WritesThatChangeNothingProduceNoRecord) {
  CreateTable("Tab");
  ASSERT_TRUE(Put("Tab", FullItem()).ok());
  // Same values written differently: number formatting and set order.
  Item same = FullItem();
  same["age"] = N("36");
  same["scores"] = AttributeValue::NS({"1.5", "10.0"});
  same["tags"] = AttributeValue::SS({"a", "b"});
  ASSERT_TRUE(Put("Tab", same).ok());
  ASSERT_TRUE(Delete("Tab", {{"pk", S("missing")}}).ok());
  UpdateItemRequest noop;
  noop.table_name = "Tab";
  noop.key = {{"pk", S("user#42")}};
  noop.attribute_updates["name"] = {AttributeAction::kPut, S("Ada")};
  ASSERT_TRUE(engine_->UpdateItem(noop).ok());
  // A failed condition writes nothing either.
  PutItemRequest conditional;
  conditional.table_name = "Tab";
  conditional.item = {{"pk", S("user#42")}};
  conditional.expected.expected["name"].exists = false;
  EXPECT_TRUE(IsConditionalCheckFailed(engine_->PutItem(conditional).status()));
  EXPECT_EQ(ReadAll(LatestStreamArn("Tab")).size(), 1u);
  EXPECT_EQ(engine_->DescribeTable("Tab")->item_count, 1);
}

TEST_F(ItemsTest, ReturnValues) {
  CreateTable("Tab");
  PutItemRequest put{
      "Tab", {{"pk", S("k")}, {"v", N("1")}}, {}, ReturnValue::kAllOld};
  auto first = engine_->PutItem(put);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->attributes.has_value());
  put.item["v"] = N("2");
  auto second = engine_->PutItem(put);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->attributes, (Item{{"pk", S("k")}, {"v", N("1")}}));
  put.return_values = ReturnValue::kAllNew;
  EXPECT_EQ(ExceptionName(engine_->PutItem(put).status()),
            kValidationException);

  DeleteItemRequest del{"Tab", {{"pk", S("k")}}, {}, ReturnValue::kAllOld};
  auto deleted = engine_->DeleteItem(del);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(deleted->attributes, (Item{{"pk", S("k")}, {"v", N("2")}}));
}

TEST_F(ItemsTest, UpdateCreatesAndDeleteOnlyUpdateDoesNot) {
  CreateTable("Tab", StreamViewType::kNewAndOldImages);
  UpdateItemRequest only_delete;
  only_delete.table_name = "Tab";
  only_delete.key = {{"pk", S("a")}};
  only_delete.attribute_updates["x"] = {AttributeAction::kDelete, {}};
  ASSERT_TRUE(engine_->UpdateItem(only_delete).ok());
  EXPECT_FALSE(Get("Tab", {{"pk", S("a")}})->has_value());

  UpdateItemRequest empty;
  empty.table_name = "Tab";
  empty.key = {{"pk", S("b")}};
  ASSERT_TRUE(engine_->UpdateItem(empty).ok());
  EXPECT_EQ(**Get("Tab", {{"pk", S("b")}}), (Item{{"pk", S("b")}}));
  std::vector<StreamRecord> records = ReadAll(LatestStreamArn("Tab"));
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].event_name, EventName::kInsert);
  EXPECT_EQ(*records[0].dynamodb.new_image, (Item{{"pk", S("b")}}));
}

TEST_F(ItemsTest, KeysSortInKeyTypeOrder) {
  CreateTable("Tab", std::nullopt, ScalarAttributeType::kN);
  for (const char* n : {"10", "-1", "2", "1e2", "-0.5", "0"}) {
    ASSERT_TRUE(Put("Tab", {{"pk", S("p")}, {"sk", N(n)}}).ok()) << n;
  }
  // Equal numbers are the same key.
  ASSERT_TRUE(
      Put("Tab", {{"pk", S("p")}, {"sk", N("100.0")}, {"x", N("1")}}).ok());
  EXPECT_EQ(engine_->DescribeTable("Tab")->item_count, 6);
  EXPECT_EQ((**Get("Tab", {{"pk", S("p")}, {"sk", N("1E+2")}})).at("x"),
            N("1"));
}

TEST_F(ItemsTest, BadInputIsRefusedBeforeAnythingIsWritten) {
  CreateTable("Tab", StreamViewType::kNewAndOldImages, ScalarAttributeType::kB);
  const Item good = {{"pk", S("a")}, {"sk", AttributeValue::B("b")}};
  struct Case {
    std::string name;
    Item item;
  };
  auto with = [&](const std::string& name, AttributeValue v) {
    Item i = good;
    i[name] = std::move(v);
    return i;
  };
  AttributeValue deep = S("leaf");
  for (int i = 0; i < 32; ++i) deep = AttributeValue::L({deep});
  const std::vector<Case> cases = {
      {"missing sort key", {{"pk", S("a")}}},
      {"wrong key type", with("pk", N("1"))},
      {"empty string key", with("pk", S(""))},
      {"empty binary key", with("sk", AttributeValue::B(""))},
      {"partition key too big", with("pk", S(std::string(2049, 'x')))},
      {"sort key too big",
       with("sk", AttributeValue::B(std::string(1025, 'x')))},
      {"item too big", with("big", S(std::string(409600, 'x')))},
      {"too deep", with("deep", deep)},
      {"39 digits", with("n", N("123456789012345678901234567890123456789"))},
      {"overflow", with("n", N("1e126"))},
      {"underflow", with("n", N("1e-131"))},
      {"not a number", with("n", N("12abc"))},
      {"empty set", with("s", AttributeValue::SS({}))},
      {"duplicate set", with("s", AttributeValue::NS({"1", "1.0"}))},
      {"empty name", with("", S("x"))},
  };
  for (const Case& c : cases) {
    absl::Status s = Put("Tab", c.item);
    EXPECT_EQ(ExceptionName(s), kValidationException) << c.name << ": " << s;
  }
  EXPECT_EQ(ExceptionName(Put("Nope", good)), kResourceNotFoundException);
  EXPECT_EQ(ExceptionName(Get("Tab", {{"pk", S("a")}}).status()),
            kValidationException);
  EXPECT_EQ(ExceptionName(Get("Tab", {{"pk", S("a")},
                                      {"sk", AttributeValue::B("b")},
                                      {"extra", S("x")}})
                              .status()),
            kValidationException);
  // Nothing was written; the engine still works.
  EXPECT_TRUE(ReadAll(LatestStreamArn("Tab")).empty());
  ASSERT_TRUE(Put("Tab", good).ok());
  // The limits themselves are accepted.
  ASSERT_TRUE(Put("Tab", {{"pk", S(std::string(2048, 'x'))},
                          {"sk", AttributeValue::B(std::string(1024, 'y'))}})
                  .ok());
  AttributeValue deepest = S("leaf");
  for (int i = 0; i < 31; ++i) deepest = AttributeValue::L({deepest});
  ASSERT_TRUE(Put("Tab", with("deep", deepest)).ok());
  EXPECT_EQ(ReadAll(LatestStreamArn("Tab")).size(), 3u);
}

TEST_F(ItemsTest, ConditionsOnWrites) {
  CreateTable("Tab");
  ASSERT_TRUE(Put("Tab", {{"pk", S("k")}, {"v", N("5")}}).ok());
  DeleteItemRequest del;
  del.table_name = "Tab";
  del.key = {{"pk", S("k")}};
  ExpectedAttributeValue gt;
  gt.comparison_operator = ComparisonOperator::kGt;
  gt.attribute_value_list = {N("10")};
  del.expected.expected["v"] = gt;
  EXPECT_TRUE(IsConditionalCheckFailed(engine_->DeleteItem(del).status()));
  del.expected.expected["v"].attribute_value_list = {N("4.99")};
  ASSERT_TRUE(engine_->DeleteItem(del).ok());
  EXPECT_FALSE(Get("Tab", {{"pk", S("k")}})->has_value());
}

}  // namespace
}  // namespace tablestream
