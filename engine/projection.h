// Copyright 2026 The tablestream Authors.
//
// Projection of an item onto document paths (ProjectionExpression), as
// DynamoDB returns it: each path that names a value is copied with its
// enclosing maps and lists; paths that name nothing are left out. Elements of
// one list that are projected come back as a shorter list, in index order
// (a[3], a[1] of [w, x, y, z] gives [x, z]).
//
// Pure functions: thread-safe.

#ifndef TABLESTREAM_ENGINE_PROJECTION_H_
#define TABLESTREAM_ENGINE_PROJECTION_H_

#include <vector>

#include "engine/document_path.h"
#include "tablestream/attribute_value.h"

namespace tablestream {

// REQUIRES: no path of `paths` is a prefix of another (the parser refuses
// overlapping paths); if one is, the shorter path wins.
Item ProjectItem(const Item& item, const std::vector<DocumentPath>& paths);

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_PROJECTION_H_
