// Copyright 2026 The tablestream Authors.
//
// Expressions end to end through the Engine: conditions, updates on nested
// documents, projections, and bad input that must leave the table and its
// stream untouched.

#include <string>
#include <vector>

#include "engine/engine_test_fixture.h"
#include "gmock/gmock.h"

namespace tablestream {
namespace {

using ::testing::HasSubstr;
using V = AttributeValue;

class ExpressionEngineTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    CreateTable("tbl");
    ASSERT_TRUE(Put("tbl", Doc()).ok());
  }

  static Item Doc() {
    return {{"pk", S("k")},
            {"n", N("10")},
            {"tags", V::SS({"a", "b"})},
            {"doc", V::M({{"lst", V::L({N("1"), N("2"), N("3")})},
                          {"deep", V::M({{"x", S("y")}})}})}};
  }

  absl::StatusOr<WriteResult> Update(
      const std::string& expression, ExpressionAttributeValues values = {},
      std::optional<std::string> condition = std::nullopt,
      ReturnValue rv = ReturnValue::kNone) {
    UpdateItemRequest r;
    r.table_name = "tbl";
    r.key = {{"pk", S("k")}};
    r.update_expression = expression;
    r.condition_expression = condition;
    if (!values.empty()) r.placeholders.values = values;
    r.return_values = rv;
    return engine_->UpdateItem(r);
  }

  Item Current() {
    auto got = Get("tbl", {{"pk", S("k")}});
    EXPECT_TRUE(got.ok() && got->has_value());
    return got.ok() && got->has_value() ? **got : Item();
  }

  size_t RecordCount() { return ReadAll(LatestStreamArn("tbl")).size(); }
};

TEST_F(ExpressionEngineTest, NestedUpdateWritesOneRecord) {
  auto r = Update(
      "SET doc.lst[1] = doc.lst[1] + :d, doc.deep.z = :z, n = n - :d "
      "REMOVE doc.deep.x ADD tags :t DELETE doc.nothing :t",
      {{":d", N("5")}, {":z", V::L({})}, {":t", V::SS({"c"})}}, std::nullopt,
      ReturnValue::kUpdatedNew);
  ASSERT_TRUE(r.ok()) << r.status();
  Item want = Doc();
  want["n"] = N("5");
  want["tags"] = V::SS({"a", "b", "c"});
  want["doc"] = V::M({{"lst", V::L({N("1"), N("7"), N("3")})},
                      {"deep", V::M({{"z", V::L({})}})}});
  EXPECT_EQ(Current(), want);
  // UPDATED_NEW: only the updated paths, nested inside their containers;
  // removed paths are gone.
  ASSERT_TRUE(r->attributes.has_value());
  Item updated_new = {{"n", N("5")},
                      {"tags", V::SS({"a", "b", "c"})},
                      {"doc", V::M({{"lst", V::L({N("7")})},
                                    {"deep", V::M({{"z", V::L({})}})}})}};
  EXPECT_EQ(*r->attributes, updated_new);
  auto records = ReadAll(LatestStreamArn("tbl"));
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].event_name, EventName::kModify);
}

TEST_F(ExpressionEngineTest, ConditionExpressionGuardsWrites) {
  auto failed =
      Update("SET n = :v", {{":v", N("1")}, {":limit", N("5")}}, "n < :limit");
  EXPECT_TRUE(IsConditionalCheckFailed(failed.status())) << failed.status();
  auto ok = Update("SET n = :v", {{":v", N("1")}, {":limit", N("50")}},
                   "n < :limit AND attribute_exists(doc.deep.x)");
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(Current().at("n"), N("1"));

  PutItemRequest put;
  put.table_name = "tbl";
  put.item = {{"pk", S("k")}};
  put.condition_expression = "attribute_not_exists(pk)";
  EXPECT_TRUE(IsConditionalCheckFailed(engine_->PutItem(put).status()));
  DeleteItemRequest del;
  del.table_name = "tbl";
  del.key = {{"pk", S("k")}};
  del.condition_expression = "size(tags) = :two";
  del.placeholders.values = ExpressionAttributeValues{{":two", N("2")}};
  ASSERT_TRUE(engine_->DeleteItem(del).ok());
  EXPECT_FALSE(Get("tbl", {{"pk", S("k")}})->has_value());
}

TEST_F(ExpressionEngineTest, UpdateExpressionCreatesMissingItem) {
  UpdateItemRequest r;
  r.table_name = "tbl";
  r.key = {{"pk", S("new")}};
  r.update_expression = "SET c = if_not_exists(c, :zero) + :one";
  r.placeholders.values =
      ExpressionAttributeValues{{":zero", N("0")}, {":one", N("1")}};
  ASSERT_TRUE(engine_->UpdateItem(r).ok());
  ASSERT_TRUE(engine_->UpdateItem(r).ok());
  auto got = Get("tbl", {{"pk", S("new")}});
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->at("c"), N("2"));
}

TEST_F(ExpressionEngineTest, GetItemProjection) {
  GetItemRequest r;
  r.table_name = "tbl";
  r.key = {{"pk", S("k")}};
  r.projection_expression = "#n, doc.lst[2], doc.deep, nope";
  r.placeholders.names = ExpressionAttributeNames{{"#n", "n"}};
  auto got = engine_->GetItem(r);
  ASSERT_TRUE(got.ok() && got->has_value()) << got.status();
  Item want = {{"n", N("10")},
               {"doc", V::M({{"lst", V::L({N("3")})},
                             {"deep", V::M({{"x", S("y")}})}})}};
  EXPECT_EQ(**got, want);
  r.attributes_to_get = {"n"};
  EXPECT_THAT(engine_->GetItem(r).status().message(),
              HasSubstr("Non-expression parameters: {AttributesToGet}"));
}

// Guarantee 9 for expressions: each refused request leaves the item and the
// stream as they were.
TEST_F(ExpressionEngineTest, BadInputWritesNothing) {
  const Item before = Current();
  const size_t records = RecordCount();
  struct Case {
    std::string update;
    ExpressionAttributeValues values;
    const char* message;
  } cases[] = {
      {"ADD doc.deep.x :one", {{":one", N("1")}}, "incorrect data type"},
      {"SET n = n + :l", {{":l", V::L({})}}, "operand type: L"},
      {"SET doc.lst = doc.lst + :one",
       {{":one", N("1")}},
       "incorrect data type"},
      {"SET n = :one, doc.lst[0] = :one REMOVE doc",
       {{":one", N("1")}},
       "Two document paths overlap"},
      {"SET doc.lst[0] = :one REMOVE doc.lst.x",
       {{":one", N("1")}},
       "Two document paths conflict"},
      {"SET doc.nothing.deeper = :one",
       {{":one", N("1")}},
       "document path provided in the update expression is invalid"},
      {"SET n = :one",
       {{":one", N("1")}, {":extra", N("2")}},
       "unused in expressions: keys: {:extra}"},
      {"SET n = :missing", {{":one", N("1")}}, "attribute value: :missing"},
      {"SET pk = :one", {{":one", N("1")}}, "part of the key"},
      {"SET size = :one", {{":one", N("1")}}, "reserved keyword: size"},
      {"SET n = n + :big",
       {{":big", N("99999999999999999999999999999999999999")}},
       "38 significant digits"},
      {"SET n = :one SET m = :one",
       {{":one", N("1")}},
       "section can only be used once"},
      {"SET n = :one", {{":one", N("1e999")}}, "contains invalid value"},
  };
  for (const Case& c : cases) {
    auto r = Update(c.update, c.values);
    EXPECT_EQ(ExceptionName(r.status()), "ValidationException")
        << c.update << ": " << r.status();
    EXPECT_THAT(r.status().message(), HasSubstr(c.message)) << c.update;
  }
  // Mixing legacy and expression parameters.
  UpdateItemRequest mixed;
  mixed.table_name = "tbl";
  mixed.key = {{"pk", S("k")}};
  mixed.update_expression = "REMOVE n";
  mixed.attribute_updates["n"] = {AttributeAction::kDelete, std::nullopt};
  EXPECT_THAT(engine_->UpdateItem(mixed).status().message(),
              HasSubstr("Can not use both expression and non-expression "
                        "parameters in the same request: Non-expression "
                        "parameters: {AttributeUpdates} Expression "
                        "parameters: {UpdateExpression}"));
  EXPECT_EQ(Current(), before);
  EXPECT_EQ(RecordCount(), records);
  // The engine stays usable.
  ASSERT_TRUE(Update("REMOVE n").ok());
  EXPECT_EQ(RecordCount(), records + 1);
}

TEST_F(ExpressionEngineTest, LegacyParametersStillWork) {
  UpdateItemRequest r;
  r.table_name = "tbl";
  r.key = {{"pk", S("k")}};
  r.attribute_updates["n"] = {AttributeAction::kAdd, N("1")};
  r.expected.expected["n"].value = N("10");
  ASSERT_TRUE(engine_->UpdateItem(r).ok());
  EXPECT_EQ(Current().at("n"), N("11"));
}

}  // namespace
}  // namespace tablestream
