// RUN: %python %inputs/gen_deep_expression.py 30000 > %t.deep.cpp
// RUN: %asynclint_tidy --checks='-*,async-blocking-call' --config={} %t.deep.cpp \
// RUN:   -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not='warning:'
// CHECK: deep.cpp:18:3: warning: 'usleep' blocks the event loop inside coroutine 'run' [async-blocking-call]

// A unit with a coroutine and a generated table whose expression has 30,000
// terms (issue 24, item 6): the driven-coroutine count walks it without
// overflowing the stack, and the coroutine's finding is still reported.
