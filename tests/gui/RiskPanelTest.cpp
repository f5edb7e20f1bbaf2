// The Risks page of the real main window on the demo programme: a risk is assessed by a
// click on a matrix cell and by the arrow keys, the escalation decision of a red-flagged
// risk is chosen, a decision and a review are recorded through their dialog, the database
// is read back. Needs an X display (xvfb-run).
// MWANGAZA_RISKS_SCREENSHOT=prefix saves pictures of the screen (prefix-en.png, -fr.png).
#include "app/DemoProgramme.hpp"
#include "gui/Language.hpp"
#include "gui/MainFrame.hpp"
#include "gui/RiskDecisionDialog.hpp"
#include "gui/RiskMatrixCtrl.hpp"
#include "gui/RiskPanel.hpp"
#include "TriageWindow.hpp"

#include <catch2/catch.hpp>

#include "WxTestSupport.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdlib>

using namespace mwangaza;
using test::pump_until;
using test::start_wx;

namespace {

struct RisksWindow : test::TriageWindow {
    gui::RiskPanel* risks = nullptr;

    explicit RisksWindow(const std::string& lang = "en") : TriageWindow("mwangaza-risks-gui")
    {
        REQUIRE(gui::install_language(lang));
        open_frame(wxSize(1600, 1200));
        risks = frame->risks();
        REQUIRE(risks != nullptr);
        frame->notebook()->SetSelection(std::size_t(frame->notebook()->FindPage(risks)));
        REQUIRE(pump_until([&] { return !risks->loading() && !risks->rows().rows.empty(); }));
    }
    ~RisksWindow() { gui::install_language("en"); }

    std::int64_t risk(const std::string& site, const std::string& area)
    {
        const auto& list = risks->rows();
        for (const auto& r : list.rows)
            if (list.site_code(r) == site && list.area_code(r) == area)
                return r.id;
        FAIL("no open risk for " << site << " " << area);
        return 0;
    }
    void show(std::int64_t id)
    {
        risks->select_risk(id);
        REQUIRE(pump_until([&] { return !risks->loading() && risks->save_button()->IsEnabled(); }));
    }
    // A left click on the centre of a matrix cell, as the control receives it.
    void click_cell(int severity, int likelihood)
    {
        auto* m = risks->matrix_ctrl();
        const wxRect r = m->cell_rect(severity, likelihood);
        wxMouseEvent e(wxEVT_LEFT_DOWN);
        e.SetPosition(wxPoint(r.x + r.width / 2, r.y + r.height / 2));
        e.SetEventObject(m);
        m->GetEventHandler()->ProcessEvent(e);
    }
    void key(int code)
    {
        wxKeyEvent e(wxEVT_KEY_DOWN);
        e.m_keyCode = code;
        e.SetEventObject(risks->matrix_ctrl());
        risks->matrix_ctrl()->GetEventHandler()->ProcessEvent(e);
    }
    void press_save()
    {
        wxCommandEvent e(wxEVT_BUTTON, risks->save_button()->GetId());
        e.SetEventObject(risks->save_button());
        risks->save_button()->GetEventHandler()->ProcessEvent(e);
        REQUIRE(pump_until([&] { return !risks->loading(); }));
    }
    void screenshot(const std::string& suffix)
    {
        const char* prefix = std::getenv("MWANGAZA_RISKS_SCREENSHOT");
        if (!prefix)
            return;
        pump_until([] { return false; }, 400);
        const std::string command = "import -window root '" + std::string(prefix) + "-" + suffix + ".png'";
        CHECK(std::system(command.c_str()) == 0);
    }
};

struct Latest {
    int severity = 0, likelihood = 0, matrix_version = 0, red_flag = 0;
    std::string level, assessor, rationale, decision;
};

Latest latest(const std::filesystem::path& path, std::int64_t risk)
{
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT a.severity, a.likelihood, v.version, a.red_flag, a.level, a.assessor, a.rationale, "
                            "coalesce(a.escalation_decision, '') FROM risk_assessment a "
                            "JOIN matrix_version v ON v.id = a.matrix_version_id WHERE a.risk_id = ? ORDER BY a.id DESC "
                            "LIMIT 1");
    q.bind(1, risk);
    REQUIRE(q.executeStep());
    return {q.getColumn(0).getInt(), q.getColumn(1).getInt(), q.getColumn(2).getInt(), q.getColumn(3).getInt(),
            q.getColumn(4).getString(), q.getColumn(5).getString(), q.getColumn(6).getString(), q.getColumn(7).getString()};
}

} // namespace

TEST_CASE("a risk is assessed by clicking a matrix cell, with its rationale", "[gui][risk]")
{
    RisksWindow w;
    const auto ohs = w.risk("CD-KOL-01", "ohs");
    w.show(ohs);
    const auto before = latest(w.path, ohs);

    w.click_cell(4, 3);
    REQUIRE(w.risks->matrix_ctrl()->selection() == std::optional(std::pair{4, 3}));
    // Without a rationale nothing is written and the page says why.
    w.press_save();
    CHECK(latest(w.path, ohs).rationale == before.rationale);
    CHECK(w.risks->feedback()->GetLabel().Lower().Contains("rationale"));

    w.risks->rationale()->SetValue("New gallery dug without timbering; two falls of rock in March");
    w.press_save();
    const auto after = latest(w.path, ohs);
    CHECK(after.severity == 4);
    CHECK(after.likelihood == 3);
    CHECK(after.level == "high"); // the current matrix's cell (major x possible)
    CHECK(after.matrix_version == 1);
    CHECK(after.red_flag == 0);
    CHECK(after.assessor == (wxGetUserId().empty() ? std::string("expert") : wxGetUserId().utf8_string()));
    CHECK(after.rationale == "New gallery dug without timbering; two falls of rock in March");
    // The list shows the new level once read again.
    REQUIRE(pump_until([&] { return !w.risks->loading(); }));
    bool shown = false;
    for (const auto& r : w.risks->rows().rows)
        if (r.id == ohs) {
            shown = true;
            CHECK(r.severity == 4);
            CHECK(r.likelihood == 3);
        }
    CHECK(shown);
    w.screenshot("en");
}

TEST_CASE("the keyboard picks a cell and a red-flagged risk gets its escalation decision", "[gui][risk]")
{
    RisksWindow w;
    const auto wfcl = w.risk("CD-KOL-01", "wfcl");
    w.show(wfcl);
    w.risks->matrix_ctrl()->select(std::nullopt);
    w.risks->matrix_ctrl()->SetFocus();
    w.key(WXK_DOWN); // from the centre (3, 3)
    w.key(WXK_DOWN);
    w.key(WXK_LEFT);
    REQUIRE(w.risks->matrix_ctrl()->selection() == std::optional(std::pair{1, 2}));
    w.key(WXK_RETURN); // confirms the cell: the rationale takes the keyboard
    pump_until([] { return true; });
    // Annex II serious abuse: never below high, and the decision is offered.
    REQUIRE(w.risks->decision()->IsEnabled());
    w.risks->rationale()->SetValue("Children no longer seen at the washing points; plan agreed");
    w.risks->decision()->SetSelection(3); // mitigate
    wxCommandEvent choice(wxEVT_CHOICE, w.risks->decision()->GetId());
    choice.SetInt(3);
    choice.SetEventObject(w.risks->decision());
    w.risks->decision()->GetEventHandler()->ProcessEvent(choice);
    w.risks->decision_date()->SetValue("2022-03-15");
    w.press_save();
    const auto after = latest(w.path, wfcl);
    CHECK(after.severity == 1);
    CHECK(after.likelihood == 2);
    CHECK(after.level == "high");
    CHECK(after.red_flag == 1);
    CHECK(after.decision == "mitigate");
    CHECK(w.risks->feedback()->GetLabel().Contains("2022-09-15")); // the review date
}

TEST_CASE("the Risks page in French", "[gui][risk]")
{
    RisksWindow w("fr");
    const auto wfcl = w.risk("CD-KOL-01", "wfcl");
    w.show(wfcl);
    w.click_cell(5, 4);
    CHECK(w.risks->matrix_ctrl()->selection() == std::optional(std::pair{5, 4}));
    auto* notebook = w.frame->notebook();
    CHECK(notebook->GetPageText(std::size_t(notebook->FindPage(w.risks))) == wxString::FromUTF8("Risques"));
    w.screenshot("fr");
}

TEST_CASE("the risk register follows the site chosen in the main window's site list", "[gui][risk]")
{
    RisksWindow w;
    const auto all = w.risks->rows().rows.size();
    gui::Scope site;
    site.kind = gui::Scope::Kind::Site;
    site.site_code = "CD-KOL-01";
    w.frame->apply_scope(site);
    REQUIRE(pump_until([&] { return !w.risks->loading(); }));
    REQUIRE_FALSE(w.risks->rows().rows.empty());
    CHECK(w.risks->rows().rows.size() < all);
    for (const auto& r : w.risks->rows().rows)
        CHECK(w.risks->rows().site_code(r) == "CD-KOL-01");
    w.frame->apply_scope(gui::Scope{});
    REQUIRE(pump_until([&] { return !w.risks->loading(); }));
    CHECK(w.risks->rows().rows.size() == all);
}

namespace {

// Fills the modal decision or review dialog once it is shown and presses its OK, as a user
// would; gives up (Cancel) if the dialog refuses, keeping the reason.
struct DialogFiller {
    std::optional<int> decision;
    std::string on, note;
    bool seen = false;
    std::string refused;

    DialogFiller(std::optional<int> d, std::string date, std::string text)
        : decision(d), on(std::move(date)), note(std::move(text))
    {
    }

    void arm()
    {
        wxTheApp->CallAfter([this] {
            for (auto* window : wxTopLevelWindows) {
                auto* dialog = dynamic_cast<gui::RiskDecisionDialog*>(window);
                if (!dialog || !dialog->IsModal())
                    continue;
                seen = true;
                if (decision && dialog->decision())
                    dialog->decision()->SetSelection(*decision);
                dialog->date()->SetValue(wxString::FromUTF8(on));
                dialog->note()->SetValue(wxString::FromUTF8(note));
                if (const char* prefix = std::getenv("MWANGAZA_RISKS_SCREENSHOT")) {
                    // A picture of the dialog as filled, once it is drawn.
                    wxMilliSleep(300);
                    wxYield();
                    const std::string command = "import -window root '" + std::string(prefix) + "-" +
                                                dialog->GetName().utf8_string() + ".png'";
                    CHECK(std::system(command.c_str()) == 0);
                }
                dialog->press_ok();
                if (dialog->IsModal()) {
                    refused = dialog->problem()->GetLabel().utf8_string();
                    dialog->EndModal(wxID_CANCEL);
                }
            }
        });
    }
};

std::string current_decision(const std::filesystem::path& path, std::int64_t risk)
{
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT decision || ' ' || decided_on || ' ' || reviewed_on FROM risk WHERE id = ?");
    q.bind(1, risk);
    REQUIRE(q.executeStep());
    return q.getColumn(0).getString();
}

} // namespace

TEST_CASE("a decision and a review of a red-flagged risk are recorded through their dialog", "[gui][risk][annex]")
{
    RisksWindow w;
    // A risk without red flag offers neither.
    w.show(w.risk("CD-KOL-01", "ohs"));
    CHECK_FALSE(w.risks->decide_button()->IsEnabled());
    CHECK_FALSE(w.risks->review_button()->IsEnabled());

    const auto wfcl = w.risk("CD-KOL-01", "wfcl");
    w.show(wfcl);
    REQUIRE(w.risks->decide_button()->IsEnabled());
    SQLite::Database db(w.path.string(), SQLite::OPEN_READONLY);
    const auto count = [&](const std::string& sql) { return db.execAndGet(sql).getInt64(); };
    const auto assessments = count("SELECT count(*) FROM risk_assessment");

    // Without a rationale the dialog stays open and says why; nothing is written.
    DialogFiller empty{2, "2022-04-20", ""};
    empty.arm();
    CHECK_FALSE(w.risks->record_decision());
    CHECK(empty.seen);
    CHECK_THAT(empty.refused, Catch::Contains("rationale"));

    DialogFiller mitigate{2, "2022-04-20", "Purchaser call: trade continues under the cooperative's plan"};
    mitigate.arm();
    REQUIRE(w.risks->record_decision());
    CHECK(mitigate.refused.empty());
    REQUIRE(pump_until([&] { return !w.risks->loading(); }));
    CHECK(current_decision(w.path, wfcl) == "mitigate 2022-04-20 ");
    CHECK(count("SELECT count(*) FROM risk_assessment") == assessments);
    CHECK(count("SELECT count(*) FROM risk_decision WHERE risk_id = " + std::to_string(wfcl) +
                " AND kind = 'decision' AND note = 'Purchaser call: trade continues under the cooperative''s plan'") == 1);
    CHECK(w.risks->feedback()->GetLabel().Contains("2022-10-20")); // the review date
    // The register's columns: the decision, and the review (overdue today, years later).
    bool listed = false;
    wxListCtrl* list = w.risks->register_list();
    for (long i = 0; i < list->GetItemCount(); ++i)
        if (list->GetItemText(i, 0) == "CD-KOL-01" && list->GetItemText(i, 5).Contains("Mitigate, 2022-04-20")) {
            listed = true;
            CHECK(list->GetItemText(i, 6) == "2022-10-20 OVERDUE");
            CHECK(list->GetItemText(i, 3) == "Mitigate: review overdue");
        }
    CHECK(listed);
    // The detail lists it and now offers a review.
    w.show(wfcl);
    REQUIRE(pump_until([&] { return !w.risks->loading() && w.risks->review_button()->IsEnabled(); }));
    CHECK(w.risks->decisions_list()->GetItemText(0, 0) == "2022-04-20");

    DialogFiller review{std::nullopt, "2022-10-25", "Register of children kept; two visits without a child seen"};
    review.arm();
    REQUIRE(w.risks->record_review());
    REQUIRE(pump_until([&] { return !w.risks->loading(); }));
    CHECK(current_decision(w.path, wfcl) == "mitigate 2022-04-20 2022-10-25");
    CHECK(count("SELECT count(*) FROM audit_log WHERE entity = 'risk' AND operation = 'review' AND entity_id = " +
                std::to_string(wfcl)) == 1);
    CHECK(w.risks->feedback()->GetLabel().Contains("2023-04-25"));
    w.show(wfcl);
    REQUIRE(pump_until([&] { return !w.risks->loading() && w.risks->decisions_list()->GetItemCount() >= 2; }));
    CHECK(w.risks->decisions_list()->GetItemText(0, 0) == "2022-10-25");
    w.screenshot("decision");
}
