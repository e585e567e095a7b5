// Copyright 2026 The tablestream Authors.

#include "engine/projection.h"

#include "gtest/gtest.h"

namespace tablestream {
namespace {

using V = AttributeValue;

PathElement Name(std::string n) { return PathElement::Name(std::move(n)); }
PathElement Index(size_t i) { return PathElement::Index(i); }

TEST(ProjectionTest, TopLevelNestedAndListElements) {
  Item item = {{"a", V::N("1")},
               {"b", V::M({{"c", V::S("x")}, {"d", V::S("y")}})},
               {"l", V::L({V::N("0"), V::N("1"), V::N("2"), V::N("3")})},
               {"z", V::N("9")}};
  Item out = ProjectItem(item, {{Name("a")},
                                {Name("b"), Name("d")},
                                {Name("l"), Index(3)},
                                {Name("l"), Index(1)},
                                {Name("missing")},
                                {Name("l"), Index(7)}});
  Item want = {{"a", V::N("1")},
               {"b", V::M({{"d", V::S("y")}})},
               {"l", V::L({V::N("1"), V::N("3")})}};
  EXPECT_EQ(out, want);
}

TEST(ProjectionTest, NothingMatches) {
  EXPECT_TRUE(ProjectItem({{"a", V::N("1")}}, {{Name("b")}}).empty());
  EXPECT_TRUE(
      ProjectItem({{"a", V::N("1")}}, {{Name("a"), Name("x")}}).empty());
}

}  // namespace
}  // namespace tablestream
