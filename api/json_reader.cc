// Copyright 2026 The tablestream Authors.

#include "api/json_reader.h"

#include <climits>
#include <cmath>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tablestream/errors.h"
#include "util/absl_compat.h"

namespace tablestream {
namespace api {
namespace {

// Coral's names for the JSON value it was given.
constexpr char kCoralNumber[] =
    "class com.amazon.coral.value.json.numbers.TruncatingBigNumber";
constexpr char kCoralBoolean[] = "class java.lang.Boolean";
constexpr char kCoralString[] = "class java.lang.String";
constexpr std::string_view kListHere = "Start of list found where not expected";
constexpr std::string_view kMapHere =
    "Start of structure or map found where not expected.";

absl::Status SerializationError(std::string_view coral_text,
                                std::string_view path) {
  if (path.empty()) return MakeError(kSerializationException, coral_text);
  return MakeError(
      kSerializationException,
      absl::StrCat(AsAbsl(coral_text), " (at '", AsAbsl(path), "')"));
}

// The Coral text for a scalar of the wrong kind, `target` being the Java
// type wanted ("String", "Integer", ...).
std::string CannotConvert(const Json& value, std::string_view target_view) {
  absl::string_view target = AsAbsl(target_view);
  const char* article = (target == "Blob") ? "a" : "an";  // sic: "an String"
  if (value.is_number()) {
    return absl::StrCat(kCoralNumber, " can not be converted to ", article, " ",
                        target);
  }
  if (value.is_boolean()) {
    return absl::StrCat(kCoralBoolean, " can not be converted to ", article,
                        " ", target);
  }
  if (value.is_string()) {
    if (target == "Boolean") {
      return absl::StrCat("'", absl::AsciiStrToUpper(value.get<std::string>()),
                          "' can not be converted to an Boolean");
    }
    return absl::StrCat(kCoralString, " can not be converted to ", article, " ",
                        target);
  }
  return "Unexpected JSON value";
}

// The error for a value that should be the scalar `target`.
absl::Status NotScalar(const Json& value, std::string_view target,
                       std::string_view path) {
  if (value.is_array()) return SerializationError(kListHere, path);
  if (value.is_object()) return SerializationError(kMapHere, path);
  return SerializationError(CannotConvert(value, target), path);
}

std::string JoinNames(std::initializer_list<std::string_view> names) {
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace

std::string LowerFirst(std::string_view name) {
  std::string out(name);
  if (!out.empty()) out[0] = absl::ascii_tolower(out[0]);
  return out;
}

absl::Status NotAString(const Json& value, std::string_view path) {
  return NotScalar(value, "String", path);
}

absl::Status NotABoolean(const Json& value, std::string_view path) {
  return NotScalar(value, "Boolean", path);
}

absl::Status NotAnInteger(const Json& value, std::string_view path) {
  return NotScalar(value, "Integer", path);
}

absl::Status NotAList(const Json& value, std::string_view path) {
  if (value.is_object()) return SerializationError(kMapHere, path);
  return SerializationError("Expected list or null", path);
}

absl::Status NotAMap(const Json& value, std::string_view path) {
  if (value.is_array()) return SerializationError(kListHere, path);
  return SerializationError("Expected map or null", path);
}

absl::Status NotAStructure(const Json& value, std::string_view path) {
  if (value.is_array()) return SerializationError(kListHere, path);
  return SerializationError("Expected null", path);
}

absl::Status MissingMemberError(std::string_view path) {
  return ValidationError(
      absl::StrCat("1 validation error detected: Value null at '", AsAbsl(path),
                   "' failed to satisfy constraint: Member must not be null"));
}

absl::Status EnumValueError(std::string_view value, std::string_view path,
                            const std::vector<std::string>& allowed) {
  return ValidationError(absl::StrCat(
      "1 validation error detected: Value '", AsAbsl(value), "' at '",
      AsAbsl(path),
      "' failed to satisfy constraint: Member must satisfy enum value set: [",
      absl::StrJoin(allowed, ", "), "]"));
}

absl::StatusOr<std::string> ReadString(const Json& value,
                                       std::string_view path) {
  if (!value.is_string()) return NotAString(value, path);
  return value.get<std::string>();
}

absl::StatusOr<bool> ReadBool(const Json& value, std::string_view path) {
  if (!value.is_boolean()) return NotABoolean(value, path);
  return value.get<bool>();
}

absl::StatusOr<int> ReadInt(const Json& value, std::string_view path) {
  if (value.is_number_unsigned()) {
    uint64_t v = value.get<uint64_t>();
    return v > static_cast<uint64_t>(INT_MAX) ? INT_MAX : static_cast<int>(v);
  }
  if (value.is_number_integer()) {
    int64_t v = value.get<int64_t>();
    if (v > INT_MAX) return INT_MAX;
    if (v < INT_MIN) return INT_MIN;
    return static_cast<int>(v);
  }
  if (value.is_number_float()) {
    double v = std::floor(value.get<double>());
    if (v > INT_MAX) return INT_MAX;
    if (v < INT_MIN) return INT_MIN;
    return static_cast<int>(v);
  }
  return NotAnInteger(value, path);
}

absl::StatusOr<ObjectReader> ObjectReader::New(
    const Json& value, std::string_view shape, std::string path,
    std::initializer_list<std::string_view> allowed,
    std::initializer_list<UnsupportedMember> unsupported) {
  if (!value.is_object()) {
    if (path.empty()) {
      return MakeError(kSerializationException,
                       absl::StrCat(AsAbsl(shape),
                                    " must be a JSON object, "
                                    "not ",
                                    value.type_name()));
    }
    return NotAStructure(value, path);
  }
  for (const auto& [name, member] : value.items()) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == name;
    if (known) continue;
    for (const UnsupportedMember& u : unsupported) {
      if (u.name == name) {
        return ValidationError(
            absl::StrCat("\"", name, "\" in ", AsAbsl(shape),
                         " is not supported: ", AsAbsl(u.reason)));
      }
    }
    return ValidationError(absl::StrCat("Unknown member \"", name, "\" in ",
                                        AsAbsl(shape),
                                        "; allowed: ", JoinNames(allowed)));
  }
  return ObjectReader(&value, std::move(path));
}

const Json* ObjectReader::Find(std::string_view member) const {
  auto it = value_->find(std::string(member));
  if (it == value_->end() || it->is_null()) return nullptr;
  return &*it;
}

std::string ObjectReader::PathOf(std::string_view member) const {
  if (path_.empty()) return LowerFirst(member);
  return absl::StrCat(path_, ".", LowerFirst(member));
}

absl::StatusOr<const Json*> ObjectReader::Required(
    std::string_view member) const {
  const Json* value = Find(member);
  if (value == nullptr) return MissingMemberError(PathOf(member));
  return value;
}

absl::StatusOr<std::string> ObjectReader::RequiredString(
    std::string_view member) const {
  const Json* value = Find(member);
  if (value == nullptr) return MissingMemberError(PathOf(member));
  return ReadString(*value, PathOf(member));
}

absl::StatusOr<std::optional<std::string>> ObjectReader::OptionalString(
    std::string_view member) const {
  const Json* value = Find(member);
  if (value == nullptr) return std::optional<std::string>();
  absl::StatusOr<std::string> s = ReadString(*value, PathOf(member));
  if (!s.ok()) return s.status();
  return std::optional<std::string>(*std::move(s));
}

absl::StatusOr<std::optional<bool>> ObjectReader::OptionalBool(
    std::string_view member) const {
  const Json* value = Find(member);
  if (value == nullptr) return std::optional<bool>();
  absl::StatusOr<bool> b = ReadBool(*value, PathOf(member));
  if (!b.ok()) return b.status();
  return std::optional<bool>(*b);
}

absl::StatusOr<std::optional<int>> ObjectReader::OptionalInt(
    std::string_view member) const {
  const Json* value = Find(member);
  if (value == nullptr) return std::optional<int>();
  absl::StatusOr<int> i = ReadInt(*value, PathOf(member));
  if (!i.ok()) return i.status();
  return std::optional<int>(*i);
}

absl::StatusOr<std::optional<double>> ObjectReader::OptionalDouble(
    std::string_view member) const {
  const Json* value = Find(member);
  if (value == nullptr) return std::optional<double>();
  if (!value->is_number()) return NotScalar(*value, "Timestamp", PathOf(member));
  return std::optional<double>(value->get<double>());
}

absl::StatusOr<std::optional<std::string>> ObjectReader::OptionalEnum(
    std::string_view member, const std::vector<std::string>& allowed) const {
  absl::StatusOr<std::optional<std::string>> s = OptionalString(member);
  if (!s.ok() || !s->has_value()) return s;
  for (const std::string& a : allowed) {
    if (a == **s) return s;
  }
  return EnumValueError(**s, PathOf(member), allowed);
}

absl::StatusOr<std::string> ObjectReader::RequiredEnum(
    std::string_view member, const std::vector<std::string>& allowed) const {
  absl::StatusOr<std::optional<std::string>> s = OptionalEnum(member, allowed);
  if (!s.ok()) return s.status();
  if (!s->has_value()) return MissingMemberError(PathOf(member));
  return **std::move(s);
}

absl::StatusOr<std::vector<std::string>> ObjectReader::StringList(
    std::string_view member) const {
  std::vector<std::string> out;
  const Json* value = Find(member);
  if (value == nullptr) return out;
  std::string path = PathOf(member);
  if (!value->is_array()) return NotAList(*value, path);
  for (size_t i = 0; i < value->size(); ++i) {
    absl::StatusOr<std::string> s =
        ReadString((*value)[i], absl::StrCat(path, ".", i + 1, ".member"));
    if (!s.ok()) return s.status();
    out.push_back(*std::move(s));
  }
  return out;
}

absl::StatusOr<Json> ParseJson(std::string_view text) {
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::exception& e) {
    // Mostly a parse_error; a number too large for a double ("1e400") is an
    // out_of_range. e.what() reads "[json.exception.parse_error.101] parse
    // error at line 1, column 2: ..."; drop the bracketed id.
    std::string_view what = e.what();
    size_t bracket = what.find("] ");
    if (bracket != std::string_view::npos) what.remove_prefix(bracket + 2);
    return MakeError(
        kSerializationException,
        absl::StrCat("the request is not valid JSON: ", AsAbsl(what)));
  }
}

std::string FormatJson(const Json& value, int indent) {
  return value.dump(indent, ' ', /*ensure_ascii=*/false,
                    Json::error_handler_t::replace);
}

}  // namespace api
}  // namespace tablestream
