// Copyright 2026 The tablestream Authors.

#include "engine/key_condition.h"

#include "engine/expression_parser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tablestream/errors.h"

namespace tablestream {
namespace {

using ::testing::HasSubstr;
using SortOp = KeyCondition::SortOp;
using V = AttributeValue;

class KeyConditionTest : public ::testing::Test {
 protected:
  KeyConditionTest() {
    schema_.partition_name = "pk";
    schema_.sort_name = "sk";
    schema_.sort_type = ScalarAttributeType::kS;
    values_ = {{":p", V::S("p")},
               {":a", V::S("a")},
               {":b", V::S("b")},
               {":n", V::N("1")}};
  }
  absl::StatusOr<KeyCondition> Reduce(const std::string& text) {
    ExpressionAttributes a;
    a.values = &values_;
    auto c = ParseConditionExpression(text, "KeyConditionExpression", &a);
    if (!c.ok()) return c.status();
    return ReduceKeyCondition(*c, schema_);
  }
  std::string Error(const std::string& text) {
    auto r = Reduce(text);
    EXPECT_FALSE(r.ok()) << text;
    return ErrorMessage(r.status());
  }

  KeySchema schema_;
  std::map<std::string, AttributeValue> values_;
};

TEST_F(KeyConditionTest, EverySortOperator) {
  struct Case {
    const char* text;
    SortOp op;
  } cases[] = {{"pk = :p", SortOp::kNone},
               {"pk = :p AND sk = :a", SortOp::kEq},
               {"pk = :p AND sk < :a", SortOp::kLt},
               {"pk = :p AND sk <= :a", SortOp::kLe},
               {"pk = :p AND sk > :a", SortOp::kGt},
               {"pk = :p AND sk >= :a", SortOp::kGe},
               {"pk = :p AND :a < sk", SortOp::kGt},
               {"sk BETWEEN :a AND :b AND pk = :p", SortOp::kBetween},
               {"pk = :p AND begins_with(sk, :a)", SortOp::kBeginsWith},
               {"(pk = :p) AND (sk = :a)", SortOp::kEq}};
  for (const Case& c : cases) {
    auto r = Reduce(c.text);
    ASSERT_TRUE(r.ok()) << c.text << ": " << r.status();
    EXPECT_EQ(r->sort_op, c.op) << c.text;
    EXPECT_EQ(r->partition, V::S("p"));
  }
}

TEST_F(KeyConditionTest, Positions) {
  auto between = Reduce("pk = :p AND sk BETWEEN :a AND :b");
  ASSERT_TRUE(between.ok());
  EXPECT_EQ(SortKeyPosition(*between, V::S("0")), -1);
  EXPECT_EQ(SortKeyPosition(*between, V::S("a")), 0);
  EXPECT_EQ(SortKeyPosition(*between, V::S("az")), 0);
  EXPECT_EQ(SortKeyPosition(*between, V::S("b")), 0);
  EXPECT_EQ(SortKeyPosition(*between, V::S("ba")), 1);
  auto prefix = Reduce("pk = :p AND begins_with(sk, :a)");
  ASSERT_TRUE(prefix.ok());
  EXPECT_EQ(SortKeyPosition(*prefix, V::S("A")), -1);
  EXPECT_EQ(SortKeyPosition(*prefix, V::S("a")), 0);
  EXPECT_EQ(SortKeyPosition(*prefix, V::S("abc")), 0);
  EXPECT_EQ(SortKeyPosition(*prefix, V::S("b")), 1);
}

TEST_F(KeyConditionTest, Errors) {
  EXPECT_EQ(Error("pk = :p OR sk = :a"),
            "Invalid operator used in KeyConditionExpression: OR");
  EXPECT_EQ(Error("NOT pk = :p"),
            "Invalid operator used in KeyConditionExpression: NOT");
  EXPECT_EQ(Error("pk = :p AND sk <> :a"),
            "Invalid operator used in KeyConditionExpression: <>");
  EXPECT_EQ(Error("pk = :p AND attribute_exists(sk)"),
            "Invalid operator used in KeyConditionExpression: "
            "attribute_exists");
  EXPECT_EQ(Error("pk = :p AND contains(sk, :a)"),
            "Invalid operator used in KeyConditionExpression: contains");
  EXPECT_EQ(Error("pk = :p AND sk IN (:a)"),
            "Invalid operator used in KeyConditionExpression: IN");
  EXPECT_EQ(Error("sk = :a"), "Query condition missed key schema element: pk");
  EXPECT_EQ(Error("pk = :p AND foo = :a"), "Query key condition not supported");
  EXPECT_EQ(Error("pk = :p AND sk = :a AND sk = :b"),
            "KeyConditionExpressions must only contain one condition per key");
  EXPECT_EQ(Error("pk = :p AND pk = :p"),
            "KeyConditionExpressions must only contain one condition per key");
  EXPECT_EQ(Error("pk.x = :p"),
            "KeyConditionExpressions cannot have conditions on nested "
            "attributes");
  EXPECT_EQ(Error("pk = :n"),
            "One or more parameter values were invalid: Condition parameter "
            "type does not match schema type");
  EXPECT_EQ(Error("pk = :p AND sk > :n"),
            "One or more parameter values were invalid: Condition parameter "
            "type does not match schema type");
  EXPECT_THAT(Error("pk < :p"), HasSubstr("Query key condition not supported"));
  schema_.sort_type = ScalarAttributeType::kN;
  EXPECT_EQ(Error("pk = :p AND begins_with(sk, :a)"),
            "Invalid KeyConditionExpression: Incorrect operand type for "
            "operator or function; operator or function: begins_with, "
            "operand type: N");
}

}  // namespace
}  // namespace tablestream
