#pragma once
// The style of one vector layer: fill and stroke colours (with their transparency), stroke
// width, point symbol and size, and the attribute drawn as a label.
#include "geo/MapLayer.hpp"

#include <wx/dialog.h>

#include <string>
#include <vector>

class wxChoice;
class wxColourPickerCtrl;
class wxSpinCtrlDouble;
class wxSlider;

namespace mwangaza::gui {

class MapStyleDialog : public wxDialog {
public:
    MapStyleDialog(wxWindow* parent, const wxString& layer_title, const geo::LayerStyle& style,
                   const std::vector<std::string>& fields);

    geo::LayerStyle style() const;

private:
    geo::LayerStyle m_original;
    std::vector<std::string> m_fields;
    wxColourPickerCtrl* m_fill = nullptr;
    wxSlider* m_fill_alpha = nullptr;
    wxColourPickerCtrl* m_stroke = nullptr;
    wxSpinCtrlDouble* m_width = nullptr;
    wxChoice* m_symbol = nullptr;
    wxSpinCtrlDouble* m_size = nullptr;
    wxChoice* m_label = nullptr;
};

// 0xRRGGBBAA <-> wxColour.
wxColour colour_of(std::uint32_t rgba);
std::uint32_t rgba_of(const wxColour& colour, unsigned alpha);

} // namespace mwangaza::gui
