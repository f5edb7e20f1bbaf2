#pragma once
// Reads the JSON the program's own tools print (the intake helper's describe output,
// import summaries and progress lines) into a small value tree. Strict RFC 8259: one
// value, no comments, no trailing commas; \u escapes (surrogate pairs too) become UTF-8.
// Bounded nesting depth. Files from outside are not read with it.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mwangaza::core {

class JsonValue {
public:
    enum class Type { Null, Bool, Number, String, Array, Object };

    Type type() const { return m_type; }
    bool is_null() const { return m_type == Type::Null; }
    bool is_object() const { return m_type == Type::Object; }
    bool is_array() const { return m_type == Type::Array; }
    bool is_string() const { return m_type == Type::String; }
    bool is_number() const { return m_type == Type::Number; }

    // The value as that type, or `fallback` when it is of another type.
    bool as_bool(bool fallback = false) const { return m_type == Type::Bool ? m_bool : fallback; }
    double as_number(double fallback = 0.0) const { return m_type == Type::Number ? m_number : fallback; }
    std::int64_t as_int(std::int64_t fallback = 0) const
    {
        return m_type == Type::Number ? static_cast<std::int64_t>(m_number) : fallback;
    }
    // Strings as they are, numbers as written; other types give `fallback`.
    std::string as_string(const std::string& fallback = {}) const
    {
        return m_type == Type::String || m_type == Type::Number ? m_text : fallback;
    }

    // Array elements (empty for other types).
    const std::vector<JsonValue>& items() const { return m_items; }
    // Object members in file order (empty for other types).
    const std::vector<std::pair<std::string, JsonValue>>& members() const { return m_members; }
    // The member named `key`, or a null value when there is none (or this is no object).
    const JsonValue& operator[](std::string_view key) const;
    bool has(std::string_view key) const;

private:
    friend class JsonParser;
    Type m_type = Type::Null;
    bool m_bool = false;
    double m_number = 0.0;
    std::string m_text;
    std::vector<JsonValue> m_items;
    std::vector<std::pair<std::string, JsonValue>> m_members;
};

// Throws InvalidInput naming the byte offset of the first error.
JsonValue parse_json(std::string_view text);

} // namespace mwangaza::core
