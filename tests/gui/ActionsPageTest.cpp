// The Actions page of the real main window on the demo programme: the actions list and its
// filters, a status change and a progress update with an evidence file on the selected
// action, the implementation rate by stakeholder and its drill-down to the actions behind
// a number; the database is read back. Needs an X display (xvfb-run).
// MWANGAZA_ACTIONS_SCREENSHOT=prefix saves pictures of the screen (prefix-*.png).
#include "app/DemoProgramme.hpp"
#include "gui/ActionsPage.hpp"
#include "gui/KpiBreakdownPanel.hpp"
#include "gui/Language.hpp"
#include "gui/MainFrame.hpp"
#include "gui/StakeholderPanel.hpp"
#include "ActionsWindow.hpp"

#include <catch2/catch.hpp>

#include "WxTestSupport.hpp"

#include <wx/checkbox.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdlib>
#include <functional>
#include <fstream>

using namespace mwangaza;
using test::pump_until;
using test::start_wx;

namespace {

struct ActionsWindow : test::ActionsWindow {
    explicit ActionsWindow(const std::string& lang = "en") : test::ActionsWindow("mwangaza-actions-gui", lang) {}
    template <typename T>
    T* find(const char* name)
    {
        auto* w = dynamic_cast<T*>(wxWindow::FindWindowByName(name, page));
        REQUIRE(w != nullptr);
        return w;
    }
    void choose(const char* name, int index)
    {
        auto* c = find<wxChoice>(name);
        c->SetSelection(index);
        wxCommandEvent e(wxEVT_CHOICE, c->GetId());
        e.SetEventObject(c);
        e.SetInt(index);
        c->GetEventHandler()->ProcessEvent(e);
        REQUIRE(pump_until([&] { return !page->loading(); }));
        pump_until([] { return false; }, 100);
    }
    void screenshot(const std::string& suffix)
    {
        test::ActionsWindow::screenshot("MWANGAZA_ACTIONS_SCREENSHOT", suffix, 400);
    }
};

wxString find_text(ActionsWindow& w, const char* name)
{
    return w.find<wxStaticText>(name)->GetLabel();
}

} // namespace

TEST_CASE("the stakeholder filter is picked by typing part of a name", "[gui][actions]")
{
    ActionsWindow w;
    const std::int64_t busy =
        w.count("SELECT responsible_id FROM corrective_action GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1");
    const std::string b = std::to_string(busy);
    const std::string name = w.text("SELECT name FROM stakeholder WHERE id = " + b);
    auto* pick = w.find<wxButton>("action_stakeholder");
    CHECK(pick->GetLabel() == "Any stakeholder");

    // Clicks the button, types `typed` into the picker and chooses the row of `code`.
    auto choose_in_picker = [&](const wxString& typed, const wxString& suffix) {
        bool picked = false;
        const auto open = [&] {
            wxCommandEvent e(wxEVT_BUTTON, pick->GetId());
            e.SetEventObject(pick);
            pick->GetEventHandler()->ProcessEvent(e);
        };
        REQUIRE(test::with_modal<wxDialog>("pick_dialog", open, [&](wxDialog& d) {
            auto* filter = dynamic_cast<wxTextCtrl*>(wxWindow::FindWindowByName("pick_filter", &d));
            auto* list = dynamic_cast<wxListBox*>(wxWindow::FindWindowByName("pick_list", &d));
            REQUIRE(filter != nullptr);
            REQUIRE(list != nullptr);
            filter->SetValue(typed); // the list narrows as the person types
            for (unsigned i = 0; i < list->GetCount(); ++i)
                if (suffix.empty() ? i == 0 : list->GetString(i).EndsWith(suffix))
                    list->SetSelection(int(i));
            picked = list->GetSelection() != wxNOT_FOUND;
            d.EndModal(wxID_OK);
        }));
        REQUIRE(picked);
        REQUIRE(pump_until([&] { return !w.page->loading(); }));
    };

    choose_in_picker(wxString::FromUTF8(name.substr(0, name.size() / 2)), "(" + b + ")");
    CHECK(pick->GetLabel() == wxString::FromUTF8(name));
    CHECK(std::int64_t(w.page->list()->rows().size()) ==
          w.count("SELECT count(*) FROM corrective_action WHERE responsible_id = " + b +
                  " OR id IN (SELECT action_id FROM action_supporter WHERE stakeholder_id = " + b + ")"));
    REQUIRE(!w.page->list()->rows().empty());

    // "Any stakeholder" is the picker's first row: every action again.
    choose_in_picker(wxString(), wxString());
    CHECK(pick->GetLabel() == "Any stakeholder");
    CHECK(std::int64_t(w.page->list()->rows().size()) == w.count("SELECT count(*) FROM corrective_action"));
}

TEST_CASE("the actions list filters, and an action moves on with progress and evidence", "[gui][actions]")
{
    ActionsWindow w;
    CHECK(std::int64_t(w.page->list()->rows().size()) == w.count("SELECT count(*) FROM corrective_action"));

    // Status filter: the list holds what the database says.
    w.choose("action_status", 3); // Any, Draft, Issued, In progress
    CHECK(std::int64_t(w.page->list()->rows().size()) ==
          w.count("SELECT count(*) FROM corrective_action WHERE status = 'in_progress'"));
    for (const auto& r : w.page->list()->rows())
        CHECK(r.status == core::ActionStatus::InProgress);
    w.choose("action_status", 2); // Issued
    REQUIRE(!w.page->list()->rows().empty());
    const std::int64_t id = w.page->list()->rows().front().id;
    w.page->select_action(id);
    pump_until([] { return false; }, 100);
    CHECK(w.page->selected_id() == id);
    CHECK(w.page->detail_text().Contains(wxString::Format("Action %lld:", (long long)id)));

    // The status change refused by the lifecycle leaves the action as it was.
    CHECK_FALSE(w.page->apply_status(id, core::ActionStatus::Implemented, ""));
    CHECK(find_text(w, "action_message").Contains("cannot go from 'issued' to 'implemented'"));
    REQUIRE(w.page->apply_status(id, core::ActionStatus::InProgress, ""));
    REQUIRE(pump_until([&] { return !w.page->loading(); }));
    CHECK(w.count("SELECT count(*) FROM corrective_action WHERE id = " + std::to_string(id) +
                  " AND status = 'in_progress'") == 1);

    const auto photo = w.dir / "register.jpg";
    std::ofstream(photo, std::ios::binary) << std::string("\xff\xd8\xff\xe0 register page", 19);
    w.choose("action_status", 0);
    w.page->select_action(id);
    pump_until([] { return false; }, 100);
    REQUIRE(w.page->record_progress(id, "Register opened at the cooperative office", {photo.string()}));
    CHECK(w.page->detail_text().Contains("Register opened at the cooperative office"));
    CHECK(w.page->detail_text().Contains("register.jpg"));
    CHECK(w.find<wxListBox>("action_evidence")->GetCount() == 1);
    CHECK(w.count("SELECT count(*) FROM action_evidence e JOIN action_progress p ON p.id = e.progress_id WHERE "
                  "p.action_id = " + std::to_string(id) + " AND e.file_name = 'register.jpg' AND e.size = 19") == 1);

    // Overdue on 2022-03-31.
    auto* overdue = w.find<wxCheckBox>("action_overdue");
    overdue->SetValue(true);
    wxCommandEvent e(wxEVT_CHECKBOX, overdue->GetId());
    e.SetEventObject(overdue);
    overdue->GetEventHandler()->ProcessEvent(e);
    REQUIRE(pump_until([&] { return !w.page->loading(); }));
    CHECK(std::int64_t(w.page->list()->rows().size()) ==
          w.count("SELECT count(*) FROM corrective_action WHERE status IN ('issued', 'in_progress') AND due_on < "
                  "'2022-03-31'"));
    w.screenshot("list");
}

TEST_CASE("the rate by stakeholder drills down to the actions behind a number", "[gui][actions][kpi]")
{
    ActionsWindow w;
    w.page->book()->SetSelection(2);
    w.choose("kpi_dimension", 1); // Stakeholder
    const auto& rows = w.page->kpi()->rows();
    REQUIRE(!rows.empty());
    std::int64_t issued = 0, progressing = 0;
    for (const auto& r : rows) {
        issued += r.issued;
        progressing += r.progressing();
    }
    CHECK(issued == 1098); // domain.md: 888 of 1,098
    CHECK(progressing == 888);
    CHECK(w.page->kpi()->list()->GetItemCount() == int(rows.size()));
    w.screenshot("kpi");

    const auto first = rows.front();
    w.page->kpi()->drill(0);
    REQUIRE(pump_until([&] { return !w.page->loading(); }));
    CHECK(w.page->book()->GetSelection() == 0);
    CHECK(std::int64_t(w.page->list()->rows().size()) == first.issued);
    for (const auto& r : w.page->list()->rows())
        CHECK(r.responsible_id == std::stoll(first.key));
    w.screenshot("drill");

    w.page->book()->SetSelection(1);
    pump_until([] { return false; }, 100);
    CHECK(w.page->stakeholders()->list()->GetItemCount() == int(w.count("SELECT count(*) FROM stakeholder")));
    w.screenshot("stakeholders");
}

TEST_CASE("the Actions page in French", "[gui][actions][i18n]")
{
    ActionsWindow w("fr");
    CHECK(w.frame->notebook()->GetPageText(std::size_t(w.frame->notebook()->FindPage(w.page))) == "Actions");
    CHECK(w.page->book()->GetPageText(1) == wxString::FromUTF8("Parties prenantes"));
    CHECK(w.page->book()->GetPageText(2) == wxString::FromUTF8("Taux de mise en œuvre"));
    CHECK(w.page->detail_text().Contains(wxString::FromUTF8("Statut")));
    w.screenshot("fr");
    w.page->book()->SetSelection(2);
    pump_until([] { return false; }, 200);
    w.screenshot("fr-kpi");
}
