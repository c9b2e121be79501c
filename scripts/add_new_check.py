#!/usr/bin/env python3
"""Creates the four files of a new async check and registers it.

  scripts/add_new_check.py sequential-awaits "Finds independent awaits run one after another."

writes checks/<Name>Check.{h,cpp}, test/checks/async-<name>.cpp and
docs/checks/async-<name>.md, and adds the check to checks/AsyncTidyModule.cpp,
checks/CMakeLists.txt, docs/checks/list.md and the list-checks test. The
generated test fails until the check does something: write the check first.
"""
import os
import re
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write_new(path, text):
    full = os.path.join(root, path)
    if os.path.exists(full):
        sys.exit("add_new_check: %s exists; not overwriting" % path)
    with open(full, "w") as f:
        f.write(text)
    print("created", path)


def insert_after(path, anchor_regex, line, sort_key=None):
    full = os.path.join(root, path)
    with open(full) as f:
        lines = f.read().split("\n")
    idx = [i for i, l in enumerate(lines) if re.search(anchor_regex, l)]
    if not idx:
        sys.exit("add_new_check: no anchor %r in %s" % (anchor_regex, path))
    at = idx[-1]
    # An anchor that starts a statement spanning lines: insert after its end.
    while line.endswith(";") and not lines[at].rstrip().endswith(";"):
        at += 1
    lines.insert(at + 1, line)
    with open(full, "w") as f:
        f.write("\n".join(lines))
    print("updated", path)


def main():
    if len(sys.argv) != 3 or not re.fullmatch(r"[a-z]+(-[a-z]+)*", sys.argv[1]):
        sys.exit(__doc__)
    name, summary = sys.argv[1], sys.argv[2].rstrip(".")
    camel = "".join(p.capitalize() for p in name.split("-")) + "Check"
    full_name = "async-" + name
    guard = "ASYNCLINT_CHECKS_%s_H" % camel.upper()

    def banner(file, suffix):
        head = "//===--- %s - asynclint " % file
        return head + "-" * max(1, 80 - len(head) - len(suffix)) + suffix

    write_new("checks/%s.h" % camel, f"""{banner(camel + '.h', '*- C++ -*-===//')}

#ifndef {guard}
#define {guard}

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::async {{

/// {summary}.
///
/// For the user-facing documentation see:
/// docs/checks/{full_name}.md
class {camel} : public ClangTidyCheck {{
public:
  {camel}(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {{}}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {{
    return LangOpts.CPlusPlus20;
  }}
  std::optional<TraversalKind> getCheckTraversalKind() const override {{
    return TK_AsIs;
  }}
}};

}} // namespace clang::tidy::async

#endif // {guard}
""")
    write_new("checks/%s.cpp" % camel, f"""{banner(camel + '.cpp', '===//')}

#include "{camel}.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {{

void {camel}::registerMatchers(MatchFinder *Finder) {{
  // TODO: match what the check looks for.
}}

void {camel}::check(const MatchFinder::MatchResult &Result) {{}}

}} // namespace clang::tidy::async
""")
    write_new("test/checks/%s.cpp" % full_name, f"""// RUN: %check_async_tidy %s {full_name} %t -- -I %inputs

#include "cppcoro_like.h"

// Write a positive case with CHECK-MESSAGES and a negative neighbour beside it.
// CHECK-MESSAGES: :[[@LINE+1]]:1: warning: replace this line [{full_name}]
""")
    write_new("docs/checks/%s.md" % full_name, f"""# {full_name}

{summary}.

## What it finds

## Options

## When it does not warn
""")
    insert_after("checks/AsyncTidyModule.cpp", r'^#include "\w+Check\.h"$',
                 '#include "%s.h"' % camel)
    insert_after("checks/AsyncTidyModule.cpp", r"registerCheck<",
                 '    CheckFactories.registerCheck<%s>("%s");' % (camel, full_name))
    insert_after("checks/CMakeLists.txt", r"^  \w+Check\.cpp$", "  %s.cpp" % camel)
    insert_after("docs/checks/list.md", r"^\| \[async-",
                 "| [%s](%s.md) | %s |" % (full_name, full_name, summary[0].lower() + summary[1:]))
    subprocess.run(["/usr/lib/llvm-22/bin/clang-format", "-i",
                    os.path.join(root, "checks/AsyncTidyModule.cpp"),
                    os.path.join(root, "checks/%s.h" % camel),
                    os.path.join(root, "checks/%s.cpp" % camel)], check=True)
    # clang-tidy lists checks alphabetically; keep the test's lines sorted.
    test = os.path.join(root, "test/frontend/list-checks.test")
    lines = open(test).read().split("\n")
    idx = [i for i, l in enumerate(lines) if l.startswith("CHECK-NEXT: async-")]
    names = sorted([lines[i] for i in idx] + ["CHECK-NEXT: " + full_name])
    lines[idx[0]:idx[-1] + 1] = names
    open(test, "w").write("\n".join(lines))
    print("updated test/frontend/list-checks.test")


if __name__ == "__main__":
    main()
