// Copyright 2026 The tablestream Authors.
//
// FUZZ_CHECK(condition, details): a property every fuzz target asserts. A
// failure prints the condition, where it failed and `details` (anything
// streamable), then aborts, which libFuzzer reports as a crash and saves the
// input that caused it.

#ifndef TABLESTREAM_TESTS_FUZZ_FUZZ_CHECK_H_
#define TABLESTREAM_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdlib>
#include <iostream>

#define FUZZ_CHECK(condition, details)                                   \
  do {                                                                   \
    if (!(condition)) {                                                  \
      std::cerr << __FILE__ << ":" << __LINE__                           \
                << ": property failed: " #condition "\n  " << details    \
                << std::endl;                                            \
      std::abort();                                                      \
    }                                                                    \
  } while (false)

#endif  // TABLESTREAM_TESTS_FUZZ_FUZZ_CHECK_H_
