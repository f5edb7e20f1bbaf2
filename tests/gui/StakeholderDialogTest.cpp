// The stakeholder registry of the real main window on the demo programme: a stakeholder
// added and another edited through the stakeholder dialog (controls set, OK pressed by
// event, Enter on the list to edit), the database read back, the list refreshed in the
// background with the saved row selected; the dialog in French. Needs an X display
// (xvfb-run). MWANGAZA_STAKEHOLDER_SCREENSHOT=prefix saves pictures (prefix-*.png).
#include "gui/ActionsPage.hpp"
#include "gui/DialogButtons.hpp"
#include "gui/Language.hpp"
#include "gui/MainFrame.hpp"
#include "gui/StakeholderDialog.hpp"
#include "gui/StakeholderPanel.hpp"
#include "ActionsWindow.hpp"

#include <catch2/catch.hpp>

#include "WxTestSupport.hpp"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

#include <SQLiteCpp/Database.h>

#include <cstdlib>
#include <functional>

using namespace mwangaza;
using test::pump_until;

namespace {

struct RegistryWindow : test::ActionsWindow {
    gui::StakeholderPanel* panel = nullptr;

    explicit RegistryWindow(const std::string& lang = "en") : test::ActionsWindow("mwangaza-stakeholder-gui", lang)
    {
        page->book()->SetSelection(1);
        panel = page->stakeholders();
        REQUIRE(pump_until([&] { return !panel->rows().empty(); }));
    }
    void screenshot(const std::string& suffix)
    {
        test::ActionsWindow::screenshot("MWANGAZA_STAKEHOLDER_SCREENSHOT", suffix, 300);
    }
    // Runs `fill` on the stakeholder dialog once it shows (inside its modal loop), after
    // `open` opened it; `fill` ends it. True when it ran.
    bool with_dialog(const std::function<void()>& open, const std::function<void(gui::StakeholderDialog&)>& fill)
    {
        return test::with_modal<gui::StakeholderDialog>("stakeholder_dialog", open, fill);
    }
};

void press(wxWindow* button)
{
    wxCommandEvent e(wxEVT_BUTTON, button->GetId());
    e.SetEventObject(button);
    button->GetEventHandler()->ProcessEvent(e);
}

void type_into(wxTextCtrl* text, const wxString& value)
{
    text->SetValue(value); // sends wxEVT_TEXT
}

void choose(wxChoice* choice, int index)
{
    choice->SetSelection(index);
    wxCommandEvent e(wxEVT_CHOICE, choice->GetId());
    e.SetEventObject(choice);
    e.SetInt(index);
    choice->GetEventHandler()->ProcessEvent(e);
}

// Ticks the first site the list shows after typing `filter`; returns its code.
std::string tick_first(gui::StakeholderDialog& d, const wxString& filter)
{
    type_into(d.site_filter(), filter);
    REQUIRE(d.site_list()->GetCount() > 0);
    const std::string label = d.site_list()->GetString(0).utf8_string();
    d.site_list()->Check(0);
    wxCommandEvent e(wxEVT_CHECKLISTBOX, d.site_list()->GetId());
    e.SetEventObject(d.site_list());
    e.SetInt(0);
    d.site_list()->GetEventHandler()->ProcessEvent(e);
    return label.substr(0, label.find(' '));
}

wxButton* button(wxWindow* parent, int id)
{
    auto* b = dynamic_cast<wxButton*>(parent->FindWindow(id));
    REQUIRE(b != nullptr);
    return b;
}

} // namespace

TEST_CASE("a stakeholder is added and another edited through the stakeholder dialog", "[gui][stakeholders]")
{
    RegistryWindow w;
    const std::int64_t before = w.count("SELECT count(*) FROM stakeholder");
    const std::string first_site = w.text("SELECT code FROM site ORDER BY code LIMIT 1");

    // Add: OK stays disabled until the name, the type and the languages are valid.
    std::string site;
    auto* add = dynamic_cast<wxButton*>(wxWindow::FindWindowByName("stakeholder_add", w.panel));
    REQUIRE(add != nullptr);
    REQUIRE(w.with_dialog([&] { press(add); }, [&](gui::StakeholderDialog& d) {
        auto* ok = button(&d, wxID_OK);
        CHECK_FALSE(ok->IsEnabled());
        CHECK(d.problem().Contains("Name"));
        type_into(d.name(), "Radio Communautaire Kasulo");
        CHECK(d.problem().Contains("Type"));
        choose(d.type(), 12); // Media
        d.language("fr")->SetValue(true);
        d.language("sw")->SetValue(true);
        type_into(d.other_languages(), wxString::FromUTF8("kg, français"));
        CHECK_FALSE(ok->IsEnabled());
        CHECK(d.problem().Contains("Languages"));
        CHECK(d.problem().Contains(wxString::FromUTF8("français")));
        type_into(d.other_languages(), "kg");
        CHECK(ok->IsEnabled());
        type_into(d.contact(), "Studio: +243 99 000 1111");
        site = tick_first(d, "kol");
        CHECK(d.chosen_sites().count(site) == 1);
        type_into(d.site_filter(), ""); // the chosen site stays ticked, listed first
        CHECK(d.site_list()->IsChecked(0));
        CHECK(d.site_list()->GetString(0).StartsWith(wxString::FromUTF8(site)));
        w.screenshot("add");
        press(ok);
    }));
    CHECK(site.find("KOL") != std::string::npos);
    CHECK(w.count("SELECT count(*) FROM stakeholder") == before + 1);
    const std::int64_t added = w.count("SELECT max(id) FROM stakeholder");
    const std::string sid = std::to_string(added);
    CHECK(w.text("SELECT name || '|' || type || '|' || contact || '|' || languages FROM stakeholder WHERE id = " + sid) ==
          "Radio Communautaire Kasulo|media|Studio: +243 99 000 1111|fr,sw,kg");
    CHECK(w.text("SELECT group_concat(s.code) FROM stakeholder_site x JOIN site s ON s.id = x.site_id "
                 "WHERE x.stakeholder_id = " + sid) == site);
    CHECK(w.count("SELECT count(*) FROM audit_log WHERE entity = 'stakeholder' AND operation = 'add' AND entity_id = " +
                  sid) == 1);
    // The list is read again in the background, the new stakeholder selected.
    REQUIRE(pump_until([&] { return !w.page->loading() && std::int64_t(w.panel->rows().size()) == before + 1; }));
    CHECK(w.panel->selected_id() == added);
    w.screenshot("added");

    // Edit another by Enter on the list: its fields are shown, change the contact and sites.
    const std::int64_t other = w.count("SELECT min(id) FROM stakeholder WHERE id IN (SELECT stakeholder_id FROM "
                                       "stakeholder_site) AND contact IS NOT NULL");
    const std::string oid = std::to_string(other);
    const std::string old_name = w.text("SELECT name FROM stakeholder WHERE id = " + oid);
    const std::int64_t old_sites = w.count("SELECT count(*) FROM stakeholder_site WHERE stakeholder_id = " + oid);
    w.panel->select(other);
    REQUIRE(w.panel->selected_id() == other);
    std::string ticked;
    REQUIRE(w.with_dialog(
        [&] {
            wxListEvent e(wxEVT_LIST_ITEM_ACTIVATED, w.panel->list()->GetId());
            e.SetEventObject(w.panel->list());
            w.panel->list()->GetEventHandler()->ProcessEvent(e);
        },
        [&](gui::StakeholderDialog& d) {
            CHECK(d.name()->GetValue().utf8_string() == old_name);
            CHECK(std::int64_t(d.chosen_sites().size()) == old_sites);
            CHECK(button(&d, wxID_OK)->IsEnabled());
            type_into(d.contact(), "Bureau: +250 78 000 2222");
            ticked = tick_first(d, wxString::FromUTF8(first_site));
            w.screenshot("edit");
            press(button(&d, wxID_OK));
        }));
    CHECK(w.text("SELECT contact FROM stakeholder WHERE id = " + oid) == "Bureau: +250 78 000 2222");
    CHECK(w.text("SELECT name FROM stakeholder WHERE id = " + oid) == old_name);
    CHECK(ticked == first_site);
    CHECK(w.count("SELECT count(*) FROM stakeholder_site x JOIN site s ON s.id = x.site_id WHERE x.stakeholder_id = " +
                  oid + " AND s.code = '" + first_site + "'") == 1);
    CHECK(w.count("SELECT count(*) FROM audit_log WHERE entity = 'stakeholder' AND operation = 'edit' AND entity_id = " +
                  oid) == 1);
    REQUIRE(pump_until([&] {
        return !w.page->loading() && w.panel->selected_id() == other &&
               w.panel->list()->GetItemText(w.panel->list()->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED),
                                            9) == "Bureau: +250 78 000 2222";
    }));
    CHECK(std::int64_t(w.panel->rows().size()) == before + 1);

    // "Show actions" lists the actions the selected stakeholder is responsible for or supports.
    const std::int64_t busy = w.count("SELECT responsible_id FROM corrective_action WHERE issued_on IS NOT NULL "
                                      "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
    w.panel->select(busy);
    REQUIRE(w.panel->selected_id() == busy);
    auto* actions = dynamic_cast<wxButton*>(wxWindow::FindWindowByName("stakeholder_actions", w.panel));
    REQUIRE(actions != nullptr);
    REQUIRE(actions->IsEnabled());
    press(actions);
    REQUIRE(pump_until([&] { return !w.page->loading(); }));
    CHECK(w.page->book()->GetSelection() == 0);
    const std::string b = std::to_string(busy);
    CHECK(std::int64_t(w.page->list()->rows().size()) ==
          w.count("SELECT count(*) FROM corrective_action WHERE responsible_id = " + b +
                  " OR id IN (SELECT action_id FROM action_supporter WHERE stakeholder_id = " + b + ")"));
    w.page->book()->SetSelection(1);

    // Cancel writes nothing.
    const std::int64_t audits = w.count("SELECT count(*) FROM audit_log");
    REQUIRE(w.with_dialog([&] { press(add); }, [&](gui::StakeholderDialog& d) {
        type_into(d.name(), "Not saved");
        press(button(&d, wxID_CANCEL));
    }));
    CHECK(w.count("SELECT count(*) FROM audit_log") == audits);
    CHECK(w.count("SELECT count(*) FROM stakeholder") == before + 1);
}

TEST_CASE("the stakeholder dialog in French", "[gui][stakeholders][i18n]")
{
    RegistryWindow w("fr");
    auto* add = dynamic_cast<wxButton*>(wxWindow::FindWindowByName("stakeholder_add", w.panel));
    REQUIRE(add != nullptr);
    CHECK(add->GetLabelText() == "Ajouter...");
    REQUIRE(w.with_dialog([&] { press(add); }, [&](gui::StakeholderDialog& d) {
        CHECK(d.GetTitle() == wxString::FromUTF8("Ajouter une partie prenante"));
        CHECK(button(&d, wxID_CANCEL)->GetLabelText() == "Annuler");
        CHECK(button(&d, wxID_OK)->GetLabelText() == "OK");
        CHECK(d.type()->GetString(1) == wxString::FromUTF8("Coopérative minière"));
        CHECK(d.problem().Contains("Nom"));
        type_into(d.name(), wxString::FromUTF8("Coopérative des creuseurs"));
        choose(d.type(), 1);
        tick_first(d, "KOL");
        w.screenshot("fr");
        press(button(&d, wxID_CANCEL));
    }));

    // wxWidgets' own dialogs get the same labels, and keep their buttons' ids.
    wxTextEntryDialog ask(w.frame, "?", "?");
    gui::label_stock_buttons(ask);
    CHECK(button(&ask, wxID_OK)->GetLabelText() == "OK");
    CHECK(button(&ask, wxID_CANCEL)->GetLabelText() == "Annuler");
}
