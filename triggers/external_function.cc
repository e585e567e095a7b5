// Copyright 2026 The tablestream Authors.

#include "triggers/external_function.h"

#include <sys/stat.h>

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "triggers/exec_function.h"
#include "triggers/python_function.h"

namespace tablestream {
namespace triggers {
namespace {

constexpr absl::string_view kExecPrefix = "exec:";
constexpr absl::string_view kPythonPrefix = "python:";

absl::Status FunctionNameError(absl::string_view what) {
  return MakeError(kInvalidParameterValueException,
                   absl::StrCat("FunctionName ", what));
}

bool IsIdentifier(absl::string_view name) {
  if (name.empty() || absl::ascii_isdigit(name[0])) return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(c) && c != '_') return false;
  }
  return true;
}

absl::StatusOr<std::unique_ptr<ExternalFunction>> CreatePython(
    absl::string_view spec, const ExternalFunctionOptions& options) {
  // python:<path/file.py>:<function>; the path may itself hold ':'.
  size_t colon = spec.rfind(':');
  if (colon == absl::string_view::npos) {
    return FunctionNameError(
        absl::StrCat("\"python:", spec,
                     "\" names no function; write "
                     "python:<path/to/file.py>:<function>"));
  }
  const std::string file(spec.substr(0, colon));
  const std::string function(spec.substr(colon + 1));
  if (!absl::EndsWith(file, ".py")) {
    return FunctionNameError(absl::StrCat("\"python:", spec, "\": \"", file,
                                          "\" is not a .py file; write "
                                          "python:<path/to/file.py>:"
                                          "<function>"));
  }
  if (!IsIdentifier(function)) {
    return FunctionNameError(absl::StrCat("\"python:", spec, "\": \"", function,
                                          "\" is not a Python identifier"));
  }
  struct stat st;
  if (stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return FunctionNameError(
        absl::StrCat("\"python:", spec, "\": no such file \"", file, "\""));
  }
  return std::unique_ptr<ExternalFunction>(
      new PythonFunction(file, function, options.handler_stdout_fd));
}

}  // namespace

bool IsExternalFunctionName(const std::string& function_name) {
  return absl::StartsWith(function_name, kExecPrefix) ||
         absl::StartsWith(function_name, kPythonPrefix);
}

absl::StatusOr<std::unique_ptr<ExternalFunction>> ExternalFunction::Create(
    const std::string& function_name) {
  return Create(function_name, ExternalFunctionOptions());
}

absl::StatusOr<std::unique_ptr<ExternalFunction>> ExternalFunction::Create(
    const std::string& function_name, const ExternalFunctionOptions& options) {
  absl::string_view name = function_name;
  if (absl::StartsWith(name, kExecPrefix)) {
    absl::string_view command = name.substr(kExecPrefix.size());
    if (absl::StripAsciiWhitespace(command).empty()) {
      return FunctionNameError(
          "\"exec:\" has no command line; write exec:<command line>");
    }
    return std::unique_ptr<ExternalFunction>(
        new ExecFunction(std::string(command)));
  }
  if (absl::StartsWith(name, kPythonPrefix)) {
    return CreatePython(name.substr(kPythonPrefix.size()), options);
  }
  return FunctionNameError(absl::StrCat(
      "\"", function_name,
      "\" is not an external function; those start with exec: or python:"));
}

}  // namespace triggers
}  // namespace tablestream
