//===--- WorkerPool.h - asynclint driver ------------------------*- C++ -*-===//
//
// Runs work items in worker processes, so that one item that crashes or
// hangs (a check's bug, or clang's own on odd input) costs that item only.
// Workers are forked from the driver once it is set up (no exec, no second
// start-up), take items one at a time over a pipe, and are replaced when
// one dies or is killed for taking too long.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_WORKERPOOL_H
#define ASYNCLINT_DRIVER_WORKERPOOL_H

#include <cstddef>
#include <functional>
#include <string>

namespace asynclint {

/// What became of one work item.
struct WorkOutcome {
  bool Done = false;   // the worker finished it: Payload is its answer
  std::string Payload; // what the work function returned
  std::string Failure; // not done: "crashed with signal 11 (...)" or
                       // "timed out after N s"
  std::string Stderr;  // what the worker printed while on this item
};

/// Runs \p Work(I) for every I < \p Count in up to \p Jobs worker processes
/// and calls \p Done (in this process, one call at a time) with each
/// outcome. \p TimeoutSeconds bounds one item (0: no bound). Must be called
/// while this process has a single thread.
void runInWorkers(size_t Count, unsigned Jobs, unsigned TimeoutSeconds,
                  const std::function<std::string(size_t)> &Work,
                  const std::function<void(size_t, WorkOutcome)> &Done);

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_WORKERPOOL_H
