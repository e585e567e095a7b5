// Copyright 2026 The tablestream Authors.

#include "engine/condition.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tablestream/errors.h"
#include "util/attribute_canonical.h"

namespace tablestream {
namespace {

using ::testing::HasSubstr;
using V = AttributeValue;

Operand A(const std::string& name) { return Operand::Path(TopLevel(name)); }
Operand Lit(V v) { return Operand::Value(std::move(v)); }
DocumentPath P(std::initializer_list<PathElement> elements) {
  return DocumentPath(elements);
}
PathElement Name(std::string n) { return PathElement::Name(std::move(n)); }
PathElement Index(size_t i) { return PathElement::Index(i); }

// One value of each type, canonical.
Item AllTypes() {
  return Item{
      {"s", V::S("hello")},
      {"n", V::N("5")},
      {"b", V::B(std::string("\x01\x02\xff", 3))},
      {"t", V::Bool(true)},
      {"z", V::Null()},
      {"ss", V::SS({"a", "b", "c"})},
      {"ns", V::NS({"1", "2", "10"})},
      {"bs", V::BS({std::string("\x01"), std::string("\xfe")})},
      {"l", V::L({V::N("1"), V::S("two"), V::M({{"k", V::N("3")}})})},
      {"m", V::M({{"x", V::N("1")},
                  {"y", V::L({V::N("-1"), V::N("2"), V::N("0")})},
                  {"deep", V::M({{"s", V::S("inner")}})}})},
      {"u", V::S("h\xc3\xa9llo")},  // "héllo": 5 characters, 6 bytes
  };
}

// A canonical number.
V Num(const std::string& text) {
  absl::StatusOr<V> v = CanonicalizeValue(V::N(text));
  EXPECT_TRUE(v.ok()) << v.status();
  return v.ok() ? *v : V();
}

bool Eval(const Condition& c, const Item* item) {
  absl::StatusOr<bool> r = EvaluateCondition(c, item);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() && *r;
}

bool Eval(const Condition& c) {
  const Item item = AllTypes();
  return Eval(c, &item);
}

bool Cmp(CompareOp op, Operand a, Operand b) {
  return Eval(Condition::Compare(op, std::move(a), std::move(b)));
}

TEST(ConditionTest, TrueAndEmptyJunctions) {
  EXPECT_TRUE(Eval(Condition::True(), nullptr));
  EXPECT_TRUE(Eval(Condition(), nullptr));
  EXPECT_TRUE(Eval(Condition::And({}), nullptr));
  EXPECT_FALSE(Eval(Condition::Or({}), nullptr));
}

TEST(ConditionTest, EqualityOverEveryTypePair) {
  const Item item = AllTypes();
  for (const auto& [a_name, a] : item) {
    for (const auto& [b_name, b] : item) {
      const bool same = a_name == b_name;
      EXPECT_EQ(Cmp(CompareOp::kEq, A(a_name), Lit(b)), same)
          << a_name << " = " << b_name;
      EXPECT_EQ(Cmp(CompareOp::kNe, A(a_name), Lit(b)), !same)
          << a_name << " <> " << b_name;
      EXPECT_EQ(Cmp(CompareOp::kEq, A(a_name), A(b_name)), same);
    }
  }
}

TEST(ConditionTest, OrderingOnlyForSameScalarTypes) {
  const Item item = AllTypes();
  for (const auto& [a_name, a] : item) {
    for (const auto& [b_name, b] : item) {
      SCOPED_TRACE(a_name + " vs " + b_name);
      const bool orderable =
          a.type() == b.type() &&
          (a.type() == AttributeType::kS || a.type() == AttributeType::kN ||
           a.type() == AttributeType::kB);
      const bool lt = Cmp(CompareOp::kLt, A(a_name), Lit(b));
      const bool le = Cmp(CompareOp::kLe, A(a_name), Lit(b));
      const bool gt = Cmp(CompareOp::kGt, A(a_name), Lit(b));
      const bool ge = Cmp(CompareOp::kGe, A(a_name), Lit(b));
      if (!orderable) {
        EXPECT_FALSE(lt || le || gt || ge);
      } else if (a_name == b_name) {
        EXPECT_TRUE(le && ge && !lt && !gt);
      } else {  // distinct values of one type: exactly one strict order
        EXPECT_NE(lt, gt);
        EXPECT_EQ(lt, le);
        EXPECT_EQ(gt, ge);
      }
    }
  }
}

struct OrderCase {
  V lo, hi;
};

TEST(ConditionTest, OrderingOfScalars) {
  const std::vector<OrderCase> cases = {
      {V::S(""), V::S("a")},
      {V::S("abc"), V::S("abd")},
      {V::S("Z"), V::S("a")},
      {V::S("a"), V::S("\xc3\xa9")},  // bytewise: 'a' < 0xC3
      {V::N("-10"), V::N("2")},
      {V::N("1.5"), V::N("10")},  // numeric, not textual
      {V::N("9"), V::N("10")},
      {V::N("-0.001"), V::N("0")},
      {V::N("12345678901234567890123456789012345677"),
       V::N("12345678901234567890123456789012345678")},
      {Num("1E-130"), Num("9.9999999999999999999999999999999999999E+125")},
      {Num("-9.9999999999999999999999999999999999999E+125"), Num("-1E-130")},
      {V::B(std::string("\x01", 1)), V::B(std::string("\xff", 1))},  // unsigned
      {V::B(std::string("\x7f", 1)), V::B(std::string("\x80", 1))},
      {V::B(""), V::B(std::string("\x00", 1))},
  };
  for (const OrderCase& c : cases) {
    SCOPED_TRACE(c.lo.DebugString() + " < " + c.hi.DebugString());
    EXPECT_TRUE(Cmp(CompareOp::kLt, Lit(c.lo), Lit(c.hi)));
    EXPECT_TRUE(Cmp(CompareOp::kLe, Lit(c.lo), Lit(c.hi)));
    EXPECT_FALSE(Cmp(CompareOp::kGt, Lit(c.lo), Lit(c.hi)));
    EXPECT_FALSE(Cmp(CompareOp::kGe, Lit(c.lo), Lit(c.hi)));
    EXPECT_TRUE(Cmp(CompareOp::kGt, Lit(c.hi), Lit(c.lo)));
    EXPECT_TRUE(Cmp(CompareOp::kGe, Lit(c.hi), Lit(c.lo)));
    EXPECT_FALSE(Cmp(CompareOp::kEq, Lit(c.lo), Lit(c.hi)));
    EXPECT_TRUE(Cmp(CompareOp::kNe, Lit(c.lo), Lit(c.hi)));
  }
}

TEST(ConditionTest, MissingOperands) {
  for (CompareOp op : {CompareOp::kEq, CompareOp::kLt, CompareOp::kLe,
                       CompareOp::kGt, CompareOp::kGe}) {
    EXPECT_FALSE(Cmp(op, A("missing"), Lit(V::N("5"))));
    EXPECT_FALSE(Cmp(op, Lit(V::N("5")), A("missing")));
    EXPECT_FALSE(Cmp(op, A("missing"), A("other_missing")));
    EXPECT_FALSE(Eval(Condition::Compare(op, A("n"), Lit(V::N("5"))), nullptr));
  }
  // DynamoDB: `a <> :v` holds when a is missing, whatever is on either side.
  EXPECT_TRUE(Cmp(CompareOp::kNe, A("missing"), Lit(V::N("5"))));
  EXPECT_TRUE(Cmp(CompareOp::kNe, Lit(V::N("5")), A("missing")));
  EXPECT_TRUE(Cmp(CompareOp::kNe, A("missing"), A("other_missing")));
  EXPECT_TRUE(Eval(Condition::Compare(CompareOp::kNe, A("n"), Lit(V::N("5"))),
                   nullptr));
}

TEST(ConditionTest, StructuralEqualityOfDocuments) {
  EXPECT_TRUE(Cmp(CompareOp::kEq, A("ss"), Lit(V::SS({"a", "b", "c"}))));
  EXPECT_FALSE(Cmp(CompareOp::kEq, A("ss"), Lit(V::SS({"a", "b"}))));
  EXPECT_FALSE(Cmp(CompareOp::kEq, A("ss"),
                   Lit(V::L({V::S("a"), V::S("b"), V::S("c")}))));
  EXPECT_TRUE(Cmp(CompareOp::kEq, A("ns"), Lit(V::NS({"1", "2", "10"}))));
  EXPECT_TRUE(Cmp(CompareOp::kEq, A("t"), Lit(V::Bool(true))));
  EXPECT_FALSE(Cmp(CompareOp::kEq, A("t"), Lit(V::Bool(false))));
  EXPECT_TRUE(Cmp(CompareOp::kEq, A("z"), Lit(V::Null())));
  EXPECT_TRUE(Cmp(CompareOp::kEq, Operand::Path(P({Name("m"), Name("deep")})),
                  Lit(V::M({{"s", V::S("inner")}}))));
  EXPECT_FALSE(
      Cmp(CompareOp::kEq, A("l"), Lit(V::L({V::N("1"), V::S("two")}))));
}

TEST(ConditionTest, NestedPathsAndListIndexes) {
  Operand mx = Operand::Path(P({Name("m"), Name("x")}));
  Operand my0 = Operand::Path(P({Name("m"), Name("y"), Index(0)}));
  Operand my1 = Operand::Path(P({Name("m"), Name("y"), Index(1)}));
  Operand my100 = Operand::Path(P({Name("m"), Name("y"), Index(100)}));
  Operand mz = Operand::Path(P({Name("m"), Name("z")}));
  EXPECT_TRUE(Cmp(CompareOp::kLt, mx, my1));   // 1 < 2
  EXPECT_FALSE(Cmp(CompareOp::kLt, mx, my0));  // 1 < -1
  EXPECT_FALSE(Cmp(CompareOp::kLt, mz, my100));
  EXPECT_TRUE(Cmp(CompareOp::kEq,
                  Operand::Path(P({Name("l"), Index(2), Name("k")})),
                  Lit(V::N("3"))));
  EXPECT_TRUE(Eval(
      Condition::AttributeExists(P({Name("m"), Name("deep"), Name("s")}))));
  EXPECT_FALSE(
      Eval(Condition::AttributeExists(P({Name("m"), Name("y"), Index(3)}))));
  EXPECT_TRUE(
      Eval(Condition::AttributeNotExists(P({Name("m"), Name("y"), Index(3)}))));
  EXPECT_FALSE(Eval(Condition::AttributeExists(P({Name("s"), Index(0)}))));
}

TEST(ConditionTest, Between) {
  auto between = [](Operand x, V lo, V hi) {
    return Eval(Condition::Between(std::move(x), Lit(std::move(lo)),
                                   Lit(std::move(hi))));
  };
  EXPECT_TRUE(between(A("n"), V::N("1"), V::N("10")));
  EXPECT_TRUE(between(A("n"), V::N("5"), V::N("5")));
  EXPECT_TRUE(between(A("n"), V::N("5"), V::N("6")));
  EXPECT_TRUE(between(A("n"), V::N("4"), V::N("5")));
  EXPECT_FALSE(between(A("n"), V::N("6"), V::N("10")));
  EXPECT_FALSE(between(A("n"), V::N("10"), V::N("1")));  // lo > hi
  EXPECT_TRUE(between(A("s"), V::S("a"), V::S("z")));
  EXPECT_FALSE(between(A("s"), V::S("i"), V::S("z")));
  EXPECT_TRUE(between(A("b"), V::B(std::string("\x01", 1)),
                      V::B(std::string("\x02", 1))));
  EXPECT_FALSE(between(A("n"), V::S("1"), V::S("9")));  // type mismatch
  EXPECT_FALSE(between(A("n"), V::N("1"), V::S("9")));  // mixed bounds
  EXPECT_FALSE(between(A("ss"), V::SS({"a"}), V::SS({"z"})));
  EXPECT_FALSE(between(A("missing"), V::N("1"), V::N("9")));
}

TEST(ConditionTest, In) {
  auto in = [](Operand x, std::vector<V> values) {
    std::vector<Operand> candidates;
    for (V& v : values) candidates.push_back(Lit(std::move(v)));
    return Eval(Condition::In(std::move(x), std::move(candidates)));
  };
  EXPECT_TRUE(in(A("n"), {V::N("2"), V::N("5"), V::N("8")}));
  EXPECT_FALSE(in(A("n"), {V::N("1"), V::N("2")}));
  EXPECT_FALSE(in(A("n"), {V::S("5")}));
  EXPECT_FALSE(in(A("missing"), {V::N("5")}));
  // IN tests the attribute against the list, not elements of a set.
  EXPECT_FALSE(in(A("ns"), {V::N("1"), V::N("2"), V::N("10")}));
  EXPECT_TRUE(in(A("ns"), {V::NS({"1", "2", "10"})}));
  EXPECT_TRUE(in(A("s"), {V::S("x"), V::S("hello")}));
}

TEST(ConditionTest, ExistsOnMissingItem) {
  EXPECT_FALSE(Eval(Condition::AttributeExists(TopLevel("a")), nullptr));
  EXPECT_TRUE(Eval(Condition::AttributeNotExists(TopLevel("a")), nullptr));
  EXPECT_TRUE(Eval(Condition::AttributeExists(TopLevel("z"))));  // NULL exists
  EXPECT_FALSE(Eval(Condition::AttributeNotExists(TopLevel("z"))));
}

TEST(ConditionTest, AttributeType) {
  const Item item = AllTypes();
  const std::vector<std::string> names = {"S", "N", "B",  "BOOL", "NULL",
                                          "M", "L", "SS", "NS",   "BS"};
  for (const auto& [attr, value] : item) {
    for (const std::string& type : names) {
      EXPECT_EQ(Eval(Condition::AttributeTypeIs(TopLevel(attr), V::S(type))),
                type == AttributeTypeName(value.type()))
          << attr << " " << type;
    }
  }
  EXPECT_FALSE(
      Eval(Condition::AttributeTypeIs(TopLevel("missing"), V::S("S"))));
  EXPECT_FALSE(
      Eval(Condition::AttributeTypeIs(TopLevel("s"), V::S("S")), nullptr));
}

TEST(ConditionTest, AttributeTypeErrors) {
  const Item item = AllTypes();
  absl::StatusOr<bool> r = EvaluateCondition(
      Condition::AttributeTypeIs(TopLevel("s"), V::S("STRING")), &item);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(ExceptionName(r.status()), kValidationException);
  EXPECT_THAT(r.status().message(),
              HasSubstr("Invalid attribute type name found; type: STRING"));
  r = EvaluateCondition(Condition::AttributeTypeIs(TopLevel("s"), V::N("1")),
                        &item);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("operand type: N"));
}

TEST(ConditionTest, BeginsWith) {
  auto bw = [](Operand a, V prefix) {
    return Eval(Condition::BeginsWith(std::move(a), Lit(std::move(prefix))));
  };
  EXPECT_TRUE(bw(A("s"), V::S("hel")));
  EXPECT_TRUE(bw(A("s"), V::S("hello")));
  EXPECT_TRUE(bw(A("s"), V::S("")));
  EXPECT_FALSE(bw(A("s"), V::S("hello!")));
  EXPECT_FALSE(bw(A("s"), V::S("ell")));
  EXPECT_TRUE(bw(A("b"), V::B(std::string("\x01\x02", 2))));
  EXPECT_FALSE(bw(A("b"), V::B(std::string("\x02", 1))));
  EXPECT_FALSE(bw(A("s"), V::B("hel")));  // type mismatch
  EXPECT_FALSE(bw(A("n"), V::N("5")));    // N has no prefix
  EXPECT_FALSE(bw(A("n"), V::S("5")));
  EXPECT_FALSE(bw(A("ss"), V::S("a")));
  EXPECT_FALSE(bw(A("missing"), V::S("")));
}

TEST(ConditionTest, Contains) {
  auto contains = [](Operand a, V element) {
    return Eval(Condition::Contains(std::move(a), Lit(std::move(element))));
  };
  EXPECT_TRUE(contains(A("s"), V::S("ell")));
  EXPECT_TRUE(contains(A("s"), V::S("")));
  EXPECT_FALSE(contains(A("s"), V::S("dog")));
  EXPECT_FALSE(contains(A("s"), V::N("1")));
  EXPECT_TRUE(contains(A("b"), V::B(std::string("\x02\xff", 2))));
  EXPECT_FALSE(contains(A("b"), V::S("\x02")));
  EXPECT_TRUE(contains(A("ss"), V::S("b")));
  EXPECT_FALSE(contains(A("ss"), V::S("d")));
  EXPECT_FALSE(contains(A("ss"), V::SS({"b"})));
  EXPECT_TRUE(contains(A("ns"), V::N("10")));
  EXPECT_FALSE(contains(A("ns"), V::S("10")));
  EXPECT_FALSE(contains(A("ns"), V::N("3")));
  EXPECT_TRUE(contains(A("bs"), V::B(std::string("\xfe", 1))));
  EXPECT_FALSE(contains(A("bs"), V::S("\xfe")));
  EXPECT_TRUE(contains(A("l"), V::N("1")));
  EXPECT_TRUE(contains(A("l"), V::S("two")));
  EXPECT_TRUE(contains(A("l"), V::M({{"k", V::N("3")}})));
  EXPECT_FALSE(contains(A("l"), V::S("1")));
  EXPECT_FALSE(contains(A("m"), V::S("x")));  // maps have no "contains"
  EXPECT_FALSE(contains(A("n"), V::N("5")));
  EXPECT_FALSE(contains(A("missing"), V::S("")));
  // Both operands may be paths.
  EXPECT_TRUE(Eval(
      Condition::Contains(A("l"), Operand::Path(P({Name("m"), Name("x")})))));
}

TEST(ConditionTest, Size) {
  auto size_is = [](const std::string& attr, const std::string& n) {
    return Eval(Condition::Compare(
        CompareOp::kEq, Operand::Size(TopLevel(attr)), Lit(V::N(n))));
  };
  EXPECT_TRUE(size_is("s", "5"));
  EXPECT_TRUE(size_is("u", "6"));  // UTF-8 bytes
  EXPECT_TRUE(size_is("b", "3"));
  EXPECT_TRUE(size_is("ss", "3"));
  EXPECT_TRUE(size_is("ns", "3"));
  EXPECT_TRUE(size_is("bs", "2"));
  EXPECT_TRUE(size_is("l", "3"));
  EXPECT_TRUE(size_is("m", "3"));
  // N, BOOL, NULL and missing values have no size: the comparison fails.
  for (const char* attr : {"n", "t", "z", "missing"}) {
    EXPECT_FALSE(size_is(attr, "1")) << attr;
    EXPECT_FALSE(Eval(Condition::Compare(
        CompareOp::kGe, Operand::Size(TopLevel(attr)), Lit(V::N("0")))))
        << attr;
  }
  // <> on a size that does not exist holds, like <> on a missing attribute.
  EXPECT_TRUE(Eval(Condition::Compare(
      CompareOp::kNe, Operand::Size(TopLevel("n")), Lit(V::N("1")))));
  // size() compares as a number, also against a path: size(s) = 5 = n.
  EXPECT_TRUE(Eval(Condition::Compare(CompareOp::kGe,
                                      Operand::Size(TopLevel("s")), A("n"))));
  EXPECT_FALSE(Eval(Condition::Compare(CompareOp::kGt,
                                       Operand::Size(TopLevel("s")), A("n"))));
  EXPECT_FALSE(Eval(Condition::Compare(
      CompareOp::kEq, Operand::Size(TopLevel("s")), Lit(V::S("5")))));
}

TEST(ConditionTest, LogicalOperators) {
  Condition yes = Condition::AttributeExists(TopLevel("s"));
  Condition no = Condition::AttributeExists(TopLevel("missing"));
  EXPECT_TRUE(Eval(Condition::And({yes, yes})));
  EXPECT_FALSE(Eval(Condition::And({yes, no})));
  EXPECT_TRUE(Eval(Condition::Or({no, yes})));
  EXPECT_FALSE(Eval(Condition::Or({no, no})));
  EXPECT_FALSE(Eval(Condition::Not(yes)));
  EXPECT_TRUE(Eval(Condition::Not(Condition::Not(yes))));
  EXPECT_TRUE(
      Eval(Condition::Or({Condition::And({yes, no}), Condition::Not(no)})));
}

TEST(ConditionTest, MalformedConditionsAreErrors) {
  Condition c;
  c.kind = Condition::Kind::kCompare;
  c.operands.push_back(A("s"));
  absl::StatusOr<bool> r = EvaluateCondition(c, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("Malformed condition"));

  Condition n;
  n.kind = Condition::Kind::kNot;
  EXPECT_FALSE(EvaluateCondition(n, nullptr).ok());

  Condition e;
  e.kind = Condition::Kind::kAttributeExists;
  e.operands.push_back(Lit(V::S("a")));
  EXPECT_FALSE(EvaluateCondition(e, nullptr).ok());

  Condition in;
  in.kind = Condition::Kind::kIn;
  in.operands.push_back(A("s"));
  EXPECT_FALSE(EvaluateCondition(in, nullptr).ok());

  // An error inside a junction propagates.
  EXPECT_FALSE(EvaluateCondition(Condition::Or({n}), nullptr).ok());
}

}  // namespace
}  // namespace tablestream
