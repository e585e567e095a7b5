// Copyright 2026 The tablestream Authors.
//
// DynamoDB JSON for attribute values and items:
//
//   {"S":"x"}  {"N":"1.5"}  {"B":"AAEC"}  {"BOOL":true}  {"NULL":true}
//   {"M":{"a":{"S":"x"}}}  {"L":[{"N":"1"}]}
//   {"SS":["a"]}  {"NS":["1"]}  {"BS":["AQ=="]}
//
// Numbers travel as JSON strings; binaries as standard padded base64. Parsing
// checks the JSON shape only. The engine validates the values themselves
// (number syntax and range, empty or duplicate set elements, key sizes,
// nesting) and refuses bad ones with DynamoDB's messages.
//
// Parse errors, as DynamoDB reports them:
// - no type member: ValidationException "Supplied AttributeValue is empty,
//   must contain exactly one of the supported datatypes";
// - several: ValidationException "Supplied AttributeValue has more than one
//   datatypes set, must contain exactly one of the supported datatypes";
// - {"NULL":false}: ValidationException "One or more parameter values were
//   invalid: Null attribute value types must have the value of true";
// - a member of the wrong JSON type ({"N":5}, {"BOOL":"yes"}, {"L":{}}) or
//   base64 that is not canonical: SerializationException;
// - a member that is not a type name ({"s":"x"}): ValidationException naming
//   it (DynamoDB would ignore it and then call the value empty).
//
// Pure functions: thread-safe.

#ifndef TABLESTREAM_API_ATTRIBUTE_JSON_H_
#define TABLESTREAM_API_ATTRIBUTE_JSON_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "api/json_reader.h"
#include "tablestream/attribute_value.h"

namespace tablestream {
namespace api {

// `path` names the value in error messages, e.g. "item.address".
absl::StatusOr<AttributeValue> AttributeValueFromJson(const Json& json,
                                                      std::string_view path);
// An object mapping attribute names to attribute values (Item, Key,
// ExclusiveStartKey, an M's contents).
absl::StatusOr<Item> ItemFromJson(const Json& json, std::string_view path);

Json AttributeValueToJson(const AttributeValue& value);
Json ItemToJson(const Item& item);

// Standard base64 with padding, as DynamoDB sends B and BS.
std::string EncodeBase64(std::string_view bytes);
// Accepts exactly what EncodeBase64 produces (DynamoDB refuses the rest);
// SerializationException with Coral's text otherwise.
absl::StatusOr<std::string> DecodeBase64(std::string_view text,
                                         std::string_view path);

}  // namespace api
}  // namespace tablestream

#endif  // TABLESTREAM_API_ATTRIBUTE_JSON_H_
