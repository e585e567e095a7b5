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
#include "proto/tablestream.pb.h"
#include "rocksdb/snapshot.h"
#include "tablestream/errors.h"
#include "util/absl_compat.h"
#include "util/attribute_canonical.h"
#include "util/rocksdb_status.h"
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
      count == 0
          ? "greater than or equal to 1"
          : absl::StrCat("less than or equal to ", kMaxTransactionActions),
      " (", AsAbsl(what), " has ", count, " actions)"));
}

absl::Status DuplicateItem() {
  return ValidationError(
      "Transaction request cannot include multiple operations on one item");
}

void AddOptional(const std::optional<std::string>& s, Fingerprint* fp,
                 int64_t* size) {
  fp->Add(s ? "1" : "0");
  if (s) {
    fp->Add(*s);
    *size += s->size();
  }
}

// Adds the condition and the placeholders to `fp`, and their bytes to
// *size.
absl::Status AddConditionParts(const std::optional<std::string>& condition,
                               const ExpressionPlaceholders& p,
                               Fingerprint* fp, int64_t* size) {
  AddOptional(condition, fp, size);
  fp->Add(p.names ? "names" : "");
  if (p.names) {
    for (const auto& [name, value] : *p.names) {
      fp->Add(name);
      fp->Add(value);
      *size += name.size() + value.size();
    }
  }
  fp->Add(p.values ? "values" : "");
  if (p.values) {
    Item values = *p.values;
    TABLESTREAM_RETURN_IF_ERROR(CanonicalizeItem(&values));
    fp->Add(EncodeItem(values));
    *size += ItemSize(values);
  }
  return absl::OkStatus();
}

// What DynamoDB refuses in a transaction's Put, Update and Delete, then
// AddConditionParts.
template <typename Request>
absl::Status CheckWrite(const Request& r, Fingerprint* fp, int64_t* size) {
  if (r.return_values != ReturnValue::kNone) {
    return ValidationError(
        "ReturnValues is not supported in TransactWriteItems (use "
        "ReturnValuesOnConditionCheckFailure)");
  }
  if (!r.expected.expected.empty()) {
    return ValidationError(
        "Expected is not supported in TransactWriteItems; use "
        "ConditionExpression");
  }
  return AddConditionParts(r.condition_expression, r.placeholders, fp, size);
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
    actions.push_back(
        std::make_unique<ItemMutation>(context_, std::move(spec)));
  }
  TransactionMutation mutation(context_, std::move(actions), transaction,
                               std::move(token));
  return pipeline_->Commit(&mutation, Durable(options));
}

absl::Status EngineImpl::DeleteExpiredTokens() {
  const int64_t now = options_.clock->NowMicros();
  std::vector<std::string> expired;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), context_.catalog_cf));
  const rocksdb::Slice prefix(kClientTokenPrefix.data(),
                              kClientTokenPrefix.size());
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix);
       it->Next()) {
    storage::ClientTokenInfo info;
    if (info.ParseFromArray(it->value().data(),
                            static_cast<int>(it->value().size())) &&
        TokenExpired(info.commit_time_micros(), now)) {
      expired.push_back(it->key().ToString());
    }
  }
  TABLESTREAM_RETURN_IF_ERROR(FromRocksDB(it->status(), "token scan"));
  if (expired.empty()) return absl::OkStatus();
  ExpiredTokenSweep sweep(context_, std::move(expired));
  return pipeline_->Commit(&sweep, /*durable=*/false);
}

absl::StatusOr<ItemMutation::Spec> EngineImpl::PrepareCheck(
    const ConditionCheck& check, Fingerprint* fp, int64_t* size) const {
  if (check.condition_expression.empty()) {
    return ValidationError("ConditionExpression is required in a "
                           "ConditionCheck");
  }
  TABLESTREAM_RETURN_IF_ERROR(AddConditionParts(
      check.condition_expression, check.placeholders, fp, size));
  // A delete that never writes: its spec carries the key and the condition.
  DeleteItemRequest as_delete;
  as_delete.table_name = check.table_name;
  as_delete.key = check.key;
  as_delete.condition_expression = check.condition_expression;
  as_delete.placeholders = check.placeholders;
  as_delete.return_values_on_condition_check_failure =
      check.return_values_on_condition_check_failure;
  TABLESTREAM_ASSIGN_OR_RETURN(ItemMutation::Spec spec,
                               PrepareDelete(as_delete));
  spec.kind = ItemMutation::Kind::kCheck;
  return spec;
}

absl::Status EngineImpl::TransactWriteItems(
    const TransactWriteItemsRequest& request, const WriteOptions& options) {
  TABLESTREAM_RETURN_IF_ERROR(
      CheckActionCount(request.transact_items.size(), "TransactWriteItems"));
  const std::optional<std::string>& token = request.client_request_token;
  if (token &&
      (token->empty() || token->size() > kMaxClientRequestTokenLength)) {
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
    std::string where = absl::StrCat("TransactItems[", i, "].");
    if (const auto* put = std::get_if<PutItemRequest>(&action)) {
      where += "Put";
      absl::Status s = CheckWrite(*put, &fp, &size);
      spec = s.ok() ? PreparePut(*put) : s;
    } else if (const auto* update = std::get_if<UpdateItemRequest>(&action)) {
      where += "Update";
      absl::Status s = CheckWrite(*update, &fp, &size);
      if (s.ok() && !update->update_expression) {
        s = ValidationError(
            "UpdateExpression is required in a transaction's Update");
      }
      AddOptional(update->update_expression, &fp, &size);
      spec = s.ok() ? PrepareUpdate(*update) : s;
    } else if (const auto* del = std::get_if<DeleteItemRequest>(&action)) {
      where += "Delete";
      absl::Status s = CheckWrite(*del, &fp, &size);
      spec = s.ok() ? PrepareDelete(*del) : s;
    } else {
      where += "ConditionCheck";
      spec = PrepareCheck(std::get<ConditionCheck>(action), &fp, &size);
    }
    TABLESTREAM_RETURN_IF_ERROR(In(spec.status(), where));
    const TableState& table = *spec->table;
    const std::string key =
        ItemStorageKey(table.info.table_id(), table.key_schema, spec->key);
    if (!items.insert(key).second) return In(DuplicateItem(), where);
    fp.Add(absl::StrCat(static_cast<int>(spec->kind), "/",
                        static_cast<int>(spec->return_on_condition_failure)));
    fp.Add(table.info.name());
    const bool put = spec->kind == ItemMutation::Kind::kPut;
    fp.Add(put ? spec->new_item_bytes : EncodeItem(spec->key));
    size += table.info.name().size() +
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
