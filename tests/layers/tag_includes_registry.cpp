// Layer probe (tests/layers/CMakeLists.txt): compiled as part of src/tag, this
// upward include must fail to compile.
#include "registry/registry.h"
