#pragma once
// What the programme's field form looks like in an export: the field names of its
// XLSForm and their English and French labels, and how export tools decorate them (group
// prefixes `incident/risk_area`, `incident-risk_area`, a leading `_`). The host's generic
// reader and the shipped Kobo and ODK plugins share this knowledge; it is a small static
// library with no dependency (no wx, SQLite or GDAL), built position-independent so that
// plugins link it, and its symbols stay hidden inside each plugin.
//
// Formats are described by data: the columns that mark them (with a weight each: the
// score is their sum, at most 100) and the names their metadata columns go by.
#include "plugin/mwangaza_plugin.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mwangaza::plugin {

// Lowercase, Latin accents folded, '_' '-' '\'' and runs of spaces made one space,
// trimmed: " Travail_des  Enfants " and "travail des enfants" compare equal.
std::string normalise_text(std::string_view text);

struct FieldAlias {
    std::string_view field_key;          // MWANGAZA_FIELD_*
    std::vector<std::string_view> names; // normalised, most specific first
};

// The fields of the programme's form (observed_on ... photo_3), in English and French.
const std::vector<FieldAlias>& form_aliases();

// For each column, the field key it is bound to ("" when none). For each alias in turn
// the first free column answering to one of its names is bound; a column answers to its
// whole name, its last two group segments and its last segment (whole name first, so
// "incident/location_latitude" beats a bare "location").
std::vector<std::string_view> bind_by_aliases(const std::vector<std::string>& columns,
                                              const std::vector<FieldAlias>& aliases);

struct AliasFormat {
    std::vector<FieldAlias> metadata;                   // bound before the form's fields
    std::vector<std::pair<std::string_view, int>> markers; // exact column name, weight
};

// Sum of the weights of the marker columns present, at most 100.
int marker_score(const std::vector<std::string>& columns, const AliasFormat& format);

// The C ABI functions of a plugin described by an AliasFormat: exceptions are caught and
// reported through the error buffer.
int alias_score(const AliasFormat& format, const char* const* columns, std::size_t count, int* score, char* error,
                std::size_t error_size) noexcept;
int alias_bind(const AliasFormat& format, const char* const* columns, std::size_t count,
               const mwangaza_binding_sink* sink, char* error, std::size_t error_size) noexcept;

// Copies `message` into a plugin error buffer (truncated, always NUL-terminated).
void write_error(char* error, std::size_t error_size, std::string_view message) noexcept;

} // namespace mwangaza::plugin
