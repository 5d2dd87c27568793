// parse + canonicalize + maximize + minimize of typical tags allocate nothing
// (tag.h: inline storage). Counts global operator new calls around the calls;
// only the success path is promised (errors carry std::string messages).
#include <atomic>
#include <cstdlib>
#include <new>

#include <gtest/gtest.h>

#include "tag/tag.h"
#include "tag_fixture.h"

namespace {
std::atomic<bool> counting{false};
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t n) {
  if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace localecap::testing {
namespace {

class TagNoAlloc : public TagDataTest {};

TEST_F(TagNoAlloc, TypicalTagsDoNotAllocate) {
  const char* inputs[] = {"en-US", "EN_us", "zh-Hant-TW", "iw-IL", "sh", "de-CH-1996", "es-419",
                          "en-u-kb-true-ca-gregory", "ja-Latn-hepburn-heploc", "ru-SU", "zh-min-nan", "art-lojban", "und-t-iw-m0-ungegn"};
  long count = 0;
  for (const char* in : inputs) {
    allocations = 0;
    counting = true;
    auto p = tag::parse(in);
    auto c = tag::canonicalize(in, data_);
    auto max = c.ok() ? tag::maximize(*c, data_) : c;
    auto min = c.ok() ? tag::minimize(*c, data_) : c;
    auto up = c.ok() ? tag::parent(*c, data_) : std::nullopt;
    counting = false;
    EXPECT_TRUE(up.has_value()) << in;
    count = allocations.load();
    ASSERT_TRUE(p.ok() && c.ok() && max.ok() && min.ok()) << in;
    EXPECT_EQ(count, 0) << in << " allocated " << count << " times";
  }
}

// ParseOptions::messages = false: ill-formed inputs fail with their code and
// offset and allocate nothing (what resolve() relies on, issue 17 item 4).
TEST_F(TagNoAlloc, IllFormedTagsWithoutMessagesDoNotAllocate) {
  const std::string long_tag(300, 'a');
  const std::string_view inputs[] = {"engl", "en--US", "en-US-Latn", "en-a", "1234", "en-u-c1", "x",
                                     "en-1996-1996", "en_US.UTF-8", std::string_view("e\0n", 3), "\xc3\xa9n",
                                     "abcdefghi", "en-a-bb-a-cc", long_tag};
  tag::ParseOptions quiet;
  quiet.messages = false;
  for (std::string_view in : inputs) {
    const auto loud = tag::parse(in, data_);
    allocations = 0;
    counting = true;
    const auto r = tag::parse(in, data_, quiet);
    counting = false;
    ASSERT_FALSE(r.ok()) << in;
    EXPECT_EQ(r.error().code, loud.error().code) << in;
    EXPECT_EQ(r.error().offset, loud.error().offset) << in;
    EXPECT_TRUE(r.error().message.empty()) << in;
    EXPECT_EQ(allocations.load(), 0) << in;
  }
}

TEST_F(TagNoAlloc, TheCounterWorks) {
  // A test that cannot fail is a bug: prove the counter sees allocations.
  allocations = 0;
  counting = true;
  auto bad = tag::parse("en--US");  // an error: message and suggestion are std::strings
  counting = false;
  EXPECT_FALSE(bad.ok());
  EXPECT_GT(allocations.load(), 0);
}

}  // namespace
}  // namespace localecap::testing
