// Copyright 2026 The tablestream Authors.

#include "engine/legacy_compile.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "util/attribute_canonical.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

constexpr char kInvalid[] = "One or more parameter values were invalid: ";

absl::Status Invalid(const std::string& message) {
  return ValidationError(absl::StrCat(kInvalid, message));
}

bool IsScalar(AttributeType type) {
  return type == AttributeType::kS || type == AttributeType::kN ||
         type == AttributeType::kB;
}

bool IsSet(AttributeType type) {
  return type == AttributeType::kSS || type == AttributeType::kNS ||
         type == AttributeType::kBS;
}

// Whether `op` takes `count` arguments.
bool ArgumentCountOk(ComparisonOperator op, size_t count) {
  switch (op) {
    case ComparisonOperator::kNull:
    case ComparisonOperator::kNotNull:
      return count == 0;
    case ComparisonOperator::kIn:
      return count >= 1;
    case ComparisonOperator::kBetween:
      return count == 2;
    default:
      return count == 1;
  }
}

// Whether `op` accepts arguments of `type`.
bool ArgumentTypeOk(ComparisonOperator op, AttributeType type) {
  switch (op) {
    case ComparisonOperator::kEq:
    case ComparisonOperator::kNe:
      return true;
    case ComparisonOperator::kBeginsWith:
      return type == AttributeType::kS || type == AttributeType::kB;
    default:
      return IsScalar(type);
  }
}

Operand Attr(const std::string& name) { return Operand::Path(TopLevel(name)); }

// The condition of one ComparisonOperator entry, from validated arguments.
Condition CompileOperator(const std::string& name, ComparisonOperator op,
                          std::vector<AttributeValue> args) {
  auto compare = [&](CompareOp cmp) {
    return Condition::Compare(cmp, Attr(name),
                              Operand::Value(std::move(args[0])));
  };
  switch (op) {
    case ComparisonOperator::kEq:
      return compare(CompareOp::kEq);
    case ComparisonOperator::kNe:
      return compare(CompareOp::kNe);
    case ComparisonOperator::kLt:
      return compare(CompareOp::kLt);
    case ComparisonOperator::kLe:
      return compare(CompareOp::kLe);
    case ComparisonOperator::kGt:
      return compare(CompareOp::kGt);
    case ComparisonOperator::kGe:
      return compare(CompareOp::kGe);
    case ComparisonOperator::kNotNull:
      return Condition::AttributeExists(TopLevel(name));
    case ComparisonOperator::kNull:
      return Condition::AttributeNotExists(TopLevel(name));
    case ComparisonOperator::kContains:
      return Condition::Contains(Attr(name),
                                 Operand::Value(std::move(args[0])));
    case ComparisonOperator::kNotContains: {
      // DynamoDB: false when the attribute is missing.
      std::vector<Condition> both;
      both.push_back(Condition::AttributeExists(TopLevel(name)));
      both.push_back(Condition::Not(
          Condition::Contains(Attr(name), Operand::Value(std::move(args[0])))));
      return Condition::And(std::move(both));
    }
    case ComparisonOperator::kBeginsWith:
      return Condition::BeginsWith(Attr(name),
                                   Operand::Value(std::move(args[0])));
    case ComparisonOperator::kIn: {
      std::vector<Operand> candidates;
      candidates.reserve(args.size());
      for (AttributeValue& arg : args) {
        candidates.push_back(Operand::Value(std::move(arg)));
      }
      return Condition::In(Attr(name), std::move(candidates));
    }
    case ComparisonOperator::kBetween:
      return Condition::Between(Attr(name), Operand::Value(std::move(args[0])),
                                Operand::Value(std::move(args[1])));
  }
  return Condition::True();  // unreachable: every operator is handled above
}

absl::StatusOr<Condition> CompileComparison(const std::string& name,
                                            const ExpectedAttributeValue& e) {
  const ComparisonOperator op = *e.comparison_operator;
  const char* op_name = ComparisonOperatorName(op);
  if (e.exists.has_value()) {
    return Invalid(absl::StrCat(
        "Exists and ComparisonOperator cannot be used together for "
        "Attribute: ",
        name));
  }
  if (e.value.has_value() && !e.attribute_value_list.empty()) {
    return Invalid(absl::StrCat(
        "Value and AttributeValueList cannot be used together for Attribute: ",
        name));
  }
  const std::vector<AttributeValue> raw =
      e.value.has_value() ? std::vector<AttributeValue>{*e.value}
                          : e.attribute_value_list;
  if (!ArgumentCountOk(op, raw.size())) {
    return Invalid(absl::StrCat("Invalid number of argument(s) for the ",
                                op_name, " ComparisonOperator"));
  }
  std::vector<AttributeValue> args;
  args.reserve(raw.size());
  for (const AttributeValue& value : raw) {
    TABLESTREAM_ASSIGN_OR_RETURN(AttributeValue canonical,
                                 CanonicalizeValue(value));
    args.push_back(std::move(canonical));
  }
  for (const AttributeValue& arg : args) {
    if (arg.type() != args[0].type()) {
      return Invalid(
          "AttributeValues inside AttributeValueList must be of same type");
    }
  }
  if (!args.empty() && !ArgumentTypeOk(op, args[0].type())) {
    return Invalid(absl::StrCat(
        "ComparisonOperator ", op_name, " is not valid for ",
        AttributeTypeName(args[0].type()), " AttributeValue type"));
  }
  if (op == ComparisonOperator::kBetween &&
      CompareScalar(args[0], args[1]) > 0) {
    return ValidationError(
        "The BETWEEN condition was provided a range where the lower bound is "
        "greater than the upper bound");
  }
  return CompileOperator(name, op, std::move(args));
}

absl::StatusOr<Condition> CompileEntry(const std::string& name,
                                       const ExpectedAttributeValue& e) {
  if (e.comparison_operator.has_value()) return CompileComparison(name, e);
  if (!e.attribute_value_list.empty()) {
    return Invalid(absl::StrCat(
        "AttributeValueList can only be used with a ComparisonOperator for "
        "Attribute: ",
        name));
  }
  const bool exists = !e.exists.has_value() || *e.exists;
  if (exists && !e.value.has_value()) {
    return Invalid(absl::StrCat("Value must be provided when Exists is ",
                                e.exists.has_value() ? "true" : "null",
                                " for Attribute: ", name));
  }
  if (!exists && e.value.has_value()) {
    return Invalid(absl::StrCat(
        "Value cannot be used when Exists is false for Attribute: ", name));
  }
  if (!exists) return Condition::AttributeNotExists(TopLevel(name));
  TABLESTREAM_ASSIGN_OR_RETURN(AttributeValue value,
                               CanonicalizeValue(*e.value));
  return Condition::Compare(CompareOp::kEq, Attr(name),
                            Operand::Value(std::move(value)));
}

}  // namespace

absl::StatusOr<Condition> CompileExpected(const ExpectedConditions& expected) {
  std::vector<Condition> conditions;
  conditions.reserve(expected.expected.size());
  for (const auto& [name, entry] : expected.expected) {
    TABLESTREAM_ASSIGN_OR_RETURN(Condition c, CompileEntry(name, entry));
    conditions.push_back(std::move(c));
  }
  if (conditions.empty()) return Condition::True();
  if (conditions.size() == 1) return std::move(conditions[0]);
  return expected.conditional_operator == ConditionalOperator::kOr
             ? Condition::Or(std::move(conditions))
             : Condition::And(std::move(conditions));
}

absl::StatusOr<CompiledUpdate> CompileAttributeUpdates(
    const std::map<std::string, AttributeValueUpdate>& updates,
    const std::vector<std::string>& key_names) {
  CompiledUpdate compiled;
  compiled.creates_item = updates.empty();
  for (const auto& [name, update] : updates) {
    if (!update.value.has_value() &&
        update.action != AttributeAction::kDelete) {
      return Invalid(
          "Only DELETE action is allowed when no attribute value is specified");
    }
    std::optional<AttributeValue> value;
    if (update.value.has_value()) {
      const AttributeType type = update.value->type();
      if (update.action == AttributeAction::kDelete && !IsSet(type)) {
        return Invalid(
            absl::StrCat("DELETE action with value is not supported for the "
                         "type ",
                         AttributeTypeName(type)));
      }
      if (update.action == AttributeAction::kAdd && type != AttributeType::kN &&
          type != AttributeType::kL && !IsSet(type)) {
        return Invalid(absl::StrCat("ADD action is not supported for the type ",
                                    AttributeTypeName(type)));
      }
      TABLESTREAM_ASSIGN_OR_RETURN(value, CanonicalizeValue(*update.value));
    }
    if (std::find(key_names.begin(), key_names.end(), name) !=
        key_names.end()) {
      return Invalid(absl::StrCat("Cannot update attribute ", name,
                                  ". This attribute is part of the key"));
    }
    if (update.action != AttributeAction::kDelete) compiled.creates_item = true;

    switch (update.action) {
      case AttributeAction::kPut:
        compiled.actions.push_back(UpdateAction::Set(
            TopLevel(name), ValueExpr::Literal(std::move(*value))));
        break;
      case AttributeAction::kDelete:
        compiled.actions.push_back(
            value.has_value()
                ? UpdateAction::Delete(TopLevel(name), std::move(*value))
                : UpdateAction::Remove(TopLevel(name)));
        break;
      case AttributeAction::kAdd:
        if (value->type() == AttributeType::kL) {
          // name = list_append(if_not_exists(name, []), value)
          compiled.actions.push_back(UpdateAction::Set(
              TopLevel(name),
              ValueExpr::ListAppend(
                  ValueExpr::IfNotExists(
                      TopLevel(name),
                      ValueExpr::Literal(AttributeValue::L({}))),
                  ValueExpr::Literal(std::move(*value)))));
        } else {
          compiled.actions.push_back(
              UpdateAction::Add(TopLevel(name), std::move(*value)));
        }
        break;
    }
  }
  return compiled;
}

}  // namespace tablestream
