// The ODK Central reader: recognised by Central's metadata columns (`meta-instanceID`,
// `KEY`, `SubmissionDate`, `ReviewState`); the submission id is `meta-instanceID` (or
// `KEY`), group prefixes are joined with '-' (`incident-location-Latitude`).
#include "plugin/FormAliases.hpp"
#include "plugin/mwangaza_plugin.h"

namespace {

using mwangaza::plugin::AliasFormat;

const AliasFormat& odk_format()
{
    static const AliasFormat format{
        {{MWANGAZA_FIELD_SOURCE_ID, {"meta instanceid", "instanceid", "key"}},
         {MWANGAZA_FIELD_SUBMITTED_AT, {"submissiondate"}},
         {MWANGAZA_FIELD_REPORTER, {"reporter id", "reporter", "submittername"}}},
        {{"meta-instanceID", 40}, {"KEY", 20}, {"SubmissionDate", 30}, {"ReviewState", 10}}};
    return format;
}

extern "C" const char* odk_label(const char* language)
{
    if (language && language[0] == 'f' && language[1] == 'r')
        return "Export ODK Central";
    return "ODK Central export";
}

extern "C" int odk_score(const char* const* columns, size_t count, int* score, char* error, size_t error_size)
{
    return mwangaza::plugin::alias_score(odk_format(), columns, count, score, error, error_size);
}

extern "C" int odk_bind(const char* const* columns, size_t count, const mwangaza_binding_sink* sink, char* error,
                        size_t error_size)
{
    return mwangaza::plugin::alias_bind(odk_format(), columns, count, sink, error, error_size);
}

const mwangaza_plugin_v1 k_descriptor{MWANGAZA_PLUGIN_ABI_VERSION, "odk", "1.0.0", &odk_label, &odk_score, &odk_bind};

} // namespace

extern "C" MWANGAZA_PLUGIN_EXPORT const void* mwangaza_plugin_entry(uint32_t host_abi_version)
{
    return host_abi_version == MWANGAZA_PLUGIN_ABI_VERSION ? &k_descriptor : nullptr;
}
