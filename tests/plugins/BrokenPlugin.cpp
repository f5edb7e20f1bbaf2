// A plugin that misbehaves, built by the tests only to check that the host survives it.
// It claims any table with a "broken_marker" column; its bind then fails in the way the
// other columns ask for:
//   "throw_in_bind"  an exception inside bind (caught by the plugin, reported as an error)
//   "garbage_index"  binds column 999
//   "garbage_key"    binds column 0 to a field that does not exist
//   "null_key"       binds column 0 to a null field key
//   "null_value"     maps a risk area value to a null string
//   "bad_score"      (in score) answers 250
#include "plugin/mwangaza_plugin.h"

#include <cstring>
#include <stdexcept>

namespace {

bool has(const char* const* columns, size_t count, const char* name)
{
    for (size_t i = 0; i < count; ++i)
        if (columns[i] && std::strcmp(columns[i], name) == 0)
            return true;
    return false;
}

void set_error(char* error, size_t size, const char* message)
{
    if (error && size) {
        std::strncpy(error, message, size - 1);
        error[size - 1] = '\0';
    }
}

extern "C" const char* broken_label(const char*)
{
    return nullptr; // the host falls back to the name
}

extern "C" int broken_score(const char* const* columns, size_t count, int* score, char* error, size_t error_size)
{
    try {
        *score = has(columns, count, "broken_marker") ? (has(columns, count, "bad_score") ? 250 : 100) : 0;
        return MWANGAZA_PLUGIN_OK;
    } catch (...) {
        set_error(error, error_size, "broken: score failed");
        return MWANGAZA_PLUGIN_ERROR;
    }
}

extern "C" int broken_bind(const char* const* columns, size_t count, const mwangaza_binding_sink* sink, char* error,
                           size_t error_size)
{
    try {
        if (has(columns, count, "throw_in_bind"))
            throw std::runtime_error("broken: the form definition could not be parsed");
        if (has(columns, count, "garbage_index"))
            sink->bind_column(sink->context, 999, MWANGAZA_FIELD_RISK_AREA);
        if (has(columns, count, "garbage_key"))
            sink->bind_column(sink->context, 0, "risk_level");
        if (has(columns, count, "null_key"))
            sink->bind_column(sink->context, 0, nullptr);
        if (has(columns, count, "null_value"))
            sink->map_value(sink->context, MWANGAZA_FIELD_RISK_AREA, "TE", nullptr);
        // Whatever the host answered, claim success: the host must not believe it.
        return MWANGAZA_PLUGIN_OK;
    } catch (const std::exception& e) {
        set_error(error, error_size, e.what());
    }
    return MWANGAZA_PLUGIN_ERROR;
}

const mwangaza_plugin_v1 k_descriptor{MWANGAZA_PLUGIN_ABI_VERSION, "broken", "0.0.1", &broken_label, &broken_score,
                                      &broken_bind};

} // namespace

extern "C" MWANGAZA_PLUGIN_EXPORT const void* mwangaza_plugin_entry(uint32_t)
{
    return &k_descriptor;
}
