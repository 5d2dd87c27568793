// localecap::tag::detail::FixedVector — a list of at most N trivially
// copyable values held inside the object, for the tag code's scratch lists
// (subtags of the input, variants, -u- keywords, extension segments).
//
// Why not std::array<T, N>: for T = std::string_view (whose constructor
// zeroes it) an array is initialised element by element, so a list sized for
// the longest tag (128 subtags) cost 2–4 KB of stores on every parse and
// canonicalize however short the tag: the largest cost on resolve()'s path
// (perf: `rep stos` in canonicalize, the zeroing in Parser). A FixedVector
// writes only the elements pushed. No allocation, ever.
//
// Precondition of push_back: size() < N (callers bound their lists by the tag
// length, which parse() caps at kMaxLength).
#pragma once

#include <cstddef>
#include <memory>
#include <type_traits>

namespace localecap::tag::detail {

template <typename T, size_t N>
class FixedVector {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  FixedVector() {}  // NOLINT: leaves the storage unwritten on purpose (see above)
  FixedVector(const FixedVector& o) : size_(o.size_) { std::uninitialized_copy(o.begin(), o.end(), begin()); }
  FixedVector& operator=(const FixedVector& o) {
    size_ = o.size_;
    std::uninitialized_copy(o.begin(), o.end(), begin());
    return *this;
  }

  void push_back(const T& v) { std::construct_at(items_ + size_++, v); }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  static constexpr size_t capacity() { return N; }

  T& operator[](size_t i) { return items_[i]; }
  const T& operator[](size_t i) const { return items_[i]; }
  T* data() { return items_; }
  const T* data() const { return items_; }
  T* begin() { return items_; }
  T* end() { return items_ + size_; }
  const T* begin() const { return items_; }
  const T* end() const { return items_ + size_; }
  // Keeps the first n elements. Precondition: n <= size().
  void truncate(size_t n) { size_ = n; }

 private:
  union {
    T items_[N];  // a union member is not initialised: only push_back constructs
  };
  size_t size_ = 0;
};

}  // namespace localecap::tag::detail
