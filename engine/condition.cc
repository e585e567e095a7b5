// Copyright 2026 The tablestream Authors.

#include "engine/condition.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "util/attribute_canonical.h"
#include "util/status_macros.h"

namespace tablestream {

Condition Condition::And(std::vector<Condition> children) {
  Condition c;
  c.kind = Kind::kAnd;
  c.children = std::move(children);
  return c;
}

Condition Condition::Or(std::vector<Condition> children) {
  Condition c;
  c.kind = Kind::kOr;
  c.children = std::move(children);
  return c;
}

Condition Condition::Not(Condition child) {
  Condition c;
  c.kind = Kind::kNot;
  c.children.push_back(std::move(child));
  return c;
}

Condition Condition::Compare(CompareOp op, Operand a, Operand b) {
  Condition c;
  c.kind = Kind::kCompare;
  c.op = op;
  c.operands.push_back(std::move(a));
  c.operands.push_back(std::move(b));
  return c;
}

Condition Condition::Between(Operand x, Operand lo, Operand hi) {
  Condition c;
  c.kind = Kind::kBetween;
  c.operands.push_back(std::move(x));
  c.operands.push_back(std::move(lo));
  c.operands.push_back(std::move(hi));
  return c;
}

Condition Condition::In(Operand x, std::vector<Operand> candidates) {
  Condition c;
  c.kind = Kind::kIn;
  c.operands.reserve(candidates.size() + 1);
  c.operands.push_back(std::move(x));
  for (Operand& candidate : candidates)
    c.operands.push_back(std::move(candidate));
  return c;
}

Condition Condition::AttributeExists(DocumentPath path) {
  Condition c;
  c.kind = Kind::kAttributeExists;
  c.operands.push_back(Operand::Path(std::move(path)));
  return c;
}

Condition Condition::AttributeNotExists(DocumentPath path) {
  Condition c;
  c.kind = Kind::kAttributeNotExists;
  c.operands.push_back(Operand::Path(std::move(path)));
  return c;
}

Condition Condition::AttributeTypeIs(DocumentPath path,
                                     AttributeValue type_name) {
  Condition c;
  c.kind = Kind::kAttributeType;
  c.operands.push_back(Operand::Path(std::move(path)));
  c.operands.push_back(Operand::Value(std::move(type_name)));
  return c;
}

Condition Condition::BeginsWith(Operand a, Operand prefix) {
  Condition c;
  c.kind = Kind::kBeginsWith;
  c.operands.push_back(std::move(a));
  c.operands.push_back(std::move(prefix));
  return c;
}

Condition Condition::Contains(Operand a, Operand element) {
  Condition c;
  c.kind = Kind::kContains;
  c.operands.push_back(std::move(a));
  c.operands.push_back(std::move(element));
  return c;
}

namespace {

constexpr AttributeType kAllTypes[] = {
    AttributeType::kS,    AttributeType::kN,    AttributeType::kB,
    AttributeType::kBool, AttributeType::kNull, AttributeType::kM,
    AttributeType::kL,    AttributeType::kSS,   AttributeType::kNS,
    AttributeType::kBS,
};

absl::Status Malformed(const std::string& what) {
  return ValidationError(absl::StrCat("Malformed condition: ", what));
}

bool IsOrderable(AttributeType type) {
  return type == AttributeType::kS || type == AttributeType::kN ||
         type == AttributeType::kB;
}

// DynamoDB's size(): string and binary length in bytes, element count of a
// set, list or map; nothing for N, BOOL and NULL.
std::optional<size_t> SizeOf(const AttributeValue& value) {
  switch (value.type()) {
    case AttributeType::kS:
    case AttributeType::kB:
      return value.scalar().size();
    case AttributeType::kSS:
    case AttributeType::kNS:
    case AttributeType::kBS:
      return value.set().size();
    case AttributeType::kL:
      return value.list().size();
    case AttributeType::kM:
      return value.map().size();
    case AttributeType::kN:
    case AttributeType::kBool:
    case AttributeType::kNull:
      break;
  }
  return std::nullopt;
}

// The value of `operand`, or nullptr when it is missing. A size() result is
// stored in *scratch, which must outlive the returned pointer.
const AttributeValue* Resolve(const Operand& operand, const Item* item,
                              AttributeValue* scratch) {
  switch (operand.kind) {
    case Operand::Kind::kValue:
      return &operand.value;
    case Operand::Kind::kPath:
      return item == nullptr ? nullptr : ResolvePath(*item, operand.path);
    case Operand::Kind::kSize: {
      const AttributeValue* value =
          item == nullptr ? nullptr : ResolvePath(*item, operand.path);
      if (value == nullptr) return nullptr;
      std::optional<size_t> size = SizeOf(*value);
      if (!size) return nullptr;
      *scratch = AttributeValue::N(std::to_string(*size));
      return scratch;
    }
  }
  return nullptr;
}

bool Equal(const AttributeValue* a, const AttributeValue* b) {
  return a != nullptr && b != nullptr && *a == *b;
}

bool CompareValues(CompareOp op, const AttributeValue* a,
                   const AttributeValue* b) {
  if (op == CompareOp::kEq) return Equal(a, b);
  if (op == CompareOp::kNe) return !Equal(a, b);
  if (a == nullptr || b == nullptr || a->type() != b->type() ||
      !IsOrderable(a->type())) {
    return false;
  }
  const int c = CompareScalar(*a, *b);
  switch (op) {
    case CompareOp::kLt:
      return c < 0;
    case CompareOp::kLe:
      return c <= 0;
    case CompareOp::kGt:
      return c > 0;
    case CompareOp::kGe:
      return c >= 0;
    case CompareOp::kEq:
    case CompareOp::kNe:
      break;
  }
  return false;
}

bool Between(const AttributeValue* x, const AttributeValue* lo,
             const AttributeValue* hi) {
  if (x == nullptr || lo == nullptr || hi == nullptr) return false;
  if (!IsOrderable(x->type()) || x->type() != lo->type() ||
      x->type() != hi->type()) {
    return false;
  }
  // (lo > hi holds for no x, as DynamoDB wants.)
  return CompareScalar(*lo, *x) <= 0 && CompareScalar(*x, *hi) <= 0;
}

bool BeginsWith(const AttributeValue* a, const AttributeValue* prefix) {
  if (a == nullptr || prefix == nullptr || a->type() != prefix->type()) {
    return false;
  }
  if (a->type() != AttributeType::kS && a->type() != AttributeType::kB) {
    return false;
  }
  return std::string_view(a->scalar()).substr(0, prefix->scalar().size()) ==
         prefix->scalar();
}

// The scalar type of the elements of a set type, or nullopt.
std::optional<AttributeType> ElementType(AttributeType set_type) {
  switch (set_type) {
    case AttributeType::kSS:
      return AttributeType::kS;
    case AttributeType::kNS:
      return AttributeType::kN;
    case AttributeType::kBS:
      return AttributeType::kB;
    default:
      return std::nullopt;
  }
}

bool Contains(const AttributeValue* a, const AttributeValue* element) {
  if (a == nullptr || element == nullptr) return false;
  switch (a->type()) {
    case AttributeType::kS:
    case AttributeType::kB:
      return element->type() == a->type() &&
             a->scalar().find(element->scalar()) != std::string::npos;
    case AttributeType::kSS:
    case AttributeType::kNS:
    case AttributeType::kBS: {
      if (element->type() != *ElementType(a->type())) return false;
      // Canonical numbers are equal exactly when their texts are.
      const std::vector<std::string>& set = a->set();
      return std::find(set.begin(), set.end(), element->scalar()) != set.end();
    }
    case AttributeType::kL: {
      const std::vector<AttributeValue>& list = a->list();
      return std::find(list.begin(), list.end(), *element) != list.end();
    }
    default:
      return false;
  }
}

absl::StatusOr<bool> AttributeTypeMatches(const AttributeValue* value,
                                          const AttributeValue& type_name) {
  if (type_name.type() != AttributeType::kS) {
    return ValidationError(absl::StrCat(
        "Invalid ConditionExpression: Incorrect operand type for operator or "
        "function; operator or function: attribute_type, operand type: ",
        AttributeTypeName(type_name.type())));
  }
  for (AttributeType type : kAllTypes) {
    if (type_name.scalar() == AttributeTypeName(type)) {
      return value != nullptr && value->type() == type;
    }
  }
  return ValidationError(absl::StrCat(
      "Invalid ConditionExpression: Invalid attribute type name found; type: ",
      type_name.scalar(), ", valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }"));
}

absl::Status CheckOperandCount(const Condition& c, size_t want,
                               const std::string& what) {
  if (c.operands.size() == want) return absl::OkStatus();
  return Malformed(absl::StrCat(what, " needs ", want, " operands, got ",
                                c.operands.size()));
}

absl::StatusOr<bool> Evaluate(const Condition& c, const Item* item);

absl::StatusOr<bool> EvaluateChildren(const Condition& c, const Item* item,
                                      bool is_and) {
  for (const Condition& child : c.children) {
    TABLESTREAM_ASSIGN_OR_RETURN(bool holds, Evaluate(child, item));
    if (holds != is_and) return holds;  // AND: a false; OR: a true decides.
  }
  return is_and;
}

absl::StatusOr<bool> Evaluate(const Condition& c, const Item* item) {
  using Kind = Condition::Kind;
  switch (c.kind) {
    case Kind::kTrue:
      return true;
    case Kind::kAnd:
      return EvaluateChildren(c, item, /*is_and=*/true);
    case Kind::kOr:
      return EvaluateChildren(c, item, /*is_and=*/false);
    case Kind::kNot: {
      if (c.children.size() != 1) {
        return Malformed(
            absl::StrCat("NOT needs 1 child, got ", c.children.size()));
      }
      TABLESTREAM_ASSIGN_OR_RETURN(bool holds, Evaluate(c.children[0], item));
      return !holds;
    }
    case Kind::kAttributeExists:
    case Kind::kAttributeNotExists: {
      const char* name = c.kind == Kind::kAttributeExists
                             ? "attribute_exists"
                             : "attribute_not_exists";
      TABLESTREAM_RETURN_IF_ERROR(CheckOperandCount(c, 1, name));
      if (c.operands[0].kind != Operand::Kind::kPath) {
        return Malformed(absl::StrCat(name, " needs a path operand"));
      }
      const bool exists =
          item != nullptr && ResolvePath(*item, c.operands[0].path) != nullptr;
      return exists == (c.kind == Kind::kAttributeExists);
    }
    case Kind::kAttributeType: {
      TABLESTREAM_RETURN_IF_ERROR(CheckOperandCount(c, 2, "attribute_type"));
      if (c.operands[0].kind != Operand::Kind::kPath ||
          c.operands[1].kind != Operand::Kind::kValue) {
        return Malformed("attribute_type needs a path and a value");
      }
      const AttributeValue* value =
          item == nullptr ? nullptr : ResolvePath(*item, c.operands[0].path);
      return AttributeTypeMatches(value, c.operands[1].value);
    }
    default:
      break;
  }

  // The rest compare resolved operands.
  if (c.kind == Kind::kCompare || c.kind == Kind::kBeginsWith ||
      c.kind == Kind::kContains) {
    TABLESTREAM_RETURN_IF_ERROR(CheckOperandCount(c, 2, "a comparison"));
  } else if (c.kind == Kind::kBetween) {
    TABLESTREAM_RETURN_IF_ERROR(CheckOperandCount(c, 3, "BETWEEN"));
  } else if (c.kind == Kind::kIn && c.operands.size() < 2) {
    return Malformed("IN needs an operand and at least one candidate");
  }
  // Sized up front: resolved pointers may point into it.
  std::vector<AttributeValue> scratch(c.operands.size());
  std::vector<const AttributeValue*> v(c.operands.size());
  for (size_t i = 0; i < c.operands.size(); ++i) {
    v[i] = Resolve(c.operands[i], item, &scratch[i]);
  }
  switch (c.kind) {
    case Kind::kCompare:
      return CompareValues(c.op, v[0], v[1]);
    case Kind::kBetween:
      return Between(v[0], v[1], v[2]);
    case Kind::kIn:
      for (size_t i = 1; i < v.size(); ++i) {
        if (Equal(v[0], v[i])) return true;
      }
      return false;
    case Kind::kBeginsWith:
      return BeginsWith(v[0], v[1]);
    case Kind::kContains:
      return Contains(v[0], v[1]);
    default:
      break;
  }
  return Malformed(absl::StrCat("unknown kind ", static_cast<int>(c.kind)));
}

}  // namespace

absl::StatusOr<bool> EvaluateCondition(const Condition& condition,
                                       const Item* item) {
  return Evaluate(condition, item);
}

}  // namespace tablestream
