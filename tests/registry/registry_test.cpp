// Registry API: initialize/publish/read, guards, reader slots, handles,
// reclamation and telemetry, single-threaded and deterministic.
#include "registry/registry.h"

#include <cstring>
#include <ctime>
#include <vector>

#include <gtest/gtest.h>

#include "registry/resolver.h"
#include "support/test_snapshots.h"

namespace localecap {
namespace {

using testing::tiny_snapshot;
using testing::tiny_snapshot_bytes;

// The tiny snapshot at `version`, made different from tiny_snapshot_bytes(version) by its provenance.
std::vector<uint8_t> other_bytes(uint64_t version) {
  SnapshotWriter w;
  w.set_registry_version(version);
  w.set_provenance("another build");
  ProfileFields f;
  f.tag = "en"; f.maximized = "en-Latn-US"; f.name = "English";
  w.add_profile(f);
  auto bytes = w.build();
  EXPECT_TRUE(bytes.ok());
  return std::move(bytes).value();
}

TEST(Registry, InitializeOnlyOnce) {
  Registry r;
  EXPECT_FALSE(r.is_initialized());
  EXPECT_FALSE(r.read());
  EXPECT_TRUE(r.initialize(tiny_snapshot(1)));
  EXPECT_FALSE(r.initialize(tiny_snapshot(2)));
  EXPECT_EQ(r.version(), 1u);
  EXPECT_EQ(r.read()->registry_version(), 1u);
  // The refused snapshot was never adopted: nothing leaks, nothing retired.
  const auto t = r.telemetry();
  EXPECT_EQ(t.snapshots_adopted, 1u);
  EXPECT_EQ(t.live_snapshots, 1u);
  EXPECT_EQ(t.swaps, 1u);
}

TEST(Registry, PublishReturnsPreviousVersion) {
  Registry r;
  EXPECT_EQ(r.publish(tiny_snapshot(1)), 0u);
  EXPECT_EQ(r.publish(tiny_snapshot(2)), 1u);
  EXPECT_EQ(r.version(), 2u);
  EXPECT_EQ(r.with([](const Snapshot* s) { return s->registry_version(); }), 2u);
}

TEST(Registry, ReadAfterPublishSeesTheNewSnapshot) {
  Registry r;
  auto reader = std::move(r.register_reader()).value();
  for (uint64_t v = 1; v <= 20; ++v) {
    r.publish(tiny_snapshot(v));
    EXPECT_EQ(reader.read()->registry_version(), v);
    EXPECT_EQ(r.read()->registry_version(), v);
  }
}

TEST(Registry, AGuardKeepsItsSnapshotAcrossPublishes) {
  Registry r;
  r.publish(tiny_snapshot(1));
  {
    const auto g = r.read();
    r.publish(tiny_snapshot(2));
    r.publish(tiny_snapshot(3));
    EXPECT_EQ(r.reclaim(), 2u);  // both retired snapshots may still be seen by g
    EXPECT_EQ(g->registry_version(), 1u);
    EXPECT_EQ(r.telemetry().live_snapshots, 3u);
    EXPECT_EQ(r.telemetry().retired_not_freed, 2u);
  }
  EXPECT_EQ(r.reclaim(), 0u);
  const auto t = r.telemetry();
  EXPECT_EQ(t.live_snapshots, 1u);
  EXPECT_EQ(t.snapshots_adopted, 3u);
  EXPECT_EQ(t.snapshots_freed, 2u);
}

TEST(Registry, NestedGuardsOnOneSlotProtectTheOuterSnapshot) {
  Registry r;
  r.publish(tiny_snapshot(1));
  const auto outer = r.read();
  r.publish(tiny_snapshot(2));
  {
    const auto inner = r.read();
    EXPECT_EQ(inner->registry_version(), 2u);
  }  // leaving the inner guard must not end the outer one's protection
  EXPECT_EQ(r.reclaim(), 1u);
  EXPECT_EQ(outer->registry_version(), 1u);
}

TEST(Registry, ReaderSlotsAreLimitedAndReusable) {
  Registry r;
  std::vector<Registry::Reader> readers;
  for (uint32_t i = 1; i < Registry::kMaxReaders; ++i) {
    auto reader = r.register_reader();
    ASSERT_TRUE(reader.ok());
    EXPECT_EQ(reader->slot(), i);
    readers.push_back(std::move(reader).value());
  }
  auto refused = r.register_reader();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kTooManyReaders);
  EXPECT_EQ(r.telemetry().readers_registered, Registry::kMaxReaders);
  readers[3].release();
  auto again = r.register_reader();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->slot(), 4u);
}

TEST(Registry, AnOpenGuardOnAnotherSlotBlocksOnlyOlderSnapshots) {
  Registry r;
  auto reader = std::move(r.register_reader()).value();
  r.publish(tiny_snapshot(1));
  r.publish(tiny_snapshot(2));
  const auto g = reader.read();  // sees 2; 1 is unreachable for it
  r.publish(tiny_snapshot(3));
  EXPECT_EQ(r.reclaim(), 1u);    // 1 freed, 2 held
  EXPECT_EQ(r.telemetry().snapshots_freed, 1u);
  EXPECT_EQ(g->registry_version(), 2u);
}

TEST(Registry, RetiredSnapshotsArePoisonedBeforeTheyAreFreed) {
  struct Seen {
    int freed = 0;
    bool all_poisoned = true;
  } seen;
  RegistryOptions options;
  options.poison_retired = true;
  options.free_hook = [](const Snapshot& s, void* ctx) {
    auto* seen = static_cast<Seen*>(ctx);
    ++seen->freed;
    for (uint8_t b : s.bytes()) seen->all_poisoned &= b == Registry::kPoisonByte;
    // What a late reader would see: no magic, a nonsense version.
    seen->all_poisoned &= s.registry_version() == 0xDBDBDBDBDBDBDBDBull;
  };
  options.free_hook_context = &seen;
  Registry r(options);
  r.publish(tiny_snapshot(1));
  {
    const auto g = r.read();
    r.publish(tiny_snapshot(2));
    EXPECT_EQ(r.reclaim(), 1u);
    EXPECT_EQ(seen.freed, 0);  // held by g: neither poisoned nor freed
    EXPECT_EQ(std::memcmp(g->header().magic, snapshot::v2::kMagic, 8), 0);
  }
  EXPECT_EQ(r.reclaim(), 0u);
  EXPECT_EQ(seen.freed, 1);
  EXPECT_TRUE(seen.all_poisoned);
}

TEST(Registry, ResetForTestingEmptiesItAndFreesEverything) {
  Registry r;
  r.publish(tiny_snapshot(1));
  r.publish(tiny_snapshot(2));
  r.reset_for_testing();
  EXPECT_FALSE(r.is_initialized());
  EXPECT_EQ(r.version(), 0u);
  EXPECT_EQ(r.telemetry().live_snapshots, 0u);
  EXPECT_TRUE(r.initialize(tiny_snapshot(1)));
}

TEST(Registry, TelemetryCountsWhatHappened) {
  Registry r;
  r.publish(tiny_snapshot(1));
  r.publish(tiny_snapshot(2));
  r.record_rejected(ErrorCode::kSnapshotBadHash);
  r.record_rejected(ErrorCode::kSnapshotBadHash);
  r.record_rejected(ErrorCode::kSnapshotOlderVersion);
  r.record_hydrate_ns(1500);
  for (int i = 0; i < 5; ++i) (void)r.read();
  auto reader = std::move(r.register_reader()).value();
  for (int i = 0; i < 7; ++i) (void)reader.read();
  r.reclaim();
  const auto t = r.telemetry();
  EXPECT_EQ(t.registry_version, 2u);
  EXPECT_EQ(t.swaps, 2u);
  EXPECT_EQ(t.rejected_total, 3u);
  EXPECT_EQ(t.rejected[size_t(ErrorCode::kSnapshotBadHash)], 2u);
  EXPECT_EQ(t.rejected_summary(), "snapshot-bad-hash=2, snapshot-older-version=1");
  EXPECT_EQ(t.reads, 12u);
  EXPECT_EQ(t.publish.count, 2u);
  EXPECT_EQ(t.hydrate.count, 1u);
  EXPECT_EQ(t.hydrate.quantile_upper_ns(0.5), 2047u);  // 1500 ns is in [1024, 2048)
  EXPECT_EQ(t.retired_not_freed, 0u);
  EXPECT_EQ(t.live_snapshots, 1u);
}

// The trust policy (trust_policy.h) comes before the version rule: a newer
// but expired, too old, too low or foreign snapshot is refused with its own
// reason, the live snapshot keeps serving, and the refusal is counted.
TEST(RegistryOffer, TheTrustPolicyRefusesBeforeTheVersionRule) {
  namespace fmt = snapshot::v2;
  const auto with = [](uint64_t version, uint64_t issued_at, uint64_t expires_at, const char* channel) {
    auto b = tiny_snapshot_bytes(version);  // the header is not under the content hash
    std::memcpy(b.data() + offsetof(fmt::Header, issued_at), &issued_at, 8);
    std::memcpy(b.data() + offsetof(fmt::Header, expires_at), &expires_at, 8);
    std::memcpy(b.data() + offsetof(fmt::Header, channel), channel, std::strlen(channel));
    return b;
  };
  const uint64_t now = static_cast<uint64_t>(std::time(nullptr));
  Registry r;
  r.set_trust_policy({.min_version = uint64_t{1} << 32, .max_age_seconds = 3600, .channel = "stable"});
  EXPECT_EQ(r.offer(with(1, now, 0, "stable")).error.code, ErrorCode::kSnapshotBelowMinVersion);
  EXPECT_FALSE(r.is_initialized());  // nothing was live, and nothing is
  const uint64_t v = (uint64_t{1} << 32) + 1;
  EXPECT_EQ(r.offer(with(v, now, 0, "stable")).kind, OfferKind::kSwapped);
  EXPECT_EQ(r.version(), v);
  EXPECT_EQ(r.offer(with(v + 1, now, 0, "beta")).error.code, ErrorCode::kSnapshotWrongChannel);
  EXPECT_EQ(r.offer(with(v + 1, now - 7200, 0, "stable")).error.code, ErrorCode::kSnapshotTooOld);
  EXPECT_EQ(r.offer(with(v + 1, now - 60, now - 1, "stable")).error.code, ErrorCode::kSnapshotExpired);
  const OfferOutcome o = r.offer(with(v + 1, now, now + 60, "stable"));
  EXPECT_EQ(o.kind, OfferKind::kSwapped) << o.error.message;
  EXPECT_EQ(r.version(), v + 1);
  const auto t = r.telemetry();
  EXPECT_EQ(t.rejected[size_t(ErrorCode::kSnapshotWrongChannel)], 1u);
  EXPECT_EQ(t.rejected[size_t(ErrorCode::kSnapshotTooOld)], 1u);
  EXPECT_EQ(t.rejected[size_t(ErrorCode::kSnapshotExpired)], 1u);
  EXPECT_EQ(t.rejected[size_t(ErrorCode::kSnapshotBelowMinVersion)], 1u);
}

// The publish policy (Registry::offer): only a newer registry_version goes
// live, the live snapshot offered again is "unchanged", anything else that is
// not newer is refused, and so is anything invalid. Each outcome is counted.
TEST(RegistryOffer, OnlyANewerVersionGoesLive) {
  Registry r;
  const auto v1 = tiny_snapshot_bytes(1), v2 = tiny_snapshot_bytes(2);

  OfferOutcome o = r.offer(v1);
  EXPECT_EQ(o.kind, OfferKind::kSwapped);
  EXPECT_EQ(o.offered_version, 1u);
  EXPECT_EQ(o.live_version, 1u);
  EXPECT_EQ(o.error.code, ErrorCode::kOk);

  o = r.offer(v1);  // the same bytes: a second client's poll, a CDN serving the same file
  EXPECT_EQ(o.kind, OfferKind::kUnchanged);
  EXPECT_EQ(o.live_version, 1u);

  o = r.offer(other_bytes(1));  // same version, other content: refused, not swapped
  EXPECT_EQ(o.kind, OfferKind::kRefused);
  EXPECT_EQ(o.error.code, ErrorCode::kSnapshotOlderVersion);
  EXPECT_EQ(o.error.message, "registry_version 1 is not newer than the live 1");
  EXPECT_EQ(o.offered_version, 1u);

  EXPECT_EQ(r.offer(v2).kind, OfferKind::kSwapped);
  o = r.offer(v1);  // a slow older answer arriving after a newer one
  EXPECT_EQ(o.kind, OfferKind::kRefused);
  EXPECT_EQ(o.error.code, ErrorCode::kSnapshotOlderVersion);
  EXPECT_EQ(o.live_version, 2u);
  EXPECT_EQ(r.version(), 2u);

  std::vector<uint8_t> corrupt = v2;
  corrupt[0] ^= 0xFF;
  o = r.offer(corrupt);
  EXPECT_EQ(o.kind, OfferKind::kRefused);
  EXPECT_EQ(o.error.code, ErrorCode::kSnapshotBadMagic);
  EXPECT_EQ(o.offered_version, 0u);
  EXPECT_EQ(o.live_version, 2u);
  EXPECT_EQ(r.read()->registry_version(), 2u);

  const auto t = r.telemetry();
  EXPECT_EQ(t.swaps, 2u);
  EXPECT_EQ(t.unchanged, 1u);
  EXPECT_EQ(t.rejected_total, 3u);
  EXPECT_EQ(t.rejected_summary(), "snapshot-bad-magic=1, snapshot-older-version=2");
  EXPECT_EQ(t.last_rejected, ErrorCode::kSnapshotBadMagic);
  EXPECT_EQ(t.bytes_offered, 3 * v1.size() + other_bytes(1).size() + 2 * v2.size());
  EXPECT_EQ(t.hydrate.count, 6u);  // every offer, refused ones too
  EXPECT_GT(t.hydrate.last_ns, 0u);
}

// Regression (issue 14): the policy's "what is live" lived in function-local
// statics of the wasm runtime, shared by every Registry of the process. Each
// Registry now decides from its own live snapshot.
TEST(RegistryOffer, EachRegistryDecidesFromItsOwnLiveSnapshot) {
  Registry a, b;
  EXPECT_EQ(a.offer(tiny_snapshot_bytes(5)).kind, OfferKind::kSwapped);
  EXPECT_EQ(b.offer(tiny_snapshot_bytes(1)).kind, OfferKind::kSwapped);
  EXPECT_EQ(b.offer(tiny_snapshot_bytes(1)).kind, OfferKind::kUnchanged);
  EXPECT_EQ(a.version(), 5u);
  EXPECT_EQ(b.version(), 1u);
}

TEST(RegistryOffer, PublishIfNewerTakesLoadedSnapshots) {
  Registry r;
  EXPECT_EQ(r.publish_if_newer(tiny_snapshot(3)).kind, OfferKind::kSwapped);
  EXPECT_EQ(r.publish_if_newer(tiny_snapshot(3)).kind, OfferKind::kUnchanged);
  const OfferOutcome o = r.publish_if_newer(tiny_snapshot(2));
  EXPECT_EQ(o.kind, OfferKind::kRefused);
  EXPECT_EQ(o.error.code, ErrorCode::kSnapshotOlderVersion);
  EXPECT_EQ(r.publish_if_newer(nullptr).kind, OfferKind::kRefused);
  EXPECT_EQ(r.version(), 3u);
  // Only the live snapshot is held: the refused ones were freed at once.
  EXPECT_EQ(r.telemetry().live_snapshots, 1u);
}

// A swap reclaims once, never waiting: what a reader still holds stays
// retired until a later pass, the rest is freed by the offer itself.
TEST(RegistryOffer, ASwapReclaimsWhatNoReaderHolds) {
  Registry r;
  ASSERT_EQ(r.offer(tiny_snapshot_bytes(1)).kind, OfferKind::kSwapped);
  {
    const auto g = r.read();
    ASSERT_EQ(r.offer(tiny_snapshot_bytes(2)).kind, OfferKind::kSwapped);
    EXPECT_EQ(r.telemetry().retired_not_freed, 1u);  // g holds version 1
    EXPECT_EQ(g->registry_version(), 1u);
  }
  ASSERT_EQ(r.offer(tiny_snapshot_bytes(3)).kind, OfferKind::kSwapped);
  const auto t = r.telemetry();
  EXPECT_EQ(t.retired_not_freed, 0u);
  EXPECT_EQ(t.live_snapshots, 1u);
  EXPECT_EQ(t.snapshots_freed, 2u);
}

TEST(RegistryOffer, FetchesRetriesAndNotModifiedAreCounted) {
  Registry r;
  r.record_fetch(1, false);
  r.record_fetch(3, false);  // two retries
  r.record_fetch(1, true);   // a 304
  r.record_rejected(ErrorCode::kFetchTimeout);
  r.record_unanswered();
  const auto t = r.telemetry();
  EXPECT_EQ(t.unanswered, 1u);
  EXPECT_EQ(t.fetches, 5u);
  EXPECT_EQ(t.retries, 2u);
  EXPECT_EQ(t.not_modified, 1u);
  EXPECT_EQ(t.last_rejected, ErrorCode::kFetchTimeout);
  EXPECT_EQ(t.rejected_total, 1u);
}

}  // namespace
}  // namespace localecap
