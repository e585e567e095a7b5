// Copyright 2026 The tablestream Authors.

#include "engine/update.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tablestream/errors.h"
#include "util/attribute_canonical.h"

namespace tablestream {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using V = AttributeValue;
using Action = UpdateAction;
using Expr = ValueExpr;

constexpr char kBadType[] =
    "An operand in the update expression has an incorrect data type";
constexpr char kBadPath[] =
    "The document path provided in the update expression is invalid for update";
constexpr char kMissing[] =
    "The provided expression refers to an attribute that does not exist in "
    "the item";

DocumentPath P(std::initializer_list<PathElement> elements) {
  return DocumentPath(elements);
}
PathElement Name(std::string n) { return PathElement::Name(std::move(n)); }
PathElement Index(size_t i) { return PathElement::Index(i); }
DocumentPath T(const std::string& name) { return TopLevel(name); }
Expr Lit(V v) { return Expr::Literal(std::move(v)); }

const Item kKey = {{"pk", V::S("k")}};
const std::vector<std::string> kKeyNames = {"pk", "sk"};

Item Old() {
  return Item{
      {"pk", V::S("k")},
      {"n", V::N("10")},
      {"s", V::S("str")},
      {"ss", V::SS({"a", "b", "c"})},
      {"ns", V::NS({"1", "2", "10"})},
      {"bs", V::BS({std::string("\x01"), std::string("\xfe")})},
      {"l", V::L({V::N("0"), V::N("1"), V::N("2"), V::N("3"), V::N("4")})},
      {"m", V::M({{"x", V::N("1")},
                  {"inner", V::M({{"y", V::S("deep")}})},
                  {"arr", V::L({V::S("p"), V::M({{"q", V::N("2")}})})}})},
  };
}

absl::StatusOr<Item> Apply(const std::vector<Action>& actions,
                           const Item* old) {
  return ApplyUpdate(actions, old, kKey, kKeyNames);
}

Item ApplyOk(const std::vector<Action>& actions, const Item* old) {
  absl::StatusOr<Item> r = Apply(actions, old);
  EXPECT_TRUE(r.ok()) << r.status();
  if (!r.ok()) return Item();
  // Results are canonical.
  Item canonical = *r;
  EXPECT_TRUE(CanonicalizeItem(&canonical).ok());
  EXPECT_EQ(canonical, *r);
  return *r;
}

void ExpectError(const std::vector<Action>& actions, const Item* old,
                 const std::string& text) {
  absl::StatusOr<Item> r = Apply(actions, old);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(ExceptionName(r.status()), kValidationException);
  EXPECT_THAT(r.status().message(), HasSubstr(text));
}

TEST(UpdateTest, SetTopLevel) {
  const Item old = Old();
  Item item = ApplyOk({Action::Set(T("new"), Lit(V::S("v"))),
                       Action::Set(T("n"), Lit(V::Bool(false)))},
                      &old);
  EXPECT_EQ(item.at("new"), V::S("v"));
  EXPECT_EQ(item.at("n"), V::Bool(false));
  EXPECT_EQ(item.at("s"), V::S("str"));
  EXPECT_EQ(item.size(), old.size() + 1);
}

TEST(UpdateTest, MissingItemStartsFromKey) {
  Item item = ApplyOk({Action::Set(T("a"), Lit(V::N("1")))}, nullptr);
  EXPECT_EQ(item, (Item{{"pk", V::S("k")}, {"a", V::N("1")}}));
  EXPECT_EQ(ApplyOk({}, nullptr), kKey);
  // Reads of a missing item see its key.
  item = ApplyOk({Action::Set(T("copy"), Expr::Path(T("pk")))}, nullptr);
  EXPECT_EQ(item.at("copy"), V::S("k"));
}

TEST(UpdateTest, EveryOperandReadsTheOldItem) {
  const Item old = Old();
  Item item = ApplyOk(
      {Action::Set(T("n"), Expr::Path(T("s"))),
       Action::Set(T("s"), Expr::Path(T("n"))),
       Action::Set(T("sum"), Expr::Plus(Expr::Path(T("n")), Lit(V::N("1"))))},
      &old);
  EXPECT_EQ(item.at("n"), V::S("str"));
  EXPECT_EQ(item.at("s"), V::N("10"));
  EXPECT_EQ(item.at("sum"), V::N("11"));
}

TEST(UpdateTest, SetNested) {
  const Item old = Old();
  Item item = ApplyOk(
      {Action::Set(P({Name("m"), Name("x")}), Lit(V::N("5"))),
       Action::Set(P({Name("m"), Name("new")}), Lit(V::S("n"))),
       Action::Set(P({Name("m"), Name("inner"), Name("y")}), Lit(V::S("z"))),
       Action::Set(P({Name("m"), Name("arr"), Index(1), Name("q")}),
                   Lit(V::N("9")))},
      &old);
  const Item& m = item.at("m").map();
  EXPECT_EQ(m.at("x"), V::N("5"));
  EXPECT_EQ(m.at("new"), V::S("n"));
  EXPECT_EQ(m.at("inner").map().at("y"), V::S("z"));
  EXPECT_EQ(m.at("arr").list()[1].map().at("q"), V::N("9"));
}

TEST(UpdateTest, SetListIndexes) {
  const Item old = Old();
  Item item =
      ApplyOk({Action::Set(P({Name("l"), Index(1)}), Lit(V::S("one")))}, &old);
  EXPECT_EQ(item.at("l").list()[1], V::S("one"));
  EXPECT_EQ(item.at("l").list().size(), 5u);
  // Past the end appends (once, wherever the index points).
  item = ApplyOk({Action::Set(P({Name("l"), Index(5)}), Lit(V::S("five"))),
                  Action::Set(P({Name("l"), Index(100)}), Lit(V::S("far")))},
                 &old);
  ASSERT_EQ(item.at("l").list().size(), 7u);
  EXPECT_EQ(item.at("l").list()[5], V::S("five"));
  EXPECT_EQ(item.at("l").list()[6], V::S("far"));
}

TEST(UpdateTest, InvalidDocumentPaths) {
  const Item old = Old();
  for (const DocumentPath& path :
       {P({Name("nope"), Name("x")}), P({Name("s"), Name("x")}),
        P({Name("s"), Index(0)}), P({Name("m"), Index(0)}),
        P({Name("l"), Name("x")}), P({Name("nope"), Index(0)}),
        P({Name("m"), Name("nope"), Name("x")}),
        P({Name("l"), Index(7), Name("x")})}) {
    SCOPED_TRACE(PathToString(path));
    ExpectError({Action::Set(path, Lit(V::N("1")))}, &old, kBadPath);
    ExpectError({Action::Add(path, V::N("1"))}, &old, kBadPath);
    ExpectError({Action::Remove(path)}, &old, kBadPath);
    ExpectError({Action::Delete(path, V::SS({"a"}))}, &old, kBadPath);
  }
  // On a missing item, SET to a nested path fails, but REMOVE is ignored
  // (as DynamoDB does).
  ExpectError({Action::Set(P({Name("a"), Name("b")}), Lit(V::N("1")))}, nullptr,
              kBadPath);
  EXPECT_EQ(ApplyOk({Action::Remove(P({Name("a"), Name("b")})),
                     Action::Remove(P({Name("a"), Index(0)}))},
                    nullptr),
            kKey);
}

TEST(UpdateTest, PathOperandMustExist) {
  const Item old = Old();
  ExpectError({Action::Set(T("a"), Expr::Path(T("nope")))}, &old, kMissing);
  ExpectError({Action::Set(T("a"), Expr::Path(P({Name("l"), Index(9)})))}, &old,
              kMissing);
  ExpectError(
      {Action::Set(T("a"), Expr::Plus(Expr::Path(T("nope")), Lit(V::N("1"))))},
      &old, kMissing);
  Item item =
      ApplyOk({Action::Set(T("a"), Expr::Path(P({Name("m"), Name("arr"),
                                                 Index(1), Name("q")})))},
              &old);
  EXPECT_EQ(item.at("a"), V::N("2"));
}

TEST(UpdateTest, IfNotExists) {
  const Item old = Old();
  Item item =
      ApplyOk({Action::Set(T("n"), Expr::IfNotExists(T("n"), Lit(V::N("0")))),
               Action::Set(T("c"), Expr::IfNotExists(T("c"), Lit(V::N("0")))),
               Action::Set(T("d"), Expr::IfNotExists(P({Name("m"), Name("x")}),
                                                     Expr::Path(T("s"))))},
              &old);
  EXPECT_EQ(item.at("n"), V::N("10"));
  EXPECT_EQ(item.at("c"), V::N("0"));
  EXPECT_EQ(item.at("d"), V::N("1"));
  // counter = if_not_exists(counter, 0) + 1 on a missing item.
  item = ApplyOk(
      {Action::Set(T("c"), Expr::Plus(Expr::IfNotExists(T("c"), Lit(V::N("0"))),
                                      Lit(V::N("1"))))},
      nullptr);
  EXPECT_EQ(item.at("c"), V::N("1"));
}

TEST(UpdateTest, ListAppend) {
  const Item old = Old();
  Item item = ApplyOk(
      {Action::Set(T("l"), Expr::ListAppend(Expr::Path(T("l")),
                                            Lit(V::L({V::S("x")})))),
       Action::Set(T("p"),
                   Expr::ListAppend(Lit(V::L({V::S("first")})),
                                    Expr::Path(P({Name("m"), Name("arr")}))))},
      &old);
  ASSERT_EQ(item.at("l").list().size(), 6u);
  EXPECT_EQ(item.at("l").list()[5], V::S("x"));
  EXPECT_EQ(item.at("p"),
            V::L({V::S("first"), V::S("p"), V::M({{"q", V::N("2")}})}));
  ExpectError({Action::Set(T("l"), Expr::ListAppend(Expr::Path(T("l")),
                                                    Lit(V::S("x"))))},
              &old, kBadType);
  ExpectError({Action::Set(T("l"), Expr::ListAppend(Expr::Path(T("ss")),
                                                    Lit(V::L({}))))},
              &old, kBadType);
}

TEST(UpdateTest, PlusAndMinus) {
  const Item old = Old();
  Item item = ApplyOk(
      {Action::Set(T("a"), Expr::Plus(Expr::Path(T("n")), Lit(V::N("0.5")))),
       Action::Set(T("b"), Expr::Minus(Expr::Path(T("n")), Lit(V::N("10")))),
       Action::Set(T("c"), Expr::Minus(Lit(V::N("1")), Expr::Path(T("n"))))},
      &old);
  EXPECT_EQ(item.at("a"), V::N("10.5"));
  EXPECT_EQ(item.at("b"), V::N("0"));
  EXPECT_EQ(item.at("c"), V::N("-9"));
  ExpectError(
      {Action::Set(T("a"), Expr::Plus(Expr::Path(T("s")), Lit(V::N("1"))))},
      &old, kBadType);
  ExpectError(
      {Action::Set(T("a"), Expr::Minus(Lit(V::N("1")), Expr::Path(T("ns"))))},
      &old, kBadType);
}

TEST(UpdateTest, AddNumbers) {
  const Item old = Old();
  Item item = ApplyOk(
      {Action::Add(T("n"), V::N("-12.5")), Action::Add(T("new"), V::N("7"))},
      &old);
  EXPECT_EQ(item.at("n"), V::N("-2.5"));
  EXPECT_EQ(item.at("new"), V::N("7"));
  // Exact to 38 digits.
  const Item one = {{"n", V::N("1")}};
  const std::string big = "99999999999999999999999999999999999998";  // 38
  EXPECT_EQ(ApplyOk({Action::Add(T("n"), V::N(big))}, &one).at("n"),
            V::N("99999999999999999999999999999999999999"));
  const std::string tiny = "0." + std::string(36, '0') + "1";  // 1E-37
  EXPECT_EQ(ApplyOk({Action::Add(T("n"), V::N(tiny))}, &one).at("n"),
            V::N("1." + std::string(36, '0') + "1"));
  EXPECT_EQ(ApplyOk({Action::Add(T("n"), V::N("-1"))}, &one).at("n"),
            V::N("0"));
  // A 39-digit result is refused.
  const Item nines = {{"n", V::N(std::string(37, '9'))}};
  EXPECT_EQ(ApplyOk({Action::Add(T("n"), V::N("0.1"))}, &nines).at("n"),
            V::N(std::string(37, '9') + ".1"));
  const Item big_item = {{"n", V::N(big)}};
  absl::StatusOr<Item> r = Apply({Action::Add(T("n"), V::N("0.1"))}, &big_item);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(ExceptionName(r.status()), kValidationException);
  EXPECT_THAT(r.status().message(), HasSubstr("38 significant digits"));
  r = Apply({Action::Add(T("n"), V::N(tiny))}, &big_item);
  EXPECT_FALSE(r.ok());
}

TEST(UpdateTest, AddSets) {
  const Item old = Old();
  // (Values are canonical: sets sorted.)
  Item item = ApplyOk({Action::Add(T("ss"), V::SS({"0", "b", "d"})),
                       Action::Add(T("ns"), V::NS({"-1", "2", "3", "100"})),
                       Action::Add(T("bs"), V::BS({std::string("\x80")})),
                       Action::Add(T("new"), V::SS({"x"}))},
                      &old);
  EXPECT_THAT(item.at("ss").set(), ElementsAre("0", "a", "b", "c", "d"));
  EXPECT_THAT(item.at("ns").set(),
              ElementsAre("-1", "1", "2", "3", "10", "100"));
  EXPECT_THAT(item.at("bs").set(),
              ElementsAre(std::string("\x01"), std::string("\x80"),
                          std::string("\xfe")));
  EXPECT_EQ(item.at("new"), V::SS({"x"}));
  EXPECT_EQ(ApplyOk({Action::Add(T("s1"), V::NS({"5"}))}, nullptr).at("s1"),
            V::NS({"5"}));
}

TEST(UpdateTest, AddTypeErrors) {
  const Item old = Old();
  ExpectError({Action::Add(T("s"), V::N("1"))}, &old, kBadType);
  ExpectError({Action::Add(T("ss"), V::NS({"1"}))}, &old, kBadType);
  ExpectError({Action::Add(T("ns"), V::N("1"))}, &old, kBadType);
  ExpectError({Action::Add(T("n"), V::NS({"1"}))}, &old, kBadType);
  ExpectError({Action::Add(T("new"), V::S("x"))}, &old, kBadType);
  ExpectError({Action::Add(T("l"), V::L({V::N("1")}))}, &old, kBadType);
  ExpectError({Action::Add(T("new"), V::Bool(true))}, nullptr, kBadType);
}

TEST(UpdateTest, DeleteFromSets) {
  const Item old = Old();
  Item item =
      ApplyOk({Action::Delete(T("ss"), V::SS({"a", "c", "zzz"})),
               Action::Delete(T("ns"), V::NS({"10"})),
               Action::Delete(
                   T("bs"), V::BS({std::string("\x01"), std::string("\xfe")})),
               Action::Delete(T("missing"), V::SS({"a"}))},
              &old);
  EXPECT_EQ(item.at("ss"), V::SS({"b"}));
  EXPECT_EQ(item.at("ns"), V::NS({"1", "2"}));
  EXPECT_EQ(item.count("bs"), 0u);  // emptied: removed
  EXPECT_EQ(item.count("missing"), 0u);
  EXPECT_EQ(ApplyOk({Action::Delete(T("x"), V::SS({"a"}))}, nullptr), kKey);
}

TEST(UpdateTest, DeleteTypeErrors) {
  const Item old = Old();
  ExpectError({Action::Delete(T("ss"), V::S("a"))}, &old, kBadType);
  ExpectError({Action::Delete(T("ss"), V::NS({"1"}))}, &old, kBadType);
  ExpectError({Action::Delete(T("n"), V::NS({"10"}))}, &old, kBadType);
  ExpectError({Action::Delete(T("l"), V::L({V::N("1")}))}, &old, kBadType);
  ExpectError({Action::Delete(T("missing"), V::N("1"))}, &old, kBadType);
}

TEST(UpdateTest, DeleteNestedSetEmptiedKeepsListPositions) {
  const Item old = {{"pk", V::S("k")},
                    {"a", V::L({V::N("0"), V::SS({"x"}), V::N("2"),
                                V::M({{"s", V::SS({"y", "z"})}})})}};
  Item item = ApplyOk(
      {Action::Delete(P({Name("a"), Index(1)}), V::SS({"x"})),
       Action::Set(P({Name("a"), Index(2)}), Lit(V::S("two"))),
       Action::Delete(P({Name("a"), Index(3), Name("s")}), V::SS({"y"}))},
      &old);
  EXPECT_EQ(item.at("a"),
            V::L({V::N("0"), V::S("two"), V::M({{"s", V::SS({"z"})}})}));
}

TEST(UpdateTest, Remove) {
  const Item old = Old();
  Item item = ApplyOk({Action::Remove(T("n")), Action::Remove(T("missing")),
                       Action::Remove(P({Name("m"), Name("x")})),
                       Action::Remove(P({Name("m"), Name("nope")})),
                       Action::Remove(P({Name("l"), Index(1)})),
                       Action::Remove(P({Name("l"), Index(3)})),
                       Action::Remove(P({Name("l"), Index(99)}))},
                      &old);
  EXPECT_EQ(item.count("n"), 0u);
  EXPECT_EQ(item.at("m").map().count("x"), 0u);
  EXPECT_EQ(item.at("l"), V::L({V::N("0"), V::N("2"), V::N("4")}));
  // Removing the only element leaves an empty map or list.
  item =
      ApplyOk({Action::Remove(P({Name("m"), Name("inner"), Name("y")}))}, &old);
  EXPECT_EQ(item.at("m").map().at("inner"), V::M({}));
}

TEST(UpdateTest, ListIndexesReferToOldPositions) {
  const Item old = {{"pk", V::S("k")},
                    {"a", V::L({V::N("2"), V::N("3"), V::N("4"), V::N("5"),
                                V::N("6"), V::N("7")})}};
  const V want = V::L({V::N("2"), V::N("4"), V::N("17"), V::N("6"), V::N("7")});
  EXPECT_EQ(ApplyOk({Action::Remove(P({Name("a"), Index(1)})),
                     Action::Set(P({Name("a"), Index(3)}), Lit(V::N("17")))},
                    &old)
                .at("a"),
            want);
  EXPECT_EQ(ApplyOk({Action::Set(P({Name("a"), Index(3)}), Lit(V::N("17"))),
                     Action::Remove(P({Name("a"), Index(1)}))},
                    &old)
                .at("a"),
            want);
  // Removing an element and a field inside a later element.
  const Item nested = {
      {"pk", V::S("k")},
      {"a", V::L({V::N("0"), V::M({{"x", V::N("1")}, {"y", V::N("2")}})})}};
  EXPECT_EQ(ApplyOk({Action::Remove(P({Name("a"), Index(0)})),
                     Action::Remove(P({Name("a"), Index(1), Name("x")}))},
                    &nested)
                .at("a"),
            V::L({V::M({{"y", V::N("2")}})}));
}

// Random removals and assignments on one list, against a model where every
// index names an old position. Seeded; the seed is printed.
TEST(UpdateTest, RandomListEditsMatchModel) {
  // TABLESTREAM_TEST_SEED=<n> replays a run.
  const char* forced = std::getenv("TABLESTREAM_TEST_SEED");
  const uint32_t seed =
      forced != nullptr
          ? static_cast<uint32_t>(std::strtoul(forced, nullptr, 10))
          : std::random_device()();
  std::printf("RandomListEditsMatchModel: seed %u\n", seed);
  std::mt19937 rng(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  for (int round = 0; round < 200; ++round) {
    const size_t n = rng() % 8;
    std::vector<V> list;
    for (size_t i = 0; i < n; ++i) list.push_back(V::N(std::to_string(i)));
    const Item old = {{"pk", V::S("k")}, {"a", V::L(list)}};
    std::vector<size_t> indexes(n + 2);
    for (size_t i = 0; i < indexes.size(); ++i) indexes[i] = i;
    std::shuffle(indexes.begin(), indexes.end(), rng);
    std::vector<Action> actions;
    std::set<size_t> removed;
    std::vector<V> model = list;
    for (size_t i : indexes) {
      switch (rng() % 3) {
        case 0:
          actions.push_back(Action::Remove(P({Name("a"), Index(i)})));
          removed.insert(i);
          break;
        case 1:
          if (i < n) {  // (appends are covered elsewhere)
            actions.push_back(Action::Set(P({Name("a"), Index(i)}),
                                          Lit(V::S("s" + std::to_string(i)))));
            model[i] = V::S("s" + std::to_string(i));
          }
          break;
        default:
          break;
      }
    }
    std::shuffle(actions.begin(), actions.end(), rng);
    std::vector<V> want;
    for (size_t i = 0; i < n; ++i) {
      if (removed.count(i) == 0) want.push_back(model[i]);
    }
    ASSERT_EQ(ApplyOk(actions, &old).at("a"), V::L(want)) << "round " << round;
  }
}

TEST(UpdateTest, KeyAttributesCannotBeUpdated) {
  const Item old = Old();
  for (const Action& action :
       {Action::Set(T("pk"), Lit(V::S("other"))), Action::Remove(T("pk")),
        Action::Add(T("sk"), V::N("1")), Action::Delete(T("sk"), V::SS({"a"})),
        Action::Set(P({Name("pk"), Name("x")}), Lit(V::N("1")))}) {
    std::vector<Action> actions = {Action::Set(T("ok"), Lit(V::N("1"))),
                                   action};
    absl::StatusOr<Item> r = Apply(actions, &old);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(ExceptionName(r.status()), kValidationException);
    const std::string& name = action.path[0].name;
    EXPECT_EQ(ErrorMessage(r.status()),
              "One or more parameter values were invalid: Cannot update "
              "attribute " +
                  name + ". This attribute is part of the key");
  }
}

TEST(UpdateTest, MalformedActions) {
  const Item old = Old();
  ExpectError({Action::Set(DocumentPath(), Lit(V::N("1")))}, &old,
              "Malformed update");
  ExpectError({Action::Remove(P({Index(0)}))}, &old, "Malformed update");
  Expr bad;
  bad.kind = Expr::Kind::kPlus;
  bad.args.push_back(Lit(V::N("1")));
  ExpectError({Action::Set(T("a"), bad)}, &old, "Malformed update");
}

TEST(UpdateTest, UpdatedTopLevelNames) {
  EXPECT_TRUE(UpdatedTopLevelNames({}).empty());
  EXPECT_THAT(UpdatedTopLevelNames(
                  {Action::Set(T("z"), Lit(V::N("1"))),
                   Action::Remove(P({Name("m"), Name("x")})),
                   Action::Add(T("a"), V::N("1")),
                   Action::Delete(P({Name("m"), Index(0)}), V::SS({"a"})),
                   Action::Set(T("z"), Lit(V::N("2")))}),
              ElementsAre("a", "m", "z"));
}

}  // namespace
}  // namespace tablestream
