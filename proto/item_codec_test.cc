// Copyright 2026 The tablestream Authors.

#include "proto/item_codec.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tablestream/errors.h"

namespace tablestream {
namespace {

using std::string_literals::operator""s;
using V = AttributeValue;

// One item holding all ten types, nested containers included.
Item AllTypes() {
  return {
      {"s", V::S("héllo")},
      {"empty_s", V::S("")},
      {"n", V::N("-1.5")},
      {"b", V::B("\0\x01\xFF"s)},
      {"t", V::Bool(true)},
      {"f", V::Bool(false)},
      {"null", V::Null()},
      {"m", V::M({{"a", V::N("1")},
                  {"b", V::M({{"deep", V::L({V::Null(), V::S("x")})}})},
                  {"empty", V::M({})}})},
      {"l", V::L({V::N("1"), V::S("x"), V::L({}), V::BS({"\x01", "\x02"})})},
      {"ss", V::SS({"", "a", "b"})},
      {"ns", V::NS({"-1", "1.5", "10"})},
      {"bs", V::BS({"\0"s, "\xFF"s})},
  };
}

TEST(ItemCodecTest, ValueRoundTripOfEveryType) {
  for (const auto& [name, value] : AllTypes()) {
    storage::Value proto;
    ToProto(value, &proto);
    EXPECT_NE(proto.kind_case(), storage::Value::KIND_NOT_SET) << name;
    absl::StatusOr<V> back = FromProto(proto);
    ASSERT_TRUE(back.ok()) << name << ": " << back.status();
    EXPECT_EQ(*back, value) << name;
  }
}

TEST(ItemCodecTest, ProtoMembersMatchTypes) {
  storage::Value proto;
  ToProto(V::N("42"), &proto);
  EXPECT_EQ(proto.n(), "42");
  ToProto(V::Null(), &proto);  // replaces the previous contents
  EXPECT_EQ(proto.kind_case(), storage::Value::kNullValue);
  EXPECT_TRUE(proto.null_value());
  ToProto(V::NS({"1", "2"}), &proto);
  ASSERT_EQ(proto.kind_case(), storage::Value::kNs);
  EXPECT_EQ(proto.ns().elements_size(), 2);
  ToProto(V::Bool(false), &proto);
  EXPECT_EQ(proto.kind_case(), storage::Value::kBoolValue);
  EXPECT_FALSE(proto.bool_value());
}

TEST(ItemCodecTest, ItemAttributesAreSortedByName) {
  storage::StoredItem proto;
  ToProto(AllTypes(), &proto);
  ASSERT_EQ(proto.attributes_size(), 12);
  for (int i = 1; i < proto.attributes_size(); ++i) {
    EXPECT_LT(proto.attributes(i - 1).name(), proto.attributes(i).name());
  }
}

TEST(ItemCodecTest, EncodeDecodeRoundTrip) {
  const Item item = AllTypes();
  const std::string bytes = EncodeItem(item);
  absl::StatusOr<Item> back = DecodeItem(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, item);
  // Deterministic: equal items encode identically.
  EXPECT_EQ(EncodeItem(*back), bytes);

  absl::StatusOr<Item> empty = DecodeItem(EncodeItem({}));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

void ExpectCorrupt(const storage::Value& proto) {
  absl::StatusOr<V> v = FromProto(proto);
  ASSERT_FALSE(v.ok()) << v->DebugString();
  EXPECT_EQ(ExceptionName(v.status()), kInternalServerError);
  EXPECT_EQ(ErrorMessage(v.status()).rfind("corrupt stored value: ", 0), 0u)
      << v.status();
}

TEST(ItemCodecTest, CorruptValues) {
  storage::Value unset;
  ExpectCorrupt(unset);

  storage::Value null_false;
  null_false.set_null_value(false);
  ExpectCorrupt(null_false);

  storage::Value empty_number;
  empty_number.set_n("");
  ExpectCorrupt(empty_number);

  storage::Value unsorted;
  auto* attributes = unsorted.mutable_m()->mutable_attributes();
  attributes->Add()->set_name("b");
  attributes->Add()->set_name("a");
  for (storage::Attribute& a : *attributes) a.mutable_value()->set_s("x");
  ExpectCorrupt(unsorted);

  storage::Value repeated_name;
  for (int i = 0; i < 2; ++i) {
    storage::Attribute* a = repeated_name.mutable_m()->add_attributes();
    a->set_name("a");
    a->mutable_value()->set_s("x");
  }
  ExpectCorrupt(repeated_name);

  // Corruption deep inside a list is found too.
  storage::Value deep;
  deep.mutable_l()->add_values()->set_s("ok");
  deep.mutable_l()->add_values();  // no member set
  ExpectCorrupt(deep);
}

TEST(ItemCodecTest, CorruptItems) {
  storage::StoredItem unsorted;
  for (const char* name : {"b", "a"}) {
    storage::Attribute* a = unsorted.add_attributes();
    a->set_name(name);
    a->mutable_value()->set_bool_value(true);
  }
  absl::StatusOr<Item> item = FromProto(unsorted);
  ASSERT_FALSE(item.ok());
  EXPECT_EQ(ExceptionName(item.status()), kInternalServerError);

  storage::StoredItem missing_value;
  missing_value.add_attributes()->set_name("a");
  EXPECT_FALSE(FromProto(missing_value).ok());
}

TEST(ItemCodecTest, UnparseableBytes) {
  for (const std::string& bytes : {"\xFF\xFF\xFF"s,
                                   "\x0A\x05"
                                   "ab"s,
                                   "\x0A"s,
                                   // A truncated real encoding.
                                   EncodeItem(AllTypes()).substr(0, 20)}) {
    absl::StatusOr<Item> item = DecodeItem(bytes);
    ASSERT_FALSE(item.ok()) << bytes.size();
    EXPECT_EQ(ExceptionName(item.status()), kInternalServerError);
    EXPECT_EQ(item.status().code(), absl::StatusCode::kInternal);
  }
}

}  // namespace
}  // namespace tablestream
