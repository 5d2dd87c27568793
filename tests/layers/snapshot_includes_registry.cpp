// Layer probe (tests/layers/CMakeLists.txt): compiled as part of src/snapshot, this
// upward include must fail to compile.
#include "registry/resolver.h"
