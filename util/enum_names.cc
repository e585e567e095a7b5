// Copyright 2026 The tablestream Authors.
//
// Names of the public enums as DynamoDB spells them, and their parsers.

#include <array>
#include <optional>
#include <string>
#include <utility>

#include "tablestream/item.h"
#include "tablestream/stream.h"
#include "tablestream/table.h"

namespace tablestream {
namespace {

template <typename E, size_t N>
const char* NameOf(const std::array<std::pair<E, const char*>, N>& table,
                   E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return "?";
}

template <typename E, size_t N>
std::optional<E> Parse(const std::array<std::pair<E, const char*>, N>& table,
                       const std::string& s) {
  for (const auto& [e, name] : table) {
    if (s == name) return e;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<KeyType, const char*>, 2> kKeyTypes = {
    {{KeyType::kHash, "HASH"}, {KeyType::kRange, "RANGE"}}};
constexpr std::array<std::pair<ScalarAttributeType, const char*>, 3>
    kScalarTypes = {{{ScalarAttributeType::kS, "S"},
                     {ScalarAttributeType::kN, "N"},
                     {ScalarAttributeType::kB, "B"}}};
constexpr std::array<std::pair<StreamViewType, const char*>, 4> kViewTypes = {
    {{StreamViewType::kKeysOnly, "KEYS_ONLY"},
     {StreamViewType::kNewImage, "NEW_IMAGE"},
     {StreamViewType::kOldImage, "OLD_IMAGE"},
     {StreamViewType::kNewAndOldImages, "NEW_AND_OLD_IMAGES"}}};
constexpr std::array<std::pair<EventName, const char*>, 3> kEventNames = {
    {{EventName::kInsert, "INSERT"},
     {EventName::kModify, "MODIFY"},
     {EventName::kRemove, "REMOVE"}}};
constexpr std::array<std::pair<ShardIteratorType, const char*>, 5>
    kIteratorTypes = {
        {{ShardIteratorType::kTrimHorizon, "TRIM_HORIZON"},
         {ShardIteratorType::kLatest, "LATEST"},
         {ShardIteratorType::kAtSequenceNumber, "AT_SEQUENCE_NUMBER"},
         {ShardIteratorType::kAfterSequenceNumber, "AFTER_SEQUENCE_NUMBER"},
        {ShardIteratorType::kAtTimestamp, "AT_TIMESTAMP"}}};
constexpr std::array<std::pair<ComparisonOperator, const char*>, 13>
    kComparisonOperators = {{{ComparisonOperator::kEq, "EQ"},
                             {ComparisonOperator::kNe, "NE"},
                             {ComparisonOperator::kLe, "LE"},
                             {ComparisonOperator::kLt, "LT"},
                             {ComparisonOperator::kGe, "GE"},
                             {ComparisonOperator::kGt, "GT"},
                             {ComparisonOperator::kNotNull, "NOT_NULL"},
                             {ComparisonOperator::kNull, "NULL"},
                             {ComparisonOperator::kContains, "CONTAINS"},
                             {ComparisonOperator::kNotContains, "NOT_CONTAINS"},
                             {ComparisonOperator::kBeginsWith, "BEGINS_WITH"},
                             {ComparisonOperator::kIn, "IN"},
                             {ComparisonOperator::kBetween, "BETWEEN"}}};
constexpr std::array<std::pair<ReturnValue, const char*>, 5> kReturnValues = {
    {{ReturnValue::kNone, "NONE"},
     {ReturnValue::kAllOld, "ALL_OLD"},
     {ReturnValue::kUpdatedOld, "UPDATED_OLD"},
     {ReturnValue::kAllNew, "ALL_NEW"},
     {ReturnValue::kUpdatedNew, "UPDATED_NEW"}}};
constexpr std::array<std::pair<AttributeAction, const char*>, 3> kActions = {
    {{AttributeAction::kPut, "PUT"},
     {AttributeAction::kDelete, "DELETE"},
     {AttributeAction::kAdd, "ADD"}}};

}  // namespace

const char* KeyTypeName(KeyType t) { return NameOf(kKeyTypes, t); }
const char* ScalarAttributeTypeName(ScalarAttributeType t) {
  return NameOf(kScalarTypes, t);
}
const char* StreamViewTypeName(StreamViewType t) {
  return NameOf(kViewTypes, t);
}
const char* EventNameName(EventName e) { return NameOf(kEventNames, e); }
const char* ShardIteratorTypeName(ShardIteratorType t) {
  return NameOf(kIteratorTypes, t);
}
const char* ComparisonOperatorName(ComparisonOperator op) {
  return NameOf(kComparisonOperators, op);
}
const char* ReturnValueName(ReturnValue v) { return NameOf(kReturnValues, v); }
const char* AttributeActionName(AttributeAction a) {
  return NameOf(kActions, a);
}

std::optional<KeyType> ParseKeyType(const std::string& s) {
  return Parse(kKeyTypes, s);
}
std::optional<ScalarAttributeType> ParseScalarAttributeType(
    const std::string& s) {
  return Parse(kScalarTypes, s);
}
std::optional<StreamViewType> ParseStreamViewType(const std::string& s) {
  return Parse(kViewTypes, s);
}
std::optional<ShardIteratorType> ParseShardIteratorType(const std::string& s) {
  return Parse(kIteratorTypes, s);
}
std::optional<ComparisonOperator> ParseComparisonOperator(
    const std::string& s) {
  return Parse(kComparisonOperators, s);
}
std::optional<ReturnValue> ParseReturnValue(const std::string& s) {
  return Parse(kReturnValues, s);
}
std::optional<AttributeAction> ParseAttributeAction(const std::string& s) {
  return Parse(kActions, s);
}

}  // namespace tablestream
