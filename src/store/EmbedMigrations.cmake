# Writes a C++ source holding every migrations/NNN_name.sql as a raw string literal.
# Run as: cmake -DSOURCE_DIR=... -DOUTPUT=... -P EmbedMigrations.cmake
file(GLOB files RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/[0-9][0-9][0-9]_*.sql)
list(SORT files)
set(body "")
set(expected 1)
foreach(f IN LISTS files)
  string(REGEX MATCH "^([0-9][0-9][0-9])_(.*)\\.sql$" _ ${f})
  math(EXPR number "${CMAKE_MATCH_1} + 0")
  set(name "${CMAKE_MATCH_2}")
  if(NOT number EQUAL expected)
    message(FATAL_ERROR "migration ${f}: expected number ${expected}")
  endif()
  file(READ ${SOURCE_DIR}/${f} sql)
  if(sql MATCHES "\\)MWSQL\"")
    message(FATAL_ERROR "migration ${f} contains the raw-string delimiter")
  endif()
  string(APPEND body "        {${number}, \"${name}\", R\"MWSQL(${sql})MWSQL\"},\n")
  math(EXPR expected "${expected} + 1")
endforeach()
file(WRITE ${OUTPUT}.tmp "// Generated from src/store/migrations by EmbedMigrations.cmake. Do not edit.
#include \"store/Migrations.hpp\"

namespace mwangaza::store {

const std::vector<Migration>& migrations()
{
    static const std::vector<Migration> steps{
${body}    };
    return steps;
}

} // namespace mwangaza::store
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
