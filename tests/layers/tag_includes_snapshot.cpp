// Layer probe (tests/layers/CMakeLists.txt): compiled as part of src/tag, this
// upward include must fail to compile.
#include "snapshot/snapshot.h"
