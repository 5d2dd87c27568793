// The binary interface between the wasm module and web/*.js, written once.
//
// Everything JavaScript reads out of wasm memory by offset, or passes to an
// export as a number, is defined here: the profile record JS builds Profile
// objects from (ProfileFields), the outcome log (OutcomeLog), the result words
// of lc_resolve, the outcome kinds, and the tag operations. The vocabularies
// (the names behind ProfileFields' numbers), the match names and the error-code
// names come from the C++ that defines them (wasm/profile_object.cpp,
// src/registry/resolver.h, src/common/result.h).
//
// JS never copies these numbers: the wasm build runs wasm/abi_gen.cpp, which
// prints them as an ES module (build/<preset>/wasm/abi.js; tools/build.sh puts
// it in web/dist/abi.js, which web/*.js imports). The module carries a
// FINGERPRINT of its text; the wasm module exports the fingerprint it was
// built with (lc_abi_fingerprint), web/registry.js refuses a mismatch at load,
// and e2e/abi.spec.js compares the whole text with what the wasm reports.
//
// To add a profile field: add a line to LOCALECAP_PROFILE_WORDS below, fill it
// in write_profile_fields() (wasm/profile_object.cpp), and read it in JS as
// PROFILE.<NAME_IN_CAPS> (web/profile.js). To add a vocabulary, add it to
// for_each_vocabulary() (wasm/profile_object.cpp). Rebuild; nothing else.
//
// Thread: plain definitions. Who writes and reads each structure is said at
// the structure.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace localecap::wasm {

// --- profile record (ProfileFields) -----------------------------------------

// The strings of a profile, in this order in ProfileFields::string_*.
enum ProfileString : uint32_t { kTag, kMaximized, kLanguage, kScript, kRegion, kName, kRelative, kStringCount };
inline constexpr const char* kProfileStringNames[] = {"tag", "maximized", "language", "script", "region", "name",
                                                      "relative"};
static_assert(std::size(kProfileStringNames) == kStringCount);

// At most this many bytes per string (one length byte in the snapshot format;
// profile_object.cpp checks it against the format's limit).
inline constexpr uint32_t kProfileStringBytes = 255;

// The 32-bit words of ProfileFields before its text, in order:
// SCALAR(name) is one word, ARRAY(name, count) `count` words.
#define LOCALECAP_PROFILE_WORDS(SCALAR, ARRAY)                                          \
  SCALAR(direction)           /* vocabulary direction: 'ltr' | 'rtl' */               \
  SCALAR(writing_mode)        /* vocabulary writingMode */                            \
  SCALAR(segmentation)        /* vocabulary segmentation */                           \
  SCALAR(morphology_type)     /* vocabulary morphologyType */                         \
  SCALAR(morphology_source)   /* vocabulary morphologySource; 0 = none */             \
  SCALAR(distance)            /* Glottolog edges to the relative */                   \
  SCALAR(plural_cardinal)     /* mask of vocabulary plural */                         \
  SCALAR(plural_ordinal)                                                              \
  SCALAR(genders)             /* mask of vocabulary gender */                         \
  SCALAR(cases)               /* mask of vocabulary case */                           \
  SCALAR(maximized_source)    /* vocabulary maximizedSource */                        \
  SCALAR(direction_source)    /* vocabulary directionSource */                        \
  SCALAR(segmentation_source) /* vocabulary segmentationSource */                     \
  SCALAR(cardinal_source)     /* vocabulary pluralSource */                           \
  SCALAR(ordinal_source)      /* vocabulary pluralSource */                           \
  SCALAR(grammar_source)      /* vocabulary grammarSource */                          \
  ARRAY(wals, 5)              /* value per vocabulary wals feature; 0 = none */       \
  SCALAR(confidence)          /* percent: 100 observed, leave-one-out when inferred */ \
  SCALAR(evidence)            /* autotyp | categories<<8 | formatives<<16 | exponence<<24 | rule<<26 (profile_object.cpp) */ \
  ARRAY(string_offset, kStringCount) /* into text, by ProfileString */               \
  ARRAY(string_length, kStringCount)

// One profile's fields, copied out of a snapshot by write_profile_fields()
// (wasm/profile_object.h) for JS to build the frozen Profile object from.
// Written and read by the thread that owns the module's JS.
struct ProfileFields {
#define LOCALECAP_SCALAR_(name) uint32_t name;
#define LOCALECAP_ARRAY_(name, count) uint32_t name[count];
  LOCALECAP_PROFILE_WORDS(LOCALECAP_SCALAR_, LOCALECAP_ARRAY_)
#undef LOCALECAP_SCALAR_
#undef LOCALECAP_ARRAY_
  char text[kStringCount * kProfileStringBytes];  // UTF-8, not NUL-terminated
};
static_assert(offsetof(ProfileFields, text) % 4 == 0);

// --- registry versions ------------------------------------------------------
//
// A registry_version is 64-bit in the format, and the reader refuses any above
// 2^53 - 1 (format_v2.h kMaxRegistryVersion), so a JS number holds every live
// or offered version exactly. Where JS reads one out of wasm memory it is two
// uint32 words, low then high, and JS adds them up: low + high * 2^32
// (web/trust.js versionFromWords). Raw exports that take or return one use a
// double (exact, for the same reason).
struct VersionWords {
  uint32_t low;
  uint32_t high;
};
inline constexpr VersionWords version_words(uint64_t version) {
  return {static_cast<uint32_t>(version), static_cast<uint32_t>(version >> 32)};
}

// --- lc_resolve's result words ----------------------------------------------

// lc_result() points at kResultWords uint32 words, written by lc_resolve.
enum ResultWord : uint32_t {
  kResultVersion = 0,      // registry_version that answered, low 32 bits; 0 if none
  kResultProfile = 1,      // profile index
  kResultMatch = 2,        // localecap::Match
  kResultVersionHigh = 3,  // registry_version that answered, high bits
  kResultWords = 4,
};

// --- tag operations (Embind transformTag) ----------------------------------

enum class TagOp : uint32_t { kCanonicalize = 0, kMaximize = 1, kMinimize = 2 };

// --- the outcome log --------------------------------------------------------
//
// How the hydration side tells the page what happened to each snapshot it was
// offered. A fixed ring of fixed-size records in wasm memory, written by one
// thread at a time (the hydration pthread in the threads build; the page's
// thread in the single build) and read by web/outcome-log.js straight from
// memory. After each record the writer wakes futex waiters on `head`, which is
// what the page's Atomics.waitAsync listens to.
//
// Reading protocol (seqlock-like): `head` is the sequence number of the last
// complete record. Record n lives in ring[n % kOutcomeRing]; the reader checks
// its `seq` is n before and after copying it. A writer first sets seq to 0,
// writes the fields, then stores seq = n (release), then head = n (release).

enum class OutcomeKind : uint32_t {
  kSwap = 1,         // a newer snapshot is live
  kReject = 2,       // refused; the live snapshot keeps serving
  kNotModified = 3,  // HTTP 304: nothing to do
  kUnchanged = 4,    // the snapshot offered is the live one (same content hash and version)
};
inline constexpr const char* kOutcomeKindNames[] = {"", "swap", "reject", "not-modified", "unchanged"};

// The plain words of a record after its `seq`, in order.
#define LOCALECAP_OUTCOME_WORDS(X)                                                      \
  X(request)     /* the page's request id */                                          \
  X(kind)        /* OutcomeKind */                                                    \
  X(code)        /* ErrorCode, 0 (ok) unless rejected */                              \
  X(version)     /* live registry_version after this outcome, low 32 bits */          \
  X(version_high) /* ... its high bits */                                             \
  X(offered)     /* registry_version of the snapshot offered, 0 if none; low bits */  \
  X(offered_high) /* ... its high bits */                                             \
  X(http_status) /* last HTTP status, 0 if no response or no HTTP */                 \
  X(attempts)    /* fetch attempts (1 + retries used) */                              \
  X(micros)      /* time spent validating and publishing, µs */

inline constexpr uint32_t kOutcomeMessageBytes = 208;  // NUL-terminated, for a person

struct OutcomeRecord {
  std::atomic<uint32_t> seq;
#define LOCALECAP_WORD_(name) uint32_t name;
  LOCALECAP_OUTCOME_WORDS(LOCALECAP_WORD_)
#undef LOCALECAP_WORD_
  uint32_t reserved[1];
  char message[kOutcomeMessageBytes];
};
static_assert(sizeof(OutcomeRecord) % 8 == 0);

inline constexpr uint32_t kOutcomeRing = 32;

struct OutcomeLog {
  std::atomic<uint32_t> head;  // sequence number of the newest record, 0 if none
  uint32_t reserved[3];
  OutcomeRecord ring[kOutcomeRing];
};

}  // namespace localecap::wasm
