// Copyright 2026 The tablestream Authors.
//
// ExecFunction: the exec:<command line> trigger function. Each invocation
// runs `/bin/sh -c <command line>` in a new process group, writes the event
// JSON to its standard input (then closes it; a handler that stops reading
// is not an error) and reads its standard output, at most 6 MB (Lambda's
// synchronous payload limit). Exit status 0 is success and the output is the
// response, read with InterpretResponse; another exit status, a signal, a
// timeout (the group is killed) or too much output fails the batch. When
// the shell exits, whatever it left running in its group is killed, as
// Lambda freezes an environment after the handler returns.
//
// Invoke is thread-safe (invocations are serialised).

#ifndef TABLESTREAM_TRIGGERS_EXEC_FUNCTION_H_
#define TABLESTREAM_TRIGGERS_EXEC_FUNCTION_H_

#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "triggers/external_function.h"

namespace tablestream {
namespace triggers {

// Lambda's limit on a synchronous response (and on what we read of one).
inline constexpr size_t kMaxResponseBytes = 6 * 1024 * 1024;

class ExecFunction : public ExternalFunction {
 public:
  // REQUIRES: `command` is not blank.
  explicit ExecFunction(std::string command) : command_(std::move(command)) {}

  FunctionResult Invoke(const api::Json& event,
                        const std::vector<std::string>& batch_sequence_numbers,
                        const ResponseRules& rules,
                        const InvocationContext& context) override;

 private:
  const std::string command_;
  absl::Mutex mu_;  // held for a whole invocation
};

}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_EXEC_FUNCTION_H_
