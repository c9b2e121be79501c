#!/usr/bin/env python3
"""Writes a unit with a coroutine that blocks and a generated table whose
expression has N terms (default 30,000), for async-blocking-call's
deep-expression test."""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 30000
sys.stdout.write(
    "#include <coroutine>\n"
    "#include <unistd.h>\n"
    "struct task {\n"
    "  struct promise_type {\n"
    "    task get_return_object() { return {}; }\n"
    "    std::suspend_always initial_suspend() noexcept { return {}; }\n"
    "    std::suspend_always final_suspend() noexcept { return {}; }\n"
    "    void return_void() {}\n"
    "    void unhandled_exception() {}\n"
    "  };\n"
    "  bool await_ready() { return false; }\n"
    "  void await_suspend(std::coroutine_handle<>) {}\n"
    "  void await_resume() {}\n"
    "};\n"
    "task work();\n"
    "task run() {\n"
    "  co_await work();\n"
    "  ::usleep(1);\n"
    "}\n"
    "int table(int x) { return " + " + ".join(["x"] * n) + "; }\n")
