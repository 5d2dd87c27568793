#include "common/string_table.h"

#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace localecap {
namespace {

// A sorted table of n keys "k00000".."k{n-1}" → "v…", in one pool.
struct Table {
  std::string pool;
  std::vector<StringPair> pairs;
  explicit Table(size_t n) {
    for (size_t i = 0; i < n; ++i) {
      char k[16], v[16];
      std::snprintf(k, sizeof k, "k%05zu", i);
      std::snprintf(v, sizeof v, "v%zu", i);
      pairs.push_back({ref(k), ref(v)});
    }
  }
  StrRef ref(const std::string& s) {
    StrRef r{static_cast<uint32_t>(pool.size()), static_cast<uint32_t>(s.size())};
    pool += s;
    return r;
  }
};

TEST(StringTable, HashedAndBinaryLookupsAgreeOnHitsAndMisses) {
  for (size_t n : {1u, 2u, 3u, 100u, 1000u}) {
    Table t(n);
    const std::vector<uint32_t> index = StringTable::build_index(t.pairs, t.pool);
    const StringTable hashed(t.pairs, t.pool, index), binary(t.pairs, t.pool);
    ASSERT_TRUE(hashed.indexed());
    ASSERT_FALSE(binary.indexed());
    EXPECT_GE(index.size(), 2 * n);  // at most half full: every miss ends at an empty slot
    for (size_t i = 0; i < n; ++i) {
      const std::string k = std::string(t.pool.substr(t.pairs[i].key.offset, t.pairs[i].key.length));
      EXPECT_EQ(hashed.find(k), binary.find(k)) << k;
      EXPECT_TRUE(hashed.find(k).has_value()) << k;
    }
    for (const char* miss : {"", "k", "k0000", "K00000", "zzz", "k000000"})
      EXPECT_FALSE(hashed.find(miss).has_value()) << miss;
    EXPECT_FALSE(hashed.find(std::string_view("k00000\0", 7)).has_value());
  }
}

TEST(StringTable, AnEmptyOrHugeTableHasNoIndexAndStillAnswers) {
  Table empty(0);
  EXPECT_TRUE(StringTable::build_index(empty.pairs, empty.pool).empty());
  EXPECT_FALSE(StringTable(empty.pairs, empty.pool).find("k").has_value());
  Table huge(StringTable::kMaxIndexedRows);
  EXPECT_TRUE(StringTable::build_index(huge.pairs, huge.pool).empty());
  EXPECT_EQ(StringTable(huge.pairs, huge.pool).find("k00042"), "v42");  // binary search
}

}  // namespace
}  // namespace localecap
