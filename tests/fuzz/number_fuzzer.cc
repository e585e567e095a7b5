// Copyright 2026 The tablestream Authors.
//
// Fuzzes util/number.h. The input is two number texts separated by '\n';
// the whole input is also decoded as an ordered key. Checks, for every text
// that parses:
//  - ToString is canonical: it parses back to an equal number with the same
//    text, and NormalizeNumber gives the same text;
//  - CompareCanonicalNumbers on canonical texts agrees with Number::Compare,
//    and Compare is antisymmetric;
//  - the ordered key encoding round-trips, is self-delimiting, and its
//    bytewise order is the numeric order;
//  - Add and Subtract are exact: a + b == b + a, (a + b) - b == a and
//    a - b == -(b - a) whenever the results are in range;
// and that DecodeOrderedKey on arbitrary bytes either fails or accepts
// exactly the canonical encoding of the number it returns.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "tests/fuzz/fuzz_check.h"
#include "util/number.h"

namespace tablestream {
namespace {

int Sign(int v) { return (v > 0) - (v < 0); }

void CheckOne(std::string_view text, const Number& n) {
  const std::string s = n.ToString();
  absl::StatusOr<Number> again = Number::Parse(s);
  FUZZ_CHECK(again.ok(), "canonical text " << s << " of " << text
                                           << " does not parse");
  FUZZ_CHECK(again->ToString() == s && Number::Compare(*again, n) == 0,
             text << " -> " << s << " -> " << again->ToString());
  absl::StatusOr<std::string> normalized = NormalizeNumber(text);
  FUZZ_CHECK(normalized.ok() && *normalized == s, text);

  std::string key;
  n.AppendOrderedKey(&key);
  FUZZ_CHECK(key.size() <= 22, s << " key of " << key.size() << " bytes");
  std::string_view in = key;
  absl::StatusOr<Number> decoded = Number::DecodeOrderedKey(&in);
  FUZZ_CHECK(decoded.ok() && in.empty() && decoded->ToString() == s,
             "ordered key of " << s << " does not round-trip");
}

void CheckPair(const Number& a, const Number& b) {
  const std::string as = a.ToString(), bs = b.ToString();
  const int cmp = Number::Compare(a, b);
  FUZZ_CHECK(cmp == -Number::Compare(b, a), as << " vs " << bs);
  FUZZ_CHECK(Sign(CompareCanonicalNumbers(as, bs)) == cmp,
             "CompareCanonicalNumbers(" << as << ", " << bs << ")");
  FUZZ_CHECK((as == bs) == (cmp == 0), as << " vs " << bs);

  std::string ka, kb;
  a.AppendOrderedKey(&ka);
  b.AppendOrderedKey(&kb);
  FUZZ_CHECK(Sign(ka.compare(kb)) == cmp, "key order of " << as << ", " << bs);
  if (cmp != 0) {
    FUZZ_CHECK(ka.compare(0, kb.size(), kb) != 0 &&
                   kb.compare(0, ka.size(), ka) != 0,
               "one key is a prefix of the other: " << as << ", " << bs);
  }

  absl::StatusOr<Number> sum = Number::Add(a, b);
  absl::StatusOr<Number> sum2 = Number::Add(b, a);
  FUZZ_CHECK(sum.ok() == sum2.ok(), as << " + " << bs);
  if (sum.ok()) {
    FUZZ_CHECK(*sum == *sum2, as << " + " << bs);
    absl::StatusOr<Number> back = Number::Subtract(*sum, b);
    if (back.ok()) {
      FUZZ_CHECK(*back == a, "(" << as << " + " << bs << ") - " << bs
                                 << " = " << back->ToString());
    }
    FUZZ_CHECK(Number::Parse(sum->ToString()).ok(), sum->ToString());
  }
  absl::StatusOr<Number> diff = Number::Subtract(a, b);
  absl::StatusOr<Number> diff2 = Number::Subtract(b, a);
  FUZZ_CHECK(diff.ok() == diff2.ok(), as << " - " << bs);
  if (diff.ok()) {
    absl::StatusOr<Number> zero = Number::Add(*diff, *diff2);
    FUZZ_CHECK(zero.ok() && zero->is_zero(), as << " - " << bs);
  }
}

}  // namespace
}  // namespace tablestream

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using tablestream::Number;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  std::string_view raw = input;
  absl::StatusOr<Number> from_key = Number::DecodeOrderedKey(&raw);
  if (from_key.ok()) {
    std::string key;
    from_key->AppendOrderedKey(&key);
    FUZZ_CHECK(input.substr(0, input.size() - raw.size()) == key,
               "DecodeOrderedKey accepted a non-canonical encoding of "
                   << from_key->ToString());
  }

  const size_t newline = input.find('\n');
  const std::string_view a_text = input.substr(0, newline);
  const std::string_view b_text = newline == std::string_view::npos
                                      ? std::string_view("0")
                                      : input.substr(newline + 1);
  absl::StatusOr<Number> a = Number::Parse(a_text);
  absl::StatusOr<Number> b = Number::Parse(b_text);
  if (a.ok()) tablestream::CheckOne(a_text, *a);
  if (b.ok()) tablestream::CheckOne(b_text, *b);
  if (a.ok() && b.ok()) tablestream::CheckPair(*a, *b);
  return 0;
}
