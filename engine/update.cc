// Copyright 2026 The tablestream Authors.

#include "engine/update.h"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "util/attribute_canonical.h"
#include "util/number.h"
#include "util/status_macros.h"

namespace tablestream {

ValueExpr ValueExpr::Literal(AttributeValue value) {
  ValueExpr e;
  e.kind = Kind::kLiteral;
  e.literal = std::move(value);
  return e;
}

ValueExpr ValueExpr::Path(DocumentPath path) {
  ValueExpr e;
  e.kind = Kind::kPath;
  e.path = std::move(path);
  return e;
}

ValueExpr ValueExpr::IfNotExists(DocumentPath path, ValueExpr fallback) {
  ValueExpr e;
  e.kind = Kind::kIfNotExists;
  e.path = std::move(path);
  e.args.push_back(std::move(fallback));
  return e;
}

namespace {

ValueExpr Binary(ValueExpr::Kind kind, ValueExpr a, ValueExpr b) {
  ValueExpr e;
  e.kind = kind;
  e.args.push_back(std::move(a));
  e.args.push_back(std::move(b));
  return e;
}

}  // namespace

ValueExpr ValueExpr::ListAppend(ValueExpr a, ValueExpr b) {
  return Binary(Kind::kListAppend, std::move(a), std::move(b));
}

ValueExpr ValueExpr::Plus(ValueExpr a, ValueExpr b) {
  return Binary(Kind::kPlus, std::move(a), std::move(b));
}

ValueExpr ValueExpr::Minus(ValueExpr a, ValueExpr b) {
  return Binary(Kind::kMinus, std::move(a), std::move(b));
}

UpdateAction UpdateAction::Set(DocumentPath path, ValueExpr value) {
  return UpdateAction{Kind::kSet, std::move(path), std::move(value)};
}

UpdateAction UpdateAction::Remove(DocumentPath path) {
  return UpdateAction{Kind::kRemove, std::move(path), ValueExpr()};
}

UpdateAction UpdateAction::Add(DocumentPath path, AttributeValue value) {
  return UpdateAction{Kind::kAdd, std::move(path),
                      ValueExpr::Literal(std::move(value))};
}

UpdateAction UpdateAction::Delete(DocumentPath path, AttributeValue value) {
  return UpdateAction{Kind::kDelete, std::move(path),
                      ValueExpr::Literal(std::move(value))};
}

namespace {

constexpr char kInvalidPath[] =
    "The document path provided in the update expression is invalid for update";
constexpr char kBadOperandType[] =
    "An operand in the update expression has an incorrect data type";
constexpr char kMissingOperand[] =
    "The provided expression refers to an attribute that does not exist in "
    "the item";

absl::Status Malformed(const std::string& what) {
  return ValidationError(absl::StrCat("Malformed update: ", what));
}

bool IsSet(AttributeType type) {
  return type == AttributeType::kSS || type == AttributeType::kNS ||
         type == AttributeType::kBS;
}

// Set elements in canonical order: numeric for NS, bytewise otherwise.
bool ElementLess(AttributeType type, const std::string& a,
                 const std::string& b) {
  if (type == AttributeType::kNS) return CompareCanonicalNumbers(a, b) < 0;
  return a < b;
}

// a ∪ b (both canonical sets of `type`), canonical.
AttributeValue SetUnion(AttributeType type, const std::vector<std::string>& a,
                        const std::vector<std::string>& b) {
  auto less = [type](const std::string& x, const std::string& y) {
    return ElementLess(type, x, y);
  };
  std::vector<std::string> out;
  out.reserve(a.size() + b.size());
  std::set_union(a.begin(), a.end(), b.begin(), b.end(),
                 std::back_inserter(out), less);
  AttributeValue v = type == AttributeType::kSS   ? AttributeValue::SS({})
                     : type == AttributeType::kNS ? AttributeValue::NS({})
                                                  : AttributeValue::BS({});
  v.mutable_set() = std::move(out);
  return v;
}

// Removes the elements of `remove` from *set (both canonical sets of
// `type`, so sorted).
void SetDifference(AttributeType type, std::vector<std::string>* set,
                   const std::vector<std::string>& remove) {
  auto less = [type](const std::string& x, const std::string& y) {
    return ElementLess(type, x, y);
  };
  auto removed = [&](const std::string& element) {
    return std::binary_search(remove.begin(), remove.end(), element, less);
  };
  set->erase(std::remove_if(set->begin(), set->end(), removed), set->end());
}

absl::StatusOr<AttributeValue> ToNumberValue(const AttributeValue& a,
                                             const AttributeValue& b,
                                             bool subtract) {
  TABLESTREAM_ASSIGN_OR_RETURN(Number x, Number::Parse(a.scalar()));
  TABLESTREAM_ASSIGN_OR_RETURN(Number y, Number::Parse(b.scalar()));
  TABLESTREAM_ASSIGN_OR_RETURN(
      Number sum, subtract ? Number::Subtract(x, y) : Number::Add(x, y));
  return AttributeValue::N(sum.ToString());
}

// Evaluates `e` against `source`, the item before the update.
absl::StatusOr<AttributeValue> Evaluate(const ValueExpr& e,
                                        const Item& source) {
  using Kind = ValueExpr::Kind;
  switch (e.kind) {
    case Kind::kLiteral:
      return e.literal;
    case Kind::kPath: {
      const AttributeValue* v = ResolvePath(source, e.path);
      if (v == nullptr) return ValidationError(kMissingOperand);
      return *v;
    }
    case Kind::kIfNotExists: {
      if (e.args.size() != 1) {
        return Malformed("if_not_exists needs 2 operands");
      }
      const AttributeValue* v = ResolvePath(source, e.path);
      if (v != nullptr) return *v;
      return Evaluate(e.args[0], source);
    }
    case Kind::kListAppend:
    case Kind::kPlus:
    case Kind::kMinus:
      break;
  }
  if (e.args.size() != 2) {
    return Malformed(
        absl::StrCat("a binary operator has ", e.args.size(), " operands"));
  }
  TABLESTREAM_ASSIGN_OR_RETURN(AttributeValue a, Evaluate(e.args[0], source));
  TABLESTREAM_ASSIGN_OR_RETURN(AttributeValue b, Evaluate(e.args[1], source));
  if (e.kind == Kind::kListAppend) {
    if (a.type() != AttributeType::kL || b.type() != AttributeType::kL) {
      return ValidationError(kBadOperandType);
    }
    std::vector<AttributeValue>& list = a.mutable_list();
    for (AttributeValue& element : b.mutable_list()) {
      list.push_back(std::move(element));
    }
    return a;
  }
  if (a.type() != AttributeType::kN || b.type() != AttributeType::kN) {
    return ValidationError(kBadOperandType);
  }
  return ToNumberValue(a, b, e.kind == Kind::kMinus);
}

// The value the first `length` elements of `path` name in *item, or nullptr.
AttributeValue* MutableResolve(Item* item, const DocumentPath& path,
                               size_t length) {
  auto top = item->find(path[0].name);
  if (top == item->end()) return nullptr;
  AttributeValue* value = &top->second;
  for (size_t i = 1; i < length; ++i) {
    const PathElement& element = path[i];
    if (element.kind == PathElement::Kind::kName) {
      if (value->type() != AttributeType::kM) return nullptr;
      auto it = value->mutable_map().find(element.name);
      if (it == value->mutable_map().end()) return nullptr;
      value = &it->second;
    } else {
      if (value->type() != AttributeType::kL) return nullptr;
      if (element.index >= value->list().size()) return nullptr;
      value = &value->mutable_list()[element.index];
    }
  }
  return value;
}

// Stores `value` at `path`: replaces a map entry or list element, adds a map
// entry, or appends to a list when the index is past its end.
absl::Status Assign(Item* item, const DocumentPath& path,
                    AttributeValue value) {
  if (path.size() == 1) {
    (*item)[path[0].name] = std::move(value);
    return absl::OkStatus();
  }
  AttributeValue* parent = MutableResolve(item, path, path.size() - 1);
  const PathElement& last = path.back();
  if (parent != nullptr && last.kind == PathElement::Kind::kName &&
      parent->type() == AttributeType::kM) {
    parent->mutable_map()[last.name] = std::move(value);
    return absl::OkStatus();
  }
  if (parent != nullptr && last.kind == PathElement::Kind::kIndex &&
      parent->type() == AttributeType::kL) {
    std::vector<AttributeValue>& list = parent->mutable_list();
    if (last.index < list.size()) {
      list[last.index] = std::move(value);
    } else {
      list.push_back(std::move(value));
    }
    return absl::OkStatus();
  }
  return ValidationError(kInvalidPath);
}

// Removes what `path` names, if anything. A path whose parent is missing or
// of the wrong type is an error unless `ignore_bad_path`.
absl::Status RemovePath(Item* item, const DocumentPath& path,
                        bool ignore_bad_path) {
  if (path.size() == 1) {
    item->erase(path[0].name);
    return absl::OkStatus();
  }
  AttributeValue* parent = MutableResolve(item, path, path.size() - 1);
  const PathElement& last = path.back();
  if (parent != nullptr && last.kind == PathElement::Kind::kName &&
      parent->type() == AttributeType::kM) {
    parent->mutable_map().erase(last.name);
    return absl::OkStatus();
  }
  if (parent != nullptr && last.kind == PathElement::Kind::kIndex &&
      parent->type() == AttributeType::kL) {
    std::vector<AttributeValue>& list = parent->mutable_list();
    if (last.index < list.size()) list.erase(list.begin() + last.index);
    return absl::OkStatus();
  }
  return ignore_bad_path ? absl::OkStatus() : ValidationError(kInvalidPath);
}

absl::Status ApplyAdd(Item* item, const DocumentPath& path,
                      const AttributeValue& value) {
  if (value.type() != AttributeType::kN && !IsSet(value.type())) {
    return ValidationError(kBadOperandType);
  }
  const AttributeValue* existing = ResolvePath(*item, path);
  if (existing == nullptr) {
    if (value.type() != AttributeType::kN) return Assign(item, path, value);
    // 0 + value, which also normalizes the value.
    TABLESTREAM_ASSIGN_OR_RETURN(AttributeValue sum,
                                 ToNumberValue(AttributeValue::N("0"), value,
                                               /*subtract=*/false));
    return Assign(item, path, std::move(sum));
  }
  if (existing->type() != value.type()) return ValidationError(kBadOperandType);
  if (value.type() == AttributeType::kN) {
    TABLESTREAM_ASSIGN_OR_RETURN(AttributeValue sum,
                                 ToNumberValue(*existing, value, false));
    return Assign(item, path, std::move(sum));
  }
  return Assign(item, path,
                SetUnion(value.type(), existing->set(), value.set()));
}

// Applies a DELETE; appends `path` to *emptied when the set becomes empty
// (it is removed with the REMOVEs, so list positions stay the old ones).
absl::Status ApplyDelete(Item* item, const DocumentPath& path,
                         const AttributeValue& value, bool item_exists,
                         std::vector<DocumentPath>* emptied) {
  if (!IsSet(value.type())) return ValidationError(kBadOperandType);
  AttributeValue* existing = MutableResolve(item, path, path.size());
  if (existing == nullptr) {
    // Nothing to delete from, but the path itself must make sense.
    if (path.size() == 1 || !item_exists) return absl::OkStatus();
    AttributeValue* parent = MutableResolve(item, path, path.size() - 1);
    const bool parent_ok =
        parent != nullptr &&
        parent->type() == (path.back().kind == PathElement::Kind::kName
                               ? AttributeType::kM
                               : AttributeType::kL);
    return parent_ok ? absl::OkStatus() : ValidationError(kInvalidPath);
  }
  if (existing->type() != value.type()) return ValidationError(kBadOperandType);
  SetDifference(value.type(), &existing->mutable_set(), value.set());
  if (existing->set().empty()) emptied->push_back(path);
  return absl::OkStatus();
}

// Orders paths element by element: names bytewise, indexes numerically, a
// name before an index, a prefix before its extensions.
bool PathLess(const DocumentPath& a, const DocumentPath& b) {
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    const PathElement& x = a[i];
    const PathElement& y = b[i];
    if (x.kind != y.kind) return x.kind == PathElement::Kind::kName;
    if (x.kind == PathElement::Kind::kName) {
      if (x.name != y.name) return x.name < y.name;
    } else if (x.index != y.index) {
      return x.index < y.index;
    }
  }
  return a.size() < b.size();
}

}  // namespace

absl::StatusOr<Item> ApplyUpdate(const std::vector<UpdateAction>& actions,
                                 const Item* old_item, const Item& key,
                                 const std::vector<std::string>& key_names) {
  for (const UpdateAction& action : actions) {
    if (action.path.empty() ||
        action.path[0].kind != PathElement::Kind::kName) {
      return Malformed("an action's path must start with an attribute name");
    }
    const std::string& name = action.path[0].name;
    if (std::find(key_names.begin(), key_names.end(), name) !=
        key_names.end()) {
      return ValidationError(absl::StrCat(
          "One or more parameter values were invalid: Cannot update "
          "attribute ",
          name, ". This attribute is part of the key"));
    }
  }

  const Item& source = old_item != nullptr ? *old_item : key;
  Item item = source;
  std::vector<DocumentPath> removals;
  for (const UpdateAction& action : actions) {
    switch (action.kind) {
      case UpdateAction::Kind::kRemove:
        removals.push_back(action.path);
        break;
      case UpdateAction::Kind::kSet: {
        TABLESTREAM_ASSIGN_OR_RETURN(AttributeValue value,
                                     Evaluate(action.value, source));
        TABLESTREAM_RETURN_IF_ERROR(
            Assign(&item, action.path, std::move(value)));
        break;
      }
      case UpdateAction::Kind::kAdd: {
        TABLESTREAM_ASSIGN_OR_RETURN(AttributeValue value,
                                     Evaluate(action.value, source));
        TABLESTREAM_RETURN_IF_ERROR(ApplyAdd(&item, action.path, value));
        break;
      }
      case UpdateAction::Kind::kDelete: {
        TABLESTREAM_ASSIGN_OR_RETURN(AttributeValue value,
                                     Evaluate(action.value, source));
        TABLESTREAM_RETURN_IF_ERROR(ApplyDelete(
            &item, action.path, value, old_item != nullptr, &removals));
        break;
      }
    }
  }

  // Deepest and highest index first, so that removing one element never
  // shifts the position of another path still to be removed.
  std::sort(removals.begin(), removals.end(),
            [](const DocumentPath& a, const DocumentPath& b) {
              return PathLess(b, a);
            });
  for (const DocumentPath& path : removals) {
    TABLESTREAM_RETURN_IF_ERROR(
        RemovePath(&item, path, /*ignore_bad_path=*/old_item == nullptr));
  }
  return item;
}

std::vector<std::string> UpdatedTopLevelNames(
    const std::vector<UpdateAction>& actions) {
  std::vector<std::string> names;
  for (const UpdateAction& action : actions) {
    if (!action.path.empty() &&
        action.path[0].kind == PathElement::Kind::kName) {
      names.push_back(action.path[0].name);
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace tablestream
