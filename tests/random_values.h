// Copyright 2026 The tablestream Authors.
//
// Seeded random attribute values for model-based tests, and rewriting of a
// value into a different but equal text ("1.5" as "150e-2", a set in another
// order), which the engine must treat as the same value.
//
// Numbers in these tests are hundredths ("cents"): every number the model
// holds has at most two decimals and fits an int64, so the model can add
// them exactly without a decimal library. CanonicalNumber() is written from
// DynamoDB's rule (leading and trailing zeros trimmed, "-0" is "0", plain
// notation), not from the engine's code.
//
// Thread-compatible: a Random is used by one thread.

#ifndef TABLESTREAM_TESTS_RANDOM_VALUES_H_
#define TABLESTREAM_TESTS_RANDOM_VALUES_H_

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "tablestream/attribute_value.h"

namespace tablestream {
namespace test {

// A deterministic generator: the same seed gives the same values on every
// platform (no std::*_distribution, whose output is implementation-defined).
class Random {
 public:
  explicit Random(uint64_t seed) : gen_(seed) {}

  uint64_t Next() { return gen_(); }
  // Uniform in [0, n). REQUIRES: n > 0.
  uint64_t Uniform(uint64_t n) { return gen_() % n; }
  // Uniform in [lo, hi].
  int64_t Range(int64_t lo, int64_t hi) {
    return lo +
           static_cast<int64_t>(Uniform(static_cast<uint64_t>(hi - lo) + 1));
  }
  bool OneIn(uint64_t n) { return Uniform(n) == 0; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Uniform(v.size())];
  }
  template <typename T>
  void Shuffle(std::vector<T>* v) {
    for (size_t i = v->size(); i > 1; --i)
      std::swap((*v)[i - 1], (*v)[Uniform(i)]);
  }

 private:
  std::mt19937_64 gen_;
};

// The canonical text of cents/100: "0", "-1.5", "12", "0.05".
std::string CanonicalNumber(int64_t cents);
// The inverse. REQUIRES: `canonical` has at most two decimals.
int64_t CentsOf(const std::string& canonical);
// A random text of the same number: "1.50", "150e-2", "01.5", "1500E-3", ...
std::string RewriteNumber(int64_t cents, Random& rng);

// A small random number in cents (mostly small integers and short decimals).
int64_t RandomCents(Random& rng);
std::string RandomString(Random& rng, size_t max_len);  // valid UTF-8
std::string RandomBytes(Random& rng, size_t max_len);

// A canonical set of `type` (kSS, kNS or kBS) from `elements` (NS elements
// are canonical number texts): sorted, duplicates removed.
// REQUIRES: elements is not empty.
AttributeValue CanonicalSet(AttributeType type,
                            std::vector<std::string> elements);
// A random canonical set of `type` with 1 to 3 elements.
AttributeValue RandomSet(Random& rng, AttributeType type);

// A random canonical value of any of the ten types; M and L nest while
// `depth` < 3.
AttributeValue RandomValue(Random& rng, int depth = 1);

// A value equal to `canonical` written differently: numbers in another
// form, set elements in another order, recursively.
// REQUIRES: every number in `canonical` came from CanonicalNumber.
AttributeValue Rewrite(const AttributeValue& canonical, Random& rng);
Item RewriteItem(const Item& canonical, Random& rng);

}  // namespace test
}  // namespace tablestream

#endif  // TABLESTREAM_TESTS_RANDOM_VALUES_H_
