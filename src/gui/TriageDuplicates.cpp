// The triage page's duplicate hints and merge (TriagePanel members, kept apart from the
// queue and decision code).
#include "gui/DuplicatePane.hpp"
#include "gui/Format.hpp"
#include "gui/IncidentListCtrl.hpp"
#include "gui/TriagePanel.hpp"
#include "store/Database.hpp"
#include "store/IncidentDuplicates.hpp"

#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include <algorithm>

namespace mwangaza::gui {

void TriagePanel::build_duplicates(wxWindow* holder, wxSizer* holder_sizer)
{
    // Side by side with a possible duplicate, in place of the details (D switches).
    m_duplicates = new DuplicatePane(holder);
    m_duplicates->Hide();
    m_duplicates->set_actions([this] { merge_duplicate(); }, [this] { m_duplicates->next_candidate(); },
                              [this] { toggle_duplicates(); });
    holder_sizer->Add(m_duplicates, 1, wxEXPAND);
    // The view belongs to the current incident: when none is left (the queue emptied, the
    // filters match nothing), the details take its place again.
    m_duplicates->Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) {
        e.Skip();
        if (m_duplicates->IsShown() && m_duplicates->incident_id() != m_current_id) {
            m_duplicates->load(0);
            m_duplicates->Hide();
            m_detail->Show();
            m_duplicates->GetParent()->Layout();
        }
    });
    // The queue marks the incidents that have possible duplicates, a page at a time.
    m_list->set_marks([this](std::span<const std::int64_t> ids) {
        return m_db ? store::duplicate_candidate_counts(m_db->sql(), ids) : std::vector<int>(ids.size(), 0);
    });
}

void TriagePanel::show_duplicates_of(std::int64_t id)
{
    const std::size_t n = m_duplicates->load(id);
    const bool show = n > 0 && m_show_duplicates;
    if (show != m_duplicates->IsShown()) {
        m_duplicates->Show(show);
        m_detail->Show(!show);
        m_duplicates->GetParent()->Layout();
    }
    if (n > 0 && !show) {
        // The details are shown: say at their top that there is something to compare.
        wxTextAttr note(wxColour(179, 80, 0));
        note.SetFont(GetFont().Bold());
        m_detail->SetInsertionPoint(0);
        m_detail->SetDefaultStyle(note);
        m_detail->WriteText(wxString::FromUTF8("\u2248 ") +
                            (n == 1 ? _("A possible duplicate: D shows it side by side.")
                                    : wxString::Format(_("%zu possible duplicates: D shows them side by side."), n)) +
                            "\n\n");
    }
}

void TriagePanel::toggle_duplicates()
{
    if (m_duplicates->count() == 0 || m_duplicates->incident_id() != m_current_id) {
        say(_("This incident has no possible duplicate."));
        wxBell();
        return;
    }
    m_show_duplicates = !m_duplicates->IsShown();
    show_detail(m_current_id);
}

void TriagePanel::merge_duplicate()
{
    if (!m_db)
        return;
    if (!m_duplicates->IsShown() || m_duplicates->candidate_id() == 0 || m_duplicates->incident_id() != m_current_id) {
        say(_("No possible duplicate is shown (D shows them side by side). Nothing was merged."), true);
        wxBell();
        return;
    }
    const std::int64_t keep = m_duplicates->kept_id();
    const std::int64_t merged = m_duplicates->merged_id();
    Decision decision;
    try {
        const std::int64_t duplicates[] = {merged};
        decision.undo = store::merge_incidents(*m_db, keep, duplicates, actor());
    } catch (const std::exception& e) {
        say(wxString::Format(_("Nothing was merged: %s"), from_utf8(e.what())), true);
        return;
    }
    decision.summary = wxString::Format(_("Incident #%lld merged into #%lld (rejected as its duplicate)."),
                                        static_cast<long long>(merged), static_cast<long long>(keep));
    say(decision.summary + "  " + _("Ctrl+Z undoes it."));
    m_undo.push_back(std::move(decision));
    // The kept incident stays selected when the queue lists it; the rejected one leaves it.
    const auto& ids = m_list->ids();
    m_current_id = std::find(ids.begin(), ids.end(), keep) != ids.end() ? keep : 0;
    m_detail->Clear();
    if (m_current_id != 0)
        show_detail(m_current_id);
    else
        show_duplicates_of(0);
    reload();
    if (m_changed)
        m_changed();
}

} // namespace mwangaza::gui
