#include "wasm/abi_text.h"

#include <cctype>
#include <cstddef>
#include <string_view>

#include "common/result.h"
#include "registry/resolver.h"
#include "wasm/abi.h"
#include "wasm/profile_object.h"

namespace localecap::wasm {

namespace {

// "string_offset" → "STRING_OFFSET".
std::string caps(std::string_view name) {
  std::string s(name);
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Names here are plain ASCII identifiers and words; quotes and backslashes are escaped anyway.
std::string quoted(std::string_view s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') q += '\\';
    q += c;
  }
  return q + "'";
}

class Writer {
 public:
  void begin(std::string_view name, std::string_view comment) {
    text_ += "\n// " + std::string(comment) + "\nexport const " + std::string(name) + " = Object.freeze({\n";
  }
  void entry(std::string_view key, uint64_t value) { text_ += "  " + std::string(key) + ": " + std::to_string(value) + ",\n"; }
  void raw(std::string_view key, std::string_view value) { text_ += "  " + std::string(key) + ": " + std::string(value) + ",\n"; }
  void end() { text_ += "});\n"; }
  void list(std::string_view name, std::string_view comment, size_t count, const char* (*at)(size_t)) {
    text_ += "\n// " + std::string(comment) + "\nexport const " + std::string(name) + " = Object.freeze([";
    for (size_t i = 0; i < count; ++i) text_ += (i ? ", " : "") + quoted(at(i));
    text_ += "]);\n";
  }
  std::string& text() { return text_; }

 private:
  std::string text_;
};

// Error codes are numbered densely from 0 (kOk); the first number without a
// name ends them.
size_t error_code_count() {
  size_t n = 0;
  while (std::string_view(error_code_name(static_cast<ErrorCode>(n))) != "unknown") ++n;
  return n;
}

std::string body() {
  Writer w;
  w.text() =
      "// Generated at build time by wasm/abi_gen.cpp from wasm/abi.h: the binary interface\n"
      "// between the wasm module and web/*.js. Do not edit; rebuild (tools/build.sh).\n";

  w.begin("PROFILE", "ProfileFields (wasm/abi.h): 32-bit word index of each field; TEXT and TEXT_BYTES in bytes.");
#define LOCALECAP_SCALAR_(name) w.entry(caps(#name), offsetof(ProfileFields, name) / 4);
#define LOCALECAP_ARRAY_(name, count) w.entry(caps(#name), offsetof(ProfileFields, name) / 4);
  LOCALECAP_PROFILE_WORDS(LOCALECAP_SCALAR_, LOCALECAP_ARRAY_)
#undef LOCALECAP_SCALAR_
#undef LOCALECAP_ARRAY_
  w.entry("WORDS", offsetof(ProfileFields, text) / 4);
  w.entry("TEXT", offsetof(ProfileFields, text));
  w.entry("TEXT_BYTES", sizeof(ProfileFields::text));
  w.end();

  w.begin("PROFILE_STRING", "ProfileString (wasm/abi.h): index into PROFILE.STRING_OFFSET and STRING_LENGTH.");
  for (uint32_t i = 0; i < kStringCount; ++i) w.entry(caps(kProfileStringNames[i]), i);
  w.end();

  w.begin("VOCABULARY", "The names behind ProfileFields' numbers (wasm/profile_object.cpp).");
  for (const Vocabulary& v : vocabularies()) {
    std::string list = "Object.freeze([";
    for (size_t i = 0; i < v.names.size(); ++i) list += (i ? ", " : "") + quoted(v.names[i]);
    w.raw(v.table, list + "])");
  }
  w.end();

  w.begin("RESULT", "lc_resolve's result words (wasm/abi.h ResultWord).");
  w.entry("VERSION", kResultVersion);
  w.entry("PROFILE", kResultProfile);
  w.entry("MATCH", kResultMatch);
  w.entry("VERSION_HIGH", kResultVersionHigh);
  w.entry("WORDS", kResultWords);
  w.end();

  w.begin("TAG_OP", "transformTag operations (wasm/abi.h TagOp).");
  w.entry("canonicalize", static_cast<uint32_t>(TagOp::kCanonicalize));
  w.entry("maximize", static_cast<uint32_t>(TagOp::kMaximize));
  w.entry("minimize", static_cast<uint32_t>(TagOp::kMinimize));
  w.end();

  w.begin("OUTCOME", "OutcomeKind (wasm/abi.h).");
  for (uint32_t k = 1; k < std::size(kOutcomeKindNames); ++k) {
    std::string name = caps(kOutcomeKindNames[k]);
    for (char& c : name) if (c == '-') c = '_';
    w.entry(name, k);
  }
  w.end();

  w.begin("OUTCOME_LOG", "OutcomeLog and OutcomeRecord (wasm/abi.h): byte offsets and sizes.");
  w.entry("HEAD", offsetof(OutcomeLog, head));
  w.entry("RING", offsetof(OutcomeLog, ring));
  w.entry("RING_SIZE", kOutcomeRing);
  w.entry("RECORD_BYTES", sizeof(OutcomeRecord));
  w.entry("SEQ", offsetof(OutcomeRecord, seq));
#define LOCALECAP_WORD_(name) w.entry(caps(#name), offsetof(OutcomeRecord, name));
  LOCALECAP_OUTCOME_WORDS(LOCALECAP_WORD_)
#undef LOCALECAP_WORD_
  w.entry("MESSAGE", offsetof(OutcomeRecord, message));
  w.entry("MESSAGE_BYTES", kOutcomeMessageBytes);
  w.end();

  w.list("MATCHES", "localecap::Match names by value (src/registry/resolver.h).", static_cast<size_t>(Match::kRoot) + 1,
         [](size_t i) { return match_name(static_cast<Match>(i)); });
  w.list("ERROR_NAMES", "localecap::ErrorCode names by value (src/common/result.h): the `reason` of a refusal.",
         error_code_count(), [](size_t i) { return error_code_name(static_cast<ErrorCode>(i)); });
  w.list("ERROR_SUGGESTIONS", "What a person can do about each ErrorCode, by value ('' where the message says it all).",
         error_code_count(), [](size_t i) { return error_code_suggestion(static_cast<ErrorCode>(i)); });
  return std::move(w.text());
}

uint32_t fnv1a(std::string_view s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

}  // namespace

uint32_t abi_fingerprint() { return fnv1a(body()); }

std::string abi_module_text() {
  const std::string b = body();
  return b + "\n// FNV-1a of the text above; the wasm module reports the same (lc_abi_fingerprint).\nexport const FINGERPRINT = " +
         std::to_string(fnv1a(b)) + ";\n";
}

}  // namespace localecap::wasm
