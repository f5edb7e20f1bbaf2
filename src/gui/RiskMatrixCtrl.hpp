#pragma once
// The RMP 5x5 risk matrix as a control: severity 5 (top) to 1 (bottom), likelihood 1
// (left) to 5 (right), each cell in the colour of its level as the matrix version given
// says (the control holds no levels of its own). A click selects a cell; the arrow keys
// move the selection, Enter or a double click confirms it.
#include "core/RiskMatrix.hpp"

#include <wx/window.h>

#include <functional>
#include <optional>
#include <utility>

namespace mwangaza::gui {

class RiskMatrixCtrl : public wxWindow {
public:
    explicit RiskMatrixCtrl(wxWindow* parent);

    void set_matrix(const core::RiskMatrix& matrix);
    const std::optional<core::RiskMatrix>& matrix() const { return m_matrix; }

    // Severity and likelihood in 1..5, or nothing selected.
    void select(std::optional<std::pair<int, int>> cell);
    std::optional<std::pair<int, int>> selection() const { return m_selection; }

    // The cell's rectangle in client coordinates (tests click its centre).
    wxRect cell_rect(int severity, int likelihood) const;

    // After the selection changes (click or arrow key), and on Enter or a double click.
    void set_changed_listener(std::function<void()> listener) { m_changed = std::move(listener); }
    void set_activated_listener(std::function<void()> listener) { m_activated = std::move(listener); }

    wxSize DoGetBestClientSize() const override;
    bool AcceptsFocus() const override { return true; }

private:
    void on_paint(wxPaintEvent&);
    void on_click(wxMouseEvent&);
    void on_double_click(wxMouseEvent&);
    void on_key(wxKeyEvent&);
    std::optional<std::pair<int, int>> hit(const wxPoint& point) const;
    void layout_metrics(int& left, int& top, int& cell_w, int& cell_h) const;

    std::optional<core::RiskMatrix> m_matrix;
    std::optional<std::pair<int, int>> m_selection;
    std::function<void()> m_changed;
    std::function<void()> m_activated;
};

// The colour of a risk level (low green ... very high dark red), shared with the risk list.
wxColour risk_level_colour(core::RiskLevel level);

} // namespace mwangaza::gui
