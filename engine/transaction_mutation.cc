// Copyright 2026 The tablestream Authors.

#include "engine/transaction_mutation.h"

#include "engine/error_details.h"
#include "proto/tablestream.pb.h"
#include "tablestream/errors.h"
#include "tablestream/transaction.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

// The reason DynamoDB reports for an action that failed with `status`, or
// nullopt if the failure is not the action's (an internal error).
std::optional<CancellationReason> ReasonFor(const absl::Status& status) {
  CancellationReason reason;
  if (status.ok()) {
    reason.code = "None";
    return reason;
  }
  const std::string name = ExceptionName(status);
  if (name == kConditionalCheckFailedException) {
    reason.code = "ConditionalCheckFailed";
    reason.message = ErrorMessage(status);
    reason.item = ConditionalCheckFailedItem(status);
    return reason;
  }
  if (name == kValidationException || name == kResourceNotFoundException) {
    reason.code = "ValidationError";
    reason.message = ErrorMessage(status);
    return reason;
  }
  return std::nullopt;
}

}  // namespace

absl::Status TransactionMutation::CheckToken(MutationContext& m) {
  replayed_ = false;
  if (!token_) return absl::OkStatus();
  TABLESTREAM_ASSIGN_OR_RETURN(
      std::optional<std::string> bytes,
      m.Get(ctx_.catalog_cf, ClientTokenKey(token_->token)));
  if (!bytes) return absl::OkStatus();
  storage::ClientTokenInfo info;
  if (!info.ParseFromString(*bytes)) {
    return MakeError(kInternalServerError, "corrupt client token record");
  }
  if (m.CommitTimeMicros() - info.commit_time_micros() >=
      kClientRequestTokenSeconds * 1000000) {
    return absl::OkStatus();  // expired: a new request
  }
  if (info.fingerprint() != token_->fingerprint) {
    return MakeError(
        kIdempotentParameterMismatchException,
        "Request with same client token was already processed with "
        "different parameters (ClientRequestToken " +
            token_->token + ")");
  }
  replayed_ = true;
  return absl::OkStatus();
}

absl::Status TransactionMutation::Apply(MutationContext& m) {
  TABLESTREAM_RETURN_IF_ERROR(CheckToken(m));
  if (replayed_) return absl::OkStatus();
  std::vector<absl::Status> outcomes;
  outcomes.reserve(actions_.size());
  bool failed = false;
  for (const auto& action : actions_) {
    outcomes.push_back(action->Apply(m));
    if (outcomes.back().ok()) continue;
    if (!transaction_) return outcomes.back();
    failed = true;
  }
  if (failed) {
    std::vector<CancellationReason> reasons;
    for (const absl::Status& outcome : outcomes) {
      std::optional<CancellationReason> reason = ReasonFor(outcome);
      if (!reason) return outcome;
      reasons.push_back(*std::move(reason));
    }
    return TransactionCanceled(reasons);
  }
  if (token_) {
    storage::ClientTokenInfo info;
    info.set_fingerprint(token_->fingerprint);
    info.set_commit_time_micros(m.CommitTimeMicros());
    m.Put(ctx_.catalog_cf, ClientTokenKey(token_->token),
          info.SerializeAsString());
  }
  return absl::OkStatus();
}

}  // namespace tablestream
