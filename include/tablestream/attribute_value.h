// Copyright 2026 The tablestream Authors.
//
// AttributeValue is one DynamoDB attribute value: S, N, B, BOOL, NULL, M, L,
// SS, NS or BS. An Item maps attribute names to values.
//
// An AttributeValue is a plain value type: copyable, comparable, and safe to
// share between threads as long as nobody mutates it.
//
// Values built by the factories are not validated; the engine validates every
// value it is given (number syntax and range, set rules, nesting, sizes) and
// refuses a bad one with a ValidationException before writing anything.
// Values returned by the engine are canonical: numbers are normalized
// ("1.50" -> "1.5", "-0" -> "0") and set elements are sorted (strings and
// binaries bytewise, numbers numerically), so operator== on two values read
// from the engine is value equality.

#ifndef TABLESTREAM_ATTRIBUTE_VALUE_H_
#define TABLESTREAM_ATTRIBUTE_VALUE_H_

#include <map>
#include <string>
#include <vector>

namespace tablestream {

// The ten DynamoDB types. The enum values are stored on disk: never renumber.
enum class AttributeType {
  kS = 1,
  kN = 2,
  kB = 3,
  kBool = 4,
  kNull = 5,
  kM = 6,
  kL = 7,
  kSS = 8,
  kNS = 9,
  kBS = 10,
};

// "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS".
const char* AttributeTypeName(AttributeType type);

class AttributeValue;

// An item (or a map value): attribute name -> value, ordered by name.
using Item = std::map<std::string, AttributeValue>;

class AttributeValue {
 public:
  // A NULL value.
  AttributeValue();

  static AttributeValue S(std::string s);
  // `n` is the decimal text of a number, e.g. "42", "-1.5e10".
  static AttributeValue N(std::string n);
  // `bytes` are the raw bytes (not base64).
  static AttributeValue B(std::string bytes);
  static AttributeValue Bool(bool b);
  static AttributeValue Null();
  static AttributeValue M(Item m);
  static AttributeValue L(std::vector<AttributeValue> l);
  static AttributeValue SS(std::vector<std::string> ss);
  static AttributeValue NS(std::vector<std::string> ns);
  static AttributeValue BS(std::vector<std::string> bs);

  AttributeType type() const { return type_; }

  // REQUIRES: type() is kS, kN or kB. The string, the number's text, or the
  // raw bytes.
  const std::string& scalar() const { return scalar_; }
  // REQUIRES: type() == kBool.
  bool boolean() const { return boolean_; }
  // REQUIRES: type() == kM.
  const Item& map() const { return map_; }
  Item& mutable_map() { return map_; }
  // REQUIRES: type() == kL.
  const std::vector<AttributeValue>& list() const { return list_; }
  std::vector<AttributeValue>& mutable_list() { return list_; }
  // REQUIRES: type() is kSS, kNS or kBS. Elements as text (NS) or raw bytes.
  const std::vector<std::string>& set() const { return set_; }
  std::vector<std::string>& mutable_set() { return set_; }

  // Structural equality. On canonical values (see above) this is DynamoDB's
  // value equality.
  friend bool operator==(const AttributeValue& a, const AttributeValue& b);
  friend bool operator!=(const AttributeValue& a, const AttributeValue& b) {
    return !(a == b);
  }

  // A short human-readable rendering for messages and test output, e.g.
  // {"N":"1.5"}. Not DynamoDB JSON for binaries (bytes are escaped).
  std::string DebugString() const;

 private:
  AttributeType type_ = AttributeType::kNull;
  bool boolean_ = true;
  std::string scalar_;
  Item map_;
  std::vector<AttributeValue> list_;
  std::vector<std::string> set_;
};

}  // namespace tablestream

#endif  // TABLESTREAM_ATTRIBUTE_VALUE_H_
