// Copyright 2026 The tablestream Authors.

#include "proto/item_codec.h"

#include <climits>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "util/absl_compat.h"

namespace tablestream {
namespace {

absl::Status Corrupt(std::string_view why) {
  return MakeError(kInternalServerError,
                   absl::StrCat("corrupt stored value: ", AsAbsl(why)));
}

void SetToProto(const std::vector<std::string>& set, storage::SetValue* out) {
  out->mutable_elements()->Reserve(static_cast<int>(set.size()));
  for (const std::string& e : set) out->add_elements(e);
}

std::vector<std::string> SetFromProto(const storage::SetValue& set) {
  return std::vector<std::string>(set.elements().begin(), set.elements().end());
}

void AttributesToProto(
    const Item& item,
    google::protobuf::RepeatedPtrField<storage::Attribute>* out) {
  out->Reserve(static_cast<int>(item.size()));
  for (const auto& [name, value] : item) {
    storage::Attribute* attribute = out->Add();
    attribute->set_name(name);
    ToProto(value, attribute->mutable_value());
  }
}

absl::StatusOr<Item> AttributesFromProto(
    const google::protobuf::RepeatedPtrField<storage::Attribute>& attributes) {
  Item item;
  for (const storage::Attribute& attribute : attributes) {
    if (!item.empty() && !(item.rbegin()->first < attribute.name())) {
      return Corrupt(absl::StrCat("attribute names out of order at \"",
                                  attribute.name(), "\""));
    }
    absl::StatusOr<AttributeValue> value = FromProto(attribute.value());
    if (!value.ok()) return value.status();
    item.emplace_hint(item.end(), attribute.name(), *std::move(value));
  }
  return item;
}

}  // namespace

void ToProto(const AttributeValue& v, storage::Value* out) {
  out->Clear();
  switch (v.type()) {
    case AttributeType::kS:
      out->set_s(v.scalar());
      break;
    case AttributeType::kN:
      out->set_n(v.scalar());
      break;
    case AttributeType::kB:
      out->set_b(v.scalar());
      break;
    case AttributeType::kBool:
      out->set_bool_value(v.boolean());
      break;
    case AttributeType::kNull:
      out->set_null_value(true);
      break;
    case AttributeType::kM:
      AttributesToProto(v.map(), out->mutable_m()->mutable_attributes());
      break;
    case AttributeType::kL: {
      auto* values = out->mutable_l()->mutable_values();
      values->Reserve(static_cast<int>(v.list().size()));
      for (const AttributeValue& e : v.list()) ToProto(e, values->Add());
      break;
    }
    case AttributeType::kSS:
      SetToProto(v.set(), out->mutable_ss());
      break;
    case AttributeType::kNS:
      SetToProto(v.set(), out->mutable_ns());
      break;
    case AttributeType::kBS:
      SetToProto(v.set(), out->mutable_bs());
      break;
  }
}

void ToProto(const Item& item, storage::StoredItem* out) {
  out->Clear();
  AttributesToProto(item, out->mutable_attributes());
}

absl::StatusOr<AttributeValue> FromProto(const storage::Value& v) {
  switch (v.kind_case()) {
    case storage::Value::kS:
      return AttributeValue::S(v.s());
    case storage::Value::kN:
      if (v.n().empty()) return Corrupt("empty number");
      return AttributeValue::N(v.n());
    case storage::Value::kB:
      return AttributeValue::B(v.b());
    case storage::Value::kBoolValue:
      return AttributeValue::Bool(v.bool_value());
    case storage::Value::kNullValue:
      if (!v.null_value()) return Corrupt("NULL that is not true");
      return AttributeValue::Null();
    case storage::Value::kM: {
      absl::StatusOr<Item> map = AttributesFromProto(v.m().attributes());
      if (!map.ok()) return map.status();
      return AttributeValue::M(*std::move(map));
    }
    case storage::Value::kL: {
      std::vector<AttributeValue> list;
      list.reserve(v.l().values_size());
      for (const storage::Value& e : v.l().values()) {
        absl::StatusOr<AttributeValue> element = FromProto(e);
        if (!element.ok()) return element.status();
        list.push_back(*std::move(element));
      }
      return AttributeValue::L(std::move(list));
    }
    case storage::Value::kSs:
      return AttributeValue::SS(SetFromProto(v.ss()));
    case storage::Value::kNs:
      return AttributeValue::NS(SetFromProto(v.ns()));
    case storage::Value::kBs:
      return AttributeValue::BS(SetFromProto(v.bs()));
    case storage::Value::KIND_NOT_SET:
      break;
  }
  return Corrupt("no value member set");
}

absl::StatusOr<Item> FromProto(const storage::StoredItem& item) {
  return AttributesFromProto(item.attributes());
}

std::string EncodeItem(const Item& item) {
  storage::StoredItem proto;
  ToProto(item, &proto);
  std::string bytes;
  // Serializing a message built in memory cannot fail; ignoring the result is
  // deliberate.
  (void)proto.SerializeToString(&bytes);
  return bytes;
}

absl::StatusOr<Item> DecodeItem(std::string_view bytes) {
  storage::StoredItem proto;
  if (bytes.size() > static_cast<size_t>(INT_MAX) ||
      !proto.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return MakeError(kInternalServerError,
                     absl::StrCat("corrupt stored item: cannot parse ",
                                  bytes.size(), " bytes"));
  }
  return FromProto(proto);
}

}  // namespace tablestream
