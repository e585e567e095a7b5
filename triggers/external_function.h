// Copyright 2026 The tablestream Authors.
//
// ExternalFunction: a trigger handler outside the process, named in a
// mapping's FunctionName:
//   exec:<command line>            a program run with /bin/sh -c; it gets the
//                                  Lambda event as JSON on standard input;
//                                  exit status 0 is success, standard output
//                                  may hold a batchItemFailures response;
//   python:<path/file.py>:<name>   a Python 3 handler called as
//                                  name(event, context), as Lambda calls it;
//                                  its return value is the response.
// A Python handler runs in a long-lived worker process (the module is
// imported once and keeps its globals between invocations, as a warm Lambda
// does); a worker that crashes, hangs past the timeout or prints garbage is
// killed, the invocation fails, and the next invocation starts a new worker.
// Standard error of the handler goes to the engine's standard error.
//
// Details (exec_function.h, python_function.h): the event is one line of
// JSON; a handler runs in its own process group, which a timeout kills
// whole; at most 6 MB of response is read; the engine never gets SIGPIPE
// from a handler that stops reading; descriptors are close-on-exec. A Python
// worker gets ten seconds to import its module (Lambda's init limit), apart
// from each invocation's timeout; import errors and a missing function come
// back as Runtime.ImportModuleError and Runtime.HandlerNotFound, an
// exception as "<class name>: <message>", an unserialisable return value as
// Runtime.MarshalError.
//
// One ExternalFunction runs one invocation at a time; Invoke is thread-safe
// (callers are serialised).

#ifndef TABLESTREAM_TRIGGERS_EXTERNAL_FUNCTION_H_
#define TABLESTREAM_TRIGGERS_EXTERNAL_FUNCTION_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "api/json_reader.h"  // api::Json
#include "triggers/function_result.h"

namespace tablestream {
namespace triggers {

struct InvocationContext {
  std::string function_name;  // the mapping's FunctionName
  std::string request_id;     // unique per invocation (context.aws_request_id)
  absl::Duration timeout = absl::Seconds(3);  // Lambda's default
};

struct ExternalFunctionOptions {
  // Where a python: handler's standard output (its print()) goes: a file
  // descriptor that stays open while the function lives (it is dup'ed into
  // the worker), or -1 for the engine's own standard output. An exec:
  // handler's standard output is always its response.
  // Default: -1.
  int handler_stdout_fd = -1;
};

class ExternalFunction {
 public:
  // Parses `function_name` ("exec:..." or "python:file.py:function").
  // InvalidParameterValueException for another prefix, an empty command, a
  // Python file that does not exist or a function name that is not an
  // identifier. Starts nothing yet.
  static absl::StatusOr<std::unique_ptr<ExternalFunction>> Create(
      const std::string& function_name);
  static absl::StatusOr<std::unique_ptr<ExternalFunction>> Create(
      const std::string& function_name, const ExternalFunctionOptions& options);

  virtual ~ExternalFunction() = default;

  // Runs the function on `event` and reads its response with
  // InterpretResponse. Never throws; every fault of the handler comes back as
  // FunctionResult::Outcome::kFailure with the cause in `error`.
  virtual FunctionResult Invoke(
      const api::Json& event,
      const std::vector<std::string>& batch_sequence_numbers,
      const ResponseRules& rules, const InvocationContext& context) = 0;
};

// True if `function_name` names an external function (has the exec: or
// python: prefix); other names are C++ handlers registered in the process.
bool IsExternalFunctionName(const std::string& function_name);

}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_EXTERNAL_FUNCTION_H_
