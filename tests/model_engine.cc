// Copyright 2026 The tablestream Authors.

#include "tests/model_engine.h"

#include <algorithm>
#include <utility>

#include "tests/random_values.h"

namespace tablestream {
namespace test {
namespace {

bool IsSet(AttributeType t) {
  return t == AttributeType::kSS || t == AttributeType::kNS ||
         t == AttributeType::kBS;
}

// <0, 0, >0 for two scalars of one type (S, N or B); nullopt otherwise.
std::optional<int> CompareScalars(const AttributeValue& a,
                                  const AttributeValue& b) {
  if (a.type() != b.type()) return std::nullopt;
  switch (a.type()) {
    case AttributeType::kN: {
      const int64_t x = CentsOf(a.scalar()), y = CentsOf(b.scalar());
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case AttributeType::kS:
    case AttributeType::kB:
      return a.scalar().compare(b.scalar());
    default:
      return std::nullopt;
  }
}

bool EntryHolds(const std::string& name, const ExpectedAttributeValue& e,
                const Item* item) {
  const AttributeValue* actual = nullptr;
  if (item != nullptr) {
    auto it = item->find(name);
    if (it != item->end()) actual = &it->second;
  }
  if (!e.comparison_operator) {
    if (e.exists.has_value() && !*e.exists) return actual == nullptr;
    return actual != nullptr && *actual == *e.value;
  }
  const std::vector<AttributeValue>& args = e.attribute_value_list;
  switch (*e.comparison_operator) {
    case ComparisonOperator::kNull:
      return actual == nullptr;
    case ComparisonOperator::kNotNull:
      return actual != nullptr;
    case ComparisonOperator::kEq:
      return actual != nullptr && *actual == args[0];
    case ComparisonOperator::kNe:
      return !(actual != nullptr && *actual == args[0]);
    case ComparisonOperator::kLt:
    case ComparisonOperator::kGt: {
      if (actual == nullptr) return false;
      std::optional<int> c = CompareScalars(*actual, args[0]);
      if (!c) return false;
      return *e.comparison_operator == ComparisonOperator::kLt ? *c < 0
                                                               : *c > 0;
    }
    default:
      ADD_FAILURE() << "the model does not implement this operator";
      return false;
  }
}

std::optional<Item> Project(
    const std::optional<Item>& item,
    const std::map<std::string, AttributeValueUpdate>& updates) {
  if (!item) return std::nullopt;
  Item out;
  for (const auto& [name, update] : updates) {
    auto it = item->find(name);
    if (it != item->end()) out.insert(*it);
  }
  if (out.empty()) return std::nullopt;
  return out;
}

// Applies one AttributeUpdates action to *item. Returns false on a type
// mismatch with the attribute's current value (a ValidationException).
bool ApplyAction(const std::string& name, const AttributeValueUpdate& u,
                 Item* item) {
  auto it = item->find(name);
  const AttributeValue* current = it == item->end() ? nullptr : &it->second;
  switch (u.action) {
    case AttributeAction::kPut:
      (*item)[name] = *u.value;
      return true;
    case AttributeAction::kDelete: {
      if (!u.value) {
        item->erase(name);
        return true;
      }
      if (current == nullptr) return true;
      if (current->type() != u.value->type()) return false;
      std::vector<std::string> kept;
      for (const std::string& e : current->set()) {
        bool removed = false;
        for (const std::string& d : u.value->set()) {
          removed |= u.value->type() == AttributeType::kNS
                         ? CentsOf(e) == CentsOf(d)
                         : e == d;
        }
        if (!removed) kept.push_back(e);
      }
      if (kept.empty()) {
        item->erase(name);
      } else {
        (*item)[name] = CanonicalSet(current->type(), kept);
      }
      return true;
    }
    case AttributeAction::kAdd: {
      if (current == nullptr) {
        (*item)[name] = *u.value;
        return true;
      }
      if (current->type() != u.value->type()) return false;
      if (current->type() == AttributeType::kN) {
        (*item)[name] = AttributeValue::N(CanonicalNumber(
            CentsOf(current->scalar()) + CentsOf(u.value->scalar())));
        return true;
      }
      if (!IsSet(current->type())) return false;
      std::vector<std::string> all = current->set();
      all.insert(all.end(), u.value->set().begin(), u.value->set().end());
      (*item)[name] = CanonicalSet(current->type(), all);
      return true;
    }
  }
  return false;
}

ModelOutcome Failure(std::vector<std::string> exceptions) {
  ModelOutcome o;
  o.allowed_exceptions = std::move(exceptions);
  return o;
}

}  // namespace

bool ModelConditionHolds(const ExpectedConditions& expected, const Item* item) {
  if (expected.expected.empty()) return true;
  const bool any = expected.conditional_operator == ConditionalOperator::kOr;
  for (const auto& [name, e] : expected.expected) {
    const bool holds = EntryHolds(name, e, item);
    if (any && holds) return true;
    if (!any && !holds) return false;
  }
  return !any;
}

std::pair<std::optional<Item>, std::optional<Item>> ExpectedImages(
    const ModelRecord& record, StreamViewType view) {
  const bool want_new = view == StreamViewType::kNewImage ||
                        view == StreamViewType::kNewAndOldImages;
  const bool want_old = view == StreamViewType::kOldImage ||
                        view == StreamViewType::kNewAndOldImages;
  return {want_new ? record.new_image : std::nullopt,
          want_old ? record.old_image : std::nullopt};
}

bool RecordMatches(const StreamRecord& got, const ModelRecord& want,
                   StreamViewType view) {
  const auto [new_image, old_image] = ExpectedImages(want, view);
  return got.event_name == want.event && got.dynamodb.keys == want.keys &&
         got.dynamodb.new_image == new_image &&
         got.dynamodb.old_image == old_image;
}

std::string ModelRecordDebugString(const ModelRecord& record,
                                   StreamViewType view) {
  const auto [new_image, old_image] = ExpectedImages(record, view);
  return "{" + std::string(EventNameName(record.event)) +
         " keys=" + ItemDebugString(record.keys) +
         " new=" + ItemDebugString(new_image) +
         " old=" + ItemDebugString(old_image) + "}";
}

ModelTable ReplayStream(const ModelTableSpec& spec,
                        const std::vector<StreamRecord>& records) {
  ModelTable model(spec);
  for (const StreamRecord& r : records) {
    if (r.event_name == EventName::kRemove || !r.dynamodb.new_image) {
      model.Delete(r.dynamodb.keys, {}, ReturnValue::kNone,
                   r.dynamodb.approximate_creation_date_time);
    } else {
      model.Put(*r.dynamodb.new_image, {}, ReturnValue::kNone,
                r.dynamodb.approximate_creation_date_time);
    }
  }
  return model;
}

Item ModelTable::KeyOf(const Item& item) const {
  Item key;
  key[spec_.hash.name] = item.at(spec_.hash.name);
  if (spec_.range) key[spec_.range->name] = item.at(spec_.range->name);
  return key;
}

const Item* ModelTable::Find(const Item& key) const {
  auto it = items_.find(KeyString(key));
  return it == items_.end() ? nullptr : &it->second;
}

std::optional<ModelRecord> ModelTable::Commit(
    const Item& key, const std::optional<Item>& old,
    const std::optional<Item>& updated, int64_t now_seconds) {
  if (old == updated) return std::nullopt;  // no change, no record
  if (updated) {
    items_[KeyString(key)] = *updated;
  } else {
    items_.erase(KeyString(key));
  }
  ModelRecord record;
  record.event = !old ? EventName::kInsert
                      : (!updated ? EventName::kRemove : EventName::kModify);
  record.keys = key;
  record.old_image = old;
  record.new_image = updated;
  record.creation_seconds = now_seconds;
  if (spec_.view) records_.push_back(record);
  return record;
}

ModelOutcome ModelTable::Put(const Item& item,
                             const ExpectedConditions& expected,
                             ReturnValue return_values, int64_t now_seconds) {
  const Item key = KeyOf(item);
  const Item* found = Find(key);
  const std::optional<Item> old =
      found ? std::optional<Item>(*found) : std::nullopt;
  if (!ModelConditionHolds(expected, found)) {
    return Failure({std::string(kConditionalCheckFailedException)});
  }
  ModelOutcome o;
  if (return_values == ReturnValue::kAllOld) o.returned = old;
  o.record = Commit(key, old, item, now_seconds);
  return o;
}

ModelOutcome ModelTable::Update(
    const Item& key, const std::map<std::string, AttributeValueUpdate>& updates,
    const ExpectedConditions& expected, ReturnValue return_values,
    int64_t now_seconds) {
  const Item* found = Find(key);
  const std::optional<Item> old =
      found ? std::optional<Item>(*found) : std::nullopt;
  const bool condition_holds = ModelConditionHolds(expected, found);

  bool creates = updates.empty();
  for (const auto& [name, u] : updates) {
    creates |= u.action != AttributeAction::kDelete;
  }
  std::optional<Item> updated;
  bool type_error = false;
  if (old || creates) {
    Item next = old ? *old : key;
    for (const auto& [name, u] : updates) {
      type_error |= !ApplyAction(name, u, &next);
    }
    updated = std::move(next);
  }
  // Which error DynamoDB reports when both apply is not documented: accept
  // either.
  std::vector<std::string> errors;
  if (!condition_holds) {
    errors.push_back(std::string(kConditionalCheckFailedException));
  }
  if (type_error) errors.push_back(std::string(kValidationException));
  if (!errors.empty()) return Failure(std::move(errors));

  ModelOutcome o;
  switch (return_values) {
    case ReturnValue::kNone:
      break;
    case ReturnValue::kAllOld:
      o.returned = old;
      break;
    case ReturnValue::kAllNew:
      o.returned = updated;
      break;
    case ReturnValue::kUpdatedOld:
      o.returned = Project(old, updates);
      break;
    case ReturnValue::kUpdatedNew:
      o.returned = Project(updated, updates);
      break;
  }
  o.record = Commit(key, old, updated, now_seconds);
  return o;
}

ModelOutcome ModelTable::Delete(const Item& key,
                                const ExpectedConditions& expected,
                                ReturnValue return_values,
                                int64_t now_seconds) {
  const Item* found = Find(key);
  const std::optional<Item> old =
      found ? std::optional<Item>(*found) : std::nullopt;
  if (!ModelConditionHolds(expected, found)) {
    return Failure({std::string(kConditionalCheckFailedException)});
  }
  ModelOutcome o;
  if (return_values == ReturnValue::kAllOld) o.returned = old;
  o.record = Commit(key, old, std::nullopt, now_seconds);
  return o;
}

}  // namespace test
}  // namespace tablestream
