// A plugin built against a later version of the ABI (2): the loader must refuse it,
// naming the file and both versions, without calling anything but the entry point.
#include <stdint.h>

namespace {

struct FutureDescriptor {
    uint32_t abi_version; // first field in every version
    const char* name;
    const char* version;
    void* functions[8];
};

const FutureDescriptor k_descriptor{2, "future", "2.0.0", {}};

} // namespace

extern "C" __attribute__((visibility("default"))) const void* mwangaza_plugin_entry(uint32_t)
{
    return &k_descriptor;
}
