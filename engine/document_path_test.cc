// Copyright 2026 The tablestream Authors.

#include "engine/document_path.h"

#include "gtest/gtest.h"

namespace tablestream {
namespace {

using V = AttributeValue;

DocumentPath P(std::initializer_list<PathElement> elements) {
  return DocumentPath(elements);
}
PathElement Name(std::string n) { return PathElement::Name(std::move(n)); }
PathElement Index(size_t i) { return PathElement::Index(i); }

Item SampleItem() {
  return Item{
      {"a",
       V::M({{"b", V::L({V::N("1"), V::S("two"), V::M({{"c", V::S("deep")}})})},
             {"n", V::N("7")}})},
      {"top", V::S("x")},
      {"list", V::L({V::L({V::N("0"), V::N("1")})})},
      {"a.b", V::S("dotted name")},
  };
}

TEST(DocumentPathTest, PathToString) {
  EXPECT_EQ(PathToString(P({Name("a"), Name("b"), Index(2), Name("c")})),
            "a.b[2].c");
  EXPECT_EQ(PathToString(TopLevel("x")), "x");
  EXPECT_EQ(PathToString(P({Name("l"), Index(0), Index(11)})), "l[0][11]");
  EXPECT_EQ(PathToString(DocumentPath()), "");
}

TEST(DocumentPathTest, TopLevelIsOneName) {
  DocumentPath p = TopLevel("name");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].kind, PathElement::Kind::kName);
  EXPECT_EQ(p[0].name, "name");
  // The aggregate form the interface promises still works.
  PathElement e{PathElement::Kind::kName, "name"};
  EXPECT_EQ(p[0], e);
  EXPECT_NE(PathElement::Index(1), PathElement::Index(2));
  EXPECT_NE(PathElement::Index(0), PathElement::Name(""));
}

TEST(DocumentPathTest, ResolvesNestedMapsAndLists) {
  const Item item = SampleItem();
  const V* v =
      ResolvePath(item, P({Name("a"), Name("b"), Index(2), Name("c")}));
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(*v, V::S("deep"));

  v = ResolvePath(item, P({Name("a"), Name("b"), Index(0)}));
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(*v, V::N("1"));

  v = ResolvePath(item, P({Name("list"), Index(0), Index(1)}));
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(*v, V::N("1"));

  v = ResolvePath(item, TopLevel("top"));
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(*v, V::S("x"));
  // The pointer is into the item.
  EXPECT_EQ(v, &item.at("top"));

  // A dot in a top-level name is part of the name, not a path step.
  v = ResolvePath(item, TopLevel("a.b"));
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(*v, V::S("dotted name"));
}

TEST(DocumentPathTest, MissingStepsResolveToNull) {
  const Item item = SampleItem();
  EXPECT_EQ(ResolvePath(item, TopLevel("nope")), nullptr);
  EXPECT_EQ(ResolvePath(item, P({Name("a"), Name("nope")})), nullptr);
  EXPECT_EQ(ResolvePath(item, P({Name("a"), Name("b"), Index(3)})), nullptr);
  EXPECT_EQ(ResolvePath(item, P({Name("a"), Name("b"), Index(100)})), nullptr);
  EXPECT_EQ(ResolvePath(item, P({Name("nope"), Name("b")})), nullptr);
}

TEST(DocumentPathTest, WrongTypeStepsResolveToNull) {
  const Item item = SampleItem();
  // Index into a map, name into a list, anything into a scalar.
  EXPECT_EQ(ResolvePath(item, P({Name("a"), Index(0)})), nullptr);
  EXPECT_EQ(ResolvePath(item, P({Name("a"), Name("b"), Name("c")})), nullptr);
  EXPECT_EQ(ResolvePath(item, P({Name("top"), Index(0)})), nullptr);
  EXPECT_EQ(ResolvePath(item, P({Name("top"), Name("x")})), nullptr);
  EXPECT_EQ(ResolvePath(item, P({Name("a"), Name("n"), Name("x")})), nullptr);
}

TEST(DocumentPathTest, MalformedPathsResolveToNull) {
  const Item item = SampleItem();
  EXPECT_EQ(ResolvePath(item, DocumentPath()), nullptr);
  EXPECT_EQ(ResolvePath(item, P({Index(0)})), nullptr);
  EXPECT_EQ(ResolvePath(Item(), TopLevel("a")), nullptr);
}

}  // namespace
}  // namespace tablestream
