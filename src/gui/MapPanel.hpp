#pragma once
// The map page: the layer list (visibility, order, opacity, style, add and remove), what a
// click identified, and the map canvas. The layers and their settings are the programme's
// map document, saved with the database on every change. The document is opened the
// first time the page is shown (GDAL and the built-in layers are not loaded before), on
// a background thread.
#include "geo/MapLayer.hpp"

#include <wx/panel.h>

#include <cstdint>
#include <filesystem>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

class wxButton;
class wxCheckListBox;
class wxListBox;
class wxListCtrl;
class wxSlider;
class wxStaticText;

namespace mwangaza::store {
class Database;
}

namespace mwangaza::gui {

class DatabaseWorker;
class MapCanvas;
class TriageFilterBar;

class MapPanel : public wxPanel {
public:
    explicit MapPanel(wxWindow* parent);
    ~MapPanel() override;

    // The programme whose map this is; nullptr detaches. The document is read on the next
    // activate().
    void attach(store::Database* db);
    // The page is shown: opens the programme's map document once (in the background).
    void activate();
    // True from activate() until the document is shown.
    bool loading() const { return m_loading; }
    bool loaded() const { return m_loaded; }

    MapCanvas* canvas() const { return m_canvas; }
    // The incidents filter over the map (the same filters as the triage queue, every status).
    TriageFilterBar* filters() const { return m_filters; }
    // True while the incidents layer is read again for a new filter.
    bool filtering() const { return m_filtering; }
    wxCheckListBox* layer_list() const { return m_layers; }
    const geo::MapDocument& document() const { return m_doc; }

    // Layer operations, by document index (0 is the bottom layer). Each saves the document.
    void add_layer(const geo::LayerSource& source);
    void remove_layer(std::size_t index);
    void move_layer(std::size_t index, int towards_top);
    void set_visible(std::size_t index, bool visible);
    void set_opacity(std::size_t index, double opacity);
    void set_style(std::size_t index, const geo::LayerStyle& style);
    void zoom_to_layer(std::size_t index);
    // The document index of the layer selected in the list, if any.
    std::optional<std::size_t> selected_layer() const;

    // Centres the map on a site and marks it (from the site list), closing in to at least
    // 1:500,000 or so; `centre` false only marks.
    void show_site(std::optional<geo::MapPoint> location, bool centre);
    // Shows a region whole (the sites of a country or province).
    void zoom_to(const geo::MapRect& rect);

    // What the last click found, top layer first, and the one shown.
    const std::vector<geo::IdentifyHit>& identified() const { return m_hits; }
    void show_identified(std::vector<geo::IdentifyHit> hits);

    // Writes the current view as PNG or PDF (by the extension) on a background thread;
    // `done` runs on the UI thread with an empty message on success, or `cancelled` true
    // after cancel_export() (the file then left as it was).
    void export_view(const std::filesystem::path& file,
                     std::function<void(const std::string& error, bool cancelled)> done);
    bool exporting() const { return m_exporting; }
    void cancel_export() { m_export_cancel = true; }

    // A site or incident was identified by a click (the main window selects it in its list).
    void set_site_listener(std::function<void(std::int64_t site_id)> f) { m_on_site = std::move(f); }
    void set_incident_listener(std::function<void(std::int64_t incident_id)> f) { m_on_incident = std::move(f); }
    // The cursor's position in longitude and latitude (nullopt: off the map).
    void set_cursor_listener(std::function<void(std::optional<geo::MapPoint>)> f);

private:
    wxWindow* build_side(wxWindow* parent);
    void load_document();
    void show_document(geo::MapDocument doc, bool save);
    void fill_layer_list();
    void update_buttons();
    void show_hit(int index);
    void fit_attribute_columns();
    void save();
    void on_add();
    // Reads the incidents layer again with the filter bar's query (in the background).
    void filter_incidents();
    void show_incident_count();

    store::Database* m_db = nullptr;
    std::unique_ptr<DatabaseWorker> m_worker;
    std::shared_ptr<bool> m_alive;
    int m_generation = 0;
    bool m_loading = false;
    bool m_loaded = false;
    bool m_exporting = false;
    std::atomic<bool> m_export_cancel{false};
    bool m_filtering = false;
    int m_filter_generation = 0;
    geo::MapDocument m_doc;
    std::vector<geo::IdentifyHit> m_hits;
    std::thread m_export_thread; // writes a PNG or PDF; joined before the next and on close

    MapCanvas* m_canvas = nullptr;
    TriageFilterBar* m_filters = nullptr;
    wxStaticText* m_filter_note = nullptr;
    wxCheckListBox* m_layers = nullptr;
    wxStaticText* m_layers_note = nullptr;
    wxButton* m_add = nullptr;
    wxButton* m_remove = nullptr;
    wxButton* m_up = nullptr;
    wxButton* m_down = nullptr;
    wxButton* m_style = nullptr;
    wxButton* m_zoom = nullptr;
    wxSlider* m_opacity = nullptr;
    wxListBox* m_hit_list = nullptr;
    wxListCtrl* m_attributes = nullptr;
    wxStaticText* m_hit_note = nullptr;
    wxButton* m_open_incident = nullptr;

    std::function<void(std::int64_t)> m_on_site;
    std::function<void(std::int64_t)> m_on_incident;
};

} // namespace mwangaza::gui
