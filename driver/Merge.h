//===--- Merge.h - asynclint driver -----------------------------*- C++ -*-===//
//
// `asynclint merge`: combines the JSON reports, SARIF logs, baselines or
// summaries files that the shards of one run wrote (--shard=K/N) into what
// the unsharded run writes: a finding that several shards report (in a header
// their units all include) once, in the same order, and the same exit code. See
// docs/ci.md.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_DRIVER_MERGE_H
#define ASYNCLINT_DRIVER_MERGE_H

namespace asynclint {

/// `asynclint merge [--output=FILE] [--quiet] FILE...` (\p Argv[0] is
/// "merge"); returns the exit code.
int mergeMain(int Argc, const char **Argv);

} // namespace asynclint

#endif // ASYNCLINT_DRIVER_MERGE_H
