// Copyright 2026 The tablestream Authors.

#include "engine/projection.h"

#include <map>
#include <string>
#include <utility>

namespace tablestream {
namespace {

// The projected part of one value: all of it, or some map keys, or some
// list elements.
struct Node {
  bool whole = false;
  std::map<std::string, Node> names;
  std::map<size_t, Node> indexes;
};

AttributeValue Render(const AttributeValue& value, const Node& node) {
  if (node.whole) return value;
  if (!node.names.empty()) {
    Item m;
    for (const auto& [name, child] : node.names) {
      m.emplace(name, Render(value.map().at(name), child));
    }
    return AttributeValue::M(std::move(m));
  }
  std::vector<AttributeValue> l;
  for (const auto& [index, child] : node.indexes) {
    l.push_back(Render(value.list()[index], child));
  }
  return AttributeValue::L(std::move(l));
}

}  // namespace

Item ProjectItem(const Item& item, const std::vector<DocumentPath>& paths) {
  Node root;
  for (const DocumentPath& path : paths) {
    if (ResolvePath(item, path) == nullptr) continue;
    Node* node = &root;
    for (const PathElement& e : path) {
      if (node->whole) break;
      node = e.kind == PathElement::Kind::kName ? &node->names[e.name]
                                                : &node->indexes[e.index];
    }
    node->whole = true;
    node->names.clear();
    node->indexes.clear();
  }
  Item out;
  for (const auto& [name, child] : root.names) {
    out.emplace(name, Render(item.at(name), child));
  }
  return out;
}

}  // namespace tablestream
