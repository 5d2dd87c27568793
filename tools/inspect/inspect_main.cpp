// localecap-inspect: reads a snapshot (memory-mapped, fully validated) and
// prints its header, counts and size per section, a tag's profile, the
// differences between two snapshots, or checks a detached Ed25519 signature.
//
//   localecap-inspect header   FILE           header and section sizes
//   localecap-inspect stats    FILE           coverage, sizes, flyweight saving
//   localecap-inspect profile  FILE TAG...    profiles (a profile's tag or maximized tag)
//   localecap-inspect diff     OLD NEW        what changed (exit 1 if anything did)
//   localecap-inspect verify   FILE --public-key HEX [--signature FILE.sig]
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "inspect/describe.h"
#include "pack/report.h"
#include "pack/sign.h"
#include "snapshot/snapshot.h"

namespace {

std::unique_ptr<const localecap::Snapshot> open_or_die(const std::string& path) {
  auto s = localecap::Snapshot::map_file(path);
  if (!s) {
    std::cerr << "localecap-inspect: " << path << ": " << localecap::error_code_name(s.error().code) << ": "
              << s.error().message << "\n";
    std::exit(1);
  }
  return std::move(s).value();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"localecap-inspect: read a localecap snapshot"};
  app.require_subcommand(1);
  std::string file, other, public_key, signature;
  std::vector<std::string> tags;

  auto* header = app.add_subcommand("header", "header, counts and size per section");
  header->add_option("file", file)->required();
  auto* stats = app.add_subcommand("stats", "coverage per field, sizes raw and gzip, flyweight saving");
  stats->add_option("file", file)->required();
  auto* profile = app.add_subcommand("profile", "the profile of each tag (exact profile or maximized tag)");
  profile->add_option("file", file)->required();
  profile->add_option("tags", tags)->required();
  auto* diff = app.add_subcommand("diff", "differences between two snapshots");
  diff->add_option("old", file)->required();
  diff->add_option("new", other)->required();
  auto* verify = app.add_subcommand("verify", "check a detached Ed25519 signature");
  verify->add_option("file", file)->required();
  verify->add_option("--public-key", public_key, "64 hex digits")->required();
  verify->add_option("--signature", signature, "default: FILE.sig");
  CLI11_PARSE(app, argc, argv);

  const auto s = open_or_die(file);
  if (*header) {
    std::cout << localecap::inspect::describe_header(*s) << localecap::inspect::describe_sections(*s);
  } else if (*stats) {
    localecap::pack::print_report(*s, stdout);
    // How long full validation takes (the registry does it once per snapshot, in the worker).
    const std::vector<uint8_t> copy(s->bytes().begin(), s->bytes().end());
    const auto start = std::chrono::steady_clock::now();
    const bool ok = localecap::Snapshot::load(copy).ok();
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
    std::printf("validation: %s in %lld us (load of a copy, this machine)\n", ok ? "ok" : "FAILED",
                static_cast<long long>(us.count()));
  } else if (*profile) {
    int missing = 0;
    for (const auto& t : tags) {
      const auto id = s->find_tag(t);
      if (!id) {
        std::cout << t << ": no profile under this tag (the registry would resolve it through fallback)\n\n";
        ++missing;
        continue;
      }
      std::cout << localecap::inspect::describe_profile(*s, *id) << "\n";
    }
    return missing ? 1 : 0;
  } else if (*diff) {
    const auto b = open_or_die(other);
    const std::string d = localecap::inspect::describe_diff(*s, *b);
    std::cout << (d.empty() ? "no differences\n" : d);
    return d.empty() ? 0 : 1;
  } else if (*verify) {
    auto ok = localecap::pack::verify_file(s->bytes(), public_key, signature.empty() ? file + ".sig" : signature);
    if (!ok) return std::cerr << "localecap-inspect: " << ok.error().message << "\n", 1;
    std::cout << "signature OK\n";
  }
  return 0;
}
