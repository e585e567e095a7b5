// Copyright 2026 The tablestream Authors.

#include "engine/document_path.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace tablestream {

std::string PathToString(const DocumentPath& path) {
  std::string text;
  for (size_t i = 0; i < path.size(); ++i) {
    const PathElement& element = path[i];
    if (element.kind == PathElement::Kind::kIndex) {
      absl::StrAppend(&text, "[", element.index, "]");
    } else {
      if (i > 0) text.push_back('.');
      text.append(element.name);
    }
  }
  return text;
}

DocumentPath TopLevel(std::string name) {
  return DocumentPath{PathElement::Name(std::move(name))};
}

const AttributeValue* ResolvePath(const Item& item, const DocumentPath& path) {
  if (path.empty() || path[0].kind != PathElement::Kind::kName) return nullptr;
  auto top = item.find(path[0].name);
  if (top == item.end()) return nullptr;
  const AttributeValue* value = &top->second;
  for (size_t i = 1; i < path.size(); ++i) {
    const PathElement& element = path[i];
    if (element.kind == PathElement::Kind::kName) {
      if (value->type() != AttributeType::kM) return nullptr;
      auto it = value->map().find(element.name);
      if (it == value->map().end()) return nullptr;
      value = &it->second;
    } else {
      if (value->type() != AttributeType::kL) return nullptr;
      if (element.index >= value->list().size()) return nullptr;
      value = &value->list()[element.index];
    }
  }
  return value;
}

}  // namespace tablestream
