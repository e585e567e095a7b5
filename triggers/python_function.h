// Copyright 2026 The tablestream Authors.
//
// PythonFunction: the python:<file.py>:<function> trigger function. A
// long-lived `python3` worker (started at the first Invoke) imports the file
// once, as a warm Lambda keeps its module, and calls the function for each
// invocation over the protocol in python_shim.h. A worker that exits, hangs
// past the invocation's timeout, or sends a malformed or oversized reply is
// killed (with its process group) and the invocation fails; the next Invoke
// starts a fresh worker. An exception in the handler fails the invocation
// but keeps the worker.
//
// Invoke is thread-safe (invocations are serialised).

#ifndef TABLESTREAM_TRIGGERS_PYTHON_FUNCTION_H_
#define TABLESTREAM_TRIGGERS_PYTHON_FUNCTION_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "triggers/child_process.h"
#include "triggers/external_function.h"

namespace tablestream {
namespace triggers {

// How long a worker may take to import the handler's module (Lambda's init
// phase limit).
inline constexpr absl::Duration kPythonInitTimeout = absl::Seconds(10);

class PythonFunction : public ExternalFunction {
 public:
  // REQUIRES: `file` exists; `function` is an identifier.
  // `handler_stdout_fd` as in ExternalFunctionOptions.
  PythonFunction(std::string file, std::string function, int handler_stdout_fd);

  FunctionResult Invoke(const api::Json& event,
                        const std::vector<std::string>& batch_sequence_numbers,
                        const ResponseRules& rules,
                        const InvocationContext& context) override;

 private:
  struct Worker {
    std::unique_ptr<ChildProcess> process;
    UniqueFd channel;  // the worker's fd 3
  };

  // A fault of the worker: kills it and returns the failure.
  FunctionResult WorkerFailure(std::string error)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // WorkerFailure for a fault of the channel: the worker exited
  // (Unavailable), overran `timeout` (DeadlineExceeded) or sent garbage.
  FunctionResult ChannelFault(const absl::Status& fault, absl::Duration timeout)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Starts a worker and waits for it to import the module; nullopt on
  // success.
  std::optional<FunctionResult> StartWorker()
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::string file_;
  const std::string function_;
  const int handler_stdout_fd_;
  absl::Mutex mu_;  // held for a whole invocation
  std::unique_ptr<Worker> worker_ ABSL_GUARDED_BY(mu_);
};

}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_PYTHON_FUNCTION_H_
