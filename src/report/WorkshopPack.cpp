#include "report/WorkshopPack.hpp"

#include "core/I18n.hpp"
#include "core/Kpi.hpp"
#include "core/Lifecycle.hpp"
#include "core/RiskMatrix.hpp"
#include "core/Taxonomy.hpp"

#include <array>
#include <cstdint>

namespace mwangaza::report {

namespace {

using core::format;

// Colours of the seven risk categories in charts, in core::risk_categories() order.
constexpr std::array<Colour, 7> k_category_colours{{
    {0.780, 0.243, 0.227}, // human rights
    {0.365, 0.259, 0.506}, // security
    {0.910, 0.596, 0.196}, // working conditions
    {0.204, 0.549, 0.620}, // community
    {0.478, 0.478, 0.478}, // legality
    {0.153, 0.349, 0.553}, // traceability
    {0.341, 0.620, 0.294}, // environment
}};

class Builder {
public:
    Builder(const store::WorkshopPackData& data, std::string lang)
        : m_data(data), m_lang(std::move(lang)), m_tr(core::catalog_translator(m_lang))
    {
    }

    std::string t(const char* msgid) const { return core::tr(m_tr, msgid); }

    std::string number(std::int64_t value) const
    {
        std::string digits = std::to_string(value < 0 ? -value : value);
        const std::string sep = m_lang == "fr" ? "\u202F" : ",";
        std::string out;
        for (std::size_t i = 0; i < digits.size(); ++i) {
            if (i && (digits.size() - i) % 3 == 0)
                out += sep;
            out += digits[i];
        }
        return (value < 0 ? "-" : "") + out;
    }

    std::string percent_text(std::int64_t part, std::int64_t whole) const
    {
        const std::string n = std::to_string(core::percent(part, whole));
        return m_lang == "fr" ? n + "\u00A0%" : n + "%";
    }

    // "2021-07-14" -> "14 July 2021" / "14 juillet 2021".
    std::string date(const std::string& iso) const
    {
        if (iso.size() < 10)
            return iso;
        const int month = std::stoi(iso.substr(5, 2));
        const int day = std::stoi(iso.substr(8, 2));
        if (month < 1 || month > 12)
            return iso;
        return std::to_string(day) + " " + t(month_name(month)) + " " + iso.substr(0, 4);
    }

    // "2021-07" -> "July 2021" / "juillet 2021" (French months take no capital).
    std::string month(const std::string& ym) const
    {
        return t(month_name(std::stoi(ym.substr(5, 2)))) + " " + ym.substr(0, 4);
    }

    // "2021-07" -> "Jul" in charts.
    std::string short_month(const std::string& ym) const
    {
        static constexpr std::array<const char*, 12> names{N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"),
                                                           N_("May"), N_("Jun"), N_("Jul"), N_("Aug"),
                                                           N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")};
        const int m = std::stoi(ym.substr(5, 2));
        return t(names[std::size_t(m - 1)]) + " " + ym.substr(2, 2);
    }

    static const char* month_name(int m)
    {
        static constexpr std::array<const char*, 12> names{N_("January"), N_("February"), N_("March"),
                                                           N_("April"),   N_("May"),      N_("June"),
                                                           N_("July"),    N_("August"),   N_("September"),
                                                           N_("October"), N_("November"), N_("December")};
        return names[std::size_t(m - 1)];
    }

    std::string area(const std::string& code) const
    {
        const auto* a = core::find_risk_area(code);
        return a ? t(a->label) : code;
    }

    std::string level(const std::string& code) const
    {
        const auto l = core::risk_level_from_code(code);
        return l ? t(core::risk_level_label(*l)) : code;
    }

    std::string status(const std::string& code) const
    {
        const auto s = core::action_status_from_code(code);
        return s ? t(core::status_label(*s)) : code;
    }

    std::string priority(const std::string& code) const
    {
        if (code == "high")
            return t(N_("high priority"));
        if (code == "low")
            return t(N_("low priority"));
        return t(N_("medium priority"));
    }

    std::string minerals(const std::string& codes) const
    {
        std::string out;
        std::size_t start = 0;
        while (start <= codes.size()) {
            std::size_t comma = codes.find(',', start);
            if (comma == std::string::npos)
                comma = codes.size();
            std::string code = codes.substr(start, comma - start);
            while (!code.empty() && code.front() == ' ')
                code.erase(code.begin());
            while (!code.empty() && code.back() == ' ')
                code.pop_back();
            if (!code.empty())
                out += (out.empty() ? "" : ", ") + t(code.c_str());
            start = comma + 1;
        }
        if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
            out[0] = char(out[0] - 'a' + 'A');
        return out;
    }

    std::string country(const std::string& code) const
    {
        if (code == "CD")
            return t(N_("DR Congo"));
        if (code == "RW")
            return t(N_("Rwanda"));
        return code;
    }

    Document build(const std::string& programme, const std::string& generated_on)
    {
        const auto& d = m_data;
        Document doc;
        doc.language = m_lang;
        doc.kicker = programme;
        doc.title = t(N_("Workshop pack"));
        doc.subtitle = format(t(N_("%1 (%2), monthly CAP workshop of %3")), {d.site.name, d.site.code, month(d.month)});

        std::string place = d.site.province;
        if (!d.site.territory.empty())
            place = d.site.territory + ", " + place;
        place += ", " + country(d.site.country);
        doc.facts.push_back({t(N_("Site")), d.site.name + " \u2013 " + d.site.code});
        doc.facts.push_back({t(N_("Location")), place});
        doc.facts.push_back({t(N_("Minerals")), minerals(d.site.minerals)});
        if (!d.site.operator_name.empty())
            doc.facts.push_back({t(N_("Operator or cooperative")), d.site.operator_name});
        doc.facts.push_back({t(N_("Workshop")), d.workshop ? date(d.workshop->held_on) : t(N_("not planned yet"))});
        if (d.workshop && !d.workshop->facilitator.empty())
            doc.facts.push_back({t(N_("Facilitator")), d.workshop->facilitator});
        doc.facts.push_back({t(N_("Previous workshop")),
                             d.previous ? date(d.previous->held_on) : t(N_("none: first workshop at this site"))});
        doc.footer = format(t(N_("Workshop pack %1, %2. Printed on %3.")), {d.site.code, month(d.month), date(generated_on)});
        doc.page_format = t(N_("Page %1 of %2"));
        doc.credit = t(N_("Incidents are counted when verified by the programme's risk experts. Reporters' identities "
                          "are never printed. Implementation rate = (in progress + implemented) / issued."));

        key_figures(doc);
        chart(doc);
        incidents(doc);
        risks(doc);
        drafts(doc);
        open_actions(doc);
        return doc;
    }

private:
    std::string since_text() const
    {
        const auto& d = m_data;
        if (d.previous)
            return format(t(N_("from %1 to %2")), {date(d.previous->held_on), date(d.reference_date)});
        return format(t(N_("up to %1")), {date(d.reference_date)});
    }

    void key_figures(Document& doc) const
    {
        const auto& d = m_data;
        std::int64_t overdue = 0, open = 0;
        for (const auto& s : d.open_by_stakeholder) {
            overdue += s.overdue;
            open += s.open;
        }
        KeyFigures k;
        k.figures.push_back({number(d.incidents_total), t(N_("verified incidents since the last workshop")), "", false});
        k.figures.push_back({number(std::int64_t(d.risk_changes.size())), t(N_("risks with a new level")),
                             format(t(N_("of %1 open risks")), {number(d.open_risks)}), false});
        k.figures.push_back({number(std::int64_t(d.drafts.size())), t(N_("actions to issue")), "", false});
        k.figures.push_back({number(open), t(N_("open actions")), format(t(N_("%1 overdue")), {number(overdue)}),
                             overdue > 0});
        k.figures.push_back({percent_text(d.actions_progressing, d.actions_issued), t(N_("implementation rate")),
                             format(t(N_("%1 of %2 issued actions in progress or implemented")),
                                    {number(d.actions_progressing), number(d.actions_issued)}),
                             false});
        doc.blocks.emplace_back(std::move(k));
    }

    void incidents(Document& doc) const
    {
        const auto& d = m_data;
        doc.blocks.emplace_back(Heading{t(N_("1. Verified incidents since the last workshop"))});
        doc.blocks.emplace_back(Paragraph{format(t(N_("%1 verified incidents observed %2, by risk area.")),
                                                 {number(d.incidents_total), since_text()}),
                                          false});
        Table by_area;
        by_area.columns = {{t(N_("Risk area")), Column::Align::Left, 3.2},
                           {t(N_("Category")), Column::Align::Left, 2.2},
                           {t(N_("Incidents")), Column::Align::Right, 1.1},
                           {t(N_("Children")), Column::Align::Right, 1},
                           {t(N_("Women")), Column::Align::Right, 1},
                           {t(N_("Men")), Column::Align::Right, 1}};
        std::int64_t children = 0, women = 0, men = 0;
        for (const auto& a : d.incidents_by_area) {
            const auto* ra = core::find_risk_area(a.area);
            const auto* cat = ra ? core::find_risk_category(ra->category) : nullptr;
            by_area.rows.push_back({{area(a.area), cat ? t(cat->label) : std::string(), number(a.incidents),
                                     number(a.children), number(a.women), number(a.men)},
                                    false,
                                    false});
            children += a.children;
            women += a.women;
            men += a.men;
        }
        if (!d.incidents_by_area.empty())
            by_area.rows.push_back({{t(N_("Total")), "", number(d.incidents_total), number(children), number(women),
                                     number(men)},
                                    false,
                                    true});
        by_area.empty_text = t(N_("No verified incident in this period."));
        doc.blocks.emplace_back(std::move(by_area));

        if (d.incidents.empty())
            return;
        Table list;
        list.columns = {{t(N_("Observed")), Column::Align::Left, 1.3},
                        {t(N_("Risk area")), Column::Align::Left, 1.9},
                        {t(N_("What was seen")), Column::Align::Left, 5.2},
                        {t(N_("People")), Column::Align::Right, 1.2}};
        for (const auto& i : d.incidents) {
            std::string people;
            auto add = [&people](const std::string& line) {
                if (!people.empty())
                    people += '\n';
                people += line;
            };
            if (i.children)
                add(format(t(N_("%1 ch.")), {number(i.children)}));
            if (i.women)
                add(format(t(N_("%1 w.")), {number(i.women)}));
            if (i.men)
                add(format(t(N_("%1 m.")), {number(i.men)}));
            list.rows.push_back({{date(i.observed_on), area(i.area), i.description, people.empty() ? "\u2013" : people},
                                 false,
                                 false});
        }
        if (std::int64_t(d.incidents.size()) < d.incidents_total)
            list.caption = format(t(N_("The %1 most recent of %2 incidents; ch. children, w. women, m. men.")),
                                  {number(std::int64_t(d.incidents.size())), number(d.incidents_total)});
        else
            list.caption = t(N_("ch. children, w. women, m. men."));
        doc.blocks.emplace_back(Paragraph{t(N_("Short descriptions, newest first:")), false});
        doc.blocks.emplace_back(std::move(list));
    }

    void risks(Document& doc) const
    {
        const auto& d = m_data;
        doc.blocks.emplace_back(Heading{t(N_("2. Risks with level changes"))});
        Table table;
        table.columns = {{t(N_("Risk area")), Column::Align::Left, 2.2},
                         {t(N_("Risk")), Column::Align::Left, 3.2},
                         {t(N_("Before")), Column::Align::Left, 1.3},
                         {t(N_("Now")), Column::Align::Left, 1.6},
                         {t(N_("Assessed")), Column::Align::Left, 1.6}};
        for (const auto& r : d.risk_changes) {
            std::string now = level(r.after);
            if (r.red_flag)
                now += " \u2691";
            table.rows.push_back({{area(r.area), r.title, r.before ? level(*r.before) : t(N_("new")), now,
                                   date(r.assessed_on)},
                                  r.red_flag,
                                  false});
        }
        table.empty_text = format(t(N_("No risk changed level; %1 risks are open at the site.")), {number(d.open_risks)});
        if (!table.rows.empty())
            table.caption = t(N_("\u2691 red flag: Annex II risk that needs an escalation decision (suspend, disengage "
                                 "or mitigate)."));
        doc.blocks.emplace_back(std::move(table));
    }

    void drafts(Document& doc) const
    {
        const auto& d = m_data;
        doc.blocks.emplace_back(Heading{t(N_("3. Actions to issue at this workshop"))});
        if (!d.drafts.empty())
            doc.blocks.emplace_back(Paragraph{
                format(t(N_("%1 draft actions are ready to be issued; the workshop agrees each one with its responsible "
                            "stakeholder.")),
                       {number(std::int64_t(d.drafts.size()))}),
                false});
        Table table;
        table.columns = {{t(N_("No.")), Column::Align::Right, 0.8},
                         {t(N_("Action")), Column::Align::Left, 4.4},
                         {t(N_("Risk area")), Column::Align::Left, 2},
                         {t(N_("Responsible")), Column::Align::Left, 2},
                         {t(N_("Priority")), Column::Align::Left, 1.3}};
        for (const auto& a : d.drafts)
            table.rows.push_back({{std::to_string(a.id), a.title, area(a.area),
                                   a.responsible.empty() ? t(N_("to be agreed")) : a.responsible, priority(a.priority)},
                                  a.priority == "high",
                                  false});
        table.empty_text = t(N_("No draft action waits to be issued."));
        doc.blocks.emplace_back(std::move(table));
    }

    void open_actions(Document& doc) const
    {
        const auto& d = m_data;
        doc.blocks.emplace_back(Heading{t(N_("4. Open and overdue actions by stakeholder"))});
        std::int64_t open = 0, overdue = 0;
        for (const auto& s : d.open_by_stakeholder) {
            open += s.open;
            overdue += s.overdue;
        }
        doc.blocks.emplace_back(Paragraph{
            format(t(N_("On %1: %2 open actions, %3 of them overdue. Implementation rate at the site: %4 (%5 of %6 "
                        "issued actions in progress or implemented).")),
                   {date(d.reference_date), number(open), number(overdue),
                    percent_text(d.actions_progressing, d.actions_issued), number(d.actions_progressing),
                    number(d.actions_issued)}),
            false});
        Table summary;
        summary.columns = {{t(N_("Responsible stakeholder")), Column::Align::Left, 5},
                           {t(N_("Open actions")), Column::Align::Right, 1.3},
                           {t(N_("Overdue")), Column::Align::Right, 1.3}};
        for (const auto& s : d.open_by_stakeholder)
            summary.rows.push_back({{s.stakeholder.empty() ? t(N_("no responsible stakeholder")) : s.stakeholder,
                                     number(s.open), number(s.overdue)},
                                    s.overdue > 0,
                                    false});
        summary.empty_text = t(N_("No action is open at the site."));
        doc.blocks.emplace_back(std::move(summary));
        if (d.open_by_stakeholder.empty())
            return;

        Table detail;
        detail.columns = {{t(N_("No.")), Column::Align::Right, 0.8},
                          {t(N_("Action")), Column::Align::Left, 4},
                          {t(N_("Responsible")), Column::Align::Left, 2},
                          {t(N_("Status")), Column::Align::Left, 1.4},
                          {t(N_("Due")), Column::Align::Left, 1.6}};
        for (const auto& s : d.open_by_stakeholder)
            for (const auto& a : s.actions) {
                std::string due = a.due_on ? date(*a.due_on) : t(N_("no due date"));
                if (a.overdue) {
                    due += '\n';
                    due += t(N_("overdue"));
                }
                detail.rows.push_back({{std::to_string(a.id), a.title,
                                        s.stakeholder.empty() ? "\u2013" : s.stakeholder, status(a.status), due},
                                       a.overdue,
                                       false});
            }
        detail.caption = format(t(N_("Statuses on %1; an action is overdue when its due date has passed and it is not "
                                     "implemented.")),
                                {date(d.reference_date)});
        doc.blocks.emplace_back(std::move(detail));
    }

    void chart(Document& doc) const
    {
        const auto& d = m_data;
        BarChart c;
        c.title = t(N_("Verified incidents at the site per month, by risk category"));
        const auto categories = core::risk_categories();
        std::vector<std::size_t> used;
        for (std::size_t k = 0; k < categories.size(); ++k) {
            std::int64_t total = 0;
            for (const auto& m : d.months)
                total += m.by_category[k];
            if (total > 0)
                used.push_back(k);
        }
        for (std::size_t k : used) {
            c.series.push_back(t(categories[k].label));
            c.colours.push_back(k_category_colours[k % k_category_colours.size()]);
        }
        for (const auto& m : d.months) {
            c.x_labels.push_back(short_month(m.month));
            std::vector<double> v;
            for (std::size_t k : used)
                v.push_back(double(m.by_category[k]));
            c.values.push_back(std::move(v));
        }
        c.empty_text = t(N_("No verified incident in the last six months."));
        doc.blocks.emplace_back(std::move(c));
    }

    const store::WorkshopPackData& m_data;
    std::string m_lang;
    core::Translator m_tr;
};

} // namespace

std::string site_language(const std::string& country)
{
    return country == "CD" ? "fr" : "en";
}

Document workshop_pack_document(const store::WorkshopPackData& data, const std::string& lang,
                                const std::string& programme, const std::string& generated_on)
{
    return Builder(data, lang).build(programme, generated_on);
}

} // namespace mwangaza::report
