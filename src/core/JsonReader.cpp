#include "core/JsonReader.hpp"

#include "core/Error.hpp"

#include <cstdlib>
#include <string>

namespace mwangaza::core {

class JsonParser {
public:
    explicit JsonParser(std::string_view text) : m_text(text) {}

    JsonValue parse_document()
    {
        JsonValue v = parse_value(0);
        skip_space();
        if (m_pos != m_text.size())
            fail("unexpected text after the value");
        return v;
    }

private:
    static constexpr int k_max_depth = 64;

    [[noreturn]] void fail(const char* what) const
    {
        throw InvalidInput("JSON: " + std::string(what) + " at offset " + std::to_string(m_pos));
    }

    void skip_space()
    {
        while (m_pos < m_text.size() &&
               (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            ++m_pos;
    }

    bool take(std::string_view word)
    {
        if (m_text.substr(m_pos, word.size()) != word)
            return false;
        m_pos += word.size();
        return true;
    }

    JsonValue parse_value(int depth)
    {
        if (depth > k_max_depth)
            fail("nested too deeply");
        skip_space();
        if (m_pos >= m_text.size())
            fail("a value is missing");
        JsonValue v;
        const char c = m_text[m_pos];
        if (c == '{') {
            v.m_type = JsonValue::Type::Object;
            ++m_pos;
            skip_space();
            if (m_pos < m_text.size() && m_text[m_pos] == '}') {
                ++m_pos;
                return v;
            }
            for (;;) {
                skip_space();
                if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                    fail("expected a member name");
                std::string key = parse_string();
                skip_space();
                if (m_pos >= m_text.size() || m_text[m_pos] != ':')
                    fail("expected ':'");
                ++m_pos;
                v.m_members.emplace_back(std::move(key), parse_value(depth + 1));
                skip_space();
                if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_text.size() && m_text[m_pos] == '}') {
                    ++m_pos;
                    return v;
                }
                fail("expected ',' or '}'");
            }
        }
        if (c == '[') {
            v.m_type = JsonValue::Type::Array;
            ++m_pos;
            skip_space();
            if (m_pos < m_text.size() && m_text[m_pos] == ']') {
                ++m_pos;
                return v;
            }
            for (;;) {
                v.m_items.push_back(parse_value(depth + 1));
                skip_space();
                if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_text.size() && m_text[m_pos] == ']') {
                    ++m_pos;
                    return v;
                }
                fail("expected ',' or ']'");
            }
        }
        if (c == '"') {
            v.m_type = JsonValue::Type::String;
            v.m_text = parse_string();
            return v;
        }
        if (take("true")) {
            v.m_type = JsonValue::Type::Bool;
            v.m_bool = true;
            return v;
        }
        if (take("false")) {
            v.m_type = JsonValue::Type::Bool;
            return v;
        }
        if (take("null"))
            return v;
        return parse_number();
    }

    JsonValue parse_number()
    {
        const std::size_t start = m_pos;
        auto digits = [&] {
            const std::size_t from = m_pos;
            while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9')
                ++m_pos;
            return m_pos > from;
        };
        if (m_pos < m_text.size() && m_text[m_pos] == '-')
            ++m_pos;
        if (m_pos < m_text.size() && m_text[m_pos] == '0')
            ++m_pos;
        else if (!digits())
            fail("not a value");
        if (m_pos < m_text.size() && m_text[m_pos] == '.') {
            ++m_pos;
            if (!digits())
                fail("a digit is missing after '.'");
        }
        if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            ++m_pos;
            if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
                ++m_pos;
            if (!digits())
                fail("a digit is missing in the exponent");
        }
        JsonValue v;
        v.m_type = JsonValue::Type::Number;
        v.m_text = std::string(m_text.substr(start, m_pos - start));
        v.m_number = std::strtod(v.m_text.c_str(), nullptr);
        return v;
    }

    unsigned hex4()
    {
        if (m_pos + 4 > m_text.size())
            fail("a \\u escape is cut short");
        unsigned v = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = m_text[m_pos++];
            v <<= 4;
            if (h >= '0' && h <= '9')
                v |= unsigned(h - '0');
            else if (h >= 'a' && h <= 'f')
                v |= unsigned(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
                v |= unsigned(h - 'A' + 10);
            else
                fail("not a hexadecimal digit in a \\u escape");
        }
        return v;
    }

    static void append_utf8(std::string& out, unsigned cp)
    {
        if (cp < 0x80) {
            out.push_back(char(cp));
        } else if (cp < 0x800) {
            out.push_back(char(0xC0 | (cp >> 6)));
            out.push_back(char(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(char(0xE0 | (cp >> 12)));
            out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(char(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(char(0xF0 | (cp >> 18)));
            out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(char(0x80 | (cp & 0x3F)));
        }
    }

    std::string parse_string()
    {
        ++m_pos; // opening quote
        std::string out;
        for (;;) {
            if (m_pos >= m_text.size())
                fail("a string is not closed");
            const char c = m_text[m_pos++];
            if (c == '"')
                return out;
            if (static_cast<unsigned char>(c) < 0x20)
                fail("a control character in a string");
            if (c != '\\') {
                out.push_back(c);
                continue;
            }
            if (m_pos >= m_text.size())
                fail("a string is not closed");
            const char e = m_text[m_pos++];
            switch (e) {
            case '"': out.push_back('"'); break;
            case '\\': out.push_back('\\'); break;
            case '/': out.push_back('/'); break;
            case 'b': out.push_back('\b'); break;
            case 'f': out.push_back('\f'); break;
            case 'n': out.push_back('\n'); break;
            case 'r': out.push_back('\r'); break;
            case 't': out.push_back('\t'); break;
            case 'u': {
                unsigned cp = hex4();
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (!take("\\u"))
                        fail("a lone surrogate in a \\u escape");
                    const unsigned low = hex4();
                    if (low < 0xDC00 || low > 0xDFFF)
                        fail("a lone surrogate in a \\u escape");
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    fail("a lone surrogate in a \\u escape");
                }
                append_utf8(out, cp);
                break;
            }
            default: fail("an unknown escape in a string");
            }
        }
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
};

const JsonValue& JsonValue::operator[](std::string_view key) const
{
    static const JsonValue null_value;
    for (const auto& [k, v] : m_members)
        if (k == key)
            return v;
    return null_value;
}

bool JsonValue::has(std::string_view key) const
{
    for (const auto& m : m_members)
        if (m.first == key)
            return true;
    return false;
}

JsonValue parse_json(std::string_view text)
{
    return JsonParser(text).parse_document();
}

} // namespace mwangaza::core
