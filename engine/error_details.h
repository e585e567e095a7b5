// Copyright 2026 The tablestream Authors.
//
// The typed details some errors carry, as absl::Status payloads: the item of
// a ConditionalCheckFailedException (ReturnValuesOnConditionCheckFailure
// ALL_OLD) and the CancellationReasons of a TransactionCanceledException.
// The public accessors are in include/tablestream/transaction.h.

#ifndef TABLESTREAM_ENGINE_ERROR_DETAILS_H_
#define TABLESTREAM_ENGINE_ERROR_DETAILS_H_

#include <vector>

#include "absl/status/status.h"
#include "tablestream/transaction.h"

namespace tablestream {

// ConditionalCheckFailedException "The conditional request failed",
// carrying `old` if it is set.
absl::Status ConditionalCheckFailed(const Item* old);

// TransactionCanceledException with DynamoDB's message ("Transaction
// cancelled, please refer cancellation reasons for specific reasons [None,
// ConditionalCheckFailed]") and `reasons` as its payload.
absl::Status TransactionCanceled(const std::vector<CancellationReason>& reasons);

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_ERROR_DETAILS_H_
