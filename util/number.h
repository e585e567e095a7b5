// Copyright 2026 The tablestream Authors.
//
// Number is an exact DynamoDB number: zero, or a sign, 1 to 38 significant
// decimal digits and a decimal exponent, with a magnitude between 1E-130 and
// 9.9999999999999999999999999999999999999E+125. It holds its digits inline,
// so copying, comparing and encoding a Number never allocate.
//
// A Number is a plain value type: copyable, and safe to share between threads
// as long as nobody mutates it.
//
// Errors are ValidationException statuses (tablestream/errors.h) with
// DynamoDB's own messages, e.g.
//   ValidationException: Number overflow. Attempting to store a number with
//   magnitude larger than supported range

#ifndef TABLESTREAM_UTIL_NUMBER_H_
#define TABLESTREAM_UTIL_NUMBER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tablestream {

class Number {
 public:
  // DynamoDB's limits.
  static constexpr int kMaxDigits = 38;
  static constexpr int kMaxExponent = 125;   // of the leading digit
  static constexpr int kMinExponent = -130;  // of the leading digit

  // Zero.
  Number() = default;

  // Parses DynamoDB number text: an optional sign, digits with an optional
  // '.', and an optional e/E exponent with an optional sign ("-1.5e3", ".5",
  // "5.", "+7"). No spaces, no hexadecimal, no Infinity or NaN. Leading and
  // trailing zeros are trimmed. Errors, checked in this order (dynalite's):
  //   not a number: "The parameter cannot be converted to a numeric value: <v>"
  //     (empty text: "The parameter cannot be converted to a numeric value")
  //   too large:   "Number overflow. Attempting to store a number with
  //                 magnitude larger than supported range"
  //   too small:   "Number underflow. Attempting to store a number with
  //                 magnitude smaller than supported range"
  //   >38 digits:  "Attempting to store more than 38 significant digits in a
  //                 Number"
  static absl::StatusOr<Number> Parse(std::string_view text);

  static Number FromInt64(int64_t v);

  // The canonical text, in plain decimal notation, never with an exponent:
  // "0", "-1.5", "100", "0.001". "-0" is "0". Canonical texts of equal numbers
  // are equal, and Parse(ToString()) gives back the same Number.
  std::string ToString() const;
  // Appends ToString() to *out.
  void AppendTo(std::string* out) const;

  bool is_zero() const { return num_digits_ == 0; }
  bool negative() const { return negative_; }
  // The number of significant digits: 0 for zero, else 1..38.
  int num_digits() const { return num_digits_; }
  // The decimal exponent of the leading digit (1.5 -> 0, 150 -> 2,
  // 0.015 -> -2); 0 for zero.
  int exponent() const { return exponent_; }

  // -1, 0 or 1 as a is numerically less than, equal to or greater than b.
  static int Compare(const Number& a, const Number& b);

  // The exact sum or difference. A result that needs more than 38 significant
  // digits, or is out of range, is refused with the same ValidationException
  // as Parse gives.
  static absl::StatusOr<Number> Add(const Number& a, const Number& b);
  static absl::StatusOr<Number> Subtract(const Number& a, const Number& b);

  // Appends an order-preserving, self-delimiting encoding of this number:
  // the bytewise (memcmp) order of encodings is the numeric order, equal
  // numbers encode identically, and an encoding is never a prefix of another.
  // At most 22 bytes. The format is stored in keys: never change it.
  void AppendOrderedKey(std::string* out) const;
  // Decodes one encoding from the front of *in and advances *in past it.
  // Corrupt input gives an InternalServerError status.
  static absl::StatusOr<Number> DecodeOrderedKey(std::string_view* in);

  // DynamoDB's size of the number in bytes, for item sizes. DynamoDB
  // documents it only as "approximately 1 byte per two significant digits,
  // plus 1". We use dynalite's empirically derived rule, which is exact to
  // state: 1 byte, plus 1 byte per base-100 digit when the significant digits
  // are grouped in pairs aligned on the decimal point, plus 1 byte for a
  // negative number; zero is 1 byte. Equivalently, with d digits and leading
  // exponent e: 1 + ceil(d/2) + (d even and e even ? 1 : 0) + (negative ? 1 :
  // 0). So 15 and 1.2 are 2 and 3 bytes; 123 and 12.3 are 3 bytes.
  int64_t SizeBytes() const;

  friend bool operator==(const Number& a, const Number& b) {
    return Compare(a, b) == 0;
  }
  friend bool operator!=(const Number& a, const Number& b) {
    return Compare(a, b) != 0;
  }
  friend bool operator<(const Number& a, const Number& b) {
    return Compare(a, b) < 0;
  }

 private:
  // Builds a number from `count` digit values (0..9, most significant first)
  // whose leading digit has exponent `exponent`; trims zeros and checks range
  // and precision.
  static absl::StatusOr<Number> FromDigits(bool negative, const uint8_t* digits,
                                           int count, int64_t exponent);

  // Digits as ASCII '0'..'9'; digits_[0] and digits_[num_digits_ - 1] are
  // not '0'. Unused entries are '\0'.
  char digits_[kMaxDigits] = {};
  uint8_t num_digits_ = 0;
  bool negative_ = false;
  int16_t exponent_ = 0;
};

// Parse + ToString: the canonical text of DynamoDB number text.
absl::StatusOr<std::string> NormalizeNumber(std::string_view text);

// Number::Compare of two canonical texts, without parsing or allocating.
// REQUIRES: a and b are canonical (Number::ToString() output).
int CompareCanonicalNumbers(std::string_view a, std::string_view b);

}  // namespace tablestream

#endif  // TABLESTREAM_UTIL_NUMBER_H_
