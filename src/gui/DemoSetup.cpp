#include "gui/DemoSetup.hpp"

#include "app/DemoProgramme.hpp"
#include "core/Error.hpp"
#include "gui/Format.hpp"

#include <wx/app.h>
#include <wx/filename.h>
#include <wx/progdlg.h>
#include <wx/utils.h>

#include <atomic>
#include <exception>
#include <mutex>
#include <string>
#include <thread>

namespace mwangaza::gui {

namespace {

// Filled by the worker, read by the UI thread's progress loop.
class SharedProgress : public app::Progress {
public:
    void report(double fraction, const std::string& stage) override
    {
        m_fraction = fraction;
        std::lock_guard lock(m_mutex);
        m_stage = stage;
    }
    bool cancelled() const override { return m_cancel.load(); }

    void cancel() { m_cancel = true; }
    double fraction() const { return m_fraction.load(); }
    std::string stage() const
    {
        std::lock_guard lock(m_mutex);
        return m_stage;
    }

private:
    std::atomic<double> m_fraction{0};
    std::atomic<bool> m_cancel{false};
    mutable std::mutex m_mutex;
    std::string m_stage;
};

} // namespace

std::filesystem::path default_demo_path()
{
    // The XDG data folder ($XDG_DATA_HOME or ~/.local/share): wx 3.2's GetUserDataDir()
    // still answers ~/.mwangaza on Unix.
    wxString base;
    if (!wxGetEnv("XDG_DATA_HOME", &base) || base.empty())
        base = wxFileName::GetHomeDir() + "/.local/share";
    return std::filesystem::path(base.utf8_string()) / wxTheApp->GetAppName().utf8_string() / "demo.mwz";
}

bool create_demo_with_progress(wxWindow* parent, const std::filesystem::path& path, int scale)
{
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec)
        throw StorageError("cannot create the folder " + path.parent_path().string() + ": " + ec.message());

    SharedProgress progress;
    std::atomic<bool> done{false};
    std::exception_ptr failure;
    std::thread worker([&] {
        try {
            app::DemoOptions options;
            options.scale = scale;
            app::create_demo(path, options, progress);
        } catch (...) {
            failure = std::current_exception();
        }
        done = true;
    });

    {
        wxProgressDialog dialog(_("Creating the demo programme"),
                                _("Generating sites, incidents, risks, actions and workshops..."), 1000, parent,
                                wxPD_APP_MODAL | wxPD_CAN_ABORT | wxPD_ELAPSED_TIME | wxPD_SMOOTH);
        std::string shown_stage;
        while (!done) {
            const std::string stage = progress.stage();
            bool keep_going = true;
            const int value = std::min(999, int(progress.fraction() * 1000));
            if (stage != shown_stage && !stage.empty()) {
                shown_stage = stage;
                keep_going = dialog.Update(value, from_utf8(stage));
            } else {
                keep_going = dialog.Update(value);
            }
            if (!keep_going)
                progress.cancel();
            wxMilliSleep(30);
        }
    }
    worker.join();

    if (failure) {
        try {
            std::rethrow_exception(failure);
        } catch (const Cancelled&) {
            return false;
        }
    }
    return true;
}

} // namespace mwangaza::gui
