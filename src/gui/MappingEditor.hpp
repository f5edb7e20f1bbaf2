#pragma once
// The mapping editor of the import dialog: which column of the file feeds each incident
// field (a dropdown of the file's columns; required fields marked; the first values of
// the chosen column beside it) and value mappings (a value in the file replaced before
// validation: "TE" -> risk area child_labour, chosen among the translated risk areas).
// It starts from what the intake helper's describe reports (the recogniser's binding,
// or a saved profile applied to it) and writes the mapping profile JSON that the helper
// reads back: the columns that differ from the recogniser's choice ("" for a field left
// without a column) and the value mappings.
#include "core/JsonReader.hpp"

#include <wx/panel.h>

#include <functional>
#include <string>
#include <vector>

class wxGrid;
class wxGridEvent;
class wxButton;

namespace mwangaza::gui {

struct ValueMapping {
    std::string field; // field key, e.g. "risk_area"
    std::string from;  // the value as the file writes it
    std::string to;    // what it becomes (a risk area code for risk_area)
};

class MappingEditor : public wxPanel {
public:
    explicit MappingEditor(wxWindow* parent);

    // Shows a file's description (the helper's `import --describe --json`). Value mappings
    // are replaced by the description's when it came with a profile, kept otherwise.
    void set_description(const core::JsonValue& description);
    void clear();

    // The column chosen for a field ("" for none).
    std::string column(const std::string& field) const;
    // Chooses a column for a field, as picking it in the dropdown does; false when the
    // file has no such column or there is no such field.
    bool set_column(const std::string& field, const std::string& column);
    void add_value_mapping(const ValueMapping& mapping);
    std::vector<ValueMapping> value_mappings() const;

    // Ends a cell edit in progress, so its value counts (before a run or a save).
    void commit_edits();

    // Fields that must have a column and have none (their keys).
    std::vector<std::string> missing_required() const;
    // True when the binding differs from the recogniser's or value mappings exist.
    bool has_changes() const;
    // The mapping profile: {"name": .., "columns": {..}, "values": {..}}.
    std::string profile_json(const std::string& name) const;

    // The translated label of a field key.
    wxString field_label(const std::string& key) const;

    wxGrid* columns_grid() const { return m_columns; }
    wxGrid* values_grid() const { return m_values; }

    // Called after every change made in the editor.
    void set_changed_listener(std::function<void()> listener) { m_changed = std::move(listener); }

private:
    struct Field {
        std::string key;
        wxString label;
        bool required = false;
        std::string automatic; // the recogniser's column
        std::string column;    // the chosen column
    };

    void fill_columns_grid();
    void update_field_row(int row);
    void on_column_changed(wxGridEvent& event);
    void on_value_changed(wxGridEvent& event);
    void set_value_row_editors(int row);
    void add_value_row();
    void remove_value_rows();
    wxString preview_text(const std::string& column) const;
    std::string field_key_from_label(const wxString& label) const;
    void notify();

    std::vector<Field> m_fields;
    std::vector<std::string> m_file_columns;
    std::vector<std::vector<std::string>> m_preview; // first rows' values
    wxGrid* m_columns = nullptr;
    wxGrid* m_values = nullptr;
    wxButton* m_add = nullptr;
    wxButton* m_remove = nullptr;
    std::function<void()> m_changed;
};

// "Child labour (child_labour)" for the value mapping dropdown, and back.
wxString risk_area_choice(const std::string& code);
std::string risk_area_from_choice(const wxString& choice);

} // namespace mwangaza::gui
