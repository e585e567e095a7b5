// Copyright 2026 The tablestream Authors.

#include "tests/random_values.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <utility>

namespace tablestream {
namespace test {

std::string CanonicalNumber(int64_t cents) {
  if (cents == 0) return "0";
  const bool negative = cents < 0;
  const uint64_t a =
      negative ? static_cast<uint64_t>(-cents) : static_cast<uint64_t>(cents);
  std::string text = std::to_string(a / 100);
  const int fraction = static_cast<int>(a % 100);
  if (fraction != 0) {
    text += '.';
    text += static_cast<char>('0' + fraction / 10);
    if (fraction % 10 != 0) text += static_cast<char>('0' + fraction % 10);
  }
  return negative ? "-" + text : text;
}

int64_t CentsOf(const std::string& canonical) {
  const bool negative = !canonical.empty() && canonical[0] == '-';
  const std::string body = negative ? canonical.substr(1) : canonical;
  const size_t dot = body.find('.');
  int64_t cents = std::strtoll(body.substr(0, dot).c_str(), nullptr, 10) * 100;
  if (dot != std::string::npos) {
    std::string fraction = body.substr(dot + 1);
    fraction.resize(2, '0');
    cents += std::strtoll(fraction.c_str(), nullptr, 10);
  }
  return negative ? -cents : cents;
}

std::string RewriteNumber(int64_t cents, Random& rng) {
  const std::string canonical = CanonicalNumber(cents);
  const std::string sign = cents < 0 ? "-" : "";
  const std::string magnitude = cents < 0 ? canonical.substr(1) : canonical;
  const uint64_t a =
      cents < 0 ? static_cast<uint64_t>(-cents) : static_cast<uint64_t>(cents);
  switch (rng.Uniform(8)) {
    case 0:
      return canonical;
    case 1:  // trailing zeros
      return canonical.find('.') == std::string::npos ? canonical + ".00"
                                                      : canonical + "0";
    case 2:
      return sign + std::to_string(a) + "e-2";
    case 3:
      return sign + std::to_string(a * 10) + "E-3";
    case 4:  // leading zero
      return sign + "0" + magnitude;
    case 5: {  // a mantissa below one: 1.5 as "0.0150e2"
      const std::string digits = std::to_string(a);
      return sign + "0.0" + digits + "e" +
             std::to_string(static_cast<int>(digits.size()) - 1);
    }
    case 6:
      return cents == 0 ? "-0" : canonical;
    default:
      return sign + std::to_string(a) + "0e-3";
  }
}

int64_t RandomCents(Random& rng) {
  switch (rng.Uniform(4)) {
    case 0:
      return rng.Range(-3, 3) * 100;
    case 1:
      return rng.Range(-999, 999);
    case 2:
      return rng.Range(-100000, 100000);
    default:
      return rng.Range(0, 20) * 50;
  }
}

std::string RandomString(Random& rng, size_t max_len) {
  static const std::vector<std::string> kPieces = {"a", "b", "c",       "x",
                                                   "Z", " ", "\xc3\xa9"};
  std::string s;
  const size_t n = rng.Uniform(max_len + 1);
  for (size_t i = 0; i < n; ++i) s += rng.Pick(kPieces);
  return s;
}

std::string RandomBytes(Random& rng, size_t max_len) {
  static const std::vector<char> kBytes = {'\x00', '\x01', 'a',   '\x7f',
                                           '\x80', '\xfe', '\xff'};
  std::string s;
  const size_t n = rng.Uniform(max_len + 1);
  for (size_t i = 0; i < n; ++i) s += rng.Pick(kBytes);
  return s;
}

AttributeValue CanonicalSet(AttributeType type,
                            std::vector<std::string> elements) {
  if (type == AttributeType::kNS) {
    std::map<int64_t, std::string> by_value;
    for (const std::string& e : elements) by_value[CentsOf(e)] = e;
    std::vector<std::string> sorted;
    for (const auto& [cents, text] : by_value) {
      sorted.push_back(CanonicalNumber(cents));
    }
    return AttributeValue::NS(std::move(sorted));
  }
  std::sort(elements.begin(), elements.end());  // bytewise: unsigned chars
  elements.erase(std::unique(elements.begin(), elements.end()), elements.end());
  return type == AttributeType::kSS ? AttributeValue::SS(std::move(elements))
                                    : AttributeValue::BS(std::move(elements));
}

AttributeValue RandomSet(Random& rng, AttributeType type) {
  std::vector<std::string> elements;
  const size_t n = 1 + rng.Uniform(3);
  for (size_t i = 0; i < n; ++i) {
    switch (type) {
      case AttributeType::kSS:
        elements.push_back(RandomString(rng, 2));
        break;
      case AttributeType::kNS:
        elements.push_back(CanonicalNumber(rng.Range(-3, 5) * 50));
        break;
      default:
        elements.push_back(RandomBytes(rng, 2));
        break;
    }
  }
  return CanonicalSet(type, std::move(elements));
}

AttributeValue RandomValue(Random& rng, int depth) {
  const uint64_t kinds = depth < 3 ? 10 : 8;
  switch (rng.Uniform(kinds)) {
    case 0:
      return AttributeValue::S(RandomString(rng, 5));
    case 1:
      return AttributeValue::N(CanonicalNumber(RandomCents(rng)));
    case 2:
      return AttributeValue::B(RandomBytes(rng, 4));
    case 3:
      return AttributeValue::Bool(rng.OneIn(2));
    case 4:
      return AttributeValue::Null();
    case 5:
      return RandomSet(rng, AttributeType::kSS);
    case 6:
      return RandomSet(rng, AttributeType::kNS);
    case 7:
      return RandomSet(rng, AttributeType::kBS);
    case 8: {
      static const std::vector<std::string> kNames = {"p", "q", "r"};
      Item m;
      const size_t n = rng.Uniform(3);
      for (size_t i = 0; i < n; ++i) {
        m[rng.Pick(kNames)] = RandomValue(rng, depth + 1);
      }
      return AttributeValue::M(std::move(m));
    }
    default: {
      std::vector<AttributeValue> l;
      const size_t n = rng.Uniform(4);
      for (size_t i = 0; i < n; ++i) l.push_back(RandomValue(rng, depth + 1));
      return AttributeValue::L(std::move(l));
    }
  }
}

AttributeValue Rewrite(const AttributeValue& canonical, Random& rng) {
  switch (canonical.type()) {
    case AttributeType::kN:
      return AttributeValue::N(RewriteNumber(CentsOf(canonical.scalar()), rng));
    case AttributeType::kSS:
    case AttributeType::kBS:
    case AttributeType::kNS: {
      std::vector<std::string> elements = canonical.set();
      if (canonical.type() == AttributeType::kNS) {
        for (std::string& e : elements) e = RewriteNumber(CentsOf(e), rng);
      }
      rng.Shuffle(&elements);
      AttributeValue v = canonical;
      v.mutable_set() = std::move(elements);
      return v;
    }
    case AttributeType::kM:
      return AttributeValue::M(RewriteItem(canonical.map(), rng));
    case AttributeType::kL: {
      std::vector<AttributeValue> l;
      for (const AttributeValue& e : canonical.list()) {
        l.push_back(Rewrite(e, rng));
      }
      return AttributeValue::L(std::move(l));
    }
    default:
      return canonical;
  }
}

Item RewriteItem(const Item& canonical, Random& rng) {
  Item out;
  for (const auto& [name, value] : canonical) out[name] = Rewrite(value, rng);
  return out;
}

}  // namespace test
}  // namespace tablestream
