#include "gui/MapPanel.hpp"

#include "app/MapDocument.hpp"
#include "app/MapLayers.hpp"
#include "geo/MapRenderer.hpp"
#include "gui/DatabaseWorker.hpp"
#include "gui/DialogButtons.hpp"
#include "gui/Format.hpp"
#include "gui/MapCanvas.hpp"
#include "gui/MapLayerFiles.hpp"
#include "gui/MapStyleDialog.hpp"
#include "gui/TriageFilterBar.hpp"
#include "store/Database.hpp"

#include <wx/app.h>
#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/choicdlg.h>
#include <wx/filedlg.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/slider.h>
#include <wx/splitter.h>
#include <wx/stattext.h>

#include <algorithm>
#include <thread>

namespace mwangaza::gui {

namespace {

wxStaticText* header(wxWindow* parent, wxSizer* sizer, const wxString& title, int top)
{
    auto* label = new wxStaticText(parent, wxID_ANY, wxString());
    label->SetFont(parent->GetFont().Bold());
    label->SetLabel(title);
    label->SetMinSize(wxSize(label->GetTextExtent(title).x + parent->FromDIP(4), -1)); // sized for bold text
    sizer->Add(label, 0, wxLEFT | wxRIGHT | wxTOP, top);
    return label;
}

wxStaticText* note(wxWindow* parent, wxSizer* sizer)
{
    auto* text = new wxStaticText(parent, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                  wxST_NO_AUTORESIZE | wxST_ELLIPSIZE_END);
    text->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT).ChangeLightness(150));
    sizer->Add(text, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, parent->FromDIP(4));
    return text;
}

wxString layer_label(const geo::LayerEntry& entry)
{
    wxString title = from_utf8(!entry.title.empty() ? entry.title : entry.layer ? entry.layer->name() : entry.source.uri);
    if (!entry.layer)
        title += wxString::Format(_(" (not available: %s)"), from_utf8(entry.error));
    else if (entry.opacity < 0.995)
        title += wxString::FromUTF8(" \u00B7 ") + format_percent(int(std::lround(entry.opacity * 100)));
    return title;
}

} // namespace

MapPanel::MapPanel(wxWindow* parent)
    : wxPanel(parent, wxID_ANY), m_worker(std::make_unique<DatabaseWorker>()), m_alive(std::make_shared<bool>(true))
{
    SetName("map_page");
    auto* splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                          wxSP_LIVE_UPDATE | wxSP_3DSASH | wxSP_NO_XP_THEME);
    splitter->SetMinimumPaneSize(FromDIP(200));
    wxWindow* side = build_side(splitter);
    // Right: the incidents filter over the canvas.
    auto* right = new wxPanel(splitter);
    auto* right_sizer = new wxBoxSizer(wxVERTICAL);
    m_filters = new TriageFilterBar(right, TriageFilterBar::Purpose::Map);
    right_sizer->Add(m_filters, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(8));
    m_filter_note = note(right, right_sizer);
    m_filter_note->SetName("map_filter_note");
    m_canvas = new MapCanvas(right);
    right_sizer->Add(m_canvas, 1, wxEXPAND | wxTOP, FromDIP(4));
    right->SetSizer(right_sizer);
    splitter->SplitVertically(side, right, FromDIP(300));
    splitter->SetSashGravity(0.0);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(splitter, 1, wxEXPAND);
    SetSizer(sizer);

    m_canvas->set_identify_listener([this](const std::vector<geo::IdentifyHit>& hits) { show_identified(hits); });
    m_filters->set_changed_listener([this] { filter_incidents(); });
    m_filters->set_site_picker([this](const std::string& current) -> std::optional<TriageFilterBar::SiteChoice> {
        if (!m_db)
            return std::nullopt;
        try {
            return pick_site(this, *m_db, _("Show the incidents of one site"), current);
        } catch (const std::exception& e) {
            m_filter_note->SetLabel(wxString::Format(_("The sites could not be read: %s"), from_utf8(e.what())));
            return std::nullopt;
        }
    });
    update_buttons();
}

MapPanel::~MapPanel()
{
    *m_alive = false;
    m_worker.reset();
    if (m_export_thread.joinable())
        m_export_thread.join();
}

wxWindow* MapPanel::build_side(wxWindow* parent)
{
    auto* side = new wxPanel(parent);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    const int pad = FromDIP(8);

    header(side, sizer, _("Layers"), pad);
    m_layers_note = note(side, sizer);
    m_layers_note->SetName("map_layers_note");
    m_layers = new wxCheckListBox(side, wxID_ANY);
    m_layers->SetName("map_layers");
    m_layers->SetToolTip(_("Tick to show a layer; the top of the list is drawn on top"));
    sizer->Add(m_layers, 3, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, pad);

    auto* buttons = new wxGridSizer(3, FromDIP(4), FromDIP(4));
    auto button = [&](const wxString& label, const wxString& tip) {
        auto* b = new wxButton(side, wxID_ANY, label, wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
        b->SetName("map_button");
        b->SetToolTip(tip);
        buttons->Add(b, 0, wxEXPAND);
        return b;
    };
    m_add = button(_("Add..."), _("Add a layer from a file (GeoPackage, Shapefile, GeoJSON, KML, CSV, GeoTIFF, MBTiles)"));
    m_remove = button(_("Remove"), _("Remove the selected layer from the map"));
    m_style = button(_("Style..."), _("Colours, symbol and label of the selected layer"));
    m_up = button(_("Up"), _("Draw the selected layer above the one over it"));
    m_down = button(_("Down"), _("Draw the selected layer below the one under it"));
    m_zoom = button(_("Zoom to"), _("Show the whole selected layer"));
    m_add->SetName("map_add");
    m_remove->SetName("map_remove");
    sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, pad);

    auto* opacity_row = new wxBoxSizer(wxHORIZONTAL);
    opacity_row->Add(new wxStaticText(side, wxID_ANY, _("Opacity")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, pad);
    m_opacity = new wxSlider(side, wxID_ANY, 100, 0, 100);
    m_opacity->SetName("map_opacity");
    opacity_row->Add(m_opacity, 1, wxALIGN_CENTER_VERTICAL);
    sizer->Add(opacity_row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, pad);

    header(side, sizer, _("Identified"), FromDIP(14));
    m_hit_note = note(side, sizer);
    m_hit_note->SetLabel(_("Click the map to see what is there."));
    m_hit_list = new wxListBox(side, wxID_ANY);
    m_hit_list->SetName("map_hits");
    sizer->Add(m_hit_list, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, pad);
    m_attributes = new wxListCtrl(side, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                  wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_NO_HEADER);
    m_attributes->SetName("map_attributes");
    m_attributes->AppendColumn(_("Attribute"));
    m_attributes->AppendColumn(_("Value"));
    m_attributes->Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        e.Skip();
        CallAfter([this] { fit_attribute_columns(); });
    });
    sizer->Add(m_attributes, 3, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, pad);
    m_open_incident = new wxButton(side, wxID_ANY, _("Show in Incidents List"));
    m_open_incident->SetToolTip(_("Select the identified incident in the incidents list"));
    sizer->Add(m_open_incident, 0, wxALIGN_RIGHT | wxALL, pad);
    side->SetSizer(sizer);

    m_layers->Bind(wxEVT_CHECKLISTBOX, [this](wxCommandEvent& e) {
        const auto n = m_doc.size();
        const auto row = std::size_t(e.GetInt());
        if (row < n)
            set_visible(n - 1 - row, m_layers->IsChecked(e.GetInt()));
    });
    m_layers->Bind(wxEVT_LISTBOX, [this](wxCommandEvent&) { update_buttons(); });
    m_layers->Bind(wxEVT_LISTBOX_DCLICK, [this](wxCommandEvent&) {
        if (auto index = selected_layer())
            zoom_to_layer(*index);
    });
    m_add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_add(); });
    m_remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (auto index = selected_layer())
            remove_layer(*index);
    });
    m_up->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (auto index = selected_layer())
            move_layer(*index, 1);
    });
    m_down->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (auto index = selected_layer())
            move_layer(*index, -1);
    });
    m_zoom->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (auto index = selected_layer())
            zoom_to_layer(*index);
    });
    m_style->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        const auto index = selected_layer();
        if (!index || !m_doc[*index].layer)
            return;
        const auto& entry = m_doc[*index];
        MapStyleDialog dialog(this, from_utf8(entry.title.empty() ? entry.layer->name() : entry.title), entry.style,
                              entry.layer->fields());
        if (dialog.ShowModal() == wxID_OK)
            set_style(*index, dialog.style());
    });
    // The canvas follows the slider as it moves; the document is saved when it is let go.
    m_opacity->Bind(wxEVT_SLIDER, [this](wxCommandEvent&) {
        if (auto index = selected_layer()) {
            m_doc[*index].opacity = m_opacity->GetValue() / 100.0;
            m_canvas->set_document(m_doc);
        }
    });
    m_opacity->Bind(wxEVT_SCROLL_CHANGED, [this](wxScrollEvent&) {
        if (auto index = selected_layer())
            set_opacity(*index, m_opacity->GetValue() / 100.0);
    });
    m_hit_list->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& e) { show_hit(e.GetInt()); });
    m_open_incident->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        const int index = m_hit_list->GetSelection();
        if (index >= 0 && std::size_t(index) < m_hits.size() && m_hits[std::size_t(index)].kind == "incident" &&
            m_on_incident)
            m_on_incident(m_hits[std::size_t(index)].id);
    });
    return side;
}

void MapPanel::set_cursor_listener(std::function<void(std::optional<geo::MapPoint>)> f)
{
    m_canvas->set_cursor_listener(std::move(f));
}

void MapPanel::attach(store::Database* db)
{
    m_db = db;
    ++m_generation;
    m_worker->clear();
    m_loaded = false;
    m_loading = false;
    m_filtering = false;
    ++m_filter_generation;
    m_doc.clear();
    m_hits.clear();
    m_canvas->set_document({});
    m_canvas->set_highlight(std::nullopt);
    fill_layer_list();
    show_identified({});
    if (m_db && IsShownOnScreen())
        activate();
}

void MapPanel::activate()
{
    if (!m_db || m_loaded || m_loading)
        return;
    load_document();
}

void MapPanel::load_document()
{
    const int generation = ++m_generation;
    m_loading = true;
    m_layers_note->SetLabel(_("Opening the layers..."));
    auto alive = m_alive;
    m_worker->post(
        m_db->path(),
        [this, alive, generation](store::Database& db) {
            auto doc = std::make_shared<geo::MapDocument>(read_map_document(db));
            wxTheApp->CallAfter([this, alive, generation, doc] {
                if (!*alive || generation != m_generation)
                    return;
                m_loading = false;
                m_loaded = true;
                show_document(std::move(*doc), false);
                m_canvas->zoom_full();
                // A filter chosen while the document was opening applies now.
                if (m_filters->query().restricts())
                    filter_incidents();
                else
                    show_incident_count();
            });
        },
        [this, alive, generation](const std::string& message) {
            wxTheApp->CallAfter([this, alive, generation, message] {
                if (!*alive || generation != m_generation)
                    return;
                m_loading = false;
                m_loaded = true;
                m_layers_note->SetLabel(_("The map layers could not be opened."));
                m_layers_note->SetToolTip(from_utf8(message));
            });
        });
}

void MapPanel::show_document(geo::MapDocument doc, bool save_it)
{
    m_doc = std::move(doc);
    m_canvas->set_document(m_doc);
    // The legends of the built-in layers shown, and the credit of the data shown.
    std::vector<MapCanvas::LegendGroup> legend;
    auto colours = [](const std::vector<app::LegendEntry>& entries) {
        std::vector<std::pair<wxString, wxColour>> out;
        for (const auto& e : entries)
            out.emplace_back(from_utf8(e.label), colour_of(e.colour | 0xff));
        return out;
    };
    for (auto it = m_doc.rbegin(); it != m_doc.rend(); ++it) {
        if (!it->visible || !it->layer)
            continue;
        if (it->layer->kind() == "sites")
            legend.push_back({_("Sites: highest open risk"), colours(app::site_legend())});
        else if (it->layer->kind() == "incidents")
            legend.push_back({_("Incidents: risk category"), colours(app::incident_legend())});
    }
    m_canvas->set_legend(std::move(legend));
    m_canvas->set_credit(from_utf8(geo::credit_line(m_doc)));
    fill_layer_list();
    if (save_it)
        save();
}

void MapPanel::filter_incidents()
{
    if (!m_db || !m_loaded)
        return; // the document opens with the filter
    const auto entry = std::find_if(m_doc.begin(), m_doc.end(),
                                    [](const geo::LayerEntry& e) { return e.source.uri == "builtin:incidents"; });
    if (entry == m_doc.end()) {
        m_filter_note->SetLabel(_("The map has no incidents layer."));
        return;
    }
    const int generation = ++m_filter_generation;
    const geo::LayerSource source = entry->source;
    const store::IncidentQuery query = m_filters->query();
    m_filtering = true;
    m_filter_note->SetLabel(_("Reading the incidents..."));
    auto alive = m_alive;
    auto done = [this, alive, generation, source](std::shared_ptr<const geo::MapLayer> layer, std::string error) {
        wxTheApp->CallAfter([this, alive, generation, source, layer, error] {
            if (!*alive || generation != m_filter_generation)
                return;
            m_filtering = false;
            const auto it = std::find_if(m_doc.begin(), m_doc.end(),
                                         [&](const geo::LayerEntry& e) { return e.source == source; });
            if (it == m_doc.end())
                return;
            it->layer = layer;
            it->error = error;
            m_canvas->set_document(m_doc);
            fill_layer_list();
            show_incident_count();
        });
    };
    m_worker->post(
        m_db->path(),
        [source, query, done](store::Database& db) { done(app::open_map_layer(db.path(), source, query), {}); },
        [done](const std::string& message) { done(nullptr, message); });
}

void MapPanel::show_incident_count()
{
    const auto entry = std::find_if(m_doc.begin(), m_doc.end(),
                                    [](const geo::LayerEntry& e) { return e.source.uri == "builtin:incidents"; });
    const auto* layer =
        entry == m_doc.end() ? nullptr : dynamic_cast<const app::IncidentsLayer*>(entry->layer.get());
    if (!layer) {
        m_filter_note->SetLabel(entry == m_doc.end() || entry->error.empty()
                                    ? wxString()
                                    : wxString::Format(_("The incidents could not be read: %s"), from_utf8(entry->error)));
        return;
    }
    const auto n = layer->size();
    m_filter_note->SetLabel(wxString::Format(m_filters->query().restricts() ? _("Incidents on the map matching the filters: %s")
                                                                          : _("Incidents on the map: %s"),
                                             format_count(std::int64_t(n))));
}

void MapPanel::fill_layer_list()
{
    const auto selected = selected_layer();
    m_layers->Freeze();
    m_layers->Clear();
    for (auto it = m_doc.rbegin(); it != m_doc.rend(); ++it) {
        const int row = m_layers->Append(layer_label(*it));
        m_layers->Check(unsigned(row), it->visible);
    }
    if (selected && *selected < m_doc.size())
        m_layers->SetSelection(int(m_doc.size() - 1 - *selected));
    m_layers->Thaw();
    update_buttons();
}

std::optional<std::size_t> MapPanel::selected_layer() const
{
    const int row = m_layers->GetSelection();
    if (row == wxNOT_FOUND || std::size_t(row) >= m_doc.size())
        return std::nullopt;
    return m_doc.size() - 1 - std::size_t(row);
}

void MapPanel::update_buttons()
{
    const auto index = selected_layer();
    const bool has = index.has_value();
    m_add->Enable(m_db != nullptr && m_loaded);
    m_remove->Enable(has);
    m_up->Enable(has && *index + 1 < m_doc.size());
    m_down->Enable(has && *index > 0);
    m_style->Enable(has && m_doc[*index].layer && m_doc[*index].layer->kind() != "raster");
    m_zoom->Enable(has && m_doc[*index].layer && !m_doc[*index].layer->extent().empty());
    m_opacity->Enable(has);
    if (has)
        m_opacity->SetValue(int(std::lround(m_doc[*index].opacity * 100)));

    // Under the title: why the selected layer is not shown, or how it was read, or else
    // how many layers are shown.
    if (m_loading)
        return;
    wxString text;
    if (has && !m_doc[*index].layer)
        text = from_utf8(m_doc[*index].error);
    else if (has && !m_doc[*index].layer->note().empty())
        text = from_utf8(m_doc[*index].layer->note());
    if (text.empty()) {
        std::size_t shown = 0;
        for (const auto& entry : m_doc)
            shown += entry.visible && entry.layer ? 1 : 0;
        text = m_doc.empty() ? _("No layers: add one from a file.")
                             : wxString::Format(_("%s of %s shown"), format_count(std::int64_t(shown)),
                                                format_count(std::int64_t(m_doc.size())));
        m_layers_note->UnsetToolTip();
    } else {
        m_layers_note->SetToolTip(text);
    }
    m_layers_note->SetLabel(text);
}

void MapPanel::save()
{
    if (!m_db)
        return;
    try {
        write_map_document(*m_db, m_doc);
    } catch (const std::exception& e) {
        wxMessageDialog dialog(this, _("The map layers could not be saved with the programme."), _("Mwangaza"),
                               wxOK | wxICON_ERROR);
        label_stock_buttons(dialog);
        dialog.SetExtendedMessage(from_utf8(e.what()));
        dialog.ShowModal();
    }
}

void MapPanel::on_add()
{
    if (!m_db)
        return;
    wxFileDialog dialog(this, _("Add a map layer"), wxString(), wxString(), layer_file_wildcard(),
                        wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() != wxID_OK)
        return;
    geo::LayerSource source;
    source.uri = dialog.GetPath().utf8_string();
    std::vector<std::string> names;
    try {
        names = layer_sublayers(source.uri);
    } catch (const std::exception& e) {
        wxMessageDialog error(this, wxString::Format(_("\"%s\" cannot be read as a map layer."), dialog.GetFilename()),
                              _("Mwangaza"), wxOK | wxICON_ERROR);
        label_stock_buttons(error);
        error.SetExtendedMessage(from_utf8(e.what()));
        error.ShowModal();
        return;
    }
    if (names.size() > 1) {
        wxArrayString choices;
        for (const auto& name : names)
            choices.Add(from_utf8(name));
        wxSingleChoiceDialog choose(this, _("This file holds several layers. Which one should the map show?"),
                                    _("Add a map layer"), choices);
        label_stock_buttons(choose);
        if (choose.ShowModal() != wxID_OK)
            return;
        source.sublayer = names[std::size_t(choose.GetSelection())];
    }
    add_layer(source);
}

void MapPanel::add_layer(const geo::LayerSource& source)
{
    if (!m_db)
        return;
    m_layers_note->SetLabel(_("Opening the layer..."));
    const int generation = m_generation;
    auto alive = m_alive;
    m_worker->post(
        m_db->path(),
        [this, alive, generation, source](store::Database& db) {
            auto entry = std::make_shared<geo::LayerEntry>(open_map_entry(db, source));
            wxTheApp->CallAfter([this, alive, generation, entry] {
                if (!*alive || generation != m_generation)
                    return;
                if (!entry->layer) {
                    fill_layer_list();
                    wxMessageDialog error(this, _("The layer could not be opened."), _("Mwangaza"), wxOK | wxICON_ERROR);
                    label_stock_buttons(error);
                    error.SetExtendedMessage(from_utf8(entry->error));
                    error.ShowModal();
                    return;
                }
                auto doc = m_doc;
                const std::size_t at = app::add_file_layer(doc, *entry);
                const std::size_t size = doc.size();
                show_document(std::move(doc), true);
                m_layers->SetSelection(int(size - 1 - at));
                update_buttons();
            });
        },
        [this, alive, generation](const std::string& message) {
            wxTheApp->CallAfter([this, alive, generation, message] {
                if (!*alive || generation != m_generation)
                    return;
                fill_layer_list();
                wxMessageDialog error(this, _("The layer could not be opened."), _("Mwangaza"), wxOK | wxICON_ERROR);
                label_stock_buttons(error);
                error.SetExtendedMessage(from_utf8(message));
                error.ShowModal();
            });
        });
}

void MapPanel::remove_layer(std::size_t index)
{
    if (index >= m_doc.size())
        return;
    auto doc = m_doc;
    doc.erase(doc.begin() + std::ptrdiff_t(index));
    show_document(std::move(doc), true);
}

void MapPanel::move_layer(std::size_t index, int towards_top)
{
    const auto target = std::ptrdiff_t(index) + towards_top;
    if (index >= m_doc.size() || target < 0 || target >= std::ptrdiff_t(m_doc.size()))
        return;
    auto doc = m_doc;
    std::swap(doc[index], doc[std::size_t(target)]);
    show_document(std::move(doc), true);
    m_layers->SetSelection(int(m_doc.size() - 1 - std::size_t(target)));
    update_buttons();
}

void MapPanel::set_visible(std::size_t index, bool visible)
{
    if (index >= m_doc.size() || m_doc[index].visible == visible)
        return;
    auto doc = m_doc;
    doc[index].visible = visible;
    show_document(std::move(doc), true);
}

void MapPanel::set_opacity(std::size_t index, double opacity)
{
    if (index >= m_doc.size())
        return;
    auto doc = m_doc;
    doc[index].opacity = std::clamp(opacity, 0.0, 1.0);
    show_document(std::move(doc), true);
}

void MapPanel::set_style(std::size_t index, const geo::LayerStyle& style)
{
    if (index >= m_doc.size())
        return;
    auto doc = m_doc;
    doc[index].style = style;
    show_document(std::move(doc), true);
}

void MapPanel::zoom_to_layer(std::size_t index)
{
    if (index < m_doc.size() && m_doc[index].layer && !m_doc[index].layer->extent().empty())
        m_canvas->zoom_to(m_doc[index].layer->extent());
}

void MapPanel::show_site(std::optional<geo::MapPoint> location, bool centre)
{
    m_canvas->set_highlight(location);
    if (location && centre) {
        geo::Viewport view = m_canvas->view();
        view.center_x = location->x;
        view.center_y = location->y;
        view.resolution = std::min(view.resolution, 150.0);
        m_canvas->set_view(view);
    }
}

void MapPanel::zoom_to(const geo::MapRect& rect)
{
    m_canvas->set_highlight(std::nullopt);
    m_canvas->zoom_to(rect);
}

void MapPanel::show_identified(std::vector<geo::IdentifyHit> hits)
{
    m_hits = std::move(hits);
    m_hit_list->Clear();
    for (const auto& hit : m_hits)
        // TRANSLATORS: a layer's name, then what was found in it ("Sites: CD-KBV-01 Kambove").
        m_hit_list->Append(wxString::Format(_("%s: %s"), from_utf8(hit.layer), from_utf8(hit.title)));
    if (m_hits.empty()) {
        m_hit_note->SetLabel(m_doc.empty() ? _("Click the map to see what is there.") : _("Nothing here."));
        show_hit(-1);
        return;
    }
    m_hit_note->SetLabel(m_hits.size() == 1 ? _("One feature under the cursor")
                                            : wxString::Format(_("%s features under the cursor"),
                                                               format_count(std::int64_t(m_hits.size()))));
    m_hit_list->SetSelection(0);
    show_hit(0);
    const auto& first = m_hits.front();
    if (first.kind == "site" && m_on_site)
        m_on_site(first.id);
}

void MapPanel::show_hit(int index)
{
    m_attributes->DeleteAllItems();
    const bool valid = index >= 0 && std::size_t(index) < m_hits.size();
    m_open_incident->Enable(valid && m_hits[std::size_t(index)].kind == "incident" && m_on_incident);
    if (!valid)
        return;
    const auto& hit = m_hits[std::size_t(index)];
    long row = 0;
    for (const auto& [name, value] : hit.attributes) {
        m_attributes->InsertItem(row, from_utf8(name));
        m_attributes->SetItem(row, 1, from_utf8(value));
        ++row;
    }
    fit_attribute_columns();
}

void MapPanel::fit_attribute_columns()
{
    // Names take what they need up to 45% of the width; values the rest (tooltips are
    // not available per cell, so values are never pushed out of sight).
    const int width = m_attributes->GetClientSize().x;
    if (width <= 0)
        return;
    m_attributes->SetColumnWidth(0, wxLIST_AUTOSIZE);
    const int names = std::min(m_attributes->GetColumnWidth(0), width * 45 / 100);
    m_attributes->SetColumnWidth(0, names);
    m_attributes->SetColumnWidth(1, std::max(width - names, FromDIP(40)));
}

void MapPanel::export_view(const std::filesystem::path& file,
                           std::function<void(const std::string& error, bool cancelled)> done)
{
    m_exporting = true;
    auto alive = m_alive;
    const geo::MapDocument doc = m_doc;
    const geo::Viewport view = m_canvas->view();
    if (m_export_thread.joinable())
        m_export_thread.join();
    m_export_cancel = false;
    m_export_thread = std::thread([this, alive, doc, view, file, done] {
        std::string error;
        bool cancelled = false;
        try {
            cancelled = !write_map_view(doc, view, file, m_export_cancel);
        } catch (const std::exception& e) {
            error = e.what();
        }
        wxTheApp->CallAfter([this, alive, error, cancelled, done] {
            if (*alive)
                m_exporting = false;
            if (done)
                done(error, cancelled);
        });
    });
}

} // namespace mwangaza::gui
