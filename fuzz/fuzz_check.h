// CHECK(cond) for the fuzz targets: a property that must hold for every
// input. When it does not, names the target's file and the condition, then
// traps, so libFuzzer saves the input as a crash artifact.
#pragma once

#include <cstdio>

#define CHECK(cond)                                                               \
  do {                                                                            \
    if (!(cond)) {                                                                \
      std::fprintf(stderr, "%s: property failed: %s\n", __FILE_NAME__, #cond);    \
      __builtin_trap();                                                           \
    }                                                                             \
  } while (0)
