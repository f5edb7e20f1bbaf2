#pragma once
// Horizontal bar chart of verified incidents by risk category, painted with
// wxGraphicsContext: translated labels on the left, a value at the end of every bar.
#include <wx/window.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace mwangaza::gui {

class CategoryChart : public wxWindow {
public:
    struct Bar {
        wxString label;
        std::int64_t value = 0;
        wxColour colour;
    };

    CategoryChart(wxWindow* parent, wxWindowID id = wxID_ANY);

    void set_bars(std::vector<Bar> bars);
    const std::vector<Bar>& bars() const { return m_bars; }

    // Called after every paint (the start benchmark waits for the first one).
    void set_paint_listener(std::function<void()> listener) { m_paint_listener = std::move(listener); }

    wxSize DoGetBestClientSize() const override;

private:
    void on_paint(wxPaintEvent&);

    std::vector<Bar> m_bars;
    std::function<void()> m_paint_listener;
};

} // namespace mwangaza::gui
