// Layer probe control (tests/layers/CMakeLists.txt): the top layer may include
// every layer below it, so this must compile.
#include "common/result.h"
#include "registry/registry.h"
#include "snapshot/snapshot.h"
#include "tag/tag.h"
