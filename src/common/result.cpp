#include "common/result.h"

#include <iterator>

namespace localecap {

namespace {

// Every ErrorCode, in value order: its name and its general suggestion. The
// one list of codes: web/dist/abi.js (ERROR_NAMES, ERROR_SUGGESTIONS) is
// generated from it (wasm/abi_text.cpp).
struct CodeInfo {
  ErrorCode code;
  const char* name;
  const char* suggestion;
};

constexpr CodeInfo kCodes[] = {
    {ErrorCode::kOk, "ok", ""},
    {ErrorCode::kTagEmpty, "tag-empty", ""},
    {ErrorCode::kTagTooLong, "tag-too-long", ""},
    {ErrorCode::kTagNotAscii, "tag-not-ascii", ""},
    {ErrorCode::kTagBadSubtag, "tag-bad-subtag", ""},
    {ErrorCode::kTagBadLanguage, "tag-bad-language", ""},
    {ErrorCode::kTagEmptySubtag, "tag-empty-subtag", ""},
    {ErrorCode::kTagDuplicateVariant, "tag-duplicate-variant", ""},
    {ErrorCode::kTagDuplicateSingleton, "tag-duplicate-singleton", ""},
    {ErrorCode::kTagUnknownSubtag, "tag-unknown-subtag", ""},
    {ErrorCode::kTagBadExtension, "tag-bad-extension", ""},
    {ErrorCode::kTagUnderscoreSeparator, "tag-underscore-separator", ""},
    {ErrorCode::kTagNoLikelySubtags, "tag-no-likely-subtags", ""},
    {ErrorCode::kTagBadCharacter, "tag-bad-character", ""},
    {ErrorCode::kSnapshotTooSmall, "snapshot-too-small", ""},
    {ErrorCode::kSnapshotTooLarge, "snapshot-too-large", ""},
    {ErrorCode::kSnapshotBadMagic, "snapshot-bad-magic", ""},
    {ErrorCode::kSnapshotBadVersion, "snapshot-bad-version", ""},
    {ErrorCode::kSnapshotBadLength, "snapshot-bad-length", ""},
    {ErrorCode::kSnapshotBadHash, "snapshot-bad-hash", ""},
    {ErrorCode::kSnapshotBadSection, "snapshot-bad-section", ""},
    {ErrorCode::kSnapshotBadOffset, "snapshot-bad-offset", ""},
    {ErrorCode::kSnapshotBadIndex, "snapshot-bad-index", ""},
    {ErrorCode::kSnapshotBadSignature, "snapshot-bad-signature", ""},
    {ErrorCode::kSnapshotUnsigned, "snapshot-unsigned", ""},
    {ErrorCode::kSnapshotOlderVersion, "snapshot-older-version", ""},
    {ErrorCode::kSnapshotBadText, "snapshot-bad-text", ""},
    {ErrorCode::kSnapshotBadHeader, "snapshot-bad-header",
     "rebuild the snapshot with localecap-pack: --channel takes up to 15 of a-z 0-9 . _ -, "
     "--expires-at must be after --issued-at"},
    {ErrorCode::kSnapshotVersionTooLarge, "snapshot-version-too-large",
     "use a registry_version up to 2^53 - 1 (9007199254740991), e.g. a counter or Unix seconds"},
    {ErrorCode::kSnapshotBelowMinVersion, "snapshot-below-min-version",
     "serve the current snapshot (a cache, CDN or redirect may hold an old one); lower minVersion "
     "only if going back is intended"},
    {ErrorCode::kSnapshotExpired, "snapshot-expired",
     "publish a fresh snapshot (localecap-pack --expires-at), or check the device's clock"},
    {ErrorCode::kSnapshotTooOld, "snapshot-too-old",
     "publish snapshots more often than maxAgeSeconds, raise maxAgeSeconds, or check the device's clock"},
    {ErrorCode::kSnapshotWrongChannel, "snapshot-wrong-channel",
     "serve a snapshot packed for this registry's channel (localecap-pack --channel), or create the "
     "registry with the snapshot's channel"},
    {ErrorCode::kNotInitialized, "not-initialized", ""},
    {ErrorCode::kStaleHandle, "stale-handle", ""},
    {ErrorCode::kTooManyReaders, "too-many-readers", ""},
    {ErrorCode::kFetchFailed, "fetch-failed", ""},
    {ErrorCode::kFetchTimeout, "fetch-timeout", ""},
    {ErrorCode::kFetchHttpStatus, "fetch-http-status", ""},
    {ErrorCode::kIo, "io", ""},
};

constexpr bool in_value_order() {
  for (size_t i = 0; i < std::size(kCodes); ++i)
    if (static_cast<size_t>(kCodes[i].code) != i) return false;
  return true;
}
static_assert(in_value_order() && kCodes[std::size(kCodes) - 1].code == ErrorCode::kIo,
              "kCodes lists every ErrorCode once, in value order");

const CodeInfo* info(ErrorCode code) {
  const auto i = static_cast<size_t>(code);
  return i < std::size(kCodes) ? &kCodes[i] : nullptr;
}

}  // namespace

const char* error_code_name(ErrorCode code) {
  const CodeInfo* c = info(code);
  return c ? c->name : "unknown";
}

const char* error_code_suggestion(ErrorCode code) {
  const CodeInfo* c = info(code);
  return c ? c->suggestion : "";
}

}  // namespace localecap
