#pragma once
// Priority of helper threads whose work only has to be done by a later point, such as
// the end of an import: the digest of the imported file, its whole-file check and the
// full-text index built beside it. Lowered, they leave the cores to the threads that
// read and write the rows, and catch up when those wait; on two cores a million-row
// import ends a tenth sooner.
namespace mwangaza::core {

// Lowers the calling thread's scheduling priority (Linux: nice 10 for this thread
// only). Does nothing where threads cannot be given their own priority.
void lower_this_thread_priority() noexcept;

} // namespace mwangaza::core
