// The KoboToolbox reader: recognised by Kobo's metadata columns (`_uuid`,
// `_submission_time`, `_index`, `_id`); the submission id is `_uuid` (or
// `meta/instanceID`), field names may carry group prefixes (`incident/risk_area`) or be
// labels, in English or French.
#include "plugin/FormAliases.hpp"
#include "plugin/mwangaza_plugin.h"

namespace {

using mwangaza::plugin::AliasFormat;

const AliasFormat& kobo_format()
{
    static const AliasFormat format{
        {{MWANGAZA_FIELD_SOURCE_ID, {"uuid", "meta instanceid", "instanceid"}},
         {MWANGAZA_FIELD_SUBMITTED_AT, {"submission time"}},
         {MWANGAZA_FIELD_REPORTER, {"reporter id", "reporter", "id de l agent", "submitted by"}}},
        {{"_uuid", 50}, {"_submission_time", 40}, {"_index", 5}, {"_id", 5}}};
    return format;
}

extern "C" const char* kobo_label(const char* language)
{
    if (language && language[0] == 'f' && language[1] == 'r')
        return "Export KoboToolbox";
    return "KoboToolbox export";
}

extern "C" int kobo_score(const char* const* columns, size_t count, int* score, char* error, size_t error_size)
{
    return mwangaza::plugin::alias_score(kobo_format(), columns, count, score, error, error_size);
}

extern "C" int kobo_bind(const char* const* columns, size_t count, const mwangaza_binding_sink* sink, char* error,
                         size_t error_size)
{
    return mwangaza::plugin::alias_bind(kobo_format(), columns, count, sink, error, error_size);
}

const mwangaza_plugin_v1 k_descriptor{MWANGAZA_PLUGIN_ABI_VERSION, "kobo", "1.0.0", &kobo_label, &kobo_score,
                                      &kobo_bind};

} // namespace

extern "C" MWANGAZA_PLUGIN_EXPORT const void* mwangaza_plugin_entry(uint32_t host_abi_version)
{
    return host_abi_version == MWANGAZA_PLUGIN_ABI_VERSION ? &k_descriptor : nullptr;
}
