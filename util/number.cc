// Copyright 2026 The tablestream Authors.

#include "util/number.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "util/absl_compat.h"

namespace tablestream {
namespace {

constexpr char kNotNumeric[] =
    "The parameter cannot be converted to a numeric value";
constexpr char kOverflow[] =
    "Number overflow. Attempting to store a number with magnitude larger than "
    "supported range";
constexpr char kUnderflow[] =
    "Number underflow. Attempting to store a number with magnitude smaller "
    "than supported range";
constexpr char kTooPrecise[] =
    "Attempting to store more than 38 significant digits in a Number";

// Exponents and positions are computed in int64 and clamped here, far outside
// the valid range but far from overflowing, so absurd input stays harmless.
constexpr int64_t kExponentClamp = int64_t{1} << 40;

absl::Status NotNumeric(std::string_view text) {
  if (text.empty()) return ValidationError(kNotNumeric);
  return ValidationError(absl::StrCat(kNotNumeric, ": ", AsAbsl(text)));
}

// Checks the range, then the precision, of a non-zero number with `count`
// significant digits whose leading digit has exponent `exponent`.
absl::Status CheckLimits(int64_t count, int64_t exponent) {
  if (exponent > Number::kMaxExponent) return ValidationError(kOverflow);
  if (exponent < Number::kMinExponent) return ValidationError(kUnderflow);
  if (count > Number::kMaxDigits) return ValidationError(kTooPrecise);
  return absl::OkStatus();
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Ordered key format. Never change: it is stored in item keys.
//   zero:     0x02
//   positive: 0x03, exponent + 130, base-100 pairs as pair + 1, then 0x00
//   negative: 0x01, 125 - exponent, base-100 pairs as 0xFE - pair, then 0xFF
// Pairs start at the leading digit; an odd last digit is padded with 0.
constexpr uint8_t kNegativeTag = 0x01;
constexpr uint8_t kZeroTag = 0x02;
constexpr uint8_t kPositiveTag = 0x03;
constexpr uint8_t kPositiveEnd = 0x00;
constexpr uint8_t kNegativeEnd = 0xFF;

absl::Status CorruptKey(std::string_view why) {
  return MakeError(kInternalServerError,
                   absl::StrCat("corrupt ordered number key: ", AsAbsl(why)));
}

}  // namespace

absl::StatusOr<Number> Number::Parse(std::string_view text) {
  const size_t n = text.size();
  size_t i = 0;
  bool negative = false;
  if (i < n && (text[i] == '+' || text[i] == '-')) {
    negative = text[i] == '-';
    ++i;
  }
  const size_t mantissa_begin = i;
  bool seen_dot = false;
  int64_t num_digits = 0;  // digits in the mantissa, dot excluded
  int64_t int_digits = 0;  // of which before the dot
  int64_t first_nonzero = -1;
  int64_t last_nonzero = -1;
  for (; i < n; ++i) {
    const char c = text[i];
    if (IsDigit(c)) {
      if (c != '0') {
        if (first_nonzero < 0) first_nonzero = num_digits;
        last_nonzero = num_digits;
      }
      ++num_digits;
      if (!seen_dot) ++int_digits;
    } else if (c == '.' && !seen_dot) {
      seen_dot = true;
    } else {
      break;
    }
  }
  const size_t mantissa_end = i;
  if (num_digits == 0) return NotNumeric(text);

  int64_t exp = 0;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) {
      exp_negative = text[i] == '-';
      ++i;
    }
    if (i == n) return NotNumeric(text);
    for (; i < n && IsDigit(text[i]); ++i) {
      exp = std::min(exp * 10 + (text[i] - '0'), kExponentClamp);
    }
    if (exp_negative) exp = -exp;
  }
  if (i != n) return NotNumeric(text);
  if (first_nonzero < 0) return Number();

  const int64_t exponent = int_digits - 1 - first_nonzero + exp;
  const int64_t count = last_nonzero - first_nonzero + 1;
  if (absl::Status s = CheckLimits(count, exponent); !s.ok()) return s;

  Number number;
  number.negative_ = negative;
  number.exponent_ = static_cast<int16_t>(exponent);
  number.num_digits_ = static_cast<uint8_t>(count);
  int64_t seq = 0;
  int out = 0;
  for (size_t j = mantissa_begin; j < mantissa_end && out < count; ++j) {
    if (text[j] == '.') continue;
    if (seq++ >= first_nonzero) number.digits_[out++] = text[j];
  }
  return number;
}

Number Number::FromInt64(int64_t v) {
  Number number;
  if (v == 0) return number;
  number.negative_ = v < 0;
  // Two's complement negation in uint64 handles INT64_MIN.
  uint64_t magnitude =
      v < 0 ? ~static_cast<uint64_t>(v) + 1 : static_cast<uint64_t>(v);
  char buf[20];
  int len = 0;
  while (magnitude > 0) {
    buf[len++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  }
  int trailing_zeros = 0;
  while (buf[trailing_zeros] == '0') ++trailing_zeros;
  number.exponent_ = static_cast<int16_t>(len - 1);
  number.num_digits_ = static_cast<uint8_t>(len - trailing_zeros);
  for (int k = 0; k < number.num_digits_; ++k) {
    number.digits_[k] = buf[len - 1 - k];
  }
  return number;
}

std::string Number::ToString() const {
  std::string out;
  AppendTo(&out);
  return out;
}

void Number::AppendTo(std::string* out) const {
  if (is_zero()) {
    out->push_back('0');
    return;
  }
  if (negative_) out->push_back('-');
  const int n = num_digits_;
  if (exponent_ >= 0) {
    const int int_len = exponent_ + 1;
    if (n <= int_len) {
      out->append(digits_, n);
      out->append(int_len - n, '0');
    } else {
      out->append(digits_, int_len);
      out->push_back('.');
      out->append(digits_ + int_len, n - int_len);
    }
  } else {
    out->append("0.");
    out->append(-exponent_ - 1, '0');
    out->append(digits_, n);
  }
}

namespace {

// Compares the magnitudes of two non-zero numbers given as digits and leading
// exponents.
int CompareMagnitude(const char* a, int na, int ea, const char* b, int nb,
                     int eb) {
  if (ea != eb) return ea < eb ? -1 : 1;
  const int c = std::memcmp(a, b, std::min(na, nb));
  if (c != 0) return c < 0 ? -1 : 1;
  // Equal prefixes: the longer has more non-zero digits, so is larger.
  return na == nb ? 0 : (na < nb ? -1 : 1);
}

int Signum(bool zero, bool negative) { return zero ? 0 : (negative ? -1 : 1); }

}  // namespace

int Number::Compare(const Number& a, const Number& b) {
  const int sa = Signum(a.is_zero(), a.negative_);
  const int sb = Signum(b.is_zero(), b.negative_);
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  const int mag = CompareMagnitude(a.digits_, a.num_digits_, a.exponent_,
                                   b.digits_, b.num_digits_, b.exponent_);
  return sa > 0 ? mag : -mag;
}

absl::StatusOr<Number> Number::FromDigits(bool negative, const uint8_t* digits,
                                          int count, int64_t exponent) {
  int begin = 0;
  while (begin < count && digits[begin] == 0) ++begin;
  if (begin == count) return Number();
  int end = count;
  while (digits[end - 1] == 0) --end;
  exponent -= begin;
  if (absl::Status s = CheckLimits(end - begin, exponent); !s.ok()) return s;
  Number number;
  number.negative_ = negative;
  number.exponent_ = static_cast<int16_t>(exponent);
  number.num_digits_ = static_cast<uint8_t>(end - begin);
  for (int k = begin; k < end; ++k) {
    number.digits_[k - begin] = static_cast<char>('0' + digits[k]);
  }
  return number;
}

absl::StatusOr<Number> Number::Add(const Number& a, const Number& b) {
  if (b.is_zero()) return a;
  if (a.is_zero()) return b;
  // Lay both out in one digit buffer, position 0 holding exponent `top`.
  // Widest case: a carry above 1E125 down to the last digit of a 38-digit
  // number led by 1E-130, 294 positions.
  constexpr int kWidth =
      (kMaxExponent + 1) - (kMinExponent - kMaxDigits + 1) + 1;
  const int top = std::max<int>(a.exponent_, b.exponent_) + 1;
  const int low_a = a.exponent_ - a.num_digits_ + 1;
  const int low_b = b.exponent_ - b.num_digits_ + 1;
  const int width = top - std::min(low_a, low_b) + 1;
  uint8_t x[kWidth] = {};
  uint8_t y[kWidth] = {};
  for (int k = 0; k < a.num_digits_; ++k) {
    x[top - a.exponent_ + k] = static_cast<uint8_t>(a.digits_[k] - '0');
  }
  for (int k = 0; k < b.num_digits_; ++k) {
    y[top - b.exponent_ + k] = static_cast<uint8_t>(b.digits_[k] - '0');
  }
  bool negative = a.negative_;
  if (a.negative_ == b.negative_) {
    int carry = 0;
    for (int k = width - 1; k >= 0; --k) {
      const int sum = x[k] + y[k] + carry;
      x[k] = static_cast<uint8_t>(sum % 10);
      carry = sum / 10;
    }
  } else {
    const int mag = CompareMagnitude(a.digits_, a.num_digits_, a.exponent_,
                                     b.digits_, b.num_digits_, b.exponent_);
    if (mag == 0) return Number();
    if (mag < 0) {
      std::swap(x, y);
      negative = b.negative_;
    }
    int borrow = 0;
    for (int k = width - 1; k >= 0; --k) {
      int diff = x[k] - y[k] - borrow;
      borrow = diff < 0;
      if (borrow) diff += 10;
      x[k] = static_cast<uint8_t>(diff);
    }
  }
  return FromDigits(negative, x, width, top);
}

absl::StatusOr<Number> Number::Subtract(const Number& a, const Number& b) {
  Number negated = b;
  if (!negated.is_zero()) negated.negative_ = !negated.negative_;
  return Add(a, negated);
}

void Number::AppendOrderedKey(std::string* out) const {
  if (is_zero()) {
    out->push_back(static_cast<char>(kZeroTag));
    return;
  }
  char buf[2 + (kMaxDigits + 1) / 2 + 1];
  int len = 0;
  buf[len++] = static_cast<char>(negative_ ? kNegativeTag : kPositiveTag);
  buf[len++] = static_cast<char>(negative_ ? kMaxExponent - exponent_
                                           : exponent_ - kMinExponent);
  for (int k = 0; k < num_digits_; k += 2) {
    const int hi = digits_[k] - '0';
    const int lo = k + 1 < num_digits_ ? digits_[k + 1] - '0' : 0;
    const int pair = hi * 10 + lo;
    buf[len++] = static_cast<char>(negative_ ? 0xFE - pair : pair + 1);
  }
  buf[len++] = static_cast<char>(negative_ ? kNegativeEnd : kPositiveEnd);
  out->append(buf, len);
}

absl::StatusOr<Number> Number::DecodeOrderedKey(std::string_view* in) {
  const std::string_view s = *in;
  if (s.empty()) return CorruptKey("empty");
  const uint8_t tag = static_cast<uint8_t>(s[0]);
  if (tag == kZeroTag) {
    in->remove_prefix(1);
    return Number();
  }
  if (tag != kNegativeTag && tag != kPositiveTag) return CorruptKey("bad tag");
  if (s.size() < 2) return CorruptKey("truncated");
  Number number;
  number.negative_ = tag == kNegativeTag;
  const int e = static_cast<uint8_t>(s[1]);
  number.exponent_ = static_cast<int16_t>(number.negative_ ? kMaxExponent - e
                                                           : e + kMinExponent);
  if (number.exponent_ > kMaxExponent || number.exponent_ < kMinExponent) {
    return CorruptKey("exponent out of range");
  }
  const uint8_t end = number.negative_ ? kNegativeEnd : kPositiveEnd;
  size_t pos = 2;
  int n = 0;
  for (;; ++pos) {
    if (pos >= s.size()) return CorruptKey("truncated");
    const uint8_t byte = static_cast<uint8_t>(s[pos]);
    if (byte == end) break;
    const int pair = number.negative_ ? 0xFE - byte : byte - 1;
    if (pair < 0 || pair > 99) return CorruptKey("bad digit pair");
    if (n == kMaxDigits) return CorruptKey("too many digits");
    number.digits_[n++] = static_cast<char>('0' + pair / 10);
    number.digits_[n++] = static_cast<char>('0' + pair % 10);
  }
  if (n == 0) return CorruptKey("no digits");
  // Drop the padding of an odd count; the digits must then be canonical.
  if (number.digits_[n - 1] == '0') number.digits_[--n] = '\0';
  if (number.digits_[0] == '0' || number.digits_[n - 1] == '0') {
    return CorruptKey("non-canonical digits");
  }
  number.num_digits_ = static_cast<uint8_t>(n);
  in->remove_prefix(pos + 1);
  return number;
}

int64_t Number::SizeBytes() const {
  if (is_zero()) return 1;
  const int d = num_digits_;
  const bool both_even = d % 2 == 0 && exponent_ % 2 == 0;
  return 1 + (d + 1) / 2 + (both_even ? 1 : 0) + (negative_ ? 1 : 0);
}

absl::StatusOr<std::string> NormalizeNumber(std::string_view text) {
  absl::StatusOr<Number> number = Number::Parse(text);
  if (!number.ok()) return number.status();
  return number->ToString();
}

int CompareCanonicalNumbers(std::string_view a, std::string_view b) {
  const bool neg_a = !a.empty() && a[0] == '-';
  const bool neg_b = !b.empty() && b[0] == '-';
  if (neg_a != neg_b) return neg_a ? -1 : 1;
  if (neg_a) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  // Canonical non-negative texts: the one with the longer integer part is
  // larger; with equal integer part lengths the dots align, so bytewise order
  // is numeric order ("0" < "0.01" < "0.1" < "1" < "1.5"; no trailing zeros).
  const size_t int_a = std::min(a.find('.'), a.size());
  const size_t int_b = std::min(b.find('.'), b.size());
  int c;
  if (int_a != int_b) {
    c = int_a < int_b ? -1 : 1;
  } else {
    c = a.compare(b);
    c = c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return neg_a ? -c : c;
}

}  // namespace tablestream
