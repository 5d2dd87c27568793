// localecap::Result<T> and localecap::Error — outcomes as values.
//
// Every fallible operation in localecap returns a Result: either a value or an
// Error carrying a stable code, a message a person understands, the byte offset
// in the input where the problem is (when there is one) and a suggestion (when
// one exists). Nothing in the library throws on bad input.
//
// Why not std::expected: the libc++ shipped with Emscripten 3.1.6 lacks it.
//
// Thread safety: plain values; safe to copy and move between threads.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace localecap {

enum class ErrorCode : uint16_t {
  kOk = 0,
  // Language tags (src/tag).
  kTagEmpty,
  kTagTooLong,
  kTagNotAscii,
  kTagBadSubtag,
  kTagBadLanguage,
  kTagEmptySubtag,
  kTagDuplicateVariant,
  kTagDuplicateSingleton,
  kTagUnknownSubtag,
  kTagBadExtension,
  kTagUnderscoreSeparator,
  kTagNoLikelySubtags,
  kTagBadCharacter,
  // Snapshots (src/snapshot).
  kSnapshotTooSmall,
  kSnapshotTooLarge,
  kSnapshotBadMagic,
  kSnapshotBadVersion,
  kSnapshotBadLength,
  kSnapshotBadHash,
  kSnapshotBadSection,
  kSnapshotBadOffset,
  kSnapshotBadIndex,
  kSnapshotBadSignature,
  kSnapshotUnsigned,      // a signature is required and the snapshot has none
  kSnapshotOlderVersion,
  kSnapshotBadText,       // a name or tag that is not well-formed UTF-8
  kSnapshotBadHeader,     // a header field out of its range (channel spelling, expiry before issue)
  kSnapshotVersionTooLarge,  // registry_version over 2^53 - 1
  // Well-formed snapshots a registry's trust policy refuses (src/registry/trust_policy.h).
  kSnapshotBelowMinVersion,
  kSnapshotExpired,
  kSnapshotTooOld,
  kSnapshotWrongChannel,
  // Registry and runtime.
  kNotInitialized,
  kStaleHandle,
  kTooManyReaders,
  kFetchFailed,        // network error (no HTTP response)
  kFetchTimeout,       // no complete response within the timeout
  kFetchHttpStatus,    // an HTTP status other than 200 or 304
  kIo,
};

// Stable, machine-readable name of a code ("tag-empty", "snapshot-bad-hash"…);
// "unknown" for a number that is no code.
const char* error_code_name(ErrorCode code);
// What a person can do about an error with this code, whatever its details
// ("" where the message says it all). Errors whose fix depends on the input
// carry their own Error::suggestion instead.
const char* error_code_suggestion(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kOk;
  std::string message;     // for a person: what is wrong, in plain words
  int32_t offset = -1;     // byte offset in the input, or -1
  std::string suggestion;  // what to write instead, or empty
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Precondition: ok().
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // Precondition: !ok().
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Shorthand for building an Error in place.
inline Error make_error(ErrorCode code, std::string message, int32_t offset = -1,
                        std::string suggestion = {}) {
  return Error{code, std::move(message), offset, std::move(suggestion)};
}

// An Error whose suggestion is its code's general one (error_code_suggestion).
inline Error make_error_suggesting(ErrorCode code, std::string message) {
  return make_error(code, std::move(message), -1, error_code_suggestion(code));
}

}  // namespace localecap
