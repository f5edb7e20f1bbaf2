/* A third-party reader, built by the tests only: the CSV an SMS gateway writes for the
 * programme's short-code reporting line (one message per row). Its columns are its own
 * ("msg_id", "received_at", "sender", "day", "site", "theme", "text", "gps") and it
 * writes risk areas as two- or three-letter codes, which the plugin maps to the
 * taxonomy. It is plain C99 and uses nothing but the plugin header: what an outside
 * developer would write, built apart from the program. */
#include "plugin/mwangaza_plugin.h"

#include <string.h>

static int has(const char* const* columns, size_t count, const char* name)
{
    size_t i;
    for (i = 0; i < count; ++i)
        if (columns[i] && strcmp(columns[i], name) == 0)
            return 1;
    return 0;
}

static void set_error(char* error, size_t size, const char* message)
{
    if (error && size) {
        strncpy(error, message, size - 1);
        error[size - 1] = '\0';
    }
}

static const char* sms_label(const char* language)
{
    return language && strcmp(language, "fr") == 0 ? "Passerelle SMS" : "SMS gateway";
}

static int sms_score(const char* const* columns, size_t count, int* score, char* error, size_t error_size)
{
    if (!score) {
        set_error(error, error_size, "sms_gateway: no score pointer");
        return MWANGAZA_PLUGIN_ERROR;
    }
    *score = (has(columns, count, "msg_id") ? 50 : 0) + (has(columns, count, "sender") ? 40 : 0);
    return MWANGAZA_PLUGIN_OK;
}

static int sms_bind(const char* const* columns, size_t count, const mwangaza_binding_sink* sink, char* error,
                    size_t error_size)
{
    static const char* const columns_fields[][2] = {
        {"msg_id", MWANGAZA_FIELD_SOURCE_ID}, {"received_at", MWANGAZA_FIELD_SUBMITTED_AT},
        {"day", MWANGAZA_FIELD_OBSERVED_ON},  {"sender", MWANGAZA_FIELD_REPORTER},
        {"site", MWANGAZA_FIELD_SITE_CODE},   {"theme", MWANGAZA_FIELD_RISK_AREA},
        {"text", MWANGAZA_FIELD_DESCRIPTION}, {"gps", MWANGAZA_FIELD_GEOPOINT}};
    static const char* const themes[][2] = {
        {"TE", "child_labour"}, {"PF", "wfcl"}, {"SEC", "general_security"}, {"SST", "ohs"},
        {"GA", "non_state_armed_groups"}};
    size_t i, k;
    if (!sink || !sink->bind_column || !sink->map_value) {
        set_error(error, error_size, "sms_gateway: no binding sink");
        return MWANGAZA_PLUGIN_ERROR;
    }
    for (i = 0; i < count; ++i)
        for (k = 0; k < sizeof columns_fields / sizeof columns_fields[0]; ++k)
            if (columns[i] && strcmp(columns[i], columns_fields[k][0]) == 0 &&
                sink->bind_column(sink->context, i, columns_fields[k][1]) != MWANGAZA_PLUGIN_OK) {
                set_error(error, error_size, "sms_gateway: the host refused a column");
                return MWANGAZA_PLUGIN_ERROR;
            }
    for (k = 0; k < sizeof themes / sizeof themes[0]; ++k)
        if (sink->map_value(sink->context, MWANGAZA_FIELD_RISK_AREA, themes[k][0], themes[k][1]) !=
            MWANGAZA_PLUGIN_OK) {
            set_error(error, error_size, "sms_gateway: the host refused a value mapping");
            return MWANGAZA_PLUGIN_ERROR;
        }
    return MWANGAZA_PLUGIN_OK;
}

static const mwangaza_plugin_v1 descriptor = {MWANGAZA_PLUGIN_ABI_VERSION, "sms_gateway", "0.3.1", &sms_label,
                                              &sms_score, &sms_bind};

MWANGAZA_PLUGIN_EXPORT const void* mwangaza_plugin_entry(uint32_t host_abi_version)
{
    return host_abi_version == MWANGAZA_PLUGIN_ABI_VERSION ? &descriptor : NULL;
}
