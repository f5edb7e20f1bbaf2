#pragma once
// A small dialog that picks a code (a risk area, a site...) by typing part of the code or
// of its label, with the arrow keys and Enter; and the site picker built on it that the
// triage and map filters share.
#include <wx/dialog.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

class wxListBox;
class wxTextCtrl;

namespace mwangaza::store {
class Database;
}

namespace mwangaza::gui {

class PickDialog : public wxDialog {
public:
    using Items = std::vector<std::pair<std::string, wxString>>; // code, label

    PickDialog(wxWindow* parent, const wxString& title, Items items, const std::string& current);

    // The code chosen, if a row is selected.
    std::optional<std::string> chosen() const;

private:
    // At most this many matches are listed (a programme can have thousands of sites).
    static constexpr std::size_t k_max_shown = 200;

    void fill(const std::string& select);

    Items m_all;
    std::vector<std::string> m_shown;
    wxTextCtrl* m_filter = nullptr;
    wxListBox* m_list = nullptr;
};

// A site of the programme, or every site (empty code), with the label to show for it.
struct PickedSite {
    std::string code;
    wxString label; // "CODE — Name", or "All sites"
};

// Lists the programme's sites, "All sites" first, and lets the person pick one; nullopt
// when cancelled. Throws StorageError when the sites cannot be read.
std::optional<PickedSite> pick_site(wxWindow* parent, store::Database& db, const wxString& title,
                                    const std::string& current);

} // namespace mwangaza::gui
