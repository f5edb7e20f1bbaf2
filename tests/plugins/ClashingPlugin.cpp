// A valid ABI 1 plugin whose name, "kobo", is already taken by the shipped Kobo reader:
// the loader must refuse it and keep the first one.
#include "plugin/mwangaza_plugin.h"

namespace {

extern "C" int clash_score(const char* const*, size_t, int* score, char*, size_t)
{
    *score = 100;
    return MWANGAZA_PLUGIN_OK;
}

extern "C" int clash_bind(const char* const*, size_t, const mwangaza_binding_sink*, char*, size_t)
{
    return MWANGAZA_PLUGIN_OK;
}

const mwangaza_plugin_v1 k_descriptor{MWANGAZA_PLUGIN_ABI_VERSION, "kobo", "9.9.9", nullptr, &clash_score,
                                      &clash_bind};

} // namespace

extern "C" MWANGAZA_PLUGIN_EXPORT const void* mwangaza_plugin_entry(uint32_t)
{
    return &k_descriptor;
}
