#include "core/ThreadPriority.hpp"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace mwangaza::core {

void lower_this_thread_priority() noexcept
{
#ifdef __linux__
    // On Linux a nice value belongs to a thread, named by its thread id.
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
#endif
}

} // namespace mwangaza::core
