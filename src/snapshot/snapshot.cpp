#include "snapshot/snapshot.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "snapshot/detail/reader_errors.h"

namespace localecap {

namespace v2 = snapshot::v2;
static_assert(std::endian::native == std::endian::little,
              "snapshots are little-endian and read in place");

using snapshot::detail::bad;
using snapshot::detail::over_limit;

Snapshot::~Snapshot() {
  if (mapping_) munmap(mapping_, data_.size());
}

Result<std::unique_ptr<const Snapshot>> Snapshot::load(std::vector<uint8_t> bytes,
                                                       const ReaderLimits& limits) {
  auto s = std::unique_ptr<Snapshot>(new Snapshot());
  s->owned_ = std::move(bytes);
  s->data_ = s->owned_;
  return validate(std::move(s), limits);
}

Result<std::unique_ptr<const Snapshot>> Snapshot::map_file(const std::string& path,
                                                           const ReaderLimits& limits) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return bad(ErrorCode::kIo, "cannot open " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) != 0 || st.st_size <= 0) {
    ::close(fd);
    return bad(ErrorCode::kSnapshotTooSmall, path + " is empty or cannot be read");
  }
  if (static_cast<uint64_t>(st.st_size) > limits.max_bytes) {
    ::close(fd);
    return over_limit("max_bytes", limits.max_bytes, static_cast<uint64_t>(st.st_size), path + " has");
  }
  void* p = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) return bad(ErrorCode::kIo, "cannot map " + path + ": " + std::strerror(errno));
  auto s = std::unique_ptr<Snapshot>(new Snapshot());
  s->mapping_ = p;  // page-aligned, so 8-byte aligned as the format requires
  s->data_ = {static_cast<const uint8_t*>(p), static_cast<size_t>(st.st_size)};
  return validate(std::move(s), limits);
}

Result<std::unique_ptr<const Snapshot>> Snapshot::read_file(const std::string& path,
                                                            const ReaderLimits& limits) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return bad(ErrorCode::kIo, "cannot open " + path + ": " + std::strerror(errno));
  std::vector<uint8_t> bytes;
  uint8_t buf[65536];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) {
    if (bytes.size() + n > limits.max_bytes) {
      std::fclose(f);
      return over_limit("max_bytes", limits.max_bytes, bytes.size() + n, path + " has at least");
    }
    bytes.insert(bytes.end(), buf, buf + n);
  }
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return bad(ErrorCode::kIo, "cannot read " + path);
  if (bytes.empty()) return bad(ErrorCode::kSnapshotTooSmall, path + " is empty or cannot be read");
  return load(std::move(bytes), limits);
}

std::string_view Snapshot::language(const Profile& p) const {
  const auto m = maximized(p);
  return m.substr(0, m.find('-'));
}

std::string_view Snapshot::script(const Profile& p) const {
  const auto m = maximized(p);
  return m.substr(m.find('-') + 1, 4);
}

std::string_view Snapshot::region(const Profile& p) const {
  const auto m = maximized(p);
  return m.substr(m.rfind('-') + 1);
}

Snapshot::Morphology Snapshot::morphology(const Profile& p) const {
  const auto source = v2::MorphologySource(p.morphology_source);
  if (source == v2::MorphologySource::kNone)
    return {v2::MorphologyType::kUnknown, source, v2::kNoRelative, 0, nullptr, nullptr, 0};
  if (p.relative != v2::kNoRelative) {
    const auto& c = capability(profiles_[p.relative]);
    return {v2::MorphologyType(c.morphology), source, p.relative, p.distance, c.wals, &c, p.confidence};
  }
  // kObserved with kNoRelative: the profile itself (format_v2.h, ProfileRecord).
  // `p` may be a copy, so its index is found by its tag, not by its address.
  const auto relative = find_tag(tag(p)).value_or(0);
  const auto& c = capability(p);
  return {v2::MorphologyType(c.morphology), source, relative, p.distance, c.wals, &c, p.confidence};
}

std::optional<uint32_t> Snapshot::find_tag_hashed(std::string_view tag) const {
  const uint64_t h = hash_bytes(tag.data(), tag.size());
  const auto n = static_cast<uint32_t>(profiles_.size());
  const uint16_t seed = seeds_[v2::index_bucket(h, static_cast<uint32_t>(seeds_.size()))];
  const uint32_t slot = v2::index_slot(h, seed, n);
  const uint32_t index = slot >= rotation_ ? slot - rotation_ : slot + n - rotation_;
  if (this->tag(profiles_[index]) != tag) return std::nullopt;
  return index;
}

StringTable Snapshot::table(snapshot::v2::TableId id) const {
  const uint32_t i = static_cast<uint32_t>(id);
  const auto& t = tables_[i];
  return StringTable(pairs_.subspan(t.first, t.count), strings_, table_slots_[i]);
}

}  // namespace localecap
