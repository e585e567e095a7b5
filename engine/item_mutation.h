// Copyright 2026 The tablestream Authors.
//
// ItemMutation is one PutItem, UpdateItem or DeleteItem (or a transaction's
// ConditionCheck, which only evaluates its condition), as the commit
// pipeline applies it: read the current item (seeing earlier writes of the
// same group), check the condition, compute the new item, and if the item
// really changes, stage the item write, the item count and the stream record
// (with the shard's next sequence number) in the group's batch.
//
// A write that changes nothing (same value, delete of a missing item, an
// update with no effect) stages nothing: no write, no record. Values are
// compared after canonicalization, so number formatting and set order are
// not changes.
//
// The request is validated and canonicalized before the mutation is built
// (Prepare* in engine_impl); Apply() only fails for reasons that depend on
// the item's current state (condition, update type errors, item size) or a
// table deleted meanwhile.

#ifndef TABLESTREAM_ENGINE_ITEM_MUTATION_H_
#define TABLESTREAM_ENGINE_ITEM_MUTATION_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/condition.h"
#include "engine/engine_context.h"
#include "engine/legacy_compile.h"
#include "tablestream/item.h"
#include "tablestream/stream.h"
#include "wal/mutation.h"

namespace tablestream {

class ItemMutation : public Mutation {
 public:
  enum class Kind { kPut, kUpdate, kDelete, kCheck };

  struct Spec {
    Kind kind = Kind::kPut;
    std::shared_ptr<const TableState> table;
    Item key;               // canonical, validated key attributes
    Item new_item;               // kPut: the canonical, validated item
    std::string new_item_bytes;  // kPut: EncodeItem(new_item)
    CompiledUpdate update;  // kUpdate
    Condition condition;
    ReturnValue return_values = ReturnValue::kNone;
    // kAllOld: a failed condition's error carries the existing item.
    ReturnValue return_on_condition_failure = ReturnValue::kNone;
    // A delete made by item TTL: its record carries userIdentity Service.
    bool service_delete = false;
  };

  ItemMutation(const EngineContext& context, Spec spec)
      : ctx_(context), spec_(std::move(spec)) {}

  absl::Status Apply(MutationContext& m) override;

  const storage::TableInfo& table_info() const { return spec_.table->info; }
  const Spec& spec() const { return spec_; }

  // After a successful commit: what the request asked to get back.
  WriteResult& result() { return result_; }
  // The event written, or nullopt for a write that changed nothing.
  std::optional<EventName> event() const { return event_; }

 private:
  // The item after an update of `old` (nullptr: none), or nullopt if the
  // update leaves no item.
  absl::StatusOr<std::optional<Item>> UpdatedItem(const Item* old);
  void FillResult(const Item* old, const Item* updated);

  const EngineContext ctx_;
  const Spec spec_;
  WriteResult result_;
  std::optional<EventName> event_;
};

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_ITEM_MUTATION_H_
