// Copyright 2026 The tablestream Authors.
//
// UpdateAction is the internal form of an item update. DynamoDB's legacy
// AttributeUpdates compiles into it (engine/legacy_compile.h), and so will
// UpdateExpression: SET path = value-expression, REMOVE path, ADD path value,
// DELETE path value, over document paths with map keys and list indexes.
//
// Actions are plain values; the functions here touch only their arguments
// and are safe to call from many threads.

#ifndef TABLESTREAM_ENGINE_UPDATE_H_
#define TABLESTREAM_ENGINE_UPDATE_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/document_path.h"
#include "tablestream/attribute_value.h"

namespace tablestream {

// A value expression of an update: a literal, a path, if_not_exists(path,
// value), list_append(a, b), a + b, a - b.
struct ValueExpr {
  enum class Kind { kLiteral, kPath, kIfNotExists, kListAppend, kPlus, kMinus };

  static ValueExpr Literal(AttributeValue value);
  static ValueExpr Path(DocumentPath path);
  static ValueExpr IfNotExists(DocumentPath path, ValueExpr fallback);
  static ValueExpr ListAppend(ValueExpr a, ValueExpr b);
  static ValueExpr Plus(ValueExpr a, ValueExpr b);
  static ValueExpr Minus(ValueExpr a, ValueExpr b);

  Kind kind = Kind::kLiteral;
  AttributeValue literal;  // kLiteral; REQUIRES: canonical
  DocumentPath path;       // kPath; kIfNotExists: the path tested
  // kIfNotExists: 1 (the value when `path` names nothing);
  // kListAppend, kPlus, kMinus: 2 (the operands, in order).
  std::vector<ValueExpr> args;
};

struct UpdateAction {
  enum class Kind { kSet, kRemove, kAdd, kDelete };

  static UpdateAction Set(DocumentPath path, ValueExpr value);
  static UpdateAction Remove(DocumentPath path);
  static UpdateAction Add(DocumentPath path, AttributeValue value);
  static UpdateAction Delete(DocumentPath path, AttributeValue value);

  Kind kind = Kind::kSet;
  DocumentPath path;
  ValueExpr value;  // kSet: the expression; kAdd / kDelete: a literal
};

// Applies `actions` to a copy of `old_item` (nullptr: the item does not
// exist; start from `key`) and returns the new item. Every value expression
// reads the item as it was before the update (the old item, or `key` when
// there is none), as DynamoDB evaluates every operand against the old item.
//
// Order: SET, ADD and DELETE apply in the given order; then every REMOVE
// (and every set that DELETE left empty) is removed, deepest and highest
// list index first. So list indexes in all actions refer to positions in the
// old item, as in DynamoDB: with a = [2, 3, 4, 5], "REMOVE a[1] SET a[3] =
// 9" gives [2, 4, 9], and "REMOVE a[1], a[2]" removes 3 and 4. Paths of one
// update should not overlap (the expression compiler refuses that, as
// DynamoDB does); if they do, the result follows the order above.
//
// Semantics and errors (ValidationException, DynamoDB's texts):
//  - An action on a key attribute (path[0] in `key_names`): "One or more
//    parameter values were invalid: Cannot update attribute <name>. This
//    attribute is part of the key". Checked before anything else.
//  - A path whose parent is missing or of the wrong type (a.b with no map a,
//    a[0] with no list a) for SET, ADD, DELETE or REMOVE: "The document path
//    provided in the update expression is invalid for update". Exception, as
//    in DynamoDB: when the item does not exist, such a REMOVE is ignored.
//  - SET a[i] with i past the end of the list appends. REMOVE a[i] past the
//    end, or of a missing map key or attribute, does nothing.
//  - A path operand that names nothing: "The provided expression refers to
//    an attribute that does not exist in the item".
//  - + and - take numbers, list_append takes lists; anything else: "An
//    operand in the update expression has an incorrect data type". Sums out
//    of range or above 38 digits fail as Number::Add does.
//  - ADD: number + number (a missing attribute counts as 0); set union for
//    SS, NS, BS of one type (a missing attribute counts as the empty set).
//    Anything else: "An operand in the update expression has an incorrect
//    data type".
//  - DELETE: set difference; value and attribute must be sets of one type
//    (else the same error). A set left empty is removed; a missing attribute
//    is left missing.
// Malformed actions (an empty path or one not starting with a name, wrong
// argument counts) give "Malformed update: ..."; compilers never build them.
// The result is canonical when `old_item`, `key` and every literal are.
absl::StatusOr<Item> ApplyUpdate(const std::vector<UpdateAction>& actions,
                                 const Item* old_item, const Item& key,
                                 const std::vector<std::string>& key_names);

// The top-level attribute names that `actions` touch, sorted and unique (for
// ReturnValues UPDATED_OLD / UPDATED_NEW).
std::vector<std::string> UpdatedTopLevelNames(
    const std::vector<UpdateAction>& actions);

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_UPDATE_H_
