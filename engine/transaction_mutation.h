// Copyright 2026 The tablestream Authors.
//
// TransactionMutation applies several item mutations (on distinct items) as
// one pipeline mutation, so that they commit in one write batch or not at
// all: TransactWriteItems and BatchWriteItem.
//
// Apply() applies every action, even after one failed, to learn each
// action's outcome (the items are distinct, so no action sees another's
// writes). If any failed, it returns an error and the pipeline drops every
// staged write and sequence number of the mutation. A transaction's error is
// TransactionCanceledException with one reason per action; a batch's is the
// first failure. An internal error (a failed read) is returned as it is.
//
// With a client token, Apply() first looks the token up: an unexpired entry
// with the same fingerprint makes the mutation a replay (nothing staged,
// replayed() true); another fingerprint fails with
// IdempotentParameterMismatchException. Otherwise the token is stored with
// the writes.

#ifndef TABLESTREAM_ENGINE_TRANSACTION_MUTATION_H_
#define TABLESTREAM_ENGINE_TRANSACTION_MUTATION_H_

#include <memory>
#include <optional>
#include <vector>

#include "engine/client_token.h"
#include "engine/engine_context.h"
#include "engine/item_mutation.h"
#include "wal/mutation.h"

namespace tablestream {

class TransactionMutation : public Mutation {
 public:
  TransactionMutation(const EngineContext& context,
                      std::vector<std::unique_ptr<ItemMutation>> actions,
                      bool transaction, std::optional<ClientToken> token)
      : ctx_(context),
        actions_(std::move(actions)),
        transaction_(transaction),
        token_(std::move(token)) {}

  absl::Status Apply(MutationContext& m) override;

  // Whether the last Apply() found the token of an identical committed
  // request.
  bool replayed() const { return replayed_; }

 private:
  // Checks the token; sets replayed_.
  absl::Status CheckToken(MutationContext& m);

  const EngineContext ctx_;
  const std::vector<std::unique_ptr<ItemMutation>> actions_;
  const bool transaction_;
  const std::optional<ClientToken> token_;
  bool replayed_ = false;
};

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_TRANSACTION_MUTATION_H_
