#include "common/string_table.h"

#include <bit>

namespace localecap {

std::vector<uint32_t> StringTable::build_index(std::span<const Pair> pairs, std::string_view pool) {
  if (pairs.empty() || pairs.size() >= kMaxIndexedRows) return {};
  std::vector<uint32_t> slots(std::bit_ceil(pairs.size() * 2));
  const size_t mask = slots.size() - 1;
  for (size_t row = 0; row < pairs.size(); ++row) {
    const StrRef k = pairs[row].key;
    const uint64_t h = hash_bytes(pool.data() + k.offset, k.length);
    size_t i = h & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = static_cast<uint32_t>(h >> 48) << 16 | static_cast<uint32_t>(row + 1);
  }
  return slots;
}

}  // namespace localecap
