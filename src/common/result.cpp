#include "common/result.h"

namespace localecap {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return "ok";
    case ErrorCode::kTagEmpty: return "tag-empty";
    case ErrorCode::kTagTooLong: return "tag-too-long";
    case ErrorCode::kTagNotAscii: return "tag-not-ascii";
    case ErrorCode::kTagBadSubtag: return "tag-bad-subtag";
    case ErrorCode::kTagBadLanguage: return "tag-bad-language";
    case ErrorCode::kTagEmptySubtag: return "tag-empty-subtag";
    case ErrorCode::kTagDuplicateVariant: return "tag-duplicate-variant";
    case ErrorCode::kTagDuplicateSingleton: return "tag-duplicate-singleton";
    case ErrorCode::kTagUnknownSubtag: return "tag-unknown-subtag";
    case ErrorCode::kTagBadExtension: return "tag-bad-extension";
    case ErrorCode::kTagUnderscoreSeparator: return "tag-underscore-separator";
    case ErrorCode::kTagNoLikelySubtags: return "tag-no-likely-subtags";
    case ErrorCode::kTagBadCharacter: return "tag-bad-character";
    case ErrorCode::kSnapshotTooSmall: return "snapshot-too-small";
    case ErrorCode::kSnapshotTooLarge: return "snapshot-too-large";
    case ErrorCode::kSnapshotBadMagic: return "snapshot-bad-magic";
    case ErrorCode::kSnapshotBadVersion: return "snapshot-bad-version";
    case ErrorCode::kSnapshotBadLength: return "snapshot-bad-length";
    case ErrorCode::kSnapshotBadHash: return "snapshot-bad-hash";
    case ErrorCode::kSnapshotBadSection: return "snapshot-bad-section";
    case ErrorCode::kSnapshotBadOffset: return "snapshot-bad-offset";
    case ErrorCode::kSnapshotBadIndex: return "snapshot-bad-index";
    case ErrorCode::kSnapshotBadSignature: return "snapshot-bad-signature";
    case ErrorCode::kSnapshotUnsigned: return "snapshot-unsigned";
    case ErrorCode::kSnapshotOlderVersion: return "snapshot-older-version";
    case ErrorCode::kSnapshotBadText: return "snapshot-bad-text";
    case ErrorCode::kNotInitialized: return "not-initialized";
    case ErrorCode::kStaleHandle: return "stale-handle";
    case ErrorCode::kTooManyReaders: return "too-many-readers";
    case ErrorCode::kFetchFailed: return "fetch-failed";
    case ErrorCode::kFetchTimeout: return "fetch-timeout";
    case ErrorCode::kFetchHttpStatus: return "fetch-http-status";
    case ErrorCode::kIo: return "io";
  }
  return "unknown";
}

}  // namespace localecap
