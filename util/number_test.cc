// Copyright 2026 The tablestream Authors.

#include "util/number.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tablestream/errors.h"

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

std::string Norm(std::string_view text) {
  absl::StatusOr<std::string> s = NormalizeNumber(text);
  EXPECT_TRUE(s.ok()) << text << ": " << s.status();
  return s.ok() ? *s : "<error>";
}

Number N(std::string_view text) {
  absl::StatusOr<Number> n = Number::Parse(text);
  EXPECT_TRUE(n.ok()) << text << ": " << n.status();
  return n.ok() ? *n : Number();
}

// The ValidationException message Parse gives for `text`, or "OK".
std::string ParseError(std::string_view text) {
  absl::StatusOr<Number> n = Number::Parse(text);
  if (n.ok()) return "OK";
  EXPECT_EQ(ExceptionName(n.status()), kValidationException) << text;
  EXPECT_EQ(n.status().code(), absl::StatusCode::kInvalidArgument);
  return ErrorMessage(n.status());
}

std::string Repeat(char c, int n) { return std::string(n, c); }

TEST(NumberTest, DefaultIsZero) {
  Number zero;
  EXPECT_TRUE(zero.is_zero());
  EXPECT_FALSE(zero.negative());
  EXPECT_EQ(zero.ToString(), "0");
  EXPECT_EQ(zero.num_digits(), 0);
}

TEST(NumberTest, NormalizesPlainDecimal) {
  EXPECT_EQ(Norm("0"), "0");
  EXPECT_EQ(Norm("-0"), "0");
  EXPECT_EQ(Norm("+0"), "0");
  EXPECT_EQ(Norm("-0.000e5"), "0");
  EXPECT_EQ(Norm("0e999999999999999999999"), "0");
  EXPECT_EQ(Norm("00.100"), "0.1");
  EXPECT_EQ(Norm(".5"), "0.5");
  EXPECT_EQ(Norm("5."), "5");
  EXPECT_EQ(Norm("-.5"), "-0.5");
  EXPECT_EQ(Norm("+7"), "7");
  EXPECT_EQ(Norm("1.50"), "1.5");
  EXPECT_EQ(Norm("-1.5"), "-1.5");
  EXPECT_EQ(Norm("100"), "100");
  EXPECT_EQ(Norm("0100"), "100");
  EXPECT_EQ(Norm("0.001"), "0.001");
  EXPECT_EQ(Norm("1.5e-3"), "0.0015");
  EXPECT_EQ(Norm("1.5E3"), "1500");
  EXPECT_EQ(Norm("1.5e+3"), "1500");
  EXPECT_EQ(Norm("12.345e1"), "123.45");
  EXPECT_EQ(Norm("12.345e-1"), "1.2345");
  EXPECT_EQ(Norm("0.00012300e4"), "1.23");
  EXPECT_EQ(Norm("1000e-3"), "1");
  EXPECT_EQ(Norm("1e0"), "1");
  EXPECT_EQ(Norm("1e-0"), "1");
  EXPECT_EQ(Norm("1e007"), "10000000");
  EXPECT_EQ(Norm("101"), "101");
  EXPECT_EQ(Norm("-1010.0100"), "-1010.01");
  EXPECT_EQ(Norm("1e125"), "1" + Repeat('0', 125));
  EXPECT_EQ(Norm("1e-130"), "0." + Repeat('0', 129) + "1");
  EXPECT_EQ(Norm("-1e-130"), "-0." + Repeat('0', 129) + "1");
}

TEST(NumberTest, NumberOfDigitsAndExponent) {
  Number n = N("-0.0150");
  EXPECT_TRUE(n.negative());
  EXPECT_EQ(n.num_digits(), 2);
  EXPECT_EQ(n.exponent(), -2);
  n = N("150");
  EXPECT_EQ(n.num_digits(), 2);
  EXPECT_EQ(n.exponent(), 2);
}

TEST(NumberTest, RefusesUnparseableText) {
  EXPECT_EQ(ParseError(""), kNotNumeric);
  for (const char* bad :
       {"+",   "-",     ".",     "+.",   "1e",       "1e+",   "1e-",
        "e5",  ".e5",   " 1",    "1 ",   "1..2",     "1.2.3", "--1",
        "+-1", "1e5.5", "1e5e5", "0x10", "Infinity", "NaN",   "1,5",
        "abc", "b",     "1_000", "١"}) {
    EXPECT_EQ(ParseError(bad), std::string(kNotNumeric) + ": " + bad) << bad;
  }
}

TEST(NumberTest, Precision38DigitsAccepted39Refused) {
  const std::string d38 = "12345678901234567890123456789012345678";
  ASSERT_EQ(d38.size(), 38u);
  EXPECT_EQ(Norm(d38), d38);
  EXPECT_EQ(Norm("-0.000" + d38), "-0.000" + d38);
  EXPECT_EQ(Norm(d38 + "000000"),
            d38 + "000000");          // trailing zeros don't count
  EXPECT_EQ(Norm("000" + d38), d38);  // nor do leading ones
  EXPECT_EQ(ParseError(d38 + "9"), kTooPrecise);
  EXPECT_EQ(ParseError("123456789012345678901234567890123456789"), kTooPrecise);
  EXPECT_EQ(ParseError("-1.23456789012345678901234567890123456789"),
            kTooPrecise);
  // Interior zeros count.
  EXPECT_EQ(ParseError("1" + Repeat('0', 37) + "1"), kTooPrecise);
  EXPECT_EQ(Norm("1" + Repeat('0', 36) + "1"), "1" + Repeat('0', 36) + "1");
}

TEST(NumberTest, RangeLimits) {
  EXPECT_EQ(ParseError("1e-130"), "OK");
  EXPECT_EQ(ParseError("-1e-130"), "OK");
  EXPECT_EQ(ParseError("9.9e-130"), "OK");
  EXPECT_EQ(ParseError("1e-131"), kUnderflow);
  EXPECT_EQ(ParseError("-1e-131"), kUnderflow);
  EXPECT_EQ(ParseError("0.99e-130"), kUnderflow);
  const std::string max = "9." + Repeat('9', 37) + "E+125";
  EXPECT_EQ(ParseError(max), "OK");
  EXPECT_EQ(ParseError("-" + max), "OK");
  EXPECT_EQ(Norm(max), Repeat('9', 38) + Repeat('0', 88));
  EXPECT_EQ(ParseError("1e126"), kOverflow);
  EXPECT_EQ(ParseError("-1e126"), kOverflow);
  EXPECT_EQ(ParseError("10e125"), kOverflow);
  EXPECT_EQ(ParseError("1" + Repeat('0', 126)), kOverflow);
  EXPECT_EQ(ParseError("1e99999999999999999999999999"), kOverflow);
  EXPECT_EQ(ParseError("1e-99999999999999999999999999"), kUnderflow);
  // dynalite's order: range before precision.
  EXPECT_EQ(ParseError(Repeat('1', 39) + "e200"), kOverflow);
  EXPECT_EQ(ParseError(Repeat('1', 39) + "e-200"), kUnderflow);
}

TEST(NumberTest, LongTextWithFewDigits) {
  std::string text = "0." + Repeat('0', 100000) + "1e100005";
  EXPECT_EQ(Norm(text), "10000");
}

TEST(NumberTest, FromInt64) {
  EXPECT_EQ(Number::FromInt64(0).ToString(), "0");
  EXPECT_EQ(Number::FromInt64(1).ToString(), "1");
  EXPECT_EQ(Number::FromInt64(-1).ToString(), "-1");
  EXPECT_EQ(Number::FromInt64(1000).ToString(), "1000");
  EXPECT_EQ(Number::FromInt64(-1230).ToString(), "-1230");
  EXPECT_EQ(Number::FromInt64(std::numeric_limits<int64_t>::max()).ToString(),
            "9223372036854775807");
  EXPECT_EQ(Number::FromInt64(std::numeric_limits<int64_t>::min()).ToString(),
            "-9223372036854775808");
  EXPECT_EQ(Number::FromInt64(1000), N("1e3"));
}

TEST(NumberTest, Compare) {
  const std::vector<std::string> ascending = {
      "-1e125",    "-100",    "-10.5", "-10",    "-9.99", "-1",  "-0.5",
      "-0.05",     "-1e-130", "0",     "1e-130", "0.05",  "0.5", "1",
      "1.0000001", "9.99",    "10",    "10.5",   "11",    "100", "1e125"};
  for (size_t i = 0; i < ascending.size(); ++i) {
    for (size_t j = 0; j < ascending.size(); ++j) {
      const int want = i < j ? -1 : (i > j ? 1 : 0);
      Number a = N(ascending[i]);
      Number b = N(ascending[j]);
      EXPECT_EQ(Number::Compare(a, b), want)
          << ascending[i] << " vs " << ascending[j];
      std::string ca = a.ToString();
      std::string cb = b.ToString();
      EXPECT_EQ(CompareCanonicalNumbers(ca, cb), want) << ca << " vs " << cb;
    }
  }
  EXPECT_EQ(Number::Compare(N("1.0"), N("1")), 0);
  EXPECT_EQ(Number::Compare(N("-0"), N("0")), 0);
  EXPECT_TRUE(N("1.50") == N("1.5"));
  EXPECT_TRUE(N("2") != N("1.5"));
}

struct Arith {
  const char* a;
  const char* b;
  const char* sum;  // exact a + b, or an error message
};

TEST(NumberTest, Add) {
  const std::vector<Arith> cases = {
      {"0", "0", "0"},
      {"1", "0", "1"},
      {"0", "-2.5", "-2.5"},
      {"1", "2", "3"},
      {"9", "1", "10"},          // carry
      {"99.99", "0.01", "100"},  // carry through the dot
      {"999", "1", "1000"},
      {"1.5", "-1.5", "0"},  // cancellation to zero
      {"-1.5", "1.5", "0"},
      {"1", "-3", "-2"},  // sign change
      {"-1", "3", "2"},
      {"-5", "-7.25", "-12.25"},
      {"100", "-0.001", "99.999"},  // borrows
      {"1000", "-1", "999"},
      {"0.1", "0.2", "0.3"},  // exact, unlike binary floats
      {"1.0000000000000000000000000000000000001",
       "-0.0000000000000000000000000000000000001", "1"},
      {"12345678901234567890123456789012345678",
       "-12345678901234567890123456789012345677", "1"},
  };
  for (const Arith& c : cases) {
    absl::StatusOr<Number> sum = Number::Add(N(c.a), N(c.b));
    ASSERT_TRUE(sum.ok()) << c.a << " + " << c.b << ": " << sum.status();
    EXPECT_EQ(sum->ToString(), c.sum) << c.a << " + " << c.b;
    absl::StatusOr<Number> swapped = Number::Add(N(c.b), N(c.a));
    ASSERT_TRUE(swapped.ok());
    EXPECT_EQ(swapped->ToString(), c.sum) << c.b << " + " << c.a;
  }
  absl::StatusOr<Number> tiny = Number::Add(N("1e-130"), N("1e-130"));
  ASSERT_TRUE(tiny.ok());
  EXPECT_EQ(*tiny, N("2e-130"));
  absl::StatusOr<Number> huge = Number::Add(N("1e125"), N("1e125"));
  ASSERT_TRUE(huge.ok());
  EXPECT_EQ(huge->ToString(), "2" + Repeat('0', 125));
}

TEST(NumberTest, AddRefusesInexactOrOutOfRangeResults) {
  const std::string d38 = Repeat('9', 38);
  auto error = [](std::string_view a, std::string_view b) {
    absl::StatusOr<Number> sum = Number::Add(N(a), N(b));
    if (sum.ok()) return std::string("OK ") + sum->ToString();
    EXPECT_EQ(ExceptionName(sum.status()), kValidationException);
    return ErrorMessage(sum.status());
  };
  // 38 nines + 1 = 1e38: one digit, fine. 38 nines + 0.1: 39 digits.
  EXPECT_EQ(error(d38, "1"), "OK 1" + Repeat('0', 38));
  EXPECT_EQ(error(d38, "0.1"), kTooPrecise);
  EXPECT_EQ(error("1e20", "1e-20"), kTooPrecise);
  EXPECT_EQ(error("1e10", "-1e-40"), kTooPrecise);
  EXPECT_EQ(error("1e125", "-1e-130"), kTooPrecise);
  const std::string max = "9." + Repeat('9', 37) + "e125";
  EXPECT_EQ(error(max, "1e88"), kOverflow);
  EXPECT_EQ(error("-" + max, "-1e88"), kOverflow);
  EXPECT_EQ(error("9e125", "9e125"), kOverflow);
  EXPECT_EQ(error("1.5e-130", "-1.4e-130"), kUnderflow);
  EXPECT_EQ(error("1.5e-130", "-1.5e-130"), "OK 0");
}

TEST(NumberTest, Subtract) {
  auto sub = [](std::string_view a, std::string_view b) {
    absl::StatusOr<Number> d = Number::Subtract(N(a), N(b));
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() ? d->ToString() : "<error>";
  };
  EXPECT_EQ(sub("3", "5"), "-2");
  EXPECT_EQ(sub("5", "3"), "2");
  EXPECT_EQ(sub("5", "-3"), "8");
  EXPECT_EQ(sub("-5", "-3"), "-2");
  EXPECT_EQ(sub("-5", "3"), "-8");
  EXPECT_EQ(sub("1.25", "1.25"), "0");
  EXPECT_EQ(sub("0", "7"), "-7");
  EXPECT_EQ(sub("7", "0"), "7");
  EXPECT_EQ(sub("0", "0"), "0");
  EXPECT_EQ(sub("10", "0.001"), "9.999");
  absl::StatusOr<Number> d = Number::Subtract(N("1e30"), N("1e-30"));
  EXPECT_EQ(ErrorMessage(d.status()), kTooPrecise);
}

TEST(NumberTest, SizeBytesFollowsDynalite) {
  // 1 + ceil(d/2) + (d even && e even) + negative; zero is 1.
  EXPECT_EQ(N("0").SizeBytes(), 1);
  EXPECT_EQ(N("1").SizeBytes(), 2);
  EXPECT_EQ(N("5").SizeBytes(), 2);
  EXPECT_EQ(N("50").SizeBytes(), 2);
  EXPECT_EQ(N("15").SizeBytes(), 2);   // one pair: 15
  EXPECT_EQ(N("1.5").SizeBytes(), 3);  // two pairs: 01.50
  EXPECT_EQ(N("101").SizeBytes(), 3);
  EXPECT_EQ(N("123").SizeBytes(), 3);
  EXPECT_EQ(N("12.3").SizeBytes(), 3);
  EXPECT_EQ(N("1234").SizeBytes(), 3);
  EXPECT_EQ(N("1.234").SizeBytes(), 4);
  EXPECT_EQ(N("0.15").SizeBytes(), 2);   // e = -1
  EXPECT_EQ(N("0.015").SizeBytes(), 3);  // e = -2
  EXPECT_EQ(N("-1").SizeBytes(), 3);
  EXPECT_EQ(N("-1.5").SizeBytes(), 4);
  EXPECT_EQ(N("1700003600").SizeBytes(), 5);  // 17 00 00 36
  EXPECT_EQ(N(Repeat('9', 38)).SizeBytes(), 20);
  EXPECT_EQ(N("9." + Repeat('9', 37)).SizeBytes(), 21);
}

TEST(NumberTest, SizeBytesIsOnePlusAlignedPairsPlusSign) {
  // The stated meaning of the rule, checked on every exponent parity and
  // digit count.
  for (int e = -130; e <= 125 - 1; e += 7) {
    for (int d = 1; d <= 38; ++d) {
      std::string digits = "1" + Repeat('2', d - 1);
      Number n = N(digits.substr(0, 1) + "." + digits.substr(1) + "e" +
                   std::to_string(e));
      const int low = e - d + 1;
      auto floor_div2 = [](int x) { return x >= 0 ? x / 2 : -((-x + 1) / 2); };
      const int pairs = floor_div2(e) - floor_div2(low) + 1;
      EXPECT_EQ(n.SizeBytes(), 1 + pairs) << n.ToString();
    }
  }
}

TEST(NumberTest, OrderedKeyRoundTripsAndIsSelfDelimiting) {
  for (const char* text :
       {"0", "1", "-1", "1.5", "-1.5", "10", "0.001", "-0.001", "1e125",
        "-1e125", "1e-130", "-1e-130", "12345678901234567890123456789012345678",
        "-1234567890123456789012345678901234567.8", "9.9e-130"}) {
    Number n = N(text);
    std::string key;
    n.AppendOrderedKey(&key);
    EXPECT_LE(key.size(), 22u);
    key.append("tail");
    std::string_view in = key;
    absl::StatusOr<Number> back = Number::DecodeOrderedKey(&in);
    ASSERT_TRUE(back.ok()) << text << ": " << back.status();
    EXPECT_EQ(back->ToString(), n.ToString());
    EXPECT_EQ(in, "tail");
  }
}

TEST(NumberTest, OrderedKeyRefusesCorruptInput) {
  auto decode_error = [](std::string bytes) {
    std::string_view in = bytes;
    absl::StatusOr<Number> n = Number::DecodeOrderedKey(&in);
    if (n.ok()) return std::string(in.empty() ? "OK" : "left bytes");
    EXPECT_EQ(in.size(), bytes.size()) << "consumed input on error";
    EXPECT_EQ(ExceptionName(n.status()), kInternalServerError);
    return std::string("error");
  };
  std::string good;
  N("1.5").AppendOrderedKey(&good);
  EXPECT_EQ(decode_error(good), "OK");
  EXPECT_EQ(decode_error(""), "error");
  EXPECT_EQ(decode_error("\x07"), "error");             // bad tag
  EXPECT_EQ(decode_error(good.substr(0, 1)), "error");  // no exponent
  EXPECT_EQ(decode_error(good.substr(0, good.size() - 1)), "error");
  EXPECT_EQ(decode_error(std::string("\x03\x82\x00", 3)),
            "error");  // no digits
  EXPECT_EQ(decode_error(std::string("\x03\x82\x66\x00", 4)), "error");  // 101
  EXPECT_EQ(decode_error(std::string("\x03\x82\x01\x00", 4)), "error");  // 00
  EXPECT_EQ(decode_error(std::string("\x03\x82\x02\x00", 4)), "error");  // 01
  EXPECT_EQ(decode_error(std::string("\x01\x82\xFF", 3)), "error");
  std::string too_long = "\x03\x82" + std::string(20, '\x0C') + '\0';
  EXPECT_EQ(decode_error(too_long), "error");
  std::string max_len = "\x03\x82" + std::string(19, '\x0C') + '\0';
  EXPECT_EQ(decode_error(max_len), "OK");
}

// The seed of the randomized tests: $TABLESTREAM_TEST_SEED, else a fixed
// default, so runs are reproducible; printed so a failure can be replayed.
uint64_t TestSeed() {
  const char* env = std::getenv("TABLESTREAM_TEST_SEED");
  const uint64_t seed =
      env != nullptr ? std::strtoull(env, nullptr, 10) : 20260101;
  std::cout << "seed " << seed << " (set TABLESTREAM_TEST_SEED to change)"
            << std::endl;
  return seed;
}

// Random canonical numbers, biased to share prefixes, exponents and signs so
// that the interesting comparisons happen often.
Number RandomNumber(std::mt19937_64& rng) {
  auto pick = [&rng](int n) { return static_cast<int>(rng() % n); };
  if (pick(100) < 5) return Number();
  const int count = 1 + (pick(2) == 0 ? pick(3) : pick(38));
  std::string digits(1, static_cast<char>('1' + pick(9)));
  for (int i = 1; i < count; ++i) {
    digits.push_back(static_cast<char>('0' + (pick(2) == 0 ? 0 : pick(10))));
  }
  const int exponent = pick(2) == 0 ? pick(5) - 2 : pick(256) - 130;
  const std::string text = (pick(2) == 0 ? "-" : "") + digits.substr(0, 1) +
                           "." + digits.substr(1) + "e" +
                           std::to_string(exponent);
  absl::StatusOr<Number> n = Number::Parse(text);
  EXPECT_TRUE(n.ok()) << text << ": " << n.status();
  return n.ok() ? *n : Number();
}

TEST(NumberTest, RandomizedOrderedKeysCompareLikeNumbers) {
  const uint64_t seed = TestSeed();
  SCOPED_TRACE(testing::Message() << "seed " << seed);
  std::mt19937_64 rng(seed);
  std::vector<Number> numbers;
  for (int i = 0; i < 2000; ++i) numbers.push_back(RandomNumber(rng));
  std::vector<std::string> keys;
  for (const Number& n : numbers) {
    std::string key;
    n.AppendOrderedKey(&key);
    keys.push_back(key);
  }
  for (int trial = 0; trial < 200000; ++trial) {
    const size_t i = rng() % numbers.size();
    const size_t j = rng() % numbers.size();
    const int want = Number::Compare(numbers[i], numbers[j]);
    const int c = keys[i].compare(keys[j]);
    const int got = c < 0 ? -1 : (c > 0 ? 1 : 0);
    ASSERT_EQ(got, want) << numbers[i].ToString() << " vs "
                         << numbers[j].ToString();
    const std::string ti = numbers[i].ToString();
    const std::string tj = numbers[j].ToString();
    ASSERT_EQ(CompareCanonicalNumbers(ti, tj), want) << ti << " vs " << tj;
  }
  for (size_t i = 0; i < numbers.size(); ++i) {
    std::string_view in = keys[i];
    absl::StatusOr<Number> back = Number::DecodeOrderedKey(&in);
    ASSERT_TRUE(back.ok()) << back.status();
    ASSERT_TRUE(in.empty());
    ASSERT_EQ(back->ToString(), numbers[i].ToString());
    ASSERT_EQ(Number::Parse(numbers[i].ToString())->ToString(),
              numbers[i].ToString());
  }
}

TEST(NumberTest, RandomizedAddMatchesIntegerArithmetic) {
  const uint64_t seed = TestSeed();
  SCOPED_TRACE(testing::Message() << "seed " << seed);
  std::mt19937_64 rng(seed);
  for (int trial = 0; trial < 20000; ++trial) {
    // Values scaled by 10^-3, small enough that the exact sum fits an int64.
    const int64_t a = static_cast<int64_t>(rng() % 2000000001) - 1000000000;
    const int64_t b = static_cast<int64_t>(rng() % 2000000001) - 1000000000;
    auto scaled = [](int64_t v) {
      return *Number::Parse(Number::FromInt64(v).ToString() + "e-3");
    };
    absl::StatusOr<Number> sum = Number::Add(scaled(a), scaled(b));
    absl::StatusOr<Number> diff = Number::Subtract(scaled(a), scaled(b));
    ASSERT_TRUE(sum.ok() && diff.ok());
    ASSERT_EQ(*sum, scaled(a + b)) << a << " + " << b;
    ASSERT_EQ(*diff, scaled(a - b)) << a << " - " << b;
  }
}

TEST(NumberTest, RandomizedAddProperties) {
  const uint64_t seed = TestSeed();
  SCOPED_TRACE(testing::Message() << "seed " << seed);
  std::mt19937_64 rng(seed);
  int exact = 0;
  for (int trial = 0; trial < 50000; ++trial) {
    const Number a = RandomNumber(rng);
    const Number b = RandomNumber(rng);
    absl::StatusOr<Number> sum = Number::Add(a, b);
    if (!sum.ok()) {
      const std::string message = ErrorMessage(sum.status());
      ASSERT_TRUE(message == kTooPrecise || message == kOverflow ||
                  message == kUnderflow)
          << message;
      continue;
    }
    ++exact;
    // Commutative, b's sign moves the sum, and subtraction undoes addition.
    absl::StatusOr<Number> swapped = Number::Add(b, a);
    ASSERT_TRUE(swapped.ok());
    ASSERT_EQ(*swapped, *sum);
    ASSERT_EQ(Number::Compare(*sum, a), Number::Compare(b, Number()))
        << a.ToString() << " + " << b.ToString() << " = " << sum->ToString();
    absl::StatusOr<Number> back = Number::Subtract(*sum, b);
    ASSERT_TRUE(back.ok()) << sum->ToString() << " - " << b.ToString();
    ASSERT_EQ(*back, a) << a.ToString() << " + " << b.ToString();
  }
  EXPECT_GT(exact, 1000);  // the generator must exercise the exact path
}

}  // namespace
}  // namespace tablestream
