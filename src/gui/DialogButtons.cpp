#include "gui/DialogButtons.hpp"

#include <wx/button.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/statline.h>
#include <wx/textdlg.h>

namespace mwangaza::gui {

namespace {

// wxGTK turns a button with a stock id into a GTK stock button, labelled by GTK with the
// process locale, whenever its label is the stock label as translated (ours translates
// "&Cancel" too): the label is set while the button has another id.
void own_label(wxButton* button, const wxString& label)
{
    const wxWindowID id = button->GetId();
    button->SetId(wxID_NONE);
    button->SetLabel(label);
    button->SetId(id);
}

wxButton* button(wxDialog* dialog, wxWindowID id, const wxString& label)
{
    auto* b = new wxButton(dialog, id, label);
    own_label(b, label);
    return b;
}

} // namespace

wxSizer* ok_cancel_buttons(wxDialog* dialog, bool separated)
{
    auto* buttons = new wxStdDialogButtonSizer;
    auto* ok = button(dialog, wxID_OK, _("&OK"));
    buttons->AddButton(ok);
    buttons->AddButton(button(dialog, wxID_CANCEL, _("&Cancel")));
    buttons->Realize();
    ok->SetDefault();
    if (!separated)
        return buttons;
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(new wxStaticLine(dialog), 0, wxEXPAND | wxBOTTOM, dialog->FromDIP(8));
    column->Add(buttons, 0, wxEXPAND);
    return column;
}

void label_stock_buttons(wxDialog& dialog)
{
    const std::pair<int, wxString> labels[] = {
        {wxID_OK, _("&OK")}, {wxID_CANCEL, _("&Cancel")}, {wxID_YES, _("&Yes")}, {wxID_NO, _("&No")},
        {wxID_CLOSE, _("&Close")},
    };
    for (const auto& [id, label] : labels)
        if (auto* b = dynamic_cast<wxButton*>(dialog.FindWindow(id)))
            own_label(b, label);
    dialog.Layout();
}

void label_stock_buttons(wxMessageDialog& dialog)
{
    dialog.SetYesNoCancelLabels(_("&Yes"), _("&No"), _("&Cancel"));
    dialog.SetOKCancelLabels(_("&OK"), _("&Cancel"));
}

wxString text_from_user(const wxString& message, const wxString& caption, const wxString& value, wxWindow* parent)
{
    wxTextEntryDialog dialog(parent, message, caption, value);
    label_stock_buttons(dialog);
    return dialog.ShowModal() == wxID_OK ? dialog.GetValue() : wxString();
}

int message_box(const wxString& message, const wxString& caption, long style, wxWindow* parent)
{
    wxMessageDialog dialog(parent, message, caption, style);
    label_stock_buttons(dialog);
    switch (dialog.ShowModal()) {
    case wxID_YES:
        return wxYES;
    case wxID_NO:
        return wxNO;
    case wxID_CANCEL:
        return wxCANCEL;
    default:
        return wxOK;
    }
}

} // namespace mwangaza::gui
