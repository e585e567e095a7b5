// Copyright 2026 The tablestream Authors.
//
// Compiles DynamoDB's legacy conditional parameters into the internal forms
// that the expression parameters will also compile into: Expected (with
// ConditionalOperator) into a Condition, AttributeUpdates into UpdateActions.
// Compiling validates the request and canonicalizes its values
// (CanonicalizeValue), so evaluation never sees an invalid value.
//
// The functions touch only their arguments and are safe to call from many
// threads. Errors are ValidationException statuses with DynamoDB's texts
// (as dynalite and DynamoDB Local give them).

#ifndef TABLESTREAM_ENGINE_LEGACY_COMPILE_H_
#define TABLESTREAM_ENGINE_LEGACY_COMPILE_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/condition.h"
#include "engine/update.h"
#include "tablestream/item.h"

namespace tablestream {

// Compiles an Expected map into one Condition: the conditions of all
// entries joined by AND (the default) or OR. An empty map compiles to kTrue;
// a one-entry map to that entry's condition.
//
// Each entry is either the short form or a ComparisonOperator:
//  - Value alone, or with Exists true: the attribute equals Value.
//  - Exists false alone: the attribute does not exist.
//  - ComparisonOperator with AttributeValueList (or with Value standing for a
//    one-element list, as DynamoDB accepts). Meanings: EQ, NE (true when the
//    attribute is missing), LT/LE/GT/GE and BETWEEN (S, N, B only), IN (the
//    attribute equals one of the list), BEGINS_WITH, CONTAINS (substring,
//    set element or list element), NOT_NULL (exists), NULL (does not exist),
//    NOT_CONTAINS (the attribute exists and does not contain the value:
//    DynamoDB fails NOT_CONTAINS on a missing attribute, unlike NE).
// Errors, checked entry by entry in name order (text after
// "One or more parameter values were invalid: " unless noted):
//  - "Exists and ComparisonOperator cannot be used together for Attribute: <a>"
//  - "Value and AttributeValueList cannot be used together for Attribute: <a>"
//  - "Invalid number of argument(s) for the <OP> ComparisonOperator"
//    (EQ NE LT LE GT GE CONTAINS NOT_CONTAINS BEGINS_WITH: 1; NULL NOT_NULL:
//    0; IN: 1 or more; BETWEEN: 2)
//  - "AttributeValues inside AttributeValueList must be of same type"
//  - "ComparisonOperator <OP> is not valid for <T> AttributeValue type"
//    (LT LE GT GE BETWEEN IN CONTAINS NOT_CONTAINS: S, N, B; BEGINS_WITH: S,
//    B; EQ and NE take any type)
//  - without prefix: "The BETWEEN condition was provided a range where the
//    lower bound is greater than the upper bound"
//  - "AttributeValueList can only be used with a ComparisonOperator for
//    Attribute: <a>"
//  - "Value must be provided when Exists is <true|null> for Attribute: <a>"
//    ("null" when Exists is absent too)
//  - "Value cannot be used when Exists is false for Attribute: <a>"
//  - any CanonicalizeValue error of a value.
// Note: DynamoDB also refuses a ConditionalOperator given with an empty or
// absent Expected; ExpectedConditions cannot tell an absent operator from
// AND, so that check belongs to whoever parses the request.
absl::StatusOr<Condition> CompileExpected(const ExpectedConditions& expected);

// Compiled AttributeUpdates.
struct CompiledUpdate {
  std::vector<UpdateAction> actions;
  // Whether applying the update to a missing item creates it: false when
  // every action is a DELETE (with or without Value; DynamoDB: "Nothing
  // happens; there is no attribute to delete"), true otherwise, including
  // when there are no actions (a keys-only item is created, as in DynamoDB).
  bool creates_item = true;
};

// Compiles AttributeUpdates into UpdateActions on top-level attributes:
//  - PUT with Value: SET name = Value.
//  - DELETE without Value: REMOVE name. DELETE with a set Value: DELETE
//    (set difference).
//  - ADD with an N or set Value: ADD. ADD with an L Value appends to the
//    list (SET name = list_append(if_not_exists(name, []), Value)), as
//    DynamoDB does for the legacy parameter.
// Errors (after "One or more parameter values were invalid: "):
//  - "Only DELETE action is allowed when no attribute value is specified"
//  - "DELETE action with value is not supported for the type <T>"
//  - "ADD action is not supported for the type <T>"
//  - "Cannot update attribute <k>. This attribute is part of the key"
//  - any CanonicalizeValue error of a value.
absl::StatusOr<CompiledUpdate> CompileAttributeUpdates(
    const std::map<std::string, AttributeValueUpdate>& updates,
    const std::vector<std::string>& key_names);

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_LEGACY_COMPILE_H_
