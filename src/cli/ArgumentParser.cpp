#include "cli/ArgumentParser.hpp"

#include "core/I18n.hpp"

namespace mwangaza::cli {

std::optional<std::string> ParsedArguments::value(const std::string& name) const
{
    auto it = m_values.find(name);
    if (it == m_values.end())
        return std::nullopt;
    return it->second;
}

std::vector<std::string> split_list(const std::string& list)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const auto comma = list.find(',', start);
        std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        out.push_back(item);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return out;
}

ParsedArguments parse_arguments(std::span<const std::string> args, std::span<const OptionSpec> options,
                                const std::string& command)
{
    ParsedArguments parsed;
    bool options_ended = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (options_ended || arg.size() < 2 || arg[0] != '-') {
            parsed.positionals.push_back(arg);
            continue;
        }
        if (arg == "--") {
            options_ended = true;
            continue;
        }
        if (arg == "-h" || arg == "--help") {
            parsed.set("help", "");
            continue;
        }
        if (arg.rfind("--", 0) != 0)
            throw UsageError(format(core::tr("unknown option '%1'"), {arg}), command);
        std::string name = arg.substr(2);
        std::optional<std::string> inline_value;
        if (auto eq = name.find('='); eq != std::string::npos) {
            inline_value = name.substr(eq + 1);
            name.resize(eq);
        }
        const OptionSpec* spec = nullptr;
        for (const auto& o : options)
            if (name == o.name)
                spec = &o;
        if (!spec)
            throw UsageError(format(core::tr("unknown option '%1'"), {"--" + name}), command);
        if (parsed.has(name))
            throw UsageError(format(core::tr("option '%1' given twice"), {"--" + name}), command);
        if (!spec->value_name) {
            if (inline_value)
                throw UsageError(format(core::tr("option '%1' takes no value"), {"--" + name}), command);
            parsed.set(name, "");
            continue;
        }
        if (inline_value) {
            parsed.set(name, *inline_value);
        } else if (i + 1 < args.size()) {
            parsed.set(name, args[++i]);
        } else {
            throw UsageError(format(core::tr("option '%1' needs a value (%2)"), {"--" + name, spec->value_name}),
                             command);
        }
    }
    return parsed;
}

} // namespace mwangaza::cli
