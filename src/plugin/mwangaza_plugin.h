/*
 * mwangaza_plugin.h: the Mwangaza plugin C ABI, version 1.
 *
 * A plugin is a shared library (a CMake MODULE) that teaches Mwangaza to read one more
 * kind of field export: it recognises the export from its column names (score) and says
 * which column holds which incident field (bind), with value mappings if the export
 * writes values its own way. Mwangaza reads the file itself (CSV, XLSX, GeoJSON,
 * GeoPackage), validates every row and writes the incidents; a plugin never sees the
 * database.
 *
 * Where plugins are found: <prefix>/lib/mwangaza/plugins (the install's plugin folder,
 * found from the program's own location), then each folder of the environment variable
 * MWANGAZA_PLUGIN_PATH (a colon-separated list). Every "*.so" file there is opened.
 *
 * The contract:
 *  - The library exports one C function, MWANGAZA_PLUGIN_ENTRY_SYMBOL, with the
 *    signature mwangaza_plugin_entry_fn. Mwangaza calls it once with the ABI version it
 *    speaks; the plugin returns a pointer to a static descriptor whose FIRST FIELD is the
 *    ABI version the plugin was built for (every future version keeps that first field).
 *    A descriptor of another version is refused with a message naming the file and both
 *    versions; so is a library without the entry point, or a plugin whose name is taken.
 *  - Only C types cross this boundary. No C++ exception may leave a plugin function:
 *    wrap each body in try { ... } catch (...) { return MWANGAZA_PLUGIN_ERROR; }. Errors
 *    are reported by status code plus a message written into the caller's buffer.
 *  - Strings are UTF-8, NUL-terminated. Strings the host passes are valid only during
 *    the call. Strings the plugin returns from the descriptor stay valid while the
 *    library is loaded (static storage).
 *  - Field keys are the stable keys of Mwangaza's import fields (see
 *    MWANGAZA_FIELD_* below); an unknown key is an error.
 *  - Mwangaza checks what a plugin returns: a column index out of range, a null or
 *    unknown field key, a score outside 0..100 make that call fail with a message naming
 *    the plugin (the import is rejected as a whole and nothing is written); they never
 *    crash the program.
 *  - The functions must be thread-safe (no mutable global state): the workbench may
 *    recognise a file on a worker thread.
 */
#ifndef MWANGAZA_PLUGIN_H
#define MWANGAZA_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this header. Increase it for any change to the descriptor or to a
 * signature; the loader refuses plugins built for another version. */
#define MWANGAZA_PLUGIN_ABI_VERSION 1

/* The name of the exported entry point, for dlsym(). */
#define MWANGAZA_PLUGIN_ENTRY_SYMBOL "mwangaza_plugin_entry"

#if defined(_WIN32)
#define MWANGAZA_PLUGIN_EXPORT __declspec(dllexport)
#else
#define MWANGAZA_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* Status codes returned by the plugin functions and by the host's sink callbacks. */
#define MWANGAZA_PLUGIN_OK 0
#define MWANGAZA_PLUGIN_ERROR 1 /* the call failed; the message buffer says why */

/* Field keys (the stable keys of mapping profiles and diagnostics). */
#define MWANGAZA_FIELD_SOURCE_ID "source_id"       /* submission id: required */
#define MWANGAZA_FIELD_SUBMITTED_AT "submitted_at"
#define MWANGAZA_FIELD_OBSERVED_ON "observed_on"   /* YYYY-MM-DD or DD/MM/YYYY: required */
#define MWANGAZA_FIELD_SITE_CODE "site_code"
#define MWANGAZA_FIELD_RISK_AREA "risk_area"       /* code or English/French label: required */
#define MWANGAZA_FIELD_DESCRIPTION "description"
#define MWANGAZA_FIELD_CHILDREN "children"
#define MWANGAZA_FIELD_WOMEN "women"
#define MWANGAZA_FIELD_MEN "men"
#define MWANGAZA_FIELD_LATITUDE "latitude"
#define MWANGAZA_FIELD_LONGITUDE "longitude"
#define MWANGAZA_FIELD_GEOPOINT "geopoint"         /* "lat lon [alt [accuracy]]" in one column */
#define MWANGAZA_FIELD_REPORTER "reporter"
#define MWANGAZA_FIELD_PHOTO_1 "photo_1"
#define MWANGAZA_FIELD_PHOTO_2 "photo_2"
#define MWANGAZA_FIELD_PHOTO_3 "photo_3"

/* Where bind() writes its result. The host owns it; the callbacks copy what they are
 * given and return MWANGAZA_PLUGIN_OK, or MWANGAZA_PLUGIN_ERROR when the arguments are
 * wrong (the host then fails the whole bind, whatever the plugin returns). */
typedef struct mwangaza_binding_sink {
    void* context; /* pass it back unchanged */
    /* Column `column` (0-based index into the columns given to bind) holds `field_key`.
     * A field is bound to one column; a column serves one field (a later call for the
     * same field or column replaces the earlier one). */
    int (*bind_column)(void* context, size_t column, const char* field_key);
    /* In the bound column of `field_key`, the value `from` (compared ignoring case,
     * accents and spacing) stands for `to`, e.g. ("risk_area", "TE", "child_labour"). */
    int (*map_value)(void* context, const char* field_key, const char* from, const char* to);
} mwangaza_binding_sink;

/* The descriptor of an ABI version 1 plugin. */
typedef struct mwangaza_plugin_v1 {
    /* MWANGAZA_PLUGIN_ABI_VERSION as the plugin was built: the first field, always. */
    uint32_t abi_version;
    /* What --profile takes: 1 to 32 characters of [a-z0-9_-], unique among the plugins
     * and the built-in readers ("auto" and "generic" are taken). */
    const char* name;
    /* The plugin's own version, informative ("1.0.0"). */
    const char* version;
    /* The name people read ("KoboToolbox export"), in `language` ("en", "fr"); return
     * NULL (or the English text) for a language the plugin does not speak. */
    const char* (*label)(const char* language);
    /* How sure the plugin is that a table with these columns is its format: writes 0
     * (not this format) to 100 (certainly) into *score. The best score over all readers
     * wins; the built-in generic reader scores 1. */
    int (*score)(const char* const* columns, size_t column_count, int* score, char* error, size_t error_size);
    /* Binds the columns it recognises through `sink`. Required fields (source_id,
     * risk_area, observed_on) may stay unbound: the host checks them and names the
     * missing one. */
    int (*bind)(const char* const* columns, size_t column_count, const mwangaza_binding_sink* sink, char* error,
                size_t error_size);
} mwangaza_plugin_v1;

/* The entry point: returns the plugin's descriptor (static storage), or NULL when the
 * plugin cannot serve a host speaking `host_abi_version`. The host reads the first
 * field (abi_version) before anything else. */
typedef const void* (*mwangaza_plugin_entry_fn)(uint32_t host_abi_version);

/* A plugin defines it as:
 *   MWANGAZA_PLUGIN_EXPORT const void* mwangaza_plugin_entry(uint32_t host_abi_version)
 *   { return &my_descriptor; }
 */

#ifdef __cplusplus
}
#endif

#endif /* MWANGAZA_PLUGIN_H */
