// Copyright 2026 The tablestream Authors.
//
// The Python program a python: trigger function's worker runs (passed to
// `python3 -c`, with the handler file and function name as arguments).
//
// Protocol, on the worker's fd 3 (a socket to the engine), every message a
// frame "<decimal byte count>\n<JSON>":
//   worker -> engine, once, after importing the handler's module:
//     {"ok":true,"ready":true}, or an error reply (below) and exit;
//   engine -> worker, per invocation:
//     {"event":<event>,"context":{"function_name","aws_request_id",
//      "invoked_function_arn","timeout_ms"}};
//   worker -> engine, per invocation:
//     {"ok":true,"response":<return value>} or
//     {"ok":false,"errorType":...,"errorMessage":...,"stackTrace":[...]}.
// The worker exits when fd 3 reaches end of file. The handler's print()
// goes to the worker's standard output (line-buffered), tracebacks to its
// standard error. Error types follow Lambda's Python runtime:
// Runtime.ImportModuleError, Runtime.HandlerNotFound, Runtime.MarshalError,
// or the exception's class name.

#ifndef TABLESTREAM_TRIGGERS_PYTHON_SHIM_H_
#define TABLESTREAM_TRIGGERS_PYTHON_SHIM_H_

namespace tablestream {
namespace triggers {

// Python 3 source text.
const char* PythonShimSource();

}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_PYTHON_SHIM_H_
