#pragma once
// Dialog buttons with the programme's translated labels. GTK gives buttons created without
// a label (wxID_OK, wxID_CANCEL...) its stock label translated with the process locale,
// not with the programme's catalog: "Cancel" in English in the French interface. The same
// holds for the buttons of wxWidgets' own dialogs (text entry, single choice, message).
#include <wx/dialog.h>
#include <wx/string.h>

class wxMessageDialog;
class wxSizer;
class wxWindow;

namespace mwangaza::gui {

// Replaces CreateStdDialogButtonSizer(wxOK | wxCANCEL) (CreateSeparatedButtonSizer with
// `separated`): OK is the default button, Escape cancels.
wxSizer* ok_cancel_buttons(wxDialog* dialog, bool separated = false);

// Gives the OK, Cancel, Yes, No and Close buttons of a dialog built by wxWidgets
// (wxTextEntryDialog, wxSingleChoiceDialog...) their translated labels.
void label_stock_buttons(wxDialog& dialog);
// The same for a message dialog (native on GTK).
void label_stock_buttons(wxMessageDialog& dialog);

// wxGetTextFromUser with translated buttons: the text entered, empty when cancelled.
wxString text_from_user(const wxString& message, const wxString& caption, const wxString& value, wxWindow* parent);

// wxMessageBox with translated buttons; returns wxOK, wxYES, wxNO or wxCANCEL like it.
int message_box(const wxString& message, const wxString& caption, long style, wxWindow* parent);

} // namespace mwangaza::gui
