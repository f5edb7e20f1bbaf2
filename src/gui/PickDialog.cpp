#include "gui/PickDialog.hpp"

#include "gui/DialogButtons.hpp"
#include "gui/Format.hpp"
#include "store/Browse.hpp"
#include "store/Database.hpp"

#include <wx/listbox.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>

#include <algorithm>

namespace mwangaza::gui {

PickDialog::PickDialog(wxWindow* parent, const wxString& title, Items items, const std::string& current)
    : wxDialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_all(std::move(items))
{
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_filter = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
    m_filter->SetHint(_("Type part of a code or name"));
    m_list = new wxListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(460, 320)));
    SetName("pick_dialog");
    m_filter->SetName("pick_filter");
    m_list->SetName("pick_list");
    sizer->Add(m_filter, 0, wxEXPAND | wxALL, FromDIP(10));
    sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));
    sizer->Add(ok_cancel_buttons(this, true), 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizerAndFit(sizer);
    fill(current);
    m_filter->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { fill({}); });
    m_filter->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { EndModal(wxID_OK); });
    m_filter->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& e) {
        const int step = e.GetKeyCode() == WXK_DOWN ? 1 : e.GetKeyCode() == WXK_UP ? -1 : 0;
        if (step == 0 || m_list->IsEmpty()) {
            e.Skip();
            return;
        }
        const int n = int(m_list->GetCount());
        m_list->SetSelection(std::clamp(m_list->GetSelection() + step, 0, n - 1));
    });
    m_list->Bind(wxEVT_LISTBOX_DCLICK, [this](wxCommandEvent&) { EndModal(wxID_OK); });
    m_filter->SetFocus();
}

std::optional<std::string> PickDialog::chosen() const
{
    const int i = m_list->GetSelection();
    if (i == wxNOT_FOUND || std::size_t(i) >= m_shown.size())
        return std::nullopt;
    return m_shown[std::size_t(i)];
}

void PickDialog::fill(const std::string& select)
{
    const wxString typed = m_filter->GetValue().Lower().Trim().Trim(false);
    wxArrayString labels;
    m_shown.clear();
    int selection = 0;
    for (const auto& [code, label] : m_all) {
        if (!typed.empty() && !label.Lower().Contains(typed) && !from_utf8(code).Lower().Contains(typed))
            continue;
        if (code == select)
            selection = int(m_shown.size());
        labels.Add(code.empty() ? label : label + "   (" + from_utf8(code) + ")");
        m_shown.push_back(code);
        if (m_shown.size() == k_max_shown)
            break;
    }
    m_list->Set(labels);
    if (!m_shown.empty())
        m_list->SetSelection(selection);
}

std::optional<PickedSite> pick_site(wxWindow* parent, store::Database& db, const wxString& title,
                                    const std::string& current)
{
    const auto sites = store::list_sites(db.sql(), false);
    PickDialog::Items items;
    items.emplace_back(std::string(), _("All sites"));
    for (const auto& site : sites)
        items.emplace_back(site.code, from_utf8(site.name) + ", " + from_utf8(site.province));
    PickDialog dialog(parent, title, std::move(items), current);
    if (dialog.ShowModal() != wxID_OK)
        return std::nullopt;
    const auto code = dialog.chosen();
    if (!code)
        return std::nullopt;
    if (code->empty())
        return PickedSite{{}, _("All sites")};
    for (const auto& site : sites)
        if (site.code == *code)
            return PickedSite{*code, from_utf8(site.code) + wxString::FromUTF8(" \u2014 ") + from_utf8(site.name)};
    return PickedSite{*code, from_utf8(*code)};
}

} // namespace mwangaza::gui
