// Copyright 2026 The tablestream Authors.
//
// TriggerFunction: what a mapping invokes, whichever kind of handler it is.
// A C++ handler (TriggerHandler) gets the typed batch; an external one
// (ExternalFunction: exec:, python:) gets the Lambda event JSON. Both answers
// are read by the same rules (InterpretResponse): ReportBatchItemFailures,
// the tumbling window's required "state".
//
// Invoke is thread-safe for external functions (they serialise) and as
// thread-safe as the handler for C++ ones; the runtime invokes one batch of
// a mapping at a time.

#ifndef TABLESTREAM_TRIGGERS_TRIGGER_FUNCTION_H_
#define TABLESTREAM_TRIGGERS_TRIGGER_FUNCTION_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tablestream/triggers.h"
#include "triggers/function_result.h"

namespace tablestream {
namespace triggers {

struct Invocation {
  FunctionResult result;
  // A C++ handler's writes (empty for external handlers and failures).
  std::vector<ConsumerWrite> writes;
};

class TriggerFunction {
 public:
  virtual ~TriggerFunction() = default;
  virtual Invocation Invoke(const TriggerBatch& batch,
                            const ResponseRules& rules) = 0;
};

std::unique_ptr<TriggerFunction> NewCppFunction(TriggerHandler handler);

// For an exec: or python: FunctionName (see external_function.h).
absl::StatusOr<std::unique_ptr<TriggerFunction>> NewExternalFunction(
    const std::string& function_name, int timeout_seconds);

}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_TRIGGER_FUNCTION_H_
