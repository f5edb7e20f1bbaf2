// mwangaza [--db PATH] [--lang en|fr]: the workbench. Without --db it reopens the most
// recent programme, or the demo programme in the user's data folder (created on first
// launch).
#include "core/I18n.hpp"
#include "gui/Language.hpp"
#include "gui/MainFrame.hpp"
#include "gui/StartTimer.hpp"

#include <wx/app.h>
#include <wx/cmdline.h>
#include <wx/config.h>
#include <wx/fileconf.h>
#include <wx/filename.h>
#include <wx/stdpaths.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace mwangaza::gui {

class App : public wxApp {
public:
    bool OnInit() override
    {
        ms_since_launch(); // fixes the launch time as early as possible
        SetAppName("mwangaza");
        SetAppDisplayName("Mwangaza");
        wxStandardPaths::Get().SetFileLayout(wxStandardPaths::FileLayout_XDG);

        // The language must be known before wx parses (and may print help for) the command line.
        std::string lang = core::language_from_environment();
        for (int i = 1; i < argc; ++i) {
            const wxString arg = argv[i];
            if (arg == "--lang" && i + 1 < argc)
                lang = std::string(wxString(argv[i + 1]).utf8_str());
            else if (arg.StartsWith("--lang="))
                lang = std::string(arg.Mid(7).utf8_str());
        }
        if (!core::is_supported_language(lang)) {
            std::fprintf(stderr, "mwangaza: unsupported language '%s' (use en or fr)\n", lang.c_str());
            return false;
        }
        if (!install_language(lang))
            std::fprintf(stderr, "mwangaza: the '%s' catalog was not found under %s; using English\n", lang.c_str(),
                         core::locale_dir().string().c_str());

        if (!wxApp::OnInit())
            return false;

        const wxFileName config_file(wxStandardPaths::Get().GetUserConfigDir() + "/mwangaza", "mwangaza.conf");
        config_file.Mkdir(wxS_DIR_DEFAULT, wxPATH_MKDIR_FULL);
        wxConfigBase::Set(new wxFileConfig("mwangaza", wxString(), config_file.GetFullPath(), wxString(),
                                           wxCONFIG_USE_LOCAL_FILE));

        auto* frame = new MainFrame;
        bool opened = false;
        if (!m_db.empty()) {
            opened = frame->open_database(std::filesystem::path(m_db.utf8_string()));
        } else {
            wxString recent;
            wxConfigBase::Get()->Read("/RecentFiles/file1", &recent);
            if (!recent.empty() && wxFileName::FileExists(recent))
                opened = frame->open_database(std::filesystem::path(recent.utf8_string()), true);
            if (!opened)
                opened = frame->open_default_demo();
        }
        (void)opened; // without a database the window still opens, with File > Open and New
        frame->Show();
        SetTopWindow(frame);
        return true;
    }

    int OnExit() override
    {
        delete wxConfigBase::Set(nullptr);
        return wxApp::OnExit();
    }

    void OnInitCmdLine(wxCmdLineParser& parser) override
    {
        wxApp::OnInitCmdLine(parser);
        parser.AddOption(wxString(), "db", _("programme database to open"), wxCMD_LINE_VAL_STRING);
        parser.AddOption(wxString(), "lang", _("interface language: en or fr"), wxCMD_LINE_VAL_STRING);
    }

    bool OnCmdLineHelp(wxCmdLineParser& parser) override
    {
        parser.Usage();
        std::exit(0); // asked for, so a success; nothing has been opened yet
    }

    bool OnCmdLineParsed(wxCmdLineParser& parser) override
    {
        if (!wxApp::OnCmdLineParsed(parser))
            return false;
        parser.Found("db", &m_db);
        return true;
    }

private:
    wxString m_db;
};

} // namespace mwangaza::gui

wxIMPLEMENT_APP(mwangaza::gui::App);
