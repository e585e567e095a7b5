// Copyright 2026 The tablestream Authors.

#include "util/attribute_canonical.h"

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "tablestream/errors.h"

namespace tablestream {
namespace {

using std::string_literals::operator""s;
using V = AttributeValue;

constexpr char kInvalid[] = "One or more parameter values were invalid: ";
constexpr char kNesting[] =
    "Nesting Levels have exceeded supported limits: Attributes in the item "
    "have nested levels beyond supported limit";

V Canon(const V& v) {
  absl::StatusOr<V> c = CanonicalizeValue(v);
  EXPECT_TRUE(c.ok()) << v.DebugString() << ": " << c.status();
  return c.ok() ? *c : V();
}

// The ValidationException message for `v`, or "OK".
std::string Error(const V& v, int depth = 1) {
  absl::StatusOr<V> c = CanonicalizeValue(v, depth);
  if (c.ok()) return "OK";
  EXPECT_EQ(ExceptionName(c.status()), kValidationException);
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  return ErrorMessage(c.status());
}

std::string ItemError(Item item) {
  absl::Status s = CanonicalizeItem(&item);
  if (s.ok()) return "OK";
  EXPECT_EQ(ExceptionName(s), kValidationException);
  return ErrorMessage(s);
}

// `leaf` wrapped in `wraps` maps, alternating M and L.
V Nest(V leaf, int wraps) {
  V v = std::move(leaf);
  for (int i = 0; i < wraps; ++i) {
    v = i % 2 == 0 ? V::M({{"m", std::move(v)}}) : V::L({std::move(v)});
  }
  return v;
}

TEST(CanonicalizeTest, ScalarsPassThrough) {
  EXPECT_EQ(Canon(V::S("héllo")), V::S("héllo"));
  EXPECT_EQ(Canon(V::S("")), V::S(""));  // empty allowed outside keys
  EXPECT_EQ(Canon(V::B("\0\xFF"s)), V::B("\0\xFF"s));
  EXPECT_EQ(Canon(V::B("")), V::B(""));
  EXPECT_EQ(Canon(V::Bool(false)), V::Bool(false));
  EXPECT_EQ(Canon(V::Null()), V::Null());
  EXPECT_EQ(Canon(V::M({})), V::M({}));
  EXPECT_EQ(Canon(V::L({})), V::L({}));
}

TEST(CanonicalizeTest, NormalizesNumbers) {
  EXPECT_EQ(Canon(V::N("1.50")), V::N("1.5"));
  EXPECT_EQ(Canon(V::N("-0")), V::N("0"));
  EXPECT_EQ(Canon(V::N("1e3")), V::N("1000"));
  EXPECT_EQ(Canon(V::L({V::N("007"), V::M({{"x", V::N("-.5")}})})),
            V::L({V::N("7"), V::M({{"x", V::N("-0.5")}})}));
}

TEST(CanonicalizeTest, NumberErrors) {
  EXPECT_EQ(Error(V::N("")),
            "The parameter cannot be converted to a numeric value");
  EXPECT_EQ(Error(V::N("b")),
            "The parameter cannot be converted to a numeric value: b");
  EXPECT_EQ(Error(V::N("1e126")),
            "Number overflow. Attempting to store a number with magnitude "
            "larger than supported range");
  EXPECT_EQ(Error(V::N("1e-131")),
            "Number underflow. Attempting to store a number with magnitude "
            "smaller than supported range");
  EXPECT_EQ(Error(V::N("123456789012345678901234567890123456789")),
            "Attempting to store more than 38 significant digits in a Number");
  EXPECT_EQ(Error(V::NS({"1", ""})),
            "The parameter cannot be converted to a numeric value");
  EXPECT_EQ(Error(V::NS({"1", "b"})),
            "The parameter cannot be converted to a numeric value: b");
}

TEST(CanonicalizeTest, SortsSets) {
  EXPECT_EQ(Canon(V::SS({"b", "a", "", "ab"})), V::SS({"", "a", "ab", "b"}));
  // Bytewise, unsigned: 0x80 after 0x7F; uppercase before lowercase.
  EXPECT_EQ(Canon(V::SS({"é", "z", "Z"})), V::SS({"Z", "z", "é"}));
  EXPECT_EQ(Canon(V::BS({"\xFF"s, "\x01"s, "\0"s, ""})),
            V::BS({"", "\0"s, "\x01"s, "\xFF"s}));
  // Numerically, and normalized.
  EXPECT_EQ(Canon(V::NS({"10", "9", "-1", "1.50", "0.0"})),
            V::NS({"-1", "0", "1.5", "9", "10"}));
  EXPECT_EQ(Canon(V::NS({"1e2", "-1e2"})), V::NS({"-100", "100"}));
  // Already canonical stays as is.
  EXPECT_EQ(Canon(V::SS({"a", "b"})), V::SS({"a", "b"}));
}

TEST(CanonicalizeTest, EmptySets) {
  EXPECT_EQ(Error(V::SS({})),
            std::string(kInvalid) + "An string set  may not be empty");
  EXPECT_EQ(Error(V::NS({})),
            std::string(kInvalid) + "An number set  may not be empty");
  EXPECT_EQ(Error(V::BS({})),
            std::string(kInvalid) + "Binary sets should not be empty");
}

TEST(CanonicalizeTest, DuplicateSetElements) {
  EXPECT_EQ(
      Error(V::SS({"a", "a"})),
      std::string(kInvalid) + "Input collection [a, a] contains duplicates.");
  EXPECT_EQ(Error(V::SS({"b", "a", "b"})),
            std::string(kInvalid) +
                "Input collection [b, a, b] contains duplicates.");
  EXPECT_EQ(Error(V::BS({"b", "b"})),
            std::string(kInvalid) +
                "Input collection [Yg==, Yg==]of type BS contains duplicates.");
  EXPECT_EQ(Error(V::NS({"1", "1"})), "Input collection contains duplicates");
  // Numerically equal texts are duplicates.
  EXPECT_EQ(Error(V::NS({"1", "1.0"})), "Input collection contains duplicates");
  EXPECT_EQ(Error(V::NS({"1", "2", "2.0"})),
            "Input collection contains duplicates");
  EXPECT_EQ(Error(V::NS({"-0", "0"})), "Input collection contains duplicates");
  // Distinct elements that only look alike are fine.
  EXPECT_EQ(Error(V::SS({"a", "A", "a "})), "OK");
  EXPECT_EQ(Error(V::BS({"a", "a\0"s})), "OK");
}

TEST(CanonicalizeTest, InvalidUtf8) {
  const std::string bad_utf8 = "a\xC3";
  EXPECT_EQ(Error(V::S(bad_utf8)),
            std::string(kInvalid) + "A string value is not valid UTF-8");
  EXPECT_EQ(Error(V::SS({"ok", bad_utf8})),
            std::string(kInvalid) + "A string value is not valid UTF-8");
  EXPECT_EQ(Error(V::B(bad_utf8)), "OK");  // binaries are bytes
  EXPECT_EQ(Error(V::BS({bad_utf8})), "OK");
}

TEST(CanonicalizeTest, NestingDepth32AcceptedAnd33Refused) {
  // A leaf at level 32 is 31 wraps around it; level 33 is refused.
  EXPECT_EQ(Error(Nest(V::S("leaf"), 31)), "OK");
  EXPECT_EQ(Error(Nest(V::S("leaf"), 32)).substr(0, sizeof(kNesting) - 1),
            kNesting);
  EXPECT_EQ(Error(Nest(V::M({}), 31)), "OK");
  EXPECT_NE(Error(Nest(V::M({}), 32)), "OK");
  EXPECT_EQ(Error(Nest(V::L({V::N("1")}), 30)), "OK");
  EXPECT_NE(Error(Nest(V::L({V::N("1")}), 31)), "OK");
  // Set elements are not a level.
  EXPECT_EQ(Error(Nest(V::SS({"a"}), 31)), "OK");
  // `depth` says where the value sits.
  EXPECT_EQ(Error(V::S("x"), 32), "OK");
  EXPECT_EQ(Error(V::S("x"), 33), kNesting);
  EXPECT_EQ(Error(V::M({{"a", V::S("x")}}), 32).substr(0, sizeof(kNesting) - 1),
            kNesting);
  // Items count the top-level attribute as level 1.
  EXPECT_EQ(ItemError({{"a", Nest(V::S("leaf"), 31)}}), "OK");
  EXPECT_NE(ItemError({{"a", Nest(V::S("leaf"), 32)}}), "OK");
}

TEST(CanonicalizeTest, ErrorsNameTheAttributePath) {
  Item item = {{"a", V::M({{"b", V::L({V::N("1"), V::S("x"), V::SS({})})}})}};
  EXPECT_EQ(ItemError(item), std::string(kInvalid) +
                                 "An string set  may not be empty in "
                                 "attribute \"a.b[2]\"");
  EXPECT_EQ(ItemError({{"n", V::N("x")}}),
            "The parameter cannot be converted to a numeric value: x in "
            "attribute \"n\"");
  // Without a name, the path starts below the value.
  EXPECT_EQ(Error(V::L({V::NS({})})),
            std::string(kInvalid) +
                "An number set  may not be empty in attribute \"[0]\"");
  EXPECT_EQ(Error(V::NS({})),
            std::string(kInvalid) + "An number set  may not be empty");
}

TEST(CanonicalizeTest, AttributeNames) {
  EXPECT_EQ(ItemError({{"", V::S("x")}}),
            std::string(kInvalid) +
                "An attribute name is empty; names must be 1 to 65535 bytes");
  EXPECT_EQ(ItemError({{std::string(65535, 'n'), V::S("x")}}), "OK");
  EXPECT_EQ(ItemError({{std::string(65536, 'n'), V::S("x")}}),
            std::string(kInvalid) +
                "An attribute name is 65536 bytes; names must be 1 to 65535 "
                "bytes");
  EXPECT_EQ(ItemError({{"\xFF", V::S("x")}}),
            std::string(kInvalid) + "An attribute name is not valid UTF-8");
  // The same rule inside maps, naming the map.
  EXPECT_EQ(ItemError({{"m", V::M({{"", V::S("x")}})}}),
            std::string(kInvalid) +
                "An attribute name is empty; names must be 1 to 65535 bytes "
                "in attribute \"m\"");
  EXPECT_EQ(Error(V::M({{std::string(65536, 'k'), V::Null()}})),
            std::string(kInvalid) +
                "An attribute name is 65536 bytes; names must be 1 to 65535 "
                "bytes");
}

TEST(CanonicalizeTest, CanonicalizeItemInPlace) {
  Item item = {{"n", V::N("1.0")},
               {"s", V::NS({"3", "1", "2.0"})},
               {"m", V::M({{"x", V::SS({"b", "a"})}})}};
  ASSERT_TRUE(CanonicalizeItem(&item).ok());
  Item want = {{"n", V::N("1")},
               {"s", V::NS({"1", "2", "3"})},
               {"m", V::M({{"x", V::SS({"a", "b"})}})}};
  EXPECT_EQ(item, want);
  // Idempotent.
  ASSERT_TRUE(CanonicalizeItem(&item).ok());
  EXPECT_EQ(item, want);
}

TEST(IsValidUtf8Test, Cases) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii, long enough for the fast path"));
  EXPECT_TRUE(IsValidUtf8("\0"s));
  EXPECT_TRUE(IsValidUtf8("h\xC3\xA9llo"));      // é
  EXPECT_TRUE(IsValidUtf8("\xE2\x82\xAC"));      // €
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // 😀
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));      // U+D7FF
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));      // U+E000
  EXPECT_TRUE(
      IsValidUtf8("abcdefgh\xC3\xA9"
                  "abcdefgh"));
  EXPECT_FALSE(IsValidUtf8("\x80"));  // lone continuation
  EXPECT_FALSE(IsValidUtf8("\xC3"));  // truncated
  EXPECT_FALSE(IsValidUtf8("abcdefgh\xC3"));
  EXPECT_FALSE(IsValidUtf8("\xC3\x28"));          // bad continuation
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));  // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate D800
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));
  EXPECT_FALSE(IsValidUtf8("\xF0\x9F\x98"));
  EXPECT_FALSE(IsValidUtf8("\xF0\x9F\x98\x28"));
}

TEST(ItemSizeTest, Scalars) {
  EXPECT_EQ(AttributeValueSize(V::S("")), 0);
  EXPECT_EQ(AttributeValueSize(V::S("héllo")), 6);  // UTF-8 bytes
  EXPECT_EQ(AttributeValueSize(V::B("\0\x01\x02"s)), 3);
  EXPECT_EQ(AttributeValueSize(V::Bool(true)), 1);
  EXPECT_EQ(AttributeValueSize(V::Null()), 1);
  EXPECT_EQ(AttributeValueSize(V::N("0")), 1);
  EXPECT_EQ(AttributeValueSize(V::N("15")), 2);
  EXPECT_EQ(AttributeValueSize(V::N("1.5")), 3);
  EXPECT_EQ(AttributeValueSize(V::N("-1")), 3);
}

TEST(ItemSizeTest, Containers) {
  EXPECT_EQ(AttributeValueSize(V::L({})), 3);
  EXPECT_EQ(AttributeValueSize(V::M({})), 3);
  // 3 + (2 + 1) + (1 + 1)
  EXPECT_EQ(AttributeValueSize(V::L({V::N("1"), V::S("x")})), 8);
  // 3 + ("city" 4 + "Paris" 5 + 1) + ("zip" 3 + "75001" 5 + 1)
  EXPECT_EQ(AttributeValueSize(
                V::M({{"city", V::S("Paris")}, {"zip", V::S("75001")}})),
            22);
  EXPECT_EQ(AttributeValueSize(V::SS({"a", "bc"})), 3);
  EXPECT_EQ(AttributeValueSize(V::BS({"\x01", "\x02"})), 2);
  EXPECT_EQ(AttributeValueSize(V::NS({"1.5", "10"})), 5);  // 3 + 2
}

// SizeBytes of the AWS sample stream records (semantics reference 1.4): the
// sum of ItemSize over Keys, NewImage and OldImage.
TEST(ItemSizeTest, AwsSampleRecords) {
  // SAM CLI DynamoDBUpdate.json: 26, 59, 38.
  Item keys = {{"Id", V::N("101")}};
  Item insert_new = {{"Message", V::S("New item!")}, {"Id", V::N("101")}};
  Item modify_new = {{"Message", V::S("This item has changed")},
                     {"Id", V::N("101")}};
  EXPECT_EQ(ItemSize(keys) + ItemSize(insert_new), 26);
  EXPECT_EQ(ItemSize(keys) + ItemSize(modify_new) + ItemSize(insert_new), 59);
  EXPECT_EQ(ItemSize(keys) + ItemSize(modify_new), 38);
  // DynamoDB Streams API example, KEYS_ONLY: 41.
  Item forum_keys = {{"ForumName", V::S("DynamoDB")},
                     {"Subject", V::S("DynamoDB Thread 3")}};
  EXPECT_EQ(ItemSize(forum_keys), 41);
  // Developer Guide filtering tutorial INSERT: 174.
  Item choc_keys = {{"SK", V::S("PRODUCT#CHOCOLATE#DARK#1000")},
                    {"PK", V::S("COMPANY#1000")}};
  Item choc_new = {{"quantity", V::N("50")},
                   {"company_id", V::S("1000")},
                   {"fabric", V::S("Florida Chocolates")},
                   {"price", V::N("15")},
                   {"stores", V::N("5")},
                   {"product_id", V::S("1000")},
                   {"SK", V::S("PRODUCT#CHOCOLATE#DARK#1000")},
                   {"PK", V::S("COMPANY#1000")},
                   {"state", V::S("FL")},
                   {"type", V::S("")}};
  EXPECT_EQ(ItemSize(choc_keys) + ItemSize(choc_new), 174);
}

// The all-types example of the semantics reference (section 1.3). Its
// SizeBytes (130) was computed there with 1 + ceil(d/2) for numbers; with
// dynalite's number rule, which we use, "1.5" is 3 bytes, not 2, so 131.
TEST(ItemSizeTest, ReferenceAllTypesExample) {
  Item keys = {{"pk", V::S("user#42")}, {"sk", V::N("1")}};
  Item image = {
      {"pk", V::S("user#42")},
      {"sk", V::N("1")},
      {"name", V::S("Ada")},
      {"age", V::N("36")},
      {"avatar", V::B("\0\x01\x02"s)},
      {"active", V::Bool(true)},
      {"nickname", V::Null()},
      {"address", V::M({{"city", V::S("Paris")}, {"zip", V::S("75001")}})},
      {"history", V::L({V::N("1"), V::S("x")})},
      {"tags", V::SS({"a", "b"})},
      {"scores", V::NS({"1.5", "10"})},
      {"blobs", V::BS({"\x01", "\x02"})}};
  EXPECT_EQ(ItemSize(keys), 13);
  EXPECT_EQ(ItemSize(image), 118);
  EXPECT_EQ(ItemSize(keys) + ItemSize(image), 131);
}

TEST(ItemSizeTest, NamesCountAsUtf8Bytes) {
  EXPECT_EQ(ItemSize({{"é", V::Bool(true)}}), 3);
  EXPECT_EQ(ItemSize({}), 0);
  EXPECT_EQ(ItemSize({{std::string(409599, 'n'), V::Null()}}),
            kMaxItemSizeBytes);
}

TEST(CompareScalarTest, Numbers) {
  EXPECT_LT(CompareScalar(V::N("-10"), V::N("-9")), 0);
  EXPECT_LT(CompareScalar(V::N("9"), V::N("10")), 0);
  EXPECT_LT(CompareScalar(V::N("0.09"), V::N("0.1")), 0);
  EXPECT_LT(CompareScalar(V::N("-0.1"), V::N("-0.09")), 0);
  EXPECT_LT(CompareScalar(V::N("0"), V::N("0.001")), 0);
  EXPECT_LT(CompareScalar(V::N("-0.001"), V::N("0")), 0);
  EXPECT_LT(CompareScalar(V::N("1"), V::N("1.5")), 0);
  EXPECT_LT(CompareScalar(V::N("-1.5"), V::N("-1")), 0);
  EXPECT_EQ(CompareScalar(V::N("2.5"), V::N("2.5")), 0);
  EXPECT_GT(CompareScalar(V::N("100"), V::N("99.999")), 0);
}

TEST(CompareScalarTest, StringsAndBinariesAreUnsignedBytewise) {
  EXPECT_LT(CompareScalar(V::S("a"), V::S("b")), 0);
  EXPECT_LT(CompareScalar(V::S("a"), V::S("a\0"s)), 0);
  EXPECT_LT(CompareScalar(V::S("Z"), V::S("a")), 0);
  EXPECT_LT(CompareScalar(V::S("z"), V::S("é")), 0);
  EXPECT_LT(CompareScalar(V::B("\x7F"), V::B("\x80")), 0);
  EXPECT_GT(CompareScalar(V::B("\xFF"), V::B("\x01\x02")), 0);
  EXPECT_EQ(CompareScalar(V::B(""), V::B("")), 0);
}

}  // namespace
}  // namespace tablestream
