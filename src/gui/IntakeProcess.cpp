#include "gui/IntakeProcess.hpp"

#include "core/InstallPaths.hpp"
#include "core/JsonReader.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

extern char** environ;

namespace mwangaza::gui {

namespace {

// Hands complete stderr lines to `on_progress` (progress objects) or `err` (the rest).
void take_err_lines(std::string& pending, std::string& err, const IntakeProcess::ProgressFn& on_progress)
{
    std::size_t start = 0;
    for (std::size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1) {
        const std::string line = pending.substr(start, nl - start);
        bool progress = false;
        if (line.rfind("{\"progress\"", 0) == 0) {
            try {
                const auto v = core::parse_json(line);
                progress = true;
                if (on_progress)
                    on_progress(v["progress"].as_number(), v["stage"].as_string());
            } catch (const std::exception&) {
                progress = false;
            }
        }
        if (!progress)
            err += line + "\n";
    }
    pending.erase(0, start);
}

} // namespace

IntakeProcess::~IntakeProcess()
{
    interrupt();
    join();
}

void IntakeProcess::join()
{
    if (m_thread.joinable())
        m_thread.join();
}

void IntakeProcess::interrupt()
{
    std::lock_guard lock(m_mutex);
    if (m_pid > 0)
        ::kill(m_pid, SIGINT);
}

void IntakeProcess::start(const std::vector<std::string>& args, ProgressFn on_progress, DoneFn on_done)
{
    join(); // a finished run's thread
    int out_pipe[2] = {-1, -1};
    int err_pipe[2] = {-1, -1};
    IntakeOutcome failed;
    const std::string helper = core::intake_tool_path().string();
    if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
        failed.start_error = std::strerror(errno);
        for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
            if (fd >= 0)
                ::close(fd);
        on_done(std::move(failed));
        return;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    // The helper starts with no signal blocked and SIGINT at its default, whatever the
    // toolkit did to this thread.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<std::string> argv_text{helper};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, helper.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (rc != 0) {
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        failed.start_error = helper + ": " + std::strerror(rc);
        on_done(std::move(failed));
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_pid = pid;
    }
    m_running = true;
    m_thread = std::thread([this, pid, out_fd = out_pipe[0], err_fd = err_pipe[0], on_progress = std::move(on_progress),
                            on_done = std::move(on_done)] {
        IntakeOutcome outcome;
        std::string pending;
        pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
        int open_fds = 2;
        char buffer[65536];
        while (open_fds > 0) {
            if (::poll(fds, 2, -1) < 0) {
                if (errno == EINTR)
                    continue;
                break;
            }
            for (int i = 0; i < 2; ++i) {
                if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                    continue;
                const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0) {
                    ::close(fds[i].fd);
                    fds[i].fd = -1;
                    --open_fds;
                    continue;
                }
                if (i == 0) {
                    outcome.out.append(buffer, std::size_t(n));
                } else {
                    pending.append(buffer, std::size_t(n));
                    take_err_lines(pending, outcome.err, on_progress);
                }
            }
        }
        for (auto& f : fds)
            if (f.fd >= 0)
                ::close(f.fd);
        if (!pending.empty()) {
            pending += '\n';
            take_err_lines(pending, outcome.err, on_progress);
        }
        int raw = 0;
        pid_t reaped = -1;
        {
            // Reaped under the lock, so interrupt() never signals a reused process id.
            std::lock_guard lock(m_mutex);
            do {
                reaped = ::waitpid(pid, &raw, 0);
            } while (reaped < 0 && errno == EINTR);
            m_pid = -1;
        }
        outcome.status = reaped == pid && WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
        m_running = false;
        on_done(std::move(outcome));
    });
}

} // namespace mwangaza::gui
