// Copyright 2026 The tablestream Authors.

#include "api/attribute_json.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tablestream/errors.h"

namespace tablestream {
namespace api {
namespace {

using ::testing::HasSubstr;

Json J(const char* text) { return Json::parse(text); }

// Parses `text`, renders it back and expects the same JSON text.
void ExpectRoundTrip(const char* text) {
  SCOPED_TRACE(text);
  absl::StatusOr<AttributeValue> v = AttributeValueFromJson(J(text), "v");
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(FormatJson(AttributeValueToJson(*v), -1), FormatJson(J(text), -1));
}

absl::Status ParseError(const char* text) {
  return AttributeValueFromJson(J(text), "item.a").status();
}

TEST(AttributeJsonTest, RoundTripsAllTenTypes) {
  ExpectRoundTrip(R"({"S":"héllo"})");
  ExpectRoundTrip(R"({"S":""})");
  ExpectRoundTrip(R"({"N":"1.5"})");
  ExpectRoundTrip(R"({"B":"AAEC"})");
  ExpectRoundTrip(R"({"B":""})");
  ExpectRoundTrip(R"({"BOOL":true})");
  ExpectRoundTrip(R"({"BOOL":false})");
  ExpectRoundTrip(R"({"NULL":true})");
  ExpectRoundTrip(R"({"M":{"city":{"S":"Paris"},"zip":{"N":"75001"}}})");
  ExpectRoundTrip(R"({"M":{}})");
  ExpectRoundTrip(R"({"L":[{"N":"1"},{"S":"x"},{"L":[]}]})");
  ExpectRoundTrip(R"({"SS":["a","b"]})");
  ExpectRoundTrip(R"({"NS":["1.5","10"]})");
  ExpectRoundTrip(R"({"BS":["AQ==","Ag=="]})");
}

TEST(AttributeJsonTest, ParsesIntoTheRightTypes) {
  absl::StatusOr<Item> item = ItemFromJson(
      J(R"({"s":{"S":"x"},"n":{"N":"-2e3"},"b":{"B":"AAEC"},"t":{"BOOL":true},
           "z":{"NULL":true},"m":{"M":{"k":{"S":"v"}}},"l":{"L":[{"N":"1"}]},
           "ss":{"SS":["a"]},"ns":{"NS":["1"]},"bs":{"BS":["AQ=="]}})"),
      "item");
  ASSERT_TRUE(item.ok()) << item.status();
  Item expected = {
      {"s", AttributeValue::S("x")},
      {"n", AttributeValue::N("-2e3")},
      {"b", AttributeValue::B(std::string("\x00\x01\x02", 3))},
      {"t", AttributeValue::Bool(true)},
      {"z", AttributeValue::Null()},
      {"m", AttributeValue::M({{"k", AttributeValue::S("v")}})},
      {"l", AttributeValue::L({AttributeValue::N("1")})},
      {"ss", AttributeValue::SS({"a"})},
      {"ns", AttributeValue::NS({"1"})},
      {"bs", AttributeValue::BS({std::string("\x01", 1)})},
  };
  EXPECT_EQ(*item, expected);
}

TEST(AttributeJsonTest, RendersInAwsFormat) {
  Item item = {{"avatar", AttributeValue::B(std::string("\x00\x01\x02", 3))},
               {"age", AttributeValue::N("36")},
               {"nick", AttributeValue::Null()}};
  EXPECT_EQ(FormatJson(ItemToJson(item), -1),
            R"({"age":{"N":"36"},"avatar":{"B":"AAEC"},"nick":{"NULL":true}})");
}

TEST(AttributeJsonTest, RefusesEmptyValue) {
  absl::Status s = ParseError("{}");
  EXPECT_EQ(ExceptionName(s), kValidationException);
  EXPECT_EQ(ErrorMessage(s),
            "Supplied AttributeValue is empty, must contain exactly one of the "
            "supported datatypes");
  // A null member counts as absent.
  EXPECT_EQ(ErrorMessage(ParseError(R"({"S":null})")), ErrorMessage(s));
}

TEST(AttributeJsonTest, RefusesSeveralTypes) {
  absl::Status s = ParseError(R"({"S":"x","N":"1"})");
  EXPECT_EQ(ExceptionName(s), kValidationException);
  EXPECT_EQ(ErrorMessage(s),
            "Supplied AttributeValue has more than one datatypes set, must "
            "contain exactly one of the supported datatypes");
}

TEST(AttributeJsonTest, RefusesNullFalse) {
  absl::Status s = ParseError(R"({"NULL":false})");
  EXPECT_EQ(ExceptionName(s), kValidationException);
  EXPECT_EQ(ErrorMessage(s),
            "One or more parameter values were invalid: Null attribute value "
            "types must have the value of true");
}

TEST(AttributeJsonTest, RefusesUnknownTypeMember) {
  absl::Status s = ParseError(R"({"s":"x"})");
  EXPECT_EQ(ExceptionName(s), kValidationException);
  EXPECT_THAT(ErrorMessage(s), HasSubstr("Unknown member \"s\""));
  EXPECT_THAT(ErrorMessage(s), HasSubstr("allowed: S, N, B, BOOL"));
}

TEST(AttributeJsonTest, WrongJsonTypesAreSerializationErrors) {
  struct Case {
    const char* json;
    const char* message;
  };
  const Case cases[] = {
      {R"({"N":5})",
       "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not "
       "be converted to an String (at 'item.a.N')"},
      {R"({"S":true})",
       "class java.lang.Boolean can not be converted to an String"},
      {R"({"S":["x"]})", "Start of list found where not expected"},
      {R"({"S":{}})", "Start of structure or map found where not expected."},
      {R"({"BOOL":"yes"})", "'YES' can not be converted to an Boolean"},
      {R"({"BOOL":1})",
       "TruncatingBigNumber can not be converted to an Boolean"},
      {R"({"NULL":"true"})", "'TRUE' can not be converted to an Boolean"},
      {R"({"M":[]})", "Start of list found where not expected"},
      {R"({"M":"x"})", "Expected map or null"},
      {R"({"L":{}})", "Start of structure or map found where not expected."},
      {R"({"L":3})", "Expected list or null"},
      {R"({"SS":"a"})", "Expected list or null"},
      {R"({"NS":[1]})",
       "can not be converted to an String (at 'item.a.NS.1.member')"},
      {R"({"L":[{"S":1}]})", "(at 'item.a.L.1.member.S')"},
      {R"({"M":{"k":{"N":1}}})", "(at 'item.a.M.k.N')"},
      {R"("x")", "Expected null"},
      {R"([])", "Start of list found where not expected"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    absl::Status s = ParseError(c.json);
    EXPECT_EQ(ExceptionName(s), kSerializationException);
    EXPECT_THAT(ErrorMessage(s), HasSubstr(c.message));
  }
}

TEST(AttributeJsonTest, RefusesBadBase64) {
  struct Case {
    const char* json;
    const char* message;
  };
  const Case cases[] = {
      {R"({"B":"AAE"})",
       "'AAE' can not be converted to a Blob: Base64 encoded length is "
       "expected a multiple of 4 bytes but found: 3"},
      {R"({"B":"AA*C"})", "Invalid Base64 character: '*'"},
      {R"({"B":"A=BC"})", "Invalid Base64 character: '='"},
      {R"({"B":"A==="})", "Invalid Base64 character: '='"},
      {R"({"B":"AB=="})", "Invalid last non-pad Base64 character dectected"},
      {R"({"B":"AAB="})", "Invalid last non-pad Base64 character dectected"},
      {R"({"BS":["AQ==","!!!!"]})", "Invalid Base64 character: '!'"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    absl::Status s = ParseError(c.json);
    EXPECT_EQ(ExceptionName(s), kSerializationException);
    EXPECT_THAT(ErrorMessage(s), HasSubstr(c.message));
  }
}

TEST(AttributeJsonTest, Base64MatchesStandardEncoding) {
  const std::string samples[] = {
      "",     "f",     "fo",     "foo",
      "foob", "fooba", "foobar", std::string("\xff\xfe\x00", 3)};
  for (const std::string& bytes : samples) {
    std::string text = EncodeBase64(bytes);
    absl::StatusOr<std::string> back = DecodeBase64(text, "b");
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(*back, bytes);
  }
  EXPECT_EQ(EncodeBase64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(EncodeBase64("fo"), "Zm8=");
}

TEST(AttributeJsonTest, ItemMustBeAnObject) {
  absl::Status s = ItemFromJson(J(R"([{"S":"x"}])"), "item").status();
  EXPECT_EQ(ExceptionName(s), kSerializationException);
  s = ItemFromJson(J(R"({"a":{"S":"x"},"b":{}})"), "item").status();
  EXPECT_EQ(ExceptionName(s), kValidationException);
}

TEST(AttributeJsonTest, RefusesHostileNestingWithoutOverflow) {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += R"({"L":[)";
  text += R"({"S":"x"})";
  for (int i = 0; i < 10000; ++i) text += "]}";
  absl::Status s = AttributeValueFromJson(J(text.c_str()), "v").status();
  EXPECT_EQ(ExceptionName(s), kValidationException);
  EXPECT_THAT(ErrorMessage(s), HasSubstr("Nesting Levels have exceeded"));
}

TEST(AttributeJsonTest, InvalidUtf8IsReplacedWhenFormatting) {
  Json out = AttributeValueToJson(AttributeValue::S("a\xff"));
  EXPECT_EQ(FormatJson(out, -1), "{\"S\":\"a\xEF\xBF\xBD\"}");
}

}  // namespace
}  // namespace api
}  // namespace tablestream
