// Copyright 2026 The tablestream Authors.
//
// Helpers for the exec: and python: function tests: reading a file the
// handler wrote, checking that no child process is left unreaped, and the
// expectation on a failed invocation.

#ifndef TABLESTREAM_TRIGGERS_FUNCTION_TEST_UTIL_H_
#define TABLESTREAM_TRIGGERS_FUNCTION_TEST_UTIL_H_

#include <string>

#include "triggers/function_result.h"

namespace tablestream {
namespace triggers {
namespace test {

// The file's contents ("" if it cannot be read).
std::string ReadFile(const std::string& path);

// True when this process has no child left, running or unreaped.
bool NoChildren();

// Expects `result` to be the failure of a handler (functionError
// "Unhandled") with exactly `error`.
void ExpectHandlerFailure(const FunctionResult& result,
                          const std::string& error);

}  // namespace test
}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_FUNCTION_TEST_UTIL_H_
