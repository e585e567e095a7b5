// Copyright 2026 The tablestream Authors.
//
// Request-wide checks around the parser: mixing, placeholder maps, unused
// placeholders.

#include "engine/expression_compile.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tablestream/errors.h"

namespace tablestream {
namespace {

using ::testing::HasSubstr;
using Names = std::optional<std::map<std::string, std::string>>;
using Values = std::optional<std::map<std::string, AttributeValue>>;

std::string Error(const ExpressionParameters& p) {
  auto r = CompileExpressions(p);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(ExceptionName(r.status()), "ValidationException");
  return ErrorMessage(r.status());
}

TEST(ExpressionCompileTest, CompilesEveryExpressionKind) {
  Names names = std::map<std::string, std::string>{{"#a", "a"}};
  Values values =
      std::map<std::string, AttributeValue>{{":v", AttributeValue::N("1.50")}};
  ExpressionParameters p;
  p.update = "SET #a = :v";
  p.condition = "attribute_not_exists(b)";
  p.names = &names;
  p.values = &values;
  auto r = CompileExpressions(p);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_TRUE(r->update.has_value());
  EXPECT_EQ((*r->update)[0].value.literal, AttributeValue::N("1.5"));
  EXPECT_TRUE(r->condition.has_value());
  EXPECT_FALSE(r->projection.has_value());
}

TEST(ExpressionCompileTest, MixingLegacyAndExpressions) {
  ExpressionParameters p;
  p.condition = "attribute_exists(a)";
  p.legacy = {"Expected"};
  EXPECT_EQ(Error(p),
            "Can not use both expression and non-expression parameters in "
            "the same request: Non-expression parameters: {Expected} "
            "Expression parameters: {ConditionExpression}");
}

TEST(ExpressionCompileTest, PlaceholderMapsNeedExpressions) {
  Names names = std::map<std::string, std::string>{{"#a", "a"}};
  Values values =
      std::map<std::string, AttributeValue>{{":v", AttributeValue::N("1")}};
  ExpressionParameters p;
  p.names = &names;
  EXPECT_EQ(Error(p),
            "ExpressionAttributeNames can only be specified when using "
            "expressions");
  p.names = nullptr;
  p.values = &values;
  EXPECT_EQ(Error(p),
            "ExpressionAttributeValues can only be specified when using "
            "expressions");
}

TEST(ExpressionCompileTest, EmptyAndMalformedMaps) {
  Names empty_names = std::map<std::string, std::string>{};
  Values empty_values = std::map<std::string, AttributeValue>{};
  ExpressionParameters p;
  p.condition = "attribute_exists(a)";
  p.names = &empty_names;
  EXPECT_EQ(Error(p), "ExpressionAttributeNames must not be empty");
  p.names = nullptr;
  p.values = &empty_values;
  EXPECT_EQ(Error(p), "ExpressionAttributeValues must not be empty");

  Names bad_name = std::map<std::string, std::string>{{"a", "a"}};
  p.values = nullptr;
  p.names = &bad_name;
  EXPECT_EQ(Error(p),
            "ExpressionAttributeNames contains invalid key: Syntax error; "
            "key: \"a\"");
  Values bad_key =
      std::map<std::string, AttributeValue>{{"v", AttributeValue::N("1")}};
  p.names = nullptr;
  p.values = &bad_key;
  EXPECT_EQ(Error(p),
            "ExpressionAttributeValues contains invalid key: Syntax error; "
            "key: \"v\"");
  Values bad_value =
      std::map<std::string, AttributeValue>{{":v", AttributeValue::N("x1")}};
  p.values = &bad_value;
  EXPECT_THAT(Error(p),
              HasSubstr("ExpressionAttributeValues contains invalid value: "
                        "The parameter cannot be converted to a numeric "
                        "value"));
  EXPECT_THAT(Error(p), HasSubstr("for key :v"));
}

TEST(ExpressionCompileTest, UnusedPlaceholders) {
  Names names =
      std::map<std::string, std::string>{{"#a", "a"}, {"#b", "b"}, {"#c", "c"}};
  Values values = std::map<std::string, AttributeValue>{
      {":v", AttributeValue::N("1")}, {":w", AttributeValue::N("2")}};
  ExpressionParameters p;
  p.condition = "#a = :w";
  p.names = &names;
  p.values = &values;
  EXPECT_EQ(Error(p),
            "Value provided in ExpressionAttributeNames unused in "
            "expressions: keys: {#b, #c}");
  Names one = std::map<std::string, std::string>{{"#a", "a"}};
  p.names = &one;
  EXPECT_EQ(Error(p),
            "Value provided in ExpressionAttributeValues unused in "
            "expressions: keys: {:v}");
  // Used by another expression of the same request: fine.
  p.projection = "#a";
  p.filter = "x = :v";
  p.condition.reset();
  p.filter = "#a = :w OR b = :v";
  EXPECT_TRUE(CompileExpressions(p).ok());
}

}  // namespace
}  // namespace tablestream
