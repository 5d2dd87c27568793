// localecap-pack: builds a snapshot from the JSON written by tools/data/gather.mjs.
// Deterministic: the same input file and flags give byte-identical output.
//
//   localecap-pack --input data.json --output snapshot.lcs [--registry-version N]
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "snapshot/snapshot.h"
#include "snapshot/writer.h"

namespace v1 = localecap::snapshot::v1;
using nlohmann::json;

namespace {

v1::Direction parse_direction(const std::string& s) {
  if (s == "rtl") return v1::Direction::kRtl;
  if (s == "ttb") return v1::Direction::kTtb;
  return v1::Direction::kLtr;
}

v1::Segmentation parse_segmentation(const std::string& s) {
  if (s == "dictionary") return v1::Segmentation::kDictionary;
  if (s == "character") return v1::Segmentation::kCharacter;
  if (s == "syllable") return v1::Segmentation::kSyllable;
  return v1::Segmentation::kSpace;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"localecap-pack: build a localecap snapshot from gathered data"};
  std::string input, output;
  uint64_t registry_version = 1;
  app.add_option("--input", input, "JSON from tools/data/gather.mjs")->required()->check(CLI::ExistingFile);
  app.add_option("--output", output, "snapshot file to write")->required();
  app.add_option("--registry-version", registry_version, "monotonic version of this snapshot")
      ->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);

  json doc;
  try {
    std::ifstream(input) >> doc;
  } catch (const std::exception& e) {
    std::cerr << "localecap-pack: cannot read " << input << ": " << e.what() << "\n";
    return 1;
  }

  localecap::SnapshotWriter w;
  w.set_registry_version(registry_version);
  const auto& src = doc.at("sources");
  w.set_sources({src.value("cldr", ""), src.value("iana", ""), src.value("wals", ""),
                 src.value("glottolog", "")});
  w.set_provenance(doc.value("provenance", ""));
  for (uint32_t t = 0; t < uint32_t(v1::TableId::kCount); ++t) {
    const char* name = v1::kTableNames[t];
    if (!doc.at("tables").contains(name)) {
      std::cerr << "localecap-pack: input has no table \"" << name << "\"\n";
      return 1;
    }
    for (const auto& [k, v] : doc["tables"][name].items())
      w.add_table_row(v1::TableId(t), k, v.get<std::string>());
  }
  for (const auto& p : doc.at("profiles")) {
    localecap::ProfileFields f;
    f.tag = p.at("tag");
    f.maximized = p.at("maximized");
    f.name = p.at("name");
    f.script = p.at("script");
    f.region = p.at("region");
    f.direction = parse_direction(p.at("direction"));
    f.line_order = parse_direction(p.at("lineOrder"));
    f.segmentation = parse_segmentation(p.at("segmentation"));
    const uint32_t id = w.add_profile(f);
    w.add_tag(f.tag, id);
    w.add_tag(f.maximized, id);
  }

  std::vector<uint8_t> bytes = w.build();
  // Never write what the reader would reject.
  auto check = localecap::Snapshot::load(bytes);
  if (!check) {
    std::cerr << "localecap-pack: built an invalid snapshot: " << check.error().message << "\n";
    return 1;
  }
  std::ofstream out(output, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    std::cerr << "localecap-pack: cannot write " << output << "\n";
    return 1;
  }
  std::printf("localecap-pack: %zu profiles, %zu tags, %zu bytes, registry_version %llu -> %s\n",
              w.profile_count(), w.tag_count(), bytes.size(),
              static_cast<unsigned long long>(registry_version), output.c_str());
  return 0;
}
