// Layer probe (tests/layers/CMakeLists.txt): compiled as part of src/common, this
// upward include must fail to compile.
#include "tag/tag.h"
