// Copyright 2026 The tablestream Authors.
//
// Strict reading of DynamoDB-shaped JSON requests, with DynamoDB's errors.
//
// Json is nlohmann::ordered_json: objects keep their members in insertion
// order, so responses come out in the member order AWS uses (a std::map-based
// nlohmann::json would sort them). A nlohmann::json converts to it implicitly.
//
// Errors follow what DynamoDB (its "Coral" front end) returns:
// - a member of the wrong JSON type is a SerializationException with Coral's
//   text ("class java.lang.Boolean can not be converted to an String"),
//   followed by where it was: " (at 'item.name.S')";
// - a missing required member is a ValidationException: "1 validation error
//   detected: Value null at 'tableName' failed to satisfy constraint: Member
//   must not be null";
// - an enum value outside its set is a ValidationException: "1 validation
//   error detected: Value 'X' at 'keyType' failed to satisfy constraint:
//   Member must satisfy enum value set: [HASH, RANGE]";
// - a member the shape does not have is a ValidationException naming it and
//   the members allowed (where DynamoDB would silently ignore it).
// A member whose value is JSON null counts as absent, as in DynamoDB.
//
// Paths in messages are DynamoDB's: members in lowerCamelCase joined by '.',
// list elements as "<list>.<1-based index>.member", map entries by key.
//
// Everything here is a pure function of its arguments: thread-safe.

#ifndef TABLESTREAM_API_JSON_READER_H_
#define TABLESTREAM_API_JSON_READER_H_

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"

namespace tablestream {
namespace api {

using Json = nlohmann::ordered_json;

// "TableName" -> "tableName".
std::string LowerFirst(std::string_view name);

// SerializationException for `value` (which is not of the kind wanted) where
// a string, boolean, integer, list, map or structure was expected.
absl::Status NotAString(const Json& value, std::string_view path);
absl::Status NotABoolean(const Json& value, std::string_view path);
absl::Status NotAnInteger(const Json& value, std::string_view path);
absl::Status NotAList(const Json& value, std::string_view path);
absl::Status NotAMap(const Json& value, std::string_view path);
absl::Status NotAStructure(const Json& value, std::string_view path);

// The DynamoDB ValidationExceptions described above.
absl::Status MissingMemberError(std::string_view path);
absl::Status EnumValueError(std::string_view value, std::string_view path,
                            const std::vector<std::string>& allowed);

// Scalar conversions. Integers follow Coral: a fraction is dropped and the
// value is clamped to the int range.
absl::StatusOr<std::string> ReadString(const Json& value,
                                       std::string_view path);
absl::StatusOr<bool> ReadBool(const Json& value, std::string_view path);
absl::StatusOr<int> ReadInt(const Json& value, std::string_view path);

// A member that DynamoDB defines but tablestream refuses, with the reason.
struct UnsupportedMember {
  std::string_view name;
  std::string_view reason;
};

// A view of one JSON object of a known shape. Borrows the Json it was made
// from, which must outlive it.
class ObjectReader {
 public:
  // Checks that `value` is an object (SerializationException otherwise) and
  // that each member is in `allowed` (ValidationException otherwise; a member
  // in `unsupported` gets its reason). `shape` names the object in messages
  // ("PutItemRequest"); `path` is its DynamoDB path ("" at the top level).
  static absl::StatusOr<ObjectReader> New(
      const Json& value, std::string_view shape, std::string path,
      std::initializer_list<std::string_view> allowed,
      std::initializer_list<UnsupportedMember> unsupported = {});

  // The member's value, or nullptr when it is absent or null.
  const Json* Find(std::string_view member) const;
  // The DynamoDB path of `member`, e.g. "keySchema.1.member.attributeName".
  std::string PathOf(std::string_view member) const;

  // The member's value; MissingMemberError when absent.
  absl::StatusOr<const Json*> Required(std::string_view member) const;

  absl::StatusOr<std::string> RequiredString(std::string_view member) const;
  absl::StatusOr<std::optional<std::string>> OptionalString(
      std::string_view member) const;
  absl::StatusOr<std::optional<bool>> OptionalBool(
      std::string_view member) const;
  absl::StatusOr<std::optional<int>> OptionalInt(std::string_view member) const;
  // A JSON number (as AWS sends timestamps: epoch seconds).
  absl::StatusOr<std::optional<double>> OptionalDouble(
      std::string_view member) const;

  // A string member that must be one of `allowed` (EnumValueError else).
  absl::StatusOr<std::optional<std::string>> OptionalEnum(
      std::string_view member, const std::vector<std::string>& allowed) const;
  absl::StatusOr<std::string> RequiredEnum(
      std::string_view member, const std::vector<std::string>& allowed) const;

  // A list member of strings, e.g. AttributesToGet. Empty when absent.
  absl::StatusOr<std::vector<std::string>> StringList(
      std::string_view member) const;

 private:
  ObjectReader(const Json* value, std::string path)
      : value_(value), path_(std::move(path)) {}

  const Json* value_;
  std::string path_;
};

// Parses request text. Text that is not JSON is a SerializationException
// saying where the parser stopped.
absl::StatusOr<Json> ParseJson(std::string_view text);

// Renders JSON the way the AWS CLI prints it: `indent` spaces per level (no
// newlines when indent < 0), non-ASCII text as is. Invalid UTF-8 inside a
// string (possible only in values stored through the C++ API) is replaced by
// U+FFFD rather than failing.
std::string FormatJson(const Json& value, int indent = 4);

}  // namespace api
}  // namespace tablestream

#endif  // TABLESTREAM_API_JSON_READER_H_
