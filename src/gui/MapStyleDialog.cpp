#include "gui/MapStyleDialog.hpp"

#include "gui/DialogButtons.hpp"
#include "gui/Format.hpp"

#include <wx/choice.h>
#include <wx/clrpicker.h>
#include <wx/sizer.h>
#include <wx/slider.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>

namespace mwangaza::gui {

wxColour colour_of(std::uint32_t rgba)
{
    return wxColour((rgba >> 24) & 0xff, (rgba >> 16) & 0xff, (rgba >> 8) & 0xff, rgba & 0xff);
}

std::uint32_t rgba_of(const wxColour& colour, unsigned alpha)
{
    return (std::uint32_t(colour.Red()) << 24) | (std::uint32_t(colour.Green()) << 16) |
           (std::uint32_t(colour.Blue()) << 8) | (alpha & 0xff);
}

MapStyleDialog::MapStyleDialog(wxWindow* parent, const wxString& layer_title, const geo::LayerStyle& style,
                               const std::vector<std::string>& fields)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Style of %s"), layer_title)), m_original(style), m_fields(fields)
{
    SetName("map_style_dialog");
    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(12, 8)));
    grid->AddGrowableCol(1);
    auto label = [&](const wxString& text) {
        grid->Add(new wxStaticText(this, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL);
    };

    label(_("Fill colour"));
    m_fill = new wxColourPickerCtrl(this, wxID_ANY, colour_of(style.fill | 0xff));
    grid->Add(m_fill, 0, wxEXPAND);
    label(_("Fill opacity"));
    m_fill_alpha = new wxSlider(this, wxID_ANY, int((style.fill & 0xff) * 100 / 255), 0, 100, wxDefaultPosition,
                                wxDefaultSize, wxSL_HORIZONTAL | wxSL_VALUE_LABEL);
    grid->Add(m_fill_alpha, 0, wxEXPAND);
    label(_("Outline colour"));
    m_stroke = new wxColourPickerCtrl(this, wxID_ANY, colour_of(style.stroke | 0xff));
    grid->Add(m_stroke, 0, wxEXPAND);
    label(_("Outline width (pixels)"));
    m_width = new wxSpinCtrlDouble(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS,
                                   0.0, 20.0, style.stroke_width, 0.5);
    grid->Add(m_width, 0, wxEXPAND);
    label(_("Point symbol"));
    m_symbol = new wxChoice(this, wxID_ANY);
    m_symbol->Append(_("Circle"));
    m_symbol->Append(_("Square"));
    m_symbol->Append(_("Triangle"));
    m_symbol->Append(_("Diamond"));
    m_symbol->Append(_("Cross"));
    m_symbol->SetSelection(int(style.symbol));
    grid->Add(m_symbol, 0, wxEXPAND);
    label(_("Symbol size (pixels)"));
    m_size = new wxSpinCtrlDouble(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS,
                                  1.0, 60.0, style.symbol_size, 1.0);
    grid->Add(m_size, 0, wxEXPAND);
    label(_("Label"));
    m_label = new wxChoice(this, wxID_ANY);
    m_label->Append(_("(none)"));
    int selected = 0;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        m_label->Append(from_utf8(fields[i]));
        if (fields[i] == style.label_field)
            selected = int(i) + 1;
    }
    m_label->SetSelection(selected);
    m_label->Enable(!fields.empty());
    grid->Add(m_label, 0, wxEXPAND);

    auto* top = new wxBoxSizer(wxVERTICAL);
    top->Add(grid, 1, wxEXPAND | wxALL, FromDIP(12));
    top->Add(ok_cancel_buttons(this), 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(12));
    SetSizerAndFit(top);
    SetMinSize(wxSize(FromDIP(380), GetSize().y));
    Fit();
    CentreOnParent();
}

geo::LayerStyle MapStyleDialog::style() const
{
    geo::LayerStyle style = m_original;
    style.fill = rgba_of(m_fill->GetColour(), unsigned(m_fill_alpha->GetValue() * 255 / 100));
    style.stroke = rgba_of(m_stroke->GetColour(), m_original.stroke & 0xff);
    style.stroke_width = m_width->GetValue();
    style.symbol = geo::PointSymbol(std::max(0, m_symbol->GetSelection()));
    style.symbol_size = m_size->GetValue();
    const int label = m_label->GetSelection();
    style.label_field = label > 0 && std::size_t(label) <= m_fields.size() ? m_fields[std::size_t(label) - 1] : "";
    return style;
}

} // namespace mwangaza::gui
