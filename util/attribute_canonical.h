// Copyright 2026 The tablestream Authors.
//
// Validation and canonical form of attribute values and items, DynamoDB's item
// size, and the order of scalar key values.
//
// A canonical value has its numbers normalized (Number::ToString: "1.50" ->
// "1.5") and its set elements sorted (SS and BS bytewise, NS numerically) and
// unique. On canonical values AttributeValue's operator== is DynamoDB's value
// equality. The engine canonicalizes every value it is given before use.
//
// Errors are ValidationException statuses with DynamoDB's messages (see
// section 7 of reference/dynamodb-streams-semantics.md). When the failing
// value is inside an attribute, the message ends with where it is:
//   ValidationException: One or more parameter values were invalid: An string
//   set  may not be empty in attribute "a.b[2]"
//
// All functions are thread-compatible (they touch only their arguments).

#ifndef TABLESTREAM_UTIL_ATTRIBUTE_CANONICAL_H_
#define TABLESTREAM_UTIL_ATTRIBUTE_CANONICAL_H_

#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tablestream/attribute_value.h"

namespace tablestream {

// DynamoDB's limits.
inline constexpr int64_t kMaxItemSizeBytes = 409600;
inline constexpr int kMaxNestingDepth = 32;
inline constexpr size_t kMaxAttributeNameBytes = 65535;

// Validates `value` as DynamoDB does and returns its canonical form.
// `depth` is the nesting level of `value`, a top-level attribute being level
// 1; the elements of an M or L are one level deeper, and a value deeper than
// 32 is refused. Rules (in dynalite's order for each value):
//  - N: Number::Parse (syntax, range, 38 digits).
//  - S and SS elements, and names inside M: valid UTF-8. Empty S, B and empty
//    set elements are allowed (DynamoDB allows them outside keys).
//  - SS, NS, BS: not empty ("An string set  may not be empty", sic), no
//    duplicates (NS compared numerically, so "1" and "1.0" are duplicates).
//  - Names inside M: as attribute names (1 to 65535 bytes).
//  - Depth: "Nesting Levels have exceeded supported limits: Attributes in the
//    item have nested levels beyond supported limit".
// Does not check sizes.
absl::StatusOr<AttributeValue> CanonicalizeValue(const AttributeValue& value,
                                                 int depth = 1);

// Canonicalizes every attribute of *item in place, and checks each attribute
// name: 1 to 65535 bytes of UTF-8. Does not check sizes or key attributes.
// Note: on error *item may be partly canonicalized; discard it.
absl::Status CanonicalizeItem(Item* item);

// DynamoDB's size of a value in bytes (DG-ItemSize; reference section 1.4):
// S is its UTF-8 bytes, B its raw bytes, N Number::SizeBytes, BOOL and NULL
// 1; L and M are 3 + the sum of their elements + 1 per element, a map
// element counting its name's bytes too; a set is the sum of its elements.
// REQUIRES: value is canonical.
int64_t AttributeValueSize(const AttributeValue& value);
// The sum over attributes of name bytes + AttributeValueSize.
// REQUIRES: every value is canonical.
int64_t ItemSize(const Item& item);

// Orders two canonical scalars of one type: S and B bytewise (unsigned), N
// numerically. Returns <0, 0 or >0. Allocation-free.
// REQUIRES: a.type() == b.type(), one of kS, kN, kB; both canonical.
int CompareScalar(const AttributeValue& a, const AttributeValue& b);

// Whether `s` is well-formed UTF-8: no overlong forms, no surrogates, nothing
// above U+10FFFF.
bool IsValidUtf8(std::string_view s);

}  // namespace tablestream

#endif  // TABLESTREAM_UTIL_ATTRIBUTE_CANONICAL_H_
