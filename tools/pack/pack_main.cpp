// localecap-pack: builds a snapshot from the JSON written by tools/data/gather.mjs.
// Deterministic: the same input file and flags give byte-identical output.
//
//   localecap-pack --input data.json --output snapshot.lcs [--registry-version N]
//                  [--issued-at SECONDS] [--expires-at SECONDS] [--channel NAME]
//                  [--languages en,ar,th] [--sign-key seed.hex [--signature out.sig]]
//   localecap-pack --generate-key seed.hex
//
// Prints what the snapshot covers (languages; profiles with a known script,
// direction, segmentation; plurals from CLDR; observed and inferred morphology),
// its size raw and gzip, the flyweight saving (docs/data.md, "Numbers"), and where
// CLDR and SIL langtags disagree on a script.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "pack/convert.h"
#include "pack/report.h"
#include "pack/sign.h"
#include "snapshot/snapshot.h"
#include "snapshot/writer.h"

using nlohmann::json;

int main(int argc, char** argv) {
  CLI::App app{"localecap-pack: build a localecap snapshot from gathered data"};
  std::string input, output, languages, sign_key, signature, generate_key;
  uint64_t registry_version = 1;
  app.add_option("--input", input, "JSON from tools/data/gather.mjs")->check(CLI::ExistingFile);
  app.add_option("--output", output, "snapshot file to write");
  app.add_option("--registry-version", registry_version, "monotonic version of this snapshot")
      ->check(CLI::PositiveNumber);
  // issued_at defaults to SOURCE_DATE_EPOCH (reproducible builds), else 0 (not said):
  // the same inputs still give the same bytes.
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  uint64_t issued_at = epoch ? std::strtoull(epoch, nullptr, 10) : 0, expires_at = 0;
  std::string channel;
  app.add_option("--issued-at", issued_at, "Unix seconds the snapshot is issued (default: SOURCE_DATE_EPOCH, else 0)");
  app.add_option("--expires-at", expires_at, "Unix seconds from which readers refuse it (default 0: never)");
  app.add_option("--channel", channel, "release channel, up to 15 of a-z 0-9 . _ - (default: none)");
  app.add_option("--languages", languages,
                 "comma-separated tags: pack only these profiles (and profiles of the same language, "
                 "and their morphology relatives), for small test snapshots");
  app.add_option("--sign-key", sign_key, "Ed25519 seed (64 hex digits) to sign with; writes a detached signature")
      ->check(CLI::ExistingFile);
  app.add_option("--signature", signature, "where the detached signature goes (default: OUTPUT.sig)");
  app.add_option("--generate-key", generate_key, "write a new random Ed25519 seed to this file and exit");
  CLI11_PARSE(app, argc, argv);

  if (!generate_key.empty()) {
    auto pub = localecap::pack::generate_key(generate_key);
    if (!pub) return std::cerr << "localecap-pack: " << pub.error().message << "\n", 1;
    std::printf("localecap-pack: wrote seed to %s; public key %s\n", generate_key.c_str(), pub->c_str());
    return 0;
  }
  if (input.empty() || output.empty()) return std::cerr << "localecap-pack: --input and --output are required\n", 2;

  json doc;
  try {
    std::ifstream(input) >> doc;
  } catch (const std::exception& e) {
    std::cerr << "localecap-pack: cannot read " << input << ": " << e.what() << "\n";
    return 1;
  }

  std::set<std::string> subset;
  for (size_t start = 0; !languages.empty() && start <= languages.size();) {
    const size_t comma = std::min(languages.find(',', start), languages.size());
    if (comma > start) subset.insert(languages.substr(start, comma - start));
    start = comma + 1;
  }

  localecap::SnapshotWriter w;
  w.set_registry_version(registry_version);
  w.set_issued_at(issued_at);
  w.set_expires_at(expires_at);
  w.set_channel(channel);
  auto converted = localecap::pack::convert(doc, subset, w);
  if (!converted) return std::cerr << "localecap-pack: " << input << ": " << converted.error().message << "\n", 1;

  localecap::BuildStats stats;
  auto bytes = w.build(&stats);
  if (!bytes) return std::cerr << "localecap-pack: " << bytes.error().message << "\n", 1;
  // Never write what the reader would reject, nor what reads back differently.
  auto snap = localecap::Snapshot::load(*bytes);
  if (!snap) return std::cerr << "localecap-pack: built an invalid snapshot: " << snap.error().message << "\n", 1;
  if (auto same = localecap::pack::check_round_trip(**snap, *converted); !same)
    return std::cerr << "localecap-pack: " << same.error().message << "\n", 1;

  std::ofstream out(output, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes->data()), static_cast<std::streamsize>(bytes->size()));
  out.close();
  if (!out) return std::cerr << "localecap-pack: cannot write " << output << "\n", 1;
  std::printf("localecap-pack: %zu profiles, %zu bytes, registry_version %llu -> %s\n", stats.profiles,
              bytes->size(), static_cast<unsigned long long>(registry_version), output.c_str());
  localecap::pack::print_report(**snap, stdout);
  // How often inferred morphology is right, by tree distance (tools/data/morphology.mjs).
  if (doc.contains("morphologyEvaluation")) {
    std::printf("morphology inference, leave-one-out (each attested language hidden and inferred from its nearest\n"
                "attested relatives; baseline: always the majority type; a bucket is used if >= 10 languages,\n"
                ">= 10 points above its baseline and its Wilson lower bound (z = 1) is above the baseline,\n"
                "else its inferences are 'unknown'):\n"
                "  %-8s %5s %9s %9s %9s  %s\n", "edges", "n", "accuracy", "lower", "baseline", "used");
    for (const auto& r : doc["morphologyEvaluation"])
      std::printf("  %-8s %5d %8.1f%% %8.1f%% %8.1f%%  %s\n", r.value("bucket", "?").c_str(), r.value("n", 0),
                  100 * r.value("accuracy", 0.0), 100 * r.value("lower", 0.0), 100 * r.value("baseline", 0.0),
                  r.value("usable", false) ? "yes" : "no");
  }
  // Where CLDR and SIL langtags disagree on a language's script (CLDR's is used).
  if (doc.contains("scriptDisagreements")) {
    const auto& d = doc["scriptDisagreements"];
    std::printf("scripts: CLDR and SIL langtags disagree on %zu languages (CLDR used):", d.size());
    for (const auto& x : d)
      std::printf(" %s(cldr %s, sil %s)", x.value("tag", "?").c_str(), x.value("cldr", "?").c_str(),
                  x.value("sil", "?").c_str());
    std::printf("\n");
  }

  if (!sign_key.empty()) {
    if (signature.empty()) signature = output + ".sig";
    auto pub = localecap::pack::sign_file(*bytes, sign_key, signature);
    if (!pub) return std::cerr << "localecap-pack: " << pub.error().message << "\n", 1;
    std::printf("localecap-pack: signed -> %s (Ed25519, public key %s)\n", signature.c_str(), pub->c_str());
  }
  return 0;
}
