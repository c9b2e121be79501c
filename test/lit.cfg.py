# lit configuration for the asynclint test suite.
#
# One corpus runs through every front end: lit's `frontend` parameter picks
# the clang-tidy-22 plugin (`plugin`) or the asynclint executable (`driver`),
# and ctest runs the suite once for each.
import os
import shutil

import lit.formats

config.name = "asynclint-" + lit_config.params.get("frontend", "plugin")
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
# unit: GoogleTest sources, run by ctest (asynclint-utils-test), not lit.
config.excludes = ["Inputs", "unit", "lit.cfg.py", "lit.site.cfg.py",
                   "make_compdb.py", "check_sarif.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.asynclint_build_dir, "test",
                                     "Output-" + config.name)

frontend = lit_config.params.get("frontend", "plugin")
plugin = os.path.join(config.asynclint_build_dir, "lib", "libasynclint.so")
driver = os.path.join(config.asynclint_build_dir, "bin", "asynclint")
clang_tidy = os.path.join(config.llvm_tools_dir, "clang-tidy")
if frontend == "plugin":
    tidy = "%s -load %s" % (clang_tidy, plugin)
elif frontend == "driver":
    tidy = driver
else:
    lit_config.fatal("unknown frontend '%s' (plugin or driver)" % frontend)
config.available_features.add("frontend-" + frontend)
if os.path.exists(plugin):
    config.available_features.add("plugin")

# A sanitized tree (ASYNCLINT_SANITIZE, test/CMakeLists.txt): its options
# for every process, and each report also in a file of its own, since a
# report from a driver worker or a clangd the supervisor restarts can be taken
# for a tolerated crash; ctest's sanitizer-reports fails when any is there.
if config.asynclint_sanitize:
    config.available_features.add("sanitized")
    reports = os.path.join(config.asynclint_build_dir, "test",
                           "sanitizer-reports")
    shutil.rmtree(reports, ignore_errors=True)
    os.makedirs(reports)
    for assignment in config.sanitizer_env.split(";"):
        name, value = assignment.split("=", 1)
        if name in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
            value += ":log_path=" + os.path.join(reports, "report")
        config.environment[name] = value
# `%clang_crash_env VAR=... command`: for a RUN line whose input crashes
# clang's own (uninstrumented) code on purpose; the SIGSEGV is the driver's
# to report, so AddressSanitizer must not take it over.
crash_env = "env"
if config.asynclint_sanitize:
    crash_env = "env ASAN_OPTIONS=%s:handle_segv=0" % (
        config.environment["ASAN_OPTIONS"])
config.substitutions.append(("%clang_crash_env", crash_env))

# Keep the user's environment out: no stray .clang-tidy, no colours.
config.environment["HOME"] = config.test_exec_root
config.environment["XDG_CACHE_HOME"] = os.path.join(config.test_exec_root,
                                                    "cache")

config.environment["TERM"] = "dumb"

inputs = os.path.join(config.test_source_root, "Inputs")
runner = os.path.join(config.test_source_root, "check_async_tidy.py")
filecheck = os.path.join(config.llvm_tools_dir, "FileCheck")
# The front end as a CMake list (CMAKE_CXX_CLANG_TIDY) before the plain
# form, which is a prefix of it.
config.substitutions.append(("%asynclint_tidy_list", ";".join(tidy.split())))
config.substitutions.append(("%asynclint_tidy", tidy))
config.substitutions.append(("%asynclint_plugin", plugin))
config.substitutions.append(("%asynclint_driver", driver))
config.substitutions.append(
    ("%make_compdb", "%s %s" % (config.python_executable,
                                os.path.join(config.test_source_root, "driver",
                                             "make_compdb.py"))))
config.substitutions.append(
    ("%check_sarif", "%s %s" % (config.python_executable,
                                os.path.join(config.test_source_root, "driver",
                                             "check_sarif.py"))))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%asynclint_clangd",
                             os.path.join(config.asynclint_build_dir, "bin",
                                          "asynclint-clangd")))
config.substitutions.append(("%clangd", shutil.which("clangd-22") or
                             os.path.join(config.llvm_tools_dir, "clangd")))
config.substitutions.append(("%clang_tidy_22", clang_tidy))
config.substitutions.append(("%clangxx",
                             os.path.join(config.llvm_tools_dir, "clang++")))
config.substitutions.append(("%inputs", inputs))
config.substitutions.append(("%asynclint_src", config.asynclint_source_dir))
# include/asynclint/annotations.h, the annotation macros.
config.substitutions.append(("%asynclint_include",
                             os.path.join(config.asynclint_source_dir,
                                          "include")))
config.substitutions.append(("%runtime_include",
                             os.path.join(config.asynclint_source_dir,
                                          "runtime", "include")))
config.substitutions.append(
    ("%check_async_tidy",
     "%s %s --tidy='%s' --filecheck=%s" % (config.python_executable, runner,
                                          tidy, filecheck)))
# FileCheck, not and count come from llvm-22-tools.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])

# Optional parts: a test that needs one is UNSUPPORTED without it. The
# README's test command (scripts/test.sh) installs them all and sets
# ASYNCLINT_REQUIRE_OPTIONAL, so there a missing one fails the run instead of
# silently skipping its tests.
optional = {
    "clang-tidy-14": shutil.which("clang-tidy-14"),
    "neovim": shutil.which("nvim"),
    "boost-asio": os.path.isdir("/usr/include/boost/asio"),
}
for feature, present in optional.items():
    if present:
        config.available_features.add(feature)
    elif os.environ.get("ASYNCLINT_REQUIRE_OPTIONAL"):
        lit_config.fatal("%s is missing; scripts/install-deps.sh installs it"
                         % feature)
