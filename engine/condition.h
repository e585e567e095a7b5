// Copyright 2026 The tablestream Authors.
//
// Condition is the internal form of a write condition. DynamoDB's legacy
// Expected parameter compiles into it (engine/legacy_compile.h), and so will
// ConditionExpression: the tree has the expression language's operators and
// functions, over operands that are document paths (a.b[2]), literal values
// or size(path).
//
// Conditions are plain values; EvaluateCondition touches only its arguments
// and is safe to call from many threads.
//
// Semantics (DynamoDB's, for ConditionExpression and legacy Expected alike):
//  - An operand whose path names nothing is "missing". size(path) is missing
//    too when the path names nothing or a value without a size (N, BOOL,
//    NULL); DynamoDB fails such a condition rather than raising an error.
//  - kEq is true when both operands are present and equal. kNe is its exact
//    negation, so `a <> :v` is TRUE when `a` is missing (as in DynamoDB;
//    legacy NE behaves the same).
//  - kLt, kLe, kGt, kGe and kBetween are false unless every operand is
//    present, of one type, and that type is S, N or B; order is
//    CompareScalar's (bytewise for S and B, numeric for N). kBetween with
//    lo > hi is false.
//  - kIn is true when the first operand is present and equals a candidate.
//  - kBeginsWith: S prefix of S, or B prefix of B.
//  - kContains: S substring of S, B substring of B, an element of an
//    SS/NS/BS of the matching scalar type, or an element of an L equal to the
//    operand. Anything else, or a missing operand, is false.
//  - kAttributeType: the value's type name ("S", "NS", "BOOL", ...) equals
//    the second operand, an S. A missing path is false.
//  - Equality is operator== on canonical values (numbers normalized, sets
//    sorted), i.e. DynamoDB's value equality.
//  - kAnd of no children is true, kOr of no children is false.

#ifndef TABLESTREAM_ENGINE_CONDITION_H_
#define TABLESTREAM_ENGINE_CONDITION_H_

#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/document_path.h"
#include "tablestream/attribute_value.h"

namespace tablestream {

// An operand: a document path, a literal (canonical) value, or size(path).
struct Operand {
  enum class Kind { kPath, kValue, kSize };

  static Operand Path(DocumentPath path) {
    return Operand{Kind::kPath, std::move(path), AttributeValue()};
  }
  static Operand Value(AttributeValue value) {
    return Operand{Kind::kValue, DocumentPath(), std::move(value)};
  }
  static Operand Size(DocumentPath path) {
    return Operand{Kind::kSize, std::move(path), AttributeValue()};
  }

  Kind kind = Kind::kValue;
  DocumentPath path;     // kPath, kSize
  AttributeValue value;  // kValue; REQUIRES: canonical
};

enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe };

struct Condition {
  enum class Kind {
    kTrue,
    kAnd,
    kOr,
    kNot,
    kCompare,
    kBetween,
    kIn,
    kAttributeExists,
    kAttributeNotExists,
    kAttributeType,
    kBeginsWith,
    kContains,
  };

  // Shorthands that build well-formed nodes.
  static Condition True() { return Condition(); }
  static Condition And(std::vector<Condition> children);
  static Condition Or(std::vector<Condition> children);
  static Condition Not(Condition child);
  static Condition Compare(CompareOp op, Operand a, Operand b);
  static Condition Between(Operand x, Operand lo, Operand hi);
  static Condition In(Operand x, std::vector<Operand> candidates);
  static Condition AttributeExists(DocumentPath path);
  static Condition AttributeNotExists(DocumentPath path);
  static Condition AttributeTypeIs(DocumentPath path, AttributeValue type_name);
  static Condition BeginsWith(Operand a, Operand prefix);
  static Condition Contains(Operand a, Operand element);

  Kind kind = Kind::kTrue;
  CompareOp op = CompareOp::kEq;  // kCompare
  // kCompare: 2; kBetween: 3 (x, lo, hi); kIn: 1 + candidates (at least 1);
  // kAttributeExists / kAttributeNotExists: 1 (a kPath); kAttributeType: a
  // kPath and a kValue {S: "N"}; kBeginsWith / kContains: 2.
  std::vector<Operand> operands;
  std::vector<Condition> children;  // kAnd / kOr: any number; kNot: 1
};

// Evaluates `condition` against `item` (nullptr: the item does not exist,
// so every path is missing). Returns false rather than an error for every
// type mismatch that depends on the item (see the file comment).
// Errors (ValidationException):
//  - kAttributeType with an operand that is not an S naming one of the ten
//    types: "Invalid ConditionExpression: Invalid attribute type name found;
//    type: <t>, valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }" (or, for a
//    non-S operand, "...Incorrect operand type for operator or function;
//    operator or function: attribute_type, operand type: <T>").
//  - A malformed tree (wrong operand or child count, an exists/type operand
//    that is not a path): "Malformed condition: ...". Compilers never
//    produce one; it signals a bug, not bad user input.
absl::StatusOr<bool> EvaluateCondition(const Condition& condition,
                                       const Item* item);

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_CONDITION_H_
