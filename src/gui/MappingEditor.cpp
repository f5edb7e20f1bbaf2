#include "gui/MappingEditor.hpp"

#include "core/Json.hpp"
#include "core/Taxonomy.hpp"
#include "gui/Format.hpp"

#include <wx/button.h>
#include <wx/grid.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>
#include <map>

namespace mwangaza::gui {

namespace {

enum { COL_FIELD, COL_COLUMN, COL_PREVIEW };
enum { VAL_FIELD, VAL_FROM, VAL_TO };

wxString none_label()
{
    return _("(none)");
}

wxColour required_missing_colour()
{
    return wxColour(253, 226, 226);
}

wxColour changed_colour()
{
    return wxColour(226, 238, 253);
}

} // namespace

wxString risk_area_choice(const std::string& code)
{
    return risk_area_label(code) + " (" + from_utf8(code) + ")";
}

std::string risk_area_from_choice(const wxString& choice)
{
    const int open = choice.Find('(', true);
    if (open != wxNOT_FOUND && choice.EndsWith(")")) {
        const std::string code = choice.Mid(std::size_t(open) + 1, choice.length() - std::size_t(open) - 2).utf8_string();
        if (core::find_risk_area(code))
            return code;
    }
    return choice.utf8_string();
}

MappingEditor::MappingEditor(wxWindow* parent) : wxPanel(parent, wxID_ANY)
{
    SetName("mapping_editor");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    const int pad = FromDIP(8);

    auto* columns_title = new wxStaticText(this, wxID_ANY, wxString());
    columns_title->SetFont(GetFont().Bold()); // before the text, so it is sized for bold
    columns_title->SetLabel(_("Columns: which column of the file feeds each field"));
    sizer->Add(columns_title, 0, wxLEFT | wxRIGHT | wxTOP, pad);
    auto* note = new wxStaticText(this, wxID_ANY,
                                  _("* required. Click a column cell to choose another column; the first values of "
                                    "the chosen column are shown on the right."));
    note->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT).ChangeLightness(150));
    sizer->Add(note, 0, wxLEFT | wxRIGHT | wxTOP, pad);

    m_columns = new wxGrid(this, wxID_ANY);
    m_columns->SetName("mapping_columns");
    m_columns->CreateGrid(0, 3);
    m_columns->SetRowLabelSize(0);
    m_columns->SetColLabelValue(COL_FIELD, _("Field"));
    m_columns->SetColLabelValue(COL_COLUMN, _("Column in the file"));
    m_columns->SetColLabelValue(COL_PREVIEW, _("First values"));
    m_columns->SetColSize(COL_FIELD, FromDIP(260));
    m_columns->SetColSize(COL_COLUMN, FromDIP(300));
    m_columns->SetColSize(COL_PREVIEW, FromDIP(520));
    m_columns->SetDefaultRowSize(FromDIP(26), true);
    m_columns->SetColLabelAlignment(wxALIGN_LEFT, wxALIGN_CENTRE);
    m_columns->DisableDragRowSize();
    m_columns->EnableDragGridSize(false);
    m_columns->SetSelectionMode(wxGrid::wxGridSelectRows);
    sizer->Add(m_columns, 4, wxEXPAND | wxALL, pad);

    auto* values_title = new wxStaticText(this, wxID_ANY, wxString());
    values_title->SetFont(GetFont().Bold());
    values_title->SetLabel(_("Value mappings: values of the file replaced before checking"));
    sizer->Add(values_title, 0, wxLEFT | wxRIGHT, pad);
    auto* values_row = new wxBoxSizer(wxHORIZONTAL);
    m_values = new wxGrid(this, wxID_ANY);
    m_values->SetName("mapping_values");
    m_values->CreateGrid(0, 3);
    m_values->SetRowLabelSize(0);
    m_values->SetColLabelValue(VAL_FIELD, _("Field"));
    m_values->SetColLabelValue(VAL_FROM, _("Value in the file"));
    m_values->SetColLabelValue(VAL_TO, _("Becomes"));
    m_values->SetColSize(VAL_FIELD, FromDIP(260));
    m_values->SetColSize(VAL_FROM, FromDIP(300));
    m_values->SetColSize(VAL_TO, FromDIP(420));
    m_values->SetDefaultRowSize(FromDIP(26), true);
    m_values->SetColLabelAlignment(wxALIGN_LEFT, wxALIGN_CENTRE);
    m_values->SetSelectionMode(wxGrid::wxGridSelectRows);
    m_values->SetMinSize(FromDIP(wxSize(-1, 130)));
    values_row->Add(m_values, 1, wxEXPAND);
    auto* buttons = new wxBoxSizer(wxVERTICAL);
    m_add = new wxButton(this, wxID_ANY, _("&Add value"));
    m_remove = new wxButton(this, wxID_ANY, _("Re&move"));
    buttons->Add(m_add, 0, wxEXPAND | wxBOTTOM, pad / 2);
    buttons->Add(m_remove, 0, wxEXPAND);
    values_row->Add(buttons, 0, wxLEFT, pad);
    sizer->Add(values_row, 1, wxEXPAND | wxALL, pad);
    SetSizer(sizer);

    m_columns->Bind(wxEVT_GRID_CELL_CHANGED, &MappingEditor::on_column_changed, this);
    m_values->Bind(wxEVT_GRID_CELL_CHANGED, &MappingEditor::on_value_changed, this);
    m_add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_value_row(); });
    m_remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { remove_value_rows(); });
    // The last column takes the width left.
    m_columns->Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        e.Skip();
        const int rest = m_columns->GetClientSize().x - m_columns->GetColSize(COL_FIELD) -
                         m_columns->GetColSize(COL_COLUMN);
        if (rest > FromDIP(120))
            m_columns->SetColSize(COL_PREVIEW, rest);
    });
    m_values->Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        e.Skip();
        const int rest = m_values->GetClientSize().x - m_values->GetColSize(VAL_FIELD) - m_values->GetColSize(VAL_FROM);
        if (rest > FromDIP(120))
            m_values->SetColSize(VAL_TO, rest);
    });
}

void MappingEditor::clear()
{
    m_fields.clear();
    m_file_columns.clear();
    m_preview.clear();
    fill_columns_grid();
}

void MappingEditor::set_description(const core::JsonValue& d)
{
    m_file_columns.clear();
    for (const auto& c : d["columns"].items())
        m_file_columns.push_back(c.as_string());
    m_preview.clear();
    for (const auto& row : d["preview"].items()) {
        std::vector<std::string> values;
        for (const auto& v : row["values"].items())
            values.push_back(v.as_string());
        m_preview.push_back(std::move(values));
    }
    m_fields.clear();
    for (const auto& f : d["fields"].items()) {
        Field field;
        field.key = f["key"].as_string();
        field.label = from_utf8(f["label"].as_string());
        field.required = f["required"].as_bool();
        field.automatic = f["automatic"].as_string();
        field.column = f["column"].as_string();
        m_fields.push_back(std::move(field));
    }
    fill_columns_grid();
    if (!d["mapping"].is_null()) {
        if (m_values->GetNumberRows() > 0)
            m_values->DeleteRows(0, m_values->GetNumberRows());
        for (const auto& [field, values] : d["values"].members())
            for (const auto& [from, to] : values.members())
                add_value_mapping({field, from, to.as_string()});
    }
}

void MappingEditor::fill_columns_grid()
{
    m_columns->BeginBatch();
    if (m_columns->GetNumberRows() > 0)
        m_columns->DeleteRows(0, m_columns->GetNumberRows());
    m_columns->AppendRows(int(m_fields.size()));
    wxArrayString choices;
    choices.Add(none_label());
    for (const auto& c : m_file_columns)
        choices.Add(from_utf8(c));
    for (int r = 0; r < int(m_fields.size()); ++r) {
        const auto& f = m_fields[std::size_t(r)];
        m_columns->SetCellValue(r, COL_FIELD, f.required ? f.label + " *" : f.label);
        if (f.required)
            m_columns->SetCellFont(r, COL_FIELD, GetFont().Bold());
        m_columns->SetReadOnly(r, COL_FIELD);
        m_columns->SetReadOnly(r, COL_PREVIEW);
        m_columns->SetCellEditor(r, COL_COLUMN, new wxGridCellChoiceEditor(choices));
        m_columns->SetCellTextColour(r, COL_PREVIEW,
                                     wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT).ChangeLightness(140));
        update_field_row(r);
    }
    m_columns->EndBatch();
}

void MappingEditor::update_field_row(int r)
{
    const auto& f = m_fields[std::size_t(r)];
    m_columns->SetCellValue(r, COL_COLUMN, f.column.empty() ? none_label() : from_utf8(f.column));
    m_columns->SetCellValue(r, COL_PREVIEW, preview_text(f.column));
    wxColour background = m_columns->GetDefaultCellBackgroundColour();
    if (f.required && f.column.empty())
        background = required_missing_colour();
    else if (f.column != f.automatic)
        background = changed_colour();
    for (int c = 0; c < 3; ++c)
        m_columns->SetCellBackgroundColour(r, c, background);
    m_columns->ForceRefresh();
}

wxString MappingEditor::preview_text(const std::string& column) const
{
    if (column.empty())
        return wxString();
    const auto it = std::find(m_file_columns.begin(), m_file_columns.end(), column);
    if (it == m_file_columns.end())
        return wxString();
    const std::size_t index = std::size_t(it - m_file_columns.begin());
    wxString text;
    int shown = 0;
    for (const auto& row : m_preview) {
        if (index >= row.size() || row[index].empty())
            continue;
        wxString value = from_utf8(row[index]);
        value.Replace("\n", " ");
        if (value.length() > 40)
            value = value.Left(39) + wxString::FromUTF8("\u2026");
        text += (shown ? wxString::FromUTF8("  \u00B7  ") : wxString()) + value;
        if (++shown == 4)
            break;
    }
    return text;
}

std::string MappingEditor::column(const std::string& field) const
{
    for (const auto& f : m_fields)
        if (f.key == field)
            return f.column;
    return {};
}

bool MappingEditor::set_column(const std::string& field, const std::string& column)
{
    if (!column.empty() && std::find(m_file_columns.begin(), m_file_columns.end(), column) == m_file_columns.end())
        return false;
    for (std::size_t r = 0; r < m_fields.size(); ++r) {
        if (m_fields[r].key != field)
            continue;
        // A column feeds one field: a field that had it is left without.
        if (!column.empty())
            for (std::size_t o = 0; o < m_fields.size(); ++o)
                if (o != r && m_fields[o].column == column) {
                    m_fields[o].column.clear();
                    update_field_row(int(o));
                }
        m_fields[r].column = column;
        update_field_row(int(r));
        notify();
        return true;
    }
    return false;
}

void MappingEditor::on_column_changed(wxGridEvent& event)
{
    const int r = event.GetRow();
    if (r < 0 || r >= int(m_fields.size()) || event.GetCol() != COL_COLUMN)
        return;
    const wxString value = m_columns->GetCellValue(r, COL_COLUMN);
    set_column(m_fields[std::size_t(r)].key, value == none_label() ? std::string() : value.utf8_string());
}

wxString MappingEditor::field_label(const std::string& key) const
{
    for (const auto& f : m_fields)
        if (f.key == key)
            return f.label;
    return from_utf8(key);
}

std::string MappingEditor::field_key_from_label(const wxString& label) const
{
    for (const auto& f : m_fields)
        if (f.label == label)
            return f.key;
    return label.utf8_string();
}

void MappingEditor::set_value_row_editors(int row)
{
    wxArrayString fields;
    for (const auto& f : m_fields)
        fields.Add(f.label);
    if (fields.empty())
        fields.Add(field_label("risk_area"));
    m_values->SetCellEditor(row, VAL_FIELD, new wxGridCellChoiceEditor(fields));
    if (field_key_from_label(m_values->GetCellValue(row, VAL_FIELD)) == "risk_area") {
        wxArrayString areas;
        for (const auto& a : core::risk_areas())
            areas.Add(risk_area_choice(std::string(a.code)));
        m_values->SetCellEditor(row, VAL_TO, new wxGridCellChoiceEditor(areas));
    } else {
        m_values->SetCellEditor(row, VAL_TO, new wxGridCellTextEditor);
    }
}

void MappingEditor::add_value_mapping(const ValueMapping& mapping)
{
    const int row = m_values->GetNumberRows();
    m_values->AppendRows(1);
    m_values->SetCellValue(row, VAL_FIELD, field_label(mapping.field));
    m_values->SetCellValue(row, VAL_FROM, from_utf8(mapping.from));
    m_values->SetCellValue(row, VAL_TO, mapping.field == "risk_area" && core::find_risk_area(mapping.to)
                                            ? risk_area_choice(mapping.to)
                                            : from_utf8(mapping.to));
    set_value_row_editors(row);
    notify();
}

void MappingEditor::add_value_row()
{
    add_value_mapping({"risk_area", "", ""});
    const int row = m_values->GetNumberRows() - 1;
    m_values->SetGridCursor(row, VAL_FROM);
    m_values->MakeCellVisible(row, VAL_FROM);
    m_values->SetFocus();
    m_values->EnableCellEditControl();
}

void MappingEditor::remove_value_rows()
{
    wxArrayInt rows = m_values->GetSelectedRows();
    if (rows.empty() && m_values->GetGridCursorRow() >= 0)
        rows.Add(m_values->GetGridCursorRow());
    std::sort(rows.begin(), rows.end(), [](int a, int b) { return a > b; });
    for (int r : rows)
        if (r >= 0 && r < m_values->GetNumberRows())
            m_values->DeleteRows(r, 1);
    notify();
}

void MappingEditor::on_value_changed(wxGridEvent& event)
{
    if (event.GetCol() == VAL_FIELD) {
        m_values->SetCellValue(event.GetRow(), VAL_TO, wxString());
        set_value_row_editors(event.GetRow());
    }
    notify();
}

std::vector<ValueMapping> MappingEditor::value_mappings() const
{
    std::vector<ValueMapping> out;
    for (int r = 0; r < m_values->GetNumberRows(); ++r) {
        ValueMapping m;
        m.field = field_key_from_label(m_values->GetCellValue(r, VAL_FIELD));
        m.from = m_values->GetCellValue(r, VAL_FROM).utf8_string();
        const wxString to = m_values->GetCellValue(r, VAL_TO);
        m.to = m.field == "risk_area" ? risk_area_from_choice(to) : to.utf8_string();
        if (!m.from.empty())
            out.push_back(std::move(m));
    }
    return out;
}

void MappingEditor::commit_edits()
{
    for (auto* grid : {m_columns, m_values})
        if (grid->IsCellEditControlEnabled())
            grid->SaveEditControlValue();
}

std::vector<std::string> MappingEditor::missing_required() const
{
    std::vector<std::string> out;
    for (const auto& f : m_fields)
        if (f.required && f.column.empty())
            out.push_back(f.key);
    return out;
}

bool MappingEditor::has_changes() const
{
    for (const auto& f : m_fields)
        if (f.column != f.automatic)
            return true;
    return !value_mappings().empty();
}

std::string MappingEditor::profile_json(const std::string& name) const
{
    std::string json = "{\"name\": " + core::json_string(name) + ", \"columns\": {";
    bool first = true;
    for (const auto& f : m_fields) {
        if (f.column == f.automatic)
            continue;
        json += (first ? "" : ", ") + core::json_string(f.key) + ": " + core::json_string(f.column);
        first = false;
    }
    json += "}, \"values\": {";
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> by_field;
    for (const auto& m : value_mappings())
        by_field[m.field].emplace_back(m.from, m.to);
    first = true;
    for (const auto& [field, values] : by_field) {
        json += (first ? "" : ", ") + core::json_string(field) + ": {";
        first = false;
        bool first_value = true;
        for (const auto& [from, to] : values) {
            json += (first_value ? "" : ", ") + core::json_string(from) + ": " + core::json_string(to);
            first_value = false;
        }
        json += "}";
    }
    return json + "}}";
}

void MappingEditor::notify()
{
    if (m_changed)
        m_changed();
}

} // namespace mwangaza::gui
