// Copyright 2026 The tablestream Authors.
//
// A DocumentPath names a value inside an item: a top-level attribute, then
// map keys and list indexes, as DynamoDB's expressions write it: a.b[2].c.
// Conditions (engine/condition.h) read values through paths and updates
// (engine/update.h) write through them; the legacy parameters compile to
// one-element paths, the expression language will produce longer ones.
//
// Paths are plain values; the functions here touch only their arguments and
// are safe to call from many threads.

#ifndef TABLESTREAM_ENGINE_DOCUMENT_PATH_H_
#define TABLESTREAM_ENGINE_DOCUMENT_PATH_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "tablestream/attribute_value.h"

namespace tablestream {

// One step of a path: a map key (or the top-level attribute name), or a
// list index.
struct PathElement {
  enum class Kind { kName, kIndex };

  static PathElement Name(std::string name) {
    return PathElement{Kind::kName, std::move(name), 0};
  }
  static PathElement Index(size_t index) {
    return PathElement{Kind::kIndex, std::string(), index};
  }

  Kind kind = Kind::kName;
  std::string name;  // kName
  size_t index = 0;  // kIndex

  friend bool operator==(const PathElement& a, const PathElement& b) {
    return a.kind == b.kind &&
           (a.kind == Kind::kName ? a.name == b.name : a.index == b.index);
  }
  friend bool operator!=(const PathElement& a, const PathElement& b) {
    return !(a == b);
  }
};

// a.b[2].c -> {name a, name b, index 2, name c}.
// A well-formed path is not empty and its first element is a name; the
// functions below treat any other path as naming nothing.
using DocumentPath = std::vector<PathElement>;

// "a.b[2].c", for messages. Names are written as they are (no escaping), so
// the text is not always parseable back.
std::string PathToString(const DocumentPath& path);

// The one-element path of a top-level attribute.
DocumentPath TopLevel(std::string name);

// The value at `path` in `item`, or nullptr if any step is missing or of the
// wrong type (a name step into a non-map, an index step into a non-list or
// past its end), or the path is not well-formed.
// Note: the pointer is into `item` and is valid until `item` changes.
const AttributeValue* ResolvePath(const Item& item, const DocumentPath& path);

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_DOCUMENT_PATH_H_
