// Copyright 2026 The tablestream Authors.

#include "triggers/function_test_util.h"

#include <errno.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>

#include "gtest/gtest.h"

namespace tablestream {
namespace triggers {
namespace test {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool NoChildren() {
  return waitpid(-1, nullptr, WNOHANG) < 0 && errno == ECHILD;
}

void ExpectHandlerFailure(const FunctionResult& result,
                          const std::string& error) {
  EXPECT_EQ(result.outcome, FunctionResult::Outcome::kFailure);
  EXPECT_EQ(result.error, error);
  EXPECT_EQ(result.function_error, "Unhandled");
}

}  // namespace test
}  // namespace triggers
}  // namespace tablestream
