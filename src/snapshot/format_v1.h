// On-disk layout of a localecap snapshot, format version 1 (docs/snapshot-format.md).
//
// A snapshot is one immutable byte buffer: a fixed Header, a table of
// SectionEntry, then the sections, each starting on an 8-byte boundary.
// Everything is little-endian (static_assert below: every target we build for
// is little-endian, so records are read in place, zero-copy).
//
// Strings live in the STRINGS section and are referenced by StrRef
// (offset, length) pairs; nothing is NUL-terminated. The Reader checks every
// StrRef, index and count once at load, so accessors never bounds-check again.
#pragma once

#include <cstdint>
#include <iterator>

namespace localecap::snapshot::v1 {

inline constexpr char kMagic[8] = {'L', 'C', 'S', 'N', 'A', 'P', '\r', '\n'};
inline constexpr uint32_t kFormatVersion = 1;
inline constexpr uint32_t kAlignment = 8;

struct StrRef {
  uint32_t offset;  // into the STRINGS section
  uint32_t length;
};

struct Header {
  char magic[8];
  uint32_t format_version;
  uint32_t flags;               // reserved, 0
  uint64_t total_length;        // bytes in the whole snapshot
  uint64_t registry_version;    // monotonically increasing; newer replaces older
  uint64_t content_hash;        // XXH3-64 of bytes [sizeof(Header), total_length)
  uint32_t section_count;
  uint32_t reserved;
  char cldr_version[16];        // data-source versions, NUL-padded ASCII
  char iana_date[16];
  char wals_release[16];
  char glottolog_release[16];
};
static_assert(sizeof(Header) == 112);

enum class SectionId : uint32_t {
  kStrings = 1,      // string pool (bytes)
  kProfiles = 2,     // ProfileRecord[]; record 0 is the root profile
  kTagIndex = 3,     // TagIndexHeader + TagIndexSlot[capacity]
  kTables = 4,       // TableHeader[] (one per TableId) then StringPair[]
  kProvenance = 5,   // UTF-8 text: sources, licences, attribution
};

struct SectionEntry {
  uint32_t id;       // SectionId
  uint32_t reserved;
  uint64_t offset;   // from the start of the snapshot, multiple of kAlignment
  uint64_t length;
};
static_assert(sizeof(SectionEntry) == 24);

enum class Direction : uint8_t { kLtr = 0, kRtl = 1, kTtb = 2 };
enum class Segmentation : uint8_t { kSpace = 0, kDictionary = 1, kCharacter = 2, kSyllable = 3 };

// One capability profile. Fixed size; identical profiles are stored once (the
// flyweight) and shared by every tag in the index that resolves to them.
struct ProfileRecord {
  StrRef tag;             // the profile's own tag, canonical ("ar", "zh-Hant")
  StrRef maximized;       // "ar-Arab-EG"
  StrRef name;            // English name
  char script[4];         // ISO 15924, e.g. "Arab"
  char region[4];         // ISO 3166 / M.49, NUL-padded ("EG\0\0", "419\0")
  uint8_t direction;      // Direction: character order
  uint8_t line_order;     // Direction: line order (kTtb normally)
  uint8_t segmentation;   // Segmentation
  uint8_t reserved[5];
};
static_assert(sizeof(ProfileRecord) == 40);

struct TagIndexHeader {
  uint32_t capacity;      // power of two, > entry count
  uint32_t count;
};

// Open addressing, linear probing from slot (hash & (capacity-1)), keyed by
// XXH3-64 of the tag bytes as written (case-sensitive; the common spellings are all inserted).
// An empty slot has profile == kEmptySlot.
struct TagIndexSlot {
  StrRef key;
  uint32_t profile;
  uint32_t hash_high;     // high 32 bits of the key's hash, checked before comparing bytes
};
static_assert(sizeof(TagIndexSlot) == 16);
inline constexpr uint32_t kEmptySlot = 0xFFFFFFFFu;

// Sorted key→value tables the tag component reads (src/tag/tag_data.h).
enum class TableId : uint32_t {
  kLikelySubtags = 0,     // "en" → "en-Latn-US", "und-Arab" → "ar-Arab-EG"
  kCount = 1,
};

// Each table's name in the gathered JSON ("tables": {name: {key: value}}) and
// in localecap-inspect, indexed by TableId.
inline constexpr const char* kTableNames[] = {"likelySubtags"};
static_assert(std::size(kTableNames) == uint32_t(TableId::kCount));

struct TableHeader {
  uint32_t first;         // index of its first StringPair
  uint32_t count;
};

struct StringPair {
  StrRef key;
  StrRef value;
};
static_assert(sizeof(StringPair) == 16);

}  // namespace localecap::snapshot::v1
