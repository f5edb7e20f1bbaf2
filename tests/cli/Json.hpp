#pragma once
// A tiny JSON reader for tests: enough to check that output is well-formed JSON and to
// read values back. Throws std::runtime_error on malformed text.
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace mwangaza::test {

struct Json {
    enum class Type { Null, Bool, Number, String, Array, Object } type = Type::Null;
    bool boolean = false;
    double number = 0;
    std::string text; // a string, or a number as written
    std::vector<Json> items;
    std::map<std::string, Json> members;

    const Json& operator[](const std::string& key) const
    {
        auto it = members.find(key);
        if (type != Type::Object || it == members.end())
            throw std::runtime_error("no key '" + key + "'");
        return it->second;
    }
    bool has(const std::string& key) const { return members.count(key) > 0; }
    std::int64_t integer() const
    {
        if (type != Type::Number || text.find_first_of(".eE") != std::string::npos)
            throw std::runtime_error("not an integer: " + text);
        return std::stoll(text);
    }
};

class JsonReader {
public:
    static Json parse(const std::string& text)
    {
        JsonReader r(text);
        Json value = r.value();
        r.space();
        if (r.m_pos != text.size())
            r.fail("trailing text");
        return value;
    }

private:
    explicit JsonReader(const std::string& text) : m_text(text) {}

    [[noreturn]] void fail(const std::string& what) const
    {
        throw std::runtime_error("bad JSON at " + std::to_string(m_pos) + ": " + what);
    }
    void space()
    {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\n' || m_text[m_pos] == '\t' ||
                                         m_text[m_pos] == '\r'))
            ++m_pos;
    }
    bool eat(char c)
    {
        space();
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }
    void expect(char c)
    {
        if (!eat(c))
            fail(std::string("expected '") + c + "'");
    }
    bool word(const char* w)
    {
        const std::string s(w);
        if (m_text.compare(m_pos, s.size(), s) == 0) {
            m_pos += s.size();
            return true;
        }
        return false;
    }
    std::string string()
    {
        expect('"');
        std::string out;
        while (m_pos < m_text.size() && m_text[m_pos] != '"') {
            char c = m_text[m_pos++];
            if (static_cast<unsigned char>(c) < 0x20)
                fail("control character in a string");
            if (c == '\\') {
                if (m_pos >= m_text.size())
                    fail("bad escape");
                const char e = m_text[m_pos++];
                switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'n': out += '\n'; break;
                case 't': out += '\t'; break;
                case 'r': out += '\r'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'u':
                    if (m_pos + 4 > m_text.size())
                        fail("bad \\u escape");
                    out += char(std::stoi(m_text.substr(m_pos, 4), nullptr, 16)); // ASCII controls only
                    m_pos += 4;
                    break;
                default: fail("bad escape");
                }
            } else {
                out += c;
            }
        }
        expect('"');
        return out;
    }
    Json value()
    {
        space();
        if (m_pos >= m_text.size())
            fail("unexpected end");
        Json v;
        const char c = m_text[m_pos];
        if (c == '{') {
            ++m_pos;
            v.type = Json::Type::Object;
            if (eat('}'))
                return v;
            do {
                space();
                const std::string key = string();
                expect(':');
                if (v.members.count(key))
                    fail("duplicate key " + key);
                v.members[key] = value();
            } while (eat(','));
            expect('}');
        } else if (c == '[') {
            ++m_pos;
            v.type = Json::Type::Array;
            if (eat(']'))
                return v;
            do
                v.items.push_back(value());
            while (eat(','));
            expect(']');
        } else if (c == '"') {
            v.type = Json::Type::String;
            v.text = string();
        } else if (word("true")) {
            v.type = Json::Type::Bool;
            v.boolean = true;
        } else if (word("false")) {
            v.type = Json::Type::Bool;
        } else if (word("null")) {
            v.type = Json::Type::Null;
        } else {
            const std::size_t start = m_pos;
            if (m_text[m_pos] == '-')
                ++m_pos;
            while (m_pos < m_text.size() && std::string("0123456789.eE+-").find(m_text[m_pos]) != std::string::npos)
                ++m_pos;
            v.type = Json::Type::Number;
            v.text = m_text.substr(start, m_pos - start);
            if (v.text.empty() || v.text == "-")
                fail("unexpected character");
            std::size_t used = 0;
            v.number = std::stod(v.text, &used);
            if (used != v.text.size())
                fail("bad number " + v.text);
        }
        return v;
    }

    const std::string& m_text;
    std::size_t m_pos = 0;
};

} // namespace mwangaza::test
