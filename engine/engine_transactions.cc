// Copyright 2026 The tablestream Authors.
//
// TransactWriteItems and TransactGetItems (see transaction.h), and the
// all-or-nothing commit of several item mutations that BatchWriteItem shares.

#include <set>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/engine_impl.h"
#include "engine/item_key.h"
#include "engine/transaction_mutation.h"
#include "proto/item_codec.h"
#include "rocksdb/snapshot.h"
#include "tablestream/errors.h"
#include "util/absl_compat.h"
#include "util/attribute_canonical.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

// `status` with " (in <where>)" appended to its message, so that an error
// names the offending action. Keeps the exception name.
absl::Status In(const absl::Status& status, const std::string& where) {
  if (status.ok()) return status;
  return MakeError(ExceptionName(status),
                   absl::StrCat(ErrorMessage(status), " (in ", where, ")"));
}

absl::Status CheckActionCount(size_t count, std::string_view what) {
  if (count >= 1 && count <= kMaxTransactionActions) return absl::OkStatus();
  return ValidationError(absl::StrCat(
      "1 validation error detected: Value at 'transactItems' failed to "
      "satisfy constraint: Member must have length ",
      count == 0 ? "greater than or equal to 1"
                 : absl::StrCat("less than or equal to ",
                                kMaxTransactionActions),
      " (", AsAbsl(what), " has ", count, " actions)"));
}

absl::Status DuplicateItem() {
  return ValidationError(
      "Transaction request cannot include multiple operations on one item");
}

// What DynamoDB refuses in a transaction's Put, Update and Delete.
absl::Status CheckTransactionWrite(ReturnValue return_values,
                                   bool has_expected) {
  if (return_values != ReturnValue::kNone) {
    return ValidationError(
        "ReturnValues is not supported in TransactWriteItems (use "
        "ReturnValuesOnConditionCheckFailure)");
  }
  if (has_expected) {
    return ValidationError(
        "Expected is not supported in TransactWriteItems; use "
        "ConditionExpression");
  }
  return absl::OkStatus();
}

// Adds the placeholders to `fp` and returns their size in bytes.
absl::StatusOr<int64_t> AddPlaceholders(const ExpressionPlaceholders& p,
                                        Fingerprint* fp) {
  int64_t size = 0;
  fp->Add(p.names ? "names" : "");
  if (p.names) {
    for (const auto& [name, value] : *p.names) {
      fp->Add(name);
      fp->Add(value);
      size += name.size() + value.size();
    }
  }
  fp->Add(p.values ? "values" : "");
  if (p.values) {
    Item values = *p.values;
    TABLESTREAM_RETURN_IF_ERROR(CanonicalizeItem(&values));
    fp->Add(EncodeItem(values));
    size += ItemSize(values);
  }
  return size;
}

void AddOptional(const std::optional<std::string>& s, Fingerprint* fp,
                 int64_t* size) {
  fp->Add(s ? "1" : "0");
  if (s) {
    fp->Add(*s);
    *size += s->size();
  }
}

}  // namespace

absl::Status EngineImpl::CommitItemMutations(
    std::vector<ItemMutation::Spec> specs, bool transaction,
    std::optional<ClientToken> token, const WriteOptions& options) {
  std::vector<std::unique_ptr<ItemMutation>> actions;
  std::set<uint64_t> tables;
  for (ItemMutation::Spec& spec : specs) {
    if (tables.insert(spec.table->info.table_id()).second) {
      TABLESTREAM_RETURN_IF_ERROR(MaybeRollOverShard(spec.table->info));
    }
    actions.push_back(std::make_unique<ItemMutation>(context_, std::move(spec)));
  }
  TransactionMutation mutation(context_, std::move(actions), transaction,
                              std::move(token));
  return pipeline_->Commit(&mutation, Durable(options));
}

absl::Status EngineImpl::TransactWriteItems(
    const TransactWriteItemsRequest& request, const WriteOptions& options) {
  TABLESTREAM_RETURN_IF_ERROR(
      CheckActionCount(request.transact_items.size(), "TransactWriteItems"));
  const std::optional<std::string>& token = request.client_request_token;
  if (token && (token->empty() || token->size() > kMaxClientRequestTokenLength)) {
    return ValidationError(absl::StrCat(
        "1 validation error detected: Value at 'clientRequestToken' failed to "
        "satisfy constraint: Member must have length between 1 and ",
        kMaxClientRequestTokenLength, " (it has ", token->size(), ")"));
  }
  std::vector<ItemMutation::Spec> specs;
  std::set<std::string> items;  // storage keys (they hold the table id)
  Fingerprint fp;
  int64_t size = 0;
  for (size_t i = 0; i < request.transact_items.size(); ++i) {
    const TransactWriteItem& action = request.transact_items[i];
    absl::StatusOr<ItemMutation::Spec> spec;
    const ExpressionPlaceholders* placeholders = nullptr;
    std::string where;
    if (const auto* put = std::get_if<PutItemRequest>(&action)) {
      where = absl::StrCat("TransactItems[", i, "].Put");
      TABLESTREAM_RETURN_IF_ERROR(In(
          CheckTransactionWrite(put->return_values,
                                !put->expected.expected.empty()),
          where));
      spec = PreparePut(*put);
      placeholders = &put->placeholders;
      AddOptional(put->condition_expression, &fp, &size);
    } else if (const auto* update = std::get_if<UpdateItemRequest>(&action)) {
      where = absl::StrCat("TransactItems[", i, "].Update");
      TABLESTREAM_RETURN_IF_ERROR(In(
          CheckTransactionWrite(update->return_values,
                                !update->expected.expected.empty()),
          where));
      if (!update->update_expression) {
        return In(ValidationError("UpdateExpression is required in a "
                                  "transaction's Update"),
                  where);
      }
      spec = PrepareUpdate(*update);
      placeholders = &update->placeholders;
      AddOptional(update->condition_expression, &fp, &size);
      AddOptional(update->update_expression, &fp, &size);
    } else if (const auto* del = std::get_if<DeleteItemRequest>(&action)) {
      where = absl::StrCat("TransactItems[", i, "].Delete");
      TABLESTREAM_RETURN_IF_ERROR(In(
          CheckTransactionWrite(del->return_values,
                                !del->expected.expected.empty()),
          where));
      spec = PrepareDelete(*del);
      placeholders = &del->placeholders;
      AddOptional(del->condition_expression, &fp, &size);
    } else {
      const auto& check = std::get<ConditionCheck>(action);
      where = absl::StrCat("TransactItems[", i, "].ConditionCheck");
      if (check.condition_expression.empty()) {
        return In(ValidationError("ConditionExpression is required in a "
                                  "ConditionCheck"),
                  where);
      }
      DeleteItemRequest as_delete;
      as_delete.table_name = check.table_name;
      as_delete.key = check.key;
      as_delete.condition_expression = check.condition_expression;
      as_delete.placeholders = check.placeholders;
      as_delete.return_values_on_condition_check_failure =
          check.return_values_on_condition_check_failure;
      spec = PrepareDelete(as_delete);
      if (spec.ok()) spec->kind = ItemMutation::Kind::kCheck;
      placeholders = &check.placeholders;
      AddOptional(as_delete.condition_expression, &fp, &size);
    }
    TABLESTREAM_RETURN_IF_ERROR(In(spec.status(), where));
    TABLESTREAM_ASSIGN_OR_RETURN(const int64_t placeholder_size,
                                 AddPlaceholders(*placeholders, &fp));
    const TableState& table = *spec->table;
    const std::string key =
        ItemStorageKey(table.info.table_id(), table.key_schema, spec->key);
    if (!items.insert(key).second) return In(DuplicateItem(), where);
    fp.Add(absl::StrCat(static_cast<int>(spec->kind), "/",
                        static_cast<int>(spec->return_on_condition_failure)));
    fp.Add(table.info.name());
    const bool put = spec->kind == ItemMutation::Kind::kPut;
    fp.Add(put ? spec->new_item_bytes : EncodeItem(spec->key));
    size += placeholder_size + table.info.name().size() +
            ItemSize(put ? spec->new_item : spec->key);
    specs.push_back(*std::move(spec));
  }
  if (size > kMaxTransactionBytes) {
    return ValidationError(absl::StrCat(
        "Transaction size has exceeded the maximum allowed size (the request "
        "is ",
        size, " bytes; the limit is ", kMaxTransactionBytes, ")"));
  }
  std::optional<ClientToken> client_token;
  if (token) client_token = ClientToken{*token, fp.value()};
  return CommitItemMutations(std::move(specs), /*transaction=*/true,
                             std::move(client_token), options);
}

absl::StatusOr<TransactGetItemsResult> EngineImpl::TransactGetItems(
    const TransactGetItemsRequest& request) {
  TABLESTREAM_RETURN_IF_ERROR(
      CheckActionCount(request.transact_items.size(), "TransactGetItems"));
  std::vector<ItemRead> reads;
  std::set<std::string> items;
  for (size_t i = 0; i < request.transact_items.size(); ++i) {
    const GetItemRequest& get = request.transact_items[i];
    const std::string where = absl::StrCat("TransactItems[", i, "].Get");
    if (!get.attributes_to_get.empty()) {
      return In(ValidationError("AttributesToGet is not supported in "
                                "TransactGetItems; use ProjectionExpression"),
                where);
    }
    absl::StatusOr<ItemRead> read = PrepareGet(get);
    TABLESTREAM_RETURN_IF_ERROR(In(read.status(), where));
    if (!items.insert(read->storage_key).second) {
      return In(DuplicateItem(), where);
    }
    reads.push_back(*std::move(read));
  }
  rocksdb::ManagedSnapshot snapshot(db_.get());
  TransactGetItemsResult result;
  for (const ItemRead& read : reads) {
    TABLESTREAM_ASSIGN_OR_RETURN(std::optional<Item> item,
                                 ReadItem(read, snapshot.snapshot()));
    result.responses.push_back(std::move(item));
  }
  return result;
}

}  // namespace tablestream
