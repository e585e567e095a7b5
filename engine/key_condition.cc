// Copyright 2026 The tablestream Authors.

#include "engine/key_condition.h"

#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "engine/item_key.h"
#include "tablestream/errors.h"
#include "util/attribute_canonical.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

using SortOp = KeyCondition::SortOp;

absl::Status InvalidOperator(std::string_view op) {
  return ValidationError(absl::StrCat(
      "Invalid operator used in KeyConditionExpression: ", std::string(op)));
}

// One condition on one key attribute.
struct KeyTerm {
  std::string name;
  SortOp op = SortOp::kEq;
  AttributeValue lo;
  AttributeValue hi;
};

// The attribute a key term is about; errors for anything but one top-level
// path.
absl::StatusOr<std::string> KeyName(const Operand& operand) {
  if (operand.kind != Operand::Kind::kPath) {
    return ValidationError(
        "Invalid KeyConditionExpression: The left operand of a key condition "
        "must be a key attribute name and the others values");
  }
  if (operand.path.size() != 1 ||
      operand.path[0].kind != PathElement::Kind::kName) {
    return ValidationError(
        "KeyConditionExpressions cannot have conditions on nested attributes");
  }
  return operand.path[0].name;
}

absl::StatusOr<AttributeValue> KeyValue(const Operand& operand) {
  if (operand.kind != Operand::Kind::kValue) {
    return ValidationError(
        "Invalid KeyConditionExpression: The left operand of a key condition "
        "must be a key attribute name and the others values");
  }
  return operand.value;
}

absl::StatusOr<KeyTerm> ReduceTerm(const Condition& c) {
  KeyTerm term;
  switch (c.kind) {
    case Condition::Kind::kCompare: {
      if (c.op == CompareOp::kNe) return InvalidOperator("<>");
      // `:v < k` means `k > :v`.
      bool flipped = c.operands[0].kind == Operand::Kind::kValue &&
                     c.operands[1].kind == Operand::Kind::kPath;
      const Operand& path = c.operands[flipped ? 1 : 0];
      const Operand& value = c.operands[flipped ? 0 : 1];
      TABLESTREAM_ASSIGN_OR_RETURN(term.name, KeyName(path));
      TABLESTREAM_ASSIGN_OR_RETURN(term.lo, KeyValue(value));
      CompareOp op = c.op;
      if (flipped) {
        if (op == CompareOp::kLt)
          op = CompareOp::kGt;
        else if (op == CompareOp::kLe)
          op = CompareOp::kGe;
        else if (op == CompareOp::kGt)
          op = CompareOp::kLt;
        else if (op == CompareOp::kGe)
          op = CompareOp::kLe;
      }
      static const SortOp kOps[] = {SortOp::kEq, SortOp::kNone, SortOp::kLt,
                                    SortOp::kLe, SortOp::kGt,   SortOp::kGe};
      term.op = kOps[static_cast<int>(op)];
      return term;
    }
    case Condition::Kind::kBetween: {
      term.op = SortOp::kBetween;
      TABLESTREAM_ASSIGN_OR_RETURN(term.name, KeyName(c.operands[0]));
      TABLESTREAM_ASSIGN_OR_RETURN(term.lo, KeyValue(c.operands[1]));
      TABLESTREAM_ASSIGN_OR_RETURN(term.hi, KeyValue(c.operands[2]));
      return term;
    }
    case Condition::Kind::kBeginsWith: {
      term.op = SortOp::kBeginsWith;
      TABLESTREAM_ASSIGN_OR_RETURN(term.name, KeyName(c.operands[0]));
      TABLESTREAM_ASSIGN_OR_RETURN(term.lo, KeyValue(c.operands[1]));
      return term;
    }
    case Condition::Kind::kOr:
      return InvalidOperator("OR");
    case Condition::Kind::kNot:
      return InvalidOperator("NOT");
    case Condition::Kind::kIn:
      return InvalidOperator("IN");
    case Condition::Kind::kAttributeExists:
      return InvalidOperator("attribute_exists");
    case Condition::Kind::kAttributeNotExists:
      return InvalidOperator("attribute_not_exists");
    case Condition::Kind::kAttributeType:
      return InvalidOperator("attribute_type");
    case Condition::Kind::kContains:
      return InvalidOperator("contains");
    case Condition::Kind::kAnd:
      return InvalidOperator("AND");
    case Condition::Kind::kTrue:
      break;
  }
  return InvalidOperator("?");
}

}  // namespace

absl::StatusOr<KeyCondition> ReduceKeyCondition(const Condition& condition,
                                                const KeySchema& schema) {
  std::vector<const Condition*> parts;
  if (condition.kind == Condition::Kind::kAnd) {
    for (const Condition& child : condition.children) {
      if (child.kind == Condition::Kind::kAnd) return InvalidOperator("AND");
      parts.push_back(&child);
    }
  } else {
    parts.push_back(&condition);
  }
  std::vector<KeyTerm> terms;
  for (const Condition* part : parts) {
    TABLESTREAM_ASSIGN_OR_RETURN(KeyTerm term, ReduceTerm(*part));
    terms.push_back(std::move(term));
  }
  if (terms.size() > 2) {
    return ValidationError(
        "KeyConditionExpressions must only contain one condition per key");
  }
  if (terms.size() == 2 && terms[0].name == terms[1].name) {
    return ValidationError(
        "KeyConditionExpressions must only contain one condition per key");
  }
  KeyCondition result;
  bool have_partition = false;
  for (const KeyTerm& term : terms) {
    const bool is_partition = term.name == schema.partition_name;
    const bool is_sort = schema.sort_name && term.name == *schema.sort_name;
    if (!is_partition && !is_sort) {
      return ValidationError("Query key condition not supported");
    }
    if (is_partition) {
      if (term.op != SortOp::kEq) {
        return ValidationError(absl::StrCat(
            "Query key condition not supported (the partition key ",
            schema.partition_name, " takes only =)"));
      }
      have_partition = true;
      result.partition = term.lo;
      continue;
    }
    result.sort_op = term.op;
    result.lo = term.lo;
    result.hi = term.hi;
  }
  if (!have_partition) {
    return ValidationError(absl::StrCat(
        "Query condition missed key schema element: ", schema.partition_name));
  }
  if (result.partition.type() != KeyAttributeType(schema.partition_type)) {
    return ValidationError(
        "One or more parameter values were invalid: Condition parameter type "
        "does not match schema type");
  }
  if (result.sort_op != SortOp::kNone) {
    const AttributeType sort_type = KeyAttributeType(schema.sort_type);
    if (result.sort_op == SortOp::kBeginsWith &&
        sort_type == AttributeType::kN) {
      return ValidationError(
          "Invalid KeyConditionExpression: Incorrect operand type for "
          "operator or function; operator or function: begins_with, operand "
          "type: N");
    }
    if (result.lo.type() != sort_type ||
        (result.sort_op == SortOp::kBetween && result.hi.type() != sort_type)) {
      return ValidationError(
          "One or more parameter values were invalid: Condition parameter "
          "type does not match schema type");
    }
    if (result.sort_op == SortOp::kBetween &&
        CompareScalar(result.lo, result.hi) > 0) {
      return ValidationError(
          "Invalid KeyConditionExpression: The BETWEEN operator requires upper "
          "bound to be greater than or equal to lower bound");
    }
  }
  return result;
}

int SortKeyPosition(const KeyCondition& c, const AttributeValue& sort) {
  switch (c.sort_op) {
    case SortOp::kNone:
      return 0;
    case SortOp::kEq: {
      const int cmp = CompareScalar(sort, c.lo);
      return cmp < 0 ? -1 : (cmp > 0 ? 1 : 0);
    }
    case SortOp::kLt:
      return CompareScalar(sort, c.lo) < 0 ? 0 : 1;
    case SortOp::kLe:
      return CompareScalar(sort, c.lo) <= 0 ? 0 : 1;
    case SortOp::kGt:
      return CompareScalar(sort, c.lo) > 0 ? 0 : -1;
    case SortOp::kGe:
      return CompareScalar(sort, c.lo) >= 0 ? 0 : -1;
    case SortOp::kBetween:
      if (CompareScalar(sort, c.lo) < 0) return -1;
      return CompareScalar(sort, c.hi) > 0 ? 1 : 0;
    case SortOp::kBeginsWith:
      if (absl::StartsWith(sort.scalar(), c.lo.scalar())) return 0;
      return CompareScalar(sort, c.lo) < 0 ? -1 : 1;
  }
  return 0;
}

}  // namespace tablestream
